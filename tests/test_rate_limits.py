"""Rate limits are per analyst, not per process: gunicorn's workers on one machine share one count (a small SQLite
file under the store's root), so `-w 2` does not double an analyst's allowance."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

from dashboard import auth


def _hammer(path: str, limit: int, tries: int, start, results) -> None:
    """A separate process (as a gunicorn worker is) asking `tries` times for the same analyst."""
    limiter = auth.SharedRateLimiter(path, "decision", limit)
    start.wait(timeout=60)
    results.put(sum(limiter.allow("amira") for _ in range(tries)))


def test_two_processes_share_one_count(tmp_path: Path) -> None:
    path = str(auth.limits_path(tmp_path))
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=_hammer, args=(path, 7, 10, start, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    allowed = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert sum(allowed) == 7  # not 14: one count for both processes
    assert not auth.SharedRateLimiter(path, "decision", 7).allow("amira")
    assert auth.SharedRateLimiter(path, "decision", 7).allow("li")  # another analyst has their own count


def test_the_window_slides_and_old_rows_are_pruned(tmp_path: Path) -> None:
    path = auth.limits_path(tmp_path)
    limiter = auth.SharedRateLimiter(path, "upload", 2, window=60)
    assert limiter.allow("a", 1000) and limiter.allow("a", 1001) and not limiter.allow("a", 1002)
    assert limiter.allow("b", 1002)
    assert limiter.allow("a", 1060.5) and not limiter.allow("a", 1060.6)  # 1000 has left the window, 1001 not
    other = auth.SharedRateLimiter(path, "decision", 1, window=60)
    assert other.allow("a", 1061)  # kinds are counted apart
    assert limiter.allow("a", 2000)
    with sqlite3.connect(path) as con:
        rows = con.execute("SELECT kind, key, at FROM hits ORDER BY kind, at").fetchall()
    assert rows == [("decision", "a", 1061.0), ("upload", "a", 2000.0)]  # the uploads' older rows are gone
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_an_unusable_file_falls_back_to_this_process(tmp_path: Path) -> None:
    blocker = tmp_path / "review"
    blocker.write_text("not a folder")
    limiter = auth.SharedRateLimiter(auth.limits_path(tmp_path), "decision", 2)
    assert limiter.allow("a") and limiter.allow("a") and not limiter.allow("a")  # still limited, never off


def test_allow_counts_under_the_configured_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASUALTY_UPLOADS_PER_MINUTE", "3")
    try:
        auth.configure(tmp_path)
        assert [auth.allow("upload", "amira") for _ in range(4)] == [True, True, True, False]
        assert auth.limits_path(tmp_path).is_file()
        auth.configure(tmp_path)  # a new process or configuration: the count is still there
        assert not auth.allow("upload", "amira")
        auth.reset_limits()
        assert auth.allow("upload", "amira")
    finally:
        auth.configure(None)
    assert auth.allow("upload", "amira")  # without a store: counted in this process
