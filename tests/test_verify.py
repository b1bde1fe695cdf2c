"""A link to an official site from another feed is checked against a real local server: the
page must answer 2xx on the official site after redirects and carry the item's headline; every
other outcome is recorded as why it is not proof."""

from __future__ import annotations

import asyncio

import pytest
from helpers.feedserver import FeedServer, Reply

from monitor.ingest.verify import MAX_BYTES, LinkVerifier
from monitor.model import Item
from monitor.settings import NetworkSettings

HEADLINE = "Xiaomi officially confirms its electric car partnership with BAIC"
PAGE = f"<html><head><title>{HEADLINE} | Xiaomi</title></head><body><p>Today Xiaomi …</p></body></html>"


def check(server: FeedServer, path: str, *, allow_private: bool = True, timeout: float = 5.0) -> str:
    """The proof recorded for an item linking to www.mi.com<path> (www.mi.com pinned to the
    local server, as [network] resolve does)."""
    net = NetworkSettings(
        allow_private=allow_private, total_timeout=timeout, resolve={"www.mi.com": server.host}
    )
    item = Item(title=HEADLINE, summary="", link=server.url(path, host="www.mi.com"), source="blog.example")

    async def go() -> str:
        verifier = LinkVerifier(net, frozenset({"mi.com"}))
        try:
            (checked,) = await verifier.verify_items([item], "blog.example", None, frozenset())
            return checked.link_proof
        finally:
            await verifier.aclose()

    return asyncio.run(go())


def test_a_page_that_is_there_and_carries_the_headline_is_proof(feed_server: FeedServer) -> None:
    feed_server.route("/news/1", body=PAGE.encode(), headers={"Content-Type": "text/html"})
    assert check(feed_server, "/news/1") == f"verified at {feed_server.url('/news/1', host='www.mi.com')}"


def test_a_missing_page_is_not_proof(feed_server: FeedServer) -> None:
    feed_server.route("/news/2", status=404)
    proof = check(feed_server, "/news/2")
    assert proof.startswith("not verified:") and "404" in proof


def test_a_page_without_the_headline_is_not_proof(feed_server: FeedServer) -> None:
    feed_server.route("/news/3", body=b"<html><title>Xiaomi home</title><p>Phones.</p></html>")
    assert "does not carry the item's headline" in check(feed_server, "/news/3")


def test_a_redirect_off_the_official_site_is_not_proof(feed_server: FeedServer) -> None:
    elsewhere = feed_server.route("/prank", body=PAGE.encode())  # same server, reached as 127.0.0.1
    feed_server.route("/news/4", status=302, headers={"Location": elsewhere})
    assert "leads off the official site, to 127.0.0.1" in check(feed_server, "/news/4")


def test_an_oversize_page_is_not_read(feed_server: FeedServer) -> None:
    feed_server.route("/news/5", body=PAGE.encode() + b" " * (MAX_BYTES + 10))
    proof = check(feed_server, "/news/5")
    assert proof.startswith("not verified:") and "MiB" in proof


def test_a_slow_server_is_not_waited_for(feed_server: FeedServer) -> None:
    feed_server.route("/news/6", Reply(body=PAGE.encode(), delay=3))
    proof = check(feed_server, "/news/6", timeout=1)
    assert proof.startswith("not verified:") and "timeout" in proof


def test_a_private_address_is_refused_without_allow_private(feed_server: FeedServer) -> None:
    feed_server.route("/news/7", body=PAGE.encode())
    proof = check(feed_server, "/news/7", allow_private=False)
    assert proof.startswith("not verified:") and "allow_private" in proof
    assert not feed_server.requests_for("/news/7")  # never connected


@pytest.mark.parametrize(
    ("link", "feed_host", "declared", "wanted"),
    [
        ("https://www.mi.com/n/1", "blog.example", None, True),
        ("https://www.mi.com/n/1", "www.mi.com", None, False),  # the newsroom's own feed
        ("https://www.mi.com/n/1", "cdn.example", "mi.com", False),  # declared as mi.com
        ("https://notmi.com/n/1", "blog.example", None, False),
        ("http://127.0.0.1/n/1", "blog.example", None, False),
    ],
)
def test_which_links_are_checked(link: str, feed_host: str, declared: str | None, wanted: bool) -> None:
    verifier = LinkVerifier(NetworkSettings(), frozenset({"mi.com"}))
    item = Item(title=HEADLINE, summary="", link=link, source="x")
    assert verifier.wants(item, feed_host, declared) is wanted
