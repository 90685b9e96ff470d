"""Layout pieces shared by the pages: the shell, the filter panel, totals, export buttons, safe text.

Text from articles (sentences, titles, notes) is only ever placed as plain strings in component children
(html.Span / html.Mark / table cells), which React renders as text nodes: markup in an article shows as
characters and runs nothing. No component here uses dcc.Markdown or dangerously_allow_html.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import labels
from dashboard.filters import NONE, Filters, View, to_query
from etl import actors, columns

# ---- element ids (stable: browser tests and docs/dashboard.md rely on them)

FILTER_FIELDS = {
    "countries": "filter-country",
    "dates": "filter-date",
    "outcomes": "filter-outcome",
    "groups": "filter-group",
    "kinds": "filter-kind",
    "perpetrators": "filter-perpetrator",
    "sources": "filter-source",
    "include_vague": "filter-vague",
    "unit": "filter-unit",
    "reviewed": "filter-reviewed",
}
RESET_ID = "filter-reset"
COMPARE_PREFIX = "compare-"
"""Ids on the compare page carry this prefix (compare-filter-country, ...): Dash needs ids unique per page
set, since a callback whose inputs are only partly on the page is an error."""


def filter_ids(prefix: str = "") -> dict[str, str]:
    """Ids of the filter controls on a page ('' for the overview, COMPARE_PREFIX for compare)."""
    return {name: prefix + id_ for name, id_ in FILTER_FIELDS.items()}


FILTER_IDS = filter_ids()
DATA_VERSION_ID = "data-version"
URL_QUERY_ID = "url-query"
URL_SYNC_DUMMY_ID = "url-sync-dummy"
GRID_ID = "reports-grid"
NOTES_ID = "notes-grid"
NOTES_SUMMARY_ID = "notes-summary-grid"
PAGE_SIZE = 100


def filter_inputs(dash_dep: Any, prefix: str = "") -> dict[str, Any]:
    """The filter controls as a dict of Dash dependencies (Input or State), for flexible callback signatures."""
    ids = filter_ids(prefix)
    return {
        "countries": dash_dep(ids["countries"], "value"),
        "start": dash_dep(ids["dates"], "start_date"),
        "end": dash_dep(ids["dates"], "end_date"),
        "outcomes": dash_dep(ids["outcomes"], "value"),
        "groups": dash_dep(ids["groups"], "value"),
        "kinds": dash_dep(ids["kinds"], "value"),
        "perpetrators": dash_dep(ids["perpetrators"], "value"),
        "sources": dash_dep(ids["sources"], "value"),
        "include_vague": dash_dep(ids["include_vague"], "value"),
        "unit": dash_dep(ids["unit"], "value"),
        "reviewed": dash_dep(ids["reviewed"], "value"),
    }


def graph_config(name: str) -> dict[str, Any]:
    """dcc.Graph config: the shipped topojson (no CDN), no plotly logo, client-side PNG named after the chart."""
    import dash

    return {
        "topojsonURL": dash.get_asset_url("topojson/"),
        "displaylogo": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": f"casualty-{name}", "scale": 2},
    }


# ---- safe text


def highlighted(sentence: str | None, start: int | None = None, end: int | None = None) -> html.Span:
    """A sentence as text with [start, end) marked; the offsets are within the sentence (ignored if invalid)."""
    text = "" if sentence is None else str(sentence)
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return html.Span(text, className="sentence")
    return html.Span(
        [text[:start], html.Mark(text[start:end], className="figure-mark"), text[end:]], className="sentence"
    )


def marked_text(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Any]:
    """Article text as text children with non-overlapping spans (start, end, id) marked."""
    out: list[Any] = []
    pos = 0
    for start, end, span_id in sorted(spans):
        if start < pos or not (0 <= start < end <= len(text)):
            continue
        out.append(text[pos:start])
        out.append(html.Mark(text[start:end], id=span_id, className="figure-mark"))
        pos = end
    out.append(text[pos:])
    return [piece for piece in out if piece != ""]


def safe_url(url: Any) -> str | None:
    """An http(s) URL as is; anything else (javascript:, data:, relative) is not linked."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


# ---- shell


def navbar() -> dbc.Navbar:
    """The top bar. Links keep the current filters (assets/keep_query.js adds the query on click)."""
    link = {"className": "nav-link keep-query"}
    return dbc.Navbar(
        dbc.Container(
            [
                html.A("Casualty reports", href="/", className="navbar-brand keep-query", id="nav-brand"),
                html.Div(
                    [
                        html.A("Overview", href="/", id="nav-overview", **link),
                        html.A("Compare", href="/compare", id="nav-compare", **link),
                        html.A("About the data", href="/about", id="nav-about", **link),
                    ],
                    className="navbar-nav flex-row gap-3",
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="mb-3 py-2",
    )


def shell(page_container: Any) -> html.Div:
    """The app layout around the pages."""
    return html.Div(
        [
            navbar(),
            html.Main(page_container, className="container-fluid pb-5"),
        ]
    )


# ---- filter panel


def _options(pairs: Iterable[tuple[str, int]], column: str) -> list[dict[str, Any]]:
    if column in ("perpetrator", "reporting_source"):
        return actor_options(pairs, column)
    return [{"label": f"{labels.value_label(column, value)} ({count:,})", "value": value} for value, count in pairs]


def actor_options(pairs: Iterable[tuple[str, int]], column: str) -> list[dict[str, Any]]:
    """Perpetrator and source options grouped by kind (UN, monitors, governments, armed groups, media), each
    label prefixed with its group; groups in that order, names by count within each."""
    order = list(dict.fromkeys(actors.KIND_GROUPS.values()))
    rows = []
    for value, count in pairs:
        kind = actors.canonical(value)[1] if value and value != NONE else None
        group = actors.KIND_GROUPS.get(kind or "other", "Other")
        rows.append((order.index(group) if value != NONE else len(order), -count, group, value, count))
    return [
        {"label": f"{group} · {labels.value_label(column, value)} ({count:,})" if value != NONE
         else f"{labels.value_label(column, value)} ({count:,})", "value": value}
        for _, _, group, value, count in sorted(rows, key=lambda r: r[:2])
    ]


def _keep_selected(options: list[dict[str, Any]], selected: Iterable[str], column: str) -> list[dict[str, Any]]:
    """Options plus any selected value missing from them (e.g. from a URL), so the selection stays visible."""
    known = {o["value"] for o in options}
    extra = [{"label": labels.value_label(column, v), "value": v} for v in selected if v not in known]
    return extra + options


def closed_options(values: Iterable[str], names: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"label": names.get(v, v), "value": v} for v in values]


def _label(text: str, target: str) -> dbc.Label:
    return dbc.Label(text, html_for=target, className="form-label small fw-semibold mb-1")


def filter_panel(filters: Filters, options: Mapping[str, Any], prefix: str = "") -> dbc.Card:
    """The filter controls, set to `filters`; options come from DataSource.options()."""
    ids = filter_ids(prefix)
    countries = [
        {"label": f"{labels.country_name(code)} ({count:,})", "value": code}
        for code, count in options.get("countries", [])
    ]
    date_min, date_max = options.get("date_min"), options.get("date_max")
    dropdown = {"multi": True, "clearable": True, "className": "mb-3 small"}
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2("Filters", className="h6 mb-0"),
                        html.A("Reset", href="?", id=prefix + RESET_ID, className="small"),
                    ],
                    className="d-flex justify-content-between align-items-center mb-2",
                ),
                _label("Countries", ids["countries"]),
                dcc.Dropdown(
                    id=ids["countries"], options=_keep_selected(countries, filters.countries, "country_code"),
                    value=list(filters.countries), placeholder="All countries", **dropdown,
                ),
                _label("Dates", ids["dates"]),
                html.Div(
                    dcc.DatePickerRange(
                        id=ids["dates"],
                        start_date=filters.start.isoformat() if filters.start else None,
                        end_date=filters.end.isoformat() if filters.end else None,
                        min_date_allowed=_iso(date_min), max_date_allowed=_iso(date_max),
                        initial_visible_month=_iso(date_max),
                        display_format="YYYY-MM-DD", clearable=True, start_date_placeholder_text="From",
                        end_date_placeholder_text="To", className="small",
                    ),
                    className="mb-3",
                ),
                _label("Outcome", ids["outcomes"]),
                dcc.Dropdown(
                    id=ids["outcomes"], options=closed_options(columns.OUTCOMES, labels.OUTCOME_LABELS),
                    value=list(filters.outcomes), placeholder="Killed and injured", searchable=False, **dropdown,
                ),
                _label("Victim group", ids["groups"]),
                dcc.Dropdown(
                    id=ids["groups"], options=closed_options(columns.VICTIM_GROUPS, labels.GROUP_LABELS),
                    value=list(filters.groups), placeholder="All groups", searchable=False, **dropdown,
                ),
                _label("Kind of figure", ids["kinds"]),
                dcc.Dropdown(
                    id=ids["kinds"], options=closed_options(columns.KINDS, labels.KIND_LABELS),
                    value=list(filters.kinds), placeholder="Incidents and period totals", searchable=False,
                    **dropdown,
                ),
                _label("Perpetrator", ids["perpetrators"]),
                dcc.Dropdown(
                    id=ids["perpetrators"],
                    options=_keep_selected(_options(options.get("perpetrators", []), "perpetrator"),
                                           filters.perpetrators, "perpetrator"),
                    value=list(filters.perpetrators), placeholder="Anyone", **dropdown,
                ),
                _label("Reported by", ids["sources"]),
                dcc.Dropdown(
                    id=ids["sources"],
                    options=_keep_selected(_options(options.get("sources", []), "reporting_source"),
                                           filters.sources, "reporting_source"),
                    value=list(filters.sources), placeholder="Any source", **dropdown,
                ),
                dbc.Switch(
                    id=ids["include_vague"], value=filters.include_vague,
                    label="Count vague figures (\u201cdozens\u201d, \u201cseveral\u201d)", className="small mb-2",
                ),
                dbc.Switch(
                    id=ids["reviewed"], value=filters.reviewed,
                    label="Reviewed figures only (accepted or corrected)", className="small mb-2",
                ),
                _label("Count", ids["unit"]),
                radio(ids["unit"], {"events": "Events (no double counting)", "reports": "Raw reports"},
                      filters.unit),
            ]
        ),
        className="filter-panel shadow-sm",
    )


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return str(value)[:10]
    except Exception:  # noqa: BLE001
        return None


def radio(id_: str, options: Mapping[str, str], value: str) -> dbc.RadioItems:
    """A compact button-style radio group."""
    return dbc.RadioItems(
        id=id_, options=[{"label": v, "value": k} for k, v in options.items()], value=value, inline=True,
        className="btn-group btn-group-sm view-toggle", inputClassName="btn-check",
        labelClassName="btn btn-outline-secondary btn-sm", labelCheckedClassName="active",
    )


# ---- totals


def _range(low: int | None, high: int | None, best: int | None) -> str:
    if low is None or high is None or (low == best and high == best):
        return ""
    return f"low {low:,} – high {high:,}"


def totals_cards(totals: Mapping[str, Any]) -> list[Any]:
    """Counts at a glance for the selection, and what stands behind them."""
    outcomes = totals.get("outcomes", {})
    cards = []
    for outcome in columns.OUTCOMES:
        item = outcomes.get(outcome, {})
        best = item.get("best")
        cards.append(_card(
            f"totals-{outcome}", labels.OUTCOME_LABELS[outcome], "—" if best is None else f"{best:,}",
            _range(item.get("low"), item.get("high"), best) or ("incidents summed" if best is not None else ""),
            outcome,
        ))
    reports = totals.get("reports", 0)
    period_totals = totals.get("period_totals", 0)
    events = totals.get("events")
    if events is not None:
        merged = merged_text(reports, events, totals.get("merged_reports") or 0, totals.get("merged_events") or 0)
        cards.append(_card("totals-events", "Events", f"{events:,}", merged, "reports"))
    cards.append(_card(
        "totals-reports", "Reports", f"{reports:,}",
        f"{plural(reports - period_totals, 'incident')} · {plural(period_totals, 'period total')}", "reports",
    ))
    cards.append(_card(
        "totals-articles", "Articles", f"{totals.get('articles', 0):,}",
        f"{plural(totals.get('sources', 0), 'named source')} · "
        f"{plural(totals.get('countries', 0), 'country', 'countries')}",
        "articles",
    ))
    return [dbc.Col(card, xs=6, md=4, xl=True, className="mb-2") for card in cards]


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 report', '2 reports', '1,204 articles' ('1 country', '3 countries' with nouns='countries')."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


_n = plural


def merged_text(reports: int, events: int, merged_reports: int, merged_events: int) -> str:
    """'234 reports → 115 events (65 reports from several articles merged into 14 events)': what counting events
    saves. Merged are the reports of events told by more than one article, and those events (the killed and
    injured figures of one sentence share their event too, but were never counted twice)."""
    merged = (f"{_n(merged_reports, 'report')} from several articles merged into {_n(merged_events, 'event')}"
              if merged_events else "none merged")
    return f"{_n(reports, 'report')} → {_n(events, 'event')} ({merged})"


def _card(id_: str, title: str, number: str, sub: str, kind: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(title, className="stat-title"),
                html.Div(number, className="stat-number", id=id_),
                html.Div(sub, className="stat-sub"),
            ],
            className="py-2 px-3",
        ),
        className=f"stat-card stat-{kind} h-100 shadow-sm",
    )


# ---- compare page


def compare_numbers(frame: pd.DataFrame, by: str, unit: str = "events") -> html.Div:
    """The side-by-side numbers (DataSource.compare_table) as a table (all cells text), and what they count.

    Killed and injured are summed as the charts sum them (each event once when the unit is events, with an
    Events column); Reports, Articles and Period totals count every report the filters keep, as the overview's
    totals do."""
    def num(value: Any) -> str:
        return "" if value is None or pd.isna(value) else f"{int(value):,}"

    def band(low: Any, high: Any) -> str:
        return "" if low is None or pd.isna(low) or pd.isna(high) else f"{int(low):,} – {int(high):,}"

    events = unit == "events"
    headers = ["Country" if by == "country_code" else "Reporting source", "Killed", "low – high", "Injured",
               "low – high", *(["Events"] if events else []), "Reports", "Articles", "Period totals",
               "Latest period total"]
    head = html.Thead(html.Tr([html.Th(h) for h in headers]))
    rows = []
    for r in frame.itertuples(index=False):
        latest = "" if pd.isna(r.latest_total) else (
            f"{int(r.latest_total):,} (to {pd.Timestamp(r.latest_total_date):%d %b %Y})")
        rows.append(html.Tr([
            html.Td(labels.value_label(by, r.key)), html.Td(num(r.killed)), html.Td(band(r.killed_low, r.killed_high)),
            html.Td(num(r.injured)), html.Td(band(r.injured_low, r.injured_high)),
            *([html.Td(num(r.events))] if events else []), html.Td(num(r.reports)),
            html.Td(num(r.articles)), html.Td(num(r.period_totals)), html.Td(latest),
        ]))
    if not rows:
        rows = [html.Tr(html.Td("No reports match these filters.", colSpan=len(headers), className="text-muted"))]
    note = ("Killed and injured count each event once (its lead reports); Events are those events; "
            if events else "Killed and injured add up every report; ")
    note += "Reports, Articles and Period totals count every report the filters keep, as the overview's totals do."
    table = dbc.Table([head, html.Tbody(rows)], striped=True, hover=True, size="sm", responsive=True,
                      className="mb-0 compare-numbers", id="compare-numbers")
    return html.Div([table, html.Div(note, className="form-text", id="compare-note")])


# ---- exports


def export_buttons(chart: str, query: str = "") -> dbc.ButtonGroup:
    """PNG / SVG / HTML links for a chart (made on the server by /api/chart.*)."""
    return dbc.ButtonGroup(
        [
            html.A(fmt.upper(), id=f"export-{chart}-{fmt}", href=export_href(chart, fmt, query),
                   className="btn btn-outline-secondary btn-sm", download="", title=f"Download as {fmt.upper()}")
            for fmt in ("png", "svg", "html")
        ],
        size="sm",
        className="export-buttons",
    )


def export_href(chart: str, fmt: str, query: str) -> str:
    """Relative link to a chart export of the current selection."""
    sep = "&" if query else "?"
    return f"api/chart.{fmt}{query or ''}{sep}chart={chart}"


def csv_href(query: str, hxl: bool, everything: bool = False, reviewed: bool = False) -> str:
    """Relative link to the CSV of the filtered reports (or of everything: every report, or every reviewed one
    with `reviewed`)."""
    params = [] if everything else [query.lstrip("?")] if query else []
    if everything and reviewed:
        params.append("reviewed=1")
    if hxl:
        params.append("hxl=1")
    if everything:
        params.append("scope=all")
    params = [p for p in params if p]
    return "api/reports.csv" + ("?" + "&".join(params) if params else "")


def csv_all_label(reviewed: bool) -> str:
    """The text of the link to the CSV of everything (the reviewed reports only with 'Reviewed figures only')."""
    return "CSV of all reviewed" if reviewed else "CSV of everything"


def page_query(filters: Filters, view: View | None = None) -> str:
    return to_query(filters, view)


# ---- grids


def _col(field: str, header: str, **extra: Any) -> dict[str, Any]:
    return {"field": field, "headerName": header, **extra}


SENTENCE_TOOLTIP = {"function": "params.data ? params.data.sentence : ''"}
LEAD_CHARS = 36
"""Grid cells show at most this much of the sentence before the figure, so the highlight is in view."""
NUMBER_FORMAT = {"function": "params.value == null ? '' : d3.format(',')(params.value)"}
RANGE_GETTER = {"function": "casualtyRange(params.data)"}
"""'low–high' when a bound differs from the best, else '' (dashAgGridFunctions.js)."""

STATUS_CLASSES = {f"review-{status}": f"params.value === '{status}'" for status in columns.REVIEW_STATUSES}
REPORT_COLUMNS = [
    # what an analyst reviews first: status, then the figure and its event, then the sentence; the rest after
    _col("review_status", "Review", width=94, cellClassRules=STATUS_CLASSES,
         headerTooltip="unreviewed, accepted, corrected or rejected (Show rejected reports lists those)"),
    _col("date", "Date", width=92, sort="desc"),
    _col("country", "Country", width=100, colId="country_code"),
    _col("outcome", "Outcome", width=84),
    _col("victim_group", "Victims", width=104),
    _col("count_best", "Best", width=62, type="rightAligned", valueFormatter=NUMBER_FORMAT),
    _col("count_low", "Low–high", width=80, type="rightAligned", valueGetter=RANGE_GETTER,
         headerTooltip="Low and high bounds when they differ from the best (sorts by low)"),
    _col("event_id", "Event", width=124, tooltipField="event_id"),
    _col("n_ev", "In event", width=66, type="rightAligned", headerTooltip="Reports in its event"),
    _col("sentence", "Sentence (figure highlighted; opens the article)", flex=1, minWidth=160, sortable=False,
         cellRenderer="SentenceCell", cellClass="sentence-cell", tooltipValueGetter=SENTENCE_TOOLTIP),
    _col("location", "Place", width=110),
    _col("reporting_source", "Reported by", width=130),
    _col("qualifier", "Qualifier", width=100),
    _col("perpetrator", "Perpetrator", width=125),
    _col("source", "Outlet (opens its article)", width=130, cellRenderer="OutletLink",
         headerTooltip="The outlet, linked to the article on its own site (http and https links only)"),
]


def count_text(count: int, rejected: int | None = None) -> str:
    """'N reports' behind the table; with rejected reports shown, how many of those there are too."""
    text = f"{count:,} report{'s' if count != 1 else ''}"
    return text if rejected is None else f"{text} + {rejected:,} rejected"


def reports_grid() -> dag.AgGrid:
    """The reports table: infinite row model, rows fetched a block at a time from the server."""
    return dag.AgGrid(
        id=GRID_ID,
        columnDefs=REPORT_COLUMNS,
        defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True},
        rowModelType="infinite",
        dashGridOptions={
            "cacheBlockSize": PAGE_SIZE, "maxBlocksInCache": 20, "infiniteInitialRowCount": 1,
            "rowBuffer": 0, "suppressCellFocus": True, "pagination": True, "paginationPageSize": PAGE_SIZE,
            "rowHeight": 52,
            "paginationPageSizeSelector": False, "tooltipShowDelay": 300,
            "rowSelection": {"mode": "multiRow", "checkboxes": True, "headerCheckbox": False,
                             "enableClickSelection": False},
            "selectionColumnDef": {"width": 44, "minWidth": 44, "maxWidth": 44},
        },
        getRowId="params.data.report_id",
        rowClassRules={"report-rejected": "params.data && params.data.review_status === 'rejected'"},
        style={"height": "640px", "width": "100%"},
        className="ag-theme-quartz",
    )


NOTE_COLUMNS = [
    _col("date", "Date", width=100),
    _col("reporting_source", "Who says", width=150),
    _col("stance", "Stance", width=85),
    _col("blamed", "Whom", width=150),
    _col("sentence", "Sentence (opens the article)", flex=1, minWidth=240, cellRenderer="ArticleLinkCell",
         wrapText=True, autoHeight=True),
    _col("source", "Outlet", width=100),
]


NOTE_SUMMARY_COLUMNS = [
    _col("reporting_source", "Who says", flex=1, minWidth=160),
    _col("stance", "Stance", width=90),
    _col("blamed", "Whom", flex=1, minWidth=160),
    _col("notes", "Notes", width=80, type="numericColumn"),
    _col("articles", "Articles", width=90, type="numericColumn"),
]


def notes_summary_grid() -> dag.AgGrid:
    """Who blames whom, grouped: one row per source, stance and party, with how many notes and articles."""
    return dag.AgGrid(
        id=NOTES_SUMMARY_ID,
        columnDefs=NOTE_SUMMARY_COLUMNS,
        rowData=[],
        defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True},
        dashGridOptions={"suppressCellFocus": True, "domLayout": "autoHeight", "pagination": True,
                         "paginationPageSize": 10, "paginationPageSizeSelector": False},
        style={"width": "100%"},
        className="ag-theme-quartz",
    )


def notes_grid() -> dag.AgGrid:
    """Attribution notes (who blames whom) from the articles behind the selection."""
    return dag.AgGrid(
        id=NOTES_ID,
        columnDefs=NOTE_COLUMNS,
        rowData=[],
        defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True},
        dashGridOptions={"suppressCellFocus": True, "pagination": True, "paginationPageSize": 20,
                         "paginationPageSizeSelector": False},
        style={"height": "430px", "width": "100%"},
        className="ag-theme-quartz",
    )


def shorten_lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The end of the text before a highlight, cut at a word and marked with an ellipsis when long."""
    if len(text) <= limit:
        return text
    tail = text[-limit:]
    space = tail.find(" ")
    return "…" + (tail[space + 1:] if 0 <= space < limit // 2 else tail)


def grid_rows(frame: Any) -> list[dict[str, Any]]:
    """Grid rows (JSON-ready) from DataSource.report_rows / notes frames: labels applied, text left as text."""
    rows = []
    names = [str(name) for name in frame.columns]
    # whole columns as Python lists (DataFrame.to_dict boxes every cell of an Arrow-backed frame one by one)
    for values in zip(*(frame[name].tolist() for name in frame.columns), strict=True):
        out: dict[str, Any] = {}
        for key, value in zip(names, values, strict=True):
            if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
                out[key] = None  # an undated report shows an empty cell, not "NaT"
            elif hasattr(value, "isoformat"):
                out[key] = value.isoformat()[:10]
            elif hasattr(value, "item"):
                out[key] = value.item()
            else:
                out[key] = value
        if "country_code" in out:
            out["country"] = labels.country_name(out["country_code"]) if out["country_code"] else None
        if "outcome" in out:
            out["outcome"] = labels.SHORT_OUTCOME_LABELS.get(out["outcome"], out["outcome"])
        if "victim_group" in out:
            out["victim_group"] = labels.GROUP_LABELS.get(out["victim_group"], out["victim_group"])
        if "qualifier" in out:
            out["qualifier"] = labels.QUALIFIER_LABELS.get(out["qualifier"], out["qualifier"])
        if "published" in out:
            out["date"] = out.pop("published")
        if "url" in out:
            out["url"] = safe_url(out["url"])
        if out.get("mark") and isinstance(out.get("pre"), str):
            out["pre"] = shorten_lead(out["pre"])
        if out.get("reporting_source") in (None, "", NONE) and "report_id" in out:
            out["reporting_source"] = "(article's own voice)"
        rows.append(out)
    return rows


def undated_text(count: int, date_filter: bool) -> str:
    """The undated line in words ('' when there are none)."""
    if not count:
        return ""
    what = f"{count:,} report{'s' if count != 1 else ''} {'have' if count != 1 else 'has'} no date"
    if date_filter:
        return f"{what} (no start date, no publication date): the date filter leaves them out."
    return f"{what} (no start date, no publication date): counted in the totals, left out of the timeline."


# ---- charts in words and as tables (accessible alternatives)

TABLE_ROWS = 400
"""A chart's table view lists at most this many rows (the downloads hold everything)."""


def chart_summary(text: str, table: Any, chart: str) -> list[Any]:
    """A chart's numbers in words, and a 'Show as a table' disclosure with its numbers."""
    return [
        html.P(text, className="small text-muted mb-1", id=f"{chart}-summary-text", **{"aria-live": "polite"}),
        html.Details([html.Summary("Show as a table", className="small"), table], id=f"{chart}-table",
                     className="small mb-1"),
    ]


def element(tag: str, children: Any, class_name: str | None = None) -> dict[str, Any]:
    """An html element as Dash sends it to the browser (what html.<tag>(children, className=...) serialises to),
    made without a component object. A table view of 400 rows as Dash components cost about 0.3 s of CPU to
    build and serialise (and made Dash walk the whole answer, figure included, before encoding it); as plain
    data it costs a few ms and the answer goes to orjson as it is."""
    props: dict[str, Any] = {"children": children}
    if class_name is not None:
        props["className"] = class_name
    return {"props": props, "type": tag, "namespace": "dash_html_components"}


def wire(value: Any) -> Any:
    """Components (and lists of them) turned into the plain data Dash sends (dicts made by `element` pass as
    they are), so that a callback's answer is JSON-ready: Dash then encodes it with orjson in one go instead
    of walking every value of it in Python."""
    if isinstance(value, Component):
        out = value.to_plotly_json()
        out["props"] = {name: wire(prop) for name, prop in out["props"].items()}
        return out
    if isinstance(value, (list, tuple)):
        return [wire(v) for v in value]
    return value


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int]) -> dbc.Table:
    align = ["text-end" if i in numeric else None for i in range(len(headers))]
    head = element("Thead", element("Tr", [element("Th", h, a) for h, a in zip(headers, align, strict=True)]))
    body = element("Tbody", [
        element("Tr", [element("Td", v, a) for v, a in zip(row, align, strict=True)]) for row in rows
    ])
    return dbc.Table([head, body], size="sm", striped=True, className="compare-numbers mt-1")


def _num(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else f"{int(value):,}"


def timeline_table(frame: pd.DataFrame, key: str) -> Any:
    """The timeline's numbers: one row per period and series (best, low–high, reports)."""
    if frame.empty:
        return html.P("No incidents match these filters.", className="text-muted")
    part = frame.sort_values(["period", "key"], kind="stable").head(TABLE_ROWS)
    # whole columns as plain lists: itertuples builds a tuple of numpy scalars per row
    rows = [[str(period)[:10], labels.value_label(key, str(k)), _num(best), f"{_num(low)}–{_num(high)}", _num(n)]
            for period, k, best, low, high, n in zip(*(part[c].tolist() for c in (
                "period", "key", "best", "low", "high", "reports")), strict=True)]
    return _table(["Period", labels.COLUMN_LABELS.get(key, key), "Best", "Low–high", "Reports"], rows, {2, 3, 4})


def country_table(frame: pd.DataFrame, rate: bool = False) -> Any:
    """The map's numbers: one row per country (best, low–high, reports; with the rate per 100,000 people)."""
    if frame.empty:
        return html.P("No incidents with a known country match these filters.", className="text-muted")
    part = frame.sort_values("best", ascending=False, kind="stable").head(TABLE_ROWS)
    if rate:
        rows = [[labels.country_name(str(r.country_code)), f"{r.best:,.2f}", _num(r.best_count),
                 f"{_num(r.low_count)}–{_num(r.high_count)}", _num(r.population), _num(r.reports)]
                for r in part.itertuples(index=False)]
        return _table(["Country", "Per 100,000", "Best", "Low–high", "Population (2022)", "Reports"], rows,
                      {1, 2, 3, 4, 5})
    rows = [[labels.country_name(str(r.country_code)), _num(r.best), f"{_num(r.low)}–{_num(r.high)}",
             _num(r.reports)] for r in part.itertuples(index=False)]
    return _table(["Country", "Best", "Low–high", "Reports"], rows, {1, 2, 3})
