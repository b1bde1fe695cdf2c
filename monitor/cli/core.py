"""Core commands: poll, status, history, evidence, check-config, claims."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from monitor.cli.context import CliContext, CliError, fmt_time, plural, print_json
from monitor.errors import EvidenceNotFound
from monitor.model import MatchKind, Status
from monitor.settings import ConfigError, config_path, load_settings

if TYPE_CHECKING:
    from monitor.pipeline import Decisions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("poll", help="poll the feeds that are due, process new items, exit")
    p.add_argument("--once", action="store_true", help="one cycle, then exit (the default)")
    p.add_argument("--all", action="store_true", help="poll every feed, due or not")
    p.add_argument("--json", action="store_true", help="print a summary as JSON")
    p.set_defaults(handler=cmd_poll)

    p = sub.add_parser("status", help="each claim with its status and since when")
    p.add_argument("--json", action="store_true")
    p.add_argument("--archived", action="store_true", help="include claims removed from the config")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("history", help="status changes, oldest first, with reason and evidence")
    p.add_argument("claim_id", nargs="?", metavar="CLAIM_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser(
        "evidence", help="matched items of a claim with score, stance, source tier and why"
    )
    p.add_argument("claim_id", nargs="?", metavar="CLAIM_ID")
    p.add_argument("--review", action="store_true", help="list candidates waiting for review")
    p.add_argument("--accept", type=int, metavar="ID", help="accept candidate ID as evidence")
    p.add_argument("--reject", type=int, metavar="ID", help="reject evidence ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_evidence)

    p = sub.add_parser("check-config", help="validate the configuration and show what it holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check_config)

    p = sub.add_parser(
        "claims", help="add or archive claims in the config; set a status by hand, or unpin"
    )
    csub = p.add_subparsers(dest="claims_command", metavar="ACTION")
    csub.required = True
    q = csub.add_parser("set-status", help="set and pin a claim's status (a person's verdict)")
    q.add_argument("claim_id", metavar="CLAIM_ID")
    q.add_argument("status", choices=[s.value for s in Status])
    q.add_argument("--reason", required=True, help="why, in words (kept in history)")
    q.set_defaults(handler=cmd_claims_set)
    q = csub.add_parser("unpin", help="hand the claim back to the rules and judge it again")
    q.add_argument("claim_id", metavar="CLAIM_ID")
    q.set_defaults(handler=cmd_claims_unpin)
    # `claims add|archive` edit the configuration file; they live with the other config edits.
    from monitor.cli.config_cmd import register_claims_actions

    register_claims_actions(csub)


def _decisions(ctx: CliContext) -> Decisions:
    from monitor.pipeline import Decisions

    return Decisions(ctx.settings(), ctx.store())


def cmd_poll(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.service import Service

    ctx.setup_logging()
    from monitor.cli.progress import progress_bar

    service = Service(ctx.settings(), ctx.store())
    with progress_bar("polling", "feeds", enabled=not args.json) as progress:
        report = service.poll_once(include_not_due=args.all, progress=progress)
    summary = {
        "feeds": report.feeds,
        "failed": report.failed,
        "new_items": report.new_items,
        "matches": report.matches,
        "status_changes": [c.as_dict() for c in report.changes],
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"polled {plural(report.feeds, 'feed')} ({report.failed} failed): "
            f"{plural(report.new_items, 'new item')}, {plural(report.matches, 'match', 'matches')}, "
            f"{plural(len(report.changes), 'status change')}"
        )
        for c in report.changes:
            print(f"  {c.claim_id}: {c.from_status} -> {c.to_status}: {c.reason}")
    return 0


def cmd_status(args: argparse.Namespace, ctx: CliContext) -> int:
    claims = ctx.read_store().claims(include_archived=args.archived)
    if args.json:
        print_json(claims)
        return 0
    if not claims:
        print("no claims configured: add [[claims]] to the configuration")
        return 0
    width = max(len(c["id"]) for c in claims)
    for c in claims:
        flags = " (pinned)" if c["pinned"] else ""
        flags += " (archived)" if c["archived"] else ""
        print(
            f"{c['id']:<{width}}  {c['status']:<10}  since {fmt_time(c['since'])}  "
            f"evidence {c['evidence']}, candidates {c['candidates']}"
            + (f", rejected {c['rejected']}" if c.get("rejected") else "")
            + flags
        )
        print(f"{'':<{width}}  {c['text']}")
    return 0


def _require_claim(ctx: CliContext, claim_id: str) -> None:
    store = ctx.read_store()
    if store.claim(claim_id) is None:
        known = ", ".join(c["id"] for c in store.claims(include_archived=True)) or "none"
        raise CliError(f"no claim {claim_id!r}; known claims: {known}")


def cmd_history(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.claim_id:
        _require_claim(ctx, args.claim_id)
    changes = ctx.read_store().history(args.claim_id)
    if args.json:
        print_json([c.as_dict() for c in changes])
        return 0
    if not changes:
        print("no status changes yet")
    for c in changes:
        print(f"{fmt_time(c.at)}  {c.claim_id}: {c.from_status} -> {c.to_status}  ({c.actor})")
        print(f"    why: {c.reason}")
        if c.latency_words():
            print(f"    time to alert: {c.latency_words()}")
        for e in c.evidence:
            print(
                f"    - [{e['stance']}, {e['source_tier']}, score {e['score']:.0f}] "
                f"{e['source']}: {e['title']}"
            )
            if e["url"]:
                print(f"      {e['url']}")
            if e.get("provenance"):
                print(f"      source: {e['provenance']}")
    return 0


def cmd_evidence(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.accept is not None or args.reject is not None:
        ev_id, verdict = (args.accept, "accepted") if args.accept is not None else (args.reject, "rejected")
        ctx.setup_logging()
        try:
            claim_id, change = _decisions(ctx).review(ev_id, verdict)
        except EvidenceNotFound:
            raise CliError(f"no evidence with id {ev_id}; see `rumour-monitor evidence --review`") from None
        print(f"evidence {ev_id} {verdict} for {claim_id}")
        if change:
            print(f"{claim_id}: {change.from_status} -> {change.to_status}: {change.reason}")
        return 0
    if args.claim_id:
        _require_claim(ctx, args.claim_id)
    elif not args.review:
        raise CliError("name a claim (rumour-monitor evidence CLAIM_ID), or use --review", 2)
    rows = ctx.read_store().evidence_list(args.claim_id, MatchKind.REVIEW if args.review else MatchKind.MATCH)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no candidates waiting for review" if args.review else "no matched items yet")
    for r in rows:
        _print_evidence(r)
    return 0


def _print_evidence(r: dict[str, Any]) -> None:
    """One piece of evidence: the item, and why it matched, its stance and its source's tier."""
    review = f", {r['review']}" if r["review"] else ""
    print(
        f"#{r['id']} [{r['stance']} {r['stance_confidence']:.2f}, {r['source_tier']}, "
        f"score {r['score']:.1f}{review}] {r['source']}: {r['title']}"
    )
    if r["url"]:
        print(f"    {r['url']}")
    print(f"    claim: {r['claim_id']}   published: {fmt_time(r['published_at'])}")
    if r["provenance"]:
        print(f"    source: {r['source_tier']}: {r['provenance']}")
    print(f"    match: {r['why']}")
    if r["matched_terms"]:
        print(f"    terms: {', '.join(r['matched_terms'])}")
    if r["cues"]:
        print(f"    stance cues: {'; '.join(r['cues'])}")


def _semantic_summary(semantic: bool, english_model: bool) -> str:
    """The sentence models check-config names (loaded already by semantic_problem: free here)."""
    if not semantic:
        return "off (words alone)"
    from monitor.judge.semantic import load_english, model_id

    english = ""
    if english_model:
        encoder = load_english()
        english = f"; English headlines: {encoder.model}"
        if encoder.rewrite_problem:
            english += f", read as packaged: {encoder.rewrite_problem}"
    return f"on ({model_id()}{english})"


def cmd_check_config(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.judge.service import semantic_problem
    from monitor.redact import redact_text, redact_url

    path = config_path(ctx.config_arg)
    try:
        loaded = load_settings(path)
        problem = semantic_problem(loaded)
        if problem:
            raise problem
    except ConfigError as e:
        if args.json:
            print_json({"ok": False, "path": str(e.path), "errors": [
                {"key": k, "message": redact_text(m)} for k, m in e.problems
            ]})
            return 2
        raise
    s = loaded.settings
    from monitor.alerts.notify import endpoint_key
    from monitor.alerts.webhooks import redact_endpoint
    from monitor.judge.lint import claim_warnings

    warnings = claim_warnings(loaded.claims())
    channels = [redact_endpoint(endpoint_key(n)) for n in s.notify]  # their URLs hold secrets
    summary = {
        "ok": True,
        "warnings": warnings,
        "path": str(loaded.path),
        "database": redact_url(loaded.database_url),
        "status_log": str(loaded.status_log_path),
        "allow_private": s.network.allow_private,
        "trusted_sources": s.sources.trusted,
        "match_threshold": s.matching.match_threshold,
        "review_threshold": s.matching.review_threshold,
        "semantic": s.matching.semantic,
        "english_model": s.matching.semantic and s.matching.english_model,
        "feeds": [redact_url(f.url) for f in s.feeds],
        "claims": [{"id": c.id, "text": c.text, "official_sources": c.official_sources} for c in s.claims],
        "webhooks": [redact_url(w.url) for w in s.webhooks],
        "notify": channels,
    }
    if args.json:
        print_json(summary)
        return 0
    print(f"{loaded.path}: OK")
    print(f"  database: {summary['database']}")
    print(f"  status log: {summary['status_log']}")
    print(f"  thresholds: match {s.matching.match_threshold}, review {s.matching.review_threshold}")
    print(f"  semantic matching: {_semantic_summary(s.matching.semantic, s.matching.english_model)}")
    print(f"  trusted sources: {', '.join(s.sources.trusted) or 'none'}")
    print(f"  {plural(len(s.feeds), 'feed')}:")
    for f in s.feeds:
        print(f"    {redact_url(f.url)}" + (f" ({f.source})" if f.source else ""))
    print(f"  {plural(len(s.claims), 'claim')}:")
    for c in s.claims:
        official = f" [official: {', '.join(c.official_sources)}]" if c.official_sources else ""
        print(f"    {c.id}: {c.text}{official}")
    print(f"  {plural(len(s.webhooks), 'webhook')}" + (":" if s.webhooks else ""))
    for w in s.webhooks:
        print(f"    {redact_url(w.url)}")
    print(f"  {plural(len(s.notify), 'notification channel')}" + (":" if s.notify else ""))
    for channel in channels:
        print(f"    {channel}")
    if not s.network.allow_private:
        print("  private/loopback addresses are refused ([network] allow_private = false)")
    for warning in warnings:
        print(f"warning: {warning}")
    return 0


def cmd_claims_set(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.settings()  # a write: a configuration with errors stops it before anything is read
    _require_claim(ctx, args.claim_id)
    ctx.setup_logging()
    change = _decisions(ctx).set_status(args.claim_id, Status(args.status), args.reason)
    if change is None:
        print(f"{args.claim_id} is already {args.status}; now pinned")
        return 0
    print(f"{args.claim_id}: {change.from_status} -> {change.to_status} (pinned until `claims unpin`)")
    return 0


def cmd_claims_unpin(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.settings()  # a write: a configuration with errors stops it before anything is read
    _require_claim(ctx, args.claim_id)
    ctx.setup_logging()
    change = _decisions(ctx).unpin(args.claim_id)
    if change:
        print(f"{args.claim_id}: {change.from_status} -> {change.to_status}: {change.reason}")
    else:
        print(f"{args.claim_id} unpinned; the rules keep its status")
    return 0
