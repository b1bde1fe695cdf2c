"""Memory under many large feed bodies: the service process's peak resident memory when one poll
cycle fetches N bodies just under the 10 MiB cap from a local server.

    .venv/bin/python bench/bodies.py [--bodies 1 20 60 120] [--large-bodies 4] [--semantic]

Each run is `rumour-monitor poll --all` in a fresh process that reports its own peak (VmHWM) at
exit; the parse workers are separate processes with their own limit ([polling] parse_memory_mb).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from helpers.feedserver import FeedServer  # noqa: E402 - after the path is set

PAD = b"x" * 9_900_000

RUN = """
import atexit, sys
def peak():
    with open("/proc/self/status") as f:
        print("PEAK_KB", [l.split()[1] for l in f if l.startswith("VmHWM")][0], file=sys.stderr)
atexit.register(peak)
from monitor.cli import main
sys.exit(main(sys.argv[1:]))
"""


def body(i: int) -> bytes:
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title><description>'
        + PAD
        + f"</description><item><title>Story {i}</title><guid>g{i}</guid>"
        f"<link>https://big.example/{i}</link></item></channel></rss>".encode()
    )


def peak_mib(server: FeedServer, n: int, large_bodies: int, semantic: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        feeds = "".join(
            f'[[feeds]]\nurl = "{server.route(f"/{n}/big{i}.xml", body=body(i))}"\n'
            for i in range(n)
        )
        config = Path(tmp) / "monitor.toml"
        config.write_text(
            f'[database]\nurl = "sqlite:///{tmp}/m.db"\n'
            f"[network]\nallow_private = true\nlarge_bodies = {large_bodies}\n"
            f"[matching]\nsemantic = {str(semantic).lower()}\n{feeds}"
            '[[claims]]\nid = "a"\ntext = "Xiaomi makes an electric car with BAIC"\n'
        )
        proc = subprocess.run(
            [sys.executable, "-c", RUN, "--config", str(config), "poll", "--all"],
            capture_output=True, text=True, cwd=REPO, check=True,
        )
        line = [x for x in proc.stderr.splitlines() if x.startswith("PEAK_KB")][-1]
        return int(line.split()[1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bodies", type=int, nargs="+", default=[1, 20, 60, 120])
    ap.add_argument("--large-bodies", type=int, default=4)
    ap.add_argument("--semantic", action="store_true", help="with the sentence model (the default config)")
    args = ap.parse_args()
    with FeedServer() as server:
        for n in args.bodies:
            mib = peak_mib(server, n, args.large_bodies, args.semantic)
            print(f"{n:4d} bodies of 9.9 MiB: service process peak {mib:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
