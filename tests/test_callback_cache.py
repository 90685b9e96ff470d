"""The read-only callbacks' answers, kept per store version and request (dashboard/callback_cache.py)."""

from __future__ import annotations

import json

import pytest

from dashboard import callback_cache, data
from etl import columns
from etl.store import Store
from tests.dash_app import callback_body, imported_app
from tests.test_dashboard_data import sample_frames


@pytest.fixture(scope="module")
def app_module(tmp_path_factory):
    root = tmp_path_factory.mktemp("callback_cache_store")
    Store(root).write_batch(sample_frames())
    yield from imported_app(root, CASUALTY_CACHE_DIR=str(tmp_path_factory.mktemp("callback_cache_dir")))


VALUES = {
    ("filter-vague", "value"): True,
    ("view-interval", "value"): "month",
    ("view-stack", "value"): "outcome",
    ("view-measure", "value"): "best",
    ("data-version", "data"): 0,
}


def timeline_body(client, country: list[str], changed: str = "filter-country.value") -> dict:
    return callback_body(client, "timeline", {**VALUES, ("filter-country", "value"): country}, changed)


def post(client, body: dict):
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


def bar_total(response) -> float:
    figure = response.get_json()["response"]["timeline"]["figure"]
    return sum(v for t in figure["data"] if t["type"] == "bar" for v in t["y"])


def test_the_same_request_on_the_same_data_is_answered_from_the_cache(app_module) -> None:
    client = app_module.server.test_client()
    first = post(client, timeline_body(client, ["SYR"]))
    again = post(client, timeline_body(client, ["SYR"], changed="view-stack.value"))  # another control moved
    assert first.status_code == again.status_code == 200
    assert first.headers["X-Callback-Cache"] == "miss" and again.headers["X-Callback-Cache"] == "hit"
    assert again.data == first.data
    other = post(client, timeline_body(client, ["IRQ"]))  # other filters: answered anew
    assert other.headers["X-Callback-Cache"] == "miss" and other.data != first.data


def test_a_store_change_is_never_answered_from_the_old_version(app_module) -> None:
    client = app_module.server.test_client()
    before = post(client, timeline_body(client, ["SYR"]))
    source = data.source()
    frames = sample_frames()
    reports = (
        frames["reports"]
        .head(1)
        .assign(
            report_id="r-new", article_id="a-new", count_best=100, count_low=100, count_high=100, country_code="SYR"
        )
    )
    article = frames["articles"].head(1).assign(article_id="a-new", content_id="a-new")
    source.store.write_batch({"articles": article, "reports": columns.validate(reports, "reports")})
    source.invalidate()
    after = post(client, timeline_body(client, ["SYR"]))
    assert after.headers["X-Callback-Cache"] == "miss"
    assert bar_total(after) == pytest.approx(bar_total(before) + 100)


def test_every_named_callback_exists_and_writes_are_never_kept(app_module) -> None:
    outputs = [key for key in app_module.app.callback_map]
    parts = {p for o in outputs for p in callback_cache.output_parts(o)}
    assert parts >= callback_cache.READ_ONLY_OUTPUTS  # a renamed output would silently turn the cache off
    writes = [o for o in outputs if any(w in o for w in ("review-status", "upload-status", "decisions-grid"))]
    assert writes and not any(callback_cache.cacheable({"output": o}) for o in writes)


def test_the_guard_runs_before_the_cache(app_module) -> None:
    names = [f.__name__ for f in app_module.server.before_request_funcs[None]]
    assert names.index("_guard") < names.index("serve_kept")


def test_output_parts_reads_dash_output_strings() -> None:
    assert callback_cache.output_parts("..timeline.figure...timeline-summary.children..") == [
        "timeline.figure",
        "timeline-summary.children",
    ]
    assert callback_cache.output_parts("map.figure") == ["map.figure"]
    assert not callback_cache.cacheable({"output": "totals.children@3f2a"})  # a shared output: not this callback
    assert not callback_cache.cacheable({"output": None})


def test_switched_off_by_the_environment(monkeypatch) -> None:
    from flask import Flask

    monkeypatch.setenv(callback_cache.ENV, "0")
    server = Flask(__name__)
    callback_cache.register(server)
    assert not server.before_request_funcs
