"""Decisive feeds first: a feed that can decide an open claim is polled at [polling]
decisive_interval while the claim is open, and goes back to its own interval once it is resolved.

The decision and the schedule are pure (checked with plain values first); then the real CLI poll
cycle and the real daemon against the local feed server: when the fast schedule starts and stops,
what it costs when nothing changed (one conditional request answered 304 per interval), and that
Retry-After, 429/503 backoff, per-host limits and a longer ttl still win.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from helpers.cli import cli, cli_json, write_config
from helpers.daemon import Daemon
from helpers.feedserver import FeedServer, Reply, Request, feed_row, rss
from helpers.wait import wait_until
from helpers.web import web_server

from monitor.ingest.decisive import ClaimStatus, FeedSeen, decisive_feeds
from monitor.ingest.schedule import Outcome, plan_next
from monitor.model import Claim

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
XIAOMI = Claim("xiaomi-baic", "Xiaomi buys BAIC", official_sources=("mi.com",))
NORDWIND = Claim("nordwind", "Nordwind opens a plant", official_sources=("https://nordwind.example/press/",))


# ---- which feeds are decisive (pure) ----------------------------------------------------------


def test_official_and_trusted_feeds_are_decisive_for_open_claims_only() -> None:
    feeds = [
        FeedSeen(1, "https://newsroom.mi.com/rss"),  # on the official domain
        FeedSeen(2, "https://cdn.example.net/x.xml", source="mi.com"),  # declared source
        FeedSeen(3, "https://uk.reuters.com/rss"),  # a trusted outlet
        FeedSeen(4, "https://news.google.com/rss/search?q=xiaomi", aggregator=True),
        FeedSeen(5, "https://blog.example.org/feed"),  # neither
        FeedSeen(6, "https://nordwind.example/press/feed.xml"),  # under an official URL
        FeedSeen(7, "https://mi.com.evil.example/rss"),  # only looks like it
    ]
    trusted = ["reuters.com"]
    open_both = decisive_feeds(feeds, [XIAOMI, NORDWIND], {}, trusted)
    assert sorted(open_both) == [1, 2, 3, 6]
    assert open_both[1] == "decisive for claim xiaomi-baic (official feed: newsroom.mi.com is on the official mi.com)"
    assert open_both[2] == "decisive for claim xiaomi-baic (declared feed source mi.com is the official mi.com)"
    assert open_both[3] == "decisive for claims xiaomi-baic, nordwind (trusted outlet reuters.com)"
    assert "nordwind" in open_both[6] and "xiaomi" not in open_both[6]

    resolved = {"xiaomi-baic": ClaimStatus("confirmed")}
    after = decisive_feeds(feeds, [XIAOMI, NORDWIND], resolved, trusted)
    assert sorted(after) == [3, 6]  # the newsroom is back to normal; reuters still for nordwind
    assert after[3] == "decisive for claim nordwind (trusted outlet reuters.com)"
    disputed_and_pinned = {"xiaomi-baic": ClaimStatus("disputed"), "nordwind": ClaimStatus("unverified", pinned=True)}
    assert sorted(decisive_feeds(feeds, [XIAOMI, NORDWIND], disputed_and_pinned, trusted)) == [1, 2, 3]
    all_done = {"xiaomi-baic": ClaimStatus("denied"), "nordwind": ClaimStatus("confirmed")}
    assert decisive_feeds(feeds, [XIAOMI, NORDWIND], all_done, trusted) == {}


# ---- when a decisive feed is polled next (pure) -------------------------------------------------


def _delay(row: Any, outcome: Outcome, overrides: bool = False) -> float:
    plan = plan_next(row, outcome, NOW, jitter=0.0, failing_after=5, rnd=0.5, decisive_overrides_ttl=overrides)
    return (plan.next_poll_at - NOW).total_seconds()


def test_decisive_interval_sooner_than_the_feeds_own_but_ttl_and_retry_after_win() -> None:
    normal = feed_row("https://newsroom.mi.com/rss")
    fast = feed_row("https://newsroom.mi.com/rss", decisive_interval=120.0, decisive_reason="decisive for claim x")
    ok = Outcome(succeeded=True)
    assert _delay(normal, ok) == 900
    assert _delay(fast, ok) == 120  # below the global min_interval (300 s): the point of it
    # A slower feed's own rhythm (4x) does not slow a decisive feed down.
    assert _delay(fast, Outcome(succeeded=True, item_spacing=3600)) == 120
    # The publisher's ttl / max-age longer than the decisive interval is honoured ...
    assert _delay(fast, Outcome(succeeded=True, ttl=600)) == 600
    assert _delay(fast, Outcome(succeeded=True, max_age=300)) == 300
    # ... unless the operator overrides it for the decisive schedule.
    assert _delay(fast, Outcome(succeeded=True, ttl=600), overrides=True) == 120
    # Retry-After is honoured, sooner or later than the decisive interval.
    assert _delay(fast, Outcome(succeeded=False, error="503", retry_after=1800, throttled=True)) == 1800
    assert _delay(fast, Outcome(succeeded=False, error="503", retry_after=4, throttled=True)) == 120
    # 429/503 without Retry-After: backed off from the feed's own interval (asked for fewer polls).
    assert _delay(fast, Outcome(succeeded=False, error="429 Too Many Requests", throttled=True)) == 900
    # A transient error backs off from the decisive interval, doubling.
    assert _delay(fast, Outcome(succeeded=False, error="timeout")) == 120
    twice = feed_row("https://newsroom.mi.com/rss", decisive_interval=120.0, error_count=1)
    assert _delay(twice, Outcome(succeeded=False, error="timeout")) == 240


# ---- through the real CLI poll cycle -------------------------------------------------------------


def _cli_config(server: FeedServer, extra: str = "", claims: str | None = None,
                db: str = "sqlite:///data/monitor.db") -> str:
    claim = claims if claims is not None else (
        '[[claims]]\nid = "xiaomi-baic"\ntext = "Xiaomi acquires BAIC"\nofficial_sources = ["mi.com"]\n'
    )
    return f"""
[database]
url = "{db}"
[network]
allow_private = true
resolve = {{ "newsroom.mi.com" = "127.0.0.1" }}
[sources]
trusted = ["reuters.com"]
[logging]
format = "json"
[matching]
semantic = false
[polling]
decisive_interval = "2m"
jitter = 0
{extra}
[[feeds]]
url = "{server.url('/official.xml', host='newsroom.mi.com')}"
[[feeds]]
url = "{server.url('/declared.xml')}"
source = "mi.com"
[[feeds]]
url = "{server.url('/reuters.xml')}"
source = "reuters.com"
[[feeds]]
url = "{server.url('/blog.xml')}"
source = "blog.example.org"
{claim}"""


def _schedule(config: Path) -> dict[str, dict[str, Any]]:
    """Each feed's path -> (seconds from its last poll to its next, why it is decisive)."""
    out = {}
    for f in cli_json(config, "feeds"):
        last, nxt = datetime.fromisoformat(f["last_poll"]), datetime.fromisoformat(f["next_poll"])
        out[f["url"].rsplit("/", 1)[1]] = {"in": (nxt - last).total_seconds(), "why": f["decisive"]}
    return out


def test_fast_schedule_starts_when_a_claim_opens_and_stops_when_it_resolves(
    feed_server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    """Through the real CLI, on SQLite and on PostgreSQL (the store's claim statuses, schedule
    rows and pull-forward)."""
    for name in ("official", "declared", "reuters", "blog"):
        feed_server.route(f"/{name}.xml", body=rss(f"{name} quarterly report"), headers={"ETag": f'"{name}"'})
    config = write_config(tmp_path / "monitor.toml", _cli_config(feed_server, db=db_url))
    cli(config, "poll")
    s = _schedule(config)
    assert s["official.xml"] == {
        "in": 120.0, "why": "decisive for claim xiaomi-baic (official feed: newsroom.mi.com is on the official mi.com)"
    }
    assert s["declared.xml"] == {
        "in": 120.0, "why": "decisive for claim xiaomi-baic (declared feed source mi.com is the official mi.com)"
    }
    assert s["reuters.xml"] == {"in": 120.0, "why": "decisive for claim xiaomi-baic (trusted outlet reuters.com)"}
    assert s["blog.xml"] == {"in": 900.0, "why": None}
    shown = cli(config, "feeds").stdout
    assert "fast schedule: decisive for claim xiaomi-baic (official feed: newsroom.mi.com" in shown
    with web_server(config) as base, httpx.Client(base_url=base) as http:
        assert http.get("/api/feeds").json() == cli_json(config, "feeds")
        assert "fast schedule: decisive for claim xiaomi-baic (trusted outlet reuters.com)" in http.get("/feeds").text

    # Resolved (here by a person): nobody is decisive; each feed's next poll is at its own interval.
    cli(config, "claims", "set-status", "xiaomi-baic", "confirmed", "--reason", "announced on stage")
    assert all(f["decisive"] is None for f in cli_json(config, "feeds"))
    cli(config, "poll", "--all")
    assert {k: v["in"] for k, v in _schedule(config).items()} == {
        "official.xml": 900.0, "declared.xml": 900.0, "reuters.xml": 900.0, "blog.xml": 900.0
    }

    # A new claim opens (the configuration reloads): the newsroom's next poll moves from 15 min
    # to 2 min after its last poll, at the next cycle, before any feed is polled.
    requests_before = len(feed_server.requests)
    write_config(config, _cli_config(feed_server, db=db_url, claims=(
        '[[claims]]\nid = "xiaomi-baic"\ntext = "Xiaomi acquires BAIC"\nofficial_sources = ["mi.com"]\n'
        '[[claims]]\nid = "xiaomi-car"\ntext = "Xiaomi launches a third car"\nofficial_sources = ["mi.com"]\n'
    )))
    cli(config, "poll")
    assert len(feed_server.requests) == requests_before  # nothing was due: no request made
    s = _schedule(config)
    assert s["official.xml"] == {
        "in": 120.0, "why": "decisive for claim xiaomi-car (official feed: newsroom.mi.com is on the official mi.com)"
    }
    assert s["blog.xml"]["in"] == 900.0 and s["blog.xml"]["why"] is None


def test_a_feeds_own_min_interval_bounds_the_fast_schedule(feed_server: FeedServer, tmp_path: Path) -> None:
    """The operator's per-feed min_interval is a floor for the fast schedule, also when a claim
    opening brings the feed forward."""
    for name in ("official", "declared", "reuters", "blog"):
        feed_server.route(f"/{name}.xml", body=rss(f"{name} news"), headers={"ETag": '"v"'})

    def config_text(claims: str | None = None) -> str:
        text = _cli_config(feed_server, claims=claims)
        return text.replace('source = "mi.com"\n', 'source = "mi.com"\nmin_interval = "10m"\n', 1)

    config = write_config(tmp_path / "monitor.toml", config_text())
    cli(config, "poll")
    assert _schedule(config)["declared.xml"]["in"] == 600.0
    assert _schedule(config)["official.xml"]["in"] == 120.0
    cli(config, "claims", "set-status", "xiaomi-baic", "confirmed", "--reason", "announced")
    cli(config, "poll", "--all")
    assert _schedule(config)["declared.xml"]["in"] == 900.0
    write_config(config, config_text(claims=(
        '[[claims]]\nid = "xiaomi-baic"\ntext = "Xiaomi acquires BAIC"\nofficial_sources = ["mi.com"]\n'
        '[[claims]]\nid = "xiaomi-car"\ntext = "Xiaomi launches a third car"\nofficial_sources = ["mi.com"]\n'
    )))
    cli(config, "poll")  # nothing due: the new claim only brings the feeds forward
    s = _schedule(config)
    assert s["declared.xml"]["in"] == 600.0 and s["official.xml"]["in"] == 120.0


def test_a_longer_ttl_is_honoured_unless_overridden(feed_server: FeedServer, tmp_path: Path) -> None:
    for name in ("official", "declared", "reuters", "blog"):
        feed_server.route(f"/{name}.xml", body=rss(f"{name} news", ttl=10), headers={"ETag": '"v"'})
    config = write_config(tmp_path / "monitor.toml", _cli_config(feed_server))
    cli(config, "poll")
    assert _schedule(config)["official.xml"]["in"] == 600.0  # <ttl>10</ttl>: 10 minutes
    write_config(config, _cli_config(feed_server, extra="decisive_overrides_ttl = true"))
    cli(config, "poll", "--all")
    assert _schedule(config)["official.xml"]["in"] == 120.0
    assert _schedule(config)["blog.xml"]["in"] == 900.0


def test_decisive_scheduling_can_be_switched_off(feed_server: FeedServer, tmp_path: Path) -> None:
    for name in ("official", "declared", "reuters", "blog"):
        feed_server.route(f"/{name}.xml", body=rss(f"{name} news"))
    config = write_config(tmp_path / "monitor.toml", _cli_config(feed_server, extra="decisive = false"))
    cli(config, "poll")
    assert {v["in"] for v in _schedule(config).values()} == {900.0}
    assert all(f["decisive"] is None for f in cli_json(config, "feeds"))


# ---- through the real daemon ---------------------------------------------------------------------


def _daemon_config(server: FeedServer, feeds: str, extra: str = "") -> str:
    return f"""
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
{extra}
[logging]
format = "json"
[matching]
semantic = false
[polling]
interval = 60
min_interval = 30
decisive_interval = 1
jitter = 0
[daemon]
poll_check = 0.2
heartbeat = 0.5
reload_check = 0.5
grace_period = 10
[[claims]]
id = "nordwind-bremen"
text = "Nordwind Energy opens a hydrogen plant in Bremen"
official_sources = ["nordwind-energy.com"]
{feeds}
"""


def _conditional(etag: str, body: bytes) -> Any:
    """A newsroom that answers 304 to a request that has its ETag, else 200 with ``body``."""

    def answer(req: Request) -> Reply:
        if req.headers.get("if-none-match") == etag:
            return Reply(status=304, headers={"ETag": etag})
        return Reply(body=body, headers={"ETag": etag})

    return answer


def test_unchanged_newsroom_costs_one_304_per_interval_until_the_claim_resolves(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    newsroom: dict[str, Any] = {"route": _conditional('"v1"', rss("Nordwind Energy quarterly results"))}
    feed_server.route("/newsroom.xml", lambda req: newsroom["route"](req))
    feed_server.route("/blog.xml", body=rss("Weather in Bremen"), headers={"ETag": '"b"'})
    feeds = (
        f'[[feeds]]\nurl = "{feed_server.url("/newsroom.xml")}"\nsource = "nordwind-energy.com"\n'
        f'[[feeds]]\nurl = "{feed_server.url("/blog.xml")}"\nsource = "blog.example.org"\n'
    )
    config = write_config(tmp_path / "monitor.toml", _daemon_config(feed_server, feeds))
    daemon = Daemon(config)
    try:
        wait_until(lambda: feed_server.requests_for("/newsroom.xml"), 60, "the first poll")
        time.sleep(6)
        polls = feed_server.requests_for("/newsroom.xml")
        gaps = [b.at - a.at for a, b in zip(polls, polls[1:], strict=False)]
        # About one request a second (decisive_interval = 1 s), never faster.
        assert 4 <= len(polls) - 1 <= 8, gaps
        assert min(gaps) >= 0.9, gaps
        # Every poll after the first was conditional and cost a 304, nothing more.
        assert all(r.headers.get("if-none-match") == '"v1"' for r in polls[1:])
        assert len(feed_server.requests_for("/blog.xml")) == 1  # its own 60 s interval
        decisive = [e for e in daemon.events("feed.polled") if e.get("decisive")]
        assert decisive and "decisive for claim nordwind-bremen" in decisive[0]["decisive"]

        # The newsroom announces it: the claim is confirmed; the feed returns to its 60 s rhythm.
        newsroom["route"] = _conditional('"v2"', rss(
            "Nordwind Energy quarterly results", "Nordwind Energy opens its hydrogen plant in Bremen"
        ))
        wait_until(lambda: cli_json(config, "status")[0]["status"] == "confirmed", 30, "the confirmation")
        settled = len(feed_server.requests_for("/newsroom.xml"))
        time.sleep(4)
        # At most the poll already planned at the fast rhythm; then 60 s.
        assert len(feed_server.requests_for("/newsroom.xml")) - settled <= 1
        (back,) = daemon.events("feed.not_decisive")
        assert back["detail"] == ("every claim it could decide is settled (nordwind-bremen confirmed): "
                                  "back to its own interval after its next poll")
    finally:
        assert daemon.stop() == 0


def test_retry_after_backoff_and_per_host_limits_win_over_the_fast_schedule(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    in_flight = {"now": 0, "max": 0}
    lock = threading.Lock()

    def tracked(req: Request) -> Reply:
        with lock:
            in_flight["now"] += 1
            in_flight["max"] = max(in_flight["max"], in_flight["now"])
        time.sleep(0.3)
        with lock:
            in_flight["now"] -= 1
        return Reply(status=304) if req.headers.get("if-none-match") else Reply(body=rss("x"), headers={"ETag": '"x"'})

    feed_server.route("/retry.xml", [Reply(status=503, headers={"Retry-After": "4"}), Reply(body=rss("a"))])
    feed_server.route("/throttled.xml", status=429)
    for name in ("a", "b", "c"):
        feed_server.route(f"/{name}.xml", tracked)
    feeds = "".join(
        f'[[feeds]]\nurl = "{feed_server.url(f"/{name}.xml")}"\nsource = "nordwind-energy.com"\n'
        for name in ("retry", "throttled", "a", "b", "c")
    )
    config = write_config(
        tmp_path / "monitor.toml", _daemon_config(feed_server, feeds, extra="per_host_connections = 1")
    )
    daemon = Daemon(config)
    try:
        wait_until(lambda: feed_server.requests_for("/throttled.xml"), 60, "the first poll")
        time.sleep(7)
        retry = feed_server.requests_for("/retry.xml")
        assert len(retry) >= 2 and retry[1].at - retry[0].at >= 3.9  # Retry-After: 4 beat the 1 s
        # 429 without Retry-After: backed off from the feed's own 60 s interval, not retried at 1 s.
        assert len(feed_server.requests_for("/throttled.xml")) == 1
        # One connection to the host at a time, however many decisive feeds it has.
        assert in_flight["max"] == 1
        assert len(feed_server.requests_for("/a.xml")) >= 3  # and still polled on the fast schedule
    finally:
        assert daemon.stop() == 0


def test_why_a_feed_is_no_longer_decisive() -> None:
    from monitor.ingest.decisive import not_decisive_reason

    newsroom = FeedSeen(1, "https://newsroom.mi.com/rss", "mi.com")
    car = Claim("xiaomi-car", "Xiaomi launches a car", official_sources=("mi.com",))
    statuses = {"xiaomi-baic": ClaimStatus("confirmed"), "xiaomi-car": ClaimStatus("unverified", pinned=True)}
    assert not_decisive_reason(newsroom, [XIAOMI, car, NORDWIND], statuses, []) == (
        "every claim it could decide is settled (xiaomi-baic confirmed, xiaomi-car pinned unverified by hand)"
    )
    assert not_decisive_reason(newsroom, [NORDWIND], {}, []).startswith("no configured claim can be decided")
    assert not_decisive_reason(None, [XIAOMI], statuses, []).startswith("the feed is no longer polled")
    assert not_decisive_reason(newsroom, [XIAOMI], statuses, [], enabled=False) == (
        "decisive scheduling is off ([polling] decisive = false)"
    )
    # A trusted outlet's feed could decide any claim.
    reuters = FeedSeen(2, "https://feeds.reuters.com/x", "reuters.com")
    assert not_decisive_reason(reuters, [NORDWIND], {"nordwind": ClaimStatus("denied")}, ["reuters.com"]) == (
        "every claim it could decide is settled (nordwind denied)"
    )


def test_feed_sooner_poll_is_never_later_than_planned() -> None:
    from monitor.ingest.decisive import sooner_poll

    last = NOW - timedelta(seconds=30)
    assert sooner_poll(last, NOW + timedelta(seconds=870), NOW, 120, jitter=0, rnd=0) == last + timedelta(seconds=120)
    assert sooner_poll(last, NOW + timedelta(seconds=60), NOW, 120, jitter=0, rnd=0) is None  # due sooner already
    assert sooner_poll(NOW - timedelta(hours=1), NOW + timedelta(hours=1), NOW, 120, jitter=0, rnd=0) == NOW
    assert sooner_poll(None, None, NOW, 120, jitter=0, rnd=0) == NOW
