"""What and where: another number, month, part, model code, place, route, jurisdiction, object,
doing or event on the claim's thing than the claim's ("cuts 200 jobs" for 2,000, "a wing" of the
building, "in Leeds" for "in York", "opens branches" for "closes them"), and the opposite of
the claim's event.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from monitor.judge import cues as cuelib
from monitor.judge.cues import TABLES, UNSPACED_RE, Hit, cue_words, families
from monitor.judge.language import detect
from monitor.judge.stance.event import (
    _NAME_TOKEN_RE,
    NAME_PREFIX,
    _a_form_of,
    _another_partner_zh,
    _claim_names,
    _cross_words,
    _event,
    _event_families,
    _event_terms,
    _hits,
    _title_cased,
)
from monitor.judge.stance.framing import _named_only, _unrumoured
from monitor.judge.stance.numbers import (
    _MONTHS,
    _NUMERALS,
    _agree,
    _claim_numbers,
    _month_name,
    _months,
    _number,
    _numbers,
    _values_across,
)
from monitor.judge.stance.scopes import _an_event_word, _first_event_word
from monitor.judge.stance.subjects import _KIND_HEADS, _SOMEONE, _claim_terms
from monitor.judge.text import STOPWORDS, fold, term, words

# What a denial may deny and still be the claim's: the rumour itself ("denies reports", "denies
# it"); any other object is another matter ("denies wrongdoing").
_RUMOUR_OBJECTS = frozenset(
    [
        "it", "this", "that", "them", "report", "reports", "reported", "claim", "claims", "story",
        "stories", "article", "articles", "news", "rumor", "rumors", "rumour", "rumours", "speculation",
        "gossip", "talk", "allegation", "allegations", "allegedly", "reportedly",
    ]
)
DENIAL_OBJECT_WORDS = 4


def _denial_elsewhere(claim_text: str, text: str, denials: Sequence[tuple[str, Hit]]) -> str:
    """The denial phrase when, in a text without the claim's event, what each denial denies (its
    first word after stopwords) is not a word of the claim, and no rumour word follows within a
    few words: "Corren Bank denies wrongdoing in Ilse Varga lawsuit" for "Corren Bank has fired
    Ilse Varga". "" otherwise ("Kurds deny Gill Rosenberg was in Kobane", "X denies it", "X
    denies the reports", "shuts down baby rumours", "X denies"). An unspaced language has no
    words to read what is denied: there, only another party joined where the claim joins its own
    ("小米否认与比亚迪合作" for "小米与北汽合作造车")."""
    if not denials:
        return ""
    if any(TABLES[lang].unspaced for lang, _ in denials):
        other = UNSPACED_RE.search(claim_text) and _another_partner_zh(claim_text, fold(text))
        return denials[0][1].phrase if other else ""
    ws = cue_words(text)
    names = _claim_names(claim_text) | _event_terms(claim_text)
    for _, h in denials:
        following = [w for w in ws[h.end : h.end + DENIAL_OBJECT_WORDS] if w not in STOPWORDS or w in _RUMOUR_OBJECTS]
        if not following or following[0] in names or term(following[0]) in names:
            return ""
        if _RUMOUR_OBJECTS.intersection(following):
            return ""  # "denies the reports", "shuts down baby rumours"
    return denials[0][1].phrase


DENIED_EVENT_WORDS = 6


def _denies_another_event(claim_text: str, text: str, denials: Sequence[tuple[str, Hit]]) -> str:
    """The denial phrase when what each denial denies (the words after it, to the clause's end)
    holds a word of another event than the claim's and none of the claim's event: "Corvel
    Outfitters denies plan to cut staff at Kessel Street flagship" for "shuts its flagship
    store", "denies it is closing stores" for "raises its drink prices". "" otherwise ("denies it
    will buy Tesla", "denies closing the plant" for "will shut the plant")."""
    claim_families = _event_families(claim_text)
    if not denials or not claim_families or any(TABLES[lang].unspaced for lang, _ in denials):
        return ""
    ws = cue_words(_CLAUSE_END_RE.split(text, maxsplit=1)[0])
    events = _event_terms(claim_text)
    for _, h in denials:
        after = ws[h.end : h.end + DENIED_EVENT_WORDS]
        said = families(tuple(after)).keys()
        if not said or said & claim_families or any(term(w) in events or w in cuelib.NEGATION_WORDS for w in after):
            return ""
    return denials[0][1].phrase


_CLAUSE_END_RE = re.compile(r"[,;:.!?]\s|\s[-–—]\s")


def _other_number(claim_text: str, text: str) -> str:
    """Another number for the same thing than the claim's ("Harbor Steel cuts 200 jobs" for "will
    cut 2,000 jobs"; "$5 million" for "$50 million"): "'200 job' where the claim says 2,000", or ""
    when the numbers agree (within ``NUMBER_TOLERANCE``) or count different things. Also another
    month, a part where the claim says all, and another model code ("A320" for "C919")."""
    months, their_months = _months(claim_text), _months(text)
    if months and their_months and not months & their_months:
        return f"another month ({_month_name(min(their_months))}) than the claim's"
    if part := _part_of_all(claim_text, text):
        return part
    if part := _part_zh(claim_text, text):
        return f"'{part}' where the claim says all"
    if across := _other_number_across(claim_text, text):
        return across
    if other := (
        _another_sentence(claim_text, text) or _another_quarter(claim_text, text) or _a_variant(claim_text, text)
        or _another_population(claim_text, text)
    ):
        return other
    if code := _other_code(claim_text, text) or _another_number_of_the_name(claim_text, text):
        return code
    if part := _a_part(claim_text, text) or _a_part_closed(claim_text, text):
        return part
    mine = _claim_numbers(claim_text)
    if not mine:
        return _a_count_of(claim_text, text)
    theirs = _numbers(text)
    for context, values in mine.items():
        found = theirs.get(context)
        if found and not _agree(values, found):
            said = f"{_shown(min(found))} {context}".strip()
            return f"'{said}' where the claim says {_shown(min(values))}"
    return _other_count(claim_text, text)


# A name with its number ("Pulse 3", "Kepra-9b", "Season 4"); a year is no such number.
_NAMED_NUMBER_RE = re.compile(r"\b([A-Z][A-Za-z]+)[\s-](\d{1,3}[a-z]?)\b")


@lru_cache(maxsize=4096)
def _named_numbers(text: str) -> frozenset[tuple[str, str]]:
    """A text's names with their numbers, lower-cased: {("pulse", "3")}."""
    return frozenset((m.group(1).lower(), m.group(2).lower()) for m in _NAMED_NUMBER_RE.finditer(text))


def _another_number_of_the_name(claim_text: str, text: str) -> str:
    """The claim's named thing with another number in the item, the claim's own not there: "Tenra
    discontinues Pulse 2" for "will discontinue the Pulse 3", "Kepra-9c" for "Kepra-9b"; "" if
    none."""
    mine = _named_numbers(claim_text)
    if not mine:
        return ""
    theirs = _named_numbers(text)
    if mine & theirs:
        return ""
    names = {name for name, _ in mine}
    other = next((f"{name} {n}" for name, n in sorted(theirs) if name in names), "")
    return f"'{other}' where the claim says {' '.join(min(mine))}" if other else ""


def _other_code(claim_text: str, text: str) -> str:
    """Another model code than the claim's ("'A320' where the claim says C919"), or another thing
    of the claim's code; "" if none."""
    codes, their_codes = _codes(claim_text), _codes(text)
    if codes and their_codes and not codes & their_codes:
        return f"'{min(their_codes)}' where the claim says {min(codes)}"
    codes |= _claim_short_codes(claim_text)
    if not codes:
        return ""
    if other := _another_code_of_the_series(codes, their_codes | _short_codes(text)):
        return f"'{other}' where the claim says {min(codes)}"  # "Lumeo X8 launches" for the X9
    if (first := _code_after_event(claim_text, text)) and first not in codes:
        return f"'{first}' where the claim says {min(codes)}"  # "cuts X8 price ahead of X9 launch"
    return _another_thing_of_the_code(claim_text, text, codes)


_QUARTER_RE = re.compile(
    r"\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(quarter|half)|(q[1-4])|([hH][12]))\b", re.IGNORECASE
)
_ORDINALS = {"first": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3", "fourth": "4", "4th": "4"}


@lru_cache(maxsize=4096)  # mostly claims' texts: an item's is read only when its claim has one
def _quarters(text: str) -> frozenset[str]:
    """A text's quarters and halves of a year, as "q2", "h1"."""
    out = set()
    for m in _QUARTER_RE.finditer(text):
        if m.group(1):
            out.add(("q" if m.group(2).lower() == "quarter" else "h") + _ORDINALS[m.group(1).lower()])
        else:
            out.add((m.group(3) or m.group(4)).lower())
    return frozenset(out)


def _another_quarter(claim_text: str, text: str) -> str:
    """Another quarter or half of the year than the claim's ("first-quarter loss" for "a loss in
    the second quarter"), the claim's nowhere in the item; "" if none."""
    mine = _quarters(claim_text)
    if not mine:
        return ""
    theirs = _quarters(text)
    return f"'{min(theirs - mine).upper()}' where the claim says {min(mine).upper()}" if theirs and not theirs & mine else ""


# Words after a model's name that make it another model of the line ("Orbit 5 Lite"; not "Plus":
# "My iPhone 6 Plus is yanking out my hair" is about the iPhone 6 as its users mean it).
_VARIANTS = frozenset(["lite", "pro", "max", "mini", "ultra", "se", "neo", "fe", "go", "xl", "edge", "fold", "flip"])


def _a_variant(claim_text: str, text: str) -> str:
    """Another model of the claim's line: a variant word right after the claim's model number or
    name in the item, which the claim does not have ("Orbit 5 Lite" for "the Orbit 5 smartphone");
    "" if none."""
    item = _NAME_TOKEN_RE.findall(text)
    claim_words = {w.lower() for w in _NAME_TOKEN_RE.findall(claim_text)}
    for k in range(1, len(item)):
        word, before = item[k], item[k - 1]
        if word.lower() in _VARIANTS and word[:1].isupper() and word.lower() not in claim_words and (
            before.lower() in claim_words and (before[:1].isdigit() or before[:1].isupper())
        ):
            return f"'{before} {word}' where the claim says {before}"
    return ""


# Who a thing is for, in its words: a vaccine "for infants" is not one "for adults over 60".
_POPULATIONS = {
    "infants": "infants", "babies": "infants", "newborns": "infants", "toddlers": "children", "children": "children",
    "kids": "children", "teens": "teenagers", "teenagers": "teenagers", "adolescents": "teenagers",
    "adults": "adults", "seniors": "older adults", "elderly": "older adults", "pensioners": "older adults",
    "over-60s": "older adults", "over-65s": "older adults", "students": "students", "women": "women", "men": "men",
}
_FOR_WHOM_RE = re.compile(r"\bfor\s+(?:the\s+|all\s+|older\s+|young\s+|pregnant\s+)?([a-z0-9-]+)", re.IGNORECASE)


@lru_cache(maxsize=4096)  # mostly claims' texts: an item's is read only when its claim has one
def _for_whom(text: str) -> frozenset[str]:
    return frozenset(_POPULATIONS[w] for m in _FOR_WHOM_RE.finditer(text) if (w := m.group(1).lower()) in _POPULATIONS)


def _another_population(claim_text: str, text: str) -> str:
    """Another group of people after "for" than the claim's ("approves RSV vaccine for adults over
    60" for "... for infants"), the claim's nowhere in the item; "" if none."""
    mine = _for_whom(claim_text)
    if not mine:
        return ""
    theirs = _for_whom(text)
    return f"'for {min(theirs - mine)}' where the claim says for {min(mine)}" if theirs and not theirs & mine else ""


# Kinds of a court's sentence, each in its words: "有期徒刑十五年" (fifteen years) is not the
# claim's "无期徒刑" (life), nor "jailed for 15 years" its "life sentence".
_SENTENCE_KINDS = (
    ("死刑缓期", "suspended death"), ("死缓", "suspended death"), ("死刑", "death"), ("无期徒刑", "life"),
    ("有期徒刑", "years"), ("life sentence", "life"), ("life in prison", "life"), ("life imprisonment", "life"),
    ("jailed for life", "life"), ("sentenced to life", "life"), ("death sentence", "death"), ("sentenced to death", "death"),
)
_YEARS_JAILED_RE = re.compile(
    r"\b(?:jailed|sentenced|imprisoned)\s+(?:to\s+|for\s+)?(?:\d+|[a-z]+)[\s-]+years?\b|\b\d+-year (?:sentence|jail|prison)", re.IGNORECASE
)


@lru_cache(maxsize=4096)  # mostly claims' texts: an item's is read only when its claim has one
def _sentence_kinds(text: str) -> frozenset[str]:
    folded = fold(text)
    kinds = set()
    for said, kind in _SENTENCE_KINDS:
        if said in folded:
            kinds.add(kind)
            folded = folded.replace(said, " ")
    if _YEARS_JAILED_RE.search(text):
        kinds.add("years")
    return frozenset(kinds)


def _another_sentence(claim_text: str, text: str) -> str:
    """Another kind of sentence than the claim's, the claim's nowhere in the item; "" if none."""
    mine = _sentence_kinds(claim_text)
    if not mine:
        return ""
    theirs = _sentence_kinds(text)
    return f"a sentence of {min(theirs - mine)}, where the claim says {min(mine)}" if theirs and not theirs & mine else ""


# Parts of a company: sold or bought, they are not the company ("sells mobile unit"). Not "units"
# ("to sell 15M units") nor "businesses" ("splitting into 2 separate businesses").
_PARTS = frozenset(
    ["unit", "division", "divisions", "subsidiary", "subsidiaries", "arm", "stake", "stakes", "business", "brand", "assets"]
)
_TRADING = frozenset(families(("sells", "buys")).keys())


def _a_part(claim_text: str, text: str) -> str:
    """A part of the company right after the claim's event word, one the claim does not name:
    "Sora Games sells mobile unit to Nexa Corp" for "Sora Games has been sold to Nexa Corp",
    "Pell & Co sells stake in Marlow Group"."""
    return _part_after_event(claim_text, text, _TRADING, _PARTS, 3)


def _part_after_event(
    claim_text: str, text: str, events: frozenset[str], parts: frozenset[str], scope: int
) -> str:
    """A part (of ``parts``, not named by the claim) within ``scope`` words after a word of one of
    ``events``' families, for a claim whose event is of one of them ("" if none)."""
    event_families = _event_families(claim_text) & events
    if not event_families:
        return ""
    claim_words = set(cue_words(claim_text))
    ws = cue_words(text)
    for k, w in enumerate(ws):
        if families((w,)).keys() & event_families:
            part = next((p for p in ws[k + 1 : k + 1 + scope] if p in parts and p not in claim_words), "")
            if part:
                return f"'{part}' where the claim says the whole"
    return ""


# Chinese "all" (全部 ...), and a part or a count of things (部分, 两架, 3台) where a claim says all.
_ALL_ZH = ("全部", "所有", "全线", "整个", "全体", "全面", "整体")
_PART_ZH_RE = re.compile(rf"部分|个别|少数|一些|(?:\d+|[{_NUMERALS}]+)[架台辆家座艘款个批条]")


_STAKE_ZH_RE = re.compile(r"(?:部分|少数|[\d.]+%|百分之[零一二两三四五六七八九十]+)(?:股权|股份)")


def _part_zh(claim_text: str, text: str) -> str:
    """A part or a count where a Chinese claim says all: "停飞两架波音737" for "停飞全部波音737"."""
    claim, folded = fold(claim_text), fold(text)
    if "股" in folded and "股" not in claim and (stake := _STAKE_ZH_RE.search(folded)):
        return stake.group(0)  # "收购Pilbra部分股权" buys a stake, not the company
    if not any(w in claim for w in _ALL_ZH) or any(w in folded for w in _ALL_ZH):
        return ""
    m = _PART_ZH_RE.search(folded)
    return m.group(0) if m else ""


def _other_number_across(claim_text: str, text: str) -> str:
    """A Chinese item's count that agrees with none of a spaced claim's numbers ("裁员300人" for
    "lays off 3,000 workers"): the units cannot be compared across languages, the values can."""
    if UNSPACED_RE.search(claim_text) or not UNSPACED_RE.search(text):
        return ""
    mine, theirs = _values_across(claim_text, text)
    if not mine or not theirs or _agree(mine, theirs):
        return ""
    return f"'{_shown(min(theirs))}' where the claim says {_shown(min(mine))}"


# A count of things of the claim's thing: "two shows of world tour", "some of its stores".
_COUNT_OF_RE = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|a few)\s+([a-z]+)\s+of\s+"
    r"(?:the\s+|its\s+|her\s+|his\s+|their\s+)?(?:[a-z]+\s+)?([a-z]+)\b"
)


def _a_count_of(claim_text: str, text: str) -> str:
    """A count of other things of the claim's thing, for a claim that counts nothing: "cancels two
    shows of world tour" for "has cancelled her world tour" is a part of it."""
    if " of " not in text.lower() or _claim_numbers(claim_text) or UNSPACED_RE.search(claim_text):
        return ""
    claim_terms = _claim_terms(claim_text)
    for m in _COUNT_OF_RE.finditer(text.lower()):
        if term(m.group(2)) not in claim_terms and term(m.group(3)) in claim_terms:
            return f"'{m.group(1)} {m.group(2)}' of the {m.group(3)}, not all of it"
    return ""


def _other_count(claim_text: str, text: str) -> str:
    """Another number of other things right after the claim's event word, where the claim has its
    number after it too: "recalls 5,000 vans" for "has recalled 50,000 cars"."""
    mine, theirs = _counted(claim_text, claim_text), _counted(claim_text, text)
    if not mine or not theirs or mine.keys() & theirs.keys():
        return ""
    present = {term(w) for w in words(text)}
    if any(c in present for c in mine):
        return ""
    mine_values = {v for values in mine.values() for v in values}
    for context, values in theirs.items():
        if not _agree(values, mine_values):
            return f"'{_shown(min(values))} {context}' where the claim says {_shown(min(mine_values))} {min(mine)}"
    return ""


def _counted(claim_text: str, text: str) -> dict[str, set[float]]:
    """The numbers right after a word of the claim's event (stopwords between), by the word after
    them: {"car": {50000}} in "has recalled 50,000 cars"."""
    event = _event_terms(claim_text)
    ws = [w for w in words(text) if w not in STOPWORDS]
    out: dict[str, set[float]] = {}
    for i in range(1, len(ws) - 1):
        value = _number(ws[i])
        before, after = ws[i - 1], ws[i + 1]
        if value is not None and term(before) in event and _number(before) is None and _number(after) is None:
            out.setdefault(term(after), set()).add(value)
    return out


# A model or product code: letters and digits in one token ("C919", "A320", "F-35", "RTX4090").
_CODE_RE = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z]{1,4}-?\d{2,5}[A-Za-z]?(?![A-Za-z0-9])")


# Parts of a place that may close or shut alone ("closes wing for renovation").
_PLACE_PARTS = frozenset(
    [
        "wing", "wings", "floor", "floors", "gallery", "galleries", "section", "sections", "room", "rooms",
        "hall", "halls", "entrance", "entrances", "terminal", "terminals", "runway", "runways", "ward", "wards",
        "department", "departments", "platform", "platforms", "lane", "lanes", "exhibition", "exhibit",
    ]
)
_CLOSING = frozenset(families(("closes", "suspends")).keys())


def _a_part_closed(claim_text: str, text: str) -> str:
    """A part of the place closed where the claim closes the whole: "Louvre closes wing for
    renovation" for "The Louvre will close for renovation"."""
    return _part_after_event(claim_text, text, _CLOSING, _PLACE_PARTS, 2)


def _another_thing_of_the_code(claim_text: str, text: str, codes: frozenset[str]) -> str:
    """Another thing named after the claim's model code ("V12 software update" for the claim's
    "V12 smartwatch"), the claim's own thing nowhere in the item. "" if none."""
    claim_ws, item_ws = _text_words(claim_text), _text_words(text)
    claim_terms, item_terms = {term(w) for w in claim_ws}, {term(w) for w in item_ws}
    for code in codes:
        own = _word_after(claim_ws, code)
        theirs = _word_after(item_ws, code)
        if own and theirs and term(own) not in item_terms and term(theirs) not in claim_terms:
            return f"'{code} {theirs}' where the claim says {code} {own}"
    return ""


def _text_words(text: str) -> list[str]:
    """A text's words as written but for case, model codes upper-cased without hyphens."""
    return [w.upper().replace("-", "") if _CODE_RE.fullmatch(w) or _SHORT_CODE_RE.fullmatch(w) else w.lower()
            for w in re.findall(r"[\w-]+", text)]


def _word_after(ws: Sequence[str], code: str) -> str:
    """The content word right after a code in a list of words ("" if none)."""
    if code not in ws:
        return ""
    k = ws.index(code) + 1
    return ws[k] if k < len(ws) and ws[k] not in STOPWORDS and ws[k].isalpha() else ""


@lru_cache(maxsize=4096)
def _claim_short_codes(claim_text: str) -> frozenset[str]:
    return frozenset(_SHORT_CODE_RE.findall(claim_text))


def _code_after_event(claim_text: str, text: str) -> str:
    """The first model code right after the item's first word of the claim's event (within two
    words), "" if none: what the event is done to."""
    ws = text.split()
    at = next((k for k, w in enumerate(ws) if _an_event_word(claim_text, w.lower().strip(_PUNCT))), -1)
    if at < 0:
        return ""
    after = " ".join(ws[at + 1 : at + 3])
    found = sorted(_codes(after) | frozenset(_SHORT_CODE_RE.findall(after)))
    return found[0] if found else ""


_PUNCT = ".,:;!?'\"\u2018\u2019\u201c\u201d()"
# A short model code (a capital or three and one digit: "X9", "S3"), read only where the claim has one.
_SHORT_CODE_RE = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{1,3}\d(?![A-Za-z0-9])")


def _short_codes(text: str) -> frozenset[str]:
    return frozenset(_SHORT_CODE_RE.findall(text))


def _another_code_of_the_series(codes: frozenset[str], theirs: frozenset[str]) -> str:
    """An item's model code with the letters of one of the claim's and another number ("X8" for
    "X9", "A350" for "A380"), none of the claim's codes in the item; "" if none."""
    if not theirs or codes & theirs:
        return ""
    series = {re.sub(r"\d.*", "", c) for c in codes}
    return next((c for c in sorted(theirs) if re.sub(r"\d.*", "", c) in series), "")


def _codes(text: str) -> frozenset[str]:
    """The model codes of a text, upper-cased without the hyphen ("f-35" is "F35"), and without
    an "s" of the plural after the number ("A321s" is "A321")."""
    return frozenset(re.sub(r"(?<=\d)S$", "", m.group(0).upper().replace("-", "")) for m in _CODE_RE.finditer(text))


# "cancels some Lisbon flights" for "has cancelled all flights to Lisbon".
_ALL = frozenset(["all", "every", "entire", "whole", "fleet", "global", "worldwide", "nationwide", "countrywide"])
_PART = frozenset(["some", "several", "few", "partial", "partially", "one", "two", "three", "region", "regional", "local", "localised", "localized"])


# Events whose things are all meant when a claim names them as "its stores", "their jets": a count
# of them is a part ("closes three UK stores" for "will close its UK stores"). Not launches or
# releases, where "two new phones" are "its new phones".
_ALL_OF_ITS = frozenset(k for w in ("close", "recall", "ground", "suspend") for k in families((w,)))
_SMALL_COUNTS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "some", "several", "few"])


@lru_cache(maxsize=4096)
def _its_things(claim_text: str) -> frozenset[str]:
    """The plural things a claim names as all of someone's ("its UK stores": store), when its event
    is one of ``_ALL_OF_ITS`` and it holds no number; empty otherwise."""
    if UNSPACED_RE.search(claim_text) or not _event_families(claim_text) & _ALL_OF_ITS or _claim_numbers(claim_text):
        return frozenset()
    ws = cue_words(claim_text)
    out: set[str] = set()
    for k, w in enumerate(ws):
        if w in ("its", "their"):
            out.update(term(x) for x in ws[k + 1 : k + 4] if len(x) > 3 and x.endswith("s") and x not in STOPWORDS)
    return frozenset(out)


def _a_count_of_its_things(claim_text: str, text: str) -> str:
    """A small count of the claim's things where the claim means all of them ("three UK stores",
    "12 X5 cars" for "its UK stores", "its X5 cars"), "" if none; not after "all"."""
    things = _its_things(claim_text)
    if not things:
        return ""
    ws = cue_words(text)
    for k, w in enumerate(ws):
        counted = w in _SMALL_COUNTS or (w.isdigit() and len(w) <= 3)
        if counted and (k == 0 or ws[k - 1] != "all") and any(term(x) in things for x in ws[k + 1 : k + 4]):
            return f"'{w} {' '.join(ws[k + 1 : k + 3])}' where the claim means all of them"
    # one of them, in the singular, none in the plural: "to close its Toronto Eaton Centre store"
    # for "will close all its stores in Canada"
    plurals = [x for x in cue_words(claim_text) if term(x) in things and x.endswith("s")]
    present = set(ws)
    for plural in plurals:
        singular = plural[:-2] if plural.endswith("ches") or plural.endswith("shes") else plural[:-1]
        if singular in present and plural not in present:
            return f"'{singular}', one of the claim's {plural}"
    return ""


def _part_of_all(claim_text: str, text: str) -> str:
    """A part where the claim says all ("some", "two" for "all its jets"), or a count of the
    things the claim means all of (``_a_count_of_its_things``); "" if none."""
    if _ALL & set(cue_words(claim_text)) and (part := next((w for w in cue_words(text) if w in _PART), "")):
        return f"'{part}' where the claim says all"
    return _a_count_of_its_things(claim_text, text)


def _shown(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"
# Words naming a people or a country's things ("American", "Scottish", "Israeli"): an item says
# the claim's place so ("Scottish restaurant" for "in Scotland"), so they name no other place.
# ("-an" alone would take Michigan, Japan, Iran, Milan and Taiwan for demonyms: only its common
# endings, and the few demonyms with another.)
_DEMONYM_RE = re.compile(
    r"(?:ish|ian|ean|can|ese|ic|german|roman|cuban|kenyan|angolan|venezuelan|tibetan|afghan|welsh|dutch"
    r"|french|greek|swiss|czech|slovak|basque|scots|uzbek|kazakh|israeli|iraqi|pakistani|saudi|omani|yemeni|kuwaiti|bangladeshi|nepali|somali|thai"
    r"|qatari|emirati|bahraini|azerbaijani|afghani|kashmiri|punjabi|bengali|hindi|iraqi|yazidi)$"
)
_PLACE_PREPOSITIONS = frozenset(["in", "at", "to", "from", "for", "near", "over", "on"])
PLACE_SCOPE_WORDS = 3
# Capitalised words that name a time, not a place or thing (another date is ``_other_number``'s).
_DAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_NOT_PLACES = STOPWORDS | _DAYS | frozenset(_MONTHS)


def _another_place(claim_text: str, title: str) -> str:
    """Another place or object named where the claim names its own, after the event's verb:
    "'Bristol' for the claim's Leeds" ("Halvorsen Foods closes Bristol depot" for "will close
    its Leeds bakery"; "cuts Porto flights" for "cut flights to Lisbon"; "opens factory in Texas"
    for "in Ohio"). The claim's names after its event must all be missing from the title, and the
    other name must stand right after the title's event word or after a preposition within
    ``PLACE_SCOPE_WORDS`` of it. Not a demonym ("Scottish restaurant" for "in Scotland"; nor for
    one, "Ayr station" for "Scottish railway station"), a time, a capitalised shout ("UK") or a
    form of a name of the claim's ("Foleys")."""
    if UNSPACED_RE.search(claim_text):
        return ""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    item = _NAME_TOKEN_RE.findall(title)
    if modifier := _another_modifier(claim_text, claim, item, title.lower()):
        return modifier
    at_claim = _first_event_word(claim_text, claim, start=1)
    at_item = _first_event_word(claim_text, item, start=0)
    if at_claim < 0 or at_item < 0:
        return ""
    claim_lower = {w.lower() for w in claim}
    own = [
        w.lower() for w in claim[at_claim + 1 :]
        if w[:1].isupper() and w.lower() not in _NOT_PLACES and not _DEMONYM_RE.search(w.lower())
    ]
    folded_title = title.lower()
    names = [w.lower() for w in claim if w[:1].isupper()]
    if not own:
        # the claim's place before its event ("St Aldric's Hospital in Leeds closes its ward"):
        # another after the same words ("Hospital in Norwich")
        return _another_after_the_same_words(claim, item, names)
    for j in range(1, len(item)):
        # another place's own thing of the event: "imported from its Shanghai factory" for "will
        # build a factory in India", though the item names India too
        if item[j][:1].islower() and item[j].lower() in claim_lower and _an_event_word(claim_text, item[j].lower()):
            other = item[j - 1]
            owned = item[j - 2 : j - 1] in (["its"], ["their"], ["the"]) and "'" not in other and "\u2019" not in other
            if owned and _a_place_name(other) and not _a_form_of(other, names):
                return f"'{other}' for the claim's {claim[[w.lower() for w in claim].index(own[0])]}"
    if other := _another_after_the_same_words(claim, item, names):
        return other
    if any(w[:NAME_PREFIX] in folded_title for w in own):
        return ""
    candidates = _place_candidates(claim, item, at_claim, at_item, own)
    other = next((w for w in candidates if _a_place_name(w) and not _a_form_of(w, names)), "")
    return f"'{other}' for the claim's {claim[[w.lower() for w in claim].index(own[0])]}" if other else ""


def _place_candidates(claim: list[str], item: list[str], at_claim: int, at_item: int, own: list[str]) -> list[str]:
    """The item's words that may name another place than the claim's (``_another_place``): right
    after its event word, after a preposition within ``PLACE_SCOPE_WORDS`` of it, or before its
    first word of the event's thing after a preposition ("scraps plan for Leeds depot" for "will
    build a depot in Carlisle")."""
    after = item[at_item + 1 : at_item + 1 + PLACE_SCOPE_WORDS + 1]
    if after and _number(after[0].lower()) is not None:
        after = after[1:]  # a count first: "orders 50 Airbus jets"
    if at_claim + 1 < len(claim) and claim[at_claim + 1].lower() == own[0]:
        return after[:1]  # the claim's object right after its verb ("killed Ahmed Godane"): not "in Somalia"
    candidates = after[:1] + [
        after[k + 1] for k in range(min(PLACE_SCOPE_WORDS, len(after) - 1)) if after[k].lower() in _PLACE_PREPOSITIONS
    ][:1]
    # a place chosen for the event's thing: "picks Michigan for new battery plant"
    candidates += [
        item[k - 1] for k in range(max(2, at_item - 3), at_item)
        if item[k].lower() == "for" and item[k - 2].lower() in _CHOOSING_VERBS and item[k - 1][:1].isupper()
    ]
    if at_item >= 2 and item[at_item - 2].lower() in _BEFORE_A_PLACE_NOUN:
        candidates.append(item[at_item - 1])
    elif at_item >= 2 and item[at_item - 2][:1].islower() and not re.search(r"['\u2019]", item[at_item - 1]):
        # a name between a word in lower case and the event's thing modifies that thing: "opens
        # Michigan battery plant" (not "Kestrel Motors battery plant", a name of the claim's; not
        # a possessive: "shows American's execution" is someone's)
        candidates.append(item[at_item - 1])
    return candidates


_BEFORE_A_PLACE_NOUN = frozenset(["for", "at", "of", "on", "its", "new"])
_CHOOSING_VERBS = frozenset(
    ["picks", "picked", "chooses", "chose", "chosen", "selects", "selected", "taps", "tapped", "eyes", "eyed", "favours", "favors", "prefers"]
)


# A place after 在 ("in") in a Chinese claim, up to four characters, and what follows it.
_IN_PLACE_ZH_RE = re.compile(r"在([\u4e00-\u9fff]{2,6}?)(设厂|建厂|开设|开店|设立|上市|建设|投资|生产|销售|开通)")


def _another_place_zh(claim_text: str, text: str) -> str:
    """Another place after 在 before the same event in a Chinese item, the claim's place nowhere in
    it: "新华电子在印度设厂" for "新华电子将在越南设厂". "" if none."""
    if "在" not in claim_text:
        return ""
    claim, item = fold(claim_text), fold(text)
    mine = _IN_PLACE_ZH_RE.search(claim)
    if not mine or mine.group(1) in item:
        return ""
    for m in _IN_PLACE_ZH_RE.finditer(item):
        at_home = any(k in m.group(1) and v == mine.group(1) for k, v in _EXCHANGES_ZH.items())
        if m.group(2) == mine.group(2) and m.group(1) != mine.group(1) and not at_home:
            return f"'{m.group(1)}' for the claim's {mine.group(1)}"
    return ""


# A city, province or county named in Chinese by two characters and its kind: 滨海市, 江宁县.
_DIVISION_ZH_RE = re.compile(r"([\u4e00-\u9fff]{2})(市|省|县)")
# Second characters that make the pair no place ("上市" is a listing, "全市" the whole city).
_NOT_A_DIVISION_ZH = frozenset("上全城本股楼超门都该开退各同两多外级会线")


@lru_cache(maxsize=4096)  # mostly claims' texts: an item's is read only when its claim has one
def _divisions_zh(text: str) -> frozenset[str]:
    return frozenset(
        m.group(0) for m in _DIVISION_ZH_RE.finditer(fold(text)) if m.group(1)[1] not in _NOT_A_DIVISION_ZH
    )


def _another_division_zh(claim_text: str, text: str) -> str:
    """Another city, province or county than a Chinese claim's, the claim's nowhere in the item
    ("东港市中小学明日停课" for "滨海市全市中小学明日停课"); "" if none."""
    if not UNSPACED_RE.search(claim_text):
        return ""
    mine = _divisions_zh(claim_text)
    if not mine:
        return ""
    theirs = _divisions_zh(text)
    return f"'{min(theirs - mine)}' for the claim's {min(mine)}" if theirs and not theirs & mine else ""


# Stock exchanges and boards by their city: "在港交所挂牌上市" lists in Hong Kong (香港).
_EXCHANGES_ZH = {
    "港交所": "香港", "联交所": "香港", "港股": "香港", "上交所": "上海", "科创板": "上海", "沪市": "上海",
    "深交所": "深圳", "创业板": "深圳", "深市": "深圳", "北交所": "北京",
}


# What joins a route's ends in Chinese ("北京至里斯本", "上海到东京").
_ROUTE_ZH_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})[至到](?=[\u4e00-\u9fff]{2})")
ROUTE_END_CHARS = 2


def _another_route_zh(claim_text: str, text: str) -> str:
    """Another route than the claim's (Chinese): one end the same, the other another place, and
    the claim's other end nowhere in the item ("上海至里斯本" or "北京至马德里" for the claim's
    "北京至里斯本"). "" if none."""
    if "至" not in claim_text and "到" not in claim_text:
        return ""
    claim, item = fold(claim_text), fold(text)
    ends = [(claim[m.start() - ROUTE_END_CHARS : m.start()], claim[m.end() : m.end() + ROUTE_END_CHARS])
            for m in _ROUTE_ZH_RE.finditer(claim)]
    for m in _ROUTE_ZH_RE.finditer(item):
        left, right = item[m.start() - ROUTE_END_CHARS : m.start()], item[m.end() : m.end() + ROUTE_END_CHARS]
        for own_left, own_right in ends:
            if (left == own_left) != (right == own_right) and (own_left not in item or own_right not in item):
                return f"'{left}{m.group(0)}{right}' for the claim's {own_left}{m.group(0)}{own_right}"
    return ""


# Prepositions that make the claim's object the source or whole of what the event is done to:
# "buys wind farm from Morrow", "buys stake in Morrow".
_PART_PREPOSITIONS = frozenset(["from", "in", "of"])
_ARTICLES = frozenset(["a", "an", "the"])


# What one buys or sells of a company named before it rather than the company ("Tessel shares").
_NAMED_PARTS = frozenset(
    [
        "shares", "stock", "stake", "bonds", "debt", "assets", "unit", "division", "business", "brand",
        "brands", "plant", "factory", "stores", "patents", "headquarters", "beta", "demo", "trailer",
        "dlc", "expansion", "update", "sequel", "season", "edition", "tournament", "tour", "event",
    ]
)


def _another_named_object(claim: Sequence[str], at_claim: int, item: Sequence[str], at_item: int) -> str:
    """Another name right after the item's event word, sharing a word with the claim's object but
    not all of it: "cancels Ember Quest DLC" for "has cancelled Project Ember". "" if none."""
    # not the U and S of U.S.; a possessive's name is the name ("Telvari's merger": Telvari)
    own = [_unpossessed(w.lower()) for w in claim[at_claim + 1 :] if w[:1].isupper() and len(w) > 1]
    if not own or all(w in {_unpossessed(x.lower()) for x in item} for w in own):
        return ""
    if _title_cased(item):
        return ""  # a Title Case headline: its capitals name no one
    after: list[str] = []
    for w in item[at_item + 1 :]:
        if not w[:1].isupper():
            break
        after.append(w)
    shared = [w for w in after if _unpossessed(w.lower()) in own]
    others = [w for w in after if _unpossessed(w.lower()) not in own]
    if len(after) < 2 or not shared or not others:
        return ""
    return f"'{' '.join(after)}' for the claim's {' '.join(w for w in claim[at_claim + 1 :] if w[:1].isupper())}"


def _unpossessed(word: str) -> str:
    return word.removesuffix("'s").removesuffix("\u2019s")


def _a_part_after(claim: Sequence[str], at_claim: int, item: Sequence[str], at_item: int) -> str:
    """A part of the claim's object right after its name, after the item's event word ("has bought
    Tessel Networks shares"), when the claim has no such part: "" if none."""
    own = [w.lower() for w in claim[at_claim + 1 :] if w[:1].isupper()]
    if not own or own[0] not in item[at_item + 1 :]:
        return ""
    k = item.index(own[0], at_item + 1)
    while k < len(item) and item[k] in own:
        k += 1
    if k < len(item) and item[k] in _NAMED_PARTS and item[k] not in {w.lower() for w in claim}:
        return f"'{claim[at_claim + 1]} {item[k]}', not the company"
    return ""


@lru_cache(maxsize=4096)
def _claim_verb_and_object(claim_text: str) -> tuple[tuple[str, ...], int] | None:
    """A spaced claim's tokens and where its event's verb stands, when a name follows it as its
    object ("will buy Morrow Solar"); None otherwise, or for a noun's modifier ("A former
    Guantanamo prisoner")."""
    if UNSPACED_RE.search(claim_text):
        return None
    claim = tuple(_NAME_TOKEN_RE.findall(claim_text))
    at = _first_event_word(claim_text, claim, start=1)
    if at < 0 or at + 1 >= len(claim) or not claim[at + 1][:1].isupper() or claim[at - 1].lower() in _ARTICLES:
        return None
    return claim, at


def _a_thing_of_the_object(claim_text: str, title: str) -> str:
    """Something else done to than the claim's object, which stands only as its source or whole:
    "Talvik buys wind farm from Morrow Solar" (or "stake in", "unit of") for "Talvik will buy
    Morrow Solar", whose verb takes the object itself. "" if none."""
    verb_object = _claim_verb_and_object(claim_text)
    if verb_object is None:
        return ""
    claim, at_claim = verb_object
    item = _NAME_TOKEN_RE.findall(title)
    at_item = _first_event_word(claim_text, item, start=0)
    if at_item < 0:
        return ""
    target = claim[at_claim + 1].lower()
    lowered = [w.lower() for w in item]
    if part := _a_part_after(claim, at_claim, lowered, at_item):
        return part
    if other := _another_named_object(claim, at_claim, item, at_item):
        return other
    owned = lowered[at_item + 1] if at_item + 2 < len(item) else ""
    if owned in (f"{target}'s", f"{target}\u2019s") and item[at_item + 2][:1].islower():
        # "Monolune buys Quillfire's mobile studio Pipfern" for "will acquire Quillfire Games"
        thing = itertools.takewhile(lambda w: w[:1].islower() and w not in STOPWORDS, item[at_item + 2 : at_item + 5])
        return f"'{' '.join(thing)}' of {claim[at_claim + 1]}"
    if target not in lowered[at_item + 2 :]:
        return ""
    at = lowered.index(target, at_item + 2)
    between = [w for w in lowered[at_item + 1 : at - 1] if w not in STOPWORDS]
    if lowered[at - 1] not in _PART_PREPOSITIONS or not between or any(w in _claim_names(claim_text) for w in between):
        return ""
    return f"'{' '.join(between[:3])}' {lowered[at - 1]} {claim[at_claim + 1]}"


# What a name may be followed by to name a smaller thing of its own: a game's or a film's
# trailer or beta, a club's women's or youth side, a company's catalogue. Not "edition" ("Apple
# Watch Edition" is the watch) nor "expansion" (a league's is its event).
_PARTS_OF_A_NAME = frozenset(
    [
        "trailer", "trailers", "teaser", "teasers", "beta", "demo", "dlc", "soundtrack", "remaster", "academy", "women", "women's", "reserves", "juniors", "youth",
        "library", "catalogue", "catalog", "spin-off", "spinoff",
    ]
)
PART_WORDS_AFTER_NAME = 2


def _a_part_of_the_name(claim_text: str, own: str) -> str:
    """A smaller thing of one of the claim's names, a word of ``_PARTS_OF_A_NAME`` the claim does
    not say within two words after the name, wherever the name stands (``_a_part_after`` reads
    a claim's object right after its verb): "StreamRiver removes 'Crimson Dynasty' trailer" for
    the drama's removal, "Dunhollow Vale Women relocate" for the club's move. "" if none."""
    if UNSPACED_RE.search(claim_text):
        return ""
    ws = cue_words(own)
    if not _PARTS_OF_A_NAME.intersection(ws):
        return ""  # most items: nothing to look for
    names, said = _claim_names(claim_text), set(cue_words(claim_text))
    for k, w in enumerate(ws[:-1]):
        if w in names and ws[k + 1] not in names:
            part = next((p for p in ws[k + 1 : k + 1 + PART_WORDS_AFTER_NAME] if p in _PARTS_OF_A_NAME and p not in said), "")
            if part:
                return f"'{w} {part}', a part of the claim's name"
    return ""


# Event words that are only nouns: a claim whose first event word is one has no verb before it.
_NOUN_ONLY = frozenset(["plant", "factory", "plants", "factories", "store", "stores", "hub", "office", "headquarters"])


@lru_cache(maxsize=4096)
def _names_after_prepositions(claim: tuple[str, ...]) -> tuple[tuple[list[str], str], ...]:
    """A claim's names right after a preposition, with the two words before each ("Prize in")."""
    return tuple(
        ([claim[k - 2].lower(), claim[k - 1].lower()], claim[k])
        for k in range(2, len(claim))
        if _a_place_name(claim[k]) and claim[k - 1].lower() in _PLACE_PREPOSITIONS
    )


def _another_after_the_same_words(claim: Sequence[str], item: Sequence[str], names: Sequence[str]) -> str:
    """Another name where the claim has its own after the same two words ("Prize in Physics" for
    the claim's "Prize in Chemistry"), the claim's own nowhere in the item. "" if none."""
    lowered = [w.lower() for w in item]
    for before, own in _names_after_prepositions(tuple(claim)):
        if own.lower() in lowered:
            continue
        for j in range(2, len(item)):
            if lowered[j - 2 : j] == before and _a_place_name(item[j]) and not _a_form_of(item[j], names):
                return f"'{item[j]}' for the claim's {own}"
    return ""


def _another_modifier(claim_text: str, claim: Sequence[str], item: Sequence[str], folded_title: str) -> str:
    """Another name before a word of the claim's event where the claim has its own there, after
    its event's verb: "40 Boeing jets" for "will buy 40 Airbus jets" (the claim's name missing from
    the title). Not in the claim's subject ("ISIS leader", "A Florida woman")."""
    names = [w.lower() for w in claim if w[:1].isupper()]
    verb = _first_event_word(claim_text, claim, start=1)
    # a claim without a verb before its event noun ("Lumo Auto Hungary plant", an alias): the
    # name right before that noun is its modifier
    start = max(verb, 0) + 1 if verb >= 0 and claim[verb].lower() not in _NOUN_ONLY else 1
    for k in range(start, len(claim) - 1):
        own, word = claim[k], claim[k + 1]
        if verb < 0 or not _a_name_or_people(own) or _number(own.lower()) is not None or len(word) < 3:
            continue
        if not _a_place_name(own) and _title_cased(item):
            continue  # a people's word ("Brazilian market") against a Title Case title's capitals
        if own.lower()[:NAME_PREFIX] in folded_title or not _an_event_word(claim_text, word.lower()):
            continue
        for j in range(1, len(item)):
            other = item[j - 1]
            if item[j].lower() == word.lower() and _a_name_or_people(other) and (
                not any(other.lower().startswith(n[:NAME_PREFIX]) for n in names)
            ):
                return f"'{other}' for the claim's {own}"
    return ""


# Where a regulator or a name places an approval or a ban: "FDA approves" is the United States'.
_JURISDICTIONS = {
    "fda": "US", "us": "US", "u.s.": "US", "usa": "US", "america": "US", "american": "US",
    "ema": "EU", "eu": "EU", "europe": "EU", "european": "EU", "brussels": "EU",
    "mhra": "UK", "uk": "UK", "britain": "UK", "british": "UK",
    "nmpa": "China", "china": "China", "chinese": "China", "pmda": "Japan", "japan": "Japan",
    "japanese": "Japan", "tga": "Australia", "australia": "Australia", "australian": "Australia",
    "canada": "Canada", "canadian": "Canada", "india": "India", "indian": "India",
}


@lru_cache(maxsize=4096)
def _claim_jurisdictions(claim_text: str) -> frozenset[str]:
    return frozenset() if UNSPACED_RE.search(claim_text) else _jurisdictions(claim_text)


def _jurisdictions(text: str) -> frozenset[str]:
    """The jurisdictions a text names; "US" only in capitals (not the pronoun "us")."""
    return frozenset(
        _JURISDICTIONS[w.lower()]
        for w in re.findall(r"[A-Za-z.]+", text)
        if w.lower() in _JURISDICTIONS and (w.lower() not in ("us", "u.s.") or w.isupper() or w == "U.S.")
    )


def _another_jurisdiction(claim_text: str, own: str) -> str:
    """Another jurisdiction than the claim's, by its regulator or its name, the claim's named
    nowhere in the item: "FDA approves Orla Pharma's Zentiv" for "approved in the EU"."""
    mine = _claim_jurisdictions(claim_text)
    if not mine:
        return ""
    theirs = _jurisdictions(own)
    return f"'{min(theirs)}' where the claim says {min(mine)}" if mine and theirs and not mine & theirs else ""


_DOING_RE = re.compile(r"\b([a-z]+)\s+([a-z]+ing)\b")


@lru_cache(maxsize=4096)
def _claim_doings(claim_text: str) -> tuple[tuple[str, str], ...]:
    """A spaced claim's event verbs followed by a doing ("stop flying")."""
    if UNSPACED_RE.search(claim_text):
        return ()
    return tuple((v, g) for v, g in _DOING_RE.findall(claim_text.lower()) if _an_event_word(claim_text, v))


def _another_doing(claim_text: str, own: str) -> str:
    """Another doing after the claim's event verb: "stops selling Moscow tickets" for "will stop
    flying to Moscow" (the claim's doing nowhere in the item). "" if none."""
    mine = _claim_doings(claim_text)
    if not mine or "ing" not in own:
        return ""
    lowered = own.lower()
    for verb, doing in mine:
        if doing in lowered:
            continue
        for v, g in _DOING_RE.findall(lowered):
            if g != doing and families((v,)).keys() & families((verb,)).keys():
                return f"'{v} {g}' where the claim says {verb} {doing}"
    return ""


@lru_cache(maxsize=4096)
def _claim_has_event_as(claim_text: str) -> bool:
    """Whether a spaced claim's event word is followed by "as" ("cast as the new James Bond")."""
    if UNSPACED_RE.search(claim_text) or " as " not in claim_text.lower():
        return False
    ws = cue_words(claim_text)
    return any(ws[k + 1] == "as" and _an_event_word(claim_text, ws[k]) for k in range(len(ws) - 1))


def _another_as(claim_text: str, own: str) -> str:
    """Another part after "as" than the claim's, after its event word: "Ben Hale cast as Bond
    villain" for "has been cast as the new James Bond". "" if none."""
    if " as " not in own.lower() or not _claim_has_event_as(claim_text):
        return ""
    ws = cue_words(own)
    claim_terms = _claim_terms(claim_text)
    for k in range(len(ws) - 2):
        if ws[k + 1] == "as" and _an_event_word(claim_text, ws[k]):
            other = [w for w in ws[k + 2 : k + 5] if w not in STOPWORDS and term(w) not in claim_terms and w.isalpha()]
            if other:
                return f"'{ws[k]} as ... {other[0]}', not the claim's part"
    return ""


# A closing for a time ("closes Leicester bakery for a week") is not the closing a claim means.
_CLOSING_FAMILIES = frozenset(families(("close",)).keys())
_TEMPORARY_RE = re.compile(
    r"\b(?:temporarily|for (?:a|the|one|two|three|several) (?:day|days|week|weeks|weekend|month)"
    r"|for (?:repairs|refurbishment|renovations?|maintenance|cleaning|inspections?)|until (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|tomorrow|next week))\b",
    re.IGNORECASE,
)


def _another_event(claim_text: str, own: str) -> str:
    """Another event on the claim's thing, the claim's own event's words nowhere in the item: "to
    open 40 new branches" for "will close 40 branches" (``cues.OTHER_EVENTS``); "" if none."""
    if UNSPACED_RE.search(claim_text):
        return ""
    if (
        _event_families(claim_text) & _CLOSING_FAMILIES
        and (temporary := _TEMPORARY_RE.search(own))
        and not _TEMPORARY_RE.search(claim_text)
    ):
        return f"'{temporary.group(0)}', a closing for a time, not the claim's"
    lowered = own.lower()
    if ("hir" in lowered or "recruit" in lowered or "adds jobs" in lowered) and _object_missing(claim_text, own, numbers=False):
        hiring = cuelib.contrary(_event_families(claim_text), fold(claim_text), own)
        if hiring in _HIRING:
            return f"'{hiring}', another event than the claim's"  # "hires 1,200 cabin crew" for "will cut 1,200 jobs"
    if not cuelib.has_other_event(_event_families(claim_text)) and not any(p in lowered for p in _PLAN_STEMS):
        return ""  # nothing to find: most claims and items
    named_only = _named_only(claim_text, own)
    if not (named_only or _object_missing(claim_text, own)):
        return ""
    phrase = cuelib.other_event(_event_families(claim_text), own)
    if phrase and not named_only and " " not in phrase:
        return ""  # with the event's own word, only a phrase says what else it is done to ("in debt")
    if phrase and phrase in _contrary(claim_text, own)[0]:
        return ""  # "will stay open" says the opposite of closing (``_contrary``), not another event
    if not phrase and named_only:
        if any(h.kind in ("reversal", "reversal_of") for _, h in _hits(own)):
            return ""  # a plan reversed ("throws out stadium plan") is read by the reversal
        # "Louvre renovation plan unveiled": a plan noun after a word of the claim, not a verb ("plans to")
        ws, claim_terms = re.findall(r"[^\W\d_]+", own.lower()), _claim_terms(claim_text)
        plan = next(
            (w for k, w in enumerate(ws) if k and w in _PLAN_NOUNS and term(ws[k - 1]) in claim_terms
             and ws[k + 1 : k + 2] != ["to"] and w not in claim_terms),
            "",
        )
        return f"'{ws[ws.index(plan) - 1]} {plan}', the event's plan, not the event" if plan else ""
    return f"'{phrase}', another event than the claim's" if phrase else ""


def _object_missing(claim_text: str, own: str, numbers: bool = True) -> bool:
    """Whether none of the claim's lower-case words but its event's own ("subscription prices" of
    "will raise subscription prices") is in the item, when it has some. ``numbers``: False to
    leave the claim's numbers out ("jobs" of "will cut 1,200 jobs")."""
    lower = [t for t in _claim_object_terms(claim_text) if numbers or not t.isdigit()]
    if not lower:
        return False
    item_terms = {term(w) for w in cue_words(own)}
    return not any(t in item_terms for t in lower)


@lru_cache(maxsize=4096)
def _claim_object_terms(claim_text: str) -> tuple[str, ...]:
    """The terms of a claim's lower-case words but its event's own and its names."""
    families_ = _event_families(claim_text)
    names = _claim_names(claim_text)
    return tuple(
        term(w) for w in cue_words(claim_text)
        if w not in STOPWORDS and w not in names and not families((w,)).keys() & families_
    )


# What names an event's plan rather than the event, in an item without the event's own words.
_PLAN_NOUNS = frozenset(["plan", "plans", "proposal", "proposals", "blueprint", "blueprints", "scheme", "schemes"])
_PLAN_STEMS = ("plan", "proposal", "blueprint", "scheme")


# A passive claim's agent: "will be acquired by Norland Group".
_BY_AGENT_RE = re.compile(r"\b(?:be|been|was|were|is|are|being)\s+([a-z]+)\s+by\s+[A-Z]")
_BE_BEFORE = frozenset(["be", "been", "was", "were", "is", "are", "being", "get", "gets", "got"])


def _patient_acts(claim_text: str, title: str) -> str:
    """The claim's subject doing what the claim says is done to it by another: "Kestrel Bank
    acquired Norland's mortgage book" for "Kestrel Bank will be acquired by Norland Group" (its
    event word active, not after "be" nor before "by"). "" if not."""
    m = _BY_AGENT_RE.search(claim_text)
    if m is None and (m := _PASSIVE_NAMED_RE.search(claim_text)) is not None:
        return _undergoer_acts(claim_text, title, m)
    if m is None or UNSPACED_RE.search(claim_text):
        return ""
    subject = [w.lower() for w in _NAME_TOKEN_RE.findall(claim_text[: m.start()]) if w[:1].isupper()]
    ws = [w.lower() for w in _NAME_TOKEN_RE.findall(title)]
    if not subject or ws[: len(subject)] != subject:
        return ""  # the title opens with the claim's whole subject
    verb = _active_event_word(claim_text, ws, len(subject))
    return f"'{verb}' done by the claim's {subject[0].title()}, not to it" if verb else ""


# A named subject undergoing the claim's event, no agent named: "Bishop Tolan Verhey is removed".
_PASSIVE_NAMED_RE = re.compile(r"(?<=[A-Za-z]) (?:is|was|has been|will be|were|are|have been)\s+([a-z]+(?:ed|en))\b")


def _undergoer_acts(claim_text: str, title: str, passive: re.Match[str]) -> str:
    """``_patient_acts`` for a claim without its agent: the title opens with the claim's subject
    or a shorter name of it, its capitalised words all the claim's, then the claim's own verb in
    the present ("Bishop Verhey removes parish priest" for "Bishop Tolan Verhey is removed from
    office"). Not a verb in -ed: headlines leave out "is" ("Ray Hull arrested in Madrid")."""
    subject = [w.lower() for w in _NAME_TOKEN_RE.findall(claim_text[: passive.start()]) if w[:1].isupper()]
    tokens = _NAME_TOKEN_RE.findall(title)
    opening = [w.lower() for w in itertools.takewhile(lambda w: w[:1].isupper(), tokens)]
    if not opening or len(opening) > len(subject) or not set(opening) <= set(subject) - {"the"}:
        return ""
    verb = tokens[len(opening)].lower() if len(tokens) > len(opening) else ""
    done = passive.group(1)
    if not verb.endswith("s") or (term(verb) != term(done) and verb[:-1] not in (done[:-1], done[:-2])):
        return ""  # (the stemmer keeps "fired" whole: "fires" is its verb by its letters)
    return f"'{verb}' done by the claim's {opening[-1].title()}, not to it"


def _active_event_word(claim_text: str, ws: Sequence[str], start: int) -> str:
    """The claim's event word within three words after ``start`` (where a name that opens the
    line ends), said actively: not after "be" nor before "by", in -ed, -es or -s. "" if none."""
    k = start
    while k < min(len(ws), start + 3) and not _an_event_word(claim_text, ws[k]):
        k += 1
    if k >= len(ws) or not _an_event_word(claim_text, ws[k]):
        return ""
    if ws[k - 1] in _BE_BEFORE or ws[k + 1 : k + 2] == ["by"] or not ws[k].endswith(("ed", "es", "s")):
        return ""
    return ws[k]


# Events whose two parties can swap places and say the same ("Y marries X" for "X will marry Y").
_SYMMETRIC = frozenset(["marri", "marry", "wed", "divorc", "meet", "date", "merg", "partner", "split", "reunit", "settl"])


@lru_cache(maxsize=4096)
def _plain_claim(claim_text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A claim said plainly: its subject's names, "will" or "to" (or a verb in -s or -ed), its
    event verb, its object's names ("Veltra will acquire Norsk Cloud": veltra; norsk, cloud). Empty
    when it is not, or when the event's parties can swap places (marry, merge, partner)."""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    at = next((k for k, w in enumerate(claim) if w.islower() and _an_event_word(claim_text, w)), -1)
    if at <= 0 or UNSPACED_RE.search(claim_text) or any(term(claim[at]).startswith(v) for v in _SYMMETRIC):
        return (), ()
    k = at - 1
    if claim[k] in _CLAIM_AUXILIARIES:
        k -= 1
    elif not claim[at].endswith(("s", "ed")):
        return (), ()
    subject: list[str] = []
    while k >= 0 and claim[k][:1].isupper():
        subject.insert(0, claim[k].lower())
        k -= 1
    if k >= 0 and claim[k].lower() in _ARTICLES:
        return (), ()  # a description ("is a Londoner named Mohammed Emwazi"), not a subject acting
    obj: list[str] = []
    for w in claim[at + 1 :]:
        if not w[:1].isupper():
            break
        obj.append(w.lower())
    return (tuple(subject), tuple(obj)) if subject and obj else ((), ())


def _object_acts(claim_text: str, line: str) -> str:
    """The claim's object doing the claim's event, its subject absent: "Norsk Cloud acquires Danish
    startup" for "Veltra will acquire Norsk Cloud" (``_plain_claim``): the line opens with the
    object's names, the event word follows within three words, active (not after "be" nor before
    "by"). "" if not."""
    subject, obj = _plain_claim(claim_text)
    ws = [w.lower() for w in _NAME_TOKEN_RE.findall(line)]
    if not obj or tuple(ws[: len(obj)]) != obj or set(subject) & set(ws):
        return ""
    verb = _active_event_word(claim_text, ws, len(obj))
    return f"'{verb}' done by the claim's {obj[0].title()}, not by {subject[-1].title()}" if verb else ""


# What stands between a plain claim's subject and its event verb ("Veltra will acquire").
_CLAIM_AUXILIARIES = frozenset(["will", "to", "has", "have", "had", "would", "could", "may", "might", "plans", "set"])


# Second words of a company's name that say what kind of company it is.
_ORGANISATION_WORDS = frozenset(
    [
        "bank", "group", "insurance", "motors", "airlines", "airways", "air", "energy", "foods", "holdings",
        "capital", "media", "telecom", "pharma", "technologies", "tech", "systems", "games", "studios",
        "mobile", "networks", "solar", "power", "steel", "mining", "logistics", "retail", "labs", "bio",
        "health", "financial", "securities", "investments", "partners", "ventures", "entertainment",
        "electric", "electronics", "robotics", "software", "shipping", "auto", "automotive",
    ]
)


def _event_by_another(claim_text: str, title: str) -> str:
    """The claim's event named as a noun and done by someone the claim does not name: "K-Lux sues
    nightclub over assault by bouncer" for "K-Lux has been charged with assault". "" if not; not
    for a claim that names its own agent ("killed by ISIS")."""
    if " by " not in title.lower() or UNSPACED_RE.search(claim_text) or re.search(r"\bby\b", claim_text, re.IGNORECASE):
        return ""
    ws = cue_words(title)
    claim_terms = _claim_terms(claim_text)
    for k in range(len(ws) - 2):
        if ws[k + 1] != "by" or ws[k].endswith("ed") or not _an_event_word(claim_text, ws[k]):
            continue
        j = k + 2
        while j < len(ws) - 1 and ws[j] in _ARTICLES:
            j += 1
        if ws[j] in _AGENTS and term(ws[j]) not in claim_terms:
            return f"{ws[k]} by {ws[j]}"
    return ""


# People who may do the claim's event to its subject ("assault by bouncer"): the people of
# ``_SOMEONE`` and those one meets in such stories. A closed list: "by playing", "by helmet",
# "by Taliban" name a way, a thing or a group the claim may name otherwise.
_AGENTS = _SOMEONE | frozenset(
    [
        "bouncer", "bouncers", "police", "rival", "rivals", "neighbour", "neighbor", "neighbours", "neighbors",
        "partner", "husband", "wife", "boyfriend", "girlfriend", "stranger", "strangers", "teammate",
        "opponent", "opponents", "attacker", "attackers", "mob", "crowd", "passenger", "passengers",
    ]
)


@lru_cache(maxsize=4096)
def _claim_organisations(claim_text: str) -> tuple[tuple[str, str], ...]:
    """A claim's two-word company names whose second word says what kind of company it is."""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    return tuple(
        (a, b) for a, b in zip(claim, claim[1:], strict=False) if _a_place_name(a) and b.lower() in _ORGANISATION_WORDS
    )


def _another_of_the_name(claim_text: str, title: str) -> str:
    """Another organisation sharing the first word of a claim's two-word name: "Kestrel Insurance"
    for the claim's Kestrel Bank, whose second word is nowhere in the title. "" if none."""
    pairs = _claim_organisations(claim_text)
    if not pairs:
        return ""
    folded = title.lower()
    item = _NAME_TOKEN_RE.findall(title)
    lowered = [w.lower() for w in item]
    if _title_cased(item):
        return ""  # a Title Case headline: its capitals name no one
    for a, b in pairs:
        if b.lower()[:NAME_PREFIX] in folded:
            continue
        for j in range(len(item) - 1):
            if lowered[j] == a.lower() and lowered[j + 1] in _ORGANISATION_WORDS and item[j + 1][:1].isupper():
                return f"'{item[j]} {item[j + 1]}' for the claim's {a} {b}"
    return ""


_WITH_RE = re.compile(r"\b([a-z]+)\s+with\s+([a-z]+)")


def _another_with(claim_text: str, own: str) -> str:
    """Another thing after the claim's event word and "with" ("charged with speeding" for "charged
    with assault"; "diagnosed with flu" for "with cancer"), the claim's own nowhere in the item.
    "" if none."""
    if UNSPACED_RE.search(claim_text):
        return ""
    claimed = {(term(a), b) for a, b in _WITH_RE.findall(claim_text.lower()) if _an_event_word(claim_text, a)}
    if not claimed:
        return ""
    lowered = own.lower()
    for a, b in _WITH_RE.findall(lowered):
        for verb, thing in claimed:
            if term(a) == verb and b != thing and b not in STOPWORDS and thing[:NAME_PREFIX] not in lowered:
                return f"'{a} with {b}' for the claim's {thing}"
    return ""


# A route's two ends: "between Manchester and Tokyo", "from Manchester to Tokyo",
# "Manchester-Tokyo", "Manchester to Tokyo".
_PLACE = r"([A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?)"
_ROUTE_RE = re.compile(
    rf"\bbetween\s+{_PLACE}\s+and\s+{_PLACE}|\bfrom\s+{_PLACE}\s+to\s+{_PLACE}|{_PLACE}\s?[-\u2013]\s?{_PLACE}|{_PLACE}\s+to\s+{_PLACE}"
)


def _routes(text: str, spelled_out: bool = False) -> list[tuple[str, str]]:
    """The routes a text names; ``spelled_out``: only "between ... and", "from ... to" (a
    claim's: "Hewlett-Packard" is no route)."""
    out = []
    for m in _ROUTE_RE.finditer(text):
        if spelled_out and not m.group(0).lower().startswith(("between", "from")):
            continue
        ends = [g for g in m.groups() if g]
        if len(ends) == 2:
            out.append((ends[0], ends[1]))
    return out


@lru_cache(maxsize=4096)
def _claim_routes(claim_text: str) -> tuple[tuple[str, str], ...]:
    return tuple(_routes(claim_text, spelled_out=True))


def _another_route(claim_text: str, own: str) -> str:
    """A route with one end of the claim's and another place at the other ("launches
    Manchester-Seoul route" for "direct flights between Manchester and Tokyo"), the claim's other
    end nowhere in the item. "" if none."""
    if UNSPACED_RE.search(claim_text):
        return ""
    mine = _claim_routes(claim_text)
    if not mine:
        return ""
    lowered = own.lower()
    for a, b in _routes(own):
        for x, y in mine:
            ends, claimed = {a.lower(), b.lower()}, {x.lower(), y.lower()}
            shared, other = ends & claimed, ends - claimed
            missing = claimed - ends
            if len(shared) == 1 and len(other) == 1 and all(m[:NAME_PREFIX] not in lowered for m in missing):
                (o,) = other
                if _a_place_name(o.split()[0].capitalize()):
                    return f"'{a}-{b}' for the claim's {x}-{y}"
    names = _claim_names(claim_text)
    for x, y in mine:
        present = [e for e in (x, y) if e.lower()[:NAME_PREFIX] in lowered]
        if len(present) != 1:
            continue
        # one end named, the other missing, another place after "from" or "to": "adds more
        # Tokyo flights from London Heathrow" for "between Manchester and Tokyo"
        for m in re.finditer(rf"\b(?:from|to)\s+{_PLACE}", own):
            first = m.group(1).split()[0]
            if _a_place_name(first) and first.lower() not in names and not _a_form_of(first.lower(), list(names)):
                return f"'{m.group(0)}' for the claim's {x}-{y}"
    return ""


_OWNED_NAME_RE = re.compile(r"\b([A-Z][^\W\d_]+)['\u2019]s\s+((?:[a-z][^\W\d_]*\s+){0,4})([A-Z][^\W\d_]+)")


def _another_of_its_names(claim_text: str, own: str) -> str:
    """Another named thing of the claim's owner where the claim names its own ("FDA approves
    Velora Pharma's migraine drug Corvina" for "... approved Velora Pharma's Tenlixa"; "Telvari's
    purchase of fibre firm NetSpan" for "Telvari's merger with LinkWave"), the claim's nowhere in
    the item. "" if none."""
    if UNSPACED_RE.search(claim_text):
        return ""
    lowered = own.lower()
    for m in _OWNED_NAME_RE.finditer(claim_text):
        owner, thing = m.group(1).lower(), m.group(3)
        if thing.lower()[:NAME_PREFIX] in lowered or {"the", "a", "an", "its", "their"} & set(m.group(2).split()):
            continue  # the claim's thing ("Tenlixa", "merger with LinkWave") named here; a clause between
        for n in _OWNED_NAME_RE.finditer(own):
            other = n.group(3)
            if n.group(1).lower() == owner and _a_place_name(other) and other.lower() not in _claim_names(claim_text):
                return f"'{n.group(0)}' for the claim's {thing}"
    return ""


# A run of capitalised words (a name): "Digital Lending Bill", "Harlow City".
_NAME_RUN_RE = re.compile(r"(?:[A-Z][^\W\d_]+\s+){1,3}[A-Z][^\W\d_]+")


def _another_of_the_same_kind(claim_text: str, own: str) -> str:
    """Another name of the same kind as one of the claim's, by its last word ("Data Protection
    Bill" for the claim's "Digital Lending Bill", "Norwich City" for "Harlow City"), the claim's
    name not whole in the item. Not in a title written in Title Case, where
    every word looks like a name. "" if none."""
    kinds = _claim_runs_of_a_kind(claim_text)
    if not kinds or _title_cased(_NAME_TOKEN_RE.findall(own)):
        return ""
    lowered = own.lower()
    names = _claim_names(claim_text)
    for run_text, head, rest in kinds:
        if all(w[:NAME_PREFIX] in lowered for w in rest):
            continue
        for n in _NAME_RUN_RE.finditer(own):
            other = [w.lower() for w in n.group(0).split()]
            # a word of its own, and not all of the claim's: "Clean Air Amendments Act" for the
            # claim's "Clean Rivers Act" (not "Rivers Act", its short form)
            if other[-1] == head and set(other[:-1]) - names - STOPWORDS and not set(rest) <= set(other[:-1]):
                return f"'{n.group(0)}' for the claim's {run_text}"
    return ""


@lru_cache(maxsize=4096)
def _claim_runs_of_a_kind(claim_text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """A spaced claim's names ending in a word of ``_KIND_HEADS``: (the name, its last word, its
    other words but stopwords)."""
    if UNSPACED_RE.search(claim_text):
        return ()
    out = []
    for m in _NAME_RUN_RE.finditer(claim_text):
        run = m.group(0).split()
        head, rest = run[-1].lower(), tuple(w.lower() for w in run[:-1] if w.lower() not in STOPWORDS)
        if head in _KIND_HEADS and rest:
            out.append((m.group(0), head, rest))
    return tuple(out)


# Who did it, after "by": "fined by the Financial Conduct Authority".
_BY_DOER_RE = re.compile(r"\bby\s+(?:the\s+)?((?:[A-Z][^\W\d_]+\s*)(?:(?:of\s+|for\s+)?[A-Z][^\W\d_]+\s*){0,4})")


def _another_agent(claim_text: str, own: str) -> str:
    """Another doer after "by" than the claim's ("Northvale Bank fined by Central Bank of Ireland"
    for "... was fined by the Financial Conduct Authority"), none of the claim's doer's words in
    the item. "" if none."""
    if UNSPACED_RE.search(claim_text) or " by " not in own:
        return ""
    mine = _BY_DOER_RE.search(claim_text)
    theirs = _BY_DOER_RE.search(own)
    if not mine or not theirs:
        return ""
    lowered = own.lower()
    own_words = [w for w in cue_words(mine.group(1)) if w not in STOPWORDS]
    if not own_words or any(w[:NAME_PREFIX] in lowered for w in own_words):
        return ""
    other = [w for w in cue_words(theirs.group(1)) if w not in STOPWORDS]
    if set(other) - _claim_names(claim_text) and not _title_cased(_NAME_TOKEN_RE.findall(own)):
        return f"'by {theirs.group(1).strip()}' for the claim's {mine.group(1).strip()}"
    return ""


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?![\ds])")  # not a decade: "the 1970s"


def _another_year(claim_text: str, own: str) -> str:
    """Another year where the claim names one, the claim's nowhere in the item ("Porto drops bid
    for 2030 Youth Olympic Games" for "... bid to host the 2036 Olympics"). "" if none."""
    mine = set(_YEAR_RE.findall(claim_text))
    if not mine:
        return ""
    theirs = set(_YEAR_RE.findall(own))
    other = sorted(theirs - mine)
    return f"'{other[0]}' for the claim's {min(mine)}" if other and not mine & theirs else ""


_WORK_RE = re.compile(r"\b(spin-off|spinoff|spin off|prequel|sequel|reboot|remake)\b", re.IGNORECASE)


def _another_work(claim_text: str, own: str) -> str:
    """Another work than the claim's, made from it: "Northwave cancels 'Harbour Nights' spin-off"
    for "Harbour Lights cancelled by Northwave TV"; or another title in Chinese title marks
    (《幻境传说》 for 《幻境传说2》). "" if none, or when the claim names one."""
    m = _WORK_RE.search(own)
    if m and not _WORK_RE.search(claim_text):
        return f"'{m.group(1)}', not the claim's"
    mine = frozenset(_TITLE_MARKS_RE.findall(claim_text)) if "《" in claim_text else frozenset()
    theirs = frozenset(_TITLE_MARKS_RE.findall(own)) if mine and "《" in own else frozenset()
    return f"《{min(theirs)}》 where the claim says 《{min(mine)}》" if theirs and not mine & theirs else ""


# A title in Chinese title marks: 《雾港》.
_TITLE_MARKS_RE = re.compile(r"《([^《》]{1,40})》")


# Words placing something beside the claim's place or thing, not at it.
_NEAR_WORDS = ("near", "next to", "outside", "beside", "opposite")
_NEAR = rf"(?:{'|'.join(_NEAR_WORDS)})"


def _only_near(claim_text: str, own: str) -> str:
    """The claim's place or thing named only as what something else is near ("Curfew imposed in
    Bellhaven, near Port Selwyn"; "Training ground next to Fenming Stadium renamed"). Not in a
    Title Case title ("Close to Acquiring Path"). "" if not."""
    lowered = own.lower()
    if not any(f"{w} " in lowered for w in _NEAR_WORDS) or UNSPACED_RE.search(claim_text):
        return ""  # most titles have none of the words: the cheap test first
    if _title_cased(_NAME_TOKEN_RE.findall(own)):
        return ""
    names = [w for w in _NAME_TOKEN_RE.findall(claim_text) if w[:1].isupper() and w.lower() not in STOPWORDS]
    for name in names[:4]:
        everywhere = len(re.findall(rf"\b{re.escape(name)}\b", own))
        near = len(re.findall(rf"\b{_NEAR}\s+(?:[A-Z][^\W\d_]+\s+){{0,2}}{re.escape(name)}\b", own))
        if everywhere and near == everywhere:
            return f"'near {name}', not at it"
    return ""


# Things a Chinese claim names by a place or name of two characters before them: 舟岛航线.
_NAMED_THINGS_ZH = ("航线", "工厂", "门店", "基地", "项目", "分行", "校区", "园区", "线路", "分公司")


def _another_named_thing_zh(claim_text: str, text: str) -> str:
    """Another name before the claim's thing in a Chinese item ("蓝湾轮渡宣布停航鹭岛航线" for
    "蓝湾轮渡停航舟岛航线"), the claim's nowhere in it. "" if none."""
    if not UNSPACED_RE.search(claim_text):
        return ""
    claim, item = fold(claim_text), fold(text)
    for thing in _NAMED_THINGS_ZH:
        at, seen = claim.find(thing), item.find(thing)
        if at < 2 or seen < 2:
            continue
        mine, theirs = claim[at - 2 : at], item[seen - 2 : seen]
        if mine not in item and theirs not in claim and all(UNSPACED_RE.match(c) for c in theirs):
            return f"'{theirs}{thing}' for the claim's {mine}{thing}"
    return ""


# 另一款 ("another model of"), 另一家, 另一项 ...: another one than the claim's.
_ANOTHER_ONE_ZH_RE = re.compile(r"另(?:外)?一(?:款|家|个|项|部|只|座|种|批|条|辆|架|份|起|宗|笔|名|位)")


def _another_one_zh(claim_text: str, text: str) -> str:
    """Another one of the claim's kind in a Chinese item ("FDA批准维洛拉制药另一款偏头痛新药上市"
    for the approval of its Tenlixa), the claim not speaking of another itself. "" if none."""
    if "另" in claim_text or not (m := _ANOTHER_ONE_ZH_RE.search(text)):
        return ""
    return f"'{m.group(0)}' (another one), not the claim's"


# An ordinal and the characters after it: 第三人民医院 ("the Third People's Hospital").
_ORDINAL_ZH_RE = re.compile(r"第([一二三四五六七八九十百\d]{1,4})([\u4e00-\u9fff]{2})")


def _another_ordinal_zh(claim_text: str, text: str) -> str:
    """Another numbered one of the claim's kind first in a Chinese item: "青岚市第四人民医院宣布关闭"
    for "青岚市第三人民医院将关闭" (the third may be named later, taking the fourth's patients).
    "" if none."""
    if "第" not in claim_text or "第" not in text or not (mine := _ORDINAL_ZH_RE.search(claim_text)):
        return ""
    first = next((m for m in _ORDINAL_ZH_RE.finditer(text) if m.group(2) == mine.group(2)), None)
    if first is None or first.group(1) == mine.group(1):
        return ""
    return f"'{first.group(0)}' where the claim says {mine.group(0)}"


# "his other startup", "Mehta's other firm", "another of its brands": something of the subject's
# that is not the claim's.
_ITS_OTHER_RE = re.compile(
    r"\b(?:(?:his|her|its|their|[^\W\d_]+['\u2019]s)\s+other|another\s+of\s+(?:his|her|its|their))\s+[^\W\d_]+",
    re.IGNORECASE,
)


def _its_other(claim_text: str, own: str) -> str:
    """Another thing of the subject's where the event happens ("Arjun Mehta cuts jobs at his
    other startup" for "will cut jobs at Zylo"), the claim not speaking of another itself. "" if
    none."""
    if "other" not in own.lower() or UNSPACED_RE.search(claim_text) or {"other", "another"} & set(cue_words(claim_text)):
        return ""
    m = _ITS_OTHER_RE.search(own)
    return f"'{m.group(0).strip()}', not the claim's" if m else ""


# Words before a thing that say no kind of it ("its new phone", "the first foldable").
_NO_KIND = frozenset(["new", "first", "latest", "own", "next", "long-awaited", "much-anticipated", "much-awaited", "updated"])


def _another_kind(claim_text: str, own: str) -> str:
    """Another kind of the claim's thing as the object of its event verb: "launches budget phone"
    for "will launch a foldable phone" (the claim's word for its kind nowhere in the item), or
    another thing there altogether ("launches new tablet"; the claim's thing nowhere in it). Only
    for a claim whose verb takes "[a] kind thing" in lower case (a name is ``_another_modifier``'s
    and may name the claim's thing), and only right after the item's verb of the same family.
    "" if none."""
    if UNSPACED_RE.search(claim_text):
        return ""
    parts = _verb_kind_thing(claim_text)
    if parts is None:
        return ""
    verb, kind, thing = parts
    text = own.lower()
    if kind and kind[:NAME_PREFIX] in text:
        return ""
    for clause in re.split(r"[,;:.!?\u2014\u2013]|\s-\s", own):
        item = _NAME_TOKEN_RE.findall(clause)
        for k, word in enumerate(item):
            same_verb = word[:1].islower() and families((word.lower(),)).keys() & families((verb,)).keys()
            if same_verb and (found := _another_kind_after(claim_text, item, k, kind, thing, text)):
                return found
    return ""


def _another_kind_after(claim_text: str, item: list[str], k: int, kind: str, thing: str, text: str) -> str:
    """``_another_kind`` after the item's verb at ``k``: the word after its determiners, when it
    is another kind of the claim's thing, or another thing (the claim's nowhere in ``text``)."""
    j = k + 1
    while j < len(item) and item[j].lower() in _DETERMINERS | _NO_KIND:
        j += 1
    if j >= len(item) or not _a_kind_word(claim_text, item[j]):
        return ""
    if not kind:
        # the claim's thing has no kind: only another thing altogether ("bans e-scooters" for
        # "bans cars"), the claim's nowhere in the item; a plural for a plural ("shot dead",
        # "shot nearly" are no things)
        while len(item[j]) == 1 and j + 1 < len(item):
            j += 1  # "e" of "e-scooters"
        other = item[j].lower()
        plural = thing.endswith("s") and other.endswith("s") and len(other) > 3
        if plural and thing[:NAME_PREFIX] not in text and not _an_event_word(claim_text, other):
            return f"'{item[k]} {item[j]}' for the claim's {thing}"
        return ""
    if j + 1 < len(item) and term(item[j + 1].lower()) == term(thing):
        return f"'{item[j]} {item[j + 1]}' for the claim's {kind} {thing}"
    # kinds joined by "and" or "or": "cuts music and drama courses"
    joined = next((x for x in range(j + 2, min(j + 5, len(item))) if term(item[x].lower()) == term(thing)), -1)
    between = item[j + 1 : joined]
    if joined > 0 and {"and", "or"} & {w.lower() for w in between} and all(
        w.lower() in ("and", "or") or _a_kind_word(claim_text, w) for w in between
    ):
        return f"'{' '.join(item[j : joined + 1])}' for the claim's {kind} {thing}"
    if term(item[j].lower()) == term(thing) and item[j + 1 : j + 2] in (["on"], ["for"]) and j + 2 < len(item):
        # the thing, then another kind after "on" or "for": "raises rates on easy-access savings
        # accounts" for "raises mortgage rates"
        return f"'{' '.join(item[j : j + 3])}' for the claim's {kind} {thing}"
    if thing[:NAME_PREFIX] not in text and not _an_event_word(claim_text, item[j].lower()):
        return f"'{item[k]} {item[j]}' for the claim's {kind} {thing}"
    return ""


_DETERMINERS = frozenset(["a", "an", "the", "its", "their", "his", "her", "two", "three", "several"])


@lru_cache(maxsize=4096)
def _verb_kind_thing(claim_text: str) -> tuple[str, str, str] | None:
    """A claim's event verb and its object as "[a] kind thing", all in lower case ("launch",
    "foldable", "phone" of "Lumo will launch a foldable phone in March"), or None."""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    at = _first_event_word(claim_text, claim, start=1)
    if at < 0 or not families((claim[at].lower(),)):
        return None
    j = at + 1
    while j < len(claim) and claim[j].lower() in _DETERMINERS | _NO_KIND:
        j += 1
    if j >= len(claim) or not _a_kind_word(claim_text, claim[j]):
        return None
    if j + 1 == len(claim) or claim[j + 1].lower() in STOPWORDS:
        # the thing alone, no kind of it: "bans cars from its city centre"
        return (claim[at].lower(), "", claim[j].lower()) if _an_event_word(claim_text, claim[j].lower()) else None
    kind, thing = claim[j].lower(), claim[j + 1].lower()
    if not thing.isalpha() or not thing[:1].islower() or not _an_event_word(claim_text, thing):
        return None
    return claim[at].lower(), kind, thing


def _a_kind_word(claim_text: str, word: str) -> bool:
    """A word in lower case that may say a kind of thing: letters only, no stopword, no word of
    the claim's event verb's family."""
    low = word.lower()
    return word[:1].islower() and word.replace("-", "").isalpha() and low not in STOPWORDS and low not in _NO_KIND


def _first_two_word_name(claim_text: str) -> tuple[str, str] | None:
    """The last two words of the claim's first run of two or more capitalised words ("Elon Vance"
    in "Tech founder Elon Vance has been arrested in Texas"), None if it has none."""
    run: list[str] = []
    for w in [*_NAME_TOKEN_RE.findall(claim_text), ""]:
        if w[:1].isupper():
            run.append(w)
            continue
        if len(run) >= 2:
            return run[-2], run[-1]
        run = []
    return None


def _company_of_the_name(claim_text: str, title: str) -> str:
    """A company named after a person the claim is about, the person's first name nowhere in the
    title: "Vance Labs executive arrested" for "Tech founder Elon Vance has been arrested". Only
    for a claim whose names hold no organisation word (a person's). "" if none."""
    person = _first_two_word_name(claim_text)
    if not person or {w.lower() for w in person} & _ORGANISATION_WORDS:
        return ""
    item = _NAME_TOKEN_RE.findall(title)
    if _title_cased(item):
        return ""
    lowered = [w.lower() for w in item]
    first, last = person
    if first.lower() in lowered:
        return ""
    for j in range(len(item) - 1):
        if lowered[j] == last.lower() and lowered[j + 1] in _ORGANISATION_WORDS and item[j + 1][:1].isupper():
            return f"'{item[j]} {item[j + 1]}', a company of the claim's {first} {last}"
    return ""


def _a_name_or_people(word: str) -> bool:
    """``_a_place_name``, or a demonym ("Brazilian market", "Argentine market")."""
    return word[:1].isupper() and not word.isupper() and word.lower() not in _NOT_PLACES


def _a_place_name(word: str) -> bool:
    """Whether a word may name a place or thing: capitalised, not in capitals ("UK"), not a time
    or a stopword, not a demonym ("Scottish")."""
    low = word.lower()
    return word[:1].isupper() and not word.isupper() and low not in _NOT_PLACES and not _DEMONYM_RE.search(low)


# "keeps Welsh branches open": the object between, read as "keeps open".
_KEPT_OPEN_RE = re.compile(r"\b(keeps?|kept|keeping)\s+(?:[^\W\d_]+\s+){1,3}open\b", re.IGNORECASE)


_FROZEN_RE = re.compile(
    r"\b(?:hiring|recruitment|recruiting)\s+(?:freeze|pause|halt|slowdown)\b"
    r"|\b(?:freezes?|froze|frozen|freezing|pauses?|paused|halts?|halted|suspends?|suspended|slows?|slowed)\s+"
    r"(?:its\s+|all\s+|new\s+)*(?:hiring|recruitment|recruiting)\b",
    re.IGNORECASE,
)


_CANCEL_FAMILIES = frozenset(families(("cancel",)).keys())
_RUNS_AS_PLANNED = frozenset(
    [
        "as normal", "as planned", "as scheduled", "will operate", "operating normally", "operate normally",
        "running normally", "run normally", "adds", "added", "adding", "extra", "more flights",
    ]
)
# What is called off when services run as planned: a disruption.
_DISRUPTION_RE = re.compile(
    r"\b(?:strikes?|walkouts?|stoppages?|industrial action|protests?|boycotts?|lockouts?|blockades?|shutdowns?)\b",
    re.IGNORECASE,
)


_HIRING = frozenset(["hiring", "hires", "to hire", "hire", "recruit", "recruits", "recruiting", "adds jobs", "add jobs"])


def _contrary(claim_text: str, text: str) -> tuple[str, bool]:
    """A phrase of the item saying the opposite of the claim's event ("" if none), and whether
    the item also says the event itself (in the claim's words or its family's)."""
    claim_families = _event_families(claim_text)
    text = _KEPT_OPEN_RE.sub(r"\1 open", text)
    text = _FROZEN_RE.sub(" ", text)  # a hiring freeze is no hiring
    phrase = cuelib.contrary(claim_families, fold(claim_text), text, _cross_words(claim_text))
    if not phrase or (phrase in _RUNS_AS_PLANNED and claim_families & _CANCEL_FAMILIES and _DISRUPTION_RE.search(claim_text)):
        # a strike called off: "flights will operate as scheduled" says it, not its opposite
        # ("the strike will go ahead" still is)
        return "", False
    if UNSPACED_RE.search(claim_text):
        # Nor the event a rumour noun names ("回应停产传闻：生产经营一切正常").
        return phrase, bool(_event(claim_text, _unrumoured(text.replace(phrase, " "))))
    if phrase in _HIRING and _object_missing(claim_text, text, numbers=False):
        return "", False  # hiring others: "hires 1,200 cabin crew" for "will cut 1,200 jobs"
    # The phrase's own words are not the event beside it: the "dead" of "not dead".
    ws = cue_words(text)
    own = cue_words(phrase)
    rest = next(
        (ws[:k] + ws[k + len(own) :] for k in range(len(ws) - len(own) + 1) if ws[k : k + len(own)] == own), ws
    )
    return phrase, bool(families(rest).keys() & claim_families)


def _across(claim_text: str, text: str, found: Mapping[str, list[str]]) -> str:
    """An item in another language than its claim shares no words with it (it was matched by
    meaning): a confirmation word of its own language is the positive evidence there is."""
    mine, theirs = detect(claim_text), detect(text)
    if mine and theirs and mine != theirs and found.get("confirmation"):
        return f"'{found['confirmation'][0]}' in another language than the claim"
    return ""
