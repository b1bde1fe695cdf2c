"""The whole path through the real CLI: a local feed server -> poll -> evidence -> status change."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import cli, cli_json, log_events, write_config
from helpers.feeds import OFFICIAL_RSS, RUMOUR_RSS
from helpers.feedserver import FeedServer

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
[sources]
trusted = ["reuters.com", "bloomberg.com"]
[logging]
format = "json"
[[feeds]]
url = "{rumour}"
source = "technode.com"
[[feeds]]
url = "{official}"
source = "mi.com"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
aliases = ["Xiaomi BAIC partnership"]
official_sources = ["mi.com", "xiaomi.com"]
[[claims]]
id = "tesla-india"
text = "Tesla opens a factory in India"
"""


def test_rumour_then_official_confirmation(tmp_path: Path, feed_server: FeedServer) -> None:
    rumour_url = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    official_url = feed_server.route("/newsroom.xml", status=404)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(rumour=rumour_url, official=official_url))

    # 1. Only the rumour is out: evidence is stored, the claim stays unverified.
    first = cli(config, "poll", "--once")
    assert "polled 2 feeds (1 failed)" in first.stdout
    errors = [e for e in log_events(first.stderr) if e["event"] == "feed.error"]
    assert errors and errors[0]["url"] == official_url and "404" in errors[0]["reason"]
    status = {c["id"]: c for c in cli_json(config, "status")}
    assert status["xiaomi-baic"]["status"] == "unverified"
    assert status["tesla-india"]["status"] == "unverified"
    evidence = cli_json(config, "evidence", "xiaomi-baic")
    assert len(evidence) == 1
    (rumour,) = evidence
    assert rumour["stance"] == "reports" and rumour["source_tier"] == "other"
    assert rumour["source"] == "technode.com"
    assert rumour["url"] == "https://technode.com/2021/03/29/xiaomi-baic-talks/"  # tracking params gone
    assert rumour["why"] and rumour["matched_terms"] and rumour["cues"]
    assert cli_json(config, "evidence", "tesla-india") == []  # the iPad item matches nothing
    assert cli_json(config, "history") == []

    # 2. The company's own newsroom confirms: one official source decides.
    feed_server.route("/newsroom.xml", body=OFFICIAL_RSS)
    second = cli(config, "poll", "--all")
    changed = [e for e in log_events(second.stderr) if e["event"] == "claim.status_changed"]
    assert len(changed) == 1 and changed[0]["claim_id"] == "xiaomi-baic" and changed[0]["to"] == "confirmed"
    status = {c["id"]: c for c in cli_json(config, "status")}
    assert status["xiaomi-baic"]["status"] == "confirmed"
    history = cli_json(config, "history")
    assert len(history) == 1
    (change,) = history
    assert change["claim_id"] == "xiaomi-baic"
    assert (change["from"], change["to"]) == ("unverified", "confirmed")
    assert "official" in change["reason"] and "mi.com" in change["reason"]
    assert [e["url"] for e in change["evidence"]] == ["https://www.mi.com/global/newsroom/xiaomi-baic-partnership"]
    ev = change["evidence"][0]
    assert ev["stance"] == "confirms" and ev["source"] == "mi.com" and ev["score"] > 0
    assert ev["title"].startswith("Xiaomi officially confirms")

    # The status-change log has the same change as one JSON line.
    lines = (tmp_path / "data" / "status-changes.jsonl").read_text().splitlines()
    assert len(lines) == 1
    logged = json.loads(lines[0])
    assert logged["claim_id"] == "xiaomi-baic" and logged["to"] == "confirmed"

    # 3. Polling again changes nothing: no new items, no new evidence, no new change.
    before_items = cli_json(config, "feeds")
    third = cli(config, "poll", "--all")
    assert "0 new items, 0 matches, 0 status changes" in third.stdout
    assert cli_json(config, "history") == history
    assert len(cli_json(config, "evidence", "xiaomi-baic")) == 2
    after_items = cli_json(config, "feeds")
    assert [f["items"] for f in after_items] == [f["items"] for f in before_items] == [2, 1]
    assert len((tmp_path / "data" / "status-changes.jsonl").read_text().splitlines()) == 1

    # history for one claim, and the human-readable form, name the reason and the evidence.
    text = cli(config, "history", "xiaomi-baic").stdout
    assert "unverified -> confirmed" in text and "mi.com" in text


def test_unreachable_feed_is_logged_and_others_go_on(tmp_path: Path, feed_server: FeedServer) -> None:
    good = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    dead = "http://127.0.0.1:9/feed.xml"  # discard port: nothing listens there
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(rumour=dead, official=good))
    proc = cli(config, "poll", "--once")
    assert proc.returncode == 0
    errors = [e for e in log_events(proc.stderr) if e["event"] == "feed.error"]
    assert [e["url"] for e in errors] == [dead]
    feeds = {f["url"]: f for f in cli_json(config, "feeds")}
    assert feeds[dead]["error_count"] == 1 and feeds[dead]["last_error"]
    assert feeds[good]["items"] == 2


def test_bad_configuration_exits_2_naming_file_key_and_fix(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "bad.toml",
        """
[netwrk]
allow_private = true
[[feeds]]
url = "not a url"
[[claims]]
text = "A claim without an id"
[[claims]]
id = "dup"
text = "first"
[[claims]]
id = "dup"
text = "second"
""",
    )
    proc = cli(config, "check-config", check=False)
    assert proc.returncode == 2
    err = proc.stderr
    assert str(config) in err
    assert "netwrk" in err and "unknown key" in err
    assert "feeds[0].url" in err and "http" in err
    assert "claims[0].id" in err and "missing" in err

    # Commands that write refuse; read-only ones (`status`) warn and read the database as it is.
    config.write_text('[[claims]]\nid = "dup"\ntext = "first"\n[[claims]]\nid = "dup"\ntext = "second"\n')
    proc = cli(config, "poll", check=False)
    assert proc.returncode == 2 and "duplicate claim id 'dup'" in proc.stderr
    proc = cli(config, "status", check=False)
    assert proc.returncode == 0 and "warning:" in proc.stderr and "duplicate claim id 'dup'" in proc.stderr

    config.write_text('[[claims]]\nid = "ok"\ntext = "fine claim"\nofficial_sources = "mi.com"\n')
    proc = cli(config, "check-config", check=False)
    assert proc.returncode == 2 and "claims[0].official_sources" in proc.stderr
    proc = cli(config, "status", check=False)
    assert proc.returncode == 0 and "claims[0].official_sources" in proc.stderr


def test_check_config_lists_what_it_found(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(rumour="https://a.example/rss", official="https://b.example/rss"))
    out = cli(config, "check-config").stdout
    assert "OK" in out and "xiaomi-baic" in out and "https://a.example/rss" in out
    data = cli_json(config, "check-config")
    assert data["ok"] is True and [c["id"] for c in data["claims"]] == ["xiaomi-baic", "tesla-india"]
