"""Sentences about nothing tracked: the Snopes fact-checked claims of the CheckThat! 2020 file,
split once and for all into two halves by a hash of the text.

The TRAIN half is what scripts/train_match.py (and scripts/crossval.py's per-fold training) use as
headlines about no claim, next to the other claims' headlines, when asked to (`--unrelated-weight`;
off by default, see the README's "Headlines about nothing tracked"), to teach the relatedness model
that one shared common word, or one shared name in a different event, is not a match. The HELD
half is never trained on: bench/ingest.py fills its feeds with it, and the README's
out-of-distribution false-match numbers are measured on it.

No dependency beyond the standard library, so the bench can import it.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Literal

PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkthat2020-train.csv"

Half = Literal["train", "held"]


def half_of(text: str) -> Half:
    """The half a sentence belongs to: the low bit of the first byte of its SHA-256."""
    return "train" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def sentences(half: Half, path: Path = PATH) -> list[str]:
    """The unique, non-empty claims of ``path`` (file order) that fall in ``half``; [] with no
    file."""
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8-sig") as f:
        texts = dict.fromkeys(row["claim"].strip() for row in csv.DictReader(f))
    return [t for t in texts if t and half_of(t) == half]
