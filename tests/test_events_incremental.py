"""Events stay whole through a kill, a rerun repairs them, and new reports join incrementally as a rebuild would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl.events import consolidate
from etl.events_incremental import sync_events
from etl.pipeline import ingest_paths
from etl.store import Store

ROOT = Path(__file__).resolve().parents[1]

STORIES = [
    {
        "id": "kdh-1",
        "published": "2024-03-12",
        "source": "Kabul Daily",
        "title": "Bomb blast hits Kandahar market",
        "text": "A bomb hidden in a fruit cart exploded in a crowded market in Kandahar on Tuesday, killing at least "
        "10 people and wounding 25 others, police said.",
    },
    {
        "id": "kdh-2",
        "published": "2024-03-13",
        "source": "Afghan Wire",
        "title": "Toll in Kandahar bombing climbs",
        "text": "Doctors at the main hospital in Kandahar said 12 people were killed in Tuesday's market explosion. "
        "At least 30 people were wounded.",
    },
    {
        "id": "mog-1",
        "published": "2024-05-02",
        "source": "Horn Post",
        "title": "Hotel siege in Mogadishu",
        "text": "Al-Shabaab fighters stormed a hotel in Mogadishu on Wednesday, killing 9 people, a police officer "
        "said.",
    },
    {
        "id": "mog-2",
        "published": "2024-05-03",
        "source": "Coast Radio",
        "title": "Mogadishu hotel attack",
        "text": "The death toll from Wednesday's attack on a hotel in Mogadishu rose to 11, officials said on "
        "Thursday.",
    },
    {
        "id": "kdh-3",
        "published": "2024-03-14",
        "source": "Regional Times",
        "title": "14 dead in Kandahar attack",
        "text": "The interior ministry said on Thursday that 14 people were killed in Tuesday's bombing of a market "
        "in Kandahar.",
    },
    {
        "id": "sdn-1",
        "published": "2024-06-01",
        "source": "Nile Desk",
        "title": "Sudan toll",
        "text": "More than 1,200 civilians have been killed in the fighting in Sudan so far this year, the United "
        "Nations said.",
    },
    {
        "id": "mli-1",
        "published": "2024-07-20",
        "source": "Sahel Notes",
        "title": "Ambush in Mali",
        "text": "Gunmen ambushed an army convoy near Gao on Saturday, killing 6 soldiers, the army said.",
    },
    {
        "id": "kdh-4",
        "published": "2024-03-20",
        "source": "Kabul Daily",
        "title": "Another blast in Kandahar",
        "text": "A roadside bomb killed 3 policemen on the outskirts of Kandahar on Monday, officials said.",
    },
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def partition(reports: pd.DataFrame) -> set[frozenset[str]]:
    """The events as sets of report ids (event ids aside)."""
    return {frozenset(g["report_id"]) for _, g in reports.groupby("event_id")}


def full_rebuild(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    reports = store.read("reports")
    return consolidate(reports, store.read("articles", columns=["article_id", "title", "url", "source", "published"]))


def test_incremental_join_equals_a_full_rebuild(tmp_path):
    store = Store(tmp_path / "store")
    for i, story in enumerate(STORIES):  # one ingest per article: each joins the events incrementally
        ingest_paths([str(write_jsonl(tmp_path / f"in{i}.jsonl", [story]))], store, progress=False)
        assert not store.events_coverage().is_stale
    links = store.read("report_events")
    reports = store.read("reports")
    assert set(links["report_id"]) == set(reports["report_id"])
    full_reports, full_events = full_rebuild(store)
    incremental = reports.merge(links[["report_id", "event_id"]], on="report_id", validate="1:1")
    assert partition(incremental) == partition(full_reports)
    events = store.read("events")
    assert len(events) == len(full_events)
    shape = ["outcome", "victim_group", "count_low", "count_best", "count_high", "n_reports", "report_ids"]
    assert (
        events[shape]
        .sort_values(shape[-1])
        .reset_index(drop=True)
        .equals(full_events[shape].sort_values(shape[-1]).reset_index(drop=True))
    )
    # the Kandahar market bombing, told by three outlets, is one event
    kandahar = incremental[
        incremental["article_id"].isin(
            store.read("articles").query("source_id in ['kdh-1', 'kdh-2', 'kdh-3']")["article_id"]
        )
    ]
    assert kandahar[kandahar["outcome"] == "killed"]["event_id"].nunique() == 1


def test_incremental_join_touches_only_candidate_events(tmp_path):
    store = Store(tmp_path / "store")
    ingest_paths([str(write_jsonl(tmp_path / "a.jsonl", STORIES[:-1]))], store, progress=False)
    before = store.read("report_events")
    ingest_paths([str(write_jsonl(tmp_path / "b.jsonl", STORIES[-1:]))], store, progress=False)
    # the new Kandahar article is three days from the market bombing: only Afghan events are candidates
    ingest_paths(
        [
            str(
                write_jsonl(
                    tmp_path / "c.jsonl",
                    [{**STORIES[2], "id": "mog-9", "text": STORIES[2]["text"] + " Residents fled."}],
                )
            )
        ],
        store,
        progress=False,
    )
    after = store.read("report_events")
    kept = before.merge(after, on="report_id", suffixes=("", "_after"))
    assert (kept["event_id"] == kept["event_id_after"]).all()  # stored ids do not churn


def test_sync_result_reports_candidates(tmp_path):
    store = Store(tmp_path / "store")
    ingest_paths([str(write_jsonl(tmp_path / "a.jsonl", STORIES[:4]))], store, progress=False)
    assert sync_events(store).mode == "none"
    ingest_paths([str(write_jsonl(tmp_path / "b.jsonl", STORIES[4:5]))], store, progress=False, sync=False)
    assert store.events_coverage().is_stale
    result = sync_events(store)
    assert result.mode == "incremental" and result.new_reports >= 1
    assert 1 <= result.candidate_events < len(store.read("events"))


KILL_DURING_EVENTS = """
import os, signal, sys
sys.path.insert(0, {root!r})
import etl.store as store_module
real = store_module._write_parquet
def killing(table, path):
    real(table, path)
    if "set-" in str(path):  # halfway through staging the events' set
        os.kill(os.getpid(), signal.SIGKILL)
store_module._write_parquet = killing
from etl.pipeline import ingest_paths
from etl.store import Store
ingest_paths([{path!r}], Store({store!r}), progress=False)
"""


def test_kill_during_the_events_commit_then_rerun_leaves_events_whole(tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", STORIES[:4])
    second = write_jsonl(tmp_path / "second.jsonl", STORIES[4:])
    root = tmp_path / "store"
    store = Store(root)
    ingest_paths([str(first)], store, progress=False)
    old_events = store.read("events")
    script = KILL_DURING_EVENTS.format(root=str(ROOT), path=str(second), store=str(root))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    # the new reports landed, the events are the old ones, whole, and the store says they are stale
    store = Store(root)
    assert len(store.read("articles")) == len(STORIES)
    pd.testing.assert_frame_equal(store.read("events"), old_events)
    assert store.events_coverage().is_stale
    status = subprocess.run(
        [sys.executable, "-m", "etl", "status", "--store", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "events are stale" in status.stdout
    # a rerun reads nothing new but joins the uncovered batches
    summary = ingest_paths([str(second)], store, progress=False)
    assert summary["articles_new"] == 0
    assert not store.events_coverage().is_stale
    links = store.read("report_events")
    assert set(links["report_id"]) == set(store.read("reports")["report_id"])
    clean = Store(tmp_path / "clean")
    ingest_paths([str(first)], clean, progress=False)
    ingest_paths([str(second)], clean, progress=False)
    ours = store.read("reports").merge(links, on="report_id")
    theirs = clean.read("reports").merge(clean.read("report_events"), on="report_id")
    assert partition(ours) == partition(theirs)
    assert not [p for p in (root / ".staging").glob("*") if not p.name.endswith(".locked")]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_status_says_events_up_to_date(tmp_path):
    root = tmp_path / "store"
    ingest_paths([str(write_jsonl(tmp_path / "a.jsonl", STORIES[:2]))], Store(root), progress=False)
    status = subprocess.run(
        [sys.executable, "-m", "etl", "status", "--store", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "events are up to date" in status.stdout


def test_an_ingest_rewrites_only_the_parts_its_reports_reach(tmp_path):
    from etl.events_incremental import _event_parts

    store = Store(tmp_path / "store")
    ingest_paths([str(write_jsonl(tmp_path / "a.jsonl", STORIES[:-1]))], store, progress=False)
    before = store.derived_parts("events")
    assert before and len(before) > 1  # Afghanistan, Somalia, Sudan, Mali: several parts
    ingest_paths([str(write_jsonl(tmp_path / "b.jsonl", STORIES[-1:]))], store, progress=False)  # Kandahar
    after = store.derived_parts("events")
    inode = {p: os.stat(store.root / f).st_ino for p, f in after.items()}
    carried = [p for p, f in before.items() if p in after and os.stat(store.root / f).st_ino == inode[p]]
    assert carried and len(carried) < len(after)  # the Somali, Sudanese and Malian parts are the same files
    for table in ("events", "report_events"):  # every row sits in the part its event's country and dates give
        rows = store.read_derived_parts(table, sorted(store.derived_parts(table)))
        events = store.read_derived_arrow("events")
        where = _event_parts(events)
        for part, arrow in rows.items():
            assert {where[e] for e in arrow["event_id"].to_pylist()} == {part}
    full_reports, _ = full_rebuild(store)
    incremental = store.read("reports").merge(store.read("report_events")[["report_id", "event_id"]], on="report_id")
    assert partition(incremental) == partition(full_reports)
    links = store.read_derived_arrow("report_events")  # each link names its report's batch: a join opens only those
    assert links["batch_id"].null_count == 0
    assert set(links["batch_id"].to_pylist()) == set(store.read("reports")["batch_id"])


def test_events_kept_in_one_file_are_split_into_parts_by_the_next_join(tmp_path):
    store = Store(tmp_path / "store")
    ingest_paths([str(write_jsonl(tmp_path / "a.jsonl", STORIES[:-1]))], store, progress=False)
    events, links = store.read("events"), store.read("report_events")
    store.write_derived_set({"events": events, "report_events": links}, covers=store.events_coverage().batches)
    assert store.derived_parts("events") is None and len(store.read("events")) == len(events)
    ingest_paths([str(write_jsonl(tmp_path / "b.jsonl", STORIES[-1:]))], store, progress=False)
    assert store.derived_parts("events") and not store.events_coverage().is_stale
    assert set(store.read("report_events")["report_id"]) == set(store.read("reports")["report_id"])


def _manifest(store: Store) -> dict:
    where = store.events_coverage().current.split("/")
    return store._set_manifest(where[2])


def test_a_join_looks_for_linked_reports_only_where_a_rebuild_ran_ahead(tmp_path, monkeypatch):
    from etl.events_incremental import rebuild_all

    store = Store(tmp_path / "store")
    ingest_paths([str(write_jsonl(tmp_path / "a.jsonl", STORIES[:4]))], store, progress=False)
    assert _manifest(store)["linked_beyond"] == []  # every link is to a report of a covered batch
    scans = []
    real = Store.read_derived_arrow

    def counting(self, table, parts=None, columns=None, filters=None):
        if table == "report_events" and parts is None:
            scans.append(columns)
        return real(self, table, parts, columns, filters)

    monkeypatch.setattr(Store, "read_derived_arrow", counting)
    ingest_paths([str(write_jsonl(tmp_path / "b.jsonl", STORIES[4:5]))], store, progress=False)
    assert scans == [] and _manifest(store)["linked_beyond"] == []  # no scan of every link

    # a lock-free rebuild (as on Dask) reads a batch landed after it took its watermark: it links that batch's
    # reports without covering it, and says so; the next join then checks them and links none twice
    before = store.events_coverage()
    ingest_paths([str(write_jsonl(tmp_path / "c.jsonl", STORIES[5:7]))], store, progress=False, sync=False)
    late = store.events_coverage().stale
    assert rebuild_all(store, before, before.current) is not None
    assert _manifest(store)["linked_beyond"] == list(late) and store.events_coverage().stale == late
    linked = len(store.read("report_events"))
    ingest_paths([str(write_jsonl(tmp_path / "d.jsonl", STORIES[7:]))], store, progress=False)
    assert scans and _manifest(store)["linked_beyond"] == []
    links = store.read("report_events")
    assert links["report_id"].is_unique and set(links["report_id"]) == set(store.read("reports")["report_id"])
    assert len(links) > linked and not store.events_coverage().is_stale


def test_a_set_that_does_not_say_is_checked_whole_and_then_says(tmp_path):
    store = Store(tmp_path / "store")
    ingest_paths([str(write_jsonl(tmp_path / "a.jsonl", STORIES[:4]))], store, progress=False)
    parts = {t: store.read_derived_parts(t, sorted(store.derived_parts(t))) for t in ("events", "report_events")}
    store.write_derived_set(parts, covers=store.events_coverage().batches)  # as written before linked_beyond
    assert "linked_beyond" not in _manifest(store)
    ingest_paths([str(write_jsonl(tmp_path / "b.jsonl", STORIES[4:]))], store, progress=False)
    assert _manifest(store)["linked_beyond"] == []
    links = store.read("report_events")
    assert links["report_id"].is_unique and set(links["report_id"]) == set(store.read("reports")["report_id"])
