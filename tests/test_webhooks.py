"""Webhook payloads, outbox rows, retry decisions and one signed HTTP attempt (no database)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from helpers.webhook_receiver import Receiver, Respond
from standardwebhooks import Webhook

from monitor.alerts.signing import new_secret
from monitor.alerts.webhooks import (
    DEFAULT_SCHEDULE,
    AttemptResult,
    RetryPolicy,
    event_id_for_change,
    next_step,
    outbox_rows_for_change,
    send_webhook,
)
from monitor.model import RecordedChange
from monitor.netpolicy import is_public_address, parse_retry_after, webhook_client
from monitor.redact import redact_url
from monitor.settings import WebhookSettings

NOW = datetime(2026, 3, 1, 12, 0, 0, 250000, tzinfo=UTC)
SECRET = new_secret()

EVIDENCE = (
    {
        "title": "Xiaomi confirms BAIC partnership",
        "url": "https://xiaomi.com/news/1",
        "source": "xiaomi.com",
        "source_tier": "official",
        "stance": "confirms",
        "score": 93.456,
        # As the store gives it (history, a change just recorded): an ISO string.
        "published_at": datetime(2026, 3, 1, 11, 0, tzinfo=UTC).isoformat(),
        "provenance": "declared feed source xiaomi.com is the official xiaomi.com",
        "cues": ["extra keys are not sent"],
    },
)
CHANGE = RecordedChange(
    id=7,
    claim_id="xiaomi-baic",
    claim_text="Xiaomi will build cars with BAIC",
    from_status="unverified",
    to_status="confirmed",
    reason="confirmed by an official source: xiaomi.com",
    at=NOW,
    actor="rules",
    evidence=EVIDENCE,
    fetched_at=datetime(2026, 3, 1, 11, 59, 58, tzinfo=UTC),
    published_at=datetime(2026, 3, 1, 11, 0, tzinfo=UTC),
)


def endpoint(url: str = "https://hooks.example.com/rumours", **kw: Any) -> WebhookSettings:
    return WebhookSettings(url=url, secret=SECRET, **kw)


def test_payload_has_the_documented_shape() -> None:
    [row] = outbox_rows_for_change(CHANGE, [endpoint()], NOW)
    assert json.loads(row.payload) == {
        "type": "claim.status_changed",
        "timestamp": "2026-03-01T12:00:00.250Z",
        "data": {
            "claim": {"id": "xiaomi-baic", "text": "Xiaomi will build cars with BAIC"},
            "from": "unverified",
            "to": "confirmed",
            "reason": "confirmed by an official source: xiaomi.com",
            "changed_at": "2026-03-01T12:00:00.250Z",
            "fetched_at": "2026-03-01T11:59:58.000Z",
            "published_at": "2026-03-01T11:00:00.000Z",
            "evidence": [
                {
                    "title": "Xiaomi confirms BAIC partnership",
                    "url": "https://xiaomi.com/news/1",
                    "source": "xiaomi.com",
                    "source_tier": "official",
                    "stance": "confirms",
                    "score": 93.46,
                    "published_at": "2026-03-01T11:00:00.000Z",
                    "provenance": "declared feed source xiaomi.com is the official xiaomi.com",
                }
            ],
        },
    }
    assert row.event_type == "claim.status_changed"
    assert row.claim_id == "xiaomi-baic" and row.status_change_id == 7
    assert row.created_at == NOW  # queued now, due at once


def test_event_id_is_stable_and_distinct_per_endpoint_and_change() -> None:
    a, b = endpoint("https://a.example/h"), endpoint("https://b.example/h")
    first = outbox_rows_for_change(CHANGE, [a, b], NOW)
    again = outbox_rows_for_change(CHANGE, [a, b], NOW + timedelta(hours=1))
    assert [r.event_id for r in first] == [r.event_id for r in again]
    assert first[0].event_id != first[1].event_id
    assert first[0].event_id.startswith("msg_") and len(first[0].event_id) <= 64
    # A reset database reusing row id 7 for another change must not reuse the id.
    other = replace(CHANGE, to_status="denied", at=NOW + timedelta(days=3))
    assert event_id_for_change(other, a.url) != first[0].event_id


@pytest.mark.parametrize(
    ("filters", "change", "wanted"),
    [
        ({}, {}, True),
        ({"events": ["webhook.test"]}, {}, False),
        ({"events": ["claim.status_changed"]}, {}, True),
        ({"claims": ["xiaomi-baic"]}, {}, True),
        ({"claims": ["xiaomi-baic"]}, {"claim_id": "other"}, False),
        ({"statuses": ["confirmed", "denied"]}, {}, True),
        ({"statuses": ["denied"]}, {}, False),
        ({"statuses": ["confirmed"], "claims": ["other"]}, {}, False),
    ],
)
def test_filters_by_event_claim_and_status(
    filters: dict[str, Any], change: dict[str, Any], wanted: bool
) -> None:
    rows = outbox_rows_for_change(replace(CHANGE, **change), [endpoint(**filters)], NOW)
    assert len(rows) == (1 if wanted else 0)


def test_one_row_per_endpoint_url() -> None:
    rows = outbox_rows_for_change(
        replace(CHANGE, evidence=()), [endpoint(), endpoint(), endpoint("https://other.example/")], NOW
    )
    assert [r.endpoint for r in rows] == [
        "https://hooks.example.com/rumours",
        "https://other.example/",
    ]


def test_default_schedule_is_the_specs() -> None:
    assert DEFAULT_SCHEDULE == (0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
    policy = RetryPolicy()
    assert policy.delay_after(0) == 0
    for attempts, base in enumerate(DEFAULT_SCHEDULE[1:], start=1):
        assert policy.delay_after(attempts, rng=lambda: 0.0) == pytest.approx(base * 0.9)
        assert policy.delay_after(attempts, rng=lambda: 1.0) == pytest.approx(base * 1.1)
    assert policy.delay_after(10) is None


def test_next_step() -> None:
    policy = RetryPolicy((0, 60, 3600), jitter=0)
    assert next_step(AttemptResult(200), 1, NOW, policy).outcome == "delivered"
    assert next_step(AttemptResult(204), 3, NOW, policy).outcome == "delivered"
    step = next_step(AttemptResult(500, "boom"), 1, NOW, policy)
    assert (step.outcome, step.next_attempt_at) == ("retry", NOW + timedelta(seconds=60))
    assert next_step(AttemptResult(None, "timeout"), 3, NOW, policy).outcome == "dead"
    assert next_step(AttemptResult(302, "redirect"), 1, NOW, policy).outcome == "retry"
    assert next_step(AttemptResult(410, "gone"), 1, NOW, policy).outcome == "gone"
    # 429/503: the receiver's Retry-After wins over the schedule.
    for status in (429, 503):
        step = next_step(AttemptResult(status, "busy", retry_after=7), 1, NOW, policy)
        assert (step.outcome, step.next_attempt_at) == ("retry", NOW + timedelta(seconds=7))
    step = next_step(AttemptResult(500, "x", retry_after=7), 1, NOW, policy)
    assert step.next_attempt_at == NOW + timedelta(seconds=60)


def test_parse_retry_after() -> None:
    assert parse_retry_after("120", NOW) == 120
    assert parse_retry_after("Sun, 01 Mar 2026 12:01:00 GMT", NOW) == pytest.approx(59.75)
    assert parse_retry_after("Sun, 01 Mar 2026 11:00:00 GMT", NOW) == 0
    assert parse_retry_after("9999999", NOW) == 24 * 3600
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None


@pytest.mark.parametrize(
    ("addr", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_is_public_address(addr: str, public: bool) -> None:
    assert is_public_address(addr) is public


def test_redact_url_hides_password_and_query() -> None:
    assert (
        redact_url("https://u:pw@h.example:8443/p?token=abc")
        == "https://***@h.example:8443/p?token=***"
    )
    assert redact_url("https://h.example/p") == "https://h.example/p"


# --- one attempt against a real receiver ---------------------------------------------------------


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(SECRET) as rx:
        yield rx


def _send(url: str, allow_private: bool = True, timeout: float = 5.0) -> AttemptResult:
    body = json.dumps({"type": "webhook.test", "data": {}}).encode()
    with webhook_client(allow_private, timeout) as client:
        return send_webhook(client, url, SECRET, "msg_abc", body, timeout)


def test_signed_request_verifies_with_standardwebhooks(receiver: Receiver) -> None:
    result = _send(receiver.url())
    assert result.ok and result.status == 204
    [got] = receiver.received
    assert got.verified
    assert got.event_id == "msg_abc"
    assert got.headers["content-type"] == "application/json"
    assert got.headers["user-agent"].startswith("rumour-monitor/")
    # Independently: the standardwebhooks package accepts exactly these headers and body.
    assert Webhook(SECRET).verify(got.body, got.headers) == {"type": "webhook.test", "data": {}}
    with pytest.raises(Exception, match="signature"):
        Webhook(new_secret()).verify(got.body, got.headers)


def test_redirect_is_not_followed(receiver: Receiver) -> None:
    receiver.script("/hook", [Respond(307, {"location": receiver.url("/elsewhere")})])
    result = _send(receiver.url())
    assert not result.ok and result.status == 307
    assert "redirect not followed" in (result.error or "")
    assert [r.path for r in receiver.received] == ["/hook"]


def test_timeout_is_a_failure(receiver: Receiver) -> None:
    receiver.script("/hook", [Respond(204, delay=2)])
    result = _send(receiver.url(), timeout=0.3)
    assert result.status is None and result.error == "timeout after 0.3 s"
    assert result.duration < 1.5


def test_error_body_is_kept_short(receiver: Receiver) -> None:
    receiver.script("/hook", [Respond(500, body=b"x" * 5000)])
    result = _send(receiver.url())
    assert result.status == 500
    assert result.error is not None and result.error.startswith("500 Internal Server Error: xxx")
    assert len(result.error) < 400


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_private_addresses_are_refused_unless_allowed(receiver: Receiver, host: str) -> None:
    url = receiver.url().replace("127.0.0.1", host)
    result = _send(url, allow_private=False)
    assert result.status is None
    assert "allow_private" in (result.error or "")
    assert receiver.received == []
    assert _send(url, allow_private=True).ok


def test_connection_refused_is_a_failure() -> None:
    from helpers.webhook_receiver import free_port

    result = _send(f"http://127.0.0.1:{free_port()}/hook")
    assert result.status is None and result.error
