"""SQL for the webhook outbox (`deliveries`) and endpoint health (`webhook_endpoints`).

Rows are inserted in the transaction that records a status change (`insert_rows`), so a
change that exists always has its alerts queued. The relay claims one row at a time with a lease;
a row is claimable only when no earlier undelivered row for the same (endpoint, claim) is waiting,
which keeps alerts to one endpoint in the order the changes happened, across processes too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, exists, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from monitor.model import OutboxRow
from monitor.store.db import storage_errors
from monitor.store.schema import deliveries, delivery_attempts, status_changes, webhook_endpoints

_d = deliveries
_a = delivery_attempts
_e = webhook_endpoints


def insert_rows(conn: Connection, rows: Sequence[OutboxRow]) -> None:
    """Queue deliveries (due at once); call inside the transaction that records the change they
    announce."""
    if rows:
        conn.execute(
            insert(_d),
            [
                {
                    "event_id": r.event_id,
                    "event_type": r.event_type,
                    "claim_id": r.claim_id,
                    "status_change_id": r.status_change_id,
                    "endpoint": r.endpoint,
                    "payload": r.payload,
                    "attempts": 0,
                    "next_attempt_at": r.created_at,
                    "dead": False,
                    "created_at": r.created_at,
                }
                for r in rows
            ],
        )


def _insert_ignore(conn: Connection, urls: Iterable[str]) -> None:
    values = [{"url": u} for u in dict.fromkeys(urls)]
    if not values:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(postgresql.insert(_e).values(values).on_conflict_do_nothing())
    elif conn.dialect.name == "sqlite":
        conn.execute(sqlite.insert(_e).values(values).on_conflict_do_nothing())
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        known = set(conn.scalars(select(_e.c.url)))
        new = [v for v in values if v["url"] not in known]
        if new:
            conn.execute(insert(_e), new)


def ensure_endpoints(engine: Engine, urls: Iterable[str]) -> None:
    with storage_errors(), engine.begin() as conn:
        _insert_ignore(conn, urls)


def disabled_endpoints(engine: Engine) -> dict[str, str]:
    """url -> reason for endpoints disabled (by a 410)."""
    with storage_errors(), engine.connect() as conn:
        rows = conn.execute(
            select(_e.c.url, _e.c.disabled_reason).where(_e.c.disabled_at.is_not(None))
        )
        return {r.url: r.disabled_reason or "disabled" for r in rows}


def set_endpoint_enabled(engine: Engine, url: str, enabled: bool, reason: str, now: datetime) -> None:
    with storage_errors(), engine.begin() as conn:
        _insert_ignore(conn, [url])
        conn.execute(
            update(_e)
            .where(_e.c.url == url)
            .values(
                disabled_at=None if enabled else now,
                disabled_reason=None if enabled else reason,
            )
        )
        if enabled:
            # Waiting alerts go out now, not at the far retry the 410 scheduled.
            conn.execute(
                update(_d).where(_d.c.endpoint == url, _pending()).values(next_attempt_at=now)
            )


def _pending() -> Any:
    return and_(_d.c.delivered_at.is_(None), _d.c.dead.is_(False))


def claim_next(
    engine: Engine, endpoint: str, worker: str, now: datetime, lease_seconds: float
) -> dict[str, Any] | None:
    """Lease the next due delivery for one endpoint, or None when nothing is due.

    One UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING: on PostgreSQL
    concurrent relays skip each other's rows; on SQLite a write statement takes the database
    lock first, so two processes cannot lease the same row either.
    """
    earlier = _d.alias("earlier")
    blocked_by_earlier = exists().where(
        earlier.c.endpoint == _d.c.endpoint,
        earlier.c.claim_id == _d.c.claim_id,
        earlier.c.id < _d.c.id,
        earlier.c.delivered_at.is_(None),
        earlier.c.dead.is_(False),
    )
    endpoint_disabled = exists().where(_e.c.url == _d.c.endpoint, _e.c.disabled_at.is_not(None))
    candidate = (
        select(_d.c.id)
        .where(
            _d.c.endpoint == endpoint,
            _pending(),
            _d.c.next_attempt_at <= now,
            or_(_d.c.lease_until.is_(None), _d.c.lease_until < now),
            ~blocked_by_earlier,
            ~endpoint_disabled,
        )
        .order_by(_d.c.next_attempt_at, _d.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    stmt = (
        update(_d)
        .where(_d.c.id == candidate)
        .values(lease_owner=worker, lease_until=now + timedelta(seconds=lease_seconds))
        .returning(*_d.c)
    )
    with storage_errors(), engine.begin() as conn:
        row = conn.execute(stmt).mappings().first()
        return dict(row) if row else None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One finished attempt, as the relay records it."""

    delivery_id: int
    endpoint: str
    outcome: str  # delivered | retry | dead | gone
    status: int | None
    error: str | None
    at: datetime
    next_attempt_at: datetime | None = None
    duration_ms: int | None = None


def record_attempt(engine: Engine, a: Attempt) -> None:
    """Store an attempt's outcome on its delivery, in its attempt log, and in the endpoint's
    health, in one transaction."""
    values: dict[str, Any] = {
        "attempts": _d.c.attempts + 1,
        "last_status": a.status,
        "last_error": a.error,
        "lease_owner": None,
        "lease_until": None,
    }
    if a.outcome == "delivered":
        values["delivered_at"] = a.at
    elif a.outcome == "dead":
        values["dead"] = True
    else:
        values["next_attempt_at"] = a.next_attempt_at or a.at
    with storage_errors(), engine.begin() as conn:
        # A row delivered meanwhile (lease expired, another relay finished it) stays delivered.
        conn.execute(
            update(_d).where(_d.c.id == a.delivery_id, _d.c.delivered_at.is_(None)).values(values)
        )
        conn.execute(
            insert(_a).values(
                delivery_id=a.delivery_id, at=a.at, outcome=a.outcome, status=a.status,
                error=a.error, duration_ms=a.duration_ms,
            )
        )
        _insert_ignore(conn, [a.endpoint])
        health: dict[str, Any]
        if a.outcome == "delivered":
            health = {"last_success_at": a.at}
        else:
            health = {"last_failure_at": a.at, "last_error": a.error}
        if a.outcome == "gone":
            health |= {"disabled_at": a.at, "disabled_reason": f"410 Gone at {a.at:%Y-%m-%d %H:%M:%SZ}"}
        conn.execute(update(_e).where(_e.c.url == a.endpoint).values(health))


def change_times(engine: Engine, status_change_id: int) -> tuple[datetime, datetime | None] | None:
    """When the change a delivery announces was committed (its transaction's time until the
    commit time is written) and its deciding item published; None when there is no such change."""
    sc = status_changes
    with storage_errors(), engine.connect() as conn:
        row = conn.execute(
            select(sc.c.at, sc.c.committed_at, sc.c.published_at).where(sc.c.id == status_change_id)
        ).first()
    return (row.committed_at or row.at, row.published_at) if row else None


def record_endpoint_result(
    engine: Engine, url: str, ok: bool, error: str | None, at: datetime
) -> None:
    """Health after a test send (which has no delivery row)."""
    with storage_errors(), engine.begin() as conn:
        _insert_ignore(conn, [url])
        values = (
            {"last_success_at": at} if ok else {"last_failure_at": at, "last_error": error}
        )
        conn.execute(update(_e).where(_e.c.url == url).values(values))


def delivery_state(row: Any, now: datetime) -> str:
    if row["delivered_at"] is not None:
        return "delivered"
    if row["dead"]:
        return "dead"
    if row["lease_until"] is not None and row["lease_until"] > now:
        return "sending"
    return "pending"


_LIST_COLUMNS = (
    _d.c.id,
    _d.c.event_id,
    _d.c.event_type,
    _d.c.claim_id,
    _d.c.status_change_id,
    _d.c.endpoint,
    _d.c.attempts,
    _d.c.earlier_attempts,
    _d.c.next_attempt_at,
    _d.c.last_status,
    _d.c.last_error,
    _d.c.delivered_at,
    _d.c.dead,
    _d.c.created_at,
    _d.c.lease_until,
)


def list_deliveries(
    engine: Engine,
    *,
    dead: bool | None = None,
    pending: bool | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Deliveries, newest first (a page: ``limit`` from ``offset``)."""
    stmt = select(*_LIST_COLUMNS).order_by(_d.c.id.desc())
    if dead is not None:
        stmt = stmt.where(_d.c.dead.is_(dead))
    if pending:
        stmt = stmt.where(_pending())
    if ids is not None:
        stmt = stmt.where(_d.c.id.in_(list(ids)))
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    with storage_errors(), engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def count_deliveries(engine: Engine, *, dead: bool | None = None, pending: bool | None = None) -> int:
    """How many deliveries ``list_deliveries`` would list with these filters and no limit."""
    stmt = select(func.count()).select_from(_d)
    if dead is not None:
        stmt = stmt.where(_d.c.dead.is_(dead))
    if pending:
        stmt = stmt.where(_pending())
    with storage_errors(), engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def delivery_counts(engine: Engine) -> dict[str, int]:
    """How many deliveries are pending (not delivered, not dead) and dead."""
    stmt = select(
        func.count().filter(_pending()).label("pending"),
        func.count().filter(_d.c.dead.is_(True)).label("dead"),
    )
    with storage_errors(), engine.connect() as conn:
        r = conn.execute(stmt).one()
        return {"pending": int(r.pending), "dead": int(r.dead)}


def redeliver(
    engine: Engine, now: datetime, *, ids: Sequence[int] | None = None, all_dead: bool = False
) -> list[int]:
    """Queue deliveries again from the first step of the retry schedule (same webhook-id);
    returns their ids. The attempts so far stay counted and in the attempt log.

    A delivered row can be sent again too (the receiver lost it); duplicates carry the same
    webhook-id, so receivers that deduplicate are safe.
    """
    cond: Any
    if all_dead:
        cond = _d.c.dead.is_(True)
    elif ids:
        cond = _d.c.id.in_(list(ids))
    else:
        return []
    with storage_errors(), engine.begin() as conn:
        found = list(conn.scalars(select(_d.c.id).where(cond).order_by(_d.c.id)))
        if found:
            conn.execute(
                update(_d)
                .where(_d.c.id.in_(found))
                .values(
                    dead=False,
                    delivered_at=None,
                    earlier_attempts=_d.c.attempts,
                    next_attempt_at=now,
                    lease_owner=None,
                    lease_until=None,
                )
            )
        return found


def attempt_log(engine: Engine, delivery_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """delivery id -> its attempts, oldest first (time, outcome, HTTP status, error, duration)."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in delivery_ids}
    if not delivery_ids:
        return out
    stmt = (
        select(_a.c.delivery_id, _a.c.at, _a.c.outcome, _a.c.status, _a.c.error, _a.c.duration_ms)
        .where(_a.c.delivery_id.in_(list(delivery_ids)))
        .order_by(_a.c.delivery_id, _a.c.id)
    )
    with storage_errors(), engine.connect() as conn:
        for r in conn.execute(stmt).mappings():
            out[r["delivery_id"]].append({k: v for k, v in r.items() if k != "delivery_id"})
    return out


def endpoint_health(engine: Engine) -> dict[str, dict[str, Any]]:
    """Per endpoint URL (any that has deliveries or health): counts and last results."""
    out: dict[str, dict[str, Any]] = {}
    with storage_errors(), engine.connect() as conn:
        for r in conn.execute(select(_e)).mappings():
            out[r["url"]] = dict(r) | {"pending": 0, "dead": 0, "delivered": 0, "oldest_pending": None}
        stmt = select(
            _d.c.endpoint,
            func.count().filter(_pending()).label("pending"),
            func.count().filter(_d.c.dead.is_(True)).label("dead"),
            func.count().filter(_d.c.delivered_at.is_not(None)).label("delivered"),
            func.min(_d.c.created_at).filter(_pending()).label("oldest_pending"),
        ).group_by(_d.c.endpoint)
        for r in conn.execute(stmt).mappings():
            base = out.setdefault(
                r["endpoint"],
                {
                    "url": r["endpoint"],
                    "disabled_reason": None,
                    "disabled_at": None,
                    "last_success_at": None,
                    "last_failure_at": None,
                    "last_error": None,
                },
            )
            base |= {
                "pending": r["pending"],
                "dead": r["dead"],
                "delivered": r["delivered"],
                "oldest_pending": r["oldest_pending"],
            }
    return out
