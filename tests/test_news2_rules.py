"""Rules from the news set's second round of failure classes (issue 9, helper "news2"): follow-up counts dated by
the incident they continue. Every sentence here is written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.extract import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 15)  # a Friday
THURSDAY = dt.date(2024, 3, 14)


@pytest.fixture(scope="module")
def lex():
    return load()


def _reports(lex, text: str, title: str | None = None, published: dt.date | None = PUB) -> list[dict]:
    return extract_article(text, "news2-test", published, lex, title=title).reports


# ------------------------------------------------------------------ time.continued_day

FOLLOW_UP = (
    "Police arrested three men in raids across Lumbo province on Friday, a day after the bombing of a bus "
    "station.\n\n"
    "Nine people were killed in Thursday's bombing in Lumbo, officials said.\n\n"
    "Hospital staff said 31 people were wounded, some of them badly."
)


def test_a_follow_up_count_takes_the_day_of_the_incident_it_continues(lex):
    wounded = next(r for r in _reports(lex, FOLLOW_UP) if r["outcome"] == "injured")
    assert wounded["start_date"] == THURSDAY and "time.continued_day" in wounded["rules"]
    with rules.disabled({"time.continued_day"}):
        off = next(r for r in _reports(lex, FOLLOW_UP) if r["outcome"] == "injured")
    assert off["start_date"] == PUB  # the lead's news day


def test_a_count_of_a_separate_incident_keeps_the_lead_day(lex):
    text = FOLLOW_UP.replace(
        "Hospital staff said 31 people were wounded, some of them badly.",
        "In a separate attack near Taro, gunmen shot dead four farmers.",
    )
    farmers = next(r for r in _reports(lex, text) if r["count_best"] == 4)
    assert farmers["start_date"] == PUB


# ---------------------------------------------- group.inclusion_after_passive, group.speaker_not_part


def _groups(reports: list[dict]) -> dict[str, int]:
    return {r["victim_group"]: r["count_best"] for r in reports if r["outcome"] == "killed"}


def test_an_inclusion_after_a_passive_total_and_its_day_is_a_part(lex):
    text = "Eleven people were killed in the shelling of the bus depot in Lumbo on Tuesday, including three children."
    assert _groups(_reports(lex, text)) == {"civilians": 3, "unknown": 8}
    with rules.disabled({"group.inclusion_after_passive"}):
        assert _groups(_reports(lex, text)) == {"unknown": 11}


def test_an_inclusion_after_a_later_verb_is_no_part_of_the_first_total(lex):
    text = (
        "Eleven people were killed in a rebel attack on Lumbo on Tuesday and 30 were wounded, including three "
        "children."
    )
    killed = _groups(_reports(lex, text))
    assert killed == {"unknown": 11}


def test_a_speaker_with_an_of_phrase_after_the_inclusion_is_no_victim(lex):
    text = (
        "Rebels shelled the bus depot in Lumbo on Tuesday, killing eleven people, including three children, "
        "the mayor of Lumbo said."
    )
    assert _groups(_reports(lex, text)) == {"civilians": 3, "unknown": 8}
    with rules.disabled({"group.speaker_not_part"}):
        assert _groups(_reports(lex, text)) != {"civilians": 3, "unknown": 8}


# ------------------------------------------------------------------ consolidate.pieces_told_again

NATIONALS = (
    "A bomb at a hotel in Taro killed two Danes and a Swede on Monday.\n\n"
    "Denmark confirmed that two of its citizens died in the bombing. A Swede was also killed, officials said."
)


def test_parts_of_a_total_told_again_are_no_new_counts(lex):
    killed = [r["count_best"] for r in _reports(lex, NATIONALS) if r["outcome"] == "killed"]
    assert killed == [3]
    with rules.disabled({"consolidate.pieces_told_again"}):
        off = sorted(r["count_best"] for r in _reports(lex, NATIONALS) if r["outcome"] == "killed")
    assert off == [1, 2, 3]


def test_a_part_told_again_with_its_group_stays_a_repeat_of_that_part(lex):
    text = (
        "A suicide bomber killed 12 people, including three soldiers, at a market in Taro on Monday.\n\n"
        "Three soldiers were killed in the blast, the army said."
    )
    assert _groups(_reports(lex, text)) == {"security_forces": 3, "unknown": 9}


def test_a_count_of_a_separate_attack_the_same_day_stays(lex):
    text = NATIONALS.replace("A Swede was also killed", "In a separate attack near Lumbo, a policeman was killed")
    killed = sorted(r["count_best"] for r in _reports(lex, text) if r["outcome"] == "killed")
    assert killed == [1, 3]


# ------------------------------------------------------------------ consolidate.reported_figure

CAR_BOMB = "A car bomb killed 12 people at a market in Lumbo on Monday.\n\n"


def _killed(reports: list[dict]) -> list[tuple]:
    return sorted(
        (r["count_low"], r["count_best"], r["count_high"]) for r in reports if r["outcome"] == "killed"
    )


def test_a_figure_said_later_for_the_same_dead_widens_the_range(lex):
    text = CAR_BOMB + "A hospital director said 17 people had died."
    assert _killed(_reports(lex, text)) == [(12, 12, 17)]
    with rules.disabled({"consolidate.reported_figure"}):
        assert _killed(_reports(lex, text)) == [(12, 12, 12), (17, 17, 17)]


def test_a_much_smaller_figure_said_the_same_day_is_another_incident(lex):
    text = CAR_BOMB + "Police said two people were killed when a rocket hit their house."
    assert _killed(_reports(lex, text)) == [(2, 2, 2), (12, 12, 12)]


def test_a_figure_said_for_another_place_keeps_its_own_report(lex):
    text = (
        "A car bomb killed 12 people at a market in Maiduguri on Monday.\n\n"
        "In Kano, the governor said 15 people had been killed."
    )
    assert _killed(_reports(lex, text)) == [(12, 12, 12), (15, 15, 15)]


# ------------------------------------------------------------------ consolidate.vague_casualties_restated

WITNESS = (
    'A bomb killed 6 people at a bus stop in Lumbo on Monday.\n\n"Many people were killed and injured," a witness '
    "said."
)


def test_many_killed_and_injured_restates_the_days_number_of_dead(lex):
    assert [r["outcome"] for r in _reports(lex, WITNESS)] == ["killed"]
    with rules.disabled({"consolidate.vague_casualties_restated"}):
        assert sorted(r["outcome"] for r in _reports(lex, WITNESS)) == ["casualties", "killed"]


def test_civilians_killed_and_wounded_beside_a_count_of_soldiers_stay(lex):
    text = (
        "Shelling killed 6 soldiers at a base near Lumbo on Monday.\n\n"
        "Rebels said civilians were killed and wounded in the villages."
    )
    assert sorted(r["victim_group"] for r in _reports(lex, text)) == ["civilians", "security_forces"]


def test_a_figure_said_for_a_split_total_widens_what_is_left_of_it(lex):
    text = (
        "A car bomb killed 12 people, including two children, at a market in Lumbo on Monday.\n\n"
        "A hospital director said 17 people had died."
    )
    by_group = {r["victim_group"]: (r["count_low"], r["count_best"], r["count_high"]) for r in _reports(lex, text)}
    assert by_group == {"civilians": (2, 2, 2), "unknown": (10, 10, 15)}  # 17 in all: 2 children and 15 others
