"""The eval metrics on small hand-made files: known answers that a wrong metric would miss."""

from __future__ import annotations

import pytest

from monitor.evaluate import EvalInputError, evaluate


def row(
    cid: str, claim: str, iid: str, title: str, label: str, summary: str = ""
) -> dict[str, str]:
    return {
        "claim_id": cid,
        "claim": claim,
        "item_id": iid,
        "title": title,
        "summary": summary,
        "source": "example.com",
        "label": label,
    }


PATH = "Apple is buying Path"
KIM = "Kim Jong Un broke both of his ankles"
ROWS = [
    row("path", PATH, "i1", "Apple in late stages to buy Path", "reports"),
    row("path", PATH, "i2", "Apple denies it is buying Path", "denies"),
    row("kim", KIM, "i3", "Kim Jong Un broke both ankles, South Korea says", "confirms"),
    row("kim", KIM, "i1", "Apple in late stages to buy Path", "unrelated"),
]


def test_keys_and_ranges() -> None:
    r = evaluate(ROWS)
    assert (r["items"], r["claims"], r["pairs"]) == (3, 2, 4)
    for key in ("r_at_1", "mrr"):
        assert 0.0 <= r["ranking"][key] <= 1.0
    for key in ("accuracy", "precision", "recall", "f1"):
        assert 0.0 <= r["relatedness"][key] <= 1.0
    assert r["false_matches_per_item"] >= 0.0
    assert 0.0 <= r["stance"]["accuracy"] <= 1.0
    assert 0.0 <= r["stance"]["macro_f1"] <= 1.0
    assert 0.0 <= r["fnc_score"] <= 1.0
    assert r["seconds"] >= 0.0


def test_clear_cases_score_perfectly() -> None:
    r = evaluate(ROWS)
    assert r["ranking"]["r_at_1"] == 1.0
    assert r["relatedness"]["accuracy"] == 1.0
    assert r["false_matches_per_item"] == 0.0
    confusion = r["stance"]["confusion"]
    assert sum(sum(v.values()) for v in confusion.values()) == 3  # the related pairs only
    assert confusion["denies"]["denies"] == 1


def test_unlisted_claim_that_matches_is_a_false_match() -> None:
    # i1 is about Path but only listed with Kim: the Path claim firing on it is a false match.
    rows = [
        row("kim", KIM, "i1", "Apple in late stages to buy Path", "unrelated"),
        row("path", PATH, "i2", "Apple to buy Path, report says", "reports"),
    ]
    r = evaluate(rows)
    assert r["false_matches_per_item"] == pytest.approx(0.5)


def test_fnc_score_counts_unrelated_calls() -> None:
    # One correctly rejected unrelated pair and nothing else: a full score.
    r = evaluate([row("kim", KIM, "i1", "Apple in late stages to buy Path", "unrelated")])
    assert r["fnc_score"] == 1.0
    assert r["ranking"]["items"] == 0


def test_thresholds_change_relatedness() -> None:
    assert (
        evaluate(ROWS, match_threshold=100.0, review_threshold=100.0)["relatedness"]["recall"]
        == 0.0
    )


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"label": "maybe"}, "label"),
        ({"claim_id": ""}, "claim_id"),
    ],
)
def test_bad_rows_raise_a_readable_error(bad: dict[str, str], message: str) -> None:
    r = {**ROWS[0], **bad}
    with pytest.raises(EvalInputError, match=message):
        evaluate([r])


def test_missing_column_is_reported() -> None:
    r = dict(ROWS[0])
    del r["label"]
    with pytest.raises(EvalInputError, match="label"):
        evaluate([r])


def test_by_claim_counts_each_claims_pairs_worst_recall_first() -> None:
    rows = [
        *ROWS,
        # Labelled as about Kim, but it is a Path headline: Kim's pair is missed.
        row("kim", KIM, "i4", "Apple confirms it bought Path", "confirms"),
    ]
    r = evaluate(rows)
    by_claim = r["by_claim"]
    assert list(by_claim) == ["kim", "path"]  # Kim's recall (1 of 2) is the worse
    kim, path = by_claim["kim"], by_claim["path"]
    assert (kim["claim"], kim["related"], kim["recall"], kim["r_at_1"]) == (KIM, 2, 0.5, 0.5)
    assert (path["related"], path["recall"], path["r_at_1"]) == (2, 1.0, 1.0)
    # i4 is not listed with Path, yet Path matches it: a false match of Path's.
    assert (kim["false_matches"], path["false_matches"]) == (0, 1)
    # Per claim stance accuracies, weighted by their pairs, make the overall one.
    weighted = sum(c["stance_accuracy"] * c["related"] for c in by_claim.values())
    assert weighted / 4 == pytest.approx(r["stance"]["accuracy"])


def test_errors_name_the_missed_pairs_and_the_false_matches() -> None:
    rows = [
        row("kim", KIM, "i1", "Apple in late stages to buy Path", "confirms"),
        row("path", PATH, "i2", "Apple to buy Path, report says", "reports"),
    ]
    r = evaluate(rows)
    (missed,) = r["errors"]["missed"]
    assert missed["claim_id"] == "kim" and missed["item_id"] == "i1"
    assert missed["text"] == "Apple in late stages to buy Path"
    assert missed["score"] < missed["threshold"] == r["match_threshold"]
    # What the item matched best instead: the Path claim, above the threshold.
    assert missed["best_claim_id"] == "path" and missed["best_score"] >= r["match_threshold"]
    (false,) = r["errors"]["false_matches"]
    assert (false["claim_id"], false["item_id"], false["listed_unrelated"]) == ("path", "i1", False)
    assert false["score"] == missed["best_score"]


def test_a_listed_unrelated_pair_that_matches_is_marked_so() -> None:
    rows = [
        row("path", PATH, "i1", "Apple in late stages to buy Path", "unrelated"),
        row("kim", KIM, "i3", "Kim Jong Un broke both ankles, South Korea says", "confirms"),
    ]
    r = evaluate(rows)
    (false,) = r["errors"]["false_matches"]
    assert (false["claim_id"], false["listed_unrelated"]) == ("path", True)
    assert r["false_matches_per_item"] == 0.0  # only unlisted claims count there
    assert r["by_claim"]["path"]["false_matches"] == 1
    assert r["by_claim"]["path"]["recall"] is None  # no related pairs to recall
    assert r["errors"]["missed"] == []
