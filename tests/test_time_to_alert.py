"""Time to alert, measured through real parts: the daemon polls a real feed server, confirms a
claim, and its relay delivers to a real webhook receiver. The recorded times (fetched, published,
committed, delivered) are ordered and plausible, shown alike by `history --json`, the API, the
text history and the claim page; /metrics counts one more observation in each histogram."""

from __future__ import annotations

import re
import signal
from dataclasses import replace
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
from helpers.cli import cli, cli_json
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feedserver import FeedServer
from helpers.store import NOW, item, leased_feeds, record
from helpers.wait import wait_until
from helpers.web import WEBHOOK_SECRET, write_web_config
from helpers.webhook_receiver import Receiver, free_port

from monitor.clock import utcnow
from monitor.model import Status
from monitor.pipeline import Decisions

CLAIM = "xiaomi-baic"
HISTOGRAMS = (
    "rumour_monitor_fetch_to_commit_seconds",
    "rumour_monitor_commit_to_delivered_seconds",
    "rumour_monitor_published_to_delivered_seconds",
)

QUIET_NEWSROOM = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Xiaomi newsroom</title><link>https://www.mi.com/global/newsroom</link>
<item><title>Xiaomi opens a new flagship store in Paris</title>
<link>https://www.mi.com/global/newsroom/paris-store</link><guid>mi-0</guid>
<pubDate>Mon, 29 Mar 2021 08:00:00 GMT</pubDate></item>
</channel></rss>"""


def confirming_newsroom(published: datetime) -> bytes:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Xiaomi newsroom</title><link>https://www.mi.com/global/newsroom</link>
<item><title>Xiaomi officially confirms its electric car partnership with BAIC</title>
<link>https://www.mi.com/global/newsroom/xiaomi-baic-partnership</link><guid>mi-1</guid>
<description>Xiaomi today announced a partnership with BAIC to build electric cars.</description>
<pubDate>{format_datetime(published, usegmt=True)}</pubDate></item>
</channel></rss>""".encode()


def _counts(metrics: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for name in HISTOGRAMS:
        m = re.search(rf"^{name}_count (\S+)$", metrics, re.MULTILINE)
        assert m, f"{name} is not in /metrics"
        found[name] = float(m.group(1))
    return found


def _when(value: Any) -> datetime:
    assert isinstance(value, str), value
    return datetime.fromisoformat(value)


def _assert_ordered_and_plausible(
    change: dict[str, Any], switched_at: datetime, published: datetime, read_at: datetime
) -> None:
    """Fetched after the feed changed, committed, then delivered before we read it back; the
    publication date is the feed's; the seconds are the differences."""
    assert change["to"] == "confirmed" and change["actor"] == "rules"
    fetched, committed = _when(change["fetched_at"]), _when(change["committed_at"])
    delivered = _when(change["delivered_at"])
    assert switched_at <= fetched <= committed <= delivered <= read_at
    assert _when(change["at"]) <= committed
    assert _when(change["published_at"]) == published
    assert change["fetch_to_commit_seconds"] == round((committed - fetched).total_seconds(), 3)
    assert change["commit_to_delivered_seconds"] == round((delivered - committed).total_seconds(), 3)
    assert change["published_to_delivered_seconds"] == round(
        (delivered - published).total_seconds(), 3)
    assert 120 <= change["published_to_delivered_seconds"] < 120 + 60


def test_time_to_alert_is_recorded_shown_and_counted(
    tmp_path: Path, feed_server: FeedServer, db_url: str
) -> None:
    port = free_port()
    with Receiver(WEBHOOK_SECRET) as receiver:
        config = write_web_config(tmp_path, db_url, feed_server)
        feed_server.route("/newsroom.xml", body=QUIET_NEWSROOM)
        text = config.read_text()
        text = re.sub(r'url = "http://127\.0\.0\.1:\d+/hook"', f'url = "{receiver.url()}"', text)
        text = text.replace("[http]\n", f'[http]\nlisten = "127.0.0.1:{port}"\n')
        config.write_text(text.replace("[logging]\n", FAST_SCHEDULE + "[logging]\n", 1))
        daemon = Daemon(config)
        try:
            wait_until(lambda: daemon.events("web.started"), what="the web server to start")
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
                wait_until(lambda: http.get("/readyz").status_code == 200 or None,
                           what="the daemon to have polled")
                before = _counts(http.get("/metrics").text)
                assert before == dict.fromkeys(HISTOGRAMS, 0.0)  # no change, no alert yet

                # The newsroom publishes the confirmation (dated two minutes ago in its feed).
                published = (utcnow() - timedelta(minutes=2)).replace(microsecond=0)
                switched_at = utcnow()
                feed_server.route("/newsroom.xml", body=confirming_newsroom(published))
                (hook,) = wait_until(receiver.accepted, what="the webhook of the confirmation")
                counted = wait_until(
                    lambda: (c := _counts(http.get("/metrics").text))[HISTOGRAMS[1]] >= 1 and c or None,
                    what="the delivery's time to alert to be counted",
                )
                assert counted == dict.fromkeys(HISTOGRAMS, 1.0)

                # Recorded: ordered, plausible, the publication date from the feed.
                (change,) = cli_json(config, "history", CLAIM)
                read_at = utcnow()
                _assert_ordered_and_plausible(change, switched_at, published, read_at)
                fetched = _when(change["fetched_at"])
                # The receiver gets the deciding item's times too.
                data = hook.payload["data"]
                assert _when(data["fetched_at"].replace("Z", "+00:00")) - fetched < timedelta(milliseconds=1)
                assert _when(data["published_at"].replace("Z", "+00:00")) == published

                # Shown alike by the API (as `history --json`), the text history and the page.
                assert http.get(f"/api/claims/{CLAIM}/history").json() == [change]
                assert http.get("/api/history").json() == cli_json(config, "history")
                history_text = cli(config, "history", CLAIM).stdout
                assert "time to alert: fetched → committed " in history_text
                assert "committed → first alert delivered " in history_text
                page = http.get(f"/claims/{CLAIM}").text
                assert "Time to alert: fetched → committed" in page
                assert "published → delivered 2." in page  # two minutes and a few seconds
        finally:
            code = daemon.stop(signal.SIGTERM)
    assert code == 0
    (changed,) = [e for e in daemon.events("claim.status_changed") if e["claim_id"] == CLAIM]
    assert changed["fetch_to_commit_seconds"] >= 0
    (delivered_event,) = daemon.events("webhook.delivered")
    assert delivered_event["commit_to_delivered_seconds"] >= 0
    assert delivered_event["published_to_delivered_seconds"] >= 120


def test_the_deciding_item_is_the_evidence_fetched_last(db_url: str, tmp_path: Path) -> None:
    """Two trusted outlets decide: the change's times are those of the second report (the change
    could not happen before it arrived), not the first; a change by hand has none."""
    _, store, service, a, b = leased_feeds(db_url, tmp_path)
    first = replace(item("Reuters: Xiaomi officially confirms its electric car partnership with BAIC",
                         "https://reuters.com/x", "reuters.com", guid="r1"),
                    published_at=NOW - timedelta(hours=3))
    second = replace(item("Bloomberg: Xiaomi officially confirms its electric car partnership with BAIC",
                          "https://bloomberg.com/y", "bloomberg.com", guid="b1"),
                     published_at=NOW - timedelta(minutes=7))
    assert record(store, service, a, [first], NOW, source="reuters.com").changes == []
    later = NOW + timedelta(minutes=10)
    (change,) = record(store, service, b, [second], later, source="bloomberg.com").changes
    assert change.to_status == "confirmed" and len(change.evidence) == 2
    (shown,) = store.history("xiaomi-baic")
    assert shown.fetched_at == later and shown.published_at == NOW - timedelta(minutes=7)
    assert shown.committed_at is None and shown.delivered_at is None  # not announced, not sent
    assert shown.as_dict()["fetch_to_commit_seconds"] == 0.0  # the transaction's time stands in
    assert "no alert delivered yet" in shown.latency_words()

    store.mark_committed([change.id], later + timedelta(seconds=2))
    store.mark_committed([change.id], later + timedelta(seconds=9))  # the first time stays
    (shown,) = store.history("xiaomi-baic")
    assert shown.as_dict()["committed_at"] == (later + timedelta(seconds=2)).isoformat()
    assert shown.as_dict()["fetch_to_commit_seconds"] == 2.0

    Decisions(service.loaded, store).set_status("xiaomi-baic", Status.DENIED, "retracted")
    by_hand = store.history("xiaomi-baic")[-1].as_dict()
    assert by_hand["actor"] == "manual" and by_hand["fetched_at"] is None
    assert by_hand["published_at"] is None and by_hand["fetch_to_commit_seconds"] is None
    assert by_hand["committed_at"] is not None  # announced after its commit
    store.close()


def test_metrics_count_known_durations_and_skip_impossible_ones() -> None:
    """A delivery event with its durations is one observation in each histogram; a redelivery's
    event (no durations) and an item dated after its delivery (clocks disagree) add none."""
    from prometheus_client import CollectorRegistry, generate_latest

    from monitor.web.metrics import EventMetrics

    metrics = EventMetrics()
    registry = CollectorRegistry()
    for c in metrics.collectors():
        registry.register(c)
    for event in (
        {"event": "claim.status_changed", "to": "confirmed", "actor": "rules", "fetch_to_commit_seconds": 0.4},
        {"event": "claim.status_changed", "to": "denied", "actor": "manual", "fetch_to_commit_seconds": None},
        {"event": "webhook.delivered", "commit_to_delivered_seconds": 0.2, "published_to_delivered_seconds": 95.0},
        {"event": "notify.delivered", "commit_to_delivered_seconds": 1.5, "published_to_delivered_seconds": -30.0},
        {"event": "webhook.delivered"},  # a redelivery by hand
    ):
        metrics.observe(None, "info", event)
    shown = _counts(generate_latest(registry).decode())
    assert shown == {
        "rumour_monitor_fetch_to_commit_seconds": 1.0,
        "rumour_monitor_commit_to_delivered_seconds": 2.0,
        "rumour_monitor_published_to_delivered_seconds": 1.0,
    }
