"""Data access for the dashboard: the store's reports, loaded once per store version, aggregated in DuckDB.

`DataSource` reads the reports (joined with their articles' metadata and their first figure's sentence
offset) from the store once per `store.version()` into an in-process DuckDB table, and answers every
chart, map, table and download from it with small aggregated frames. Nothing here knows about Dash.

Reports carry their `event_id` (from the store's `report_events`) and the analysts' review decisions
(ROOT/review/decisions.jsonl, see etl/review.py) are applied on top: corrected fields, `review_status`,
merges and splits. Rejected reports are left out of every query. Counting events (the default unit) keeps
one lead row per event, outcome and victim group (`lead`, see `_LEAD_SQL` and docs/dashboard.md).
"""

from __future__ import annotations

import dataclasses
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
from etl import events as event_rules
from etl import review

# Columns of a CSV/JSON export row, all registry names: the report, then its article's metadata.
EXPORT_COLUMNS = (
    "report_id", "article_id", "kind", "start_date", "end_date", "country_code", "location", "outcome",
    "victim_group", "count_low", "count_best", "count_high", "qualifier", "perpetrator", "reporting_source",
    "sentence", "published", "source", "title", "url", "figure_ids", "span_start", "span_end", "event_id",
    "n_reports", "review_status", "counted", "counted_best", "counted_low", "counted_high",
)
# counted: the report's figure is in the page's incident totals (after reconciliation and review); counted_best
# (low, high): its share of them, the event's reconciled figure on its counted row, so that the counted rows'
# counted_best adds up to /api/totals.json for the same filters (see docs/dashboard.md).
COUNTED_COLUMNS = ("counted", "counted_best", "counted_low", "counted_high")
EVENT_EXPORT_COLUMNS = (
    "event_id", "outcome", "count_low", "count_best", "count_high", "start_date", "end_date", "country_code",
    "location", "perpetrator", "n_reports", "n_counted_rows",
)
"""An events download: one row per event and outcome, as the page's totals sum it."""
# Columns of the reports grid (see dashboard/components.py for their headers).
GRID_COLUMNS = (
    "report_id", "article_id", "date", "kind", "country_code", "location", "outcome", "victim_group",
    "count_low", "count_best", "count_high", "qualifier", "perpetrator", "reporting_source", "source",
    "title", "sentence", "event_id", "n_ev", "review_status", "url",
)
# Sortable grid columns -> SQL expression (anything else is ignored).
SORTABLE = {
    "date": "date", "country_code": "country_code", "location": "location", "outcome": "outcome",
    "victim_group": "victim_group", "count_low": "count_low", "count_best": "count_best",
    "count_high": "count_high", "qualifier": "qualifier", "perpetrator": "perpetrator",
    "reporting_source": "reporting_source", "source": "source", "kind": "kind", "event_id": "ev",
    "n_ev": "n_ev", "review_status": "review_status",
}
_NULLABLE_TYPES = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int64Dtype(), pa.string(): pd.StringDtype()}
UNITS = flt.UNITS
"""What charts and totals count: 'events' (one lead row per event, outcome and victim group) or 'reports'."""

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
    "qualifier": registry.QUALIFIERS, "review_status": registry.REVIEW_STATUSES,
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
       hash(nullif(perpetrator, '')) AS perpetrator_h, hash(nullif(reporting_source, '')) AS reporting_source_h,
       CAST(NULL AS VARCHAR) AS event_id, CAST(report_id AS VARCHAR) AS ev,
       CAST('unreviewed' AS review_status_t) AS review_status, TRUE AS lead, FALSE AS lead_rev, 1 AS n_ev,
       1 AS n_art, TRUE AS solo, TRUE AS solo_rev,
       CAST(coalesce(count_best, count_low, count_high) AS INTEGER) AS e_best,
       CAST(coalesce(count_low, count_best, count_high) AS INTEGER) AS e_low,
       CAST(coalesce(count_high, count_best, count_low) AS INTEGER) AS e_high,
       CAST(NULL AS INTEGER) AS v_best, CAST(NULL AS INTEGER) AS v_low, CAST(NULL AS INTEGER) AS v_high
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

# the columns of the notes tab and its CSV: who says, how, whom, with kinds, the rules and the sentence behind
NOTE_COLUMNS = (
    "published", "reporting_source", "source_kind", "stance", "blamed", "blamed_kind", "reporting_source_text",
    "blamed_text", "sentence", "report_id", "rules", "article_id", "note_id", "source", "title",
)  # fmt: skip
_NOTES_SQL = """
SELECT n.*, a.published, a.source, a.title
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
        self.store_version = version
        self.orphans: frozenset[str] = frozenset()  # ids of decisions that no longer find their report
        self._cursor_lock = threading.Lock()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor (its own DuckDB connection to the same database) for one query.

        Never share one: a connection used by two threads at once fails with "connection has an unfinished
        result" (the warm-up thread and the first requests did). Cursors are made under a lock."""
        with self._cursor_lock:
            return self.con.cursor()

    def fetchall(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        """Run one query on its own cursor and return its rows."""
        with self.cursor() as cur:
            return cur.execute(sql, params or []).fetchall()


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
        "INSERT INTO notes BY NAME SELECT n.*, a.aid FROM notes_loaded AS n LEFT JOIN "
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
    con.execute("CREATE TABLE orig AS SELECT * FROM rel LIMIT 0")  # machine rows of reports under review
    con.execute(_PERIOD_TOTALS_SQL)
    con.execute(_LARGEST_ROWS_SQL)
    con.execute(_MULTI_ROWS_SQL)
    con.unregister("loaded")
    notes = store.query(_NOTES_SQL.format(where="") + " LIMIT 0")
    con.register("notes_loaded", notes)
    con.execute("CREATE TABLE notes AS SELECT *, CAST(NULL AS INTEGER) AS aid FROM notes_loaded")
    con.unregister("notes_loaded")


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


QUERY_THREADS = 1
"""DuckDB threads for the requests' queries when none are asked for ($CASUALTY_DUCKDB_THREADS): the four or five
callbacks of one filter change query at once, and each query on one thread costs about 20% less CPU than each spread
over every core (benchmarks/README.md, Dashboard). Loading a store version uses every core."""


def _set_threads(snap: _Snapshot, threads: int | None) -> None:
    """DuckDB's worker threads for the snapshot's whole database (None: DuckDB's default, one per core)."""
    snap.fetchall("RESET threads" if threads is None else f"SET threads = {int(threads)}")


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
            int(v) for v in snap.fetchall("SELECT count(*), coalesce(max(aid), 0) FROM rel")[0]
        )
    snap.version = version
    return snap


# ---- events and review decisions on top of the machine's reports

_REVIEW_COLUMNS = ("report_id", "article_id", "sentence", "span_start", "span_end", "event_id", *review.CORRECTABLE)
_OK = {"all": "review_status <> 'rejected'", "reviewed": "review_status IN ('accepted', 'corrected')"}
# the same with rejected reports too (the table's "Show rejected": they can be taken back)
_WITH_REJECTED = {"all": "TRUE", "reviewed": "review_status IN ('accepted', 'corrected', 'rejected')"}
# An event's figure per outcome and victim group, as etl/events.py `build_events` reconciles it: the rows that
# add up to the event's total are the victim groups of its lead article (the most recent among the articles that
# give at least half the largest total; ties: most authoritative source, then larger total), one row per group,
# an article's two sources giving one group counted once (the more authoritative source's breakdown, then the
# larger), the counted highs capped at the highest total one source gave;
# each carries the group's best (the most recent report; ties: most authoritative, then higher toll) and the
# spread of what the sources said (each source's latest report). Reports without an event are events of their
# own. `src` maps each reporting source to its family and authority (etl.events.source_family, authority).
_LEAD_SQL = """
WITH multi AS (SELECT ev FROM rel WHERE {ok} GROUP BY ev HAVING count(*) > 1),
r AS (
    SELECT rel.report_id, rel.ev, rel.outcome, rel.victim_group, rel.article_id, rel.published,
           rel.best, rel.low, rel.high, coalesce(src.authority, 0) AS auth,
           coalesce(nullif(src.family, ''), 'outlet:' || lower(rel.source), 'article:' || rel.article_id) AS skey
    FROM rel LEFT JOIN src ON rel.reporting_source = src.reporting_source
    WHERE {ok} AND rel.ev IN (SELECT ev FROM multi)),
latest AS (
    SELECT ev, outcome, victim_group, best AS b FROM (
        SELECT *, row_number() OVER (PARTITION BY ev, outcome, victim_group
            ORDER BY published DESC NULLS LAST, auth DESC, best DESC NULLS LAST, report_id) AS rn FROM r)
    WHERE rn = 1),
spread AS (
    SELECT ev, outcome, victim_group, min(low) AS lo, max(high) AS hi FROM (
        SELECT *, row_number() OVER (PARTITION BY ev, outcome, victim_group, skey
            ORDER BY published DESC NULLS LAST, auth DESC, best DESC NULLS LAST, report_id) AS rn FROM r)
    WHERE rn = 1 GROUP BY ev, outcome, victim_group),
parts AS (  -- each article's figures per source; two sources giving one victim group are two words on it
    SELECT ev, outcome, article_id, skey, sum(best) AS total, sum(high) AS phigh, max(published) AS pub,
           max(auth) AS auth,
           row_number() OVER (PARTITION BY ev, outcome, article_id
               ORDER BY max(auth) DESC, sum(best) DESC NULLS LAST, skey) AS prank
    FROM r GROUP BY ev, outcome, article_id, skey),
won AS (
    SELECT DISTINCT r.ev, r.outcome, r.article_id, r.skey, r.victim_group, p.prank,
           min(p.prank) OVER (PARTITION BY r.ev, r.outcome, r.article_id, r.victim_group) AS winner
    FROM r JOIN parts AS p USING (ev, outcome, article_id, skey)),
kept AS (
    SELECT * FROM parts WHERE (ev, outcome, article_id, skey) NOT IN (
        SELECT (ev, outcome, article_id, skey) FROM won WHERE prank <> winner)),
per_article AS (
    SELECT ev, outcome, article_id, sum(total) AS total, max(pub) AS pub, max(auth) AS auth,
           max(sum(total)) OVER (PARTITION BY ev, outcome) AS largest
    FROM kept GROUP BY ev, outcome, article_id),
lead_article AS (
    SELECT ev, outcome, article_id FROM (
        SELECT *, row_number() OVER (PARTITION BY ev, outcome
            ORDER BY pub DESC NULLS LAST, auth DESC, total DESC NULLS LAST, article_id) AS rn
        FROM per_article WHERE total >= largest / 2.0 OR largest IS NULL)
    WHERE rn = 1),
lead_row AS (
    SELECT report_id, ev, outcome, victim_group FROM (
        SELECT r.*, row_number() OVER (PARTITION BY r.ev, r.outcome, r.victim_group
            ORDER BY r.best DESC NULLS LAST, r.report_id) AS rn
        FROM r JOIN kept USING (ev, outcome, article_id, skey) JOIN lead_article USING (ev, outcome, article_id))
    WHERE rn = 1),
counted AS (
    SELECT l.report_id, l.ev, l.outcome, l.victim_group, t.b AS best, least(s.lo, t.b) AS low,
           greatest(s.hi, t.b) AS high
    FROM lead_row AS l JOIN latest AS t USING (ev, outcome, victim_group)
    JOIN spread AS s USING (ev, outcome, victim_group)),
excess AS (  -- the counted highs add up to no more than the highest total one source gave (never below the bests)
    SELECT c.ev, c.outcome, sum(c.high) - greatest(max(x.top), sum(c.best)) AS cut
    FROM counted AS c JOIN (SELECT ev, outcome, max(phigh) AS top FROM parts GROUP BY ev, outcome) AS x
         USING (ev, outcome)
    GROUP BY c.ev, c.outcome),
widest AS (
    SELECT report_id, row_number() OVER (PARTITION BY ev, outcome
        ORDER BY high - best DESC NULLS LAST, victim_group) AS wn
    FROM counted)
SELECT c.report_id, c.best, c.low,
       CASE WHEN w.wn = 1 AND e.cut > 0 THEN greatest(c.best, c.high - e.cut) ELSE c.high END AS high
FROM counted AS c JOIN widest AS w USING (report_id) LEFT JOIN excess AS e USING (ev, outcome)
UNION ALL  -- a report alone in its event is its figure (most events: kept out of the windows above)
SELECT report_id, best, low, high FROM rel WHERE {ok} AND ev NOT IN (SELECT ev FROM multi)
"""
_OVERLAY_SQL = """
UPDATE rel SET
    kind = TRY_CAST(o.kind AS kind_t), outcome = TRY_CAST(o.outcome AS outcome_t),
    victim_group = TRY_CAST(o.victim_group AS victim_group_t), qualifier = TRY_CAST(o.qualifier AS qualifier_t),
    count_low = o.count_low, count_best = o.count_best, count_high = o.count_high,
    start_date = o.start_date, end_date = o.end_date,
    country_code = TRY_CAST(nullif(o.country_code, '') AS country_code_t), location = o.location,
    perpetrator = nullif(o.perpetrator, ''), reporting_source = nullif(o.reporting_source, ''),
    perpetrator_h = hash(nullif(o.perpetrator, '')), reporting_source_h = hash(nullif(o.reporting_source, '')),
    date = CAST(coalesce(o.start_date, rel.published) AS DATE),
    date_end = CAST(coalesce(o.end_date, o.start_date, rel.published) AS DATE),
    p_week = date_trunc('week', CAST(coalesce(o.start_date, rel.published) AS DATE))::DATE,
    p_month = date_trunc('month', CAST(coalesce(o.start_date, rel.published) AS DATE))::DATE,
    p_year = date_trunc('year', CAST(coalesce(o.start_date, rel.published) AS DATE))::DATE,
    best = CAST(coalesce(o.count_best, o.count_low, o.count_high) AS INTEGER),
    low = CAST(coalesce(o.count_low, o.count_best, o.count_high) AS INTEGER),
    high = CAST(coalesce(o.count_high, o.count_best, o.count_low) AS INTEGER),
    review_status = CAST(o.review_status AS review_status_t), event_id = o.event_id
FROM overlay AS o WHERE rel.report_id = o.report_id
"""


def review_overlay(reports: pd.DataFrame, decisions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reports the decisions change, as they are after them (report_id, review_status, event_id and every
    correctable field), and the orphans: the decisions that no longer find their report(s). `reports` must
    hold every report of the articles the decisions name and every report of those reports' events (merges
    move whole events)."""
    out_columns = ["report_id", "review_status", "event_id", *review.CORRECTABLE]
    if reports.empty or decisions.empty:
        return pd.DataFrame(columns=out_columns), decisions
    reviewed, orphans = review.apply_decisions(reports, decisions)
    reviewed = review.apply_event_decisions(reviewed, decisions)
    moved = (reviewed["event_id"].astype("string").fillna("")
             != reports["event_id"].astype("string").fillna("")).to_numpy(dtype=bool)
    changed = (reviewed["review_status"] != "unreviewed").to_numpy(dtype=bool) | moved
    return reviewed.loc[changed, out_columns].reset_index(drop=True), orphans


def source_authorities(sources: Iterable[Any]) -> pd.DataFrame:
    """Each reporting source's family and authority, as etl/events.py ranks them (for `_LEAD_SQL`)."""
    names = sorted({str(s) for s in sources if s is not None and not pd.isna(s)})
    return pd.DataFrame(
        {
            "reporting_source": pd.Series(names, dtype="string"),
            "family": pd.Series([event_rules.source_family(n) for n in names], dtype="string"),
            "authority": pd.Series([event_rules.authority(n) for n in names], dtype="int64"),
        }
    )


def _mark_leads(con: duckdb.DuckDBPyConnection) -> None:
    """Mark each event's counted rows and give them the event's reconciled counts (all reports and reviewed only)."""
    sources = [row[0] for row in con.execute("SELECT DISTINCT reporting_source FROM rel").fetchall()]
    con.register("src", source_authorities(sources))
    try:
        for flag, prefix, ok in (("lead", "e", _OK["all"]), ("lead_rev", "v", _OK["reviewed"])):
            con.execute(f"CREATE OR REPLACE TEMP TABLE lead_counts AS {_LEAD_SQL.format(ok=ok)}")
            con.execute(
                f"UPDATE rel SET {flag} = FALSE, {prefix}_best = NULL, {prefix}_low = NULL, {prefix}_high = NULL "
                f"WHERE {flag} OR {prefix}_best IS NOT NULL"
            )
            con.execute(
                f"UPDATE rel SET {flag} = TRUE, {prefix}_best = l.best, {prefix}_low = l.low, {prefix}_high = l.high "
                "FROM lead_counts AS l WHERE rel.report_id = l.report_id"
            )
        con.execute("DROP TABLE IF EXISTS lead_counts")
    finally:
        con.unregister("src")


_PERIOD_TOTALS_SQL = "CREATE OR REPLACE TABLE pt AS SELECT rowid AS rid, * FROM rel WHERE kind = 'period_total'"
"""The period totals (a few percent of the reports) in a table of their own, made again at every store version
after the review decisions: their chart's queries read it instead of scanning every report. `rid` is the row's
rowid in rel (the chart's order breaks ties by it)."""


def _mark_solo(con: duckdb.DuckDBPyConnection) -> None:
    """Mark the counted rows that are their event's only counted row (`solo`; `solo_rev` for the reviewed-only
    rows `lead_rev`): whatever the filters, such an event's sum is that row's figure, so a per-event sum or a
    count of events needs grouping only the other rows (most events are told by one report). Only events of
    several reports (n_ev > 1) can have several counted rows; every other row is solo."""
    con.execute("UPDATE rel SET solo = TRUE, solo_rev = TRUE WHERE NOT (solo AND solo_rev)")
    con.execute(
        "UPDATE rel SET solo = m.n <= 1, solo_rev = m.nr <= 1 FROM (SELECT ev, count(*) FILTER (WHERE lead) AS n, "
        "count(*) FILTER (WHERE lead_rev) AS nr FROM rel WHERE n_ev > 1 GROUP BY ev) AS m "
        "WHERE rel.ev = m.ev AND (m.n > 1 OR m.nr > 1)"
    )


_LARGEST_ROWS_SQL = """
CREATE OR REPLACE TABLE largest_rows AS
SELECT rowid AS rid, e_best, date, date_end, country_code, outcome, victim_group, kind, qualifier, review_status, lead,
       perpetrator_h, reporting_source_h
FROM rel WHERE kind = 'incident' AND date IS NOT NULL AND review_status <> 'rejected' AND lead AND solo AND e_best > 0
ORDER BY e_best DESC, date, ev
"""
"""The default count's solo incident rows (events, every report not rejected), largest first, with the columns
the filters read (named perpetrators and sources by their hash): the largest events of a filter set are the
first rows it keeps here (a scan that stops after a few rows, instead of a sort of a million). Made again at
every store version after the review decisions; `rid` is the row's rowid in rel (for its place and event)."""


_MULTI_ROWS_SQL = """
CREATE OR REPLACE TABLE multi_rows AS
SELECT report_id, ev, n_art, lead, lead_rev, solo, solo_rev, best, e_best, v_best, date, date_end, p_week,
       p_month, p_year, location, country_code, outcome, victim_group, kind, qualifier, review_status, perpetrator,
       perpetrator_h, reporting_source, reporting_source_h
FROM rel WHERE n_ev > 1
"""
"""The reports of events told by several reports (n_ev > 1), with the columns the filters, the events counted and
the largest events read. Only such rows can be a counted row that is not its event's only one (not `solo`) or come
from an event of several articles (n_art > 1): the totals' distinct events and merged counts and the largest events'
grouping read this table, not every report (none at all when every event is told once). Made again at every store
version after the review decisions."""


def _presorted(filters: Filters) -> bool:
    """Whether `largest_rows` answers these filters: the default count, and no "(none)" perpetrator or source
    (that test reads the text column, which the table leaves out)."""
    return (filters.unit == "events" and not filters.reviewed and NONE not in filters.perpetrators
            and NONE not in filters.sources)


def _counted_flag(filters: Filters) -> str:
    """SQL true for the rows the charts and totals sum (counting events: each event's counted rows)."""
    if filters.unit != "events":
        return "TRUE"
    return "lead_rev" if filters.reviewed else "lead"


def _solo(filters: Filters) -> str:
    """SQL true for a counted row that is its event's only counted row (counting reports: every row)."""
    if filters.unit != "events":
        return "TRUE"
    return "solo_rev" if filters.reviewed else "solo"


def counted(filters: Filters) -> tuple[str, str, str]:
    """The count columns charts and totals sum: each report's own, or, counting events, the event's reconciled
    best, low and high on its counted rows."""
    if filters.unit != "events":
        return "best", "low", "high"
    return ("v_best", "v_low", "v_high") if filters.reviewed else ("e_best", "e_low", "e_high")


def _report_events(store: Any) -> pd.DataFrame:
    """report_id -> event_id from the store (empty when events were never consolidated)."""
    try:
        frame = store.read("report_events")
    except Exception:  # noqa: BLE001 - a store without the derived table
        return pd.DataFrame({"report_id": pd.Series(dtype="string"), "event_id": pd.Series(dtype="string")})
    return frame[["report_id", "event_id"]].drop_duplicates("report_id")


def apply_review(store: Any, con: duckdb.DuckDBPyConnection, root: Path | None) -> frozenset[str]:
    """Bring rel to the machine's reports + event ids + review decisions, and mark the events' lead rows.

    Rows changed by earlier decisions are first restored from `orig`, so decisions are always applied to
    the machine's values. Runs in one transaction: readers see the old state or the new one. Returns the
    ids of the decisions that no longer find their report(s) (orphans).
    """
    orphans: frozenset[str] = frozenset()
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM rel WHERE report_id IN (SELECT report_id FROM orig)")
        con.execute("INSERT INTO rel SELECT * FROM orig")
        con.execute("DELETE FROM orig")
        con.register("report_events_loaded", _report_events(store))
        con.execute("UPDATE rel SET event_id = r.event_id FROM report_events_loaded AS r "
                    "WHERE rel.report_id = r.report_id AND rel.event_id IS DISTINCT FROM r.event_id")
        con.unregister("report_events_loaded")
        decisions = review.load_decisions(root) if root is not None else pd.DataFrame()
        if not decisions.empty:
            # the articles the decisions name: their reports are all the decisions can touch
            articles = pd.DataFrame({"article_id": review.named_articles(decisions)}, dtype="string")
            con.register("decision_articles", articles)
            reports = con.execute(
                f"SELECT {_select(_REVIEW_COLUMNS)}, CAST(outcome AS VARCHAR) AS outcome, "
                "CAST(victim_group AS VARCHAR) AS victim_group FROM rel "
                "WHERE article_id IN (SELECT article_id FROM decision_articles) OR event_id IN "
                "(SELECT event_id FROM rel WHERE article_id IN (SELECT article_id FROM decision_articles)) "
                "ORDER BY report_id"
            ).df()
            con.unregister("decision_articles")
            for name in ("start_date", "end_date"):
                reports[name] = pd.to_datetime(reports[name])
            overlay, orphaned = review_overlay(reports, decisions)
            orphans = frozenset(orphaned["decision_id"].astype(str))
            if not overlay.empty:
                con.register("overlay", overlay)
                con.execute("INSERT INTO orig SELECT * FROM rel WHERE report_id IN (SELECT report_id FROM overlay)")
                con.execute(_OVERLAY_SQL)
                con.unregister("overlay")
        con.execute("UPDATE rel SET ev = coalesce(event_id, report_id)")
        _mark_leads(con)
        con.execute(  # the reports of each event, and the articles they come from (counted where there are several)
            "UPDATE rel SET n_ev = c.n FROM (SELECT ev, count(*) AS n "
            f"FROM rel WHERE {_OK['all']} GROUP BY ev) AS c WHERE rel.ev = c.ev AND rel.n_ev <> c.n"
        )
        con.execute("UPDATE rel SET n_art = 1 WHERE n_ev = 1 AND n_art <> 1")
        con.execute(
            "UPDATE rel SET n_art = c.a FROM (SELECT ev, count(DISTINCT article_id) AS a "
            f"FROM rel WHERE {_OK['all']} AND n_ev > 1 GROUP BY ev) AS c WHERE rel.ev = c.ev"
        )
        _mark_solo(con)
        con.execute(_PERIOD_TOTALS_SQL)
        con.execute(_LARGEST_ROWS_SQL)
        con.execute(_MULTI_ROWS_SQL)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return orphans


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


def _where(filters: Filters, rows: bool = False, rejected: bool = False) -> tuple[str, list[Any]]:
    """The filters' condition over rel: rejected reports out (only reviewed ones with filters.reviewed) and,
    counting events, only each event's lead rows (`rows`: every report, as the table and downloads list;
    `rejected`: rejected reports too, for the table)."""
    where, params = flt.where_sql(filters, HASHED)
    clauses = [(_WITH_REJECTED if rejected else _OK)["reviewed" if filters.reviewed else "all"]]
    if filters.unit == "events" and not rows:
        clauses.append(_counted_flag(filters))
    if where != "TRUE":
        clauses.append(where)
    return " AND ".join(clauses), params


_TEXT = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in ENUMS)


_ALIASES = {"n_reports": "n_ev"}
"""Export names (the registry's) of rel's own columns: n_reports is the reports of the report's event."""


def _select(names: tuple[str, ...] | list[str], computed: dict[str, str] | None = None) -> str:
    """A SELECT list giving enum columns back as text (and rel's columns under their export names; `computed`:
    name -> SQL expression)."""
    computed = computed or {}
    return ", ".join(f"{computed[n]} AS {n}" if n in computed else f"CAST({n} AS VARCHAR) AS {n}" if n in ENUMS
                     else f"{_ALIASES[n]} AS {n}" if n in _ALIASES else n for n in names)


def counted_sql(filters: Filters) -> dict[str, str]:
    """SQL for the COUNTED_COLUMNS of a row the filters keep: counted when the page's incident totals sum it
    (counting events: the event's counted row; counting reports: every incident), with the figures they sum."""
    flag = "kind = 'incident'"
    if filters.unit == "events":
        flag += " AND " + ("lead_rev" if filters.reviewed else "lead")
    best, low, high = counted(filters)
    return {
        "counted": f"coalesce({flag}, FALSE)",
        "counted_best": f"CAST(CASE WHEN {flag} THEN {best} END AS BIGINT)",
        "counted_low": f"CAST(CASE WHEN {flag} THEN {low} END AS BIGINT)",
        "counted_high": f"CAST(CASE WHEN {flag} THEN {high} END AS BIGINT)",
    }


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
        self._running: dict[Hashable, threading.Event] = {}  # keys being computed now

    # ---- versions and caching

    @property
    def root(self) -> Path | None:
        """The store root (review decisions live under it), None for a store without one."""
        root = getattr(self.store, "root", None)
        return Path(root) if root is not None else None

    def _decisions_stamp(self) -> str:
        root = self.root
        if root is None:
            return ""
        try:
            stat = (root / review.DECISIONS_PATH).stat()
        except OSError:
            return ""
        return f"{stat.st_mtime_ns}:{stat.st_size}"

    def version(self) -> str:
        """The store version and the decision log's, asked at most every `check_every` seconds."""
        now = time.monotonic()
        if self._version is None or now - self._checked_at >= self.check_every:
            self._version = f"{self.store.version()}|{self._decisions_stamp()}"
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
            store_version = version.rsplit("|", 1)[0]
            if snap is None or snap.version != version:
                # loading and reconciling run alone: every core (or the threads asked for); queries run several
                # at once: one thread each (QUERY_THREADS) unless asked otherwise
                if snap is None:
                    snap = load_snapshot(self.store, store_version, self.threads)
                else:
                    _set_threads(snap, self.threads)
                    if snap.store_version != store_version:
                        snap = refresh_snapshot(self.store, snap, store_version, self.threads)
                snap.store_version = store_version
                with snap.cursor() as cur:
                    snap.orphans = apply_review(self.store, cur, self.root)
                _set_threads(snap, self.threads or QUERY_THREADS)
                snap.version = version
            self._snapshot = snap
            with self._cache_lock:
                self._cache.clear()
        return snap

    def _cached(self, key: Hashable, compute: Callable[[_Snapshot], Any], snap: _Snapshot | None = None) -> Any:
        """The answer for key at the current version (or at `snap`'s, for a part of another answer): kept, or
        computed once. A request asking what another is computing waits for that answer (the callbacks of one
        filter change ask some of the same things at the same moment: each computing it would cost a core twice)."""
        snap = snap or self.snapshot()
        full_key = (snap.version, key)
        with self._cache_lock:
            if full_key in self._cache:
                self._cache.move_to_end(full_key)
                return self._cache[full_key]
            running = self._running.get(full_key)
            if running is None:
                running = self._running[full_key] = threading.Event()
                owner = True
            else:
                owner = False
        if not owner:
            running.wait()
            with self._cache_lock:
                if full_key in self._cache:
                    return self._cache[full_key]
            return compute(snap)  # the other request failed (or its answer was already dropped)
        try:
            value = compute(snap)
            with self._cache_lock:
                self._cache[full_key] = value
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        finally:
            with self._cache_lock:
                self._running.pop(full_key, None)
            running.set()
        return value

    @staticmethod
    def _relation(unit: str = "reports") -> str:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; one of {UNITS}")
        return "rel"

    def _df(self, snap: _Snapshot, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with snap.cursor() as cur:
            return cur.execute(sql, params or []).df()

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

            span = snap.fetchall("SELECT min(date), max(date_end) FROM rel")[0]
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
            # One scan over every report the filters keep (what stands behind the totals), the sums and events
            # over its counted rows (`_where(filters)` is this and the counted flag): each outcome's incident
            # sums; the events, a solo row being an event of its own and the other rows counted by event.
            where, params = _where(filters, rows=True)
            best, low, high = counted(filters)
            flag = _counted_flag(filters)
            solo = _solo(filters)
            # the incidents' sums per outcome add up those per country and outcome, which the map reads too
            per_outcome = _sum_by(self._incident_sums(filters, snap), "outcome").set_index("outcome")
            # articles and countries have dense integer codes: a bitmap counts them faster than a hash set
            articles_sql = (f"bit_count(bitstring_agg(aid, 1, {snap.max_aid}))" if snap.max_aid else "0")
            # the other events' rows and the merged ones are all in multi_rows (see _MULTI_ROWS_SQL): counted there
            row = snap.fetchall(
                f"SELECT * FROM (SELECT count(*) FILTER (WHERE {flag} AND {solo}) AS solo, "
                f"coalesce({articles_sql}, 0) AS articles, count(DISTINCT reporting_source_h) FILTER "
                "(WHERE reporting_source IS NOT NULL) AS sources, "
                f"coalesce(bit_count(bitstring_agg(enum_code(country_code), 0, {len(snap.countries) - 1})), 0) AS "
                "countries, count(*) AS reports, count(*) FILTER (WHERE kind = 'period_total') AS period_totals "
                f"FROM rel WHERE {where}), "
                # count(DISTINCT x) FILTER (WHERE c) hashes every row's x before the filter;
                # count(DISTINCT CASE WHEN c THEN x END) hashes the few (NULLs not counted)
                f"(SELECT count(DISTINCT CASE WHEN {flag} AND NOT {solo} THEN ev END) AS other_events, "
                # merged: reports of events told by more than one article, and those events
                "count(*) FILTER (WHERE n_art > 1) AS merged_reports, "
                "count(DISTINCT CASE WHEN n_art > 1 THEN ev END) AS merged_events "
                f"FROM multi_rows WHERE {where})",
                [*params, *params],
            )[0]
            outcomes = {}
            for outcome in registry.OUTCOMES:
                if outcome in per_outcome.index and per_outcome.at[outcome, "reports"]:
                    b, lo, hi, n = per_outcome.loc[outcome, ["best", "low", "high", "reports"]]
                    outcomes[outcome] = {"best": _int(b), "low": _int(lo), "high": _int(hi), "reports": int(n)}
            solo_events, articles, sources, countries, reports, period_totals, other_events, merged_reports, \
                merged_events = row
            events = int(solo_events) + int(other_events) if filters.unit == "events" else None
            return {
                "outcomes": outcomes,
                "unit": filters.unit,
                "events": events,
                "merged_events": int(merged_events or 0) if events is not None else None,
                "merged_reports": int(merged_reports or 0) if events is not None else None,
                "reports": int(reports),
                "articles": int(articles),
                "period_totals": int(period_totals or 0),
                "sources": int(sources),
                "countries": int(countries),
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
            best, low, high = counted(filters)
            return self._df(
                snap,
                f"SELECT {period} AS period, {key_sql} AS key, sum({best}) AS best, sum({low}) AS low, "
                f"sum({high}) AS high, count(*) AS reports FROM rel "
                f"WHERE kind = 'incident' AND date IS NOT NULL AND {where}{only} GROUP BY {period}, {group} "
                "ORDER BY 1, 2",
                [*params, *only_params],
            )

        return self._cached(("timeline", filters, interval, key, keys), compute)

    def largest_events(self, filters: Filters, interval: str, limit: int = 3) -> pd.DataFrame:
        """The largest incidents (events, or reports when counting reports) of the filters: period (at the
        interval), best (summed as the page sums it, all outcomes the filters keep), place and country."""
        if interval not in flt.INTERVALS:
            raise ValueError(f"unknown interval {interval!r}")

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = _where(filters)
            best, _, _ = counted(filters)
            key = "ev" if filters.unit == "events" else "report_id"
            solo, n, period = _solo(filters), int(limit), PERIODS[interval]
            incidents = f"FROM rel WHERE kind = 'incident' AND date IS NOT NULL AND {where}"
            others = f"FROM multi_rows WHERE kind = 'incident' AND date IS NOT NULL AND {where}"  # every not solo row
            # An event with one counted row (solo: most of them) sums to that row, whatever the filters: the
            # largest of those are the first rows the filters keep in `largest_rows` (the default count's, kept in
            # that order: a scan that stops after n), or else a top-n over rel's rows; each with its row's place
            # and country. Only the other events are grouped (their rows: multi_rows, a few percent of the reports),
            # their place and country (mode()) for the n largest.
            if _presorted(filters):
                single = (
                    f"SELECT r.{key} AS k, r.{period} AS period, CAST(s.e_best AS BIGINT) AS best, s.date AS first, "
                    "r.location, CAST(r.country_code AS VARCHAR) AS country_code "
                    f"FROM (SELECT rid, e_best, date FROM largest_rows WHERE {where} LIMIT {n}) AS s "
                    "JOIN rel AS r ON r.rowid = s.rid"
                )
            else:
                single = (
                    f"SELECT {key} AS k, {period} AS period, CAST({best} AS BIGINT) AS best, date AS first, location, "
                    f"CAST(country_code AS VARCHAR) AS country_code {incidents} AND {solo} AND {best} > 0 "
                    f"ORDER BY best DESC, first, k LIMIT {n}"
                )
            return self._df(
                snap,
                f"WITH single AS ({single}), "
                f"multi AS (SELECT {key} AS k, min({period}) AS period, CAST(sum({best}) AS BIGINT) AS best, "
                f"min(date) AS first {others} AND NOT {solo} GROUP BY {key} HAVING sum({best}) > 0 "
                f"ORDER BY best DESC, first, k LIMIT {n}), "
                f"places AS (SELECT {key} AS k, mode(location) AS location, "
                f"mode(CAST(country_code AS VARCHAR)) AS country_code {others} AND NOT {solo} "
                f"AND {key} IN (SELECT k FROM multi) GROUP BY {key}), "
                "top AS (SELECT * FROM single UNION ALL SELECT multi.*, places.location, places.country_code "
                "FROM multi JOIN places USING (k)) "
                f"SELECT period, best, location, country_code FROM top ORDER BY best DESC, first, k LIMIT {n}",
                [*params, *params, *params],
            )

        return self._cached(("largest", filters, interval, limit), compute)

    def period_totals(
        self, filters: Filters, key: str = "reporting_source", limit: int = 400, keys: tuple[str, ...] = ()
    ) -> tuple[pd.DataFrame, int]:
        """Period totals as reported (latest first, at most `limit`; only `keys` if given) and how many in all."""

        def compute(snap: _Snapshot) -> tuple[pd.DataFrame, int]:
            where, params = _where(filters)
            only, only_params = _keys_sql(key, keys)
            # pt: rel's period totals (see _PERIOD_TOTALS_SQL); rid: their rowid in rel, which differs between
            # loads: ties on date_end are broken by report_id first, so the same rows make the cut on every load
            base = f"FROM pt WHERE kind = 'period_total' AND date IS NOT NULL AND {where}{only}"
            best, low, high = counted(filters)
            frame = self._df(
                snap,
                f"SELECT report_id, {_key_sql(key)} AS key, date AS start, date_end AS end, {best} AS best, "
                f"{low} AS low, {high} AS high, {_TEXT}, country_code, reporting_source, count(*) OVER () AS total "
                f"{base} ORDER BY date_end DESC, report_id, rid LIMIT {int(limit)}",
                [*params, *only_params],
            )
            total = int(frame["total"].iloc[0]) if len(frame) else 0
            return frame.drop(columns="total"), total

        return self._cached(("period_totals", filters, key, limit, keys), compute)

    def _incident_sums(self, filters: Filters, snap: _Snapshot | None = None) -> pd.DataFrame:
        """Incidents summed per country and outcome (country_code, outcome: text, or None when unknown; best, low,
        high, reports) over the rows the charts sum: one scan for the map's sums per country and the totals' per
        outcome (their callbacks ask at the same moment: one computes it, the other waits for it)."""

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = _where(filters)
            best, low, high = counted(filters)
            return self._df(
                snap,
                "SELECT CAST(country_code AS VARCHAR) AS country_code, CAST(outcome AS VARCHAR) AS outcome, "
                f"sum({best}) AS best, sum({low}) AS low, sum({high}) AS high, count(*) AS reports "
                f"FROM rel WHERE kind = 'incident' AND {where} GROUP BY country_code, outcome",
                params,
            )

        return self._cached(("incident_sums", filters), compute, snap)

    def by_country(self, filters: Filters) -> pd.DataFrame:
        """Incidents summed per country: country_code, best, low, high, reports (countries known only), the
        largest first (ties: by country code)."""
        frame = _sum_by(self._incident_sums(filters), "country_code")
        return frame.sort_values("best", ascending=False, na_position="last", kind="stable").reset_index(drop=True)

    def top_keys(self, filters: Filters, key: str, limit: int = 5) -> list[str]:
        """The keys (countries or sources) with the most reports in the selection."""

        def compute(snap: _Snapshot) -> list[str]:
            where, params = _where(filters)
            group, key_sql = _group_sql(key)
            frame = self._df(
                snap,
                f"SELECT {key_sql} AS key, count(*) AS n, sum({counted(filters)[0]}) FILTER (WHERE kind = 'incident') "
                "AS best "
                f"FROM rel WHERE {where} GROUP BY {group} ORDER BY n DESC, best DESC NULLS LAST, key "
                f"LIMIT {int(limit)}",
                params,
            )
            return [str(k) for k in frame["key"]]

        return self._cached(("top_keys", filters, key, limit), compute)

    def compare_table(self, filters: Filters, key: str, keys: tuple[str, ...]) -> pd.DataFrame:
        """Side-by-side numbers per key: incident sums per outcome and events (counting events; NULL counting
        reports), then reports, articles and period totals (every report the filters keep), latest period total."""

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = _where(filters)
            listed, listed_params = _where(filters, rows=True)
            only, only_params = _keys_sql(key, keys)
            key_sql = _key_sql(key)
            best, low, high = counted(filters)
            # sums (and events) over the counted rows; reports, articles and period totals over every report the
            # filters keep, as the overview's totals count them
            return self._df(
                snap,
                f"""
                WITH sel AS (SELECT * REPLACE ({best} AS best, {low} AS low, {high} AS high), {key_sql} AS key
                             FROM rel WHERE {where}{only}),
                listed AS (SELECT {key_sql} AS key, count(*) AS reports, count(DISTINCT aid) AS articles,
                                  count(*) FILTER (WHERE kind = 'period_total') AS period_totals
                           FROM rel WHERE {listed}{only} GROUP BY ALL),
                latest AS (
                    SELECT key, arg_max(best, date_end) AS latest_total, max(date_end) AS latest_total_date
                    FROM sel WHERE kind = 'period_total' GROUP BY key),
                sums AS (
                    SELECT key,
                       sum(best) FILTER (WHERE kind = 'incident' AND outcome = 'killed') AS killed,
                       sum(low) FILTER (WHERE kind = 'incident' AND outcome = 'killed') AS killed_low,
                       sum(high) FILTER (WHERE kind = 'incident' AND outcome = 'killed') AS killed_high,
                       sum(best) FILTER (WHERE kind = 'incident' AND outcome = 'injured') AS injured,
                       sum(low) FILTER (WHERE kind = 'incident' AND outcome = 'injured') AS injured_low,
                       sum(high) FILTER (WHERE kind = 'incident' AND outcome = 'injured') AS injured_high,
                       count(DISTINCT ev) AS events
                    FROM sel GROUP BY key)
                SELECT n.key, s.killed, s.killed_low, s.killed_high, s.injured, s.injured_low, s.injured_high,
                       {"coalesce(s.events, 0)" if filters.unit == "events" else "NULL"} AS events,
                       n.reports, n.articles, n.period_totals, l.latest_total, l.latest_total_date
                FROM listed AS n LEFT JOIN sums AS s USING (key) LEFT JOIN latest AS l USING (key)
                ORDER BY n.reports DESC, n.key
                """,
                [*params, *only_params, *listed_params, *only_params],
            )

        return self._cached(("compare_table", filters, key, keys), compute)

    # ---- rows

    def _row_where(
        self, filters: Filters, selection: Selection | None, rejected: bool = False
    ) -> tuple[str, list[Any]]:
        where, params = _where(filters, rows=True, rejected=rejected)
        if selection is not None and not selection.is_empty():
            sel, sel_params = flt.selection_sql(selection)
            return f"{where} AND {sel}", [*params, *sel_params]
        return where, params

    def count_rows(self, filters: Filters, selection: Selection | None = None, rejected: bool = False) -> int:
        """How many reports the filters (and drill-down) keep (`rejected`: counting rejected ones too)."""
        if not rejected and (selection is None or selection.is_empty()):
            return self.totals(filters)["reports"]  # the totals count them in the scan they make anyway

        def compute(snap: _Snapshot) -> int:
            where, params = self._row_where(filters, selection, rejected)
            return int(snap.fetchall(f"SELECT count(*) FROM rel WHERE {where}", params)[0][0])

        return self._cached(("count", filters, selection, rejected), compute)

    def undated(self, filters: Filters, limit: int = 1000) -> tuple[int, list[str]]:
        """How many reports the filters keep (ignoring their dates) have no date at all (no start date, no
        publication date: the timeline cannot place them), and the ids of the first `limit` of them."""
        undated_filters = dataclasses.replace(filters, start=None, end=None)

        def compute(snap: _Snapshot) -> tuple[int, list[str]]:
            where, params = _where(undated_filters, rows=True)
            rows = snap.fetchall(f"SELECT report_id, count(*) OVER () FROM rel WHERE {where} AND date IS NULL "
                                 f"ORDER BY report_id LIMIT {int(limit)}", params)
            return (int(rows[0][1]) if rows else 0), [str(r[0]) for r in rows]

        return self._cached(("undated", undated_filters, limit), compute)

    def report_rows(
        self,
        filters: Filters,
        selection: Selection | None = None,
        sort: list[dict[str, str]] | None = None,
        start: int = 0,
        end: int = 100,
        rejected: bool = False,
    ) -> pd.DataFrame:
        """One block of grid rows (GRID_COLUMNS, then pre/mark/post: the sentence split around the figure's
        number phrase), sorted as asked (default: newest first); `rejected`: rejected reports too."""
        start = max(int(start), 0)
        size = min(max(int(end) - start, 0), 1000)
        order = []
        for item in sort or []:
            column = SORTABLE.get(str(item.get("colId")))
            if column:
                direction = "DESC" if str(item.get("sort")).lower() == "desc" else "ASC"
                order.append(f"{column} {direction} NULLS LAST")
        order_sql = ", ".join([*order, "date DESC NULLS LAST", "report_id"])
        sort_key = tuple((str(i.get("colId")), str(i.get("sort"))) for i in sort or [])

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = self._row_where(filters, selection, rejected)
            # pick the page's row ids on narrow columns first, then fetch the wide ones for those rows only
            return self._df(
                snap,
                f"WITH page AS (SELECT rowid AS rid FROM rel WHERE {where} ORDER BY {order_sql} "
                f"LIMIT {size} OFFSET {start}) "
                f"SELECT {_select(GRID_COLUMNS)}, {_HIGHLIGHT_SQL} FROM rel "
                f"WHERE rowid IN (SELECT rid FROM page) ORDER BY {order_sql}",
                params,
            )

        return self._cached(("rows", filters, selection, sort_key, start, size, rejected), compute)

    def notes(self, filters: Filters, selection: Selection | None = None, limit: int | None = 300) -> pd.DataFrame:
        """Attribution notes from the articles behind the selected reports, newest first (NOTE_COLUMNS)."""

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = self._row_where(filters, selection)
            restrict = "" if where == "TRUE" else f"WHERE aid IN (SELECT aid FROM rel WHERE {where})"
            have = set(snap.con.sql("SELECT * FROM notes LIMIT 0").columns)
            cols = ", ".join(c if c in have else f"NULL AS {c}" for c in NOTE_COLUMNS)
            cap = "" if limit is None else f" LIMIT {int(limit)}"
            return self._df(
                snap,
                f"SELECT {cols} FROM notes {restrict} ORDER BY published DESC NULLS LAST, note_id{cap}",
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
            f"SELECT {_select(EXPORT_COLUMNS, counted_sql(filters))} FROM rel WHERE {where} "
            f"ORDER BY date NULLS LAST, report_id{limit_sql}"
        )
        cur = snap.con.cursor()  # own connection: the generator may be consumed on another thread
        try:
            reader = cur.sql(sql, params=params).to_arrow_reader(chunk_rows)
            for batch in reader:
                yield batch.to_pandas(types_mapper=_NULLABLE_TYPES.get)
        finally:
            cur.close()

    def event_rows(self, filters: Filters) -> pd.DataFrame:
        """The page's incident totals per event and outcome, summed as the page sums them (EVENT_EXPORT_COLUMNS):
        their best, low and high add up to `totals` for the same filters. Counting reports, each report is its
        own row."""

        def compute(snap: _Snapshot) -> pd.DataFrame:
            where, params = _where(filters)
            best, low, high = counted(filters)
            key = "ev" if filters.unit == "events" else "report_id"
            return self._df(
                snap,
                f"SELECT {key} AS event_id, CAST(outcome AS VARCHAR) AS outcome, "
                f"CAST(sum({low}) AS BIGINT) AS count_low, CAST(sum({best}) AS BIGINT) AS count_best, "
                f"CAST(sum({high}) AS BIGINT) AS count_high, min(date) AS start_date, "
                "max(date_end) AS end_date, "
                "mode(CAST(country_code AS VARCHAR)) AS country_code, mode(location) AS location, "
                "mode(perpetrator) AS perpetrator, max(n_ev) AS n_reports, count(*) AS n_counted_rows "
                f"FROM rel WHERE kind = 'incident' AND {where} GROUP BY {key}, outcome "
                "ORDER BY start_date NULLS LAST, event_id, outcome",
                params,
            )

        return self._cached(("event_rows", filters), compute)

    def export_frame(
        self, filters: Filters, selection: Selection | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        """The selected reports as one EXPORT_COLUMNS frame."""
        frames = list(self.iter_export(filters, selection, limit=limit, offset=offset))
        if not frames:
            return pd.DataFrame(columns=list(EXPORT_COLUMNS))
        return pd.concat(frames, ignore_index=True)

    # ---- review

    def review_reports(self, report_ids: Iterable[str]) -> pd.DataFrame:
        """The given reports and every report of their events, with the machine's values of the match-key
        columns (a decision must name a report as the machine read it), the current `event_id` and dates."""
        snap = self.snapshot()
        ids = pd.DataFrame({"report_id": list(dict.fromkeys(str(r) for r in report_ids))}, dtype="string")
        keys = ("article_id", "sentence", "span_start", "span_end", "count_best")
        machine = ", ".join(f"CASE WHEN o.report_id IS NULL THEN r.{c} ELSE o.{c} END AS {c}" for c in keys)
        enums = ", ".join(f"CAST(CASE WHEN o.report_id IS NULL THEN r.{c} ELSE o.{c} END AS VARCHAR) AS {c}"
                          for c in ("outcome", "victim_group"))
        with snap.cursor() as cur:
            cur.register("review_ids", ids)
            return cur.execute(
                f"SELECT r.report_id, r.ev AS event_id, {machine}, {enums}, "
                "r.start_date, r.end_date FROM rel AS r "  # as reviewed: a corrected date must keep start <= end
                "LEFT JOIN orig AS o USING (report_id) "
                "WHERE r.ev IN (SELECT ev FROM rel WHERE report_id IN (SELECT report_id FROM review_ids)) "
                "ORDER BY r.report_id"
            ).df()

    def orphaned_decisions(self) -> frozenset[str]:
        """Ids of the logged decisions that no longer find their report(s), e.g. after a re-extraction."""
        return self.snapshot().orphans

    def event_reports(self, report_id: str) -> pd.DataFrame:
        """The reports (rejected ones too) of the event of one report, with their articles, latest first."""
        snap = self.snapshot()
        return self._df(
            snap,
            "SELECT report_id, article_id, title, source, published, CAST(outcome AS VARCHAR) AS outcome, "
            "CAST(victim_group AS VARCHAR) AS victim_group, count_best, CAST(review_status AS VARCHAR) "
            "AS review_status, lead, ev AS event_id FROM rel "
            "WHERE ev = (SELECT ev FROM rel WHERE report_id = ?) "
            "ORDER BY published DESC NULLS LAST, report_id",
            [report_id],
        )

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


def _sum_by(sums: pd.DataFrame, column: str) -> pd.DataFrame:
    """Sums per country and outcome (DataSource._incident_sums) added up per value of one of the two (known values
    only, in their order): column, best, low, high (None when no row had a figure, as SQL's sum), reports."""
    known = sums[sums[column].notna()]
    groups = known.groupby(column, sort=True)
    out = groups[["best", "low", "high"]].sum(min_count=1)
    out["reports"] = groups["reports"].sum()
    return out.reset_index()


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# ---- the process-wide source (configured by app.py, used by callbacks and API routes)

_SOURCE: DataSource | None = None
_SOURCE_LOCK = threading.Lock()


THREADS_ENV = "CASUALTY_DUCKDB_THREADS"


def _threads() -> int | None:
    """DuckDB worker threads from $CASUALTY_DUCKDB_THREADS (default: every core to load, QUERY_THREADS to query)."""
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
