"""What each named rule of the engine does on a corpus: how often it acts (`rule_stats`) and what the corpus's
figures are without it (`ablate`). Behind `python -m etl rules --stats/--ablate`.

A corpus is anything `python -m etl extract` reads (JSONL, CSV, folders, pages, feeds). Only the engine runs
(no events, no store). For a gold score without a rule, run the scorer with the rule switched off:
`ETL_DISABLE_RULES=id1,id2 python ../shared/eval/score.py SET` (the extract command honours the variable).
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from .columns import TABLES
from .engine import rules
from .engine.article import extract_article
from .lexicon import load

# the fields that make two reports the same, for "changed reports" (no ids, no rules)
REPORT_KEY = TABLES["reports"][TABLES["reports"].index("article_id") : TABLES["reports"].index("figure_ids")]


def corpus_articles(paths: Sequence[str]) -> pd.DataFrame:
    """The articles of a corpus, as `python -m etl extract` reads them (publication dates inferred)."""
    from .pipeline import articles_frame, read_all

    raws, _ = read_all(list(paths), False)
    return articles_frame(raws)


def _records(articles: pd.DataFrame):
    for art in articles[["article_id", "text", "published", "published_inferred", "title"]].itertuples(index=False):
        published = None if pd.isna(art.published) else art.published.date()
        inferred = bool(art.published_inferred) if not pd.isna(art.published_inferred) else False
        yield art.article_id, art.text, published, None if pd.isna(art.title) else art.title, inferred


def run(articles: pd.DataFrame) -> tuple[list[dict], list[Counter[str]]]:
    """Reports of every article, and per article the rules that acted (with the rules switched off now)."""
    lex = load()
    reports: list[dict] = []
    fired: list[Counter[str]] = []
    for article_id, text, published, title, inferred in _records(articles):
        try:
            result = extract_article(text, article_id, published, lex, title=title, published_inferred=inferred)
        except Exception:  # as the extract command: one bad article does not stop a run
            continue
        reports += result.reports
        fired.append(result.fired)
    return reports, fired


def select(patterns: Sequence[str] | None) -> list[str]:
    """Rule ids matching any of the patterns ('consolidate.*', 'time.period'); all rules without patterns."""
    if not patterns:
        return list(rules.RULES)
    chosen = [rid for rid in rules.RULES if any(fnmatch.fnmatchcase(rid, p) for p in patterns)]
    if not chosen:
        raise ValueError(f"no rule matches {', '.join(patterns)} (python -m etl rules lists them)")
    return chosen


def rule_stats(articles: pd.DataFrame, patterns: Sequence[str] | None = None) -> pd.DataFrame:
    """Per rule: the reports that carry it, the documents it acted on, and how often it acted in all."""
    reports, fired = run(articles)
    carried: Counter[str] = Counter()
    for r in reports:
        carried.update(set(filter(None, (r.get("rules") or "").split(";"))))
    documents: Counter[str] = Counter()
    times: Counter[str] = Counter()
    for f in fired:
        documents.update(f.keys())
        times.update(f)
    rows = [
        {"rule": rid, "reports": carried[rid], "documents": documents[rid], "acted": times[rid]}
        for rid in select(patterns)
    ]
    return pd.DataFrame(rows, columns=["rule", "reports", "documents", "acted"])


def summary(reports: list[dict]) -> dict[str, float]:
    """A corpus's figures: reports, and per outcome the number of reports and the sum of count_best."""
    out: dict[str, float] = {"reports": len(reports)}
    for r in reports:
        outcome = r["outcome"] or "none"
        out[f"{outcome}_reports"] = out.get(f"{outcome}_reports", 0) + 1
        out[f"{outcome}_total"] = out.get(f"{outcome}_total", 0) + (r["count_best"] or 0)
    return out


def _keys(reports: list[dict]) -> Counter:
    return Counter(tuple(r[k] for k in REPORT_KEY) for r in reports)


def ablate(articles: pd.DataFrame, patterns: Sequence[str] | None = None) -> pd.DataFrame:
    """The corpus's figures with every rule on, then without each rule in turn: differences from all-rules-on.

    `changed` counts reports that are not in the all-rules-on output (plus those gone). A rule that never acted
    on the corpus cannot change it and is not run again."""
    base, fired = run(articles)
    acted = set().union(*fired) if fired else set()
    base_summary, base_keys = summary(base), _keys(base)
    rows = [{"rule": "(all rules on)", "acted_on_documents": len(fired), **base_summary, "changed": 0}]
    for rid in select(patterns):
        documents = sum(1 for f in fired if rid in f)
        if rid not in acted:
            rows.append({"rule": rid, "acted_on_documents": 0, "changed": 0})
            continue
        with rules.disabled({rid}):
            reports, _ = run(articles)
        keys = _keys(reports)
        changed = sum((keys - base_keys).values()) + sum((base_keys - keys).values())
        figures = summary(reports)
        diff = {k: figures.get(k, 0) - base_summary.get(k, 0) for k in set(figures) | set(base_summary)}
        rows.append({"rule": rid, "acted_on_documents": documents, **diff, "changed": changed})
    frame = pd.DataFrame(rows).fillna(0)
    first = ["rule", "acted_on_documents", "reports", "changed"]
    rest = sorted(c for c in frame.columns if c not in first)
    frame = frame[[c for c in first if c in frame.columns] + rest]
    return frame.astype({c: "int64" for c in frame.columns if c != "rule"})
