"""People named by a demonym who acted (perpetrator.demonym_people) and the attacker a count's own passive verb
names (perpetrator.passive_agent); the side the victims belong to is not who killed them
(perpetrator.victims_side). Every text here is written for the project."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.engine.article import extract_article
from etl.engine.notes import demonym_people
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)


@pytest.fixture(scope="module")
def lex():
    return load()


def _perpetrators(text: str, lex) -> list[str | None]:
    return [r["perpetrator"] for r in extract_article(text, "demonym-people", PUB, lex).reports]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("A Kenyan opened fire on a bus near Lumbo on Monday, killing three villagers in the attack.", "Kenyan gunman"),
        (
            "Five traders were wounded by a Ugandan armed with a machete in an attack on Lumbo market on Monday.",
            "Ugandan attacker",
        ),
        (
            "Since May, Chadian stabbings and shootings have killed 14 villagers near Sako in a wave of attacks.",
            "Chadians",
        ),
        (
            "Rwandan bombings and attacks have killed 30 people in the border towns since March, police said.",
            "Rwandans",
        ),
    ],
)
def test_people_named_by_a_demonym_who_acted_are_the_perpetrator(lex, text, perpetrator):
    assert _perpetrators(text, lex) == [perpetrator]
    with rules.disabled({"perpetrator.demonym_people"}):
        assert perpetrator not in _perpetrators(text, lex)


def test_a_demonym_before_a_noun_or_of_a_victim_is_no_attacker():
    assert demonym_people("A Kenyan boy was killed in an attack on Lumbo market on Monday.") == []
    assert demonym_people("Two Ugandans were wounded when a bomb went off in Sako on Tuesday.") == []
    assert demonym_people("The blast was caused by a Russian-made mine, police said.") == []


@pytest.mark.parametrize(
    "text",
    [
        "A Kenyan killed by stray fire in Sako on Monday was buried, and 3 others were wounded in the clashes.",
        "Two Ugandans shot in the attack on Lumbo on Monday died in hospital.",
        "Many Chadians killed in the bombing on Monday were traders; 12 people died.",
        "The bomb wounded 4 Rwandans, and a Rwandan hurt in the attack died on Tuesday.",
    ],
)
def test_victims_told_by_a_reduced_passive_are_no_attackers(lex, text):
    assert demonym_people(text) == []
    assert not any(p and p.endswith(("attacker", "gunman", "ans")) for p in _perpetrators(text, lex))


def test_the_passive_agent_of_the_count_outweighs_troops_named_later(lex):
    text = "More than 60 fishermen have been killed by Eritreans since 2019, in raids the Sudanese army failed to stop."
    assert _perpetrators(text, lex) == ["Eritreans"]
    with rules.disabled({"perpetrator.passive_agent"}):
        assert _perpetrators(text, lex) == ["Sudanese forces"]


@pytest.mark.parametrize(
    ("text", "own_side"),
    [
        (
            "The Taliban's chief in the district and three of his aides were killed in a raid near Sako on Tuesday.",
            "Taliban",
        ),
        (
            "A guard who was part of the US-led coalition fighting al-Shabaab was killed near Lumbo on Monday.",
            "US-led coalition",
        ),
    ],
)
def test_the_side_the_victims_belong_to_did_not_kill_them(lex, text, own_side):
    assert own_side not in _perpetrators(text, lex)
    with rules.disabled({"perpetrator.victims_side"}):
        assert own_side in _perpetrators(text, lex)


def test_a_possessive_that_acts_is_still_the_perpetrator(lex):
    assert _perpetrators("Russia's air strikes on Lumbo killed 12 civilians on Monday.", lex) == ["Russian forces"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Twelve villagers were killed by militants of Boko Haram in Sako on Monday.", "Boko Haram"),
        ("Nine farmers were killed by gunmen loyal to Islamic State near Lumbo on Tuesday.", "Islamic State"),
    ],
)
def test_the_passive_agent_leaves_the_group_the_attackers_belong_to(lex, text, group):
    assert _perpetrators(text, lex) == [group]


def test_a_possessive_speaker_is_not_the_victims_side(lex):
    text = "Boko Haram's leader said 12 soldiers were killed in Sako on Monday."
    assert _perpetrators(text, lex) == ["Boko Haram"]


def test_a_claim_in_an_article_that_says_no_one_claimed_its_attack_is_of_another_attack(lex):
    text = (
        "Gunmen killed 5 traders at a bank in Sako on Tuesday.\n\nNo group has claimed the attack. Police sealed off "
        "the street.\n\nIn March, Boko Haram claimed the bombing of a church in the north of the country."
    )
    assert _perpetrators(text, lex) == ["gunmen"]  # described as the first word (perpetrator.first_word_described)
    with rules.disabled({"perpetrator.unclaimed_elsewhere"}):
        assert _perpetrators(text, lex) == ["Boko Haram"]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "Chadian soldiers broke the siege of a school in Sako on Tuesday, with 11 pupils killed in the raid. "
            "Boko Haram claimed the attack on Wednesday.",
            "Boko Haram",
        ),
        ("Nigerian soldiers freed the hostages at a school in Sako on Tuesday, killing 6 gunmen.", "Nigerian forces"),
    ],
)
def test_forces_ending_a_siege_did_not_cause_its_casualties_but_killed_the_attackers(lex, text, perpetrator):
    assert _perpetrators(text, lex) == [perpetrator]


def test_a_claim_written_as_one_word_with_the_group_names_the_perpetrator(lex):
    text = "On Friday a Taliban-claimed suicide attack on a police post in Sako killed 7 officers and wounded 12."
    result = extract_article(text, "hyphen-claimed", PUB, lex)
    assert [r["perpetrator"] for r in result.reports] == ["Taliban", "Taliban"]
    assert [(n["blamed"], n["stance"]) for n in result.notes] == [("Taliban", "claims")]
    assert _perpetrators("A US-led strike killed 4 fighters in Sako on Monday.", lex) != ["Taliban"]
