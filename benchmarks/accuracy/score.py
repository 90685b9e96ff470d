"""Accuracy of the engine on the project's own hand-annotated news articles (news_articles.jsonl, news_gold.csv).

The articles are invented wire stories written for the project; the gold reports were coded by hand after
GUIDELINES.md. A predicted report matches a gold one of the same article and outcome when its best count equals
the gold best or lies within the gold low-high; each gold report is matched once, preferring a prediction that
also agrees on kind and victim group. Figures: precision, recall, f1, strict_f1 (kind and victim group agree
too), and the share of matched reports whose kind, victim group, start date and country agree.

    python benchmarks/accuracy/score.py          # prints the figures
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from etl.extract import extract_article  # noqa: E402
from etl.lexicon import load  # noqa: E402

ATTRIBUTES = ("kind", "victim_group", "start_date", "country_code")


def predicted_reports(path: Path = HERE / "news_articles.jsonl") -> pd.DataFrame:
    """The engine's reports for every article of the corpus."""
    lex, rows = load(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
        rows += extract_article(doc["text"], doc["id"], published, lex, title=doc.get("title")).reports
    frame = pd.DataFrame(rows)
    frame["start_date"] = frame["start_date"].map(lambda d: d.isoformat() if d else None)
    return frame


def gold_reports(path: Path = HERE / "news_gold.csv") -> pd.DataFrame:
    return pd.read_csv(path, dtype={"article_id": str, "start_date": str, "country_code": str})


def _matches(gold: pd.Series, pred: pd.Series) -> bool:
    if gold["outcome"] != pred["outcome"] or pd.isna(pred["count_best"]):
        return False
    low = gold["count_low"] if pd.notna(gold["count_low"]) else gold["count_best"]
    high = gold["count_high"] if pd.notna(gold["count_high"]) else gold["count_best"]
    return pred["count_best"] == gold["count_best"] or low <= pred["count_best"] <= high


def _disagreements(gold: pd.Series, pred: pd.Series) -> int:
    return int(gold["kind"] != pred["kind"]) + int(gold["victim_group"] != pred["victim_group"])


def matched_pairs(gold: pd.DataFrame, pred: pd.DataFrame) -> list[tuple[pd.Series, pd.Series]]:
    """(gold, predicted) report pairs, matched one to one inside each article (the module docstring)."""
    pairs = []
    for article, golds in gold.groupby("article_id"):
        preds = [p for _, p in pred[pred["article_id"] == article].iterrows()]
        used: set[int] = set()
        for _, g in golds.iterrows():
            cands = [(j, p) for j, p in enumerate(preds) if j not in used and _matches(g, p)]
            if cands:
                j, p = min(cands, key=lambda c, g=g: _disagreements(g, c[1]))
                used.add(j)
                pairs.append((g, p))
    return pairs


def score(gold: pd.DataFrame, pred: pd.DataFrame) -> dict[str, float]:
    """The figures (see the module docstring) of predicted reports against gold reports."""
    pairs = matched_pairs(gold, pred)
    n_gold, n_pred, n_match = len(gold), len(pred), len(pairs)
    strict = sum(g["kind"] == p["kind"] and g["victim_group"] == p["victim_group"] for g, p in pairs)

    def f1(hits: int) -> float:
        precision, recall = hits / max(n_pred, 1), hits / max(n_gold, 1)
        return 2 * precision * recall / (precision + recall) if hits else 0.0

    figures = {"precision": n_match / max(n_pred, 1), "recall": n_match / max(n_gold, 1), "f1": f1(n_match),
               "strict_f1": f1(strict)}
    for attr in ATTRIBUTES:
        known = [(g[attr], p[attr]) for g, p in pairs if pd.notna(g[attr]) and str(g[attr]) != ""]
        figures[f"{attr}_ok"] = sum(str(a) == str(b) for a, b in known) / max(len(known), 1)
    return figures


def main() -> int:
    pred, gold = predicted_reports(), gold_reports()
    pred = pred[pred["article_id"].isin(set((HERE / "news_read.txt").read_text().split()))]
    print(" ".join(f"{k}={v:.3f}" for k, v in score(gold, pred).items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
