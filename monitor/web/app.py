"""The web application: pages, API, Atom feeds, metrics and probes, with the rules that apply to
every request (body size limit, security headers, errors that name no secret)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from prometheus_client import CollectorRegistry
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from monitor.errors import InputError, NotFound, StorageError
from monitor.logs import get_logger
from monitor.pipeline import Decisions
from monitor.push import WebSubSubscriber
from monitor.settings import LoadedSettings
from monitor.store.repo import Store
from monitor.web.auth import Auth
from monitor.web.metrics import registry_for

HERE = Path(__file__).resolve().parent
log = get_logger()

# Pages and API lists show at most this many rows at a time.
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

# No script runs on our pages, from us or from anyone: a feed's text that got through escaping
# would still be inert.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self' data:; "
     b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


@dataclass
class WebContext:
    """What the routes work with. ``writable``: False for ``rumour-monitor serve``."""

    loaded: LoadedSettings
    store: Store
    writable: bool = True
    # The decisions (review, statuses) as the CLI makes them; the daemon lends its judge.
    make_decisions: Callable[[], Decisions] | None = None
    # The daemon's WebSub subscriber ([http] public_url); None: the callback route answers 404.
    websub: WebSubSubscriber | None = None
    auth: Auth = field(init=False)
    registry: CollectorRegistry = field(init=False)

    def __post_init__(self) -> None:
        self.auth = Auth(self.loaded.settings.http.token, self.writable)
        self.registry = registry_for(self.store)

    def decisions(self) -> Decisions:
        """Made for each write, so that it follows the daemon's configuration reloads."""
        return self.make_decisions() if self.make_decisions else Decisions(self.loaded, self.store)


def _json_default(o: Any) -> Any:
    if isinstance(o, datetime):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


class CliJSONResponse(JSONResponse):
    """JSON exactly as the CLI's ``--json`` writes it (ISO times, text not escaped to ASCII)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_json_default).encode("utf-8")


class Guard:
    """Every request: bodies over ``max_body`` bytes get 413 (declared or streamed), and every
    answer carries the security headers."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _too_large(self.max_body, send)
            return
        seen = 0
        refused = started = False

        async def limited() -> Message:
            # Past the limit the client gets 413 at once and the application sees the client
            # leave: whatever it answers after that is dropped.
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                refused = True
                if not started:
                    await _too_large(self.max_body, send)
                return {"type": "http.disconnect"}
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, limited, with_headers)


async def _too_large(limit: int, send: Send) -> None:
    body = f"request body over {limit} bytes ([http] max_body_bytes)\n".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def templates() -> Environment:
    from monitor.web import views

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(views.FILTERS)
    return env


def create_app(ctx: WebContext) -> ASGIApp:
    from monitor.web.api import router as api_router
    from monitor.web.pages import router as page_router
    from monitor.web.websub import router as websub_router

    app = FastAPI(
        title="rumour-monitor",
        summary="Claims, their evidence and status changes, as `rumour-monitor --json` shows them.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load their script from a CDN: not served
        redoc_url=None,
    )
    app.state.ctx = ctx
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)
    app.include_router(page_router)
    app.include_router(websub_router)
    _probes(app, ctx)
    _errors(app)
    return Guard(app, ctx.loaded.settings.http.max_body_bytes)


def _probes(app: FastAPI, ctx: WebContext) -> None:
    from monitor.daemon import check_health
    from monitor.web.metrics import exposition

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok\n")

    @app.get("/readyz", include_in_schema=False)
    def readyz() -> PlainTextResponse:
        try:
            ctx.store.ping()
            health = check_health(ctx.store, ctx.loaded)
        except StorageError:
            return PlainTextResponse("not ready: the database does not answer\n", status_code=503)
        if not health.ok:
            return PlainTextResponse(f"not ready: {health.reason}\n", status_code=503)
        return PlainTextResponse(f"ready: {health.reason}\n")

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        try:
            body = exposition(ctx.registry)
        except StorageError:
            return PlainTextResponse("the database does not answer\n", status_code=503)
        return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _errors(app: FastAPI) -> None:
    def answer(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if _wants_html(request):
            html = request.app.state.templates.get_template("error.html").render(
                status=status, message=message, request=request
            )
            return Response(html, status_code=status, media_type="text/html", headers=headers)
        return CliJSONResponse({"error": message}, status_code=status, headers=headers)

    @app.exception_handler(StorageError)
    async def storage(request: Request, e: StorageError) -> Response:
        # The cause goes to the log; the answer names no server, user or password.
        log.error("web.database_error", path=request.url.path, error=f"StorageError: {e}")
        return answer(request, 503, "the database did not answer; see the service's log")

    @app.exception_handler(InputError)
    async def bad_input(request: Request, e: InputError) -> Response:
        return answer(request, 400, str(e))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, e: NotFound) -> Response:
        return answer(request, 404, str(e))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, e: HTTPException) -> Response:
        return answer(request, e.status_code, str(e.detail), getattr(e, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, e: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        return answer(request, 422, f"invalid request: {problems}")
