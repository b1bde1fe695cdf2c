"""Fault 1: SIGTERM while a fetch trickles. The daemon stops within its grace period (plus the
time cancelled work takes to unwind), writes nothing of the cancelled poll, hands the feed back
at once, and `health` then says it stopped; nothing is logged after "daemon.stopped"."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.daemon import Daemon
from helpers.feeds import RUMOUR_RSS
from helpers.feedserver import FeedServer
from helpers.wait import wait_until

pytestmark = pytest.mark.faults

GRACE = 3

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
read_timeout = "60s"
total_timeout = "120s"
[polling]
interval = 1
min_interval = 1
max_interval = 5
jitter = 0
[daemon]
poll_check = 0.5
heartbeat = 0.5
reload_check = 0.5
deliver_every = 0.5
grace_period = {grace}
[logging]
format = "json"
[[feeds]]
url = "{slow}"
[[feeds]]
url = "{quick}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def _lease(db: Path, url: str) -> tuple[str | None, str | None]:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT lease_owner, last_polled_at FROM feeds WHERE config_url = ?", (url,)
        ).fetchone()
    return row[0], row[1]


def _trickling(tmp_path: Path, feed_server: FeedServer, grace: float) -> tuple[Path, str, str, Daemon]:
    """A daemon polling a feed that trickles for ever and a quick one, its slow fetch begun:
    (config, slow URL, quick URL, daemon)."""
    slow = feed_server.route("/slow.xml", body=RUMOUR_RSS, trickle=1.0, endless=True)
    quick = feed_server.route("/quick.xml", body=RUMOUR_RSS)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(grace=grace, slow=slow, quick=quick))
    daemon = Daemon(config)
    try:
        wait_until(lambda: feed_server.requests_for("/slow.xml"), what="the slow fetch to start")
    except BaseException:
        daemon.stop(signal.SIGKILL)
        raise
    return config, slow, quick, daemon


def test_sigterm_cancels_a_trickling_fetch_and_hands_the_feed_back(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    config, slow, quick, daemon = _trickling(tmp_path, feed_server, GRACE)
    try:
        wait_until(lambda: daemon.events("feed.polled"), what="the quick feed's poll")
        started = time.monotonic()
        code = daemon.stop(signal.SIGTERM, timeout=60)
        took = time.monotonic() - started
    finally:
        if daemon.proc.poll() is None:
            daemon.stop(signal.SIGKILL)
    assert code == 0
    # Within the grace period and the unwinding, far from the fetch's 120 s deadline.
    assert took < GRACE + 10, took
    events = daemon.events()
    names = [e["event"] for e in events]
    assert "daemon.cancelling" in names
    # The stop is the last word: no poll result, error or heartbeat follows it.
    assert names[-1] == "daemon.stopped"
    after_cancel = names[names.index("daemon.cancelling") :]
    assert not {"feed.polled", "feed.error", "feed.failing"} & set(after_cancel), after_cancel
    assert not [e for e in events if e["event"] == "feed.polled" and e["url"] == slow]
    # The cancelled feed was not recorded as polled, and is free for any worker at once.
    owner, polled_at = _lease(tmp_path / "data" / "monitor.db", slow)
    assert owner is None and polled_at is None
    health = cli(config, "health", check=False)
    assert health.returncode != 0 and "stopped" in health.stdout
    assert "Traceback" not in daemon.log_path.read_text()
    # A new daemon polls the handed-back feed at once (not after the 300 s lease).
    before = len(feed_server.requests_for("/slow.xml"))
    second = Daemon(config)
    try:
        wait_until(lambda: len(feed_server.requests_for("/slow.xml")) > before, timeout=15,
                   what="the handed-back feed polled by the next daemon")
    finally:
        second.stop(signal.SIGKILL)
    quick_feed = [f for f in cli_json(config, "feeds") if f["url"] == quick]
    assert quick_feed[0]["items"] == 2


def test_a_second_sigterm_exits_at_once_and_says_so(tmp_path: Path, feed_server: FeedServer) -> None:
    """While the first SIGTERM waits out the grace period for a trickling fetch, a second one
    ends the daemon at once (exit 128 + 15), with a "daemon.killed" line."""
    _config, _slow, _quick, daemon = _trickling(tmp_path, feed_server, 30)
    try:
        daemon.proc.send_signal(signal.SIGTERM)
        wait_until(lambda: daemon.events("daemon.stopping"), what="the first signal's stop")
        started = time.monotonic()
        code = daemon.stop(signal.SIGTERM, timeout=10)
        took = time.monotonic() - started
    finally:
        if daemon.proc.poll() is None:
            daemon.stop(signal.SIGKILL)
    assert code == 128 + signal.SIGTERM
    assert took < 5  # not the 30 s grace period
    assert daemon.events("daemon.killed")[0]["signal"] == "SIGTERM"
