"""The relay: sends due outbox rows (webhooks and Apprise notification channels), records every
attempt.

Each endpoint is drained by its own thread, one delivery at a time, so a slow or dead endpoint
only ever waits on itself. Rows are leased one by one (`monitor.store.outbox.claim_next`); a
lease outlives the attempt's total deadline, so a relay killed mid-send leaves a row that another
run picks up once the lease has expired (the receiver may then see that one event twice, same
webhook-id).

`deliver_due` is one pass (``rumour-monitor deliver --once``); `Relay.run` is the service's loop.
"""

from __future__ import annotations

import json
import os
import random
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import structlog
from sqlalchemy import Engine

from monitor.alerts.notify import endpoint_key, notification_message, send_notification
from monitor.alerts.webhooks import (
    AttemptResult,
    NextStep,
    RetryPolicy,
    next_step,
    redact_endpoint,
    send_webhook,
)
from monitor.clock import utcnow
from monitor.errors import StorageError
from monitor.model import seconds_between
from monitor.netpolicy import webhook_client
from monitor.settings import AlertEndpoint, LoadedSettings, NotifySettings
from monitor.store import outbox

log = structlog.get_logger("monitor.alerts")

# Time the lease allows beyond an attempt's deadline, for recording the result (a busy
# SQLite database may make the write wait up to its 10 s busy timeout).
LEASE_MARGIN = 15.0


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:relay"


def policy_for(ep: AlertEndpoint) -> RetryPolicy:
    return RetryPolicy(tuple(ep.retry_schedule)) if ep.retry_schedule else RetryPolicy()


def lease_seconds(ep: AlertEndpoint) -> float:
    """A delivery's lease: longer than its attempt can take (a webhook's ``timeout`` is a total
    deadline, see ``send_webhook``; a channel's bounds Apprise's connect and its read, so twice
    that), so no other relay sends it meanwhile."""
    if isinstance(ep, NotifySettings):
        return 2 * ep.timeout + LEASE_MARGIN
    return ep.timeout + LEASE_MARGIN


@dataclass
class EndpointSummary:
    url: str  # redacted
    delivered: int = 0
    failed: int = 0  # failed attempts that will be retried
    dead: int = 0
    disabled: str | None = None  # why, when the endpoint is (now) disabled
    error: str | None = None  # the relay itself failed (database trouble)


@dataclass
class DeliverySummary:
    endpoints: list[EndpointSummary] = field(default_factory=list)

    @property
    def delivered(self) -> int:
        return sum(e.delivered for e in self.endpoints)

    @property
    def failed(self) -> int:
        return sum(e.failed for e in self.endpoints)

    @property
    def dead(self) -> int:
        return sum(e.dead for e in self.endpoints)

    def as_dict(self) -> dict[str, Any]:
        return {
            "delivered": self.delivered,
            "failed": self.failed,
            "dead": self.dead,
            "endpoints": [e.__dict__ for e in self.endpoints],
        }


def _unique(endpoints: Sequence[AlertEndpoint]) -> list[AlertEndpoint]:
    seen: dict[str, AlertEndpoint] = {}
    for ep in endpoints:
        seen.setdefault(endpoint_key(ep), ep)
    return list(seen.values())


class Relay:
    """Delivers outbox rows for the configured endpoints (webhooks and notification channels)."""

    def __init__(
        self,
        engine: Engine,
        endpoints: Sequence[AlertEndpoint],
        worker_id: str | None = None,
        *,
        allow_private: bool = False,
        now: Callable[[], datetime] = utcnow,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.engine = engine
        self.endpoints = _unique(endpoints)
        self.worker_id = worker_id or default_worker_id()
        self.allow_private = allow_private
        self.now = now
        self.rng = rng
        self._wake = threading.Event()
        self._endpoints_known = False
        self.every = 2.0  # seconds between rounds in ``run`` (a reload may change it)

    @classmethod
    def from_settings(
        cls, engine: Engine, loaded: LoadedSettings, worker_id: str | None = None
    ) -> Relay:
        s = loaded.settings
        return cls(
            engine, loaded.alert_endpoints(), worker_id, allow_private=s.network.allow_private
        )

    def set_endpoints(self, endpoints: Sequence[AlertEndpoint], allow_private: bool) -> None:
        """After a configuration reload: the next round uses the new endpoints."""
        self.endpoints = _unique(endpoints)
        self.allow_private = allow_private
        self._endpoints_known = False

    def wake(self) -> None:
        """Deliver now rather than at the next tick (e.g. right after a status change)."""
        self._wake.set()

    def _ensure_endpoints(self) -> None:
        if not self._endpoints_known:
            outbox.ensure_endpoints(self.engine, [endpoint_key(ep) for ep in self.endpoints])
            self._endpoints_known = True

    # --- one endpoint ----------------------------------------------------------------------------

    def drain(self, ep: AlertEndpoint, stop: threading.Event | None = None) -> EndpointSummary:
        """Send this endpoint's due deliveries, one at a time, until none is due."""
        key = endpoint_key(ep)
        summary = EndpointSummary(redact_endpoint(key))
        policy = policy_for(ep)
        try:
            disabled = outbox.disabled_endpoints(self.engine).get(key)
            if disabled:
                summary.disabled = disabled
                return summary
            with webhook_client(self.allow_private, ep.timeout) as client:
                while stop is None or not stop.is_set():
                    row = outbox.claim_next(
                        self.engine, key, self.worker_id, self.now(), lease_seconds(ep)
                    )
                    if row is None:
                        break
                    gone = self._attempt(client, ep, policy, row, summary)
                    if gone:
                        break
        except Exception as e:  # noqa: BLE001 - a database hiccup must not kill the relay loop
            summary.error = f"{e.__class__.__name__}: {e}"
            log.error("webhook.relay_error", endpoint=summary.url, error=summary.error)
        return summary

    def _send(self, client: httpx.Client, ep: AlertEndpoint, row: dict[str, Any]) -> AttemptResult:
        """One attempt: a signed POST for a webhook, an Apprise message for a channel."""
        if isinstance(ep, NotifySettings):
            title, body = notification_message(json.loads(row["payload"]))
            sent, status, error, took = send_notification(
                ep.url, title, body, allow_private=self.allow_private, timeout=ep.timeout
            )
            return AttemptResult(status, error, duration=took, delivered=sent)
        return send_webhook(
            client, ep.url, ep.secret, row["event_id"], row["payload"].encode(), ep.timeout,
            self.now(),
        )

    def _attempt(
        self,
        client: httpx.Client,
        ep: AlertEndpoint,
        policy: RetryPolicy,
        row: dict[str, Any],
        summary: EndpointSummary,
    ) -> bool:
        """One attempt for one leased row, recorded; True when the endpoint is gone (410)."""
        result = self._send(client, ep, row)
        # The schedule counts from the latest `redeliver`; the log keeps every attempt.
        attempt_no = row["attempts"] - row["earlier_attempts"] + 1
        done_at = self.now()
        step = next_step(result, attempt_no, done_at, policy, self.rng)
        outbox.record_attempt(
            self.engine,
            outbox.Attempt(
                delivery_id=row["id"],
                endpoint=endpoint_key(ep),
                outcome=step.outcome,
                status=result.status,
                error=result.error,
                at=done_at,
                next_attempt_at=step.next_attempt_at,
                duration_ms=round(result.duration * 1000),
            ),
        )
        fields = {
            "endpoint": summary.url,
            "event_id": row["event_id"],
            "event_type": row["event_type"],
            "delivery_id": row["id"],
            "claim_id": row["claim_id"],
            "status": result.status,
            "attempt": attempt_no,
            "duration_ms": round(result.duration * 1000),
        }
        if step.outcome == "delivered":
            fields |= self._time_to_alert(row, done_at)
        kind = "notify" if isinstance(ep, NotifySettings) else "webhook"
        return _report(step, result, fields, summary, kind)

    def _time_to_alert(self, row: dict[str, Any], delivered_at: datetime) -> dict[str, float | None]:
        """Commit -> delivered and published -> delivered for an alert's first delivery; nothing
        for a redelivery by hand (it measures the person, not the service) or a test event."""
        if row["status_change_id"] is None or row["earlier_attempts"]:
            return {}
        try:
            times = outbox.change_times(self.engine, row["status_change_id"])
        except StorageError:  # the delivery stands; only its latency goes unmeasured
            return {}
        if times is None:
            return {}
        committed_at, published_at = times
        return {
            "commit_to_delivered_seconds": seconds_between(committed_at, delivered_at),
            "published_to_delivered_seconds": seconds_between(published_at, delivered_at),
        }

    # --- all endpoints ---------------------------------------------------------------------------

    def deliver_due(self, stop: threading.Event | None = None) -> DeliverySummary:
        """One pass: every endpoint drained in parallel; returns when all are done."""
        self._ensure_endpoints()
        results: dict[str, EndpointSummary] = {}

        def work(ep: AlertEndpoint) -> None:
            results[endpoint_key(ep)] = self.drain(ep, stop)

        threads = [
            threading.Thread(
                target=work, args=(ep,), name=f"relay {redact_endpoint(endpoint_key(ep))}", daemon=True
            )
            for ep in self.endpoints
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        keys = [endpoint_key(ep) for ep in self.endpoints]
        return DeliverySummary([results[k] for k in keys if k in results])

    def run(self, stop: threading.Event, every: float | None = None) -> None:
        """The service's loop: every `every` seconds (else ``self.every``), or on `wake`, start a
        drain for each endpoint that has none running. A hanging endpoint keeps only its own drain busy.

        A tick or wake that finds an endpoint's drain still running asks that drain to go round
        once more when it ends: it may have read the outbox before the new rows were committed,
        and the next tick can be a minute away.
        """
        if every is not None:
            self.every = every
        lock = threading.Lock()
        busy: set[str] = set()  # endpoints with a drain running (changed only under `lock`)
        again: set[str] = set()  # of those, the ones to drain once more
        threads: list[threading.Thread] = []

        def drain_until_quiet(ep: AlertEndpoint) -> None:
            key = endpoint_key(ep)
            try:
                while True:
                    self.drain(ep, stop)
                    with lock:
                        if key not in again or stop.is_set():
                            return
                        again.discard(key)
            finally:  # also when drain raised: the next tick must be able to start one again
                with lock:
                    again.discard(key)
                    busy.discard(key)

        while not stop.is_set():
            try:
                self._ensure_endpoints()
            except Exception as e:  # noqa: BLE001 - retry at the next tick
                log.error("webhook.relay_error", error=f"{e.__class__.__name__}: {e}")
            else:
                with lock:
                    for ep in list(self.endpoints):
                        key = endpoint_key(ep)
                        if key in busy:
                            again.add(key)
                            continue
                        busy.add(key)
                        t = threading.Thread(
                            target=drain_until_quiet,
                            args=(ep,),
                            name=f"relay {redact_endpoint(key)}",
                            daemon=True,
                        )
                        threads.append(t)
                        t.start()
                threads = [t for t in threads if t.is_alive()]
            self._wake.wait(self.every)
            self._wake.clear()
        for t in threads:
            t.join()


def _report(
    step: NextStep,
    result: AttemptResult,
    fields: dict[str, Any],
    summary: EndpointSummary,
    kind: str = "webhook",
) -> bool:
    """Count and log an attempt's outcome (events ``webhook.*``, or ``notify.*`` for a
    channel); returns True when the endpoint is gone (410)."""
    if step.outcome == "delivered":
        summary.delivered += 1
        log.info(f"{kind}.delivered", **fields)
        return False
    next_at = step.next_attempt_at.isoformat() if step.next_attempt_at else None
    if step.outcome == "dead":
        summary.dead += 1
        log.error(f"{kind}.failed", **fields, error=result.error, next_attempt=None, dead=True)
        return False
    summary.failed += 1
    if step.outcome == "gone":
        summary.disabled = "410 Gone"
        log.error(f"{kind}.failed", **fields, error=result.error, next_attempt=None)
        log.error(
            f"{kind}.endpoint_disabled",
            endpoint=summary.url,
            reason="the receiver answered 410 Gone",
            fix="fix the receiver, then `rumour-monitor webhooks enable URL`",
        )
        return True
    log.warning(f"{kind}.failed", **fields, error=result.error, next_attempt=next_at)
    return False


def deliver_due(
    store_or_engine: Any,
    loaded: LoadedSettings,
    worker_id: str | None = None,
    stop: threading.Event | None = None,
) -> DeliverySummary:
    """One delivery pass (`deliver --once`): accepts a Store (``.engine``) or an Engine; returns
    when every endpoint is drained, or after the sends in progress once `stop` is set.

    A service should rather run `Relay.run` in a thread of its own: a pass waits for its slowest
    endpoint, so repeated passes let a hanging endpoint delay the others' next round.
    """
    engine: Engine = getattr(store_or_engine, "engine", store_or_engine)
    return Relay.from_settings(engine, loaded, worker_id).deliver_due(stop)
