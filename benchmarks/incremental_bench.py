"""The cost of adding articles to a store of a given size: publish + incremental events join (etl.events_incremental).

    .venv/bin/python benchmarks/incremental_bench.py --stores 0 20000 200000 --adds 1 100 10000 --out /tmp/inc

A pool of generated wire stories (benchmarks/extraction_bench.py's generator, a fixed seed) is extracted once;
stores of N articles are then built from copies of the pool (new ids, dates shifted by up to +-10 years so that
copies are different incidents), written in batches of 500, then the events built by one full rebuild (`--build
bulk`, the default) or joined batch by batch as successive ingests would (`--build batched`, much slower to build;
the stored rows are the same). A store folder OUT/base-N is kept and reused by later runs. For each store size and
each number of added articles the script times, on a copy of the store:
- `publish`: write_batch of the new articles, figures, reports and notes (validated, deduplicated);
- `events`: sync_events (the new reports join the candidate events; events + report_events + watermark
  published in one step), and the candidates and member reports it touched;
- `full`: for comparison, a full rebuild of the events over every report (only for stores up to --full-max);
- `cli` (adds up to --cli-max): the whole `python -m etl ingest ADDED.jsonl` in a subprocess, on another copy:
  process start, lexicon, extraction, publish, events, the closing counts.
Publish and events are timed in-process (extraction excluded: it costs the same whatever the store's size), in
wall-clock and CPU seconds; with the load average before and after, since the machine may be shared.
Results are printed as JSON lines and written to OUT/incremental.jsonl.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.events_incremental import rebuild_all, sync_events  # noqa: E402
from etl.pipeline import articles_frame, extract_frames  # noqa: E402
from etl.readers import RawArticle  # noqa: E402
from etl.store import Store  # noqa: E402

BATCH = 500


def generator():
    spec = importlib.util.spec_from_file_location("extraction_bench", ROOT / "benchmarks" / "extraction_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["extraction_bench"] = module
    spec.loader.exec_module(module)
    return module.generate_corpus


def extracted_pool(n: int, seed: int) -> dict[str, pd.DataFrame]:
    raws = [
        RawArticle(text=a.text, source_id=a.article_id, origin="bench", published=a.published.isoformat())
        for a in generator()(n, seed)
    ]
    articles = articles_frame(raws)
    frames = extract_frames(articles)
    frames.pop("errors")
    return {"articles": articles, **frames}


def _renamed(value, old: str, new: str):
    """An id of a pool row for its copy: the article id swapped where it holds it, else a hash with the new id."""
    if pd.isna(value):
        return value
    return value.replace(old, new) if old in value else hashlib.sha1(f"{new}{value}".encode()).hexdigest()[:16]


_POSITIONS: dict[int, dict[str, dict[str, np.ndarray]]] = {}


def copies(pool: dict[str, pd.DataFrame], start: int, count: int, seed: int) -> dict[str, pd.DataFrame]:
    """Articles start..start+count as copies of pool articles: new ids, dates shifted by one random delta each."""
    arts = pool["articles"]
    if id(pool) not in _POSITIONS:
        _POSITIONS[id(pool)] = {
            t: {k: np.asarray(v) for k, v in f.groupby("article_id").indices.items()} for t, f in pool.items()
        }
    positions = _POSITIONS[id(pool)]
    numbers = np.arange(start, start + count)
    rng = np.random.default_rng(seed * 1_000_003 + start)
    shifts = rng.integers(-3650, 3651, size=count)
    new_ids = [hashlib.sha1(f"copy-{i}".encode()).hexdigest()[:16] for i in numbers]
    pool_ids = arts["article_id"].to_numpy()[numbers % len(arts)]
    out = {}
    for table, frame in pool.items():
        found = [positions[table].get(a, np.array([], dtype=int)) for a in pool_ids]
        rows = frame.iloc[np.concatenate(found)].copy() if found else frame.iloc[:0].copy()
        which = np.repeat(np.arange(count), [len(f) for f in found])
        new = np.asarray(new_ids, dtype=object)[which]
        old = rows["article_id"].astype(str).to_numpy()
        rows["article_id"] = pd.array(new, dtype="string")
        for col in ("report_id", "figure_id", "note_id"):
            if col in rows:
                rows[col] = pd.array(
                    [_renamed(v, o, n) for v, o, n in zip(rows[col], old, new, strict=True)], dtype="string"
                )
        if "figure_ids" in rows:
            rows["figure_ids"] = pd.array(
                [
                    v if pd.isna(v) else ";".join(_renamed(x, o, n) for x in v.split(";"))
                    for v, o, n in zip(rows["figure_ids"], old, new, strict=True)
                ],
                dtype="string",
            )
        delta = pd.to_timedelta(shifts[which], unit="D")
        for col in ("published", "start_date", "end_date"):
            if col in rows:
                rows[col] = rows[col] + delta
        if table == "articles":
            rows["source_id"] = pd.array([f"copy-{i}" for i in numbers], dtype="string")
            rows["text"] = rows["text"] + pd.array([f" [{i}]" for i in numbers], dtype="string")
        out[table] = rows.reset_index(drop=True)
    return out


def build(root: Path, pool, n: int, seed: int, bulk: bool = False) -> float:
    """A store of n articles in batches of BATCH, with incremental events joined after each batch, or (`bulk`)
    with one full rebuild of the events at the end (the same stored rows; much faster to build); seconds taken."""
    started = time.perf_counter()
    store = Store(root)
    with store.writer():
        for start in range(0, n, BATCH):
            store.write_batch(copies(pool, start, min(BATCH, n - start), seed))
            if not bulk:
                sync_events(store)
        if bulk:
            rebuild_all(store)
    return time.perf_counter() - started


ID_COLUMNS = ("article_id", "source_id", "figure_id", "report_id", "note_id", "error_id", "event_id")
JOINED_ID_COLUMNS = ("figure_ids", "report_ids")
DATE_COLUMNS = ("published", "start_date", "end_date", "first_reported", "last_reported")


def _copy_table(table: pa.Table, suffix: str, days: int) -> pa.Table:
    """A stored table with every id suffixed and every date shifted by `days` (arrow, storage types kept)."""
    for name in table.column_names:
        column = table[name]
        if name in ID_COLUMNS:
            column = pc.if_else(pc.is_null(column), column, pc.binary_join_element_wise(column, suffix, ""))
        elif name in JOINED_ID_COLUMNS:
            joined = pc.replace_substring(column, ";", suffix + ";")
            column = pc.if_else(pc.is_null(column), column, pc.binary_join_element_wise(joined, suffix, ""))
        elif name == "event_key":  # event_id:outcome:group
            head = pc.extract_regex(column, r"^(?P<id>[^:]*)(?P<rest>.*)$")
            ids, rest = pc.struct_field(head, "id"), pc.struct_field(head, "rest")
            column = pc.binary_join_element_wise(ids, suffix, rest, "")
        elif name in DATE_COLUMNS:
            if pa.types.is_date32(column.type):
                column = pc.cast(pc.add(pc.cast(column, pa.int32()), days), pa.int32()).cast(pa.date32())
            elif pa.types.is_timestamp(column.type):
                column = pc.add(column, pa.scalar(days * 86_400_000_000, pa.duration("us")))
        table = table.set_column(table.column_names.index(name), name, column)
    return table


def replicate(src: Path, dst: Path, times: int, years: int = 30) -> float:
    """A store of `times` copies of the store at src, built without extracting or consolidating anything: copy k
    has every id suffixed '~k' and every date shifted by (k - times // 2) * `years` years, so copies never share an
    incident and each period of time is as dense as in src; copy k's events are src's events, copied the same
    way (no consolidation is needed: copies do not meet), then cut into parts anew. Seconds taken."""
    from etl.events_incremental import _partitioned
    from etl.store import _publish, index_tables

    started = time.perf_counter()
    source = Store(src)
    events, links = source.read_derived_arrow("events"), source.read_derived_arrow("report_events")
    snap = source._snapshot()
    all_events, all_links, batch_ids, article_ids = [], [], [], set()
    for k in range(times):
        suffix, days = f"~{k}", round((k - times // 2) * years * 365.25)
        for batch in snap.batches:
            tables = {}
            for table in ("articles", "figures", "reports", "notes", "errors"):
                if f"{table}.parquet" in source._listing(batch):
                    stored = pq.read_table(src / "batches" / batch / f"{table}.parquet")
                    new_batch = f"{batch}-c{k:03d}"
                    stored = _copy_table(stored, suffix, days)
                    i = stored.column_names.index("batch_id")
                    tables[table] = stored.set_column(i, "batch_id", pa.array([new_batch] * stored.num_rows))
            if "articles" in tables:
                article_ids.update(tables["articles"]["article_id"].to_pylist())
            if tables and _publish(dst, tables, f"{batch}-c{k:03d}", f"{batch}-c{k:03d}") is not None:
                batch_ids.append(f"{batch}-c{k:03d}")
        all_events.append(_copy_table(events, suffix, days))
        copied_links = _copy_table(links, suffix, days)
        if "batch_id" in copied_links.column_names:
            i = copied_links.column_names.index("batch_id")
            column = pc.binary_join_element_wise(copied_links["batch_id"], f"-c{k:03d}", "")
            copied_links = copied_links.set_column(i, "batch_id", column)
        all_links.append(copied_links)
    all_events = pa.concat_tables(all_events)
    event_parts, link_parts = _partitioned(all_events, pa.concat_tables(all_links))
    indexes = {  # (as a join keeps them: docs/store.md, "Limits")
        "article_ids": index_tables(article_ids, "article_id"),
        "event_ids": index_tables(set(pc.unique(all_events["event_id"]).to_pylist()), "event_id"),
    }
    Store(dst).write_derived_set(
        {"events": event_parts, "report_events": link_parts, **indexes}, covers=batch_ids, linked_beyond=[]
    )  # (every link is to a report of a covered batch)
    return time.perf_counter() - started


def _cli_ingest(work: Path, frames: dict[str, pd.DataFrame]) -> dict:
    """`python -m etl ingest ADDED.jsonl --store WORK` in a subprocess (extraction, process start and lexicon
    included): wall-clock and CPU seconds (user + system of the child)."""
    path = work.parent / "added.jsonl"
    arts = frames["articles"]
    with open(path, "w", encoding="utf-8") as fh:
        for row in arts.itertuples(index=False):
            published = None if pd.isna(row.published) else pd.Timestamp(row.published).date().isoformat()
            fh.write(json.dumps({"id": row.source_id, "text": row.text, "published": published}) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "etl", "ingest", str(path), "--store", str(work), "--quiet"]
    subprocess.run(cmd, cwd=ROOT, check=False, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cli_s": round(time.perf_counter() - t0, 3), "cli_cpu_s": round(cpu, 3)}


def _fresh_copy(base: Path, work: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    if base.exists():
        shutil.copytree(base, work)
    else:
        work.mkdir(parents=True)


def measure(base: Path, work: Path, pool, n: int, add: int, seed: int, full_max: int, cli_max: int) -> dict:
    _fresh_copy(base, work)
    store = Store(work)
    frames = copies(pool, 10_000_000 + n, add, seed)
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    with store.writer():
        for start in range(0, add, BATCH):
            part = {
                t: f[f["article_id"].isin(frames["articles"]["article_id"].iloc[start : start + BATCH])]
                for t, f in frames.items()
            }
            store.write_batch(part)
        t1, c1 = time.perf_counter(), time.process_time()
        result = sync_events(store)
        t2, c2 = time.perf_counter(), time.process_time()
        full = None
        if n + add <= full_max:
            full = rebuild_all(store).seconds
    counts = store.tables()
    row = {
        "store_articles": n,
        "added": add,
        "publish_s": round(t1 - t0, 3),
        "publish_cpu_s": round(c1 - c0, 3),
        "events_s": round(t2 - t1, 3),
        "events_cpu_s": round(c2 - c1, 3),
        "events_mode": result.mode,
        "new_reports": result.new_reports,
        "candidates": result.candidate_events,
        "member_reports": result.member_reports,
        "full_rebuild_s": None if full is None else round(full, 3),
        "reports": counts["reports"],
        "events_rows": counts["events"],
        "load_before": round(load, 2),
    }
    if add <= cli_max:
        _fresh_copy(base, work)
        row.update(_cli_ingest(work, frames))
    row["load_after"] = round(os.getloadavg()[0], 2)
    return row


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stores", type=int, nargs="+", default=[0, 20_000, 200_000])
    p.add_argument("--adds", type=int, nargs="+", default=[1, 100, 10_000])
    p.add_argument("--pool", type=int, default=400, help="distinct generated articles extracted (default 400)")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--full-max", type=int, default=25_000, help="also time a full rebuild up to this many articles")
    p.add_argument("--cli-max", type=int, default=100, help="also time the CLI ingest (a subprocess) up to this add")
    p.add_argument(
        "--build",
        choices=["bulk", "batched"],
        default="bulk",
        help="bulk: write the store's batches, then one full events rebuild (fast); batched: join events after "
        "each batch of 500, as successive ingests would",
    )
    p.add_argument(
        "--replicate",
        type=int,
        nargs=2,
        metavar=("FROM", "TIMES"),
        help="build the store of FROM x TIMES articles as TIMES copies of the store of FROM (see `replicate`)",
    )
    p.add_argument("--out", type=Path, default=Path("/tmp/incremental_bench"))
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    pool = extracted_pool(args.pool, args.seed)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    print(
        json.dumps(
            {
                "commit": commit.stdout.strip(),
                "cpus": os.cpu_count(),
                "pool_articles": args.pool,
                "pool_reports": len(pool["reports"]),
                "extract_s": round(time.perf_counter() - t, 1),
            }
        ),
        flush=True,
    )
    results = []
    for n in args.stores:
        base = args.out / f"base-{n}"
        if args.replicate and n == args.replicate[0] * args.replicate[1] and not (base / "batches").is_dir():
            seconds = replicate(args.out / f"base-{args.replicate[0]}", base, args.replicate[1])
            print(json.dumps({"building": n, "mode": f"replicate {args.replicate}", "seconds": round(seconds, 1)}))
        if n and not (base / "batches").is_dir():
            seconds = build(base, pool, n, args.seed, bulk=args.build == "bulk")
            print(json.dumps({"building": n, "mode": args.build, "seconds": round(seconds, 1)}), flush=True)
        for add in args.adds:
            row = measure(base, args.out / "work", pool, n, add, args.seed, args.full_max, args.cli_max)
            results.append(row)
            print(json.dumps(row), flush=True)
    with open(args.out / "incremental.jsonl", "a", encoding="utf-8") as fh:
        for row in results:
            fh.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
