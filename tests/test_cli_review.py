"""`python -m etl` and the review log: status and export see the decisions, exports apply them, logs are shared."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl import review
from etl.cli import main
from etl.store import ENV_VAR, Store

REPO = Path(__file__).resolve().parents[1]
ARTICLES = [
    {"id": "kabul-1", "published": "2024-05-07", "source": "Example Wire", "title": "Suicide bomber kills 12 in Kabul",
     "text": "A suicide bomber killed 12 civilians and wounded 30 others outside a school in Kabul on Monday, "
             "the interior ministry said. No group claimed the attack."},
    {"id": "kabul-2", "published": "2024-05-08", "source": "Daily Post", "title": "Kabul school bombing toll rises",
     "text": "The death toll from Monday's suicide bombing outside a school in Kabul rose to 14, hospital "
             "officials said on Tuesday."},
    {"id": "helmand-1", "published": "2024-05-07", "source": "Example Wire", "title": "Roadside bomb in Helmand",
     "text": "A roadside bomb killed at least 4 soldiers in Helmand province on Monday, officials said. "
             "The Taliban claimed responsibility."},
    {"id": "helmand-2", "published": "2024-05-07", "source": "Frontier Times",
     "title": "Soldiers die in Lashkar Gah blast",
     "text": "Four Afghan soldiers died when their vehicle hit a mine near Lashkar Gah on Monday, "
             "a provincial spokesman said."},
    {"id": "zamfara-1", "published": "2024-05-08", "source": "Example Wire", "title": "Gunmen kill six in Zamfara",
     "text": "Gunmen killed 6 villagers in an attack in Zamfara state on Tuesday, police said."},
]


def etl(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m etl ARGS` from the repo root, with CASUALTY_STORE unset."""
    return etl_all([args])[0]


def etl_all(runs: list[tuple[str, ...]]) -> list[subprocess.CompletedProcess]:
    """Run several `python -m etl ARGS` at once (they only read the store) and wait for all of them."""
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    procs = [subprocess.Popen([sys.executable, "-m", "etl", *args], cwd=REPO, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for args in runs]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """A store holding the five articles, as `python -m etl ingest` leaves it."""
    folder = tmp_path_factory.mktemp("cli-review")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    result = etl("--store", str(folder / "store"), "ingest", str(corpus), "--quiet")
    assert result.returncode == 0, result.stderr
    return folder / "store"


def machine_reports(store: Store) -> pd.DataFrame:
    """The machine's reports with their event ids and the input's own article ids (`source_id`)."""
    ids = store.read("articles", columns=["article_id", "source_id"])
    return review.store_reports(store).merge(ids, on="article_id", how="left", validate="many_to_one")


def rid(reports: pd.DataFrame, source_id: str, outcome: str = "killed") -> str:
    return reports.loc[(reports.source_id == source_id) & (reports.outcome == outcome), "report_id"].iloc[0]


@pytest.fixture()
def reviewed(ingested: Path, tmp_path: Path) -> tuple[Store, pd.DataFrame, dict[str, review.Decision]]:
    """A copy of the store with an analyst's decisions: a correction, a rejection, an acceptance, a merge, a split."""
    root = tmp_path / "store"
    shutil.copytree(ingested, root)
    store = Store(root)
    reports = machine_reports(store)
    helmand = [reports.loc[reports.source_id == s, "event_id"].iloc[0] for s in ("helmand-1", "helmand-2")]
    assert helmand[0] != helmand[1], "the machine keeps the Helmand and Lashkar Gah blasts apart"
    assert rid(reports, "kabul-2") in set(reports.loc[reports.event_id == reports.loc[
        reports.source_id == "kabul-1", "event_id"].iloc[0], "report_id"])
    decisions = {
        "correct": review.correct(reports, rid(reports, "kabul-1"), "count_best", 13, "amira",
                                  "the ministry's evening statement gives 13"),
        "reject": review.reject(reports, rid(reports, "zamfara-1"), "amira",
                                "a court case retelling a 2019 attack, not a new toll"),
        "accept": review.accept(reports, rid(reports, "helmand-1"), "li", "matches the governor's statement"),
        "merge": review.merge_events(reports, helmand, "li", "Lashkar Gah is Helmand's capital: one mine blast"),
        "split": review.split_event(reports, [rid(reports, "kabul-2")], "li",
                                    "the 14 include a second blast that evening"),
    }
    recorded = {name: review.record(root, d) for name, d in decisions.items()}
    return store, reports, recorded


def test_status_counts_the_decision_log_and_its_orphans(reviewed) -> None:
    store, _, _ = reviewed
    status = etl("--store", str(store.root), "status")
    assert status.returncode == 0, status.stderr
    line = next(x for x in status.stdout.splitlines() if x.split()[:1] == ["decisions"])
    assert line.split()[:3] == ["decisions", "5", "rows"] and "orphaned" not in line
    # an analyst's decision about an article the store no longer holds is an orphan
    other = store.read("reports").iloc[:1].assign(article_id="gone-article", span_start=5, span_end=9)
    review.record(store.root, review.accept(other, other.report_id.iloc[0], "li"))
    status = etl("--store", str(store.root), "status")
    line = next(x for x in status.stdout.splitlines() if x.split()[:1] == ["decisions"])
    assert line.split()[:3] == ["decisions", "6", "rows"] and "1 orphaned" in line


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_export_decisions_writes_the_log(reviewed, tmp_path: Path, suffix: str) -> None:
    store, _, recorded = reviewed
    out = tmp_path / f"decisions.{suffix}"
    result = etl("--store", str(store.root), "export", "decisions", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote 5 rows of decisions" in result.stderr
    # the file is a log another team can import, and it holds the same decisions
    assert review.import_decisions(tmp_path / "team-b", out) == 5
    pd.testing.assert_frame_equal(review.load_decisions(tmp_path / "team-b"), review.load_decisions(store.root))
    if suffix == "csv":
        frame = pd.read_csv(out, dtype=str, keep_default_na=False)
        assert set(frame.decision_id) == {d.decision_id for d in recorded.values()}
        assert set(frame.reviewer) == {"amira", "li"} and frame.rationale.str.len().gt(0).all()


def test_export_reports_and_events_apply_the_review(reviewed, tmp_path: Path) -> None:
    store, machine, recorded = reviewed
    parquet, raw_parquet = tmp_path / "reports.parquet", tmp_path / "raw.parquet"
    runs = [("export", table, str(tmp_path / f"{table}{flag}.csv"), *([flag] if flag else []))
            for table in ("reports", "events") for flag in ("", "--machine", "--reviewed-only")]
    runs += [("export", "reports", str(parquet)), ("export", "reports", str(raw_parquet), "--machine")]
    for run in runs:  # in this process: the same main() as `python -m etl`, without starting Python ten times
        assert main(["--store", str(store.root), *run]) == 0, run
    read = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in tmp_path.glob("*.csv")}

    reports = read["reports"].set_index("report_id")
    assert {"event_id", "n_reports", "review_status"} <= set(reports.columns)
    sizes = reports.groupby("event_id")["n_reports"].agg(["first", "size"])
    assert (sizes["first"].astype(int) == sizes["size"]).all()  # each report says how many its event has
    assert rid(machine, "zamfara-1") not in reports.index  # rejected: not a casualty figure
    kabul = reports.loc[rid(machine, "kabul-1")]
    assert (kabul.count_low, kabul.count_best, kabul.count_high, kabul.qualifier) == ("13", "13", "13", "exact")
    assert kabul.review_status == "corrected"
    assert reports.loc[rid(machine, "helmand-1"), "review_status"] == "accepted"
    assert reports.loc[rid(machine, "helmand-1"), "event_id"] == reports.loc[rid(machine, "helmand-2"), "event_id"]
    assert reports.loc[rid(machine, "kabul-2"), "event_id"] != kabul.event_id  # split off
    assert reports.loc[rid(machine, "kabul-1", "injured"), "event_id"] == kabul.event_id
    assert (reports.event_id != "").all()

    events = read["events"]
    assert set(events.event_id) == set(reports.event_id)
    assert not events.report_ids.str.contains(rid(machine, "zamfara-1")).any()
    helmand = events[events.event_id == reports.loc[rid(machine, "helmand-1"), "event_id"]]
    assert len(helmand) == 1 and helmand.n_reports.iloc[0] == "2"  # merged: one event, both reports
    kabul_killed = events[(events.event_id == kabul.event_id) & (events.outcome == "killed")]
    assert kabul_killed.count_best.tolist() == ["13"] and kabul_killed.report_ids.tolist() == [kabul.name]
    split = events[events.event_id == reports.loc[rid(machine, "kabul-2"), "event_id"]]
    assert split.report_ids.tolist() == [rid(machine, "kabul-2")] and split.count_best.tolist() == ["14"]

    raw = read["reports--machine"]
    assert len(raw) == len(machine) and "review_status" not in raw.columns
    assert raw.loc[raw.report_id == rid(machine, "kabul-1"), "count_best"].tolist() == ["12"]
    raw_events = read["events--machine"]
    assert raw_events.report_ids.str.contains(rid(machine, "zamfara-1")).any()
    assert raw_events.event_id.nunique() == machine.event_id.nunique()

    only = read["reports--reviewed-only"]
    assert sorted(only.report_id) == sorted([rid(machine, "kabul-1"), rid(machine, "helmand-1")])
    assert set(only.review_status) == {"accepted", "corrected"}
    assert set(read["events--reviewed-only"].report_ids) == set(only.report_id)

    schema, raw_schema = pq.read_schema(parquet), pq.read_schema(raw_parquet)
    for name in raw_schema.names:  # the store's types: dates as date32, times in UTC
        assert schema.field(name).type == raw_schema.field(name).type, name
    assert schema.field("start_date").type == pa.date32() and schema.field("review_status").type == pa.string()
    assert sorted(pd.read_parquet(parquet).report_id) == sorted(reports.index)


def test_export_refuses_flags_that_do_not_apply(reviewed, tmp_path: Path) -> None:
    store, _, _ = reviewed
    flags, both, suffix = etl_all([
        ("--store", str(store.root), "export", "articles", str(tmp_path / "a.csv"), "--reviewed-only"),
        ("--store", str(store.root), "export", "reports", str(tmp_path / "r.csv"), "--machine", "--reviewed-only"),
        ("--store", str(store.root), "export", "reports", str(tmp_path / "r.txt")),
    ])
    assert flags.returncode == 2 and "--reviewed-only applies to reports and events" in flags.stderr
    assert both.returncode == 2 and "not allowed with" in both.stderr
    assert suffix.returncode == 1 and "r.txt: cannot tell the export format" in suffix.stderr
    assert not (tmp_path / "a.csv").exists() and not (tmp_path / "r.csv").exists()


def test_import_decisions_skips_duplicates_and_names_bad_lines(reviewed, ingested: Path, tmp_path: Path) -> None:
    store, _, recorded = reviewed
    shared_jsonl, shared_csv = tmp_path / "team-a.jsonl", tmp_path / "team-a.csv"
    review.export_decisions(store.root, shared_jsonl)  # what the dashboard's /api/decisions.jsonl serves
    review.export_decisions(store.root, shared_csv)
    lines = shared_jsonl.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"action": "accept", "reviewer": "amira", "match_key": ')  # a line cut short
    shared_jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = shared_csv.read_text(encoding="utf-8").splitlines()
    shared_csv.write_text("\n".join([*rows[:2], rows[2].replace("amira", ""), *rows[3:]]) + "\n", encoding="utf-8")

    team_b = tmp_path / "team-b"
    shutil.copytree(ingested, team_b)
    result = etl("--store", str(team_b), "import-decisions", str(shared_jsonl), str(shared_csv),
                 str(tmp_path / "missing.jsonl"))
    assert result.returncode == 1
    assert f"error: {shared_jsonl}:3: not a JSON line" in result.stderr
    assert f"error: {shared_csv}:3: decision skipped: a decision needs a reviewer" in result.stderr
    assert f"error: {tmp_path / 'missing.jsonl'}: no such decisions file" in result.stderr
    assert f"{shared_jsonl}: 5 decisions added, 0 already in the log, 1 lines skipped" in result.stderr
    assert f"{shared_csv}: 0 decisions added, 4 already in the log, 1 lines skipped" in result.stderr
    imported = review.load_decisions(team_b)
    assert set(imported.decision_id) == {d.decision_id for d in recorded.values()}

    again = etl("--store", str(team_b), "import-decisions", str(shared_csv))
    assert again.returncode == 1  # the bad line is still bad
    clean = tmp_path / "clean.csv"
    review.export_decisions(store.root, clean)
    again = etl("--store", str(team_b), "import-decisions", str(clean))
    assert again.returncode == 0, again.stderr
    assert "imported 0 decisions (5 duplicates skipped, 0 errors)" in again.stdout
    assert len(review.load_decisions(team_b)) == 5


def test_orphans_lists_decisions_that_no_longer_find_their_report(reviewed, tmp_path: Path) -> None:
    store, machine, recorded = reviewed
    gone = machine[machine.source_id == "kabul-2"].assign(article_id="a-retracted-article")
    review.record(store.root, review.reject(gone, rid(gone, "kabul-2"), "li", "retracted by the paper"))
    out = tmp_path / "orphans.csv"
    result = etl("--store", str(store.root), "orphans", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert "reject" in result.stdout and "article a-retracted-article is no longer in the store" in result.stdout
    assert '"retracted by the paper"' in result.stdout
    frame = pd.read_csv(out, dtype=str)
    assert frame.action.tolist() == ["reject"] and frame.orphan_reason.str.contains("a-retracted-article").all()
    assert recorded["split"].decision_id not in set(frame.decision_id)
