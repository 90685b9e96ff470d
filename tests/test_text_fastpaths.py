"""The engine's fast paths for text that reads as ASCII give what the general paths give."""

from etl import actors as A
from etl.engine import notes
from etl.lexicon import ascii_like


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
