"""Numeric dates: "01/25/2021", "25.01.2021", "25-01-2021" (two numbers and a four-digit year), read like written
ones; a date whose two numbers could both be a month is read by the conventions of etl/conventions/dates.csv.

Called by dates.explicit_dates (etl/dates.py), so every stage that reads days reads these too.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ..lexicon import read_table
from . import rules

# rule date.numeric: two numbers and a four-digit year, not part of a longer run of numbers
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d/-]|\.\d)"
)


def _numeric_candidates(a: int, b: int, year: int) -> dict[str, dt.date]:
    """The day a numeric date names read month first ("mdy") and day first ("dmy"), where each is a real day."""
    out = {}
    for order, (month, day) in (("mdy", (a, b)), ("dmy", (b, a))):
        try:
            out[order] = dt.date(year, month, day)
        except ValueError:
            continue
    return out


def numeric_dates(text: str, pub: dt.date | None, order: str | None = None) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of every numeric date ("01/25/2021", "25.01.2021", "2021-01-25" is ISO_DATE's).

    rule: date.numeric_order: an ambiguous date (both numbers 12 or less) is read by the first rule that decides,
    in the order conventions/dates.csv states: the source's own order (`order`, "mdy" or "dmy"), the order of the
    text's unambiguous numeric dates, the reading closest before the publication date, the separator's default.
    """
    if not rules.on("date.numeric"):
        return []
    matches = [(m, _numeric_candidates(int(m["a"]), int(m["b"]), int(m["year"]))) for m in NUMERIC_DATE.finditer(text)]
    if not matches:
        return []
    votes = {"mdy": 0, "dmy": 0}
    for _, cands in matches:
        if len(cands) == 1:
            votes[next(iter(cands))] += 1
    text_order = max(votes, key=votes.get) if votes["mdy"] != votes["dmy"] else None
    found = []
    for m, cands in matches:
        if not cands:
            continue
        if len(cands) == 1 or cands["mdy"] == cands["dmy"]:
            day = next(iter(cands.values()))
        else:
            day = cands[_numeric_order(m["sep"], cands, order or text_order, pub)]
        found.append((m.start(), m.end(), day))
    if found:
        rules.fire("date.numeric")
    return found


def _numeric_order(sep: str, cands: dict[str, dt.date], known: str | None, pub: dt.date | None) -> str:
    """Which reading of an ambiguous numeric date to take (see numeric_dates); without rule date.numeric_order, the
    separator's default alone."""
    default = numeric_date_orders().get(sep, "mdy")
    if not rules.on("date.numeric_order"):
        return default
    chosen = default
    if known in cands:
        chosen = known
    elif pub is not None:
        before = {k: d for k, d in cands.items() if d <= pub}
        if len(before) == 1:
            chosen = next(iter(before))
        elif before:
            chosen = max(before, key=before.get)
    if chosen != default:
        rules.fire("date.numeric_order")
    return chosen


@cache
def numeric_date_orders() -> dict[str, str]:
    """Each separator's default order of an ambiguous numeric date (conventions/dates.csv)."""
    return {r["separator"]: r["order"] for r in read_table("dates.csv")}
