"""The selection as data: a Filters value, a View of it, and their URL, SQL and pandas forms.

Everything here is pure. One `Filters` value drives every chart, map, table and download; the same
value round-trips through the page URL (`to_query` / `from_query`), becomes a DuckDB WHERE clause over
the dashboard's report relation (`where_sql`), or a boolean mask over a report frame (`mask`).

Semantics shared by SQL and pandas:
- an empty tuple means "no restriction" for that field;
- `NONE` ("(none)") selects reports whose country, perpetrator or reporting source is not stated;
- the date range keeps reports whose [date, date_end] overlaps [start, end] (inclusive), where `date` is
  the report's start date, else its article's publication date, and `date_end` its end date, else `date`;
  reports with no date at all are dropped only when a date bound is set;
- `include_vague=False` drops figures qualified as vague ("dozens", "several").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

import numpy as np
import pandas as pd

from etl import columns

NONE = "(none)"
"""Filter token selecting reports where the field (country, perpetrator, reporting source) is empty."""

INTERVALS = ("day", "week", "month", "year")
STACKS = ("outcome", "victim_group")
MEASURES = ("best", "band", "cumulative")
MAP_SCALES = ("total", "per_capita")
COMPARE_BY = ("country_code", "reporting_source")
UNITS = ("events", "reports")
"""What charts and totals count: each event once (default), or every report."""

# URL parameter -> Filters field (lists are repeated parameters: ?country=IRQ&country=SYR)
_LIST_PARAMS = {
    "country": "countries",
    "outcome": "outcomes",
    "group": "groups",
    "kind": "kinds",
    "perpetrator": "perpetrators",
    "source": "sources",
}
_CLOSED = {"outcomes": columns.OUTCOMES, "groups": columns.VICTIM_GROUPS, "kinds": columns.KINDS}
# Filters field -> column of the report relation it restricts
_FIELD_COLUMN = {
    "countries": "country_code",
    "outcomes": "outcome",
    "groups": "victim_group",
    "kinds": "kind",
    "perpetrators": "perpetrator",
    "sources": "reporting_source",
}
_NULLABLE = {"countries", "perpetrators", "sources"}
MAX_VALUES = 200
"""Most values accepted per list parameter (a URL is no place for more)."""


@dataclass(frozen=True)
class Filters:
    """What the analyst selected. Empty tuples mean all; dates are inclusive."""

    countries: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    outcomes: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    include_vague: bool = True
    unit: str = "events"
    reviewed: bool = False

    def is_default(self) -> bool:
        """True when nothing is restricted."""
        return self == Filters()


@dataclass(frozen=True)
class View:
    """How the selection is drawn (also kept in the URL)."""

    interval: str = "month"
    stack: str = "outcome"
    measure: str = "best"
    compare_by: str = "country_code"
    compare_keys: tuple[str, ...] = field(default=())
    map_scale: str = "total"


# ------------------------------------------------------------------------------------------ parsing


def _as_list(value: Any) -> list[str]:
    """A query value (str, list of str, or None) as a list of non-empty stripped strings."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def parse_date(value: Any) -> dt.date | None:
    """An ISO date (YYYY-MM-DD, or a longer ISO timestamp) as a date; None when absent or unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    items = _as_list(value)
    if not items:
        return None
    try:
        return dt.date.fromisoformat(items[0][:10])
    except ValueError:
        return None


def parse_bool(value: Any, default: bool) -> bool:
    """'1/true/yes/on' or '0/false/no/off' (any case) as a bool; anything else gives the default."""
    if isinstance(value, bool):
        return value
    items = _as_list(value)
    if not items:
        return default
    word = items[0].lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    return default


def _clean_values(name: str, values: Iterable[str]) -> tuple[str, ...]:
    """Deduplicated values in given order; closed fields keep known values only, countries are upper-cased."""
    out: list[str] = []
    for value in values:
        if name == "countries" and value != NONE:
            value = value.upper()
        if name in _CLOSED and value not in _CLOSED[name]:
            continue
        if value not in out:
            out.append(value)
    if name in _CLOSED and set(out) == set(_CLOSED[name]):
        return ()  # every value selected is no restriction
    return tuple(out[:MAX_VALUES])


def from_query(query: str | Mapping[str, Any] | None) -> tuple[Filters, View]:
    """Filters and View from a query string ('?a=1&b=2' or 'a=1') or a mapping; unknown or bad values are ignored."""
    if query is None:
        params: Mapping[str, Any] = {}
    elif isinstance(query, str):
        params = parse_qs(query.lstrip("?"), keep_blank_values=False)
    else:
        params = query
    lists: dict[str, tuple[str, ...]] = {}
    for param, name in _LIST_PARAMS.items():
        raw = _as_list(params.get(param))
        if param == "country":  # ISO codes may also come comma-separated: ?country=IRQ,SYR
            raw = [part.strip() for item in raw for part in item.split(",") if part.strip()]
        lists[name] = _clean_values(name, raw)
    start, end = parse_date(params.get("from")), parse_date(params.get("to"))
    if start and end and start > end:
        start, end = end, start
    filters = Filters(
        **lists, start=start, end=end, include_vague=parse_bool(params.get("vague"), default=True),
        unit=_choice(params.get("unit"), UNITS, Filters.unit),
        reviewed=parse_bool(params.get("reviewed"), default=False),
    )
    view = View(
        interval=_choice(params.get("interval"), INTERVALS, View.interval),
        stack=_choice(params.get("stack"), STACKS, View.stack),
        measure=_choice(params.get("measure"), MEASURES, View.measure),
        compare_by=_choice(params.get("by"), COMPARE_BY, View.compare_by),
        compare_keys=tuple(dict.fromkeys(_as_list(params.get("key"))))[:MAX_VALUES],
        map_scale=_choice(params.get("map"), MAP_SCALES, View.map_scale),
    )
    return filters, view


def _choice(value: Any, allowed: tuple[str, ...], default: str) -> str:
    items = _as_list(value)
    return items[0] if items and items[0] in allowed else default


def to_query(filters: Filters, view: View | None = None) -> str:
    """The URL query string ('?...', or '' when everything is default) for Filters and View."""
    pairs: list[tuple[str, str]] = []
    for param, name in _LIST_PARAMS.items():
        pairs.extend((param, v) for v in getattr(filters, name))
    if filters.start:
        pairs.append(("from", filters.start.isoformat()))
    if filters.end:
        pairs.append(("to", filters.end.isoformat()))
    if not filters.include_vague:
        pairs.append(("vague", "0"))
    if filters.unit != Filters.unit:
        pairs.append(("unit", filters.unit))
    if filters.reviewed:
        pairs.append(("reviewed", "1"))
    if view is not None:
        default = View()
        for param, name in (("interval", "interval"), ("stack", "stack"), ("measure", "measure"), ("by", "compare_by"),
                            ("map", "map_scale")):
            value = getattr(view, name)
            if value != getattr(default, name):
                pairs.append((param, value))
        pairs.extend(("key", k) for k in view.compare_keys)
    return "?" + urlencode(pairs) if pairs else ""


def from_controls(
    countries: Any = None,
    start: Any = None,
    end: Any = None,
    outcomes: Any = None,
    groups: Any = None,
    kinds: Any = None,
    perpetrators: Any = None,
    sources: Any = None,
    include_vague: Any = True,
    unit: Any = None,
    reviewed: Any = False,
) -> Filters:
    """Filters from the values of the page's filter controls (None/[] mean no restriction)."""
    values = {
        "countries": countries, "outcomes": outcomes, "groups": groups, "kinds": kinds,
        "perpetrators": perpetrators, "sources": sources,
    }
    lists = {name: _clean_values(name, _as_list(value)) for name, value in values.items()}
    start_date, end_date = parse_date(start), parse_date(end)
    if start_date and end_date and start_date > end_date:
        start_date, end_date = end_date, start_date
    vague = include_vague if isinstance(include_vague, bool) else parse_bool(include_vague, default=True)
    return Filters(
        **lists, start=start_date, end=end_date, include_vague=vague,
        unit=_choice(unit, UNITS, Filters.unit), reviewed=parse_bool(reviewed, default=False),
    )


def view_from_controls(
    interval: Any = None, stack: Any = None, measure: Any = None, compare_by: Any = None, compare_keys: Any = None,
    map_scale: Any = None,
) -> View:
    """View from the values of the page's view controls."""
    return View(
        interval=_choice(interval, INTERVALS, View.interval),
        stack=_choice(stack, STACKS, View.stack),
        measure=_choice(measure, MEASURES, View.measure),
        compare_by=_choice(compare_by, COMPARE_BY, View.compare_by),
        compare_keys=tuple(dict.fromkeys(_as_list(compare_keys)))[:MAX_VALUES],
        map_scale=_choice(map_scale, MAP_SCALES, View.map_scale),
    )


def to_dict(filters: Filters) -> dict[str, Any]:
    """Filters as JSON-ready data (for dcc.Store and the JSON API)."""
    out: dict[str, Any] = {}
    for f in fields(filters):
        value = getattr(filters, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def from_dict(data: Mapping[str, Any] | None) -> Filters:
    """Inverse of `to_dict` (lenient)."""
    data = data or {}
    return from_controls(
        data.get("countries"), data.get("start"), data.get("end"), data.get("outcomes"), data.get("groups"),
        data.get("kinds"), data.get("perpetrators"), data.get("sources"), data.get("include_vague", True),
        data.get("unit"), data.get("reviewed", False),
    )


# ------------------------------------------------------------------------------------------ SQL


HASHED_SUFFIX = "_h"


def where_sql(filters: Filters, hashed: Iterable[str] = ()) -> tuple[str, list[Any]]:
    """A DuckDB condition (with ? placeholders) and its parameters, over the dashboard's report relation.

    The relation has the report columns plus `date` and `date_end` (see module docstring); 'TRUE' when
    nothing is restricted. For the text columns named in `hashed`, the relation also carries
    `<column>_h = hash(<column>)` and values are matched on it (an integer comparison, much faster).
    """
    hashed = set(hashed)
    clauses: list[str] = []
    params: list[Any] = []
    for name, column in _FIELD_COLUMN.items():
        values = getattr(filters, name)
        if not values:
            continue
        named = [v for v in values if v != NONE]
        parts = []
        if named and column in hashed:
            parts.append(f"{column}{HASHED_SUFFIX} IN ({', '.join(['hash(CAST(? AS VARCHAR))'] * len(named))})")
            params.extend(named)
        elif named:
            parts.append(f"{column} IN ({', '.join('?' * len(named))})")
            params.extend(named)
        if name in _NULLABLE and NONE in values:
            parts.append(f"({column} IS NULL OR {column} = '')")
        clauses.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
    if filters.start:
        clauses.append("date_end >= ?")
        params.append(filters.start)
    if filters.end:
        clauses.append("date <= ?")
        params.append(filters.end)
    if not filters.include_vague:
        clauses.append("qualifier <> 'vague'")
    return (" AND ".join(clauses) if clauses else "TRUE"), params


# ------------------------------------------------------------------------------------------ pandas


def report_dates(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(date, date_end) of each report: start/end date, falling back to `published` when the frame has it."""
    date = frame["start_date"]
    if "published" in frame.columns:
        date = date.fillna(frame["published"])
    date_end = frame["end_date"].fillna(date)
    return date, date_end


def mask(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    """Boolean Series: which rows of a report frame (registry columns, optional `published`) the filters keep."""
    keep = pd.Series(True, index=frame.index)
    for name, column in _FIELD_COLUMN.items():
        values = getattr(filters, name)
        if not values:
            continue
        col = frame[column]
        named = [v for v in values if v != NONE]
        hit = col.isin(named).fillna(False).astype(bool)
        if name in _NULLABLE and NONE in values:
            hit = hit | col.isna() | (col.astype("string").fillna("") == "")
        keep &= hit.to_numpy(dtype=bool)
    if filters.start or filters.end:
        date, date_end = report_dates(frame)
        if filters.start:
            keep &= (date_end >= pd.Timestamp(filters.start)).fillna(False).to_numpy(dtype=bool)
        if filters.end:
            keep &= (date <= pd.Timestamp(filters.end)).fillna(False).to_numpy(dtype=bool)
    if not filters.include_vague:
        keep &= (frame["qualifier"] != "vague").fillna(True).to_numpy(dtype=bool)
    return keep.astype(bool)


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of a report frame that the filters keep."""
    return frame[mask(frame, filters).to_numpy(dtype=np.bool_)]


def with_selection(filters: Filters, **changes: Any) -> Filters:
    """A copy of filters with some fields replaced (for drill-downs)."""
    return replace(filters, **changes)


# ------------------------------------------------------------------------------------------ drill-down

SELECTION_COLUMNS = ("outcome", "victim_group", "country_code", "reporting_source")


@dataclass(frozen=True)
class Selection:
    """A drill-down from a click: the reports behind one bar, point, country or period total.

    period + interval: incidents whose date falls in that interval bucket (as the timeline groups them);
    column + value: incidents with that value (a stack segment, a country on the map, a compared key);
    report_ids: exactly these reports (the period totals behind a point).
    """

    interval: str | None = None
    period: dt.date | None = None
    column: str | None = None
    value: str | None = None
    report_ids: tuple[str, ...] = ()
    label: str = ""

    def is_empty(self) -> bool:
        return self.period is None and self.column is None and not self.report_ids


def selection_from_dict(data: Mapping[str, Any] | None) -> Selection:
    """A Selection from JSON data (lenient: unknown columns and intervals are dropped)."""
    if not data:
        return Selection()
    interval = data.get("interval") if data.get("interval") in INTERVALS else None
    period = parse_date(data.get("period")) if interval else None
    column = data.get("column") if data.get("column") in SELECTION_COLUMNS else None
    value = data.get("value") if column and isinstance(data.get("value"), str) else None
    ids = tuple(str(i) for i in _as_list(data.get("report_ids")))[:1000]
    return Selection(
        interval=interval if period else None, period=period, column=column if value is not None else None,
        value=value, report_ids=ids, label=str(data.get("label") or ""),
    )


def selection_to_dict(selection: Selection) -> dict[str, Any]:
    """A Selection as JSON data."""
    return {
        "interval": selection.interval, "period": selection.period.isoformat() if selection.period else None,
        "column": selection.column, "value": selection.value, "report_ids": list(selection.report_ids),
        "label": selection.label,
    }


DRILL_PARAMS = {"drill_interval": "interval", "drill_period": "period", "drill_column": "column",
                "drill_value": "value", "drill_label": "label"}
"""URL parameters of a drill-down (a clicked bar or country), so that a link keeps it."""


def selection_query(selection: Selection) -> str:
    """'drill_interval=month&drill_period=2024-03-01&...' for a drill-down by period or value ('' for none, or for
    a drill-down by report ids, which would not fit a link)."""
    if selection.is_empty() or selection.report_ids:
        return ""
    data = selection_to_dict(selection)
    return urlencode([(param, data[name]) for param, name in DRILL_PARAMS.items() if data.get(name)])


def selection_from_query(query: Mapping[str, Any]) -> dict[str, Any] | None:
    """The drill-down a page URL names (as JSON data for the page's store), or None."""
    data = {name: (_as_list(query.get(param)) or [None])[0] for param, name in DRILL_PARAMS.items()}
    selection = selection_from_dict(data)
    return None if selection.is_empty() else selection_to_dict(selection)


def selection_sql(selection: Selection) -> tuple[str, list[Any]]:
    """A DuckDB condition for a drill-down ('TRUE' when there is none)."""
    if selection.report_ids:
        return f"report_id IN ({', '.join('?' * len(selection.report_ids))})", list(selection.report_ids)
    clauses: list[str] = []
    params: list[Any] = []
    if selection.period is not None and selection.interval:
        clauses.append(f"kind = 'incident' AND CAST(date_trunc('{selection.interval}', date) AS DATE) = ?")
        params.append(selection.period)
    if selection.column and selection.value is not None:
        if selection.value == NONE:
            clauses.append(f"({selection.column} IS NULL OR {selection.column} = '')")
        else:
            clauses.append(f"{selection.column} = ?")
            params.append(selection.value)
        clauses.append("kind = 'incident'")
    return (" AND ".join(clauses) if clauses else "TRUE"), params
