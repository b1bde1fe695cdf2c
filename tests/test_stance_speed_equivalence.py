"""The fast stance path (per-item caches, feature ids, C-level sums) against the plain definition.

`predict` must give exactly what a plain loop over `features()` gives: bias, then weight * value
per feature in insertion order, softmax, and the top pushes named. The reference below is that
loop, written the obvious way; the item texts repeat across claims, as they do when an item
matches several claims, so the per-item caches are exercised with different masks.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import pytest

from monitor.judge import stance
from monitor.judge.stance import MODEL_PATH, cue_reasons, features, predict
from monitor.model import Stance, StanceResult

CLAIMS = [
    "Anonymous street artist Banksy was arrested",
    "London police arrested a man",
    "Apple will sell 19 million Apple Watches in 2015",
    "The hoax about the dead actor is not true",
]
ITEMS = [
    ("Police deny reports that Banksy was arrested in London", ""),
    ("Has Banksy been arrested?", "Rumours say the artist was held, police did not confirm."),
    ("Apple Watch sales: analyst expects 19M", "Apple reportedly sold millions, sources said."),
    (
        "No, the actor is not dead: it's a hoax",
        "The actor's agent denied the fake report on Monday.",
    ),
    ("Banksy's new mural painted on a London wall", "A new mural, painted overnight."),
    ("Café owner’s death isn't true", "Ünïcödé text, “quotes” and 2,000 people. " * 30),
]


def reference(model: Mapping[str, object], claim: str, title: str, summary: str) -> StanceResult:
    """The plain loop over the features that predict must match float for float."""
    f = features(claim, title, summary)
    reasons = cue_reasons(f, title, summary)
    classes: list[str] = model["classes"]  # type: ignore[assignment]
    weights: dict[str, list[float]] = model["weights"]  # type: ignore[assignment]
    n = len(classes)
    logits = list(model["bias"])  # type: ignore[call-overload]
    for name, v in f.items():
        if name in weights:
            for k in range(n):
                logits[k] += weights[name][k] * v
    m = max(logits)
    es = [math.exp(x - m) for x in logits]
    probs = [e / sum(es) for e in es]
    best = max(range(n), key=lambda k: probs[k])
    pushes = []
    for name, v in f.items():
        if name in weights:
            w = weights[name]
            others = [w[k] for k in range(n) if k != best]
            push = v * (w[best] - sum(others) / len(others))
            if push > 0:
                pushes.append((push, name))
    pushes.sort(reverse=True)
    if pushes:
        reasons.append("model: " + ", ".join(f"{n} (+{p:.2f})" for p, n in pushes[:4]))
    return StanceResult(Stance(classes[best]), round(probs[best], 3), tuple(reasons))


def toy_model() -> dict[str, object]:
    """A small model with word, pair (masked too) and cue features, and one cue left out."""
    return {
        "classes": ["confirms", "denies", "reports"],
        "bias": [0.25, -0.5, 0.125],
        "weights": {
            "cue:refuting_strong": [-0.5, 1.5, 0.1],
            "cue:hedging": [-0.3, -0.1, 0.7],
            "cue:question": [-0.2, 0.1, 0.9],
            "cue:negation_scope": [-0.4, 1.1, 0.0],
            "w:polic": [0.1, 0.3, -0.2],
            "w:deny": [-0.7, 1.2, 0.1],
            "w:not": [-0.2, 0.4, 0.0],
            "w:banksy": [0.05, 0.0, 0.02],
            "b:deny_report": [-0.1, 0.6, 0.2],
            "b:__was": [0.3, -0.1, 0.05],
            "b:the__": [0.01, 0.02, 0.03],
            "b:not__": [-0.3, 0.8, 0.1],
            "b:is_not": [-0.1, 0.2, 0.0],
            "w:mural": [0.5, -0.1, 0.0],
            "w:paint": [0.3, 0.0, -0.1],
            "w:wall": [0.2, -0.1, 0.0],
            "w:new": [0.1, 0.0, -0.05],
            "b:new_mural": [0.15, 0.0, 0.0],
            "b:deny__": [-0.2, 0.9, 0.1],
            "b:__in": [0.02, -0.01, 0.0],
            "b:in__": [0.0, 0.05, -0.05],
        },
    }


def models() -> list[dict[str, object]]:
    out = [toy_model()]
    if MODEL_PATH.exists():
        out.append(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize("model", models(), ids=lambda m: f"{len(m['weights'])}-features")  # type: ignore[index, arg-type]
def test_predict_is_the_plain_loop_for_every_claim_of_an_item(model: dict[str, object]) -> None:
    for title, summary in ITEMS:
        for claim in CLAIMS + CLAIMS[::-1]:  # each item under every claim, twice, interleaved
            assert predict(model, claim, title, summary) == reference(model, claim, title, summary)


def test_cached_item_gives_what_a_fresh_one_gives() -> None:
    model = toy_model()
    title, summary = ITEMS[0]
    warm = [predict(model, claim, title, summary) for claim in CLAIMS]
    stance._item.cache_clear()
    cold = [predict(model, claim, title, summary) for claim in reversed(CLAIMS)]
    assert warm == cold[::-1]


def test_each_claim_masks_only_its_own_words_in_one_item() -> None:
    title = "Police deny Banksy was arrested in London"
    about_banksy = features(CLAIMS[0], title)  # masks banksy, was, arrest
    about_police = features(CLAIMS[1], title)  # masks polic, arrest, london
    assert not {"w:banksy", "w:was", "w:arrest"} & about_banksy.keys()
    assert {"w:polic", "w:london", "b:deny__", "b:__in", "b:in_london"} <= about_banksy.keys()
    # The same (cached) item under the other claim: the other words are the masked ones.
    assert not {"w:polic", "w:london", "w:arrest", "b:in_london"} & about_police.keys()
    assert {"w:banksy", "w:was", "b:__deny", "b:was__", "b:in__"} <= about_police.keys()
    # Two masked words in a row make no pair.
    assert "b:___" not in about_banksy and "b:___" not in about_police
