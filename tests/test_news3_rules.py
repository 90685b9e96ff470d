"""Counting rules of issue 9's fourth news round: sums of one victim group (along with, also), the bomber who
killed himself, and nationality nouns ("a U.S. citizen") that name no victim group. Every text is written for the
project."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)  # a Thursday


@pytest.fixture(scope="module")
def lex():
    return load()


def _counts(text: str, lex) -> list[tuple[str, str, int]]:
    rows = extract_article(text, "sums", PUB, lex).reports
    return sorted((r["outcome"], r["victim_group"], r["count_best"]) for r in rows)


def test_a_bomber_who_killed_himself_is_one_militant_not_two(lex):
    text = "A suicide bomber who killed himself and 11 worshippers at the mosque in Sako on Tuesday was a local man."
    assert _counts(text, lex) == [("killed", "civilians", 11), ("killed", "militants", 1)]


def test_along_with_adds_the_same_group_and_keeps_other_groups_apart(lex):
    same = "A bomb hit the market in Lumbo on Sunday. Five Danes were wounded, three of them badly, along with a Swede."
    assert _counts(same, lex) == [("injured", "unknown", 6)]
    other = "Seven villagers were killed along with four soldiers in Lumbo on Sunday."
    assert _counts(other, lex) == [("killed", "civilians", 7), ("killed", "security_forces", 4)]


def test_also_adds_to_the_earlier_count_of_its_group_only(lex):
    same = "A bomb hit a cafe in Sako on Tuesday. One Finn was injured, police said. Two Poles were also wounded."
    assert _counts(same, lex) == [("injured", "unknown", 3)]
    other = "A bomb hit a cafe in Sako on Tuesday. One soldier was injured. Two shoppers were also wounded."
    assert len(_counts(other, lex)) == 2


def test_a_nationality_noun_after_a_country_word_is_no_victim_group(lex):
    text = "Attacks by gunmen have killed 14 Danes and a Swiss citizen since early May."
    assert _counts(text, lex) == [("killed", "unknown", 15)]
    foreign = "A car bomb in Lumbo on Sunday killed three foreign nationals."
    assert _counts(foreign, lex) == [("killed", "unknown", 3)]


def test_citizens_alone_stay_civilians(lex):
    assert _counts("Shelling of Sako killed 40 citizens in the past week.", lex) == [("killed", "civilians", 40)]


def test_a_part_of_no_group_stays_in_the_rest_of_its_total(lex):
    text = "A bomb in Sako on Tuesday killed 60 people, including 9 soldiers, two Swiss nationals and a child."
    assert _counts(text, lex) == [
        ("killed", "civilians", 1),
        ("killed", "security_forces", 9),
        ("killed", "unknown", 50),
    ]


def test_a_relative_inside_a_total_stays_in_its_rest_and_other_groups_split(lex):
    text = "A bomb in Sako on Tuesday killed 12 people, including his two sons and a soldier."
    assert _counts(text, lex) == [("killed", "security_forces", 1), ("killed", "unknown", 11)]
    apart = "A bomb in Sako on Tuesday killed 12 people, including four children."
    assert ("killed", "civilians", 4) in _counts(apart, lex)


def test_a_name_with_a_hyphenated_article_is_a_named_victim(lex):
    assert _counts("Gunmen shot and killed Ali al-Hassan in Sako on Tuesday.", lex) == [("killed", "unknown", 1)]
    subject = "Gunmen attacked the car of General Omar al-Kadi in Lumbo on Sunday. Al-Kadi was killed in the attack."
    assert _counts(subject, lex) == [("killed", "unknown", 1)]


def test_a_group_with_a_hyphenated_article_is_no_named_victim(lex):
    assert _counts("Troops killed 12 al-Shabaab fighters in Lumbo on Sunday.", lex) == [("killed", "militants", 12)]
