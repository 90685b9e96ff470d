"""The embedded store: typed round trips, idempotent ingest, crash safety, lock-free readers, export."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl import columns
from etl.store import DEFAULT_ROOT, ENV_VAR, INGESTED, STAMPS, Store, StoreError, publish_batch, resolve_root

REPO = Path(__file__).resolve().parents[1]
PLACES = ["Kandahar", "Mosul", "Gao", "Bakhmut", "Rafah", "Maiduguri", "Idlib", "Mogadishu"]


def batch_frames(i: int) -> dict[str, pd.DataFrame]:
    """One article about a made-up attack, with its two figures, two reports and one attribution note."""
    place = PLACES[i % len(PLACES)]
    killed, injured = 3 + i % 7, 10 + i
    text = (
        f"{place}, 14 March 2024 (item {i}) - At least {killed} civilians were killed and {injured} others "
        f"wounded when a roadside bomb struck a minibus near {place} on Tuesday, the provincial governor said. "
        "Officials blamed the insurgents."
    )
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    sentence = text.split(" - ", 1)[1].split(". ")[0] + "."
    start = text.index(sentence)
    k_span = (text.index(f"At least {killed}"), text.index(f"At least {killed}") + len(f"At least {killed}"))
    i_span = (text.index(f"{injured} others"), text.index(f"{injured} others") + len(str(injured)))
    articles = pd.DataFrame(
        {
            "article_id": [article_id],
            "source_id": [f"wire-{i:04d}"],
            "title": [f"Roadside bomb kills {killed} near {place}"],
            "url": [f"https://news.example.org/{i}"],
            "source": ["Example Wire"],
            "origin": [f"tests/corpus.jsonl:{i + 1}"],
            "published": [pd.Timestamp("2024-03-14") + pd.Timedelta(days=i % 30)],
            "published_inferred": [i % 2 == 1],
            "text_length": [len(text)],
            "text": [text],
        }
    )
    figure_ids = [f"{article_id}:{k_span[0]}-{k_span[1]}", f"{article_id}:{i_span[0]}-{i_span[1]}"]
    figures = pd.DataFrame(
        {
            "figure_id": figure_ids,
            "article_id": [article_id] * 2,
            "sentence": [sentence] * 2,
            "sentence_start": [start] * 2,
            "span_start": [k_span[0], i_span[0]],
            "span_end": [k_span[1], i_span[1]],
            "number_text": [f"At least {killed}", str(injured)],
            "outcome": ["killed", "injured"],
            "victim_group": ["civilians", "civilians"],
            "count_low": [killed, injured],
            "count_best": [killed, injured],
            "count_high": [None, injured],
            "qualifier": ["at_least", "exact"],
        }
    )
    reports = pd.DataFrame(
        {
            "report_id": [f"{article_id}:incident:killed:civilians:1", f"{article_id}:incident:injured:civilians:1"],
            "article_id": [article_id] * 2,
            "kind": ["incident"] * 2,
            "outcome": ["killed", "injured"],
            "victim_group": ["civilians"] * 2,
            "count_low": [killed, injured],
            "count_best": [killed, injured],
            "count_high": [None, injured],
            "qualifier": ["at_least", "exact"],
            "start_date": [pd.Timestamp("2024-03-12")] * 2,
            "end_date": [pd.Timestamp("2024-03-12")] * 2,
            "country_code": ["AFG", None],
            "location": [place] * 2,
            "perpetrator": [None, None],
            "reporting_source": ["the provincial governor"] * 2,
            "figure_ids": figure_ids,
            "sentence": [sentence] * 2,
            "span_start": [k_span[0], i_span[0]],
            "span_end": [k_span[1], i_span[1]],
        }
    )
    note_start = text.index("Officials blamed")
    notes = pd.DataFrame(
        {
            "note_id": [f"{article_id}:{note_start}-{len(text)}"],
            "article_id": [article_id],
            "reporting_source": ["Officials"],
            "blamed": ["the insurgents"],
            "sentence": ["Officials blamed the insurgents."],
            "span_start": [note_start],
            "span_end": [len(text)],
        }
    )
    return {"articles": articles, "figures": figures, "reports": reports, "notes": notes}


def sample_frames(n: int = 2) -> dict[str, pd.DataFrame]:
    """n articles in one batch, plus one unreadable input line."""
    parts = [batch_frames(i) for i in range(n)]
    frames = {t: pd.concat([p[t] for p in parts], ignore_index=True) for t in parts[0]}
    frames["errors"] = pd.DataFrame(
        {"origin": ["tests/corpus.jsonl:99"], "stage": ["parse"], "reason": ["line is not valid JSON"]}
    )
    return frames


def content(store: Store, table: str) -> pd.DataFrame:
    """A table without the store's stamps, sorted by its id, for comparing stores."""
    frame = store.read(table).drop(columns=list(STAMPS))
    key = columns.UNIQUE.get(table, "error_id")
    return frame.sort_values(key).reset_index(drop=True)


def run_python(code: str, *args: str, **popen) -> subprocess.Popen:
    """Start `python -c code args` with the repo and tests importable."""
    prelude = f"import sys; sys.path[:0] = [{str(REPO)!r}, {str(REPO / 'tests')!r}]\n"
    return subprocess.Popen([sys.executable, "-c", prelude + code, *args], text=True, **popen)


# ---------------------------------------------------------------------------------------------- basics


def test_empty_store_reads_empty_typed_frames(tmp_path):
    store = Store(tmp_path / "none-yet")
    assert store.is_empty()
    assert store.known_article_ids() == set()
    assert store.tables() == dict.fromkeys(columns.TABLES, 0)
    for table in columns.TABLES:
        frame = store.read(table)
        assert frame.empty
        extra = STAMPS if table in INGESTED else ()
        pd.testing.assert_series_equal(frame.dtypes, columns.empty_frame(table, extra).dtypes)
    assert store.query("SELECT count(*) AS n FROM reports")["n"].tolist() == [0]
    assert not (tmp_path / "none-yet").exists(), "reading must not create the store"


def test_write_and_read_back_every_table_with_registry_dtypes(tmp_path):
    store = Store(tmp_path)
    frames = sample_frames()
    batch_id = store.write_batch(frames)
    assert batch_id is not None
    assert not store.is_empty()
    counts = store.tables()
    assert counts == {
        **dict.fromkeys(columns.TABLES, 0),
        "articles": 2,
        "figures": 4,
        "reports": 4,
        "notes": 2,
        "errors": 1,
    }
    for table in INGESTED:
        frame = store.read(table)
        expected = columns.empty_frame(table, STAMPS).dtypes
        pd.testing.assert_series_equal(frame.dtypes, expected, obj=table)
        assert (frame["batch_id"] == batch_id).all()
        if table != "errors":
            want = columns.conform(frames[table], table)
            pd.testing.assert_frame_equal(frame.drop(columns=list(STAMPS)), want, obj=table)
    errors = store.read("errors")
    assert errors["error_id"].notna().all(), "the store gives errors without an id one"
    assert store.known_article_ids() == set(frames["articles"]["article_id"])


def test_read_selects_columns_and_filters_with_parameters(tmp_path):
    store = Store(tmp_path)
    store.write_batch(sample_frames(4))
    killed = store.read(
        "reports", columns=["report_id", "count_best"], where="outcome = ? AND count_best > ?", params=["killed", 3]
    )
    assert list(killed.columns) == ["report_id", "count_best"]
    assert killed["count_best"].dtype == "Int64"
    assert sorted(killed["count_best"].tolist()) == [4, 5, 6]
    dates = store.read("articles", columns=["published"], where="published >= DATE '2024-03-16'")
    assert dates["published"].dtype == columns.DATE and len(dates) == 2
    per_place = store.query(
        "SELECT r.location, sum(r.count_best) AS count_best, min(a.published) AS published "
        "FROM reports r JOIN articles a USING (article_id) WHERE r.outcome = ? GROUP BY 1 ORDER BY 1",
        ["killed"],
    )
    assert per_place["location"].tolist() == ["Bakhmut", "Gao", "Kandahar", "Mosul"]
    assert per_place["count_best"].dtype == "Int64" and per_place["published"].dtype == columns.DATE
    with pytest.raises(StoreError, match="not in the registry"):
        store.read("reports", columns=["victims"])
    with pytest.raises(StoreError, match="unknown table"):
        store.read("casualties")


def test_extra_registry_columns_are_kept_and_unknown_ones_rejected(tmp_path):
    store = Store(tmp_path)
    first = batch_frames(0)
    first["reports"] = first["reports"].assign(event_id=["ev-1", "ev-2"])
    store.write_batch(first)
    store.write_batch(batch_frames(1))  # an older-style batch without event_id
    reports = store.read("reports")
    assert list(reports.columns) == list(columns.TABLES["reports"]) + ["event_id", *STAMPS]
    assert reports["event_id"].dtype == columns.STRING
    assert reports["event_id"].isna().sum() == 2
    bad = batch_frames(2)
    bad["reports"] = bad["reports"].assign(deaths=1)
    with pytest.raises(StoreError, match="reports: columns not in the registry.*deaths"):
        store.write_batch(bad)


def test_invalid_frame_is_rejected_whole_with_a_clear_error(tmp_path):
    store = Store(tmp_path)
    bad = batch_frames(0)
    bad["reports"].loc[0, "outcome"] = "dead"
    with pytest.raises(StoreError, match="reports: frame rejected"):
        store.write_batch(bad)
    assert store.is_empty()
    assert not (tmp_path / "batches").exists() and not any((tmp_path / ".staging").glob("*"))
    with pytest.raises(StoreError, match="cannot be written here"):
        store.write_batch({"events": pd.DataFrame()})


# ---------------------------------------------------------------------------------------------- dedup


def test_same_input_twice_stores_nothing_new(tmp_path):
    store = Store(tmp_path)
    assert store.write_batch(sample_frames()) is not None
    version, counts = store.version(), store.tables()
    assert store.write_batch(sample_frames()) is None
    assert Store(tmp_path).write_batch(sample_frames()) is None, "a fresh process dedups against the files"
    assert store.tables() == counts and store.version() == version
    assert len(list((tmp_path / "batches").iterdir())) == 1


def test_known_articles_are_dropped_with_their_children(tmp_path):
    store = Store(tmp_path)
    store.write_batch(batch_frames(0))
    parts = [batch_frames(0), batch_frames(1), batch_frames(1)]  # an old article, and a new one read twice
    mixed = {t: pd.concat([p[t] for p in parts], ignore_index=True) for t in parts[0]}
    batch_id = store.write_batch(mixed)
    new_id = batch_frames(1)["articles"]["article_id"].iloc[0]
    for table in ("articles", "figures", "reports", "notes"):
        written = store.read(table, where="batch_id = ?", params=[batch_id])
        assert set(written["article_id"]) == {new_id}, table
    assert store.tables()["reports"] == 4


def test_errors_dedup_on_error_id(tmp_path):
    store = Store(tmp_path)
    errors = pd.DataFrame({"origin": ["a.csv:2", "a.csv:2"], "stage": ["read"] * 2, "reason": ["empty text"] * 2})
    assert store.write_batch({"errors": errors}) is not None
    assert store.tables()["errors"] == 1
    assert store.write_batch({"errors": errors}) is None
    assert store.is_empty(), "a batch of errors only stores no articles"


def test_publish_batch_with_a_fixed_id_is_idempotent(tmp_path):
    assert publish_batch(tmp_path, batch_frames(0), batch_id="job1-part-00000") == "job1-part-00000"
    assert publish_batch(tmp_path, batch_frames(0), batch_id="job1-part-00000") is None, "a retried task"
    assert Store(tmp_path).tables()["articles"] == 1


# ---------------------------------------------------------------------------------------------- crashes

WRITER = """
import time
from test_store import batch_frames
from etl.store import Store
root, n, pause = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
with Store(root).writer() as store:
    for i in range(n):
        store.write_batch(batch_frames(i))
        time.sleep(pause)
"""


def assert_whole_batches(root: Path) -> int:
    """Every published batch has exactly the files its manifest lists, with the rows it lists."""
    batches = sorted((root / "batches").iterdir())
    for batch in batches:
        manifest = json.loads((batch / "_batch.json").read_text())
        assert manifest["batch_id"] == batch.name
        assert manifest["rows"] == {"articles": 1, "figures": 2, "reports": 2, "notes": 1}
        files = sorted(["_batch.json", *(f"{t}.parquet" for t in manifest["rows"])])
        assert sorted(p.name for p in batch.iterdir()) == files
        for table, rows in manifest["rows"].items():
            assert pq.read_metadata(batch / f"{table}.parquet").num_rows == rows
    return len(batches)


def test_sigkill_midway_leaves_whole_batches_and_a_rerun_completes(tmp_path):
    n = 12
    root = tmp_path / "store"
    proc = run_python(WRITER, str(root), str(n), "0")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if (root / "batches").is_dir() and len(os.listdir(root / "batches")) >= 3:
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the writer finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    landed = assert_whole_batches(root)
    assert 3 <= landed < n
    store = Store(root)
    assert store.tables() == {
        **dict.fromkeys(columns.TABLES, 0),
        "articles": landed,
        "figures": 2 * landed,
        "reports": 2 * landed,
        "notes": landed,
    }
    assert len(store.read("reports")) == 2 * landed

    rerun = [store.write_batch(batch_frames(i)) for i in range(n)]
    assert sum(b is not None for b in rerun) == n - landed, "the rerun writes exactly the missing batches"
    assert assert_whole_batches(root) == n
    assert list((root / ".staging").iterdir()) == [], "the rerun removed what the killed writer had staged"

    clean = Store(tmp_path / "clean")
    parts = [batch_frames(i) for i in range(n)]
    clean.write_batch({t: pd.concat([p[t] for p in parts], ignore_index=True) for t in parts[0]})
    for table in INGESTED:
        pd.testing.assert_frame_equal(content(store, table), content(clean, table), obj=table)


READER = """
import time
from pathlib import Path
from etl.store import Store
store, stop = Store(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
while not stop.exists():
    counts = store.query(
        "SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM figures) AS f, "
        "(SELECT count(*) FROM reports) AS r, (SELECT count(*) FROM notes) AS n"
    ).iloc[0].tolist()
    events = store.read("events")
    assert (events["n_reports"] == len(events)).all(), f"partial events table: {len(events)} rows"
    print(*counts, len(events), flush=True)
    time.sleep(0.02)  # leave the writer some CPU
"""


def test_reader_in_another_process_never_sees_partial_batches(tmp_path):
    root, stop = tmp_path / "store", tmp_path / "stop"
    reader = run_python(READER, str(root), str(stop), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout.readline().strip() == "ready"
    store = Store(root)
    with store.writer():
        for i in range(10):
            store.write_batch(batch_frames(i))
            store.write_derived("events", events_frame(i + 1).assign(n_reports=i + 1))
            time.sleep(0.01)
    # let the reader see the last batch, however busy the machine is, before it stops
    lines, deadline = [], time.monotonic() + 30
    while time.monotonic() < deadline:
        line = reader.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.split()[0] == "10":
            break
    stop.touch()
    out, err = reader.communicate(timeout=30)
    assert reader.returncode == 0, err
    seen = [tuple(int(x) for x in line.split()) for line in lines + out.splitlines()]
    assert len({s[0] for s in seen}) >= 4, "the reader should have overlapped many writes"
    for a, f, r, n, _ in seen:
        assert (f, r, n) == (2 * a, 2 * a, a), "a read saw part of a batch"
    articles = [s[0] for s in seen]
    assert articles == sorted(articles), "counts only ever grow"
    assert seen[-1][0] == 10


# ---------------------------------------------------------------------------------------------- locking


def test_writer_start_cleans_dead_writers_staging_only(tmp_path):
    store = Store(tmp_path)
    staging = tmp_path / ".staging"
    for name in ("20240101T000000000000-deadbeef.locked", "job1-part-00001", "job1-part-00002"):
        (staging / name).mkdir(parents=True)
        (staging / name / "articles.parquet").write_bytes(b"half")
    old = time.time() - 3600
    for path in (staging / "job1-part-00001", staging / "job1-part-00001" / "articles.parquet"):
        os.utime(path, (old, old))
    with store.writer():
        assert sorted(p.name for p in staging.iterdir()) == ["job1-part-00002"], "a live lock-free writer stays"
    assert store.is_empty()


def test_a_second_writer_waits_for_the_lock(tmp_path):
    first, second = Store(tmp_path), Store(tmp_path)  # two open lock files conflict like two processes
    got_lock = threading.Event()

    def write():
        with second.writer():
            got_lock.set()

    with first.writer():
        thread = threading.Thread(target=write)
        thread.start()
        assert not got_lock.wait(0.5), "the second writer must wait while the first holds the lock"
    assert got_lock.wait(10)
    thread.join()


# ---------------------------------------------------------------------------------------------- derived


def events_frame(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_key": [f"ev-{k}:killed:civilians" for k in range(n)],
            "event_id": [f"ev-{k}" for k in range(n)],
            "kind": ["incident"] * n,
            "outcome": ["killed"] * n,
            "victim_group": ["civilians"] * n,
            "count_best": list(range(n)),
            "start_date": [pd.Timestamp("2024-03-12")] * n,
            "n_reports": [2] * n,
            "n_articles": [1] * n,
            "first_reported": [pd.Timestamp("2024-03-14")] * n,
            "report_ids": [f"r-{k}a;r-{k}b" for k in range(n)],
        }
    )


def test_write_derived_replaces_atomically(tmp_path, monkeypatch):
    store = Store(tmp_path)
    v0 = store.version()
    store.write_derived("events", events_frame(3))
    v1 = store.version()
    store.write_derived("events", events_frame(5))
    v2 = store.version()
    assert len({v0, v1, v2}) == 3
    events = store.read("events")
    pd.testing.assert_frame_equal(events, columns.conform(events_frame(5), "events"))
    assert store.tables()["events"] == 5

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("etl.store._write_parquet", crash)
    with pytest.raises(OSError, match="disk full"):
        store.write_derived("events", events_frame(9))
    assert len(store.read("events")) == 5, "a failed replace keeps the old table"
    versions = sorted((tmp_path / "derived" / "events").iterdir())
    assert len(versions) == 2 and all(p.suffix == ".parquet" for p in versions), "no temp file left"
    assert store.version() == v2
    monkeypatch.undo()

    old = time.time() - 3600
    for path in versions:
        os.utime(path, (old, old))
    store.write_derived("events", events_frame(1))
    kept = sorted((tmp_path / "derived" / "events").iterdir())
    assert kept[0] == versions[-1] and len(kept) == 2, "versions replaced long ago are deleted"
    assert len(store.read("events")) == 1
    with pytest.raises(StoreError, match="cannot be written here"):
        store.write_derived("reports", batch_frames(0)["reports"])


# ---------------------------------------------------------------------------------------------- regenerate


def regenerate_all(store: Store, bump: int = 0) -> None:
    """Write every stored row anew, the reports' counts raised by `bump` (as a new engine release might)."""
    with store.regenerate() as generation:
        for table in INGESTED:
            for frame in store.iter_rows(table, generation.sources, rows=2):
                if table in ("figures", "reports"):
                    frame = frame.assign(count_best=frame["count_best"] + bump).drop(columns=["ingested_at"])
                generation.append(table, frame)
        generation.write_derived("events", events_frame(2))


def test_regenerate_replaces_every_batch_in_one_step(tmp_path):
    store = Store(tmp_path / "store")
    for i in range(3):
        store.write_batch(batch_frames(i))
    store.write_derived("events", events_frame(5))
    before = {t: content(store, t) for t in INGESTED}
    stamps = store.read("articles")[["article_id", "batch_id", "ingested_at"]]
    old_batches = sorted(p.name for p in (store.root / "batches").iterdir())
    version = store.version()

    class EngineCrash(Exception):
        pass

    with pytest.raises(EngineCrash), store.regenerate() as generation:
        generation.append("reports", store.read("reports").assign(count_best=99))
        raise EngineCrash
    assert store.version() == version and list((store.root / ".staging").iterdir()) == []
    for table in INGESTED:
        pd.testing.assert_frame_equal(content(Store(store.root), table), before[table], obj=table)

    regenerate_all(store, bump=1)
    new_batches = sorted(p.name for p in (store.root / "batches").iterdir())
    assert new_batches[:3] == old_batches and len(new_batches) == 4
    generation_id = new_batches[-1]
    replaced = json.loads((store.root / "batches" / generation_id / "_replaces.json").read_text())
    assert replaced == {"batches": old_batches}
    reader = Store(store.root)
    assert store.version() != version
    assert reader.tables() == {**dict.fromkeys(columns.TABLES, 0), "articles": 3, "figures": 6, "reports": 6,
                               "notes": 3, "errors": 0, "events": 2}
    reports = content(reader, "reports")
    pd.testing.assert_series_equal(reports["count_best"], before["reports"]["count_best"] + 1)
    articles = reader.read("articles")
    pd.testing.assert_frame_equal(content(reader, "articles"), before["articles"])
    # rows keep their batch's grouping (an article and its reports share a batch id) and when they came in
    assert articles["batch_id"].str.startswith(generation_id + "-").all() and articles["batch_id"].nunique() == 3
    merged = articles.merge(stamps, on="article_id", suffixes=("", "_old"), validate="one_to_one")
    pd.testing.assert_series_equal(merged["ingested_at"], merged["ingested_at_old"], check_names=False)
    joined = reader.query("SELECT count(*) AS n FROM reports r JOIN articles a USING (article_id, batch_id)")
    assert joined["n"].tolist() == [6]

    # the generation's events are current until a newer derived version lands
    assert len(reader.read("events")) == 2
    store.write_derived("events", events_frame(4))
    assert len(reader.read("events")) == 4
    # an ingest after it appends as always; a second re-extraction replaces the first and that batch
    store.write_batch(batch_frames(7))
    regenerate_all(store)
    assert Store(store.root).tables()["articles"] == 4 and len(Store(store.root).read("events")) == 2
    assert assert_whole_batches_readable(store.root) == 6


def assert_whole_batches_readable(root: Path) -> int:
    """Every batch directory holds its manifest; returns how many there are."""
    batches = sorted((root / "batches").iterdir())
    for batch in batches:
        assert (batch / "_batch.json").exists(), batch
    return len(batches)


def test_replaced_batches_are_deleted_after_the_grace_period(tmp_path):
    store = Store(tmp_path / "store")
    for i in range(2):
        store.write_batch(batch_frames(i))
    regenerate_all(store)
    regenerate_all(store)
    batches = sorted((store.root / "batches").iterdir())
    assert len(batches) == 4
    before = {t: content(store, t) for t in INGESTED}
    with store.writer():
        pass
    assert len(list((store.root / "batches").iterdir())) == 4, "replaced batches stay while readers may use them"
    old = time.time() - 3600
    for batch in batches[2:]:
        os.utime(batch / "_replaces.json", (old, old))
    with store.writer():
        pass
    assert sorted((store.root / "batches").iterdir()) == [batches[3]]
    for table in INGESTED:
        pd.testing.assert_frame_equal(content(Store(store.root), table), before[table], obj=table)


# ---------------------------------------------------------------------------------------------- export, root


def test_export_csv_and_parquet_round_trip(tmp_path):
    store = Store(tmp_path / "store")
    store.write_batch(sample_frames(3))
    reports = store.read("reports")

    assert store.export("reports", tmp_path / "out" / "reports.parquet") == len(reports)
    pd.testing.assert_frame_equal(
        columns.conform(pd.read_parquet(tmp_path / "out" / "reports.parquet"), "reports", STAMPS), reports
    )

    csv = tmp_path / "out" / "reports.csv"
    assert store.export("reports", csv) == len(reports)
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == list(reports.columns)
    assert ",2024-03-12,2024-03-12," in lines[1], "dates are ISO"
    back = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    back = back.assign(
        start_date=pd.to_datetime(back["start_date"]),
        end_date=pd.to_datetime(back["end_date"]),
        ingested_at=pd.to_datetime(back["ingested_at"], utc=True),
    )
    pd.testing.assert_frame_equal(columns.conform(back, "reports", STAMPS), reports)

    articles = tmp_path / "out" / "articles.data"
    assert store.export("articles", articles, fmt="csv") == 3
    text = pd.read_csv(articles, dtype=str)["text"].tolist()
    assert text == store.read("articles")["text"].tolist(), "texts with commas and quotes survive"

    empty = tmp_path / "out" / "events.csv"
    assert store.export("events", empty) == 0
    assert empty.read_text().strip().split(",") == list(columns.TABLES["events"]), "header even with no rows"
    with pytest.raises(StoreError, match="export format"):
        store.export("reports", tmp_path / "out" / "reports.xlsx")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_root_from_argument_env_var_or_default(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_root() == DEFAULT_ROOT == Path("data")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_root() == tmp_path / "from-env"
    assert resolve_root(tmp_path / "from-flag") == tmp_path / "from-flag"
    Store().write_batch(batch_frames(0))
    assert Store(tmp_path / "from-env").tables()["articles"] == 1
    assert Store(tmp_path / "from-flag").is_empty()
