"""Stage 6, attribution: who gives a figure (source) and who caused it (perpetrator); who blames whom is read by
notes.py."""

from __future__ import annotations

import re

from .. import dates
from ..lexicon import Lexicon, ascii_like, fold, holds_literals, required_literals
from . import notes, rules
from .chunks import Chunk
from .text import Tok
from .words import GENERIC_SOURCES, NOT_SOURCE_START, POSSESSIVES, PRONOUNS

SAY = (
    r"(?:said|says|say|told|reported|reports|confirmed|confirms|announced|stated|added|estimated|estimates|"
    r"documented|counted|recorded|found|finds|showed|shows|put the (?:death )?toll at|"
    r"claim(?:ed|s)? (?:to have|(?:that )?(?:it|they) (?:had|has|have)))"  # a claim of the toll, not of the attack
)


ACRONYM_AFTER = r"\s+\([A-Z][\w&.-]{1,10}\)"  # a source's initials after its name: "... Data Project (ACLED)"
SOURCE_BEFORE = re.compile(
    r"(?<![\w-])(?P<src>(?:(?:the|a|an|local|senior|provincial|district|regional|state|federal|military|police|"
    r"security|government|health|hospital|interior|defen[cs]e|foreign|medical|army|rescue|emergency|tribal|rebel|"
    r"opposition|rights|human|aid|monitoring|humanitarian|advocacy|relief|charity|watchdog|international|"
    r"spokes(?:man|woman|person)|mayor|governor|minister|chief|head|director|commander|mission|embassy|Pentagon|U\.?S\.?|U\.?N\.?|(?:[a-z]{1,3}-)?[A-Z][\w.'’-]*|of|for|and|on|in)\s+){0,7}"
    r"(?:police|officials?|ministry|spokes(?:man|woman|person)|sources?|(?:eye)?witnesses|residents|doctors|medics|"
    r"governor|mayor|military|army|authorities|agency|observatory|commander|minister|chief|officer|workers?|"
    r"presidency|embassy|prosecutors?|councill?ors?|administrators?|commissioners?|lawmakers?|legislators?|priests?|"
    r"imams?|elders?|leaders?|coordinators?|directors?|nurses?|survivors|rescuers|ombudsman|"
    r"government|group|organi[sz]ation|monitor|mission|council|office|report|study|survey|newspapers?|media|network|"
    r"television|(?:[a-z]{1,3}-)?[A-Z][\w.'’-]*[A-Za-z])(?:" + ACRONYM_AFTER + r")?)"
    r"(?:\s+(?:at|in|from)\s+the\s+(?:scene|site|hospital|morgue|clinic))?(?:,[^,]{1,60},)?\s+"
    r"(?:also\s+|later\s+|earlier\s+|previously\s+)?(?:has\s+|have\s+|had\s+)?" + SAY + r"\b"
)


SOURCE_AFTER = re.compile(
    r"\b(?:[Aa]ccording to|said|says|reported by|figures from|data from|cited by|citing)\s+"
    r"(?P<src>(?:the\s+)?(?:[\w.'’-]+\s+(?:&\s+)?){0,7}?[\w.'’-]+?(?:" + ACRONYM_AFTER + r")?)"
    r"(?=\s*(?:[,.;:\"”)]|$|\s(?:which|who|that|on|in|as|and said|"
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


INITIALS_AT_END = re.compile(ACRONYM_AFTER.replace(r"\)", r"\)?") + "$")  # the look-ahead may keep its ")" out


def _clean_source(src: str, lex: Lexicon) -> str | None:
    initials = INITIALS_AT_END.search(src)  # "the ... Data Project (ACLED)"
    if initials:
        named = _named_sources(lex).fullmatch(fold(initials.group().strip().strip("()")))
        if named:
            return lex.sources[named.group()]
        src = src[: initials.start()]  # the name; its initials follow it
    src = SOURCE_LEADING_WORD.sub("", src.strip(" ,.;:\"”“'"))
    src = SOURCE_TRAILING_WORD.sub("", src).strip()
    if not src or src.lower() in PRONOUNS or len(src) > 80:
        return None
    low = fold(src)
    words = low.split()
    if words and (
        words[0] in PRONOUNS
        or words[0] in NOT_SOURCE_START
        or words[0] in POSSESSIVES
        or words[0] in dates.MONTHS
        or words[0] in dates.WEEKDAYS
    ):  # "said on Tuesday morning" names a day, not who said it
        return None
    named = _named_sources(lex).search(low)
    if named:  # named organisations ("UNAMA", "SOHR", "United Nations") are kept under their canonical name
        return lex.sources[named.group()]
    if (
        not any(fold(w) in lex.sources for w in re.findall(r"[\w.'’-]+", src))
        and not src[:1].isupper()
        and not re.match(r"[a-z]{1,3}-[A-Z]", src)  # "al-Shabaab said"
    ):
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


# the literals every match of each holds ("said", "according to"...): a cheap test before the slow regexes
SOURCE_AFTER_NEEDS = required_literals(SOURCE_AFTER)
SOURCE_BEFORE_NEEDS = required_literals(SOURCE_BEFORE)


# "said" then a clause with its own verb: what was said ("said Boko Haram fighters killed 12"), not who said it
SAID_CLAUSE = re.compile(
    r"^(?:said|says)\s+(?:[\w.'’-]+\s+){1,6}?(?:killed|wounded|injured|attacked|stormed|opened|shot|struck|hit|"
    r"were|was|had|have|has|are|is)\b"
)


# "said" then where or how: "said on Telegram", "said in a statement", "said via X"
SAID_WHERE = re.compile(r"(?:said|says)\s+(?:on|in|at|via|through)\s", re.I)


def find_source(sentence: str, lex: Lexicon) -> str | None:
    """Who gives the sentence's figures: "police said", "according to the United Nations"."""
    low = sentence.lower() if ascii_like(sentence) else None  # then it holds the literals of every match
    for m in SOURCE_AFTER.finditer(sentence) if low is None or holds_literals(low, SOURCE_AFTER_NEEDS) else ():
        if SAID_CLAUSE.search(m.group()) and rules.on("source.said_clause"):
            rules.fire("source.said_clause")  # "the army said Boko Haram fighters killed 12": what was said
            continue
        if SAID_WHERE.match(m.group()) and rules.on("source.said_where"):
            rules.fire("source.said_where")  # "the governor said on Telegram": where it was said, not who
            continue
        src = _clean_source(m.group("src"), lex)
        if src:
            return src
    for m in SOURCE_BEFORE.finditer(sentence) if low is None or holds_literals(low, SOURCE_BEFORE_NEEDS) else ():
        src = _clean_source(m.group("src"), lex)
        if src:
            return src
    return None


def find_perpetrators(text: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Named armed actors in a text, with offsets, canonical names (groups and states' forces: notes.py)."""
    return [(pos, name) for pos, name, _ in notes.perpetrators(text)]


def _claims(sentence: str, lex: Lexicon) -> list[str]:
    """Armed actors the sentence names beside a claim, blame or suspicion (notes.stated_perpetrators)."""
    return notes.stated_perpetrators(sentence, lambda s: find_source(s, lex))


def _perpetrator(
    c: Chunk,
    toks: list[Tok],
    perps: list[tuple[int, str]],
    start: int,
    claims: list[str],
    kind: str,
    nearby: list[str] = (),  # type: ignore[assignment]
    headline: list[str] = (),  # type: ignore[assignment]
) -> tuple[str | None, str | None]:
    """Who caused the casualties: an armed group named in the sentence outside the victims' phrase, the party of a
    note in the sentence next to it, or a claim; with the id of the rule that found it."""
    lo, hi = toks[c.i].start - start, toks[c.j - 1].end - start
    named = [name for pos, name in perps if not lo <= pos < hi]
    if named and rules.on("perpetrator.in_sentence"):
        return named[0], "perpetrator.in_sentence"
    if kind == "incident" and nearby and rules.on("perpetrator.next_sentence"):
        return nearby[0], "perpetrator.next_sentence"
    if kind == "incident" and claims and rules.on("perpetrator.claim"):
        return claims[0], "perpetrator.claim"
    if kind == "incident" and headline and rules.on("perpetrator.title"):
        return headline[0], "perpetrator.title"
    return None, None
