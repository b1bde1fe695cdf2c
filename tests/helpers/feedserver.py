"""A real local HTTP feed server for tests (127.0.0.1, a free port, one thread per connection).

    server = FeedServer()                     # or the ``feed_server`` fixture (conftest.py)
    server.route("/a.xml", body=RSS, headers={"ETag": '"v1"'})
    server.route("/b.xml", status=304)
    server.redirect("/old", "/a.xml", status=301)
    server.route("/slow", body=b"<rss>", trickle=0.5, endless=True)   # slowloris
    server.route("/seq", [Reply(status=503, headers={"Retry-After": "120"}), Reply(body=RSS)])
    url = server.url("/a.xml")
    server.requests_for("/a.xml")[-1].headers["if-none-match"]
    server.close()

A route is a ``Reply``, a list of replies (served in order, the last one repeats) or a function
``(Request) -> Reply``. Unknown paths answer 404.
"""

from __future__ import annotations

import gzip as _gzip
import http.server
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monitor.model import FeedRow, PolledFeed
    from monitor.settings import LoadedSettings

__all__ = ["FeedServer", "Reply", "Request"]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False  # compress the body, send Content-Encoding: gzip
    delay: float = 0.0  # seconds to wait before answering
    trickle: float | None = None  # send the body one byte per this many seconds
    endless: bool = False  # after the body, keep trickling bytes until the client gives up
    content_length: bool = True  # False: no Content-Length, the body ends at connection close


@dataclass
class Request:
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lowercase names
    at: float
    client: tuple[str, int] = ("", 0)  # the client's address: one per TCP connection


Route = Reply | Sequence[Reply] | Callable[[Request], Reply]


class FeedServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self._routes: dict[str, Route] = {}
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self.requests: list[Request] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (40 ms)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server._handle(self)

            do_HEAD = do_GET  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 1024

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # clients hanging up mid-reply are expected in hostile tests

        self._httpd = Server((host, 0), Handler)
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    # --- configuration ---------------------------------------------------------------------
    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def route(
        self,
        path: str,
        reply: Route | None = None,
        **kwargs: object,
    ) -> str:
        """Serve ``path`` with ``reply`` (or ``Reply(**kwargs)``); returns the full URL."""
        with self._lock:
            self._routes[path] = reply if reply is not None else Reply(**kwargs)  # type: ignore[arg-type]
            self._served[path] = 0
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        """``path`` answers ``status`` with ``Location: to`` (a path or a full URL)."""
        return self.route(path, status=status, headers={"Location": to})

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FeedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- serving -----------------------------------------------------------------------------
    def _pick(self, req: Request) -> Reply:
        with self._lock:
            self.requests.append(req)
            route = self._routes.get(req.path)
            if route is None:
                route = self._routes.get(req.path.split("?", 1)[0])
            n = self._served.get(req.path, 0)
            self._served[req.path] = n + 1
        if route is None:
            return Reply(status=404, body=b"not found")
        if isinstance(route, Reply):
            return route
        if callable(route):
            return route(req)
        return route[min(n, len(route) - 1)]

    def _handle(self, h: http.server.BaseHTTPRequestHandler) -> None:
        req = Request(
            method=h.command,
            path=h.path,
            headers={k.lower(): v for k, v in h.headers.items()},
            at=time.monotonic(),
            client=tuple(h.client_address[:2]),  # type: ignore[arg-type]
        )
        reply = self._pick(req)
        if reply.delay:
            time.sleep(reply.delay)
        body = _gzip.compress(reply.body) if reply.gzip else reply.body
        try:
            h.send_response(reply.status)
            names = {k.lower() for k in reply.headers}
            for k, v in reply.headers.items():
                h.send_header(k, v)
            if reply.gzip and "content-encoding" not in names:
                h.send_header("Content-Encoding", "gzip")
            if reply.endless or not reply.content_length:
                h.send_header("Connection", "close")  # the body ends when the connection does
                h.close_connection = True
            elif reply.content_length and "content-length" not in names:
                h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            if h.command == "HEAD" or reply.status in (204, 304):
                return
            if reply.trickle is None:
                h.wfile.write(body)
            else:
                for i in range(len(body)):
                    h.wfile.write(body[i : i + 1])
                    h.wfile.flush()
                    time.sleep(reply.trickle)
            if reply.endless:
                while True:
                    h.wfile.write(b" ")
                    h.wfile.flush()
                    time.sleep(reply.trickle or 0.05)
        except (BrokenPipeError, ConnectionResetError, OSError):
            h.close_connection = True


# --- helpers for polling against this server -------------------------------------------------------
def loaded_settings(
    *, allow_private: bool = True, network: dict | None = None, polling: dict | None = None
) -> LoadedSettings:
    """Settings for polling local test servers (allow_private on: they live on 127.0.0.1).

    The project is imported lazily (here and below), so the server itself has no project imports.
    """
    from pathlib import Path

    from monitor.settings import LoadedSettings, parse_settings

    data = {
        "network": {"allow_private": allow_private, **(network or {})},
        "polling": polling or {},
    }
    return LoadedSettings(parse_settings(data, "test.toml"), Path("test.toml").resolve())


def feed_row(url: str, id: int = 1, **kwargs: object) -> FeedRow:
    from monitor.model import FeedRow

    values: dict[str, object] = {
        "id": id,
        "url": url,
        "config_url": url,
        "source": None,
        "interval": 900.0,
        "min_interval": 300.0,
        "max_interval": 86400.0,
    }
    values.update(kwargs)
    return FeedRow(**values)  # type: ignore[arg-type]


def poll_once(loaded: LoadedSettings, feeds: Sequence[FeedRow]) -> list[PolledFeed]:
    """Poll ``feeds`` once, the parse workers judging as the service's do; the results in
    completion order."""
    from monitor.ingest.poller import poll_feeds
    from monitor.judge.service import worker_judge_spec

    out: list[PolledFeed] = []
    poll_feeds(loaded, feeds, out.append, judge=worker_judge_spec(loaded))
    return out


def next_row(polled: PolledFeed) -> FeedRow:
    """The feed as the store would hand it back for the next poll."""
    import dataclasses

    u = polled.update
    return dataclasses.replace(
        polled.feed,
        url=u.url,
        etag=u.etag,
        last_modified=u.last_modified,
        body_hash=u.body_hash,
        current_interval=u.current_interval,
        error_count=u.error_count,
        failing=u.failing,
    )


def rss(*titles: str, ttl: int | None = None) -> bytes:
    """A small RSS 2.0 feed with one item per title (guid = title)."""
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><title>{escape(t)}</title><link>https://news.example.com/{i}</link>"
        f"<guid>{escape(t)}</guid><description>About {escape(t)}</description></item>"
        for i, t in enumerate(titles)
    )
    ttl_el = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test</title>'
        f"<link>https://news.example.com/</link>{ttl_el}{items}</channel></rss>"
    ).encode()
