"""The relay against a real receiver, on SQLite and PostgreSQL: what arrives, when, in what order."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import structlog
from helpers.webhook_receiver import Receiver, Respond, free_port, queue_change
from sqlalchemy import Engine

from monitor.alerts.relay import Relay
from monitor.alerts.signing import new_secret
from monitor.settings import WebhookSettings
from monitor.store import outbox
from monitor.store.db import open_engine

SECRET = new_secret()
FAST = ["0s", "0.2s", "0.2s"]  # three attempts, quickly


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver(SECRET) as r:
        yield r


def ep(url: str, **kw: Any) -> WebhookSettings:
    kw.setdefault("retry_schedule", FAST)
    kw.setdefault("timeout", 2)
    return WebhookSettings(url=url, secret=SECRET, **kw)


def relay(engine: Engine, *endpoints: WebhookSettings, worker: str = "test") -> Relay:
    return Relay(engine, endpoints, worker, allow_private=True)


def deliveries(engine: Engine, **kw: Any) -> list[dict[str, Any]]:
    return sorted(outbox.list_deliveries(engine, limit=None, **kw), key=lambda r: r["id"])


def deliver_until_done(r: Relay, engine: Engine, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while outbox.list_deliveries(engine, pending=True, limit=None):
        assert time.monotonic() < deadline, "deliveries still pending"
        r.deliver_due()
        time.sleep(0.05)


def test_every_alert_arrives_verified_once_in_order(engine: Engine, rx: Receiver) -> None:
    e = ep(rx.url())
    queued = []
    for claim in ("a", "b"):
        for status in ("confirmed", "disputed", "denied"):
            queued += queue_change(engine, [e], claim, status)
    summary = relay(engine, e).deliver_due()
    assert summary.delivered == 6 and summary.failed == 0
    got = rx.accepted()
    assert all(r.verified for r in rx.received)
    assert sorted(r.event_id for r in got) == sorted(q.event_id for q in queued)
    for claim in ("a", "b"):
        seen = [r.payload["data"]["to"] for r in got if r.payload["data"]["claim"]["id"] == claim]
        assert seen == ["confirmed", "disputed", "denied"]
    assert all(d["delivered_at"] is not None and d["attempts"] == 1 for d in deliveries(engine))


def test_receiver_down_then_up_gets_everything_once_in_order(engine: Engine) -> None:
    port = free_port()  # nothing listens yet: connection refused
    e = ep(f"http://127.0.0.1:{port}/hook", retry_schedule=["0s", "0.3s", "0.3s", "0.3s", "0.3s"])
    queued = [queue_change(engine, [e], "a", s)[0] for s in ("confirmed", "denied", "disputed")]
    queued += queue_change(engine, [e], "b", "confirmed")
    r = relay(engine, e)
    first = r.deliver_due()
    assert first.delivered == 0 and first.failed == 2  # one head row per claim tried; both refused
    rows = deliveries(engine)
    assert [d["attempts"] for d in rows] == [
        1,
        0,
        0,
        1,
    ]  # later changes of "a" wait behind the first
    assert "ConnectError" in rows[0]["last_error"]
    with Receiver(SECRET, port=port) as rx:
        deliver_until_done(r, engine)
        got = rx.accepted()
    assert all(x.verified for x in rx.received)
    ids = [x.event_id for x in got]
    assert sorted(ids) == sorted(q.event_id for q in queued) and len(set(ids)) == len(ids)
    assert [x.payload["data"]["to"] for x in got if x.payload["data"]["claim"]["id"] == "a"] == [
        "confirmed",
        "denied",
        "disputed",
    ]


def test_a_failed_earlier_change_holds_back_later_ones_for_that_claim(
    engine: Engine, rx: Receiver
) -> None:
    e = ep(rx.url(), retry_schedule=["0s", "1s"])
    rx.script("/hook", [Respond(500)])
    first = queue_change(engine, [e], "a", "confirmed")[0]
    second = queue_change(engine, [e], "a", "denied")[0]
    other = queue_change(engine, [e], "b", "confirmed")[0]
    r = relay(engine, e)
    r.deliver_due()
    # "a" confirmed failed and waits a second; "a" denied must not overtake it; "b" is independent.
    assert [x.event_id for x in rx.accepted()] == [other.event_id]
    deliver_until_done(r, engine)
    assert [x.event_id for x in rx.accepted()] == [
        other.event_id,
        first.event_id,
        second.event_id,
    ]


def test_500_forever_ends_dead_then_redeliver_works(engine: Engine, rx: Receiver) -> None:
    e = ep(rx.url(), retry_schedule=["0s", "0s", "0s"])
    rx.script("/hook", [], then=Respond(500, body=b"database down"))
    [row] = queue_change(engine, [e], "a", "confirmed")
    r = relay(engine, e)
    summary = r.deliver_due()
    assert (summary.delivered, summary.failed, summary.dead) == (0, 2, 1)
    [dead] = deliveries(engine, dead=True)
    assert dead["attempts"] == 3 and dead["last_status"] == 500
    assert dead["last_error"] == "500 Internal Server Error: database down"
    assert r.deliver_due().delivered == 0  # dead rows are not retried by themselves
    assert len(rx.received) == 3

    rx.script("/hook", [], then=Respond(200))  # the receiver is fixed
    assert outbox.redeliver(engine, datetime.now(UTC), all_dead=True) == [dead["id"]]
    assert r.deliver_due().delivered == 1
    assert [x.event_id for x in rx.accepted()] == [row.event_id]  # same webhook-id as before
    assert deliveries(engine, dead=True) == []


def test_410_disables_the_endpoint_until_enabled(engine: Engine, rx: Receiver) -> None:
    gone, fine = ep(rx.url("/gone")), ep(rx.url("/fine"))
    rx.script("/gone", [Respond(410)])
    queue_change(engine, [gone, fine], "a", "confirmed")
    queue_change(engine, [gone, fine], "b", "confirmed")
    r = relay(engine, gone, fine)
    summary = r.deliver_due()
    by_url = {s.url: s for s in summary.endpoints}
    assert by_url[gone.url].disabled and by_url[fine.url].delivered == 2
    assert len([x for x in rx.received if x.path == "/gone"]) == 1  # stopped after the 410
    health = outbox.endpoint_health(engine)[gone.url]
    assert health["disabled_reason"].startswith("410 Gone") and health["pending"] == 2
    assert r.deliver_due().delivered == 0  # still disabled: nothing sent
    assert len([x for x in rx.received if x.path == "/gone"]) == 1

    outbox.set_endpoint_enabled(engine, gone.url, True, "", datetime.now(UTC))
    assert r.deliver_due().delivered == 2  # both waiting alerts go out at once, none lost
    assert len(rx.accepted("/gone")) == 2


def test_429_and_503_honour_retry_after(engine: Engine, rx: Receiver) -> None:
    # The schedule alone would wait an hour; Retry-After says one second.
    e = ep(rx.url(), retry_schedule=["0s", "1h", "1h"])
    rx.script("/hook", [Respond(429, {"retry-after": "1"}), Respond(503, {"retry-after": "1"})])
    queue_change(engine, [e], "a", "confirmed")
    r = relay(engine, e)
    before = datetime.now(UTC)
    r.deliver_due()
    [row] = deliveries(engine)
    assert row["last_status"] == 429
    assert timedelta(seconds=0.5) < row["next_attempt_at"] - before < timedelta(seconds=3)
    assert r.deliver_due().delivered == 0  # not before the second is up
    time.sleep(1.1)
    r.deliver_due()
    [row] = deliveries(engine)
    assert row["last_status"] == 503 and row["delivered_at"] is None
    time.sleep(1.1)
    assert r.deliver_due().delivered == 1
    arrivals = [x.at for x in rx.received]
    assert all(b - a >= 0.9 for a, b in zip(arrivals, arrivals[1:], strict=False))


def test_hanging_endpoint_times_out_without_delaying_another(engine: Engine, rx: Receiver) -> None:
    hang = ep(rx.url("/hang"), timeout=1, retry_schedule=["0s", "1h"])
    fine = ep(rx.url("/fine"))
    rx.script("/hang", [], then=Respond(204, delay=5))
    queue_change(engine, [hang, fine], "a", "confirmed")
    queue_change(engine, [hang, fine], "b", "confirmed")
    start = time.monotonic()
    t = threading.Thread(target=relay(engine, hang, fine).deliver_due)
    t.start()
    assert len(rx.wait_for(2, timeout=5, path="/fine")) == 2
    assert time.monotonic() - start < 0.9  # both went out while /hang was still hanging
    t.join(10)
    rows = [d for d in deliveries(engine) if d["endpoint"] == hang.url]
    assert [d["last_error"] for d in rows] == ["timeout after 1 s"] * 2
    assert all(d["delivered_at"] is None and d["next_attempt_at"] > datetime.now(UTC) for d in rows)


def test_redirect_is_a_failure_and_not_followed(engine: Engine, rx: Receiver) -> None:
    e = ep(rx.url("/old"), retry_schedule=["0s", "1h"])
    rx.script("/old", [], then=Respond(308, {"location": rx.url("/new")}))
    queue_change(engine, [e], "a", "confirmed")
    relay(engine, e).deliver_due()
    [row] = deliveries(engine)
    assert row["last_status"] == 308 and row["delivered_at"] is None
    assert "redirect not followed" in row["last_error"]
    assert [x.path for x in rx.received] == ["/old"]


def test_private_address_refused_without_allow_private(engine: Engine, rx: Receiver) -> None:
    e = ep(rx.url(), retry_schedule=["0s", "1h"])
    queue_change(engine, [e], "a", "confirmed")
    Relay(engine, [e], "test", allow_private=False).deliver_due()
    [row] = deliveries(engine)
    assert row["delivered_at"] is None and "allow_private" in row["last_error"]
    assert rx.received == []


def test_concurrent_relays_send_each_alert_once(engine: Engine, rx: Receiver) -> None:
    rx.script("/hook", [], then=Respond(204, delay=0.02))
    e = ep(rx.url())
    queued = []
    for i in range(12):
        queued += queue_change(engine, [e], f"c{i % 4}", "confirmed" if i < 4 else "denied")
    relays = [relay(engine, e, worker=f"w{i}") for i in range(3)]
    threads = [threading.Thread(target=r.deliver_due) for r in relays]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    ids = [x.event_id for x in rx.accepted()]
    assert sorted(ids) == sorted(q.event_id for q in queued)
    assert len(ids) == len(set(ids))


def test_each_attempt_is_logged_without_secrets(engine: Engine, rx: Receiver) -> None:
    e = ep(rx.url() + "?token=hunter2", retry_schedule=["0s", "0s"])
    rx.script("/hook", [Respond(500)])
    [row] = queue_change(engine, [e], "a", "confirmed")
    with structlog.testing.capture_logs() as logs:
        relay(engine, e).deliver_due()
    events = [
        (x["event"], x["attempt"], x["status"]) for x in logs if x["event"].startswith("webhook.")
    ]
    assert events == [("webhook.failed", 1, 500), ("webhook.delivered", 2, 204)]
    failed = logs[0]
    assert failed["event_id"] == row.event_id and failed["next_attempt"] is not None
    assert failed["endpoint"] == rx.url() + "?token=***"
    text = repr(logs)
    assert (
        SECRET not in text and SECRET.removeprefix("whsec_") not in text and "hunter2" not in text
    )


def test_crashed_relays_lease_expires_and_the_row_is_sent_again(
    engine: Engine, rx: Receiver
) -> None:
    e = ep(rx.url())
    [row] = queue_change(engine, [e], "a", "confirmed")
    now = datetime.now(UTC)
    # A relay leased the row and died before recording anything.
    leased = outbox.claim_next(engine, e.url, "dead-worker", now, 0.5)
    assert leased is not None and leased["event_id"] == row.event_id
    r = relay(engine, e)
    assert r.deliver_due().delivered == 0  # the lease still holds
    time.sleep(0.6)
    assert r.deliver_due().delivered == 1
    assert [x.event_id for x in rx.accepted()] == [row.event_id]


def test_run_loop_delivers_soon_after_wake_and_stops(engine: Engine, rx: Receiver) -> None:
    hang, fine = ep(rx.url("/hang"), timeout=3, retry_schedule=["0s", "1h"]), ep(rx.url("/fine"))
    rx.script("/hang", [], then=Respond(204, delay=5))
    r = relay(engine, hang, fine)
    stop = threading.Event()
    loop = threading.Thread(target=r.run, args=(stop, 60.0))
    loop.start()
    try:
        queue_change(engine, [hang, fine], "a", "confirmed")
        r.wake()
        assert len(rx.wait_for(1, timeout=3, path="/fine")) == 1
        # /hang is still hanging; a new change for /fine goes out on the next wake regardless.
        queue_change(engine, [hang, fine], "b", "confirmed")
        t0 = time.monotonic()
        r.wake()
        assert len(rx.wait_for(2, timeout=3, path="/fine")) == 2
        assert time.monotonic() - t0 < 1.0
    finally:
        stop.set()
        r.wake()
        loop.join(10)
    assert not loop.is_alive()


def test_deliver_due_sends_nothing_once_stopping(engine: Engine, rx: Receiver) -> None:
    e = ep(rx.url())
    queue_change(engine, [e], "a", "confirmed")
    stop = threading.Event()
    stop.set()
    assert relay(engine, e).deliver_due(stop).delivered == 0
    assert rx.received == []
