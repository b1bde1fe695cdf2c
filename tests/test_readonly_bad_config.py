"""Read-only commands survive a bad edit (issue 18): with errors outside [database] in the
configuration, `status`, `history`, `evidence`, `feeds`, `deliveries` and `health` print the
errors on stderr as a warning and show the database as it is, without syncing the half-read file
into it; commands that write still refuse, and an error in [database] still stops everything."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import cli, cli_json, write_config
from helpers.feeds import RUMOUR_RSS
from helpers.feedserver import FeedServer

GOOD = """
[database]
url = "sqlite:///monitor.db"
[network]
allow_private = true
[matching]
semantic = false
[logging]
format = "json"
[[feeds]]
url = "{feed}"
source = "technode.com"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
aliases = ["Xiaomi BAIC partnership"]
"""


def _broken(good: str) -> str:
    # Two typical bad edits: a misspelt key in [polling], and a claim whose id got lost.
    return good.replace("[matching]", "[polling]\nintervall = \"5m\"\n[matching]").replace(
        'id = "xiaomi-baic"\n', ""
    )


def test_read_only_commands_warn_and_show_the_database(tmp_path: Path, feed_server: FeedServer) -> None:
    feed = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    config = write_config(tmp_path / "monitor.toml", GOOD.format(feed=feed))
    cli(config, "poll", "--all")
    before = {
        "status": cli_json(config, "status"),
        "evidence": cli_json(config, "evidence", "xiaomi-baic"),
        "history": cli_json(config, "history"),
    }
    assert before["evidence"]  # the rumour matched

    config.write_text(_broken(GOOD.format(feed=feed)), encoding="utf-8")
    reads: list[tuple[str, ...]] = [("status",), ("history",), ("evidence", "xiaomi-baic"), ("feeds",), ("deliveries",)]
    for args in reads:
        proc = cli(config, *args)  # exit 0
        assert proc.stderr.startswith("warning: the configuration has errors"), proc.stderr
        assert "polling.intervall: unknown key" in proc.stderr
        assert "claims[0].id" in proc.stderr and "check-config" in proc.stderr
    # The database as it was: the claim the broken file lost is not archived, its evidence kept.
    assert cli_json(config, "status") == before["status"]
    assert cli_json(config, "evidence", "xiaomi-baic") == before["evidence"]
    assert cli_json(config, "history") == before["history"]
    assert [f["url"] for f in cli_json(config, "feeds")] == [feed]

    health = cli(config, "health", check=False)
    assert health.returncode == 1 and health.stdout.startswith("unhealthy: ")  # no daemon here
    assert "polling.intervall" in health.stderr

    # Commands that write still refuse a broken file.
    writes: list[tuple[str, ...]] = [("poll", "--all"), ("claims", "set-status", "xiaomi-baic", "denied", "--reason", "x")]
    for args in writes:
        proc = cli(config, *args, check=False)
        assert proc.returncode == 2 and "configuration error" in proc.stderr
        assert "polling.intervall" in proc.stderr


def test_an_error_in_database_still_stops_read_only_commands(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "monitor.toml",
        '[database]\nurl = "sqlite:///monitor.db"\npool = 3\n[polling]\nintervall = 1\n',
    )
    proc = cli(config, "status", check=False)
    assert proc.returncode == 2 and "database.pool" in proc.stderr
    assert not (tmp_path / "monitor.db").exists()
    proc = cli(tmp_path / "absent.toml", "status", check=False)
    assert proc.returncode == 2 and "file not found" in proc.stderr
    broken_toml = write_config(tmp_path / "bad.toml", '[database\nurl = "x"\n')
    proc = cli(broken_toml, "history", check=False)
    assert proc.returncode == 2 and "not valid TOML" in proc.stderr
