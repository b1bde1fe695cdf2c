"""normalise: feed entry -> Item (plain text, canonical link, source, date, dedup keys)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.ingest.normalise import (
    canonical_link,
    entry_to_item,
    link_key,
    plain_text,
    title_key,
)
from monitor.model import Item

FEED = "https://feeds.example.org/rss"


def item(**entry: object):
    return entry_to_item(entry, config_url=FEED, feed_source="Example Wire")


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Hello <b>world</b>", "Hello world"),
        ("AT&amp;T buys &#8220;X&#8221;", "AT&T buys \u201cX\u201d"),
        ("a<script>alert('x')</script>b", "a b"),
        ("<style>p{color:red}</style>Story", "Story"),
        ("&lt;p&gt;double &lt;script&gt;evil()&lt;/script&gt;escaped&lt;/p&gt;", "double escaped"),
        ("  many \n\t spaces\u00a0here  ", "many spaces here"),
        ("x < y and y > z", "x < y and y > z"),
        ("<!-- hidden -->shown<![CDATA[cdata]]>", "shown cdata"),
        ("unclosed <script>never ends", "unclosed"),
        ("ctrl\x00\x07chars", "ctrl chars"),
        (None, ""),
    ],
)
def test_plain_text(raw: object, text: str) -> None:
    assert plain_text(raw) == text


def test_plain_text_caps_length() -> None:
    out = plain_text("word " * 10_000, limit=100)
    assert len(out) == 100 and out.endswith("…")


@pytest.mark.parametrize(
    ("link", "canon"),
    [
        ("HTTP://WWW.Example.COM:80/a/b?x=1#top", "http://www.example.com/a/b?x=1"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/p", "https://example.com:8443/p"),
        (
            "https://ex.com/s?utm_source=rss&utm_medium=feed&id=7&fbclid=abc&gclid=z",
            "https://ex.com/s?id=7",
        ),
        ("https://ex.com/s?b=2&a=1", "https://ex.com/s?b=2&a=1"),  # order kept: it can matter
        ("javascript:alert(1)", ""),
        ("mailto:a@b.c", ""),
        ("", ""),
        ("http://[::1]:80/x", "http://[::1]/x"),
        ("http://bad:port/x", ""),
    ],
)
def test_canonical_link(link: str, canon: str) -> None:
    assert canonical_link(link) == canon


def test_relative_link_resolves_against_base() -> None:
    assert (
        canonical_link("/story/1", "https://site.example/feed.xml")
        == "https://site.example/story/1"
    )


def test_an_outlet_is_a_registrable_domain() -> None:
    from monitor.judge.outlet import host_of, is_public_suffix, outlet

    assert outlet(host_of("https://WWW.Reuters.com/x")) == outlet("uk.reuters.com") == "reuters.com"
    assert outlet("news.bbc.co.uk") == "bbc.co.uk" and outlet("co.uk") == ""
    assert is_public_suffix("co.uk") and is_public_suffix("github.io") and not is_public_suffix("bbc.co.uk")
    # Addresses and local names name no publisher; a name that is not a host stays a name.
    assert outlet("127.0.0.1") == outlet("[::1]") == outlet("localhost") == outlet("") == ""
    assert outlet("Xinhua") == "xinhua"
    assert host_of("not a url") == ""


def test_entry_to_item_plain_fields() -> None:
    it = item(
        title="Apple <em>denies</em> report",
        summary="<p>Apple said &quot;no&quot;.</p><script>track()</script>",
        link="https://www.Example.com/a?utm_campaign=x",
        id="urn:1",
        published_parsed=(2024, 5, 1, 12, 30, 0, 2, 122, 0),
    )
    assert it is not None
    assert it.title == "Apple denies report"
    assert it.summary == 'Apple said "no".'
    assert it.link == "https://www.example.com/a"
    assert it.source == "Example Wire"  # the feed's: a plain feed is the publisher of its items
    assert it.published_at == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


def test_summary_falls_back_to_content() -> None:
    it = item(title="t", content=[{"value": "<div>Body text</div>"}])
    assert it is not None and it.summary == "Body text"


def test_a_plain_feed_is_the_publisher_of_its_items() -> None:
    """Whatever an item links to or names as its <source>: a forged link or <source> must not
    make a blog's item an official newsroom's."""
    forged = item(
        title="t",
        link="https://www.mi.com/news/1",
        source={"href": "https://www.mi.com/", "title": "Xiaomi"},
    )
    assert forged is not None and forged.source == "Example Wire"
    undeclared = entry_to_item({"title": "t", "link": "https://www.mi.com/1"}, config_url=FEED, feed_source=None)
    assert undeclared is not None and undeclared.source == "example.org"  # the feed host's outlet
    local = entry_to_item({"title": "t"}, config_url="http://127.0.0.1:8080/rss", feed_source=None)
    assert local is not None and local.source == ""  # an address names no publisher


def test_an_aggregator_attributes_each_item_to_its_own_publisher() -> None:
    def agg(**entry: object) -> Item | None:
        return entry_to_item(entry, config_url="https://news.google.com/rss?q=x", feed_source=None, aggregator=True)

    own = agg(title="t", link="https://agg.example/1", source={"href": "https://uk.reuters.com/rss", "title": "Reuters"})
    named = agg(title="t", link="https://agg.example/1", source={"title": "Reuters"})
    by_link = agg(title="t", link="https://news.bbc.co.uk/news/1")
    assert own is not None and own.source == "reuters.com"
    assert named is not None and named.source == "Reuters"
    assert by_link is not None and by_link.source == "bbc.co.uk"
    # Bing News wraps the publisher's link in a redirect: the item is the publisher's story.
    bing = entry_to_item(
        {"title": "t", "link": "http://www.bing.com/news/apiclick.aspx?ref=FexRss&url=https%3a%2f%2fwww.ft.com%2fcontent%2f1&c=2"},
        config_url="https://www.bing.com/news/search?q=x&format=rss",
        feed_source=None,
        aggregator=True,
    )
    assert bing is not None and bing.link == "https://www.ft.com/content/1" and bing.source == "ft.com"


def test_dedup_key_guid_then_link_then_content() -> None:
    g1 = item(title="a", id="42", link="https://x.example/1")
    g2 = item(title="b (edited)", id="42", link="https://x.example/2")
    other_feed = entry_to_item({"title": "a", "id": "42"}, config_url=FEED + "2", feed_source=None)
    assert g1 and g2 and other_feed
    assert g1.dedup_key.startswith("g:") and g1.dedup_key == g2.dedup_key
    assert other_feed.dedup_key != g1.dedup_key  # guids are only unique within one feed

    l1 = item(title="a", link="https://x.example/1?utm_source=a")
    l2 = item(title="other title", link="https://X.example/1#c")
    assert l1 and l2 and l1.dedup_key.startswith("l:") and l1.dedup_key == l2.dedup_key

    c1 = item(title="Only text", summary="s")
    c2 = item(title="Only text", summary="different")
    assert c1 and c2 and c1.dedup_key.startswith("c:") and c1.dedup_key != c2.dedup_key


def test_empty_entry_is_dropped() -> None:
    assert item(title="  ", summary="<p></p>") is None


def test_cross_feed_keys() -> None:
    assert link_key("https://ex.com/a?utm_source=x#y") == link_key("HTTPS://EX.com:443/a")
    assert link_key(None) is None and link_key("javascript:x") is None
    assert title_key("Reuters", "Apple to buy X!") == title_key("reuters", "apple  to buy x")
    assert title_key("Reuters", "Apple to buy X") != title_key("AP", "Apple to buy X")
    assert title_key("Reuters", "  ") is None
