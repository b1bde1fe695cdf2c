"""Which feeds can decide an open claim, and so are polled at [polling] decisive_interval.

Pure: claims, their statuses and feed rows in, a reason per decisive feed out. A feed is decisive
for a claim that evidence can still move (``unverified`` or ``disputed``, not pinned by hand)
when it is one of the claim's official sources (its URL under an official URL, or its declared
source or host on an official domain: judge/provenance.official_by_feed), or when it is a trusted
outlet's feed ([sources] trusted: two of them decide any claim). Confirmed and denied claims need
no one watching closely; once every claim a feed could decide is resolved, the feed is back on
its own rhythm.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.judge.provenance import FeedOrigin, official_by_feed, trusted_by_feed
from monitor.model import Claim

# Statuses evidence can still move; the others are resolved.
OPEN_STATUSES = frozenset({"unverified", "disputed"})


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    """A stored claim's state, as far as deciding it goes."""

    status: str
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class FeedSeen:
    """A feed as the decision needs it."""

    id: int
    url: str
    source: str | None = None
    aggregator: bool = False


def open_claims(claims: Iterable[Claim], statuses: Mapping[str, ClaimStatus]) -> list[Claim]:
    """The configured claims evidence can still move: unverified or disputed, not pinned (a claim
    not stored yet is unverified)."""
    out = []
    for c in claims:
        st = statuses.get(c.id, ClaimStatus("unverified"))
        if st.status in OPEN_STATUSES and not st.pinned:
            out.append(c)
    return out


def decisive_reason(feed: FeedSeen, claims: Sequence[Claim], trusted: Sequence[str]) -> str:
    """Why ``feed`` can decide one of the open ``claims``, in words ("" when it cannot), e.g.
    "decisive for claim xiaomi-baic (declared feed source mi.com is the official mi.com)"."""
    origin = FeedOrigin(feed.url, feed.source, feed.aggregator)
    trusted_why = trusted_by_feed(origin, trusted) if claims else ""
    official: list[str] = []
    for c in claims:
        why = official_by_feed(origin, c.official_sources)
        if why:
            official.append(f"decisive for claim {c.id} ({why})")
    if official:
        return "; ".join(official)
    if trusted_why:
        ids = ", ".join(c.id for c in claims)
        return f"decisive for claim{'s' if len(claims) > 1 else ''} {ids} ({trusted_why})"
    return ""


def decisive_feeds(
    feeds: Iterable[FeedSeen],
    claims: Iterable[Claim],
    statuses: Mapping[str, ClaimStatus],
    trusted: Sequence[str],
) -> dict[int, str]:
    """Feed id -> why it is decisive, for the feeds that can decide an open claim."""
    still_open = open_claims(claims, statuses)
    if not still_open:
        return {}
    found = {f.id: decisive_reason(f, still_open, trusted) for f in feeds}
    return {fid: why for fid, why in found.items() if why}


def not_decisive_reason(
    feed: FeedSeen | None,
    claims: Sequence[Claim],
    statuses: Mapping[str, ClaimStatus],
    trusted: Sequence[str],
    *,
    enabled: bool = True,
) -> str:
    """Why a feed that was decisive no longer is, in words: the fast schedule was switched off,
    the feed is no longer polled, no configured claim has it as a source any more, or every
    claim it could decide is resolved (naming each claim's status) or pinned by hand."""
    if not enabled:
        return "decisive scheduling is off ([polling] decisive = false)"
    if feed is None:
        return "the feed is no longer polled (removed from the configuration, or disabled)"
    could = [c for c in claims if decisive_reason(feed, [c], trusted)]
    if not could:
        return ("no configured claim can be decided by it any more (claims removed, or their "
                "official_sources or [sources] trusted changed)")
    done = []
    for c in could:
        st = statuses.get(c.id, ClaimStatus("unverified"))
        done.append(f"{c.id} pinned {st.status} by hand" if st.pinned else f"{c.id} {st.status}")
    return f"every claim it could decide is settled ({', '.join(done)})"


def sooner_poll(
    last_polled_at: datetime | None,
    next_poll_at: datetime | None,
    now: datetime,
    interval: float,
    *,
    jitter: float,
    rnd: float,
) -> datetime | None:
    """When a feed that has just become decisive should be polled: a decisive interval after its
    last poll (at once if that is past, or never polled); None when it is due sooner anyway.
    ``rnd`` is a uniform number in [0, 1): feeds that turn decisive together do not poll in
    lockstep."""
    if last_polled_at is None:
        return None if next_poll_at is not None and next_poll_at <= now else now
    spread = interval * (1 + jitter * rnd)
    target = max(now, last_polled_at + timedelta(seconds=spread))
    if next_poll_at is not None and next_poll_at <= target:
        return None
    return target

