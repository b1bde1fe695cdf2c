"""Replay a recorded stream of items through the real matcher, stance and status rules.

A temporary database is used, items go through in publication order (file order where there are
no dates), and the result is the timeline of status changes: how the service would have judged
that stream. Users tune thresholds and try new claims with it without waiting for the news.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from monitor.errors import InputError
from monitor.ingest.normalise import entry_to_item, keyed
from monitor.ingest.schedule import feed_row
from monitor.judge.service import Judge
from monitor.model import FeedUpdate, Item, MatchKind, PolledFeed, RecordedChange
from monitor.pipeline import Alerts, record_poll
from monitor.settings import LoadedSettings, parse_settings
from monitor.store.repo import Store

REPLAY_FEED = "https://replay.invalid/items"
# Items without a date are spaced this far apart, in file order, from this start.
UNDATED_START = datetime(2000, 1, 1, tzinfo=UTC)
UNDATED_STEP = timedelta(minutes=1)


class ReplayInputError(InputError):
    """The items file cannot be read; the message names the line and the fix."""


@dataclass
class ReplayItem:
    item: Item
    claim: tuple[str, str] | None = None  # (id, text) when the file names one


@dataclass
class ReplayResult:
    items: int = 0
    matches: int = 0
    candidates: int = 0
    changes: list[RecordedChange] = field(default_factory=list)
    final: list[dict[str, Any]] = field(default_factory=list)
    claims_from_file: int = 0
    undated: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "matches": self.matches,
            "candidates": self.candidates,
            "claims_from_file": self.claims_from_file,
            "undated": self.undated,
            "changes": [c.as_dict() for c in self.changes],
            "final": self.final,
        }


def _parse_date(value: Any, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ReplayInputError(f"{where}: 'published' {value!r} is not an ISO 8601 date") from None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _item(title: str, summary: str, link: str, source: str, key: str, published: datetime | None) -> Item:
    entry = {"title": title, "summary": summary, "link": link, "id": key}
    item = entry_to_item(entry, config_url=REPLAY_FEED, feed_source=source or None)
    if item is None:
        raise ReplayInputError(f"{key}: an item needs a title, summary or link")
    return keyed(dataclasses.replace(item, source=source or item.source, published_at=published))


def read_items(path: Path) -> Iterator[ReplayItem]:
    """Items from a labelled-pairs CSV or from JSON lines (title, summary, link, source, published)."""
    try:
        f = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by `with f` below
    except OSError as e:
        raise ReplayInputError(f"{path}: cannot read: {e.strerror}") from None
    with f:
        first = f.read(1)
        f.seek(0)
        if first == "{":
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ReplayInputError(f"{path}:{n}: not JSON ({e.msg})") from None
                if not isinstance(row, dict):
                    raise ReplayInputError(f"{path}:{n}: each line must be a JSON object")
                yield ReplayItem(_item(
                    str(row.get("title") or ""), str(row.get("summary") or ""),
                    str(row.get("link") or ""), str(row.get("source") or ""),
                    str(row.get("id") or row.get("link") or f"line-{n}"),
                    _parse_date(row.get("published"), f"{path}:{n}"),
                ))
            return
        reader = csv.DictReader(f)
        cols = set(reader.fieldnames or [])
        if not {"title"} <= cols:
            raise ReplayInputError(
                f"{path}: expected a labelled-pairs CSV (claim_id,claim,item_id,title,summary,source,"
                "label) or JSON lines; no 'title' column found"
            )
        for n, row in enumerate(reader, start=2):
            claim = None
            if row.get("claim_id") and row.get("claim"):
                claim = (row["claim_id"].strip(), row["claim"].strip())
            yield ReplayItem(
                _item(row.get("title") or "", row.get("summary") or "", row.get("link") or "",
                      row.get("source") or "", row.get("item_id") or f"line-{n}",
                      _parse_date(row.get("published"), f"{path}:{n}")),
                claim,
            )


def replay(
    loaded: LoadedSettings,
    path: Path,
    with_file_claims: bool = True,
    progress: Callable[[int, int | None], None] | None = None,
) -> ReplayResult:
    """Replay the items of ``path``; ``progress(done, total)`` hears of each item recorded."""
    stream = list(read_items(path))
    result = ReplayResult()
    # The same item may be listed once per claim in a pairs file: replay it once.
    seen: set[str] = set()
    unique: list[ReplayItem] = []
    file_claims: dict[str, str] = {}
    for r in stream:
        if r.claim:
            file_claims.setdefault(*r.claim)
        if r.item.dedup_key not in seen:
            seen.add(r.item.dedup_key)
            unique.append(r)
    # Publication order; undated items keep file order after the dated ones' start.
    for i, r in enumerate(unique):
        if r.item.published_at is None:
            result.undated += 1
            r.item = dataclasses.replace(r.item, published_at=UNDATED_START + i * UNDATED_STEP)
    unique.sort(key=lambda r: r.item.published_at or UNDATED_START)

    data = loaded.settings.model_dump(mode="json", exclude_defaults=False)
    with tempfile.TemporaryDirectory(prefix="rumour-replay-") as tmp:
        data["database"] = {"url": f"sqlite:///{Path(tmp) / 'replay.db'}"}
        data["logging"] = {**data["logging"], "status_log": str(Path(tmp) / "status.jsonl")}
        data["feeds"] = [{"url": REPLAY_FEED}]
        data["webhooks"] = []  # a replay never alerts anyone
        known = {c["id"] for c in data["claims"]}
        if with_file_claims:
            for cid, text in file_claims.items():
                if cid not in known:
                    data["claims"].append({"id": cid, "text": text})
                    result.claims_from_file += 1
        settings = parse_settings(data, loaded.path)
        temp_loaded = LoadedSettings(settings, loaded.path)
        store = Store.open(temp_loaded.database_url)
        try:
            _replay_into(store, temp_loaded, unique, result, progress)
        finally:
            store.close()
    return result


def _replay_into(
    store: Store,
    loaded: LoadedSettings,
    items: list[ReplayItem],
    result: ReplayResult,
    progress: Callable[[int, int | None], None] | None = None,
) -> None:
    """Each item as one poll of the replay feed at its publication time, recorded by the
    service's own pipeline (no alerts)."""
    first = items[0].item.published_at if items else UNDATED_START
    assert first is not None
    store.sync_config(loaded.claims(), loaded.feed_configs(), first)
    judge = Judge.from_settings(loaded)
    alerts = Alerts([])  # a replay never alerts anyone
    (stored,) = store.lease_due_feeds(
        worker_id="replay", now=first, lease_seconds=loaded.settings.daemon.lease,
        include_not_due=True,
    )
    feed = feed_row(stored, loaded.settings.polling)
    for r in items:
        at = r.item.published_at or UNDATED_START
        update = FeedUpdate(
            url=REPLAY_FEED, etag=None, last_modified=None, body_hash=None, polled_at=at,
            succeeded=True, last_status="replay", next_poll_at=at, current_interval=None,
            error_count=0, last_error=None, failing=False,
        )
        # The file says who published each item: as if each came from its publisher's own feed.
        own = dataclasses.replace(feed, source=r.item.source or None)
        with store.transaction(at) as tx:
            tx.write_feed_states([(feed.id, update)])
            record = record_poll(tx, judge, alerts, PolledFeed(own, update, (r.item,)), 0.001)
        result.items += 1
        result.matches += sum(1 for d in record.drafts if d.kind is MatchKind.MATCH)
        result.candidates += sum(1 for d in record.drafts if d.kind is MatchKind.REVIEW)
        result.changes.extend(record.changes)
        if progress is not None:
            progress(result.items, len(items))
    result.final = [
        {"id": c["id"], "status": c["status"], "evidence": c["evidence"], "candidates": c["candidates"]}
        for c in store.claims()
    ]
