"""Numbers that look like counts but are not: ages and years (GUIDELINES.md, "Not casualties").

Each function takes the sentence's tokens (objects with `.text` and `.low`) and the span [i, j) of a number
phrase, and says whether the number is no victim count. Hooked into chunks.chunk_at.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..dates import MONTHS

# words before a year that make it a date, not a count: "in the 2012 death of", "since 2015 attacks"
YEAR_BEFORE = frozenset(
    {"the", "a", "his", "her", "their", "its", "in", "since", "during", "of", "from", "until", "by"}
)
MAX_AGE = 120


def _is_name(tok: Any) -> bool:
    return tok.text[:1].isupper() and tok.text.isalpha()


def is_age(toks: Sequence[Any], i: int, j: int) -> bool:
    """rule: count.age_apposition: a bare number set off right after a person is an age, not a count.

    "Resident Jane Roe, 38, was killed", "Jane Roe (38) was killed", "a man, 45, died"."""
    if j != i + 1 or i < 2 or j >= len(toks) or not toks[i].low.isdigit() or int(toks[i].low) > MAX_AGE:
        return False
    before, after = toks[i - 1].text, toks[j].text
    if (before, after) not in ((",", ","), ("(", ")")):
        return False
    person = toks[i - 2]
    return _is_name(person) or person.low in ("man", "woman", "boy", "girl", "resident", "victim")


def is_day_of_month(toks: Sequence[Any], i: int, j: int) -> bool:
    """rule: count.day_of_month: a number of 1 to 31 right after a month's capitalised name is its day, not a count.

    "On March 3 two soldiers were killed", "TARO, Sept. 14 - Three soldiers were killed": 3 and 14 are days."""
    t = toks[i].low
    if i == 0 or not t.isdigit() or not 1 <= int(t) <= 31:  # (also "May 10 - Twelve soldiers", read as 10-12)
        return False
    k = i - 1
    if toks[k].text == "." and k > 0:
        k -= 1  # "Sept. 14"
    return toks[k].low in MONTHS and toks[k].text[:1].isupper()


def is_year(toks: Sequence[Any], i: int, j: int) -> bool:
    """rule: count.year_not_count: a year before a noun is a date: "in the 2012 death of", "the 2015 attacks"."""
    t = toks[i].low
    if not (t.isdigit() and len(t) == 4 and 1900 <= int(t) <= 2100) or j != i + 1:
        return False
    if i > 0 and toks[i - 1].low in YEAR_BEFORE:
        return True
    # "2012 death": a singular noun cannot be counted by a number above one
    return j < len(toks) and toks[j].low in ("death", "killing", "murder", "attack", "bombing", "shooting", "massacre")


def is_clock_time(toks: Sequence[Any], i: int, j: int) -> bool:
    """rule: count.clock_time: the minutes of a time of day are no count: "07:40 - Israeli soldier killed" (a live
    blog's time stamp), "at 9:15 two soldiers died"."""
    t = toks[i].low
    if i < 2 or len(t) != 2 or not t.isdigit() or int(t) > 59 or toks[i - 1].text not in (":", "."):
        return False
    hour = toks[i - 2]
    joined = hour.end == toks[i - 1].start and toks[i - 1].end == toks[i].start
    return joined and hour.low.isdigit() and len(hour.low) <= 2 and int(hour.low) <= 24
