"""Fault 4: slow feeds on a host make the other feeds there wait their turn, never fail. Waiting
for a connection slot no longer counts against a feed's own deadline; a feed that cannot get a
slot within its poll cycle is handed back unpolled (not failed, not backed off)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.feedserver import FeedServer, Reply, loaded_settings, rss

from monitor.ingest.fetch import Fetcher, FetchResult

pytestmark = pytest.mark.faults

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
per_host_connections = 2
read_timeout = "2s"
total_timeout = "3s"
[polling]
jitter = 0
[logging]
format = "json"
{feeds}
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def test_slow_feeds_do_not_fail_the_healthy_ones_on_their_host(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    slow = [feed_server.route(f"/slow{i}.xml", Reply(body=rss("late"), delay=30)) for i in range(4)]
    healthy = [feed_server.route(f"/ok{i}.xml", body=rss(f"story {i}")) for i in range(17)]
    feeds = "".join(f'[[feeds]]\nurl = "{u}"\n' for u in slow + healthy)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(feeds=feeds))
    cli(config, "poll", "--all", timeout=120)
    state = {f["url"]: f for f in cli_json(config, "feeds")}
    for u in healthy:
        assert state[u]["error_count"] == 0 and state[u]["last_success"], state[u]
    for u in slow:
        assert "timeout" in (state[u]["last_error"] or ""), state[u]
    # Each healthy feed was requested once; only two connections to the host at a time.
    assert all(len(feed_server.requests_for(f"/ok{i}.xml")) == 1 for i in range(17))


def test_a_fetch_that_gets_no_slot_in_time_is_deferred_not_failed(feed_server: FeedServer) -> None:
    slow = feed_server.route("/slow.xml", Reply(body=rss("late"), delay=3))
    quick = feed_server.route("/quick.xml", body=rss("on time"))
    net = loaded_settings(network={"per_host_connections": 1}).settings.network

    async def behind_the_slow_one(queue_seconds: float | None) -> tuple[FetchResult, float]:
        """Fetch ``quick`` while ``slow`` holds the host's only slot."""
        async with Fetcher(net) as fetcher:
            loop = asyncio.get_running_loop()
            first = asyncio.create_task(fetcher.fetch(slow))
            await asyncio.sleep(0.2)
            started = loop.time()
            until = None if queue_seconds is None else started + queue_seconds
            got = await fetcher.fetch(quick, queue_until=until)
            waited = loop.time() - started
            assert (await first).ok
            return got, waited

    deferred, waited = asyncio.run(behind_the_slow_one(0.5))
    assert deferred.deferred and deferred.error is None and not deferred.ok
    assert waited < 1.5
    assert not feed_server.requests_for("/quick.xml")
    # Without a limit on the wait it waits its turn, however long, and succeeds.
    patient, waited = asyncio.run(behind_the_slow_one(None))
    assert patient.ok and not patient.deferred
    assert waited >= 2.5
