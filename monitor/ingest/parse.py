"""Bytes of a feed -> normalised Items, with a clear reason when there are none.

``parse_body`` is the whole job for one body (it runs inside a parse worker, see
``monitor.ingest.pool``): it tells what the body is (``sniff``), reads JSON Feed (``jsonfeed``),
RSS and Atom with ``fastparse`` when it can and feedparser otherwise, and normalises the entries.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from monitor.ingest.fastparse import parse_fast
from monitor.ingest.itemkeys import key_digest, pack_digests
from monitor.ingest.jsonfeed import NotAJsonFeed, read_json_feed
from monitor.ingest.normalise import entry_to_item
from monitor.ingest.sniff import html_reason, looks_html, looks_json, media_type, strip_dtd
from monitor.model import Item, Judged

MAX_ITEMS = 1_000  # new items taken per feed and poll by default ([polling] max_items)
# Entries read from one body at most: a hostile one may have millions (the body cap allows
# hundreds of thousands of tiny ones). The rest are ignored, and the result says so.
ENTRY_LIMIT = 100_000

_FEED_TYPE_WORDS = ("xml", "rss", "atom", "rdf")  # in a media type that may carry a feed
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class ParseResult:
    items: list[Item] = field(default_factory=list)
    error: str | None = None  # set when the body is not a usable feed
    note: str = ""  # e.g. "valid feed with no entries", "served as text/plain"
    ttl: float | None = None  # <ttl> in seconds
    kind: str = ""  # "rss20", "atom10", "json", ...
    # Set when the worker also judged the items (one entry per item, None for an item it was
    # told it has seen before), under the judge factory's key.
    judged: list[Judged | None] | None = None
    judge_key: str = ""
    # Set when the body had more new entries than the cap: only the first ``max_items`` new ones
    # are in ``items`` (the ones seen before are left out), the others wait for the next polls.
    capped: Capped | None = None
    # The keys the poller has now seen in this feed (``itemkeys``): set when ``capped``, as the
    # items alone no longer say it.
    seen_keys: bytes | None = None
    # WebSub discovery: the feed's <link rel="hub"> (the first) and <link rel="self"> (the topic).
    hub: str | None = None
    self_url: str | None = None


@dataclass(frozen=True, slots=True)
class Capped:
    """A body with more new entries than one poll takes."""

    entries: int  # items in the body
    new: int  # of those, not seen in the feed before
    kept: int  # taken this poll (the first new ones, in the feed's order)

    @property
    def left(self) -> int:
        return self.new - self.kept

    def note(self) -> str:
        return (
            f"{self.entries:,} entries, {self.new:,} new: took the first {self.kept:,} "
            f"([polling] max_items), {self.left:,} left for the next polls"
        )


@dataclass(slots=True)
class _Feed:
    """What a parser read from an RSS, Atom or RDF body."""

    entries: Sequence[Any]  # feedparser-shaped entry dicts
    version: str  # feedparser's name: "rss20", "atom10", ... ("" when not a feed)
    meta: Mapping[str, Any]  # the feed's own fields; we read "link" and "ttl"
    bozo: object = None  # feedparser's bozo_exception (why it is not a feed)


def parse_body(
    body: bytes,
    headers: Mapping[str, str],
    *,
    url: str,
    config_url: str,
    feed_source: str | None,
    fast_path: bool = True,
    aggregator: bool = False,
    max_items: int = MAX_ITEMS,
    seen: frozenset[int] = frozenset(),
) -> ParseResult:
    """Parse one response body (never fetching anything) into normalised Items.

    ``fast_path``: read plain RSS 1.0/2.0 and Atom 1.0 with ``fastparse`` (the same items, ~7x
    faster); False always uses feedparser (tests compare the two). ``aggregator``: a news-search
    feed, whose items are attributed to their own publishers (see normalise). ``max_items``:
    new items taken at most (``seen``: ``itemkeys`` digests of the items met before; see
    ``Capped``).
    """
    if not body.strip():
        return ParseResult(error=f"empty response body ({len(body)} bytes): no feed to read")
    ctype = media_type(headers)
    if looks_json(body, ctype):
        result = _parse_json(
            body, config_url=config_url, feed_source=feed_source, base_url=url, aggregator=aggregator
        )
        return _capped(result, max_items, seen)
    if looks_html(body):
        return ParseResult(error=html_reason(body))

    hdrs = {k.lower(): v for k, v in headers.items()}
    stripped = strip_dtd(body)
    feed = _read_fast(stripped, hdrs) if fast_path else None
    if feed is None:
        try:
            feed = _read_feedparser(stripped, hdrs)
        except Exception as e:  # feedparser bugs on odd input must not lose the feed
            return ParseResult(error=f"feed parser failed: {type(e).__name__}: {e}"[:300])

    link = feed.meta.get("link")
    base = link if isinstance(link, str) else url
    items: list[Item] = []
    for entry in feed.entries[:ENTRY_LIMIT]:
        item = entry_to_item(
            entry,
            config_url=config_url,
            feed_source=feed_source,
            base_url=base or url,
            aggregator=aggregator,
        )
        if item is not None:
            items.append(item)
    result = _result(feed, items, ctype, body)
    result.hub, result.self_url = _websub_links(feed.meta)
    if len(feed.entries) > ENTRY_LIMIT:
        ignored = f"the body has over {ENTRY_LIMIT:,} entries: the rest are ignored"
        result.note = f"{result.note}; {ignored}" if result.note else ignored
    return _capped(result, max_items, seen)


def _capped(result: ParseResult, max_items: int, seen: frozenset[int]) -> ParseResult:
    """At most ``max_items`` items: when the body has more, the first ``max_items`` of those not
    in ``seen``. (A body within the cap keeps all its items, as the store skips known ones.)"""
    items = result.items
    if len(items) <= max_items:
        return result
    digests = [key_digest(i.dedup_key) for i in items]
    fresh = [k for k, d in enumerate(digests) if d not in seen]
    if len(fresh) <= max_items:
        result.items = [items[k] for k in fresh]
        result.seen_keys = pack_digests(digests)
        return result
    kept = fresh[:max_items]
    result.items = [items[k] for k in kept]
    result.capped = Capped(entries=len(items), new=len(fresh), kept=len(kept))
    known = [d for d in digests if d in seen]
    result.seen_keys = pack_digests([*known, *(digests[k] for k in kept)])
    return result


def _parse_json(
    body: bytes, *, config_url: str, feed_source: str | None, base_url: str, aggregator: bool
) -> ParseResult:
    try:
        items = read_json_feed(
            body,
            config_url=config_url,
            feed_source=feed_source,
            base_url=base_url,
            max_items=ENTRY_LIMIT,
            aggregator=aggregator,
        )
    except NotAJsonFeed as e:
        return ParseResult(error=str(e), kind=e.kind)
    return ParseResult(
        items=items, kind="json", note="" if items else "valid JSON Feed with no entries"
    )


def _read_fast(stripped: bytes, headers: dict[str, str]) -> _Feed | None:
    """``fastparse``'s reading, or None when feedparser must read the body."""
    try:
        fast = parse_fast(stripped, headers, ENTRY_LIMIT)
    except Exception:  # noqa: BLE001 - a fast-path bug must not lose the feed: feedparser reads it
        return None
    if fast is None:
        return None
    return _Feed(
        fast.entries, fast.version, {"link": fast.link, "ttl": fast.ttl, "links": fast.links}
    )


def _read_feedparser(stripped: bytes, headers: dict[str, str]) -> _Feed:
    """feedparser's reading (raises whatever feedparser raises on odd input)."""
    import feedparser  # imported here: workers import it once, the parent need not

    # No default Content-Location: feedparser would also "resolve" relative guids against it,
    # and guids must not change when a feed moves. normalise resolves links against the feed URL.
    parsed = feedparser.parse(
        io.BytesIO(stripped),
        response_headers=headers,
        # Both cost ~40% of parse time and only matter for HTML output. We keep plain text
        # only: normalise strips every tag and drops script/style content itself.
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    return _Feed(
        entries=parsed.get("entries") or [],
        version=parsed.get("version") or "",
        meta=parsed.get("feed") or {},
        bozo=parsed.get("bozo_exception"),
    )


def _websub_links(meta: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The feed's first rel="hub" and rel="self" links (WebSub discovery), or None each."""
    found: dict[str, str] = {}
    links = meta.get("links")
    for link in links if isinstance(links, list) else []:
        rel, href = (link.get("rel"), link.get("href")) if isinstance(link, Mapping) else (None, None)
        if isinstance(rel, str) and isinstance(href, str) and href.strip():
            found.setdefault(rel.lower(), href.strip())
    return found.get("hub"), found.get("self")


def _ttl(meta: Mapping[str, Any]) -> float | None:
    """The feed's <ttl> (minutes) in seconds, or None."""
    raw = meta.get("ttl")
    if isinstance(raw, str) and raw.strip().isdigit():
        return float(raw.strip()) * 60
    return None


def _result(feed: _Feed, items: list[Item], ctype: str, body: bytes) -> ParseResult:
    """The ParseResult for what was read: the items, or why there are none."""
    ttl = _ttl(feed.meta)
    odd_type = bool(ctype) and not any(x in ctype for x in _FEED_TYPE_WORDS)
    if items:
        note = f"served as {ctype}, parsed anyway" if odd_type else ""
        return ParseResult(items=items, ttl=ttl, kind=feed.version or "unknown", note=note)
    if feed.entries:
        note = "feed entries have no title, text or link"
        return ParseResult(ttl=ttl, kind=feed.version, note=note)
    if feed.version:
        return ParseResult(ttl=ttl, kind=feed.version, note="valid feed with no entries")
    why = _bozo_reason(feed.bozo)
    if ctype in _HTML_TYPES:
        return ParseResult(error=html_reason(body))
    if odd_type:
        return ParseResult(error=f"not a feed: {ctype} content ({why})")
    return ParseResult(error=f"not a feed: {why}")


def _bozo_reason(exc: object) -> str:
    """feedparser's complaint, short: the XML error and its line, or that no feed root was found."""
    if exc is None:
        return "no RSS, Atom or RDF root element"
    get_line = getattr(exc, "getLineNumber", None)
    get_message = getattr(exc, "getMessage", None)
    if callable(get_line) and callable(get_message):
        return f"XML error at line {get_line()}: {get_message()}"[:200]
    return " ".join(str(exc).split())[:200] or type(exc).__name__
