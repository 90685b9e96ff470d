"""Exports: CSV with the HXL row and the formula guard, JSON rows, chart HTML (offline) and images."""

from __future__ import annotations

import csv
import io
import shutil

import pandas as pd
import pytest

from dashboard import export, figures


def rows() -> pd.DataFrame:
    return pd.DataFrame({
        "report_id": pd.array(["r1", "r2", "r3"], dtype="string"),
        "start_date": pd.to_datetime(["2024-03-04", None, "2024-05-02"]).astype("datetime64[s]"),
        "country_code": pd.array(["IRQ", None, "SYR"], dtype="string"),
        "location": pd.array(["=HYPERLINK(\"http://x\")", "+Gaza", "Ḥalab"], dtype="string"),
        "count_best": pd.array([12, None, 3], dtype="Int64"),
        "perpetrator": pd.array(["@mention", "-dash", "\tTab"], dtype="string"),
        "sentence": pd.array(["12 killed, \"police\" said.", "Line\nbreak", "ok"], dtype="string"),
    })


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_formula_guard() -> None:
    assert export.guard_cell("=1+2") == "'=1+2"
    assert export.guard_cell("-5") == "'-5"
    assert export.guard_cell("Mosul") == "Mosul"
    assert export.guard_cell(-5) == -5  # numbers are numbers
    guarded = export.guard_frame(rows())
    assert guarded["location"].tolist() == ["'=HYPERLINK(\"http://x\")", "'+Gaza", "Ḥalab"]
    assert guarded["perpetrator"].tolist() == ["'@mention", "'-dash", "'\tTab"]


def test_csv_with_hxl_row() -> None:
    text = export.to_csv(rows(), hxl=True)
    table = parse(text)
    assert table[0] == ["report_id", "start_date", "country_code", "location", "count_best", "perpetrator",
                        "sentence"]
    assert table[1] == ["#meta+id+report", "#date+start", "#country+code", "#loc+name", "#affected",
                        "#org+perpetrator", "#description+sentence"]
    assert table[2][:5] == ["r1", "2024-03-04", "IRQ", "'=HYPERLINK(\"http://x\")", "12"]
    assert table[3][1] == "" and table[3][4] == ""  # missing date and count are empty
    assert table[4][3] == "Ḥalab"
    assert table[3][6] == "Line\nbreak"  # quoted, one row per report
    assert len(table) == 5
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in table[2:] for cell in row)


def test_hxl_counts_name_the_outcome_when_there_is_one() -> None:
    names = ["count_low", "count_best", "count_high", "outcome"]
    assert export.hxl_tags(names, ("killed",)) == [
        "#affected+killed+min", "#affected+killed", "#affected+killed+max", "#impact+type"]
    assert export.hxl_tags(names, ("killed", "injured")) == [
        "#affected+min", "#affected", "#affected+max", "#impact+type"]


def test_csv_chunks_stream_many_frames() -> None:
    frame = rows()
    text = "".join(export.csv_chunks([frame.iloc[:1], frame.iloc[1:]], frame.columns))
    assert len(parse(text)) == 4
    assert text.encode("utf-8").decode("utf-8") == text


def test_json_records() -> None:
    records = export.json_records(rows())
    assert records[0]["start_date"] == "2024-03-04" and records[0]["count_best"] == 12
    assert records[1]["start_date"] is None and records[1]["count_best"] is None
    assert records[0]["location"].startswith("=")  # JSON is not a spreadsheet: values unchanged


def map_fig() -> dict:
    frame = pd.DataFrame({"country_code": ["SYR"], "best": [3.0], "low": [3.0], "high": [3.0], "reports": [1]})
    return figures.map_figure(frame)


def test_html_is_standalone_and_offline() -> None:
    html = export.figure_html(map_fig(), title="Casualties <by> country")
    assert "<title>Casualties &lt;by&gt; country</title>" in html
    assert "window.PlotlyGeoAssets" in html and '"world_110m"' in html  # the map's topojson is inside
    assert "Plotly.newPlot" in html and len(html) > 1_000_000  # plotly.js is inside
    assert '<script src="http' not in html and "<link" not in html
    timeline = export.figure_html(figures.timeline_figure(pd.DataFrame({
        "period": pd.to_datetime(["2024-01-01"]), "key": ["killed"], "best": [1.0], "low": [1.0], "high": [1.0],
        "reports": [1]})))
    assert "PlotlyGeoAssets =" not in timeline


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("google-chrome") is None,
                    reason="kaleido needs a Chromium")
def test_png_and_svg_images() -> None:
    png = export.figure_image(map_fig(), "png", 400, 300)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = export.figure_image(map_fig(), "svg", 400, 300)
    assert svg.lstrip().startswith(b"<svg") and b"<path" in svg
    with pytest.raises(ValueError):
        export.figure_image(map_fig(), "gif")
