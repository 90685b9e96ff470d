"""Figure builders: pure functions from small frames to plotly figures (validated with go.Figure)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures
from dashboard.filters import NONE, Filters


def incidents() -> pd.DataFrame:
    return pd.DataFrame({
        "period": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-02-01", "2024-03-01"]),
        "key": ["killed", "injured", "killed", "killed"],
        "best": [10.0, 4.0, 7.0, 30.0],
        "low": [8.0, 4.0, 7.0, 25.0],
        "high": [15.0, 6.0, 7.0, 40.0],
        "reports": [3, 1, 2, 5],
    })


def period_totals() -> pd.DataFrame:
    return pd.DataFrame({
        "report_id": ["p1", "p2"],
        "key": ["UN OHCHR", NONE],
        "start": pd.to_datetime(["2024-01-01", "2024-01-01"]),
        "end": pd.to_datetime(["2024-02-29", "2024-03-15"]),
        "best": [1200, 900],
        "low": [1200, 850],
        "high": [1200, 950],
        "outcome": ["killed", "killed"],
        "victim_group": ["civilians", "civilians"],
        "country_code": ["SYR", None],
        "reporting_source": ["UN OHCHR", None],
    })


def test_stacked_bars_sum_incidents_and_keep_period_totals_apart() -> None:
    fig = figures.timeline_figure(incidents(), period_totals(), key="outcome", interval="month")
    go.Figure(fig)  # valid plotly
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["Killed", "Injured"]  # registry order
    assert sum(v for t in bars for v in t["y"]) == 51.0  # incidents only
    assert bars[0]["x"] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    totals = [t for t in fig["data"] if t.get("yaxis") == "y2"]
    assert all(t["type"] == "scatter" and t["xaxis"] == "x2" for t in totals)
    un = next(t for t in totals if t["name"] == "UN OHCHR")
    assert un["x"] == ["2024-01-01", "2024-02-29", None] and un["y"] == [1200.0, 1200.0, None]
    assert next(t for t in totals if t["name"] != "UN OHCHR")["name"].startswith("The article itself")
    assert fig["layout"]["barmode"] == "stack"
    # incidents and period totals each keep their own date range; the largest total has headroom
    assert "yaxis2" in fig["layout"] and "matches" not in fig["layout"]["xaxis"]
    assert fig["layout"]["yaxis2"]["range"][1] >= 1.2 * max(v for t in totals for v in t["y"] if v is not None)
    assert fig["layout"]["legend2"]["y"] > fig["layout"]["yaxis2"]["domain"][1]  # the legend is above the panel


def test_map_colour_bar_ticks_are_whole_numbers() -> None:
    assert figures.colorbar_ticks(3) == {"tickformat": ",d", "dtick": 1, "tick0": 0}
    assert figures.colorbar_ticks(8)["dtick"] == 2
    assert figures.colorbar_ticks(250)["tickformat"] == ",d"
    assert "dtick" not in figures.colorbar_ticks(250_000)


def test_band_mode_draws_low_high_around_best() -> None:
    fig = figures.timeline_figure(incidents(), None, key="outcome", interval="month", measure="band")
    go.Figure(fig)
    killed = [t for t in fig["data"] if t.get("legendgroup") == "g0"]
    high, low, best = killed
    assert high["y"] == [15.0, 7.0, 40.0] and low["y"] == [8.0, 7.0, 25.0] and best["y"] == [10.0, 7.0, 30.0]
    assert low["fill"] == "tonexty" and best["name"] == "Killed"
    assert "yaxis2" not in fig["layout"]


def test_lines_mode_for_comparison_keeps_colours_across_panels() -> None:
    inc = incidents().assign(key=["SYR", "IRQ", "SYR", "SYR"])
    pt = period_totals().assign(key=["SYR", "IRQ"])
    fig = figures.compare_figure(inc, pt, key="country_code", interval="month")
    go.Figure(fig)
    lines = {t["name"]: t for t in fig["data"] if t.get("yaxis") == "y"}
    totals = {t["name"]: t for t in fig["data"] if t.get("yaxis") == "y2"}
    assert set(lines) == {"Syria", "Iraq"} and set(totals) == {"Syria", "Iraq"}
    assert lines["Syria"]["line"]["color"] == totals["Syria"]["line"]["color"]


def test_many_keys_are_folded_into_other() -> None:
    frame = pd.DataFrame({
        "period": pd.to_datetime(["2024-01-01"] * 12), "key": [f"s{i}" for i in range(12)],
        "best": [float(100 - i) for i in range(12)], "low": [1.0] * 12, "high": [200.0] * 12, "reports": [1] * 12,
    })
    fig = figures.timeline_figure(frame, key="reporting_source", interval="month", mode="lines")
    names = [t["name"] for t in fig["data"]]
    assert len(names) == figures.MAX_SERIES and names[-1] == figures.OTHER
    other = fig["data"][-1]
    assert other["y"] == [float(sum(100 - i for i in range(7, 12)))]


def test_empty_frames_give_a_message() -> None:
    empty = incidents().iloc[0:0]
    fig = figures.timeline_figure(empty, None)
    assert fig["data"] == [] and "No reports" in fig["layout"]["annotations"][0]["text"]
    only_totals = figures.timeline_figure(empty, period_totals())
    go.Figure(only_totals)
    assert any("No incidents" in a["text"] for a in only_totals["layout"]["annotations"])
    assert figures.map_figure(pd.DataFrame(columns=["country_code", "best", "low", "high", "reports"]))["data"] == []


def test_map_uses_iso3_locations() -> None:
    frame = pd.DataFrame({"country_code": ["SYR", "IRQ"], "best": [39.0, 12.0], "low": [27.0, 12.0],
                          "high": [102.0, 12.0], "reports": [2, 1]})
    fig = figures.map_figure(frame, title="People killed", zoom=True)
    go.Figure(fig)
    trace = fig["data"][0]
    assert trace["type"] == "choropleth" and trace["locationmode"] == "ISO-3"
    assert trace["locations"] == ["SYR", "IRQ"] and trace["z"] == [39.0, 12.0]
    assert trace["customdata"][0][0] == "Syria"
    assert fig["layout"]["geo"]["fitbounds"] == "locations"


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        ({"customdata": ["2024-02-01", "killed", 7.0, 7.0, 2], "x": "2024-02-01"},
         {"interval": "month", "period": "2024-02-01", "column": "outcome", "value": "killed",
          "label": "Killed, Feb 2024"}),
        ({"customdata": ["p1", "1 Jan 2024 – 29 Feb 2024", "Killed · Civilians · Syria", ""]},
         {"report_ids": ["p1"], "label": "Period total, 1 Jan 2024 – 29 Feb 2024"}),
        ({"location": "SYR", "customdata": ["Syria", 27.0, 102.0, 2, "SYR"]},
         {"column": "country_code", "value": "SYR", "label": "Syria"}),
        (None, None),
    ],
)
def test_click_selection(point: dict | None, expected: dict | None) -> None:
    assert figures.click_selection(point, "outcome", "month") == expected


def test_captions_and_export_titles() -> None:
    text = figures.describe_filters(Filters(countries=("SYR",), outcomes=("killed",), start=dt.date(2024, 1, 1),
                                            include_vague=False, sources=(NONE,)))
    assert text == ("Killed · Syria · 2024-01-01 to … · according to The article itself (no source named) · "
                    "vague figures excluded")
    base = figures.timeline_figure(incidents())
    fig = figures.with_title(base, "Title <b>", "sub", "note")
    go.Figure(fig)
    assert fig["layout"]["title"]["text"].startswith("<b>Title &lt;b&gt;</b>")
    assert fig["layout"]["annotations"][-1]["text"] == "note"
    assert "title" not in base["layout"]  # the page's figure is left as it was
    # room for the title over the legend and for the source note under the axis labels (nothing clipped)
    note = fig["layout"]["annotations"][-1]
    assert fig["layout"]["margin"]["t"] >= 120 and fig["layout"]["margin"]["b"] >= -note["yshift"] + 30


def largest() -> pd.DataFrame:
    return pd.DataFrame({
        "period": pd.to_datetime(["2024-03-01", "2024-01-01"]), "best": [28, 9],
        "location": ["Bab al-Sharqi, Baghdad", None], "country_code": ["IRQ", "SYR"],
    })


def test_the_largest_incidents_are_labelled_with_their_place() -> None:
    fig = figures.timeline_figure(incidents(), None, key="outcome", interval="month", largest=largest())
    go.Figure(fig)
    labels_ = [a for a in fig["layout"]["annotations"] if a.get("name") == "largest"]
    assert [a["text"] for a in labels_] == ["28 · Bab al-Sharqi, Baghdad, Iraq", "9 · Syria"]
    assert labels_[0]["x"] == "2024-03-01" and labels_[0]["y"] == 30.0  # over the period's bar
    assert labels_[1]["y"] == 14.0


def test_charts_in_words() -> None:
    text = figures.describe_timeline(incidents(), "month", largest(), period_totals=2)
    assert text.startswith("From Jan 2024 to Mar 2024: 47 killed, 4 injured.")
    assert "The largest month was Mar 2024 (30)." in text
    assert "Largest incidents: 28 (Bab al-Sharqi, Baghdad, Iraq, Mar 2024); 9 (Syria, Jan 2024)." in text
    assert text.endswith("2 period totals are drawn below, never added to these sums.")
    assert figures.describe_timeline(incidents().iloc[0:0], "month") == "No incidents match these filters."
    by_country = pd.DataFrame({"country_code": ["IRQ", "SYR"], "best": [5, 40], "low": [5, 30], "high": [6, 45],
                               "reports": [1, 4]})
    assert figures.describe_map(by_country) == "2 countries; most: Syria 40, Iraq 5."


def test_cumulative_view_draws_running_totals() -> None:
    fig = figures.timeline_figure(incidents(), None, key="outcome", interval="month", measure="cumulative")
    go.Figure(fig)
    killed = next(t for t in fig["data"] if t["name"] == "Killed")
    assert killed["type"] == "scatter" and killed["y"] == [10.0, 17.0, 47.0]
    assert fig["layout"]["yaxis"]["title"]["text"].endswith("cumulative")


def test_per_capita_rates_use_the_population_table() -> None:
    from dashboard import charts

    population = charts.population()
    assert population["SYR"] > 1_000_000 and population["IRQ"] > 1_000_000  # the bundled table
    by_country = pd.DataFrame({"country_code": ["SYR", "XXX"], "best": [221, 5], "low": [200, 5], "high": [250, 5],
                               "reports": [3, 1]})
    rates = figures.per_capita(by_country, pd.Series({"SYR": 22_100_000.0}))
    assert list(rates["country_code"]) == ["SYR"]  # no population, no rate
    assert rates["best"].iloc[0] == pytest.approx(1.0) and rates["best_count"].iloc[0] == 221
    fig = figures.map_figure(rates, rate=True)
    go.Figure(fig)
    assert "per 100,000 people" in fig["data"][0]["hovertemplate"]
    assert figures.describe_map(rates, rate=True).endswith("Syria 1.00.")


def test_period_sums_add_every_key_per_day_in_date_order() -> None:
    frame = pd.DataFrame({
        "period": pd.to_datetime(["2023-12-04", "2023-11-27", "2023-12-04", "2023-11-20"]),
        "key": ["killed", "killed", "injured", "injured"],
        "best": [3.0, 5.0, 2.0, float("nan")],
    })
    per = figures._period_sums(frame)
    assert per.index.tolist() == ["2023-11-20", "2023-11-27", "2023-12-04"]
    assert per.tolist() == [0.0, 5.0, 5.0]  # a period of unknown figures sums to 0, as the chart's bars do
