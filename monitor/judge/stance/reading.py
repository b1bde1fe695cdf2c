"""``reading``: everything the hand cues find in an item about a claim, in one ``Reading``, which
the learned model's features, the ordered rules and the guards all read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.judge.cues import UNSPACED_RE, Hit
from monitor.judge.stance.event import (
    _another_partner,
    _claim_kinds,
    _event,
    _other_title_zh,
    _read,
    _unread_language,
)
from monitor.judge.stance.framing import (
    _add_phrasings,
    _asks,
    _asks_unanswered,
    _asks_unanswered_zh,
    _bare_negation,
    _delay_as_modality,
    _event_line,
    _first_sentence,
    _framing_hits,
    _kind_here,
    _modal_reversal_as_modality,
    _named_only,
    _pending,
    _sanction_not_reversal,
)
from monitor.judge.stance.objects import (
    _a_part_of_the_name,
    _a_thing_of_the_object,
    _across,
    _another_agent,
    _another_as,
    _another_division_zh,
    _another_doing,
    _another_event,
    _another_jurisdiction,
    _another_kind,
    _another_named_thing_zh,
    _another_of_its_names,
    _another_of_the_name,
    _another_of_the_same_kind,
    _another_one_zh,
    _another_ordinal_zh,
    _another_place,
    _another_place_zh,
    _another_route,
    _another_route_zh,
    _another_with,
    _another_work,
    _another_year,
    _company_of_the_name,
    _contrary,
    _denial_elsewhere,
    _denies_another_event,
    _event_by_another,
    _its_other,
    _object_acts,
    _only_near,
    _other_number,
    _patient_acts,
)
from monitor.judge.stance.scopes import _chosen_over, _scopes
from monitor.judge.stance.subjects import (
    _a_named_part,
    _a_named_rival,
    _a_named_rival_zh,
    _a_rival_undergoes,
    _another_in_a_clause,
    _another_in_the_post,
    _another_name_leads,
    _another_owner,
    _another_subject_first,
    _another_trade,
    _another_undergoes,
    _chinese_item_other,
    _claims_subject_after,
    _deputy,
    _doer_of_the_event,
    _event_describes_another,
    _former_people,
    _left_elsewhere,
    _mourns_another,
    _mourns_another_zh,
    _namesake,
    _namesake_zh,
    _other_group,
    _other_post,
    _other_stops_as_modality,
    _post_before_event,
    _refusal_as_modality,
    _relative_clause_subject,
    _someone_else_chosen,
    _subject_acted_on_zh,
    _subject_other,
    _unowned_relation_first,
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
    # the claim is written without spaces (Chinese ...): its event is a share of its words
    claim_unspaced: bool = False

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


# A title labelled as satire or parody by its outlet ("Satire: Senator arrested for ..."): the
# item is itself made up, which calls nothing false.
_SATIRE_LABEL_RE = re.compile(r"^\W*(satire|satirical|parody|spoof)\s*[:|\]\)\u2014\u2013-]", re.IGNORECASE)


def _as_fiction(found: dict[str, list[str]], said: list[str]) -> None:
    """Move refuting words that say the item is itself satire to fiction."""
    if not said:
        return
    found["refuting"] = [w for w in found["refuting"] if w not in said]
    if not found["refuting"]:
        del found["refuting"]
    found.setdefault("fiction", []).extend(said)


def _satire_label(title: str, found: dict[str, list[str]]) -> None:
    """Read a satire label at the start of the title as fiction, not as a refutation."""
    if label := _SATIRE_LABEL_RE.match(title):
        _as_fiction(found, [w for w in found.get("refuting", ()) if w == label.group(1).lower()])


# A lead presenting the item itself as satire ("In this week's satirical column, ...", "The Salted
# Gull's satirical column imagines ..."): a piece of the outlet's, not a story called satire.
_SATIRE_ITSELF_RE = re.compile(
    r"\b(?:satirical|satire|parody)(?:\W+\w+){0,4}?\W+(?:column|dispatch|newsletter|piece|sketch|segment|feature|issue)\b",
    re.IGNORECASE,
)
_SATIRE_WORDS = ("satirical", "satire", "parody")


def _satire_itself(summary: str, found: dict[str, list[str]]) -> None:
    """Read "satirical", "satire" and "parody" as fiction, not as a refutation, where the lead
    presents the item itself as an outlet's satire."""
    said = [w for w in found.get("refuting", ()) if w in _SATIRE_WORDS]
    if said and _SATIRE_ITSELF_RE.search(summary):
        _as_fiction(found, said)


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
    _satire_label(title, found)
    _satire_itself(summary, found)
    negation = negation or _bare_negation(claim_text, text)
    if not reversal and "reversal" not in masked and (passed_over := _chosen_over(claim_text, text)):
        reversal, near = passed_over, True
    _add_phrasings(claim_text, title, text, masked, found)
    # who the event is about: the title's subject, or the lead's when the title does not say it
    line = _event_line(claim_text, title, summary)
    if pending and "hedging" not in masked:
        found.setdefault("hedging", []).append(pending)
    other = (
        other
        or _deputy(claim_text, text)
        or _other_title_zh(claim_text, text)
        or _other_post(claim_text, line)
        or _mourns_another(claim_text, line)
        or _mourns_another_zh(claim_text, line)
        or _other_group(claim_text, line)
        or _post_before_event(claim_text, line)
        or _left_elsewhere(claim_text, line)
        or _former_people(claim_text, line)
        or _someone_else_chosen(claim_text, line)
        or _unowned_relation_first(claim_text, line)
        or _a_rival_undergoes(claim_text, line)
        or _a_named_rival(claim_text, line)
        or _a_named_rival_zh(claim_text, line)
        or _a_named_part(claim_text, line)
        or _another_owner(claim_text, line)
        or _another_in_the_post(claim_text, line)
        or _another_subject_first(claim_text, line)
        or _another_name_leads(claim_text, line)
        or _another_in_a_clause(claim_text, line)
        or _claims_subject_after(claim_text, line)
        or _namesake(claim_text, line)
        or _another_trade(claim_text, line)
        or _namesake_zh(claim_text, line)
        or _subject_acted_on_zh(claim_text, line)
        or _chinese_item_other(claim_text, text)
        or _event_describes_another(claim_text, line)
        or _another_undergoes(claim_text, line)
        or _doer_of_the_event(claim_text, line)
        or _another_partner(claim_text, title, text)
        or _patient_acts(claim_text, line)
        or _object_acts(claim_text, line)
        or _event_by_another(claim_text, line)
        or _another_of_the_name(claim_text, line)
        or _company_of_the_name(claim_text, line)
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
    reversal, near = _modal_reversal_as_modality(own, reversal, near, found)
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
            # a title naming another city is about it, whatever its lead adds of the claim's
            or _another_division_zh(claim_text, title)
            or (_another_division_zh(claim_text, own) if own != title else "")
            or _another_jurisdiction(claim_text, own)
            or _another_place(claim_text, own)
            or _a_thing_of_the_object(claim_text, own)
            or _a_part_of_the_name(claim_text, own)
            or _another_route_zh(claim_text, own)
            or _another_named_thing_zh(claim_text, own)
            or _another_event(claim_text, own)
            or _another_doing(claim_text, own)
            or _another_as(claim_text, own)
            or _another_with(claim_text, own)
            or _its_other(claim_text, own)
            or _another_one_zh(claim_text, own)
            or _another_ordinal_zh(claim_text, own)
            or _another_route(claim_text, own)
            or _another_agent(claim_text, own)
            or _another_year(claim_text, own)
            or _another_work(claim_text, own)
            or _only_near(claim_text, own)
            or _another_of_its_names(claim_text, own)
            or _another_of_the_same_kind(claim_text, own)
            or _another_kind(claim_text, own)
        ),
        unread_language=_unread_language(text),
        denial_elsewhere=""
        if found.get("refuting")
        else (("" if event else _denial_elsewhere(claim_text, text, denials)) or _denies_another_event(claim_text, own, denials)),
        event_named_only=bool(event) and _named_only(claim_text, own),
        concern=any(h.kind == "concern" for hits in by_lang.values() for h in hits),
        claim_unspaced=bool(UNSPACED_RE.search(claim_text)),
    )
