"""Place rules from the wiki set's failure classes (issue 9, helper "places"): a city inside a landmark's name
and a country named after 'the capital of'. Every sentence here is written for the test.
"""

from __future__ import annotations

import pytest

from etl import geo
from etl.extract import extract_article
from etl.lexicon import load


@pytest.fixture(scope="module")
def lex():
    return load()


def _countries(lex, text: str) -> set[str | None]:
    return {r["country_code"] for r in extract_article(text, "places-test", None, lex).reports}


# ------------------------------------------------------------------ place.landmark_city

LANDMARK = "Two men stabbed commuters on the Manchester Bridge. Three people were wounded."


def test_a_city_in_a_landmark_that_ends_the_sentence_places_the_count(lex):
    assert _countries(lex, LANDMARK) == {"GBR"}
    city = next(m for m in geo.mentions(LANDMARK, lex) if m.text == "Manchester")
    assert not city.partial and city.rule == "place.landmark_city"


def test_without_the_rule_the_landmark_at_a_sentence_end_hides_the_city(lex):
    found = [m for m in geo.mentions(LANDMARK, lex, acting=frozenset()) if m.text == "Manchester"]
    assert all(m.partial and not m.rule for m in found)


def test_a_city_before_a_landmark_inside_the_sentence_needs_no_rule(lex):
    text = "Two men stabbed commuters on the Manchester Bridge on Friday."
    city = next(m for m in geo.mentions(text, lex, acting=frozenset()) if m.text == "Manchester")
    assert not city.partial and not city.rule


# ------------------------------------------------------------------ place.of_country

CAPITAL_OF = "Drones struck the capital of Chad after dark, killing 4 Libyan smugglers and a Sudanese guard."


def test_a_country_after_the_capital_of_is_a_place_not_an_actor(lex):
    chad = next(m for m in geo.mentions(CAPITAL_OF, lex) if m.text == "Chad")
    assert chad.kind == "country" and chad.rule == "place.of_country"
    chad = next(m for m in geo.mentions(CAPITAL_OF, lex, acting=frozenset()) if m.text == "Chad")
    assert chad.kind == "demonym"


def test_a_country_after_the_capital_of_places_the_count_over_nationalities(lex):
    assert _countries(lex, CAPITAL_OF) == {"TCD"}


def test_a_country_as_an_actor_stays_an_actor(lex):
    text = "Chad sent troops after dark, and 4 smugglers were killed in Libya."
    chad = next(m for m in geo.mentions(text, lex) if m.text == "Chad")
    assert chad.kind == "demonym" and not chad.rule


# ------------------------------------------------------------------ short country names (countries_extra.csv)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Gunmen killed 9 villagers in northern Burkina on Monday, the army said.", "BFA"),
        ("A mine exploded under a bus in Bosnia on Sunday, killing 3 people.", "BIH"),
        ("Troops fired on protesters in East Timor on Friday, killing 2 students.", "TLS"),
    ],
)
def test_a_country_s_short_name_places_the_count(lex, text, country):
    assert _countries(lex, text) == {country}
