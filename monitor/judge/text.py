"""Tokenisation shared by the judge: plain functions over strings, any script.

Text is NFKC-normalised, case-folded and stripped of combining marks (accents, Arabic vowel
signs), with zero-width characters removed, Arabic letter forms and digits of Persian/Arabic
writing unified, so "København", "Kobenhavn", "كتاب" and "کتاب" each have one spelling. Words are
runs of Unicode letters, marks and numbers; scripts written without spaces (Chinese, Japanese,
Thai, ...) are cut into overlapping character pairs ("小米汽车" -> 小米 米汽 汽车), the usual
segmenter-free way to index them. English words are lightly stemmed; words of other languages are
kept as written (``term`` stems only ASCII words, and the claim index stems only the claims it
detects as English).

Numbers are kept (with thousands separators removed, and a scale word or suffix multiplied in:
"19 million", "19m" and "19,000,000" are all 19000000) because claims often hinge on them
("$500"); names are kept because they are simply words that are rare among the claims, which the
IDF weights reward.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

import regex


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated block (readable word lists)."""
    return frozenset(text.split())


# Function words and news filler: they say nothing about which claim an item is about.
STOPWORDS: frozenset[str] = word_set(
    """
    a about above after again against all also am an and any are aren as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t don didn doesn
    isn wasn weren won wouldn couldn shouldn hasn haven hadn ll ve re d m o y
    says said say saying told tells tell new news report reports reported reportedly update updated
    via get gets got video photo photos pictures
    """
)

_WORD_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Scripts written without spaces between words: indexed by overlapping character pairs.
_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
# A run of unspaced script, or a word of any other script (letters, marks, numbers).
_ANY_WORD_RE = regex.compile(rf"[{_UNSPACED}]+|[^\W_{_UNSPACED}]+(?:[.,][0-9]+)*")
_UNSPACED_RE = regex.compile(rf"[{_UNSPACED}]")
# Characters that change nothing a reader sees: zero-width spaces and joiners (Persian writes
# ZWNJ inside words, or a space, or nothing), the BOM, bidirectional controls, soft hyphens.
# A zero-width space or non-joiner separates words (Persian writes "می‌کند" with a ZWNJ, or a space).
_INVISIBLE = {
    **dict.fromkeys(
        [0x00AD, 0x200D, 0x2060, 0xFEFF, *range(0x200E, 0x2010), *range(0x202A, 0x202F),
         *range(0x2066, 0x206A)]
    ),
    0x200B: " ",
    0x200C: " ",
}
# Arabic-script letters with several forms in use, and the digits of Arabic and Persian writing.
_UNIFY = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
        "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
        "\u0643": "\u06a9",  # Arabic kaf -> keheh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0640": None,  # tatweel (a stretch, not a letter)
        "\u2019": "'",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        # Latin letters that carry their mark inside (no decomposition), after case folding.
        "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    }
)


# Texts up to this long are remembered by ``fold`` and ``words``: stance reads an item's title and
# summary once for each claim it is a candidate for, and the same texts again in several checks.
# A few hundred: the texts of the items judged together (a feed's), not a store of old ones.
_REMEMBERED_CHARS = 4_000
_REMEMBERED_TEXTS = 512


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'Café' and 'cafe' are one word (any script: see above)."""
    if text.isascii():  # nothing to unify: the slow path (remembered) is for the rest
        return text.lower().replace("'s ", " ").replace("'s", "")
    return _fold_unicode(text) if len(text) <= _REMEMBERED_CHARS else _fold_unicode.__wrapped__(text)


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def _fold_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).translate(_INVISIBLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).casefold().translate(_UNIFY)
    return text.lower().replace("'s ", " ").replace("'s", "")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: cheap, predictable, and enough to join plurals and tenses."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    for suffix, repl, min_len in (
        ("ational", "ate", 4),
        ("ization", "ize", 4),
        ("iveness", "ive", 4),
        ("fulness", "ful", 4),
        ("ousness", "ous", 4),
        ("ements", "", 4),
        ("ement", "", 4),
        ("ments", "", 4),
        ("ment", "", 4),
        ("ings", "", 4),
        ("ing", "", 4),
        ("ies", "y", 3),
        ("ied", "y", 3),
        ("edly", "", 4),
        ("ers", "", 4),
        ("er", "", 4),
        ("ed", "", 4),
        ("ly", "", 4),
        ("es", "", 4),
        ("s", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= min_len:
            word = word[: len(word) - len(suffix)] + repl
            break
    # Undouble a final consonant left by stripping ("stopped" -> "stopp" -> "stop").
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


# General English word families that a suffix stripper cannot join: irregular forms and a few
# everyday synonyms. General lexical relations only, nothing about any particular claim.
_FAMILIES: tuple[str, ...] = (
    "die dies died dying dead death deaths deceased",
    "kill kills killed killing slain slay slays",
    "buy buys buying bought purchase purchases purchased acquire acquires acquired acquisition",
    "sell sells selling sold sale",
    "steal steals stealing stole stolen theft thief thieves",
    "catch catches catching caught",
    "shoot shoots shooting shot",
    "injure injures injured injury injuries wound wounded hurt hurts",
    "kidnap kidnaps kidnapped kidnapping abduct abducts abducted abduction",
    "marry marries married marriage wedding wed weds",
    "born birth births",
    "pregnant pregnancy",
    "child children kid kids",
    "man men",
    "woman women",
    "wife wives",
    "teen teens teenager teenagers teenage",
    "arrest arrests arrested arresting detained detain",
    "win wins winning",
    "leak leaks leaked",
    "begin begins began begun",
    "fly flies flew flown flying",
    "eat eats ate eaten eating",
    "hide hides hid hidden hiding",
    "speak speaks spoke spoken speech",
)
LEMMAS: dict[str, str] = {w: line.split()[0] for line in _FAMILIES for w in line.split()}


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The matching term of a folded word: for an English (ASCII) word its family head ("died" ->
    "die"), then stemmed; any other word as it is."""
    return stem(LEMMAS.get(word, word)) if word.isascii() else word


# Scale words and suffixes: "24 million", "24m" and "24,000,000" are one number.
_SCALES: dict[str, int] = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
}
# A number with a suffix glued on ("24m"): the short keys of _SCALES.
_SUFFIXED_RE = re.compile(
    f"({_NUMBER_RE.pattern})({'|'.join(k for k in _SCALES if len(k) <= 2)})"
)


def _scaled(number: str, scale: int) -> str:
    # Decimal, not float: 2.01 x 1000 must be "2010", as "2,010" is, not "2009.9999999999998".
    value = Decimal(number) * scale
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def _raw_words(folded: str) -> list[str]:
    """The words of folded text: ASCII by the English pattern; any other script by Unicode classes,
    unspaced scripts cut into overlapping character pairs."""
    if folded.isascii():
        return _WORD_RE.findall(folded)
    out: list[str] = []
    for w in _ANY_WORD_RE.findall(folded):
        if _UNSPACED_RE.match(w):
            out.extend([w] if len(w) == 1 else [w[k : k + 2] for k in range(len(w) - 1)])
        else:
            out.append(w)
    return out


def words(text: str) -> list[str]:
    """Folded words and numbers in order, stopwords included (stance needs them)."""
    return list(_words(text) if len(text) <= _REMEMBERED_CHARS else _words.__wrapped__(text))


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in _raw_words(fold(text)):
        if w[0].isdigit():
            w = w.replace(",", "")
            if w.endswith(".0"):
                w = w[:-2]
            m = _SUFFIXED_RE.fullmatch(w)
            if m:
                w = _scaled(m.group(1), _SCALES[m.group(2)])
        elif (
            w in _SCALES
            and out
            # "15.4m" reaches here as "15.4", "m"; a bare letter scales only a decimal.
            and (len(w) > 2 or "." in out[-1])
            and _NUMBER_RE.fullmatch(out[-1])
        ):
            out[-1] = _scaled(out[-1], _SCALES[w])
            continue
        out.append(w)
    return tuple(out)


def terms(text: str) -> list[str]:
    """Content terms in order: stemmed words without stopwords; numbers kept."""
    return [term(w) for w in words(text) if w not in STOPWORDS]


# What a sentence model should not read: links, also glued to a word (as "camera.pic.twitter.com/x"
# is in copied tweets). An embedded post's signature ("— Name (@handle) January 8, 2020") stays:
# the name is often the claim's speaker (dropping it lowered tweets R@1 from 0.742 to 0.736).
_LINK_RE = re.compile(r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S+", re.IGNORECASE)
_TAG_RE = re.compile(r"(?<!\w)[#@](\w)")


def for_reading(text: str) -> str:
    """A headline as a sentence model should read it: without links, with hashtags and handles
    as their words ("#Soleimani" -> "Soleimani"). A text without any of these comes back as it
    is; one that is nothing but a link, too."""
    if "/" not in text and "#" not in text and "@" not in text:
        return text
    return " ".join(_TAG_RE.sub(r"\1", _LINK_RE.sub(" ", text)).split()) or text


# A headline is read up to this many characters by matching and stance (normalise cuts feed titles
# at 500 already; a title from elsewhere, an eval CSV's, may hold a whole text).
MAX_TITLE_CHARS = 1_000


def lead(text: str, max_chars: int) -> str:
    """The first max_chars of a body, cut at a word boundary."""
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars)
    return text[: cut if cut > 0 else max_chars]
