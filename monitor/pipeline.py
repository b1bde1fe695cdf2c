"""The use cases, each one function that reads top to bottom.

``record_poll(tx, ...)``: one polled feed's new items -> judge each (match, stance) -> evidence ->
decide the claims it touched -> status changes -> outbox rows, all in the caller's transaction.
After the commit the caller announces what it brought (``announce_changes``: the structlog
events and the status log; then the webhook relay is woken). ``Service`` runs the poll cycle around it;
``set_status_by_hand``, ``unpin`` and ``review_evidence`` are a person's decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from monitor.alerts.webhooks import outbox_rows_for_change
from monitor.clock import utcnow
from monitor.errors import ClaimNotFound, StorageError
from monitor.judge.provenance import FeedOrigin
from monitor.judge.service import Judge, claims_to_decide
from monitor.logs import get_logger
from monitor.model import (
    EvidenceDraft,
    Judged,
    NewItem,
    PolledFeed,
    RecordedChange,
    Status,
    seconds_between,
)
from monitor.settings import AlertEndpoint, LoadedSettings
from monitor.status_log import StatusLog
from monitor.store.repo import Store, Transaction

log = get_logger()


# ---- recording a poll ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PollRecord:
    """What one feed's poll added: the new items, their evidence, and the status changes."""

    new_items: list[NewItem]
    drafts: list[EvidenceDraft]
    changes: list[RecordedChange]


class Alerts:
    """The outbox rows (webhook and notification deliveries) a status change queues."""

    def __init__(self, endpoints: Sequence[AlertEndpoint]):
        self.endpoints = list(endpoints)

    def queue(self, tx: Transaction, change: RecordedChange) -> None:
        if self.endpoints:
            tx.queue_alerts(outbox_rows_for_change(change, self.endpoints, change.at))


def worker_results(polled: PolledFeed, judge_key: str) -> dict[str, Judged | None] | None:
    """What the parse worker found for the feed's items, by dedup key, when it judged them under
    ``judge_key`` (None for an item it left to us); None when it did not."""
    if polled.judged is None or polled.judge_key != judge_key:
        return None
    found: dict[str, Judged | None] = {}
    for item, judged in zip(polled.items, polled.judged, strict=True):
        found.setdefault(item.dedup_key, judged)  # the first of a key is the one stored
    return found


def record_poll(
    tx: Transaction, judge: Judge, alerts: Alerts, polled: PolledFeed, dedup_window: float
) -> PollRecord:
    """Store a feed's new items, their evidence, and the status changes they cause.

    The feed's own row is written by the caller (several feeds' rows go in one statement).
    """
    # Stored as fetched when the poll read them: where the time to alert starts.
    fetched_at = min(polled.fetched_at or polled.update.polled_at, tx.now)
    new_items = tx.insert_new_items(polled.feed.id, polled.items, dedup_window, fetched_at)
    if not new_items:
        return PollRecord([], [], [])
    feed = FeedOrigin(polled.feed.url, polled.feed.source, polled.feed.aggregator)
    drafts = judge.assess(new_items, feed, worker_results(polled, judge.key))
    tx.insert_evidence(drafts)
    changes = decide_claims(tx, judge, alerts, claims_to_decide(drafts), actor="rules")
    return PollRecord(new_items, drafts, changes)


def decide_claims(
    tx: Transaction, judge: Judge, alerts: Alerts, claim_ids: Sequence[str], actor: str
) -> list[RecordedChange]:
    """Judge each claim on its evidence; record (and queue alerts for) every change of status.

    All the claims are locked first (in a fixed order), then their evidence read in one query:
    a change recorded for one claim touches no other claim's evidence, so this decides exactly as
    claim by claim would.
    """
    claims = tx.lock_claims(claim_ids)
    live = [cid for cid in claim_ids if cid in claims and not claims[cid].archived]
    evidence = tx.decisive_evidence(live)
    changes: list[RecordedChange] = []
    for claim_id in live:
        decision = judge.decide(claims[claim_id], evidence.get(claim_id, []))
        if decision is None:
            continue
        change = tx.record_change(
            claims[claim_id], decision.status, decision.reason, decision.evidence_ids, actor
        )
        alerts.queue(tx, change)
        changes.append(change)
    return changes


# ---- a new or edited claim ----------------------------------------------------------------------

BACKFILL_PAGE = 500  # stored items judged per transaction


@dataclass
class BackfillReport:
    items: int = 0
    evidence: int = 0
    changes: list[RecordedChange] = field(default_factory=list)


def backfill(
    store: Store,
    judge: Judge,
    alerts: Alerts,
    claim_ids: Sequence[str],
    window: float,
    progress: Callable[[int, int | None], None] | None = None,
) -> BackfillReport:
    """Judge stored items fetched within the last ``window`` seconds against new or edited
    claims, oldest publication first, a page per transaction; the evidence and status changes
    are recorded as a poll's would be, with ``actor = "backfill"``. ``progress(done, None)``
    hears of each page (the total is not counted beforehand)."""
    report = BackfillReport()
    wanted = [cid for cid in claim_ids if cid in judge.claims]
    if not wanted:
        return report
    since = utcnow() - timedelta(seconds=window)
    after: tuple[datetime, int] | None = None
    while True:
        with store.transaction(utcnow()) as tx:
            page = tx.stored_items(since, after, BACKFILL_PAGE)
            if not page:
                return report
            after = (page[-1][4], page[-1][0].id)
            drafts = _backfill_evidence(tx, judge, wanted, page)
            tx.insert_evidence(drafts)
            changes = decide_claims(tx, judge, alerts, claims_to_decide(drafts), actor="backfill")
        report.items += len(page)
        report.evidence += len(drafts)
        report.changes += changes
        if progress is not None:
            progress(report.items, None)


def _backfill_evidence(
    tx: Transaction,
    judge: Judge,
    wanted: Sequence[str],
    page: Sequence[tuple[NewItem, str, str | None, bool, datetime]],
) -> list[EvidenceDraft]:
    """A page of stored items judged as they were when new (by their feed), keeping only the
    evidence for the wanted claims that is not stored yet."""
    known = tx.evidence_pairs(wanted, [new.id for new, *_ in page])
    by_feed: dict[tuple[str, str | None, bool], list[NewItem]] = {}
    for new, url, source, aggregator, _ in page:
        by_feed.setdefault((url, source, aggregator), []).append(new)
    drafts: list[EvidenceDraft] = []
    for (url, source, aggregator), news in by_feed.items():
        for d in judge.assess(news, FeedOrigin(url, source, aggregator)):
            if d.claim_id in wanted and (d.claim_id, d.item_id) not in known:
                drafts.append(d)
    return drafts


# ---- a person's decisions -----------------------------------------------------------------------


def set_status_by_hand(
    store: Store, alerts: Alerts, claim_id: str, status: Status, reason: str, actor: str = "manual"
) -> RecordedChange | None:
    """A person's verdict: recorded as a change and pinned until unpinned (None: the claim has
    that status already; it is pinned now). ``actor``: where it was made (manual: the CLI; web)."""
    with store.transaction(utcnow()) as tx:
        claim = tx.lock_claims([claim_id]).get(claim_id)
        if claim is None:
            raise ClaimNotFound(claim_id)
        if claim.status is status:
            tx.set_pinned(claim_id, True)
            return None
        change = tx.record_change(claim, status, f"set by hand: {reason}", (), actor, pin=True)
        alerts.queue(tx, change)
        return change


def unpin(store: Store, judge: Judge, alerts: Alerts, claim_id: str) -> RecordedChange | None:
    """Hand a claim back to the rules, which judge it again at once."""
    with store.transaction(utcnow()) as tx:
        if claim_id not in tx.lock_claims([claim_id]):
            raise ClaimNotFound(claim_id)
        tx.set_pinned(claim_id, False)
        changes = decide_claims(tx, judge, alerts, [claim_id], actor="rules")
    return changes[0] if changes else None


def review_evidence(
    store: Store, judge: Judge, alerts: Alerts, evidence_id: int, verdict: str
) -> tuple[str, RecordedChange | None]:
    """Accept or reject a candidate (or any evidence); its claim is judged again."""
    with store.transaction(utcnow()) as tx:
        claim_id = tx.review_evidence(evidence_id, verdict)
        changes = decide_claims(tx, judge, alerts, [claim_id], actor="rules")
    return claim_id, (changes[0] if changes else None)


# ---- after the commit ---------------------------------------------------------------------------


def announce_changes(changes: Sequence[RecordedChange], status_log: StatusLog) -> None:
    """Just after the commit: when it happened written on the changes (in the status log's
    store, the one they were committed to), the structlog event of each change with the time
    from its deciding item's fetch to the commit, then the status log caught up (from the
    database: see ``monitor.status_log``)."""
    if not changes:
        return
    committed_at = utcnow()
    try:
        status_log.store.mark_committed([c.id for c in changes], committed_at)
    except StorageError as e:  # the change stands; only its commit time is not written
        log.warning("claim.commit_time_lost", error=f"{e.__class__.__name__}: {e}")
    for change in changes:
        log.info(
            "claim.status_changed",
            claim_id=change.claim_id,
            change_id=change.id,
            **{"from": change.from_status, "to": change.to_status},
            reason=change.reason,
            actor=change.actor,
            evidence_ids=[e["id"] for e in change.evidence],
            fetch_to_commit_seconds=seconds_between(change.fetched_at, committed_at),
        )
    status_log.catch_up()


class Decisions:
    """A person's decisions, as the CLI (and later the web page) makes them: each recorded in
    one transaction, then announced like any other change."""

    def __init__(self, loaded: LoadedSettings, store: Store, judge: Judge | None = None):
        self.store = store
        self._loaded = loaded
        self._judge = judge
        self.alerts = Alerts(loaded.alert_endpoints())
        self.status_log = StatusLog(loaded.status_log_path, store)

    @property
    def judge(self) -> Judge:
        # Built on first use: setting a status by hand needs no matcher.
        if self._judge is None:
            self._judge = Judge.from_settings(self._loaded, vectors=self.store)
        return self._judge

    def _announced(self, change: RecordedChange | None) -> RecordedChange | None:
        announce_changes([change] if change else [], self.status_log)
        return change

    def set_status(
        self, claim_id: str, status: Status, reason: str, actor: str = "manual"
    ) -> RecordedChange | None:
        return self._announced(
            set_status_by_hand(self.store, self.alerts, claim_id, status, reason, actor)
        )

    def unpin(self, claim_id: str) -> RecordedChange | None:
        return self._announced(unpin(self.store, self.judge, self.alerts, claim_id))

    def review(self, evidence_id: int, verdict: str) -> tuple[str, RecordedChange | None]:
        claim_id, change = review_evidence(self.store, self.judge, self.alerts, evidence_id, verdict)
        return claim_id, self._announced(change)

    def backfill(
        self, claim_ids: Sequence[str], progress: Callable[[int, int | None], None] | None = None
    ) -> BackfillReport:
        """New or edited claims judged against the items stored within the retention window."""
        window = self._loaded.settings.retention.items_days * 86400.0
        report = backfill(self.store, self.judge, self.alerts, claim_ids, window, progress)
        announce_changes(report.changes, self.status_log)
        return report

