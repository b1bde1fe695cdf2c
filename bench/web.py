"""Benchmark: the web page and API with 10,000 claims and 1,000,000 pieces of evidence.

    python bench/web.py [--claims 10000] [--evidence 1000000] [--runs 30] [--no-postgres]

A database is filled in SQL (100,000 items, each the evidence of 10 claims; stances, tiers and
statuses spread evenly; 1 in 17 a review candidate), on SQLite and on the PostgreSQL server of
the tests (RUMOUR_MONITOR_TEST_PG, a fresh database dropped afterwards). The real application runs
on uvicorn on 127.0.0.1; each page is asked ``--runs`` times over HTTP (httpx, one connection)
and the median and 90th percentile of the whole round trip are printed.

Targets (issue 17): the claims board < 300 ms and the API's claim list < 100 ms at the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from monitor.settings import LoadedSettings, parse_settings
from monitor.store.repo import Store
from monitor.web.app import WebContext
from monitor.web.server import WebThread

PG_SERVER = os.environ.get("RUMOUR_MONITOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ITEMS_PER_CLAIM_GROUP = 10  # each item is evidence for this many claims

SQLITE_FILL = """
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :claims - 1)
INSERT INTO claims (id, text, aliases, "require", official_sources, status, status_since, pinned,
                    archived, created_at)
SELECT printf('claim-%05d', i), 'Synthetic claim number ' || i || ' about company ' || (i % 97),
       '[]', '[]', '[]',
       CASE i % 4 WHEN 0 THEN 'unverified' WHEN 1 THEN 'confirmed' WHEN 2 THEN 'denied' ELSE 'disputed' END,
       datetime('2026-01-01', '+' || (i % 5000) || ' minutes'), 0, 0, '2026-01-01 00:00:00'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :items - 1)
INSERT INTO items (id, title, summary, source, published_at, fetched_at, dedup_key, copies)
SELECT i + 1, 'Headline ' || i, '', 'outlet' || (i % 50) || '.example',
       datetime('2026-01-01', '+' || (i % 10000) || ' minutes'),
       datetime('2026-01-01', '+' || (i % 10000) || ' minutes'), 'k:' || i, 1
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :evidence - 1)
INSERT INTO evidence (claim_id, item_id, score, kind, stance, stance_confidence, cues, matched_terms,
                      why, source, source_tier, provenance, created_at)
SELECT printf('claim-%05d', i % :claims), i / 10 + 1, 50 + i % 50,
       CASE WHEN i % 17 = 0 THEN 'review' ELSE 'match' END,
       CASE i % 3 WHEN 0 THEN 'confirms' WHEN 1 THEN 'denies' ELSE 'reports' END, 0.8, '[]', '[]',
       'synthetic', 'outlet' || (i % 50) || '.example',
       CASE i % 5 WHEN 0 THEN 'official' WHEN 1 THEN 'trusted' WHEN 2 THEN 'trusted' ELSE 'other' END,
       '', datetime('2026-01-01', '+' || (i % 10000) || ' minutes')
FROM n;
ANALYZE;
"""

PG_FILL = """
INSERT INTO claims (id, text, aliases, "require", official_sources, status, status_since, pinned,
                    archived, created_at)
SELECT format('claim-%s', lpad(i::text, 5, '0')), 'Synthetic claim number ' || i || ' about company ' || (i % 97),
       '[]', '[]', '[]',
       (ARRAY['unverified', 'confirmed', 'denied', 'disputed'])[i % 4 + 1],
       timestamptz '2026-01-01Z' + (i % 5000) * interval '1 minute', false, false, timestamptz '2026-01-01Z'
FROM generate_series(0, :claims - 1) AS i;
INSERT INTO items (id, title, summary, source, published_at, fetched_at, dedup_key, copies)
SELECT i + 1, 'Headline ' || i, '', 'outlet' || (i % 50) || '.example',
       timestamptz '2026-01-01Z' + (i % 10000) * interval '1 minute',
       timestamptz '2026-01-01Z' + (i % 10000) * interval '1 minute', 'k:' || i, 1
FROM generate_series(0, :items - 1) AS i;
SELECT setval(pg_get_serial_sequence('items', 'id'), :items);
INSERT INTO evidence (claim_id, item_id, score, kind, stance, stance_confidence, cues, matched_terms,
                      why, source, source_tier, provenance, created_at)
SELECT format('claim-%s', lpad((i % :claims)::text, 5, '0')), i / 10 + 1, 50 + i % 50,
       CASE WHEN i % 17 = 0 THEN 'review' ELSE 'match' END,
       (ARRAY['confirms', 'denies', 'reports'])[i % 3 + 1], 0.8, '[]', '[]',
       'synthetic', 'outlet' || (i % 50) || '.example',
       (ARRAY['official', 'trusted', 'trusted', 'other', 'other'])[i % 5 + 1],
       '', timestamptz '2026-01-01Z' + (i % 10000) * interval '1 minute'
FROM generate_series(0, :evidence - 1) AS i;
ANALYZE;
"""


def fill(store: Store, claims: int, evidence: int) -> float:
    started = time.perf_counter()
    sql = PG_FILL if store.is_postgres else SQLITE_FILL
    params = {"claims": claims, "items": evidence // ITEMS_PER_CLAIM_GROUP, "evidence": evidence}
    with store.engine.begin() as conn:
        for statement in (s.strip() for s in sql.split(";")):
            if statement:
                conn.execute(text(statement), {k: v for k, v in params.items() if f":{k}" in statement})
    return time.perf_counter() - started


def timed(http: httpx.Client, path: str, runs: int) -> tuple[float, float, int]:
    """Median and 90th percentile in ms of ``runs`` round trips (after one warm-up), and the size."""
    first = http.get(path)
    first.raise_for_status()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = http.get(path)
        times.append((time.perf_counter() - t) * 1000)
        r.raise_for_status()
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], len(first.content)


def pages(claims: int) -> list[tuple[str, str]]:
    one = f"claim-{claims * 43 // 100:05d}"
    return [
        ("claims board, first page", "/"),
        ("claims board, last page", f"/?page={claims // 50}"),
        ("claims board, status=confirmed, page 20", "/?status=confirmed&page=20"),
        ("claims board, search", "/?q=company+42"),
        ("API claim list, first page", "/api/claims"),
        ("API claim list, offset 90%", f"/api/claims?offset={claims * 9 // 10}"),
        ("API one claim", f"/api/claims/{one}"),
        ("claim page (its evidence, chart)", f"/claims/{one}"),
    ]


def run(name: str, url: str, claims: int, evidence: int, runs: int) -> dict[str, float]:
    loaded = LoadedSettings(parse_settings({}, "bench.toml"), Path("bench.toml").resolve())
    store = Store.open(url)
    try:
        seconds = fill(store, claims, evidence)
        print(f"\n{name}: {claims:,} claims, {evidence:,} evidence rows (filled in {seconds:.0f} s)")
        port = _free_port()
        web = WebThread(WebContext(loaded, store, writable=False), f"127.0.0.1:{port}")
        web.start()
        results = {}
        try:
            with httpx.Client(base_url=web.url.rstrip("/"), timeout=60) as http:
                for label, path in pages(claims):
                    median, p90, size = timed(http, path, runs)
                    results[label] = median
                    print(f"  {label:<42} median {median:7.1f} ms   p90 {p90:7.1f} ms   {size / 1024:6.0f} KiB")
        finally:
            web.stop()
        return results
    finally:
        store.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--claims", type=int, default=10_000)
    p.add_argument("--evidence", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--no-postgres", action="store_true")
    args = p.parse_args()
    from monitor.logs import configure_logging

    configure_logging(level="warning")
    all_results = {}
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        all_results["SQLite"] = run("SQLite", f"sqlite:///{tmp}/bench.db", args.claims, args.evidence, args.runs)
    if not args.no_postgres:
        name = f"bench_web_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as e:  # noqa: BLE001 - no server: the SQLite numbers stand alone
            print(f"\nPostgreSQL at {PG_SERVER} not reachable ({e.__class__.__name__}): skipped")
            args.no_postgres = True
    if not args.no_postgres:
        try:
            url = make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
            all_results["PostgreSQL"] = run("PostgreSQL", url, args.claims, args.evidence, args.runs)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    board, api = "claims board, first page", "API claim list, first page"
    print("\nTargets: board < 300 ms, API claim list < 100 ms (medians)")
    for name, results in all_results.items():
        print(f"  {name:<11} board {results[board]:6.1f} ms ({results[board] / 300:.2f} of the target), "
              f"API {results[api]:6.1f} ms ({results[api] / 100:.2f} of the target)")


if __name__ == "__main__":
    main()
