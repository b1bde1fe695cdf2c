"""Stance of a matched item towards a claim: confirms, denies or reports, with the cues.

Hand cues are always computed and shown: refuting and denial words, reversals ("abandons",
"calls off"), negation just before the claim's own terms, rumour and modal framing ("reportedly",
"in talks", "could"), fear of the claim's event ("union fears job cuts"), attribution, question
form, official confirmation, a relative, rival or someone described by the claim's subject in its
place ("X's father dies", "X's drummer dies", "man who attacked X arrested"), the opposite of the
claim's event ("X vows to stay on" for "X will resign"), and whether the item asserts the claim's
event at all. The cue lists are per language (``monitor.judge.cues``: English and Chinese so
far); an item in a language without one neither confirms nor denies. When the learned model
(``stance_model.json``, a small logistic regression trained by ``scripts/train_stance.py``) is
present, it decides from those cues plus the item's words, and its top contributing features are
shown too. Without it, a few ordered rules decide.

Never the alarming answer by default: ``confirms`` needs positive evidence (the claim's event terms
in the item: a confirmation word about another event is not enough), and is never given over a reversal, a negation of the
claim's terms, a refutation, a denial, modal or question framing, a relative in the subject's
place, or the opposite of the claim's event; such a model answer is overruled, and the cues say so
("guard: ...").
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.judge import cues as cuelib
from monitor.judge.cues import TABLES, UNSPACED_RE, Hit, cue_words, families, stems
from monitor.judge.language import detect
from monitor.judge.text import STOPWORDS, fold, lead, stem, term, terms, words
from monitor.model import Claim, Stance, StanceResult

MODEL_PATH = Path(__file__).with_name("stance_model.json")
# Only the start of a long body is read for stance: the headline and lead carry the framing.
STANCE_LEAD_CHARS = 600
# How near a claim term a negation (after it) or a reversal (either side) must be to be about the
# claim's own event: words for spaced languages, characters for unspaced ones.
NEGATION_SCOPE_WORDS = 3
NEGATION_SCOPE_CHARS = 8
REVERSAL_SCOPE_WORDS = 6
REVERSAL_SCOPE_CHARS = 12
# How far before a reversing verb in the past its plan may stand ("merger with X blocked").
PASSIVE_PLAN_WORDS = 5
_PAST_RE = re.compile(r"(?:ed|froze|frozen|sank|broke|off|back)$")
# How near before the claim's terms fear or worry must be to frame the claim's own event ("union
# fears job cuts"), not another ("amid fears he will flee").
CONCERN_SCOPE_WORDS = 4
CONCERN_SCOPE_CHARS = 8
# A claim in an unspaced script has no capitals to tell its names from its event: the item must
# hold this share of the claim's character pairs to assert it.
EVENT_COVERAGE = 0.6
# Or, for a paraphrase, this share of its pairs and all of its characters (``_characters_cover``).
PAIR_FLOOR = 0.4
# Characters that may stand between a Chinese marker (或, 无) and an English claim's event in
# Chinese words: "或申请破产" (may file for bankruptcy).
CROSS_GAP = 2

# Cue kinds that say nothing about stance when the claim itself uses them: "X cancels Y" is
# confirmed, not reversed, by "X cancels Y". (Negation is read term by term: ``_claim_negated``.)
_CLAIM_MASKED_KINDS = frozenset(
    [
        "refuting", "denial", "dismissal", "prospect", "pressing", "reversal", "reversal_of", "hedging",
        "concern", "modality", "intention", "fiction", "retrospective",
    ]
)
# A claim in the future tense is not contradicted by plans: "X will buy Y" and "X plans to buy Y".
_FUTURE_MASKS = frozenset(["intention"])
_SPEAKING = frozenset(["attribution", "confirmation", "denial", "refuting"])


def _read(title: str, summary: str) -> str:
    """The text stance reads: the title and the lead of the summary.

    The same string for every step, so the item's words are split once (``cue_words``).
    """
    return f"{title} {lead(summary, STANCE_LEAD_CHARS)}"


@lru_cache(maxsize=4096)
def _claim_stems(claim_text: str, min_len: int) -> frozenset[str]:
    """Stems of the claim's words longer than ``min_len`` characters."""
    return frozenset(stem(w) for w in words(claim_text) if len(w) > min_len)


@lru_cache(maxsize=4096)
def _claim_pairs(claim_text: str) -> frozenset[str]:
    """The claim's character pairs of unspaced scripts (Chinese ...); for a claim written with
    spaces, its event's Chinese words (``cues.CROSS_EVENTS_ZH``), which a Chinese item's
    negations and modal words are read against."""
    pairs = frozenset(w for w in words(claim_text) if len(w) == 2 and UNSPACED_RE.match(w))
    return pairs or _cross_words(claim_text)


@lru_cache(maxsize=4096)
def _cross_words(claim_text: str) -> frozenset[str]:
    """The Chinese words of a spaced claim's event ("辞职" for "steps down")."""
    if UNSPACED_RE.search(claim_text):
        return frozenset()
    return cuelib.cross_words_zh(_event_families(claim_text), _event_terms(claim_text))


def _languages(text: str) -> tuple[str, ...]:
    """The cue tables to read a text with: its language's, or all when the language is unsure;
    none for a language without a table (``_unread_language``)."""
    lang = detect(text)
    if lang in TABLES:
        return (lang,)
    return tuple(TABLES) if not lang else ()


def _unread_language(text: str) -> str:
    """The text's language when no cue table reads it ("" when one does, or when unsure)."""
    lang = detect(text)
    return lang if lang and lang not in TABLES else ""


@lru_cache(maxsize=4096)
def _hits(text: str) -> tuple[tuple[str, Hit], ...]:
    """(language, hit) of every cue in a text."""
    return tuple((lang, h) for lang in _languages(text) for h in cuelib.find(lang, text))


@lru_cache(maxsize=4096)
def _claim_kinds(claim_text: str) -> frozenset[str]:
    """The cue kinds not read in items for this claim: those the claim uses itself."""
    kinds = frozenset(h.kind for _, h in _hits(claim_text))
    return (kinds & _CLAIM_MASKED_KINDS) | (_FUTURE_MASKS if "future" in kinds else frozenset())


@lru_cache(maxsize=4096)
def _claim_names(claim_text: str) -> frozenset[str]:
    """Folded words the claim writes with a capital (names), stopwords and cue words aside."""
    out: set[str] = set()
    for token in re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", claim_text):
        if token[0].isupper():
            out.update(w for w in cue_words(token) if w not in STOPWORDS)
    return frozenset(out)


@lru_cache(maxsize=4096)
def _event_terms(claim_text: str) -> frozenset[str]:
    """The claim's terms that say what happened rather than to whom: those of the words it writes
    in lower case (verbs, common nouns, numbers); all its terms when it has none (Title Case).
    Not its announcing words when it has others ("has announced her retirement": "Ada Lund's
    band announces break" announces something else)."""
    lower = " ".join(t for t in claim_text.split() if not t[:1].isupper())
    if not terms(lower) and families(cue_words(lower)):
        return frozenset()  # "has won the": its event is only a word family's ("wins"), not its names
    found = frozenset(terms(lower)) or frozenset(terms(claim_text))
    announcing = frozenset(terms(" ".join(h.phrase for _, h in _hits(claim_text) if h.kind in _ANNOUNCING)))
    return found - announcing or found


@lru_cache(maxsize=4096)
def _event_families(claim_text: str) -> frozenset[str]:
    """The word families of the claim's event words ("died": the family of "passes away")."""
    lower = " ".join(t for t in claim_text.split() if not t[:1].isupper()) or claim_text
    return frozenset(families(cue_words(lower)))


# Characters that only join words in a claim written without spaces (已 "already", 的, 了): a
# pair holding one says nothing an item must repeat ("林峰已经辞职" is asserted by "林峰宣布辞职").
_GLUE = frozenset("已的了")


# How a Chinese organisation's name ends (集团 group, 公司 company, 银行 bank ...).
_ORGANISATIONS_ZH = (
    "集团", "公司", "银行", "证券", "控股", "股份", "地产", "航空", "科技", "传媒", "电子", "能源", "医药",
    "制药", "保险", "基金", "实业", "工业", "钢铁", "电力", "通信", "软件", "俱乐部",
)


@lru_cache(maxsize=4096)
def _unappositioned_claim_words(claim_text: str) -> frozenset[str]:
    """A Chinese claim's words without those describing a name in Latin letters right before it
    ("澳洲锂矿公司Pilbra", the Australian lithium miner Pilbra: an item naming Pilbra need not
    say what it is); empty when it has no such name."""
    claim = _claim_cut(claim_text)
    m = _LATIN_WORD_RE.search(claim)
    if not m:
        return frozenset()
    k = m.start()
    events = _claim_event_words_zh(claim_text)
    while k > 0 and UNSPACED_RE.match(claim[k - 1]) and not any(claim[k - 2 : k] == e or claim[k - 1 : k + 1] == e for e in events):
        k -= 1
    kept = claim[:k] + " " + claim[m.start() :]
    pairs = frozenset(w for w in _content_pairs(kept) if not _FUNCTION_CHARS.intersection(w))
    return pairs if pairs and k < m.start() else frozenset()


# A word in Latin letters in Chinese text ("SUV", "SU7", "Pilbra").
_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9]+")


def _title_cased(tokens: Iterable[str]) -> bool:
    """Whether a headline's words are all capitalised but for short ones (Title Case): its
    capitals then name no one."""
    return not any(w.islower() and len(w) > 3 for w in tokens)


@lru_cache(maxsize=4096)
def _claim_latin_words(claim_text: str) -> tuple[str, ...]:
    """The Latin words (two letters or more, folded) of a Chinese claim: a product or model it
    names ("SUV", "SU7")."""
    return tuple(w.lower() for w in _LATIN_WORD_RE.findall(claim_text))


def _done_by_another_zh(claim_text: str, text: str) -> bool:
    """Whether a Chinese item has done to the claim's subject, by another named between 被 and the
    event, what the claim says the subject does: "鼎盛地产被债权人申请破产重整" (its creditors filed)
    for "鼎盛地产将申请破产" (it will file)."""
    claim, item = fold(claim_text), fold(text)
    if "被" in claim or not claim[:2] or claim[:2] not in item:
        return False
    for m in re.finditer("被", item):
        agent_and_event = item[m.end() : m.end() + 8]
        for word in _claim_event_words_zh(claim_text):
            at = agent_and_event.find(word)
            if at >= 2 and claim[:2] in item[: m.start()]:
                return True
    return False


def _acts_instead_zh(claim_text: str, text: str) -> bool:
    """Whether a Chinese item has the claim's subject do what the claim says is done to it: the
    claim's 被 + event ("海川集团将被收购", will be acquired), the item without any 被 and with the
    subject before the event and not after it ("海川集团拟收购一家物流公司": it acquires). Not
    "华润收购海川集团" (the subject after the event: acquired)."""
    claim, item = fold(claim_text), fold(text)
    at = claim.find("被")
    event = claim[at + 1 : at + 3] if at > 0 else ""
    if len(event) < 2 or not all(UNSPACED_RE.match(c) for c in event) or "被" in item or event not in item:
        return False
    if not claim[:at].rstrip("将已或").endswith(_ORGANISATIONS_ZH):
        return False  # "青禾乳业产品被召回": its products, which the company itself recalls
    subject = claim[:2]
    where = item.find(event)
    after = item[where + len(event) :]
    # what it acts on is none of the claim's ("一家物流公司"; not "部分产品" for 金星乳业产品被召回)
    return subject in item[:where] and subject not in after and not _content_pairs(claim_text) & set(words(after))


def _leads_with_another(claim_text: str, text: str) -> bool:
    """Whether an item (Chinese) opens with another subject than the claim's: the claim's first
    pair of characters nowhere in it, and its own first pair none of the claim's ("南方航空..."
    for "东方航空..."; not "林雨桐宣布离婚" for "歌手林雨桐与丈夫离婚")."""
    claim_pairs = words(claim_text)
    item_pairs = words(text)
    if not claim_pairs or not item_pairs:
        return False
    return claim_pairs[0] not in item_pairs and item_pairs[0] not in set(claim_pairs)


# Characters joining two parties ("小米与北汽", "腾讯和京东").
_JOINING_ZH = "与和同跟及"


def _another_partner_zh(claim_text: str, folded: str) -> str:
    """Another party joined where the claim joins its own (Chinese): after a joining character
    the claim names a party (its first two characters) that the item does not write and whose
    first character is nowhere in the item, and after a joining character the item names one
    starting otherwise, which the claim does not write ("小米与比亚迪官宣合作" for "小米与北汽合作造车":
    most of the claim's words, another partner). Not "北京汽车" for 北汽 (the same first character),
    nor "和平谈判" for "和谈" (a joining character inside a word: its next one is in the item).
    "" when none."""
    claim = fold(claim_text)
    theirs = [
        folded[m + 1 : m + 3]
        for m, c in enumerate(folded)
        if c in _JOINING_ZH and len(folded[m + 1 : m + 3]) == 2 and all(UNSPACED_RE.match(x) for x in folded[m + 1 : m + 3])
    ]
    for k, c in enumerate(claim):
        own = claim[k + 1 : k + 3]
        if c not in _JOINING_ZH or len(own) < 2 or not all(UNSPACED_RE.match(x) for x in own):
            continue
        if own[0] in _LINKING_CHARS or own[0] in folded or own in folded:
            continue
        for other in theirs:
            if other[0] != own[0] and other not in claim:
                return f"'{other}' where the claim has '{own}'"
    return ""


# Words that join a partner to a spaced claim's subject ("builds cars with BAIC", "Xiaomi and BAIC").
_PARTNER_RE = re.compile(r"\b(?:with|and|alongside|for)\s+([A-Z][\w'\u2019-]*)")


@lru_cache(maxsize=4096)
def _claim_partners(claim_text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A spaced claim's joined names and its parties (those and its first name), computed once."""
    if UNSPACED_RE.search(claim_text):
        return (), ()
    own = tuple(m.group(1).lower() for m in _PARTNER_RE.finditer(claim_text))
    first = re.match(r"\s*([A-Z][\w'\u2019-]*)", claim_text)
    return own, own + ((first.group(1).lower(),) if first else ())


def _another_partner(claim_text: str, title: str, whole: str = "") -> str:
    """Another party joined where the claim joins its own (a spaced claim): the claim joins a name
    with "with" or "and", the title joins another name none of the claim's, and the claim's
    joined name is nowhere in it ("BAIC partners with Huawei" for "Xiaomi will build cars with
    BAIC"). "" when none. ``_another_partner_zh`` does it for Chinese."""
    own, parties = _claim_partners(claim_text)
    if not own:
        return ""
    folded = (whole or title).lower()  # the claim's partner named in the lead is named
    if all(p[:NAME_PREFIX] in folded for p in parties) or _title_cased(re.findall(r"[^\W\d_]+", title)):
        return ""  # each party named, or a Title Case headline (its capitals name no one)
    names = _claim_names(claim_text)
    for m in _PARTNER_RE.finditer(title):
        other = m.group(1)
        prefixes = {n[:NAME_PREFIX] for n in names}
        if other.lower() not in STOPWORDS and other.lower()[:NAME_PREFIX] not in prefixes:
            return f"'{other}' where the claim has '{own[0]}'"  # not a form of theirs ("Kurds")
    return ""


def _said_otherwise(claim_text: str, folded: str) -> set[str]:
    """The claim's words (character pairs) that an item says in other words (Chinese: "离职" says
    "辞职"; ``cuelib.FAMILIES_ZH``)."""
    return {
        w
        for word, others in cuelib.FAMILIES_ZH.items()
        if word in claim_text and any(o in folded for o in others)
        for w in words(word)
    }


@lru_cache(maxsize=4096)
def _unspaced_claim_words(claim_text: str) -> frozenset[str]:
    """The character pairs of a claim written without spaces that an item must repeat: not the
    glue's, nor a cue word's of the claim itself or a pair across one ("云帆汽车宣布停产" is
    asserted by "云帆汽车官宣：即日起停产": the announcing is the item's framing, not the event)."""
    # A claim that is all announcing keeps its own words.
    pairs = _content_pairs(_claim_cut(claim_text)) or _content_pairs(claim_text)
    # A pair across a voice or tense mark ("将退" of "林晓将退出") is grammar, not content: "林晓
    # 宣布退出娱乐圈" says the event without it.
    return frozenset(w for w in pairs if not _FUNCTION_CHARS.intersection(w)) or pairs


# Who someone is, written before their name in a Chinese claim (演员 actor, 歌手 singer ...).
_DESCRIPTORS_ZH = (
    "演员", "歌手", "导演", "主持人", "作家", "模特", "艺人", "明星", "球星", "影星", "歌星", "网红", "运动员",
    "企业家", "知名",
)


@lru_cache(maxsize=4096)
def _undescribed_claim_words(claim_text: str) -> frozenset[str]:
    """``_unspaced_claim_words`` without those of a descriptor before the claim's name ("演员周宁",
    actress Zhou Ning: "周宁陈浩官宣离婚" need not say she acts); empty when it has none."""
    cut = _claim_cut(claim_text).lstrip()
    described = next((d for d in _DESCRIPTORS_ZH if cut.startswith(d)), "")
    if not described or len(cut) <= len(described) + 2:
        return frozenset()
    pairs = _content_pairs(cut[len(described) :])
    return frozenset(w for w in pairs if not _FUNCTION_CHARS.intersection(w))


@lru_cache(maxsize=4096)
def _claim_cut(claim_text: str) -> str:
    """The claim with its announcing words blanked, same length."""
    cut = list(claim_text)
    for _, h in _hits(claim_text):
        if h.kind in _ANNOUNCING:
            cut[h.start : h.end] = " " * (h.end - h.start)
    return "".join(cut)


def _content_pairs(text: str) -> frozenset[str]:
    """A text's words (character pairs), stopwords and the glue's aside."""
    return frozenset(w for w in words(text) if w not in STOPWORDS and not _GLUE.intersection(w))


def _characters_cover(claim_text: str, text: str, otherwise: set[str]) -> bool:
    """Whether an item (Chinese) holds every character of the claim's in other order, but for
    its voice and prepositions (``_LINKING_CHARS``), a name withheld ("赵某明" for 赵启明) and a
    number in digits ("10月" for 十月). A paraphrase splits and reorders the claim's words
    ("明年1月1日起燃油摩托车禁止上路" for "将从明年起禁止燃油摩托车上路"); any other character
    missing may be the event itself ("泰国工厂停产" lacks the 建 of "在泰国建厂")."""
    folded = fold(text)
    present = folded + " ".join(otherwise)
    claim = _claim_cut(claim_text)
    for k, c in enumerate(claim):
        if c in _LINKING_CHARS or not UNSPACED_RE.match(c) or fold(c) in present:
            continue
        if k and f"{fold(claim[k - 1])}某" in folded:
            continue  # the name's withheld character
        if c in _NUMERALS_ZH and any(ch.isdigit() for ch in folded):
            continue
        return False
    return True


# Cue words a claim may hold around its event, which an item need not repeat.
_ANNOUNCING = frozenset(["confirmation"])


@lru_cache(maxsize=512)  # an item's texts, read again for each claim it is a candidate for
def _without_idioms(text: str) -> str:
    """``text`` without idioms and pending nouns, whose words name no event ("fires back",
    "malaria test")."""
    return _PENDING_NOUN_RE.sub(" ", cuelib.IDIOM_RE.sub(" ", text))


@lru_cache(maxsize=1024)  # read for the title, the whole text and parts of them, per claim
def _event(claim_text: str, text: str) -> str:
    """The claim's event as found in the item, readable ("'arrested'", "'passes away' for a word
    of the claim"), or "" if the item does not assert it. A claim in an unspaced script: the share
    of its words (character pairs) found, when at least ``EVENT_COVERAGE``."""
    if UNSPACED_RE.search(claim_text):
        return _event_zh(claim_text, text)
    event = _event_terms(claim_text)
    if UNSPACED_RE.search(text) and (said := _said_in_chinese(claim_text, fold(text))):
        # The claim's names are written otherwise in Chinese, so who did it cannot be read: the
        # event counts with one of the claim's Latin names or numbers in the item, or a
        # confirmation word (``_anchored``).
        return f"'{said}' for a word of the claim" if _anchored(claim_text, text) else ""
    text = _without_idioms(text)
    found = [w for w in dict.fromkeys(words(text)) if w not in STOPWORDS and term(w) in event]
    if found and not set(found) <= _ROLE_WORDS:
        return ", ".join(f"'{w}'" for w in found[:4])
    item_families = families(cue_words(text))
    shared = item_families.keys() & _event_families(claim_text)
    return f"'{item_families[min(shared)]}' for a word of the claim" if shared else ""


def _event_zh(claim_text: str, text: str) -> str:
    """``_event`` for a claim in an unspaced script: the share of its words (character pairs)
    found, when at least ``EVENT_COVERAGE``, and none of the signs that the item is about
    another event, party or thing (``_another_in_zh``)."""
    claim_words = _unspaced_claim_words(claim_text)
    if not claim_words:
        return ""
    otherwise = _said_otherwise(claim_text, fold(text))
    pairs = set(words(text)) | otherwise
    share = len(claim_words & pairs) / len(claim_words)
    if undescribed := _undescribed_claim_words(claim_text):
        share = max(share, len(undescribed & pairs) / len(undescribed))
    if (named := _unappositioned_claim_words(claim_text)) and all(w in fold(text) for w in _claim_latin_words(claim_text)):
        share = max(share, len(named & pairs) / len(named))  # "收购Pilbra" for "收购澳洲锂矿公司Pilbra"
    if share < EVENT_COVERAGE and not (share >= PAIR_FLOOR and _characters_cover(claim_text, text, otherwise)):
        return ""
    return "" if _another_in_zh(claim_text, text) else f"{share:.0%} of the claim's words"


def _another_in_zh(claim_text: str, text: str) -> bool:
    """Whether a Chinese item that shares the claim's words is about another event, party or thing."""
    folded = fold(text)
    if _lacks_an_event_word(claim_text, folded):
        return True  # "可进入主城区" for "禁止…进入主城区": the claim's words but its event
    if _leads_with_another(claim_text, text):
        return True  # "南方航空开通至开罗的航线" for 东方航空's route
    if _another_partner_zh(claim_text, folded):
        return True  # "小米与比亚迪官宣合作造车" for 小米与北汽's partnership
    if (latin := _claim_latin_words(claim_text)) and not any(w in folded for w in latin):
        return True  # "召回12万辆轿车" for "召回12万辆SUV": the claim's Latin word is its thing
    if _acts_instead_zh(claim_text, text) or _done_by_another_zh(claim_text, text):
        return True  # "海川集团拟收购一家物流公司" for "海川集团将被收购": it buys, it is not bought
    # the claim's person, not what happened to them ("董事长出席年会" for 董事长辞职)
    after = _after_title(claim_text)
    return bool(after) and not after & set(folded)


def _anchored(claim_text: str, text: str) -> bool:
    """Whether a Chinese item names one of a spaced claim's names in Latin letters ("Flickwave宣布
    …"), holds one of its numbers ("年仅34岁" for "dies at 34") or confirms (宣布, 官宣, 证实 ...):
    "小米与比亚迪合作" names nobody the claim does in a way that can be read, and asserts no more
    than a partnership of someone's."""
    names = _claim_names(claim_text)
    if any(_a_form_of(w, names) for w in _LATIN_RE.findall(text)):
        return True
    mine, theirs = _values_across(claim_text, text)
    if mine and theirs and _agree(mine, theirs):
        return True  # the claim's number: "去世 年仅34岁" for "dies at 34"
    return any(h.kind == "confirmation" for _, h in _hits(fold(text)))


# A word before "test" or "scare" names what is tested or feared, not what happened ("undergoes
# malaria test" for "has malaria"; "Ebola scare"): it is left out of the event's words ("test"
# stays, for a claim about a test; "scare off" is a verb).
_PENDING_NOUN_RE = re.compile(r"\b[^\W\d_]+\s+(?=(?:tests?|scares?)\b(?!\s+(?:off|away|into)\b))", re.IGNORECASE)


def _said_in_chinese(claim_text: str, folded: str) -> str:
    """The first Chinese word of a spaced claim's event in a (folded) item, longest first, ""."""
    return next((w for w in sorted(_cross_words(claim_text), key=len, reverse=True) if w in folded), "")


# Titles of a post in Chinese, longest first: in a claim, what follows its title is its event.
_TITLES_ZH = tuple(
    sorted(
        [
            "董事长", "总裁", "总经理", "行长", "首席执行官", "董事会秘书", "董秘", "财务总监", "首席财务官",
            "创始人", "主席", "市长", "省长", "部长", "局长", "校长", "院长", "主教练", "教练", "队长", "厂长",
            "书记", "监事长", "理事长", "院士",
        ],
        key=len,
        reverse=True,
    )
)


# The leftmost title, the longest one where several start there (the alternatives longest first).
_TITLE_ZH_RE = re.compile("|".join(map(re.escape, _TITLES_ZH)))


def _title_zh(text: str) -> tuple[int, str]:
    """The first Chinese title of a post in a text and where it ends ((-1, "") when none)."""
    m = _TITLE_ZH_RE.search(text)
    return (m.end(), m.group(0)) if m else (-1, "")


@lru_cache(maxsize=4096)
def _claim_title_zh(claim_text: str) -> tuple[int, str]:
    """``_title_zh`` of a claim (folded), computed once per claim."""
    return _title_zh(fold(claim_text))


@lru_cache(maxsize=4096)
def _after_title(claim_text: str) -> frozenset[str]:
    """The characters of a Chinese claim after its last 被 or 获 (what was done to or obtained by
    the subject), or else after its title, glue aside: its event ("召回" in "金星乳业产品被召回",
    "批上市" in "疫苗获批上市", "辞职" in "北辰地产董事长辞职"; one of them found is enough: 逮捕
    says 被捕); empty when it has none of these or nothing after it."""
    folded = fold(claim_text)
    passive = max(folded.rfind("被"), folded.rfind("获"))
    if passive >= 0:
        rest = folded[passive + 1 :]  # what was done to the subject: "产品被召回", "疫苗获批上市"
    else:
        end, _ = _claim_title_zh(claim_text)
        rest = folded[end:] if end >= 0 else ""
    return frozenset(ch for ch in rest if UNSPACED_RE.match(ch) and ch not in _FUNCTION_CHARS)


# Characters that mark a verb's voice, tense or a relation, not its meaning (被 passive, 已
# already, 将 will ...).
_FUNCTION_CHARS = frozenset("被已将的了正在于与和及")
@lru_cache(maxsize=4096)
def _claim_event_words_zh(claim_text: str) -> tuple[str, ...]:
    """The words of ``cues.EVENT_WORDS_ZH`` a Chinese claim holds (not its announcing words)."""
    cut = fold(_claim_cut(claim_text))
    return tuple(sorted(w for w in cuelib.EVENT_WORDS_ZH_SET if w in cut))


def _lacks_an_event_word(claim_text: str, folded: str) -> str:
    """An event word of the Chinese claim that the item says neither so nor in its family's
    words ("" when it says each)."""
    for word in _claim_event_words_zh(claim_text):
        if word not in folded and not any(o in folded for o in cuelib.FAMILIES_ZH.get(word, ())):
            return word
    return ""


# With prepositions: the characters a paraphrase may leave out (``_characters_cover``).
_LINKING_CHARS = _FUNCTION_CHARS | frozenset("从自至向对因为以")
_NUMERALS = "零一二两三四五六七八九十百千"  # Chinese numerals (and ``_NUMBER_ZH_RE``'s)
_NUMERALS_ZH = frozenset(_NUMERALS)


def _other_title_zh(claim_text: str, text: str) -> str:
    """Another title in the place of the claim's (Chinese): "北辰地产董事会秘书辞职" is the board
    secretary, not the claim's 董事长; so is "总经理辞职 董事长陈国栋兼任" (the claim's title named
    too, but the event follows another's). "" when the claim's title holds the event."""
    end, title = _claim_title_zh(claim_text)
    if not title:
        return ""
    folded, claim = fold(text), fold(claim_text)
    if title in folded:
        return _title_before_the_event(claim, folded, claim[end : end + 2])
    _, other = _title_zh(folded)
    return "" if other in claim else other  # a second title of the claim's ("创始人李航辞任董事长")


def _title_before_the_event(claim: str, folded: str, after_own: str) -> str:
    """A title of the item's, not the claim's, right before a pair of the claim's tail after its
    own title ("总经理辞职" for "董事长陈国栋辞职"), other than the pair that follows the claim's
    title there ("董事长兼总经理陈国栋辞职" names the claim's person after both)."""
    end, _ = _claim_title_zh(claim)
    tail = _content_pairs(claim[end:])
    for m in _TITLE_ZH_RE.finditer(folded):
        following = folded[m.end() : m.end() + 2]
        if m.group(0) not in claim and following in tail and following != after_own:
            return m.group(0)
    return ""


# Titles of a post ("chief executive", "ceo"): found alone, they name the claim's person, not its
# event ("X chief executive speaks at conference" for "X fires its chief executive"). Not the
# roles an event gives ("gunman": "takes out gunman" is the claim's "shot a gunman").
_ROLE_WORDS = frozenset(
    [
        "chief", "executive", "ceo", "cfo", "cto", "coo", "chairman", "chairwoman", "chair", "boss",
        "president", "founder", "cofounder", "co-founder", "director", "manager", "coach", "captain",
        "minister", "secretary", "governor", "mayor",
    ]
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the cues found in an item towards a claim, in plain fields and as model features."""

    found: dict[str, list[str]]  # kind -> phrases found (claim-masked kinds left out)
    question: bool
    negation_scope: bool
    reversal: str  # the reversal phrase, "" if none
    reversal_scope: bool  # the reversal is next to the claim's own terms
    subject_other: str  # the relation word taking the subject's place, "" if none
    event: str  # the claim's event terms found (readable), "" if none
    # a phrase saying the opposite of the claim's event ("stays on"), "" if none
    contrary: str = ""
    # the item also says the event ("safe after shooting", "resigns as CEO, stays on as chair"):
    # the opposite then only keeps it from confirming
    contrary_beside_event: bool = False
    # another number, month, share ("some" for "all") or model code for the same thing than the
    # claim's ("'200 jobs', not 2000", "'A320' where the claim says C919"), "" if none
    other_number: str = ""
    # another place or object named where the claim names its own ("'Bristol' for the claim's
    # Leeds" in "closes Bristol depot" for "will close its Leeds bakery"), "" if none
    other_object: str = ""
    # the item's language when no cue table reads it ("fa", "es"), "" otherwise: its denials,
    # rumour words and questions cannot be seen, so it neither confirms nor denies
    unread_language: str = ""
    # a denial of another matter, without the claim's event ("X denies wrongdoing in loan probe"
    # for "X fires its chief"), "" otherwise: no denial of the claim
    denial_elsewhere: str = ""
    # the claim's event only named by its other words ("Leeds call centre staff ..." for "will
    # close its Leeds call centre"), no word of its event's family: a fear or worry about it then
    # keeps it from confirming ("... staff fear for jobs")
    event_named_only: bool = False
    concern: bool = False  # a word of fear or worry ("fear", "担忧"), framing the claim or not

    @property
    def refuted(self) -> bool:
        return bool(self.found.get("refuting") or self.found.get("denial"))

    @property
    def framed(self) -> bool:
        """Rumour, modal, fictional or retrospective framing, or a question."""
        found = self.found
        return bool(
            self.question
            or found.get("modality")
            or found.get("intention")
            or found.get("hedging")
            or found.get("fiction")
            or found.get("retrospective")
            or found.get("award")
        )

    @property
    def hedged(self) -> bool:
        """Framed, or with a weak hedge ("claims", "if")."""
        return self.framed or bool(self.found.get("weak_hedging"))

    @property
    def denying_contrary(self) -> bool:
        """The opposite of the claim's event, without the event: "X vows to stay on"."""
        return bool(self.contrary) and not self.contrary_beside_event

    @property
    def positive(self) -> bool:
        """Positive evidence for confirms: the claim's event in the item. A confirmation word
        alone is not ("Acme announces a Texas factory" confirms nothing about its Ohio plant)."""
        return bool(self.event)


@lru_cache(maxsize=4096)
def _claim_negated(claim_text: str) -> frozenset[str]:
    """The claim's own negated terms ("... didn't include any women"): an item negating them
    agrees with the claim."""
    out: set[str] = set()
    for lang, h in _hits(claim_text):
        if h.kind != "negation":
            continue
        if TABLES[lang].unspaced:
            after = fold(claim_text)[h.end : h.end + NEGATION_SCOPE_CHARS]
            out.update(p for p in _claim_pairs(claim_text) if p in after)
        else:
            out.update(stems(claim_text)[h.end : h.end + NEGATION_SCOPE_WORDS])
    return frozenset(out)


@lru_cache(maxsize=4096)
def _claim_stems_of_names(claim_text: str) -> frozenset[str]:
    """The stems of the claim's names (``_claim_names``)."""
    return frozenset(stem(w) for w in _claim_names(claim_text))


def _near(positions: range, ws: tuple[str, ...], claim: frozenset[str]) -> bool:
    return any(0 <= k < len(ws) and ws[k] in claim for k in positions)


def _event_nouns(claim_text: str, ws: Sequence[str]) -> list[int]:
    """Where the words name the claim's event as a noun ("grounding", "closure", "suspension")."""
    return [k for k, w in enumerate(ws) if w.endswith(("ing", "ion", "ure")) and _an_event_word(claim_text, w)]


def _an_event_word(claim_text: str, word: str) -> bool:
    """Whether a word of an item says the claim's event: one of its event terms, or of its event's
    word family ("closure" for "will close"). Not an empty word (punctuation stripped: "...")."""
    return bool(word) and term(word) in _event_terms(claim_text) or bool(families((word,)).keys() & _event_families(claim_text))


# The event a Chinese near miss misses (险些丧命: nearly lost his life).
_NEAR_MISS_ZH = {"丧命": "died", "遇难": "died"}


def _a_near_miss_of_the_event(claim_text: str, h: Hit) -> bool:
    """Whether a near miss ("nearly died", "near-death") misses the claim's own event."""
    missed = _NEAR_MISS_ZH.get(h.phrase[2:], "") if UNSPACED_RE.match(h.phrase) else h.phrase.split()[-1]
    missed = {"near-death": "death"}.get(missed, missed)
    if UNSPACED_RE.search(claim_text):
        return missed == "died" and any(w in fold(claim_text) for w in ("去世", "死亡", "身亡", "遇难", "丧生", "逝世"))
    return _an_event_word(claim_text, missed)


# Reversal verbs that are also nouns, and the words before them that make them the noun.
_ALSO_NOUNS = frozenset(["shelves"])
_BEFORE_A_NOUN = frozenset(["from", "on", "off", "onto", "to", "the", "store", "supermarket", "empty", "its", "their"])


def _said_in_other_words(claim_text: str, ws: Sequence[str], reversing: bool) -> frozenset[str]:
    """The stems of an item's words (spaced) of the claim's event family, when it has a reversal:
    the event in other words counts before a reversal too ("sale ... collapses" for "has been
    sold")."""
    if not reversing:
        return frozenset()
    family = _event_families(claim_text)
    return frozenset(stem(w) for w in ws if families((w,)).keys() & family)


def _reverses_the_claim(
    h: Hit,
    unspaced: bool,
    around: Callable[..., bool],
    reverses_a_plan: Callable[[Hit], bool],
    events: frozenset[str],
) -> bool:
    """Whether a reversal reverses the claim (``_scopes``'s helpers passed in): a word of the claim
    after it ("abandons Corvo Solar bid"), the claim's event before it ("merger called off"), or
    a plan beside the claim's words ("Nordwind and Solara Grid call off merger talks"); not
    another thing done by the claim's subject ("Teo Kalis cancels show" for his hospitalisation)."""
    if unspaced:
        return around(h, REVERSAL_SCOPE_CHARS, REVERSAL_SCOPE_CHARS, events)
    return (
        around(h, 0, REVERSAL_SCOPE_WORDS)
        or around(h, 0, REVERSAL_SCOPE_WORDS, events)  # the event in its family's words: "rule out reunion"
        or around(h, REVERSAL_SCOPE_WORDS, 0, events)
        or (reverses_a_plan(h) and around(h, REVERSAL_SCOPE_WORDS, REVERSAL_SCOPE_WORDS))
    )


# Plans of any deal, whatever the claim calls it ("call off merger talks" for "X buys Y").
_DEAL_WORDS = frozenset(
    [
        "deal", "deals", "bid", "bids", "offer", "offers", "talks", "negotiations", "agreement", "plan",
        "plans", "proposal", "project", "merger", "takeover", "acquisition", "tie-up", "partnership",
        "venture", "sale", "purchase", "contract",
    ]
)


def _a_related_plan(claim_text: str, ws: Sequence[str], h: Hit, plans: Sequence[int]) -> bool:
    """Whether the plan a ``reversal_of`` verb reverses is the claim's: one of its words, of its
    event's family, or a deal ("cancels Solara Grid deal"); not another thing its subject does
    ("Teo Kalis cancels concert" for his hospitalisation)."""
    claim = _claim_stems(claim_text, 0)
    near = [p for p in plans if h.end <= p <= h.end + 3 or h.start - PASSIVE_PLAN_WORDS <= p < h.start]
    return any(
        ws[p] in _DEAL_WORDS or stem(ws[p]) in claim or families((ws[p],)).keys() & _event_families(claim_text)
        for p in near
    )


def _a_noun(h: Hit, ws: Sequence[str]) -> bool:
    """Whether a reversal verb that is also a noun is the noun here ("from shelves")."""
    return h.phrase in _ALSO_NOUNS and h.start > 0 and ws[h.start - 1] in _BEFORE_A_NOUN


# What a court dismisses or throws out: "recall lawsuit dismissed" rules on a suit, it denies
# nothing of the recall.
_COURT_MATTERS = frozenset(
    ["lawsuit", "lawsuits", "suit", "suits", "case", "cases", "charge", "charges", "appeal", "appeals",
     "complaint", "complaints", "petition", "petitions", "motion", "indictment", "injunction"]
)


def _a_ruling(h: Hit, ws: Sequence[str]) -> bool:
    """Whether a denial word is a court's ruling on a legal matter ("lawsuit dismissed")."""
    return h.kind == "denial" and h.phrase.startswith("dismiss") and h.start > 0 and ws[h.start - 1] in _COURT_MATTERS


def _done_pairs(claim_text: str, pairs: frozenset[str]) -> frozenset[str]:
    """A Chinese claim's pairs of what is done to its subject (after 被, or after its title), all
    of them when it says none: a reversal near its name alone ("李佳直播间今晚暂停直播") stops
    something else."""
    done = _after_title(claim_text)
    return frozenset(p for p in pairs if done.intersection(p)) or pairs


def _scopes(
    claim_text: str, text: str, lang: str, hits: list[Hit]
) -> tuple[bool, str, bool]:
    """(negation before a claim term, reversal phrase, reversal next to a claim term)."""
    negation, reversal, near = False, "", False
    unspaced = TABLES[lang].unspaced
    folded = fold(text) if unspaced else ""
    ws = stems(text)
    claim = _claim_pairs(claim_text) if unspaced else _claim_stems(claim_text, 3)
    negatable = claim - _claim_negated(claim_text)
    events = _done_pairs(claim_text, claim) if unspaced else claim - _claim_stems_of_names(claim_text)

    def around(h: Hit, before: int, after: int, terms_: frozenset[str] = claim) -> bool:
        if unspaced:
            window = folded[max(0, h.start - before) : h.end + after]
            return any(p in window for p in terms_)
        return _near(range(h.start - before, h.end + after), ws, terms_)

    words_ = cue_words(text) if not unspaced else ()
    plans = [h.start for h in hits if h.kind == "plan"]
    # The claim's event named as a noun is a plan before a verb in the past: "grounding of A320s
    # lifted" for "grounds its A320 fleet" (not after a verb: "stop arresting" is the event).
    # Only a reversal reads them: most items have none, and stance runs for every match.
    reversing = any(h.kind in ("reversal", "reversal_of") for h in hits)
    event_nouns = _event_nouns(claim_text, words_) if reversing else []
    passive_plans = plans + event_nouns
    events = events | _said_in_other_words(claim_text, words_, reversing)

    def reverses_a_plan(h: Hit) -> bool:
        """A plan just after the verb ("drops its bid"), just before it ("takeover blocked"), or a
        few words before a verb in the past ("merger with X blocked by regulators", "merger talks
        with X ended"), without a "to" between ("plans to end arrests" is an intention)."""
        if any(h.end <= p <= h.end + 3 or p == h.start - 1 for p in plans):
            return True
        if unspaced or not _PAST_RE.search(words_[h.end - 1]):
            return False
        return any(
            h.start - PASSIVE_PLAN_WORDS <= p < h.start and "to" not in words_[p + 1 : h.start] for p in passive_plans
        )

    for h in hits:
        if h.kind == "negation":
            scope = NEGATION_SCOPE_CHARS if unspaced else NEGATION_SCOPE_WORDS
            # after the negation's own words: the "will" of "will not" is no claim term
            negation = negation or around(h, h.start - h.end, scope, negatable)
            if not negation and not unspaced and not _claim_negated(claim_text):
                # or a word of the claim's event family: "hasn't died" for "is dead"
                after = families(words_[h.end : h.end + scope])
                negation = bool(after.keys() & _event_families(claim_text))
        reverses = h.kind == "reversal" or (h.kind == "reversal_of" and reverses_a_plan(h))
        if reverses and _no_reversal_here(claim_text, h, unspaced, words_):
            reverses = False
        if reverses and h.start - 1 in event_nouns and not _PAST_RE.search(words_[h.end - 1]):
            reverses = False  # the event does the halting: "depot closure halts repairs"
        if reverses and not reversal:
            reversal = h.phrase
            near = _reverses_the_claim(
                h, unspaced, around, lambda h: reverses_a_plan(h) and _a_related_plan(claim_text, words_, h, plans), events
            )
    return negation, reversal, near


def _no_reversal_here(claim_text: str, h: Hit, unspaced: bool, ws: Sequence[str]) -> bool:
    """Whether a reversal word reverses nothing of the claim's: it says the claim's own event in
    other words ("axes route" for "will cut route"; 暂停 for "suspends", an English claim's event
    in Chinese), or it is a bare cause ("hospitalised after collapse"; not "after deal collapse")."""
    if unspaced:
        return h.phrase in _cross_words(claim_text)
    if h.start > 0 and ws[h.start - 1] in _CAUSE_WORDS:
        return True
    return bool(families(cue_words(h.phrase)).keys() & _event_families(claim_text))


_CAUSE_WORDS = frozenset(["after", "following"])


# Cue kinds that count only when a word of a kind follows within a few words, and what they then
# count as: a dismissal verb denies what it dismisses if that is a rumour ("shuts down pregnancy
# rumours", not "shuts down its plant"); facing something the claim says is its prospect, not the
# thing ("faces $50 million fine" for "was fined"; not "facing sack" for another event).
_TARGETED: dict[str, tuple[frozenset[str], str]] = {
    "dismissal": (
        frozenset(
            [
                "rumor", "rumors", "rumour", "rumours", "speculation", "reports", "report",
                "gossip", "claims", "talk", "chatter",
            ]
        ),
        "denial",
    ),
    "prospect": (
        frozenset(
            [
                "fine", "fines", "charge", "charges", "penalty", "penalties", "ban", "lawsuit",
                "suit", "trial", "prison", "jail", "sack", "sanctions", "probe", "investigation",
                "eviction", "deportation", "extradition", "closure", "cuts", "bankruptcy",
                "impeachment", "arrest", "prosecution", "suspension", "expulsion", "relegation",
                "dismissal", "shutdown", "layoffs", "redundancies",
            ]
        ),
        "modality",
    ),
    "pressing": (frozenset(["to"]), "modality"),
    "nearing": (
        frozenset(
            [
                "deal", "order", "agreement", "takeover", "merger", "acquisition", "sale", "purchase",
                "contract", "settlement", "signing", "bid", "offer", "buying", "selling", "agreeing", "buyout",
            ]
        ),
        "modality",
    ),
}
TARGET_SCOPE_WORDS = 4
# What one faces that is still to be decided, whatever the claim.
_PENDING = frozenset(["decision", "ruling", "verdict", "vote", "review", "hearing", "scrutiny"])
# Pressing someone: the "to" may come after a name ("calls on Mayor Tomas Brandt to resign").
PRESSED_SCOPE_WORDS = 8


def _targeted(claim_text: str, text: str, lang: str, h: Hit) -> str:
    """What a targeted cue counts as here ("denial", "modality"), or "" when its target does
    not follow (for a prospect: a target the claim itself says)."""
    targets, kind = _TARGETED[h.kind]
    if TABLES[lang].unspaced:
        # Facing the claim's own event: "江南纺织或面临破产" (may face bankruptcy); not a penalty
        # for others after the event ("违者或面临罚款").
        after = fold(text)[h.end : h.end + 4]
        return kind if h.kind == "prospect" and any(p in after for p in _claim_pairs(claim_text)) else ""
    following = cue_words(text)[h.end : h.end + TARGET_SCOPE_WORDS]
    if h.kind == "prospect":
        return kind if _faces_the_event(claim_text, following, targets) else ""
    if h.kind == "pressing":
        # Pressing for the claim's event: "calls on X to resign", "press X to ban ads"; not "calls
        # on ISIS to cease killing" for a claim that ISIS beheaded someone.
        ahead = cue_words(text)[h.end : h.end + PRESSED_SCOPE_WORDS]
        event_terms = _event_terms(claim_text)
        event_families = _event_families(claim_text)
        for k, w in enumerate(ahead):
            if w in targets:
                done = ahead[k + 1 : k + 2]  # the verb right after "to"
                if any(term(x) in event_terms for x in done) or families(done).keys() & event_families:
                    return kind
        return ""
    if any(w in targets for w in following) or (h.kind == "nearing" and _nearing_the_event(claim_text, following)):
        return kind
    return ""


def _nearing_the_event(claim_text: str, following: Sequence[str]) -> bool:
    """Whether the word right after "close to" is a word of the claim's event: "close to ordering
    20 Airbus jets" for "orders 20 Airbus jets"."""
    return bool(following) and _an_event_word(claim_text, following[0])


def _faces_the_event(claim_text: str, following: Sequence[str], targets: frozenset[str]) -> bool:
    """Whether what a prospect cue faces is the claim's own ("faces fine" for "was fined"),
    follows a word of the claim's event ("faces doping ban" for "suspended for doping"; not
    "facing sack after making a sex tape" for "had sex"), or is still to be decided ("faces FDA
    decision")."""
    claim_terms = set(terms(claim_text))
    claim_families = families(cue_words(claim_text)).keys()
    event = _event_terms(claim_text)
    for k, w in enumerate(following):
        if w in _PENDING:
            return True
        if w not in targets:
            continue
        if term(w) in claim_terms or families((w,)).keys() & claim_families:
            return True
        if any(term(x) in event for x in following[:k]):
            return True
    return False


# "picks Scotland over Wales": the one after "over" was not chosen.
_CHOSEN_OVER_RE = re.compile(
    r"\b(?:picks?|picked|chooses?|chose|chosen|selects?|selected|prefers?|preferred|opts? for|opted for|"
    r"favou?rs?|favou?red)\b.{0,60}?\bover\s+([^\W_]+)"
)


def _chosen_over(claim_text: str, text: str) -> str:
    """"over X" when the item chooses another over one of the claim's names ("Arkon picks
    Scotland over Wales" for "will build a plant in Wales"), else ""."""
    m = _CHOSEN_OVER_RE.search(fold(text))
    if m and m.group(1) in _claim_names(claim_text):
        return f"over {m.group(1)}"
    return ""


def _frames_the_claim(claim_text: str, text: str, lang: str, h: Hit) -> bool:
    """Whether a cue stands just before the claim's own terms ("fears job cuts"), or right after
    the claim's event named as a noun ("bankruptcy fears grow")."""
    if TABLES[lang].unspaced:
        after = fold(text)[h.end : h.end + CONCERN_SCOPE_CHARS]
        return any(p in after for p in _claim_pairs(claim_text))
    ws = stems(text)
    if _near(range(h.end, h.end + CONCERN_SCOPE_WORDS), ws, _claim_stems(claim_text, 3)):
        return True
    if h.start == 0:
        return False
    if _TRAILING_FEAR_RE.search(text):
        return True  # "X to close branches, union fears": the whole headline is a fear
    return _an_event_word(claim_text, cue_words(text)[h.start - 1])


# A fear closing a headline after a comma, with who fears it: "…, union fears", "…, staff fear".
_TRAILING_FEAR_RE = re.compile(r",\s*(?:[^\W\d_]+\s+){0,2}(?:fears?|worry|worries|warns?|warned)\W*$", re.IGNORECASE)


def _subject_other(claim_text: str, text: str, lang: str, hits: list[Hit]) -> str:
    """The relation word when the item is about a relative, rival or the like of one of the
    claim's names ("X's father", "father of X", "X的父亲") rather than the name itself; "" otherwise,
    and when the claim names a relation itself. A relation that speaks ("X's lawyer says")
    is a source, not the subject."""
    if _about_a_relation(claim_text):
        # The claim is itself about a relation ("X's fiance wanted ...", "the family of X") or
        # about a role ("Halvik Motors CEO will step down"): a relation that may stand for any
        # relative is not checked; otherwise a relative owned by a name of the claim and of
        # another kind than the claim names is someone else ("Halvik Motors CEO's wife steps
        # down", "林晓母亲去世" for "林晓的父亲去世").
        kin = _kin(claim_text)
        if kin is None:
            return ""
        hits = [h for h in hits if h.kind == "relation" and (not kin or _KIN.get(h.phrase, kin[0]) not in kin)]
    speaking_hits = [h for h in hits if h.kind in _SPEAKING]
    speaking = [h.start for h in speaking_hits]
    modifiers = {h.start for h in hits if h.kind == "relation_modifier"}
    folded = fold(text)
    for h in hits:
        if h.kind not in _RELATIONS:
            continue
        if TABLES[lang].unspaced:
            about = _unspaced_owner(claim_text, folded, h)
            speaks = (
                any(h.end <= s.start <= h.end + 2 and not _acts(folded, h, s) for s in speaking_hits)
                or folded[h.end : h.end + 1] == ":"
            )
        else:
            about, last = _spaced_owner(claim_text, cue_words(text), h, modifiers)
            if not about and h.kind == "relation" and _owned_past_a_word(claim_text, text, h.phrase):
                about = True  # "Ana Rusk's doubles partner retires"
            if not about and h.kind == "relation" and _event_describes(claim_text, cue_words(text), h):
                about, last = True, h.end  # "Kay Vondo visits jailed friend"
            if not about and h.kind == "relation" and _relatives_event(claim_text, text, h.phrase):
                about, last = True, h.end  # "Kira Vale attends sister's wedding"
            if h.kind == "role":
                about = about and last == h.end and (
                    _possessive_before(text, h.phrase) or _someone_unnamed(claim_text, text, h)
                )
            speaks = any(last <= s <= last + 2 for s in speaking) or _introduces_a_quote(folded, h.phrase)
        if about and (not speaks or h.phrase in _NEVER_SPEAKING):
            return h.phrase
    return ""


_RELATIONS = frozenset(["relation", "role"])
# Relations that do not speak for the claim's subject ("Echo Valley tribute band announces tour").
_NEVER_SPEAKING = frozenset(["tribute band", "tribute act", "cover band", "rival", "rivals"])


@lru_cache(maxsize=4096)
def _about_a_relation(claim_text: str) -> bool:
    """Whether the claim may be about someone by their relation to another ("the family of
    slain journalist X", "林晓的父亲去世": any relation word), or by a role one of its names owns
    ("Joan Rivers doctor took a selfie"). Either before a name is a title ("Coach Tomas Ruiz",
    "Rock singer Dale Morrow"): the claim is about the name."""
    ws = cue_words(claim_text)
    names = _claim_names(claim_text)
    for lang, h in _hits(claim_text):
        if h.kind not in _RELATIONS:
            continue
        if TABLES[lang].unspaced:
            if h.kind == "relation" or _unspaced_owner(claim_text, fold(claim_text), h):
                return True
        elif h.end < len(ws) and ws[h.end] in names:
            continue  # a title before a name: "Coach Tomas Ruiz", "Rock singer Dale Morrow"
        elif h.kind == "relation" and _subjects_own(claim_text, ws, h):
            continue  # the subject's own relative, in the event: "X has married her partner"
        elif h.kind == "relation" or _spaced_owner(claim_text, ws, h, set())[0]:
            return True
    return False


# Relatives of one kind each (a word, its synonyms, its Chinese): a claim naming only these
# means that relative, and another kind is someone else. Not the words for several or any
# ("family", "parents", "child"), which may stand for any of them.
_KIN_GROUPS = (
    "father dad 父亲 爸爸 之父", "mother mum mom 母亲 妈妈 之母", "son 儿子 之子", "daughter 女儿 之女",
    "brother 哥哥 弟弟 之弟 之兄", "sister 姐姐 妹妹 之妹 之姐", "wife widow 妻子 老婆 之妻",
    "husband widower 丈夫 老公 之夫",
    "grandfather grandpa 爷爷 外公", "grandmother grandma 奶奶 外婆", "grandson 孙子", "granddaughter 孙女",
    "uncle", "aunt", "nephew", "niece", "cousin", "stepfather", "stepmother", "stepson", "stepdaughter",
)
_KIN = {word: group.split()[0] for group in _KIN_GROUPS for word in group.split()}


@lru_cache(maxsize=4096)
def _kin(claim_text: str) -> tuple[str, ...] | None:
    """The kinds of relative a claim names when every relation it names is one (``_KIN``); ()
    when it names none; None when some relation in it may stand for any relative."""
    kinds = [_KIN.get(h.phrase, "") for _, h in _hits(claim_text) if h.kind == "relation"]
    return None if "" in kinds else tuple(dict.fromkeys(kinds))


def _subjects_own(claim_text: str, ws: tuple[str, ...], h: Hit) -> bool:
    """Whether a relation in the claim is its subject's own, after a pronoun, in a claim opening
    with a name: "Singer Mara Quill has married her longtime partner" is about Mara Quill (her
    sister marrying is someone else's news), unlike "The family of X" or "X's wife has died"."""
    names = _claim_names(claim_text)
    k = h.start - 1
    while k >= 0 and ws[k] in _OWN_MODIFIERS:
        k -= 1
    return k >= 1 and ws[k] in _PRONOUNS and bool(ws) and ws[0] in names


_OWN_MODIFIERS = frozenset(["longtime", "long-time", "new", "late", "former", "ex", "estranged", "own"])


def _event_describes(claim_text: str, ws: tuple[str, ...], h: Hit) -> bool:
    """Whether the claim's event word, a participle in -ed, stands right before a relation as its
    description ("visits jailed friend", "mourns murdered brother"): the event is the relative's.
    Not a noun of the claim ("pizza delivery driver")."""
    k = h.start - 1
    return k >= 0 and ws[k].endswith("ed") and term(ws[k]) in _event_terms(claim_text)


# Verbs whose object is a person another's event befalls: "visits hospitalised sous-chef",
# "mourns murdered brother", "defends sacked coach".
_TOWARD_SOMEONE = frozenset(
    [
        "visits", "visit", "visited", "meets", "meet", "met", "mourns", "mourn", "mourned", "honours", "honors",
        "honoured", "honored", "comforts", "comforted", "praises", "praised", "thanks", "thanked", "hugs",
        "hugged", "greets", "greeted", "supports", "supported", "defends", "defended", "backs", "backed",
        "remembers", "remembered", "buries", "buried",
    ]
)


def _event_describes_another(claim_text: str, title: str) -> str:
    """The claim's event as a participle describing someone the subject acts toward ("Tomas Ruiz
    visits hospitalised sous-chef" for "Chef Tomas Ruiz has been hospitalised"), "" if none.
    ``_event_describes`` does it for a relation word; this for any noun after such a verb."""
    if UNSPACED_RE.search(claim_text):
        return ""
    ws = cue_words(title)
    claim_terms = _claim_terms(claim_text)
    for k in range(1, len(ws) - 1):
        word, after = ws[k], ws[k + 1]
        if (
            ws[k - 1] in _TOWARD_SOMEONE and word.endswith("ed") and term(word) in _event_terms(claim_text)
            and after not in STOPWORDS and term(after) not in claim_terms
        ):
            return f"{word} {after}"
    return ""


# Someone unnamed an event befalls, as the object of its verb: "Police arrest man outside X's
# office" arrests the man, not X.
_SOMEONE = frozenset(
    [
        "man", "men", "woman", "women", "teen", "teens", "teenager", "teenagers", "boy", "boys", "girl",
        "girls", "suspect", "suspects", "driver", "gunman", "person", "people", "youth", "student",
        "students", "protester", "protesters", "intruder", "stalker", "fan", "fans", "pair", "couple",
        "worker", "workers", "guard", "officer", "officers", "staffer", "employee", "employees",
    ]
)
_COUNTING = frozenset(["a", "an", "the", "two", "three", "four", "five", "several", "second", "third", "another"])
_PASSIVE_RE = re.compile(r"\b(?:was|were|been|be|is|are|gets|got|being)\s+[a-z]+(?:ed|en)\b")


@lru_cache(maxsize=4096)
def _named_undergoer(claim_text: str) -> bool:
    """Whether a spaced claim's named subject undergoes its event ("Senator Alan Brecht was arrested")."""
    return not UNSPACED_RE.search(claim_text) and bool(_PASSIVE_RE.search(claim_text)) and bool(_PERSON_RE.search(claim_text))


def _another_undergoes(claim_text: str, title: str) -> str:
    """Someone unnamed as the object of the claim's event verb, for a claim in which its subject
    undergoes the event ("was arrested"): "Police arrest man outside X's office". "" if none."""
    if not _named_undergoer(claim_text):
        return ""  # the claim's subject unnamed ("A man ... was arrested") may be anyone's "man"
    ws = cue_words(title)
    claim_terms = _claim_terms(claim_text)
    for k, word in enumerate(ws[:-1]):
        if word.endswith("ed") or term(word) not in _event_terms(claim_text):
            continue  # "arrested man" is another check's (a participle describing someone)
        j = k + 1
        while j < len(ws) - 1 and ws[j] in _COUNTING:
            j += 1
        if ws[j] in _SOMEONE and term(ws[j]) not in claim_terms:
            return f"{word} {ws[j]}"
    return ""


@lru_cache(maxsize=4096)
def _claim_terms(claim_text: str) -> frozenset[str]:
    """The matching terms of all the claim's words, stopwords too."""
    return frozenset(term(w) for w in cue_words(claim_text))


def _relatives_event(claim_text: str, text: str, phrase: str) -> bool:
    """Whether the claim's event is the relative's, owned by a possessive: "sister's wedding" for
    "has married her partner", "father's funeral" for "has died"."""
    if term(phrase) in _claim_terms(claim_text):
        return False  # the claim's own relative ("her neighbors cats": "Neighbor's Cats")
    m = re.search(rf"\b{re.escape(phrase)}['\u2019]s\s+([^\W\d_]+)", text, re.IGNORECASE)
    return m is not None and _an_event_word(claim_text, m.group(1).lower())


def _owned_past_a_word(claim_text: str, text: str, phrase: str) -> bool:
    """Whether a name of the claim owns the relation with a word or two between: "X's doubles
    partner", "X's tour manager" (the modifiers ``_spaced_owner`` skips are a closed list)."""
    names = _claim_names(claim_text)
    pattern = rf"([^\W_]+)['\u2019]s?\s+(?:[^\W\d_]+[\s-]+){{1,2}}{re.escape(phrase)}\b"
    return any(m.group(1).lower() in names for m in re.finditer(pattern, text, re.IGNORECASE))


def _possessive_before(text: str, phrase: str) -> bool:
    """Whether the role is written after a possessive ("X's drummer", "X's longtime drummer"):
    "X co-founder Y" names Y himself."""
    pattern = rf"['\u2019]s?\s+(?:[^\W_]+[\s-]+){{0,2}}{re.escape(phrase)}\b"
    return re.search(pattern, text.lower()) is not None


def _someone_unnamed(claim_text: str, text: str, h: Hit) -> bool:
    """A role right after one of the claim's names, followed by a word in lower case, while the
    claim's other names are all missing: "Ashfall guitarist leaves the band" is not "Drummer Kit
    Lowry has left the band Ashfall". Not "Ashfall co-founder Kit Lowry dies" (a name follows),
    "Sugarhill Gang founder member Big Bank Hank" (the other names are there), nor a Title Case
    headline (a capital there is no name)."""
    ws = cue_words(text)
    names = _claim_names(claim_text)
    k = h.start - 1
    if k < 0 or ws[k] not in names:
        return False
    owner = set()
    while k >= 0 and ws[k] in names:
        owner.add(ws[k])
        k -= 1
    others = names - owner - {w for w in cue_words(h.phrase)}
    if not others or others & set(ws):
        return False
    m = re.search(rf"\b{re.escape(h.phrase)}\s+([^\W\d_]+)", text, re.IGNORECASE)
    return m is not None and m.group(1)[0].islower() and m.group(1).lower() != "of"


# The head of a relative clause naming the claim's subject: "Man who attacked X arrested" is
# about the man. "who" only: "that" also opens reported speech ("reports that X died").
_RELATIVE = frozenset(["who", "whom"])
_RELATIVE_SCOPE_WORDS = 5


# The last word of each English relation ("co-star" ends in "star"): heads of a relative clause
# that are someone else than the subject named before them.
_RELATION_HEADS = frozenset(cue_words(p)[-1] for p in TABLES["en"].phrases["relation"] if cue_words(p))


# Verbs of stopping something planned or running: a claim whose event is one of them is a stop,
# and another of them in an item ("delays" for "suspends") is another stop than the claim's.
_STOPS = frozenset(
    [
        "suspend", "suspends", "suspended", "suspending", "halt", "halts", "halted", "halting",
        "cancel", "cancels", "cancelled", "canceled", "cancelling", "canceling", "postpone",
        "postpones", "postponed", "postponing", "delay", "delays", "delayed", "delaying", "defer",
        "defers", "deferred", "pause", "pauses", "paused", "pausing", "freeze", "freezes", "froze",
        "frozen", "scrap", "scraps", "scrapped", "scrapping", "pull", "pulls", "pulled", "pulling",
    ]
)
# Words that undo a stop ("lifts the suspension"), unlike those that make one.
_UNDOING = frozenset(["lift", "lifts", "lifted", "lifting", "reverse", "reverses", "reversed", "reversing"])


def _another_stop(claim_text: str, own: str, reversal: str) -> str:
    """When the claim's event is itself a stop ("cancels her world tour", "suspends flights"):
    the item's reversal if it is another stop ("postpones two tour dates"), else a stop or an
    undoing word in the item's own words (``own``, "" when it does not say the claim's event)
    that the claim's masked reversal cues do not see ("delays Lagos flights"; "lifts suspension
    of Lagos flights": the stop happened and ended). Neither confirms nor denies the claim; words
    of its own event family ("halts" for "suspends") are its event. "" when none."""
    if not _STOPS.intersection(cue_words(claim_text)):
        return ""
    if reversal and not _UNDOING.intersection(cue_words(reversal)):
        return reversal
    return next((w for w in cue_words(own) if (w in _STOPS or w in _UNDOING) and not _an_event_word(claim_text, w)), "")


_REFUSALS = frozenset(
    [
        "reject", "rejects", "rejected", "rejecting", "rebuff", "rebuffs", "rebuffed", "spurn", "spurns",
        "spurned", "snub", "snubs", "snubbed", "turns down", "turned down", "turn down", "refuses", "refused",
    ]
)


def _the_object_refuses(claim_text: str, own: str, reversal: str) -> str:
    """The reversal when it is the refusal of the claim's object, which opens the title, of its
    subject's approach: "Morrow Solar rejects Talvik's approach" for "Talvik will buy Morrow
    Solar" is a step of the story, not a denial of its event; "" otherwise."""
    if reversal not in _REFUSALS or UNSPACED_RE.search(claim_text):
        return ""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    at_claim = _first_event_word(claim_text, claim, start=1)
    if at_claim < 0 or at_claim + 1 >= len(claim) or not claim[at_claim + 1][:1].isupper():
        return ""
    subject = {w.lower() for w in claim[:at_claim] if w[:1].isupper()}
    item = [w.lower() for w in _NAME_TOKEN_RE.findall(own)]
    first = reversal.split()[0]
    if not item or item[0] != claim[at_claim + 1].lower() or first not in item:
        return ""
    return reversal if subject.intersection(item[item.index(first) + 1 :]) else ""


def _other_stops_as_modality(
    claim_text: str, own: str, reversal: str, near: bool, found: dict[str, list[str]]
) -> tuple[str, bool]:
    """``reading``'s reversal and its scope, once ``_another_stop`` is taken out of it and counted
    as modality ("postpones two tour dates" for "cancels her world tour")."""
    stop = _another_stop(claim_text, own, reversal)
    if not stop:
        return reversal, near
    found.setdefault("modality", []).append(stop)
    return ("", False) if stop == reversal else (reversal, near)


def _the_object_refuses_zh(claim_text: str, own: str, reversal: str) -> str:
    """The Chinese refusal (拒绝, 否决) of a claim's object named in Latin letters that opens the
    item ("Pilbra股东拒绝金源矿业收购要约" for "金源矿业将收购…Pilbra"): a step, not a denial."""
    if reversal not in ("拒绝", "否决") or not UNSPACED_RE.search(claim_text):
        return ""
    latin = _claim_latin_words(claim_text)
    first = _LATIN_WORD_RE.match(own.lstrip())
    return reversal if latin and first and first.group(0).lower() in latin else ""


def _unreverse(found: dict[str, list[str]], phrase: str) -> None:
    """Take a phrase read as a reversal (and so as a weak refutation) out of ``reading``'s cues,
    once another check has read it otherwise."""
    for kind in ("reversal", "weak_refuting"):
        if phrase in found.get(kind, ()):
            found[kind].remove(phrase)
            if not found[kind]:
                del found[kind]


def _refusal_as_modality(
    claim_text: str, own: str, reversal: str, near: bool, found: dict[str, list[str]]
) -> tuple[str, bool]:
    """``reading``'s reversal and its scope, once the claim's object refusing (``_the_object_refuses``)
    is taken out of it and of the refutations, and counted as modality."""
    refusal = _the_object_refuses(claim_text, own, reversal) or _the_object_refuses_zh(claim_text, own, reversal)
    if not refusal:
        return reversal, near
    _unreverse(found, refusal)
    found.setdefault("modality", []).append(refusal)
    return "", False


# A delay of the event: it denies a claim that says when, and is a prospect for one that does not
# ("postpones launch of Lisbon flights" for "will launch Lisbon flights").
_DELAYS = frozenset(
    [
        "postpone", "postpones", "postponed", "postponing", "delay", "delays", "delayed", "delaying",
        "defer", "defers", "deferred", "deferring", "reschedule", "reschedules", "rescheduled",
    ]
)
_DELAY_PHRASES_RE = re.compile(r"\b(?:push(?:es|ed|ing)? back|puts? off|putting off)\b", re.IGNORECASE)
_DELAYS_ZH = ("推迟", "延期", "延后", "推后", "暂缓")
_DELAY_STEMS_RE = re.compile(r"(?i:\b(?:postpon|delay|defer|reschedul|push|put))|推迟|延期|延后|推后|暂缓")
_WHEN_RE = re.compile(
    r"\b(?:(?:19|20)\d\d|today|tomorrow|tonight|(?:this|next) (?:week|month|year|spring|summer|autumn|fall|winter)"
    r"|by (?:the )?end of|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\d+\s*[年月日号]|今年|明年|下月|下个月|下周|本月|月底|年底|年内|今天|明天",
    re.IGNORECASE,
)


# Cue kinds of a claim about what is ahead ("will launch", "plans to", 将).
_AHEAD = frozenset(["future", "intention", "plan"])


def _says_when(claim_text: str) -> bool:
    """Whether a claim says when its event happens (a month, a year, a day, "next week")."""
    return bool(_months(claim_text) or _WHEN_RE.search(claim_text))


def _a_delay(text: str) -> str:
    """The first delay word of a text ("" if none)."""
    if not _DELAY_STEMS_RE.search(text):
        return ""
    if UNSPACED_RE.search(text):
        zh = next((w for w in _DELAYS_ZH if w in text), "")
        if zh:
            return zh
    ws = cue_words(text)
    word = next((w for w in ws if w in _DELAYS), "")
    m = _DELAY_PHRASES_RE.search(text)
    return word or (m.group(0).lower() if m else "")


def _delay_as_modality(
    claim_text: str, own: str, reversal: str, near: bool, found: dict[str, list[str]]
) -> tuple[str, bool]:
    """``reading``'s reversal and its scope once a delay is weighed: for a claim that does not say
    when, a delay of its event is a prospect (modality), neither the event nor its reversal; for
    one that does, it stays a reversal."""
    delay = _a_delay(own)
    if not delay or _a_delay(claim_text) or not _claim_kinds(claim_text) & _AHEAD:
        # The claim's event may itself be a delay ("a plane was delayed"); one said as done ("was
        # approved", "buys") is denied by its delay ("approval delayed").
        return reversal, near
    if _says_when(claim_text):
        if reversal or _months(claim_text) & _months(own):
            return reversal, near  # "delayed for February" keeps the claim's month
        found.setdefault("reversal", []).append(delay)
        return delay, bool(_event(claim_text, own))  # "delays Lisbon flights to next year" for May
    found.setdefault("modality", []).append(delay)
    if reversal and (reversal == delay or reversal.startswith(delay.split()[0])):
        _unreverse(found, reversal)
        return "", False
    return reversal, near


# What is done to a person as a sanction, written after their name ("Abebe Tola suspended"): it
# befalls them, it reverses nothing of the claim.
_SANCTIONS = frozenset(["suspended", "banned", "barred", "axed", "dropped", "sacked", "benched"])


def _sanction_not_reversal(
    claim_text: str, own: str, reversal: str, near: bool, found: dict[str, list[str]]
) -> tuple[str, bool]:
    """``reading``'s reversal and its scope once a sanction of the claim's person right after their
    name is taken out of it ("Abebe Tola provisionally suspended pending doping hearing" for "tested
    positive for doping"): not for a claim whose event the word is ("suspends flights")."""
    if reversal not in _SANCTIONS or _an_event_word(claim_text, reversal) or UNSPACED_RE.search(claim_text):
        return reversal, near
    ws = cue_words(own)
    if reversal not in ws:
        return reversal, near
    k = ws.index(reversal) - 1
    while k >= 0 and ws[k].endswith("ly"):
        k -= 1  # "provisionally", "temporarily"
    names = _claim_names(claim_text)
    if k < 0 or not all(w in names for w in ws[: k + 1]):
        return reversal, near  # the person opens the title ("charges against K-Lux dropped" is theirs)
    _unreverse(found, reversal)
    return "", False


def _relative_clause_subject(claim_text: str, text: str) -> str:
    """"'man who'" when the item's event is done to or by someone described by a relative clause
    naming the claim's subject ("Man who attacked X arrested"), "" otherwise: the clause is opened by
    a word that is not one of the claim's names, names the claim's subject within a few words,
    and the claim's event comes after it, or before it with the names nowhere else ("Police
    arrest man who threatened X")."""
    if _RELATIVE & set(cue_words(claim_text)):
        return ""  # the claim is itself about someone so described
    ws = cue_words(text)
    names = _claim_names(claim_text)
    event = _event_terms(claim_text)
    for i, w in enumerate(ws):
        if w not in _RELATIVE or i == 0 or ws[i - 1] in names or ws[i - 1] in STOPWORDS:
            continue
        at = next((k for k in range(i + 1, min(len(ws), i + 1 + _RELATIVE_SCOPE_WORDS)) if ws[k] in names), -1)
        if at < 0:
            # "X mourns co-star who died on Sunday": the event in a clause about a relation of
            # someone (the clause's head), the claim's names before it and the event nowhere else.
            clause = ws[i + 1 : i + 1 + _RELATIVE_SCOPE_WORDS]
            if (
                ws[i - 1] in _RELATION_HEADS
                and any(term(x) in event for x in clause)
                and names.intersection(ws[: i - 1])
                and not any(term(x) in event for x in ws[: i - 1])
            ):
                return f"{ws[i - 1]} {w}"
            continue
        while at < len(ws) and ws[at] in names:
            at += 1
        if any(term(x) in event for x in ws[i:at]):
            continue
        if any(term(x) in event for x in ws[at:]):
            return f"{ws[i - 1]} {w}"
        # "Police arrest man who threatened X": the event before the clause, done to its head,
        # and the claim's names nowhere else.
        before = ws[: i - 1]
        if any(term(x) in event for x in before) and not names.intersection(before) and not names.intersection(ws[at:]):
            return f"{ws[i - 1]} {w}"
    return ""


def _introduces_a_quote(folded: str, phrase: str) -> bool:
    """Whether the relation is followed by a colon: "X's lawyer: 'she is fine'" (the lawyer
    speaks; NFKC makes the full-width colon of "X经纪人：" a colon too)."""
    return re.search(rf"\b{re.escape(phrase)}\s*:", folded) is not None


def _spaced_owner(
    claim_text: str, ws: tuple[str, ...], h: Hit, modifiers: set[int]
) -> tuple[bool, int]:
    """Whether a claim name owns the relation at ``h`` ("Verity's late father" folds to "verity
    late father"; "father of Lana Verity"), and the position after the pattern."""
    # A post the claim names owns its holder's relatives too ("Norland president's brother" for
    # "The president of Norland has died").
    names = _claim_names(claim_text) | _claim_roles(claim_text)
    k = h.start - 1
    while k >= 0 and k in modifiers and h.start - k <= 2:
        k -= 1
    if k >= 0 and ws[k] in names:
        return True, h.end
    if k >= 1 and ws[k] in _ROLE_WORDS and ws[k] not in names and ws[k - 1] in names:
        return True, h.end  # the relative of a post-holder of the claim's: "Corvan Group founder's son"
    if k >= 1 and ws[k] in _PRONOUNS and ws[k - 1] == "of" and any(w in names for w in ws[: k - 1]):
        # "X mourns the death of her mother": the event is the relative's ("to please his wife",
        # "dumped by her boyfriend" are X's own)
        return True, h.end
    k = h.end
    if k < len(ws) and ws[k] == "of":
        k += 1
        while k < len(ws) and (ws[k] in ("the", "a") or k in modifiers):
            k += 1
        end = k
        while end < len(ws) and ws[end] in names:
            end += 1
        return end > k, end
    return False, h.end


_PRONOUNS = frozenset(["his", "her", "their", "its"])


def _acts(folded: str, relation: Hit, said: Hit) -> bool:
    """Whether a relation followed by an announcement announces its own act (Chinese): "林夏好友
    宣布退出娱乐圈" (her friend announces quitting), not "林夏经纪人宣布林夏退出" or "...宣布其退出"
    (the agent speaks of her: the owner's name or a pronoun follows)."""
    if said.kind != "confirmation":
        return False
    after = folded[said.end : said.end + 2]
    k = relation.start - 1 if folded[relation.start - 1 : relation.start] == "的" else relation.start
    owner = folded[max(0, k - 2) : k]
    return bool(after) and not after.startswith(("其", "他", "她", "该", ":")) and after != owner


def _unspaced_owner(claim_text: str, folded: str, h: Hit) -> bool:
    """Whether the two characters before the relation (skipping 的, and a title of a post there:
    "科沃集团创始人之子") are a pair of the claim."""
    k = h.start - 1 if folded[h.start - 1 : h.start] == "的" else h.start
    if folded[k - 1 : k] in ("前", "原") and k >= 3:
        k -= 1  # a former one ("王凯前经纪人", his former agent)
    if not UNSPACED_RE.search(claim_text):
        # An English claim's names are written otherwise in Chinese ("伯格" for Berg): a name or
        # title right before the relation stands for the item's subject, the claim's (not when
        # the relation is the claim's own role: 主教练 for "head coach").
        if any(h.phrase in _ROLES_ZH.get(r, ()) for r in _claim_roles(claim_text)):
            return False
        before = folded[k - 1 : k]
        return bool(before) and (bool(UNSPACED_RE.match(before)) or before.isalnum())
    pairs = _claim_pairs(claim_text)
    if folded[max(0, k - 2) : k] in pairs:
        return True
    title = next((t for t in _TITLES_ZH if folded[max(0, k - len(t)) : k] == t), "")
    return bool(title) and title not in fold(claim_text) and folded[max(0, k - len(title) - 2) : k - len(title)] in pairs


# A picture dated to another time: "Photo of 'collapsed bridge' is from 2009" (a picture from
# elsewhere, like "old footage").
_PICTURE_DATED_RE = re.compile(
    r"\b(?:photos?|images?|pictures?|videos?|footage|clip)\b.{0,60}?\b(?:is|are|was|were|dates|dated|taken)\s+"
    r"(?:from|in|back to)\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def _bare_negation(claim_text: str, text: str) -> bool:
    """A bare 未 or 没 ("not") right before a word of a Chinese claim negates it: "宏达电子：未收到
    任何问询函" (has not received) for "宏达电子收到监管问询函", and "未收到任何立案调查通知" for
    "被立案调查" (received, any: ``_BARE_NOT_RE``). Bare, these characters are no
    negation cue: 未披露 ("undisclosed") and 未公开露面 ("not seen in public") say nothing of
    another claim's words."""
    if _before_claim_words(claim_text, text, _BARE_NOT_RE) is not None:
        return True
    no = _before_claim_words(claim_text, text, _NO_ZH_RE)
    return no is not None and no.string[no.start() : no.end() + 1] not in claim_text


# 未 or 没, and what may stand between it and the claim's words: "未收到任何立案调查通知" (has not
# received any notice of an investigation) negates 立案调查 as "未立案" does.
_BARE_NOT_RE = re.compile("[未没]有?(?:收到|接到|获得|获悉|发现|涉及)?(?:任何|相关)?")
# 无 ("no") before the claim's words: "无裁员计划" (no plan of layoffs); not where the claim writes
# it so itself (无人机, "drone").
_NO_ZH_RE = re.compile("无")


def _add_phrasings(
    claim_text: str, title: str, text: str, masked: frozenset[str], found: dict[str, list[str]]
) -> None:
    """Cues that are ways of putting things rather than words of a table: a picture dated to
    another time, the headline's future ("X to close Y"), a bare 或 ("may") before the claim."""
    if "refuting" not in masked:
        _title_refutations(title, found)
    if "intention" not in masked and (to_do := _to_do(claim_text, title)):
        found.setdefault("intention", []).append(to_do)
    if "modality" not in masked and (may := _may_zh(claim_text, text)):
        found.setdefault("modality", []).append(may)
    lowered = title.lower()
    if " of the " in lowered and (award := _AWARD_RE.search(title)) and not _AWARD_RE.search(claim_text):
        found.setdefault("award", []).append(award.group(0).lower())
    if "modality" not in masked and (supposed := _supposed(claim_text, title)):
        found.setdefault("modality", []).append(supposed)
    if "hedging" not in masked and (protest := _protested(claim_text, title)):
        found.setdefault("hedging", []).append(protest)
    if "retrospective" not in masked and (back := _back_then(claim_text, title) or _done_before(claim_text, title)):
        found.setdefault("retrospective", []).append(back)
    if "modality" not in masked and " for " in lowered and (applied := _APPLIED_RE.search(title)):
        found.setdefault("modality", []).append(applied.group(0).lower())
    if "modality" not in masked and "threat" in lowered and (threat := _THREAT_RE.search(title)):
        # "threatens to ban Chatly"; not when the claim is itself a threat, nor after the event said
        # ("beheads Haines, threatens to execute another")
        before = cue_words(title[: threat.start()])
        if (
            _an_event_word(claim_text, threat.group(2).lower())
            and not _THREAT_RE.search(claim_text)
            and not any(_an_event_word(claim_text, w) for w in before)
        ):
            found.setdefault("modality", []).append(threat.group(0).lower())


_THREAT_RE = re.compile(r"\b(threat(?:en|ens|ened|ening))\s+to\s+([^\W\d_]+)", re.IGNORECASE)


# Applying for what the claim says was granted: "files for EU approval of Zentiv".
_APPLIED_RE = re.compile(
    r"\b(?:files|filed|filing|applies|applied|applying|submits|submitted|seeks|sought)\s+for\s+(?:\w+\s+){0,2}"
    r"(?:approval|licence|license|permit|authori[sz]ation|clearance)\b",
    re.IGNORECASE,
)

_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_BEFORE_NOW_RE = re.compile(r"\b(?:last (?:year|month|week|spring|summer|autumn|winter)|years? ago|months ago|previously)\b", re.IGNORECASE)


def _done_before(claim_text: str, title: str) -> str:
    """"last year" and the like in a title about a claim of what is ahead ("will raise prices"):
    the item's event is an earlier one ("raised prices by 8% last year")."""
    if not _claim_kinds(claim_text) & _AHEAD or _BEFORE_NOW_RE.search(claim_text):
        return ""
    m = _BEFORE_NOW_RE.search(title)
    return m.group(0).lower() if m else ""


# The event dated to a year, then what is so now: "recalled insulin pens in 2019; now it faces".
_THEN_RE = re.compile(r"\bin ((?:19|20)\d\d)\b.*\b(now|years later|since then|today)\b", re.IGNORECASE)


def _back_then(claim_text: str, title: str) -> str:
    """"in 2019 ... now" when the title dates the claim's event to a year and goes on to the
    present, for a claim that names no year: the event is the story's past."""
    m = _THEN_RE.search(title) if _YEAR_RE.search(title) else None
    if not m or re.search(r"\b(?:19|20)\d\d\b", claim_text):
        return ""
    before = cue_words(title[: m.start()])
    return f"in {m.group(1)} ... {m.group(2).lower()}" if any(_an_event_word(claim_text, w) for w in before) else ""


# Protesting or opposing something named right after: "Nurses protest Mercer-Aldon merger".
_PROTEST_RE = re.compile(
    r"\b(protest|protests|protested|protesting|oppose|opposes|opposed|opposing)\s+(?:the\s+|a\s+|plans?\s+for\s+)?"
    r"((?:[A-Z][\w'\u2019-]*\s+){0,4})([a-z]+)\b"
)


def _protested(claim_text: str, title: str) -> str:
    """"protest ... merger" when the claim's event is what is protested right after the verb."""
    lowered = title.lower()
    if "protest" not in lowered and "oppos" not in lowered:
        return ""
    m = _PROTEST_RE.search(title)
    return f"{m.group(1)} {m.group(3)}" if m and _an_event_word(claim_text, m.group(3)) else ""


def _supposed(claim_text: str, title: str) -> str:
    """The claim's event named as a noun and what it "would" do ("Ada Brenn resignation would
    trigger special election"): supposed, not happened. "" if not."""
    if "would" not in title.lower():
        return ""
    ws = cue_words(title)
    for k in range(len(ws) - 1):
        if ws[k + 1] == "would" and _an_event_word(claim_text, ws[k]) and not ws[k].endswith("ed"):
            return f"{ws[k]} {ws[k + 1]}"
    return ""


# An award named after a post ("coach of the month", "player of the year"): being named it is
# no appointment.
_AWARD_RE = re.compile(
    r"\b(?:coach|manager|player|goalkeeper|rookie|driver|rider|athlete|sportsperson|person|woman|man|artist"
    r"|entertainer|musician|album|song|record|entrepreneur|ceo|executive|businessperson|teacher|journalist"
    r"|team|club|company|book|car|film|word|scientist|chef|restaurant|dog|employee)"
    r" of the (?:month|year|season|week|decade|tournament|match|series|round)\b",
    re.IGNORECASE,
)


def _may_zh(claim_text: str, text: str) -> str:
    """A bare 或 ("may") right before a word of a Chinese claim: "科沃集团或收购艾斯特食品" (may buy).
    Bare, 或 is "or" and no cue."""
    found = _before_claim_words(claim_text, text, _MAY_ZH_RE)
    return found.group(0) + found.string[found.end() : found.end() + 2] if found else ""


_MAY_ZH_RE = re.compile("或")


# Verbs that lead to what follows them (触发 trigger, 引发, 导致 cause, 面临 face, 遭遇 meet with).
_LEADING_TO = frozenset(["触发", "引发", "导致", "面临", "遭遇"])


def _before_claim_words(claim_text: str, text: str, marker: re.Pattern[str]) -> re.Match[str] | None:
    """The first ``marker`` in the (folded) item right before a word (character pair) of a Chinese
    claim, or a Chinese word of a spaced claim's event (``_cross_words``); None if none there."""
    if UNSPACED_RE.search(claim_text):
        pairs = _claim_pairs(claim_text)
        folded = fold(text)

        def before(m: re.Match[str]) -> bool:
            at = m.end() + 2 if folded[m.end() : m.end() + 2] in _LEADING_TO else m.end()
            return folded[at : at + 2] in pairs  # "或退市", "或触发退市" (may trigger delisting)

        return next((m for m in marker.finditer(folded) if before(m)), None)
    said = _cross_words(claim_text)  # an English claim's event in Chinese words: "无撤出计划"
    if not said or not UNSPACED_RE.search(text):
        return None
    folded = fold(text)
    return next(
        (m for m in marker.finditer(folded) if any(w in folded[m.end() : m.end() + CROSS_GAP + len(w)] for w in said)),
        None,
    )


def _title_refutations(title: str, found: dict[str, list[str]]) -> None:
    """Refutations of the headline's shape: an answer "No, ..." and a picture from another year."""
    if _NO_RE.search(title):
        found.setdefault("refuting", []).insert(0, "no,")
    if dated := _PICTURE_DATED_RE.search(title):
        found.setdefault("refuting", []).append(dated.group(0))


@lru_cache(maxsize=4096)
def _claim_roles(claim_text: str) -> frozenset[str]:
    """The titles of a post the claim writes ("coach", "president")."""
    return _ROLE_WORDS.intersection(cue_words(claim_text))


# 副 (deputy) or 前 (former) before the claim's title (not the 前 of 目前, 之前, 以前 ...).
_DEPUTY_ZH_RE = re.compile("副|(?<![目之以提当此眼日年月天从生])前")


# Before a title, a word that makes its holder someone else than the post's own ("assistant
# coach", "deputy prime minister", "vice-president").
_DEPUTY_RE = re.compile(r"\b(deputy|vice|assistant|associate)[\s-]+([^\W\d_]+)(?:\s+([^\W\d_]+))?", re.IGNORECASE)


# Posts at the top of a company, each in its words: a claim naming one is not confirmed by an item
# naming another and not it ("named CFO" for "named CEO").
_POSTS = {
    "ceo": "ceo", "chief executive": "ceo", "cfo": "cfo", "chief financial officer": "cfo",
    "finance chief": "cfo", "finance director": "cfo", "cto": "cto", "chief technology officer": "cto",
    "coo": "coo", "chief operating officer": "coo", "chairman": "chair", "chairwoman": "chair",
    "chair": "chair", "president": "president", "mayor": "mayor", "governor": "governor", "senator": "senator",
    "prime minister": "prime minister",
}
# Bounded by what is not a Latin letter, so that a post written in Latin letters in Chinese text
# is found too ("沃尔特拉移动CFO宣布辞职": \b sees no boundary between 动 and C).
_POST_RE = re.compile(
    r"(?<![A-Za-z])(" + "|".join(sorted(map(re.escape, _POSTS), key=len, reverse=True)) + r")(?![A-Za-z])", re.IGNORECASE
)


def _posts(text: str) -> frozenset[str]:
    return frozenset(_POSTS[m.group(1).lower()] for m in _POST_RE.finditer(text))


@lru_cache(maxsize=4096)
def _claim_posts(claim_text: str) -> frozenset[str]:
    return _posts(claim_text)


# Groups of a company's people that strike, walk out or are cut, each in its words ("cabin crew"
# to strike is not "pilots will strike"). Staff, workers and employees name any of them.
_GROUPS = {
    "pilots": "pilots", "pilot": "pilots", "cabin crew": "cabin crew", "flight attendants": "cabin crew",
    "ground staff": "ground staff", "ground crew": "ground staff", "baggage handlers": "ground staff",
    "air traffic controllers": "controllers", "controllers": "controllers", "nurses": "nurses",
    "junior doctors": "doctors", "doctors": "doctors", "teachers": "teachers", "lecturers": "lecturers",
    "train drivers": "drivers", "bus drivers": "drivers", "drivers": "drivers", "engineers": "engineers",
    "dockers": "dockers", "dock workers": "dockers", "miners": "miners", "security guards": "guards",
    "guards": "guards", "cleaners": "cleaners", "conductors": "conductors", "porters": "porters",
    "paramedics": "paramedics", "firefighters": "firefighters", "postal workers": "postal workers",
    "warehouse workers": "warehouse workers", "factory workers": "factory workers",
}
_GROUP_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _GROUPS), key=len, reverse=True)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _claim_groups(claim_text: str) -> frozenset[str]:
    return _groups(claim_text)


def _groups(text: str) -> frozenset[str]:
    """The groups of people (``_GROUPS``) a text names."""
    return frozenset(_GROUPS[m.group(1).lower()] for m in _GROUP_RE.finditer(text))


def _other_group(claim_text: str, title: str) -> str:
    """Another group than the claim's, the claim's named nowhere in the title: "Zephyr cabin crew
    to strike next week" for "Zephyr Airways pilots will strike next week"."""
    mine = _claim_groups(claim_text)
    if not mine:
        return ""
    theirs = _groups(title)
    return min(theirs - mine) if theirs and not theirs & mine else ""


def _other_post(claim_text: str, title: str) -> str:
    """Another post than the claim's, the claim's named nowhere in the title: "Kira Holm named CFO
    of Dartel" for "Kira Holm has been named CEO of Dartel"."""
    mine = _claim_posts(claim_text)
    if not mine:
        return ""
    theirs = _posts(title)
    return min(theirs - mine).upper() if theirs and not theirs & mine else ""


def _post_before_event(claim_text: str, title: str) -> str:
    """Another post than the claim's right before a word of its event, even with the claim's post
    named elsewhere: "Brisa Telecom chairman steps down; CEO Omar Lind to lead search" for "CEO
    Omar Lind steps down" (the chairman's event)."""
    mine = _claim_posts(claim_text)
    if not mine:
        return ""
    for m in _POST_RE.finditer(title):
        if _POSTS[m.group(1).lower()] in mine:
            continue
        after = cue_words(title[m.end() :])[:1]
        if after and _an_event_word(claim_text, after[0]):
            return m.group(1)
    return ""


# Leaving events, whose object after "from" or "as" says which post or body is left.
_LEAVING = frozenset(families(("resigns", "quits")).keys())
# Words that name no particular post or body ("steps down from his post").
_ANY_POST = frozenset(
    ["role", "roles", "post", "posts", "position", "job", "office", "duties", "top", "company", "firm", "group", "his", "her", "their", "the", "a", "its"]
)


def _left_elsewhere(claim_text: str, title: str) -> str:
    """Another post or body left: a leaving event followed by "from" or "as" and words none of
    which is the claim's ("Omar Lind steps down from charity board", "steps down as chairman"
    for "Brisa Telecom CEO Omar Lind steps down"). Not "from his post", "as Brisa Telecom chief"."""
    if not _event_families(claim_text) & _LEAVING:
        return ""
    claim = {term(w) for w in cue_words(claim_text)} | set(_claim_posts(claim_text))
    ws = cue_words(title)
    for k, w in enumerate(ws[:-2]):
        if not families((w,)).keys() & _LEAVING and not (w == "down" and k and ws[k - 1] in ("steps", "step", "stepped", "stepping")):
            continue
        if ws[k + 1] not in ("from", "as"):
            # or what the claim's person leaves, right after it ("Leo Park leaves hospital", "leaves
            # his label" for "has left the band Ninefold"), when the claim names what is left
            if not k or ws[k - 1] not in _claim_names(claim_text) or not _claim_left_named(claim_text):
                continue
            j = k + 1
            while j < len(ws) - 1 and ws[j] in _OWNING:
                j += 1
            x = ws[j]
            if x not in STOPWORDS and x not in _ANY_POST and term(x) not in claim and x not in _claim_names(claim_text):
                return f"{w} {x}"
            continue
        named = [x for x in ws[k + 2 : k + 5] if x not in _ANY_POST and x not in STOPWORDS][:2]
        posts = _posts(" ".join(ws[k + 2 : k + 5]))
        if named and not any(term(x) in claim for x in named) and not posts & _claim_posts(claim_text):
            return " ".join(ws[k : k + 2 + len(named) + 1])
    return ""


_OWNING = frozenset(["his", "her", "their", "its", "the", "a", "an"])


@lru_cache(maxsize=4096)
def _claim_left_named(claim_text: str) -> bool:
    """Whether a claim names what its subject leaves, after its leaving word ("has left the band
    Ninefold")."""
    tokens = _NAME_TOKEN_RE.findall(claim_text)
    at = next((k for k, w in enumerate(tokens) if families((w.lower(),)).keys() & _LEAVING), -1)
    return at >= 0 and any(w[:1].isupper() for w in tokens[at + 1 :])


# Who worked for a company or held a post, named as "former X staff".
_PEOPLE = frozenset(
    [
        "staff", "employee", "employees", "worker", "workers", "executive", "executives", "boss",
        "bosses", "ceo", "chief", "manager", "managers", "director", "directors", "engineer",
        "engineers", "player", "players", "star", "member", "members",
    ]
)


def _former_people(claim_text: str, title: str) -> str:
    """People who were the claim's subject's, named so ("Former Talvik Games staff launch new
    studio" for "Talvik Games is laying off 300 staff"): their event is not the subject's. Not when
    the claim is itself about someone former."""
    claim_words = cue_words(claim_text)
    if "former" in claim_words or "ex" in claim_words:
        return ""
    names = _claim_names(claim_text)
    ws = cue_words(title)
    for k, w in enumerate(ws):
        if w not in ("former", "ex"):
            continue
        at = k + 1
        while at < len(ws) and ws[at] in names:
            at += 1
        if at > k + 1 and at < len(ws) and ws[at] in _PEOPLE:
            return " ".join(ws[k : at + 1])
    return ""


# Events that choose someone: who is chosen is the news ("names Tom Reed CEO" is not "Kira Holm
# has been named CEO"); naming only with a post to fill (else it identifies: "X named as London man").
_CHOOSING = frozenset(families(("chosen", "won")).keys())
_NAMING = frozenset(families(("named",)).keys())


def _someone_else_chosen(claim_text: str, title: str) -> str:
    """Another person's name where the claim's person (two or more capitalised words) is chosen,
    the claim's person named nowhere in the title: "Dartel names Tom Reed CEO" for "Kira Holm has
    been named CEO of Dartel". For choosing, winning, or naming to a post (naming alone identifies:
    "Jihadi John named as London man"). Not in a Title Case headline (its capitals name no one).
    For any event, another full name cost 15 of Emergent's confirming headlines (places, groups:
    "Islamic State executes American journalist")."""
    events = _event_families(claim_text)
    if not events & _CHOOSING and not (events & _NAMING and (_claim_posts(claim_text) or _claim_roles(claim_text))):
        return ""
    # the clause that says the choosing: "Juventus name Paolo Reni coach, snubbing Marco Ellis"
    clauses = [c for c in _CLAUSE_RE.split(title) if c.strip()]
    title = next((c for c in clauses if any(_an_event_word(claim_text, w) for w in cue_words(c))), title)
    tokens = re.findall(r"[^\W\d_]+", title)
    if len(tokens) < 3 or not any(t.islower() and len(t) > 3 for t in tokens[1:]):
        return ""
    names = _claim_names(claim_text)
    shown = {t.lower() for t in tokens}
    if not any(all(w.lower() not in shown for w in p.split()) for p in _PERSON_RE.findall(claim_text)):
        return ""  # the claim's person is in the title (or the claim names none)
    others = [
        t for t in tokens[1:]
        if t[0].isupper() and not t.isupper() and t.lower() not in names and t.lower() not in STOPWORDS
    ]
    return " ".join(others[:2])


_PERSON_RE = re.compile(r"\b[A-Z][a-z\u00e0-\u00ff'\u2019-]+(?:\s+[A-Z][a-z\u00e0-\u00ff'\u2019-]+)+")


# Relations that name another company or person by themselves when they open a headline.
_OTHERS = frozenset(
    ["rival", "rivals", "competitor", "competitors", "subsidiary", "supplier", "suppliers", "neighbouring", "neighboring"]
)


def _unowned_relation_first(claim_text: str, title: str) -> str:
    """A rival or the like opening the title, none of the claim's names in it: "Rival drugmaker
    settles opioid lawsuit" for "Lindqvist Pharma has settled the opioid lawsuit"."""
    ws = cue_words(title)
    if not ws or ws[0] not in _OTHERS or ws[0] in cue_words(claim_text):
        return ""
    # the claim's first name, its own ("Vantor" of "Vantor Bank"; a "Bank" is anyone's), not a
    # word the title writes in lower case ("Streamer Nova Flix": "Rival streamer Orbit TV")
    common = {w for w in re.findall(r"[^\W\d_]+", title) if w.islower()}
    first = next((w for w in cue_words(claim_text) if w in _claim_names(claim_text) and w not in common), "")
    if not first:
        return ""
    if first not in ws:
        return ws[0]
    # the claim's name only in a clause after the rival's: "Rival Vexa cuts 3,000 jobs as Orrin
    # expands"
    return ws[0] if _CLAUSE_JOINERS.intersection(ws[1 : ws.index(first)]) else ""


# Words that open another clause after a headline's own ("... as X expands").
_CLAUSE_JOINERS = frozenset(["as", "while", "after", "amid", "despite", "but", "whereas"])


def _a_rival_undergoes(claim_text: str, title: str) -> str:
    """A rival or the like right before the claim's event word, as its subject: "Brant Bank boosts
    cyber defences after rival hit by attack" for "Brant Bank has been hit by a cyberattack"."""
    lowered = title.lower()
    if not any(o in lowered for o in ("rival", "competitor", "neighbo", "subsidiar", "supplier")):
        return ""
    ws = cue_words(title)
    for k in range(len(ws) - 1):
        if ws[k] in _OTHERS and ws[k] not in cue_words(claim_text) and _an_event_word(claim_text, ws[k + 1]):
            return f"{ws[k]} {ws[k + 1]}"
    return ""


# An English claim's roles in Chinese titles ("CEO" is 首席执行官 or 总裁), and Latin titles.
_ROLES_ZH = {
    "ceo": ("首席执行官", "总裁", "执行长"), "chief": ("首席执行官", "总裁", "执行长"),
    "executive": ("首席执行官", "总裁", "执行长"), "chairman": ("董事长", "主席"), "chairwoman": ("董事长", "主席"),
    "chair": ("董事长", "主席"), "president": ("总统", "总裁", "主席"), "founder": ("创始人",),
    "cofounder": ("创始人",), "co-founder": ("创始人",), "coach": ("教练", "主帅", "主教练"),
    "manager": ("经理", "主帅", "主教练"), "minister": ("部长", "总理", "首相", "大臣"),
    "governor": ("州长", "省长", "行长"), "mayor": ("市长",), "captain": ("队长",), "director": ("总监", "董事"),
    "secretary": ("秘书", "部长"), "boss": ("首席执行官", "总裁", "老板"),
}
_LATIN_TITLES = frozenset(["ceo", "cfo", "coo", "cto", "cio", "cmo"])
_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]")


def _chinese_item_other(claim_text: str, text: str) -> str:
    """Someone or something else in a Chinese item about a claim written with spaces: another
    title than the claim's role ("赫利克斯制药CFO辞职", "副总裁辞职" for "Helix Pharma CEO ...
    steps down"), a Latin name none of the claim's ("瓦尔多利亚禁止TikTok" for "bans ... Chirp"), or
    the claim's object acting before its event ("VoltaCell收购一家锂矿公司" for "Nordvik to acquire
    VoltaCell"). "" otherwise, and for any other claim or item."""
    if UNSPACED_RE.search(claim_text) or not UNSPACED_RE.search(text):
        return ""
    folded = fold(text)
    return _other_role_zh(claim_text, folded) or _other_latin_name(claim_text, text, folded)


def _other_role_zh(claim_text: str, folded: str) -> str:
    """A deputy of the claim's role, or another title without the claim's own, in a (folded)
    Chinese item about a spaced claim naming a role."""
    roles = _claim_roles(claim_text)
    if not roles:
        return ""
    own = {t for r in roles for t in _ROLES_ZH.get(r, ())} | (roles & _LATIN_TITLES)
    latin = {w.lower() for w in _LATIN_RE.findall(folded)} & _LATIN_TITLES
    titles: list[str] = [m.group(0) for m in _TITLE_ZH_RE.finditer(folded)] + sorted(latin)
    deputy = next((m.group(0) + t for t in own for m in _DEPUTY_ZH_RE.finditer(folded) if folded.startswith(t, m.end())), "")
    if deputy:
        return deputy  # 副总裁 for "CEO"
    if titles and not any(t in own for t in titles) and not any(t in folded for t in own):
        return titles[0]  # CFO, 董事长 for "CEO"
    return ""


def _other_latin_name(claim_text: str, text: str, folded: str) -> str:
    """A Latin name of a Chinese item when none is the claim's, or the claim's object opening the
    item right before the claim's event in Chinese words."""
    names = _claim_names(claim_text)
    latin = [
        w for w in _LATIN_RE.findall(text)
        if (len(w) > 3 or not w.isupper()) and w.lower() not in _LATIN_TITLES and not w.isdigit()
    ]

    if latin and not any(_a_form_of(w, names) for w in latin):
        return str(latin[0])
    said = _said_in_chinese(claim_text, folded)
    first = _LATIN_RE.match(folded.lstrip(" \"'“‘《"))
    if not said or first is None or said not in folded[first.end() : first.end() + CROSS_GAP + len(said)]:
        return ""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    at = next((k for k, w in enumerate(claim) if said in cuelib.cross_words_zh(
        frozenset(families((w.lower(),))), frozenset([term(w.lower())]))), -1)
    objects = {w.lower() for w in claim[at + 1 :] if w[:1].isupper()} if at >= 0 else set()
    # the claim's object acting, first and right before the event: "VoltaCell收购一家锂矿公司"
    # for "Nordvik to acquire VoltaCell"
    return str(first.group(0)) if first.group(0) in objects else ""


# "Another Dario Velez", "a different John Smith": someone of the same name.
_NAMESAKE_RE = re.compile(r"\b((?i:another|a different))\s+((?:[A-Z][^\W\d_]+['\u2019-]?\s*){1,3})")


def _namesake(claim_text: str, title: str) -> str:
    """Someone of the claim's name who is not the claim's person ("Another Dario Velez, a
    cyclist, retires" for "Footballer Dario Velez has retired"), "" if none."""
    names = _claim_names(claim_text)
    for m in _NAMESAKE_RE.finditer(title):
        named = cue_words(m.group(2))
        if named and set(named) <= names:
            return f"{m.group(1).lower()} {m.group(2).strip()}"
    return ""


def _deputy(claim_text: str, text: str) -> str:
    """A deputy in the claim's title's place: "Riverton sack assistant coach" is not "Coach Ben
    Arbel has been sacked", nor (Chinese) "德信银行副行长辞职" the claim's 行长 (副行长, the
    vice-president; 前行长, the former one). "" when the claim itself names the deputy."""
    if not UNSPACED_RE.search(claim_text):
        roles = _claim_roles(claim_text)
        if not roles:
            return ""
        claim = claim_text.lower()
        for m in _DEPUTY_RE.finditer(text):
            if m.group(1).lower() in claim:
                continue
            for k in (2, 3):  # the title, or the word after one more ("deputy prime minister")
                if (m.group(k) or "").lower() in roles:
                    return " ".join(m.group(*range(1, k + 1))).lower()
        return ""
    folded, claim = fold(text), fold(claim_text)
    for m in _DEPUTY_ZH_RE.finditer(folded):
        title = folded[m.end() : m.end() + 2]
        if len(title) == 2 and title in claim and f"{m.group(0)}{title}" not in claim:
            return f"{m.group(0)}{title}"
    return ""


# A headline answering no: "No, X has not ...", "X dead? Nope." (not "No one ...").
_NO_RE = re.compile(r"(?:^\W*|[?:]\s*)(?:no|nope)\s*(?:[,.!:;\u2014-]|$)", re.IGNORECASE)


def _framing_hits(claim_text: str, title: str, summary: str, text: str) -> dict[str, list[Hit]]:
    """The cues of ``_read``'s text by language. A title that asserts the claim's event frames
    the item: its lead adds only ``_LEAD_KINDS``. A title without it (a bare name, "X shares
    rise") is read with its lead whole."""
    by_lang: dict[str, list[Hit]] = {}
    ends = _title_ends(title) if summary.strip() and title.strip() else None
    # A title that names only the event's things ("What the Eastgate stadium means") does not
    # assert it: its lead is read whole ("... if approved").
    asserts = ends is not None and _event(claim_text, _unrumoured(title)) and not _named_only(claim_text, title)
    in_title = ends if asserts else None
    ws = cue_words(text)
    for lang, h in _hits(text):
        unspaced = TABLES[lang].unspaced
        if in_title is not None and h.start >= in_title[unspaced] and h.kind not in _LEAD_KINDS:
            continue  # the lead's "said", "could", "cancelled" ... are its story's, not framing
        if ends is not None and h.start >= ends[unspaced] and _idle_negation(claim_text, text, h, unspaced):
            continue  # a "no" of the lead's details ("no reason was given")
        if not unspaced and (_a_noun(h, ws) or _a_ruling(h, ws)):
            continue  # "pulls peanut butter from shelves", not "shelves its plant"; "lawsuit dismissed"
        if unspaced and _a_plan_of_the_event(claim_text, text, h):
            continue  # "宣布裁员计划" announces the layoffs' plan; "计划裁员" only plans them
        if unspaced and _an_effective_date(text, h):
            continue  # "下周起全线产品上调2元": from next week, a change made, not one planned
        by_lang.setdefault(lang, []).append(h)
    return by_lang


_PLAN_NOUNS_ZH = frozenset(["计划"])


def _a_plan_of_the_event(claim_text: str, text: str, h: Hit) -> bool:
    """Whether a Chinese intention word is a noun after the claim's event ("裁员计划", "关闭工厂的
    计划": the plan of it), which the other cues frame (宣布, 无, 网传), not a verb before it."""
    if h.kind != "intention" or h.phrase not in _PLAN_NOUNS_ZH:
        return False
    claim_words = _unspaced_claim_words(claim_text)
    before = text[: h.start].removesuffix("的")
    return before[-2:] in claim_words and text[h.end : h.end + 2] not in claim_words


_WHEN_ZH = frozenset(["下月", "下个月", "下周", "明年"])
_EFFECTIVE_RE = re.compile(r"(?:\d+月)?(?:\d+[日号])?(?:起|开始|生效)")


def _an_effective_date(text: str, h: Hit) -> bool:
    """Whether a Chinese time word of the intention table is the date a change takes effect
    ("下周起", "下月1日起", "下月生效"): the change is made, its date ahead."""
    if h.kind != "intention" or h.phrase not in _WHEN_ZH:
        return False
    return _EFFECTIVE_RE.match(fold(text), h.end) is not None


@lru_cache(maxsize=512)  # read twice per item and claim (its flag and ``_another_event``)
def _named_only(claim_text: str, text: str) -> bool:
    """Whether a spaced claim's event has a word family and the text holds none of its words:
    the event's things are named ("call centre"), not what happens to them ("close")."""
    if UNSPACED_RE.search(claim_text):
        return False
    claim_families = _event_families(claim_text)
    return bool(claim_families) and not families(cue_words(text)).keys() & claim_families


# Rumour nouns, and the words before them that name what the rumour is of ("bankruptcy rumours",
# "破产传闻"): a title naming the event so asserts nothing, and its lead is read whole.
_RUMOUR_NOUN_RE = re.compile(
    r"(?:[^\W\d_]+\s+){0,2}(?:rumou?rs?|speculation|claims|reports)\b|[\u4e00-\u9fff]{0,4}(?:传闻|传言|谣言)",
    re.IGNORECASE,
)


@lru_cache(maxsize=512)  # an item's title, read again for each claim it is a candidate for
def _unrumoured(title: str) -> str:
    """A title with its rumour nouns and what they are of blanked: "Pelican Airways responds to
    bankruptcy rumours" keeps no event of "files for bankruptcy"."""
    return _RUMOUR_NOUN_RE.sub(lambda m: " " * len(m.group(0)), title)


# What the lead of an item's summary adds to a title that asserts the claim's event:
# refutations, denials, rumour words, confirmations, fiction. Not its attribution ("the company
# said"), modality ("could not go ahead"), negations ("has not yet signed"), reversals ("crossings
# were cancelled") nor its people: they tell the story's details, which the title frames. Read
# whole, a lead weighed like a title of its own, and Emergent (titles only) never taught the
# model how a lead reads: on 43 probe items with leads written like a wire story's, 9 of 14
# right confirmations went to `reports`.
_LEAD_KINDS = frozenset(
    ["refuting", "denial", "dismissal", "weak_refuting", "hedging", "confirmation", "fiction", "retrospective"]
)


def _idle_negation(claim_text: str, text: str, h: Hit, unspaced: bool) -> bool:
    """Whether a hit is a negation with none of the claim's words just after it (spaced words)."""
    if h.kind != "negation" or unspaced:
        return False
    return not _near(range(h.end, h.end + NEGATION_SCOPE_WORDS), stems(text), _claim_stems(claim_text, 3))


# "X to close Y": a headline's future, opening with the claim's subject and "to" before its
# event, for a claim that says it happened ("has closed"). A prefix before a colon may come first.
_TO_RE = re.compile(r"^(?:[^:]{0,40}:\s*)?((?:[^\W\d_]+['\u2019]?s?[\s-]+){1,4})to\s+([^\W\d_]+)", re.IGNORECASE)


def _to_do(claim_text: str, title: str) -> str:
    """"to close" when the title says the claim's event is to come ("Orvin Foods to close Leeds
    factory") and the claim, not in the future tense, says it happened ("has closed")."""
    m = _TO_RE.match(title.strip())
    if m is None:
        return ""
    subject, verb = cue_words(m.group(1)), m.group(2).lower()
    if subject and set(subject) <= _claim_names(claim_text) and _an_event_word(claim_text, verb):
        return f"to {verb}"
    return ""


def _title_ends(title: str) -> tuple[int, int]:
    """Where the title ends in ``_read``'s text: (word position, character position) for a table
    of spaced and one of unspaced words."""
    return len(cue_words(title)), len(fold(title))


def _asks(text: str) -> bool:
    """Whether a headline ends on a question ("Has X died?"); a question answered after it
    ("X dead? No, ...", "Comfort eating? Woman spends a week in KFC") is read by the other cues."""
    return text.rstrip(" \t\"'\u201d\u2019)]").endswith(("?", "\uff1f", "\u061f"))


_ANSWERS = frozenset(["refuting", "denial", "confirmation", "weak_refuting"])
# A headline opening on a question ("Is X recalling your car? How to check").
_ASKING_RE = re.compile(r"\s*[\"'\u201c]?(?:Is|Are|Was|Were|Will|Does|Did|Has|Have|Can|Could|Should|Do)\s[^?]*\?")


def _asks_unanswered(claim_text: str, title: str) -> bool:
    """Whether an English headline opens on a question and what follows it does not say the
    claim's event ("Is Aldera recalling your car? How to check"); one that does ("Is Kim ill?
    Dictator in poor health as ...") is read by the other cues."""
    m = _ASKING_RE.match(title)
    return m is not None and not _event(claim_text, title[m.end() :])


def _asks_unanswered_zh(title: str) -> bool:
    """Whether a Chinese headline asks about the claim and leaves it open after the question mark
    ("…合并？业内人士这样说": what insiders say); one answered after it ("…去世？假消息", "…造车？
    官宣了") is read by the other cues."""
    at = max(title.find("？"), title.find("?"))
    if at <= 0 or not UNSPACED_RE.search(title[:at]):
        return False
    rest = fold(title[at + 1 :])
    return not any(h.kind in _ANSWERS for _, h in _hits(rest))


def _first_sentence(text: str) -> str:
    m = re.match(r"[^.!?\uff1f\u061f\u3002]*[.!?\uff1f\u061f\u3002]?", text.strip())
    return m.group(0) if m else ""


# "No recall yet", "has not recalled any cars yet", "no intention of resigning - for now": the
# event is pending, which is no denial of it.
_NOT_YET_RE = re.compile(
    r"\b(?:no|not|n['\u2019]t)\b(?:(?:\s+[^\W\d_]+){0,4}?\s+yet\b|[^.;:?!]{0,60}?\bfor (?:now|the time being)\b)",
    re.IGNORECASE,
)


def _pending(title: str, summary: str) -> tuple[str, str, str]:
    """Title and summary with their "not ... yet" and "not ... for now" blanked out (same length,
    so every position holds), and the first such phrase: read as hedging, it neither negates nor
    contradicts."""
    phrases = [m.group(0) for t in (title, summary) for m in _NOT_YET_RE.finditer(t)]
    if not phrases:
        return title, summary, ""

    def blank(t: str) -> str:
        return _NOT_YET_RE.sub(lambda m: " " * len(m.group(0)), t)

    return blank(title), blank(summary), phrases[0].lower()


def _kind_here(claim_text: str, text: str, lang: str, h: Hit) -> str:
    """What a cue counts as in this item ("" for nothing): a concern frames the claim or is weak,
    a targeted cue needs its target, a near miss must miss the claim's own event ("This boy
    nearly died, now he has a superpower" is another matter)."""
    if h.kind == "concern":
        return "hedging" if _frames_the_claim(claim_text, text, lang, h) else "weak_hedging"
    if h.kind in _TARGETED:
        return _targeted(claim_text, text, lang, h)
    if h.kind == "near_miss":
        return "modality" if _a_near_miss_of_the_event(claim_text, h) else ""
    if h.kind == "not_negating":
        return ""  # "not only": matched to keep its "not" from negating, and nothing else
    if h.kind == "refuting" and h.phrase in ("scam", "scams") and not _called_a_scam(text, h):
        return ""  # "warns customers of phishing scam": a scam of its own, no refutation
    return h.kind


def _called_a_scam(text: str, h: Hit) -> bool:
    """Whether "scam" calls something a scam ("is a scam", "a total scam", "scam!")."""
    ws = cue_words(text)
    before = ws[max(0, h.start - 3) : h.start]
    return not before or bool({"is", "a", "was", "its", "it's", "total", "just", "complete"} & set(before))


@lru_cache(maxsize=2048)
def reading(claim_text: str, title: str, summary: str = "") -> Reading:
    """The cues of an item (its title and the lead of its summary) towards a claim."""
    title, summary, pending = _pending(title, summary)
    text = _read(title, summary)
    masked = _claim_kinds(claim_text)
    found: dict[str, list[str]] = {}
    negation, reversal, near, other = False, "", False, ""
    denials: list[tuple[str, Hit]] = []
    by_lang = _framing_hits(claim_text, title, summary, text)
    for lang, hits in by_lang.items():
        kept = [h for h in hits if h.kind not in masked]
        for h in kept:
            kind = _kind_here(claim_text, text, lang, h)
            if not kind:
                continue
            found.setdefault(kind, [])
            if h.phrase not in found[kind]:
                found[kind].append(h.phrase)
            if kind == "denial":
                denials.append((lang, h))
        n, r, near_ = _scopes(claim_text, text, lang, kept)
        negation = negation or n
        if r and not reversal:
            reversal, near = r, near_
        other = other or _subject_other(claim_text, text, lang, hits)
    other = other or _relative_clause_subject(claim_text, text)
    negation = negation or _bare_negation(claim_text, text)
    if not reversal and "reversal" not in masked and (passed_over := _chosen_over(claim_text, text)):
        reversal, near = passed_over, True
    _add_phrasings(claim_text, title, text, masked, found)
    if pending and "hedging" not in masked:
        found.setdefault("hedging", []).append(pending)
    other = (
        other
        or _deputy(claim_text, text)
        or _other_title_zh(claim_text, text)
        or _other_post(claim_text, title)
        or _other_group(claim_text, title)
        or _post_before_event(claim_text, title)
        or _left_elsewhere(claim_text, title)
        or _former_people(claim_text, title)
        or _someone_else_chosen(claim_text, title)
        or _unowned_relation_first(claim_text, title)
        or _a_rival_undergoes(claim_text, title)
        or _namesake(claim_text, title)
        or _chinese_item_other(claim_text, text)
        or _event_describes_another(claim_text, title)
        or _another_undergoes(claim_text, title)
        or _another_partner(claim_text, title, text)
        or _patient_acts(claim_text, title)
        or _event_by_another(claim_text, title)
        or _another_of_the_name(claim_text, title)
    )
    question = (
        _asks(title)
        or _asks_unanswered_zh(title)
        or _asks_unanswered(claim_text, title)
        or (not title.strip() and _asks(_first_sentence(summary)))
    )
    event = _event(claim_text, text) or _across(claim_text, text, found)
    # What the item itself says of the event: its title, not its lead's details; but a title
    # without the event ("takes delivery of its first A350") leaves it all to the lead.
    own = title if title.strip() and (not summary.strip() or not event or _event(claim_text, title)) else text
    reversal, near = _other_stops_as_modality(claim_text, own if event else "", reversal, near, found)
    reversal, near = _refusal_as_modality(claim_text, own, reversal, near, found)
    reversal, near = _delay_as_modality(claim_text, own, reversal, near, found)
    reversal, near = _sanction_not_reversal(claim_text, own, reversal, near, found)
    return Reading(
        found=found,
        question=question or bool(found.get("question")),
        negation_scope=negation,
        reversal=reversal,
        reversal_scope=near,
        subject_other=other,
        event=event,
        contrary=(contrary := _contrary(claim_text, own))[0],
        contrary_beside_event=contrary[1],
        other_number=_other_number(claim_text, own),
        other_object=(
            _another_place_zh(claim_text, own)
            or _another_jurisdiction(claim_text, own)
            or _another_place(claim_text, own)
            or _a_thing_of_the_object(claim_text, own)
            or _another_route_zh(claim_text, own)
            or _another_event(claim_text, own)
            or _another_doing(claim_text, own)
            or _another_as(claim_text, own)
        ),
        unread_language=_unread_language(text),
        denial_elsewhere="" if event or found.get("refuting") else _denial_elsewhere(claim_text, text, denials),
        event_named_only=bool(event) and _named_only(claim_text, own),
        concern=any(h.kind == "concern" for hits in by_lang.values() for h in hits),
    )


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


def _other_number(claim_text: str, text: str) -> str:
    """Another number for the same thing than the claim's ("Harbor Steel cuts 200 jobs" for "will
    cut 2,000 jobs"; "$5 million" for "$50 million"): "'200 job' where the claim says 2,000", or ""
    when the numbers agree (within ``NUMBER_TOLERANCE``) or count different things. Also another
    month, a part where the claim says all, and another model code ("A320" for "C919")."""
    months, their_months = _months(claim_text), _months(text)
    if months and their_months and not months & their_months:
        return f"another month ({_month_name(min(their_months))}) than the claim's"
    if _ALL & set(cue_words(claim_text)) and (part := next((w for w in cue_words(text) if w in _PART), "")):
        return f"'{part}' where the claim says all"
    if part := _part_zh(claim_text, text):
        return f"'{part}' where the claim says all"
    if across := _other_number_across(claim_text, text):
        return across
    codes, their_codes = _codes(claim_text), _codes(text)
    if codes and their_codes and not codes & their_codes:
        return f"'{min(their_codes)}' where the claim says {min(codes)}"
    codes |= _claim_short_codes(claim_text)
    if codes and (first := _code_after_event(claim_text, text)) and first not in codes:
        return f"'{first}' where the claim says {min(codes)}"  # "cuts X8 price ahead of X9 launch"
    if codes and (thing := _another_thing_of_the_code(claim_text, text, codes)):
        return thing
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


def _agree(values: set[float], others: set[float]) -> bool:
    """Whether some value is another's within ``NUMBER_TOLERANCE``."""
    return any(abs(a - b) <= NUMBER_TOLERANCE * max(a, b) for a in values for b in others)


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


# Chinese units that date or rank rather than count (年 year, 月, 日, 号 number, 季 quarter, 届).
_TIME_UNITS_ZH = frozenset("年月日号季届期代")


def _values_across(claim_text: str, text: str) -> tuple[set[float], set[float]]:
    """A spaced claim's numbers and a Chinese item's counts (not its dates), values only: their
    units cannot be compared across languages."""
    mine = {v for values in _claim_numbers(claim_text).values() for v in values}
    theirs = {v for unit, values in _numbers_zh(text).items() if unit not in _TIME_UNITS_ZH for v in values}
    return mine, theirs


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


def _codes(text: str) -> frozenset[str]:
    """The model codes of a text, upper-cased without the hyphen ("f-35" is "F35"), and without
    an "s" of the plural after the number ("A321s" is "A321")."""
    return frozenset(re.sub(r"(?<=\d)S$", "", m.group(0).upper().replace("-", "")) for m in _CODE_RE.finditer(text))


# "cancels some Lisbon flights" for "has cancelled all flights to Lisbon".
_ALL = frozenset(["all", "every", "entire", "whole", "fleet"])
_PART = frozenset(["some", "several", "few", "partial", "partially", "one", "two", "three"])


def _shown(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def _month_name(n: int) -> str:
    return next(m for m, k in _MONTHS.items() if k == n).capitalize()


_NAME_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# Words naming a people or a country's things ("American", "Scottish", "Israeli"): an item says
# the claim's place so ("Scottish restaurant" for "in Scotland"), so they name no other place.
_DEMONYM_RE = re.compile(
    r"(?:ish|an|ese|ic|israeli|iraqi|pakistani|saudi|omani|yemeni|kuwaiti|bangladeshi|nepali|somali|thai"
    r"|qatari|emirati|bahraini|azerbaijani|afghani|kashmiri|punjabi|bengali|hindi|iraqi|yazidi)$"
)
_PLACE_PREPOSITIONS = frozenset(["in", "at", "to", "from", "for", "near", "over", "on"])
PLACE_SCOPE_WORDS = 3
# Capitalised words that name a time, not a place or thing (another date is ``_other_number``'s).
_DAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_NOT_PLACES = STOPWORDS | _DAYS | frozenset(_MONTHS)
NAME_PREFIX = 4


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
    if not own:
        return ""
    names = [w.lower() for w in claim if w[:1].isupper()]
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
    after = item[at_item + 1 : at_item + 1 + PLACE_SCOPE_WORDS + 1]
    if after and _number(after[0].lower()) is not None:
        after = after[1:]  # a count first: "orders 50 Airbus jets"
    candidates = after[:1] + [
        after[k + 1] for k in range(min(PLACE_SCOPE_WORDS, len(after) - 1)) if after[k].lower() in _PLACE_PREPOSITIONS
    ][:1]
    if at_claim + 1 < len(claim) and claim[at_claim + 1].lower() == own[0]:
        candidates = after[:1]  # the claim's object right after its verb ("killed Ahmed Godane"): not "in Somalia"
    other = next((w for w in candidates if _a_place_name(w) and not _a_form_of(w, names)), "")
    return f"'{other}' for the claim's {claim[[w.lower() for w in claim].index(own[0])]}" if other else ""


# A place after 在 ("in") in a Chinese claim, up to four characters, and what follows it.
_IN_PLACE_ZH_RE = re.compile(r"在([\u4e00-\u9fff]{2,4}?)(设厂|建厂|开设|开店|设立|上市|建设|投资|生产|销售|开通)")


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
        if m.group(2) == mine.group(2) and m.group(1) != mine.group(1):
            return f"'{m.group(1)}' for the claim's {mine.group(1)}"
    return ""


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
    own = [w.lower() for w in claim[at_claim + 1 :] if w[:1].isupper() and len(w) > 1]  # not the U and S of U.S.
    if not own or all(w in {x.lower() for x in item} for w in own):
        return ""
    if _title_cased(item):
        return ""  # a Title Case headline: its capitals name no one
    after: list[str] = []
    for w in item[at_item + 1 :]:
        if not w[:1].isupper():
            break
        after.append(w)
    shared = [w for w in after if w.lower() in own]
    others = [w for w in after if w.lower() not in own]
    if len(after) < 2 or not shared or not others:
        return ""
    return f"'{' '.join(after)}' for the claim's {' '.join(w for w in claim[at_claim + 1 :] if w[:1].isupper())}"


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
    if target not in lowered[at_item + 2 :]:
        return ""
    at = lowered.index(target, at_item + 2)
    between = [w for w in lowered[at_item + 1 : at - 1] if w not in STOPWORDS]
    if lowered[at - 1] not in _PART_PREPOSITIONS or not between or any(w in _claim_names(claim_text) for w in between):
        return ""
    return f"'{' '.join(between[:3])}' {lowered[at - 1]} {claim[at_claim + 1]}"


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
        if verb < 0 or not _a_place_name(own) or _number(own.lower()) is not None or len(word) < 3:
            continue
        if own.lower()[:NAME_PREFIX] in folded_title or not _an_event_word(claim_text, word.lower()):
            continue
        for j in range(1, len(item)):
            other = item[j - 1]
            if item[j].lower() == word.lower() and _a_place_name(other) and (
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


def _another_event(claim_text: str, own: str) -> str:
    """Another event on the claim's thing, the claim's own event's words nowhere in the item: "to
    open 40 new branches" for "will close 40 branches" (``cues.OTHER_EVENTS``); "" if none."""
    if UNSPACED_RE.search(claim_text):
        return ""
    lowered = own.lower()
    if not cuelib.has_other_event(_event_families(claim_text)) and not any(p in lowered for p in _PLAN_STEMS):
        return ""  # nothing to find: most claims and items
    named_only = _named_only(claim_text, own)
    if not (named_only or _object_missing(claim_text, own)):
        return ""
    phrase = cuelib.other_event(_event_families(claim_text), own)
    if phrase and not named_only and " " not in phrase:
        return ""  # with the event's own word, only a phrase says what else it is done to ("in debt")
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


def _object_missing(claim_text: str, own: str) -> bool:
    """Whether none of the claim's lower-case words but its event's own ("subscription prices" of
    "will raise subscription prices") is in the item, when it has some."""
    lower = _claim_object_terms(claim_text)
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
    if m is None or UNSPACED_RE.search(claim_text):
        return ""
    subject = [w.lower() for w in _NAME_TOKEN_RE.findall(claim_text[: m.start()]) if w[:1].isupper()]
    ws = [w.lower() for w in _NAME_TOKEN_RE.findall(title)]
    if not subject or ws[: len(subject)] != subject:
        return ""  # the title opens with the claim's whole subject
    k = len(subject)
    while k < min(len(ws), len(subject) + 3) and not _an_event_word(claim_text, ws[k]):
        k += 1
    if k >= len(ws) or not _an_event_word(claim_text, ws[k]):
        return ""
    if ws[k - 1] in _BE_BEFORE or ws[k + 1 : k + 2] == ["by"] or not ws[k].endswith(("ed", "es", "s")):
        return ""
    return f"'{ws[k]}' done by the claim's {subject[0].title()}, not to it"


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


def _a_place_name(word: str) -> bool:
    """Whether a word may name a place or thing: capitalised, not in capitals ("UK"), not a time
    or a stopword, not a demonym ("Scottish")."""
    low = word.lower()
    return word[:1].isupper() and not word.isupper() and low not in _NOT_PLACES and not _DEMONYM_RE.search(low)


def _a_form_of(word: str, names: Iterable[str]) -> bool:
    """Whether a word is a form of one of some (folded) names, by their first ``NAME_PREFIX``
    letters either way ("Foleys" of Foley, "SUV" of SUVs)."""
    low = word.lower()
    for n in names:
        if len(n) < NAME_PREFIX or len(low) < NAME_PREFIX:
            # a short name is a form only as itself or its plural ("SUV" of SUVs; "Airbus" is no
            # form of the claim's "Air")
            if low.rstrip("s") == n.rstrip("s"):
                return True
        elif low.startswith(n[:NAME_PREFIX]) or n.startswith(low[:NAME_PREFIX]):
            return True
    return False


def _first_event_word(claim_text: str, tokens: Sequence[str], start: int) -> int:
    """Where the first lower-case word saying the claim's event stands in ``tokens`` (-1: none)."""
    return next(
        (
            k for k in range(start, len(tokens))
            if tokens[k][:1].islower() and tokens[k] not in STOPWORDS and _an_event_word(claim_text, tokens[k])
        ),
        -1,
    )


@lru_cache(maxsize=4096)
def _claim_numbers(claim_text: str) -> dict[str, set[float]]:
    return _numbers(claim_text)


# "keeps Welsh branches open": the object between, read as "keeps open".
_KEPT_OPEN_RE = re.compile(r"\b(keeps?|kept|keeping)\s+(?:[^\W\d_]+\s+){1,3}open\b", re.IGNORECASE)


_FROZEN_RE = re.compile(r"\b(?:hiring|recruitment|recruiting)\s+(?:freeze|pause|halt|slowdown)\b", re.IGNORECASE)


def _contrary(claim_text: str, text: str) -> tuple[str, bool]:
    """A phrase of the item saying the opposite of the claim's event ("" if none), and whether
    the item also says the event itself (in the claim's words or its family's)."""
    claim_families = _event_families(claim_text)
    text = _KEPT_OPEN_RE.sub(r"\1 open", text)
    text = _FROZEN_RE.sub(" ", text)  # a hiring freeze is no hiring
    phrase = cuelib.contrary(claim_families, fold(claim_text), text, _cross_words(claim_text))
    if not phrase:
        return "", False
    if UNSPACED_RE.search(claim_text):
        return phrase, bool(_event(claim_text, text.replace(phrase, " ")))
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


def cue_features(claim_text: str, title: str, summary: str = "") -> dict[str, float]:
    """Hand cue features of an item (title and lead of the summary) towards a claim."""
    r = reading(claim_text, title, summary)
    found = r.found

    def n(kind: str) -> float:
        return float(len(found.get(kind, ())))

    weak = ("refuting", "denial", "negation", "weak_refuting")
    return {
        "cue:refuting_strong": n("refuting"),
        "cue:denial": n("denial"),
        "cue:refuting_any": float(any(found.get(k) for k in weak)),
        "cue:reversal": float(bool(r.reversal)),
        "cue:negation_scope": float(r.negation_scope),
        "cue:hedging": n("hedging"),
        "cue:hedging_weak": n("weak_hedging"),
        "cue:modality": n("modality"),
        "cue:intention": n("intention"),
        "cue:attribution": float(bool(found.get("attribution"))),
        "cue:confirming": n("confirmation"),
        "cue:question": float(r.question),
        "cue:subject_other": float(bool(r.subject_other)),
        "cue:no_event": float(not r.event),
    }


_REASONS = (
    ("refuting", "refuting"),
    ("denial", "denial"),
    ("confirmation", "confirmation"),
    ("hedging", "hedging"),
    ("weak_hedging", "hedging (weak)"),
    ("modality", "modality"),
    ("intention", "intention"),
    ("fiction", "fiction"),
    ("retrospective", "retrospective"),
    ("award", "award"),
    ("attribution", "attribution"),
)


def cue_reasons(r: Reading) -> list[str]:
    """Readable strings for the cues that fired, naming the words found."""
    out: list[str] = []

    def quoted(phrases: list[str]) -> str:
        return ", ".join(f"'{p}'" for p in phrases[:4])

    if r.reversal:
        about = "of the claim's own event" if r.reversal_scope else "near none of the claim's terms"
        out.append(f"reversal: '{r.reversal}' ({about})")
    if r.negation_scope:
        out.append("negation of the claim's own terms")
    if r.other_number:
        out.append(f"number: {r.other_number}")
    if r.other_object:
        out.append(f"object: {r.other_object}")
    if r.contrary:
        beside = " (beside the event itself)" if r.contrary_beside_event else ""
        out.append(f"contrary: '{r.contrary}' says the opposite of the claim's event{beside}")
    if r.subject_other:
        out.append(f"subject: about '{r.subject_other}', not the claim's subject")
    for kind, label in _REASONS:
        if r.found.get(kind):
            out.append(f"{label}: {quoted(r.found[kind])}")
    if r.question:
        out.append("question form")
    out.append(f"event: {r.event}" if r.event else "no event term of the claim")
    return out


def features(claim_text: str, title: str, summary: str = "") -> dict[str, float]:
    """All model features: hand cues plus the item's words and word pairs.

    Words of the claim itself are left out: they say what the item is about, not how it stands,
    and would let a model learn topics instead of stance.
    """
    f = cue_features(claim_text, title, summary)
    ws = _masked_words(claim_text, title, summary)
    for w in ws:
        if w != "_":
            f[f"w:{w}"] = 1.0
    for a, b in zip(ws, ws[1:], strict=False):
        if a != "_" or b != "_":
            f[f"b:{a}_{b}"] = 1.0
    return f


# Cue words stay features even when the claim uses them ("... is a hoax" claims exist). The kinds
# of the earlier, English-only lists: widening this to all kinds made no difference in grouped CV.
# Single-word cues only: the words of a phrase ("for" of "calls for", "of" of "stops short of")
# are common words of claims, which this would stop masking (grouped CV: the same either way).
_KEEP = frozenset(
    stem(w)
    for kind in ("refuting", "denial", "negation", "weak_refuting", "hedging", "modality",
                 "confirmation")
    for phrase in TABLES["en"].phrases[kind]
    if len(ws := cue_words(phrase)) == 1
    for w in ws
)


def _masked_words(claim_text: str, title: str, summary: str) -> list[str]:
    """The stems of the words the model reads, with the claim's own words (cue words apart) as
    "_": the title's (the lead's only when there is no title; the model learnt from titles)."""
    claim_stems = _claim_stems(claim_text, 0)
    read = title if title.strip() else _read(title, summary)
    return ["_" if w in claim_stems and w not in _KEEP else w for w in stems(read)]


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> dict[str, object] | None:
    """The learned model, or None when the file is absent (rules then decide)."""
    p = Path(path)
    if not p.exists():
        return None
    model: dict[str, object] = json.loads(p.read_text(encoding="utf-8"))
    return model


def _softmax(xs: list[float]) -> list[float]:
    m = max(xs)
    es = [math.exp(x - m) for x in xs]
    s = sum(es)
    return [e / s for e in es]


_UNREAD = "guard: no stance cues for language '{}' (its denials and rumour words go unseen), reports"


_ELSEWHERE = "guard: '{}' denies another matter than the claim's event, reports"


def _rules(r: Reading) -> tuple[Stance, float, str]:
    """The stance without a model: refutation first, then framing, then positive evidence; with
    none of these, ``reports`` (never the alarming answer by default)."""
    if r.unread_language:
        return Stance.REPORTS, 0.5, _UNREAD.format(r.unread_language)
    if r.denial_elsewhere and not (r.negation_scope or r.reversal or r.contrary):
        return Stance.REPORTS, 0.5, _ELSEWHERE.format(r.denial_elsewhere)
    if r.refuted or r.negation_scope or (r.reversal and r.reversal_scope and not r.other_object) or r.denying_contrary:
        return Stance.DENIES, 0.7, "rule: refuted, negated, reversed or contrary"
    if r.contrary:
        return Stance.REPORTS, 0.6, "rule: the opposite of the event beside it"
    if r.reversal or r.subject_other or r.hedged or r.other_number or r.other_object:
        return Stance.REPORTS, 0.6, "rule: reversal, other subject, rumour framing or another number"
    if r.positive:
        return Stance.CONFIRMS, 0.55, "rule: asserts the claim's event"
    return Stance.REPORTS, 0.5, "rule: no positive evidence, so reports"


def _reversal_guard(r: Reading) -> tuple[Stance, str]:
    """What a reversal makes of a ``confirms``: denies when it reverses the claim's own event,
    else (elsewhere, or of another object: "suspends its Madrid route") reports."""
    if r.reversal_scope and not r.other_object:
        return Stance.DENIES, f"guard: '{r.reversal}' reverses the claim's event, denies"
    if r.other_object:
        return Stance.REPORTS, f"guard: reversal '{r.reversal}' of {r.other_object}, not confirms"
    return Stance.REPORTS, f"guard: reversal '{r.reversal}', not confirms"


def _guard(r: Reading) -> tuple[Stance, str] | None:
    """What overrules a ``confirms`` answer, if anything: the stance to give instead and why."""
    if r.subject_other:
        return Stance.REPORTS, f"guard: about the subject's '{r.subject_other}', not confirms"
    if r.reversal:
        return _reversal_guard(r)
    if r.negation_scope:
        return Stance.DENIES, "guard: the claim's terms are negated, denies"
    if r.denying_contrary:
        return Stance.DENIES, f"guard: '{r.contrary}' says the opposite of the claim's event, denies"
    if r.contrary:
        return Stance.REPORTS, f"guard: '{r.contrary}' beside the claim's event, not confirms"
    if other := r.other_number or r.other_object:
        return Stance.REPORTS, f"guard: {other}, not confirms"
    if r.found.get("denial") and not r.denial_elsewhere:
        return Stance.DENIES, f"guard: denial '{r.found['denial'][0]}', denies"
    if r.refuted:
        return Stance.REPORTS, "guard: refuting cue, not confirms"
    if r.framed or (r.event_named_only and r.concern):
        return Stance.REPORTS, "guard: rumour, modal, fictional or question framing, not confirms"
    if not r.positive:
        return Stance.REPORTS, "guard: no positive evidence (no event term of the claim)"
    return None


_SAYING_NO = frozenset(["negation", "denial", "refuting", "weak_refuting", "dismissal"])


def _says_no(title: str) -> bool:
    """Whether a title holds a negation, denial or refutation of its own."""
    return any(h.kind in _SAYING_NO for _, h in _hits(fold(title)))


def _denial_guard(r: Reading, claim_text: str, title: str, whole: str = "") -> tuple[Stance, str] | None:
    """What overrules a ``denies`` answer: the headline says the claim's event, and its only
    "not" stands in another clause ("X resigns, won't say why"; "buys Y, no job losses
    expected"), with nothing else denying. ``reports``, not ``confirms``: the model saw something
    it took for a denial. Nor when its only denial denies another matter (``denial_elsewhere``),
    nor, in Chinese, when it is about someone else without a denial word, or another party is
    joined where the claim joins its own ("小米否认与比亚迪合作")."""
    if r.denial_elsewhere and not (r.negation_scope or r.reversal or r.contrary):
        return Stance.REPORTS, _ELSEWHERE.format(r.denial_elsewhere)
    if r.other_object and not (r.refuted or r.found.get("denial")):
        # "暂停北京至马德里航线" stops another route than the claim's: its matter, not the claim's
        return Stance.REPORTS, f"guard: about {r.other_object}, not denies"
    if UNSPACED_RE.search(title) and r.subject_other and not _says_no(title):
        # "鹈鹕航空母公司申请破产 …运营暂不受影响": a title about another party (its parent company)
        # that says no "not" itself; its lead's "not" is the story's detail. A party's "not" in the
        # title still denies ("主席力挺马林：不会换帅", the chairman: no change of coach).
        return Stance.REPORTS, f"guard: about the subject's '{r.subject_other}', not denies"
    if other := _another_partner(claim_text, title, whole):
        # "Xiaomi denies partnership with Huawei" for "Xiaomi will build cars with BAIC"
        return Stance.REPORTS, f"guard: {other}, another party's matter, not denies"
    chinese = UNSPACED_RE.search(title) and UNSPACED_RE.search(claim_text)
    if chinese and (other := _another_partner_zh(claim_text, fold(title))):
        # "小米否认与比亚迪合作" denies a partnership with someone else than the claim's (北汽)
        return Stance.REPORTS, f"guard: {other}, another party's matter, not denies"
    if chinese and not (
        r.event or r.refuted or r.negation_scope or r.reversal or r.contrary or r.found.get("weak_refuting")
    ):
        # Chinese, read by cues alone (the model's words are English): a "not" with none of the
        # claim's words near it is no denial of it. "京华地产公告：未能按期兑付债券本息" (failed to
        # pay on time) for "京华地产债务违约" (has defaulted). In English the model's words tell
        # ("did not personally fly airstrikes" denies "will take part in air strikes").
        return Stance.REPORTS, "guard: a negation without the claim's event, not denies"
    if not r.event or r.refuted or r.negation_scope or r.reversal or r.contrary:
        return None
    if r.found.get("weak_refuting") or not r.found.get("negation"):
        return None
    clauses = [c for c in _CLAUSE_RE.split(title) if c.strip()]
    if len(clauses) < 2:
        return None
    event = _event_terms(claim_text)
    with_event = {k for k, c in enumerate(clauses) if any(term(w) in event for w in words(c))}
    with_negation = {k for k, c in enumerate(clauses) if cuelib.NEGATION_WORDS.intersection(cue_words(c))}
    if with_event and with_negation and not with_event & with_negation:
        return Stance.REPORTS, "guard: the 'not' is in another clause than the claim's event, not denies"
    return None


# Where a headline's clauses part: a comma, semicolon, colon or dash.
_CLAUSE_RE = re.compile(r"[,;:\u2013\u2014]|\s-\s")


def predict(
    model: Mapping[str, object] | None,
    claim_text: str,
    title: str,
    summary: str = "",
    vector: Sequence[float] | None = None,
) -> StanceResult:
    """Stance from a given model (None: the rules); pure, so cross-validation can pass its own.

    The model is applied to ``features`` without building them: the words and word pairs are
    looked up in the model's own tables (``_prepared``). Same floats, no feature-name strings
    built; stance runs for every match. A ``confirms`` it gives against the cues is overruled
    (``_guard``); the confidence is then the model's probability of the stance given among the
    stances other than ``confirms``.

    ``vector``: the English sentence model's vector of the headline, when that model read it. A
    model with a sentence layer (``"sentence"``, trained by scripts/train_stance.py) then
    combines the word model's logits with it; without it, the word model alone decides.
    """
    summary = summary or ""
    r = reading(claim_text, title, summary)
    reasons = cue_reasons(r)
    if model is None:
        stance, conf, why = _rules(r)
        return StanceResult(stance, conf, (*reasons, why))
    table = _prepared(model)
    classes = table.classes
    n = len(classes)
    used = _word_features(table, claim_text, title, summary)
    logits = _logits(table, used)
    reading_push: list[float] = []
    layer = table.sentence
    # A vector of another size is another model's: the word model alone then.
    if vector is not None and layer is not None and len(vector) == len(layer.from_vector):
        logits, reading_push = layer.apply(logits, vector)
    probs = _softmax(logits)
    best = max(range(n), key=lambda k: probs[k])
    # Features pushing towards the chosen class more than towards the others, biggest first.
    contrib = [(push, name) for v, (name, _, lean) in used if (push := v * lean[best]) > 0]
    if reading_push and reading_push[best] > 0:
        contrib.append((reading_push[best], "sentence model"))
    contrib.sort(reverse=True)
    if contrib:
        reasons.append("model: " + ", ".join(f"{n} (+{p:.2f})" for p, n in contrib[:4]))
    stance, confidence = Stance(classes[best]), probs[best]
    if stance is Stance.CONFIRMS:
        guard = _guard(r)
    else:
        guard = _denial_guard(r, claim_text, title, f"{title} {summary}") if stance is Stance.DENIES else None
    if guard is None and stance is Stance.REPORTS and r.reversal and r.reversal_scope and summary and _event(claim_text, title):
        # A headline that says the event itself: its own words decide, not its lead's details.
        # One that does not ("Statement on media reports") is read with its lead, which is all
        # it says ("The company has no plans to build such a plant").
        r = reading(claim_text, title)
    if guard is None and stance is Stance.REPORTS and r.reversal and r.reversal_scope and not r.other_object:
        # The headline reverses the claim's own event ("has no plans to cut jobs"): denies. Not
        # another object's ("suspends its Madrid route" for the Lisbon one).
        guard = Stance.DENIES, f"guard: '{r.reversal}' in the headline reverses the claim's event, denies"
    if guard is None and stance is Stance.REPORTS and r.denying_contrary:
        # "Ward vows to stay on" for "Ward will resign": the opposite of the claim's event.
        guard = Stance.DENIES, f"guard: '{r.contrary}' says the opposite of the claim's event, denies"
    if stance is not Stance.REPORTS and r.unread_language:
        # Without the language's cue words a denial ("رد کرد"), a rumour word or a question reads
        # like the bare event: the model's answer cannot be trusted, so the review queue decides.
        guard = Stance.REPORTS, _UNREAD.format(r.unread_language)
    if guard is not None:
        stance, why = guard
        k = classes.index(stance.value) if stance.value in classes else -1
        rest = 1.0 - probs[best]
        confidence = min(1.0, probs[k] / rest) if k >= 0 and rest > 0.0 else 0.5
        reasons.append(why)
    return StanceResult(stance, round(confidence, 3), tuple(reasons))


def word_logits(model: Mapping[str, object], claim_text: str, title: str, summary: str = "") -> list[float]:
    """The word model's logits for an item (before any sentence layer and the guards): what
    scripts/train_stance.py trains the sentence layer on."""
    table = _prepared(model)
    return _logits(table, _word_features(table, claim_text, title, summary))


def _word_features(table: _Table, claim_text: str, title: str, summary: str) -> list[tuple[float, _Entry]]:
    """The word model's features that fire for an item: its cues, words and word pairs."""
    return _used_features(table, cue_features(claim_text, title, summary), _masked_words(claim_text, title, summary))


# A feature of the model: its name, its weight per class, and its lean towards each class over the
# others (w[class] - mean of the other classes' weights), for the explanation.
_Entry = tuple[str, tuple[float, ...], tuple[float, ...]]


def _used_features(
    table: _Table, cues: Mapping[str, float], ws: list[str]
) -> list[tuple[float, _Entry]]:
    """The features with a weight and their values, in the order of ``features`` (so the sums
    are the same floats): the cues, then the words, then the word pairs, each counted once."""
    used: list[tuple[float, _Entry]] = []
    for name, v in cues.items():
        e = table.named.get(name)
        if e is not None:
            used.append((v, e))
    seen: set[str] = set()  # a feature counts once, however often its word appears
    words_ = table.words
    for w in ws:
        e = words_.get(w)
        if e is not None and e[0] not in seen:
            seen.add(e[0])
            used.append((1.0, e))
    pairs = table.pairs
    for a, b in zip(ws, ws[1:], strict=False):
        after = pairs.get(a)
        if after is not None:
            e = after.get(b)
            if e is not None and e[0] not in seen:
                seen.add(e[0])
                used.append((1.0, e))
    return used


def _logits(table: _Table, used: list[tuple[float, _Entry]]) -> list[float]:
    """Each class's logit summed in the order of the features (identical floats to a plain loop)."""
    if len(table.classes) == 3:
        z0, z1, z2 = table.bias
        for v, (_name, wt, _lean) in used:
            z0 += wt[0] * v
            z1 += wt[1] * v
            z2 += wt[2] * v
        return [z0, z1, z2]
    logits = []
    for k in range(len(table.classes)):
        z = table.bias[k]
        for v, (_name, wt, _lean) in used:
            z += wt[k] * v
        logits.append(z)
    return logits


@dataclass(frozen=True, slots=True)
class _SentenceLayer:
    """The layer over the word model: new logits from its logits and the English sentence model's
    vector of the headline (a linear map of both; stacked, trained on out-of-fold logits)."""

    # numpy arrays (classes along the last axis)
    from_logits: Any  # [k][c]: word-model logit k -> class c
    from_vector: Any  # [d][c]: vector number d -> class c
    bias: Any

    def apply(self, logits: Sequence[float], vector: Sequence[float]) -> tuple[list[float], list[float]]:
        """(the new logits, per class how much the vector pushes it above the other classes)."""
        import numpy as np

        from_vector = np.asarray(vector, dtype=np.float64) @ self.from_vector
        out = np.asarray(logits) @ self.from_logits + from_vector + self.bias
        n = len(from_vector)
        push = from_vector - (from_vector.sum() - from_vector) / (n - 1)
        return [float(z) for z in out], [float(p) for p in push]


@dataclass(frozen=True, slots=True)
class _Table:
    """A model's features keyed for look-up without building their names."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    named: dict[str, _Entry]  # every feature by name (the cues are looked up this way)
    words: dict[str, _Entry]  # "w:{word}" by word
    pairs: dict[str, dict[str, _Entry]]  # "b:{a}_{b}" by a, then b ("_": a claim word)
    sentence: _SentenceLayer | None = None


# model (by identity) -> its table
_PREPARED: dict[int, tuple[Mapping[str, object], _Table]] = {}


def _prepared(model: Mapping[str, object]) -> _Table:
    """The model's table, computed once per model. The model is kept referenced, so its id
    cannot be reused meanwhile."""
    hit = _PREPARED.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    weights: dict[str, list[float]] = model["weights"]  # type: ignore[assignment]
    classes: tuple[str, ...] = tuple(model["classes"])  # type: ignore[arg-type]
    n = len(classes)
    named: dict[str, _Entry] = {}
    words_: dict[str, _Entry] = {}
    pairs: dict[str, dict[str, _Entry]] = {}
    for name, w in weights.items():
        lean = []
        for best in range(n):
            others = [w[k] for k in range(n) if k != best]
            lean.append(w[best] - sum(others) / len(others))
        e: _Entry = (name, tuple(w), tuple(lean))
        named[name] = e
        if name.startswith("w:"):
            words_[name[2:]] = e
        elif name.startswith("b:"):
            a, b = _pair(name[2:])
            pairs.setdefault(a, {})[b] = e
    bias: tuple[float, ...] = tuple(model["bias"])  # type: ignore[arg-type]
    layer: Mapping[str, list[Any]] | None = model.get("sentence")  # type: ignore[assignment]
    sentence = (
        _SentenceLayer(_matrix(layer["from_logits"]), _matrix(layer["from_vector"]), _matrix(layer["bias"]))
        if layer
        else None
    )
    table = _Table(classes, bias, named, words_, pairs, sentence)
    if len(_PREPARED) >= 8:
        _PREPARED.clear()
    _PREPARED[id(model)] = (model, table)
    return table


def _matrix(rows: list[Any]) -> Any:
    import numpy as np  # only a model with a sentence layer needs it (the service has it loaded)

    return np.array(rows, dtype=np.float64)


def _pair(joined: str) -> tuple[str, str]:
    """The two words of a pair feature's "a_b" ("_" stands for a claim word; words have no "_")."""
    if joined.startswith("__"):
        return "_", joined[2:]
    if joined.endswith("__"):
        return joined[:-2], "_"
    a, _, b = joined.partition("_")
    return a, b


def classify_stance(
    claim: Claim, title: str, summary: str = "", vector: Sequence[float] | None = None
) -> StanceResult:
    """Decide the stance of an item towards a claim; cues say what decided it. ``vector``: the
    English sentence model's vector of the headline, when it read it (see ``predict``)."""
    model = load_model()
    result = predict(model, claim.text, title, summary, vector)
    if result.stance is Stance.REPORTS:
        # Across scripts the claim's event may go unread ("resigns" for 辞职): an alias in the
        # item's script that states an event is read as the claim, with all of its checks.
        for alias in _aliases_stating_an_event(claim.text, claim.aliases, f"{title} {summary}"):
            read = predict(model, alias, title, summary, vector)
            if read.stance is not Stance.REPORTS:
                return StanceResult(read.stance, read.confidence, (f"read against the alias '{alias}'",) + read.cues)
        return result
    missing = aliases_unnamed(claim.text, claim.aliases, f"{title} {summary}")
    if not missing:
        return result
    return StanceResult(
        Stance.REPORTS,
        result.confidence,
        (f"guard: names none of the claim's aliases in its script in full ({missing}), not {result.stance.value}",)
        + result.cues,
    )


def aliases_unnamed(claim_text: str, aliases: Sequence[str], text: str) -> str:
    """For an item written in another script than the claim (a Chinese item, an English claim, or
    the other way round) when the claim has aliases in the item's script: the aliases, quoted,
    when the item names the parties of none of them in full; else "".

    Across scripts stance reads the claim's event in the item's words, but not who did it: the
    claim's names are written otherwise ("北汽" for BAIC), so "小米与比亚迪官宣合作" would confirm
    "Xiaomi partners with BAIC". An alias in the item's script says how the user writes those
    names: a Chinese alias's characters (its event words, cue words and linking characters
    aside), or a Latin alias's capitalised words, must all be in the item."""
    item_unspaced = bool(UNSPACED_RE.search(text))
    readable = [a for a in _in_the_items_script(claim_text, aliases, text) if _alias_parties(a)]
    if not readable:
        return ""
    present = fold(text) if item_unspaced else " ".join(words(text))
    for alias in readable:
        parties = _alias_parties(alias)
        if item_unspaced and all(c in present for c in parties):
            return ""
        if not item_unspaced and all(f" {w} " in f" {present} " for w in parties):
            return ""
    return ", ".join(f"'{a}'" for a in readable[:3])


def _in_the_items_script(claim_text: str, aliases: Sequence[str], text: str) -> list[str]:
    """The aliases in the item's script when the claim's text is in another (Chinese and Latin)."""
    item_unspaced = bool(UNSPACED_RE.search(text))
    if bool(UNSPACED_RE.search(claim_text)) == item_unspaced:
        return []
    return [a for a in aliases if bool(UNSPACED_RE.search(a)) == item_unspaced]


def _aliases_stating_an_event(claim_text: str, aliases: Sequence[str], text: str) -> list[str]:
    """The aliases in the item's script (the claim's text in another) that state an event: a
    Chinese one with an event word (``cues.EVENT_WORDS_ZH``), a Latin one with a word in lower
    case besides its names ("Vestra CEO Hanna Berg resigns"; not "Orbis Kessel")."""
    out = []
    for alias in _in_the_items_script(claim_text, aliases, text):
        if UNSPACED_RE.search(alias):
            stated = bool(_claim_event_words_zh(alias))
        else:
            stated = bool(terms(" ".join(t for t in alias.split() if not t[:1].isupper())))
        if stated:
            out.append(alias)
    return out


@lru_cache(maxsize=1024)
def _alias_parties(alias: str) -> tuple[str, ...]:
    """What of an alias names its parties: a Chinese alias's characters but for its event words
    (``cues.EVENT_WORDS_ZH``), cue words (宣布, 将 ...), linking characters and numerals; a Latin
    alias's capitalised words (``_claim_names``)."""
    if not UNSPACED_RE.search(alias):
        return tuple(sorted(_claim_names(alias)))
    folded = fold(alias)
    blank = [False] * len(folded)
    spans = [(h.start, h.end) for lang, h in _hits(folded) if TABLES[lang].unspaced]  # character spans
    described = next((d for d in _DESCRIPTORS_ZH if folded.startswith(d)), "")
    if described and len(folded) > len(described) + 2:
        spans.append((0, len(described)))  # "歌手林艾娃": who she is, not who is meant
    for word in _claim_event_words_zh(alias):
        start = folded.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + 1)
    for start, end in spans:
        for k in range(start, min(end, len(folded))):
            blank[k] = True
    kept = (
        c for k, c in enumerate(folded)
        if not blank[k] and UNSPACED_RE.match(c) and c not in _LINKING_CHARS and c not in _NUMERALS_ZH
    )
    return tuple(dict.fromkeys(kept))
