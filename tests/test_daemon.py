"""The real daemon as a subprocess: scheduled polls, a status change with its webhook, config
reload (valid and invalid), SIGTERM within the grace period, SIGKILL and restart."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feeds import OFFICIAL_RSS, RUMOUR_RSS
from helpers.feedserver import FeedServer
from helpers.wait import wait_until
from helpers.webhook_receiver import Receiver

from monitor.alerts.signing import new_secret

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
""" + FAST_SCHEDULE + """[logging]
format = "json"
[[feeds]]
url = "{rumour}"
[[feeds]]
url = "{official}"
source = "mi.com"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
official_sources = ["mi.com"]
[[webhooks]]
url = "{hook}"
secret = "{secret}"
retry_schedule = ["0s", "1s", "1s", "1s"]
"""

EXTRA_CLAIM = """
[[claims]]
id = "tesla-india"
text = "Tesla opens a factory in India"
"""


@pytest.fixture
def setup(tmp_path: Path, feed_server: FeedServer):
    secret = new_secret()
    rx = Receiver(secret).start()
    rumour = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    official = feed_server.route("/newsroom.xml", body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title></channel></rss>')
    config = write_config(
        tmp_path / "monitor.toml",
        CONFIG.format(rumour=rumour, official=official, hook=rx.url("/hook"), secret=secret),
    )
    yield config, feed_server, rx
    rx.stop()


def test_daemon_polls_judges_alerts_reloads_and_stops_cleanly(setup) -> None:
    config, server, rx = setup
    daemon = Daemon(config)
    try:
        # The rumour is picked up on schedule, the claim stays unverified.
        wait_until(lambda: cli_json(config, "evidence", "xiaomi-baic"), what="the rumour as evidence")
        assert cli(config, "health").returncode == 0

        # The newsroom publishes: the next scheduled poll confirms the claim, and the alert arrives.
        server.route("/newsroom.xml", body=OFFICIAL_RSS)
        got = rx.wait_for(1, timeout=30)
        assert len(got) == 1
        data = got[0].payload["data"]
        assert data["claim"]["id"] == "xiaomi-baic" and data["to"] == "confirmed"
        assert data["evidence"][0]["source"] == "mi.com"
        assert [c["to"] for c in cli_json(config, "history")] == ["confirmed"]

        # A valid edit of the configuration is applied without a restart.
        config.write_text(config.read_text() + EXTRA_CLAIM)
        wait_until(lambda: any(c["id"] == "tesla-india" for c in cli_json(config, "status")),
                   what="the reloaded claim")
        wait_until(lambda: daemon.events("config.reloaded"), what="config.reloaded")
        # An invalid edit is logged and the running configuration kept.
        good = config.read_text()
        config.write_text(good + '\n[[claims]]\nid = "Bad Id"\ntext = "x y"\n')
        invalid = wait_until(lambda: daemon.events("config.invalid"), what="config.invalid")
        assert "claims[2].id" in " ".join(invalid[0]["errors"])
        assert daemon.proc.poll() is None
        polls_before = len(daemon.events("feed.polled"))
        wait_until(lambda: len(daemon.events("feed.polled")) > polls_before + 2,
                   what="polling to go on with the running configuration")
        config.write_text(good)
        assert {c["id"] for c in cli_json(config, "status")} == {"xiaomi-baic", "tesla-india"}

        # SIGTERM: exits 0 within the grace period; health then says it stopped.
        started = time.monotonic()
        assert daemon.stop(signal.SIGTERM) == 0
        assert time.monotonic() - started < 10
        assert daemon.events("daemon.stopped")
        health = cli(config, "health", check=False)
        assert health.returncode != 0 and "stopped" in health.stdout
    finally:
        if daemon.proc.poll() is None:
            daemon.stop(signal.SIGKILL)
    # Nothing lost: one change, one alert, one status-log line.
    assert len(cli_json(config, "history")) == 1
    assert len(rx.accepted()) == 1
    assert len((config.parent / "data" / "status-changes.jsonl").read_text().splitlines()) == 1
    # No stack traces in the daemon's output.
    assert "Traceback" not in daemon.log_path.read_text()


def test_sigkill_and_restart_resume_without_duplicates(setup) -> None:
    config, server, rx = setup
    server.route("/newsroom.xml", body=OFFICIAL_RSS)
    first = Daemon(config)
    try:
        wait_until(lambda: rx.accepted(), what="the first alert")
    finally:
        first.stop(signal.SIGKILL)
    assert first.proc.returncode == -signal.SIGKILL
    # Health notices the dead daemon once its heartbeat goes stale... but a restart resumes.
    second = Daemon(config)
    try:
        wait_until(lambda: second.events("feed.polled"), what="polls after the restart")
        # Every item stored once, whichever run stored it: the kill may come before the first
        # run's write of the other feed, and a poll of it after the restart may fail and be retried.
        wait_until(
            lambda: [f["items"] for f in cli_json(config, "feeds")] == [2, 1], what="each feed's items stored"
        )
        polled = len(second.events("feed.polled"))
        wait_until(lambda: len(second.events("feed.polled")) >= polled + 2, what="more scheduled polls")
        assert second.stop(signal.SIGTERM) == 0
    finally:
        if second.proc.poll() is None:
            second.stop(signal.SIGKILL)
    assert len(cli_json(config, "history")) == 1
    assert len({r.event_id for r in rx.accepted()}) == 1
    feeds = cli_json(config, "feeds")
    assert [f["items"] for f in feeds] == [2, 1]
