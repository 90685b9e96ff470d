"""Follow-ups to an attack and the days that date them, eighth session: the wounded who died, a toll raised by them,
the speaker after a list of the dead, a running total counted from an event of a named month, the dateline's
country, the lead's attack day, "N days after", a whole year. Every text here is written for the project."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 5, 10)  # a Friday
MONDAY = dt.date(2024, 5, 6)
BOMB = "A car bomb exploded at a bus station in Taro on Monday, killing 10 people."


@pytest.fixture(scope="module")
def lex():
    return load()


def _reports(text: str, lex) -> list[dict]:
    return extract_article(text, "follow-ups", PUB, lex).reports


# --- victims.wounded_died ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "group", "count"),
    [
        ("Four wounded policemen died of their injuries after the bombing in Taro, the governor said.",
         "security_forces", 4),
        ("Two injured soldiers later died in a military hospital after the ambush near Lumbo.", "security_forces", 2),
        ("Three wounded villagers have since died after the raid on Sako, relatives said.", "civilians", 3),
    ],
)
def test_the_wounded_who_died_are_dead(lex, text, group, count):
    killed = [(r["victim_group"], r["count_best"]) for r in _reports(text, lex) if r["outcome"] == "killed"]
    assert (group, count) in killed
    assert not [r for r in _reports(text, lex) if r["outcome"] == "injured" and r["count_best"] == count]


def test_the_wounded_who_raised_the_toll_are_in_it(lex):
    rows = _reports(BOMB + " Three wounded guards died overnight, raising the death toll to 13.", lex)
    assert [(r["outcome"], r["count_best"]) for r in rows] == [("killed", 13)]


def test_wounded_people_who_are_only_treated_stay_wounded(lex):
    rows = _reports(BOMB + " Five wounded traders were treated at the district hospital.", lex)
    assert ("injured", 5) in [(r["outcome"], r["count_best"]) for r in rows]


def test_the_wounded_died_rule_can_be_switched_off(lex):
    text = "Four wounded policemen died of their injuries after the bombing in Taro, the governor said."
    assert ("killed", 4) in [(r["outcome"], r["count_best"]) for r in _reports(text, lex)]
    with rules.disabled(["victims.wounded_died"]):
        rows = _reports(text, lex)
    assert ("killed", 4) not in [(r["outcome"], r["count_best"]) for r in rows]


# --- count.severity_adjective ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "group", "count"),
    [
        ("Five seriously wounded soldiers were flown to the capital after the ambush near Lumbo.",
         "security_forces", 5),
        ("The bomb in Taro on Monday left 14 badly injured civilians, a doctor said.", "civilians", 14),
    ],
)
def test_how_badly_before_the_participle_keeps_the_count(lex, text, group, count):
    rows = [(r["outcome"], r["victim_group"], r["count_best"]) for r in _reports(text, lex)]
    assert rows == [("injured", group, count)]


# --- a toll raised by a clause is an update: one report, the attack's day ----------------------------------------
@pytest.mark.parametrize(
    "follow_up",
    [
        "Two of the wounded died in hospital on Wednesday, bringing the toll to 12.",
        "Two more victims died overnight, raising the death toll to 12, a doctor said.",
        "Two critically wounded passengers died on Thursday, pushing the number of dead to 12.",
    ],
)
def test_a_toll_raised_by_the_wounded_who_died_replaces_the_first_and_keeps_the_attack_day(lex, follow_up):
    rows = [r for r in _reports(BOMB + " " + follow_up, lex) if r["outcome"] == "killed"]
    assert [(r["count_best"], r["start_date"]) for r in rows] == [(12, MONDAY)]


# --- the list after "the dead included" ends at its speaker ------------------------------------------------------
@pytest.mark.parametrize(
    "speaker", ["a hospital official said", "an army spokesman told reporters", "one witness says"]
)
def test_the_speaker_after_a_list_of_the_dead_is_no_part(lex, speaker):
    rows = _reports(f"{BOMB} The dead included four students, {speaker}.", lex)
    assert sorted(r["count_best"] for r in rows) == [4, 6]  # four students and six others of the ten


# --- a running total since an event of a named month -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Some 300 people have died in air strikes since fighting broke out in Lumbo in January.", dt.date(2024, 1, 1)),
        ("At least 70 civilians have been killed by shelling since the truce collapsed in March.", dt.date(2024, 3, 1)),
        ("Militants have killed 45 soldiers since the ceasefire took effect in November.", dt.date(2023, 11, 1)),
        ("More than 90 people have been killed in clashes since the peace deal was signed in 2019.",
         dt.date(2019, 1, 1)),
    ],
)
def test_a_total_since_an_event_of_a_named_month_starts_that_month(lex, text, start):
    rows = _reports(text, lex)
    assert [(r["kind"], r["start_date"], r["end_date"]) for r in rows] == [("period_total", start, PUB)]


def test_a_month_with_its_day_after_the_event_is_still_that_day(lex):
    rows = _reports("About 80 people have been killed in clashes since the truce collapsed on March 3.", lex)
    assert [(r["kind"], r["start_date"]) for r in rows] == [("period_total", dt.date(2024, 3, 3))]


# --- place.dateline_country ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("LOME, Togo (AP) — Gunmen killed six villagers in northern Benin on Monday, officials said.", "BEN"),
        ("Nairobi (AFP) - Militants killed nine soldiers in an ambush in southern Somalia on Monday.", "SOM"),
        ("Amman (Reuters) - The toll from shelling on a town in eastern Syria has risen to 15, a monitor said.", "SYR"),
    ],
)
def test_the_dateline_s_city_and_country_are_where_the_story_was_filed(lex, text, country):
    assert {r["country_code"] for r in _reports(text, lex)} == {country}


def test_a_dateline_month_is_no_country(lex):
    rows = _reports("BAGHDAD, July 1 - A car bomb killed 11 people in a market in Baghdad on Monday.", lex)
    assert [(r["country_code"], r["count_best"]) for r in rows] == [("IRQ", 11)]


# --- time.lead_attack_day --------------------------------------------------------------------------------------
def test_a_lead_that_opens_on_a_funeral_day_dates_the_toll_by_the_attack(lex):
    text = (
        "Hundreds of mourners gathered in Taro on Thursday to bury the villagers killed in Monday's rebel raid.\n\n"
        "The raid killed 14 people, including five children, the governor said."
    )
    days = {r["start_date"] for r in _reports(text, lex) if r["outcome"] == "killed"}
    assert days == {MONDAY}


def test_a_lead_whose_first_day_is_an_attack_keeps_it(lex):
    text = (
        "Militants attacked a checkpoint in Taro on Thursday, days after Monday's raid on Lumbo.\n\n"
        "Six soldiers were killed, the army said."
    )
    assert {r["start_date"] for r in _reports(text, lex)} == {dt.date(2024, 5, 9)}


# --- time.days_after -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Gunmen raided Lumbo on Thursday, three days after a roadside bomb killed 6 soldiers near Taro.",
         dt.date(2024, 5, 6)),
        ("The ambush came a week after a car bomb killed 11 people at a market in Sako.", dt.date(2024, 5, 3)),
        ("The raid on Wednesday came two weeks after militants shot dead 9 policemen in Taro.", dt.date(2024, 4, 24)),
    ],
)
def test_a_count_after_n_days_after_is_the_earlier_incident(lex, text, day):
    rows = [r for r in _reports(text, lex) if r["outcome"] == "killed"]
    assert [r["start_date"] for r in rows] == [day]


def test_a_count_after_days_after_a_named_month_keeps_that_month(lex):
    text = ("The blasts in Taro came four days after the arrest of a suspect in the October attacks on Lumbo that "
            "killed 40 people.")
    assert [r["start_date"] for r in _reports(text, lex)] != [dt.date(2024, 5, 6)]


def test_the_count_before_days_after_keeps_its_own_day_and_attacker(lex):
    rows = _reports("Gunmen killed five villagers in Lumbo on Thursday, two days after a car bomb killed 12 people "
                    "in Taro.", lex)
    by_count = {r["count_best"]: (r["start_date"], r["perpetrator"]) for r in rows}
    assert by_count[5] == (dt.date(2024, 5, 9), "gunmen")
    assert by_count[12][0] == dt.date(2024, 5, 7) and by_count[12][1] != "gunmen"


# --- a whole year ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "For the whole of 2015, the mission recorded 2,100 civilians killed in attacks.",
        "In all of 2015, 39 police officers were killed by gunfire, the group said.",
        "Throughout the entire year of 2015, attacks killed 900 people in the province.",
    ],
)
def test_the_whole_of_a_year_is_that_year(lex, text):
    rows = _reports(text, lex)
    assert [(r["kind"], r["start_date"], r["end_date"]) for r in rows] == [
        ("period_total", dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    ]


def test_a_comparison_with_a_year_is_no_period_of_that_year(lex):
    rows = _reports("At least 900 civilians died in attacks last year, a 4 percent increase over 2014.", lex)
    assert [(r["start_date"], r["end_date"]) for r in rows] == [(dt.date(2023, 1, 1), dt.date(2023, 12, 31))]


# --- time.in_month, time.same_period -------------------------------------------------------------------------------
def test_a_month_s_total_told_with_in_may_is_that_month(lex):
    text = ("Car bombs and shelling hit several provinces last week.\n\nAt least 240 civilians were killed and 410 "
            "wounded in violence across the country in April, the mission said on Friday. Another 60 policemen were "
            "killed during the month, it said.")
    rows = _reports(text, lex)
    assert {(r["kind"], r["start_date"], r["end_date"]) for r in rows} == {
        ("period_total", dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    }
    assert len(rows) == 3


@pytest.mark.parametrize(
    "text",
    [
        "A bombing in March killed 29 people at a market in Taro.",
        "Rebels stormed a hotel in Lumbo in March, killing more than 40 guests.",
        "Five soldiers were killed in Taro in March, the army said.",
    ],
)
def test_one_attack_or_a_small_count_in_a_month_is_an_undated_incident(lex, text):
    rows = _reports(text, lex)
    assert [(r["kind"], r["start_date"]) for r in rows] == [("incident", None)]


def test_the_same_period_needs_a_period_before_it(lex):
    rows = _reports("Gunmen killed 12 villagers in Taro on Monday. Six more died during the month.", lex)
    assert all(r["kind"] == "incident" for r in rows)


# --- place.possessive_city ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A bomb exploded near a restaurant in Baghdad's northern Shaab district on Thursday, killing four people.",
         "IRQ"),
        ("Gunmen killed three policemen in Baghdad's Shaab neighbourhood on Monday, police said.", "IRQ"),
    ],
)
def test_a_district_after_a_city_s_possessive_is_in_that_city(lex, text, country):
    assert {r["country_code"] for r in _reports(text, lex)} == {country}


# --- perpetrator.other_victims -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Twelve Iraqi soldiers were killed and 20 wounded in clashes in Anbar on Monday.",
        "Two French soldiers were killed and one other was wounded in the blast near Gao on Monday.",
    ],
)
def test_the_forces_counted_as_victims_did_not_wound_the_others(lex, text):
    assert all(r["perpetrator"] is None for r in _reports(text, lex))


def test_an_attacker_outside_the_victims_is_still_the_perpetrator(lex):
    text = "Nine Malian soldiers were killed and 14 wounded when gunmen attacked a base near Gao on Monday."
    rows = _reports(text, lex)
    assert {r["perpetrator"] for r in rows} == {"gunmen"}


# --- place.admin_unit --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Gunmen killed 10 soldiers at a checkpoint in the Mopti region on Tuesday, the army said.", "Mopti region"),
        ("Boko Haram fighters killed 15 people in an attack in Yobe state on Friday.", "Yobe state"),
    ],
)
def test_a_region_named_with_its_unit_keeps_the_unit(lex, text, location):
    assert [r["location"] for r in _reports(text, lex)] == [location]


def test_a_region_and_a_town_of_one_name_can_be_one_event():
    from etl.events import _clean, _place, _province_and_town

    def place(name: str):
        return _place(_clean(name), "MLI")

    assert _province_and_town(place("Mopti region"), place("Douentza"))
    assert not _province_and_town(place("Mopti"), place("Douentza"))


# --- place.hospital_or_unit ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "follow_up",
    [
        "At least 13 people were wounded and taken to hospital in Maiduguri, the state capital.",
        "Eleven wounded soldiers were flown to Maiduguri for treatment, the army said.",
        "Thirteen soldiers were wounded in the fighting, said a spokesman for the army's Maiduguri Division.",
    ],
)
def test_where_the_wounded_went_and_a_unit_s_name_do_not_place_them(lex, follow_up):
    rows = _reports("Boko Haram fighters killed six villagers in Goniri on Friday. " + follow_up, lex)
    assert all(r["location"] != "Maiduguri" for r in rows)


def test_an_attack_at_a_hospital_is_where_the_hospital_is(lex):
    rows = _reports("A suicide bomber killed 20 people at a hospital in Quetta on Monday, police said.", lex)
    assert [r["location"] for r in rows] == ["Quetta"]


# --- a part of this year --------------------------------------------------------------------------------------------
def test_the_first_half_of_this_year_ends_with_june_or_publication():
    from etl import dates
    from etl.lexicon import load as load_lexicon

    lex = load_lexicon()
    july = dates.period("4,986 were killed or wounded in the first half of this year.", dt.date(2016, 7, 25), lex)
    may = dates.period("900 were killed in the first half of this year.", dt.date(2016, 5, 10), lex)
    assert (july[0].start, july[0].end) == (dt.date(2016, 1, 1), dt.date(2016, 6, 30))
    assert (may[0].start, may[0].end) == (dt.date(2016, 1, 1), dt.date(2016, 5, 10))


# --- ", and a suicide bomber killed": a second attack's clause ----------------------------------------------------
def test_a_second_attack_joined_by_and_has_its_own_place_and_attacker(lex):
    rows = _reports("Gunmen killed four policemen in Kirkuk on Monday, and a suicide bomber killed 11 people at a "
                    "mosque in Mosul.", lex)
    by_count = {r["count_best"]: (r["location"], r["perpetrator"]) for r in rows}
    assert by_count == {4: ("Kirkuk", "gunmen"), 11: ("Mosul", "suicide bomber")}


@pytest.mark.parametrize(
    "text",
    [
        "The violence comes a month after gunmen killed 31 people in the village of Sako.",
        "The raid came a few days after militants killed 14 soldiers near Taro.",
    ],
)
def test_a_count_a_month_or_a_few_days_before_is_undated(lex, text):
    assert [(r["kind"], r["start_date"]) for r in _reports(text, lex)] == [("incident", None)]


def test_a_quoted_noun_is_still_counted(lex):
    rows = _reports("The ministry said 63 'terrorists' had been killed by troops near Ayorou on Tuesday.", lex)
    assert [(r["victim_group"], r["count_best"]) for r in rows] == [("militants", 63)]


def test_a_toll_raised_to_the_number_of_some_group_killed_keeps_the_attack_day(lex):
    text = ("A girl wounded in Wednesday's shelling of Sako village died in hospital on Friday, bringing the number "
            "of villagers killed to eight, the administrator said.")
    rows = [r for r in _reports(text, lex) if r["count_best"] == 8]
    assert [r["start_date"] for r in rows] == [dt.date(2024, 5, 8)]


def test_a_mourning_lead_takes_the_day_of_the_attacks_it_mourns(lex):
    text = ("The country declared three days of national mourning on Tuesday for the victims of two jihadist attacks "
            "in the north of the country on Saturday.\n\nThe attack on the market in Sako killed 22 people.")
    assert {r["start_date"] for r in _reports(text, lex)} == {dt.date(2024, 5, 4)}


def test_a_lead_opening_on_a_written_date_keeps_it(lex):
    text = ("05/06/2024: Assailants detonated an explosive device in Taro, injuring one civilian. Police were "
            "investigating whether it was connected to a similar attack that occurred on May 2, 2024.")
    assert {r["start_date"] for r in _reports(text, lex)} == {dt.date(2024, 5, 6)}
