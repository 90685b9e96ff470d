"""The charts of a selection: data from a DataSource, drawn by the pure builders in dashboard.figures.

The page callbacks and the /api/chart.* endpoints both call these, so a downloaded chart is the chart on
the page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from dashboard import figures, labels
from dashboard.data import DataSource
from dashboard.filters import Filters, View
from etl.lexicon import read_table

CHARTS = ("timeline", "map", "compare")
SIZES = {"timeline": (1200, 720), "map": (1100, 620), "compare": (1200, 720)}
TITLES = {
    "timeline": "Casualties per {interval}",
    "map": "Casualties by country{per}",
    "compare": "Casualties per {interval}, {by} side by side",
}


def timeline(source: DataSource, filters: Filters, view: View) -> figures.FigureDict:
    """Incidents per period stacked by outcome or victim group, period totals below (by reporting source)."""
    incidents = source.timeline(filters, view.interval, view.stack)
    totals, count = source.period_totals(filters, key="reporting_source")
    return figures.timeline_figure(
        incidents, totals, key=view.stack, interval=view.interval, measure=view.measure,
        y_title=figures.y_title_for(filters), period_totals_count=count, totals_key="reporting_source",
        largest=source.largest_events(filters, view.interval),
    )


def timeline_summary(source: DataSource, filters: Filters, view: View) -> tuple[str, Any]:
    """The timeline in words, and its numbers as a table (period, key, best, low, high)."""
    incidents = source.timeline(filters, view.interval, view.stack)
    _, count = source.period_totals(filters, key="reporting_source")
    largest = source.largest_events(filters, view.interval)
    text = figures.describe_timeline(incidents, view.interval, largest, count, key=view.stack)
    return text, incidents


def map_summary(source: DataSource, filters: Filters, view: View | None = None) -> tuple[str, Any]:
    """The map in words, and its numbers (country, best, low, high, reports; rates when per capita)."""
    frame, rate = _map_frame(source, filters, view)
    return figures.describe_map(frame, rate=rate), frame


@lru_cache(maxsize=1)
def population() -> pd.Series:
    """Population by ISO3 code (etl/conventions/population.csv: World Bank 2022, approximate)."""
    rows = read_table("population.csv")
    return pd.Series({r["country_code"]: float(r["population"]) for r in rows if r["population"]}, dtype="float64")


def _map_frame(source: DataSource, filters: Filters, view: View | None) -> tuple[pd.DataFrame, bool]:
    frame = source.by_country(filters)
    if view is not None and view.map_scale == "per_capita":
        return figures.per_capita(frame, population()), True
    return frame, False


def map_(source: DataSource, filters: Filters, view: View | None = None) -> figures.FigureDict:
    """Incident sums per country, or rates per 100,000 people (view.map_scale)."""
    title = figures.y_title_for(filters).replace("Casualties (killed and injured)", "Casualties")
    frame, rate = _map_frame(source, filters, view)
    if rate:
        title = f"{title} per 100,000"
    return figures.map_figure(frame, title=title, zoom=bool(filters.countries), rate=rate)


def compare_keys(source: DataSource, filters: Filters, view: View, limit: int = 5) -> tuple[str, ...]:
    """The keys compared: those asked for in the view, else the `limit` with most reports."""
    return view.compare_keys or tuple(source.top_keys(filters, view.compare_by, limit))


def compare(source: DataSource, filters: Filters, view: View) -> figures.FigureDict:
    """The chosen countries or sources side by side: incident lines per key, their period totals below."""
    keys = compare_keys(source, filters, view)
    if not keys:
        return figures.empty_figure()
    incidents = source.timeline(filters, view.interval, view.compare_by, keys=keys)
    totals, count = source.period_totals(filters, key=view.compare_by, keys=keys)
    return figures.compare_figure(
        incidents, totals, key=view.compare_by, interval=view.interval, measure=view.measure,
        y_title=figures.y_title_for(filters), period_totals_count=count,
    )


def build(chart: str, source: DataSource, filters: Filters, view: View) -> figures.FigureDict:
    """One chart by name."""
    if chart == "timeline":
        return timeline(source, filters, view)
    if chart == "map":
        return map_(source, filters, view)
    if chart == "compare":
        return compare(source, filters, view)
    raise ValueError(f"unknown chart {chart!r}; one of {CHARTS}")


def export_title(chart: str, filters: Filters, view: View) -> str:
    """The title written on an exported chart."""
    by = labels.COLUMN_LABELS.get(view.compare_by, view.compare_by) + "s"
    per = " per 100,000 people" if view.map_scale == "per_capita" else ""
    text = TITLES[chart].format(interval=view.interval, by=by, per=per)
    if chart == "timeline" and view.measure == "cumulative":
        text = "Casualties, cumulative"
    if filters.outcomes and len(filters.outcomes) == 1:
        text = text.replace("Casualties", labels.measure_title(filters.outcomes))
    return text


def for_export(chart: str, source: DataSource, filters: Filters, view: View) -> Any:
    """The chart with title, selection and source note, ready for an image or HTML file."""
    fig = build(chart, source, filters, view)
    return figures.with_title(
        fig, export_title(chart, filters, view), figures.describe_filters(filters),
        figures.source_note(source.totals(filters)),
    )
