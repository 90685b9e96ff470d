"""People counted once and told of again: "Gunmen abducted four farmers ... The farmers were killed the next day".

A hook on a sentence's tokens before it is read (article.read_reports): a definite plural subject that names
people an earlier sentence of the same paragraph counted when they were taken or attacked gets that count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# verbs of taking or attacking people, before the count: "abducted four farmers", "kidnapped 11 miners"
TAKEN = r"(?:abducted|kidnapped|captured|seized|took|taken|attacked|ambushed|detained|tied up)"
NUMBER = r"(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
EARLIER = re.compile(rf"\b{TAKEN}\s+(?:at least\s+)?{NUMBER}\s+(?P<words>(?:[\w-]+\s+){{0,3}}?)(?P<noun>[a-z]+s)\b")
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
WORDS.update({"eleven": 11, "twelve": 12})
DEFINITE = ("the", "these", "those", "all")


def definite_count(toks: Sequence[Any], before: str, make_tok: Any) -> list[Any]:
    """rule: victims.definite_anaphora: "The farmers were killed" after "abducted four farmers" reads as "4 farmers
    were killed": the sentence's tokens with its opening "The" given the earlier count, or the tokens unchanged."""
    were = next((w for w in range(2, min(len(toks), 5)) if toks[w].low == "were"), None)
    if were is None or toks[0].low not in DEFINITE or not toks[were - 1].low.endswith("s"):
        return list(toks)
    if not all(t.low.isalpha() for t in toks[1:were]):
        return list(toks)
    noun = toks[were - 1].low  # "The police officers were": officers
    found = [m for m in EARLIER.finditer(before.lower()) if m["noun"] == noun]
    if not found:
        return list(toks)
    n = found[-1]["n"]
    value = str(WORDS.get(n, n))
    first = toks[0]
    return [make_tok(value, value, first.start, first.end), *toks[1:]]
