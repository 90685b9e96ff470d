"""Events and review decisions in the dashboard: events counted once, corrections, rejections, merges."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_dashboard_data import sample_frames

from dashboard import components, reviewing
from dashboard import filters as flt
from dashboard.data import DataSource, review_overlay
from dashboard.filters import Filters
from etl import columns, review
from etl.store import Store

LATER = ("a4", "a4", "Mosul attack toll rises", "https://news.example.org/mosul-2", "Example Wire", "test",
         "2024-03-07", False)
LATER_TEXT = "The toll from Monday's attack in Mosul rose to 15 civilians killed, police said."


def _frames() -> dict[str, pd.DataFrame]:
    """The sample store plus a later article on the Mosul attack (same event as r1, a higher toll)."""
    frames = sample_frames()
    article = pd.DataFrame([(*LATER, len(LATER_TEXT), LATER_TEXT)], columns=list(columns.TABLES["articles"]))
    article["published"] = pd.to_datetime(article["published"])
    span = LATER_TEXT.index("15")
    figure = pd.DataFrame([("a4:f", "a4", LATER_TEXT, 0, span, span + 2, "15", "killed", "civilians", 15, 15, 15,
                            "exact", "count.number_phrase")], columns=list(columns.TABLES["figures"]))
    report = pd.DataFrame([("r7", "a4", "incident", "killed", "civilians", 15, 15, 15, "exact", "2024-03-04",
                            "2024-03-04", "IRQ", "Mosul", None, "police", "a4:f", LATER_TEXT, span, span + 2,
                            "count.number_phrase")],
                          columns=list(columns.TABLES["reports"][:20]))
    report[["start_date", "end_date"]] = report[["start_date", "end_date"]].apply(pd.to_datetime)
    for table, extra in (("articles", article), ("figures", figure), ("reports", report)):
        frames[table] = columns.validate(pd.concat([frames[table], extra], ignore_index=True), table)
    return frames


@pytest.fixture
def source(tmp_path) -> DataSource:
    store = Store(tmp_path / "store")
    store.write_batch(_frames())
    ids = [f"r{i}" for i in range(1, 8)]
    events = ["ev-mosul" if r in ("r1", "r7") else f"ev-{r}" for r in ids]
    store.write_derived("report_events", pd.DataFrame({"report_id": ids, "event_id": events}, dtype="string"))
    return DataSource(store, check_every=0)


def _killed(source: DataSource, **changes: object) -> int | None:
    return source.totals(Filters(**changes))["outcomes"]["killed"]["best"]


def _reports(source: DataSource) -> pd.DataFrame:
    return source.export_frame(Filters(unit="reports"))


def test_events_count_each_event_once(source: DataSource) -> None:
    # events: the Mosul attack counts once, at its latest report (15); r4 (3) and r6 (7) are events of their own
    assert _killed(source) == 15 + 3 + 7
    assert _killed(source, unit="reports") == 12 + 15 + 3 + 7
    totals = source.totals(Filters())
    assert totals["events"] == 6 and totals["reports"] == 7  # 7 reports merged into 6 events
    assert source.totals(Filters(unit="reports"))["events"] is None
    timeline = source.timeline(Filters(outcomes=("killed",), kinds=("incident",)), "month", "outcome")
    assert int(timeline["best"].sum()) == 15 + 3 + 7


def test_rows_and_exports_carry_event_and_review_status(source: DataSource) -> None:
    frame = source.export_frame(Filters())
    assert len(frame) == 7  # the table and downloads list every report, in either unit
    assert dict(zip(frame["report_id"], frame["event_id"], strict=True))["r7"] == "ev-mosul"
    assert set(frame["review_status"]) == {"unreviewed"}
    rows = source.report_rows(Filters(), None)
    assert rows.loc[rows["report_id"] == "r1", "n_ev"].item() == 2


def test_correction_changes_totals_and_status(source: DataSource) -> None:
    reports = _reports(source)
    review.record(source.root, review.correct(reports, "r7", "count_best", "20", "ana", "toll per hospital"))
    assert _killed(source) == 20 + 3 + 7
    frame = _reports(source).set_index("report_id")
    assert frame.loc["r7", "review_status"] == "corrected" and frame.loc["r7", "count_best"] == 20
    # reviewed only: just the corrected report is left
    assert _killed(source, reviewed=True) == 20
    assert source.count_rows(Filters(reviewed=True)) == 1


def test_rejection_drops_report_everywhere(source: DataSource) -> None:
    review.record(source.root, review.reject(_reports(source), "r7", "ana", "a forecast, not a toll"))
    assert _killed(source) == 12 + 3 + 7  # the event falls back to its other report
    assert "r7" not in set(_reports(source)["report_id"])
    review.record(source.root, review.accept(_reports(source), "r1", "ana"))
    assert source.count_rows(Filters(reviewed=True)) == 1


def test_merge_and_split_events(source: DataSource) -> None:
    reports = _reports(source)
    review.record(source.root, review.merge_events(reports, ["ev-r4", "ev-r6"], "ana", "same strike"))
    assert source.totals(Filters())["events"] == 5
    # one event now: its killed figure is its lead article's (a3, the latest): 7 militants, not 3 + 7
    assert _killed(source) == 15 + 7
    reports = _reports(source)
    assert reports.loc[reports["report_id"] == "r6", "event_id"].item() == "ev-r4"
    review.record(source.root, review.split_event(reports, ["r7"], "ana", "a different attack"))
    assert _killed(source) == 12 + 15 + 7


def test_review_overlay_is_pure_and_lists_changed_reports() -> None:
    reports = _frames()["reports"].assign(event_id=["e1", "e2", "e3", "e4", "e5", "e6", "e1"])
    decision = review.checked(review.correct(reports, "r1", "count_best", "13", "ana"))
    decisions = review._frame([decision])
    overlay, orphans = review_overlay(reports, decisions)
    assert overlay["report_id"].tolist() == ["r1"] and orphans.empty
    assert overlay["count_best"].tolist() == [13] and overlay["review_status"].tolist() == ["corrected"]
    assert review.named_articles(decisions) == ["a1"]
    assert review_overlay(reports, review._frame([]))[0].empty
    # a re-extraction that no longer reads r1's figure: the decision is an orphan, nothing changes
    overlay, orphans = review_overlay(reports[reports["report_id"] != "r1"], decisions)
    assert overlay.empty and orphans["decision_id"].tolist() == [decision.decision_id]
    assert review_overlay(reports.iloc[:0], decisions)[1]["decision_id"].tolist() == [decision.decision_id]


def test_unit_and_reviewed_round_trip_through_url() -> None:
    filters, _ = flt.from_query("?unit=reports&reviewed=1")
    assert filters.unit == "reports" and filters.reviewed
    assert flt.to_query(filters) == "?unit=reports&reviewed=1"
    assert flt.from_query("?unit=nonsense")[0].unit == "events"
    assert flt.to_query(Filters()) == ""
    assert flt.from_dict(flt.to_dict(filters)) == filters


def test_decide_builds_checked_decisions_and_refuses_bad_input(source: DataSource) -> None:
    reports = source.review_reports(["r1", "r4", "r6"])
    assert set(reports["report_id"]) == {"r1", "r7", "r4", "r6"}  # r7: in r1's event
    fix = reviewing.decide("correct", reports, ["r1"], " ana ", "hospital list", "count_best", "13")
    assert (fix.action, fix.reviewer, fix.field, fix.value, fix.rationale) == (
        "correct", "ana", "count_best", "13", "hospital list")
    assert fix.decided_at is not None and fix.decision_id
    merge = reviewing.decide("merge", reports, ["r4", "r6"], "ana", "same strike")
    assert merge.action == "merge_events" and set(merge.event_ids.split(";")) == {"ev-r4", "ev-r6"}
    assert reviewing.decide("split", reports, ["r7"], "ana", "another day").action == "split_event"
    for args, message in (
        (("accept", reports, ["r1"], ""), "Sign in"),
        (("accept", reports, [], "ana"), "Select"),
        (("accept", reports, ["r1", "r4"], "ana"), "one report"),
        (("correct", reports, ["r1"], "ana", "typo", "count_best", "many"), "whole number"),
        (("merge", reports, ["r1", "r7"], "ana", "same"), "two different events"),
    ):
        with pytest.raises(ValueError, match=message):
            reviewing.decide(*args)


def test_review_reports_keep_machine_values_after_a_correction(source: DataSource) -> None:
    review.record(source.root, review.correct(_reports(source), "r1", "count_best", "30", "ana"))
    assert _reports(source).set_index("report_id").loc["r1", "count_best"] == 30
    machine = source.review_reports(["r1"]).set_index("report_id")
    assert machine.loc["r1", "count_best"] == 12  # decisions name reports as the machine read them
    again = reviewing.decide("accept", source.review_reports(["r1"]), ["r1"], "bo")
    review.record(source.root, again)
    frame = _reports(source).set_index("report_id")
    assert frame.loc["r1", "count_best"] == 30 and frame.loc["r1", "review_status"] == "corrected"
    rows = reviewing.log_rows(review.load_decisions(source.root))
    assert [r["reviewer"] for r in rows] == ["bo", "ana"] and rows[0]["decided_at"].endswith("UTC")


def test_queries_from_many_threads_during_warm_up(source: DataSource) -> None:
    """Each query has its own cursor: the warm-up thread and requests no longer share a connection."""
    from concurrent.futures import ThreadPoolExecutor

    warm = ThreadPoolExecutor(1).submit(source.snapshot)
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda i: source.count_rows(Filters(unit="reports" if i % 2 else "events")),
                                range(60)))
    warm.result()
    assert set(results) == {7}


def test_every_decision_but_accept_needs_a_reason(source: DataSource) -> None:
    reports = source.review_reports(["r1", "r4", "r6"])
    for action, selected, extra, noun in (("reject", ["r1"], (), "rejection"),
                                          ("correct", ["r1"], ("count_best", "13"), "correction"),
                                          ("merge", ["r4", "r6"], (), "merge"), ("split", ["r7"], (), "split")):
        for reason in (None, "", "   "):
            with pytest.raises(reviewing.MissingReason, match=f"Say why: a {noun} is recorded with its reason"):
                reviewing.decide(action, reports, selected, "ana", reason, *extra)
    accepted = reviewing.decide("accept", reports, ["r1"], "ana", " ")
    assert accepted.action == "accept" and accepted.rationale is None  # optional for accept, as the UI says
    with pytest.raises(ValueError, match="Sign in"):  # who comes first
        reviewing.decide("reject", reports, ["r1"], "", None)


def test_orphaned_decisions_are_listed(source: DataSource) -> None:
    """A decision whose report is no longer in the store (re-extraction) is shown as such, with a count."""
    reports = _reports(source)
    kept = review.record(source.root, review.accept(reports, "r4", "ana", "matches the wire"))
    gone = reports.assign(sentence=lambda f: f["sentence"].where(f["report_id"] != "r6", "Nothing like it."),
                          span_start=lambda f: f["span_start"].where(f["report_id"] != "r6", 999),
                          span_end=lambda f: f["span_end"].where(f["report_id"] != "r6", 1001))
    lost = review.record(source.root, review.reject(gone, "r6", "ana", "an old figure"))
    assert source.orphaned_decisions() == {lost.decision_id}
    rows = reviewing.log_rows(review.load_decisions(source.root), source.orphaned_decisions())
    assert {r["decision_id"]: r["status"] for r in rows} == {
        lost.decision_id: reviewing.ORPHANED, kept.decision_id: reviewing.APPLIED}
    assert reviewing.orphans_line(0) == ""
    assert reviewing.orphans_line(1).startswith("1 decision no longer finds its report")
    assert reviewing.orphans_line(2).startswith("2 decisions no longer find their report")


def test_rejected_reports_can_be_listed_and_taken_back(source: DataSource) -> None:
    review.record(source.root, review.reject(_reports(source), "r7", "ana", "a forecast, not a toll"))
    assert source.count_rows(Filters()) == 6 and source.count_rows(Filters(), rejected=True) == 7
    rows = source.report_rows(Filters(), rejected=True).set_index("report_id")
    assert rows.loc["r7", "review_status"] == "rejected" and len(rows) == 7
    assert "r7" not in set(source.report_rows(Filters())["report_id"])
    assert source.count_rows(Filters(reviewed=True), rejected=True) == 1  # reviewed: accepted, corrected, rejected
    assert "r7" not in set(_reports(source)["report_id"])  # downloads never carry rejected reports
    # the analyst ticks the rejected row and accepts it: the rejection is taken back
    decision = reviewing.decide("accept", source.review_reports(["r7"]), ["r7"], "bo", "the toll was confirmed")
    review.record(source.root, decision)
    assert source.count_rows(Filters()) == 7 and _killed(source) == 15 + 3 + 7
    assert _reports(source).set_index("report_id").loc["r7", "review_status"] == "accepted"
    assert components.count_text(6, 1) == "6 reports + 1 rejected" and components.count_text(1) == "1 report"


def test_import_file_says_which_lines_were_skipped(source: DataSource, tmp_path) -> None:
    good = review.checked(review.accept(_reports(source), "r4", "li", "seen on TV"))
    path = tmp_path / "theirs.jsonl"
    path.write_text("\n".join([
        json.dumps(good.as_record()),
        "{not json",
        "[1, 2]",
        json.dumps({"action": "explode", "reviewer": "x", "match_key": "a|b|c|d|1|2|3"}),
        "",
        json.dumps({"action": "accept", "reviewer": "", "match_key": "a|b|c|d|1|2|3"}),
        json.dumps({"action": "accept", "reviewer": "li"}),
    ]) + "\n", encoding="utf-8")
    summary = reviewing.import_file(source.root, path)
    assert summary.added == 1
    assert [line for line, _ in summary.skipped] == [2, 3, 4, 6, 7]
    reasons = dict(summary.skipped)
    assert reasons[2].startswith("not a JSON line") and "action must be one of" in reasons[4]
    lines, color = reviewing.import_message("theirs.jsonl", summary)
    assert lines[0] == "theirs.jsonl: 1 new decision imported; 5 lines skipped:"
    assert lines[1].startswith("line 2: not a JSON line") and lines[-1] == "… and 2 more." and color == "warning"
    again = reviewing.import_file(source.root, path)
    assert again.added == 0 and len(again.skipped) == 5
    assert reviewing.import_message("x.jsonl", again)[1] == "danger"
    assert reviewing.import_message("x.jsonl", reviewing.ImportSummary(0)) == (
        ["x.jsonl: 0 new decisions imported (nothing new: every decision in it is already in the log)."],
        "secondary")
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("hello\nworld\n", encoding="utf-8")
    lines, color = reviewing.import_message("garbage.jsonl", reviewing.import_file(source.root, garbage))
    assert lines[0] == "garbage.jsonl: 0 new decisions imported; 2 lines skipped:" and color == "danger"


def test_totals_say_how_many_reports_were_merged(source: DataSource) -> None:
    totals = source.totals(Filters())
    assert (totals["reports"], totals["events"], totals["merged_reports"], totals["merged_events"]) == (7, 6, 2, 1)
    merged = "7 reports → 6 events (2 reports from several articles merged into 1 event)"
    assert components.merged_text(7, 6, 2, 1) == merged
    assert components.merged_text(3, 3, 0, 0) == "3 reports → 3 events (none merged)"
    assert source.totals(Filters(unit="reports"))["merged_reports"] is None
    cards = str(components.totals_cards(totals))
    assert merged in cards
    single = source.totals(Filters(countries=("SYR",)))
    assert (single["merged_reports"], single["merged_events"]) == (0, 0)


def test_compare_counts_reports_as_the_overview_does(source: DataSource) -> None:
    for unit in ("events", "reports"):
        filters = Filters(unit=unit)
        table = source.compare_table(filters, "country_code", ("IRQ", "SYR")).set_index("key")
        for code in ("IRQ", "SYR"):
            totals = source.totals(Filters(unit=unit, countries=(code,)))
            assert table.loc[code, "reports"] == totals["reports"]
            assert table.loc[code, "articles"] == totals["articles"]
            assert table.loc[code, "killed"] == totals["outcomes"]["killed"]["best"]
            assert table.loc[code, "period_totals"] == totals["period_totals"]
        if unit == "events":
            assert table.loc["IRQ", "events"] == 2 and table.loc["IRQ", "killed"] == 15  # r7 counts for the event
        else:
            assert table["events"].isna().all() and table.loc["IRQ", "killed"] == 12 + 15
    assert source.compare_table(Filters(), "country_code", ("IRQ",)).loc[0, "reports"] == 3  # r1, r2, r7
    events = str(components.compare_numbers(source.compare_table(Filters(), "country_code", ()), "country_code"))
    assert "'Events'" in events and "count each event once" in events
    by_report = source.compare_table(Filters(unit="reports"), "country_code", ())
    reports = str(components.compare_numbers(by_report, "country_code", "reports"))
    assert "'Events'" not in reports and "add up every report" in reports


def test_exports_carry_the_reports_of_each_event(source: DataSource) -> None:
    from dashboard import export

    frame = _reports(source).set_index("report_id")
    assert frame.loc["r1", "n_reports"] == 2 and frame.loc["r7", "n_reports"] == 2 and frame.loc["r4", "n_reports"] == 1
    assert export.hxl_tags(["n_reports"]) == ["#meta+count+reports"]
    assert "n_reports" in columns.COLUMNS  # named from the registry


def test_events_mode_counts_what_the_events_table_says(tmp_path) -> None:
    """Counting events, the dashboard sums each event's reconciled figures, as etl/events.py builds them: the
    lead article's victim groups, each at its latest report's count, with the sources' spread as low and high."""
    from pathlib import Path

    from etl.pipeline import ingest_paths

    store = Store(tmp_path / "store")
    ingest_paths([str(Path(__file__).resolve().parents[1] / "data" / "sample")], store, progress=False)
    totals = DataSource(store, check_every=0).totals(Filters())["outcomes"]
    events = store.read("events")
    counted = events[(events["kind"] == "incident") & events["in_total"]]
    for outcome, row in counted.groupby("outcome")[["count_best", "count_low", "count_high"]].sum().iterrows():
        assert (totals[outcome]["best"], totals[outcome]["low"], totals[outcome]["high"]) == tuple(row)


def test_correcting_an_at_least_count_leaves_no_old_bound_on_its_row(source: DataSource) -> None:
    # r1 reads "at least 12" (12 / 12 / -): corrected to 18 it is at least 18, so the grid's low–high cell
    # (casualtyRange: shown only when a bound differs from the best) is empty, not "12–…"
    review.record(source.root, review.correct(_reports(source), "r1", "count_best", "18", "ana", "hospital list"))
    rows = source.report_rows(Filters(), None).set_index("report_id")
    assert tuple(rows.loc["r1", ["count_low", "count_best"]]) == (18, 18) and pd.isna(rows.loc["r1", "count_high"])
    frame = _reports(source).set_index("report_id")
    assert (frame.loc["r1", "count_low"], frame.loc["r1", "qualifier"]) == (18, "at_least")
    killed = source.totals(Filters(unit="reports"))["outcomes"]["killed"]
    assert killed["low"] == killed["best"] - 2  # only r6's range (5-7-9) is left below the best
