"""fetch: one HTTP GET, polite and defensive, against a real local server."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from helpers.feedserver import FeedServer, Reply, loaded_settings, rss

from monitor.ingest.fetch import Fetcher, FetchResult, Verdict, classify
from monitor.netpolicy import PROJECT_URL, is_public_address, parse_retry_after, user_agent


def fetch(url: str, *, allow_private: bool = True, **kw: Any) -> FetchResult:
    net = loaded_settings(allow_private=allow_private, network=kw.pop("network", None)).settings.network

    async def go() -> FetchResult:
        async with Fetcher(net) as f:
            return await f.fetch(url, **kw)  # type: ignore[arg-type]

    return asyncio.run(go())


def test_plain_get_sends_user_agent_and_returns_body(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", body=rss("a"), headers={"ETag": '"v1"', "X-Other": "x"})
    res = fetch(url)
    assert res.ok and res.status == "200 OK" and res.body == rss("a")
    assert res.headers["etag"] == '"v1"' and res.headers["x-other"] == "x"
    ua = feed_server.requests_for("/f")[0].headers["user-agent"]
    assert ua == user_agent("feed reader") and PROJECT_URL in ua


def test_conditional_headers_are_sent_as_stored(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", status=304)
    res = fetch(url, etag='W/"abc"', last_modified="Wed, 01 May 2024 10:00:00 GMT")
    assert res.ok and res.not_modified and res.body is None
    h = feed_server.requests_for("/f")[0].headers
    assert h["if-none-match"] == 'W/"abc"'
    assert h["if-modified-since"] == "Wed, 01 May 2024 10:00:00 GMT"


def test_gzip_body_is_decompressed(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", body=rss("zipped"), gzip=True)
    res = fetch(url)
    assert res.ok and res.body == rss("zipped")
    assert "gzip" in feed_server.requests_for("/f")[0].headers["accept-encoding"]


def test_mislabelled_gzip_is_used_as_is(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", body=rss("plain"), headers={"Content-Encoding": "gzip"})
    res = fetch(url)
    assert res.ok and res.body == rss("plain")


def test_body_cap_applies_after_decompression(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", body=b"<rss>" + b" " * 3_000_000, gzip=True)
    res = fetch(url, network={"max_body_bytes": 1_000_000})
    assert not res.ok and res.body is None
    assert res.error is not None and "body too large" in res.error


@pytest.mark.parametrize("code", [301, 308])
def test_permanent_redirect_reports_new_url(feed_server: FeedServer, code: int) -> None:
    new = feed_server.route("/new", body=rss("a"))
    old = feed_server.redirect("/old", "/new", status=code)
    res = fetch(old)
    assert res.ok and res.url == new and res.permanent_url == new


@pytest.mark.parametrize("code", [302, 303, 307])
def test_temporary_redirect_keeps_url(feed_server: FeedServer, code: int) -> None:
    feed_server.route("/new", body=rss("a"))
    old = feed_server.redirect("/old", "/new", status=code)
    res = fetch(old)
    assert res.ok and res.permanent_url is None


def test_permanent_after_temporary_is_not_permanent(feed_server: FeedServer) -> None:
    feed_server.route("/c", body=rss("a"))
    feed_server.redirect("/b", "/c", status=301)
    res = fetch(feed_server.redirect("/a", "/b", status=302))
    assert res.ok and res.permanent_url is None


def test_too_many_redirects(feed_server: FeedServer) -> None:
    for i in range(7):
        feed_server.redirect(f"/r{i}", f"/r{i + 1}")
    feed_server.route("/r7", body=rss("a"))
    res = fetch(feed_server.url("/r0"))
    assert not res.ok and res.error == "too many redirects (more than 5)"
    assert len(feed_server.requests) == 6


def test_redirect_without_location(feed_server: FeedServer) -> None:
    res = fetch(feed_server.route("/r", status=302))
    assert not res.ok and res.error == "302 Found without a Location header"


def test_gone(feed_server: FeedServer) -> None:
    res = fetch(feed_server.route("/f", status=410))
    assert not res.ok and res.gone and "410 Gone" in (res.error or "")


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after(feed_server: FeedServer, code: int) -> None:
    res = fetch(feed_server.route("/f", status=code, headers={"Retry-After": "120"}))
    assert not res.ok and res.retry_after == 120
    assert "retry after 120 s" in (res.error or "")


def test_http_error_status(feed_server: FeedServer) -> None:
    res = fetch(feed_server.route("/f", status=500))
    assert not res.ok and res.error == "server answered 500 Internal Server Error"


def test_connection_refused_is_a_result_not_an_exception(feed_server: FeedServer) -> None:
    port = feed_server.port
    feed_server.close()
    res = fetch(f"http://127.0.0.1:{port}/f")
    assert not res.ok and res.error is not None and res.error.startswith("cannot connect")


def test_total_deadline(feed_server: FeedServer) -> None:
    url = feed_server.route("/slow", Reply(body=b"<rss>", trickle=0.2, endless=True))
    t = time.monotonic()
    res = fetch(url, network={"total_timeout": 1})
    assert time.monotonic() - t < 3
    assert res.error == "timeout: no complete response within 1 s"


def test_unsupported_scheme_refused() -> None:
    res = fetch("file:///etc/passwd")
    assert not res.ok and "only http and https" in (res.error or "")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/f",
        "http://localhost:{port}/f",
        "http://[::1]:{port}/f",
        "http://10.1.2.3:{port}/f",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.1/",
        "http://[::ffff:127.0.0.1]:{port}/f",
        "http://0.0.0.0:{port}/f",
    ],
)
def test_ssrf_private_addresses_refused_without_connecting(
    feed_server: FeedServer, url: str
) -> None:
    feed_server.route("/f", body=rss("secret"))
    t = time.monotonic()
    res = fetch(url.format(port=feed_server.port), allow_private=False)
    assert time.monotonic() - t < 2  # refused before any connect attempt (10.x would hang)
    assert not res.ok and res.error is not None
    assert res.error.startswith("refused to connect to") and "allow_private" in res.error
    assert feed_server.requests == []


@pytest.mark.parametrize(
    "target", ["http://127.0.0.2:{port}/secret", "http://10.0.0.1/x", "http://[::1]:{port}/secret"]
)
def test_ssrf_redirect_hop_to_private_address_refused(feed_server: FeedServer, target: str) -> None:
    # 127.0.0.1 stands in for a public server here (the policy allows exactly it); the redirect
    # target is internal and must be refused at that hop, before connecting.
    feed_server.route("/secret", body=rss("secret"))
    feed_server.redirect("/public", target.format(port=feed_server.port), status=301)
    net = loaded_settings(allow_private=False).settings.network

    async def go() -> FetchResult:
        async with Fetcher(net, address_policy=lambda ip: str(ip) == "127.0.0.1") as f:
            return await f.fetch(feed_server.url("/public"))

    res = asyncio.run(go())
    assert not res.ok and res.error is not None and res.error.startswith("refused to connect to")
    assert [r.path for r in feed_server.requests] == ["/public"]


def test_is_public_address() -> None:
    import ipaddress

    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    for bad in (
        "127.0.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "fc00::1",
        "100.64.0.1",
        "0.0.0.0",
        "::ffff:10.0.0.1",
        "224.0.0.1",
    ):
        assert not is_public_address(ipaddress.ip_address(bad)), bad


def test_parse_retry_after() -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_retry_after("30") == 30
    assert parse_retry_after(format_datetime(now + timedelta(hours=1), usegmt=True), now) == 3600
    assert parse_retry_after("99999999") == 86400  # clamped to 24 h
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now) == 0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


# --- classify: what a status and its headers mean, as plain values ---------------------------
NOW = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
CAP = 1_000_000


def verdict(status: int, **headers: str) -> Verdict:
    """classify with lowercase headers given as keywords (content_length=... is content-length)."""
    lowercase = {k.replace("_", "-"): v for k, v in headers.items()}
    return classify(status, lowercase, max_body_bytes=CAP, now=NOW)


@pytest.mark.parametrize(
    ("status", "text"),
    [(200, "200 OK"), (201, "201 Created"), (204, "204 No Content"), (299, "HTTP 299")],
)
def test_classify_2xx_is_a_body_to_read(status: int, text: str) -> None:
    assert verdict(status) == Verdict("ok", text)
    assert verdict(status).ok


def test_classify_not_modified() -> None:
    assert verdict(304, etag='"v"') == Verdict("not_modified", "304 Not Modified")
    assert verdict(304).ok


@pytest.mark.parametrize(
    ("status", "permanent"), [(301, True), (308, True), (302, False), (303, False), (307, False)]
)
def test_classify_redirects(status: int, permanent: bool) -> None:
    v = verdict(status, location=" /new.xml ")
    assert (v.kind, v.location, v.permanent, v.error, v.ok) == (
        "redirect", " /new.xml ", permanent, None, False
    )
    assert verdict(status).location is None  # the fetcher says "... without a Location header"


def test_classify_gone() -> None:
    v = verdict(410)
    assert (v.kind, v.status, v.ok) == ("gone", "410 Gone", False)
    assert v.error == "410 Gone: the server says this feed was removed for good"


@pytest.mark.parametrize("status", [429, 503])
def test_classify_retry_after_seconds_and_dates(status: int) -> None:
    reason = "429 Too Many Requests" if status == 429 else "503 Service Unavailable"
    v = verdict(status, retry_after="120")
    assert (v.kind, v.retry_after, v.status) == ("retry_later", 120, reason)
    assert v.error == f"{reason}; asked to retry after 120 s"
    in_an_hour = format_datetime(NOW + timedelta(hours=1), usegmt=True)
    assert verdict(status, retry_after=in_an_hour).retry_after == 3600
    assert verdict(status, retry_after="99999999").retry_after == 86400  # clamped to a day
    for unusable in ({}, {"retry_after": "soon"}):
        v = verdict(status, **unusable)
        assert (v.kind, v.retry_after, v.error) == ("retry_later", None, reason)


def test_classify_retry_after_only_counts_for_429_and_503() -> None:
    v = verdict(500, retry_after="120")
    assert (v.kind, v.retry_after) == ("error", None)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (300, "server answered 300 Multiple Choices"),
        (400, "server answered 400 Bad Request"),
        (403, "server answered 403 Forbidden"),
        (404, "server answered 404 Not Found"),
        (500, "server answered 500 Internal Server Error"),
        (502, "server answered 502 Bad Gateway"),
        (599, "server answered HTTP 599"),
    ],
)
def test_classify_other_statuses_are_errors_with_a_reason(status: int, error: str) -> None:
    v = verdict(status)
    assert (v.kind, v.error, v.ok) == ("error", error, False)


def test_classify_declared_body_over_the_limit() -> None:
    v = verdict(200, content_length=str(3 * 1024 * 1024))
    assert (v.kind, v.status, v.ok) == ("too_large", "200 OK, body too large", False)
    assert v.error == "body too large: 3 MiB declared, the limit is 0.953674 MiB"
    assert verdict(200, content_length=str(CAP)).kind == "ok"  # at the limit is fine
    # Compressed: the declared size says nothing of the decompressed one (checked while reading).
    assert verdict(200, content_length=str(2 * CAP), content_encoding="gzip").kind == "ok"
    assert verdict(200, content_length="lots").kind == "ok"


def test_connections_are_kept_alive_across_answers_without_a_feed(feed_server: FeedServer) -> None:
    """304s, redirects and errors leave the connection reusable: one TCP connection for all."""
    not_modified = feed_server.route("/nm", status=304, headers={"ETag": '"v"'})
    feed = feed_server.route("/feed", body=rss("a"))
    moved = feed_server.redirect("/old", "/feed", status=302)
    missing = feed_server.route("/err", status=500, body=b"oops" * 100)
    net = loaded_settings(allow_private=True).settings.network

    async def go() -> list[FetchResult]:
        async with Fetcher(net) as f:
            return [await f.fetch(u, etag='"v"') for u in (not_modified, feed, moved, missing, feed)]

    results = asyncio.run(go())
    assert [r.http_status for r in results] == [304, 200, 200, 500, 200]
    assert results[2].body == rss("a") and results[3].error == "server answered 500 Internal Server Error"
    clients = {r.client for r in feed_server.requests}
    assert len(feed_server.requests) == 6 and len(clients) == 1


def test_idle_connections_are_bounded_and_expired_ones_pruned(feed_server: FeedServer) -> None:
    """More hosts than idle slots: the pool keeps at most max_connections idle ones."""
    urls = [feed_server.route(f"/f{i}", status=304) for i in range(2)]
    hosts = ["127.0.0.1", "localhost"]  # two origins
    net = loaded_settings(allow_private=True, network={"max_connections": 1}).settings.network

    async def go() -> tuple[int, int]:
        async with Fetcher(net) as f:
            for host, url in zip(hosts, urls, strict=True):
                res = await f.fetch(url.replace("127.0.0.1", host))
                assert res.not_modified, res.error
            pool = f._pool
            idle_now = pool._n_idle
            for conns in pool._idle.values():
                for c in conns:
                    c._connection._expire_at = 0.0  # type: ignore[union-attr]
            await pool._prune()
            return idle_now, pool._n_idle

    assert asyncio.run(go()) == (1, 0)
    assert len({r.client for r in feed_server.requests}) == 2
