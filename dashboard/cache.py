"""Answers many users ask alike, kept per store version and shared by a server's worker processes.

Chart images (PNG, SVG) and filtered CSV downloads cost far more to make than to send: kaleido's Chromium takes
about a second per image, a CSV of a large store scans it. Fifty analysts looking at the same country and year
ask for the same bytes, so the first answer is kept, in this process's memory and in a folder every gunicorn
worker of the server reads (so one worker's work serves the others), under a key of the store's version
(DataSource.version(): the store and the decision log) and the request (chart, filters, view, size).

A store change (an ingest, a review decision) changes the version: answers of other versions are never served,
and their files are removed by the first worker that writes under the new version. The folder is
$CASUALTY_CACHE_DIR, else one per store in the system's temporary folder; entries are written to a temporary
file and renamed, so a reader never sees half of one. Totals are cached per filter set and version in
DataSource (dashboard/data.py); this module adds what DataSource does not hold: bytes of exports.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

CACHE_ENV = "CASUALTY_CACHE_DIR"
MEMORY_BYTES = 64 * 2**20  # per process
# a larger answer is sent, not kept. On disk: a whole-store CSV of 360,000 reports is 132 MB and costs about 9 CPU s
# to write, so it is kept; memory keeps only entries under a quarter of MEMORY_BYTES
MAX_ENTRY_BYTES = 512 * 2**20


def _digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


class ExportCache:
    """Bytes by (version, key): a small LRU in memory over a folder shared by the server's processes."""

    def __init__(self, folder: str | Path | None, memory_bytes: int = MEMORY_BYTES) -> None:
        self.folder = Path(folder) if folder is not None else None  # None: this process's memory only
        self.memory_bytes = memory_bytes
        self._memory: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()
        self._pruned: str | None = None
        self.hits = self.misses = 0

    # ---- where entries live

    def _version_dir(self, version: str) -> Path:
        if self.folder is None:
            raise OSError("no folder: memory only")
        return self.folder / _digest(version)

    def path(self, version: str, key: Any) -> Path:
        return self._version_dir(version) / _digest(key)

    def _prune(self, version: str) -> None:
        """Remove the folders of other versions (once per version and process; best effort)."""
        if self._pruned == version:
            return
        self._pruned = version
        try:
            keep = self._version_dir(version).name
            for child in self.folder.iterdir():
                if child.is_dir() and child.name != keep:
                    shutil.rmtree(child, ignore_errors=True)
        except OSError:
            pass
        with self._lock:
            for k in [k for k in self._memory if k[0] != version]:
                self._held -= len(self._memory.pop(k))

    # ---- get and put

    def get(self, version: str, key: Any) -> bytes | None:
        mkey = (version, _digest(key))
        with self._lock:
            if mkey in self._memory:
                self._memory.move_to_end(mkey)
                self.hits += 1
                return self._memory[mkey]
        try:
            body = self.path(version, key).read_bytes()
        except OSError:  # not kept, or no folder
            self.misses += 1
            return None
        self.hits += 1
        self._remember(mkey, body)
        return body

    def _remember(self, mkey: tuple[str, str], body: bytes) -> None:
        if len(body) > self.memory_bytes // 4:
            return
        with self._lock:
            if mkey in self._memory:
                return
            self._memory[mkey] = body
            self._held += len(body)
            while self._held > self.memory_bytes and self._memory:
                _, old = self._memory.popitem(last=False)
                self._held -= len(old)

    def cached_path(self, version: str, key: Any) -> Path | None:
        """The file of a kept entry (to send a large one from disk), or None."""
        try:
            path = self.path(version, key)
        except OSError:
            return None
        return path if path.is_file() else None

    def put(self, version: str, key: Any, body: bytes) -> None:
        if len(body) > MAX_ENTRY_BYTES:
            return
        self._remember((version, _digest(key)), body)
        self._write(version, key, [body])

    def _write(self, version: str, key: Any, chunks: Iterable[bytes]) -> bool:
        self._prune(version)
        try:
            target = self.path(version, key)
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # this user's only
            target.parent.mkdir(exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            with os.fdopen(fd, "wb") as f:
                for chunk in chunks:
                    f.write(chunk)
            os.replace(tmp, target)  # whole or not at all
            return True
        except OSError:
            return False

    def remember(self, version: str, key: Any, compute: Callable[[], bytes]) -> bytes:
        """The cached bytes, or compute them once and keep them."""
        body = self.get(version, key)
        if body is None:
            body = compute()
            self.put(version, key, body)
        return body

    def stream(self, version: str, key: Any, chunks: Iterable[str]) -> Iterator[str]:
        """Pass text chunks through to the client while keeping them; the entry is kept only when the stream
        ended whole and stayed under MAX_ENTRY_BYTES."""
        self._prune(version)
        try:
            target = self.path(version, key)
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # this user's only
            target.parent.mkdir(exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            f = os.fdopen(fd, "wb")
        except OSError:
            yield from chunks
            return
        size, complete = 0, False
        try:
            for chunk in chunks:
                if f is not None:
                    data = chunk.encode("utf-8")
                    size += len(data)
                    if size > MAX_ENTRY_BYTES:
                        f.close()
                        os.unlink(tmp)
                        f = None
                    else:
                        f.write(data)
                yield chunk
            complete = True
        finally:
            if f is not None:
                f.close()
                try:
                    if complete:
                        os.replace(tmp, target)  # whole or not at all
                    else:
                        os.unlink(tmp)
                except OSError:  # another worker removed this version's folder: nothing kept
                    pass


_CACHES: dict[str, ExportCache] = {}
_CACHES_LOCK = threading.Lock()


def for_source(source: Any) -> ExportCache:
    """The export cache of a DataSource's store: $CASUALTY_CACHE_DIR, else a folder per store in the temporary
    folder; a store without a folder (in memory) gets one in this process's memory only."""
    root = getattr(source, "root", None)
    if root is None:
        with _CACHES_LOCK:
            if getattr(source, "_export_cache", None) is None:
                source._export_cache = ExportCache(None)
            return source._export_cache
    configured = os.environ.get(CACHE_ENV)
    folder = (
        Path(configured) / _digest(str(Path(root).resolve()))[:12]
        if configured
        else Path(tempfile.gettempdir()) / f"casualty-cache-{os.getuid()}-{_digest(str(Path(root).resolve()))[:12]}"
    )
    with _CACHES_LOCK:
        cache = _CACHES.get(str(folder))
        if cache is None:
            cache = _CACHES[str(folder)] = ExportCache(folder)
        return cache
