"""Fault 7: a feed with more items than one poll takes loses none. Each poll takes the first
`[polling] max_items` new items, says how many are left (log and `feeds`), and the next polls
(at the feed's min_interval, reading the body again despite its unchanged hash) take the rest."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.daemon import Daemon
from helpers.feedserver import FeedServer
from helpers.wait import wait_until

pytestmark = pytest.mark.faults

ITEMS = 1000
CAP = 100

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
[matching]
semantic = false
[polling]
interval = "1h"
min_interval = 1
max_interval = "2h"
jitter = 0
max_items = {cap}
[daemon]
poll_check = 0.5
heartbeat = 0.5
[logging]
format = "json"
[[feeds]]
url = "{feed}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def _archive(n: int) -> bytes:
    items = "".join(
        f"<item><title>Archive story number {i}</title><guid>story-{i}</guid>"
        f"<link>https://archive.example/{i}</link></item>"
        for i in range(n)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>A</title>{items}</channel></rss>'.encode()


def test_a_feed_over_the_cap_is_taken_in_full_over_several_polls(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed = feed_server.route("/archive.xml", body=_archive(ITEMS), headers={"ETag": '"v1"'})
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(cap=CAP, feed=feed))

    # One poll by hand: the first 100, and the rest announced.
    cli(config, "poll")
    [row] = cli_json(config, "feeds")
    assert row["items"] == CAP
    assert f"{ITEMS:,} entries, {ITEMS:,} new: took the first {CAP}" in row["last_status"]
    assert f"{ITEMS - CAP:,} left for the next polls" in row["last_status"]
    assert "900 left for the next polls" in cli(config, "feeds").stdout  # the listing too

    daemon = Daemon(config)
    try:
        wait_until(lambda: cli_json(config, "feeds")[0]["items"] == ITEMS, timeout=90,
                   what="every item stored")
        # (A new process does not know what the last one took: it starts again from the top,
        # the store skipping the items it has.)
        left = [e["left"] for e in daemon.events("feed.items_capped")]
        assert left == list(range(ITEMS - CAP, 0, -CAP)), left
    finally:
        daemon.stop(signal.SIGTERM)
    # All taken: now the unchanged body is skipped as usual.
    cli(config, "poll", "--all")
    [row] = cli_json(config, "feeds")
    assert row["items"] == ITEMS and row["last_status"] == "200 OK, unchanged since last poll"
    # The validators were not sent while items were left (a 304 would have hidden them): only
    # by this last poll.
    sent = [r for r in feed_server.requests_for("/archive.xml") if "if-none-match" in r.headers]
    assert len(sent) == 1
