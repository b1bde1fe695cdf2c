"""Faults 6 and 9: a configuration that hung the poll for ever, and loose configuration types.

`interval = 1e20` passed check-config and made `poll` wait for ever (the per-feed safety net
raised again); `[daemon] lease = 1e30` gave a traceback; `allow_private = "yes"` was true,
`interval = true` was one second; a feed URL with a space in its host or port 99999 passed;
`--config /dev/null` was accepted and created a database under /dev/data.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from helpers.cli import cli, write_config
from helpers.feeds import RUMOUR_RSS
from helpers.feedserver import FeedServer, Reply, feed_row, loaded_settings, poll_once

from monitor.model import PolledFeed

pytestmark = pytest.mark.faults

CLAIM = """
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def check(config: Path, *extra: str) -> tuple[int, str]:
    proc = cli(config, "check-config", *extra, check=False, timeout=60)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


def errors_by_key(config: Path) -> dict[str, str]:
    code, out = check(config, "--json")
    assert code == 2, out
    report = json.loads(out[: out.rindex("}") + 1])
    assert report["ok"] is False and report["path"] == str(config)
    return {e["key"]: e["message"] for e in report["errors"]}


def test_loose_types_are_refused_naming_the_key(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", """
[network]
allow_private = "yes"
[polling]
interval = true
[[feeds]]
url = "http://news.exa mple.com/rss"
[[feeds]]
url = "http://news.example.com:99999/rss"
[[feeds]]
url = "ftp://news.example.com/rss"
[[webhooks]]
url = "https://hooks.example.com:0/x"
secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
""" + CLAIM)
    errors = errors_by_key(config)
    assert set(errors) == {
        "network.allow_private", "polling.interval", "feeds[0].url", "feeds[1].url",
        "feeds[2].url", "webhooks[0].url",
    }
    assert "true or false, without quotes" in errors["network.allow_private"]
    assert "'yes'" in errors["network.allow_private"]
    assert "not true" in errors["polling.interval"]
    assert "space" in errors["feeds[0].url"]
    assert "port" in errors["feeds[1].url"] and "1 to 65535" in errors["feeds[1].url"]
    assert "http:// or https://" in errors["feeds[2].url"]
    assert "port" in errors["webhooks[0].url"]
    # The text form names the file and the key on each line, as every configuration error does.
    code, out = check(config)
    assert code == 2
    assert f"{config}: network.allow_private: " in out and f"{config}: feeds[1].url: " in out


def test_durations_and_sizes_have_bounds_and_nothing_hangs(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", """
[network]
allow_private = true
max_body_bytes = 99999999999
total_timeout = "2d"
[polling]
interval = 1e20
max_interval = 1e20
[daemon]
lease = 1e30
poll_check = 0
[[feeds]]
url = "http://127.0.0.1:9/rss"
""" + CLAIM)
    errors = errors_by_key(config)
    assert set(errors) == {
        "network.max_body_bytes", "network.total_timeout", "polling.interval",
        "polling.max_interval", "daemon.lease", "daemon.poll_check",
    }
    assert "at most 30d" in errors["polling.interval"] and "1e+20" in errors["polling.interval"]
    assert "at most 1d" in errors["daemon.lease"]
    assert "at least 0.1s" in errors["daemon.poll_check"]
    assert "at most 1h" in errors["network.total_timeout"]
    assert "268435456" in errors["network.max_body_bytes"]
    # poll and run refuse it at once with the same clear error: no hang, no traceback.
    for command in (["poll", "--once"], ["run"]):
        proc = cli(config, *command, check=False, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert "daemon.lease: must be at least 1s and at most 1d" in proc.stderr


def test_durations_take_strings_and_numbers_within_range(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", """
[network]
allow_private = true
total_timeout = "30s"
connect_timeout = 2.5
[polling]
interval = "15m"
min_interval = 1
max_interval = "30d"
[daemon]
lease = 4
poll_check = 0.1
[[feeds]]
url = "https://user:pw@news.example.com:8443/rss?api_key=k"
interval = 60
[[webhooks]]
url = "https://hooks.example.com/x"
secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
retry_schedule = ["0s", 5, "1h"]
""" + CLAIM)
    code, out = check(config)
    assert code == 0, out
    assert "https://***@news.example.com:8443/rss?api_key=***" in out


@pytest.mark.parametrize("kind", ["device", "directory", "fifo"])
def test_a_config_path_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    if kind == "device":
        path = Path("/dev/null")
        what = "is not a regular file (a device, pipe or socket)"
    elif kind == "directory":
        path = tmp_path
        what = "is a directory"
    else:
        path = tmp_path / "pipe.toml"
        os.mkfifo(path)  # reading it would block for ever
        what = "is not a regular file (a device, pipe or socket)"
    before = set(path.parent.iterdir()) if kind != "directory" else set(tmp_path.iterdir())
    for command in (["check-config"], ["status"], ["poll", "--once"]):
        proc = cli(path, *command, check=False, timeout=30)
        assert proc.returncode == 2, proc.stderr
        assert f"{path}: {what}; pass --config PATH of the TOML configuration file" in proc.stderr
    # Nothing was created beside it (no data/ folder, no database).
    after = set(path.parent.iterdir()) if kind != "directory" else set(tmp_path.iterdir())
    assert after == before
    assert not Path("/dev/data").exists()


@pytest.mark.timeout(120)
def test_a_failure_inside_the_safety_net_cannot_hang_a_poll(feed_server: FeedServer) -> None:
    """Intervals out of every range (a row written before the bounds, or any future bug in the
    planning) make the planning raise inside the per-feed safety net: each such feed is still
    answered (an internal error, retried in an hour), and the other feeds of the cycle are polled
    as usual. Before, the feed never answered and the cycle waited for ever."""
    ok = feed_server.route("/ok.xml", body=RUMOUR_RSS)
    broken_ok = feed_server.route("/broken-ok.xml", body=RUMOUR_RSS)
    broken_404 = feed_server.route("/broken-404.xml", Reply(status=404))
    huge = {"interval": 1e20, "min_interval": 1e20, "max_interval": 1e20}
    feeds = [feed_row(broken_ok, 1, **huge), feed_row(broken_404, 2, **huge), feed_row(ok, 3)]
    results: list[PolledFeed] = []
    worker = threading.Thread(
        target=lambda: results.extend(poll_once(loaded_settings(), feeds)), daemon=True
    )
    worker.start()
    worker.join(90)
    assert not worker.is_alive(), "the poll cycle hung"
    by_id = {p.feed.id: p.update for p in results}
    assert set(by_id) == {1, 2, 3}
    assert by_id[3].succeeded and by_id[3].last_status == "200 OK, 2 items"
    for broken in (by_id[1], by_id[2]):
        assert not broken.succeeded and broken.last_status == "internal error"
        assert broken.last_error and "OverflowError" in broken.last_error
        assert broken.error_count == 1
        assert [e.event for e in broken.events] == ["feed.error"]
        assert 3500 < (broken.next_poll_at - broken.polled_at).total_seconds() <= 3600
