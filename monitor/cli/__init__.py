"""Command line: `rumour-monitor` / `python -m monitor`.

Each command lives in its own module with a ``register(subparsers)`` function; handlers take
``(args, ctx)`` and return the exit code. This module only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from monitor.cli.context import CliContext, CliError
from monitor.errors import ConfigError, InputError, NotFound, RumourMonitorError, StorageError
from monitor.redact import redact_text

# Modules that add subcommands, in help order.
COMMAND_MODULES = (
    "monitor.cli.core",
    "monitor.cli.feeds_cmd",
    "monitor.cli.webhooks_cmd",
    "monitor.cli.eval_cmd",
    "monitor.cli.replay_cmd",
    "monitor.cli.daemon_cmd",
    "monitor.cli.serve_cmd",
    "monitor.cli.setup_cmd",
)


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("rumour-monitor")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rumour-monitor",
        description="Watch news feeds for tracked rumours; record when they are confirmed or denied.",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="configuration file (default: $RUMOUR_MONITOR_CONFIG or config/monitor.toml)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument(
        "--log-level",
        choices=["debug", "info", "warning", "error"],
        help="log level (default: [logging] level, else info)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


# Exit codes by error kind, most specific first: what a script can tell apart.
EXIT_CODES: tuple[tuple[type[RumourMonitorError], int, str], ...] = (
    (ConfigError, 2, "configuration error:\n"),
    (InputError, 2, "error: "),
    (StorageError, 3, "database error: "),
    (NotFound, 1, "error: "),
)


def exit_code(e: RumourMonitorError) -> tuple[int, str]:
    """The exit code for an error, and the prefix its message is printed with."""
    if isinstance(e, CliError):
        return e.exit_code, "error: "
    for kind, code, prefix in EXIT_CODES:
        if isinstance(e, kind):
            return code, prefix
    return 1, "error: "


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    # Shell completion: answers the shell's question and exits when called by the completion
    # script (it sets _ARGCOMPLETE); otherwise does nothing.
    import argcomplete

    argcomplete.autocomplete(parser)
    args = parser.parse_args(argv)
    ctx = CliContext(config=args.config, log_level=args.log_level)
    try:
        return int(args.handler(args, ctx) or 0)
    except RumourMonitorError as e:
        code, prefix = exit_code(e)
        # Errors quote URLs (a feed, a webhook, the database): never with their secrets.
        print(f"{prefix}{redact_text(str(e))}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


def run() -> None:
    sys.exit(main())
