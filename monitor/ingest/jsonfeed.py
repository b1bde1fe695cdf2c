"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1) -> normalised Items.

Each item becomes the entry fields ``normalise.entry_to_item`` reads (feedparser's names), so a
JSON Feed item is normalised exactly as an RSS or Atom entry.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from monitor.ingest.normalise import entry_to_item
from monitor.model import Item

_VERSION_PREFIX = "https://jsonfeed.org/version/"


class NotAJsonFeed(ValueError):
    """The body is no usable JSON Feed; the message says why.

    ``kind`` is "json" when the body is a JSON Feed (it has the version) that is unusable anyway.
    """

    def __init__(self, reason: str, kind: str = "") -> None:
        super().__init__(reason)
        self.kind = kind


def read_json_feed(
    body: bytes,
    *,
    config_url: str,
    feed_source: str | None,
    base_url: str,
    max_items: int,
    aggregator: bool = False,
) -> list[Item]:
    """The feed's first ``max_items`` items (those that are objects), normalised; items without
    a title, text or link are left out. Raises ``NotAJsonFeed``."""
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as e:
        raise NotAJsonFeed(f"not a feed: invalid JSON ({e})") from None
    version = doc.get("version") if isinstance(doc, dict) else None
    if not (isinstance(version, str) and version.startswith(_VERSION_PREFIX)):
        raise NotAJsonFeed('not a feed: JSON without a JSON Feed "version"')
    raw_items = doc.get("items")
    if not isinstance(raw_items, list):
        raise NotAJsonFeed('JSON Feed without an "items" list', kind="json")
    items: list[Item] = []
    for raw in raw_items[:max_items]:
        if not isinstance(raw, dict):
            continue
        item = entry_to_item(
            _entry(raw),
            config_url=config_url,
            feed_source=feed_source,
            base_url=base_url,
            aggregator=aggregator,
        )
        if item is not None:
            items.append(item)
    return items


def _entry(raw: dict[str, Any]) -> dict[str, Any]:
    """A JSON Feed item as the feedparser entry fields normalise reads."""
    return {
        "id": str(raw["id"]) if isinstance(raw.get("id"), str | int) else None,
        "link": raw.get("url") or raw.get("external_url"),
        "title": raw.get("title"),
        "summary": raw.get("summary") or raw.get("content_text") or raw.get("content_html"),
        "published_parsed": _iso_struct(raw.get("date_published") or raw.get("date_modified")),
    }


def _iso_struct(value: object) -> Any:
    """An RFC 3339 date as a UTC struct_time (as feedparser gives dates), or None."""
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.utctimetuple() if dt.tzinfo else dt.timetuple()
