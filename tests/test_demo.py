"""`make demo` (scripts/demo.py): the offline demo runs end to end from a copy of the repository
with no ../shared beside it (its data ships in scripts/demo_data/), and a rumour really moves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _copy_of_repository(dest: Path) -> Path:
    """The files git knows (committed or new, not ignored): what a fresh clone holds."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for name in filter(None, files):
        src = REPO / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def test_demo_runs_from_a_clone_without_shared_data(tmp_path: Path) -> None:
    clone = _copy_of_repository(tmp_path / "rumour-monitor")
    assert not (clone.parent / "shared").exists()
    venv = Path(sys.executable).parents[1]  # this venv; `make` must not build another one
    env = {k: v for k, v in os.environ.items() if k not in ("RUMOUR_MONITOR_CONFIG", "MAKEFLAGS")}
    proc = subprocess.run(
        ["make", "--no-print-directory", "-o", f"{venv}/bin/rumour-monitor", "demo", f"VENV={venv}"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=120,
    )
    out = proc.stdout
    assert proc.returncode == 0, out[-4000:] + proc.stderr[-2000:]
    assert "emergent-excerpt.csv" in out and "Ferreira & Vlachos 2016" in out
    # Headlines are published over time and read by the daemon before anything is decided.
    assert re.search(r"published\s+hp-split: .*\[Emergent: reports\]", out)
    first_status = out.index("STATUS")
    assert re.search(r"matched\s+\S+: .* -> reports", out[:first_status])
    # The claims move to their real outcomes, with the reason, live and in `history`.
    assert re.search(r"STATUS\s+hp-split: unverified -> confirmed\. confirmed by 2 trusted sources", out)
    assert re.search(r"STATUS\s+culkin-dead: unverified -> denied\. denied by 2 trusted sources", out)
    status, history = out.split("$ rumour-monitor status", 1)[1].split("$ rumour-monitor history", 1)
    assert re.search(r"hp-split\s+confirmed", status) and re.search(r"culkin-dead\s+denied", status)
    assert "hp-split: unverified -> confirmed  (rules)" in history
    assert "culkin-dead: unverified -> denied  (rules)" in history
    assert "daemon    exited with code 0" in out


def test_demo_excerpt_credits_emergent_under_cc_by() -> None:
    notice = (REPO / "scripts" / "demo_data" / "README.md").read_text(encoding="utf-8")
    assert "Ferreira" in notice and "Vlachos" in notice and "CC BY 4.0" in notice


def test_nothing_a_user_runs_reads_the_shared_folder() -> None:
    shipped = [*(REPO / "monitor").rglob("*.py"), REPO / "scripts" / "demo.py", REPO / "Makefile"]
    offenders = [
        str(p.relative_to(REPO)) for p in shipped
        if re.search(r"""["'/]shared["'/]""", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
