"""Accuracy gates: the engine on the project's own hand-annotated news articles and multi-article events
(benchmarks/accuracy)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy" / "score.py"
EVENTS_SCORER = SCORER.with_name("events_score.py")
EVENTS_FLOORS = {  # per corpus of benchmarks/accuracy, a little under the figures of 2026-12-08
    "events": {"events_pair_f1": 0.90, "events_bcubed_f1": 0.95},
    "heldout2": {"events_pair_f1": 0.85, "events_bcubed_f1": 0.90},
    "heldout3": {"events_pair_f1": 0.88, "events_bcubed_f1": 0.92},
    "heldout4": {"events_pair_f1": 0.85, "events_bcubed_f1": 0.91},
}
FLOORS = {"f1": 0.85, "strict_f1": 0.75, "kind_ok": 0.90, "victim_group_ok": 0.88, "start_date_ok": 0.75,
          "country_code_ok": 0.92}


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_engine_reads_the_annotated_articles_above_its_floors() -> None:
    scorer = _load(SCORER, "accuracy_score")
    figures = scorer.score(scorer.gold_reports(), scorer.predicted_reports())
    below = {name: round(figures[name], 3) for name, floor in FLOORS.items() if figures[name] < floor}
    assert not below, f"below the floors {FLOORS}: {below}"


@pytest.mark.parametrize("corpus", sorted(EVENTS_FLOORS))
def test_the_engine_groups_the_reports_of_several_articles_into_events_above_its_floors(corpus: str) -> None:
    scorer = _load(EVENTS_SCORER, "events_score")
    read = set((SCORER.parent / f"{corpus}_read.txt").read_text().split())
    pred = scorer.predicted_reports(corpus)
    figures = scorer.score(scorer.gold_reports(corpus), pred[pred["article_id"].isin(read)], corpus)
    floors = EVENTS_FLOORS[corpus]
    below = {name: round(figures[name], 3) for name, floor in floors.items() if figures[name] < floor}
    assert not below, f"below the floors {floors}: {below}"
