"""Train the stance model and the matcher's background term frequencies from labelled pairs.

    python scripts/train_stance.py [../shared/data/emergent-train.csv] [-o monitor/judge/stance_model.json]

A multinomial logistic regression over the features of monitor.judge.stance.features (hand cues
plus the item's words and word pairs that are not words of the claim itself), trained by plain
gradient descent in pure Python: no dependency beyond the standard library, deterministic. Features
seen fewer than MIN_COUNT times are dropped and tiny weights pruned, so the JSON stays small and
readable. Each headline weighs 1/sqrt(n), n the number of headlines about its claim (scaled so the
weights average 1): a big story's wording weighs less, so the model learns what holds across
claims.

A second layer (the model's "sentence" part) reads the English sentence model's vector of the
headline (all-MiniLM-L6-v2, monitor/judge/semantic.py) beside the word model's three logits: a
multinomial logistic regression over both, stacked, trained on logits the word model gave
headlines it had not seen (SENTENCE_FOLDS folds grouped by claim), with numpy. The service applies
it to the headlines the English model read, which includes every English headline that matches.
``--no-sentence`` leaves it out (the English model is then not needed).

It also writes monitor/judge/background.json: in how many of the file's distinct headlines each
term appears (terms in at least two), which the matcher adds to the claims' own document
frequencies so that words common in news weigh less than names.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.judge.index import BACKGROUND_PATH, Background
from monitor.judge.stance import features, word_logits

if TYPE_CHECKING:
    from monitor.judge.semantic import EnglishEncoder

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "emergent-train.csv"
DEFAULT_OUT = ROOT / "monitor" / "judge" / "stance_model.json"
CLASSES: tuple[str, ...] = ("confirms", "denies", "reports")
# With the claim weighting below, keeping every feature seen once (pruning still drops the tiny
# weights) did best in grouped CV; see CLAIM_WEIGHT_POWER.
MIN_COUNT = 1
EPOCHS = 10
LEARNING_RATE = 0.01
L2 = 1e-3
PRUNE_BELOW = 0.02
# Class-balanced loss gave lower grouped-CV accuracy (0.749 vs 0.757 at equal settings).
BALANCED = False
# Headlines weigh n ** -CLAIM_WEIGHT_POWER, n the headlines of their claim. With MIN_COUNT 1,
# against 0 and 3 before: mean stance accuracy over the four CV splits 0.787 vs 0.783, macro F1
# 0.789 vs 0.786, right confirms 0.796 vs 0.792; 1.0 was no better than 0.
CLAIM_WEIGHT_POWER = 0.5


def examples(rows: Iterable[Mapping[str, str]]) -> list[tuple[dict[str, float], int, float]]:
    """(features, class index, weight) for the related rows; the weight is the headline's share
    of its claim (``CLAIM_WEIGHT_POWER``), scaled so the weights average 1."""
    related = [r for r in rows if r["label"].strip().lower() in CLASSES]
    per_claim = Counter(r["claim_id"] for r in related)
    raw = [per_claim[r["claim_id"]] ** -CLAIM_WEIGHT_POWER for r in related]
    mean = sum(raw) / len(raw) if raw else 1.0
    out = []
    for r, w in zip(related, raw, strict=True):
        f = features(r["claim"], r.get("title") or "", r.get("summary") or "")
        out.append((f, CLASSES.index(r["label"].strip().lower()), w / mean))
    return out


# The sentence layer: grouped folds for the word model's out-of-fold logits, the L2 penalty and the
# gradient descent's steps. Grouped CV over the four README splits (stance accuracy / macro F1 /
# right confirms): 0.787 / 0.790 / 0.796 without the layer, 0.792 / 0.795 / 0.805 with it; L2
# 0.003 and 0.03 did the same within 0.001, the product of headline and claim vectors added nothing.
SENTENCE_FOLDS = 4
SENTENCE_L2 = 0.01
SENTENCE_STEPS = 300
SENTENCE_RATE = 0.5


def train(
    rows: Sequence[Mapping[str, str]], seed: int = 0, vectors: Mapping[str, Any] | None = None
) -> dict[str, object]:
    """Fit the model on labelled rows; returns the JSON-ready dict monitor.judge.stance reads. ``vectors``:
    the English sentence model's vector of each headline it reads (``headline_vectors``); with
    them the model gets its sentence layer."""
    model = train_words(rows, seed)
    if vectors:
        model["sentence"] = train_sentence_layer(rows, vectors, seed)
    return model


def headline_vectors(rows: Iterable[Mapping[str, str]], english: EnglishEncoder) -> dict[str, Any]:
    """Headline -> the English model's vector of it, for the headlines the service has that model
    read (those detected as English), read as the matcher reads them."""
    from monitor.judge.language import is_english
    from monitor.judge.match import sentence_model_text

    texts: dict[str, str] = {}
    for r in rows:
        title = r.get("title") or ""
        text = sentence_model_text(title)
        if text.strip() and is_english(text):
            texts[title] = text
    return dict(zip(texts, english.vectors(list(texts.values())), strict=True))


def claim_groups(rows: Sequence[Mapping[str, str]], k: int, seed: int) -> list[set[str]]:
    """The claim ids split into k groups at random (seeded)."""
    ids = sorted({r["claim_id"] for r in rows})
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def train_sentence_layer(
    rows: Sequence[Mapping[str, str]], vectors: Mapping[str, Any], seed: int = 0
) -> dict[str, object]:
    """The layer over the word model's logits and the headline's vector (see the module's text)."""
    import numpy as np

    from monitor.judge.semantic import load_english

    related = [r for r in rows if r["label"].strip().lower() in CLASSES and (r.get("title") or "") in vectors]
    logits = np.zeros((len(related), len(CLASSES)))
    for group in claim_groups(related, SENTENCE_FOLDS, seed + 7):
        model = train_words([r for r in related if r["claim_id"] not in group], seed)
        for n, r in enumerate(related):
            if r["claim_id"] in group:
                logits[n] = word_logits(model, r["claim"], r.get("title") or "", r.get("summary") or "")
    vec = np.array([vectors[r.get("title") or ""] for r in related], dtype=np.float64)
    x = np.hstack([logits, vec])
    y = np.eye(len(CLASSES))[[CLASSES.index(r["label"].strip().lower()) for r in related]]
    per_claim = Counter(r["claim_id"] for r in related)
    wt = np.array([per_claim[r["claim_id"]] ** -CLAIM_WEIGHT_POWER for r in related])
    wt /= wt.sum()
    w = np.zeros((x.shape[1], len(CLASSES)))
    b = np.zeros(len(CLASSES))
    for _ in range(SENTENCE_STEPS):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * wt[:, None]
        w -= SENTENCE_RATE * (x.T @ g + SENTENCE_L2 * w)
        b -= SENTENCE_RATE * g.sum(axis=0)
    k = len(CLASSES)
    return {
        "about": "stance sentence layer over the word model's logits and the English model's "
        "vector of the headline; trained by scripts/train_stance.py",
        "model": load_english().model,
        "from_logits": [[round(float(v), 5) for v in row] for row in w[:k]],
        "from_vector": [[round(float(v), 5) for v in row] for row in w[k:]],
        "bias": [round(float(v), 5) for v in b],
    }


def train_words(rows: Sequence[Mapping[str, str]], seed: int = 0) -> dict[str, object]:
    """The word model alone: cues, words and word pairs."""
    data = examples(rows)
    counts: Counter[str] = Counter()
    for f, _, _ in data:
        counts.update(f.keys())
    keep = {name for name, c in counts.items() if c >= MIN_COUNT or name.startswith("cue:")}
    data = [({k: v for k, v in f.items() if k in keep}, y, wt) for f, y, wt in data]
    k = len(CLASSES)
    freq = Counter(y for _, y, _ in data)
    cw = [len(data) / (k * freq[c]) if freq[c] and BALANCED else 1.0 for c in range(k)]
    w: dict[str, list[float]] = {name: [0.0] * k for name in keep}
    b = [0.0] * k
    rnd = random.Random(seed)
    order = list(range(len(data)))
    for epoch in range(EPOCHS):
        rnd.shuffle(order)
        lr = LEARNING_RATE / (1 + epoch * 0.2)
        for n in order:
            f, y, wt = data[n]
            z = list(b)
            for name, v in f.items():
                wn = w[name]
                for c in range(k):
                    z[c] += wn[c] * v
            m = max(z)
            e = [math.exp(x - m) for x in z]
            s = sum(e)
            for c in range(k):
                g = cw[y] * wt * (e[c] / s - (1.0 if c == y else 0.0))
                b[c] -= lr * g
                for name, v in f.items():
                    w[name][c] -= lr * (g * v + L2 * w[name][c])
    weights = {
        name: [round(x, 4) for x in ws]
        for name, ws in sorted(w.items())
        if max(abs(x) for x in ws) >= PRUNE_BELOW
    }
    return {
        "about": "stance logistic regression; trained by scripts/train_stance.py",
        "classes": list(CLASSES),
        "bias": [round(x, 4) for x in b],
        "weights": weights,
    }


def background(rows: Iterable[Mapping[str, str]]) -> Background:
    """Term document frequencies over the rows' distinct headlines, for the matcher's IDF."""
    return Background.from_texts(dict.fromkeys(r.get("title") or "" for r in rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("-o", "--out", default=str(DEFAULT_OUT))
    ap.add_argument("--background-out", default=str(BACKGROUND_PATH))
    ap.add_argument("--no-sentence", action="store_true", help="leave the sentence layer out")
    a = ap.parse_args()
    with open(a.data, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    vectors = None
    if not a.no_sentence:
        from monitor.judge.semantic import load_english

        vectors = headline_vectors(rows, load_english())
    model = train(rows, vectors=vectors)
    Path(a.out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(model['weights'])} features from {len(rows)} rows")  # type: ignore[arg-type]
    bg = background(rows)
    Path(a.background_out).write_text(bg.to_json(), encoding="utf-8")
    print(f"wrote {a.background_out}: {len(bg.doc_freq)} terms over {bg.docs} headlines")


if __name__ == "__main__":
    main()
