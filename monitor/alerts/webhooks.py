"""Webhook alerts: payloads, outbox rows, the retry schedule, and one signed HTTP attempt.

The pure parts (payloads, outbox rows, retry decisions) take plain data and the clock as arguments;
`send_webhook` is the only function here that touches the network, through a client from
`monitor.netpolicy.webhook_client` (the SSRF guard). The relay (`monitor.alerts.relay`) ties them
to the outbox table.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import httpx
from sqlalchemy import Engine

from monitor.alerts.signing import sign
from monitor.clock import utcnow
from monitor.model import OutboxRow, RecordedChange
from monitor.netpolicy import BlockedAddress, parse_retry_after, request_deadline
from monitor.redact import redact, redact_text, redact_url
from monitor.settings import AlertEndpoint
from monitor.store.outbox import attempt_log, delivery_state

EVENT_STATUS_CHANGED = "claim.status_changed"
EVENT_TEST = "webhook.test"

# The Standard Webhooks schedule: the delay before attempt 1, 2, ... 10. After the last one fails
# the delivery is dead.
DEFAULT_SCHEDULE: tuple[float, ...] = (
    0,
    5,
    5 * 60,
    30 * 60,
    2 * 3600,
    5 * 3600,
    10 * 3600,
    14 * 3600,
    20 * 3600,
    24 * 3600,
)
# Bytes of a failed response body kept as the error (enough to read a receiver's complaint).
ERROR_BODY_BYTES = 300


# --- payloads and outbox rows (pure) -------------------------------------------------------------


def iso(t: datetime) -> str:
    """RFC 3339 in UTC with a Z, millisecond precision: what receivers sort and parse easily."""
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def body_bytes(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes sent (and signed); stored as they are so every retry sends the same body."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _when(value: datetime | str | None) -> datetime | None:
    """A stored time: evidence details carry ISO strings, live values datetimes."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def status_changed_payload(change: RecordedChange) -> dict[str, Any]:
    """The claim.status_changed event (the README's "Webhook alerts" section shows it)."""
    return {
        "type": EVENT_STATUS_CHANGED,
        "timestamp": iso(change.at),
        "data": {
            "claim": {"id": change.claim_id, "text": change.claim_text},
            "from": change.from_status,
            "to": change.to_status,
            "reason": change.reason,
            "changed_at": iso(change.at),
            # The deciding item's fetch and publication: a receiver can measure its own delay.
            "fetched_at": iso(change.fetched_at) if change.fetched_at else None,
            "published_at": iso(change.published_at) if change.published_at else None,
            "evidence": [_evidence(e) for e in change.evidence],
        },
    }


def _evidence(e: Mapping[str, Any]) -> dict[str, Any]:
    published = _when(e.get("published_at"))
    return {
        "title": e.get("title") or "",
        "url": e.get("url") or "",
        "source": e.get("source") or "",
        "source_tier": str(e.get("source_tier") or ""),
        "stance": str(e.get("stance") or ""),
        "score": None if e.get("score") is None else round(float(e["score"]), 2),
        "published_at": iso(published) if published else None,
        "provenance": e.get("provenance") or "",
    }


def webhook_test_payload(now: datetime) -> dict[str, Any]:
    return {
        "type": EVENT_TEST,
        "timestamp": iso(now),
        "data": {"message": "A test event from rumour-monitor: this endpoint receives alerts."},
    }


def event_id_for_change(change: RecordedChange, endpoint: str) -> str:
    """The webhook-id: stable across retries and re-runs, distinct per endpoint.

    Besides the change's row id it hashes the claim, new status and time, so a database that is
    reset and reuses row ids never produces an id a receiver already saw (and would drop).
    """
    key = "|".join(
        [str(change.id), change.claim_id, change.to_status, iso(change.at), endpoint]
    )
    return "msg_" + hashlib.sha256(key.encode()).hexdigest()[:32]


def endpoint_wants(
    endpoint: AlertEndpoint, event_type: str, claim_id: str | None, status: str | None
) -> bool:
    """The endpoint's filters: event type, claim id and new status (an empty filter takes all)."""
    if event_type not in endpoint.events:
        return False
    if endpoint.claims and claim_id not in endpoint.claims:
        return False
    return not (endpoint.statuses and status not in endpoint.statuses)


def outbox_rows_for_change(
    change: RecordedChange, endpoints: Sequence[AlertEndpoint], now: datetime
) -> list[OutboxRow]:
    """The alerts to queue in the change's transaction: one per endpoint (webhook or
    notification channel) that wants it. Channels store the same payload; the relay words it
    as a message when it sends."""
    from monitor.alerts.notify import endpoint_key

    body = body_bytes(status_changed_payload(change)).decode()
    rows: list[OutboxRow] = []
    seen: set[str] = set()
    for ep in endpoints:
        key = endpoint_key(ep)
        if key in seen:  # the same URL configured twice still gets one alert
            continue
        if not endpoint_wants(ep, EVENT_STATUS_CHANGED, change.claim_id, change.to_status):
            continue
        seen.add(key)
        rows.append(
            OutboxRow(
                event_id=event_id_for_change(change, key),
                event_type=EVENT_STATUS_CHANGED,
                claim_id=change.claim_id,
                status_change_id=change.id,
                endpoint=key,
                payload=body,
                created_at=now,
            )
        )
    return rows


# --- retry decisions (pure) ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Delays before attempt 1..n (seconds); jitter spreads retries by up to that fraction."""

    schedule: tuple[float, ...] = DEFAULT_SCHEDULE
    jitter: float = 0.1

    @property
    def max_attempts(self) -> int:
        return len(self.schedule)

    def delay_after(self, attempts: int, rng: Callable[[], float] = random.random) -> float | None:
        """Seconds until the next attempt after `attempts` failed ones; None: no more (dead)."""
        if attempts >= len(self.schedule):
            return None
        base = self.schedule[attempts]
        return base * (1 + self.jitter * (2 * rng() - 1)) if base > 0 else 0.0


Outcome = Literal["delivered", "retry", "dead", "gone"]


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """What one HTTP attempt saw."""

    status: int | None  # HTTP status; None when no response (refused, timeout, blocked)
    error: str | None = None  # short human text for failures
    retry_after: float | None = None  # seconds, from a 429/503 Retry-After
    duration: float = 0.0
    # Set by senders that know success without an HTTP status (Apprise's channels).
    delivered: bool | None = None

    @property
    def ok(self) -> bool:
        if self.delivered is not None:
            return self.delivered
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True, slots=True)
class NextStep:
    outcome: Outcome
    next_attempt_at: datetime | None = None


def next_step(
    result: AttemptResult,
    attempts_done: int,
    now: datetime,
    policy: RetryPolicy,
    rng: Callable[[], float] = random.random,
) -> NextStep:
    """After attempt number `attempts_done`: delivered, retry when, dead, or endpoint gone (410)."""
    if result.ok:
        return NextStep("delivered")
    if result.status == 410:
        # The receiver says the endpoint is gone: disable it; the row waits (not dead) in case the
        # endpoint is re-enabled.
        return NextStep("gone", now + timedelta(seconds=policy.schedule[-1]))
    delay = policy.delay_after(attempts_done, rng)
    if delay is None:
        return NextStep("dead")
    if result.status in (429, 503) and result.retry_after is not None:
        delay = result.retry_after  # the receiver said when; honour it rather than guess
    return NextStep("retry", now + timedelta(seconds=delay))


# --- endpoints in logs and output -------------------------------------------------------------


def redact_endpoint(key: str) -> str:
    """An endpoint's key for logs and output: a notification channel's (``notify:...``) in
    Apprise's privacy form (its secrets may sit anywhere in the URL, even the host), a webhook's
    by the one URL rule of monitor.redact. The rule is applied to a channel's privacy form too,
    so a channel reads the same in output and in the log (whose processor applies the rule)."""
    from monitor.alerts.notify import is_notify_key, redact_notify_url

    return redact_text(redact_notify_url(key)) if is_notify_key(key) else redact_url(key)


# --- one attempt ---------------------------------------------------------------------------------


def signed_headers(secret: str, event_id: str, body: bytes, timestamp: int) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, event_id, timestamp, body),
    }


def send_webhook(
    client: httpx.Client,
    url: str,
    secret: str,
    event_id: str,
    body: bytes,
    timeout: float,
    now: datetime | None = None,
) -> AttemptResult:
    """POST one signed event within ``timeout`` seconds in all (connect, send, the answer's
    headers and the start of an error body); never raises for network trouble, returns what
    happened."""
    now = now or utcnow()
    headers = signed_headers(secret, event_id, body, int(now.timestamp()))
    started = time.monotonic()
    try:
        with request_deadline(timeout), client.stream(
            "POST", url, content=body, headers=headers, timeout=httpx.Timeout(timeout)
        ) as resp:
            status = resp.status_code
            head = b""
            if not 200 <= status < 300:
                for chunk in resp.iter_bytes():
                    head += chunk
                    if len(head) >= ERROR_BODY_BYTES:
                        break
            retry_after = (
                parse_retry_after(resp.headers.get("retry-after"), now)
                if status in (429, 503)
                else None
            )
            location = resp.headers.get("location")
    except BlockedAddress as e:
        return AttemptResult(None, f"refused: {e}", duration=time.monotonic() - started)
    except httpx.TimeoutException:
        return AttemptResult(
            None, f"timeout after {timeout:g} s", duration=time.monotonic() - started
        )
    except httpx.HTTPError as e:
        # Connection refused, reset, TLS failure...: the exception's text, without the URL.
        return AttemptResult(
            None, f"{e.__class__.__name__}: {e}".strip(), duration=time.monotonic() - started
        )
    duration = time.monotonic() - started
    if 200 <= status < 300:
        return AttemptResult(status, None, duration=duration)
    return AttemptResult(
        status, _failure_text(status, head, location), retry_after=retry_after, duration=duration
    )


def _failure_text(status: int, head: bytes, location: str | None) -> str:
    """The error of a non-2xx answer: the status, and where a redirect pointed (redacted) or the
    start of the receiver's complaint (its body)."""
    reason = httpx.codes.get_reason_phrase(status)
    if 300 <= status < 400:
        return f"{status} {reason}: redirect not followed" + (
            f" (to {redact_url(location)})" if location else ""
        )
    text = head[:ERROR_BODY_BYTES].decode("utf-8", "replace").strip()
    return f"{status} {reason}" + (f": {text}" if text else "")


def delivery_views(engine: Engine, rows: Sequence[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """Deliveries as `deliveries --json` and the API show them: the endpoint without its
    secrets, the state in words, and every attempt (also those before a `redeliver`)."""
    log = attempt_log(engine, [r["id"] for r in rows])
    return [
        {
            "id": r["id"],
            "event_id": r["event_id"],
            "event_type": r["event_type"],
            "claim_id": r["claim_id"],
            "status_change_id": r["status_change_id"],
            "endpoint": redact_endpoint(r["endpoint"]),
            "state": delivery_state(r, now),
            "attempts": r["attempts"],
            "redelivered": r["earlier_attempts"] > 0,
            "attempt_log": redact(log[r["id"]]),
            "last_status": r["last_status"],
            "last_error": redact_text(r["last_error"]) if r["last_error"] else None,
            "next_attempt_at": None if r["delivered_at"] or r["dead"] else r["next_attempt_at"],
            "delivered_at": r["delivered_at"],
            "created_at": r["created_at"],
        }
        for r in rows
    ]
