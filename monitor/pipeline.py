"""One poll of the feeds, end to end: fetch -> parse -> store new items -> match -> stance ->
evidence -> judge -> status change (+ outbox rows) -> logs.

The judgement (``Judge.assess``, ``Judge.decide``) is pure; this module wires it to the poller
and the store, and emits the log lines.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.ingest.parse import Judged, JudgeSpec
from monitor.ingest.poller import Poller, poll_feeds
from monitor.judge.match import Matcher
from monitor.judge.rules import next_status, source_tier
from monitor.judge.stance import classify_stance
from monitor.logs import get_logger
from monitor.model import (
    Claim,
    Decision,
    EvidenceView,
    FeedRow,
    Match,
    MatchKind,
    PolledFeed,
    RulePolicy,
    SourceTier,
    StanceResult,
    Status,
)
from monitor.settings import LoadedSettings
from monitor.store.repo import EvidenceDraft, NewItem, RecordedChange, Store, default_worker_id

if TYPE_CHECKING:
    from monitor.judge.semantic import SentenceEncoder

log = get_logger()


@dataclass
class Judge:
    """Everything the pure judgement needs, built once per configuration."""

    claims: dict[str, Claim]
    matcher: Matcher
    trusted: tuple[str, ...]
    policies: dict[str, RulePolicy]
    default_policy: RulePolicy
    # Names the claims and thresholds (JudgeSpec.key): parse workers' results under the same key
    # are what ``matcher`` and ``classify_stance`` would find here.
    key: str = ""

    @classmethod
    def from_settings(cls, loaded: LoadedSettings) -> Judge:
        s = loaded.settings
        claims = loaded.claims()
        return cls(
            claims={c.id: c for c in claims},
            matcher=Matcher(
                claims,
                match_threshold=s.matching.match_threshold,
                review_threshold=s.matching.review_threshold,
                semantic=load_encoder(loaded),
            ),
            trusted=tuple(x.lower() for x in s.sources.trusted),
            policies={c.id: loaded.rule_policy(c.id) for c in claims},
            default_policy=RulePolicy(s.rules.official_needed, s.rules.trusted_needed),
            key=JudgeSpec.from_settings(loaded).key,
        )

    def assess(
        self,
        new_items: Sequence[NewItem],
        feed_url: str = "",
        judged: Mapping[str, Judged | None] | None = None,
    ) -> list[EvidenceDraft]:
        """Match each new item against the claims; stance and source tier for every match.

        ``judged``: matches and stances already found (by a parse worker, under this judge's
        key) by dedup key; items not in it are judged here.
        """
        drafts: list[EvidenceDraft] = []
        if self.matcher.encoder is not None:
            # Semantic matching encodes the headlines to judge here in one batch.
            self.matcher.embed(
                [
                    n.item.title
                    for n in new_items
                    if judged is None or judged.get(n.item.dedup_key) is None
                ]
            )
        for new in new_items:
            item = new.item
            # An item's tier depends on the claim only through its official sources, which most
            # claims share (none): one source_tier per distinct list, not one per match, since
            # each walks the whole trusted list.
            tiers: dict[tuple[str, ...], SourceTier] = {}
            found = judged.get(item.dedup_key) if judged is not None else None
            pairs: Sequence[tuple[Match, StanceResult | None]] = (
                found
                if found is not None
                else [(m, None) for m in self.matcher.match(item.title, item.summary)]
            )
            for m, known_stance in pairs:
                claim = self.claims.get(m.claim_id)
                if claim is None:
                    continue
                stance = known_stance or classify_stance(claim, item.title, item.summary)
                tier = tiers.get(claim.official_sources)
                if tier is None:
                    tier = tiers[claim.official_sources] = source_tier(
                        item.source, item.link, claim.official_sources, self.trusted, feed_url
                    )
                drafts.append(
                    EvidenceDraft(
                        claim_id=claim.id,
                        item_id=new.id,
                        score=m.score,
                        kind=m.kind,
                        stance=stance.stance,
                        stance_confidence=stance.confidence,
                        cues=stance.cues,
                        matched_terms=m.matched_terms,
                        why=m.why,
                        source=item.source,
                        source_tier=tier,
                    )
                )
        return drafts

    def decide(self, claim_row: Any, evidence: Sequence[EvidenceView]) -> Decision | None:
        policy = self.policies.get(claim_row.id, self.default_policy)
        return next_status(Status(claim_row.status), bool(claim_row.pinned), evidence, policy)


def load_encoder(loaded: LoadedSettings) -> SentenceEncoder | None:
    """The sentence encoder when `[matching] semantic` is on; a ConfigError says what is missing."""
    folder = loaded.semantic_model_dir
    if folder is None:
        return None
    problem = loaded.semantic_problem()
    if problem:
        raise problem
    from monitor.judge.semantic import load

    return load(str(folder))


PollFeeds = Callable[[LoadedSettings, Sequence[FeedRow], Callable[[PolledFeed], None]], None]


class IngestLoop:
    """One event loop thread with one long-lived Poller (HTTP connections, parse workers).

    The daemon polls every few seconds; keeping the loop, the connection pool and the worker
    processes alive between cycles saves starting them each time. ``poll_feeds`` has the
    signature of ``monitor.ingest.poller.poll_feeds``; ``on_result`` runs on the loop thread and
    must be quick (``Service.poll_once`` only queues the result for its writer thread).
    """

    def __init__(self, loaded: LoadedSettings):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="ingest", daemon=True)
        self.thread.start()
        self.poller = self._call(self._make(loaded))

    @staticmethod
    async def _make(loaded: LoadedSettings) -> Poller:
        return Poller(loaded)

    def _call(self, coro: Any, timeout: float | None = None) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def poll_feeds(
        self,
        loaded: LoadedSettings,
        feeds: Sequence[FeedRow],
        on_result: Callable[[PolledFeed], None],
    ) -> None:
        async def run() -> None:
            async for polled in self.poller.poll(feeds):
                on_result(polled)

        self._call(run())

    def close(self, timeout: float = 10.0) -> None:
        try:
            self._call(self.poller.aclose(), timeout)
        except Exception as e:  # noqa: BLE001 - closing must not fail a shutdown
            log.warning("ingest.close_failed", error=f"{e.__class__.__name__}: {e}")
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout)


class StatusLog:
    """The status-change log: one JSON line per change, appended, for users to tail."""

    def __init__(self, path: Path):
        self.path = path

    def append(self, change: RecordedChange) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(change.as_dict(), ensure_ascii=False) + "\n"
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())


def make_outbox_writer(loaded: LoadedSettings) -> Callable[[Any, RecordedChange], None] | None:
    """Writes a change's alert rows inside the transaction that records the change."""
    endpoints = loaded.settings.webhooks
    if not endpoints:
        return None
    from monitor.alerts.webhooks import outbox_rows_for_change
    from monitor.store.outbox import insert_outbox_rows

    def write(conn: Any, change: RecordedChange) -> None:
        rows = outbox_rows_for_change(
            {
                "id": change.id,
                "claim_id": change.claim_id,
                "from_status": change.from_status,
                "to_status": change.to_status,
                "reason": change.reason,
                "at": change.at,
                "actor": change.actor,
            },
            {"id": change.claim_id, "text": change.claim_text},
            [{**ev, "published_at": _parse_time(ev.get("published_at"))} for ev in change.evidence],
            endpoints,
            change.at,
        )
        insert_outbox_rows(conn, rows)

    return write


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def announce_change(change: RecordedChange, status_log: StatusLog) -> None:
    """After the commit: the structlog event and the status-change log line."""
    log.info(
        "claim.status_changed",
        claim_id=change.claim_id,
        change_id=change.id,
        **{"from": change.from_status, "to": change.to_status},
        reason=change.reason,
        actor=change.actor,
        evidence_ids=[e["id"] for e in change.evidence],
    )
    try:
        status_log.append(change)
    except OSError as e:
        # The change is safe in the database (and `history` shows it); say what to fix.
        log.error(
            "status_log.write_failed",
            path=str(status_log.path),
            error=str(e),
            hint="check [logging] status_log points to a writable file",
        )


@dataclass
class PollReport:
    feeds: int = 0
    failed: int = 0
    new_items: int = 0
    matches: int = 0
    changes: list[RecordedChange] = field(default_factory=list)


class Service:
    """The service's moving parts for one configuration: judge, store, logs, alerts."""

    def __init__(self, loaded: LoadedSettings, store: Store, worker_id: str | None = None):
        self.loaded = loaded
        self.store = store
        self.worker_id = worker_id or default_worker_id()
        self.judge = Judge.from_settings(loaded)
        self.status_log = StatusLog(loaded.status_log_path)
        self.outbox = make_outbox_writer(loaded)
        # Called after a status change is committed (the daemon wakes the webhook relay).
        self.on_change: Callable[[], None] | None = None
        # How feeds are polled: a fresh poller per call by default; the daemon keeps one alive.
        self.poll_feeds: PollFeeds = poll_feeds

    def _log_events(self, polled: PolledFeed) -> None:
        feed = polled.feed
        for ev in polled.update.events:
            if ev.event == "feed.polled":
                continue  # logged after the write, with what the store made of the items
            getattr(log, ev.level, log.info)(
                ev.event, **{"feed_id": feed.id, "url": feed.url, **ev.fields}
            )

    def _log_polled(self, polled: PolledFeed, new_items: int, report: PollReport) -> None:
        upd = polled.update
        report.feeds += 1
        report.failed += 0 if upd.succeeded else 1
        report.new_items += new_items
        log.info(
            "feed.polled",
            feed_id=polled.feed.id,
            url=upd.url,
            status=upd.last_status,
            ok=upd.succeeded,
            items=len(polled.items),
            new_items=new_items,
            next_poll=upd.next_poll_at.isoformat(),
        )

    def handle(self, polled: PolledFeed, report: PollReport) -> None:
        """Store one feed's poll (one transaction), then log what it brought."""
        self._log_events(polled)
        self._save_alone(polled, report)

    def _save_alone(self, polled: PolledFeed, report: PollReport) -> None:
        ((new_items, drafts, changes),) = self.store.save_polls(
            [self._to_save(polled)],
            decide=self.judge.decide,
            outbox=self.outbox,
            dedup_window=self.loaded.settings.polling.dedup_window,
        )
        self._after_save(polled, new_items, drafts, changes, report)

    def _to_save(self, polled: PolledFeed) -> tuple[int, Any, Sequence[Any], Any]:
        judged: dict[str, Judged | None] | None = None
        if polled.judged is not None and polled.judge_key == self.judge.key:
            judged = {}
            for it, found in zip(polled.items, polled.judged, strict=True):
                if it.dedup_key not in judged:  # the first of a key is the one stored
                    judged[it.dedup_key] = found  # None: not judged by the worker, judge here
        url = polled.feed.url
        return (
            polled.feed.id,
            polled.update,
            polled.items,
            lambda items: self.judge.assess(items, url, judged),
        )

    def _after_save(
        self,
        polled: PolledFeed,
        new_items: Sequence[NewItem],
        drafts: Sequence[EvidenceDraft],
        changes: Sequence[RecordedChange],
        report: PollReport,
    ) -> None:
        """After the commit: the report, the log lines, the status log, the relay's wake-up."""
        report.matches += sum(1 for d in drafts if d.kind is MatchKind.MATCH)
        self._log_polled(polled, len(new_items), report)
        # One logger for the feed's matches (the lazy ``log`` builds one per call), and no
        # arguments built for lines the level drops: a feed has dozens of matches.
        matched = log.bind() if drafts else None
        if matched is not None and _logs_level(matched, logging.INFO):
            for d in drafts:
                matched.info(
                    "item.matched",
                    claim_id=d.claim_id,
                    item_id=d.item_id,
                    kind=d.kind.value,
                    score=round(d.score, 1),
                    stance=d.stance.value,
                    tier=d.source_tier.value,
                    cues=list(d.cues),
                )
        for change in changes:
            announce_change(change, self.status_log)
        report.changes.extend(changes)
        if changes and self.on_change is not None:
            self.on_change()

    def handle_batch(self, batch: Sequence[PolledFeed], report: PollReport) -> list[int]:
        """Store several polls; returns the ids of the feeds whose poll was handled.

        Polls that brought no items (304, unchanged body, errors) only change their feed's row:
        those are written together in one transaction. Feeds with items are written in groups
        of up to ``_ITEM_FEEDS_PER_TRANSACTION``, one transaction per group (all or nothing;
        each feed sees what the ones before it stored, as with a transaction per feed). If a
        shared write fails, its feeds are tried one by one, so a bad feed costs only itself.
        """
        done: list[int] = []
        retry: list[PolledFeed] = []
        plain = [p for p in batch if not p.items]
        if plain:
            for p in plain:
                self._log_events(p)
            try:
                self.store.save_feed_states([(p.feed.id, p.update) for p in plain])
            except Exception as e:  # noqa: BLE001 - retried feed by feed below
                log.warning(
                    "feed.batch_store_failed",
                    feeds=len(plain),
                    error=f"{e.__class__.__name__}: {e}",
                )
                retry += plain
            else:
                for p in plain:
                    self._log_polled(p, 0, report)
                    done.append(p.feed.id)
        with_items = [p for p in batch if p.items]
        # On PostgreSQL several workers lock claim rows; a multi-feed transaction could take them
        # in an order another worker's does not, and deadlock. One feed per transaction there.
        step = 1 if self.store.is_postgres else _ITEM_FEEDS_PER_TRANSACTION
        for group in (with_items[k : k + step] for k in range(0, len(with_items), step)):
            for p in group:
                self._log_events(p)
            try:
                saved = self.store.save_polls(
                    [self._to_save(p) for p in group],
                    decide=self.judge.decide,
                    outbox=self.outbox,
                    dedup_window=self.loaded.settings.polling.dedup_window,
                )
            except Exception as e:  # noqa: BLE001 - retried feed by feed below
                if len(group) == 1:
                    self._store_failed(group[0], e)
                    done.append(group[0].feed.id)
                else:
                    log.warning(
                        "feed.batch_store_failed",
                        feeds=len(group),
                        error=f"{e.__class__.__name__}: {e}",
                    )
                    retry += group
                continue
            for p, (new_items, drafts, changes) in zip(group, saved, strict=True):
                self._after_save(p, new_items, drafts, changes, report)
                done.append(p.feed.id)
        for p in retry:  # their events are logged already
            try:
                self._save_alone(p, report)
            except Exception as e:  # noqa: BLE001 - one feed's failure must not stop the cycle
                self._store_failed(p, e)
            done.append(p.feed.id)
        return done

    @staticmethod
    def _store_failed(p: PolledFeed, e: Exception) -> None:
        log.error(
            "feed.store_failed",
            feed_id=p.feed.id,
            url=p.feed.url,
            error=f"{e.__class__.__name__}: {e}",
        )

    def poll_once(self, include_not_due: bool = False, limit: int | None = None) -> PollReport:
        """Poll the due feeds (or all of them; at most ``limit``) once and process what they bring.

        Results are stored by one writer thread while fetching and parsing go on (the database has
        one writer anyway); this returns when every result has been stored.
        """
        report = PollReport()
        feeds: list[FeedRow] = self.store.lease_due_feeds(
            self.loaded, worker_id=self.worker_id, include_not_due=include_not_due, limit=limit
        )
        if not feeds:
            return report
        handled: set[int] = set()
        results: queue.SimpleQueue[PolledFeed | None] = queue.SimpleQueue()

        def write() -> None:
            finished = False
            while not finished:
                batch: list[PolledFeed] = []
                item = results.get()
                while item is not None:
                    batch.append(item)
                    if len(batch) >= _WRITE_BATCH:
                        break
                    try:
                        item = results.get_nowait()
                    except queue.Empty:
                        break
                finished = item is None
                if batch:
                    try:
                        handled.update(self.handle_batch(batch, report))
                    except Exception as e:  # noqa: BLE001 - keep draining; unhandled feeds are released
                        log.error(
                            "feed.store_failed",
                            feeds=len(batch),
                            error=f"{e.__class__.__name__}: {e}",
                        )

        writer = threading.Thread(target=write, name="store-writer", daemon=True)
        writer.start()
        try:
            self.poll_feeds(self.loaded, feeds, results.put)
        finally:
            results.put(None)
            writer.join()
            # Feeds not handled (interrupted) go back now, not when the lease runs out.
            self.store.release_feeds([f.id for f in feeds if f.id not in handled], self.worker_id)
        return report


# Polls stored per writer round at most (a round writes the item-less ones in one transaction).
_WRITE_BATCH = 256
# Feeds with items written per transaction: fewer commits, while the write lock is held briefly.
_ITEM_FEEDS_PER_TRANSACTION = 16


def _logs_level(logger: Any, level: int) -> bool:
    """Whether ``logger`` emits ``level``; True when it cannot tell (not a filtering logger)."""
    is_enabled_for = getattr(logger, "is_enabled_for", None)
    return True if is_enabled_for is None else bool(is_enabled_for(level))


def now_utc() -> datetime:
    return datetime.now(UTC)
