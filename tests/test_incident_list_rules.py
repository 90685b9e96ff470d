"""Language of short incident descriptions (one paragraph per attack, as encyclopaedia lists write them): the rules
and conventions added for it (issue 9). Every sentence here is written for the project."""

from __future__ import annotations

import pytest

from etl.engine.article import extract_article
from etl.lexicon import load


@pytest.fixture(scope="module")
def lex():
    return load()


def _totals(text: str, lex) -> dict[str, int]:
    """Killed and injured totals of the incident reports of an undated event note."""
    out = {"killed": 0, "injured": 0}
    for r in extract_article(text, "incident-list", None, lex).reports:
        if r["kind"] == "incident" and r["outcome"] in out:
            out[r["outcome"]] += int(r["count_best"] or 0)
    return out


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen fired on a bus near Sako. Two passengers were then killed.", 2),
        ("Three raiders stormed a farm in Lumbo. The three raiders were then shot dead by guards.", 3),
    ],
)
def test_then_between_auxiliary_and_participle(lex, text, killed):
    """Convention words.csv aux 'then', as 'later': 'were then killed' is the passive of the count before it."""
    assert _totals(text, lex)["killed"] == killed
