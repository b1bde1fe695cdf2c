"""Builders for store tests: settings with a database URL, feed updates, leased feeds, items."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.ingest.normalise import canonical_link, keyed
from monitor.ingest.schedule import feed_row
from monitor.model import FeedRow, FeedUpdate, Item, PolledFeed
from monitor.pipeline import PollRecord, record_poll
from monitor.service import Service
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


def sync(store: Store, loaded: LoadedSettings, now: datetime = NOW - timedelta(minutes=1)) -> None:
    """The configuration's claims and feeds into the store, as every command does on start."""
    store.sync_config(loaded.claims(), loaded.feed_configs(), now)


def lease(
    store: Store,
    loaded: LoadedSettings,
    worker_id: str,
    now: datetime = NOW,
    lease_seconds: float | None = None,
    **kw: object,
) -> list[FeedRow]:
    """Feeds leased as the service leases them (limits resolved)."""
    stored = store.lease_due_feeds(
        worker_id=worker_id, now=now, lease_seconds=lease_seconds or loaded.settings.daemon.lease,
        **kw,  # type: ignore[arg-type]
    )
    return [feed_row(s, loaded.settings.polling) for s in stored]


def leased_feeds(db_url: str, tmp_path: Path) -> tuple[LoadedSettings, Store, Service, FeedRow, FeedRow]:
    """The default settings synced to a fresh store, and its two feeds leased by worker w1."""
    loaded = settings(db_url, tmp_path)
    store = Store.open(db_url)
    sync(store, loaded)
    service = Service(loaded, store, worker_id="w1")
    a, b = sorted(lease(store, loaded, "w1"), key=lambda f: f.id)
    return loaded, store, service, a, b


def record(
    store: Store,
    service: Service,
    feed: FeedRow,
    items: list[Item],
    now: datetime = NOW,
    source: str | None = None,
) -> PollRecord:
    """One successful poll of ``feed`` that brought ``items``, recorded as the service does.
    ``source``: the feed's declared publisher for this poll (e.g. the claim's official site)."""
    if source is not None:
        feed = replace(feed, source=source)
    update = ok_update(feed.url, now)
    with store.transaction(now) as tx:
        tx.write_feed_states([(feed.id, update)])
        return record_poll(
            tx, service.judge, service.alerts, PolledFeed(feed, update, tuple(items)), 3 * 86400
        )


def item(title: str, link: str, source: str, guid: str = "") -> Item:
    link = canonical_link(link)
    key = f"g:{guid}" if guid else f"l:{link}"
    return keyed(Item(title=title, summary="", link=link, source=source, guid=guid, dedup_key=key))
