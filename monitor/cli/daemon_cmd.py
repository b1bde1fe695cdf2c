"""`run` (the daemon) and `health` (is it alive and polling?)."""

from __future__ import annotations

import argparse
import socket
import sys

from monitor.cli.context import CliContext, fmt_time, print_json
from monitor.settings import config_path


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

    loaded = ctx.settings()
    s = loaded.settings.logging
    # The daemon's log is its output: stdout (JSON lines unless on a terminal).
    configure_logging(level=ctx.log_level or s.level, fmt=s.format, stream=sys.stdout)
    ctx._logging_done = True
    daemon = Daemon(config_path(ctx.config_arg), loaded, ctx.store(), worker_id=args.worker_id)
    return daemon.run()


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
