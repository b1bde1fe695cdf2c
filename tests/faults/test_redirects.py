"""Fault 2: a permanent redirect moves a feed only to a URL that answers with a feed. A 301 to a
refused target (a link-local metadata address, another scheme) or to a 404 leaves the feed where
it was; and a feed removed and added again starts afresh at its configured URL."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.feeds import RUMOUR_RSS
from helpers.feedserver import FeedServer, feed_row, loaded_settings

from monitor.ingest.poller import Poller
from monitor.model import PolledFeed

pytestmark = pytest.mark.faults

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
[polling]
jitter = 0
[[feeds]]
url = "{to_404}"
[[feeds]]
url = "{to_ftp}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def _urls(config: Path) -> dict[str, str]:
    return {f["config_url"]: f["url"] for f in cli_json(config, "feeds")}


def test_a_301_to_a_failing_or_refused_target_does_not_move_the_feed(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    to_404 = feed_server.redirect("/a.xml", "/missing.xml", status=301)
    to_ftp = feed_server.redirect("/b.xml", "ftp://169.254.169.254/latest/meta-data/", status=301)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(to_404=to_404, to_ftp=to_ftp))
    for _ in range(2):
        cli(config, "poll", "--all")
    assert _urls(config) == {to_404: to_404, to_ftp: to_ftp}
    # Both polls asked the configured URLs again.
    assert len(feed_server.requests_for("/a.xml")) == 2
    assert len(feed_server.requests_for("/b.xml")) == 2
    failing = {f["url"]: f["last_error"] for f in cli_json(config, "feeds")}
    assert "404" in failing[to_404] and "only http and https" in failing[to_ftp]

    # Once the target answers with a feed, the move is taken.
    new = feed_server.route("/missing.xml", body=RUMOUR_RSS)
    cli(config, "poll", "--all")
    assert _urls(config)[to_404] == new

    # Removed and added again: back at the configured URL, its error streak forgotten.
    cli(config, "feeds", "remove", to_404)
    cli(config, "feeds", "add", to_404)
    row = next(f for f in cli_json(config, "feeds") if f["config_url"] == to_404)
    assert row["url"] == to_404 and row["error_count"] == 0 and row["items"] == 2


def test_a_301_to_the_metadata_address_is_refused_and_not_kept(feed_server: FeedServer) -> None:
    """With allow_private off (only the test server's own address counts as public here)."""
    url = feed_server.redirect("/feed.xml", "http://169.254.169.254/latest/meta-data/", status=301)
    loaded = loaded_settings(allow_private=False)

    async def poll() -> list[PolledFeed]:
        async with Poller(loaded, address_policy=lambda ip: str(ip) == "127.0.0.1") as poller:
            return [p async for p in poller.poll([feed_row(url)])]

    (polled,) = asyncio.run(poll())
    assert not polled.update.succeeded
    assert "169.254.169.254" in (polled.update.last_error or "")
    assert polled.update.url == url
    assert not [e for e in polled.update.events if e.event == "feed.moved"]
