"""Status rules on plain values: tiers, thresholds, disputes, syndicated copies, reasons."""

from __future__ import annotations

from monitor.judge.provenance import FeedOrigin, assess_source
from monitor.judge.rules import decide, next_status
from monitor.model import EvidenceView, Item, RulePolicy, SourceTier, Stance, Status

OFF, TRU, OTH = SourceTier.OFFICIAL, SourceTier.TRUSTED, SourceTier.OTHER
C, D, R = Stance.CONFIRMS, Stance.DENIES, Stance.REPORTS


def ev(i: int, source: str, tier: SourceTier, stance: Stance, story: str = "") -> EvidenceView:
    return EvidenceView(
        id=i,
        source=source,
        source_tier=tier,
        stance=stance,
        score=80.0,
        title=f"headline {i}",
        story_key=story or f"s{i}",
    )


OFFICIAL = ("mi.com", "https://newsroom.example.org/xiaomi/")
TRUSTED = ("reuters.com",)


def item(source: str, link: str = "", proof: str = "") -> Item:
    return Item(title="Xiaomi confirms BAIC deal", summary="", link=link, source=source, link_proof=proof)


def tier(it: Item, feed: FeedOrigin) -> tuple[SourceTier, str]:
    return assess_source(it, feed, OFFICIAL, TRUSTED)


def test_official_needs_the_feed_itself_or_a_verified_link() -> None:
    # The feed is the official source: by its declared source, its host, or its URL.
    assert tier(item("mi.com"), FeedOrigin("https://cdn.example.net/feed", "mi.com"))[0] is OFF
    assert tier(item("blog.mi.com"), FeedOrigin("https://blog.mi.com/rss"))[0] is OFF
    assert tier(item("x"), FeedOrigin("https://newsroom.example.org/xiaomi/feed"))[0] is OFF
    t, why = tier(item("mi.com"), FeedOrigin("https://cdn.example.net/feed", "mi.com"))
    assert "declared feed source mi.com" in why
    # A blog linking to the official site: not official without proof, and says why.
    blog = FeedOrigin("https://prank.example.com/rss")
    t, why = tier(item("prank.example.com", "https://www.mi.com/news/1"), blog)
    assert t is OTH and "links to the official mi.com, not verified" in why
    t, why = tier(item("prank.example.com", "https://www.mi.com/news/1", "not verified: 404 Not Found"), blog)
    assert t is OTH and "404" in why
    t, why = tier(item("prank.example.com", "https://www.mi.com/news/1", "verified at https://www.mi.com/news/1"), blog)
    assert t is OFF and "verified at https://www.mi.com/news/1" in why
    # Not a subdomain; an address names no publisher.
    assert tier(item("notmi.com"), FeedOrigin("https://notmi.com/rss"))[0] is OTH
    assert tier(item(""), FeedOrigin("http://127.0.0.1:8080/rss"))[0] is OTH


def test_an_aggregator_attributes_items_but_never_makes_them_official() -> None:
    news = FeedOrigin("https://news.google.com/rss/search?q=xiaomi", aggregator=True)
    t, why = tier(item("uk.reuters.com", "https://uk.reuters.com/a"), news)
    assert t is TRU and "attributed by the news-search feed" in why
    assert tier(item("mi.com", "https://www.mi.com/a"), news)[0] is OTH  # claims to be mi.com: unproven
    # A plain feed's items are its own, whatever they link to or claim as <source>.
    assert tier(item("reuters.com", "https://www.reuters.com/a"), FeedOrigin("https://blog.example.com/rss", "blog.example.com"))[0] is OTH


def test_reports_alone_never_decide() -> None:
    d = decide([ev(1, "mi.com", OFF, R), ev(2, "reuters.com", TRU, R), ev(3, "bloomberg.com", TRU, R)])
    assert d.status is Status.UNVERIFIED and d.evidence_ids == ()
    assert "official source" in d.reason


def test_one_official_confirmation_decides() -> None:
    d = decide([ev(1, "blog.example", OTH, C), ev(2, "mi.com", OFF, C)])
    assert d.status is Status.CONFIRMED and d.evidence_ids == (2,)
    assert "official" in d.reason and "mi.com" in d.reason and "headline 2" in d.reason


def test_one_official_denial_decides() -> None:
    d = decide([ev(5, "mi.com", OFF, D)])
    assert d.status is Status.DENIED and d.evidence_ids == (5,)


def test_two_distinct_trusted_sources_decide_but_one_outlet_twice_does_not() -> None:
    assert (
        decide([ev(1, "reuters.com", TRU, C), ev(2, "reuters.com", TRU, C)]).status is Status.UNVERIFIED
    )
    d = decide([ev(1, "reuters.com", TRU, C), ev(2, "bloomberg.com", TRU, C)])
    assert d.status is Status.CONFIRMED and d.evidence_ids == (1, 2)
    assert "2 trusted sources" in d.reason


def test_other_sources_never_decide_however_many() -> None:
    many = [ev(i, f"site{i}.com", OTH, C) for i in range(20)]
    assert decide(many).status is Status.UNVERIFIED


def test_syndicated_copies_count_once() -> None:
    # The same story (same story key) from two trusted outlets is one piece of evidence.
    d = decide([ev(1, "reuters.com", TRU, C, story="k"), ev(2, "bloomberg.com", TRU, C, story="k")])
    assert d.status is Status.UNVERIFIED


def test_official_outranks_trusted() -> None:
    evidence = [ev(1, "reuters.com", TRU, D), ev(2, "bloomberg.com", TRU, D), ev(3, "mi.com", OFF, C)]
    d = decide(evidence)
    assert d.status is Status.CONFIRMED and d.evidence_ids == (3,)


def test_conflict_at_the_deciding_tier_is_disputed() -> None:
    d = decide([ev(1, "mi.com", OFF, C), ev(2, "xiaomi.com", OFF, D)])
    assert d.status is Status.DISPUTED and d.evidence_ids == (1, 2)
    assert "disagree" in d.reason
    trusted = [
        ev(1, "reuters.com", TRU, C),
        ev(2, "ft.com", TRU, C),
        ev(3, "wsj.com", TRU, D),
        ev(4, "cnbc.com", TRU, D),
    ]
    assert decide(trusted).status is Status.DISPUTED


def test_thresholds_are_configurable() -> None:
    strict = RulePolicy(official_needed=2, trusted_needed=3)
    evidence = [ev(1, "mi.com", OFF, C), ev(2, "reuters.com", TRU, C)]
    assert decide(evidence, strict).status is Status.UNVERIFIED
    # The official source counts toward the trusted tier as well.
    assert decide(evidence + [ev(3, "ft.com", TRU, C)], strict).status is Status.CONFIRMED


def test_next_status_only_reports_a_change_and_respects_a_pin() -> None:
    confirming = [ev(1, "mi.com", OFF, C)]
    assert next_status(Status.CONFIRMED, False, confirming) is None
    assert next_status(Status.UNVERIFIED, True, confirming) is None
    change = next_status(Status.UNVERIFIED, False, confirming)
    assert change is not None and change.status is Status.CONFIRMED


def test_one_outlet_counts_once_whatever_its_subdomain() -> None:
    both = [ev(1, "uk.reuters.com", TRU, C), ev(2, "www.reuters.com", TRU, C)]
    assert decide(both).status is Status.UNVERIFIED
    assert decide([*both, ev(3, "bloomberg.com", TRU, C)]).status is Status.CONFIRMED
