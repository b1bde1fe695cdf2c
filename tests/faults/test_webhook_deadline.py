"""Fault 8: the webhook `timeout` is a deadline for the whole attempt. A receiver trickling its
answer a byte at a time held one attempt for minutes (httpx's timeouts are per read) while the
delivery's lease expired and a second relay sent the same webhook-id concurrently."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from helpers.cli import cli, write_config
from helpers.webhook_receiver import Receiver, Respond

from monitor.alerts.signing import new_secret

pytestmark = pytest.mark.faults

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[logging]
format = "json"
[network]
allow_private = true
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
[[webhooks]]
url = "{hook}"
secret = "{secret}"
timeout = "2s"
retry_schedule = ["0s", "1h"]
"""


def test_a_trickling_receiver_is_cut_off_at_the_timeout(tmp_path: Path) -> None:
    secret = new_secret()
    with Receiver(secret) as rx:
        # About 60 s to answer in full, a byte every 0.3 s.
        rx.script("/hook", [Respond(204, headers={"x-padding": "p" * 150}, trickle=0.3)])
        config = write_config(
            tmp_path / "monitor.toml", CONFIG.format(hook=rx.url("/hook"), secret=secret)
        )
        cli(config, "claims", "set-status", "xiaomi-baic", "confirmed", "--reason", "checked")
        started = time.monotonic()
        out = cli(config, "deliver", "--once", "--json")
        took = time.monotonic() - started
        assert len(rx.received) == 1
    summary = json.loads(out.stdout)
    assert summary["delivered"] == 0 and summary["failed"] == 1
    assert took < 15, took  # the attempt took 2 s, not the receiver's minute
    [row] = json.loads(cli(config, "deliveries", "--json").stdout)
    assert row["attempts"] == 1 and "timeout" in (row["last_error"] or "")
