"""Offline demo: real rumours, replayed as local feeds, watched by the real daemon.

    .venv/bin/python scripts/demo.py          (or: make demo)

Headlines come from the Emergent data set: the 17 the demo needs ship beside this script, in
scripts/demo_data/emergent-excerpt.csv (CC BY 4.0, attribution in its README). For each of three
real 2014 rumours, first the headlines that *reported* it, then the ones that confirmed or denied
it. A small HTTP server on 127.0.0.1 publishes them over a few seconds as RSS feeds;
`rumour-monitor run` polls those feeds with a temporary configuration and a local webhook
receiver checks the Standard Webhooks signature of each alert. At the end the daemon gets SIGTERM
and the demo prints `status` and `history`. No internet is used.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import hmac
import http.server
import json
import os
import queue
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
# The 17 headlines the demo needs, shipped with it (attribution in demo_data/README.md).
DEFAULT_DATA = Path(__file__).resolve().parent / "demo_data" / "emergent-excerpt.csv"

# Outlets the demo configuration trusts; the default rule: two distinct trusted sources decide.
TRUSTED = [
    "wsj.com", "bbc.com", "cnbc.com", "theverge.com", "variety.com", "theguardian.com",
    "independent.co.uk", "mirror.co.uk", "hollywoodreporter.com",
]


@dataclass(frozen=True)
class DemoClaim:
    id: str
    emergent_id: str  # claim_id in emergent-train.csv
    text: str
    aliases: tuple[str, ...]
    outcome: str  # "confirmed" or "denied": how the story really ended
    feed: str  # the local feed its headlines appear in


CLAIMS = (
    DemoClaim(
        "hp-split", "2b11bc30-4cbd-11e4-949b-f14041b20838",
        "Hewlett-Packard will split itself into two separate companies",
        ("HP to split into two companies", "Hewlett-Packard to break into two companies"),
        "confirmed", "business-wire",
    ),
    DemoClaim(
        "culkin-dead", "c1c13540-67af-11e4-b528-9d5aa2d2e8e7",
        "Macaulay Culkin is dead",
        ("Macaulay Culkin found dead", "Macaulay Culkin death"),
        "denied", "celebrity-wire",
    ),
    DemoClaim(
        "rogen-woz", "cf3a83c0-611a-11e4-b6e9-e5f029e25965",
        "Seth Rogen will play Steve Wozniak in a film about Steve Jobs",
        ("Seth Rogen to play Woz in Steve Jobs biopic",),
        "confirmed", "film-wire",
    ),
)

REPORTS_AT = (0.5, 2.0, 3.5)  # seconds after the daemon starts: the rumour spreads
DECISIVE_AT = (7.0, 9.0, 11.0)  # then an untrusted outlet, then trusted ones settle it
STAGGER = 0.7  # between claims, so their lines do not all land at once


@dataclass(frozen=True)
class Headline:
    claim: DemoClaim
    title: str
    source: str
    label: str  # Emergent's stance label
    item_id: str
    at: float


def trusted(source: str) -> bool:
    return any(source == t or source.endswith("." + t) for t in TRUSTED)


def pick_headlines(csv_path: Path) -> list[Headline]:
    """For each claim: three reports, then one untrusted and two trusted decisive headlines."""
    with csv_path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out: list[Headline] = []
    for n, claim in enumerate(CLAIMS):
        mine = [r for r in rows if r["claim_id"] == claim.emergent_id and "removed" not in r["title"]]
        decisive_label = "confirms" if claim.outcome == "confirmed" else "denies"
        reports = [r for r in mine if r["label"] == "reports"][: len(REPORTS_AT)]
        decisive = [r for r in mine if r["label"] == decisive_label]
        first = [r for r in decisive if not trusted(r["source"])][:1]
        seen: set[str] = set()
        settled = []
        for r in decisive:
            base = r["source"].removeprefix("www.").removeprefix("online.")
            if trusted(r["source"]) and base not in seen:
                seen.add(base)
                settled.append(r)
        if not reports or len(settled) < 2:
            raise SystemExit(f"{csv_path} lacks the headlines for {claim.id}; is it the Emergent file?")
        offset = n * STAGGER
        for r, at in zip(reports, REPORTS_AT, strict=False):
            out.append(Headline(claim, r["title"], r["source"], r["label"], r["item_id"], at + offset))
        for r, at in zip(first + settled[:2], DECISIVE_AT[-(len(first) + 2):], strict=True):
            out.append(Headline(claim, r["title"], r["source"], r["label"], r["item_id"], at + offset))
    return sorted(out, key=lambda h: h.at)


# ---- output ---------------------------------------------------------------------------------

_print_lock = threading.Lock()
_t0 = time.monotonic()


def say(kind: str, text: str) -> None:
    with _print_lock:
        print(f"[{time.monotonic() - _t0:5.1f}s] {kind:<9} {text}", flush=True)


# ---- the local feed server --------------------------------------------------------------------


class FeedServer:
    """Serves /<feed>.xml with the headlines whose time has come (clock starts at ``start()``)."""

    def __init__(self, headlines: list[Headline]) -> None:
        self.headlines = headlines
        self.started: float | None = None
        self.announced: set[str] = set()
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = server.render(self.path.strip("/").removesuffix(".xml"))
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, feed: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{feed}.xml"

    def start(self) -> None:
        self.started = time.monotonic()
        threading.Thread(target=self._announce, daemon=True).start()

    def due(self) -> list[Headline]:
        if self.started is None:
            return []
        now = time.monotonic() - self.started
        return [h for h in self.headlines if h.at <= now]

    def _announce(self) -> None:
        # Say what is published when it is published, as a reader of the feed would see it.
        while len(self.announced) < len(self.headlines):
            for h in self.due():
                with self._lock:
                    if h.item_id in self.announced:
                        continue
                    self.announced.add(h.item_id)
                tier = "trusted" if trusted(h.source) else "other"
                say("published", f"{h.claim.id}: {h.source} ({tier}): \"{h.title}\"  [Emergent: {h.label}]")
            time.sleep(0.1)

    def render(self, feed: str) -> bytes | None:
        if feed not in {c.feed for c in CLAIMS}:
            return None
        items = "".join(
            f"<item><title>{escape(h.title)}</title>"
            f"<link>https://{escape(h.source)}/emergent/{h.item_id}</link>"
            f"<guid isPermaLink=\"false\">{h.item_id}</guid>"
            f"<pubDate>{formatdate(usegmt=True)}</pubDate></item>"
            for h in self.due()
            if h.claim.feed == feed
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{feed}</title><link>http://127.0.0.1/{feed}</link>{items}</channel></rss>"
        ).encode()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ---- the webhook receiver ---------------------------------------------------------------------


def verify_by_hand(secret: str, headers: dict[str, str], body: bytes) -> bool:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [s.split(",", 1)[1] for s in headers.get("webhook-signature", "").split() if s.startswith("v1,")]
    return any(hmac.compare_digest(expected, s) for s in offered)


class WebhookReceiver:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[dict[str, Any]] = []
        self.seen_ids: set[str] = set()
        try:
            from standardwebhooks import Webhook

            self.verifier: Any = Webhook(secret)
            self.how = "standardwebhooks"
        except ImportError:
            self.verifier = None
            self.how = "HMAC-SHA256 by hand"
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                ok = receiver.check(headers, body)
                self.send_response(204 if ok else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hooks/rumours"

    def check(self, headers: dict[str, str], body: bytes) -> bool:
        try:
            if self.verifier is not None:
                self.verifier.verify(body, headers)
            elif not verify_by_hand(self.secret, headers, body):
                raise ValueError("bad signature")
        except Exception as e:  # noqa: BLE001 - any verification failure is a rejected alert
            say("ALERT", f"rejected a webhook: signature check failed ({e})")
            return False
        msg_id = headers.get("webhook-id", "")
        if msg_id in self.seen_ids:  # the id is stable across retries: drop duplicates
            return True
        self.seen_ids.add(msg_id)
        payload = json.loads(body)
        self.received.append(payload)
        d = payload.get("data", {})
        if payload.get("type") == "claim.status_changed":
            say("ALERT", f"webhook {msg_id[:16]}..: {d['claim']['id']} {d['from']} -> {d['to']} "
                         f"({len(d.get('evidence', []))} evidence items; signature verified with {self.how})")
        else:
            say("ALERT", f"webhook {payload.get('type')} (signature verified with {self.how})")
        return True

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ---- the daemon -------------------------------------------------------------------------------


def write_config(folder: Path, feeds: FeedServer, hook: WebhookReceiver) -> Path:
    q = json.dumps  # a JSON string is a valid TOML basic string
    lines = [
        "# Written by scripts/demo.py: local feeds, short intervals, a local webhook receiver.",
        "[database]", 'url = "sqlite:///monitor.db"',
        "[network]", "allow_private = true  # the demo's feeds and receiver live on 127.0.0.1",
        "[polling]", 'interval = "1s"', 'min_interval = "1s"', 'max_interval = "2s"', "jitter = 0",
        "parse_workers = 1",
        "[daemon]", "poll_check = 1", "heartbeat = 1", "deliver_every = 1", "reload_check = 1",
        "[sources]", f"trusted = [{', '.join(q(t) for t in TRUSTED)}]",
        "[logging]", 'status_log = "status-changes.jsonl"', 'format = "json"',
    ]
    for c in CLAIMS:
        lines += ["[[claims]]", f"id = {q(c.id)}", f"text = {q(c.text)}",
                  f"aliases = [{', '.join(q(a) for a in c.aliases)}]"]
    for feed in sorted({c.feed for c in CLAIMS}):
        # Each demo feed is a news search for one story: its items are attributed to their own
        # publishers (their links), as Google News' are.
        lines += ["[[feeds]]", f"url = {q(feeds.url(feed))}", f"source = {q(feed)}", "aggregator = true"]
    lines += ["[[webhooks]]", f"url = {q(hook.url)}", f"secret = {q(hook.secret)}"]
    path = folder / "monitor.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def monitor_cmd(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "monitor", "--config", str(config), *args]


def child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("RUMOUR_MONITOR_CONFIG", None)
    return env


def item_title(db: Path, item_id: int) -> str:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2) as conn:
            row = conn.execute("select title from items where id = ?", (item_id,)).fetchone()
        return f'"{row[0]}"' if row else f"item {item_id}"
    except sqlite3.Error:
        return f"item {item_id}"


def read_daemon(proc: subprocess.Popen[str], events: queue.Queue[dict[str, Any]], db: Path) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        try:
            ev = json.loads(line)
        except json.JSONDecodeError:
            if line.strip():  # not a log event: a crash or a warning; show it as it is
                say("daemon", line.rstrip())
            continue
        events.put(ev)
        name = ev.get("event")
        if name == "item.matched" and ev.get("kind") == "match":
            say("matched", f"{ev['claim_id']}: {item_title(db, ev['item_id'])} -> "
                           f"{ev['stance']} ({ev['tier']} source, score {ev['score']})")
        elif name == "claim.status_changed":
            say("STATUS", f"{ev['claim_id']}: {ev['from']} -> {ev['to']}. {ev['reason']}")
        elif ev.get("level") in ("error", "critical") or name in ("webhook.failed",):
            detail = {k: v for k, v in ev.items() if k not in ("event", "level", "timestamp")}
            say("daemon", f"{name}: {json.dumps(detail)[:300]}")


def print_intro(csv_path: Path) -> None:
    print("rumour-monitor demo: three real rumours from 2014, replayed offline.")
    print(f"Headlines: the Emergent data set ({csv_path}).")
    print("  Ferreira & Vlachos 2016, \"Emergent: a novel data-set for stance classification\", CC BY 4.0.")
    for c in CLAIMS:
        print(f"  {c.id:<12} \"{c.text}\" (really {c.outcome})")
    print(f"Trusted outlets: {', '.join(TRUSTED)}.")
    print("Rule: one official source or two distinct trusted sources decide a claim.")
    print("`published` lines carry Emergent's human stance label; `matched` lines are the daemon's")
    print("own reading of the headline (only trusted or official sources can move a claim).\n")


def print_endpoints(feeds: FeedServer, hook: WebhookReceiver, config: Path) -> None:
    for feed in sorted({c.feed for c in CLAIMS}):
        print(f"feed:    {feeds.url(feed)}")
    print(f"webhook: {hook.url}")
    print(f"config:  {config}\n")


def start_daemon(
    config: Path, db: Path
) -> tuple[subprocess.Popen[str], threading.Thread, queue.Queue[dict[str, Any]]]:
    """`rumour-monitor run`, and a thread that shows its log lines and queues its events."""
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    daemon = subprocess.Popen(
        monitor_cmd(config, "run"), cwd=REPO, env=child_env(), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    reader = threading.Thread(target=read_daemon, args=(daemon, events, db), daemon=True)
    reader.start()
    say("daemon", f"started `rumour-monitor run` (pid {daemon.pid})")
    return daemon, reader, events


def watch_until_settled(
    daemon: subprocess.Popen[str], events: queue.Queue[dict[str, Any]],
    feeds: FeedServer, hook: WebhookReceiver, deadline: float,
) -> dict[str, str]:
    """Start publishing once the daemon is up; return each claim's last status change once every
    claim has reached its real outcome and its alert arrived (or `deadline` seconds passed)."""
    changed: dict[str, str] = {}
    end = time.monotonic() + deadline
    alerts_until: float | None = None
    while time.monotonic() < end and daemon.poll() is None:
        try:
            ev = events.get(timeout=0.2)
        except queue.Empty:
            ev = {}
        if ev.get("event") == "daemon.started" and feeds.started is None:
            feeds.start()
        if ev.get("event") == "claim.status_changed":
            changed[ev["claim_id"]] = ev["to"]
        if all(changed.get(c.id) == c.outcome for c in CLAIMS):
            # Every claim settled; give the relay a moment to deliver the alerts.
            alerts_until = alerts_until or time.monotonic() + 5
            if len(hook.received) >= len(CLAIMS) or time.monotonic() > alerts_until:
                break
    return changed


def stop_daemon(daemon: subprocess.Popen[str], reader: threading.Thread) -> int:
    """SIGTERM (SIGKILL after 30 s); returns the daemon's exit code."""
    say("daemon", "sending SIGTERM")
    if daemon.poll() is None:
        daemon.send_signal(signal.SIGTERM)
    try:
        code = daemon.wait(timeout=30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        code = daemon.wait()
    reader.join(timeout=5)
    say("daemon", f"exited with code {code}")
    return code


def show_status_and_history(config: Path) -> None:
    for args in (("status",), ("history",)):
        print(f"\n$ rumour-monitor {' '.join(args)}")
        out = subprocess.run(monitor_cmd(config, *args), cwd=REPO, env=child_env(),
                             capture_output=True, text=True, timeout=60)
        print((out.stdout + out.stderr).rstrip())


def print_summary(changed: dict[str, str], hook: WebhookReceiver) -> list[DemoClaim]:
    """Which claims reached their real outcome (returned) and which alerts arrived."""
    print()
    settled = [c for c in CLAIMS if changed.get(c.id) == c.outcome]
    print(f"{len(settled)} of {len(CLAIMS)} claims reached their real outcome: "
          + ", ".join(f"{c.id} {changed.get(c.id, 'unverified')}" for c in CLAIMS))
    if hook.received:
        print(f"{len(hook.received)} webhook alerts received, each signature verified ({hook.how}).")
    else:
        print("No webhook alerts arrived: the daemon's delivery job did not send any "
              "(see the daemon lines above).")
    return settled


def run_demo(csv_path: Path, keep: bool, deadline: float) -> int:
    headlines = pick_headlines(csv_path)
    print_intro(csv_path)

    feeds = FeedServer(headlines)
    hook = WebhookReceiver("whsec_" + base64.b64encode(secrets.token_bytes(32)).decode())
    tmp = Path(tempfile.mkdtemp(prefix="rumour-monitor-demo-"))
    config = write_config(tmp, feeds, hook)
    print_endpoints(feeds, hook, config)

    daemon, reader, events = start_daemon(config, tmp / "monitor.db")
    try:
        changed = watch_until_settled(daemon, events, feeds, hook, deadline)
        code = stop_daemon(daemon, reader)
    finally:
        if daemon.poll() is None:
            daemon.kill()
        feeds.close()
        hook.close()

    show_status_and_history(config)
    settled = print_summary(changed, hook)
    if keep:
        print(f"Kept {tmp} (config, database, status log). Its web page, read only:")
        print(f"  .venv/bin/rumour-monitor --config {config} serve    # then open http://127.0.0.1:8787/")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if code == 0 and settled else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Emergent headlines, CSV (default: the shipped excerpt)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    p.add_argument("--deadline", type=float, default=45.0, help="seconds to wait for the outcome")
    args = p.parse_args()
    if not args.data.is_file():
        print(f"demo data not found: {args.data} (pass --data PATH)", file=sys.stderr)
        return 2
    return run_demo(args.data, args.keep, args.deadline)


if __name__ == "__main__":
    sys.exit(main())
