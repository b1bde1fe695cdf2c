"""feedparser's test corpus (../shared/data/feedparser-corpus): its files, and the HTTP headers
each fixture declares in its first comment ("Header: Name: value" lines)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "feedparser-corpus"
_HEADER = re.compile(r"^Header:\s*([A-Za-z0-9-]+):\s*(.*?)\s*$", re.M)
_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)


def corpus_files() -> list[Path]:
    """Every corpus file (the test is skipped when the corpus is missing)."""
    if not CORPUS.is_dir():
        pytest.skip(f"feedparser corpus not found at {CORPUS}")
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "LICENSE")


def header_lines(data: bytes) -> list[tuple[str, str]]:
    """The (name, value) pairs of the fixture's "Header:" lines, "Status" among them."""
    return _HEADER.findall(_comment(data))


def _comment(data: bytes) -> str:
    for bom, enc in _ENCODINGS:
        if data.startswith(bom):
            text = data.decode(enc, "replace")
            break
    else:
        text = data.decode("utf-8", "replace")
    start = text.find("<!--")
    end = text.find("-->", start)
    return text[start:end] if start != -1 and end != -1 else ""
