"""Events kept up to date as reports arrive: new reports join only the events they could belong to.

`consolidate` (etl/events.py) clusters every report it is given. Re-running it over the whole store after each
ingest costs the whole store (58 s to add one article to 20,000). `sync_events` instead:

1. finds the batches the current events do not cover (the store's watermark, `Store.events_coverage`);
2. reads their reports, and picks the *candidate* events they could join (a range join on the events table:
   same country and kind, nearby dates, or for undated reports a toll within the linking tolerance);
3. reads only those events' reports (report_events locates their batches) and runs `consolidate` over them and
   the new reports, keeping the stored event ids (so the same rules, `_link`, `_compatible`, `_cluster`, decide);
4. replaces the rows of the touched events, and publishes events, report_events and the new watermark in one
   step (`Store.write_derived_set`): a kill leaves the old events or the new ones, never none, and a rerun
   finds the same uncovered batches and joins them.

The result equals a full rebuild except where a link would need reports outside the candidates (docs/events.md,
"Incremental events"). With no events yet (or `full=True`) it rebuilds from every report.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl import columns
from etl.events import DAY_WINDOW, LINK_TOLERANCE, PERIOD_END_WINDOW, consolidate
from etl.store import LINKED_BEYOND, SETS, in_ids, index_part, index_tables

UNDATED_WINDOW_DAYS = 366
"""Undated reports and dated events (or the reverse) are candidates when the undated one's article came out
within this many days after the dated incident (a full rebuild has no such bound: docs/events.md)."""
ARTICLE_COLUMNS = ["article_id", "title", "url", "source", "published", "published_inferred", "text_length"]


@dataclass
class SyncResult:
    """What `sync_events` did."""

    mode: str  # "none" (up to date), "incremental" or "full"
    new_reports: int = 0
    candidate_events: int = 0
    member_reports: int = 0
    events: int = 0
    seconds: float = 0.0


def candidate_ranges(reports: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per new report with a country: where its candidate events lie (country, kind, outcome, dates, toll band).

    A dated incident looks at incidents within DAY_WINDOW days of its dates; a period total at totals whose
    period ends within PERIOD_END_WINDOW days of its own; undated reports and events meet by outcome and toll
    (LINK_TOLERANCE) when the undated one was published within UNDATED_WINDOW_DAYS after the dated one, or
    when both are undated and a publication date is unknown (then, as the rules do, without a time bound)."""
    pub = articles[["article_id", "published"]].drop_duplicates("article_id")
    frame = reports.merge(pub, on="article_id", how="left", validate="many_to_one")
    frame = frame[frame["country_code"].notna() & (frame["country_code"].astype("string").str.strip() != "")]
    start = pd.to_datetime(frame["start_date"], errors="coerce")
    end = pd.to_datetime(frame["end_date"], errors="coerce")
    start, end = start.fillna(end), end.fillna(start)
    published = pd.to_datetime(frame["published"], errors="coerce")
    best = frame["count_best"].astype("Float64").fillna(frame["count_low"].astype("Float64"))
    best = best.fillna(frame["count_high"].astype("Float64"))
    day, period, undated = (pd.Timedelta(days=d) for d in (DAY_WINDOW, PERIOD_END_WINDOW, UNDATED_WINDOW_DAYS))
    return pd.DataFrame(
        {
            "country": frame["country_code"].astype("string").str.upper(),
            "kind": frame["kind"].astype("string"),
            "outcome": frame["outcome"].astype("string"),
            "dated": start.notna(),
            "lo": (start - day).dt.date,
            "hi": (end + day).dt.date,
            "end_lo": (end - period).dt.date,
            "end_hi": (end + period).dt.date,
            "pub_lo": (start - day).fillna(published - undated).dt.date,
            "pub_hi": (start + undated).fillna(published + day).dt.date,
            "count_lo": best * (1 - LINK_TOLERANCE) - 1,
            "count_hi": best / (1 - LINK_TOLERANCE) + 1,
        }
    ).reset_index(drop=True)


CANDIDATES_SQL = """
SELECT DISTINCT e.event_id FROM ev e JOIN nr r ON upper(e.country_code) = r.country AND e.kind = r.kind
WHERE (r.dated AND r.kind <> 'period_total' AND e.start_date IS NOT NULL
       AND e.start_date <= r.hi AND coalesce(e.end_date, e.start_date) >= r.lo)
   OR (r.dated AND r.kind = 'period_total' AND coalesce(e.end_date, e.start_date) BETWEEN r.end_lo AND r.end_hi)
   OR (e.start_date IS NULL AND e.outcome = r.outcome AND e.count_best BETWEEN r.count_lo AND r.count_hi
       AND ((e.last_reported >= r.pub_lo AND e.first_reported <= r.pub_hi)
            OR (NOT r.dated AND (r.pub_lo IS NULL OR e.first_reported IS NULL))))
   OR (NOT r.dated AND e.outcome = r.outcome AND e.count_best BETWEEN r.count_lo AND r.count_hi
       AND e.start_date BETWEEN r.pub_lo AND r.pub_hi)
"""


def candidate_events(events: pa.Table, ranges: pd.DataFrame) -> set[str]:
    """The ids of the events that reports with these candidate ranges could join (a range join in DuckDB)."""
    if not len(ranges) or not events.num_rows:
        return set()
    wanted = [
        "event_id",
        "kind",
        "outcome",
        "country_code",
        "start_date",
        "end_date",
        "first_reported",
        "last_reported",
        "count_best",
    ]
    with duckdb.connect(":memory:") as con:
        con.register("ev", events.select(wanted))
        con.register("nr", ranges)
        return {row[0] for row in con.execute(CANDIDATES_SQL).fetchall()}


def _batch_dir(batch_id: str, listed: set[str]) -> str | None:
    """The batch directory holding rows stamped `batch_id` (a re-extraction's part '<id>-00003' is in <id>)."""
    if batch_id in listed:
        return batch_id
    head = batch_id.rsplit("-", 1)[0]
    return head if head in listed else None


def linked_beyond(stamps: Iterable[object], listed: set[str], covers: Iterable[str]) -> list[str] | None:
    """The batches outside `covers` holding linked reports, from the reports' batch stamps (None when a stamp is
    missing: unknown). A stamp of no listed batch counts as itself and as its head (it may be a re-extraction's
    part): naming too many batches only costs a join a scan, naming too few would let it link a report twice."""
    covered, out = set(covers), set()
    for stamp in stamps:
        if stamp is None or (not isinstance(stamp, str) and pd.isna(stamp)):
            return None
        folder = _batch_dir(str(stamp), listed)
        out |= {folder} if folder is not None else {str(stamp), str(stamp).rsplit("-", 1)[0]}
    return sorted(out - covered)


def _current_beyond(store, coverage) -> list[str] | None:
    """The current events' set's LINKED_BEYOND (None: not a set's, or a set that does not say)."""
    where = (coverage.current or "").split("/")
    if len(where) != 3 or where[:2] != ["derived", SETS]:
        return None
    beyond = store._set_manifest(where[2]).get(LINKED_BEYOND)
    return beyond if isinstance(beyond, list) and all(isinstance(b, str) for b in beyond) else None


def _links_beyond(store, links: pa.Table | None, coverage) -> list[str] | None:
    """LINKED_BEYOND of links (all of them: read, batch stamps only, when not given) for a set covering
    `coverage.batches`; None when some link has no batch stamp (links written before they kept one)."""
    if links is None:
        try:
            links = store.read_derived_arrow("report_events", columns=["batch_id"])
        except (pa.ArrowInvalid, KeyError):  # a part without the column
            return None
    if links is None or "batch_id" not in links.column_names or links["batch_id"].null_count:
        return None
    stamps = pc.unique(links["batch_id"]).to_pylist()
    return linked_beyond(stamps, set(coverage.batches) | set(store.events_coverage().batches), coverage.batches)


def _member_locations(store, links: pa.Table, report_ids: list[str]) -> dict[str, list[str]]:
    """batch directory -> the report ids it holds, for reports of candidate events."""
    listed = set(store.events_coverage().batches)
    if "batch_id" in links.column_names:
        part = links.filter(pc.is_in(links["report_id"], pa.array(report_ids, pa.string())))
        pairs = zip(part["report_id"].to_pylist(), part["batch_id"].to_pylist(), strict=True)
    else:
        pairs = []
    located: dict[str, list[str]] = {}
    missing = []
    for report_id, batch_id in pairs:
        folder = _batch_dir(batch_id, listed) if batch_id else None
        if folder is None:
            missing.append(report_id)
        else:
            located.setdefault(folder, []).append(report_id)
    if "batch_id" not in links.column_names:
        missing = list(report_ids)
    if missing:  # links written without batch ids (an older store, a re-extraction): one column scan
        found = store.query("SELECT report_id, batch_id FROM reports WHERE report_id IN (SELECT unnest(?))", [missing])
        for report_id, batch_id in zip(found["report_id"], found["batch_id"], strict=True):
            folder = _batch_dir(str(batch_id), listed)
            if folder is not None:
                located.setdefault(folder, []).append(str(report_id))
    return located


def _read_rows(store, table: str, batch_ids: Iterable[str], column: str, values: Iterable[str]) -> pd.DataFrame:
    frame = store.read_batch_rows(table, list(batch_ids), column, list(values))
    return frame if len(frame) else columns.empty_frame(table)


def _links_frame(reports: pd.DataFrame) -> pd.DataFrame:
    out = reports[["report_id", "event_id"]].copy()
    out["batch_id"] = reports["batch_id"].astype("string") if "batch_id" in reports else pd.NA
    return out.astype("string")


PARTS = 64
"""The events and report_events tables are kept in this many parts (files). An event's part is a hash of its
country and of where its dates put it (`event_key`): every candidate event of a new report has the report's
country and dates in the report's windows (`CANDIDATES_SQL`), so an ingest reads and rewrites only the parts its
new reports could reach (`wanted_parts`) and carries the others over as they are (Store.write_derived_set)."""
NO_COUNTRY = "none"
SCHEME = "cy64"
"""Names the way parts are cut (country and year, PARTS parts): a part's name starts with it, and a set cut any other
way is read whole and cut again by the next join."""
SPAN_DAYS = 31
"""An event whose dates span more than this (or that mixes dated and undated reports) is keyed 'long' with its
country (always read for that country); the others by the year of their end date."""


def _part(country: str, key: str) -> str:
    return f"{SCHEME}-{zlib.crc32(f'{country}|{key}'.encode()) % PARTS:02d}"


def _country(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip().upper()


def event_keys(events: pa.Table) -> dict[str, tuple[str, str]]:
    """event_id -> (country, key): key 'u' when the event is undated, 'long' when its dates span more than
    SPAN_DAYS days (or it mixes dated and undated rows), else the year of its latest end date."""
    frame = events.select(["event_id", "country_code", "start_date", "end_date"]).to_pandas(date_as_object=False)
    start = pd.to_datetime(frame["start_date"], errors="coerce")
    end = pd.to_datetime(frame["end_date"], errors="coerce").fillna(start)
    grouped = pd.DataFrame(
        {
            "event_id": frame["event_id"],
            "country": frame["country_code"],
            "start": start,
            "end": end,
            "undated": start.isna(),
        }
    ).groupby("event_id", sort=False, dropna=False)
    agg = grouped.agg(
        country=("country", "first"),
        first=("start", "min"),
        last=("end", "max"),
        undated=("undated", "sum"),
        rows=("undated", "size"),
    )
    out: dict[str, tuple[str, str]] = {}
    span = (agg["last"] - agg["first"]).dt.days
    for event_id, country, last, undated, rows, days in zip(
        agg.index, agg["country"], agg["last"], agg["undated"], agg["rows"], span, strict=True
    ):
        if undated == rows:
            key = "u"
        elif undated or pd.isna(days) or days > SPAN_DAYS:
            key = "long"
        else:
            key = str(last.year)
        out[event_id] = (_country(country), key)
    return out


def _event_parts(events: pa.Table) -> dict[str, str]:
    """event_id -> its part (NO_COUNTRY for an event without a country: never a candidate)."""
    return {e: _part(c, k) if c else NO_COUNTRY for e, (c, k) in event_keys(events).items()}


def wanted_parts(ranges: pd.DataFrame) -> set[str] | None:
    """The parts holding every candidate event of reports with these ranges (`candidate_ranges`); None: all of
    them (an undated report whose article has no date reaches undated events of any time)."""
    wanted: set[str] = set()
    span = pd.Timedelta(days=SPAN_DAYS)
    for row in ranges.itertuples(index=False):
        country = _country(row.country)
        if not country:
            continue
        wanted |= {_part(country, "u"), _part(country, "long")}
        if row.dated and row.kind == "period_total":
            low, high = row.end_lo, row.end_hi
        elif row.dated:
            low, high = row.lo, row.hi
        else:
            low, high = row.pub_lo, row.pub_hi
        if low is None or high is None or pd.isna(low) or pd.isna(high):
            return None
        high = (pd.Timestamp(high) + span).year
        wanted |= {_part(country, str(year)) for year in range(pd.Timestamp(low).year, high + 1)}
    return wanted


def _split(table: pa.Table, keys: list[str]) -> dict[str, pa.Table]:
    """A table's rows by part (`keys`: each row's part)."""
    if not table.num_rows:
        return {}
    key_array = pa.array(keys, pa.string())
    return {part: table.filter(pc.equal(key_array, part)) for part in sorted(set(keys))}


def _partitioned(events: pa.Table, links: pa.Table) -> tuple[dict[str, pa.Table], dict[str, pa.Table]]:
    """Events and links split into their parts (a link goes with its event; a link to no event, NO_COUNTRY)."""
    parts = _event_parts(events)
    event_keys = [parts[e] for e in events["event_id"].to_pylist()]
    link_keys = [parts.get(e, NO_COUNTRY) for e in links["event_id"].to_pylist()]
    return _split(events, event_keys), _split(links, link_keys)


def article_index(store, coverage) -> tuple[dict[str, pa.Table], dict[str, str]]:
    """The article-id index (etl.store.INDEXES) of a set covering `coverage.batches`: (parts to write, parts of
    the current set's index to keep). The current index with the ids of the batches it does not cover added (only
    the parts they fall in are rewritten); built from every batch when the current set has none."""
    batches = set(coverage.batches)
    snap = store._snapshot()
    current = store.index_files("article_ids", snap)
    if current is None or not current[0] <= batches:
        files = [p for p in store._files("articles", snap) if p.parent.name in batches]
        return index_tables(set().union(*store._ids_of(files, "article_id")), "article_id"), {}
    covers, parts = current
    files = [p for p in store._files("articles", snap, outside=covers) if p.parent.name in batches]
    added = set().union(*store._ids_of(files, "article_id"))
    write = {}
    for part, table in index_tables(added, "article_id").items():
        ids = set(table["article_id"].to_pylist())
        if part in parts:
            ids |= store._ids_of([store.root / parts[part]], "article_id")[0]
        write[part] = pa.table({"article_id": pa.array(sorted(ids), pa.string())})
    return write, {p: f for p, f in parts.items() if p not in write}


def event_index(
    store, parts: dict[str, str], removed: set[str], added: set[str]
) -> tuple[dict[str, pa.Table], dict[str, str]]:
    """The event-id index (etl.store.INDEXES) of the current set's `parts` with the ids `removed` taken out and
    `added` put in: (parts to write, parts to keep)."""
    write = {}
    for part in sorted({index_part(e) for e in removed | added}):
        ids = set(store._ids_of([store.root / parts[part]], "event_id")[0]) if part in parts else set()
        ids = (ids - removed) | {e for e in added if index_part(e) == part}
        write[part] = pa.table({"event_id": pa.array(sorted(ids), pa.string())})
    return write, {p: f for p, f in parts.items() if p not in write}


def _with_indexes(tables: dict, keep: dict | None, articles, events) -> tuple[dict, dict]:
    """Tables and kept parts of a set with the article-id and event-id indexes ((write, keep) pairs) added."""
    keep = dict(keep or {})
    for name, (write, kept) in (("article_ids", articles), ("event_ids", events)):
        if write:
            tables = {**tables, name: write}
        if kept:
            keep[name] = kept
    return tables, keep


_LOCKED = object()
"""`expect` when the caller holds the writer lock throughout: commit without checking."""


def _commit(store, tables: dict, coverage, expect, keep=None, beyond: list[str] | None = None) -> str | None:
    """Publish events and links with their watermark (and `beyond`, see LINKED_BEYOND); with `expect` (the events'
    current version when the work began, read without the lock), only if no other writer replaced them meanwhile
    (else None, nothing written)."""
    with store.writer():
        if expect is not _LOCKED and store.events_coverage().current != expect:
            return None
        return store.write_derived_set(tables, covers=coverage.batches, keep=keep, linked_beyond=beyond)


def rebuild_all(store, coverage=None, expect=_LOCKED) -> SyncResult | None:
    """Events over every stored report (keeping the ids stored reports had), published with their watermark
    (None: `expect` was given and another writer replaced the events meanwhile)."""
    started = time.perf_counter()
    coverage = coverage or store.events_coverage()
    reports = store.read("reports")
    known = store.read("report_events", columns=["report_id", "event_id"]).drop_duplicates("report_id")
    if len(known):
        reports = reports.merge(known, on="report_id", how="left", validate="1:1")
    # (read without the lock, the reports may include batches landed after the coverage was taken: say which)
    listed = set(coverage.batches) | set(store.events_coverage().batches)
    beyond = linked_beyond(reports["batch_id"].unique(), listed, coverage.batches) if "batch_id" in reports else None
    articles = store.read("articles", columns=ARTICLE_COLUMNS)
    reports, events = consolidate(reports, articles)
    event_parts, link_parts = _partitioned(
        store_arrow(events, "events"), store_arrow(_links_frame(reports), "report_events", ("batch_id",))
    )
    # (the articles read are those of every covered batch, and maybe of batches landed since: all stored)
    stored = articles["article_id"].dropna().astype(str)
    tables, keep = _with_indexes(
        {"events": event_parts, "report_events": link_parts},
        None,
        (index_tables(stored, "article_id"), {}),
        (index_tables(events["event_id"].dropna().astype(str), "event_id"), {}),
    )
    if _commit(store, tables, coverage, expect, keep, beyond=beyond) is None:
        return None
    return SyncResult("full", len(reports), events=len(events), seconds=time.perf_counter() - started)


def sync_events(store, full: bool = False, lock_free: bool = False) -> SyncResult:
    """Bring the events up to date with the stored reports (nothing when they are): incrementally, touching
    only candidate events, or `full` over every report. Holds the writer lock throughout, or (`lock_free`) only
    to commit, so that writers of batches (Dask workers) go on meanwhile: the commit then checks that no other
    writer replaced the events since the work began, and if one did, the work is done again under the lock."""
    if lock_free:
        coverage = store.events_coverage()
        if not full and coverage.current is not None and not coverage.stale:
            return SyncResult("none")
        if full or coverage.current is None:
            result = rebuild_all(store, coverage, coverage.current) if (full or coverage.stale) else SyncResult("none")
        else:
            result = _join(store, coverage, coverage.current)
        if result is not None:
            return result
    with store.writer():
        coverage = store.events_coverage()
        if full or coverage.current is None:
            if full or coverage.stale:
                return rebuild_all(store, coverage)
            return SyncResult("none")
        if not coverage.stale:
            return SyncResult("none")
        return _join(store, coverage)  # (holding the lock: never None)


def _join(store, coverage, expect=_LOCKED) -> SyncResult | None:
    started = time.perf_counter()
    stale = list(coverage.stale)
    new = pd.concat(
        [f for f in store.iter_rows("reports", stale, rows=100_000)] or [columns.empty_frame("reports")],
        ignore_index=True,
    )
    new_articles = pd.concat(
        [f[ARTICLE_COLUMNS] for f in store.iter_rows("articles", stale, rows=100_000)]
        or [columns.empty_frame("articles")[ARTICLE_COLUMNS]],
        ignore_index=True,
    )
    event_files, link_files = store.derived_parts("events"), store.derived_parts("report_events")
    partitioned = all(
        files is not None and all(p == NO_COUNTRY or p.startswith(SCHEME + "-") for p in files)
        for files in (event_files, link_files)
    )
    beyond = _current_beyond(store, coverage)
    # Reports of a batch the events do not cover are linked already only when a rebuild read that batch after
    # its watermark was taken, which the set's manifest records (LINKED_BEYOND): only then, or when it does not
    # say, are the new reports looked for among all the links.
    if len(new) and (beyond is None or set(stale) & set(beyond)):
        new_ids = pa.array(new["report_id"].astype(str).tolist(), pa.string())
        linked = store.read_derived_arrow(
            "report_events", columns=["report_id"], filters=pc.is_in(pc.field("report_id"), new_ids)
        )
        if linked is None:
            return rebuild_all(store, coverage, expect)
        new = new[~in_ids(new["report_id"].astype(str), set(linked["report_id"].to_pylist()))]
    ranges = candidate_ranges(new, new_articles) if len(new) else candidate_ranges(new.iloc[:0], new_articles)
    # every candidate event is in a part the new reports' countries and dates reach: only those are read
    wanted = wanted_parts(ranges) if partitioned else None
    if wanted is None:
        partitioned = False
    if partitioned:
        event_by_part = store.read_derived_parts("events", sorted(wanted))
        link_by_part = store.read_derived_parts("report_events", sorted(wanted))
        events = _concat(event_by_part.values(), store_arrow(columns.empty_frame("events"), "events"))
        links = _concat(
            link_by_part.values(),
            store_arrow(
                _links_frame(pd.DataFrame(columns=["report_id", "event_id", "batch_id"])),
                "report_events",
                ("batch_id",),
            ),
        )
    else:
        events = store.read_derived_arrow("events")
        links = store.read_derived_arrow("report_events")
    if events is None or links is None:
        return rebuild_all(store, coverage, expect)
    candidates = candidate_events(events, ranges) if len(new) else set()
    member_ids: list[str] = []
    previous: dict[str, str] = {}
    if candidates:
        part = links.filter(pc.is_in(links["event_id"], pa.array(sorted(candidates), pa.string())))
        member_ids = part["report_id"].to_pylist()
        previous = dict(zip(member_ids, part["event_id"].to_pylist(), strict=True))
    located = _member_locations(store, links, member_ids) if member_ids else {}
    members = _read_rows(store, "reports", located, "report_id", member_ids)
    members = members.assign(event_id=members["report_id"].map(previous).astype("string"))
    member_articles = _read_rows(store, "articles", located, "article_id", members["article_id"].unique())
    subset = pd.concat(
        [members, new.assign(event_id=pd.Series(pd.NA, index=new.index, dtype="string"))], ignore_index=True
    )
    subset = subset.drop_duplicates("report_id")
    articles = pd.concat([member_articles[ARTICLE_COLUMNS], new_articles], ignore_index=True)
    articles = articles.drop_duplicates("article_id")
    joined, new_events = consolidate(subset, articles)
    touched = set(candidates) | set(joined["event_id"].dropna())
    fresh = touched - set(candidates)
    # a new id equal to an untouched event's (rare) needs a rebuild: the set's event-id index says, reading only
    # the parts of the new ids; without one, every event id is read, and the index is built from them
    index = store.index_files("event_ids") if partitioned else None
    if index is not None:
        taken = store._ids_of(
            [store.root / index[1][p] for p in {index_part(e) for e in fresh} if p in index[1]], "event_id"
        )
        old_event_ids = None
        clash = bool(fresh & set().union(*taken))
    else:
        stored = events if not partitioned else store.read_derived_arrow("events", columns=["event_id"])
        old_event_ids = set() if stored is None else set(pc.unique(stored["event_id"]).to_pylist())
        clash = bool(fresh & old_event_ids)
    if clash:
        return rebuild_all(store, coverage, expect)
    new_event_ids = set(new_events["event_id"].dropna().astype(str))
    if old_event_ids is None:  # (only ids that come or go change a part: a candidate keeping its id does not)
        event_ids = event_index(store, index[1], set(candidates) - new_event_ids, new_event_ids - set(candidates))
    else:
        event_ids = (index_tables((old_event_ids - touched) | new_event_ids, "event_id"), {})
    article_ids = article_index(store, coverage)
    touched_ids = pa.array(sorted(touched), pa.string())
    new_events_arrow = store_arrow(new_events, "events")
    subset_ids = pa.array(joined["report_id"].astype(str).tolist(), pa.string())
    new_links = store_arrow(_links_frame(joined), "report_events", ("batch_id",))
    if not partitioned:  # an older store's single files: split everything into parts once
        kept_events = events.filter(pc.invert(pc.is_in(events["event_id"], touched_ids)))
        kept_links = _with_batch_column(links.filter(pc.invert(pc.is_in(links["report_id"], subset_ids))))
        all_events = pa.concat_tables([kept_events, new_events_arrow.select(kept_events.column_names)])
        all_links = pa.concat_tables([kept_links.select(new_links.column_names), new_links])
        event_parts, link_parts = _partitioned(all_events, all_links)
        tables, keep = _with_indexes({"events": event_parts, "report_events": link_parts}, None, article_ids, event_ids)
        if _commit(store, tables, coverage, expect, keep, _links_beyond(store, links, coverage)) is None:
            return None
        n_events = all_events.num_rows
    else:
        new_event_parts, new_link_parts = _partitioned(new_events_arrow, new_links)
        old_parts = {p for p, t in event_by_part.items() if pc.any(pc.is_in(t["event_id"], touched_ids)).as_py()}
        rewrite = sorted(old_parts | set(new_event_parts) | set(new_link_parts))
        extra = [p for p in rewrite if p not in event_by_part]
        if extra:  # a new event in a part no new report reaches (its country or dates set by other reports)
            event_by_part.update(store.read_derived_parts("events", extra))
            link_by_part.update(store.read_derived_parts("report_events", extra))
        event_parts, link_parts = {}, {}
        for p in rewrite:
            pieces = [new_event_parts[p]] if p in new_event_parts else []
            if p in event_by_part:
                old = event_by_part[p]
                pieces.insert(0, old.filter(pc.invert(pc.is_in(old["event_id"], touched_ids))))
            event_parts[p] = _concat(pieces, new_events_arrow.slice(0, 0))
            pieces = [new_link_parts[p]] if p in new_link_parts else []
            if p in link_by_part:
                old = _with_batch_column(link_by_part[p])
                pieces.insert(0, old.filter(pc.invert(pc.is_in(old["report_id"], subset_ids))))
            link_parts[p] = _concat(pieces, new_links.slice(0, 0))
        keep = {
            "events": {p: f for p, f in event_files.items() if p not in rewrite},
            "report_events": {p: f for p, f in link_files.items() if p not in rewrite},
        }
        # the new links are the old ones (of batches linked before) and those of the stale batches (now covered)
        beyond = _links_beyond(store, None, coverage) if beyond is None else beyond
        tables, keep = _with_indexes({"events": event_parts, "report_events": link_parts}, keep, article_ids, event_ids)
        version = _commit(store, tables, coverage, expect, keep, beyond)
        if version is None:
            return None
        n_events = int(store._set_manifest(version)["rows"]["events"])
    return SyncResult(
        "incremental",
        new_reports=len(new),
        candidate_events=len(candidates),
        member_reports=len(members),
        events=n_events,
        seconds=time.perf_counter() - started,
    )


def _concat(tables: Iterable[pa.Table], empty: pa.Table) -> pa.Table:
    """Tables of one derived table as one, in the columns of `empty` (which it is when there are none)."""
    tables = [t.select(empty.column_names) for t in tables]
    return pa.concat_tables(tables) if tables else empty


def _with_batch_column(links: pa.Table) -> pa.Table:
    if "batch_id" not in links.column_names:
        links = links.append_column("batch_id", pa.nulls(links.num_rows, pa.string()))
    return links


def store_arrow(frame: pd.DataFrame, table: str, extra: tuple[str, ...] = ()) -> pa.Table:
    """A frame validated against the registry, as the Arrow table the store keeps. A `batch_id` among `extra` is
    kept (validation drops the store's stamps): report_events keeps each report's batch, so a join opens only the
    batches of its candidate events' reports (`_member_locations`) instead of scanning every report."""
    from etl.store import _to_arrow, _validated

    arrow = _to_arrow(_validated(columns.conform(frame, table, extra), table))
    if "batch_id" in extra and "batch_id" in frame.columns and "batch_id" not in arrow.column_names:
        batches = pa.array(frame["batch_id"].astype("string").tolist(), pa.string())
        arrow = arrow.append_column("batch_id", batches)
    return arrow
