"""Match an item against tracked claims: index proposes candidates, rapidfuzz re-ranks them.

The score (0..100) blends three views of the same question, "is this item about this claim?":

- claim coverage: the IDF-weighted share of the claim's terms found in the item. Terms in the
  title count fully, in the lead of the summary nearly so, deep in a long body less, so a passing
  mention in paragraph nine does not make an article about a claim;
- item coverage: the IDF-weighted share of the title's terms found in the claim, so a headline
  that is mostly about something else scores lower (skipped for items without a title);
- similarity: rapidfuzz's token_set_ratio between the claim and the title (or the lead), which
  forgives small spelling differences and rewards the same words in a near order.

Then "explaining away": when another claim fits the item clearly better (by more than a margin),
the weaker claim loses part of the gap. A headline states one thing; near-duplicate claims ("will
cost $500" vs "will cost $550") should not all fire on it. Long bodies may discuss several claims,
so they are penalised less. A claim's `require` groups must each be found (fuzzily) in the item.
Weights were chosen by cross-validation grouped by claim (scripts/crossval.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz import utils as fuzz_utils

from monitor.judge.index import ClaimIndex
from monitor.judge.text import fold, lead, terms
from monitor.model import Claim, Match, MatchKind

DEFAULT_MATCH_THRESHOLD: float = 35.0
DEFAULT_REVIEW_THRESHOLD: float = 22.0

# How much each part of an item counts towards coverage.
TITLE_WEIGHT = 1.0
LEAD_WEIGHT = 0.85
BODY_WEIGHT = 0.55
LEAD_CHARS = 400
# Bodies beyond this are not read: the claim, if present, is stated well before.
BODY_CHARS = 6000
# Blend of claim coverage, item (title) coverage and fuzzy similarity in the final score.
CLAIM_COVERAGE_SHARE = 0.4
ITEM_COVERAGE_SHARE = 0.4
SIMILARITY_SHARE = 0.2
# Explaining away: a claim trailing the item's best claim by more than MARGIN points loses
# PENALTY times the excess (LONG_PENALTY for long bodies without a title).
MARGIN = 5.0
PENALTY = 1.5
LONG_PENALTY = 0.5
# How many index candidates are scored, and how many of them get the fuzzy comparison.
CANDIDATES = 12
RERANK = 8


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item prepared once for scoring against many claims."""

    title: str
    summary: str
    terms: dict[str, float]  # claim term -> best weight where it appears
    title_terms: tuple[str, ...]  # the title's terms (claim terms where known), for item coverage
    title_total: float  # IDF mass of the title's terms; unknown terms count as rare
    fuzzy_text: str  # processed text rapidfuzz compares claims with
    folded: str  # folded full text, for `require` checks


@dataclass(frozen=True, slots=True)
class Scored:
    """One claim's score for an item, with the evidence for it."""

    index: int
    score: float
    coverage: float
    item_coverage: float | None
    similarity: float
    matched_terms: tuple[str, ...]
    missing_required: tuple[str, ...] = ()
    raw: float = 0.0  # before explaining away
    best_other: float = 0.0  # the best competing claim's raw score, when it explained this away


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
        self._any_required = any(self._required)

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
        tt: list[str] = []
        for t in dict.fromkeys(terms(title)):
            r = self.index.resolve(t)
            tt.append(r if r is not None else t)
        rare = self.index.max_idf
        return ItemView(
            title=title,
            summary=summary,
            terms=item_terms,
            title_terms=tuple(tt),
            title_total=sum(self.index.idf.get(t, rare) for t in tt),
            fuzzy_text=fuzz_utils.default_process(fuzzy_src),
            folded=fold(f"{title} {summary[:BODY_CHARS]}") if self._any_required else "",
        )

    def _similarity(self, i: int, item: ItemView) -> float:
        if not item.fuzzy_text:
            return 0.0
        best = 0.0
        for c in self._fuzzy_claims[i]:
            best = max(best, fuzz.token_set_ratio(item.fuzzy_text, c, processor=None))
        return best / 100.0

    def _scored(
        self, i: int, item: ItemView, coverage: float, item_cov: float | None, similarity: float
    ) -> Scored:
        if item_cov is not None:
            base = (
                CLAIM_COVERAGE_SHARE * coverage
                + ITEM_COVERAGE_SHARE * item_cov
                + SIMILARITY_SHARE * similarity
            )
        else:
            base = (1 - SIMILARITY_SHARE) * coverage + SIMILARITY_SHARE * similarity
        weights = self.index.claims[i].weights
        matched = sorted((t for t in weights if t in item.terms), key=lambda t: -weights[t])
        missing = tuple(
            "|".join(group) for group in self._required[i] if not _group_present(group, item)
        )
        score = 0.0 if missing else 100.0 * base
        shown = tuple(self.index.surface.get(t, t) for t in matched)
        return Scored(i, score, coverage, item_cov, similarity, shown, missing, score)

    def score(self, i: int, item: ItemView) -> Scored:
        """Raw score of claim number i for a prepared item (before explaining away)."""
        ct = self.index.claims[i]
        found = sum(w * item.terms[t] for t, w in ct.weights.items() if t in item.terms)
        return self._scored(
            i, item, found / ct.total, self._item_coverage(i, item), self._similarity(i, item)
        )

    def _item_coverage(self, i: int, item: ItemView) -> float | None:
        if item.title_total <= 0:
            return None
        w = self.index.claims[i].weights
        return sum(w[t] for t in item.title_terms if t in w) / item.title_total

    def explain_away(self, scored: Scored, best: float, item: ItemView) -> Scored:
        """Lower a claim's score when another claim (raw score `best`) fits the item clearly better."""
        gap = best - scored.raw - MARGIN
        if gap <= 0:
            return scored
        penalty = PENALTY if item.title.strip() else LONG_PENALTY
        score = max(0.0, scored.raw - penalty * gap)
        return replace(scored, score=score, best_other=best)

    def rank(self, item: ItemView, limit: int = CANDIDATES) -> list[Scored]:
        """The claims the index proposes for an item, scored, best first.

        Claims the index does not propose score 0. The fuzzy comparison is the costly part, so
        only the RERANK candidates best on term coverage get it; the rest score without it.
        """
        partial: list[tuple[float, int, float, float | None]] = []
        for i, cov in self.index.candidates(item.terms, limit):
            icov = self._item_coverage(i, item)
            if icov is None:
                p = (1 - SIMILARITY_SHARE) * cov
            else:
                p = CLAIM_COVERAGE_SHARE * cov + ITEM_COVERAGE_SHARE * icov
            partial.append((p, i, cov, icov))
        partial.sort(reverse=True)
        raw = [
            self._scored(i, item, cov, icov, self._similarity(i, item) if k < RERANK else 0.0)
            for k, (_, i, cov, icov) in enumerate(partial)
        ]
        best = max((s.raw for s in raw), default=0.0)
        scored = [self.explain_away(s, best, item) for s in raw]
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
    if s.score >= match_threshold:
        verdict = "match"
    elif s.score >= review_threshold:
        verdict = "review"
    else:
        verdict = "below review"
    parts = [f"claim terms found {s.coverage:.0%}"]
    if s.item_coverage is not None:
        parts.append(f"title terms in claim {s.item_coverage:.0%}")
    parts.append(f"fuzzy similarity {s.similarity:.0%}")
    text = (
        f"score {s.score:.1f} ({verdict}; match >= {match_threshold:g}, review >= "
        f"{review_threshold:g}): {', '.join(parts)}; shared terms: "
        f"{', '.join(s.matched_terms[:8]) or 'none'}"
    )
    if s.missing_required:
        text += f"; required term missing: {', '.join(s.missing_required)}"
    if s.best_other > s.raw:
        text += f"; lowered from {s.raw:.1f}: another claim fits better ({s.best_other:.1f})"
    return text
