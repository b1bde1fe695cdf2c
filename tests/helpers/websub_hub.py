"""A small real WebSub hub for tests (127.0.0.1, a free port), as the W3C Recommendation has it:

    hub = Hub(lease_seconds=600)          # the lease it grants
    hub.url                               # what a feed names in <link rel="hub">
    hub.subscribers(topic)                # verified subscriptions: callback -> secret
    hub.publish(topic, body)              # signed content distribution to each subscriber
    hub.verify_intent(callback, "subscribe", topic)   # a verification of our own making
    hub.distributions()                   # every distribution: when, to whom, the answer

A subscription request (form POST: hub.mode, hub.topic, hub.callback, hub.secret,
hub.lease_seconds) gets 202 Accepted; the hub then verifies the intent at the callback (GET with
hub.mode, hub.topic, hub.challenge, hub.lease_seconds) and keeps the subscription only when the
subscriber echoed the challenge. A publisher's ping (form POST: hub.mode=publish, hub.url=topic,
as PubSubHubbub hubs take it; WebSub leaves publishing to the hub) gets 202: the hub then fetches
the topic and distributes what it got. Every request, verification and distribution is recorded.
"""

from __future__ import annotations

import hashlib
import hmac
import http.server
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

import httpx


@dataclass
class Verification:
    mode: str
    topic: str
    callback: str
    status: int  # the subscriber's answer
    echoed: bool  # it answered with the challenge


@dataclass
class Distribution:
    topic: str
    callback: str
    at: float  # time.time() when the subscriber answered
    status: int
    text: str  # the subscriber's answer


@dataclass
class HubState:
    requests: list[dict[str, str]] = field(default_factory=list)  # subscription requests
    verifications: list[Verification] = field(default_factory=list)
    # topic -> callback -> secret
    subscriptions: dict[str, dict[str, str]] = field(default_factory=dict)
    distributions: list[Distribution] = field(default_factory=list)


class Hub:
    def __init__(self, lease_seconds: int = 600, refuse: bool = False) -> None:
        """``refuse``: answer every subscription request 500 (a hub that is down)."""
        self.lease_seconds = lease_seconds
        self.refuse = refuse
        self.state = HubState()
        self._lock = threading.Lock()
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                size = int(self.headers.get("content-length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(size).decode()).items()}
                if form.get("hub.mode") == "publish" and form.get("hub.url"):
                    self.send_response(202)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    threading.Thread(target=hub._fetch_and_publish, args=(form["hub.url"],),
                                     daemon=True).start()
                    return
                ok = form.get("hub.mode") in ("subscribe", "unsubscribe") and all(
                    form.get(k) for k in ("hub.topic", "hub.callback")
                )
                with hub._lock:
                    hub.state.requests.append(form)
                if hub.refuse:
                    self.send_response(500)
                    self.send_header("content-length", "14")
                    self.end_headers()
                    self.wfile.write(b"hub is broken\n")
                    return
                self.send_response(202 if ok else 400)
                self.send_header("content-length", "0")
                self.end_headers()
                if ok:
                    # Verification of intent happens after the answer, as hubs do.
                    threading.Thread(target=hub._verify_request, args=(form,), daemon=True).start()

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 1024

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- verification of intent -------------------------------------------------------------

    def verify_intent(self, callback: str, mode: str, topic: str) -> Verification:
        """A GET to ``callback`` with a fresh challenge; records and returns what it answered."""
        challenge = secrets.token_urlsafe(16)
        query = {"hub.mode": mode, "hub.topic": topic, "hub.challenge": challenge}
        if mode == "subscribe":
            query["hub.lease_seconds"] = str(self.lease_seconds)
        sep = "&" if "?" in callback else "?"
        resp = httpx.get(callback + sep + urlencode(query), timeout=30)
        v = Verification(mode, topic, callback, resp.status_code,
                         resp.status_code == 200 and resp.text == challenge)
        with self._lock:
            self.state.verifications.append(v)
        return v

    def _verify_request(self, form: dict[str, str]) -> None:
        mode, topic, callback = form["hub.mode"], form["hub.topic"], form["hub.callback"]
        v = self.verify_intent(callback, mode, topic)
        if not v.echoed:
            return
        with self._lock:
            subs = self.state.subscriptions.setdefault(topic, {})
            if mode == "subscribe":
                subs[callback] = form.get("hub.secret", "")
            else:
                subs.pop(callback, None)

    # ---- what the test reads and does -------------------------------------------------------

    def subscribers(self, topic: str) -> dict[str, str]:
        with self._lock:
            return dict(self.state.subscriptions.get(topic, {}))

    def requests(self, mode: str | None = None) -> list[dict[str, str]]:
        with self._lock:
            return [r for r in self.state.requests if mode is None or r["hub.mode"] == mode]

    def verifications(self) -> list[Verification]:
        with self._lock:
            return list(self.state.verifications)

    def distributions(self, topic: str | None = None) -> list[Distribution]:
        with self._lock:
            return [d for d in self.state.distributions if topic is None or d.topic == topic]

    def _fetch_and_publish(self, topic: str) -> None:
        """A publisher's ping: fetch the topic now and distribute its body."""
        resp = httpx.get(topic, timeout=30)
        if resp.status_code == 200:
            self.publish(topic, resp.content, resp.headers.get("content-type", "application/rss+xml"))

    def publish(
        self, topic: str, body: bytes, content_type: str = "application/rss+xml",
        secret: str | None = None, method: str = "sha256",
    ) -> dict[str, int]:
        """Distribute ``body`` to the topic's subscribers, signed with each one's secret (or with
        ``secret`` instead, to forge a bad signature); returns each callback's status."""
        answers: dict[str, int] = {}
        for callback, own_secret in self.subscribers(topic).items():
            key = (secret if secret is not None else own_secret).encode()
            digest = hmac.new(key, body, getattr(hashlib, method)).hexdigest()
            headers = {
                "content-type": content_type,
                "link": f'<{self.url}>; rel="hub", <{topic}>; rel="self"',
                "x-hub-signature": f"{method}={digest}",
            }
            resp = httpx.post(callback, content=body, headers=headers, timeout=60)
            answers[callback] = resp.status_code
            with self._lock:
                self.state.distributions.append(
                    Distribution(topic, callback, time.time(), resp.status_code, resp.text))
        return answers
