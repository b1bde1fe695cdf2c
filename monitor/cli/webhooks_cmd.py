"""Webhook commands: webhooks secret|list|test|enable, deliver, deliveries, redeliver. They cover
the notification channels ([[notify]], Apprise) too: one outbox, one relay.

URLs are shown without password or query string (channels in Apprise's privacy form), and secrets
never, so the output is safe to paste into an issue.
"""

from __future__ import annotations

import argparse
import threading
import uuid
from typing import Any

from monitor.cli.context import CliContext, CliError, fmt_time, plural, print_json
from monitor.clock import utcnow
from monitor.settings import WEBHOOK_EVENTS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("webhooks", help="webhook endpoints: make a secret, list health, test")
    wsub = p.add_subparsers(dest="webhooks_command", metavar="ACTION")
    wsub.required = True
    q = wsub.add_parser("secret", help='print a fresh signing secret ("whsec_" + base64)')
    q.set_defaults(handler=cmd_secret)
    q = wsub.add_parser("list", help="configured endpoints, their filters and health")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_list)
    q = wsub.add_parser("test", help="send a webhook.test event now and show the answer")
    q.add_argument("url", nargs="?", metavar="URL", help="one configured endpoint (default: all)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_test)
    q = wsub.add_parser("enable", help="re-enable an endpoint disabled by a 410 Gone")
    q.add_argument("url", metavar="URL")
    q.set_defaults(handler=cmd_enable)

    p = sub.add_parser("deliver", help="send due webhook alerts (what the service does in a loop)")
    p.add_argument("--once", action="store_true", help="one pass, then exit (for cron)")
    p.add_argument("--json", action="store_true", help="print the pass's summary as JSON")
    p.set_defaults(handler=cmd_deliver)

    p = sub.add_parser("deliveries", help="webhook deliveries, newest first")
    p.add_argument("--dead", action="store_true", help="only deliveries that gave up")
    p.add_argument("--pending", action="store_true", help="only deliveries not yet done")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")
    p.add_argument(
        "--attempts", action="store_true",
        help="list every attempt (time, answer, error), across redeliveries",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_deliveries)

    p = sub.add_parser("redeliver", help="queue deliveries again (same webhook-id)")
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--dead", action="store_true", help="every dead delivery")
    p.set_defaults(handler=cmd_redeliver)


def cmd_secret(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.alerts.signing import new_secret

    print(new_secret())
    return 0


def _endpoint_view(ep: Any, health: dict[str, Any] | None) -> dict[str, Any]:
    from monitor.alerts.notify import endpoint_key, is_notify_key
    from monitor.alerts.webhooks import redact_endpoint
    from monitor.redact import redact_text

    h = health or {}
    if h.get("disabled_at"):
        state = "disabled"
    elif h.get("last_failure_at") and (
        not h.get("last_success_at") or h["last_failure_at"] > h["last_success_at"]
    ):
        state = "failing"
    elif h.get("last_success_at"):
        state = "ok"
    else:
        state = "unused"
    return {
        "url": redact_endpoint(endpoint_key(ep) if ep else h["url"]),
        "kind": "notify" if is_notify_key(endpoint_key(ep) if ep else h["url"]) else "webhook",
        "configured": ep is not None,
        "state": state,
        "events": list(ep.events) if ep else [],
        "claims": list(ep.claims) if ep else [],
        "statuses": list(ep.statuses) if ep else [],
        "disabled_reason": h.get("disabled_reason"),
        "last_success_at": h.get("last_success_at"),
        "last_failure_at": h.get("last_failure_at"),
        "last_error": redact_text(h["last_error"]) if h.get("last_error") else None,
        "pending": h.get("pending", 0),
        "dead": h.get("dead", 0),
        "delivered": h.get("delivered", 0),
        "oldest_pending": h.get("oldest_pending"),
    }


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.alerts.notify import endpoint_key
    from monitor.store.outbox import endpoint_health

    endpoints = ctx.settings().alert_endpoints()
    health = endpoint_health(ctx.store().engine)
    views = [_endpoint_view(ep, health.pop(endpoint_key(ep), None)) for ep in endpoints]
    # Endpoints removed from the config that still have deliveries: shown, as they will not go out.
    views += [_endpoint_view(None, h) for h in health.values() if h.get("pending") or h.get("dead")]
    if args.json:
        print_json(views)
        return 0
    if not views:
        print("no webhooks or notification channels configured; add a [[webhooks]] or [[notify]] "
              "section (see README)")
        return 0
    for v in views:
        # Only filters that narrow something: the default (every event) is not worth a line.
        shown = {
            "events": v["events"] if set(v["events"]) != set(WEBHOOK_EVENTS) else [],
            "claims": v["claims"],
            "statuses": v["statuses"],
        }
        filters = ", ".join(f"{k}={'|'.join(vals)}" for k, vals in shown.items() if vals)
        print(f"{v['url']}  [{v['state']}{'' if v['configured'] else ', not configured'}]")
        if filters:
            print(f"  filters: {filters}")
        if v["disabled_reason"]:
            print(f"  disabled: {v['disabled_reason']} (re-enable: rumour-monitor webhooks enable URL)")
        print(
            f"  delivered {v['delivered']}, pending {v['pending']}, dead {v['dead']}; "
            f"last success {fmt_time(v['last_success_at'])}, "
            f"last failure {fmt_time(v['last_failure_at'])}"
        )
        if v["last_error"] and v["state"] != "ok":
            print(f"  last error: {v['last_error']}")
    return 0


def _find_endpoint(ctx: CliContext, url: str) -> Any:
    from monitor.alerts.notify import NOTIFY_PREFIX, endpoint_key
    from monitor.alerts.webhooks import redact_endpoint
    from monitor.redact import redact_url

    for ep in ctx.settings().alert_endpoints():
        key = endpoint_key(ep)
        shown_key = redact_endpoint(key)
        if url in (ep.url, key, shown_key, shown_key.removeprefix(NOTIFY_PREFIX)):
            return ep
    # A channel's URL may be all secret: only a webhook's is repeated (redacted).
    shown = redact_url(url) if url.startswith(("http://", "https://")) else "that URL"
    raise CliError(
        f"{shown} is not a configured webhook or notification channel; add it as a [[webhooks]] "
        "section (the secret to sign with lives there) or a [[notify]] section"
    )


def cmd_test(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.alerts.notify import (
        endpoint_key,
        notification_message,
        send_notification,
    )
    from monitor.alerts.webhooks import (
        AttemptResult,
        body_bytes,
        redact_endpoint,
        send_webhook,
        webhook_test_payload,
    )
    from monitor.netpolicy import webhook_client
    from monitor.redact import redact_text
    from monitor.settings import NotifySettings
    from monitor.store.outbox import record_endpoint_result

    loaded = ctx.settings()
    endpoints = [_find_endpoint(ctx, args.url)] if args.url else loaded.alert_endpoints()
    if not endpoints:
        raise CliError("no webhooks or notification channels configured; add a [[webhooks]] or "
                       "[[notify]] section (see README)")
    engine = ctx.store().engine
    allow_private = loaded.settings.network.allow_private
    results = []
    for ep in endpoints:
        now = utcnow()
        event_id = "msg_" + uuid.uuid4().hex
        r: AttemptResult
        if isinstance(ep, NotifySettings):
            title, body = notification_message(webhook_test_payload(now))
            sent, status, error, took = send_notification(
                ep.url, title, body, allow_private=allow_private, timeout=ep.timeout
            )
            r = AttemptResult(status, error, duration=took, delivered=sent)
        else:
            with webhook_client(allow_private, ep.timeout) as client:
                r = send_webhook(
                    client, ep.url, ep.secret, event_id, body_bytes(webhook_test_payload(now)),
                    ep.timeout, now,
                )
        record_endpoint_result(engine, endpoint_key(ep), r.ok, r.error, utcnow())
        results.append(
            {
                "url": redact_endpoint(endpoint_key(ep)),
                "event_id": event_id,
                "ok": r.ok,
                "status": r.status,
                "error": redact_text(r.error) if r.error else r.error,
                "duration_ms": round(r.duration * 1000),
            }
        )
    if args.json:
        print_json(results)
    else:
        for row in results:
            what = (
                ("sent" if row["status"] is None else f"{row['status']} OK")
                if row["ok"] else (row["error"] or f"status {row['status']}")
            )
            print(f"{row['url']}: {what} in {row['duration_ms']} ms (webhook-id {row['event_id']})")
    return 0 if all(row["ok"] for row in results) else 1


def cmd_enable(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.alerts.notify import endpoint_key
    from monitor.alerts.webhooks import redact_endpoint
    from monitor.store.outbox import set_endpoint_enabled

    key = endpoint_key(_find_endpoint(ctx, args.url))
    set_endpoint_enabled(ctx.store().engine, key, True, "", utcnow())
    print(f"{redact_endpoint(key)} enabled; its pending deliveries go out at the next pass")
    return 0


def cmd_deliver(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.alerts.relay import Relay

    ctx.setup_logging()
    loaded = ctx.settings()
    relay = Relay.from_settings(ctx.store().engine, loaded)
    if not args.once:
        stop = threading.Event()
        try:
            relay.run(stop, loaded.settings.daemon.deliver_every)
        except KeyboardInterrupt:
            stop.set()
        return 0
    from monitor.redact import redact

    summary = relay.deliver_due()
    if args.json:
        print_json(redact(summary.as_dict()))
    else:
        print(f"delivered {summary.delivered}, failed {summary.failed} (will retry), dead {summary.dead}")
        for e in summary.endpoints:
            if e.disabled:
                print(f"  {e.url}: disabled ({e.disabled})")
            if e.error:
                print(f"  {e.url}: relay error: {redact(e.error)}")
    return 1 if any(e.error for e in summary.endpoints) else 0


def cmd_deliveries(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.alerts.webhooks import delivery_views
    from monitor.store.outbox import list_deliveries

    engine = ctx.read_store().engine
    rows = list_deliveries(
        engine,
        dead=True if args.dead else None,
        pending=args.pending or None,
        limit=args.limit,
    )
    now = utcnow()
    views = delivery_views(engine, rows, now)
    if args.json:
        print_json(views)
        return 0
    if not views:
        print("no deliveries" + (" are dead" if args.dead else ""))
        return 0
    for v in views:
        when = (
            f"delivered {fmt_time(v['delivered_at'])}"
            if v["state"] == "delivered"
            else ("dead" if v["state"] == "dead" else f"next {fmt_time(v['next_attempt_at'])}")
        )
        print(
            f"#{v['id']} {v['state']:<9} {v['event_type']} {v['claim_id'] or '-'} -> {v['endpoint']}  "
            f"{plural(v['attempts'], 'attempt')}, {when}  ({v['event_id']})"
        )
        if args.attempts:
            for a in v["attempt_log"]:
                answer = f"{a['status']}" if a["status"] is not None else "no answer"
                print(
                    f"    {fmt_time(a['at'])}  {a['outcome']:<9} {answer}"
                    + (f": {a['error']}" if a["error"] else "")
                )
        elif v["last_error"] and v["state"] != "delivered":
            print(f"    last error: {v['last_error']}")
    return 0


def cmd_redeliver(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.store.outbox import list_deliveries, redeliver

    if not args.ids and not args.dead:
        raise CliError("name delivery IDs (see `rumour-monitor deliveries`) or pass --dead")
    engine = ctx.store().engine
    if args.ids:
        known = {r["id"] for r in list_deliveries(engine, ids=args.ids, limit=None)}
        missing = sorted(set(args.ids) - known)
        if missing:
            raise CliError(f"no delivery with id {', '.join(map(str, missing))}")
    done = redeliver(engine, utcnow(), ids=args.ids, all_dead=args.dead)
    if not done:
        print("nothing to redeliver")
    else:
        print(
            f"queued {plural(len(done), 'delivery', 'deliveries')} again ({', '.join(f'#{i}' for i in done)}); "
            "they go out at the next `deliver` pass or within seconds in the service"
        )
    return 0
