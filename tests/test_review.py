"""Review: analysts' decisions are kept apart, survive re-extraction, and keep rejected figures out."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from etl import columns, review
from etl.events import consolidate

TEXT_A = (
    "KANDAHAR, Afghanistan - A car bomb tore through a livestock market in Kandahar on Tuesday, killing at least "
    "15 people and wounding 40, provincial officials said. The Taliban denied involvement. Police said the "
    "attackers had also lost two men in a gunfight an hour later."
)
TEXT_B = "MOSUL, Iraq - Two soldiers were killed by a roadside bomb south of Mosul on Monday, the army said."


def _span(text: str, phrase: str, shift: int = 0) -> tuple[int, int]:
    start = text.index(phrase) + shift
    return start, start + len(phrase)


def extraction(release: str, shift: int = 0, a_killed: int = 15) -> pd.DataFrame:
    """Reports as an engine release reads the two articles: ids depend on the release, spans may move."""
    sentence_a = TEXT_A.split(" - ", 1)[1].split(". ")[0] + "."
    rows = [
        ("art-a", "killed", "unknown", a_killed, "at_least", "2024-03-12", "AFG", "Kandahar", sentence_a,
         _span(TEXT_A, "at least 15", shift)),
        ("art-a", "injured", "unknown", 40, "exact", "2024-03-12", "AFG", "Kandahar", sentence_a,
         _span(TEXT_A, "40", shift)),
        ("art-a", "killed", "militants", 2, "exact", "2024-03-12", "AFG", "Kandahar",
         "Police said the attackers had also lost two men in a gunfight an hour later.",
         _span(TEXT_A, "two men", shift)),
        ("art-b", "killed", "security_forces", 2, "exact", "2024-03-11", "IRQ", "Mosul", TEXT_B.split(" - ")[1],
         _span(TEXT_B, "Two soldiers", shift)),
    ]
    frame = pd.DataFrame([{
        "report_id": f"{release}-{art}-{i}", "article_id": art, "kind": "incident", "outcome": outcome,
        "victim_group": group, "count_low": n, "count_best": n, "count_high": n if q == "exact" else None,
        "qualifier": q, "start_date": day, "end_date": day, "country_code": country, "location": place,
        "sentence": sentence, "span_start": span[0], "span_end": span[1], "figure_ids": f"{release}-fig-{i}",
    } for i, (art, outcome, group, n, q, day, country, place, sentence, span) in enumerate(rows)])
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    return columns.conform(frame, "reports")


ARTICLES = pd.DataFrame({
    "article_id": ["art-a", "art-b"], "title": ["Car bomb kills 15 in Kandahar", "Two soldiers killed near Mosul"],
    "source": ["Wire", "Post"], "published": pd.to_datetime(["2024-03-12", "2024-03-11"]).astype(columns.DATE),
})


def report_id(reports: pd.DataFrame, outcome: str, group: str = "unknown", article: str = "art-a") -> str:
    row = reports[(reports.article_id == article) & (reports.outcome == outcome) & (reports.victim_group == group)]
    return row["report_id"].iloc[0]


def test_a_correction_survives_a_full_re_extraction(tmp_path: Path) -> None:
    v1 = extraction("v1")
    review.record(tmp_path, review.correct(v1, report_id(v1, "killed"), "count_best", 17, "amira",
                                           "the governor's statement gives 17"))
    review.record(tmp_path, review.accept(v1, report_id(v1, "injured"), "amira"))
    # a better engine release: new report ids, offsets moved by a changed text cleaner
    v2 = extraction("v2", shift=3)
    assert not set(v1.report_id) & set(v2.report_id)
    applied, orphans = review.apply_decisions(v2, review.load_decisions(tmp_path))
    assert orphans.empty
    killed = applied[applied.report_id == report_id(v2, "killed")].iloc[0]
    assert killed["count_best"] == 17 and killed["review_status"] == "corrected"
    assert applied.loc[applied.report_id == report_id(v2, "injured"), "review_status"].iloc[0] == "accepted"
    assert (applied.loc[applied.article_id == "art-b", "review_status"] == "unreviewed").all()
    # the machine output itself is untouched
    assert v2.loc[v2.report_id == report_id(v2, "killed"), "count_best"].iloc[0] == 15


def test_a_rejected_report_stays_out_of_every_chart_and_download(tmp_path: Path) -> None:
    v1 = extraction("v1")
    rejected = report_id(v1, "killed", "militants")
    review.record(tmp_path, review.reject(v1, rejected, "amira", "the attackers, not a toll of this attack"))
    v2 = extraction("v2", shift=1)
    reports, events, orphans = review.reviewed_tables(v2, ARTICLES, review.load_decisions(tmp_path))
    gone = report_id(v2, "killed", "militants")
    assert reports.loc[reports.report_id == gone, "review_status"].iloc[0] == "rejected"
    assert pd.isna(reports.loc[reports.report_id == gone, "event_id"].iloc[0])
    shown = review.drop_rejected(reports)
    assert gone not in set(shown.report_id)
    assert not events["report_ids"].str.contains(gone).any()
    assert "militants" not in set(events.victim_group)
    assert orphans.empty
    # downloads carry the review status
    columns.validate(shown, "reports", extra=("event_id", "review_status"))
    assert set(shown.review_status) == {"unreviewed"}
    # the same with the store's event ids, without regrouping
    stored, _ = consolidate(v2, ARTICLES)
    _, fast_events, _ = review.reviewed_tables(stored, ARTICLES, review.load_decisions(tmp_path), reconsolidate=False)
    assert not fast_events["report_ids"].str.contains(gone).any()
    # limited to reviewed figures: nothing was accepted, so nothing is shown
    _, reviewed_events, _ = review.reviewed_tables(v2, ARTICLES, review.load_decisions(tmp_path), only_reviewed=True)
    assert reviewed_events.empty


def test_decisions_that_no_longer_find_their_report_are_listed(tmp_path: Path) -> None:
    v1 = extraction("v1")
    review.record(tmp_path, review.accept(v1, report_id(v1, "killed", "security_forces", "art-b"), "li"))
    review.record(tmp_path, review.reject(v1, report_id(v1, "injured"), "li", "duplicate"))
    v2 = extraction("v2")
    v2 = v2[v2.article_id != "art-b"]  # the new engine no longer finds the Mosul figure
    applied, orphans = review.apply_decisions(v2, review.load_decisions(tmp_path))
    assert orphans["action"].tolist() == ["accept"]
    assert orphans["report_id"].tolist() == [report_id(v1, "killed", "security_forces", "art-b")]
    assert applied.loc[applied.report_id == report_id(v2, "injured"), "review_status"].iloc[0] == "rejected"


def test_reviewed_only_and_a_later_decision_taking_a_rejection_back(tmp_path: Path) -> None:
    v1 = extraction("v1")
    rid = report_id(v1, "injured")
    review.record(tmp_path, review.reject(v1, rid, "li", "looked like a duplicate"))
    review.record(tmp_path, review.accept(v1, rid, "amira", "it is not a duplicate"))
    applied, _ = review.apply_decisions(v1, review.load_decisions(tmp_path))
    assert review.reviewed_only(applied).report_id.tolist() == [rid]
    assert len(review.drop_rejected(applied)) == len(v1)


def test_merge_and_split_decisions_apply_after_consolidation_and_survive_re_extraction(tmp_path: Path) -> None:
    v1, _ = consolidate(extraction("v1"), ARTICLES)
    kandahar = v1.loc[v1.article_id == "art-a", "event_id"].iloc[0]
    mosul = v1.loc[v1.article_id == "art-b", "event_id"].iloc[0]
    assert kandahar != mosul
    review.record(tmp_path, review.split_event(v1, [report_id(v1, "killed", "militants")], "li",
                                               "the gunfight an hour later is another incident"))
    review.record(tmp_path, review.merge_events(v1, [kandahar, mosul], "li", "testing a merge"))
    decisions = review.load_decisions(tmp_path)
    v2 = extraction("v2", shift=2)
    reports, events, orphans = review.reviewed_tables(v2, ARTICLES, decisions)
    assert orphans.empty
    split = reports.loc[reports.report_id == report_id(v2, "killed", "militants"), "event_id"].iloc[0]
    others = set(reports.loc[reports.report_id != report_id(v2, "killed", "militants"), "event_id"])
    assert len(others) == 1 and split not in others  # Kandahar and Mosul merged; the gunfight apart
    assert set(events.event_id) == others | {split}


def test_export_and_import_round_trip_is_idempotent(tmp_path: Path) -> None:
    v1 = extraction("v1")
    team_a, team_b = tmp_path / "a", tmp_path / "b"
    review.record(team_a, review.correct(v1, report_id(v1, "killed"), "location", "Kandahar city", "amira"))
    review.record(team_a, review.reject(v1, report_id(v1, "injured"), "amira", "not in this attack"))
    for name in ("log.jsonl", "log.csv"):
        assert review.export_decisions(team_a, tmp_path / name) == 2
        target = tmp_path / f"b-{name}"
        assert review.import_decisions(target, tmp_path / name) == 2
        assert review.import_decisions(target, tmp_path / name) == 0
        pd.testing.assert_frame_equal(review.load_decisions(target), review.load_decisions(team_a))
    assert review.import_decisions(team_b, tmp_path / "log.jsonl") == 2
    applied, _ = review.apply_decisions(v1, review.load_decisions(team_b))
    assert applied.loc[applied.report_id == report_id(v1, "killed"), "location"].iloc[0] == "Kandahar city"


def test_the_log_is_append_only_and_records_who_when_and_why(tmp_path: Path) -> None:
    v1 = extraction("v1")
    first = review.record(tmp_path, review.accept(v1, report_id(v1, "killed"), "amira", "matches the wire"))
    second = review.record(tmp_path, {**review.reject(v1, report_id(v1, "injured"), "li").as_record()})
    lines = (tmp_path / review.DECISIONS_PATH).read_text().splitlines()
    assert [json.loads(line)["decision_id"] for line in lines] == [first.decision_id, second.decision_id]
    log = review.load_decisions(tmp_path)
    columns.validate(log, "decisions")
    assert log[["reviewer", "rationale"]].iloc[0].tolist() == ["amira", "matches the wire"]
    assert str(log["decided_at"].dt.tz) == "UTC"


def test_bad_decisions_are_refused_with_the_reason(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    v1 = extraction("v1")
    rid = report_id(v1, "killed")
    with pytest.raises(ValueError, match="field must be one of"):
        review.record(tmp_path, review.correct(v1, rid, "sentence", "x", "amira"))
    with pytest.raises(ValueError, match="victim_group must be one of"):
        review.record(tmp_path, review.correct(v1, rid, "victim_group", "children", "amira"))
    with pytest.raises(ValueError, match="whole number"):
        review.record(tmp_path, review.correct(v1, rid, "count_best", "about ten", "amira"))
    with pytest.raises(ValueError, match="needs a reviewer"):
        review.record(tmp_path, review.accept(v1, rid, ""))
    with pytest.raises(ValueError, match="no report"):
        review.accept(v1, "no-such-report", "amira")
    review.record(tmp_path, review.accept(v1, rid, "amira"))
    with open(tmp_path / review.DECISIONS_PATH, "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"action": "explode", "reviewer": "x", "match_key": "a|b|c|d|1|2|3"}) + "\n")
    with caplog.at_level(logging.WARNING, logger="etl.review"):
        log = review.load_decisions(tmp_path)
    assert len(log) == 1
    assert "decisions.jsonl:2: not a JSON line" in caplog.text
    assert "decisions.jsonl:3: decision skipped: action must be one of" in caplog.text


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("count_best", "99999999999999999999", "whole number from 0 to 10,000,000"),
        ("count_best", "10000001", "whole number from 0 to 10,000,000"),
        ("count_high", "-3", "whole number"),
        ("count_low", "\u0663", "whole number"),  # an Arabic-Indic digit is a digit to Python, not to a count
        ("country_code", "ZZZ", "existing ISO 3166-1 alpha-3 code"),
        ("country_code", "XKX", "existing ISO 3166-1 alpha-3 code"),
        ("start_date", "1700-01-01", "between 1900-01-01 and"),
        ("start_date", "2200-01-01", "between 1900-01-01 and"),
        ("end_date", "07/03/2016", "ISO date"),
        ("qualifier", "roughly", "qualifier must be one of"),
        ("location", "x" * 501, "at most 500 characters"),
    ],
)
def test_poisoned_corrections_are_refused_at_the_door(tmp_path: Path, field: str, value: str, reason: str) -> None:
    v1 = extraction("v1")
    rid = report_id(v1, "killed")
    with pytest.raises(ValueError, match=reason):
        review.record(tmp_path, review.correct(v1, rid, field, value, "amira", "checked"))
    assert not (tmp_path / review.DECISIONS_PATH).exists()


def test_a_correction_cannot_put_the_start_after_the_end(tmp_path: Path) -> None:
    v1 = extraction("v1")  # every report is 2024-03-11 or 2024-03-12
    rid = report_id(v1, "killed")
    with pytest.raises(ValueError, match="start_date 2024-06-01 would be after end_date 2024-03-12"):
        review.correct(v1, rid, "start_date", "2024-06-01", "amira", "typo")
    review.record(tmp_path, review.correct(v1, rid, "start_date", "2024-03-10", "amira", "began the day before"))


def test_a_poisoned_log_is_skipped_and_reported_never_applied(tmp_path: Path) -> None:
    """Lines written by hand (or by an older release) that no longer validate are skipped, each with its reason;
    a date correction that conflicts with the report is reported as not applied."""
    v1 = extraction("v1")
    rid = report_id(v1, "killed")
    good = review.record(tmp_path, review.correct(v1, rid, "count_best", "17", "amira", "governor"))
    key = good.match_key
    poisoned = [
        {"action": "correct", "reviewer": "x", "match_key": key, "field": "count_best",
         "value": "99999999999999999999"},
        {"action": "correct", "reviewer": "x", "match_key": key, "field": "country_code", "value": "ZZZ"},
        {"action": "correct", "reviewer": "x", "match_key": key, "field": "start_date", "value": "1700-01-01"},
    ]
    conflicting = {"action": "correct", "reviewer": "x", "match_key": key, "field": "start_date", "value": "2025-01-01",
                   "decided_at": "2024-04-01T00:00:00+00:00"}
    with open(tmp_path / review.DECISIONS_PATH, "a", encoding="utf-8") as handle:
        for record in [*poisoned, conflicting]:
            handle.write(json.dumps(record) + "\n")
    problems = review.log_problems(tmp_path)
    assert [p.where.rsplit(":", 1)[1] for p in problems] == ["2", "3", "4"]
    assert "0 to 10,000,000" in problems[0].reason and "ISO 3166-1" in problems[1].reason
    decisions = review.load_decisions(tmp_path)
    assert len(decisions) == 2
    reviewed, orphans = review.apply_decisions(v1, decisions)
    row = reviewed.set_index("report_id").loc[rid]
    assert row["count_best"] == 17 and row["country_code"] == "AFG" and str(row["start_date"].date()) == "2024-03-12"
    reasons = review.orphans_with_reasons(v1, decisions)["orphan_reason"].tolist()
    assert reasons == ["the correction no longer validates: start_date 2025-01-01 puts start_date after end_date"]


# ------------------------------------------------------------------ counts stay in order after a correction


def counts(reports: pd.DataFrame, rid: str) -> tuple:
    row = reports[reports.report_id == rid].iloc[0]
    return tuple(None if pd.isna(row[c]) else int(row[c]) for c in review.COUNTS) + (row["qualifier"],)


def test_a_corrected_best_keeps_low_and_high_around_it(tmp_path: Path) -> None:
    v1 = extraction("v1")  # Kandahar: "at least 15" killed (15 / 15 / -), 40 injured (exact); the Mosul soldiers
    mosul = report_id(v1, "killed", "security_forces", "art-b")
    v1.loc[v1.report_id == mosul, review.COUNTS] = 23  # an exact count of 23, as in the audit
    review.record(tmp_path, review.correct(v1, mosul, "count_best", 25, "amira", "the army's update says 25"))
    review.record(tmp_path, review.correct(v1, report_id(v1, "killed"), "count_best", 12, "li",
                                           "the governor counted 12 bodies"))
    review.record(tmp_path, review.correct(v1, report_id(v1, "injured"), "count_best", 45, "li", "hospital list"))
    review.record(tmp_path, review.correct(v1, report_id(v1, "injured"), "count_low", 38, "li", "hospital list"))
    applied, orphans = review.apply_decisions(v1, review.load_decisions(tmp_path))
    assert orphans.empty
    assert counts(applied, mosul) == (25, 25, 25, "exact")  # an exact count moves whole
    assert counts(applied, report_id(v1, "killed")) == (12, 12, None, "at_least")  # the low bound widens down
    assert counts(applied, report_id(v1, "injured")) == (38, 45, 45, "range")  # the analyst's low is kept
    for row in applied.itertuples():
        assert row.count_low <= row.count_best and (pd.isna(row.count_high) or row.count_best <= row.count_high)
    # the events of the reviewed tables are built from the consistent rows
    _, events, _ = review.reviewed_tables(v1, ARTICLES, review.load_decisions(tmp_path))
    soldiers = events[events.victim_group == "security_forces"].iloc[0]
    assert (soldiers.count_low, soldiers.count_best, soldiers.count_high) == (25, 25, 25)
    # the dashboard applies decisions through the same function, so it shows the same counts
    from dashboard.data import review_overlay

    stored, _ = consolidate(v1, ARTICLES)
    overlay = review_overlay(stored, review.load_decisions(tmp_path))[0].set_index("report_id")
    assert tuple(overlay.loc[mosul, ["count_low", "count_best", "count_high", "qualifier"]]) == (25, 25, 25, "exact")


@pytest.mark.parametrize(
    ("machine", "corrected", "expected"),
    [
        ((10, 10, 15, "range"), {"count_best": 20}, (10, 20, 20, "range")),  # between 10 and 15, now 20
        ((10, 10, 15, "range"), {"count_best": 12}, (10, 12, 15, "range")),  # inside the range: nothing moves
        ((None, 30, 30, "at_most"), {"count_best": 35}, (None, 35, 35, "at_most")),
        ((None, 30, 30, "at_most"), {"count_best": 25}, (None, 25, 25, "at_most")),  # at most 25, not 25-30
        ((16, 16, None, "at_least"), {"count_best": 18}, (18, 18, None, "at_least")),  # at least 18, not 16-...
        ((16, 16, None, "at_least"), {"count_best": 12}, (12, 12, None, "at_least")),
        ((40, 40, 40, "approximately"), {"count_best": 45}, (45, 45, 45, "exact")),
        ((24, 24, None, "vague"), {"count_best": 30}, (24, 30, None, "vague")),
        ((15, 15, None, "at_least"), {"count_high": 15}, (15, 15, 15, "exact")),  # low = best = high
        ((23, 23, 23, "exact"), {"count_low": 20}, (20, 23, 23, "range")),
        ((23, 23, 23, "exact"), {"count_high": 20}, (20, 20, 20, "exact")),
        ((23, 23, 23, "exact"), {"count_best": 25, "count_low": 23}, (23, 25, 25, "range")),  # low as corrected
        ((23, 23, 23, "exact"), {"count_best": 25, "qualifier": "exact"}, (23, 25, 25, "exact")),
    ],
)
def test_consistent_counts(machine: tuple, corrected: dict, expected: tuple) -> None:
    before = dict(zip((*review.COUNTS, "qualifier"), machine, strict=True))
    after = review.consistent_counts(before, {**before, **corrected}, corrected)
    assert tuple(after[c] for c in (*review.COUNTS, "qualifier")) == expected


# ------------------------------------------------------------------ sharing the log


def test_import_reports_bad_lines_with_file_and_line_and_skips_duplicates(tmp_path: Path) -> None:
    v1 = extraction("v1")
    team_a, team_b = tmp_path / "a", tmp_path / "b"
    review.record(team_a, review.correct(v1, report_id(v1, "killed"), "count_best", 17, "amira", "governor: 17"))
    review.record(team_a, review.reject(v1, report_id(v1, "injured"), "amira", "the 40 were evacuated, not hurt"))
    review.record(team_b, review.accept(v1, report_id(v1, "killed", "militants"), "li"))
    shared = tmp_path / "shared.jsonl"
    review.export_decisions(team_a, shared)
    lines = shared.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[1]) | {"field": "count_best", "action": "correct", "value": "a dozen", "decision_id": None}
    shared.write_text("\n".join([lines[0], "{cut off", json.dumps(bad), lines[1], lines[0]]) + "\n", encoding="utf-8")
    result = review.import_log(team_b, shared)
    assert (result.added, result.duplicates) == (2, 0)  # the repeated line is one decision
    assert [str(p) for p in result.problems] == [
        f"{shared}:2: not a JSON line (Expecting property name enclosed in double quotes); skipped",
        f"{shared}:3: decision skipped: count_best must be a whole number from 0 to 10,000,000, not 'a dozen'",
    ]
    assert review.import_log(team_b, shared).added == 0
    assert len(review.load_decisions(team_b)) == 3

    csv_log = tmp_path / "shared.csv"
    review.export_decisions(team_a, csv_log)
    rows = csv_log.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    broken = ",".join("explode" if name == "action" else "" for name in header)
    csv_log.write_text("\n".join([rows[0], rows[1], broken, rows[2]]) + "\n", encoding="utf-8")
    result = review.import_log(tmp_path / "c", csv_log)
    assert result.added == 2
    assert [p.where for p in result.problems] == [f"{csv_log}:3"]
    assert "action must be one of" in result.problems[0].reason

    not_a_log = tmp_path / "reports.csv"
    v1.to_csv(not_a_log, index=False)
    result = review.import_log(tmp_path / "c", not_a_log)
    assert result.added == 0 and "not a decision log: no action, reviewer, match_key column" in str(result.problems[0])
    with pytest.raises(FileNotFoundError, match="no such decisions file"):
        review.import_log(tmp_path / "c", tmp_path / "missing.jsonl")


def test_the_log_exports_as_parquet_and_comes_back_the_same(tmp_path: Path) -> None:
    v1 = extraction("v1")
    review.record(tmp_path / "a", review.correct(v1, report_id(v1, "killed"), "start_date", "2024-03-11", "amira",
                                                 "the blast was on Monday night"))
    grouped, _ = consolidate(v1, ARTICLES)
    review.record(tmp_path / "a", review.merge_events(grouped, grouped.event_id.unique()[:2], "li", "one operation"))
    assert review.export_decisions(tmp_path / "a", tmp_path / "log.parquet") == 2
    frame = pd.read_parquet(tmp_path / "log.parquet")
    assert list(frame.columns) == list(columns.TABLES["decisions"])
    assert review.import_decisions(tmp_path / "b", tmp_path / "log.parquet") == 2
    pd.testing.assert_frame_equal(review.load_decisions(tmp_path / "b"), review.load_decisions(tmp_path / "a"))


def test_orphans_say_why_they_no_longer_apply(tmp_path: Path) -> None:
    v1, _ = consolidate(extraction("v1"), ARTICLES)
    review.record(tmp_path, review.accept(v1, report_id(v1, "killed", "security_forces", "art-b"), "li", "army"))
    review.record(tmp_path, review.reject(v1, report_id(v1, "injured"), "li", "evacuated, not wounded"))
    review.record(tmp_path, review.correct(v1, report_id(v1, "killed", "militants"), "count_best", 3, "li"))
    events = [v1.loc[v1.article_id == article, "event_id"].iloc[0] for article in ("art-a", "art-b")]
    review.record(tmp_path, review.merge_events(v1, events, "li", "one offensive"))
    v2 = extraction("v2")
    v2 = v2[(v2.article_id != "art-b") & (v2.outcome != "injured")]  # Mosul gone, no injured figure read now
    v2.loc[v2.victim_group == "militants", ["span_start", "span_end", "sentence"]] = [0, 5, "Another sentence."]
    orphans = review.orphans_with_reasons(v2, review.load_decisions(tmp_path), stored_articles={"art-a"})
    columns.validate(orphans, "decisions", extra=("orphan_reason",))
    reasons = dict(zip(orphans.action, orphans.orphan_reason, strict=True))
    assert reasons == {
        "accept": "article art-b is no longer in the store",
        "reject": "the engine finds no injured figure in article art-a now",
        "correct": f"no killed figure of article art-a at characters {_span(TEXT_A, 'two men')[0]}-"
                   f"{_span(TEXT_A, 'two men')[1]} or in the same sentence",
        "merge_events": "only 1 of the 2 merged events still has reports (article art-b is no longer in the store)",
    }
    assert review.named_articles(review.load_decisions(tmp_path)) == ["art-a", "art-b"]
