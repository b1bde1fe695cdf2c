"""Ingest benchmark: N local feeds x 50 items, 200 claims, two poll cycles, and lemon24/reader.

    .venv/bin/python bench/ingest.py [--feeds 500] [--items 50] [--claims 200] [--unrelated 0.9]
                                     [--reader-python bench/.venv/bin/python] [--poller-only]

Headlines come from the Emergent training file (each about one of the claims); by default 90 % of
the items (headline and body) are instead sentences about nothing tracked (the HELD half of the CheckThat! file's
fact-checked claims, scripts/unrelated.py: the matcher's model never trained on them),
as in real feeds, where most items match no claim. ``--unrelated 0`` is the old all-related mix.

A local HTTP server (its own process, so it does not share our GIL) serves the feeds with ETags.
Cycle 1 polls everything (fetch, parse in the worker pool, store, match against the claims);
cycle 2 polls again with nothing changed (304s). Then ``reader`` (installed only in the bench venv,
see bench/requirements.txt) updates the same feeds, and the ratio is printed.
Memory is the peak summed RSS of this process and its parse workers (sampled every 20 ms), and
each process's own peak.
``--poller-only`` measures fetching and parsing alone (no matching, stance or store), to show
what the rest of cycle 1 costs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import http.server
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from unrelated import sentences as unrelated_sentences  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "emergent-train.csv"
UNRELATED = REPO.parent / "shared" / "data" / "checkthat2020-train.csv"
READER_REFERENCE = 51.0  # feeds/s measured for reader on this machine when the issue was filed


# --- data -------------------------------------------------------------------------------------
def load_headlines() -> tuple[list[str], list[str]]:
    titles: list[str] = []
    claims: list[str] = []
    if DATA.is_file():
        with DATA.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                titles.append(row["title"].strip())
                claims.append(row["claim"].strip())
    if not titles:  # no shared data: synthetic but varied text
        rnd = random.Random(1)
        words = [
            "apple",
            "google",
            "tesla",
            "merger",
            "denies",
            "confirms",
            "report",
            "rumour",
            "deal",
            "launch",
            "ceo",
        ]
        titles = [" ".join(rnd.choices(words, k=9)).capitalize() for _ in range(3000)]
        claims = [" ".join(rnd.choices(words, k=7)).capitalize() for _ in range(400)]
    unique_claims = list(dict.fromkeys(c for c in claims if len(c) > 10))
    return [t for t in titles if t], unique_claims


def load_unrelated() -> list[str]:
    """Headline-like sentences about nothing the bench tracks: the HELD half of the fact-checked
    claims of the CheckThat! training file (Snopes' claims on every subject; no model is ever
    trained on that half, scripts/unrelated.py), else synthetic text."""
    texts = unrelated_sentences("held", UNRELATED)
    if not texts:
        rnd = random.Random(2)
        words = ["council", "weather", "football", "recipe", "garden", "museum", "traffic", "school"]
        texts = [" ".join(rnd.choices(words, k=8)).capitalize() for _ in range(3000)]
    return [t for t in texts if t]


def make_feed(
    n: int, items: int, titles: list[str], filler: list[str] | None = None, unrelated: float = 0.0
) -> bytes:
    """One RSS feed; a share ``unrelated`` of its items come from ``filler``, headline and body
    alike (an item about nothing tracked has a body about nothing tracked: drawing each body
    sentence apart made a third of the items carry a tracked headline in their body)."""
    rnd = random.Random(n)
    base = 1_700_000_000 - n * 3600
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
        f"<title>Bench feed {n}</title><link>https://site{n}.example.com/</link>",
        "<description>A benchmark feed</description>",
    ]
    for i in range(items):
        pool = filler if filler and rnd.random() < unrelated else titles
        title = rnd.choice(pool)
        body = " ".join(rnd.choice(pool) for _ in range(4))
        when = format_datetime(datetime.fromtimestamp(base - i * 1800, UTC), usegmt=True)
        parts.append(
            f"<item><title>{escape(title)}</title>"
            f"<link>https://site{n}.example.com/story/{i}?utm_source=rss</link>"
            f'<guid isPermaLink="false">site{n}-{i}</guid><pubDate>{when}</pubDate>'
            f"<description>{escape('<p>' + escape(body) + '</p><p>Read more.</p>')}</description>"
            "</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


# --- the server (own process) -------------------------------------------------------------------
def serve(feeds: dict[str, bytes], port_out: multiprocessing.connection.Connection) -> None:
    etags = {p: '"' + hashlib.md5(b).hexdigest() + '"' for p, b in feeds.items()}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (40 ms)

        def do_GET(self) -> None:  # noqa: N802
            body = feeds.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = etags[self.path]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 2048

    httpd = Server(("127.0.0.1", 0), Handler)
    port_out.send(httpd.server_address[1])
    httpd.serve_forever()


def _serve_box(box: list[dict[str, bytes]], port_out: multiprocessing.connection.Connection) -> None:
    serve(box[0], port_out)


# --- memory ---------------------------------------------------------------------------------------
def _tree(root: int, exclude: set[int]) -> set[int]:
    """``root`` and all its descendants (workers are grandchildren via the forkserver)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in out or pid in exclude:
            continue
        out.add(pid)
        todo.extend(children.get(pid, []))
    return out


def _rss(pid: int) -> int:
    """A process's resident memory in bytes (statm: cheap enough to read every 20 ms)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _pss(pid: int) -> int:
    """A process's proportional set size in bytes: each page shared among the processes mapping
    it, so summed over processes a page the forkserver's children share counts once. Reading it
    walks the process's memory map under its lock (0.4 ms for 300 MB): sampled every 0.2 s."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _sample(root: int, exclude: set[int], conn: multiprocessing.connection.Connection) -> None:
    """The sampler process: every 20 ms the summed RSS and PSS of ``root``'s tree, and each
    process's CPU seconds; answers "report" with (peak RSS MB, peak PSS MB, CPU by pid, peak
    RSS MB by pid)."""
    exclude = exclude | {os.getpid()}  # not itself
    peak_rss = peak_pss = 0.0
    cpu: dict[int, float] = {}
    peak_by_pid: dict[int, float] = {}
    tree: set[int] = set()
    rescan = pss_next = 0.0
    while True:
        now = time.monotonic()
        if now >= rescan:  # scanning /proc for the tree costs more than the samples: every 0.5 s
            tree, rescan = _tree(root, exclude), now + 0.5
        rss = {p: _rss(p) / 1e6 for p in tree}
        peak_rss = max(peak_rss, sum(rss.values()))
        for p, mb in rss.items():
            peak_by_pid[p] = max(peak_by_pid.get(p, 0.0), mb)
        if now >= pss_next:
            peak_pss, pss_next = max(peak_pss, sum(_pss(p) for p in tree) / 1e6), now + 0.2
        cpu.update(cpu_seconds(tree))
        if conn.poll(0.02):
            if conn.recv() != "report":
                return
            conn.send((peak_rss, peak_pss, dict(cpu), dict(peak_by_pid)))


class PeakRSS:
    """Peak of (this process + its children except the server) resident memory, in MB, and the
    CPU seconds each used, sampled by a process of its own (``_sample``): a sampling thread in
    this process would take the GIL from the pipeline it measures.

    ``peak`` sums RSS, which counts a page shared by several processes (the forkserver's
    children share what it preloaded) once per process; ``peak_pss`` counts it once in all."""

    def __init__(self, exclude: set[int]) -> None:
        ctx = multiprocessing.get_context("fork")  # before this process starts any thread
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_sample, args=(os.getpid(), exclude, child), daemon=True)
        self.peak = 0.0
        self.peak_pss = 0.0
        self.cpu: dict[int, float] = {}
        self.peak_by_pid: dict[int, float] = {}  # each process's own peak RSS, MB

    def read(self) -> None:
        """Fetch the sampler's figures so far (``peak``, ``peak_pss``, ``cpu``)."""
        self._conn.send("report")
        self.peak, self.peak_pss, self.cpu, self.peak_by_pid = self._conn.recv()

    def __enter__(self) -> PeakRSS:
        self._proc.start()
        assert self._proc.pid is not None
        return self

    def __exit__(self, *exc: object) -> None:
        self.read()
        self._conn.send("stop")
        self._proc.join(5)


def cpu_seconds(pids: set[int]) -> dict[int, float]:
    """User + system CPU seconds so far of each live process in ``pids``."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, float] = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / tick
    return out


class CpuUse:
    """CPU seconds used between ``start()`` and ``stop()`` by this process, the parse workers
    (read by ``PeakRSS`` as it samples, since the workers are gone when a cycle ends) and the
    bench's own HTTP server: where a cycle's time goes."""

    def __init__(self, mem: PeakRSS, server_pid: int) -> None:
        self.mem = mem
        self.server_pid = server_pid
        self.before: dict[int, float] = {}
        self.used: dict[str, float] = {}

    def _now(self) -> dict[int, float]:
        self.mem.read()
        return {**self.mem.cpu, **cpu_seconds({os.getpid(), self.server_pid})}

    def start(self) -> None:
        self.before = self._now()

    def stop(self) -> None:
        after = self._now()
        used = {pid: after[pid] - self.before.get(pid, 0.0) for pid in after}
        me = os.getpid()
        self.used = {
            "service": used.get(me, 0.0),
            "server": used.get(self.server_pid, 0.0),
            "workers": sum(v for pid, v in used.items() if pid not in (me, self.server_pid)),
        }


# --- our pipeline -------------------------------------------------------------------------------
def write_config(
    tmp: Path, urls: list[str], claims: list[str], semantic: bool = True, english: bool = True
) -> Path:
    lines = [
        "[database]",
        f'url = "sqlite:///{tmp / "bench.db"}"',
        "[network]",
        "allow_private = true",
        # All bench feeds live on one local host; real feeds are spread over many hosts.
        "per_host_connections = 16",
        "[polling]",
        f"parse_workers = {os.environ.get('BENCH_WORKERS', 0)}",
        "[logging]",
        f'status_log = "{tmp / "status.jsonl"}"',
        'level = "warning"',
        "[matching]",
        f"semantic = {'true' if semantic else 'false'}",
        f"english_model = {'true' if english else 'false'}",
    ]
    for u in urls:
        lines += ["[[feeds]]", f'url = "{u}"']
    for i, c in enumerate(claims):
        lines += ["[[claims]]", f'id = "claim-{i}"', f"text = {json.dumps(c)}"]
    path = tmp / "monitor.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def run_ours(config: Path, poller_only: bool, cpu: CpuUse) -> list[dict[str, float]]:
    from monitor.settings import load_settings

    loaded = load_settings(config)
    cycles: list[dict[str, float]] = []
    if poller_only:
        import asyncio

        from monitor.ingest.poller import Poller
        from monitor.model import FeedRow

        async def fetch_and_parse(rows: list[FeedRow], got: list) -> None:
            # No judge: the parse workers only parse (the service's poller also judges).
            async with Poller(loaded) as poller:
                async for polled in poller.poll(rows):
                    got.append(polled)

        pol = loaded.settings.polling
        rows = [
            FeedRow(i, f.url, f.url, None, pol.interval, pol.min_interval, pol.max_interval)
            for i, f in enumerate(loaded.settings.feeds)
        ]
        for cycle in range(2):
            got: list = []
            if cycle == 0:
                cpu.start()
            t = time.perf_counter()
            asyncio.run(fetch_and_parse(rows, got))
            dt = time.perf_counter() - t
            if cycle == 0:
                cpu.stop()
            cycles.append(
                {"feeds": len(got), "items": sum(len(p.items) for p in got), "seconds": dt}
            )
            by_id = {p.feed.id: p.update for p in got}
            rows = [
                FeedRow(
                    r.id,
                    by_id[r.id].url,
                    r.config_url,
                    None,
                    r.interval,
                    r.min_interval,
                    r.max_interval,
                    by_id[r.id].etag,
                    by_id[r.id].last_modified,
                    by_id[r.id].body_hash,
                )
                for r in rows
            ]
        return cycles

    from monitor.clock import utcnow
    from monitor.logs import configure_logging
    from monitor.service import Service
    from monitor.store.repo import Store

    # Warnings only, to a null stream: log formatting is not what we measure.
    configure_logging("warning", "json", open(os.devnull, "w"))  # noqa: SIM115
    store = Store.open(loaded.database_url)
    store.sync_config(loaded.claims(), loaded.feed_configs(), utcnow())
    service = Service(loaded, store)
    for cycle in range(2):
        if cycle == 0:
            cpu.start()
        t = time.perf_counter()
        report = service.poll_once(include_not_due=True)
        dt = time.perf_counter() - t
        if cycle == 0:
            cpu.stop()
        cycles.append({"feeds": report.feeds, "items": report.new_items, "seconds": dt})
    store.close()
    return cycles


# --- reader (runs in the bench venv) ------------------------------------------------------------
READER_SCRIPT = r"""
import json, sys, time, tempfile, os
from reader import make_reader
urls = json.load(open(sys.argv[1]))
workers = int(sys.argv[2])
db = os.path.join(tempfile.mkdtemp(), "reader.sqlite")
r = make_reader(db)
for u in urls:
    r.add_feed(u)
t = time.perf_counter()
r.update_feeds(workers=workers)
first = time.perf_counter() - t
t = time.perf_counter()
r.update_feeds(workers=workers)
second = time.perf_counter() - t
n = r.get_entry_counts().total
print(json.dumps({"first": first, "second": second, "entries": n}))
"""


def run_reader(python: str, urls: list[str], tmp: Path) -> dict[str, float] | None:
    if not Path(python).exists():
        return None
    url_file = tmp / "urls.json"
    url_file.write_text(json.dumps(urls))
    script = tmp / "reader_bench.py"
    script.write_text(READER_SCRIPT)
    proc = subprocess.run(
        [python, str(script), str(url_file), "4"], capture_output=True, text=True, timeout=1800
    )
    if proc.returncode != 0:
        print("reader failed:", proc.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--claims", type=int, default=200)
    ap.add_argument(
        "--unrelated",
        type=float,
        default=0.9,
        help="share of headlines about nothing tracked (default 0.9, as in real feeds; 0: every "
        "headline is about some claim)",
    )
    ap.add_argument("--reader-python", default=str(REPO / "bench" / ".venv" / "bin" / "python"))
    ap.add_argument("--no-reader", action="store_true")
    ap.add_argument(
        "--poller-only", action="store_true", help="fetch and parse only: no matching, no store"
    )
    ap.add_argument(
        "--lexical", action="store_true", help="semantic matching off (the default has it on)"
    )
    ap.add_argument(
        "--no-english", action="store_true", help="semantic matching without the English model"
    )
    return ap.parse_args()


def start_server(feeds: dict[str, bytes]) -> tuple[Any, list[str]]:
    """The feed server in its own process (forked before any thread exists); its feed URLs."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    box = [feeds]  # emptied once forked: the Process object keeps its arguments
    server = ctx.Process(target=_serve_box, args=(box, child), daemon=True)
    server.start()
    box.clear()
    port = parent.recv()
    assert server.pid is not None  # started
    return server, [f"http://127.0.0.1:{port}{p}" for p in feeds]


def main() -> None:
    args = parse_args()
    titles, claims = load_headlines()
    filler = load_unrelated() if args.unrelated > 0 else []
    feeds = {
        f"/feed/{n}.xml": make_feed(n, args.items, titles, filler, args.unrelated)
        for n in range(args.feeds)
    }
    avg_kb = sum(map(len, feeds.values())) / len(feeds) / 1024
    server, urls = start_server(feeds)
    assert server.pid is not None
    del feeds  # the server process has them: what is measured here is the pipeline's memory
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        config = write_config(tmp, urls, claims[: args.claims], semantic=not args.lexical, english=not args.no_english)
        with PeakRSS(exclude={server.pid}) as mem:
            cpu = CpuUse(mem, server.pid)
            ours = run_ours(config, args.poller_only, cpu)
        server_before = cpu_seconds({server.pid}).get(server.pid, 0.0)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        reader = None if args.no_reader else run_reader(args.reader_python, urls, tmp)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        server_for_reader = cpu_seconds({server.pid}).get(server.pid, 0.0) - server_before
    server.kill()
    what = (
        "fetch and parse only (no matching, stance or store)"
        if args.poller_only
        else f"full pipeline, {min(args.claims, len(claims))} claims, "
        f"semantic matching {'off' if args.lexical else 'on without the English model' if args.no_english else 'on'}"
    )
    print(
        f"\n{args.feeds} feeds x {args.items} items (avg {avg_kb:.0f} KB, "
        f"{args.unrelated:.0%} of headlines about nothing tracked), {what}, {os.cpu_count()} cores\n"
    )
    report_speed(args, ours, reader)
    print(
        f"peak memory (this process + parse workers): {mem.peak:.0f} MB summed RSS, "
        f"{mem.peak_pss:.0f} MB summed PSS (a page shared by the workers counted once)"
    )
    others = sorted((mb for pid, mb in mem.peak_by_pid.items() if pid != os.getpid()), reverse=True)
    print(
        f"each process's own peak RSS: this process {mem.peak_by_pid.get(os.getpid(), 0.0):.0f} MB; "
        f"the others (parse workers, forkserver, resource tracker) {', '.join(f'{mb:.0f}' for mb in others)} MB"
    )
    report_cpu(args, ours, cpu, reader, children.ru_utime + children.ru_stime
               - before.ru_utime - before.ru_stime, server_for_reader)


def report_speed(
    args: argparse.Namespace, ours: list[dict[str, float]], reader: dict[str, float] | None
) -> None:
    """The feeds/s table and the ratios against reader (or its reference figure)."""
    print("| run | feeds/s | items/s | seconds |")
    print("|---|---:|---:|---:|")
    for name, c in zip(
        ("rumour-monitor cycle 1", "rumour-monitor cycle 2 (unchanged)"), ours, strict=True
    ):
        print(
            f"| {name} | {c['feeds'] / c['seconds']:.0f} | {c['items'] / c['seconds']:.0f} | "
            f"{c['seconds']:.2f} |"
        )
    ref = READER_REFERENCE
    if reader:
        ref = args.feeds / reader["first"]
        print(
            f"| reader update_feeds (first) | {ref:.0f} | "
            f"{reader['entries'] / reader['first']:.0f} | {reader['first']:.2f} |"
        )
    else:
        print(f"| reader (not run; reference) | {ref:.0f} | - | - |")
    first = ours[0]["feeds"] / ours[0]["seconds"]
    second = ours[1]["feeds"] / ours[1]["seconds"]
    print(f"\ncycle 1 vs reader: {first / ref:.2f}x")
    print(f"cycle 2: {second:.0f} feeds/s (target >= 1000)")


def report_cpu(
    args: argparse.Namespace,
    ours: list[dict[str, float]],
    cpu: CpuUse,
    reader: dict[str, float] | None,
    reader_used: float,
    server_for_reader: float,
) -> None:
    """Where cycle 1's CPU went, per feed, beside reader's."""
    if cpu.used:
        u = cpu.used
        per = 1000 / ours[0]["feeds"]
        service, workers = (
            ("fetch", "parse") if args.poller_only else ("fetch, store", "parse, match, stance")
        )
        print(
            f"\ncycle 1 CPU per feed: {(u['service'] + u['workers']) * per:.1f} ms "
            f"(service process {u['service'] * per:.1f} ms: {service}; parse workers "
            f"{u['workers'] * per:.1f} ms: {workers}); the bench's HTTP server "
            f"{u['server'] * per:.1f} ms"
        )
    if reader:
        # Only the reader subprocess ended between the two readings.
        print(
            f"reader CPU per feed: {reader_used * 1000 / args.feeds:.1f} ms; the bench's HTTP "
            f"server {server_for_reader * 1000 / args.feeds:.1f} ms"
        )


if __name__ == "__main__":
    main()
