"""A hand-written decision log that names reports by report_id only: importing it derives each match_key."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from etl import review
from etl.pipeline import ingest_paths
from etl.store import Store


def test_a_hand_written_log_without_match_keys_is_imported_by_report_id(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "hw-1",
                "published": "2024-05-07",
                "source": "Example Wire",
                "title": "Bomb kills 9 in Kunduz",
                "text": "A bomb killed 9 civilians in Kunduz on Monday, police said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "store")
    ingest_paths([str(source)], store, progress=False)
    report_id = str(store.read("reports")["report_id"].iloc[0])
    for name, body in (
        (
            "log.jsonl",
            json.dumps({"action": "reject", "reviewer": "li", "report_id": report_id, "rationale": "written by hand"})
            + "\n",
        ),
        ("log.csv", f"action,reviewer,report_id,rationale\naccept,ana,{report_id},by hand in a spreadsheet\n"),
        ("bad.csv", "action,reviewer,report_id\naccept,ana,no-such-report\n"),
    ):
        (tmp_path / name).write_text(body, encoding="utf-8")
    result = review.import_log(store.root, tmp_path / "log.jsonl")
    assert result.added == 1 and not result.problems
    assert review.import_log(store.root, tmp_path / "log.csv").added == 1
    bad = review.import_log(store.root, tmp_path / "bad.csv")
    assert bad.added == 0 and "report_id of a report the store holds" in bad.problems[0].reason
    decisions = review.load_decisions(store.root)
    assert decisions["match_key"].notna().all()
    reviewed, orphans = review.apply_decisions(store.read("reports"), decisions)
    assert orphans.empty
    assert reviewed["review_status"].tolist() == ["accepted"]  # the later decision wins
    assert isinstance(decisions, pd.DataFrame)
