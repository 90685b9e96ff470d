"""An accuracy gate: the engine on the project's own hand-annotated news articles (benchmarks/accuracy)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCORER = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy" / "score.py"
FLOORS = {"f1": 0.85, "strict_f1": 0.75, "kind_ok": 0.90, "victim_group_ok": 0.88, "start_date_ok": 0.75,
          "country_code_ok": 0.92}


def test_the_engine_reads_the_annotated_articles_above_its_floors() -> None:
    spec = importlib.util.spec_from_file_location("accuracy_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    figures = scorer.score(scorer.gold_reports(), scorer.predicted_reports())
    below = {name: round(figures[name], 3) for name, floor in FLOORS.items() if figures[name] < floor}
    assert not below, f"below the floors {FLOORS}: {below}"
