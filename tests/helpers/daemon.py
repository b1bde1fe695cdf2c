"""The real daemon (`rumour-monitor run`) as a subprocess, and a fast schedule for its config."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from helpers.cli import REPO, log_events

# Polls, reloads and heartbeats every second or faster, so the tests see them happen.
FAST_SCHEDULE = """
[polling]
interval = 1
min_interval = 1
max_interval = 5
jitter = 0
[daemon]
poll_check = 0.5
heartbeat = 0.5
reload_check = 0.5
deliver_every = 0.5
grace_period = 10
"""


class Daemon:
    """`rumour-monitor run` in a subprocess, its stdout (JSON log lines) collected in a file."""

    def __init__(self, config: Path):
        self.config = config
        self.log_path = config.parent / f"daemon-{time.monotonic_ns()}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - open for the process lifetime
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def events(self, name: str | None = None) -> list[dict[str, Any]]:
        evs = log_events(self.log_path.read_text())
        return [e for e in evs if name is None or e.get("event") == name]

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        finally:
            self._log.close()
