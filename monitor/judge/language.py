"""Which language and script a text is written in.

Language by Google's Compact Language Detector 2 (the ``pycld2`` package: a C++ library, about
2 MB, 0.01 ms per headline), script by the Unicode names of the letters. Both are recorded on each
item, decide how claims are tokenised (English stemming only for English), and tell the matcher
when a headline is in a language none of the claims is written in (then only the multilingual
sentence model can relate them).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import pycld2

UNKNOWN = ""
# Languages written without spaces between words, and the script name that stands for them when
# the detector cannot tell (short texts).
_SCRIPT_LANGUAGE = {"CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "THAI": "th"}
# The languages of the sentence model (judge/semantic.py: USE multilingual v3), here so that the
# parse workers, which never load it, decide alike which headlines it can read.
SENTENCE_MODEL_LANGUAGES = frozenset(
    ["ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"]
)
# Latin-script languages the detector is believed on. On a short headline it also names rare
# ones ("A meteorite landed in Nicaragua." as Guarani); those guesses count as unsure.
_LATIN_LANGUAGES = frozenset(
    ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv", "da", "no", "nb", "fi", "cs", "sk", "ro", "hu", "id", "ms", "vi", "hr", "sl", "lt", "lv", "et", "ca", "gl", "eu", "tl", "sw", "af", "sq", "is", "ga", "cy", "sr", "bs", "az", "uz"]
)


@lru_cache(maxsize=65_536)
def script(text: str) -> str:
    """The script most of the text's letters are in, by Unicode name: "LATIN", "CJK", "ARABIC",
    "CYRILLIC", "HANGUL", ...; "" when it has no letters."""
    if text.isascii():  # the same answer without a Unicode name per letter
        return "LATIN" if any(ch.isalpha() for ch in text[:2000]) else ""
    counts: Counter[str] = Counter()
    for ch in text[:2000]:
        if ch.isascii():  # a Unicode name only for the letters that need one
            if ch.isalpha():
                counts["LATIN"] += 1
        elif ch.isalpha():
            name = unicodedata.name(ch, "")
            if name:
                counts[name.split(" ", 1)[0]] += 1
    return counts.most_common(1)[0][0] if counts else ""


_KANA_RE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")


@lru_cache(maxsize=65_536)
def detect(text: str) -> str:
    """The text's language as an ISO 639-1 code ("en", "zh", "fa", ...), or "" when unsure.

    Short texts are often unsure; a text in a script used by one language only (Chinese, Japanese
    kana, Korean, Thai) is named by its script then.
    """
    sample = text[:2000]
    try:
        reliable, _, found = pycld2.detect(sample)[:3]
    except Exception:  # noqa: BLE001 - invalid UTF-8 (lone surrogates) and the like: unsure
        reliable, found = False, ()
    code = found[0][1] if found else "un"
    written_in = script(sample)
    if not reliable or code in ("un", "xxx") or (written_in == "LATIN" and code not in _LATIN_LANGUAGES):
        return _SCRIPT_LANGUAGE.get(written_in, UNKNOWN)
    if code == "ja" and not _KANA_RE.search(sample):
        # Japanese is written with kana between its kanji; Han characters alone ("七曜不解散") are
        # Chinese, which the detector names Japanese on some short headlines
        return "zh"
    return "zh" if code.startswith("zh") else code


def is_english(text: str) -> bool:
    """Whether the English sentence model should read ``text``: detected as English, or unsure
    and plain ASCII letters (a short English headline is often unsure)."""
    if not text.strip():
        return False
    language = detect(text)
    return language == "en" or (not language and text.isascii() and script(text) == "LATIN")
