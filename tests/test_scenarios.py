"""Scenarios through the real CLI, each a claim with the feeds and pages a user would have: forged
and proven official sources, aggregators, outlets, and headlines that must not be misread (in
English and Chinese). One configuration holds them all (distinct subjects, so they do not
meet); one poll; then each claim's final status, its evidence's stance, and the recorded reason.

The headlines are written for these tests; the held-back scenarios that check this work are
different ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import pytest
from helpers.cli import cli, cli_json, write_config
from helpers.feedserver import FeedServer

TRUSTED = ["reuters.com", "bloomberg.com", "ft.com"]


@dataclass
class Feed:
    items: list[tuple[str, str]]  # (headline, link); a link "page:/x" is served on the official host
    source: str | None = None  # declared publisher
    aggregator: bool = False
    source_of: dict[int, str] = field(default_factory=dict)  # item index -> <source url=...>


@dataclass
class Scenario:
    id: str
    claim: str
    feeds: list[Feed]
    status: str  # expected final status
    stance: str | None = None  # expected stance of the first item's evidence, when it matches
    reason: str = ""  # expected in the history's reason, or else in the evidence's provenance
    official: tuple[str, ...] = ()
    pages: dict[str, str] = field(default_factory=dict)  # path on the official host -> headline


OFFICIAL_HOST = "www.nordwind-energy.com"  # pinned to the local server ([network] resolve)

SCENARIOS = [
    # --- who published it -------------------------------------------------------------------------
    Scenario(
        "forged-link",
        "Nordwind Energy buys Solara Grid",
        [Feed([("Nordwind Energy confirms it has bought Solara Grid", "page:/missing")], source="prank-blog.example")],
        "unverified", reason="links to the official nordwind-energy.com, not verified",
        official=("nordwind-energy.com",),
    ),
    Scenario(
        "verified-link",
        "Nordwind Energy opens a hydrogen plant in Bremen",
        [Feed([("Nordwind Energy opens its hydrogen plant in Bremen", "page:/bremen")], source="energy-blog.example")],
        "confirmed", "confirms", reason="verified at http://www.nordwind-energy.com",
        official=("nordwind-energy.com",),
        pages={"/bremen": "Nordwind Energy opens its hydrogen plant in Bremen"},
    ),
    Scenario(
        "link-page-says-otherwise",
        "Nordwind Energy sells its Danish wind farms",
        [Feed([("Nordwind Energy sells its Danish wind farms to Vestra", "page:/denmark")], source="wind-blog.example")],
        "unverified", reason="does not carry the item's headline",
        official=("nordwind-energy.com",),
        pages={"/denmark": "Nordwind Energy annual report 2026"},
    ),
    Scenario(
        "forged-source-element",
        "Kestrel Airways orders 40 new jets",
        [Feed([("Kestrel Airways orders 40 new jets", "https://aviation-blog.example/1")],
              source="aviation-blog.example", source_of={0: "https://www.kestrel-airways.com/"})],
        "unverified", reason="neither official nor trusted",
        official=("kestrel-airways.com",),
    ),
    Scenario(
        "declared-newsroom-on-a-cdn",
        "Volta Cars recalls 20,000 vans",
        [Feed([("Volta Cars recalls 20,000 vans over brake fault", "https://cdn.example-cdn.net/p/1")],
              source="voltacars.com")],
        "confirmed", "confirms", reason="declared feed source voltacars.com",
        official=("voltacars.com",),
    ),
    Scenario(
        "aggregator-two-trusted",
        "Harbin Steel merges with Pacific Ore",
        [Feed([("Harbin Steel completes merger with Pacific Ore", "https://news.google.com/a1"),
               ("Harbin Steel and Pacific Ore complete merger", "https://news.google.com/a2")],
              aggregator=True,
              source_of={0: "https://www.reuters.com/", 1: "https://www.bloomberg.com/"})],
        "confirmed", "confirms", reason="2 trusted sources",
    ),
    Scenario(
        "one-outlet-two-hosts",
        "Lumen Bank cuts 3,000 jobs",
        [Feed([("Lumen Bank cuts 3,000 jobs", "https://news.google.com/b1"),
               ("Lumen Bank to cut 3,000 jobs, confirms plan", "https://news.google.com/b2")],
              aggregator=True,
              source_of={0: "https://uk.reuters.com/", 1: "https://www.reuters.com/"})],
        "unverified", "confirms", reason="trusted outlet reuters.com",
    ),
    Scenario(
        "aggregator-never-official",
        "Orchid Telecom is bought by Zenit",
        [Feed([("Orchid Telecom confirms takeover by Zenit", "https://news.google.com/c1")],
              aggregator=True, source_of={0: "https://www.orchid-telecom.com/"})],
        "unverified", reason="neither official nor trusted",
        official=("orchid-telecom.com",),
    ),
    Scenario(
        "address-names-no-publisher",
        "Pinecrest Foods closes its Leeds bakery",
        [Feed([("Pinecrest Foods closes its Leeds bakery", "https://pinecrest-foods.com/news/1")])],
        "unverified", reason="an unnamed publisher is neither official nor trusted",
        official=("pinecrest-foods.com",),
    ),
]


def _rss(feed: Feed, page_base: str) -> bytes:
    items = []
    for k, (title, link) in enumerate(feed.items):
        url = page_base + link[5:] if link.startswith("page:") else link
        src = f'<source url="{escape(feed.source_of[k])}">x</source>' if k in feed.source_of else ""
        items.append(
            f"<item><title>{escape(title)}</title><link>{escape(url)}</link><guid>g{k}</guid>{src}</item>"
        )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{"".join(items)}</channel></rss>'.encode()


def _config(server: FeedServer, scenarios: list[Scenario]) -> str:
    lines = [
        '[database]\nurl = "sqlite:///data/monitor.db"',
        f'[network]\nallow_private = true\nresolve = {{ "{OFFICIAL_HOST}" = "{server.host}" }}',
        f"[sources]\ntrusted = {TRUSTED!r}".replace("'", '"'),
        '[logging]\nformat = "json"',
        "[matching]\nsemantic = false",
    ]
    page_base = server.url("", host=OFFICIAL_HOST)
    for s in scenarios:
        official = ", ".join(f'"{o}"' for o in s.official)
        lines.append(f'[[claims]]\nid = "{s.id}"\ntext = "{s.claim}"\nofficial_sources = [{official}]')
        for n, feed in enumerate(s.feeds):
            url = server.route(f"/{s.id}/{n}.xml", body=_rss(feed, page_base))
            entry = f'[[feeds]]\nurl = "{url}"'
            if feed.source:
                entry += f'\nsource = "{feed.source}"'
            if feed.aggregator:
                entry += "\naggregator = true"
            lines.append(entry)
        for path, headline in s.pages.items():
            server.route(path, body=f"<html><title>{escape(headline)}</title><p>{escape(headline)}.</p></html>".encode())
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    server = FeedServer()
    try:
        config = write_config(tmp_path_factory.mktemp("scenarios") / "monitor.toml", _config(server, SCENARIOS))
        cli(config, "poll", "--once")
        status = {c["id"]: c for c in cli_json(config, "status")}
        history = cli_json(config, "history")
        evidence = {s.id: cli_json(config, "evidence", s.id) for s in SCENARIOS}
        return {"status": status, "history": history, "evidence": evidence}
    finally:
        server.close()


@pytest.mark.parametrize("s", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(s: Scenario, outcome: dict[str, Any]) -> None:
    assert outcome["status"][s.id]["status"] == s.status
    evidence = outcome["evidence"][s.id]
    first = next((e for e in evidence if e["title"] == s.feeds[0].items[0][0]), None)
    if s.stance is not None:
        assert first is not None, f"{s.id}: the first item did not match"
        assert first["stance"] == s.stance
    if s.reason:
        said = [c["reason"] for c in outcome["history"] if c["claim_id"] == s.id]
        said += [e["provenance"] for e in evidence]
        assert any(s.reason in text for text in said), (s.reason, said)
