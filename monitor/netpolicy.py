"""Network rules shared by feed fetching and webhook delivery: which addresses are internal, and
what a Retry-After header asks for."""

from __future__ import annotations

import email.utils
import ipaddress
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

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
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
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
    host: str, addresses: list[str], is_allowed: Callable[[IPAddress], bool] = is_public_address
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
