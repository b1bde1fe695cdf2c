"""Latency benchmark (polling and WebSub push): how long from a story's publication to the webhook alert.

    .venv/bin/python bench/latency.py [--feeds 500] [--scale 60] [--window 30m] [--quiet 10m]
                                      [--modes on,off,websub]

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

Modes: ``on`` is [polling] decisive = true (the default), ``off`` is every feed on its own rhythm,
``websub`` is ``on`` with WebSub push: a local hub (tests/helpers/websub_hub.py, in this process)
that every feed names (``<atom:link rel="hub">``, its topic ``rel="self"``), ``[http] public_url``
set, and the publisher pinging the hub (``hub.mode=publish``) the moment an item appears; the hub
fetches the topic and pushes it, signed, to the daemon. Push latency does not depend on any
interval, so it is real seconds, not scaled; the polls go on (scaled) as the safety net, and the
report says how many alerts came by push (the daemon answered the hub's distribution with the
deciding item as new) and how many by a poll that got there first.
Matching runs with ``semantic = false`` (the lexical matcher; the sentence model would add CPU,
not polling latency).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.server
import json
import multiprocessing
import multiprocessing.connection
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from helpers.websub_hub import Hub  # noqa: E402 - after the path is set

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
                       "domain": domain, "at": at, "decisive": decisive, "title": title, "path": path})
    return {"paths": paths, "claims": claims}


def rss(items: list[tuple[str, float, str]], hub: str | None = None, topic: str = "") -> bytes:
    links = f'<atom:link rel="hub" href="{hub}"/><atom:link rel="self" href="{topic}"/>' if hub else ""
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{hashlib.md5(t.encode()).hexdigest()}</guid>"
        f"<pubDate>{formatdate(at, usegmt=True)}</pubDate></item>"
        for t, at, link in sorted(items, key=lambda i: -i[1])
    )
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f"<title>f</title>{links}{body}</channel></rss>").encode()


def serve(spec: dict[str, Any], port_out: multiprocessing.connection.Connection,
          counts: multiprocessing.connection.Connection) -> None:
    """The feed server (own process): a feed shows its new items once their time has come; with
    a hub (sent back on ``port_out``), the feeds name it and the publisher pings it then."""
    paths = spec["paths"]
    pages = {f"/press/{i}": c["title"] for i, c in enumerate(spec["claims"])}
    log: list[tuple[str, float, int]] = []  # (path, time, status)
    port_box: list[int] = []
    hub_box: list[str | None] = []

    def topic(path: str) -> str:
        return f"http://127.0.0.1:{port_box[0]}{path}"

    def body_of(path: str) -> bytes:
        p = paths[path]
        now = time.time()
        items = [(t, at, f"https://news.example/{n}") for n, (t, at) in enumerate(p["old"])]
        items += [(t, at, link.replace("PORT", str(port_box[0]))) for t, at, link in p["new"] if at <= now]
        return rss(items, hub_box[0], topic(path))

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
    hub_box.append(port_out.recv())
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    threading.Thread(target=ping_hub, args=(hub_box[0], paths, topic), daemon=True).start()
    counts.recv()  # asked for the request log
    counts.send(log)


def ping_hub(hub: str | None, paths: dict[str, Any], topic: Any) -> None:
    """The publisher: when an item appears, tell the hub its feed changed (a thin ping)."""
    if not hub:
        return
    due = sorted((at, path) for path, p in paths.items() for _, at, _ in p["new"])
    for at, path in due:
        time.sleep(max(0.0, at - time.time()))
        form = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": topic(path)}).encode()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(hub, data=form, timeout=10).close()


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
def write_config(tmp: Path, port: int, spec: dict[str, Any], scale: float, decisive: bool, hook: str,
                 listen: int | None = None) -> Path:
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
    if listen is not None:  # WebSub: the hub reaches the daemon's web server here
        lines.append(f'[http]\nlisten = "127.0.0.1:{listen}"\npublic_url = "http://127.0.0.1:{listen}/"\n'
                     'token = "bench-token-0123456789abcdef"')
    for c in spec["claims"]:
        lines.append(f'[[claims]]\nid = "{c["id"]}"\ntext = "{c["text"]}"\nofficial_sources = ["{c["domain"]}"]')
    for k in range(len(spec["paths"])):
        # Feeds 0-19: the newsrooms of claims 0-9, two each.
        source = spec["claims"][k // 2]["domain"] if k < 20 else f"blog{k}.example"
        lines.append(f'[[feeds]]\nurl = "http://f{k}.feeds.example:{port}/f{k}.xml"\nsource = "{source}"')
    path = tmp / "monitor.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(args: argparse.Namespace, mode: str) -> dict[str, Any]:
    decisive, websub = mode in ("on", "websub"), mode == "websub"
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
    hub = Hub(lease_seconds=24 * 3600) if websub else None
    port_in.send(hub.url if hub else None)
    receiver = Receiver()
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmpdir:
        tmp = Path(tmpdir)
        config = write_config(tmp, port, spec, scale, decisive, receiver.url, free_port() if websub else None)
        out_to = open(args.daemon_log, "a") if args.daemon_log else subprocess.DEVNULL  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            stdout=out_to, stderr=subprocess.STDOUT, cwd=REPO,
        )
        try:
            last = max(c["at"] for c in spec["claims"])
            deadline = last + 2 * 4 * 900 / scale  # twice the slowest feed's interval
            subscribing = wait_for_alerts(receiver, len(spec["claims"]), deadline, hub, port, args.feeds, start)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(60)
            if not isinstance(out_to, int):
                out_to.close()
            ask.send("log")
            log = ask.recv()
            server.kill()
            receiver.httpd.shutdown()
            if hub is not None:
                hub.close()
    quiet_from, quiet_to = start - args.quiet / scale, start
    newsroom_paths = {f"/f{k}.xml" for k in range(20)}
    quiet_requests = [r for r in log if r[0] in newsroom_paths and quiet_from <= r[1] < quiet_to]
    intervals = (quiet_to - quiet_from) / (120 / scale)
    out: dict[str, Any] = {
        "mode": mode,
        "requests_per_decisive_feed_per_interval": round(len(quiet_requests) / 20 / intervals, 2),
        "quiet_304_share": round(sum(1 for r in quiet_requests if r[2] == 304) / max(len(quiet_requests), 1), 3),
        "requests_total": len(log),
    }
    if hub is not None:
        out |= subscribing
        out["distributions"] = len(hub.distributions())
    for kind, want in (("decisive", True), ("other", False)):
        claims = [c for c in spec["claims"] if c["decisive"] is want]
        out[kind] = latencies(claims, receiver.arrivals, hub, port, scale)
    return out


def wait_for_alerts(receiver: Receiver, alerts: int, deadline: float, hub: Hub | None, port: int,
                    feeds: int, start: float) -> dict[str, Any]:
    """Until every alert came (or the deadline); with a hub, how the subscriptions went: how many
    feeds were subscribed when the window opened, and how long after the daemon's start all were."""
    at_start, everyone, began = None, None, time.time()
    while time.time() < deadline and len(receiver.arrivals) < alerts:
        if hub is not None and everyone is None:
            n = sum(1 for k in range(feeds) if hub.subscribers(f"http://127.0.0.1:{port}/f{k}.xml"))
            if at_start is None and time.time() >= start:
                at_start = n
            if n == feeds:
                everyone = round(time.time() - began, 1)
        time.sleep(0.5)
    return {"feeds_subscribed_at_window_start": feeds if at_start is None else at_start,
            "all_subscribed_after_s": everyone}


def latencies(claims: list[dict[str, Any]], arrivals: dict[str, float], hub: Hub | None, port: int,
              scale: float) -> dict[str, Any]:
    """Publication to alert of these claims: p50, p95, max (real seconds, and at defaults)."""
    lat = [arrivals[c["id"]] - c["at"] for c in claims if c["id"] in arrivals]
    out: dict[str, Any] = {
        "alerts": f"{len(lat)}/{len(claims)}",
        # Alerts whose deciding item the push brought (the daemon's answer to the hub's
        # distribution counted it as new); the others came by a poll that got there first.
        "by_push": None if hub is None else sum(1 for c in claims if any(
            d.at >= c["at"] and not d.text.startswith("0 ")
            for d in hub.distributions(f"http://127.0.0.1:{port}{c['path']}"))),
        "p50_s": round(statistics.median(lat), 2) if lat else None,
        "p95_s": round(percentile(lat, 95), 2) if lat else None,
        "max_s": round(max(lat), 2) if lat else None,
    }
    for q in ("p50", "p95", "max"):
        v = out[f"{q}_s"]
        # A push waits on no interval: its latency is not scaled (None: read the real seconds).
        scaled = v is not None and hub is None
        out[f"{q}_at_defaults_min"] = round(v * scale / 60, 1) if scaled else None
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
    p.add_argument("--modes", default="on,off", help="on, off, websub (comma-separated, run in order)")
    p.add_argument("--seed", type=int, default=20)
    p.add_argument("--daemon-log", help="append the daemon's log (warnings and errors) to this file")
    args = p.parse_args()
    if args.feeds < 220:
        p.error("--feeds must be at least 220 (20 newsrooms, and blogs 20..210 carry the other claims)")
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    results = []
    for mode in args.modes.split(","):
        if mode.strip() not in ("on", "off", "websub"):
            p.error(f"unknown mode {mode!r}: on, off or websub")
        r = run(args, mode.strip())
        print(json.dumps(r), flush=True)
        results.append(r)
    print(f"\nscale 1:{args.scale:g} ({args.feeds} feeds; decisive_interval 2 min, interval 15 min at defaults)")
    print("(websub: push latency is real seconds, not scaled; by push = alerts the push brought)")
    print("mode   feeds     alerts  by push  p50 s  p95 s  max s   p50/p95/max at defaults (min)  "
          "req/decisive feed/interval")
    for r in results:
        for kind in ("decisive", "other"):
            d = r[kind]
            print(f"{r['mode']:<6} {kind:<9} {d['alerts']:>6} {d['by_push']!s:>8} "
                  f"{d['p50_s']!s:>6} {d['p95_s']!s:>6} {d['max_s']!s:>6}   "
                  f"{d['p50_at_defaults_min']!s:>5} / {d['p95_at_defaults_min']!s:>5} / {d['max_at_defaults_min']!s:>5}"
                  f"{'':>14}{r['requests_per_decisive_feed_per_interval'] if kind == 'decisive' else ''}")


if __name__ == "__main__":
    main()
