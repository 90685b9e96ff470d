"""Adding articles from the dashboard: uploaded files and the first-start sample, through the ETL pipeline.

Uploads are checked (type, size, readable text) in the request; the ones that pass are written to a temporary
folder under their own (sanitised) names and queued (`submit_uploads`). One worker thread per server process
hands them to `etl.pipeline.ingest_paths` (one store batch, then the events rebuild), so no request waits on
extraction; the job's state is a small JSON file under ROOT/.uploads/ that any worker process can answer
a progress poll from (`job_status`). A file the pipeline cannot read becomes an error row in the store and a
message here; whatever was stored before is untouched.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import os
import queue
import re
import secrets
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from etl import readers

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
MAX_UPLOAD_BYTES = readers.MAX_BYTES
"""Largest single file accepted from the upload area: the readers' cap for one input (one setting, stated once
by `limit_hint` and by every refusal)."""
MAX_UPLOAD_FILES = 50
MAX_UPLOAD_TOTAL = 3 * MAX_UPLOAD_BYTES
"""Largest upload (all its files together)."""
MAX_REQUEST_BYTES = MAX_UPLOAD_TOTAL * 4 // 3 + 1_000_000
"""Largest request the server reads (Flask MAX_CONTENT_LENGTH): a whole upload in base64, and its envelope."""
MAX_OUTLET, MAX_URL = 200, 2000
JOBS_DIR = ".uploads"
"""Upload jobs' state files under the store root."""
JOB_KEEP_SECONDS = 24 * 3600


def limit_text() -> str:
    return readers.cap_text(MAX_UPLOAD_BYTES)


def limit_hint() -> str:
    """The upload area's hint: the one limit, as the server enforces it."""
    return (f"Up to {limit_text()} per file and {readers.cap_text(MAX_UPLOAD_TOTAL)} in all, {MAX_UPLOAD_FILES} files "
            "at once. Publication date, outlet and URL fill in what a file does not say.")


class UploadError(ValueError):
    """A file that cannot be taken; the message names the file and the reason."""


@dataclass
class UploadResult:
    """What happened to one upload: files taken, messages for the ones refused, the pipeline's summary."""

    accepted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.accepted) and not self.errors


def safe_name(name: str) -> str:
    """A file name without directories or odd characters (keeps the suffix)."""
    base = Path(str(name).replace("\\", "/")).name or "upload"
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    return cleaned[:120]


def decode_upload(name: str, contents: str | None, max_bytes: int = MAX_UPLOAD_BYTES) -> bytes:
    """The bytes of one dcc.Upload item ('data:<type>;base64,<data>'); UploadError when it cannot be taken."""
    suffix = Path(str(name)).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadError(f"{name}: cannot read {suffix or 'files without a suffix'}; "
                          f"use {', '.join(UPLOAD_SUFFIXES)}")
    if not contents or "," not in contents:
        raise UploadError(f"{name}: the upload is empty or was not received whole")
    header, payload = contents.split(",", 1)
    if ";base64" not in header:
        raise UploadError(f"{name}: unexpected upload encoding")
    if len(payload) * 3 // 4 > max_bytes + 3:
        raise UploadError(f"{name}: larger than the {readers.cap_text(max_bytes)} limit")
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UploadError(f"{name}: the upload is corrupt ({exc})") from exc
    if len(raw) > max_bytes:
        raise UploadError(f"{name}: larger than the {readers.cap_text(max_bytes)} limit")
    if not raw.strip():
        raise UploadError(f"{name}: the file is empty")
    if b"\x00" in raw[:4096]:
        raise UploadError(f"{name}: looks like a binary file, not text")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UploadError(f"{name}: not readable as UTF-8 or Windows-1252 text") from exc
    return raw


def _pipeline():
    try:
        from etl.pipeline import ingest_paths
    except ImportError as exc:  # the pipeline lands separately
        raise RuntimeError(f"the ETL pipeline is not available (etl.pipeline.ingest_paths): {exc}") from exc
    return ingest_paths


def pair_uploads(names: Sequence[Any], contents: Sequence[Any]) -> list[tuple[str, str | None]]:
    """(name, data URL) pairs of one dcc.Upload; a name without contents (or contents without a name) is kept
    with what it has, so the checks report it instead of dropping it silently."""
    n = max(len(names), len(contents))
    pairs = []
    for i in range(n):
        name = str(names[i]) if i < len(names) and names[i] else f"upload-{i + 1}"
        pairs.append((name, contents[i] if i < len(contents) else None))
    return pairs


def upload_metadata(published: str | None, outlet: str | None, url: str | None) -> dict[str, str]:
    """The upload form's publication date, outlet and URL, checked (UploadError says why)."""
    meta: dict[str, str] = {}
    if published:
        try:
            day = dt.date.fromisoformat(str(published)[:10])
        except ValueError as exc:
            raise UploadError(f"publication date {str(published)[:20]!r} is not a date (YYYY-MM-DD)") from exc
        latest = dt.date.today() + dt.timedelta(days=1)
        if not dt.date(1900, 1, 1) <= day <= latest:
            raise UploadError(f"publication date {day} is not between 1900-01-01 and {latest}")
        meta["published"] = day.isoformat()
    outlet = (outlet or "").strip()
    if outlet:
        if len(outlet) > MAX_OUTLET or any(ord(c) < 32 for c in outlet):
            raise UploadError(f"the outlet is one line of at most {MAX_OUTLET} characters")
        meta["source"] = outlet
    url = (url or "").strip()
    if url:
        if len(url) > MAX_URL or not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", url, re.I):
            raise UploadError("the URL must be an http(s) address of at most 2,000 characters")
        meta["url"] = url
    return meta


def _with_metadata(paths: list[str], meta: dict[str, str], workdir: Path) -> tuple[list[str], list[str]]:
    """The files read and written again as one JSON-lines corpus whose articles carry the form's metadata where
    the file says nothing of it; (paths to ingest, read errors)."""
    records, errors = [], []
    for path in paths:
        for item in readers.read_one(path):
            if isinstance(item, readers.ReadError):
                errors.append(str(item))
                continue
            record = {"id": Path(item.source_id).name if item.source_id == path else item.source_id,
                      "text": item.text, "title": item.title, "url": item.url or meta.get("url"),
                      "source": item.source or meta.get("source"),
                      "published": item.published or meta.get("published")}
            records.append(record)
    if not records:
        return [], errors
    target = workdir / f"upload-{uuid.uuid4().hex[:8]}.jsonl"
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return [str(target)], errors


@dataclass
class _Prepared:
    workdir: Path
    paths: list[str] = field(default_factory=list)
    originals: dict[str, str] = field(default_factory=dict)
    result: UploadResult = field(default_factory=lambda: UploadResult())


def _prepare(files: Sequence[tuple[str, str | None]]) -> _Prepared:
    """Decode and check the uploaded files and write the good ones to a new temporary folder."""
    prepared = _Prepared(Path(tempfile.mkdtemp(prefix="casualty-upload-")))
    result = prepared.result
    if len(files) > MAX_UPLOAD_FILES:
        dropped = ", ".join(str(name) for name, _ in files[MAX_UPLOAD_FILES:][:5])
        result.refused.append(f"too many files at once ({len(files)}); the limit is {MAX_UPLOAD_FILES}: "
                              f"not taken: {dropped}{' …' if len(files) > MAX_UPLOAD_FILES + 5 else ''}")
        files = files[:MAX_UPLOAD_FILES]
    total = 0
    for name, contents in files:
        try:
            raw = decode_upload(name, contents)
        except UploadError as exc:
            result.refused.append(str(exc))
            continue
        total += len(raw)
        if total > MAX_UPLOAD_TOTAL:
            result.refused.append(f"{name}: over the {readers.cap_text(MAX_UPLOAD_TOTAL)} limit of one upload; "
                                  "upload it again on its own")
            continue
        target = prepared.workdir / safe_name(name)
        n = 1
        while target.exists():
            target = prepared.workdir / f"{target.stem}-{n}{target.suffix}"
            n += 1
        target.write_bytes(raw)
        prepared.paths.append(str(target))
        prepared.originals[str(target)] = str(name)
        result.accepted.append(str(name))
    return prepared


def _run(prepared: _Prepared, store: Any, meta: dict[str, str] | None = None) -> UploadResult:
    """Ingest prepared files in one pipeline run (the slow part); the temporary folder is removed after."""
    result = prepared.result
    try:
        if prepared.paths:
            paths = prepared.paths
            if meta:
                paths, read_errors = _with_metadata(paths, meta, prepared.workdir)
                result.errors.extend(_renamed(read_errors, prepared.originals))
            try:
                result.summary = dict(_pipeline()(paths, store, progress=False) or {}) if paths else {}
            except Exception as exc:  # the pipeline should not raise, but nothing may be lost if it does
                result.errors.append(f"ingest failed: {type(exc).__name__}: {exc}")
                result.accepted = []
            else:
                result.errors.extend(_error_lines(result.summary, prepared.originals))
    finally:
        shutil.rmtree(prepared.workdir, ignore_errors=True)
    return result


def ingest_uploads(files: Sequence[tuple[str, str | None]], store: Any,
                   meta: dict[str, str] | None = None) -> UploadResult:
    """Check uploaded (name, data-URL) pairs, ingest the good ones in one pipeline run, report on all (in this
    thread; the dashboard queues them with submit_uploads)."""
    return _run(_prepare(files), store, meta)


# ---- background jobs


@dataclass
class UploadJob:
    """An upload being ingested in the background, as its state file says."""

    job_id: str
    user: str
    files: list[str]
    state: str = "queued"  # queued, running, done, failed
    submitted: float = 0.0
    started: float | None = None
    finished_at: float | None = None
    messages: list[str] = field(default_factory=list)
    color: str = "secondary"

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    def progress_line(self) -> str:
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        if self.state == "queued":
            return f"{files} queued (another upload is being read) …"
        if self.state == "running":
            return f"Reading and extracting {files}: {time.time() - (self.started or time.time()):.0f} s …"
        return f"{files}: {self.state}"


def _jobs_dir(store: Any) -> Path:
    return Path(store.root) / JOBS_DIR


def _save_job(store: Any, job: UploadJob) -> None:
    folder = _jobs_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{job.job_id}.{uuid.uuid4().hex[:6]}.tmp"
    tmp.write_text(json.dumps(asdict(job)), encoding="utf-8")
    os.replace(tmp, folder / f"{job.job_id}.json")


def job_status(store: Any, job_id: str) -> UploadJob | None:
    """The job's state (from any server process), None for an unknown id."""
    if not isinstance(job_id, str) or not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", job_id):
        return None
    try:
        return UploadJob(**json.loads((_jobs_dir(store) / f"{job_id}.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


_QUEUE: queue.Queue[tuple[UploadJob, _Prepared, Any, dict[str, str]]] = queue.Queue()
_WORKER: list[threading.Thread] = []
_WORKER_LOCK = threading.Lock()


def _worker() -> None:
    while True:
        job, prepared, store, meta = _QUEUE.get()
        try:
            job.state, job.started = "running", time.time()
            _save_job(store, job)
            result = _run(prepared, store, meta)
            job.messages = list(messages(result)) or ["Nothing was uploaded."]
            job.color = "success" if result.ok and not result.refused else "warning" if result.accepted else "danger"
            job.state = "done"
        except Exception as exc:  # a worker must outlive a bad job
            job.messages, job.color, job.state = [f"ingest failed: {type(exc).__name__}: {exc}"], "danger", "failed"
        finally:
            job.finished_at = time.time()
            with contextlib.suppress(OSError):
                _save_job(store, job)
            _QUEUE.task_done()


def _prune(store: Any) -> None:
    cutoff = time.time() - JOB_KEEP_SECONDS
    with contextlib.suppress(OSError):
        for path in _jobs_dir(store).glob("*.json"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)


def submit_uploads(files: Sequence[tuple[str, str | None]], store: Any, user: str,
                   meta: dict[str, str] | None = None) -> UploadJob:
    """Check the files now and queue the good ones for the background worker; returns the job at once."""
    prepared = _prepare(files)
    job = UploadJob(secrets.token_urlsafe(16), user, [str(n) for n, _ in files], submitted=time.time())
    if not prepared.paths:  # nothing to read: done now, with the refusals
        shutil.rmtree(prepared.workdir, ignore_errors=True)
        job.state, job.finished_at, job.color = "done", time.time(), "danger"
        job.messages = list(messages(prepared.result)) or ["Nothing was uploaded."]
        _save_job(store, job)
        return job
    _save_job(store, job)
    _prune(store)
    with _WORKER_LOCK:
        if not _WORKER or not _WORKER[0].is_alive():
            _WORKER[:] = [threading.Thread(target=_worker, name="upload-worker", daemon=True)]
            _WORKER[0].start()
    _QUEUE.put((job, prepared, store, dict(meta or {})))
    return job


def _renamed(lines: Iterable[str], originals: dict[str, str]) -> list[str]:
    out = []
    for text in lines:
        for path, name in originals.items():
            text = text.replace(path, name)
        out.append(text)
    return out


def _error_lines(summary: dict[str, Any], originals: dict[str, str]) -> list[str]:
    """The pipeline's error lines ('origin: reason'), with temporary paths shown as the uploaded names."""
    return _renamed((str(line) for line in summary.get("error_lines", []) or []), originals)


def sample_paths(sample_dir: str | Path) -> list[str]:
    """Input files under the sample folder (the kinds the readers know; README.md and the like are not)."""
    root = Path(sample_dir)
    if not root.is_dir():
        return []
    try:
        from etl.readers import CORPUS_EXTENSIONS, DOCUMENT_EXTENSIONS

        suffixes = set(CORPUS_EXTENSIONS) | set(DOCUMENT_EXTENSIONS)
    except ImportError:
        suffixes = set(UPLOAD_SUFFIXES)
    return sorted(str(p) for p in root.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                  and not p.name.startswith("."))


def ingest_sample_if_empty(store: Any, sample_dir: str | Path, log=print) -> dict[str, Any] | None:
    """On first start (an empty store), ingest the sample folder with progress on the console."""
    if not store.is_empty():
        return None
    paths = sample_paths(sample_dir)
    if not paths:
        log(f"The store at {store.root} is empty and {sample_dir} has no sample files: starting empty.")
        return None
    log(f"The store at {store.root} is empty: ingesting {len(paths)} sample file(s) from {sample_dir} ...")
    started = time.perf_counter()
    try:
        summary = dict(_pipeline()(paths, store, progress=True) or {})
    except Exception as exc:
        log(f"Sample ingest failed ({type(exc).__name__}: {exc}); starting with what the store has.")
        return None
    log(f"Sample ingested in {time.perf_counter() - started:.1f} s: {describe_summary(summary)}")
    return summary


def describe_summary(summary: dict[str, Any]) -> str:
    """The pipeline's summary in words."""
    if not summary:
        return "nothing ingested"
    parts = []
    for key, one, many in (("articles_read", "article read", "articles read"), ("articles_new", "new", "new"),
                           ("reports", "report", "reports"), ("notes", "note", "notes"), ("errors", "error", "errors")):
        if key in summary:
            value = summary[key]
            word = one if value == 1 else many
            parts.append(f"{value:,} {word}" if isinstance(value, int) else f"{value} {word}")
    if "seconds" in summary:
        parts.append(f"{float(summary['seconds']):.1f} s")
    return ", ".join(parts)


def messages(result: UploadResult) -> Iterable[str]:
    """Lines for the page: what was added and what was refused, and why."""
    if result.accepted:
        yield f"Ingested {', '.join(result.accepted)}: {describe_summary(result.summary)}."
    yield from result.refused
    yield from result.errors
