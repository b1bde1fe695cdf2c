"""Benchmark: items matched per second against 100, 1,000 and 10,000 claims.

    python bench/match.py [--items 2000] [--data ../shared/data/emergent-train.csv]

Claims: the Emergent claim texts, then synthetic variants (half the words swapped for other claims'
and headlines' words, sometimes a number added) up to the wanted count, so the index sees a realistic vocabulary
and many near-duplicate claims. Items: Emergent headlines as titles, each with a 300-character
summary built from other headlines. One process, one thread. The naive rate is rapidfuzz
`process.cdist` (token_set_ratio, one worker) of every item against every claim.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from monitor.judge.match import Matcher
from monitor.model import Claim

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "emergent-train.csv"
SIZES = (100, 1_000, 10_000)


def load(path: Path) -> tuple[list[str], list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    claims = list(dict.fromkeys(r["claim"] for r in rows))
    titles = [r["title"] for r in rows]
    return claims, titles


def synth_claims(base: list[str], titles: list[str], n: int, rnd: random.Random) -> list[str]:
    vocab = [w for t in base + titles for w in t.split() if w.isalpha() and len(w) > 3]
    out = list(base[:n])
    while len(out) < n:
        words = rnd.choice(base).split()
        for _ in range(max(1, len(words) // 2)):
            words[rnd.randrange(len(words))] = rnd.choice(vocab)
        if rnd.random() < 0.3:
            words.append(str(rnd.randint(2, 5000)))
        out.append(" ".join(words))
    return out


def synth_items(titles: list[str], n: int, rnd: random.Random) -> list[tuple[str, str]]:
    items = []
    for _ in range(n):
        summary = ""
        while len(summary) < 300:
            summary += rnd.choice(titles) + ". "
        items.append((rnd.choice(titles), summary[:300]))
    return items


def naive_all_pairs(items: list[str], claims: list[str]) -> None:
    """Every item against every claim: cdist (needs numpy), else the same through extract."""
    try:
        import numpy  # noqa: F401  (cdist returns a numpy matrix)
    except ImportError:
        for text in items:
            process.extract(text, claims, scorer=fuzz.token_set_ratio, limit=None)
        return
    process.cdist(items, claims, scorer=fuzz.token_set_ratio, workers=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--naive-items", type=int, default=200, help="items for the naive cdist rate")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    a = ap.parse_args()
    rnd = random.Random(1)
    base, titles = load(a.data)
    items = synth_items(titles, a.items, rnd)
    print(f"{a.items} items (title + 300-char summary); one process, one thread")
    print("| claims | build s | items/s | µs/item | naive cdist items/s | speed-up |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in SIZES:
        texts = synth_claims(base, titles, n, rnd)
        claims = [Claim(id=f"c{i}", text=t) for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        matcher = Matcher(claims)
        build = time.perf_counter() - t0
        matcher.match(*items[0])  # warm caches the same way a running daemon has them
        t0 = time.perf_counter()
        for title, summary in items:
            matcher.match(title, summary)
        rate = len(items) / (time.perf_counter() - t0)
        naive_items = [f"{t} {s}" for t, s in items[: a.naive_items]]
        t0 = time.perf_counter()
        naive_all_pairs(naive_items, texts)
        naive = len(naive_items) / (time.perf_counter() - t0)
        print(
            f"| {n:,} | {build:.2f} | {rate:,.0f} | {1e6 / rate:,.0f} | {naive:,.0f} "
            f"| {rate / naive:,.1f}x |"
        )


if __name__ == "__main__":
    main()
