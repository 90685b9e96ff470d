"""Language of short incident descriptions (one paragraph per attack, as encyclopaedia lists write them): the rules
and conventions added for it (issue 9). Every sentence here is written for the project."""

from __future__ import annotations

import pytest

from etl.engine.article import extract_article
from etl.lexicon import load


@pytest.fixture(scope="module")
def lex():
    return load()


def _totals(text: str, lex) -> dict[str, int]:
    """Killed and injured totals of the incident reports of an undated event note."""
    out = {"killed": 0, "injured": 0}
    for r in extract_article(text, "incident-list", None, lex).reports:
        if r["kind"] == "incident" and r["outcome"] in out:
            out[r["outcome"]] += int(r["count_best"] or 0)
    return out


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen fired on a bus near Sako. Two passengers were then killed.", 2),
        ("Three raiders stormed a farm in Lumbo. The three raiders were then shot dead by guards.", 3),
    ],
)
def test_then_between_auxiliary_and_participle(lex, text, killed):
    """Convention words.csv aux 'then', as 'later': 'were then killed' is the passive of the count before it."""
    assert _totals(text, lex)["killed"] == killed


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        (
            "A man with an axe attacked two guards in Sako. One guard, who was on duty at the gate, received multiple "
            "deep axe wounds in his shoulder.",
            1,
        ),
        (
            "A man stabbed a clerk in Lumbo, killing him. A second woman, who was closing the shop, also received "
            "several stab wounds.",
            1,
        ),
        ("A gunman fired on a queue in Sako. A woman got serious gunshot wounds to her leg.", 1),
    ],
)
def test_wounds_received_are_an_injury_of_their_subject(lex, text, injured):
    """Rule victims.wounds_received: a verb of receiving, a few words of kind and degree, then wounds."""
    assert _totals(text, lex)["injured"] == injured


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit a bus in Lumbo. The driver sustained no serious injuries.",
        "A bomb hit a bus in Lumbo. The driver suffered fatal wounds.",
        "Troops received six new rifles in Sako on Monday.",
    ],
)
def test_no_wounds_no_injury(lex, text):
    """Neither a denial, nor fatal wounds, nor things received are an injury."""
    assert _totals(text, lex)["injured"] == 0


def test_a_second_victim_is_one_more_not_a_repeat(lex):
    """Rule consolidate.ordinal_another: 'a second guard' after one guard wounded is a second victim."""
    text = "A gunman fired on a guard in Sako, wounding him in the arm. A second guard was wounded when he ran to help."
    assert _totals(text, lex)["injured"] == 2


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A bomb went off in a market in Sako. Twenty 8 people were killed and Seventy 1 were injured.", 28, 71),
        ("Gunmen stormed a school in Lumbo, killing Thirty 5 pupils.", 35, 0),
        ("Gunmen stormed a school in Lumbo, killing twenty pupils on 3 May.", 20, 0),
    ],
)
def test_a_tens_word_then_a_digit_is_one_number(lex, text, killed, injured):
    """Rule number.tens_digit: small numbers turned into digits leave 'Twenty 8' for 28; a date stays a date."""
    assert _totals(text, lex) == {"killed": killed, "injured": injured}


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A bomb hit a bus in Sako, killing 7. The death toll rose to 13 a week later.", 13),
        ("A bomb hit a bus in Sako, killing 7. The death toll rose to 13 a few days later.", 13),
        ("Shelling kills 5 a week in Lumbo, the mission said.", 0),
    ],
)
def test_a_time_phrase_after_a_toll_is_no_counted_noun(lex, text, killed):
    """Rule count.time_after_number: 'rose to 13 a week later' is the new toll; a rate stays no count."""
    assert _totals(text, lex)["killed"] == killed


def test_all_attackers_after_a_total_are_no_majority_of_it(lex):
    """Rule group.majority_own_count: 'all 3 gunmen were killed' after the victims is its own count."""
    text = "Gunmen fired on a wedding in Sako, killing 14 and wounding 40 guests, all 3 gunmen were shot dead."
    groups = {
        (r["outcome"], r["victim_group"], r["count_best"])
        for r in extract_article(text, "incident-list", None, lex).reports
    }
    assert ("killed", "militants", 3) in groups
    assert ("killed", "militants", 14) not in groups and ("injured", "militants", 40) not in groups


def test_most_of_them_still_names_the_group(lex):
    text = "A bomb killed 20 people and wounded 30, most of them soldiers."
    groups = {r["victim_group"] for r in extract_article(text, "incident-list", None, lex).reports}
    assert groups == {"security_forces"}


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Rebels ambushed a convoy near Sako, killing four drivers, and another injured.", 4, 1),
        ("A shell hit a school in Lumbo; one pupil died and another were wounded.", 1, 1),
    ],
)
def test_another_with_its_participle_is_one_more_victim(lex, text, killed, injured):
    """Rule count.another_elliptic: 'and another injured', 'another were wounded' count one."""
    assert _totals(text, lex) == {"killed": killed, "injured": injured}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A roadside bomb hit a minibus near Kufah on Monday, killing 5 people.", "IRQ"),
        ("Gunmen shot dead 3 farmers outside Iskandariya on Friday.", "IRQ"),
    ],
)
def test_another_arabic_transliteration_of_a_town_is_that_town(lex, text, country):
    """Rule place.arabic_spelling: '-ah' for '-a' (or back), and no 'Al', find the gazetteer's town."""
    codes = {r["country_code"] for r in extract_article(text, "incident-list", None, lex).reports}
    assert codes == {country}


def test_a_name_outside_arabic_speaking_countries_keeps_no_variant(lex):
    from etl.geo import arabic_spelling

    assert arabic_spelling("kufah", lex) == "kufa"
    assert arabic_spelling("londonah", lex) is None


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Rebels shot 4 guards dead at a mine in Sako. One of the miners was then abducted and murdered.", 5),
        ("Gunmen killed 2 teachers in Lumbo. Three of the pupils were later kidnapped and executed.", 5),
    ],
)
def test_a_distant_passive_of_another_act_then_the_outcome(lex, text, killed):
    """Rule link.manner_then_outcome, also after 'one of the ...': 'was abducted and murdered' is the outcome."""
    assert _totals(text, lex)["killed"] == killed
