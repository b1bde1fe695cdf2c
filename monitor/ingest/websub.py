"""WebSub (W3C Recommendation, 2018) for the subscriber: hub discovery, the subscription request,
and the check of a distribution's signature.

Discovery reads what a poll already has (the feed's ``<link rel="hub">``/``rel="self"`` from the
parse, the ``Link:`` response header); nothing here fetches a feed. The subscription request goes
through the same SSRF-guarded client as webhooks: a hub's URL comes from a feed, so it is input.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from monitor.model import Subscription
from monitor.netpolicy import webhook_client

# The digests a hub may sign with (WebSub §8: sha1, sha256, sha384, sha512).
SIGNATURE_ALGORITHMS = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}
# What we ask a hub for; the hub decides (its verification request says what it granted).
REQUESTED_LEASE_SECONDS = 10 * 24 * 3600

# One link-value of an RFC 8288 Link header: <uri> followed by its parameters.
_LINK_VALUE = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]*(?:\"[^\"]*\"[^;,]*)?)*)")
_REL_PARAM = re.compile(r";\s*rel\s*=\s*(?:\"([^\"]*)\"|([^\s;,]+))", re.I)


@dataclass(frozen=True, slots=True)
class HubLink:
    """Where a feed says it is published: the hub, and the topic (its own URL) to subscribe to."""

    hub: str
    topic: str


def link_header_rels(value: str) -> dict[str, str]:
    """The first URI of each relation type in a ``Link:`` header value (RFC 8288)."""
    found: dict[str, str] = {}
    for m in _LINK_VALUE.finditer(value):
        rel = _REL_PARAM.search(m.group(2))
        if rel is None:
            continue
        for name in (rel.group(1) or rel.group(2) or "").lower().split():
            found.setdefault(name, m.group(1).strip())
    return found


def discover(
    feed_url: str, headers: Mapping[str, str], hub: str | None, self_url: str | None
) -> HubLink | None:
    """The feed's hub and topic: the ``Link:`` header first (WebSub §4 puts it first), then the
    feed's own links; the topic defaults to the URL polled. None without an http(s) hub."""
    rels = link_header_rels(headers.get("link", ""))
    hub_url = rels.get("hub") or hub
    topic = rels.get("self") or self_url or feed_url
    if not hub_url:
        return None
    hub_url, topic = urljoin(feed_url, hub_url), urljoin(feed_url, topic)
    if urlsplit(hub_url).scheme not in ("http", "https") or urlsplit(topic).scheme not in ("http", "https"):
        return None
    return HubLink(hub=hub_url, topic=topic)


def signature_valid(header: str | None, secret: str, body: bytes) -> bool:
    """Whether ``X-Hub-Signature`` ("method=hexdigest") is the HMAC of ``body`` under ``secret``
    with one of the methods WebSub allows (compared in constant time)."""
    if not header or "=" not in header:
        return False
    method, _, signature = header.strip().partition("=")
    digest = SIGNATURE_ALGORITHMS.get(method.strip().lower())
    if digest is None:
        return False
    expected = hmac.new(secret.encode(), body, digest).hexdigest()
    return hmac.compare_digest(expected, signature.strip().lower())


def hub_refusal(hub: str, allow_private: bool) -> str | None:
    """Why we do not subscribe at ``hub``: the secret must not travel in clear (WebSub §5.1),
    so plain http is only for local hubs (``[network] allow_private``, as in tests)."""
    if urlsplit(hub).scheme == "https" or allow_private:
        return None
    return "the hub is not https: the subscription's secret would travel in clear"


def request_subscription(
    hub: str,
    *,
    mode: str,
    topic: str,
    callback: str,
    secret: str,
    allow_private: bool,
    timeout: float,
) -> str | None:
    """Ask ``hub`` to (un)subscribe ``callback`` to ``topic``; None when it accepted (2xx: it
    then verifies our intent at the callback), else why not."""
    form = {"hub.mode": mode, "hub.topic": topic, "hub.callback": callback}
    if mode == "subscribe":
        form |= {"hub.secret": secret, "hub.lease_seconds": str(REQUESTED_LEASE_SECONDS)}
    try:
        with webhook_client(allow_private, timeout) as client:
            resp = client.post(hub, data=form)
    except httpx.HTTPError as e:
        return f"the hub did not answer: {e.__class__.__name__}: {e}"[:300]
    if 200 <= resp.status_code < 300:
        return None
    text = " ".join(resp.text[:200].split())
    return f"the hub answered {resp.status_code}" + (f": {text}" if text else "")


def subscription_state(sub: Subscription, now: datetime) -> str:
    """One word for a subscription, as ``feeds`` shows it: ``subscribed`` (the hub verified it
    and the lease runs), ``unsubscribing`` (we are leaving that hub), ``failed`` (the hub refused,
    denied, or never verified the last request, and no lease runs), else ``pending`` (asked,
    not verified yet)."""
    if sub.mode == "unsubscribe":
        return "unsubscribing"
    if sub.verified_at is not None and sub.lease_until is not None and sub.lease_until > now:
        return "subscribed"
    return "failed" if sub.last_error else "pending"


def subscriptions_shown(subs: Sequence[Subscription], now: datetime) -> dict[str, Any] | None:
    """A feed's WebSub state for ``feeds --json`` and the feeds page (None: no hub named): its
    current subscription (the hub, its state, the lease's end, the last error), and the hubs
    it is leaving."""
    if not subs:
        return None
    current = next((x for x in subs if x.mode == "subscribe"), subs[0])
    return {
        "hub": current.hub,
        "topic": current.topic,
        "state": subscription_state(current, now),
        "lease_until": current.lease_until if current.verified_at is not None else None,
        "last_error": current.last_error,
        "leaving": [x.hub for x in subs if x is not current],
    }
