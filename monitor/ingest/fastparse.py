"""A fast path for the common feed: well-formed UTF-8 RSS 1.0/2.0 or Atom 1.0, read by ElementTree.

feedparser drives Python handlers for every SAX event: about 12 ms for a 30 KB feed of 50 items,
most of a poll's parsing cost. ElementTree runs the same expat parser in C and builds the tree in
about 0.3 ms. ``parse_fast`` returns the entry fields ``normalise.entry_to_item`` reads (title,
summary, content, link, id, dates, source), built by feedparser's own rules (the first title wins,
a guid is the link when there is none, a second summary is content, the same text clean-up), or
``None`` for anything it does not model: another encoding, a DOCTYPE, ``xml:base``, XHTML or
base64 content, an unknown namespace or element inside an item, nested markup in a text field, a
parse error. feedparser then parses the body as before. ``tests/test_fastparse.py`` checks that
both give the same items over the whole feedparser corpus and generated feeds.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# feedparser's own internals, so the rules are its rules (dates, clean-up, names, handlers). A
# feedparser without them (a future 6.x) turns the fast path off: feedparser then reads every feed,
# and tests/test_fastparse.py fails to say so.
try:
    from feedparser.datetimes import _parse_date
    from feedparser.html import _cp1252
    from feedparser.mixin import _FeedParserMixin

    _NAMESPACES: Mapping[str, str] = _FeedParserMixin.namespaces
    AVAILABLE = True
except (ImportError, AttributeError):  # pragma: no cover - depends on the installed feedparser
    _NAMESPACES = {}
    AVAILABLE = False

_ATOM = "http://www.w3.org/2005/Atom"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_BASE_ATTRIBUTES = frozenset({_XML_BASE.lower(), "base"})  # as feedparser sees them: lowercased
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDF_ABOUT = f"{{{_RDF}}}about"
_RSS10 = "http://purl.org/rss/1.0/"
_RSS10_CHANNEL = f"{{{_RSS10}}}channel"
_RSS10_ITEM = f"{{{_RSS10}}}item"
_RSS10_IMAGE = f"{{{_RSS10}}}image"
_RSS10_TEXTINPUT = f"{{{_RSS10}}}textinput"
_OTHER_VERSION_NAMESPACES = re.compile(
    rb"http://www\.w3\.org/2005/atom|http://my\.netscape\.com/rdf/simple/0\.9/", re.I
)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/html"})  # text fields we read; others go to feedparser

# feedparser's names for namespaces (lowercased URI -> prefix, "" for RSS and Atom themselves).
_PREFIXES: dict[str, str] = {uri.lower(): p for uri, p in _NAMESPACES.items()}

# The element names (feedparser's: "prefix_local") that set the fields we read, by feedparser's
# handler they share (see feedparser/namespaces/*.py).
_TITLE = frozenset({"title", "dc_title", "media_title"})
_DESCRIPTION = frozenset({"description", "dc_description", "media_description"})
_CONTENT = {"content": "text/plain", "content_encoded": "text/html", "fullitem": "text/html"}
_DATES = {
    "published": "published",
    "pubdate": "published",
    "issued": "published",
    "dcterms_issued": "published",
    "updated": "updated",
    "modified": "updated",
    "lastbuilddate": "updated",
    "dc_date": "updated",
    "dcterms_modified": "updated",
    "created": "created",
    "dcterms_created": "created",
}
# Handlers that only fill fields we do not read. Only author/contributor may have children.
_OTHER_FIELDS = frozenset(
    {
        "author",
        "dc_author",
        "dc_creator",
        "contributor",
        "category",
        "dc_subject",
        "media_category",
        "media_keywords",
        "enclosure",
        "media_content",
        "media_thumbnail",
        "itunes_explicit",
        "itunes_keywords",
        "itunes_block",
    }
)
_ITEM_NAMES = ("item", "entry")
_READ_ATTRIBUTES = frozenset({"rel", "type", "href", "url", "uri", "ispermalink", "mode", "base"})
_PERSON_PARTS = frozenset({"name", "email", "uri", "url", "homepage"})
_RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}

_URI_FIXER = re.compile("^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")  # feedparser.urls._urifixer
_ENTITY_LIKE = re.compile("&([A-Za-z0-9_]+);")
_XML_DECL_ENCODING = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*['\"]([^'\"]*)['\"]", re.I)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


class _Unsupported(Exception):
    """The feed uses something the fast path does not model: feedparser reads it."""


@dataclass(slots=True)
class FastFeed:
    version: str
    link: str | None = None  # the feed's own link (base for relative item links), as feedparser
    ttl: str | None = None
    entries: list[dict[str, Any]] = field(default_factory=list)
    # The feed's <link rel="hub"> and <link rel="self"> (WebSub discovery), as feedparser's links.
    links: list[dict[str, str]] = field(default_factory=list)


def parse_fast(
    body: bytes, headers: Mapping[str, str], max_entries: int | None = None
) -> FastFeed | None:
    """The feed's entries as feedparser would give them, or None when feedparser must read it.

    ``body`` has had its DTD stripped (``sniff.strip_dtd``); ``headers`` are lowercase.
    ``max_entries``: read only the first entries (a hostile feed may have millions).
    """
    if (
        not AVAILABLE
        or "content-location" in headers  # feedparser resolves links against it
        or not _is_utf8_for_feedparser(body, headers)
        or _DOCTYPE.search(body)
    ):
        return None
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, ValueError, LookupError, RecursionError):
        return None  # feedparser's loose parser may still read it
    try:
        if root.tag == "rss":
            return _read_rss(root, max_entries)
        if root.tag == f"{{{_ATOM}}}feed":
            return _read_feed(root, root, "atom10", f"{{{_ATOM}}}entry", max_entries)
        if root.tag == f"{{{_RDF}}}RDF":
            return _read_rdf(root, body, max_entries)
    except _Unsupported:
        return None
    return None


def _is_utf8_for_feedparser(body: bytes, headers: Mapping[str, str]) -> bool:
    """True when feedparser would decode the body as UTF-8 and it is valid UTF-8 (RFC 3023 rules,
    as in ``feedparser.encodings.convert_to_utf8``)."""
    if body[:2] in (b"\xfe\xff", b"\xff\xfe") or body[:4] in (b"\x00\x00\x00<", b"<\x00\x00\x00"):
        return False
    utf8_bom = body[:3] == b"\xef\xbb\xbf"
    if utf8_bom:
        body = body[3:]
    m = _XML_DECL_ENCODING.match(body)
    xml_encoding = m.group(1).decode("ascii", "replace").lower() if m else ""
    if xml_encoding not in ("", "utf-8"):
        return False  # expat would decode by the declaration, feedparser by its own choice
    media, _, params = headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("'\"").lower()
    if media in (
        "application/xml",
        "application/xml-dtd",
        "application/xml-external-parsed-entity",
    ) or (media.startswith("application/") and media.endswith("+xml")):
        encoding = charset or xml_encoding or "utf-8"
    elif media.startswith("text/"):
        encoding = charset or "us-ascii"
    elif headers and "content-type" not in headers:
        encoding = xml_encoding or "iso-8859-1"
    else:
        encoding = xml_encoding or "utf-8"
    if encoding == "us-ascii" and (xml_encoding == "utf-8" or utf8_bom) and not body.isascii():
        # Common: text/xml without a charset. US-ASCII fails on the first other byte, and
        # feedparser then tries the declared encoding (or the BOM's) next: UTF-8.
        encoding = "utf-8"
    if encoding != "utf-8":
        # ASCII reads the same in every encoding feedparser would try first.
        return encoding in ("us-ascii", "iso-8859-1") and body.isascii()
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _name(tag: str) -> str:
    """feedparser's name of an element ("prefix_local"), or _Unsupported for an unknown namespace."""
    if tag[0] != "{":
        return tag.lower()
    uri, _, local = tag[1:].partition("}")
    lower = uri.lower()
    prefix = "" if "backend.userland.com/rss" in lower else _PREFIXES.get(lower)
    if prefix is None:
        raise _Unsupported(uri)
    return f"{prefix.lower()}_{local.lower()}" if prefix else local.lower()


def _attrs(el: ET.Element) -> dict[str, str]:
    """Plain attributes as feedparser keys them: lowercase names, lowercase rel and type values."""
    out: dict[str, str] = {}
    for key, value in el.attrib.items():
        if key[0] == "{":
            uri, _, local = key[1:].partition("}")
            if _PREFIXES.get(uri.lower()):
                continue  # "prefix:name" to feedparser, not an attribute we read
            # feedparser keys an attribute of any other namespace by its bare name.
            if local.lower() in _READ_ATTRIBUTES:
                raise _Unsupported(f"namespaced attribute {local}")
            continue
        k = key.lower()
        out[k] = value.lower() if k in ("rel", "type") else value
    return out


def _content_type(value: str) -> str:
    value = value.lower()
    return {"text": "text/plain", "plain": "text/plain", "html": "text/html"}.get(value, value)


def _text(el: ET.Element) -> str:
    if len(el):
        raise _Unsupported("markup inside a text element")
    return el.text or ""


def _clean(text: str) -> str:
    """feedparser's clean-up of every text it keeps (``_FeedParserMixin.pop``)."""
    # Undo UTF-8 read as Latin-1, then map Windows-1252 code points, exactly as feedparser does.
    try:  # noqa: SIM105 - runs for every text; suppress() would add a context manager each time
        text = text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return text.translate(_cp1252)


def _uri(text: str) -> str:
    """feedparser's resolve_uri with no base: only extra slashes after the scheme go."""
    return _URI_FIXER.sub(r"\1\3", text)


def _link_attrs(attrs: dict[str, str]) -> tuple[bool, str | None]:
    """A <link>: (whether it is the alternate HTML link, its href or None for a text link)."""
    rel = attrs.setdefault("rel", "alternate")
    attrs.setdefault("type", "application/atom+xml" if rel == "self" else "text/html")
    href = attrs.get("url", attrs.get("uri", attrs.get("href")))
    if href:
        attrs["href"] = href
    if "href" not in attrs:
        return False, None
    return rel == "alternate" and _content_type(attrs["type"]) in _HTML_TYPES, _uri(attrs["href"])


def _read_rss(root: ET.Element, max_entries: int | None) -> FastFeed:
    attr_version = root.get("version", "")
    version = _RSS_VERSIONS.get(attr_version) or (
        "rss20" if attr_version.startswith("2.") else "rss"
    )
    channels = [c for c in root if c.tag == "channel"]
    if len(channels) != 1 or len(channels) != len(root) or channels[0].attrib:
        raise _Unsupported("not one plain <channel>")
    return _read_feed(root, channels[0], version, "item", max_entries)


def _read_rdf(root: ET.Element, body: bytes, max_entries: int | None) -> FastFeed:
    """RSS 1.0: items beside the channel, each named by its rdf:about."""
    # feedparser takes its version from the first of these namespaces declared: leave it the
    # choice when another one is there.
    if _OTHER_VERSION_NAMESPACES.search(body):
        raise _Unsupported("RDF with an Atom or RSS 0.9 namespace")
    channels = [c for c in root if c.tag == _RSS10_CHANNEL]
    if len(channels) != 1 or any(k not in (_RDF_ABOUT, _XML_LANG) for k in channels[0].attrib):
        raise _Unsupported("not one plain <channel>")
    for child in root:
        if child.tag not in (_RSS10_CHANNEL, _RSS10_ITEM, _RSS10_IMAGE, _RSS10_TEXTINPUT):
            raise _Unsupported(f"RDF element {child.tag}")
    return _read_feed(root, channels[0], "rss10", _RSS10_ITEM, max_entries, items_in=root)


def _read_feed(
    root: ET.Element,
    channel: ET.Element,
    version: str,
    item_tag: str,
    max_entries: int | None,
    items_in: ET.Element | None = None,
) -> FastFeed:
    """A feed's entries (children ``item_tag`` of ``items_in``, the channel unless given) and
    its own link and ttl (children of the channel)."""
    # One pass over the whole tree: feedparser takes items from anywhere in the document, in any
    # letter case, and xml:base (or a plain "base", names lowercased) anywhere changes how it
    # resolves links.
    items_anywhere = 0
    for el in root.iter():
        if el.attrib and any(k.lower() in _BASE_ATTRIBUTES for k in el.attrib):
            raise _Unsupported("xml:base")
        if el.tag.rpartition("}")[2].lower() in _ITEM_NAMES:
            items_anywhere += 1
    feed = FastFeed(version=version)
    items = 0
    for child in channel if items_in is None else items_in:
        if child.tag == item_tag:
            items += 1
            if max_entries is None or items <= max_entries:
                feed.entries.append(_read_entry(child))
        elif items_in is None:
            _read_feed_element(feed, child)
    if items_in is not None:
        for child in channel:
            _read_feed_element(feed, child)
    if items_anywhere != items:
        raise _Unsupported("items outside the channel")
    return feed


def _read_feed_element(feed: FastFeed, child: ET.Element) -> None:
    """One child of the channel (not an item): the feed's link and ttl, by feedparser's rules."""
    try:
        name = _name(child.tag)
    except _Unsupported:
        # An unknown namespace: feedparser names the element by the document's prefix, or by
        # its bare name when there is none; it can only matter under these names.
        if len(child) or child.tag.rpartition("}")[2].lower() in ("link", "ttl", "item", "entry"):
            raise
        return
    if name in _ITEM_NAMES:
        raise _Unsupported("item in another namespace")
    if name == "link":
        attrs = _attrs(child)
        alternate, href = _link_attrs(attrs)
        if href is not None and attrs["rel"] in ("hub", "self"):
            feed.links.append({"rel": attrs["rel"], "href": href})
        if href is None:
            feed.link = _ENTITY_LIKE.sub(r"&\g<1>", _clean(_uri(_text(child).strip())))
        elif alternate:
            feed.link = href
    elif name == "ttl":
        feed.ttl = _clean(_text(child).strip())
    elif len(child) and name not in ("image", "textinput", "author", "contributor"):
        # Nested links or items would reach the feed or its entries in feedparser.
        for el in child.iter():
            if el is not child and _name(el.tag) in ("link", *_ITEM_NAMES):
                raise _Unsupported("link or item nested in a feed element")


class _Entry:
    """One entry being read: its fields (feedparser's names) and what feedparser's handlers
    remember between elements."""

    __slots__ = ("fields", "has_content", "title_done")

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields
        self.has_content = False  # a content element (or a second summary) was read
        self.title_done = False  # feedparser keeps the first non-empty title


def _read_entry(item: ET.Element) -> dict[str, Any]:
    """An item's fields as feedparser gives them (``_Unsupported`` for what it does not model)."""
    entry = _Entry(_item_attributes(item))
    for child in item:
        name = _name(child.tag)
        attrs = _attrs(child)
        if "mode" in attrs:
            raise _Unsupported("content mode")
        read = _ELEMENT_READERS.get(name)
        if read is not None:
            read(entry, child, name, attrs)
        elif hasattr(_FeedParserMixin, "_start_" + name) or hasattr(
            _FeedParserMixin, "_end_" + name
        ):
            raise _Unsupported(f"element {name} has its own feedparser handler")
        elif len(child):
            raise _Unsupported(f"markup inside <{name}>")
    return entry.fields


def _item_attributes(item: ET.Element) -> dict[str, Any]:
    """The fields an item's own attributes give: only an RSS 1.0 rdf:about (its id)."""
    fields: dict[str, Any] = {}
    for key, value in item.attrib.items():
        if key == _RDF_ABOUT:
            if value:
                fields["id"] = value  # feedparser's _start_item: as written, never a link
        elif key != _XML_LANG:
            raise _Unsupported("attributes on an item")
    return fields


def _read_title(entry: _Entry, child: ET.Element, name: str, attrs: dict[str, str]) -> None:
    if _content_type(attrs.get("type", "text/plain")) not in _TEXT_TYPES:
        raise _Unsupported("title type")
    value = _clean(_text(child).strip())
    if not entry.title_done:
        entry.fields["title"] = value
        # <media:title> is only a fallback: a later <title> still replaces it.
        entry.title_done = bool(value) and name != "media_title"


def _read_link(entry: _Entry, child: ET.Element, name: str, attrs: dict[str, str]) -> None:
    alternate, href = _link_attrs(attrs)
    if len(child):
        raise _Unsupported("markup inside a link")
    if href is None:
        value = _clean(_uri(_text(child).strip())).replace("&amp;", "&")
        entry.fields["link"] = _ENTITY_LIKE.sub(r"&\g<1>", value)
    elif alternate:
        entry.fields["link"] = href


def _read_guid(entry: _Entry, child: ET.Element, name: str, attrs: dict[str, str]) -> None:
    is_link = attrs.get("ispermalink", "true") == "true"
    value = _text(child).strip()
    value = _clean(_uri(value) if is_link else value)
    entry.fields["id"] = value
    if is_link:
        entry.fields.setdefault("link", value)


def _read_text(entry: _Entry, child: ET.Element, name: str, attrs: dict[str, str]) -> None:
    """A description, summary or content element."""
    fields = entry.fields
    if name in _CONTENT:
        default = _CONTENT[name]
        as_content = True
    else:
        default = "text/html" if name in _DESCRIPTION else "text/plain"
        # A second summary is content (feedparser's _start_description/_start_summary).
        as_content = "summary" in fields and not entry.has_content
        if as_content:
            default = "text/plain"
    kind = _content_type(attrs.get("type", default))
    if kind not in _TEXT_TYPES:
        raise _Unsupported("content type")
    value = _clean(_text(child).strip())
    if as_content:
        entry.has_content = True
        fields.setdefault("content", []).append({"type": kind, "value": value})
        fields.setdefault("summary", value)
    else:
        fields["summary"] = value


def _read_date(entry: _Entry, child: ET.Element, name: str, attrs: dict[str, str]) -> None:
    key = _DATES[name]
    value = _clean(_text(child).strip())
    entry.fields[key] = value
    entry.fields[key + "_parsed"] = _parse_date(value)


def _read_source(entry: _Entry, child: ET.Element, name: str, attrs: dict[str, str]) -> None:
    value = _clean(_text(child).strip())
    source = {"href": attrs["url"]} if "url" in attrs else {}
    if value:
        source["title"] = value
    entry.fields["source"] = source
    entry.title_done = False  # feedparser resets its title depth in a <source>


def _check_other_field(entry: _Entry, child: ET.Element, name: str, attrs: dict[str, str]) -> None:
    """A field we do not read: only an author's or contributor's parts may be inside it."""
    if len(child) and not (
        name in ("author", "contributor")
        and all(_name(p.tag) in _PERSON_PARTS and not len(p) for p in child)
    ):
        raise _Unsupported(f"markup inside <{name}>")


_ElementReader = Callable[[_Entry, ET.Element, str, dict[str, str]], None]


def _element_readers() -> dict[str, _ElementReader]:
    """Each element name we model -> its reader. The groups do not overlap (each name is in one of
    feedparser's handlers); were one added twice, the first reader would keep it."""
    groups: list[tuple[Iterable[str], _ElementReader]] = [
        (_TITLE, _read_title),
        (("link",), _read_link),
        (("guid", "id"), _read_guid),
        ((*_DESCRIPTION, "summary", *_CONTENT), _read_text),
        (_DATES, _read_date),
        (("source",), _read_source),
        (_OTHER_FIELDS, _check_other_field),
    ]
    readers: dict[str, _ElementReader] = {}
    for names, read in groups:
        for name in names:
            readers.setdefault(name, read)
    return readers


_ELEMENT_READERS = _element_readers()
