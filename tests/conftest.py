"""Shared pytest setup: make the repo root importable (`import etl...`, `import dashboard...`)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import datetime as dt  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def lex():
    """The conventions, loaded once (test modules that define their own `lex` keep theirs)."""
    from etl.lexicon import load

    return load()


@pytest.fixture(scope="session")
def notes_of(lex):
    """(blamed, reporting_source, stance) of each note an article gives, published on Friday 10 May 2024."""
    from etl.engine.article import extract_article

    def read(text: str) -> list[tuple[str, str | None, str]]:
        notes = extract_article(text, "notes", dt.date(2024, 5, 10), lex).notes
        return [(n["blamed"], n["reporting_source"], n["stance"]) for n in notes]

    return read
