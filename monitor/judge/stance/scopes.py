"""Cues read near the claim's event: a negation of its terms, a reversal of it ("abandons",
"calls off"), pressure or a target ("calls for", "faces"), fear of it, and which of the item's
words stand near the claim's event words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from monitor.judge.cues import FAMILIES_ZH, TABLES, UNSPACED_RE, Hit, cue_words, families, stems
from monitor.judge.stance.event import (
    _CLAUSE_END_ZH_RE,
    _after_title,
    _claim_event_words_zh,
    _claim_names,
    _claim_pairs,
    _claim_stems,
    _cross_words,
    _event_families,
    _event_terms,
    _hits,
    _other_words_zh,
)
from monitor.judge.text import STOPWORDS, fold, stem, term, terms

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


def _negatable(claim_text: str, claim: frozenset[str], folded: str) -> frozenset[str]:
    """What a negation after it may negate: the claim's terms but those the claim negates itself,
    and in a Chinese item (``folded``) the words it says the claim's in ("今年不会推出" for 发布)."""
    out = claim - _claim_negated(claim_text)
    return out | _other_words_zh(claim_text, folded) if folded else out


def _scopes(
    claim_text: str, text: str, lang: str, hits: list[Hit]
) -> tuple[bool, str, bool]:
    """(negation before a claim term, reversal phrase, reversal next to a claim term)."""
    negation, reversal, near = False, "", False
    unspaced = TABLES[lang].unspaced
    folded = fold(text) if unspaced else ""
    ws = stems(text)
    claim = _claim_pairs(claim_text) if unspaced else _claim_stems(claim_text, 3)
    negatable = _negatable(claim_text, claim, folded)
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
            # (or before it, for "averted": "Port Malvane strike averted")
            negation = (
                negation
                or around(h, h.start - h.end, scope, negatable)
                or (not unspaced and h.phrase in _AFTER_ITS_NOUN and around(h, AVERTED_NOUN_WORDS, h.start - h.end, negatable))
            )
            if not negation and not unspaced and not _claim_negated(claim_text):
                # or a word of the claim's event family: "hasn't died" for "is dead"
                after = families(words_[h.end : h.end + scope])
                negation = bool(after.keys() & _event_families(claim_text))
        reverses = h.kind == "reversal" or (h.kind == "reversal_of" and reverses_a_plan(h))
        if reverses and (
            _no_reversal_here(claim_text, h, unspaced, words_)
            or _in_a_compound(text, h.phrase, unspaced)
            or (unspaced and _reverses_another_thing_zh(claim, folded, h))
        ):
            reverses = False
        if reverses and h.start - 1 in event_nouns and not _PAST_RE.search(words_[h.end - 1]):
            reverses = False  # the event does the halting: "depot closure halts repairs"
        if reverses and not reversal:
            reversal = h.phrase
            near = _reverses_the_claim(
                h, unspaced, around, lambda h: reverses_a_plan(h) and _a_related_plan(claim_text, words_, h, plans), events
            )
    return negation, reversal, near


# What a Chinese reversal may stop that is the claim's whatever its words: a plan, deal or project.
_PLANS_ZH = ("计划", "项目", "方案", "交易", "合作", "收购", "协议", "合同", "谈判", "决定", "政策", "规定", "动议", "提议")


def _reverses_another_thing_zh(claim_pairs: frozenset[str], folded: str, h: Hit) -> bool:
    """Whether a Chinese reversal's object, the words after it to the clause's end, is something
    else than the claim's: none of the claim's pairs and no plan in it ("将暂停部分行政工作" for a
    president's resignation); for a reversal at a clause's end, the words before it in its clause
    ("数百航班将取消"; "收购计划暂停" still reverses)."""
    rest = _CLAUSE_END_ZH_RE.split(folded[h.end : h.end + 12], maxsplit=1)[0]
    if len(rest) < 2:
        # at the clause's end: what stands before it in its clause ("数百航班将取消", flights
        # cancelled by the claim's strike)
        rest = _CLAUSE_END_ZH_RE.split(folded[max(0, h.start - 10) : h.start])[-1]
    if len(rest) < 2 or any(p in rest for p in _PLANS_ZH):
        return False
    return not any(rest[k : k + 2] in claim_pairs for k in range(len(rest) - 1))


def _no_reversal_here(claim_text: str, h: Hit, unspaced: bool, ws: Sequence[str]) -> bool:
    """Whether a reversal word reverses nothing of the claim's: it says the claim's own event in
    other words ("axes route" for "will cut route"; 暂停 for "suspends", an English claim's event
    in Chinese), or it is a bare cause ("hospitalised after collapse"; not "after deal collapse")."""
    if unspaced:
        # the claim's event in other words (取消 for 停航), or an English claim's in Chinese
        own_family = {w for e in _claim_event_words_zh(claim_text) for w in FAMILIES_ZH.get(e, ())}
        return h.phrase in _cross_words(claim_text) or h.phrase in own_family
    if h.start > 0 and ws[h.start - 1] in _CAUSE_WORDS:
        return True
    # "no longer delivers babies after maternity ward closure" says the claim's ending; "no
    # longer plans to close", "will no longer close" still reverse it
    if h.phrase == "no longer" and _says_the_ending(claim_text, ws[h.end : h.end + 3], _PLANNING):
        return True
    # "scraps StarPoints loyalty scheme" for "ends its loyalty scheme", "pulls the plug on particle
    # lab" for "will shut down"; "scraps plan to close", "axes closure" still reverse it
    if h.phrase in _ENDING_REVERSALS and _says_the_ending(claim_text, ws[h.end : h.end + 3], _PLANNING | _PLAN_WORDS):
        return True
    # a phrase of the claim's own event family that starts with the reversal: "ruled out of the
    # Games" for "will miss the Games"
    said = families(tuple(ws[h.start : h.end + 2]))
    if any(said[f].split()[0] == ws[h.start] for f in said.keys() & _event_families(claim_text)):
        return True
    # the phrase's own words, not the claim's event word it holds ("avoids arrest" for "has been
    # arrested" reverses, though "arrest" is of the claim's family)
    own = [w for w in cue_words(h.phrase) if term(w) not in _event_terms(claim_text)]
    return bool(families(tuple(own)).keys() & _event_families(claim_text))


_CAUSE_WORDS = frozenset(["after", "following"])


def _says_the_ending(claim_text: str, after: Sequence[str], plans: frozenset[str]) -> bool:
    """Whether an ending word says the claim's own ending: the claim's event ends something, and
    the words after it hold neither a plan (``plans``) nor the claim's event."""
    return bool(_event_families(claim_text) & _ENDING_FAMILIES) and not (
        plans & set(after) or families(tuple(after)).keys() & _event_families(claim_text)
    )


def _in_a_compound(text: str, phrase: str, unspaced: bool) -> bool:
    """Whether a reversal word stands only inside a hyphenated compound ("pay-for-delay deals",
    "anti-ban campaign"): a name of something, no reversal."""
    if unspaced or " " in phrase:
        return False
    spelled = re.escape(phrase)
    alone = re.search(rf"(?<![\w-]){spelled}(?![\w-])", text, re.IGNORECASE)
    return alone is None and re.search(rf"(?<![\w]){spelled}(?![\w])", text, re.IGNORECASE) is not None


_PLANNING = frozenset(["plan", "plans", "planning", "intends", "intend", "expected", "going", "wants", "seeks", "considering"])
# Negations that follow what they negate ("strike averted"), and how far back it may stand.
_AFTER_ITS_NOUN = frozenset(["averted", "avoided"])
AVERTED_NOUN_WORDS = 2
# Reversals that are endings themselves: for a claim that something ends, they say it.
_ENDING_REVERSALS = frozenset(
    [
        "scrap", "scraps", "scrapped", "scrapping", "axe", "axes", "axed", "pulls the plug", "pulled the plug",
        "pulls plug", "pulled plug", "pull the plug", "pull out of", "pulls out of", "pulled out of", "pulling out of",
        "halt", "halts", "halted", "halting", "stop", "stops", "stopped", "end", "ends", "ended",
    ]
)
_PLAN_WORDS = frozenset(TABLES["en"].phrases["plan"])
# Events that end something: "no longer" says them rather than reverses them.
_ENDING_FAMILIES = frozenset(
    families(
        ("close", "stop", "suspend", "cancel", "discontinue", "ban", "resign", "retire", "ground", "leave", "lose", "remove", "bankrupt")
    ).keys()
)


# Cue kinds that count only when a word of a kind follows within a few words, and what they then
# count as: a dismissal verb denies what it dismisses if that is a rumour ("shuts down pregnancy
# rumours", not "shuts down its plant"); facing something the claim says is its prospect, not the
# thing ("faces $50 million fine" for "was fined"; not "facing sack" for another event).
_TARGETED: dict[str, tuple[frozenset[str], str]] = {
    "dismissal": (
        frozenset(
            [
                "rumor", "rumors", "rumour", "rumours", "speculation", "reports", "report",
                "gossip", "claims", "talk", "chatter", "hoax", "fake", "false", "untrue", "nonsense",
                "rubbish", "baseless", "myth", "conspiracy",
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
                "dismissal", "shutdown", "layoffs", "redundancies", "delisting", "ouster", "removal", "demolition",
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
        before = cue_words(text)[: h.start]
        if any(term(x) in event_terms for x in before) or families(before).keys() & event_families:
            return ""  # the event said before it: "IS beheads Briton, threatens to execute another"
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
    if families(cue_words(text)[h.end : h.end + CONCERN_SCOPE_WORDS]).keys() & _event_families(claim_text):
        return True  # the event in its family's words: "users fear shutdown" for "shuts down"
    if h.start == 0:
        return False
    if _TRAILING_FEAR_RE.search(text):
        return True  # "X to close branches, union fears": the whole headline is a fear
    return _an_event_word(claim_text, cue_words(text)[h.start - 1])


# A fear closing a headline after a comma, with who fears it: "…, union fears", "…, staff fear".
_TRAILING_FEAR_RE = re.compile(r",\s*(?:[^\W\d_]+\s+){0,2}(?:fears?|worry|worries|warns?|warned)\W*$", re.IGNORECASE)


def _first_event_word(claim_text: str, tokens: Sequence[str], start: int) -> int:
    """Where the first lower-case word saying the claim's event stands in ``tokens`` (-1: none)."""
    return next(
        (
            k for k in range(start, len(tokens))
            if tokens[k][:1].islower() and tokens[k] not in STOPWORDS and _an_event_word(claim_text, tokens[k])
        ),
        -1,
    )
