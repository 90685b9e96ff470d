"""The indexes a derived set keeps beside the events (etl.store.INDEXES): article ids, so deduplication reads the
parts of the new ids and the batches the set does not cover rather than every batch; event ids, so a join checks a
new event id against one part rather than every events part; and the ingested rows of the batches it covers, so the
closing counts read no manifest per batch. Each is rebuilt when missing, and a stale one is never trusted."""

from __future__ import annotations

import pandas as pd

from etl.events_incremental import sync_events
from etl.pipeline import ingest_paths, reextract
from etl.store import INDEXES, Store
from tests.test_events_incremental import STORIES, write_jsonl


def _index_ids(store: Store, name: str) -> set[str]:
    """Every id an index of the current set holds (empty when it has none)."""
    found = store.index_files(name)
    if found is None:
        return set()
    return set().union(*store._ids_of([store.root / f for f in found[1].values()], INDEXES[name]))


def _reads(monkeypatch) -> list[str]:
    """Records the files whose ids a Store reads (their paths under the store root, as strings)."""
    seen: list[str] = []
    real = Store._ids_of

    def recording(self, files, column):
        seen.extend(str(p) for p in files if p not in self._ids)
        return real(self, files, column)

    monkeypatch.setattr(Store, "_ids_of", recording)
    return seen


def _ingest(store: Store, path, records, sync: bool = True) -> dict:
    return ingest_paths([str(write_jsonl(path, records))], store, progress=False, sync=sync)


def test_the_indexes_hold_every_article_and_event_id_and_the_rows_of_the_covered_batches(tmp_path):
    store = Store(tmp_path / "store")
    _ingest(store, tmp_path / "a.jsonl", STORIES[:3])
    _ingest(store, tmp_path / "b.jsonl", STORIES[3:6])
    _ingest(store, tmp_path / "c.jsonl", STORIES[6:])
    assert _index_ids(store, "article_ids") == set(store.read("articles")["article_id"])
    assert _index_ids(store, "event_ids") == set(store.read("events")["event_id"])
    fresh = Store(store.root)  # counts from the set's totals equal the rows read
    assert {t: n for t, n in fresh.tables().items() if t in ("articles", "reports", "notes")} == {
        t: len(store.read(t)) for t in ("articles", "reports", "notes")
    }


def test_deduplication_reads_the_index_part_of_a_new_id_not_every_batch(tmp_path, monkeypatch):
    root = tmp_path / "store"
    for i, story in enumerate(STORIES[:-1]):  # one batch per article
        _ingest(Store(root), tmp_path / f"{i}.jsonl", [story])
    seen = _reads(monkeypatch)
    store = Store(root)
    summary = _ingest(store, tmp_path / "again.jsonl", STORIES[:2] + STORIES[-1:])
    assert summary["articles_new"] == 1
    batch_files = [p for p in seen if "/batches/" in p]
    assert len(batch_files) <= 1  # at most the new batch's own articles (added to the index), never the old ones
    assert all("/derived/_sets/" in p for p in seen if p not in batch_files)
    assert _index_ids(store, "article_ids") == set(store.read("articles")["article_id"])


def test_a_batch_the_index_does_not_cover_is_read_directly(tmp_path):
    # a kill after a batch landed and before the events (and the index) were committed: the batch is not covered
    store = Store(tmp_path / "store")
    _ingest(store, tmp_path / "a.jsonl", STORIES[:4])
    _ingest(store, tmp_path / "b.jsonl", STORIES[4:6], sync=False)
    assert store.events_coverage().is_stale
    again = Store(store.root)
    assert again.stored_article_ids(again.read("articles")["article_id"]) == set(store.read("articles")["article_id"])
    assert _ingest(again, tmp_path / "b.jsonl", STORIES[4:6])["articles_new"] == 0  # and the rerun covers it
    assert not again.events_coverage().is_stale
    assert _index_ids(again, "article_ids") == set(again.read("articles")["article_id"])
    assert again.tables()["articles"] == 6 == Store(store.root).tables()["articles"]


def test_a_set_without_indexes_gets_them_from_the_next_join(tmp_path):
    store = Store(tmp_path / "store")
    _ingest(store, tmp_path / "a.jsonl", STORIES[:4])
    parts = {t: store.read_derived_parts(t, sorted(store.derived_parts(t))) for t in ("events", "report_events")}
    store.write_derived_set(parts, covers=store.events_coverage().batches)  # as written before the indexes
    assert store.index_files("article_ids") is None and store.index_files("event_ids") is None
    assert _ingest(store, tmp_path / "a.jsonl", STORIES[:4])["articles_new"] == 0  # read from the batches
    _ingest(store, tmp_path / "b.jsonl", STORIES[4:])
    assert _index_ids(store, "article_ids") == set(store.read("articles")["article_id"])
    assert _index_ids(store, "event_ids") == set(store.read("events")["event_id"])


def test_an_index_covering_a_replaced_batch_is_not_used(tmp_path):
    root = tmp_path / "store"
    store = Store(root)
    _ingest(store, tmp_path / "a.jsonl", STORIES[:4])
    reextract(store, progress=False)
    store = Store(root)
    assert store.index_files("article_ids") is None  # the events are the re-extraction's: no index
    assert _ingest(store, tmp_path / "a.jsonl", STORIES[:4])["articles_new"] == 0
    _ingest(store, tmp_path / "b.jsonl", STORIES[4:])
    assert _index_ids(store, "article_ids") == set(store.read("articles")["article_id"])
    assert _index_ids(store, "event_ids") == set(store.read("events")["event_id"])
    assert Store(root).tables()["articles"] == len(STORIES)


def test_a_new_event_id_taken_by_an_untouched_event_is_still_caught(tmp_path, monkeypatch):
    """The clash check reads the event-id index: an id it holds makes the join fall back to a full rebuild."""
    import etl.events_incremental as incremental

    store = Store(tmp_path / "store")
    _ingest(store, tmp_path / "a.jsonl", STORIES[:2])
    taken = sorted(_index_ids(store, "event_ids"))[0]
    real = incremental.consolidate

    def clashing(reports: pd.DataFrame, articles: pd.DataFrame):
        joined, events = real(reports, articles)
        new = sorted(set(events["event_id"]) - set(reports["event_id"].dropna()))
        if new:  # give a new event the id of an event it does not touch
            joined["event_id"] = joined["event_id"].replace(new[0], taken)
            events["event_id"] = events["event_id"].replace(new[0], taken)
        return joined, events

    rebuilds = []
    monkeypatch.setattr(incremental, "consolidate", clashing)
    monkeypatch.setattr(
        incremental, "rebuild_all", lambda *a, **k: rebuilds.append(a) or incremental.SyncResult("full")
    )
    _ingest(store, tmp_path / "b.jsonl", STORIES[2:3], sync=False)  # Mogadishu: touches no Kandahar event
    sync_events(store)
    assert rebuilds
