"""Event grouping on the project's own multi-article corpora (README.md): `events` (37 invented wire stories of 2016,
17 incidents and statistics each told by two to six articles), `heldout2` (45 stories of 2017-2020, 24 told by
several articles), `heldout3` (50 stories of 2021-2025, 26) and `heldout4` (45 stories of 2012-2018, 21), with hard
negatives (attacks of one day in one country, one city days apart, one round toll in two places, one organisation's
other periods). A corpus is extracted as `python -m etl extract` does (reports,
then events); gold and predicted reports are matched as in score.py, and over the matched reports:

- events_pair_f1: F1 over pairs of reports put in one event (0 when nothing is grouped);
- events_bcubed_f1: B-cubed F1 (a report without an event is its own).

Each figure is given for the whole corpus and for its two halves (PREFIX_halves.csv: story groups, which share no
event, split in two); README.md says which half rules were written from.

    python benchmarks/accuracy/events_score.py            # every corpus
    python benchmarks/accuracy/events_score.py heldout2
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from score import matched_pairs  # noqa: E402

from etl.cli import as_documents  # noqa: E402
from etl.pipeline import extract_paths  # noqa: E402

# prefixes of PREFIX_articles.jsonl, _gold.csv, _read.txt, _halves.csv here
CORPORA = ("events", "heldout2", "heldout3", "heldout4")


def _path(corpus: str, part: str) -> Path:
    return HERE / f"{corpus}_{part}"


def predicted_reports(corpus: str = "events") -> pd.DataFrame:
    """The reports, with their event ids, that extracting the corpus gives."""
    frames, _ = extract_paths([str(_path(corpus, "articles.jsonl"))])
    return as_documents(frames)["reports"]  # article_id: the document's own id, as extract's CSV files give it


def gold_reports(corpus: str = "events") -> pd.DataFrame:
    return pd.read_csv(_path(corpus, "gold.csv"), dtype={"article_id": str, "event_id": str})


def matched_events(gold: pd.DataFrame, pred: pd.DataFrame) -> list[tuple[str, str | None]]:
    """(gold event, predicted event) of each matched report, matched one to one inside each article."""
    events = []
    for g, p in matched_pairs(gold, pred):
        event = p.get("event_id")
        events.append((g["event_id"], event if isinstance(event, str) and event else None))
    return events


def pair_f1(pairs: list[tuple[str, str | None]]) -> float:
    """F1 over pairs of matched reports placed in the same event."""
    gold = pred = both = 0
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            same_gold = pairs[i][0] == pairs[j][0]
            same_pred = pairs[i][1] is not None and pairs[i][1] == pairs[j][1]
            gold, pred, both = gold + same_gold, pred + same_pred, both + (same_gold and same_pred)
    precision, recall = (both / pred if pred else 0.0), (both / gold if gold else 0.0)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed_f1(pairs: list[tuple[str, str | None]]) -> float:
    """B-cubed F1 of the predicted grouping against the gold one; a report without an event is its own."""
    if not pairs:
        return float("nan")
    labelled = [(g, p if p is not None else f"_alone{i}") for i, (g, p) in enumerate(pairs)]
    precision = recall = 0.0
    for g, p in labelled:
        same_pred = [q for q in labelled if q[1] == p]
        same_gold = [q for q in labelled if q[0] == g]
        both = sum(q[0] == g for q in same_pred)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision, recall = precision / len(labelled), recall / len(labelled)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: pd.DataFrame, pred: pd.DataFrame, corpus: str = "events") -> dict[str, float]:
    """Pair and B-cubed F1, for the whole corpus and per half."""
    halves = pd.read_csv(_path(corpus, "halves.csv"), dtype=str).set_index("article_id")["half"]
    figures: dict[str, float] = {}
    for keep in (None, "A", "B"):
        part = gold if keep is None else gold[gold["article_id"].map(halves) == keep]
        pairs = matched_events(part, pred)
        suffix = "" if keep is None else f"_{keep}"
        figures[f"events_pair_f1{suffix}"] = pair_f1(pairs)
        figures[f"events_bcubed_f1{suffix}"] = bcubed_f1(pairs)
    return figures


def main(argv: list[str] | None = None) -> int:
    for corpus in argv or CORPORA:
        read = set(_path(corpus, "read.txt").read_text().split())
        pred = predicted_reports(corpus)
        pred = pred[pred["article_id"].isin(read)]
        figures = score(gold_reports(corpus), pred, corpus)
        print(f"{corpus}: " + " ".join(f"{k}={v:.3f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
