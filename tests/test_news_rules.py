"""Rules from the news set's failure classes (issue 9, helper "news"): running totals told side by side, counts
told only in the headline, vague counts restated by numbers. Every sentence here is written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.extract import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)  # a Thursday


@pytest.fixture(scope="module")
def lex():
    return load()


def _reports(lex, text: str, title: str | None = None, published: dt.date | None = PUB) -> list[dict]:
    return extract_article(text, "news-test", published, lex, title=title).reports


# ------------------------------------------------------------------ time.shared_period_start


def test_running_total_takes_the_start_of_the_total_told_beside_it(lex):
    text = (
        "Rebels attacked a convoy near Lumbo on Monday.\n\n"
        "Since June 2023, rebel ambushes have killed 45 traders on the northern roads. Government troops have "
        "killed more than 300 rebels in the same months, the army said."
    )
    totals = {r["count_best"]: r for r in _reports(lex, text) if r["kind"] == "period_total"}
    assert totals[300]["start_date"] == dt.date(2023, 6, 1) and totals[300]["end_date"] == PUB
    assert totals[45]["start_date"] == dt.date(2023, 6, 1)
    with rules.disabled({"time.shared_period_start"}):
        off = {r["count_best"]: r for r in _reports(lex, text) if r["kind"] == "period_total"}
    assert off[300]["start_date"] is None


def test_a_running_total_far_from_another_keeps_no_start(lex):
    text = (
        "Since June 2023, rebel ambushes have killed 45 traders on the northern roads.\n\n"
        "Markets in Lumbo reopened on Wednesday.\n\n"
        "Shops in Taro stayed closed.\n\n"
        "Government troops have killed more than 300 rebels, the army said."
    )
    totals = {r["count_best"]: r for r in _reports(lex, text) if r["kind"] == "period_total"}
    assert totals[300]["start_date"] is None


# ------------------------------------------------------------------ violence.crime_attack_word


def test_a_crime_headline_with_only_the_word_attack_in_the_lead_gives_no_report(lex):
    text = (
        "A deputy and a suspected robber died in a shootout at a Taro gas station on Monday, the sheriff said.\n\n"
        "Three people including the deputy were hurt in the attack, which began when the deputy stopped a car."
    )
    title = "Deputy, suspect dead in gas station shootout"
    assert _reports(lex, text, title) == []
    with rules.disabled({"violence.crime_attack_word"}):
        assert _reports(lex, text, title) != []


def test_a_crime_headline_with_a_word_of_armed_conflict_in_the_lead_still_counts(lex):
    text = (
        "A gunman loyal to a militia opened fire at a checkpoint in Taro on Monday, killing 3 soldiers, in an "
        "attack the army blamed on insurgents."
    )
    reports = _reports(lex, text, "Gunman kills three at Taro checkpoint")
    assert sum(r["count_best"] for r in reports if r["outcome"] == "killed") >= 2  # kept: soldiers in the lead


def test_a_crime_headline_with_soldiers_and_an_attack_in_the_lead_still_counts(lex):
    text = (
        "A gunman stabbed two shoppers to death at a market in Taro on Monday before soldiers shot him dead, in "
        "the third such attack this month."
    )
    reports = _reports(lex, text, "Gunman kills two shoppers at Taro market")
    assert sum(r["count_best"] for r in reports if r["outcome"] == "killed") >= 2  # kept: soldiers in the lead


# ------------------------------------------------------------------ group.qualified_partitive, victims.of_them_were


def _killed(reports: list[dict]) -> dict[str, int]:
    return {r["victim_group"]: r["count_best"] for r in reports if r["outcome"] == "killed"}


def test_a_qualified_number_of_them_is_a_part_of_the_total(lex):
    text = "Rebels overran a town near Lumbo on Sunday; at least 60 people were killed, at least 25 of them police."
    assert _killed(_reports(lex, text)) == {"security_forces": 25, "unknown": 35}
    with rules.disabled({"group.qualified_partitive"}):
        assert _killed(_reports(lex, text)) == {"unknown": 60}


def test_some_of_them_were_the_attackers(lex):
    text = "Nine people died in the siege of a hotel in Lumbo on Sunday, and three of them were the gunmen themselves."
    assert _killed(_reports(lex, text)) == {"militants": 3, "unknown": 6}
    with rules.disabled({"victims.of_them_were"}):
        assert _killed(_reports(lex, text)) == {"unknown": 9}


def test_of_them_were_past_a_count_of_things(lex):
    # "several explosions" counts no people: the part after it still belongs to the total
    text = "Eight people were killed in Lumbo on Sunday despite several explosions, and two of them were soldiers."
    assert _killed(_reports(lex, text)) == {"security_forces": 2, "unknown": 6}


def test_of_them_were_without_a_group_word_is_no_part(lex):
    text = "Gunmen attacked Lumbo on Sunday. Eight people were killed, and two of them were from the same village."
    assert _killed(_reports(lex, text)) == {"unknown": 8}


def test_a_war_total_beside_a_yearly_total_keeps_no_start(lex):
    text = (
        "Gunmen attacked a convoy near Lumbo on Monday.\n\n"
        "Since January, militant attacks have killed 400 civilians in the north. The war has killed more than "
        "90,000 people, the mission said."
    )
    totals = {r["count_best"]: r for r in _reports(lex, text) if r["kind"] == "period_total"}
    assert totals[400]["start_date"] == dt.date(2024, 1, 1)
    assert totals[90000]["start_date"] is None
