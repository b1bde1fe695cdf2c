"""OPML reading lists: `feeds import FILE.opml` and `feeds export`.

Parsed with defusedxml (no DTDs, entities or external references: an OPML file comes from
elsewhere), pure: bytes in, feeds out. Outlines nest (folders); a feed is an outline with an
``xmlUrl`` (any letter case), or a ``url`` when its ``type`` says it is a feed, as some readers
write it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

_FEED_TYPES = {"rss", "atom", "feed", "rdf", "jsonfeed", "json"}


class OpmlError(ValueError):
    """The file is not a usable OPML reading list; the message says what and where."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str  # the outline's title (or text); may be empty


def _attr(el: ET.Element, name: str) -> str:
    for k, v in el.attrib.items():
        if k.lower() == name.lower():
            return v.strip()
    return ""


def _feed_url(el: ET.Element) -> str:
    url = _attr(el, "xmlUrl")
    if not url and _attr(el, "type").lower() in _FEED_TYPES:
        url = _attr(el, "url")
    return url


def _title(el: ET.Element) -> str:
    return " ".join((_attr(el, "title") or _attr(el, "text")).split())


def parse_opml(data: bytes, where: str) -> list[OpmlFeed]:
    """The feeds of an OPML file, in document order (nested outlines included). Raises OpmlError
    naming ``where`` and the problem: not XML, not OPML, no feeds, or feeds without a usable
    http(s) URL (each named)."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as e:
        raise OpmlError(f"{where}: refused: {e} (an OPML file needs no DTD or entities)") from None
    except ET.ParseError as e:
        line, col = e.position
        raise OpmlError(f"{where}: not well-formed XML at line {line}, column {col + 1}") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"{where}: not OPML: the root element is <{root.tag}>, not <opml>")
    body = next((child for child in root if child.tag.lower() == "body"), None)
    if body is None:
        raise OpmlError(f"{where}: not OPML: there is no <body> element")
    feeds: list[OpmlFeed] = []
    problems: list[str] = []
    for n, el in enumerate(body.iter(), start=1):
        if el.tag.lower() != "outline":
            continue
        url = _feed_url(el)
        if not url:
            continue  # a folder, or a link to a web page
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            problems.append(f"outline {_title(el) or n!r}: {url!r} is not an http(s) URL")
            continue
        feeds.append(OpmlFeed(url, _title(el)))
    if problems:
        raise OpmlError(f"{where}: " + "; ".join(problems) + "; fix or remove those outlines")
    if not feeds:
        raise OpmlError(f"{where}: no feeds in it (no <outline> with an xmlUrl)")
    return feeds


def write_opml(feeds: Sequence[OpmlFeed], title: str, now: datetime) -> str:
    """An OPML 2.0 reading list of ``feeds`` (what other readers import)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now)
    body = ET.SubElement(root, "body")
    for f in feeds:
        name = f.title or (urlsplit(f.url).hostname or f.url)
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=f.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
