"""Soak benchmark: the real daemon against 1,000 local feeds with 1,000 claims for 10 minutes.

    .venv/bin/python bench/soak.py [--feeds 1000] [--claims 1000] [--minutes 10]

A local HTTP server (its own process) serves feeds that gain a new item every few minutes, with
ETags, so the daemon sees a realistic mix of 200s and 304s. The daemon (`rumour-monitor run`, a
subprocess, SQLite) polls them on its own schedule. Every 5 s the bench samples the daemon's
memory (RSS of the daemon plus its parse workers) and open file descriptors. It prints polls/s,
memory and descriptors at the start (after a one-minute warm-up) and at the end, and the growth.
"""

from __future__ import annotations

import argparse
import http.server
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from multiprocessing.connection import Connection
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from ingest import load_headlines  # noqa: E402  (bench/ingest.py: real Emergent headlines)
from match import synth_claims  # noqa: E402  (bench/match.py: distinct claim variants)

ITEMS = 20  # items per feed at any time
NEW_ITEM_EVERY = 180.0  # seconds between new items in one feed


def feed_body(n: int, version: int, titles: list[str]) -> bytes:
    parts = [f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak {n}</title>'
             f"<link>https://soak{n}.example/</link>"]
    for k in range(version, version + ITEMS):
        title = titles[(n * 7919 + k * 104729) % len(titles)]
        when = format_datetime(datetime.fromtimestamp(1_700_000_000 + k * NEW_ITEM_EVERY, UTC), usegmt=True)
        parts.append(
            f"<item><title>{escape(title)}</title><link>https://soak{n}.example/{k}</link>"
            f"<guid>soak-{n}-{k}</guid><pubDate>{when}</pubDate>"
            f"<description>{escape(title)} — more on this story as it develops.</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(n_feeds: int, titles: list[str], port_out: Connection) -> None:
    start = time.time()
    offsets = [random.Random(n).uniform(0, NEW_ITEM_EVERY) for n in range(n_feeds)]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            try:
                n = int(self.path.strip("/").split(".")[0].removeprefix("f"))
            except ValueError:
                self.send_error(404)
                return
            version = int((time.time() - start + offsets[n]) // NEW_ITEM_EVERY)
            etag = f'"{n}-{version}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            body = feed_body(n, version, titles)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 1024

    httpd = Server(("127.0.0.1", 0), Handler)
    port_out.send(httpd.server_address[1])
    httpd.serve_forever()


def tree_rss_kb(pid: int) -> int:
    """RSS of a process and its children (the parse workers), in KiB."""
    total = 0
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def open_fds(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return -1


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--claims", type=int, default=1000)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--warmup", type=float, default=60.0, help="seconds before the start sample")
    return ap.parse_args()


def start_feed_server(n_feeds: int, titles: list[str]) -> tuple[multiprocessing.Process, int]:
    """The feed server in its own process; returns it and the port it listens on."""
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(n_feeds, titles, child), daemon=True)
    server.start()
    return server, parent.recv()


def write_config(folder: Path, claims: list[str], n_feeds: int, port: int) -> Path:
    lines = [
        '[database]\nurl = "sqlite:///monitor.db"\n',
        "[network]\nallow_private = true\nper_host_connections = 16\nmax_connections = 64\n",
        # Intervals within 30-60 s: ~1,000/45 polls a second, whatever rhythm the feeds show.
        '[polling]\ninterval = "45s"\nmin_interval = "30s"\nmax_interval = "60s"\n',
        '[daemon]\npoll_check = "2s"\npoll_batch = 100\nheartbeat = "5s"\n',
        '[logging]\nformat = "json"\nlevel = "info"\n',
    ]
    for i, text in enumerate(claims):
        lines.append(f"[[claims]]\nid = \"c{i}\"\ntext = {json.dumps(text)}\n")
    for n in range(n_feeds):
        lines.append(f'[[feeds]]\nurl = "http://127.0.0.1:{port}/f{n}.xml"\n')
    config = folder / "monitor.toml"
    config.write_text("".join(lines))
    return config


Sample = tuple[float, int, int]  # seconds since the daemon started, RSS (KiB), open descriptors


def sample_daemon(daemon: subprocess.Popen[bytes], seconds: float) -> list[Sample]:
    """Every 5 s until `seconds` have passed: the daemon's memory and descriptors."""
    began = time.monotonic()
    samples: list[Sample] = []
    while (elapsed := time.monotonic() - began) < seconds:
        time.sleep(5)
        if daemon.poll() is not None:
            raise SystemExit(f"the daemon exited early ({daemon.returncode}); see its log")
        samples.append((elapsed, tree_rss_kb(daemon.pid), open_fds(daemon.pid)))
    return samples


def soak_daemon(
    config: Path, log_path: Path, seconds: float, server: multiprocessing.Process
) -> tuple[list[Sample], int]:
    """Run the daemon for `seconds`, sampling it, then SIGTERM; returns the samples and its exit code.
    The feed server is stopped once the daemon has."""
    with open(log_path, "w") as log:
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            stdout=log, stderr=subprocess.STDOUT, cwd=REPO,
        )
    try:
        samples = sample_daemon(daemon, seconds)
    finally:
        daemon.send_signal(signal.SIGTERM)
        stop_code = daemon.wait(60)
        server.terminate()
    return samples, stop_code


@dataclass
class LogCounts:
    polls: int = 0
    polls_after_warmup: int = 0
    errors: int = 0  # failed polls
    changes: int = 0  # claim status changes
    tracebacks: int = 0


def count_log(log_path: Path, warmup: float) -> LogCounts:
    """Polls (all, failed, after the warm-up), status changes and tracebacks in the daemon's log."""
    counts = LogCounts()
    first_at: float | None = None
    for line in log_path.read_text().splitlines():
        if not line.startswith("{"):
            continue
        ev = json.loads(line)
        name = ev.get("event")
        if name == "feed.polled":
            counts.polls += 1
            if not ev.get("ok"):
                counts.errors += 1
            t = datetime.fromisoformat(ev["timestamp"]).timestamp()
            first_at = first_at or t
            if t - first_at >= warmup:
                counts.polls_after_warmup += 1
        elif name == "claim.status_changed":
            counts.changes += 1
    counts.tracebacks = log_path.read_text().count("Traceback")
    return counts


def report(
    args: argparse.Namespace, n_claims: int, samples: list[Sample], counts: LogCounts, stop_code: int
) -> None:
    warm = [s for s in samples if s[0] >= args.warmup] or samples
    start, end = warm[0], warm[-1]
    run_seconds = args.minutes * 60
    print(f"soak: {args.feeds} feeds, {n_claims} claims, {args.minutes:g} min")
    print("| polls | polls/s | polls/s after warm-up | failed polls | status changes | "
          "RSS start (MiB) | RSS end (MiB) | RSS max (MiB) | fds start | fds end | fds max |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {counts.polls} | {counts.polls / run_seconds:.1f} "
          f"| {counts.polls_after_warmup / max(1, run_seconds - args.warmup):.1f} "
          f"| {counts.errors} | {counts.changes} | {start[1] / 1024:.0f} | {end[1] / 1024:.0f} "
          f"| {max(s[1] for s in warm) / 1024:.0f} | {start[2]} | {end[2]} | {max(s[2] for s in warm)} |")
    print(f"daemon exit code after SIGTERM: {stop_code}; tracebacks in its log: {counts.tracebacks}")
    print("RSS (MiB) and open descriptors, minute by minute:")
    for minute in range(int(args.minutes) + 1):
        near = [s for s in samples if minute * 60 - 5 < s[0] <= minute * 60 + 5]
        if near:
            print(f"  {minute:>3} min: {near[0][1] / 1024:6.0f} MiB, {near[0][2]} fds")


def main() -> None:
    args = parse_args()
    titles, base_claims = load_headlines()
    claims = synth_claims(base_claims, titles, args.claims, random.Random(7))
    server, port = start_feed_server(args.feeds, titles)
    with tempfile.TemporaryDirectory(prefix="rumour-soak-") as tmp:
        config = write_config(Path(tmp), claims, args.feeds, port)
        log_path = Path(tmp) / "daemon.log"
        samples, stop_code = soak_daemon(config, log_path, args.minutes * 60, server)
        counts = count_log(log_path, args.warmup)
    report(args, len(claims), samples, counts, stop_code)


if __name__ == "__main__":
    main()
