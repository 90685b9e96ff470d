"""Lists of counts with an inclusion inside: "Four police officers, including the district chief, and five
assailants were killed". Hooked into linking.read_sentence, over its tokens and counts (chunks.Chunk)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import rules

GAP_MAX = 8  # words between a count and the "including" of its inclusion: "16 members of an NDS support unit,"


def inclusion_inside_list(toks: Sequence[Any], chunks: Sequence[Any]) -> list[tuple[Any, Any]]:
    """rule: list.inclusion_inside: a count, its inclusion between commas, then "and" and a count with a verb: the
    first count shares that verb. "Four police officers, including the district chief, and five assailants were
    killed" is four officers and five assailants killed (the chief is one of the four).

    Call before the inclusions are attached; give what it returns to `apart` after."""
    found = []
    for n in range(len(chunks) - 2):
        a, part, b = chunks[n], chunks[n + 1], chunks[n + 2]
        if not b.outcome or a.outcome not in (None, b.outcome) or a.best is None:
            continue
        gap = [t.low for t in toks[a.j : part.i]]
        if "including" not in gap or len(gap) > GAP_MAX or "," not in gap[: gap.index("including")]:
            continue  # the inclusion opens with a comma: ", including (the district) ..."
        if any(w in ("was", "were", "and", "who", "which", ";", ":") for w in gap):
            continue
        tail = [t.low for t in toks[part.j : b.i]]
        if tail[-2:] != [",", "and"] or len(tail) > 5 or not all(w.isalpha() for w in tail[:-2]):
            continue  # the inclusion closes with ", and": "..., including the district police chief, and"
        if any(w in ("was", "were", "who", "which") for w in tail):
            continue
        a.outcome = b.outcome
        rules.mark(a, "list.inclusion_inside")
        found.append((a, b))
    return found


def apart(pairs: list[tuple[Any, Any]]) -> None:
    """The count after the inclusion is no part of the first: "... and five assailants were killed"."""
    for a, b in pairs:
        if b in a.parts:
            a.parts.remove(b)
            b.is_part, b.outcome = False, a.outcome


def another_repeats(toks: Sequence[Any], chunks: Sequence[Any], c: Any) -> bool:
    """Part of rule count.another_alone: "another" alone counts one more victim of another outcome ("one soldier was
    killed and another was injured"); after a count of the same outcome in the same sentence ("one person was
    killed and another was killed") it is told as a repeat, as event coders read it, and gives no count."""
    if not (c.another and c.j == c.i + 1 and toks[c.i].low == "another"):
        return False
    before = [d for d in chunks if d.j <= c.i and d.outcome]
    return bool(before) and before[-1].outcome == c.outcome
