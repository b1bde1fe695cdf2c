"""Stance of a matched item towards a claim: confirms, denies or reports, with the cues.

Hand cues (refuting words, hedging, attribution, question form, official confirmation verbs,
negation near the claim's own terms) are always computed and shown. When the learned model
(`stance_model.json`, a small logistic regression trained by `scripts/train_stance.py`) is present,
it makes the decision from those cues plus the item's words, and its top contributing features are
shown too. Without it, a few ordered rules decide.

Speed: an item is judged against every claim it matches, so what depends on its text alone
(words, stems, cues and their reasons) is worked out once per item (`_Item`); per claim, predict
masks the claim's stems and looks the item's features up in the model laid out once
(`_Prepared`): words by stem and word pairs by stem then stem, as integer ids, with no feature
name written but for the four shown. The sums are the same float additions in the same order as
a plain loop over the features, by C-level sum() over the weights, so the results are identical
to that loop's.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache, reduce
from itertools import compress, repeat
from operator import add, itemgetter
from pathlib import Path
from typing import TypeVar

from monitor.judge.text import fold, lead, stem, word_set, words
from monitor.model import Claim, Stance, StanceResult

MODEL_PATH = Path(__file__).with_name("stance_model.json")
# Only the start of a long body is read for stance: the headline and lead carry the framing.
STANCE_LEAD_CHARS = 600

REFUTING = word_set(
    """
    deny denies denied denying denial denials debunk debunks debunked debunking hoax hoaxes fake
    fakes faked false falsely fabricated fabrication myth myths untrue bogus refute refutes refuted
    dismiss dismisses dismissed reject rejects rejected rubbish nonsense satire satirical prank
    pranks scam lie lies lied lying baseless unfounded doubt doubts doubtful dubious misleading
    retract retracts retracted retraction wrong phony phoney not isn't aren't wasn't weren't
    doesn't didn't never no nope
    """
)
# Strong refuting words (the bare negations above are weak: "not" appears in many confirmations).
STRONG_REFUTING = word_set(
    """
    deny denies denied denying denial debunk debunks debunked debunking hoax hoaxes fake faked false
    falsely fabricated myth untrue bogus refute refutes refuted rubbish nonsense satire satirical
    prank baseless unfounded retract retracts retracted retraction phony phoney
    """
)
HEDGING = word_set(
    """
    reportedly allegedly alleged allegation allegations rumor rumors rumour rumours rumored rumoured
    claim claims claimed claiming could might may possibly possible perhaps apparently appears
    appear seems seem seemingly likely unlikely unconfirmed speculation speculate speculates
    suspected suspect believed believe thought report reports reported sources source purportedly
    purported supposedly rumoured predicts predicted expect expected expects plan plans planning
    considering consider mull mulls hint hints hinted suggests suggest suggested if whether
    """
)
ATTRIBUTION = word_set(
    """
    says said say according claims claimed told tells report reports reported sources source
    insider insiders tweets tweeted
    """
)
CONFIRMING = word_set(
    """
    confirm confirms confirmed confirming confirmation official officially announces announced
    announce verified verify proof proves proven revealed reveals admits admitted acknowledges
    acknowledged true indeed finally
    """
)
NEGATIONS = word_set("not no never isn't aren't wasn't weren't doesn't didn't hasn't haven't")


_CUE_WORD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789'"
_CUE_WORD_RE = re.compile(f"[{_CUE_WORD_CHARS}]+")
# Every byte that is no word character -> a space: on ASCII text, translating and splitting
# gives exactly the regex's maximal runs of word characters, several times faster.
_NOT_WORD_TO_SPACE = bytes(c if chr(c) in _CUE_WORD_CHARS else 32 for c in range(256))


def _words_of(text: str) -> tuple[str, ...]:
    # Keep apostrophes so "isn't" stays one word for the negation lists.
    folded = fold(text).replace("\u2019", "'")
    if folded.isascii():
        return tuple(folded.encode().translate(_NOT_WORD_TO_SPACE).decode().split())
    return tuple(_CUE_WORD_RE.findall(folded))


# For cue_reasons, which may be called on its own for an item already judged.
_cue_words = lru_cache(maxsize=256)(_words_of)


class _Stems(dict[str, str]):
    """Word -> stem(word), filled on first use and read from C (itemgetter), much faster than
    calling the lru-cached stem() per word of every item."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 20_000:  # a bound on memory; a day of feeds has far fewer words
            self.clear()
        # Interned, as the model's stems are: its lookups then match by identity.
        s = self[word] = sys.intern(stem(word))
        return s


_STEMS = _Stems()


def _stems_of(ws: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_picker(ws)(_STEMS))


@lru_cache(maxsize=4096)
def _claim_stems(claim_text: str, min_len: int) -> frozenset[str]:
    """Stems of the claim's words longer than ``min_len`` characters."""
    return frozenset(stem(w) for w in words(claim_text) if len(w) > min_len)


# Cue words stay features even when the claim uses them ("... is a hoax" claims exist).
_KEEP = REFUTING | HEDGING | CONFIRMING | NEGATIONS

# The hand cue features in the order cue_features inserts them; the model sums them in this order.
CUE_NAMES: tuple[str, ...] = (
    "cue:refuting_strong",
    "cue:refuting_any",
    "cue:hedging",
    "cue:attribution",
    "cue:confirming",
    "cue:question",
    "cue:negation_scope",
)
_NEGATION = "cue:negation_scope"  # the last cue, and the only one that depends on the claim
_NEGATION_INDEX = CUE_NAMES.index(_NEGATION)
_NEGATION_REASON = "negation of the claim's own terms"
# Every word a cue looks for.
_CUE_VOCAB = REFUTING | STRONG_REFUTING | HEDGING | ATTRIBUTION | CONFIRMING | NEGATIONS
_MASKED = "_"  # how a claim word is written in the word-pair features
_NO_PAIRS: dict[str, int] = {}  # never written to

T = TypeVar("T")
Pair = tuple[str, str]  # a "b:" feature as (stem or "_", stem or "_")
Weights = tuple[float, ...]

_sum_in_order: Callable[[Iterable[float], float], float]
if sys.version_info < (3, 12):
    # Plain left-to-right float addition in C: the same floats as a loop of `+=`.
    _sum_in_order = sum
else:  # from 3.12 sum() compensates rounding, which would change the last bits

    def _sum_in_order(xs: Iterable[float], start: float) -> float:
        return reduce(add, xs, start)


def _picker(keys: Sequence[object]) -> Callable[[Sequence[T] | Mapping[object, T]], Sequence[T]]:
    """xs -> (xs[k] for k in keys), in order: with itemgetter, one C call, for two keys or more
    (itemgetter of one key gives the item itself, and of none is no itemgetter)."""
    if len(keys) > 1:
        return itemgetter(*keys)
    return lambda xs: [xs[k] for k in keys]  # type: ignore[index]


@lru_cache(maxsize=4096)
def _masking(claim_text: str) -> dict[str, str]:
    """Stem -> "_" for the stems written as "_" in the word features: the claim's own words
    except cue words. (A dict, so that map(get) masks a whole text from C.)"""
    return dict.fromkeys(_claim_stems(claim_text, 0) - _KEEP, _MASKED)


def _found(cue_ws: Iterable[str], vocab: frozenset[str]) -> str:
    """The first four distinct words of ``cue_ws`` in ``vocab``, quoted, in reading order."""
    seen = list(dict.fromkeys(filter(vocab.__contains__, cue_ws)))
    return ", ".join([f"'{w}'" for w in seen[:4]])


def _positions(seq: Sequence[str], x: str) -> Iterable[int]:
    """Where ``x`` is in ``seq``, in order (found by C scans)."""
    at = -1
    for _ in range(seq.count(x)):
        at = seq.index(x, at + 1)
        yield at


class _Item:
    """What stance needs of one item's text, whatever the claim and the model.

    Built once per item (``_item``): it is judged against every claim it matches, one right
    after the other, and per claim only the masking of the claim's words and the negation scope
    differ. The values are those cue_features, cue_reasons and features always computed.
    """

    __slots__ = ("cues", "cues_on", "neg_stems", "reasons_pre", "reasons_post", "stems")

    def __init__(self, title: str, summary: str) -> None:
        text = f"{title} {lead(summary, STANCE_LEAD_CHARS)}"
        stripped = text.strip()
        # cue_features used to read the words of `stripped`, the other steps those of `text`:
        # they are the same words, as the regex skips whitespace and fold's "'s" removal gives
        # " " before a trailing space and "" at the very end, which only separate words.
        ws = _words_of(text)
        wset = _CUE_VOCAB.intersection(ws)  # the cue words: every cue only looks at these
        question = float("?" in title or "?" in stripped[:300])
        # Values of CUE_NAMES but the last (negation scope, which needs the claim).
        self.cues: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0, 0.0, question)
        if wset:
            self.cues = (
                float(len(wset & STRONG_REFUTING)),
                float(bool(wset & REFUTING)),
                float(len(wset & HEDGING)),
                float(bool(wset & ATTRIBUTION)),
                float(len(wset & CONFIRMING)),
                question,
            )
        # (index, value) of those that are not 0, the only ones that can push or add.
        self.cues_on: tuple[tuple[int, float], ...] = tuple(
            compress(enumerate(self.cues), self.cues)
        )
        # cue_reasons' strings for these cues, before and after the negation one. They name
        # the first distinct cue words in reading order (ws.index: a word's first place).
        strong, _, hedging, attribution, confirming, _ = self.cues
        cue_ws = sorted(wset, key=ws.index)
        self.reasons_pre: tuple[str, ...] = ()
        if strong:
            self.reasons_pre = (f"refuting: {_found(cue_ws, STRONG_REFUTING)}",)
        post: list[str] = []
        if confirming:
            post.append(f"confirmation: {_found(cue_ws, CONFIRMING)}")
        if hedging:
            post.append(f"hedging: {_found(cue_ws, HEDGING)}")
        if attribution:
            post.append(f"attribution: {_found(cue_ws, ATTRIBUTION)}")
        if question:
            post.append("question form")
        self.reasons_post: tuple[str, ...] = tuple(post)
        # The stems in text order, with repeats: stems[k] is stem(ws[k]).
        stems = self.stems = _stems_of(ws)
        # Stems of the three words after each negation: the scope is set when the claim has one.
        self.neg_stems: frozenset[str] = frozenset()
        if negations := wset & NEGATIONS:
            self.neg_stems = frozenset(
                [s for w in negations for k in _positions(ws, w) for s in stems[k + 1 : k + 4]]
            )


@lru_cache(maxsize=256)
def _item(title: str, summary: str) -> _Item:
    # Items are judged against their claims one right after the other: a few hundred is plenty.
    return _Item(title, summary)


def _masked(item: _Item, claim_text: str) -> list[str]:
    """The item's stems with the claim's own words (but cue words) written as "_"."""
    return list(map(_masking(claim_text).get, item.stems, item.stems))


def _negation_scope(item: _Item, claim_text: str) -> float:
    # Negation within three words before a claim term: "did not die", "no evidence of X".
    return float(not item.neg_stems.isdisjoint(_claim_stems(claim_text, 3)))


def cue_features(claim_text: str, title: str, summary: str = "") -> dict[str, float]:
    """Hand cue features of an item (title and lead of the summary) towards a claim."""
    item = _item(title, summary)
    f = dict(zip(CUE_NAMES, item.cues, strict=False))
    f[_NEGATION] = _negation_scope(item, claim_text)
    return f


def cue_reasons(f: Mapping[str, float], title: str, summary: str) -> list[str]:
    """Readable strings for the cues that fired, naming the words found."""
    text = f"{title} {lead(summary, STANCE_LEAD_CHARS)}"
    ws = _cue_words(text)
    out: list[str] = []
    if f.get("cue:refuting_strong"):
        out.append(f"refuting: {_found(ws, STRONG_REFUTING)}")
    if f.get(_NEGATION):
        out.append(_NEGATION_REASON)
    if f.get("cue:confirming"):
        out.append(f"confirmation: {_found(ws, CONFIRMING)}")
    if f.get("cue:hedging"):
        out.append(f"hedging: {_found(ws, HEDGING)}")
    if f.get("cue:attribution"):
        out.append(f"attribution: {_found(ws, ATTRIBUTION)}")
    if f.get("cue:question"):
        out.append("question form")
    return out


def features(claim_text: str, title: str, summary: str = "") -> dict[str, float]:
    """All model features: hand cues plus the item's words and word pairs.

    Words of the claim itself are left out: they say what the item is about, not how it stands,
    and would let a model learn topics instead of stance.
    """
    f = cue_features(claim_text, title, summary)
    ws = _masked(_item(title, summary), claim_text)
    for w in ws:
        if w != _MASKED:
            f[f"w:{w}"] = 1.0
    for a, b in zip(ws, ws[1:], strict=False):
        if a != _MASKED or b != _MASKED:
            f[f"b:{a}_{b}"] = 1.0
    return f


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> dict[str, object] | None:
    """The learned model, or None when the file is absent (rules then decide)."""
    p = Path(path)
    if not p.exists():
        return None
    return json.loads(p.read_text(encoding="utf-8"))


def _softmax(xs: list[float]) -> list[float]:
    m = max(xs)
    es = [math.exp(x - m) for x in xs]
    s = sum(es)
    return [e / s for e in es]


def _rules(f: Mapping[str, float]) -> tuple[Stance, float]:
    if f["cue:refuting_strong"] or f[_NEGATION]:
        return Stance.DENIES, 0.7
    if f["cue:question"] or f["cue:hedging"]:
        return Stance.REPORTS, 0.6
    return Stance.CONFIRMS, 0.55


def predict(
    model: Mapping[str, object] | None, claim_text: str, title: str, summary: str = ""
) -> StanceResult:
    """Stance from a given model (None: the rules); pure, so cross-validation can pass its own."""
    summary = summary or ""
    item = _item(title, summary)
    neg = _negation_scope(item, claim_text)
    reasons = [*item.reasons_pre, _NEGATION_REASON] if neg else list(item.reasons_pre)
    reasons += item.reasons_post
    if model is None:
        stance, conf = _rules(dict(zip(CUE_NAMES, (*item.cues, neg), strict=True)))
        return StanceResult(stance, conf, tuple(reasons) or ("no cue: plain assertion",))
    classes: list[str] = model["classes"]  # type: ignore[assignment]
    prep = _prepared(model)
    n = prep.n
    # The sums a loop over the features (bias, cues, then words and pairs in first-occurrence
    # order) adding weight * value per class would do, in that order, so the floats are the
    # same. Words and pairs are worth 1.0 and w * 1.0 == w exactly: their weights are added.
    logits = list(prep.bias)
    cues = item.cues_on if prep.zero_cues_add_nothing else enumerate(item.cues)
    for i, v in (*cues, (_NEGATION_INDEX, neg)):
        if (cue := prep.cue_at[i]) is not None and (v or not prep.zero_cues_add_nothing):
            w = cue[0]
            for k in range(n):
                logits[k] += w[k] * v
    # Ids of the features the model knows, in the features' order: distinct words but the
    # claim's, then distinct pairs of stems with the claim's written as "_" ("_" is no word
    # and ("_", "_") no pair: neither has an id).
    ws = _masked(item, claim_text)
    ids = list(dict.fromkeys(filter(None, map(prep.word_ids.get, ws))))
    nexts = map(prep.pairs_from.get, ws[:-1], repeat(_NO_PAIRS))
    ids += dict.fromkeys(filter(None, map(dict.get, nexts, ws[1:])))
    pick = _picker(ids)
    for k in range(n):
        logits[k] = _sum_in_order(pick(prep.weights[k]), logits[k])
    probs = _softmax(logits)
    best = probs.index(max(probs))  # the first biggest, as max(range(n), key=...) gives
    # Features pushing towards the chosen class more than towards the others, biggest first
    # (by push, then name, descending); four are shown.
    contrib: list[tuple[float, str, str | None]] = []  # (push, name, as shown)
    for i, v in item.cues_on:  # a cue worth 0 pushes nothing
        if (cue := prep.cue_at[i]) is not None and (push := v * cue[1][best]) > 0:
            contrib.append((push, CUE_NAMES[i], None))
    if neg and prep.neg_cue is not None and (push := neg * prep.neg_cue[1][best]) > 0:
        contrib.append((push, _NEGATION, None))
    # Words and pairs push by 1.0 * lean == lean: the four best ranked are the only ones that
    # can be shown, and only those with a positive lean (the others are ranked last) are.
    top = sorted(pick(prep.ranks[best]))[:4]
    contrib += filter(None, map(prep.ranked[best].__getitem__, top))
    contrib.sort(reverse=True)
    if contrib:
        shown = [text or f"{name} (+{push:.2f})" for push, name, text in contrib[:4]]
        reasons.append("model: " + ", ".join(shown))
    stance = _STANCES.get(classes[best]) or Stance(classes[best])  # Stance() raises on others
    return StanceResult(stance, round(probs[best], 3), tuple(reasons))


class _Prepared:
    """A model laid out for ``predict``.

    Its word and pair features get ids 1, 2, ... (0 means none, so filter(None, ...) drops it):
    predict looks a feature up once, by stem or by stem then stem, and reads what it needs of
    it from lists by id.
    """

    __slots__ = (
        "model",
        "n",
        "bias",
        "cue_at",
        "neg_cue",
        "zero_cues_add_nothing",
        "word_ids",
        "pairs_from",
        "weights",
        "ranks",
        "ranked",
    )

    def __init__(self, model: Mapping[str, object]) -> None:
        weights: dict[str, list[float]] = model["weights"]  # type: ignore[assignment]
        n = len(model["classes"])  # type: ignore[arg-type]
        self.model = model  # kept referenced, so its id cannot be reused meanwhile
        self.n = n
        self.bias: list[float] = model["bias"]  # type: ignore[assignment]
        # Lean of a feature towards class c: w[c] - mean(w[other classes]), computed with the
        # same expression as always, so the contributions shown are the same floats.
        leans: dict[str, list[float]] = {}
        for name, w in weights.items():
            lean = []
            for best in range(n):
                others = [w[k] for k in range(n) if k != best]
                lean.append(w[best] - sum(others) / len(others))
            leans[name] = lean
        # By cue index: (weights, leans), None for a cue the model lacks.
        self.cue_at: list[tuple[Weights, Weights] | None] = [
            (tuple(weights[name]), tuple(leans[name])) if name in weights else None
            for name in CUE_NAMES
        ]
        self.neg_cue = self.cue_at[_NEGATION_INDEX]
        # A cue worth 0 adds w * 0.0 = ±0.0, which leaves a float sum as it is but for the sign
        # of a zero, and softmax gives the same for +0.0 and -0.0; so predict skips such cues
        # when that holds: float biases and finite cue weights (inf * 0.0 is nan).
        self.zero_cues_add_nothing = all(type(b) is float for b in self.bias) and all(
            math.isfinite(x) for cue in self.cue_at if cue is not None for x in cue[0]
        )
        # Ids of the word features by stem and of the pair features by first then second
        # stem, as _Item keeps them; interned like _Stems' stems, so lookups match by
        # identity. A name that features() cannot write is left out: it was never looked up.
        names = [""]  # by id
        self.word_ids: dict[str, int] = {}
        self.pairs_from: dict[str, dict[str, int]] = {}
        for name in weights:
            if name.startswith("w:") and name != f"w:{_MASKED}":  # "_" is no word feature
                self.word_ids[sys.intern(name[2:])] = len(names)
                names.append(name)
            elif name.startswith("b:") and (pair := _parse_pair(name)) is not None:
                a, b = map(sys.intern, pair)
                self.pairs_from.setdefault(a, {})[b] = len(names)
                names.append(name)
        # Per class: the weight of each id; the rank of its lean in the order predict shows
        # them, (lean, name) descending, from 1, with those not positive (never shown) all
        # ranked last, at len(names); and what each rank shows: (lean, name, as shown), None
        # for the last.
        self.weights: list[list[float]] = []
        self.ranks: list[list[int]] = []
        self.ranked: list[list[tuple[float, str, str | None] | None]] = []
        for k in range(n):
            self.weights.append([0.0, *(weights[name][k] for name in names[1:])])
            shown = sorted(
                ((leans[name][k], name, i) for i, name in enumerate(names) if i),
                reverse=True,
            )
            shown = [entry for entry in shown if entry[0] > 0]
            ranks = [len(names)] * len(names)
            for r, (_, _, i) in enumerate(shown, start=1):
                ranks[i] = r
            self.ranks.append(ranks)
            ranked: list[tuple[float, str, str | None] | None] = [None] * (len(names) + 1)
            for r, (lean, name, _) in enumerate(shown, start=1):
                ranked[r] = (lean, name, f"{name} (+{lean:.2f})")
            self.ranked.append(ranked)


def _pair_name(pair: Pair) -> str:
    return f"b:{pair[0]}_{pair[1]}"


def _parse_pair(name: str) -> Pair | None:
    """The pair of a "b:" feature name, or None when features() cannot write that name.

    Stems never contain "_", so "b:" + "_" + "_" + b, "b:" + a + "_" + "_" and "b:" + a + "_" + b
    are told apart.
    """
    rest = name[2:]
    if rest.startswith("__"):
        pair: Pair = (_MASKED, rest[2:])
    elif rest.endswith("__"):
        pair = (rest[:-2], _MASKED)
    else:
        a, _, b = rest.partition("_")
        pair = (a, b)
    return pair if _pair_name(pair) == name and pair != (_MASKED, _MASKED) else None


_STANCES: dict[str, Stance] = {s.value: s for s in Stance}

# model (by identity) -> its prepared layout
_PREPARED: dict[int, _Prepared] = {}


def _prepared(model: Mapping[str, object]) -> _Prepared:
    """The prepared layout of a model, computed once per model object."""
    hit = _PREPARED.get(id(model))
    if hit is not None and hit.model is model:
        return hit
    if len(_PREPARED) >= 8:
        _PREPARED.clear()
    prep = _PREPARED[id(model)] = _Prepared(model)
    return prep


def classify_stance(claim: Claim, title: str, summary: str = "") -> StanceResult:
    """Decide the stance of an item towards a claim; cues say what decided it."""
    return predict(load_model(), claim.text, title, summary)
