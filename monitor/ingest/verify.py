"""Proof for an item that links to a claim's official site from another feed: the linked page is
fetched (the same SSRF-guarded client, a short deadline and a small body cap) and must answer 2xx
on the official site after redirects, with a page that matches the item's headline. The answer
is recorded on the item (``Item.link_proof``): "verified at URL" or "not verified: why".

Without it, a prankster's feed linking to ``https://www.mi.com/...`` could make a claim
officially confirmed (judge/provenance.py decides what the proof is worth).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import replace

from monitor.ingest.fetch import Fetcher
from monitor.ingest.normalise import plain_text
from monitor.judge.outlet import host_of, outlet
from monitor.judge.provenance import VERIFIED, page_matches
from monitor.model import Item
from monitor.netpolicy import AddressPolicy, is_public_address
from monitor.settings import NetworkSettings

TIMEOUT = 10.0  # seconds for one page, redirects included
MAX_BYTES = 2 * 1024 * 1024  # a page larger than this is not read (and not proof)
PER_POLL = 10  # pages checked per feed and poll at most (the rest: "not checked")
CONCURRENT = 4
_CACHE = 10_000  # answers remembered by link
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_OG_TITLE = re.compile(r"""<meta[^>]+property=["']og:title["'][^>]+content=["']([^"']*)""", re.I)


class LinkVerifier:
    """Checks links to official sites; one per poller (it keeps an HTTP client and a cache)."""

    def __init__(
        self,
        net: NetworkSettings,
        official_domains: frozenset[str],
        *,
        address_policy: AddressPolicy = is_public_address,
    ) -> None:
        capped = net.model_copy(
            update={"total_timeout": min(TIMEOUT, net.total_timeout), "max_body_bytes": MAX_BYTES}
        )
        self.domains = official_domains
        self._fetcher = Fetcher(capped, address_policy=address_policy) if official_domains else None
        self._cache: dict[str, str] = {}
        self._slots = asyncio.Semaphore(CONCURRENT)

    def wants(self, item: Item, feed_host: str, declared: str | None) -> bool:
        """An item linking to an official site from a feed that is not on that site itself."""
        host = host_of(item.link)
        if not host or not outlet(host) or not any(_on(host, d) for d in self.domains):
            return False
        own = outlet(declared or "") or outlet(feed_host)
        return own != outlet(host)

    async def verify_items(
        self, items: Sequence[Item], feed_host: str, declared: str | None, skip: frozenset[int]
    ) -> list[Item]:
        """``items`` with the proof of those that link to an official site (indices in ``skip``
        were in the feed's previous body: checked then)."""
        if self._fetcher is None:
            return list(items)
        wanted = [k for k, it in enumerate(items) if k not in skip and self.wants(it, feed_host, declared)]
        out = list(items)
        checked = wanted[:PER_POLL]
        proofs = await asyncio.gather(*(self.verify(items[k]) for k in checked))
        for k, proof in zip(checked, proofs, strict=True):
            out[k] = replace(items[k], link_proof=proof)
        for k in wanted[PER_POLL:]:
            out[k] = replace(items[k], link_proof=f"not verified: more than {PER_POLL} such links in one poll")
        return out

    async def verify(self, item: Item) -> str:
        """Fetch the item's link; the proof, or why there is none."""
        known = self._cache.get(item.link)
        if known is not None:
            return known
        assert self._fetcher is not None
        async with self._slots:
            got = await self._fetcher.fetch(item.link)
        if not got.ok or got.body is None or not (200 <= (got.http_status or 0) < 300):
            answer = f"not verified: {got.error or got.status}"
        elif not any(_on(host_of(got.url), d) for d in self.domains):
            answer = f"not verified: the link leads off the official site, to {host_of(got.url)}"
        elif not page_matches(item.title, _page_text(got.body)):
            answer = f"not verified: the page at {got.url} does not carry the item's headline"
        else:
            answer = f"{VERIFIED}{got.url}"
        if len(self._cache) >= _CACHE:
            self._cache.clear()
        self._cache[item.link] = answer
        return answer

    async def aclose(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()


def _on(host: str, domain: str) -> bool:
    host = host.removeprefix("www.")
    return host == domain or host.endswith("." + domain)


def _page_text(body: bytes) -> str:
    """The page's title(s) and the start of its text."""
    html = body[:MAX_BYTES].decode("utf-8", "replace")
    titles = [plain_text(m, 500) for m in (*_TITLE.findall(html)[:1], *_OG_TITLE.findall(html)[:1])]
    return " ".join([*titles, plain_text(html, 20_000)])
