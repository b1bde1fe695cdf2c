"""Fault 13: many large bodies in one cycle. 60 bodies just under the 10 MiB cap took the service
process to 491 MiB: every fetched body was held until parsed. Now at most `[network]
large_bodies` bodies over 1 MiB are held at a time, so the peak no longer grows with their number."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers.cli import REPO, write_config
from helpers.feedserver import FeedServer

pytestmark = pytest.mark.faults

PAD = b"x" * 9_900_000

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
large_bodies = 2
[matching]
semantic = false
{feeds}
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""

# The CLI in-process, printing its own peak resident memory (kB) when it exits. (VmHWM, not
# getrusage: ru_maxrss keeps the high-water mark of the process image before exec, which here is a
# fork of the test process holding every feed body.)
RUN = """
import atexit, sys
def peak():
    with open("/proc/self/status") as f:
        hwm = [line.split()[1] for line in f if line.startswith("VmHWM")]
    print("PEAK_KB", hwm[0], file=sys.stderr)
atexit.register(peak)
from monitor.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _big(i: int) -> bytes:
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title><description>'
        + PAD
        + f"</description><item><title>Story {i}</title><guid>g{i}</guid>"
        f"<link>https://big.example/{i}</link></item></channel></rss>".encode()
    )


def _peak_mib(folder: Path, server: FeedServer, bodies: int) -> float:
    feeds = "".join(
        f'[[feeds]]\nurl = "{server.route(f"/{bodies}/big{i}.xml", body=_big(i))}"\n'
        for i in range(bodies)
    )
    folder.mkdir()
    config = write_config(folder / "monitor.toml", CONFIG.format(feeds=feeds))
    proc = subprocess.run(
        [sys.executable, "-c", RUN, "--config", str(config), "poll", "--all"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"polled {bodies} feed{'' if bodies == 1 else 's'} (0 failed)" in proc.stdout
    peak = [line for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")]
    return int(peak[-1].split()[1]) / 1024


def test_many_large_bodies_cost_a_bounded_amount_of_memory(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    one = _peak_mib(tmp_path / "one", feed_server, 1)
    many = _peak_mib(tmp_path / "many", feed_server, 40)
    # Two slots of a 10 MiB body each, with its copies on the way to the parser (about 3 each),
    # and some slack: 40 bodies held at once would be 400 MiB and more.
    assert many - one < 80, (one, many)
    print(f"peak: {one:.0f} MiB with 1 large body, {many:.0f} MiB with 40")
