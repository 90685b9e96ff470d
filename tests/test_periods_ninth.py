"""Days and periods of the ninth session, from the third held-out corpus's classes: a period told from one date to
another, a month told as "last November", a weekday in the sentence of its date, a country that attacks ("Israel's
offensive"), a running toll since a war's start given as a noun or a relative clause, "so far", and a release's
dateline in brackets. Every text here is written for the project."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.engine.article import extract_article

PUB = dt.date(2024, 5, 10)  # a Friday
LEAD = "KABUL (Reuters) - Gunmen attacked a checkpoint in Kunduz on Tuesday, killing three soldiers, officials said.\n\n"  # noqa: E501


def _reports(text: str, lex, pub: dt.date = PUB) -> list[dict]:
    return extract_article(text, "p", pub, lex).reports


def _one(text: str, lex, count: int) -> dict:
    found = [r for r in _reports(text, lex) if r["count_best"] == count]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "count", "start", "end"),
    [
        ("From 1 January to 31 March 2024, the mission documented 611 civilian casualties.", 611, "2024-01-01",
         "2024-03-31"),
        ("From January 1 to March 31, the mission recorded 412 civilians killed in Somalia.", 412, "2024-01-01",
         "2024-03-31"),
    ],
)
def test_a_period_from_one_date_to_another(lex, sentence, count, start, end):
    r = _one(LEAD + sentence, lex, count)
    assert (r["kind"], str(r["start_date"]), str(r["end_date"])) == ("period_total", start, end)


def test_one_attack_last_november_is_an_undated_incident(lex):
    r = _one(LEAD + "A car bomb at a market in Mosul last November killed 23 people.", lex, 23)
    assert (r["kind"], r["start_date"]) == ("incident", None)


def test_a_weekday_in_the_sentence_of_its_date_is_that_date(lex):
    text = LEAD + "On April 26, a suicide bomber struck a mosque in Peshawar during Friday prayers, killing 21 people."
    assert _one(text, lex, 21)["start_date"] == dt.date(2024, 4, 26)
    with rules.disabled(["time.weekday_of_date"]):
        assert _one(text, lex, 21)["start_date"] == dt.date(2024, 5, 10)


def test_a_weekday_that_does_not_fall_on_the_date_keeps_its_own_day(lex):
    text = LEAD + "On April 25, the day before Friday prayers, a bomb in Peshawar killed 21 people."
    assert _one(text, lex, 21)["start_date"] != dt.date(2024, 4, 26)


def test_the_attacking_country_is_not_where_the_dead_were(lex):
    text = (
        "RAFAH (AP) - A strike on a house in Rafah killed six people on Sunday, hospital officials said.\n\n"
        "Health officials say at least 34,100 Palestinians have been killed in Israel's offensive since October 7."
    )
    assert _one(text, lex, 34100)["country_code"] == "PSE"


def test_a_war_named_by_its_country_is_no_attacker(lex):
    from etl import geo

    text = "Syria's war has killed more than 500,000 people since 2011."
    assert [m.rule for m in geo.mentions(text, lex) if m.text == "Syria"] != ["place.attacker_possessive"]


@pytest.mark.parametrize(
    ("sentence", "count", "start"),
    [
        ("Kyiv says more than 10,400 civilians have been killed since Russia's full-scale invasion on Feb. 24, 2022.",
         10400, "2022-02-24"),
        ("The war, which erupted on April 15 over the army's reform, has killed at least 1,136 people, medics say.",
         1136, "2024-04-15"),
        ("The insurgency, which started in October 2017, has killed more than 3,300 people, according to ACLED.",
         3300, "2017-10-01"),
        ("The uprising, which began in 2012, has killed some 8,000 people, monitors say.", 8000, "2012-01-01"),
    ],
)
def test_a_running_toll_from_a_wars_start_is_a_period(lex, sentence, count, start):
    r = _one(LEAD + sentence, lex, count)
    assert (r["kind"], str(r["start_date"]), r["end_date"]) == ("period_total", start, PUB)


def test_so_far_makes_a_toll_a_running_total(lex):
    r = _one(LEAD + "Officials say more than 175 people have been killed so far in the clashes in Manipur.", lex, 175)
    assert (r["kind"], r["end_date"]) == ("period_total", PUB)


def test_a_releases_bracketed_dateline_dates_nothing(lex):
    text = (
        "(Dakar, May 9, 2024) – Soldiers executed at least 21 herders in the village of Kobou, Mopti region, on "
        "April 2, 2024, a rights group said today."
    )
    assert _one(text, lex, 21)["start_date"] == dt.date(2024, 4, 2)


@pytest.mark.parametrize(
    ("pub", "end"),
    [(dt.date(2023, 7, 26), "2023-06-30"), (dt.date(2023, 4, 26), "2023-04-26")],
)
def test_the_first_months_of_this_year_end_with_them_or_with_publication(lex, pub, end):
    text = LEAD + "Attacks killed 316 civilians in the country in the first six months of this year, the UN said."
    r = next(r for r in _reports(text, lex, pub) if r["count_best"] == 316)
    assert (r["kind"], str(r["start_date"]), str(r["end_date"])) == ("period_total", f"{pub.year}-01-01", end)


def test_an_attack_told_hours_after_another_keeps_its_own_place(lex):
    text = (
        "PESHAWAR, Pakistan (Reuters) - Militants attacked a police post in northwestern Pakistan on Tuesday, killing "
        "four policemen, hours after a roadside bomb killed two soldiers in the southwestern province of Balochistan."
    )
    places = {r["count_best"]: r["location"] for r in _reports(text, lex)}
    assert places[2] == "Balochistan" and places[4] != "Balochistan"


# --- counts of the third held-out corpus's classes -------------------------------------------------------------------
def test_a_live_blogs_time_stamp_is_no_count(lex):
    text = "Live updates.\n\n07:40 – Militia fighter killed. Residents said a militiaman was shot dead in Taro at dawn."
    assert 40 not in [r["count_best"] for r in _reports(text, lex)]


def test_half_a_million_is_a_number(lex):
    r = _one(LEAD + "The war in Syria has killed half a million people since 2011, monitors say.", lex, 500000)
    assert r["kind"] == "period_total"


def test_neutralised_is_the_armys_word_for_killed(lex):
    text = LEAD + "The army said about 40 terrorists were neutralised in the counter-attack near Djibo."
    r = _one(text, lex, 40)
    assert (r["outcome"], r["victim_group"]) == ("killed", "militants")


def test_the_wounded_who_died_are_dead_not_wounded(lex):
    text = LEAD + "Four more villagers wounded in Monday's attack on Taro succumbed to their wounds in hospital."
    assert [(r["outcome"], r["count_best"]) for r in _reports(text, lex) if r["count_best"] == 4] == [("killed", 4)]


def test_some_of_the_wounded_who_died_leave_the_wounded_wounded(lex):
    text = LEAD + "The toll from Monday's shelling of Taro rose to 16 after two of the 22 wounded died in hospital."
    assert ("injured", 22) in [(r["outcome"], r["count_best"]) for r in _reports(text, lex)]
