"""Count rules of issue 9's per-document sets (helper "counts"): the language classes they cover, in sentences
written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.extract import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)


@pytest.fixture(scope="module")
def lex():
    return load()


def totals(text: str, lex) -> tuple[int, int]:
    """(killed, injured) incident totals of one article, as the per-document sets sum them."""
    reports = extract_article(text, "test-article", PUB, lex).reports
    got = {"killed": 0, "injured": 0}
    for r in reports:
        if r["kind"] == "incident" and r["outcome"] in got:
            got[r["outcome"]] += r["count_best"] or 0
    return got["killed"], got["injured"]


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("Rebels stopped a truck near Taro on Monday. One porter was beaten with sticks and injured.", 0, 1),
        ("Militants burned huts in Taro on Monday. One farmer was slashed with a knife and wounded.", 0, 1),
        ("Gunmen seized six miners near Taro on Monday. The six miners were tied up before being shot and killed.",
         6, 0),
        ("Militia fighters raided Taro on Monday. Two guards were shot and wounded.", 0, 2),
    ],
)  # fmt: skip
def test_manner_then_outcome(lex, text, dead, hurt):
    assert totals(text, lex) == (dead, hurt)


def test_manner_without_outcome_counts_nobody(lex):
    text = "Militants raided a house in Taro on Monday. Ten men were arrested and charged with theft."
    assert totals(text, lex) == (0, 0)


def test_a_group_word_inside_a_unit_name_with_its_acronym(lex):
    text = "Militants overran a post near Taro on Monday. Six Village Guard (VG) members were killed."
    assert totals(text, lex) == (6, 0)


def test_a_hand_kept_place_is_a_prior_not_an_override(lex):
    """places_extra.csv: a hand-kept name is found and weighs place_prior_votes for its country, but it no longer
    outranks the gazetteer by fiat."""
    from etl import geo

    assert "mogadishu" in lex.places_kept
    assert lex.places["mogadishu"][0][2] >= int(lex.settings["place_prior_population"])
    found = [m for m in geo.mentions("Gunmen attacked a hotel in Mogadishu on Monday.", lex) if m.kind == "place"]
    assert found and found[0].codes[0] == "SOM" and not found[0].hand_kept
    assert found[0].prior == float(lex.settings["place_prior_votes"])
    assert geo.resolve(found, geo.article_votes(found))[0] == "SOM"
    # a sentence that names another country twice outweighs the prior
    text = "From Mogadishu the convoy drove into Kenya, where gunmen in Kenya attacked it on Monday."
    window = geo.mentions(text, lex)
    assert geo.resolve(window, geo.article_votes(window))[0] == "KEN"


def groups_killed(text: str, lex) -> dict[str, int]:
    reports = extract_article(text, "test-article", PUB, lex).reports
    got: dict[str, int] = {}
    for r in reports:
        if r["kind"] == "incident" and r["outcome"] == "killed" and r["count_best"]:
            got[r["victim_group"]] = got.get(r["victim_group"], 0) + r["count_best"]
    return got


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("A man with an axe attacked shoppers at a market in Taro on Monday, killing two women, and he was shot "
         "dead by police.", {"civilians": 2, "militants": 1}),
        ("A man stabbed a nurse in a clinic in Taro on Monday and took a porter hostage before he was killed by "
         "soldiers.", {"militants": 1}),
        ("An insurgent opened fire on a checkpoint in Taro on Monday. He was shot and killed by soldiers.",
         {"militants": 1}),
    ],
)  # fmt: skip
def test_the_attacker_killed_by_police_is_a_militant(lex, text, dead):
    assert groups_killed(text, lex) == dead


def test_a_victim_killed_when_asleep_is_no_attacker(lex):
    text = "Militants shelled Taro on Monday. The mother of the child was asleep at home when she was killed."
    assert "militants" not in groups_killed(text, lex)


@pytest.mark.parametrize(
    "text",
    [
        "Militants fired on a market in Taro on Monday. Five people - including a boy - were shot dead.",
        "Militants fired on a market in Taro on Monday. Five people — including a 12-year-old boy — were shot dead.",
        "Militants fired on a mosque in Taro on Monday. Five worshippers – including the imam, were killed.",
    ],
)
def test_an_inclusion_between_dashes(lex, text):
    assert totals(text, lex) == (5, 0)


def test_a_toll_of_all_the_dead_updates_one_groups_count(lex):
    text = "Rebels killed 20 villagers in Lumbo on Sunday. On Sunday night the death toll rose to 27 people."
    assert totals(text, lex) == (27, 0)
    # two groups counted before: the toll updates the first (19 + 3; adding it to both would give 34)
    text = "Militants killed 12 soldiers and 3 civilians near Taro on Monday. On Tuesday the death toll rose to 19."
    assert totals(text, lex)[0] == 22


@pytest.mark.parametrize(
    "text",
    [
        "Rebels raided Sako on Tuesday. The death toll rose from 12 to 19, police said.",
        "A bomb hit a market in Lumbo on Sunday. By Monday the toll had climbed from 12 to 19.",
        "The toll from the raid on Sako on Tuesday rose from 12 to 19 dead.",
    ],
)
def test_a_toll_that_rose_from_one_figure_to_another_is_the_new_figure(lex, text):
    assert totals(text, lex) == (19, 0)


def test_a_range_with_to_is_still_a_range(lex):
    reports = extract_article("Militants killed 10 to 15 villagers in Taro on Monday.", "t", PUB, lex).reports
    assert [(r["count_low"], r["count_best"], r["count_high"]) for r in reports] == [(10, 10, 15)]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Gunmen shot and killed Omar Bakri in Taro on Monday. Bakri's nephew was also killed in the attack.", 2),
        ("Militants killed two soldiers near Taro on Monday. Two civilians were also killed.", 4),
        ("Militants shot dead Jane Roe in Lumbo on Sunday. Roe's driver was also killed in the attack.", 2),
    ],
)
def test_also_killed_tells_of_more_victims(lex, text, dead):
    assert totals(text, lex)[0] == dead
