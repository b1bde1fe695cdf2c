"""The store: one object per database, a typed transaction for the write path, and the reads.

Everything the service knows lives behind this package; the rest of the code sees plain values
(``monitor.model``). The SQL lives in one module per entity (feeds, items, claims, outbox,
workers); this module opens transactions and turns driver errors into ``StorageError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from monitor.clock import utcnow
from monitor.errors import StorageError
from monitor.model import (
    Claim,
    ClaimState,
    EvidenceDraft,
    EvidenceView,
    FeedConfig,
    FeedUpdate,
    Item,
    MatchKind,
    NewItem,
    OutboxRow,
    RecordedChange,
    Status,
    StoredFeed,
    Subscription,
)
from monitor.store import board, claims, feeds, items, outbox, vectors, websub, workers
from monitor.store.bulk import Statements
from monitor.store.db import READ_ONLY, open_engine, sqlite_file, storage_errors


class Transaction:
    """The steps of one write, all committed together or not at all (see ``Store.transaction``)."""

    def __init__(self, conn: Connection, sql: Statements, is_postgres: bool, now: datetime):
        self.conn = conn
        self.now = now
        self._sql = sql
        self._lock_rows = is_postgres

    def write_feed_states(self, updates: Sequence[tuple[int, FeedUpdate]]) -> None:
        """Each feed's state after its poll; its lease is released."""
        feeds.write_states(self.conn, self._sql, updates)

    def insert_new_items(
        self, feed_id: int, found: Sequence[Item], dedup_window: float, fetched_at: datetime | None = None
    ) -> list[NewItem]:
        """The items of ``found`` not stored before, now stored (copies linked to their story);
        ``fetched_at``: when the poll read them (the start of the time to alert), default now."""
        return items.insert_new_items(
            self.conn, self._sql, feed_id, found, self.now, dedup_window, fetched_at
        )

    def insert_evidence(self, drafts: Sequence[EvidenceDraft]) -> None:
        claims.insert_evidence(self.conn, self._sql, drafts, self.now)

    def lock_claims(self, claim_ids: Sequence[str]) -> dict[str, ClaimState]:
        """The claims' states; on PostgreSQL locked until the commit, in a fixed order."""
        return claims.lock_claims(self.conn, claim_ids, lock_rows=self._lock_rows)

    def decisive_evidence(self, claim_ids: Sequence[str]) -> dict[str, list[EvidenceView]]:
        """Each claim's evidence that may decide its status (confirming or denying, from an
        official or trusted source, not rejected by a person), oldest first."""
        return claims.decisive_evidence(self.conn, claim_ids)

    def record_change(
        self,
        claim: ClaimState,
        to_status: Status,
        reason: str,
        evidence_ids: Sequence[int],
        actor: str,
        pin: bool | None = None,
    ) -> RecordedChange:
        return claims.record_change(
            self.conn, claim, to_status, reason, evidence_ids, actor, self.now, pin
        )

    def set_pinned(self, claim_id: str, pinned: bool) -> None:
        claims.set_pinned(self.conn, claim_id, pinned)

    def review_evidence(self, evidence_id: int, verdict: str) -> str:
        """Record a person's verdict on evidence (EvidenceNotFound if none); returns its claim."""
        return claims.set_review(self.conn, evidence_id, verdict)

    def queue_alerts(self, rows: Sequence[OutboxRow]) -> None:
        outbox.insert_rows(self.conn, rows)

    def stored_items(
        self, since: datetime, after: tuple[datetime, int] | None, limit: int
    ) -> list[tuple[NewItem, str, str | None, bool, datetime]]:
        """Stored items fetched since ``since``, in publication order, a page after ``after``
        (see items.stored_since): what a new or edited claim is judged against."""
        return items.stored_since(self.conn, since, after, limit)

    def evidence_pairs(self, claim_ids: Sequence[str], item_ids: Sequence[int]) -> set[tuple[str, int]]:
        """The (claim, item) pairs among these that have evidence already."""
        return claims.evidence_pairs(self.conn, claim_ids, item_ids)


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.is_postgres = engine.dialect.name == "postgresql"
        # The write path's statements, compiled once for this engine's dialect.
        self._sql = Statements(engine.dialect)

    @classmethod
    def open(cls, url: str) -> Store:
        return cls(open_engine(url))

    def close(self) -> None:
        self.engine.dispose()

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite database's file; None on PostgreSQL."""
        return sqlite_file(self.engine)

    @contextmanager
    def transaction(self, now: datetime) -> Iterator[Transaction]:
        """``with store.transaction(now) as tx:`` the steps of one write, committed on leaving the
        block, rolled back if it raises. ``now`` is the time written for all of them."""
        with storage_errors(), self.engine.begin() as conn:
            yield Transaction(conn, self._sql, self.is_postgres, now)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with storage_errors(), self.engine.connect() as conn:
            yield conn.execution_options(**{READ_ONLY: True})

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with storage_errors(), self.engine.begin() as conn:
            yield conn

    # ---- configuration, leases, workers ------------------------------------------------------

    def sync_config(self, claim_list: Sequence[Claim], feed_list: Sequence[FeedConfig], now: datetime) -> None:
        """Make the claims and feeds tables match the configuration (history is kept)."""
        with self._writing() as conn:
            if self.is_postgres:
                # Workers starting together would insert the same rows; one syncs at a time.
                workers.config_sync_lock(conn)
            claims.sync_claims(conn, claim_list, now)
            feeds.sync_feeds(conn, feed_list, now)

    def lease_due_feeds(
        self,
        *,
        worker_id: str,
        now: datetime,
        lease_seconds: float,
        include_not_due: bool = False,
        limit: int | None = None,
    ) -> list[StoredFeed]:
        """Take the feeds due now (or all) under a lease for this worker (see feeds.lease_due)."""
        with self._writing() as conn:
            return feeds.lease_due(
                conn, lock_rows=self.is_postgres, worker_id=worker_id, now=now,
                lease_seconds=lease_seconds, include_not_due=include_not_due, limit=limit,
            )

    def feed_schedule_rows(self) -> list[dict[str, Any]]:
        """The polled feeds with their url, source, aggregator flag, last and next poll."""
        with self._reading() as conn:
            return feeds.schedule_rows(conn)

    def poll_feeds_sooner(self, targets: Sequence[tuple[int, datetime]]) -> int:
        """Move feeds' next polls forward to the given times (never later); how many moved."""
        if not targets:
            return 0
        with self._writing() as conn:
            return feeds.poll_sooner(conn, targets)

    def claim_statuses(self) -> dict[str, tuple[str, bool]]:
        """Claims not archived: id -> (status, pinned)."""
        with self._reading() as conn:
            return claims.statuses(conn)

    def release_feeds(self, feed_ids: Iterable[int], worker_id: str) -> None:
        ids = list(feed_ids)
        if ids:
            with self._writing() as conn:
                feeds.release(conn, ids, worker_id)

    def lease_owners(self) -> set[str]:
        """Every worker holding a lease on a feed or a delivery."""
        with self._reading() as conn:
            return workers.lease_owners(conn)

    def release_worker(self, worker_id: str) -> None:
        """Hand back every lease this worker holds (feeds and deliveries)."""
        with self._writing() as conn:
            workers.release_worker(conn, worker_id)

    def save_feed_states(self, updates: Sequence[tuple[int, FeedUpdate]], now: datetime) -> None:
        """The new state of feeds whose poll brought no items (304, same body, errors).

        All of them in one transaction: each row is the whole outcome of its feed's poll, so the
        batch is all-or-nothing and no feed is ever half written.
        """
        if updates:
            with self.transaction(now) as tx:
                tx.write_feed_states(updates)

    # ---- WebSub subscriptions -----------------------------------------------------------------

    def websub_note_hub(
        self, feed_id: int, hub: str, topic: str, secret: str, now: datetime
    ) -> tuple[bool, list[str]]:
        """Want ``feed_id`` subscribed at ``hub`` (``secret`` is kept for a new subscription);
        its subscriptions at other hubs are left (see websub.note_hub)."""
        with self._writing() as conn:
            return websub.note_hub(conn, feed_id, hub, topic, secret, now)

    def websub_claim_due(self, now: datetime, hold_until: datetime) -> list[Subscription]:
        """The subscriptions with a request due, held for this worker until ``hold_until``."""
        with self._reading() as conn:  # mostly nothing is due: no write lock taken for that
            if not websub.any_due(conn, now):
                return []
        with self._writing() as conn:
            return websub.claim_due(conn, now, hold_until, lock_rows=self.is_postgres)

    def websub_by_feed(self) -> dict[int, list[Subscription]]:
        with self._reading() as conn:
            return websub.by_feed(conn)

    def websub_subscription(self, subscription_id: int) -> Subscription | None:
        with self._reading() as conn:
            return websub.get(conn, subscription_id)

    def websub_update(self, subscription_id: int, **values: Any) -> None:
        with self._writing() as conn:
            websub.set_fields(conn, subscription_id, **values)

    def websub_remove(self, subscription_id: int) -> None:
        with self._writing() as conn:
            websub.remove(conn, subscription_id)

    def feed_for_push(self, feed_id: int) -> StoredFeed | None:
        with self._reading() as conn:
            return websub.feed(conn, feed_id)

    def beat(self, worker_id: str, **fields: Any) -> None:
        """A worker's heartbeat (see workers.beat for the fields)."""
        with self._writing() as conn:
            workers.beat(conn, worker_id, **fields)

    def heartbeats(self) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return workers.heartbeats(conn)

    def apply_retention(self, cutoff: datetime) -> int:
        """Delete unmatched items fetched before ``cutoff``, then the database's upkeep."""
        with self._writing() as conn:
            removed = items.delete_unmatched_before(conn, cutoff)
        with storage_errors():
            workers.upkeep(self.engine)
        return removed

    # ---- sentence vectors of claim texts (a judge.semantic.VectorStore) ------------------------

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, bytes]:
        with self._reading() as conn:
            return vectors.get_vectors(conn, model, keys)

    def put_vectors(self, model: str, found: Mapping[str, bytes]) -> None:
        if not found:
            return
        try:
            with self._writing() as conn:
                vectors.put_vectors(conn, model, found, utcnow())
        except StorageError:
            # Two workers encoding the same new claim: one row wins, the other's is the same.
            with self._writing() as conn:
                vectors.put_vectors(conn, model, found, utcnow())

    # ---- reading ------------------------------------------------------------------------------

    def feeds_overview(self) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return feeds.overview(conn)

    def count_items(self) -> int:
        with self._reading() as conn:
            return items.count_items(conn)

    def claims(self, include_archived: bool = False) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return board.claims_page(conn, include_archived=include_archived)[0]

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        with self._reading() as conn:
            return claims.get(conn, claim_id)

    def history(
        self,
        claim_id: str | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[RecordedChange]:
        with self._reading() as conn:
            return claims.history(
                conn, claim_id, limit=limit, offset=offset, newest_first=newest_first
            )

    def change_keys_from(self, first_id: int) -> list[tuple[int, datetime]]:
        with self._reading() as conn:
            return claims.change_keys_from(conn, first_id)

    def mark_committed(self, change_ids: Sequence[int], at: datetime) -> None:
        """Record when these status changes were committed (called just after the commit)."""
        if change_ids:
            with self._writing() as conn:
                claims.mark_committed(conn, change_ids, at)

    def changes_by_id(self, ids: Sequence[int]) -> list[RecordedChange]:
        with self._reading() as conn:
            return claims.changes_by_id(conn, ids)

    def evidence_list(
        self,
        claim_id: str | None,
        kind: MatchKind | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return claims.evidence_list(conn, claim_id, kind, limit=limit, offset=offset)

    # ---- the web page and API (a page at a time) -------------------------------------------------

    def claims_page(
        self,
        *,
        status: str | None = None,
        search: str | None = None,
        include_archived: bool = False,
        claim_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of claims as ``claims()`` gives them, and how many match the filter."""
        with self._reading() as conn:
            return board.claims_page(
                conn, status=status, search=search, include_archived=include_archived,
                claim_id=claim_id, limit=limit, offset=offset,
            )

    def evidence_breakdown(self, claim_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Per claim: evidence counted by stance and tier, and the newest one's time."""
        with self._reading() as conn:
            return board.breakdown(conn, claim_ids)

    def evidence_points(self, claim_id: str) -> list[tuple[datetime, str, str]]:
        with self._reading() as conn:
            return board.evidence_points(conn, claim_id)

    def count_evidence(self, claim_id: str | None, kind: MatchKind | None = None) -> int:
        with self._reading() as conn:
            return board.count_evidence(conn, claim_id, kind)

    def count_changes(self, claim_id: str | None = None) -> int:
        with self._reading() as conn:
            return board.count_changes(conn, claim_id)

    def status_counts(self) -> dict[str, int]:
        with self._reading() as conn:
            return board.status_counts(conn)

    def ping(self) -> None:
        """Raises StorageError when the database does not answer."""
        with self._reading() as conn:
            board.ping(conn)
