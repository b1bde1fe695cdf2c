"""Workers: heartbeats (for `health`), their leases, and database upkeep."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text, update

from monitor.store import schema as t


def beat(
    conn: Connection,
    worker_id: str,
    *,
    hostname: str,
    pid: int,
    started_at: datetime,
    now: datetime,
    polled: bool = False,
    stopped: bool = False,
) -> None:
    """Record that a worker is alive (and when it last completed a poll, or that it stopped)."""
    h = t.heartbeats
    exists = conn.execute(select(h.c.worker_id).where(h.c.worker_id == worker_id)).first()
    values: dict[str, Any] = {"beat_at": now, "stopped_at": now if stopped else None}
    if polled:
        values["last_poll_at"] = now
    if exists:
        conn.execute(update(h).where(h.c.worker_id == worker_id).values(**values))
    else:
        conn.execute(
            insert(h).values(
                worker_id=worker_id, hostname=hostname, pid=pid, started_at=started_at, **values
            )
        )


def heartbeats(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(t.heartbeats))]


def lease_owners(conn: Connection) -> set[str]:
    """Every worker holding a lease on a feed or a delivery."""
    owners: set[str] = set()
    for table in (t.feeds, t.deliveries):
        q = select(table.c.lease_owner).where(table.c.lease_owner.is_not(None)).distinct()
        owners.update(r[0] for r in conn.execute(q))
    return owners


def release_worker(conn: Connection, worker_id: str) -> None:
    """Hand back every lease this worker holds (feeds and deliveries)."""
    for table in (t.feeds, t.deliveries):
        conn.execute(
            update(table)
            .where(table.c.lease_owner == worker_id)
            .values(lease_owner=None, lease_until=None)
        )


def upkeep(engine: Engine) -> None:
    """SQLite's periodic upkeep: fresh planner statistics, and the WAL folded back into the file."""
    if engine.dialect.name != "sqlite":
        return
    # Outside any transaction (a checkpoint cannot run inside one): the raw connection.
    raw = engine.raw_connection()
    try:
        raw.execute("PRAGMA optimize")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


# Any fixed number: the PostgreSQL advisory lock id that serialises configuration syncs.
_CONFIG_SYNC_LOCK = 72_110_452


def config_sync_lock(conn: Connection) -> None:
    """Serialise configuration syncs across workers (PostgreSQL), until the transaction ends."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CONFIG_SYNC_LOCK})
