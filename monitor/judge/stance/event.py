"""The claim's own words and whether an item says its event.

Which of a claim's words name its parties and which its event (terms, word families, Chinese
character pairs and their paraphrases), the cue hits of a text by language, and ``_event``: whether
an item asserts the claim's event at all (positive evidence, without which nothing confirms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from monitor.judge import cues as cuelib
from monitor.judge.cues import TABLES, UNSPACED_RE, Hit, cue_words, families
from monitor.judge.language import detect
from monitor.judge.stance.numbers import _NUMERALS, _agree, _values_across
from monitor.judge.text import STOPWORDS, fold, lead, stem, term, terms, words

# Only the start of a long body is read for stance: the headline and lead carry the framing.
STANCE_LEAD_CHARS = 600
# A claim in an unspaced script has no capitals to tell its names from its event: the item must
# hold this share of the claim's character pairs to assert it.
EVENT_COVERAGE = 0.6
# Or, for a paraphrase, this share of its pairs and all of its characters (``_characters_cover``).
PAIR_FLOOR = 0.4

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
    if "reversal" in kinds:
        kinds |= {"reversal_of"}  # "withdraws its bid": "drops bid" says it too (not "lay off"'s "off")
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
    lower = _lower_case_words(claim_text)
    if not terms(lower) and families(cue_words(lower)):
        return frozenset()  # "has won the": its event is only a word family's ("wins"), not its names
    found = frozenset(terms(lower)) or frozenset(terms(claim_text))
    announcing = frozenset(terms(" ".join(h.phrase for _, h in _hits(claim_text) if h.kind in _ANNOUNCING)))
    return found - announcing or found


# A name in quotes, capitalised: a work's title ('Starwake 2', "Ashfall County").
_QUOTES = frozenset("'\"\u2018\u201c")
_QUOTED_NAME_RE = re.compile(r"(?<![^\W_])['\"\u2018\u201c][A-Z][^'\"\u2019\u201d]{0,60}['\"\u2019\u201d](?![^\W_])")


def _unquoted_names(claim_text: str) -> str:
    """A claim without its quoted names: their words and numbers name a work, not its event."""
    return _QUOTED_NAME_RE.sub(" ", claim_text) if _QUOTES & set(claim_text) else claim_text


def _capitalised(token: str) -> bool:
    """Whether a claim's word is capitalised, after any opening quote ("'Starwake" is a name)."""
    return token.lstrip("'\"\u2018\u201c(")[:1].isupper()


def _lower_case_words(claim_text: str) -> str:
    """A claim's words in lower case, its names and quoted titles left out: what says its event."""
    return " ".join(t for t in _unquoted_names(claim_text).split() if not _capitalised(t))


@lru_cache(maxsize=4096)
def _event_families(claim_text: str) -> frozenset[str]:
    """The word families of the claim's event words ("died": the family of "passes away")."""
    return frozenset(families(cue_words(_lower_case_words(claim_text) or claim_text)))


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


# What ends a clause of a Chinese title: spaces and punctuation.
_CLAUSE_END_ZH_RE = re.compile(r"[\s，,；;：:！!？?、|｜。]+")


def _another_leads_the_event_clause(claim_text: str, text: str) -> bool:
    """Whether a Chinese item's first clause says the claim's event of another subject, the
    claim's named after it: "比亚迪在匈牙利建厂 蔚蓝汽车或跟进" (BYD builds there; Lumo may follow)
    for "蔚蓝汽车将在匈牙利建厂". A first clause without the claim's event words ("重磅！", "独家｜")
    says nothing of who did it."""
    clauses = [c for c in _CLAUSE_END_ZH_RE.split(fold(text)) if c]
    events = _claim_event_words_zh(claim_text)
    if len(clauses) < 2 or not events or _lacks_an_event_word(claim_text, clauses[0]):
        return False
    return _leads_with_another(claim_text, clauses[0])


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
        if c not in _JOINING_ZH:
            continue
        # the party after the joining character, then the one before it ("小米与北汽": 北汽, 小米;
        # "北汽否认与比亚迪合作造车传闻" has 北汽 but joins 比亚迪 where the claim has 小米)
        for own in (claim[k + 1 : k + 3], claim[max(k - 2, 0) : k]):
            if len(own) < 2 or not all(UNSPACED_RE.match(x) for x in own):
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


def _words_said_otherwise(claim_text: str, folded: str) -> list[tuple[str, str]]:
    """(the claim's word, the item's word for it) for each Chinese word of the claim that an item
    says in other words (``cuelib.FAMILIES_ZH``: "离职" says "辞职", "推出" says "发布")."""
    return [
        (word, o) for word, others in cuelib.FAMILIES_ZH.items() if word in claim_text for o in others if o in folded
    ]


def _said_otherwise(claim_text: str, folded: str) -> set[str]:
    """The claim's words (character pairs) that an item says in other words."""
    return {w for word, _ in _words_said_otherwise(claim_text, folded) for w in words(word)}


def _other_words_zh(claim_text: str, folded: str) -> frozenset[str]:
    """The words an item uses for the claim's own ("推出" where the claim says "发布"). A negation
    before them negates the claim's event ("今年不会推出")."""
    return frozenset(o for _, o in _words_said_otherwise(claim_text, folded))


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
    "企业家", "知名", "偶像团体", "偶像组合", "女子组合", "男子组合", "女团", "男团", "组合", "乐队", "乐团",
    "偶像", "团体",
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
    if _leads_with_another(claim_text, text) or _another_leads_the_event_clause(claim_text, text):
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
    """The longest Chinese word of a spaced claim's event in a (folded) item, the first in it of
    equally long ones, or "". (Ties went by the set's order, which changes with the process's hash
    seed: the cue's word, and a rival's check in ``subjects``, differed from run to run.)"""
    found = [w for w in _cross_words(claim_text) if w in folded]
    return min(found, key=lambda w: (-len(w), folded.find(w), w), default="")


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
    """The words of ``cues.EVENT_WORDS_ZH`` a Chinese claim holds (not its announcing words), read
    left to right, longest first, none overlapping the one before: 暂停飞往东京 holds 暂停, not 停飞."""
    cut = fold(_claim_cut(claim_text))
    found = {w for w in cuelib.EVENT_WORDS_ZH_SET if w in cut}
    kept: set[str] = set()
    i = 0
    while i < len(cut):
        here = max((w for w in found if cut.startswith(w, i)), key=len, default="")
        if here:
            kept.add(here)
            i += len(here)
        else:
            i += 1
    return tuple(sorted(kept))


def _lacks_an_event_word(claim_text: str, folded: str) -> str:
    """An event word of the Chinese claim that the item says neither so nor in its family's
    words ("" when it says each)."""
    for word in _claim_event_words_zh(claim_text):
        if word not in folded and not any(o in folded for o in cuelib.FAMILIES_ZH.get(word, ())):
            return word
    return ""


# With prepositions: the characters a paraphrase may leave out (``_characters_cover``).
_LINKING_CHARS = _FUNCTION_CHARS | frozenset("从自至向对因为以")
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
    events = _claim_event_words_zh(claim)
    for m in _TITLE_ZH_RE.finditer(folded):
        following = folded[m.end() : m.end() + 2]
        if m.group(0) not in claim and following in tail and following != after_own:
            return m.group(0)
        if m.group(0) in claim:
            continue
        # another title, a name of two or three characters none of the claim's, then the claim's
        # event: "总经理王敏辞职，董事长陈立峰代行职责" for "董事长陈立峰辞职"
        window = folded[m.end() : m.end() + 3 + max((len(e) for e in events), default=0)]
        for e in events:
            at = window.find(e)
            if 2 <= at <= 3 and all(UNSPACED_RE.match(c) and c not in claim for c in window[:at]):
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
_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]")


_NAME_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
NAME_PREFIX = 4


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


# Where a headline's clauses part: a comma, semicolon, colon or dash.
_CLAUSE_RE = re.compile(r"[,;:\u2013\u2014]|\s-\s")
