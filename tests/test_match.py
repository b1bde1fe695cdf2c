"""Matcher behaviour on plain values: right claim on top, unrelated items not matched, explained."""

from __future__ import annotations

import time

import pytest

from monitor.judge.defaults import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD
from monitor.judge.index import Background
from monitor.judge.match import (
    BODY_CANDIDATES,
    CANDIDATES,
    MAX_BODY_CHARS,
    PASSAGE_CHARS,
    Matcher,
    split_body,
)
from monitor.judge.text import words
from monitor.model import Claim, MatchKind

PATH_TEXT = "Apple is buying Path"
CLAIMS = [
    Claim("path", PATH_TEXT),
    Claim("ankles", "Kim Jong Un broke both of his ankles"),
    Claim("sotloff", "ISIS beheads Steve Sotloff"),
    Claim("watch-500", "The stainless steel Apple Watch will retail for 500 USD"),
    Claim("watch-ship", "The Apple Watch will ship in March"),
    Claim("burger", "Two Australian men kept a McDonald's Quarter Pounder for 20 years"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(CLAIMS)


def test_thresholds_are_ordered() -> None:
    assert 0 < DEFAULT_REVIEW_THRESHOLD < DEFAULT_MATCH_THRESHOLD <= 100


@pytest.mark.parametrize(
    ("title", "claim_id"),
    [
        ("Apple in late stages to buy Path, sources say", "path"),
        ("Kim Jong-un broke his ankles, says South Korean spy agency", "ankles"),
        ("Steven Sotloff beheaded by ISIS in new video", "sotloff"),
        ("Stainless steel Apple Watch to retail at $500", "watch-500"),
        ("Apple Watch will ship in March, report says", "watch-ship"),
    ],
)
def test_headline_about_a_claim_matches_it_first(
    matcher: Matcher, title: str, claim_id: str
) -> None:
    found = matcher.match(title)
    assert found, f"no claim matched {title!r}"
    assert found[0].claim_id == claim_id
    assert found[0].kind is MatchKind.MATCH
    assert found[0].score >= DEFAULT_MATCH_THRESHOLD


@pytest.mark.parametrize(
    "title",
    [
        "Stock markets close higher after a quiet day of trading",
        "Local council approves new cycle lanes in the city centre",
        "Weather: heavy rain expected across the north tomorrow",
    ],
)
def test_unrelated_headline_matches_nothing(matcher: Matcher, title: str) -> None:
    assert [m for m in matcher.match(title) if m.kind is MatchKind.MATCH] == []


def test_near_duplicate_claim_is_explained_away(matcher: Matcher) -> None:
    # The item is about the price: the shipping claim shares "Apple Watch" but should not count.
    found = {
        m.claim_id: m for m in matcher.match("Apple Watch stainless steel model to retail for $500")
    }
    assert found["watch-500"].kind is MatchKind.MATCH
    assert "watch-ship" not in found or found["watch-ship"].kind is MatchKind.REVIEW


def test_explanation_names_terms_and_score(matcher: Matcher) -> None:
    m = matcher.match("Steven Sotloff beheaded by ISIS")[0]
    assert "sotloff" in m.matched_terms
    assert f"{m.score:.1f}" in m.why
    assert "match" in m.why


def test_typo_in_a_name_still_matches(matcher: Matcher) -> None:
    found = matcher.match("ISIS video shows beheading of Steve Sotlof")
    assert found and found[0].claim_id == "sotloff"


def test_require_groups_must_all_be_present() -> None:
    claim = Claim("path", "Apple is buying Path", require=(("path",), ("apple", "cupertino")))
    m = Matcher([claim])
    assert m.match("Apple in talks to buy Path")[0].kind is MatchKind.MATCH
    # Without "Path" the claim cannot match however close the rest is.
    assert m.match("Apple is buying a social network") == []


def test_per_claim_thresholds_override_defaults() -> None:
    strict = Claim("path", "Apple is buying Path", match_threshold=99.0, review_threshold=10.0)
    found = Matcher([strict]).match("Apple in late stages to buy Path")
    assert [m.kind for m in found] == [MatchKind.REVIEW]


def test_matcher_thresholds_are_used() -> None:
    claim = Claim("path", "Apple is buying Path")
    loose = Matcher([claim], match_threshold=5.0, review_threshold=1.0)
    strict = Matcher([claim], match_threshold=100.0, review_threshold=99.9)
    title = "Path acquisition talks"
    assert loose.match(title)[0].kind is MatchKind.MATCH
    assert strict.match(title) == []


def test_long_body_counts_title_and_lead_most() -> None:
    m = Matcher(
        [Claim("path", "Apple is buying Path"), Claim("ankles", "Kim Jong Un broke his ankles")]
    )
    filler = "The weather was mild and the markets were calm. " * 40
    early = m.match("", "Apple is in talks to buy Path, the social network. " + filler)
    late = m.match("", filler + "Apple is in talks to buy Path, the social network.")
    assert early and early[0].claim_id == "path"
    assert not late or late[0].score < early[0].score


# Several tracked claims about one story (Apple's smartwatch), as a user or the Fake News
# Challenge (headlines as claims) would have them.
WATCH_CLAIMS = [
    Claim("w-ship", "The Apple Watch will ship in March"),
    Claim("w-price", "The stainless steel Apple Watch will retail for 500 USD"),
    Claim("w-battery", "Apple Watch battery will only last one day"),
    Claim("w-shower", "The Apple Watch is water resistant enough to wear in the shower"),
    Claim("kim", "Kim Jong Un broke both of his ankles"),
]
WATCH_ARTICLE = (
    "Apple said on Monday that the Apple Watch will ship in March. The stainless steel model will "
    "retail for 500 USD, and its battery will last one day of ordinary use. The watch is water "
    "resistant, and Tim Cook said he wears his in the shower."
)


def test_an_article_body_supports_each_claim_of_its_story() -> None:
    m = Matcher(WATCH_CLAIMS)
    found = {x.claim_id: x for x in m.match("", WATCH_ARTICLE)}
    # A body tells the whole story: every watch claim it states matches, none is explained away.
    assert {"w-ship", "w-price", "w-battery", "w-shower"} <= {
        cid for cid, x in found.items() if x.kind is MatchKind.MATCH
    }
    assert "kim" not in found
    assert all("another claim fits better" not in x.why for x in found.values())
    assert all("scored by the body model" in x.why for x in found.values())
    assert all("body" not in x.why for x in m.match("Apple Watch will ship in March"))


def test_a_bodys_claims_do_not_compete_but_a_headlines_do() -> None:
    m = Matcher(WATCH_CLAIMS)
    # The story's main claim stated twice, another one only in passing.
    body = (
        "The Apple Watch will ship in March. Apple Watch shipping starts in March in the US. "
        "Its battery life is not yet known."
    )
    body_scores = m.rank(m.prepare("", body))
    assert len(body_scores) >= 2
    assert all(s.blend == s.raw and s.best_other == 0.0 for s in body_scores)
    headline_scores = m.rank(m.prepare(body, ""))  # the same words as a headline
    assert any(s.blend < s.raw for s in headline_scores)


def test_a_headline_still_names_one_claim_among_near_duplicates() -> None:
    m = Matcher(WATCH_CLAIMS)
    found = m.match("Apple Watch will ship in March, report says")
    assert found[0].claim_id == "w-ship"
    assert [x.claim_id for x in found if x.kind is MatchKind.MATCH] == ["w-ship"]


def test_a_body_is_scored_against_more_candidates_than_a_headline() -> None:
    assert BODY_CANDIDATES > CANDIDATES
    claims = [Claim(f"c{i}", f"Zorblax launch number {i} delayed again") for i in range(12)]
    m = Matcher(claims)
    body = "The Zorblax launch was delayed again, the company said. " * 3
    assert len(m.rank(m.prepare("", body))) == 12
    assert len(m.rank(m.prepare("Zorblax launch delayed again", ""))) == CANDIDATES


def test_empty_item_and_no_claims() -> None:
    assert Matcher(CLAIMS).match("", "") == []
    assert Matcher([]).match("Apple is buying Path") == []


def test_building_for_ten_thousand_claims_is_fast() -> None:
    words = ["apple", "watch", "steel", "gold", "ship", "march", "kim", "isis", "path", "burger"]
    claims = [
        Claim(f"c{i}", f"{words[i % 10]} {words[(i // 10) % 10]} claim {i} about topic{i % 997}")
        for i in range(10_000)
    ]
    t0 = time.perf_counter()
    m = Matcher(claims)
    assert time.perf_counter() - t0 < 5.0
    assert m.match("topic5 claim about apple")  # still answers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apple will sell 24 million watches", ["apple", "will", "sell", "24000000", "watches"]),
        ("UBS expects 24M watches", ["ubs", "expects", "24000000", "watches"]),
        ("15.4m units, $5,000 each", ["15400000", "units", "5000", "each"]),
        ("a 5k run of 15,000km", ["a", "5000", "run", "of", "15000", "km"]),
        ("1.5 billion users", ["1500000000", "users"]),
        ("2.01 million, or 2,010,000", ["2010000", "or", "2010000"]),
        ("1.07bn and 0.0015k", ["1070000000", "and", "1.5"]),
        ("the m and b roads, bomb", ["the", "m", "and", "b", "roads", "bomb"]),
    ],
)
def test_numbers_with_scale_words_or_suffixes_are_one_number(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_number_written_with_a_suffix_matches_the_claims_number() -> None:
    m = Matcher([Claim("sales", "Apple will sell 24 million Apple Watches in 2015"), *CLAIMS])
    found = m.match("Analyst expects 24M Apple Watch sales in 2015")
    assert found and found[0].claim_id == "sales"
    assert "24" in " ".join(found[0].matched_terms)


def test_word_families_join_irregular_forms() -> None:
    m = Matcher([Claim("singer", "Singer Ella Vance is dead"), Claim("path", PATH_TEXT)])
    found = m.match("Ella Vance died at 84, her family says")
    assert found and found[0].claim_id == "singer"
    assert "dead" in found[0].matched_terms  # "died" counts as the claim's "dead"


def test_compound_word_reaches_its_head_claim_term() -> None:
    m = Matcher([Claim("crab", "A 50-foot crab was photographed in the harbour"), *CLAIMS])
    found = m.match("Crabzilla photographed off the harbour wall")
    assert found and found[0].claim_id == "crab"
    assert "crab" in found[0].matched_terms


def test_background_makes_common_news_words_weigh_less() -> None:
    claims = [Claim("a", "A man in Ohio sold a haunted doll"), Claim("b", "Apple is buying Path")]
    news = Background({"man": 400, "ohio": 3}, 1000)
    plain = Matcher(claims, background=Background({}, 0)).index
    with_bg = Matcher(claims, background=news).index
    assert plain.idf["man"] == plain.idf["doll"]  # among two claims both are "rare"
    assert with_bg.idf["man"] < with_bg.idf["ohio"] < with_bg.idf["doll"]


FILLER = "The council met on Tuesday to discuss the budget for next year. " * 40


def test_a_long_body_is_judged_by_its_best_passage() -> None:
    m = Matcher(CLAIMS)
    about = "Apple is buying the social network Path, people close to the deal said. "
    # Deep in the body, one passage about the claim: the article is about it.
    (found, *_) = m.match("", FILLER + about + FILLER)
    assert found.claim_id == "path" and found.kind is MatchKind.MATCH
    # The claim's words scattered one per paragraph do not add up to it.
    scattered = " ".join(f"{FILLER[:400]} {w}." for w in ("Apple", "buying", "Path"))
    assert all(x.claim_id != "path" or x.score < found.score / 4 for x in m.match("", scattered))


def test_a_huge_body_is_read_up_to_a_bound() -> None:
    body = "Filler sentence about nothing much. " * 3000  # about 100 KB
    head, passages = split_body(body)
    assert len(head) + sum(map(len, passages)) <= MAX_BODY_CHARS
    assert all(len(p) <= PASSAGE_CHARS + 40 for p in passages)  # whole sentences, about that long
    assert Matcher(CLAIMS).match("", body + " Apple is buying Path.") == []  # past the bound


_SAME_IN_EVERY_PROCESS = """
import csv, hashlib, sys
from monitor.judge.match import Matcher
from monitor.model import Claim
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))[:400]
claims = {}
for r in rows:
    claims.setdefault(r["claim"], Claim(id=f"c{len(claims)}", text=r["claim"]))
matcher = Matcher(list(claims.values()))
digest = hashlib.sha256()
for r in rows:
    for m in matcher.match(r["title"], ""):
        digest.update(repr(m).encode())
print(digest.hexdigest())
"""


def test_scores_and_explanations_do_not_depend_on_the_hash_seed() -> None:
    # Python salts str hashes per process; a set's order must not reach a score or a "why".
    import os
    import subprocess
    import sys
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "shared" / "data" / "emergent-train.csv"
    if not data.is_file():
        pytest.skip(f"training data not found at {data}")
    outputs = set()
    for seed in ("1", "2", "3"):
        proc = subprocess.run(
            [sys.executable, "-c", _SAME_IN_EVERY_PROCESS, str(data)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outputs.add(proc.stdout.strip())
    assert len(outputs) == 1


# Issue 16: a headline about another event that shares one ordinary word (or one place name) with
# a claim is no evidence about it. The shipped model still matches these: words the training
# headlines never used count as rare (README, "Headlines about nothing tracked"; a model trained
# with the Snopes negatives at weight 0.3 scores them 22-23, review only). Strict, so the marker
# must go when a shipped model fixes it.
@pytest.mark.xfail(strict=True, reason="issue 16: one shared common word still reaches a match")
def test_one_shared_common_word_is_not_a_match() -> None:
    m = Matcher(
        [
            Claim(id="watch", text="The new smartwatch will be sold in three colors"),
            Claim(id="mayor", text="The mayor of Denver resigned over a bribery scandal"),
            Claim(id="shark", text="A shark was found swimming in a flooded Houston highway"),
        ]
    )
    # The same matcher does match a headline about the claim's event.
    assert [x.claim_id for x in m.match("Mayor of Denver quits amid bribery probe")] == ["mayor"]
    for headline in (
        "Painters debate which colors make a kitchen feel bigger",
        "Denver zoo welcomes twin baby giraffes",
        "Houston restaurant wins national barbecue prize",
    ):
        assert [x for x in m.match(headline) if x.kind == MatchKind.MATCH] == [], headline
