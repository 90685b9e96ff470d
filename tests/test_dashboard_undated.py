"""Undated reports: the overview says how many the timeline leaves out, and lists them on request."""

from __future__ import annotations

from dashboard.data import DataSource
from dashboard.filters import Filters
from etl.store import Store
from tests.test_dashboard_data import sample_frames


def test_undated_reports_are_counted_and_listed(tmp_path) -> None:
    frames = sample_frames()
    frames["articles"].loc[frames["articles"].article_id == "a3", "published"] = None  # r5, r6: no date at all
    store = Store(tmp_path / "store")
    store.write_batch(frames)
    source = DataSource(store, check_every=0)
    count, ids = source.undated(Filters())
    undated = frames["reports"].loc[frames["reports"].article_id == "a3"]
    expected = sorted(undated.loc[undated.start_date.isna(), "report_id"])
    assert (count, ids) == (len(expected), expected) and count >= 1
    assert source.undated(Filters(countries=("IRQ",))) == (0, [])
    # a date filter drops them from everything; the line still counts them, and says why they are out
    import datetime as dt

    assert source.undated(Filters(start=dt.date(2024, 1, 1)))[0] == count


def test_undated_line_in_words() -> None:
    from dashboard.components import undated_text

    assert undated_text(0, False) == ""
    assert undated_text(1, False).startswith("1 report has no date") and "left out of the timeline" in undated_text(
        1, False
    )
    assert "the date filter leaves them out" in undated_text(3, True)
