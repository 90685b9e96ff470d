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
