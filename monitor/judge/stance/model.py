"""The decision: the features of a reading, the learned model (``stance_model.json``: a logistic
regression over the cues and words, and a sentence layer over the English model's vector), the
ordered rules used without it, and the guards that overrule an alarming answer without
positive evidence.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.judge import cues as cuelib
from monitor.judge.cues import TABLES, UNSPACED_RE, cue_words, stems
from monitor.judge.stance.event import (
    _CLAUSE_RE,
    _another_partner,
    _another_partner_zh,
    _claim_stems,
    _event,
    _event_families,
    _event_terms,
    _hits,
    _read,
)
from monitor.judge.stance.reading import Reading, reading
from monitor.judge.stance.subjects import DOER
from monitor.judge.text import MAX_TITLE_CHARS, fold, lead, stem, term, words
from monitor.model import Stance, StanceResult

MODEL_PATH = Path(__file__).resolve().parent.parent / "stance_model.json"  # beside the judge's other data


def cue_features(claim_text: str, title: str, summary: str = "") -> dict[str, float]:
    """Hand cue features of an item (title and lead of the summary) towards a claim."""
    r = reading(claim_text, title, summary)
    found = r.found

    def n(kind: str) -> float:
        return float(len(found.get(kind, ())))

    weak = ("refuting", "denial", "negation", "weak_refuting")
    return {
        "cue:refuting_strong": n("refuting"),
        "cue:denial": n("denial"),
        "cue:refuting_any": float(any(found.get(k) for k in weak)),
        "cue:reversal": float(bool(r.reversal)),
        "cue:negation_scope": float(r.negation_scope),
        "cue:hedging": n("hedging"),
        "cue:hedging_weak": n("weak_hedging"),
        "cue:modality": n("modality"),
        "cue:intention": n("intention"),
        "cue:attribution": float(bool(found.get("attribution"))),
        "cue:confirming": n("confirmation"),
        "cue:question": float(r.question),
        "cue:subject_other": float(bool(r.subject_other)),
        "cue:no_event": float(not r.event),
    }


_REASONS = (
    ("refuting", "refuting"),
    ("denial", "denial"),
    ("confirmation", "confirmation"),
    ("hedging", "hedging"),
    ("weak_hedging", "hedging (weak)"),
    ("modality", "modality"),
    ("intention", "intention"),
    ("fiction", "fiction"),
    ("retrospective", "retrospective"),
    ("award", "award"),
    ("attribution", "attribution"),
)


def cue_reasons(r: Reading) -> list[str]:
    """Readable strings for the cues that fired, naming the words found."""
    out: list[str] = []

    def quoted(phrases: list[str]) -> str:
        return ", ".join(f"'{p}'" for p in phrases[:4])

    if r.reversal:
        about = "of the claim's own event" if r.reversal_scope else "near none of the claim's terms"
        out.append(f"reversal: '{r.reversal}' ({about})")
    if r.negation_scope:
        out.append("negation of the claim's own terms")
    if r.other_number:
        out.append(f"number: {r.other_number}")
    if r.other_object:
        out.append(f"object: {r.other_object}")
    if r.contrary:
        beside = " (beside the event itself)" if r.contrary_beside_event else ""
        out.append(f"contrary: '{r.contrary}' says the opposite of the claim's event{beside}")
    if r.subject_other:
        out.append(f"subject: about '{r.subject_other}', not the claim's subject")
    for kind, label in _REASONS:
        if r.found.get(kind):
            out.append(f"{label}: {quoted(r.found[kind])}")
    if r.question:
        out.append("question form")
    out.append(f"event: {r.event}" if r.event else "no event term of the claim")
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


# Cue words stay features even when the claim uses them ("... is a hoax" claims exist). The kinds
# of the earlier, English-only lists: widening this to all kinds made no difference in grouped CV.
# Single-word cues only: the words of a phrase ("for" of "calls for", "of" of "stops short of")
# are common words of claims, which this would stop masking (grouped CV: the same either way).
_KEEP = frozenset(
    stem(w)
    for kind in ("refuting", "denial", "negation", "weak_refuting", "hedging", "modality",
                 "confirmation")
    for phrase in TABLES["en"].phrases[kind]
    if len(ws := cue_words(phrase)) == 1
    for w in ws
)


def _masked_words(claim_text: str, title: str, summary: str) -> list[str]:
    """The stems of the words the model reads, with the claim's own words (cue words apart) as
    "_": the title's (the lead's only when there is no title; the model learnt from titles)."""
    claim_stems = _claim_stems(claim_text, 0)
    read = title if title.strip() else _read(title, summary)
    return ["_" if w in claim_stems and w not in _KEEP else w for w in stems(read)]


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


_UNREAD = "guard: no stance cues for language '{}' (its denials and rumour words go unseen), reports"


_ELSEWHERE = "guard: '{}' denies another matter than the claim's event, reports"


def _rules(r: Reading) -> tuple[Stance, float, str]:
    """The stance without a model: refutation first, then framing, then positive evidence; with
    none of these, ``reports`` (never the alarming answer by default)."""
    if r.unread_language:
        return Stance.REPORTS, 0.5, _UNREAD.format(r.unread_language)
    if r.denial_elsewhere and not (r.negation_scope or r.reversal or r.contrary):
        return Stance.REPORTS, 0.5, _ELSEWHERE.format(r.denial_elsewhere)
    if voice := _own_voice(r):
        return Stance.REPORTS, 0.6, f"rule: the '{voice}' speaks for itself, not for the claim's subject"
    reversed_here = r.reversal and r.reversal_scope and not r.other_object and (r.event or not r.claim_unspaced)
    if r.refuted or r.negation_scope or reversed_here or r.denying_contrary:
        return Stance.DENIES, 0.7, "rule: refuted, negated, reversed or contrary"
    if r.contrary:
        return Stance.REPORTS, 0.6, "rule: the opposite of the event beside it"
    if r.reversal or r.subject_other or r.hedged or r.other_number or r.other_object:
        return Stance.REPORTS, 0.6, "rule: reversal, other subject, rumour framing or another number"
    if r.positive:
        return Stance.CONFIRMS, 0.55, "rule: asserts the claim's event"
    return Stance.REPORTS, 0.5, "rule: no positive evidence, so reports"


def _reversal_guard(r: Reading) -> tuple[Stance, str]:
    """What a reversal makes of a ``confirms``: denies when it reverses the claim's own event,
    else (elsewhere, or of another object: "suspends its Madrid route") reports."""
    if r.claim_unspaced and not r.event:
        # "华信科技终止收购白鲸电子" for "华信科技将收购蓝鲸半导体": too few of the claim's words
        # to be its event, so the reversal is of another matter
        return Stance.REPORTS, f"guard: reversal '{r.reversal}' without the claim's event, not confirms"
    if r.reversal_scope and not r.other_object:
        return Stance.DENIES, f"guard: '{r.reversal}' reverses the claim's event, denies"
    if r.other_object:
        return Stance.REPORTS, f"guard: reversal '{r.reversal}' of {r.other_object}, not confirms"
    return Stance.REPORTS, f"guard: reversal '{r.reversal}', not confirms"


def _guard(r: Reading) -> tuple[Stance, str] | None:
    """What overrules a ``confirms`` answer, if anything: the stance to give instead and why."""
    if r.subject_other:
        return Stance.REPORTS, f"guard: about the subject's '{r.subject_other}', not confirms"
    if r.reversal:
        return _reversal_guard(r)
    if r.negation_scope:
        return Stance.DENIES, "guard: the claim's terms are negated, denies"
    if r.denying_contrary:
        return Stance.DENIES, f"guard: '{r.contrary}' says the opposite of the claim's event, denies"
    if r.contrary:
        return Stance.REPORTS, f"guard: '{r.contrary}' beside the claim's event, not confirms"
    if other := r.other_number or r.other_object:
        return Stance.REPORTS, f"guard: {other}, not confirms"
    if r.found.get("denial") and not r.denial_elsewhere:
        return Stance.DENIES, f"guard: denial '{r.found['denial'][0]}', denies"
    if r.refuted:
        return Stance.REPORTS, "guard: refuting cue, not confirms"
    if r.framed or (r.event_named_only and r.concern):
        return Stance.REPORTS, "guard: rumour, modal, fictional or question framing, not confirms"
    if not r.positive:
        return Stance.REPORTS, "guard: no positive evidence (no event term of the claim)"
    return None


# Relations that never speak for the claim's subject: their denials are of their own matters.
_OWN_VOICES = frozenset(
    [
        "rival", "rivals", "competitor", "competitors", "supplier", "suppliers", "customer", "customers",
        "dealer", "dealers", "dealership", "distributor", "distributors", "contractor", "contractors",
        "subcontractor", "franchisee", "parts maker", "namesake", "lookalike", "look-alike", "impersonator",
        "double", "tribute band", "tribute act", "cover band", "对手", "竞争对手", "供应商", "经销商",
    ]
)


def _own_voice(r: Reading) -> str:
    """The relation in the claim's subject's place when it never speaks for that subject ("rival
    denies layoffs"): its denial is of its own matter; "" if none. (Any such relation named in the
    item was tried too and dropped: "customers" and "impersonator" in Emergent's denials.) So is
    the claim's subject as the doer of what the claim says befell it: "Kade Rourke cleared of
    assault" for "... was assaulted"."""
    return r.subject_other if r.subject_other in _OWN_VOICES or r.subject_other.endswith(DOER) else ""


_SAYING_NO = frozenset(["negation", "denial", "refuting", "weak_refuting", "dismissal"])


def _says_no(title: str) -> bool:
    """Whether a title holds a negation, denial or refutation of its own."""
    return any(h.kind in _SAYING_NO for _, h in _hits(fold(title)))


def _chinese_denial_guard(r: Reading, claim_text: str, title: str) -> tuple[Stance, str] | None:
    """``_denial_guard`` for a Chinese claim and title: a reversal without the claim's event, another
    party joined, or a negation without the claim's words is no denial of the claim."""
    if r.reversal and not (r.event or r.refuted or r.found.get("denial") or r.negation_scope):
        return Stance.REPORTS, f"guard: reversal '{r.reversal}' without the claim's event, not denies"
    if other := _another_partner_zh(claim_text, fold(title)):
        # "小米否认与比亚迪合作" denies a partnership with someone else than the claim's (北汽)
        return Stance.REPORTS, f"guard: {other}, another party's matter, not denies"
    if not (
        r.event or r.refuted or r.negation_scope or r.reversal or r.contrary or r.found.get("weak_refuting")
    ):
        # Chinese, read by cues alone (the model's words are English): a "not" with none of the
        # claim's words near it is no denial of it. "京华地产公告：未能按期兑付债券本息" (failed to
        # pay on time) for "京华地产债务违约" (has defaulted). In English the model's words tell
        # ("did not personally fly airstrikes" denies "will take part in air strikes").
        return Stance.REPORTS, "guard: a negation without the claim's event, not denies"
    return None


# A denial of reports that something will not (or did not) happen.
_DENIED_NEGATION_RE = re.compile(
    r"\b(?:den(?:y|ies|ied)|dismiss(?:es|ed)?|rejects?|rejected|refutes?|refuted)\s+"
    r"(?:(?:the\s+)?(?:reports?|claims?|rumou?rs?|suggestions?|speculation)\s+)?(?:that\s+)?(?:it|he|she|they|we|the\s+\w+|\w+)\s+"
    r"(?:will\s+not|won['\u2019]t|would\s+not|wouldn['\u2019]t|is\s+not|isn['\u2019]t|are\s+not|has\s+not|hasn['\u2019]t"
    r"|did\s+not|didn['\u2019]t|does\s+not|doesn['\u2019]t|never|no\s+longer|plans?\s+to\s+(?:drop|scrap|abandon|cancel)"
    r"|(?:has\s+|have\s+|had\s+)?(?:halted|dropped|scrapped|cancell?ed|abandoned|suspended|paused))\b",
    re.IGNORECASE,
)


def _double_negative(r: Reading, claim_text: str, title: str, whole: str = "") -> tuple[Stance, str] | None:
    """A "not" of a "not", which says the event rather than denies it: a denial of reports that
    it will not happen, or the opposite of the claim's event negated. ``reports``: the event, said
    so, is for the model's words to confirm another time."""
    if twice := _DENIED_NEGATION_RE.search(title):
        # "Denies reports it will not go ahead with job cuts"
        return Stance.REPORTS, f"guard: '{twice.group(0)}' denies a negation, not denies"
    saying_no = r.refuted or r.found.get("denial") or r.reversal
    if not (saying_no or r.negation_scope) and (negated := cuelib.negated_contrary(_event_families(claim_text), title)):
        # "Maple Bacon will not return" for "discontinues"
        return Stance.REPORTS, f"guard: '{negated}' negates the opposite of the claim's event, not denies"
    if not saying_no and (pending := _NOT_YET_RE.search(whole)):
        # "regulator probes dishwasher fires ... has not ordered a recall": not yet, no denial
        return Stance.REPORTS, f"guard: '{pending.group(0)}' says not yet, not denies"
    return None


# "Not yet": a decision or order still to come ("has not ordered a recall", 尚未作出召回决定).
_NOT_YET_RE = re.compile(
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:ordered|issued|announced|decided|made\s+a\s+decision|required)\b"
    r"|\bno\s+(?:\w+\s+){0,2}(?:has|have)\s+(?:yet\s+)?been\s+(?:ordered|issued|announced|decided)\b"
    r"|\bnot\s+yet\s+(?:ordered|issued|announced|decided)\b|尚未作出|尚未决定|暂未作出|暂未决定",
    re.IGNORECASE,
)


def _denial_guard(r: Reading, claim_text: str, title: str, whole: str = "") -> tuple[Stance, str] | None:
    """What overrules a ``denies`` answer: the headline says the claim's event, and its only
    "not" stands in another clause ("X resigns, won't say why"; "buys Y, no job losses
    expected"), with nothing else denying. ``reports``, not ``confirms``: the model saw something
    it took for a denial. Nor when its only denial denies another matter (``denial_elsewhere``),
    nor, in Chinese, when it is about someone else without a denial word, or another party is
    joined where the claim joins its own ("小米否认与比亚迪合作")."""
    if r.denial_elsewhere and not (r.negation_scope or r.reversal or r.contrary):
        return Stance.REPORTS, _ELSEWHERE.format(r.denial_elsewhere)
    if voice := _own_voice(r):
        # "Harlow Tech rival denies layoffs": a rival's or supplier's denial is of its own matter
        # (a spokesperson's or lawyer's speaks for the claim's subject, and still denies)
        return Stance.REPORTS, f"guard: the '{voice}' speaks for itself, not for the claim's subject, not denies"
    if r.other_object and not (r.refuted or r.found.get("denial")):
        # "暂停北京至马德里航线" stops another route than the claim's: its matter, not the claim's
        return Stance.REPORTS, f"guard: about {r.other_object}, not denies"
    if UNSPACED_RE.search(title) and r.subject_other and not _says_no(title):
        # "鹈鹕航空母公司申请破产 …运营暂不受影响": a title about another party (its parent company)
        # that says no "not" itself; its lead's "not" is the story's detail. A party's "not" in the
        # title still denies ("主席力挺马林：不会换帅", the chairman: no change of coach).
        return Stance.REPORTS, f"guard: about the subject's '{r.subject_other}', not denies"
    if other := _another_partner(claim_text, title, whole):
        # "Xiaomi denies partnership with Huawei" for "Xiaomi will build cars with BAIC"
        return Stance.REPORTS, f"guard: {other}, another party's matter, not denies"
    if twice := _double_negative(r, claim_text, title, whole or title):
        return twice
    if UNSPACED_RE.search(title) and UNSPACED_RE.search(claim_text) and (chinese := _chinese_denial_guard(r, claim_text, title)):
        return chinese
    if not r.event or r.refuted or r.negation_scope or r.reversal or r.contrary:
        return None
    if r.found.get("weak_refuting") or not r.found.get("negation"):
        return None
    clauses = [c for c in _CLAUSE_RE.split(title) if c.strip()]
    if len(clauses) < 2:
        return None
    event = _event_terms(claim_text)
    with_event = {k for k, c in enumerate(clauses) if any(term(w) in event for w in words(c))}
    with_negation = {k for k, c in enumerate(clauses) if cuelib.NEGATION_WORDS.intersection(cue_words(c))}
    if with_event and with_negation and not with_event & with_negation:
        return Stance.REPORTS, "guard: the 'not' is in another clause than the claim's event, not denies"
    return None


def predict(
    model: Mapping[str, object] | None,
    claim_text: str,
    title: str,
    summary: str = "",
    vector: Sequence[float] | None = None,
) -> StanceResult:
    """Stance from a given model (None: the rules); pure, so cross-validation can pass its own.

    The model is applied to ``features`` without building them: the words and word pairs are
    looked up in the model's own tables (``_prepared``). Same floats, no feature-name strings
    built; stance runs for every match. A ``confirms`` it gives against the cues is overruled
    (``_guard``); the confidence is then the model's probability of the stance given among the
    stances other than ``confirms``.

    ``vector``: the English sentence model's vector of the headline, when that model read it. A
    model with a sentence layer (``"sentence"``, trained by scripts/train_stance.py) then
    combines the word model's logits with it; without it, the word model alone decides.
    """
    summary = summary or ""
    # read as the matcher reads it: the rules' cost grows with a title's length (900 KB took 20 s)
    title = lead(title, MAX_TITLE_CHARS)
    r = reading(claim_text, title, summary)
    reasons = cue_reasons(r)
    if model is None:
        stance, conf, why = _rules(r)
        if stance is Stance.DENIES and (overruled := _denial_guard(r, claim_text, title, f"{title} {summary}")):
            stance, why = overruled
        return StanceResult(stance, conf, (*reasons, why))
    table = _prepared(model)
    classes = table.classes
    n = len(classes)
    used = _word_features(table, claim_text, title, summary)
    logits = _logits(table, used)
    reading_push: list[float] = []
    layer = table.sentence
    # A vector of another size is another model's: the word model alone then.
    if vector is not None and layer is not None and len(vector) == len(layer.from_vector):
        logits, reading_push = layer.apply(logits, vector)
    probs = _softmax(logits)
    best = max(range(n), key=lambda k: probs[k])
    # Features pushing towards the chosen class more than towards the others, biggest first.
    contrib = [(push, name) for v, (name, _, lean) in used if (push := v * lean[best]) > 0]
    if reading_push and reading_push[best] > 0:
        contrib.append((reading_push[best], "sentence model"))
    contrib.sort(reverse=True)
    if contrib:
        reasons.append("model: " + ", ".join(f"{n} (+{p:.2f})" for p, n in contrib[:4]))
    stance, confidence = Stance(classes[best]), probs[best]
    if stance is Stance.CONFIRMS:
        guard = _guard(r)
    else:
        guard = _denial_guard(r, claim_text, title, f"{title} {summary}") if stance is Stance.DENIES else None
    if guard is None and stance is Stance.REPORTS and r.reversal and r.reversal_scope and summary and _event(claim_text, title):
        # A headline that says the event itself: its own words decide, not its lead's details.
        # One that does not ("Statement on media reports") is read with its lead, which is all
        # it says ("The company has no plans to build such a plant").
        r = reading(claim_text, title)
    if guard is None and stance is Stance.REPORTS and r.reversal and r.reversal_scope and not r.other_object:
        # The headline reverses the claim's own event ("has no plans to cut jobs"): denies. Not
        # another object's ("suspends its Madrid route" for the Lisbon one).
        guard = Stance.DENIES, f"guard: '{r.reversal}' in the headline reverses the claim's event, denies"
    if guard is None and stance is Stance.REPORTS and r.denying_contrary:
        # "Ward vows to stay on" for "Ward will resign": the opposite of the claim's event.
        guard = Stance.DENIES, f"guard: '{r.contrary}' says the opposite of the claim's event, denies"
    if stance is not Stance.REPORTS and r.unread_language:
        # Without the language's cue words a denial ("رد کرد"), a rumour word or a question reads
        # like the bare event: the model's answer cannot be trusted, so the review queue decides.
        guard = Stance.REPORTS, _UNREAD.format(r.unread_language)
    if guard is not None:
        stance, why = guard
        k = classes.index(stance.value) if stance.value in classes else -1
        rest = 1.0 - probs[best]
        confidence = min(1.0, probs[k] / rest) if k >= 0 and rest > 0.0 else 0.5
        reasons.append(why)
    return StanceResult(stance, round(confidence, 3), tuple(reasons))


def word_logits(model: Mapping[str, object], claim_text: str, title: str, summary: str = "") -> list[float]:
    """The word model's logits for an item (before any sentence layer and the guards): what
    scripts/train_stance.py trains the sentence layer on."""
    table = _prepared(model)
    return _logits(table, _word_features(table, claim_text, title, summary))


def _word_features(table: _Table, claim_text: str, title: str, summary: str) -> list[tuple[float, _Entry]]:
    """The word model's features that fire for an item: its cues, words and word pairs."""
    return _used_features(table, cue_features(claim_text, title, summary), _masked_words(claim_text, title, summary))


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
class _SentenceLayer:
    """The layer over the word model: new logits from its logits and the English sentence model's
    vector of the headline (a linear map of both; stacked, trained on out-of-fold logits)."""

    # numpy arrays (classes along the last axis)
    from_logits: Any  # [k][c]: word-model logit k -> class c
    from_vector: Any  # [d][c]: vector number d -> class c
    bias: Any

    def apply(self, logits: Sequence[float], vector: Sequence[float]) -> tuple[list[float], list[float]]:
        """(the new logits, per class how much the vector pushes it above the other classes)."""
        import numpy as np

        from_vector = np.asarray(vector, dtype=np.float64) @ self.from_vector
        out = np.asarray(logits) @ self.from_logits + from_vector + self.bias
        n = len(from_vector)
        push = from_vector - (from_vector.sum() - from_vector) / (n - 1)
        return [float(z) for z in out], [float(p) for p in push]


@dataclass(frozen=True, slots=True)
class _Table:
    """A model's features keyed for look-up without building their names."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    named: dict[str, _Entry]  # every feature by name (the cues are looked up this way)
    words: dict[str, _Entry]  # "w:{word}" by word
    pairs: dict[str, dict[str, _Entry]]  # "b:{a}_{b}" by a, then b ("_": a claim word)
    sentence: _SentenceLayer | None = None


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
    layer: Mapping[str, list[Any]] | None = model.get("sentence")  # type: ignore[assignment]
    sentence = (
        _SentenceLayer(_matrix(layer["from_logits"]), _matrix(layer["from_vector"]), _matrix(layer["bias"]))
        if layer
        else None
    )
    table = _Table(classes, bias, named, words_, pairs, sentence)
    if len(_PREPARED) >= 8:
        _PREPARED.clear()
    _PREPARED[id(model)] = (model, table)
    return table


def _matrix(rows: list[Any]) -> Any:
    import numpy as np  # only a model with a sentence layer needs it (the service has it loaded)

    return np.array(rows, dtype=np.float64)


def _pair(joined: str) -> tuple[str, str]:
    """The two words of a pair feature's "a_b" ("_" stands for a claim word; words have no "_")."""
    if joined.startswith("__"):
        return "_", joined[2:]
    if joined.endswith("__"):
        return joined[:-2], "_"
    a, _, b = joined.partition("_")
    return a, b
