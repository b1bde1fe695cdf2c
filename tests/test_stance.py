"""Stance on plain values: denials, rumour framing and plain assertions, with the cues shown."""

from __future__ import annotations

import json

import pytest

from monitor.judge.stance import MODEL_PATH, classify_stance, predict
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
