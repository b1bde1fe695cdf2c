"""`rumour-monitor eval PATH --json` end to end on the shared Emergent training file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.cli import write_pairs

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EMERGENT = DATA / "emergent-train.csv"


def run_eval(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("rumour-monitor", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "monitor"]
    return subprocess.run(
        [*cmd, "eval", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.skipif(not EMERGENT.exists(), reason=f"shared data not found at {EMERGENT}")
def test_eval_json_on_emergent() -> None:
    p = run_eval(str(EMERGENT), "--json")
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert (r["pairs"], r["claims"]) == (2071, 240)
    assert r["seconds"] < 60
    # Every Emergent headline is about its own claim: it should usually rank first among 240.
    assert r["ranking"]["r_at_1"] > 0.8
    assert r["relatedness"]["precision"] == 1.0  # no unrelated pairs are listed
    assert 0.0 <= r["false_matches_per_item"] < 0.5
    # Well above always answering "confirms" (about 0.48 here).
    assert r["stance"]["accuracy"] > 0.6
    assert set(r["stance"]["confusion"]) == {"confirms", "denies", "reports"}


def test_eval_text_output_and_bad_file(tmp_path: Path) -> None:
    f = write_pairs(
        tmp_path / "pairs.csv",
        [
            ("p", "Apple is buying Path", "1", "Apple to buy Path", "", "x.com", "reports"),
            ("k", "Kim Jong Un broke his ankles", "1", "Apple to buy Path", "", "x", "unrelated"),
        ],
    )
    p = run_eval(str(f))
    assert p.returncode == 0, p.stderr
    assert "R@1" in p.stdout and "FNC score" in p.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("claim_id,claim,title,label\nx,y,z,sometimes\n", encoding="utf-8")
    p = run_eval(str(bad))
    assert p.returncode != 0
    assert "label" in p.stderr
    p = run_eval(str(tmp_path / "missing.csv"))
    assert p.returncode != 0 and "no such file" in p.stderr


def test_eval_by_claim_and_errors(tmp_path: Path) -> None:
    f = write_pairs(
        tmp_path / "pairs.csv",
        [
            ("path", "Apple is buying Path", "1", "Apple to buy Path", "", "x", "reports"),
            # Mislabelled on purpose: a Path headline listed as about Kim, so Kim misses it and
            # Path matches an item it is not listed with.
            ("kim", "Kim Jong Un broke his ankles", "2", "Apple buys Path", "", "x", "confirms"),
        ],
    )
    p = run_eval(str(f), "--by-claim", "--errors", "5")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    table = out[out.index("claim  related") :]
    assert table.index("\nkim ") < table.index("\npath ")  # worst recall first
    assert "missed related pairs (1; lowest score first):" in out
    assert "'Apple buys Path'" in out
    assert "claim: Kim Jong Un broke his ankles (kim)" in out
    assert "best:  Apple is buying Path (path) scored" in out
    assert "false matches (1; highest score first):" in out
    # Without the flags, neither part is printed; --json always holds both.
    plain = run_eval(str(f)).stdout
    assert "missed related pairs" not in plain and "claim  related" not in plain
    r = json.loads(run_eval(str(f), "--json").stdout)
    assert [m["item_id"] for m in r["errors"]["missed"]] == ["2"]
    assert list(r["by_claim"]) == ["kim", "path"]
