"""The queries: feeds (due, leased, updated), items (dedup), evidence, status changes + outbox.

Everything the service knows lives behind this module; the rest of the code sees plain values.
"""

from __future__ import annotations

import json
import os
import socket
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import chain
from json.encoder import encode_basestring_ascii
from typing import Any

from sqlalchemy import (
    ClauseElement,
    Column,
    Connection,
    Dialect,
    Engine,
    Table,
    and_,
    bindparam,
    func,
    insert,
    null,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.sql.compiler import SQLCompiler

from monitor.model import (
    EvidenceView,
    FeedRow,
    FeedUpdate,
    Item,
    MatchKind,
    SourceTier,
    Stance,
    Status,
)
from monitor.settings import LoadedSettings
from monitor.store import schema as t
from monitor.store.db import open_engine

# Any fixed number: the PostgreSQL advisory lock id that serialises configuration syncs.
_CONFIG_SYNC_LOCK = 72_110_452


def utcnow() -> datetime:
    return datetime.now(UTC)


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True, slots=True)
class NewItem:
    id: int
    item: Item
    story_key: str


@dataclass(frozen=True, slots=True)
class EvidenceDraft:
    """A match of one new item to one claim, ready to store."""

    claim_id: str
    item_id: int
    score: float
    kind: MatchKind
    stance: Stance
    stance_confidence: float
    cues: tuple[str, ...]
    matched_terms: tuple[str, ...]
    why: str
    source: str
    source_tier: SourceTier


@dataclass(frozen=True, slots=True)
class RecordedChange:
    id: int
    claim_id: str
    claim_text: str
    from_status: str
    to_status: str
    reason: str
    at: datetime
    actor: str
    evidence: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim_id": self.claim_id,
            "claim": self.claim_text,
            "from": self.from_status,
            "to": self.to_status,
            "at": self.at.isoformat(),
            "reason": self.reason,
            "actor": self.actor,
            "evidence": list(self.evidence),
        }


def _decisive(stance: Stance, tier: SourceTier) -> bool:
    return stance is not Stance.REPORTS and tier is not SourceTier.OTHER


def story_key(dedup_key: str, link_key: str | None, title_key: str | None) -> str:
    """Copies of one story share this key: the canonical link, else the title, else the item."""
    return link_key or title_key or dedup_key


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.is_postgres = engine.dialect.name == "postgresql"
        # The write path's statements, compiled once for this engine's dialect (see _Prepared).
        self._prepared: dict[Hashable, _Prepared] = {}
        self._json_values: dict[int, dict[tuple[str, ...], Any]] = {}  # column -> see _json
        self._json_fast: dict[int, bool] = {}  # column -> its processor is json.dumps

    @classmethod
    def open(cls, url: str) -> Store:
        return cls(open_engine(url))

    def close(self) -> None:
        self.engine.dispose()

    # ---- configuration -> database -------------------------------------------------------

    def sync_config(self, loaded: LoadedSettings, now: datetime | None = None) -> None:
        """Make the claims and feeds tables match the configuration (history is kept)."""
        now = now or utcnow()
        s = loaded.settings
        with self.engine.begin() as conn:
            if self.is_postgres:
                # Workers starting together would insert the same rows; one syncs at a time.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CONFIG_SYNC_LOCK})
            existing = {r.id: r for r in conn.execute(select(t.claims))}
            wanted = {c.id: c for c in s.claims}
            for cid, c in wanted.items():
                values = {
                    "text": c.text,
                    "aliases": list(c.aliases),
                    "require": [list(g) for g in c.require],
                    "official_sources": list(c.official_sources),
                    "archived": False,
                }
                row = existing.get(cid)
                if row is None:
                    conn.execute(
                        insert(t.claims).values(
                            id=cid, status=Status.UNVERIFIED.value, status_since=now,
                            pinned=False, created_at=now, **values,
                        )
                    )
                elif any(getattr(row, k) != v for k, v in values.items()):
                    conn.execute(update(t.claims).where(t.claims.c.id == cid).values(**values))
            for cid, row in existing.items():
                if cid not in wanted and not row.archived:
                    conn.execute(update(t.claims).where(t.claims.c.id == cid).values(archived=True))

            feeds = {r.config_url: r for r in conn.execute(select(t.feeds))}
            wanted_feeds = {f.url: f for f in s.feeds}
            for url, f in wanted_feeds.items():
                values = {
                    "source": f.source,
                    "interval": f.interval,
                    "min_interval": f.min_interval,
                    "max_interval": f.max_interval,
                    "removed": False,
                }
                row = feeds.get(url)
                if row is None:
                    conn.execute(
                        insert(t.feeds).values(
                            config_url=url, url=url, next_poll_at=now, error_count=0,
                            failing=False, created_at=now, **values,
                        )
                    )
                elif any(getattr(row, k) != v for k, v in values.items()):
                    conn.execute(update(t.feeds).where(t.feeds.c.id == row.id).values(**values))
            for url, row in feeds.items():
                if url not in wanted_feeds and not row.removed:
                    conn.execute(update(t.feeds).where(t.feeds.c.id == row.id).values(removed=True))

    # ---- feeds -----------------------------------------------------------------------------

    def _feed_row(self, r: Any, loaded: LoadedSettings) -> FeedRow:
        p = loaded.settings.polling
        lo = r.min_interval or p.min_interval
        hi = r.max_interval or p.max_interval
        return FeedRow(
            id=r.id,
            url=r.url,
            config_url=r.config_url,
            source=r.source,
            interval=min(max(r.interval or p.interval, lo), hi),
            min_interval=lo,
            max_interval=max(hi, lo),
            etag=r.etag,
            last_modified=r.last_modified,
            body_hash=r.body_hash,
            current_interval=r.current_interval,
            error_count=r.error_count,
            failing=r.failing,
            last_success_at=r.last_success_at,
        )

    def lease_due_feeds(
        self,
        loaded: LoadedSettings,
        *,
        worker_id: str,
        now: datetime | None = None,
        include_not_due: bool = False,
        limit: int | None = None,
        lease_seconds: float | None = None,
    ) -> list[FeedRow]:
        """Take the feeds due now (or all, with include_not_due) under a lease for this worker.

        A lease keeps other workers off a feed while it is being polled; an expired lease (a
        crashed worker) lets anyone take the feed over.
        """
        now = now or utcnow()
        lease_for = timedelta(seconds=lease_seconds or loaded.settings.daemon.lease)
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
        if self.is_postgres:
            q = q.with_for_update(skip_locked=True, of=f)
        with self.engine.begin() as conn:
            rows = list(conn.execute(q))
            if rows:
                conn.execute(
                    update(f)
                    .where(f.c.id.in_([r.id for r in rows]))
                    .values(lease_owner=worker_id, lease_until=now + lease_for)
                )
        return [self._feed_row(r, loaded) for r in rows]

    def release_feeds(self, feed_ids: Iterable[int], worker_id: str) -> None:
        ids = list(feed_ids)
        if not ids:
            return
        with self.engine.begin() as conn:
            conn.execute(
                update(t.feeds)
                .where(t.feeds.c.id.in_(ids), t.feeds.c.lease_owner == worker_id)
                .values(lease_owner=None, lease_until=None)
            )

    def release_worker(self, worker_id: str) -> None:
        """Hand back every lease this worker holds (feeds and deliveries)."""
        with self.engine.begin() as conn:
            for table in (t.feeds, t.deliveries):
                conn.execute(
                    update(table)
                    .where(table.c.lease_owner == worker_id)
                    .values(lease_owner=None, lease_until=None)
                )

    def _write_feed_updates(self, conn: Connection, updates: Sequence[tuple[int, FeedUpdate]]) -> None:
        """One executemany per kind (succeeded or not) with a statement compiled once."""
        for succeeded in (True, False):
            rows = [_feed_update_params(fid, u) for fid, u in updates if u.succeeded is succeeded]
            if rows:
                p = self._prep(("feed_update", succeeded), partial(_feed_update_statement, succeeded))
                p.executemany(conn, p.convert(rows))

    def save_feed_states(self, updates: Sequence[tuple[int, FeedUpdate]]) -> None:
        """The new state of feeds whose poll brought no items (304, same body, errors).

        All of them in one transaction: each row is the whole outcome of its feed's poll, so the
        batch is all-or-nothing and no feed is ever half written.
        """
        if not updates:
            return
        with self.engine.begin() as conn:
            self._write_feed_updates(conn, updates)

    def feeds_overview(self) -> list[dict[str, Any]]:
        f, i = t.feeds, t.items
        counts = select(i.c.feed_id, func.count().label("n")).group_by(i.c.feed_id).subquery()
        q = (
            select(f, func.coalesce(counts.c.n, 0).label("items"))
            .outerjoin(counts, counts.c.feed_id == f.c.id)
            .where(f.c.removed.is_(False))
            .order_by(f.c.id)
        )
        with self.engine.connect() as conn:
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
                }
                for r in conn.execute(q)
            ]

    # ---- items -----------------------------------------------------------------------------

    def _prep(self, key: Hashable, build: Callable[[], tuple[ClauseElement, Sequence[str]]]) -> _Prepared:
        """The statement ``build`` makes, compiled for this engine the first time it is asked for."""
        p = self._prepared.get(key)
        if p is None:
            stmt, names = build()
            p = self._prepared[key] = _Prepared(stmt, names, self.engine.dialect)
        return p

    def _lookup(
        self, conn: Connection, kind: str, keys: Sequence[str], *extra: Any
    ) -> list[Any]:
        """Rows of the ``kind`` lookup (see ``_LOOKUPS``) for ``keys``, in chunks padded to one
        of a few sizes by repeating the last key (a repeat in IN (...) changes nothing): a
        handful of compiled statements serve any number of keys."""
        out: list[Any] = []
        for start in range(0, len(keys), _IN_SIZES[-1]):
            chunk = list(keys[start : start + _IN_SIZES[-1]])
            n = next(size for size in _IN_SIZES if size >= len(chunk))
            chunk += [chunk[-1]] * (n - len(chunk))
            p = self._prep((kind, n), partial(_LOOKUPS[kind], n))
            (values,) = p.convert([(*chunk, *extra)])
            out.extend(p.execute(conn, [values]))
        return out

    def _insert_new_items(
        self,
        conn: Connection,
        feed_id: int,
        found: Sequence[Item],
        now: datetime,
        dedup_window: float,
    ) -> list[NewItem]:
        """Store the items not seen before.

        A copy of a known story (same canonical link, or same title from the same source within
        the dedup window) is not stored again: its key is recorded as an alias of the story, so
        the next poll knows it, and the story's ``copies`` count goes up once.
        """
        from monitor.ingest.normalise import link_key, title_key

        first: dict[str, Item] = {}
        for it in found:
            if it.dedup_key and it.dedup_key not in first:
                first[it.dedup_key] = it
        if not first:
            return []
        known = {key for (key,) in self._lookup(conn, "known", list(first))}
        # The link and title keys only of items not seen before: on a changed feed most are known.
        fresh = {
            key: (it, link_key(it.link), title_key(it.source, it.title))
            for key, it in first.items()
            if key not in known
        }
        if not fresh:
            return []
        links = list({lk: None for _, lk, _ in fresh.values() if lk})
        titles = list({tk: None for _, _, tk in fresh.values() if tk})
        # Stories already stored (or stored by this poll, below): item id by link and by title key.
        by_link: dict[str, int] = {}
        by_title: dict[str, int] = {}
        if links:
            for item_id, lk in self._lookup(conn, "links", links):
                by_link[lk] = item_id
        if titles:
            since = now - timedelta(seconds=dedup_window)
            for item_id, tk in self._lookup(conn, "titles", titles, since):
                by_title[tk] = item_id

        def story_of(lk: str | None, tk: str | None) -> int | None:
            return (by_link.get(lk) if lk else None) or (by_title.get(tk) if tk else None)

        one = self._prep(("items", 1), partial(_items_insert, 1))
        published = one.procs[_ITEM_PUBLISHED] or _same
        fetched = _convert(one.procs[_ITEM_FETCHED], now)  # one time for all: converted once
        rows: list[tuple[Any, ...]] = []  # in _ITEM_COLUMNS order, bind values
        row_keys: list[tuple[str, str | None, str | None]] = []  # each row's dedup, link, title key
        copies: list[tuple[str, str | None, str | None]] = []  # resolved after the insert
        batch_links: set[str] = set()  # stories of this poll's new items
        batch_titles: set[str] = set()
        for key, (it, lk, tk) in fresh.items():
            in_batch = (lk and lk in batch_links) or (tk and tk in batch_titles)
            if in_batch or story_of(lk, tk) is not None:
                copies.append((key, lk, tk))
                continue
            if lk:
                batch_links.add(lk)
            if tk:
                batch_titles.add(tk)
            rows.append((feed_id, it.guid or None, it.link or None, it.title, it.summary, it.source,
                         published(it.published_at), fetched, key, lk, tk, 1))
            row_keys.append((key, lk, tk))
        new_items: list[NewItem] = []
        if rows:
            ids: dict[str, int] = {}
            values = one.convert(rows, done=_ITEM_CONVERTED)
            for start in range(0, len(values), _INSERT_ROWS):
                chunk = values[start : start + _INSERT_ROWS]
                n = len(chunk)
                p = self._prep(("items", n), partial(_items_insert, n))
                # RETURNING's row order is not promised: map the ids by dedup key.
                ids.update((key, item_id) for item_id, key in p.execute(conn, chunk))
            for key, lk, tk in row_keys:
                item_id = ids[key]
                if lk:
                    by_link.setdefault(lk, item_id)
                if tk:
                    by_title.setdefault(tk, item_id)
                new_items.append(NewItem(item_id, fresh[key][0], story_key(key, lk, tk)))
        aliases: list[tuple[Any, ...]] = []
        bumps: Counter[int] = Counter()  # item id -> copies found now (dict order: first seen)
        for key, lk, tk in copies:
            item_id = story_of(lk, tk)
            if item_id is not None:
                aliases.append((key, item_id))
                bumps[item_id] += 1
        if bumps:
            # One statement for all the stories: copies + n, as n single increments would.
            p = self._prep("copies", _copies_update)
            p.executemany(conn, p.convert([(item_id, n) for item_id, n in bumps.items()]))
        if aliases:
            p = self._prep("aliases", _aliases_insert)
            p.executemany(conn, p.convert(aliases))
        return new_items

    def count_items(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(t.items)).scalar_one()

    # ---- one polled feed, in one transaction --------------------------------------------------

    def save_poll(
        self,
        feed_id: int,
        update_: FeedUpdate,
        found: Sequence[Item],
        *,
        assess: Any,
        decide: Any,
        outbox: Any = None,
        dedup_window: float,
        now: datetime | None = None,
    ) -> tuple[list[NewItem], list[EvidenceDraft], list[RecordedChange]]:
        """Write a feed's new state, its new items, their evidence and any status changes.

        One transaction: a crash leaves either all of it or none of it, so nothing is half
        processed. ``assess(new_items) -> [EvidenceDraft]`` and ``decide(claim_row, evidence)
        -> Decision | None`` are the pure judge; ``outbox(conn, change)`` writes the alert rows
        for a change in the same transaction.
        """
        now = now or utcnow()
        with self.engine.begin() as conn:
            self._write_feed_updates(conn, [(feed_id, update_)])
            return self._save_one(conn, feed_id, found, assess, decide, outbox, dedup_window, now)

    def save_polls(
        self,
        polls: Sequence[tuple[int, FeedUpdate, Sequence[Item], Any]],
        *,
        decide: Any,
        outbox: Any = None,
        dedup_window: float,
        now: datetime | None = None,
    ) -> list[tuple[list[NewItem], list[EvidenceDraft], list[RecordedChange]]]:
        """``save_poll`` for several feeds ``(feed_id, update, found, assess)`` in ONE transaction.

        All or nothing: a crash or an error leaves none of them written. Feeds are processed in
        order, each seeing what the previous ones stored, exactly as one transaction per feed
        would; one commit instead of many is what makes it faster.
        """
        now = now or utcnow()
        with self.engine.begin() as conn:
            # The feeds' rows in one statement: nothing below reads them, and the transaction
            # commits them with the rest or not at all, as row by row would.
            self._write_feed_updates(conn, [(feed_id, update_) for feed_id, update_, _, _ in polls])
            return [
                self._save_one(conn, feed_id, found, assess, decide, outbox, dedup_window, now)
                for feed_id, _, found, assess in polls
            ]

    def _save_one(
        self,
        conn: Connection,
        feed_id: int,
        found: Sequence[Item],
        assess: Any,
        decide: Any,
        outbox: Any,
        dedup_window: float,
        now: datetime,
    ) -> tuple[list[NewItem], list[EvidenceDraft], list[RecordedChange]]:
        """A feed's items, evidence and status changes (its feed row is written by the caller)."""
        new_items = self._insert_new_items(conn, feed_id, found, now, dedup_window)
        drafts: list[EvidenceDraft] = assess(new_items) if new_items else []
        self._insert_evidence(conn, drafts, now)
        # Only decisive evidence (confirming or denying, from an official or trusted source)
        # can move a status; anything else is stored without judging the claim again.
        touched = sorted({d.claim_id for d in drafts if d.kind is MatchKind.MATCH and _decisive(d.stance, d.source_tier)})
        changes = self._judge_claims(conn, touched, decide, outbox, now)
        return new_items, drafts, changes

    def _insert_evidence(self, conn: Connection, drafts: Sequence[EvidenceDraft], now: datetime) -> None:
        if not drafts:
            return
        p = self._prep("evidence", _evidence_insert)
        procs = p.procs
        score, confidence = procs[_EV_SCORE] or _same, procs[_EV_CONFIDENCE] or _same
        at = _convert(procs[_EV_CREATED], now)  # the batch's time: converted once, not per row
        cues_json, terms_json = self._json(_EV_CUES, procs), self._json(_EV_TERMS, procs)
        value = _ENUM_VALUES
        rows = [  # in _EVIDENCE_COLUMNS order
            (
                d.claim_id, d.item_id, score(round(d.score, 2)), value[d.kind], value[d.stance],
                confidence(round(d.stance_confidence, 3)), cues_json(d.cues),
                terms_json(d.matched_terms), d.why, d.source, value[d.source_tier], at,
            )
            for d in drafts
        ]
        p.executemany(conn, p.convert(rows, done=_EV_CONVERTED))

    def _json(self, column: int, procs: Sequence[Processor | None]) -> Callable[[tuple[str, ...]], Any]:
        """A column's JSON bind value of a tuple of strings, remembered (matched term lists
        recur: in the bench, one distinct list per eight rows), and for lists of plain strings
        written without json.dumps' per-call encoder when that gives the same text."""
        proc = procs[column] or _same
        fast = self._json_fast.get(column)
        if fast is None:
            fast = self._json_fast[column] = _dumps_strings_matches(proc)
        cache = self._json_values.setdefault(column, {})

        def convert(value: tuple[str, ...]) -> Any:
            out = cache.get(value)
            if out is None:
                if len(cache) >= _JSON_CACHE:
                    cache.clear()
                plain = fast and all(type(x) is str for x in value)
                out = cache[value] = _dumps_strings(value) if plain else proc(list(value))
            return out

        return convert

    def _lock_claim(self, conn: Connection, claim_id: str) -> Any:
        # On PostgreSQL FOR UPDATE serialises decisions on one claim across workers: two never
        # record the same change.
        q = _CLAIM_FOR_UPDATE if self.is_postgres else _CLAIM
        return conn.execute(q, {"claim_id": claim_id}).one_or_none()

    def _lock_claims(self, conn: Connection, claim_ids: Sequence[str]) -> dict[str, Any]:
        """The claims' rows by id; on PostgreSQL locked FOR UPDATE, in id order (as ``sorted``
        orders them: collation "C"), so that workers deciding on the same claims never deadlock
        and two never record the same change."""
        q = _CLAIMS_FOR_UPDATE if self.is_postgres else _CLAIMS
        return {r.id: r for r in conn.execute(q, {"claim_ids": list(claim_ids)})}

    def evidence_views(self, conn: Connection, claim_id: str) -> list[EvidenceView]:
        return self._evidence_views(conn, [claim_id]).get(claim_id, [])

    def _evidence_views(self, conn: Connection, claim_ids: Sequence[str]) -> dict[str, list[EvidenceView]]:
        """Each claim's decisive evidence, oldest first: one query for all the claims."""
        views: dict[str, list[EvidenceView]] = {}
        for r in conn.execute(_EVIDENCE_VIEWS, {"claim_ids": list(claim_ids)}):
            views.setdefault(r.claim_id, []).append(
                EvidenceView(
                    id=r.id,
                    source=r.source,
                    source_tier=SourceTier(r.source_tier),
                    stance=Stance(r.stance),
                    score=r.score,
                    title=r.title,
                    link=r.link or "",
                    published_at=r.published_at,
                    story_key=story_key(r.dedup_key, r.link_key, r.title_key),
                )
            )
        return views

    def _judge_claims(
        self, conn: Connection, claim_ids: Sequence[str], decide: Any, outbox: Any, now: datetime
    ) -> list[RecordedChange]:
        if not claim_ids:
            return []
        # All the claims locked first (a fixed order, see _lock_claims), then their evidence read
        # in one query: a change recorded for one claim touches no other claim's evidence, so
        # this decides exactly as locking and reading claim by claim, with two queries in all.
        claims = self._lock_claims(conn, claim_ids)
        live = [cid for cid in claim_ids if cid in claims and not claims[cid].archived]
        views = self._evidence_views(conn, live) if live else {}
        changes: list[RecordedChange] = []
        for claim_id in live:
            claim = claims[claim_id]
            decision = decide(claim, views.get(claim_id, []))
            if decision is None:
                continue
            changes.append(
                self._record_change(
                    conn, claim, decision.status.value, decision.reason,
                    decision.evidence_ids, "rules", outbox, now,
                )
            )
        return changes

    def _record_change(
        self,
        conn: Connection,
        claim: Any,
        to_status: str,
        reason: str,
        evidence_ids: Sequence[int],
        actor: str,
        outbox: Any,
        now: datetime,
        pin: bool | None = None,
    ) -> RecordedChange:
        result = conn.execute(
            insert(t.status_changes)
            .values(
                claim_id=claim.id,
                from_status=claim.status,
                to_status=to_status,
                reason=reason,
                evidence_ids=list(evidence_ids),
                at=now,
                actor=actor,
            )
            .returning(t.status_changes.c.id)
        )
        change_id = result.scalar_one()
        values: dict[str, Any] = {"status": to_status, "status_since": now}
        if pin is not None:
            values["pinned"] = pin
        conn.execute(update(t.claims).where(t.claims.c.id == claim.id).values(**values))
        ev = self._evidence_details(conn, evidence_ids)
        change = RecordedChange(
            id=change_id,
            claim_id=claim.id,
            claim_text=claim.text,
            from_status=claim.status,
            to_status=to_status,
            reason=reason,
            at=now,
            actor=actor,
            evidence=tuple(ev),
        )
        if outbox is not None:
            outbox(conn, change)
        return change

    def _evidence_details(self, conn: Connection, evidence_ids: Sequence[int]) -> list[dict[str, Any]]:
        if not evidence_ids:
            return []
        e, i = t.evidence, t.items
        q = (
            select(e, i.c.title, i.c.link, i.c.published_at)
            .join(i, i.c.id == e.c.item_id)
            .where(e.c.id.in_(list(evidence_ids)))
            .order_by(e.c.id)
        )
        return [
            {
                "id": r.id,
                "item_id": r.item_id,
                "title": r.title,
                "url": r.link,
                "source": r.source,
                "source_tier": r.source_tier,
                "stance": r.stance,
                "score": r.score,
                "published_at": r.published_at.isoformat() if r.published_at else None,
                "cues": r.cues,
                "matched_terms": r.matched_terms,
            }
            for r in conn.execute(q)
        ]

    # ---- manual decisions ---------------------------------------------------------------------

    def set_manual_status(
        self, claim_id: str, status: Status, reason: str, outbox: Any = None, now: datetime | None = None
    ) -> RecordedChange | None:
        """A person's verdict: recorded as a change and pinned until unpinned."""
        now = now or utcnow()
        with self.engine.begin() as conn:
            claim = self._lock_claim(conn, claim_id)
            if claim is None:
                raise KeyError(claim_id)
            if claim.status == status.value:
                conn.execute(update(t.claims).where(t.claims.c.id == claim_id).values(pinned=True))
                return None
            return self._record_change(
                conn, claim, status.value, f"set by hand: {reason}", (), "manual", outbox, now, pin=True
            )

    def unpin_and_rejudge(
        self, claim_id: str, decide: Any, outbox: Any = None, now: datetime | None = None
    ) -> RecordedChange | None:
        now = now or utcnow()
        with self.engine.begin() as conn:
            claim = self._lock_claim(conn, claim_id)
            if claim is None:
                raise KeyError(claim_id)
            conn.execute(update(t.claims).where(t.claims.c.id == claim_id).values(pinned=False))
            claim = self._lock_claim(conn, claim_id)
            changes = self._judge_claims(conn, [claim_id], decide, outbox, now)
        return changes[0] if changes else None

    def review_evidence(
        self, evidence_id: int, verdict: str, decide: Any, outbox: Any = None, now: datetime | None = None
    ) -> tuple[str, RecordedChange | None]:
        """Accept or reject a candidate (or any evidence); the claim is judged again."""
        now = now or utcnow()
        with self.engine.begin() as conn:
            claim_id = conn.execute(
                select(t.evidence.c.claim_id).where(t.evidence.c.id == evidence_id)
            ).scalar_one_or_none()
            if claim_id is None:
                raise KeyError(evidence_id)
            conn.execute(update(t.evidence).where(t.evidence.c.id == evidence_id).values(review=verdict))
            changes = self._judge_claims(conn, [claim_id], decide, outbox, now)
        return claim_id, (changes[0] if changes else None)

    # ---- reading --------------------------------------------------------------------------------

    def claims(self, include_archived: bool = False) -> list[dict[str, Any]]:
        c, e = t.claims, t.evidence
        counts = (
            select(e.c.claim_id, e.c.kind, func.count().label("n"))
            .group_by(e.c.claim_id, e.c.kind)
        )
        q = select(c).order_by(c.c.id)
        if not include_archived:
            q = q.where(c.c.archived.is_(False))
        with self.engine.connect() as conn:
            n: dict[tuple[str, str], int] = {(r.claim_id, r.kind): r.n for r in conn.execute(counts)}
            return [
                {
                    "id": r.id,
                    "text": r.text,
                    "status": r.status,
                    "since": r.status_since,
                    "pinned": bool(r.pinned),
                    "archived": bool(r.archived),
                    "evidence": n.get((r.id, "match"), 0),
                    "candidates": n.get((r.id, "review"), 0),
                }
                for r in conn.execute(q)
            ]

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(t.claims).where(t.claims.c.id == claim_id)).one_or_none()
        return dict(r._mapping) if r else None

    def history(self, claim_id: str | None = None) -> list[RecordedChange]:
        sc, c = t.status_changes, t.claims
        q = select(sc, c.c.text).join(c, c.c.id == sc.c.claim_id).order_by(sc.c.at, sc.c.id)
        if claim_id:
            q = q.where(sc.c.claim_id == claim_id)
        with self.engine.connect() as conn:
            return [
                RecordedChange(
                    id=r.id,
                    claim_id=r.claim_id,
                    claim_text=r.text,
                    from_status=r.from_status,
                    to_status=r.to_status,
                    reason=r.reason,
                    at=r.at,
                    actor=r.actor,
                    evidence=tuple(self._evidence_details(conn, r.evidence_ids or [])),
                )
                for r in conn.execute(q)
            ]

    def evidence_list(self, claim_id: str | None, kind: MatchKind | None = None) -> list[dict[str, Any]]:
        e, i = t.evidence, t.items
        q = select(e, i.c.title, i.c.link, i.c.published_at, i.c.copies).join(i, i.c.id == e.c.item_id)
        if claim_id:
            q = q.where(e.c.claim_id == claim_id)
        if kind is not None:
            q = q.where(e.c.kind == kind.value)
        q = q.order_by(e.c.id)
        with self.engine.connect() as conn:
            return [
                {
                    "id": r.id,
                    "claim_id": r.claim_id,
                    "item_id": r.item_id,
                    "title": r.title,
                    "url": r.link,
                    "source": r.source,
                    "source_tier": r.source_tier,
                    "published_at": r.published_at,
                    "score": r.score,
                    "kind": r.kind,
                    "stance": r.stance,
                    "stance_confidence": r.stance_confidence,
                    "cues": r.cues,
                    "matched_terms": r.matched_terms,
                    "why": r.why,
                    "review": r.review,
                    "copies": r.copies,
                    "at": r.created_at,
                }
                for r in conn.execute(q)
            ]


# ---- the write path's statements ----------------------------------------------------------------

Processor = Callable[[Any], Any]


def _convert(proc: Processor | None, value: Any) -> Any:
    return value if proc is None else proc(value)


def _same(value: Any) -> Any:
    return value


def _dumps_strings(values: Sequence[str]) -> str:
    """``json.dumps(list(values))`` for plain strings, without the encoder json.dumps builds
    on every call (most of its cost for a short list)."""
    return "[" + ", ".join(map(encode_basestring_ascii, values)) + "]"


# Strings a JSON encoder could treat differently: quotes, escapes, controls, non-ASCII.
_JSON_SAMPLES: tuple[tuple[str, ...], ...] = (
    (), ("",), ("term",), ('a "quoted" \\ word', "tab\tnew\nline\x00\x1f", "é ü ✓ 𝔸 \u2028", "</b>&'"),
)


def _dumps_strings_matches(proc: Processor) -> bool:
    """Whether a JSON bind processor writes lists of strings exactly as _dumps_strings does
    (the default serializer does; an engine configured with another one may not)."""
    try:
        return all(proc(list(v)) == _dumps_strings(v) for v in _JSON_SAMPLES)
    except Exception:  # noqa: BLE001 - any doubt: keep the processor
        return False


class _Prepared:
    """A statement compiled once for one dialect, run with plain tuples through exec_driver_sql.

    ``conn.execute(statement, [dict, ...])`` builds a parameter set and runs each column type's
    bind processor for every row; for the thousands of rows of a poll cycle that costs more CPU
    than the database's own work. Here a row is a tuple of ``names``' values, converted by
    ``convert`` with the very processors SQLAlchemy would use, so the stored values are the same;
    a value shared by many rows (the batch's time) can be converted once by the caller and left
    out. A multi-row INSERT (names ``column_row``) runs with the rows of its single-row form,
    each converted by that form.
    """

    __slots__ = ("sql", "names", "procs", "_order", "_named")

    def __init__(self, stmt: ClauseElement, names: Sequence[str], dialect: Dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)  # a DML or SELECT statement, never DDL
        self.sql: str = compiled.string
        self.names = tuple(names)
        binds = compiled.binds
        # Each parameter's bind processor, as SQLAlchemy would run it (None: the value as is).
        self.procs: tuple[Processor | None, ...] = tuple(
            binds[n].type.dialect_impl(dialect).bind_processor(dialect) for n in self.names
        )
        self._named = not dialect.positional
        self._order: tuple[int, ...] | None = None
        if self._named:
            unknown = set(binds) - set(self.names)
            if unknown:
                raise ValueError(f"statement parameters not given by the caller: {sorted(unknown)}")
        else:
            index = {n: k for k, n in enumerate(self.names)}
            order = tuple(index[n] for n in compiled.positiontup or ())  # KeyError: one not given
            if order != tuple(range(len(self.names))):
                self._order = order

    def convert(
        self, rows: Iterable[tuple[Any, ...]], done: frozenset[int] | set[int] = frozenset()
    ) -> list[tuple[Any, ...]]:
        """``rows`` with every value through its column's bind processor, but those at ``done``."""
        todo = [(k, p) for k, p in enumerate(self.procs) if p is not None and k not in done]
        if not todo:
            return list(rows)
        out: list[tuple[Any, ...]] = []
        for row in rows:
            values = list(row)
            for k, p in todo:
                values[k] = p(values[k])
            out.append(tuple(values))
        return out

    def _params(self, values: tuple[Any, ...]) -> tuple[Any, ...] | dict[str, Any]:
        if self._named:
            return dict(zip(self.names, values, strict=True))
        if self._order is None:
            return values
        return tuple([values[k] for k in self._order])

    def execute(self, conn: Connection, rows: Sequence[tuple[Any, ...]]) -> Any:
        """Run once with ``rows`` (converted): one row, or the rows of a multi-row INSERT."""
        values = rows[0] if len(rows) == 1 else tuple(chain.from_iterable(rows))
        if len(values) != len(self.names):
            raise ValueError(f"{len(values)} values for {len(self.names)} parameters")
        return conn.exec_driver_sql(self.sql, self._params(values))

    def executemany(self, conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        """Run once per row (converted), as one executemany."""
        if not rows:
            return
        params = rows if not self._named and self._order is None else [self._params(r) for r in rows]
        conn.exec_driver_sql(self.sql, params)


def _row_name(column: str, row: int) -> str:
    return f"{column}_{row}"


def _bind(column: Column[Any], name: str) -> Any:
    return bindparam(name, type_=column.type)


def _insert_values(table: Table, columns: Sequence[str], rows: int) -> tuple[Any, list[str]]:
    """INSERT INTO table (columns) VALUES (...) x rows; parameters named column_row."""
    values = [
        {c: _bind(table.c[c], _row_name(c, k)) for c in columns} for k in range(rows)
    ]
    names = [_row_name(c, k) for k in range(rows) for c in columns]
    # inline(): no implicit RETURNING of the new id (PostgreSQL would add one for one row).
    return insert(table).values(values).inline(), names


_ITEM_COLUMNS = (
    "feed_id", "guid", "link", "title", "summary", "source", "published_at", "fetched_at",
    "dedup_key", "link_key", "title_key", "copies",
)
_ITEM_PUBLISHED = _ITEM_COLUMNS.index("published_at")
_ITEM_FETCHED = _ITEM_COLUMNS.index("fetched_at")
# Converted by _insert_new_items itself; any other column goes through _Prepared.convert.
_ITEM_CONVERTED = frozenset({_ITEM_PUBLISHED, _ITEM_FETCHED})
# Rows per INSERT ... RETURNING: 12 x 64 parameters stay under SQLite's old limit of 999.
_INSERT_ROWS = 64


def _items_insert(rows: int) -> tuple[Any, list[str]]:
    stmt, names = _insert_values(t.items, _ITEM_COLUMNS, rows)
    return stmt.returning(t.items.c.id, t.items.c.dedup_key), names


_EVIDENCE_COLUMNS = (
    "claim_id", "item_id", "score", "kind", "stance", "stance_confidence", "cues",
    "matched_terms", "why", "source", "source_tier", "created_at",
)
_EV_SCORE = _EVIDENCE_COLUMNS.index("score")
_EV_CONFIDENCE = _EVIDENCE_COLUMNS.index("stance_confidence")
_EV_CUES = _EVIDENCE_COLUMNS.index("cues")
_EV_TERMS = _EVIDENCE_COLUMNS.index("matched_terms")
_EV_CREATED = _EVIDENCE_COLUMNS.index("created_at")
# Converted by _insert_evidence itself; any other column goes through _Prepared.convert.
_EV_CONVERTED = frozenset({_EV_SCORE, _EV_CONFIDENCE, _EV_CUES, _EV_TERMS, _EV_CREATED})
# JSON values remembered per column by Store._json before its cache starts over.
_JSON_CACHE = 8192
# Enum members' stored values: a dict lookup is cheaper than the .value descriptor.
_ENUM_VALUES: dict[Any, str] = {m: m.value for e in (MatchKind, Stance, SourceTier) for m in e}


def _evidence_insert() -> tuple[Any, list[str]]:
    return _insert_values(t.evidence, _EVIDENCE_COLUMNS, 1)


def _aliases_insert() -> tuple[Any, list[str]]:
    return _insert_values(t.item_keys, ("dedup_key", "item_id"), 1)


def _copies_update() -> tuple[Any, list[str]]:
    i = t.items
    stmt = (
        update(i)
        .where(i.c.id == _bind(i.c.id, "p_id"))
        .values(copies=i.c.copies + _bind(i.c.copies, "p_n"))
    )
    return stmt, ["p_id", "p_n"]


# Sizes of the IN (...) lists of lookups: keys are padded up to one of them, so that a few
# compiled statements serve every feed. 256 keys (twice, in "known") stay under 999 parameters.
_IN_SIZES = (4, 16, 64, 256)


def _in_binds(column: Column[Any], n: int) -> tuple[list[Any], list[str]]:
    names = [f"k{j}" for j in range(n)]
    return [_bind(column, name) for name in names], names


def _known_lookup(n: int) -> tuple[Any, list[str]]:
    """Dedup keys already stored, as an item or as an alias of one."""
    i, k = t.items, t.item_keys
    binds, names = _in_binds(i.c.dedup_key, n)
    stmt = union_all(
        select(i.c.dedup_key).where(i.c.dedup_key.in_(binds)),
        select(k.c.dedup_key).where(k.c.dedup_key.in_(binds)),
    )
    return stmt, names


def _links_lookup(n: int) -> tuple[Any, list[str]]:
    i = t.items
    binds, names = _in_binds(i.c.link_key, n)
    return select(i.c.id, i.c.link_key).where(i.c.link_key.in_(binds)), names


def _titles_lookup(n: int) -> tuple[Any, list[str]]:
    """Items of these title keys fetched since ``since`` (the dedup window)."""
    i = t.items
    binds, names = _in_binds(i.c.title_key, n)
    since = _bind(i.c.fetched_at, "since")
    return select(i.c.id, i.c.title_key).where(i.c.title_key.in_(binds), i.c.fetched_at >= since), [
        *names, "since"
    ]


_LOOKUPS: dict[str, Callable[[int], tuple[Any, list[str]]]] = {
    "known": _known_lookup,
    "links": _links_lookup,
    "titles": _titles_lookup,
}

_FEED_STATE = (
    "url", "etag", "last_modified", "body_hash", "last_status", "next_poll_at", "current_interval",
    "error_count", "last_error", "failing", "disabled_reason",
)
_FEED_UPDATE_NAMES = ["p_id", *(f"p_{c}" for c in _FEED_STATE), "p_polled_at"]


def _feed_update_statement(succeeded: bool) -> tuple[Any, list[str]]:
    f = t.feeds
    values: dict[str, Any] = {c: _bind(f.c[c], f"p_{c}") for c in _FEED_STATE}
    values["last_polled_at"] = _bind(f.c.last_polled_at, "p_polled_at")
    if succeeded:
        values["last_success_at"] = _bind(f.c.last_success_at, "p_polled_at")
    values["lease_owner"] = null()
    values["lease_until"] = null()
    return update(f).where(f.c.id == _bind(f.c.id, "p_id")).values(**values), _FEED_UPDATE_NAMES


def _feed_update_params(feed_id: int, u: FeedUpdate) -> tuple[Any, ...]:
    """In _FEED_UPDATE_NAMES order."""
    return (
        feed_id, u.url, u.etag, u.last_modified, u.body_hash, u.last_status, u.next_poll_at,
        u.current_interval, u.error_count, u.last_error, u.failing, u.disabled_reason, u.polled_at,
    )


# Built once (SQLAlchemy reuses their compiled form): a claim, the claims judged, their evidence.
_CLAIM = select(t.claims).where(t.claims.c.id == bindparam("claim_id"))
_CLAIM_FOR_UPDATE = _CLAIM.with_for_update()
_CLAIMS = select(t.claims).where(t.claims.c.id.in_(bindparam("claim_ids", expanding=True)))
# Row locks are taken in the order rows come out: byte order, the order of Python's sorted().
_CLAIMS_FOR_UPDATE = _CLAIMS.order_by(t.claims.c.id.collate("C")).with_for_update()


def _evidence_views_query() -> Any:
    e, i = t.evidence, t.items
    return (
        select(
            e.c.claim_id, e.c.id, e.c.source, e.c.source_tier, e.c.stance, e.c.score, i.c.title,
            i.c.link, i.c.published_at, i.c.dedup_key, i.c.link_key, i.c.title_key,
        )
        .join(i, i.c.id == e.c.item_id)
        .where(
            e.c.claim_id.in_(bindparam("claim_ids", expanding=True)),
            or_(e.c.kind == MatchKind.MATCH.value, e.c.review == "accepted"),
            or_(e.c.review.is_(None), e.c.review != "rejected"),
            # The rules look only at decisive evidence; reports and other sources never decide.
            e.c.stance != Stance.REPORTS.value,
            e.c.source_tier != SourceTier.OTHER.value,
        )
        .order_by(e.c.id)
    )


_EVIDENCE_VIEWS = _evidence_views_query()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=lambda o: o.isoformat() if isinstance(o, datetime) else str(o))
