"""Editing the configuration from the CLI: `claims add|archive`, `feeds add|remove`."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config

from monitor.config_edit import (
    EditError,
    add_claim,
    add_feed,
    archive_claim,
    remove_feed,
    validate,
    write_atomic,
)

REPO = Path(__file__).resolve().parents[1]

CONFIG = """\
# My monitor. Keep this comment.
[database]
url = "sqlite:///data/monitor.db"   # next to this file

[network]
allow_private = true

# The seed story, explained at length.
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
official_sources = ["mi.com"]   # the newsroom

[[claims]]
id = "tesla-india"
text = "Tesla opens a factory in India"

# Feeds: one per outlet.
[[feeds]]
url = "https://a.example/rss"

[[feeds]]
url = "https://b.example/rss"
source = "b.example"

[[webhooks]]
url = "https://hooks.example/in"
secret = "${WEBHOOK_SECRET}"
"""


def data(text: str) -> dict:
    return tomllib.loads(text)


# ---- the pure edits ---------------------------------------------------------------------------


def test_add_claim_keeps_comments_and_puts_the_claim_with_the_others() -> None:
    new = add_claim(
        CONFIG, "apple-car", "Apple builds an electric car", aliases=["Apple EV"],
        official_sources=["apple.com"], require=[["Apple"], ["car", "EV"]],
    )
    # Every original line is still there, in order, comments included.
    old_lines = CONFIG.splitlines()
    new_lines = new.splitlines()
    it = iter(new_lines)
    assert all(line in it for line in old_lines)
    claims = data(new)["claims"]
    assert claims[-1] == {
        "id": "apple-car", "text": "Apple builds an electric car", "aliases": ["Apple EV"],
        "require": [["Apple"], ["car", "EV"]], "official_sources": ["apple.com"],
    }
    # The comment that introduces the feeds still sits right above the first [[feeds]].
    i = new_lines.index("# Feeds: one per outlet.")
    assert new_lines[i + 1] == "[[feeds]]"
    assert new_lines.index('id = "apple-car"') < i
    # The secret reference is written back as it was, never expanded.
    assert 'secret = "${WEBHOOK_SECRET}"' in new_lines


def test_archive_claim_removes_only_that_claim_and_keeps_the_next_sections_comment() -> None:
    new = archive_claim(CONFIG, "tesla-india")
    assert [c["id"] for c in data(new)["claims"]] == ["xiaomi-baic"]
    assert "Tesla" not in new
    lines = new.splitlines()
    i = lines.index("# Feeds: one per outlet.")
    assert lines[i + 1] == "[[feeds]]"
    assert "# The seed story, explained at length." in lines
    assert 'official_sources = ["mi.com"]   # the newsroom' in lines


def test_feed_add_and_remove_round_trip_to_the_same_text() -> None:
    added = add_feed(CONFIG, "https://c.example/rss", source="c.example", interval="15m")
    assert data(added)["feeds"][-1] == {"url": "https://c.example/rss", "source": "c.example", "interval": "15m"}
    assert remove_feed(added, "https://c.example/rss") == CONFIG


def test_duplicates_and_unknown_names_are_refused_with_the_key() -> None:
    with pytest.raises(EditError) as e:
        add_claim(CONFIG, "tesla-india", "Another claim with the same id")
    assert e.value.key == "claims[1].id" and "already exists" in e.value.message
    with pytest.raises(EditError) as e:
        add_feed(CONFIG, "https://b.example/rss")
    assert e.value.key == "feeds[1].url"
    with pytest.raises(EditError) as e:
        archive_claim(CONFIG, "nope")
    assert "xiaomi-baic, tesla-india" in e.value.message
    with pytest.raises(EditError):
        remove_feed(CONFIG, "https://nowhere.example/rss")


def test_validate_names_the_key_of_an_invalid_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    from monitor.settings import ConfigError

    monkeypatch.setenv("WEBHOOK_SECRET", "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    validate(CONFIG, "m.toml")  # the starting point is valid
    with pytest.raises(ConfigError) as e:
        validate(add_feed(CONFIG, "ftp://files.example/feed"), "m.toml")
    assert e.value.problems[0][0] == "feeds[2].url"


def test_write_atomic_keeps_permissions_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["monitor.toml"]


# ---- through the real CLI -------------------------------------------------------------------


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WEBHOOK_SECRET", "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    return write_config(tmp_path / "monitor.toml", CONFIG)


def test_cli_claims_add_then_archive(config: Path) -> None:
    out = cli(
        config, "claims", "add", "apple-car", "--text", "Apple builds an electric car",
        "--alias", "Apple EV", "--alias", "Project Titan car", "--official-source", "apple.com",
        "--require", "Apple", "--require", "car|EV|vehicle",
    ).stdout
    assert "added claim apple-car" in out
    shown = cli_json(config, "check-config")
    assert [c["id"] for c in shown["claims"]] == ["xiaomi-baic", "tesla-india", "apple-car"]
    added = data(config.read_text())["claims"][-1]
    assert added["aliases"] == ["Apple EV", "Project Titan car"]
    assert added["require"] == [["Apple"], ["car", "EV", "vehicle"]]
    assert "# The seed story, explained at length." in config.read_text()
    assert {c["id"] for c in cli_json(config, "status")} == {"xiaomi-baic", "tesla-india", "apple-car"}

    out = cli(config, "claims", "archive", "apple-car").stdout
    assert "removed claim apple-car" in out
    assert "apple-car" not in config.read_text()
    # The database keeps the claim, marked archived.
    status = {c["id"]: c for c in cli_json(config, "status", "--archived")}
    assert status["apple-car"]["archived"] is True
    assert "apple-car" not in {c["id"] for c in cli_json(config, "status")}


def test_cli_refusals_exit_2_name_the_key_and_leave_the_file_alone(config: Path) -> None:
    before = config.read_bytes()
    cases = [
        (("claims", "add", "tesla-india", "--text", "Tesla opens a factory in India"), "claims[1].id"),
        (("claims", "add", "Not A Slug", "--text", "Something happens"), "claims[2].id"),
        (("claims", "add", "short", "--text", "no"), "claims[2].text"),
        (("claims", "archive", "nope"), "no claim with id 'nope'"),
        (("feeds", "add", "not-a-url"), "feeds[2].url"),
        (("feeds", "add", "https://c.example/rss", "--interval", "soon"), "feeds[2].interval"),
        (("feeds", "add", "https://a.example/rss"), "feeds[0].url: the feed"),
        (("feeds", "remove", "https://nowhere.example/rss"), "no feed with url"),
    ]
    for args, expected in cases:
        proc = cli(config, *args, check=False)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert str(config) in proc.stderr and expected in proc.stderr, (args, proc.stderr)
        assert config.read_bytes() == before, args
    assert sorted(p.name for p in config.parent.iterdir() if p.is_file()) == ["monitor.toml"]


def test_cli_feeds_lists_adds_and_removes(config: Path) -> None:
    listed = cli_json(config, "feeds")
    assert [f["url"] for f in listed] == ["https://a.example/rss", "https://b.example/rss"]
    assert "https://b.example/rss" in cli(config, "feeds").stdout

    cli(config, "feeds", "add", "https://c.example/rss", "--source", "c.example", "--interval", "15m")
    feeds = {f["url"]: f for f in cli_json(config, "feeds")}
    assert feeds["https://c.example/rss"]["source"] == "c.example"

    cli(config, "feeds", "remove", "https://a.example/rss")
    assert cli_json(config, "check-config")["feeds"] == [
        "https://b.example/rss", "https://c.example/rss"
    ]
    assert "# Feeds: one per outlet." in config.read_text()


def test_cli_edit_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    proc = cli(tmp_path / "absent.toml", "feeds", "add", "https://c.example/rss", check=False)
    assert proc.returncode == 2 and "file not found" in proc.stderr
    assert not (tmp_path / "absent.toml").exists()



def test_an_unwritable_folder_is_a_config_error_and_the_file_is_unchanged(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor import config_edit
    from monitor.settings import ConfigError

    def read_only(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(config_edit, "write_atomic", read_only)
    before = config.read_bytes()
    with pytest.raises(ConfigError) as e:
        config_edit.edit_file(config, lambda text: add_feed(text, "https://c.example/rss"))
    assert "cannot write" in str(e.value) and "Permission denied" in str(e.value)
    assert config.read_bytes() == before


def test_check_config_warns_about_claims_that_will_judge_badly(tmp_path: Path) -> None:
    from helpers.cli import cli, cli_json, write_config

    config = write_config(
        tmp_path / "monitor.toml",
        """
[[claims]]
id = "empty"
text = "it is what it is"
[[claims]]
id = "factory"
text = "Xiaomi builds a car factory with BAIC"
require = [["Xiaomi"], ["BAIC"]]
official_sources = ["co.uk", "news.google.com", "mi.com"]
[[claims]]
id = "partnership"
text = "Xiaomi partners with BAIC on electric cars"
require = [["BAIC"], ["Xiaomi"]]
[[claims]]
id = "partnership-again"
text = "Xiaomi partners with BAIC on electric cars"
require = [["baic"], ["xiaomi"]]
""",
    )
    checked = cli_json(config, "check-config")
    assert checked["ok"] is True
    text = " | ".join(checked["warnings"])
    assert "claim empty: no words to match on" in text
    assert "official source 'co.uk' is a public suffix" in text
    assert "official source 'news.google.com' is a news aggregator" in text
    assert "claims factory and partnership: the same require groups" in text
    assert "claims partnership and partnership-again: the same words and require groups" in text
    p = cli(config, "check-config")
    assert p.returncode == 0 and "warning: claim empty" in p.stdout
