"""What every command handler gets: lazily loaded settings, store and logging."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from functools import cached_property
from typing import Any

from monitor.clock import utcnow
from monitor.errors import RumourMonitorError
from monitor.settings import (
    ConfigError,
    LoadedSettings,
    config_path,
    load_readable_settings,
    load_settings,
)
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
        self._readable: LoadedSettings | None = None
        self._partial = False  # `_readable` holds only the valid sections of a broken file

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

    def readable_settings(self) -> LoadedSettings:
        """The settings for a command that only reads: with errors outside [database] in the
        file, they are printed on stderr as a warning and the valid sections are used."""
        if self._readable is None:
            try:
                self._readable = self.loaded
            except ConfigError:
                self._readable, problem = load_readable_settings(config_path(self.config_arg))
                self._partial = problem is not None
                if problem is not None:
                    print(
                        f"warning: the configuration has errors; showing the database as it is "
                        f"(claims and feeds not updated from the file):\n{problem}\n"
                        "fix them (see `rumour-monitor check-config`); the daemon keeps running "
                        "its last good configuration",
                        file=sys.stderr,
                    )
        return self._readable

    def read_store(self) -> Store:
        """The store for a command that only reads. With a valid configuration this is `store`
        (synced); with errors outside [database] the database is opened as it is, never synced
        from a half-read file (that would archive claims or feeds the file still has)."""
        loaded = self.readable_settings()
        if not self._partial:
            return self.store()
        if self._store is None:
            url = loaded.database_url
            new_file = sqlite_file_missing(url)
            self._store = Store.open(url)
            if new_file is not None:
                print(f"note: no database at {new_file}: created a new, empty one", file=sys.stderr)
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
