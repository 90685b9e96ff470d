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


# ---------------------------------------- ages and years (count.age_apposition, count.year_not_count)


@pytest.mark.parametrize(
    "text",
    [
        "Shop owner Maria Lopes, 52, was killed when gunmen attacked the market.",
        "Maria Lopes (52) was killed when gunmen attacked the market.",
        "A farmer, aged 52, was killed when gunmen attacked the market.",
    ],
)
def test_an_age_is_no_count(run, text):
    assert killed(run(text)) in ({"unknown": 1}, {"civilians": 1})


def test_a_year_is_no_count(run):
    reports = run("A militia leader was sentenced on Monday for the 2019 killing of a village chief by his fighters.")
    assert all(r["count_best"] != 2019 for r in reports)
    reports = run("He was jailed in the 2018 death of a soldier during the insurgency.")
    assert all(r["count_best"] != 2018 for r in reports)


# ------------------------------------------------------------------ number words (number.and_words)


@pytest.mark.parametrize(
    ("words", "value"),
    [("One hundred and twelve", 112), ("Two hundred and five", 205), ("One thousand and forty-one", 1041)],
)
def test_number_words_with_and(run, words, value):
    assert total(run(f"{words} people were killed when militants attacked the town on Monday.")) == value


def test_two_numbers_joined_by_and_stay_apart(run):
    reports = run("Militants attacked the post on Monday: five soldiers and two civilians were killed.")
    assert killed(reports) == {"security_forces": 5, "civilians": 2}


# ---------------------------------------- named victims (victim.named_*, victims.unlisted_singular)


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("Gunmen shot and killed Jane Roe, a teacher, in Brookfield on Monday.", {"civilians": 1}, 0),
        ("In an attack, assailants shot and killed tribal elder Sheikh Omar Bakri at his home.", {"civilians": 1}, 0),
        ("In an attack on a convoy, Omar Bakri, a provincial councillor, was killed.", {"unknown": 1}, 0),
        ("Militants stormed a village. Head Constable Omar Bakri was killed and his son was hurt.", {"unknown": 1}, 1),
        ("Militants attacked a checkpoint. One police officer was killed in the blast.", {"security_forces": 1}, 0),
        ("Militants attacked a checkpoint. One bodyguard was killed and two others were injured.", {"unknown": 1}, 2),
        ("Militants attacked a checkpoint. The district chief was killed and a guard was wounded.", {"unknown": 1}, 1),
    ],
)
def test_named_single_victims(run, text, dead, hurt):
    reports = run(text)
    assert killed(reports) == dead
    assert total(reports, "injured") == hurt


def test_no_named_victim_in_a_place(run):
    reports = run("At least 22 people were killed and 41 wounded in a suicide bombing at Fort Baxter Court in Mirv.")
    assert total(reports) == 22
    assert total(reports, "injured") == 41


def test_an_attacker_who_kills_is_no_victim(run):
    reports = run("In an attack on Monday, an assailant shot and killed a former village councillor in Brookfield.")
    assert killed(reports) == {"unknown": 1}


# ------------------------------------------------------------------ attackers among the dead (attackers.in_addition)


def test_in_addition_to_the_assailant(run):
    reports = run(
        "A suicide bomber struck a market on Monday. In addition to the assailant, at least 20 civilians were "
        "killed and 30 were injured."
    )
    assert killed(reports) == {"militants": 1, "civilians": 20}


def test_in_addition_to_the_attacker_who_wounded(run):
    reports = run("Militants attacked a base on Monday. In addition to the attacker, five soldiers were wounded.")
    assert killed(reports) == {}


# ------------------------------------------------------------------ only violence counts (violence.headline)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Tower crane topples onto busy street, two dead", "A crane fell in Brookfield on Monday, killing two people."),
        ("Freight train derails near Mirville; 12 hurt", "Twelve people were injured on Monday, police said."),
        ("Army truck overturns on mountain road, three soldiers killed", "Three soldiers were killed on Monday."),
        ("Stadium disaster inquiry names police failures", "Forty people died in the crush at the stadium in 1998."),
        ("Volcano erupts on island, five killed", "Five people were killed by ash on Monday, officials said."),
        ("Blaze at fuel depot kills four workers", "Four workers were killed on Monday when the fire spread."),
        ("Man rejects plea deal in death of neighbour", "The neighbour was killed in a fight, prosecutors said."),
    ],
)
def test_accidents_disasters_and_court_cases_give_no_report(run, title, text):
    # the body holds words of armed conflict that the old article test took for violence
    body = text + " The army said it would send soldiers to help, and an attack was ruled out."
    assert run(body, title=title) == []


def test_a_headline_of_armed_violence_keeps_an_accident_word(run):
    reports = run(
        "Militants attacked a convoy near Mirville on Monday, killing five soldiers, the army said.",
        title="Militants kill five soldiers in convoy attack after truck crash",
    )
    assert killed(reports) == {"security_forces": 5}


def test_a_court_case_about_an_attack_counts(run):
    reports = run(
        "The man accused of the bombing pleaded not guilty on Monday. Twelve people were killed in the attack.",
        title="Suspect in market bombing pleads not guilty",
    )
    assert total(reports) == 12


# ------------------------------------------------------------------ lists and noun phrases (list.*, count.*, noun.*)


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # list.inclusion_inside: the inclusion is one of the first count, the count after "and" is its own
        (
            "Militants stormed a post on Monday. Six guards, including the post commander, and three attackers "
            "were killed.",
            {"security_forces": 6, "militants": 3},
        ),
        # count.shared_plural: one number for two nouns
        ("Militants stormed a post on Monday. At least nine soldiers and militiamen were killed.", {"unknown": 9}),
        # noun.acronym: an acronym in brackets inside the noun phrase
        ("Militants stormed a post. Seven Village Defence Committee (VDC) members were killed.", {"unknown": 7}),
        # victims.wounded_and_later_died
        (
            "Militants attacked a patrol on Monday. One soldier was wounded and later died in hospital.",
            {"security_forces": 1},
        ),
    ],
)
def test_lists_and_noun_phrases(run, text, dead):
    assert killed(run(text)) == dead


def test_two_numbered_groups_stay_apart(run):
    reports = run("Militants stormed a post on Monday. Five soldiers and two civilians were killed.")
    assert killed(reports) == {"security_forces": 5, "civilians": 2}


# ---------------------------------------- unlisted victims (count.another_alone, count.other_unlisted)


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("Militants attacked a patrol on Monday. One ranger was killed and another was injured.", 1, 1),
        ("Militants attacked a mine on Monday. Two diggers were killed and another digger was wounded.", 2, 1),
        ("Militants attacked a convoy on Monday. The mayor was killed and two of his escorts were injured.", 1, 2),
        ("Militants attacked a convoy on Monday. Ali Noor was killed and two other clerks were injured.", 1, 2),
        ("Militants attacked a post on Monday. One person was killed and another was killed.", 1, 0),
    ],
)
def test_unlisted_victims(run, text, dead, hurt):
    reports = run(text)
    assert total(reports) == dead
    assert total(reports, "injured") == hurt


def test_no_victims_among_things(run):
    assert run("Militants attacked a farm on Monday. Two of his barns were destroyed.") == []


# ---------------------------------------- pairs of victims (victims.pair, victims.pair_object)


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Gunmen attacked a house on Monday. Omar Bakri and his nephew were killed in the attack.", 2),
        ("Gunmen attacked a house on Monday. The mayor and a clerk were killed in the attack.", 2),
        ("Gunmen shot and killed a farmer and his cousin on Monday near the village.", 2),
        ("Gunmen attacked a house on Monday. The chief and his three sons were killed.", 4),
    ],
)
def test_pairs_of_victims(run, text, dead):
    assert total(run(text)) == dead


def test_a_pair_of_things_is_no_victim(run):
    assert total(run("Gunmen attacked a base on Monday. The armoury and a depot were destroyed.")) == 0


# ---------------------------------------- told again (victims.definite_anaphora, victims.not_a_time)


def test_people_taken_then_killed(run):
    reports = run("Gunmen abducted four farmers near Kalo on Monday. The farmers were killed the next day.")
    assert total(reports) == 4


def test_people_taken_then_released(run):
    assert run("Militants abducted two police officers on Monday. The officers were released.") == []


def test_a_time_is_no_victim(run):
    reports = run("Militants abducted Omar Bakri, a teacher, on Monday. He was shot and killed a short time later.")
    assert total(reports) <= 1


# ---------------------------------------- people of a named person (victims.possessed)


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("Gunmen attacked the mayor's convoy on Monday. Bakri's bodyguard was also killed in the attack.", 1, 0),
        ("Gunmen attacked a house on Monday. Bakri's wife and daughter were injured in the attack.", 0, 2),
        ("Gunmen attacked a house on Monday. Bakri's nephew was killed and Bakri's cousin was wounded.", 1, 1),
    ],
)
def test_people_of_a_named_person(run, text, dead, hurt):
    reports = run(text)
    assert total(reports) == dead
    assert total(reports, "injured") == hurt


def test_ordinary_crime_gives_no_report(run):
    reports = run(
        "A man shot two people at a car dealership on Monday before police shot him dead, the sheriff said. The army "
        "veteran had no criminal record.",
        title="Suspect killed after workplace shooting leaves two dead",
    )
    assert reports == []


def test_a_shooting_headline_with_an_attack_in_the_lead_counts(run):
    reports = run(
        "Militants opened fire on worshippers at a mosque on Friday, killing 12 people, police said.",
        title="Gunman kills 12 at mosque",
    )
    assert total(reports) == 12


def test_a_name_that_is_also_a_place(run):
    # "Kabul" is in the gazetteer; a place is never what "was killed", so here it names a person
    reports = run("Gunmen opened fire on a teacher named Omar Kabul on Monday. Kabul was killed in the attack.")
    assert total(reports) == 1
    assert run("Gunmen attacked Kabul on Monday. Kabul was shelled for hours.") == []
