"""Every total is reproducible from a download: on the bundled sample, the rows a download marks `counted` add
up to /api/totals.json, the events download sums to it too, and the dashboard counts events as
etl/events.py `build_events` reconciles them. Bad parameters and unknown API paths are answered, not guessed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from flask import Flask

from dashboard import api, data
from dashboard.filters import Filters
from etl import review
from etl.pipeline import ingest_paths
from etl.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl"
FILTER_SETS = ("country=SYR&outcome=killed", "", "from=2021-01-01&to=2022-12-31&outcome=injured", "unit=reports")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("sample_store"))
    ingest_paths([str(SAMPLE)], store, progress=False)
    return store


@pytest.fixture(scope="module")
def client(store: Store):
    data.configure(store=store)
    server = Flask(__name__)
    api.register(server)
    return server.test_client()


def _csv(client, path: str) -> list[dict[str, str]]:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.mark.parametrize("query", FILTER_SETS)
def test_counted_rows_of_the_download_add_up_to_the_totals(client, query: str) -> None:
    totals = client.get(f"/api/totals.json?{query}").get_json()["outcomes"]
    rows = _csv(client, f"/api/reports.csv?{query}")
    assert rows and {"counted", "counted_best", "event_id"} <= set(rows[0])
    for outcome, figures in totals.items():
        counted = [r for r in rows if r["counted"] == "True" and r["outcome"] == outcome]
        for name in ("best", "low", "high"):
            assert sum(int(r[f"counted_{name}"]) for r in counted) == figures[name], (query, outcome, name)
    events = _csv(client, f"/api/events.csv?{query}")
    for outcome, figures in totals.items():
        mine = [e for e in events if e["outcome"] == outcome]
        assert sum(int(e["count_best"]) for e in mine) == figures["best"]
        assert sum(int(e["count_high"]) for e in mine) == figures["high"]
    as_json = client.get(f"/api/reports.json?{query}&limit=5").get_json()["rows"]
    assert all("counted" in row and "event_id" in row for row in as_json)


def test_the_dashboard_counts_events_as_build_events_reconciles_them(store: Store) -> None:
    source = data.configure(store=store)
    totals = source.totals(Filters())["outcomes"]
    _, events, _ = review.store_tables(store)
    counted = events[events["in_total"] & (events["kind"] == "incident")]
    for outcome, figures in totals.items():
        mine = counted[counted["outcome"] == outcome]
        assert int(mine["count_best"].sum()) == figures["best"], outcome
        assert int(mine["count_high"].fillna(mine["count_best"]).sum()) == figures["high"], outcome


def test_bad_parameters_and_unknown_paths_are_answered_as_json(client) -> None:
    response = client.get("/api/reports.json?limit=-5")
    assert response.status_code == 400 and "limit" in response.get_json()["error"]
    assert client.get("/api/reports.json?limit=abc").status_code == 400
    response = client.get("/api/chart.png?width=4000&height=4000&scale=4")
    assert response.status_code == 400 and "16,000,000" in response.get_json()["error"]
    response = client.get("/api/nonexistent")
    assert response.status_code == 404 and "no such API endpoint" in response.get_json()["error"]
    assert client.get("/api/reports.json?limit=2").status_code == 200


def test_an_event_row_sums_its_counted_reports(client) -> None:
    rows = pd.DataFrame(_csv(client, "/api/reports.csv?country=SYR"))
    events = pd.DataFrame(_csv(client, "/api/events.csv?country=SYR"))
    counted = rows[rows["counted"] == "True"].assign(best=lambda f: f["counted_best"].astype(int))
    per_event = counted.groupby(["event_id", "outcome"])["best"].sum()
    # an event id in the reports download is its event's; a report alone in its event is its own
    for event in events.itertuples():
        assert int(event.count_best) == per_event.get((event.event_id, event.outcome), int(event.count_best))
