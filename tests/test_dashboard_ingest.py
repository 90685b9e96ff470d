"""Uploads and the first-start sample: checks before the pipeline, clear messages, nothing lost on failure."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from dashboard import ingest
from etl.store import Store
from tests.test_dashboard_data import sample_frames

TEXT = "Gunmen killed at least 12 civilians in Mosul on Monday, police said.\n"


def data_url(raw: bytes, mime: str = "text/plain") -> str:
    return f"data:{mime};base64," + base64.b64encode(raw).decode()


def test_decode_accepts_text_files() -> None:
    assert ingest.decode_upload("report.txt", data_url(TEXT.encode())) == TEXT.encode()
    assert ingest.decode_upload("page.HTML", data_url(b"<p>x</p>", "text/html")) == b"<p>x</p>"
    assert ingest.decode_upload("old.csv", data_url("caf\xe9".encode("cp1252"))) == b"caf\xe9"


@pytest.mark.parametrize(
    ("name", "contents", "reason"),
    [
        ("photo.png", data_url(b"\x89PNG"), "cannot read .png"),
        ("notes", data_url(b"text"), "cannot read files without a suffix"),
        ("empty.txt", data_url(b"   \n"), "empty"),
        ("broken.txt", "data:text/plain;base64,@@@", "corrupt"),
        ("half.txt", None, "not received whole"),
        ("binary.txt", data_url(b"abc\x00def"), "binary"),
        ("big.txt", data_url(b"x" * 2048), "larger than the 1024 bytes limit"),
    ],
)
def test_decode_refuses_with_the_file_name(name: str, contents: str | None, reason: str) -> None:
    with pytest.raises(ingest.UploadError) as err:
        ingest.decode_upload(name, contents, max_bytes=1024)
    assert name in str(err.value) and reason in str(err.value)


def test_safe_name() -> None:
    assert ingest.safe_name("../../etc/passwd") == "passwd"
    assert ingest.safe_name("C:\\Users\\me\\My File (1).jsonl") == "My_File_1_.jsonl"
    assert ingest.safe_name("...") == "upload"


class FakePipeline:
    """Stands in for etl.pipeline.ingest_paths: writes the sample batch and records what it was given."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail

    def __call__(self, paths: list[str], store: Store, progress: bool = True) -> dict:
        self.calls.append([Path(p).read_text(encoding="utf-8") for p in paths])
        if self.fail:
            raise RuntimeError("parser exploded")
        store.write_batch(sample_frames())
        return {"articles_read": len(paths), "articles_new": 3, "reports": 6, "errors": 0, "seconds": 0.1}


def test_good_and_bad_uploads_together(tmp_path, monkeypatch) -> None:
    fake = FakePipeline()
    monkeypatch.setattr(ingest, "_pipeline", lambda: fake)
    store = Store(tmp_path / "store")
    result = ingest.ingest_uploads(
        [("a.txt", data_url(TEXT.encode())), ("b.exe", data_url(b"MZ")), ("c.jsonl", data_url(b'{"text": "x"}'))],
        store,
    )
    assert result.accepted == ["a.txt", "c.jsonl"] and len(fake.calls[0]) == 2
    assert result.refused == ["b.exe: cannot read .exe; use .txt, .html, .htm, .jsonl, .csv"]
    lines = list(ingest.messages(result))
    assert lines[0] == "Ingested a.txt, c.jsonl: 2 articles read, 3 new, 6 reports, 0 errors, 0.1 s."
    assert store.tables()["reports"] == 6


def test_a_failing_ingest_loses_nothing(tmp_path, monkeypatch) -> None:
    store = Store(tmp_path / "store")
    store.write_batch(sample_frames())
    monkeypatch.setattr(ingest, "_pipeline", lambda: FakePipeline(fail=True))
    result = ingest.ingest_uploads([("a.txt", data_url(TEXT.encode()))], store)
    assert not result.ok and result.errors == ["ingest failed: RuntimeError: parser exploded"]
    assert store.tables()["reports"] == 6


def test_sample_ingested_only_into_an_empty_store(tmp_path, monkeypatch) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "articles.jsonl").write_text('{"id": "1", "text": "x"}\n')
    (sample / "README.md").write_text("not an input")
    fake = FakePipeline()
    monkeypatch.setattr(ingest, "_pipeline", lambda: fake)
    store = Store(tmp_path / "store")
    lines: list[str] = []
    summary = ingest.ingest_sample_if_empty(store, sample, log=lines.append)
    assert summary is not None and summary["reports"] == 6 and len(fake.calls) == 1
    assert "ingesting 1 sample file" in lines[0]
    assert ingest.ingest_sample_if_empty(store, sample, log=lines.append) is None  # not empty any more
    assert len(fake.calls) == 1


# ---- the upload form's metadata, one limit, background jobs


def test_one_upload_limit_stated_once() -> None:
    """The hint and every refusal name the readers' cap: a file the hint allows is never refused as too large."""
    from etl import readers

    assert ingest.MAX_UPLOAD_BYTES == readers.MAX_BYTES
    limit = readers.cap_text(readers.MAX_BYTES)
    assert f"Up to {limit} per file" in ingest.limit_hint()
    just_under = data_url(b"x" * (ingest.MAX_UPLOAD_BYTES - 1))
    assert len(ingest.decode_upload("under.txt", just_under)) == ingest.MAX_UPLOAD_BYTES - 1
    with pytest.raises(ingest.UploadError, match=f"larger than the {limit} limit"):
        ingest.decode_upload("over.txt", data_url(b"x" * (ingest.MAX_UPLOAD_BYTES + 1)))


def test_more_names_than_contents_reports_the_dropped_file() -> None:
    pairs = ingest.pair_uploads(["a.txt", "b.txt", "c.txt"], [data_url(TEXT.encode())])
    assert [name for name, _ in pairs] == ["a.txt", "b.txt", "c.txt"]
    result = ingest.UploadResult()
    prepared = ingest._prepare(pairs)
    try:
        result = prepared.result
    finally:
        import shutil

        shutil.rmtree(prepared.workdir, ignore_errors=True)
    assert result.accepted == ["a.txt"]
    assert result.refused == ["b.txt: the upload is empty or was not received whole",
                              "c.txt: the upload is empty or was not received whole"]


@pytest.mark.parametrize(
    ("published", "outlet", "url", "reason"),
    [("2300-01-01", None, None, "not between 1900-01-01"), ("yesterday", None, None, "not a date"),
     (None, "x" * 201, None, "at most 200 characters"), (None, None, "javascript:alert(1)", "an http.s. address")],
)
def test_upload_metadata_is_checked(published, outlet, url, reason) -> None:
    with pytest.raises(ingest.UploadError, match=reason):
        ingest.upload_metadata(published, outlet, url)


def test_an_undated_text_gets_the_forms_date_outlet_and_url(tmp_path) -> None:
    """Real pipeline: the .txt says nothing of when or where it was published; the form does."""
    store = Store(tmp_path / "store")
    meta = ingest.upload_metadata("2024-05-06", "Example Wire", "https://news.example/zamfara")
    result = ingest.ingest_uploads([("zamfara.txt", data_url(TEXT.encode()))], store, meta)
    assert result.ok, result.errors
    article = store.read("articles").iloc[0]
    assert str(article["published"].date()) == "2024-05-06"
    assert (article["source"], article["url"]) == ("Example Wire", "https://news.example/zamfara")


def test_uploads_run_in_the_background_and_report_progress(tmp_path, monkeypatch) -> None:
    import threading
    import time

    release = threading.Event()

    class SlowPipeline(FakePipeline):
        def __call__(self, paths, store, progress=True):
            release.wait(10)
            return super().__call__(paths, store, progress)

    fake = SlowPipeline()
    monkeypatch.setattr(ingest, "_pipeline", lambda: fake)
    store = Store(tmp_path / "store")
    started = time.perf_counter()
    job = ingest.submit_uploads([("a.txt", data_url(TEXT.encode()))], store, "amira")
    assert time.perf_counter() - started < 1  # returned while the pipeline still waits
    status = ingest.job_status(store, job.job_id)
    assert status is not None and not status.finished and status.user == "amira"
    assert "a.txt" in status.files[0] and "…" in status.progress_line()
    release.set()
    deadline = time.monotonic() + 10
    while not (status := ingest.job_status(store, job.job_id)).finished and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status.state == "done" and status.color == "success"
    assert status.messages[0].startswith("Ingested a.txt")
    assert ingest.job_status(store, "../../etc/passwd") is None
