"""The queries: feeds (due, leased, updated), items (dedup), evidence, status changes + outbox.

Everything the service knows lives behind this module; the rest of the code sees plain values.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, func, insert, or_, select, text, update

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

    def _write_feed_update(self, conn: Connection, feed_id: int, u: FeedUpdate) -> None:
        self._write_feed_updates(conn, [(feed_id, u)])

    def _write_feed_updates(self, conn: Connection, updates: Sequence[tuple[int, FeedUpdate]]) -> None:
        """One executemany per kind (succeeded or not) with a statement compiled once."""
        for succeeded, stmt in ((True, _FEED_UPDATE_OK), (False, _FEED_UPDATE_FAILED)):
            rows = [_feed_update_params(fid, u) for fid, u in updates if u.succeeded is succeeded]
            if rows:
                conn.execute(stmt, rows)

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

        keyed: dict[str, tuple[Item, str | None, str | None]] = {}
        for it in found:
            if it.dedup_key and it.dedup_key not in keyed:
                keyed[it.dedup_key] = (it, link_key(it.link), title_key(it.source, it.title))
        if not keyed:
            return []
        i, k = t.items, t.item_keys
        wanted = list(keyed)
        known = set(conn.execute(select(i.c.dedup_key).where(i.c.dedup_key.in_(wanted))).scalars())
        known |= set(conn.execute(select(k.c.dedup_key).where(k.c.dedup_key.in_(wanted))).scalars())
        fresh = {key: v for key, v in keyed.items() if key not in known}
        if not fresh:
            return []
        links = {lk for _, lk, _ in fresh.values() if lk}
        titles = {tk for _, _, tk in fresh.values() if tk}
        story_ids: dict[str, int] = {}  # "l"+link_key / "t"+title_key -> item id
        if links:
            for r in conn.execute(select(i.c.id, i.c.link_key).where(i.c.link_key.in_(links))):
                story_ids["l" + r.link_key] = r.id
        if titles:
            since = now - timedelta(seconds=dedup_window)
            q = select(i.c.id, i.c.title_key).where(i.c.title_key.in_(titles), i.c.fetched_at >= since)
            for r in conn.execute(q):
                story_ids["t" + r.title_key] = r.id

        def story_of(lk: str | None, tk: str | None) -> int | None:
            return (story_ids.get("l" + lk) if lk else None) or (story_ids.get("t" + tk) if tk else None)

        rows: list[dict[str, Any]] = []
        copies: list[tuple[str, str | None, str | None]] = []  # resolved after the insert
        batch_stories: set[str] = set()
        for key, (it, lk, tk) in fresh.items():
            in_batch = (lk and "l" + lk in batch_stories) or (tk and "t" + tk in batch_stories)
            if in_batch or story_of(lk, tk) is not None:
                copies.append((key, lk, tk))
                continue
            batch_stories.update(x for x in ("l" + lk if lk else "", "t" + tk if tk else "") if x)
            rows.append(
                {
                    "feed_id": feed_id,
                    "guid": it.guid or None,
                    "link": it.link or None,
                    "title": it.title,
                    "summary": it.summary,
                    "source": it.source,
                    "published_at": it.published_at,
                    "fetched_at": now,
                    "dedup_key": key,
                    "link_key": lk,
                    "title_key": tk,
                    "copies": 1,
                }
            )
        new_items: list[NewItem] = []
        if rows:
            result = conn.execute(insert(i).returning(i.c.id, i.c.dedup_key), rows)
            ids = {r.dedup_key: r.id for r in result}
            for r in rows:
                item_id = ids[r["dedup_key"]]
                for tag, value in (("l", r["link_key"]), ("t", r["title_key"])):
                    if value:
                        story_ids.setdefault(tag + value, item_id)
                new_items.append(
                    NewItem(item_id, keyed[r["dedup_key"]][0],
                            story_key(r["dedup_key"], r["link_key"], r["title_key"]))
                )
        aliases = []
        for key, lk, tk in copies:
            item_id = story_of(lk, tk)
            if item_id is not None:
                aliases.append({"dedup_key": key, "item_id": item_id})
                conn.execute(update(i).where(i.c.id == item_id).values(copies=i.c.copies + 1))
        if aliases:
            conn.execute(insert(k), aliases)
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
            return self._save_one(conn, feed_id, update_, found, assess, decide, outbox,
                                  dedup_window, now)

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
            return [
                self._save_one(conn, feed_id, update_, found, assess, decide, outbox,
                               dedup_window, now)
                for feed_id, update_, found, assess in polls
            ]

    def _save_one(
        self,
        conn: Connection,
        feed_id: int,
        update_: FeedUpdate,
        found: Sequence[Item],
        assess: Any,
        decide: Any,
        outbox: Any,
        dedup_window: float,
        now: datetime,
    ) -> tuple[list[NewItem], list[EvidenceDraft], list[RecordedChange]]:
        self._write_feed_update(conn, feed_id, update_)
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
        conn.execute(
            insert(t.evidence),
            [
                {
                    "claim_id": d.claim_id,
                    "item_id": d.item_id,
                    "score": round(d.score, 2),
                    "kind": d.kind.value,
                    "stance": d.stance.value,
                    "stance_confidence": round(d.stance_confidence, 3),
                    "cues": list(d.cues),
                    "matched_terms": list(d.matched_terms),
                    "why": d.why,
                    "source": d.source,
                    "source_tier": d.source_tier.value,
                    "created_at": now,
                }
                for d in drafts
            ],
        )

    def _lock_claim(self, conn: Connection, claim_id: str) -> Any:
        q = select(t.claims).where(t.claims.c.id == claim_id)
        if self.is_postgres:
            # Serialise decisions on one claim across workers: two never record the same change.
            q = q.with_for_update()
        return conn.execute(q).one_or_none()

    def evidence_views(self, conn: Connection, claim_id: str) -> list[EvidenceView]:
        e, i = t.evidence, t.items
        q = (
            select(e, i.c.title, i.c.link, i.c.published_at, i.c.dedup_key, i.c.link_key, i.c.title_key)
            .join(i, i.c.id == e.c.item_id)
            .where(
                e.c.claim_id == claim_id,
                or_(e.c.kind == MatchKind.MATCH.value, e.c.review == "accepted"),
                or_(e.c.review.is_(None), e.c.review != "rejected"),
                # The rules look only at decisive evidence; reports and other sources never decide.
                e.c.stance != Stance.REPORTS.value,
                e.c.source_tier != SourceTier.OTHER.value,
            )
            .order_by(e.c.id)
        )
        return [
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
            for r in conn.execute(q)
        ]

    def _judge_claims(
        self, conn: Connection, claim_ids: Sequence[str], decide: Any, outbox: Any, now: datetime
    ) -> list[RecordedChange]:
        changes: list[RecordedChange] = []
        for claim_id in claim_ids:  # sorted: a fixed lock order, so workers cannot deadlock
            claim = self._lock_claim(conn, claim_id)
            if claim is None or claim.archived:
                continue
            views = self.evidence_views(conn, claim_id)
            decision = decide(claim, views)
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


_FEED_STATE = (
    "url", "etag", "last_modified", "body_hash", "last_status", "next_poll_at", "current_interval",
    "error_count", "last_error", "failing", "disabled_reason",
)


def _feed_update_statement(succeeded: bool) -> Any:
    values: dict[str, Any] = {c: bindparam(f"p_{c}") for c in _FEED_STATE}
    values["last_polled_at"] = bindparam("p_polled_at")
    if succeeded:
        values["last_success_at"] = bindparam("p_polled_at")
    values["lease_owner"] = None
    values["lease_until"] = None
    return update(t.feeds).where(t.feeds.c.id == bindparam("p_id")).values(**values)


# Built once: SQLAlchemy then reuses the compiled form from its cache for every batch.
_FEED_UPDATE_OK = _feed_update_statement(True)
_FEED_UPDATE_FAILED = _feed_update_statement(False)


def _feed_update_params(feed_id: int, u: FeedUpdate) -> dict[str, Any]:
    return {
        "p_id": feed_id,
        "p_url": u.url,
        "p_etag": u.etag,
        "p_last_modified": u.last_modified,
        "p_body_hash": u.body_hash,
        "p_last_status": u.last_status,
        "p_next_poll_at": u.next_poll_at,
        "p_current_interval": u.current_interval,
        "p_error_count": u.error_count,
        "p_last_error": u.last_error,
        "p_failing": u.failing,
        "p_disabled_reason": u.disabled_reason,
        "p_polled_at": u.polled_at,
    }


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=lambda o: o.isoformat() if isinstance(o, datetime) else str(o))
