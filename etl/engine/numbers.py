"""Stage 2, numbers: whole numbers in digits or words and number phrases with their qualifier
("at least 20", "between 10 and 15", "dozens", "a"), read from the conventions.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon, NumberPhrase
from . import rules
from .text import Tok
from .words import DETERMINERS_ONE

_FIRST_WORDS: dict[int, tuple[dict, dict[str, tuple[int, ...]]]] = {}


def _first_words(words: dict[tuple[str, ...], object]) -> dict[str, tuple[int, ...]]:
    """Index of a phrase table by first word: the phrase lengths to try, longest first (built once per table)."""
    cached = _FIRST_WORDS.get(id(words))
    if cached is None or cached[0] is not words:
        index: dict[str, set[int]] = {}
        for key in words:
            index.setdefault(key[0], set()).add(len(key))
        cached = (words, {w: tuple(sorted(n, reverse=True)) for w, n in index.items()})
        _FIRST_WORDS[id(words)] = cached
    return cached[1]


def _match(words: dict[tuple[str, ...], object], toks: list[Tok], i: int, longest: int) -> tuple[object, int] | None:
    """The longest phrase of `words` starting at token i: (value, end index)."""
    if i >= len(toks):
        return None
    first = toks[i].low
    cached = _FIRST_WORDS.get(id(words))
    lengths = (cached[1] if cached is not None and cached[0] is words else _first_words(words)).get(first)
    if not lengths:
        return None
    size = len(toks)
    for n in lengths:
        if n <= longest and i + n <= size:
            key = (first,) if n == 1 else tuple(t.low for t in toks[i : i + n])
            if key in words:
                return words[key], i + n
    return None


DIGITS = re.compile(r"\d+(?:\.\d+)?")


THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def cardinal(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, int] | None:
    """A whole number written in digits or words at token i: (value, end index)."""
    if i >= len(toks):
        return None
    t = toks[i].low
    if t[0].isdigit():
        digits = t.replace(",", "")
        if not DIGITS.fullmatch(digits) or ("," in t and not THOUSANDS.fullmatch(t)):
            return None
        value = float(digits)
        j = i + 1
        if j < len(toks) and toks[j].low in ("million", "thousand", "hundred"):
            value *= lex.number_words[toks[j].low]
            j += 1
        elif j < len(toks) and toks[j].low == "dozen":  # "2 dozen"
            value *= 12
            j += 1
        return (int(value), j) if value == int(value) else None
    total, current, j, seen = 0, 0, i, False
    while j < len(toks):
        parts = toks[j].low.split("-")
        if not all(p in lex.number_words for p in parts):
            if toks[j].low == "and" and seen and j + 1 < len(toks) and _and_words(toks[j + 1].low, total, current, lex):
                j += 1
                continue
            break
        for p in parts:
            v = lex.number_words[p]
            if v == 100:
                current = max(current, 1) * 100
            elif v >= 1000:
                total += max(current, 1) * v
                current = 0
            else:
                current += v
        seen = True
        j += 1
    if not seen:
        return None
    if _tens_then_digit(toks, j, current):
        return total + current + int(toks[j].low), j + 1
    return total + current, j


def _tens_then_digit(toks: list[Tok], j: int, current: int) -> bool:
    """rule: number.tens_digit: "Forty 6 people were injured", "Twenty 2 were killed": a tens word then a single
    digit, as text whose small numbers were turned into digits writes 46 and 22, is one number."""
    if not (
        j < len(toks)
        and len(toks[j].low) == 1
        and toks[j].low in "123456789"
        and current % 100 in (20, 30, 40, 50, 60, 70, 80, 90)
        and rules.on("number.tens_digit")
    ):
        return False
    rules.fire("number.tens_digit")
    return True


def _and_words(after: str, total: int, current: int, lex: Lexicon) -> bool:
    """Whether "and" joins the number words before it to the word after it.

    rule number.and_words: "one hundred and thirty-seven" is 137: after a round hundred, a hyphenated word too."""
    if not rules.on("number.and_words"):
        return after in lex.number_words
    if all(p in lex.number_words for p in after.split("-")) and current % 100 == 0 and current + total > 0:
        rules.fire("number.and_words")
        return True
    return False


def number_phrase(toks: list[Tok], i: int, lex: Lexicon) -> tuple[NumberPhrase, int, bool] | None:
    """A counted amount at token i, with its qualifier: (phrase, end index, needs a singular noun)."""
    qualifier = None
    mod = _match(lex.modifiers, toks, i, 3)
    k = i
    if mod is not None:
        nxt = mod[1]
        if nxt < len(toks) and (cardinal(toks, nxt, lex) or toks[nxt].low in ("a", "an", "dozen")):
            qualifier, k = mod
    if k < len(toks) and toks[k].low == "between":
        a = cardinal(toks, k + 1, lex)
        if a and a[1] < len(toks) and toks[a[1]].low == "and":
            b = cardinal(toks, a[1] + 1, lex)
            if b:
                return NumberPhrase(a[0], a[0], b[0], "range"), b[1], False
    if k < len(toks) and toks[k].low == "another":
        k2 = k + 1
        c = cardinal(toks, k2, lex)
        if c:
            k = k2
    vague = _match(lex.number_phrases, toks, k, 5)
    c = cardinal(toks, k, lex)
    if vague is not None and (c is None or vague[1] > c[1]):
        phrase, j = vague
        if qualifier:
            phrase = NumberPhrase(phrase.low, phrase.best, phrase.high, qualifier)
        return phrase, j, False
    if c is not None:
        value, j = c
        # ranges: "10 to 15", "10-15", "two or three"
        if j + 1 < len(toks) and toks[j].low in ("to", "or", "-", "–") and qualifier is None:
            c2 = cardinal(toks, j + 1, lex)
            if c2 and c2[0] > value:
                return NumberPhrase(value, value, c2[0], "range"), c2[1], False
        if qualifier in ("at_least", "more_than"):
            return NumberPhrase(value, value, None, qualifier), j, False
        if qualifier == "at_most":
            return NumberPhrase(None, value, value, qualifier), j, False
        if qualifier == "approximately":
            return NumberPhrase(None, value, None, qualifier), j, False
        return NumberPhrase(value, value, value, "exact"), j, False
    if k < len(toks) and toks[k].low in DETERMINERS_ONE and qualifier is None:
        return NumberPhrase(1, 1, 1, "exact"), k + 1, True
    return None


def _is_number_word(tok: Tok, lex: Lexicon) -> bool:
    """A whole number in digits or words: "4", "12", "four"."""
    return tok.low.isdigit() or tok.low in lex.number_words
