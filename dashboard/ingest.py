"""Adding articles from the dashboard: uploaded files and the first-start sample, through the ETL pipeline.

Uploads are checked (type, size, readable text) before anything is written; the ones that pass are
written to a temporary folder under their own (sanitised) names and handed to
`etl.pipeline.ingest_paths`, which appends one store batch. A file the pipeline cannot read becomes an
error row in the store and a message here; whatever was stored before is untouched.
"""

from __future__ import annotations

import base64
import binascii
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Largest single file accepted from the upload area."""
MAX_UPLOAD_FILES = 50


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
        raise UploadError(f"{name}: larger than the {max_bytes // (1024 * 1024)} MB limit")
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UploadError(f"{name}: the upload is corrupt ({exc})") from exc
    if len(raw) > max_bytes:
        raise UploadError(f"{name}: larger than the {max_bytes // (1024 * 1024)} MB limit")
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


def ingest_uploads(files: Sequence[tuple[str, str | None]], store: Any) -> UploadResult:
    """Check uploaded (name, data-URL) pairs, ingest the good ones in one pipeline run, report on all."""
    result = UploadResult()
    if len(files) > MAX_UPLOAD_FILES:
        result.refused.append(f"too many files at once ({len(files)}); the limit is {MAX_UPLOAD_FILES}")
        files = files[:MAX_UPLOAD_FILES]
    workdir = Path(tempfile.mkdtemp(prefix="casualty-upload-"))
    try:
        paths: list[str] = []
        originals: dict[str, str] = {}
        for name, contents in files:
            try:
                raw = decode_upload(name, contents)
            except UploadError as exc:
                result.refused.append(str(exc))
                continue
            target = workdir / safe_name(name)
            n = 1
            while target.exists():
                target = workdir / f"{target.stem}-{n}{target.suffix}"
                n += 1
            target.write_bytes(raw)
            paths.append(str(target))
            originals[str(target)] = str(name)
            result.accepted.append(str(name))
        if paths:
            try:
                result.summary = dict(_pipeline()(paths, store, progress=False) or {})
            except Exception as exc:  # the pipeline should not raise, but nothing may be lost if it does
                result.errors.append(f"ingest failed: {type(exc).__name__}: {exc}")
                result.accepted = []
            else:
                result.errors.extend(_error_lines(result.summary, originals))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def _error_lines(summary: dict[str, Any], originals: dict[str, str]) -> list[str]:
    """The pipeline's error lines ('origin: reason'), with temporary paths shown as the uploaded names."""
    lines = []
    for line in summary.get("error_lines", []) or []:
        text = str(line)
        for path, name in originals.items():
            text = text.replace(path, name)
        lines.append(text)
    return lines


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
