"""The long-running service: APScheduler jobs, signals, heartbeat, configuration reload.

Jobs (each in its own thread; the webhook relay has threads of its own, so a slow endpoint never
delays polling):
- poll: lease the feeds that are due (schedule kept per feed in the database) and process them;
- reload: when the configuration file changes, validate it, then apply it (an invalid edit is
  logged and the running configuration kept);
- heartbeat: record that this worker is alive, for `rumour-monitor health`;
- maintenance: retention of old unmatched items and database upkeep.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from monitor.alerts.relay import Relay
from monitor.clock import utcnow
from monitor.ingest.loop import IngestLoop
from monitor.judge.service import WorkerJudgeSpec, semantic_problem, worker_judge_spec
from monitor.logs import get_logger
from monitor.pipeline import Decisions
from monitor.service import Service, default_worker_id
from monitor.settings import ConfigError, LoadedSettings, load_settings
from monitor.store.repo import Store

log = get_logger()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ---- heartbeat ------------------------------------------------------------------------------


def beat(store: Store, worker_id: str, started_at: datetime, polled: bool = False,
         stopped: bool = False) -> None:
    store.beat(worker_id, hostname=socket.gethostname(), pid=os.getpid(), started_at=started_at,
               now=utcnow(), polled=polled, stopped=stopped)


@dataclass(frozen=True)
class Health:
    ok: bool
    reason: str
    workers: list[dict[str, Any]]


def check_health(store: Store, loaded: LoadedSettings, hostname: str | None = None,
                 now: datetime | None = None) -> Health:
    """Alive (recent heartbeat, not stopped) and polling (a recent poll cycle) on this host."""
    now = now or utcnow()
    d = loaded.settings.daemon
    stale_after = timedelta(seconds=max(3 * d.heartbeat, 30))
    # A poll cycle can take a fetch's whole deadline; allow a few of them.
    poll_stale_after = timedelta(
        seconds=max(3 * d.heartbeat, 4 * loaded.settings.network.total_timeout, 120)
    )
    rows = store.heartbeats()
    if hostname:
        rows = [r for r in rows if r["hostname"] == hostname]
    if not rows:
        where = f" on host {hostname}" if hostname else ""
        return Health(False, f"no daemon has run{where}: start it with `rumour-monitor run`", rows)
    live = [r for r in rows if r["stopped_at"] is None and now - r["beat_at"] <= stale_after]
    if not live:
        newest = max(rows, key=lambda r: r["beat_at"])
        if newest["stopped_at"] is not None:
            return Health(False, f"daemon {newest['worker_id']} stopped at "
                          f"{newest['stopped_at'].isoformat()}", rows)
        age = int((now - newest["beat_at"]).total_seconds())
        return Health(False, f"no heartbeat for {age} s (last from {newest['worker_id']}): "
                      "the daemon is hung or was killed", rows)
    polling = [r for r in live if r["last_poll_at"] and now - r["last_poll_at"] <= poll_stale_after]
    if not polling:
        return Health(False, "the daemon is alive but has not completed a poll cycle recently", rows)
    return Health(True, f"{len(polling)} worker(s) alive and polling", rows)


# ---- retention ------------------------------------------------------------------------------


def apply_retention(store: Store, loaded: LoadedSettings, now: datetime | None = None) -> int:
    """Delete items older than [retention] items_days that never matched a claim.

    Matched items are evidence of a status history and are kept.
    """
    now = now or utcnow()
    return store.apply_retention(now - timedelta(days=loaded.settings.retention.items_days))


# ---- the daemon -----------------------------------------------------------------------------


class Daemon:
    def __init__(self, config_path: Path, loaded: LoadedSettings, store: Store,
                 worker_id: str | None = None):
        self.config_path = config_path
        self.loaded = loaded
        self.store = store
        self.worker_id = worker_id or default_worker_id()
        # The webhook relay runs in its own thread (one more per endpoint), apart from the
        # scheduler's pool, so a hanging endpoint never delays polling or other endpoints.
        self.relay = Relay.from_settings(store.engine, loaded, self.worker_id)
        self.ingest = IngestLoop(loaded, worker_judge_spec(loaded))
        self._retired: list[IngestLoop] = []
        self.service = self._make_service(loaded)
        self.config_digest = file_digest(config_path)
        self.started_at = utcnow()
        self.stopping = threading.Event()
        self.stopped = threading.Event()
        self._lock = threading.Lock()  # guards swapping the service on reload
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(4)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
            timezone=UTC,
        )

    def _make_service(self, loaded: LoadedSettings) -> Service:
        service = Service(loaded, self.store, self.worker_id)
        service.poll_feeds = self.ingest.poll_feeds
        service.on_change = self.relay.wake
        return service

    # jobs ------------------------------------------------------------------------------------

    def job_poll(self) -> None:
        if self.stopping.is_set():
            return
        while self._retired:  # pollers replaced by a reload; no poll uses them any more
            self._retired.pop().close()
        with self._lock:
            service = self.service
        try:
            # Batches keep each lease short-lived and let a stop take effect between them.
            batch = self.loaded.settings.daemon.poll_batch
            while not self.stopping.is_set():
                report = service.poll_once(limit=batch)
                if report.feeds < batch:
                    break
        finally:
            beat(self.store, self.worker_id, self.started_at, polled=True)

    def job_heartbeat(self) -> None:
        beat(self.store, self.worker_id, self.started_at)

    def job_reload(self) -> None:
        digest = file_digest(self.config_path)
        if digest is None or digest == self.config_digest:
            return
        self.config_digest = digest
        try:
            loaded = load_settings(self.config_path)
            problem = semantic_problem(loaded)  # the judge could not be built: not applied
            if problem:
                raise problem
        except ConfigError as e:
            log.error(
                "config.invalid",
                path=str(self.config_path),
                errors=[f"{k}: {m}" if k else m for k, m in e.problems],
                hint="fix the file; the running configuration is kept until then",
            )
            return
        if loaded.database_url != self.loaded.database_url:
            log.warning("config.restart_needed", key="database.url",
                        hint="a new database URL takes effect after a restart")
            return
        before = {c.id: c for c in self.loaded.claims()}
        self.store.sync_config(loaded.claims(), loaded.feed_configs(), utcnow())
        old = self.loaded.settings
        if (loaded.settings.network, loaded.settings.polling) != (old.network, old.polling) or (
            WorkerJudgeSpec.from_settings(loaded).key != WorkerJudgeSpec.from_settings(self.loaded).key
        ):
            # New limits need a new poller, and new claims or [matching] new parse workers (they
            # judge the items too); the old one is closed once no poll uses it. (Results judged
            # under the old claims in the meantime are judged again by the service.)
            with self._lock:
                self._retired.append(self.ingest)
                self.ingest = IngestLoop(loaded, worker_judge_spec(loaded))
        service = self._make_service(loaded)
        with self._lock:
            self.loaded, self.service = loaded, service
        self.relay.set_endpoints(loaded.settings.webhooks, loaded.settings.network.allow_private)
        log.info("config.reloaded", path=str(self.config_path), claims=len(loaded.settings.claims),
                 feeds=len(loaded.settings.feeds), webhooks=len(loaded.settings.webhooks))
        # New or edited claims are judged against the items already stored.
        changed = [c.id for c in loaded.claims() if before.get(c.id) != c]
        if changed:
            self._backfill(loaded, changed)

    def _backfill(self, loaded: LoadedSettings, claim_ids: list[str]) -> None:
        report = Decisions(loaded, self.store, self.service.judge).backfill(claim_ids)
        if report.changes:
            self.relay.wake()
        log.info("claims.backfilled", claims=claim_ids, items=report.items,
                 evidence=report.evidence, changes=len(report.changes))

    def job_maintenance(self) -> None:
        removed = apply_retention(self.store, self.loaded)
        log.info("maintenance.done", items_removed=removed)

    def _guarded(self, name: str, job: Any) -> Any:
        """Run a job, logging a failure as one line (the next run tries again)."""

        def run() -> None:
            try:
                job()
            except Exception as e:  # noqa: BLE001 - a job failure must not end the daemon
                log.error("job.failed", job=name, error=f"{e.__class__.__name__}: {e}",
                          hint="retried at the next run; check the database and configuration")

        return run

    # lifecycle ---------------------------------------------------------------------------------

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self.stopping.is_set():
            log.warning("daemon.killed", signal=name, detail="second signal: exiting at once")
            os._exit(128 + signum)
        log.info("daemon.stopping", signal=name, grace_seconds=self.loaded.settings.daemon.grace_period)
        self.stopping.set()

    def run(self) -> int:
        d = self.loaded.settings.daemon
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        # A restart under the same worker id takes back what it held before it died.
        self.store.release_worker(self.worker_id)
        beat(self.store, self.worker_id, self.started_at)
        s = self.scheduler
        now = utcnow()
        g = self._guarded
        s.add_job(g("poll", self.job_poll), "interval", seconds=d.poll_check, id="poll",
                  next_run_time=now)
        s.add_job(g("heartbeat", self.job_heartbeat), "interval", seconds=d.heartbeat, id="heartbeat")
        s.add_job(g("reload", self.job_reload), "interval", seconds=d.reload_check, id="reload")
        s.add_job(g("maintenance", self.job_maintenance), "interval", seconds=d.maintenance_every,
                  id="maintenance", next_run_time=now + timedelta(seconds=60))
        # A poll still running when the next is due is skipped on purpose; don't log it as a warning.
        logging.getLogger("apscheduler").setLevel(logging.ERROR)
        s.start()
        relay_thread = threading.Thread(
            target=self.relay.run, args=(self.stopping, d.deliver_every), name="relay", daemon=True
        )
        relay_thread.start()
        log.info("daemon.started", worker_id=self.worker_id, config=str(self.config_path),
                 feeds=len(self.loaded.settings.feeds), claims=len(self.loaded.settings.claims),
                 database=self.store.engine.url.render_as_string(hide_password=True))
        while not self.stopping.wait(1.0):
            pass
        return self.shutdown()

    def shutdown(self) -> int:
        grace = self.loaded.settings.daemon.grace_period
        self.scheduler.pause()
        done = threading.Event()

        def wait_jobs() -> None:
            self.scheduler.shutdown(wait=True)
            done.set()

        threading.Thread(target=wait_jobs, daemon=True).start()
        started = time.monotonic()
        finished = done.wait(grace)
        # Whatever is still leased by us goes back to the pool now (nothing half-written exists:
        # each feed and each delivery is one transaction).
        self.store.release_worker(self.worker_id)
        if finished:
            for ingest in [self.ingest, *self._retired]:
                ingest.close()
        beat(self.store, self.worker_id, self.started_at, stopped=True)
        log.info("daemon.stopped", worker_id=self.worker_id, clean=finished,
                 seconds=round(time.monotonic() - started, 1))
        self.stopped.set()
        return 0
