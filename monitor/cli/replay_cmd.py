"""`replay ITEMS`: run recorded items through the matcher, stance and rules; print the timeline."""

from __future__ import annotations

import argparse
from pathlib import Path

from monitor.cli.context import CliContext, CliError, fmt_time, plural, print_json
from monitor.settings import LoadedSettings, Settings, config_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay",
        help="replay recorded items (labelled-pairs CSV or JSON lines) through the judgement",
    )
    p.add_argument("items", metavar="ITEMS", type=Path)
    p.add_argument(
        "--config-claims-only", action="store_true",
        help="ignore the claims named in a labelled-pairs CSV; use the configuration's only",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_replay)


def cmd_replay(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.cli.progress import progress_bar
    from monitor.replay import ReplayInputError, replay

    path = config_path(ctx.config_arg)
    if ctx.config_arg or path.exists():
        loaded = ctx.settings()
    else:  # no configuration: the defaults, with the claims of the file
        loaded = LoadedSettings(Settings(), path.resolve())
    try:
        with progress_bar("replay", "items", enabled=not args.json) as progress:
            result = replay(
                loaded, args.items, with_file_claims=not args.config_claims_only, progress=progress
            )
    except ReplayInputError as e:
        raise CliError(str(e), 2) from None
    if args.json:
        print_json(result.as_dict())
        return 0
    print(
        f"replayed {plural(result.items, 'item')}: {plural(result.matches, 'match', 'matches')}, "
        f"{plural(result.candidates, 'review candidate')}, "
        f"{plural(len(result.changes), 'status change')}"
    )
    if result.undated:
        print(f"({plural(result.undated, 'undated item')} timed a minute apart from 2000-01-01, in file order)")
    for c in result.changes:
        print(f"{fmt_time(c.at)}  {c.claim_id}: {c.from_status} -> {c.to_status}")
        print(f"    why: {c.reason}")
    if result.final:
        print("final statuses:")
        for f in result.final:
            print(f"  {f['id']}: {f['status']} ({f['evidence']} evidence, {plural(f['candidates'], 'candidate')})")
    return 0
