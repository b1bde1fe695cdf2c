"""The store against a real SQLite file and the real PostgreSQL: config sync, leases, dedup,
evidence and status changes in one transaction."""

from __future__ import annotations

import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from helpers.store import (
    NOW,
    item,
    lease,
    leased_feeds,
    ok_update,
    record,
    server_error_update,
    settings,
    sync,
)

from monitor.model import FeedRow, Item
from monitor.pipeline import Alerts, set_status_by_hand, unpin
from monitor.service import PollReport, Service
from monitor.store.repo import Store


def test_config_sync_creates_updates_and_archives(db_url: str, tmp_path: Path) -> None:
    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    sync(store, loaded)
    sync(store, loaded)  # idempotent
    assert [c["id"] for c in store.claims()] == ["xiaomi-baic"]
    assert [f["url"] for f in store.feeds_overview()] == ["https://a.example/rss", "https://b.example/rss"]
    other = settings(db_url, tmp_path, claims='[[claims]]\nid = "other"\ntext = "Another claim here"\n',
                     feeds=("https://a.example/rss",))
    sync(store, other)
    assert [c["id"] for c in store.claims()] == ["other"]
    archived = {c["id"]: c["archived"] for c in store.claims(include_archived=True)}
    assert archived == {"other": False, "xiaomi-baic": True}
    assert [f["url"] for f in store.feeds_overview()] == ["https://a.example/rss"]
    store.close()


def test_leases_keep_workers_apart_and_expire(db_url: str, tmp_path: Path) -> None:
    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    sync(store, loaded)
    first = lease(store, loaded, "w1", lease_seconds=60)
    second = lease(store, loaded, "w2", lease_seconds=60)
    assert len(first) == 2 and second == []
    # w1 crashed: once its lease runs out, w2 takes the feeds over.
    later = lease(store, loaded, "w2", NOW + timedelta(seconds=61))
    assert sorted(f.id for f in later) == sorted(f.id for f in first)
    store.release_worker("w2")
    assert len(lease(store, loaded, "w3", NOW + timedelta(seconds=62))) == 2
    store.close()


def test_concurrent_leasing_hands_each_feed_to_one_worker(db_url: str, tmp_path: Path) -> None:
    feeds = tuple(f"https://n{i}.example/rss" for i in range(60))
    loaded = settings(db_url, tmp_path, feeds=feeds)
    store = Store.open(db_url)
    sync(store, loaded)
    got: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        ids: list[int] = []
        while batch := lease(store, loaded, name, limit=7):
            ids += [f.id for f in batch]
        got[name] = ids

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    all_ids = [i for ids in got.values() for i in ids]
    assert len(all_ids) == 60 and len(set(all_ids)) == 60
    store.close()


def test_items_stored_once_syndicated_copies_linked_and_status_recorded(db_url: str, tmp_path: Path) -> None:
    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    sync(store, loaded)
    service = Service(loaded, store, worker_id="w1")
    a, b = sorted(lease(store, loaded, "w1"), key=lambda f: f.id)
    rumour = item("Xiaomi reportedly in talks with BAIC over electric cars", "https://technode.com/x?utm_source=a", "technode.com", guid="t1")
    official = item("Xiaomi officially confirms its electric car partnership with BAIC", "https://www.mi.com/news/1", "mi.com", guid="m1")
    unrelated = item("Apple unveils a new iPad", "https://technode.com/ipad", "technode.com", guid="t2")

    def save(feed: FeedRow, items: list[Item]) -> tuple[list, list, list]:
        # Feed b is Xiaomi's newsroom (declared as its source): what it publishes is official.
        r = record(store, service, feed, items, source="mi.com" if feed is b else None)
        return r.new_items, r.drafts, r.changes

    new, drafts, changes = save(a, [rumour, unrelated])
    assert len(new) == 2 and [d.claim_id for d in drafts] == ["xiaomi-baic"] and changes == []
    # The same story syndicated by feed b under another guid: linked, not stored again.
    copy = item(rumour.title, "https://technode.com/x?utm_medium=rss", "technode.com", guid="other-guid")
    new, drafts, changes = save(b, [copy, official])
    assert len(new) == 1 and new[0].item.title == official.title
    assert len(changes) == 1 and changes[0].to_status == "confirmed"
    assert store.count_items() == 3
    ev = store.evidence_list("xiaomi-baic")
    assert {e["title"]: e["copies"] for e in ev}[rumour.title] == 2
    # Saving the same items again (both feeds) adds nothing and changes nothing, copies included.
    assert save(a, [rumour, unrelated]) == ([], [], [])
    assert save(b, [copy, official]) == ([], [], [])
    assert {e["title"]: e["copies"] for e in store.evidence_list("xiaomi-baic")}[rumour.title] == 2
    history = store.history("xiaomi-baic")
    assert len(history) == 1
    (change,) = history
    assert change.from_status == "unverified" and change.to_status == "confirmed"
    assert [e["url"] for e in change.evidence] == ["https://www.mi.com/news/1"]
    assert change.evidence[0]["source_tier"] == "official"
    assert store.claims()[0]["status"] == "confirmed"
    store.close()


def test_manual_status_pins_until_unpinned(db_url: str, tmp_path: Path) -> None:
    from monitor.model import Status

    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    sync(store, loaded)
    service = Service(loaded, store)
    alerts = Alerts([])
    change = set_status_by_hand(store, alerts, "xiaomi-baic", Status.DENIED, "company spokesperson by phone")
    assert change is not None and change.actor == "manual" and change.to_status == "denied"
    assert store.claims()[0]["pinned"] is True
    back = unpin(store, service.judge, alerts, "xiaomi-baic")
    assert back is not None and back.to_status == "unverified"  # no evidence: the rules say so
    assert [c.actor for c in store.history()] == ["manual", "rules"]
    store.close()


def test_schema_upgrade_is_idempotent_and_reopens(db_url: str) -> None:
    from monitor.store.db import current_revision, head_revision

    store = Store.open(db_url)
    assert current_revision(store.engine) == head_revision(store.engine)
    store.close()
    store = Store.open(db_url)  # a second open does not re-run migrations
    assert current_revision(store.engine) == head_revision(store.engine)
    store.close()


def _open_at_once(url: str, openers: int) -> tuple[list[Store], list[str]]:
    start = threading.Barrier(openers)
    stores: list[Store] = []
    failures: list[str] = []

    def open_store() -> None:
        start.wait()
        try:
            stores.append(Store.open(url))
        except Exception as e:  # noqa: BLE001 - the test reports every failure
            failures.append(f"{e.__class__.__name__}: {e}")

    threads = [threading.Thread(target=open_store) for _ in range(openers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stores, failures


def test_several_openers_of_a_new_database_all_find_it_ready(db_url: str) -> None:
    """The daemon and a CLI command started together on a new database: one creates the schema,
    the others wait for it. Before the SQLite lock file, openers failed with "database is
    locked" or "duplicate column name" (in every round of six, here)."""
    from monitor.store.db import current_revision, head_revision

    rounds = 3 if db_url.startswith("sqlite") else 1  # a new SQLite file each round
    for n in range(rounds):
        url = db_url.replace(".db", f"-{n}.db") if n else db_url
        stores, failures = _open_at_once(url, 6)
        assert failures == []
        assert all(current_revision(s.engine) == head_revision(s.engine) for s in stores)
        for s in stores:
            s.close()


def test_an_old_database_is_upgraded_with_its_data(db_url: str, tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import text

    from monitor.store.db import alembic_config, current_revision, head_revision, make_engine

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0001")  # the first release's schema
    with engine.begin() as conn:  # a claim as the first release stored it
        conn.execute(
            text(
                "INSERT INTO claims (id, text, aliases, require, official_sources, status,"
                " status_since, pinned, archived, created_at) VALUES ('xiaomi-baic', 'Xiaomi',"
                " '[]', '[]', '[\"mi.com\"]', 'unverified', :at, false, false, :at)"
            ),
            {"at": NOW.replace(tzinfo=None)},
        )
    engine.dispose()
    store = Store.open(db_url)  # what every command does on start
    assert current_revision(store.engine) == head_revision(store.engine) != "0001"
    assert [c["id"] for c in store.claims()] == ["xiaomi-baic"]
    store.close()


def test_item_less_polls_are_written_together_and_release_their_leases(db_url: str, tmp_path: Path) -> None:
    from monitor.model import PolledFeed

    loaded, store, service, a, b = leased_feeds(db_url, tmp_path)
    failed = server_error_update(b.url)
    report = PollReport()
    done = service.handle_batch([PolledFeed(a, ok_update(a.url)), PolledFeed(b, failed)], report)
    assert sorted(done) == [a.id, b.id] and (report.feeds, report.failed) == (2, 1)
    rows = {r["id"]: r for r in store.feeds_overview()}
    assert rows[a.id]["last_status"] == "200 OK" and rows[a.id]["last_success"] == NOW
    assert rows[b.id]["last_error"] == "server answered 500" and rows[b.id]["last_success"] is None
    assert rows[b.id]["error_count"] == 1
    # Both leases were released with the write: another worker can take the feeds right away.
    again = lease(store, loaded, "w2", include_not_due=True)
    assert sorted(f.id for f in again) == [a.id, b.id]
    store.close()


def test_a_failing_batch_write_falls_back_to_one_feed_at_a_time(db_url: str, tmp_path: Path) -> None:
    from monitor.model import PolledFeed

    loaded, store, service, a, b = leased_feeds(db_url, tmp_path)

    def broken(updates: object, now: object) -> None:
        raise RuntimeError("batch write failed")

    store.save_feed_states = broken  # type: ignore[method-assign]
    report = PollReport()
    done = service.handle_batch([PolledFeed(a, ok_update(a.url)), PolledFeed(b, ok_update(b.url))], report)
    assert sorted(done) == [a.id, b.id] and report.feeds == 2
    assert {r["last_status"] for r in store.feeds_overview()} == {"200 OK"}
    store.close()


def test_feeds_with_items_share_a_transaction_and_a_bad_one_costs_only_itself(db_url: str, tmp_path: Path) -> None:
    from monitor.model import PolledFeed

    loaded, store, service, a, b = leased_feeds(db_url, tmp_path)
    good = item("Xiaomi reportedly in talks with BAIC over electric cars", "https://technode.com/x", "technode.com", guid="t1")
    bad = item("Apple unveils a new iPad", "https://technode.com/ipad", "technode.com", guid="t2")
    real_assess = service.judge.assess

    def assess(items, feed, judged=None):  # type: ignore[no-untyped-def]
        if feed.url == b.url:
            raise RuntimeError("judge failed")
        return real_assess(items, feed, judged)

    service.judge.assess = assess  # type: ignore[method-assign]
    report = PollReport()
    done = service.handle_batch([PolledFeed(a, ok_update(a.url), (good,)), PolledFeed(b, ok_update(b.url), (bad,))], report)
    assert sorted(done) == [a.id, b.id]
    # The shared transaction failed as a whole; feed a was then stored on its own, b not at all.
    assert report.feeds == 1 and report.new_items == 1 and report.matches == 1
    assert store.count_items() == 1 and [e["title"] for e in store.evidence_list("xiaomi-baic")] == [good.title]
    rows = {r["id"]: r for r in store.feeds_overview()}
    assert rows[a.id]["last_status"] == "200 OK" and rows[b.id]["last_status"] is None
    store.close()


def test_an_item_the_worker_left_unjudged_is_judged_by_the_service(db_url: str, tmp_path: Path) -> None:
    from monitor.model import PolledFeed

    loaded, store, service, a, _ = leased_feeds(db_url, tmp_path)
    rumour = item("Xiaomi reportedly in talks with BAIC over electric cars", "https://technode.com/x", "technode.com", guid="t1")
    other = item("Apple unveils a new iPad", "https://technode.com/ipad", "technode.com", guid="t2")
    # The worker judged `other` (no match) and left `rumour` to the service (None).
    polled = PolledFeed(a, ok_update(a.url), (rumour, other), judged=(None, ()), judge_key=service.judge.key)
    report = PollReport()
    service.handle_batch([polled], report)
    assert report.new_items == 2 and report.matches == 1
    assert [e["title"] for e in store.evidence_list("xiaomi-baic")] == [rumour.title]
    store.close()


def test_a_restarted_daemon_takes_back_the_leases_of_a_dead_process_of_its_host(
    db_url: str, tmp_path: Path
) -> None:
    # A process killed while its feeds were leased: a restart (a new pid) polls them at once, not
    # when the lease runs out; a live process's leases, and another host's, are left alone.
    import socket
    import subprocess
    import sys

    from monitor.service import gone_local_workers

    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    sync(store, loaded)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_owner = f"{socket.gethostname()}:{int(dead.stdout)}"
    assert len(lease(store, loaded, dead_owner, lease_seconds=300)) == 2
    alive_owner = f"{socket.gethostname()}:{os.getppid()}"
    owners = store.lease_owners() | {alive_owner, "elsewhere:1234"}
    assert gone_local_workers(owners) == [dead_owner]
    assert lease(store, loaded, "restarted", NOW + timedelta(seconds=1)) == []
    store.release_worker(dead_owner)
    assert len(lease(store, loaded, "restarted", NOW + timedelta(seconds=1))) == 2
    store.close()


def test_a_fault_in_the_stance_rules_costs_no_item(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A bug in the stance rules on one odd headline (2026-12-07: "..." before the claim's event
    # word raised IndexError) failed the feed's whole write: none of its items was ever stored.
    # Now the item and its match are stored as `reports` with the error, and the service logs it.
    import structlog

    import monitor.judge.service as judge_service
    from monitor.model import PolledFeed

    loaded, store, service, a, _ = leased_feeds(db_url, tmp_path)
    odd = item("Xiaomi ... in talks with BAIC over electric cars", "https://technode.com/x", "technode.com", guid="t1")
    plain = item("Xiaomi reportedly in talks with BAIC over electric cars", "https://technode.com/y", "technode.com", guid="t2")
    from monitor.judge.stance import classify_stance as real

    def classify(claim, title, summary="", vector=None):  # type: ignore[no-untyped-def]
        if "..." in title:
            return [][1]  # the fault: an IndexError deep in the rules
        return real(claim, title, summary, vector)

    monkeypatch.setattr(judge_service, "classify_stance", classify)
    report = PollReport()
    with structlog.testing.capture_logs() as logs:
        service.handle_batch([PolledFeed(a, ok_update(a.url), (odd, plain))], report)
    assert report.new_items == 2 and store.count_items() == 2
    evidence = {e["title"]: e for e in store.evidence_list("xiaomi-baic")}
    assert set(evidence) == {odd.title, plain.title}
    assert evidence[odd.title]["stance"] == "reports"
    cue = evidence[odd.title]["cues"][0]
    assert cue.startswith("guard: stance could not be read (IndexError at test_store.py:") and "left for review" in cue
    assert evidence[plain.title]["cues"] and not evidence[plain.title]["cues"][0].startswith("guard: stance could not")
    failed = [e for e in logs if e["event"] == "stance.failed"]
    assert len(failed) == 1 and failed[0]["log_level"] == "error" and "IndexError" in failed[0]["error"]
    assert "report this line" in failed[0]["fix"]
    store.close()
