"""Atom feeds (RFC 4287) of status changes, built with the standard library's ElementTree, which
escapes every string it writes; characters XML cannot carry at all are dropped first."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime

from monitor.model import RecordedChange

ATOM = "http://www.w3.org/2005/Atom"
# Code points XML 1.0 forbids (control characters but tab, newline, return; lone surrogates...).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _sub(parent: ET.Element, tag: str, text: object | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _text(text)
    return el


def _when(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def change_summary(change: RecordedChange) -> str:
    """The entry's text: the reason, then the evidence that caused the change."""
    lines = [change.reason]
    for e in change.evidence:
        lines.append(f"- [{e['stance']}, {e['source_tier']}] {e['source']}: {e['title']}"
                     + (f" <{e['url']}>" if e.get("url") else ""))
    return "\n".join(lines)


def changes_feed(
    changes: Sequence[RecordedChange],
    *,
    feed_url: str,
    page_url: str,
    claim_url: str,
    title: str,
    updated: datetime,
) -> bytes:
    """An Atom feed of ``changes`` (newest first). ``claim_url``: the claim page's URL with
    ``{claim_id}`` in it, where each entry links to."""
    feed = ET.Element("feed", {"xmlns": ATOM})
    _sub(feed, "id", feed_url)
    _sub(feed, "title", title)
    _sub(feed, "updated", _when(max([updated, *(c.at for c in changes)]) if changes else updated))
    _sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=page_url, type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", "rumour-monitor")
    _sub(feed, "generator", "rumour-monitor")
    for c in changes:
        href = claim_url.replace("{claim_id}", c.claim_id)
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{href}#change-{c.id}")
        _sub(entry, "title", f"{c.claim_id}: {c.from_status} → {c.to_status}")
        _sub(entry, "updated", _when(c.at))
        _sub(entry, "published", _when(c.at))
        _sub(entry, "link", rel="alternate", href=href, type="text/html")
        _sub(entry, "category", term=c.to_status)
        _sub(entry, "summary", f"{c.claim_text}: {c.reason}", type="text")
        _sub(entry, "content", change_summary(c), type="text")
        by = _sub(entry, "author")
        _sub(by, "name", c.actor)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
