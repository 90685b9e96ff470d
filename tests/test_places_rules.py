"""Place rules from the wiki set's failure classes (issue 9, helper "places"): a city inside a landmark's name
and a country named after 'the capital of'. Every sentence here is written for the test.
"""

from __future__ import annotations

import pytest

from etl import geo
from etl.engine import rules
from etl.extract import extract_article
from etl.lexicon import load


@pytest.fixture(scope="module")
def lex():
    return load()


def _countries(lex, text: str) -> set[str | None]:
    return {r["country_code"] for r in extract_article(text, "places-test", None, lex).reports}


# ------------------------------------------------------------------ place.landmark_city

LANDMARK = "A lorry drove into shoppers on the Lyon Bridge. Four people were killed."


def test_a_city_in_a_landmark_that_ends_the_sentence_places_the_count(lex):
    assert _countries(lex, LANDMARK) == {"FRA"}
    lyon = [m for m in geo.mentions(LANDMARK, lex) if m.text == "Lyon"]
    assert lyon and not lyon[0].partial


def test_without_the_rule_the_landmark_at_a_sentence_end_hides_the_city(lex):
    with rules.disabled({"place.landmark_city"}):
        assert not [m for m in geo.mentions(LANDMARK, lex) if m.text == "Lyon" and not m.partial]


# ------------------------------------------------------------------ place.of_country

CAPITAL_OF = "Rebels fired rockets at the capital of Kenya during the night, killing 3 people in the Somali quarter."


def test_a_country_after_the_capital_of_is_a_place_not_an_actor(lex):
    kenya = next(m for m in geo.mentions(CAPITAL_OF, lex) if m.text == "Kenya")
    assert kenya.kind == "country"
    with rules.disabled({"place.of_country"}):
        kenya = next(m for m in geo.mentions(CAPITAL_OF, lex) if m.text == "Kenya")
        assert kenya.kind == "demonym"


def test_a_country_after_the_capital_of_places_the_count(lex):
    assert _countries(lex, CAPITAL_OF) == {"KEN"}
