"""Cost linear in an article's length, and a time budget per article (issue 12).

Speed itself is measured in benchmarks/length_bench.py; here the work is counted: the comparisons between an
article's reports per report must not grow with the article's length, and a 1 MB article must finish within a
generous guard."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from etl import extract, pipeline
from etl.engine import consolidate
from etl.extract import ArticleTimeout, extract_article
from etl.lexicon import load

PLACES = ("Kabul", "Mogadishu", "Aleppo", "Mosul", "Maiduguri", "Goma", "Sanaa", "Kismayo")
GROUPS = ("civilians", "soldiers", "police officers", "children", "people", "militants")
SOURCES = ("police said", "the army said", "a hospital official said", "witnesses said", "local officials said")
DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday")

REPORT = (
    "At least 12 people were killed and 30 wounded when a roadside bomb hit a bus near Kandahar on Monday, the "
    "provincial police chief said. Two children were among the dead, a doctor said. The Taliban denied any role."
)


def varied(size: int) -> str:
    rng = random.Random(7)
    paras, total = ["Attacks by armed groups killed hundreds across the region this year."], 0
    while total < size:
        para = " ".join(
            f"{rng.choice(('At least ', 'Nearly ', ''))}{rng.randint(2, 300)} {rng.choice(GROUPS)} were killed and "
            f"{rng.randint(1, 200)} wounded in an attack in {rng.choice(PLACES)} {rng.choice(DAYS)}, "
            f"{rng.choice(SOURCES)}."
            for _ in range(3)
        )
        paras.append(para)
        total += len(para) + 2
    return "\n\n".join(paras)[:size]


def repeated(size: int) -> str:
    return "\n\n".join([REPORT] * (size // (len(REPORT) + 2) + 1))[:size]


def comparisons(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, int]:
    """(pairwise report comparisons, figures, sentences) of one extraction."""
    calls = 0
    original = consolidate._same_quantity

    def counted(*args) -> str | None:
        nonlocal calls
        calls += 1
        return original(*args)

    monkeypatch.setattr(consolidate, "_same_quantity", counted)
    result = extract_article(text, "a", dt.date(2024, 5, 7), load())
    monkeypatch.setattr(consolidate, "_same_quantity", original)
    return calls, len(result.figures), len(extract.sentence_spans(text))


@pytest.mark.parametrize("shape", [varied, repeated])
def test_report_comparisons_grow_linearly_with_length(shape, monkeypatch: pytest.MonkeyPatch) -> None:
    small, small_figures, small_sentences = comparisons(shape(128 * 1024), monkeypatch)
    large, large_figures, large_sentences = comparisons(shape(1024 * 1024), monkeypatch)
    assert large_sentences > 7 * small_sentences and large_figures > 7 * small_figures
    # per figure, the 1 MB article compares no more than twice what the 128 KB one does (pairwise would be 8x)
    assert large / large_figures <= 2 * max(small / small_figures, 1)
    # wall-clock time is a benchmark's business (benchmarks/length_bench.py), not a test's: it varies with load


def test_a_live_blog_told_again_and_again_is_one_incident() -> None:
    result = extract_article(repeated(64 * 1024), "a", dt.date(2024, 5, 7), load())
    killed = [r for r in result.reports if r["outcome"] == "killed"]
    assert sum(r["count_best"] for r in killed) == 12


def test_a_spent_time_budget_stops_the_article() -> None:
    with pytest.raises(ArticleTimeout, match="time budget of 1e-06 s"):
        extract_article(varied(32 * 1024), "a", dt.date(2024, 5, 7), load(), budget=1e-6)
    short = extract_article("Three soldiers were killed in an ambush in Mosul on Monday.", "b", None, load(), budget=5)
    assert [r["count_best"] for r in short.reports] == [3]


def test_an_article_past_its_budget_gets_an_error_row_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.BUDGET_ENV, "0.000001")
    articles = pd.DataFrame(
        {
            "article_id": ["long", "calm"],
            "text": [varied(16 * 1024), "The council met on Monday to discuss the budget for schools."],
            "published": pd.to_datetime(["2024-05-07", "2024-05-07"]),
            "published_inferred": [False, False],
            "title": [None, None],
            "origin": ["blog.jsonl:1", "blog.jsonl:2"],
        }
    )
    frames = pipeline.extract_frames(articles)
    errors = frames["errors"]
    assert list(errors["origin"]) == ["blog.jsonl:1"]
    assert errors["stage"].iloc[0] == "extract"
    assert "time budget" in errors["reason"].iloc[0]
    assert frames["reports"].empty


def test_the_budget_comes_from_the_environment_or_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = load()
    monkeypatch.delenv(pipeline.BUDGET_ENV, raising=False)
    assert pipeline.article_budget(lex) == float(lex.settings["article_time_budget_seconds"])
    monkeypatch.setenv(pipeline.BUDGET_ENV, "2.5")
    assert pipeline.article_budget(lex) == 2.5
    monkeypatch.setenv(pipeline.BUDGET_ENV, "0")
    assert pipeline.article_budget(lex) is None
