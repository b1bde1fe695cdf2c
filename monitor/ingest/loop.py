"""A long-lived poller on its own event loop thread, for the daemon's repeated poll cycles."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from monitor.ingest.poller import Poller, deliver
from monitor.ingest.pool import ItemJudgeFactory
from monitor.logs import get_logger
from monitor.model import FeedRow, PolledFeed
from monitor.settings import LoadedSettings

log = get_logger()
_T = TypeVar("_T")


class PollCancelled(Exception):
    """A poll stopped by ``IngestLoop.cancel`` (a daemon shutting down)."""


class IngestLoop:
    """One event loop thread with one long-lived Poller (HTTP connections, parse workers).

    The daemon polls every few seconds; keeping the loop, the connection pool and the worker
    processes alive between cycles saves starting them each time. ``poll_feeds`` has the
    signature of ``monitor.ingest.poller.poll_feeds``; ``on_result`` runs on the loop thread and
    must be quick (the service only queues the result for its writer thread).
    """

    def __init__(self, loaded: LoadedSettings, judge: ItemJudgeFactory | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="ingest", daemon=True)
        self.thread.start()
        self.poller = self._call(self._make(loaded, judge))
        self._running: set[concurrent.futures.Future[None]] = set()
        self._lock = threading.Lock()

    @staticmethod
    async def _make(loaded: LoadedSettings, judge: ItemJudgeFactory | None) -> Poller:
        return Poller(loaded, judge=judge)

    def _call(self, coro: Coroutine[Any, Any, _T], timeout: float | None = None) -> _T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def poll_feeds(
        self,
        loaded: LoadedSettings,
        feeds: Sequence[FeedRow],
        on_result: Callable[[PolledFeed], None],
    ) -> None:
        """Raises ``PollCancelled`` when ``cancel`` stopped it: the feeds whose results were
        delivered before are handled; the others were not polled (nothing of theirs is kept)."""

        async def run() -> None:
            async for polled in self.poller.poll(feeds):
                await deliver(polled, on_result)

        future = asyncio.run_coroutine_threadsafe(run(), self.loop)
        with self._lock:
            self._running.add(future)
        try:
            future.result()
        except concurrent.futures.CancelledError:
            raise PollCancelled from None
        finally:
            with self._lock:
                self._running.discard(future)

    def read_pushed(self, feed: FeedRow, body: bytes, headers: dict[str, str]) -> PolledFeed:
        """A body a WebSub hub pushed, read on this loop by its poller (``Poller.read_pushed``)."""
        return self._call(self.poller.read_pushed(feed, body, headers))

    def cancel(self) -> int:
        """Stop the polls in progress (fetches, link checks and parses are abandoned); returns
        how many were running. Each ``poll_feeds`` call then raises ``PollCancelled``."""
        with self._lock:
            running = list(self._running)
        for future in running:
            future.cancel()
        return len(running)

    def close(self, timeout: float = 10.0) -> None:
        try:
            self._call(self.poller.aclose(), timeout)
        except Exception as e:  # noqa: BLE001 - closing must not fail a shutdown
            log.warning("ingest.close_failed", error=f"{e.__class__.__name__}: {e}")
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout)
