"""A claim added (or edited) after its news arrived is judged against the items already stored:
through `claims add`, `claims backfill`, and the daemon's reload; the changes say actor backfill."""

from __future__ import annotations

import signal
from pathlib import Path

from helpers.cli import cli, cli_json, write_config
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feedserver import FeedServer
from helpers.wait import wait_until

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
""" + FAST_SCHEDULE + """
[logging]
format = "json"
[matching]
semantic = false
[[feeds]]
url = "{newsroom}"
source = "acme-motors.com"
[[claims]]
id = "acme-ohio"
text = "Acme Motors will close its Ohio plant"
official_sources = ["acme-motors.com"]
"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Acme newsroom</title>
<item><title>Acme Motors announces a battery factory in Texas</title>
<link>https://www.acme-motors.com/news/texas</link><guid>a1</guid>
<pubDate>Mon, 01 Dec 2026 08:00:00 GMT</pubDate></item>
<item><title>Acme Motors names a new chief financial officer</title>
<link>https://www.acme-motors.com/news/cfo</link><guid>a2</guid>
<pubDate>Tue, 02 Dec 2026 08:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_a_claim_added_later_finds_the_news_already_stored(tmp_path: Path, feed_server: FeedServer) -> None:
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(newsroom=feed_server.route("/n.xml", body=RSS)))
    cli(config, "poll", "--once")
    assert cli_json(config, "history") == []
    out = cli(
        config, "claims", "add", "acme-texas",
        "--text", "Acme Motors will build a battery factory in Texas",
        "--official-source", "acme-motors.com",
    ).stdout
    assert "judged 2 stored items against acme-texas: " in out and ", 1 status change" in out and "1 status changes" not in out
    (change,) = cli_json(config, "history", "acme-texas")
    assert change["actor"] == "backfill" and change["to"] == "confirmed"
    assert change["evidence"][0]["title"] == "Acme Motors announces a battery factory in Texas"
    assert "declared feed source acme-motors.com" in change["evidence"][0]["provenance"]
    # Judging again finds nothing new: backfill is idempotent.
    again = cli(config, "claims", "backfill").stdout
    assert "0 new matches, 0 status changes" in again
    assert len(cli_json(config, "history")) == 1


def test_the_daemon_backfills_a_claim_added_by_reload(tmp_path: Path, feed_server: FeedServer) -> None:
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(newsroom=feed_server.route("/n.xml", body=RSS)))
    daemon = Daemon(config)
    try:
        wait_until(lambda: daemon.events("feed.polled"), what="a poll")
        config.write_text(
            config.read_text()
            + '[[claims]]\nid = "acme-cfo"\ntext = "Acme Motors has a new chief financial officer"\n'
            + 'official_sources = ["acme-motors.com"]\n'
        )
        done = wait_until(lambda: daemon.events("claims.backfilled"), what="claims.backfilled")
        assert done[0]["claims"] == ["acme-cfo"] and done[0]["changes"] == 1
        (change,) = cli_json(config, "history", "acme-cfo")
        assert change["actor"] == "backfill" and change["to"] == "confirmed"
        assert daemon.stop(signal.SIGTERM) == 0
    finally:
        if daemon.proc.poll() is None:
            daemon.stop(signal.SIGKILL)
