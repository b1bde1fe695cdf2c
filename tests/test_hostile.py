"""Hostile feeds, each against a real local server, each polled together with a good feed:
every one ends within its limit with a clear reason, and the good feed is still polled."""

from __future__ import annotations

import gzip
import json
import time
import zlib
from datetime import UTC, datetime

import pytest
from helpers.feedserver import FeedServer, Reply, feed_row, loaded_settings, rss

from monitor.ingest.poller import Poller, poll_feeds
from monitor.model import PolledFeed

LOADED = loaded_settings(network={"total_timeout": 3}, polling={"parse_timeout": 5})


def poll_with_good(
    server: FeedServer, hostile_url: str, loaded=LOADED, **poller_kw: object
) -> tuple[PolledFeed, PolledFeed, float]:
    """Poll the hostile feed and a good one in one cycle; returns (hostile, good, seconds)."""
    good_url = server.route("/good.xml", body=rss("still polled"))
    feeds = [feed_row(hostile_url, id=1), feed_row(good_url, id=2)]
    out: dict[int, PolledFeed] = {}
    t = time.monotonic()
    if poller_kw:
        import asyncio

        async def go() -> None:
            async with Poller(loaded, **poller_kw) as poller:  # type: ignore[arg-type]
                async for p in poller.poll(feeds):
                    out[p.feed.id] = p

        asyncio.run(go())
    else:
        poll_feeds(loaded, feeds, lambda p: out.__setitem__(p.feed.id, p))
    elapsed = time.monotonic() - t
    good = out[2]
    assert [i.title for i in good.items] == ["still polled"] and good.update.succeeded
    return out[1], good, elapsed


def failed_with(polled: PolledFeed, reason: str) -> bool:
    u = polled.update
    return (not u.succeeded) and u.last_error == reason and polled.items == ()


def test_quadratic_entity_blowup(feed_server: FeedServer) -> None:
    # 100 KB of declaration, 20,000 references: 2 GB of text if expanded.
    body = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "A" * 100_000 + '">]>'
        '<rss version="2.0"><channel><title>q</title><item><title>'
        + "&a;" * 20_000
        + "</title><link>https://q.example/1</link></item></channel></rss>"
    ).encode()
    hostile, _, elapsed = poll_with_good(feed_server, feed_server.route("/q.xml", body=body))
    assert elapsed < 10
    (item,) = hostile.items
    assert "AAAA" not in item.title and len(item.title) <= 1000


def test_billion_laughs(feed_server: FeedServer) -> None:
    decls = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{decls}]><rss version="2.0"><channel>'
        "<item><title>&lol9;</title><link>https://l.example/1</link></item></channel></rss>"
    ).encode()
    hostile, _, elapsed = poll_with_good(feed_server, feed_server.route("/lol.xml", body=body))
    assert elapsed < 10
    assert all("lollol" not in i.title for i in hostile.items)
    assert hostile.update.succeeded  # defused, not rejected: the feed itself is readable


def test_gzip_bomb(feed_server: FeedServer) -> None:
    # 1 GiB of zeros, about 1 MB on the wire: cut off at the 10 MiB decompressed limit.
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = member.compress(b"\0" * (64 << 20)) + member.flush()
    bomb = block * 16
    assert len(bomb) < 2_000_000 and gzip.decompress(block)[:1] == b"\0"
    url = feed_server.route("/bomb.xml", body=bomb, headers={"Content-Encoding": "gzip"})
    hostile, _, elapsed = poll_with_good(feed_server, url)
    assert elapsed < 10
    assert failed_with(hostile, "body too large: more than 10 MiB (the limit), cut off")


def test_slowloris_endless_slow_response(feed_server: FeedServer) -> None:
    url = feed_server.route("/slow.xml", Reply(body=b"<rss>", trickle=0.1, endless=True))
    hostile, _, elapsed = poll_with_good(feed_server, url)
    assert elapsed < 6
    assert failed_with(hostile, "timeout: no complete response within 3 s")


@pytest.mark.parametrize("declared", [True, False])
def test_50_mib_body(feed_server: FeedServer, declared: bool) -> None:
    body = b'<rss version="2.0"><channel>' + b" " * (50 << 20) + b"</channel></rss>"
    url = feed_server.route("/big.xml", body=body, content_length=declared)
    hostile, _, elapsed = poll_with_good(feed_server, url)
    assert elapsed < 10
    reason = (
        "body too large: 50 MiB declared, the limit is 10 MiB"
        if declared
        else "body too large: more than 10 MiB (the limit), cut off"
    )
    assert failed_with(hostile, reason)


def test_redirect_loop(feed_server: FeedServer) -> None:
    feed_server.redirect("/b.xml", "/a.xml", status=302)
    url = feed_server.redirect("/a.xml", "/b.xml", status=302)
    hostile, _, elapsed = poll_with_good(feed_server, url)
    assert failed_with(hostile, f"redirect loop: {url} was already visited")
    assert len(feed_server.requests_for("/a.xml")) == 1


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:{port}/good.xml",
    ],
)
def test_redirect_to_private_address(feed_server: FeedServer, target: str) -> None:
    # allow_private is off; 127.0.0.1 plays a public server (the address policy says so) and
    # redirects to an internal address, which must be refused at that hop without connecting.
    loaded = loaded_settings(allow_private=False, network={"total_timeout": 3})
    url = feed_server.redirect("/evil.xml", target.format(port=feed_server.port), status=302)
    hostile, _, elapsed = poll_with_good(
        feed_server, url, loaded, address_policy=lambda ip: str(ip) == "127.0.0.1"
    )
    assert elapsed < 3
    assert not hostile.update.succeeded
    assert (hostile.update.last_error or "").startswith("refused to connect to")
    assert "allow_private" in (hostile.update.last_error or "")
    assert [r.path for r in feed_server.requests].count("/good.xml") == 1  # only the good poll


def test_private_addresses_refused_when_not_allowed(feed_server: FeedServer) -> None:
    loaded = loaded_settings(allow_private=False, network={"connect_timeout": 2})
    path = feed_server.route("/f.xml", body=rss("secret")).split(str(feed_server.port))[1]
    urls = [
        f"http://127.0.0.1:{feed_server.port}{path}",
        f"http://localhost:{feed_server.port}{path}",
        f"http://[::1]:{feed_server.port}{path}",
        "http://10.20.30.40/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
    ]
    out: list[PolledFeed] = []
    t = time.monotonic()
    poll_feeds(loaded, [feed_row(u, id=i) for i, u in enumerate(urls)], out.append)
    assert time.monotonic() - t < 2  # no connection attempts (10.x would hang until timeout)
    assert len(out) == len(urls) and feed_server.requests == []
    for p in out:
        assert (p.update.last_error or "").startswith("refused to connect to"), p.update.last_error


def test_valid_json_feed(feed_server: FeedServer) -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON",
        "items": [{"id": "1", "url": "https://j.example/1", "title": "From JSON"}],
    }
    url = feed_server.route(
        "/feed.json",
        body=json.dumps(doc).encode(),
        headers={"Content-Type": "application/feed+json"},
    )
    hostile, _, _ = poll_with_good(feed_server, url)
    assert [i.title for i in hostile.items] == ["From JSON"] and hostile.update.succeeded


def test_html_page_instead_of_a_feed(feed_server: FeedServer) -> None:
    page = b"<!doctype html><html><head><title>Home</title></head><body><p>News</p></body></html>"
    url = feed_server.route("/index.html", body=page, headers={"Content-Type": "text/html"})
    hostile, _, _ = poll_with_good(feed_server, url)
    assert failed_with(hostile, "not a feed: the URL returned an HTML page")


def test_wrong_content_type(feed_server: FeedServer) -> None:
    url = feed_server.route("/f", body=rss("typed wrong"), headers={"Content-Type": "image/png"})
    hostile, _, _ = poll_with_good(feed_server, url)
    assert [i.title for i in hostile.items] == ["typed wrong"]
    assert hostile.update.last_status == "200 OK, 1 item (served as image/png, parsed anyway)"


def test_zero_byte_body(feed_server: FeedServer) -> None:
    url = feed_server.route("/empty.xml", body=b"", headers={"Content-Type": "application/rss+xml"})
    hostile, _, _ = poll_with_good(feed_server, url)
    assert failed_with(hostile, "empty response body (0 bytes): no feed to read")
    assert hostile.update.next_poll_at > datetime.now(UTC)  # retried later, not dropped
