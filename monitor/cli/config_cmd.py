"""`claims add|archive` and `feeds add|remove`: edit the configuration file from the command line.

Each edit is validated like a hand edit would be at load time and written atomically (see
monitor.config_edit); a running daemon picks it up at its next configuration check.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from monitor.cli.context import CliContext, CliError
from monitor.config_edit import add_claim, add_feed, archive_claim, edit_file, remove_feed
from monitor.redact import redact_url
from monitor.settings import Settings, config_path


def register_claims_actions(csub: argparse._SubParsersAction) -> None:
    """Add `add` and `archive` to the `claims` group (core.py owns the group)."""
    q = csub.add_parser("add", help="add a claim to the configuration file")
    q.add_argument("claim_id", metavar="CLAIM_ID", help='a lowercase slug, e.g. "xiaomi-baic"')
    q.add_argument("--text", required=True, help="the claim, as a sentence")
    q.add_argument("--alias", action="append", default=[], metavar="TEXT",
                   help="another way the news says it (repeatable)")
    q.add_argument("--official-source", action="append", default=[], metavar="DOMAIN",
                   help="a domain whose word decides the claim, e.g. mi.com (repeatable)")
    q.add_argument("--require", action="append", default=[], metavar="A|B",
                   help='terms an item must mention, alternatives split by "|" (repeatable; '
                        'each --require is one more group that must be present)')
    q.set_defaults(handler=cmd_claims_add)

    q = csub.add_parser(
        "backfill",
        help="judge the stored items (within [retention] items_days) against claims again",
    )
    q.add_argument("claim_ids", nargs="*", metavar="CLAIM_ID", help="default: every claim")
    q.set_defaults(handler=cmd_claims_backfill)

    q = csub.add_parser(
        "archive",
        help="remove a claim from the configuration file (its history stays in the database)",
    )
    q.add_argument("claim_id", metavar="CLAIM_ID")
    q.set_defaults(handler=cmd_claims_archive)


def register_feeds_actions(feeds_parser: argparse.ArgumentParser) -> None:
    """Optional `add`/`remove` under `feeds`; plain `feeds` keeps listing (feeds_cmd.py owns it)."""
    fsub = feeds_parser.add_subparsers(dest="feeds_command", metavar="ACTION")
    fsub.required = False
    q = fsub.add_parser("add", help="add a feed to the configuration file")
    q.add_argument("url", metavar="URL")
    q.add_argument("--source", help="publisher name or domain, when the items do not say")
    q.add_argument("--interval", metavar="DURATION", help='polling interval, e.g. "15m"')
    q.set_defaults(handler=cmd_feeds_add)
    q = fsub.add_parser("remove", help="remove a feed from the configuration file")
    q.add_argument("url", metavar="URL")
    q.set_defaults(handler=cmd_feeds_remove)


def _path(ctx: CliContext) -> Path:
    return config_path(ctx.config_arg)


def _done(path: Path, what: str, settings: Settings) -> int:
    print(f"{what} in {path}")
    print(
        f"  now {len(settings.claims)} claims and {len(settings.feeds)} feeds; a running daemon "
        f"applies the change within [daemon] reload_check ({settings.daemon.reload_check:g} s)"
    )
    return 0


def cmd_claims_add(args: argparse.Namespace, ctx: CliContext) -> int:
    require = [[t.strip() for t in g.split("|") if t.strip()] for g in args.require]
    path = _path(ctx)
    settings = edit_file(
        path,
        lambda text: add_claim(
            text,
            args.claim_id,
            args.text,
            aliases=args.alias,
            official_sources=args.official_source,
            require=[g for g in require if g],
        ),
    )
    code = _done(path, f"added claim {args.claim_id}", settings)
    _backfill(ctx, [args.claim_id])
    return code


def cmd_claims_backfill(args: argparse.Namespace, ctx: CliContext) -> int:
    known = [c.id for c in ctx.settings().settings.claims]
    unknown = [cid for cid in args.claim_ids if cid not in known]
    if unknown:
        raise CliError(f"no claim {', '.join(map(repr, unknown))} in the configuration; known: {', '.join(known) or 'none'}")
    _backfill(ctx, args.claim_ids or known)
    return 0


def _backfill(ctx: CliContext, claim_ids: list[str]) -> None:
    """Judge the stored items against these claims now, and say what that found."""
    from monitor.pipeline import Decisions

    ctx.setup_logging()
    report = Decisions(ctx.settings(), ctx.store()).backfill(claim_ids)
    print(
        f"  judged {report.items} stored item{'s' if report.items != 1 else ''} against "
        f"{', '.join(claim_ids)}: {report.evidence} new matches, {len(report.changes)} status changes"
    )
    for c in report.changes:
        print(f"  {c.claim_id}: {c.from_status} -> {c.to_status}: {c.reason}")


def cmd_claims_archive(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    settings = edit_file(path, lambda text: archive_claim(text, args.claim_id))
    _done(path, f"removed claim {args.claim_id}", settings)
    print("  its status history stays in the database: `rumour-monitor status --archived`")
    return 0


def cmd_feeds_add(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    settings = edit_file(path, lambda text: add_feed(text, args.url, args.source, args.interval))
    _sync_now(ctx)
    return _done(path, f"added feed {redact_url(args.url)}", settings)


def cmd_feeds_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    settings = edit_file(path, lambda text: remove_feed(text, args.url))
    _sync_now(ctx)
    return _done(path, f"removed feed {redact_url(args.url)}", settings)


def _sync_now(ctx: CliContext) -> None:
    """The database's feeds as the edited file says, now (opening the store syncs it): a feed
    removed and added again starts afresh at its configured URL even if no daemon saw it gone."""
    ctx.store()
