"""Rules from the news set's second round of failure classes (issue 9, helper "news2"): follow-up counts dated by
the incident they continue. Every sentence here is written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.extract import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 15)  # a Friday
THURSDAY = dt.date(2024, 3, 14)


@pytest.fixture(scope="module")
def lex():
    return load()


def _reports(lex, text: str, title: str | None = None, published: dt.date | None = PUB) -> list[dict]:
    return extract_article(text, "news2-test", published, lex, title=title).reports


# ------------------------------------------------------------------ time.continued_day

FOLLOW_UP = (
    "Police arrested three men in raids across Lumbo province on Friday, a day after the bombing of a bus station.\n\n"
    "Nine people were killed in Thursday's bombing in Lumbo, officials said.\n\n"
    "Hospital staff said 31 people were wounded, some of them badly."
)


def test_a_follow_up_count_takes_the_day_of_the_incident_it_continues(lex):
    wounded = next(r for r in _reports(lex, FOLLOW_UP) if r["outcome"] == "injured")
    assert wounded["start_date"] == THURSDAY and "time.continued_day" in wounded["rules"]
    with rules.disabled({"time.continued_day"}):
        off = next(r for r in _reports(lex, FOLLOW_UP) if r["outcome"] == "injured")
    assert off["start_date"] == PUB  # the lead's news day


def test_a_count_of_a_separate_incident_keeps_the_lead_day(lex):
    text = FOLLOW_UP.replace(
        "Hospital staff said 31 people were wounded, some of them badly.",
        "In a separate attack near Taro, gunmen shot dead four farmers.",
    )
    farmers = next(r for r in _reports(lex, text) if r["count_best"] == 4)
    assert farmers["start_date"] == PUB
