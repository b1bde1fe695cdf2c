"""Train the matcher's relatedness model (monitor/judge/match_model.json) from labelled pairs.

    python scripts/train_match.py [../shared/data/emergent-train.csv] [-o monitor/judge/match_model.json]

The claims are split into GROUPS groups. For each group, the matcher (with the hand-set blend as
its score, and background term counts taken from the other groups' headlines only, so the
claims' own headlines do not make their words look common) ranks the group's items against the
group's claims: every candidate pair is an example, related when the item is labelled with that
claim. The other groups' items are ranked against the group's claims too: headlines about none
of the claims, as most news is; their candidates are negatives with weight FOREIGN_WEIGHT.
A logistic regression over relatedness.FEATURES is fitted to all examples (pure Python, Newton).

Grouped cross-validation of the whole (scripts/crossval.py) trains this on the other folds only.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path

from train_stance import DEFAULT_DATA, background

from monitor.evaluate import parse_rows
from monitor.judge.match import Matcher
from monitor.judge.relatedness import MODEL_PATH, RelatednessModel, fit

GROUPS = 5
# Weight of a candidate from a headline about none of the group's claims. 0.3 kept grouped-CV
# false matches at the target with the most recall; 0 doubled false alarms on foreign headlines.
FOREIGN_WEIGHT = 0.3
L2 = 1.0

Row = Mapping[str, str]


def claim_groups(rows: Sequence[Row], k: int, seed: int) -> list[set[str]]:
    """The claim ids split into k groups at random (seeded)."""
    ids = sorted({r["claim_id"] for r in rows})
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def examples(
    rows: Sequence[Row], groups: int = GROUPS, seed: int = 0
) -> tuple[list[tuple[float, ...]], list[int], list[float]]:
    """(measurements, related?, weight) of every candidate pair, as described above."""
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    ws: list[float] = []
    for group in claim_groups(rows, groups, seed):
        own = [r for r in rows if r["claim_id"] in group]
        rest = [r for r in rows if r["claim_id"] not in group]
        claims, items, pairs = parse_rows(own)
        claim_list = list(claims.values())
        pos = {c.id: i for i, c in enumerate(claim_list)}
        matcher = Matcher(claim_list, background=background(rest), relatedness=None)
        related: dict[str, set[int]] = {}
        for p in pairs:
            if p.label != "unrelated":
                related.setdefault(p.item_key, set()).add(pos[p.claim_id])
        for key, (title, summary) in items.items():
            view = matcher.prepare(title, summary)
            good = related.get(key, set())
            for s in matcher.rank(view):
                xs.append(matcher.measurements(s, view))
                ys.append(int(s.index in good))
                ws.append(1.0)
        _, foreign, _ = parse_rows(rest)
        for title, summary in foreign.values():
            view = matcher.prepare(title, summary)
            for s in matcher.rank(view):
                xs.append(matcher.measurements(s, view))
                ys.append(0)
                ws.append(FOREIGN_WEIGHT)
    return xs, ys, ws


def train(rows: Sequence[Row], seed: int = 0) -> RelatednessModel:
    xs, ys, ws = examples(rows, GROUPS, seed)
    return fit(xs, ys, ws, l2=L2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("-o", "--out", default=str(MODEL_PATH))
    a = ap.parse_args()
    with open(a.path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    model = train(rows)
    doc = {
        "about": "relatedness model of the matcher (monitor/judge/relatedness.py); "
        f"built by scripts/train_match.py from {Path(a.path).name}",
        **model.to_dict(),
    }
    Path(a.out).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    for name, w in zip(doc["features"], doc["weights"], strict=True):  # type: ignore[call-overload]
        print(f"  {name:<18} {w:+.3f}")


if __name__ == "__main__":
    main()
