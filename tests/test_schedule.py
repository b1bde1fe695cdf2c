"""schedule: next poll time, adapted interval, backoff and feed events (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.ingest.schedule import Outcome, cache_max_age, item_spacing, plan_next
from monitor.model import FeedRow

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def feed(**kw: object) -> FeedRow:
    values: dict[str, object] = dict(
        id=1,
        url="https://ex.com/rss",
        config_url="https://ex.com/rss",
        source=None,
        interval=900.0,
        min_interval=300.0,
        max_interval=86400.0,
    )
    values.update(kw)
    return FeedRow(**values)  # type: ignore[arg-type]


def plan(f: FeedRow, o: Outcome, rnd: float = 0.5, jitter: float = 0.1):
    return plan_next(f, o, NOW, jitter=jitter, failing_after=5, rnd=rnd)


def delay(p) -> float:
    return (p.next_poll_at - NOW).total_seconds()


def test_success_uses_configured_interval_with_jitter() -> None:
    assert delay(plan(feed(), Outcome(True))) == 900
    assert delay(plan(feed(), Outcome(True), rnd=0.0)) == 810
    assert delay(plan(feed(), Outcome(True), rnd=0.999999)) < 990


def test_adapts_to_item_rhythm_within_bounds() -> None:
    slow = plan(feed(), Outcome(True, item_spacing=3 * 3600))
    fast = plan(feed(), Outcome(True, item_spacing=60))
    assert slow.current_interval == 3600  # at most 4x the configured interval
    assert fast.current_interval == 300  # never below min_interval


def test_ttl_and_max_age_are_floors_but_max_wins() -> None:
    assert plan(feed(), Outcome(True, ttl=3600)).current_interval == 3600
    assert plan(feed(), Outcome(True, max_age=1800)).current_interval == 1800
    assert plan(feed(max_interval=7200), Outcome(True, ttl=999_999)).current_interval == 7200


def test_backoff_doubles_up_to_max_and_keeps_retrying() -> None:
    f = feed(max_interval=7200)
    delays = []
    for _ in range(8):
        p = plan(f, Outcome(False, error="timeout"))
        delays.append(delay(p))
        f = FeedRow(
            **{
                **{s: getattr(f, s) for s in f.__slots__},
                "error_count": p.error_count,
                "failing": p.failing,
            }
        )
    assert delays[:4] == [900, 1800, 3600, 7200]
    assert delays[-1] == 7200  # stays at max_interval: never dropped


def test_failing_event_once_then_recovered() -> None:
    f = feed(error_count=3)
    p4 = plan(f, Outcome(False, error="500"))
    assert not p4.failing and [e.event for e in p4.events] == ["feed.error"]
    p5 = plan(feed(error_count=4), Outcome(False, error="500"))
    assert p5.failing and "feed.failing" in [e.event for e in p5.events]
    p6 = plan(feed(error_count=5, failing=True), Outcome(False, error="500"))
    assert "feed.failing" not in [e.event for e in p6.events]
    ok = plan(feed(error_count=6, failing=True), Outcome(True))
    assert not ok.failing and ok.error_count == 0
    assert [e.event for e in ok.events] == ["feed.recovered"]


def test_retry_after_is_honoured_and_clamped() -> None:
    assert delay(plan(feed(), Outcome(False, error="429", retry_after=7200))) == 7200
    assert delay(plan(feed(), Outcome(False, error="429", retry_after=10 * 86400))) == 86400


def test_gone_disables_and_moved_is_logged() -> None:
    gone = plan(feed(), Outcome(False, error="410 Gone", gone=True))
    assert [e.event for e in gone.events] == ["feed.disabled"]
    moved = plan(feed(), Outcome(True, moved_to="https://new.example/rss"))
    assert moved.events[0].event == "feed.moved"
    assert moved.events[0].fields["new_url"] == "https://new.example/rss"


def test_item_spacing() -> None:
    dates = [NOW - timedelta(hours=h) for h in (1, 2, 3, 4)]
    assert item_spacing(dates, NOW) == 3600
    assert item_spacing([NOW, None], NOW) is None
    assert item_spacing([NOW + timedelta(days=1)] * 5, NOW) is None


def test_cache_max_age() -> None:
    assert cache_max_age({"cache-control": "public, max-age=600"}) == 600
    assert cache_max_age({"cache-control": "no-cache, max-age=600"}) is None
    assert cache_max_age({}) is None
