"""The export cache: the same request on the same store version is answered once, a new version forgets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import cache
from dashboard.cache import ExportCache


def test_bytes_are_computed_once_per_version_and_key(tmp_path: Path) -> None:
    kept = ExportCache(tmp_path / "c")
    made = []

    def render() -> bytes:
        made.append(1)
        return b"png-%d" % len(made)

    assert kept.remember("v1", ("chart", "timeline", "SO"), render) == b"png-1"
    assert kept.remember("v1", ("chart", "timeline", "SO"), render) == b"png-1"
    assert kept.remember("v1", ("chart", "timeline", "KE"), render) == b"png-2"
    assert kept.remember("v2", ("chart", "timeline", "SO"), render) == b"png-3"  # the store changed
    assert len(made) == 3


def test_another_process_reads_what_one_kept_and_a_new_version_removes_it(tmp_path: Path) -> None:
    one, two = ExportCache(tmp_path / "c"), ExportCache(tmp_path / "c")  # two gunicorn workers
    one.put("v1", "key", b"body")
    assert two.get("v1", "key") == b"body"
    one.put("v2", "key", b"new")
    assert two.get("v1", "key") is None or two.get("v1", "key") == b"body"  # held in two's memory at most
    assert not one.path("v1", "key").exists()
    assert two.get("v2", "key") == b"new"


def test_a_streamed_csv_is_kept_only_when_it_ended_whole(tmp_path: Path) -> None:
    kept = ExportCache(tmp_path / "c")
    assert "".join(kept.stream("v1", "csv", iter(["a,b\n", "1,2\n"]))) == "a,b\n1,2\n"
    assert kept.cached_path("v1", "csv").read_text() == "a,b\n1,2\n"

    def broken():
        yield "a,b\n"
        raise RuntimeError("the client went away")

    with pytest.raises(RuntimeError):
        "".join(kept.stream("v1", "other", broken()))
    assert kept.cached_path("v1", "other") is None
    assert not [p for p in kept.path("v1", "x").parent.iterdir() if p.name.startswith(".part-")]


def test_a_store_without_a_folder_keeps_answers_in_memory_only() -> None:
    class Source:
        root = None

    source = Source()
    kept = cache.for_source(source)
    assert kept.folder is None and cache.for_source(source) is kept
    kept.put("v1", "k", b"x")
    assert kept.get("v1", "k") == b"x"
    assert "".join(kept.stream("v1", "csv", iter(["a\n"]))) == "a\n"
    assert cache.for_source(Source()) is not kept


def test_the_folder_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Source:
        root = tmp_path / "store"

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "shared"))
    assert cache.for_source(Source()).folder.parent == tmp_path / "shared"


def test_the_api_renders_a_chart_once_and_sends_a_csv_again_until_the_store_changes(tmp_path, monkeypatch) -> None:
    from flask import Flask

    from dashboard import api, data, export
    from etl.store import Store
    from tests.test_dashboard_data import sample_frames

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    store = Store(tmp_path / "store")
    store.write_batch(sample_frames())
    data.configure(store=store)
    server = Flask(__name__)
    api.register(server)
    client = server.test_client()
    rendered = []
    monkeypatch.setattr(export, "figure_image", lambda fig, fmt, *a: rendered.append(fmt) or b"\x89PNG")
    for _ in range(3):
        assert client.get("/api/chart.png?country=SYR").data == b"\x89PNG"
    assert rendered == ["png"]
    first = client.get("/api/reports.csv?country=SYR").get_data(as_text=True)
    assert client.get("/api/reports.csv?country=SYR").get_data(as_text=True) == first
    assert len(first.splitlines()) > 1
    frames = sample_frames()
    frames = {
        name: frame.assign(**{c: frame[c].astype(str) + "-b" for c in ("article_id",) if c in frame})
        for name, frame in frames.items()
    }
    frames["reports"] = frames["reports"].assign(report_id=lambda f: f.report_id + "-b")
    frames["figures"] = frames["figures"].assign(figure_id=lambda f: f.figure_id + "-b")
    store.write_batch(frames)  # a new batch: a new store version
    data.source().invalidate()
    again = client.get("/api/reports.csv?country=SYR").get_data(as_text=True)
    assert len(again.splitlines()) > len(first.splitlines())
    client.get("/api/chart.png?country=SYR")
    assert rendered == ["png", "png"]
