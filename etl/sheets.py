"""Spreadsheet safety: text cells a spreadsheet would run as formulas are written as text.

A cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP's CSV-injection
advice). One helper for every CSV the project writes: `python -m etl export` and the dashboard's downloads.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_RISKY = r"^[=+\-@\t\r]"


def guard_cell(value: Any) -> Any:
    """A string that a spreadsheet would run as a formula, prefixed with an apostrophe; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell guarded against formula injection (numbers and dates untouched)."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if pd.api.types.is_string_dtype(col) or col.dtype == object:
            text = col.astype("string")
            risky = text.str.match(_RISKY, na=False)
            if risky.any():
                out[name] = text.mask(risky, "'" + text)
    return out
