"""Notes: who says it (sources joined by "and", a pronoun, a broadcaster named by what it is, a report's author)
and parties the engine read without a source or not at all (passive blame, unnamed forces killing attackers, a
party's belief that it killed). All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine.notes import find_notes
from etl.extract import extract_article, find_source
from etl.lexicon import load

PUB = dt.date(2024, 5, 6)


def notes_of(sentence: str) -> list[tuple[str | None, str, str]]:
    lex = load()
    return [(n.reporting_source, n.blamed, n.stance) for n in find_notes(sentence, lambda s: find_source(s, lex))]


def article_notes(text: str) -> list[tuple[str | None, str, str]]:
    return [(n["reporting_source"], n["blamed"], n["stance"]) for n in extract_article(text, "t-s4", PUB).notes]


def test_two_named_sources_at_the_end_give_a_note_each() -> None:
    sentence = (
        "In Lumbo, rebel shelling killed 6 people on Monday, the Syrian Observatory for Human Rights and SANA said."
    )
    assert notes_of(sentence) == [
        ("Syrian Observatory for Human Rights", "rebels", "blames"),
        ("SANA", "rebels", "blames"),
    ]


def test_police_and_residents_are_no_two_named_sources() -> None:
    sentence = "In Lumbo, rebel shelling killed 6 people on Monday, police and residents said."
    assert [n[0] for n in notes_of(sentence)] == ["police and residents"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Insurgent groups such as al-Shabaab were blamed for most of the civilian deaths, officials said.",
            [("officials", "al-Shabaab", "blames")],
        ),
        ("The Taliban have been widely blamed for the bombing of the bus station.", [(None, "Taliban", "blames")]),
        ("Al-Shabaab was blamed for the rise in food prices in the south.", []),  # not violence
    ],
)
def test_a_party_blamed_in_the_passive(sentence: str, expected: list) -> None:
    assert notes_of(sentence) == expected


def test_agentless_blame_in_a_report_is_the_report_authors() -> None:
    text = (
        "Civilian casualties of the war in Norland rose by a fifth last year as fighting killed 900 civilians, the "
        "United Nations said in its annual report on Sunday.\n\n"
        "Casualties attributed to pro-government forces rose 20 percent.\n\n"
        "As before, rebels were blamed for most of the civilian deaths."
    )
    assert article_notes(text) == [
        ("United Nations", "pro-government forces", "blames"),
        ("United Nations", "rebels", "blames"),
    ]


def test_without_a_report_agentless_blame_keeps_no_source() -> None:
    text = (
        "Fighting in Norland killed 90 civilians last year, the United Nations said on Sunday.\n\n"
        "As before, rebels were blamed for most of the civilian deaths."
    )
    assert article_notes(text) == [(None, "rebels", "blames")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Soldiers killed 14 militants near the border, the defence ministry said.", "soldiers"),
        ("The gunman was shot dead by police outside the bank, the governor said.", "police"),
        ("Two attackers died in a shootout with security forces on Monday, officials said.", "security forces"),
        ("A police officer chased the attacker and shot him dead, the mayor said.", "police"),
    ],
)
def test_unnamed_forces_killing_attackers_are_blamed_as_written(sentence: str, expected: str) -> None:
    assert [n[1] for n in notes_of(sentence)] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two police officers were killed by the gunmen near the bank, the governor said.",
        "Militants killed 3 soldiers at a checkpoint on Monday.",
    ],
)
def test_forces_that_are_killed_are_no_note_of_their_own(sentence: str) -> None:
    assert [n for n in notes_of(sentence) if n[1] in ("police", "soldiers")] == []


def test_forces_killing_the_attacker_are_not_the_perpetrator_of_the_attack() -> None:
    text = (
        "A gunman opened fire in a market in Lumbo on Monday. The attacker was shot dead by police, the governor "
        "said. Five shoppers were killed."
    )
    result = extract_article(text, "t-s4", PUB)
    shoppers = [r for r in result.reports if r["count_best"] == 5]
    assert shoppers and all(r["perpetrator"] != "police" for r in shoppers)


def test_a_pronoun_speaker_is_named_in_the_sentences_before() -> None:
    text = (
        "Gunmen killed 4 farmers near the town of Lumbo on Monday, the district governor told reporters.\n\n"
        "He said the attack was carried out by al-Shabaab."
    )
    assert ("district governor", "al-Shabaab", "blames") in article_notes(text)


def test_a_broadcaster_named_by_what_it_is_is_the_one_named_before() -> None:
    text = (
        "Norland state TV said on Monday that 9 people were killed in Lumbo.\n\n"
        "Later, the state-run network said 4 people were killed by rebel shelling in Taro."
    )
    assert article_notes(text) == [("Norland state TV", "rebels", "blames")]


def test_a_party_that_believes_it_killed_claims_it() -> None:
    sentence = "The defence minister said Kenya believes it killed the group's finance chief in the raid."
    assert ("Kenyan forces", "Kenyan forces", "claims") in notes_of(sentence)


def test_claimed_by_names_the_group_after_it_not_a_country_before() -> None:
    sentence = "He was seen at the stadium in France on the night of the attack claimed by Islamic State."
    assert notes_of(sentence) == [("Islamic State", "Islamic State", "claims")]


def test_a_claimant_named_loosely_and_by_its_branch_is_one_note() -> None:
    text = (
        "Al-Qaeda claimed responsibility for the attack on a hotel in Lumbo on Monday that killed 9 people. "
        "Al-Qaeda in the Islamic Maghreb claimed the attack in a statement."
    )
    assert [n for n in article_notes(text) if n[2] == "claims"] == [
        (
            "al-Qaeda in the Islamic Maghreb (AQIM)",
            "al-Qaeda in the Islamic Maghreb (AQIM)",
            "claims",
        )
    ]


def test_two_groups_claiming_in_one_article_stay_two_notes() -> None:
    text = (
        "Al-Shabaab claimed responsibility for the attack on a hotel in Lumbo on Monday that killed 9 people. "
        "Islamic State claimed a separate bombing in Taro."
    )
    assert [n[1] for n in article_notes(text) if n[2] == "claims"] == ["al-Shabaab", "Islamic State"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Islamic State group, which holds large areas of northern Iraq, promptly claimed responsibility for the "
        "blasts.",
        "Al-Shabaab militants, who control much of southern Somalia, quickly claimed the attack.",
    ],
)
def test_a_claim_after_an_apposition_naming_a_country_is_the_groups(sentence: str) -> None:
    assert [n for n in notes_of(sentence) if n[2] == "claims"][0][1] in ("Islamic State", "al-Shabaab")
