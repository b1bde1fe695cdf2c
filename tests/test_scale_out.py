"""Several workers on the real PostgreSQL: three `rumour-monitor run` processes share 300 local
feeds; one is killed with SIGKILL halfway. Every item is stored once, every status change recorded
once, every alert delivered, and the killed worker's leases are taken over."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

import pytest
from helpers.daemon import Daemon
from helpers.feedserver import FeedServer, Reply
from helpers.postgres import fresh_pg_database, pg_unavailable
from helpers.wait import wait_until
from helpers.webhook_receiver import Receiver
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.exc import ProgrammingError

from monitor.alerts.signing import new_secret
from monitor.store import schema as t

pytestmark = pytest.mark.postgres

FEEDS = 300
ITEMS_PER_FEED = 3
# Invented companies, so no claim can match another's items.
COMPANIES = [
    "Kestrel", "Marlow", "Quillon", "Brisbane Dynamics", "Tavish", "Orrin", "Pellucid", "Vantor",
    "Halcyon", "Wexford", "Zephyrine", "Calloway", "Dunmore", "Esterly", "Fairhaven", "Glenrock",
    "Harrowgate", "Ivanhoe", "Jessamine", "Kilbride",
]
PRODUCTS = ["electric trucks", "solar roofs", "cargo drones", "battery plants", "robot taxis"]


def claim_text(i: int) -> str:
    return f"{COMPANIES[i]} Group will build {PRODUCTS[i % len(PRODUCTS)]} in Ohio"


def newsroom(n: int) -> str:
    """The company whose newsroom feed n is (every 15th feed): the publisher of its first item."""
    return COMPANIES[(n * ITEMS_PER_FEED) % len(COMPANIES)].lower().replace(" ", "") + ".example"


def feed_body(n: int) -> bytes:
    items = []
    for k in range(ITEMS_PER_FEED):
        c = (n * ITEMS_PER_FEED + k) % len(COMPANIES)
        if n % 15 == 0 and k == 0:
            # Every 15th feed carries the company's own confirmation: an official source.
            slug = COMPANIES[c].lower().replace(" ", "")
            title = f"{COMPANIES[c]} Group confirms it will build {PRODUCTS[c % len(PRODUCTS)]} in Ohio"
            link = f"https://www.{slug}.example/news/{n}"
        else:
            title = f"Filler story {n}-{k} about county fair prize vegetables number {n * 7 + k}"
            link = f"https://local{n}.example/story/{k}"
        items.append(
            f"<item><title>{escape(title)}</title><link>{link}</link><guid>{n}-{k}</guid></item>"
        )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>feed {n}</title>'
        f"{''.join(items)}</channel></rss>"
    ).encode()


@pytest.fixture
def pg_url() -> Iterator[str]:
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    url, drop = fresh_pg_database()
    yield url
    drop()


def serve_feeds(feed_server: FeedServer) -> list[str]:
    # A little latency per feed so the kill lands while leases are held.
    return [feed_server.route(f"/f{n}.xml", Reply(body=feed_body(n), delay=0.05)) for n in range(FEEDS)]


def write_config(folder: Path, pg_url: str, hook_url: str, secret: str, feed_urls: list[str]) -> Path:
    """The one configuration all three workers share: hourly polls, short leases, one webhook."""
    lines = [
        f'[database]\nurl = "{pg_url}"\n[network]\nallow_private = true\n',
        '[polling]\ninterval = "1h"\nmin_interval = "1h"\njitter = 0\n',
        "[daemon]\npoll_check = 0.5\nheartbeat = 0.5\npoll_batch = 10\nlease = 4\ndeliver_every = 0.5\n",
        '[logging]\nformat = "json"\nstatus_log = "status.jsonl"\n',
        f'[[webhooks]]\nurl = "{hook_url}"\nsecret = "{secret}"\n',
    ]
    for i in range(len(COMPANIES)):
        slug = COMPANIES[i].lower().replace(" ", "")
        lines.append(f'[[claims]]\nid = "c{i}"\ntext = "{claim_text(i)}"\nofficial_sources = ["{slug}.example"]\n')
    for n, u in enumerate(feed_urls):
        # Every 15th feed is a company's own newsroom: declared as its source (official).
        declared = f'source = "{newsroom(n)}"\n' if n % 15 == 0 else ""
        lines.append(f'[[feeds]]\nurl = "{u}"\n{declared}')
    config = folder / "monitor.toml"
    config.write_text("".join(lines))
    return config


def polled_feeds(engine: Engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(t.feeds).where(t.feeds.c.last_polled_at.is_not(None))
            ).scalar_one()
    except ProgrammingError:  # the workers have not created the schema yet
        return 0


def unpolled_leases_of(engine: Engine, pid: int) -> list[int]:
    """The feeds the worker with this pid holds and has not polled yet."""
    with engine.connect() as conn:
        return list(conn.execute(
            text("select f.id from feeds f join heartbeats h on f.lease_owner = h.worker_id "
                 "where h.pid = :pid and f.last_polled_at is null"), {"pid": pid}
        ).scalars())


class Outcome(NamedTuple):
    """What the database holds once the workers have stopped."""

    n_items: int
    dup_keys: int  # dedup keys stored more than once
    changes: list[tuple[str, str]]  # (claim id, new status) for each recorded status change
    undelivered: int
    leased: int  # feeds still held by some worker


def read_outcome(engine: Engine) -> Outcome:
    with engine.connect() as conn:
        n_items = conn.execute(select(func.count()).select_from(t.items)).scalar_one()
        dup_keys = conn.execute(
            text("select count(*) from (select dedup_key from items group by dedup_key having count(*) > 1) d")
        ).scalar_one()
        changes = conn.execute(select(t.status_changes.c.claim_id, t.status_changes.c.to_status)).all()
        undelivered = conn.execute(
            select(func.count()).select_from(t.deliveries).where(t.deliveries.c.delivered_at.is_(None))
        ).scalar_one()
        leased = conn.execute(
            select(func.count()).select_from(t.feeds).where(t.feeds.c.lease_owner.is_not(None))
        ).scalar_one()
    return Outcome(n_items, dup_keys, [(c, s) for c, s in changes], undelivered, leased)


def test_three_workers_one_killed(tmp_path: Path, feed_server: FeedServer, pg_url: str) -> None:
    secret = new_secret()
    rx = Receiver(secret).start()
    config = write_config(tmp_path, pg_url, rx.url("/hook"), secret, serve_feeds(feed_server))

    engine = create_engine(pg_url)
    workers = [Daemon(config) for _ in range(3)]
    try:
        wait_until(lambda: polled_feeds(engine) >= FEEDS // 3, timeout=120, what="a third of the feeds polled")
        victim = workers[0]
        # Kill it while it holds feeds it has not finished.
        held_by_victim = wait_until(
            lambda: unpolled_leases_of(engine, victim.proc.pid), timeout=60, what="the victim holding leases"
        )
        victim.stop(signal.SIGKILL)
        wait_until(lambda: polled_feeds(engine) == FEEDS, timeout=180, what="every feed polled")
        changes_expected = len({(n * ITEMS_PER_FEED) % len(COMPANIES) for n in range(0, FEEDS, 15)})
        wait_until(lambda: len(rx.accepted()) >= changes_expected, timeout=60, what="every alert")
        time.sleep(1.5)  # let any stray duplicate show itself
        for w in workers[1:]:
            assert w.stop(signal.SIGTERM) == 0
    finally:
        for w in workers:
            if w.proc.poll() is None:
                w.stop(signal.SIGKILL)
        rx.stop()

    n_items, dup_keys, changes, undelivered, leased = read_outcome(engine)
    engine.dispose()
    # Official confirmations repeat across feeds (same title, same source): one story, stored once.
    official_items = len(range(0, FEEDS, 15))
    assert n_items == FEEDS * ITEMS_PER_FEED - official_items + changes_expected and dup_keys == 0
    claims_changed = [c for c, _ in changes]
    assert len(claims_changed) == len(set(claims_changed)) == changes_expected  # each change once
    assert {s for _, s in changes} == {"confirmed"}
    assert undelivered == 0
    delivered_ids = {r.event_id for r in rx.accepted()}
    assert len(delivered_ids) == changes_expected
    assert {r.payload["data"]["claim"]["id"] for r in rx.accepted()} == set(claims_changed)
    assert leased == 0  # nothing left held by the dead worker
    # The feeds the victim held when it died were taken over and polled by the others.
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        taken_over = conn.execute(
            select(func.count()).select_from(t.feeds)
            .where(t.feeds.c.id.in_(held_by_victim), t.feeds.c.last_polled_at.is_not(None))
        ).scalar_one()
    engine.dispose()
    assert taken_over == len(held_by_victim) > 0
