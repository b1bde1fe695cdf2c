"""structlog configuration: JSON lines when not on a terminal, readable console output on one.

Events are named ``noun.verb`` (``feed.polled``, ``claim.status_changed``) and carry ids.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping, Sequence
from typing import Any, TextIO

import structlog
from structlog.typing import EventDict, Processor

from monitor.redact import redact

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def redact_urls(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> dict[str, Any]:
    """The structlog processor that hides the secrets of every URL in a log line (values, lists,
    the formatted exception): feed and webhook credentials, API keys in queries (monitor.redact)."""
    return {k: redact(v) for k, v in event.items()}


def configure_logging(
    level: str = "info",
    fmt: str = "auto",
    stream: TextIO | None = None,
    observers: Sequence[Processor] = (),
) -> None:
    """Set up structlog for the process. ``fmt``: auto | json | console.

    ``observers``: processors that see every event at info level and above (e.g. the metrics
    counters) before the events below ``level`` are dropped from the output.
    """
    stream = stream or sys.stderr
    use_console = fmt == "console" or (fmt == "auto" and stream.isatty())
    renderer: Any = (
        structlog.dev.ConsoleRenderer(colors=stream.isatty())
        if use_console
        else structlog.processors.JSONRenderer(ensure_ascii=False)
    )
    shown = _LEVELS.get(level, logging.INFO)
    seen = min(shown, logging.INFO) if observers else shown
    below: list[Processor] = [_drop_below(shown)] if shown > seen else []
    structlog.configure(
        processors=[
            *observers,
            *below,
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            redact_urls,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(seen),
        logger_factory=structlog.PrintLoggerFactory(file=stream),
        cache_logger_on_first_use=False,
    )


_METHOD_LEVELS = {**_LEVELS, "warn": logging.WARNING, "exception": logging.ERROR,
                  "critical": logging.CRITICAL}


def _drop_below(level: int) -> Processor:
    def drop(_logger: Any, method: str, event: EventDict) -> EventDict:
        if _METHOD_LEVELS.get(method, logging.ERROR) < level:
            raise structlog.DropEvent
        return event

    return drop


def get_logger(**initial: Any) -> Any:
    """A lazy logger: safe to create at import time, it uses the configuration of the moment."""
    return structlog.get_logger(**initial)
