"""Is an article about armed violence? GUIDELINES.md: only violence counts, not accidents, disasters, disease or
ordinary crime told through a court case.

The cue words are data (conventions/context.csv, cues `conflict`, `non_violent` and `proceedings`). Hooked into
article.extract_article, which gives an article judged not about violence no reports.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon, holds_literals, required_literals
from . import rules

LEAD_CHARS = 600  # an article's lead: its first two or three sentences
ARMED_CHARS = 4000  # where an article's words of armed violence are looked for (as article.py does)
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
    crime = cue_pattern(lex, "crime").search(head)
    lead = text[:LEAD_CHARS].lower()
    if crime and titled and not cue_pattern(lex, "conflict").search(lead):
        return False  # ordinary crime: "suspect killed after fatal shooting of trooper" (part of violence.headline)
    if crime and titled and _assault_words_only(text[:ARMED_CHARS].lower(), lex):
        return False
    if cue_pattern(lex, "proceedings").search(head):
        # without a title, the first sentence may open on the court and the next name the attack
        return False if titled or not cue_pattern(lex, "conflict").search(text[:LEAD_CHARS].lower()) else None
    return None


def _assault_words_only(text: str, lex: Lexicon) -> bool:
    """rule: violence.crime_attack_word: under a headline of crime, an article whose only words of armed conflict or
    of armed forces (in its first 4,000 characters) are words also said of any assault (cue `assault_word`: "the
    attack", "gunfire") tells ordinary crime: "a trooper and a gunman died ... six were hurt in the attack".
    "Soldiers", "troops" or "terrorism" anywhere there keep it."""
    if not rules.on("violence.crime_attack_word"):
        return False
    # words of armed conflict, and of armed forces ("soldiers", "troops", "army"): only assault words may be there
    found = [m.group(0) for kind in ("conflict", "armed") for m in cue_pattern(lex, kind).finditer(text)]
    assault = cue_pattern(lex, "assault_word")
    if found and all(assault.fullmatch(w) for w in found):
        rules.fire("violence.crime_attack_word")
        return True
    return False


def armed_words(text: str, lex: Lexicon) -> frozenset[str]:
    """The different words of armed violence or armed forces (cue `armed`) a text holds, a plural as its singular:
    empty when it holds none (the regex runs only on a text that holds the literals its matches need)."""
    low = text.lower()
    key = "_armed_literals"
    literals = getattr(lex, key, None)
    if literals is None:
        literals = required_literals(cue_pattern(lex, "armed"))
        setattr(lex, key, literals)
    if not holds_literals(low, literals):
        return frozenset()
    return frozenset(m.group(0).rstrip("s") for m in cue_pattern(lex, "armed").finditer(low))


def lone_armed_word(words: frozenset[str]) -> bool:
    """rule: filter.lone_armed_word: a story (longer than an event note) whose headline tells neither armed violence
    nor an accident, and whose first 4,000 characters hold a single word of armed violence or armed forces (one
    "army", "conflict", "massacre", "attacks": `armed_words`), tells a death of another kind: illness, an accident,
    ordinary crime. Two different words ("gunmen" and "checkpoint", "soldiers" and "raid") keep it."""
    if len(words) != 1 or not rules.on("filter.lone_armed_word"):
        return False
    rules.fire("filter.lone_armed_word")
    return True
