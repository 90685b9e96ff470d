"""Compare ("/compare"): countries or reporting sources side by side, over time and in totals."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import charts, components, data, labels
from dashboard import filters as flt

dash.register_page(__name__, path="/compare", name="Compare", title="Casualty reports — compare")

P = components.COMPARE_PREFIX
BY_LABELS = {"country_code": "Countries", "reporting_source": "Reporting sources"}
MAX_KEYS = 10


def key_options(source: data.DataSource, by: str, selected: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Dropdown options for the compared keys, most reported first (selected ones always included)."""
    pairs = source.options()["countries" if by == "country_code" else "sources"]
    options = [{"label": f"{labels.value_label(by, k)} ({n:,})", "value": k} for k, n in pairs]
    known = {o["value"] for o in options}
    return [{"label": labels.value_label(by, k), "value": k} for k in selected if k not in known] + options


def layout(**query: Any) -> html.Div:
    filters, view = flt.from_query(query)
    source = data.source()
    keys = charts.compare_keys(source, filters, view)
    view = flt.View(**{**view.__dict__, "compare_keys": keys})
    qs = flt.to_query(filters, view)
    tools = [
        components.radio(P + "interval", labels.INTERVAL_LABELS, view.interval),
        components.radio(P + "measure", {"best": "Best", "band": "Low–high"}, view.measure),
        components.export_buttons("compare", qs),
    ]
    return html.Div(
        [
            dcc.Store(id=components.URL_QUERY_ID, data=qs),
            html.Div(id=components.URL_SYNC_DUMMY_ID, hidden=True),
            dbc.Row(
                [
                    dbc.Col(components.filter_panel(filters, source.options(), P), lg=3, className="mb-3"),
                    dbc.Col(
                        [
                            dbc.Card(
                                dbc.CardBody(
                                    dbc.Row(
                                        [
                                            dbc.Col([
                                                dbc.Label("Compare", html_for="compare-by",
                                                          className="small fw-semibold d-block mb-1"),
                                                components.radio("compare-by", BY_LABELS, view.compare_by),
                                            ], md="auto"),
                                            dbc.Col([
                                                dbc.Label("Side by side (up to 10)", html_for="compare-keys",
                                                          className="small fw-semibold mb-1"),
                                                dcc.Dropdown(
                                                    id="compare-keys", multi=True, value=list(keys),
                                                    options=key_options(source, view.compare_by, keys),
                                                    placeholder="The five most reported",
                                                ),
                                            ]),
                                        ],
                                        className="g-3 align-items-end",
                                    )
                                ),
                                className="mb-3 shadow-sm",
                            ),
                            dbc.Card(
                                [
                                    dbc.CardHeader(html.Div(
                                        [html.H2("Over time", className="h6 mb-0"),
                                         html.Div(tools, className="d-flex gap-2 flex-wrap")],
                                        className="d-flex justify-content-between align-items-center flex-wrap gap-2",
                                    )),
                                    dbc.CardBody(dcc.Loading(
                                        dcc.Graph(id="compare-chart", config=components.graph_config("compare"),
                                                  style={"height": "560px"}), delay_show=400), className="p-2"),
                                ],
                                className="mb-3 shadow-sm",
                            ),
                            dbc.Card(
                                [dbc.CardHeader(html.H2("In numbers", className="h6 mb-0")),
                                 dbc.CardBody(html.Div(id="compare-table"), className="p-2")],
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


FILTERS = components.filter_inputs(Input, P)


@callback(
    output={"options": Output("compare-keys", "options"), "value": Output("compare-keys", "value")},
    inputs={"by": Input("compare-by", "value")},
    state={"f": components.filter_inputs(State, P)},
    prevent_initial_call=True,
)
def change_by(by: str, f: dict) -> dict:
    filters = flt.from_controls(**f)
    source = data.source()
    view = flt.view_from_controls(compare_by=by)
    keys = tuple(source.top_keys(filters, view.compare_by, 5))
    return {"options": key_options(source, view.compare_by, keys), "value": list(keys)}


@callback(
    output={
        "figure": Output("compare-chart", "figure"),
        "table": Output("compare-table", "children"),
        "query": Output(components.URL_QUERY_ID, "data"),
        "exports": {fmt: Output(f"export-compare-{fmt}", "href") for fmt in ("png", "svg", "html")},
    },
    inputs={
        "f": FILTERS, "by": Input("compare-by", "value"), "keys": Input("compare-keys", "value"),
        "interval": Input(P + "interval", "value"), "measure": Input(P + "measure", "value"),
    },
)
def update_compare(f: dict, by: str, keys: list[str] | None, interval: str, measure: str) -> dict:
    filters = flt.from_controls(**f)
    view = flt.view_from_controls(interval=interval, measure=measure, compare_by=by,
                                  compare_keys=(keys or [])[:MAX_KEYS])
    source = data.source()
    keys_used = charts.compare_keys(source, filters, view)
    view = flt.View(**{**view.__dict__, "compare_keys": keys_used})
    qs = flt.to_query(filters, view)
    return {
        "figure": charts.compare(source, filters, view),
        "table": components.compare_numbers(source.compare_table(filters, view.compare_by, keys_used),
                                             view.compare_by, filters.unit),
        "query": qs,
        "exports": {fmt: components.export_href("compare", fmt, qs) for fmt in ("png", "svg", "html")},
    }

