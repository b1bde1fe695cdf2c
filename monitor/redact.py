"""Hide the secrets a URL may carry before it is shown: in logs, errors and command output.

One rule for every URL we print (feed, webhook, database): the scheme, host, port and path stay,
so the user still recognises which feed or endpoint it is; the userinfo (``user:password@``, or a
token used as the user name) becomes ``***@``, and every query or fragment value becomes ``***``
unless its name is one that identifies a news search rather than authenticates (``q``, ``hl``,
``gl``, ``ceid``...).

Why an allow-list of names and not a deny-list of secret-looking ones: a secret can be named
anything (``?k=``, ``?auth=``, ``?sig=``, ``?x-amz-credential=``); a name we do not know costs a
hidden harmless value, a name we failed to guess would cost a leaked key. The names kept are the
ones news-search feeds (Google News, Bing News, site searches) use, so two search feeds of one
host stay distinguishable.

Pure functions of strings; ``redact`` walks the plain containers a log event holds.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

MASK = "***"

# Query names whose values identify a feed (a search, its language or format) and carry no secret.
PUBLIC_QUERY_NAMES = frozenset(
    {
        "q", "query", "search", "keyword", "keywords", "hl", "gl", "ceid", "lang", "language",
        "locale", "mkt", "setlang", "cc", "country", "region", "edition", "format", "output",
        "type", "feed", "rss", "category", "cat", "tag", "tags", "topic", "section", "sort",
        "order", "page", "limit", "count", "num", "when", "since", "sslmode", "connect_timeout",
    }
)

# A URL inside free text (an error message, a log value): a scheme, "://", then up to a space,
# quote or angle bracket.
_URL_IN_TEXT = re.compile(r"(?i)\b[a-z][a-z0-9+.\-]*://[^\s<>\"'`]+")


def redact_url(url: str) -> str:
    """``url`` with its userinfo and its non-public query and fragment values replaced by ***."""
    try:
        parts = urlsplit(url)
    except ValueError:
        # Not even splittable (e.g. an unbalanced "[" in the host): show only what cannot hold a
        # secret, the scheme.
        scheme = url.split(":", 1)[0] if "://" in url else ""
        return f"{scheme}://{MASK}" if scheme else MASK
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    if at:
        netloc = f"{MASK}@{hostport}"
    # Put together by hand: urlunsplit would turn "sqlite:////abs/path" into "sqlite://abs/path".
    out = f"{parts.scheme}:" if parts.scheme else ""
    if url[len(out) : len(out) + 2] == "//":
        out += "//" + netloc
    out += parts.path
    if parts.query:
        out += "?" + _redact_pairs(parts.query)
    if parts.fragment:
        out += "#" + _redact_pairs(parts.fragment)
    return out


def _redact_pairs(text: str) -> str:
    """``a=1&key=s3cret`` -> ``a=***&key=***`` (public names keep their values)."""
    if not text:
        return text
    out = []
    for pair in re.split(r"([&;])", text):
        if pair in ("&", ";") or pair == "":
            out.append(pair)
            continue
        name, eq, value = pair.partition("=")
        if not eq:
            # A bare value (``?abcd1234``) may itself be a token.
            out.append(pair if name.lower() in PUBLIC_QUERY_NAMES else MASK)
        elif name.lower() in PUBLIC_QUERY_NAMES or not value:
            out.append(pair)
        else:
            out.append(f"{name}={MASK}")
    return "".join(out)


def redact_text(text: str) -> str:
    """Every URL in ``text`` redacted (the rest left as it is)."""
    if "://" not in text:
        return text
    return _URL_IN_TEXT.sub(_redact_match, text)


def _redact_match(m: re.Match[str]) -> str:
    # Punctuation that ends a sentence or a bracket is not part of the URL ("at http://h/db: ...").
    url = m.group(0)
    kept = url.rstrip(".,;:!?)]}")
    return redact_url(kept) + url[len(kept) :]


def redact(value: Any) -> Any:
    """Strings redacted as text; lists, tuples and dicts walked; anything else as it is."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(redact(v) for v in value)
    return value
