"""Filters <-> URL query <-> SQL WHERE / pandas mask, and drill-down selections (no browser, no store)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from dashboard import filters as flt
from dashboard.filters import NONE, Filters, Selection, View
from etl import columns


def report_frame() -> pd.DataFrame:
    """Six reports in two countries, one period total, one vague figure, one without country or source."""
    rows = [
        ("r1", "a1", "incident", "killed", "civilians", 12, 12, None, "at_least", "2024-03-04", "2024-03-04", "IRQ",
         "Mosul", "Islamic State", "police"),
        ("r2", "a1", "period_total", "killed", "civilians", 1200, 1200, 1200, "exact", "2024-01-01", "2024-03-05",
         "IRQ", None, None, "UN"),
        ("r3", "a2", "incident", "injured", "security_forces", 24, 36, 99, "vague", "2024-04-10", "2024-04-10", "SYR",
         "Aleppo", None, "Ministry of Defence"),
        ("r4", "a2", "incident", "killed", "civilians", 3, 3, 3, "exact", "2024-05-02", "2024-05-02", "SYR", "Idlib",
         "government forces", None),
        ("r5", "a3", "incident", "killed", "militants", 5, 7, 9, "range", None, None, None, None, None, None),
        ("r6", "a3", "incident", "casualties", "unknown", 40, 40, 40, "approximately", "2023-12-30", "2023-12-30",
         "YEM", "Taiz", "Houthis", "hospital officials"),
    ]
    names = ["report_id", "article_id", "kind", "outcome", "victim_group", "count_low", "count_best", "count_high",
             "qualifier", "start_date", "end_date", "country_code", "location", "perpetrator", "reporting_source"]
    frame = pd.DataFrame(rows, columns=names)
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    frame = columns.validate(frame, "reports")
    published = pd.to_datetime(pd.Series(["2024-03-05", "2024-03-05", "2024-05-03", "2024-05-03", "2024-06-01",
                                          "2024-06-01"])).astype("datetime64[s]")
    return frame.assign(published=published)


HASHED = ("country_code", "perpetrator", "reporting_source")


def sql_ids(frame: pd.DataFrame, filters: Filters, hashed: tuple[str, ...] = ()) -> list[str]:
    """Report ids the SQL form of the filters keeps, over the frame with the dashboard's date columns."""
    date, date_end = flt.report_dates(frame)
    rel = frame.assign(date=date, date_end=date_end)
    where, params = flt.where_sql(filters, hashed)
    con = duckdb.connect()
    con.register("frame", rel)
    hashes = "".join(f", hash({c}) AS {c}_h" for c in hashed)
    con.execute(f"CREATE TABLE rel AS SELECT *{hashes} FROM frame")
    return sorted(r[0] for r in con.execute(f"SELECT report_id FROM rel WHERE {where}", params).fetchall())


def mask_ids(frame: pd.DataFrame, filters: Filters) -> list[str]:
    return sorted(flt.apply(frame, filters)["report_id"])


CASES = [
    Filters(),
    Filters(countries=("IRQ",)),
    Filters(countries=("SYR", NONE)),
    Filters(outcomes=("killed",)),
    Filters(groups=("civilians", "militants")),
    Filters(kinds=("period_total",)),
    Filters(perpetrators=(NONE,)),
    Filters(sources=("UN", "police")),
    Filters(sources=(NONE,)),
    Filters(include_vague=False),
    Filters(start=dt.date(2024, 3, 5)),
    Filters(end=dt.date(2024, 3, 1)),
    Filters(start=dt.date(2024, 2, 1), end=dt.date(2024, 4, 30), outcomes=("killed", "injured")),
]


@pytest.mark.parametrize("filters", CASES, ids=[flt.to_query(f) or "none" for f in CASES])
def test_sql_and_pandas_keep_the_same_reports(filters: Filters) -> None:
    frame = report_frame()
    assert sql_ids(frame, filters) == mask_ids(frame, filters)
    assert sql_ids(frame, filters, HASHED) == mask_ids(frame, filters)  # the fast form used by the dashboard


def test_filter_semantics_on_a_small_frame() -> None:
    frame = report_frame()
    assert mask_ids(frame, Filters(countries=("SYR", NONE))) == ["r3", "r4", "r5"]
    assert mask_ids(frame, Filters(include_vague=False)) == ["r1", "r2", "r4", "r5", "r6"]
    # the period total overlaps the range, the 2023 report and the reports after it do not
    assert mask_ids(frame, Filters(start=dt.date(2024, 1, 15), end=dt.date(2024, 3, 4))) == ["r1", "r2"]
    # a report without its own date falls back to the article's publication date
    assert mask_ids(frame, Filters(start=dt.date(2024, 6, 1))) == ["r5"]
    assert mask_ids(frame, Filters(sources=(NONE,))) == ["r4", "r5"]


@pytest.mark.parametrize(
    ("filters", "view"),
    [
        (Filters(), View()),
        (Filters(countries=("IRQ", "SYR"), outcomes=("killed",), include_vague=False), View(interval="year")),
        (Filters(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31), perpetrators=("Hamas, Islamic Jihad", NONE),
                 sources=("UN OHCHR", "Ministry of Health"), kinds=("incident",), groups=("civilians",)),
         View(stack="victim_group", measure="band", compare_by="reporting_source", compare_keys=("UN OHCHR",))),
    ],
)
def test_url_round_trip(filters: Filters, view: View) -> None:
    query = flt.to_query(filters, view)
    assert flt.from_query(query) == (filters, view)
    # a name with a comma survives as one value (lists are repeated parameters)
    assert flt.from_query(query.lstrip("?")) == (filters, view)


def test_default_selection_has_an_empty_query() -> None:
    assert flt.to_query(Filters(), View()) == ""
    assert flt.from_query("") == (Filters(), View())


def test_bad_url_values_are_ignored() -> None:
    filters, view = flt.from_query(
        "?outcome=killed&outcome=exploded&from=yesterday&to=2024-02-30&vague=maybe&interval=decade&stack=x&group=all"
    )
    assert filters == Filters(outcomes=("killed",))
    assert view == View()


def test_url_conveniences() -> None:
    filters, _ = flt.from_query("?country=irq,syr&from=2024-06-01&to=2024-01-01&vague=off")
    assert filters.countries == ("IRQ", "SYR")
    assert (filters.start, filters.end) == (dt.date(2024, 1, 1), dt.date(2024, 6, 1))
    assert filters.include_vague is False
    # every value of a closed field selected is the same as none
    assert flt.from_query("?outcome=killed&outcome=injured&outcome=casualties")[0] == Filters()


def test_mapping_input_like_dash_pages_gives() -> None:
    filters, view = flt.from_query({"country": ["IRQ", "SYR"], "outcome": "killed", "interval": "week"})
    assert filters.countries == ("IRQ", "SYR") and filters.outcomes == ("killed",)
    assert view.interval == "week"


def test_from_controls_reads_dash_values() -> None:
    filters = flt.from_controls(["IRQ"], "2024-01-01T00:00:00", None, ["killed"], [], None, [], ["UN"], False)
    assert filters == Filters(countries=("IRQ",), start=dt.date(2024, 1, 1), outcomes=("killed",), sources=("UN",),
                              include_vague=False)
    assert flt.from_dict(flt.to_dict(filters)) == filters


def test_selection_round_trip_and_sql() -> None:
    frame = report_frame()
    rel = frame.assign(date=flt.report_dates(frame)[0], date_end=flt.report_dates(frame)[1])
    con = duckdb.connect()
    con.register("rel", rel)

    def ids(selection: Selection) -> list[str]:
        where, params = flt.selection_sql(selection)
        return sorted(r[0] for r in con.execute(f"SELECT report_id FROM rel WHERE {where}", params).fetchall())

    march_killed = flt.selection_from_dict(
        {"interval": "month", "period": "2024-03-01", "column": "outcome", "value": "killed", "label": "x"}
    )
    assert ids(march_killed) == ["r1"]  # the period total of March is not an incident
    assert flt.selection_from_dict(flt.selection_to_dict(march_killed)) == march_killed
    assert ids(flt.selection_from_dict({"column": "country_code", "value": "SYR"})) == ["r3", "r4"]
    assert ids(flt.selection_from_dict({"report_ids": ["r2"]})) == ["r2"]
    assert flt.selection_from_dict({"column": "text; DROP TABLE rel", "value": "x"}).is_empty()
    assert flt.selection_from_dict(None).is_empty()


def test_a_drill_down_round_trips_through_the_url() -> None:
    from dashboard import filters as flt

    by_period = flt.Selection(interval="month", period=dt.date(2024, 3, 1), label="March 2024")
    query = flt.selection_query(by_period)
    assert query == "drill_interval=month&drill_period=2024-03-01&drill_label=March+2024"
    again = flt.selection_from_query(flt.parse_qs(query))
    assert flt.selection_from_dict(again) == by_period
    by_country = flt.Selection(column="country_code", value="IRQ", label="Iraq")
    query = flt.parse_qs(flt.selection_query(by_country))
    assert flt.selection_from_dict(flt.selection_from_query(query)) == by_country
    assert flt.selection_query(flt.Selection(report_ids=("r1",))) == ""
    assert flt.selection_from_query({"drill_column": "password", "drill_value": "x"}) is None


def test_map_scale_and_cumulative_are_kept_in_the_url() -> None:
    from dashboard import filters as flt

    filters, view = flt.from_query("?map=per_capita&measure=cumulative")
    assert view.map_scale == "per_capita" and view.measure == "cumulative"
    assert flt.to_query(filters, view) == "?measure=cumulative&map=per_capita"
    assert flt.from_query("?map=nonsense")[1].map_scale == "total"
