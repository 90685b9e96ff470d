"""`python -m etl` holds against bad input: poisoned decision logs, formula cells, typos in --store, accounts."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest

from etl import review, users
from etl.store import Store
from tests.test_cli_review import etl, ingested, machine_reports, rid  # noqa: F401 - the shared store fixture

POISON = [
    ("count_best", "99999999999999999999"),
    ("country_code", "ZZZ"),
    ("country_code", "XKX"),
    ("start_date", "1700-01-01"),
    ("start_date", "2200-01-01"),
]


@pytest.fixture()
def store_copy(ingested: Path, tmp_path: Path) -> Store:  # noqa: F811
    root = tmp_path / "store"
    shutil.copytree(ingested, root)
    return Store(root)


def poisoned_log(reports: pd.DataFrame, path: Path) -> None:
    """A decision log as a hostile or careless hand writes it: every value out of bounds."""
    key = review.match_key(reports.loc[reports.report_id == rid(reports, "kabul-1")].iloc[0])
    lines = [
        {"action": "correct", "reviewer": "mallory", "match_key": key, "field": f, "value": v, "rationale": "poison"}
        for f, v in POISON
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("".join(json.dumps(line) + "\n" for line in lines))


def test_import_decisions_refuses_poisoned_values_with_the_reason(store_copy: Store, tmp_path: Path) -> None:
    reports = machine_reports(store_copy)
    shared = tmp_path / "shared.jsonl"
    poisoned_log(reports, shared)
    result = etl("--store", str(store_copy.root), "import-decisions", str(shared))
    assert result.returncode == 1
    assert "imported 0 decisions" in result.stdout
    for reason in ("0 to 10,000,000", "existing ISO 3166-1 alpha-3 code", "between 1900-01-01 and"):
        assert reason in result.stderr
    assert len(review.load_decisions(store_copy.root)) == 0


def test_a_poisoned_log_never_crashes_status_export_or_orphans(store_copy: Store, tmp_path: Path) -> None:
    """Lines written straight into the log (by hand, or by an older release) are skipped and reported."""
    reports = machine_reports(store_copy)
    review.record(store_copy.root, review.accept(reports, rid(reports, "helmand-1"), "li"))
    poisoned_log(reports, store_copy.root / review.DECISIONS_PATH)
    status = etl("--store", str(store_copy.root), "status")
    assert status.returncode == 0, status.stderr
    line = next(x for x in status.stdout.splitlines() if x.split()[:1] == ["decisions"])
    assert line.split()[:3] == ["decisions", "1", "rows"] and "5 lines skipped: do not validate" in line
    orphans = etl("--store", str(store_copy.root), "orphans")
    assert orphans.returncode == 0, orphans.stderr
    assert orphans.stdout.count("not applied:") == 5 and "0 to 10,000,000" in orphans.stdout
    out = tmp_path / "reports.csv"
    export = etl("--store", str(store_copy.root), "export", "reports", str(out))
    assert export.returncode == 0, export.stderr
    assert "not applied:" in export.stderr
    counts = pd.read_csv(out)["count_best"]
    assert counts.max() < 10_000_000


def test_cli_csv_exports_neutralise_formula_cells(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "id": "formula-1",
                "published": "2024-05-07",
                "source": '=HYPERLINK("http://x.example","click")',
                "title": "@SUM(1+1) killed",
                "text": "Gunmen killed 6 villagers in an attack in Zamfara state on Tuesday, police said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    assert etl("--store", str(store), "ingest", str(corpus), "--quiet").returncode == 0
    for table in ("articles", "reports"):
        out = tmp_path / f"{table}.csv"
        result = etl("--store", str(store), "export", table, str(out))
        assert result.returncode == 0, result.stderr
        with open(out, encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@")], out
        if table == "articles":
            assert '\'=HYPERLINK("http://x.example","click")' in cells and "'@SUM(1+1) killed" in cells


@pytest.mark.parametrize("command", [("status",), ("export", "reports", "out.csv"), ("orphans",)])
def test_a_store_folder_that_does_not_exist_is_an_error(tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "sotre"
    result = etl("--store", str(missing), *command)
    assert result.returncode == 2
    assert f"no store at {missing}" in result.stderr
    assert not missing.exists()


def test_ingesting_an_empty_folder_or_only_a_readme_is_an_error(tmp_path: Path) -> None:
    empty, docs = tmp_path / "empty", tmp_path / "docs"
    empty.mkdir()
    docs.mkdir()
    (docs / "README.md").write_text("# put articles here\n", encoding="utf-8")
    for folder in (empty, docs):
        result = etl("--store", str(tmp_path / "store"), "ingest", str(folder), "--quiet")
        assert result.returncode == 1
        assert f"error: {folder}: folder holds no article files" in result.stderr


def test_users_add_list_remove(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if k != "CASUALTY_STORE"}
    add = subprocess.run(
        [sys.executable, "-m", "etl", "--store", str(root), "users", "add", "amira", "--password-stdin"],
        input="correct horse battery\n",
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        timeout=60,
    )
    assert add.returncode == 0, add.stderr
    path = users.users_path(root)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = path.read_text(encoding="utf-8")
    assert "correct horse" not in stored and "$argon2id$" in stored
    assert users.verify(root, "amira", "correct horse battery") == "amira"
    assert users.verify(root, "amira", "wrong password!") is None
    assert users.verify(root, "nobody", "correct horse battery") is None
    listed = etl("--store", str(root), "users", "list")
    assert listed.stdout.startswith("amira\t")
    short = subprocess.run(
        [sys.executable, "-m", "etl", "--store", str(root), "users", "add", "li", "--password-stdin"],
        input="short\n",
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        timeout=60,
    )
    assert short.returncode == 1 and "10 to 1024 characters" in short.stderr
    assert etl("--store", str(root), "users", "remove", "amira").returncode == 0
    assert users.load_users(root) == {}
