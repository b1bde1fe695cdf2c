"""Match an item against tracked claims: index proposes candidates, rapidfuzz re-ranks them.

The score (0..100) blends two views of the same question, "is this item about this claim?":

- coverage: the IDF-weighted share of the claim's terms that the item contains. Terms found in
  the title count fully, terms in the lead of the summary nearly so, terms deep in a long body
  less, so a passing mention in paragraph nine does not make an article about a claim;
- similarity: rapidfuzz's token_set_ratio between the claim and the item's title (or lead when
  there is no title), which rewards the same words in a near order and forgives small differences.

A claim's `require` groups must each be found (fuzzily) in the item, or the claim does not match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz import utils as fuzz_utils

from monitor.judge.index import ClaimIndex
from monitor.judge.text import fold, lead, terms
from monitor.model import Claim, Match, MatchKind

DEFAULT_MATCH_THRESHOLD: float = 45.0
DEFAULT_REVIEW_THRESHOLD: float = 32.0

# How much each part of an item counts towards coverage.
TITLE_WEIGHT = 1.0
LEAD_WEIGHT = 0.85
BODY_WEIGHT = 0.55
LEAD_CHARS = 400
# Bodies beyond this are not read: the claim, if present, is stated well before.
BODY_CHARS = 6000
# Blend of coverage and fuzzy similarity in the final score.
COVERAGE_SHARE = 0.75
# How many index candidates are re-ranked.
CANDIDATES = 25


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item prepared once for scoring against many claims."""

    title: str
    summary: str
    terms: dict[str, float]  # claim term -> best weight where it appears
    fuzzy_text: str  # processed text rapidfuzz compares claims with
    folded: str  # folded full text, for `require` checks


@dataclass(frozen=True, slots=True)
class Scored:
    """One claim's score for an item, with the evidence for it."""

    index: int
    score: float
    coverage: float
    similarity: float
    matched_terms: tuple[str, ...]
    missing_required: tuple[str, ...] = ()


class Matcher:
    """Scores items against a fixed set of claims. Build once per claims reload."""

    def __init__(
        self,
        claims: Sequence[Claim],
        match_threshold: float = DEFAULT_MATCH_THRESHOLD,
        review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    ) -> None:
        self.claims: list[Claim] = list(claims)
        self.match_threshold = match_threshold
        self.review_threshold = min(review_threshold, match_threshold)
        self.index = ClaimIndex([(c.text, *c.aliases) for c in self.claims])
        self._fuzzy_claims: list[list[str]] = [
            [fuzz_utils.default_process(t) for t in (c.text, *c.aliases)] for c in self.claims
        ]
        self._required: list[list[list[str]]] = [
            [[fold(alt) for alt in group] for group in c.require] for c in self.claims
        ]

    def thresholds(self, claim: Claim) -> tuple[float, float]:
        """(match, review) thresholds for a claim: its own when set, else the matcher's."""
        m = claim.match_threshold if claim.match_threshold is not None else self.match_threshold
        r = claim.review_threshold if claim.review_threshold is not None else self.review_threshold
        return m, min(r, m)

    def prepare(self, title: str, summary: str = "") -> ItemView:
        """Tokenise an item once; reuse the view for scoring against many claims."""
        summary = summary or ""
        head = lead(summary, LEAD_CHARS)
        body = summary[len(head) : BODY_CHARS]
        item_terms = self.index.item_terms(
            ((title, TITLE_WEIGHT), (head, LEAD_WEIGHT), (body, BODY_WEIGHT))
        )
        fuzzy_src = title if title.strip() else lead(summary, 200)
        return ItemView(
            title=title,
            summary=summary,
            terms=item_terms,
            fuzzy_text=fuzz_utils.default_process(fuzzy_src),
            folded=fold(f"{title} {summary[:BODY_CHARS]}"),
        )

    def score(self, i: int, item: ItemView) -> Scored:
        """Score claim number i against a prepared item."""
        ct = self.index.claims[i]
        found = 0.0
        matched: list[str] = []
        for t, w in ct.weights.items():
            iw = item.terms.get(t)
            if iw is not None:
                found += w * iw
                matched.append(t)
        coverage = found / ct.total
        similarity = 0.0
        if item.fuzzy_text:
            similarity = (
                max(
                    fuzz.token_set_ratio(item.fuzzy_text, c, processor=None)
                    for c in self._fuzzy_claims[i]
                )
                / 100.0
            )
        score = 100.0 * (COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * similarity)
        missing = tuple(
            "|".join(group) for group in self._required[i] if not _group_present(group, item)
        )
        if missing:
            score = 0.0
        matched.sort(key=lambda t: -ct.weights[t])
        return Scored(i, score, coverage, similarity, tuple(matched), missing)

    def rank(self, item: ItemView, limit: int = CANDIDATES) -> list[Scored]:
        """Candidate claims for an item, re-ranked by full score, best first."""
        cands = self.index.candidates(item.terms, limit)
        scored = [self.score(i, item) for i, _ in cands]
        scored.sort(key=lambda s: -s.score)
        return scored

    def match(self, title: str, summary: str = "") -> list[Match]:
        """Claims scoring at or above their review threshold, best first, explained."""
        out: list[Match] = []
        for s in self.rank(self.prepare(title, summary)):
            claim = self.claims[s.index]
            m_thr, r_thr = self.thresholds(claim)
            if s.score < r_thr:
                continue
            kind = MatchKind.MATCH if s.score >= m_thr else MatchKind.REVIEW
            out.append(
                Match(
                    claim_id=claim.id,
                    score=round(s.score, 1),
                    kind=kind,
                    matched_terms=s.matched_terms,
                    why=explain(s, m_thr, r_thr),
                )
            )
        return out


def _group_present(group: Sequence[str], item: ItemView) -> bool:
    """A `require` group is present when any alternative appears, allowing small typos."""
    for alt in group:
        if alt in item.folded:
            return True
        if len(alt) >= 5 and fuzz.partial_ratio(alt, item.folded, score_cutoff=88):
            return True
        alt_terms = terms(alt)
        if alt_terms and all(t in item.terms for t in alt_terms):
            return True
    return False


def explain(s: Scored, match_threshold: float, review_threshold: float) -> str:
    """One line saying how the score was made, for people tuning thresholds."""
    verdict = (
        "match"
        if s.score >= match_threshold
        else "review"
        if s.score >= review_threshold
        else "below review"
    )
    terms_txt = ", ".join(s.matched_terms[:8]) or "none"
    return (
        f"score {s.score:.1f} ({verdict}; match >= {match_threshold:g}, review >= "
        f"{review_threshold:g}) = {COVERAGE_SHARE:.0%} term coverage {s.coverage:.0%} "
        f"+ {1 - COVERAGE_SHARE:.0%} fuzzy similarity {s.similarity:.0%}; shared terms: {terms_txt}"
    )
