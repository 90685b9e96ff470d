"""A count told again as a part of itself is counted once (GUIDELINES: reports partition the victims per incident
and outcome; the same quantity told twice is one report). Every sentence here is written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)  # a Thursday
TITLE = "Militant attack in Sako"  # an armed-violence headline, so that the sentences are read as conflict news


@pytest.fixture(scope="module")
def lex():
    return load()


def _counts(text: str, lex) -> list[tuple[str, str, int]]:
    """The article's reports as (outcome, victim group, best count), sorted."""
    reports = extract_article(text, "subset", PUB, lex, title=TITLE).reports
    return sorted((r["outcome"], r["victim_group"], r["count_best"]) for r in reports)


def _rules(text: str, lex) -> set[str]:
    reports = extract_article(text, "subset", PUB, lex, title=TITLE).reports
    return {i for r in reports for i in r["rules"].split(";")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the participle says how badly some of those counted were hurt: no more victims
        ("A man stabbed four shoppers in Lumbo on Tuesday, seriously wounding two.", [("injured", "civilians", 4)]),
        (
            "An attacker knifed and stabbed five people near the port of Sako on Sunday, critically injuring one.",
            [("injured", "unknown", 5)],
        ),
        (
            "Rebels wounded 14 people in a grenade attack on Sako on Sunday, badly injuring six of them.",
            [("injured", "unknown", 14)],
        ),
        (
            "A youth stabbed three people at a fair in Lumbo on Tuesday, injuring two of them seriously.",
            [("injured", "unknown", 3)],
        ),
        # a part of another group is split off, and the parts still add up to the total
        (
            "A man stabbed three people at a market in Sako on Sunday, critically wounding a boy.",
            [("injured", "civilians", 1), ("injured", "unknown", 2)],
        ),
    ],
)
def test_a_severity_participle_tells_a_part_of_the_count_before_it(lex, text, expected):
    assert _counts(text, lex) == expected
    assert "group.severity_participle" in _rules(text, lex)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # other people: "others", another group than the total's own, a new clause with its own verb
        (
            "A man stabbed three people in Lumbo on Tuesday, wounding two others.",
            [("injured", "unknown", 2), ("injured", "unknown", 3)],
        ),
        (
            "A mortar round wounded four soldiers in Sako on Sunday, injuring two civilians seriously.",
            [("injured", "civilians", 2), ("injured", "security_forces", 4)],
        ),
        (
            "A bomb wounded six people in Sako on Sunday, and a second bomb in Lumbo, seriously injuring two.",
            [("injured", "unknown", 2), ("injured", "unknown", 6)],
        ),
    ],
)
def test_a_participle_of_other_victims_still_counts(lex, text, expected):
    assert _counts(text, lex) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "of them", "of whom", "among them": some of the count by how badly hurt, 9 injured, not 13
        ("Nine people were wounded in a blast in Lumbo on Tuesday, four of them seriously.", 9),
        ("A blast in Lumbo on Tuesday wounded nine people, of whom four seriously.", 9),
        ("A blast in Lumbo on Tuesday wounded nine people, four of whom were in serious condition.", 9),
        ("Nine people were wounded in a blast in Lumbo on Tuesday, among them four seriously.", 9),
        ("A car bomb in Sako on Sunday injured nine people, leaving four in critical condition.", 9),
    ],
)
def test_a_partitive_by_severity_is_no_count_of_its_own(lex, text, expected):
    assert _counts(text, lex) == [("injured", "unknown", expected)]


def test_shot_is_no_outcome_so_only_the_killed_of_those_shot_count(lex):
    """Convention (docs/codebook.md): "shot" alone is no outcome, so "shot five, killing two" is 2 killed and the
    other three, whose fate the sentence does not tell, are not counted as injured."""
    text = "Gunmen shot six farmers near Lumbo on Tuesday, killing two."
    assert _counts(text, lex) == [("killed", "unknown", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dead are some of those hurt just before them: killed, and the hurt keep the rest
        (
            "Rebels ambushed a patrol near Sako on Sunday, wounding nine policemen, three of whom later died.",
            [("injured", "security_forces", 6), ("killed", "security_forces", 3)],
        ),
        (
            "Eleven people were injured by a grenade in Lumbo on Tuesday, two of them fatally.",
            [("injured", "unknown", 9), ("killed", "unknown", 2)],
        ),
        (
            "A man stabbed five worshippers outside a church in Sako on Sunday, killing one.",
            [("injured", "civilians", 4), ("killed", "civilians", 1)],
        ),
        (
            "A man stabbed five people in Lumbo on Tuesday, one of whom died in hospital.",
            [("injured", "unknown", 4), ("killed", "unknown", 1)],
        ),
        # "shot" alone is no outcome: only the dead of those shot count
        (
            "Two soldiers were shot at a checkpoint in Sako on Sunday, one of them fatally.",
            [("killed", "security_forces", 1)],
        ),
    ],
)
def test_the_dead_among_those_hurt_are_taken_out_of_them(lex, text, expected):
    assert _counts(text, lex) == expected
    assert "count.killed_of_injured" in _rules(text, lex)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a description of some of the wounded, or a killing verb after a count that is no stabbing
        (
            "A bomb wounded ten people in Lumbo on Tuesday, two of whom were children.",
            [("injured", "civilians", 2), ("injured", "unknown", 8)],
        ),
        (
            "Shelling wounded eleven people in Sako on Sunday, killing three.",
            [("injured", "unknown", 11), ("killed", "unknown", 3)],
        ),
    ],
)
def test_other_clauses_after_the_wounded_take_nothing_from_them(lex, text, expected):
    assert _counts(text, lex) == expected
