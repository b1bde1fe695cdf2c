"""WebSub push for the daemon: subscribe at the hubs feeds name, answer the hubs' verification of
intent, take signed distributions, renew leases, unsubscribe removed feeds.

A pushed body is read by the poller (``Poller.read_pushed``: the same parse workers, judgement
and link checks as a polled body) and stored by ``Service.record_push`` (``record_poll``: the
same dedup, evidence, status changes and alerts). Polling goes on at the feeds' normal rhythm as
a safety net: a hub that stops pushing costs latency, never items.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from monitor.clock import utcnow
from monitor.ingest.loop import IngestLoop
from monitor.ingest.schedule import feed_row
from monitor.ingest.websub import (
    REQUESTED_LEASE_SECONDS,
    hub_refusal,
    request_subscription,
    signature_valid,
)
from monitor.logs import get_logger
from monitor.model import Subscription
from monitor.service import Service
from monitor.settings import LoadedSettings

log = get_logger()

# A request the hub refused, or one it never verified, is made again after this long.
RETRY_SECONDS = 300.0
# A lease is renewed when this share of it is left.
RENEW_AT_LEFT = 0.5
# Headers of a distribution that say how to read its body (the signature is checked apart).
_BODY_HEADERS = ("content-type", "link")


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP answer for the callback route: status and plain-text body."""

    status: int
    text: str


class WebSubSubscriber:
    """The subscriber side of WebSub, on the daemon's running configuration, service and poller
    (read through the callables: a configuration reload replaces them)."""

    def __init__(
        self,
        loaded: Callable[[], LoadedSettings],
        service: Callable[[], Service],
        ingest: Callable[[], IngestLoop],
    ) -> None:
        self._loaded = loaded
        self._service = service
        self._ingest = ingest

    def callback_url(self, sub: Subscription) -> str:
        base = self._loaded().settings.http.public_url.rstrip("/")
        return f"{base}/websub/{sub.id}/{callback_key(sub.secret)}"

    def _subscription(self, subscription_id: int, key: str) -> Subscription | None:
        """The subscription of this callback, if the key in its path is the right one."""
        sub = self._service().store.websub_subscription(subscription_id)
        if sub is None or not hmac.compare_digest(callback_key(sub.secret), key):
            return None
        return sub

    # ---- requests to hubs (the daemon's websub job) -------------------------------------------

    def request_due(self) -> int:
        """Make the (un)subscription requests that are due; returns how many were made."""
        store = self._service().store
        now = utcnow()
        made = 0
        # Held for this worker (the others skip them) while the requests are made.
        for sub in store.websub_claim_due(now, now + timedelta(seconds=RETRY_SECONDS)):
            if sub.feed_removed or sub.mode == "unsubscribe":
                if sub.verified_at is None or (sub.lease_until is not None and sub.lease_until <= now):
                    # Never subscribed, or the lease ran out: nothing left to undo at the hub.
                    store.websub_remove(sub.id)
                    log.info("websub.dropped", subscription_id=sub.id, feed_id=sub.feed_id,
                             hub=sub.hub, reason="the feed was removed from the configuration"
                             if sub.feed_removed else "the feed moved to another hub")
                    continue
                self._request(sub, "unsubscribe")
            else:
                self._request(sub, "subscribe")
            made += 1
        return made

    def _request(self, sub: Subscription, mode: str) -> None:
        loaded = self._loaded()
        store = self._service().store
        net = loaded.settings.network
        # Written before asking: the hub may verify before its answer to the request reaches
        # us, and its verification must find the mode we asked for (and may set the renewal).
        # Asked again after a while unless the hub verifies first.
        retry = utcnow() + timedelta(seconds=RETRY_SECONDS)
        store.websub_update(sub.id, mode=mode, next_attempt_at=retry)
        problem = hub_refusal(sub.hub, net.allow_private) or request_subscription(
            sub.hub, mode=mode, topic=sub.topic, callback=self.callback_url(sub),
            secret=sub.secret, allow_private=net.allow_private, timeout=net.total_timeout,
        )
        if problem:
            store.websub_update(sub.id, last_error=problem)
            log.warning("websub.request_failed", subscription_id=sub.id, feed_id=sub.feed_id,
                        mode=mode, hub=sub.hub, topic=sub.topic, error=problem,
                        retry_in_seconds=RETRY_SECONDS,
                        hint="the feed is still polled at its normal interval")
        else:
            log.info("websub.requested", subscription_id=sub.id, feed_id=sub.feed_id, mode=mode,
                     hub=sub.hub, topic=sub.topic)

    # ---- the callback (the web route) ---------------------------------------------------------

    def verify(self, subscription_id: int, key: str, params: Mapping[str, str]) -> Answer:
        """The hub's verification of intent (WebSub §5.3): the challenge echoed only for what we
        asked this hub for (this subscription, its topic, the mode last requested)."""
        store = self._service().store
        sub = self._subscription(subscription_id, key)
        mode, topic = params.get("hub.mode", ""), params.get("hub.topic", "")
        if sub is None or topic != sub.topic:
            log.warning("websub.verification_refused", subscription_id=subscription_id,
                        mode=mode, topic=topic, reason="no subscription of ours for this topic")
            return Answer(404, "no such subscription\n")
        now = utcnow()
        if mode == "denied":
            reason = params.get("hub.reason", "")[:300]
            store.websub_update(sub.id, verified_at=None, lease_until=None,
                                last_error=f"the hub denied the subscription: {reason or 'no reason given'}")
            log.warning("websub.denied", subscription_id=sub.id, feed_id=sub.feed_id, hub=sub.hub,
                        reason=reason, hint="the feed is still polled at its normal interval")
            return Answer(200, "")
        challenge = params.get("hub.challenge", "")
        if mode != sub.mode or not challenge:
            log.warning("websub.verification_refused", subscription_id=sub.id, mode=mode,
                        topic=topic, reason=f"we asked for {sub.mode}")
            return Answer(404, "no such request\n")
        if mode == "unsubscribe":
            store.websub_remove(sub.id)
            log.info("websub.unsubscribed", subscription_id=sub.id, feed_id=sub.feed_id, hub=sub.hub)
            return Answer(200, challenge)
        lease = _lease_seconds(params.get("hub.lease_seconds"))
        store.websub_update(
            sub.id, verified_at=now, lease_until=now + timedelta(seconds=lease), last_error=None,
            next_attempt_at=now + timedelta(seconds=lease * (1 - RENEW_AT_LEFT)),
        )
        log.info("websub.subscribed", subscription_id=sub.id, feed_id=sub.feed_id, hub=sub.hub,
                 topic=sub.topic, lease_seconds=lease)
        return Answer(200, challenge)

    def distribute(
        self, subscription_id: int, key: str, body: bytes, headers: Mapping[str, str]
    ) -> Answer:
        """A content distribution (WebSub §7): taken only with a valid ``X-Hub-Signature``
        under the subscription's secret, then read and stored exactly as a polled body."""
        service = self._service()
        store = service.store
        sub = self._subscription(subscription_id, key)
        if sub is None or sub.mode != "subscribe" or sub.verified_at is None:
            return Answer(404, "no such subscription\n")
        if not signature_valid(headers.get("x-hub-signature"), sub.secret, body):
            log.warning("websub.bad_signature", subscription_id=sub.id, feed_id=sub.feed_id,
                        hub=sub.hub, bytes=len(body),
                        detail="the distribution is ignored: its X-Hub-Signature is missing or "
                        "does not match the subscription's secret")
            return Answer(403, "X-Hub-Signature missing or invalid\n")
        stored = store.feed_for_push(sub.feed_id)
        if stored is None:
            return Answer(404, "the feed is no longer monitored\n")
        loaded = self._loaded()
        feed = feed_row(stored, loaded.settings.polling)
        wanted = {k: v for k, v in headers.items() if k.lower() in _BODY_HEADERS}
        polled = self._ingest().read_pushed(feed, body, wanted)
        if polled.update.last_error:
            log.warning("websub.unreadable", subscription_id=sub.id, feed_id=sub.feed_id,
                        error=polled.update.last_error)
            return Answer(400, f"the pushed body is not a feed we can read: {polled.update.last_error}\n")
        record = service.record_push(polled)
        return Answer(200, f"{len(record.new_items)} new items\n")


def callback_key(secret: str) -> str:
    """The unguessable part of a subscription's callback path (derived from its secret, which it
    does not reveal): without it, anyone could "verify" a lease for us and stop our renewals."""
    return hmac.new(secret.encode(), b"websub callback", hashlib.sha256).hexdigest()[:32]


def _lease_seconds(value: str | None) -> float:
    """The lease the hub granted (required for a subscribe; what we asked for if it is absent)."""
    try:
        lease = float(value) if value is not None else REQUESTED_LEASE_SECONDS
    except ValueError:
        lease = REQUESTED_LEASE_SECONDS
    return min(max(lease, 1.0), 365 * 24 * 3600.0)
