"""Stance on plain values: denials, rumour framing and plain assertions, with the cues shown."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from monitor.judge.stance import MODEL_PATH, classify_stance, features, predict
from monitor.model import Claim, Stance

CLAIM = Claim("banksy", "Anonymous street artist Banksy was arrested")


@pytest.mark.parametrize(
    "title",
    [
        "Police deny reports that Banksy was arrested",
        "Banksy arrest story is a hoax",
        "No, Banksy has not been arrested",
    ],
)
def test_refutations_are_denies_with_a_refuting_cue(title: str) -> None:
    r = classify_stance(CLAIM, title)
    assert r.stance is Stance.DENIES
    assert any(c.startswith("refuting") or c.startswith("negation") for c in r.cues), r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Has Banksy been arrested?",
        "Banksy reportedly arrested in London, according to unconfirmed rumours",
    ],
)
def test_rumour_framing_is_reports(title: str) -> None:
    r = classify_stance(CLAIM, title)
    assert r.stance is Stance.REPORTS
    assert any(c.startswith(("question", "hedging", "attribution")) for c in r.cues), r.cues


def test_official_confirmation_is_confirms() -> None:
    r = classify_stance(CLAIM, "Police confirm Banksy arrested in London")
    assert r.stance is Stance.CONFIRMS
    assert any(c.startswith("confirmation") for c in r.cues)


def test_result_is_well_formed() -> None:
    r = classify_stance(CLAIM, "Banksy arrested in London", "The artist was held overnight.")
    assert 0.0 <= r.confidence <= 1.0
    assert r.cues and all(isinstance(c, str) and c for c in r.cues)


def test_rules_alone_work_without_a_model() -> None:
    assert predict(None, CLAIM.text, "Police deny Banksy was arrested").stance is Stance.DENIES
    assert predict(None, CLAIM.text, "Was Banksy arrested?").stance is Stance.REPORTS
    assert predict(None, CLAIM.text, "Banksy arrested in London").stance is Stance.CONFIRMS


def test_shipped_model_is_small_readable_json() -> None:
    if not MODEL_PATH.exists():
        pytest.skip("no learned model shipped; the rules decide")
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model["classes"] == ["confirms", "denies", "reports"]
    assert MODEL_PATH.stat().st_size < 500_000
    # The hand cues are features of the model, so its explanations can name them.
    assert any(name.startswith("cue:") for name in model["weights"])


def test_model_explains_with_top_features() -> None:
    if not MODEL_PATH.exists():
        pytest.skip("no learned model shipped")
    r = classify_stance(CLAIM, "Police deny reports that Banksy was arrested")
    assert any(c.startswith("model: ") for c in r.cues)


def test_long_body_is_read_from_the_lead() -> None:
    body = "Banksy was arrested on Tuesday. " + "Unrelated words follow here. " * 200 + "Hoax?"
    r = classify_stance(CLAIM, "", body)
    assert r.stance is not Stance.DENIES  # the late "Hoax?" is beyond the lead


def _model_on_features(model: dict, claim: str, title: str, summary: str) -> tuple[str, float]:
    """The model applied to ``features`` the plain way: the reference ``predict`` must agree with."""
    f = features(claim, title, summary)
    weights = model["weights"]
    logits = []
    for k in range(len(model["classes"])):
        z = model["bias"][k]
        for name, v in f.items():
            if name in weights:
                z += weights[name][k] * v
        logits.append(z)
    top = max(logits)
    exp = [math.exp(z - top) for z in logits]
    best = max(range(len(exp)), key=lambda k: exp[k])
    return model["classes"][best], round(exp[best] / sum(exp), 3)


def test_predict_is_the_model_applied_to_features(shared_data: Path) -> None:
    """``predict`` looks words up in the model's tables instead of building ``features``: on real
    headlines (with bodies of other headlines, so words and pairs repeat) it must give the same
    stance and confidence, and explain with features that fired."""
    if not MODEL_PATH.exists():
        pytest.skip("no learned model shipped")
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    with (shared_data / "emergent-train.csv").open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["label"] != "unrelated"][:600]
    assert len(rows) == 600
    for k, row in enumerate(rows):
        summary = " ".join(r["title"] for r in rows[k + 1 : k + 4])
        got = predict(model, row["claim"], row["title"], summary)
        assert (got.stance.value, got.confidence) == _model_on_features(
            model, row["claim"], row["title"], summary
        ), row["title"]
        fired = features(row["claim"], row["title"], summary)
        explained = [c for c in got.cues if c.startswith("model: ")]
        for part in explained[0].removeprefix("model: ").split(", ") if explained else []:
            assert part.rsplit(" (", 1)[0] in fired, part


def test_predict_takes_a_model_with_other_classes() -> None:
    """A model file with two classes (say, trained without 'reports') is applied the same way."""
    model = {
        "classes": ["confirms", "denies"],
        "bias": [0.2, -0.2],
        "weights": {"cue:refuting_strong": [-1.0, 2.5], "w:polic": [0.3, -0.1], "b:deny__": [0, 1]},
    }
    title = "Police deny Banksy was arrested"
    got = predict(model, CLAIM.text, title)
    assert (got.stance.value, got.confidence) == _model_on_features(model, CLAIM.text, title, "")
    assert got.stance is Stance.DENIES
    assert any(c.startswith("model: cue:refuting_strong") for c in got.cues), got.cues
