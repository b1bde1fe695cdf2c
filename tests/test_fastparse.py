"""The fast feed path gives exactly the items feedparser gives, or steps aside.

Every comparison runs ``parse_body`` twice on the same bytes, once with the fast path and once with
feedparser only, and compares the whole result (items with every field, kind, ttl, note, error).
"""

from __future__ import annotations

import gzip
import random

import pytest
from helpers.corpus import CORPUS, corpus_files, header_lines

from monitor.ingest.fastparse import parse_fast
from monitor.ingest.parse import ParseResult, parse_body
from monitor.ingest.sniff import strip_dtd

URL = "http://feeds.example.org/feed.xml"
RSS_TYPE = {"content-type": "application/rss+xml; charset=utf-8"}


def both(body: bytes, headers: dict[str, str]) -> tuple[ParseResult, ParseResult]:
    kw = {"url": URL, "config_url": URL, "feed_source": None}
    return (
        parse_body(body, headers, fast_path=True, **kw),  # type: ignore[arg-type]
        parse_body(body, headers, fast_path=False, **kw),  # type: ignore[arg-type]
    )


def summary(r: ParseResult) -> tuple[object, ...]:
    return (r.items, r.kind, r.ttl, r.note, r.error)


def test_same_items_as_feedparser_on_the_whole_corpus() -> None:
    taken = 0
    mismatched: list[str] = []
    for path in corpus_files():
        data = path.read_bytes()
        headers = {
            name.lower(): value
            for name, value in header_lines(data)
            if name.lower() != "status"
        }
        if path.suffix == ".gz":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError):  # the truncated-gzip fixture: no body to compare
                continue
        headers.setdefault("content-type", "application/xml")
        if parse_fast(strip_dtd(data), headers) is None:
            continue
        taken += 1
        fast, slow = both(data, headers)
        if summary(fast) != summary(slow):
            mismatched.append(str(path.relative_to(CORPUS)))
    assert mismatched == []
    # The corpus is mostly feedparser's tests of odd corners; still, the plain files take the path.
    assert taken >= 600, taken


# --- generated feeds: every supported element, in random order and combination ----------------
WORDS = [
    "Apple",
    "Xiaomi",
    "BAIC",
    "confirms",
    "denies",
    "rumour",
    "deal",
    "électrique",
    "Ã©",
    "naïve",
    "東京",
    "—",
    "“quoted”",
]
DATES = (
    "Tue, 10 Jun 2003 04:00:00 GMT",
    "Tue, 10 Jun 2003 04:00:00 +0200",
    "2003-06-10T04:00:00Z",
    "2003-06-10T04:00:00.5+02:00",
    "10 Jun 2003",
    "not a date",
    "",
)


def _words(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def _escaped_text(rnd: random.Random) -> str:
    text = _words(rnd, rnd.randint(0, 8))
    return rnd.choice(
        (
            text.replace("&", "&amp;"),
            f"  {text}\n\t ",
            f"<![CDATA[<p>{text}</p> <script>alert(1)</script>]]>",
            f"&lt;b&gt;{text}&lt;/b&gt; &amp;amp; &#8217; &#150; &#x93;",
            f"{text} <!-- a comment --> tail",
            "",
        )
    )


def _link(rnd: random.Random, atom: bool) -> str:
    href = rnd.choice(
        (
            "https://news.example.com/a?id=1&amp;utm_source=rss",
            "http:////example.com/extra-slashes",
            "/relative/path",
            "story.html",
            "https://example.com/q?a=1&amp;amp;b=2&amp;c;d",
            "",
        )
    )
    if atom or rnd.random() < 0.3:
        rel = rnd.choice(
            ("", ' rel="alternate"', ' rel="self"', ' rel="enclosure"', ' rel="ALTERNATE"')
        )
        typ = rnd.choice(("", ' type="text/html"', ' type="application/pdf"', ' type="HTML"'))
        attr = rnd.choice(("href", "href", "url", "uri"))
        prefix = "" if atom else "atom:"
        return f'<{prefix}link {attr}="{href}"{rel}{typ}/>'
    return f"<link> {href} </link>"


PERMALINK = ("", ' isPermaLink="false"', ' isPermaLink="true"', ' isPermaLink="True"')
GUIDS = ("https://example.com/g/1", "tag:example.com,2003:1", "  /rel/guid  ", "")


def _item_children(rnd: random.Random, atom: bool) -> list[str]:
    parts: list[str] = []
    t = _escaped_text
    makers = [
        lambda: f"<title>{t(rnd)}</title>",
        lambda: f'<title type="{rnd.choice(("html", "text", "TEXT"))}">{t(rnd)}</title>',
        lambda: f"<media:title>{t(rnd)}</media:title>",
        lambda: f"<dc:title>{t(rnd)}</dc:title>",
        lambda: _link(rnd, atom),
        lambda: _link(rnd, atom),
        lambda: f"<guid{rnd.choice(PERMALINK)}>{rnd.choice(GUIDS)}</guid>",
        lambda: f"<description>{t(rnd)}</description>",
        lambda: f"<summary>{t(rnd)}</summary>",
        lambda: f'<summary type="html">{t(rnd)}</summary>',
        lambda: f"<content:encoded>{t(rnd)}</content:encoded>",
        lambda: f"<media:description>{t(rnd)}</media:description>",
        lambda: f"<pubDate>{rnd.choice(DATES)}</pubDate>",
        lambda: f"<dc:date>{rnd.choice(DATES)}</dc:date>",
        lambda: f"<atom:updated>{rnd.choice(DATES)}</atom:updated>",
        lambda: f"<dcterms:created>{rnd.choice(DATES)}</dcterms:created>",
        lambda: f'<source url="https://wire.example.net/feed">{t(rnd)}</source>',
        lambda: f"<source>{t(rnd)}</source>",
        lambda: "<author>jo@example.com (Jo)</author>",
        lambda: "<dc:creator>Jo</dc:creator>",
        lambda: f"<category>{_words(rnd, 1)}</category>",
        lambda: '<enclosure url="https://example.com/a.mp3" type="audio/mpeg" length="1"/>',
        lambda: '<media:thumbnail url="https://example.com/a.jpg"/>',
        lambda: "<comments>https://example.com/c</comments>",
        lambda: "<wfw:commentRss>https://example.com/c.rss</wfw:commentRss>",
        lambda: "<slash:comments>4</slash:comments>",
    ]
    if atom:
        makers += [
            lambda: f"<id>{rnd.choice(('urn:uuid:1', 'https://example.com/e/1', ''))}</id>",
            lambda: f"<published>{rnd.choice(DATES)}</published>",
            lambda: f"<updated>{rnd.choice(DATES)}</updated>",
            lambda: f'<content type="{rnd.choice(("html", "text"))}">{t(rnd)}</content>',
            lambda: f"<content>{t(rnd)}</content>",
            lambda: "<author><name>Jo</name><uri>https://jo.example.com/</uri></author>",
        ]
    for _ in range(rnd.randint(0, 9)):
        parts.append(rnd.choice(makers)())
    return parts


NAMESPACES = (
    'xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wfw="http://wellformedweb.org/commentAPI/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
)


def generated_feed(seed: int) -> bytes:
    rnd = random.Random(seed)
    kind = rnd.choice(("rss", "rss", "atom", "rdf"))
    atom = kind == "atom"
    items = []
    for _ in range(rnd.randint(0, 6)):
        children = _item_children(rnd, atom)
        if kind == "rdf":  # no Atom namespace in RSS 1.0 here (feedparser would call it Atom)
            about = rnd.choice(("https://site.example.com/1", "", " /rel/about "))
            children = [c for c in children if "atom:" not in c]
            items.append(f'<item rdf:about="{about}">{"".join(children)}</item>')
        else:
            tag = "entry" if atom else "item"
            items.append(f"<{tag}>{''.join(children)}</{tag}>")
    head = rnd.choice(
        ("", '<?xml version="1.0" encoding="utf-8"?>\n', "\ufeff<?xml version='1.0'?>")
    )
    feed_link = rnd.choice(("<link>https://site.example.com/</link>", "<link>  </link>", ""))
    ttl = rnd.choice(("", "<ttl>30</ttl>", "<ttl> 15 </ttl>", "<ttl>soon</ttl>"))
    if kind == "rdf":
        doc = (
            f'{head}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns="http://purl.org/rss/1.0/" {NAMESPACES}>'
            f'<channel rdf:about="https://site.example.com/"><title>F</title>{feed_link}{ttl}'
            '<items><rdf:Seq><rdf:li rdf:resource="https://site.example.com/1"/></rdf:Seq></items>'
            f"</channel>{''.join(items)}</rdf:RDF>"
        )
    elif atom:
        link = '<link href="https://site.example.com/" />' if feed_link else ""
        doc = (
            f'{head}<feed xmlns="http://www.w3.org/2005/Atom" {NAMESPACES.replace("dc:", "dc:")}'
            f' xmlns:atom="http://www.w3.org/2005/Atom"><title>F</title>{link}{"".join(items)}</feed>'
        )
    else:
        version = rnd.choice(('version="2.0"', 'version="0.92"', ""))
        # The channel's own link before or after the items (or both: the last one counts).
        head_link, tail_link = rnd.choice(
            (
                (feed_link, ""),
                ("", feed_link),
                (feed_link, "<link>https://other.example.com/</link>"),
            )
        )
        doc = (
            f'{head}<rss {version} {NAMESPACES} xmlns:atom="http://www.w3.org/2005/Atom">'
            f"<channel><title>F</title>{head_link}{ttl}{''.join(items)}{tail_link}</channel></rss>"
        )
    return doc.encode("utf-8")


def test_same_items_as_feedparser_on_generated_feeds() -> None:
    taken = 0
    mismatched: list[tuple[int, ParseResult, ParseResult]] = []
    for seed in range(1000):
        body = generated_feed(seed)
        headers = HEADER_CHOICES[seed % len(HEADER_CHOICES)]
        if parse_fast(strip_dtd(body), headers) is not None:
            taken += 1
        fast, slow = both(body, headers)
        if summary(fast) != summary(slow):
            mismatched.append((seed, fast, slow))
    assert [m[0] for m in mismatched] == [], mismatched[:1]
    # These use only elements the fast path models; some headers make feedparser read them.
    assert taken >= 650, taken


# Content types as servers send them: the encoding feedparser picks depends on them (RFC 3023).
HEADER_CHOICES: tuple[dict[str, str], ...] = (
    RSS_TYPE,
    {"content-type": "text/xml"},
    {"content-type": "application/xml"},
    {"content-type": "text/xml; charset=UTF-8"},
    {"content-type": "text/html; charset=us-ascii"},
    {"etag": '"x"'},  # headers, but no Content-Type
    {},
)


@pytest.mark.parametrize(
    ("body", "headers", "why"),
    [
        (b'<rss version="2.0" xml:base="http://a/"><channel/></rss>', RSS_TYPE, "xml:base"),
        (
            b'<rss version="2.0" BASE="http://other.example.net/x/"><channel><item>'
            b"<link>rel/1</link></item></channel></rss>",
            RSS_TYPE,
            "a base attribute in any letter case",
        ),
        (b'<!DOCTYPE rss><rss version="2.0"><channel/></rss>', RSS_TYPE, "DOCTYPE"),
        (
            b'<?xml version="1.0" encoding="iso-8859-1"?><rss><channel/></rss>',
            RSS_TYPE,
            "declared encoding",
        ),
        (
            "<rss><channel><item><title>é</title></item></channel></rss>".encode("latin-1"),
            {},
            "not UTF-8",
        ),
        (
            b"<rss><channel><item><title>&nbsp;</title></item></channel></rss>",
            RSS_TYPE,
            "HTML entity",
        ),
        (
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml">'
            b'<div xmlns="http://www.w3.org/1999/xhtml">x</div></content></entry></feed>',
            RSS_TYPE,
            "XHTML content",
        ),
        (
            b'<rss xmlns:x="urn:x"><channel><item><x:title>t</x:title></item></channel></rss>',
            RSS_TYPE,
            "unknown namespace in an item",
        ),
        (
            b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>",
            RSS_TYPE,
            "RSS 1.0",
        ),
        (
            b'<rss xmlns:x="urn:x"><channel><item><title x:type="html">t</title></item>'
            b"</channel></rss>",
            RSS_TYPE,
            "an attribute feedparser reads by its bare name",
        ),
        (
            b'<rss xmlns:a="http://www.w3.org/2005/Atom"><channel><item><a:link a:href="http://a/"/>'
            b"</item></channel></rss>",
            RSS_TYPE,
            "an attribute in the Atom namespace",
        ),
        (
            b"<rss><channel><item><title>a</title></item></channel></rss>",
            {"content-type": "application/xml", "content-location": "http://elsewhere/"},
            "Content-Location",
        ),
    ],
)
def test_steps_aside_for_what_it_does_not_model(
    body: bytes, headers: dict[str, str], why: str
) -> None:
    assert parse_fast(strip_dtd(body), headers) is None, why
    fast, slow = both(body, headers)
    assert summary(fast) == summary(slow)


def test_a_plain_feed_takes_the_fast_path_with_feedparsers_values() -> None:
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        b"<link>https://site.example.com/</link><ttl>45</ttl><item>"
        b"<title>Xiaomi &amp;amp; BAIC confirm EV partnership</title>"
        b"<link>/story/1?utm_source=rss</link><guid isPermaLink='false'>s-1</guid>"
        b"<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>"
        b"<description>&lt;p&gt;Official &lt;b&gt;statement&lt;/b&gt;&lt;/p&gt;</description>"
        b"</item></channel></rss>"
    )
    feed = parse_fast(strip_dtd(body), RSS_TYPE)
    assert feed is not None and feed.version == "rss20" and feed.ttl == "45"
    fast, slow = both(body, RSS_TYPE)
    assert summary(fast) == summary(slow)
    (item,) = fast.items
    assert item.title == "Xiaomi & BAIC confirm EV partnership"
    assert item.summary == "Official statement"
    assert item.link == "https://site.example.com/story/1"
    assert fast.ttl == 45 * 60 and fast.kind == "rss20"
    assert item.published_at is not None and item.published_at.year == 2003


def test_a_feed_with_more_items_than_kept_gives_the_same_first_items() -> None:
    from monitor.ingest.parse import MAX_ITEMS

    items = "".join(
        f"<item><title>Story {i}</title><guid>g{i}</guid></item>" for i in range(MAX_ITEMS + 5)
    )
    body = f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()
    feed = parse_fast(strip_dtd(body), RSS_TYPE, MAX_ITEMS)
    assert feed is not None and len(feed.entries) == MAX_ITEMS
    fast, slow = both(body, RSS_TYPE)
    assert summary(fast) == summary(slow) and len(fast.items) == MAX_ITEMS


def test_the_fast_path_is_on_with_the_installed_feedparser() -> None:
    # Off only when feedparser lacks the internals it follows; then every feed is slow: say so.
    from monitor.ingest import fastparse

    assert fastparse.AVAILABLE
