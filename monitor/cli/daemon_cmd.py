"""`run` (the daemon) and `health` (is it alive and polling?)."""

from __future__ import annotations

import argparse
import socket
import sys
from typing import TYPE_CHECKING

from monitor.cli.context import CliContext, fmt_time, print_json
from monitor.settings import config_path

if TYPE_CHECKING:
    from monitor.daemon import Daemon
    from monitor.web.server import WebThread


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run the service: poll on schedule, judge, alert (until SIGTERM)")
    p.add_argument("--worker-id", help="name of this worker (default: host:pid)")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("health", help="exit 0 when the daemon is alive and polling, else 1 with why")
    p.add_argument("--any-host", action="store_true", help="any worker, not only this host's")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_health)


def cmd_run(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.daemon import Daemon
    from monitor.logs import configure_logging
    from monitor.web.metrics import EVENTS

    loaded = ctx.settings()
    s = loaded.settings.logging
    # The daemon's log is its output: stdout (JSON lines unless on a terminal). Its events also
    # feed the counters of /metrics.
    configure_logging(level=ctx.log_level or s.level, fmt=s.format, stream=sys.stdout,
                      observers=[EVENTS.observe])
    ctx._logging_done = True
    daemon = Daemon(config_path(ctx.config_arg), loaded, ctx.store(), worker_id=args.worker_id)
    web = _start_web(daemon) if loaded.settings.http.listen else None
    try:
        return daemon.run()
    finally:
        if web is not None:
            web.stop()


def _start_web(daemon: Daemon) -> WebThread:
    """The web page in a thread of the daemon, its decisions made with the daemon's judge."""
    from monitor.pipeline import Decisions
    from monitor.web.app import WebContext
    from monitor.web.server import WebThread

    def decisions() -> Decisions:  # the running configuration's, after any reload
        return Decisions(daemon.loaded, daemon.store, daemon.service.judge)

    ctx = WebContext(daemon.loaded, daemon.store, writable=True, make_decisions=decisions,
                     websub=daemon.websub)
    web = WebThread(ctx, daemon.loaded.settings.http.listen)
    web.start()
    print(f"web page: {web.url}", file=sys.stderr, flush=True)
    return web


def cmd_health(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.daemon import check_health

    health = check_health(ctx.read_store(), ctx.readable_settings(), None if args.any_host else socket.gethostname())
    if args.json:
        print_json({"ok": health.ok, "reason": health.reason, "workers": health.workers})
    else:
        print(("healthy: " if health.ok else "unhealthy: ") + health.reason)
        for w in health.workers:
            print(f"  {w['worker_id']}: last beat {fmt_time(w['beat_at'])}, "
                  f"last poll {fmt_time(w['last_poll_at'])}"
                  + (f", stopped {fmt_time(w['stopped_at'])}" if w["stopped_at"] else ""))
    return 0 if health.ok else 1
