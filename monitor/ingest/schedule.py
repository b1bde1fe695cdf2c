"""When to poll a feed next, and which feed events to log. Pure: data in, data out.

Rules (design §6): a per-feed interval within [min, max], adapted to the feed's own rhythm (time
between its items), never shorter than its ``<ttl>`` or ``Cache-Control: max-age`` (but never
beyond max); jitter so feeds do not move in lockstep; failures back off exponentially with jitter
up to max_interval and keep being retried there; ``Retry-After`` is honoured (clamped to 24 h).

A decisive feed (one that can decide an open claim, ingest/decisive.py) is polled at its decisive
interval when that is sooner than its own rhythm; its ``<ttl>``/``max-age`` still wins unless
``decisive_overrides_ttl``. Its failures back off from the decisive interval, except when the
server asked for fewer requests: a 429/503 backs off from the feed's own interval unless it said
when to come back (``Retry-After``, always honoured).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.model import FeedRow, LogEvent, StoredFeed
from monitor.settings import PollingSettings

MAX_RETRY_AFTER = 24 * 3600.0
_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-)?max-age\s*=\s*\"?(\d+)", re.I)
_NO_CACHE = re.compile(r"(?:^|[,\s])(?:no-store|no-cache)\b", re.I)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one poll found, reduced to what scheduling needs."""

    succeeded: bool
    error: str | None = None
    gone: bool = False  # 410
    retry_after: float | None = None  # seconds
    throttled: bool = False  # 429 or 503: the server asked for fewer requests
    ttl: float | None = None  # seconds, from <ttl>
    max_age: float | None = None  # seconds, from Cache-Control
    item_spacing: float | None = None  # typical seconds between the feed's items
    moved_to: str | None = None  # permanent redirect target
    backlog: int = 0  # new items left for the next polls (more than one poll takes)


@dataclass(frozen=True, slots=True)
class Plan:
    next_poll_at: datetime
    current_interval: float
    error_count: int
    failing: bool
    events: tuple[LogEvent, ...]


def decisive_interval(polling: PollingSettings, feed_min_interval: float | None) -> float:
    """How often a decisive feed is polled: [polling] decisive_interval, but never below a
    min_interval set on the feed itself (the operator's word for that host)."""
    return max(polling.decisive_interval, feed_min_interval or 0.0)


def feed_row(stored: StoredFeed, polling: PollingSettings, decisive_reason: str = "") -> FeedRow:
    """A leased feed with its limits resolved: its own where set, else [polling]'s; the base
    interval clamped into [min, max], and max never below min.

    ``decisive_reason``: why the feed can decide an open claim ("" when it cannot); such a feed
    gets ``decisive_interval``."""
    decisive = polling.decisive and bool(decisive_reason)
    lo = stored.min_interval or polling.min_interval
    hi = stored.max_interval or polling.max_interval
    return FeedRow(
        id=stored.id,
        url=stored.url,
        config_url=stored.config_url,
        source=stored.source,
        interval=min(max(stored.interval or polling.interval, lo), hi),
        min_interval=lo,
        max_interval=max(hi, lo),
        etag=stored.etag,
        last_modified=stored.last_modified,
        body_hash=stored.body_hash,
        current_interval=stored.current_interval,
        error_count=stored.error_count,
        failing=stored.failing,
        last_success_at=stored.last_success_at,
        aggregator=stored.aggregator,
        decisive_interval=decisive_interval(polling, stored.min_interval) if decisive else None,
        decisive_reason=decisive_reason if decisive else "",
    )


def cache_max_age(headers: Mapping[str, str]) -> float | None:
    """Seconds from ``Cache-Control: max-age`` (None when absent or no-cache)."""
    cc = headers.get("cache-control", "")
    if not cc or _NO_CACHE.search(cc):
        return None
    m = _MAX_AGE.search(cc)
    return float(m.group(1)) if m else None


def item_spacing(dates: Sequence[datetime | None], now: datetime) -> float | None:
    """Typical seconds between items, from the publication dates of the newest items.

    None when fewer than 2 usable dates. Future dates (clock skew, scheduled posts) are ignored.
    """
    usable = sorted((d for d in dates if d is not None and d <= now), reverse=True)[:20]
    if len(usable) < 2:
        return None
    # Include the gap since the newest item: a feed that stopped publishing slows down.
    span = (now - usable[-1]).total_seconds()
    return max(span / len(usable), 1.0)


def _clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def _jittered(seconds: float, jitter: float, rnd: float) -> float:
    """``seconds`` spread by +-jitter; ``rnd`` is a uniform number in [0, 1)."""
    return seconds * (1 + jitter * (2 * rnd - 1))


def plan_next(
    feed: FeedRow,
    outcome: Outcome,
    now: datetime,
    *,
    jitter: float,
    failing_after: int,
    rnd: float,
    decisive_overrides_ttl: bool = False,
) -> Plan:
    """When to poll ``feed`` next after ``outcome``, and the feed events to log."""
    events: list[LogEvent] = []
    if outcome.moved_to and outcome.moved_to != feed.url:
        events.append(
            LogEvent("feed.moved", "info", {**_url_fields(feed), "new_url": outcome.moved_to})
        )
    if outcome.succeeded:
        return _after_success(
            feed, outcome, now, events, jitter=jitter, rnd=rnd,
            decisive_overrides_ttl=decisive_overrides_ttl,
        )
    return _after_failure(
        feed, outcome, now, events, jitter=jitter, failing_after=failing_after, rnd=rnd
    )


def _url_fields(feed: FeedRow) -> dict[str, object]:
    return {"feed_id": feed.id, "url": feed.url}


def _bounds(feed: FeedRow) -> tuple[float, float, float]:
    """The feed's (min, max, base) interval, base clamped into [min, max]."""
    lo, hi = feed.min_interval, max(feed.min_interval, feed.max_interval)
    return lo, hi, _clamp(feed.interval, lo, hi)


def _after_success(
    feed: FeedRow,
    outcome: Outcome,
    now: datetime,
    events: list[LogEvent],
    *,
    jitter: float,
    rnd: float,
    decisive_overrides_ttl: bool = False,
) -> Plan:
    """The feed's own rhythm within its bounds, never below its ttl or max-age; errors reset.
    A decisive feed comes back after its decisive interval when that is sooner."""
    lo, hi, base = _bounds(feed)
    interval = base
    if outcome.item_spacing is not None:
        # Aim for about one new item per poll, but move at most 4x away from the configured
        # interval: the user chose it for a reason (rumours need freshness).
        interval = _clamp(outcome.item_spacing, base / 4, base * 4)
    for floor in (outcome.ttl, outcome.max_age):
        if floor:
            interval = max(interval, floor)
    interval = _clamp(interval, lo, hi)
    if feed.decisive_interval is not None:
        fast = feed.decisive_interval
        if not decisive_overrides_ttl:
            # The publisher asked for no more than one poll per ttl/max-age: honoured.
            fast = max([fast, *(f for f in (outcome.ttl, outcome.max_age) if f)])
        # Only ever sooner than the feed's own rhythm, never later.
        lo, interval = min(lo, fast), min(interval, fast)
    delay = _clamp(_jittered(interval, jitter, rnd), lo, hi)
    if outcome.backlog:
        delay = lo  # items are waiting: come back as soon as the feed's bounds allow
    if feed.failing:
        events.append(
            LogEvent(
                "feed.recovered",
                "info",
                {**_url_fields(feed), "after_failures": feed.error_count},
            )
        )
    return Plan(now + timedelta(seconds=delay), interval, 0, False, tuple(events))


def _after_failure(
    feed: FeedRow,
    outcome: Outcome,
    now: datetime,
    events: list[LogEvent],
    *,
    jitter: float,
    failing_after: int,
    rnd: float,
) -> Plan:
    """Exponential backoff (Retry-After honoured), failing after ``failing_after`` errors in a
    row; a gone feed (410) is disabled."""
    lo, hi, base = _bounds(feed)
    errors = feed.error_count + 1
    interval = feed.current_interval or base
    reason = outcome.error or "unknown error"
    url_fields = _url_fields(feed)
    if outcome.gone:
        events.append(LogEvent("feed.disabled", "warning", {**url_fields, "reason": reason}))
        # Disabled feeds are not polled; the date only matters if someone re-enables it.
        return Plan(now + timedelta(seconds=hi), interval, errors, True, tuple(events))

    events.append(
        LogEvent("feed.error", "warning", {**url_fields, "reason": reason, "errors": errors})
    )
    # Exponential backoff from the base interval, capped at max: never dropped, retried there.
    # A decisive feed's transient errors back off from its decisive interval; a 429/503 without
    # Retry-After from the base one (the server asked for fewer requests, not when).
    start = base
    if feed.decisive_interval is not None and (not outcome.throttled or outcome.retry_after is not None):
        start = min(base, feed.decisive_interval)
        lo = min(lo, start)
    backoff = min(hi, start * 2 ** min(errors - 1, 30))
    delay = _clamp(_jittered(backoff, jitter, rnd), lo, hi)
    if outcome.retry_after is not None:
        delay = max(delay, min(outcome.retry_after, MAX_RETRY_AFTER))
    failing = errors >= failing_after
    if failing and not feed.failing:
        events.append(
            LogEvent(
                "feed.failing",
                "error",
                {**url_fields, "reason": reason, "errors": errors},
            )
        )
    return Plan(now + timedelta(seconds=delay), interval, errors, failing, tuple(events))
