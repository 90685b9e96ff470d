"""HTTP endpoints and the Dash app, through Flask's test client (no browser)."""

from __future__ import annotations

import csv
import io
import json

import dash
import pytest
from flask import Flask

from dashboard import api, components, data
from dashboard.filters import Filters
from etl import review
from etl.store import Store
from tests.dash_app import imported_app
from tests.test_dashboard_data import sample_frames


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "store")
    store.write_batch(sample_frames())
    return store


@pytest.fixture
def client(store: Store):
    data.configure(store=store)
    server = Flask(__name__)
    api.register(server)
    return server.test_client()


def test_health(client) -> None:
    body = client.get("/api/health").get_json()
    assert body["ok"] is True and body["reports"] == 6


def test_reports_csv_takes_the_page_filters(client) -> None:
    response = client.get("/api/reports.csv?country=SYR&outcome=killed&outcome=injured&hxl=1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert table[0][:3] == ["report_id", "article_id", "kind"]
    assert table[1][table[0].index("country_code")] == "#country+code"
    assert [row[0] for row in table[2:]] == ["r3", "r4"]
    sentence = table[3][table[0].index("sentence")]
    assert "<script>alert(1)</script>" in sentence  # data as written; a CSV is not a page


def test_reports_csv_everything_and_vague(client) -> None:
    everything = client.get("/api/reports.csv?country=SYR&scope=all").get_data(as_text=True)
    assert len(list(csv.reader(io.StringIO(everything)))) == 7
    no_vague = client.get("/api/reports.csv?vague=0").get_data(as_text=True)
    assert ",vague," not in no_vague
    killed_only = client.get("/api/reports.csv?outcome=killed&hxl=1").get_data(as_text=True)
    assert "#affected+killed+min" in killed_only


def test_csv_of_everything_honours_reviewed_only(client, store: Store) -> None:
    reports = data.source().export_frame(Filters())
    review.record(store.root, review.accept(reports, "r4", "ana", "checked"))
    data.source().invalidate()
    href = components.csv_href("?country=IRQ", hxl=False, everything=True, reviewed=True)
    assert href == "api/reports.csv?reviewed=1&scope=all"
    table = list(csv.DictReader(io.StringIO(client.get("/" + href).get_data(as_text=True))))
    assert [row["report_id"] for row in table] == ["r4"] and table[0]["review_status"] == "accepted"
    assert table[0]["n_reports"] == "1"  # every export row says how many reports its event has
    everything = client.get("/api/reports.csv?country=IRQ&scope=all").get_data(as_text=True)
    assert len(list(csv.DictReader(io.StringIO(everything)))) == 6
    assert components.csv_all_label(True) == "CSV of all reviewed"


def test_reports_json(client) -> None:
    body = client.get("/api/reports.json?country=IRQ&limit=1&offset=1").get_json()
    assert body["count"] == 2 and body["limit"] == 1 and body["offset"] == 1
    assert [row["report_id"] for row in body["rows"]] == ["r1"]
    assert body["rows"][0]["start_date"] == "2024-03-04" and body["rows"][0]["count_high"] is None
    assert body["filters"]["countries"] == ["IRQ"]


def test_totals_json(client) -> None:
    body = client.get("/api/totals.json?country=IRQ").get_json()
    assert body["outcomes"]["killed"]["best"] == 12 and body["period_totals"] == 1


def test_chart_html_and_errors(client) -> None:
    response = client.get("/api/chart.html?chart=map&country=SYR")
    assert response.status_code == 200 and b"PlotlyGeoAssets" in response.data
    assert client.get("/api/chart.png?chart=pie").status_code == 400


@pytest.fixture(scope="module")
def dash_app(tmp_path_factory):
    """The real app module, imported once with a test store (app.py configures itself from the environment)."""
    root = tmp_path_factory.mktemp("app_store")
    Store(root).write_batch(sample_frames())
    yield from imported_app(root)


def ids_in(tree) -> set[str]:
    found = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
        elif hasattr(node, "to_plotly_json"):
            props = node.to_plotly_json()["props"]
            if isinstance(props.get("id"), str):
                found.add(props["id"])
            stack.append(props.get("children"))
    return found


def test_app_pages_and_stable_ids(dash_app) -> None:
    paths = {page["path"] for page in dash.page_registry.values()}
    assert {"/", "/compare", "/about", "/article"} <= paths
    assert {rule.rule for rule in dash_app.server.url_map.iter_rules()} >= set(api.ROUTES)
    assert dash_app.app.config.serve_locally is True
    pages = {page["path"]: page for page in dash.page_registry.values()}
    with dash_app.server.test_request_context("/"):
        overview = ids_in(pages["/"]["layout"](country="SYR"))
        compare = ids_in(pages["/compare"]["layout"]())
        article = ids_in(pages["/article"]["layout"](id="a2"))
    assert {"filter-country", "filter-date", "filter-outcome", "filter-group", "filter-kind", "filter-perpetrator",
            "filter-source", "filter-vague", "view-interval", "view-stack", "view-measure", "timeline", "map",
            "totals", "totals-killed", "reports-grid", "notes-grid", "download-csv", "download-csv-all",
            "download-hxl", "export-timeline-png", "export-timeline-svg", "export-timeline-html", "export-map-png",
            "upload", "upload-status", "selection-badge", "selection-clear", "reports-count"} <= overview
    assert {"compare-filter-country", "compare-by", "compare-keys", "compare-chart", "compare-table",
            "export-compare-png"} <= compare
    assert {"article-title", "article-text", "article-reports"} <= article


def test_page_and_callbacks_answer(dash_app) -> None:
    client = dash_app.server.test_client()
    page = client.get("/?country=SYR")
    assert page.status_code == 200
    assert b"cdn." not in page.data and b"bootstrap.min.css" in page.data
    deps = client.get("/_dash-dependencies").get_json()
    timeline = next(d for d in deps if "timeline.figure" in d["output"])  # with its summary
    values = {("filter-country", "value"): ["SYR"], ("filter-vague", "value"): True,
              ("view-interval", "value"): "month", ("view-stack", "value"): "outcome",
              ("view-measure", "value"): "best", ("data-version", "data"): 0}
    body = {
        "output": timeline["output"],
        "outputs": [{"id": "timeline", "property": "figure"}, {"id": "timeline-summary", "property": "children"}],
        "inputs": [{"id": i["id"], "property": i["property"], "value": values.get((i["id"], i["property"]))}
                   for i in timeline["inputs"]],
        "state": [], "changedPropIds": ["filter-country.value"],
    }
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    figure = response.get_json()["response"]["timeline"]["figure"]
    bars = [t for t in figure["data"] if t["type"] == "bar"]
    assert sum(v for t in bars for v in t["y"]) == 39  # Syria: 36 injured (vague) + 3 killed
