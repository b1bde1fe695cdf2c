"""Progress bars for long work (issue 18): on a terminal `poll --all`, `replay`, `eval` and
backfill (`claims backfill`) show a bar on stderr; on a pipe, or with --json, nothing at all.

The terminal is a real pseudo-terminal (pty) the command's stderr is attached to."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest
from helpers.cli import REPO, cli, write_config, write_pairs
from helpers.feedserver import FeedServer, rss

CONFIG = """
[database]
url = "sqlite:///monitor.db"
[network]
allow_private = true
[matching]
semantic = false
[logging]
format = "json"
[[feeds]]
url = "{a}"
[[feeds]]
url = "{b}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def on_terminal(config: Path, *args: str) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal; returns (exit code, stdout, terminal text)."""
    master, slave = pty.openpty()
    # A real terminal has a size (a fresh pty's is 0x0, which leaves a bar no room).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "RUMOUR_MONITOR_CONFIG"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        stdout=subprocess.PIPE, stderr=slave, cwd=REPO, env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the other side closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    out, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return proc.returncode, out.decode(), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def config(tmp_path: Path, feed_server: FeedServer) -> Path:
    a = feed_server.route("/a.xml", body=rss("Xiaomi in talks with BAIC on electric cars"))
    b = feed_server.route("/b.xml", body=rss("Something else entirely"))
    return write_config(tmp_path / "monitor.toml", CONFIG.format(a=a, b=b))


def test_poll_all_shows_a_bar_on_a_terminal_only(config: Path) -> None:
    code, out, tty = on_terminal(config, "poll", "--all")
    assert code == 0 and out.startswith("polled 2 feeds")
    assert "polling: " in tty and "/2" in tty and "feeds" in tty
    assert "polling: " not in out  # the summary stays clean

    piped = cli(config, "poll", "--all")
    assert "polling: " not in piped.stderr and "%|" not in piped.stderr

    code, out, tty = on_terminal(config, "poll", "--all", "--json")
    assert code == 0 and json.loads(out)["feeds"] == 2
    assert "polling: " not in tty


def test_replay_eval_and_backfill_show_bars_on_a_terminal(config: Path, tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text("".join(
        json.dumps({"title": f"Xiaomi and BAIC story {i}", "source": "blog.example",
                    "published": f"2021-03-{10 + i}T10:00:00Z"}) + "\n"
        for i in range(5)
    ))
    code, out, tty = on_terminal(config, "replay", str(items))
    assert code == 0 and out.startswith("replayed 5 items")
    assert "replay: " in tty and "/5" in tty
    assert "replay: " not in on_terminal(config, "replay", str(items), "--json")[2]
    assert "replay: " not in cli(config, "replay", str(items)).stderr

    pairs = write_pairs(tmp_path / "pairs.csv", [
        ("c1", "Xiaomi partners with BAIC", "i1", "Xiaomi and BAIC sign a deal", "", "a.com", "confirms"),
        ("c1", "Xiaomi partners with BAIC", "i2", "Xiaomi BAIC deal off", "", "b.com", "denies"),
    ])
    code, out, tty = on_terminal(config, "eval", str(pairs), "--lexical")
    assert code == 0 and "2 pairs, 2 items, 1 claim" in out
    assert "eval: " in tty
    assert "eval: " not in cli(config, "eval", str(pairs), "--lexical").stderr

    cli(config, "poll", "--all")
    code, out, tty = on_terminal(config, "claims", "backfill", "xiaomi-baic")
    assert code == 0 and "judged 1 stored item against xiaomi-baic" in out
    assert "backfill: " in tty and "items" in tty
