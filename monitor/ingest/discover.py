"""Feed autodiscovery for `feeds add URL`: when the URL is an HTML page, its
``<link rel="alternate" type="application/rss+xml" href="...">`` feeds.

`feed_links` and `choose` are pure (bytes and a URL in, links out); `discover` fetches the page
with the one guarded fetcher (SSRF rules, body cap, redirects) and applies them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urljoin, urlsplit

from monitor.ingest.fetch import Fetcher
from monitor.ingest.sniff import looks_html
from monitor.settings import NetworkSettings

FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
    "application/rdf+xml": "RSS 1.0",
}
# Feeds a page offers beside its main one, recognised by title or URL (WordPress's comments feed).
_SECONDARY = ("comment",)


@dataclass(frozen=True, slots=True)
class FeedLink:
    url: str
    kind: str  # RSS, Atom, JSON Feed
    title: str


class _LinkParser(HTMLParser):
    """Collects ``<base href>`` and the alternate feed ``<link>``s (attributes only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[tuple[str, str, str]] = []  # (href, type, title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        elif tag == "link" and "alternate" in a.get("rel", "").lower().split():
            kind = a.get("type", "").lower().split(";")[0].strip()
            if kind in FEED_TYPES and a.get("href"):
                self.links.append((a["href"], kind, a.get("title", "")))

    handle_startendtag = handle_starttag


def feed_links(html: bytes, page_url: str, charset: str = "utf-8") -> list[FeedLink]:
    """The feeds an HTML page links to, as absolute http(s) URLs, each once, in page order."""
    parser = _LinkParser()
    parser.feed(html[:1_000_000].decode(charset or "utf-8", "replace"))
    parser.close()
    base = urljoin(page_url, parser.base) if parser.base else page_url
    found: dict[str, FeedLink] = {}
    for href, kind, title in parser.links:
        url = urljoin(base, href).split("#", 1)[0]
        if urlsplit(url).scheme in ("http", "https") and url not in found:
            found[url] = FeedLink(url, FEED_TYPES[kind], title)
    return list(found.values())


def choose(links: list[FeedLink]) -> FeedLink | None:
    """The page's feed when there is one right answer: the only one, or the only one that is
    not a secondary feed (comments); None when a person must choose."""
    if len(links) == 1:
        return links[0]
    main = [
        link for link in links
        if not any(w in (link.title + " " + link.url).lower() for w in _SECONDARY)
    ]
    return main[0] if len(main) == 1 else None


@dataclass(slots=True)
class Discovery:
    """What `feeds add URL` found at the URL."""

    outcome: Literal["feed", "page", "unreachable"]
    url: str  # the URL asked for
    links: list[FeedLink] = field(default_factory=list)  # for a page: the feeds it links to
    chosen: FeedLink | None = None
    error: str | None = None  # why the URL could not be read (unreachable)


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip("\"'")
    return "utf-8"


async def _fetch(net: NetworkSettings, url: str) -> Discovery:
    async with Fetcher(net) as fetcher:
        result = await fetcher.fetch(url)
    if not result.ok or result.body is None:
        return Discovery("unreachable", url, error=result.error or result.status)
    content_type = result.headers.get("content-type", "")
    if not (looks_html(result.body) or "html" in content_type.lower()):
        return Discovery("feed", url)  # a feed, or something the poller will judge
    try:
        links = feed_links(result.body, result.url, _charset(content_type))
    except LookupError:  # an unknown charset name
        links = feed_links(result.body, result.url)
    return Discovery("page", url, links, choose(links))


def discover(net: NetworkSettings, url: str) -> Discovery:
    """Fetch ``url`` once (the guarded fetcher, SSRF rules as for polls) and say what it is."""
    return asyncio.run(_fetch(net, url))
