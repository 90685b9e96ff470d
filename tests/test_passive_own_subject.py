"""link.passive_own_subject: a passive after a clause's own subject ("before he was killed") is not the verb of a
count before it. Sentences written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)


@pytest.fixture(scope="module")
def lex():
    return load()


def _killed(text: str, lex) -> list[tuple[int, str]]:
    return [(r["count_best"], r["victim_group"]) for r in extract_article(text, "t", PUB, lex).reports
            if r["outcome"] == "killed"]


@pytest.mark.parametrize(
    "text",
    [
        "A gunman shot three shoppers at a market in Sako on Tuesday before he was killed by soldiers.",
        "Gunmen fired on five farmers in Lumbo on Sunday before they were killed in a shootout.",
        "Two attackers held ten hostages in a bank in Sako until they were killed by commandos.",
    ],
)
def test_the_hostages_or_the_shot_are_not_those_killed(lex, text: str) -> None:
    assert all(group != "civilians" for _, group in _killed(text, lex))


def test_a_distant_passive_without_a_clause_of_its_own_still_links(lex) -> None:
    assert _killed("52 soldiers collecting their pay at a base near Sako were killed on Tuesday.", lex) == [
        (52, "security_forces")
    ]
