"""Pure figure builders: small aggregated frames in, plotly figures out (no data access, no Dash).

Frames come from dashboard.data.DataSource:
- incidents: period, key, best, low, high, reports (incidents summed per period and key);
- period totals: report_id, key, start, end, best, low, high, outcome, victim_group, country_code,
  reporting_source (each a total as reported over its own period; never added to incident sums);
- by country: country_code, best, low, high, reports.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import labels
from dashboard.filters import NONE, Filters
from etl import columns

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
GRID = "#e6e6e6"
MAX_SERIES = 8
"""Most keys drawn as their own series; the rest are summed as 'Other'."""
OTHER = "Other"
X_FORMATS = {"day": "%d %b %Y", "week": "week of %d %b %Y", "month": "%b %Y", "year": "%Y"}
INTERVAL_WORDS = {"day": "day", "week": "week", "month": "month", "year": "year"}
BASE_LAYOUT: dict[str, Any] = {
    "font": {"family": FONT, "size": 13, "color": "#222"},
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "margin": {"l": 64, "r": 24, "t": 40, "b": 48},
    "hoverlabel": {"font": {"family": FONT}},
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "traceorder": "normal"},
    "clickmode": "event",
    "separators": ".,",
}


def _axis(**extra: Any) -> dict[str, Any]:
    return {"gridcolor": GRID, "zerolinecolor": "#bbb", "linecolor": "#999", "ticks": "outside", **extra}


FigureDict = dict[str, Any]
"""A plotly figure as plain data ({"data": [...], "layout": {...}}): what dcc.Graph and kaleido take.
Built without plotly's validators, which cost far more than the queries; tests validate with go.Figure."""


def empty_figure(message: str = "No reports match these filters.") -> FigureDict:
    """A blank figure with a centred message."""
    return dict(
        data=[],
        layout={
            **BASE_LAYOUT,
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [{
                "text": message, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                "font": {"size": 16, "color": "#666"},
            }],
        }
    )


def key_order(frame: pd.DataFrame, key: str, value: str = "best") -> list[str]:
    """Series order: the registry's order for outcomes and groups, else largest total first."""
    present = [str(k) for k in frame["key"].dropna().unique()] if len(frame) else []
    canonical = {"outcome": columns.OUTCOMES, "victim_group": columns.VICTIM_GROUPS}.get(key)
    if canonical:
        return [k for k in canonical if k in present] + sorted(k for k in present if k not in canonical)
    totals = frame.groupby("key", sort=False)[value].sum() if len(frame) else pd.Series(dtype=float)
    order = [str(k) for k in totals.sort_values(ascending=False, kind="stable").index]
    return [k for k in order if k != OTHER] + ([OTHER] if OTHER in order else [])


def limit_series(frame: pd.DataFrame, key: str, keep: int = MAX_SERIES, sum_cols: Sequence[str] = ()) -> pd.DataFrame:
    """The frame with keys beyond the first `keep` (in key_order) relabelled OTHER (and summed over sum_cols)."""
    order = key_order(frame, key, sum_cols[0] if sum_cols else "best")
    if len(order) <= keep:
        return frame
    kept = set(order[: keep - 1])
    out = frame.assign(key=frame["key"].where(frame["key"].isin(kept), OTHER))
    if sum_cols:
        group_cols = [c for c in out.columns if c not in sum_cols]
        out = out.groupby(group_cols, as_index=False, sort=False, dropna=False)[list(sum_cols)].sum(min_count=1)
    return out


def _num(series: pd.Series) -> list[float | None]:
    """Numbers as a JSON-ready list (missing values as None)."""
    values = pd.to_numeric(series, errors="coerce").astype("float64").to_numpy()
    return [None if v != v else v for v in values.tolist()]


def _days(series: pd.Series) -> list[str]:
    """Dates as ISO day strings (fast, JSON-ready)."""
    values = pd.to_datetime(series).to_numpy(dtype="datetime64[D]")
    return np.datetime_as_string(values, unit="D").tolist()


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_label(iso: str) -> str:
    """'2024-03-05' -> '5 Mar 2024'."""
    return f"{int(iso[8:10])} {_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"


def _period_label(start: str, end: str) -> str:
    """'1 Jan 2024 – 31 Mar 2024' from ISO days."""
    return _day_label(start) if start == end else f"{_day_label(start)} – {_day_label(end)}"


def _rows_by_key(frame: pd.DataFrame, names: Sequence[str], dates: Sequence[str] = ()) -> dict[str, dict[str, list]]:
    """Columns of a small frame as plain lists (missing values as None), split by its `key` column.

    Converting each column once and splitting with numpy is several times faster than slicing a pandas
    frame per series, and figures need plain lists anyway. Row order within a key is kept."""
    arrays: dict[str, np.ndarray] = {}
    for name in names:
        if name in dates:
            values = pd.to_datetime(frame[name]).to_numpy(dtype="datetime64[D]")
            text = np.datetime_as_string(values, unit="D").astype(object)
            text[np.isnat(values)] = None
            arrays[name] = text
        elif pd.api.types.is_numeric_dtype(frame[name]):
            values = pd.to_numeric(frame[name], errors="coerce").astype("float64").to_numpy()
            arrays[name] = np.where(np.isnan(values), None, values)
        else:
            arrays[name] = frame[name].to_numpy(dtype=object, na_value=None)
    keys = frame["key"].astype(str).to_numpy(dtype=object)
    out: dict[str, dict[str, list]] = {}
    for key in dict.fromkeys(keys.tolist()):
        idx = np.flatnonzero(keys == key)
        out[key] = {name: arrays[name][idx].tolist() for name in names}
    return out


def _incident_traces(
    incidents: pd.DataFrame, key: str, interval: str, measure: str, mode: str, colors: dict[str, str]
) -> list[dict[str, Any]]:
    """Traces of incident sums; fills `colors` with the colour given to each key."""
    traces: list[dict[str, Any]] = []
    frame = limit_series(incidents.sort_values("period", kind="stable"), key,
                         sum_cols=("best", "low", "high", "reports"))
    by_key = _rows_by_key(frame, ("period", "best", "low", "high", "reports"), dates=("period",))
    x_format = X_FORMATS[interval]
    for i, value in enumerate(key_order(frame, key)):
        part = by_key[value]
        name = OTHER if value == OTHER else labels.value_label(key, value)
        color = labels.value_color(key, value, i) if value != OTHER else "#999999"
        colors[value] = color
        x = part["period"]
        custom = [[p, value, lo, hi, int(n or 0)] for p, lo, hi, n in zip(
            x, part["low"], part["high"], part["reports"], strict=True)]
        hover = (
            f"<b>{_escape(name)}</b><br>%{{x|{x_format}}}: %{{y:,.0f}}"
            "<br>low %{customdata[2]:,.0f} – high %{customdata[3]:,.0f}<br>%{customdata[4]:,} reports<extra></extra>"
        )
        if measure == "band":
            group = f"g{i}"
            traces.append({
                "type": "scatter", "x": x, "y": part["high"], "mode": "lines", "line": {"width": 0},
                "hoverinfo": "skip", "showlegend": False, "legendgroup": group, "xaxis": "x", "yaxis": "y",
            })
            traces.append({
                "type": "scatter", "x": x, "y": part["low"], "mode": "lines", "line": {"width": 0},
                "fill": "tonexty", "fillcolor": _alpha(color, 0.22), "hoverinfo": "skip", "showlegend": False,
                "legendgroup": group, "xaxis": "x", "yaxis": "y",
            })
            traces.append({
                "type": "scatter", "x": x, "y": part["best"], "mode": "lines+markers", "name": name,
                "line": {"color": color, "width": 2}, "marker": {"size": 5, "color": color}, "legendgroup": group,
                "customdata": custom, "hovertemplate": hover, "xaxis": "x", "yaxis": "y",
            })
        elif mode == "lines":
            traces.append({
                "type": "scatter", "x": x, "y": part["best"], "mode": "lines+markers", "name": name,
                "line": {"color": color, "width": 2}, "marker": {"size": 5, "color": color},
                "customdata": custom, "hovertemplate": hover, "xaxis": "x", "yaxis": "y",
            })
        else:
            traces.append({
                "type": "bar", "x": x, "y": part["best"], "name": name, "marker": {"color": color},
                "customdata": custom, "hovertemplate": hover, "xaxis": "x", "yaxis": "y",
            })
    return traces


def _period_total_traces(
    totals: pd.DataFrame, key: str, yaxis: str, colors: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Traces of period totals, one per key, each total a segment over its period; keys already drawn
    above (same column) keep their colour."""
    traces: list[dict[str, Any]] = []
    colors = colors or {}
    canonical = {"outcome": columns.OUTCOMES, "victim_group": columns.VICTIM_GROUPS}.get(key)
    frame = totals.sort_values(["start", "end"], kind="stable")
    present = frame["key"].astype(str).value_counts()
    order = [k for k in canonical if k in present.index] if canonical else [str(k) for k in present.index]
    if len(order) > MAX_SERIES:
        order = order[: MAX_SERIES - 1]
        frame = frame.assign(key=frame["key"].where(frame["key"].isin(order), OTHER))
        order.append(OTHER)
    names = ("report_id", "start", "end", "best", "low", "high", "outcome", "victim_group", "country_code")
    by_key = _rows_by_key(frame, names, dates=("start", "end"))
    for i, value in enumerate(order):
        part = by_key[value]
        name = OTHER if value == OTHER else labels.value_label(key, value)
        color = "#777777" if value == OTHER else colors.get(value) or _dark(labels.value_color(key, value, i))
        xs: list[Any] = []
        ys: list[float | None] = []
        custom: list[Any] = []
        sizes: list[int] = []
        for report_id, start, end, best, low, high, outcome, group, country in zip(
            *(part[n] for n in names), strict=True
        ):
            info = [
                report_id, _period_label(start, end),
                " · ".join(filter(None, [
                    labels.OUTCOME_LABELS.get(outcome, outcome), labels.GROUP_LABELS.get(group, group),
                    labels.country_name(country) if country else None,
                ])),
                "" if low is None or high is None or low == high else f" (low {low:,.0f} – high {high:,.0f})",
            ]
            xs += [start, end, None]
            ys += [best, best, None]
            custom += [info, info, None]
            sizes += [4, 9, 0]
        traces.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines+markers", "name": name, "legend": "legend2",
            "line": {"color": color, "width": 3}, "marker": {"size": sizes, "color": color, "symbol": "diamond"},
            "customdata": custom, "connectgaps": False, "xaxis": "x2", "yaxis": yaxis,
            "hovertemplate": "<b>%{fullData.name}</b><br>%{customdata[1]}: %{y:,.0f}%{customdata[3]}"
                             "<br>%{customdata[2]}<extra>period total</extra>",
        })
    return traces


def _alpha(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return f"rgba({r},{g},{b},{alpha})"


def _dark(hex_color: str) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(int(h[i:i + 2], 16) * 0.75) for i in (0, 2, 4))
    return f"#{r:02x}{g:02x}{b:02x}"


def timeline_figure(
    incidents: pd.DataFrame,
    period_totals: pd.DataFrame | None = None,
    *,
    key: str = "outcome",
    interval: str = "month",
    measure: str = "best",
    mode: str = "stack",
    y_title: str = "Casualties (killed and injured)",
    period_totals_count: int | None = None,
    totals_key: str = "reporting_source",
    largest: pd.DataFrame | None = None,
) -> FigureDict:
    """Incidents per period (stacked bars, or lines; with low–high bands when measure='band'), and below
    them, on their own axis, period totals drawn over the periods they cover. `largest` (period, best,
    location, country_code): the largest incidents, labelled over their period with their place."""
    has_totals = period_totals is not None and len(period_totals) > 0
    if incidents.empty and not has_totals:
        return empty_figure()
    colors: dict[str, str] = {}
    if measure == "cumulative":  # running totals: lines that only go up
        incidents, measure, mode = cumulative(incidents), "best", "lines"
        y_title = f"{y_title}, cumulative"
        largest = None
    traces = _incident_traces(incidents, key, interval, measure, mode, colors) if not incidents.empty else []
    layout: dict[str, Any] = {
        **BASE_LAYOUT,
        "barmode": "stack",
        "bargap": 0.15,
        "hovermode": "closest",
        "uirevision": f"{interval}",
        "xaxis": _axis(type="date", anchor="y"),
        "yaxis": _axis(title={"text": y_title}, rangemode="tozero", tickformat=",~s"),
        "annotations": [],
    }
    if largest is not None and not incidents.empty and mode == "stack":
        layout["annotations"] += largest_annotations(incidents, largest)
    if has_totals:
        assert period_totals is not None
        traces += _period_total_traces(period_totals, totals_key, "y2", colors if totals_key == key else None)
        # each panel its own date range: a statistic since 2011 must not squeeze this month's incidents
        layout["yaxis"]["domain"] = [0.5, 1.0]
        layout["xaxis2"] = _axis(type="date", anchor="y2")
        top = float(pd.to_numeric(period_totals["best"], errors="coerce").max() or 0)
        # headroom over the largest total, so that no legend or note is drawn over it
        layout["yaxis2"] = _axis(domain=[0.0, 0.24], range=[0, max(top, 1.0) * 1.3], tickformat=",~s",
                                 title={"text": "Reported total"})
        note = "<b>Period totals</b> as reported, each drawn over the period it covers (never added to the sums above)"
        if period_totals_count and period_totals_count > len(period_totals):
            note += f"; latest {len(period_totals):,} of {period_totals_count:,}"
        layout["annotations"].append({
            "text": note, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 0.385,
            "xanchor": "left", "yanchor": "bottom", "font": {"size": 12, "color": "#444"},
        })
        layout["legend2"] = {
            "orientation": "h", "x": 0, "xanchor": "left", "y": 0.38, "yanchor": "top", "font": {"size": 12},
            "title": {"text": f"By {labels.COLUMN_LABELS.get(totals_key, totals_key)}:"},
        }
        if incidents.empty:
            layout["annotations"].append({
                "text": "No incidents match these filters.", "showarrow": False, "xref": "paper", "yref": "paper",
                "x": 0.5, "y": 0.7, "font": {"size": 14, "color": "#666"},
            })
    return {"data": traces, "layout": layout}


def colorbar_ticks(top: float) -> dict[str, Any]:
    """Whole-number ticks for a colour bar of counts (never '500m' for 0.5): steps of at least 1."""
    if top <= 10:
        return {"tickformat": ",d", "dtick": 1 if top <= 5 else 2, "tick0": 0}
    return {"tickformat": ",~s" if top >= 10_000 else ",d", "tick0": 0}


def cumulative(incidents: pd.DataFrame) -> pd.DataFrame:
    """Running totals per key over the periods (best, low, high and reports summed up to each period)."""
    if incidents.empty:
        return incidents
    frame = incidents.sort_values(["key", "period"], kind="stable")
    sums = frame.groupby("key", sort=False)[["best", "low", "high", "reports"]].cumsum()
    return frame.assign(**{c: sums[c] for c in sums.columns}).sort_values(["period", "key"], kind="stable")


def per_capita(by_country: pd.DataFrame, population: pd.Series, per: int = 100_000) -> pd.DataFrame:
    """Incident sums per country as rates per `per` people (countries without a population left out)."""
    pop = by_country["country_code"].astype(str).map(population)
    known = by_country.assign(population=pop)[pop.notna() & (pop > 0)]
    rates = {c: known[c].astype(float) / known["population"] * per for c in ("best", "low", "high")}
    return known.assign(**rates, **{f"{c}_count": known[c] for c in ("best", "low", "high")})


def place_name(location: Any, country_code: Any) -> str:
    """'Baghdad, Iraq', 'Iraq' or '' for an incident's place."""
    country = labels.country_name(str(country_code)) if isinstance(country_code, str) and country_code else ""
    place = str(location).strip() if isinstance(location, str) else ""
    if place and country and country.lower() not in place.lower():
        return f"{place}, {country}"
    return place or country


def _period_sums(incidents: pd.DataFrame) -> pd.Series:
    """Best summed per period over all keys, indexed by ISO day in date order (grouped on the dates
    themselves: grouping their text costs several times more)."""
    per = incidents.groupby("period")["best"].sum()
    per.index = pd.Index(_days(pd.Series(per.index)), name="period")
    return per


def largest_annotations(incidents: pd.DataFrame, largest: pd.DataFrame) -> list[dict[str, Any]]:
    """Labels over the periods of the largest incidents: '28 · Baghdad, Iraq', pointing at the period's bar."""
    heights = _period_sums(incidents)
    out = []
    for row, period in zip(largest.itertuples(index=False), _days(largest["period"]), strict=True):
        place = place_name(row.location, row.country_code)
        text = f"{int(row.best):,}" + (f" · {_escape(place)}" if place else "")
        out.append({
            "x": period, "y": float(heights.get(period, row.best) or 0), "xref": "x", "yref": "y",
            "text": text, "showarrow": True, "arrowhead": 0, "arrowcolor": "#777", "ax": 0, "ay": -22,
            "font": {"size": 11, "color": "#333"}, "bgcolor": "rgba(255,255,255,0.8)", "name": "largest",
        })
    return out


def describe_timeline(
    incidents: pd.DataFrame, interval: str, largest: pd.DataFrame | None = None, period_totals: int = 0,
    key: str = "outcome",
) -> str:
    """The timeline's numbers in words (a text alternative to the chart)."""
    if incidents.empty:
        return "No incidents match these filters." + (
            f" {period_totals:,} period total{'s' if period_totals != 1 else ''} are drawn below." if period_totals
            else "")
    per = _period_sums(incidents)
    first, last = per.index.min(), per.index.max()
    fmt = X_FORMATS[interval].replace("week of ", "")
    when = lambda iso: pd.Timestamp(iso).strftime(fmt)  # noqa: E731
    parts = []
    by_key = incidents.groupby("key")["best"].sum().sort_values(ascending=False)
    sums = ", ".join(f"{int(v):,} {labels.value_label(key, k).lower()}" for k, v in by_key.items() if v)
    text = f"From {when(first)} to {when(last)}: {sums or 'no casualties'}."
    parts.append(text)
    top = per.idxmax()
    parts.append(f"The largest {INTERVAL_WORDS[interval]} was {when(top)} ({int(per[top]):,}).")
    if largest is not None and not largest.empty:
        items = [f"{int(r.best):,} ({place_name(r.location, r.country_code) or 'place unknown'}, {when(day)})"
                 for r, day in zip(largest.itertuples(index=False), _days(largest["period"]), strict=True)]
        parts.append("Largest incidents: " + "; ".join(items) + ".")
    if period_totals:
        parts.append(f"{period_totals:,} period total{'s are' if period_totals != 1 else ' is'} drawn below, "
                     "never added to these sums.")
    return " ".join(parts)


def describe_map(by_country: pd.DataFrame, limit: int = 5, rate: bool = False) -> str:
    """The map's numbers in words: the countries with most casualties (or the highest rates)."""
    if by_country.empty:
        return "No incidents with a known country match these filters."
    top = by_country.sort_values("best", ascending=False).head(limit)
    value = (lambda v: f"{float(v):,.2f}") if rate else (lambda v: f"{int(v):,}")  # noqa: E731
    items = ", ".join(f"{labels.country_name(str(r.country_code))} {value(r.best)}" for r in top.itertuples())
    n = len(by_country)
    per = " per 100,000 people (World Bank 2022 population, approximate)" if rate else ""
    return f"{n:,} countr{'y' if n == 1 else 'ies'}; most{per}: {items}."


def map_figure(
    by_country: pd.DataFrame, *, title: str = "Casualties", zoom: bool = False, rate: bool = False
) -> FigureDict:
    """Choropleth of incident sums per country (ISO3 locations, plotly's world topojson); `rate`: the frame holds
    rates per 100,000 people (per_capita) and the hover says so."""
    if by_country.empty:
        return empty_figure("No incidents with a known country (and population) match these filters.")
    codes = by_country["country_code"].astype(str).tolist()
    custom = [list(row) for row in zip(
        [labels.country_name(c) for c in codes], _num(by_country["low"]), _num(by_country["high"]),
        by_country["reports"].astype("int64").tolist(), codes, strict=True,
    )]
    trace = {
        "type": "choropleth", "locations": codes, "locationmode": "ISO-3",
        "z": _num(by_country["best"]), "customdata": custom, "colorscale": "Reds", "zmin": 0,
        "zmax": max(float(pd.to_numeric(by_country["best"]).max() or 0), 1.0),
        "marker": {"line": {"color": "white", "width": 0.5}},
        "colorbar": {"title": {"text": title, "side": "right"}, "thickness": 10, "len": 0.7, "x": 0.99,
                     **colorbar_ticks(float(pd.to_numeric(by_country["best"]).max() or 0))},
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{z:,.0f} (low %{customdata[1]:,.0f} – high "
                         "%{customdata[2]:,.0f})<br>%{customdata[3]:,} incident reports<extra></extra>",
    }
    if rate:
        top = float(pd.to_numeric(by_country["best"]).max() or 0)
        trace["zmax"] = max(top, 0.01)
        trace["colorbar"] = {**trace["colorbar"], "tickformat": ",.2~f"}
        trace["colorbar"].pop("dtick", None)
        trace["hovertemplate"] = ("<b>%{customdata[0]}</b><br>%{z:,.2f} per 100,000 people (low "
                                  "%{customdata[1]:,.2f} – high %{customdata[2]:,.2f})<br>%{customdata[3]:,} "
                                  "incident reports<extra></extra>")
    geo = {
        "scope": "world", "projection": {"type": "natural earth"}, "showframe": False, "showcoastlines": False,
        "showcountries": True, "countrycolor": "#c8c8c8", "showland": True, "landcolor": "#f2f2f2",
        "showocean": False, "showlakes": False, "bgcolor": "rgba(0,0,0,0)",
    }
    if zoom:
        geo["fitbounds"] = "locations"
    else:
        geo["lataxis"] = {"range": [-56, 84]}
    return {"data": [trace], "layout": {**BASE_LAYOUT, "geo": geo, "margin": {"l": 0, "r": 0, "t": 10, "b": 0}}}


def compare_figure(
    incidents: pd.DataFrame,
    period_totals: pd.DataFrame | None = None,
    *,
    key: str = "country_code",
    interval: str = "month",
    measure: str = "best",
    y_title: str = "Casualties (killed and injured)",
    period_totals_count: int | None = None,
) -> FigureDict:
    """Keys (countries or sources) side by side over time: one line per key, period totals below."""
    return timeline_figure(
        incidents, period_totals, key=key, interval=interval, measure=measure, mode="lines", y_title=y_title,
        period_totals_count=period_totals_count, totals_key=key,
    )


def describe_filters(filters: Filters) -> str:
    """The selection in words (for captions and exported charts)."""
    parts: list[str] = []
    parts.append(", ".join(labels.OUTCOME_LABELS[o] for o in filters.outcomes) if filters.outcomes
                 else "All outcomes")
    if filters.groups:
        parts.append(", ".join(labels.GROUP_LABELS[g] for g in filters.groups))
    if filters.countries:
        parts.append(", ".join(labels.country_name(c) for c in filters.countries[:6])
                     + (f" and {len(filters.countries) - 6} more" if len(filters.countries) > 6 else ""))
    if filters.kinds:
        parts.append(", ".join(labels.KIND_LABELS[k] for k in filters.kinds))
    if filters.start or filters.end:
        start = filters.start.isoformat() if filters.start else "…"
        end = filters.end.isoformat() if filters.end else "…"
        parts.append(f"{start} to {end}")
    if filters.perpetrators:
        parts.append("by " + ", ".join(labels.value_label("perpetrator", p) for p in filters.perpetrators[:4]))
    if filters.sources:
        parts.append("according to " + ", ".join(labels.value_label("reporting_source", s)
                                                 for s in filters.sources[:4]))
    if not filters.include_vague:
        parts.append("vague figures excluded")
    return " · ".join(parts)


def with_title(fig: FigureDict | go.Figure, title: str, subtitle: str = "", note: str = "") -> FigureDict:
    """A copy of a figure with a title, subtitle and a source note (for exported images and files).

    Works on the plain figure data (no plotly validation, which costs more than the render for big charts);
    data traces are shared with the input, the layout is copied."""
    spec = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    layout = copy.deepcopy(spec.get("layout", {}))
    text = f"<b>{_escape(title)}</b>"
    if subtitle:
        text += f"<br><span style='font-size:12px;color:#555'>{_escape(subtitle)}</span>"
    margin = dict(layout.get("margin") or {})
    layout["title"] = {"text": text, "x": 0.01, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top",
                       "yref": "container", "pad": {"t": 16, "l": 4}}
    # room for a two-line title over a wrapped legend, and for the source note under the axis labels
    layout["margin"] = {**margin, "t": 128, "b": max(int(margin.get("b") or 48), 100)}
    layout["legend"] = {**(layout.get("legend") or {}), "y": 1.0, "yanchor": "bottom"}
    if note:
        layout["annotations"] = [*(layout.get("annotations") or []), {
            "text": _escape(note), "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 0,
            "yshift": -60, "xanchor": "left", "yanchor": "top", "font": {"size": 11, "color": "#666"},
        }]
    return {**spec, "layout": layout}


def _escape(text: str) -> str:
    """Plotly renders a small HTML subset in titles: show data text literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def source_note(totals: dict[str, Any], when: dt.date | None = None) -> str:
    """'Source: N reports from M articles (casualty-stats), as of DATE.'"""
    when = when or dt.date.today()
    return (
        f"Source: {_plural(totals.get('reports', 0), 'report')} from "
        f"{_plural(totals.get('articles', 0), 'news article')}, "
        f"extracted by casualty-stats; counts are best estimates. Exported {when.isoformat()}."
    )


def y_title_for(filters: Filters) -> str:
    """The y-axis title for the outcome filter."""
    return labels.measure_title(filters.outcomes)


__all__ = [
    "NONE", "compare_figure", "describe_filters", "empty_figure", "key_order", "limit_series", "map_figure",
    "source_note", "timeline_figure", "with_title", "y_title_for",
]


def click_selection(point: dict[str, Any] | None, key: str, interval: str) -> dict[str, Any] | None:
    """The drill-down (Selection data, see filters.selection_from_dict) for a clicked point of these figures.

    Incident bars/points carry customdata [period, key, low, high, reports]; period-total points carry
    [report_id, period, what, range]; map countries carry [name, low, high, reports, code].
    """
    if not point:
        return None
    custom = point.get("customdata")
    if not isinstance(custom, list) or not custom:
        if "location" in point:
            code = str(point["location"])
            return {"column": "country_code", "value": code, "label": labels.country_name(code)}
        return None
    if len(custom) == 5 and "location" in point:
        return {"column": "country_code", "value": str(custom[4]), "label": str(custom[0])}
    if len(custom) == 5 and isinstance(custom[0], str) and _is_iso_day(custom[0]) and isinstance(custom[4], int):
        period, value = custom[0], str(custom[1])
        when = _period_words(period, interval)
        if value == OTHER:
            return {"interval": interval, "period": period, "label": f"Incidents, {when}"}
        return {
            "interval": interval, "period": period, "column": key, "value": value,
            "label": f"{labels.value_label(key, value)}, {when}",
        }
    if len(custom) == 4:
        return {"report_ids": [str(custom[0])], "label": f"Period total, {custom[1]}"}
    return None


def _is_iso_day(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit()


def _period_words(period: str, interval: str) -> str:
    if interval == "year":
        return period[:4]
    if interval == "month":
        return f"{_MONTHS[int(period[5:7]) - 1]} {period[:4]}"
    if interval == "week":
        return f"week of {_day_label(period)}"
    return _day_label(period)


# --- who blames whom -------------------------------------------------------------------------------------------------
STANCE_COLORS = {"blames": "#c0392b", "claims": "#2c3e50", "denies": "#7f8c8d"}
ARTICLE_VOICE = "(the article itself)"
"""How a note with no reporting source (the article's own voice) is shown."""


def notes_summary(notes: pd.DataFrame) -> pd.DataFrame:
    """Notes grouped by source, stance and party: reporting_source, stance, blamed, notes, articles (most first)."""
    cols = ["reporting_source", "stance", "blamed", "notes", "articles"]
    if notes.empty:
        return pd.DataFrame(columns=cols)
    frame = notes.assign(
        reporting_source=notes["reporting_source"].fillna(ARTICLE_VOICE).replace("", ARTICLE_VOICE).astype(str),
        stance=notes["stance"].fillna("blames").astype(str),
        blamed=notes["blamed"].astype(str),
    )
    out = (
        frame.groupby(["reporting_source", "stance", "blamed"], sort=False)
        .agg(notes=("blamed", "size"), articles=("article_id", "nunique"))
        .reset_index()
    )
    return out.sort_values(["notes", "reporting_source", "blamed"], ascending=[False, True, True], ignore_index=True)[
        cols
    ]


def notes_figure(summary: pd.DataFrame, keep: int = 15) -> FigureDict:
    """Horizontal bars, one per source -> party, coloured by stance: who blames whom, and how often."""
    if summary.empty:
        return empty_figure("No attribution notes in these articles.")
    top = summary.head(keep).iloc[::-1]
    traces = []
    for stance, color in STANCE_COLORS.items():
        part = top[top["stance"] == stance]
        if part.empty:
            continue
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": stance,
                "marker": {"color": color},
                "x": part["notes"].astype(int).tolist(),
                "y": [f"{s} → {b}" for s, b in zip(part["reporting_source"], part["blamed"], strict=True)],
                "hovertemplate": "%{y}<br>" + stance + ": %{x} note(s)<extra></extra>",
            }
        )
    order = [f"{s} → {b}" for s, b in zip(top["reporting_source"], top["blamed"], strict=True)]
    return {
        "data": traces,
        "layout": {
            **BASE_LAYOUT,
            "barmode": "stack",
            "height": max(220, 28 * len(order) + 80),
            "margin": {"l": 300, "r": 24, "t": 40, "b": 40},
            "xaxis": _axis(title={"text": "notes"}, dtick=1),
            "yaxis": {"categoryorder": "array", "categoryarray": list(dict.fromkeys(order)), "automargin": True},
        },
    }
