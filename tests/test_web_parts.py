"""The web's pure parts: the evidence chart, the metrics counted from log events."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

from monitor.logs import configure_logging, get_logger
from monitor.web.chart import evidence_chart
from monitor.web.metrics import EventMetrics

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_chart_counts_each_stance_and_stays_small() -> None:
    points = [(T0 + timedelta(minutes=i), ("confirms", "denies", "reports")[i % 3],
               ("official", "trusted", "other")[i % 2 * 2]) for i in range(30_000)]
    svg = str(evidence_chart(points, "evidence for x"))
    assert 'aria-label="evidence for x: 10000 confirms, 10000 denies, 10000 reports"' in svg
    assert svg.count("<circle") <= 120 * 3 * 3 + 3  # slots x stances x tiers, and the legend
    assert len(svg) < 400_000


def test_chart_of_nothing_and_of_one_moment() -> None:
    assert 'aria-label="evidence over time: 0 confirms, 0 denies, 0 reports"' in str(evidence_chart([]))
    one = str(evidence_chart([(T0, "confirms", "official")]))
    assert 'class="line confirms"' in one and 'class="dot confirms official"' in one


def test_chart_escapes_its_title() -> None:
    svg = str(evidence_chart([], "<script>x</script>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def _value(metrics: EventMetrics, name: str, **labels: str) -> float:
    for collector in metrics.collectors():
        for family in collector.collect():
            for sample in family.samples:
                if sample.name == name and sample.labels == labels:
                    return float(sample.value)
    return 0.0


def test_metrics_count_the_log_events_even_when_the_log_shows_only_warnings() -> None:
    metrics = EventMetrics()
    out = io.StringIO()
    configure_logging(level="warning", fmt="json", stream=out, observers=[metrics.observe])
    log = get_logger()
    log.info("feed.polled", feed_id=1, ok=True, items=5, new_items=3, seconds=0.2)
    log.info("feed.polled", feed_id=2, ok=False, items=0, new_items=0, seconds=1.5)
    log.debug("feed.polled", feed_id=1, items=5)  # the poller's own line: not a second poll
    log.info("item.matched", kind="match")
    log.info("item.matched", kind="review")
    log.info("claim.status_changed", to="confirmed", actor="rules")
    log.info("webhook.delivered")
    log.warning("webhook.failed", error="HTTP 500")
    log.error("webhook.failed", error="HTTP 500", dead=True)
    log.info("notify.delivered", commit_to_delivered_seconds=2.0)
    log.warning("notify.failed", error="Apprise: the channel refused it")
    log.error("notify.failed", error="Apprise: the channel refused it", dead=True)
    log.warning("parser.restarted", reason="died")
    log.error("feed.store_failed", error="StorageError: OperationalError: database is locked")
    assert _value(metrics, "rumour_monitor_polls_total", outcome="ok") == 1
    assert _value(metrics, "rumour_monitor_polls_total", outcome="error") == 1
    assert _value(metrics, "rumour_monitor_items_total", kind="new") == 3
    assert _value(metrics, "rumour_monitor_items_total", kind="duplicate") == 2
    assert _value(metrics, "rumour_monitor_poll_seconds_count") == 2
    assert _value(metrics, "rumour_monitor_matches_total", kind="review") == 1
    assert _value(metrics, "rumour_monitor_status_changes_total", status="confirmed", actor="rules") == 1
    assert _value(metrics, "rumour_monitor_webhook_attempts_total") == 3
    assert _value(metrics, "rumour_monitor_webhook_failures_total") == 2
    assert _value(metrics, "rumour_monitor_webhook_dead_total") == 1
    # Channels are counted apart from webhooks, with the same outcomes.
    assert _value(metrics, "rumour_monitor_notify_attempts_total") == 3
    assert _value(metrics, "rumour_monitor_notify_deliveries_total") == 1
    assert _value(metrics, "rumour_monitor_notify_failures_total") == 2
    assert _value(metrics, "rumour_monitor_notify_dead_total") == 1
    assert _value(metrics, "rumour_monitor_commit_to_delivered_seconds_count") == 1
    assert _value(metrics, "rumour_monitor_parser_restarts_total") == 1
    assert _value(metrics, "rumour_monitor_database_errors_total", event="feed.store_failed") == 1
    # The log itself still shows warnings and errors only.
    shown = [json.loads(line)["event"] for line in out.getvalue().splitlines()]
    assert shown == ["webhook.failed", "webhook.failed", "notify.failed", "notify.failed",
                     "parser.restarted", "feed.store_failed"]


def test_every_web_asset_ships_in_the_package() -> None:
    """Templates and the stylesheet are package data: an installed (non-editable) copy has them."""
    import fnmatch
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["monitor"]
    assets = [p.relative_to(root / "monitor").as_posix()
              for folder in ("web/templates", "web/static") for p in (root / "monitor" / folder).iterdir()]
    assert any(a.endswith(".html") for a in assets) and "web/static/style.css" in assets
    for asset in assets:
        assert any(fnmatch.fnmatch(asset, pattern) for pattern in patterns), asset
