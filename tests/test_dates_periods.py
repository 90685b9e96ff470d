"""Periods named as parts of a year: halves, quarters, month ranges and "the six months to June" (etl/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import dates, lexicon

D = dt.date
JULY = D(2023, 7, 20)


@pytest.mark.parametrize(
    ("text", "pub", "start", "end"),
    [
        (
            "In the first half of 2023, 1,142 civilians were killed or injured in Yemen, the UN said.",
            JULY,
            D(2023, 1, 1),
            D(2023, 6, 30),
        ),
        ("The second half of last year saw 500 civilians killed in the region.", JULY, D(2022, 7, 1), D(2022, 12, 31)),
        (
            "In the third quarter of 2022, 120 people died in attacks across the province.",
            JULY,
            D(2022, 7, 1),
            D(2022, 9, 30),
        ),
        ("In Q1 2023, 80 civilians were killed in air strikes, the monitor said.", JULY, D(2023, 1, 1), D(2023, 3, 31)),
        ("Between January and June, 300 civilians were killed, the mission said.", JULY, D(2023, 1, 1), D(2023, 6, 30)),
        (
            "From March to May 2024, 45 people were killed in the district.",
            D(2024, 7, 1),
            D(2024, 3, 1),
            D(2024, 5, 31),
        ),
        ("Between November and February, 40 herders died in raids.", D(2023, 3, 15), D(2022, 11, 1), D(2023, 2, 28)),
        ("In the six months to June, 300 civilians were killed, the office said.", JULY, D(2023, 1, 1), D(2023, 6, 30)),
        ("The 12 months to March 2024 saw 900 killed, officials said.", D(2024, 5, 2), D(2023, 4, 1), D(2024, 3, 31)),
    ],
)
def test_parts_of_a_year_are_periods(text: str, pub: dt.date, start: dt.date, end: dt.date) -> None:
    found = dates.period(text, pub, lexicon.load())
    assert found is not None, text
    assert (found[0].start, found[0].end) == (start, end)


def test_a_part_of_a_year_with_its_year_needs_no_publication_date() -> None:
    found = dates.period("In the first half of 2021, 600 civilians were killed.", None, lexicon.load())
    assert found is not None and (found[0].start, found[0].end) == (D(2021, 1, 1), D(2021, 6, 30))


def test_a_month_range_with_its_year_needs_no_publication_date() -> None:
    found = dates.period("Between February and May 2022, 75 civilians were killed in Taro.", None, lexicon.load())
    assert found is not None and (found[0].start, found[0].end) == (D(2022, 2, 1), D(2022, 5, 31))


@pytest.mark.parametrize("text", ["A year ago, a gunman shot dead an officer at the same gate.",
                                  "Two months ago a car bomb killed 14 people in Taro.",
                                  "Some years ago rebels killed 30 villagers there."])
def test_a_time_ago_is_a_past_reference(text: str) -> None:
    assert dates.PAST_TIME.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of the 14th October Brigade shelled the camp.",
        "Crowds filled 17 February Square after the blast.",
        "The 6th of October Bridge was closed after the attack.",
    ],
)
def test_a_date_that_names_a_unit_or_a_place_is_no_day(text):
    assert dates.explicit_dates(text, dt.date(2016, 3, 3)) == []


def test_a_date_followed_by_other_words_is_still_a_day():
    found = dates.explicit_dates("A bomb killed 4 people on 14 October in the market.", dt.date(2016, 3, 3))
    assert [d for _, _, d in found] == [dt.date(2015, 10, 14)]
