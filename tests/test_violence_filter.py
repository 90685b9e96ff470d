"""Which stories are armed violence at all (GUIDELINES.md: not accidents, disasters, disease or ordinary crime).

filter.lone_armed_word: a news story whose headline tells neither armed violence nor an accident, with one single
word of armed violence in its first 4,000 characters ("army", "conflict", "massacre"), tells another kind of death.
The texts are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.extract import extract_article
from etl.lexicon import load

PUB = dt.date(2026, 5, 12)

# paragraphs with no word of violence or of death, to make a story as long as a news article
FILLER = (
    "The town council met on Tuesday evening to discuss the budget for the coming year, and residents filled the "
    "hall to ask about the new bus routes and the library's opening hours.\n\n"
    "Local businesses said the summer season had started well, with hotels reporting more bookings than last year "
    "and the harbour busy with fishing boats and ferries from the islands.\n\n"
    "The regional weather office forecast a dry week with mild winds, and farmers said the wheat harvest would "
    "begin earlier than usual after a warm spring.\n\n"
    "A spokeswoman for the mayor said the plans for the new market square would be shown to the public next "
    "month, after architects finish the drawings and the costs are known.\n\n"
)


@pytest.fixture(scope="module")
def lex():
    return load()


def _reports(title: str, text: str, lex) -> list[dict]:
    return extract_article(text, "violence-test", PUB, lex, title=title).reports


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "Veteran radio host dies at 81",
            "The radio host who read the morning news for forty years died in hospital in Marlow on Sunday after "
            "a long illness, his family said. Two of his colleagues were hurt when a stage collapsed at a tribute "
            "concert last year. He had covered the conflict in the seventies as a young reporter.\n\n",
        ),
        (
            "Retired teacher found in flat, neighbour held",
            "A retired teacher was found stabbed to death in her flat in Dunmore on Saturday and a neighbour was "
            "detained, police said. Her brother, who served in the army, said the family was in shock.\n\n",
        ),
    ],
)
def test_a_long_story_with_one_word_of_armed_violence_gives_no_report(title, lead, lex):
    assert rules.on("filter.lone_armed_word")
    assert _reports(title, lead + FILLER * 2, lex) == []


def test_two_different_words_of_armed_violence_keep_the_story(lex):
    lead = (
        "Gunmen opened fire on a wedding party in the village of Karsi on Sunday, killing 7 guests, the "
        "provincial governor said. Soldiers were sent to the area overnight.\n\n"
    )
    reports = _reports("Seven guests die at village wedding", lead + FILLER * 2, lex)
    assert [(r["outcome"], r["count_best"]) for r in reports] == [("killed", 7)]


def test_a_short_event_note_with_one_word_of_armed_violence_is_kept(lex):
    note = "On 3 May 2026, rebels fired on a bus near Karsi, killing 4 passengers."
    reports = extract_article(note, "note", None, lex).reports
    assert [(r["outcome"], r["count_best"]) for r in reports] == [("killed", 4)]


def test_switching_the_rule_off_keeps_the_story(lex):
    lead = (
        "A retired teacher was found stabbed to death in her flat in Dunmore on Saturday and a neighbour was "
        "detained, police said. Her brother, who served in the army, said the family was in shock.\n\n"
    )
    with rules.disabled({"filter.lone_armed_word"}):
        kept = _reports("Retired teacher found in flat, neighbour held", lead + FILLER * 2, lex)
    assert [(r["outcome"], r["count_best"]) for r in kept] == [("killed", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Russian strikes killed 35 people in Kharkiv on Thursday, officials said.",
        "Israeli strikes on the camp killed 12 people overnight, the health ministry said.",
        "Artillery strikes hit a market in Lumbo on Sunday, and 9 people were killed.",
    ],
)
def test_strikes_that_kill_are_armed_violence(text):
    assert [r["count_best"] for r in extract_article(text, "strikes", PUB, load()).reports] in ([35], [12], [9])


def test_a_labour_strike_is_no_armed_word():
    text = "Dock workers began a strike on Monday in Lumbo. Two workers died when a crane collapsed at the port."
    assert extract_article(text, "labour", PUB, load()).reports == []
