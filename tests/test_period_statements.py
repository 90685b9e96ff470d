"""A UN-style period statement read whole: the period opening the sentence, the total and its killed and injured
parts after it, the source at its end (issue 11). Every text here is written for the project (a dated article
also names armed violence: without it, filter.not_violence reads it as an accident or disaster)."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.extract import extract_article
from etl.lexicon import load

D = dt.date


@pytest.fixture(scope="module")
def lex():
    return load()


@pytest.mark.parametrize(
    ("text", "published", "start", "end", "parts", "source"),
    [
        (
            "In the first half of 2022, 1,208 civilians were killed or injured in Taro province, 412 killed and 796 "
            "injured, the UN human rights office said.",
            None, D(2022, 1, 1), D(2022, 6, 30), (1208, 412, 796), "OHCHR",
        ),
        (
            "Between January and June 2021, 530 civilians were killed or wounded in Lumbo, 210 killed and 320 "
            "wounded, the UN mission said.",
            None, D(2021, 1, 1), D(2021, 6, 30), (530, 210, 320), "United Nations",
        ),
        (
            "In the six months to June 2020, 640 civilians were killed or injured in the fighting in Kafa, 250 "
            "killed and 390 injured, the UN human rights office said.",
            D(2020, 7, 28), D(2020, 1, 1), D(2020, 6, 30), (640, 250, 390), "OHCHR",
        ),
        (
            "In the second quarter of 2023, 95 civilians were killed or injured in air strikes on Taro, 30 killed "
            "and 65 injured, the UN mission said.",
            D(2023, 7, 12), D(2023, 4, 1), D(2023, 6, 30), (95, 30, 65), "United Nations",
        ),
    ],
)
def test_a_period_statement_gives_its_period_total_parts_and_source(lex, text, published, start, end, parts, source):
    reports = extract_article("Civilian toll\n\n" + text, "period-statement", published, lex).reports
    got = {r["outcome"]: r for r in reports}
    assert sorted(got) == ["casualties", "injured", "killed"], reports  # no zero report beside a statistic
    assert tuple(got[o]["count_best"] for o in ("casualties", "killed", "injured")) == parts
    for r in reports:
        assert r["kind"] == "period_total" and (r["start_date"], r["end_date"]) == (start, end)
        assert r["reporting_source"] == source


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops guarded the square in Taro, the site of the country's worst bombing, which killed 61 people in 2009.",
        "Police said the cell had carried out Lumbo's deadliest raid, which killed 48 villagers in 2014.",
    ],
)
def test_one_attack_recalled_by_its_year_after_a_possessive_is_an_incident_without_a_day(lex, sentence) -> None:
    """'the country's worst bombing, which killed 61 people in 2009': one attack known to a year (GUIDELINES: an
    incident with empty dates), not a statistic over 2009."""
    text = "Gunmen attacked a checkpoint in Taro on Monday, killing two soldiers, the army said. " + sentence
    reports = extract_article(text, "recalled", D(2026, 5, 12), lex).reports
    recalled = [r for r in reports if r["count_best"] in (61, 48)]
    assert [(r["kind"], r["start_date"], r["end_date"]) for r in recalled] == [("incident", None, None)]
