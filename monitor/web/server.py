"""Running the web application with uvicorn: in a thread beside the daemon's jobs, or in the
foreground for ``rumour-monitor serve``."""

from __future__ import annotations

import signal
import threading
import time

import uvicorn

from monitor.errors import ConfigError, RumourMonitorError
from monitor.logs import get_logger
from monitor.settings import LoadedSettings, listen_problem, parse_listen
from monitor.web.app import WebContext, create_app

log = get_logger()


class ListenError(RumourMonitorError):
    """The web server could not start listening."""


def check_listen(loaded: LoadedSettings, listen: str) -> tuple[str, int]:
    """The (host, port) to bind; ConfigError when the address is malformed, or beyond loopback
    without a token."""
    try:
        host, port = parse_listen(listen)
        problem = listen_problem(listen, loaded.settings.http.token)
    except ValueError as e:
        raise ConfigError(loaded.path, [("http.listen", str(e))]) from None
    if problem:
        raise ConfigError(loaded.path, [("http.listen", problem)])
    return host, port


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _server(ctx: WebContext, host: str, port: int) -> uvicorn.Server:
    config = uvicorn.Config(
        create_app(ctx), host=host, port=port, log_config=None, access_log=False,
        server_header=False, proxy_headers=False, lifespan="off",
        # Slow or many clients cannot hold the process: bounded connections, short keep-alive.
        limit_concurrency=100, timeout_keep_alive=5, h11_max_incomplete_event_size=16 * 1024,
    )
    return uvicorn.Server(config)


class WebThread:
    """The web server in a thread of the daemon; ``start`` returns once it listens (or raises)."""

    def __init__(self, ctx: WebContext, listen: str):
        self.host, self.port = check_listen(ctx.loaded, listen)
        self.server = _server(ctx, self.host, self.port)
        self.thread = threading.Thread(target=self.server.run, name="web", daemon=True)

    @property
    def url(self) -> str:
        return url_of(self.host, self.port)

    def start(self, timeout: float = 15.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.stop(1.0)
                raise ListenError(
                    f"cannot listen on {self.host}:{self.port}: the address is in use or not "
                    "an address of this machine; choose another [http] listen"
                )
            time.sleep(0.05)
        log.info("web.started", url=self.url)

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def serve(ctx: WebContext, listen: str) -> int:
    """Serve in the foreground until SIGINT/SIGTERM (uvicorn handles them)."""
    host, port = check_listen(ctx.loaded, listen)
    server = _server(ctx, host, port)
    log.info("web.serving", url=url_of(host, port), read_only=not ctx.writable)
    # uvicorn stops gracefully on SIGTERM/SIGINT, then raises the signal again for the handler
    # that was there before it: this one, so that a clean stop exits 0.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda _sig, _frame: None)
    server.run()
    if not server.started:
        raise ListenError(f"cannot listen on {host}:{port}: the address is in use or not an "
                          "address of this machine; choose another with --listen")
    log.info("web.stopped", url=url_of(host, port))
    return 0
