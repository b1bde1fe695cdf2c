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

import contextlib
import hashlib
import logging
import os
import signal
import socket
import sys
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
from monitor.ingest.loop import IngestLoop, PollCancelled
from monitor.judge.service import WorkerJudgeSpec, semantic_problem, worker_judge_spec
from monitor.logs import get_logger
from monitor.pipeline import Decisions
from monitor.push import WebSubSubscriber
from monitor.service import Service, default_worker_id, gone_local_workers
from monitor.settings import ConfigError, DaemonSettings, LoadedSettings, load_settings
from monitor.store.repo import Store

log = get_logger()

# The scheduler's jobs whose interval is a [daemon] key.
_JOB_INTERVALS = {
    "poll": "poll_check",
    "websub": "poll_check",
    "heartbeat": "heartbeat",
    "reload": "reload_check",
    "maintenance": "maintenance_every",
}


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
        # WebSub push, when hubs can reach us ([http] public_url; an [http] change needs a restart).
        self.websub: WebSubSubscriber | None = None
        if loaded.settings.http.public_url:
            self.websub = WebSubSubscriber(lambda: self.loaded, lambda: self.service,
                                           lambda: self.ingest)
        self.config_digest = file_digest(config_path)
        self.started_at = utcnow()
        self.stopping = threading.Event()
        self.stopped = threading.Event()
        self._signal: int | None = None  # the stop signal received, read by the main loop
        self._lock = threading.Lock()  # guards swapping the service on reload
        # Once the "stopped" heartbeat is written no other may follow it (`health` reads it).
        self._beat_lock = threading.Lock()
        self._beats_over = False
        self._relay_thread: threading.Thread | None = None
        # A reload that could not be applied (a locked database...) is tried again after a pause.
        self._reload_failures = 0
        self._reload_retry_at = 0.0
        self._backfill_pending: list[str] = []
        # The SQLite file opened: deleted or replaced under us, the daemon stops (exit 1).
        self._db_file = store.sqlite_file
        self._db_identity = _file_identity(self._db_file) if self._db_file else None
        self.fatal: str | None = None
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
        except PollCancelled:
            log.info("poll.cancelled", worker_id=self.worker_id,
                     detail="stopping: the feeds not yet polled were handed back")
            return
        finally:
            self._beat(polled=True)

    def job_websub(self) -> None:
        """Subscribe, renew and unsubscribe at the hubs, as the subscriptions' times say."""
        if self.websub is not None and not self.stopping.is_set():
            self.websub.request_due()

    def job_heartbeat(self) -> None:
        problem = self._database_file_problem()
        if problem:
            # Writing on would go to a file nobody can open any more (or miss the new one).
            self.fatal = problem
            log.error("database.file_lost", path=str(self._db_file), problem=problem,
                      hint="the daemon stops (exit 1) so that its supervisor restarts it on the "
                      "file now at that path; restore the file from a backup first if it was "
                      "deleted by mistake")
            self.stopping.set()
            self.relay.wake()
            return
        self._beat()

    def _database_file_problem(self) -> str | None:
        if self._db_file is None:
            return None
        now = _file_identity(self._db_file)
        if now is None:
            return "the SQLite database file was deleted while the daemon was using it"
        if now != self._db_identity:
            return "the SQLite database file was replaced by another file while the daemon was using it"
        return None

    def _beat(self, polled: bool = False, stopped: bool = False) -> None:
        with self._beat_lock:
            if self._beats_over:
                return
            self._beats_over = stopped
            beat(self.store, self.worker_id, self.started_at, polled=polled, stopped=stopped)

    def job_reload(self) -> None:
        """Apply the configuration file when it has changed; an edit is taken as done only once
        it is applied (a failure to apply it, such as a locked database, is retried)."""
        if self._backfill_pending:
            self._backfill(self.loaded, self._backfill_pending)
        digest = file_digest(self.config_path)
        if digest is None or digest == self.config_digest or time.monotonic() < self._reload_retry_at:
            return
        try:
            loaded = load_settings(self.config_path)
            problem = semantic_problem(loaded)  # the judge could not be built: not applied
            if problem:
                raise problem
        except ConfigError as e:
            self.config_digest = digest  # said once; the next edit is read again
            log.error(
                "config.invalid",
                path=str(self.config_path),
                errors=[f"{k}: {m}" if k else m for k, m in e.problems],
                hint="fix the file; the running configuration is kept until then",
            )
            return
        if loaded.database_url != self.loaded.database_url:
            self.config_digest = digest
            log.warning("config.restart_needed", key="database.url",
                        hint="a new database URL takes effect after a restart")
            return
        if loaded.settings.http != self.loaded.settings.http:
            # The web server keeps its address and token until a restart; the rest applies now.
            log.warning("config.restart_needed", key="http",
                        hint="[http] changes take effect after a restart")
        try:
            self._apply(loaded)
        except Exception as e:  # noqa: BLE001 - kept for a retry; the running configuration stays
            self._reload_failures += 1
            wait = min(self.loaded.settings.daemon.reload_check * 2**self._reload_failures, 300.0)
            self._reload_retry_at = time.monotonic() + wait
            log.error("config.reload_failed", path=str(self.config_path),
                      error=f"{e.__class__.__name__}: {e}", retry_in_seconds=round(wait, 1),
                      hint="the running configuration is kept; the edit is applied when this "
                      "succeeds (check the database)")
            return
        self.config_digest = digest
        self._reload_failures = 0
        self._reload_retry_at = 0.0

    def _apply(self, loaded: LoadedSettings) -> None:
        """Make ``loaded`` the running configuration: the database first (the only step that
        can fail for outside reasons), then the poller, the service, the relay and the jobs."""
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
        self.relay.set_endpoints(loaded.alert_endpoints(), loaded.settings.network.allow_private)
        changed_daemon = self._reschedule(old.daemon, loaded.settings.daemon)
        log.info("config.reloaded", path=str(self.config_path), claims=len(loaded.settings.claims),
                 feeds=len(loaded.settings.feeds), webhooks=len(loaded.settings.webhooks),
                 notify=len(loaded.settings.notify),
                 daemon_keys_changed=changed_daemon)
        # New or edited claims are judged against the items already stored.
        changed = [c.id for c in loaded.claims() if before.get(c.id) != c]
        if changed:
            self._backfill(loaded, sorted({*self._backfill_pending, *changed}))

    def _reschedule(self, old: DaemonSettings, new: DaemonSettings) -> list[str]:
        """Apply changed [daemon] keys to the running jobs; returns the names of those changed
        (lease, poll_batch and grace_period are read where they are used)."""
        changed = [k for k in DaemonSettings.model_fields if getattr(old, k) != getattr(new, k)]
        for job_id, key in _JOB_INTERVALS.items():
            if key in changed and self.scheduler.get_job(job_id) is not None:
                self.scheduler.reschedule_job(job_id, trigger="interval", seconds=getattr(new, key))
        self.relay.every = new.deliver_every
        return changed

    def _backfill(self, loaded: LoadedSettings, claim_ids: list[str]) -> None:
        try:
            report = Decisions(loaded, self.store, self.service.judge).backfill(claim_ids)
        except Exception as e:  # noqa: BLE001 - tried again at the next reload check
            self._backfill_pending = claim_ids
            log.error("claims.backfill_failed", claims=claim_ids,
                      error=f"{e.__class__.__name__}: {e}",
                      hint="tried again at the next reload check; or run `rumour-monitor claims backfill`")
            return
        self._backfill_pending = []
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
        """Only note the signal: a handler runs in the main thread between two of its steps, maybe
        while it holds the log's lock or the stop Event's, and taking either again would hang the
        daemon for good (a SIGTERM just after "daemon.started" did). The main loop acts on it."""
        if self._signal is not None:
            # A second signal: exit at once, saying so without the log's lock.
            name = signal.Signals(signum).name
            line = f'{{"event": "daemon.killed", "signal": "{name}", "detail": "second signal: exiting at once"}}\n'
            with contextlib.suppress(OSError):
                os.write(1, line.encode())
            os._exit(128 + signum)
        self._signal = signum

    def _stop_on_signal(self) -> None:
        """The main loop's side of a stop signal."""
        assert self._signal is not None
        log.info("daemon.stopping", signal=signal.Signals(self._signal).name,
                 grace_seconds=self.loaded.settings.daemon.grace_period)
        self.stopping.set()
        self.relay.wake()  # its loop sees the stop now, not at its next tick

    def run(self) -> int:
        d = self.loaded.settings.daemon
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        # A restart under the same worker id takes back what it held before it died; so does one
        # under a new id (a new pid) what a dead process of this host held: its feeds are polled
        # now, not when their lease runs out ([daemon] lease, 5 minutes by default).
        self.store.release_worker(self.worker_id)
        for gone in gone_local_workers(self.store.lease_owners()):
            self.store.release_worker(gone)
            log.info("daemon.leases_taken_back", worker_id=gone,
                     detail="a process of this host that held them is gone (killed or crashed)")
        self._beat()
        # Lines a crash kept from the status log (committed, not yet appended) are written now.
        caught_up = self.service.status_log.catch_up()
        if caught_up:
            log.info("status_log.caught_up", path=str(self.service.status_log.path), lines=caught_up)
        s = self.scheduler
        now = utcnow()
        g = self._guarded
        s.add_job(g("poll", self.job_poll), "interval", seconds=d.poll_check, id="poll",
                  next_run_time=now)
        if self.websub is not None:
            s.add_job(g("websub", self.job_websub), "interval", seconds=d.poll_check, id="websub",
                      next_run_time=now)
        s.add_job(g("heartbeat", self.job_heartbeat), "interval", seconds=d.heartbeat, id="heartbeat")
        s.add_job(g("reload", self.job_reload), "interval", seconds=d.reload_check, id="reload")
        s.add_job(g("maintenance", self.job_maintenance), "interval", seconds=d.maintenance_every,
                  id="maintenance", next_run_time=now + timedelta(seconds=60))
        # A poll still running when the next is due is skipped on purpose; don't log it as a warning.
        logging.getLogger("apscheduler").setLevel(logging.ERROR)
        s.start()
        self._relay_thread = threading.Thread(
            target=self.relay.run, args=(self.stopping, d.deliver_every), name="relay", daemon=True
        )
        self._relay_thread.start()
        log.info("daemon.started", worker_id=self.worker_id, config=str(self.config_path),
                 feeds=len(self.loaded.settings.feeds), claims=len(self.loaded.settings.claims),
                 database=self.store.engine.url.render_as_string(hide_password=True))
        while not self.stopping.wait(_SIGNAL_CHECK_SECONDS):
            if self._signal is not None:
                self._stop_on_signal()
        return self.shutdown()

    def shutdown(self) -> int:
        """Stop within the grace period: running jobs may finish; then polls still in progress
        are cancelled (their feeds handed back, nothing of theirs written). Leases are released
        only once nothing can still write under them; the "stopped" heartbeat is the last."""
        grace = self.loaded.settings.daemon.grace_period
        started = time.monotonic()
        self.scheduler.pause()
        jobs_done = threading.Event()

        def wait_jobs() -> None:
            self.scheduler.shutdown(wait=True)
            jobs_done.set()

        threading.Thread(target=wait_jobs, daemon=True).start()
        finished = jobs_done.wait(grace)
        cancelled = 0
        if not finished:
            cancelled = sum(ingest.cancel() for ingest in [self.ingest, *self._retired])
            log.warning("daemon.cancelling", worker_id=self.worker_id, polls=cancelled,
                        detail=f"still running after the {grace:g} s grace period: cancelled")
            jobs_done.wait(_SETTLE_SECONDS)
        relay_done = self._relay_thread is None or _joined(
            self._relay_thread, max(grace - (time.monotonic() - started), 0) + _SETTLE_SECONDS
        )
        settled = jobs_done.is_set() and relay_done
        if settled:
            # Nothing runs under our leases any more: hand back what is left at once.
            self.store.release_worker(self.worker_id)
            for ingest in [self.ingest, *self._retired]:
                ingest.close()
        self._beat(stopped=True)
        seconds = round(time.monotonic() - started, 1)
        self.stopped.set()
        if not settled:
            # A job or a webhook send does not end (a hung database call...). Its leases are
            # kept, so no other worker takes its feed or delivery until they expire.
            log.error("daemon.stopped", worker_id=self.worker_id, clean=False, settled=False,
                      seconds=seconds, hint="leases left to expire ([daemon] lease)")
            _flush_and_exit(1)
        log.info("daemon.stopped", worker_id=self.worker_id, clean=finished, seconds=seconds,
                 cancelled_polls=cancelled, **({"error": self.fatal} if self.fatal else {}))
        return 1 if self.fatal else 0


# How often the main loop looks for a stop signal noted by the handler.
_SIGNAL_CHECK_SECONDS = 0.2
# After cancelling, how long the cancelled work has to unwind before the daemon gives up on it.
_SETTLE_SECONDS = 10.0


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a file; None when it is gone."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def _joined(thread: threading.Thread, timeout: float) -> bool:
    thread.join(timeout)
    return not thread.is_alive()


def _flush_and_exit(code: int) -> None:
    """Exit now, without waiting for threads that do not end."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
