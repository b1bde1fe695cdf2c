"""Metrics of the `eval` command: the real matcher and stance code scored on labelled pairs.

Pure: takes rows (dicts with the labelled-pairs columns) and returns a dict of numbers. Reading the
CSV and printing belong to the CLI.

Each claim is described by its text only (no aliases, no `require` groups), with the default
thresholds unless others are given, so the numbers say how the service behaves out of the box.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from monitor.errors import InputError
from monitor.judge.defaults import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD
from monitor.judge.index import Background
from monitor.judge.match import Matcher
from monitor.judge.relatedness import RelatednessModel
from monitor.judge.stance import classify_stance
from monitor.model import Claim, StanceResult

LABELS: tuple[str, ...] = ("confirms", "denies", "reports", "unrelated")
STANCES: tuple[str, ...] = ("confirms", "denies", "reports")
REQUIRED_COLUMNS: tuple[str, ...] = ("claim_id", "claim", "title", "label")

if TYPE_CHECKING:
    from monitor.judge.semantic import EnglishEncoder, SentenceEncoder

# (claim, title, summary, the English model's vector of the headline or None) -> stance
StanceFn = Callable[[Claim, str, str, Any], StanceResult]


class EvalInputError(InputError):
    """The rows are not in the labelled-pairs format; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Pair:
    claim_id: str
    item_key: str
    label: str


def _item_key(row: Mapping[str, str]) -> str:
    # Rows without an item_id are keyed by their text, so the same headline counts once.
    return (
        row.get("item_id") or ""
    ).strip() or f"{row.get('title', '')}\x00{row.get('summary', '')}"


def parse_rows(
    rows: Iterable[Mapping[str, str]],
) -> tuple[dict[str, Claim], dict[str, tuple[str, str]], list[Pair]]:
    """Claims, items (title, summary) and pairs from labelled rows; raises EvalInputError."""
    claims: dict[str, Claim] = {}
    items: dict[str, tuple[str, str]] = {}
    pairs: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for n, row in enumerate(rows, start=2):  # line 1 is the header
        missing = [c for c in REQUIRED_COLUMNS if row.get(c) is None]
        if missing:
            raise EvalInputError(f"line {n}: missing column(s) {', '.join(missing)}")
        label = row["label"].strip().lower()
        if label not in LABELS:
            raise EvalInputError(
                f"line {n}: label {row['label']!r} is not one of {', '.join(LABELS)}"
            )
        cid = row["claim_id"].strip()
        if not cid:
            raise EvalInputError(f"line {n}: empty claim_id")
        if cid not in claims:
            claims[cid] = Claim(id=cid, text=row["claim"].strip())
        key = _item_key(row)
        if key not in items:
            items[key] = (row.get("title") or "", row.get("summary") or "")
        if (cid, key) in seen:  # a duplicated pair would count twice
            continue
        seen.add((cid, key))
        pairs.append(Pair(cid, key, label))
    return claims, items, pairs


def _item_fields(key: str, title: str, summary: str) -> dict[str, str]:
    """How an error list names an item: its id (when the file gives one) and its text's start."""
    text = " ".join((title or summary).split())
    return {"item_id": "" if "\x00" in key else key, "text": text[:120]}


@dataclass(slots=True)
class _ClaimTally:
    """One claim's counts, for the per-claim table a user tunes its threshold with."""

    related: int = 0
    matched: int = 0  # related pairs at or above the claim's match threshold
    ranked_first: int = 0  # related items on which no other claim scores as high
    false_matches: int = 0  # items not related to it (listed unrelated or not listed) it matches
    stance_right: int = 0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def stance_accuracy_and_macro_f1(confusion: Mapping[str, Mapping[str, int]]) -> tuple[float, float]:
    """Accuracy and macro F1 (the mean of each stance's F1, over the stances seen) of a
    confusion table ``confusion[label][predicted]``."""
    n = sum(sum(row.values()) for row in confusion.values())
    f1s = []
    for s in STANCES:
        tp = confusion[s][s]
        fp = sum(confusion[g][s] for g in STANCES if g != s)
        fn = sum(confusion[s][g] for g in STANCES if g != s)
        if tp + fp + fn:
            f1s.append(_prf(tp, fp, fn)[2])
    accuracy = sum(confusion[s][s] for s in STANCES) / n if n else 0.0
    return accuracy, sum(f1s) / len(f1s) if f1s else 0.0


@dataclass
class _Ranking:
    """What ranking every item against every claim found (the first step of ``evaluate``)."""

    pair_score: dict[tuple[str, str], float] = field(default_factory=dict)
    # The best-scoring claim of each item, to say what a missed pair lost to.
    best_of: dict[str, tuple[str, float]] = field(default_factory=dict)
    false_match_list: list[dict[str, Any]] = field(default_factory=list)
    hits1: int = 0
    rr_sum: float = 0.0
    ranked_items: int = 0
    false_matches: int = 0
    # Per item: ranked first (items with a related claim), and its false matches.
    item_hit: dict[str, bool] = field(default_factory=dict)
    item_false: dict[str, int] = field(default_factory=dict)
    # Per item read by the English sentence model: its vector of the headline (stance reads it,
    # as the service's stance does for the items that model read).
    vectors: dict[str, Any] = field(default_factory=dict)


@dataclass
class _PairCounts:
    """Relatedness and stance over the listed pairs (the second step of ``evaluate``)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: {s: 0 for s in STANCES} for g in STANCES}
    )
    fnc: float = 0.0
    fnc_max: float = 0.0
    misses: list[dict[str, Any]] = field(default_factory=list)
    # Each related pair: (item key, matched, stance right), for the per-language table.
    related: list[tuple[str, bool, bool]] = field(default_factory=list)


def evaluate(
    rows: Iterable[Mapping[str, str]],
    match_threshold: float = DEFAULT_MATCH_THRESHOLD,
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    stance_fn: StanceFn = classify_stance,
    background: Background | None = None,
    relatedness: RelatednessModel | None | str = "shipped",
    body_relatedness: RelatednessModel | None | str = "shipped",
    semantic: SentenceEncoder | None = None,
    semantic_relatedness: RelatednessModel | None | str = "shipped",
    english: EnglishEncoder | None = None,
    english_relatedness: RelatednessModel | None | str = "shipped",
    progress: Callable[[int, int | None], None] | None = None,
) -> dict[str, Any]:
    """Score matcher and stance on labelled pairs; see the `eval` command for the keys.
    ``progress(done, total)`` hears of each item ranked.

    `background` replaces the matcher's shipped headline term frequencies (cross-validation
    passes ones counted without the held-out claims' headlines, and relatedness models trained
    without them). `semantic`: score with semantic matching on (a sentence encoder).
    """
    start = time.perf_counter()
    claims, items, pairs = parse_rows(rows)
    claim_list = list(claims.values())
    matcher = Matcher(
        claim_list,
        match_threshold,
        review_threshold,
        background=background,
        relatedness=relatedness,
        body_relatedness=body_relatedness,
        semantic=semantic,
        semantic_relatedness=semantic_relatedness,
        english=english,
        english_relatedness=english_relatedness,
    )
    tally = {c.id: _ClaimTally() for c in claim_list}
    ranking = _rank(matcher, claim_list, items, pairs, tally, progress)
    counts = _count_pairs(matcher, claims, items, pairs, ranking, tally, stance_fn)
    return {
        "items": len(items),
        "claims": len(claims),
        "pairs": len(pairs),
        "match_threshold": match_threshold,
        "review_threshold": review_threshold,
        **_summary(ranking, counts, len(items), len(pairs)),
        "by_claim": _by_claim(claims, tally),
        "by_language": _by_language(items, ranking, counts),
        # The errors themselves: related pairs below the threshold (with what the item matched
        # best instead) and matches on items not related to the claim, lowest / highest first.
        "errors": {
            "missed": sorted(counts.misses, key=lambda m: m["score"]),
            "false_matches": sorted(ranking.false_match_list, key=lambda m: -m["score"]),
        },
        "seconds": round(time.perf_counter() - start, 3),
    }


def _rank(
    matcher: Matcher,
    claim_list: list[Claim],
    items: dict[str, tuple[str, str]],
    pairs: list[Pair],
    tally: dict[str, _ClaimTally],
    progress: Callable[[int, int | None], None] | None = None,
) -> _Ranking:
    """Rank every item's claims exactly as the service does; R@1, MRR and false matches."""
    pos = {c.id: i for i, c in enumerate(claim_list)}
    by_item: dict[str, list[Pair]] = {}
    for p in pairs:
        by_item.setdefault(p.item_key, []).append(p)
    out = _Ranking()
    keys = list(by_item)
    views = matcher.prepare_many([items[key] for key in keys])
    candidates = matcher.candidates_many(views)
    for n, (key, view, found) in enumerate(zip(keys, views, candidates, strict=True)):
        if progress is not None and n % 50 == 0:
            progress(n, len(keys))
        item_pairs = by_item[key]
        title, summary = items[key]
        if view.vector is not None:
            out.vectors[key] = view.vector
        # Exactly what the service sees: a claim that is not a candidate scores 0.
        scores = {s.index: s.score for s in matcher.rank(view, candidates=found)}
        for p in item_pairs:
            i = pos[p.claim_id]
            scores.setdefault(i, 0.0)
            out.pair_score[(p.claim_id, key)] = scores[i]
        listed = {pos[p.claim_id] for p in item_pairs}
        related = {pos[p.claim_id] for p in item_pairs if p.label != "unrelated"}
        if scores:
            top = max(scores, key=lambda i: scores[i])
            out.best_of[key] = (claim_list[top].id, scores[top])
        out.item_false[key] = 0
        for i, score in scores.items():
            if i not in related and score >= matcher.thresholds(claim_list[i])[0]:
                out.false_matches += i not in listed
                out.item_false[key] += i not in listed
                tally[claim_list[i].id].false_matches += 1
                out.false_match_list.append(
                    {
                        "claim_id": claim_list[i].id,
                        **_item_fields(key, title, summary),
                        "score": round(score, 1),
                        "listed_unrelated": i in listed,
                    }
                )
        _count_rank(out, key, scores, related, claim_list, tally)
    return out


def _count_rank(
    out: _Ranking,
    key: str,
    scores: dict[int, float],
    related: set[int],
    claim_list: list[Claim],
    tally: dict[str, _ClaimTally],
) -> None:
    """One item's R@1 and reciprocal rank. Ties count against us: a claim scoring the same as
    the right one is not a clear win."""
    for i in related:
        if scores[i] > 0 and not any(x >= scores[i] for j, x in scores.items() if j != i):
            tally[claim_list[i].id].ranked_first += 1
    if not related:
        return
    out.ranked_items += 1
    best_related = max(scores[i] for i in related)
    above = sum(1 for i, s in scores.items() if i not in related and s >= best_related)
    out.item_hit[key] = best_related > 0 and above == 0
    if out.item_hit[key]:
        out.hits1 += 1
    out.rr_sum += 1.0 / (1 + above) if best_related > 0 else 0.0


def _count_pairs(
    matcher: Matcher,
    claims: dict[str, Claim],
    items: dict[str, tuple[str, str]],
    pairs: list[Pair],
    ranking: _Ranking,
    tally: dict[str, _ClaimTally],
    stance_fn: StanceFn,
) -> _PairCounts:
    """Relatedness, stance and the FNC score over the listed pairs."""
    c = _PairCounts()
    for p in pairs:
        claim = claims[p.claim_id]
        score = ranking.pair_score[(p.claim_id, p.item_key)]
        threshold = matcher.thresholds(claim)[0]
        predicted_related = score >= threshold
        if p.label == "unrelated":
            c.fnc_max += 0.25
            if predicted_related:
                c.fp += 1
            else:
                c.tn += 1
                c.fnc += 0.25
            continue
        c.fnc_max += 1.0
        title, summary = items[p.item_key]
        stance = str(stance_fn(claim, title, summary, ranking.vectors.get(p.item_key)).stance)
        c.confusion[p.label][stance] += 1
        t = tally[p.claim_id]
        t.related += 1
        t.stance_right += stance == p.label
        c.related.append((p.item_key, predicted_related, stance == p.label))
        if predicted_related:
            t.matched += 1
            c.tp += 1
            c.fnc += 0.25 + (0.75 if stance == p.label else 0.0)
            continue
        c.fn += 1
        best_id, best_score = ranking.best_of.get(p.item_key, ("", 0.0))
        c.misses.append(
            {
                "claim_id": p.claim_id,
                **_item_fields(p.item_key, title, summary),
                "score": round(score, 1),
                "threshold": threshold,
                "best_claim_id": best_id,
                "best_score": round(best_score, 1),
            }
        )
    return c


def _summary(r: _Ranking, c: _PairCounts, n_items: int, n_pairs: int) -> dict[str, Any]:
    precision, recall, f1 = _prf(c.tp, c.fp, c.fn)
    confusion = c.confusion
    n_stance = sum(sum(row.values()) for row in confusion.values())
    accuracy, macro_f1 = stance_accuracy_and_macro_f1(confusion)
    return {
        "ranking": {
            "items": r.ranked_items,
            "r_at_1": r.hits1 / r.ranked_items if r.ranked_items else 0.0,
            "mrr": r.rr_sum / r.ranked_items if r.ranked_items else 0.0,
        },
        "relatedness": {
            "accuracy": (c.tp + c.tn) / n_pairs if n_pairs else 0.0,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        },
        "false_matches_per_item": r.false_matches / n_items if n_items else 0.0,
        "stance": {
            "pairs": n_stance,
            "accuracy": accuracy,
            "macro_f1": macro_f1,
            "confusion": confusion,  # confusion[label][predicted]
        },
        "fnc_score": c.fnc / c.fnc_max if c.fnc_max else 0.0,
    }


def _by_claim(claims: dict[str, Claim], tally: dict[str, _ClaimTally]) -> dict[str, Any]:
    """Per claim, for tuning its threshold: the worst recall first."""
    return {
        cid: {
            "claim": claims[cid].text,
            "related": t.related,
            "recall": t.matched / t.related if t.related else None,
            "r_at_1": t.ranked_first / t.related if t.related else None,
            "false_matches": t.false_matches,
            "stance_accuracy": t.stance_right / t.related if t.related else None,
        }
        for cid, t in sorted(
            tally.items(),
            key=lambda kv: (
                kv[1].matched / kv[1].related if kv[1].related else 2.0,
                -kv[1].false_matches,
            ),
        )
    }


def _by_language(items: dict[str, tuple[str, str]], r: _Ranking, c: _PairCounts) -> dict[str, Any]:
    """Ranking, recall, false matches and stance per language of the items (their headline's, or
    their body's when they have none; "und" when it cannot be told)."""
    from monitor.judge.language import detect

    lang = {key: detect(title or summary) or "und" for key, (title, summary) in items.items()}
    out: dict[str, dict[str, Any]] = {}
    for language in sorted(set(lang.values())):
        keys = {k for k, v in lang.items() if v == language}
        hits = [h for k, h in r.item_hit.items() if k in keys]
        pairs = [(m, st) for k, m, st in c.related if k in keys]
        out[language] = {
            "items": len(keys),
            "r_at_1": sum(hits) / len(hits) if hits else None,
            "recall": sum(m for m, _ in pairs) / len(pairs) if pairs else None,
            "false_matches_per_item": sum(r.item_false.get(k, 0) for k in keys) / len(keys),
            "stance_accuracy": sum(st for _, st in pairs) / len(pairs) if pairs else None,
        }
    return out
