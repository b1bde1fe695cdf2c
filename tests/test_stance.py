"""Stance on plain values: denials, reversals, rumour framing, relatives in the subject's place,
plain assertions and headlines that assert nothing, in English and Chinese, with the cues shown.

Most cases are checked twice: with the shipped model (``model``) and with the rules alone
(``rules``), since both must keep a user from acting on a wrong ``confirms``.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.judge.cues import KINDS, TABLES, cue_words, find
from monitor.judge.stance import MODEL_PATH, classify_stance, features, load_model, predict
from monitor.model import Claim, Stance, StanceResult

CLAIM = Claim("banksy", "Anonymous street artist Banksy was arrested")
BUY = "Nordwind buys Solara Grid"
DIED = "Lana Verity has died"
XIAOMI = "小米与北汽合作造车"  # Xiaomi and BAIC build cars together

Decide = Callable[[str, str], StanceResult]
DECIDERS: dict[str, Decide] = {
    "model": lambda claim, title: predict(load_model(), claim, title),
    "rules": lambda claim, title: predict(None, claim, title),
}


@pytest.fixture(params=sorted(DECIDERS))
def decide(request: pytest.FixtureRequest) -> Decide:
    return DECIDERS[request.param]


def has_cue(r: StanceResult, start: str) -> bool:
    return any(c.startswith(start) for c in r.cues)


# --- the earlier plain cases -------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Police deny reports that Banksy was arrested",
        "Banksy arrest story is a hoax",
        "No, Banksy has not been arrested",
    ],
)
def test_refutations_are_denies_with_a_refuting_cue(title: str) -> None:
    r = classify_stance(CLAIM, title)
    assert r.stance is Stance.DENIES
    assert any(c.startswith(("refuting", "denial", "negation")) for c in r.cues), r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Has Banksy been arrested?",
        "Banksy reportedly arrested in London, according to unconfirmed rumours",
    ],
)
def test_rumour_framing_is_reports(title: str) -> None:
    r = classify_stance(CLAIM, title)
    assert r.stance is Stance.REPORTS
    assert any(c.startswith(("question", "hedging", "attribution")) for c in r.cues), r.cues


def test_official_confirmation_is_confirms() -> None:
    r = classify_stance(CLAIM, "Police confirm Banksy arrested in London")
    assert r.stance is Stance.CONFIRMS
    assert any(c.startswith("confirmation") for c in r.cues)


def test_result_is_well_formed() -> None:
    r = classify_stance(CLAIM, "Banksy arrested in London", "The artist was held overnight.")
    assert 0.0 <= r.confidence <= 1.0
    assert r.cues and all(isinstance(c, str) and c for c in r.cues)


def test_rules_alone_work_without_a_model() -> None:
    assert predict(None, CLAIM.text, "Police deny Banksy was arrested").stance is Stance.DENIES
    assert predict(None, CLAIM.text, "Was Banksy arrested?").stance is Stance.REPORTS
    # A plain assertion of the claim's own event is positive evidence.
    r = predict(None, CLAIM.text, "Banksy arrested in London")
    assert r.stance is Stance.CONFIRMS and "event: 'arrested'" in r.cues


# --- reversal and collapse ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "cue"),
    [
        ("Nordwind Energy abandons Solara Grid bid", "reversal: 'abandons'"),
        ("Nordwind and Solara Grid call off merger talks", "reversal: 'call off'"),
        ("Nordwind drops its bid for Solara Grid", "reversal: 'drops'"),
        ("Nordwind walks away from Solara Grid deal", "reversal: 'walks away from'"),
        ("Nordwind pulls out of Solara Grid takeover", "reversal: 'pulls out of'"),
        ("Nordwind rules out buying Solara Grid", "reversal: 'rules out'"),
        ("Nordwind has no plans to buy Solara Grid", "reversal: 'has no plans'"),
        ("Nordwind's Solara Grid deal fell through", "reversal: 'fell through'"),
        ("Nordwind-Solara Grid talks collapse", "reversal: 'collapse'"),
        ("Regulators blocked Nordwind's Solara Grid takeover", "reversal: 'blocked'"),
        ("Solara Grid rejected Nordwind's offer", "reversal: 'rejected'"),
        ("Nordwind won't buy Solara Grid", "negation of the claim's own terms"),
        ("Nordwind has not bought Solara Grid", "negation of the claim's own terms"),
    ],
)
def test_reversals_of_the_claims_event_are_denies(decide: Decide, title: str, cue: str) -> None:
    r = decide(BUY, title)
    assert r.stance is Stance.DENIES, r.cues
    assert has_cue(r, cue), r.cues


def test_a_reversal_the_claim_itself_states_is_no_reversal(decide: Decide) -> None:
    r = decide("Sony cancels the release of The Interview", "Sony cancels The Interview release")
    assert r.stance is Stance.CONFIRMS, r.cues
    assert not has_cue(r, "reversal"), r.cues


def test_a_reversal_verb_needs_a_plan_to_reverse(decide: Decide) -> None:
    """"drops" reverses a bid, a deal or a plan after it, not a share price."""
    r = decide(BUY, "Nordwind shares drop 5% after it buys Solara Grid")
    assert r.stance is Stance.CONFIRMS, r.cues
    assert not has_cue(r, "reversal"), r.cues


BAN = "Tarvo city council has banned e-bikes"


@pytest.mark.parametrize(
    "title",
    [
        "Tarvo council votes down e-bike ban",
        "Tarvo council voted against banning e-bikes",
        "Court strikes down Tarvo e-bike ban",
        "Tarvo lifts its e-bike ban",
        "Tarvo council postpones vote on e-bike ban",
        "Tarvo council delays e-bike ban decision",
    ],
)
def test_votes_against_and_undoing_are_not_confirms(decide: Decide, title: str) -> None:
    """A vote that goes against the event, or a ban lifted or put off, is no confirmation."""
    r = decide(BAN, title)
    assert r.stance is not Stance.CONFIRMS, r.cues
    assert has_cue(r, "reversal"), r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Governor Aldo Brink refuses to resign",
        "Governor Aldo Brink declines to step down",
        "Calls grow for Governor Aldo Brink to resign",
        "Party urges Governor Aldo Brink to resign",
        "Aldo Brink under pressure to resign as governor",
        "Aldo Brink stops short of resigning",
        "Aldo Brink's chief of staff resigns",
        "Aldo Brink aide resigns over scandal",
    ],
)
def test_refusals_demands_and_aides_do_not_confirm(decide: Decide, title: str) -> None:
    r = decide("Governor Aldo Brink has resigned", title)
    assert r.stance is not Stance.CONFIRMS, r.cues


@pytest.mark.parametrize(
    "title",
    ["Arrest warrant issued for Banksy", "Banksy avoids arrest", "Banksy fan arrested outside gallery"],
)
def test_a_warrant_an_escape_or_a_fan_is_no_arrest(decide: Decide, title: str) -> None:
    r = decide(CLAIM.text, title)
    assert r.stance is not Stance.CONFIRMS, r.cues


@pytest.mark.parametrize(
    "title",
    [
        "小米与北汽合作造车一事尚无定论",  # ... not settled yet
        "小米高管：与北汽合作造车没有进展",  # ... no progress
    ],
)
def test_chinese_not_settled_is_no_confirmation(decide: Decide, title: str) -> None:
    assert decide(XIAOMI, title).stance is not Stance.CONFIRMS


def test_chinese_next_month_is_not_done(decide: Decide) -> None:
    r = decide("北汽发布新款越野车", "北汽新款越野车下月发布")  # ... launches next month
    assert r.stance is not Stance.CONFIRMS, r.cues
    assert has_cue(r, "intention: '下月'"), r.cues


def test_chinese_postponement_is_no_confirmation(decide: Decide) -> None:
    r = decide("北汽发布新款越野车", "北汽新款越野车推迟发布")  # BAIC launches / postpones the launch
    assert r.stance is not Stance.CONFIRMS, r.cues
    assert has_cue(r, "reversal: '推迟'"), r.cues


def test_a_delay_needs_a_plan_to_put_off(decide: Decide) -> None:
    """"delays" puts off a vote or a launch after it; traffic delays reverse nothing."""
    r = decide("A fire broke out at Kelby airport", "Fire at Kelby airport causes long delays")
    assert not has_cue(r, "reversal"), r.cues
    assert r.stance is not Stance.DENIES, r.cues


def test_a_time_still_to_come_is_not_done(decide: Decide) -> None:
    r = decide("Pellam Foods has closed its Derry plant", "Pellam Foods to close Derry plant next year")
    assert r.stance is not Stance.CONFIRMS, r.cues
    assert has_cue(r, "intention: 'next year'"), r.cues


# --- debunking and attributed denial -----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "cue"),
    [
        ("Report that Nordwind bought Solara Grid is false", "refuting: 'false'"),
        ("Nordwind buying Solara Grid is a hoax", "refuting: 'hoax'"),
        ("Fake news: Nordwind bought Solara Grid", "refuting: 'fake news'"),
        ("Nordwind takeover of Solara Grid not true", "refuting: 'not true'"),
        ("Nordwind-Solara Grid takeover story debunked", "refuting: 'debunked'"),
        ("Nordwind buys Solara Grid, satire site says", "refuting: 'satire'"),
        ("Nordwind bought Solara Grid? No", "refuting: 'no,'"),
    ],
)
def test_debunking_is_denies(decide: Decide, title: str, cue: str) -> None:
    r = decide(BUY, title)
    assert r.stance is Stance.DENIES, r.cues
    assert has_cue(r, cue), r.cues


@pytest.mark.parametrize(
    ("title", "cue"),
    [
        ("Nordwind denies it is buying Solara Grid", "denial: 'denies'"),
        ("Solara Grid dismisses reports of a Nordwind takeover", "denial: 'dismisses'"),
        ("Nordwind spokesperson says Solara Grid purchase is not true", "refuting: 'not true'"),
    ],
)
def test_attributed_denial_is_denies(decide: Decide, title: str, cue: str) -> None:
    r = decide(BUY, title)
    assert r.stance is Stance.DENIES, r.cues
    assert has_cue(r, cue), r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Banksy arrest story 'not true', says his agent",
        "Banksy arrest report is 'nonsense', police say",
        "Police: Banksy 'was never arrested'",
    ],
)
def test_cue_words_in_single_quotes_are_read(decide: Decide, title: str) -> None:
    """Headlines quote with single quotes: 'not true' is "not true", not the words "'not" and
    "true'"."""
    r = decide(CLAIM.text, title)
    assert r.stance is Stance.DENIES, r.cues


# --- questions and modality --------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Could Nordwind buy Solara Grid?",
        "Nordwind may buy Solara Grid",
        "Nordwind might buy Solara Grid",
        "Nordwind plans to buy Solara Grid",
        "Nordwind in talks to buy Solara Grid",
        "Nordwind considering buying Solara Grid",
        "Nordwind set to buy Solara Grid",
        "Nordwind expected to buy Solara Grid",
        "Nordwind eyes Solara Grid",
        "Nordwind weighs Solara Grid purchase",
    ],
)
def test_questions_and_modality_are_reports(decide: Decide, title: str) -> None:
    r = decide(BUY, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert any(c.startswith(("modality", "intention", "question")) for c in r.cues), r.cues


@pytest.mark.parametrize(
    ("claim", "title", "cue"),
    [
        ("Quentin Rowe will resign", "Quentin Rowe under growing pressure to resign", "modality"),
        ("Quentin Rowe will resign", "Quentin Rowe faces calls to resign", "modality"),
        ("Kestrel Motors will close its Linz plant", "Kestrel Motors Linz plant closure: what we know", "hedging"),
    ],
)
def test_pressure_and_explainers_are_reports(decide: Decide, claim: str, title: str, cue: str) -> None:
    """Pressure to do something is not doing it; "what we know" sums up a story still open."""
    r = decide(claim, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert has_cue(r, cue), r.cues


@pytest.mark.parametrize(
    "title",
    ["Nordwind's Solara Grid takeover blocked by regulators", "Nordwind's Solara Grid takeover put off"],
)
def test_a_plan_word_before_its_reversing_verb_reverses(decide: Decide, title: str) -> None:
    """Headlines put the plan first in the passive ("takeover blocked"), not only after the verb
    ("blocks takeover")."""
    r = decide(BUY, title)
    assert r.stance is Stance.DENIES, r.cues
    assert has_cue(r, "reversal"), r.cues


def test_a_plan_verb_before_a_reversing_verb_is_not_a_reversed_plan() -> None:
    """"plans to end X" is an intention to end X, not a plan ended."""
    r = predict(None, "The city will stop arresting people for small amounts of cannabis", "City plans to end arrests for small amounts of cannabis")
    assert not has_cue(r, "reversal"), r.cues


def test_a_question_answered_in_the_headline_is_not_question_form() -> None:
    r = predict(None, BUY, "Nordwind buys Solara Grid? It's official")
    assert not has_cue(r, "question form"), r.cues
    assert r.stance is Stance.CONFIRMS, r.cues


# --- the claim's own subject -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "relation"),
    [
        ("Lana Verity's father dies at 81", "father"),
        ("Father of Lana Verity dies", "father"),
        ("Lana Verity's late mother dies", "mother"),
        ("Lana Verity's rival dies", "rival"),
        ("Lana Verity\u2019s dog dies", "dog"),
        ("Lana Verity's bandmate dies", "bandmate"),
    ],
)
def test_a_relative_in_the_subjects_place_is_reports(
    decide: Decide, title: str, relation: str
) -> None:
    r = decide(DIED, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert f"subject: about '{relation}', not the claim's subject" in r.cues


@pytest.mark.parametrize(
    ("claim", "title", "relation"),
    [
        ("Halden Motors buys Solara Grid", "Halden Motors' rival Kestrel Power buys Solara Grid", "rival"),
        ("Corvane Labs has cut 300 jobs", "Corvane Labs' supplier cuts 300 jobs", "supplier"),
        (DIED, "Lana Verity mourns the death of her mother", "mother"),
        ("北汽裁员三百人", "北汽供应商裁员三百人", "供应商"),  # BAIC / BAIC's supplier lays off 300
        ("Kestrel Motors will close its Linz plant", "Kestrel Motors parts maker to close Linz plant", "parts maker"),
    ],
)
def test_a_business_relation_or_a_possessive_pronoun_is_not_the_subject(
    decide: Decide, claim: str, title: str, relation: str
) -> None:
    """"Motors' rival", "Labs' supplier" and "the death of her mother" after X: the event is theirs."""
    r = decide(claim, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert f"subject: about '{relation}', not the claim's subject" in r.cues


def test_the_subjects_own_relations_in_passing_still_confirm(decide: Decide) -> None:
    """A relative that is not the event's subject ("dumped by her boyfriend") leaves it alone."""
    r = decide("A woman spent a week living in a Dublin cafe", "Woman spends a week in Dublin cafe after her boyfriend leaves")
    assert not has_cue(r, "subject"), r.cues


def test_the_subject_itself_still_confirms(decide: Decide) -> None:
    r = decide(DIED, "Lana Verity dies at 81")
    assert r.stance is Stance.CONFIRMS, r.cues


@pytest.mark.parametrize(
    ("claim", "title", "who"),
    [
        ("Singer Lana Verity has died", "Lana Verity's longtime drummer dies at 70", "drummer"),
        ("Singer Lana Verity has died", "Lana Verity\u2019s former guitarist dies after a short illness", "guitarist"),
        ("Singer Lana Verity has died", "Fans mourn as Lana Verity's producer dies", "producer"),
        ("Governor Ada Stone was arrested", "Man who attacked Governor Ada Stone arrested", "man who"),
        ("Governor Ada Stone was arrested", "Driver who hit Ada Stone's car is arrested in Leeds", "driver who"),
        ("Governor Ada Stone was arrested", "Governor Ada Stone's attacker arrested", "attacker"),
    ],
)
def test_a_role_after_a_possessive_or_a_relative_clause_is_not_the_subject(
    decide: Decide, claim: str, title: str, who: str
) -> None:
    """"X's drummer dies": the drummer died, not X; "man who attacked X arrested": the man was."""
    r = decide(claim, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert f"subject: about '{who}', not the claim's subject" in r.cues


def test_a_claim_about_a_role_checks_no_subject(decide: Decide) -> None:
    """A claim about a name's doctor is confirmed by the doctor's deed; a role before a name is a
    title, so "Rock singer X has died" still checks the item's subject."""
    r = decide("Joan Verne doctor took a selfie during her operation", "Joan Verne's doctor took a selfie during surgery")
    assert not has_cue(r, "subject"), r.cues
    r = decide("Rock singer Lana Verity has died", "Lana Verity's drummer dies at 70")
    assert has_cue(r, "subject: about 'drummer'"), r.cues


def test_a_role_before_the_name_is_the_name_itself(decide: Decide) -> None:
    """"Band co-founder Y dies" is Y himself: a role is someone else only after a possessive."""
    r = decide("Big Ron of the Harbor Boys has died", "Harbor Boys co-founder Big Ron dies at 59")
    assert not has_cue(r, "subject"), r.cues
    assert r.stance is Stance.CONFIRMS, r.cues


def test_a_relative_clause_about_the_subject_itself_still_confirms(decide: Decide) -> None:
    r = decide("Governor Ada Stone was arrested", "Ada Stone, who led the state for a decade, arrested")
    assert not has_cue(r, "subject"), r.cues
    assert r.stance is Stance.CONFIRMS, r.cues


@pytest.mark.parametrize(
    ("claim", "title", "phrase"),
    [
        ("Prime Minister Olga Brandt will resign", "Olga Brandt vows to stay on as prime minister", "vows to stay"),
        ("Prime Minister Olga Brandt will resign", "Olga Brandt remains in office after late-night talks", "remains in office"),
        ("Corvane will close its Derby factory", "Corvane's Derby factory to remain open, union says", "to remain open"),
        ("Singer Lana Verity has died", "Lana Verity is fine and resting at home", "is fine"),
        ("林峰已经辞职", "林峰将继续担任总裁", "继续担任"),  # Lin Feng has resigned / will stay on as president
        ("Corvane will sell its frozen food unit", "Corvane keeps frozen food unit after talks with buyers", "keeps"),
        ("Trion Air will cancel all flights to Lisbon", "Trion Air: Lisbon flights will operate as normal", "will operate"),
        ("Chancellor Erik Dahl will raise fuel taxes", "Erik Dahl freezes fuel taxes for another year", "freezes"),
        ("President Amara Diallo has tested positive for malaria", "Amara Diallo tests negative for malaria", "tests negative"),
        ("Pinecrest University will scrap tuition fees", "Pinecrest University to keep tuition fees", "keep"),
        ("Hollis Airways has gone bankrupt", "Hollis Airways rescued by last-minute investor deal", "rescued"),
    ],
)
def test_the_opposite_of_the_claims_event_denies(decide: Decide, claim: str, title: str, phrase: str) -> None:
    """Staying on denies resigning, staying open denies closing, without a denial word."""
    r = decide(claim, title)
    assert r.stance is Stance.DENIES, r.cues
    assert f"contrary: '{phrase}' says the opposite of the claim's event" in r.cues


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        ("Olga Brandt will resign as chief executive", "Olga Brandt resigns as chief executive, stays on as chair"),
        ("Rapper Jay Kole was shot in Atlanta", "Jay Kole safe after shooting near Atlanta studio"),
    ],
)
def test_the_event_beside_its_opposite_neither_confirms_nor_denies(decide: Decide, claim: str, title: str) -> None:
    """"Safe after shooting" says a shooting and that X is safe: the words cannot tell which the
    claim meant, so neither alert ("resigns as CEO, stays on as chair" is a missed confirm)."""
    r = decide(claim, title)
    assert has_cue(r, "contrary"), r.cues
    assert r.stance is Stance.REPORTS, r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Unions fear 1,200 job cuts at Corvane",
        "Corvane staff worried about job cuts after weak year",
        "Workers anxious as Corvane weighs its Derby future",
        "Concerns over Corvane job cuts grow",
    ],
)
def test_fears_of_the_event_are_not_the_event(decide: Decide, title: str) -> None:
    """Fear and worry frame what may come: the claim is not yet true."""
    r = decide("Corvane will cut 1,200 jobs", title)
    assert r.stance is Stance.REPORTS, r.cues
    assert has_cue(r, "hedging"), r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Flooded airport photo is an old image from a 2012 art installation",
        "Airport flood video is old footage taken out of context",
    ],
)
def test_a_picture_from_elsewhere_does_not_confirm(decide: Decide, title: str) -> None:
    """A picture shown to be older or from something else debunks what it was said to show."""
    r = decide("A video shows the Harbor City airport flooded", title)
    assert r.stance is not Stance.CONFIRMS, r.cues
    assert has_cue(r, "refuting"), r.cues
    assert not has_cue(r, "subject")


def test_a_claim_about_the_relative_is_confirmed_by_it(decide: Decide) -> None:
    r = decide("Lana Verity's father has died", "Lana Verity's father dies at 81")
    assert r.stance is Stance.CONFIRMS, r.cues
    assert not has_cue(r, "subject")


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        (DIED, "Lana Verity's manager: the death story is fake"),
        ("歌手林晓去世", "林晓经纪人：网传去世消息为假"),  # Lin Xiao's agent: the online rumour is false
    ],
)
def test_a_relative_before_a_colon_speaks(decide: Decide, claim: str, title: str) -> None:
    """"X's manager: ..." quotes the manager, as "X's manager says" does."""
    r = decide(claim, title)
    assert not has_cue(r, "subject"), r.cues
    assert r.stance is Stance.DENIES, r.cues


def test_a_relative_who_speaks_is_a_source_not_the_subject() -> None:
    r = predict(None, DIED, "Lana Verity's lawyer confirms the singer has died")
    assert not has_cue(r, "subject"), r.cues
    assert r.stance is Stance.CONFIRMS


# --- no default to confirms --------------------------------------------------------------------


def test_a_headline_without_the_claims_event_is_reports(decide: Decide) -> None:
    """Both names, no word of what the claim says happened: nothing to confirm."""
    r = decide(BUY, "Nordwind Energy chief meets Solara Grid board")
    assert r.stance is Stance.REPORTS, r.cues
    assert "no event term of the claim" in r.cues


def test_the_model_is_overruled_without_positive_evidence() -> None:
    """A model that always says confirms: the guard still answers reports, and says why."""
    model = {"classes": ["confirms", "denies", "reports"], "bias": [3.0, 0.0, 0.0], "weights": {}}
    r = predict(model, BUY, "Nordwind Energy chief meets Solara Grid board")
    assert r.stance is Stance.REPORTS
    assert "guard: no positive evidence (no event term of the claim)" in r.cues
    assert 0.0 <= r.confidence <= 1.0
    # A confirmation word about something else is no evidence for this claim either.
    other = predict(model, BUY, "Nordwind Energy announces a new chief executive")
    assert other.stance is Stance.REPORTS and "no event term of the claim" in " ".join(other.cues)
    # With the event asserted, the same model's confirms stands.
    assert predict(model, BUY, "Nordwind buys Solara Grid").stance is Stance.CONFIRMS


def test_rules_default_is_reports() -> None:
    r = predict(None, BUY, "Solara Grid")
    assert r.stance is Stance.REPORTS
    assert r.cues[-1] == "rule: no positive evidence, so reports"


def test_rip_is_the_event_of_a_death(decide: Decide) -> None:
    r = decide(DIED, "RIP Lana Verity: fans remember the singer")
    assert "event: 'rip' for a word of the claim" in r.cues, r.cues


def test_a_near_synonym_of_the_event_counts_as_the_event() -> None:
    r = predict(None, DIED, "Lana Verity passes away at 81")
    assert r.stance is Stance.CONFIRMS
    assert "event: 'passes away' for a word of the claim" in r.cues


# --- Chinese -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "stance", "cue"),
    [
        ("小米官方否认与北汽合作造车传闻", Stance.DENIES, "denial: '否认'"),
        ("小米与北汽合作造车传闻不实", Stance.DENIES, "refuting: '不实'"),
        ("小米放弃与北汽合作造车", Stance.DENIES, "reversal: '放弃'"),
        ("小米宣布与北汽合作造车", Stance.CONFIRMS, "confirmation: '宣布'"),
        ("小米证实与北汽合作造车", Stance.CONFIRMS, "confirmation: '证实'"),
        ("网传小米将与北汽合作造车", Stance.REPORTS, "hedging: '网传'"),
        ("消息称小米拟与北汽合作造车", Stance.REPORTS, "hedging: '消息称'"),
        ("小米可能与北汽合作造车", Stance.REPORTS, "modality: '可能'"),
        ("小米或与北汽合作造车", Stance.REPORTS, "modality: '或与'"),  # 或 + preposition: "may"
        ("小米被曝将与北汽合作造车", Stance.REPORTS, "hedging: '被曝'"),  # "is reported to"
        ("小米与北汽合作造车计划搁浅", Stance.DENIES, "reversal: '搁浅'"),  # "the plan ran aground"
        ("小米与北汽高管会面", Stance.REPORTS, "no event term of the claim"),
    ],
)
def test_chinese(decide: Decide, title: str, stance: Stance, cue: str) -> None:
    r = decide(XIAOMI, title)
    assert r.stance is stance, r.cues
    assert has_cue(r, cue), r.cues


def test_chinese_relative_in_the_subjects_place(decide: Decide) -> None:
    claim = "北汽董事长去世"  # the BAIC chairman has died
    r = decide(claim, "北汽董事长的父亲去世")  # ... the chairman's father has died
    assert r.stance is Stance.REPORTS, r.cues
    assert "subject: about '父亲', not the claim's subject" in r.cues
    assert decide(claim, "北汽董事长去世").stance is Stance.CONFIRMS


def test_cue_lists_are_per_language() -> None:
    assert {"en", "zh"} <= set(TABLES)
    for table in TABLES.values():
        assert set(table.phrases) == set(KINDS)
    assert TABLES["zh"].unspaced and not TABLES["en"].unspaced
    # Chinese cues are substrings of the text; English ones whole words.
    assert [h.phrase for h in find("zh", "小米官方否认与北汽合作") if h.kind == "denial"] == ["否认"]
    assert [h.kind for h in find("en", "Officials say the plane landed")] == ["attribution"]
    # An exception keeps a cue out of a longer word: 拟 ("plans to") is not 模拟 ("simulate").
    assert not [h for h in find("zh", "模拟驾驶") if h.kind == "intention"]


@pytest.mark.parametrize(
    ("claim", "title", "language"),
    [
        # denials, a rumour and a plain report, each with the claim's words: read without the
        # language's cue words, each looked like the bare event (Persian: 51 of 75 fixture
        # headlines were alarming answers)
        ("Grupo Arenal compra Banco Lince", "Grupo Arenal niega que vaya a comprar Banco Lince", "es"),
        ("Grupo Arenal compra Banco Lince", "Grupo Arenal compra Banco Lince por 2.000 millones", "es"),
        ("Nordwerk übernimmt Kessler Bau", "Gerüchte: Nordwerk übernimmt angeblich Kessler Bau", "de"),
        ("داروسازی مهرگان شرکت آریانوش را می‌خرد", "داروسازی مهرگان خرید شرکت آریانوش را تکذیب کرد", "fa"),
        ("داروسازی مهرگان شرکت آریانوش را می‌خرد", "شایعه خرید آریانوش توسط داروسازی مهرگان", "fa"),
    ],
)
def test_a_language_without_cues_neither_confirms_nor_denies(
    decide: Decide, claim: str, title: str, language: str
) -> None:
    r = decide(claim, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert any(f"no stance cues for language '{language}'" in c for c in r.cues), r.cues


def test_a_question_in_arabic_script_is_a_question(decide: Decide) -> None:
    # the Arabic question mark (؟) ends a question in Persian and Arabic; a claim in English
    r = decide("Mehregan Pharma buys Arianoush", "Mehregan Pharma buys Arianoush\u061f")
    assert r.stance is Stance.REPORTS, r.cues
    assert any("question" in c for c in r.cues), r.cues


def test_cue_words_cut_chinese_into_pairs() -> None:
    assert cue_words("小米汽车 isn't") == ("小米", "米汽", "汽车", "isn't")


# --- the model ---------------------------------------------------------------------------------


def test_shipped_model_is_small_readable_json() -> None:
    if not MODEL_PATH.exists():
        pytest.skip("no learned model shipped; the rules decide")
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model["classes"] == ["confirms", "denies", "reports"]
    assert MODEL_PATH.stat().st_size < 500_000
    # The hand cues are features of the model, so its explanations can name them.
    for cue in ("cue:reversal", "cue:denial", "cue:modality", "cue:subject_other", "cue:no_event"):
        assert cue in model["weights"], cue


def test_model_explains_with_top_features() -> None:
    if not MODEL_PATH.exists():
        pytest.skip("no learned model shipped")
    r = classify_stance(CLAIM, "Police deny reports that Banksy was arrested")
    assert any(c.startswith("model: ") for c in r.cues)


def test_long_body_is_read_from_the_lead() -> None:
    body = "Banksy was arrested on Tuesday. " + "Unrelated words follow here. " * 200 + "Hoax?"
    r = classify_stance(CLAIM, "", body)
    assert r.stance is not Stance.DENIES  # the late "Hoax?" is beyond the lead


def _model_on_features(model: dict, claim: str, title: str, summary: str) -> tuple[str, float]:
    """The model applied to ``features`` the plain way: the reference ``predict`` must agree with."""
    f = features(claim, title, summary)
    weights = model["weights"]
    logits = []
    for k in range(len(model["classes"])):
        z = model["bias"][k]
        for name, v in f.items():
            if name in weights:
                z += weights[name][k] * v
        logits.append(z)
    top = max(logits)
    exp = [math.exp(z - top) for z in logits]
    best = max(range(len(exp)), key=lambda k: exp[k])
    return model["classes"][best], round(exp[best] / sum(exp), 3)


def test_predict_is_the_model_applied_to_features(shared_data: Path) -> None:
    """``predict`` looks words up in the model's tables instead of building ``features``: on real
    headlines (with bodies of other headlines, so words and pairs repeat) it must give the same
    stance and confidence, and explain with features that fired; except where a guard overrules
    the model's confirms, which it must say."""
    if not MODEL_PATH.exists():
        pytest.skip("no learned model shipped")
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    with (shared_data / "emergent-train.csv").open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["label"] != "unrelated"][:600]
    assert len(rows) == 600
    guarded = 0
    for k, row in enumerate(rows):
        summary = " ".join(r["title"] for r in rows[k + 1 : k + 4])
        got = predict(model, row["claim"], row["title"], summary)
        plain = _model_on_features(model, row["claim"], row["title"], summary)
        if any(c.startswith("guard: ") for c in got.cues):
            guarded += 1
            # A guard overrules a confirms, or turns reports into denies when the headline
            # reverses the claim's own event.
            assert (plain[0] == "confirms" and got.stance is not Stance.CONFIRMS) or (
                plain[0] == "reports" and got.stance is Stance.DENIES
            ), row["title"]
        else:
            assert (got.stance.value, got.confidence) == plain, row["title"]
        fired = features(row["claim"], row["title"], summary)
        explained = [c for c in got.cues if c.startswith("model: ")]
        for part in explained[0].removeprefix("model: ").split(", ") if explained else []:
            assert part.rsplit(" (", 1)[0] in fired, part
    assert 0 < guarded < len(rows) // 4


def test_predict_takes_a_model_with_other_classes() -> None:
    """A model file with two classes (say, trained without 'reports') is applied the same way."""
    model = {
        "classes": ["confirms", "denies"],
        "bias": [0.2, -0.2],
        "weights": {"cue:denial": [-1.0, 2.5], "w:polic": [0.3, -0.1], "b:deny__": [0, 1]},
    }
    title = "Police deny Banksy was arrested"
    got = predict(model, CLAIM.text, title)
    assert (got.stance.value, got.confidence) == _model_on_features(model, CLAIM.text, title, "")
    assert got.stance is Stance.DENIES
    assert any(c.startswith("model: cue:denial") for c in got.cues), got.cues


def test_stance_only_crossval_scores_as_eval_does(shared_data: Path) -> None:
    """``crossval.py --stance-only`` skips the matching; its stance numbers must still be those
    of ``evaluate`` (every related pair, matched or not), confusion included."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        from crossval import stance_scores
        from train_match import claim_groups
    finally:
        sys.path.remove(str(scripts))
    from monitor.evaluate import evaluate

    with (shared_data / "emergent-train.csv").open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    fold = claim_groups(rows, 5, 0)[0]
    test = [r for r in rows if r["claim_id"] in fold]
    quick = stance_scores(test, lambda c, t, s: str(predict(None, c, t, s).stance))
    full = evaluate(test, stance_fn=lambda c, t, s, v: predict(None, c.text, t, s))["stance"]
    assert quick["confusion"] == full["confusion"]
    assert quick["accuracy"] == pytest.approx(full["accuracy"])
    assert quick["macro_f1"] == pytest.approx(full["macro_f1"])
    given = sum(row["confirms"] for row in full["confusion"].values())
    assert quick["confirms_right"] == pytest.approx(full["confusion"]["confirms"]["confirms"] / given)


@pytest.mark.parametrize(
    ("title", "cue"),
    [
        ("Why Nordwind should buy Solara Grid", "modality"),
        ("Investors back Nordwind amid calls to buy Solara Grid", "modality"),
        ("Nordwind boss plays a man who buys Solara Grid in new film", "fiction"),
        ("Nordwind close to a deal to buy Solara Grid", "modality"),
    ],
)
def test_opinion_calls_and_fiction_are_not_the_event(decide: Decide, title: str, cue: str) -> None:
    """What someone should do, calls to do it, and a part played in a film are not the event."""
    r = decide(BUY, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert has_cue(r, cue), r.cues


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        (XIAOMI, "小米与北汽合作造车？小米：没有此事"),  # ...? Xiaomi: no such thing
        (XIAOMI, "小米：暂无与北汽合作造车计划"),  # Xiaomi: no plan for now to build cars with BAIC
        ("相声演员周明去世", "周明现身直播报平安"),  # comedian Zhou Ming died / appears live to say he is well
        (BUY, "Nordwind buys Solara Grid? Nordwind: no such deal"),
    ],
)
def test_no_such_thing_and_no_plan_deny(decide: Decide, claim: str, title: str) -> None:
    r = decide(claim, title)
    assert r.stance is Stance.DENIES, r.cues


def test_chinese_glue_characters_need_not_be_repeated(decide: Decide) -> None:
    """已 ("already") joins words in the claim: the item asserts the event without it."""
    r = decide("林峰已经辞职", "林峰宣布辞职")  # Lin Feng has resigned / Lin Feng announces his resignation
    assert r.stance is Stance.CONFIRMS, r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Nordwind-Solara Grid deal off after shareholder revolt",
        "Solara Grid spurns Nordwind takeover offer",
        "Nordwind calls Solara Grid takeover talk 'pure speculation'",
        "Nordwind boss shuts down Solara Grid takeover rumours",
    ],
)
def test_a_deal_off_a_spurned_offer_and_a_dismissed_rumour_do_not_confirm(decide: Decide, title: str) -> None:
    r = decide(BUY, title)
    assert r.stance is not Stance.CONFIRMS, r.cues


def test_a_dismissal_verb_needs_a_rumour_to_dismiss(decide: Decide) -> None:
    """"Shuts down rumours" denies; "shuts down its plant" is an event like any other."""
    r = decide("Corvane will close its Derby plant", "Corvane shuts down its Derby plant")
    assert not has_cue(r, "denial"), r.cues
    assert r.stance is Stance.CONFIRMS, r.cues


@pytest.mark.parametrize(
    "title",
    [
        "Brenton mayor proposes diesel car ban from 2027",
        "Drivers demand diesel car ban in Brenton",
        "Brenton diesel ban: what drivers need to know",
    ],
)
def test_proposals_demands_and_explainers_are_reports(decide: Decide, title: str) -> None:
    r = decide("The city of Brenton will ban diesel cars from 2027", title)
    assert r.stance is Stance.REPORTS, r.cues


def test_on_the_brink_is_not_over_the_edge(decide: Decide) -> None:
    r = decide("Hollis Airways has gone bankrupt", "Hollis Airways on the brink of bankruptcy")
    assert r.stance is Stance.REPORTS, r.cues
    r = decide("Hollis Airways has gone bankrupt", "Hollis Airways files for bankruptcy")
    assert "event: 'bankruptcy' for a word of the claim" in r.cues, r.cues


def test_chinese_never_in_contact_denies(decide: Decide) -> None:
    r = decide("青禾集团收购星辰物流", "星辰物流回应：未与青禾集团接触")  # ... responds: never in contact with Qinghe
    assert r.stance is Stance.DENIES, r.cues


def test_a_title_before_a_name_is_no_relation_in_the_claim(decide: Decide) -> None:
    """"Coach Tomas Ruiz has been fired": the claim is about Ruiz, so his assistant's firing is
    someone else's."""
    r = decide("Coach Tomas Ruiz has been fired by Real Cordoba", "Tomas Ruiz's assistant fired by Real Cordoba")
    assert r.stance is Stance.REPORTS, r.cues
    assert has_cue(r, "subject: about 'assistant'"), r.cues


@pytest.mark.parametrize(
    ("claim", "title", "said"),
    [
        ("Harbor Steel will cut 2,000 jobs", "Harbor Steel cuts 200 jobs", "'200 job' where the claim says 2,000"),
        ("Quenby Bank was fined $50 million", "Quenby Bank fined $5 million", "'5,000,000' where the claim says 50,000,000"),
        ("Drax Games will release Starfall in March", "Drax Games releases Starfall in Japan in June", "another month (June)"),
    ],
)
def test_another_number_or_month_does_not_confirm(decide: Decide, claim: str, title: str, said: str) -> None:
    """200 jobs are not 2,000; June is not March."""
    r = decide(claim, title)
    assert r.stance is Stance.REPORTS, r.cues
    assert any(c.startswith("number: " + said) for c in r.cues), r.cues


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        ("A Michigan driver received a 2,084 dollar tip", "Michigan driver gets 2,000 dollar tip"),
        ("Quenby Bank was fined $50 million", "Quenby Bank fined $50m by regulator"),
        ("Harbor Steel will cut 2,000 jobs", "Harbor Steel cuts 2,000 jobs as 300 stores close"),
    ],
)
def test_the_same_number_rounded_or_beside_others_still_confirms(decide: Decide, claim: str, title: str) -> None:
    r = decide(claim, title)
    assert not has_cue(r, "number"), r.cues
    assert r.stance is Stance.CONFIRMS, r.cues


def test_facing_what_the_claim_says_is_its_prospect(decide: Decide) -> None:
    """"Faces a fine" is not fined; facing something else leaves the claim's event alone."""
    r = decide("Quenby Bank was fined $50 million", "Quenby Bank faces $50 million fine")
    assert r.stance is Stance.REPORTS, r.cues
    assert has_cue(r, "modality: 'faces'"), r.cues
    r = decide("Corvane will close its Derby plant", "Corvane, facing a lawsuit, closes its Derby plant")
    assert not has_cue(r, "modality"), r.cues


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        ("Velora Motors will open a factory in Ohio", "Velora Motors' Ohio factory plan on hold"),
        ("Velora Motors will open a factory in Ohio", "Ohio loses out as Velora Motors chooses Georgia"),
        ("Harbor Steel will cut 2,000 jobs", "Harbor Steel hiring 500 workers"),
        ("Quenby Bank was fined $50 million", "Quenby Bank cleared by regulator"),
        ("Tennis star Mia Rossi has retired", "Mia Rossi returns to court after injury"),
    ],
)
def test_plans_on_hold_losing_out_and_opposites_do_not_confirm(decide: Decide, claim: str, title: str) -> None:
    r = decide(claim, title)
    assert r.stance is not Stance.CONFIRMS, r.cues


def test_the_negation_scope_starts_after_the_negation() -> None:
    """The "will" of "will not" is no claim term negated ("Mayor X will resign")."""
    r = predict(None, "Mayor Lina Park will resign", "Lina Park will not seek re-election")
    assert not has_cue(r, "negation of the claim's own terms"), r.cues


def test_a_chinese_rate_raised_does_not_confirm_a_cut(decide: Decide) -> None:
    r = decide("海川银行下调存款利率", "海川银行上调存款利率")  # Haichuan Bank cuts / raises deposit rates
    assert r.stance is not Stance.CONFIRMS, r.cues
    assert has_cue(r, "contrary: '上调'"), r.cues


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        ("Prime Minister Olga Brandt will resign", "Olga Brandt will not stay on as prime minister"),
        ("林峰已经辞职", "林峰不会继续担任总裁"),  # Lin Feng will not stay on as president
    ],
)
def test_a_negated_opposite_is_no_opposite(decide: Decide, claim: str, title: str) -> None:
    """"Will not stay on" says no opposite of a resignation (the model may still read its "not")."""
    r = decide(claim, title)
    assert not has_cue(r, "contrary"), r.cues


def test_not_dead_is_an_opposite_on_its_own(decide: Decide) -> None:
    """The "dead" of "not dead" is not the event beside its opposite."""
    r = decide("Singer Lana Verity has died", "Singer Lana Verity not dead")
    assert has_cue(r, "contrary: 'not dead' says the opposite of the claim's event"), r.cues
    assert not has_cue(r, "contrary: 'not dead' says the opposite of the claim's event (beside"), r.cues
    assert r.stance is Stance.DENIES, r.cues


def test_a_negated_word_of_the_events_family_negates_it(decide: Decide) -> None:
    """"Hasn't died" negates "is dead": the family of the claim's word, not only its stem."""
    r = decide("Actor Jonas Pike is dead", "Jonas Pike hasn't died despite what Facebook says")
    assert has_cue(r, "negation of the claim's own terms"), r.cues
    assert r.stance is Stance.DENIES, r.cues


def test_a_plan_before_a_verb_in_the_past_with_to_between_is_an_intention() -> None:
    """"Plans to end X" is an intention, also when the verb is further on."""
    r = predict(None, "The city will stop arresting people for small amounts of cannabis", "City plans to quietly end cannabis arrests")
    assert not has_cue(r, "reversal"), r.cues


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        ("Mayor Lina Park will resign", "Lina Park resigns, won't say why"),
        ("Nordwind buys Solara Grid", "Nordwind buys Solara Grid, no job losses expected"),
        ("Velora Motors will open a factory in Ohio", "Velora Motors opens Ohio factory, not its last"),
    ],
)
def test_a_not_in_another_clause_than_the_event_is_no_denial(decide: Decide, claim: str, title: str) -> None:
    """The model reads any "not" as leaning to a denial; in another clause than the claim's event
    it denies nothing."""
    r = decide(claim, title)
    assert r.stance is not Stance.DENIES, r.cues


def test_a_not_in_the_events_clause_still_denies(decide: Decide) -> None:
    r = decide("Bettman will announce NHL expansion to Las Vegas", "Bettman says NHL expansion not imminent")
    assert not has_cue(r, "guard: the 'not' is in another clause"), r.cues


# Headlines of the probe rounds (README, "Seven more probe rounds"), in other words: each must get
# its stance. Grouped by what they exercise.
PROBED = [
    # Chinese: no comment, 曝 ('reportedly'), 暂不 ('not for now'), normal operation;
    # English 'declined to comment'
    # ... build cars together? Neither has responded
    ("星河汽车与华为合作造车", "星河汽车与华为合作造车？双方均未回应", Stance.REPORTS),
    # Reportedly: Qingfeng launches a folding phone in October
    ("青峰手机将在十月发布折叠屏手机", "曝青峰手机十月发布折叠屏手机", Stance.REPORTS),
    # Haichuan Bank: deposit rates not adjusted for now
    ("海川银行下调存款利率", "海川银行：暂不调整存款利率", Stance.DENIES),
    # Lantian Airlines: its Boeing 737 fleet operates normally
    ("蓝天航空将停飞波音737机型", "蓝天航空：波音737机队正常运营", Stance.DENIES),
    ("Nordwind buys Solara Grid", "Nordwind buys Solara Grid? Nordwind declined to comment", Stance.REPORTS),
    # a plan blocked in the passive, kinds of talks, choosing another over the claim's name,
    # pressing someone to act, allowing
    ("Kestrel Bank has merged with Union Trust", "Kestrel Bank merger with Union Trust blocked by regulator", Stance.DENIES),
    ("Kestrel Bank has merged with Union Trust", "Kestrel Bank says merger talks with Union Trust ended", Stance.DENIES),
    ("Kestrel Bank has merged with Union Trust", "Kestrel Bank and Union Trust in merger talks", Stance.REPORTS),
    ("Arkon Energy will build a nuclear plant in Wales", "Arkon Energy pulls plug on Wales nuclear project", Stance.DENIES),
    ("Arkon Energy will build a nuclear plant in Wales", "Wales nuclear plan: Arkon Energy still undecided", Stance.REPORTS),
    ("Arkon Energy will build a nuclear plant in Wales", "Arkon Energy picks Scotland over Wales for nuclear plant", Stance.DENIES),
    ("Glimmer Social has banned political ads", "Lawmakers press Glimmer Social to ban political ads", Stance.REPORTS),
    ("Glimmer Social has banned political ads", "Glimmer Social will keep allowing political ads", Stance.DENIES),
    # a reversal verb of the claim's own event family, reviews, votes to come, hopes, a lifted emergency
    ("Zenda Airlines will cut its Berlin route", "Zenda Airlines axes Berlin route", Stance.CONFIRMS),
    ("Zenda Airlines will cut its Berlin route", "Zenda Airlines reviews Berlin route amid losses", Stance.REPORTS),
    ("Oberon City has declared a water emergency", "Oberon City council to vote on water emergency", Stance.REPORTS),
    ("Oberon City has declared a water emergency", "Oberon City water emergency lifted", Stance.DENIES),
    ("Tellus Mining struck gold in Peru", "Tellus Mining shares soar on Peru gold hopes", Stance.REPORTS),
    # approvals delayed or sought, 'ahead of decision', 'in doubt', renewals, commitments, a win
    ("Corvin Pharma's Alzheimer drug was approved", "Corvin Pharma Alzheimer drug approval delayed", Stance.DENIES),
    ("Corvin Pharma's Alzheimer drug was approved", "Corvin Pharma seeks approval for Alzheimer drug", Stance.REPORTS),
    ("Corvin Pharma's Alzheimer drug was approved", "Advisers back Corvin Pharma Alzheimer drug ahead of decision", Stance.REPORTS),
    ("Lark Studios cancelled Season 3 of Ember", "Lark Studios renews Ember for Season 3", Stance.DENIES),
    ("Lark Studios cancelled Season 3 of Ember", "Ember Season 3 in doubt at Lark Studios", Stance.REPORTS),
    ("Rhea Motors will stop making diesel cars", "Rhea Motors commits to diesel for another decade", Stance.DENIES),
    ("Talia Voss won the Golden Lyre award", "Talia Voss wins Golden Lyre", Stance.CONFIRMS),
    # cleared of a charge; facing what follows the claim's event; "shelves" as a noun; a trip off;
    # a minister or a publisher in the subject's place; an investigation launched
    ("Striker Dan Kohl has been suspended for doping", "Dan Kohl cleared of doping charges", Stance.DENIES),
    ("Striker Dan Kohl has been suspended for doping", "Dan Kohl faces doping ban", Stance.REPORTS),
    ("Verdant Foods recalled its peanut butter", "Verdant Foods pulls peanut butter from shelves", Stance.CONFIRMS),
    ("Verdant Foods recalled its peanut butter", "Verdant Foods peanut butter linked to illness, probe launched", Stance.REPORTS),
    ("President Elin Saar will visit Beijing in April", "Elin Saar's Beijing visit off amid tensions", Stance.DENIES),
    ("President Elin Saar will visit Beijing in April", "Elin Saar's foreign minister visits Beijing", Stance.REPORTS),
    ("Author Ruth Okafor has died", "Ruth Okafor's publisher dies", Stance.REPORTS),
    # the event before a relative clause naming the subject; a denial of another matter (and of
    # the rumour itself, or of the claim's name, still denies); pressing for the event; silence;
    # standing by someone; an idiom spelling the event's word
    ("Governor Lena Marsh is arrested", "Officers detain woman who attacked Governor Lena Marsh", Stance.REPORTS),
    ("Governor Lena Marsh is arrested", "Police arrest Governor Lena Marsh", Stance.CONFIRMS),
    ("Corren Bank fires its finance chief", "Corren Bank denies wrongdoing over mortgage fees", Stance.REPORTS),
    ("Corren Bank fires its finance chief", "Corren Bank denies the reports", Stance.DENIES),
    ("Rebel leader Amos Tew was captured", "Militia denies Amos Tew was captured", Stance.DENIES),
    ("Coach Ivo Berg resigns", "Fans call on coach Ivo Berg to resign after defeat", Stance.REPORTS),
    ("Coach Ivo Berg resigns", "Club calls on fans to keep calm as coach Ivo Berg resigns", Stance.CONFIRMS),
    ("Orla Games delays its Ember Tide game", "Is Ember Tide delayed? Orla Games stays silent", Stance.REPORTS),
    ("Corren Bank fires its finance chief", "Corren Bank stands by its finance chief", Stance.DENIES),
    ("Corren Bank fires Nell Ashby", "Nell Ashby fires back at Corren Bank", Stance.REPORTS),
    # the claim's event as a noun before a reversing verb in the past; a closure averted; leaving
    # in other words; a role after the band's name, the claim's person missing
    ("Tarvo Rail closes its Derby depot", "Tarvo Rail Derby depot closure reversed", Stance.DENIES),
    ("Tarvo Rail closes its Derby depot", "Tarvo Rail Derby depot closure halts repairs", Stance.CONFIRMS),
    ("Holm Books will close its Leeds shop", "Holm Books Leeds shop rescued by new owner", Stance.DENIES),
    ("Singer Ada Wren has left the band Tidewater", "Ada Wren quits Tidewater", Stance.CONFIRMS),
    ("Singer Ada Wren has left the band Tidewater", "Tidewater announce Ada Wren's departure", Stance.CONFIRMS),
    ("Singer Ada Wren has left the band Tidewater", "Tidewater bassist leaves the band", Stance.REPORTS),
    ("Singer Ada Wren has left the band Tidewater", "Tidewater co-founder Ada Wren leaves the band", Stance.CONFIRMS),
    # layoffs in other words, and hiring as their opposite; a proposal floated; a deputy in
    # Chinese (副 before the claim's title)
    ("Orrin Foods will lay off 200 workers", "Orrin Foods confirms 200 redundancies", Stance.CONFIRMS),
    ("Orrin Foods will lay off 200 workers", "Orrin Foods is hiring 200 workers for its new bakery", Stance.DENIES),
    ("Velby council has banned fireworks", "Velby councillor floats fireworks ban", Stance.REPORTS),
    # Qinghe Group's vice-chairman was taken away for investigation
    ("青禾集团董事长被带走调查", "青禾集团副董事长被带走调查", Stance.REPORTS),
    ("青禾集团董事长被带走调查", "青禾集团董事长被带走调查", Stance.CONFIRMS),
    # Chinese: a friend who announces her own quitting, an agent who announces the singer's;
    # "defer to official information" is no comment; 传 ("rumoured") opens a headline; a "not"
    # with none of the claim's words is no denial (failed to pay on time, for "has defaulted")
    ("歌手苏蔓宣布退出娱乐圈", "苏蔓好友宣布退出娱乐圈", Stance.REPORTS),
    ("歌手苏蔓宣布退出娱乐圈", "苏蔓经纪人宣布苏蔓退出娱乐圈", Stance.CONFIRMS),
    ("恒远科技与华宇合作研发芯片", "恒远科技与华宇合作研发芯片？恒远：以官方消息为准", Stance.REPORTS),
    ("恒远科技与华宇合作研发芯片", "传恒远科技与华宇合作研发芯片", Stance.REPORTS),
    ("东岳地产债务违约", "东岳地产公告：未能按时偿还贷款", Stance.REPORTS),
    ("东岳地产债务违约", "东岳地产：不存在债务违约", Stance.DENIES),
    # "not so fast"; a relative of the claim's own role; a death in a musical; flights added or
    # running normally deny their cancellation; "some" where the claim says all
    ("Brightwell Power buys Corvo Solar", "Brightwell Power to buy Corvo Solar? Not so fast", Stance.REPORTS),
    ("Quarry Bank CEO will step down", "Quarry Bank CEO's husband steps down from hospital board", Stance.REPORTS),
    ("Quarry Bank CEO will step down", "Quarry Bank CEO steps down", Stance.CONFIRMS),
    ("Actor Len Pryor has died", "Len Pryor dies nightly in new musical", Stance.REPORTS),
    ("Ostra Air has cancelled all flights to Porto", "Ostra Air adds Porto flights for summer", Stance.DENIES),
    ("Ostra Air has cancelled all flights to Porto", "Ostra Air Porto flights operating normally", Stance.DENIES),
    ("Ostra Air has cancelled all flights to Porto", "Ostra Air cancels some Porto flights", Stance.REPORTS),
    ("Ostra Air has cancelled all flights to Porto", "Ostra Air cancels all Porto flights", Stance.CONFIRMS),
    # a rumour dismissed a few words on; a company collapsing is its bankruptcy, and avoiding it
    # denies it; another model code than the claim's (English and Chinese)
    ("Singer Tove Lind is pregnant", "Tove Lind shuts down baby rumours", Stance.DENIES),
    ("Kessel Freight has filed for bankruptcy", "Kessel Freight collapses into administration", Stance.CONFIRMS),
    ("Kessel Freight has filed for bankruptcy", "Kessel Freight avoids bankruptcy with rescue deal", Stance.DENIES),
    ("Norska Air orders 30 A350 jets", "Norska Air orders 30 A321 jets", Stance.REPORTS),
    ("华云航空订购50架C919", "华云航空订购50架A320", Stance.REPORTS),
    ("华云航空订购50架C919", "华云航空宣布订购50架C919", Stance.CONFIRMS),
    # investing in a plant denies its closure; "scaremongering" refutes; a picture dated to
    # another year; a deputy in Chinese (副 before the claim's title)
    ("Harlan Mills will close its Bolton plant", "Harlan Mills invests £5m in Bolton plant", Stance.DENIES),
    ("Harlan Mills will close its Bolton plant", "Harlan Mills: Bolton closure reports are scaremongering", Stance.DENIES),
    ("The Kestrel Dam has burst", "Video of 'burst Kestrel Dam' is from 2016", Stance.DENIES),
    ("The Kestrel Dam has burst", "Kestrel Dam bursts after week of rain", Stance.CONFIRMS),
    ("瑞丰银行行长辞职", "瑞丰银行副行长辞职", Stance.REPORTS),
    ("瑞丰银行副行长辞职", "瑞丰银行副行长辞职", Stance.CONFIRMS),
    # the title alone is the claim's person, not its event; a role an event gives still counts
    ("Corren Bank will fire its chief executive", "Corren Bank chief executive hits out at critics", Stance.REPORTS),
    ("Corren Bank will fire its chief executive", "Corren Bank chief executive speaks at summit", Stance.REPORTS),
    ("Corren Bank will fire its chief executive", "Corren Bank fires chief executive", Stance.CONFIRMS),
    ("Guard Ivo Lask shot a gunman at the museum", "Guard Ivo Lask takes down museum gunman", Stance.CONFIRMS),
    # 或 + a verb is "may" (或存 "may have"); not where the "may" is a consequence in another
    # clause (违者或面临罚款, "violators may face fines", after the event itself)
    ("青松食品产品被检出问题", "青松食品产品或存质量问题", Stance.REPORTS),
    # press-release titles: staying with the company denies a resignation; "safe to eat" denies a
    # recall; a recall in other words
    ("Tarn Labs' head of research has resigned", "Tarn Labs: head of research remains with the company", Stance.DENIES),
    ("Mossley Dairy recalls its oat milk", "Mossley Dairy: oat milk is safe to drink", Stance.DENIES),
    ("Mossley Dairy recalls its oat milk", "Mossley Dairy oat milk pulled from shelves", Stance.CONFIRMS),
    # a rate held steady denies its cut; markets betting on it is speculation; 旧闻 ("old news")
    ("Arlo Bank will cut its base rate", "Arlo Bank keeps base rate steady", Stance.DENIES),
    ("Arlo Bank will cut its base rate", "Traders bet on Arlo Bank base rate cut", Stance.REPORTS),
    ("远洋航空一架客机紧急迫降", "远洋航空：网传迫降视频系旧闻", Stance.DENIES),
    # opposition to the claim's subject is not its approval
    ("Brill Council has approved the Harbour Road flats", "Neighbours oppose Harbour Road flats", Stance.REPORTS),
    # a headquarters staying denies its move; "engaged in" is no engagement; a bare 未 before the
    # claim's words negates them (Chinese); a new date denies a cancellation
    ("Fenwick Glass is moving its head office to Lyon", "Fenwick Glass: head office will stay in Leeds", Stance.DENIES),
    ("Fenwick Glass is moving its head office to Lyon", "Fenwick Glass relocates head office to Lyon", Stance.CONFIRMS),
    ("Singer Lio Marr is engaged", "Lio Marr engaged in row with promoter", Stance.REPORTS),
    ("瑞达电子收到监管问询函", "瑞达电子：未收到任何问询函", Stance.DENIES),
    ("Orla Games has cancelled its Ember Tide sequel", "Orla Games Ember Tide sequel pushed back to 2029", Stance.DENIES),
    # the subject's own relative in the claim's event; another kind of relative than the one a
    # claim names; a relative of the holder of the claim's post; a deputy in English
    ("Singer Mara Quill has married her longtime partner", "Mara Quill's sister marries in Tuscany", Stance.REPORTS),
    ("Singer Mara Quill has married her longtime partner", "Mara Quill marries longtime partner in private ceremony", Stance.CONFIRMS),
    ("Actor Sam Ortega's wife has filed for divorce", "Sam Ortega's daughter files for divorce", Stance.REPORTS),
    ("Actor Sam Ortega's wife has filed for divorce", "Sam Ortega's wife files for divorce", Stance.CONFIRMS),
    ("林晓的父亲去世", "林晓母亲去世", Stance.REPORTS),
    ("林晓的父亲去世", "林晓父亲因病去世", Stance.CONFIRMS),
    ("The president of Norland has died", "Norland president's brother dies", Stance.REPORTS),
    ("Coach Ben Arbel has been sacked", "Riverton sack assistant coach as Ben Arbel stays", Stance.REPORTS),
    ("The prime minister of Norland has resigned", "Norland deputy prime minister resigns", Stance.REPORTS),
    ("The prime minister of Norland has resigned", "Norland prime minister resigns", Stance.CONFIRMS),
    # absence is no death; what a closure "would mean" is no closure; appearing, "ending" the
    # rumours, denies them; the claim's own announcing word need not be repeated (Chinese)
    ("The president of Norland has died", "Norland president not seen in public for weeks", Stance.REPORTS),
    ("The president of Norland has died", "Norland president appears on TV, ending death rumours", Stance.DENIES),
    ("Grinwald Foods has shut its Leeds plant", "What Grinwald's Leeds plant closure would mean for workers", Stance.REPORTS),
    ("云帆汽车宣布停产", "云帆汽车官宣：即日起停产", Stance.CONFIRMS),
    ("云帆汽车宣布停产", "云帆汽车否认停产，工厂正常运转", Stance.DENIES),
    # a relative owned past a word ("doubles partner"); the favourite has not won yet; quashing
    # the talk denies it
    ("Tennis player Ana Rusk has retired", "Ana Rusk's doubles partner retires", Stance.REPORTS),
    ("Tennis player Ana Rusk has retired", "Ana Rusk announces retirement from tennis", Stance.CONFIRMS),
    ("Author Ida Brandt has won the Halden Prize", "Who will win the Halden Prize? Ida Brandt is favourite", Stance.REPORTS),
    ("Tennis player Ana Rusk has retired", "Ana Rusk enters next month's Open, quashing retirement talk", Stance.DENIES),
    # the event as a relative's description; a student, a support act; walking free and being
    # spared jail deny it; "tipped for" is modality; a decision delayed is pending, not reversed
    ("Rapper Kay Vondo has been jailed", "Kay Vondo visits jailed friend", Stance.REPORTS),
    ("Rapper Kay Vondo has been jailed", "Kay Vondo jailed for three years", Stance.CONFIRMS),
    ("Rapper Kay Vondo has been jailed", "Kay Vondo spared jail", Stance.DENIES),
    ("Scientist Jon Aalto has won the Nobel Prize in Chemistry", "Jon Aalto's former student wins Nobel Prize in Chemistry", Stance.REPORTS),
    ("Scientist Jon Aalto has won the Nobel Prize in Chemistry", "Jon Aalto tipped for Nobel Prize", Stance.REPORTS),
    ("Singer Nia Forde has cancelled her world tour", "Nia Forde's support act cancels tour", Stance.REPORTS),
    ("Hollis Airport will build a second runway", "Hollis Airport second runway decision delayed", Stance.REPORTS),
    ("Hollis Airport will build a second runway", "Hollis Airport drops second runway plans", Stance.DENIES),
    # Chinese: another title in the claim's title's place; the title without the event after it;
    # another number of the same unit (2万辆 is 20,000)
    ("北辰地产董事长辞职", "北辰地产董事会秘书辞职", Stance.REPORTS),
    ("北辰地产董事长辞职", "北辰地产董事长出席年会", Stance.REPORTS),
    ("北辰地产董事长辞职", "北辰地产公告：董事长因个人原因辞职", Stance.CONFIRMS),
    ("天宇汽车召回2万辆电动车", "天宇汽车召回200辆电动车", Stance.REPORTS),
    ("天宇汽车召回2万辆电动车", "天宇汽车宣布召回约2万辆电动车", Stance.CONFIRMS),
    # a pledge to do the claim's event is not the event (a pledge to do something else after
    # it says nothing against it); the event after a Chinese title in other words (逮捕, 被捕)
    ("Beltane Water has been nationalised", "Labour pledges to nationalise Beltane Water", Stance.REPORTS),
    ("Beltane Water has been nationalised", "Government nationalises Beltane Water", Stance.CONFIRMS),
    ("顺达物流创始人被捕", "警方通报：顺达物流创始人被依法逮捕", Stance.CONFIRMS),
    ("顺达物流创始人被捕", "顺达物流创始人之子被捕", Stance.REPORTS),
    # a consultation, a warning and an anniversary are not the event; a brother (之弟) is
    # someone else
    ("Denholm Council has banned e-scooters", "Denholm to consult on e-scooter ban", Stance.REPORTS),
    ("Denholm Council has banned e-scooters", "Denholm bans e-scooters from city centre", Stance.CONFIRMS),
    ("A tornado has hit the town of Marlow Falls", "Tornado warning issued for Marlow Falls", Stance.REPORTS),
    ("A tornado has hit the town of Marlow Falls", "Marlow Falls marks 10 years since tornado", Stance.REPORTS),
    ("A tornado has hit the town of Marlow Falls", "Tornado tears through Marlow Falls", Stance.CONFIRMS),
    ("宏远股份实控人被留置", "宏远股份实控人之弟被留置", Stance.REPORTS),
    ("宏远股份实控人被留置", "宏远股份公告：实控人被监察机关留置", Stance.CONFIRMS),
    # Chinese words of one event (离职 says 辞职, 提价 says 涨价, 并购 says 收购, 刑拘 says 拘留);
    # 疑云 ("cloud of doubt") and 暂未通报 ("not yet announced") are rumour framing
    ("北辰地产董事长辞职", "北辰地产董事长因个人原因离职", Stance.CONFIRMS),
    ("北辰地产董事长辞职", "北辰地产：董事长离职传闻不实", Stance.DENIES),
    ("一叶茶饮全线产品涨价两元", "一叶茶饮全线产品提价两元", Stance.CONFIRMS),
    ("华信科技收购蓝鲸半导体", "华信科技完成并购蓝鲸半导体", Stance.CONFIRMS),
    ("演员赵启明因吸毒被拘留", "演员赵启明因吸毒被刑拘", Stance.CONFIRMS),
    ("演员赵启明因吸毒被拘留", "演员赵启明经纪人被刑拘", Stance.REPORTS),
    ("演员赵启明因吸毒被拘留", "赵启明吸毒被拘？警方暂未通报", Stance.REPORTS),
    ("明星周若彤已离婚", "周若彤婚变疑云", Stance.REPORTS),
    # a reversal of another thing the claim's subject does is no denial; a reversal of a deal is
    ("Musician Teo Kalis has been hospitalised", "Teo Kalis cancels concert", Stance.REPORTS),
    ("Musician Teo Kalis has been hospitalised", "Teo Kalis cancels show", Stance.REPORTS),
    ("Nordwind buys Solara Grid", "Nordwind cancels Solara Grid deal", Stance.DENIES),
    # another number in words; winning an appeal against the fine is no fine
    ("Striker Jonas Pell has been banned for six matches", "Jonas Pell banned for two matches", Stance.REPORTS),
    ("Striker Jonas Pell has been banned for six matches", "Jonas Pell handed six-match ban", Stance.CONFIRMS),
    ("Verra Bank has been fined €20m", "Verra Bank wins appeal against €20m fine", Stance.REPORTS),
    # another count of other things right after the claim's event word
    ("Carver Motors has recalled 50,000 cars", "Carver Motors recalls 5,000 vans", Stance.REPORTS),
    ("Carver Motors has recalled 50,000 cars", "Carver Motors recalls 50,000 cars over brake fault", Stance.CONFIRMS),
    # the headline's future for a claim that it happened; "not yet decided"; a temporary closure;
    # another post; another person chosen for the post
    ("Orvin Foods has closed its Leeds factory", "Orvin Foods to close Leeds factory", Stance.REPORTS),
    ("Orvin Foods will close its Leeds factory", "Orvin Foods to close Leeds factory", Stance.CONFIRMS),
    ("Orvin Foods has closed its Leeds factory", "Orvin Foods Leeds factory closure 'not yet decided'", Stance.REPORTS),
    ("Orvin Foods has closed its Leeds factory", "Orvin Foods Leeds factory closed for Christmas", Stance.REPORTS),
    ("Orvin Foods has closed its Leeds factory", "Orvin Foods closes Leeds factory", Stance.CONFIRMS),
    ("Kira Holm has been named CEO of Dartel", "Kira Holm named CFO of Dartel", Stance.REPORTS),
    ("Halvik Motors CEO Ann Berg will step down", "Halvik Motors vice-president steps down", Stance.REPORTS),
    ("Kira Holm has been named CEO of Dartel", "Dartel names Tom Reed CEO", Stance.REPORTS),
    ("Kira Holm has been named CEO of Dartel", "Dartel names Kira Holm chief executive", Stance.CONFIRMS),
    # close to a deal is not the deal (not a place "close to" something); a former holder (前)
    ("Novo Air has ordered 20 Boeing jets", "Novo Air close to Boeing order", Stance.REPORTS),
    ("Novo Air has ordered 20 Boeing jets", "Novo Air orders 20 Boeing 787s", Stance.CONFIRMS),
    ("星河银行行长被调查", "星河银行前行长被调查", Stance.REPORTS),
    ("星河银行行长被调查", "星河银行：目前行长正常履职", Stance.DENIES),
    # courting is no deal; a part in a thriller; fears after the event's noun; 或面临 + the
    # claim's event (Chinese "may face")
    ("Tesla to build a factory in Indonesia", "Indonesia courts Tesla for factory", Stance.REPORTS),
    ("Film star Ray Hull has been arrested in Madrid", "Ray Hull plays arrested spy in Madrid thriller", Stance.REPORTS),
    ("Film star Ray Hull has been arrested in Madrid", "Ray Hull arrested in Madrid", Stance.CONFIRMS),
    ("Oster Steel has filed for bankruptcy", "Oster Steel bankruptcy fears grow", Stance.REPORTS),
    ("Oster Steel has filed for bankruptcy", "Oster Steel files for bankruptcy protection", Stance.CONFIRMS),
    ("江南纺织宣布破产", "江南纺织或面临破产", Stance.REPORTS),
    ("江南纺织宣布破产", "江南纺织正式申请破产", Stance.CONFIRMS),
    # on alert is no attack; another company's name first (Chinese: 南方 for 东方)
    ("Port Ellis has been hit by a cyber attack", "Ports on alert after wave of cyber attacks", Stance.REPORTS),
    ("东方航空开通至开罗的航线", "南方航空开通至开罗的航线", Stance.REPORTS),
    ("东方航空开通至开罗的航线", "东方航空首条至开罗航线今日开通", Stance.CONFIRMS),
    ("歌手林雨桐与丈夫离婚", "林雨桐与丈夫离婚", Stance.CONFIRMS),
    # settlement talks are no settlement; a rival opening the title; keeping what the claim says
    # was lost
    ("Lindqvist Pharma has settled the opioid lawsuit", "Lindqvist Pharma in settlement talks over opioid suits", Stance.REPORTS),
    ("Lindqvist Pharma has settled the opioid lawsuit", "Rival drugmaker settles opioid lawsuit", Stance.REPORTS),
    ("Lindqvist Pharma has settled the opioid lawsuit", "Lindqvist Pharma settles opioid lawsuit for $200m", Stance.CONFIRMS),
    ("Chef Ana Ruiz has lost her Michelin star", "Ana Ruiz keeps Michelin star", Stance.DENIES),
    ("Chef Ana Ruiz has lost her Michelin star", "Ana Ruiz's restaurant loses Michelin star", Stance.CONFIRMS),
    ("Ardent Bank has raised interest rates", "Ardent Bank holds rates at 4.5%", Stance.DENIES),
    ("Ardent Bank has raised interest rates", "Ardent Bank raises rates to 5%", Stance.CONFIRMS),
    # winning the race is being elected (the words together), entering or conceding it is not;
    # 考察 ("inspects") is no factory
    ("Nadia Stroud has been elected mayor of Holbrook", "Nadia Stroud wins mayoral race", Stance.CONFIRMS),
    ("Nadia Stroud has been elected mayor of Holbrook", "Nadia Stroud enters Holbrook mayoral race", Stance.REPORTS),
    ("Nadia Stroud has been elected mayor of Holbrook", "Nadia Stroud concedes Holbrook mayoral race", Stance.REPORTS),
    ("远景能源在沙特建厂", "远景能源考察沙特建厂", Stance.REPORTS),
    # avoiding administration is no administration; a regulator clearing denies a fine; a Chinese
    # claim's event after its passive 被 must be in the item (抽检不合格 is no 召回)
    ("Velo Bikes has gone into administration", "Velo Bikes secures funding, avoiding administration", Stance.REPORTS),
    ("Orla Telecom has been fined for data breach", "Regulator clears Orla Telecom over data breach", Stance.DENIES),
    ("金星乳业产品被召回", "金星乳业产品抽检不合格", Stance.REPORTS),
    ("金星乳业产品被召回", "金星乳业产品被召回 涉及三个批次", Stance.CONFIRMS),
    # the relative of a post-holder of the claim's subject; 或 ("may") right before the claim's
    # words (Chinese); the same with 创始人之子
    ("Corvan Group will buy Elster Foods", "Corvan Group founder's son buys Elster Foods stake", Stance.REPORTS),
    ("科沃集团收购艾斯特食品", "科沃集团或收购艾斯特食品", Stance.REPORTS),
    ("科沃集团收购艾斯特食品", "科沃集团创始人之子收购艾斯特食品股份", Stance.REPORTS),
    ("科沃集团收购艾斯特食品", "科沃集团宣布收购艾斯特食品", Stance.CONFIRMS),
    ("科沃集团收购艾斯特食品", "科沃集团放弃收购艾斯特食品", Stance.DENIES),
    # inspecting a fleet is not grounding it, one plane is not the fleet; a second title of the
    # claim's own is no other person (Chinese)
    ("Benton Airways has grounded its 737 fleet", "Benton Airways inspects 737 fleet", Stance.REPORTS),
    ("Benton Airways has grounded its 737 fleet", "Benton Airways grounds one 737 after bird strike", Stance.REPORTS),
    ("Benton Airways has grounded its 737 fleet", "Benton Airways grounds all 737s after engine fault", Stance.CONFIRMS),
    ("云帆科技创始人李航辞任董事长", "云帆科技董事长李航出席发布会", Stance.REPORTS),
    ("云帆科技创始人李航辞任董事长", "云帆科技回应李航辞职传闻：不实", Stance.DENIES),
    # a part of the company sold is not the company (also round 30's stake); the sale in other
    # words before its collapse; refusing the pardon; a restaurant closed for refurbishment
    ("Sora Games has been sold to Nexa Corp", "Sora Games sells mobile unit to Nexa Corp", Stance.REPORTS),
    ("Pell & Co has agreed to sell its shipping arm to Marlow Group", "Pell & Co sells stake in Marlow Group", Stance.REPORTS),
    ("Pell & Co has agreed to sell its shipping arm to Marlow Group", "Pell & Co agrees sale of shipping arm to Marlow Group", Stance.CONFIRMS),
    ("Sora Games has been sold to Nexa Corp", "Sora Games sale to Nexa Corp collapses", Stance.DENIES),
    ("President Ilse Varga has pardoned journalist Tomas Oren", "Ilse Varga refuses pardon for Tomas Oren", Stance.DENIES),
    ("金沙酒店正式停业", "金沙酒店餐厅停业装修", Stance.REPORTS),
    ("金沙酒店正式停业", "金沙酒店今日起正式停业", Stance.CONFIRMS),
    # not having received any notice of it negates the claim's words (Chinese)
    ("红叶集团被立案调查", "红叶集团：未收到任何立案调查通知", Stance.DENIES),
    # keeping the branches open denies their closure; a fight to save them; the claim's announcing word is not its
    # event ("band announces break"); Chinese: an application accepted (受理) and a trial begun
    # are no approval (the event after 获 must be in the item)
    ("Kestrel Bank has closed all its branches in Wales", "Kestrel Bank keeps Welsh branches open", Stance.DENIES),
    ("Kestrel Bank has closed all its branches in Wales", "Kestrel Bank opens digital hub in Cardiff", Stance.REPORTS),
    ("Kestrel Bank has closed all its branches in Wales", "Campaigners fight to save Kestrel Bank branches in Wales", Stance.REPORTS),
    ("Singer Ada Lund has announced her retirement", "Ada Lund's band announces break", Stance.REPORTS),
    ("Singer Ada Lund has announced her retirement", "Ada Lund announces retirement after 40 years", Stance.CONFIRMS),
    ("海星药业新冠疫苗获批上市", "海星药业新冠疫苗上市申请获受理", Stance.REPORTS),
    ("海星药业新冠疫苗获批上市", "海星药业新冠疫苗三期临床试验启动", Stance.REPORTS),
    ("海星药业新冠疫苗获批上市", "海星药业新冠疫苗获国家药监局批准上市", Stance.CONFIRMS),
    # round 55: an event not yet come is pending, not denied; Chinese 计划 after the event is its
    # plan (announced, or "none": 无), before it only an intention
    ("Kestrel Motors recalls 80,000 cars over brake fault", "No recall yet for Kestrel Motors despite brake complaints", Stance.REPORTS),
    ("Kestrel Motors recalls 80,000 cars over brake fault", "Kestrel Motors investigates brake complaints, no recall yet", Stance.REPORTS),
    ("Kestrel Motors recalls 80,000 cars over brake fault", "Kestrel Motors rules out recall after brake complaints", Stance.DENIES),
    ("华晨新能源宣布裁员", "华晨新能源宣布裁员计划", Stance.CONFIRMS),
    ("华晨新能源宣布裁员", "华晨新能源计划裁员", Stance.REPORTS),
    ("华晨新能源宣布裁员", "华晨新能源：无裁员计划", Stance.DENIES),
    ("华晨新能源宣布裁员", "华晨新能源辟谣：裁员消息不实", Stance.DENIES),
    # round 56: a Chinese paraphrase holds all the claim's characters in another order (a name
    # withheld with 某, a number in digits); a character missing may be the event (建); another
    # title before the event is another's event, though the claim's title is named too
    ("演员李明轩因酒驾被拘留", "警方通报：演员李某轩醉酒驾驶被依法拘留", Stance.CONFIRMS),
    ("星火手机将在十月发布折叠屏手机", "星火官宣：10月20日发布首款折叠屏手机", Stance.CONFIRMS),
    ("华丰汽车将在泰国建厂", "华丰汽车泰国工厂停产", Stance.REPORTS),
    ("歌手周晓雯宣布退出乐坛", "周晓雯乐坛复出 新歌今晚上线", Stance.REPORTS),
    ("远航集团董事长陈国栋辞职", "远航集团总经理辞职 董事长陈国栋兼任", Stance.REPORTS),
    ("远航集团董事长陈国栋辞职", "远航集团董事长兼总经理陈国栋辞职", Stance.CONFIRMS),
    # round 57: another place or object named where the claim names its own, right after the
    # event's word or after a preposition; not a demonym, a time or the claim's place itself
    ("Halvorsen Foods will close its Leeds bakery", "Halvorsen Foods closes Bristol depot", Stance.REPORTS),
    ("Halvorsen Foods will close its Leeds bakery", "Halvorsen Foods shuts Manchester warehouse", Stance.REPORTS),
    ("Halvorsen Foods will close its Leeds bakery", "Halvorsen Foods shuts Leeds plant", Stance.CONFIRMS),
    ("Marlowe Airlines will cut flights to Lisbon", "Marlowe Airlines cuts Porto flights", Stance.REPORTS),
    ("Marlowe Airlines will cut flights to Lisbon", "Marlowe Airlines to cut Lisbon flights from March", Stance.CONFIRMS),
    ("Brava Motors will open a factory in Ohio", "Brava Motors opens factory in Texas", Stance.REPORTS),
    ("Vantor Bank will move its headquarters to Dublin", "Vantor Bank moves HQ to Frankfurt", Stance.REPORTS),
    ("Vantor Bank will move its headquarters to Dublin", "Vantor Bank moves HQ to Dublin", Stance.CONFIRMS),
    ("Police have arrested a suspect in the Hallam murder", "Man arrested over Sheffield stabbing", Stance.REPORTS),
    ("Police have arrested a suspect in the Hallam murder", "Man arrested over Hallam murder", Stance.CONFIRMS),
    ("North Korea plans to open a restaurant in Scotland", "Kim Jong-Un planning Scottish restaurant", Stance.CONFIRMS),
    # round 58: someone else of the claim's name ("another X")
    ("Footballer Dario Velez has retired", "Another Dario Velez, a cyclist, retires", Stance.REPORTS),
    ("Footballer Dario Velez has retired", "Dario Velez hangs up his boots at 36", Stance.CONFIRMS),
    ("Footballer Dario Velez has retired", "Dario Velez signs new two-year contract, ending retirement talk", Stance.DENIES),
    ("Orbis Capital buys Lumen Health", "Orbis Capital walks away from Lumen Health deal", Stance.DENIES),
    ("Orbis Capital buys Lumen Health", "Orbis Capital rival Hestia buys Lumen Health", Stance.REPORTS),
    ("蓝海科技与星辰汽车合作造车", "蓝海科技澄清：从未与星辰汽车洽谈造车合作", Stance.DENIES),
    ("蓝海科技与星辰汽车合作造车", "蓝海科技子公司与星辰汽车合作", Stance.REPORTS),
    ("蓝海科技与星辰汽车合作造车", "官宣！蓝海科技携手星辰汽车造车", Stance.CONFIRMS),
    # rounds 59-60 (Chinese): the claim's event word must be said (禁止, 退出), numbers in
    # numerals (两百 for 两千), a count where the claim says all (两架 for 全部), what is under or
    # near the subject (旗下, 附近), "not yet" (暂未) and "not among them" (未在其列)
    ("海港市将从下月起禁止电动三轮车进入主城区", "海港市下月起电动三轮车可进入主城区", Stance.REPORTS),
    ("海港市将从下月起禁止电动三轮车进入主城区", "海港市交管局：下月起禁止电动三轮车进入主城区", Stance.CONFIRMS),
    ("蓝鲸手机将退出中国市场", "蓝鲸手机中国市场份额下滑", Stance.REPORTS),
    ("蓝鲸手机将退出中国市场", "蓝鲸手机宣布退出中国市场", Stance.CONFIRMS),
    ("青山集团裁员两千人", "青山集团旗下工厂裁员两百人", Stance.REPORTS),
    ("飞鹰航空停飞全部波音737", "飞鹰航空停飞两架波音737", Stance.REPORTS),
    ("飞鹰航空停飞全部波音737", "飞鹰航空宣布波音737机队全部停飞", Stance.CONFIRMS),
    ("飞鹰航空停飞全部波音737", "多国停飞波音737 飞鹰航空暂未跟进", Stance.REPORTS),
    ("云杉地产宣告破产", "云杉地产旗下物业公司宣告破产", Stance.REPORTS),
    ("东岳化工发生爆炸", "东岳化工附近仓库发生爆炸", Stance.REPORTS),
    ("东岳化工发生爆炸", "东岳化工发生爆炸 周边居民紧急疏散", Stance.CONFIRMS),
    ("晨光乳业召回问题奶粉", "多家乳企召回问题奶粉 晨光乳业未在其列", Stance.DENIES),
    # rounds 61-62: an English claim's event in Chinese words (cues.CROSS_EVENTS_ZH), counted when
    # the item names one of the claim's names in Latin letters, holds its number or confirms;
    # relatives, other titles, deputies, other Latin names, the object acting, other numbers
    ("Tennis star Jonas Berg dies at 34", "网球名将伯格因病去世 年仅34岁", Stance.CONFIRMS),
    ("Tennis star Jonas Berg dies at 34", "网球名将伯格的父亲去世", Stance.REPORTS),
    ("Tennis star Jonas Berg dies at 34", "伯格前教练病逝 享年70岁", Stance.REPORTS),
    ("Tennis star Jonas Berg dies at 34", "网传伯格去世 官方尚未回应", Stance.REPORTS),
    ("Tennis star Jonas Berg dies at 34", "伯格经纪人辟谣：伯格身体健康", Stance.DENIES),
    ("Tennis star Jonas Berg dies at 34", "网球选手伯格本人发视频回应死讯：我很好", Stance.DENIES),
    ("Helix Pharma CEO Margaret Olsen steps down", "赫利克斯制药CEO奥尔森宣布辞职", Stance.CONFIRMS),
    ("Helix Pharma CEO Margaret Olsen steps down", "赫利克斯制药CFO辞职", Stance.REPORTS),
    ("Helix Pharma CEO Margaret Olsen steps down", "赫利克斯制药副总裁辞职", Stance.REPORTS),
    ("Helix Pharma CEO Margaret Olsen steps down", "赫利克斯制药：奥尔森不会辞职", Stance.DENIES),
    ("Nordvik Motors to acquire battery maker VoltaCell", "诺德维克汽车宣布收购电池制造商VoltaCell", Stance.CONFIRMS),
    ("Nordvik Motors to acquire battery maker VoltaCell", "诺德维克汽车宣布完成对VoltaCell的收购", Stance.CONFIRMS),
    ("Nordvik Motors to acquire battery maker VoltaCell", "诺德维克汽车竞争对手收购VoltaCell", Stance.REPORTS),
    ("Nordvik Motors to acquire battery maker VoltaCell", "VoltaCell收购一家锂矿公司", Stance.REPORTS),
    ("Pelican Airways files for bankruptcy", "鹈鹕航空或申请破产保护", Stance.REPORTS),
    ("Pelican Airways files for bankruptcy", "鹈鹕航空：不会申请破产", Stance.DENIES),
    ("Valdoria bans the messaging app Chirp", "瓦尔多利亚禁止TikTok", Stance.REPORTS),
    ("Valdoria bans the messaging app Chirp", "瓦尔多利亚政府：无禁用Chirp计划", Stance.DENIES),
    ("Xiaomi and BAIC partner to build electric cars", "小米与北汽官宣合作造车", Stance.CONFIRMS),
    ("Xiaomi and BAIC partner to build electric cars", "小米与比亚迪合作", Stance.REPORTS),
    ("Singer Ava Lind cancels her Asia tour", "艾娃·林德团队：亚洲巡演将如期举行", Stance.DENIES),
    ("Brightway Airlines suspends flights to Hong Kong", "明途航空考虑暂停香港航线", Stance.REPORTS),
    ("Brightway Airlines suspends flights to Hong Kong", "明途航空：香港航班照常运营", Stance.DENIES),
    ("Ostrava Steel lays off 3,000 workers", "俄斯特拉发钢铁宣布裁员300人", Stance.REPORTS),
    ("Ostrava Steel lays off 3,000 workers", "俄斯特拉发钢铁宣布裁员3000人", Stance.CONFIRMS),
    # a change announced with the date it takes effect (下周起, 下月生效) is made, not planned
    ("一叶茶饮全线产品涨价两元", "一叶茶饮官宣：下周起全线产品每杯上调2元", Stance.CONFIRMS),
    ("一叶茶饮全线产品涨价两元", "一叶茶饮拟下周起全线涨价", Stance.REPORTS),
    ("Streaming giant Flickwave raises subscription prices by 20%", "Flickwave宣布全球订阅费上调20% 下月生效", Stance.CONFIRMS),
    # round 63: what markets bet on and a listing applied for are pending
    ("Velta Bank will cut interest rates", "Markets bet Velta Bank will cut rates", Stance.REPORTS),
    ("Velta Bank will cut interest rates", "Velta Bank cuts rates by a quarter point", Stance.CONFIRMS),
    ("Zenith Motors will list on the Nasdaq", "Zenith Motors files confidentially for Nasdaq listing", Stance.REPORTS),
    ("Zenith Motors will list on the Nasdaq", "Zenith Motors shelves Nasdaq listing", Stance.DENIES),
    ("Rapper Jax Cole has been charged with assault", "Charges against Jax Cole dropped", Stance.DENIES),
    ("Rapper Jax Cole has been charged with assault", "Jax Cole's bodyguard charged with assault", Stance.REPORTS),
    ("Actress Mira Holt is pregnant", "Mira Holt laughs off pregnancy rumours", Stance.DENIES),
    # round 64: the event's things named with a fear, no word of the event itself
    ("Harlow Group will close its Leeds call centre", "Leeds call centre staff fear for jobs", Stance.REPORTS),
    ("Harlow Group will close its Leeds call centre", "Harlow Group to close Leeds call centre", Stance.CONFIRMS),
    # round 65: a reversal refused or not ruled out, and an answer withheld, are no denial
    ("Halvorsen Foods will close its Leeds bakery", "Halvorsen Foods refuses to rule out Leeds bakery closure", Stance.REPORTS),
    ("Halvorsen Foods will close its Leeds bakery", "Halvorsen Foods won't say whether Leeds bakery will close", Stance.REPORTS),
    ("Halvorsen Foods will close its Leeds bakery", "'We are not closing Leeds', Halvorsen Foods says", Stance.DENIES),
    ("Lana Verity has died", "Lana Verity death hoax spreads on social media", Stance.DENIES),
    ("Lana Verity has died", "Tributes pour in for Lana Verity's late husband", Stance.REPORTS),
    ("Nordwind buys Solara Grid", "Regulator blocks Nordwind's takeover of Solara Grid", Stance.DENIES),
    # round 66 (Chinese): "inconsistent with the facts" refutes; a question left open after its
    # question mark is a question, one answered is read by its answer
    ("锐驰汽车将裁员三成", "锐驰汽车发布声明：网传裁员消息与事实不符", Stance.DENIES),
    ("金鹰航空与银翼航空合并", "金鹰航空与银翼航空合并？业内人士这样说", Stance.REPORTS),
    ("金鹰航空与银翼航空合并", "金鹰航空与银翼航空合并？官方确认", Stance.CONFIRMS),
    ("金鹰航空与银翼航空合并", "金鹰航空与银翼航空合并？假消息", Stance.DENIES),
    # round 67: what a test is for is not what happened
    ("Singer Ava Lind has malaria", "Ava Lind undergoes malaria test", Stance.REPORTS),
    ("Singer Ava Lind has malaria", "Ava Lind tests positive for malaria", Stance.CONFIRMS),
    ("Sprinter Amara Okafor failed a drug test", "Amara Okafor fails drug test", Stance.CONFIRMS),
    # round 68: the event describing someone the subject visits; another maker's jets; a
    # negation for now only
    ("Chef Tomas Ruiz has been hospitalised", "Tomas Ruiz visits hospitalised sous-chef", Stance.REPORTS),
    ("Chef Tomas Ruiz has been hospitalised", "Chef Tomas Ruiz hospitalised after collapse at restaurant", Stance.CONFIRMS),
    ("Kestrel Airways will buy 40 Airbus jets", "Kestrel Airways orders 40 Boeing jets", Stance.REPORTS),
    ("Kestrel Airways will buy 40 Airbus jets", "Kestrel Airways to buy 40 Airbus jets", Stance.CONFIRMS),
    ("Mayor Ines Rook will resign", "Ines Rook: 'I have no intention of resigning' - for now", Stance.REPORTS),
    ("Mayor Ines Rook will resign", "Ines Rook rules out resigning", Stance.DENIES),
    # round 70: a fear closing the headline frames it; a rival first (the claim's own name is its
    # first, not "Bank"); a relative's event by possessive; a wedding planned for the summer
    ("Vantor Bank will close 40 branches", "Vantor Bank to close branches, union fears", Stance.REPORTS),
    ("Vantor Bank will close 40 branches", "Rival Ostra Bank to close 40 branches", Stance.REPORTS),
    ("Vantor Bank will close 40 branches", "Vantor Bank confirms 40 branch closures", Stance.CONFIRMS),
    ("Pop star Kira Vale has married her partner", "Kira Vale attends sister's wedding", Stance.REPORTS),
    ("Pop star Kira Vale has married her partner", "Kira Vale engaged, wedding planned for summer", Stance.REPORTS),
    ("Pop star Kira Vale has married her partner", "Kira Vale marries partner in secret ceremony", Stance.CONFIRMS),
    # round 71: still doing the job (正常履职) is the opposite of resigning
    ("青禾集团总裁林峰辞职", "青禾集团：林峰仍正常履职", Stance.DENIES),
    ("青禾集团总裁林峰辞职", "青禾集团公告：林峰辞去总裁职务", Stance.CONFIRMS),
    # round 72: another partner where a Chinese claim joins its own
    ("星河汽车与华为合作造车", "星河汽车与小鹏合作造车", Stance.REPORTS),
    ("蓝海银行与东方信托合并", "蓝海银行同南方信托完成合并", Stance.REPORTS),
    ("蓝海银行与东方信托合并", "蓝海银行同东方信托完成合并", Stance.CONFIRMS),
    ("腾讯与京东合并", "腾讯否认与美团合并", Stance.REPORTS),
    ("腾讯与京东合并", "京东与腾讯正式合并", Stance.CONFIRMS),
    # round 75: takeover talk is talk; the event in a relative clause about a relation
    ("Corvane Airlines buys Skylark Regional", "Skylark Regional shares jump on Corvane takeover talk", Stance.REPORTS),
    ("Actor Ben Ostrow has died", "Ben Ostrow mourns co-star who died on Sunday", Stance.REPORTS),
    ("Actor Ben Ostrow has died", "Actor Ben Ostrow dies aged 74", Stance.CONFIRMS),
    ("Corvane Airlines buys Skylark Regional", "Corvane Airlines completes acquisition of Skylark Regional", Stance.CONFIRMS),
    # round 76: halting is suspending; a drug heading to its regulator awaits the approval
    ("Kestrel Air suspends flights to Lagos", "Kestrel Air halts Lagos flights", Stance.CONFIRMS),
    ("Drexa Pharma wins approval for its flu drug", "Drexa Pharma flu drug heads to regulator", Stance.REPORTS),
    ("Drexa Pharma wins approval for its flu drug", "Regulator rejects Drexa Pharma flu drug", Stance.DENIES),
    # round 78: another stop than the claim's; a strike over a plant's future is concern
    ("Pop star Juno Rae cancels her world tour", "Juno Rae postpones two tour dates", Stance.REPORTS),
    ("Pop star Juno Rae cancels her world tour", "Juno Rae calls off world tour, citing health", Stance.CONFIRMS),
    ("Kestrel Air suspends flights to Lagos", "Kestrel Air lifts suspension of Lagos flights", Stance.REPORTS),
    ("Pressa Motors will close its Turin plant", "Pressa Motors workers strike over Turin plant's future", Stance.REPORTS),
    ("Pressa Motors will close its Turin plant", "Pressa Motors confirms Turin plant closure", Stance.CONFIRMS),
    ("Kestrel Air suspends flights to Lagos", "Kestrel Air delays Lagos flights by a day", Stance.REPORTS),
    # round 79: another post right before the event; another post or body left
    ("Brisa Telecom CEO Omar Lind steps down", "Brisa Telecom chairman steps down; CEO Omar Lind to lead search", Stance.REPORTS),
    ("Brisa Telecom CEO Omar Lind steps down", "Omar Lind steps down from charity board", Stance.REPORTS),
    ("Brisa Telecom CEO Omar Lind steps down", "Omar Lind steps down as chairman", Stance.REPORTS),
    ("Brisa Telecom CEO Omar Lind steps down", "Omar Lind quits as Brisa Telecom chief executive", Stance.CONFIRMS),
    ("Brisa Telecom CEO Omar Lind steps down", "Omar Lind steps down from his post at Brisa Telecom", Stance.CONFIRMS),
    # round 80: former staff, an owner, "not ruled out", nearing the event, a plural model code
    ("Talvik Games is laying off 300 staff", "Former Talvik Games staff launch new studio", Stance.REPORTS),
    ("Kestrel Tech cuts 500 jobs", "Former Kestrel Tech staff sue over 2019 layoffs", Stance.REPORTS),
    ("Talvik Games is laying off 300 staff", "Talvik Games owner Brightfold cuts 300 jobs at other studios", Stance.REPORTS),
    ("Talvik Games is laying off 300 staff", "Talvik Games layoffs 'not ruled out', CEO says", Stance.REPORTS),
    ("Talvik Games is laying off 300 staff", "Talvik Games confirms 300 layoffs", Stance.CONFIRMS),
    ("Marisol Air orders 20 Airbus A321 jets", "Marisol Air close to ordering 20 Airbus jets", Stance.REPORTS),
    ("Marisol Air orders 20 Airbus A321 jets", "Marisol Air finalises order for 20 Airbus A321s", Stance.CONFIRMS),
    # round 83: a streaming comedy is fiction; a dealer is a relation; a trailing warning frames all
    ("Comedian Ray Dunn has died", "Ray Dunn dies in new Netflix comedy 'Last Laugh'", Stance.REPORTS),
    ("Zorra Motors recalls 40,000 cars", "Zorra Motors dealer recalls staff after strike", Stance.REPORTS),
    ("Quill Bank raises interest rates", "Quill Bank rate rise 'would hurt borrowers', MPs warn", Stance.REPORTS),
    ("Quill Bank raises interest rates", "Quill Bank lifts rates to 5%", Stance.CONFIRMS),
    ("Comedian Ray Dunn has died", "Ray Dunn, comedian, dead at 67", Stance.CONFIRMS),
]


# Items with the lead of their summary, written like a wire story's: the lead's attribution and
# its story's details do not unsettle a title that asserts the event; its refutations still
# count; a title without the event is read with its lead whole.
WITH_LEADS: list[tuple[str, str, str, Stance]] = [
    (
        "Nexa Pharma has won approval for its migraine drug",
        "Nexa Pharma wins FDA approval for migraine drug",
        "The US Food and Drug Administration approved the once-daily pill on Friday, the company said in a statement.",
        Stance.CONFIRMS,
    ),
    (
        "The Rinn Festival has been cancelled",
        "Rinn Festival cancelled due to flooding",
        "Organisers said the site was under water and the event could not go ahead safely.",
        Stance.CONFIRMS,
    ),
    (
        "Singer Ola Brun has released a new album",
        "Ola Brun releases surprise album",
        "The singer released the 12-track record at midnight without any promotion, her label said.",
        Stance.CONFIRMS,
    ),
    (
        "华北电力董事长被免职",
        "华北电力董事长被免职",
        "华北电力今日发布公告称，因工作调整，公司董事长已被免去职务。",
        Stance.CONFIRMS,
    ),
    (
        "Goalkeeper Sam Ode has signed for Westbridge",
        "Sam Ode extends contract with Ferrol",
        "The goalkeeper signed a new deal until 2029, ending speculation about a move to Westbridge.",
        Stance.DENIES,
    ),
    (
        "Musician Teo Kalis has been hospitalised",
        "Teo Kalis 'fine and resting at home', says manager",
        "Reports that the singer had been admitted to hospital were wrong, his manager said.",
        Stance.DENIES,
    ),
    (
        "Tarvo Mining has found gold in Nevada",
        "Tarvo Mining starts drilling in Nevada",
        "The company hopes to find gold at the site, its chief executive said.",
        Stance.REPORTS,
    ),
    (
        "Nexa Pharma has won approval for its migraine drug",
        "Nexa Pharma shares rise",
        "Investors bet on a positive ruling for its migraine treatment, according to traders.",
        Stance.REPORTS,
    ),
    (
        "Nexa Pharma has won approval for its migraine drug",
        "Nexa Pharma migraine drug faces FDA decision",
        "Regulators are due to rule on the treatment by the end of the month, analysts said.",
        Stance.REPORTS,
    ),
    (
        "Musician Teo Kalis has been hospitalised",
        "Teo Kalis cancels show",
        "The concert in Leeds was called off at short notice; no reason was given.",
        Stance.REPORTS,
    ),
    (
        "Brava Motors will build a battery plant in Ohio",
        "Brava Motors shelves US battery plant",
        "The company said weak demand for electric cars meant it no longer needed the extra capacity.",
        Stance.DENIES,
    ),
]


WITH_LEADS += [
    # round 64: a title naming the event only as a rumour's ("bankruptcy rumours", 破产传闻)
    # asserts nothing, so its lead is read whole: a negation there denies
    (
        "Pelican Airways files for bankruptcy",
        "Pelican Airways responds to bankruptcy rumours",
        "The company said it would not file for bankruptcy.",
        Stance.DENIES,
    ),
    ("Pelican Airways files for bankruptcy", "Pelican Airways回应破产传闻", "公司表示现金流充足，不会申请破产。", Stance.DENIES),
    (
        "Harlow Group will close its Leeds call centre",
        "Harlow Group to close Leeds call centre",
        "The company said 400 jobs would go when the site shuts in March. Unions said they would fight the decision.",
        Stance.CONFIRMS,
    ),
]


WITH_LEADS += [
    # round 81: a title about another party (the parent company) whose lead says "not for now"
    ("Pelican Airways files for bankruptcy", "鹈鹕航空母公司申请破产", "旗下航空公司运营暂不受影响。", Stance.REPORTS),
    ("Pelican Airways files for bankruptcy", "鹈鹕航空否认破产传闻", "公司表示现金流充足，运营正常。", Stance.DENIES),
    ("云帆汽车宣布停产", "云帆汽车回应停产传闻", "公司表示生产经营一切正常，网传停产消息不实。", Stance.DENIES),
    ("云帆汽车宣布停产", "云帆汽车回应停产传闻", "公司表示将于近期发布正式说明。", Stance.REPORTS),
]


# --- who is meant across scripts: the claim's aliases in the item's script ------------------------
XIAOMI_BAIC = Claim(
    id="xiaomi-baic",
    text="Xiaomi partners with BAIC to build electric cars",
    aliases=("Xiaomi BAIC partnership", "小米与北汽合作造车"),
)
BAIC_ZH = Claim(id="xiaomi-baic-zh", text="小米与北汽合作造车", aliases=("Xiaomi BAIC partnership",))


@pytest.mark.parametrize(
    ("claim", "title", "want"),
    [
        # another partner: the Chinese alias names 北汽, the item 比亚迪 (BYD)
        (XIAOMI_BAIC, "小米与比亚迪官宣合作造车", Stance.REPORTS),
        (XIAOMI_BAIC, "比亚迪宣布与小米合作造车", Stance.REPORTS),
        # the alias's parties named, its event in other words (联手 for 合作)
        (XIAOMI_BAIC, "小米与北汽官宣合作造车", Stance.CONFIRMS),
        (XIAOMI_BAIC, "小米北汽联手打造电动车 正式官宣", Stance.CONFIRMS),
        # a Chinese claim, an English item: its Latin alias's names must be there
        (BAIC_ZH, "Xiaomi and BYD announce partnership", Stance.REPORTS),
        (BAIC_ZH, "Xiaomi and BAIC announce partnership", Stance.CONFIRMS),
    ],
)
def test_an_alias_in_the_items_script_says_who_is_meant(claim: Claim, title: str, want: Stance) -> None:
    r = classify_stance(claim, title)
    assert r.stance is want, r.cues
    guarded = has_cue(r, "guard: names none of the claim's aliases in its script in full")
    assert guarded is (want is Stance.REPORTS), r.cues


def test_without_an_alias_in_the_items_script_the_claim_is_read_as_before() -> None:
    bare = Claim(id="bare", text=XIAOMI_BAIC.text, aliases=("Xiaomi BAIC partnership",))
    r = classify_stance(bare, "小米与北汽官宣合作造车")
    assert not has_cue(r, "guard: names none"), r.cues


@pytest.mark.parametrize(
    ("title", "want", "cue"),
    [
        # another partner where the claim joins its own (与, 和): not the claim's event
        ("小米与比亚迪官宣合作造车", Stance.REPORTS, ""),
        ("小米和比亚迪合作造车", Stance.REPORTS, ""),
        ("小米否认与比亚迪合作造车", Stance.REPORTS, "guard: '否认' denies another matter"),
        # the claim's own partner, also written out (北京汽车 for 北汽)
        ("小米与北汽官宣合作造车", Stance.CONFIRMS, ""),
        ("小米与北京汽车正式合作造车", Stance.CONFIRMS, ""),
        ("小米否认与北汽合作造车", Stance.DENIES, ""),
    ],
)
def test_another_partner_in_chinese_is_another_matter(decide: Decide, title: str, want: Stance, cue: str) -> None:
    r = decide("小米与北汽合作造车", title)
    assert r.stance is want, r.cues
    if cue:
        assert has_cue(r, cue), r.cues


@pytest.mark.parametrize(
    ("text", "alias", "title", "want"),
    [
        # a Chinese claim's event unread in English ("resigns" for 辞职): its English alias reads it
        ("维斯特拉CEO伯格辞职", "Vestra CEO Hanna Berg resigns", "Vestra CEO Hanna Berg resigns", Stance.CONFIRMS),
        ("维斯特拉CEO伯格辞职", "Vestra CEO Hanna Berg resigns", "Vestra CFO Tom Lind resigns", Stance.REPORTS),
        ("青禾集团收购蓝星科技", "Qinghe Group buys Lanxing Tech", "Qinghe Group denies it will buy Lanxing Tech", Stance.DENIES),
        ("小米与北汽合作造车", "Xiaomi BAIC partnership", "Xiaomi BAIC partnership could be announced next week", Stance.REPORTS),
        ("小米与北汽合作造车", "Xiaomi BAIC partnership", "Xiaomi rival BYD signs partnership with BAIC", Stance.REPORTS),
        # an English claim, its Chinese alias: hedging, a relative and a negation read as in Chinese
        ("Vestra CEO Hanna Berg resigns", "维斯特拉CEO伯格辞职", "维斯特拉CEO伯格辞职传闻不实", Stance.DENIES),
        ("Vestra CEO Hanna Berg resigns", "维斯特拉CEO伯格辞职", "网传维斯特拉CEO伯格辞职", Stance.REPORTS),
        ("Vestra CEO Hanna Berg resigns", "维斯特拉CEO伯格辞职", "维斯特拉CEO伯格的父亲去世", Stance.REPORTS),
        ("Vestra CEO Hanna Berg resigns", "维斯特拉CEO伯格辞职", "维斯特拉：CEO伯格不会辞职", Stance.DENIES),
        # round 85: a post in Latin letters inside Chinese text is read as a post (CFO for CEO)
        ("Voltra Mobile CEO Jana Holm resigns", "沃尔特拉移动CEO霍尔姆辞职", "沃尔特拉移动CFO宣布辞职", Stance.REPORTS),
        ("Voltra Mobile CEO Jana Holm resigns", "沃尔特拉移动CEO霍尔姆辞职", "沃尔特拉移动CEO霍尔姆宣布辞职", Stance.CONFIRMS),
    ],
)
def test_an_alias_in_the_items_script_is_read_as_the_claim(text: str, alias: str, title: str, want: Stance) -> None:
    r = classify_stance(Claim(id="c", text=text, aliases=(alias,)), title)
    assert r.stance is want, r.cues


def test_an_alias_naming_only_parties_is_not_read_as_the_claim() -> None:
    # "奥比斯 凯塞尔" states no event: an item naming both parties asserts nothing of the merger
    claim = Claim(id="c", text="Orbis Telecom merges with Kessel Mobile", aliases=("奥比斯 凯塞尔",))
    r = classify_stance(claim, "奥比斯电信与凯塞尔移动高管会面")
    assert r.stance is Stance.REPORTS, r.cues
    assert not has_cue(r, "read against the alias"), r.cues


PROBED += [
    # round 87: backing away from the event reverses it; market chatter is rumour
    ("Harlow Motors will close its Leeds assembly plant",
     "Harlow Motors backs away from Leeds plant closure after union deal", Stance.DENIES),
    ("Greywater Bank has agreed to buy Pinecrest Financial",
     "Pinecrest Financial shares jump on Greywater takeover chatter", Stance.REPORTS),
    # a rival doing the event, the claim's company only in the clause after it
    ("Orrin Telecom will cut 3,000 jobs", "Rival Vexa Networks cuts 3,000 jobs as Orrin Telecom expands", Stance.REPORTS),
    ("Orrin Telecom will cut 3,000 jobs", "Orrin Telecom to axe 3,000 jobs in restructuring", Stance.CONFIRMS),
    # a Chinese claim's 将 (will) is grammar: the announced exit says its event
    ("歌手林晓将退出娱乐圈", "林晓发文宣布正式退出娱乐圈", Stance.CONFIRMS),
    ("歌手林晓将退出娱乐圈", "网传林晓将退圈", Stance.REPORTS),
]


PROBED += [
    # round 88: a company dismissing reports denies them (a court dismissing a suit: below)
    ("Brightwell Foods is recalling its peanut butter",
     "Brightwell Foods dismisses peanut butter recall reports", Stance.DENIES),
    # someone unnamed arrested near the claim's person is not the claim's person
    ("Senator Alan Brecht was arrested", "Police arrest man outside Senator Alan Brecht's office", Stance.REPORTS),
    ("Senator Alan Brecht was arrested", "Police arrest Senator Alan Brecht on bribery charges", Stance.CONFIRMS),
]


def test_a_dismissed_lawsuit_denies_nothing_of_its_matter(decide: Decide) -> None:
    r = decide("Brightwell Foods is recalling its peanut butter", "Brightwell Foods peanut butter recall lawsuit dismissed")
    assert r.stance is not Stance.DENIES, r.cues
    assert not has_cue(r, "denial"), r.cues


PROBED += [
    # round 89: "neither confirms nor denies" and an explainer are no answer
    ("Talvik Energy will buy Morrow Solar", "Talvik Energy neither confirms nor denies Morrow Solar bid report", Stance.REPORTS),
    ("The city of Varna will ban cars from its centre", "Varna car ban: five questions answered", Stance.REPORTS),
    # a thing bought from the claim's object, or the object refusing an approach
    ("Talvik Energy will buy Morrow Solar", "Talvik Energy buys wind farm from Morrow Solar", Stance.REPORTS),
    ("Talvik Energy will buy Morrow Solar", "Talvik Energy buys stake in Morrow Solar", Stance.REPORTS),
    ("Talvik Energy will buy Morrow Solar", "Morrow Solar rejects Talvik Energy's approach", Stance.REPORTS),
    ("Talvik Energy will buy Morrow Solar", "Talvik Energy rejects Morrow Solar takeover talk", Stance.DENIES),
    ("Talvik Energy will buy Morrow Solar", "Talvik Energy agrees to buy Morrow Solar in all-stock deal", Stance.CONFIRMS),
]


PROBED += [
    # round 90: a delay is a prospect for a claim that does not say when, a reversal for one that does
    ("Tianqi Airlines will launch Beijing-Lisbon flights", "Tianqi Airlines postpones launch of Beijing-Lisbon flights", Stance.REPORTS),
    ("Tianqi Airlines will launch Beijing-Lisbon flights", "Tianqi Airlines delays Beijing-Lisbon flights to next year", Stance.REPORTS),
    ("Tianqi Airlines will launch Beijing-Lisbon flights in May", "Tianqi Airlines delays Beijing-Lisbon flights to next year", Stance.DENIES),
    ("Orrin will open its Leeds store", "Orrin delays opening of Leeds store", Stance.REPORTS),
    ("天启航空将开通北京至里斯本直飞航线", "天启航空北京至里斯本航线推迟开通", Stance.REPORTS),
    ("天启航空将于5月开通北京至里斯本直飞航线", "天启航空北京至里斯本航线推迟至明年开通", Stance.DENIES),
    # another route than the claim's, opened or suspended
    ("天启航空将开通北京至里斯本直飞航线", "天启航空开通上海至里斯本直飞航线", Stance.REPORTS),
    ("天启航空将开通北京至里斯本直飞航线", "天启航空暂停北京至马德里航线", Stance.REPORTS),
    ("天启航空将开通北京至里斯本直飞航线", "天启航空北京至里斯本直飞航线今日首航", Stance.CONFIRMS),
    # a near miss of the claim's event is not the event; of another's, it does not count
    ("Comedian Rik Adair has died", 'Comedian Rik Adair "nearly died" in 2019 car crash, he reveals', Stance.REPORTS),
    ("Pell Pharma's drug Xelora has been approved by the FDA",
     "FDA approves rival asthma drug as Pell Pharma awaits Xelora decision", Stance.REPORTS),
]


def test_a_near_miss_of_another_event_is_no_modality() -> None:
    r = predict(None, "A boy has magnetic superpowers", "This boy nearly died, now he has magnetic superpowers")
    assert not has_cue(r, "modality"), r.cues


PROBED += [
    # round 91: a company's chief is a role after a possessive; "here to stay" says it stays open
    ("Aurel Bank was fined for money laundering failures", "Aurel Bank's chief fined for money laundering failures", Stance.REPORTS),
    ("Aurel Bank was fined for money laundering failures", "Regulator fines Aurel Bank £40m over money laundering failures", Stance.CONFIRMS),
    ("Quanta Games will shut down its Montreal studio", 'Quanta Games: Montreal studio "is here to stay"', Stance.DENIES),
]


PROBED += [
    # round 92: another partner than the claim's, in English as in Chinese
    ("Xiaomi will build cars with BAIC", "BAIC partners with Huawei on smart cars", Stance.REPORTS),
    ("Xiaomi will build cars with BAIC", "Xiaomi denies partnership with Huawei", Stance.REPORTS),
    ("Xiaomi will build cars with BAIC", "Xiaomi denies it will build cars with BAIC", Stance.DENIES),
    ("Nordwind Energy will merge with Solara Grid", "Nordwind Energy merges with Calder Power", Stance.REPORTS),
    ("Nordwind Energy will merge with Solara Grid", "Nordwind Energy and Solara Grid agree to merge", Stance.CONFIRMS),
    # "did so last year" is a retrospective of an earlier event
    ("东岭钢铁将裁员2000人", "东岭钢铁去年曾裁员2000人", Stance.REPORTS),
    ("东岭钢铁将裁员2000人", "东岭钢铁宣布裁员2000人", Stance.CONFIRMS),
]


PROBED += [
    # round 93: another group of the company's people strikes
    ("Zephyr Airways pilots will strike next week", "Zephyr Airways cabin crew to strike next week", Stance.REPORTS),
    ("Zephyr Airways pilots will strike next week", "Zephyr Airways pilots to strike from Monday, union confirms", Stance.CONFIRMS),
    # a requirement brought back is the opposite of dropping it
    ("Hollis University will drop its SAT requirement", "Hollis University reinstates SAT requirement", Stance.DENIES),
    # someone else chosen, the claim's person only in the clause after; an award named after a post
    ("Marco Ellis has been named Juventus coach", "Juventus name Paolo Reni coach, snubbing Marco Ellis", Stance.REPORTS),
    ("Marco Ellis has been named Juventus coach", "Marco Ellis named coach of the month", Stance.REPORTS),
]


PROBED += [
    # round 94: "has won the" states its event by a word family only: the names are not it
    ("Selma Hart has won the Booker Prize", "Selma Hart judges this year's Booker Prize", Stance.REPORTS),
    ("Selma Hart has won the Booker Prize", "Selma Hart wins Booker Prize for debut novel", Stance.CONFIRMS),
    # going public, said as an IPO
    ("Vireo Robotics will go public on Nasdaq", "Vireo Robotics prices Nasdaq IPO at $18 a share", Stance.CONFIRMS),
    ("Vireo Robotics will go public on Nasdaq", "Vireo Robotics shelves IPO plans amid market turmoil", Stance.DENIES),
]


PROBED += [
    # round 95: shares of the claim's object are not the object; a chant is a demand
    ("Corvane will buy Tessel Networks", "Corvane has bought Tessel Networks shares, filing shows", Stance.REPORTS),
    ("Bram Kovac has been sacked as Hallam City manager", 'Fans chant "sack Kovac" as Hallam City lose again', Stance.REPORTS),
    ("Bram Kovac has been sacked as Hallam City manager", "Hallam City back Bram Kovac despite defeat", Stance.DENIES),
    # Chinese commentary and "see our announcements" are no answer
    ("海川集团将被收购", "评论：海川集团被收购未必是坏事", Stance.REPORTS),
    ("海川集团将被收购", "海川集团被收购？公司：以公告为准", Stance.REPORTS),
    # the claim's subject doing what the claim says is done to it
    ("海川集团将被收购", "海川集团拟收购一家物流公司", Stance.REPORTS),
    ("海川集团将被收购", "华润收购海川集团", Stance.CONFIRMS),
    ("金星乳业产品被召回", "金星乳业召回部分产品", Stance.CONFIRMS),
]


WITH_LEADS += [
    # round 96: a title that names only the event's things leaves the lead to say it
    ("Fenwick Council has approved the Eastgate stadium", "What the Eastgate stadium means for Fenwick",
     "The club says the stadium would bring 1,000 jobs if approved.", Stance.REPORTS),
    ("Fenwick Council has approved the Eastgate stadium", "Eastgate stadium gets green light",
     "Fenwick Council's planning committee voted 8-3 to approve the 30,000-seat stadium on Tuesday night.", Stance.CONFIRMS),
    ("Fenwick Council has approved the Eastgate stadium", "Fenwick Council throws out Eastgate stadium plan",
     "Councillors rejected the application by 9 votes to 2.", Stance.DENIES),
    # a nomination awaits confirmation; a candidate, or someone passed over, is not appointed
    ("Dr Lena Ortiz has been appointed surgeon general", "Lena Ortiz nominated for surgeon general",
     "The Senate must still confirm the nomination.", Stance.REPORTS),
    ("Dr Lena Ortiz has been appointed surgeon general", "Lena Ortiz among candidates for surgeon general",
     "The White House is expected to announce its pick next month.", Stance.REPORTS),
    ("Dr Lena Ortiz has been appointed surgeon general", "Lena Ortiz praises new surgeon general",
     "Ortiz, who was passed over for the job, said the choice was excellent.", Stance.REPORTS),
    ("Dr Lena Ortiz has been appointed surgeon general", "Lena Ortiz sworn in as surgeon general",
     "Ortiz, a paediatrician, took the oath of office on Monday.", Stance.CONFIRMS),
]


PROBED += [
    # round 97: a Chinese "no response" hedges
    ("星辰影业CEO李明辞职", "李明辞职？星辰影业：不予回应", Stance.REPORTS),
    # round 98: not denying is no denial; "not only" affirms; an appeal leaves it open
    ("Aldera Motors will recall 50,000 cars", "Aldera Motors won't deny plans to recall 50,000 cars", Stance.REPORTS),
    ("Aldera Motors will recall 50,000 cars", "Aldera Motors did not deny it would recall 50,000 cars", Stance.REPORTS),
    ("Aldera Motors will recall 50,000 cars",
     "Not only is Aldera Motors recalling 50,000 cars, it is also halting sales", Stance.CONFIRMS),
    ("Aldera Motors will recall 50,000 cars",
     "Regulator orders Aldera Motors to recall 50,000 cars, company to appeal", Stance.REPORTS),
    # a headline opening on a question that what follows does not answer
    ("Aldera Motors will recall 50,000 cars", "Is Aldera Motors recalling your car? How to check", Stance.REPORTS),
    # a count of things of the claim's whole; the show going on
    ("Singer Juno Rae has cancelled her world tour", "Juno Rae cancels two shows of world tour", Stance.REPORTS),
    ("Singer Juno Rae has cancelled her world tour", 'Juno Rae: "The tour goes on"', Stance.DENIES),
    ("Singer Juno Rae has cancelled her world tour", "Juno Rae calls off world tour, citing health", Stance.CONFIRMS),
]


WITH_LEADS += [
    # round 99: another event on the claim's thing; scouting; another place's own factory
    ("Halden Bank will close 40 branches", "Halden Bank to open 40 new branches", "The expansion will create 300 jobs.", Stance.REPORTS),
    ("Halden Bank will close 40 branches", "Halden Bank confirms 40 branch closures",
     "The bank confirmed the closures on Thursday, blaming the shift to online banking.", Stance.CONFIRMS),
    ("Tesla will build a factory in India", "Tesla executives to visit India to scout factory sites",
     "No decision has been made, a spokesperson said.", Stance.REPORTS),
    ("Tesla will build a factory in India", "Tesla opens first showroom in India",
     "Cars will be imported from its Berlin factory.", Stance.REPORTS),
    ("Tesla will build a factory in India", "Tesla picks India for new factory",
     "The company will invest $3bn in the plant near Pune, it said on Monday.", Stance.CONFIRMS),
]


PROBED += [
    # round 101: the claim's subject doing what the claim says is done to it by another
    ("Kestrel Bank will be acquired by Norland Group", "Kestrel Bank acquired Norland Group's mortgage book in 2020", Stance.REPORTS),
    ("Kestrel Bank will be acquired by Norland Group", "Kestrel Bank to be bought by Norland Group in £3bn deal", Stance.CONFIRMS),
    # another company of the claim's first name
    ("Kestrel Bank will be acquired by Norland Group", "Norland Group acquires Kestrel Insurance", Stance.REPORTS),
    ("Kestrel Bank will be acquired by Norland Group", "Breaking: Norland Group agrees to acquire Kestrel Bank", Stance.CONFIRMS),
]


PROBED += [
    # round 102: done to the claim's subject by another (creditors filing), not by the subject
    ("鼎盛地产将申请破产", "鼎盛地产被债权人申请破产重整", Stance.REPORTS),
    ("鼎盛地产将申请破产", "鼎盛地产公告：已向法院申请破产", Stance.CONFIRMS),
    ("鼎盛地产将申请破产", "鼎盛地产辟谣：网传申请破产为不实信息", Stance.DENIES),
]


PROBED += [
    # round 103: what the event "would" do supposes it; 正常履职 (in post as usual) for a detention
    ("Governor Ada Brenn will resign", "Ada Brenn resignation would trigger special election - Axios", Stance.REPORTS),
    ("Aldera Motors will recall 50,000 cars", "Aldera Motors recall of 50,000 cars 'would cost $200m'", Stance.REPORTS),
    ("天宇科技董事长赵刚被留置", "天宇科技：董事长赵刚正常履职 - 第一财经", Stance.DENIES),
    ("天宇科技董事长赵刚被留置", "天宇科技董事长赵刚被留置 - 新浪财经", Stance.CONFIRMS),
]


PROBED += [
    # round 104: declining to charge is no charge; a sanction after the person's name is no
    # reversal of their positive test; the event done by someone else; fighting a suit
    ("Rapper K-Lux has been charged with assault", "Prosecutors decline to charge rapper K-Lux", Stance.REPORTS),
    ("Rapper K-Lux has been charged with assault", "Assault charges against K-Lux dropped", Stance.DENIES),
    ("Rapper K-Lux has been charged with assault", "K-Lux sues nightclub over assault by bouncer", Stance.REPORTS),
    ("Marathon runner Abebe Tola tested positive for doping",
     "Abebe Tola provisionally suspended pending doping hearing", Stance.REPORTS),
    ("Vantage Pharma will settle the opioid lawsuit", "Vantage Pharma vows to fight opioid lawsuit in court", Stance.DENIES),
    ("Vantage Pharma will settle the opioid lawsuit", "Vantage Pharma agrees $1.2bn opioid settlement", Stance.CONFIRMS),
    ("长风汽车将停产燃油车", "长风汽车：燃油车将继续生产", Stance.DENIES),
]


PROBED += [
    # round 105: discontinuing and grounding as event families with their opposites; a vote to come
    ("Luna Cosmetics will discontinue its Glow line", "Luna Cosmetics Glow line sold out everywhere", Stance.REPORTS),
    ("Luna Cosmetics will discontinue its Glow line", "Luna Cosmetics relaunches Glow line with new shades", Stance.DENIES),
    ("Luna Cosmetics will discontinue its Glow line", "Luna Cosmetics to discontinue Glow line by year-end", Stance.CONFIRMS),
    ("Orbital Air will ground its 737 MAX fleet", "Orbital Air says its 737 MAX fleet will keep flying", Stance.DENIES),
    ("Orbital Air will ground its 737 MAX fleet", "Orbital Air 737 MAX returns to service after grounding", Stance.REPORTS),
    ("Port Arden will raise its minimum wage to $18", "Port Arden minimum wage rise to $18 goes to public vote", Stance.REPORTS),
]


PROBED += [
    # round 106: a hiring freeze is no hiring; a Chinese claim's descriptor before the name
    ("Quantex will lay off 10% of its staff", "Quantex hiring freeze as sales slow", Stance.REPORTS),
    ("演员周宁与陈浩离婚", "周宁陈浩官宣离婚", Stance.CONFIRMS),
    ("演员周宁与陈浩离婚", "周宁父母离婚", Stance.REPORTS),
    ("演员周宁与陈浩离婚", "周宁新剧中与陈浩饰演离婚夫妻", Stance.REPORTS),
]


@pytest.mark.parametrize(
    ("text", "alias", "title", "want"),
    [
        # round 107: an alias without a verb ("Lumo Auto Hungary plant"): another place before its noun
        ("鲁墨汽车将在匈牙利建厂", "Lumo Auto Hungary plant", "Lumo Auto opens Poland plant", Stance.REPORTS),
        ("鲁墨汽车将在匈牙利建厂", "Lumo Auto Hungary plant", "Lumo Auto confirms Hungary plant", Stance.CONFIRMS),
        # a Chinese alias's descriptor (歌手, singer) is not a party the item must name
        ("Singer Ava Lin has announced her retirement", "歌手林艾娃宣布退休", "林艾娃宣布退休", Stance.CONFIRMS),
        ("Singer Ava Lin has announced her retirement", "歌手林艾娃宣布退休", "林艾娃否认退休传闻", Stance.DENIES),
        ("Singer Ava Lin has announced her retirement", "歌手林艾娃宣布退休", "林艾娃的经纪人宣布退休", Stance.REPORTS),
    ],
)
def test_round_107_aliases(text: str, alias: str, title: str, want: Stance) -> None:
    r = classify_stance(Claim(id="c", text=text, aliases=(alias,)), title)
    assert r.stance is want, r.cues


PROBED += [
    # round 108: another model code right after the event; a part of the place closed; another
    # field after the same words; a plan of the event; another closure's reason; "awarded"
    ("Helios Mobile has cut prices of its X9 phone", "Helios Mobile cuts X8 price ahead of X9 launch", Stance.REPORTS),
    ("Helios Mobile has cut prices of its X9 phone", "Helios Mobile slashes X9 price by $200", Stance.CONFIRMS),
    ("The Louvre will close for renovation", "Louvre closes wing for renovation", Stance.REPORTS),
    ("The Louvre will close for renovation", "Louvre closed today due to strike", Stance.REPORTS),
    ("The Louvre will close for renovation", "Louvre renovation plan unveiled", Stance.REPORTS),
    ("The Louvre will close for renovation", "Louvre to shut its doors for two-year renovation", Stance.CONFIRMS),
    ("Dr Ilan Cohen was awarded the Nobel Prize in Chemistry", "Ilan Cohen wins Nobel Prize in Physics", Stance.REPORTS),
    ("Dr Ilan Cohen was awarded the Nobel Prize in Chemistry", "Ilan Cohen wins Nobel Prize in Chemistry", Stance.CONFIRMS),
]


PROBED += [
    # round 109: a probe of the event to come; protesting it; another event at the claim's place
    ("Mercer Health will merge with Aldon Clinics", "Regulator to probe Mercer Health-Aldon Clinics merger", Stance.REPORTS),
    ("Mercer Health will merge with Aldon Clinics", "Nurses protest Mercer Health-Aldon Clinics merger", Stance.REPORTS),
    ("Mercer Health will merge with Aldon Clinics", "Mercer Health and Aldon Clinics complete merger", Stance.CONFIRMS),
    ("Chef Rosa Dian has opened a restaurant in Lisbon", "Rosa Dian eats at Lisbon's best restaurants", Stance.REPORTS),
    ("Chef Rosa Dian has opened a restaurant in Lisbon", "Rosa Dian opens her first Lisbon restaurant", Stance.CONFIRMS),
]


PROBED += [
    # round 110: "must", "discussed", and an event dated to a past year in a story about now
    ("Mayor Lise Ortega will resign", "Opposition leader: Ortega must resign", Stance.REPORTS),
    ("Mayor Lise Ortega will resign", "Ex-aide says Ortega privately discussed resigning", Stance.REPORTS),
    ("Mayor Lise Ortega will resign", "She's out: Mayor Lise Ortega quits after scandal", Stance.CONFIRMS),
    ("Corin Labs has recalled its insulin pens",
     "Corin Labs recalled insulin pens in 2019; now it faces a new lawsuit", Stance.REPORTS),
    ("Corin Labs has recalled its insulin pens", "Corin Labs recalls insulin pens in 30 countries", Stance.CONFIRMS),
]


PROBED += [
    # round 111: 终止上市 (its listing terminated) is delisting, not a reversal; 或触发 (may trigger)
    ("金鹰股份将退市", "金鹰股份公告：公司股票将终止上市", Stance.CONFIRMS),
    ("金鹰股份将退市", "金鹰股份股价连续跌停 或触发退市", Stance.REPORTS),
    ("金鹰股份将退市", "金鹰股份：公司不存在退市风险", Stance.DENIES),
]


PROBED += [
    # round 112: a rival named by a word the claim capitalises; raising money, not prices; a
    # race retired from
    ("Streamer Nova Flix will raise subscription prices", "Rival streamer Orbit TV raises prices", Stance.REPORTS),
    ("Streamer Nova Flix will raise subscription prices", "Nova Flix raises $2bn in debt", Stance.REPORTS),
    ("Streamer Nova Flix will raise subscription prices", "Nova Flix raises subscription prices in US and UK", Stance.CONFIRMS),
    ("Skier Mia Ronn has retired", "Mia Ronn retires from race with knee injury", Stance.REPORTS),
    ("Skier Mia Ronn has retired", "Mia Ronn retires from skiing at 31", Stance.CONFIRMS),
]


def test_round_113_not_in_discussions_denies() -> None:
    # round 113: a newsroom's statement on speculation whose lead says it is not in discussions
    r = predict(load_model(), "Arvo Systems will acquire Pixelcore", "Arvo Systems Comments on Market Speculation",
                "Arvo Systems confirms that it is not in discussions to acquire Pixelcore.")
    assert r.stance is Stance.DENIES, r.cues


PROBED += [
    # round 114: a reversal near only the claim's name stops something else; the rate kept as it
    # is; an account "normal"; 下调/上调/封号 are event words an item must say
    ("知名主播李佳被封号", "李佳直播间今晚暂停直播", Stance.REPORTS),
    ("知名主播李佳被封号", "李佳回应封号传闻：账号正常", Stance.DENIES),
    ("知名主播李佳被封号", "主播李佳账号被平台封禁", Stance.CONFIRMS),
    ("瑞丰银行将下调存款利率", "瑞丰银行：存款利率维持不变", Stance.DENIES),
    ("瑞丰银行将下调存款利率", "瑞丰银行宣布下调存款利率", Stance.CONFIRMS),
]


PROBED += [
    # round 115: a running mate; another post; a recommendation or an application for approval;
    # another jurisdiction's regulator
    ("Greta Sund has been elected mayor of Bergvik", "Greta Sund's running mate elected to Bergvik council", Stance.REPORTS),
    ("Greta Sund has been elected mayor of Bergvik", "Greta Sund elected chair of Bergvik hospital board", Stance.REPORTS),
    ("Orla Pharma's cancer drug Zentiv has been approved in the EU",
     "EU regulator recommends approval of Orla Pharma's Zentiv", Stance.REPORTS),
    ("Orla Pharma's cancer drug Zentiv has been approved in the EU", "Orla Pharma files for EU approval of Zentiv", Stance.REPORTS),
    ("Orla Pharma's cancer drug Zentiv has been approved in the EU", "FDA approves Orla Pharma's Zentiv", Stance.REPORTS),
    ("Orla Pharma's cancer drug Zentiv has been approved in the EU", "EU approves Orla Pharma's Zentiv for lung cancer", Stance.CONFIRMS),
]


WITH_LEADS += [
    # round 117: a lead without a release date is pending, not a denial; another thing of the code
    ("Vexo will release the V12 smartwatch in September", "Vexo V12 spotted in regulatory filing",
     "The filing does not include a release date.", Stance.REPORTS),
    ("Vexo will release the V12 smartwatch in September", "Vexo releases V12 software update for older watches",
     "The update adds sleep tracking.", Stance.REPORTS),
    ("Vexo will release the V12 smartwatch in September", "Vexo unveils V12 smartwatch, on sale in September",
     "Prices start at $299.", Stance.CONFIRMS),
]


PROBED += [
    # round 118: a Chinese claim's Latin word is its thing (SUV, not 轿车); 无需 (no need) negates
    ("凯拓汽车将召回12万辆SUV", "凯拓汽车召回12万辆轿车", Stance.REPORTS),
    ("凯拓汽车将召回12万辆SUV", "凯拓汽车召回12万辆SUV", Stance.CONFIRMS),
    ("凯拓汽车将召回12万辆SUV", "凯拓汽车：SUV无需召回", Stance.DENIES),
]


PROBED += [
    # round 119: exempting is the opposite of imposing; a threat of the event; a partial ban; a
    # neighbouring country
    ("The US will impose tariffs on Korvian steel", "US exempts Korvian steel from new tariffs", Stance.DENIES),
    ("The US will impose tariffs on Korvian steel", "US slaps 25% tariffs on Korvian steel", Stance.CONFIRMS),
    ("Ruvania has banned the Chatly app", "Ruvania threatens to ban Chatly", Stance.REPORTS),
    ("Ruvania has banned the Chatly app", "Ruvania bans Chatly in government offices", Stance.REPORTS),
    ("Ruvania has banned the Chatly app", "Neighbouring Tessaly bans Chatly", Stance.REPORTS),
    ("Ruvania has banned the Chatly app", "Ruvania lifts Chatly ban", Stance.DENIES),
]


def test_round_120_a_chinese_review_of_the_event_is_modality(decide: Decide) -> None:
    # round 120: 审查 (a regulator reviewing the merger case) leaves the merger to come
    r = decide("华夏航空与东方快线合并", "监管机构审查华夏航空与东方快线合并案")
    assert r.stance is Stance.REPORTS, r.cues


PROBED += [
    # round 121: another club after "with" where the claim signs "for" its own; reuniting as an
    # event family; a tribute band is someone else, and does not speak for the band
    ("Striker Paulo Neri has signed for Lyon", "Paulo Neri signs new contract with Torino", Stance.REPORTS),
    ("Striker Paulo Neri has signed for Lyon", "Paulo Neri signs for Lyon on four-year deal", Stance.CONFIRMS),
    ("Band Echo Valley will reunite for a tour", "Echo Valley rule out reunion", Stance.DENIES),
    ("Band Echo Valley will reunite for a tour", "Echo Valley tribute band announces tour", Stance.REPORTS),
    ("Band Echo Valley will reunite for a tour", "Echo Valley announce reunion tour", Stance.CONFIRMS),
]


WITH_LEADS += [
    # round 122: a consultation with no decisions taken, and cuts as "a last resort", are to come
    ("Ferro Steel will cut 800 jobs at its Sheffield plant", "Update on Sheffield operations",
     "Ferro Steel has started a consultation with unions on the future of the plant. No decisions have been taken.",
     Stance.REPORTS),
    ("Ferro Steel will cut 800 jobs at its Sheffield plant", "Ferro Steel: Sheffield job cuts 'a last resort'",
     "The company said it was exploring all options to avoid redundancies.", Stance.REPORTS),
    ("Ferro Steel will cut 800 jobs at its Sheffield plant", "Ferro Steel confirms 800 job cuts in Sheffield",
     "The company said the cuts were needed to keep the plant viable.", Stance.CONFIRMS),
]


PROBED += [
    # round 123: another place after 在; 设厂 an event word (投产 of its family); a plan meeting obstacles
    ("新华电子将在越南设厂", "新华电子在印度设厂", Stance.REPORTS),
    ("新华电子将在越南设厂", "越南总理会见新华电子董事长", Stance.REPORTS),
    ("新华电子将在越南设厂", "新华电子越南设厂计划遇阻", Stance.REPORTS),
    ("新华电子将在越南设厂", "新华电子越南工厂正式投产", Stance.CONFIRMS),
    ("新华电子将在越南设厂", "新华电子放弃越南设厂计划", Stance.DENIES),
]


PROBED += [
    # round 124: "under consideration"; "last year" for a claim about what is ahead; the missing
    # and the rescued are no deaths
    ("Brio Telecom will raise prices by 8%", "Brio Telecom price rise of 8% 'under consideration'", Stance.REPORTS),
    ("Brio Telecom will raise prices by 8%", "Brio Telecom raised prices by 8% last year", Stance.REPORTS),
    ("Brio Telecom will raise prices by 8%", "Brio Telecom to raise prices 8% from April", Stance.CONFIRMS),
    ("At least 40 people died in the Marlow ferry sinking", "Marlow ferry sinking: dozens missing", Stance.REPORTS),
    ("At least 40 people died in the Marlow ferry sinking", "All passengers rescued after Marlow ferry sinking", Stance.DENIES),
]


PROBED += [
    # round 125: another company of the claim's first name (Mirai, no longer read as a demonym);
    # naming and taking over as appointing
    ("Hana Sato has been appointed CEO of Mirai Bank", "Hana Sato appointed CEO of Mirai Insurance", Stance.REPORTS),
    ("Hana Sato has been appointed CEO of Mirai Bank", "Mirai Bank names Hana Sato chief executive", Stance.CONFIRMS),
    ("Hana Sato has been appointed CEO of Mirai Bank", "Mirai Bank: Hana Sato to take over as CEO on April 1", Stance.CONFIRMS),
    ("Tesla will build a factory in India", "Tesla opens first showroom in India. Cars will be imported from its Shanghai factory", Stance.REPORTS),
]


PROBED += [
    # round 127: keeping on flying is the opposite of stopping; another doing after the same verb
    ("Lyra Airlines will stop flying to Moscow", "Lyra Airlines to keep flying to Moscow despite pressure", Stance.DENIES),
    ("Lyra Airlines will stop flying to Moscow", "Lyra Airlines stops selling Moscow tickets for July", Stance.REPORTS),
]


def test_the_pronoun_us_is_no_jurisdiction(decide: Decide) -> None:
    r = decide("Orla Pharma's cancer drug Zentiv has been approved in the EU", "EU approves Zentiv, Orla Pharma tells us")
    assert r.stance is Stance.CONFIRMS, r.cues


PROBED += [
    # round 129: a beta test or DLC of the claim's object, another name sharing one of its words
    ("Nexa Games has cancelled Project Ember", "Nexa Games cancels Project Ember beta test", Stance.REPORTS),
    ("Nexa Games has cancelled Project Ember", "Nexa Games cancels Ember Quest DLC", Stance.REPORTS),
    ("Nexa Games has cancelled Project Ember", "Nexa Games cancels Project Ember after five years", Stance.CONFIRMS),
]


PROBED += [
    # round 130: a Chinese claim's description of a Latin name need not be repeated; a stake is a
    # part; the object's shareholders refusing is a step
    ("金源矿业将收购澳洲锂矿公司Pilbra", "金源矿业完成收购Pilbra", Stance.CONFIRMS),
    ("金源矿业将收购澳洲锂矿公司Pilbra", "金源矿业拟收购Pilbra部分股权", Stance.REPORTS),
    ("金源矿业将收购澳洲锂矿公司Pilbra", "Pilbra股东拒绝金源矿业收购要约", Stance.REPORTS),
    ("金源矿业将收购澳洲锂矿公司Pilbra", "金源矿业终止收购Pilbra", Stance.DENIES),
]


PROBED += [
    # round 131: the claim's person leaving something else than the band the claim names
    ("Singer Leo Park has left the band Ninefold", "Leo Park leaves hospital after surgery", Stance.REPORTS),
    ("Singer Leo Park has left the band Ninefold", "Leo Park leaves his label", Stance.REPORTS),
    ("Singer Leo Park has left the band Ninefold", "Leo Park quits Ninefold to go solo", Stance.CONFIRMS),
]


PROBED += [
    # round 132: a scam of its own is no refutation; a rival undergoing the event
    ("Brant Bank has been hit by a cyberattack", "Brant Bank warns customers of phishing scam", Stance.REPORTS),
    ("Brant Bank has been hit by a cyberattack", "Brant Bank boosts cyber defences after rival hit by attack", Stance.REPORTS),
    ("Brant Bank has been hit by a cyberattack", "Brant Bank confirms cyberattack, customer data stolen", Stance.CONFIRMS),
]


def test_calling_something_a_scam_refutes_it(decide: Decide) -> None:
    r = decide("Brant Bank has been hit by a cyberattack", "Brant Bank cyberattack story is a scam")
    assert r.stance is Stance.DENIES, r.cues


PROBED += [
    # round 133: a former agent is a relation (前 skipped); 判刑's family (有期徒刑); protecting
    # the dividend is the opposite of cutting it
    ("歌手王凯被判刑", "王凯前经纪人被判刑", Stance.REPORTS),
    ("歌手王凯被判刑", "歌手王凯一审被判有期徒刑三年", Stance.CONFIRMS),
    ("Tarvo Energy will cut its dividend", "Tarvo Energy cuts costs to protect dividend", Stance.REPORTS),
    ("Tarvo Energy will cut its dividend", "Tarvo Energy slashes dividend by half", Stance.CONFIRMS),
]


PROBED += [
    # round 134: another maker after a count ("50 Airbus" for "50 Boeing"; "Airbus" is no form
    # of the claim's short name "Air"); a delivery or a lease is not an order; an unnamed buyer
    ("Verdant Air has ordered 50 Boeing 737 MAX jets", "Verdant Air orders 50 Airbus A320neo jets", Stance.REPORTS),
    ("Verdant Air has ordered 50 Boeing 737 MAX jets", "Verdant Air takes delivery of first 737 MAX", Stance.REPORTS),
    ("Verdant Air has ordered 50 Boeing 737 MAX jets", "Verdant Air leases 50 Boeing 737 MAX jets", Stance.REPORTS),
    ("Verdant Air has ordered 50 Boeing 737 MAX jets",
     "Boeing wins order for 50 737 MAX jets from unnamed airline", Stance.REPORTS),
    ("Verdant Air has ordered 50 Boeing 737 MAX jets", "Verdant Air orders 50 Boeing 737 MAX aircraft", Stance.CONFIRMS),
]


PROBED += [
    # round 135: a site picked is not a factory opened; a sales office is not the factory
    ("Calder Foods will open a factory in Poland", "Calder Foods picks site for new European factory", Stance.REPORTS),
    ("Calder Foods will open a factory in Poland", "Calder Foods opens Poland sales office", Stance.REPORTS),
    ("Calder Foods will open a factory in Poland", "Calder Foods opens €80m factory in Poland", Stance.CONFIRMS),
]


PROBED += [
    # round 136: 免去 ... 职务 says 免职; 正常履职 says the opposite
    ("东海银行行长张伟被免职", "东海银行公告：免去张伟行长职务", Stance.CONFIRMS),
    ("东海银行行长张伟被免职", "东海银行：张伟行长正常履职", Stance.DENIES),
    ("东海银行行长张伟被免职", "东海银行副行长被免职", Stance.REPORTS),
]


PROBED += [
    # round 137: another part after "as"
    ("Actor Ben Hale has been cast as the new James Bond", "Ben Hale cast as Bond villain", Stance.REPORTS),
    ("Actor Ben Hale has been cast as the new James Bond", "Ben Hale cast as the new James Bond", Stance.CONFIRMS),
]


PROBED += [
    # round 138: an exploratory committee is a step; running for office as an event family
    ("Senator Rita Vance will run for president", "Rita Vance forms exploratory committee for 2028 run", Stance.REPORTS),
    ("Senator Rita Vance will run for president", "Rita Vance launches presidential bid", Stance.CONFIRMS),
]


PROBED += [
    # round 139: the claim's first party missing where the item joins another (北汽 denies a
    # partnership with BYD: not Xiaomi's with BAIC); "normal operation" after a rumour of the event
    ("小米与北汽合作造车", "北汽否认与比亚迪合作造车传闻", Stance.REPORTS),
    ("小米与北汽合作造车", "小米否认与北汽合作造车", Stance.DENIES),
    ("小米与北汽合作造车", "小米集团官宣与北汽集团达成造车合作", Stance.CONFIRMS),
    ("云帆汽车将停产", "云帆汽车回应停产传闻：生产经营一切正常", Stance.DENIES),
    ("海川百货将倒闭", "海川百货回应倒闭传闻：门店正常经营", Stance.DENIES),
    ("金石地产将申请破产", "金石地产：公司经营正常 不存在破产情况", Stance.DENIES),
    ("金石地产将申请破产", "金石地产向法院申请破产", Stance.CONFIRMS),
]

PROBED += [
    # round 141-142: the claim's object doing the claim's event, its subject absent
    ("Veltra will acquire Norsk Cloud", "Norsk Cloud acquires Danish startup", Stance.REPORTS),
    ("Veltra will acquire Norsk Cloud", "Norsk Cloud buys Danish rival", Stance.REPORTS),
    ("Veltra will acquire Norsk Cloud", "Norsk Cloud acquired by Veltra in $2bn deal", Stance.CONFIRMS),
    ("Veltra will acquire Norsk Cloud", "Norsk Cloud agrees to be acquired by Veltra", Stance.CONFIRMS),
    ("Harbin Steel will sue Pacific Ore", "Pacific Ore sues Australian miner over contract", Stance.REPORTS),
    # parties that can swap places: either way round says it
    ("Tiger Lane will marry Ava Sorel", "Ava Sorel marries Tiger Lane in secret ceremony", Stance.CONFIRMS),
]

WITH_LEADS += [
    # round 141-142: a title that does not say the event; who the lead says it of
    ("Oakhurst CEO Dana Pruitt will step down", "Leadership transition at Oakhurst",
     "Oakhurst's finance chief Lee Moran will step down at the end of March, the board announced.", Stance.REPORTS),
    ("Oakhurst CEO Dana Pruitt will step down", "Leadership changes at Oakhurst",
     "Chief executive Dana Pruitt will step down in March, the company said.", Stance.CONFIRMS),
    ("Oakhurst CEO Dana Pruitt will step down", "Board update",
     "Oakhurst said chief executive Dana Pruitt will step down after nine years.", Stance.CONFIRMS),
    ("Mirelle Cosmetics will close its Lyon factory", "Mirelle Cosmetics update",
     "Mirelle's supplier Novachem will close its Lyon factory next year.", Stance.REPORTS),
    ("Mirelle Cosmetics will close its Lyon factory", "Mirelle Cosmetics update",
     "Mirelle Cosmetics will close its Lyon factory next year.", Stance.CONFIRMS),
]

PROBED += [
    # round 143: the claim's subject mourning, grieving, paying tribute: the death is another's
    ("Singer Mara Quill has died", "Mara Quill mourns death of her producer", Stance.REPORTS),
    ("Singer Mara Quill has died", "Mara Quill grieves as her producer dies", Stance.REPORTS),
    ("Singer Mara Quill has died", "Mara Quill pays tribute after death of bandmate", Stance.REPORTS),
    ("Singer Mara Quill has died", "Fans mourn Mara Quill, dead at 71", Stance.CONFIRMS),
    ("Singer Mara Quill has died", "Tributes paid to Mara Quill after her death", Stance.CONFIRMS),
    ("Singer Mara Quill has died", "Mara Quill dies; husband pays tribute", Stance.CONFIRMS),
]

PROBED += [
    # round 144: mourning in Chinese; a rival's denial is its own; a fleet operating normally
    ("歌手林夏去世", "林夏发文悼念去世的制作人", Stance.REPORTS),
    ("歌手林夏去世", "林夏去世 粉丝悼念", Stance.CONFIRMS),
    ("歌手林夏去世", "歌手林夏病逝 生前好友发文悼念", Stance.CONFIRMS),
    ("Harlow Tech will lay off 500 staff", "Harlow Tech rival denies layoffs", Stance.REPORTS),
    ("Harlow Tech will lay off 500 staff", "Harlow Tech CEO denies plan to cut 500 jobs", Stance.DENIES),
    ("Harlow Tech will lay off 500 staff", "Harlow Tech spokesperson: no layoffs planned", Stance.DENIES),
    ("蓝海航空将停飞波音737", "蓝海航空：波音737机队运行正常", Stance.DENIES),
]

PROBED += [
    # round 145: the claim's event said of someone else in a clause after "as", "while" ...
    ("Footballer Leo Marsh has been arrested", "Leo Marsh scores twice as club's fan is arrested - BBC Sport", Stance.REPORTS),
    ("Footballer Leo Marsh has been arrested", "Leo Marsh celebrates as teammate is arrested", Stance.REPORTS),
    ("Footballer Leo Marsh has been arrested", "Leo Marsh leaves club as he is arrested over assault", Stance.CONFIRMS),
    ("Footballer Leo Marsh has been arrested", "Footballer Leo Marsh arrested on suspicion of assault - Sky News", Stance.CONFIRMS),
]

PROBED += [
    # round 147: a closing for a time is not the claim's closing
    ("Tamsin Foods will close its Leicester bakery", "Tamsin Foods closes Leicester bakery for a week", Stance.REPORTS),
    ("Tamsin Foods will close its Leicester bakery", "Tamsin Foods temporarily closes Leicester bakery", Stance.REPORTS),
    ("Tamsin Foods will close its Leicester bakery", "Tamsin Foods to close Leicester bakery", Stance.CONFIRMS),
]

WITH_LEADS += [
    # round 147: "will stay open" says the opposite of closing; it is not another event on the bakery
    ("Tamsin Foods will close its Leicester bakery", "Tamsin Foods: Leicester bakery will stay open",
     "The company said there were no plans to close the site, which employs 300 people.", Stance.DENIES),
]

PROBED += [
    # round 148: 有望 (is expected to) and 不排除 (does not rule out) are modality, also for a claim
    # in the future tense (an intention would be masked there)
    ("星辰汽车将与北汽合资建厂", "星辰汽车有望与北汽合资建厂", Stance.REPORTS),
    ("星辰汽车将与北汽合资建厂", "星辰汽车不排除与北汽合资建厂", Stance.REPORTS),
    ("星辰汽车将与北汽合资建厂", "星辰汽车：与北汽合资建厂消息子虚乌有", Stance.DENIES),
    ("星辰汽车将与北汽合资建厂", "星辰汽车正式宣布与北汽合资建厂", Stance.CONFIRMS),
]

PROBED += [
    # round 149: poised, open to buying, leading a race: not yet done
    ("Calloway Brewing will buy Hopsmith Ales", "Calloway Brewing poised to buy Hopsmith Ales", Stance.REPORTS),
    ("Calloway Brewing will buy Hopsmith Ales", "Calloway Brewing open to buying Hopsmith Ales", Stance.REPORTS),
    ("Calloway Brewing will buy Hopsmith Ales", "Calloway Brewing leads race to buy Hopsmith Ales", Stance.REPORTS),
    ("Calloway Brewing will buy Hopsmith Ales", "Calloway Brewing agrees to buy Hopsmith Ales", Stance.CONFIRMS),
]

PROBED += [
    # round 150: someone else of the claim's name, in Chinese
    ("演员陈宇被拘留", "另一名陈宇被拘留 与演员无关", Stance.REPORTS),
    ("启明汽车董事长李军辞职", "同名的李军辞职 非启明汽车董事长", Stance.REPORTS),
    ("演员陈宇被拘留", "警方通报：演员陈宇被依法行政拘留", Stance.CONFIRMS),
]

PROBED += [
    # round 151: mothballing reverses; on hold, paused: a prospect for a claim without a date;
    # another place before the event's thing
    ("Norland Rail will build a depot in Carlisle", "Norland Rail mothballs Carlisle depot", Stance.DENIES),
    ("Norland Rail will build a depot in Carlisle", "Norland Rail puts Carlisle depot on hold", Stance.REPORTS),
    ("Norland Rail will build a depot in Carlisle", "Norland Rail pauses work on Carlisle depot", Stance.REPORTS),
    ("Norland Rail will build a depot in Carlisle", "Norland Rail scraps plan for Leeds depot", Stance.REPORTS),
    ("Norland Rail will build a depot in Carlisle", "Norland Rail scraps plan for Carlisle depot", Stance.DENIES),
    ("Norland Rail will build a depot in Carlisle", "Norland Rail breaks ground on Carlisle depot", Stance.CONFIRMS),
]

PROBED += [
    # round 153: an argument for the event asserts nothing
    ("Veltra will acquire Norsk Cloud", "The case for Veltra buying Norsk Cloud", Stance.REPORTS),
    ("Veltra will acquire Norsk Cloud", "Veltra's Norsk Cloud acquisition completed", Stance.CONFIRMS),
]

PROBED += [
    # round 157: a Chinese reversal without the claim's event is of another matter; 暂停 (pauses)
    # is a delay for a claim without a date; 尚需 (still needs) is modality
    ("华信科技将收购蓝鲸半导体", "华信科技终止收购白鲸电子", Stance.REPORTS),
    ("华信科技将收购蓝鲸半导体", "蓝鲸半导体终止收购一家设备商", Stance.REPORTS),
    ("华信科技将收购蓝鲸半导体", "华信科技收购蓝鲸半导体事项暂停", Stance.REPORTS),
    ("华信科技将收购蓝鲸半导体", "华信科技收购蓝鲸半导体尚需监管批准", Stance.REPORTS),
    ("华信科技将收购蓝鲸半导体", "华信科技叫停收购蓝鲸半导体", Stance.DENIES),
    ("华信科技将收购蓝鲸半导体", "华信科技收购蓝鲸半导体告吹", Stance.DENIES),
]

PROBED += [
    # round 158: a deepfake, an April Fool's joke
    ("Mayor Ines Calder will resign", "Video of Mayor Ines Calder announcing resignation is a deepfake", Stance.DENIES),
    ("Singer Mara Quill has died", "Mara Quill death claim is an April Fool's joke", Stance.DENIES),
]

PROBED += [
    # round 160: a count of the things a claim means all of ("its UK stores"), for closing,
    # recalling, grounding, suspending; not for releases, nor after "all", nor a date's number
    ("Tessaro Foods will close its UK stores", "Tessaro Foods closes three UK stores", Stance.REPORTS),
    ("Tessaro Foods will close its UK stores", "Tessaro Foods closes all 40 UK stores", Stance.CONFIRMS),
    ("Tessaro Foods will close its UK stores", "Tessaro Foods closes UK stores on 12 March", Stance.CONFIRMS),
    ("Dorval Motors will recall its X5 cars", "Dorval Motors recalls 12 X5 cars", Stance.REPORTS),
    ("Pelion Air will ground its Boeing 737s", "Pelion Air grounds two Boeing 737s", Stance.REPORTS),
    ("Apple will release its new iPhones", "Apple releases two new iPhones", Stance.CONFIRMS),
]

PROBED += [
    # round 161: industry insiders, public discussion, "it's fake"
    ("小米与北汽合作造车", "业内人士透露小米与北汽合作造车", Stance.REPORTS),
    ("小米与北汽合作造车", "网友热议小米与北汽合作造车", Stance.REPORTS),
    ("小米与北汽合作造车", "小米与北汽合作造车一事引发关注", Stance.REPORTS),
    ("小米与北汽合作造车", "小米与北汽合作造车？小米：假的", Stance.DENIES),
]

PROBED += [
    # round 162: a company named after the claim's person; adding jobs for cutting them
    ("Tech founder Elon Vance has been arrested", "Vance Labs executive arrested", Stance.REPORTS),
    ("Tech founder Elon Vance has been arrested", "Tech founder Elon Vance arrested at airport", Stance.CONFIRMS),
    ("Vance Labs will cut 1,000 jobs", "Vance Labs will add 1,000 jobs", Stance.DENIES),
    ("Vance Labs will cut 1,000 jobs", "Vance Labs to cut 1,000 jobs", Stance.CONFIRMS),
]

PROBED += [
    # round 163: another thing after "charged with"; a charge dropped; what happens next
    ("Rapper Kade Ross has been charged with assault", "Kade Ross charged with speeding", Stance.REPORTS),
    ("Rapper Kade Ross has been charged with assault", "Assault charge against Kade Ross dropped", Stance.DENIES),
    ("Rapper Kade Ross has been charged with assault", "Kade Ross assault case: what happens next", Stance.REPORTS),
    ("Rapper Kade Ross has been charged with assault", "Kade Ross charged with assault over nightclub fight", Stance.CONFIRMS),
]

PROBED += [
    # round 164: 被罚 says 罚款; the person's agency company is another subject
    ("海川银行被罚款5000万元", "海川银行因违规被罚5000万元", Stance.CONFIRMS),
    ("海川银行被罚款5000万元", "海川银行被罚500万元", Stance.REPORTS),
    ("演员陈宇被立案调查", "陈宇经纪公司被立案调查", Stance.REPORTS),
    ("演员陈宇被立案调查", "演员陈宇涉嫌偷税被立案调查", Stance.CONFIRMS),
]

PROBED += [
    # round 165: signs before a launch
    ("Lumo will launch a foldable phone in March", "Lumo foldable phone spotted on certification site", Stance.REPORTS),
    ("Lumo will launch a foldable phone in March", "Lumo foldable phone price tipped ahead of launch", Stance.REPORTS),
    ("Lumo will launch a foldable phone in March", "Lumo files patent for foldable phone", Stance.REPORTS),
    ("Lumo will launch a foldable phone in March", "Lumo unveils its first foldable phone at March event", Stance.CONFIRMS),
]

PROBED += [
    # round 168: a rival's event with the claim's name after a comma or semicolon; a Chinese
    # claim's event words read left to right (暂停飞往 holds 暂停, not 停飞)
    (
        "Orlin Pharma's cancer drug has been approved by the FDA",
        "Rival Kessin wins FDA approval for cancer drug, pressuring Orlin Pharma",
        Stance.REPORTS,
    ),
    (
        "Orlin Pharma's cancer drug has been approved by the FDA",
        "Rival Kessin wins FDA approval for cancer drug; Orlin Pharma still waiting",
        Stance.REPORTS,
    ),
    # Xingtu Airlines suspends flights to Tokyo: announced, denied, rumoured
    ("星途航空暂停飞往东京的航班", "星途航空宣布暂停东京航班", Stance.CONFIRMS),
    ("星途航空暂停飞往东京的航班", "星途航空否认暂停东京航班", Stance.DENIES),
    ("星途航空暂停飞往东京的航班", "网传星途航空暂停东京航班", Stance.REPORTS),
]

PROBED += [
    # round 169: another place in a name ending in "-an" (not a demonym), and before the event's
    # thing after a word in lower case; "walks from", "U-turns" reverse
    ("Kestrel Motors will build a battery plant in Ohio", "Kestrel Motors to build battery plant in Michigan", Stance.REPORTS),
    ("Kestrel Motors will build a battery plant in Ohio", "Kestrel Motors opens Michigan battery plant", Stance.REPORTS),
    ("Kestrel Motors will build a battery plant in Ohio", "Kestrel Motors to build battery plant in Ohio", Stance.CONFIRMS),
    ("Vexa Foods will open a factory in Vietnam", "Vexa Foods to open factory in Taiwan", Stance.REPORTS),
    ("Vexa Foods will open a factory in Vietnam", "Vexa Foods opens Vietnamese factory", Stance.CONFIRMS),
    ("Brightwater Capital has agreed to buy Tessel Motors", "Brightwater Capital walks from Tessel Motors deal after due diligence", Stance.DENIES),
    ("Halvorsen Foods will close its Leeds bakery", "Leeds bakery reprieve: Halvorsen Foods U-turns on closure", Stance.DENIES),
]

WITH_LEADS += [
    # round 169: a newsroom's decision not to proceed; a results item weighing sites
    (
        "Kestrel Motors will build a battery plant in Ohio",
        "Kestrel Motors update on North American manufacturing",
        "After a review, Kestrel Motors has decided not to proceed with the proposed Ohio battery plant.",
        Stance.DENIES,
    ),
    (
        "Kestrel Motors will build a battery plant in Ohio",
        "Kestrel Motors third-quarter results",
        "Revenue rose 12 percent. The company said it continues to evaluate sites for future battery production.",
        Stance.REPORTS,
    ),
    (
        "Kestrel Motors will build a battery plant in Ohio",
        "Kestrel Motors opens Michigan battery plant",
        "The new facility in Lansing will supply cells for the company's electric SUVs.",
        Stance.REPORTS,
    ),
]

PROBED += [
    # round 170: a participle describing someone the subject visits, past a modifier the claim
    # uses too ("former"); a son of the same name; "admitted to hospital" is hospitalised
    ("Former president Tomas Varga has been hospitalised", "Tomas Varga visits hospitalised former aide", Stance.REPORTS),
    ("Former president Tomas Varga has been hospitalised", "Tomas Varga Jr. hospitalised after crash", Stance.REPORTS),
    ("Former president Tomas Varga has been hospitalised", "Tomas Varga III hospitalised after crash", Stance.REPORTS),
    ("Tomas Varga Jr. has been hospitalised", "Tomas Varga Jr. hospitalised after crash", Stance.CONFIRMS),
    (
        "Former president Tomas Varga has been hospitalised",
        "Former president Tomas Varga admitted to hospital with pneumonia",
        Stance.CONFIRMS,
    ),
    ("Former president Tomas Varga has been hospitalised", "Tomas Varga's stepson taken to hospital", Stance.REPORTS),
]

PROBED += [
    # round 171: another's event in a Chinese title's first clause, the claim's subject after it
    # BYD builds a plant in Hungary; Lumo may follow
    ("蔚蓝汽车将在匈牙利建厂", "比亚迪在匈牙利建厂 蔚蓝汽车或跟进", Stance.REPORTS),
    ("蔚蓝汽车将在匈牙利建厂", "比亚迪在匈牙利建厂，蔚蓝汽车或跟进", Stance.REPORTS),
    # Lumo builds a plant in Hungary (its first clause holds no event: "Breaking!")
    ("蔚蓝汽车将在匈牙利建厂", "重磅！蔚蓝汽车在匈牙利建厂", Stance.CONFIRMS),
    ("蔚蓝汽车将在匈牙利建厂", "蔚蓝汽车回应：暂无在匈牙利建厂计划", Stance.DENIES),
]

PROBED += [
    # round 172: a relative's denial when the claim is the subject's own denial; the claim's
    # undergoer as the doer ("charged with", "cleared of"); talks are modality; "his other
    # startup"; another kind of the claim's thing, or another thing, as its verb's object
    ("Striker Dani Ferro has denied the doping charge", "Dani Ferro's teammate denies doping charge", Stance.REPORTS),
    ("Dani Ferro has denied the doping charge", "Dani Ferro's brother denies doping charge", Stance.REPORTS),
    ("Dani Ferro has denied the doping charge", "Dani Ferro denies doping charge", Stance.CONFIRMS),
    ("Boxer Kade Rourke was assaulted at a nightclub", "Kade Rourke charged with assault at nightclub", Stance.REPORTS),
    ("Boxer Kade Rourke was assaulted at a nightclub", "Kade Rourke cleared of assault at nightclub", Stance.REPORTS),
    ("Boxer Kade Rourke has been convicted of assault", "Kade Rourke cleared of assault on appeal", Stance.DENIES),
    ("Norland Rail will build a new depot in Carlisle", "Norland Rail revives Carlisle depot talks", Stance.REPORTS),
    ("Norland Rail will build a new depot in Carlisle", "Norland Rail reopens talks over Carlisle depot", Stance.REPORTS),
    ("Founder Arjun Mehta will cut jobs at Zylo", "Arjun Mehta cuts jobs at his other startup", Stance.REPORTS),
    ("Lumo will launch a foldable phone in March", "Lumo launches budget phone in March", Stance.REPORTS),
    ("Lumo will launch a foldable phone in March", "Lumo launches new tablet in March", Stance.REPORTS),
    ("Lumo will launch a foldable phone in March", "Lumo launches its new foldable phone in March", Stance.CONFIRMS),
]

PROBED += [
    # round 173 (headlines written apart from the code): reversals in Title Case, "off the
    # table"; a hiring freeze is no hiring; a denial of a "not"; another title with its name
    # before the event (Chinese); 另一款; another route; another named thing of the claim's owner
    ("Kestrel Games will lay off 10% of its staff", "Kestrel Games Reverses Layoff Plan After Strong Holiday Sales", Stance.DENIES),
    ("Norvanta Robotics will acquire Helix Sensors", "Helix sale to Norvanta 'off the table', Helix CEO says", Stance.DENIES),
    ("Kestrel Games will lay off 10% of its staff", "Kestrel Games freezes hiring amid slowing sales", Stance.REPORTS),
    ("Kestrel Games will lay off 10% of its staff", "Kestrel Games denies reports it will not go ahead with job cuts", Stance.REPORTS),
    ("Kestrel Games will lay off 10% of its staff", "Kestrel Games denies reports it will cut jobs", Stance.DENIES),
    # Xinglan: general manager Wang Min resigns; chairman Chen Lifeng to act in his place
    ("星澜科技董事长陈立峰辞职", "星澜科技总经理王敏辞职，董事长陈立峰代行职责", Stance.REPORTS),
    ("星澜科技董事长陈立峰辞职", "星澜科技董事长陈立峰辞职", Stance.CONFIRMS),
    # the FDA approves another migraine drug of Velora's
    ("FDA approved Velora Pharma's Tenlixa", "美国FDA批准维洛拉制药另一款偏头痛新药上市", Stance.REPORTS),
    ("FDA approved Velora Pharma's Tenlixa", "FDA approves Velora Pharma's migraine drug Corvina", Stance.REPORTS),
    ("FDA approved Velora Pharma's Tenlixa", "FDA approves Velora Pharma's Tenlixa for migraine", Stance.CONFIRMS),
    (
        "Pelican Airways will launch direct flights between Manchester and Tokyo",
        "Pelican Airways launches Manchester-Seoul route",
        Stance.REPORTS,
    ),
    (
        "Pelican Airways will launch direct flights between Manchester and Tokyo",
        "Pelican Airways adds more Tokyo flights from London Heathrow",
        Stance.REPORTS,
    ),
    (
        "Pelican Airways will launch direct flights between Manchester and Tokyo",
        "Pelican Airways launches Manchester-Tokyo route",
        Stance.CONFIRMS,
    ),
]

WITH_LEADS += [
    # round 173: a listing application whose approval is uncertain (Chinese)
    (
        "明珠乳业将在香港上市",
        "明珠乳业关于媒体报道的说明",
        "本公司已向香港联合交易所有限公司递交H股上市申请，该申请能否获得批准尚存在不确定性。",
        Stance.REPORTS,
    ),
]

PROBED += [
    # round 174 (a second set written apart from the code): "defeated" opposes "passes"; another
    # owner, a named rival, a bill or club of the same kind, the claim's place before its event;
    # "no longer" of an ending; a question whose rest does not answer; "backs down"; "No U-turn";
    # a Chinese namesake (同名) of an English claim's subject; the Chinese subject acted on;
    # "dismiss" is a sacking unless a rumour follows
    ("Kenya's parliament passes the Digital Lending Bill", "Kenya's Digital Lending Bill defeated in parliament", Stance.DENIES),
    ("Kenya's parliament passes the Digital Lending Bill", "Uganda's parliament passes its own Digital Lending Bill", Stance.REPORTS),
    ("Kenya's parliament passes the Digital Lending Bill", "Kenya's Senate passes amendments to Data Protection Bill", Stance.REPORTS),
    ("Skylark Air pilots call off their strike", "Pilots at rival Coastway Airlines call off strike", Stance.REPORTS),
    ("Skylark Air pilots call off their strike", "Skylark Air strike called off? Passengers still in limbo", Stance.REPORTS),
    ("Skylark Air pilots call off their strike", "Skylark Air pilots' strike will go ahead on Friday", Stance.DENIES),
    ("St Aldric's Hospital in Leeds closes its maternity ward", "St Aldric's Hospital in Norwich shuts maternity ward", Stance.REPORTS),
    (
        "St Aldric's Hospital in Leeds closes its maternity ward",
        "St Aldric's Hospital no longer delivers babies after maternity ward closure",
        Stance.CONFIRMS,
    ),
    ("Halden Foods will close its Leeds bakery", "Halden Foods no longer plans to close Leeds bakery", Stance.DENIES),
    ("Norvale Bank raises mortgage rates", "Norvale Bank raises rates on easy-access savings accounts", Stance.REPORTS),
    ("Norvale Bank raises mortgage rates", "Norvale Bank backs down on planned mortgage rate rise", Stance.DENIES),
    ("Norvale Bank raises mortgage rates", "No U-turn: Norvale Bank's mortgage rate rise takes effect today", Stance.CONFIRMS),
    ("Harlow City sack manager Tomas Brecken", "Harlow City dismiss assistant manager Ray Dunmore", Stance.REPORTS),
    ("Harlow City sack manager Tomas Brecken", "Harlow City dismiss manager Tomas Brecken", Stance.CONFIRMS),
    # a band of the same name in Taipei splits up
    ("The Paper Lanterns split up", "台北同名乐队纸灯笼宣布解散", Stance.REPORTS),
    # creditors apply to the court for Huayue's restructuring
    ("华岳地产申请破产重整", "债权人向法院申请对华岳地产进行破产重整", Stance.REPORTS),
    ("华岳地产申请破产重整", "华岳地产向法院申请破产重整", Stance.CONFIRMS),
]

WITH_LEADS += [
    # round 174: a strike called off, the flights running as planned
    (
        "Skylark Air pilots call off their strike",
        "Update for customers",
        "The pilots' union has withdrawn its planned industrial action and all Skylark Air flights will operate as scheduled.",
        Stance.CONFIRMS,
    ),
]

PROBED += [
    # round 175 (a third set written apart from the code): one of the claim's things in the
    # singular; another named thing of the claim's owner past a few words; "on schedule" opposes
    # a delay; a negated opposite; kinds joined by "and"; a sister park (姊妹); another country or
    # institution as the subject
    ("Brightwell Home will close all its stores in Canada", "Brightwell Home to close its Toronto Eaton Centre store", Stance.REPORTS),
    ("Brightwell Home will close all its stores in Canada", "Brightwell Home to close all its Canadian stores", Stance.CONFIRMS),
    ("CMA blocks Telvari's merger with LinkWave", "CMA blocks Telvari's purchase of fibre firm NetSpan", Stance.REPORTS),
    ("Orbitra's Kestrel-3 launch is delayed", "Orbitra: Kestrel-3 launch remains on schedule for Friday", Stance.REPORTS),
    ("Crunchley discontinues Maple Bacon crisps", "No U-turn: Crunchley says Maple Bacon will not return", Stance.REPORTS),
    ("Crunchley discontinues Maple Bacon crisps", "Crunchley says Maple Bacon will return next year", Stance.DENIES),
    ("Eastmoor University will cut its philosophy courses", "Eastmoor University cuts music and drama courses", Stance.REPORTS),
    ("Eastmoor University will cut its philosophy courses", "Westmoor College to cut philosophy degrees", Stance.REPORTS),
    ("Vietnam bans the Lumo app", "Thailand bans Lumo app", Stance.REPORTS),
    ("Vietnam bans the Lumo app", "Vietnam bans Lumo app over data concerns", Stance.CONFIRMS),
    # Xingwan park's sister park Yuewan closes the "Thunder Coaster"
    ("星湾乐园关闭“雷霆飞车”项目", "星湾乐园姊妹园区月湾乐园关闭“雷霆飞车”", Stance.REPORTS),
]

PROBED += [
    # round 175, missed answers: "clears" opposes "blocks"; a possessive's name is the name
    ("CMA blocks Telvari's merger with LinkWave", "CMA clears Telvari's LinkWave takeover", Stance.DENIES),
    ("CMA blocks Telvari's merger with LinkWave", "CMA blocks Telvari-LinkWave merger over competition concerns", Stance.CONFIRMS),
]

PROBED += [
    # round 176 (a fourth set written apart from the code): the claim's post at another body; a
    # reversal word inside a compound ("pay-for-delay"); "will not reverse"; being sued is not
    # settling; a listing elsewhere (Chinese, a board of five characters; 港交所 is Hong Kong's);
    # a role the claim does not name; another people's market
    ("Tavolin Bank CEO Marcus Hale has resigned", "Marcus Hale steps down as chief executive of Ridgeway Insurance", Stance.REPORTS),
    ("Tavolin Bank CEO Marcus Hale has resigned", "Marcus Hale steps down as chief executive of Tavolin Bank", Stance.CONFIRMS),
    (
        "Quillfield Pharma was fined by the European Commission",
        "EU fines Quillfield Pharma 40 million euros over pay-for-delay deals",
        Stance.CONFIRMS,
    ),
    ("Corvan Energy will exit the Brazilian market", "Corvan Energy to exit Argentine market", Stance.REPORTS),
    ("Lumera Health has settled the shareholder lawsuit", "Lumera Health sued by shareholders over billing practices", Stance.REPORTS),
    ("Lumera Health has settled the shareholder lawsuit", "Lumera Health's former CFO settles SEC charges", Stance.REPORTS),
    # Xinglan plans to list on Shanghai's STAR board; lists on the Hong Kong exchange today
    ("星澜科技将在香港上市", "星澜科技拟在上海科创板上市，已完成辅导备案", Stance.REPORTS),
    ("星澜科技将在香港上市", "星澜科技今日在港交所挂牌上市", Stance.CONFIRMS),
]

@pytest.mark.parametrize(
    "title",
    [
        'Corvan Energy says it will "not reverse" Brazil exit despite government appeal',
        "Corvan Energy won't back down on Brazil exit",
        "No U-turn: Corvan Energy's Brazil exit goes ahead",
    ],
)
def test_a_reversal_negated_is_no_denial(decide: Decide, title: str) -> None:
    # round 176: "not reverse" was read as a reversal and a negation of the claim's exit
    r = decide("Corvan Energy will exit the Brazilian market", title)
    assert r.stance is not Stance.DENIES, r.cues


PROBED += [
    # round 177 (a fifth set written apart from the code): "a plumber named X"; betting odds and
    # polls are modality; 遇害 is an event word (threats, an attack, another journalist's death
    # are not it); a named subsidiary; another city before the claim's verb; another thing as the
    # verb's object; a women's team (女足); a relegation ten years ago (年前, 往事)
    ("Senator Oliver Brandt has been arrested", "Ohio plumber named Oliver Brandt arrested over stolen copper wire", Stance.REPORTS),
    ("Senator Oliver Brandt has been arrested", "Betting markets give 30% chance Senator Brandt is arrested this year", Stance.REPORTS),
    ("Valencia bans cars from its city centre", "Poll: 58% of Valencians back a city centre car ban", Stance.REPORTS),
    ("Valencia bans cars from its city centre", "Seville bans cars from its old town", Stance.REPORTS),
    ("Valencia bans cars from its city centre", "Valencia bans e-scooters from city centre pavements", Stance.REPORTS),
    ("Valencia bans cars from its city centre", "Valencia bans cars from its city centre from January", Stance.CONFIRMS),
    ("Skyvale Airways grounds its fleet", "Skyvale regional subsidiary SkyHop grounds its turboprops", Stance.REPORTS),
    # journalist Chen Mo killed: had received death threats; attacked and injured; another
    # journalist killed, Chen Mo mourns
    ("记者陈默遇害", "记者陈默曾多次收到死亡威胁", Stance.REPORTS),
    ("记者陈默遇害", "记者陈默采访途中遇袭受伤 已送医治疗", Stance.REPORTS),
    ("记者陈默遇害", "另一名记者在边境采访时遇害 陈默发文悼念", Stance.REPORTS),
    ("记者陈默遇害", "记者陈默在边境采访时遇害", Stance.CONFIRMS),
    # Jiangcheng Thunder's women's team relegated; their relegation ten years ago
    ("江城雷霆队降级", "江城雷霆女足降级", Stance.REPORTS),
    ("江城雷霆队降级", "江城雷霆十年前降级往事：那一夜球迷泪洒看台", Stance.REPORTS),
]

PROBED += [
    # round 178 (a sixth set written apart from the code): "not off the table", 并非没有可能 are
    # modality; cutting jobs at a plant is not closing it; another doer after "by"; a rival as
    # the partner; a part "of" the claim's company; a namesake company (同名公司) a few words on
    ("Calderon Energy will close its Ohio refinery", "Calderon Energy: Ohio refinery closure not off the table", Stance.REPORTS),
    ("Calderon Energy will close its Ohio refinery", "Calderon Energy cuts 200 jobs at Ohio refinery", Stance.REPORTS),
    ("Northvale Bank was fined by the Financial Conduct Authority", "Northvale Bank fined by Central Bank of Ireland", Stance.REPORTS),
    ("Northvale Bank was fined by the Financial Conduct Authority", "Northvale Bank fined by the Financial Conduct Authority", Stance.CONFIRMS),
    (
        "Orbique Phones will partner with Keltron Semiconductor",
        "Keltron Semiconductor partners with Orbique rival Zentra Mobile",
        Stance.REPORTS,
    ),
    ("India banned the Zippa shopping app", "India bans ZippaPay, payments arm of Zippa", Stance.REPORTS),
    # Lumora: a plant in Hungary "not impossible"
    ("曜途汽车将在匈牙利建厂", "曜途汽车：匈牙利建厂“并非没有可能”", Stance.REPORTS),
    # a namesake company in Fujian recalls infant formula, unrelated to Mingyue Foods
    ("明悦食品召回婴儿奶粉", "同名公司福建明悦食品召回婴儿配方奶粉，与明悦食品集团无关", Stance.REPORTS),
]

PROBED += [
    # round 179 (a seventh set written apart from the code): test runs ahead of reopening; 取消 is
    # the claim's 停航 in other words; another route's name (鹭岛航线); 收回 reverses; 姊妹刊 past a
    # title's closing mark; a spin-off; near the claim's place; another year; a withdrawal read as
    # the claim's own ("drops bid" for "withdraws its bid"); a sous-chef; 入围 (shortlisted)
    ("Harwick Valley rail line reopens", "Test trains run on Harwick Valley line ahead of reopening", Stance.REPORTS),
    # Lanwan Ferry: the Zhoudao route to be cancelled, rumoured; the Ludao route suspended
    ("蓝湾轮渡停航舟岛航线", "网传蓝湾轮渡将取消舟岛航线", Stance.REPORTS),
    ("蓝湾轮渡停航舟岛航线", "蓝湾轮渡宣布停航鹭岛航线", Stance.REPORTS),
    ("蓝湾轮渡停航舟岛航线", "蓝湾轮渡宣布停航舟岛航线", Stance.CONFIRMS),
    ("蓝湾轮渡停航舟岛航线", "蓝湾轮渡收回停航决定，舟岛航线继续运营", Stance.DENIES),
    # the Chenjiang Daily's sister paper, the Evening News, closes
    ("《晨江日报》停刊", "《晨江日报》姊妹刊《晨江晚报》宣布停刊", Stance.REPORTS),
    ("Harbour Lights cancelled by Northwave TV", "Northwave cancels 'Harbour Nights' spin-off", Stance.REPORTS),
    (
        "Fenming Stadium renamed Huasheng Stadium",
        "Training ground next to Fenming Stadium renamed Huasheng Training Centre",
        Stance.REPORTS,
    ),
    ("Curfew imposed in Port Selwyn", "Curfew imposed in Bellhaven, near Port Selwyn, as unrest spreads", Stance.REPORTS),
    ("Curfew imposed in Port Selwyn", "Curfew imposed in Port Selwyn after night of unrest", Stance.CONFIRMS),
    ("Porto withdraws its bid to host the 2036 Olympics", "Porto drops bid for 2030 Youth Olympic Games", Stance.REPORTS),
    ("Porto withdraws its bid to host the 2036 Olympics", "Porto drops its bid for the 2036 Olympics", Stance.CONFIRMS),
    ("Corveth Holdings suspends its dividend", "Corveth Holdings cuts dividend by half", Stance.REPORTS),
    (
        "Anouk Verlaine's restaurant Brume loses its Argent Guide star",
        "Verlaine's former sous-chef loses star at Sel Noir",
        Stance.REPORTS,
    ),
    ("Anouk Verlaine's restaurant Brume loses its Argent Guide star", "Brume no longer holds an Argent Guide star", Stance.CONFIRMS),
    # Lin Wangshu's novel shortlisted for the Qinglan prize
    ("作家林望舒获得青岚文学奖", "林望舒《潮汐之间》入围青岚文学奖短名单", Stance.REPORTS),
]

PROBED += [
    # round 180 (an eighth set, read as a measurement on the code after round 179): a Chinese
    # delay with 或 is modality; another holder of the claim's post
    ("星楠科技在香港上市", "星楠科技香港上市或推迟至明年", Stance.REPORTS),
    ("Austrian finance minister Ilse Brandauer resigned", "German finance minister Kurt Albers resigns", Stance.REPORTS),
    ("Austrian finance minister Ilse Brandauer resigned", "Austrian finance minister Ilse Brandauer resigns", Stance.CONFIRMS),
]

WITH_LEADS += [
    # rounds 169, 175, 176, 180: a regulator's probe, its lead saying no recall was ordered yet
    (
        "Arden Appliances is recalling Kestrel dishwashers",
        "Safety regulator probes Kestrel dishwasher fires",
        "The agency said it had received 37 reports of overheating but has not ordered a recall.",
        Stance.REPORTS,
    ),
    (
        "云骁科技召回云骁X5手机",
        "市场监管部门约谈云骁科技，了解X5电池问题",
        "监管部门要求企业在一周内提交书面说明，目前尚未作出召回决定。",
        Stance.REPORTS,
    ),
]

PROBED += [
    # round 180: the claim's person's name after another trade (a namesake)
    ("Singer Lorcan Feehily has died", "Former Galway hurler Lorcan Feehily dies at 54", Stance.REPORTS),
    ("Singer Lorcan Feehily has died", "Irish singer Lorcan Feehily dies at 54", Stance.CONFIRMS),
]

PROBED += [
    # rounds 188-189 (written by helpers that read no code): a place chosen for the claim's thing,
    # another model of the series, another post, a drop of a planned tariff, an approval in principle
    # or a draft out for consultation, a satire label, a twin brother, a rival's denial, another
    # clause's subject, another kind of sentence, hiring others for a claim of job cuts
    ("Korvane Energy will build a battery plant in Ohio", "Korvane Energy picks Michigan for new battery plant", Stance.REPORTS),
    ("Korvane Energy will build a battery plant in Ohio", "Korvane Energy picks Ohio for new battery plant", Stance.CONFIRMS),
    ("Lumeo will launch the Lumeo X9 phone in September", "Lumeo X8 launches in September with price cut", Stance.REPORTS),
    ("Rafe Collin will be the new CEO of Dunmore Telecom", "Rafe Collin joins Dunmore Telecom board as non-executive director", Stance.REPORTS),
    ("Westmark University president Helen Obrecht has resigned", "Westmark law dean Helena Obrecht steps down", Stance.REPORTS),
    ("Quorland will impose a 25% tariff on imported steel", "Quorland drops planned steel tariff after industry backlash", Stance.DENIES),
    ("Calder Bank has received a banking licence in Singapore", "Calder Bank receives in-principle approval in Singapore", Stance.REPORTS),
    ("澄州市将禁止燃油摩托车上路", "澄州市拟禁止燃油摩托车上路 公开征求意见", Stance.REPORTS),
    ("Senator Marcus Dale has been arrested", "Satire: Senator Marcus Dale arrested for excessive filibustering", Stance.REPORTS),
    ("Senator Marcus Dale has been arrested", "Viral story of Senator Marcus Dale's arrest was satire", Stance.DENIES),
    ("国脚王浩宇加盟上海星港队", "王浩宇的双胞胎弟弟王浩然加盟上海星港队", Stance.REPORTS),
    ("国脚王浩宇加盟上海星港队", "同城对手申虹队否认引进王浩宇：“从未接触”", Stance.REPORTS),
    ("塞拉诺竞技解雇主教练布鲁诺·瓦利", "瓦利之子、助理教练马尔科·瓦利被塞拉诺竞技解雇", Stance.REPORTS),
    ("塞拉诺竞技解雇主教练布鲁诺·瓦利", "塞拉诺竞技官宣解雇主教练布鲁诺·瓦利", Stance.CONFIRMS),
    ("St. Alder Hospital will close its maternity unit", "St. Bride's closes maternity unit; St. Alder to take its patients", Stance.REPORTS),
    ("企业家宋立峰一审被判无期徒刑", "宋立峰一审被判有期徒刑十五年", Stance.REPORTS),
    ("Former mayor Dan Roe has been sentenced to life in prison", "Former mayor Dan Roe jailed for 25 years", Stance.REPORTS),
    ("Norvik Air will cut 1,200 jobs", "Norvik Air hires 1,200 cabin crew ahead of summer peak", Stance.REPORTS),
]

WITH_LEADS += [
    (
        "东川大学校长郑启明辞职",
        "郑启明被曝学术不端，东川大学已成立调查组",
        "东川大学表示，调查期间郑启明将暂停部分行政工作。",
        Stance.REPORTS,
    ),
]

PROBED += [
    # rounds 190-191 (helpers again): an opinion column and a look back, talk of an approval, a
    # listing application, no notice received, another quarter, another model of the line, a
    # regional outage for a global one, a rival leading the title, another group (bus drivers, 铁路),
    # a consequence cancelled by the claim's strike, one name or a country before the claim's verb,
    # another act of the same kind, another city in Chinese, a vaccine for another group
    ("Veltro Motors will build a battery plant in Ohio", "Opinion: Ohio is overpaying to lure Veltro's battery plant", Stance.REPORTS),
    ("Novapine will launch the Orbit 5 smartphone in September", "Ten years of Orbit: looking back at Novapine's first smartphone", Stance.REPORTS),
    ("The FDA has approved Norvexa's Alzheimer's drug Clarivane", "Norvexa shares jump on talk of imminent Clarivane approval", Stance.REPORTS),
    ("青禾新能源将在香港上市", "青禾新能源向港交所递表 拟赴港上市", Stance.REPORTS),
    ("美国将限制向中国出口锐芯AI芯片", "锐芯：目前未收到美方任何出口限制通知", Stance.REPORTS),
    ("Marlow Semiconductor posted a loss in the second quarter", "Marlow Semiconductor posts first-quarter loss, sees return to profit by summer", Stance.REPORTS),
    ("Marlow Semiconductor posted a loss in the second quarter", "Marlow Semiconductor posts Q2 loss of $40 million", Stance.CONFIRMS),
    ("Novapine will launch the Orbit 5 smartphone in September", "Novapine launches Orbit 5 Lite in September; flagship model still unannounced", Stance.REPORTS),
    ("Grayfield Cloud suffered a global outage", "Grayfield Cloud outage hits customers in Frankfurt region", Stance.REPORTS),
    ("Kestrel Air will launch direct flights from Manchester to Osaka", "Rival Bluecrest beats Kestrel to Manchester-Osaka with summer launch", Stance.REPORTS),
    ("The national rail strike on 14 March has been called off", "Bus drivers call off 14 March strike", Stance.REPORTS),
    ("法国空管人员将于5月3日罢工", "法国铁路工会宣布5月3日罢工", Stance.REPORTS),
    ("法国空管人员将于5月3日罢工", "法国空管工会正式发出5月3日罢工通知，数百航班将取消", Stance.CONFIRMS),
    ("Leeds will ban petrol and diesel cars from the city centre from 2027", "York to ban petrol and diesel cars from city centre from 2027", Stance.REPORTS),
    ("Ireland will ban smoking in outdoor dining areas", "Scotland to ban smoking in outdoor dining areas", Stance.REPORTS),
    ("The U.S. will restrict exports of Ferrox AI chips to China", "Netherlands tightens export rules on Ferrox chipmaking tools", Stance.REPORTS),
    ("The Senate has passed the Clean Rivers Act", "Senate passes Clean Air Amendments Act by voice vote", Stance.REPORTS),
    ("The Senate has passed the Clean Rivers Act", "Senate passes Clean Rivers Act by voice vote", Stance.CONFIRMS),
    ("受台风“青蛟”影响，滨海市全市中小学明日停课", "受台风“青蛟”影响，东港市中小学明日停课", Stance.REPORTS),
    ("Health Canada has approved Medivant's RSV vaccine for infants", "Health Canada approves Medivant RSV vaccine for adults over 60", Stance.REPORTS),
]

PROBED += [
    # rounds 192-193: science, medicine, emergencies, entertainment, games, aviation, defence
    # aborted, scrubbed and slipped schedules; "call it off"
    ("Orvane Space Agency will launch the Halcyon lunar probe in March",
     "Orvane Space Agency scrubs March launch of Halcyon lunar probe, pushes mission to next year", Stance.DENIES),
    ("Corvid capsule docked with Meridian station",
     "Stellan Aerospace aborts Corvid docking attempt, capsule to return to Earth", Stance.DENIES),
    ("Northwind Airlines pilots will strike in July",
     "Northwind pilots announce July strike, then call it off hours later after pay deal", Stance.DENIES),
    ("Quillfire Games will release 'Starwake 2' this year",
     "Quillfire confirms 'Starwake 2', but release slips to next year", Stance.DENIES),
    ("Quillfire Games will release 'Starwake 2' this year", "Quillfire shares slip to 2-month low after 'Starwake 2' trailer", Stance.REPORTS),
    # the opposite of success, of renewal; failure in Chinese
    ("Cendra Biotech's Memoxil succeeded in phase 3 Alzheimer's trial",
     "Cendra Biotech's Memoxil fails phase 3 Alzheimer's trial; shares plunge", Stance.DENIES),
    ("Brightline will renew 'Ashfall County' for a fourth season",
     "'Ashfall County' to end with season three, Brightline confirms", Stance.DENIES),
    ("长穹一号运载火箭首飞成功", "长穹一号首飞失利，火箭二级发动机工作异常", Stance.DENIES),  # maiden flight failed
    # another of the series, another numbered one, another title, another thing of the object
    ("Tenra will discontinue the Pulse 3 smartwatch", "Tenra discontinues Pulse 2 as it clears older stock", Stance.REPORTS),
    ("Tenra will discontinue the Pulse 3 smartwatch", "Tenra discontinues Pulse 3 smartwatch", Stance.CONFIRMS),
    ("Aurelian Space Telescope detected water vapour on exoplanet Kepra-9b",
     "Aurelian Space Telescope spots water vapour on sister planet Kepra-9c", Stance.REPORTS),
    ("青岚市第三人民医院将关闭", "青岚市第四人民医院宣布关闭，科室并入第三人民医院", Stance.REPORTS),  # the fourth closes
    ("青岚市第三人民医院将关闭", "青岚市第三人民医院宣布关闭", Stance.CONFIRMS),
    ("云帆互娱将发布《幻境传说2》", "云帆互娱发布《幻境传说》手游版，续作仍无消息", Stance.REPORTS),  # another title
    ("Monolune will acquire Quillfire Games", "Monolune buys Quillfire's mobile studio Pipfern", Stance.REPORTS),
    # another name leading the claim's event, the claim's subject after it; a member's own project
    ("Dunmore Hospital will close its maternity ward",
     "Ashgrove Hospital, a few miles from Dunmore, confirms closure of its maternity ward", Stance.REPORTS),
    ("Harborline Foods recalls frozen chicken nuggets over salmonella",
     "Norcrest Farms recalls chicken nuggets over salmonella, weeks after Harborline Foods scare", Stance.REPORTS),
    ("Velvet Harbor will break up", "Velvet Harbor frontman's side project Harbor Lights breaks up after one album", Stance.REPORTS),
    # round 195: fans' belief is hedging; "ruled out of" the Games says "will miss" them; one of two
    # candidates (二选一) is modality
    ("Singer Dax Rinaldi and actress Mira Solenne have split up",
     "Fans convinced Dax Rinaldi and Mira Solenne have split after couple unfollow each other", Stance.REPORTS),
    ("Sprinter Kofi Adair will miss the Aurora Games through injury",
     "Kofi Adair ruled out of Aurora Games with torn hamstring", Stance.CONFIRMS),
    ("Sprinter Kofi Adair will play in the Aurora Games", "Kofi Adair ruled out of Aurora Games with torn hamstring", Stance.DENIES),
    ("王建国将出任碧海队主教练", "碧海队主帅人选：王建国与一名外籍教练二选一", Stance.REPORTS),
    # 取消打赏 (cancels tipping) is the claim's own 下线 (takes it offline), not its reversal
    ("短视频平台快影将下线直播打赏功能", "监管部门拟要求直播平台取消打赏，快影称正在研究", Stance.REPORTS),
    ("短视频平台快影将下线直播打赏功能", "快影下线直播打赏功能", Stance.CONFIRMS),
    # round 194: officers' recommendation is modality; "throws out" is the claim's dismissal; "stayed
    # up" is the opposite of an outage; a fellow protester and a namesake of another trade
    ("Harrowgate Council will approve the Millbrook Quarry expansion",
     "Harrowgate planning officers recommend approval of Millbrook Quarry expansion", Stance.REPORTS),
    ("A court dismissed the Tolland residents' lawsuit against Corvane Chemicals",
     "Judge throws out Tolland residents' lawsuit against Corvane Chemicals", Stance.CONFIRMS),
    ("Fenwick Pay card payments failed nationwide on Friday",
     "Fenwick Pay says its network stayed up on Friday, blames retailers' terminals for declined cards", Stance.DENIES),
    ("Police released activist Jonah Pryce without charge", "Jonah Pryce's fellow protester released without charge", Stance.REPORTS),
    ("Councillor Peter Anstey was arrested for drink-driving", "Former striker Peter Anstey arrested for drink-driving", Stance.REPORTS),
    # a condition the title's event waits on
    ("Harbour & Vale Bank will close 40 branches", "Harbour & Vale to close 40 branches if Tollbridge merger goes ahead", Stance.REPORTS),
    ("Harbour & Vale Bank will close 40 branches", "Harbour & Vale to close 40 branches as Tollbridge merger goes ahead", Stance.CONFIRMS),
    # a recall that "cannot be ruled out" is a prospect
    ("Brisa Automotive will recall 200,000 cars over airbag defects",
     "Regulator opens probe into Brisa airbags; recall \"cannot be ruled out\"", Stance.REPORTS),
]

WITH_LEADS += [
    # rounds 192-193: a title naming only the claim's cause ("flood", "snow") asserts nothing: the
    # lead is read whole
    ("Thornbury declares state of emergency over River Ledd floods", "Thornbury council leader answers flood questions",
     "Council leader Maria Oduya said Thornbury would not declare a state of emergency, adding that river levels had "
     "started to fall overnight.", Stance.DENIES),
    ("Kessington County schools will close due to heavy snow", "Kessington County snow: the latest",
     "Superintendent Dana Whitcombe said a decision on closing schools would be made by 5 a.m. after road crews "
     "assess conditions.", Stance.REPORTS),
    # round 195: a title naming another city is about it, though its lead says the claim's is spared
    ("火锅品牌蜀香阁将关闭云港市全部门店", "蜀香阁关闭溪州市全部门店",
     "该品牌表示，溪州门店将于下月起陆续停业，云港市门店暂不受影响。", Stance.REPORTS),
    # rounds 192-195: a lead presenting the item itself as an outlet's satire makes it fiction, not
    # a debunk; a lead saying the story came from a satirical site still debunks it
    ("Coinvale froze customer withdrawals", "Coinvale freezes withdrawals, customers' hopes and the office coffee machine",
     "From The Weekly Grumbler, a satirical newsletter: the crypto exchange's chief executive announced a bold new "
     "strategy of not answering the phone.", Stance.REPORTS),
    ("Coinvale froze customer withdrawals", "Did Coinvale freeze withdrawals?",
     "The story first appeared on a satirical website and is not true.", Stance.DENIES),
    ("Kessington County schools will close due to heavy snow", "Kessington County snow: the latest",
     "All Kessington County schools will be closed on Friday, Superintendent Dana Whitcombe said.", Stance.CONFIRMS),
]


@pytest.mark.parametrize(
    ("lead_sentence", "want"),
    [
        ("Novapine will not launch Orbit 5 in September; the device will now debut in the fourth quarter.", Stance.DENIES),
        ("Novapine confirms that Orbit 5 will launch in September as planned.", Stance.CONFIRMS),
        ("Novapine does not comment on market speculation.", Stance.REPORTS),
    ],
)
def test_a_release_titled_by_its_matter_is_read_by_its_lead(lead_sentence: str, want: Stance) -> None:
    # "Statement on Orbit 5 launch timing" names the matter and states nothing (round 190: it
    # had confirmed the launch its lead called off)
    claim = Claim("orbit", "Novapine will launch the Orbit 5 smartphone in September")
    r = classify_stance(claim, "Statement on Orbit 5 launch timing", lead_sentence)
    assert r.stance is want, r.cues
    assert r.cues[0].startswith("read by its lead"), r.cues


PROBED += [
    # rounds 196-199 (energy, ports, museums, zoos, Chinese carmakers and listings, parliaments,
    # space, crypto): a season or a date set ahead is intention; "recommends", "requests", "tables
    # motion to", "debates" are modality; "shows signs of", "doubts over" hedge; "pure fiction"
    # refutes; "averting" and "without" negate; "falls short" is the opposite of an approval;
    # "pulls" an IPO reverses it, "files for" one applies; the claim's undergoer doing the event
    ("Tarnhollow nuclear plant shuts down reactor 2", "Tarnhollow to idle reactor 2 next spring for refuelling", Stance.REPORTS),
    ("Thornbury coal plant closes permanently", "Thornbury coal plant closure date set for 2029", Stance.REPORTS),
    ("Korvath Aerospace launches Tern-2 rocket", "Korvath sets date for Tern-2 maiden launch", Stance.REPORTS),
    ("Berrow raises state pension age to 68", "Berrow pension review recommends raising retirement age to 68", Stance.REPORTS),
    ("The Ostwick Museum returns the Kaluri bronze mask to Teravia", "Teravia formally requests return of Kaluri mask from Ostwick Museum", Stance.REPORTS),
    ("Speaker Edda Morrow is ousted", "Lawmakers table motion to oust Speaker Edda Morrow", Stance.REPORTS),
    ("A panda cub is born at Redmere Zoo", "Redmere Zoo's panda Mei-Lan shows signs of pregnancy", Stance.REPORTS),
    ("This year's Thornbury Fields festival is cancelled", "Ticket sales slump raises doubts over Thornbury Fields festival", Stance.REPORTS),
    ("Finance minister Orla Penhallow resigns", "Treasury: Penhallow resignation story is 'pure fiction'", Stance.DENIES),
    ("Greatwall Harbour Holdings defaults on its dollar bonds", "Greatwall Harbour pays overdue coupon at the eleventh hour, averting default", Stance.DENIES),
    ("Lenhaven voters approve marriage equality referendum", "Marriage equality measure falls short in Lenhaven as No side edges it", Stance.DENIES),
    ("Hengtai Logistics lists on the Hong Kong stock exchange", "Hengtai Logistics pulls Hong Kong IPO", Stance.DENIES),
    ("Hengtai Logistics lists on the Hong Kong stock exchange", "Hengtai Logistics files for Hong Kong IPO", Stance.REPORTS),
    ("Bishop Tolan Verhey is removed from office", "Bishop Verhey removes parish priest Anselm Droy from office", Stance.REPORTS),
    # Chinese: 未否认 (does not deny) and 暂无回应 (no response yet) hedge; 不会 before a word the
    # claim says otherwise (推出 for 发布) negates it; 驳回 (rejects) reverses; 力争 (strives to)
    # is intention; 建议 (recommends), 草案 (draft), 审议 (review), 待定 (to be decided) are modality;
    # a sequel (续集) or a full brother (胞弟) is another
    ("安澜航运货轮在南屿海域搁浅", "安澜航运未否认旗下货轮搁浅传闻 称正在核实", Stance.REPORTS),
    ("远岸地产董事长被带走调查", "网传远岸地产董事长被带走调查 公司暂无回应", Stance.REPORTS),
    ("星岚手机发布折叠屏新机Fold 3", "星岚手机：今年不会推出Fold 3", Stance.DENIES),
    ("澄矽半导体获得对华出口许可", "澄矽半导体对华出口许可申请被驳回", Stance.DENIES),
    ("朔风汽车3月交付量突破5万辆", "朔风汽车：力争3月交付量突破5万辆", Stance.REPORTS),
    ("霁州上调退休年龄至65岁", "专家建议霁州分步上调退休年龄至65岁", Stance.REPORTS),
    ("芮国议会通过数据安全法", "芮国数据安全法草案提交议会审议", Stance.REPORTS),
    ("鹤川博物馆闭馆改造", "鹤川博物馆改造方案公示 闭馆时间待定", Stance.REPORTS),
    ("小说《雾港》被下架", "《雾港》续集《雾港·归潮》遭下架", Stance.REPORTS),
]

WITH_LEADS += [
    # rounds 196-199: contraries of a contamination, a cancellation and a shutdown; a hearing (聆讯)
    # and a summons (约谈) are steps before the event
    ("Cyclone Imara makes landfall at Port Selwyn", "Cyclone Imara fizzles out at sea without making landfall",
     "The storm's remnants dissipated 200 km offshore, sparing Port Selwyn and the rest of the coast.", Stance.DENIES),
    ("Oskerby tap water contaminated with E. coli", "Oskerby water safe to drink as retests come back clean",
     "Follow-up samples found no trace of E. coli, overturning a preliminary result that had prompted a warning, "
     "the utility said.", Stance.DENIES),
    ("Singer Amaya Ferro cancels her Lisbrook concert", "Amaya Ferro's Lisbrook concert back on after venue dispute resolved",
     "Amaya Ferro will perform at Lisbrook Arena on Saturday as originally scheduled, promoters confirmed.", Stance.DENIES),
    ("The charity Helping Hearth is shut down by the regulator", "Regulator clears Helping Hearth, allows charity to keep operating",
     "The Charitable Trusts Board said on Thursday it had found no grounds to close Helping Hearth after a six-month "
     "inquiry.", Stance.DENIES),
    ("鼎曜科技在港交所上市", "鼎曜科技通过港交所上市聆讯", "鼎曜科技已通过港交所上市聆讯，预计将于本月下旬挂牌。", Stance.REPORTS),
    ("橙集电商被市场监管总局罚款", "橙集电商被市场监管总局约谈",
     "市场监管总局近日约谈橙集电商负责人，要求其在30日内完成整改，目前尚未作出处罚决定。", Stance.REPORTS),
    ("柯岚当选塔斯湾市长", "柯岚胞弟当选塔斯湾市议员", "在周日举行的塔斯湾地方选举中，市长候选人柯岚的弟弟柯岩当选市议员。", Stance.REPORTS),
]


PROBED += [
    # rounds 202-209 (960 headlines by eight helpers; see README "Rounds 202-209"): a modal before a
    # reversal, a bare 不, an acquittal, "upholds", "avoids jail", "lands safely", a trailer or a
    # women's side of the name, a denial of another event, threats and requests, 呼吁/申办/时间问题
    ("云岭市将承办2031年环海沙滩运动会", "云岭市正式递交2031年环海沙滩运动会申办报告", Stance.REPORTS),  # bid submitted
    ("Dunhollow Vale FC will move to a new stadium at Ashgrove", "Dunhollow Vale Women relocate to Ashgrove training complex", Stance.REPORTS),  # women's team, training ground
    ("Strata Interactive will acquire studio Lumen Forge", "Strata Interactive denies layoff report, says Lumen Forge talks 'ongoing'", Stance.REPORTS),  # denial of other thing; talks
    ("The Eclipse League will expand to 16 teams", "Eclipse League Academy circuit expands to 16 teams", Stance.REPORTS),  # academy circuit, not league
    ("Gridlock Games will shut down the servers of 'Ironclad Legends'", "Gridlock shuts down Ironclad Legends legacy beta servers", Stance.REPORTS),  # only beta servers
    ("Boxer Dario Kessling has been stripped of his heavyweight title", "Sanctioning body orders Kessling to defend title or be stripped", Stance.REPORTS),  # conditional threat
    ("江城猎鹰队将解雇主教练赵立群", "江城猎鹰解雇体能教练，赵立群继续带队备战", Stance.REPORTS),  # other coach fired
    ("星曜电竞将解散其《王座之争》分部", "知情人士透露星曜电竞或将退出《王座之争》联赛", Stance.REPORTS),  # 或将 sources
    ("明泰医疗召回稳心心脏支架", "专家呼吁明泰医疗召回稳心支架", Stance.REPORTS),  # 仅呼吁
    ("Meridale Health merges with Calloway Health", "Meridale and Calloway sign letter of intent to explore merger", Stance.REPORTS),  # exploratory step
    ("TV host Grace Liu quits Hailan TV", "Grace Liu's co-host Marcus Fei quits Hailan TV", Stance.REPORTS),  # co-host, different subject
    ("偶像团体七曜解散", "七曜不解散！公司确认全员续约三年", Stance.DENIES),  # contract renewed
    ("橙子视频关停", "橙子视频会员收入下滑三成，分析师：关停或只是时间问题", Stance.REPORTS),  # analyst speculation
    ("Actor Leo Tang dies", "Leo Tang 'killed off' in final season of 'Midnight Ferry'", Stance.REPORTS),  # character dies
    ("StreamRiver removes drama 'Crimson Dynasty'", "StreamRiver removes 'Crimson Dynasty' trailer after copyright complaint", Stance.REPORTS),  # trailer only
    ("陈志远被引渡回国", "陈志远引渡听证会延期", Stance.REPORTS),  # 延期
    ("Jury convicts Senator Hollis Brandt of fraud", "Jury acquits Senator Hollis Brandt of fraud", Stance.DENIES),  # acquittal
    ("Government bans ride-hailing app Zipply", "Lawmakers push bill that would ban Zipply", Stance.REPORTS),  # proposal, would
    ("Supreme Court strikes down the Cordell voter ID law", "Supreme Court upholds Cordell voter ID law", Stance.DENIES),  # contrary outcome
    ("Court orders Helix Search to sell its ad exchange", "Government asks court to force Helix to sell ad exchange", Stance.REPORTS),  # request only
    ("Marsh Valley Airlines will merge with Coralline Air", "Coralline Air denies pilot layoff reports ahead of Marsh Valley merger vote", Stance.REPORTS),  # denial of side detail; vote pending
    ("Former president Osric Lamm sentenced to prison", "Osric Lamm jailed for six years", Stance.CONFIRMS),  # jailed = prison sentence
    ("Former president Osric Lamm sentenced to prison", "Prosecutors seek eight-year prison term for Lamm", Stance.REPORTS),  # request, sentence pending
    ("Tarrow Pharmacy ends its StarPoints loyalty scheme", "Tarrow Pharmacy scraps StarPoints loyalty scheme", Stance.CONFIRMS),  # 'scraps' is the claimed event itself
    ("Corvel Outfitters shuts its flagship store on Kessel Street", "Corvel Outfitters denies plan to cut staff at Kessel Street flagship", Stance.REPORTS),  # denial of something else
    ("Fernway Coffee raises its drink prices", "Fernway Coffee denies it is closing stores, says pricing review ongoing", Stance.REPORTS),  # denial of something else; review
    ("RouteRunner launches drone deliveries in Brackley", "RouteRunner gets permission to test drones over Brackley", Stance.REPORTS),  # permit/test only
    ("The Pantry Pal delivery app shuts down", "Pantry Pal users fear shutdown after app vanishes from store listing", Stance.REPORTS),  # fear, speculation
    ("Brindle & Co discontinues its Lumo lip balm", "Brindle & Co axes Lumo hand cream in range shake-up", Stance.REPORTS),  # different product
    ("Hollis Supermarkets stops selling tobacco", "Hollis Supermarkets consults shoppers on ending tobacco sales", Stance.REPORTS),  # consultation
    ("Brindle & Co discontinues its Lumo lip balm", "Shoppers say Lumo lip balm has vanished from shelves; Brindle & Co silent", Stance.REPORTS),  # shopper claims, no statement
    ("北辰大学跻身全球大学排名前十", "北辰大学首次跻身全球大学排名前十", Stance.CONFIRMS),  # 直接陈述
    ("The Vantor Foundation awarded a $50 million grant to Caldwick Institute of Technology", "Vantor Foundation pulls $50m pledge to Caldwick Tech", Stance.DENIES),  # reversal
    ("The Ardent-1 Mars lander crashed", "Ardent-1 lands safely on Mars, sends first image", Stance.DENIES),  # contrary outcome
    ("Wexham University president Laura Timms resigned", "Faculty vote no confidence in Wexham president Timms", Stance.REPORTS),  # pressure, not resignation
    ("Drevin University found that Professor Oskar Lind falsified research data", "Drevin inquiry clears Lind of data falsification", Stance.DENIES),  # cleared
    ("Jadeport Holdings is delisted from the Lanhai Stock Exchange", "Jadeport Holdings faces delisting if it fails to publish results by March", Stance.REPORTS),  # conditional threat
    ("Kestrel Mobile recalls the K50 phone over battery fires", "消费者协会呼吁茶隼手机召回K50", Stance.REPORTS),  # call for recall, not recall
    ("天策半导体完成50亿元融资", "天策半导体启动新一轮融资，目标规模或达50亿元", Stance.REPORTS),  # 启动、或
    ("Princess Adeline of Vostermark is engaged to Julian Aske", "Princess Adeline spotted with ring, fuelling engagement talk", Stance.REPORTS),  # speculation
    ("Quillon Tech founder Marcus Ebbe has been ousted as CEO", "Investors push for Marcus Ebbe's ouster at Quillon", Stance.REPORTS),  # push, not done
    ("Danny Crewe has married Lena Roff", "Crewe and Roff set wedding date for June", Stance.REPORTS),  # future event
    ("何俊熙与宋瑶恋爱", "宋瑶经纪公司：与何俊熙“恋情”系恶意炒作", Stance.DENIES),  # agency denial, quoted word
]

WITH_LEADS += [
    # rounds 202-209, with their leads
    ("云岭市将承办2031年环海沙滩运动会", "云岭落选 2031年环海沙滩运动会花落南礁", "在周六的全体大会投票中，南礁以27票对19票击败云岭，获得举办权。", Stance.DENIES),  # other city won
    ("Tennis player Mirela Dovan will retire", "Dovan retires hurt in Calvera Open semi-final", "The world No 6 stopped with a calf injury while trailing 4-1 in the first set and said she hoped to be fit for the next event.", Stance.REPORTS),  # retired from a match
    ("星曜电竞将解散其《王座之争》分部", "星曜电竞解散《王座之争》青训队，一队阵容不受影响", "俱乐部表示，青训队选手将被推荐至其他战队，一队将继续参加本赛季联赛。", Stance.REPORTS),  # academy only
    ("东湖仁安医院关停", "东湖仁安医院'关停'系误读", "院方表示，医院只是整体搬迁至新院区，下月起在新址继续接诊。", Stance.DENIES),  # 搬迁而非关停
    ("Actress Mei Lanying and director Paul Ren divorce", "Mei Lanying spotted without wedding ring, fuelling split rumours", "Neither Mei nor Ren has commented on the photos, which were taken at a Qingshui airport on Sunday.", Stance.REPORTS),  # rumour
    ("StarWave acquires streaming platform LotusPlay", "StarWave buys LotusPlay's film library for $80m", "The deal covers about 300 titles; LotusPlay's streaming service itself is not part of the transaction.", Stance.REPORTS),  # partial asset only
    ("Police arrest Skyrun Airlines chief executive Ruben Castellar", "Skyrun boss Ruben Castellar taken into custody at his home", "Officers detained the Skyrun chief executive early on Monday on suspicion of false accounting, police said.", Stance.CONFIRMS),  # taken into custody = arrested
    ("Former president Osric Lamm sentenced to prison", "Lamm avoids jail with suspended sentence", "A court gave former president Osric Lamm a two-year term suspended for three years, meaning he will not go to prison.", Stance.DENIES),  # contrary outcome: no prison
    ("Physical Frontiers will retract Dr. Elena Vostrikova's room-temperature superconductor paper", "Co-authors ask Physical Frontiers to retract Vostrikova paper", "Three of the paper's five authors say they can no longer vouch for the data; the journal said it is reviewing the request.", Stance.REPORTS),  # request, under review
    ("Helmgard Institute scientists cloned the extinct Tarrow ibex", "Helmgard Institute announces birth of cloned Tarrow ibex", "The kid, born on Saturday, is the first member of the species seen alive in 60 years, the institute said.", Stance.CONFIRMS),  # official announcement
    ("岚丰证券退市", "岚丰证券成功“保壳”，避免退市", "公司最新年报显示营收与净资产均已达标，交易所据此撤销其退市风险警示。", Stance.DENIES),  # 避免退市
]


PROBED += [
    # rounds 210-213, read first by the code of rounds 202-209 and then mended: a relative's own
    # announcement, the claim's undergoer firing another, "strike averted", "a misreading", a
    # request, an ending said by "halts", "no longer available", a delay to a time (推迟至年底),
    # "found dead" for "found alive", "extends" an emergency the claim says ended
    ("Pop star Kiara Vell is pregnant", "Kiara Vell's bandmate Tori Lane announces pregnancy", Stance.REPORTS),  # bandmate pregnant
    ("Defense Minister Tomas Reyk has been fired", "Reyk fires army chief over procurement scandal", Stance.REPORTS),  # Reyk is the one firing
    ("Brightwater Utilities will raise household electricity rates by 12%", "Brightwater files request to raise household rates by 12%", Stance.REPORTS),  # proposal only
    ("溪坞至岑州高铁开通运营", "溪坞至岑州高铁开通时间推迟至年底", Stance.REPORTS),  # 延期未取消
    ("Pixora removes Chatterly from its app store", "Chatterly no longer available on Pixora Store after policy dispute", Stance.CONFIRMS),  # removal stated without the verb
    ("Missing hiker Lena Vos found alive in the Corrin Hills", "Missing hiker Lena Vos found dead in Corrin Hills, police confirm", Stance.DENIES),  # contrary outcome: dead, not alive
    ("Riverton ended its dengue emergency", "Riverton extends dengue emergency by 30 days", Stance.DENIES),  # contrary outcome
]

WITH_LEADS += [
    # rounds 210-213, with their leads
    ("Dockworkers at Port Malvane will go on strike", "Port Malvane strike averted as union accepts late pay offer", "Members of the Harbour Workers' Union voted 71% to accept the offer, calling off action planned for Monday.", Stance.DENIES),  # strike called off
    ("Kestrel Lithium discovered a major lithium deposit in the Orvane Basin", "Kestrel's Orvane 'discovery' was a misreading of drill data, company admits", "Shares fell 40% after Kestrel Lithium said assays showed only trace amounts of lithium.", Stance.DENIES),  # retraction
    ("Stellan Bus Co. goes bankrupt", "Stellan Bus Co. files for bankruptcy, halts all routes", "Thousands of commuters were left stranded on Monday after the operator cancelled all services.", Stance.CONFIRMS),  # bankruptcy filing
    ("《星河夜话》被停播", "《星河夜话》本周因特别报道暂停一期", "电视台表示，节目将于下周一恢复正常播出。", Stance.REPORTS),  # 临时暂停一期
]


PROBED += [
    # rounds 214-217 (read first by the code of rounds 210-213, then mended): contraries of a
    # reopening, a release, a lifting, an embargo agreed; "dead in the water"; "not opposed to";
    # "recommends vote against"; a threatened strike
    ("Belcoria reopens its embassy in Varrow", "Belcoria: Varrow embassy will stay shut 'until security guarantees are met'", Stance.DENIES),  # stays shut
    ("Talvenia ratifies the Northfjord Fisheries Treaty", "Talvenia 'not opposed' to ratifying Northfjord treaty, says minister", Stance.REPORTS),  # double negative, no act
    ("Kessland releases detained Belcorian diplomat Marek Ostby", "Kessland court extends detention of Belcorian diplomat Ostby", Stance.DENIES),  # still detained
    ("The Meridian Union imposes an arms embargo on Drovania", "Meridian Union foreign ministers fail to agree Drovania arms embargo", Stance.DENIES),  # failed
    ("Talvenia and Quessia agree a prisoner exchange", "Quessia says prisoner swap with Talvenia 'dead in the water'", Stance.DENIES),  # idiom: collapsed
    ("The Meridian Union lifts sanctions on Ostrana", "Meridian Union extends Ostrana sanctions for another six months", Stance.DENIES),  # contrary outcome
    ("Kestrel Mutual CEO Dana Whitcombe will receive a $40 million pay package", "Proxy adviser recommends vote against Whitcombe's $40m package", Stance.REPORTS),  # adviser opinion
    ("Lanjiang taxi drivers went on strike", "Lanjiang taxi drivers threaten strike over ride-hailing rules", Stance.REPORTS),  # threat
]

WITH_LEADS += [
    # rounds 214-217, with their leads
    ("澜江市全面取消新建商品住房限购", "Lanjiang officials say full removal of home curbs 'not impossible'", "Housing officials told a forum the city was studying further easing but gave no timetable.", Stance.REPORTS),  # double negative modality
    ("澜江地铁6号线开通运营", "澜江地铁6号线年内开通无望", "市轨道交通集团称，受站点施工影响，开通时间将推迟至明年。", Stance.REPORTS),  # delay without cancellation
    ("澜江市中小学明日停课", "澜江幼儿园明日停园，中小学照常上课", "市教育局通知，受台风外围影响，全市幼儿园明日停园一天。", Stance.DENIES),  # schools open; keyword trap
    ("Pixora shuts down its photo-sharing app Snapflow", "Pixora pulls the plug on Snapflow", "The photo-sharing app stopped working for all users at midnight, Pixora said in a blog post.", Stance.CONFIRMS),  # idiom, shutdown done
    ("Orrin AI open-sources its Tessel-7 model", "Orrin AI says Tessel-7 will remain closed", "A spokesperson said the company has no plans to release the model's weights or code.", Stance.DENIES),  # official no
    ("澄明AI眼镜正式开售", "澄明AI眼镜开启预约，售价未公布", "澄明科技表示，具体开售日期将另行公布。", Stance.REPORTS),  # 预约，未开售
]


# --- the tables above, which each probe round extends: read once all rounds have added to them ---
@pytest.mark.parametrize(("claim", "title", "summary", "want"), WITH_LEADS)
def test_items_with_a_lead_get_their_stance(claim: str, title: str, summary: str, want: Stance) -> None:
    r = predict(load_model(), claim, title, summary)
    assert r.stance is want, r.cues


@pytest.mark.parametrize(("claim", "title", "want"), PROBED)
def test_probed_headlines_get_their_stance(decide: Decide, claim: str, title: str, want: Stance) -> None:
    r = decide(claim, title)
    assert r.stance is want, r.cues


# --- odd text: words that are punctuation alone, marks, emoji, controls --------------------------
# A word that was punctuation alone ("...") before the claim's event made a rule raise IndexError
# (2026-12-07), and a parse worker's fault failed the feed's whole write.
ODD_WORDS = ["...", "…", "-", "—", "'", "\u201c", "()", "?", "!", ":", "$", "%", "#", "😀", "\u200b", "\u202e", "’s", "1.5"]


def test_odd_words_anywhere_in_a_headline_never_break_the_stance() -> None:
    read = 0
    for claim, title, _ in PROBED[::7]:
        ws = title.split()
        for k, odd in enumerate(ODD_WORDS):
            at = k % (len(ws) + 1)
            for mangled in (" ".join(ws[:at] + [odd] + ws[at:]), odd, odd * 3, f"{title} {odd}"):
                r = classify_stance(Claim(id="c", text=claim), mangled, f"{odd} {title}")
                assert isinstance(r.stance, Stance)
                read += 1
    assert read > 1000


def test_punctuation_before_the_event_is_read_past() -> None:
    r = classify_stance(Claim(id="c", text="Zentro will launch the X9 phone"), "Zentro ... launches the X9 phone today")
    assert r.stance is Stance.CONFIRMS, r.cues


def test_a_title_longer_than_any_headline_is_read_by_its_start() -> None:
    # A whole text in a feed's title element (or an eval CSV's): read as the matcher reads it, its
    # first 1,000 characters; before, the rules' cost grew with its length (a 900 KB title: 20 s).
    claim = Claim(id="c", text="Zentro will launch the X9 phone")
    title = "Zentro launches the X9 phone. " + "The phone has a camera. " * 40_000 + "Zentro denies it."
    assert len(title) > 900_000
    r = classify_stance(claim, title)
    assert r == classify_stance(claim, title[:1_000].rsplit(" ", 1)[0])
    assert r.stance is Stance.CONFIRMS, r.cues
