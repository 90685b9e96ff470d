"""_consolidate_article finds earlier reports by key (_RepeatIndex): on random report lists, with each of its match
rules switched off in turn, it merges exactly as comparing every kept report in order does."""

from __future__ import annotations

import copy
import datetime as dt
import random
from dataclasses import fields

import pytest

from etl.engine import consolidate, rules
from etl.engine.report import Report

DAYS = [None, dt.date(2024, 3, 1), dt.date(2024, 3, 2)]


class _EveryKept:
    """The reference: every kept report, in order, against the new one."""

    def __init__(self, out: list[Report], on) -> None:
        self.out, self.on = out, on

    def add(self, pos: int) -> None:
        pass

    def first_same(self, r: Report):
        for pos, o in enumerate(self.out):
            rule_id = consolidate._same_quantity(o, r, self.on)
            if rule_id is not None:
                return pos, rule_id
        return None


def _report(rng: random.Random, n: int) -> Report:
    best = rng.choice([None, 0, 1, 2, 3, 5, 8, 10, 13])
    qualifier = rng.choice(["exact", "exact", "range", "vague", "at_least"])
    ranged = qualifier == "range" and best is not None
    return Report(
        article_id="a",
        kind=rng.choice(["incident", "incident", "period_total"]),
        outcome=rng.choice(["killed", "injured"]),
        victim_group=rng.choice(["unknown", "civilians", "soldiers"]),
        count_low=max(0, best - rng.choice([0, 1, 2])) if ranged else best,
        count_best=best,
        count_high=best + rng.choice([0, 1, 3]) if ranged else best,
        qualifier=qualifier,
        start_date=rng.choice(DAYS),
        end_date=None,
        country_code=rng.choice([None, "IQ"]),
        location=rng.choice([None, "Mosul"]),
        perpetrator=None,
        reporting_source=rng.choice([None, "police", "the army"]),
        figure_ids=";".join(f"a-{rng.randrange(30)}-{rng.choice([5, 55, 555])}" for _ in range(rng.choice([1, 2]))),
        sentence=rng.choice(["Police said 5 died, officials said 8.", "Five died.", "Eight died, police said."]),
        span_start=n,
        span_end=n + 1,
        rules=[f"made-{n}"],
        sentence_index=n // 2,
        dated=rng.random() < 0.4,
        another=rng.random() < 0.15,
        update=rng.random() < 0.3,
        alternative=rng.random() < 0.3,
    )


def _state(reports: list[Report]) -> list[tuple]:
    return [tuple(getattr(r, f.name) for f in fields(r)) for r in reports]


@pytest.mark.parametrize(
    "off",
    [
        [],
        ["consolidate.group_repeat"],
        ["consolidate.repeats"],
        ["consolidate.updated_toll"],
        ["consolidate.alternative_range"],
    ],
)
def test_the_index_merges_as_comparing_every_pair(off: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(";".join(off))
    for _ in range(400):
        reports = [_report(rng, n) for n in range(rng.randrange(1, 16))]
        with rules.disabled(off):
            indexed = consolidate._consolidate_article(copy.deepcopy(reports))
            with monkeypatch.context() as m:
                m.setattr(consolidate, "_RepeatIndex", _EveryKept)
                pairwise = consolidate._consolidate_article(copy.deepcopy(reports))
        assert _state(indexed) == _state(pairwise)
