"""Ingest and re-extraction on a Dask cluster (`python -m etl ingest PATH... --dask local:N | tcp://HOST:8786`).

The client lists the inputs and cuts them into partitions: one per file, and line ranges of large JSONL/CSV
files (`Partition`). Each partition is a task: the worker reads its records, extracts them and publishes them
as one batch (`ingest_partition`). The client never holds the corpus, only the partitions' summaries.

Safety is the store's: a worker publishes with `Store.write_batch` under the writer lock (held for the
publish only, ~0.1 s, never during extraction), which drops the articles already stored, so
- the same input twice stores nothing new;
- a worker killed mid-partition (its staging directory is left, removed by the next writer) is retried by
  Dask, and the retry stores exactly what the killed attempt had not published;
- a killed client leaves published batches whole; a rerun skips them and publishes the rest.
Batch ids are deterministic (a hash of the partition's new article ids), so a retried publish of the same
rows finds its batch already there. While the tasks run, the client joins the new reports to the events every
tenth of the partitions or so (EVENTS_EVERY; `etl.events_incremental.sync_events`, taking the writer lock only
to commit, so workers keep publishing), and once more at the end for the last ones; on a LocalCluster with a
worker for every core the client waits for the end instead (`joins_overlap`), as its joins would take a core.
At the end, a store with no events yet gets them built across the workers, a group of countries per task
(`etl.events_split.build_on_dask`, SPLIT_EVENTS); one with events gets the last join on the client.
"""

from __future__ import annotations

import csv
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import pandas as pd

from . import columns
from .readers import RawArticle, ReadError, is_url, iter_inputs, list_inputs
from .store import in_ids

ENV_SCHEDULER = "DASK_SCHEDULER_ADDRESS"
RECORDS_PER_PARTITION = 500
"""Records of a JSONL/CSV file per partition: longer files are split by line ranges (one partition, one batch)."""
EVENTS_EVERY = 2
"""While partitions run, the client joins the new reports to the events once this many batches have landed, or a
tenth of all the partitions, or a tenth of those done, whichever is most: the joins overlap the extraction (the
workers keep both cores busy meanwhile), and the join left for the end covers at most about a tenth of them."""

SPLIT_EVENTS = True
"""Build the events of a store that has none yet across the workers, a group of countries per task
(etl/events_split.py), rather than on the client; the same events and links either way."""
JOIN_WHILE_RUNNING: bool | None = None
"""Join events while partitions run: None decides by the cluster (not on a LocalCluster with a worker for every
core of this machine, where the client's joins would take a core from the workers), True or False forces it."""


def joins_overlap(target: str) -> bool:
    """Whether the client's events joins can run beside the workers without slowing them (JOIN_WHILE_RUNNING)."""
    if JOIN_WHILE_RUNNING is not None:
        return JOIN_WHILE_RUNNING
    if target.startswith("local:"):
        workers = int(target.split(":", 1)[1] or 1)
        return workers < (os.cpu_count() or 1)
    return True


@dataclass(frozen=True)
class Partition:
    """Records [start, stop) of one input (stop None: to its end); a whole input when start is 0 and stop None.

    `path` is the input as given (what origins and ids record); `where` is where a worker reads it: the
    absolute path (workers do not share the client's working directory), or the URL."""

    path: str
    start: int = 0
    stop: int | None = None
    where: str = ""

    def key(self) -> str:
        return f"{self.path}|{self.start}|{self.stop}"


def _count_records(path: str) -> int:
    """Records of a JSONL (lines) or CSV (rows after the header) file, streamed."""
    if path.lower().endswith(".csv"):
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            return max(0, sum(1 for _ in csv.reader(fh)) - 1)
    with open(path, "rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) + 1


TAPER_SHARE = 4
"""With `taper`, a large file's last 2 x `records` records are cut into partitions of `records // TAPER_SHARE`: the
run ends on short tasks, so one worker does not finish a whole partition alone while the other waits idle."""


def _starts(total: int, records: int, taper: bool) -> list[int]:
    """First records of a large file's partitions: every `records`, the tail in smaller steps when tapered."""
    if not taper or total <= 4 * records or records < TAPER_SHARE:
        return list(range(0, max(total, 1), records))
    cut = (total - 2 * records) // records * records  # the tail: the last 2-3 x records records
    return [*range(0, cut, records), *range(cut, total, records // TAPER_SHARE)]


def partitions(paths: Sequence[str], records: int = RECORDS_PER_PARTITION, taper: bool = False) -> list[Partition]:
    """The inputs cut into partitions: each file or URL whole, large JSONL/CSV files by line ranges (`taper`:
    their last ranges shorter, TAPER_SHARE)."""
    out: list[Partition] = []
    for item in list_inputs(paths):
        splittable = not is_url(item) and item.lower().endswith((".jsonl", ".csv", ".ndjson"))
        where = item if is_url(item) else os.path.abspath(item)
        total = _count_records(item) if splittable and os.path.isfile(item) else 0
        if total > records:
            starts = _starts(total, records, taper)
            out += [Partition(item, a, b, where) for a, b in zip(starts, [*starts[1:], None], strict=True)]
        else:
            out.append(Partition(item, where=where))
    return out


def read_partition(part: Partition) -> Iterator[RawArticle | ReadError]:
    """The articles and errors of one partition (the reader's records start..stop of its input)."""
    where = part.where or part.path
    for index, item in enumerate(iter_inputs([where], skip_records=part.start)):
        if part.stop is not None and index >= part.stop:
            break
        if index >= part.start and item is not None:  # (None: a record before the range, not decoded)
            yield item if where == part.path else _as_given(item, where, part.path)


def _as_given(item: RawArticle | ReadError, where: str, given: str) -> RawArticle | ReadError:
    """An item read from the absolute path, naming the input as the user gave it (as one process would)."""

    def named(value):
        return given + value[len(where) :] if isinstance(value, str) and value.startswith(where) else value

    if isinstance(item, ReadError):
        return replace(item, origin=named(item.origin), reason=item.reason.replace(where, given))
    return replace(item, origin=named(item.origin), source_id=named(item.source_id))


_STORES: dict[str, object] = {}


def _worker_store(root: str):
    """One Store per root and worker process (it caches the ids it has read)."""
    from .store import open_store

    if root not in _STORES:
        _STORES[root] = open_store(root)
    return _STORES[root]


def ingest_partition(root: str, part: Partition, job: str = "dask", budget: float | None = None) -> dict:
    """Read, extract and publish one partition as one batch (runs on a worker); its summary. `budget`: seconds per
    article, as the client resolved it (None: the worker's own setting)."""
    from .pipeline import articles_frame, errors_frame, extract_frames

    started = time.perf_counter()
    store = _worker_store(root)
    raws: list[RawArticle] = []
    errors: list[ReadError] = []
    for item in read_partition(part):
        (errors if isinstance(item, ReadError) else raws).append(item)
    articles = articles_frame(raws)
    articles = articles[~in_ids(articles["article_id"], store.stored_article_ids(articles["article_id"]))]
    empty = {n: columns.empty_frame(n) for n in ("figures", "reports", "notes", "errors")}
    frames = extract_frames(articles, budget=budget) if len(articles) else empty
    all_errors = pd.concat([errors_frame(errors), frames.pop("errors")], ignore_index=True)
    batch = {"articles": articles, **frames, "errors": columns.validate(all_errors, "errors")}
    digest = hashlib.sha1("\n".join(sorted(articles["article_id"])).encode())
    digest.update(part.key().encode())
    published = store.write_batch(batch, batch_id=f"{job}-{digest.hexdigest()[:12]}")
    return {
        "partition": part.key(),
        "articles_read": len(raws),
        "articles_new": len(articles) if published else 0,
        "reports": len(frames["reports"]) if published else 0,
        "notes": len(frames["notes"]) if published else 0,
        "errors": len(all_errors),
        "error_lines": [f"{e.origin}: {e.reason}" for e in all_errors.itertuples()],
        "batch_id": published,
        "seconds": time.perf_counter() - started,
        "worker_pid": os.getpid(),
    }


def parse_target(spec: str | None) -> str | None:
    """'local:N', a scheduler address, or None (from $DASK_SCHEDULER_ADDRESS when spec is 'env' or empty)."""
    spec = (spec or "").strip() or os.environ.get(ENV_SCHEDULER, "").strip()
    if not spec:
        return None
    if spec.startswith("local"):
        n = spec.partition(":")[2] or "2"
        if not n.isdigit() or int(n) < 1:
            raise ValueError(f"--dask {spec!r}: use local:N with N worker processes, e.g. local:2")
        return f"local:{int(n)}"
    if "://" not in spec:
        spec = f"tcp://{spec}"
    return spec


QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "1s",
}
"""Dask settings of the LocalCluster `--dask local:N` starts (handed to its worker processes): no statistical
profiler sampling the busy workers every 10 ms, and the resource monitor and event-loop watchdog woken less
often. Idle, the client, scheduler, 2 nannies and 2 workers used 1.5 CPU-s per 20 s with Dask's defaults and
0.5 with these; a cluster of your own takes the same settings in its dask config (benchmarks/README.md)."""


@contextmanager
def client_for(target: str):
    """A dask.distributed Client: on a new LocalCluster of N worker processes bound to 127.0.0.1 ('local:N'),
    or connected to a running scheduler (an address)."""
    import dask
    from distributed import Client, LocalCluster

    if target.startswith("local:"):
        n = int(target.split(":", 1)[1])
        with (
            dask.config.set(QUIET_CLUSTER),
            LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=40,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    else:
        with Client(target) as client:
            yield client


def client_budget() -> float:
    """The per-article time budget this process runs with ($CASUALTY_ARTICLE_BUDGET, --article-budget or
    settings.csv; 0 for none), handed to every task so that workers on other machines keep to it too."""
    from .lexicon import CONVENTIONS, read_table
    from .pipeline import budget_from

    settings = {r["name"]: r["value"] for r in read_table("settings.csv", CONVENTIONS)}
    return budget_from(settings) or 0.0  # (the settings alone: the client need not load the whole lexicon)


def run_partitions(client, root: str, parts: Sequence[Partition], budget: float | None = None) -> Iterator[dict]:
    """Submit one task per partition (retried up to 3 times) and yield their summaries as they finish.

    Batch ids are '<job>-<hash of the partition and its new articles>', <job> a time-sortable id of this run,
    so a retried task republishes under the same id (a no-op) and batches still sort by time."""
    from distributed import as_completed

    from .store import new_batch_id

    job = new_batch_id()
    budget = client_budget() if budget is None else budget
    futures = [
        client.submit(ingest_partition, root, part, job, budget, key=f"ingest-{job}-{i}", retries=3, pure=False)
        for i, part in enumerate(parts)
    ]
    for future in as_completed(futures):
        yield future.result()
        future.release()


def _warm_events() -> None:
    """Load what the events build reads first (the place gazetteer: about 1.8 CPU s), on a worker."""
    from .events import _country_names, _gazetteer

    _gazetteer()
    _country_names()


def warm_workers(client) -> list:
    """A task per worker that loads what the events build needs, submitted after every partition: each runs once
    its worker has no partition left (the tail of the run, when the other worker finishes the last ones), so the
    build does not wait for it. Nothing waits for these either: a worker lost meanwhile leaves its task unrun."""
    from .store import new_batch_id

    run = new_batch_id()
    return [
        client.submit(_warm_events, workers=[w], allow_other_workers=False, pure=False, key=f"warm-events-{run}-{i}")
        for i, w in enumerate(client.scheduler_info()["workers"])
    ]


def _process_cpu() -> float:
    return time.process_time()


def cluster_cpu(client) -> float:
    """CPU seconds used so far by this process and the cluster's worker processes (not the scheduler's or the
    nannies'): the difference over a phase is what it cost, whatever else the machine runs meanwhile."""
    return time.process_time() + sum(client.run(_process_cpu).values())


def ingest_on_dask(
    paths: Sequence[str], store, target: str, progress: bool = True, records: int = RECORDS_PER_PARTITION
) -> dict:
    """`ingest_paths` on a Dask cluster: one task per partition, published by the workers; then events."""
    from tqdm import tqdm

    from .events_incremental import sync_events
    from .events_split import build_on_dask
    from .pipeline import Summary

    started = time.perf_counter()
    parts = partitions(paths, records, taper=True)
    summary = Summary(inputs=len(list_inputs(paths)))
    phases = {"partitioning": time.perf_counter() - started, "events_during": 0.0, "events_joins": 0}
    with client_for(target) as client:
        phases["cluster_start"] = time.perf_counter() - started - phases["partitioning"]
        tasks_started, cpu_started = time.perf_counter(), cluster_cpu(client)
        overlap = joins_overlap(target)
        bar = tqdm(total=len(parts), disable=not progress, desc="partitions", unit="part")
        pending, warming = 0, []
        for done, result in enumerate(run_partitions(client, store.location(), parts), start=1):
            summary.articles_read += result["articles_read"]
            summary.articles_new += result["articles_new"]
            summary.reports += result["reports"]
            summary.notes += result["notes"]
            summary.errors += result["errors"]
            summary.error_lines += result["error_lines"]
            pending += bool(result["batch_id"])
            bar.update(1)
            if done == 1 and SPLIT_EVENTS:
                warming = warm_workers(client)
            if overlap and pending >= max(EVENTS_EVERY, len(parts) // 10, done // 10) and done < len(parts):
                # join what landed while the workers go on (the writer lock is taken only to commit)
                t0 = time.perf_counter()
                sync_events(store, lock_free=True)
                phases["events_during"] += time.perf_counter() - t0
                phases["events_joins"] += 1
                pending = 0
        bar.close()
        phases["partitions"] = time.perf_counter() - tasks_started
        t0, cpu_partitions = time.perf_counter(), cluster_cpu(client)
        phases["cpu_partitions"] = cpu_partitions - cpu_started
        built = build_on_dask(client, store) if SPLIT_EVENTS else None  # a first build: across the workers
        if built is None:
            sync_events(store)  # joins to existing events (or nothing to do): on the client
        else:
            phases["events_groups"] = built["groups"]
        phases["events_after"] = time.perf_counter() - t0
        phases["cpu_events_after"] = cluster_cpu(client) - cpu_partitions
        for future in warming:
            future.release()
    summary.seconds = time.perf_counter() - started
    return {
        **summary.as_dict(),
        "error_lines": summary.error_lines,
        "line": summary.line(),
        "partitions": len(parts),
        "phases": {k: round(v, 2) if isinstance(v, float) else v for k, v in phases.items()},
    }


def reextract_batch(root: str, batch_id: str, budget: float | None = None) -> dict[str, pd.DataFrame]:
    """Extract again the articles of one stored batch (runs on a worker): figures, reports, notes, errors.
    `budget`: seconds per article, as the client resolved it (None: the worker's own setting)."""
    from .pipeline import extract_frames

    store = _worker_store(root)
    frames = [f for f in store.iter_rows("articles", [batch_id]) if len(f)]
    if not frames:
        return {}
    articles = pd.concat(frames, ignore_index=True).drop_duplicates("article_id")
    out = {}
    for old_batch, group in articles.groupby("batch_id", sort=False):
        extracted = extract_frames(group, budget=budget)
        for name, frame in extracted.items():
            out.setdefault(name, []).append(frame.assign(batch_id=old_batch))
    return {name: pd.concat(parts, ignore_index=True) for name, parts in out.items()}
