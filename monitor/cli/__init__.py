"""Command line: `rumour-monitor` / `python -m monitor`.

Each command lives in its own module with a ``register(subparsers)`` function; handlers take
``(args, ctx)`` and return the exit code. This module only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from monitor.cli.context import CliContext, CliError
from monitor.settings import ConfigError
from monitor.store.db import DatabaseError

# Modules that add subcommands, in help order.
COMMAND_MODULES = (
    "monitor.cli.core",
    "monitor.cli.feeds_cmd",
    "monitor.cli.webhooks_cmd",
    "monitor.cli.eval_cmd",
    "monitor.cli.semantic_cmd",
    "monitor.cli.replay_cmd",
    "monitor.cli.daemon_cmd",
)


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
    parser.add_argument(
        "--log-level",
        choices=["debug", "info", "warning", "error"],
        help="log level (default: [logging] level, else info)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:  # a command module not written yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(config=args.config, log_level=args.log_level)
    try:
        return int(args.handler(args, ctx) or 0)
    except ConfigError as e:
        print(f"configuration error:\n{e}", file=sys.stderr)
        return 2
    except DatabaseError as e:
        print(f"database error: {e}", file=sys.stderr)
        return 3
    except CliError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except SQLAlchemyError as e:
        # An unexpected database failure: one line saying what, not a stack trace.
        print(f"database error: {e.__class__.__name__}: {str(e).splitlines()[0]}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


def run() -> None:
    sys.exit(main())
