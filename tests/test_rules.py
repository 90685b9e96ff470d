"""The engine's named rules: the registry, each rule's example, switching rules off, the rules column and the
`python -m etl rules` command. Every text here is written for the project."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from etl.cli import main
from etl.engine import rules
from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)
ENGINE = Path(__file__).resolve().parents[1] / "etl" / "engine"


@pytest.fixture(scope="module")
def lex():
    return load()


def _outputs(text: str, published: dt.date | None, lex) -> tuple[object, list[dict]]:
    """The result and its reports and notes without their rules column. An example may give the article's title
    before " || " (rules that read the title), or as a first paragraph without a full stop (rule_table.py)."""
    title, _, text = text.rpartition(" || ")
    first, _, rest = text.partition("\n\n")
    if not title and rest and not first.rstrip().endswith((".", "!", "?", '"', "”", ":")):
        title, text = first, rest
    result = extract_article(text, "rule-example", published, lex, title=title or None)
    rows = [{k: v for k, v in r.items() if k != "rules"} for r in result.reports + result.notes]
    return result, rows


def test_ids_are_unique_and_named_by_stage():
    ids = [row[0] for row in rules.TABLE]
    assert len(ids) == len(set(ids)) == len(rules.RULES)
    stages = {"count", "link", "victims", "group", "filter", "source", "perpetrator", "note", "time", "place"}
    stages |= {"date", "number", "noun", "victim", "attackers", "list", "violence"}  # issue 9 accuracy (kept ids)
    stages |= {"text"}  # sentences (text.py)
    assert {r.stage for r in rules.RULES.values()} <= stages | {"consolidate"}


def test_every_rule_has_a_purpose_and_an_example():
    for rule in rules.RULES.values():
        assert len(rule.purpose) > 20, rule.id
        assert len(rule.example) > 20, rule.id


def test_registering_an_id_twice_is_an_error():
    with pytest.raises(ValueError, match="twice"):
        rules.register("time.period", "again", "again")


def test_every_id_the_engine_uses_is_registered():
    used = set()
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                stage, _, name = node.value.partition(".")
                if name and stage in {r.stage for r in rules.RULES.values()} and name.replace("_", "").isalpha():
                    used.add(node.value)
    assert used - rules.RULES.keys() == set()
    assert rules.RULES.keys() - used == set(), "a registered rule the engine never consults"


@pytest.mark.parametrize("rule_id", list(rules.RULES))
def test_each_example_makes_its_rule_act_and_switching_it_off_changes_the_output(rule_id, lex):
    """Read as an article published on 14 March 2024, or as an undated event note (as ACLED notes are)."""
    example = rules.RULES[rule_id].example
    acted_and_changed = False
    for published in (PUB, None):
        result, rows = _outputs(example, published, lex)
        with rules.disabled({rule_id}):
            off_result, off_rows = _outputs(example, published, lex)
        assert rule_id not in off_result.fired
        acted_and_changed |= rule_id in result.fired and rows != off_rows
    assert acted_and_changed


def test_reports_figures_and_notes_carry_the_rules_that_made_them(lex):
    text = (
        "Gunmen attacked a market in Taro on Monday, killing 9 people, including 2 children. "
        "Police blamed al-Shabaab for the attack."
    )
    result = extract_article(text, "carry", PUB, lex)
    assert result.reports and result.figures and result.notes
    for row in result.reports + result.figures:
        assert "count.number_phrase" in row["rules"].split(";")
    split = [r for r in result.reports if "group.including_partition" in r["rules"]]
    assert {r["victim_group"] for r in split} == {"civilians", "unknown"}
    assert result.notes[0]["rules"] == "note.blame"


def test_unknown_rule_ids_are_an_error_naming_them():
    with pytest.raises(ValueError, match="no.such_rule"):
        rules.parse_ids("time.period,no.such_rule")


def test_disabled_restores_the_rules_after_the_block():
    assert rules.on("time.period")
    with rules.disabled({"time.period"}):
        assert not rules.on("time.period")
    assert rules.on("time.period")


def test_markdown_table_lists_every_rule():
    table = rules.markdown()
    assert all(f"`{rid}`" in table for rid in rules.RULES)


# ------------------------------------------------------------------ the command line


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A tiny JSONL corpus written for the test."""
    docs = [
        {
            "id": "a1",
            "published": "2024-03-14",
            "text": "Gunmen attacked a market in Taro on Monday, killing 9 people, including 2 children.",
        },
        {
            "id": "a2",
            "published": "2024-03-14",
            "text": "A bombing in Taro killed 27 people on Monday. By Monday night 32 bodies had been brought "
            "to the morgue, officials said.",
        },
        {"id": "a3", "published": "2024-03-14", "text": "The council met on Tuesday to discuss the budget."},
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    return path


def test_cli_lists_the_rules(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "consolidate.bodies_in_toll" in out and "e.g." in out


def test_cli_rules_stats_counts_reports_and_documents(corpus, capsys):
    assert main(["rules", "--stats", str(corpus), "--rule", "group.*", "--rule", "consolidate.bodies_in_toll"]) == 0
    out = capsys.readouterr().out
    assert "tiny: 3 documents" in out
    lines = {
        line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip().startswith(("group", "cons"))
    }
    assert lines["group.including_partition"] == ["2", "1"]  # two reports (children, the rest), one document
    assert lines["consolidate.bodies_in_toll"] == ["1", "1"]


def test_cli_rules_ablate_prints_differences_from_all_rules_on(corpus, capsys):
    assert main(["rules", "--ablate", str(corpus), "--rule", "consolidate.bodies_in_toll"]) == 0
    out = capsys.readouterr().out
    row = next(line.split() for line in out.splitlines() if line.strip().startswith("consolidate.bodies_in_toll"))
    header = next(line.split() for line in out.splitlines() if line.strip().startswith("rule"))
    values = dict(zip(header, row, strict=True))
    assert values["reports"] == "1"  # the bodies come back as a report of their own
    assert values["killed_total"] == "32"


def test_extract_switches_rules_off_by_flag_and_by_environment(corpus, tmp_path, monkeypatch):
    assert main(["extract", str(corpus), "--out", str(tmp_path / "on"), "--quiet"]) == 0
    on = pd.read_csv(tmp_path / "on" / "reports.csv")
    assert on.rules.str.contains("consolidate.bodies_in_toll").any()
    flag = ["--disable-rule", "consolidate.bodies_in_toll"]
    assert main(["extract", str(corpus), "--out", str(tmp_path / "off"), "--quiet", *flag]) == 0
    off = pd.read_csv(tmp_path / "off" / "reports.csv")
    assert len(off) == len(on) + 1 and not off.rules.str.contains("consolidate.bodies_in_toll").any()
    monkeypatch.setattr(rules, "_OFF", rules.parse_ids("consolidate.bodies_in_toll"))  # as ETL_DISABLE_RULES sets it
    assert main(["extract", str(corpus), "--out", str(tmp_path / "env"), "--quiet"]) == 0
    assert len(pd.read_csv(tmp_path / "env" / "reports.csv")) == len(off)
    assert rules.on("time.period")


def test_extract_names_an_unknown_rule(corpus, tmp_path, capsys):
    assert main(["extract", str(corpus), "--out", str(tmp_path), "--disable-rule", "time.nonsense"]) == 2
    assert "time.nonsense" in capsys.readouterr().err


def test_environment_variable_is_read_when_the_engine_loads(monkeypatch):
    monkeypatch.setenv("ETL_DISABLE_RULES", "time.period, place.sentence")
    assert rules._from_env() == {"time.period", "place.sentence"}


def test_the_codebook_holds_the_current_rules_table():
    codebook = (Path(__file__).resolve().parents[1] / "docs" / "codebook.md").read_text()
    assert rules.markdown() in codebook, "regenerate it: python -m etl rules --markdown"
