"""Article ("/article?id=..."): one article's text as text, with the figures read from it highlighted."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import components, data, labels

dash.register_page(__name__, path="/article", name="Article", title="Casualty reports — article")


KIND_NAMES = {"incident": "Incident", "period_total": "Period total"}


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "")


def _date(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def reports_table(reports: pd.DataFrame, current: str) -> dbc.Table:
    head = html.Thead(html.Tr([html.Th(h) for h in (
        "#", "Kind", "Outcome", "Victims", "Low", "Best", "High", "Qualifier", "Date", "Place", "Perpetrator",
        "Reported by")]))
    rows = []
    for i, r in enumerate(reports.itertuples(index=False), start=1):
        def num(v: Any) -> str:
            return "" if v is None or pd.isna(v) else f"{int(v):,}"
        place = ", ".join(x for x in (r.location if isinstance(r.location, str) else "",
                                      labels.country_name(r.country_code) if isinstance(r.country_code, str) else "")
                          if x)
        rows.append(html.Tr([
            html.Td(html.A(str(i), href=f"#r-{i}")), html.Td(KIND_NAMES.get(r.kind, r.kind)),
            html.Td(labels.OUTCOME_LABELS.get(r.outcome, r.outcome)),
            html.Td(labels.GROUP_LABELS.get(r.victim_group, r.victim_group)),
            html.Td(num(r.count_low)), html.Td(num(r.count_best)), html.Td(num(r.count_high)),
            html.Td(labels.QUALIFIER_LABELS.get(r.qualifier, r.qualifier)),
            html.Td(_date(r.date) if r.kind == "incident" else f"{_date(r.date)} – {_date(r.date_end)}"),
            html.Td(place), html.Td(r.perpetrator if isinstance(r.perpetrator, str) else ""),
            html.Td(r.reporting_source if isinstance(r.reporting_source, str) else "(the article itself)"),
        ], className="table-warning" if r.report_id == current else ""))
    return dbc.Table([head, html.Tbody(rows)], size="sm", striped=True, responsive=True, id="article-reports")


def layout(**query: Any) -> html.Div:
    article_id, current = _first(query.get("id")), _first(query.get("report"))
    source = data.source()
    article = source.article(article_id) if article_id else None
    if article is None:
        return dbc.Container([
            html.H1("Article not found", className="h4"),
            html.P(["No article with the id ", html.Code(article_id or "(none)"), " is stored. ",
                    html.A("Back to the overview", href="/")]),
        ], id="article-missing")
    reports = source.article_reports(article_id)
    notes = source.article_notes(article_id)
    text = article.get("text") or ""
    spans = [(int(r.span_start), int(r.span_end), f"r-{i}") for i, r in enumerate(reports.itertuples(), start=1)
             if not pd.isna(r.span_start) and not pd.isna(r.span_end)]
    url = components.safe_url(article.get("url"))
    meta = [x for x in (article.get("source"), _date(article.get("published"))) if x]
    return dbc.Container(
        [
            html.H1(article.get("title") or "(untitled article)", className="h4", id="article-title"),
            html.P(
                [" · ".join(meta)] + ([" · ", html.A("original", href=url, target="_blank",
                                                      rel="noopener noreferrer", id="article-url")] if url else []),
                className="text-muted small",
            ),
            dbc.Card(dbc.CardBody(html.Div(components.marked_text(text, spans), className="article-text",
                                           id="article-text")), className="mb-3 shadow-sm"),
            html.H2(f"Figures read from this article ({len(reports)})", className="h6"),
            reports_table(reports, current),
            html.H2(f"Attribution notes ({len(notes)})", className="h6 mt-3"),
            html.Ul([html.Li([html.Strong(n.reporting_source or "The article"), " blames ",
                              html.Strong(n.blamed or "someone unnamed"), ": ", html.Span(n.sentence)])
                     for n in notes.itertuples(index=False)] or [html.Li("None.", className="text-muted")],
                    id="article-notes", className="small"),
        ],
        fluid="xl",
    )
