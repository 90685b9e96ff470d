"""Overview ("/"): totals, timeline, map, attribution notes and the reports table for one selection."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path
from typing import Any

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html

from dashboard import auth, charts, components, data, figures, ingest, labels, reviewing
from dashboard import filters as flt
from etl import review

dash.register_page(__name__, path="/", name="Overview", title="Casualty reports")

SELECTION_ID = "table-selection"
VIEW = {
    "interval": Input("view-interval", "value"),
    "stack": Input("view-stack", "value"),
    "measure": Input("view-measure", "value"),
    "map_scale": Input("view-map", "value"),
}


def _card(title: str, body: Any, tools: Any = None, id_: str | None = None) -> dbc.Card:
    header = html.Div([html.H2(title, className="h6 mb-0"), html.Div(tools, className="d-flex gap-2 flex-wrap")],
                      className="d-flex justify-content-between align-items-center flex-wrap gap-2")
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(body, className="p-2")], className="mb-3 shadow-sm",
                    id=id_ or "")


def layout(**query: Any) -> html.Div:
    filters, view = flt.from_query(query)
    drill = flt.selection_from_query(query)  # a drill-down kept in the link
    source = data.source()
    options = source.options()
    qs = flt.to_query(filters, view)
    timeline_tools = [
        components.radio("view-interval", labels.INTERVAL_LABELS, view.interval),
        components.radio("view-stack", {"outcome": "By outcome", "victim_group": "By victim group"}, view.stack),
        components.radio("view-measure", {"best": "Best", "band": "Low–high", "cumulative": "Cumulative"},
                         view.measure),
        components.export_buttons("timeline", qs),
    ]
    return html.Div(
        [
            dcc.Store(id=components.URL_QUERY_ID, data=qs),
            dcc.Store(id=SELECTION_ID, data=drill),
            dcc.Store(id=components.DATA_VERSION_ID, data=0),
            dcc.Store(id="notes-trigger", data=None),
            html.Div(id=components.URL_SYNC_DUMMY_ID, hidden=True),
            html.Div(id="grid-refresh-dummy", hidden=True),
            html.Div(id="grid-untick-dummy", hidden=True),
            dbc.Row(
                [
                    dbc.Col(
                        [components.filter_panel(filters, options), upload_card()],
                        lg=3, className="mb-3",
                    ),
                    dbc.Col(
                        [
                            dbc.Row(components.totals_cards(source.totals(filters)), id="totals", className="g-2 mb-2"),
                            _card(
                                "Casualties over time",
                                html.Div([
                                    dcc.Loading(dcc.Graph(id="timeline", config=components.graph_config("timeline"),
                                                          style={"height": "560px"}), delay_show=400),
                                    html.Div(id="timeline-summary", className="chart-summary"),
                                    undated_line(),
                                ]),
                                timeline_tools,
                            ),
                            _card(
                                "Where",
                                html.Div([
                                    dcc.Loading(dcc.Graph(id="map", config=components.graph_config("map"),
                                                          style={"height": "440px"}), delay_show=400),
                                    html.Div(id="map-summary", className="chart-summary"),
                                ]),
                                [components.radio("view-map", {"total": "Total", "per_capita": "Per 100,000 people"},
                                                  view.map_scale),
                                 components.export_buttons("map", qs)],
                            ),
                            dbc.Card(
                                [
                                    dbc.CardHeader(html.Div(
                                        [
                                            dbc.Tabs(
                                                [dbc.Tab(label="Reports behind the numbers", tab_id="reports"),
                                                 dbc.Tab(label="Who blames whom", tab_id="notes"),
                                                 dbc.Tab(label="Decisions", tab_id="decisions")],
                                                id="detail-tabs", active_tab="reports", className="card-header-tabs",
                                            ),
                                            html.Div(reports_tools(qs, filters.reviewed),
                                                     className="d-flex gap-2 flex-wrap"),
                                        ],
                                        className="d-flex justify-content-between align-items-end flex-wrap gap-2",
                                    )),
                                    dbc.CardBody(
                                        [
                                            html.Div(reports_body(drill), id="reports-pane"),
                                            html.Div(notes_body(), id="notes-pane", hidden=True),
                                            html.Div(decisions_body(), id="decisions-pane", hidden=True),
                                        ],
                                        className="p-2",
                                    ),
                                ],
                                className="mb-3 shadow-sm",
                            ),
                        ],
                        lg=9,
                    ),
                ],
                className="g-3",
            ),
        ]
    )


def undated_line() -> html.Div:
    """How many reports the timeline cannot place (no date at all), with a button listing them in the table."""
    return html.Div(
        [html.Span(id="undated-text"), " ",
         html.Button("Show them", id="undated-show", className="btn btn-link btn-sm p-0 align-baseline",
                     n_clicks=0)],
        id="undated-line", className="small text-muted mt-1", hidden=True,
    )


def reports_tools(qs: str, reviewed: bool = False) -> list[Any]:
    return [
        html.Span(id="reports-count", className="small text-muted align-self-center"),
        dbc.Switch(id="download-hxl", value=False, label="HXL row", className="small mb-0 align-self-center"),
        html.A("CSV of selection", id="download-csv", href=components.csv_href(qs, False),
               className="btn btn-primary btn-sm", download=""),
        html.A(components.csv_all_label(reviewed), id="download-csv-all",
               href=components.csv_href(qs, False, everything=True, reviewed=reviewed),
               className="btn btn-outline-primary btn-sm",
               download="", title="Every report, whatever the filters (rejected ones never; reviewed ones only "
                                  "with “Reviewed figures only”)"),
    ]


def reports_body(drill: dict | None = None) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.Span("Click a bar, a point or a country to see the reports behind it.",
                              id="selection-hint", className="small text-muted", hidden=bool(drill)),
                    html.Span(
                        [html.Span((drill or {}).get("label") or "", id="selection-label"),
                         html.Button("×", id="selection-clear", className="btn-close-inline", title="Show all",
                                     **{"aria-label": "Clear the drill-down"})],
                        id="selection-badge", className="badge text-bg-warning selection-badge", hidden=not drill,
                    ),
                    html.Div(
                        dbc.Switch(id="reports-rejected", value=False, label="Show rejected reports",
                                   className="small mb-0"),
                        className="ms-auto", title="List rejected reports too (greyed): tick one and Accept or "
                                                   "Correct it to take the rejection back",
                    ),
                ],
                className="mb-2 d-flex gap-2 align-items-center",
            ),
            components.reports_grid(),
            review_panel(),
        ]
    )


FIELD_OPTIONS = [{"label": name.replace("_", " "), "value": name} for name in review.CORRECTABLE]


def signed_in_line(what: str) -> html.Div:
    """Who is signed in (decisions and uploads are recorded under that name), or a link to sign in."""
    user = auth.current_user()
    if user:
        out = [] if auth.trusted_header() else [
            html.Form(html.Button("Sign out", type="submit", className="btn btn-link btn-sm p-0 align-baseline",
                                  id=f"{what}-signout"), method="post", action="/logout", className="d-inline ms-1")]
        return html.Div(["Signed in as ", html.Strong(user, id=f"{what}-user"), *out], id=f"{what}-signed-in")
    return html.Div([html.A("Sign in", href="/login?next=/", id=f"{what}-signin"),
                     " as an analyst to " + ("review" if what == "review" else "add articles") + "."],
                    id=f"{what}-anonymous", className="text-muted")


def review_panel() -> dbc.Card:
    """Review the reports ticked in the table: why, then accept, reject, correct, merge or split (as the analyst
    signed in; the buttons are disabled for an anonymous visitor, and the server refuses them too)."""
    anonymous = auth.current_user() is None
    button = {"size": "sm", "className": "me-1 mb-1", "disabled": anonymous}
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3("Review", className="h6"),
                html.Div("Tick reports in the table: the first one's event is shown here.", id="review-selected",
                         className="small mb-2"),
                dbc.Row(
                    [
                        dbc.Col(signed_in_line("review"), md=3, className="small align-self-center"),
                        dbc.Col(dbc.Input(id="review-reason", size="sm", maxLength=2000,
                                          placeholder="Why (recorded with the decision; required, except for "
                                                      "Accept where it is optional)"), md=9),
                    ],
                    className="g-2 mb-2",
                ),
                html.Div(
                    [
                        dbc.Button("Accept", id="review-accept", color="success", **button),
                        dbc.Button("Reject: not a casualty figure", id="review-reject", color="danger", **button),
                        dbc.Button("Merge their events", id="review-merge", color="secondary", outline=True,
                                   **button),
                        dbc.Button("Split off from event", id="review-split", color="secondary", outline=True,
                                   **button),
                    ],
                    className="mb-1",
                ),
                dbc.Row(
                    [
                        dbc.Col(dcc.Dropdown(id="review-field", options=FIELD_OPTIONS, value="count_best",
                                             clearable=False, className="small"), md=3),
                        dbc.Col(dbc.Input(id="review-value", placeholder="Correct value", size="sm"), md=4),
                        dbc.Col(dbc.Button("Correct", id="review-correct", color="primary", **button), md=2),
                    ],
                    className="g-2 align-items-center",
                ),
                html.Div(id="review-status", className="small mt-2"),
            ],
            className="p-2",
        ),
        className="mt-2 review-panel",
    )


DECISION_COLUMNS = [
    {"field": "status", "headerName": "Status", "maxWidth": 110,
     "headerTooltip": f"“{reviewing.ORPHANED}”: the decision no longer finds its report (re-extraction)"},
    *({"field": c, "headerName": c.replace("_", " ").capitalize()} for c in reviewing.LOG_COLUMNS),
]


def decisions_body() -> html.Div:
    """The decision log, its download and an upload to import another team's log."""
    return html.Div(
        [
            html.Div(
                [
                    html.A("Download log (JSONL)", id="decisions-download", href="/api/decisions.jsonl",
                           className="btn btn-primary btn-sm", download=""),
                    html.A("Download log (CSV)", id="decisions-download-csv", href="/api/decisions.csv",
                           className="btn btn-outline-primary btn-sm", download=""),
                    dcc.Upload(id="decisions-upload", children=html.Span("Import a log (.jsonl or .csv)"),
                               className="btn btn-outline-secondary btn-sm", multiple=False,
                               disabled=auth.current_user() is None),
                ],
                className="d-flex gap-2 flex-wrap mb-2",
            ),
            html.Div(id="decisions-status", className="small mb-2"),
            html.Div(id="decisions-orphans", className="small mb-2 text-danger"),
            dag.AgGrid(
                id="decisions-grid",
                columnDefs=DECISION_COLUMNS,
                rowData=[],
                getRowId="params.data.decision_id",
                rowClassRules={"decision-orphaned": f"params.data && params.data.status === '{reviewing.ORPHANED}'"},
                defaultColDef={"sortable": True, "resizable": True, "flex": 1, "minWidth": 90},
                dashGridOptions={"suppressCellFocus": True, "pagination": True, "paginationPageSize": 20,
                                 "paginationPageSizeSelector": False},
                style={"height": "430px", "width": "100%"},
                className="ag-theme-quartz",
            ),
        ]
    )


def upload_card() -> dbc.Card:
    anonymous = auth.current_user() is None
    small = {"size": "sm", "disabled": anonymous}
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Add articles", className="h6"),
                signed_in_line("upload"),
                dbc.Row(
                    [
                        dbc.Col(dcc.DatePickerSingle(id="upload-published", placeholder="Published",
                                                     display_format="YYYY-MM-DD", clearable=True,
                                                     disabled=anonymous, className="small"), xs=12),
                        dbc.Col(dbc.Input(id="upload-outlet", placeholder="Outlet (optional)",
                                          maxLength=ingest.MAX_OUTLET, **small), xs=12),
                        dbc.Col(dbc.Input(id="upload-url", placeholder="URL of the original (optional)", type="url",
                                          maxLength=ingest.MAX_URL, **small), xs=12),
                    ],
                    className="g-1 my-2",
                ),
                dcc.Upload(
                    id="upload",
                    children=html.Div(["Drop .txt, .html, .jsonl or .csv files here, or ",
                                       html.A("choose files", href="#", className="link-primary")]),
                    multiple=True,
                    disabled=anonymous,
                    className="upload-area" + (" opacity-50" if anonymous else ""),
                ),
                html.Div(ingest.limit_hint(), id="upload-hint", className="form-text"),
                dcc.Store(id="upload-job", data=None),
                dcc.Interval(id="upload-poll", interval=1000, disabled=True),
                html.Div(id="upload-progress", className="small mt-2"),
                html.Div(id="upload-status", className="small mt-2"),
            ]
        ),
        className="mt-3 shadow-sm",
    )


# ---- callbacks (thin: parse the controls, ask charts/data, return)

FILTERS = components.filter_inputs(Input)


@callback(
    output={"figure": Output("timeline", "figure"), "summary": Output("timeline-summary", "children")},
    inputs={"f": FILTERS, "v": VIEW, "_": Input(components.DATA_VERSION_ID, "data")},
)
def update_timeline(f: dict, v: dict, _: Any) -> dict:
    """The timeline and its numbers in words and as a table (one callback: the queries run once, then cached)."""
    filters, view = flt.from_controls(**f), flt.view_from_controls(**v)
    source = data.source()
    figure = charts.timeline(source, filters, view)
    text, frame = charts.timeline_summary(source, filters, view)
    summary = components.chart_summary(text, components.timeline_table(frame, view.stack), "timeline")
    return {"figure": figure, "summary": components.wire(summary)}  # plain data: Dash encodes it in one go


MAP_VIEW = {"map_scale": Input("view-map", "value")}


@callback(
    output={"figure": Output("map", "figure"), "summary": Output("map-summary", "children")},
    inputs={"f": FILTERS, "v": MAP_VIEW, "_": Input(components.DATA_VERSION_ID, "data")},
)
def update_map(f: dict, v: dict, _: Any) -> dict:
    """The map and its numbers in words and as a table."""
    filters, view = flt.from_controls(**f), flt.view_from_controls(**v)
    source = data.source()
    text, frame = charts.map_summary(source, filters, view)
    table = components.country_table(frame, view.map_scale == "per_capita")
    summary = components.wire(components.chart_summary(text, table, "map"))
    return {"figure": charts.map_(source, filters, view), "summary": summary}


def _with_drill(qs: str, selection: flt.Selection) -> str:
    """The page's query string with its drill-down (so that a link or a reload keeps it)."""
    drill = flt.selection_query(selection)
    if not drill:
        return qs
    return f"{qs}&{drill}" if qs else f"?{drill}"


@callback(
    output={
        "totals": Output("totals", "children"),
        "query": Output(components.URL_QUERY_ID, "data"),
        "count": Output("reports-count", "children"),
        "csv": Output("download-csv", "href"),
        "csv_all": Output("download-csv-all", "href"),
        "csv_all_label": Output("download-csv-all", "children"),
        "exports": {f"{c}-{fmt}": Output(f"export-{c}-{fmt}", "href") for c in ("timeline", "map")
                    for fmt in ("png", "svg", "html")},
    },
    inputs={
        "f": FILTERS, "v": VIEW, "hxl": Input("download-hxl", "value"), "sel": Input(SELECTION_ID, "data"),
        "rejected": Input("reports-rejected", "value"), "_": Input(components.DATA_VERSION_ID, "data"),
    },
)
def update_summary(f: dict, v: dict, hxl: bool, sel: dict | None, rejected: bool, _: Any) -> dict:
    filters, view = flt.from_controls(**f), flt.view_from_controls(**v)
    source = data.source()
    qs = flt.to_query(filters, view)
    selection = flt.selection_from_dict(sel)
    count = source.count_rows(filters, selection)
    shown = source.count_rows(filters, selection, rejected=True) if rejected else None
    return {
        "totals": components.totals_cards(source.totals(filters)),
        "query": _with_drill(qs, selection),
        "count": components.count_text(count, None if shown is None else shown - count),
        "csv": components.csv_href(flt.to_query(filters), bool(hxl)),
        "csv_all": components.csv_href("", bool(hxl), everything=True, reviewed=filters.reviewed),
        "csv_all_label": components.csv_all_label(filters.reviewed),
        "exports": {f"{c}-{fmt}": components.export_href(c, fmt, qs) for c in ("timeline", "map")
                    for fmt in ("png", "svg", "html")},
    }


@callback(
    output={"text": Output("undated-text", "children"), "hidden": Output("undated-line", "hidden")},
    inputs={"f": FILTERS, "_": Input(components.DATA_VERSION_ID, "data")},
)
def update_undated(f: dict, _: Any) -> dict:
    filters = flt.from_controls(**f)
    count, _ids = data.source().undated(filters)
    dated = filters.start is not None or filters.end is not None
    return {"text": components.undated_text(count, dated), "hidden": not count}


@callback(
    output={"sel": Output(SELECTION_ID, "data", allow_duplicate=True),
            "label": Output("selection-label", "children", allow_duplicate=True),
            "hidden": Output("selection-badge", "hidden", allow_duplicate=True),
            "hint": Output("selection-hint", "hidden", allow_duplicate=True)},
    inputs={"_": Input("undated-show", "n_clicks")},
    state={"f": components.filter_inputs(State)},
    prevent_initial_call=True,
)
def show_undated(_: Any, f: dict) -> dict:
    """List the undated reports in the table (a drill-down by report id; ✕ clears it)."""
    count, ids = data.source().undated(flt.from_controls(**f))
    if not ids:
        return dash.no_update
    shown = "" if count <= len(ids) else f" (first {len(ids):,} of {count:,})"
    selection = flt.Selection(report_ids=tuple(ids), label=f"Undated reports{shown}")
    return {"sel": flt.selection_to_dict(selection), "label": selection.label, "hidden": False, "hint": True}


@callback(
    output={"sel": Output(SELECTION_ID, "data"), "label": Output("selection-label", "children"),
            "hidden": Output("selection-badge", "hidden"), "hint": Output("selection-hint", "hidden")},
    inputs={
        "timeline_click": Input("timeline", "clickData"), "map_click": Input("map", "clickData"),
        "clear": Input("selection-clear", "n_clicks"),
    },
    state={"v": {"interval": State("view-interval", "value"), "stack": State("view-stack", "value")}},
    prevent_initial_call=True,
)
def update_selection(timeline_click: dict | None, map_click: dict | None, clear: Any, v: dict) -> dict:
    view = flt.view_from_controls(**v)
    trigger = ctx.triggered_id
    sel = None
    if trigger == "timeline" and timeline_click:
        sel = figures.click_selection((timeline_click.get("points") or [None])[0], view.stack, view.interval)
    elif trigger == "map" and map_click:
        sel = figures.click_selection((map_click.get("points") or [None])[0], "country_code", view.interval)
    selection = flt.selection_from_dict(sel)
    if selection.is_empty():
        return {"sel": None, "label": "", "hidden": True, "hint": False}
    return {"sel": flt.selection_to_dict(selection), "label": selection.label, "hidden": False, "hint": True}


# a filter or view change drops the drill-down (in the browser: no request)
clientside_callback(
    ClientsideFunction(namespace="casualty", function_name="resetSelection"),
    Output(SELECTION_ID, "data", allow_duplicate=True),
    Output("selection-label", "children", allow_duplicate=True),
    Output("selection-badge", "hidden", allow_duplicate=True),
    Output("selection-hint", "hidden", allow_duplicate=True),
    inputs=[*FILTERS.values(), *VIEW.values()],
    state=State(SELECTION_ID, "data"),
    prevent_initial_call=True,
)

# the notes are asked for only while their tab is open
clientside_callback(
    ClientsideFunction(namespace="casualty", function_name="notesTrigger"),
    Output("notes-trigger", "data"),
    Output("reports-pane", "hidden"),
    Output("notes-pane", "hidden"),
    inputs=[Input("detail-tabs", "active_tab"), *FILTERS.values(), Input(SELECTION_ID, "data"),
            Input(components.DATA_VERSION_ID, "data")],
)


def notes_body() -> html.Div:
    """Who blames whom: source -> stance -> party grouped and counted, then the sentence behind each note."""
    return html.Div([
        html.Div([
            html.Span("Who blames whom in the articles behind the selection: grouped by source, stance and party.",
                      className="small text-muted align-self-center"),
            html.A("CSV of notes", id="notes-csv", href="api/notes.csv", className="btn btn-primary btn-sm",
                   download=""),
        ], className="d-flex justify-content-between gap-2 mb-2"),
        dcc.Graph(id="notes-figure", config={"displayModeBar": False}, figure=figures.notes_figure(
            figures.notes_summary(pd.DataFrame()))),
        components.notes_summary_grid(),
        html.H6("Notes and their sentences", className="mt-3 small fw-semibold"),
        components.notes_grid(),
    ])


@callback(
    Output("notes-grid", "rowData"),
    Output(components.NOTES_SUMMARY_ID, "rowData"),
    Output("notes-figure", "figure"),
    Output("notes-csv", "href"),
    inputs={"_": Input("notes-trigger", "data")},
    state={"f": components.filter_inputs(State), "sel": State(SELECTION_ID, "data")},
    prevent_initial_call=True,
)
def update_notes(_: Any, f: dict, sel: dict | None) -> tuple:
    filters = flt.from_controls(**f)
    frame = data.source().notes(filters, flt.selection_from_dict(sel))
    summary = figures.notes_summary(frame)
    query = flt.to_query(filters).lstrip("?")
    href = "api/notes.csv" + ("?" + query if query else "")
    return components.grid_rows(frame), summary.to_dict("records"), figures.notes_figure(summary), href


@callback(
    Output(components.GRID_ID, "getRowsResponse"),
    inputs={"request": Input(components.GRID_ID, "getRowsRequest")},
    state={"f": components.filter_inputs(State), "sel": State(SELECTION_ID, "data"),
           "rejected": State("reports-rejected", "value")},
    prevent_initial_call=True,
)
def update_grid(request: dict | None, f: dict, sel: dict | None, rejected: bool | None) -> dict:
    if not request:
        return dash.no_update
    filters, selection, rejected = flt.from_controls(**f), flt.selection_from_dict(sel), bool(rejected)
    source = data.source()
    start, end = int(request.get("startRow", 0)), int(request.get("endRow", components.PAGE_SIZE))
    frame = source.report_rows(filters, selection, request.get("sortModel"), start, end, rejected=rejected)
    return {"rowData": components.grid_rows(frame), "rowCount": source.count_rows(filters, selection, rejected)}


clientside_callback(
    ClientsideFunction(namespace="casualty", function_name="refreshGrid"),
    Output("grid-refresh-dummy", "children"),
    inputs=[*FILTERS.values(), Input(SELECTION_ID, "data"), Input(components.DATA_VERSION_ID, "data"),
            Input("reports-rejected", "value")],
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="casualty", function_name="syncUrl"),
    Output(components.URL_SYNC_DUMMY_ID, "children"),
    Input(components.URL_QUERY_ID, "data"),
)


@callback(
    output={"status": Output("upload-status", "children"), "job": Output("upload-job", "data"),
            "poll": Output("upload-poll", "disabled"), "progress": Output("upload-progress", "children")},
    inputs={"contents": Input("upload", "contents")},
    state={"names": State("upload", "filename"), "published": State("upload-published", "date"),
           "outlet": State("upload-outlet", "value"), "url": State("upload-url", "value")},
    prevent_initial_call=True,
)
def upload(contents: list[str] | str | None, names: list[str] | str | None, published: str | None,
           outlet: str | None, url: str | None) -> dict:
    """Check the files (type, size, text) and queue them; the extraction runs in the background (ingest.jobs)."""
    if not contents:
        return dash.no_update
    user = auth.current_user()
    if user is None:  # the request guard refuses it first; never write for an anonymous visitor
        return _upload_refused("Sign in as an analyst to add articles.")
    if not auth.allow("upload", user):
        return _upload_refused(auth.too_many("upload"))
    contents_list = contents if isinstance(contents, list) else [contents]
    names_list = names if isinstance(names, list) else [names or "upload"]
    try:
        meta = ingest.upload_metadata(published, outlet, url)
    except ingest.UploadError as exc:
        return _upload_refused(str(exc))
    source = data.source()
    job = ingest.submit_uploads(ingest.pair_uploads(names_list, contents_list), source.store, user, meta)
    return {"status": None, "job": job.job_id, "poll": False, "progress": _progress(job)}


def _upload_refused(message: str) -> dict:
    return {"status": dbc.Alert(message, color="danger", className="py-2 px-3 mb-0 small", dismissable=True),
            "job": None, "poll": True, "progress": None}


def _progress(job: ingest.UploadJob) -> Any:
    return html.Div([html.Div(job.progress_line(), id="upload-progress-text"),
                     dbc.Progress(value=100, striped=True, animated=True, style={"height": "6px"},
                                  className="mt-1")])


@callback(
    output={
        "status": Output("upload-status", "children", allow_duplicate=True),
        "progress": Output("upload-progress", "children", allow_duplicate=True),
        "poll": Output("upload-poll", "disabled", allow_duplicate=True),
        "version": Output(components.DATA_VERSION_ID, "data", allow_duplicate=True),
        "countries": Output(components.FILTER_IDS["countries"], "options"),
        "perpetrators": Output(components.FILTER_IDS["perpetrators"], "options"),
        "sources": Output(components.FILTER_IDS["sources"], "options"),
    },
    inputs={"_": Input("upload-poll", "n_intervals")},
    state={"job_id": State("upload-job", "data"), "version": State(components.DATA_VERSION_ID, "data"),
           "f": components.filter_inputs(State)},
    prevent_initial_call=True,
)
def upload_progress(_: Any, job_id: str | None, version: int | None, f: dict) -> dict:
    """While an upload job runs, say how far it is; when it is done, its messages, and the charts reload."""
    source = data.source()
    job = ingest.job_status(source.store, job_id) if job_id else None
    if job is None:
        return {"status": dash.no_update, "progress": None, "poll": True, "version": dash.no_update,
                "countries": dash.no_update, "perpetrators": dash.no_update, "sources": dash.no_update}
    if not job.finished:
        return {"status": dash.no_update, "progress": _progress(job), "poll": False, "version": dash.no_update,
                "countries": dash.no_update, "perpetrators": dash.no_update, "sources": dash.no_update}
    source.invalidate()
    lines = job.messages or ["Nothing was uploaded."]
    status = dbc.Alert([html.Div(line) for line in lines], color=job.color, className="py-2 px-3 mb-0 small",
                       dismissable=True)
    filters = flt.from_controls(**f)
    options = source.options()
    return {
        "status": status,
        "progress": None,
        "poll": True,
        "version": (version or 0) + 1,
        "countries": components._keep_selected(
            [{"label": f"{labels.country_name(c)} ({n:,})", "value": c} for c, n in options["countries"]],
            filters.countries, "country_code"),
        "perpetrators": components._keep_selected(
            components._options(options["perpetrators"], "perpetrator"), filters.perpetrators, "perpetrator"),
        "sources": components._keep_selected(
            components._options(options["sources"], "reporting_source"), filters.sources, "reporting_source"),
    }


# ---- review


def _event_summary(source: data.DataSource, report_id: str, selected: int) -> list[Any]:
    frame = source.event_reports(report_id)
    if frame.empty:
        return [html.Span(f"{report_id} is no longer in the store.")]
    event = str(frame["event_id"].iloc[0])
    articles = frame["article_id"].nunique()
    head = (f"{selected} selected. Event {event}: {len(frame)} report{'s' if len(frame) != 1 else ''} "
            f"from {articles} article{'s' if articles != 1 else ''} (★ counted for the event):")
    items = []
    for row in frame.itertuples():
        outcome = labels.SHORT_OUTCOME_LABELS.get(row.outcome, row.outcome)
        count = "" if pd.isna(row.count_best) else f"{int(row.count_best):,}"
        text = f"{'★ ' if row.lead else ''}{row.report_id} · {outcome} {count} · {row.review_status} · "
        items.append(html.Li([text, html.A(str(row.title or row.article_id),
                                           href=f"/article?id={row.article_id}&report={row.report_id}")]))
    return [html.Div(head), html.Ul(items, className="mb-0 event-reports")]


@callback(Output("review-selected", "children"),
          inputs={"rows": Input(components.GRID_ID, "selectedRows"), "_": Input(components.DATA_VERSION_ID, "data")},
          prevent_initial_call=True)
def show_selected(rows: list[dict] | None, _: Any) -> Any:
    """The ticked reports' event, shown again after every decision (the data version changes)."""
    ids = [r["report_id"] for r in rows or [] if r and r.get("report_id")]
    if not ids:
        return "Tick reports in the table: the first one's event is shown here."
    return _event_summary(data.source(), ids[0], len(ids))


@callback(
    output={"status": Output("review-status", "children"), "reason": Output("review-reason", "invalid"),
            "version": Output(components.DATA_VERSION_ID, "data", allow_duplicate=True)},
    inputs={f"b_{a}": Input(f"review-{a}", "n_clicks") for a in reviewing.ACTIONS},
    state={"rows": State(components.GRID_ID, "selectedRows"),
           "reason": State("review-reason", "value"), "field": State("review-field", "value"),
           "value": State("review-value", "value"), "version": State(components.DATA_VERSION_ID, "data")},
    prevent_initial_call=True,
)
def review_action(rows: list[dict] | None, reason: str | None, field: str | None,
                  value: str | None, version: int | None, **_: Any) -> dict:
    action = str(ctx.triggered_id or "").removeprefix("review-")
    reviewer = auth.current_user()  # who is signed in, never a typed name
    if reviewer is None or not auth.allow("decision", reviewer):
        message = "Sign in as an analyst to review." if reviewer is None else auth.too_many("decision")
        return {"status": dbc.Alert(message, color="danger", className="py-1 px-2 mb-0"), "reason": False,
                "version": dash.no_update}
    source = data.source()
    ids = [r["report_id"] for r in rows or [] if r and r.get("report_id")]
    try:
        decision = reviewing.decide(action, source.review_reports(ids), ids, reviewer, reason, field, value)
        decision = review.record(source.root, decision)
    except ValueError as exc:
        return {"status": dbc.Alert(str(exc), color="warning", className="py-1 px-2 mb-0"),
                "reason": isinstance(exc, reviewing.MissingReason), "version": dash.no_update}
    source.invalidate()
    return {"status": dbc.Alert(reviewing.describe(decision), color="success", className="py-1 px-2 mb-0"),
            "reason": False, "version": (version or 0) + 1}


clientside_callback(  # a decision recorded (or new data): the ticked rows are done with, untick them
    ClientsideFunction(namespace="casualty", function_name="untickGrid"),
    Output("grid-untick-dummy", "children"),
    Input(components.DATA_VERSION_ID, "data"),
    prevent_initial_call=True,
)


clientside_callback(
    "function (tab) { return tab !== 'decisions'; }",
    Output("decisions-pane", "hidden"),
    Input("detail-tabs", "active_tab"),
)


@callback(output={"rows": Output("decisions-grid", "rowData"), "orphans": Output("decisions-orphans", "children")},
          inputs={"tab": Input("detail-tabs", "active_tab"), "_": Input(components.DATA_VERSION_ID, "data")})
def update_decisions(tab: str | None, _: Any) -> Any:
    if tab != "decisions":
        return dash.no_update
    source = data.source()
    if source.root is None:
        return {"rows": [], "orphans": ""}
    orphans = source.orphaned_decisions()
    skipped = reviewing.skipped_lines(review.log_problems(source.root))
    return {"rows": reviewing.log_rows(review.load_decisions(source.root), orphans),
            "orphans": [html.Div(line) for line in [reviewing.orphans_line(len(orphans)), *skipped] if line]}


@callback(
    output={"status": Output("decisions-status", "children"),
            "version": Output(components.DATA_VERSION_ID, "data", allow_duplicate=True)},
    inputs={"contents": Input("decisions-upload", "contents")},
    state={"name": State("decisions-upload", "filename"), "version": State(components.DATA_VERSION_ID, "data")},
    prevent_initial_call=True,
)
def import_log(contents: str | None, name: str | None, version: int | None) -> dict:
    if not contents:
        return dash.no_update
    user = auth.current_user()
    if user is None or not auth.allow("upload", user):
        message = "Sign in as an analyst to import decisions." if user is None else auth.too_many("upload")
        return {"status": _alert([message], "danger"), "version": dash.no_update}
    source = data.source()
    suffix = ".csv" if str(name or "").lower().endswith(".csv") else ".jsonl"
    try:
        payload = base64.b64decode(contents.split(",", 1)[1])
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"decisions{suffix}"
            path.write_bytes(payload)
            summary = reviewing.import_file(source.root, path)
    except UnicodeDecodeError:
        return {"status": _alert([f"{name}: could not import: not UTF-8 text."], "danger"), "version": dash.no_update}
    except (ValueError, IndexError, OSError) as exc:
        return {"status": _alert([f"{name}: could not import ({exc})."], "danger"), "version": dash.no_update}
    source.invalidate()
    lines, color = reviewing.import_message(str(name or "upload"), summary)
    return {"status": _alert(lines, color), "version": (version or 0) + 1 if summary.added else dash.no_update}


def _alert(lines: list[str], color: str) -> dbc.Alert:
    return dbc.Alert([html.Div(line) for line in lines], color=color, className="py-1 px-2 mb-0 small",
                     dismissable=True)
