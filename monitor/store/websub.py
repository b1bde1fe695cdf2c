"""WebSub subscriptions: one row per feed whose hub we subscribe at (secret, lease, next request)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from monitor.model import StoredFeed, Subscription
from monitor.store import schema as t
from monitor.store.feeds import _stored


def _subscription(r: Any) -> Subscription:
    return Subscription(
        id=r.id, feed_id=r.feed_id, hub=r.hub, topic=r.topic, secret=r.secret, mode=r.mode,
        verified_at=r.verified_at, lease_until=r.lease_until, next_attempt_at=r.next_attempt_at,
        last_error=r.last_error, feed_removed=bool(r.removed),
    )


def _select() -> Any:
    s, f = t.websub_subscriptions, t.feeds
    return select(s, f.c.removed).join(f, f.c.id == s.c.feed_id)


def note_hub(conn: Connection, feed_id: int, hub: str, topic: str, secret: str, now: datetime) -> bool:
    """Want a subscription of ``feed_id`` at ``hub`` for ``topic``: a new row (with ``secret``),
    or the row moved to a new hub or topic (subscribed afresh); True when something changed."""
    s = t.websub_subscriptions
    row = conn.execute(select(s).where(s.c.feed_id == feed_id)).first()
    fresh = {"hub": hub, "topic": topic, "mode": "subscribe", "verified_at": None,
             "lease_until": None, "next_attempt_at": now, "last_error": None}
    if row is None:
        conn.execute(insert(s).values(feed_id=feed_id, secret=secret, created_at=now, **fresh))
        return True
    if (row.hub, row.topic, row.mode) != (hub, topic, "subscribe"):
        conn.execute(update(s).where(s.c.id == row.id).values(secret=secret, **fresh))
        return True
    return False


def due(conn: Connection, now: datetime) -> list[Subscription]:
    """Subscriptions with a request to make now, and those of removed feeds still subscribed."""
    s, f = t.websub_subscriptions, t.feeds
    rows = conn.execute(
        _select().where(or_(s.c.next_attempt_at <= now, (f.c.removed.is_(True)) & (s.c.mode == "subscribe")))
        .order_by(s.c.id)
    )
    return [_subscription(r) for r in rows]


def get(conn: Connection, subscription_id: int) -> Subscription | None:
    s = t.websub_subscriptions
    row = conn.execute(_select().where(s.c.id == subscription_id)).first()
    return _subscription(row) if row is not None else None


def set_fields(conn: Connection, subscription_id: int, **values: Any) -> None:
    s = t.websub_subscriptions
    conn.execute(update(s).where(s.c.id == subscription_id).values(**values))


def remove(conn: Connection, subscription_id: int) -> None:
    s = t.websub_subscriptions
    conn.execute(delete(s).where(s.c.id == subscription_id))


def feed(conn: Connection, feed_id: int) -> StoredFeed | None:
    """A feed's row as the poller reads it (for a pushed body); None when it is gone."""
    f = t.feeds
    row = conn.execute(select(f).where(f.c.id == feed_id, f.c.removed.is_(False))).first()
    return _stored(row) if row is not None else None
