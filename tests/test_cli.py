"""`python -m etl` as a user runs it: help texts, extract to CSV, ingest/status/export, exit codes, --store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl.store import ENV_VAR, Store

REPO = Path(__file__).resolve().parents[1]
GUIDELINE_COLUMNS = [
    "article_id", "kind", "outcome", "victim_group", "count_low", "count_best", "count_high", "qualifier",
    "start_date", "end_date", "country_code", "location", "perpetrator", "reporting_source",
]
CSV_FILES = ("articles", "figures", "reports", "notes", "errors", "events")
ARTICLES = [
    {"id": "dispatch-17", "published": "2024-05-07", "source": "Example Wire",
     "text": "A roadside bomb killed at least 4 soldiers in Helmand province on Monday, officials said. "
             "The Taliban claimed responsibility."},
    {"id": "dispatch-18", "published": "2024-05-08", "source": "Example Wire",
     "text": "Gunmen killed 6 villagers in an attack in Zamfara state on Tuesday, police said."},
]
SUBCOMMANDS = {
    # subcommand: words its --help must contain to tell a user what to give it
    "extract": ("files, folders or URLs", "--out"),
    "ingest": ("files, folders or URLs", "store"),
    "export": ("table", "output file", "csv", "parquet", "--machine", "--reviewed-only", "review_status"),
    "status": ("row counts", "store", "decisions", "orphaned"),
    "columns": ("registry", "table"),
    "reextract": ("engine", "every article", "killed midway", "decisions", "no longer find their report"),
    "import-decisions": ("JSONL", "CSV", "duplicates", "line number", "exit code"),
    "orphans": ("decisions", "no longer find their report", "--out"),
}


def etl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m etl ARGS` from the repo root, with CASUALTY_STORE unset unless `env` sets it."""
    base = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def helps() -> dict[str, subprocess.CompletedProcess]:
    """`--help` of the program and of each subcommand, run in parallel."""
    base = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    procs = {
        name: subprocess.Popen([sys.executable, "-m", "etl", *([name] if name else []), "--help"], cwd=REPO,
                               env=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("", *SUBCOMMANDS)
    }
    out = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=120)
        out[name] = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    return out


# ------------------------------------------------------------------ help


def test_program_help_describes_inputs_and_commands(helps):
    result = helps[""]
    assert result.returncode == 0, result.stderr
    text = result.stdout
    for word in ("JSONL", "CSV", ".txt", ".html", "RSS", "folders", "URLs", "--store", *SUBCOMMANDS):
        assert word in text, word


@pytest.mark.parametrize("name", ["extract", "ingest", "export", "reextract", "import-decisions", "orphans"])
def test_subcommand_help(helps, name):
    result = helps[name]
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.lower().split())  # argparse wraps lines
    for words in SUBCOMMANDS[name]:
        assert words.lower() in text, words


@pytest.mark.parametrize("name", ["status", "columns"])
def test_status_and_columns_help_describe_them(helps, name):
    result = helps[name]
    assert result.returncode == 0, result.stderr
    for words in SUBCOMMANDS[name]:
        assert words.lower() in result.stdout.lower(), words


def test_status_and_columns_help_exit_zero(helps):
    assert helps["status"].returncode == 0 and helps["columns"].returncode == 0


# ------------------------------------------------------------------ extract


def test_extract_writes_six_csvs_with_the_guideline_columns(tmp_path, corpus):
    out = tmp_path / "out"
    result = etl("extract", str(corpus), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert {p.stem for p in out.glob("*.csv")} == set(CSV_FILES)

    reports = pd.read_csv(out / "reports.csv", dtype=str)
    assert set(GUIDELINE_COLUMNS) <= set(reports.columns)
    assert "content_id" in reports.columns
    assert set(reports.article_id) == {"dispatch-17", "dispatch-18"}  # the input's own ids
    helmand = reports[reports.article_id == "dispatch-17"].iloc[0]
    assert (helmand.victim_group, helmand.count_best, helmand.qualifier) == ("security_forces", "4", "at_least")
    assert (helmand.start_date, helmand.country_code) == ("2024-05-06", "AFG")  # ISO dates, no time

    articles = pd.read_csv(out / "articles.csv", dtype=str)
    assert set(articles.article_id) == {"dispatch-17", "dispatch-18"}
    assert set(articles.content_id) == set(reports.content_id)
    errors = pd.read_csv(out / "errors.csv", dtype=str)
    assert list(errors.columns[:4]) == ["error_id", "origin", "stage", "reason"] and errors.empty


def test_extract_exits_1_and_names_the_unreadable_input(tmp_path, corpus):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = etl("extract", str(corpus), str(empty), "--out", str(out), "--quiet")
    assert result.returncode == 1
    assert f"{empty}: empty file" in result.stderr
    errors = pd.read_csv(out / "errors.csv", dtype=str)
    assert list(errors.origin) == [str(empty)]
    assert len(pd.read_csv(out / "articles.csv")) == 2  # the readable input was still extracted


# ------------------------------------------------------------------ ingest, status, export


def test_ingest_status_export_round_trip(tmp_path, corpus):
    root, elsewhere = tmp_path / "store", tmp_path / "env-store"
    result = etl("--store", str(root), "ingest", str(corpus), "--quiet", env={ENV_VAR: str(elsewhere)})
    assert result.returncode == 0, result.stderr
    assert not elsewhere.exists()  # --store wins over CASUALTY_STORE
    stored = Store(root).read("reports")
    assert len(stored) >= 2

    status = etl("--store", str(root), "status")
    assert status.returncode == 0, status.stderr
    assert str(root) in status.stdout
    assert any(line.split()[:2] == ["articles", "2"] for line in status.stdout.splitlines())

    csv_path, parquet_path = tmp_path / "out.csv", tmp_path / "out.parquet"
    for path in (csv_path, parquet_path):
        exported = etl("--store", str(root), "export", "reports", str(path))
        assert exported.returncode == 0, exported.stderr
    from_csv = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    from_parquet = pd.read_parquet(parquet_path)
    for frame in (from_csv, from_parquet):
        assert sorted(frame.report_id) == sorted(stored.report_id)
        assert set(GUIDELINE_COLUMNS) <= set(frame.columns)
    by_id = from_parquet.set_index("report_id")
    for row in stored.itertuples():
        assert by_id.loc[row.report_id, "count_best"] == row.count_best
        assert by_id.loc[row.report_id, "victim_group"] == row.victim_group
    assert set(from_csv.start_date) <= {d.strftime("%Y-%m-%d") for d in stored.start_date.dropna()} | {""}


def test_ingest_exits_1_on_bad_input_and_uses_the_store_of_the_environment(tmp_path, corpus):
    root = tmp_path / "env-store"
    bad = tmp_path / "chart.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    result = etl("ingest", str(corpus), str(bad), "--quiet", env={ENV_VAR: str(root)})
    assert result.returncode == 1
    assert str(bad) in result.stderr and "PNG" in result.stderr
    store = Store(root)
    assert store.tables()["articles"] == 2  # the store named by the environment, the good input in it
    assert list(store.read("errors").origin) == [str(bad)]

    status = etl("status", env={ENV_VAR: str(root)})
    assert status.returncode == 0 and str(root) in status.stdout


def test_store_flag_after_the_subcommand(tmp_path):
    root = tmp_path / "empty-store"
    root.mkdir()  # a folder that does not exist is an error for status (test_cli_secure)
    result = etl("status", "--store", str(root))
    assert result.returncode == 0, result.stderr
    assert str(root) in result.stdout
