"""Items: storing the new ones of a poll (dedup by key, syndicated copies linked to their story)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Connection, and_, delete, func, or_, select, union_all, update

from monitor.model import Item, NewItem
from monitor.store import schema as t
from monitor.store.bulk import Built, Statements, bind, convert_one, in_binds, insert_values, same

_ITEM_COLUMNS = (
    "feed_id", "guid", "link", "title", "summary", "source", "published_at", "fetched_at",
    "dedup_key", "link_key", "title_key", "copies", "language", "script", "link_proof",
)
_ITEM_PUBLISHED = _ITEM_COLUMNS.index("published_at")
_ITEM_FETCHED = _ITEM_COLUMNS.index("fetched_at")
# Converted by insert_new_items itself; any other column goes through Prepared.convert.
_ITEM_CONVERTED = frozenset({_ITEM_PUBLISHED, _ITEM_FETCHED})
# Rows per INSERT ... RETURNING: 15 x 64 parameters stay under SQLite's old limit of 999.
_INSERT_ROWS = 64

# A story's key parts: (dedup key, link key, title key).
_Keys = tuple[str, str | None, str | None]


def story_key(dedup_key: str, link_key: str | None, title_key: str | None) -> str:
    """Copies of one story share this key: the canonical link, else the title, else the item."""
    return link_key or title_key or dedup_key


def _items_insert(rows: int) -> Built:
    stmt, names = insert_values(t.items, _ITEM_COLUMNS, rows)
    return stmt.returning(t.items.c.id, t.items.c.dedup_key), names


def _aliases_insert() -> Built:
    return insert_values(t.item_keys, ("dedup_key", "item_id"), 1)


def _copies_update() -> Built:
    i = t.items
    stmt = (
        update(i)
        .where(i.c.id == bind(i.c.id, "p_id"))
        .values(copies=i.c.copies + bind(i.c.copies, "p_n"))
    )
    return stmt, ["p_id", "p_n"]


def _known_lookup(n: int) -> Built:
    """Dedup keys already stored, as an item or as an alias of one."""
    i, k = t.items, t.item_keys
    binds, names = in_binds(i.c.dedup_key, n)
    stmt = union_all(
        select(i.c.dedup_key).where(i.c.dedup_key.in_(binds)),
        select(k.c.dedup_key).where(k.c.dedup_key.in_(binds)),
    )
    return stmt, names


def _links_lookup(n: int) -> Built:
    i = t.items
    binds, names = in_binds(i.c.link_key, n)
    return select(i.c.id, i.c.link_key).where(i.c.link_key.in_(binds)), names


def _titles_lookup(n: int) -> Built:
    """Items of these title keys fetched since ``since`` (the dedup window)."""
    i = t.items
    binds, names = in_binds(i.c.title_key, n)
    since = bind(i.c.fetched_at, "since")
    return select(i.c.id, i.c.title_key).where(i.c.title_key.in_(binds), i.c.fetched_at >= since), [
        *names, "since"
    ]


class _Stories:
    """The stories (item ids) known by link key and by title key, stored or stored by this poll."""

    def __init__(self) -> None:
        self.by_link: dict[str, int] = {}
        self.by_title: dict[str, int] = {}

    def of(self, lk: str | None, tk: str | None) -> int | None:
        return (self.by_link.get(lk) if lk else None) or (self.by_title.get(tk) if tk else None)

    def add(self, item_id: int, lk: str | None, tk: str | None) -> None:
        if lk:
            self.by_link.setdefault(lk, item_id)
        if tk:
            self.by_title.setdefault(tk, item_id)


def _first_unknown(
    conn: Connection, sql: Statements, found: Sequence[Item]
) -> dict[str, Item]:
    """The first item of each dedup key not stored before (as an item or an alias)."""
    first: dict[str, Item] = {}
    for it in found:
        if it.dedup_key and it.dedup_key not in first:
            first[it.dedup_key] = it
    if not first:
        return {}
    known = {key for (key,) in sql.lookup(conn, "known", _known_lookup, list(first))}
    return {key: it for key, it in first.items() if key not in known}


def _stored_stories(
    conn: Connection, sql: Statements, fresh: dict[str, Item], since: datetime
) -> _Stories:
    stories = _Stories()
    links = list({it.link_key: None for it in fresh.values() if it.link_key})
    titles = list({it.title_key: None for it in fresh.values() if it.title_key})
    if links:
        for item_id, lk in sql.lookup(conn, "links", _links_lookup, links):
            stories.by_link[lk] = item_id
    if titles:
        for item_id, tk in sql.lookup(conn, "titles", _titles_lookup, titles, since):
            stories.by_title[tk] = item_id
    return stories


def insert_new_items(
    conn: Connection,
    sql: Statements,
    feed_id: int,
    found: Sequence[Item],
    now: datetime,
    dedup_window: float,
    fetched_at: datetime | None = None,
) -> list[NewItem]:
    """Store the items not seen before (``fetched_at``: when the poll read them; default now).

    A copy of a known story (same canonical link, or same title from the same source within
    the dedup window) is not stored again: its key is recorded as an alias of the story, so
    the next poll knows it, and the story's ``copies`` count goes up once.
    """
    fresh = _first_unknown(conn, sql, found)
    if not fresh:
        return []
    stories = _stored_stories(conn, sql, fresh, now - timedelta(seconds=dedup_window))
    one = sql.get(("items", 1), partial(_items_insert, 1))
    published = one.procs[_ITEM_PUBLISHED] or same
    # One time for all, converted once.
    fetched = convert_one(one.procs[_ITEM_FETCHED], fetched_at or now)
    rows: list[tuple[Any, ...]] = []  # in _ITEM_COLUMNS order, bind values
    row_keys: list[_Keys] = []
    copies: list[_Keys] = []  # resolved after the insert
    batch = _Stories()  # stories of this poll's new items (ids unknown yet: 0)
    for key, it in fresh.items():
        lk, tk = it.link_key, it.title_key
        if batch.of(lk, tk) is not None or stories.of(lk, tk) is not None:
            copies.append((key, lk, tk))
            continue
        batch.add(0, lk, tk)
        rows.append((feed_id, it.guid or None, it.link or None, it.title, it.summary, it.source,
                     published(it.published_at), fetched, key, lk, tk, 1, it.language or None,
                     it.script or None, it.link_proof or None))
        row_keys.append((key, lk, tk))
    new_items: list[NewItem] = []
    if rows:
        ids = _insert_rows(conn, sql, one.convert(rows, done=_ITEM_CONVERTED))
        for key, lk, tk in row_keys:
            stories.add(ids[key], lk, tk)
            new_items.append(NewItem(ids[key], fresh[key], story_key(key, lk, tk)))
    _link_copies(conn, sql, copies, stories)
    return new_items


def _insert_rows(conn: Connection, sql: Statements, values: list[tuple[Any, ...]]) -> dict[str, int]:
    """Multi-row INSERT ... RETURNING in chunks; the new ids by dedup key."""
    ids: dict[str, int] = {}
    for start in range(0, len(values), _INSERT_ROWS):
        chunk = values[start : start + _INSERT_ROWS]
        n = len(chunk)
        p = sql.get(("items", n), partial(_items_insert, n))
        # RETURNING's row order is not promised: map the ids by dedup key.
        ids.update((key, item_id) for item_id, key in p.execute(conn, chunk))
    return ids


def _link_copies(conn: Connection, sql: Statements, copies: list[_Keys], stories: _Stories) -> None:
    """Record copies' keys as aliases of their story and count them on it."""
    aliases: list[tuple[Any, ...]] = []
    bumps: Counter[int] = Counter()  # item id -> copies found now (dict order: first seen)
    for key, lk, tk in copies:
        item_id = stories.of(lk, tk)
        if item_id is not None:
            aliases.append((key, item_id))
            bumps[item_id] += 1
    if bumps:
        # One statement for all the stories: copies + n, as n single increments would.
        p = sql.get("copies", _copies_update)
        p.executemany(conn, p.convert([(item_id, n) for item_id, n in bumps.items()]))
    if aliases:
        p = sql.get("aliases", _aliases_insert)
        p.executemany(conn, p.convert(aliases))


def count_items(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(t.items)).scalar_one()


def delete_unmatched_before(conn: Connection, cutoff: datetime) -> int:
    """Delete items fetched before ``cutoff`` that never matched a claim (retention).

    Matched items are evidence of a status history and are kept.
    """
    i, e = t.items, t.evidence
    result = conn.execute(
        delete(i).where(
            and_(i.c.fetched_at < cutoff, ~select(e.c.id).where(e.c.item_id == i.c.id).exists())
        )
    )
    return result.rowcount or 0


def stored_since(
    conn: Connection, since: datetime, after: tuple[datetime, int] | None, limit: int
) -> list[tuple[NewItem, str, str | None, bool, datetime]]:
    """Items fetched since ``since``, in publication order (fetch time where there is none),
    ``limit`` at a time after the position ``after``: each as (NewItem, its feed's URL, the
    feed's declared source, whether the feed is an aggregator, its position)."""
    i, f = t.items, t.feeds
    when = func.coalesce(i.c.published_at, i.c.fetched_at)
    q = (
        select(i, when.label("at"), f.c.url.label("feed_url"), f.c.source.label("feed_source"),
               f.c.aggregator.label("feed_aggregator"))
        .outerjoin(f, f.c.id == i.c.feed_id)
        .where(i.c.fetched_at >= since)
        .order_by(when, i.c.id)
        .limit(limit)
    )
    if after is not None:
        q = q.where(or_(when > after[0], and_(when == after[0], i.c.id > after[1])))
    out = []
    for r in conn.execute(q):
        item = Item(
            title=r.title, summary=r.summary, link=r.link or "", source=r.source, guid=r.guid or "",
            published_at=r.published_at, dedup_key=r.dedup_key, link_key=r.link_key,
            title_key=r.title_key, language=r.language or "", script=r.script or "",
            link_proof=r.link_proof or "",
        )
        story = story_key(r.dedup_key, r.link_key, r.title_key)
        at = r.at if r.at.tzinfo else r.at.replace(tzinfo=since.tzinfo)
        out.append((NewItem(r.id, item, story), r.feed_url or "", r.feed_source, bool(r.feed_aggregator), at))
    return out
