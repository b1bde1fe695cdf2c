"""Numbers, amounts and months as stance compares them: an item's "200 jobs" against a claim's
"2,000", "$5 million" against "$50 million", 百万 against 万, "in June" against "in March".
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.judge.cues import UNSPACED_RE
from monitor.judge.text import STOPWORDS, fold, term, words

_NUMERALS = "零一二两三四五六七八九十百千"  # Chinese numerals (and ``_NUMBER_ZH_RE``'s)
_WHEN_RE = re.compile(
    r"\b(?:(?:19|20)\d\d|today|tomorrow|tonight|(?:this|next) (?:week|month|year|spring|summer|autumn|fall|winter)"
    r"|by (?:the )?end of|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\d+\s*[年月日号]|今年|明年|下月|下个月|下周|本月|月底|年底|年内|今天|明天",
    re.IGNORECASE,
)


# Headlines round: "2,000 tip" for "2,084 tip" is the same number.
NUMBER_TOLERANCE = 0.1


def _numbers(text: str) -> dict[str, set[float]]:
    """The text's numbers by the word after them ("2,000 jobs": {"job": {2000}}; "" when none
    follows), stopwords skipped, scale words multiplied in ("$50 million" is 50000000)."""
    if UNSPACED_RE.search(text):
        return _numbers_zh(text)
    ws = [w for w in words(text) if w not in STOPWORDS]
    out: dict[str, set[float]] = {}
    for i, w in enumerate(ws):
        value = _number(w)
        if value is None:
            continue
        after = ws[i + 1] if i + 1 < len(ws) else ""
        context = "" if not after or _number(after) is not None else term(after)
        out.setdefault(context, set()).add(value)
    return out


# A number in Chinese text: digits, a scale (万 ten thousand, 亿 a hundred million) and the
# measure word or unit after them ("2万辆" is 20,000 vehicles, "120亿元" 12 billion yuan).
# A number (digits, or Chinese numerals: 两千, 一百二十), its scale and the unit after it (人, 台,
# 元 ...; not a numeral itself).
_NUMBER_ZH_RE = re.compile(
    rf"(\d+(?:\.\d+)?[百千]?|[{_NUMERALS}]+)\s*([万亿]?)((?![{_NUMERALS}万亿])[\u4e00-\u9fff%])"
)
_SCALE_ZH = {"": 1.0, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}
_DIGITS_ZH = {c: float(n) for n, c in enumerate("零一二三四五六七八九")} | {"两": 2.0}
_UNITS_ZH = {"十": 10.0, "百": 1e2, "千": 1e3}


def _numeral_zh(written: str) -> float:
    """The value of a number written in digits (with 百 or 千 after them: 5千) or in Chinese
    numerals (两千 2000, 一百二十 120, 十五 15)."""
    if written[0].isdigit():
        digits = written.rstrip("百千")
        return float(digits) * (_SCALE_ZH[written[len(digits) :]] if written != digits else 1.0)
    total, digit = 0.0, 0.0
    for c in written:
        if c in _UNITS_ZH:
            total += (digit or 1.0) * _UNITS_ZH[c]
            digit = 0.0
        else:
            digit = _DIGITS_ZH[c]
    return total + digit


def _numbers_zh(text: str) -> dict[str, set[float]]:
    """``_numbers`` for a text written without spaces: by the unit after each number."""
    out: dict[str, set[float]] = {}
    for m in _NUMBER_ZH_RE.finditer(fold(text)):
        out.setdefault(m.group(3), set()).add(_numeral_zh(m.group(1)) * _SCALE_ZH[m.group(2)])
    return out


def _number(word: str) -> float | None:
    if not word[:1].isdigit():
        return _NUMBER_WORDS.get(word)
    try:
        return float(word)
    except ValueError:
        return None  # "4th", "12in": a number glued to a unit is not compared


# Numbers written as words ("banned for two matches" against "six matches"); "one" is left out
# ("one of", "no one").
_NUMBER_WORDS = {
    w: float(n)
    for n, w in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ]
    )
    if n >= 2
} | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0, "dozen": 12.0}


_MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}


def _months(text: str) -> set[int]:
    """The months a text names; "may" only written as a name ("in May", not "may buy")."""
    found = {_MONTHS[w] for w in words(text) if w in _MONTHS and w != "may"}
    # the verb is not a month in Title Case headlines either ("Apple May Buy Path")
    if re.search(r"\bMay\b(?!\s+(?i:be|have|not|buy|sell|close|open|cut|face|take|get|launch|end)\b)", text):
        found.add(_MONTHS["may"])
    return found


def _agree(values: set[float], others: set[float]) -> bool:
    """Whether some value is another's within ``NUMBER_TOLERANCE``."""
    return any(abs(a - b) <= NUMBER_TOLERANCE * max(a, b) for a in values for b in others)


# Chinese units that date or rank rather than count (年 year, 月, 日, 号 number, 季 quarter, 届).
_TIME_UNITS_ZH = frozenset("年月日号季届期代")


def _values_across(claim_text: str, text: str) -> tuple[set[float], set[float]]:
    """A spaced claim's numbers and a Chinese item's counts (not its dates), values only: their
    units cannot be compared across languages."""
    mine = {v for values in _claim_numbers(claim_text).values() for v in values}
    theirs = {v for unit, values in _numbers_zh(text).items() if unit not in _TIME_UNITS_ZH for v in values}
    return mine, theirs


def _month_name(n: int) -> str:
    return next(m for m, k in _MONTHS.items() if k == n).capitalize()


@lru_cache(maxsize=4096)
def _claim_numbers(claim_text: str) -> dict[str, set[float]]:
    return _numbers(claim_text)
