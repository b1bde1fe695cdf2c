"""`feeds`: every feed with its health and schedule."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.context import CliContext, fmt_time, plural, print_json
from monitor.redact import redact
from monitor.service import feeds_overview


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "feeds", help="list feeds (last poll, status, items, errors, next poll); add or remove one"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_feeds)
    # Optional `feeds add URL` / `feeds remove URL` edit the configuration file.
    from monitor.cli.config_cmd import register_feeds_actions

    register_feeds_actions(p)


def cmd_feeds(args: argparse.Namespace, ctx: CliContext) -> int:
    # With why a feed is polled at [polling] decisive_interval (None: its own interval).
    stored = feeds_overview(ctx.readable_settings(), ctx.read_store())
    # URLs (and errors quoting them) shown without their credentials and keys.
    rows = [redact(r) for r in stored]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no feeds configured: add [[feeds]] to the configuration")
    for raw, r in zip(stored, rows, strict=True):
        print(f"{r['url']}  [{r['state'] if r['state'] == 'ok' else r['state'].upper()}]")
        if raw["url"] != raw["config_url"]:
            print(f"    moved from {r['config_url']} (update the config to silence this)")
        errors = f"{plural(r['error_count'], 'error')} in a row; " if r["error_count"] else ""
        print(
            f"    last poll {fmt_time(r['last_poll'])}: {r['last_status'] or 'never polled'}; "
            f"{plural(r['items'], 'item')}; {errors}next poll {fmt_time(r['next_poll'])}"
        )
        if r["decisive"]:
            print(f"    fast schedule: {r['decisive']}")
        if r["websub"]:
            print(f"    websub: {websub_line(r['websub'])}")
        if r["last_error"] and not r["disabled_reason"]:
            print(f"    last error: {r['last_error']}")
        if r["disabled_reason"]:
            print(f"    disabled: {r['disabled_reason']}")
    return 0


def websub_line(w: dict[str, Any]) -> str:
    """A feed's WebSub state in words: "subscribed at https://hub.example/ (lease until ...)"."""
    line = f"{w['state']} at {w['hub']}"
    if w["state"] == "subscribed":
        line += f" (lease until {fmt_time(w['lease_until'])})"
    if w["last_error"]:
        line += f"; last request: {w['last_error']}"
    if w["leaving"]:
        line += f"; unsubscribing at {', '.join(w['leaving'])}"
    return line
