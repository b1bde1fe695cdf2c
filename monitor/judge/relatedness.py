"""Relatedness: how likely an item is about a claim, from the matcher's measurements of the pair.

The matcher measures a candidate pair in several ways (claim coverage, title coverage, fuzzy
similarity, how rare the shared words are, whether the claim's numbers appear). A small logistic
regression, trained by scripts/train_match.py on labelled headlines, weighs those measurements
into a probability; the match score is that probability times 100. Learning the weights, rather
than fixing a blend by hand, is what lets one threshold keep both recall up and false alarms down:
on grouped cross-validation it raised recall at the same false-match rate and cut false alarms on
headlines about no tracked claim (README, "How matching works").

Pure: plain numbers in, plain numbers out. The model is a readable JSON file; with no file the
matcher falls back to its hand-set blend.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("match_model.json")

# The measurements of a (claim, item) pair the model weighs, in the order the model stores them.
FEATURES: tuple[str, ...] = (
    "blend",  # the hand-set blend score / 100, after explaining away
    "claim_coverage",  # IDF-weighted share of the claim's terms found in the item
    "title_coverage",  # IDF-weighted share of the title's terms found in the claim
    "similarity",  # rapidfuzz token_set_ratio / 100 (0 when not re-ranked)
    "rarest_found",  # IDF of the rarest claim term found, as a share of the largest possible IDF
    "found_mass",  # sum of IDF x item weight of the claim terms found, / 10
    "terms_found",  # how many claim terms were found
    "claim_terms",  # how many terms the claim has, / 10
    "claim_has_number",  # 1 when the claim has a number
    "number_found",  # 1 when one of the claim's numbers is in the item
)
# With semantic matching on (monitor/judge/semantic.py), two more: the sentence model's cosine
# between claim and headline, and how far it is below the best claim's cosine for the headline.
SEMANTIC_FEATURES: tuple[str, ...] = (*FEATURES, "cosine", "cosine_gap")
# A headline in a language none of a claim's texts is written in shares no words with it: the
# sentence model's two measurements alone score the pair (the file's "cross" part).
CROSS_FEATURES: tuple[str, ...] = ("cosine", "cosine_gap")
_KNOWN_FEATURES = (FEATURES, SEMANTIC_FEATURES, CROSS_FEATURES)

# Readable names for explanations.
LABELS: Mapping[str, str] = {
    "blend": "blend of coverage and similarity",
    "claim_coverage": "claim terms found",
    "title_coverage": "title terms in claim",
    "similarity": "fuzzy similarity",
    "rarest_found": "a rare claim term found",
    "found_mass": "weight of shared terms",
    "terms_found": "number of shared terms",
    "claim_terms": "claim length",
    "claim_has_number": "claim has a number",
    "number_found": "claim's number found",
    "cosine": "meaning (sentence model)",
    "cosine_gap": "meaning, against the best claim",
}


def _listed(data: Mapping[str, object], key: str) -> list[object]:
    """A list of the model file, or a clear error naming the key."""
    value = data[key]
    if not isinstance(value, list):
        raise ValueError(f"relatedness model: {key!r} must be a list, not {type(value).__name__}")
    return value


def _numbers(data: Mapping[str, object], key: str) -> tuple[float, ...]:
    values = _listed(data, key)
    numbers = tuple(float(x) for x in values if isinstance(x, int | float))
    if len(numbers) != len(values):
        raise ValueError(f"relatedness model: {key!r} must hold numbers only")
    return numbers


@dataclass(frozen=True, slots=True)
class RelatednessModel:
    """Standardised logistic regression: p = sigmoid(bias + sum w_k * (x_k - mean_k) / scale_k)."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    features: tuple[str, ...] = FEATURES  # FEATURES, SEMANTIC_FEATURES or CROSS_FEATURES

    @property
    def semantic(self) -> bool:
        return self.features == SEMANTIC_FEATURES

    @property
    def cross(self) -> bool:
        return self.features == CROSS_FEATURES

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> RelatednessModel:
        names = tuple(str(x) for x in _listed(data, "features"))
        if names not in _KNOWN_FEATURES:
            raise ValueError(
                f"relatedness model features {names} are none of {', '.join(map(str, _KNOWN_FEATURES))}"
            )
        model = cls(
            _numbers(data, "weights"),
            float(data["bias"]),  # type: ignore[arg-type]
            _numbers(data, "mean"),
            _numbers(data, "scale"),
            names,
        )
        for key in ("weights", "mean", "scale"):
            if len(getattr(model, key)) != len(names):
                raise ValueError(
                    f"relatedness model: {key!r} has {len(getattr(model, key))} numbers "
                    f"for {len(names)} features"
                )
        return model

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
        }

    def probability(self, x: Sequence[float]) -> float:
        coef, intercept = self.raw_weights()
        return sigmoid(intercept + sum(map(operator.mul, coef, x)))

    def raw_weights(self) -> tuple[tuple[float, ...], float]:
        """The weights and intercept on unstandardised inputs: one dot product per pair."""
        coef = tuple(w / s for w, s in zip(self.weights, self.scale, strict=True))
        return coef, self.bias - sum(c * m for c, m in zip(coef, self.mean, strict=True))

    def contributions(self, x: Sequence[float]) -> list[tuple[str, float]]:
        """Each measurement's push on the log-odds against an average pair, biggest first."""
        out = [
            (name, w * (v - m) / s)
            for name, w, v, m, s in zip(
                self.features, self.weights, x, self.mean, self.scale, strict=True
            )
        ]
        out.sort(key=lambda nc: -abs(nc[1]))
        return out


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@lru_cache(maxsize=1)
def _shipped_doc() -> dict[str, object] | None:
    if not MODEL_PATH.exists():
        return None
    doc: dict[str, object] = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return doc


@lru_cache(maxsize=1)
def shipped_model() -> RelatednessModel | None:
    """The model for items with a headline (scripts/train_match.py), or None without the file."""
    doc = _shipped_doc()
    return None if doc is None else RelatednessModel.from_dict(doc)


def _shipped_part(key: str) -> RelatednessModel | None:
    """A model stored under ``key`` in the file (its features, else the headline model's)."""
    doc = _shipped_doc()
    part = None if doc is None else doc.get(key)
    if doc is None or not isinstance(part, Mapping):
        return None
    return RelatednessModel.from_dict({"features": doc["features"], **part})


@lru_cache(maxsize=1)
def shipped_body_model() -> RelatednessModel | None:
    """The model for article bodies without a headline (the file's "body" part), or None."""
    return _shipped_part("body")


@lru_cache(maxsize=1)
def shipped_semantic_model() -> RelatednessModel | None:
    """The model for headlines with semantic matching on (the file's "semantic" part), or None."""
    return _shipped_part("semantic")


@lru_cache(maxsize=1)
def shipped_english_model() -> RelatednessModel | None:
    """The semantic model for English headlines read by the English sentence model (the file's
    "english" part: its cosines are that model's), or None."""
    return _shipped_part("english")


@lru_cache(maxsize=1)
def shipped_cross_model() -> RelatednessModel | None:
    """The model for a headline in another language than the claim (the file's "cross" part)."""
    return _shipped_part("cross")


def fit(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    sample_weights: Sequence[float] | None = None,
    l2: float = 1.0,
    iterations: int = 25,
) -> RelatednessModel:
    """Weighted, L2-regularised logistic regression by Newton's method, in pure Python.

    Few features (len(FEATURES)) and tens of thousands of pairs: each Newton step is one pass
    over the data plus a small linear solve, and ~10 steps converge. Deterministic.
    """
    n_feat = len(rows[0])
    # The rows are FEATURES measurements, SEMANTIC_FEATURES or CROSS_FEATURES ones.
    features = {len(f): f for f in _KNOWN_FEATURES}.get(n_feat)
    if features is None:
        raise ValueError(
            f"{n_feat} measurements per row: expected one of {sorted(len(f) for f in _KNOWN_FEATURES)}"
        )
    sw = list(sample_weights) if sample_weights is not None else [1.0] * len(rows)
    total_w = sum(sw)
    mean = [sum(w * r[k] for r, w in zip(rows, sw, strict=True)) / total_w for k in range(n_feat)]
    var = [
        sum(w * (r[k] - mean[k]) ** 2 for r, w in zip(rows, sw, strict=True)) / total_w
        for k in range(n_feat)
    ]
    scale = [math.sqrt(v) if v > 1e-12 else 1.0 for v in var]
    # Design rows: standardised features plus a constant 1 for the bias (not regularised).
    xs = [[(r[k] - mean[k]) / scale[k] for k in range(n_feat)] + [1.0] for r in rows]
    dim = n_feat + 1
    beta = [0.0] * dim
    for _ in range(iterations):
        grad = [0.0] * dim
        hess = [[0.0] * dim for _ in range(dim)]
        for x, y, w in zip(xs, labels, sw, strict=True):
            z = sum(b * v for b, v in zip(beta, x, strict=True))
            p = sigmoid(z)
            g = w * (p - y)
            h = w * p * (1.0 - p)
            for a in range(dim):
                xa = x[a]
                grad[a] += g * xa
                ha = h * xa
                row = hess[a]
                for b in range(a, dim):
                    row[b] += ha * x[b]
        for a in range(dim):
            for b in range(a):
                hess[a][b] = hess[b][a]
        for a in range(n_feat):  # L2 on the weights, not on the bias
            grad[a] += l2 * beta[a]
            hess[a][a] += l2
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return RelatednessModel(tuple(beta[:n_feat]), beta[n_feat], tuple(mean), tuple(scale), features)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b for a small symmetric positive definite a (Gaussian elimination)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        d = m[col][col]
        if abs(d) < 1e-15:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / d
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))
        x[r] = s / m[r][r] if abs(m[r][r]) > 1e-15 else 0.0
    return x
