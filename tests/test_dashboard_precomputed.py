"""The dashboard's shortcuts give the numbers of the plain queries they replace.

Per store version the DataSource marks each event's only counted row (`solo`), keeps the period totals in a table
of their own (`pt`) and the default count's solo incident rows largest first (`largest_rows`). The totals, the
events counted, the largest events and the period totals are checked here against the plain queries over every
report (as the dashboard computed them before), on the bundled sample (events told by several articles) with
review decisions of our own on top, for filter sets in both units, reviewed or not.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest

from dashboard import data
from dashboard.filters import NONE, Filters
from etl import review
from etl.pipeline import ingest_paths
from etl.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl"


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> data.DataSource:
    store = Store(tmp_path_factory.mktemp("precomputed_store"))
    ingest_paths([str(SAMPLE)], store, progress=False)
    source = data.DataSource(store, check_every=0)
    reports = source.export_frame(Filters(unit="reports"))
    several = reports[reports["n_reports"] > 1].sort_values("report_id")
    alone = reports[reports["n_reports"] == 1].sort_values("report_id")
    # decisions of our own: accept reports of events told several times and alone, reject one, correct one
    for report_id in [*several["report_id"].head(6), *alone["report_id"].head(6)]:
        review.record(source.root, review.accept(reports, report_id, "ana"))
    review.record(source.root, review.reject(reports, several["report_id"].iloc[6], "ana", "a forecast"))
    row = alone[alone["kind"] == "incident"].iloc[-1]
    review.record(
        source.root,
        review.correct(
            reports, row["report_id"], "count_best", str(int(row["count_best"]) + 5), "ana", "hospital list"
        ),
    )
    return source


def _filter_sets(source: data.DataSource) -> list[Filters]:
    """Filters over the sample's own countries and sources, '(none)' included, in both units, reviewed or not."""
    options = source.options()
    countries = [c for c, _ in options["countries"]][:2]
    sources = [s for s, _ in options["sources"] if s != NONE][:1]
    narrow = [
        Filters(),
        Filters(countries=tuple(countries[:1])),
        Filters(countries=tuple(countries), outcomes=("killed",)),
        Filters(outcomes=("injured",), include_vague=False),
        Filters(groups=("civilians",), kinds=("incident",)),
        Filters(start=pd.Timestamp("2021-01-01").date(), end=pd.Timestamp("2022-12-31").date()),
        Filters(sources=(NONE,)),
        Filters(sources=(*sources, NONE), perpetrators=(NONE,)),
        Filters(sources=tuple(sources)),
    ]
    return [
        Filters(**{**f.__dict__, "unit": unit, "reviewed": reviewed})
        for f, unit, reviewed in itertools.product(narrow, ("events", "reports"), (False, True))
    ]


def _plain_totals(snap, filters: Filters) -> tuple[dict, int | None, int]:
    where, params = data._where(filters)
    best, low, high = data.counted(filters)
    rows = snap.fetchall(
        f"SELECT CAST(outcome AS VARCHAR), sum({best}), sum({low}), sum({high}), count(*) FROM rel "
        f"WHERE kind = 'incident' AND {where} GROUP BY outcome",
        params,
    )
    sums = {o: {"best": b, "low": lo, "high": h, "reports": n} for o, b, lo, h, n in rows}
    events = snap.fetchall(f"SELECT count(DISTINCT ev) FROM rel WHERE {where}", params)[0][0]
    listed, listed_params = data._where(filters, rows=True)
    reports = snap.fetchall(f"SELECT count(*) FROM rel WHERE {listed}", listed_params)[0][0]
    return sums, (events if filters.unit == "events" else None), reports


def _plain_largest(snap, filters: Filters, interval: str, limit: int) -> pd.DataFrame:
    where, params = data._where(filters)
    best = data.counted(filters)[0]
    key = "ev" if filters.unit == "events" else "report_id"
    incidents = f"FROM rel WHERE kind = 'incident' AND date IS NOT NULL AND {where}"
    with snap.cursor() as cur:
        return cur.execute(
            f"SELECT min({data.PERIODS[interval]}) AS period, CAST(sum({best}) AS BIGINT) AS best, "
            f"mode(location) AS location, mode(CAST(country_code AS VARCHAR)) AS country_code {incidents} "
            f"GROUP BY {key} HAVING sum({best}) > 0 ORDER BY best DESC, min(date), {key} LIMIT {limit}",
            params,
        ).df()


def _plain_period_totals(snap, filters: Filters, limit: int) -> tuple[list[str], int]:
    where, params = data._where(filters)
    base = f"FROM rel WHERE kind = 'period_total' AND date IS NOT NULL AND {where}"
    ids = snap.fetchall(f"SELECT report_id {base} ORDER BY date_end DESC, report_id, rowid LIMIT {limit}", params)
    return [r[0] for r in ids], snap.fetchall(f"SELECT count(*) {base}", params)[0][0]


def test_the_sample_has_what_the_shortcuts_must_handle(source: data.DataSource) -> None:
    snap = source.snapshot()
    several_counted, reviewed, period_totals = snap.fetchall(
        "SELECT count(*) FILTER (WHERE lead AND NOT solo), count(*) FILTER (WHERE lead_rev), "
        "count(*) FILTER (WHERE kind = 'period_total') FROM rel"
    )[0]
    assert several_counted > 0 and reviewed > 0 and period_totals > 0


def test_solo_marks_the_events_with_one_counted_row(source: data.DataSource) -> None:
    snap = source.snapshot()
    for flag, solo in (("lead", "solo"), ("lead_rev", "solo_rev")):
        wrong = snap.fetchall(
            f"SELECT count(*) FROM rel JOIN (SELECT ev, count(*) AS n FROM rel WHERE {flag} GROUP BY ev) AS c "
            f"USING (ev) WHERE rel.{flag} AND rel.{solo} <> (c.n = 1)"
        )[0][0]
        assert wrong == 0, flag


def test_totals_and_events_are_those_of_the_plain_queries(source: data.DataSource) -> None:
    snap = source.snapshot()
    for filters in _filter_sets(source):
        totals = source.totals(filters)
        sums, events, reports = _plain_totals(snap, filters)
        assert totals["outcomes"] == sums, filters
        assert totals["events"] == events, filters
        assert totals["reports"] == reports == source.count_rows(filters), filters


def _plain_listed(snap, filters: Filters) -> dict:
    """What stands behind the totals, counted over every report the filters keep (as the totals did before)."""
    listed, params = data._where(filters, rows=True)
    row = snap.fetchall(
        "SELECT count(*) FILTER (WHERE n_art > 1), count(DISTINCT ev) FILTER (WHERE n_art > 1), "
        "count(DISTINCT article_id), count(DISTINCT reporting_source), count(DISTINCT country_code), "
        f"count(*) FILTER (WHERE kind = 'period_total') FROM rel WHERE {listed}",
        params,
    )[0]
    merged = filters.unit == "events"
    return {
        "merged_reports": row[0] if merged else None, "merged_events": row[1] if merged else None,
        "articles": row[2], "sources": row[3], "countries": row[4], "period_totals": row[5],
    }


def test_multi_rows_hold_every_row_of_an_event_of_several(source: data.DataSource) -> None:
    """The rows the totals and the largest events read in multi_rows: every one not solo, every merged one."""
    snap = source.snapshot()
    kept = snap.fetchall("SELECT count(*) FROM multi_rows")[0][0]
    missing = snap.fetchall(
        "SELECT count(*) FROM rel WHERE review_status <> 'rejected' AND (NOT solo OR NOT solo_rev OR n_art > 1) "
        "AND report_id NOT IN (SELECT report_id FROM multi_rows)"
    )[0][0]
    assert missing == 0 and 0 < kept < snap.rows


def test_what_stands_behind_the_totals_is_that_of_the_plain_query(source: data.DataSource) -> None:
    snap = source.snapshot()
    merged = 0
    for filters in _filter_sets(source):
        totals = source.totals(filters)
        assert {k: totals[k] for k in _plain_listed(snap, filters)} == _plain_listed(snap, filters), filters
        merged += totals["merged_events"] or 0
    assert merged > 0  # the sample has events told by several articles


def _plain_by_country(snap, filters: Filters) -> pd.DataFrame:
    where, params = data._where(filters)
    best, low, high = data.counted(filters)
    with snap.cursor() as cur:
        return cur.execute(
            f"SELECT CAST(country_code AS VARCHAR) AS country_code, sum({best}) AS best, sum({low}) AS low, "
            f"sum({high}) AS high, count(*) AS reports "
            f"FROM rel WHERE kind = 'incident' AND country_code IS NOT NULL AND {where} "
            "GROUP BY country_code ORDER BY best DESC NULLS LAST, country_code",
            params,
        ).df()


def test_sums_per_country_are_those_of_the_plain_query(source: data.DataSource) -> None:
    """The map's sums per country and the totals' per outcome add up one scan's sums per country and outcome."""
    snap = source.snapshot()
    for filters in [*_filter_sets(source), Filters(countries=("XXX",))]:
        shown = source.by_country(filters)
        pd.testing.assert_frame_equal(shown, _plain_by_country(snap, filters), obj=str(filters))


@pytest.mark.parametrize("interval", ["day", "month", "year"])
def test_largest_events_are_those_of_the_plain_query(source: data.DataSource, interval: str) -> None:
    snap = source.snapshot()
    for filters in _filter_sets(source):
        for limit in (3, 12):
            shown = source.largest_events(filters, interval, limit=limit)
            pd.testing.assert_frame_equal(shown, _plain_largest(snap, filters, interval, limit), obj=str(filters))


def test_period_totals_are_those_of_the_plain_query(source: data.DataSource) -> None:
    snap = source.snapshot()
    for filters in _filter_sets(source):
        for limit in (2, 400):
            frame, count = source.period_totals(filters, limit=limit)
            assert (list(frame["report_id"]), count) == _plain_period_totals(snap, filters, limit), filters


def test_the_shortcuts_follow_a_new_decision(source: data.DataSource) -> None:
    """A decision changes the store's version: the marks and tables are made again with it."""
    filters = Filters(kinds=("incident",))
    top = source.largest_events(filters, "month", limit=1)
    reports = source.export_frame(Filters(unit="reports"))
    largest = (
        reports[(reports["counted"]) & (reports["kind"] == "incident")]
        .sort_values("counted_best", ascending=False)
        .iloc[0]
    )
    review.record(source.root, review.reject(reports, largest["report_id"], "ana", "counted twice"))
    after = source.largest_events(filters, "month", limit=1)
    pd.testing.assert_frame_equal(after, _plain_largest(source.snapshot(), filters, "month", 1))
    assert source.totals(Filters())["events"] == _plain_totals(source.snapshot(), Filters())[1]
    assert len(top) == 1
