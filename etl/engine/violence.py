"""Is an article about armed violence? GUIDELINES.md: only violence counts, not accidents, disasters, disease or
ordinary crime told through a court case.

The cue words are data (conventions/context.csv, cues `conflict`, `non_violent` and `proceedings`). Hooked into
article.extract_article, which gives an article judged not about violence no reports.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon

LEAD_CHARS = 600  # an article's lead: its first two or three sentences
FIRST_SENTENCE = re.compile(r"^.{20,300}?[.!?](?=\s|$)", re.S)


def cue_pattern(lex: Lexicon, kind: str) -> re.Pattern[str]:
    """All of context.csv's patterns of one kind as one regex, on lower-cased text (built once per lexicon)."""
    key = f"cue:{kind}"
    if key not in lex.patterns:
        parts = [pattern.pattern for pattern, cue in lex.context if cue == kind] or ["(?!)"]
        lex.patterns[key] = re.compile("|".join(f"(?:{p})" for p in parts))
    return lex.patterns[key]


def headline(title: str | None, text: str) -> str:
    """What an article says first: its title, or without one its first sentence."""
    if title and title.strip():
        return title
    m = FIRST_SENTENCE.match(text.strip())
    return m.group(0) if m else text[:300]


def told_as_violence(title: str | None, text: str, lex: Lexicon) -> bool | None:
    """rule: violence.headline: the headline decides when it can: a word of armed conflict or terrorism (cue
    `conflict`: "militants", "air strike", "Taliban") makes the article one about violence; failing that, a word of
    an accident, a disaster or a court case (cues `non_violent`, `proceedings`: "crane collapses", "train derails",
    "stadium disaster", "rejects plea deal") makes it one that is not: a court case about an attack names the
    attack in its headline. None when the headline says neither."""
    head = headline(title, text).lower()
    if cue_pattern(lex, "conflict").search(head):
        return True
    if cue_pattern(lex, "non_violent").search(head):
        return False
    titled = bool(title and title.strip())
    crime = titled and cue_pattern(lex, "crime").search(head)
    if crime and not cue_pattern(lex, "conflict").search(text[:LEAD_CHARS].lower()):
        return False  # ordinary crime: "suspect killed after fatal shooting of trooper" (part of violence.headline)
    if cue_pattern(lex, "proceedings").search(head):
        # without a title, the first sentence may open on the court and the next name the attack
        return False if titled or not cue_pattern(lex, "conflict").search(text[:LEAD_CHARS].lower()) else None
    return None
