"""The poll cycle against a real local server that records the request headers it receives."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from helpers.feedserver import (
    FeedServer,
    Reply,
    feed_row,
    loaded_settings,
    next_row,
    poll_once,
    rss,
)

from monitor.ingest.poller import Poller
from monitor.model import PolledFeed

LOADED = loaded_settings()
LM1 = "Wed, 01 May 2024 10:00:00 GMT"
LM2 = "Thu, 02 May 2024 10:00:00 GMT"


def poll1(feed) -> PolledFeed:  # type: ignore[no-untyped-def]
    (polled,) = poll_once(LOADED, [feed])
    return polled


def events(polled: PolledFeed) -> list[str]:
    return [e.event for e in polled.update.events if e.event != "feed.polled"]


def test_conditional_get_cycle(feed_server: FeedServer) -> None:
    url = feed_server.route(
        "/f",
        [
            Reply(body=rss("a", "b"), headers={"ETag": '"v1"', "Last-Modified": LM1}),
            Reply(status=304, headers={"Last-Modified": LM2}),  # a 304 may renew Last-Modified
            Reply(body=rss("a", "b", "c"), headers={"ETag": '"v2"'}),  # no Last-Modified now
        ],
    )
    first = poll1(feed_row(url))
    assert first.update.succeeded and first.update.last_status == "200 OK, 2 items"
    assert (first.update.etag, first.update.last_modified) == ('"v1"', LM1)
    assert [i.title for i in first.items] == ["a", "b"]
    assert first.update.body_hash is not None and len(first.update.body_hash) == 64

    second = poll1(next_row(first))
    req = feed_server.requests_for("/f")[1].headers
    assert (req["if-none-match"], req["if-modified-since"]) == ('"v1"', LM1)
    assert second.update.succeeded and second.update.last_status == "304 Not Modified"
    assert second.items == ()
    assert (second.update.etag, second.update.last_modified) == ('"v1"', LM2)

    third = poll1(next_row(second))
    assert feed_server.requests_for("/f")[2].headers["if-modified-since"] == LM2
    assert (third.update.etag, third.update.last_modified) == ('"v2"', None)
    assert len(third.items) == 3


def test_unchanged_body_without_validators_is_not_parsed_again(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", body=rss("a"))
    first = poll1(feed_row(url))
    second = poll1(next_row(first))
    assert len(first.items) == 1
    assert second.items == () and second.update.succeeded
    assert second.update.last_status == "200 OK, unchanged since last poll"
    assert second.update.body_hash == first.update.body_hash


def test_permanent_redirect_moves_the_feed(feed_server: FeedServer) -> None:
    new = feed_server.route("/new.xml", body=rss("a"))
    old = feed_server.redirect("/old.xml", "/new.xml", status=301)
    polled = poll1(feed_row(old))
    assert polled.update.url == new and polled.update.succeeded
    moved = [e for e in polled.update.events if e.event == "feed.moved"]
    assert moved and moved[0].fields["new_url"] == new
    again = poll1(next_row(polled))
    assert feed_server.requests_for("/old.xml").__len__() == 1  # the next poll goes to the new URL
    assert again.update.url == new


def test_temporary_redirect_keeps_the_url(feed_server: FeedServer) -> None:
    feed_server.route("/new.xml", body=rss("a"))
    old = feed_server.redirect("/old.xml", "/new.xml", status=307)
    polled = poll1(feed_row(old))
    assert polled.update.url == old and len(polled.items) == 1
    assert "feed.moved" not in events(polled)


def test_gone_disables_with_a_reason(feed_server: FeedServer) -> None:
    polled = poll1(feed_row(feed_server.route("/f", status=410)))
    assert not polled.update.succeeded
    assert (
        polled.update.disabled_reason == "410 Gone: the server says this feed was removed for good"
    )
    assert events(polled) == ["feed.disabled"]


def test_retry_after_sets_next_poll(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", status=429, headers={"Retry-After": "7200"})
    before = datetime.now(UTC)
    polled = poll1(feed_row(url))
    wait = (polled.update.next_poll_at - before).total_seconds()
    assert 7200 <= wait < 7210
    assert polled.update.last_error == "429 Too Many Requests; asked to retry after 7200 s"
    assert polled.update.error_count == 1


def test_backoff_failing_and_recovery(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", status=500)
    row = feed_row(url, max_interval=3600.0)
    waits, seen_events = [], []
    for _ in range(6):
        before = datetime.now(UTC)
        polled = poll1(row)
        waits.append((polled.update.next_poll_at - before).total_seconds())
        seen_events.append(events(polled))
        row = next_row(polled)
    # 900 s doubling (+-10% jitter) up to the 3600 s maximum, where it keeps being retried.
    for wait, base in zip(waits, [900, 1800, 3600, 3600, 3600, 3600], strict=True):
        assert base * 0.9 - 1 <= wait <= min(base * 1.1, 3600) + 1
    assert row.error_count == 6 and row.failing
    assert [e for evs in seen_events for e in evs if e != "feed.error"] == ["feed.failing"]
    assert seen_events[4] == ["feed.error", "feed.failing"]  # after 5 failures (the default)
    assert polled.update.last_error == "server answered 500 Internal Server Error"

    feed_server.route("/f", body=rss("back"))
    ok = poll1(row)
    assert ok.update.succeeded and not ok.update.failing and ok.update.error_count == 0
    assert events(ok) == ["feed.recovered"] and len(ok.items) == 1


def test_one_bad_feed_does_not_stop_the_others(feed_server: FeedServer) -> None:
    feeds = [
        feed_row(feed_server.route("/good1", body=rss("g1")), id=1),
        feed_row("http://127.0.0.1:9/nothing-listens", id=2),
        feed_row(feed_server.route("/broken", body=b"<html><body>oops</body></html>"), id=3),
        feed_row("not even a url", id=4),
        feed_row(feed_server.route("/good2", body=rss("g2")), id=5),
    ]
    results = {p.feed.id: p for p in poll_once(LOADED, feeds)}
    assert sorted(results) == [1, 2, 3, 4, 5]
    assert [i.title for i in results[1].items] == ["g1"]
    assert [i.title for i in results[5].items] == ["g2"]
    assert (results[2].update.last_error or "").startswith("cannot connect")
    assert results[3].update.last_error == "not a feed: the URL returned an HTML page"
    assert results[4].update.last_error == (
        "invalid URL 'not even a url': not an absolute http:// or https:// URL"
    )
    for bad in (2, 3, 4):
        feed_event = [e for e in results[bad].update.events if e.event == "feed.error"]
        assert feed_event and feed_event[0].fields["url"] == results[bad].feed.url


def test_results_stream_as_each_feed_completes(feed_server: FeedServer) -> None:
    slow = feed_server.route("/slow", body=rss("slow"), delay=1.0)
    fast = feed_server.route("/fast", body=rss("fast"))

    async def go() -> list[str]:
        order = []
        async with Poller(LOADED) as poller:
            async for polled in poller.poll([feed_row(slow, id=1), feed_row(fast, id=2)]):
                order.append(polled.items[0].title)
        return order

    assert asyncio.run(go()) == ["fast", "slow"]


def test_parse_error_forgets_validators_so_the_next_poll_reparses(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", body=b"{}", headers={"ETag": '"x"'})
    polled = poll1(feed_row(url))
    assert not polled.update.succeeded
    assert polled.update.last_status == '200 OK, not a feed: JSON without a JSON Feed "version"'
    assert (polled.update.etag, polled.update.body_hash) == (None, None)


def test_parse_workers_judge_items_as_the_service_would(feed_server: FeedServer) -> None:
    """Matching and stance run in the parse workers; the service's Judge finds the same."""
    from pathlib import Path

    from monitor.judge.provenance import FeedOrigin
    from monitor.judge.service import Judge
    from monitor.model import NewItem
    from monitor.settings import LoadedSettings, parse_settings

    data = {
        "network": {"allow_private": True},
        # On words alone: with semantic matching on, workers leave some items to the service
        # (tests/test_semantic.py).
        "matching": {"semantic": False},
        "claims": [
            {"id": "banksy", "text": "Banksy was arrested in London"},
            {"id": "apple", "text": "Apple will buy Tesla", "official_sources": ["apple.com"]},
        ],
    }
    loaded = LoadedSettings(parse_settings(data, "test.toml"), Path("test.toml").resolve())
    titles = ("Police deny Banksy was arrested in London", "Was Banksy arrested?",
              "Apple to buy Tesla, reports say", "Weather: sunny", "Banksy arrested in London")
    url = feed_server.route("/f", body=rss(*titles))
    (polled,) = poll_once(loaded, [feed_row(url)])
    judge = Judge.from_settings(loaded)
    assert polled.judged is not None and polled.judge_key == judge.key
    assert len(polled.judged) == len(polled.items) == len(titles)
    new = [NewItem(i, it, it.dedup_key) for i, it in enumerate(polled.items)]
    by_key = {it.dedup_key: j for it, j in zip(polled.items, polled.judged, strict=True)}
    from_workers = judge.assess(new, FeedOrigin(url), by_key)
    here = judge.assess(new, FeedOrigin(url))

    def same(d):  # type: ignore[no-untyped-def]
        # Terms of equal weight come in set order, which differs between processes (hash seed).
        return (d.claim_id, d.item_id, d.kind, d.score, d.stance, d.stance_confidence, d.cues,
                sorted(d.matched_terms), d.source_tier)

    assert [same(d) for d in from_workers] == [same(d) for d in here]
    assert {d.claim_id for d in here} == {"banksy", "apple"}
    # Another configuration (claims or thresholds) has another key: its results are not used.
    other = LoadedSettings(
        parse_settings({**data, "matching": {"semantic": False, "match_threshold": 50}}, "test.toml"),
        Path("test.toml").resolve(),
    )
    assert Judge.from_settings(other).key != judge.key


def test_workers_judge_only_items_not_in_the_previous_body(feed_server: FeedServer) -> None:
    from pathlib import Path

    from monitor.judge.service import WorkerJudgeSpec
    from monitor.settings import LoadedSettings, parse_settings

    data = {"network": {"allow_private": True}, "matching": {"semantic": False},
            "claims": [{"id": "banksy", "text": "Banksy was arrested in London"}]}
    loaded = LoadedSettings(parse_settings(data, "test.toml"), Path("test.toml").resolve())
    url = feed_server.route("/f", [Reply(body=rss("Banksy arrested in London")),
                                   Reply(body=rss("Banksy arrested in London", "Was Banksy arrested?"))])

    async def go() -> list[PolledFeed]:
        out = []
        async with Poller(loaded, judge=WorkerJudgeSpec.from_settings(loaded)) as p:
            feed = feed_row(url)
            for _ in range(2):
                async for polled in p.poll([feed]):
                    out.append(polled)
                    feed = next_row(polled)
        return out

    first, second = asyncio.run(go())
    assert first.judged is not None and [j is None for j in first.judged] == [False]
    assert second.judged is not None and len(second.items) == 2
    # The item already in the first body is left to the service (which skips it as stored).
    by_title = {it.title: j for it, j in zip(second.items, second.judged, strict=True)}
    assert by_title["Banksy arrested in London"] is None
    assert by_title["Was Banksy arrested?"] is not None


class _SlowConsumer:
    """An ``on_result`` that stays busy (as the service's writer is when the sentence model reads
    its headlines) until it has seen ``hold`` busy checks after its first result."""

    def __init__(self, server: FeedServer, hold: int) -> None:
        self.server = server
        self.hold = hold
        self.got: list[PolledFeed] = []
        self.served_while_busy = 0

    def __call__(self, polled: PolledFeed) -> None:
        self.got.append(polled)

    def busy(self) -> bool:
        if len(self.got) != 1 or self.hold <= 0:
            return False
        self.hold -= 1
        self.served_while_busy = max(self.served_while_busy, len(self.server.requests))
        return True


def test_a_busy_consumer_holds_fetching_back(feed_server: FeedServer) -> None:
    """While the consumer of the results is busy, at most the poller's slots (max_connections
    + 2 per parse worker) of feeds are fetched ahead of it: their items wait in a bounded line,
    not the whole cycle's. All feeds are still polled once it catches up."""
    from monitor.ingest.poller import poll_feeds

    loaded = loaded_settings(
        network={"max_connections": 2, "per_host_connections": 2}, polling={"parse_workers": 1}
    )
    slots = 2 + 2 * 1
    rows = [feed_row(feed_server.route(f"/f{n}", body=rss(f"story {n}")), id=n) for n in range(24)]
    consumer = _SlowConsumer(feed_server, hold=200)  # 200 checks of 5 ms: 1 s to fetch ahead
    poll_feeds(loaded, rows, consumer)
    # The first result, the ones its slot holds back, and nothing more until it was taken.
    assert 0 < consumer.served_while_busy <= 1 + slots
    assert sorted(p.feed.id for p in consumer.got) == list(range(24))


def test_the_writers_line_holds_fetching_back_only_while_the_writer_runs() -> None:
    """The service's line to its writer is busy from 32 feeds with items (polls without items
    do not count), and only while the writer thread runs: one that died of an unexpected error
    must not hold the cycle for ever (it then ends and releases the feeds it did not store)."""
    import threading
    from datetime import UTC, datetime

    from monitor.model import FeedUpdate, Item
    from monitor.service import _BACKLOG_FEEDS, _Backlog

    now = datetime.now(UTC)
    update = FeedUpdate("u", None, None, None, now, True, "200 OK", now, None, 0, None, False)
    with_items = PolledFeed(feed_row("u"), update, items=(Item("t", "", "https://a.example/", "a"),))
    without = PolledFeed(feed_row("u"), update)
    line = _Backlog()
    release = threading.Event()
    line.writer = threading.Thread(target=release.wait)
    line.writer.start()
    for _ in range(_BACKLOG_FEEDS - 1):
        line(with_items)
    for _ in range(100):
        line(without)
    assert not line.busy()
    line(with_items)
    assert line.busy()
    assert line.take() is with_items and not line.busy()  # the writer took one
    line(with_items)
    assert line.busy()
    release.set()
    line.writer.join()
    assert not line.busy()  # the writer is gone: nothing to wait for
