"""How the item frames the event: its cues by language and which the lead adds to the title,
delays, threats, sanctions, questions, answers, refusals as modality, protests, events before now
and pending ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.judge.cues import TABLES, UNSPACED_RE, Hit, cue_words, families, stems
from monitor.judge.stance.event import (
    _CLAUSE_END_ZH_RE,
    STANCE_LEAD_CHARS,
    _claim_kinds,
    _claim_names,
    _claim_pairs,
    _claim_stems,
    _cross_words,
    _event,
    _event_families,
    _event_terms,
    _hits,
    _unspaced_claim_words,
)
from monitor.judge.stance.numbers import _WHEN_RE, _months
from monitor.judge.stance.scopes import (
    _TARGETED,
    NEGATION_SCOPE_WORDS,
    _a_near_miss_of_the_event,
    _a_noun,
    _a_ruling,
    _an_event_word,
    _frames_the_claim,
    _near,
    _targeted,
)
from monitor.judge.stance.subjects import CROSS_GAP, _unreverse
from monitor.judge.text import fold, lead, terms

# A delay of the event: it denies a claim that says when, and is a prospect for one that does not
# ("postpones launch of Lisbon flights" for "will launch Lisbon flights").
_DELAYS = frozenset(
    [
        "postpone", "postpones", "postponed", "postponing", "delay", "delays", "delayed", "delaying",
        "defer", "defers", "deferred", "deferring", "reschedule", "reschedules", "rescheduled",
        "pause", "pauses", "paused", "pausing",
    ]
)
# "slips to 2028", "slipped into next year": a schedule's slip, not shares' ("shares slip 3%")
_DELAY_PHRASES_RE = re.compile(
    r"\b(?:push(?:es|ed|ing)? back|puts? off|putting off|on hold|on ice"
    r"|slip(?:s|ped|ping)?\s+(?:back\s+)?(?:to|into|until)\s+(?:next|late|early|the\s+end|\d{4}|q[1-4]"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b",
    re.IGNORECASE,
)
_DELAYS_ZH = ("推迟", "延期", "延后", "推后", "暂缓", "暂停")
_DELAY_STEMS_RE = re.compile(r"(?i:\b(?:postpon|delay|defer|reschedul|push|put|paus|on hold|on ice|slip))|推迟|延期|延后|推后|暂缓|暂停")


# Cue kinds of a claim about what is ahead ("will launch", "plans to", 将).
_AHEAD = frozenset(["future", "intention", "plan"])


def _delays_the_event_zh(claim_text: str, own: str, delay: str) -> bool:
    """Whether a Chinese delay word follows the claim's words in its clause ("开通时间推迟" for
    "开通运营"), where the reversal check read it as putting off another thing (its time)."""
    if not UNSPACED_RE.search(delay) or not UNSPACED_RE.search(claim_text):
        return False
    folded = fold(own)
    at = folded.find(delay)
    clause = _CLAUSE_END_ZH_RE.split(folded[max(0, at - 12) : at])[-1]
    return any(clause[k : k + 2] in _claim_pairs(claim_text) for k in range(len(clause) - 1))


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
    if not delay or _a_delay(claim_text):
        return reversal, near  # the claim's event may itself be a delay ("a plane was delayed")
    if not _claim_kinds(claim_text) & _AHEAD:
        # One said as done ("was approved", "buys") is denied by its delay ("approval delayed").
        if (
            not reversal and not any(delay in p for p in found.get("modality", ()))
            and _delays_the_event_zh(claim_text, own, delay)
        ):
            found.setdefault("modality", []).append(delay)  # "开通时间推迟至年底": put off, not done
        return reversal, near
    if _says_when(claim_text):
        if reversal or _months(claim_text) & _months(own):
            return reversal, near  # "delayed for February" keeps the claim's month
        if delay not in found.setdefault("reversal", []):
            found["reversal"].append(delay)
        return delay, bool(_event(claim_text, own))  # "delays Lisbon flights to next year" for May
    if delay not in found.setdefault("modality", []):
        found["modality"].append(delay)  # once: a table's modal phrase may be the delay itself (或暂停)
    if reversal and (reversal == delay or reversal.startswith(delay.split()[0])):
        _unreverse(found, reversal)
        return "", False
    return reversal, near


# What puts a reversal in doubt when it comes just before it ("could scrap", "plans to pull
# out of", "weighs dropping"; "或将退出", "拟放弃"): a prospect of the reversal, not the reversal.
_MODALS = frozenset(
    [
        "could", "may", "might", "possibly", "likely", "plans", "plan", "planning", "considering",
        "considers", "consider", "weighs", "weigh", "weighing", "mulls", "mull", "mulling",
        "threatens", "threaten", "threatening", "contemplates", "contemplating", "eyes", "eyeing",
        "recommends", "recommend", "urges", "urge",
    ]
)
MODAL_WORDS_BEFORE = 3
_MODALS_ZH = ("或将", "或", "可能", "拟", "考虑", "准备", "打算", "有意", "欲", "恐将", "恐")  # not 计划: "计划搁浅" is the plan


def _modal_reversal(own: str, reversal: str) -> bool:
    """Whether a modal word stands within a few words before the reversal's first occurrence
    (spaced text), or right before it (unspaced)."""
    if UNSPACED_RE.search(reversal):
        at = own.find(reversal)
        return at > 0 and own[:at].endswith(_MODALS_ZH)
    ws, phrase = cue_words(own), tuple(cue_words(reversal))
    if not phrase:
        return False
    at = next((k for k in range(len(ws)) if tuple(ws[k : k + len(phrase)]) == phrase), -1)
    return at > 0 and bool(_MODALS.intersection(ws[max(0, at - MODAL_WORDS_BEFORE) : at]))


def _modal_reversal_as_modality(
    own: str, reversal: str, near: bool, found: dict[str, list[str]]
) -> tuple[str, bool]:
    """``reading``'s reversal and its scope once a reversal only said to be possible or planned
    ("Zentro could scrap X9 launch", "星曜电竞或将退出联赛") is taken out of it and counted as
    modality: what may be undone is not yet undone."""
    if not reversal or not _modal_reversal(own, reversal):
        return reversal, near
    _unreverse(found, reversal)
    found.setdefault("modality", []).append(reversal)
    return "", False


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


# A picture dated to another time: "Photo of 'collapsed bridge' is from 2009" (a picture from
# elsewhere, like "old footage").
_PICTURE_DATED_RE = re.compile(
    r"\b(?:photos?|images?|pictures?|videos?|footage|clip)\b.{0,60}?\b(?:is|are|was|were|dates|dated|taken)\s+"
    r"(?:from|in|back to)\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def _bare_negation(claim_text: str, text: str) -> bool:
    """A bare 未, 没 or 不 ("not") right before a word of a Chinese claim negates it: "宏达电子：未收到
    任何问询函" (has not received) for "宏达电子收到监管问询函", and "未收到任何立案调查通知" for
    "被立案调查" (received, any: ``_BARE_NOT_RE``). Bare, these characters are no
    negation cue: 未披露 ("undisclosed") and 未公开露面 ("not seen in public") say nothing of
    another claim's words."""
    if _before_claim_words(claim_text, text, _BARE_NOT_RE) is not None:
        return True
    return any(
        (m := _before_claim_words(claim_text, text, marker)) is not None and m.string[m.start() : m.end() + 1] not in claim_text
        for marker in (_NO_ZH_RE, _BARE_BU_RE)
    )


# 未 or 没, and what may stand between it and the claim's words: "未收到任何立案调查通知" (has not
# received any notice of an investigation) negates 立案调查 as "未立案" does.
_BARE_NOT_RE = re.compile("[未没]有?(?:收到|接到|获得|获悉|发现|涉及)?(?:任何|相关)?")
# 无 ("no") before the claim's words: "无裁员计划" (no plan of layoffs); not where the claim writes
# it so itself (无人机, "drone").
_NO_ZH_RE = re.compile("无")
# 不 ("not") right before the claim's words: "七曜不解散" (Qiyao is not disbanding); not in 不得不
# ("has to") nor where the claim writes it so itself.
_BARE_BU_RE = re.compile("(?<!不得)(?<!不能)不")


def _add_phrasings(
    claim_text: str, title: str, text: str, masked: frozenset[str], found: dict[str, list[str]]
) -> None:
    """Cues that are ways of putting things rather than words of a table: a picture dated to
    another time, the headline's future ("X to close Y"), a bare 或 ("may") before the claim."""
    if "refuting" not in masked:
        _title_refutations(title, found)
    if "intention" not in masked and (to_do := _to_do(claim_text, title)):
        found.setdefault("intention", []).append(to_do)
    if "modality" not in masked and (may := _may_zh(claim_text, text)) and may not in found.get("modality", []):
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
    if "modality" not in masked and (waits := _waits_on(claim_text, title, lowered)):
        found.setdefault("modality", []).append(waits)
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


def _waits_on(claim_text: str, title: str, lowered: str) -> str:
    """What the title's event waits on: an application for what the claim says was granted ("files
    for EU approval"), or a condition the claim does not make ("if Tollbridge merger goes ahead");
    "" if none."""
    if " for " in lowered and (applied := _APPLIED_RE.search(title)):
        return applied.group(0).lower()
    if "if " in lowered and (condition := _CONDITION_RE.search(title)) and not _CONDITION_RE.search(claim_text):
        return condition.group(0).lower()
    return ""


# A condition the title's event waits on: "to close 40 branches if Tollbridge merger goes ahead".
_CONDITION_RE = re.compile(
    r"\b(?:if|unless)\s+(?:[^\W\d_]+\s+){0,4}?(?:goes|go|going)\s+ahead\b|\b(?:if|unless)\s+(?:[^\W\d_]+\s+){0,4}?"
    r"(?:is|are|gets|get)\s+(?:approved|passed|cleared|agreed)\b",
    re.IGNORECASE,
)
_THREAT_RE = re.compile(r"\b(threat(?:en|ens|ened|ening))\s+to\s+([^\W\d_]+)", re.IGNORECASE)


# Applying for what the claim says was granted: "files for EU approval of Zentiv".
_APPLIED_RE = re.compile(
    r"\b(?:files|filed|filing|applies|applied|applying|submits|submitted|seeks|sought)\s+for\s+(?:\w+\s+){0,2}"
    r"(?:approval|licence|license|permit|authori[sz]ation|clearance|ipo|listing|flotation)\b",
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
    asserts = (
        ends is not None
        and _event(claim_text, _unrumoured(title))
        and not _named_only(claim_text, title)
        and not _only_its_cause(claim_text, title)
    )
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


# What a claim gives as its event's cause or occasion, not the event: "declares a state of
# emergency over floods", "schools will close due to heavy snow".
_CAUSE_RE = re.compile(r"\b(?:over|due to|because of|amid|after|following|in the wake of)\s+(.+)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _cause_terms(claim_text: str) -> frozenset[str]:
    """The terms of a spaced claim's cause phrase that are not also in its event."""
    m = _CAUSE_RE.search(claim_text)
    if not m or UNSPACED_RE.search(claim_text):
        return frozenset()
    return frozenset(terms(m.group(1))) - frozenset(terms(claim_text[: m.start()]))


def _only_its_cause(claim_text: str, title: str) -> bool:
    """Whether a title holds the claim's event terms only from its cause: "Kessington County
    snow: the latest" names the snow, not the schools' closing, so it asserts nothing and its lead
    is read whole."""
    cause = _cause_terms(claim_text)
    if not cause:
        return False
    held = frozenset(terms(title)) & _event_terms(claim_text)
    return bool(held) and held <= cause


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
    if m is not None:
        return not _event(claim_text, title[m.end() :])
    # any first clause asking the claim's event, and what follows neither says it nor answers
    # ("Skylark Air strike called off? Passengers still in limbo")
    m = _A_QUESTION_FIRST_RE.match(title)
    if m is None or _PRESUPPOSING_RE.match(title) or not _event(claim_text, m.group(0)):
        return False  # "How did X end up with Y?" says X did
    rest = title[m.end() :]
    return not _event(claim_text, rest) and not any(h.kind in _ANSWERS for _, h in _hits(fold(rest)))


_A_QUESTION_FIRST_RE = re.compile(r"[^?]+\?(?=\s+\S)")
_PRESUPPOSING_RE = re.compile(r"\s*[\"'\u201c]?(?:How|Why|What|Who|When|Where)\b", re.IGNORECASE)


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


_SENTENCE_RE = re.compile(r"[^.!?\uff1f\u061f\u3002]+[.!?\uff1f\u061f\u3002]?")


def _event_line(claim_text: str, title: str, summary: str) -> str:
    """The line whose subject says who the event is about: the title when it asserts the claim's
    event, else the first sentence of the lead that does ("Leadership transition at Oakhurst",
    then "Oakhurst's finance chief Lee Moran will step down ..."), else the title."""
    if not summary.strip() or _event(claim_text, _unrumoured(title)):
        return title
    lead_text = lead(summary, STANCE_LEAD_CHARS)
    return next((m.group(0).strip() for m in _SENTENCE_RE.finditer(lead_text) if _event(claim_text, m.group(0))), title)


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
    if h.phrase in _CAUSE_NOUNS and h.start and not TABLES[lang].unspaced and cue_words(text)[h.start - 1] in _CAUSES:
        return ""  # "pulls Olin Greer's show after misinformation complaints": the cause, no verdict
    if h.phrase == "clears" and "of" not in cue_words(text)[h.end : h.end + CLEARED_OF_WORDS]:
        return ""  # "inquiry clears Lind of data falsification", not "regulator clears merger"
    if h.phrase == "alive" and not _event_families(claim_text) & _DEATHS:
        return ""  # "the first of its species seen alive in 60 years" refutes no cloning
    return h.kind


_DEATHS = frozenset(families(("die", "kill")).keys())
CLEARED_OF_WORDS = 5
# Words before "misinformation" that make it the cause of what happened ("removed over
# misinformation"); not "over erroneous reports", which calls the reports wrong.
_CAUSES = frozenset(["after", "over", "amid", "for", "spreading", "spread", "spreads"])
_CAUSE_NOUNS = frozenset(["misinformation", "disinformation"])


def _called_a_scam(text: str, h: Hit) -> bool:
    """Whether "scam" calls something a scam ("is a scam", "a total scam", "scam!")."""
    ws = cue_words(text)
    before = ws[max(0, h.start - 3) : h.start]
    return not before or bool({"is", "a", "was", "its", "it's", "total", "just", "complete"} & set(before))
