"""Notes of the eighth session: sides named by what they are (note.generic_group), forces that say they killed
attackers (note.forces_own_claim). Every text here is written for the
project."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 5, 10)
ATTACK = "Gunmen killed nine villagers in Taro on Monday. "


@pytest.fixture(scope="module")
def lex():
    return load()


def _notes(text: str, lex) -> list[tuple[str, str | None, str]]:
    return [(n["blamed"], n["reporting_source"], n["stance"]) for n in extract_article(text, "g", PUB, lex).notes]


@pytest.mark.parametrize(
    ("sentence", "blamed"),
    [
        ("The district governor blamed the insurgents for the attack.", "insurgents"),
        ("Officials blamed the attack on Islamist insurgents.", "Islamist insurgents"),
        ("Herders' leaders blamed the raid on a Bambara militia.", "Bambara militia"),
        ("The army blamed terrorist armed groups for the massacre.", "terrorist armed groups"),
    ],
)
def test_a_side_named_by_what_it_is_can_be_blamed(lex, sentence, blamed):
    notes = _notes(ATTACK + sentence, lex)
    assert [n for n in notes if n[0] == blamed and n[2] == "blames"], notes


def test_separatists_named_as_the_attackers_by_the_army_are_blamed(lex):
    notes = _notes("Ukraine's military said Russian-backed separatists shelled Avdiivka on Monday, killing two "
                   "soldiers.", lex)
    assert ("Russian-backed separatists", "Ukrainian forces", "blames") in notes  # Ukraine's military


def test_a_described_attacker_is_still_no_note(lex):
    assert _notes(ATTACK + "Police said a gunman opened fire on the crowd.", lex) == []


def test_the_rule_can_be_switched_off(lex):
    with rules.disabled(["note.generic_group"]):
        assert _notes(ATTACK + "Officials blamed the attack on Islamist insurgents.", lex) == []


# --- note.forces_own_claim -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Militants attacked a checkpoint near Taro on Monday. Troops killed 12 of the attackers, the army said.",
         ("army", "army", "claims")),
        ("Militants attacked a police station in Lumbo on Monday. Police shot dead two of the attackers, police said.",
         ("police", "police", "claims")),
        ("Militants attacked a checkpoint near Taro on Monday. Soldiers killed 33 militants, the Interior Ministry "
         "said.", ("soldiers", "Interior Ministry", "blames")),
    ],
)
def test_forces_that_say_they_killed_attackers_claim_it(lex, text, note):
    assert note in _notes(text, lex)


# --- note.named_group ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "blamed"),
    [
        ("Police blamed the Lumbo Liberation Front for the attack.", "Lumbo Liberation Front"),
        ("The army accused the Sako Defence Forces of attacking its troops.", "Sako Defence Forces"),
        ("Elders blamed the Red Hill Militia.", "Red Hill Militia"),
    ],
)
def test_a_name_ending_in_an_armed_organisation_s_noun_is_an_armed_group(lex, sentence, blamed):
    assert [n for n in _notes(ATTACK + sentence, lex) if n[0] == blamed and n[2] == "blames"]


def test_blame_attributed_after_a_longer_phrase(lex):
    notes = _notes(ATTACK + "The mission attributed most of the violence to Islamist insurgents.", lex)
    assert [n for n in notes if n[0] == "Islamist insurgents"]


def test_a_party_whose_outlet_tells_the_figures_is_not_their_perpetrator(lex):
    text = ("An air strike on a market in Taro killed at least 15 civilians on Thursday, the Houthi movement's Al "
            "Masirah television said, blaming the Saudi-led coalition.")
    rows = extract_article(text, "g", PUB, lex).reports
    assert [r["perpetrator"] for r in rows] == ["Saudi-led coalition"]


def test_blame_for_another_incident_is_no_perpetrator_of_the_article_s(lex):
    text = ("A car bomb killed 9 people at a market in Taro on Monday.\n\nIn the northern town of Lumbo, two guards "
            "were killed by shelling that officials blamed on al-Shabaab.")
    rows = {r["count_best"]: r["perpetrator"] for r in extract_article(text, "g", PUB, lex).reports}
    assert rows == {9: None, 2: "al-Shabaab"}


def test_an_armed_group_named_by_its_noun_and_blamed_is_the_article_s_perpetrator(lex):
    text = ("Gunmen killed 32 people at a cattle camp near Taro on Monday.\n\nThe county commissioner blamed the "
            "Lumbo Liberation Army for the raid.")
    rows = extract_article(text, "g", PUB, lex).reports
    assert [r["perpetrator"] for r in rows] == ["Lumbo Liberation Army"]


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        ("An Islamic State suicide bombing killed 30 people in a market in Taro on Monday.", "Islamic State"),
        ("A Houthi missile attack killed five people in Lumbo on Monday.", "Houthis"),
        ("A Saudi-led coalition airstrike hit a crowded market in Taro on Monday, killing 12 people.",
         "Saudi-led coalition"),
    ],
)
def test_a_party_s_single_attack_told_in_the_article_s_voice_is_a_note(lex, text, blamed):
    assert (blamed, None, "blames") in _notes(text, lex)
