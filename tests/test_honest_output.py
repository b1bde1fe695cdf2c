"""Output that tells the truth (issue 18): a feed that fails is shown as erroring from its first
failure and failing after [polling] failing_after; counts read "1 item", not "1 items"; `status`
counts only evidence that counts; `deliveries` keeps every attempt across `redeliver`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.feeds import RUMOUR_RSS
from helpers.feedserver import FeedServer, rss
from helpers.webhook_receiver import Receiver, Respond, queue_change
from sqlalchemy import Engine

from monitor.alerts.signing import new_secret
from monitor.cli import main
from monitor.cli.context import plural
from monitor.settings import load_settings
from monitor.store.db import open_engine

SECRET = new_secret()

FEEDS_CONFIG = """
[database]
url = "sqlite:///monitor.db"
[network]
allow_private = true
[polling]
failing_after = 2
[matching]
semantic = false
[logging]
format = "json"
[[feeds]]
url = "{good}"
[[feeds]]
url = "{broken}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
aliases = ["Xiaomi BAIC partnership"]
"""


def test_plural() -> None:
    assert [plural(n, "item") for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]
    assert plural(1, "match", "matches") == "1 match" and plural(3, "match", "matches") == "3 matches"


def test_a_feed_errors_from_its_first_failure_and_fails_after_failing_after(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    good = feed_server.route("/good.xml", body=rss("Only one story here"))
    broken = feed_server.route("/gone.xml", status=404)
    config = write_config(tmp_path / "monitor.toml", FEEDS_CONFIG.format(good=good, broken=broken))

    first = cli(config, "poll", "--all")
    assert "polled 2 feeds (1 failed): 1 new item, 0 matches, 0 status changes" in first.stdout
    listing = cli(config, "feeds").stdout
    assert f"{good}  [ok]" in listing and f"{broken}  [ERROR]" in listing
    assert "1 item;" in listing and "1 items" not in listing
    assert "1 error in a row" in listing and "404" in listing
    assert {r["url"]: r["state"] for r in cli_json(config, "feeds")} == {good: "ok", broken: "error"}

    cli(config, "poll", "--all")  # the second failure in a row: failing_after = 2
    listing = cli(config, "feeds").stdout
    assert f"{broken}  [FAILING]" in listing and "2 errors in a row" in listing
    assert f"{good}  [ok]" in listing  # still fine, and no "0 errors in a row" noise
    assert "0 errors" not in listing


def test_status_does_not_count_rejected_evidence(tmp_path: Path, feed_server: FeedServer) -> None:
    feed = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    config = write_config(
        tmp_path / "monitor.toml", FEEDS_CONFIG.format(good=feed, broken=feed + "?again")
    )
    cli(config, "poll", "--all")
    [ev] = cli_json(config, "evidence", "xiaomi-baic")
    [claim] = cli_json(config, "status")
    assert (claim["evidence"], claim["rejected"]) == (1, 0)

    cli(config, "evidence", "--reject", str(ev["id"]))
    [claim] = cli_json(config, "status")
    assert (claim["evidence"], claim["candidates"], claim["rejected"]) == (0, 0, 1)
    assert re.search(r"evidence 0, candidates 0, rejected 1", cli(config, "status").stdout)


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver(SECRET) as r:
        yield r


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_engine(db_url)
    yield eng
    eng.dispose()


def test_deliveries_keep_every_attempt_across_redeliver(
    tmp_path: Path, db_url: str, engine: Engine, rx: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "m.toml"
    config.write_text(
        f'[database]\nurl = "{db_url}"\n[network]\nallow_private = true\n'
        '[logging]\nformat = "json"\n[[claims]]\nid = "a"\ntext = "Claim a is true"\n'
        f'[[webhooks]]\nurl = "{rx.url("/bad")}?token=hunter2"\nsecret = "{SECRET}"\n'
        'retry_schedule = ["0s", "0s"]\n'
    )
    queue_change(engine, load_settings(config).settings.webhooks, "a", "confirmed")
    rx.script("/bad", [], then=Respond(500, body=b"not today"))
    assert main(["--config", str(config), "deliver", "--once"]) == 0  # two 500s: dead
    rx.script("/bad", [Respond(503)], then=Respond(204))
    assert main(["--config", str(config), "redeliver", "--dead"]) == 0
    # The schedule starts again (not dead at once): a 503, then delivered.
    assert main(["--config", str(config), "deliver", "--once"]) == 0
    capsys.readouterr()

    assert main(["--config", str(config), "deliveries", "--json"]) == 0
    [d] = json.loads(capsys.readouterr().out)
    assert d["state"] == "delivered" and d["attempts"] == 4 and d["redelivered"]
    assert [(a["outcome"], a["status"]) for a in d["attempt_log"]] == [
        ("retry", 500), ("dead", 500), ("retry", 503), ("delivered", 204)
    ]
    assert "not today" in d["attempt_log"][0]["error"]
    times = [a["at"] for a in d["attempt_log"]]
    assert times == sorted(times)

    assert main(["--config", str(config), "deliveries", "--attempts"]) == 0
    text = capsys.readouterr().out
    assert "4 attempts" in text
    lines = [ln.split(None, 3)[2:] for ln in text.splitlines() if ln.startswith("    ")]
    assert [ln[0] for ln in lines] == ["retry", "dead", "retry", "delivered"]
    assert "500: 500 Internal Server Error: not today" in text
    assert "hunter2" not in text
