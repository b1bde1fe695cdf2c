"""The network rules and the one guarded HTTP transport, shared by feed fetching and webhooks.

Rules: which addresses are internal (``is_public_address``), what a Retry-After header asks for,
the User-Agent we send (``user_agent``).

Transport (SSRF guard): ``checked_addresses`` resolves a host itself and refuses it when any of its
addresses is internal (unless private addresses are allowed); the network backends connect only
to the addresses it checked, so a DNS answer cannot change between the check and the connection.
``GuardedAsyncBackend`` serves the feed fetcher (httpcore, asyncio), ``GuardedSyncBackend`` the
webhook client (``webhook_client``, httpx); both use the one TLS context (``tls_context``).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import email.utils
import functools
import importlib.metadata
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import httpcore
import httpx

from monitor.clock import utcnow

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], bool]  # True: this address may be connected to

PROJECT_URL = "https://github.com/rumour-monitor/rumour-monitor"

MAX_RETRY_AFTER = 24 * 3600.0  # a server may not park us for longer than a day


def is_public_address(ip: IPAddress | str) -> bool:
    """True for globally routable unicast addresses; False for private, loopback, link-local,
    multicast, reserved and unspecified ones (IPv4 embedded in IPv6 is judged as IPv4)."""
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return is_public_address(mapped)
        if ip.teredo is not None:
            return is_public_address(ip.teredo[1])
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now (delta-seconds or HTTP-date), clamped to [0, 24 h]."""
    if not value:
        return None
    value = value.strip()
    seconds: float
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or utcnow())).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def unique_addresses(infos: list[tuple[Any, ...]]) -> list[str]:
    """The addresses of a getaddrinfo() answer, in order, once each, without IPv6 zone ids."""
    out: list[str] = []
    for *_, sockaddr in infos:
        addr = str(sockaddr[0]).split("%", 1)[0]
        if addr not in out:
            out.append(addr)
    return out


def refusal(
    host: str, addresses: list[str], is_allowed: AddressPolicy = is_public_address
) -> str | None:
    """Why a connection to ``host`` must be refused (an internal address among its answers), or
    None. Every answer is checked, since the connection may go to any of them."""
    for addr in addresses:
        if not is_allowed(ipaddress.ip_address(addr)):
            shown = host if host == addr else f"{host} ({addr})"
            return (
                f"refused to connect to {shown}: a private, loopback or link-local address "
                "(set [network] allow_private = true to allow it)"
            )
    return None


# --- User-Agent -----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _package_version() -> str:
    try:
        return importlib.metadata.version("rumour-monitor")
    except Exception:  # noqa: BLE001 - not installed (running from a source tree)
        return "0"


def user_agent(purpose: str | None, override: str = "") -> str:
    """The User-Agent we send: ``override`` when set (``[network] user_agent``), else
    "rumour-monitor/<version> (<purpose>; +<project URL>)", e.g. purpose "feed reader" for feeds
    and "webhooks" for webhook deliveries."""
    if override:
        return override
    what = f"{purpose}; " if purpose else ""
    return f"rumour-monitor/{_package_version()} ({what}+{PROJECT_URL})"


# --- the SSRF guard -------------------------------------------------------------------------------
class BlockedAddress(httpx.ConnectError):
    """A host resolved to an address the SSRF policy refuses ([network] allow_private is off)."""


def checked_addresses(
    host: str,
    port: int,
    *,
    allow_private: bool,
    is_allowed: AddressPolicy = is_public_address,
    pinned: Mapping[str, str] | None = None,
) -> list[str]:
    """Resolve ``host`` (blocking) and return its addresses, in order, once each: the only ones
    that may be connected to. Raises ``BlockedAddress`` when any is internal (unless
    ``allow_private``), ``httpcore.ConnectError`` when the lookup fails. ``pinned``: hosts with
    a configured address (``[network] resolve``), used instead of DNS and checked the same way."""
    fixed = (pinned or {}).get(host.lower().rstrip("."))
    if fixed is not None:
        addresses = [fixed]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as e:
            raise httpcore.ConnectError(f"DNS lookup of {host} failed: {e.strerror or e}") from None
        addresses = unique_addresses(infos)
    if not allow_private and (why := refusal(host, addresses, is_allowed)):
        raise BlockedAddress(why)
    return addresses


class GuardedAsyncBackend(httpcore.AsyncNetworkBackend):
    """httpcore's asyncio network backend behind the guard: connects only to checked addresses,
    trying each in turn."""

    def __init__(
        self,
        allow_private: bool,
        is_allowed: AddressPolicy = is_public_address,
        pinned: Mapping[str, str] | None = None,
    ) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allow_private = allow_private
        self._is_allowed = is_allowed
        self._pinned = dict(pinned or {})

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        check = functools.partial(
            checked_addresses,
            host,
            port,
            allow_private=self._allow_private,
            is_allowed=self._is_allowed,
            pinned=self._pinned,
        )
        try:
            async with asyncio.timeout(timeout):
                # In the loop's default executor, as loop.getaddrinfo does.
                addresses = await asyncio.get_running_loop().run_in_executor(None, check)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"DNS lookup of {host} timed out") from None
        last: Exception | None = None
        for addr in addresses:
            try:
                return await self._inner.connect_tcp(
                    addr, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
        raise last or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:  # pragma: no cover - never configured
        raise httpcore.ConnectError("unix sockets are not used")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


# The monotonic time by which the blocking request in progress on this thread must be over
# (``request_deadline``); None: only httpx's per-phase timeouts apply.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


@contextlib.contextmanager
def request_deadline(seconds: float) -> Iterator[None]:
    """Within this block, requests on a ``webhook_client`` end within ``seconds`` in all:
    httpx's timeouts are per phase (connect, each read, each write), so a receiver trickling its
    answer a byte at a time could otherwise hold a request for minutes."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _within_deadline(timeout: float | None, timeout_error: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the thread's deadline; raises when none is left."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise timeout_error("the request's total deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A blocking stream whose every read and write ends by the thread's ``request_deadline``."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _within_deadline(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _within_deadline(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _within_deadline(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedSyncBackend(httpcore.SyncBackend):
    """httpcore's blocking network backend behind the guard: connects only to checked addresses,
    trying each in turn."""

    def __init__(
        self,
        allow_private: bool,
        is_allowed: AddressPolicy = is_public_address,
        pinned: Mapping[str, str] | None = None,
    ) -> None:
        self._allow_private = allow_private
        self._is_allowed = is_allowed
        self._pinned = dict(pinned or {})

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(
            host,
            port,
            allow_private=self._allow_private,
            is_allowed=self._is_allowed,
            pinned=self._pinned,
        )
        last: Exception | None = None
        for addr in addresses:
            try:
                stream = super().connect_tcp(
                    addr,
                    port,
                    _within_deadline(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
                continue
            return _DeadlineStream(stream)
        raise last or httpcore.ConnectError(f"no address for {host}")


@functools.lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """httpx's default TLS context (certifi's CAs, verification on, no SSL_CERT_* from the
    environment), built once per process: building one costs ~30 ms, more than a whole cycle of
    unchanged feeds on a local network."""
    return httpx.create_ssl_context(trust_env=False)


def webhook_client(
    allow_private: bool,
    timeout: float,
    *,
    is_allowed: AddressPolicy = is_public_address,
    pinned: Mapping[str, str] | None = None,
) -> httpx.Client:
    """An HTTP client for webhooks: no redirects, no proxies from the environment, the SSRF guard
    (``allow_private``: any address may be connected to, still only the ones resolved here)."""
    # The shared TLS context, so that the transport does not build one of its own (~20 ms) that
    # the pool below replaces anyway.
    transport = httpx.HTTPTransport(retries=0, verify=tls_context())
    # httpx has no public hook for the network backend; swap the pool it built for one on the
    # guarded backend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=tls_context(),
        network_backend=GuardedSyncBackend(allow_private, is_allowed, pinned),
        max_connections=10,
    )
    return httpx.Client(
        transport=transport,
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(timeout),
        headers={"user-agent": user_agent("webhooks")},
    )
