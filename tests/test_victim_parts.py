"""Victims told twice in one article: by their nationality as some of a toll (consolidate.nationality_part), and a
weekday read as a named victim. The texts are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.extract import extract_article
from etl.lexicon import load

PUB = dt.date(2026, 5, 13)  # a Wednesday


@pytest.fixture(scope="module")
def lex():
    return load()


def _counts(text: str, lex) -> list[tuple[str, str, int]]:
    return sorted(
        (r["outcome"], r["victim_group"], r["count_best"]) for r in extract_article(text, "t", PUB, lex).reports
    )


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "A suicide bomber struck the airport in Nairobi on Tuesday, killing 31 people. Two Americans were killed "
            "in the blasts, a U.S. official said.",
            31,
        ),
        (
            "Gunmen stormed a hotel in Bamako on Monday, killing 19 people, the governor said. Norway said three of "
            "its citizens were killed.",
            19,
        ),
    ],
)
def test_foreigners_named_by_nationality_are_some_of_the_toll(text, total, lex):
    assert _counts(text, lex) == [("killed", "unknown", total)]


def test_the_rule_off_keeps_the_nationality_count(lex):
    text = (
        "Gunmen stormed a hotel in Bamako on Monday, killing 19 people, the governor said. Norway said three of its "
        "citizens were killed."
    )
    with rules.disabled({"consolidate.nationality_part"}):
        assert ("killed", "unknown", 3) in _counts(text, lex)
    assert ("killed", "unknown", 3) not in _counts(text, lex)


@pytest.mark.parametrize(
    "text",
    [
        # victims of the country itself: the story's own count, not foreigners among a toll
        "Troops shot dead two Palestinians in Hebron on Monday. Five people were killed in clashes in Hebron on "
        "Monday.",
        # more victims told as more: "also"
        "A bomb hit a market in Nairobi on Monday, killing 12 people. Two Swedes were also killed.",
    ],
)
def test_own_nationals_and_victims_told_as_more_are_kept(text, lex):
    counts = _counts(text, lex)
    assert any(c[0] == "killed" and c[2] == 2 for c in counts), counts


def test_a_weekday_before_and_is_no_named_victim(lex):
    text = "Gunmen stormed a hotel in Bamako on Monday and 19 people were killed."
    assert _counts(text, lex) == [("killed", "unknown", 19)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Gunmen attacked a hotel in Bamako on Monday. The president said 23 people from 18 different "
         "nationalities were killed in the assault.", 23),
        ("Rebels shelled Goma on Monday and 11 civilians from 4 separate villages were wounded, the army said.", 11),
    ],
)
def test_a_number_of_nationalities_or_places_counts_no_victims(text, count, lex):
    assert [c[2] for c in _counts(text, lex)] == [count]
