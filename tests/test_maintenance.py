"""Retention and health on plain databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers.store import item, lease, record, settings, sync

from monitor.daemon import apply_retention, beat, check_health
from monitor.service import Service
from monitor.store.repo import Store

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_retention_deletes_old_unmatched_items_and_keeps_evidence(db_url: str, tmp_path: Path) -> None:
    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    sync(store, loaded, NOW - timedelta(days=400))
    service = Service(loaded, store, worker_id="w")
    (feed, _) = lease(store, loaded, "w", NOW - timedelta(days=300))
    old = NOW - timedelta(days=200)
    matched = item("Xiaomi officially confirms its electric car partnership with BAIC", "https://www.mi.com/n/1", "mi.com", "m1")
    stale = item("County fair crowns a giant pumpkin", "https://local.example/p", "local.example", "p1")
    record(store, service, feed, [matched, stale], old, source="mi.com")
    fresh = item("Library extends its opening hours", "https://local.example/l", "local.example", "l1")
    record(store, service, feed, [fresh], NOW)
    assert store.count_items() == 3
    removed = apply_retention(store, loaded, now=NOW)  # items_days defaults to 180
    assert removed == 1
    assert store.count_items() == 2
    # The matched item is evidence of a status change: history still shows it in full.
    (change,) = store.history("xiaomi-baic")
    assert change.evidence[0]["title"].startswith("Xiaomi officially confirms")
    store.close()


def test_health_reports_alive_stale_and_stopped(db_url: str, tmp_path: Path) -> None:
    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    h = check_health(store, loaded, "host-a")
    assert not h.ok and "no daemon has run" in h.reason
    started = datetime.now(UTC)
    beat(store, "host-a:1", started)
    import socket

    me = socket.gethostname()
    h = check_health(store, loaded, me)
    assert not h.ok and "not completed a poll cycle" in h.reason
    beat(store, "host-a:1", started, polled=True)
    assert check_health(store, loaded, me).ok
    later = datetime.now(UTC) + timedelta(minutes=10)
    h = check_health(store, loaded, me, now=later)
    assert not h.ok and "no heartbeat for" in h.reason
    beat(store, "host-a:1", started, stopped=True)
    h = check_health(store, loaded, me)
    assert not h.ok and "stopped at" in h.reason
    store.close()
