"""About ("/about"): what the numbers are, how they are counted, and every column (from the registry)."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import data, export
from dashboard.components import merged_text, plural
from dashboard.filters import Filters
from etl import columns

dash.register_page(__name__, path="/about", name="About the data", title="Casualty reports — about the data")

RULES = [
    ("Reports", "Each row is one casualty figure as a news article states it: who was killed or injured, how "
                "many (low, best and high), when, where, by whom, and who said so. The sentence it comes from "
                "is kept, with the number highlighted, and links to the article."),
    ("Incidents and period totals", "Incident reports (one attack, one day) are summed per day, week, month or "
                                    "year. Period totals (\u201cso far this year\u201d, a monthly UN figure) are "
                                    "drawn as reported over the period they cover and are never added to the "
                                    "incident sums."),
    ("Low, best and high", "Every figure has a best estimate; where the wording gives bounds (\u201cat least "
                           "12\u201d, \u201c10 to 15\u201d) they are the low and high. Sums add each report's "
                           "best, low and high (a missing bound counts as the best)."),
    ("Vague figures", "Words such as \u201cdozens\u201d or \u201cseveral\u201d become conventional numbers; the "
                      "\u201cCount vague figures\u201d switch leaves them out of every chart, table and download."),
    ("Events: one incident counted once", "Several articles often report the same incident. By default "
                                          "(\u201cEvents\u201d) the reports of one incident are merged into one "
                                          "event and every total counts each event once: the best, low and high "
                                          "its sources give, reconciled as docs/events.md explains. \u201cRaw "
                                          "reports\u201d adds every report instead. Every download marks the "
                                          "rows the page counted (counted, counted_best) so that they add up "
                                          "to the totals shown. Event notes (an ACLED note, a GTD summary, an "
                                          "incident list's entry: short texts with no date of their own) are "
                                          "each one event and never merged with each other."),
    ("Dates", "A report is dated by its start date, or by its article's publication date when the text gives "
              "none. The date filter keeps reports whose period overlaps the chosen range."),
]


def store_status(totals: dict[str, Any]) -> str:
    """'246 reports → 120 events (...), 80 articles': the overview's counts with no filters."""
    reports, events = totals.get("reports", 0), totals.get("events")
    head = (merged_text(reports, events, totals.get("merged_reports") or 0, totals.get("merged_events") or 0)
            if events is not None else plural(reports, "report"))
    return f"{head}, {plural(totals.get('articles', 0), 'article')}"


def table(name: str, hxl: bool = False) -> dbc.Table:
    """The registry's columns of a table (with their HXL hashtags in exports, for reports)."""
    frame = columns.describe(name)
    head = html.Thead(html.Tr([html.Th("Column"), html.Th("Type"), html.Th("Meaning")]
                              + ([html.Th("HXL")] if hxl else [])))
    body = html.Tbody([
        html.Tr([html.Td(html.Code(r.column)), html.Td(r.dtype), html.Td(r.meaning)]
                + ([html.Td(html.Code(export.HXL_TAGS.get(r.column, "")))] if hxl else []))
        for r in frame.itertuples(index=False)
    ])
    return dbc.Table([head, body], size="sm", striped=True, className="about-table", id=f"columns-{name}")


def layout(**_: Any) -> html.Div:
    source = data.source()
    try:  # the overview's own counts, for everything (one source of truth: DataSource.totals)
        status = store_status(source.totals(Filters()))
    except Exception:  # noqa: BLE001 - a status line must not break the page
        status = ""
    return dbc.Container(
        [
            html.H1("About the data", className="h3 mb-3"),
            html.P(f"Store: {status or 'empty'}. Version {source.version()}.", className="text-muted small",
                   id="about-status"),
            dbc.Row([dbc.Col(dbc.Card(dbc.CardBody([html.H2(t, className="h6"), html.P(d, className="mb-0 small")]),
                                      className="h-100 shadow-sm"), md=6, xl=4, className="mb-3")
                     for t, d in RULES]),
            html.H2("Columns of a report (CSV and JSON exports)", className="h5 mt-3"),
            html.P(["Exports add the article's ", html.Code("published"), ", ", html.Code("source"), ", ",
                    html.Code("title"), " and ", html.Code("url"), ". With ", html.Code("hxl=1"),
                    " a row of HXL hashtags follows the header; when the export holds one outcome the counts are "
                    "tagged ", html.Code("#affected+killed"), " (or ", html.Code("+injured"), ")."],
                   className="small"),
            table("reports", hxl=True),
            html.H2("Articles", className="h5 mt-4"),
            table("articles"),
            html.H2("Attribution notes", className="h5 mt-4"),
            table("notes"),
        ],
        fluid="xl",
    )
