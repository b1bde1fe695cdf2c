"""A press release titled only by its kind ("Statement on media reports") is matched by its first
sentence too, so a newsroom's official word reaches the claim; stance still reads its own title
with the whole lead."""

from __future__ import annotations

import pytest

from monitor.judge.headline import is_kind_only, matching_title
from monitor.judge.match import Matcher
from monitor.judge.service import judge_items
from monitor.model import Claim, Item, Stance

HYDROGEN = Claim("marlin-hydrogen", "Marlin Energy will build a hydrogen plant in Rotterdam")
STATEMENT = "Statement on media reports"
DENIAL_LEAD = (
    "Marlin Energy notes recent media reports about a hydrogen plant in Rotterdam. "
    "The company has no plans to build such a plant."
)


@pytest.mark.parametrize(
    "title",
    [STATEMENT, "Statement regarding media speculation", "Update", "Press release", "关于媒体报道的说明", "关于网络传闻的澄清公告"],
)
def test_titles_that_name_only_their_kind(title: str) -> None:
    assert is_kind_only(title)


@pytest.mark.parametrize(
    "title",
    [
        "Update on discussions with Halvorsen Motors",
        "Marlin Energy statement on Rotterdam plant",
        "华瑞电子关于媒体报道的澄清公告",
        "",
    ],
)
def test_titles_that_name_what_they_are_about(title: str) -> None:
    assert not is_kind_only(title)


def test_a_kind_only_title_is_matched_with_its_first_sentence() -> None:
    assert matching_title(STATEMENT, DENIAL_LEAD) == (
        "Statement on media reports: Marlin Energy notes recent media reports about a hydrogen plant in Rotterdam."
    )
    assert matching_title(STATEMENT, "") == STATEMENT
    assert matching_title("Marlin Energy drops hydrogen plan", DENIAL_LEAD) == "Marlin Energy drops hydrogen plan"


def test_a_newsroom_statement_reaches_its_claim_and_denies_it() -> None:
    item = Item(title=STATEMENT, summary=DENIAL_LEAD, link="https://www.marlin-energy.com/news/1", source="marlin-energy.com")
    ((match, stance),) = judge_items(Matcher([HYDROGEN]), {HYDROGEN.id: HYDROGEN}, [item])[0]  # type: ignore[misc]
    assert match.claim_id == HYDROGEN.id
    assert stance.stance is Stance.DENIES, stance.cues


def test_a_kind_only_title_with_another_matter_matches_nothing() -> None:
    item = Item(
        title=STATEMENT,
        summary="Halden Air notes recent media reports about an aircraft order. It is in talks with manufacturers.",
        link="https://www.halden-air.com/news/1",
        source="halden-air.com",
    )
    assert judge_items(Matcher([HYDROGEN]), {HYDROGEN.id: HYDROGEN}, [item]) == [()]
