"""Prometheus metrics, counted from the log events the service already emits.

``EVENTS.observe`` is a structlog processor (installed by ``rumour-monitor run``): each
``feed.polled``, ``item.matched``, ``claim.status_changed``, ``webhook.*``, ``websub.*`` ... event moves its
counters, so no module of the service makes metric calls of its own. What the database holds
(claims by status, deliveries pending or dead, failing feeds) is read when ``/metrics`` is asked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from monitor.store.outbox import delivery_counts
from monitor.store.repo import Store

PREFIX = "rumour_monitor_"

# Time to alert, seconds: from a second (a pushed or fast-polled item) to a day (a long retry).
LATENCY_BUCKETS = (1, 2.5, 5, 10, 15, 30, 60, 120, 180, 300, 600, 1800, 3600, 7200, 21600, 86400)


class EventMetrics:
    """The counters fed by log events (one set per process)."""

    def __init__(self) -> None:
        def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
            return Counter(PREFIX + name, doc, labels, registry=None)

        self.polls = counter("polls", "Feed polls, by outcome (ok: the feed was read or unchanged)",
                             ("outcome",))
        self.poll_seconds = Histogram(
            PREFIX + "poll_seconds", "Time from a feed's fetch to its parsed items",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60), registry=None,
        )
        self.items = counter("items", "Items read from feeds: new, or duplicate (stored before)",
                             ("kind",))
        self.matches = counter("matches", "Evidence recorded: match, or review (a candidate)",
                               ("kind",))
        self.status_changes = counter("status_changes", "Status changes, by new status and actor",
                                      ("status", "actor"))
        self.webhook_attempts = counter("webhook_attempts", "Webhook delivery attempts")
        self.webhook_deliveries = counter("webhook_deliveries", "Webhooks delivered (2xx)")
        self.webhook_failures = counter("webhook_failures", "Failed webhook attempts")
        self.webhook_dead = counter("webhook_dead", "Deliveries given up after their last attempt")
        # Notification channels ([[notify]]) go through the same outbox; counted apart, since
        # their failures are the channel's (Slack, e-mail, ...), not a receiver of ours.
        self.notify_attempts = counter("notify_attempts", "Notification channel delivery attempts")
        self.notify_deliveries = counter("notify_deliveries", "Notifications delivered")
        self.notify_failures = counter("notify_failures", "Failed notification attempts")
        self.notify_dead = counter("notify_dead", "Notifications given up after their last attempt")
        self.parser_restarts = counter("parser_restarts", "Parse workers stopped and replaced")
        self.database_errors = counter("database_errors", "Database errors, by the event reporting it",
                                       ("event",))
        self.websub = counter(
            "websub_events", "WebSub events, by kind (requested, subscribed, received, "
            "bad_signature, request_failed, denied, unsubscribed, hub_changed, ...)", ("kind",))

        def latency(name: str, doc: str) -> Histogram:
            return Histogram(PREFIX + name, doc, buckets=LATENCY_BUCKETS, registry=None)

        self.fetch_to_commit = latency(
            "fetch_to_commit_seconds",
            "Time from the fetch of a status change's deciding item to the change's commit")
        self.commit_to_delivered = latency(
            "commit_to_delivered_seconds",
            "Time from a status change's commit to the first delivery of each of its alerts")
        self.published_to_delivered = latency(
            "published_to_delivered_seconds",
            "Time from the publication of a status change's deciding item (its feed's date) to "
            "the first delivery of each of its alerts")
        self._by_event = self._handlers()

    def collectors(self) -> list[Collector]:
        return [
            self.polls, self.poll_seconds, self.items, self.matches, self.status_changes,
            self.webhook_attempts, self.webhook_deliveries, self.webhook_failures, self.webhook_dead,
            self.notify_attempts, self.notify_deliveries, self.notify_failures, self.notify_dead,
            self.parser_restarts, self.database_errors, self.fetch_to_commit,
            self.commit_to_delivered, self.published_to_delivered, self.websub,
        ]

    def observe(self, _logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        """The structlog processor: count the event, pass it on unchanged."""
        with contextlib.suppress(Exception):  # a metric must never cost a log line
            self._count(event)
        return event

    def _count(self, e: MutableMapping[str, Any]) -> None:
        name = str(e.get("event"))
        if str(e.get("error") or "").startswith(("StorageError", "DatabaseError")):
            self.database_errors.labels(name).inc()
        handler = self._by_event.get(name)
        if handler is not None:
            handler(e)
        elif name.startswith("websub."):
            self.websub.labels(name.removeprefix("websub.")).inc()

    def _handlers(self) -> dict[str, Callable[[MutableMapping[str, Any]], None]]:
        return {
            "feed.polled": self._polled,
            "item.matched": lambda e: self.matches.labels(str(e.get("kind", "match"))).inc(),
            "claim.status_changed": self._changed,
            "webhook.delivered": self._delivered,
            "notify.delivered": self._notified,
            "webhook.failed": self._failed,
            "notify.failed": self._notify_failed,
            "parser.restarted": lambda e: self.parser_restarts.inc(),
            "database.file_lost": lambda e: self.database_errors.labels("database.file_lost").inc(),
        }

    def _polled(self, e: MutableMapping[str, Any]) -> None:
        if "new_items" not in e:  # the poller's own debug line; the service's follows the write
            return
        self.polls.labels("ok" if e.get("ok") else "error").inc()
        new, read = int(e.get("new_items") or 0), int(e.get("items") or 0)
        self.items.labels("new").inc(new)
        self.items.labels("duplicate").inc(max(read - new, 0))
        if isinstance(e.get("seconds"), int | float):
            self.poll_seconds.observe(float(e["seconds"]))

    def _changed(self, e: MutableMapping[str, Any]) -> None:
        self.status_changes.labels(str(e.get("to")), str(e.get("actor"))).inc()
        _observe(self.fetch_to_commit, e.get("fetch_to_commit_seconds"))

    def _delivered(self, e: MutableMapping[str, Any]) -> None:
        self.webhook_attempts.inc()
        self.webhook_deliveries.inc()
        self._alert_latency(e)

    def _notified(self, e: MutableMapping[str, Any]) -> None:
        self.notify_attempts.inc()
        self.notify_deliveries.inc()
        self._alert_latency(e)

    def _notify_failed(self, e: MutableMapping[str, Any]) -> None:
        self.notify_attempts.inc()
        self.notify_failures.inc()
        if e.get("dead"):
            self.notify_dead.inc()

    def _alert_latency(self, e: MutableMapping[str, Any]) -> None:
        _observe(self.commit_to_delivered, e.get("commit_to_delivered_seconds"))
        _observe(self.published_to_delivered, e.get("published_to_delivered_seconds"))

    def _failed(self, e: MutableMapping[str, Any]) -> None:
        self.webhook_attempts.inc()
        self.webhook_failures.inc()
        if e.get("dead"):
            self.webhook_dead.inc()


def _observe(histogram: Histogram, seconds: object) -> None:
    """One duration, when the event knows it. A negative one (a feed dating an item after we
    delivered it: clocks disagree) is no latency and is not counted."""
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds >= 0:
        histogram.observe(float(seconds))


# The process's counters: the daemon's log processor feeds them, its web server shows them.
EVENTS = EventMetrics()


class StoreGauges(Collector):
    """What the database holds, read at each scrape."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        claims = GaugeMetricFamily(PREFIX + "claims", "Tracked claims, by status", labels=["status"])
        by_status = self.store.status_counts()
        for status in ("unverified", "confirmed", "denied", "disputed"):
            claims.add_metric([status], by_status.get(status, 0))
        yield claims
        deliveries = GaugeMetricFamily(PREFIX + "deliveries", "Webhook deliveries now pending or dead",
                                       labels=["state"])
        for state, n in delivery_counts(self.store.engine).items():
            deliveries.add_metric([state], n)
        yield deliveries
        feeds = self.store.feeds_overview()
        failing = GaugeMetricFamily(PREFIX + "feeds_failing", "Feeds failing or disabled")
        failing.add_metric([], sum(1 for f in feeds if f["failing"] or f["disabled_reason"]))
        yield failing


def registry_for(store: Store) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=True)
    for c in EVENTS.collectors():
        registry.register(c)
    registry.register(StoreGauges(store))
    return registry


def exposition(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)
