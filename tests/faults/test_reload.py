"""Faults 3 and 10: a reload that meets a locked database is applied once the database is free
(without another edit), and [daemon] keys take effect on reload."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest
from helpers.cli import cli_json, write_config
from helpers.daemon import Daemon
from helpers.feeds import RUMOUR_RSS
from helpers.feedserver import FeedServer
from helpers.wait import wait_until

pytestmark = pytest.mark.faults

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
[polling]
interval = 1
min_interval = 1
max_interval = 5
jitter = 0
[daemon]
poll_check = {poll_check}
heartbeat = 0.5
reload_check = 0.5
deliver_every = 0.5
grace_period = 5
[logging]
format = "json"
[[feeds]]
url = "{feed}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""

NEW_CLAIM = """
[[claims]]
id = "tesla-india"
text = "Tesla opens a factory in India"
"""


def test_a_reload_that_meets_a_locked_database_is_retried(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(poll_check=0.5, feed=feed))
    daemon = Daemon(config)
    try:
        wait_until(lambda: daemon.events("feed.polled"), what="a first poll")
        locker = sqlite3.connect(tmp_path / "data" / "monitor.db", timeout=30)
        try:
            locker.execute("BEGIN EXCLUSIVE")
            config.write_text(config.read_text() + NEW_CLAIM)
            failed = wait_until(lambda: daemon.events("config.reload_failed"), timeout=40,
                                what="the reload to fail on the locked database")
            assert "locked" in failed[0]["error"] and failed[0]["retry_in_seconds"] > 0
        finally:
            locker.rollback()
            locker.close()
        # Once the database is free, the same edit is applied: no second edit needed.
        wait_until(lambda: daemon.events("config.reloaded"), timeout=40, what="the retried reload")
        assert {c["id"] for c in cli_json(config, "status")} == {"xiaomi-baic", "tesla-india"}
        backfilled = wait_until(lambda: daemon.events("claims.backfilled"), what="the backfill")
        assert backfilled[0]["claims"] == ["tesla-india"]
    finally:
        daemon.stop(signal.SIGTERM)


def test_daemon_keys_take_effect_on_reload(tmp_path: Path, feed_server: FeedServer) -> None:
    feed = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(poll_check=600, feed=feed))
    daemon = Daemon(config)
    try:
        wait_until(lambda: daemon.events("feed.polled"), what="the first poll (at start)")
        time.sleep(3)
        assert len(daemon.events("feed.polled")) == 1  # the next check is 10 minutes away
        config.write_text(config.read_text().replace("poll_check = 600", "poll_check = 0.5"))
        reloaded = wait_until(lambda: daemon.events("config.reloaded"), what="the reload")
        assert reloaded[0]["daemon_keys_changed"] == ["poll_check"]
        wait_until(lambda: len(daemon.events("feed.polled")) >= 3, timeout=15,
                   what="polls at the new poll_check")
    finally:
        daemon.stop(signal.SIGTERM)
