"""What a response body is, before any parser sees it: its wide encoding (BOMs), its DTD (stripped),
whether it is an HTML page (and which feed it links to), JSON, and the declared media type.

Everything here is pure and cheap: it runs on every body, in the parse workers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# --- wide encodings -------------------------------------------------------------------------------
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_WIDE_NO_BOM: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_UTF8_BOM = b"\xef\xbb\xbf"


def wide_encoding(body: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) of a UTF-16 or UTF-32 body, by its BOM or its first ``<``; None for
    a body in a one-byte-based encoding (UTF-8, Latin-1, ...)."""
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return enc, len(bom)
    for prefix, enc in _WIDE_NO_BOM:
        if body.startswith(prefix):
            return enc, 0
    return None


# --- DOCTYPE / ENTITY stripping -------------------------------------------------------------------
# feedparser's loose parser expands internal entities without limit (billion laughs, quadratic
# blowup). We drop every internal DTD subset and ENTITY declaration; the DOCTYPE itself stays so
# feedparser still recognises e.g. Netscape RSS 0.91 (and its HTML entities).
# One pair of patterns, compiled for bytes (a body in a one-byte-based encoding, as it is) and for
# text (a wide body, decoded).
_INTERNAL_SUBSET = r"(<!DOCTYPE[^\[>]*?)\s*\[.*?\]\s*>"
_ENTITY_DECL = r"<!ENTITY\b[^>]*>"
_SUBSET_BYTES = re.compile(_INTERNAL_SUBSET.encode(), re.S | re.I)
_ENTITY_BYTES = re.compile(_ENTITY_DECL.encode(), re.I)
_SUBSET_TEXT = re.compile(_INTERNAL_SUBSET, re.S | re.I)
_ENTITY_TEXT = re.compile(_ENTITY_DECL, re.I)


def strip_dtd(body: bytes) -> bytes:
    """Remove internal DTD subsets and ENTITY declarations, in the body's own encoding."""
    wide = wide_encoding(body)
    if wide is None:
        if b"<!" not in body:
            return body
        return _ENTITY_BYTES.sub(b"", _SUBSET_BYTES.sub(rb"\1>", body))
    enc, bom_len = wide
    try:
        text = body[bom_len:].decode(enc)
    except UnicodeDecodeError:
        text = body[bom_len:].decode(enc, "replace")
    if "<!" not in text:
        return body
    text = _ENTITY_TEXT.sub("", _SUBSET_TEXT.sub(r"\1>", text))
    return body[:bom_len] + text.encode(enc)


# --- HTML pages -----------------------------------------------------------------------------------
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_ALTERNATE = re.compile(rb"<link\b[^>]*type=[\"']?application/(?:rss|atom)\+xml[^>]*>", re.I)
_HREF = re.compile(rb"href=[\"']?([^\"' >]+)", re.I)


def looks_html(body: bytes) -> bool:
    """True when the body starts as an HTML page does (a doctype, <html>, <head> or <body>)."""
    return _HTML_START.match(body[:4096]) is not None


def feed_link_in_html(body: bytes) -> str | None:
    """The href of the page's first RSS or Atom ``<link>`` (in its first 200 kB), as written."""
    m = _ALTERNATE.search(body[:200_000])
    if not m:
        return None
    h = _HREF.search(m.group(0))
    return h.group(1).decode("ascii", "replace") if h else None


def html_reason(body: bytes) -> str:
    """The error for an HTML page where a feed was expected, naming the feed it links to."""
    found = feed_link_in_html(body)
    hint = f"; the page links to a feed at {found}, use that URL" if found else ""
    return f"not a feed: the URL returned an HTML page{hint}"


# --- JSON and media type --------------------------------------------------------------------------
def looks_json(body: bytes, media_type: str) -> bool:
    """True for a body that starts with ``{`` (after a UTF-8 BOM) or is declared as JSON."""
    head = body[:64].lstrip()
    if head.startswith(_UTF8_BOM):
        head = head[3:].lstrip()
    return head.startswith(b"{") or "json" in media_type


def media_type(headers: Mapping[str, str]) -> str:
    """The Content-Type without parameters, lowercase ("" when absent); ``headers`` lowercase."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()
