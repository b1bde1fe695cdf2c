"""parse: bytes -> Items with a clear reason when there are none; the worker pool's limits."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from helpers.feedserver import rss

from monitor.ingest.parse import ParseResult, parse_body
from monitor.ingest.pool import ParsePool
from monitor.ingest.sniff import strip_dtd

URL = "https://feeds.example.org/rss"


def parse(body: bytes, content_type: str = "application/rss+xml") -> ParseResult:
    headers = {"content-type": content_type} if content_type else {}
    return parse_body(body, headers, url=URL, config_url=URL, feed_source=None)


def test_rss_items_are_normalised() -> None:
    res = parse(rss("First & <b>bold</b>", "Second", ttl=60))
    assert res.error is None and res.kind == "rss20" and res.ttl == 3600
    assert [i.title for i in res.items] == ["First & bold", "Second"]
    assert res.items[0].link == "https://news.example.com/0"


def test_atom_with_relative_links() -> None:
    body = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><id>tag:x,2024:1</id><title type="html">&lt;i&gt;Hi&lt;/i&gt;</title>
    <link href="/posts/1"/><updated>2024-05-01T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Body&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content></entry></feed>"""
    res = parse(body, "application/atom+xml")
    (item,) = res.items
    assert item.title == "Hi" and item.summary == "Body"
    assert item.link == "https://feeds.example.org/posts/1"
    assert item.guid == "tag:x,2024:1" and item.published_at is not None


def test_json_feed_is_parsed() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J",
        "items": [
            {
                "id": "1",
                "url": "https://j.example/1?utm_source=x",
                "title": "Json <b>one</b>",
                "content_html": "<p>Text</p>",
                "date_published": "2024-05-01T10:00:00Z",
            },
            {"id": 2, "content_text": "No title"},
        ],
    }
    res = parse(json.dumps(doc).encode(), "application/feed+json")
    assert res.error is None and res.kind == "json"
    assert [(i.title, i.summary, i.link) for i in res.items] == [
        ("Json one", "Text", "https://j.example/1"),
        ("", "No title", ""),
    ]


def test_plain_json_is_not_a_feed() -> None:
    res = parse(b'{"hello": "world"}', "application/json")
    assert res.error == 'not a feed: JSON without a JSON Feed "version"'


def test_html_page_names_the_feed_it_links_to() -> None:
    page = b"""<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml"
    href="https://site.example/feed.xml"></head><body>Hello</body></html>"""
    res = parse(page, "text/html")
    assert res.error == (
        "not a feed: the URL returned an HTML page; the page links to a feed at "
        "https://site.example/feed.xml, use that URL"
    )


def test_wrong_content_type_still_parses_with_a_note() -> None:
    res = parse(rss("a"), "text/plain")
    assert len(res.items) == 1 and res.note == "served as text/plain, parsed anyway"


@pytest.mark.parametrize("body", [b"", b"  \n "])
def test_empty_body(body: bytes) -> None:
    assert (parse(body).error or "").startswith("empty response body")


def test_valid_feed_without_entries_has_a_note() -> None:
    res = parse(rss())
    assert res.items == [] and res.error is None and res.note == "valid feed with no entries"


def test_garbage_is_not_a_feed() -> None:
    res = parse(b"\x00\x01 binary junk", "application/octet-stream")
    assert (res.error or "").startswith("not a feed")


def test_strip_dtd_removes_entities_in_any_encoding() -> None:
    doc = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss>&a;</rss>'
    assert strip_dtd(doc.encode()) == b'<?xml version="1.0"?><!DOCTYPE rss><rss>&a;</rss>'
    wide = "\ufeff" + doc.replace('"1.0"', '"1.0" encoding="utf-16"')
    out = strip_dtd(wide.encode("utf-16-le")).decode("utf-16-le")
    assert "ENTITY" not in out and out.startswith("\ufeff")


def test_entity_expansion_does_not_happen() -> None:
    lol = "".join(
        f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 1 if i else "lol"}">' for i in range(3)
    )
    body = f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss version="2.0"><channel><item><title>&l2;</title></item></channel></rss>'
    res = parse(body.encode())
    assert all("lol" not in i.title for i in res.items)


# --- the pool ---------------------------------------------------------------------------------
def run_pool(pool: ParsePool, bodies: list[bytes]) -> list[ParseResult]:
    async def go() -> list[ParseResult]:
        try:
            return await asyncio.gather(
                *(pool.parse(b, {}, url=URL, config_url=URL, feed_source=None) for b in bodies)
            )
        finally:
            await pool.aclose()

    return asyncio.run(go())


def test_pool_parses_in_parallel_and_in_order() -> None:
    results = run_pool(ParsePool(workers=2), [rss(f"t{i}") for i in range(6)])
    assert [r.items[0].title for r in results] == [f"t{i}" for i in range(6)]


def test_pool_returns_every_field_of_every_item_as_parsed_in_process() -> None:
    body = rss("Xiaomi confirms BAIC deal", "BAIC denies", "Talks go on").replace(
        b"</item>", b"<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>"
    )
    (pooled,) = run_pool(ParsePool(workers=1), [body])
    local = parse_body(body, {}, url=URL, config_url=URL, feed_source=None)
    assert pooled.items == local.items and len(local.items) == 3
    assert all(i.published_at is not None and i.dedup_key for i in pooled.items)


def test_pool_time_limit_kills_and_replaces_worker() -> None:
    # A feed that makes feedparser work for a long time: a huge number of tiny elements.
    slow = (
        b'<rss version="2.0"><channel>'
        + b"<item><title>x</title></item>" * 400_000
        + b"</channel></rss>"
    )
    pool = ParsePool(workers=1, timeout=0.5)
    t = time.monotonic()
    bad, good = run_pool(pool, [slow, rss("after")])
    assert bad.error == "parsing took longer than 0.5 s (the limit); the parser was stopped"
    assert good.items[0].title == "after"  # the replacement worker carries on
    assert time.monotonic() - t < 10


def test_pool_memory_limit_gives_a_reason_and_worker_is_replaced() -> None:
    # 100 MB of text in one element: over the 64 MiB worker limit.
    big = (
        b'<rss version="2.0"><channel><item><title>'
        + b"A" * 100_000_000
        + b"</title></item></channel></rss>"
    )
    bad, good = run_pool(ParsePool(workers=1, timeout=20, memory_mb=64), [big, rss("after")])
    assert bad.error is not None and "memory limit" in bad.error
    assert good.items[0].title == "after"
