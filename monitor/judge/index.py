"""Claim index: proposes the few claims an item could be about, without scoring every claim.

An inverted index from stemmed terms to claims, with IDF computed over the claims themselves: a
term shared by many claims ("apple", "isis") says little about which one an item is about, while a
name or number that only one claim uses says a lot. Unknown item terms are joined to close claim
terms (typos, spelling variants) through buckets keyed by their first three letters, so the fuzzy
step never scans the whole vocabulary.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import monitor.judge.blas  # noqa: F401 - one BLAS thread, before numpy loads (judge/blas.py)

# isort: split

import numpy as np  # after judge/blas.py
from rapidfuzz.distance import Levenshtein

from monitor.judge.language import UNKNOWN, detect
from monitor.judge.text import STOPWORDS, term, words

# Item terms shorter than this are only matched exactly: short words have too many neighbours.
_FUZZY_MIN_LEN = 5
_FUZZY_MIN_SIMILARITY = 0.8
# Weight of a word unseen in claims and background, as a share of the rarest claim term's.
_UNSEEN_SHARE = 0.35
# An unknown item word of at least twice this length may be a claim term plus another word.
_COMPOUND_MIN = 4
# A term found in more than max(_MIN_PROPOSE, _PROPOSE_SHARE * claims) claims is "common".
_MIN_PROPOSE = 64
_PROPOSE_SHARE = 0.01
_MISSING = object()
BACKGROUND_PATH = Path(__file__).with_name("background.json")


@dataclass(frozen=True, slots=True)
class ClaimTerms:
    """The terms of one claim (text and aliases) with their IDF weights."""

    weights: Mapping[str, float]
    total: float


@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of terms over a background corpus (e.g. news headlines)."""

    doc_freq: Mapping[str, int]
    docs: int

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_df: int = 2) -> Background:
        """Count terms over texts; terms in fewer than min_df texts are left out (kept small)."""
        df: dict[str, int] = defaultdict(int)
        n = 0
        for text in texts:
            n += 1
            for t in {term(w) for w in words(text) if w not in STOPWORDS}:
                df[t] += 1
        return cls({t: d for t, d in sorted(df.items()) if d >= min_df}, n)

    @classmethod
    def load(cls, path: Path = BACKGROUND_PATH) -> Background | None:
        """The shipped background (None when the file is absent)."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["doc_freq"], int(data["docs"]))

    def to_json(self) -> str:
        about = "term document frequencies over news headlines; built by scripts/train_stance.py"
        doc = {"about": about, "docs": self.docs, "doc_freq": dict(self.doc_freq)}
        return json.dumps(doc, indent=0, sort_keys=True) + "\n"


class ClaimIndex:
    """Inverted index over claim descriptions (each a list of texts: the claim and its aliases)."""

    def __init__(
        self,
        descriptions: Sequence[Sequence[str]],
        background: Background | None = None,
    ) -> None:
        # Each claim's terms in the order written (a dict, not a set): weights are summed and
        # ties listed in this order, so scores do not depend on the process's hash seed.
        term_sets: list[dict[str, None]] = []
        # A claim word as written, for each term, so explanations show words and not stems.
        self.surface: dict[str, str] = {}
        for texts in descriptions:
            ts: dict[str, None] = {}
            for t in texts:
                # English stemming only for English text (or text too short to tell); another
                # language's words are indexed as written (``lookup`` tries both forms).
                english = detect(t) in ("en", UNKNOWN)
                for w in words(t):
                    if w not in STOPWORDS:
                        t_ = term(w) if english else w
                        ts[t_] = None
                        self.surface.setdefault(t_, w)
            term_sets.append(ts)
        n = len(term_sets)
        df: dict[str, int] = defaultdict(int)
        for ts in term_sets:
            for t in ts:
                df[t] += 1
        # Smoothed IDF; the floor keeps common-but-real words (e.g. "apple") worth something.
        # With a background corpus (news headlines), a term's document frequency counts its
        # headlines too, so words common in news ("man", "shows") weigh less than names.
        bg_df: Mapping[str, int] = background.doc_freq if background else {}
        total = n + (background.docs if background else 0)
        self.idf: dict[str, float] = {
            t: math.log((total + 1) / (d + bg_df.get(t, 0) + 0.5)) + 0.5 for t, d in df.items()
        }
        self.max_idf: float = math.log((total + 1) / 0.5) + 0.5  # what an unseen term is worth
        self._bg_df = bg_df
        self._bg_total = total
        self.claims: list[ClaimTerms] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for i, ts in enumerate(term_sets):
            weights = {t: self.idf[t] for t in ts}
            self.claims.append(ClaimTerms(weights, sum(weights.values()) or 1.0))
            for t in ts:
                postings[t].append(i)
        self.postings: dict[str, list[int]] = dict(postings)
        self._totals: list[float] = [c.total for c in self.claims]
        self._cap = max(_MIN_PROPOSE, int(n * _PROPOSE_SHARE))
        buckets: dict[str, list[str]] = defaultdict(list)
        for t in self.postings:
            if len(t) >= _FUZZY_MIN_LEN - 1 and not t[0].isdigit():
                buckets[t[:3]].append(t)
        self._buckets: dict[str, list[str]] = dict(buckets)
        # The proposing terms (found in few enough claims), each with its claims as an array.
        self._proposing: dict[str, np.ndarray] = {
            t: np.array(plist, dtype=np.int32)
            for t, plist in self.postings.items()
            if len(plist) <= self._cap
        }
        self._totals_array = np.array(self._totals or [1.0], dtype=np.float64)
        self._fuzzy_cache: dict[str, str | None] = {}
        self._word_cache: dict[str, tuple[str, str | None] | None] = {}

    def weight(self, term: str) -> float:
        """IDF of any term: a claim term's own, else from the background, else a share of the rarest.

        A word no claim and no background text uses is often noise (a typo, a site name, a
        hashtag); counting it as the rarest term would let it drown a headline's real words.
        """
        w = self.idf.get(term)
        if w is not None:
            return w
        d = self._bg_df.get(term)
        if d is None:
            return self.max_idf * _UNSEEN_SHARE
        return math.log((self._bg_total + 1) / (d + 0.5)) + 0.5

    def __len__(self) -> int:
        return len(self.claims)

    def resolve(self, term: str) -> str | None:
        """The claim term an item term stands for: itself, a close spelling, or a compound's head."""
        if term in self.postings:
            return term
        if len(term) < _FUZZY_MIN_LEN or term[0].isdigit():
            return None
        cached = self._fuzzy_cache.get(term, "")
        if cached != "":
            return cached
        best: str | None = None
        best_sim = _FUZZY_MIN_SIMILARITY
        for cand in self._buckets.get(term[:3], ()):
            sim = Levenshtein.normalized_similarity(term, cand, score_cutoff=best_sim)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = cand, sim
        if best is None and len(term) >= 2 * _COMPOUND_MIN:
            # A compound whose head is a claim term: "crabzilla" -> "crab", "showerproof" -> "shower".
            for k in range(len(term) - _COMPOUND_MIN, _COMPOUND_MIN - 1, -1):
                if term[:k] in self.postings:
                    best = term[:k]
                    break
        if len(self._fuzzy_cache) > 100_000:  # bounded: item vocabularies are open-ended
            self._fuzzy_cache.clear()
        self._fuzzy_cache[term] = best
        return best

    def lookup(self, word: str) -> tuple[str, str | None] | None:
        """(stem, the claim term it stands for or None) of a folded word; None for a stopword.

        Cached per matcher: item vocabularies repeat, so most words cost one dict look-up.
        """
        hit = self._word_cache.get(word, _MISSING)
        if hit is not _MISSING:
            return hit  # type: ignore[return-value]
        out: tuple[str, str | None] | None = None
        if word not in STOPWORDS:
            t = term(word)
            # The stem for a claim written in English, the word as written for one in another
            # language, else a close spelling of the stem.
            out = (t, word if t not in self.postings and word in self.postings else self.resolve(t))
        if len(self._word_cache) > 200_000:  # bounded: item vocabularies are open-ended
            self._word_cache.clear()
        self._word_cache[word] = out
        return out

    def item_terms(self, weighted_texts: Iterable[tuple[str, float]]) -> dict[str, float]:
        """Map an item's texts (each with a weight) to claim terms with the best weight seen."""
        out: dict[str, float] = {}
        look = self.lookup
        for text, weight in weighted_texts:
            for w in words(text):
                x = look(w)
                if x is not None:
                    r = x[1]
                    if r is not None and out.get(r, 0.0) < weight:
                        out[r] = weight
        return out

    def candidates(self, item: Mapping[str, float], limit: int) -> list[int]:
        """Claims that share rare-enough terms with the item, best first (at most `limit`).

        See ``candidates_many``; this is one item of it."""
        return self.candidates_many([item], limit)[0]

    def candidates_many(self, items: Sequence[Mapping[str, float]], limit: int) -> list[list[int]]:
        """For each item (its terms with their weights), the claims sharing rare-enough terms
        with it, best first (at most ``limit``).

        Only terms found in at most max(_MIN_PROPOSE, _PROPOSE_SHARE * claims) claims propose;
        commoner terms are counted later, when the few candidates are scored on all their terms.
        A claim sharing nothing but common words with an item cannot score high, and this keeps
        the work per item nearly flat as the number of claims grows. Claims are ranked by the IDF
        mass they share with the item (term IDF x where it appears in the item), as a share of
        their own: vectorised over each item's postings (numpy), no loop over claims.
        """
        postings, idf = self._proposing, self.idf
        out: list[list[int]] = []
        for item in items:
            lists = [(postings[t], idf[t] * w) for t, w in item.items() if t in postings]
            if not lists:
                out.append([])
                continue
            claims = np.concatenate([plist for plist, _ in lists])
            weights = np.repeat([v for _, v in lists], [len(plist) for plist, _ in lists])
            found, where = np.unique(claims, return_inverse=True)
            shares = np.bincount(where, weights=weights) / self._totals_array[found]
            if len(found) > limit:
                top = np.argpartition(-shares, limit - 1)[:limit]
                found, shares = found[top], shares[top]
            # Best first; ties by claim number, so the order does not depend on the input's order.
            out.append([int(i) for i in found[np.lexsort((found, -shares))]])
        return out
