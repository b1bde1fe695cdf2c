"""First run: `init [DIR]` writes a commented starter configuration; `completion SHELL` prints
the shell completion script (argcomplete) for bash, zsh or fish."""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from monitor.cli.context import CliContext, CliError
from monitor.settings import CONFIG_ENV, DEFAULT_CONFIG, ConfigError, load_settings

PROG = "rumour-monitor"
SHELLS = ("bash", "zsh", "fish")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init", help="write a commented starter configuration (one claim, one feed) and say what next"
    )
    p.add_argument(
        "dir", nargs="?", metavar="DIR", type=Path,
        help=f"folder for monitor.toml (default: where --config points, else {DEFAULT_CONFIG})",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("completion", help="print the shell completion script (bash, zsh, fish)")
    p.add_argument("shell", choices=SHELLS)
    p.set_defaults(handler=cmd_completion)


def starter_config() -> str:
    """The starter configuration shipped in the package (monitor/templates/starter.toml)."""
    return resources.files("monitor").joinpath("templates/starter.toml").read_text(encoding="utf-8")


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.config_edit import write_atomic

    target = args.dir / "monitor.toml" if args.dir else Path(ctx.config_arg or DEFAULT_CONFIG)
    if target.exists() and not args.force:
        raise CliError(
            f"{target} already exists; edit it, or pass --force to replace it with the starter"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, starter_config())
    except OSError as e:
        raise CliError(f"cannot write {target}: {e.strerror}") from None
    try:
        load_settings(target)  # the shipped starter is valid as written
    except ConfigError as e:  # pragma: no cover - the tests load it; a broken wheel would show here
        raise CliError(f"the starter configuration does not load: {e}") from None
    config = "" if target == Path(DEFAULT_CONFIG) else f" --config {target}"
    print(f"wrote {target}: one example claim, one feed, the database and status log in "
          f"{target.parent / 'data'}")
    print("next:")
    print(f"  1. edit {target}: your claims ([[claims]]) and feeds ([[feeds]])")
    print(f"  2. {PROG}{config} check-config        (what it holds, or what to fix)")
    print(f"  3. {PROG}{config} poll --once         (one poll now), then {PROG}{config} status")
    print(f"  4. {PROG}{config} run                 (the service: polls, judges, alerts)")
    if config:
        print(f"  (or export {CONFIG_ENV}={target} and drop --config)")
    print(f"  shell completion: eval \"$({PROG} completion bash)\" (or zsh, fish; see README)")
    return 0


def cmd_completion(args: argparse.Namespace, ctx: CliContext) -> int:
    import argcomplete

    print(argcomplete.shellcode([PROG], shell=args.shell), end="")
    return 0
