"""Who published an item, and how far that is proven: the item's source tier for one claim.

Design §4. Who published an item is decided by who we fetched it from:

- a feed's configured ``source`` (else its own host) is the publisher of its items; only a feed
  marked as an aggregator (a news-search feed) attributes each item to its own publisher, and
  that attribution can make an item ``trusted``, never ``official``;
- ``official`` needs proof: the feed itself is the official source (its URL under an official
  URL entry, or its declared source or host on an official domain), or the item's link on the
  official domain was fetched and the page is there and matches the item (``Item.link_proof``,
  set by ingest/verify.py). An item that merely links to an official domain counts at most as
  what its publisher is, with the reason recorded;
- outlets are compared by registrable domain (judge/outlet.py); IP literals and ``localhost``
  name no publisher.

Pure: the answer is the tier and a reason in words, stored with the evidence and shown with it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from monitor.judge.outlet import host_of, outlet
from monitor.judge.text import terms
from monitor.model import Item, SourceTier

VERIFIED = "verified at "


@dataclass(frozen=True, slots=True)
class FeedOrigin:
    """What we know of the feed an item came from."""

    url: str
    source: str | None = None  # as configured (declared by the operator)
    aggregator: bool = False


def _on_domain(host: str, domain: str) -> bool:
    """``host`` is ``domain`` or under it (hosts of no outlet, such as IP literals, never are)."""
    host, domain = host.lower().removeprefix("www."), domain.strip().lower().removeprefix("www.")
    if not host or not domain or not outlet(host):
        return False
    return host == domain or host.endswith("." + domain)


def _entries(sources: Iterable[str]) -> tuple[list[str], list[str]]:
    """Official or trusted entries split into URL prefixes and domains."""
    prefixes: list[str] = []
    domains: list[str] = []
    for entry in (e.strip() for e in sources):
        if entry:
            (prefixes if "://" in entry else domains).append(entry)
    return prefixes, domains


def official_by_feed(feed: FeedOrigin, official_sources: Sequence[str]) -> str:
    """Why the feed itself is an official source of the claim ("" when it is not)."""
    if feed.aggregator:
        return ""
    prefixes, domains = _entries(official_sources)
    for prefix in prefixes:
        if feed.url.startswith(prefix):
            return f"official feed: {feed.url} is under {prefix}"
    declared = (feed.source or "").strip()
    for domain in domains:
        if declared and _on_domain(declared if "://" not in declared else host_of(declared), domain):
            return f"declared feed source {declared} is the official {domain}"
        if not declared and _on_domain(host_of(feed.url), domain):
            return f"official feed: {host_of(feed.url)} is on the official {domain}"
    return ""


def trusted_by_feed(feed: FeedOrigin, trusted: Sequence[str]) -> str:
    """Why the feed itself is a trusted outlet's ("" when it is not; a news-search feed never
    is: its items are attributed one by one)."""
    if feed.aggregator:
        return ""
    publisher = outlet(feed.source or host_of(feed.url))
    prefixes, domains = _entries(trusted)
    if publisher and any(outlet(d) == publisher for d in domains):
        return f"trusted outlet {publisher}"
    under = next((p for p in prefixes if feed.url.startswith(p)), "")
    return f"trusted source {under}" if under else ""


def links_to_official(link: str, official_sources: Sequence[str]) -> str:
    """The official entry the item's link falls under ("" when none)."""
    prefixes, domains = _entries(official_sources)
    for prefix in prefixes:
        if link.startswith(prefix):
            return prefix
    host = host_of(link)
    return next((d for d in domains if _on_domain(host, d)), "")


def assess_source(
    item: Item, feed: FeedOrigin, official_sources: Sequence[str], trusted: Sequence[str]
) -> tuple[SourceTier, str]:
    """The item's tier for a claim with these official sources, and why, in words."""
    declared = official_by_feed(feed, official_sources)
    if declared:
        return SourceTier.OFFICIAL, declared
    unproven = ""
    official_link = links_to_official(item.link, official_sources) if item.link else ""
    if official_link:
        if item.link_proof.startswith(VERIFIED):
            return SourceTier.OFFICIAL, f"link {item.link_proof} (official {official_link})"
        unproven = f"links to the official {official_link}, {item.link_proof or 'not verified'}"
    # Who published it: the item's own attribution only from a news-search feed.
    publisher = outlet(item.source if feed.aggregator else feed.source or host_of(feed.url))
    how = "attributed by the news-search feed" if feed.aggregator else "the feed's publisher"
    prefixes, domains = _entries(trusted)
    if publisher and any(outlet(d) == publisher for d in domains):
        reason = f"trusted outlet {publisher} ({how})"
        return SourceTier.TRUSTED, f"{reason}; {unproven}" if unproven else reason
    # A trusted URL entry covers the feed (a section feed), or an aggregator's item linking there.
    under = [p for p in prefixes if feed.url.startswith(p) or (feed.aggregator and item.link.startswith(p))]
    if under:
        reason = f"trusted source {under[0]} ({how})"
        return SourceTier.TRUSTED, f"{reason}; {unproven}" if unproven else reason
    reason = f"{publisher or 'an unnamed publisher'} is neither official nor trusted ({how})"
    return SourceTier.OTHER, f"{reason}; {unproven}" if unproven else reason


def page_matches(headline: str, page: str, share: float = 0.6) -> bool:
    """A fetched page carries an item's headline: at least ``share`` of the headline's content
    terms are on it (any language: judge/text.py)."""
    wanted = set(terms(headline))
    if not wanted:
        return False
    found = set(terms(page)) & wanted
    return len(found) >= max(1, math.ceil(share * len(wanted)))


def official_link_domains(official_sources: Iterable[str]) -> frozenset[str]:
    """The hosts and domains an item's link may point to for the claim: worth verifying."""
    prefixes, domains = _entries(official_sources)
    return frozenset(
        d.lower().removeprefix("www.") for d in [*domains, *(host_of(p) for p in prefixes)] if d
    )
