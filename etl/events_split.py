"""Events built across Dask workers, one group of countries per task, equal to `consolidate` over every report.

An event never crosses a country: `_compatible` refuses two reports of two countries, and the only candidate pairs
(`_candidates`) between reports of different countries, or with a report that has none, are pairs of one article.
So every link of the clustering stays inside one of these *units*:
- a country, with the reports of no country in the articles that have reports of that country only;
- several countries, when an article has reports of them and reports of no country (such a report may join an event
  of any of them: its countries are one unit);
- an article whose reports have no country (they link only to each other).
An article with reports of several countries and none without one is cut by country (its reports of two countries
never link). Countries are those `incident_countries` settles on, from the whole article, as `consolidate` does.

The clustering of a set of units is then what the clustering of every report gives them, with two things kept
global: the text similarity's vocabulary (each report's TF-IDF weights count every report: `report_vocabulary`
per batch, added up) and the relative order of the reports (read batch by batch, as `Store.read` reads them). New
event ids are hashes of report ids, so they do not depend on the group; a clash between two groups (12 hex digits
of SHA-1 equal for two report ids) is detected, and then events are built the serial way.

1. `batch_units` (a task per chunk of batches): the units' report counts per article and the batches' vocabulary.
2. `country_groups` (the client): units in G groups balanced by report count (largest first, to the lightest group);
   G is the number of workers, or more for a large store (`group_count`: about GROUP_REPORTS reports per group).
3. `consolidate_group` (a task per group): reads its articles' reports, consolidates them with the whole vocabulary,
   and returns events and report_events already cut into the store's parts (`_partitioned`).
4. The client puts the parts together and commits events, report_events and the watermark in one derived set
   (`Store.write_derived_set`), holding the writer lock throughout as the serial rebuild does.
Only a first build (no events yet: a fresh store, or a run killed before its events) is split; joins to existing
events stay `sync_events`'s (etl/events_incremental.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.events import Vocabulary, add_vocabularies, consolidate, incident_countries, report_vocabulary
from etl.events_incremental import (
    _LOCKED,
    ARTICLE_COLUMNS,
    _commit,
    _links_frame,
    _partitioned,
    linked_beyond,
    rebuild_all,
    store_arrow,
)

UNIT_COLUMNS = ["article_id", "country", "reports"]
UNIT_READ = ["report_id", "article_id", "kind", "outcome", "victim_group", "country_code", "location", "start_date"]
UNIT_READ += ["sentence"]
"""What stage 1 reads of the reports: what `incident_countries` and the vocabulary need."""
EVENT_ORDER = [(c, "ascending") for c in ("first_reported", "event_id", "outcome", "victim_group")]
GROUP_REPORTS = 60_000
"""About how many reports one group task consolidates at most: a store of more reports is cut into more groups than
workers (the cluster runs them in turn), so a worker's memory grows with this, not with the store. A unit is never
cut: one country of more reports is a group of its own."""


def group_count(units: pd.DataFrame, workers: int) -> int:
    """How many groups `country_groups` makes: one per worker, more when the store holds over GROUP_REPORTS each."""
    total = int(units["reports"].sum()) if len(units) else 0
    return max(1, workers, -(-total // GROUP_REPORTS))


def _key(values: pd.Series) -> pd.Series:
    """Country codes as the clustering compares them (upper case; '' for none)."""
    return values.astype("string").str.strip().str.upper().fillna("")


def batch_units(store, batches: Sequence[str]) -> dict:
    """Stage 1, on a worker: reports per (article, country) of these batches and their vocabulary."""
    reports = store.read_batch_rows("reports", batches, columns=UNIT_READ)
    articles = store.read_batch_rows("articles", batches, columns=ARTICLE_COLUMNS)[ARTICLE_COLUMNS]
    if not len(reports):
        return {"units": pd.DataFrame(columns=UNIT_COLUMNS), "vocabulary": (0, {}), "stamps": []}
    country = _key(incident_countries(reports))
    units = (
        pd.DataFrame({"article_id": reports["article_id"].astype(str), "country": country})
        .groupby(["article_id", "country"], sort=False)
        .size()
        .rename("reports")
        .reset_index()
    )
    n, df = report_vocabulary(reports, articles)
    return {"units": units, "vocabulary": (n, dict(df)), "stamps": sorted(reports["batch_id"].astype(str).unique())}


def country_groups(units: pd.DataFrame, groups: int) -> list[pd.DataFrame]:
    """Stage 2, on the client: the (article, country) pairs of each of at most `groups` groups of units (module
    docstring), balanced by report count (largest unit first, to the group with the fewest reports so far); ''
    stands for an article's reports of no country."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    blank = units["country"] == ""
    named = units[~blank]
    with_blank = named[named["article_id"].isin(set(units.loc[blank, "article_id"]))]
    for countries in with_blank.groupby("article_id", sort=False)["country"]:
        first, *others = sorted(set(countries[1]))
        for other in others:  # its reports of no country may join either country's events: one unit
            parent[find(f"c:{other}")] = find(f"c:{first}")
    owner = units["article_id"].map(named.groupby("article_id", sort=False)["country"].min())
    keys = ("c:" + units["country"]).where(~blank, ("c:" + owner).fillna("a:" + units["article_id"]))
    roots = pd.Series([find(k) if k.startswith("c:") else k for k in keys], index=units.index)
    sizes = units["reports"].groupby(roots).sum()
    load = [0] * max(1, groups)
    bin_of: dict[str, int] = {}
    for root, size in sorted(sizes.items(), key=lambda item: (-int(item[1]), item[0])):
        lightest = min(range(len(load)), key=lambda i: (load[i], i))
        bin_of[root] = lightest
        load[lightest] += int(size)
    bins = roots.map(bin_of)
    pairs = units[["article_id", "country"]]
    return [pairs[bins == i].reset_index(drop=True) for i in range(len(load)) if (bins == i).any()]


def consolidate_group(store, batches: Sequence[str], pairs: pd.DataFrame, vocabulary: Vocabulary) -> dict:
    """Stage 3, on a worker: the events of one group ((article, country) pairs), with the vocabulary of every
    report, as Arrow tables cut into the store's parts (`_partitioned`), and how many reports it consolidated."""
    ids = sorted(set(pairs["article_id"]))
    reports = store.read_batch_rows("reports", batches, "article_id", ids)
    articles = store.read_batch_rows("articles", batches, "article_id", ids, columns=ARTICLE_COLUMNS)[ARTICLE_COLUMNS]
    country = incident_countries(reports)
    wanted = pd.MultiIndex.from_frame(pairs[["article_id", "country"]].astype(str))
    mine = pd.MultiIndex.from_arrays([reports["article_id"].astype(str), _key(country)]).isin(wanted)
    # (the countries settled on from the whole article: a part of an article would settle them alone)
    reports = reports.assign(country_code=country)[mine].reset_index(drop=True)
    linked, events = consolidate(reports, articles, vocabulary)
    event_parts, link_parts = _partitioned(
        store_arrow(events, "events"), store_arrow(_links_frame(linked), "report_events", ("batch_id",))
    )
    return {"events": event_parts, "report_events": link_parts, "reports": len(reports)}


def _merged(pieces: list[pa.Table], table: str) -> pa.Table:
    """One part of a table from the groups' pieces of it (events in the order one consolidation gives them)."""
    merged = pa.concat_tables(pieces) if len(pieces) > 1 else pieces[0]
    if table == "events" and len(pieces) > 1:
        merged = merged.sort_by(EVENT_ORDER)  # as `build_events` orders them: first reported, id, outcome, group
    return merged


def build_on_dask(client, store, root: str | None = None) -> dict | None:
    """Events over every stored report, built across the cluster's workers (module docstring) and committed in one
    step; None (nothing done) when events exist already: joins to them are `sync_events`'s."""
    from etl.store import new_batch_id

    root = root or store.location()
    with store.writer():
        coverage = store.events_coverage()
        if coverage.current is not None or not coverage.stale:
            return None
        run = new_batch_id()
        batches = list(coverage.stale)
        workers = max(1, sum(client.nthreads().values()))
        futures = [
            client.submit(_units_task, root, batches[i::workers], key=f"event-units-{run}-{i}", retries=3, pure=False)
            for i in range(min(workers, len(batches)))
        ]
        stage1 = client.gather(futures)
        units = pd.concat([r["units"] for r in stage1], ignore_index=True)
        vocabulary = add_vocabularies(r["vocabulary"] for r in stage1)
        groups = country_groups(units, group_count(units, workers))
        shared = client.scatter(vocabulary, broadcast=True)
        futures = [
            client.submit(
                _group_task, root, batches, pairs, shared, key=f"event-group-{run}-{i}", retries=3, pure=False
            )
            for i, pairs in enumerate(groups)
        ]
        results = client.gather(futures)
        ids = [set().union(*(pc.unique(t["event_id"]).to_pylist() for t in r["events"].values())) for r in results]
        if sum(map(len, ids)) != len(set().union(*ids)):  # two groups chose one id (a hash clash): the serial way
            rebuild_all(store, coverage)
            return {"mode": "serial", "groups": len(groups)}
        tables: dict[str, dict[str, pa.Table]] = {}
        for table in ("events", "report_events"):
            parts = sorted({p for r in results for p in r[table]})
            tables[table] = {p: _merged([r[table][p] for r in results if p in r[table]], table) for p in parts}
        stamps = {s for r in stage1 for s in r["stamps"]}
        _commit(store, tables, coverage, _LOCKED, beyond=linked_beyond(stamps, set(coverage.batches), coverage.batches))
        return {"mode": "split", "groups": len(groups), "events": sum(t.num_rows for t in tables["events"].values())}


def _units_task(root: str, batches: Sequence[str]) -> dict:
    from etl.distributed import _worker_store

    return batch_units(_worker_store(root), batches)


def _group_task(root: str, batches: Sequence[str], pairs: pd.DataFrame, vocabulary: Vocabulary) -> dict:
    from etl.distributed import _worker_store

    return consolidate_group(_worker_store(root), batches, pairs, vocabulary)
