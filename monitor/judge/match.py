"""Match an item against tracked claims: index proposes candidates, rapidfuzz re-ranks them.

Each proposed claim is measured against the item in three ways, "is this item about this claim?":

- claim coverage: the IDF-weighted share of the claim's terms found in the item. Terms in the
  title count fully, in the lead of the summary nearly so, deep in a long body less, so a passing
  mention in paragraph nine does not make an article about a claim;
- item coverage: the IDF-weighted share of the title's terms found in the claim, so a headline
  that is mostly about something else scores lower (skipped for items without a title);
- similarity: rapidfuzz's token_set_ratio between the claim and the title (or the lead), which
  forgives small spelling differences and rewards the same words in a near order.

A hand-set blend of the three (0..100) goes through "explaining away": when another claim fits
the item clearly better (by more than a margin), the weaker claim loses part of the gap. A
headline states one thing; near-duplicate claims ("will cost $500" vs "will cost $550") should
not all fire on it. An article body without a headline is different: it tells a whole story and
can bear on several claims about it, so its claims do not compete, more candidates are scored,
and its own model (below) weighs its measurements.

The score is then the relatedness model's probability, times 100, that the item is about the
claim (monitor/judge/relatedness.py): a logistic regression over the blend and a few more
measurements of the pair (how rare the shared words are, how many, the claim's numbers), trained
by scripts/train_match.py, one model for items with a headline and one for bare bodies. Without
the model file the blend is the score. A claim's `require` groups must each be found (fuzzily)
in the item, else it scores 0. Weights and thresholds were chosen by cross-validation grouped by
claim (scripts/crossval.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz
from rapidfuzz import utils as fuzz_utils

from monitor.judge.defaults import (
    DEFAULT_MATCH_THRESHOLD,
    DEFAULT_REVIEW_THRESHOLD,
    DEFAULT_SEMANTIC_GATE,
)
from monitor.judge.index import Background, ClaimIndex
from monitor.judge.language import SENTENCE_MODEL_LANGUAGES, detect, is_english
from monitor.judge.relatedness import (
    LABELS,
    RelatednessModel,
    shipped_body_model,
    shipped_cross_model,
    shipped_english_model,
    shipped_model,
    shipped_semantic_model,
    sigmoid,
)
from monitor.judge.text import MAX_TITLE_CHARS, fold, for_reading, lead, terms, words
from monitor.model import Claim, Match, MatchKind

if TYPE_CHECKING:
    from monitor.judge.semantic import EnglishEncoder, SentenceEncoder, VectorStore


# How much each part of an item counts towards coverage.
TITLE_WEIGHT = 1.0
LEAD_WEIGHT = 0.85
LEAD_CHARS = 400
# Past the lead, a body is read in passages of about PASSAGE_CHARS (whole sentences); a claim is
# measured against the title, the lead and its single best passage, so an article is judged by
# where it talks about the claim, and mentions scattered over many paragraphs do not add up.
PASSAGE_CHARS = 400
# A passage that covers a claim counts nearly as much as the lead: where an article talks about a
# claim is what makes it about the claim, however deep (one passage, not scattered words).
PASSAGE_WEIGHT = LEAD_WEIGHT
# A body is read up to this many characters (feeds' summaries are cut at 4,000 by normalise).
MAX_BODY_CHARS = 10_000
# `require` groups are looked for in the title and this much of the body.
BODY_CHARS = 4000
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
# Blend of claim coverage, item (title) coverage and fuzzy similarity in the final score.
CLAIM_COVERAGE_SHARE = 0.4
ITEM_COVERAGE_SHARE = 0.4
SIMILARITY_SHARE = 0.2
# Explaining away: a claim trailing the item's best claim by more than MARGIN points loses
# PENALTY times the excess (items with a headline only).
MARGIN = 2.0
PENALTY = 3.0
# How many index candidates are scored, and how many of them get the fuzzy comparison. A body
# without a headline may be about many claims on one story (a news-search result, an article):
# BODY_CANDIDATES of them are scored.
CANDIDATES = 6
BODY_CANDIDATES = 30
RERANK = 5
# Semantic matching: the claims closest in meaning join the index's candidates (so a headline
# sharing no word with its claim can still match it).
SEMANTIC_CANDIDATES = 3
# The sentence model reads a headline only when it can change the outcome: the lexical score of
# its best claim reaches SEMANTIC_GATE, or it is in a language none of the claims is written in
# (only the multilingual model relates those). Most news is about no tracked claim, and this keeps
# its cost down (`[matching] semantic_gate`; README "Semantic matching" has the trade-off).
SEMANTIC_GATE = DEFAULT_SEMANTIC_GATE


def sentence_model_text(title: str) -> str:
    """A headline as the sentence models read it: its first MAX_TITLE_CHARS characters, links and
    tag marks left out. scripts/train_stance.py reads its training headlines through this too, so
    the stance layer learns from the vectors the service gives it."""
    return for_reading(lead(title, MAX_TITLE_CHARS))


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
    body_only: bool = False  # no headline: an article body, scored by the body model
    # Past the lead: each passage's claim terms (at PASSAGE_WEIGHT); the title's and lead's are in
    # ``base``. Empty for a short summary (``terms`` is all there is).
    passages: tuple[dict[str, float], ...] = ()
    base: dict[str, float] | None = None
    # Semantic matching: the sentence model's cosine of the headline with each claim (a numpy
    # array; None when off or for a bare body), and the best of them.
    cosines: Any = None
    best_cosine: float = 0.0
    language: str = ""  # the headline's (judge/language.py), "" when unsure
    # The best cosine among the claims in another language than the headline (the cross model's
    # gap); the same as ``best_cosine`` when one model read the headline against every claim.
    cross_best: float = 0.0
    # The English sentence model's vector of the headline, when it read it (stance reads it too).
    vector: Any = None

    @property
    def english(self) -> bool:
        """Read by the English sentence model: ``cosines`` are its cosines with the English claims
        (the multilingual model's with the others), scored by the "english" relatedness model."""
        return self.vector is not None


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made building
# the several Scored per candidate a tenth of the matching time. Treat it as read-only all the same.
@dataclass(slots=True)
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
    blend: float = 0.0  # the hand-set blend after explaining away (the score without a model)
    pushes: tuple[tuple[str, float], ...] = ()  # the model's biggest pushes on the log-odds


class Matcher:
    """Scores items against a fixed set of claims. Build once per claims reload."""

    def __init__(
        self,
        claims: Sequence[Claim],
        match_threshold: float = DEFAULT_MATCH_THRESHOLD,
        review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
        *,
        background: Background | None = None,
        relatedness: RelatednessModel | None | str = "shipped",
        body_relatedness: RelatednessModel | None | str = "shipped",
        semantic: SentenceEncoder | None = None,
        semantic_relatedness: RelatednessModel | None | str = "shipped",
        vector_store: VectorStore | None = None,
        defer_semantic: bool = False,
        semantic_gate: float = SEMANTIC_GATE,
        english: EnglishEncoder | None = None,
        english_relatedness: RelatednessModel | None | str = "shipped",
    ) -> None:
        """``relatedness``: the model turning a pair's measurements into the score ("shipped":
        monitor/judge/match_model.json; None: the hand-set blend is the score).
        ``body_relatedness``: the same for items without a headline (None: ``relatedness``).
        ``semantic``: a sentence encoder for semantic matching (headlines only); its score then
        comes from ``semantic_relatedness``, a model trained with the two cosine measurements
        ("shipped": the "semantic" part of match_model.json). ``vector_store``: where the claims'
        vectors are kept between runs. ``defer_semantic``: no encoder here, but the headlines the
        sentence model would read are left unjudged (None) for a process that has it (the parse
        workers leave them to the service). ``english``: a stronger English sentence model for
        English headlines against the claims written in English (with ``semantic`` only); its
        pairs are scored by ``english_relatedness`` ("shipped": the "english" part)."""
        self.claims: list[Claim] = list(claims)
        self.model: RelatednessModel | None = (
            shipped_model() if relatedness == "shipped" else relatedness  # type: ignore[assignment]
        )
        body: RelatednessModel | None = (
            shipped_body_model() if body_relatedness == "shipped" else body_relatedness  # type: ignore[assignment]
        )
        self.body_model: RelatednessModel | None = body if self.model is not None else None
        self.match_threshold = match_threshold
        self.review_threshold = min(review_threshold, match_threshold)
        if background is None:
            background = _shipped_background()
        self.index = ClaimIndex([(c.text, *c.aliases) for c in self.claims], background)
        self._fuzzy_claims: list[list[str]] = [
            [fuzz_utils.default_process(t) for t in (c.text, *c.aliases)] for c in self.claims
        ]
        self._required: list[list[list[str]]] = [
            [[fold(alt) for alt in group] for group in c.require] for c in self.claims
        ]
        self._any_required = any(self._required)
        self._numbers: list[frozenset[str]] = [
            frozenset(t for t in ct.weights if t[0].isdigit()) for ct in self.index.claims
        ]
        # Per model: its weights on raw measurements, and per claim its intercept plus the terms
        # that depend on the claim alone (claim length, has a number).
        self._weights = self._folded(self.model)
        self._body_weights = self._folded(self.body_model) or self._weights
        self.encoder = semantic
        self.defer_semantic = defer_semantic and semantic is None
        self.semantic_gate = semantic_gate
        self.semantic_model: RelatednessModel | None = None
        self._claim_vectors: Any = None
        self._alias_starts: Any = None
        # The languages the claims are written in (aliases included): a headline in another one
        # can only be related to them by the multilingual sentence model.
        self._claim_languages: list[frozenset[str]] = [
            frozenset(lang for t in (c.text, *c.aliases) if (lang := detect(t))) for c in self.claims
        ]
        self.languages = frozenset().union(*self._claim_languages)
        # The languages every claim of a known language is written in (None: no such claim): a
        # headline in another is about some claim only the multilingual model can relate.
        known = [langs for langs in self._claim_languages if langs]
        self._every_claims_languages: frozenset[str] | None = frozenset.intersection(*known) if known else None
        self.cross_model: RelatednessModel | None = None
        self.english = english if semantic is not None else None
        self.english_model: RelatednessModel | None = None
        self._english_vectors: Any = None
        self._english_claims: Any = None  # per claim: written in English (a text or an alias)
        self._some_english = self._all_english = False  # of the claims (with the English model)
        if semantic is not None:
            self._embed_claims(semantic, semantic_relatedness, vector_store)
        if self.english is not None:
            self._embed_english(self.english, english_relatedness, vector_store)
        self._semantic_weights = self._folded(self.semantic_model)
        self._english_weights = self._folded(self.english_model)
        self._cross_weights = self.cross_model.raw_weights() if self.cross_model else None

    def _embed_claims(
        self,
        encoder: SentenceEncoder,
        model: RelatednessModel | None | str,
        store: VectorStore | None = None,
    ) -> None:
        import numpy as np

        texts: list[str] = []
        starts: list[int] = []
        for c in self.claims:
            starts.append(len(texts))
            texts.extend((c.text, *c.aliases))
        self._claim_vectors = encoder.vectors(texts, store)
        # A claim's cosine is the best of its text's and its aliases' (none: one row per claim).
        self._alias_starts = None if len(texts) == len(self.claims) else np.array(starts)
        if self.model is None:
            return  # the blend scores (training): the measurements still include the cosines
        chosen = shipped_semantic_model() if model == "shipped" else model
        if not isinstance(chosen, RelatednessModel) or not chosen.semantic:
            raise ValueError(
                "semantic matching needs a relatedness model trained with the sentence model "
                '(the "semantic" part of monitor/judge/match_model.json; '
                "scripts/train_match.py writes it)"
            )
        self.semantic_model = chosen
        self.cross_model = shipped_cross_model()

    def _embed_english(
        self, encoder: EnglishEncoder, model: RelatednessModel | None | str, store: VectorStore | None
    ) -> None:
        """The English model's vectors of the claims' English texts (a zero vector for a text in
        another language: the model reads it as noise, and the claim's best text wins anyway)."""
        import numpy as np

        texts = [t for c in self.claims for t in (c.text, *c.aliases)]
        english = [is_english(t) for t in texts]
        self._english_vectors = encoder.vectors([t if e else "" for t, e in zip(texts, english, strict=True)], store)
        per_text = np.array(english, dtype=bool)
        # A claim is written in English when its text or an alias is (texts run claim by claim).
        self._english_claims = (
            per_text
            if self._alias_starts is None
            else np.logical_or.reduceat(per_text, self._alias_starts)
        )
        self._some_english = bool(self._english_claims.any())
        self._all_english = bool(self._english_claims.all())
        if self.model is None:
            return  # the blend scores (training)
        chosen = shipped_english_model() if model == "shipped" else model
        if not isinstance(chosen, RelatednessModel) or not chosen.semantic:
            raise ValueError(
                "the English sentence model needs a relatedness model trained with it "
                '(the "english" part of monitor/judge/match_model.json; scripts/train_match.py writes it)'
            )
        self.english_model = chosen

    def _folded(
        self, model: RelatednessModel | None
    ) -> tuple[tuple[float, ...], list[float]] | None:
        if model is None:
            return None
        coef, intercept = model.raw_weights()
        return coef, [
            intercept + coef[7] * (len(ct.weights) / 10.0) + coef[8] * float(bool(nums))
            for ct, nums in zip(self.index.claims, self._numbers, strict=True)
        ]

    def thresholds(self, claim: Claim) -> tuple[float, float]:
        """(match, review) thresholds for a claim: its own when set, else the matcher's."""
        m = claim.match_threshold if claim.match_threshold is not None else self.match_threshold
        r = claim.review_threshold if claim.review_threshold is not None else self.review_threshold
        return m, min(r, m)

    def prepare_many(
        self, items: Sequence[tuple[str, str]], wanted: Sequence[bool] | None = None
    ) -> list[ItemView]:
        """``prepare`` for many items; with semantic matching, the headlines worth reading (see
        ``wants_semantic``; ``wanted`` when the caller knows already) encoded in one batch."""
        if self.encoder is None or not self.claims:
            return [self.prepare(title, summary, encode=False) for title, summary in items]
        if wanted is None:
            views = [self.prepare(title, summary, encode=False) for title, summary in items]
            wanted = self.wants_semantic(views)
        else:
            views = [
                self.prepare(title, summary, encode=False) if not want else ItemView("", "", {}, (), 0.0, "", "")
                for (title, summary), want in zip(items, wanted, strict=True)
            ]
        chosen = [k for k, want in enumerate(wanted) if want]
        if not chosen:
            return views
        read = self._read([items[k][0] or "" for k in chosen])
        for (cosines, vector), k in zip(read, chosen, strict=True):
            views[k] = self.prepare(*items[k], cosines=cosines, vector=vector)
        return views

    def _read(self, titles: Sequence[str]) -> list[tuple[Any, Any]]:
        """Each headline's cosines with the claims, and the English model's vector of it when
        that model read it (else None).

        English headlines (when the English model is on) get its cosines with the claims written
        in English and the multilingual model's with the others (only when there are others);
        the rest get the multilingual model's with every claim. One batch and one matrix product
        per model (much faster than one per headline)."""
        import numpy as np

        assert self.encoder is not None
        titles = [sentence_model_text(t) for t in titles]
        english = [self._some_english and is_english(t) for t in titles]
        multi = [k for k, e in enumerate(english) if not e or not self._all_english]
        out: list[Any] = [None] * len(titles)
        if multi:
            for k, row in zip(multi, self._cosines(self.encoder.vectors([titles[k] for k in multi])), strict=True):
                out[k] = row
        chosen = [k for k, e in enumerate(english) if e]
        vectors: list[Any] = [None] * len(titles)
        if chosen:
            assert self.english is not None
            read = self.english.vectors([titles[k] for k in chosen])
            rows = self._cosines(read, self._english_vectors)
            for k, row, vector in zip(chosen, rows, read, strict=True):
                out[k] = row if out[k] is None else np.where(self._english_claims, row, out[k])
                vectors[k] = vector
        return list(zip(out, vectors, strict=True))

    def _cosines(self, vectors: Any, claim_vectors: Any = None) -> Any:
        """Headline vectors (rows) -> each headline's cosine with each claim (the best of the
        claim's text and aliases)."""
        import numpy as np

        out = vectors @ (self._claim_vectors if claim_vectors is None else claim_vectors).T
        if self._alias_starts is not None:
            out = np.maximum.reduceat(out, self._alias_starts, axis=1)
        return out

    def wants_semantic(self, views: Sequence[ItemView]) -> list[bool]:
        """Whether the sentence model should read each item (views prepared without it): a
        headline whose best claim scores at least ``semantic_gate`` on words alone, or one in a
        language none of the claims is written in. Bare bodies are scored on words alone."""
        return [
            self._gate(view, lambda v=view, f=found: self.rank(v, candidates=f))  # type: ignore[misc]
            for view, found in zip(views, self.candidates_many(views), strict=True)
        ]

    def _gate(self, view: ItemView, ranked: Callable[[], list[Scored]]) -> bool:
        """``wants_semantic`` for one item; ``ranked``: its claims scored on words alone."""
        if view.body_only or not view.title.strip():
            return False
        if view.language and view.language not in SENTENCE_MODEL_LANGUAGES:
            return False  # a language the sentence model does not know: words alone
        if view.language and self.languages and view.language not in self.languages:
            return True
        every = self._every_claims_languages
        if view.language and view.language != "en" and every is not None and view.language not in every:
            # Some claims are written in another language than this (non-English) headline: only
            # the multilingual model relates them, whatever its words score against the claims of
            # its own language ("华新机器人宣布在香港交易所上市" for "Huaxin Robotics lists its shares
            # in Hong Kong" beside Chinese claims). English headlines keep the gate: the English
            # model would read them too, at three times the cost.
            return True
        best = ranked()
        return bool(best) and best[0].score >= self.semantic_gate

    def prepare(
        self,
        title: str,
        summary: str = "",
        cosines: Any = None,
        encode: bool = True,
        vector: Any = None,
    ) -> ItemView:
        """Tokenise an item once; reuse the view for scoring against many claims.

        ``cosines``: the headline's cosines with the claims when the caller has them already;
        ``encode``: False to leave the sentence model out (scored on words alone); ``vector``:
        the English model's vector of the headline when that model gave ``cosines`` (see
        ``_read``)."""
        title = lead(title or "", MAX_TITLE_CHARS)
        summary = summary or ""
        index = self.index
        look = index.lookup
        item_terms: dict[str, float] = {}
        tt: list[str] = []
        for w in words(title):
            x = look(w)
            if x is None:
                continue
            r = x[1]
            if r is None:
                tt.append(x[0])
            else:
                tt.append(r)
                item_terms[r] = TITLE_WEIGHT
        tt = list(dict.fromkeys(tt))
        head, rest = split_body(summary)
        for r, part_weight in index.item_terms([(head, LEAD_WEIGHT)]).items():
            if item_terms.get(r, 0.0) < part_weight:
                item_terms[r] = part_weight
        base = dict(item_terms) if rest else None
        passages = tuple(index.item_terms([(text, PASSAGE_WEIGHT)]) for text in rest)
        for passage in passages:
            for r, part_weight in passage.items():
                if item_terms.get(r, 0.0) < part_weight:
                    item_terms[r] = part_weight
        body_only = not title.strip()
        fuzzy_src = lead(summary, 200) if body_only else title
        idf = index.weight
        best_cosine = cross_best = 0.0
        if cosines is None and encode and self.encoder is not None and not body_only and self.claims:
            cosines, vector = self._read([title])[0]
        language = detect(title) if title.strip() else ""
        if cosines is not None:
            best_cosine = cross_best = float(cosines.max())
            if vector is not None and not self._all_english:
                best_cosine = float(cosines[self._english_claims].max())
                cross_best = float(cosines[~self._english_claims].max())
        return ItemView(
            title=title,
            summary=summary,
            terms=item_terms,
            title_terms=tuple(tt),
            title_total=sum(idf(t) for t in tt),
            fuzzy_text=fuzz_utils.default_process(fuzzy_src),
            folded=fold(f"{title} {summary[:BODY_CHARS]}") if self._any_required else "",
            body_only=body_only,
            passages=passages,
            base=base,
            cosines=cosines,
            best_cosine=best_cosine,
            language=language,
            cross_best=cross_best,
            vector=vector,
        )

    def _similarity(self, i: int, item: ItemView) -> float:
        if not item.fuzzy_text:
            return 0.0
        best = 0.0
        for c in self._fuzzy_claims[i]:
            best = max(best, fuzz.token_set_ratio(item.fuzzy_text, c, processor=None))
        return best / 100.0

    def _required_missing(self, i: int, item: ItemView) -> tuple[str, ...]:
        return tuple(
            "|".join(group) for group in self._required[i] if not _group_present(group, item)
        )

    def _item_coverage(self, i: int, item: ItemView) -> float | None:
        if item.title_total <= 0:
            return None
        w = self.index.claims[i].weights
        return sum(w[t] for t in item.title_terms if t in w) / item.title_total

    def matched_terms(self, i: int, item: ItemView) -> tuple[str, ...]:
        """The claim's words found in the item, rarest first (as the claim writes them)."""
        weights = self.index.claims[i].weights
        found = sorted((t for t in weights if t in item.terms), key=lambda t: -weights[t])
        return tuple(self.index.surface.get(t, t) for t in found)

    def score(self, i: int, item: ItemView) -> Scored:
        """Raw score of claim number i for a prepared item (before explaining away)."""
        return self._raw(i, item, self._found(i, item)[0], self._item_coverage(i, item), True)

    def _raw(self, i: int, item: ItemView, cov: float, icov: float | None, fuzzy: bool) -> Scored:
        sim = self._similarity(i, item) if fuzzy else 0.0
        if icov is None:
            base = (1 - SIMILARITY_SHARE) * cov + SIMILARITY_SHARE * sim
        else:
            base = CLAIM_COVERAGE_SHARE * cov + ITEM_COVERAGE_SHARE * icov + SIMILARITY_SHARE * sim
        missing = self._required_missing(i, item) if self._required[i] else ()
        score = 0.0 if missing else 100.0 * base
        return Scored(i, score, cov, icov, sim, (), missing, score, blend=score)

    def explain_away(self, scored: Scored, best: float, item: ItemView) -> Scored:
        """Lower a claim's score when another claim (raw score `best`) fits the item clearly better.

        Only for items with a headline: a body's claims do not compete.
        """
        gap = best - scored.raw - MARGIN
        if gap <= 0 or item.body_only:
            return scored
        s = scored
        lowered = max(0.0, s.raw - PENALTY * gap)
        return _rescored(s, lowered, best_other=best, blend=lowered)

    def candidates_many(self, items: Sequence[ItemView]) -> list[list[int]]:
        """Each item's candidate claims: those the index proposes (CANDIDATES of them, or
        BODY_CANDIDATES for a bare body), then those closest in meaning (semantic matching)."""
        out: list[list[int]] = [[] for _ in items]
        for body_only, limit in ((False, CANDIDATES), (True, BODY_CANDIDATES)):
            ks = [k for k, v in enumerate(items) if v.body_only is body_only]
            if ks:
                for k, found in zip(ks, self.index.candidates_many([items[k].terms for k in ks], limit), strict=True):
                    out[k] = found
        for k, v in enumerate(items):
            if v.cosines is not None:
                out[k] += [i for i in _closest(v.cosines) if i not in out[k]]
        return out

    def rank(
        self, item: ItemView, limit: int | None = None, candidates: list[int] | None = None
    ) -> list[Scored]:
        """The candidate claims of an item, scored, best first.

        Claims not among the candidates score 0. The fuzzy comparison is the costly part, so
        only the RERANK candidates best on term coverage get it; the rest score without it.
        ``candidates``: from ``candidates_many`` when the caller has them; else the index is asked
        for ``limit`` (default CANDIDATES, BODY_CANDIDATES for a bare body) and semantic ones added.
        """
        if candidates is None:
            if limit is None:
                candidates = self.candidates_many([item])[0]
            else:
                candidates = self.index.candidates(item.terms, limit)
                if item.cosines is not None:
                    candidates += [i for i in _closest(item.cosines) if i not in candidates]
        partial: list[tuple[float, int, float, float | None]] = []
        found: dict[int, tuple[float, float, int]] = {}
        for i in candidates:
            cov, rarest, mass, n_found = self._found(i, item)
            found[i] = (rarest, mass, n_found)
            icov = self._item_coverage(i, item)
            if icov is None:
                p = (1 - SIMILARITY_SHARE) * cov
            else:
                p = CLAIM_COVERAGE_SHARE * cov + ITEM_COVERAGE_SHARE * icov
            partial.append((p, i, cov, icov))
        partial.sort(reverse=True)
        raw = [
            self._raw(i, item, cov, icov, k < RERANK) for k, (_, i, cov, icov) in enumerate(partial)
        ]
        best = max((s.raw for s in raw), default=0.0)
        scored = [self.explain_away(s, best, item) for s in raw]
        if self.model is not None:
            scored = [self.relate(s, item, found[s.index]) for s in scored]
        scored.sort(key=lambda s: -s.score)
        return scored

    def _found(self, i: int, item: ItemView) -> tuple[float, float, float, int]:
        """Claim coverage, and of the claim terms found: the largest IDF, IDF x weight, count.

        One pass for what the blend (coverage) and the model (the rest) both need.
        """
        ct = self.index.claims[i]
        if item.base is None:
            return _coverage(ct.weights, ct.total, item.terms)
        # The title and lead, with the passage that adds the most of this claim.
        base = item.base
        best = _coverage(ct.weights, ct.total, base)
        for passage in item.passages:
            found = _coverage(ct.weights, ct.total, {**passage, **{t: w for t, w in base.items() if w > passage.get(t, 0.0)}})
            if found[2] > best[2]:
                best = found
        return best

    def measurements(
        self, s: Scored, item: ItemView, found: tuple[float, float, int] | None = None
    ) -> tuple[float, ...]:
        """The pair's measurements in relatedness.FEATURES order (the model's input).

        ``found``: ``_found``'s last three values when the caller has them already.
        """
        rarest, mass, n_found = found if found is not None else self._found(s.index, item)[1:]
        it = item.terms
        ct = self.index.claims[s.index]
        numbers = self._numbers[s.index]
        semantic: tuple[float, ...] = ()
        if item.cosines is not None:
            cosine = float(item.cosines[s.index])
            best = item.cross_best if self.cross_language(s.index, item) else item.best_cosine
            semantic = (cosine, cosine - best)
        return (
            s.blend / 100.0,
            s.coverage,
            s.item_coverage if s.item_coverage is not None else s.coverage,
            s.similarity,
            rarest / self.index.max_idf,
            mass / 10.0,
            float(n_found),
            len(ct.weights) / 10.0,
            float(bool(numbers)),
            float(any(n in it for n in numbers)),
            *semantic,
        )

    def cross_language(self, i: int, item: ItemView) -> bool:
        """Whether the item's headline is in a language none of claim i's texts is written in
        (then only the sentence model relates them: the cross-language model scores the pair)."""
        langs = self._claim_languages[i]
        return bool(item.cosines is not None and item.language and langs and item.language not in langs)

    def relate(
        self, s: Scored, item: ItemView, found: tuple[float, float, int] | None = None
    ) -> Scored:
        """The final score: the relatedness model's probability (x 100) for the pair.

        The same number as ``model.probability(self.measurements(s, item))``, computed inline
        with the claim's constant terms folded in beforehand: it runs for every candidate.
        """
        if self._cross_weights is not None and self.cross_language(s.index, item):
            (c_cos, c_gap), bias = self._cross_weights
            cosine = float(item.cosines[s.index])
            return _rescored(s, 100.0 * sigmoid(bias + c_cos * cosine + c_gap * (cosine - item.cross_best)))
        semantic_weights = self._english_weights if item.english else self._semantic_weights
        weights = (
            semantic_weights
            if item.cosines is not None and semantic_weights is not None
            else self._body_weights
            if item.body_only
            else self._weights
        )
        assert weights is not None
        if s.missing_required:
            return s
        rarest, mass, n_found = found if found is not None else self._found(s.index, item)[1:]
        c, claim_intercept = weights
        icov = s.item_coverage if s.item_coverage is not None else s.coverage
        z = (
            claim_intercept[s.index]
            + c[0] * (s.blend / 100.0)
            + c[1] * s.coverage
            + c[2] * icov
            + c[3] * s.similarity
            + c[4] * (rarest / self.index.max_idf)
            + c[5] * (mass / 10.0)
            + c[6] * n_found
        )
        numbers = self._numbers[s.index]
        if numbers and any(n in item.terms for n in numbers):
            z += c[9]
        if item.cosines is not None and weights is semantic_weights:
            cosine = float(item.cosines[s.index])
            z += c[10] * cosine + c[11] * (cosine - item.best_cosine)
        return _rescored(s, 100.0 * sigmoid(z))

    def pushes(self, s: Scored, item: ItemView) -> tuple[tuple[str, float], ...]:
        """The model's three biggest pushes for a scored pair (only for explanations: costly)."""
        if self.cross_model is not None and self.cross_language(s.index, item):
            return tuple(self.cross_model.contributions(self.measurements(s, item)[-2:])[:3])
        model = self.model_for(item)
        if model is None or s.missing_required:
            return ()
        return tuple(model.contributions(self.measurements(s, item))[:3])

    def model_for(self, item: ItemView) -> RelatednessModel | None:
        """The relatedness model that scores ``item`` (the body model for a bare body)."""
        if item.cosines is not None and item.english and self.english_model is not None:
            return self.english_model
        if item.cosines is not None and self.semantic_model is not None:
            return self.semantic_model
        if item.body_only and self.body_model is not None:
            return self.body_model
        return self.model

    def match(self, title: str, summary: str = "") -> list[Match]:
        """Claims scoring at or above their review threshold, best first, explained."""
        found = self.match_many([(title, summary)])[0]
        if found is None:
            raise ValueError("this matcher defers semantic matching: use match_many")
        return found

    def match_many(
        self, items: Sequence[tuple[str, str]], wanted: Sequence[bool] | None = None
    ) -> list[list[Match] | None]:
        """``match`` for many (title, summary) items at once: one batch of headline vectors and
        one product for the index's candidates. None for an item left to a process with the
        sentence model (``defer_semantic``). ``wanted``: which headlines the sentence model
        should read, when known (the ones a parse worker left to this process)."""
        return [found for _, found in self.match_views(items, wanted)]

    def match_views(
        self, items: Sequence[tuple[str, str]], wanted: Sequence[bool] | None = None
    ) -> list[tuple[ItemView, list[Match] | None]]:
        """``match_many`` with each item's view (stance reads the English model's vector in it)."""
        views = self.prepare_many(items, wanted)
        out: list[tuple[ItemView, list[Match] | None]] = []
        for view, found in zip(views, self.candidates_many(views), strict=True):
            ranked = self.rank(view, candidates=found)
            if self.defer_semantic and self._gate(view, lambda r=ranked: r):  # type: ignore[misc]
                out.append((view, None))
            else:
                out.append((view, self._matches(view, ranked)))
        return out

    def _matches(self, item: ItemView, ranked: list[Scored]) -> list[Match]:
        """The ranked claims at or above their review threshold, explained."""
        out: list[Match] = []
        note = ""
        if item.body_only:
            model = self.model_for(item)
            scorer = (
                "the blend"
                if model is None
                else "the body model"
                if model is self.body_model
                else "the headline model"
            )
            note = f"; an article body without a headline: scored by {scorer}, not explained away"
        for s in ranked:
            claim = self.claims[s.index]
            m_thr, r_thr = self.thresholds(claim)
            if s.score < r_thr:
                continue
            s = Scored(
                s.index,
                s.score,
                s.coverage,
                s.item_coverage,
                s.similarity,
                self.matched_terms(s.index, item),
                s.missing_required,
                s.raw,
                s.best_other,
                s.blend,
                self.pushes(s, item),
            )
            kind = MatchKind.MATCH if s.score >= m_thr else MatchKind.REVIEW
            meaning = (
                f"; {'English ' if item.english and self._english_claims[s.index] else ''}"
                f"sentence-model similarity {float(item.cosines[s.index]):.2f} "
                f"(best claim {item.best_cosine:.2f})"
                if item.cosines is not None
                else ""
            )
            out.append(
                Match(
                    claim_id=claim.id,
                    score=round(s.score, 1),
                    kind=kind,
                    matched_terms=s.matched_terms,
                    why=explain(s, m_thr, r_thr) + meaning + note,
                )
            )
        return out


@lru_cache(maxsize=1)
def _shipped_background() -> Background | None:
    return Background.load()


def _rescored(
    s: Scored, score: float, *, best_other: float | None = None, blend: float | None = None
) -> Scored:
    """``s`` with a new score (dataclasses.replace is several times slower, and this is hot)."""
    return Scored(
        s.index,
        score,
        s.coverage,
        s.item_coverage,
        s.similarity,
        s.matched_terms,
        s.missing_required,
        s.raw,
        s.best_other if best_other is None else best_other,
        s.blend if blend is None else blend,
        s.pushes,
    )


def _closest(cosines: Any, k: int = SEMANTIC_CANDIDATES) -> list[int]:
    """The k claims closest in meaning, closest first."""
    import numpy as np

    top = np.arange(len(cosines)) if len(cosines) <= k else np.argpartition(-cosines, k)[:k]
    return [int(i) for i in sorted(top, key=lambda i: -cosines[i])]


def split_body(summary: str) -> tuple[str, list[str]]:
    """A summary or body as its lead (the first LEAD_CHARS, cut at a word) and the passages after
    it (whole sentences, about PASSAGE_CHARS each; a sentence longer than that is one passage)."""
    if not summary:
        return "", []
    summary = lead(summary, MAX_BODY_CHARS)
    head = lead(summary, LEAD_CHARS)
    rest = summary[len(head) :].strip()
    passages: list[str] = []
    current = ""
    for sentence in _SENTENCE_RE.split(rest) if rest else []:
        if current and len(current) + len(sentence) > PASSAGE_CHARS:
            passages.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        passages.append(current)
    return head, passages


def _coverage(
    weights: Mapping[str, float], total: float, terms: Mapping[str, float]
) -> tuple[float, float, float, int]:
    """Claim coverage by ``terms``, and of the claim terms found: the largest IDF, IDF x weight,
    count."""
    rarest = 0.0
    mass = 0.0
    found = 0
    for t, w in weights.items():
        x = terms.get(t)
        if x is not None:
            found += 1
            mass += w * x
            if w > rarest:
                rarest = w
    return mass / total, rarest, mass, found


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
    if s.pushes:
        parts.insert(0, f"blend {s.blend:.1f}")
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
        text += f"; blend lowered from {s.raw:.1f}: another claim fits better ({s.best_other:.1f})"
    if s.pushes:
        text += "; model: " + ", ".join(f"{LABELS[n]} {p:+.1f}" for n, p in s.pushes)
    return text
