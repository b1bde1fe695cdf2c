"""The parse workers: processes that run ``parse.parse_body`` (and, optionally, judge the items)
with a time limit and a memory limit each.

A worker that times out is killed; one that dies (out of memory, crash) is replaced. Either way the
feed gets a ParseResult with the reason, and the pool keeps its size.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import types
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, NamedTuple, Protocol

from monitor.ingest.itemkeys import key_digest, unpack_keys
from monitor.ingest.parse import MAX_ITEMS, ParseResult, parse_body
from monitor.logs import get_logger
from monitor.model import Item, Judged

log = get_logger()


class ItemJudge(Protocol):
    """Judges parsed items in a worker process: what each matches, with its stance (None for an
    item it leaves to the service)."""

    def judge(self, items: Sequence[Item]) -> list[Judged | None]: ...


class ItemJudgeFactory(Protocol):
    """Sent to each worker process once (so it must pickle); builds the worker's judge there.

    ``key`` names the judge's configuration: the service uses a worker's results only when it
    judges under the same key (``monitor.judge.service.WorkerJudgeSpec`` is the one we use).
    """

    @property
    def key(self) -> str: ...

    def build(self) -> ItemJudge: ...


def _judge_unseen(judge: ItemJudge, items: list[Item], seen: bytes | None) -> list[Judged | None]:
    """``judge`` on the items not in ``seen`` (the feed's previous body: most likely stored
    already); None for the others."""
    skip = unpack_keys(seen)
    fresh = [i for i in items if not skip or key_digest(i.dedup_key) not in skip]
    found = iter(judge.judge(fresh))
    return [next(found) if not skip or key_digest(i.dedup_key) not in skip else None for i in items]


# --- jobs and the items' keys -----------------------------------------------------------------
class _Job(NamedTuple):
    body: bytes
    headers: dict[str, str]
    url: str
    config_url: str
    feed_source: str | None
    seen: bytes | None = None  # pack_keys of items not worth judging (see ParsePool.parse)
    aggregator: bool = False
    max_items: int = MAX_ITEMS  # new items taken from one body at most


# --- the worker processes -----------------------------------------------------------------------
def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not Linux
        pass


def _worker_main(
    conn: Connection, memory_mb: int, judge_factory: ItemJudgeFactory | None = None
) -> None:
    """Worker process loop: receive a job, send back a ParseResult, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _limit_memory(memory_mb)
    import feedparser  # noqa: F401 - import once, before the first job

    judge: ItemJudge | None = None
    if judge_factory is not None:
        try:
            judge = judge_factory.build()
        except Exception:  # noqa: BLE001 - the service judges the items itself then
            judge = None

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        result = _parse_job(job, memory_mb)
        if judge is not None and judge_factory is not None and result.items:
            try:
                result.judged = _judge_unseen(judge, result.items, job.seen)
                result.judge_key = judge_factory.key
            except Exception:  # noqa: BLE001 - MemoryError included: the service judges them
                result.judged = None
        try:
            conn.send(result)
        except MemoryError:
            conn.send(ParseResult(error=f"parse result exceeded the {memory_mb} MiB memory limit"))
        del job, result


def _parse_job(job: _Job, memory_mb: int) -> ParseResult:
    """``parse_body`` on one job; running out of memory or stack is a result with the reason."""
    try:
        return parse_body(
            job.body,
            job.headers,
            url=job.url,
            config_url=job.config_url,
            feed_source=job.feed_source,
            aggregator=job.aggregator,
            max_items=job.max_items,
            seen=unpack_keys(job.seen),
        )
    except MemoryError:
        return ParseResult(error=f"parsing needed more than the {memory_mb} MiB memory limit")
    except RecursionError:
        return ParseResult(error="feed too deeply nested to parse")
    except Exception as e:  # pragma: no cover - parse_body guards feedparser itself
        return ParseResult(error=f"parse failed: {type(e).__name__}: {e}"[:300])


_START_LOCK = threading.Lock()


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int, judge: ItemJudgeFactory | None = None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, memory_mb, judge), daemon=True)
        # multiprocessing re-imports the parent's __main__ in the child (spawn/forkserver), which
        # runs the top level of an unguarded script or ``python -c`` code again. The worker needs
        # nothing from __main__, so hide it while starting.
        with _START_LOCK:
            real_main = sys.modules["__main__"]
            sys.modules["__main__"] = types.ModuleType("__main__")
            try:
                self.proc.start()
            finally:
                sys.modules["__main__"] = real_main
        child.close()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.join(2)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.proc.join(1)
        if self.proc.is_alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


def _mp_context() -> Any:
    # forkserver: workers start from a small clean process (no threads, no sockets inherited from
    # the service), and quickly, since feedparser is preloaded there.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # The workers' code: this module, and with it parse and everything parse imports
        # (fastparse already imports feedparser; it is named so it stays preloaded regardless).
        ctx.set_forkserver_preload(["monitor.ingest.pool", "feedparser"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - not POSIX


class ParsePool:
    """Worker processes that run ``parse_body`` with a time limit and a memory limit each.

    A worker that times out is killed; one that dies (out of memory, crash) is replaced. Either
    way the feed gets a ParseResult with the reason, and the pool keeps its size.
    """

    def __init__(
        self,
        workers: int = 0,
        timeout: float = 20.0,
        memory_mb: int = 512,
        judge: ItemJudgeFactory | None = None,
        max_items: int = MAX_ITEMS,
    ) -> None:
        """``judge``: also match and classify the parsed items (see ``ItemJudgeFactory``).
        ``max_items``: new items taken from one body at most (``parse.Capped``)."""
        self.size = workers or os.cpu_count() or 1
        self.max_items = max_items
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.judge = judge
        self._ctx = _mp_context()
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._threads: ThreadPoolExecutor | None = None
        self._closed = False

    def _start(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="parse-wait")
            for _ in range(self.size):
                w = _Worker(self._ctx, self.memory_mb, self.judge)
                self._all.append(w)
                self._idle.put_nowait(w)
        return self._idle

    async def parse(
        self,
        body: bytes,
        headers: Mapping[str, str],
        *,
        url: str,
        config_url: str,
        feed_source: str | None,
        seen: bytes | None = None,
        aggregator: bool = False,
    ) -> ParseResult:
        """Parse (and judge) one body. ``seen``: ``pack_keys`` of items the caller has met before
        (the feed's previous body); the worker leaves them unjudged (``None``): a false hit (a
        crc32 collision, or an item whose storing failed) only means the service judges it."""
        if self._closed:
            raise RuntimeError("ParsePool is closed")
        idle = self._start()
        worker = await idle.get()
        loop = asyncio.get_running_loop()
        job = _Job(
            body, dict(headers), url, config_url, feed_source, seen, aggregator, self.max_items
        )

        def give_back(w: _Worker) -> None:
            if self._closed:
                w.stop()
            else:
                idle.put_nowait(w)

        def run() -> ParseResult:
            # In a thread: the round trip blocks. The worker goes back to the pool from here, so
            # a cancelled caller cannot leak it.
            w = worker
            try:
                result = self._roundtrip(w, job)
            except _WorkerLost as lost:
                result = ParseResult(error=str(lost))
                log.warning("parser.restarted", url=url, reason=str(lost))
                w.kill()
                try:
                    w = _Worker(self._ctx, self.memory_mb, self.judge)
                except Exception:  # pragma: no cover - cannot start processes
                    w = worker
                self._all = [x for x in self._all if x is not worker] + [w]
            loop.call_soon_threadsafe(give_back, w)
            return result

        return await loop.run_in_executor(self._threads, run)

    def _roundtrip(self, w: _Worker, job: _Job) -> ParseResult:
        try:
            w.conn.send(job)
            if not w.conn.poll(self.timeout):
                raise _WorkerLost(
                    f"parsing took longer than {self.timeout:g} s (the limit); the parser was stopped"
                )
            result = w.conn.recv()
        except (EOFError, OSError) as e:
            code = w.proc.exitcode if not w.proc.is_alive() else None
            why = f" (exit code {code})" if code is not None else ""
            raise _WorkerLost(
                f"the parser process died{why}, probably over the {self.memory_mb} MiB memory limit"
            ) from e
        if not isinstance(result, ParseResult):  # pragma: no cover - protocol error
            raise _WorkerLost("the parser process sent garbage")
        return result

    async def aclose(self) -> None:
        self._closed = True
        workers, self._all = self._all, []
        if workers:

            def stop_all() -> None:
                for w in workers:
                    w.stop()

            await asyncio.to_thread(stop_all)
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None


class _WorkerLost(Exception):
    pass
