"""The embedded store: the system of record under data/, a Parquet dataset queried in-process with DuckDB.

Layout under the store root (docs/store.md gives the reasons):

    batches/<batch_id>/<table>.parquet    ingested tables (articles, figures, reports, notes, errors);
    batches/<batch_id>/_batch.json        one directory per batch, published whole by one rename
    batches/<batch_id>/_replaces.json     a re-extraction's batch: the batches it replaces (no longer read)
    derived/<table>/<version>.parquet     tables recomputed whole (events, ...): the newest version is current
    .staging/                             batches being written; readers never look here
    .writer.lock                          flock held by the one writer appending batches

Every Parquet file, once visible, is complete and never changes, so readers need no lock: they list the
batches (and derived versions) once and read exactly those files. A writer killed at any point leaves at
most a directory in .staging/, which the next writer removes. A re-extraction writes every row again as one
new batch that names the batches it replaces (Store.regenerate): readers see the old batches or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import threading
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from etl import columns as registry

DEFAULT_ROOT = Path("data")
ENV_VAR = "CASUALTY_STORE"

INGESTED = ("articles", "figures", "reports", "notes", "errors")
"""Tables appended in batches; every other table of the registry is derived (replaced whole)."""
STAMPS = ("batch_id", "ingested_at")
"""Registry columns the store adds to every ingested row."""
MANIFEST = "_batch.json"
SETS = "_sets"
"""derived/_sets/<version>/: derived tables published together in one step (events and report_events of an
ingest), with SET_MANIFEST naming the batches whose rows they cover (the events' watermark)."""
SET_MANIFEST = "_set.json"
LINKED_BEYOND = "linked_beyond"
"""A set manifest's list of the batches outside its `covers` whose reports its links hold (absent: unknown, as in
sets written before it was recorded: a join then checks every new report against all the links)."""
INDEXES = {"article_ids": "article_id", "event_ids": "event_id"}
"""Indexes a derived set may hold beside its tables, each one column of ids cut into INDEX_PARTS files by a hash
of the id (`index_part`), published and hard-linked like the tables' parts: `article_ids`, the ids of the
articles of (at least) every batch the set covers, and of no article that is not stored, so deduplication reads
the parts of the new ids plus the batches the set does not cover, not every batch (`Store.stored_article_ids`);
`event_ids`, exactly the ids of the set's events, so a join checks a new event id against the parts of that id,
not against every events part (etl/events_incremental.py)."""
INDEX_PARTS = 64
PART_ROWS = "part_rows"
"""A set manifest's rows per file (part), so carrying a part over needs no read of its footer."""
BATCH_ROWS = "batch_rows"
"""A set manifest's rows per ingested table in the batches it covers, so `Store.tables` reads the manifests of
the batches it does not cover only, not one per batch."""
REPLACES = "_replaces.json"
"""In a batch written by Store.regenerate: the ids of the batches it replaces. Readers skip those batches."""
MACHINE = ("figures", "reports", "notes")
"""The engine's output: what a re-extraction writes anew (articles and errors are carried over)."""
LOCKED_SUFFIX = ".locked"
"""Suffix of the staging directories of writers holding the lock: a leftover one is from a dead writer."""
STALE_SECONDS = 600
"""Staging leftovers of lock-free writers (Dask partitions) untouched this long are removed."""
DERIVED_GRACE_SECONDS = 300
"""A replaced derived version is deleted once its successor is this old (readers still using it are done)."""
COMPRESSION = "zstd"

_ARROW_TYPES = {
    registry.STRING: pa.string(),
    registry.INT: pa.int64(),
    registry.BOOL: pa.bool_(),
    registry.DATE: pa.date32(),
    registry.TIME: pa.timestamp("us", tz="UTC"),
}
_SQL_TYPES = {
    registry.STRING: "VARCHAR",
    registry.INT: "BIGINT",
    registry.BOOL: "BOOLEAN",
    registry.DATE: "DATE",
    registry.TIME: "TIMESTAMPTZ",
}
_PANDAS_TYPES = {
    pa.string(): pd.api.types.pandas_dtype(registry.STRING),
    pa.large_string(): pd.api.types.pandas_dtype(registry.STRING),
    pa.int64(): pd.api.types.pandas_dtype(registry.INT),
    pa.int32(): pd.api.types.pandas_dtype(registry.INT),
    pa.bool_(): pd.api.types.pandas_dtype(registry.BOOL),
}
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def index_part(value: str) -> str:
    """The part of an index (INDEXES) that holds an id."""
    return f"h{zlib.crc32(value.encode()) % INDEX_PARTS:02d}"


def index_tables(ids: Iterable[str], column: str) -> dict[str, pa.Table]:
    """Ids cut into the parts of an index (part -> a sorted one-column table of distinct ids)."""
    by_part: dict[str, set[str]] = {}
    for value in ids:
        by_part.setdefault(index_part(value), set()).add(value)
    return {part: pa.table({column: pa.array(sorted(values), pa.string())}) for part, values in by_part.items()}


def _check_set_table(table: str) -> None:
    """A table a derived set may hold: a derived table of the registry, or an index (INDEXES)."""
    if table not in INDEXES:
        _check_table(table, [t for t in registry.TABLES if t not in INGESTED])


class StoreError(ValueError):
    """A frame or request the store cannot accept; the message names the table or file and the reason."""


def resolve_root(path: str | Path | None = None) -> Path:
    """The store root: the explicit path (a CLI flag) if given, else $CASUALTY_STORE, else data/."""
    if path is not None and str(path) != "":
        return Path(path).expanduser()
    env = os.environ.get(ENV_VAR, "")
    return Path(env).expanduser() if env else DEFAULT_ROOT


def new_batch_id() -> str:
    """An id that sorts by creation time: UTC timestamp to the microsecond, then 8 random hex digits."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"


# ---------------------------------------------------------------------------------------------- frames


def _check_table(table: str, allowed: Sequence[str] | None = None) -> None:
    """Raise a clear error for a table the registry (or this operation) does not know."""
    if table not in registry.TABLES:
        raise StoreError(f"unknown table {table!r}; tables are {', '.join(registry.TABLES)}")
    if allowed is not None and table not in allowed:
        raise StoreError(f"table {table!r} cannot be written here; expected one of {', '.join(allowed)}")


def _extra_columns(frame: pd.DataFrame, table: str) -> tuple[str, ...]:
    """Registry columns a frame carries beyond its table's own (stamps aside); unknown columns are an error."""
    unknown = [str(c) for c in frame.columns if c not in registry.COLUMNS]
    if unknown:
        raise StoreError(f"{table}: columns not in the registry (etl/columns.py): {', '.join(unknown)}")
    own = set(registry.TABLES[table]) | set(STAMPS)
    return tuple(c for c in frame.columns if c not in own)


def _validated(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The frame conformed to its table (plus its extra registry columns) and validated by columns.validate."""
    extra = _extra_columns(frame, table)
    try:
        return registry.validate(frame.drop(columns=[c for c in STAMPS if c in frame.columns]), table, extra)
    except Exception as exc:  # pandera's SchemaError(s), or a dtype cast that fails
        raise StoreError(f"{table}: frame rejected by the registry schema: {exc}") from exc


def _error_ids(errors: pd.DataFrame) -> pd.Series:
    """error_id where given, else a hash of the error's origin and reason (the registry's definition)."""
    computed = [
        hashlib.sha1(f"{origin}\x1f{reason}".encode()).hexdigest()[:16]
        for origin, reason in zip(errors["origin"], errors["reason"], strict=True)
    ]
    return errors["error_id"].fillna(pd.Series(computed, index=errors.index, dtype=registry.STRING))


def _to_arrow(frame: pd.DataFrame) -> pa.Table:
    """A conformed frame as an Arrow table with the storage types (dates as date32, times as UTC micros)."""
    schema = pa.schema([(name, _ARROW_TYPES[registry.COLUMNS[name].dtype]) for name in frame.columns])
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False).replace_schema_metadata(None)


def _stamped(frames: Mapping[str, pd.DataFrame], batch_id: str) -> dict[str, pa.Table]:
    """The non-empty validated frames with batch_id and ingested_at added, as Arrow tables."""
    now = pd.Timestamp.now(tz="UTC").as_unit("us")
    dtype = {c: registry.COLUMNS[c].dtype for c in STAMPS}
    return {
        table: _to_arrow(
            frame.assign(
                batch_id=pd.Series(batch_id, index=frame.index, dtype=dtype["batch_id"]),
                ingested_at=pd.Series(now, index=frame.index, dtype=dtype["ingested_at"]),
            )
        )
        for table, frame in frames.items()
        if len(frame)
    }


def in_ids(values: pd.Series, ids: set[str] | frozenset[str]) -> pd.Series:
    """A boolean mask: which values are in `ids`, costing the length of `values` only (pandas' `isin` on string
    columns converts the whole set first, which grows with the store when `ids` are its article ids)."""
    return pd.Series([v in ids for v in values], index=values.index, dtype=bool)


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """An Arrow result as pandas with nullable dtypes; columns named like registry columns get its dtype."""
    frame = table.to_pandas(date_as_object=False, types_mapper=_PANDAS_TYPES.get)
    for name in frame.columns:
        if name in registry.COLUMNS:
            with contextlib.suppress(TypeError, ValueError):  # a computed column that only reuses a name
                frame[name] = frame[name].astype(registry.COLUMNS[name].dtype)
    return frame


# ---------------------------------------------------------------------------------------------- files


def _fsync_dir(path: Path) -> None:
    """Make a directory's entries (new files, renames) durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_parquet(table: pa.Table, path: Path) -> None:
    """Write one Parquet file and fsync it."""
    with open(path, "wb") as fh:
        pq.write_table(table, fh, compression=COMPRESSION)
        fh.flush()
        os.fsync(fh.fileno())


def _publish(root: Path, tables: Mapping[str, pa.Table], batch_id: str, staging_name: str) -> str | None:
    """Write a batch complete in .staging/<staging_name>, then move it to batches/<batch_id> with one rename.

    Returns None, writing nothing, when batches/<batch_id> exists already (a retried task that had published).
    """
    if not _SAFE_NAME.fullmatch(batch_id):
        raise StoreError(f"invalid batch id {batch_id!r}: use letters, digits, '_', '-' and '.'")
    target = root / "batches" / batch_id
    if target.exists():
        return None
    staging = root / ".staging" / staging_name
    staging.mkdir(parents=True)
    try:
        for name, table in tables.items():
            _write_parquet(table, staging / f"{name}.parquet")
        manifest = {
            "batch_id": batch_id,
            "created_at": datetime.now(UTC).isoformat(),
            "rows": {name: table.num_rows for name, table in tables.items()},
            "columns": {name: table.column_names for name, table in tables.items()},
        }
        with open(staging / MANIFEST, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        _fsync_dir(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(staging, target)
        except OSError:
            if any(target.iterdir()):  # the same batch id was published meanwhile
                shutil.rmtree(staging, ignore_errors=True)
                return None
            raise
        _fsync_dir(target.parent)
        return batch_id
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def publish_batch(root: str | Path, frames: Mapping[str, pd.DataFrame], batch_id: str | None = None) -> str | None:
    """Validate frames and publish them as one batch, with neither the writer lock nor deduplication.

    For distributed writers (one Dask partition = one batch, see docs/store.md): a deterministic `batch_id`
    per partition makes a retried task find its batch published already (returns None). Single-process
    ingests use Store.write_batch, which deduplicates and holds the writer lock.
    """
    for table in frames:
        _check_table(table, INGESTED)
    batch_id = batch_id or new_batch_id()
    tables = _stamped({t: _validated(f, t) for t, f in frames.items() if f is not None}, batch_id)
    return _publish(Path(root), tables, batch_id, staging_name=batch_id) if tables else None


def _newest_mtime(path: Path) -> float:
    """Latest modification time of a path and, for a directory, of anything in it."""
    try:
        newest = path.stat().st_mtime
        if path.is_dir():
            for child in path.rglob("*"):
                newest = max(newest, child.stat().st_mtime)
        return newest
    except FileNotFoundError:
        return time.time()


def _listdir(path: Path) -> list[str]:
    """Sorted visible entry names of a directory; none when it does not exist."""
    try:
        return sorted(name for name in os.listdir(path) if not name.startswith("."))
    except FileNotFoundError:
        return []


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _export_format(path: Path, fmt: str | None) -> str:
    """csv or parquet, from fmt or else the path's suffix; a StoreError naming the path otherwise."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    fmt = {"pq": "parquet", "parq": "parquet"}.get(fmt, fmt)
    if fmt not in ("csv", "parquet"):
        raise StoreError(f"{path}: cannot tell the export format; use a .csv or .parquet path, or fmt=")
    return fmt


def _copy(cur: duckdb.DuckDBPyConnection, source: str, names: Sequence[str], path: Path, fmt: str) -> int:
    """COPY the registry columns `names` of a DuckDB relation to PATH (temp file, then rename); rows written."""
    selects = []
    for name in names:
        dtype, quoted = registry.COLUMNS[name].dtype, _sql_name(name)
        if fmt == "csv" and dtype == registry.DATE:
            selects.append(f"strftime({quoted}, '%Y-%m-%d') AS {quoted}")
        elif fmt == "csv" and dtype == registry.TIME:
            selects.append(f"strftime({quoted}, '%Y-%m-%dT%H:%M:%S.%fZ') AS {quoted}")
        else:
            selects.append(quoted)
    options = "FORMAT csv, HEADER true" if fmt == "csv" else f"FORMAT parquet, COMPRESSION {COMPRESSION}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        sql = f"COPY (SELECT {', '.join(selects)} FROM {source}) TO {_sql_literal(str(tmp))}"
        rows = cur.execute(f"{sql} ({options})").fetchone()[0]
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return int(rows)


def export_frame(
    frame: pd.DataFrame, table: str, path: str | Path, fmt: str | None = None, extra: tuple[str, ...] = ()
) -> int:
    """Write a frame of a table (plus `extra` registry columns) as CSV or Parquet, exactly as Store.export
    writes a stored table (same types, dates, times and empty fields; the file appears whole); returns rows."""
    _check_table(table)
    path = Path(path)
    fmt = _export_format(path, fmt)
    arrow = _to_arrow(registry.conform(frame, table, extra).reset_index(drop=True))
    with duckdb.connect(":memory:") as con:
        con.execute("SET TimeZone = 'UTC'")
        con.register("frame", arrow)
        return _copy(con, "frame", arrow.column_names, path, fmt)


@dataclass(frozen=True)
class _Snapshot:
    """What a reader sees: the batches it reads (published and not replaced), the current file of each derived
    table (relative to the root), and every batch directory listed (replaced ones too)."""

    batches: tuple[str, ...]
    derived: tuple[tuple[str, str], ...]  # (table, file path under the root): one or more files per table
    listed: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (table, where its current files come from: a set folder or a file)

    def token(self) -> str:
        digest = hashlib.sha1("\n".join(self.listed or self.batches).encode())
        digest.update(repr(self.derived).encode())
        return digest.hexdigest()[:16]


@dataclass(frozen=True)
class EventsCoverage:
    """The current events' file (None when there are none), the batches they cover, the batches holding
    articles or reports they do not cover (stale when any), and every batch read."""

    current: str | None
    covered: frozenset[str]
    stale: tuple[str, ...]
    batches: tuple[str, ...]

    @property
    def is_stale(self) -> bool:
        return bool(self.stale)


def _arrow_checked(table: pa.Table, name: str) -> None:
    """An Arrow table to store as is: registry column names with their storage types."""
    for field in table.schema:
        if field.name not in registry.COLUMNS:
            raise StoreError(f"{name}: column not in the registry (etl/columns.py): {field.name}")
        want = _ARROW_TYPES[registry.COLUMNS[field.name].dtype]
        if field.type != want:
            raise StoreError(f"{name}: column {field.name} is {field.type}, the store keeps {want}")


def _as_stored(frame: pd.DataFrame | pa.Table, table: str) -> pa.Table:
    """A derived table's frame validated (an Arrow table checked) as the store keeps it."""
    arrow = frame if isinstance(frame, pa.Table) else _to_arrow(_validated(frame, table))
    _arrow_checked(arrow, table)
    return arrow


def _set_arrows(tables: Mapping[str, object]) -> dict[str, pa.Table]:
    """The whole (not partitioned) tables of a derived set, as stored."""
    return {t: _as_stored(f, t) for t, f in tables.items() if not isinstance(f, Mapping)}  # type: ignore[arg-type]


def _set_parts(tables: Mapping[str, object]) -> Iterator[tuple[str, str, pa.Table]]:
    """(table, part, Arrow table) of the partitioned tables of a derived set."""
    for table, frame in tables.items():
        if isinstance(frame, Mapping):
            for part, piece in sorted(frame.items()):
                if not _SAFE_NAME.fullmatch(part):
                    raise StoreError(f"{table}: invalid part name {part!r}")
                yield table, part, _as_stored(piece, table)


def set_manifest(
    version: str,
    tables: Iterable[str],
    rows: dict[str, int],
    covers: Iterable[str],
    parts: dict[str, dict[str, str]],
    linked_beyond: Iterable[str] | None = None,
    part_rows: dict[str, int] | None = None,
    batch_rows: dict[str, int] | None = None,
) -> dict:
    """The manifest of a derived set (its tables, row counts, the batches it covers and each table's parts), as a
    disk store and an object store write it. `linked_beyond`, when known: the batches outside `covers` whose
    reports the set's report_events link all the same (a rebuild that read a batch landed after its watermark was
    taken); a join then looks for already linked reports only in those of its new batches (LINKED_BEYOND)."""
    manifest = {
        "version": version,
        "created_at": datetime.now(UTC).isoformat(),
        "tables": sorted(set(tables)),
        "rows": rows,
        "covers": sorted(set(covers)),
    }
    if linked_beyond is not None:
        manifest[LINKED_BEYOND] = sorted(set(linked_beyond) - set(covers))
    if parts:
        manifest["parts"] = {t: dict(sorted(p.items())) for t, p in parts.items()}
    if part_rows:
        manifest[PART_ROWS] = dict(sorted(part_rows.items()))
    if batch_rows is not None:
        manifest[BATCH_ROWS] = batch_rows
    return manifest


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link to an immutable file (a copy where the filesystem has none)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        with open(target, "rb+") as fh:
            os.fsync(fh.fileno())


def open_store(root: str | Path | None = None) -> Store:
    """The store at a root: a folder (Store), or an s3://bucket/prefix URL (etl.objectstore.ObjectStore)."""
    text = "" if root is None else str(root)
    if not text:
        text = os.environ.get(ENV_VAR, "")
    if text.startswith("s3://"):
        from etl.objectstore import ObjectStore

        return ObjectStore(text)
    return Store(root)


# ---------------------------------------------------------------------------------------------- store


class Store:
    """The store under one root: batches appended by one writer at a time, read lock-free by anyone.

    Readers in any number of processes and threads; writes from one thread per Store.
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.root: Path = resolve_root(root)
        self._lock_depth = 0
        self._batch_files: dict[str, frozenset[str]] = {}  # batch id -> its files (immutable)
        self._replacing: dict[str, frozenset[str]] = {}  # batch id -> the batch ids it replaces (immutable)
        self._names: dict[Path, tuple[str, ...]] = {}  # immutable file -> its column names
        self._rows: dict[Path, int] = {}  # immutable file -> its row count
        self._ids: dict[Path, frozenset[str]] = {}  # immutable file -> the ids in it
        self._sets: dict[str, dict] = {}  # derived set version -> its manifest (immutable)
        self._batch_rows: dict[str, dict] = {}  # batch id -> rows per table, from its manifest (immutable)
        self._snap_cache: tuple[tuple, _Snapshot] | None = None  # (the listings, the snapshot made from them)
        self._db: duckdb.DuckDBPyConnection | None = None
        self._db_pid = 0
        self._db_token = ""
        self._view_names: dict[str, list[str]] = {}
        self._db_lock = threading.Lock()

    def location(self) -> str:
        """The root as a string another process can open with `open_store`."""
        return str(self.root)

    # ---- snapshots

    # ---- where the files are (ObjectStore overrides these for s3://)

    _fs = None
    """A pyarrow filesystem for the Parquet reads; None: the local disk."""

    def _list(self, *parts: str) -> list[str]:
        return _listdir(self.root.joinpath(*parts))

    def _list_batches(self) -> list[str]:
        """The published batch ids."""
        return _listdir(self.root / "batches")

    def _list_sets(self) -> list[str]:
        """The published derived sets' versions."""
        return _listdir(self.root / "derived" / SETS)

    @staticmethod
    def _read_json(path: Path) -> dict | None:
        try:
            with open(path, encoding="utf-8") as fh:
                return json.load(fh)
        except FileNotFoundError:
            return None

    def _uri(self, path: Path) -> str:
        """A file's name as DuckDB reads it."""
        return str(path)

    def _setup_db(self, con: duckdb.DuckDBPyConnection) -> None:
        """Prepare a new DuckDB connection (object storage registers its filesystem)."""

    def read_derived_arrow(
        self,
        table: str,
        parts: Sequence[str] | None = None,
        columns: Sequence[str] | None = None,
        filters: pc.Expression | None = None,
    ) -> pa.Table | None:
        """The current files of a derived table as stored (Arrow, storage types); None when there are none.

        `parts`: only these partitions of a partitioned set (see `derived_parts`; ignored when the table is not
        partitioned); `columns` and `filters` are pushed into the Parquet reader. Files are read on threads."""
        snap = self._snapshot()
        paths = [path for t, path in snap.derived if t == table]
        if not paths:
            return None
        if parts is not None:
            by_part = self.derived_parts(table, snap)
            if by_part is not None:
                paths = [by_part[p] for p in sorted(set(parts)) if p in by_part]
        return self._read_arrow_files(paths, columns, filters)

    def read_derived_parts(self, table: str, parts: Sequence[str]) -> dict[str, pa.Table]:
        """part -> its rows as stored, for the given parts of a partitioned derived table (parts it has no file
        for are left out; see `derived_parts`). Files are read on threads."""
        by_part = self.derived_parts(table) or {}
        found = [p for p in parts if p in by_part]
        if not found:
            return {}
        with ThreadPoolExecutor(max_workers=min(8, len(found))) as pool:
            tables = pool.map(lambda p: pq.read_table(str(self.root / by_part[p]), filesystem=self._fs), found)
            return dict(zip(found, tables, strict=True))

    def _read_arrow_files(
        self, paths: Sequence[str], columns: Sequence[str] | None = None, filters: pc.Expression | None = None
    ) -> pa.Table | None:
        def one(path: str) -> pa.Table:
            return pq.read_table(
                str(self.root / path),
                columns=None if columns is None else list(columns),
                filters=filters,
                filesystem=self._fs,
            )

        if not paths:
            return None
        if len(paths) == 1:
            return one(paths[0])
        with ThreadPoolExecutor(max_workers=min(8, len(paths))) as pool:
            tables = list(pool.map(one, paths))
        return pa.concat_tables(tables, promote_options="default")

    def derived_parts(self, table: str, snap: _Snapshot | None = None) -> dict[str, str] | None:
        """part name -> file (under the root) of a derived table kept in partitions (a set written with parts);
        None when its current version is one file (or there is none)."""
        snap = snap or self._snapshot()
        source = dict(snap.sources).get(table, "")
        parts = source.split("/")
        if len(parts) != 3 or parts[:2] != ["derived", SETS]:
            return None
        names = self._set_manifest(parts[2]).get("parts", {}).get(table)
        if names is None:
            return None
        return {part: f"{source}/{name}" for part, name in names.items()}

    def _listing(self, batch_id: str) -> frozenset[str]:
        """The file names in a batch directory (listed once: a published batch never changes)."""
        if batch_id not in self._batch_files:
            self._batch_files[batch_id] = frozenset(self._list("batches", batch_id))
        return self._batch_files[batch_id]

    def _replaced_by(self, batch_id: str) -> frozenset[str]:
        """The batch ids a batch replaces (its _replaces.json; none for an ordinary batch)."""
        if batch_id not in self._replacing:
            ids: frozenset[str] = frozenset()
            if REPLACES in self._listing(batch_id):
                path = self.root / "batches" / batch_id / REPLACES
                with contextlib.suppress(FileNotFoundError), open(path, encoding="utf-8") as fh:
                    ids = frozenset(json.load(fh)["batches"])  # (not found: pruned, as it was replaced itself)
            self._replacing[batch_id] = ids
        return self._replacing[batch_id]

    def _snapshot(self) -> _Snapshot:
        """List the batches and derived versions once: a consistent view of the store.

        Batches named in another listed batch's _replaces.json are left out. A derived table's current file is
        the newest (by id) of its versions under derived/ and of its copies in the batches read. What is derived
        from the listings is kept for the next call with the same listings (every listed thing is immutable)."""
        listed = tuple(self._list_batches())
        sets = tuple(self._list_sets())
        own = tuple((t, tuple(self._list("derived", t))) for t in registry.TABLES if t not in INGESTED)
        key = (listed, sets, own)
        cached = self._snap_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        replaced = set().union(*(self._replaced_by(b) for b in listed)) if listed else set()
        batches = tuple(b for b in listed if b not in replaced)
        derived: list[tuple[str, str]] = []
        sources: list[tuple[str, str]] = []
        for table, names in own:
            versions = [
                (n.removesuffix(".parquet"), f"derived/{table}/{n}", (f"derived/{table}/{n}",))
                for n in names
                if n.endswith(".parquet")
            ]
            copies = [
                (b, f"batches/{b}/{table}.parquet", (f"batches/{b}/{table}.parquet",))
                for b in batches
                if f"{table}.parquet" in self._listing(b)
            ]
            in_sets = [
                (v, f"derived/{SETS}/{v}", tuple(f"derived/{SETS}/{v}/{f}" for f in self._set_files(v)[table]))
                for v in sets
                if table in self._set_tables(v)
            ]
            if versions or copies or in_sets:
                _, source, files = max(versions + copies + in_sets)
                sources.append((table, source))
                derived.extend((table, f) for f in files)
        snap = _Snapshot(batches, tuple(derived), listed, tuple(sources))
        self._snap_cache = (key, snap)
        return snap

    def _set_manifest(self, version: str) -> dict:
        """A derived set's manifest (tables, rows, the batches it covers); read once, a set never changes."""
        if version not in self._sets:
            manifest = self._read_json(self.root / "derived" / SETS / version / SET_MANIFEST)
            self._sets[version] = manifest or {"tables": [], "covers": []}  # (None: pruned meanwhile)
        return self._sets[version]

    def _set_tables(self, version: str) -> list[str]:
        return list(self._set_manifest(version).get("tables", []))

    def _set_files(self, version: str) -> dict[str, list[str]]:
        """table -> its file names in a derived set's folder (one `<table>.parquet`, or one file per part)."""
        manifest = self._set_manifest(version)
        parts = manifest.get("parts", {})
        return {t: sorted(parts[t].values()) if t in parts else [f"{t}.parquet"] for t in manifest.get("tables", [])}

    def _files(self, table: str, snap: _Snapshot, outside: frozenset[str] = frozenset()) -> list[Path]:
        """The Parquet files holding a table in a snapshot (of an ingested table: in the batches not in `outside`)."""
        if table not in INGESTED:
            return [self.root / path for t, path in snap.derived if t == table]
        name = f"{table}.parquet"
        return [
            self.root / "batches" / batch_id / name
            for batch_id in snap.batches
            if batch_id not in outside and name in self._listing(batch_id)
        ]

    def _column_names(self, path: Path) -> tuple[str, ...]:
        if path not in self._names:
            self._names[path] = tuple(pq.read_schema(str(path), filesystem=self._fs).names)
        return self._names[path]

    def _view_sql(self, table: str, snap: _Snapshot) -> tuple[str, list[str]]:
        """SELECT giving a table with the registry's column order and types, and the names of its columns.

        Columns: the table's registry columns, then the other registry columns found in its files, in registry
        order; ingested tables always have batch_id and ingested_at. A registry column missing from the files
        is NULL of its type; columns the registry does not know are left out.
        """
        files = self._files(table, snap)
        name_sets = {self._column_names(p) for p in files}
        stored = set().union(*name_sets)
        own = registry.TABLES[table]
        always = STAMPS if table in INGESTED else ()
        names = list(own) + [c for c in registry.COLUMNS if (c in stored or c in always) and c not in own]
        selects = [
            f"CAST({_sql_name(n) if n in stored else 'NULL'} AS {_SQL_TYPES[registry.COLUMNS[n].dtype]}) "
            f"AS {_sql_name(n)}"
            for n in names
        ]
        if not files:
            return f"SELECT {', '.join(selects)} WHERE false", names
        paths = ", ".join(_sql_literal(self._uri(p)) for p in files)
        union = ", union_by_name = true" if len(name_sets) > 1 else ""
        return f"SELECT {', '.join(selects)} FROM read_parquet([{paths}]{union})", names

    def _cursor(self) -> tuple[duckdb.DuckDBPyConnection, dict[str, list[str]]]:
        """A DuckDB cursor whose views (one per table) show the store as it is now, and their columns.

        One in-memory DuckDB per Store and process; its views are rebuilt, in one transaction, only when
        a batch or derived version has landed since the last call.
        """
        snap = self._snapshot()
        with self._db_lock:
            if self._db is None or self._db_pid != os.getpid():  # none yet, or inherited through fork
                self._db = duckdb.connect(":memory:")
                self._db.execute("SET GLOBAL TimeZone = 'UTC'")
                self._db.execute("SET GLOBAL parquet_metadata_cache = true")
                self._setup_db(self._db)
                self._db_pid, self._db_token, self._view_names = os.getpid(), "", {}
            if snap.token() != self._db_token:
                views = {t: self._view_sql(t, snap) for t in registry.TABLES}
                cur = self._db.cursor()
                cur.execute("BEGIN TRANSACTION")
                for table, (sql, _) in views.items():
                    cur.execute(f"CREATE OR REPLACE VIEW {_sql_name(table)} AS {sql}")
                cur.execute("COMMIT")
                cur.close()
                self._db_token = snap.token()
                self._view_names = {t: names for t, (_, names) in views.items()}
            return self._db.cursor(), self._view_names

    # ---- reading

    def is_empty(self) -> bool:
        """True when no articles are stored."""
        return not self._files("articles", self._snapshot())

    def _id_sets(self, table: str, column: str) -> list[frozenset[str]]:
        """The values of an id column in each of a table's batch files."""
        return self._ids_of(self._files(table, self._snapshot()), column)

    def _ids_of(self, files: Sequence[Path], column: str) -> list[frozenset[str]]:
        """The values of an id column in each of these files (each file is read once per Store; the files not read
        yet are read together, on threads)."""
        unread = [p for p in dict.fromkeys(files) if p not in self._ids]

        def ids_in(path: Path) -> frozenset[str]:  # (ParquetFile.read: about 2.5x less CPU than read_table here)
            with pq.ParquetFile(str(path), filesystem=self._fs) as handle:
                values = handle.read(columns=[column]).column(0).to_pylist()
            return frozenset(v for v in values if v is not None)

        if len(unread) > 1:
            with ThreadPoolExecutor(max_workers=min(8, len(unread))) as pool:
                self._ids.update(zip(unread, pool.map(ids_in, unread), strict=True))
        elif unread:
            self._ids[unread[0]] = ids_in(unread[0])
        return [self._ids[path] for path in files]

    def _stored_ids(self, table: str, column: str) -> set[str]:
        """All values of an id column in a table's batch files."""
        return set().union(*self._id_sets(table, column))

    def _stored_among(self, table: str, column: str, values: Iterable[object]) -> set[str]:
        """Which of `values` an id column of a table's batch files holds: per file, a set intersection over the
        fewer ids (no set of every stored id is built: at 200,000 articles that union cost 0.1 s per call).
        Article ids are looked up in the current set's index (INDEXES) where it has one: its parts holding the
        wanted ids, and the batches it does not cover."""
        wanted = {str(v) for v in values if v is not None and not pd.isna(v)}
        if not wanted:
            return set()
        snap = self._snapshot()
        index = self.index_files("article_ids", snap) if (table, column) == ("articles", "article_id") else None
        if index is None:
            files = self._files(table, snap)
        else:
            covers, parts = index
            files = self._files(table, snap, outside=covers)
            files += [self.root / parts[p] for p in sorted({index_part(v) for v in wanted}) if p in parts]
        return set().union(*(ids & wanted for ids in self._ids_of(files, column)))

    def index_files(self, name: str, snap: _Snapshot | None = None) -> tuple[frozenset[str], dict[str, str]] | None:
        """An index (INDEXES) of the current events' set: the batches the set covers and part -> file (under the
        root); None when that set has no such index, or covers a batch that is no longer read (replaced by a
        re-extraction): then the index is not used (a later join writes it anew)."""
        current = self._current_set(snap or self._snapshot())
        if current is None:
            return None
        version, manifest, covers = current
        names = manifest.get("parts", {}).get(name)
        if not isinstance(names, dict):
            return None
        return covers, {part: f"derived/{SETS}/{version}/{file}" for part, file in names.items()}

    def _current_set(self, snap: _Snapshot) -> tuple[str, dict, frozenset[str]] | None:
        """The derived set the current events come from: its version, manifest and the batches it covers; None when
        the events are not read from a set, or the set covers a batch that is no longer read (replaced by a
        re-extraction), so that what it says of the batches no longer holds."""
        source = dict(snap.sources).get("events", "").split("/")
        if len(source) != 3 or source[:2] != ["derived", SETS]:
            return None
        manifest = self._set_manifest(source[2])
        covers = frozenset(manifest.get("covers", []))
        return None if not covers <= set(snap.batches) else (source[2], manifest, covers)

    def known_article_ids(self) -> set[str]:
        """The ids of the articles stored (content hashes: an article read again has the same id)."""
        return self._stored_ids("articles", "article_id")

    def stored_article_ids(self, ids: Iterable[object]) -> set[str]:
        """Which of these article ids are stored (cheaper than `known_article_ids` for a few new ones)."""
        return self._stored_among("articles", "article_id", ids)

    def read(
        self,
        table: str,
        columns: Sequence[str] | None = None,
        where: str | None = None,
        params: list | None = None,
    ) -> pd.DataFrame:
        """A table, ingested or derived, as a frame with the registry's dtypes (empty and typed when no rows).

        `columns` picks registry columns; `where` is a DuckDB SQL condition on the table's columns with `?`
        placeholders bound from `params`. Without `columns`: the table's columns, then extra registry columns
        stored with it (batch_id and ingested_at for ingested tables).
        """
        _check_table(table)
        cur, view_names = self._cursor()
        names = view_names[table]
        wanted = list(names) if columns is None else list(columns)
        unknown = [c for c in wanted if c not in registry.COLUMNS]
        if unknown:
            raise StoreError(f"{table}: columns not in the registry (etl/columns.py): {', '.join(unknown)}")
        selects = [
            _sql_name(c) if c in names else f"CAST(NULL AS {_SQL_TYPES[registry.COLUMNS[c].dtype]}) AS {_sql_name(c)}"
            for c in wanted
        ]
        sql = f"SELECT {', '.join(selects)} FROM {_sql_name(table)}" + (f" WHERE {where}" if where else "")
        with cur:
            frame = _to_pandas(cur.sql(sql, params=params or None).to_arrow_table())
        if columns is None:
            return registry.conform(frame, table, tuple(names[len(registry.TABLES[table]) :]))
        return frame

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """Run DuckDB SQL in which every table name (articles, reports, events, ...) is a view.

        All views come from one listing of the store, so a query sees whole batches, the same ones in every
        table. Result columns named like registry columns get the registry's dtype.
        """
        cur, _ = self._cursor()
        with cur:
            return _to_pandas(cur.sql(sql, params=params or None).to_arrow_table())

    def tables(self) -> dict[str, int]:
        """Row counts per table: from the current derived set's manifest (its tables, and the ingested rows of the
        batches it covers, BATCH_ROWS), then from the other batches' manifests, else from Parquet footers."""
        snap = self._snapshot()
        counts = {}
        sources = dict(snap.sources)
        covered = self._set_batch_rows(snap)
        for table in registry.TABLES:
            total = 0
            source = sources.get(table, "").split("/")
            if len(source) == 3 and source[:2] == ["derived", SETS]:  # a set's manifest counts its tables' rows
                rows = self._set_manifest(source[2]).get("rows", {}).get(table)
                if isinstance(rows, int):
                    counts[table] = rows
                    continue
            if table in INGESTED and covered is not None:  # the set's totals, and the batches it does not cover
                total = covered[1].get(table, 0)
                files = self._files(table, snap, outside=covered[0])
            else:
                files = self._files(table, snap)
            counts[table] = total + sum(self._batch_file_rows(path, table) for path in files)
        return counts

    def _batch_file_rows(self, path: Path, table: str) -> int:
        """Rows of a table's file in a batch: from the batch's manifest, else the file's footer."""
        if path not in self._rows:
            rows = self._manifest_rows(path.parent.name).get(table) if table in INGESTED else None
            if not isinstance(rows, int):
                rows = pq.read_metadata(str(path), filesystem=self._fs).num_rows
            self._rows[path] = rows
        return self._rows[path]

    def _set_batch_rows(self, snap: _Snapshot) -> tuple[frozenset[str], dict[str, int]] | None:
        """The current events' set's BATCH_ROWS and the batches it covers (None when it has none, or covers a batch
        that is no longer read)."""
        current = self._current_set(snap)
        rows = None if current is None else current[1].get(BATCH_ROWS)
        return (current[2], rows) if isinstance(rows, dict) else None

    def _covered_rows(self, covers: Iterable[str]) -> dict[str, int]:
        """Rows per ingested table in the batches `covers` names (a new set's BATCH_ROWS): the current set's totals
        when it covers some of them, plus the manifests of the others."""
        covers = set(covers)
        snap = self._snapshot()
        totals, done = dict.fromkeys(INGESTED, 0), frozenset()
        current = self._set_batch_rows(snap)
        if current is not None and current[0] <= covers:
            done = current[0]
            totals.update({t: int(current[1].get(t, 0)) for t in INGESTED})
        for batch_id in sorted(covers - done):
            listing = self._listing(batch_id)
            for table in INGESTED:
                if f"{table}.parquet" in listing:
                    totals[table] += self._batch_file_rows(self.root / "batches" / batch_id / f"{table}.parquet", table)
        return totals

    def _manifest_rows(self, batch_id: str) -> dict:
        """Rows per table as a batch's manifest records them (one small file per batch, rather than a Parquet
        footer per table); {} when it does not say."""
        if batch_id not in self._batch_rows:  # (a published batch never changes)
            manifest = self._read_json(self.root / "batches" / batch_id / MANIFEST) or {}
            rows = manifest.get("rows")
            self._batch_rows[batch_id] = rows if isinstance(rows, dict) else {}
        return self._batch_rows[batch_id]

    def version(self) -> str:
        """A token that changes whenever a batch lands or a derived table is replaced (for caches)."""
        return self._snapshot().token()

    def export(self, table: str, path: str | Path, fmt: str | None = None) -> int:
        """Write a table as CSV or Parquet (by the path's suffix when fmt is None); returns the row count.

        Columns as `read(table)` gives them. CSV: UTF-8, header always, dates YYYY-MM-DD, times ISO 8601 UTC,
        empty field when missing. The file appears whole (written beside it, then renamed).
        """
        _check_table(table)
        path = Path(path)
        fmt = _export_format(path, fmt)
        cur, view_names = self._cursor()
        with cur:
            return _copy(cur, _sql_name(table), view_names[table], path, fmt)

    def iter_rows(self, table: str, batches: Sequence[str], rows: int = 500) -> Iterator[pd.DataFrame]:
        """An ingested table's rows in the given batches, a few hundred at a time, in batch order.

        Frames have the table's columns, the extra registry columns of their file and the stamps (`batch_id`
        filled with the batch's id where a file lacks it), with the registry's dtypes. Memory stays bounded
        however large the files are."""
        _check_table(table, INGESTED)
        for batch_id in batches:
            if f"{table}.parquet" not in self._listing(batch_id):
                continue
            path = self.root / "batches" / batch_id / f"{table}.parquet"
            names = self._column_names(path)
            extra = tuple(c for c in registry.COLUMNS if c in names and c not in registry.TABLES[table])
            extra += tuple(c for c in STAMPS if c not in extra)
            for chunk in pq.ParquetFile(str(path), filesystem=self._fs).iter_batches(batch_size=rows):
                frame = registry.conform(_to_pandas(pa.Table.from_batches([chunk])), table, extra)
                frame["batch_id"] = frame["batch_id"].fillna(batch_id)
                yield frame

    def read_batch_rows(
        self,
        table: str,
        batches: Sequence[str],
        column: str | None = None,
        values: Sequence[str] = (),
        columns: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """An ingested table's rows in the given batch directories whose `column` is one of `values` (every row when
        `column` is None), in batch order; only `columns` of them (and the stamps) when given.

        Only those files are opened and the filter is pushed into the Parquet reader; frames as `iter_rows`
        gives them (stamps included)."""
        _check_table(table, INGESTED)
        wanted = pa.array(sorted({str(v) for v in values}), pa.string())
        batch_ids = [b for b in dict.fromkeys(batches) if f"{table}.parquet" in self._listing(b)]

        def rows_of(batch_id: str) -> pa.Table:
            path = self.root / "batches" / batch_id / f"{table}.parquet"
            filters = pc.is_in(pc.field(column), wanted) if column is not None else None
            names = None
            if columns is not None:
                present = self._column_names(path)
                names = [c for c in dict.fromkeys([*columns, *STAMPS]) if c in present]
            arrow = pq.read_table(str(path), columns=names, filters=filters, filesystem=self._fs)
            if "batch_id" not in arrow.column_names:
                return arrow.append_column("batch_id", pa.array([batch_id] * arrow.num_rows, pa.string()))
            i = arrow.column_names.index("batch_id")
            return arrow.set_column(i, "batch_id", pc.fill_null(arrow["batch_id"], batch_id))

        if not batch_ids:
            return registry.conform(registry.empty_frame(table), table, STAMPS)
        with ThreadPoolExecutor(max_workers=min(8, len(batch_ids))) as pool:
            arrow = pa.concat_tables(list(pool.map(rows_of, batch_ids)), promote_options="default")
        names = set(arrow.column_names)
        extra = tuple(c for c in registry.COLUMNS if c in names and c not in registry.TABLES[table])
        extra += tuple(c for c in STAMPS if c not in extra)
        return registry.conform(_to_pandas(arrow), table, extra)

    # ---- writing

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """Hold the writer lock (re-entrant within this Store); on taking it, remove dead writers' leftovers."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield self
            finally:
                self._lock_depth -= 1
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".writer.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._lock_depth = 1
            self._clean_staging()
            self._prune_replaced()
            yield self
        finally:
            self._lock_depth = 0
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _clean_staging(self) -> None:
        """Remove staging directories of dead writers.

        Runs with the lock held, so a `.locked` directory belongs to a writer that died. Others (lock-free
        Dask partitions) are removed once untouched for STALE_SECONDS, so a live one is left alone.
        """
        staging = self.root / ".staging"
        if not staging.is_dir():
            return
        cutoff = time.time() - STALE_SECONDS
        for entry in staging.iterdir():
            if entry.name.endswith(LOCKED_SUFFIX) or _newest_mtime(entry) < cutoff:
                shutil.rmtree(entry, ignore_errors=True)

    def _prune_replaced(self) -> None:
        """Delete the batches a re-extraction replaced, once it landed over DERIVED_GRACE_SECONDS ago.

        Runs with the lock held. Readers skip replaced batches already, so a deletion cut short by a kill
        leaves nothing visible; every re-extraction names all the batches listed before it, so deleting a
        replaced re-extraction never brings back what it had replaced."""
        listed = _listdir(self.root / "batches")
        present = set(listed)
        cutoff = time.time() - DERIVED_GRACE_SECONDS
        for batch_id in listed:
            replaced = self._replaced_by(batch_id) & present
            if not replaced:
                continue
            try:
                landed = (self.root / "batches" / batch_id / REPLACES).stat().st_mtime
            except FileNotFoundError:
                continue
            if landed < cutoff:
                for old in sorted(replaced):
                    shutil.rmtree(self.root / "batches" / old, ignore_errors=True)

    @contextmanager
    def regenerate(self) -> Iterator[Generation]:
        """Write every stored row anew as one batch that replaces all the batches there are now.

        For a re-extraction: holds the writer lock; the block reads the old rows (`iter_rows` over
        `generation.sources`) and appends the new ones (`generation.append`, `generation.write_derived`).
        Leaving the block publishes the new batch with one rename; an exception or a kill before that leaves
        the store exactly as it was (the staged files are removed, or by the next writer)."""
        with self.writer():
            snap = self._snapshot()
            extras = {}
            for table in INGESTED:
                stored = set().union(*(self._column_names(p) for p in self._files(table, snap)))
                own = set(registry.TABLES[table]) | set(STAMPS)
                extras[table] = tuple(c for c in registry.COLUMNS if c in stored and c not in own)
            generation = Generation(self.root, new_batch_id(), snap.batches, snap.listed, extras)
            try:
                yield generation
                generation.commit()
            except BaseException:
                generation.abort()
                raise

    def _new_rows(self, frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Validated frames without the rows stored already (by article_id; by error_id for errors).

        Known articles are dropped before validation, so re-reading a large input stays cheap.
        """
        out: dict[str, pd.DataFrame] = {}
        given = [f["article_id"] for f in frames.values() if f is not None and "article_id" in f.columns]
        known = self.stored_article_ids(pd.concat(given).unique()) if given else set()
        for table, frame in frames.items():
            if frame is None or frame.empty:
                continue
            _extra_columns(frame, table)
            if table == "errors":
                valid = _validated(frame, table)
                valid = valid.assign(error_id=_error_ids(valid)).drop_duplicates(subset="error_id")
                valid = valid[~in_ids(valid["error_id"], self._stored_among("errors", "error_id", valid["error_id"]))]
            else:
                if "article_id" not in frame.columns:
                    raise StoreError(f"{table}: frame has no article_id column")
                frame = frame[~in_ids(frame["article_id"], known)]
                # the same text read from two origins is one article; its children are then identical rows
                frame = frame.drop_duplicates(subset="article_id") if table == "articles" else frame.drop_duplicates()
                valid = _validated(frame, table) if len(frame) else frame
            if len(valid):
                out[table] = valid.reset_index(drop=True)
        return out

    def write_batch(self, frames: Mapping[str, pd.DataFrame], batch_id: str | None = None) -> str | None:
        """Append one batch of ingested tables; returns its batch_id, or None when nothing in it is new.

        Frames may be any subset of the ingested tables; each is validated with columns.validate (a bad one
        rejects the batch with a StoreError naming the table). Articles stored already are dropped with their
        figures, reports and notes, and so are errors stored already. Holds the writer lock meanwhile.
        A given `batch_id` (deterministic, for a retried Dask task) that is published already writes nothing.
        """
        for table in frames:
            _check_table(table, INGESTED)
        with self.writer():
            batch_id = batch_id or new_batch_id()
            tables = _stamped(self._new_rows(frames), batch_id)
            if not tables:
                return None
            return _publish(self.root, tables, batch_id, staging_name=batch_id + LOCKED_SUFFIX)

    def write_derived(self, table: str, frame: pd.DataFrame) -> None:
        """Replace a whole derived table (events, ...): readers see the old version or the new one, whole.

        Writes derived/<table>/<new version>.parquet (temp file, fsync, rename), then deletes the versions
        replaced more than DERIVED_GRACE_SECONDS ago. Takes no lock: the last version written wins.
        """
        _check_table(table, [t for t in registry.TABLES if t not in INGESTED])
        arrow = _to_arrow(_validated(frame, table))
        folder = self.root / "derived" / table
        folder.mkdir(parents=True, exist_ok=True)
        version = new_batch_id()
        tmp = folder / f".{version}.parquet.tmp"
        try:
            _write_parquet(arrow, tmp)
            os.rename(tmp, folder / f"{version}.parquet")
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(folder)
        self._prune_derived(folder)

    def write_derived_set(
        self,
        tables: Mapping[str, pd.DataFrame | pa.Table | Mapping[str, pd.DataFrame | pa.Table]],
        covers: Sequence[str],
        keep: Mapping[str, Mapping[str, str]] | None = None,
        linked_beyond: Sequence[str] | None = None,
    ) -> str:
        """Replace several derived tables in one step (events and report_events): readers see the old ones or
        the new ones, all of them, never a mix and never none. `covers` names the batches whose rows these
        tables account for (their watermark: `events_coverage` says what is stale); `linked_beyond`, when known,
        the batches outside it whose reports are linked all the same (see `set_manifest`). Returns the version.

        A table is one frame, or a mapping part name -> frame (a partitioned table: one file per part, see
        `derived_parts`); `keep` carries parts of the current set unchanged (table -> part -> its file under the
        root, as `derived_parts` gives it): hard-linked into the new set, so an update costs the parts it
        changes, and every set stays whole on its own (pruning an old set never touches a newer one's files).
        A frame is validated against the registry; an Arrow table is taken as stored (storage types, registry
        names). Staged in .staging/, published by one rename to derived/_sets/<version>/ (holds the writer lock).
        """
        keep = keep or {}
        for table in {*tables, *keep}:
            _check_set_table(table)
        with self.writer():
            version = new_batch_id()
            staging = self.root / ".staging" / f"set-{version}{LOCKED_SUFFIX}"
            staging.mkdir(parents=True)
            try:
                rows: dict[str, int] = {}
                parts: dict[str, dict[str, str]] = {}
                part_rows: dict[str, int] = {}
                for table, arrow in _set_arrows(tables).items():
                    _write_parquet(arrow, staging / f"{table}.parquet")
                    rows[table] = arrow.num_rows
                for table, part, arrow in _set_parts(tables):
                    name = f"{table}.{part}.parquet"
                    _write_parquet(arrow, staging / name)
                    parts.setdefault(table, {})[part] = name
                    rows[table] = rows.get(table, 0) + arrow.num_rows
                    part_rows[name] = arrow.num_rows
                for table, kept in keep.items():
                    for part, path in kept.items():
                        name = f"{table}.{part}.parquet"
                        if part in parts.get(table, {}):
                            raise StoreError(f"{table}: part {part} is both written and kept")
                        _link_or_copy(self.root / path, staging / name)
                        parts.setdefault(table, {})[part] = name
                        part_rows[name] = self._file_rows(self.root / path)
                        rows[table] = rows.get(table, 0) + part_rows[name]
                manifest = set_manifest(
                    version, [*tables, *keep], rows, covers, parts, linked_beyond, part_rows, self._covered_rows(covers)
                )
                with open(staging / SET_MANIFEST, "w", encoding="utf-8") as fh:
                    json.dump(manifest, fh)
                    fh.flush()
                    os.fsync(fh.fileno())
                _fsync_dir(staging)
                folder = self.root / "derived" / SETS
                folder.mkdir(parents=True, exist_ok=True)
                os.rename(staging, folder / version)
                _fsync_dir(folder)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            self._prune_sets(folder)
            return version

    def _file_rows(self, path) -> int:
        """A Parquet file's rows: from its set's manifest when it is a part of a derived set, else its footer."""
        if path not in self._rows:
            root, text = str(self.root).rstrip("/") + "/", str(path)
            where = text[len(root) :].split("/") if text.startswith(root) else []
            rows = None
            if len(where) == 4 and where[:2] == ["derived", SETS]:
                rows = self._set_manifest(where[2]).get(PART_ROWS, {}).get(where[3])
            if not isinstance(rows, int):
                rows = pq.read_metadata(str(path), filesystem=self._fs).num_rows
            self._rows[path] = rows
        return self._rows[path]

    @staticmethod
    def _prune_sets(folder: Path) -> None:
        """Delete derived sets whose successor landed over DERIVED_GRACE_SECONDS ago."""
        cutoff = time.time() - DERIVED_GRACE_SECONDS
        versions = [folder / n for n in _listdir(folder)]
        for old, successor in zip(versions, versions[1:], strict=False):
            with contextlib.suppress(FileNotFoundError):
                if successor.stat().st_mtime < cutoff:
                    shutil.rmtree(old, ignore_errors=True)

    def events_coverage(self) -> EventsCoverage:
        """Which batches the current events account for, and which hold rows they do not (stale).

        The events come from a derived set (its manifest names the batches it covers), from a re-extraction's
        batch (they cover that batch) or from an older store's derived/events/<version>.parquet (they cover the
        batches older than that version)."""
        snap = self._snapshot()
        current = dict(snap.sources).get("events")
        with_rows = tuple(b for b in snap.batches if self._listing(b) & {"articles.parquet", "reports.parquet"})
        if current is None:
            return EventsCoverage(None, frozenset(), with_rows, snap.batches)
        parts = current.split("/")
        if parts[0] == "batches":
            covered = frozenset({parts[1]})
        elif parts[1] == SETS:  # derived/_sets/<version>
            covered = frozenset(self._set_manifest(parts[2]).get("covers", []))
        else:
            version = parts[-1].removesuffix(".parquet")
            covered = frozenset(b for b in snap.batches if b <= version)
        return EventsCoverage(current, covered, tuple(b for b in with_rows if b not in covered), snap.batches)

    @staticmethod
    def _prune_derived(folder: Path) -> None:
        """Delete derived versions whose successor landed over DERIVED_GRACE_SECONDS ago, and stale temp files."""
        cutoff = time.time() - DERIVED_GRACE_SECONDS
        versions = [folder / n for n in _listdir(folder) if n.endswith(".parquet")]
        for old, successor in zip(versions, versions[1:], strict=False):
            with contextlib.suppress(FileNotFoundError):  # another writer pruned it first
                if successor.stat().st_mtime < cutoff:
                    old.unlink()
        for tmp in folder.glob(".*.tmp"):
            if _newest_mtime(tmp) < time.time() - STALE_SECONDS:
                tmp.unlink(missing_ok=True)


class Generation:
    """One batch holding a new copy of every stored row, staged in .staging/ and published by one rename.

    Made by Store.regenerate. Rows keep their old batch's grouping: the rows of old batch B get the batch id
    '<generation id>-<n>' (a part), so an article, its figures, reports and notes still share one batch_id.
    `sources` are the batches to read, `replaces` every batch directory the new batch retires.
    """

    def __init__(
        self,
        root: Path,
        batch_id: str,
        sources: tuple[str, ...],
        replaces: tuple[str, ...],
        extras: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.root, self.batch_id, self.sources, self.replaces = root, batch_id, sources, replaces
        self._extras = {t: (() if t in MACHINE else tuple(extras.get(t, ()))) for t in INGESTED}
        self.staging = root / ".staging" / f"{batch_id}{LOCKED_SUFFIX}"
        self.staging.mkdir(parents=True)
        self._writers: dict[str, tuple[BinaryIO, pq.ParquetWriter]] = {}
        self.rows: dict[str, int] = {}
        self._parts: dict[str, str] = {}
        self._now = pd.Timestamp.now(tz="UTC").as_unit("us")

    def part(self, old_batch_id: str) -> str:
        """The batch id that rows of an old batch get in this generation."""
        if old_batch_id not in self._parts:
            self._parts[old_batch_id] = f"{self.batch_id}-{len(self._parts):05d}"
        return self._parts[old_batch_id]

    def append(self, table: str, frame: pd.DataFrame) -> None:
        """Add rows of an ingested table. `batch_id` holds each row's old batch id (it becomes that batch's
        part); `ingested_at`, where given, is kept (when the row first came in), else it is now."""
        _check_table(table, INGESTED)
        if frame.empty:
            return
        if "batch_id" not in frame.columns or frame["batch_id"].isna().any():
            raise StoreError(f"{table}: every row appended to a generation needs its old batch_id")
        valid = _validated(frame.drop(columns=[c for c in frame.columns if c not in registry.COLUMNS]), table)
        valid = registry.conform(valid, table, self._extras[table])
        stamps = frame["ingested_at"] if "ingested_at" in frame.columns else pd.Series(pd.NaT, index=frame.index)
        valid["batch_id"] = pd.array([self.part(str(b)) for b in frame["batch_id"]], dtype=registry.STRING)
        valid["ingested_at"] = pd.to_datetime(stamps, utc=True).fillna(self._now).astype(registry.TIME)
        arrow = _to_arrow(valid.reset_index(drop=True))
        if table not in self._writers:
            handle = open(self.staging / f"{table}.parquet", "wb")  # noqa: SIM115 - closed in commit/abort
            self._writers[table] = (handle, pq.ParquetWriter(handle, arrow.schema, compression=COMPRESSION))
        self._writers[table][1].write_table(arrow)
        self.rows[table] = self.rows.get(table, 0) + arrow.num_rows

    def write_derived(self, table: str, frame: pd.DataFrame) -> None:
        """Stage a whole derived table (events, report_events) to be published with the batch."""
        _check_table(table, [t for t in registry.TABLES if t not in INGESTED])
        arrow = _to_arrow(_validated(frame, table))
        _write_parquet(arrow, self.staging / f"{table}.parquet")
        self.rows[table] = arrow.num_rows

    def _close_writers(self, sync: bool) -> None:
        for handle, writer in self._writers.values():
            try:
                writer.close()
                if sync:
                    handle.flush()
                    os.fsync(handle.fileno())
            finally:
                handle.close()
        self._writers = {}

    def commit(self) -> str:
        """Publish the staged batch: files synced, _replaces.json and manifest written, then one rename."""
        self._close_writers(sync=True)
        for name, payload in (
            (REPLACES, {"batches": list(self.replaces)}),
            (
                MANIFEST,
                {
                    "batch_id": self.batch_id,
                    "created_at": datetime.now(UTC).isoformat(),
                    "rows": self.rows,
                    "parts": self._parts,
                    "replaces": len(self.replaces),
                },
            ),
        ):
            with open(self.staging / name, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
        _fsync_dir(self.staging)
        target = self.root / "batches" / self.batch_id
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.staging, target)
        _fsync_dir(target.parent)
        return self.batch_id

    def abort(self) -> None:
        """Drop what was staged; the store is left as it was."""
        with contextlib.suppress(Exception):
            self._close_writers(sync=False)
        shutil.rmtree(self.staging, ignore_errors=True)
