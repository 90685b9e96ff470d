"""Sentence ends (etl/engine/text.py): a full stop after an abbreviation, a title or an initial ends no sentence,
and neither does a line break that only wraps a sentence (rule text.line_wrap). Every text here is written for the
project."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.engine.article import extract_article
from etl.engine.text import sentence_spans
from etl.lexicon import load


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Det. Sgt. Ana Varga said two men were held. Nobody else was hurt.",
        "Deputy Dist. Atty. Tom Reyes told the court three shots were fired. The jury left at noon.",
        "The farmer Juan Sta. Cruz was shot dead near the river. His brother survived.",
        "Pvt. Omar Diallo and Cpl. Ben Kato were wounded. The patrol returned to base.",
        "Asst. Supt. Rita Mensah said 5 people died. Insp. Paul Okoro confirmed it.",
    ],
)
def test_a_title_before_a_name_ends_no_sentence(text: str) -> None:
    assert len(sentences(text)) == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Four guards were killed in the raid, according to a U.S.\nofficial who spoke on condition of anonymity.",
            1,
        ),
        ("The attack was condemned by the U.N.\nenvoy for the region on Friday.", 1),
        ("The convoy was led by Lt.\nGen. Omar Hadi, who said 3 soldiers died.", 1),
        ("Two men were shot by a J.\nSmith, a guard at the gate, on Monday.", 1),
        ("Shelling began at 4 a.m.\nand went on until dusk, residents said.", 1),
        ("Nine people were killed when the bus hit a mine on the\nroad to the border, officials said.", 1),
        ("Gunfire was heard near the U.N.\r\ncompound, a resident said.", 1),  # a line break as Windows writes it
    ],
)
def test_a_line_break_that_only_wraps_a_sentence_ends_none(text: str, expected: int) -> None:
    assert sentences(text) == [text][:expected]


@pytest.mark.parametrize(
    "text",
    [
        "Troops left the town on Friday.\nResidents returned on Sunday.",  # a full stop, then a capital
        "Troops left the town on Friday\nResidents returned on Sunday",  # lines without full stops: headlines
        "Troops withdrew from the U.S.\n\nofficials said nothing.",  # a blank line is a paragraph break
        "UPDATE 10:40 p.m.\n\nPolice said two people were hurt.",  # a time stamp above a paragraph
        "Curfew lifted\n\n\nthe market reopened on Monday.",  # several blank lines
        "The raid ended at 5 a.m.\r\n\r\nthe soldiers withdrew.",  # a blank line as Windows writes it
    ],
)
def test_a_line_break_that_ends_a_line_of_its_own_still_ends_it(text: str) -> None:
    assert len(sentences(text)) == 2


def test_a_wrapped_line_is_no_new_paragraph() -> None:
    text = "Five soldiers died, said a U.S.\nofficial.\n\nThe base was closed.\nIts gates were shut."
    assert [p for _, _, p in sentence_spans(text)] == [0, 2, 3]


def test_a_source_after_a_wrapped_abbreviation_stays_with_its_count() -> None:
    text = "Gunmen killed 6 farmers near Lumbo on Tuesday, according to a U.S.\nofficial in the capital."
    lex = load()
    [report] = extract_article(text, "wrap", dt.date(2024, 3, 14), lex).reports
    assert report["count_best"] == 6 and report["reporting_source"]
    assert "text.line_wrap" in report["rules"].split(";")
    with rules.disabled({"text.line_wrap"}):
        [cut] = extract_article(text, "wrap", dt.date(2024, 3, 14), lex).reports
    assert cut["reporting_source"] is None
