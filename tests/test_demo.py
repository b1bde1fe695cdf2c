"""`make demo` (scripts/demo.py): the offline demo runs end to end and a rumour really moves."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_demo_shows_rumours_confirmed_and_denied(shared_data: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "RUMOUR_MONITOR_CONFIG"}
    proc = subprocess.run(
        [sys.executable, "scripts/demo.py", "--data", str(shared_data / "emergent-train.csv")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=90,
    )
    out = proc.stdout
    assert proc.returncode == 0, out[-4000:] + proc.stderr[-2000:]
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
