"""Fault 11: the status-change log is written from the database. A change whose line was never
appended (a SIGKILL between the commit and the append, or a log that could not be written) gets
its line at the next change or when the daemon starts; a line cut short is written again whole."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.daemon import Daemon
from helpers.wait import wait_until

pytestmark = pytest.mark.faults

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[logging]
format = "json"
status_log = "logs/status.jsonl"
[daemon]
poll_check = 0.5
heartbeat = 0.5
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _run_daemon_until_caught_up(config: Path, log: Path, lines: int) -> Daemon:
    daemon = Daemon(config)
    try:
        wait_until(lambda: log.exists() and len(log.read_text().splitlines()) >= lines,
                   what=f"{lines} lines in the status log")
        wait_until(lambda: daemon.events("daemon.started"), what="the start")
    finally:
        daemon.stop(signal.SIGTERM)
    return daemon


def test_lines_the_log_missed_are_written_from_the_database(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", CONFIG)
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the log's folder should be")
    log = blocker / "status.jsonl"

    # The change is recorded; its line cannot be written (and the user is told why).
    out = cli(config, "claims", "set-status", "xiaomi-baic", "confirmed", "--reason", "seen it")
    assert "status_log.write_failed" in out.stdout + out.stderr
    assert [c["to"] for c in cli_json(config, "history")] == ["confirmed"]

    # Fixed; the daemon's start writes the missing line.
    blocker.unlink()
    daemon = _run_daemon_until_caught_up(config, log, 1)
    assert [(c["id"], c["to"]) for c in _lines(log)] == [(1, "confirmed")]
    assert daemon.events("status_log.caught_up")[0]["lines"] == 1

    # A crash in the middle of an append: half a line. The next change writes it whole.
    whole = log.read_bytes()
    log.write_bytes(whole[: len(whole) // 2])
    cli(config, "claims", "set-status", "xiaomi-baic", "denied", "--reason", "retracted")
    assert [(c["id"], c["to"]) for c in _lines(log)] == [(1, "confirmed"), (2, "denied")]

    # SIGKILL after the commit, before the append: the line is not there. The next start writes it.
    log.write_bytes(whole)
    _run_daemon_until_caught_up(config, log, 2)
    assert [(c["id"], c["to"]) for c in _lines(log)] == [(1, "confirmed"), (2, "denied")]
    assert _lines(log)[1] == {**cli_json(config, "history")[1]}
