"""Plain types passed between the layers: the pure core (normalise, match, stance, rules), the
pipeline and the store.

Nothing here knows about HTTP, SQL or the clock, and nothing here imports the rest of the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")


def _pickled_as_tuple(cls: type[_T]) -> type[_T]:
    """Pickle instances as (class, field values).

    The parse workers send every item, match and stance back to the service; the default pickling
    of a slots dataclass calls ``fields()`` for every object and made this about 2.5x slower.
    """
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[type[_T], tuple[Any, ...]]:  # noqa: N807
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


class Stance(StrEnum):
    """How a matched item relates to a claim."""

    CONFIRMS = "confirms"  # asserts the claim as fact
    DENIES = "denies"  # refutes or debunks it
    REPORTS = "reports"  # repeats it as rumour, question or unconfirmed report


class Status(StrEnum):
    UNVERIFIED = "unverified"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    DISPUTED = "disputed"


class SourceTier(StrEnum):
    OFFICIAL = "official"
    TRUSTED = "trusted"
    OTHER = "other"


class MatchKind(StrEnum):
    MATCH = "match"  # at or above the match threshold: counts as evidence
    REVIEW = "review"  # between review and match threshold: a candidate for a person


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Item:
    """One news item, normalised: plain text, canonical link, publisher."""

    title: str
    summary: str
    link: str
    source: str  # publisher domain or name
    guid: str = ""
    published_at: datetime | None = None
    dedup_key: str = ""
    # Copies of one story share these (see ingest/normalise.py): the canonical link's key, and the
    # (source, normalised title) key. None: the item has no link / no title.
    link_key: str | None = None
    title_key: str | None = None
    # What the item is written in (judge/language.py): ISO 639-1 code ("" when unsure), script.
    language: str = ""
    script: str = ""
    # When the item links to a claim's official domain from another feed: whether that page was
    # fetched and found ("verified at URL", "not verified: why"); "" when not checked.
    link_proof: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A tracked claim as configured."""

    id: str
    text: str
    aliases: tuple[str, ...] = ()
    # Every group must appear (fuzzily) in an item for it to match; a group is a set of alternatives.
    require: tuple[tuple[str, ...], ...] = ()
    official_sources: tuple[str, ...] = ()
    match_threshold: float | None = None  # None: the global default
    review_threshold: float | None = None


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Match:
    """An item scored against one claim, with why."""

    claim_id: str
    score: float  # 0..100
    kind: MatchKind
    matched_terms: tuple[str, ...] = ()
    why: str = ""


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class StanceResult:
    stance: Stance
    confidence: float  # 0..1
    cues: tuple[str, ...] = ()  # human-readable reasons, e.g. "refuting: 'denies'"


# What the judge found for one item: each claim it matches, with the stance towards that claim.
Judged = tuple[tuple[Match, StanceResult], ...]


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """What the status rules see of one piece of evidence."""

    id: int
    source: str
    source_tier: SourceTier
    stance: Stance
    score: float
    title: str = ""
    link: str = ""
    published_at: datetime | None = None
    # Items that are syndicated copies of one story share a story key and count once.
    story_key: str = ""


@dataclass(frozen=True, slots=True)
class RulePolicy:
    """How much evidence decides a claim (configurable per claim)."""

    official_needed: int = 1
    trusted_needed: int = 2


@dataclass(frozen=True, slots=True)
class Decision:
    """The status a claim should have now, and why."""

    status: Status
    reason: str
    evidence_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """A feed as configured (what the store keeps in step with the configuration file)."""

    url: str
    source: str | None = None
    interval: float | None = None  # None: the [polling] default
    min_interval: float | None = None
    max_interval: float | None = None
    aggregator: bool = False  # a news-search feed: items attributed one by one


@dataclass(frozen=True, slots=True)
class StoredFeed:
    """A row of the feeds table as leased: its own limits, None where the default applies
    (``ingest.schedule.feed_row`` resolves them into a FeedRow)."""

    id: int
    url: str
    config_url: str
    source: str | None
    interval: float | None
    min_interval: float | None
    max_interval: float | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    current_interval: float | None
    error_count: int
    failing: bool
    last_success_at: datetime | None
    aggregator: bool = False


@dataclass(frozen=True, slots=True)
class FeedRow:
    """What the poller needs to know of one feed (a row of the feeds table, limits resolved)."""

    id: int
    url: str  # the URL polled now (a 301/308 moves it)
    config_url: str  # the URL as configured
    source: str | None
    interval: float  # configured base interval, seconds
    min_interval: float
    max_interval: float
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    current_interval: float | None = None  # adapted interval, seconds
    error_count: int = 0
    failing: bool = False
    last_success_at: datetime | None = None
    aggregator: bool = False  # a news-search feed: items attributed one by one
    # Set while the feed can decide an open claim (ingest/decisive.py): polled this often at most,
    # and why, in words (logged with each poll, shown by `feeds`).
    decisive_interval: float | None = None
    decisive_reason: str = ""


@dataclass(frozen=True, slots=True)
class LogEvent:
    """A log event the imperative shell should emit, e.g. ("feed.failing", {...})."""

    event: str
    level: str = "info"
    fields: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """The new state of a feed after one poll: the store writes it as it is."""

    url: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    polled_at: datetime
    succeeded: bool
    last_status: str  # short human summary: "200 OK", "304 Not Modified", "timeout after 30 s"
    next_poll_at: datetime
    current_interval: float | None
    error_count: int
    last_error: str | None
    failing: bool
    disabled_reason: str | None = None
    events: tuple[LogEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class PolledFeed:
    """The outcome of polling one feed: its new state and the items it yielded."""

    feed: FeedRow
    update: FeedUpdate
    items: tuple[Item, ...] = ()
    # Matches and stances found by the parse worker, one entry per item (each a tuple of
    # (Match, StanceResult), or None for an item left to the service), under the judge
    # configuration named by judge_key; None: not judged at all.
    judged: tuple[Judged | None, ...] | None = None
    judge_key: str = ""
    # WebSub discovery, when the body was parsed: the hub the feed names and its topic URL.
    hub: str | None = None
    topic: str | None = None
    # When the feed's answer (or a pushed body) arrived: the items' fetch time; None: the
    # update's polled_at.
    fetched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ClaimState:
    """A claim's row as the rules see it: its status now, and whether a person pinned it."""

    id: str
    text: str
    status: Status
    pinned: bool
    archived: bool


@dataclass(frozen=True, slots=True)
class NewItem:
    """An item stored for the first time, with its row id and the story it belongs to."""

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
    # Why the source has its tier: "declared feed source mi.com", "verified at https://…",
    # "links to mi.com, not verified: 404 Not Found", "trusted outlet reuters.com", …
    provenance: str = ""


@dataclass(frozen=True, slots=True)
class RecordedChange:
    """A status change as stored, with the evidence that caused it (as ``history`` shows it)."""

    id: int
    claim_id: str
    claim_text: str
    from_status: str
    to_status: str
    reason: str
    at: datetime
    actor: str
    evidence: tuple[dict[str, Any], ...]
    # Time to alert. The deciding item (of the evidence, the one fetched last) was fetched and
    # published (None for a change by hand, or an unknown date); the change was committed (None
    # until written just after the commit); its first alert was delivered (None: not yet, or
    # no endpoint wanted it).
    fetched_at: datetime | None = None
    published_at: datetime | None = None
    committed_at: datetime | None = None
    delivered_at: datetime | None = None

    @property
    def committed(self) -> datetime:
        """When the change was committed: ``at`` (its transaction's time) until that is written."""
        return self.committed_at or self.at

    def latency(self) -> dict[str, float | None]:
        """The derived seconds: fetch -> commit, commit -> first delivery, published -> first
        delivery (None where a time is unknown)."""
        return {
            "fetch_to_commit_seconds": seconds_between(self.fetched_at, self.committed),
            "commit_to_delivered_seconds": seconds_between(self.committed, self.delivered_at),
            "published_to_delivered_seconds": seconds_between(self.published_at, self.delivered_at),
        }

    def latency_words(self) -> str:
        """The time to alert in words (``history``, the claim page); "" for a change by hand."""
        if self.fetched_at is None:
            return ""
        s = self.latency()
        parts = [f"fetched → committed {_secs(s['fetch_to_commit_seconds'])}"]
        if self.delivered_at is None:
            parts.append("no alert delivered yet")
        else:
            parts.append(f"committed → first alert delivered {_secs(s['commit_to_delivered_seconds'])}")
            if self.published_at is not None:
                parts.append(f"published → delivered {_secs(s['published_to_delivered_seconds'])}")
        if self.published_at is None:
            parts.append("the feed gave no publication date")
        return ", ".join(parts)

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
            "fetched_at": _iso(self.fetched_at),
            "published_at": _iso(self.published_at),
            "committed_at": _iso(self.committed_at),
            "delivered_at": _iso(self.delivered_at),
            **self.latency(),
        }


def seconds_between(start: datetime | None, end: datetime | None) -> float | None:
    """``end - start`` in seconds (to the millisecond); None when either is unknown."""
    if start is None or end is None:
        return None
    return round((end - start).total_seconds(), 3)


def _secs(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    if abs(seconds) < 120:
        return f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min" if abs(seconds) < 7200 else f"{seconds / 3600:.1f} h"


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One alert to deliver to one endpoint, queued in the transaction of the change it announces."""

    event_id: str  # the webhook-id: stable across retries
    event_type: str
    claim_id: str | None
    status_change_id: int | None
    endpoint: str
    payload: str  # the exact body sent (and signed)
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Subscription:
    """A WebSub subscription of one feed (a row of websub_subscriptions). ``secret`` signs the
    hub's distributions: never shown or logged (``__repr__`` leaves it out)."""

    id: int
    feed_id: int
    hub: str
    topic: str
    secret: str = field(repr=False)
    mode: str  # what we last asked the hub: "subscribe" or "unsubscribe"
    verified_at: datetime | None
    lease_until: datetime | None
    next_attempt_at: datetime
    last_error: str | None
    feed_removed: bool = False
