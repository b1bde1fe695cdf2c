"""Cross-validation grouped by claim over a labelled-pairs CSV (default: emergent-train.csv).

    python scripts/crossval.py [PATH] [--folds 5] [--seed 0] [--match-threshold 34]
    python scripts/crossval.py --stance-only [--folds 5] [--seed 0] [--splits]

Claims are split into folds; each fold is scored by `monitor.evaluate.evaluate` on its own rows
only (so ranking and false matches are among that fold's claims, like a held-back set), with a
stance model trained by scripts/train_stance.py on the other folds' rows and the matcher's
background term frequencies counted over the other folds' headlines only. The rule-based stance
(no model) is shown for comparison. Nothing of a fold's claims is seen before it is scored.
The `bodies.*` lines score article bodies without a headline against headlines as claims (the
fold's `story_bodies`, the Fake News Challenge's shape) with the fold's body model.

`--stance-only` scores the stance of every related pair and nothing else (no matching), in
seconds rather than minutes: accuracy, macro F1 and the share of right answers among the
`confirms` given, with the learned model and with the rules, per fold and their mean, then the
confusion summed over the folds. Its accuracy and macro F1 are those of the full run's
`stance.*` lines (stance is scored on every related pair, matched or not). With `--splits` it
scores the README's four splits (5 folds with seeds 0, 1 and 2; 4 folds with seed 0) and prints a
row for each and their mean.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_match import (  # noqa: E402
    GROUPS,
    L2,
    TWEETS_DATA,
    UNRELATED_WEIGHT,
    claim_groups,
    default_unrelated,
    examples,
    read_rows,
    set_unrelated_weight,
    story_bodies,
    train_body,
    tweet_examples,
)
from train_match import train as train_match  # noqa: E402
from train_stance import DEFAULT_DATA, background, headline_vectors, train  # noqa: E402

from monitor.evaluate import STANCES, evaluate, parse_rows, stance_accuracy_and_macro_f1  # noqa: E402
from monitor.judge.defaults import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD  # noqa: E402
from monitor.judge.match import Matcher  # noqa: E402
from monitor.judge.semantic import load as load_encoder  # noqa: E402
from monitor.judge.semantic import load_english  # noqa: E402
from monitor.judge.stance import predict  # noqa: E402
from monitor.model import Claim, StanceResult  # noqa: E402

METRICS: tuple[tuple[str, ...], ...] = (
    ("ranking", "r_at_1"),
    ("ranking", "mrr"),
    ("relatedness", "recall"),
    ("false_matches_per_item",),
    ("stance", "accuracy"),
    ("stance", "macro_f1"),
    ("rules_stance_accuracy",),
    ("recall_at_review",),
    ("foreign_alarms_per_item",),
    ("bodies", "relatedness", "accuracy"),
    ("bodies", "relatedness", "recall"),
    ("bodies", "relatedness", "precision"),
    ("bodies", "false_matches_per_item"),
)


def foreign_alarms(
    test: Sequence[Mapping[str, str]],
    rest: Sequence[Mapping[str, str]],
    threshold: float,
    bg: Any,
    relatedness: Any,
    semantic: Any = None,
    semantic_relatedness: Any = None,
    english: Any = None,
    english_relatedness: Any = None,
) -> float:
    """Matches per headline about none of the fold's claims (the other folds' headlines).

    Most news is about no tracked claim, so this is the false-alarm rate a user lives with. It
    overstates a little: other folds hold a few claims on the same stories as this fold's.
    """
    claims, _, _ = parse_rows(test)
    _, items, _ = parse_rows(rest)
    matcher = Matcher(
        list(claims.values()),
        threshold,
        background=bg,
        relatedness=relatedness,
        semantic=semantic,
        semantic_relatedness=semantic_relatedness,
        english=english,
        english_relatedness=english_relatedness,
    )
    hits = 0
    views = matcher.prepare_many(list(items.values()))
    for view, found in zip(views, matcher.candidates_many(views), strict=True):
        hits += sum(1 for s in matcher.rank(view, candidates=found) if s.score >= threshold)
    return hits / len(items) if items else 0.0


StanceFn = Callable[[str, str, str], str]


def stance_scores(rows: Sequence[Mapping[str, str]], stance: StanceFn) -> dict[str, Any]:
    """Stance accuracy, macro F1 (as ``evaluate``'s), the share of right answers among the
    ``confirms`` given, and the confusion (``confusion[label][given]``) over the related rows."""
    confusion = {g: dict.fromkeys(STANCES, 0) for g in STANCES}
    for r in rows:
        label = r["label"].strip().lower()
        if label in STANCES:
            confusion[label][stance(r["claim"], r.get("title") or "", r.get("summary") or "")] += 1
    accuracy, macro_f1 = stance_accuracy_and_macro_f1(confusion)
    given = sum(confusion[g]["confirms"] for g in STANCES)
    return {
        "accuracy": accuracy,
        "macro_f1": macro_f1,
        "confirms_right": confusion["confirms"]["confirms"] / given if given else 0.0,
        "confusion": confusion,
    }


def stance_only(
    rows: Sequence[Mapping[str, str]], folds: int, seed: int, vectors: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Per fold: the learned model's stance scores, and the rules' accuracy as ``rules``.
    ``vectors``: the English model's headline vectors (``headline_vectors``): the model gets its
    sentence layer, trained per fold, and reads them as the service does."""
    vectors = vectors or {}

    def by(model: Mapping[str, object] | None) -> StanceFn:
        return lambda claim, title, summary: str(predict(model, claim, title, summary, vectors.get(title)).stance)

    out = []
    for fold in claim_groups(rows, folds, seed):
        test = [r for r in rows if r["claim_id"] in fold]
        rest = [r for r in rows if r["claim_id"] not in fold]
        scores = stance_scores(test, by(train(rest, vectors=vectors)))
        scores["rules"] = stance_scores(test, by(None))
        out.append(scores)
    return out


def print_stance_only(results: Sequence[Mapping[str, Any]], folds: int, seed: int) -> None:
    keys = ("accuracy", "macro_f1", "confirms_right")
    for n, r in enumerate(results):
        print(
            f"fold {n}: "
            + "  ".join(f"{k} {r[k]:.3f}" for k in keys)
            + f"  rules accuracy {r['rules']['accuracy']:.3f}"
        )
    print(f"mean over {folds} folds grouped by claim (seed {seed}):")
    for k in keys:
        print(f"  {k:<20} {sum(r[k] for r in results) / len(results):.3f}")
    for k in keys:
        mean = sum(r["rules"][k] for r in results) / len(results)
        print(f"  {'rules ' + k:<20} {mean:.3f}")
    print("confusion over the folds (label -> given):")
    for label in STANCES:
        row = {s: sum(r["confusion"][label][s] for r in results) for s in STANCES}
        print(f"  {label:<9} " + "  ".join(f"{s} {row[s]:>4}" for s in STANCES))


def tweets_cv(emergent: Sequence[Mapping[str, str]], tweets: Sequence[Mapping[str, str]], folds: int, seed: int) -> None:
    """The English model with and without tweets in its training, on tweets it has not seen.

    The fact-checked claims are split into folds; each fold's tweets are ranked against all the
    claims (as `eval` ranks them) by the shipped models, once with the shipped English model
    (trained on Emergent alone) and once with one trained on Emergent and the other folds' tweets.
    """
    from monitor.judge.relatedness import fit

    encoder, english = load_encoder(), load_english()
    ex, ey, ew = examples(emergent, GROUPS, seed, encoder, default_unrelated(), english)
    bg = background(emergent)
    related = [r for r in tweets if r["label"].strip().lower() != "unrelated"]
    claim_rows = {r["claim_id"]: r for r in tweets}
    rows_shipped: list[float] = []
    rows_trained: list[float] = []
    for n, fold in enumerate(claim_groups(tweets, folds, seed)):
        own = [r for r in related if r["claim_id"] in fold]
        if not own:
            continue
        # Every claim once; the ones without a tweet of this fold paired with one of its tweets.
        anchor = own[0]
        with_tweets = {o["claim_id"] for o in own}
        test = own + [
            {**r, "item_id": anchor["item_id"], "title": anchor["title"], "summary": anchor["summary"], "label": "unrelated"}
            for cid, r in claim_rows.items()
            if cid not in with_tweets
        ]
        rest = [r for r in tweets if r["claim_id"] not in fold]
        tx, ty, tw = tweet_examples(rest, bg, encoder, english, seed)
        model = fit(ex + tx, ey + ty, ew + tw, l2=L2)
        shipped = evaluate(test, semantic=encoder, english=english)
        trained = evaluate(test, semantic=encoder, english=english, english_relatedness=model)
        rows_shipped.append(shipped["ranking"]["r_at_1"])
        rows_trained.append(trained["ranking"]["r_at_1"])
        print(
            f"fold {n}: {len(own)} tweets  R@1 Emergent only {rows_shipped[-1]:.3f} (recall "
            f"{shipped['relatedness']['recall']:.3f}, false matches {shipped['false_matches_per_item']:.3f})"
            f"  with tweets {rows_trained[-1]:.3f} (recall {trained['relatedness']['recall']:.3f}, "
            f"false matches {trained['false_matches_per_item']:.3f})",
            flush=True,
        )
    print(
        f"mean over {len(rows_shipped)} folds: R@1 Emergent only {sum(rows_shipped) / len(rows_shipped):.3f}"
        f"  with tweets {sum(rows_trained) / len(rows_trained):.3f}"
    )


SPLITS = ((5, 0), (5, 1), (5, 2), (4, 0))


def print_splits(rows: Sequence[Mapping[str, str]], vectors: Mapping[str, Any] | None = None) -> None:
    """One row per split of ``SPLITS`` (means over its folds), then the mean of the rows."""
    keys = ("accuracy", "macro_f1", "confirms_right")
    print("split             accuracy  macro_f1  confirms_right  rules_accuracy")
    table = []
    for folds, seed in SPLITS:
        results = stance_only(rows, folds, seed, vectors)
        row = [sum(r[k] for r in results) / len(results) for k in keys]
        row.append(sum(r["rules"]["accuracy"] for r in results) / len(results))
        table.append(row)
        print(f"{folds} folds, seed {seed}   " + "  ".join(f"{v:8.3f}" for v in row), flush=True)
    mean = [sum(col) / len(col) for col in zip(*table, strict=True)]
    print("mean              " + "  ".join(f"{v:8.3f}" for v in mean))


def get(d: Mapping[str, Any], path: tuple[str, ...]) -> float:
    v: Any = d
    for p in path:
        v = v[p]
    return float(v)


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--match-threshold", type=float, default=DEFAULT_MATCH_THRESHOLD)
    ap.add_argument("--review-threshold", type=float, default=DEFAULT_REVIEW_THRESHOLD)
    ap.add_argument(
        "--blend", action="store_true", help="score with the hand-set blend, no relatedness model"
    )
    ap.add_argument(
        "--semantic",
        action="store_true",
        help="semantic matching on: its relatedness model is trained per fold",
    )
    ap.add_argument(
        "--tweets",
        nargs="?",
        const=str(TWEETS_DATA),
        default="",
        help="cross-validate the English model with tweets in its training (CheckThat! train)",
    )
    ap.add_argument(
        "--no-english",
        action="store_true",
        help="with --semantic: the multilingual sentence model reads English headlines too",
    )
    ap.add_argument(
        "--unrelated-weight",
        type=float,
        default=UNRELATED_WEIGHT,
        help="train the matcher with the Snopes TRAIN half as negatives of this weight",
    )
    ap.add_argument(
        "--stance-only", action="store_true", help="score stance only (seconds; no matching)"
    )
    ap.add_argument(
        "--no-sentence",
        action="store_true",
        help="with --stance-only: the stance model without its sentence layer (no English model)",
    )
    ap.add_argument(
        "--splits",
        action="store_true",
        help="with --stance-only: the four splits of the README (5 folds seeds 0-2, 4 folds)",
    )
    return ap.parse_args()


def main() -> None:
    a = arguments()
    set_unrelated_weight(a.unrelated_weight)
    with open(a.path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if a.tweets:
        tweets_cv(rows, read_rows(Path(a.tweets)), a.folds, a.seed)
        return
    if a.stance_only:
        vectors = None if a.no_sentence else headline_vectors(rows, load_english())
    if a.stance_only and a.splits:
        print_splits(rows, vectors)
        return
    if a.stance_only:
        print_stance_only(stance_only(rows, a.folds, a.seed, vectors), a.folds, a.seed)
        return
    encoder = load_encoder() if a.semantic else None
    english = load_english() if a.semantic and not a.no_english else None
    # The stance model's sentence layer reads the English model's vectors, as in the service.
    vectors = headline_vectors(rows, english) if english is not None else None
    results: list[dict[str, Any]] = []
    for n, fold in enumerate(claim_groups(rows, a.folds, a.seed)):
        test = [r for r in rows if r["claim_id"] in fold]
        rest = [r for r in rows if r["claim_id"] not in fold]
        model = train(rest, vectors=vectors)
        bg = background(rest)  # the held-out claims' headlines are not counted
        relatedness = None if a.blend else train_match(rest)
        body_relatedness = None if a.blend else train_body(rest)
        semantic_relatedness = english_relatedness = None
        if encoder is not None and not a.blend:
            semantic_relatedness = train_match(rest, encoder=encoder)
            if english is not None:
                english_relatedness = train_match(rest, encoder=encoder, english=english)
        sem: dict[str, Any] = {
            "semantic": encoder,
            "semantic_relatedness": semantic_relatedness,
            "english": english,
            "english_relatedness": english_relatedness,
        }

        def learned(claim: Claim, title: str, summary: str, vector: Any = None, m: Any = model) -> StanceResult:
            return predict(m, claim.text, title, summary, vector)

        def rules(claim: Claim, title: str, summary: str, vector: Any = None) -> StanceResult:
            return predict(None, claim.text, title, summary)

        thr = a.match_threshold
        r = evaluate(
            test,
            thr,
            min(thr, a.review_threshold),
            learned,
            bg,
            relatedness,
            body_relatedness,
            **sem,
        )
        r["rules_stance_accuracy"] = get(
            evaluate(
                test,
                thr,
                min(thr, a.review_threshold),
                rules,
                bg,
                relatedness,
                body_relatedness,
                **sem,
            ),
            ("stance", "accuracy"),
        )
        r["foreign_alarms_per_item"] = foreign_alarms(test, rest, thr, bg, relatedness, **sem)
        review = evaluate(
            test,
            a.review_threshold,
            a.review_threshold,
            learned,
            bg,
            relatedness,
            body_relatedness,
            **sem,
        )
        # Article bodies without a headline, in the Fake News Challenge's shape (relatedness only).
        r["bodies"] = evaluate(
            story_bodies(test, a.seed), thr, thr, rules, bg, relatedness, body_relatedness
        )
        r["recall_at_review"] = get(review, ("relatedness", "recall"))
        results.append(r)
        print(
            f"fold {n}: {r['claims']} claims, {r['pairs']} pairs  "
            + "  ".join(f"{'.'.join(m)} {get(r, m):.3f}" for m in METRICS)
        )
    print(f"mean over {a.folds} folds grouped by claim:")
    for m in METRICS:
        vals = [get(r, m) for r in results]
        mean = sum(vals) / len(vals)
        print(f"  {'.'.join(m):<26} {mean:.3f}  (min {min(vals):.3f}, max {max(vals):.3f})")


if __name__ == "__main__":
    main()
