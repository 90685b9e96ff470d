"""Ingest on a Dask LocalCluster of 2 worker processes: the same store as one process, idempotent, and safe when
a worker or the client is killed."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")

from etl.distributed import Partition, partitions, read_partition, reextract_batch, run_partitions  # noqa: E402
from etl.events_incremental import sync_events  # noqa: E402
from etl.pipeline import BUDGET_ENV, ingest_paths  # noqa: E402
from etl.store import STAMPS, Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"articles": "article_id", "figures": "figure_id", "reports": "report_id", "notes": "note_id"}


def _generator():
    spec = importlib.util.spec_from_file_location("extraction_bench", ROOT / "benchmarks" / "extraction_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["extraction_bench"] = module
    spec.loader.exec_module(module)
    return module.generate_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """80 generated wire stories (our own generator) in one JSONL file, plus one broken line."""
    folder = tmp_path_factory.mktemp("dask")
    lines = [
        json.dumps({"id": a.article_id, "published": a.published.isoformat(), "text": a.text})
        for a in _generator()(80, seed=7)
    ]
    lines.insert(33, '{"id": "broken", "text": "cut')
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("single") / "store")
    ingest_paths([str(corpus)], store, progress=False)
    return store


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=40
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def same_rows(a: Store, b: Store) -> None:
    for table, key in KEYS.items():
        x = a.read(table).drop(columns=list(STAMPS)).sort_values(key).reset_index(drop=True)
        y = b.read(table).drop(columns=list(STAMPS)).sort_values(key).reset_index(drop=True)
        assert x[key].is_unique and y[key].is_unique, table
        assert x.equals(y), table
    assert set(a.read("errors")["error_id"]) == set(b.read("errors")["error_id"])
    for store in (a, b):
        assert set(store.read("report_events")["report_id"]) == set(store.read("reports")["report_id"])


def test_partitions_split_large_files_by_line_ranges(corpus):
    parts = partitions([str(corpus)], records=20)
    assert [(p.start, p.stop) for p in parts] == [(0, 20), (20, 40), (40, 60), (60, 80), (80, None)]
    assert partitions([str(corpus)], records=500) == [Partition(str(corpus), where=str(corpus))]


def test_tapered_partitions_end_on_short_ranges_and_cover_every_record(tmp_path):
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("".join(f'{{"id": "a{i}", "text": "x"}}\n' for i in range(1000)))
    total = 1001  # newlines + 1, as _count_records counts
    parts = partitions([str(corpus)], records=100, taper=True)
    bounds = [(p.start, p.stop if p.stop is not None else total) for p in parts]
    assert bounds[0] == (0, 100) and bounds[-1][1] == total
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))  # contiguous: every record once
    assert [b - a for a, b in bounds[-9:-1]] == [25] * 8 and bounds[-1] == (1000, 1001)  # the tail in quarters
    assert [b - a for a, b in bounds[:-9]] == [100] * 8
    assert partitions([str(corpus)], records=100) == partitions([str(corpus)], records=100, taper=False)
    assert len(partitions([str(corpus)], records=400, taper=True)) == 3  # under 4 x records: not tapered


def test_partitions_read_relative_paths_as_given(corpus, monkeypatch):
    monkeypatch.chdir(corpus.parent.parent)  # workers read the absolute path; ids and origins name the given one
    (part,) = partitions([f"{corpus.parent.name}/{corpus.name}"], records=500)
    assert part.where == str(corpus) and part.path == f"{corpus.parent.name}/{corpus.name}"
    monkeypatch.chdir("/")
    first = next(iter(read_partition(part)))
    assert first.origin == f"{corpus.parent.name}/{corpus.name}:1"


def test_dask_ingest_equals_one_process_and_twice_stores_nothing_new(client, corpus, reference, tmp_path):
    store = Store(tmp_path / "store")
    results = list(run_partitions(client, store.location(), partitions([str(corpus)], records=20)))
    assert len({r["worker_pid"] for r in results}) == 2  # both workers took partitions
    sync_events(store)
    same_rows(store, reference)
    batches = sorted(os.listdir(store.root / "batches"))
    again = list(run_partitions(client, store.location(), partitions([str(corpus)], records=20)))
    assert sum(r["articles_new"] for r in again) == 0
    assert sorted(os.listdir(store.root / "batches")) == batches


def test_a_worker_killed_mid_partition_is_retried_and_loses_nothing(client, corpus, reference, tmp_path):
    store = Store(tmp_path / "store")
    parts = partitions([str(corpus)], records=10)
    pids = client.run(os.getpid)
    results = run_partitions(client, store.location(), parts)
    first = next(results)  # one partition is done: the others are being extracted now
    time.sleep(0.3)
    os.kill(pids[sorted(pids)[0]], signal.SIGKILL)
    rest = list(results)
    assert 1 + len(rest) == len(parts)
    assert first["batch_id"]
    sync_events(store)
    same_rows(store, reference)


def test_a_killed_client_leaves_the_store_readable_and_a_rerun_completes_it(corpus, reference, tmp_path):
    root = tmp_path / "store"
    command = [
        sys.executable,
        "-m",
        "etl",
        "ingest",
        str(corpus),
        "--dask",
        "local:2",
        "--batch-size",
        "10",
        "--store",
        str(root),
        "--quiet",
    ]
    proc = subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.time() + 240
        while time.time() < deadline and len(list((root / "batches").glob("*"))) < 2:
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client and its cluster
        proc.wait()
    partial = Store(root)
    reports = partial.read("reports")
    assert reports["report_id"].is_unique and 0 < len(partial.read("articles")) < len(reference.read("articles"))
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode in (0, 1), rerun.stderr  # 1: the broken line is an error row
    same_rows(Store(root), reference)


def test_reextract_on_dask_equals_one_process(client, reference, tmp_path):
    import shutil

    from etl.pipeline import reextract

    stores = []
    for name, worker in (("here", None), ("dask", client)):
        shutil.copytree(reference.root, tmp_path / name)
        store = Store(tmp_path / name)
        summary = reextract(store, progress=False, client=worker)
        assert summary.articles == 80
        stores.append(store)
    same_rows(*stores)


def test_the_clients_time_budget_reaches_the_workers(client, corpus, tmp_path, monkeypatch):
    # the workers started before this was set: only the task's argument can carry it to them
    monkeypatch.setenv(BUDGET_ENV, "0.000001")
    store = Store(tmp_path / "store")
    results = list(run_partitions(client, store.location(), partitions([str(corpus)], records=40)))
    lines = [line for r in results for line in r["error_lines"]]
    assert sum("time budget of 1e-06 s" in line for line in lines) >= 40


def test_reextracting_a_batch_on_a_worker_keeps_to_the_budget_it_is_given(reference):
    (batch_id,) = {b for b in reference.read("articles")["batch_id"]}
    timed_out = reextract_batch(reference.location(), batch_id, budget=0.000001)["errors"]
    assert len(timed_out) >= 40 and timed_out["reason"].str.contains("time budget").all()
    none = reextract_batch(reference.location(), batch_id, budget=0)  # 0: no budget
    assert len(none["errors"]) == 0 and len(none["reports"]) == len(reference.read("reports"))


def test_events_joined_while_partitions_run_cover_every_report(client, corpus, reference, tmp_path, monkeypatch):
    from contextlib import contextmanager

    from etl import distributed

    @contextmanager
    def same_client(target):
        yield client

    monkeypatch.setattr(distributed, "EVENTS_EVERY", 1)  # a join after every batch that lands
    monkeypatch.setattr(distributed, "JOIN_WHILE_RUNNING", True)  # even with a worker for every core
    monkeypatch.setattr(distributed, "client_for", same_client)
    store = Store(tmp_path / "store")
    summary = distributed.ingest_on_dask([str(corpus)], store, "local:2", progress=False, records=10)
    assert summary["phases"]["events_joins"] >= 1
    same_rows(store, reference)
    assert not store.events_coverage().is_stale

    def grouping(s: Store) -> set[frozenset[str]]:
        links = s.read("report_events")
        return {frozenset(g["report_id"]) for _, g in links.groupby("event_id")}

    assert grouping(store) == grouping(reference)


def test_joins_overlap_the_partitions_only_where_the_client_has_a_core(monkeypatch):
    from etl import distributed

    monkeypatch.setattr(distributed.os, "cpu_count", lambda: 2)
    assert not distributed.joins_overlap("local:2")
    assert distributed.joins_overlap("local:1")
    assert distributed.joins_overlap("tcp://127.0.0.1:8786")
    monkeypatch.setattr(distributed, "JOIN_WHILE_RUNNING", True)
    assert distributed.joins_overlap("local:2")


def _events_and_links(store: Store) -> tuple:
    events = store.read("events").sort_values("event_key").reset_index(drop=True)
    links = store.read("report_events").sort_values("report_id").reset_index(drop=True)
    return events, links


def test_events_built_across_the_workers_equal_one_process(client, corpus, reference, tmp_path, monkeypatch):
    from contextlib import contextmanager

    from etl import distributed

    @contextmanager
    def same_client(target):
        yield client

    monkeypatch.setattr(distributed, "JOIN_WHILE_RUNNING", False)  # no events until the partitions are done
    monkeypatch.setattr(distributed, "client_for", same_client)
    store = Store(tmp_path / "store")
    summary = distributed.ingest_on_dask([str(corpus)], store, "local:2", progress=False, records=20)
    assert summary["phases"]["events_groups"] == 2  # a group of countries per worker
    same_rows(store, reference)
    events, links = _events_and_links(store)
    want_events, want_links = _events_and_links(reference)
    assert events.equals(want_events)  # same event ids, rows and counts
    pairs = ["report_id", "event_id"]  # (the batches' ids differ between the two runs)
    assert links[pairs].equals(want_links[pairs])
    assert not store.events_coverage().is_stale
    assert store.events_coverage().covered == frozenset(os.listdir(store.root / "batches"))


class _SyncClient:
    """What `build_on_dask` asks of a dask Client, run here and now (for the fast tests)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def nthreads(self) -> dict[str, int]:
        return {f"worker-{i}": 1 for i in range(self.workers)}

    def scatter(self, value, broadcast=False):
        return value

    def submit(self, fn, *args, **_options):
        return fn(*args)

    def gather(self, results):
        return list(results)


def test_a_split_build_whose_groups_clash_on_an_event_id_is_done_the_serial_way(reference, tmp_path, monkeypatch):
    import shutil

    from etl import events_split

    shutil.copytree(reference.root, tmp_path / "store", ignore=shutil.ignore_patterns("derived"))
    store = Store(tmp_path / "store")
    every = events_split.consolidate_group

    def all_of_them(store, batches, pairs, vocabulary):  # every group returns every event: the ids clash
        units = events_split.batch_units(store, batches)["units"]
        return every(store, batches, units[["article_id", "country"]], vocabulary)

    monkeypatch.setattr(events_split, "consolidate_group", all_of_them)
    assert events_split.build_on_dask(_SyncClient(3), store)["mode"] == "serial"
    events, links = _events_and_links(store)
    want_events, want_links = _events_and_links(reference)
    assert events.equals(want_events) and links.equals(want_links)
    assert events_split.build_on_dask(_SyncClient(3), store) is None  # events exist: joins are sync_events's


def test_country_groups_keep_each_event_whole_and_balance_the_reports():
    from etl.events_split import country_groups

    units = pd.DataFrame(
        [
            ("a1", "SOM", 5),
            ("a2", "SOM", 4),
            ("a3", "KEN", 3),
            ("a3", "", 1),  # no country, in an article of Kenya only: with Kenya
            ("a4", "MLI", 2),
            ("a4", "NER", 2),
            ("a4", "", 1),  # no country, in an article of Mali and Niger: those two are one unit
            ("a5", "NER", 1),
            ("a6", "SDN", 2),
            ("a6", "TCD", 2),  # two countries and no report without one: the article is cut by country
            ("a7", "", 2),  # only reports of no country: a unit of its own
        ],
        columns=["article_id", "country", "reports"],
    )
    groups = country_groups(units, 2)
    assert len(groups) == 2
    where = {(a, c): i for i, g in enumerate(groups) for a, c in zip(g["article_id"], g["country"], strict=True)}
    assert len(where) == len(units)  # every (article, country) in exactly one group
    assert where["a3", ""] == where["a3", "KEN"]
    assert where["a4", "MLI"] == where["a4", "NER"] == where["a4", ""] == where["a5", "NER"]
    assert where["a1", "SOM"] == where["a2", "SOM"]
    sizes = [
        int(units.set_index(["article_id", "country"]).loc[list(map(tuple, g.to_numpy())), "reports"].sum())
        for g in groups
    ]
    assert sorted(sizes) == [12, 13]  # SOM 9 | MLI+NER 6, KEN 4, SDN 2, TCD 2, a7 2: as even as whole units allow
    assert country_groups(units, 1)[0].shape[0] == len(units)


def test_a_large_store_is_cut_into_more_groups_than_workers():
    from etl.events_split import GROUP_REPORTS, group_count

    small = pd.DataFrame({"article_id": ["a1", "a2"], "country": ["SOM", "KEN"], "reports": [3, 4]})
    assert group_count(small, 2) == 2
    large = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "country": ["SOM", "KEN", "MLI"],
                          "reports": [GROUP_REPORTS, GROUP_REPORTS, GROUP_REPORTS // 2]})
    assert group_count(large, 2) == 3  # a worker's memory grows with a group, not with the store
    assert group_count(small.iloc[:0], 2) == 2
