"""Stance of a matched item towards a claim: confirms, denies or reports, with the cues.

Hand cues (refuting words, hedging, attribution, question form, official confirmation verbs,
negation near the claim's own terms) are always computed and shown. When the learned model
(`stance_model.json`, a small logistic regression trained by `scripts/train_stance.py`) is present,
it makes the decision from those cues plus the item's words, and its top contributing features are
shown too. Without it, a few ordered rules decide.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


_CUE_WORD_RE = re.compile(r"[a-z0-9']+")


@lru_cache(maxsize=1024)
def _cue_words(text: str) -> tuple[str, ...]:
    # Keep apostrophes so "isn't" stays one word for the negation lists.
    # Cached: one item is read for each claim it matches, and by three steps each time.
    return tuple(_CUE_WORD_RE.findall(fold(text).replace("\u2019", "'")))


@lru_cache(maxsize=1024)
def _stemmed(text: str) -> tuple[str, ...]:
    return tuple(map(stem, _cue_words(text)))


@lru_cache(maxsize=4096)
def _claim_stems(claim_text: str, min_len: int) -> frozenset[str]:
    """Stems of the claim's words longer than ``min_len`` characters."""
    return frozenset(stem(w) for w in words(claim_text) if len(w) > min_len)


def _read(title: str, summary: str) -> str:
    """The text stance reads: the title and the lead of the summary.

    The same string for every step, so the item's words are split once (``_cue_words``).
    """
    return f"{title} {lead(summary, STANCE_LEAD_CHARS)}"


def cue_features(claim_text: str, title: str, summary: str = "") -> dict[str, float]:
    """Hand cue features of an item (title and lead of the summary) towards a claim."""
    text = _read(title, summary)
    ws = _cue_words(text)  # the same words as the stripped text's: only spaces differ
    wset = set(ws)
    claim_stems = _claim_stems(claim_text, 3)
    f: dict[str, float] = {}
    f["cue:refuting_strong"] = float(len(wset & STRONG_REFUTING))
    f["cue:refuting_any"] = float(bool(wset & REFUTING))
    f["cue:hedging"] = float(len(wset & HEDGING))
    f["cue:attribution"] = float(bool(wset & ATTRIBUTION))
    f["cue:confirming"] = float(len(wset & CONFIRMING))
    f["cue:question"] = float("?" in title or "?" in text.strip()[:300])
    # Negation within three words before a claim term: "did not die", "no evidence of X".
    neg_scope = 0.0
    for k, w in enumerate(ws):
        if w in NEGATIONS:
            window = ws[k + 1 : k + 4]
            if any(stem(x) in claim_stems for x in window):
                neg_scope = 1.0
                break
    f["cue:negation_scope"] = neg_scope
    return f


def cue_reasons(f: Mapping[str, float], title: str, summary: str) -> list[str]:
    """Readable strings for the cues that fired, naming the words found."""
    ws = list(dict.fromkeys(_cue_words(_read(title, summary))))  # each word once, in order
    out: list[str] = []

    def found(vocab: frozenset[str]) -> str:
        return ", ".join(f"'{w}'" for w in [w for w in ws if w in vocab][:4])

    if f.get("cue:refuting_strong"):
        out.append(f"refuting: {found(STRONG_REFUTING)}")
    if f.get("cue:negation_scope"):
        out.append("negation of the claim's own terms")
    if f.get("cue:confirming"):
        out.append(f"confirmation: {found(CONFIRMING)}")
    if f.get("cue:hedging"):
        out.append(f"hedging: {found(HEDGING)}")
    if f.get("cue:attribution"):
        out.append(f"attribution: {found(ATTRIBUTION)}")
    if f.get("cue:question"):
        out.append("question form")
    return out


def features(claim_text: str, title: str, summary: str = "") -> dict[str, float]:
    """All model features: hand cues plus the item's words and word pairs.

    Words of the claim itself are left out: they say what the item is about, not how it stands,
    and would let a model learn topics instead of stance.
    """
    f = cue_features(claim_text, title, summary)
    ws = _masked_words(claim_text, title, summary)
    for w in ws:
        if w != "_":
            f[f"w:{w}"] = 1.0
    for a, b in zip(ws, ws[1:], strict=False):
        if a != "_" or b != "_":
            f[f"b:{a}_{b}"] = 1.0
    return f


# Cue words stay features even when the claim uses them ("... is a hoax" claims exist).
_KEEP = REFUTING | HEDGING | CONFIRMING | NEGATIONS


def _masked_words(claim_text: str, title: str, summary: str) -> list[str]:
    """The stems of the text stance reads, with the claim's own words (cue words apart) as "_"."""
    claim_stems = _claim_stems(claim_text, 0)
    return [
        "_" if w in claim_stems and w not in _KEEP else w for w in _stemmed(_read(title, summary))
    ]


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> dict[str, object] | None:
    """The learned model, or None when the file is absent (rules then decide)."""
    p = Path(path)
    if not p.exists():
        return None
    model: dict[str, object] = json.loads(p.read_text(encoding="utf-8"))
    return model


def _softmax(xs: list[float]) -> list[float]:
    m = max(xs)
    es = [math.exp(x - m) for x in xs]
    s = sum(es)
    return [e / s for e in es]


def _rules(f: Mapping[str, float]) -> tuple[Stance, float]:
    if f["cue:refuting_strong"] or f["cue:negation_scope"]:
        return Stance.DENIES, 0.7
    if f["cue:question"] or f["cue:hedging"]:
        return Stance.REPORTS, 0.6
    return Stance.CONFIRMS, 0.55


def predict(
    model: Mapping[str, object] | None, claim_text: str, title: str, summary: str = ""
) -> StanceResult:
    """Stance from a given model (None: the rules); pure, so cross-validation can pass its own.

    The model is applied to ``features`` without building them: the words and word pairs are
    looked up in the model's own tables (``_prepared``). Same floats, no feature-name strings
    built; stance runs for every match.
    """
    summary = summary or ""
    f = cue_features(claim_text, title, summary)
    reasons = cue_reasons(f, title, summary)
    if model is None:
        stance, conf = _rules(f)
        return StanceResult(stance, conf, tuple(reasons) or ("no cue: plain assertion",))
    table = _prepared(model)
    classes = table.classes
    n = len(classes)
    used = _used_features(table, f, _masked_words(claim_text, title, summary))
    logits = _logits(table, used)
    probs = _softmax(logits)
    best = max(range(n), key=lambda k: probs[k])
    # Features pushing towards the chosen class more than towards the others, biggest first.
    contrib = [(push, name) for v, (name, _, lean) in used if (push := v * lean[best]) > 0]
    contrib.sort(reverse=True)
    if contrib:
        reasons.append("model: " + ", ".join(f"{n} (+{p:.2f})" for p, n in contrib[:4]))
    return StanceResult(Stance(classes[best]), round(probs[best], 3), tuple(reasons))


# A feature of the model: its name, its weight per class, and its lean towards each class over the
# others (w[class] - mean of the other classes' weights), for the explanation.
_Entry = tuple[str, tuple[float, ...], tuple[float, ...]]


def _used_features(
    table: _Table, cues: Mapping[str, float], ws: list[str]
) -> list[tuple[float, _Entry]]:
    """The features with a weight and their values, in the order of ``features`` (so the sums
    are the same floats): the cues, then the words, then the word pairs, each counted once."""
    used: list[tuple[float, _Entry]] = []
    for name, v in cues.items():
        e = table.named.get(name)
        if e is not None:
            used.append((v, e))
    seen: set[str] = set()  # a feature counts once, however often its word appears
    words_ = table.words
    for w in ws:
        e = words_.get(w)
        if e is not None and e[0] not in seen:
            seen.add(e[0])
            used.append((1.0, e))
    pairs = table.pairs
    for a, b in zip(ws, ws[1:], strict=False):
        after = pairs.get(a)
        if after is not None:
            e = after.get(b)
            if e is not None and e[0] not in seen:
                seen.add(e[0])
                used.append((1.0, e))
    return used


def _logits(table: _Table, used: list[tuple[float, _Entry]]) -> list[float]:
    """Each class's logit summed in the order of the features (identical floats to a plain loop)."""
    if len(table.classes) == 3:
        z0, z1, z2 = table.bias
        for v, (_name, wt, _lean) in used:
            z0 += wt[0] * v
            z1 += wt[1] * v
            z2 += wt[2] * v
        return [z0, z1, z2]
    logits = []
    for k in range(len(table.classes)):
        z = table.bias[k]
        for v, (_name, wt, _lean) in used:
            z += wt[k] * v
        logits.append(z)
    return logits


@dataclass(frozen=True, slots=True)
class _Table:
    """A model's features keyed for look-up without building their names."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    named: dict[str, _Entry]  # every feature by name (the cues are looked up this way)
    words: dict[str, _Entry]  # "w:{word}" by word
    pairs: dict[str, dict[str, _Entry]]  # "b:{a}_{b}" by a, then b ("_": a claim word)


# model (by identity) -> its table
_PREPARED: dict[int, tuple[Mapping[str, object], _Table]] = {}


def _prepared(model: Mapping[str, object]) -> _Table:
    """The model's table, computed once per model. The model is kept referenced, so its id
    cannot be reused meanwhile."""
    hit = _PREPARED.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    weights: dict[str, list[float]] = model["weights"]  # type: ignore[assignment]
    classes: tuple[str, ...] = tuple(model["classes"])  # type: ignore[arg-type]
    n = len(classes)
    named: dict[str, _Entry] = {}
    words_: dict[str, _Entry] = {}
    pairs: dict[str, dict[str, _Entry]] = {}
    for name, w in weights.items():
        lean = []
        for best in range(n):
            others = [w[k] for k in range(n) if k != best]
            lean.append(w[best] - sum(others) / len(others))
        e: _Entry = (name, tuple(w), tuple(lean))
        named[name] = e
        if name.startswith("w:"):
            words_[name[2:]] = e
        elif name.startswith("b:"):
            a, b = _pair(name[2:])
            pairs.setdefault(a, {})[b] = e
    bias: tuple[float, ...] = tuple(model["bias"])  # type: ignore[arg-type]
    table = _Table(classes, bias, named, words_, pairs)
    if len(_PREPARED) >= 8:
        _PREPARED.clear()
    _PREPARED[id(model)] = (model, table)
    return table


def _pair(joined: str) -> tuple[str, str]:
    """The two words of a pair feature's "a_b" ("_" stands for a claim word; words have no "_")."""
    if joined.startswith("__"):
        return "_", joined[2:]
    if joined.endswith("__"):
        return joined[:-2], "_"
    a, _, b = joined.partition("_")
    return a, b


def classify_stance(claim: Claim, title: str, summary: str = "") -> StanceResult:
    """Decide the stance of an item towards a claim; cues say what decided it."""
    return predict(load_model(), claim.text, title, summary)
