"""Re-extraction: a new engine release over the stored articles, swapped in whole, decisions kept and accounted for."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from etl import review
from etl.cli import main
from etl.pipeline import ingest_paths, reextract
from etl.store import INGESTED, STAMPS, Store

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
ARTICLES = [
    {"id": "mogadishu-1", "published": "2024-02-20", "source": "Horn Wire", "title": "Car bomb kills 9 in Mogadishu",
     "text": "A car bomb exploded near a busy checkpoint in Mogadishu on Monday, killing 9 people and wounding 20, "
             "police said. Al-Shabaab claimed responsibility for the blast."},
    {"id": "mogadishu-2", "published": "2024-02-21", "source": "Coast Times", "title": "Mogadishu blast toll climbs",
     "text": "The number of people killed in Monday's car bombing at a checkpoint in Mogadishu rose to 11, "
             "a hospital director said on Tuesday."},
    {"id": "hodeidah-1", "published": "2024-02-19", "source": "Gulf Desk", "title": "Shelling hits Hodeidah market",
     "text": "Shelling struck a crowded market in Hodeidah on Sunday, killing at least 5 civilians, "
             "local health officials said."},
    {"id": "mopti-1", "published": "2024-02-22", "source": "Sahel Report", "title": "Soldiers killed in Mopti ambush",
     "text": "Seven Malian soldiers were killed in an ambush near Mopti on Wednesday, the army said in a statement."},
]
# A "new engine release" for the subprocesses below: every count one higher, and optionally slow
NEW_RELEASE = """
import time
import etl.pipeline
original, delay = etl.pipeline.extract_article, float(sys.argv[2])

def extract_article(*args, **kwargs):
    time.sleep(delay)
    result = original(*args, **kwargs)
    for row in result.figures + result.reports:
        row["count_best"] = None if row["count_best"] is None else row["count_best"] + 1
    return result

etl.pipeline.extract_article = extract_article
from etl.pipeline import reextract
from etl.store import Store
reextract(Store(sys.argv[1]), progress=False, chunk_size=10)
"""
READER = """
import time
from pathlib import Path
from etl.store import Store
store, stop = Store(sys.argv[1]), Path(sys.argv[2])
while True:
    done = stop.exists()  # then this last query runs after the writers are done
    row = store.query(
        "SELECT (SELECT count(*) FROM reports) AS n, (SELECT sum(count_best) FROM reports) AS best, "
        "(SELECT count(*) FROM reports r ANTI JOIN report_events e USING (report_id)) AS unlinked, "
        "(SELECT sum(count_best) FROM events) AS events, (SELECT count(*) FROM articles) AS articles"
    ).iloc[0]
    print(*(int(v) for v in row), flush=True)
    if done:
        break
    time.sleep(0.05)  # leave the writer some CPU
"""


def new_release(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine as its next release reads: new report and figure ids, and nothing in the Mopti story."""
    import etl.pipeline

    original = etl.pipeline.extract_article

    def extract_article(text: str, article_id: str, *args, **kwargs):
        result = original(text, article_id, *args, **kwargs)
        if "Mopti" in text:
            return type(result)([], [], [])
        figures = [{**f, "figure_id": f"{f['figure_id']}-v2"} for f in result.figures]
        reports = [{**r, "report_id": f"{r['report_id']}-v2",
                    "figure_ids": ";".join(f"{f}-v2" for f in r["figure_ids"].split(";") if f)} for r in result.reports]
        return type(result)(figures, reports, result.notes)

    monkeypatch.setattr(etl.pipeline, "extract_article", extract_article)


def stored(root: Path) -> dict[str, pd.DataFrame]:
    """Every table of a store, sorted, for comparing two states of it."""
    store = Store(root)
    keys = {"articles": "article_id", "figures": "figure_id", "reports": "report_id", "notes": "note_id",
            "errors": "error_id", "events": "event_key", "report_events": "report_id"}
    return {t: store.read(t).sort_values(k).reset_index(drop=True) for t, k in keys.items()}


@pytest.fixture(scope="module")
def news_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reextract")
    corpus = folder / "wires.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    ingest_paths([str(corpus)], Store(folder / "store"), progress=False)
    return folder / "store"


def test_a_new_engine_release_keeps_the_decisions_that_still_apply(news_store, tmp_path, monkeypatch, capsys):
    root = tmp_path / "store"
    shutil.copytree(news_store, root)
    store = Store(root)
    ids = store.read("articles", columns=["article_id", "source_id"])
    machine = review.store_reports(store).merge(ids, on="article_id", validate="many_to_one")

    def rid(source_id: str, outcome: str = "killed") -> str:
        return machine.loc[(machine.source_id == source_id) & (machine.outcome == outcome), "report_id"].iloc[0]

    mopti_article = ids.loc[ids.source_id == "mopti-1", "article_id"].iloc[0]
    events_before = dict(zip(machine.source_id + ":" + machine.outcome, machine.event_id, strict=True))
    decided = [
        review.record(root, review.correct(machine, rid("hodeidah-1"), "count_best", 6, "amira",
                                           "the health office's list names six")),
        review.record(root, review.reject(machine, rid("mogadishu-1", "injured"), "amira",
                                          "the 20 were treated for shock, not wounded")),
        review.record(root, review.accept(machine, rid("mogadishu-2"), "li", "hospital figure, checked")),
        review.record(root, review.accept(machine, rid("mopti-1"), "li", "the army's statement")),
    ]
    log = (root / review.DECISIONS_PATH).read_bytes()

    new_release(monkeypatch)
    assert main(["--store", str(root), "reextract", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "4 articles re-extracted: 4 reports (were 5)" in err
    assert "4 review decisions: 3 still apply, 1 no longer find their report (1 since this re-extraction)" in out
    orphan = decided[3]
    assert (f"{orphan.decision_id} accept {rid('mopti-1')}: the engine finds no casualty figure in article "
            f"{mopti_article} now (decided by li: \"the army's statement\")") in out
    assert (root / review.DECISIONS_PATH).read_bytes() == log, "the decision log is not touched"

    store = Store(root)
    reports = review.store_reports(store).merge(ids, on="article_id", validate="many_to_one")
    assert reports.report_id.str.endswith("-v2").all() and mopti_article not in set(reports.article_id)
    assert store.tables()["articles"] == 4, "articles are kept, even the one with no figure now"
    for row in reports.itertuples():  # event ids follow the reports found again, though their ids changed
        assert row.event_id == events_before[f"{row.source_id}:{row.outcome}"]

    reviewed, events, orphans = review.store_tables(store)
    assert orphans.decision_id.tolist() == [orphan.decision_id]
    hodeidah = reviewed[reviewed.report_id == rid("hodeidah-1") + "-v2"].iloc[0]
    assert (hodeidah.count_low, hodeidah.count_best, hodeidah.review_status) == (6, 6, "corrected")  # at least 6 now
    assert reviewed.loc[reviewed.report_id == rid("mogadishu-1", "injured") + "-v2", "review_status"].tolist() == [
        "rejected"]

    assert main(["--store", str(root), "status"]) == 0
    status = capsys.readouterr().out
    assert "decisions               4 rows (1 orphaned" in status
    assert main(["--store", str(root), "orphans"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith(orphan.decision_id) and listed.count("\n") == 1


def test_reextract_with_the_same_engine_changes_nothing_and_ingest_goes_on(news_store, tmp_path):
    root = tmp_path / "store"
    shutil.copytree(news_store, root)
    before = stored(root)
    summary = reextract(Store(root), progress=False, chunk_size=3)
    assert (summary.articles, summary.reports, summary.errors, summary.decisions) == (4, 5, 0, 0)
    after = stored(root)
    for table, frame in before.items():
        keep = [c for c in frame.columns if c != "batch_id" and not (table in ("figures", "reports", "notes")
                                                                     and c in STAMPS)]
        pd.testing.assert_frame_equal(after[table][keep], frame[keep], obj=table)

    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({
        "id": "mogadishu-3", "published": "2024-02-22", "source": "Horn Wire", "title": "Mogadishu toll",
        "text": "Officials said on Wednesday that 12 people died in Monday's car bomb attack at a checkpoint in "
                "Mogadishu, after another victim died in hospital."}) + "\n", encoding="utf-8")
    ingest_paths([str(more)], Store(root), progress=False)
    store = Store(root)
    assert store.tables()["articles"] == 5
    events = store.read("report_events").merge(store.read("reports")[["report_id", "article_id"]], on="report_id")
    mogadishu = before["report_events"].event_id.value_counts().index[0]
    assert events.event_id.value_counts().index[0] == mogadishu, "the new article joins the re-extracted event"


def test_the_dashboard_reads_a_re_extracted_store(tmp_path):
    from dashboard.data import load_snapshot

    store = Store(tmp_path / "store")
    ingest_paths([str(SAMPLE)], store, progress=False, batch_size=30)
    reextract(store, progress=False)
    snapshot = load_snapshot(store, store.version())
    rows, titled, dated = snapshot.fetchall("SELECT count(*), count(title), count(published) FROM rel")[0]
    assert rows == store.tables()["reports"] and titled == rows and dated >= rows - 5


def test_sigkill_midway_leaves_the_old_output_and_readers_never_see_a_mix(tmp_path):
    root, stop = tmp_path / "store", tmp_path / "stop"
    store = Store(root)
    ingest_paths([str(SAMPLE)], store, progress=False, batch_size=20)
    machine = review.store_reports(store)
    review.record(root, review.correct(machine, machine.report_id.iloc[0], "count_best", 3, "amira", "checked"))
    log = (root / review.DECISIONS_PATH).read_bytes()
    before = stored(root)
    prelude = f"import sys; sys.path[:0] = [{str(REPO)!r}]\n"
    reader = subprocess.Popen([sys.executable, "-c", prelude + READER, str(root), str(stop)], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = reader.stdout.readline()  # the reader has seen the store before any re-extraction

    slow = subprocess.Popen([sys.executable, "-c", prelude + NEW_RELEASE, str(root), "0.1"], text=True)
    staged = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and slow.poll() is None and staged is None:
        staged = next((p for p in (root / ".staging").glob("*.locked") if (p / "reports.parquet").exists()), None)
        time.sleep(0.01)
    assert staged is not None and slow.poll() is None, "the re-extraction finished before it could be killed"
    time.sleep(0.3)
    slow.send_signal(signal.SIGKILL)
    slow.wait()

    assert staged.exists(), "the killed run left its staging directory"
    for table, frame in stored(root).items():  # the old output, whole: nothing lost, nothing new
        pd.testing.assert_frame_equal(frame, before[table], obj=table)

    rerun = subprocess.run([sys.executable, "-c", prelude + NEW_RELEASE, str(root), "0"], timeout=120)
    assert rerun.returncode == 0
    stop.touch()
    out, err = reader.communicate(timeout=30)
    assert reader.returncode == 0, err

    assert not staged.exists(), "the next writer removed what the killed one had staged"
    after = stored(root)
    assert len(after["articles"]) == len(before["articles"])
    assert after["reports"].count_best.sum() == before["reports"].count_best.sum() + len(before["reports"])
    assert (root / review.DECISIONS_PATH).read_bytes() == log
    old = (len(before["reports"]), int(before["reports"].count_best.sum()), 0,
           int(before["events"].count_best.sum()), len(before["articles"]))
    new = (len(after["reports"]), int(after["reports"].count_best.sum()), 0,
           int(after["events"].count_best.sum()), len(after["articles"]))
    seen = [tuple(int(x) for x in line.split()) for line in [first, *out.splitlines()]]
    assert set(seen) == {old, new}, "readers see the old output or the new one, never a mix"
    assert seen[0] == old and seen[-1] == new
    for table in INGESTED:
        assert not after[table].empty or before[table].empty, table
    assert os.listdir(root / ".staging") == []
