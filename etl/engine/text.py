"""Stage 1, text: an article's sentences (with paragraph numbers) and each sentence's tokens."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import NamedTuple

from ..lexicon import TOKEN
from . import rules
from .words import ABBREVIATIONS

# "said.The son": scraped text that lost the space after a full stop still ends a sentence there
SENTENCE_END = re.compile(
    r"[.!?](?:[\"”’')\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]{2}|\d+ [a-z]))|\n"
)


INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s.a" before a full stop
LINE_BREAK_WITHIN_PARAGRAPH = re.compile(r"[^\S\n]*(?=[^\s])")  # what follows a single line break: no blank line
_BEFORE_LINE_END = re.compile(r"(\S+)\.[\"”’')\]]*[^\S\n]*\Z")  # the word before the full stop that ends a line


def _abbreviation(word: str) -> bool:
    """Whether a word before a full stop is an abbreviation or an initial, whose full stop ends no sentence."""
    w = word.lower().lstrip('("“')
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or bool(INITIALS.fullmatch(w))


def _line_wraps(text: str, at: int) -> bool:
    """Whether the line break at `at` only wraps a sentence: a single break (no blank line after or before it)
    before a word in lower case ("a U.S.⏎official said") or after a line ending on an abbreviation or an initial
    ("Lt.⏎Gen. Omar Ali said"). Rule text.line_wrap."""
    after = LINE_BREAK_WITHIN_PARAGRAPH.match(text, at + 1)
    if after is None or text[after.end()] == "\n":
        return False
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at]
    if not line.strip():
        return False  # a blank line before it: a paragraph break
    if text[after.end()].islower():
        return True
    ends = _BEFORE_LINE_END.search(line[-40:])
    return ends is not None and _abbreviation(ends.group(1))


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence; abbreviations and initials do not end one, nor does a line
    break that only wraps a sentence (rule text.line_wrap)."""
    spans: list[tuple[int, int, int]] = []
    start, para = 0, 0
    for m in SENTENCE_END.finditer(text):
        first = m.group()[0]
        at = m.start()
        if first == ".":
            word = text[max(0, at - 8) : at].rsplit(None, 1)[-1:] or [""]
            if _abbreviation(word[0]):
                continue
        elif first == "\n" and _line_wraps(text, at) and rules.on("text.line_wrap"):
            rules.fire("text.line_wrap")
            continue
        end = at if first == "\n" else at + 1
        if text[start:end].strip():
            spans.append((start, end, para))
        if first == "\n":
            para += 1
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text), para))
    return spans


class Tok(NamedTuple):
    """One token: its text, lower-cased text and offsets in the article (a named tuple: cheap to make)."""

    text: str
    low: str
    start: int
    end: int


_new_tok = tuple.__new__  # Tok(...) without the Python-level __new__ of a named tuple


def tokenize(text: str, offset: int) -> list[Tok]:
    return [_new_tok(Tok, (m[0], m[0].lower(), offset + m.start(), offset + m.end())) for m in TOKEN.finditer(text)]


def _windows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching character ranges merged, in order."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _within(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset falls in one of the ranges (start, end), by bisection over their starts."""
    ranges = sorted(ranges)
    starts, reach, top = [], [], -1
    for a, b in ranges:
        top = max(top, b)
        starts.append(a)
        reach.append(top)  # the furthest end of the ranges starting up to here

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos)
        return i > 0 and reach[i - 1] > pos

    return inside


def _by_sentence(items: list, position: Callable, sentence_of: Callable[[int], int]) -> dict[int, list]:
    """Items grouped by the sentence their offset falls in, each group in the items' order."""
    out: dict[int, list] = {}
    for item in items:
        out.setdefault(sentence_of(position(item)), []).append(item)
    return out


def _sorted_positions(positions: list[int]) -> list[int] | None:
    """The offsets when they are in order (so bisection finds the last one before a point), else None."""
    return positions if all(a <= b for a, b in zip(positions, positions[1:], strict=False)) else None
