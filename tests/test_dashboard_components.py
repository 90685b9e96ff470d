"""Article text on the page is text: markup from articles ends up only as strings in the component tree."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pandas as pd
import plotly
from dash import html
from dash.development.base_component import Component

from dashboard import components

HOSTILE = "Three civilians were killed <script>alert(1)</script> in Idlib <img src=x onerror=alert(2)>."
ASSETS = Path(components.__file__).resolve().parent / "assets"


def walk(node):
    """Every node of a component tree (components and leaf values)."""
    yield node
    if isinstance(node, Component):
        children = getattr(node, "children", None)
        if children is not None:
            for child in children if isinstance(children, list | tuple) else [children]:
                yield from walk(child)


def assert_text_only(tree: Component, expected_text: str) -> None:
    nodes = list(walk(tree))
    for node in nodes:
        if isinstance(node, Component):
            assert type(node).__name__ in {"Span", "Mark"}, type(node)
            props = node.to_plotly_json()["props"]
            assert "dangerously_allow_html" not in props
        else:
            assert isinstance(node, str)
    text = "".join(n for n in nodes if isinstance(n, str))
    assert text == expected_text
    # serialised for the browser, the markup is a JSON string, never a component of type "script" or "img"
    payload = json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder)
    assert '"type": "Script"' not in payload and '"type": "Img"' not in payload
    if "<script>" in expected_text:
        assert "<script>alert(1)</script>" in payload


def test_sentence_with_script_is_only_text() -> None:
    start = HOSTILE.index("Three")
    tree = components.highlighted(HOSTILE, start, start + len("Three"))
    assert_text_only(tree, HOSTILE)
    mark = [n for n in walk(tree) if isinstance(n, html.Mark)]
    assert len(mark) == 1 and mark[0].children == "Three"


def test_bad_offsets_fall_back_to_plain_text() -> None:
    assert_text_only(components.highlighted(HOSTILE, 50, 10), HOSTILE)
    assert_text_only(components.highlighted(HOSTILE, 0, 10_000), HOSTILE)
    assert_text_only(components.highlighted(None), "")


def test_article_text_with_marks_is_only_text() -> None:
    text = "<b>Headline</b>\n" + HOSTILE
    start = text.index("Three")
    pieces = components.marked_text(text, [(start, start + 5, "r-1"), (start + 2, start + 8, "r-2"), (-1, 3, "r-3")])
    tree = html.Span(pieces)
    assert_text_only(tree, text)
    assert [n.id for n in walk(tree) if isinstance(n, html.Mark)] == ["r-1"]  # overlapping and bad spans skipped


def test_long_leads_are_shortened_before_the_highlight() -> None:
    lead = "KHARKIV - A Russian guided bomb struck a busy shopping street in the town of Chuhuiv on Monday, killing "
    short = components.shorten_lead(lead)
    assert short.startswith("…") and lead.endswith(short[1:]) and len(short) <= components.LEAD_CHARS + 1
    assert components.shorten_lead("Police said ") == "Police said "


def test_grid_rows_keep_text_as_text() -> None:
    frame = pd.DataFrame({
        "report_id": ["r4"], "article_id": ["a2"], "date": [pd.Timestamp("2024-05-02")], "country_code": ["SYR"],
        "outcome": ["casualties"], "victim_group": ["civilians"], "count_best": [3], "reporting_source": [None],
        "pre": [HOSTILE[:5]], "mark": [HOSTILE[5:10]], "post": [HOSTILE[10:]],
    })
    (row,) = components.grid_rows(frame)
    assert row["pre"] + row["mark"] + row["post"] == HOSTILE  # a short lead is kept whole
    assert row["date"] == "2024-05-02" and row["country"] == "Syria" and row["outcome"] == "Killed/injured"
    assert row["reporting_source"] == "(article's own voice)"
    json.dumps(row)


def test_cell_renderers_never_inject_html() -> None:
    for path in ASSETS.glob("*.js"):
        source = path.read_text()
        for banned in ("innerHTML", "dangerouslySetInnerHTML", "outerHTML", "insertAdjacentHTML", "eval("):
            assert banned not in source, f"{path.name} uses {banned}"
    renderer = (ASSETS / "dashAgGridComponentFunctions.js").read_text()
    assert "React.createElement" in renderer and "SentenceCell" in renderer


def test_only_http_links() -> None:
    assert components.safe_url("https://example.org/a") == "https://example.org/a"
    assert components.safe_url("javascript:alert(1)") is None
    assert components.safe_url(" JAVASCRIPT:alert(1)") is None
    assert components.safe_url("data:text/html,<script>") is None
    assert components.safe_url(None) is None


def test_no_cdn_in_assets() -> None:
    for path in ASSETS.rglob("*"):
        if path.suffix in (".css", ".js"):
            text = path.read_text()
            assert "cdn." not in text and "googleapis" not in text, path.name
    assert (ASSETS / "topojson" / "world_110m.json").stat().st_size > 100_000


def test_download_links() -> None:
    assert components.csv_href("?country=IRQ", hxl=True) == "api/reports.csv?country=IRQ&hxl=1"
    assert components.csv_href("?country=IRQ", hxl=False, everything=True) == "api/reports.csv?scope=all"
    assert components.export_href("map", "svg", "") == "api/chart.svg?chart=map"
    assert components.export_href("timeline", "png", "?interval=year") == "api/chart.png?interval=year&chart=timeline"


def test_grid_rows_leave_an_unknown_date_empty() -> None:
    import pandas as pd

    from dashboard.components import grid_rows

    rows = grid_rows(pd.DataFrame({"date": [pd.Timestamp("2024-01-02"), pd.NaT], "report_id": ["r1", "r2"]}))
    assert [r["date"] for r in rows] == ["2024-01-02", None]


def test_outlet_links_are_http_only() -> None:
    rows = components.grid_rows(pd.DataFrame({
        "report_id": ["r1", "r2", "r3"],
        "url": ["https://news.example.org/a", "javascript:alert(1)", None],
    }))
    assert [r["url"] for r in rows] == ["https://news.example.org/a", None, None]
    outlet = next(c for c in components.REPORT_COLUMNS if c["field"] == "source")
    assert outlet["cellRenderer"] == "OutletLink"


def test_chart_tables_list_the_numbers() -> None:
    frame = pd.DataFrame({"period": pd.to_datetime(["2024-01-01"]), "key": ["killed"], "best": [12.0],
                          "low": [10.0], "high": [15.0], "reports": [3]})
    table = components.timeline_table(frame, "outcome")
    body = components.wire(table)["props"]["children"][1]
    cells = [c["props"]["children"] for row in body["props"]["children"] for c in row["props"]["children"]]
    assert cells == ["2024-01-01", "Killed", "12", "10–15", "3"]
    summary = components.chart_summary("In words.", table, "timeline")
    assert summary[0].children == "In words." and summary[1].id == "timeline-table"
    # the answer a callback sends is plain data, encoded by orjson as it is (no walk through every value)
    orjson.dumps(components.wire(summary))


def test_elements_are_what_dash_components_send() -> None:
    made = components.element("Td", "1,234", "text-end")
    assert made == html.Td("1,234", className="text-end").to_plotly_json()
    assert components.element("Td", "x") == html.Td("x").to_plotly_json()
    nested = components.wire(html.Details([html.Summary("Show"), components.element("P", "text")], id="d"))
    assert nested == {"props": {"children": [html.Summary("Show").to_plotly_json(), made | {
        "props": {"children": "text"}, "type": "P"}], "id": "d"}, "type": "Details",
        "namespace": "dash_html_components"}
