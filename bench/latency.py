"""Latency benchmark (polling): how long from a story's publication to the webhook alert.

    .venv/bin/python bench/latency.py [--feeds 500] [--scale 60] [--window 30m] [--quiet 10m]
                                      [--modes on,off]

The real daemon (`rumour-monitor run`, a subprocess) polls N local feeds served by an HTTP server
in its own process (ETags, conditional GET). 20 feeds are decisive: the newsrooms of 10 open
claims (two feeds each, `source` = the company's domain, in the claim's `official_sources`).
10 more claims have no official feed: each is decided by a blog item linking to the company's
page, which the daemon fetches and verifies (an official item found through an ordinary feed).
The 20 deciding items are published at random times over the window; a local webhook receiver
records when each alert arrives. Before the window, a quiet phase (nothing published) measures
what the fast schedule costs: requests per decisive feed per decisive interval.

Time is scaled down by ``--scale`` (60: one real second stands for one minute), so the defaults
become interval 15 s, min_interval 5 s, decisive_interval 2 s, a 30 s window. Every feed's old
items are dated to match (a newsroom posts a few times a day, other feeds every 30 min to a
day); each feed is on a host of its own (``[network] resolve``). The report
gives each latency in real seconds and multiplied back by the scale ("at defaults"): a slight
overestimate there, since the fixed costs (fetch, parse, judge, commit, delivery: well under a
second) are multiplied too.

Modes: ``on`` is [polling] decisive = true (the default), ``off`` is every feed on its own rhythm.
Matching runs with ``semantic = false`` (the lexical matcher; the sentence model would add CPU,
not polling latency).
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import multiprocessing
import multiprocessing.connection
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
SECRET = "whsec_j5uUtQGqhx8QRlvoN+Uc8nSWFEltp78AxrEJD/jfkjY="
PLACES = ["Bremen", "Lyon", "Porto", "Gdansk", "Tampere", "Graz", "Aarhus", "Bilbao", "Brno", "Turin",
          "Leipzig", "Malmo", "Ghent", "Cork", "Split", "Kaunas", "Varna", "Utrecht", "Basel", "Bergen"]
COMPANIES = ["Nordwind Energy", "Kestrel Airways", "Volta Cars", "Solara Grid", "Brightwave Labs",
             "Zephyr Foods", "Orcana Shipping", "Halcyon Pharma", "Tessaro Steel", "Quillon Media",
             "Marrow Robotics", "Lumen Rail", "Pebblestone Bank", "Arcadia Telecom", "Corvid Games",
             "Silverfin Textiles", "Ironleaf Timber", "Cobalt Harbour", "Vantor Chips", "Meridian Water"]
FILLER = ["market", "weather", "league", "festival", "council", "traffic", "museum", "harvest",
          "concert", "election", "bridge", "library", "school", "garden", "river", "bakery"]


def slug(name: str) -> str:
    return name.lower().replace(" ", "")


# --- what the server publishes ----------------------------------------------------------------
def plan(feeds: int, scale: float, window: float, start: float, rnd: random.Random) -> dict[str, Any]:
    """The feeds: their old items (dated to give each its rhythm) and the deciding items, with
    the real time each one appears."""
    now = time.time()
    paths: dict[str, dict[str, Any]] = {}
    claims: list[dict[str, Any]] = []
    for k in range(feeds):
        # Old items: a newsroom posts a few times a day; other feeds every 30 min to a day.
        newsroom = k < 20
        spacing = (6 * 3600 if newsroom else rnd.choice([1800, 3600, 4 * 3600, 86400])) / scale
        old = [
            (f"{rnd.choice(FILLER).title()} {rnd.choice(FILLER)} notes number {k}-{n}", now - (n + 1) * spacing)
            for n in range(10)
        ]
        paths[f"/f{k}.xml"] = {"old": old, "new": []}
    for c in range(20):
        company, place = COMPANIES[c], PLACES[c]
        domain = f"{slug(company)}.example"
        at = start + rnd.uniform(0, window)
        title = f"{company} opens its hydrogen plant in {place}"
        decisive = c < 10
        # Claims 0-9: announced in their first newsroom feed (feeds 0-19 are the newsrooms);
        # claims 10-19: a blog item (feeds 20..) linking to the company's own page.
        path = f"/f{2 * c}.xml" if decisive else f"/f{20 + 10 * c}.xml"
        link = f"http://www.{domain}:PORT/press/{c}" if not decisive else f"https://{domain}/press/{c}"
        paths[path]["new"].append((title, at, link))
        claims.append({"id": f"c{c}", "text": f"{company} opens a hydrogen plant in {place}",
                       "domain": domain, "at": at, "decisive": decisive, "title": title})
    return {"paths": paths, "claims": claims}


def rss(items: list[tuple[str, float, str]]) -> bytes:
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{hashlib.md5(t.encode()).hexdigest()}</guid>"
        f"<pubDate>{formatdate(at, usegmt=True)}</pubDate></item>"
        for t, at, link in sorted(items, key=lambda i: -i[1])
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{body}</channel></rss>'.encode()


def serve(spec: dict[str, Any], port_out: multiprocessing.connection.Connection,
          counts: multiprocessing.connection.Connection) -> None:
    """The feed server (own process): a feed shows its new items once their time has come."""
    paths = spec["paths"]
    pages = {f"/press/{i}": c["title"] for i, c in enumerate(spec["claims"])}
    log: list[tuple[str, float, int]] = []  # (path, time, status)
    port_box: list[int] = []

    def body_of(path: str) -> bytes:
        p = paths[path]
        now = time.time()
        items = [(t, at, f"https://news.example/{n}") for n, (t, at) in enumerate(p["old"])]
        items += [(t, at, link.replace("PORT", str(port_box[0]))) for t, at, link in p["new"] if at <= now]
        return rss(items)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802
            path = self.path
            if path in pages:
                body = f"<html><title>{pages[path]}</title><p>{pages[path]}.</p></html>".encode()
                return self._send(200, body, {"Content-Type": "text/html"})
            if path not in paths:
                return self._send(404, b"", {})
            body = body_of(path)
            etag = '"' + hashlib.md5(body).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                log.append((path, time.time(), 304))
                return self._send(304, b"", {"ETag": etag})
            log.append((path, time.time(), 200))
            return self._send(200, body, {"ETag": etag, "Content-Type": "application/rss+xml"})

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 2048

    httpd = Server(("127.0.0.1", 0), Handler)
    port_box.append(httpd.server_address[1])
    port_out.send(port_box[0])
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    counts.recv()  # asked for the request log
    counts.send(log)


# --- the webhook receiver (this process) -------------------------------------------------------
class Receiver:
    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                at = time.time()
                data = json.loads(body).get("data", {})
                if data.get("to") == "confirmed":
                    outer.arrivals.setdefault(data["claim"]["id"], at)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


# --- one run -------------------------------------------------------------------------------------
def write_config(tmp: Path, port: int, spec: dict[str, Any], scale: float, decisive: bool, hook: str) -> Path:
    # Each feed on a host of its own (as real feeds are), so per_host_connections limits what it
    # would limit in real life, not all 500 feeds on one host.
    hosts = [f"www.{c['domain']}" for c in spec["claims"]] + [f"f{k}.feeds.example" for k in range(len(spec["paths"]))]
    resolve = ", ".join(f'"{h}" = "127.0.0.1"' for h in hosts)
    lines = [
        f'[database]\nurl = "sqlite:///{tmp}/monitor.db"',
        f"[network]\nallow_private = true\nresolve = {{ {resolve} }}",
        f'[logging]\nformat = "json"\nlevel = "warning"\nstatus_log = "{tmp}/status.jsonl"',
        "[matching]\nsemantic = false",
        f"[polling]\ninterval = {900 / scale}\nmin_interval = {300 / scale}\nmax_interval = {86400 / scale}\n"
        f"decisive = {'true' if decisive else 'false'}\ndecisive_interval = {120 / scale}",
        "[daemon]\npoll_check = 0.2\ndeliver_every = 0.2\nreload_check = 5\nheartbeat = 5",
        f'[[webhooks]]\nurl = "{hook}"\nsecret = "{SECRET}"',
    ]
    for c in spec["claims"]:
        lines.append(f'[[claims]]\nid = "{c["id"]}"\ntext = "{c["text"]}"\nofficial_sources = ["{c["domain"]}"]')
    for k in range(len(spec["paths"])):
        # Feeds 0-19: the newsrooms of claims 0-9, two each.
        source = spec["claims"][k // 2]["domain"] if k < 20 else f"blog{k}.example"
        lines.append(f'[[feeds]]\nurl = "http://f{k}.feeds.example:{port}/f{k}.xml"\nsource = "{source}"')
    path = tmp / "monitor.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(args: argparse.Namespace, decisive: bool) -> dict[str, Any]:
    rnd = random.Random(args.seed)
    scale = args.scale
    warmup = 2 * 900 / scale  # every feed polled at least once, schedules settled
    start = time.time() + warmup + args.quiet / scale
    spec = plan(args.feeds, scale, args.window / scale, start, rnd)
    ctx = multiprocessing.get_context("fork")
    port_in, port_out = ctx.Pipe()
    ask, answer = ctx.Pipe()
    server = ctx.Process(target=serve, args=(spec, port_out, answer), daemon=True)
    server.start()
    port = port_in.recv()
    receiver = Receiver()
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmpdir:
        tmp = Path(tmpdir)
        config = write_config(tmp, port, spec, scale, decisive, receiver.url)
        proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
        )
        try:
            last = max(c["at"] for c in spec["claims"])
            deadline = last + 2 * 4 * 900 / scale  # twice the slowest feed's interval
            while time.time() < deadline and len(receiver.arrivals) < len(spec["claims"]):
                time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(60)
            ask.send("log")
            log = ask.recv()
            server.kill()
            receiver.httpd.shutdown()
    quiet_from, quiet_to = start - args.quiet / scale, start
    newsroom_paths = {f"/f{k}.xml" for k in range(20)}
    quiet_requests = [r for r in log if r[0] in newsroom_paths and quiet_from <= r[1] < quiet_to]
    intervals = (quiet_to - quiet_from) / (120 / scale)
    out: dict[str, Any] = {
        "mode": "on" if decisive else "off",
        "requests_per_decisive_feed_per_interval": round(len(quiet_requests) / 20 / intervals, 2),
        "quiet_304_share": round(sum(1 for r in quiet_requests if r[2] == 304) / max(len(quiet_requests), 1), 3),
        "requests_total": len(log),
    }
    for kind, want in (("decisive", True), ("other", False)):
        claims = [c for c in spec["claims"] if c["decisive"] is want]
        lat = [receiver.arrivals[c["id"]] - c["at"] for c in claims if c["id"] in receiver.arrivals]
        out[kind] = {
            "alerts": f"{len(lat)}/{len(claims)}",
            "p50_s": round(statistics.median(lat), 2) if lat else None,
            "p95_s": round(percentile(lat, 95), 2) if lat else None,
            "max_s": round(max(lat), 2) if lat else None,
        }
        for q in ("p50", "p95", "max"):
            v = out[kind][f"{q}_s"]
            out[kind][f"{q}_at_defaults_min"] = round(v * scale / 60, 1) if v is not None else None
    return out


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def duration(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600}
    return float(text[:-1]) * units[text[-1]] if text[-1] in units else float(text)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--feeds", type=int, default=500)
    p.add_argument("--scale", type=float, default=60.0, help="real time = default time / scale")
    p.add_argument("--window", type=duration, default=1800.0, help="publication window (default time)")
    p.add_argument("--quiet", type=duration, default=600.0, help="quiet phase before it (default time)")
    p.add_argument("--modes", default="on,off")
    p.add_argument("--seed", type=int, default=20)
    args = p.parse_args()
    if args.feeds < 220:
        p.error("--feeds must be at least 220 (20 newsrooms, and blogs 20..210 carry the other claims)")
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    results = []
    for mode in args.modes.split(","):
        r = run(args, decisive=mode.strip() == "on")
        print(json.dumps(r), flush=True)
        results.append(r)
    print(f"\nscale 1:{args.scale:g} ({args.feeds} feeds; decisive_interval 2 min, interval 15 min at defaults)")
    print("mode  feeds     alerts  p50 s  p95 s  max s   p50/p95/max at defaults (min)  req/decisive feed/interval")
    for r in results:
        for kind in ("decisive", "other"):
            d = r[kind]
            print(f"{r['mode']:<5} {kind:<9} {d['alerts']:>6} {d['p50_s']!s:>6} {d['p95_s']!s:>6} {d['max_s']!s:>6}   "
                  f"{d['p50_at_defaults_min']!s:>5} / {d['p95_at_defaults_min']!s:>5} / {d['max_at_defaults_min']!s:>5}"
                  f"{'':>14}{r['requests_per_decisive_feed_per_interval'] if kind == 'decisive' else ''}")


if __name__ == "__main__":
    main()
