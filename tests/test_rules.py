"""Status rules on plain values: tiers, thresholds, disputes, syndicated copies, reasons."""

from __future__ import annotations

from monitor.judge.rules import decide, next_status, source_tier
from monitor.model import EvidenceView, RulePolicy, SourceTier, Stance, Status

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


def test_source_tier_domains_subdomains_and_url_prefixes() -> None:
    official, trusted = ["mi.com", "https://newsroom.example.org/xiaomi/"], ["reuters.com"]
    assert source_tier("mi.com", "", official, trusted) is OFF
    assert source_tier("blog.mi.com", "", official, trusted) is OFF
    assert source_tier("www.reuters.com", "", official, trusted) is TRU
    assert source_tier("notmi.com", "", official, trusted) is OTH  # not a subdomain
    assert (
        source_tier("example.org", "https://newsroom.example.org/xiaomi/a", official, trusted) is OFF
    )
    assert (
        source_tier(
            "example.org",
            "https://x.example.org/a",
            official,
            trusted,
            feed_url="https://newsroom.example.org/xiaomi/feed",
        )
        is OFF
    )
    assert source_tier("", "", official, trusted) is OTH


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
