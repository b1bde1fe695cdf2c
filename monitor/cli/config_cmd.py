"""`claims add|archive` and `feeds add|remove|import|export`: edit the configuration file from the
command line (`feeds add` finds an HTML page's feed; `import` reads OPML, `export` writes it).

Each edit is validated like a hand edit would be at load time and written atomically (see
monitor.config_edit); a running daemon picks it up at its next configuration check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from monitor.cli.context import CliContext, CliError, plural
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
    q = fsub.add_parser(
        "add", help="add a feed to the configuration file (an HTML page: the feed it links to)"
    )
    q.add_argument("url", metavar="URL")
    q.add_argument("--source", help="publisher name or domain, when the items do not say")
    q.add_argument("--interval", metavar="DURATION", help='polling interval, e.g. "15m"')
    q.add_argument(
        "--no-discover", action="store_true",
        help="add the URL as given, without fetching it to look for the page's feed",
    )
    q.set_defaults(handler=cmd_feeds_add)
    q = fsub.add_parser("import", help="add the feeds of an OPML file (another reader's export)")
    q.add_argument("file", metavar="FILE.opml", type=Path)
    q.add_argument("--dry-run", action="store_true", help="say what would be added; change nothing")
    q.set_defaults(handler=cmd_feeds_import)
    q = fsub.add_parser("export", help="the configured feeds as OPML (for another reader)")
    q.add_argument("-o", "--output", metavar="FILE", type=Path, help="write here (default: stdout)")
    q.set_defaults(handler=cmd_feeds_export)
    q = fsub.add_parser("remove", help="remove a feed from the configuration file")
    q.add_argument("url", metavar="URL")
    q.set_defaults(handler=cmd_feeds_remove)


def _path(ctx: CliContext) -> Path:
    return config_path(ctx.config_arg)


def _done(path: Path, what: str, settings: Settings) -> int:
    print(f"{what} in {path}")
    print(
        f"  now {plural(len(settings.claims), 'claim')} and {plural(len(settings.feeds), 'feed')}; a running daemon "
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
    from monitor.cli.progress import progress_bar

    decisions = Decisions(ctx.settings(), ctx.store())
    with progress_bar("backfill", "items") as progress:
        report = decisions.backfill(claim_ids, progress)
    print(
        f"  judged {plural(report.items, 'stored item')} against {', '.join(claim_ids)}: "
        f"{plural(report.evidence, 'new match', 'new matches')}, "
        f"{plural(len(report.changes), 'status change')}"
    )
    for c in report.changes:
        print(f"  {c.claim_id}: {c.from_status} -> {c.to_status}: {c.reason}")


def cmd_claims_archive(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    settings = edit_file(path, lambda text: archive_claim(text, args.claim_id))
    _done(path, f"removed claim {args.claim_id}", settings)
    print("  its status history stays in the database: `rumour-monitor status --archived`")
    return 0


def _discovered_url(ctx: CliContext, url: str) -> str:
    """The feed to add for ``url``: itself when it is a feed (or cannot be read now), or the one
    feed its HTML page links to; CliError listing them when the page offers several or none."""
    from monitor.ingest.discover import discover

    found = discover(ctx.settings().settings.network, url)
    if found.outcome == "feed":
        return url
    if found.outcome == "unreachable":
        print(f"note: could not read {redact_url(url)} now ({found.error}); added as given, and `feeds` "
              "shows how its polls go", file=sys.stderr)
        return url
    if found.chosen is not None:
        others = [link for link in found.links if link is not found.chosen]
        title = f" ({found.chosen.title})" if found.chosen.title else ""
        also = ", ".join(redact_url(link.url) for link in others)
        print(f"{redact_url(url)} is a web page; it links to the {found.chosen.kind} feed "
              f"{redact_url(found.chosen.url)}{title}: adding that"
              + (f" (also offered: {also})" if others else ""))
        return found.chosen.url
    if not found.links:
        raise CliError(f"{url} is a web page that links to no feed (no <link rel=\"alternate\"> "
                       "of an RSS, Atom or JSON feed); find the site's feed URL and add that")
    listing = "\n".join(
        f"  {link.url}  ({link.kind}{', ' + link.title if link.title else ''})" for link in found.links
    )
    raise CliError(f"{url} is a web page that links to {len(found.links)} feeds; add the one "
                   f"you want with `rumour-monitor feeds add URL`:\n{listing}")


def cmd_feeds_add(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    url = args.url if args.no_discover else _discovered_url(ctx, args.url)
    settings = edit_file(path, lambda text: add_feed(text, url, args.source, args.interval))
    _sync_now(ctx)
    return _done(path, f"added feed {redact_url(url)}", settings)


def cmd_feeds_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.config_edit import add_feeds, validate
    from monitor.ingest.opml import OpmlError, parse_opml

    try:
        feeds = parse_opml(args.file.read_bytes(), str(args.file))
    except OSError as e:
        raise CliError(f"cannot read {args.file}: {e.strerror}", 2) from None
    except OpmlError as e:
        raise CliError(f"{e}; the configuration is unchanged", 2) from None
    path = _path(ctx)
    result: dict[str, Any] = {}

    def edit(text: str) -> str:
        new, result["added"], result["skipped"] = add_feeds(text, [(f.url, f.title) for f in feeds])
        return new

    if args.dry_run:
        try:
            current = path.read_text(encoding="utf-8")
        except OSError as e:
            raise CliError(f"cannot read {path}: {e.strerror}", 2) from None
        settings = validate(edit(current), path)
    else:
        settings = edit_file(path, edit)
    added: list[str] = result["added"]
    skipped: list[tuple[str, str]] = result["skipped"]
    verb = "would add" if args.dry_run else "added"
    print(f"{args.file}: {plural(len(feeds), 'feed')}; {verb} {len(added)}, "
          f"skipped {len(skipped)}" + (" (duplicates)" if skipped else ""))
    for url in added:
        print(f"  + {redact_url(url)}")
    for url, why in skipped:
        print(f"  = {redact_url(url)}: {why}")
    if args.dry_run:
        return 0
    if added:
        _sync_now(ctx)
    return _done(path, f"imported {plural(len(added), 'feed')}", settings)


def cmd_feeds_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.clock import utcnow
    from monitor.config_edit import write_atomic
    from monitor.ingest.opml import OpmlFeed, write_opml

    settings = ctx.settings().settings
    text = write_opml(
        [OpmlFeed(f.url, f.source or "") for f in settings.feeds], "rumour-monitor feeds", utcnow()
    )
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.output, text)
    except OSError as e:
        raise CliError(f"cannot write {args.output}: {e.strerror}") from None
    print(f"wrote {plural(len(settings.feeds), 'feed')} to {args.output}", file=sys.stderr)
    return 0


def cmd_feeds_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    settings = edit_file(path, lambda text: remove_feed(text, args.url))
    _sync_now(ctx)
    return _done(path, f"removed feed {redact_url(args.url)}", settings)


def _sync_now(ctx: CliContext) -> None:
    """The database's feeds as the edited file says, now (opening the store syncs it): a feed
    removed and added again starts afresh at its configured URL even if no daemon saw it gone."""
    ctx.store()
