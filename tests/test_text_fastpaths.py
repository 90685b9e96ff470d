"""The engine's fast paths for text that reads as ASCII give what the general paths give."""

import re

from etl import actors as A
from etl.engine import notes
from etl.lexicon import ascii_like, holds_literals, required_literals


def test_ascii_like_accepts_dashes_and_curly_quotes_only():
    assert ascii_like("Gunmen killed four guards on Monday.")
    assert ascii_like("The convoy — six trucks — was hit, “officials” said.")
    assert not ascii_like("The mayor of Kırıkkale said")  # a letter
    assert not ascii_like("Stra\u017fe")  # long s: re.I matches it to "s"
    assert not ascii_like("Room \u2160")  # Roman numeral one: a number, and it has a lower case


def test_words_of_text_with_dashes_as_the_word_regex_finds():
    text = "Rebels — the “northern front” — shelled the town’s market in 2021."
    assert A.words(text) == frozenset(A.WORD.findall(text))
    assert A.lower_words(text) == frozenset(A.WORD.findall(A.lower_kept(text)))


def test_note_cue_of_text_with_dashes_as_case_blind_search():
    assert notes.may_hold_note("The attack — the third this month — was claimed online.", [])
    assert not notes.may_hold_note("Markets reopened — slowly — on Tuesday.", [])


def test_required_literals_of_a_period_pattern():
    pattern = re.compile(r"\bthe (?P<half>first|second) half of (?:the year|last year|(?P<year>\d{4}))", re.I)
    clauses = required_literals(pattern)
    assert frozenset({"the "}) in clauses and frozenset({" half of "}) in clauses
    assert frozenset({"first", "second"}) in clauses
    assert holds_literals("in the first half of 2019 the toll rose", clauses)
    assert not holds_literals("in the first quarter of 2019", clauses)  # so the regex need not run


def test_required_literals_skip_optional_parts_and_classes():
    clauses = required_literals(re.compile(r"(?:since )?\d+ (?:people|civilians)? killed"))
    assert clauses == (frozenset({" "}), frozenset({" killed"}))
    assert required_literals(re.compile(r"\w+|said")) == ()  # a branch without a literal: nothing required


def test_holds_literals_never_refuses_a_match():
    pattern = re.compile(r"\b(?:according to|said|says)\s+(?P<src>[\w.'’-]+)", re.I)
    clauses = required_literals(pattern)
    for text in ("Police SAID on Monday", "according to officials", "They Says — nothing", "no source here"):
        if pattern.search(text):
            assert holds_literals(text.lower(), clauses)
