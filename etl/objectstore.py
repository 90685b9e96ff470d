"""The store on S3-compatible object storage: `--store s3://bucket/prefix` (docs/store.md, "Object storage").

Object storage has no atomic rename, so a batch cannot appear by moving a directory. It is committed instead:

    <prefix>/batches/<batch_id>/<table>.parquet   uploaded first (each PUT is atomic: an object is whole or absent)
    <prefix>/commits/<batch_id>.json              then the commit object, PUT with If-None-Match: *
    <prefix>/derived/<table>/<version>.parquet    a derived table replaced whole: one PUT
    <prefix>/derived/_sets/<version>/...          events + report_events, committed by their _set.json, last
    <prefix>/_writer.lock                         the writer lease (conditional PUTs), renewed while held

Readers list `commits/` and read only the files a commit object names, so an upload cut short by a kill is
never seen; the next writer deletes it. Credentials come from the usual AWS environment variables (or any
botocore source); the endpoint from AWS_ENDPOINT_URL (a MinIO, Ceph or test server).

Not on object storage (refused with a StoreError): re-extraction (`python -m etl reextract`) and the review
decision log, which keep local-disk semantics for now.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import threading
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import PurePosixPath

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl import columns as registry
from etl.store import (
    COMPRESSION,
    DERIVED_GRACE_SECONDS,
    INGESTED,
    SET_MANIFEST,
    SETS,
    Store,
    StoreError,
    _check_set_table,
    _check_table,
    _set_arrows,
    _set_parts,
    _stamped,
    _to_arrow,
    _validated,
    new_batch_id,
    set_manifest,
)

LEASE_ENV = "CASUALTY_S3_LEASE_SECONDS"
LEASE_SECONDS = 60.0
"""A writer's lease on the store; renewed every third of it while held. A killed writer's lease expires."""
COMMITS = "commits"
LOCK = "_writer.lock"


def _endpoint() -> str | None:
    return os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None


def _precondition_failed(exc: Exception) -> bool:
    code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
    return code in ("PreconditionFailed", "412", "ConditionalRequestConflict")


def _missing(exc: Exception) -> bool:
    code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
    return code in ("NoSuchKey", "404", "NotFound")


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression=COMPRESSION)
    return sink.getvalue()


def _version_time(version: str) -> float:
    """When a time-sortable id (new_batch_id) was made; 0 when it is not one."""
    try:
        return datetime.strptime(version[:21], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return 0.0


class ObjectStore(Store):
    """A Store under s3://bucket/prefix: the same tables, reads and guarantees, with commit objects for batches."""

    def __init__(self, url: str) -> None:
        import boto3
        import s3fs
        from pyarrow.fs import FSSpecHandler, PyFileSystem

        super().__init__(".")
        if not url.startswith("s3://") or len(url) <= 5:
            raise StoreError(f"{url}: an object store is s3://bucket/prefix")
        self.url = url.rstrip("/")
        bucket, _, prefix = self.url[5:].partition("/")
        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.root = PurePosixPath(bucket, self.prefix) if self.prefix else PurePosixPath(bucket)  # type: ignore[assignment]
        self._s3 = boto3.client("s3", endpoint_url=_endpoint())
        self._fsspec = s3fs.S3FileSystem(endpoint_url=_endpoint(), use_listings_cache=False, skip_instance_cache=True)
        self._fs = PyFileSystem(FSSpecHandler(self._fsspec))
        self._lease: dict | None = None
        self._lease_stop = threading.Event()
        self._commits: dict[str, dict] = {}

    def location(self) -> str:
        return self.url

    # ---- keys and listings

    def _key(self, *parts: str) -> str:
        return "/".join(p for p in (self.prefix, *parts) if p)

    def _keys(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        """(key relative to the store prefix, last modified) of every object under a prefix."""
        full = self._key(prefix)
        paginator = self._s3.get_paginator("list_objects_v2")
        skip = len(self.prefix) + 1 if self.prefix else 0
        for page in paginator.paginate(Bucket=self.bucket, Prefix=full):
            for item in page.get("Contents", []):
                yield item["Key"][skip:], item["LastModified"]

    def _list(self, *parts: str) -> list[str]:
        rel = "/".join(parts) + "/"
        names = {key[len(rel) :].split("/", 1)[0] for key, _ in self._keys(rel)}
        return sorted(n for n in names if n and not n.startswith("."))

    def _list_batches(self) -> list[str]:
        return sorted(key[len(COMMITS) + 1 : -5] for key, _ in self._keys(COMMITS + "/") if key.endswith(".json"))

    def _list_sets(self) -> list[str]:
        rel = f"derived/{SETS}/"
        return sorted(key[len(rel) :].split("/")[0] for key, _ in self._keys(rel) if key.endswith("/" + SET_MANIFEST))

    def _read_json(self, path) -> dict | None:
        key = str(path)[len(self.bucket) + 1 :]
        try:
            body = self._s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except Exception as exc:
            if _missing(exc):
                return None
            raise
        return json.loads(body)

    def _commit(self, batch_id: str) -> dict:
        if batch_id not in self._commits:
            self._commits[batch_id] = self._read_json(self.root / COMMITS / f"{batch_id}.json") or {"files": []}
        return self._commits[batch_id]

    def _manifest_rows(self, batch_id: str) -> dict:
        rows = self._commit(batch_id).get("rows", {})
        return rows if isinstance(rows, dict) else {}

    def _listing(self, batch_id: str) -> frozenset[str]:
        """The files a batch's commit object names (uploads it does not name are never read)."""
        if batch_id not in self._batch_files:
            self._batch_files[batch_id] = frozenset(self._commit(batch_id).get("files", []))
        return self._batch_files[batch_id]

    def _replaced_by(self, batch_id: str) -> frozenset[str]:
        return frozenset()

    def _uri(self, path) -> str:
        return f"s3://{path}"

    def _setup_db(self, con) -> None:
        con.register_filesystem(self._fsspec)

    # ---- writing

    def _put(self, rel: str, body: bytes, only_new: bool = False, if_match: str | None = None) -> str | None:
        """PUT an object; with only_new (If-None-Match: *) or if_match, None when the condition fails."""
        extra = {"IfNoneMatch": "*"} if only_new else ({"IfMatch": if_match} if if_match else {})
        try:
            return self._s3.put_object(Bucket=self.bucket, Key=self._key(rel), Body=body, **extra)["ETag"]
        except Exception as exc:
            if (only_new or if_match) and _precondition_failed(exc):
                return None
            raise

    def _delete_prefix(self, rel: str) -> None:
        keys = [self._key(k) for k, _ in self._keys(rel)]
        for start in range(0, len(keys), 1000):
            chunk = [{"Key": k} for k in keys[start : start + 1000]]
            self._s3.delete_objects(Bucket=self.bucket, Delete={"Objects": chunk, "Quiet": True})

    def _lease_body(self, token: str) -> bytes:
        seconds = float(os.environ.get(LEASE_ENV, LEASE_SECONDS))
        return json.dumps({"owner": token, "expires": time.time() + seconds, "seconds": seconds}).encode()

    def _take_lease(self) -> None:
        """Take the writer lease: create the lock object if absent, or replace one whose lease ran out."""
        token = uuid.uuid4().hex
        while True:
            etag = self._put(LOCK, self._lease_body(token), only_new=True)
            if etag is None:
                try:
                    held = self._s3.get_object(Bucket=self.bucket, Key=self._key(LOCK))
                except Exception as exc:
                    if _missing(exc):
                        continue
                    raise
                lease = json.loads(held["Body"].read())
                if lease.get("expires", 0) < time.time():  # its writer died: take it over, if nobody did first
                    etag = self._put(LOCK, self._lease_body(token), if_match=held["ETag"])
            if etag is not None:
                self._lease = {"token": token, "etag": etag}
                break
            time.sleep(0.2)
        self._lease_stop.clear()
        seconds = float(os.environ.get(LEASE_ENV, LEASE_SECONDS))
        threading.Thread(target=self._renew, args=(token, seconds / 3), daemon=True).start()

    def _renew(self, token: str, every: float) -> None:
        while not self._lease_stop.wait(every):
            lease = self._lease
            if lease is None or lease["token"] != token:
                return
            etag = self._put(LOCK, self._lease_body(token), if_match=lease["etag"])
            if etag is None:
                return  # lost (expired and taken over): writes go on, but this should not happen in practice
            lease["etag"] = etag

    def _drop_lease(self) -> None:
        self._lease_stop.set()
        lease, self._lease = self._lease, None
        if lease is None:
            return
        with contextlib.suppress(Exception):
            held = self._s3.head_object(Bucket=self.bucket, Key=self._key(LOCK))
            if held["ETag"] == lease["etag"]:
                self._s3.delete_object(Bucket=self.bucket, Key=self._key(LOCK))

    @contextmanager
    def writer(self) -> Iterator[ObjectStore]:
        """Hold the writer lease (re-entrant within this store); on taking it, remove dead writers' uploads."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield self
            finally:
                self._lock_depth -= 1
            return
        self._take_lease()
        try:
            self._lock_depth = 1
            self._clean_uncommitted()
            yield self
        finally:
            self._lock_depth = 0
            self._drop_lease()

    def _clean_uncommitted(self) -> None:
        """Delete uploads no commit object names. Every writer holds the lease while it uploads (Dask workers
        too, for their publish), so with the lease ours they are what killed writers left."""
        committed = set(self._list_batches())
        for batch_id in self._list("batches"):
            if batch_id not in committed:
                self._delete_prefix(f"batches/{batch_id}/")
        sets = set(self._list_sets())
        for version in self._list("derived", SETS):
            if version not in sets:
                self._delete_prefix(f"derived/{SETS}/{version}/")

    def write_batch(self, frames: Mapping[str, pd.DataFrame], batch_id: str | None = None) -> str | None:
        """As Store.write_batch: files uploaded, then the commit object (If-None-Match: *) makes the batch visible."""
        for table in frames:
            _check_table(table, INGESTED)
        with self.writer():
            batch_id = batch_id or new_batch_id()
            if self._read_json(self.root / COMMITS / f"{batch_id}.json") is not None:
                return None
            tables = _stamped(self._new_rows(frames), batch_id)
            if not tables:
                return None
            for name, table in tables.items():
                self._put(f"batches/{batch_id}/{name}.parquet", _parquet_bytes(table))
            commit = {
                "batch_id": batch_id,
                "created_at": datetime.now(UTC).isoformat(),
                "files": [f"{name}.parquet" for name in tables],
                "rows": {name: table.num_rows for name, table in tables.items()},
                "columns": {name: table.column_names for name, table in tables.items()},
            }
            if self._put(f"{COMMITS}/{batch_id}.json", json.dumps(commit).encode(), only_new=True) is None:
                return None
            return batch_id

    def write_derived(self, table: str, frame: pd.DataFrame) -> None:
        """Replace a whole derived table: one PUT of a new version (an object appears whole or not at all)."""
        _check_table(table, [t for t in registry.TABLES if t not in INGESTED])
        self._put(f"derived/{table}/{new_batch_id()}.parquet", _parquet_bytes(_to_arrow(_validated(frame, table))))

    def write_derived_set(
        self,
        tables: Mapping[str, pd.DataFrame | pa.Table | Mapping[str, pd.DataFrame | pa.Table]],
        covers: Sequence[str],
        keep: Mapping[str, Mapping[str, str]] | None = None,
        linked_beyond: Sequence[str] | None = None,
    ) -> str:
        """As Store.write_derived_set: the tables (or their parts) uploaded, kept parts copied server-side, then
        their _set.json commits them together."""
        keep = keep or {}
        for table in {*tables, *keep}:
            _check_set_table(table)
        with self.writer():
            version = new_batch_id()
            rows: dict[str, int] = {}
            parts: dict[str, dict[str, str]] = {}
            part_rows: dict[str, int] = {}
            for table, arrow in _set_arrows(tables).items():
                self._put(f"derived/{SETS}/{version}/{table}.parquet", _parquet_bytes(arrow))
                rows[table] = arrow.num_rows
            for table, part, arrow in _set_parts(tables):
                name = f"{table}.{part}.parquet"
                self._put(f"derived/{SETS}/{version}/{name}", _parquet_bytes(arrow))
                parts.setdefault(table, {})[part] = name
                rows[table] = rows.get(table, 0) + arrow.num_rows
                part_rows[name] = arrow.num_rows
            for table, kept in keep.items():
                for part, path in kept.items():
                    name = f"{table}.{part}.parquet"
                    if part in parts.get(table, {}):
                        raise StoreError(f"{table}: part {part} is both written and kept")
                    self._s3.copy_object(
                        Bucket=self.bucket,
                        Key=self._key(f"derived/{SETS}/{version}/{name}"),
                        CopySource={"Bucket": self.bucket, "Key": self._key(path)},
                    )
                    parts.setdefault(table, {})[part] = name
                    part_rows[name] = self._file_rows(self.root / path)
                    rows[table] = rows.get(table, 0) + part_rows[name]
            manifest = set_manifest(
                version, [*tables, *keep], rows, covers, parts, linked_beyond, part_rows, self._covered_rows(covers)
            )
            self._put(f"derived/{SETS}/{version}/{SET_MANIFEST}", json.dumps(manifest).encode(), only_new=True)
            versions = self._list_sets()
            cutoff = time.time() - DERIVED_GRACE_SECONDS
            for old, successor in zip(versions, versions[1:], strict=False):
                if _version_time(successor) and _version_time(successor) < cutoff:
                    self._delete_prefix(f"derived/{SETS}/{old}/")
            return version

    @contextmanager
    def regenerate(self):
        raise StoreError(
            f"{self.url}: re-extraction is not available on object storage yet (it swaps every batch for one); "
            "copy the store to a local folder (aws s3 sync), run `python -m etl reextract` there and copy it back"
        )
        yield  # pragma: no cover
