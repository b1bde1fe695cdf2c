"""A real webhook receiver on 127.0.0.1 for tests.

Every request is checked with the `standardwebhooks` package (an independent implementation of
the spec); a request that fails verification is answered 400 and recorded as unverified.
Behaviour is scripted per path: a list of responses used one per request, then a default.

    rx = Receiver(secret).start()
    rx.script("/hook", [Respond(500), Respond(500)])     # fail twice, then the default (204)
    ... rx.received  # everything that arrived, in order

``Receiver(None)`` checks no signature: a plain HTTP endpoint, e.g. for Apprise's ``json://``
and ``ntfy://`` notifications; ``accepted()`` then lists every request answered 2xx.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from monitor.model import OutboxRow


@dataclass(frozen=True)
class Respond:
    """One scripted response: status, extra headers, optional delay before answering."""

    status: int = 204
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a hanging receiver)
    body: bytes = b""
    trickle: float | None = None  # send the answer (status line and headers too) a byte at a time


OK = Respond(204)


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool
    answered: int  # the status the receiver answered
    at: float  # time.monotonic()

    @property
    def event_id(self) -> str:
        return self.headers.get("webhook-id", "")

    @property
    def payload(self) -> Any:
        return json.loads(self.body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Receiver:
    def __init__(self, secret: str | None, port: int = 0) -> None:
        self.secret = secret
        self.port = port or free_port()
        self.received: list[Received] = []
        self._scripts: dict[str, list[Respond]] = {}
        self._defaults: dict[str, Respond] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- control ---------------------------------------------------------------------------------

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def script(self, path: str, responses: Iterable[Respond], then: Respond | None = None) -> None:
        """Answer the next requests to `path` with `responses`, then with `then` (default 204)."""
        with self._lock:
            self._scripts[path] = list(responses)
            if then is not None:
                self._defaults[path] = then

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver._handle(self, self.path.split("?", 1)[0], headers, body)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self._closing.clear()

    def __enter__(self) -> Receiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what arrived ----------------------------------------------------------------------------

    def accepted(self, path: str | None = None) -> list[Received]:
        """Requests that verified and were answered 2xx: what the receiver's app would act on."""
        with self._lock:
            return [
                r
                for r in self.received
                if (r.verified or self.secret is None)
                and 200 <= r.answered < 300
                and (path is None or r.path == path)
            ]

    def wait_for(
        self, count: int, timeout: float = 10.0, path: str | None = None
    ) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.accepted(path)
            if len(got) >= count:
                return got
            time.sleep(0.02)
        return self.accepted(path)

    # --- handling --------------------------------------------------------------------------------

    def _handle(
        self, h: BaseHTTPRequestHandler, path: str, headers: dict[str, str], body: bytes
    ) -> None:
        verified = False
        if self.secret is not None:
            try:
                Webhook(self.secret).verify(body, headers)
                verified = True
            except (WebhookVerificationError, ValueError):
                pass
        with self._lock:
            queue = self._scripts.get(path, [])
            resp = queue.pop(0) if queue else self._defaults.get(path, OK)
            if not verified and self.secret is not None:
                resp = Respond(400, body=b"signature verification failed")
            self.received.append(
                Received(path, headers, body, verified, resp.status, time.monotonic())
            )
        if resp.delay:
            self._closing.wait(resp.delay)
        try:
            if resp.trickle is not None:
                self._trickle(h, resp)
                return
            h.send_response(resp.status)
            for k, v in resp.headers.items():
                h.send_header(k, v)
            h.send_header("content-length", str(len(resp.body)))
            h.end_headers()
            h.wfile.write(resp.body)
        except OSError:
            pass  # the client gave up (timeout): nothing to answer

    def _trickle(self, h: BaseHTTPRequestHandler, resp: Respond) -> None:
        """The whole answer one byte per ``resp.trickle`` seconds (a slowloris receiver)."""
        head = f"HTTP/1.1 {resp.status} Trickling\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in resp.headers.items()
        )
        raw = (head + f"content-length: {len(resp.body)}\r\n\r\n").encode() + resp.body
        for i in range(len(raw)):
            if self._closing.is_set():
                return
            h.wfile.write(raw[i : i + 1])
            h.wfile.flush()
            time.sleep(resp.trickle or 0)
        h.close_connection = True


# --- queueing alerts the way the store does ------------------------------------------------------


def queue_change(
    engine: Any,
    endpoints: Any,
    claim_id: str,
    to_status: str,
    at: Any = None,
    from_status: str = "unverified",
) -> list[OutboxRow]:
    """Record a status change and its outbox rows in one transaction (as the store does);
    returns the rows queued."""
    from datetime import UTC, datetime

    from sqlalchemy import insert, select

    from monitor.alerts.webhooks import outbox_rows_for_change
    from monitor.model import RecordedChange
    from monitor.store import schema
    from monitor.store.outbox import insert_rows

    at = at or datetime.now(UTC)
    text = f"Claim {claim_id}"
    with engine.begin() as conn:
        if conn.scalar(select(schema.claims.c.id).where(schema.claims.c.id == claim_id)) is None:
            conn.execute(
                insert(schema.claims).values(
                    id=claim_id,
                    text=text,
                    aliases=[],
                    require=[],
                    official_sources=[],
                    status=from_status,
                    status_since=at,
                    pinned=False,
                    archived=False,
                    created_at=at,
                )
            )
        change_id = conn.execute(
            insert(schema.status_changes)
            .values(
                claim_id=claim_id,
                from_status=from_status,
                to_status=to_status,
                reason=f"test: {to_status}",
                evidence_ids=[],
                at=at,
                actor="rules",
            )
            .returning(schema.status_changes.c.id)
        ).scalar_one()
        change = RecordedChange(
            id=change_id,
            claim_id=claim_id,
            claim_text=text,
            from_status=from_status,
            to_status=to_status,
            reason=f"test: {to_status}",
            at=at,
            actor="rules",
            evidence=(),
        )
        rows = outbox_rows_for_change(change, endpoints, at)
        insert_rows(conn, rows)
    return rows
