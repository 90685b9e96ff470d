"""The pipeline: extract in memory, ingest into a store idempotently, and go on past bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from etl import columns
from etl.pipeline import content_id, extract_paths, ingest_paths
from etl.store import INGESTED, Store

ARTICLES = [
    {"id": "wire-001", "published": "2024-03-12", "title": "Roadside bomb kills three soldiers in Kunduz",
     "text": "Gunmen killed 3 soldiers at a checkpoint in Kunduz on Monday, officials said. The Taliban claimed "
             "responsibility for the attack."},
    {"id": "wire-002", "published": "2024-03-13", "title": "Car bomb in Mogadishu",
     "text": "A car bomb killed at least 7 people near a hotel in Mogadishu on Tuesday, police said. Officials "
             "blamed al-Shabaab for the blast."},
    {"id": "wire-003", "published": "2024-03-14", "title": "UN: civilian toll rising",
     "text": "More than 1,200 civilians have been killed in the fighting in Sudan so far this year, the United "
             "Nations said."},
]
MORE = [
    {"id": "wire-101", "published": "2024-03-15", "text": "A roadside bomb wounded 4 policemen in Helmand on "
                                                          "Thursday, the provincial governor said."},
    {"id": "wire-103", "published": "2024-03-15", "text": "Militants stormed a village in Zamfara on Thursday, "
                                                          "killing 11 villagers, residents said."},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pipeline")


@pytest.fixture(scope="module")
def corpus(folder: Path) -> Path:
    return write_jsonl(folder / "corpus.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def bad_inputs(folder: Path) -> dict[str, Path]:
    """Inputs that cannot (all) be read, next to good ones; keyed by what is wrong with them."""
    incoming = folder / "incoming"
    incoming.mkdir()
    empty = incoming / "empty.txt"
    empty.write_bytes(b"")
    png = incoming / "chart.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00")
    latin1 = incoming / "latin1.txt"
    latin1.write_bytes("Bomb kills five in Kabul\n\nA car bomb killed five people outside a café in Kabul on "
                       "Tuesday, police said.\n".encode("latin-1"))
    broken = incoming / "broken.jsonl"
    broken.write_text(
        json.dumps(MORE[0]) + "\n" + '{"id": "wire-102", "text": "Militants attacked a base in\n' + json.dumps(MORE[1])
        + "\n", encoding="utf-8")
    cut_head = incoming / "cut_head.html"
    cut_head.write_text("<!DOCTYPE html><html><head><title>Air strike on", encoding="utf-8")
    cut_body = incoming / "cut_body.html"
    cut_body.write_text(
        "<!DOCTYPE html><html><head><title>Air strike kills nine in Idlib</title></head><body><article><p>An air "
        "strike killed nine people in a village in Idlib province on Tuesday, activists said. The strike hit a",
        encoding="utf-8")
    return {"empty": empty, "png": png, "latin1": latin1, "broken": broken, "cut_head": cut_head,
            "cut_body": cut_body}


@pytest.fixture(scope="module")
def extracted(folder, corpus, bad_inputs):
    """extract_paths over the good corpus, the bad-input folder and a path that does not exist."""
    return extract_paths([str(folder / "nowhere.jsonl"), str(corpus), str(bad_inputs["empty"].parent)])


@pytest.fixture(scope="module")
def bad_store(folder, corpus, bad_inputs):
    """A store that held the corpus, then ingested the bad-input folder: (store, articles before, summary)."""
    store = Store(folder / "bad-store")
    ingest([corpus], store)
    before = store.read("articles")
    summary = ingest([bad_inputs["empty"].parent], store)  # the folder: every file in it
    return Store(store.root), before, summary


def ingest(paths: list[Path], store: Store) -> dict:
    return ingest_paths([str(p) for p in paths], store, progress=False)


def ingested_rows(store: Store) -> dict[str, int]:
    return {t: n for t, n in store.tables().items() if t in INGESTED}


# ------------------------------------------------------------------ idempotent ingest


def test_same_input_twice_stores_nothing_new(tmp_path, corpus):
    store = Store(tmp_path / "store")
    first = ingest([corpus], store)
    assert (first["articles_read"], first["articles_new"], first["errors"]) == (3, 3, 0)
    rows = ingested_rows(store)
    batches = sorted(p.name for p in (store.root / "batches").iterdir())
    assert rows["articles"] == 3 and rows["reports"] >= 3
    articles = store.read("articles")  # ids are content hashes; the input's own id is kept as source_id
    assert set(articles.article_id) == {content_id(a["text"]) for a in ARTICLES}
    assert set(articles.source_id) == {a["id"] for a in ARTICLES}

    second = ingest([corpus], store)
    assert (second["articles_read"], second["articles_new"], second["reports"]) == (3, 0, 0)
    assert ingested_rows(Store(store.root)) == rows
    assert sorted(p.name for p in (store.root / "batches").iterdir()) == batches


def test_same_text_from_two_inputs_is_one_article(tmp_path, corpus):
    copy = tmp_path / "copy.txt"
    copy.write_text("  " + ARTICLES[0]["text"].replace(" ", "  ") + "\n", encoding="utf-8")  # whitespace differs
    store = Store(tmp_path / "store")
    summary = ingest([corpus, copy], store)
    assert (summary["articles_read"], summary["articles_new"]) == (4, 3)
    assert content_id(ARTICLES[0]["text"]) in store.known_article_ids()


# ------------------------------------------------------------------ bad inputs


def test_bad_inputs_are_recorded_with_file_and_reason(bad_store, bad_inputs):
    store, _, summary = bad_store
    errors = store.read("errors")
    reasons = dict(zip(errors.origin, errors.reason, strict=True))
    assert "empty" in reasons[str(bad_inputs["empty"])].lower()
    assert "png" in reasons[str(bad_inputs["png"])].lower()
    assert "binary" in reasons[str(bad_inputs["png"])].lower()
    broken_line = f"{bad_inputs['broken']}:2"
    assert "json" in reasons[broken_line].lower() and "line 2" in reasons[broken_line]
    assert "html" in reasons[str(bad_inputs["cut_head"])].lower()
    assert summary["errors"] == len(errors) == 4
    assert all(any(origin in line for line in summary["error_lines"]) for origin in reasons)


def test_bad_inputs_do_not_stop_the_run_nor_lose_stored_data(bad_store, bad_inputs):
    store, before, summary = bad_store
    articles = store.read("articles")
    assert set(before.article_id) <= set(articles.article_id)  # what was stored is still there
    assert {"wire-101", "wire-103"} <= set(articles.source_id)  # the good lines around the broken one
    assert str(bad_inputs["cut_body"]) in set(articles.source_id)  # truncated, but its text is readable
    assert str(bad_inputs["latin1"]) in set(articles.source_id)
    assert summary["articles_new"] == 4
    reports = store.read("reports")
    assert {11, 9, 5} <= set(reports.count_best)


def test_latin1_file_is_decoded_not_garbled(extracted, bad_inputs):
    """A legacy-encoded text file is readable: it is decoded (cp1252/latin-1), not rejected nor mangled."""
    frames, _ = extracted
    articles = frames["articles"].set_index("source_id")
    row = articles.loc[str(bad_inputs["latin1"])]
    assert "café" in row.text and "\ufffd" not in row.text and "Ã" not in row.text
    assert row.title == "Bomb kills five in Kabul"
    assert str(bad_inputs["latin1"]) not in set(frames["errors"].origin)


def test_missing_file_is_an_error_not_a_crash(extracted, folder):
    frames, _ = extracted
    errors = frames["errors"].set_index("origin")
    assert "no such file" in errors.loc[str(folder / "nowhere.jsonl"), "reason"]


# ------------------------------------------------------------------ frames and the registry


def test_extract_frames_validate_against_the_registry(extracted):
    frames, summary = extracted
    assert {"articles", "figures", "reports", "notes", "errors", "events"} <= set(frames)
    for table, frame in frames.items():
        assert set(columns.TABLES[table]) <= set(frame.columns), table
        columns.schema(table).validate(frame)  # dtypes, allowed values, required and unique columns
    assert summary.articles_read == len(frames["articles"]) == 7
    assert summary.errors == len(frames["errors"]) == 5
    assert summary.reports == len(frames["reports"])
    assert frames["reports"].article_id.isin(frames["articles"].article_id).all()
    assert frames["figures"].article_id.isin(frames["articles"].article_id).all()


def test_report_values_follow_the_guidelines(extracted):
    frames, _ = extracted
    reports = frames["reports"].merge(frames["articles"][["article_id", "source_id"]], on="article_id",
                                      validate="many_to_one").set_index("source_id")
    kunduz, mogadishu, sudan = (reports.loc[i] for i in ("wire-001", "wire-002", "wire-003"))
    assert (kunduz.victim_group, kunduz.count_best, kunduz.start_date) == (
        "security_forces", 3, pd.Timestamp("2024-03-11"))
    assert (mogadishu.country_code, mogadishu.qualifier, mogadishu.reporting_source) == ("SOM", "at_least", "police")
    assert (sudan.kind, sudan.victim_group, sudan.count_best, sudan.start_date) == (
        "period_total", "civilians", 1200, pd.Timestamp("2024-01-01"))


def test_store_tables_validate_and_hold_the_errors(bad_store):
    store, _, _ = bad_store
    counts = store.tables()
    assert counts["errors"] == 4
    for table in INGESTED:
        frame = store.read(table)
        assert len(frame) == counts[table]
        columns.schema(table).validate(frame)
    errors = store.read("errors")
    assert errors.stage.eq("read").all()
    assert errors.error_id.notna().all() and errors.error_id.is_unique
