"""Data access for the dashboard: the store's reports, loaded once per store version, aggregated in DuckDB.

`DataSource` reads the reports (joined with their articles' metadata and their first figure's sentence
offset) from the store once per `store.version()` into an in-process DuckDB table, and answers every
chart, map, table and download from it with small aggregated frames. Nothing here knows about Dash.

The unit counted is the report. Reports later gain an `event_id` and an `events` table appears; counting
events instead of raw reports is then a second relation registered in `_load` and picked by `unit` in
`_relation` (every query goes through it).
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pycountry

from dashboard import filters as flt
from dashboard.filters import NONE, Filters, Selection
from etl import columns as registry

# Columns of a CSV/JSON export row, all registry names: the report, then its article's metadata.
EXPORT_COLUMNS = (
    "report_id", "article_id", "kind", "start_date", "end_date", "country_code", "location", "outcome",
    "victim_group", "count_low", "count_best", "count_high", "qualifier", "perpetrator", "reporting_source",
    "sentence", "published", "source", "title", "url", "figure_ids", "span_start", "span_end",
)
# Columns of the reports grid (see dashboard/components.py for their headers).
GRID_COLUMNS = (
    "report_id", "article_id", "date", "kind", "country_code", "location", "outcome", "victim_group",
    "count_low", "count_best", "count_high", "qualifier", "perpetrator", "reporting_source", "source",
    "title", "sentence",
)
# Sortable grid columns -> SQL expression (anything else is ignored).
SORTABLE = {
    "date": "date", "country_code": "country_code", "location": "location", "outcome": "outcome",
    "victim_group": "victim_group", "count_low": "count_low", "count_best": "count_best",
    "count_high": "count_high", "qualifier": "qualifier", "perpetrator": "perpetrator",
    "reporting_source": "reporting_source", "source": "source", "kind": "kind",
}
_NULLABLE_TYPES = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int64Dtype(), pa.string(): pd.StringDtype()}
UNITS = ("reports",)
"""What is counted. 'events' joins here once the events table exists."""

_LOAD_SQL = """
SELECT r.report_id, r.article_id, r.kind, r.outcome, r.victim_group, r.count_low, r.count_best, r.count_high,
       r.qualifier, r.start_date, r.end_date, r.country_code, r.location, r.perpetrator, r.reporting_source,
       r.figure_ids, r.sentence, r.span_start, r.span_end,
       a.published, a.title, a.url, a.source, f.sentence_start
FROM (SELECT * FROM reports {where}) AS r
LEFT JOIN (SELECT article_id, any_value(published) AS published, any_value(title) AS title,
                  any_value(url) AS url, any_value(source) AS source
           FROM articles {where} GROUP BY article_id) AS a USING (article_id)
LEFT JOIN (SELECT figure_id, any_value(sentence_start) AS sentence_start FROM figures {where}
           GROUP BY figure_id) AS f
       ON f.figure_id = split_part(r.figure_ids, ';', 1)
"""
# A report's article and figures are written in the same store batch (write_batch drops the children of
# articles already stored), so the store can be read one group of batches at a time.
CHUNK_ROWS = 200_000

# Closed columns become DuckDB ENUMs; free-text columns that are filtered and grouped also get a 64-bit hash
# column (<name>_h); incidents get their week, month and year precomputed. All of it makes the per-request
# queries scan small integer columns only.
ENUMS = {
    "kind": registry.KINDS, "outcome": registry.OUTCOMES, "victim_group": registry.VICTIM_GROUPS,
    "qualifier": registry.QUALIFIERS,
}
HASHED = ("perpetrator", "reporting_source")
COUNTRY_CODES = tuple(sorted(c.alpha_3 for c in pycountry.countries))
PERIODS = {"day": "date", "week": "p_week", "month": "p_month", "year": "p_year"}

_DERIVE_SQL = """
SELECT report_id, article_id,
       TRY_CAST(kind AS kind_t) AS kind, TRY_CAST(outcome AS outcome_t) AS outcome,
       TRY_CAST(victim_group AS victim_group_t) AS victim_group,
       count_low, count_best, count_high, TRY_CAST(qualifier AS qualifier_t) AS qualifier,
       start_date, end_date, TRY_CAST(nullif(country_code, '') AS country_code_t) AS country_code, location,
       nullif(perpetrator, '') AS perpetrator, nullif(reporting_source, '') AS reporting_source,
       figure_ids, sentence, span_start, span_end, published, title, url, source,
       date, date_end, date_trunc('week', date)::DATE AS p_week, date_trunc('month', date)::DATE AS p_month,
       date_trunc('year', date)::DATE AS p_year,
       CAST(coalesce(count_best, count_low, count_high) AS INTEGER) AS best,
       CAST(coalesce(count_low, count_best, count_high) AS INTEGER) AS low,
       CAST(coalesce(count_high, count_best, count_low) AS INTEGER) AS high,
       CAST(dense_rank() OVER (ORDER BY article_id) + {aid_offset} AS INTEGER) AS aid,
       CAST(CASE WHEN sentence_start IS NOT NULL AND span_start >= sentence_start AND span_end > span_start
                      AND span_end - sentence_start <= length(sentence)
                 THEN span_start - sentence_start END AS INTEGER) AS hl,
       hash(nullif(perpetrator, '')) AS perpetrator_h, hash(nullif(reporting_source, '')) AS reporting_source_h
FROM (SELECT *, CAST(coalesce(start_date, published) AS DATE) AS date,
             CAST(coalesce(end_date, start_date, published) AS DATE) AS date_end FROM loaded)
ORDER BY date DESC NULLS LAST
"""
# the figure's number phrase split out of its sentence, for the grid (computed for one page of rows)
_HIGHLIGHT_SQL = (
    "CASE WHEN hl IS NOT NULL THEN substr(sentence, 1, hl) ELSE sentence END AS pre, "
    "CASE WHEN hl IS NOT NULL THEN substr(sentence, hl + 1, span_end - span_start) END AS mark, "
    "CASE WHEN hl IS NOT NULL THEN substr(sentence, hl + 1 + span_end - span_start) END AS post"
)

_NOTES_SQL = """
SELECT n.note_id, n.article_id, n.reporting_source, n.blamed, n.sentence, a.published, a.source, a.title
FROM (SELECT * FROM notes {where}) AS n
LEFT JOIN (SELECT article_id, any_value(published) AS published, any_value(source) AS source,
                  any_value(title) AS title FROM articles {where} GROUP BY article_id) AS a USING (article_id)
"""


class _Snapshot:
    """The store loaded into an in-memory DuckDB database: tables `rel` (reports) and `notes`.

    `batches` are the store batches loaded. A new store version that only adds batches is appended in
    one transaction (readers see all of it or none); anything else is loaded afresh.
    """

    def __init__(self, version: str, con: duckdb.DuckDBPyConnection) -> None:
        self.version = version
        self.con = con
        self.rows = 0
        self.batches: frozenset[str] = frozenset()
        self.countries: frozenset[str] = frozenset()
        self.max_aid = 0
        self.local = threading.local()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection for the calling thread (DuckDB connections are not shared across threads)."""
        cur = getattr(self.local, "cursor", None)
        if cur is None:
            cur = self.con.cursor()
            self.local.cursor = cur
        return cur


def _batch_rows(store: Any) -> dict[str, int]:
    """Report rows per store batch (batches with notes but no reports count 0)."""
    rows: dict[str, int] = {}
    for table in ("reports", "notes"):
        try:
            counts = store.query(f"SELECT batch_id, count(*) AS n FROM {table} GROUP BY batch_id")
        except Exception:  # noqa: BLE001 - a table without files has no batch_id column yet
            continue
        for batch_id, n in zip(counts["batch_id"], counts["n"], strict=True):
            rows[str(batch_id)] = rows.get(str(batch_id), 0) + (int(n) if table == "reports" else 0)
    return rows


def _groups(rows: dict[str, int]) -> list[list[str]]:
    """Batch ids (sorted) in groups of about CHUNK_ROWS reports."""
    groups: list[list[str]] = []
    size = 0
    for batch_id in sorted(rows):
        if not groups or size + rows[batch_id] > CHUNK_ROWS:
            groups.append([])
            size = 0
        groups[-1].append(batch_id)
        size += rows[batch_id]
    return groups


def _append(store: Any, con: duckdb.DuckDBPyConnection, group: list[str] | None) -> None:
    """Read one group of batches (None: everything) from the store and add it to rel and notes."""
    if group is None:
        where, params = "", []
    else:
        where, params = f"WHERE batch_id IN ({', '.join('?' * len(group))})", list(group)
    loaded = store.query(_LOAD_SQL.format(where=where), params * 3)
    aid_offset = con.execute("SELECT coalesce(max(aid), 0) FROM rel").fetchall()[0][0]
    con.register("loaded", loaded)
    con.execute(f"INSERT INTO rel {_DERIVE_SQL.format(aid_offset=aid_offset)}")
    con.unregister("loaded")
    del loaded
    notes = store.query(_NOTES_SQL.format(where=where), params * 2)
    con.register("notes_loaded", notes)
    con.execute(
        "INSERT INTO notes SELECT n.*, a.aid FROM notes_loaded AS n LEFT JOIN "
        f"(SELECT article_id, any_value(aid) AS aid FROM rel WHERE aid > {int(aid_offset)} GROUP BY article_id) AS a "
        "USING (article_id)"
    )
    con.unregister("notes_loaded")


def _country_codes(store: Any, group: list[str] | None = None) -> set[str]:
    """The country codes in the store's reports (of some batches only, if given)."""
    where, params = ("", []) if group is None else (f" AND batch_id IN ({', '.join('?' * len(group))})", group)
    try:
        frame = store.query(f"SELECT DISTINCT country_code FROM reports WHERE country_code <> ''{where}", params)
    except Exception:  # noqa: BLE001 - no report files yet
        return set()
    return {str(c) for c in frame["country_code"].dropna()}


def _create_tables(store: Any, con: duckdb.DuckDBPyConnection, countries: Iterable[str]) -> None:
    """The ENUM types, and empty rel and notes tables with the columns the queries produce."""
    for name, values in {**ENUMS, "country_code": tuple(sorted(countries))}.items():
        con.execute(f"CREATE TYPE {name}_t AS ENUM ({', '.join(_quote(v) for v in values)})")
    empty = store.query(_LOAD_SQL.format(where="") + " LIMIT 0")
    con.register("loaded", empty)
    con.execute(f"CREATE TABLE rel AS {_DERIVE_SQL.format(aid_offset=0)}")
    con.unregister("loaded")
    notes = store.query(_NOTES_SQL.format(where="") + " LIMIT 0")
    con.register("notes_loaded", notes)
    con.execute("CREATE TABLE notes AS SELECT *, CAST(NULL AS INTEGER) AS aid FROM notes_loaded")
    con.unregister("notes_loaded")


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def load_snapshot(store: Any, version: str, threads: int | None = None) -> _Snapshot:
    """Read reports (with article metadata) and notes from the store into a new in-memory DuckDB.

    Reads a group of store batches at a time, so that only one group is ever held as a pandas frame.
    """
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    snap = _Snapshot(version, con)
    snap.countries = frozenset(COUNTRY_CODES) | _country_codes(store)
    _create_tables(store, con, snap.countries)
    rows = _batch_rows(store)
    for group in _groups(rows):
        _append(store, con, group)
    snap.batches = frozenset(rows)
    counts = con.execute("SELECT count(*), coalesce(max(aid), 0) FROM rel").fetchall()[0]
    snap.rows, snap.max_aid = int(counts[0]), int(counts[1])
    return snap


def refresh_snapshot(store: Any, snap: _Snapshot, version: str, threads: int | None = None) -> _Snapshot:
    """The snapshot brought to `version`: new batches appended in place, or a fresh load when batches went."""
    rows = _batch_rows(store)
    if not snap.batches <= set(rows):
        return load_snapshot(store, version, threads)
    new = {b: n for b, n in rows.items() if b not in snap.batches}
    if new and not _country_codes(store, sorted(new)) <= snap.countries:  # a code the enum lacks: start over
        return load_snapshot(store, version, threads)
    if new:
        con = snap.con.cursor()
        con.execute("BEGIN TRANSACTION")
        try:
            for group in _groups(new):
                _append(store, con, group)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.close()
        snap.batches = snap.batches | frozenset(new)
        snap.rows, snap.max_aid = (
            int(v) for v in snap.con.cursor().execute("SELECT count(*), coalesce(max(aid), 0) FROM rel").fetchall()[0]
        )
    snap.version = version
    return snap


def _key_sql(column: str) -> str:
    """SQL for a grouping key's value as text, with empty values as the NONE token."""
    if column in ENUMS:
        return f"CAST({column} AS VARCHAR)"
    if column == "country_code":
        return f"coalesce(CAST({column} AS VARCHAR), '{NONE}')"
    if column not in HASHED:
        raise ValueError(f"cannot group by {column!r}")
    return f"coalesce({column}, '{NONE}')"


def _group_sql(column: str) -> tuple[str, str]:
    """(GROUP BY expression, key expression) for grouping by a column: hashed text groups by its hash."""
    if column in HASHED:
        return f"{column}{flt.HASHED_SUFFIX}", f"coalesce(any_value({column}), '{NONE}')"
    key = _key_sql(column)
    return key, key


def _keys_sql(column: str, keys: tuple[str, ...]) -> tuple[str, list[Any]]:
    """' AND <column is one of keys>' (NONE meaning empty) and its parameters; '' for no keys."""
    if not keys:
        return "", []
    field = {"country_code": "countries", "reporting_source": "sources", "perpetrator": "perpetrators",
             "outcome": "outcomes", "victim_group": "groups"}[column]
    where, params = flt.where_sql(Filters(**{field: tuple(keys)}), HASHED)
    return f" AND {where}", params


def _where(filters: Filters) -> tuple[str, list[Any]]:
    return flt.where_sql(filters, HASHED)


_TEXT = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in ENUMS)


def _select(names: tuple[str, ...] | list[str]) -> str:
    """A SELECT list giving enum columns back as text."""
    return ", ".join(f"CAST({n} AS VARCHAR) AS {n}" if n in ENUMS else n for n in names)


class DataSource:
    """The dashboard's view of one store: cached per store version, answering with small frames."""

    def __init__(self, store: Any, check_every: float = 1.0, cache_size: int = 256, threads: int | None = None):
        self.store = store
        self.check_every = check_every
        self.threads = threads
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._checked_at = 0.0
        self._version: str | None = None
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()

    # ---- versions and caching

    def version(self) -> str:
        """The store version, asked at most every `check_every` seconds."""
        now = time.monotonic()
        if self._version is None or now - self._checked_at >= self.check_every:
            self._version = self.store.version()
            self._checked_at = now
        return self._version

    def invalidate(self) -> None:
        """Forget the remembered version so the next call sees new data at once (after an ingest)."""
        self._version = None

    def snapshot(self) -> _Snapshot:
        """The loaded data for the current store version (loading it if the version changed)."""
        version = self.version()
        snap = self._snapshot
        if snap is not None and snap.version == version:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is None:
                snap = load_snapshot(self.store, version, self.threads)
            elif snap.version != version:
                snap = refresh_snapshot(self.store, snap, version, self.threads)
            self._snapshot = snap
            with self._cache_lock:
                self._cache.clear()
        return snap

    def _cached(self, key: Hashable, compute: Callable[[_Snapshot], Any]) -> Any:
        snap = self.snapshot()
        full_key = (snap.version, key)
        with self._cache_lock:
            if full_key in self._cache:
                self._cache.move_to_end(full_key)
                return self._cache[full_key]
        value = compute(snap)
        with self._cache_lock:
            self._cache[full_key] = value
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return value

    @staticmethod
    def _relation(unit: str = "reports") -> str:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; one of {UNITS}")
        return "rel"

    def _df(self, snap: _Snapshot, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return snap.cursor().execute(sql, params or []).df()

    # ---- selection-wide numbers

    def options(self) -> dict[str, Any]:
        """Values for the filter controls: countries, perpetrators and sources with report counts, date span."""

        def compute(snap: _Snapshot) -> dict[str, Any]:
            def counts(column: str, limit: int) -> list[tuple[str, int]]:
                group, key = _group_sql(column)
                frame = self._df(
                    snap,
                    f"SELECT {key} AS value, count(*) AS n FROM rel GROUP BY {group} ORDER BY n DESC, value "
                    f"LIMIT {limit}",
                )
                return list(zip(frame["value"].astype(str), frame["n"].astype(int), strict=True))

            span = snap.cursor().execute("SELECT min(date), max(date_end) FROM rel").fetchall()[0]
            return {
                "countries": counts("country_code", 400),
                "perpetrators": counts("perpetrator", 500),
                "sources": counts("reporting_source", 500),
                "date_min": span[0],
                "date_max": span[1],
                "reports": snap.rows,
            }

        return self._cached(("options",), compute)

    def totals(self, filters: Filters) -> dict[str, Any]:
        """Counts at a glance: incident sums per outcome (best, low, high) and what stands behind them."""

        def compute(snap: _Snapshot) -> dict[str, Any]:
            where, params = _where(filters)
            frame = self._df(
                snap,
                "SELECT CAST(outcome AS VARCHAR) AS outcome, CAST(kind AS VARCHAR) AS kind, sum(best) AS best, "
                "sum(low) AS low, sum(high) AS high, count(*) AS reports "
                f"FROM rel WHERE {where} GROUP BY outcome, kind",
                params,
            )
            # articles and countries have dense integer codes: a bitmap counts them faster than a hash set
            articles = (f"bit_count(bitstring_agg(aid, 1, {snap.max_aid}))" if snap.max_aid else "0")
            distinct = snap.cursor().execute(
                f"SELECT coalesce({articles}, 0), count(DISTINCT reporting_source_h) FILTER "
                "(WHERE reporting_source IS NOT NULL), "
                f"coalesce(bit_count(bitstring_agg(enum_code(country_code), 0, {len(snap.countries) - 1})), 0) "
                f"FROM rel WHERE {where}",
                params,
            ).fetchall()[0]
            incidents = frame[frame["kind"] == "incident"]
            outcomes = {
                r.outcome: {"best": _int(r.best), "low": _int(r.low), "high": _int(r.high), "reports": int(r.reports)}
                for r in incidents.itertuples()
            }
            return {
                "outcomes": outcomes,
                "reports": int(frame["reports"].sum()),
                "articles": int(distinct[0]),
                "period_totals": int(frame.loc[frame["kind"] == "period_total", "reports"].sum()),
                "sources": int(distinct[1]),
                "countries": int(distinct[2]),
            }

        return self._cached(("totals", filters), compute)

    # ---- charts

    def timeline(self, filters: Filters, interval: str, key: str, keys: tuple[str, ...] = ()) -> pd.DataFrame:
        """Incidents summed per period and key: columns period, key, best, low, high, reports (only `keys` if given)."""
        if interval not in flt.INTERVALS:
            raise ValueError(f"unknown interval {interval!r}")

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = _where(filters)
            only, only_params = _keys_sql(key, keys)
            group, key_sql = _group_sql(key)
            period = PERIODS[interval]
            return self._df(
                snap,
                f"SELECT {period} AS period, {key_sql} AS key, sum(best) AS best, sum(low) AS low, "
                f"sum(high) AS high, count(*) AS reports FROM rel "
                f"WHERE kind = 'incident' AND date IS NOT NULL AND {where}{only} GROUP BY {period}, {group} "
                "ORDER BY 1, 2",
                [*params, *only_params],
            )

        return self._cached(("timeline", filters, interval, key, keys), compute)

    def period_totals(
        self, filters: Filters, key: str = "reporting_source", limit: int = 400, keys: tuple[str, ...] = ()
    ) -> tuple[pd.DataFrame, int]:
        """Period totals as reported (latest first, at most `limit`; only `keys` if given) and how many in all."""

        def compute(snap: _Snapshot) -> tuple[pd.DataFrame, int]:
            where, params = _where(filters)
            only, only_params = _keys_sql(key, keys)
            base = f"FROM rel WHERE kind = 'period_total' AND date IS NOT NULL AND {where}{only}"
            args = [*params, *only_params]
            total = int(snap.cursor().execute(f"SELECT count(*) {base}", args).fetchall()[0][0])
            frame = self._df(
                snap,
                f"SELECT report_id, {_key_sql(key)} AS key, date AS start, date_end AS end, best, low, high, "
                f"{_TEXT}, country_code, reporting_source {base} ORDER BY date_end DESC, rowid LIMIT {int(limit)}",
                args,
            )
            return frame, total

        return self._cached(("period_totals", filters, key, limit, keys), compute)

    def by_country(self, filters: Filters) -> pd.DataFrame:
        """Incidents summed per country: country_code, best, low, high, reports (countries known only)."""

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = _where(filters)
            return self._df(
                snap,
                "SELECT CAST(country_code AS VARCHAR) AS country_code, sum(best) AS best, sum(low) AS low, "
                "sum(high) AS high, count(*) AS reports "
                f"FROM rel WHERE kind = 'incident' AND country_code IS NOT NULL AND {where} "
                "GROUP BY country_code ORDER BY best DESC NULLS LAST",
                params,
            )

        return self._cached(("by_country", filters), compute)

    def top_keys(self, filters: Filters, key: str, limit: int = 5) -> list[str]:
        """The keys (countries or sources) with the most reports in the selection."""

        def compute(snap: _Snapshot) -> list[str]:
            where, params = _where(filters)
            group, key_sql = _group_sql(key)
            frame = self._df(
                snap,
                f"SELECT {key_sql} AS key, count(*) AS n, sum(best) FILTER (WHERE kind = 'incident') AS best "
                f"FROM rel WHERE {where} GROUP BY {group} ORDER BY n DESC, best DESC NULLS LAST, key "
                f"LIMIT {int(limit)}",
                params,
            )
            return [str(k) for k in frame["key"]]

        return self._cached(("top_keys", filters, key, limit), compute)

    def compare_table(self, filters: Filters, key: str, keys: tuple[str, ...]) -> pd.DataFrame:
        """Side-by-side numbers per key: incident sums per outcome, reports, articles, latest period total."""

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = _where(filters)
            only, only_params = _keys_sql(key, keys)
            key_sql = _key_sql(key)
            return self._df(
                snap,
                f"""
                WITH sel AS (SELECT *, {key_sql} AS key FROM rel WHERE {where}{only}),
                latest AS (
                    SELECT key, arg_max(best, date_end) AS latest_total, max(date_end) AS latest_total_date
                    FROM sel WHERE kind = 'period_total' GROUP BY key)
                SELECT s.key,
                       sum(best) FILTER (WHERE kind = 'incident' AND outcome = 'killed') AS killed,
                       sum(low) FILTER (WHERE kind = 'incident' AND outcome = 'killed') AS killed_low,
                       sum(high) FILTER (WHERE kind = 'incident' AND outcome = 'killed') AS killed_high,
                       sum(best) FILTER (WHERE kind = 'incident' AND outcome = 'injured') AS injured,
                       sum(low) FILTER (WHERE kind = 'incident' AND outcome = 'injured') AS injured_low,
                       sum(high) FILTER (WHERE kind = 'incident' AND outcome = 'injured') AS injured_high,
                       count(*) AS reports, count(DISTINCT aid) AS articles,
                       count(*) FILTER (WHERE kind = 'period_total') AS period_totals,
                       any_value(l.latest_total) AS latest_total, any_value(l.latest_total_date) AS latest_total_date
                FROM sel AS s LEFT JOIN latest AS l USING (key)
                GROUP BY s.key ORDER BY reports DESC
                """,
                [*params, *only_params],
            )

        return self._cached(("compare_table", filters, key, keys), compute)

    # ---- rows

    def _row_where(self, filters: Filters, selection: Selection | None) -> tuple[str, list[Any]]:
        where, params = _where(filters)
        if selection is not None and not selection.is_empty():
            sel, sel_params = flt.selection_sql(selection)
            return f"{where} AND {sel}", [*params, *sel_params]
        return where, params

    def count_rows(self, filters: Filters, selection: Selection | None = None) -> int:
        """How many reports the filters (and drill-down) keep."""

        def compute(snap: _Snapshot) -> int:
            where, params = self._row_where(filters, selection)
            return int(snap.cursor().execute(f"SELECT count(*) FROM rel WHERE {where}", params).fetchall()[0][0])

        return self._cached(("count", filters, selection), compute)

    def report_rows(
        self,
        filters: Filters,
        selection: Selection | None = None,
        sort: list[dict[str, str]] | None = None,
        start: int = 0,
        end: int = 100,
    ) -> pd.DataFrame:
        """One block of grid rows (GRID_COLUMNS, then pre/mark/post: the sentence split around the figure's
        number phrase), sorted as asked (default: newest first)."""
        start = max(int(start), 0)
        size = min(max(int(end) - start, 0), 1000)
        order = []
        for item in sort or []:
            column = SORTABLE.get(str(item.get("colId")))
            if column:
                direction = "DESC" if str(item.get("sort")).lower() == "desc" else "ASC"
                order.append(f"{column} {direction} NULLS LAST")
        order_sql = ", ".join([*order, "date DESC NULLS LAST", "rowid"])
        sort_key = tuple((str(i.get("colId")), str(i.get("sort"))) for i in sort or [])

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = self._row_where(filters, selection)
            # pick the page's row ids on narrow columns first, then fetch the wide ones for those rows only
            return self._df(
                snap,
                f"WITH page AS (SELECT rowid AS rid FROM rel WHERE {where} ORDER BY {order_sql} "
                f"LIMIT {size} OFFSET {start}) "
                f"SELECT {_select(GRID_COLUMNS)}, {_HIGHLIGHT_SQL} FROM rel "
                f"WHERE rowid IN (SELECT rid FROM page) ORDER BY {order_sql}",
                params,
            )

        return self._cached(("rows", filters, selection, sort_key, start, size), compute)

    def notes(self, filters: Filters, selection: Selection | None = None, limit: int = 300) -> pd.DataFrame:
        """Attribution notes from the articles behind the selected reports, newest first."""

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = self._row_where(filters, selection)
            restrict = "" if where == "TRUE" else f"WHERE aid IN (SELECT aid FROM rel WHERE {where})"
            return self._df(
                snap,
                f"SELECT note_id, article_id, published, source, reporting_source, blamed, sentence, title "
                f"FROM notes {restrict} ORDER BY published DESC NULLS LAST, note_id LIMIT {int(limit)}",
                params,
            )

        return self._cached(("notes", filters, selection, limit), compute)

    def iter_export(
        self,
        filters: Filters,
        selection: Selection | None = None,
        chunk_rows: int = 50_000,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[pd.DataFrame]:
        """The selected reports as EXPORT_COLUMNS frames of at most chunk_rows rows, oldest first."""
        snap = self.snapshot()
        where, params = self._row_where(filters, selection)
        limit_sql = f" LIMIT {int(limit)}" if limit is not None else ""
        limit_sql += f" OFFSET {int(offset)}" if offset else ""
        sql = (
            f"SELECT {_select(EXPORT_COLUMNS)} FROM rel WHERE {where} ORDER BY date NULLS LAST, report_id{limit_sql}"
        )
        cur = snap.con.cursor()  # own connection: the generator may be consumed on another thread
        try:
            reader = cur.sql(sql, params=params).to_arrow_reader(chunk_rows)
            for batch in reader:
                yield batch.to_pandas(types_mapper=_NULLABLE_TYPES.get)
        finally:
            cur.close()

    def export_frame(
        self, filters: Filters, selection: Selection | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        """The selected reports as one EXPORT_COLUMNS frame."""
        frames = list(self.iter_export(filters, selection, limit=limit, offset=offset))
        if not frames:
            return pd.DataFrame(columns=list(EXPORT_COLUMNS))
        return pd.concat(frames, ignore_index=True)

    # ---- one article

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article's metadata and text (read from the store), or None."""
        frame = self.store.read(
            "articles", columns=["article_id", "title", "url", "source", "published", "text"],
            where="article_id = ?", params=[article_id],
        )
        if frame.empty:
            return None
        row = frame.iloc[0]
        return {k: (None if pd.isna(v) else v) for k, v in row.items()}

    def article_reports(self, article_id: str) -> pd.DataFrame:
        """The reports read from one article, in text order."""
        snap = self.snapshot()
        return self._df(
            snap,
            f"SELECT report_id, {_TEXT}, count_low, count_best, count_high, date, "
            "date_end, country_code, location, perpetrator, reporting_source, span_start, span_end, sentence "
            "FROM rel WHERE article_id = ? ORDER BY span_start NULLS LAST, report_id",
            [article_id],
        )

    def article_notes(self, article_id: str) -> pd.DataFrame:
        """The attribution notes of one article."""
        snap = self.snapshot()
        return self._df(
            snap, "SELECT reporting_source, blamed, sentence FROM notes WHERE article_id = ? ORDER BY note_id",
            [article_id],
        )


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# ---- the process-wide source (configured by app.py, used by callbacks and API routes)

_SOURCE: DataSource | None = None
_SOURCE_LOCK = threading.Lock()


THREADS_ENV = "CASUALTY_DUCKDB_THREADS"


def _threads() -> int | None:
    """DuckDB worker threads from $CASUALTY_DUCKDB_THREADS (default: DuckDB's, one per core)."""
    value = os.environ.get(THREADS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _open(root: str | Path | None) -> DataSource:
    from etl.store import Store

    return DataSource(Store(root), threads=_threads())


def configure(root: str | Path | None = None, store: Any = None) -> DataSource:
    """Set the process-wide DataSource over a store (given, or opened at root / $CASUALTY_STORE / data/)."""
    global _SOURCE
    new = DataSource(store, threads=_threads()) if store is not None else _open(root)
    with _SOURCE_LOCK:
        _SOURCE = new
    return new


def source() -> DataSource:
    """The process-wide DataSource (opened from $CASUALTY_STORE / data/ on first use if app.py did not)."""
    global _SOURCE
    if _SOURCE is None:
        with _SOURCE_LOCK:
            if _SOURCE is None:
                _SOURCE = _open(None)
    return _SOURCE
