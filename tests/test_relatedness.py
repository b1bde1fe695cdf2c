"""The relatedness model on plain values: fitting, scoring, and the matcher's use of it."""

from __future__ import annotations

import csv
import json
import math
import random
import sys
from pathlib import Path

import pytest

from monitor.judge.match import Matcher
from monitor.judge.relatedness import (
    FEATURES,
    MODEL_PATH,
    RelatednessModel,
    fit,
    shipped_body_model,
    shipped_model,
)
from monitor.model import Claim

CLAIMS = [
    Claim("path", "Apple is buying Path"),
    Claim("sotloff", "ISIS beheads Steve Sotloff"),
    Claim("watch-500", "The stainless steel Apple Watch will retail for 500 USD"),
    Claim("watch-ship", "The Apple Watch will ship in March"),
]
HEADLINES = [
    "Apple in late stages to buy Path, sources say",
    "Steven Sotloff beheaded by ISIS in new video",
    "Stainless steel Apple Watch to retail at $500",
    "Apple Watch price leak: gold model will cost $5,000",
    "Local council approves new cycle lanes",
]


def test_fit_learns_a_separable_rule() -> None:
    rnd = random.Random(0)
    rows: list[list[float]] = []
    labels: list[int] = []
    for _ in range(400):
        x = [rnd.random() for _ in FEATURES]
        rows.append(x)
        labels.append(int(x[0] + 0.5 * x[3] > 0.8))  # only features 0 and 3 matter
    model = fit(rows, labels, l2=0.1)
    assert model.weights[0] > 0 and model.weights[3] > 0
    assert abs(model.weights[0]) > 3 * max(
        abs(w) for k, w in enumerate(model.weights) if k not in (0, 3)
    )
    right = sum((model.probability(x) >= 0.5) == bool(y) for x, y in zip(rows, labels, strict=True))
    assert right / len(rows) > 0.95


def test_sample_weights_shift_the_decision() -> None:
    rows = [[0.0] * len(FEATURES) for _ in range(20)]
    labels = [1] * 10 + [0] * 10
    even = fit(rows, labels)
    heavy_negatives = fit(rows, labels, [1.0] * 10 + [3.0] * 10)
    assert even.probability(rows[0]) == pytest.approx(0.5, abs=1e-6)
    assert heavy_negatives.probability(rows[0]) == pytest.approx(0.25, abs=1e-3)


def test_model_round_trips_through_json_and_rejects_other_features() -> None:
    model = RelatednessModel(
        tuple(0.1 * k for k in range(len(FEATURES))),
        -1.0,
        (0.5,) * len(FEATURES),
        (2.0,) * len(FEATURES),
    )
    again = RelatednessModel.from_dict(json.loads(json.dumps(model.to_dict())))
    x = [0.3] * len(FEATURES)
    assert again.probability(x) == pytest.approx(model.probability(x))
    bad = model.to_dict() | {"features": ["blend"]}
    with pytest.raises(ValueError, match="features"):
        RelatednessModel.from_dict(bad)
    # A hand-edited file: the error names the key that is wrong.
    with pytest.raises(ValueError, match="'mean' must be a list"):
        RelatednessModel.from_dict(model.to_dict() | {"mean": 0.5})
    with pytest.raises(ValueError, match="'weights' must hold numbers only"):
        RelatednessModel.from_dict(model.to_dict() | {"weights": ["0.1"] * len(FEATURES)})


def test_probability_is_the_standardised_logistic_regression() -> None:
    model = RelatednessModel(
        (1.0,) + (0.0,) * (len(FEATURES) - 1), 0.5, (0.2,) * len(FEATURES), (0.5,) * len(FEATURES)
    )
    x = [0.7] + [9.0] * (len(FEATURES) - 1)
    z = 0.5 + 1.0 * (0.7 - 0.2) / 0.5
    assert model.probability(x) == pytest.approx(1 / (1 + math.exp(-z)))
    assert model.contributions(x)[0] == ("blend", pytest.approx(1.0))


def test_shipped_model_is_readable_and_complete() -> None:
    doc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert doc["features"] == list(FEATURES)
    assert "train_match.py" in doc["about"]
    assert shipped_model() is not None


def test_matcher_score_is_the_model_probability_of_its_measurements() -> None:
    m = Matcher(CLAIMS)
    assert m.model is not None
    for title in HEADLINES:
        view = m.prepare(title)
        for s in m.rank(view):
            expected = 100 * m.model.probability(m.measurements(s, view))
            assert s.score == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_a_bare_body_is_scored_by_the_body_model() -> None:
    m = Matcher(CLAIMS)
    assert m.body_model is not None and m.body_model == shipped_body_model()
    assert m.body_model != m.model
    body = "Apple is in late stages to buy Path, the social network, sources say. " * 2
    view = m.prepare("", body)
    assert m.model_for(view) is m.body_model
    assert m.model_for(m.prepare(HEADLINES[0])) is m.model
    ranked = m.rank(view)
    assert ranked
    for s in ranked:
        expected = 100 * m.body_model.probability(m.measurements(s, view))
        assert s.score == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_without_a_body_model_bodies_use_the_headline_model() -> None:
    m = Matcher(CLAIMS, body_relatedness=None)
    body = "Apple is in late stages to buy Path, sources say."
    view = m.prepare("", body)
    assert m.model_for(view) is m.model
    assert "scored by the headline model" in m.match("", body)[0].why
    assert "scored by the blend" in Matcher(CLAIMS, relatedness=None).match("", body)[0].why
    for s in m.rank(view):
        assert m.model is not None
        expected = 100 * m.model.probability(m.measurements(s, view))
        assert s.score == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_matcher_without_model_scores_with_the_blend() -> None:
    with_model = Matcher(CLAIMS)
    blend_only = Matcher(CLAIMS, relatedness=None)
    title = HEADLINES[0]
    s_model = with_model.rank(with_model.prepare(title))[0]
    s_blend = blend_only.rank(blend_only.prepare(title))[0]
    assert s_blend.score == pytest.approx(s_model.blend)
    assert s_blend.pushes == () and "model:" not in blend_only.match(title)[0].why


def test_explanation_shows_the_models_biggest_pushes() -> None:
    m = Matcher(CLAIMS).match(HEADLINES[1])[0]
    assert m.claim_id == "sotloff"
    assert "model: " in m.why and "blend " in m.why


def test_shipped_model_is_what_the_training_script_makes(shared_data: Path) -> None:
    """A change to the matcher's measurements must come with a retrained model (train_match.py)."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        from train_match import train, train_body
    finally:
        sys.path.remove(str(scripts))
    with (shared_data / "emergent-train.csv").open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    models = ((train(rows).to_dict(), shipped), (train_body(rows).to_dict(), shipped["body"]))
    for fresh, stored in models:
        for key in ("weights", "bias", "mean", "scale"):
            assert fresh[key] == pytest.approx(stored[key], abs=1e-5), (
                f"{key} differ: run `python scripts/train_match.py` to retrain match_model.json"
            )


def test_story_bodies_make_fnc_shaped_pairs_without_leaking_headlines() -> None:
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        from train_match import UNRELATED_PER_RELATED, story_bodies
    finally:
        sys.path.remove(str(scripts))
    rows = [
        {"claim_id": f"c{c}", "claim": f"Claim number {c}", "title": f"Headline {k} of story {c}"}
        for c in range(6)
        for k in range(8 if c < 5 else 3)  # story 5 has too few headlines for a body
    ]
    pairs = story_bodies(rows, seed=1)
    bodies = {p["item_id"]: p["summary"] for p in pairs}
    assert sorted(bodies) == [f"c{c}/body" for c in range(5)]
    assert all(p["title"] == "" for p in pairs)
    for item_id, body in bodies.items():
        story = item_id.split("/")[0]
        mine = [p for p in pairs if p["item_id"] == item_id]
        related = [p for p in mine if p["label"] != "unrelated"]
        unrelated = [p for p in mine if p["label"] == "unrelated"]
        assert {p["claim_id"].split("/")[0] for p in related} == {story}
        assert any(p["claim"] == f"Claim number {story[1:]}" for p in related)
        assert all(p["claim_id"].split("/")[0] != story for p in unrelated)
        assert len(unrelated) == UNRELATED_PER_RELATED * len(related)
        # The body is made of its own story's headlines only.
        assert {int(w.rstrip(".")) for w in body.split() if w.rstrip(".").isdigit()} >= {
            int(story[1:])
        }
        assert all(f"of story {o}." not in body for o in range(6) if f"c{o}" != story)
    # A headline that is a claim is in no body (else an item would contain its claim verbatim).
    claim_headlines = {p["claim"] for p in pairs if "/h" in p["claim_id"]}
    assert claim_headlines
    assert not any(h + "." in b for h in claim_headlines for b in bodies.values())
