"""`--store s3://bucket/prefix` against a local S3 endpoint (moto's server on 127.0.0.1, started here): the same
rows as a local store, a killed writer leaves no partial data, two writers at once store each article once."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("moto.server")
pytest.importorskip("s3fs")

from etl import columns as registry  # noqa: E402
from etl.pipeline import ingest_paths  # noqa: E402
from etl.store import STAMPS, Store, StoreError, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"articles": "article_id", "figures": "figure_id", "reports": "report_id", "notes": "note_id"}
PLACES = [
    ("Kunduz", "soldiers", "Afghanistan"),
    ("Mogadishu", "people", "Somalia"),
    ("Gao", "soldiers", "Mali"),
    ("Maiduguri", "villagers", "Nigeria"),
    ("Idlib", "civilians", "Syria"),
    ("Aden", "fighters", "Yemen"),
]


def stories(n: int, offset: int = 0) -> list[dict]:
    out = []
    for i in range(offset, offset + n):
        place, victims, _country = PLACES[i % len(PLACES)]
        day = 1 + i % 27
        out.append(
            {
                "id": f"s3-{i:04d}",
                "published": f"2024-04-{day:02d}",
                "text": f"Gunmen killed {3 + i} {victims} near {place} on Monday, officials said. "
                f"At least {i % 9 + 1} others were wounded in the attack, a local official said.",
            }
        )
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def s3_env():
    """A moto S3 server on a free port of 127.0.0.1 and the environment pointing at it (restored after)."""
    from moto.server import ThreadedMotoServer

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "CASUALTY_S3_LEASE_SECONDS": "3",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    import boto3

    boto3.client("s3").create_bucket(Bucket="casualties")
    try:
        yield {**os.environ, **env}
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("s3") / "corpus.jsonl", stories(60))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("local") / "store")
    ingest_paths([str(corpus)], store, progress=False, batch_size=15)
    return store


def same_rows(a, b, ignore: tuple[str, ...] = ()) -> None:
    for table, key in KEYS.items():
        drop = [c for c in (*STAMPS, *ignore) if c in registry.TABLES[table] or c in STAMPS]
        x = a.read(table).drop(columns=drop).sort_values(key).reset_index(drop=True)
        y = b.read(table).drop(columns=drop).sort_values(key).reset_index(drop=True)
        assert x[key].is_unique and y[key].is_unique, table
        assert x.equals(y), table
    for store in (a, b):
        assert set(store.read("report_events")["report_id"]) == set(store.read("reports")["report_id"])


def whole(store) -> None:
    """Every stored report, figure and note belongs to a stored article; nothing is there twice."""
    articles = set(store.read("articles")["article_id"])
    for table, key in KEYS.items():
        frame = store.read(table)
        assert frame[key].is_unique, table
        assert set(frame["article_id"]) <= articles, table


def test_cli_ingest_to_s3_stores_what_a_local_store_does(s3_env, corpus, reference):
    url = "s3://casualties/cli"
    for _ in range(2):  # the second run stores nothing new
        run = subprocess.run(
            [sys.executable, "-m", "etl", "ingest", str(corpus), "--store", url, "--quiet", "--batch-size", "15"],
            cwd=ROOT,
            env=s3_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
    store = open_store(url)
    assert len(store._list_batches()) == 4
    same_rows(store, reference)
    status = subprocess.run(
        [sys.executable, "-m", "etl", "status", "--store", url],
        cwd=ROOT,
        env=s3_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "events are up to date" in status.stdout and "articles" in status.stdout
    with pytest.raises(StoreError, match="not available on object storage"), store.regenerate():
        pass


KILLED_WRITER = """
import os, signal, sys
sys.path.insert(0, {root!r})
import etl.objectstore as objectstore
real, count = objectstore.ObjectStore._put, [0]
def put(self, rel, body, **kw):
    if rel.startswith("batches/"):
        count[0] += 1
        if count[0] == 6:  # the second batch: some of its files uploaded, no commit
            os.kill(os.getpid(), signal.SIGKILL)
    return real(self, rel, body, **kw)
objectstore.ObjectStore._put = put
from etl.pipeline import ingest_paths
from etl.store import open_store
ingest_paths([{path!r}], open_store({url!r}), progress=False, batch_size=15)
"""


def test_a_killed_writer_leaves_no_partial_batch_and_a_rerun_completes(s3_env, corpus, reference):
    url = "s3://casualties/killed"
    script = KILLED_WRITER.format(root=str(ROOT), path=str(corpus), url=url)
    proc = subprocess.run([sys.executable, "-c", script], env=s3_env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    store = open_store(url)
    assert store._list_batches() and len(store._list("batches")) > len(store._list_batches())  # an upload, uncommitted
    assert len(store.read("articles")) == 15  # the first batch only, whole
    whole(store)
    ingest_paths([str(corpus)], open_store(url), progress=False, batch_size=15)  # waits out the dead lease
    store = open_store(url)
    assert len(store._list("batches")) == len(store._list_batches())  # the dead writer's upload was removed
    same_rows(store, reference)


def test_two_writers_at_once_store_each_article_once(s3_env, tmp_path, reference):
    url = "s3://casualties/two"
    first = write_jsonl(tmp_path / "first.jsonl", stories(40))
    second = write_jsonl(tmp_path / "second.jsonl", stories(40, offset=20))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "etl", "ingest", str(path), "--store", url, "--quiet", "--batch-size", "10"],
            cwd=ROOT,
            env=s3_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    store = open_store(url)
    whole(store)
    assert len(store.read("articles")) == 60
    same_rows(store, reference, ignore=("origin",))  # (the articles came from other files)
