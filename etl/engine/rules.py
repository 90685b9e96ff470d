"""The engine's named rules: each decision the engine takes beyond plain reading has an id, a one-line purpose
and an example sentence written for the project. A rule can be switched off by id (`disabled({...})`, the
`ETL_DISABLE_RULES` environment variable, `python -m etl extract --disable-rule ID`), and every report, figure
and note carries the ids of the rules that made or changed it (the `rules` column).

Rules are recorded only where they decide (never per token): `on(id)` asks whether a rule may act, `mark(obj,
id)` records that it did on a report, chunk or note, `fire(id)` that it did on the article (a filter that
dropped something leaves no report to carry its id).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .rule_table import TABLE


@dataclass(frozen=True)
class Rule:
    """A named decision of the engine."""

    id: str
    stage: str
    purpose: str
    example: str


RULES: dict[str, Rule] = {}


def register(rule_id: str, purpose: str, example: str) -> Rule:
    """Add a rule to the registry; ids are unique and read `stage.name`."""
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id!r} registered twice")
    stage, _, name = rule_id.partition(".")
    if not name or not purpose or not example:
        raise ValueError(f"rule {rule_id!r} needs an id 'stage.name', a purpose and an example")
    rule = Rule(rule_id, stage, purpose, example)
    RULES[rule_id] = rule
    return rule


for _row in TABLE:
    register(*_row)


def _from_env() -> frozenset[str]:
    return parse_ids(os.environ.get("ETL_DISABLE_RULES", ""))


def parse_ids(text: str | Iterable[str]) -> frozenset[str]:
    """Rule ids from "a,b" (or a list of such strings); an unknown id is an error naming it."""
    parts = [text] if isinstance(text, str) else list(text)
    ids = frozenset(i.strip() for p in parts for i in p.split(",") if i.strip())
    unknown = sorted(ids - RULES.keys())
    if unknown:
        raise ValueError(f"unknown rule id(s): {', '.join(unknown)} (python -m etl rules lists them)")
    return ids


_OFF: frozenset[str] = _from_env()
_FIRED: list[str] = []


def on(rule_id: str) -> bool:
    """Whether a rule may act (it is not switched off)."""
    return rule_id not in _OFF


def off() -> frozenset[str]:
    """The ids switched off now."""
    return _OFF


def set_disabled(ids: Iterable[str]) -> None:
    """Switch these rules off (and every other one on) for the rest of the process."""
    global _OFF
    _OFF = parse_ids(list(ids))


@contextmanager
def disabled(ids: Iterable[str]) -> Iterator[None]:
    """Rules switched off inside a `with` block (on top of those already off)."""
    global _OFF
    before = _OFF
    _OFF = before | parse_ids(list(ids))
    try:
        yield
    finally:
        _OFF = before


def fire(rule_id: str) -> None:
    """Record that a rule acted on the article being read."""
    _FIRED.append(rule_id)


def mark(obj, rule_id: str) -> None:
    """Record that a rule made or changed a report, chunk or note (its `rules` list) and acted on the article."""
    obj.rules.append(rule_id)
    _FIRED.append(rule_id)


def acted() -> int:
    """Where the record of acting rules stands now: `acted_since(acted())` after a step gives the rules of that step."""
    return len(_FIRED)


def acted_since(start: int) -> list[str]:
    """The ids of the rules that acted since `acted()` gave `start`."""
    return _FIRED[start:]


def carry(obj, rule_id: str) -> None:
    """Write on a report, chunk or note a rule already recorded on the article where it acted (`fire`): a decision
    taken before the count it changes was read (an outcome word, a place name) reaches that count's `rules`."""
    obj.rules.append(rule_id)


@contextmanager
def recording() -> Iterator[Counter[str]]:
    """The rules that act inside the block, counted (one article's extraction)."""
    start = len(_FIRED)
    fired: Counter[str] = Counter()
    try:
        yield fired
    finally:
        fired.update(_FIRED[start:])
        del _FIRED[start:]


def joined(ids: Iterable[str]) -> str:
    """Rule ids as the `rules` column holds them: each once, in order, joined by ';'."""
    return ";".join(dict.fromkeys(ids))


def markdown() -> str:
    """The rules as a Markdown table (docs/codebook.md)."""
    lines = ["| id | purpose | example |", "| --- | --- | --- |"]
    for r in RULES.values():
        example = r.example.replace("|", "/").replace("\n\n", " ¶ ").replace("\n", " ↵ ")
        lines.append(f"| `{r.id}` | {r.purpose} | {example} |")
    return "\n".join(lines) + "\n"
