"""The poll cycle: fetch many feeds concurrently, parse in worker processes, plan the next poll.

``Poller.poll`` yields one ``PolledFeed`` per feed as soon as that feed is done; one bad feed never
stops the others (every failure becomes a reason in ``PolledFeed.update``).
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Protocol

from monitor.clock import utcnow
from monitor.ingest.fetch import BodyGate, BodyTicket, Fetcher, FetchResult
from monitor.ingest.itemkeys import key_digest, pack_keys, unpack_keys
from monitor.ingest.parse import ParseResult
from monitor.ingest.pool import ItemJudgeFactory, ParsePool
from monitor.ingest.schedule import Outcome, cache_max_age, item_spacing, plan_next
from monitor.ingest.verify import LinkVerifier
from monitor.ingest.websub import discover
from monitor.judge.outlet import host_of
from monitor.judge.provenance import official_link_domains
from monitor.model import FeedRow, FeedUpdate, Item, Judged, LogEvent, PolledFeed
from monitor.netpolicy import AddressPolicy, is_public_address
from monitor.settings import LoadedSettings

# Seconds of a poll cycle's lease kept for writing its results.
_WRITE_MARGIN = 10.0
# How often ``deliver`` looks again at a busy consumer (seconds).
_BACKLOG_POLL = 0.005


class Poller:
    """Polls feeds; holds the HTTP client and the parse workers. Call ``aclose`` when done."""

    def __init__(
        self,
        loaded: LoadedSettings,
        *,
        address_policy: AddressPolicy = is_public_address,
        judge: ItemJudgeFactory | None = None,
    ) -> None:
        """``address_policy``: which IPs count as public when allow_private is off (tests).

        ``judge``: the parse workers also match the items against the claims and classify their
        stance (``PolledFeed.judged``), so that work runs on every core.
        """
        self.loaded = loaded
        self._address_policy = address_policy
        self.net = loaded.settings.network
        self.polling = loaded.settings.polling
        self._fetcher: Fetcher | None = None
        self._pool = ParsePool(
            workers=self.polling.parse_workers,
            timeout=self.polling.parse_timeout,
            memory_mb=self.polling.parse_memory_mb,
            judge=judge,
            max_items=self.polling.max_items,
        )
        self._rng = random.Random()
        self._bodies = BodyGate(self.net.large_bodies)
        # Links to the claims' official sites from other feeds are checked (ingest/verify.py).
        official = official_link_domains(
            source for claim in loaded.claims() for source in claim.official_sources
        )
        self._verifier = LinkVerifier(self.net, official, address_policy=address_policy)
        # Per feed, the dedup keys of its last parsed items (4 bytes each): when its body changes,
        # the parse workers judge only the items not in the previous body (usually the new ones).
        self._seen: dict[int, bytes] = {}

    def _client(self) -> Fetcher:
        # Created lazily: the httpx client must live on the loop that uses it.
        if self._fetcher is None:
            self._fetcher = Fetcher(self.net, address_policy=self._address_policy)
        return self._fetcher

    async def poll(self, feeds: Sequence[FeedRow]) -> AsyncIterator[PolledFeed]:
        """Poll ``feeds`` concurrently; yield each feed's result as soon as it is complete (a
        feed that found no connection slot within the cycle yields nothing: see ``fetch``).

        At most ``max_connections`` + 2 per parse worker feeds are between fetch and the
        consumer at a time: a feed's slot is freed when the consumer has taken its result (the
        ``async for`` body has run), not when it is ready. When parsing, or the consumer (the
        service's writer, which judges and stores), is the bottleneck, fetched bodies and parsed
        items wait in a bounded line instead of the whole cycle's piling up in memory. (Fetches
        are bounded by max_connections anyway, so this costs no concurrency.)
        """
        in_flight = asyncio.Semaphore(self.net.max_connections + 2 * self._pool.size)
        done: asyncio.Queue[PolledFeed | None] = asyncio.Queue()
        queue_until = asyncio.get_running_loop().time() + self._queue_seconds()

        async def one(feed: FeedRow) -> None:
            polled: PolledFeed | None = None
            await in_flight.acquire()  # released below, once the consumer has taken the answer
            try:
                polled = await self._poll_safely(feed, queue_until)
            finally:
                # One answer per feed whatever happened: the loop below waits for exactly that
                # many (a feed that never answered once made the cycle wait for ever).
                done.put_nowait(polled)

        # A finished task is dropped at once: the consumer holds a result only as long as it needs
        # it (keeping every task until the end kept every feed's items in memory for the cycle).
        pending: set[asyncio.Task[None]] = set()
        for f in feeds:
            task = asyncio.create_task(one(f))
            pending.add(task)
            task.add_done_callback(pending.discard)
        try:
            for _ in range(len(feeds)):
                polled = await done.get()
                try:
                    if polled is not None:  # None: deferred, its feed is handed back unpolled
                        yield polled
                finally:
                    in_flight.release()
        finally:
            left = list(pending)
            for t in left:
                t.cancel()
            await asyncio.gather(*left, return_exceptions=True)

    async def aclose(self) -> None:
        await self._verifier.aclose()
        if self._fetcher is not None:
            await self._fetcher.aclose()
            self._fetcher = None
        await self._pool.aclose()

    async def __aenter__(self) -> Poller:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _queue_seconds(self) -> float:
        """How long a feed may wait for a connection slot in one cycle: what the cycle's lease
        leaves after one whole fetch and parse (and a margin for writing the results)."""
        net, polling = self.net, self.polling
        lease = self.loaded.settings.daemon.lease
        spare = lease - net.total_timeout - polling.parse_timeout - _WRITE_MARGIN
        return max(spare, net.total_timeout)

    async def _poll_safely(self, feed: FeedRow, queue_until: float | None = None) -> PolledFeed | None:
        try:
            return await self.poll_one(feed, queue_until)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # a bug must cost one feed one poll, not the cycle
            error = f"internal error: {e!r}"
            try:
                return self._finish(
                    feed, FetchResult(url=feed.url, status="internal error", error=error), None, None
                )
            except Exception as again:  # noqa: BLE001 - the planning itself failed: plain retry
                return _plain_failure(feed, f"{error}; then planning failed: {again!r}")

    async def poll_one(self, feed: FeedRow, queue_until: float | None = None) -> PolledFeed | None:
        """The feed's poll; None when it was deferred (its host too busy this cycle). A large
        body holds one of the few large-body slots until it is parsed."""
        started = time.monotonic()
        async with self._bodies.ticket() as ticket:
            fetched = await self._client().fetch(
                feed.url, feed.etag, feed.last_modified, queue_until=queue_until, ticket=ticket
            )
            if fetched.deferred:
                return None
            # When the body arrived: where an item's time to alert starts (parsing and link
            # checks come after it).
            received_at = utcnow()
            return replace(await self._read(feed, fetched, ticket, started), fetched_at=received_at)

    async def read_pushed(self, feed: FeedRow, body: bytes, headers: dict[str, str]) -> PolledFeed:
        """A body a WebSub hub pushed for ``feed``, read exactly as a polled body is (the same
        parse workers, judgement and link checks); the caller keeps the feed's poll state."""
        pushed = FetchResult(
            url=feed.url, status="200 OK (WebSub push)", ok=True, http_status=200,
            headers={k.lower(): v for k, v in headers.items()}, body=body,
        )
        received_at = utcnow()  # the push's arrival: where its items' time to alert starts
        async with self._bodies.ticket() as ticket:
            return replace(
                await self._read(feed, pushed, ticket, time.monotonic()), fetched_at=received_at
            )

    async def _read(
        self, feed: FeedRow, fetched: FetchResult, ticket: BodyTicket, started: float | None = None
    ) -> PolledFeed:
        """Parse (and judge) what a fetch brought, check links to official sites, and plan. The
        body is let go (and its large-body slot given back) once parsed."""
        parsed: ParseResult | None = None
        body_hash: str | None = None
        if fetched.ok and fetched.body is not None:
            body_hash = hashlib.sha256(fetched.body).hexdigest()
            if body_hash != feed.body_hash:
                parsed = await self._pool.parse(
                    fetched.body,
                    fetched.headers,
                    url=fetched.url,
                    config_url=feed.config_url,
                    feed_source=feed.source,
                    aggregator=feed.aggregator,
                    seen=self._seen.get(feed.id),
                )
            fetched.body = None
            ticket.release()
            if parsed is not None:
                if parsed.items:
                    parsed.items = await self._verified(feed, parsed.items)
                if parsed.items or parsed.seen_keys:
                    self._seen[feed.id] = parsed.seen_keys or pack_keys(parsed.items)
        polled = self._finish(feed, fetched, parsed, body_hash, started)
        if parsed is not None and parsed.error is None:
            link = discover(fetched.url, fetched.headers, parsed.hub, parsed.self_url)
            if link is not None:
                polled = replace(polled, hub=link.hub, topic=link.topic)
        return polled

    async def _verified(self, feed: FeedRow, items: list[Item]) -> list[Item]:
        """The items with proof of their links to official sites (those in the feed's previous
        body were checked when they were new)."""
        before = unpack_keys(self._seen.get(feed.id))
        skip = frozenset(k for k, it in enumerate(items) if key_digest(it.dedup_key) in before)
        return await self._verifier.verify_items(items, host_of(feed.url), feed.source, skip)

    def _finish(
        self,
        feed: FeedRow,
        fetched: FetchResult,
        parsed: ParseResult | None,
        body_hash: str | None,
        started: float | None = None,
    ) -> PolledFeed:
        now = utcnow()
        read = _read_answer(feed, fetched, parsed, body_hash)
        succeeded = fetched.ok and read.error is None
        items = read.items
        # Moved only to a URL that answered with a feed we could read.
        moved_to = fetched.permanent_url if succeeded else None
        outcome = Outcome(
            succeeded=succeeded,
            error=read.error,
            gone=fetched.gone,
            retry_after=fetched.retry_after,
            throttled=fetched.http_status in (429, 503),
            ttl=parsed.ttl if parsed else None,
            max_age=cache_max_age(fetched.headers) if fetched.ok else None,
            item_spacing=item_spacing([i.published_at for i in items], now) if items else None,
            moved_to=moved_to,
            backlog=parsed.capped.left if parsed and parsed.capped and succeeded else 0,
        )
        plan = plan_next(
            feed,
            outcome,
            now,
            jitter=self.polling.jitter,
            failing_after=self.polling.failing_after,
            rnd=self._rng.random(),
            decisive_overrides_ttl=self.polling.decisive_overrides_ttl,
        )
        events: list[LogEvent] = list(plan.events)
        if parsed and parsed.capped and succeeded:
            c = parsed.capped
            events.append(
                LogEvent(
                    "feed.items_capped",
                    "warning",
                    {"feed_id": feed.id, "url": feed.url, "entries": c.entries, "new": c.new,
                     "kept": c.kept, "left": c.left,
                     "hint": "the rest are taken at the next polls (at the feed's min_interval); "
                     "raise [polling] max_items to take more at once"},
                )
            )
        events.append(
            LogEvent(
                "feed.polled",
                "debug",
                {"feed_id": feed.id, "url": feed.url, "status": read.status, "items": len(items),
                 # From the fetch's start to the parsed result (the poll latency metric).
                 "seconds": round(time.monotonic() - started, 4) if started is not None else None},
            )
        )
        update = FeedUpdate(
            url=moved_to or feed.url,
            etag=read.etag,
            last_modified=read.last_modified,
            body_hash=read.body_hash,
            polled_at=now,
            succeeded=succeeded,
            last_status=read.status,
            next_poll_at=plan.next_poll_at,
            current_interval=plan.current_interval,
            error_count=plan.error_count,
            last_error=read.error,
            failing=plan.failing,
            disabled_reason=read.error if fetched.gone else None,
            events=tuple(events),
        )
        return PolledFeed(
            feed=feed,
            update=update,
            items=items,
            judged=read.judged,
            judge_key=parsed.judge_key if read.judged is not None and parsed else "",
        )


# When a feed whose poll and planning both failed is tried again: a fixed, safe delay that needs
# none of the feed's own (possibly broken) numbers.
_PLAIN_RETRY_SECONDS = 3600.0


def _plain_failure(feed: FeedRow, error: str) -> PolledFeed:
    """The result of a poll whose error handling failed too: nothing of the feed's state is
    changed but the error count, and it is tried again in an hour. Logged as feed.error."""
    now = utcnow()
    errors = feed.error_count + 1
    event = LogEvent(
        "feed.error",
        "error",
        {"feed_id": feed.id, "url": feed.url, "reason": error, "errors": errors,
         "retry_in_seconds": _PLAIN_RETRY_SECONDS},
    )
    update = FeedUpdate(
        url=feed.url,
        etag=feed.etag,
        last_modified=feed.last_modified,
        body_hash=feed.body_hash,
        polled_at=now,
        succeeded=False,
        last_status="internal error",
        next_poll_at=now + timedelta(seconds=_PLAIN_RETRY_SECONDS),
        current_interval=None,
        error_count=errors,
        last_error=error,
        failing=feed.failing,
        events=(event,),
    )
    return PolledFeed(feed=feed, update=update)


@dataclass(frozen=True, slots=True)
class _Answer:
    """What one fetch (and its parse) says about the feed, before scheduling."""

    status: str  # the feed's last_status
    error: str | None
    etag: str | None  # the validators and body hash to send and compare next time
    last_modified: str | None
    body_hash: str | None
    items: tuple[Item, ...] = ()
    judged: tuple[Judged | None, ...] | None = None


def _read_answer(
    feed: FeedRow, fetched: FetchResult, parsed: ParseResult | None, body_hash: str | None
) -> _Answer:
    """The status line, error, validators, body hash and items a fetch and its parse give."""
    if not fetched.ok:
        return _Answer(
            fetched.status, fetched.error, feed.etag, feed.last_modified, feed.body_hash
        )
    if fetched.not_modified:
        # A 304 may renew Last-Modified (validators exactly as received, each on its own).
        etag = fetched.headers.get("etag", feed.etag)
        last_modified = fetched.headers.get("last-modified", feed.last_modified)
        return _Answer("304 Not Modified", None, etag, last_modified, feed.body_hash)
    # A 200 without a validator means the server no longer offers it.
    etag, last_modified = fetched.headers.get("etag"), fetched.headers.get("last-modified")
    if parsed is None:
        status = f"{fetched.status}, unchanged since last poll"
        return _Answer(status, None, etag, last_modified, body_hash)
    if parsed.error:
        # Forget validators and hash so the next poll reads and parses the body again.
        return _Answer(f"{fetched.status}, {parsed.error}", parsed.error, None, None, None)
    items = tuple(parsed.items)
    judged = None
    if parsed.judged is not None and len(parsed.judged) == len(items):
        judged = tuple(parsed.judged)
    n = len(items)
    status = f"{fetched.status}, {n} item{'s' if n != 1 else ''}"
    notes = [parsed.note] if parsed.note else []
    if parsed.capped:
        # More new entries than one poll takes: the next poll must read the body again, so
        # neither the validators nor the hash are kept (a 304 or "unchanged" would hide the rest).
        notes.append(parsed.capped.note())
        etag = last_modified = body_hash = None
    if notes:
        status += f" ({'; '.join(notes)})"
    return _Answer(status, None, etag, last_modified, body_hash, items, judged)


def poll_feeds(
    loaded: LoadedSettings,
    feeds: Sequence[FeedRow],
    on_result: Callable[[PolledFeed], None],
    judge: ItemJudgeFactory | None = None,
) -> None:
    """Synchronous convenience: poll ``feeds`` once, calling ``on_result`` as each completes."""

    async def main() -> None:
        poller = Poller(loaded, judge=judge)
        try:
            async for polled in poller.poll(feeds):
                await deliver(polled, on_result)
        finally:
            await poller.aclose()

    asyncio.run(main())


class Backlogged(Protocol):
    """An ``on_result`` that can say it has too much waiting (``busy``): ``deliver`` then holds
    the next result back, and with it the fetches (see ``Poller.poll``)."""

    def __call__(self, polled: PolledFeed) -> None: ...

    def busy(self) -> bool: ...


async def deliver(polled: PolledFeed, on_result: Callable[[PolledFeed], None]) -> None:
    """Hand ``polled`` to ``on_result``; while that says it is busy (``Backlogged``), wait (on
    the event loop: fetches in progress go on, new ones wait for a slot)."""
    on_result(polled)
    busy = getattr(on_result, "busy", None)
    while busy is not None and busy():
        await asyncio.sleep(_BACKLOG_POLL)
