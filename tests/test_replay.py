"""`replay`: recorded items through the real judgement, in publication order, on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import cli, cli_json, write_config

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[sources]
trusted = ["reuters.com", "bloomberg.com"]
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
official_sources = ["mi.com"]
"""


def test_jsonl_replay_runs_in_publication_order_and_touches_no_real_database(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", CONFIG)
    items = tmp_path / "items.jsonl"
    rows = [
        # Listed first, published last: the official denial after the confirmations.
        {"title": "Xiaomi denies any electric car partnership with BAIC", "summary": "",
         "link": "https://www.mi.com/news/denial", "source": "mi.com", "published": "2021-04-02T10:00:00Z"},
        {"title": "Xiaomi reportedly in talks with BAIC on electric cars", "summary": "",
         "link": "https://blog.example/1", "source": "blog.example", "published": "2021-03-29T10:00:00Z"},
        {"title": "Xiaomi confirms electric car partnership with BAIC", "summary": "",
         "link": "https://www.reuters.com/a", "source": "reuters.com", "published": "2021-03-30T10:00:00Z"},
        {"title": "Xiaomi confirms its electric car partnership with BAIC, company says", "summary": "",
         "link": "https://www.bloomberg.com/b", "source": "bloomberg.com", "published": "2021-03-31T10:00:00Z"},
    ]
    items.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = cli_json(config, "replay", str(items))
    assert out["items"] == 4
    assert [(c["from"], c["to"]) for c in out["changes"]] == [("unverified", "confirmed"), ("confirmed", "denied")]
    first, second = out["changes"]
    assert first["at"].startswith("2021-03-31") and "trusted" in first["reason"]
    assert second["at"].startswith("2021-04-02") and "official" in second["reason"]
    assert [e["source"] for e in second["evidence"]] == ["mi.com"]
    assert out["final"][0]["status"] == "denied"
    # The configured database was never created: replay works on a temporary one.
    assert not (tmp_path / "data").exists()
    text = cli(config, "replay", str(items)).stdout
    assert "confirmed -> denied" in text and "replayed 4 items" in text


def test_labelled_pairs_csv_brings_its_claims(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", '[sources]\ntrusted = ["a.com", "b.com"]\n')
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "claim_id,claim,item_id,title,summary,source,label\n"
        "c1,Two Australian men kept a burger for 20 years,i1,Men keep Quarter Pounder burger for 20 years,,a.com,confirms\n"
        "c1,Two Australian men kept a burger for 20 years,i2,Two Australian men kept a burger for 20 years: it is true,,b.com,confirms\n"
        "c2,A comet will hit Earth next week,i3,Scientists: no comet will hit Earth next week,,c.com,denies\n"
    )
    out = cli_json(config, "replay", str(pairs))
    assert out["claims_from_file"] == 2 and out["items"] == 3
    assert [c["claim_id"] for c in out["changes"]] == ["c1"]
    assert {f["id"]: f["status"] for f in out["final"]} == {"c1": "confirmed", "c2": "unverified"}
    only_config = cli_json(config, "replay", str(pairs), "--config-claims-only")
    assert only_config["final"] == [] and only_config["changes"] == []


def test_unreadable_items_file_is_a_clear_error(tmp_path: Path) -> None:
    config = write_config(tmp_path / "monitor.toml", CONFIG)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok"}\n{not json\n')
    proc = cli(config, "replay", str(bad), check=False)
    assert proc.returncode == 2 and "bad.jsonl:2" in proc.stderr and "not JSON" in proc.stderr
    proc = cli(config, "replay", str(tmp_path / "missing.csv"), check=False)
    assert proc.returncode == 2 and "cannot read" in proc.stderr
