"""The extraction engine against GUIDELINES.md: one test per convention, on short made-up news sentences.

Every input here is written for the test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from etl.extract import extract_article, sentence_spans
from etl.lexicon import load
from etl.pipeline import extract_paths

PUB = dt.date(2024, 3, 14)  # a Thursday
MONDAY = dt.date(2024, 3, 11)
# the project's origin article, kept as a fixture so that the suite needs nothing beside the project
SEED = Path(__file__).resolve().parent / "fixtures" / "seed_article.txt"


@pytest.fixture(scope="module")
def lex():
    """The conventions, loaded once for the module."""
    return load()


@pytest.fixture
def run(lex):
    """Reports of one article, published on PUB unless said otherwise."""

    def _run(text: str, published: dt.date | None = PUB, **kwargs) -> list[dict]:
        return extract_article(text, "test-article", published, lex, **kwargs).reports

    return _run


def by_group(reports: list[dict], outcome: str = "killed", kind: str = "incident") -> dict[str, int | None]:
    """count_best per victim group, for one outcome and kind."""
    rows = [r for r in reports if r["outcome"] == outcome and r["kind"] == kind]
    groups = [r["victim_group"] for r in rows]
    assert len(groups) == len(set(groups)), f"a victim group repeated: {rows}"
    return {r["victim_group"]: r["count_best"] for r in rows}


def single(reports: list[dict]) -> dict:
    """The one report of an article that should give exactly one."""
    assert len(reports) == 1, reports
    return reports[0]


def counts(reports: list[dict], outcome: str | None = None) -> set[int | None]:
    """count_best of the reports, of one outcome if given."""
    return {r["count_best"] for r in reports if outcome is None or r["outcome"] == outcome}


# ------------------------------------------------------------------ numbers (GUIDELINES.md, "Numbers")

NUMBERS = [
    # (sentence, victim_group, low, best, high, qualifier)
    ("Twelve people were killed when gunmen opened fire on a bus in Balochistan on Monday.",
     "unknown", 12, 12, 12, "exact"),
    ("A dozen people were killed when militants attacked a checkpoint in Mogadishu on Tuesday.",
     "unknown", 12, 12, 12, "exact"),
    ("Militants killed fifteen villagers in an attack in Zamfara on Saturday.", "civilians", 15, 15, 15, "exact"),
    ("A US soldier was killed in a roadside bomb attack in Helmand province on Tuesday, the military said.",
     "security_forces", 1, 1, 1, "exact"),
    ("A civilian was killed in shelling of Kharkiv on Sunday, officials said.", "civilians", 1, 1, 1, "exact"),
    ("One child was killed in an air strike on a school in Gaza on Sunday.", "civilians", 1, 1, 1, "exact"),
    ("A couple of soldiers were killed in an ambush in Tillaberi on Tuesday.", "security_forces", 2, 2, 2, "exact"),
    ("A suicide bomber killed at least 12 people at a mosque in Peshawar on Tuesday, police said.",
     "unknown", 12, 12, None, "at_least"),
    ("Over 800 fighters were killed in clashes with the army near Marib on Tuesday, officials said.",
     "militants", 800, 800, None, "more_than"),
    ("Up to 30 people were killed in an air strike on a village in Idlib on Monday, activists said.",
     "unknown", None, 30, 30, "at_most"),
    ("As many as 30 people were killed in an air strike on a market in Idlib on Sunday.",
     "unknown", None, 30, 30, "at_most"),
    ("Nearly 30 people were killed when jihadists attacked a church in Burkina Faso on Sunday.",
     "unknown", None, 30, 30, "at_most"),
    ("About 50 people were killed when militants attacked a military base in Borno state on Sunday.",
     "unknown", None, 50, None, "approximately"),
    ("Around 50 soldiers were killed when militants overran a base in Borno on Sunday.",
     "security_forces", None, 50, None, "approximately"),
    ("Some 50 people were killed when gunmen raided a village in Zamfara on Saturday.",
     "unknown", None, 50, None, "approximately"),
    ("Between 10 and 15 people were killed in shelling of Donetsk on Tuesday, local officials said.",
     "unknown", 10, 10, 15, "range"),
    ("10 to 15 people were killed in shelling of Kharkiv on Sunday, officials said.", "unknown", 10, 10, 15, "range"),
    ("10-15 people were killed in shelling of Kharkiv on Sunday, officials said.", "unknown", 10, 10, 15, "range"),
    ("Several people were killed when a bomb exploded in Baghdad on Tuesday.", "unknown", 3, 3, None, "vague"),
    ("A few soldiers were killed in an ambush in Mali on Sunday.", "security_forces", 3, 3, None, "vague"),
    ("Dozens of people were killed in fighting in Khartoum on Wednesday, witnesses said.",
     "unknown", 24, 24, None, "vague"),
    ("Scores of people were killed when militants attacked a village in Mali on Sunday.",
     "unknown", 40, 40, None, "vague"),
]


@pytest.mark.parametrize(("text", "group", "low", "best", "high", "qualifier"), NUMBERS,
                         ids=[t.split(" were ")[0].split(" killed")[0][:30] for t, *_ in NUMBERS])
def test_number_convention(run, text, group, low, best, high, qualifier):
    r = single(run(text))
    assert (r["outcome"], r["victim_group"]) == ("killed", group)
    assert (r["count_low"], r["count_best"], r["count_high"], r["qualifier"]) == (low, best, high, qualifier)


def test_more_than_with_thousands_separator(run):
    r = single(run("More than 8,000 civilians have been killed in the war in Yemen so far this year, "
                   "the United Nations said."))
    assert (r["count_low"], r["count_best"], r["count_high"], r["qualifier"]) == (8000, 8000, None, "more_than")


@pytest.mark.parametrize(("word", "value"), [("Hundreds", 200), ("Thousands", 2000), ("Tens of thousands", 20000)])
def test_vague_large_numbers(run, word, value):
    r = single(run(f"{word} of civilians have been killed in the fighting in Sudan this year, the UN said."))
    assert (r["victim_group"], r["count_low"], r["count_best"], r["qualifier"]) == ("civilians", value, value, "vague")


def test_plural_without_number_is_vague(run):
    r = single(run("Civilians were killed in an air strike on a market in Gaza on Sunday, medics said."))
    assert (r["victim_group"], r["count_low"], r["count_best"], r["qualifier"]) == ("civilians", 2, 3, "vague")


# ------------------------------------------------------------------ victim groups and partitions


def test_groups_coordinated(run):
    text = "Five militants and two civilians were killed in a clash with troops in Kandahar province on Wednesday."
    assert by_group(run(text)) == {"militants": 5, "civilians": 2}


def test_inclusion_partitions_the_total_active_voice(run):
    text = "Gunmen killed ten people, including three children, in Kabul on Tuesday."
    assert by_group(run(text)) == {"civilians": 3, "unknown": 7}


def test_inclusion_of_security_forces(run):
    text = "Fighting between troops and rebels killed 11 people, including 4 soldiers, in Goma on Tuesday."
    assert by_group(run(text)) == {"security_forces": 4, "unknown": 7}


def test_inclusion_partitions_the_total_passive_voice(run):
    text = "Ten people were killed, including three children, in a bombing at a market in Kabul on Tuesday."
    assert by_group(run(text)) == {"civilians": 3, "unknown": 7}


def test_inclusion_inside_the_subject(run):
    text = "Ten people, including three children, were killed in a bombing at a market in Kabul on Tuesday."
    assert by_group(run(text)) == {"civilians": 3, "unknown": 7}


@pytest.mark.parametrize("text", [
    "Ten people were killed, including three children, when a suicide bomber struck a market in Kabul on Tuesday.",
    "Ten people, including three children, were killed when a suicide bomber struck a market in Kabul on Tuesday.",
], ids=["after the verb", "in the subject"])
def test_attacker_after_an_inclusion_is_not_a_victim(run, text):
    assert by_group(run(text)) == {"civilians": 3, "unknown": 7}


def test_inclusion_after_place_and_day(run):
    text = "The militants killed 6 people in Kabul on Tuesday, including a policeman and two women."
    assert by_group(run(text)) == {"security_forces": 1, "civilians": 2, "unknown": 3}


@pytest.mark.parametrize(("text", "group"), [
    ("Gunmen killed 2 aid workers in Juba on Tuesday.", "civilians"),
    ("Two children were killed in an air strike in Idlib on Tuesday.", "civilians"),
    ("Gunmen stormed a police station in Kunduz on Tuesday, killing 5 officers, police said.", "security_forces"),
    ("A drone strike killed three suspected militants in North Waziristan on Tuesday.", "militants"),
    ("Two people were killed in a bombing in Baghdad on Tuesday.", "unknown"),
])
def test_victim_group(run, text, group):
    assert single(run(text))["victim_group"] == group


def test_killed_and_injured_are_separate_outcomes(run):
    reports = run("The bombing in Kabul on Tuesday killed 3 people and wounded 17 others, police said.")
    assert by_group(reports, "killed") == {"unknown": 3}
    assert by_group(reports, "injured") == {"unknown": 17}


# ------------------------------------------------------------------ numbers that are not casualties

NOT_CASUALTIES = [
    # (text, the real casualty count, the number that must not become a report)
    ("A roadside bomb killed 4 soldiers in Helmand on Tuesday, the latest blow in Afghanistan's 18-year war.", 4, 18),
    ("A suicide bomber killed 6 people in Kabul on Tuesday as the fourth round of peace talks opened in Doha.", 6, 4),
    ("Gunmen killed 3 soldiers in Kunduz on Tuesday. The government pledged $2 million to the families of "
     "the victims.", 3, 2_000_000),
    ("20 gunmen attacked a police post in Zabul on Tuesday, killing 6 policemen, officials said.", 6, 20),
    ("A bomb killed 5 people at a bus station in Kabul on Tuesday. Police arrested 12 suspects after the "
     "bombing.", 5, 12),
    ("Fighting in Marib killed 7 fighters on Tuesday. The clashes have left 5,000 people displaced, aid groups "
     "said.", 7, 5000),
    ("A bomb killed 9 people at a market in Kabul on Tuesday. It was the deadliest attack in the city since "
     "2019.", 9, 2019),
    ("A bomb killed 9 people at a market in Kabul on Tuesday. Attacks in the city rose by 40% last year, "
     "the UN said.", 9, 40),
    ("Insurgents attacked a checkpoint in Kunduz on October 25, 2023, killing 3 soldiers.", 3, 25),
]


@pytest.mark.parametrize(("text", "real", "other"), NOT_CASUALTIES,
                         ids=["duration", "ordinal", "money", "attackers", "arrests", "displaced", "year",
                              "percentage", "date"])
def test_non_casualty_numbers_give_no_report(run, text, real, other):
    found = counts(run(text))
    assert other not in found
    assert found == {real}


def test_age_is_not_a_count(run):
    reports = run("Taliban gunmen shot dead a 23-year-old police officer in Kunduz on Tuesday, officials said.")
    assert 23 not in counts(reports)


def test_victim_with_an_age_counts_as_one(run):
    reports = run("Taliban gunmen killed a 23-year-old police officer in Kunduz on Tuesday, officials said.")
    assert by_group(reports) == {"security_forces": 1}


def test_attack_on_a_checkpoint_is_violence(run):
    r = single(run("A dozen people were killed in an attack on a checkpoint in Mogadishu on Tuesday."))
    assert (r["outcome"], r["count_best"]) == ("killed", 12)


def test_road_accident_gives_no_report(run):
    text = ("Nine people were killed and 14 injured when a bus collided with a truck on the highway near Lahore "
            "on Tuesday, police said.")
    assert run(text) == []


# ------------------------------------------------------------------ one report per quantity


def test_repeated_figure_is_one_report(run):
    text = ("A car bomb killed 7 people in Mogadishu on Tuesday. Police said the car bomb killed 7 people and "
            "officials blamed al-Shabaab.")
    r = single(run(text, title="Car bomb kills 7 in Mogadishu"))
    assert (r["count_best"], r["perpetrator"]) == (7, "al-Shabaab")


def test_updated_toll_is_one_report_with_the_latest_figure(run):
    text = ("Militants killed 20 people in an attack on a market in Maiduguri on Monday. The death toll rose to 30 "
            "on Wednesday, officials said.")
    r = single(run(text))
    assert (r["kind"], r["outcome"], r["count_best"]) == ("incident", "killed", 30)


def test_two_sources_give_one_range(run):
    text = ("Police said 10 people were killed, while hospital officials said 12 people were killed, in the bombing "
            "in Quetta on Tuesday.")
    r = single(run(text))
    assert (r["count_low"], r["count_best"], r["count_high"]) == (10, 10, 12)
    assert r["reporting_source"].lower() == "police"


def test_day_of_the_statement_is_not_the_source(run):
    text = ("Militants attacked a market in Maiduguri on Monday. The death toll rose to 30, officials said on "
            "Wednesday.")
    assert single(run(text))["reporting_source"] == "officials"


def test_day_of_the_statement_is_not_the_incident_day(run):
    text = ("Militants attacked a market in Maiduguri on Monday. The death toll rose to 30, officials said on "
            "Wednesday.")
    r = single(run(text))
    assert r["start_date"] == dt.date(2024, 3, 11)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(("published", "day", "expected"), [
    (PUB, "Tuesday", dt.date(2024, 3, 12)),
    (PUB, "Thursday", PUB),
    (MONDAY, "Monday", MONDAY),
    (MONDAY, "Tuesday", dt.date(2024, 3, 5)),
    (MONDAY, "Sunday", dt.date(2024, 3, 10)),
])
def test_weekday_is_resolved_against_publication(run, published, day, expected):
    r = single(run(f"A suicide bomber killed 6 people at a mosque in Kabul on {day}, police said.", published))
    assert (r["kind"], r["start_date"], r["end_date"]) == ("incident", expected, expected)


def test_day_news_without_a_day_is_the_publication_date(run):
    r = single(run("Militants stormed a hotel in Mogadishu today, killing 9 people."))
    assert (r["start_date"], r["end_date"]) == (PUB, PUB)


def test_explicit_date(run):
    r = single(run("Insurgents attacked a checkpoint in Kunduz on October 25, 2023, killing 3 soldiers."))
    assert r["start_date"] == r["end_date"] == dt.date(2023, 10, 25)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("More than 8,000 civilians have been killed in the war in Yemen so far this year, the United Nations said.",
     dt.date(2024, 1, 1), PUB),
    ("Insurgents killed 140 soldiers in attacks across Afghanistan in 2015, the defence ministry said.",
     dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
    ("Insurgents killed 14 soldiers in Afghanistan last month, the defence ministry said.",
     dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
], ids=["so far this year", "in 2015", "last month"])
def test_period_total_bounds(run, text, start, end):
    r = single(run(text))
    assert (r["kind"], r["start_date"], r["end_date"]) == ("period_total", start, end)


def test_day_named_earlier_in_the_paragraph(run):
    """PUB is a Thursday: the raid is Thursday's news, the siege told in the next paragraph was on Wednesday."""
    text = ("Police killed one suspected militant in a raid on Thursday.\n\n"
            "Seven people were killed in Wednesday's siege of a shopping district by gunmen. "
            "Twenty-four people were wounded.")
    days = {(r["outcome"], r["count_best"]): r["start_date"] for r in run(text)}
    assert days[("injured", 24)] == days[("killed", 7)] == PUB - dt.timedelta(days=1)


# ------------------------------------------------------------------ places, sources


@pytest.mark.parametrize(("text", "country"), [
    ("An al-Shabaab car bomb killed 5 people in Mogadishu on Tuesday.", "SOM"),
    ("A suicide bomber killed 5 people in the Afghan capital on Tuesday.", "AFG"),
    ("Al-Shabaab fighters killed 5 soldiers in Middle Shabelle on Tuesday.", "SOM"),
    ("WASHINGTON - A US soldier was killed in a roadside bomb attack in Helmand province on Tuesday, "
     "the Pentagon said.", "AFG"),
    ("A knifeman wounded 4 people at a tram stop in central Graz. The attacker, a 19 year old Chechen man, "
     "was detained. One of the wounded died on Friday.", "AUT"),
    ("Gunmen shot dead 3 tourists from Norway and Sweden at a beach resort outside Sousse on Friday.", "TUN"),
    ("A bomb exploded outside a cafe while tourists were visiting Dresden. Two people were killed.", "DEU"),
    ("Gunmen opened fire atKabul University, killing 9 students on Monday.", "AFG"),
], ids=["Mogadishu", "Afghan capital", "Middle Shabelle", "not where written", "attacker's origin",
        "victims' origin", "sentence end ends a name", "glued to a preposition"])
def test_country_from_places(run, text, country):
    assert {r["country_code"] for r in run(text)} == {country}


def test_counts_in_apposition_and_lists(run):
    apposition = run("Forty people, 6 security personnel and 34 civilians, were killed in a bombing in Kabul on Monday")
    assert by_group(apposition) == {"security_forces": 6, "civilians": 34}
    listed = run("A bomb killed a suspected bomber, a soldier and 4 civilians at a checkpoint on Monday.")
    assert by_group(listed) == {"militants": 1, "security_forces": 1, "civilians": 4}
    unit = run("Nine paramilitary troopers of the Central Reserve Police Force (CRPF) were killed in an ambush")
    assert by_group(unit) == {"security_forces": 9}
    assert by_group(run("On October 24, 2018, 2 elderly shoppers were killed by a gunman at a store.",
                        published=None)) == {"civilians": 2}


def test_second_clause_is_its_own_count(run):
    reports = run("Gunmen stormed a village on Monday. 24 people, including a priest, were killed and 18 were wounded.")
    assert by_group(reports) == {"civilians": 1, "unknown": 23}
    assert by_group(reports, "injured") == {"unknown": 18}
    reports = run("A car bomb exploded on Monday. At least 30 people were killed and 40 more injured.")
    assert by_group(reports, "injured") == {"unknown": 40}
    reports = run("A guard was killed and 4 others were lightly to moderately injured in a stabbing attack on Monday.")
    assert by_group(reports, "injured") == {"unknown": 4}


def test_another_sources_figure_is_a_range(run):
    r = single(run("A suicide bomb killed at least 47 people in Mukalla on Monday. Some sources say 40 were killed."))
    assert (r["count_low"], r["count_best"], r["count_high"]) == (40, 47, 47)


def test_new_verb_ends_an_inclusion(run):
    reports = run("A bomb exploded at a mall on Monday, killing 3 civilians including a French national and "
                  "injuring at least 9 others.")
    assert by_group(reports) == {"civilians": 3}
    assert by_group(reports, "injured") == {"unknown": 9}
    twin = run("Twin suicide bombings kill 73 people and injure 36 who were praying on Friday.")
    assert by_group(twin, "injured") == {"unknown": 36}


def test_undated_event_note_without_death_keeps_its_place(run):
    """An incident description with no date and no death: 0 killed where it happened (as event datasets code it)."""
    r = single(run("A knifeman attacked shoppers at a supermarket in Auckland, New Zealand.", published=None))
    assert (r["outcome"], r["count_best"], r["country_code"], r["start_date"]) == ("killed", 0, "NZL", None)


def test_an_aside_in_an_earlier_paragraph_is_not_the_place(run):
    text = ("Gunmen and suicide bombers attacked a shopping district in Jakarta on Thursday, police said.\n\n"
            "The Jakarta police chief said the attackers were local men.\n\n"
            "Experts say some of the attackers may have fought with the group in Syria.\n\n"
            "Twenty-four people were seriously wounded, including an Austrian and a German.")
    assert {r["country_code"] for r in run(text)} == {"IDN"}


@pytest.mark.parametrize(("text", "groups"), [
    ("An attacker stabbed 4 people to death at a police station on Monday.", {"unknown": 4}),
    ("A suicide bombing on a house claimed 7 civilians' lives on Monday.", {"civilians": 7}),
    ("Gunmen opened fire on a mall on Monday, killing 9 before fleeing.", {"unknown": 9}),
    ("Gunmen attacked a bus on Monday. One of the soldiers died in hospital.", {"security_forces": 1}),
    ("Two bombs exploded at a market on Monday. A fruit vendor was killed.", {"unknown": 1}),
    ("Gunmen killed 5 aid workers, as well as 2 civilians, 1 of whom was a park ranger, on Monday.",
     {"civilians": 7}),
    ("An attacker shot and killed the 2 officers and a pedestrian on Monday.", {"security_forces": 2, "civilians": 1}),
    ("Militants attacked a camp on Monday. 12 hostages were executed and 20 hostages were taken.", {"unknown": 12}),
    ("Two tourists and a Czech citizen, who died of her wounds on 27 July in a hospital, were killed by an attacker.",
     {"civilians": 2, "unknown": 1}),  # a nationality noun names no victim group (group.nationality_citizens)
    ("An attacker drove into a crowd on Monday, killing 4, then fatally stabbing a police officer at a gate.",
     {"unknown": 4, "security_forces": 1}),
    ("A bomb hit a rally on Monday, killed a candidate standing for the provincial assembly, his driver and a guard.",
     {"civilians": 2, "security_forces": 1}),
    ("Gunmen attacked a crowd on Monday. Many of the wounded died of their injuries.", {}),
    ("Border Police guard was killed in a stabbing attack in the Old City on Monday.", {"security_forces": 1}),
    ("Militants attacked a border post on Monday. Seven civilians were killed along with ten soldiers.",
     {"civilians": 7, "security_forces": 10}),
    ("Twin bombings in Ankara on Monday killed a total of 66 people.", {"unknown": 66}),
    ("US air strikes hit a training camp on Monday, killing dozens of its fighters.", {"militants": 24}),
], ids=["stabbed to death", "claimed lives", "before", "one of the", "unlisted noun", "as well as", "the 2 officers",
        "hostages executed", "a clause with a date", "fatally", "described then listed",
        "many of the wounded", "no article", "along with",
        "a total of", "of its fighters"])
def test_killing_phrasings(run, text, groups):
    assert by_group(run(text)) == groups


def test_stabbed_is_an_injury_unless_told_otherwise(run):
    assert by_group(run("Seven people were stabbed by an attacker at a mall on Monday."), "injured") == {"unknown": 7}
    told = run("Two men were stabbed by an attacker on Monday. One of the victims died and the other was badly hurt.")
    assert (by_group(told), by_group(told, "injured")) == ({"unknown": 1}, {"unknown": 1})
    died = run("A police officer was stabbed and later died at a police post on Monday, an attacker was arrested.")
    assert (by_group(died), by_group(died, "injured")) == ({"security_forces": 1}, {})


def test_deadliest_since_a_year_is_no_period(run):
    reports = run("A Taliban truck bomb killed at least 28 people in Kabul on Tuesday, the deadliest attack in the "
                  "capital since 2011.")
    assert [(r["kind"], r["count_best"]) for r in reports] == [("incident", 28)]
    assert run("Militants have killed 300 people in the province since 2015.")[0]["kind"] == "period_total"


def test_counts_among_the_dead_are_parts_of_the_total(run):
    reports = run("US air strikes hit a training camp near Sabratha on Friday, killing 40 people.\n\n"
                  "A Jordanian man and two women were among the dead, the mayor said.")
    assert by_group(reports) == {"unknown": 38, "civilians": 2}
    alone = run("Gunmen attacked a wedding party near Kirkuk on Friday. Two policemen were among the dead.")
    assert by_group(alone) == {"security_forces": 2}


def test_group_counts_that_add_up_to_a_total_break_it_down(run):
    reports = run("At least 30 people were killed in two attacks in Borno State on Monday. The fighters overran an "
                  "army base in Monguno, killing 12 soldiers. In Nganzai they killed 18 villagers.")
    assert by_group(reports) == {"security_forces": 12, "civilians": 18}
    apart = run("At least 30 people were killed in Maiduguri on Monday. In a separate raid, fighters killed 12 "
                "soldiers. Villagers said 9 civilians died.")
    assert sum(by_group(apart).values()) == 51


def test_the_dead_were_groups_told_after_the_total(run):
    among = run("An air strike hit a wedding party in Hajjah on Sunday, killing 33 people. Among the dead were 12 "
                "children, officials said.")
    assert by_group(among) == {"unknown": 21, "civilians": 12}
    were = run("Gunmen stormed a hotel in Mogadishu on Friday, killing 26 people. The dead were 19 civilians and seven "
               "members of the security forces.")
    assert by_group(were) == {"civilians": 19, "security_forces": 7}
    fronted = run("A total of 1,031 Iraqis were killed in armed conflict on Monday. Of those killed, 668 were "
                  "civilians and 363 were members of the Iraqi security forces.")
    assert by_group(fronted) == {"civilians": 668, "security_forces": 363}
    whole = run("Ten people were killed in a bombing in Kirkuk on Monday. The dead were ten soldiers.")
    assert by_group(whole) == {"security_forces": 10}


def test_some_of_the_wounded_were_a_group(run):
    reports = run("A suicide bomber struck a shopping street in Istanbul on Saturday. Officials said 36 people had "
                  "been wounded. Six of the wounded were Israeli tourists and two others were from Iceland.")
    assert by_group(reports, "injured") == {"unknown": 30, "civilians": 6}
    assert {r["country_code"] for r in reports} == {"TUR"}
    dead = run("Gunmen stormed a cafe in Jakarta on Thursday. Seven people were killed. Five of the dead were the "
               "attackers themselves.")
    assert by_group(dead) == {"unknown": 2, "militants": 5}


def test_coordinated_nationalities_share_their_noun(run):
    reports = run("A suicide bomber killed nine German and one Peruvian tourists in Istanbul on Tuesday.")
    assert by_group(reports) == {"civilians": 10}
    parts = run("Gunmen stormed a hotel in Nairobi on Tuesday. At least 21 people were killed, including a British and "
                "an American citizen.")
    assert by_group(parts) == {"unknown": 21}  # citizens of a country: no victim group (group.nationality_citizens)


def test_part_said_by_a_source(run):
    reports = run("Israeli forces have killed at least 177 Palestinians in clashes since October, 119 of whom "
                  "Israel says were assailants.")
    assert by_group(reports, kind="period_total") == {"unknown": 58, "militants": 119}


def test_rates_and_denials_are_no_counts(run):
    rate = "Air strikes go on. The envoy said one Syrian is killed every 25 minutes, one wounded every 13 minutes."
    assert run(rate) == []
    reports = run("A roadside bomb killed two soldiers in Kandahar on Monday. There were no reports of other "
                  "casualties.")
    assert by_group(reports) == {"security_forces": 2}
    assert by_group(reports, "casualties") == {}


def test_an_attack_of_a_past_decade_has_no_day(run):
    reports = run("Gunmen attacked a cafe in Jakarta on Thursday, killing two people.\n\n"
                  "The country saw a spate of militant attacks in the 2000s, the deadliest of which was a nightclub "
                  "bombing on Bali that killed 202 people.")
    assert {r["count_best"]: r["start_date"] for r in reports} == {2: dt.date(2024, 3, 14), 202: None}


def test_increased_alarm_is_no_toll_update(run):
    reports = run("JAKARTA - Gunmen attacked a cafe in Jakarta on Thursday, killing two people.\n\n"
                  "Alarm over Islamic State increased after the Paris attacks and the killing of 14 people in "
                  "California in December.")
    assert {(r["count_best"], r["country_code"], r["start_date"]) for r in reports} == {
        (2, "IDN", dt.date(2024, 3, 14)), (14, "USA", None)}
    update = run("A car bomb killed 20 people in Baghdad on Monday. The death toll later rose to 31.")
    assert by_group(update) == {"unknown": 31}


def test_people_in_hospital_are_injured(run):
    reports = run("A truck bomb hit a market in Hilla on Sunday. Police said 112 people remain in hospital, and 71 "
                  "others were still being treated in hospital on Monday.")
    assert counts(reports, "injured") == {112, 71}


def test_country_named_before_an_actor_is_no_place(run):
    text = ("WASHINGTON - A U.S. military investigation found that an air strike in Afghanistan that destroyed a "
            "hospital was caused by human errors.\n\n"
            "Forty-two people were killed and 37 were wounded in the strike on October 3.\n\n"
            "\"The investigation concluded that personnel failed to comply with the rules of engagement,\" said the "
            "commander of U.S. Central Command. U.S. forces and NATO said they would pay the families.")
    assert {r["country_code"] for r in run(text, title="U.S. strike on Afghan hospital not a war crime")} == {"AFG"}


def test_sentence_ends_where_scraping_lost_the_space():
    text = "A bomb killed 13 people, officials said.The son was killed. Mr. Smith flew to St.Petersburg."
    assert [text[a:b] for a, b, _ in sentence_spans(text)] == [
        "A bomb killed 13 people, officials said.", "The son was killed.", "Mr. Smith flew to St.Petersburg."]


def test_an_attack_last_week_has_no_day(run):
    reports = run("A suicide bomber killed 13 people in Jalalabad on Sunday.\n\n"
                  "Islamic State last week claimed an assault on the Pakistani consulate that killed seven people.")
    assert {r["count_best"]: r["start_date"] for r in reports} == {13: dt.date(2024, 3, 10), 7: None}


def test_a_toll_superseded_is_no_count(run):
    reports = run("A suicide bomber killed 70 people at a market in Baghdad on Sunday, officials said on Monday. The "
                  "toll rose from 59 reported late on Sunday.")
    assert by_group(reports) == {"unknown": 70}


def test_injuries_suffered_and_received(run):
    reports = run("A man with a machete attacked three police officers in Brussels on Wednesday. Two of them suffered "
                  "stab wounds. Four people also got light injuries.")
    assert counts(reports, "injured") == {2, 4}


def test_event_note_phrasings(run):
    note = ("On 20 May 2025, security forces clashed with Al Shabaab near Afgooye (Lower Shabelle). 40 militants "
            "were killed, including a commander responsible for planning attacks in Mogadishu since 2023.")
    reports = run(note, published=None)
    assert [(r["kind"], r["count_best"], r["start_date"]) for r in reports] == [
        ("incident", 40, dt.date(2025, 5, 20))]
    glued = run("On 22 September 2025, two clan militias clashed in Qoryooley town over land.7 people were killed.",
                published=None)
    assert by_group(glued) == {"unknown": 7}
    camels = run("On 13 September 2025, clan militias clashed in Luuq (Gedo). Five camels were killed.", published=None)
    assert by_group(camels) == {"unknown": 0}
    member = run("On 28 June 2025, a government soldier shot and killed a suspected Al Shabaab in Afgooye.",
                 published=None)
    assert by_group(member) == {"militants": 1}


def test_the_other_of_two_attackers(run):
    reports = run("Two militants stormed a hotel in Hurghada on Friday, stabbing 3 tourists. One of the assailants was "
                  "shot dead and the other was wounded by security forces.")
    assert by_group(reports, "injured") == {"civilians": 3, "militants": 1}
    assert by_group(reports) == {"militants": 1}


def test_a_superficial_injury(run):
    reports = run("A gunman attacked a federal building in Dallas on Monday. One person sustained a superficial "
                  "injury while taking cover.")
    assert by_group(reports, "injured") == {"unknown": 1}


def test_vague_count_stands_beside_another_days_number(run):
    reports = run("WASHINGTON - A U.S. air strike on Tuesday hit a training camp in Yemen, killing dozens of its "
                  "fighters, the Pentagon said.\n\nThe group claimed an attack in Paris that killed 12 last year.")
    assert counts(reports) == {24, 12}
    same_day = run("A car bomb exploded in Mogadishu on Tuesday. Several people were killed. Police said 7 people "
                   "were killed in the blast.")
    assert counts(same_day) == {7}
    past = run("A car bomb killed six people near Damascus on Monday. Multiple explosions in February killed scores "
               "of people in the same district.")
    assert counts(past) == {6, 40}
    claim = run("On Monday, a roadside bomb killed four civilians in Faryab province, police said. The Taliban said it "
                "had documented hundreds of civilians killed by Afghan forces.")
    assert counts(claim) == {4}


def test_people_who_attacked_are_militants(run):
    reports = run("Israeli police officers fatally shot two Palestinians who opened fire at them outside the Old City "
                  "on Sunday. Gunmen later killed three villagers who refused to pay.")
    assert by_group(reports) == {"militants": 2, "civilians": 3}


def test_since_an_event_began_in_a_year(run):
    reports = run("Since the United Nations began systematically recording civilian casualties in Afghanistan in "
                  "2009, it has documented nearly 59,000 deaths and injuries in the conflict.")
    assert [(r["kind"], r["start_date"], r["end_date"]) for r in reports] == [
        ("period_total", dt.date(2009, 1, 1), PUB)]


def test_a_breakdown_after_a_colon_keeps_the_group(run):
    reports = run("The UN mission recorded 3,458 civilian casualties in the conflict in the first half of 2020: 1,282 "
                  "deaths and 2,176 injuries.")
    assert {(r["outcome"], r["victim_group"], r["count_best"]) for r in reports if r["outcome"] != "casualties"} == {
        ("killed", "civilians", 1282), ("injured", "civilians", 2176)}


def test_a_day_named_nearer_than_last_year_dates_the_count(run):
    reports = run("TRIPOLI - U.S. warplanes carried out air strikes against militants in western Libya on Friday, "
                  "killing as many as 40 people in an operation targeting a suspect linked to two attacks in Tunisia "
                  "last year.")
    assert [(r["kind"], r["start_date"]) for r in reports] == [("incident", dt.date(2024, 3, 8))]
    mixed = run("Thwadi said some Tunisians, a Jordanian and two women were among the dead in the air strikes.")
    assert by_group(mixed) == {"unknown": 1, "civilians": 2}


def test_a_country_in_an_office_name_is_no_place(run):
    reports = run("On 26 August 2021 a suicide bombing occurred near Abbey Gate at the airport in Kabul, Afghanistan. "
                  "The attack came hours after the United States State Department told Americans to leave. At least "
                  "183 people were killed.", published=None)
    assert {r["country_code"] for r in reports} == {"AFG"}


def test_a_place_names_its_facility(run):
    reports = run("A Palestinian attacker stabbed a British student on the Jerusalem Light Rail and killed her.",
                  published=None)
    assert {r["country_code"] for r in reports} == {"ISR"}


def test_a_past_attack_compared_with_todays(run):
    reports = run("A suicide bomber killed four people on Istiklal Street in Istanbul on Saturday.\n\n"
                  "Saturday's attack appeared similar to a January suicide bombing that killed at least 12 German "
                  "tourists in the city's historic centre.")
    assert {r["count_best"]: r["start_date"] for r in reports} == {4: dt.date(2024, 3, 9), 12: None}


def test_relative_clause_before_the_verb(run):
    reports = run("WASHINGTON - A U.S. service member who was part of the coalition fighting Islamic State was "
                  "killed on Saturday in northern Iraq, a defense official said.")
    assert by_group(reports) == {"security_forces": 1}
    assert reports[0]["start_date"] == dt.date(2024, 3, 9)


def test_a_comparison_leaves_the_period_the_sentence_names(run):
    reports = run("BEIRUT - The war in Syria killed 11,215 people in 2019, the lowest annual toll since the conflict "
                  "began in 2011, a monitor said.")
    assert [(r["kind"], r["start_date"], r["end_date"]) for r in reports] == [
        ("period_total", dt.date(2019, 1, 1), dt.date(2019, 12, 31))]
    at_least = run("Militants have killed at least 300 people in clashes in the province since 2015.")
    assert at_least[0]["start_date"] == dt.date(2015, 1, 1)


def test_those_still_in_hospital_are_some_of_the_wounded(run):
    reports = run("A suicide bomber attacked a market in Baghdad on Thursday. The ministry said 84 people had been "
                  "wounded in the attack, and 23 remained in hospital.")
    assert by_group(reports, "injured") == {"unknown": 84}


def test_wounded_then_died(run):
    died = run("A soldier wounded in a Taliban attack in Helmand died in hospital on Monday.")
    assert (by_group(died), by_group(died, "injured")) == ({"security_forces": 1}, {})
    toll = run("A girl wounded in a roadside bombing in Helmand died in hospital overnight, raising the death toll "
               "to 12, officials said on Wednesday.")
    assert (counts(toll, "killed"), by_group(toll, "injured")) == ({12}, {})


def test_a_period_total_is_partitioned_too(run):
    reports = run("BEIRUT - The war in Syria killed 11,215 people in 2019, a monitor said. The monitor said 3,473 of "
                  "the dead were civilians, among them 1,021 children.")
    assert by_group(reports, kind="period_total") == {"unknown": 7742, "civilians": 3473}
    assert {(r["start_date"], r["end_date"]) for r in reports} == {(dt.date(2019, 1, 1), dt.date(2019, 12, 31))}


def test_a_source_putting_the_toll_at_another_figure(run):
    reports = run("At least 25 people were killed and 100 wounded in twin car bombs in Homs on Sunday, the Syrian "
                  "Observatory said. State television put the death toll at 14 people with 29 wounded.")
    got = {(r["outcome"], r["count_low"], r["count_best"], r["qualifier"]) for r in reports}
    assert got == {("killed", 14, 25, "range"), ("injured", 29, 100, "range")}


def test_attackers_killed_after_the_attack(run):
    one = run("A Palestinian attacked police in Jerusalem on Tuesday, seriously wounding two officers, before "
              "being shot dead, police said.")
    assert (by_group(one), by_group(one, "injured")) == ({"militants": 1}, {"security_forces": 2})
    two = run("A car bomb exploded outside a hotel in Mogadishu on Sunday, after which 2 gunmen stormed the hotel "
              "and took hostages before being killed by police.")
    assert by_group(two) == {"militants": 2}


def test_bodies_recovered_and_the_dead_included(run):
    reports = run("Taliban militants stormed a university in Charsadda on Wednesday. A rescue spokesman said 19 bodies "
                  "had been recovered, including at least one teacher.")
    assert by_group(reports) == {"unknown": 18, "civilians": 1}
    included = run("Taliban militants stormed a university in Charsadda on Wednesday, killing at least 19 people. The "
                   "dead included students, guards and at least one teacher.")
    assert by_group(included) == {"unknown": 18, "civilians": 1}


def test_an_aside_tells_what_became_of_them(run):
    reports = run("Four gunmen, all since killed, were involved in Wednesday's attack on the university in Charsadda.")
    assert by_group(reports) == {"militants": 4}


def test_a_massacre_told_with_an_aside(run):
    reports = run("Gunmen attacked a university in Charsadda on Wednesday. The attack recalled the massacre, in late "
                  "2014, of 134 pupils at an army-run school in Peshawar.")
    assert [(r["victim_group"], r["count_best"], r["start_date"]) for r in reports] == [("civilians", 134, None)]


def test_others_injured_after_a_passive(run):
    reports = run("Clashes erupted in the Ain al-Hilweh camp in Lebanon. One person was killed and others injured "
                  "late on Friday.")
    assert (by_group(reports), by_group(reports, "injured")) == ({"unknown": 1}, {"unknown": 3})


def test_an_earlier_killing_told_as_a_motive(run):
    note = ("On 18 May 2025, police troops shot and killed a private security guard in Baidoa town (Bay) for "
            "killing an aid worker (coded separately).")
    assert by_group(run(note, published=None)) == {"security_forces": 1}
    retaliation = run("Gunmen killed five soldiers in Kismayo on Monday in retaliation for the killing of two of "
                      "their commanders.")
    assert by_group(retaliation) == {"security_forces": 5}
    background = run("On 6 July 2025, elders reached an agreement in Agabar town. It follows clashes which resulted "
                     "in the death of two people and injured several others (coded separately).", published=None)
    assert by_group(background) == {"unknown": 0}


def test_a_protest_over_a_killing_counts_no_death(run):
    for note in (
        "On 18 August 2025, relatives protested at the market in Jowhar town (Jowhar, Middle Shabelle), against the "
        "killing of a bus driver. They demanded justice.",
        "On 14 August 2025, traders protested in Garowe town (Garoowe, Nugaal). They demanded justice for a "
        "shopkeeper killed by gunmen near the town.",
    ):
        assert by_group(run(note, published=None)) == {"unknown": 0}


def test_pro_government_militias_are_security_forces(run):
    reports = run("Gunmen ambushed a convoy near Kantchari on Sunday, killing 14 civilians and two members of a "
                  "government-backed volunteer militia escorting them.")
    assert by_group(reports) == {"civilians": 14, "security_forces": 2}
    assert by_group(run("Gunmen killed five pro-government militiamen near Kantchari on Sunday.")) == {
        "security_forces": 5
    }
    assert by_group(run("Troops killed five members of an armed group near Kantchari on Sunday.")) == {"militants": 5}


def test_killed_or_maimed_is_casualties(run):
    (report,) = run("Save the Children said at least 40 children had been killed or maimed in Taiz governorate so "
                    "far this year, most of them by shelling.")
    assert (report["outcome"], report["victim_group"], report["kind"]) == ("casualties", "civilians", "period_total")


def test_the_town_of_a_country_names_the_place(run):
    (report,) = run("A car bomb exploded at a busy market in the northern Syrian town of Afrin on Sunday, killing "
                    "eight people.")
    assert (report["country_code"], report["location"]) == ("SYR", "Afrin")


def test_a_day_after_said_is_no_source(run):
    (report,) = run("Suspected Boko Haram fighters killed at least 20 farmers near Maiduguri. \"We have recovered 20 "
                    "bodies,\" Bukar said on Tuesday morning.")
    assert report["reporting_source"] != "Tuesday morning"


def test_a_period_said_of_the_statement_gives_way_to_the_figures_own(run):
    reports = run("The UN mission in Afghanistan said last month that 1,282 civilians had been killed in the first six "
                  "months of the year, in the war.", published=dt.date(2020, 8, 14))
    assert (reports[0]["start_date"], reports[0]["end_date"]) == (dt.date(2020, 1, 1), dt.date(2020, 6, 30))
    alone = run("The UN said last month that 1,282 civilians had been killed in the war.", dt.date(2020, 8, 14))
    assert alone[0]["start_date"] == dt.date(2020, 7, 1)


def test_some_of_his_staff(run):
    note = ("On 25 May 2025, US forces conducted an airstrike on Al Shabaab positions in Kamjaroon village (Jamaame, "
            "Lower Juba). The local governor and 4 of his staff members were killed.")
    assert by_group(run(note, published=None)) == {"civilians": 5}


def test_a_place_name_that_is_a_persons_is_no_place(run):
    reports = run("MOGADISHU - Gunmen stormed a hotel in Mogadishu on Friday night. \"All four gunmen were shot "
                  "dead,\" police spokesman Captain Abdifatah Aden told reporters. Aden said the dead were 19 "
                  "civilians and seven soldiers.")
    assert {r["country_code"] for r in reports} == {"SOM"}


def test_a_demonym_alone_names_the_country(run):
    reports = run("A 22-year-old man fired shots at the seat of the Croatian government and injured a police "
                  "officer in an attack on Monday.")
    assert {r["country_code"] for r in reports} == {"HRV"}


def test_cartel_members_are_militants(run):
    reports = run("Soldiers clashed with gunmen south of Culiacan on Monday, killing five suspected cartel members.")
    assert by_group(reports) == {"militants": 5}


def test_a_small_namesake_abroad_is_not_the_place(run):
    text = ("ADEN - Dozens of fighters have been killed in two days of clashes between Houthi forces and "
            "pro-government troops south of the Red Sea port of Hodeidah in Yemen, military sources said on "
            "Thursday.\n\n"
            "Fighting erupted on Tuesday near the district of Hays. A commander said 11 of his men had been killed.")
    assert {r["country_code"] for r in run(text)} == {"YEM"}


def test_sentence_trigger_skips_common_words(lex):
    trigger = lex.patterns["trigger"]
    assert not trigger.search("they were among the guests who said it was the day those men came")
    assert not trigger.search("later that year he received a serious offer to remain in the light")
    assert trigger.search("three were wounded")


def test_one_of_the_injured_died(run):
    reports = run("Gunmen attacked a tram on Monday. Three people died. One of the injured died of his wounds a week "
                  "later.")
    assert sum(r["count_best"] for r in reports if r["outcome"] == "killed") == 4
    assert not [r for r in reports if r["outcome"] == "injured"]  # "his wounds a week": no count of the wounded


def test_the_number_of_people_killed_is_a_toll(run):
    reports = run("The number of people killed by shelling at a market in Donetsk rose to 16 on Tuesday, officials "
                  "said, after two of the 22 wounded died in hospital.")
    assert (by_group(reports), by_group(reports, "injured")) == ({"unknown": 16}, {"unknown": 22})
    two = run("A suicide bomber struck a wrestling club in Kabul on Thursday, and the death toll rose to 21 on "
              "Saturday. The health ministry said 21 people had been killed in Thursday's attack. Police put the "
              "number of dead at 19.", published=dt.date(2024, 3, 17))
    (killed,) = [r for r in two if r["outcome"] == "killed"]
    assert (killed["count_low"], killed["count_best"], killed["count_high"]) == (19, 21, 21)
    assert killed["start_date"] == dt.date(2024, 3, 14)  # the attack's Thursday, not the Saturday the toll rose


def test_a_toll_update_is_dated_by_its_attack_not_the_day_it_rose(run):
    for text in ("The death toll from Tuesday's suicide bombing at a market in Mogadishu rose to 30 on Saturday, "
                 "officials said.", "The death toll from the bombing on Tuesday rose to 30 on Saturday."):
        (report,) = run(text, published=dt.date(2019, 7, 20))
        assert report["start_date"] == dt.date(2019, 7, 16)


def test_a_total_told_again_with_its_groups_is_one_quantity(run):
    reports = run("The death toll from Tuesday's suicide bombing at a market in Mogadishu rose to 21, a government "
                  "spokesman said. \"Twenty-one people have died, four of them children,\" the spokesman told "
                  "reporters.")
    assert by_group(reports) == {"civilians": 4, "unknown": 17}


def test_two_sources_figures_for_one_group_form_a_range(run):
    reports = run("Al-Shabaab fighters attacked an army base in Sabiid on Sunday, and seven soldiers were killed, the "
                  "army said. In a statement on its radio station, al-Shabaab said it had killed 51 soldiers.")
    (killed,) = [r for r in reports if r["outcome"] == "killed"]
    assert (killed["count_low"], killed["count_best"], killed["count_high"]) == (7, 7, 51)
    apart = run("Seven soldiers were killed in Sabiid on Sunday, the army said. In a separate attack, ten soldiers "
                "died, officials said.")
    assert len([r for r in apart if r["outcome"] == "killed"]) == 2


def test_a_toll_after_rose_to_is_the_tolls_outcome(run):
    reports = run("The number of people killed by a car bomb at a market in eastern Baghdad rose to 38 on Monday as "
                  "more of the wounded succumbed, police said.")
    assert [(r["outcome"], r["count_best"]) for r in reports] == [("killed", 38)]


def test_periods_with_month_first_dates(run):
    pub = dt.date(2023, 3, 15)
    since = run("The Syrian Observatory for Human Rights said it had documented the deaths of 613,407 people since "
                "March 15, 2011, when protests broke out, in the war.", pub)
    assert since[0]["start_date"] == dt.date(2011, 3, 15)
    between = run("A United Nations study estimated that 306,887 civilians were killed in the war between March 1, "
                  "2011, and March 31, 2021.", pub)
    assert (between[0]["start_date"], between[0]["end_date"]) == (dt.date(2011, 3, 1), dt.date(2021, 3, 31))


def test_a_wire_datelines_day_is_the_storys_not_the_attacks(run):
    reports = run("KABUL, March 14 (Reuters) - A suicide bomber killed 12 people at a mosque in Kabul on Tuesday, "
                  "officials said.")
    assert reports[0]["start_date"] == dt.date(2024, 3, 12)
    total = run("BAGHDAD, March 14 (Reuters) - A total of 1,031 Iraqis were killed in acts of terrorism and armed "
                "conflict, the United Nations said on Wednesday.")
    assert total[0]["kind"] == "period_total"


def test_bodies_counted_are_the_same_dead_as_the_toll(run):
    higher = run("A bomb exploded at a market in Mogadishu on Saturday, killing 27 people, police said. Officials at "
                 "two hospitals told reporters that 32 bodies had been brought in on Saturday.")
    (killed,) = [r for r in higher if r["outcome"] == "killed"]
    assert (killed["count_low"], killed["count_best"], killed["count_high"]) == (27, 27, 32)
    some = run("Gunmen killed 38 villagers in central Mali on Sunday. Rescuers said 24 bodies were buried on Sunday.")
    assert by_group(some) == {"civilians": 38}


def test_an_initial_figure_gives_way_to_the_later_toll(run):
    reports = run("The death toll from an attack by jihadists on farm workers in Borno on Saturday has risen to at "
                  "least 110 civilians, the UN said. Officials had initially reported 43 dead, but the toll climbed as "
                  "searchers recovered more bodies.")
    assert by_group(reports) == {"civilians": 110}


def test_another_sources_toll_in_the_same_sentence_makes_a_range(run):
    (report,) = run("Attacks on villages in Plateau state over the weekend left 86 people dead, police said, while "
                    "community leaders put the toll at more than 200.")
    assert (report["count_low"], report["count_best"], report["count_high"]) == (86, 86, 200)


def test_a_road_accident_told_beside_an_attack_is_no_report(run):
    reports = run("Militants attacked a police post in Srinagar on Tuesday, wounding five civilians. Separately, 11 "
                  "people died when a minibus skidded off a mountain road and fell into a gorge, officials said.")
    assert [r["outcome"] for r in reports] == ["injured"]


def test_a_statement_late_on_a_day_dates_no_attack(run):
    reports = run("At least 51 soldiers were killed in an ambush near Deou on Friday, the army said. The army said in "
                  "a statement late on Sunday that eight other soldiers were wounded.", published=dt.date(2023, 2, 20))
    assert {r["start_date"] for r in reports} == {dt.date(2023, 2, 17)}


def test_a_group_adjective_before_an_outcome_noun(run):
    (report,) = run("The U.N. human rights office said it had verified 9,444 civilian deaths in Ukraine since Feb. 24, "
                    "2022, in the war.", published=dt.date(2023, 8, 8))
    assert (report["victim_group"], report["outcome"], report["count_best"]) == ("civilians", "killed", 9444)
    (casualties,) = run("UNAMA recorded 3,458 civilian casualties in the first half of 2020 in the conflict.")
    assert (casualties["victim_group"], casualties["outcome"]) == ("civilians", "casualties")


def test_a_vague_count_of_another_group_is_no_restatement(run):
    reports = run("At least 51 soldiers were killed in an ambush near Deou on Friday, the army said. In a "
                  "counter-offensive the same day, dozens of assailants were killed, the army said.")
    assert by_group(reports) == {"security_forces": 51, "militants": 24}


def test_accused_of_involvement_drops_no_count(run):
    reports = run("A court in Paris convicted eight defendants on Tuesday. None was accused of direct involvement in "
                  "the July 14, 2016 attack, in which a man drove a truck through crowds in Nice, killing 86 people.")
    assert by_group(reports) == {"unknown": 86}


def test_groups_between_dashes_partition_the_count(run):
    reports = run("Two bombs exploded at a cathedral in Jolo on Sunday, killing 20 people - 15 civilians and five "
                  "soldiers - and wounding 81.")
    assert (by_group(reports), by_group(reports, "injured")) == (
        {"civilians": 15, "security_forces": 5},
        {"unknown": 81},
    )


def test_where_victims_came_from_between_commas(run):
    reports = run("M23 rebels fought peacekeepers near Sake on Thursday. Thirteen foreign soldiers, from South Africa, "
                  "Malawi and Uruguay, were killed in those clashes.")
    assert by_group(reports) == {"security_forces": 13}


def test_an_outcome_word_between_number_and_noun(run):
    reports = run("Gunmen attacked a village near Bankass on Sunday. \"Fifteen wounded people were taken to the health "
                  "centre,\" the official said.")
    assert by_group(reports, "injured") == {"unknown": 15}


def test_the_parts_after_a_cue_are_a_list(run):
    reports = run("A total of 1,031 Iraqis were killed in armed conflict on Monday. Of those killed, 668 were "
                  "civilians and 363 were members of the security forces, a category that includes the army and the "
                  "volunteer units fighting alongside government troops.")
    assert by_group(reports) == {"civilians": 668, "security_forces": 363}


def test_who_says_it_is_no_part_of_the_list(run):
    reports = run("A car bomb exploded inside an army base in Cucuta on Tuesday, wounding 36 people, including two "
                  "U.S. military advisers, the defence minister said.")
    assert by_group(reports, "injured") == {"unknown": 34, "security_forces": 2}


def test_a_groups_claim_of_a_toll_names_its_source(run):
    reports = run("A Somali army battalion commander was among nine soldiers killed when al-Shabaab attacked a base in "
                  "Sabiid on Sunday, the defence ministry said. Al-Shabaab has claimed to have killed 51 soldiers.")
    (killed,) = [r for r in reports if r["outcome"] == "killed"]
    assert (killed["count_low"], killed["count_best"], killed["count_high"]) == (9, 9, 51)


def test_periods_since_an_event_with_its_date(run):
    cases = [
        ("The jihadist insurgency has killed more than 36,000 people since 2009 and forced 2 million to flee.",
         dt.date(2020, 11, 30), dt.date(2009, 1, 1)),
        ("Security forces have killed more than 3,200 civilians since the army seized power on Feb. 1, 2021, "
         "according to a monitoring group.", dt.date(2023, 5, 1), dt.date(2021, 2, 1)),
        ("The military says 104 of its soldiers have been killed in Gaza since it launched its ground offensive on "
         "Oct. 27.", dt.date(2023, 12, 20), dt.date(2023, 10, 27)),
    ]
    for text, published, start in cases:
        (report,) = run(text, published)
        assert (report["kind"], report["start_date"]) == ("period_total", start)


def test_a_risen_toll_takes_its_attacks_day_told_below(run):
    reports = run("KREMENCHUK, Ukraine - Rescuers combed through the wreckage of a shopping mall on Tuesday as the "
                  "death toll from a Russian missile strike rose to 20, the emergency service said.\n\nThe strike on "
                  "the mall in Kremenchuk on Monday afternoon came as more than 1,000 people were inside.",
                  published=dt.date(2022, 6, 28))
    assert reports[0]["start_date"] == dt.date(2022, 6, 27)


def test_how_badly_some_were_hurt_is_no_count_of_its_own(run):
    reports = run("A gunman attacked a festival in Solingen on Friday, killing three people and wounding eight, five "
                  "of them seriously, police said.")
    assert (by_group(reports), by_group(reports, "injured")) == ({"unknown": 3}, {"unknown": 8})
    officers = run("A man attacked police in Liege on Tuesday. Four police officers were wounded, one of "
                   "whom was seriously injured.")
    assert by_group(officers, "injured") == {"security_forces": 4}


def test_a_described_group_is_named_whole_as_source(run):
    (report,) = run("A child was killed when Houthi shelling hit a street in Taiz on Wednesday, a local rights "
                    "group said.")
    assert report["reporting_source"] == "local rights group"


def test_injured_who_died_are_why_a_toll_rose(run):
    reports = run("The death toll from a missile strike on Marib rose to 11 on Thursday, the health office said. "
                  "More than 20 people were wounded in the strike. Two of the injured died overnight in hospital.")
    assert by_group(reports) == {"unknown": 11}


def test_some_of_a_counted_group_of_injured_died(run):
    reports = run("A bomb exploded outside a church in Samarinda on Sunday, wounding four children. Police said 1 of 4 "
                  "young children injured has died.")
    assert (by_group(reports), by_group(reports, "injured")) == ({"civilians": 1}, {"civilians": 4})
    part = run("A bomb exploded at a market in Kirkuk on Sunday. Eleven of the 36 wounded were soldiers.")
    assert sum(by_group(part, "injured").values()) == 36


def test_attacker_shot_dead_by_police(run):
    reports = run("Seven people were stabbed at a supermarket on Monday. The attacker was followed by police who shot "
                  "him, and he was pronounced dead at the scene.")
    assert (by_group(reports), by_group(reports, "injured")) == ({"militants": 1}, {"unknown": 7})


def test_mostly_women_and_children_is_said_of_both_counts(run):
    reports = run("A suicide bomber killed at least 65 people and injured more than 280 others, mostly women and "
                  "children, at a park in Lahore on Sunday.")
    assert (by_group(reports), by_group(reports, "injured")) == ({"civilians": 65}, {"civilians": 280})


def test_part_described_after_the_count(run):
    assert by_group(run("Ten people were killed in a bombing in Kabul on Monday, three of them children.")) == {
        "civilians": 3, "unknown": 7}
    wounded = run("Five soldiers were wounded in a bombing on Monday; one of them died later.")
    assert (by_group(wounded), by_group(wounded, "injured")) == ({"unknown": 1}, {"security_forces": 5})


def test_named_person_killed(run):
    reports = run("A suicide bomber targeted a police convoy on Monday. Noor and his guard were killed.")
    assert by_group(reports) == {"unknown": 1, "security_forces": 1}
    assert by_group(run("Gunmen stormed a school on Monday. Hussain was shot and later died from his wounds.")) == {
        "unknown": 1}
    assert by_group(run("Gunmen attacked on Monday. 19 soldiers, including 10 SNA and 9 UPDF troops, were killed.")
                    ) == {"security_forces": 19}


def test_shot_alone_is_no_death(run):
    assert by_group(run("Gunmen shot 3 people in a market on Monday.")) == {}


def test_where_a_person_is_based_is_not_the_place(run):
    text = ("JAKARTA - Gunmen and suicide bombers attacked a shopping district in Jakarta on Thursday.\n\n"
            "Police named a man based in Syria as the mastermind of the attack that left two civilians dead.")
    assert {r["country_code"] for r in run(text)} == {"IDN"}


def test_group_name_is_no_place(run):
    r = single(run("A suicide bomber killed 9 people at a market in Lahore on Monday. The Islamic State of Iraq and "
                   "the Levant claimed the attack."))
    assert (r["country_code"], r["perpetrator"]) == ("PAK", "Islamic State")


def test_country_named_as_an_actor_is_not_the_place(run):
    reports = run("A car bomb killed 12 people in Hillah on Monday. The United States condemned the attack. "
                  "Three more people died of their wounds later, police said.")
    assert {r["country_code"] for r in reports} == {"IRQ"}


def test_location_perpetrator_and_source(run):
    r = single(run("Al-Shabaab fighters killed 5 soldiers in Middle Shabelle on Tuesday, the army said."))
    assert (r["location"], r["perpetrator"], r["reporting_source"]) == ("Middle Shabelle", "al-Shabaab", "army")


def test_own_voice_has_no_source(run):
    assert single(run("Two people were killed in a bombing in Baghdad on Tuesday."))["reporting_source"] is None


# ------------------------------------------------------------------ the seed article (mandatory)


@pytest.fixture(scope="module")
def seed_frames():
    frames, _ = extract_paths([str(SEED)])
    return frames


def test_seed_publication_date_is_inferred(seed_frames):
    articles = seed_frames["articles"]
    assert len(articles) == 1
    assert bool(articles.published_inferred.iloc[0]) is True
    assert articles.published.iloc[0].year == 2019


def test_seed_period_total(seed_frames):
    totals = seed_frames["reports"].query("kind == 'period_total'")
    assert len(totals) == 1
    r = totals.iloc[0]
    assert (r.outcome, r.victim_group, r.count_low, r.count_best, r.qualifier) == (
        "casualties", "civilians", 8000, 8000, "more_than")
    assert pd.isna(r.count_high)
    assert r.country_code == "AFG"
    assert r.start_date == pd.Timestamp("2019-01-01")
    assert r.reporting_source == "United Nations"


def test_seed_incident_reports(seed_frames):
    incidents = seed_frames["reports"].query("kind == 'incident'")
    assert set(incidents.outcome) == {"killed"}
    assert dict(zip(incidents.victim_group, incidents.count_best, strict=True)) == {
        "security_forces": 1, "unknown": 2}
    assert len(seed_frames["reports"]) == 3


def test_seed_no_report_from_durations_ordinals_or_dates(seed_frames):
    reports = seed_frames["reports"]
    assert not set(reports.count_best.dropna()) & {18, 4, 25, 2019}
    for phrase in ("18-year war", "fourth consultation", "October 25"):
        assert not reports.sentence.str.contains(phrase, regex=False).any(), phrase
    figures = seed_frames["figures"]
    assert not figures.number_text.str.contains(r"18|fourth|25|2019", regex=True).any()


def test_seed_reports_name_their_rules(seed_frames):
    reports = seed_frames["reports"]
    assert reports.rules.str.contains("count.number_phrase").all()
    period = reports.query("kind == 'period_total'").iloc[0]
    assert {"time.period", "source.previous_sentence", "group.context_adjective"} <= set(period.rules.split(";"))


def test_seed_attribution_note(seed_frames):
    notes = seed_frames["notes"]
    un = notes[notes.reporting_source == "United Nations"]
    assert len(un)
    assert un.blamed.str.contains("security forces", case=False).any()
    assert set(un.stance) == {"blames"}
    assert all("note." in r for r in un.rules)


def test_a_conventions_row_with_an_unquoted_comma_names_its_file(tmp_path):
    from etl.lexicon import read_table

    (tmp_path / "context.csv").write_text("# cues\npattern,cue\n\\bavenge\\b,background\n\\bx{0,3}\\b,armed\n")
    with pytest.raises(ValueError, match=r"context\.csv: data row 2 has more fields"):
        read_table("context.csv", tmp_path)
