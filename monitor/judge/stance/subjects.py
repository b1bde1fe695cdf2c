"""Who the item is about: the claim's subject, or a relative, rival, namesake, member, aide or
someone a clause describes in its place ("X's father dies" for "X has died"), another post or
group (cabin crew for pilots), another partner, and who does what a passive claim says is done.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from monitor.judge import cues as cuelib
from monitor.judge.cues import TABLES, UNSPACED_RE, Hit, cue_words, families
from monitor.judge.stance.event import (
    _CLAUSE_RE,
    _DESCRIPTORS_ZH,
    _LATIN_RE,
    _LATIN_WORD_RE,
    _NAME_TOKEN_RE,
    _ROLE_WORDS,
    _TITLE_ZH_RE,
    _TITLES_ZH,
    NAME_PREFIX,
    _a_form_of,
    _claim_kinds,
    _claim_latin_words,
    _claim_names,
    _claim_pairs,
    _event_families,
    _event_terms,
    _hits,
    _said_in_chinese,
    _title_cased,
)
from monitor.judge.stance.scopes import _an_event_word, _first_event_word
from monitor.judge.text import STOPWORDS, fold, term

# Characters that may stand between a Chinese marker (或, 无) and an English claim's event in
# Chinese words: "或申请破产" (may file for bankruptcy).
CROSS_GAP = 2
_SPEAKING = frozenset(["attribution", "confirmation", "denial", "refuting"])


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
        # (a role the claim does not name is someone else's post still: "Lumera Health's former
        # CFO settles" for "Lumera Health has settled the shareholder lawsuit")
        claim_words = set(cue_words(claim_text))
        roles = [
            h for h in hits
            if (h.kind == "role" and not set(cue_words(h.phrase)) & claim_words and not _claim_roles(claim_text))
            or (h.kind == "relation" and h.phrase in _OTHERS and h.phrase not in claim_words)  # "Orbique rival"
        ]
        if kin is None and not roles:
            return ""
        claim_folded = fold(claim_text)
        relatives = [
            h for h in hits
            if kin is not None and h.kind == "relation" and (not kin or _KIN.get(h.phrase, kin[0]) not in kin)
            and h.phrase not in claim_folded
        ]
        hits = relatives + roles + ([h for h in hits if h.kind == "relation_modifier"] if roles else [])
    # a denial or confirmation the claim is about is the event, not a source's word: "Dani Ferro's
    # brother denies doping charge" for "Dani Ferro has denied the doping charge"
    speaking_hits = [h for h in hits if h.kind in _SPEAKING - _claim_kinds(claim_text)]
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
                    or (not _about_a_relation(claim_text) and _owns_what_follows(text, h.phrase))
                )
            speaks = any(
                last <= s.start <= last + 2 and not _announces_own_event(claim_text, cue_words(text), s)
                for s in speaking_hits
            ) or _introduces_a_quote(folded, h.phrase)
        if about and (not speaks or h.phrase in _NEVER_SPEAKING):
            return h.phrase
    return ""


_RELATIONS = frozenset(["relation", "role"])
# Relations that do not speak for the claim's subject ("Echo Valley tribute band announces tour").
_NEVER_SPEAKING = frozenset(["tribute band", "tribute act", "cover band", "rival", "rivals"])
_ANNOUNCING = frozenset(["announces", "announced", "announce", "reveals", "revealed", "confirms", "confirmed"])


def _announces_own_event(claim_text: str, ws: Sequence[str], said: Hit) -> bool:
    """Whether a relation's announcing word is followed at once by the claim's event as a noun,
    without an owner: "Kiara Vell's bandmate announces pregnancy" is the bandmate's own news, not
    a source's word on the claim's subject ("X's lawyer confirms X was arrested")."""
    return said.phrase in _ANNOUNCING and said.end < len(ws) and _an_event_word(claim_text, ws[said.end])


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
    "brother 哥哥 弟弟 之弟 之兄 胞弟 胞兄", "sister 姐姐 妹妹 之妹 之姐 胞妹 胞姐", "wife widow 妻子 老婆 之妻",
    "husband widower 丈夫 老公 之夫",
    "grandfather grandpa 爷爷 外公", "grandmother grandma 奶奶 外婆", "grandson 孙子", "granddaughter 孙女",
    "uncle", "aunt", "nephew", "niece", "cousin", "stepfather", "stepmother", "stepson", "stepdaughter",
)
_KIN = {word: group.split()[0] for group in _KIN_GROUPS for word in group.split()}


@lru_cache(maxsize=4096)
def _kin(claim_text: str) -> tuple[str, ...] | None:
    """The kinds of relative a claim names when every relation it names is one (``_KIN``); ()
    when it names none; None when some relation in it may stand for any relative."""
    kinds = [_KIN.get(h.phrase, "") for _, h in _hits(claim_text) if h.kind == "relation" and h.phrase not in _POST_LIKE]
    return None if "" in kinds else tuple(dict.fromkeys(kinds))


# Relations that are someone's job, not a relative of any kind: a claim naming one ("主教练布鲁诺·
# 瓦利", "X's lawyer") still means no relative ("瓦利之子" is someone else).
_POST_LIKE = frozenset(
    ["coach", "lawyer", "lawyers", "attorney", "manager", "agent", "assistant", "bodyguard", "driver", "teammate",
     "教练", "律师", "经纪人", "助理", "队友"]
)


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
        word = ws[k]
        j = k + 1
        while j < len(ws) - 1 and ws[j] in _OWN_MODIFIERS:
            j += 1  # "visits hospitalised former aide": the aide, though the claim says "Former"
        after = ws[j]
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


# Legal words that make someone the doer of what follows ("charged with assault"); ``DOER`` ends
# the subject's description then (its denial, "cleared of assault", is of its own matter).
DOER = ": the doer"
_DOER_RE = re.compile(
    r"\b(charged with|accused of|cleared of|acquitted of|convicted of|found guilty of|guilty of|arrested for"
    r"|arrested over|jailed for|sentenced for|sued for|admits|admitted|denies|denied)\s+"
    r"(?:(?:an?|the|his|her|their|alleged|sexual|common|aggravated)\s+)*([^\W\d_]+)",
    re.IGNORECASE,
)


def _doer_of_the_event(claim_text: str, title: str) -> str:
    """For a claim whose named subject undergoes its event ("Boxer Kade Rourke was assaulted"),
    the subject charged with, accused or cleared of that event: the doer, not the one it befell
    ("Kade Rourke charged with assault at nightclub"). "" if none."""
    if not _named_undergoer(claim_text) or not (m := _PASSIVE_RE.search(claim_text)):
        return ""
    verb = m.group(0).split()[-1].lower()
    for d in _DOER_RE.finditer(title):
        done = d.group(2).lower()
        if term(done) == term(verb) or families((done,)).keys() & families((verb,)).keys():
            return f"{d.group(1).lower()} {done}{DOER}"
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


def _owns_what_follows(text: str, phrase: str) -> bool:
    """Whether the role owns what the item is about: "Velvet Harbor frontman's side project breaks
    up" is about his project, not the band."""
    return re.search(rf"\b{re.escape(phrase)}['\u2019]s\s+[a-z]", text.lower()) is not None


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
# (not a "fellow protester"'s head: a protester alone is no one's relation)
_RELATION_HEADS = frozenset(
    cue_words(p)[-1] for p in TABLES["en"].phrases["relation"] if cue_words(p) and not p.startswith("fellow ")
)


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
    while k >= 0 and (k in modifiers or ws[k] in _ROLE_PREFIXES) and h.start - k <= 3:
        k -= 1  # "Verlaine's former sous-chef"
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
# The first part of a role's compound name: "sous-chef", "vice-president", "co-founder".
_ROLE_PREFIXES = frozenset(["sous", "vice", "co", "deputy", "assistant"])


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


_CLOSING_MARKS_ZH = frozenset("》」』”\"'")
# Words before a relative that say which one ("双胞胎弟弟", twin brother; "亲哥哥").
_KIN_MODIFIERS_ZH = ("双胞胎", "孪生", "同父异母的", "同母异父的", "亲")


def _unspaced_owner(claim_text: str, folded: str, h: Hit) -> bool:
    """Whether the two characters before the relation (skipping 的, and a title of a post there:
    "科沃集团创始人之子") are a pair of the claim."""
    k = h.start
    kind_of = next((m for m in _KIN_MODIFIERS_ZH if folded[max(0, k - len(m)) : k] == m), "")
    k -= len(kind_of)  # "王浩宇的双胞胎弟弟": his twin brother
    k = k - 1 if folded[k - 1 : k] == "的" else k
    while k >= 3 and folded[k - 1 : k] in _CLOSING_MARKS_ZH:
        k -= 1  # a title's closing mark: "《晨江日报》姊妹刊"
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
    "prime minister": "prime minister", "non-executive director": "director", "board member": "director",
    "board seat": "director", "joins board": "director", "joins the board": "director",
    "dean": "dean", "provost": "provost", "rector": "rector", "vice-chancellor": "vice-chancellor",
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
    "train drivers": "rail", "rail": "rail", "railway": "rail", "rail workers": "rail", "railway workers": "rail",
    "bus drivers": "bus", "bus workers": "bus", "drivers": "drivers", "engineers": "engineers",
    "dockers": "dockers", "dock workers": "dockers", "miners": "miners", "security guards": "guards",
    "guards": "guards", "cleaners": "cleaners", "conductors": "conductors", "porters": "porters",
    "paramedics": "paramedics", "firefighters": "firefighters", "postal workers": "postal workers",
    "warehouse workers": "warehouse workers", "factory workers": "factory workers",
}
_GROUP_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _GROUPS), key=len, reverse=True)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _claim_groups(claim_text: str) -> frozenset[str]:
    return _groups(claim_text)


# The same in Chinese, found as written (no word boundaries there).
_GROUPS_ZH = {
    "空管": "controllers", "飞行员": "pilots", "机长": "pilots", "空乘": "cabin crew", "乘务员": "cabin crew",
    "地勤": "ground staff", "铁路": "rail", "火车司机": "rail", "地铁": "metro", "公交": "bus", "出租车": "taxi",
    "护士": "nurses", "医生": "doctors", "教师": "teachers", "码头工人": "dockers", "矿工": "miners",
}


def _groups(text: str) -> frozenset[str]:
    """The groups of people (``_GROUPS``, ``_GROUPS_ZH``) a text names."""
    found = {_GROUPS[m.group(1).lower()] for m in _GROUP_RE.finditer(text)}
    if UNSPACED_RE.search(text):
        found |= {group for word, group in _GROUPS_ZH.items() if word in text}
    return frozenset(found)


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
        if body := _post_elsewhere(claim_text, title):
            return body
    return ""


# A post at a named body: "as chief executive of Ridgeway Insurance".
_POST_AT_RE = re.compile(r"\bas\s+(?:the\s+)?(?:[a-z-]+\s+){1,3}?(?:of|at)\s+((?:[A-Z][^\W\d_]+\s*){1,3})")


def _post_elsewhere(claim_text: str, title: str) -> str:
    """The claim's post left at another body than the claim's ("Marcus Hale steps down as chief
    executive of Ridgeway Insurance" for "Tavolin Bank CEO Marcus Hale has resigned"). "" if not."""
    m = _POST_AT_RE.search(title)
    if not m:
        return ""
    body = set(cue_words(m.group(1)))
    return f"as ... of {m.group(1).strip()}" if body and not body & _claim_names(claim_text) else ""


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
    # expands", "Rival Kessin wins approval, pressuring Orlin"
    if _CLAUSE_JOINERS.intersection(ws[1 : ws.index(first)]):
        return ws[0]
    return ws[0] if _clause_break_before(title, first) else ""


_CLAUSE_BREAK_RE = re.compile(r"[,;:\u2014\u2013]|\s-\s")


def _clause_break_before(title: str, name: str) -> bool:
    """Whether a comma, semicolon, colon or dash comes before the first word ``name`` (a folded
    word) of the title, past its first word: the name is in a clause of its own."""
    folded = fold(title)
    at = re.search(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", folded)
    return bool(at and _CLAUSE_BREAK_RE.search(folded, 1, at.start()))


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


# A rival named before what it says or does: "同城对手申虹队否认引进王浩宇" (rival Shenhong denies
# signing him) is Shenhong's word on its own matter.
_NAMED_RIVAL_ZH_RE = re.compile(r"(竞争对手|对手)([\u4e00-\u9fff]{2,8}?)(否认|宣布|证实|官宣|回应|表示|称|确认|辟谣)")


def _a_named_rival_zh(claim_text: str, title: str) -> str:
    """A rival of the claim's subject named in a Chinese title, as the one who speaks or acts
    (``_NAMED_RIVAL_ZH_RE``), its name none of the claim's: the rival word, or ""."""
    if "对手" not in title or "对手" in claim_text:
        return ""
    found = _NAMED_RIVAL_ZH_RE.search(fold(title))
    if not found:
        return ""
    pairs = _claim_pairs(claim_text) if UNSPACED_RE.search(claim_text) else frozenset()
    name = found.group(2)
    return "" if any(name[k : k + 2] in pairs for k in range(len(name) - 1)) else found.group(1)


_NAMED_RIVAL_RE = re.compile(r"\b((?i:rivals?|competitors?))\s+((?:[A-Z][^\W\d_]+\s*){1,3})")


def _a_named_rival(claim_text: str, title: str) -> str:
    """A rival named anywhere in the title, none of the claim's names in the title: "Pilots at
    rival Coastway Airlines call off strike" for "Skylark Air pilots call off their strike"."""
    if "rival" not in title.lower() and "competitor" not in title.lower():
        return ""
    names = _claim_names(claim_text)
    m = _NAMED_RIVAL_RE.search(title)
    if not m or set(cue_words(m.group(2))) & names:
        return ""
    if m.start() == 0:
        return m.group(1).lower()  # the title's subject: "Rival Bluecrest beats Kestrel to Manchester-Osaka"
    lowered = fold(title)
    if any(re.search(rf"(?<![^\W_]){re.escape(n)}(?![^\W_])", lowered) for n in names):
        return ""
    return m.group(1).lower()


# The last word of the name of an institution, law or event: its kind ("Bill", "City", "Hospital").
_KIND_HEADS = frozenset(
    [
        "bill", "act", "law", "treaty", "city", "united", "town", "rovers", "athletic", "hospital", "clinic",
        "airport", "airlines", "airways", "air", "bank", "university", "college", "school", "academy",
        "festival", "awards", "award", "prize", "cup", "trophy", "party", "council", "court", "bridge",
        "station", "stadium", "arena", "club", "museum", "theatre", "theater", "zoo", "park", "church",
        "cathedral", "mall", "centre", "center", "ministry", "department", "agency", "commission",
    ]
)



# Countries written by their initials, spelled out ("The U.S. will restrict ...").
_INITIALS = (
    (re.compile(r"\bU\.S\.(?:A\.)?(?!\w)|\bUSA?\b"), "United States"),
    (re.compile(r"\bU\.K\.(?!\w)|\bUK\b"), "United Kingdom"),
    (re.compile(r"\bU\.A\.E\.(?!\w)|\bUAE\b"), "United Arab Emirates"),
)


def _spelled_out(text: str) -> str:
    if "U" not in text:
        return text  # each of the initials has one: most titles are read no further
    for initials, name in _INITIALS:
        text = initials.sub(name, text)
    return text


def _another_subject_first(claim_text: str, title: str) -> str:
    """Another country or institution as the title's subject, before its event word, where the
    claim's subject is named nowhere in the title: "Thailand bans Lumo app" for "Vietnam bans the
    Lumo app", "Westmoor College to cut philosophy degrees" for "Eastmoor University will cut
    ...". Only where both are countries (by the ISO 3166 list) or names of an institution's kind
    ("University", "College": ``_KIND_HEADS``): a sentence's first word is capitalised whatever
    it is ("Pizza delivery man gets 2,000 tip"). "" if none."""
    claim_text, title = _spelled_out(claim_text), _spelled_out(title)
    subject = _named_before_the_verb(claim_text)
    lowered = fold(title)
    if not subject or any(n[:NAME_PREFIX] in lowered for n in subject):
        return ""
    tokens = _NAME_TOKEN_RE.findall(title)
    at = _first_event_word(claim_text, tokens, start=0)
    before = [w for w in tokens[:at] if w.lower() not in ("to", "will")] if at > 0 else []
    mine = " ".join(w for w in _NAME_TOKEN_RE.findall(claim_text) if w.lower() in subject).lower()
    # a country leading the title, its own verb after it: "Netherlands tightens export rules on
    # Ferrox chipmaking tools" for "The U.S. will restrict exports of Ferrox AI chips"
    leading = list(itertools.takewhile(lambda w: w[:1].isupper(), before))
    if leading and _a_country(" ".join(leading).lower()) and _a_country(mine):
        return " ".join(leading)
    if not before or not all(w[:1].isupper() for w in before) or {w.lower() for w in before} & _claim_names(claim_text):
        return ""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    verb = _first_event_word(claim_text, claim, start=1)
    named = [w for w in claim[: max(verb, 0)] if w.lower() not in ("to", "will")]
    if (
        len(before) == 1 == len(subject) == len(named) and named[0].lower() in subject
        and families((claim[verb].lower(),)) and term(claim[verb].lower()) == term(tokens[at].lower())
        and not _an_event_word(claim_text, before[0].lower())
    ):
        # one name, right before the claim's own verb in both (a "to" or "will" aside): "Seville
        # bans cars from its old town" for "Valencia bans cars from its city centre", "York to
        # ban petrol and diesel cars" for "Leeds will ban ..."
        return str(before[0])
    if before[-1].lower() in _KIND_HEADS and mine.split()[-1:] and mine.split()[-1] in _KIND_HEADS:
        return " ".join(before)
    return ""


# An apposition between commas ("Ashgrove Hospital, a few miles from Dunmore, confirms ...").
_APPOSITION_RE = re.compile(r",[^,;]{1,60},")
# Words announcing the event, between a subject and its event word ("confirms closure of").
_ANNOUNCING_VERBS = frozenset(["confirms", "confirmed", "announces", "announced", "says", "said"])


def _another_name_leads(claim_text: str, title: str) -> str:
    """Another name of two or more capitalised words leading the title right before the claim's
    own event, the claim's subject named in the title only after it or in an apposition:
    "Ashgrove Hospital, a few miles from Dunmore, confirms closure of its maternity ward" for
    "Dunmore Hospital will close its maternity ward", "Norcrest Farms recalls chicken nuggets ...,
    weeks after Harborline Foods scare". Not in a Title Case title. "" if none."""
    subject = _named_before_the_verb(claim_text)
    if len(subject) < 2:
        return ""  # a name of one word may be a sentence's first word ("Mass grave found ...")
    tokens = _NAME_TOKEN_RE.findall(_APPOSITION_RE.sub(" ", title))
    at = _first_event_word(claim_text, tokens, start=1)
    if at < 2 or _title_cased(tokens) or ":" in title.split(tokens[at], 1)[0]:
        return ""  # "Tim Cook: I wear my Apple Watch ...": a speaker, not a subject
    before = tokens[:at]
    while before and before[-1].lower() in _ANNOUNCING_VERBS:
        before = before[:-1]
    lowered = {w.lower() for w in before}
    names = (subject | _claim_names(claim_text)) - _KIND_HEADS
    if len(before) < 2 or not all(w[:1].isupper() and len(w) > 1 for w in before) or lowered & names:
        return ""
    if not any(n[:NAME_PREFIX] in fold(title) for n in subject - _KIND_HEADS):
        return ""  # the claim's subject nowhere: ``_another_subject_first``'s case
    return " ".join(before)


_CLAUSE_SPLIT_RE = re.compile(r"[;\u2014\u2013]|\s-\s")
_NAME_TITLES = frozenset(["st", "saint", "san", "santa", "mount", "fort", "port", "new", "the"])


def _claims_subject_after(claim_text: str, title: str) -> str:
    """The claim's event done by another named subject in the title's first clause, the claim's
    subject named only in a later one: "St. Bride's closes maternity unit; St. Alder to take its
    patients" for "St. Alder Hospital will close its maternity unit". The first clause's words
    before its event word must all be capitalised (a sentence's first word alone may be anything).
    "" if not."""
    parts = _CLAUSE_SPLIT_RE.split(title, maxsplit=1)
    if len(parts) < 2:
        return ""
    subject = _named_before_the_verb(claim_text) - _NAME_TITLES - _KIND_HEADS
    first, rest = fold(parts[0]), fold(parts[1])
    if not subject or any(re.search(rf"(?<![^\W_]){re.escape(n)}", first) for n in subject):
        return ""
    if not any(re.search(rf"(?<![^\W_]){re.escape(n)}", rest) for n in subject):
        return ""
    tokens = _NAME_TOKEN_RE.findall(parts[0])
    at = _first_event_word(claim_text, tokens, start=0)
    before = tokens[:at] if at > 0 else []
    if not before or not all(w[:1].isupper() for w in before):
        return ""
    return " ".join(before)


@lru_cache(maxsize=4096)
def _named_before_the_verb(claim_text: str) -> frozenset[str]:
    """The capitalised words of a spaced claim before its first event word (its subject's names)."""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    verb = _first_event_word(claim_text, claim, start=1)
    return frozenset(w.lower() for w in claim[: max(verb, 0)] if w[:1].isupper() and w.lower() not in STOPWORDS)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """The ISO 3166 countries' names, lower case: official, common and short ("viet nam",
    "vietnam", "united kingdom")."""
    import pycountry  # the ISO lists, bundled: read once, when a title first needs them

    out: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if name := getattr(c, attr, ""):
                out.add(name.lower())
                out.add(name.split(",")[0].lower())  # "korea, republic of" -> "korea"
    return frozenset(out | {n.replace(" ", "") for n in out})


def _a_country(name: str) -> bool:
    return name in _country_names()


# A part of a company, or its parent: named by its own name ("subsidiary SkyHop"), or as a part
# of another ("payments arm of Zippa").
_PARTS = r"subsidiary|unit|affiliate|division|arm|spin-off|spinoff"
_NAMED_PART_RE = re.compile(rf"\b({_PARTS}|sister company|parent company|parent)\s+((?:[A-Z][^\W\d_]+\s*){{1,3}})")
_PART_OF_RE = re.compile(rf"\b({_PARTS})\s+of\s+((?:[A-Z][^\W\d_]+\s*){{1,3}})")


def _a_named_part(claim_text: str, title: str) -> str:
    """A part or parent of the claim's company named by its own name ("Skyvale regional
    subsidiary SkyHop grounds its turboprops" for "Skyvale Airways grounds its fleet"), or a part
    named as the claim's company's ("India bans ZippaPay, payments arm of Zippa" for "India banned
    the Zippa shopping app"). "" if none, or when the claim names the part."""
    claim_words, names = cue_words(claim_text), _claim_names(claim_text)
    m = _NAMED_PART_RE.search(title)
    if m and m.group(1) not in claim_words and not set(cue_words(m.group(2))) & names:
        return f"{m.group(1)} {m.group(2).strip()}"
    m = _PART_OF_RE.search(title)
    if m and m.group(1) not in claim_words and set(cue_words(m.group(2))) & names:
        return f"{m.group(1)} of {m.group(2).strip()}"
    return ""


# A post's words in lower case, then a person's name: "finance minister Ilse Brandauer".
_POST_HOLDER_RE = re.compile(r"\b((?:[a-z]+\s+){1,2})([A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_]+)+)")


def _another_in_the_post(claim_text: str, title: str) -> str:
    """Another person named after the claim's post where the claim names its holder, the claim's
    person nowhere in the title: "German finance minister Kurt Albers resigns" for "Austrian
    finance minister Ilse Brandauer resigned". "" if none."""
    lowered = fold(title)
    for m in _POST_HOLDER_RE.finditer(claim_text):
        post, name = m.group(1).split(), m.group(2).split()
        if post[-1] not in _ROLE_WORDS or any(w.lower()[:NAME_PREFIX] in lowered for w in name):
            continue
        for n in _POST_HOLDER_RE.finditer(title):
            if n.group(1).split()[-1] == post[-1] and not set(cue_words(n.group(2))) & _claim_names(claim_text):
                return f"{post[-1]} {n.group(2)}"
    return ""


# A possessive's owner and what it owns: "Kenya's parliament".
_OWNER_RE = re.compile(r"\b([A-Z][^\W\d_]+)['\u2019]s\s+([a-z][^\W\d_]+)")


def _another_owner(claim_text: str, title: str) -> str:
    """Another owner of what the claim's owner has: "Uganda's parliament passes its own Digital
    Lending Bill" for "Kenya's parliament passes ...", the claim's owner nowhere in the title."""
    lowered = fold(title)
    for m in _OWNER_RE.finditer(claim_text):
        owner, owned = m.group(1).lower(), m.group(2).lower()
        if owner[:NAME_PREFIX] in lowered:
            continue
        for n in _OWNER_RE.finditer(title):
            other = n.group(1).lower()
            if n.group(2).lower() == owned and other not in _claim_names(claim_text):
                return f"{n.group(1)}'s {owned}"
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
_NAMESAKE_RE = re.compile(
    r"\b((?i:another|a different)|(?<=[a-z] )(?:named|called))\s+((?:[A-Z][^\W\d_]+['\u2019-]?\s*){1,3})"
)


# "Tomas Varga Jr.", "Tomas Varga III": the son or grandson of the same name.
_GENERATION_RE = re.compile(r"((?:[A-Z][^\W\d_]+['\u2019-]?\s+){1,3})(?:,\s*)?(Jr\b\.?|Sr\b\.?|Junior\b|II\b|III\b|IV\b)")


_GENERATION_HINT_RE = re.compile(r"\b(?:Jr|Sr|Junior|II|III|IV)\b")


# Trades a headline names a person by, right before the name ("Singer Lorcan Feehily").
_TRADES = frozenset(
    [
        "singer", "actor", "actress", "rapper", "musician", "guitarist", "drummer", "comedian", "presenter",
        "author", "writer", "poet", "painter", "artist", "chef", "footballer", "striker", "goalkeeper",
        "hurler", "boxer", "golfer", "cricketer", "cyclist", "jockey", "swimmer", "sprinter", "senator",
        "journalist", "director", "model", "designer", "architect", "surgeon", "priest", "bishop",
        "councillor", "councilor", "mayor", "forward", "defender", "midfielder", "activist", "teacher",
    ]
)


def _another_trade(claim_text: str, title: str) -> str:
    """The claim's person's name after another trade than the claim's ("Former Galway hurler Lorcan
    Feehily dies" for "Singer Lorcan Feehily has died"): a namesake. "" if none."""
    claim = _NAME_TOKEN_RE.findall(claim_text)
    mine = next((w.lower() for w in claim[:3] if w.lower() in _TRADES), "")
    if not mine:
        return ""
    at = [w.lower() for w in claim].index(mine)
    name = [w for w in claim[at + 1 : at + 4] if w[:1].isupper()]
    if len(name) < 2:
        return ""
    item = _NAME_TOKEN_RE.findall(title)
    lowered = [w.lower() for w in item]
    for k in range(1, len(item) - 1):
        if item[k : k + 2] == name[:2] and lowered[k - 1] in _TRADES and lowered[k - 1] != mine:
            return f"{lowered[k - 1]} {name[0]} {name[1]}"
    return ""


def _namesake(claim_text: str, title: str) -> str:
    """Someone of the claim's name who is not the claim's person ("Another Dario Velez, a
    cyclist, retires" for "Footballer Dario Velez has retired"; "Tomas Varga Jr." for "Tomas
    Varga", when the claim names no generation itself), "" if none."""
    names = _claim_names(claim_text)
    about_names = bool({"name", "names", "named", "called"} & set(cue_words(claim_text)))
    for m in _NAMESAKE_RE.finditer(title):
        named = cue_words(m.group(2))
        if about_names and m.group(1).lower() in ("named", "called"):
            continue  # a claim about the name itself ("anyone with the name Kim Jong Un")
        if named and set(named) <= names:
            return f"{m.group(1).lower()} {m.group(2).strip()}"
    if not _GENERATION_HINT_RE.search(title) or _GENERATION_RE.search(claim_text):
        return ""
    for m in _GENERATION_RE.finditer(title):
        named = cue_words(m.group(1))
        if len(named) >= 2 and set(named) <= names:
            return f"{m.group(1).strip()} {m.group(2)}"
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


# Mourning, grief and tribute: who does it is alive ("Mara Quill mourns death of her producer").
_DEATH_FAMILIES = frozenset(families(("die",)).keys())
_MOURNING_RE = re.compile(
    r"\b(?:mourns?|mourning|grieves?|grieving|pays?\s+(?:tribute|respects|homage)|paid\s+(?:tribute|respects|homage)"
    r"|remembers|heartbroken|devastated|attends?\s+(?:the\s+)?funeral|(?:sends?|offers?)\s+condolences|bids\s+farewell)\b",
    re.IGNORECASE,
)
_NOT_THE_MOURNER = frozenset(["of", "for", "to", "and", "as", "after"])
_SUBJECT_ENDS = frozenset(["has", "have", "had", "is", "was", "were", "are", "will", "with", "of", "for", "in", "at", "by", "after"])


@lru_cache(maxsize=4096)
def _subject_names(claim_text: str) -> frozenset[str]:
    """The names of a claim's subject, before its first verb or preposition ("Singer Mara Quill
    has died": singer, mara, quill; "A child soldier with ISIS was killed": none)."""
    out: set[str] = set()
    for w in _NAME_TOKEN_RE.findall(claim_text):
        if w.lower() in _SUBJECT_ENDS:
            break
        if w[:1].isupper() and w.lower() not in ("a", "an", "the"):
            out.add(w.lower())
    return frozenset(out)


def _mourns_another(claim_text: str, line: str) -> str:
    """The claim's subject mourning, grieving or paying tribute, for a claim of its death: the
    death is another's ("Mara Quill mourns death of her producer", "Mara Quill grieves as her
    producer dies"). Only when the line opens with the claim's names as the mourner: not "Fans of
    Mara Quill mourn" nor "Tributes paid to Mara Quill". "" if not."""
    if UNSPACED_RE.search(claim_text) or not _event_families(claim_text) & _DEATH_FAMILIES:
        return ""
    m = _MOURNING_RE.search(line)
    if m is None:
        return ""
    before = cue_words(line[: m.start()])
    names = _subject_names(claim_text)
    if not before or before[-1] not in names or set(before) & _NOT_THE_MOURNER:
        return ""
    if set(cue_words(line[m.end() :])[:4]) & names:
        return ""  # "X pays tribute to X's ..."
    return f"another's death, mourned ('{m.group(0)}')"


# The same in Chinese: "林夏发文悼念去世的制作人" (Lin Xia mourns the producer who died).
_MOURNING_ZH_RE = re.compile(r"悼念|哀悼|缅怀|追悼|送别|痛别|追忆")
_DEATH_ZH = ("去世", "逝世", "离世", "病逝", "辞世", "过世", "身亡", "遇难", "死亡")


def _mourns_another_zh(claim_text: str, text: str) -> str:
    """A Chinese claim's subject mourning, for a claim of its death: the text opens with the
    subject's name (``_zh_subject_name``: 歌手林夏 -> 林夏), then a word of mourning with no death
    word before it. Not "林夏去世 粉丝悼念" nor "网友悼念林夏". "" if not."""
    if not UNSPACED_RE.search(claim_text) or not any(w in claim_text for w in _DEATH_ZH):
        return ""
    name = _zh_subject_name(claim_text)
    folded = fold(text).lstrip(" \"'“‘《【")
    m = _MOURNING_ZH_RE.search(folded)
    if len(name) < 2 or m is None or not folded.startswith(name):
        return ""
    if any(w in folded[: m.start()] for w in _DEATH_ZH):
        return ""
    return f"another's death, mourned ('{m.group(0)}')"


_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "his", "her", "their", "him", "it", "its", "who"])
_PASSIVE_BE = frozenset(["is", "was", "are", "were", "gets", "got", "being", "been"])
_PASSIVE_CLAIM_RE = re.compile(r"\b(?:been|was|were|is|are|be|got|gets)\s+[a-z]+(?:ed|en)\b")


def _another_in_a_clause(claim_text: str, line: str) -> str:
    """The claim's event said of someone else in a clause after "as", "while", "after" ...: the
    claim's names in the first clause, none in the event's, whose own subject stands before its
    passive event word ("Leo Marsh scores twice as club's fan is arrested"). Not "... as he is
    arrested" (a pronoun: the claim's subject). "" if not."""
    if not (_PASSIVE_CLAIM_RE.search(claim_text) or _event_families(claim_text) & _DEATH_FAMILIES):
        return ""  # the claim's subject must undergo the event, as the clause's subject does
    ws = cue_words(line)
    names = _subject_names(claim_text) or _claim_names(claim_text)
    joiner = next((k for k, w in enumerate(ws) if w in _CLAUSE_JOINERS and k > 0), -1)
    if joiner < 0 or not set(ws[:joiner]) & names:
        return ""
    clause = ws[joiner + 1 :]
    at = next((k for k, w in enumerate(clause) if k > 0 and _an_event_word(claim_text, w)), -1)
    if at < 2 or clause[at - 1] not in _PASSIVE_BE:
        return ""
    subject = clause[: at - 1]
    if set(subject) & (names | _SUBJECT_PRONOUNS) or all(w in STOPWORDS for w in subject):
        return ""
    return " ".join(subject)


# Someone else of the claim's name, in Chinese: "另一名陈宇被拘留" (another Chen Yu is detained).
_NAMESAKE_ZH_RE = re.compile(r"另一名|另一位|另一个|同名同姓的?|同名的?")


@lru_cache(maxsize=4096)
def _zh_subject_name(claim_text: str) -> str:
    """A Chinese claim's subject: what stands before its first event word, voice word (被, 将, 已)
    or death word, its descriptors aside ("演员陈宇被拘留" -> 陈宇); "" if none."""
    claim = fold(claim_text)
    ends = [claim.find(w) for w in (*cuelib.EVENT_WORDS_ZH_SET, *_DEATH_ZH, "被", "将", "已") if w in claim]
    name = claim[: min(ends)] if ends else ""
    for descriptor in _DESCRIPTORS_ZH:
        name = name.removeprefix(descriptor)
    title = next((t for t in _TITLES_ZH if t in name), "")  # longest first: 董事长李军 -> 李军
    return name.rsplit(title, 1)[-1] if title else name


def _subject_acted_on_zh(claim_text: str, text: str) -> str:
    """The Chinese claim's subject as the object of another's doing: "债权人向法院申请对华岳地产
    进行破产重整" (creditors apply for its restructuring) for "华岳地产申请破产重整". "" if not."""
    if not UNSPACED_RE.search(claim_text) or len(name := _zh_subject_name(claim_text)) < 2:
        return ""
    folded, claim = fold(text), fold(claim_text)
    # the subject's name may run into a verb the event words do not hold (华岳地产申请): its
    # longest beginning after the marker
    for k in range(len(name), 1, -1):
        for marker in ("对", "向"):
            if marker + name[:k] in folded and marker + name[:k] not in claim and not folded.startswith(name[:k]):
                return f"{marker}{name[:k]}"
    return ""


_SAME_NAME_ZH_RE = re.compile(r"同名(?:的)?")


def _namesake_zh(claim_text: str, text: str) -> str:
    """Another person of the claim's subject's name, in Chinese ("另一名陈宇", "同名的陈宇"); "" if
    none. For a claim in another script, whose names the item writes otherwise: 同名 (of the same
    name) anywhere in a Chinese item ("台北同名乐队纸灯笼宣布解散" for "The Paper Lanterns split
    up")."""
    if not UNSPACED_RE.search(claim_text):
        if UNSPACED_RE.search(text) and (m := _SAME_NAME_ZH_RE.search(fold(text))):
            return m.group(0)
        return ""
    name = _zh_subject_name(claim_text)
    if len(name) < 2:
        return ""
    folded = fold(text)
    for m in _NAMESAKE_ZH_RE.finditer(folded):
        if name in folded[m.end() : m.end() + len(name) + 6]:  # "同名公司福建明悦食品"
            return f"{m.group(0)}{name}"
    return ""
