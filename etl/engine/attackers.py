"""Attackers among the dead: GUIDELINES.md counts attackers and bombers killed as militants.

Hooked into linking.read_sentence, over the sentence's tokens and its counts (chunks.Chunk).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import rules
from .named import object_name


def in_addition_to(toks: Sequence[Any], chunks: Sequence[Any]) -> None:
    """rule: attackers.in_addition: "In addition to the assailant, at least 20 civilians were killed" counts the
    assailant among the dead: the attackers named after "in addition to" take the outcome of the clause's first
    count, when it is killed (GTD's way of telling a suicide bomber's death)."""
    for n, c in enumerate(chunks):
        if c.outcome or c.group != "militants" or c.i < 3:
            continue
        if [t.low for t in toks[c.i - 3 : c.i]] != ["in", "addition", "to"]:
            continue
        if c.j >= len(toks) or toks[c.j].text != ",":
            continue
        later = next((d for d in chunks[n + 1 :] if d.outcome), None)
        if later is not None and later.outcome == "killed":
            c.outcome = "killed"
            rules.mark(c, "attackers.in_addition")


OBJECT_START = frozenset({"a", "an", "the", "his", "her", "their", "him", "them", "two", "three", "four", "five"})


def acting(toks: Sequence[Any], c: Any, j: int) -> bool:
    """rule: attackers.subject: attackers counted right before an active outcome verb with an object did it, they
    did not die: "an assailant shot and killed a village chief", "ten gunmen killed Jane Roe in Town"."""
    if c.group != "militants" or j >= len(toks):
        return False
    return toks[j].low in OBJECT_START or object_name(toks, j) is not None
