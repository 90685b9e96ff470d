"""DataSource over a small real store: aggregation, rows with highlights, drill-downs, reload on new data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.data import EXPORT_COLUMNS, GRID_COLUMNS, DataSource
from dashboard.filters import Filters, Selection
from etl import columns, review
from etl.store import Store

ARTICLES = {
    "a1": ("Gunmen kill 12 in Mosul", "https://news.example.org/mosul", "Example Wire", "2024-03-05",
           "Gunmen killed at least 12 civilians in Mosul on Monday, police said. "
           "The UN said 1,200 civilians had been killed in Iraq since January. "
           "Police blamed Islamic State for the attack."),
    "a2": ("Clashes near Aleppo", "javascript:alert(1)", "Levant Daily", "2024-05-03",
           "Dozens of soldiers were wounded in Aleppo, the ministry said. "
           "Three civilians were killed in Idlib <script>alert(1)</script> on Thursday."),
    "a3": ("Strike in Taiz", None, "Gulf Post", "2024-06-01",
           "About 40 people were killed or wounded in Taiz, hospital officials said. "
           "Five to nine militants died near the border."),
}


def _span(text: str, sentence: str, phrase: str) -> tuple[int, int, int]:
    start = text.index(sentence)
    span = start + sentence.index(phrase)
    return start, span, span + len(phrase)


# report_id, article_id, kind, outcome, group, low, best, high, qualifier, start, end, country, location,
# perpetrator, source, sentence, phrase
REPORTS = [
    ("r1", "a1", "incident", "killed", "civilians", 12, 12, None, "at_least", "2024-03-04", "2024-03-04", "IRQ",
     "Mosul", "Islamic State", "police",
     "Gunmen killed at least 12 civilians in Mosul on Monday, police said.", "at least 12"),
    ("r2", "a1", "period_total", "killed", "civilians", 1200, 1200, 1200, "exact", "2024-01-01", "2024-03-05", "IRQ",
     None, None, "UN", "The UN said 1,200 civilians had been killed in Iraq since January.", "1,200"),
    ("r3", "a2", "incident", "injured", "security_forces", 24, 36, 99, "vague", "2024-04-10", "2024-04-10", "SYR",
     "Aleppo", None, "Ministry of Defence", "Dozens of soldiers were wounded in Aleppo, the ministry said.",
     "Dozens"),
    ("r4", "a2", "incident", "killed", "civilians", 3, 3, 3, "exact", "2024-05-02", "2024-05-02", "SYR", "Idlib",
     "government forces", None,
     "Three civilians were killed in Idlib <script>alert(1)</script> on Thursday.", "Three"),
    ("r5", "a3", "incident", "casualties", "unknown", 40, 40, 40, "approximately", None, None, "YEM", "Taiz", None,
     "hospital officials",
     "About 40 people were killed or wounded in Taiz, hospital officials said.", "About 40"),
    ("r6", "a3", "incident", "killed", "militants", 5, 7, 9, "range", "2024-05-30", "2024-05-30", "YEM", None, None,
     None, "Five to nine militants died near the border.", "Five to nine"),
]


def sample_frames() -> dict[str, pd.DataFrame]:
    """Articles, figures, reports and notes of three short articles, validated by the registry."""
    articles = pd.DataFrame(
        [(aid, aid, title, url, source, "test", published, False, len(text), text)
         for aid, (title, url, source, published, text) in ARTICLES.items()],
        columns=list(columns.TABLES["articles"]),
    ).assign(published=lambda f: pd.to_datetime(f["published"]))
    figures, reports = [], []
    for rid, aid, kind, outcome, group, low, best, high, qual, start, end, country, loc, perp, src, sent, phrase \
            in REPORTS:
        s_start, span_start, span_end = _span(ARTICLES[aid][4], sent, phrase)
        fid = f"{aid}:{span_start}-{span_end}"
        figures.append((fid, aid, sent, s_start, span_start, span_end, phrase, outcome, group, low, best, high, qual,
                        "count.number_phrase"))
        reports.append((rid, aid, kind, outcome, group, low, best, high, qual, start, end, country, loc, perp, src,
                        fid, sent, span_start, span_end, "count.number_phrase"))
    reports_frame = pd.DataFrame(reports, columns=list(columns.TABLES["reports"][:20])).assign(
        start_date=lambda f: pd.to_datetime(f["start_date"]), end_date=lambda f: pd.to_datetime(f["end_date"]))
    note_text = ARTICLES["a1"][4]
    note = "Police blamed Islamic State for the attack."
    notes = pd.DataFrame([("n1", "a1", "police", "Islamic State", note, note_text.index(note),
                           note_text.index(note) + len(note), "note.blame")],
                         columns=[*columns.TABLES["notes"][:7], "rules"])
    return {
        "articles": columns.validate(articles, "articles"),
        "figures": columns.validate(pd.DataFrame(figures, columns=list(columns.TABLES["figures"])), "figures"),
        "reports": columns.validate(reports_frame, "reports"),
        "notes": columns.validate(notes, "notes"),
    }


@pytest.fixture
def source(tmp_path) -> DataSource:
    store = Store(tmp_path / "store")
    store.write_batch(sample_frames())
    return DataSource(store, check_every=0)


def test_totals_sum_incidents_only(source: DataSource) -> None:
    totals = source.totals(Filters())
    # the UN's 1,200 "since January" is a period total: it is never added to the incident sums
    assert totals["outcomes"]["killed"] == {"best": 12 + 3 + 7, "low": 12 + 3 + 5, "high": 12 + 3 + 9, "reports": 3}
    assert totals["outcomes"]["injured"]["best"] == 36
    assert (totals["reports"], totals["articles"], totals["period_totals"]) == (6, 3, 1)
    assert totals["countries"] == 3


def test_vague_switch_and_filters(source: DataSource) -> None:
    assert "injured" not in source.totals(Filters(include_vague=False))["outcomes"]
    assert source.count_rows(Filters(countries=("IRQ",))) == 2
    assert source.count_rows(Filters(kinds=("period_total",))) == 1
    assert source.count_rows(Filters(start=dt.date(2024, 6, 1))) == 1  # r5 dated by its article


def test_timeline_and_period_totals(source: DataSource) -> None:
    frame = source.timeline(Filters(), "month", "outcome")
    killed = frame[frame["key"] == "killed"].set_index("period")["best"]
    assert killed.to_dict() == {pd.Timestamp("2024-03-01"): 12, pd.Timestamp("2024-05-01"): 10}
    assert frame["reports"].sum() == 5  # the five incidents
    totals, count = source.period_totals(Filters())
    assert count == 1
    row = totals.iloc[0]
    assert (row["key"], row["best"], row["start"], row["end"]) == (
        "UN", 1200, pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-05"))
    yearly = source.timeline(Filters(), "year", "victim_group")
    assert set(yearly["key"]) == {"civilians", "security_forces", "unknown", "militants"}


def test_by_country_and_compare(source: DataSource) -> None:
    by_country = source.by_country(Filters()).set_index("country_code")
    assert by_country.loc["SYR", "best"] == 39 and by_country.loc["IRQ", "best"] == 12
    # two reports each: the most people in incidents first (the period total does not count)
    assert source.top_keys(Filters(), "country_code", 3) == ["YEM", "SYR", "IRQ"]
    table = source.compare_table(Filters(), "country_code", ("IRQ", "SYR")).set_index("key")
    assert table.loc["IRQ", "killed"] == 12 and table.loc["IRQ", "latest_total"] == 1200
    assert table.loc["SYR", "injured"] == 36 and table.loc["SYR", "articles"] == 1


def test_rows_carry_the_highlight_split(source: DataSource) -> None:
    rows = source.report_rows(Filters(), sort=[{"colId": "count_best", "sort": "desc"}], start=0, end=10)
    assert list(rows.columns) == [*GRID_COLUMNS, "pre", "mark", "post"]
    assert rows["report_id"].tolist()[0] == "r2"
    by_id = rows.set_index("report_id")
    for rid, *_, sentence, phrase in REPORTS:
        row = by_id.loc[rid]
        assert row["mark"] == phrase
        assert row["pre"] + row["mark"] + row["post"] == sentence
    assert "<script>" in by_id.loc["r4", "post"]  # kept as text; the page renders it as text
    page2 = source.report_rows(Filters(), start=4, end=10)
    assert len(page2) == 2


def test_rows_tied_on_the_sort_key_come_in_report_id_order(source: DataSource, tmp_path) -> None:
    """A page is the same whatever order the store holds its rows in (ties broken by report id, not by row number)."""
    frames = sample_frames()
    reversed_store = Store(tmp_path / "reversed")
    reversed_store.write_batch({**frames, "reports": frames["reports"].iloc[::-1].reset_index(drop=True)})
    other = DataSource(reversed_store, check_every=0)
    for sort in (None, [{"colId": "country_code", "sort": "asc"}], [{"colId": "outcome", "sort": "desc"}]):
        for start, end in ((0, 3), (2, 5), (0, 10)):
            ids = source.report_rows(Filters(), sort=sort, start=start, end=end)["report_id"].tolist()
            assert ids == other.report_rows(Filters(), sort=sort, start=start, end=end)["report_id"].tolist()


def test_drill_down_and_notes(source: DataSource) -> None:
    march = Selection(interval="month", period=dt.date(2024, 3, 1), column="outcome", value="killed")
    assert source.count_rows(Filters(), march) == 1
    notes = source.notes(Filters(countries=("IRQ",)))
    assert notes["blamed"].tolist() == ["Islamic State"]
    assert source.notes(Filters(countries=("SYR",))).empty


def test_export_rows(source: DataSource) -> None:
    frame = source.export_frame(Filters(countries=("SYR",)))
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    assert frame["report_id"].tolist() == ["r3", "r4"]
    assert str(frame["count_best"].dtype) == "Int64"
    assert frame["count_high"].isna().sum() == 0
    chunks = list(source.iter_export(Filters(), chunk_rows=2))
    assert sum(len(c) for c in chunks) == 6


def test_article_lookup(source: DataSource) -> None:
    article = source.article("a2")
    assert article is not None and article["title"] == "Clashes near Aleppo"
    assert source.article("missing") is None
    assert source.article_reports("a1")["report_id"].tolist() == ["r1", "r2"]
    assert source.article_notes("a1")["blamed"].tolist() == ["Islamic State"]


def test_new_batch_is_seen_after_the_version_changes(source: DataSource) -> None:
    assert source.snapshot().rows == 6
    extra = sample_frames()
    text = "Two civilians were killed in Kirkuk, police said."
    extra["articles"] = columns.validate(pd.DataFrame([{
        "article_id": "a4", "title": "Kirkuk", "published": pd.Timestamp("2024-07-01"), "text": text,
        "text_length": len(text)}]), "articles")
    extra["reports"] = columns.validate(pd.DataFrame([{
        "report_id": "r7", "article_id": "a4", "kind": "incident", "outcome": "killed", "victim_group": "civilians",
        "count_low": 2, "count_best": 2, "count_high": 2, "qualifier": "exact", "country_code": "IRQ",
        "start_date": pd.Timestamp("2024-06-30"), "sentence": text, "span_start": 0, "span_end": 3}]), "reports")
    extra["figures"] = columns.empty_frame("figures")
    extra["notes"] = columns.empty_frame("notes")
    source.store.write_batch(extra)
    source.invalidate()
    assert source.snapshot().rows == 7
    assert source.totals(Filters(countries=("IRQ",)))["outcomes"]["killed"]["best"] == 14
    row = source.report_rows(Filters(countries=("IRQ",)), start=0, end=1).iloc[0]
    assert row["report_id"] == "r7" and pd.isna(row["mark"]) and row["pre"] == text  # no figure: no highlight


def _threads(source: DataSource) -> int:
    return int(source.snapshot().fetchall("SELECT current_setting('threads')")[0][0])


def test_queries_run_on_one_thread_unless_asked(source: DataSource, tmp_path) -> None:
    """Loading uses every core; the requests' queries (several at once per filter change) one thread each."""
    assert _threads(source) == 1
    decisions = source.root / review.DECISIONS_PATH
    decisions.parent.mkdir(parents=True, exist_ok=True)
    decisions.write_text("")  # a new version of the decisions: reconciled again, on every core
    source.invalidate()
    assert _threads(source) == 1
    store = Store(tmp_path / "asked")
    store.write_batch(sample_frames())
    assert _threads(DataSource(store, check_every=0, threads=2)) == 2


def test_empty_store(tmp_path) -> None:
    source = DataSource(Store(tmp_path / "empty"), check_every=0)
    assert source.totals(Filters())["reports"] == 0
    assert source.timeline(Filters(), "month", "outcome").empty
    assert source.options()["countries"] == []
