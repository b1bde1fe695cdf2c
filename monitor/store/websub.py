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


def note_hub(
    conn: Connection, feed_id: int, hub: str, topic: str, secret: str, now: datetime
) -> tuple[bool, list[str]]:
    """Want a subscription of ``feed_id`` at ``hub`` for ``topic``: a new row (with ``secret``),
    or a row we were leaving subscribed afresh. The feed's subscriptions at other hubs (or for
    another topic) are left: unsubscribed at their hub when they may be live there, dropped when
    they never were. Returns whether a subscription request is now wanted, and the hubs left."""
    s = t.websub_subscriptions
    rows = conn.execute(select(s).where(s.c.feed_id == feed_id).order_by(s.c.id)).all()
    wanted = next((r for r in rows if (r.hub, r.topic) == (hub, topic)), None)
    left: list[str] = []
    for r in rows:
        if r is wanted or r.mode != "subscribe":
            continue
        left.append(r.hub)
        if r.verified_at is None or r.lease_until is None or r.lease_until <= now:
            conn.execute(delete(s).where(s.c.id == r.id))  # nothing to undo at that hub
        else:
            conn.execute(update(s).where(s.c.id == r.id).values(mode="unsubscribe", next_attempt_at=now))
    fresh = {"hub": hub, "topic": topic, "mode": "subscribe", "verified_at": None,
             "lease_until": None, "next_attempt_at": now, "last_error": None}
    if wanted is None:
        conn.execute(insert(s).values(feed_id=feed_id, secret=secret, created_at=now, **fresh))
        return True, left
    if wanted.mode != "subscribe":
        conn.execute(update(s).where(s.c.id == wanted.id).values(secret=secret, **fresh))
        return True, left
    return False, left


def _due(now: datetime) -> Any:
    """A subscription with a request due: its next attempt has come, or its feed was removed
    while it is still subscribed."""
    s, f = t.websub_subscriptions, t.feeds
    return or_(s.c.next_attempt_at <= now, (f.c.removed.is_(True)) & (s.c.mode == "subscribe"))


def any_due(conn: Connection, now: datetime) -> bool:
    return conn.execute(_select().where(_due(now)).limit(1)).first() is not None


def claim_due(conn: Connection, now: datetime, hold_until: datetime, *, lock_rows: bool) -> list[Subscription]:
    """Take the subscriptions with a request to make now, and those of removed feeds still
    subscribed: each is held (its next attempt moved to ``hold_until``, a removed feed's row
    marked for unsubscription) so that no other worker makes the same request. ``lock_rows``
    (PostgreSQL): skip rows another worker is taking at this moment. Returns the rows as they
    were before."""
    s = t.websub_subscriptions
    q = _select().where(_due(now)).order_by(s.c.id)
    if lock_rows:
        q = q.with_for_update(skip_locked=True, of=s)
    subs = [_subscription(r) for r in conn.execute(q)]
    if subs:
        ids = [x.id for x in subs]
        conn.execute(update(s).where(s.c.id.in_(ids)).values(next_attempt_at=hold_until))
        gone = [x.id for x in subs if x.feed_removed]
        if gone:
            conn.execute(update(s).where(s.c.id.in_(gone)).values(mode="unsubscribe"))
    return subs


def by_feed(conn: Connection) -> dict[int, list[Subscription]]:
    """Every feed's subscriptions (the current one first, then those being left)."""
    s = t.websub_subscriptions
    out: dict[int, list[Subscription]] = {}
    for r in conn.execute(_select().order_by(s.c.feed_id, s.c.mode, s.c.id)):
        out.setdefault(r.feed_id, []).append(_subscription(r))
    return out


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
