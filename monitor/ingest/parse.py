"""Bytes of a feed -> normalised Items, with a clear reason when there are none.

``parse_body`` is the whole job for one body (it runs inside a worker process); ``ParsePool`` runs
it in worker processes with a time and memory limit each.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import io
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
import types
import zlib
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any, NamedTuple, Protocol

from monitor.ingest.fastparse import parse_fast
from monitor.ingest.normalise import entry_to_item
from monitor.model import Item, Judged

MAX_ITEMS = 1_000  # per feed and poll; a real feed has far fewer, a hostile one may have millions


@dataclass(slots=True)
class ParseResult:
    items: list[Item] = field(default_factory=list)
    error: str | None = None  # set when the body is not a usable feed
    note: str = ""  # e.g. "valid feed with no entries", "served as text/plain"
    ttl: float | None = None  # <ttl> in seconds
    kind: str = ""  # "rss20", "atom10", "json", ...
    # Set when the worker also judged the items (one entry per item, None for an item it was
    # told it has seen before), under the judge factory's key.
    judged: list[Judged | None] | None = None
    judge_key: str = ""


class ItemJudge(Protocol):
    """Judges parsed items in a worker process: what each matches, with its stance."""

    def judge(self, items: Sequence[Item]) -> list[Judged]: ...


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


# --- DOCTYPE / ENTITY stripping -------------------------------------------------------------
# feedparser's loose parser expands internal entities without limit (billion laughs, quadratic
# blowup). We drop every internal DTD subset and ENTITY declaration; the DOCTYPE itself stays so
# feedparser still recognises e.g. Netscape RSS 0.91 (and its HTML entities).
_INTERNAL_SUBSET = re.compile(rb"(<!DOCTYPE[^\[>]*?)\s*\[.*?\]\s*>", re.S | re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY\b[^>]*>", re.I)
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


def _wide_encoding(body: bytes) -> tuple[str, int] | None:
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return enc, len(bom)
    for prefix, enc in _WIDE_NO_BOM:
        if body.startswith(prefix):
            return enc, 0
    return None


def _strip_bytes(body: bytes) -> bytes:
    if b"<!" not in body:
        return body
    body = _INTERNAL_SUBSET.sub(rb"\1>", body)
    return _ENTITY_DECL.sub(b"", body)


def strip_dtd(body: bytes) -> bytes:
    """Remove internal DTD subsets and ENTITY declarations, in the body's own encoding."""
    wide = _wide_encoding(body)
    if wide is None:
        return _strip_bytes(body)
    enc, bom_len = wide
    try:
        text = body[bom_len:].decode(enc)
    except UnicodeDecodeError:
        text = body[bom_len:].decode(enc, "replace")
    if "<!" not in text:
        return body
    text = re.sub(r"(<!DOCTYPE[^\[>]*?)\s*\[.*?\]\s*>", r"\1>", text, flags=re.S | re.I)
    text = re.sub(r"<!ENTITY\b[^>]*>", "", text, flags=re.I)
    return body[:bom_len] + text.encode(enc)


# --- what the body is ---------------------------------------------------------------------------
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_ALTERNATE = re.compile(rb"<link\b[^>]*type=[\"']?application/(?:rss|atom)\+xml[^>]*>", re.I)
_HREF = re.compile(rb"href=[\"']?([^\"' >]+)", re.I)


def _feed_link_in_html(body: bytes) -> str | None:
    m = _ALTERNATE.search(body[:200_000])
    if not m:
        return None
    h = _HREF.search(m.group(0))
    return h.group(1).decode("ascii", "replace") if h else None


def _bozo_reason(exc: object) -> str:
    if exc is None:
        return "no RSS, Atom or RDF root element"
    get_line = getattr(exc, "getLineNumber", None)
    get_message = getattr(exc, "getMessage", None)
    if callable(get_line) and callable(get_message):
        return f"XML error at line {get_line()}: {get_message()}"[:200]
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _html_reason(body: bytes) -> str:
    found = _feed_link_in_html(body)
    hint = f"; the page links to a feed at {found}, use that URL" if found else ""
    return f"not a feed: the URL returned an HTML page{hint}"


def _looks_json(body: bytes, content_type: str) -> bool:
    head = body[:64].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    return head.startswith(b"{") or "json" in content_type


def _media_type(headers: Mapping[str, str]) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _parse_json_feed(
    body: bytes, *, config_url: str, feed_source: str | None, base_url: str
) -> ParseResult:
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as e:
        return ParseResult(error=f"not a feed: invalid JSON ({e})")
    version = doc.get("version") if isinstance(doc, dict) else None
    if not (isinstance(version, str) and version.startswith("https://jsonfeed.org/version/")):
        return ParseResult(error='not a feed: JSON without a JSON Feed "version"')
    raw_items = doc.get("items")
    if not isinstance(raw_items, list):
        return ParseResult(error='JSON Feed without an "items" list', kind="json")
    items: list[Item] = []
    for raw in raw_items[:MAX_ITEMS]:
        if not isinstance(raw, dict):
            continue
        entry = {
            "id": str(raw["id"]) if isinstance(raw.get("id"), str | int) else None,
            "link": raw.get("url") or raw.get("external_url"),
            "title": raw.get("title"),
            "summary": raw.get("summary") or raw.get("content_text") or raw.get("content_html"),
            "published_parsed": _iso_struct(raw.get("date_published") or raw.get("date_modified")),
        }
        item = entry_to_item(
            entry, config_url=config_url, feed_source=feed_source, base_url=base_url
        )
        if item is not None:
            items.append(item)
    return ParseResult(
        items=items,
        kind="json",
        note="" if items else "valid JSON Feed with no entries",
    )


def _iso_struct(value: object) -> Any:
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.utctimetuple() if dt.tzinfo else dt.timetuple()


def parse_body(
    body: bytes,
    headers: Mapping[str, str],
    *,
    url: str,
    config_url: str,
    feed_source: str | None,
    fast_path: bool = True,
) -> ParseResult:
    """Parse one response body (never fetching anything) into normalised Items.

    ``fast_path``: read plain RSS 1.0/2.0 and Atom 1.0 with ``fastparse`` (the same items, ~7x
    faster); False always uses feedparser (tests compare the two).
    """
    import feedparser  # imported here: workers import it once, the parent need not

    if not body.strip():
        return ParseResult(error=f"empty response body ({len(body)} bytes): no feed to read")
    ctype = _media_type(headers)
    if _looks_json(body, ctype):
        return _parse_json_feed(body, config_url=config_url, feed_source=feed_source, base_url=url)
    if _HTML_START.match(body[:4096]):
        return ParseResult(error=_html_reason(body))

    hdrs = {k.lower(): v for k, v in headers.items()}
    stripped = strip_dtd(body)
    fast = None
    if fast_path:
        try:
            fast = parse_fast(stripped, hdrs, MAX_ITEMS)
        except Exception:  # noqa: BLE001 - a fast-path bug must not lose the feed: feedparser reads it
            fast = None
    bozo: object = None
    if fast is not None:
        entries: list[Any] = fast.entries
        version = fast.version
        feed_meta: Mapping[str, Any] = {"link": fast.link, "ttl": fast.ttl}
    else:
        # No default Content-Location: feedparser would also "resolve" relative guids against
        # it, and guids must not change when a feed moves. normalise resolves links against the
        # feed URL.
        try:
            parsed = feedparser.parse(
                io.BytesIO(stripped),
                response_headers=hdrs,
                # Both cost ~40% of parse time and only matter for HTML output. We keep plain
                # text only: normalise strips every tag and drops script/style content itself.
                resolve_relative_uris=False,
                sanitize_html=False,
            )
        except Exception as e:  # feedparser bugs on odd input must not lose the feed
            return ParseResult(error=f"feed parser failed: {type(e).__name__}: {e}"[:300])
        entries = parsed.get("entries") or []
        version = parsed.get("version") or ""
        feed_meta = parsed.get("feed") or {}
        bozo = parsed.get("bozo_exception")

    base = feed_meta.get("link") if isinstance(feed_meta.get("link"), str) else url
    items: list[Item] = []
    for entry in entries[:MAX_ITEMS]:
        item = entry_to_item(
            entry, config_url=config_url, feed_source=feed_source, base_url=base or url
        )
        if item is not None:
            items.append(item)

    ttl: float | None = None
    raw_ttl = feed_meta.get("ttl")
    if isinstance(raw_ttl, str) and raw_ttl.strip().isdigit():
        ttl = float(raw_ttl.strip()) * 60

    if items:
        note = ""
        if ctype and not any(x in ctype for x in ("xml", "rss", "atom", "rdf")):
            note = f"served as {ctype}, parsed anyway"
        return ParseResult(items=items, ttl=ttl, kind=version or "unknown", note=note)
    if entries:
        return ParseResult(ttl=ttl, kind=version, note="feed entries have no title, text or link")
    if version:
        return ParseResult(ttl=ttl, kind=version, note="valid feed with no entries")
    why = _bozo_reason(bozo)
    if ctype in ("text/html", "application/xhtml+xml"):
        return ParseResult(error=_html_reason(body))
    if ctype and not any(x in ctype for x in ("xml", "rss", "atom", "rdf")):
        return ParseResult(error=f"not a feed: {ctype} content ({why})")
    return ParseResult(error=f"not a feed: {why}")


# --- the worker pool ----------------------------------------------------------------------------
class _Job(NamedTuple):
    body: bytes
    headers: dict[str, str]
    url: str
    config_url: str
    feed_source: str | None
    seen: bytes | None = None  # pack_keys of items not worth judging (see ParsePool.parse)


def key_digest(dedup_key: str) -> int:
    """A small stable digest of a dedup key (the same in every process, unlike hash())."""
    return zlib.crc32(dedup_key.encode("utf-8", "surrogatepass"))


def pack_keys(items: Sequence[Item]) -> bytes:
    """The items' dedup keys, compactly (4 bytes each), for ``ParsePool.parse(seen=...)``."""
    return array.array("I", (key_digest(i.dedup_key) for i in items)).tobytes()


def unpack_keys(packed: bytes | None) -> frozenset[int]:
    if not packed:
        return frozenset()
    a = array.array("I")
    a.frombytes(packed)
    return frozenset(a)


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not Linux
        pass


def _worker_main(conn: Connection, memory_mb: int, judge_factory: ItemJudgeFactory | None = None) -> None:
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
        try:
            result = parse_body(
                job.body,
                job.headers,
                url=job.url,
                config_url=job.config_url,
                feed_source=job.feed_source,
            )
        except MemoryError:
            result = ParseResult(error=f"parsing needed more than the {memory_mb} MiB memory limit")
        except RecursionError:
            result = ParseResult(error="feed too deeply nested to parse")
        except Exception as e:  # pragma: no cover - parse_body guards feedparser itself
            result = ParseResult(error=f"parse failed: {type(e).__name__}: {e}"[:300])
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
        ctx.set_forkserver_preload(["monitor.ingest.parse", "feedparser"])
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
    ) -> None:
        """``judge``: also match and classify the parsed items (see ``ItemJudgeFactory``)."""
        self.size = workers or os.cpu_count() or 1
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
    ) -> ParseResult:
        """Parse (and judge) one body. ``seen``: ``pack_keys`` of items the caller has met before
        (the feed's previous body); the worker leaves them unjudged (``None``): a false hit (a
        crc32 collision, or an item whose storing failed) only means the service judges it."""
        if self._closed:
            raise RuntimeError("ParsePool is closed")
        idle = self._start()
        worker = await idle.get()
        loop = asyncio.get_running_loop()
        job = _Job(body, dict(headers), url, config_url, feed_source, seen)

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
