"""Stance of a matched item towards a claim: confirms, denies or reports, with the cues.

Hand cues are always computed and shown: refuting and denial words, reversals ("abandons",
"calls off"), negation just before the claim's own terms, rumour and modal framing ("reportedly",
"in talks", "could"), fear of the claim's event ("union fears job cuts"), attribution, question
form, official confirmation, a relative, rival or someone described by the claim's subject in its
place ("X's father dies", "X's drummer dies", "man who attacked X arrested"), the opposite of the
claim's event ("X vows to stay on" for "X will resign"), and whether the item asserts the claim's
event at all. The cue lists are per language (``monitor.judge.cues``: English and Chinese so
far); an item in a language without one neither confirms nor denies. When the learned model
(``stance_model.json``, a small logistic regression trained by ``scripts/train_stance.py``) is
present, it decides from those cues plus the item's words, and its top contributing features are
shown too. Without it, a few ordered rules decide.

Never the alarming answer by default: ``confirms`` needs positive evidence (the claim's event terms
in the item: a confirmation word about another event is not enough), and is never given over a reversal, a negation of the
claim's terms, a refutation, a denial, modal or question framing, a relative in the subject's
place, or the opposite of the claim's event; such a model answer is overruled, and the cues say so
("guard: ...").

The package's modules, from the bottom layer up: ``numbers``, ``event`` (the claim's words and
whether the item says its event), ``scopes``, ``subjects`` (who), ``framing`` (how), ``objects``
(what and where), ``reading`` (all cues of a pair), ``model`` (the decision); this module reads a
claim's aliases across scripts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from monitor.judge.cues import TABLES, UNSPACED_RE
from monitor.judge.headline import first_sentence, is_kind_only
from monitor.judge.stance.event import (
    _DESCRIPTORS_ZH,
    _LINKING_CHARS,
    _NUMERALS_ZH,
    _claim_event_words_zh,
    _claim_names,
    _hits,
)
from monitor.judge.stance.model import MODEL_PATH, features, load_model, predict, word_logits
from monitor.judge.text import MAX_TITLE_CHARS, fold, lead, terms, words
from monitor.model import Claim, Stance, StanceResult

__all__ = [
    "MODEL_PATH",
    "aliases_unnamed",
    "classify_stance",
    "features",
    "load_model",
    "predict",
    "word_logits",
]


def classify_stance(
    claim: Claim, title: str, summary: str = "", vector: Sequence[float] | None = None
) -> StanceResult:
    """Decide the stance of an item towards a claim; cues say what decided it. ``vector``: the
    English sentence model's vector of the headline, when it read it (see ``predict``)."""
    title = lead(title, MAX_TITLE_CHARS)
    if topic := _topic_only(title, summary):
        # "Statement on Orbit 5 launch timing": the release's first sentence says what it states
        # (the English model read the title, not that sentence: its vector is left out)
        read = _classify(claim, *topic, None)
        return StanceResult(read.stance, read.confidence, (_TOPIC_CUE,) + read.cues)
    return _classify(claim, title, summary, vector)


def _classify(claim: Claim, title: str, summary: str, vector: Sequence[float] | None) -> StanceResult:
    model = load_model()
    result = predict(model, claim.text, title, summary, vector)
    if result.stance is Stance.REPORTS:
        # Across scripts the claim's event may go unread ("resigns" for 辞职): an alias in the
        # item's script that states an event is read as the claim, with all of its checks.
        for alias in _aliases_stating_an_event(claim.text, claim.aliases, f"{title} {summary}"):
            read = predict(model, alias, title, summary, vector)
            if read.stance is not Stance.REPORTS:
                return StanceResult(read.stance, read.confidence, (f"read against the alias '{alias}'",) + read.cues)
        return result
    missing = aliases_unnamed(claim.text, claim.aliases, f"{title} {summary}")
    if not missing:
        return result
    return StanceResult(
        Stance.REPORTS,
        result.confidence,
        (f"guard: names none of the claim's aliases in its script in full ({missing}), not {result.stance.value}",)
        + result.cues,
    )


# A release's title that names its kind and then only its matter ("Statement on Orbit 5 launch
# timing", "Update regarding the Leeds plant"): it states nothing itself.
_TOPIC_TITLE_RE = re.compile(
    r"^\s*(?:statement|update|clarification|response|notice|comment)s?\s+(?:on|regarding|about|concerning|to|re)\b",
    re.IGNORECASE,
)
_TOPIC_CUE = "read by its lead: the title names only the matter of the release"


def _topic_only(title: str, summary: str) -> tuple[str, str] | None:
    """For a release titled by its kind and matter, with a lead: the lead's first sentence as the
    title and the rest as the lead; None otherwise, and for a title that names only its kind
    (``judge.headline``): without the claim's event, it is read with its whole lead already."""
    if not summary.strip() or not _TOPIC_TITLE_RE.match(title) or is_kind_only(title):
        return None  # a title of its kind alone ("Statement on media reports") is read with the whole lead
    return first_sentence(summary)


def aliases_unnamed(claim_text: str, aliases: Sequence[str], text: str) -> str:
    """For an item written in another script than the claim (a Chinese item, an English claim, or
    the other way round) when the claim has aliases in the item's script: the aliases, quoted,
    when the item names the parties of none of them in full; else "".

    Across scripts stance reads the claim's event in the item's words, but not who did it: the
    claim's names are written otherwise ("北汽" for BAIC), so "小米与比亚迪官宣合作" would confirm
    "Xiaomi partners with BAIC". An alias in the item's script says how the user writes those
    names: a Chinese alias's characters (its event words, cue words and linking characters
    aside), or a Latin alias's capitalised words, must all be in the item."""
    item_unspaced = bool(UNSPACED_RE.search(text))
    readable = [a for a in _in_the_items_script(claim_text, aliases, text) if _alias_parties(a)]
    if not readable:
        return ""
    present = fold(text) if item_unspaced else " ".join(words(text))
    for alias in readable:
        parties = _alias_parties(alias)
        if item_unspaced and all(c in present for c in parties):
            return ""
        if not item_unspaced and all(f" {w} " in f" {present} " for w in parties):
            return ""
    return ", ".join(f"'{a}'" for a in readable[:3])


def _in_the_items_script(claim_text: str, aliases: Sequence[str], text: str) -> list[str]:
    """The aliases in the item's script when the claim's text is in another (Chinese and Latin)."""
    item_unspaced = bool(UNSPACED_RE.search(text))
    if bool(UNSPACED_RE.search(claim_text)) == item_unspaced:
        return []
    return [a for a in aliases if bool(UNSPACED_RE.search(a)) == item_unspaced]


def _aliases_stating_an_event(claim_text: str, aliases: Sequence[str], text: str) -> list[str]:
    """The aliases in the item's script (the claim's text in another) that state an event: a
    Chinese one with an event word (``cues.EVENT_WORDS_ZH``), a Latin one with a word in lower
    case besides its names ("Vestra CEO Hanna Berg resigns"; not "Orbis Kessel")."""
    out = []
    for alias in _in_the_items_script(claim_text, aliases, text):
        if UNSPACED_RE.search(alias):
            stated = bool(_claim_event_words_zh(alias))
        else:
            stated = bool(terms(" ".join(t for t in alias.split() if not t[:1].isupper())))
        if stated:
            out.append(alias)
    return out


@lru_cache(maxsize=1024)
def _alias_parties(alias: str) -> tuple[str, ...]:
    """What of an alias names its parties: a Chinese alias's characters but for its event words
    (``cues.EVENT_WORDS_ZH``), cue words (宣布, 将 ...), linking characters and numerals; a Latin
    alias's capitalised words (``_claim_names``)."""
    if not UNSPACED_RE.search(alias):
        return tuple(sorted(_claim_names(alias)))
    folded = fold(alias)
    blank = [False] * len(folded)
    spans = [(h.start, h.end) for lang, h in _hits(folded) if TABLES[lang].unspaced]  # character spans
    described = next((d for d in _DESCRIPTORS_ZH if folded.startswith(d)), "")
    if described and len(folded) > len(described) + 2:
        spans.append((0, len(described)))  # "歌手林艾娃": who she is, not who is meant
    for word in _claim_event_words_zh(alias):
        start = folded.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + 1)
    for start, end in spans:
        for k in range(start, min(end, len(folded))):
            blank[k] = True
    kept = (
        c for k, c in enumerate(folded)
        if not blank[k] and UNSPACED_RE.match(c) and c not in _LINKING_CHARS and c not in _NUMERALS_ZH
    )
    return tuple(dict.fromkeys(kept))
