"""Feeds: kept in step with the configuration, leased for polling, their poll outcome written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Connection, and_, func, insert, null, or_, select, update

from monitor.model import FeedConfig, FeedUpdate, StoredFeed
from monitor.store import schema as t
from monitor.store.bulk import Built, Statements, bind

_FEED_STATE = (
    "url", "etag", "last_modified", "body_hash", "last_status", "next_poll_at", "current_interval",
    "error_count", "last_error", "failing", "disabled_reason",
)
_FEED_UPDATE_NAMES = ["p_id", *(f"p_{c}" for c in _FEED_STATE), "p_polled_at"]


def sync_feeds(conn: Connection, wanted: Sequence[FeedConfig], now: datetime) -> None:
    """Make the feeds table match the configured feeds: new ones added, changed ones updated,
    removed ones marked removed (their items and state are kept)."""
    f = t.feeds
    existing = {r.config_url: r for r in conn.execute(select(f))}
    by_url = {fc.url: fc for fc in wanted}
    for url, fc in by_url.items():
        values = {
            "source": fc.source,
            "interval": fc.interval,
            "min_interval": fc.min_interval,
            "max_interval": fc.max_interval,
            "aggregator": fc.aggregator,
            "removed": False,
        }
        row = existing.get(url)
        if row is None:
            conn.execute(
                insert(f).values(config_url=url, url=url, created_at=now, **_fresh_state(now), **values)
            )
        elif row.removed:
            # Added again after a removal: a fresh start at the configured URL (a redirect,
            # an error streak or a 410 it had before are forgotten); its items are kept.
            conn.execute(
                update(f).where(f.c.id == row.id).values(url=url, **values, **_fresh_state(now))
            )
        elif any(getattr(row, k) != v for k, v in values.items()):
            conn.execute(update(f).where(f.c.id == row.id).values(**values))
    for url, row in existing.items():
        if url not in by_url and not row.removed:
            conn.execute(update(f).where(f.c.id == row.id).values(removed=True))


def _fresh_state(now: datetime) -> dict[str, Any]:
    """The poll state of a feed not polled yet."""
    return {
        "etag": None, "last_modified": None, "body_hash": None, "last_status": None,
        "next_poll_at": now, "current_interval": None, "error_count": 0, "last_error": None,
        "failing": False, "disabled_reason": None, "lease_owner": None, "lease_until": None,
    }


def _stored(r: Any) -> StoredFeed:
    return StoredFeed(
        id=r.id,
        url=r.url,
        config_url=r.config_url,
        source=r.source,
        interval=r.interval,
        min_interval=r.min_interval,
        max_interval=r.max_interval,
        etag=r.etag,
        last_modified=r.last_modified,
        body_hash=r.body_hash,
        current_interval=r.current_interval,
        error_count=r.error_count,
        failing=r.failing,
        last_success_at=r.last_success_at,
        aggregator=bool(r.aggregator),
    )


def lease_due(
    conn: Connection,
    *,
    lock_rows: bool,
    worker_id: str,
    now: datetime,
    lease_seconds: float,
    include_not_due: bool = False,
    limit: int | None = None,
) -> list[StoredFeed]:
    """Take the feeds due now (or all, with include_not_due) under a lease for this worker.

    A lease keeps other workers off a feed while it is being polled; an expired lease (a crashed
    worker) lets anyone take the feed over. ``lock_rows`` (PostgreSQL): skip rows another worker
    is leasing at this moment.
    """
    f = t.feeds
    cond = [
        f.c.removed.is_(False),
        f.c.disabled_reason.is_(None),
        or_(f.c.lease_until.is_(None), f.c.lease_until < now),
    ]
    if not include_not_due:
        cond.append(f.c.next_poll_at <= now)
    q = select(f).where(and_(*cond)).order_by(f.c.next_poll_at, f.c.id)
    if limit:
        q = q.limit(limit)
    if lock_rows:
        q = q.with_for_update(skip_locked=True, of=f)
    rows = list(conn.execute(q))
    if rows:
        conn.execute(
            update(f)
            .where(f.c.id.in_([r.id for r in rows]))
            .values(lease_owner=worker_id, lease_until=now + timedelta(seconds=lease_seconds))
        )
    return [_stored(r) for r in rows]


def release(conn: Connection, feed_ids: Iterable[int], worker_id: str) -> None:
    ids = list(feed_ids)
    if ids:
        conn.execute(
            update(t.feeds)
            .where(t.feeds.c.id.in_(ids), t.feeds.c.lease_owner == worker_id)
            .values(lease_owner=None, lease_until=None)
        )


def _feed_update_statement(succeeded: bool) -> Built:
    f = t.feeds
    values: dict[str, Any] = {c: bind(f.c[c], f"p_{c}") for c in _FEED_STATE}
    values["last_polled_at"] = bind(f.c.last_polled_at, "p_polled_at")
    if succeeded:
        values["last_success_at"] = bind(f.c.last_success_at, "p_polled_at")
    values["lease_owner"] = null()
    values["lease_until"] = null()
    return update(f).where(f.c.id == bind(f.c.id, "p_id")).values(**values), _FEED_UPDATE_NAMES


def _feed_update_params(feed_id: int, u: FeedUpdate) -> tuple[Any, ...]:
    """In _FEED_UPDATE_NAMES order."""
    return (
        feed_id, u.url, u.etag, u.last_modified, u.body_hash, u.last_status, u.next_poll_at,
        u.current_interval, u.error_count, u.last_error, u.failing, u.disabled_reason, u.polled_at,
    )


def write_states(
    conn: Connection, sql: Statements, updates: Sequence[tuple[int, FeedUpdate]]
) -> None:
    """Each feed's state after a poll (its lease released): one executemany per kind (succeeded
    or not) with a statement compiled once."""
    for succeeded in (True, False):
        rows = [_feed_update_params(fid, u) for fid, u in updates if u.succeeded is succeeded]
        if rows:
            p = sql.get(("feed_update", succeeded), partial(_feed_update_statement, succeeded))
            p.executemany(conn, p.convert(rows))


def overview(conn: Connection) -> list[dict[str, Any]]:
    """Every feed (not removed) with its state and item count, as ``feeds --json`` shows it."""
    f, i = t.feeds, t.items
    counts = select(i.c.feed_id, func.count().label("n")).group_by(i.c.feed_id).subquery()
    q = (
        select(f, func.coalesce(counts.c.n, 0).label("items"))
        .outerjoin(counts, counts.c.feed_id == f.c.id)
        .where(f.c.removed.is_(False))
        .order_by(f.c.id)
    )
    return [
        {
            "id": r.id,
            "url": r.url,
            "config_url": r.config_url,
            "source": r.source,
            "last_poll": r.last_polled_at,
            "last_success": r.last_success_at,
            "last_status": r.last_status,
            "items": r.items,
            "error_count": r.error_count,
            "last_error": r.last_error,
            "failing": bool(r.failing),
            "next_poll": r.next_poll_at,
            "interval": r.current_interval or r.interval,
            "disabled_reason": r.disabled_reason,
            "aggregator": bool(r.aggregator),
            "state": _state(r.disabled_reason, bool(r.failing), r.error_count),
        }
        for r in conn.execute(q)
    ]


def _state(disabled_reason: str | None, failing: bool, error_count: int) -> str:
    """One word for a feed's health: ``disabled`` (gone, or turned off), ``failing`` (at least
    [polling] failing_after errors in a row), ``error`` (its last poll failed), else ``ok``."""
    if disabled_reason:
        return "disabled"
    if failing:
        return "failing"
    return "error" if error_count else "ok"


def schedule_rows(conn: Connection) -> list[dict[str, Any]]:
    """The feeds being polled (not removed, not disabled) with what deciding their schedule needs."""
    f = t.feeds
    q = (
        select(f.c.id, f.c.url, f.c.source, f.c.aggregator, f.c.last_polled_at, f.c.next_poll_at,
               f.c.min_interval)
        .where(f.c.removed.is_(False), f.c.disabled_reason.is_(None))
        .order_by(f.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def poll_sooner(conn: Connection, targets: Sequence[tuple[int, datetime]]) -> int:
    """Move each feed's next poll forward to its target (never later than it is); returns how
    many moved."""
    f = t.feeds
    moved = 0
    for feed_id, at in targets:
        res = conn.execute(
            update(f).where(f.c.id == feed_id, f.c.next_poll_at > at).values(next_poll_at=at)
        )
        moved += res.rowcount or 0
    return moved
