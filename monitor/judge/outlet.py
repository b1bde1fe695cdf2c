"""Who published an item: outlets compared by registrable domain (the Public Suffix List).

``uk.reuters.com`` and ``www.reuters.com`` are one outlet, ``reuters.com``; ``bbc.co.uk`` is an
outlet and ``co.uk`` is not. The list comes bundled with the ``publicsuffixlist`` package (no
network at run time). IP literals, ``localhost`` and other single-label or public-suffix hosts
name no publisher.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from publicsuffixlist import PublicSuffixList

# News-search feeds: their items are other publishers' stories (attributed per item).
AGGREGATOR_HOSTS = ("news.google.com", "bing.com")


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def host_of(url: str) -> str:
    """A URL's host, lower-cased, without a trailing dot; "" when there is none."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65_536)
def outlet(name: str) -> str:
    """The outlet a publisher name or host stands for: a host's registrable domain ("" for an IP
    literal, localhost, a single label or a public suffix); any other name (a title such as
    "Reuters") as written, lower-cased."""
    name = name.strip().lower().rstrip(".")
    if not name:
        return ""
    if "://" in name:
        name = host_of(name)
    if _is_ip(name) or name == "localhost":
        return ""
    if " " in name or "." not in name:
        return name  # a publisher's name, not a host
    return _psl().privatesuffix(name) or ""


def is_public_suffix(domain: str) -> bool:
    """A suffix under which anyone may register ("co.uk", "github.io"): it names no publisher."""
    d = domain.strip().lower().rstrip(".")
    return bool(d) and _psl().is_public(d)


def is_aggregator(url: str) -> bool:
    """A news-search feed (Google News, Bing News): its items come from many publishers."""
    host = host_of(url)
    if host == "news.google.com":
        return True
    return outlet(host) == "bing.com" and "/news" in urlsplit(url).path.lower()


def publisher_link(link: str) -> str:
    """The publisher's own URL behind an aggregator's redirect link (Bing News wraps it in its
    ``url`` parameter), else the link itself."""
    if outlet(host_of(link)) == "bing.com":
        target = parse_qs(urlsplit(link).query).get("url", [""])[0]
        if target.startswith(("http://", "https://")):
            return target
    return link
