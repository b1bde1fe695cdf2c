"""The poll cycle: lease the due feeds, poll them, record each poll, release what was not done.

Fetching and parsing run on the ingest side (``monitor.ingest``) while one writer thread records
the results (``pipeline.record_poll``), a batch of feeds per transaction; after each commit the
new evidence and status changes are logged and announced, and the webhook relay is woken.
"""

from __future__ import annotations

import logging
import os
import queue
import random
import secrets
import socket
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from monitor.clock import utcnow
from monitor.ingest.decisive import (
    ClaimStatus,
    FeedSeen,
    decisive_feeds,
    not_decisive_reason,
    open_claims,
    sooner_poll,
)
from monitor.ingest.poller import poll_feeds
from monitor.ingest.schedule import decisive_interval, feed_row
from monitor.ingest.websub import subscriptions_shown
from monitor.judge.service import STANCE_FAILED, Judge, worker_judge_spec
from monitor.logs import get_logger
from monitor.model import FeedRow, MatchKind, PolledFeed, RecordedChange
from monitor.pipeline import Alerts, PollRecord, announce_changes, record_poll
from monitor.settings import LoadedSettings
from monitor.status_log import StatusLog
from monitor.store.repo import Store

log = get_logger()

PollFeeds = Callable[[LoadedSettings, Sequence[FeedRow], Callable[[PolledFeed], None]], None]

# Polls stored per writer round at most (a round writes the item-less ones in one transaction).
_WRITE_BATCH = 256
# Feeds with items written per transaction: fewer commits, while the write lock is held briefly.
_ITEM_FEEDS_PER_TRANSACTION = 16
# Feeds with items waiting for the writer at most: then fetching waits (``_Backlog``).
_BACKLOG_FEEDS = 2 * _ITEM_FEEDS_PER_TRANSACTION


class _Backlog:
    """The polls waiting for the writer thread (``on_result`` of ``poll_feeds``).

    The writer judges and stores; when it is the bottleneck (the sentence model reads headlines
    there), polls with items would pile up here for the rest of the cycle, each holding its
    parsed items: ``busy`` (read by ``ingest.poller.deliver``) then holds fetching back until the
    writer has taken some. Polls without items (304s) are cheap and do not count. A writer that
    is not running (``writer``: died of an unexpected error) holds nothing back: the cycle then
    ends and releases the feeds it did not store, as before.
    """

    def __init__(self) -> None:
        self.queue: queue.SimpleQueue[PolledFeed | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._with_items = 0
        self.writer: threading.Thread | None = None

    def __call__(self, polled: PolledFeed) -> None:
        if polled.items:
            with self._lock:
                self._with_items += 1
        self.queue.put(polled)

    def take(self, block: bool = True) -> PolledFeed | None:
        """The next poll (None: no more); ``queue.Empty`` when not blocking and none waits."""
        polled = self.queue.get(block)
        if polled is not None and polled.items:
            with self._lock:
                self._with_items -= 1
        return polled

    def busy(self) -> bool:
        writer = self.writer
        return self._with_items >= _BACKLOG_FEEDS and writer is not None and writer.is_alive()


def _open_claim_ids(loaded: LoadedSettings, store: Store) -> tuple[frozenset[str], dict[str, ClaimStatus]]:
    """The ids of the configured claims evidence can still move, and every claim's state."""
    statuses = {cid: ClaimStatus(st, pinned) for cid, (st, pinned) in store.claim_statuses().items()}
    return frozenset(c.id for c in open_claims(loaded.claims(), statuses)), statuses


def decisive_now(
    loaded: LoadedSettings, store: Store, known: tuple[frozenset[str], dict[str, ClaimStatus]] | None = None
) -> tuple[frozenset[str], dict[int, str], list[dict[str, Any]]]:
    """The open claims' ids, the feeds that can decide one of them (feed id -> why) and the feed
    rows read: the claims and feeds as stored now (``known``: the claims already read), the rules
    as configured."""
    still_open, statuses = known or _open_claim_ids(loaded, store)
    claims = loaded.claims()
    if not loaded.settings.polling.decisive or not still_open:
        return still_open, {}, []
    rows = store.feed_schedule_rows()
    seen = [FeedSeen(r["id"], r["url"], r["source"], bool(r["aggregator"])) for r in rows]
    return still_open, decisive_feeds(seen, claims, statuses, loaded.settings.sources.trusted), rows


def feeds_overview(loaded: LoadedSettings, store: Store) -> list[dict[str, Any]]:
    """Every feed as `feeds --json` shows it, with why it is on the fast schedule ("decisive":
    None when it is on its own interval) and its WebSub subscription ("websub": None when no
    hub of it was noted: it names none, or [http] public_url is not set)."""
    rows = store.feeds_overview()
    _, decisive, _ = decisive_now(loaded, store)
    subs = store.websub_by_feed()
    now = utcnow()
    for row in rows:
        row["decisive"] = decisive.get(row["id"])
        row["websub"] = subscriptions_shown(subs.get(row["id"], []), now)
    return rows


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def gone_local_workers(owners: Iterable[str]) -> list[str]:
    """The default worker ids (``host:pid``) of this host whose process is gone (killed or
    crashed), but for this process's own: what they leased need not wait for the lease to run out.
    A process of another host, or of another user, is never taken for gone."""
    host, me = socket.gethostname(), os.getpid()
    gone = []
    for owner in sorted(owners):
        owner_host, _, pid_text = owner.rpartition(":")
        if owner_host != host or not pid_text.isdigit() or int(pid_text) in (me, 0):
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            gone.append(owner)
        except OSError:  # another user's process (EPERM): alive
            continue
    return gone


@dataclass
class PollReport:
    feeds: int = 0
    failed: int = 0
    new_items: int = 0
    matches: int = 0
    deferred: int = 0  # not polled this cycle (their host was busy): due again at once
    changes: list[RecordedChange] = field(default_factory=list)


class Service:
    """The service's moving parts for one configuration: judge, store, logs, alerts."""

    def __init__(self, loaded: LoadedSettings, store: Store, worker_id: str | None = None):
        self.loaded = loaded
        self.store = store
        self.worker_id = worker_id or default_worker_id()
        self.judge = Judge.from_settings(loaded, vectors=store)
        english = self.judge.matcher.english
        if english is not None and english.rewrite_problem:
            log.warning("model.english_not_rewritten", problem=english.rewrite_problem,
                        hint="the packaged file is used (slower, about 135 MB more held); check that the "
                        "cache folder ($XDG_CACHE_HOME or ~/.cache)/rumour-monitor is writable")
        self.alerts = Alerts(loaded.alert_endpoints())
        self.status_log = StatusLog(loaded.status_log_path, store)
        # Called after a status change is committed (the daemon wakes the webhook relay).
        self.on_change: Callable[[], None] | None = None
        # How feeds are polled: a fresh poller per call by default; the daemon keeps one alive.
        spec = worker_judge_spec(loaded)
        self.poll_feeds: PollFeeds = lambda loaded, feeds, on_result: poll_feeds(
            loaded, feeds, on_result, judge=spec
        )
        # Feeds that can decide an open claim (feed id -> why), and the open claims that made
        # them so: recomputed when a claim opens or resolves (read at the start of each cycle).
        self.decisive: dict[int, str] = {}
        self._open_claims: frozenset[str] | None = None

    # ---- decisive feeds -------------------------------------------------------------------------

    def refresh_decisive(self, now: datetime) -> None:
        """When the set of open claims has changed (a status change here, in another worker, by
        hand, or a reload): which feeds are decisive now, and those that just became so are
        brought forward to a decisive interval after their last poll instead of waiting out
        their old, long one. Feeds no longer decisive go back to their own rhythm at their next
        poll."""
        polling = self.loaded.settings.polling
        known = _open_claim_ids(self.loaded, self.store)  # one small query per cycle
        if known[0] == self._open_claims:
            return
        still_open, decisive, rows = decisive_now(self.loaded, self.store, known)
        self._open_claims = still_open
        before, self.decisive = self.decisive, decisive
        by_id = {r["id"]: r for r in rows}
        targets: list[tuple[int, datetime]] = []
        for fid in sorted(set(decisive) - set(before)):
            r = by_id[fid]
            interval = decisive_interval(polling, r["min_interval"])  # as feed_row plans it
            at = sooner_poll(r["last_polled_at"], r["next_poll_at"], now, interval,
                             jitter=polling.jitter, rnd=random.random())
            if at is not None:
                targets.append((fid, at))
            next_poll = at or r["next_poll_at"]
            log.info("feed.decisive", feed_id=fid, url=r["url"], reason=decisive[fid],
                     next_poll=next_poll.isoformat() if next_poll else None)
        self.store.poll_feeds_sooner(targets)
        dropped = sorted(set(before) - set(decisive))
        if dropped and not rows:  # nothing is open: the feed rows were not read
            by_id = {r["id"]: r for r in self.store.feed_schedule_rows()}
        for fid in dropped:
            row = by_id.get(fid)
            seen = FeedSeen(row["id"], row["url"], row["source"], bool(row["aggregator"])) if row else None
            why = not_decisive_reason(seen, self.loaded.claims(), known[1],
                                      self.loaded.settings.sources.trusted, enabled=polling.decisive)
            log.info("feed.not_decisive", feed_id=fid, url=row["url"] if row else None,
                     detail=f"{why}: back to its own interval after its next poll")

    # ---- one cycle ------------------------------------------------------------------------------

    def poll_once(
        self,
        include_not_due: bool = False,
        limit: int | None = None,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> PollReport:
        """Poll the due feeds (or all of them; at most ``limit``) once and process what they bring;
        ``progress(done, total)`` hears of each batch of feeds stored.

        Results are stored by one writer thread while fetching and parsing go on (the database has
        one writer anyway); this returns when every result has been stored.
        """
        report = PollReport()
        self.refresh_decisive(utcnow())
        stored = self.store.lease_due_feeds(
            worker_id=self.worker_id,
            now=utcnow(),
            lease_seconds=self.loaded.settings.daemon.lease,
            include_not_due=include_not_due,
            limit=limit,
        )
        if not stored:
            return report
        polling = self.loaded.settings.polling
        feeds = [feed_row(s, polling, self.decisive.get(s.id, "")) for s in stored]
        handled: set[int] = set()
        results = _Backlog()
        if progress is not None:
            progress(0, len(feeds))
        writer = threading.Thread(
            target=self._write_results, args=(results, report, handled, len(feeds), progress),
            name="store-writer", daemon=True,
        )
        results.writer = writer
        writer.start()
        completed = False
        try:
            self.poll_feeds(self.loaded, feeds, results)
            completed = True
        finally:
            results.queue.put(None)
            writer.join()
            # Feeds not handled (deferred, or the poll was cancelled) go back now, not when the
            # lease runs out.
            left = [f for f in feeds if f.id not in handled]
            self.store.release_feeds([f.id for f in left], self.worker_id)
        if completed and left:
            report.deferred = len(left)
            log.info("feeds.deferred", feeds=len(left), urls=[f.url for f in left[:10]],
                     detail="their hosts' connections were busy for the whole cycle; "
                     "polled in the next one")
        return report

    def _write_results(
        self,
        results: _Backlog,
        report: PollReport,
        handled: set[int],
        total: int = 0,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> None:
        """The writer thread: store the polls as they come, in batches, until None arrives."""
        finished = False
        done = 0  # polls taken (stored or failed), for the progress callback
        while not finished:
            batch: list[PolledFeed] = []
            item = results.take()
            while item is not None:
                batch.append(item)
                if len(batch) >= _WRITE_BATCH:
                    break
                try:
                    item = results.take(block=False)
                except queue.Empty:
                    break
            finished = item is None
            if batch:
                try:
                    handled.update(self.handle_batch(batch, report))
                except Exception as e:  # noqa: BLE001 - keep draining; unhandled feeds are released
                    log.error(
                        "feed.store_failed", feeds=len(batch), error=f"{e.__class__.__name__}: {e}"
                    )
                done += len(batch)
                if progress is not None:
                    progress(done, total)

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
        self._note_hubs(batch)
        plain = [p for p in batch if not p.items]
        if plain:
            if self._save_plain(plain, report):
                done += [p.feed.id for p in plain]
            else:
                retry += plain
        with_items = [p for p in batch if p.items]
        # On PostgreSQL several workers lock claim rows; a multi-feed transaction could take them
        # in an order another worker's does not, and deadlock. One feed per transaction there.
        step = 1 if self.store.is_postgres else _ITEM_FEEDS_PER_TRANSACTION
        for group in (with_items[k : k + step] for k in range(0, len(with_items), step)):
            for p in group:
                self._log_events(p)
            try:
                records = self._save(group)
            except Exception as e:  # noqa: BLE001 - retried feed by feed below
                if len(group) == 1:
                    _store_failed(group[0], e)
                    done.append(group[0].feed.id)
                else:
                    log.warning(
                        "feed.batch_store_failed", feeds=len(group), error=f"{e.__class__.__name__}: {e}"
                    )
                    retry += group
                continue
            for p, record in zip(group, records, strict=True):
                self._after_save(p, record, report)
                done.append(p.feed.id)
        for p in retry:  # their events are logged already
            try:
                (record,) = self._save([p])
                self._after_save(p, record, report)
            except Exception as e:  # noqa: BLE001 - one feed's failure must not stop the cycle
                _store_failed(p, e)
            done.append(p.feed.id)
        return done

    def _save_plain(self, plain: Sequence[PolledFeed], report: PollReport) -> bool:
        """The states of feeds whose poll brought no items, in one transaction; False if it failed
        (the caller retries them one by one)."""
        for p in plain:
            self._log_events(p)
        try:
            self.store.save_feed_states([(p.feed.id, p.update) for p in plain], utcnow())
        except Exception as e:  # noqa: BLE001 - retried feed by feed
            log.warning("feed.batch_store_failed", feeds=len(plain), error=f"{e.__class__.__name__}: {e}")
            return False
        for p in plain:
            self._log_polled(p, 0, report)
        return True

    def _save(self, polls: Sequence[PolledFeed]) -> list[PollRecord]:
        """Several feeds' polls in ONE transaction, all or nothing. Feeds are recorded in order,
        each seeing what the previous ones stored, exactly as one transaction per feed would; one
        commit instead of many is what makes it faster."""
        dedup_window = self.loaded.settings.polling.dedup_window
        with self.store.transaction(utcnow()) as tx:
            # The feeds' rows in one statement: nothing below reads them.
            tx.write_feed_states([(p.feed.id, p.update) for p in polls])
            return [record_poll(tx, self.judge, self.alerts, p, dedup_window) for p in polls]

    # ---- WebSub ---------------------------------------------------------------------------------

    def _note_hubs(self, batch: Sequence[PolledFeed]) -> None:
        """Feeds that name a WebSub hub are subscribed (by the daemon's websub job) when
        [http] public_url says where the hub can reach us."""
        if not self.loaded.settings.http.public_url:
            return
        for p in batch:
            if p.hub and p.topic and p.update.succeeded:
                try:
                    wanted, left = self.store.websub_note_hub(
                        p.feed.id, p.hub, p.topic, secrets.token_hex(32), utcnow())
                    for old in left:
                        log.info("websub.hub_changed", feed_id=p.feed.id, url=p.feed.url,
                                 old_hub=old, hub=p.hub,
                                 detail="the feed names another hub or topic: the old subscription "
                                 "is undone at its hub")
                    if wanted:
                        log.info("websub.hub_found", feed_id=p.feed.id, url=p.feed.url, hub=p.hub,
                                 topic=p.topic)
                except Exception as e:  # noqa: BLE001 - the feed is polled anyway; noted next time
                    log.warning("websub.note_failed", feed_id=p.feed.id,
                                error=f"{e.__class__.__name__}: {e}")

    def record_push(self, polled: PolledFeed) -> PollRecord:
        """A body a WebSub hub pushed, read by the poller (``Poller.read_pushed``): its items go
        through ``record_poll`` exactly as a poll's do (dedup, judgement, evidence, status
        changes, alerts); the feed's poll state (validators, schedule) is left as the polls
        keep it, so polling goes on at its normal interval as a safety net."""
        report = PollReport()
        with self.store.transaction(utcnow()) as tx:
            record = record_poll(
                tx, self.judge, self.alerts, polled, self.loaded.settings.polling.dedup_window
            )
        log.info("websub.received", feed_id=polled.feed.id, url=polled.feed.url,
                 items=len(polled.items), new_items=len(record.new_items))
        self._announce(record, report)
        return record

    # ---- after the commit -----------------------------------------------------------------------

    def _after_save(self, polled: PolledFeed, record: PollRecord, report: PollReport) -> None:
        """The report, the log lines, the status log, the relay's wake-up."""
        self._log_polled(polled, len(record.new_items), report)
        self._announce(record, report)

    def _announce(self, record: PollRecord, report: PollReport) -> None:
        drafts = record.drafts
        report.matches += sum(1 for d in drafts if d.kind is MatchKind.MATCH)
        # One logger for the feed's matches (the lazy ``log`` builds one per call), and no
        # arguments built for lines the level drops: a feed has dozens of matches.
        matched = log.bind() if drafts else None
        for d in drafts:
            if d.cues and d.cues[0].startswith(STANCE_FAILED):  # a fault in the rules: say it loudly
                log.error("stance.failed", claim_id=d.claim_id, item_id=d.item_id, error=d.cues[0],
                          fix="the item and its match are stored (reports, in the review queue); "
                          "please report this line with the item's title")
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
        announce_changes(record.changes, self.status_log)
        report.changes.extend(record.changes)
        if record.changes and self.on_change is not None:
            self.on_change()

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
        seconds = next((e.fields.get("seconds") for e in upd.events if e.event == "feed.polled"), None)
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
            seconds=seconds,
            decisive=polled.feed.decisive_reason or None,
        )


def _store_failed(p: PolledFeed, e: Exception) -> None:
    log.error("feed.store_failed", feed_id=p.feed.id, url=p.feed.url, error=f"{e.__class__.__name__}: {e}")


def _logs_level(logger: Any, level: int) -> bool:
    """Whether ``logger`` emits ``level``; True when it cannot tell (not a filtering logger)."""
    is_enabled_for = getattr(logger, "is_enabled_for", None)
    return True if is_enabled_for is None else bool(is_enabled_for(level))
