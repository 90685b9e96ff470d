"""Context filters over whole sentences and articles: cues of context.csv (armed, non-violent, background)."""

from __future__ import annotations

import re

from ..lexicon import Lexicon, holds_literals, required_literals
from . import rules
from .chunks import Chunk
from .text import Tok
from .words import BACKGROUND_CLAUSE


def _cue(sentence: str, lex: Lexicon, kinds: tuple[str, ...]) -> bool:
    """Does the text hold a context cue of one of these kinds (context.csv)?"""
    sentence = sentence.lower()
    # the regex runs on the lower-cased text itself: a text without the literals all its matches hold has none
    return any(
        holds_literals(sentence, _cue_literals(lex, kind)) and _cue_pattern(lex, kind).search(sentence)
        for kind in kinds
    )


def _foreground(chunks: list[Chunk], toks: list[Tok], sentence: str, start: int, lex: Lexicon) -> list[Chunk]:
    """The counts of a sentence without those of an earlier event told as its motive: after "in retaliation for
    the killing of", or just before "(coded separately)"."""
    if not chunks or not rules.on("filter.background_clause"):
        return chunks
    told = len(chunks)
    low = sentence.lower()
    after = _cue_pattern(lex, "background").search(low)
    if after is not None:
        chunks = [c for c in chunks if toks[c.i].start - start < after.start()]
    before = _cue_pattern(lex, "background_before").search(low)
    if before is not None:
        # the clause the cue closes: from its last "for", "which", "after"... ("for killing an aid worker")
        opening = [t.start - start for t in toks if t.low in BACKGROUND_CLAUSE and t.start - start < before.start()]
        earlier = [c for c in chunks if toks[c.j - 1].end - start <= before.start()]
        dropped = [c for c in earlier if opening and toks[c.i].start - start > opening[-1]] or earlier[-1:]
        chunks = [c for c in chunks if all(c is not d for d in dropped)]
    if len(chunks) < told:
        rules.fire("filter.background_clause")
    return chunks


def _cue_literals(lex: Lexicon, kind: str) -> tuple[frozenset[str], ...]:
    """The literals every match of _cue_pattern(kind) holds (lexicon.required_literals; built once per lexicon)."""
    cached = getattr(lex, "_cue_literals", None)
    if cached is None:
        cached = lex._cue_literals = {}  # type: ignore[attr-defined]
    if kind not in cached:
        cached[kind] = required_literals(_cue_pattern(lex, kind))
    return cached[kind]


def _cue_pattern(lex: Lexicon, kind: str) -> re.Pattern[str]:
    """All of context.csv's patterns of one kind as one regex (built once per lexicon)."""
    key = f"cue:{kind}"
    if key not in lex.patterns:
        parts = [pattern.pattern for pattern, cue in lex.context if cue == kind] or ["(?!)"]
        lex.patterns[key] = re.compile("|".join(f"(?:{p})" for p in parts))
    return lex.patterns[key]
