"""Stage 6, attribution: who gives a figure (source), who caused it (perpetrator), who blames whom (notes)."""

from __future__ import annotations

import re

from .. import dates
from ..lexicon import Lexicon, fold
from . import rules
from .chunks import Chunk
from .text import Tok
from .words import GENERIC_SOURCES, NOT_SOURCE_START, PRONOUNS

SAY = (
    r"(?:said|says|say|told|reported|reports|confirmed|confirms|announced|stated|added|estimated|estimates|"
    r"documented|counted|recorded|put the (?:death )?toll at|"
    r"claim(?:ed|s)? (?:to have|(?:that )?(?:it|they) (?:had|has|have)))"  # a claim of the toll, not of the attack
)


SOURCE_BEFORE = re.compile(
    r"(?P<src>(?:(?:the|a|an|local|senior|provincial|district|regional|state|federal|military|police|security|"
    r"government|health|hospital|interior|defen[cs]e|foreign|medical|army|rescue|emergency|tribal|rebel|"
    r"opposition|rights|human|aid|monitoring|humanitarian|advocacy|relief|charity|watchdog|international|"
    r"Pentagon|U\.?S\.?|U\.?N\.?|[A-Z][\w.'’-]*|of|for|and|on|in)\s+){0,7}"
    r"(?:police|officials?|ministry|spokes(?:man|woman|person)|sources?|witnesses|residents|doctors|medics|"
    r"governor|mayor|military|army|authorities|agency|observatory|commander|minister|chief|officer|"
    r"government|group|organi[sz]ation|monitor|mission|council|[A-Z][\w.'’-]*[A-Za-z]))"
    r"(?:,[^,]{1,60},)?\s+(?:also\s+|later\s+|earlier\s+|previously\s+)?(?:has\s+|have\s+|had\s+)?" + SAY + r"\b"
)


SOURCE_AFTER = re.compile(
    r"\b(?:according to|said|says|told|reported by|figures from|data from|cited by|citing)\s+"
    r"(?P<src>(?:the\s+)?(?:[\w.'’-]+\s+){0,7}?[\w.'’-]+?)(?=\s*(?:[,.;:\"”)]|$|\s(?:which|who|that|on|in|as|and said|"
    r"told|after|when|while|because|to)\b))"
)


NOTE_TRIGGER = re.compile(  # on lower-cased text
    r"\b(?:blam\w*|responsib\w*|accus\w*|attribut\w*|held responsible|killed more civilians|caused (?:most|the majority)|"  # noqa: E501
    r"claimed (?:the )?(?:attack|bombing|responsibility))"
)


SOURCE_LEADING_WORD = re.compile(r"^(?:the|a|an|and|of|on|in|for)\s+", re.I)


SOURCE_TRAILING_WORD = re.compile(r"\s+(?:the|a|an|and|of|on|in|for)$", re.I)


# every match of NOTE_TRIGGER holds one of these: a cheap test before the regex
NOTE_TRIGGER_WORDS = (
    "blam",
    "responsib",
    "accus",
    "attribut",
    "held responsible",
    "killed more civilians",
    "caused most",
    "caused the majority",
    "claimed ",
)


def _clean_source(src: str, lex: Lexicon) -> str | None:
    src = SOURCE_LEADING_WORD.sub("", src.strip(" ,.;:\"”“'"))
    src = SOURCE_TRAILING_WORD.sub("", src).strip()
    if not src or src.lower() in PRONOUNS or len(src) > 80:
        return None
    low = fold(src)
    words = low.split()
    if words and (
        words[0] in PRONOUNS or words[0] in NOT_SOURCE_START or words[0] in dates.MONTHS or words[0] in dates.WEEKDAYS
    ):  # "said on Tuesday morning" names a day, not who said it
        return None
    named = _named_sources(lex).search(low)
    if named:  # named organisations ("UNAMA", "SOHR", "United Nations") are kept under their canonical name
        return lex.sources[named.group()]
    if not any(fold(w) in lex.sources for w in re.findall(r"[\w.'’-]+", src)) and not src[:1].isupper():
        return None
    return src


def _named_sources(lex: Lexicon) -> re.Pattern[str]:
    """One regex of the named organisations among the sources (built once per lexicon)."""
    pattern = lex.patterns.get("named_source")
    if pattern is None:
        aliases = [a for a, c in lex.sources.items() if len(a) > 2 and c not in GENERIC_SOURCES]
        pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)) + r")(?![\w-])"
        )
        lex.patterns["named_source"] = pattern
    return pattern


def find_source(sentence: str, lex: Lexicon) -> str | None:
    """Who gives the sentence's figures: "police said", "according to the United Nations"."""
    for m in SOURCE_AFTER.finditer(sentence):
        src = _clean_source(m.group("src"), lex)
        if src:
            return src
    for m in SOURCE_BEFORE.finditer(sentence):
        src = _clean_source(m.group("src"), lex)
        if src:
            return src
    return None


def find_perpetrators(text: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Named armed actors in a text, with offsets, canonical names."""
    return [(m.start(), lex.perpetrators[m.group()]) for m in lex.patterns["perpetrator"].finditer(text)]


BLAME = re.compile(
    r"(?P<src>[\w.'’ -]{0,80}?)\s*(?:,\s*)?(?:which|who|that)?\s*(?:blames?|blamed|accuses|accused|held|holds)\s+"
    r"(?P<blamed>.+?)(?=\s+(?:for|of)\b|[.;]|$)",
    re.I,
)


BLAMED_PASSIVE = re.compile(
    r"(?P<blamed>[\w.'’ -]{2,80}?)\s+(?:was|were|is|are)\s+(?:blamed|responsible|held responsible)"
    r"(?:\s+(?:by|for)\s+(?P<rest>[^.;]{0,80}))?",
    re.I,
)


KILLED_MORE = re.compile(
    r"(?:(?P<src>[\w.'’ -]{2,80}?)\s+(?:reported|said|found|says|reports)\s+(?:\w+\s+){0,4}?that\s+)?"
    r"(?P<blamed>[\w.'’ -]{2,80}?)\s+(?:killed|caused|were responsible for)\s+(?:more|most|the majority)",
    re.I,
)


CLAIMED = re.compile(
    r"(?P<blamed>[\w.'’ -]{2,60}?)\s+(?:has |have |had )?claimed (?:responsibility|the attack|the bombing)", re.I
)


def _tail_actor(text: str, lex: Lexicon) -> str:
    """The last noun phrase of a clause: the actor in "according to the United Nations which"."""
    text = re.split(r",|\b(?:said|says|according to|reported|while|but)\b", text)[-1]
    return re.sub(r"^(?:the|a|an|and|that|both)\s+", "", text.strip(), flags=re.I).strip()


def find_notes(sentence: str, lex: Lexicon) -> list[tuple[str | None, str]]:
    """Attribution statements in a sentence: (who says, who is blamed)."""
    return [(src, blamed) for src, blamed, _ in find_notes_with_rules(sentence, lex)]


def find_notes_with_rules(sentence: str, lex: Lexicon) -> list[tuple[str | None, str, str]]:
    """Attribution statements in a sentence: (who says, who is blamed, id of the rule that read it)."""
    notes: list[tuple[str | None, str, str]] = []
    low = sentence.lower()
    # each pattern only where its verb is, and from a little before it: the patterns backtrack over long text
    if not any(v in low for v in ("blame", "accuse", " held ", " holds ")) or not rules.on("note.blame"):
        sentence_for_blame = ""
    else:
        at = min(i for i in (low.find(v) for v in ("blame", "accuse", " held ", " holds ")) if i >= 0)
        sentence_for_blame = sentence[max(0, at - 120) :]
    for m in BLAME.finditer(sentence_for_blame):
        blamed = m.group("blamed").strip()
        before = sentence_for_blame[: m.start("blamed")]
        src = find_source(before + " said", lex) or _clean_source(_tail_actor(m.group("src"), lex), lex)
        if blamed:
            notes.append((src, blamed, "note.blame"))
    if (
        not notes
        and any(v in low for v in ("killed more", "caused most", "caused the majority", "responsible for"))
        and rules.on("note.killed_more")
    ):
        m = KILLED_MORE.search(sentence)
        if m:
            blamed = re.sub(r"^(?:for the first time,?\s*)", "", m.group("blamed").strip(), flags=re.I)
            src = (
                _clean_source(_tail_actor(m.group("src") or "", lex), lex)
                if m.group("src")
                else find_source(sentence, lex)
            )
            notes.append((src, blamed, "note.killed_more"))
    if not notes and ("blamed" in low or "responsible" in low) and rules.on("note.blamed_passive"):
        m = BLAMED_PASSIVE.search(sentence)
        if m and m.group("blamed"):
            src = find_source(sentence, lex)
            notes.append((src, _tail_actor(m.group("blamed"), lex), "note.blamed_passive"))
    if not notes and "claimed" in low and rules.on("note.claimed"):
        m = CLAIMED.search(sentence)
        if m:
            actor = _tail_actor(m.group("blamed"), lex)
            notes.append((actor, actor, "note.claimed"))
    kept = [(s, b, r) for s, b, r in notes if b and len(b) < 200]
    for _, _, r in kept:
        rules.fire(r)
    return kept


def _claims(sentence: str, lex: Lexicon) -> list[str]:
    if "claim" not in sentence and "blame" not in sentence and "suspected" not in sentence:
        return []
    if not re.search(r"claimed responsibility|claimed the|blamed|suspected|responsib", sentence):
        return []
    return [name for _, name in find_perpetrators(sentence, lex)]


def _perpetrator(
    c: Chunk, toks: list[Tok], perps: list[tuple[int, str]], start: int, claims: list[str], kind: str
) -> tuple[str | None, str | None]:
    """Who caused the casualties: an armed group named in the sentence outside the victims' phrase, or a claim;
    with the id of the rule that found it."""
    lo, hi = toks[c.i].start - start, toks[c.j - 1].end - start
    named = [name for pos, name in perps if not lo <= pos < hi]
    if named and rules.on("perpetrator.in_sentence"):
        return named[0], "perpetrator.in_sentence"
    if kind == "incident" and claims and rules.on("perpetrator.claim"):
        return claims[0], "perpetrator.claim"
    return None, None
