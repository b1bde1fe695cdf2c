"""Feed entry -> Item: plain text, canonical link, publisher, date and dedup key.

Pure: no I/O, no clock. Runs inside the parse workers, so it is kept cheap per item.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import re
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from monitor.judge.language import detect, script
from monitor.judge.outlet import host_of, outlet, publisher_link
from monitor.model import Item

# Long enough for any real headline / teaser; bounds memory for hostile feeds.
MAX_TITLE_CHARS = 1_000
MAX_SUMMARY_CHARS = 4_000

# Script/style elements lose their content, not only their tags. An unclosed one runs to the end.
_DROP_ELEMENTS = re.compile(r"<(script|style|noscript|template)\b.*?(?:</\1\s*>|$)", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[|\]\]>|<![^>]*>|<\?.*?\?>", re.S)
# A tag: "<" then a letter or "/letter", up to the next ">" (no "<" inside, so "a < b" survives).
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that only track the reader; they make one story look like many links.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "cmpid",
        "ncid",
        "ocid",
        "sr_share",
        "s_cid",
        "spm",
        "rss",
        "ito",
        "at_medium",
        "at_campaign",
    }
)
_TRACKING_PREFIXES = ("utm_", "utm-", "pk_", "mtm_", "hsa_")


def _is_tracking(name: str) -> bool:
    n = name.lower()
    return n in _TRACKING_EXACT or n.startswith(_TRACKING_PREFIXES)


def plain_text(value: object, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Markup -> plain text: tags and script/style content removed, entities decoded, spaces folded.

    Repeats while markup remains, because feeds double-escape (``&lt;b&gt;`` in an HTML title).
    """
    if not isinstance(value, str) or not value:
        return ""
    # Hostile feeds can carry megabytes in one field; a generous prefix is enough for plain text.
    text = value[: limit * 8]
    for _ in range(3):
        if "<" not in text and "&" not in text:
            break
        if "<" in text:
            text = _DROP_ELEMENTS.sub(" ", text)
            text = _COMMENT.sub(" ", text)
            text = TAG.sub(" ", text)
        if "&" in text:
            text = html.unescape(text)
        if "<" not in text or not (TAG.search(text) or _COMMENT.search(text)):
            break
    else:
        text = TAG.sub(" ", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def canonical_link(link: object, base: str = "") -> str:
    """Canonical http(s) URL: lowercase scheme/host, no default port, no tracking params/fragment.

    Returns "" for anything that is not an http(s) URL (javascript:, mailto:, garbage).
    """
    if not isinstance(link, str):
        return ""
    link = link.strip()
    if not link:
        return ""
    if base and "://" not in link[:12]:
        try:
            link = urljoin(base, link)
        except ValueError:
            return ""
    try:
        parts = urlsplit(link)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            return ""
        host = (parts.hostname or "").rstrip(".")
        if not host:
            return ""
        port = parts.port
    except ValueError:
        return ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def link_key(link: str | None) -> str | None:
    """Cross-feed dedup key of a link: sha1 of its canonical form (None without a usable link)."""
    canon = canonical_link(link) if link else ""
    return _sha1(canon) if canon else None


_WORD = re.compile(r"\w+")


def normalised_title(title: str) -> str:
    return " ".join(_WORD.findall(title.casefold()))


def title_key(source: str | None, title: str | None) -> str | None:
    """Cross-feed dedup key: same source and same title, ignoring case and punctuation."""
    norm = normalised_title(title or "")
    if not norm:
        return None
    return _sha1(f"{(source or '').strip().lower()}\n{norm}")


def keyed(item: Item) -> Item:
    """``item`` with its story keys (link and title) filled in; ``item.link`` is canonical
    already (``canonical_link`` of a canonical link is the link itself)."""
    language, written_in = _written_in(item.title, item.summary)
    return replace(
        item,
        link_key=_sha1(item.link) if item.link else None,
        title_key=title_key(item.source, item.title),
        language=language,
        script=written_in,
    )


def _written_in(title: str, summary: str) -> tuple[str, str]:
    """The language and script of an item: its headline's, or its text's start without one."""
    text = title or summary[:500]
    return detect(text), script(text)


def _entry_date(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time | tuple) and len(value) >= 6:
            try:
                # feedparser's struct_times are UTC.
                return datetime.fromtimestamp(calendar.timegm(tuple(value)[:9]), UTC)  # type: ignore[arg-type]
            except (OverflowError, ValueError, OSError, TypeError):
                continue
    return None


def _entry_source(
    entry: Mapping[str, Any], link: str, feed_source: str | None, feed_url: str, aggregator: bool
) -> str:
    """Who published the item (design §4): the feed we fetched it from, by its configured source,
    else its own host's outlet. Only a news-search feed (``aggregator``) names each item's own
    publisher: its ``<source>`` (URL, else name), else its link's outlet."""
    declared = (feed_source or "").strip()
    if not aggregator:
        return declared or outlet(host_of(feed_url))
    src = entry.get("source")
    if isinstance(src, Mapping):
        for key in ("href", "link", "url"):
            href = src.get(key)
            if isinstance(href, str) and (found := outlet(host_of(canonical_link(href)))):
                return found
        name = plain_text(src.get("title"), 200)
        if name:
            return name
    return (outlet(host_of(link)) if link else "") or declared or outlet(host_of(feed_url))


def _summary(entry: Mapping[str, Any]) -> str:
    summary = entry.get("summary")
    if not summary:
        content = entry.get("content")
        if isinstance(content, list) and content and isinstance(content[0], Mapping):
            summary = content[0].get("value")
    return plain_text(summary, MAX_SUMMARY_CHARS)


def entry_to_item(
    entry: Mapping[str, Any],
    *,
    config_url: str,
    feed_source: str | None,
    base_url: str = "",
    aggregator: bool = False,
) -> Item | None:
    """One feedparser entry (or a dict shaped like one) -> Item; None when it has no content.

    ``aggregator``: a news-search feed; its items' links are the publishers' own (Bing News wraps
    them in a redirect), and each is attributed to its own publisher."""
    title = plain_text(entry.get("title"), MAX_TITLE_CHARS)
    summary = _summary(entry)
    raw_link = entry.get("link")
    if aggregator and isinstance(raw_link, str):
        raw_link = publisher_link(raw_link)
    link = canonical_link(raw_link, base_url)
    guid_raw = entry.get("id")
    guid = guid_raw.strip()[:2000] if isinstance(guid_raw, str) else ""
    if not (title or summary or link):
        return None
    if guid:
        key = "g:" + _sha1(config_url + "\n" + guid)
    elif link:
        key = "l:" + _sha1(link)
    else:
        key = "c:" + _sha1(title + "\n" + summary)
    source = _entry_source(entry, link, feed_source, config_url, aggregator)
    language, written_in = _written_in(title, summary)
    return Item(
        title=title,
        summary=summary,
        link=link,
        source=source,
        guid=guid,
        published_at=_entry_date(entry),
        dedup_key=key,
        link_key=_sha1(link) if link else None,  # as keyed(): the link is canonical
        title_key=title_key(source, title),
        language=language,
        script=written_in,
    )
