"""What every command handler gets: lazily loaded settings, store and logging."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from functools import cached_property
from typing import Any

from monitor.clock import utcnow
from monitor.errors import RumourMonitorError
from monitor.settings import LoadedSettings, config_path, load_settings
from monitor.store.db import sqlite_file_missing
from monitor.store.repo import Store


class CliError(RumourMonitorError):
    """An expected failure of a command: printed without a stack trace."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class CliContext:
    def __init__(self, config: str | None = None, log_level: str | None = None):
        self.config_arg = config
        self.log_level = log_level
        self._store: Store | None = None
        self._logging_done = False

    @cached_property
    def loaded(self) -> LoadedSettings:
        return load_settings(config_path(self.config_arg))

    def settings(self) -> LoadedSettings:
        return self.loaded

    def setup_logging(self) -> None:
        if self._logging_done:
            return
        from monitor.logs import configure_logging

        s = self.loaded.settings.logging
        configure_logging(level=self.log_level or s.level, fmt=s.format)
        self._logging_done = True

    def store(self) -> Store:
        """The store, schema upgraded, claims and feeds synced from the configuration."""
        if self._store is None:
            url = self.loaded.database_url
            new_file = sqlite_file_missing(url)
            self._store = Store.open(url)
            if new_file is not None:
                # Said aloud: a database that was deleted (or a mistyped path) must not go unnoticed.
                print(f"note: no database at {new_file}: created a new, empty one", file=sys.stderr)
            self._store.sync_config(self.loaded.claims(), self.loaded.feed_configs(), utcnow())
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _default(o: Any) -> Any:
    if isinstance(o, datetime):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=_default)
    sys.stdout.write("\n")


def fmt_time(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%SZ") if t else "-"


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``1 item``, ``2 items``, ``0 items``; `many` for irregular nouns (``1 match``, ``2 matches``)."""
    return f"{n} {noun if n == 1 else (many or noun + 's')}"
