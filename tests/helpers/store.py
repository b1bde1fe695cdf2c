"""Builders for store tests: settings with a database URL, feed updates, leased feeds, items."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.model import FeedRow, FeedUpdate, Item
from monitor.pipeline import Service
from monitor.settings import LoadedSettings, parse_settings
from monitor.store.repo import Store

NOW = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def settings(db_url: str, tmp_path: Path, claims: str = "", feeds: tuple[str, ...] = ("https://a.example/rss", "https://b.example/rss")) -> LoadedSettings:
    import tomllib

    text = f'[database]\nurl = "{db_url}"\n[sources]\ntrusted = ["reuters.com", "bloomberg.com"]\n'
    text += f'[logging]\nstatus_log = "{tmp_path / "status.jsonl"}"\n'
    for url in feeds:
        text += f'[[feeds]]\nurl = "{url}"\n'
    text += claims or (
        '[[claims]]\nid = "xiaomi-baic"\n'
        'text = "Xiaomi makes an official statement on its electric car partnership with BAIC"\n'
        'official_sources = ["mi.com"]\n'
    )
    path = tmp_path / "monitor.toml"
    return LoadedSettings(parse_settings(tomllib.loads(text), path), path)


def ok_update(url: str, at: datetime = NOW) -> FeedUpdate:
    return FeedUpdate(url=url, etag='"v1"', last_modified=None, body_hash="h", polled_at=at,
                      succeeded=True, last_status="200 OK", next_poll_at=at + timedelta(minutes=15),
                      current_interval=900.0, error_count=0, last_error=None, failing=False)


def server_error_update(url: str) -> FeedUpdate:
    """A poll that failed with HTTP 500."""
    return replace(ok_update(url), succeeded=False, etag=None, last_status="server answered 500",
                   error_count=1, last_error="server answered 500")


def leased_feeds(db_url: str, tmp_path: Path) -> tuple[LoadedSettings, Store, Service, FeedRow, FeedRow]:
    """The default settings synced to a fresh store, and its two feeds leased by worker w1."""
    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    store.sync_config(loaded, now=NOW - timedelta(minutes=1))
    service = Service(loaded, store, worker_id="w1")
    a, b = sorted(store.lease_due_feeds(loaded, worker_id="w1", now=NOW), key=lambda f: f.id)
    return loaded, store, service, a, b


def item(title: str, link: str, source: str, guid: str = "") -> Item:
    from monitor.ingest.normalise import canonical_link

    link = canonical_link(link)
    key = f"g:{guid}" if guid else f"l:{link}"
    return Item(title=title, summary="", link=link, source=source, guid=guid, dedup_key=key)
