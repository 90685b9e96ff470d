"""Rules for text the engine has never seen (issue 9): numeric dates, ages and years, violence only, named
victims, number words, attackers among the dead. Every sentence here is written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl import dates
from etl.extract import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)  # a Thursday


@pytest.fixture(scope="module")
def lex():
    return load()


@pytest.fixture
def run(lex):
    """Reports of one article, published on PUB unless said otherwise."""

    def _run(text: str, published: dt.date | None = PUB, **kwargs) -> list[dict]:
        return extract_article(text, "test-article", published, lex, **kwargs).reports

    return _run


@pytest.fixture
def note(lex):
    """Reports of an undated short event note, dated as the pipeline dates it (its latest explicit date)."""

    def _note(text: str) -> list[dict]:
        pub = dates.infer_published(text)
        return extract_article(text, "test-note", pub, lex, published_inferred=pub is not None).reports

    return _note


def killed(reports: list[dict], kind: str = "incident") -> dict[str, int]:
    """count_best per victim group of the killed reports of one kind."""
    return {r["victim_group"]: r["count_best"] for r in reports if r["outcome"] == "killed" and r["kind"] == kind}


def total(reports: list[dict], outcome: str = "killed") -> int:
    return sum(r["count_best"] or 0 for r in reports if r["outcome"] == outcome and r["kind"] == "incident")


# ------------------------------------------------------------------ numeric dates (date.numeric, date.numeric_order)


@pytest.mark.parametrize(
    ("text", "pub", "day"),
    [
        ("Filed 07/19/2023 by the desk.", None, dt.date(2023, 7, 19)),  # month first: 19 is no month
        ("Filed 19/07/2023 by the desk.", None, dt.date(2023, 7, 19)),  # day first: 19 is no month
        ("Filed 19.07.2023 by the desk.", None, dt.date(2023, 7, 19)),
        ("Filed 2023-07-19 by the desk.", None, dt.date(2023, 7, 19)),
        ("Filed 04/05/2023 by the desk.", None, dt.date(2023, 4, 5)),  # a slash: month first by default
        ("Filed 04.05.2023 by the desk.", None, dt.date(2023, 5, 4)),  # a dot: day first by default
        # the text's unambiguous dates decide: 23/06 is day first, so 04/05 is 4 May
        ("Filed 04/05/2023, updated 23/06/2023.", None, dt.date(2023, 5, 4)),
        # the reading not after publication: 6 April is possible on 10 April, 4 June is not
        ("Filed 06/04/2023 by the desk.", dt.date(2023, 4, 10), dt.date(2023, 4, 6)),
    ],
)
def test_numeric_dates(text, pub, day):
    assert dates.explicit_dates(text, pub)[0][2] == day


def test_numbers_that_are_not_dates():
    assert dates.explicit_dates("The score was 3-1 in 2019-2020 and 1/2 of 2022.", None) == []


def test_a_leading_date_dates_a_short_note(note):
    text = (
        "07/19/2023: Gunmen fired on a market in Kalo village, Sahel region. Four traders were killed and two "
        "others were injured. No group claimed the attack."
    )
    reports = note(text)
    assert {r["start_date"] for r in reports if r["outcome"] == "killed"} == {dt.date(2023, 7, 19)}
    assert total(reports) == 4
    assert total(reports, "injured") == 2
