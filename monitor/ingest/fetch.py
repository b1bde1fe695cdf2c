"""Fetch one feed over HTTP, politely and defensively.

``Fetcher.fetch`` never raises for network or HTTP problems: every outcome is a ``FetchResult``
with a short human-readable ``status`` and, on failure, an ``error`` saying what went wrong. What a
response means (a body to read, 304, a redirect, gone, come back later, an error) is decided by the
pure ``classify`` from its status and headers; the I/O code acts on its ``Verdict``.

Safety: redirects are followed by hand (each hop is checked), the body is decompressed here with a
cap on the decompressed size (gzip bombs), there is a total deadline per fetch (slowloris), and the
SSRF guard lives in the network backend (``netpolicy.GuardedAsyncBackend``), so the check applies to
the very addresses connected to.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import sys
import zlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from monitor.clock import utcnow
from monitor.netpolicy import (
    AddressPolicy,
    BlockedAddress,
    GuardedAsyncBackend,
    is_public_address,
    parse_retry_after,
    tls_context,
    user_agent,
)
from monitor.settings import NetworkSettings

# httpcore asks "which async library?" on every lock and event it creates by trying
# ``import sniffio``; when sniffio is not installed (anyio 4 no longer needs it) each failed import
# scans sys.path again: about 1 ms per request. Recording the absence makes the failure instant;
# httpcore then assumes asyncio, which is what runs here.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

# Bodies of answers without a feed (304, redirects, errors) are read up to this size so the
# connection can serve the next request (keep-alive); a larger one closes the connection instead.
_DRAIN_BYTES = 64 * 1024

_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)


@dataclass(slots=True)
class FetchResult:
    url: str  # the URL finally requested (after redirects)
    status: str  # short human text: "200 OK", "304 Not Modified", "timeout after 30 s"
    ok: bool = False  # a usable body (2xx) or 304
    http_status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lowercase names
    body: bytes | None = None
    not_modified: bool = False
    gone: bool = False  # 410
    permanent_url: str | None = None  # new URL after only-permanent (301/308) redirects
    retry_after: float | None = None  # seconds, clamped to 24 h
    error: str | None = None
    deferred: bool = False  # not requested: no slot before ``queue_until`` (polled next cycle)


ResponseKind = Literal[
    "ok", "not_modified", "redirect", "gone", "retry_later", "error", "too_large"
]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an HTTP response means for a feed fetch (see ``classify``)."""

    kind: ResponseKind
    status: str  # short human text: "200 OK", "200 OK, body too large"
    error: str | None = None  # set for "gone", "retry_later", "error" and "too_large"
    location: str | None = None  # "redirect": the Location header as sent (None: missing)
    permanent: bool = False  # "redirect": 301 or 308
    retry_after: float | None = None  # "retry_later": seconds the server asked us to wait

    @property
    def ok(self) -> bool:
        """A usable answer: a body to read, or 304."""
        return self.kind in ("ok", "not_modified")


def classify(
    status: int, headers: Mapping[str, str], *, max_body_bytes: int, now: datetime
) -> Verdict:
    """What a response with this status and these (lowercase) headers means, before its body is
    read: a body to read ("ok"), 304, a redirect to follow, the feed gone for good (410), a
    request to come back later (429/503 with Retry-After, clamped to 24 h), a declared body over
    ``max_body_bytes`` ("too_large"), or another error with a readable reason."""
    reason = _reason(status)
    if status in _REDIRECTS:
        return Verdict(
            "redirect", reason, location=headers.get("location"), permanent=status in _PERMANENT
        )
    if status == 304:
        return Verdict("not_modified", reason)
    if status == 410:
        return Verdict("gone", reason, "410 Gone: the server says this feed was removed for good")
    if status in (429, 503):
        retry_after = parse_retry_after(headers.get("retry-after"), now)
        wait = "" if retry_after is None else f"; asked to retry after {_fmt_seconds(retry_after)}"
        return Verdict("retry_later", reason, f"{reason}{wait}", retry_after=retry_after)
    if not 200 <= status < 300:
        return Verdict("error", reason, f"server answered {reason}")
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_body_bytes and "content-encoding" not in headers:
        return Verdict(
            "too_large",
            f"{reason}, body too large",
            f"body too large: {_mib(int(declared))} declared, the limit is {_mib(max_body_bytes)}",
        )
    return Verdict("ok", reason)


class _BodyTooLarge(Exception):
    pass


# A body over this size is "large": only a few are held at a time (``BodyGate``).
LARGE_BODY = 1024 * 1024


class BodyTicket:
    """One fetch's claim on a ``BodyGate`` slot, taken when its body turns out to be large and
    given back when the ticket's block ends (after the body has been parsed)."""

    def __init__(self, slots: asyncio.Semaphore) -> None:
        self._slots = slots
        self.held = False

    async def take(self, deadline: asyncio.Timeout | None = None) -> None:
        """Wait for a slot (once); the time waited is added to ``deadline``: waiting for our
        own memory bound must not count against the server's answer."""
        if self.held:
            return
        loop = asyncio.get_running_loop()
        started = loop.time()
        await self._slots.acquire()
        self.held = True
        when = deadline.when() if deadline is not None else None
        if deadline is not None and when is not None:
            deadline.reschedule(when + loop.time() - started)

    def release(self) -> None:
        if self.held:
            self.held = False
            self._slots.release()


@dataclass(frozen=True, slots=True)
class _Gate:
    """What reading a body waits on once it is large: a fetch's ticket, and its deadline."""

    ticket: BodyTicket | None
    deadline: asyncio.Timeout | None

    async def large(self) -> None:
        if self.ticket is not None:
            await self.ticket.take(self.deadline)


class BodyGate:
    """At most ``slots`` large bodies (over ``LARGE_BODY``) in memory at a time, each from its
    download until its feed is parsed: many big feeds in one cycle then cost a bounded amount
    of memory; small ones never wait."""

    def __init__(self, slots: int) -> None:
        self._slots = asyncio.Semaphore(slots)

    @contextlib.asynccontextmanager
    async def ticket(self) -> AsyncIterator[BodyTicket]:
        ticket = BodyTicket(self._slots)
        try:
            yield ticket
        finally:
            ticket.release()


class _Decoder:
    """Content-Encoding decoder with an output cap (zlib's max_length), so bombs stay small."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap = cap
        self.size = 0
        self.parts: list[bytes] = []
        enc = encoding.strip().lower()
        self.raw_fallback = False
        self._pending = b""
        if enc in ("", "identity"):
            self._z: Any = None
        elif enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
            self._deflate_first = True
        else:
            raise ValueError(f"unsupported Content-Encoding {encoding!r}")
        self._started = False
        self._enc = enc

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise _BodyTooLarge
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._z is None or self.raw_fallback:
            self._add(chunk)
            return
        if not self._started:
            self._started = True
            try:
                self._decompress(chunk)
            except zlib.error:
                if self._enc == "deflate":
                    # Many servers send raw deflate without the zlib header.
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    try:
                        self._decompress(chunk)
                        return
                    except zlib.error:
                        pass
                # Mislabelled: the body was not compressed at all. Use it as it is.
                self.raw_fallback = True
                self._add(chunk)
            return
        self._decompress(chunk)

    def _decompress(self, data: bytes) -> None:
        z = self._z
        while data:
            out = z.decompress(data, self.cap - self.size + 1)
            self._add(out)
            data = z.unconsumed_tail
            if z.eof:
                # Concatenated gzip members are one valid body; anything else after the end is junk.
                data = z.unused_data
                if not (data and self._enc != "deflate" and data[:2] == b"\x1f\x8b"):
                    return
                z = self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def body(self) -> bytes:
        return b"".join(self.parts)


def _reason(status: int) -> str:
    try:
        from http import HTTPStatus

        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _fmt_seconds(s: float) -> str:
    return f"{s:g} s"


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:g} MiB"


class Fetcher:
    """Shared HTTP client for many feeds. Use ``async with`` or call ``aclose``."""

    def __init__(
        self,
        net: NetworkSettings,
        *,
        address_policy: AddressPolicy = is_public_address,
    ) -> None:
        """``address_policy`` decides which IPs may be connected to when allow_private is off."""
        self.net = net
        self.user_agent = user_agent("feed reader", net.user_agent)
        # httpcore's HTTP/1.1 connections on our guarded network backend (SSRF check per connect),
        # pooled here: httpcore's own pool rescans all its connections (and polls each socket)
        # several times per request, which made it the bottleneck at a few hundred requests/s.
        self._pool = _ConnectionPool(
            backend=GuardedAsyncBackend(net.allow_private, address_policy, net.resolve),
            max_idle=net.max_connections,
            keepalive_expiry=30.0,
        )
        self._timeouts = {
            "connect": net.connect_timeout,
            "read": net.read_timeout,
            "write": net.read_timeout,
            "pool": net.total_timeout,
        }
        self._base_headers = [
            (b"Accept", _ACCEPT.encode()),
            (b"Accept-Encoding", b"gzip, deflate"),
            (b"Connection", b"keep-alive"),
            (b"User-Agent", self.user_agent.encode()),
        ]
        self._host_limits: dict[str, asyncio.Semaphore] = {}
        # Queue requests here, not in httpcore: its pool rescans every waiting request on each
        # change (quadratic with hundreds of feeds in one cycle).
        self._slots = asyncio.Semaphore(net.max_connections)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._pool.aclose()

    def _request(self, url: str, extra: list[tuple[bytes, bytes]]) -> httpcore.Request:
        """The request httpx would send for ``url`` (same URL normalisation and headers)."""
        u = httpx.URL(url)
        headers = [(b"Host", u.netloc), *self._base_headers, *extra]
        if u.username or u.password:
            auth = httpx.BasicAuth(u.username, u.password)._auth_header  # as httpx sends it
            headers.append((b"Authorization", auth.encode()))
        return httpcore.Request(
            b"GET",
            httpcore.URL(scheme=u.raw_scheme, host=u.raw_host, port=u.port, target=u.raw_path),
            headers=headers,
            extensions={"timeout": self._timeouts},
        )

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        sem = self._host_limits.get(host)
        if sem is None:
            sem = self._host_limits[host] = asyncio.Semaphore(self.net.per_host_connections)
        return sem

    async def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        *,
        queue_until: float | None = None,
        ticket: BodyTicket | None = None,
    ) -> FetchResult:
        """GET ``url`` conditionally. Never raises for network or HTTP problems.

        The total deadline counts from when a request is sent, not while it waits for a
        connection slot (per host, then overall, first come first served): a slow feed makes the
        others on its host wait their turn, never fail. ``queue_until`` (the loop's clock): a
        fetch still waiting for its slot then gives up its turn (``FetchResult.deferred``), so a
        poll cycle ends within its lease. ``ticket``: a large body waits for a ``BodyGate`` slot.
        """
        headers: list[tuple[bytes, bytes]] = []
        if etag:
            headers.append((b"If-None-Match", etag.encode("latin-1", "replace")))
        if last_modified:
            headers.append((b"If-Modified-Since", last_modified.encode("latin-1", "replace")))
        seen: list[str] = []
        permanent_url: str | None = None
        all_permanent = True
        current = url
        budget = self.net.total_timeout
        while True:
            problem = _check_url(current)
            if problem:
                return _fail(current, problem, seen)
            seen.append(current)
            result = await self._get_in_turn(current, headers, budget, queue_until, ticket)
            if isinstance(result, FetchResult):
                # A permanent redirect moves the feed only to a URL that answered (a failing or
                # refused target must not re-point the feed for good); the poller also asks
                # that the answer is a feed.
                result.permanent_url = permanent_url if result.ok else None
                return result
            verdict, spent = result
            budget -= spent
            location = verdict.location
            if not location:
                return _fail(current, f"{verdict.status} without a Location header")
            try:
                target = urljoin(current, location.strip())
            except ValueError:
                return _fail(current, f"{verdict.status} to an invalid URL {location!r}")
            target = target.split("#", 1)[0]
            if target in seen:
                return _fail(current, f"redirect loop: {target} was already visited", seen)
            if len(seen) > self.net.max_redirects:
                return _fail(
                    current, f"too many redirects (more than {self.net.max_redirects})", seen
                )
            if all_permanent and verdict.permanent:
                permanent_url = target
            else:
                all_permanent = False
            current = target

    async def _get_in_turn(
        self,
        url: str,
        headers: list[tuple[bytes, bytes]],
        budget: float,
        queue_until: float | None,
        ticket: BodyTicket | None,
    ) -> FetchResult | tuple[Verdict, float]:
        """One request once a slot of its host and an overall slot are free, within what is left
        of the deadline: a final FetchResult, or a redirect's Verdict and the seconds it took."""
        loop = asyncio.get_running_loop()
        async with contextlib.AsyncExitStack() as slots:
            try:
                async with asyncio.timeout_at(queue_until):
                    await slots.enter_async_context(self._host_slot(url))
                    await slots.enter_async_context(self._slots)
            except TimeoutError:
                return FetchResult(url=url, status="deferred: its host was busy", deferred=True)
            started = loop.time()
            try:
                async with asyncio.timeout(max(budget, 0.0)) as deadline:
                    result = await self._get(url, headers, _Gate(ticket, deadline))
            except TimeoutError:
                total = self.net.total_timeout
                return _fail(url, f"timeout: no complete response within {_fmt_seconds(total)}")
            return result if isinstance(result, FetchResult) else (result, loop.time() - started)

    async def _get(
        self, url: str, headers: list[tuple[bytes, bytes]], gate: _Gate | None = None
    ) -> FetchResult | Verdict:
        """One request: a final FetchResult, or the Verdict of a redirect to follow."""
        try:
            request = self._request(url, headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError, ValueError) as e:
            return _fail(url, f"invalid URL {url!r}: {_exc_text(e)}")
        try:
            return await self._exchange(url, request, gate)
        except _NETWORK_ERRORS as e:
            return _fail(url, self._network_error(e))

    async def _exchange(
        self, url: str, request: httpcore.Request, gate: _Gate | None
    ) -> FetchResult | Verdict:
        """Send the request; classify the answer; read the body when it is a feed's."""
        cap = self.net.max_body_bytes
        async with self._pool.request(request) as resp:
            status = resp.status
            if not 200 <= status < 300:
                await _drain(resp)
            hdrs = _headers(resp.headers)
            verdict = classify(status, hdrs, max_body_bytes=cap, now=utcnow())
            if verdict.kind == "redirect":
                return verdict
            res = FetchResult(
                url=url,
                status=verdict.status,
                ok=verdict.kind == "not_modified",
                http_status=status,
                headers=hdrs,
                not_modified=verdict.kind == "not_modified",
                gone=verdict.kind == "gone",
                retry_after=verdict.retry_after,
                error=verdict.error,
            )
            if verdict.kind == "ok":
                await _read_body(resp, res, cap, gate)
            return res

    def _network_error(self, e: Exception) -> str:
        """The reason for a failed exchange (one of ``_NETWORK_ERRORS``)."""
        if isinstance(e, BlockedAddress):
            return str(e)
        if isinstance(e, httpcore.ConnectTimeout | httpx.ConnectTimeout):
            return f"connect timeout after {_fmt_seconds(self.net.connect_timeout)}"
        if isinstance(e, httpcore.ReadTimeout | httpx.ReadTimeout):
            return f"read timeout: no data for {_fmt_seconds(self.net.read_timeout)}"
        if isinstance(e, httpcore.TimeoutException | httpx.TimeoutException):
            return "timeout"
        if isinstance(e, httpcore.ConnectError | httpx.ConnectError):
            return f"cannot connect: {_exc_text(e)}"
        if isinstance(e, httpcore.RemoteProtocolError | httpx.RemoteProtocolError):
            return f"broken HTTP response: {_exc_text(e)}"
        if isinstance(e, OSError):
            return f"network error: {e.strerror or e}"
        return f"{type(e).__name__}: {_exc_text(e)}"


# What an exchange may raise for a network or protocol problem: each becomes a failed FetchResult.
_NETWORK_ERRORS = (
    BlockedAddress,
    httpcore.TimeoutException,
    httpcore.ConnectError,
    httpcore.ProtocolError,
    httpcore.NetworkError,
    httpcore.UnsupportedProtocol,
    httpx.HTTPError,
    OSError,
)


async def _read_body(
    resp: httpcore.Response, res: FetchResult, cap: int, gate: _Gate | None = None
) -> None:
    """Read and decompress the body into ``res`` (ok), or set why it could not be (not ok).
    Once it is over ``LARGE_BODY`` (declared or read), it waits for the ``gate``."""
    hdrs = res.headers
    try:
        dec = _Decoder(hdrs.get("content-encoding", ""), cap)
    except ValueError as e:
        res.error = str(e)
        return
    waited = False

    async def wait_if_large(size: int) -> None:
        nonlocal waited
        if gate is not None and not waited and size > LARGE_BODY:
            await gate.large()
            waited = True

    declared = hdrs.get("content-length", "")
    try:
        await wait_if_large(int(declared) if declared.isdigit() else 0)
        async for chunk in resp.aiter_stream():
            dec.feed(chunk)
            await wait_if_large(dec.size)
    except _BodyTooLarge:
        res.error = f"body too large: more than {_mib(cap)} (the limit), cut off"
        res.status = f"{res.status}, body too large"
        return
    except zlib.error as e:
        res.error = f"cannot decompress the {hdrs.get('content-encoding')} body: {e}"
        return
    res.body = dec.body()
    res.ok = True


def _headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Lowercase names; repeated headers joined with ", "; decoded as httpx does."""
    for enc in ("ascii", "utf-8", "iso-8859-1"):
        try:
            pairs = [(k.decode(enc).lower(), v.decode(enc)) for k, v in raw]
            break
        except UnicodeDecodeError:
            continue
    out: dict[str, str] = {}
    for k, v in pairs:
        out[k] = f"{out[k]}, {v}" if k in out else v
    return out


class _ConnectionPool:
    """Keep-alive HTTP/1.1 connections per origin, each an ``httpcore.AsyncHTTPConnection``.

    No queueing here: ``Fetcher`` bounds concurrency with semaphores, so a request either reuses
    an idle connection of its origin or opens a new one. A reused connection that turns out to be
    closed by the server before answering is retried once on a fresh connection (GET is safe).
    """

    def __init__(
        self,
        *,
        backend: httpcore.AsyncNetworkBackend,
        max_idle: int,
        keepalive_expiry: float,
    ) -> None:
        self._backend = backend
        self._max_idle = max_idle
        self._expiry = keepalive_expiry
        # by origin (scheme, host, port)
        self._idle: dict[tuple[bytes, bytes, int], list[httpcore.AsyncHTTPConnection]] = {}
        self._n_idle = 0
        self._busy: set[httpcore.AsyncHTTPConnection] = set()
        self._closed = False

    async def _take(self, key: tuple[bytes, bytes, int]) -> httpcore.AsyncHTTPConnection | None:
        idle = self._idle.get(key)
        while idle:
            conn = idle.pop()
            self._n_idle -= 1
            if not conn.is_closed() and conn.is_idle() and not conn.has_expired():
                return conn
            await _close(conn)
        return None

    def _new(self, origin: httpcore.Origin) -> httpcore.AsyncHTTPConnection:
        return httpcore.AsyncHTTPConnection(
            origin=origin,
            ssl_context=tls_context() if origin.scheme == b"https" else None,
            keepalive_expiry=self._expiry,
            http1=True,
            http2=False,
            network_backend=self._backend,
        )

    @contextlib.asynccontextmanager
    async def request(self, req: httpcore.Request) -> AsyncIterator[httpcore.Response]:
        if self._closed:
            raise RuntimeError("the fetcher is closed")
        origin = req.url.origin
        key = (origin.scheme, origin.host, origin.port)
        conn = await self._take(key)
        while True:
            reused = conn is not None
            if conn is None:
                conn = self._new(origin)
            self._busy.add(conn)
            try:
                resp = await conn.handle_async_request(req)
                break
            except (httpcore.RemoteProtocolError, httpcore.ReadError, httpcore.WriteError):
                self._busy.discard(conn)
                await _close(conn)
                if not reused:
                    raise
                conn = None  # a stale keep-alive connection: once more on a new one
            except BaseException:
                self._busy.discard(conn)
                await _close(conn)
                raise
        try:
            yield resp
        finally:
            try:
                await resp.aclose()
            finally:
                self._busy.discard(conn)
                if self._n_idle >= self._max_idle:
                    await self._prune()
                if (
                    not self._closed
                    and self._n_idle < self._max_idle
                    and not conn.is_closed()
                    and conn.is_idle()
                ):
                    self._idle.setdefault(key, []).append(conn)
                    self._n_idle += 1
                else:
                    await _close(conn)

    async def _prune(self) -> None:
        """Close idle connections past their keep-alive time or closed by the server."""
        dropped: list[httpcore.AsyncHTTPConnection] = []
        for key, idle in list(self._idle.items()):  # no await in here: nobody else runs meanwhile
            keep = [c for c in idle if not c.is_closed() and c.is_idle() and not c.has_expired()]
            dropped += [c for c in idle if c not in keep]
            if keep:
                self._idle[key] = keep
            else:
                del self._idle[key]
        self._n_idle -= len(dropped)
        for c in dropped:
            await _close(c)

    async def aclose(self) -> None:
        self._closed = True
        conns = [c for idle in self._idle.values() for c in idle] + list(self._busy)
        self._idle.clear()
        self._busy.clear()
        self._n_idle = 0
        for c in conns:
            await _close(c)


async def _close(conn: httpcore.AsyncHTTPConnection) -> None:
    with contextlib.suppress(Exception):
        await conn.aclose()


async def _drain(resp: httpcore.Response) -> None:
    """Read a small unwanted body to its end, so the connection can be used again."""
    seen = 0
    async for chunk in resp.aiter_stream():
        seen += len(chunk)
        if seen > _DRAIN_BYTES:
            return  # not worth it: closing the response closes the connection


def _exc_text(e: BaseException) -> str:
    text = str(e) or type(e).__name__
    return text.replace("\n", " ")[:300]


def _check_url(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return f"invalid URL {url!r}"
    if not parts.scheme:
        return f"invalid URL {url!r}: not an absolute http:// or https:// URL"
    if parts.scheme not in ("http", "https"):
        return f"refused URL {url!r}: only http and https are fetched"
    if not parts.hostname:
        return f"invalid URL {url!r}: no host"
    return None


def _fail(url: str, error: str, seen: list[str] | None = None) -> FetchResult:
    return FetchResult(url=url, status=error, error=error)
