"""The extraction engine: one article's text in, its casualty figures, reports and attribution notes out.

It reads as a coder does (../shared/eval/GUIDELINES.md): find the sentences that speak of deaths or injuries,
read each number phrase with its qualifier and the noun it counts, tie it to the outcome word that governs it
("ten people were killed", "killing ten people", "ten deaths", "the death toll rose to ten"), split totals
into victim groups ("including three children"), then give each report its kind, period or day, place,
perpetrator and source, carrying context across sentences. Only sentences with an outcome word are read
closely, which keeps the engine fast.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from . import anaphora, attackers, dates, geo, lists, named, not_counts, violence
from .lexicon import TOKEN, Lexicon, NumberPhrase, fold, load

# ---------------------------------------------------------------- sentences

# "said.The son": scraped text that lost the space after a full stop still ends a sentence there
SENTENCE_END = re.compile(
    r"[.!?](?:[\"”’')\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]{2}|\d+ [a-z]))|\n"
)
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "u.k",
    "no",
    "vs",
    "inc",
    "co",
    "corp",
    "jr",
    "sr",
    "gov",
    "sen",
    "rep",
    "prof",
    "rev",
    "al",
    "brig",
    "cmdr",
    "adm",
    "ft",
    "mt",
    "messrs",
    "pres",
}


INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s.a" before a full stop


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence; abbreviations and initials do not end one."""
    spans: list[tuple[int, int, int]] = []
    start, para = 0, 0
    for m in SENTENCE_END.finditer(text):
        first = m.group()[0]
        at = m.start()
        if first == ".":
            word = text[max(0, at - 8) : at].rsplit(None, 1)[-1:] or [""]
            w = word[0].lower().lstrip('("“')
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or INITIALS.fullmatch(w):
                continue
        end = at if first == "\n" else at + 1
        if text[start:end].strip():
            spans.append((start, end, para))
        if first == "\n":
            para += 1
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text), para))
    return spans


# ---------------------------------------------------------------- tokens and number phrases


class Tok(NamedTuple):
    """One token: its text, lower-cased text and offsets in the article (a named tuple: cheap to make)."""

    text: str
    low: str
    start: int
    end: int


_new_tok = tuple.__new__  # Tok(...) without the Python-level __new__ of a named tuple


def _tok(text: str, low: str, start: int, end: int) -> Tok:
    return Tok(text, low, start, end)


def tokenize(text: str, offset: int) -> list[Tok]:
    return [_new_tok(Tok, (m[0], m[0].lower(), offset + m.start(), offset + m.end())) for m in TOKEN.finditer(text)]


AUX = {
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "got",
    "get",
    "reportedly",
    "also",
    "later",
    "all",
    "both",
    "allegedly",
    "confirmed",
    "now",
    "so",
    "far",
    "believed",
    "thought",
    "feared",
    "reported",
    "said",
    "to",
    "initially",
    "subsequently",
    "eventually",
    "each",
    "either",
    "apparently",
    "likely",
    "may",
    "might",
    "could",
    "would",
    "will",
    "became",
    "become",
    "left",
    "found",
    "among",
    "the",
    "killed.",
}
STOP_BEFORE_HEAD = {
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "to",
    "for",
    "of",
    "after",
    "before",
    "during",
    "when",
    "while",
    "as",
    "that",
    "which",
    "who",
    "whom",
    "including",
    "among",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "their",
    "his",
    "her",
    "its",
    "said",
    "people",
    "been",
    "being",
    "than",
    "into",
    "across",
    "near",
    "inside",
    "outside",
    "over",
    "under",
}
PERSONAL_POSSESSIVES = {"his", "her", "their"}  # "his driver", "a woman and her four children"
DETERMINERS_ONE = {"a", "an", "one", "another", "the", "his", "her", "their", "its", "our"}
NOT_NUMBER_AFTER = {
    "year",
    "years",
    "year-old",
    "years-old",
    "percent",
    "per",
    "%",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "hours",
    "hour",
    "minutes",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "times",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "o'clock",
    "dollars",
    "euros",
    "pounds",
    "rupees",
    "shillings",
    "kg",
    "tonnes",
    "tons",
    "acres",
    "points",
    "seats",
    "votes",
    "degrees",
    "vehicles",
    "cars",
    "trucks",
    "homes",
    "houses",
    "buildings",
    "targets",
    "rockets",
    "missiles",
    "mortars",
    "shells",
    "rounds",
    "bombs",
    "grenades",
    "schools",
    "villages",
    "towns",
    "districts",
    "provinces",
    "countries",
    "nations",
    "states",
    "cities",
    "million-dollar",
    "billion",
    "arrests",
    # animals: "five camels were killed"
    "camels",
    "cattle",
    "cows",
    "goats",
    "sheep",
    "donkeys",
    "horses",
    "livestock",
    "animals",
}
# people who are counted for other reasons ("20 hostages were taken") and are victims only when a killing verb
# follows: "12 hostages were executed"
CAPTIVES = {"hostages", "prisoners", "detainees", "suspects", "inmates", "captives"}
MONEY_BEFORE = {"$", "£", "€", "usd", "us$", "no", "no.", "number", "page", "aged", "age", "resolution", "article"}
INCLUSION_CUES = (
    ("including",),
    ("among", "them"),
    ("among", "whom"),
    ("among", "the", "dead"),
    ("among", "the", "victims"),
    ("of", "whom"),
)
COORDINATORS = {",", "and", "plus", "&"}
ACTIVE_LINK = {
    "at",
    "least",
    "more",
    "than",
    "over",
    "up",
    "to",
    "as",
    "many",
    "nearly",
    "almost",
    "some",
    "about",
    "around",
    "an",
    "estimated",
    "roughly",
    "approximately",
    "another",
    "also",
    "reportedly",
    "only",
    "just",
    "all",
    "the",  # "shot and killed the 2 officers"
    "his",
    "her",
    "their",
}


@dataclass
class Chunk:
    """A number phrase and the noun it counts: "more than 8,000 casualties", "a US soldier", "several people"."""

    i: int
    j: int
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    group: str | None = None
    head_outcome: str | None = None
    singular: bool = False
    bare: bool = False
    outcome: str | None = None
    parts: list[Chunk] = field(default_factory=list)
    is_part: bool = False
    another: bool = False  # "another soldier": a new victim, never a repeat
    among: bool = False  # "six of the wounded were tourists": a part of a total told elsewhere
    loose: bool = False  # counts a noun not in the word lists: only read next to an outcome verb


_FIRST_WORDS: dict[int, tuple[dict, dict[str, tuple[int, ...]]]] = {}


def _first_words(words: dict[tuple[str, ...], object]) -> dict[str, tuple[int, ...]]:
    """Index of a phrase table by first word: the phrase lengths to try, longest first (built once per table)."""
    cached = _FIRST_WORDS.get(id(words))
    if cached is None or cached[0] is not words:
        index: dict[str, set[int]] = {}
        for key in words:
            index.setdefault(key[0], set()).add(len(key))
        cached = (words, {w: tuple(sorted(n, reverse=True)) for w, n in index.items()})
        _FIRST_WORDS[id(words)] = cached
    return cached[1]


def _match(words: dict[tuple[str, ...], object], toks: list[Tok], i: int, longest: int) -> tuple[object, int] | None:
    """The longest phrase of `words` starting at token i: (value, end index)."""
    if i >= len(toks):
        return None
    first = toks[i].low
    cached = _FIRST_WORDS.get(id(words))
    lengths = (cached[1] if cached is not None and cached[0] is words else _first_words(words)).get(first)
    if not lengths:
        return None
    size = len(toks)
    for n in lengths:
        if n <= longest and i + n <= size:
            key = (first,) if n == 1 else tuple(t.low for t in toks[i : i + n])
            if key in words:
                return words[key], i + n
    return None


DIGITS = re.compile(r"\d+(?:\.\d+)?")
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def cardinal(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, int] | None:
    """A whole number written in digits or words at token i: (value, end index)."""
    if i >= len(toks):
        return None
    t = toks[i].low
    if t[0].isdigit():
        digits = t.replace(",", "")
        if not DIGITS.fullmatch(digits) or ("," in t and not THOUSANDS.fullmatch(t)):
            return None
        value = float(digits)
        j = i + 1
        if j < len(toks) and toks[j].low in ("million", "thousand", "hundred"):
            value *= lex.number_words[toks[j].low]
            j += 1
        elif j < len(toks) and toks[j].low == "dozen":  # "2 dozen"
            value *= 12
            j += 1
        return (int(value), j) if value == int(value) else None
    total, current, j, seen = 0, 0, i, False
    while j < len(toks):
        parts = toks[j].low.split("-")
        if not all(p in lex.number_words for p in parts):
            if (  # rule: number.and_words: "one hundred and thirty-seven"
                toks[j].low == "and"
                and seen
                and j + 1 < len(toks)
                and all(p in lex.number_words for p in toks[j + 1].low.split("-"))
                and current % 100 == 0
                and current + total > 0
            ):
                j += 1
                continue
            break
        for p in parts:
            v = lex.number_words[p]
            if v == 100:
                current = max(current, 1) * 100
            elif v >= 1000:
                total += max(current, 1) * v
                current = 0
            else:
                current += v
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def number_phrase(toks: list[Tok], i: int, lex: Lexicon) -> tuple[NumberPhrase, int, bool] | None:
    """A counted amount at token i, with its qualifier: (phrase, end index, needs a singular noun)."""
    qualifier = None
    mod = _match(lex.modifiers, toks, i, 3)
    k = i
    if mod is not None:
        nxt = mod[1]
        if nxt < len(toks) and (cardinal(toks, nxt, lex) or toks[nxt].low in ("a", "an", "dozen")):
            qualifier, k = mod
    if k < len(toks) and toks[k].low == "between":
        a = cardinal(toks, k + 1, lex)
        if a and a[1] < len(toks) and toks[a[1]].low == "and":
            b = cardinal(toks, a[1] + 1, lex)
            if b:
                return NumberPhrase(a[0], a[0], b[0], "range"), b[1], False
    if k < len(toks) and toks[k].low == "another":
        k2 = k + 1
        c = cardinal(toks, k2, lex)
        if c:
            k = k2
    vague = _match(lex.number_phrases, toks, k, 5)
    c = cardinal(toks, k, lex)
    if vague is not None and (c is None or vague[1] > c[1]):
        phrase, j = vague
        if qualifier:
            phrase = NumberPhrase(phrase.low, phrase.best, phrase.high, qualifier)
        return phrase, j, False
    if c is not None:
        value, j = c
        # ranges: "10 to 15", "10-15", "two or three"
        if j + 1 < len(toks) and toks[j].low in ("to", "or", "-", "–") and qualifier is None:
            c2 = cardinal(toks, j + 1, lex)
            if c2 and c2[0] > value:
                return NumberPhrase(value, value, c2[0], "range"), c2[1], False
        if qualifier in ("at_least", "more_than"):
            return NumberPhrase(value, value, None, qualifier), j, False
        if qualifier == "at_most":
            return NumberPhrase(None, value, value, qualifier), j, False
        if qualifier == "approximately":
            return NumberPhrase(None, value, None, qualifier), j, False
        return NumberPhrase(value, value, value, "exact"), j, False
    if k < len(toks) and toks[k].low in DETERMINERS_ONE and qualifier is None:
        return NumberPhrase(1, 1, 1, "exact"), k + 1, True
    return None


def _perpetrator_words(lex: Lexicon) -> dict[tuple[str, ...], str]:
    table = getattr(lex, "_perpetrator_words", None)
    if table is None:
        table = {tuple(TOKEN.findall(alias)): name for alias, name in lex.perpetrators.items()}
        lex._perpetrator_words = table  # type: ignore[attr-defined]
    return table


def _perpetrator_first_words(lex: Lexicon) -> frozenset[str]:
    """First words of the armed groups' names, case kept: a cheap test before matching (built once per lexicon)."""
    first = getattr(lex, "_perpetrator_first_words", None)
    if first is None:
        first = frozenset(key[0] for key in _perpetrator_words(lex) if key)
        lex._perpetrator_first_words = first  # type: ignore[attr-defined]
    return first


def match_perpetrator(toks: list[Tok], i: int, lex: Lexicon) -> int | None:
    """End index of an armed group's name starting at token i ("Al Shabaab", "IS"), case kept."""
    table = _perpetrator_words(lex)
    if i >= len(toks) or toks[i].text not in _perpetrator_first_words(lex):
        return None
    for n in range(min(5, len(toks) - i), 0, -1):
        if tuple(t.text for t in toks[i : i + n]) in table:
            return i + n
    return None


def head_noun(toks: list[Tok], j: int, lex: Lexicon) -> tuple[str | None, str | None, str | None, int, bool]:
    """The noun a number counts, after up to five modifiers: (group, outcome noun, number, end, via modifiers).

    In a compound the last noun is the head ("civilian bystanders", "police commander"); a generic head
    takes the group of a specific noun or modifier before it; an armed group's name alone is a head too
    ("24 Al Shabaab were killed")."""
    modifier_group = None
    k = j
    best: tuple[str, str, int] | None = None  # (group, number, end)
    perp_end = None
    skipped = 0  # tokens of acronyms in brackets, not counted against the five modifiers
    while k < len(toks) and k - j - skipped <= 5:
        out = _match(lex.outcomes, toks, k, 3)
        if out is not None and out[0].form == "participle" and k == j and _match(lex.groups, toks, out[1], 3):
            out = (replace(out[0], form="adjective"), out[1])  # "fifteen wounded people": the participle as adjective
        if out is not None and out[0].form in ("noun", "adjective"):
            if best is not None and best[2] == k and out[0].form == "noun" and best[1] == "singular":
                return best[0], out[0].outcome, "plural", out[1], True  # "9,444 civilian deaths"
            if best is not None or perp_end is not None:
                break
            after = _match(lex.groups, toks, out[1], 3) if out[0].form == "adjective" else None
            if after is not None:  # "fifteen wounded people", "three dead soldiers"
                group = after[0].group if after[0].group != "unknown" else modifier_group or "unknown"
                return group, out[0].outcome, "plural", after[1], True
            return modifier_group, out[0].outcome, "plural", out[1], k > j
        pe = match_perpetrator(toks, k, lex)
        if pe is not None and best is None:
            modifier_group = "militants"
            perp_end = k = pe
            continue
        grp = _match(lex.groups, toks, k, 3)
        if grp is not None:
            g, end = grp
            group = g.group
            # "members of the security forces"
            if end + 1 < len(toks) and toks[end].low == "of" and group == "unknown":
                # "members of the security forces", "two members of a government-backed militia"
                inner_group, _, _, inner_end, _ = head_noun(
                    toks, end + (2 if toks[end + 1].low in ("the", "a", "an") else 1), lex
                )
                if inner_group is not None and inner_group != "unknown":
                    return inner_group, None, g.number, inner_end, True
            if group == "unknown":
                group = (best[0] if best and best[0] != "unknown" else None) or modifier_group or "unknown"
            elif group == "militants" and modifier_group == "security_forces":
                group = "security_forces"  # "pro-government militiamen" are pro-government forces (GUIDELINES)
            best = (group, g.number, end)
            k = end
            continue
        t = toks[k]
        if best is None and (
            t.text in ("-", "–")
            or "year-old" in t.low
            or t.low.isdigit()
            and k + 1 < len(toks)
            and toks[k + 1].text in ("-", "–")
        ):
            k += 1  # "a 23-year-old police officer"
            continue
        if best is None and t.text[:1].isupper() and _nationality(t, lex):
            # a nationality as a noun: "an Indonesian", "three Israelis"; "German tourists" goes on to "tourists"
            nxt = _match(lex.groups, toks, k + 1, 3) if k + 1 < len(toks) else None
            shared = _shared_head(toks, k + 1, lex) if nxt is None else None
            if shared is not None:  # "nine German and one Peruvian tourists", "a British and an American citizen"
                return shared, None, "plural" if t.low.endswith("s") else "singular", k + 1, True
            if nxt is None and not (
                k + 1 < len(toks)
                and toks[k + 1].text[:1].isalpha()
                and toks[k + 1].low not in AUX
                and toks[k + 1].low not in STOP_BEFORE_HEAD
            ):
                number = "plural" if t.low.endswith("s") else "singular"
                return modifier_group or "unknown", None, number, k + 1, True
        if best is None and k > j and named.acronym_end(toks, k):
            skipped += 3  # "six Village Defence Force (VDF) members"
            k += 3
            continue
        if best is not None:
            break
        if t.low in STOP_BEFORE_HEAD or not (t.text[0].isalpha() or t.text[0].isdigit()) or t.low in AUX:
            if t.low == "of" and k == j and k + 2 < len(toks) and toks[k + 1].low in PERSONAL_POSSESSIVES | {"its"}:
                inner, _, _, inner_end, _ = head_noun(toks, k + 2, lex)  # "4 of his staff members"
                if inner is not None:
                    return inner, None, "plural", inner_end, False
            counted = k > 0 and _is_number_word(toks[k - 1], lex)
            if t.low == "of" and k == j and counted and k + 2 < len(toks) and _is_number_word(toks[k + 1], lex):
                inner, _, _, inner_end, _ = head_noun(toks, k + 2, lex)  # "1 of 4 young children injured has died"
                if inner is not None:
                    return inner, None, "plural", inner_end, False
            if t.low == "of" and k + 1 < len(toks) and toks[k + 1].low in ("them", "whom", "those", "the"):
                if toks[k + 1].low == "the" and k == j:  # "one of the victims died": of a group named after it
                    inner, _, _, inner_end, _ = head_noun(toks, k + 2, lex)
                    if inner is not None:
                        return inner, None, "plural", inner_end, False
                    if k + 2 < len(toks) and toks[k + 2].low in ("injured", "wounded") and counted:
                        return "unknown", None, "plural", k + 3, False  # "one of the injured died", not "many of"
                if toks[k + 1].low in ("them", "whom") and k + 2 < len(toks):
                    after = k + 3 if toks[k + 2].low in ("were", "are") and k + 3 < len(toks) else k + 2
                    said = next((m for m in range(k + 3, min(k + 7, len(toks) - 2)) if toks[m].low in SAYS), None)
                    if said is not None and toks[said + 1].low in ("were", "are"):
                        after = said + 2  # "119 of whom Israel says were assailants"
                    inner = _match(lex.groups, toks, after, 3)  # "80 of them soldiers", "three of whom were children"
                    if inner is not None and inner[0].group != "unknown":
                        return inner[0].group, None, "plural", inner[1], False
                return "unknown", None, "plural", k + 2 if toks[k + 1].low != "the" else k + 1, False
            break
        if t.low in lex.group_modifiers:
            modifier_group = lex.group_modifiers[t.low]
        elif out is not None:  # the outcome phrase at k, read above
            break
        k += 1
    if best is not None:
        return best[0], None, best[1], best[2], True
    if perp_end is not None and (
        perp_end >= len(toks)
        or not toks[perp_end].text[0].isalpha()
        or toks[perp_end].low in AUX
        or toks[perp_end].low in STOP_BEFORE_HEAD
    ):
        return "militants", None, "plural", perp_end, True
    return None, None, None, j, False


def _shared_head(toks: list[Tok], k: int, lex: Lexicon) -> str | None:
    """The group of a noun two coordinated nationalities share: "German and one Peruvian tourists", "a British and
    an American citizen"."""
    if k >= len(toks) or toks[k].low != "and":
        return None
    nationality = False  # "and one Peruvian tourists", not "and two women"
    for m in range(k + 1, min(k + 5, len(toks))):
        found = _match(lex.groups, toks, m, 3)
        if found is not None:
            return found[0].group if found[0].group != "unknown" and nationality else None
        t = toks[m]
        if _nationality(t, lex):
            nationality = True
        elif not (t.low[0].isdigit() or t.low in lex.number_words or t.low in ("a", "an")):
            return None
    return None


def _nationality(t: Tok, lex: Lexicon) -> bool:
    """Whether a word names a nationality ("German", "Israelis"): a country word of weight 2 (countries_extra.csv)."""
    return lex.countries.get(fold(t.text), ("", 0))[1] == 2


SAYS = {"says", "said", "say"}
UNIT_WORD = re.compile(r"(?:year|month|week|day|hour|mile|km|kilometre|kilometer)s?-?\w*")  # "10 years", "5km"


def chunk_at(toks: list[Tok], i: int, lex: Lexicon) -> Chunk | None:
    """The number phrase starting at token i with the noun it counts, or None when it is no victim count."""
    found = number_phrase(toks, i, lex)
    if found is None:
        return None
    phrase, j, needs_singular = found
    if not_counts.is_age(toks, i, j) or not_counts.is_year(toks, i, j):
        return None  # "Jane Roe, 38, was killed", "in the 2012 death of"
    prev = toks[i - 1].low if i > 0 else ""
    if prev in MONEY_BEFORE or (j < len(toks) and toks[j].low in NOT_NUMBER_AFTER):
        return None
    if j < len(toks) and toks[j].low in CAPTIVES:
        verb = _match(lex.outcomes, toks, j + 2, 3) if j + 2 < len(toks) and toks[j + 1].low in PASSIVE_AUX else None
        if verb is None or verb[0].form != "participle":
            return None
        return Chunk(i, j + 1, phrase.low, phrase.best, phrase.high, phrase.qualifier, group="unknown")
    if j < len(toks) and toks[j].text in ("-", "–") and j + 1 < len(toks) and toks[j + 1].low in NOT_NUMBER_AFTER:
        return None
    if j < len(toks) and UNIT_WORD.fullmatch(toks[j].low):
        return None
    if j + 1 < len(toks) and toks[j - 1].low == "of" and toks[j].low in ("its", "their"):
        j += 1  # "dozens of its fighters"
    group, head_outcome, number, end, _ = head_noun(toks, j, lex)
    if group in (None, "unknown") and not head_outcome and j < len(toks) and toks[j].low in ("other", "of"):
        other = _other_unlisted(toks, i, j, phrase, lex)  # "two other inspectors", "two of his bodyguards"
        if other is not None:
            return other
    if group is not None and number == "plural" and not head_outcome:
        shared = named.shared_plural_end(toks, end, lex)  # "13 soldiers and fighters were killed": 13 in all
        if shared is not None:
            end, group = shared[0], (group if shared[1] == group else "unknown")
    is_digit_year = toks[i].low.isdigit() and len(toks[i].low) == 4 and 1900 <= int(toks[i].low) <= 2100
    if needs_singular:
        if toks[i].low in ("one",) and group is None and head_outcome is None:
            # "one was killed", "one other"; rule: victim.unlisted_singular: "one bodyguard was killed"
            return _unlisted_singular(toks, i, j, lex) or Chunk(i, j, 1, 1, 1, "exact")
        if group is None and head_outcome is None and toks[i].low in ("a", "an", "the", "another", "his", "her"):
            found = _unlisted_singular(toks, i, j, lex)  # "the district chief was killed", "another miner was"
            if found is None and toks[i].low == "another" and j < len(toks) and toks[j].low == "was":
                # rule: count.another_alone: "one soldier was killed and another was injured"
                return Chunk(i, j, 1, 1, 1, "exact", another=True)
            return found
        member = group == "militants" and toks[end - 1].text[:1].isupper()  # "a suspected Al Shabaab"
        if group is None or (number != "singular" and not member):
            return None
    if group is None and head_outcome is None:
        if is_digit_year:
            return None
        if (
            j < len(toks)
            and toks[j].text[:1].isalpha()
            and toks[j].low not in AUX
            and toks[j].low
            not in (
                "and",
                "or",
                "but",
                "while",
                "in",
                "on",
                "at",
                "by",
                "during",
                "as",
                "after",
                "when",
                "from",
                "with",
                "who",
                "before",
                "amid",
                "including",
                "among",
                "since",
                "across",
                "near",
                "inside",
                "outside",
                "than",
                "this",
                "last",
                "overnight",
                "yesterday",
                "today",
                "so",
                "others",
                "other",
                "more",
            )
            and _match(lex.outcomes, toks, j, 3) is None
        ):
            # an unlisted noun ("7 Christian Copts", "4 diners"): kept as a loose count, read only with a verb
            k = _noun_run(toks, j, lex)
            if toks[k - 1].low.endswith("s") and not toks[k - 1].low.endswith("ss") and not is_digit_year:
                return Chunk(
                    i,
                    k,
                    phrase.low,
                    phrase.best,
                    phrase.high,
                    phrase.qualifier,
                    group="unknown",
                    loose=True,
                    another=toks[i].low == "another" or prev == "another",
                )
            if phrase.best == 1 and phrase.qualifier == "exact":
                return _unlisted_singular(toks, i, j, lex)  # "one bodyguard was killed"
            return None  # "several weapons", "10 vehicles": not people
        if j + 1 < len(toks) and toks[j].low == "more" and toks[j + 1].low != "than":
            j += 1  # "30 were killed and 40 more injured"
        return Chunk(
            i,
            j,
            phrase.low,
            phrase.best,
            phrase.high,
            phrase.qualifier,
            another=toks[i].low == "another" or prev == "another",
        )
    return Chunk(
        i,
        end,
        phrase.low,
        phrase.best,
        phrase.high,
        phrase.qualifier,
        group=group,
        head_outcome=head_outcome,
        singular=needs_singular,
        another=toks[i].low == "another" or prev == "another",
    )


def _other_unlisted(toks: list[Tok], i: int, j: int, phrase: NumberPhrase, lex: Lexicon) -> Chunk | None:
    """rule: count.other_unlisted: "two other inspectors were injured", "two of his bodyguards were injured": a
    count of people named by a plural noun the lexicon does not list, after "other" or "of his", kept as a loose
    count that only an outcome verb reads."""
    if j < len(toks) and toks[j].low == "other":
        lead = j + 1
    elif j + 2 < len(toks) and toks[j].low == "of" and toks[j + 1].low in PERSONAL_POSSESSIVES:
        lead = j + 2
    else:
        return None
    if _match(lex.groups, toks, lead, 3) is not None:
        return None  # "two other soldiers": a listed noun, read as usual
    k = _noun_run(toks, lead, lex, lower_only=True)
    if k == lead or not toks[k - 1].low.endswith("s") or toks[k - 1].low.endswith("ss"):
        return None
    return Chunk(i, k, phrase.low, phrase.best, phrase.high, phrase.qualifier, group="unknown", loose=True)


def _noun_run(toks: list[Tok], j: int, lex: Lexicon, lower_only: bool = False) -> int:
    """End of up to three words from j that may name people: no auxiliary, stop word or outcome word."""
    k = j
    while (
        k < len(toks)
        and k - j < 3
        and toks[k].text[:1].isalpha()
        and (not lower_only or (toks[k].text[:1].islower() and toks[k].low.isalpha()))
        and toks[k].low not in AUX
        and toks[k].low not in STOP_BEFORE_HEAD
        and _match(lex.outcomes, toks, k, 3) is None
    ):
        k += 1
    return k


def _possessed_person(toks: list[Tok], i: int, lex: Lexicon) -> Chunk | None:
    """rule: victim.possessed: "Jane Roe's driver was killed", "Roe's wife and child were injured": the people of a
    named person, one (or two joined by "and") by a singular noun, read only with an outcome verb."""
    j = i + 1
    group, head_outcome, number, end, _ = head_noun(toks, j, lex)
    if head_outcome or (group is not None and number != "singular"):
        return None
    if group is None:
        end = _noun_run(toks, j, lex, lower_only=True)
        if end == j or (toks[end - 1].low.endswith("s") and not toks[end - 1].low.endswith("ss")):
            return None
    count = 1
    if end + 2 < len(toks) and toks[end].low == "and" and toks[end + 1].text[:1].islower():
        second = _noun_run(toks, end + 1, lex, lower_only=True)  # "wife and child were"
        if second > end + 1 and second < len(toks) and toks[second].low == "were":
            count, end, group = 2, second, None
    if end >= len(toks) or toks[end].low not in ("was", "were"):
        return None
    return Chunk(i, end, count, count, count, "exact", group=group or "unknown", loose=True, singular=count == 1)


def _unlisted_singular(toks: list[Tok], i: int, j: int, lex: Lexicon) -> Chunk | None:
    """ "A canvas vendor was killed": one person named by a noun the lexicon does not list, kept as a loose count
    that only a passive outcome verb right after it reads ("a car was hit" gives nothing)."""
    k = _noun_run(toks, j, lex, lower_only=True)
    if k == j or k >= len(toks):
        return None
    # rule: victim.pair: "the police chief and a bodyguard were killed", "Jane Roe and her assistant were killed"
    paired = (toks[k].low == "were" and i > 0 and toks[i - 1].low == "and") or named.pair_first(toks, k)
    if toks[k].low != "was" and not paired:
        return None
    return Chunk(i, k, 1, 1, 1, "exact", group="unknown", loose=True, singular=True)


def _headline_singular(toks: list[Tok], lex: Lexicon) -> Chunk | None:
    """ "Border Police guard was killed": a sentence opening on one victim named without "a" or "the", as
    headlines and short notes write."""
    group, _, number, end, _ = head_noun(toks, 0, lex)
    if group is None or number != "singular" or end >= len(toks) or toks[end].low != "was":
        return None
    return Chunk(0, end, 1, 1, 1, "exact", group=group, singular=True, loose=True)


def bare_plural(toks: list[Tok], i: int, lex: Lexicon) -> Chunk | None:
    """A plural victim noun with no number ("civilians were killed"): the vague convention of GUIDELINES.md."""
    prev = toks[i - 1].low if i > 0 else ""
    if any(t.low[:1].isdigit() for t in toks[max(0, i - 3) : i]):
        return None  # "more than 280 injured people": the number already counts them
    if any(t.low in ("no", "none", "neither", "nor") for t in toks[max(0, i - 6) : i]):
        return None  # "no police officers or civilians were hurt"
    if prev in ("the", "these", "those", "their", "its", "his", "her", "our", "no", "of", "more", "fewer", "than") or (
        prev[:1].isdigit()
    ):
        return None
    found = _match(lex.groups, toks, i, 3)
    if found is None or found[0].number != "plural" or toks[i].low in ("bodies", "those", "members", "men"):
        return None
    vague = lex.number_phrases[("many",)]
    return Chunk(i, found[1], vague.low, vague.best, vague.high, "vague", group=found[0].group, bare=True)


# ---------------------------------------------------------------- reading one sentence


@dataclass
class Trigger:
    i: int
    j: int
    outcome: str
    form: str


def outcome_triggers(toks: list[Tok], lex: Lexicon, taken: set[int]) -> list[Trigger]:
    found, i = [], 0
    first_words = _first_words(lex.outcomes)
    while i < len(toks):
        if i in taken or toks[i].low not in first_words:  # no outcome phrase starts here
            i += 1
            continue
        hit = _match(lex.outcomes, toks, i, lex.max_phrase)
        if hit is not None:
            found.append(Trigger(i, hit[1], hit[0].outcome, hit[0].form))
            i = hit[1]
        else:
            i += 1
    return found


PASSIVE_AUX = {"were", "was", "been", "being", "are", "is", "be", "got", "get", "became", "become"}
PP_STARTS = {
    "from",
    "of",
    "in",
    "on",
    "at",
    "inside",
    "aboard",
    "near",
    "belonging",
    "aged",
    "who",
    "travelling",
    "traveling",
}


def _distant_passive(toks: list[Tok], j: int, by_start: dict[int, Trigger], chunks: list[Chunk]) -> int | None:
    """ "52 soldiers collecting their salaries at a base were killed": the passive verb a dozen words on.

    Only across plain words: no punctuation, no other count and no other outcome word in between."""
    starts = {c.i for c in chunks}
    for m in range(j, min(len(toks), j + 14)):
        if toks[m].text in (",", ".", ";", ":", "(", ")") or m in starts or toks[m].low in ("and", "but", "while"):
            return None
        if m in by_start:
            return None
        if toks[m].low in PASSIVE_AUX:
            if m > j and toks[m - 1].low in ("who", "which", "that"):
                continue  # "a service member who was part of the coalition was killed": the relative clause's verb
            k = m
            while k < len(toks) and toks[k].low in AUX and k - m < 3:
                k += 1
            trig = by_start.get(k)
            return k if trig is not None and trig.form in ("participle", "intransitive") else None
    return None


def _skip_parenthetical(toks: list[Tok], k: int, verbs: set[int]) -> int:
    """Skip what stands between a count and its verb: "(SNA)", ", including three children,", ", a woman and
    her son,", "from the Marehan clan", so that "were killed" after it is found."""
    n = len(toks)
    if k < n and toks[k].text in ("(", "["):
        close = ")" if toks[k].text == "(" else "]"
        for m in range(k + 1, min(n, k + 12)):
            if toks[m].text == close:
                return m + 1
    if k < n and toks[k].text == "," and _verb_after(toks, k + 1, verbs):
        return k + 1  # the comma closing an apposition: "40 people, 6 soldiers and 34 civilians, were killed"
    if (
        k + 1 < n
        and toks[k].text == ","
        and toks[k - 1].text[:1].isalpha()
        and toks[k + 1].low[:1].isdigit()
        and not (len(toks[k + 1].low) == 4 and toks[k + 1].low.isdigit())
    ):
        # a list of counts in apposition: "40 people, 6 security personnel and 34 civilians, were killed"
        for m in range(k + 2, min(n, k + 16)):
            if toks[m].text in (".", ";", ":", "(") or m in verbs or toks[m].low in PASSIVE_AUX:
                break
            if toks[m].text == "," and _verb_after(toks, m + 1, verbs, bare=True):
                return m + 1
    if k + 1 < n and toks[k].text == "," and toks[k + 1].low in PP_STARTS:
        # where those counted came from, with a list inside: ", from South Africa, Malawi and Uruguay, were killed"
        for m in range(k + 2, min(n, k + 16)):
            if toks[m].text in (".", ";", ":") or m in verbs:
                break
            if toks[m].text == "," and _verb_after(toks, m + 1, verbs):
                return m + 1
    if k < n and (toks[k].low == "including" or (toks[k].text == "," and k + 1 < n)):
        first = k + 1 if toks[k].text == "," else k
        for m in range(first, min(n, first + 16)):
            if toks[m].text in (".", ";", ":"):
                break
            if toks[m].low[:1].isdigit() and m > first + 1 and toks[first].low not in ("including", "who", "which"):
                return k
            if m in verbs or (toks[m].low in AUX and toks[m].low not in ("the", "to") and (m + 1) in verbs):
                is_cue = any(tuple(t.low for t in toks[first : first + len(c)]) == c for c in INCLUSION_CUES) or (
                    toks[first].low in ("who", "which", "whose")
                )
                if is_cue and toks[m].low in AUX and m == first + 1 and toks[first].low in ("who", "which"):
                    continue
                return m if is_cue else k
            if toks[m].text == "," and m > first:
                nxt = m + 1
                while nxt < n and toks[nxt].low in AUX and toks[nxt].low not in ("the", "to"):
                    nxt += 1
                if nxt in verbs:
                    return m + 1
                is_cue = any(tuple(t.low for t in toks[first : first + len(c)]) == c for c in INCLUSION_CUES)
                if not is_cue:
                    return k
                # a list inside the inclusion: ", including an Algerian, Austrian, German and Dutchman, were"
    if k < n and toks[k].low in PP_STARTS:
        m = k + 1
        while m < min(n, k + 12):
            if toks[m].text == "(":  # "belonging to the Central Reserve Police Force (CRPF) were killed"
                close = next((x for x in range(m + 1, min(n, m + 6)) if toks[x].text == ")"), None)
                if close is None:
                    break
                m = close + 1
                continue
            if (
                toks[m].text in (",", ".", ";", ":")
                or toks[m].low in ("and", "but", "while", "with")
                or toks[m].low[:1].isdigit()
            ):
                break
            if m in verbs or (toks[m].low in AUX and toks[m].low not in ("the", "to") and (m + 1) in verbs):
                return m
            m += 1
    return k


def _verb_after(toks: list[Tok], k: int, verbs: set[int], bare: bool = False) -> bool:
    """Whether an outcome verb follows at k, after up to three auxiliaries ("were", "have been") or adverbs
    ("were seriously injured"); with `bare`, also with none ("10 others, 5 of them police, injured")."""
    m = k
    while (
        m < len(toks)
        and m - k < 4
        and (toks[m].low in AUX and toks[m].low not in ("the", "to", "left") or toks[m].low.endswith("ly") and m > k)
    ):
        m += 1
    return (m > k or bare) and m in verbs


def _starters(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """Words that can start a count, and first words of plural victim nouns (built once per lexicon)."""
    cached = getattr(lex, "_starters", None)
    if cached is None:
        words = {k[0] for k in lex.modifiers} | {k[0] for k in lex.number_phrases} | set(lex.number_words)
        words |= {w.split("-")[0] for w in lex.number_words} | DETERMINERS_ONE | {"between", "another"}
        plurals = {k[0] for k, g in lex.groups.items() if g.number == "plural"}
        cached = (frozenset(words), frozenset(plurals))
        lex._starters = cached  # type: ignore[attr-defined]
    return cached


def read_sentence(toks: list[Tok], lex: Lexicon) -> list[Chunk]:
    """Victim counts of one sentence, each with its outcome; inclusions hang under their totals."""
    chunks: list[Chunk] = []
    starters, plural_starts = _starters(lex)
    i = 0
    while i < len(toks):
        low = toks[i].low
        c = chunk_at(toks, i, lex) if low in starters or low[0].isdigit() or low.split("-")[0] in starters else None
        if c is None and i == 0:
            c = _headline_singular(toks, lex)
        if c is None and low.endswith(("'s", "’s")) and toks[i].text[:1].isupper():
            c = _possessed_person(toks, i, lex)  # "Jane Roe's driver was also killed"
        if (
            c is None
            and low in plural_starts
            and (toks[i].text[:1].islower() or i == 0 or toks[i - 1].text in ('"', "“", "("))
        ):
            c = bare_plural(toks, i, lex)
        if c is not None:
            chunks.append(c)
            i = c.j
        else:
            i += 1
    taken = {k for c in chunks for k in range(c.i, c.j) if c.head_outcome}
    triggers = outcome_triggers(toks, lex, taken)
    by_start = {t.i: t for t in triggers}
    by_end = {t.j: t for t in triggers}
    verbs = {t.i for t in triggers if t.form in ("participle", "intransitive", "adjective")}
    chunks += _objects_without_number(toks, chunks, triggers, lex)
    chunks += _named_victims(toks, chunks, by_start, lex)
    # "troopers of the Indian Central Reserve Police Force": "the ... Force" names a unit, it counts nobody
    chunks = [
        c
        for c in chunks
        if not (toks[c.i].low == "the" and c.i > 1 and toks[c.i - 1].low == "of" and (c.i - 1) not in by_end)
    ]
    chunks.sort(key=lambda c: c.i)

    for c in chunks:
        if c.outcome:
            continue
        # "ten deaths", "five dead": the noun itself is the outcome
        if c.head_outcome:
            c.outcome = c.head_outcome
            if c.j < len(toks) and toks[c.j].low in ("or", "and") and c.j + 1 < len(toks):
                other = _match(lex.outcomes, toks, c.j + 1, 2)
                if (
                    other is not None
                    and other[0].outcome != c.outcome
                    and other[0].form in ("noun", "adjective", "participle")
                ):
                    c.outcome = "casualties"
            continue
        # object of an active verb first: "killing at least ten people", "wounded 20 others"
        before = c.i  # where the count's phrase starts, with "at least", "some"... before it
        while not c.bare and before > 0 and toks[before - 1].low in ACTIVE_LINK and c.i - before < 3:
            before -= 1
        if before > 2 and [t.low for t in toks[before - 3 : before]] == ["a", "total", "of"]:
            before -= 3  # "killed a total of 66 people"
        t = by_end.get(before)
        after = [x.low for x in toks[c.j : c.j + 3] if x.text not in ("'", "’")][:2]
        to_death = after[:1] == ["dead"] or after == ["to", "death"]
        if t is not None and t.form in ("participle", "active"):
            c.outcome = "killed" if to_death else t.outcome  # "shot three men dead"
            continue
        if t is not None and t.form == "manner" and to_death:
            c.outcome = t.outcome  # "stabbed four people to death"
            continue
        if after[:1] == ["lives"] and before > 0 and toks[before - 1].low in LIVES_TAKEN:
            c.outcome = "killed"  # "claimed 7 civilians' lives"
            continue
        if not c.bare and c.i > 0 and toks[c.i - 1].low in ("to", "at"):
            toll = _toll_before(toks, c.i, triggers)  # "the toll rose to 38 as more of the wounded succumbed"
            if toll:
                c.outcome = toll
                continue
        # passive or intransitive after the count: "ten people were killed", "ten died", "ten killed"
        k = c.j
        for _ in range(3):
            k2 = _skip_parenthetical(toks, k, verbs)
            if k2 == k:
                break
            k = k2
        skipped = (c.j, k)
        aux = 0
        passive = False
        while (
            k < len(toks)
            and k not in by_start  # "were among the dead" is itself the outcome
            and (toks[k].low in AUX or aux and toks[k].low.endswith("ly"))  # "were seriously injured"
            and aux < 5
            and toks[k].low not in ("left", "the")
        ):
            passive = passive or toks[k].low in PASSIVE_AUX
            k += 1
            aux += 1
            k2 = _skip_parenthetical(toks, k, verbs)
            if k2 != k:
                skipped, k = (k, k2), k2
        t = by_start.get(k)
        if t is None and not c.bare and not c.loose:
            far = _distant_passive(toks, c.j, by_start, chunks)
            if far is not None:
                k, t, passive = far, by_start[far], True
        if t is not None and t.form in ("participle", "intransitive", "adjective"):
            determiner = t.j + 1 < len(toks) and (toks[t.j].low == "the" or toks[t.j].low in PERSONAL_POSSESSIVES)
            obj = t.j + 1 if determiner else t.j  # "killed the 2 officers
            following = chunk_at(toks, obj, lex) if obj < len(toks) else None
            if t.form == "participle" and following is not None and following.group is not None and not following.bare:
                pass  # "five gunmen killed ten soldiers": the count is the subject, not the victims
            elif t.form == "participle" and not passive and aux == 0 and attackers.acting(toks, c, t.j):
                pass  # "an assailant shot and killed a village chief": the attacker is the subject
            elif (
                (not c.bare and not c.loose)
                or passive
                or (t.form == "intransitive" and aux == 0)
                or (t.form == "adjective")
                # "one person was killed and others injured": the passive of the clause before
                or (aux == 0 and c.i > 0 and toks[c.i - 1].low == "and" and any(d.outcome for d in chunks if d.j < c.i))
            ):
                c.outcome = t.outcome
                # counts inside what was skipped are parts of this one: ", a woman and her son,"
                for d in chunks:
                    if (
                        d is not c
                        and skipped[0] <= d.i < skipped[1]
                        and not d.is_part
                        and c.best is not None
                        and d not in c.parts
                    ):
                        d.is_part, d.outcome = True, t.outcome
                        c.parts.append(d)
                continue
        # a noun before "of": "the death of one civilian", "the killing of 14 people"; or a toll: "rose to 30"
        k = before
        if k > 0 and toks[k - 1].low in ("of",) and k - 1 in by_end and by_end[k - 1].form == "noun":
            c.outcome = by_end[k - 1].outcome  # "the death of one civilian"
            continue
        if k > 1 and toks[k - 1].low == "of":
            noun = k - 2
            if toks[noun].text == ",":  # "the massacre, in late 2014, of 134 pupils"
                noun = next((m - 1 for m in range(noun - 1, max(0, noun - 8), -1) if toks[m].text == ","), noun)
            if toks[noun].low in ("killing", "killings", "massacre", "deaths"):
                c.outcome = "killed"
                continue
        if k > 1 and toks[k - 1].low == "of" and toks[k - 2].low in ("wounding", "injuring", "injury"):
            c.outcome = "injured"  # "the wounding of 5 others"
            continue
        if not c.bare:
            toll = _toll_before(toks, c.i, triggers)
            if toll:
                c.outcome = toll
                continue

    _wounded_then_died(toks, chunks, by_start, triggers)
    attackers.in_addition_to(toks, chunks)
    _all_killed_aside(toks, chunks, by_start)
    _the_dead_included(toks, chunks, lex)
    chunks += _attackers_killed_after(toks, chunks, triggers)
    for n, c in enumerate(chunks):
        _of_the_dead(toks, c, lex)
        if c.group in (None, "unknown", "civilians") and _attackers_clause(toks, c.j):
            c.group = "militants"  # "shot dead two Palestinians who opened fire at them"
        if c.group == "unknown" and [t.low for t in toks[c.i : c.j]] == ["the", "other"]:
            # "one of the assailants was shot dead and the other was wounded": the other assailant
            one_of = [p for p in chunks[:n] if p.best == 1 and p.i + 1 < len(toks) and toks[p.i + 1].low == "of"]
            if one_of:
                c.group = one_of[-1].group
    _coordinate(toks, chunks, triggers)
    listed = lists.inclusion_inside_list(toks, chunks)
    _attach_inclusions(
        toks,
        chunks,
        {t.i for t in triggers if t.form in ("participle", "intransitive", "adjective")},
        {t.i for t in triggers if t.form != "noun"},
    )
    lists.apart(listed)
    kept = [
        c
        for c in chunks
        if c.outcome
        and not c.is_part
        and not _rate(toks, c)
        and not _denied(toks, c)
        and not _superseded(toks, c)
        and not _severity_subset(toks, chunks, c)
        and not lists.another_repeats(toks, chunks, c)
    ]
    return _sum_coordinated(toks, kept)


def _severity_subset(toks: list[Tok], chunks: list[Chunk], c: Chunk) -> bool:
    """ "wounding eight, five of them seriously", "four were wounded, one of whom critically": some of a count told
    just before, by how badly they were hurt; no count of their own."""
    partitive = c.i + 2 < len(toks) and toks[c.i + 1].low == "of" and toks[c.i + 2].low in ("them", "whom")
    if not partitive or c.group not in (None, "unknown"):
        return False
    return any(d.j <= c.i and d.outcome == c.outcome and (d.best or 0) >= (c.best or 0) for d in chunks if d is not c)


def _superseded(toks: list[Tok], c: Chunk) -> bool:
    """ "the toll rose from 59", "up from 59 on Sunday": the earlier figure a new one replaces."""
    words = [t.low for t in toks[max(0, c.i - 6) : c.i]]
    if "from" not in words:
        return False
    k = len(words) - 1 - words[::-1].index("from")
    return any(w in ("rose", "risen", "climbed", "increased", "jumped", "up", "raised", "revised") for w in words[:k])


def _rate(toks: list[Tok], c: Chunk) -> bool:
    """ "one Syrian killed every 25 minutes": a rate, no count of victims."""
    return any(t.low == "every" for t in toks[c.j : c.j + 4])


def _denied(toks: list[Tok], c: Chunk) -> bool:
    """ "no reports of other casualties": a vague count the sentence denies."""
    return c.qualifier == "vague" and any(t.low in ("no", "without") for t in toks[max(0, c.i - 4) : c.i])


def _attackers_killed_after(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger]) -> list[Chunk]:
    """ "2 gunmen opened fire on the hotel before being killed by police": the attackers the sentence counted are
    the dead; "a Palestinian stabbed two officers before being shot dead" is one attacker."""
    found = []
    for t in triggers:
        if not (
            t.outcome == "killed"
            and t.form == "participle"
            and t.i > 1
            and toks[t.i - 1].low == "being"
            and toks[t.i - 2].low in ("before", "after")
        ):
            continue
        attackers = [c for c in chunks if c.j <= t.i - 2 and c.group == "militants" and not c.outcome]
        if attackers:
            attackers[-1].outcome = t.outcome
        elif toks[0].low in ("a", "an", "the", "he", "she"):
            found.append(Chunk(t.i - 1, t.i, 1, 1, 1, "exact", group="militants", outcome=t.outcome))
    return found


def _the_dead_included(toks: list[Tok], chunks: list[Chunk], lex: Lexicon) -> None:
    """Parts of a toll told elsewhere: "the dead included students, guards and at least one teacher", "among the dead
    were 12 children", "the dead were 19 civilians and seven soldiers", "of those killed, 668 were civilians"."""
    for k in range(len(toks) - 3):
        if toks[k].low not in ("the", "those") or toks[k + 1].low not in THE_DEAD:
            continue
        fronted = k > 0 and toks[k - 1].low == "of" and toks[k + 2].text == ","
        if not fronted and k > 0 and toks[k - 1].low == "of":
            continue  # "six of the wounded were Israeli tourists": a count of its own (_of_the_dead)
        if not (fronted or toks[k + 2].low in ("included", "include", "includes", "were", "was", "are")):
            continue
        listed = k + 3  # the parts are a list right after the cue; "a category that includes ..." ends it
        for c in chunks:
            if c.i < listed:
                continue
            if any(t.low not in LIST_GAP for t in toks[listed : c.i]):
                break
            if c.group is None and c.j + 1 < len(toks) and toks[c.j].low in ("were", "was"):
                group, _, _, end, _ = head_noun(toks, c.j + 1, lex)  # "668 were civilians"
                if group is not None:
                    c.group, c.j = group, end
            if c.group not in (None, "unknown") and not c.outcome:
                c.outcome, c.among = THE_DEAD[toks[k + 1].low], True
            listed = c.j
        return


LIST_GAP = {",", "and", "were", "was", "are", "at", "least", "about", "some", "also", "as", "well"}


def _all_killed_aside(toks: list[Tok], chunks: list[Chunk], by_start: dict[int, Trigger]) -> None:
    """ "Four gunmen, all since killed, were involved": the aside tells what became of those counted."""
    for c in chunks:
        k = c.j
        if c.outcome or k + 2 >= len(toks) or toks[k].text != "," or toks[k + 1].low not in ("all", "both"):
            continue
        m = k + 2
        while m < len(toks) and m - k < 6 and toks[m].low in ("of", "them", "since", "later", "subsequently", "now"):
            m += 1
        t = by_start.get(m)
        if t is not None and t.form in ("participle", "intransitive") and t.j < len(toks) and toks[t.j].text == ",":
            c.outcome = t.outcome


def _wounded_then_died(
    toks: list[Tok], chunks: list[Chunk], by_start: dict[int, Trigger], triggers: list[Trigger]
) -> None:
    """ "A girl wounded in the bombing died in hospital": she is dead, not wounded; and when the sentence raises the
    toll ("raising the death toll to 12") she is one of that toll, no count of her own."""
    starts = {c.i for c in chunks}
    for c in chunks:
        t = by_start.get(c.j + 1 if c.j < len(toks) and toks[c.j].low == "was" else c.j)  # "one soldier was injured"
        if c.best != 1 or c.outcome != "injured" or t is None or t.form != "participle":
            continue
        for k in range(t.j, min(len(toks), t.j + 15)):
            then = k + 1 < len(toks) and toks[k + 1].low in ("later", "subsequently", "died", "succumbed")
            if toks[k].low == "and" and then:
                continue  # rule: victim.wounded_and_later_died: "was injured in the blast and later died"
            if k in starts or toks[k].text in (";", ":") or toks[k].low in ("and", "but", "while", "who", "which"):
                break
            died = by_start.get(k)
            if died is not None and died.form == "intransitive" and died.outcome == "killed":
                toll = any(x.form == "toll" and x.i > k for x in triggers)
                c.outcome = None if toll else "killed"
                break


def _is_number_word(tok: Tok, lex: Lexicon) -> bool:
    """A whole number in digits or words: "4", "12", "four"."""
    return tok.low.isdigit() or tok.low in lex.number_words


OF_THE_DEAD = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured"}
THE_DEAD = {**OF_THE_DEAD, "victims": "killed"}  # "the victims included ..."


def _of_the_dead(toks: list[Tok], c: Chunk, lex: Lexicon) -> None:
    """ "six of the wounded were Israeli tourists": six tourists among the wounded, a part of the total."""
    k = c.i + 1
    if not (
        k + 4 < len(toks)
        and toks[k].low == "of"
        and toks[k + 1].low in ("the", "those")
        and toks[k + 2].low in OF_THE_DEAD
        and toks[k + 3].low in ("were", "was")
    ):
        return
    start = k + 5 if toks[k + 4].low in ("the", "a", "an", "all") else k + 4
    group, _, _, end, _ = head_noun(toks, start, lex)
    if group is not None and group != "unknown":
        c.group, c.outcome, c.among, c.j = group, OF_THE_DEAD[toks[k + 2].low], True, end


ATTACKED = re.compile(
    r"^(?:who|that|after they|after he|after she|as they|as he|as she)\s+(?:had\s+|allegedly\s+|reportedly\s+)?"
    r"(?:opened fire|attacked|stabbed|tried to (?:stab|attack|ram|shoot)|attempted to (?:stab|attack|ram)|rammed|"
    r"carried out (?:an|the) attack|launched (?:an|the) attack)\b",
    re.I,
)


def _attackers_clause(toks: list[Tok], j: int) -> bool:
    """Whether the words after a count say those counted attacked: "two Palestinians who opened fire"."""
    if j >= len(toks) or toks[j].low not in ("who", "that", "after", "as"):
        return False
    return bool(ATTACKED.match(" ".join(t.text for t in toks[j : j + 6])))


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _sum_coordinated(toks: list[Tok], chunks: list[Chunk]) -> list[Chunk]:
    """ "three Israelis and an Iranian were killed": one group's counts joined by "and" add up to one report."""
    out: list[Chunk] = []
    for c in chunks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.outcome == c.outcome
            and (prev.group or "unknown") == (c.group or "unknown")
            and not prev.parts
            and not c.parts
            and prev.best is not None
            and c.best is not None
            and _joined(toks, chunks, prev, c)
        ):
            prev.low, prev.best, prev.high = _add(prev.low, c.low), prev.best + c.best, _add(prev.high, c.high)
            if c.qualifier != "exact":
                prev.qualifier = c.qualifier
            prev.j = c.j
            continue
        out.append(c)
    return out


def _as_well_as(words: list[str]) -> bool:
    """ "five soldiers, as well as two civilians": the words between two coordinated counts."""
    return [w for w in words if w != ","] == ["as", "well", "as"]


def _joined(toks: list[Tok], chunks: list[Chunk], a: Chunk, b: Chunk) -> bool:
    """Whether two counts are coordinated: "a and b", "a, b and c", "a, as well as b"."""
    words = [t.low for t in toks[a.j : b.i]]
    if _as_well_as(words) or (_described_then_listed(toks[a.j : b.i]) and _in_list(toks, chunks, b)):
        return True  # "five soldiers, as well as two civilians"; "a candidate standing for the assembly, his driver"
    return (
        bool(words)
        and all(w in COORDINATORS or w in PERSONAL_POSSESSIVES for w in words)  # "a woman and her four children"
        and (any(w in ("and", "plus", "&") for w in words) or _in_list(toks, chunks, b))
    )


def _named_victims(toks: list[Tok], chunks: list[Chunk], by_start: dict[int, Trigger], lex: Lexicon) -> list[Chunk]:
    """One person named and killed or hurt: "Hussain was shot and later died", "Noor and his guard were killed".

    A run of one to three capitalised words that is no place, country, armed group or listed group word, right
    before "was" (or "and" with a count that has its own verb) and an outcome participle or "died"."""
    taken = {k for c in chunks for k in range(c.i, c.j)}
    starts = {c.i for c in chunks}
    verbs = set(by_start)
    found = []
    for k in range(1, len(toks)):
        low = toks[k].low
        # "Jane Roe, a teacher, was killed": the name ends where the apposition opens
        opens = named.apposition_start(toks, k, verbs) if low in ("was", "died", "and") else None
        end = k if opens is None else opens
        described = None
        if opens is not None:
            first = opens + 2 if toks[opens + 1].low in ("a", "an", "the") else opens + 1
            described = head_noun(toks, first, lex)[0]
        if low == "was" and toks[k - 1].low in ("he", "she") and (k == 1 or toks[k - 2].low in (",", "and", "but")):
            i = k - 1  # "he was pronounced dead at the scene": a person already named, counted once here
        elif low not in ("was", "died", "and") or not _name_word(toks[end - 1], end - 1, taken):
            continue
        else:
            i = end - 1
            while (
                i > 0 and end - i < 3 and _name_word(toks[i - 1], i - 1, taken) and toks[i - 1].low not in named.TITLES
            ):
                i -= 1
            titled = named.title_start(toks, i)
            if toks[i].low in NOT_A_NAME or (
                titled > 0 and (toks[titled - 1].text[:1].isupper() or toks[titled - 1].text[:1].isdigit())
            ):
                continue
        key = fold(" ".join(t.text for t in toks[i:end]))
        # rule: victim.name_not_place: a place is never what "was killed" or "died": "Keita was killed" is a person
        subject = i == 0 or toks[i - 1].text in (",", ";") or toks[i - 1].low in ("and", "but", "while")
        place = key in lex.places and not (low == "was" and subject)  # "in Helmand died": a place
        if toks[i].low not in ("he", "she") and (
            key in lex.countries
            or place
            or match_perpetrator(toks, i, lex) is not None
            or _match(lex.groups, toks, i, 3) is not None
        ):
            continue
        group = described if described not in (None, "unknown") else "unknown"
        if opens is not None:  # the description is the named person, no count of its own
            chunks[:] = [c for c in chunks if not opens < c.i < k]
        if low == "and":
            if k + 1 in starts:
                found.append(Chunk(i, k, 1, 1, 1, "exact", group=group, singular=True))
            continue
        m = k + 1 if low == "was" else k
        while m < len(toks) and m - k < 3 and toks[m].low in ("subsequently", "later", "reportedly", "also"):
            m += 1
        verb = by_start.get(m)
        if verb is not None and (verb.form == "intransitive" or (verb.form == "participle" and m > k)):
            if toks[i].low in ("he", "she"):
                group = _attacker_before(toks, i, lex)
            found.append(Chunk(i, k, 1, 1, 1, "exact", group=group, loose=True, singular=True))
    return found


def _attacker_before(toks: list[Tok], i: int, lex: Lexicon) -> str:
    """The group of "he" in "the attacker fled, and he was shot dead": militants when the sentence named one
    attacker before it, else unknown."""
    for k in range(i):
        found = _match(lex.groups, toks, k, 3)
        if found is not None and found[0].group == "militants" and found[0].number == "singular":
            return "militants"
    return "unknown"


def _name_word(t: Tok, k: int, taken: set[int]) -> bool:
    """A word that can be part of a person's name: capitalised, letters only, not all capitals ("SNA")."""
    return t.text[:1].isupper() and t.text.isalpha() and not t.text.isupper() and k not in taken


OBJECT_PRONOUNS = {"him", "her"}
POSSESSIVES = {"his", "her", "their", "its", "our", "my", "your"}
LIVES_TAKEN = {"claimed", "claiming", "claims", "took", "taking", "takes", "cost", "costing", "costs"}


def _objects_without_number(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger], lex: Lexicon) -> list[Chunk]:
    """One victim named by an active verb's object: "shot and killed a female TikToker", "killed him"."""
    starts = {c.i for c in chunks} | {k for c in chunks for k in range(c.i, c.j)}
    found = []
    for t in triggers:
        if t.form in ("participle", "active") and t.j < len(toks) and t.j in starts:
            obj = next((c for c in chunks if c.i == t.j and c.best == 1 and not c.outcome), None)
            second = named.second_person(toks, obj.j) if obj is not None else None
            if second is not None and second[0] not in starts:  # "shot and killed a doctor and his associate"
                found.append(Chunk(*second, 1, 1, 1, "exact", group="unknown", outcome=t.outcome))
        if t.form not in ("participle", "active") or t.j >= len(toks) or t.j in starts:
            continue
        if t.i > 0 and toks[t.i - 1].low in POSSESSIVES:
            continue  # "died of his wounds a week later": a noun, not a verb with an object
        first = toks[t.j]
        if t.j + 2 < len(toks) and toks[t.j + 1].low in ("total", "maximum", "minimum") and toks[t.j + 2].low == "of":
            continue  # "a total of 66 people": the count follows
        if first.low in OBJECT_PRONOUNS:
            found.append(Chunk(t.j, t.j + 1, 1, 1, 1, "exact", group="unknown", outcome=t.outcome))
            continue
        if first.low not in ("a", "an", "another", "the") and first.low not in PERSONAL_POSSESSIVES:
            group, _, number, end, _ = head_noun(toks, t.j, lex)
            if group is not None and number == "singular":  # "shot and killed civilian from ..."
                found.append(Chunk(t.j, end, 1, 1, 1, "exact", group=group, outcome=t.outcome))
            elif group is None and t.outcome in ("killed", "injured"):
                person = _named_object(toks, t, lex)  # "shot and killed Jane Roe, a teacher, in Town"
                if person is not None:
                    found.append(person)
            continue
        k = t.j + 1
        while (
            k < len(toks)
            and k - t.j <= 4
            and toks[k].text[:1].isalpha()
            and toks[k].low not in STOP_BEFORE_HEAD
            and toks[k].low not in AUX
            and _match(lex.outcomes, toks, k, 2) is None
        ):
            k += 1
        if k == t.j + 1 or toks[k - 1].low.endswith("s") and not toks[k - 1].low.endswith("ss"):
            continue  # nothing named, or a plural: "killed the fighters" is no single victim
        if any(x.low in named.TIME_WORDS for x in toks[t.j : k + 1]):
            continue  # rule: victim.not_a_time: "were killed the next day", "killed a short time later"
        found.append(
            Chunk(t.j, k, 1, 1, 1, "exact", group="unknown", outcome=t.outcome, another=first.low == "another")
        )
        second = named.second_person(toks, k)  # "shot and killed a doctor and his associate"
        if second is not None and second[0] not in starts:
            found.append(Chunk(*second, 1, 1, 1, "exact", group="unknown", outcome=t.outcome))
    return found


def _named_object(toks: list[Tok], t: Trigger, lex: Lexicon) -> Chunk | None:
    """One person named as the object of an active outcome verb, in the group their apposition names."""
    span = named.object_name(toks, t.j)
    if span is None:
        return None
    start, end = span
    key = fold(" ".join(x.text for x in toks[start:end]))
    if (
        key in lex.countries
        or key in lex.places
        or match_perpetrator(toks, start, lex) is not None
        or _match(lex.groups, toks, start, 3) is not None
    ):
        return None
    group = head_noun(toks, t.j, lex)[0] if t.j < start else None  # "killed police officer Ali Noor"
    if end + 2 < len(toks) and toks[end].text == ",":
        first = end + 2 if toks[end + 1].low in ("a", "an", "the") else end + 1
        group = group or head_noun(toks, first, lex)[0]  # "killed Jane Roe, a teacher,"
    return Chunk(t.j, end, 1, 1, 1, "exact", group=group or "unknown", outcome=t.outcome, singular=True)


def _toll_before(toks: list[Tok], i: int, triggers: list[Trigger]) -> str | None:
    """ "the death toll rose to 30", "a toll of 12", "brought the day's death toll to 92"."""
    if i == 0 or toks[i - 1].low not in ("to", "at", "of", "reached", "hit", "is", "was", "stood", "stands", "now"):
        return None
    for t in triggers:
        if (t.form == "toll" or _number_of(toks, t)) and 0 < i - t.j <= 25:
            return t.outcome
    return None


def _number_of(toks: list[Tok], t: Trigger) -> bool:
    """An outcome word after "the number of" names a toll: "the number of people killed rose to 16"."""
    return any(toks[m].low == "number" and toks[m + 1].low == "of" for m in range(max(0, t.i - 4), t.i - 1))


def _coordinate(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger]) -> None:
    """Counts joined by "and" or commas share the outcome: "five militants and two civilians were killed"."""
    trigger_at = {k for t in triggers for k in range(t.i, t.j)}
    for _ in range(2):
        for a, b in zip(chunks, chunks[1:], strict=False):
            between = toks[a.j : b.i]
            one_of = b.best == 1 and b.i + 1 < len(toks) and toks[b.i + 1].low == "of"
            if one_of and all(t.text == "," for t in between):
                continue  # ", 1 of whom was the park's director": one person of those counted, no new count
            as_well_as = _as_well_as([t.low for t in between])
            along = [t.low for t in between[-2:]] in (["along", "with"], ["together", "with"])
            if a.outcome and not b.outcome and along:
                b.outcome = a.outcome  # "seven civilians were killed along with ten soldiers"
                continue
            if any(k in trigger_at for k in range(a.j, b.i)):
                continue
            if a.outcome and not b.outcome and _described_then_listed(between) and _in_list(toks, chunks, b):
                b.outcome = a.outcome  # "killed a candidate running for a seat in the assembly, his driver and a guard"
                continue
            if not between or (len(between) > 3 and not as_well_as):
                continue
            if not all(t.low in COORDINATORS or t.low in ("as", "well", "their", "his", "her") for t in between):
                continue
            joined = any(t.low in ("and", "plus", "&", "well") for t in between)
            if not joined and (a.singular or b.singular or a.loose or b.loose) and not _in_list(toks, chunks, b):
                continue  # ", a rescue worker said": an apposition or a source, not another count
            if b.outcome and not a.outcome and (a.group or not b.group):
                a.outcome = b.outcome
            elif a.outcome and not b.outcome and not b.bare:
                b.outcome = a.outcome


def _described_then_listed(between: list[Tok]) -> bool:
    """Words after a victim that describe them and end with the comma of a list: "running for a seat in the
    provincial assembly ,". No verb, number, clause word or second comma."""
    if len(between) < 2 or len(between) > 10 or between[-1].text != ",":
        return False
    return all(t.text[:1].isalpha() and t.low not in PASSIVE_AUX and t.low not in CLAUSE_WORDS for t in between[:-1])


CLAUSE_WORDS = {"and", "or", "but", "who", "which", "that", "when", "while", "after", "before", "as", "said", "says"}


def _in_list(toks: list[Tok], chunks: list[Chunk], c: Chunk) -> bool:
    """Whether a count is inside a list closed by "and": "killed a bomber, a soldier, 4 police and 4 civilians"."""
    n = chunks.index(c)
    for a, b in zip(chunks[n:], chunks[n + 1 :], strict=False):
        between = [t.low for t in toks[a.j : b.i]]
        if not between or len(between) > 2 or not all(w in COORDINATORS for w in between):
            return False
        if "and" in between:
            return True
    return False


def _attach_inclusions(
    toks: list[Tok], chunks: list[Chunk], verbs: AbstractSet[int] = frozenset(), actions: AbstractSet[int] = frozenset()
) -> None:
    """ "ten people, including three children": the children are part of the ten, not ten more.

    `verbs` are where outcome verbs start, `actions` where any outcome verb or phrase starts. A count after the
    total's verb with a verb of its own starts a new clause: "24 people, including a priest, were killed and 18
    were wounded"; so does a new verb after the cue: "including a French national and injuring 9 others"."""
    for n, c in enumerate(chunks):
        if c.is_part:
            continue
        for d in chunks[n + 1 :]:
            if d in c.parts:
                continue
            if d.another:
                break  # "... and another 27 people were wounded": a new count, no part of the total
            if d.j < len(toks) and toks[d.j].low in SAYS:
                break  # "including two advisers, the minister said": who says it, no victim
            partitive = d.i + 2 < len(toks) and toks[d.i + 1].low == "of" and toks[d.i + 2].low in ("them", "whom")
            described = d.group not in (None, "unknown")  # "three of them children", not "fire from one of them"
            if partitive and described and c.best is not None and d.best is not None and d.best <= c.best:
                d.is_part, d.outcome = True, c.outcome  # "ten people were killed on Monday, three of them children"
                c.parts.append(d)
                continue
            if verbs and any(c.j <= k < d.i for k in verbs) and _verb_after(toks, d.j, verbs):
                break
            gap_start = c.parts[-1].j if c.parts else c.j
            gap = [t.low for t in toks[gap_start : d.i]]
            words = [w for w in gap if w not in (",", "(", "-", "—")]
            # the cue may follow a short time or place phrase: "killed 15 others on Thursday, including three children"
            cue = len(words) <= 7 and any(
                tuple(words[k : k + len(cue)]) == cue for cue in INCLUSION_CUES for k in range(len(words))
            )
            if cue and actions:
                # "killing 3 civilians including a French national and injuring 9 others": a new verb, a new count
                cue_at = next(k for k in range(gap_start, d.i) if toks[k].low in ("including", "among", "of"))
                cue = not any(cue_at < k < d.i for k in actions)
            # "killing 20 people - 15 civilians and five soldiers -": the groups in apposition between dashes
            dash = not c.parts and gap in (["-"], ["–"], ["—"]) and d.group not in (None, "unknown")
            cue = cue or dash
            if cue or (c.parts and all(w in COORDINATORS for w in gap)):
                if not cue and not c.parts:
                    break
                last = c.parts[-1] if c.parts else None
                if last is not None and not cue:
                    gap = [t.low for t in toks[last.j : d.i]]
                    if not all(w in COORDINATORS for w in gap):
                        break
                d.is_part = True
                d.outcome = c.outcome
                c.parts.append(d)
                continue
            break


# ---------------------------------------------------------------- attribution: sources, perpetrators, notes

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
GENERIC_SOURCES = {
    "police",
    "officials",
    "military",
    "army",
    "government",
    "group",
    "sources",
    "spokesman",
    "minister",
    "ministry",
    "agency",
    "witnesses",
    "residents",
    "doctors",
    "medics",
    "hospital",
    "governor",
    "mayor",
    "commander",
    "authorities",
    "monitor",
    "monitors",
}
NOT_SOURCE_START = {
    "in",
    "on",
    "at",
    "that",
    "last",
    "this",
    "earlier",
    "later",
    "late",
    "early",
    "yesterday",
    "today",
    "after",
    "before",
    "during",
    "by",
    "to",
    "of",
    "for",
    "with",
    "while",
    "when",
    "there",
    "some",
    "many",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "there", "which", "who"}
NOT_A_NAME = PRONOUNS | DETERMINERS_ONE | {"police", "army"}  # first words of no person's name
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
    notes: list[tuple[str | None, str]] = []
    low = sentence.lower()
    # each pattern only where its verb is, and from a little before it: the patterns backtrack over long text
    if not any(v in low for v in ("blame", "accuse", " held ", " holds ")):
        sentence_for_blame = ""
    else:
        at = min(i for i in (low.find(v) for v in ("blame", "accuse", " held ", " holds ")) if i >= 0)
        sentence_for_blame = sentence[max(0, at - 120) :]
    for m in BLAME.finditer(sentence_for_blame):
        blamed = m.group("blamed").strip()
        before = sentence_for_blame[: m.start("blamed")]
        src = find_source(before + " said", lex) or _clean_source(_tail_actor(m.group("src"), lex), lex)
        if blamed:
            notes.append((src, blamed))
    if not notes and any(v in low for v in ("killed more", "caused most", "caused the majority", "responsible for")):
        m = KILLED_MORE.search(sentence)
        if m:
            blamed = re.sub(r"^(?:for the first time,?\s*)", "", m.group("blamed").strip(), flags=re.I)
            src = (
                _clean_source(_tail_actor(m.group("src") or "", lex), lex)
                if m.group("src")
                else find_source(sentence, lex)
            )
            notes.append((src, blamed))
    if not notes and ("blamed" in low or "responsible" in low):
        m = BLAMED_PASSIVE.search(sentence)
        if m and m.group("blamed"):
            src = find_source(sentence, lex)
            notes.append((src, _tail_actor(m.group("blamed"), lex)))
    if not notes and "claimed" in low:
        m = CLAIMED.search(sentence)
        if m:
            actor = _tail_actor(m.group("blamed"), lex)
            notes.append((actor, actor))
    return [(s, b) for s, b in notes if b and len(b) < 200]


# ---------------------------------------------------------------- the article


@dataclass
class ArticleResult:
    figures: list[dict]
    reports: list[dict]
    notes: list[dict]


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def extract_article(
    text: str,
    article_id: str,
    published: dt.date | None,
    lex: Lexicon | None = None,
    title: str | None = None,
    published_inferred: bool = False,
) -> ArticleResult:
    """Every casualty figure, report and attribution note of one article."""
    lex = lex or load()
    spans = sentence_spans(text)
    trigger = lex.patterns["trigger"]
    low = text.lower()
    hits = {m.start() for m in trigger.finditer(low)}
    notes_hits = {m.start() for m in NOTE_TRIGGER.finditer(low)} if any(w in low for w in NOTE_TRIGGER_WORDS) else set()
    figures: list[dict] = []
    reports: list[dict] = []
    notes: list[dict] = []
    short = len(text) <= int(lex.settings.get("event_note_max_chars", 0))
    undated = published is None or published_inferred
    if not hits and not notes_hits and not (short and undated):
        return ArticleResult(figures, reports, notes)

    starts = [s for s, _, _ in spans]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    head = (title or "") + " " + text[:400]
    # event notes (short, undated: ACLED, incident lists) are conflict events by definition; news must show it
    told = None if short and undated else violence.told_as_violence(title, text, lex)
    if told is False or (
        not (short and undated)
        and not told
        and (
            not _cue(text[:4000] + " " + (title or ""), lex, ("armed",))
            or (_cue(head, lex, ("non_violent",)) and not _cue(head, lex, ("armed",)))
        )
    ):
        hits = set()  # no armed violence in it: accidents, disasters, ordinary crime (GUIDELINES.md)
    dateline = geo.dateline_end(text)
    wanted = sorted({sentence_of(p) for p in hits})
    note_sentences = sorted({sentence_of(p) for p in notes_hits})
    # places and days are read where they matter: the lead, and the sentences read closely with the one before
    lead_end = next((s for s, _, p in spans if p >= 3), len(text))
    windows = (
        _windows(
            [(0, min(lead_end, 1500))]
            + [(spans[max(0, s - 1)][0], spans[s][1]) for s in sorted(set(wanted) | set(note_sentences))]
        )
        if not short
        else [(0, len(text))]
    )
    mentions = [m for a, b in windows for m in geo.mentions(text, lex, a, b)]
    if mentions:
        # "Islamic State of Iraq and the Levant", "Tehrik-i-Taliban Pakistan": a group's name, not a place
        names = [(m.start(), m.end()) for a, b in windows for m in lex.patterns["perpetrator"].finditer(text, a, b)]
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in names)]
    title_mentions = geo.mentions(title, lex) if title else []
    votes = geo.article_votes([m for m in mentions if m.start >= dateline] + title_mentions + title_mentions)
    for m in mentions:
        if m.start < dateline and m.kind == "place":
            votes[m.codes[0]] += 1  # the dateline: where the article was written, often near the events
    for _, name in find_perpetrators(text[:3000] + " " + (title or ""), lex):
        if name in lex.perpetrator_countries:
            votes[lex.perpetrator_countries[name]] += 1.5
    top_country = votes.most_common(1)[0][0] if votes else None
    paragraph_starts: dict[int, int] = {}
    for a, _, p in spans:
        paragraph_starts.setdefault(p, a)
    day_mentions = [
        (s + a, e + a, d)
        for a, b in windows
        for s, e, d in dates.day_mentions(text[a:b], published)
        if not (s + a < 80 and WIRE_DATELINE.match(text, e + a))  # "BAGHDAD, July 1 (Reuters) -": the story's day
    ]
    event_days = _event_days(text, day_mentions)
    lead_day = _lead_day(text, spans, event_days)
    claims = [p for s in range(len(spans)) for p in _claims(text[spans[s][0] : spans[s][1]], lex)]
    sources_by_sentence: dict[int, str | None] = {}

    def source_of(s: int) -> str | None:
        if s not in sources_by_sentence:
            sources_by_sentence[s] = find_source(text[spans[s][0] : spans[s][1]], lex)
        return sources_by_sentence[s]

    for s in wanted:
        start, end, para = spans[s]
        sentence = text[start:end]
        if _cue(sentence, lex, ("non_violent",)) and not _cue(sentence, lex, ("violent_act",)):
            continue
        toks = tokenize(sentence, start)
        if toks and toks[0].low in anaphora.DEFINITE:  # "The farmers were killed" after "abducted four farmers"
            toks = anaphora.definite_count(toks, text[paragraph_starts[para] : start], _tok)
        chunks = _foreground(read_sentence(toks, lex), toks, sentence, start, lex)
        if not chunks:
            continue
        source = source_of(s)
        group_context = None
        if source is None and s > 0:
            prev = text[spans[s - 1][0] : spans[s - 1][1]]
            if trigger.search(prev):
                source = source_of(s - 1)
                group_context = _group_adjective(prev, lex)
        span_period = dates.period(sentence, published, lex)
        if span_period is not None and _comparison(sentence, span_period):
            # "the deadliest attack in the capital since 2011": no period; "killed 11,215 people in 2019, the lowest
            # annual toll since the conflict began": the period is another one the sentence names
            _, cue_start, cue_end, _ = span_period
            blanked = sentence[:cue_start] + " " * (cue_end - cue_start) + sentence[cue_end:]
            span_period = dates.period(blanked, published, lex)
        sentence_days = [d for d in event_days if start <= d[0] < end]
        sentence_places = [m for m in mentions if start <= m.start < end and m.start >= dateline]
        perps = find_perpetrators(sentence, lex)
        previous_group = None
        for c in chunks:
            outcome = c.outcome
            items = [c, *c.parts]
            for part in items:
                figures.append(_figure(article_id, sentence, start, toks, part, outcome))
            kind, start_date, end_date = _when(
                int(lex.settings.get("incident_max_count", 10**9)),
                c,
                toks,
                sentence,
                start,
                span_period,
                sentence_days,
                (None if published_inferred else _day_before(event_days, paragraph_starts[para], start)) or lead_day,
                published,
                published_inferred,
            )
            country, location = _where(
                c, toks, sentence_places, mentions, votes, top_country, dateline, paragraph_starts[para]
            )
            perpetrator = _perpetrator(c, toks, perps, start, claims, kind)
            group_total = c.group or "unknown"
            if group_total == "unknown" and c.head_outcome and group_context:
                group_total = group_context
            if group_total == "unknown" and c.head_outcome and ":" in sentence[: toks[c.i].start - start]:
                # "3,458 civilian casualties in 2020: 1,282 deaths and 2,176 injuries"
                group_total = _group_adjective(sentence[: toks[c.i].start - start], lex) or group_total
            if group_total == "unknown":
                group_total = _majority_group(toks, c, lex) or _shared_majority(toks, chunks, c, lex) or group_total
            if c.group is None and not c.head_outcome and previous_group:
                group_total = previous_group  # "103 civilians were killed and 67 wounded"
            if c.group and c.group != "unknown":
                previous_group = c.group
            pieces = _partition(c, group_total)
            for group, low, best, high, qualifier, parts in pieces:
                reports.append(
                    {
                        "article_id": article_id,
                        "kind": kind,
                        "outcome": outcome,
                        "victim_group": group,
                        "count_low": low,
                        "count_best": best,
                        "count_high": high,
                        "qualifier": qualifier,
                        "start_date": start_date,
                        "end_date": end_date,
                        "country_code": country,
                        "location": location,
                        "perpetrator": perpetrator,
                        "reporting_source": source,
                        "figure_ids": ";".join(_figure_id(article_id, p, toks) for p in parts),
                        "sentence": sentence,
                        "span_start": toks[parts[0].i].start,
                        "span_end": toks[parts[0].j - 1].end,
                        "_sentence_index": s,
                        "_dated": (bool(sentence_days) and start_date is not None) or kind == "period_total",
                        "_another": c.another,
                        "_update": bool(TOLL_UPDATE.search(sentence)),
                        "_alternative": bool(ALTERNATIVE_FIGURE.search(sentence)),
                        "_stabbed": outcome == "injured" and bool(STABBED_ONLY.search(sentence)),
                        "_among": c.among or _among(sentence, toks[c.j - 1].end - start),
                        "_in_hospital": bool(IN_HOSPITAL.match(sentence, toks[c.j - 1].end - start)),
                        "_injured_died": bool(INJURED_DIED.match(sentence, toks[c.i].start - start)),
                        "_split_total": (s, c.i, c.best) if len(pieces) > 1 else None,
                        "_initial": bool(INITIAL_FIGURE.search(sentence, 0, toks[c.i].start - start)),
                        "_bodies": toks[c.j - 1].low in ("bodies", "corpses"),
                    }
                )
    for s in note_sentences:
        start, end, _ = spans[s]
        sentence = text[start:end]
        for src, blamed in find_notes(sentence, lex):
            notes.append(
                {
                    "note_id": _id(article_id, start, blamed),
                    "article_id": article_id,
                    "reporting_source": src,
                    "blamed": blamed,
                    "sentence": sentence,
                    "span_start": start,
                    "span_end": end,
                }
            )
    reports = _consolidate_article(_initial_superseded(_injured_died_in_toll(_hospital_subsets(reports))))
    reports = _bodies_in_toll(_other_sources(_split_repeats(reports)))
    _toll_attack_days(reports, text, spans, event_days)
    if any(r["_among"] for r in reports):  # what is left of a total may repeat a count told elsewhere
        reports = _consolidate_article(_among_parts(reports))
    reports = _breakdown(reports)
    if (
        short
        and (published_inferred or published is None)
        and text.strip()
        and not any(r["outcome"] == "killed" and r["kind"] == "incident" for r in reports)
    ):
        reports.append(
            _zero_report(text, spans, article_id, mentions, votes, top_country, lead_day, published, published_inferred)
        )
    for n, r in enumerate(reports):
        r["report_id"] = f"{article_id}-{n:03d}"
        for flag in WORKING_FLAGS:
            r.pop(flag, None)
    return ArticleResult(_unique(figures, "figure_id"), reports, _unique(notes, "note_id"))


# a report's working flags while its article is consolidated, dropped before it leaves the engine
WORKING_FLAGS = (
    "_sentence_index",
    "_dated",
    "_another",
    "_update",
    "_alternative",
    "_stabbed",
    "_among",
    "_in_hospital",
    "_injured_died",
    "_split_total",
    "_initial",
    "_bodies",
)


def _zero_report(
    text: str,
    spans,
    article_id: str,
    mentions,
    votes,
    top_country,
    lead_day,
    published: dt.date | None,
    published_inferred: bool,
) -> dict:
    """An event note that states no death: 0 killed on its day and in its place (settings.csv)."""
    country, location = geo.resolve(mentions, votes)
    day = lead_day or (None if published_inferred else published)
    first = text[spans[0][0] : spans[0][1]] if spans else text
    return {
        "article_id": article_id,
        "kind": "incident",
        "outcome": "killed",
        "victim_group": "unknown",
        "count_low": 0,
        "count_best": 0,
        "count_high": 0,
        "qualifier": "exact",
        "start_date": day,
        "end_date": day,
        "country_code": country or top_country,
        "location": location,
        "perpetrator": None,
        "reporting_source": None,
        "figure_ids": "",
        "sentence": first,
        "span_start": None,
        "span_end": None,
        **dict.fromkeys(WORKING_FLAGS, False),
        "_sentence_index": -1,
    }


def _unique(rows: list[dict], key: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for r in rows:
        seen.setdefault(r[key], r)
    return list(seen.values())


def _cue(sentence: str, lex: Lexicon, kinds: tuple[str, ...]) -> bool:
    """Does the text hold a context cue of one of these kinds (context.csv)?"""
    sentence = sentence.lower()
    return any(_cue_pattern(lex, kind).search(sentence) for kind in kinds)


def _foreground(chunks: list[Chunk], toks: list[Tok], sentence: str, start: int, lex: Lexicon) -> list[Chunk]:
    """The counts of a sentence without those of an earlier event told as its motive: after "in retaliation for
    the killing of", or just before "(coded separately)"."""
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
    return chunks


BACKGROUND_CLAUSE = {"for", "after", "which", "that", "following", "follows", "when", "since"}


def _cue_pattern(lex: Lexicon, kind: str) -> re.Pattern[str]:
    """All of context.csv's patterns of one kind as one regex (built once per lexicon)."""
    key = f"cue:{kind}"
    if key not in lex.patterns:
        parts = [pattern.pattern for pattern, cue in lex.context if cue == kind] or ["(?!)"]
        lex.patterns[key] = re.compile("|".join(f"(?:{p})" for p in parts))
    return lex.patterns[key]


def _windows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching character ranges merged, in order."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _group_adjective(sentence: str, lex: Lexicon) -> str | None:
    """ "Civilian casualties have been rising": the group a following bare total refers to."""
    m = re.search(
        r"\b(civilian|military|militant|police|security force|child|children's)\s+(?:casualt|death|toll)",
        sentence,
        re.I,
    )
    if not m:
        return None
    return lex.group_modifiers.get(m.group(1).lower().split()[0], "civilians")


MAJORITY = {"most", "mostly", "mainly", "majority", "largely", "predominantly", "nearly", "almost", "all"}


def _majority_group(toks: list[Tok], c: Chunk, lex: Lexicon) -> str | None:
    """ "ten people, most of them tourists", "mostly women and children": the group the total mostly is."""
    k = c.j
    if k < len(toks) and toks[k].text == ",":
        k += 1
    if k >= len(toks) or toks[k].low not in MAJORITY:
        return None
    k += 1
    while k < len(toks) and toks[k].low in ("of", "them", "whom", "the", "all", "majority", "were", "being"):
        k += 1
    group, _, _, _, _ = head_noun(toks, k, lex)
    return group if group and group != "unknown" else None


def _shared_majority(toks: list[Tok], chunks: list[Chunk], c: Chunk, lex: Lexicon) -> str | None:
    """ "killed 65 people and injured more than 280 others, mostly women and children": the victims of both."""
    n = chunks.index(c)
    if n + 1 >= len(chunks):
        return None
    nxt = chunks[n + 1]
    between = [t.low for t in toks[c.j : nxt.i]]
    if not between or between[0] != "and" or len(between) > 5 or nxt.outcome == c.outcome:
        return None
    return _majority_group(toks, nxt, lex)


def _figure_id(article_id: str, c: Chunk, toks: list[Tok]) -> str:
    return f"{article_id}-{toks[c.i].start}-{toks[c.j - 1].end}"


def _figure(article_id: str, sentence: str, start: int, toks: list[Tok], c: Chunk, outcome: str | None) -> dict:
    return {
        "figure_id": _figure_id(article_id, c, toks),
        "article_id": article_id,
        "sentence": sentence,
        "sentence_start": start,
        "span_start": toks[c.i].start,
        "span_end": toks[c.j - 1].end,
        "number_text": " ".join(t.text for t in toks[c.i : c.j]),
        "outcome": outcome,
        "victim_group": c.group or "unknown",
        "count_low": c.low,
        "count_best": c.best,
        "count_high": c.high,
        "qualifier": c.qualifier,
    }


def _partition(c: Chunk, group_total: str) -> list[tuple[str, int | None, int | None, int | None, str, list[Chunk]]]:
    """Split a total into disjoint victim groups that add up to it (GUIDELINES.md)."""
    parts = [p for p in c.parts if p.group and p.best is not None and not p.bare]
    if not parts or c.best is None:
        return [(group_total, c.low, c.best, c.high, c.qualifier, [c, *c.parts])]
    if group_total != "unknown":
        # "ten civilians, including three children": the parts are the same group as the total
        others = [p for p in parts if p.group not in (group_total, "unknown")]  # "one of them" is of the total's group
        if not others:
            return [(group_total, c.low, c.best, c.high, c.qualifier, [c, *c.parts])]
    by_group: Counter[str] = Counter()
    for p in parts:
        by_group[p.group] += p.best
    inside = sum(by_group.values())
    if inside > c.best:
        return [(group_total, c.low, c.best, c.high, c.qualifier, [c, *c.parts])]
    out = []
    for group, count in by_group.items():
        members = [p for p in parts if p.group == group]
        qualifier = members[0].qualifier if len(members) == 1 else "exact"
        out.append((group, count, count, count if qualifier == "exact" else None, qualifier, members))
    rest = c.best - inside
    if rest > 0:
        low = None if c.low is None else max(c.low - inside, 0)
        high = None if c.high is None else c.high - inside
        if group_total in by_group:
            g = [o for o in out if o[0] == group_total][0]
            out.remove(g)
            out.append((group_total, c.low, c.best, c.high, c.qualifier, [c, *g[5]]))
        else:
            out.append((group_total, low, rest, high, c.qualifier, [c]))
    return out


# the end of a wire dateline after its day: "BAGHDAD, July 1 (Reuters) -", "GENEVA, Aug 8 (AP) —"
WIRE_DATELINE = re.compile(r"\s*\([A-Z][\w .&/-]{1,40}\)\s*[-–—]")


ATTACK_NOUN = r"(?:attack|bombing|blast|explosion|strike|raid|ambush|shooting|assault|massacre)s?"
ATTACK_NEAR_DAY = re.compile(
    rf"\b(?:{ATTACK_NOUN}|struck|exploded|ambushed|stormed|opened fire|blew (?:himself|herself) up)\b", re.I
)


def _toll_attack_days(reports: list[dict], text: str, spans, event_days: list) -> None:
    """A toll that rose ("the death toll from a missile strike rose to 20 on Tuesday") is dated by its attack's day
    told near the top ("The strike on the mall on Monday afternoon ...", "Thursday's attack"), not by the day the
    toll rose or the day it was said."""
    limit = _lead_end(text, spans)
    attack_days = [
        d for d in event_days if d[0] < limit and ATTACK_NEAR_DAY.search(text[max(0, d[0] - 80) : d[1] + 20])
    ]
    if not attack_days:
        return
    day = attack_days[0][2]
    for r in reports:
        updated = r["_update"] and r["kind"] == "incident" and r["start_date"] is not None
        if updated and r["start_date"] != day and abs((r["start_date"] - day).days) <= 7:
            r["start_date"] = r["end_date"] = day


def _possessive_day(sentence: str, a: int, b: int) -> bool:
    """Whether a day is named as its event's: "Tuesday's bombing", "the attack on Tuesday"."""
    return (
        sentence[a:b].endswith(("'s", "’s"))
        or sentence[b : b + 2] in ("'s", "’s")
        or bool(ATTACK_ON_DAY.search(sentence[max(0, a - 40) : b]))
    )


ATTACK_ON_DAY = re.compile(rf"\b{ATTACK_NOUN}\s+(?:on|of)\s+(?:last\s+)?\w+$")


def _event_days(text: str, day_mentions: list) -> list:
    """The days named as when something happened, not a day something was said ("police said on Friday")."""
    return [d for d in day_mentions if not dates.SAID_BEFORE.search(text[max(0, d[0] - 30) : d[0]])]


def _day_before(event_days: list, paragraph_start: int, pos: int) -> dt.date | None:
    """The last day named earlier in the sentence's paragraph: "Thursday's siege left seven dead. Twenty-four
    people were wounded" is Thursday, whatever day the lead's news is."""
    before = [d for d in event_days if paragraph_start <= d[0] < pos]
    return before[-1][2] if before else None


def _lead_day(text: str, spans: list[tuple[int, int, int]], event_days: list) -> dt.date | None:
    """The day the article's news happened: the first event day named in its first three paragraphs."""
    limit = _lead_end(text, spans)
    early = [d for d in event_days if d[0] < limit]
    return early[0][2] if early else None


def _lead_end(text: str, spans: list[tuple[int, int, int]]) -> int:
    """Where an article's first three paragraphs, which tell its main news, end."""
    return next((s for s, _, p in spans if p >= 3), len(text))


WEAK_PERIODS = {"this_year", "last_year", "last_month", "this_month", "this_week", "year"}
SINGLE_INCIDENT = re.compile(
    r"\b(?:a|an|the|one|that|this|its|similar|single|twin|double)\s+(?:\w+\s+){0,2}?(?:attack|bombing|blast|explosion|"
    r"strike|airstrike|raid|ambush|massacre|shooting|assault|stabbing|rampage|siege|bomb|bomber|gunman|car bomb)\b",
    re.I,
)
PERFECT_VERB = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:been|killed|claimed|died|left|caused)\b", re.I)
PRESENT_PERFECT = re.compile(
    r"\b(?:forces|troops|militants|fighters|insurgents|rebels|groups?|war|conflict|violence|attacks|strikes|"
    r"airstrikes|bombings|stabbings|shootings|rammings|insurgency|fighting)\s+(?:\w+\s+)?(?:have|has)\s+"
    r"(?:now\s+|so far\s+|reportedly\s+)?(?:killed|claimed)\b",
    re.I,
)


COMPARED_SINCE = re.compile(
    r"\b(?:deadliest|most deadly|bloodiest|worst|biggest|largest|heaviest|highest|first|lowest|(?<!at )least|smallest|"
    r"fewest|lightest)\b[^.;]{0,80}$",
    re.I,
)


def _comparison(sentence: str, span_period: tuple) -> bool:
    """Whether a "since ..." period only dates a comparison: "the deadliest attack since 2011"."""
    _, cue_start, _, rule = span_period
    return rule.startswith("since") and bool(COMPARED_SINCE.search(sentence[:cue_start]))


def _when(
    incident_max: int,
    c: Chunk,
    toks: list[Tok],
    sentence: str,
    start: int,
    span_period,
    sentence_days,
    lead_day,
    published: dt.date | None,
    published_inferred: bool,
) -> tuple[str, dt.date | None, dt.date | None]:
    """Kind and dates of a report: a period total with its bounds, or an incident with its day."""
    single = SINGLE_INCIDENT.search(sentence)
    aside: tuple[int, int] | None = None  # a "since ..." that dates something else in the sentence
    if span_period is not None:
        span, cue_start, cue_end, rule = span_period
        lo, hi = toks[c.i].start - start, toks[c.j - 1].end - start
        near = cue_start <= 30 or (0 <= cue_start - hi <= 70) or (0 <= lo - cue_end <= 70) or lo <= cue_start <= hi
        perfect = PERFECT_VERB.search(sentence)
        if rule.startswith("since") and not near and not perfect:
            span_period = None  # "46 militants were killed, including a commander planning attacks since 2023"
            aside = (cue_start, cue_end)
        elif rule not in WEAK_PERIODS:
            return "period_total", span.start, span.end
        possessive = sentence[cue_end : cue_end + 2] in ("'s", "’s")  # "this week's attacks": a dated incident
        if span_period is not None and sentence_days:
            # "on Friday, killing 40 ... linked to two attacks in Tunisia last year": the nearer day dates the count
            pos = toks[c.i].start
            day_gap = min(abs(d[0] - pos) for d in sentence_days)
            if day_gap < abs(start + cue_start - pos):
                span_period = None
        if span_period is not None and near and not single and not possessive:
            return "period_total", span.start, span.end
        if span_period is not None and near and single:
            return "incident", None, None  # "a bombing last month killed 29": one attack, known to a month
    if not sentence_days and not single and PRESENT_PERFECT.search(sentence) and (c.best or 0) >= 20:
        return "period_total", None, published
    if not sentence_days and (c.best or 0) >= incident_max:
        return "period_total", None, published  # no single attack is told in such numbers: a running total
    past = [m.start() for m in dates.PAST_TIME.finditer(sentence) if not (aside and aside[0] <= m.start() < aside[1])]
    if sentence_days:
        pos = toks[c.i].start
        best = min(sentence_days, key=lambda d: abs(d[0] - pos))
        if len(sentence_days) > 1 and TOLL_UPDATE.search(sentence):
            # "the toll from Tuesday's bombing rose to 30 on Saturday": the attack's day, not the day the toll rose
            owned = [d for d in sentence_days if _possessive_day(sentence, d[0] - start, d[1] - start)]
            best = owned[0] if owned else best
        if any(abs(start + at - pos) < abs(best[0] - pos) for at in past):
            return "incident", None, None  # "Saturday's attack appeared similar to a January bombing that killed 12"
        return "incident", best[2], best[2]
    if past:
        return "incident", None, None
    day = lead_day or (None if published_inferred else published)
    return "incident", day, day


def _where(
    c: Chunk,
    toks: list[Tok],
    sentence_places,
    mentions,
    votes,
    top_country,
    dateline: int = 0,
    paragraph_start: int = 0,
) -> tuple[str | None, str | None]:
    """Country and place of a report: named in its sentence, else the last named before it in its paragraph (or
    before, when the article points nowhere else), else the article's."""
    pos = toks[c.i].start
    country, location = geo.resolve(sentence_places, votes, near=pos)
    # weak evidence: nationalities, countries named as actors, a fragment of a longer name ("Maidan" of "Maidan Shar")
    only_demonyms = all(
        (m.kind != "place" or m.partial) and (m.kind != "country" or not m.cued) for m in sentence_places
    )
    if country and not (only_demonyms and top_country and votes[top_country] > votes.get(country, 0)):
        return country, location
    # the last place named before it ("in Syria", "Nairobi"), not a country named as an actor ("the United States said")
    before = [
        m
        for m in mentions
        if dateline <= m.start < pos and not m.partial and (m.kind == "place" or (m.kind == "country" and m.cued))
    ]
    if before:
        m = before[-1]
        code = geo.pick(m, votes) if m.kind == "place" else m.codes[0]
        if m.start < paragraph_start and top_country and votes[top_country] > votes.get(code, 0):
            return top_country, None  # an aside ("fought with the group in Syria") in an earlier paragraph
        if m.kind == "place" and not m.hand_kept and top_country and votes.get(code, 0) * 2 < votes[top_country]:
            return top_country, None  # "the district of Hays" in a Yemen story is not Hays, Kansas
        return code, None
    return top_country, None


def _claims(sentence: str, lex: Lexicon) -> list[str]:
    if "claim" not in sentence and "blame" not in sentence and "suspected" not in sentence:
        return []
    if not re.search(r"claimed responsibility|claimed the|blamed|suspected|responsib", sentence):
        return []
    return [name for _, name in find_perpetrators(sentence, lex)]


def _perpetrator(
    c: Chunk, toks: list[Tok], perps: list[tuple[int, str]], start: int, claims: list[str], kind: str
) -> str | None:
    """Who caused the casualties: an armed group named in the sentence outside the victims' phrase, or a claim."""
    lo, hi = toks[c.i].start - start, toks[c.j - 1].end - start
    named = [name for pos, name in perps if not lo <= pos < hi]
    if named:
        return named[0]
    if kind == "incident" and claims:
        return claims[0]
    return None


# a later, higher toll for the same incident: "the death toll rose to 30", "local reports later suggested over 100"
TOLL_UPDATE = re.compile(
    r"\b(?:toll|number|figure|count|tally|deaths|dead|casualties)\b[^.;]{0,50}?"
    r"\b(?:rose|risen|climbed|increased|jumped|reached|now stands|has grown|mounted|revised|updated)\b"
    r"|\b(?:rose|risen|climbed|increased|jumped|mounted) to\b"
    r"|\b(?:later|subsequently)\s+(?:\w+\s+){0,2}(?:suggested|said|reported|put|raised|showed|confirmed)\b"
    r"|\b(?:death|final)\s+toll\s+(?:was|is|stood|stands)\b"
)
# another source's figure for the same quantity, told in its own sentence: "Some sources say 40 were killed."
ALTERNATIVE_FIGURE = re.compile(
    r"\b(?:some|other|several|local|international|opposition|unofficial|independent)\s+(?:\w+\s+)?"
    r"(?:sources|reports|estimates|accounts|media)\s+(?:say|said|says|put|claim|claimed|gave|give|suggest|suggested|"
    r"report|reported|estimate|estimated)\b"
    # "a health adviser put the death toll at 60", "police put the number of dead at 19"
    r"|\bput (?:the )?(?:(?:death |casualty )?toll|number of (?:the )?(?:dead|people killed|deaths)) at\b",
    re.I,
)


# "stabbed" with no other word of wounding: an injury, unless the article says more of those victims
STABBED_ONLY = re.compile(r"^(?!.*\b(?:injur|wound|hurt)).*\bstabb(?:ed|ing)\b", re.I)


AMONG = re.compile(r"\bamong (?:the|those) (?:dead|killed|wounded|injured)\b", re.I)


def _among(sentence: str, after: int) -> bool:
    """Whether a count is said to be among the dead or wounded right after it: "two women were among the dead"."""
    m = AMONG.search(sentence, after)
    return m is not None and m.start() - after <= 60


IN_HOSPITAL = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:remain(?:ed|s)?|still being treated|being treated)\b[^.;]{0,20}hospital"
)


INJURED_DIED = re.compile(
    r"[\w-]+ of (?:the|those) (?:injured|wounded)\b[^.;]{0,30}?\b(?:died|succumbed|has died|have died)\b", re.I
)


def _injured_died_in_toll(reports: list[dict]) -> list[dict]:
    """ "The death toll rose to 11 on Tuesday ... Two of the injured died overnight": those who died of their wounds
    are why the toll rose, part of it, not a count of their own."""
    tolls = [r for r in reports if r["_update"] and r["outcome"] == "killed" and r["kind"] == "incident"]
    return [
        r
        for r in reports
        if not (
            r["_injured_died"]
            and not r["_update"]
            and any((t["count_best"] or 0) > (r["count_best"] or 0) for t in tolls)
        )
    ]


def _hospital_subsets(reports: list[dict]) -> list[dict]:
    """ "84 people were wounded, and 23 remained in hospital": those in hospital are some of the wounded, no new
    count. Without a count of the wounded, they are the count ("112 people remain in hospital")."""
    wounded = [
        r["count_best"]
        for r in reports
        if r["outcome"] == "injured" and r["kind"] == "incident" and not r["_in_hospital"] and r["count_best"]
    ]
    return [r for r in reports if not (r["_in_hospital"] and any(n >= (r["count_best"] or 0) for n in wounded))]


# what a part of an incident shares with the rest of it: its day, place and perpetrator
PART_KEYS = ("start_date", "end_date", "country_code", "location", "perpetrator")


def _fill_missing(report: dict, other: dict, keys: tuple[str, ...] = PART_KEYS) -> None:
    """Give a report what another report of its incident says and it does not."""
    for key in keys:
        if report[key] is None:
            report[key] = other[key]


def _as_range(report: dict, other: dict) -> None:
    """Widen a report to hold another source's figure for the same quantity (GUIDELINES: one report, a range)."""
    bests = [x for x in (report["count_best"], other["count_best"]) if x is not None]
    lows = [x for x in (report["count_low"], other["count_low"], *bests) if x is not None]
    highs = [x for x in (report["count_high"], other["count_high"], *bests) if x is not None]
    report.update(count_low=min(lows), count_high=max(highs), qualifier="range")


def _absorb(report: dict, other: dict) -> None:
    """A report told again: its figures are the other's too."""
    report["figure_ids"] = ";".join([report["figure_ids"], other["figure_ids"]])


def _among_parts(reports: list[dict]) -> list[dict]:
    """Counts "among the dead" are parts of the total the article told before them (GUIDELINES: reports partition
    the victims). "40 people were killed ... two women were among the dead" gives unknown 38 and civilians 2; a
    part of the total's own group ("a man was among the dead") is no new count."""
    out: list[dict] = []
    for r in reports:
        totals = [
            o
            for o in out
            if not o["_among"]
            and (o["kind"], o["outcome"]) == (r["kind"], r["outcome"])
            and o["_sentence_index"] <= r["_sentence_index"]
            and o["count_best"] is not None
        ]
        if not (r["_among"] and totals and r["count_best"] is not None):
            out.append(r)
            continue
        total = totals[-1]
        if total["victim_group"] == r["victim_group"] or (
            total["victim_group"] == "unknown" and total["count_best"] == r["count_best"]
        ):
            total["victim_group"] = r["victim_group"]  # "ten were killed ... the dead were ten soldiers": who they were
            _absorb(total, r)
            continue  # already counted in the total
        if total["victim_group"] == "unknown" and total["count_best"] > r["count_best"]:
            for key in ("count_low", "count_best", "count_high"):
                if total[key] is not None:
                    total[key] -= r["count_best"]
            # a part of the same incident: its day, place and perpetrator are the total's
            r.update({key: total[key] for key in PART_KEYS if total[key] is not None})
        out.append(r)
    return out


ANOTHER_INCIDENT = re.compile(r"\b(?:separate(?:ly)?|another|other|also|elsewhere|earlier|second|too|as well)\b", re.I)


INITIAL_FIGURE = re.compile(
    r"\binitial(?:ly)?\b"
    r"|\b(?:earlier|previous|first|preliminary) (?:death )?(?:toll|tally|figure|count|estimate|reports?)\b"
    r"|\bhad (?:earlier|previously|initially|first) (?:given|put|reported|said|announced|told)\b",
    re.I,
)


def _bodies_in_toll(reports: list[dict]) -> list[dict]:
    """Bodies counted by rescuers, hospitals or morgues are a count of the same dead as the article's toll: "killing
    27 ... 32 bodies had been brought in" is 27 to 32, and "24 bodies had been buried" some of a toll of 38."""
    out = []
    for r in reports:
        tolls = _tolls_of_bodies(r, reports) if r["_bodies"] and r["kind"] == "incident" and r["count_best"] else []
        if not tolls:
            out.append(r)
            continue
        top = max(tolls, key=lambda o: o["count_best"])
        if sum(o["count_best"] for o in tolls) < r["count_best"]:
            _as_range(top, r)
        _absorb(top, r)
    return out


def _tolls_of_bodies(bodies: dict, reports: list[dict]) -> list[dict]:
    """The article's other counts of the dead of the day a count of bodies is of."""
    return [
        o
        for o in reports
        if not o["_bodies"]
        and o["kind"] == "incident"
        and o["outcome"] == "killed"
        and o["_sentence_index"] != bodies["_sentence_index"]  # not its own parts: "19 bodies, including a teacher"
        # bodies of victims: of the same group, or any but the attackers when the bodies' group is not said
        and (
            o["victim_group"] in (bodies["victim_group"], "unknown")
            or bodies["victim_group"] == "unknown"
            and o["victim_group"] != "militants"
        )
        and o["count_best"]
        and None not in (o["start_date"], bodies["start_date"])
        and o["start_date"] == bodies["start_date"]
    ]


def _initial_superseded(reports: list[dict]) -> list[dict]:
    """ "Officials had initially reported 43 dead, but the toll climbed": a first figure the article's later one
    replaces (GUIDELINES: an updated toll is one report, with the latest figure)."""
    later = {(r["kind"], r["outcome"], r["victim_group"], r["count_best"]) for r in reports if not r["_initial"]}
    return [
        r
        for r in reports
        if not (
            r["_initial"]
            and any(
                (k, o) == (r["kind"], r["outcome"])
                and (g == r["victim_group"] or "unknown" in (g, r["victim_group"]))
                and n != r["count_best"]
                for k, o, g, n in later
            )
        )
    ]


def _other_sources(reports: list[dict]) -> list[dict]:
    """Two sources' figures for one quantity are one report with a range (GUIDELINES): "seven soldiers were killed,
    the army said ... al-Shabaab said it had killed 51 soldiers" is 7 (the figure the article leads with) to 51.
    Only for the same day, victim group and place (or none), from two named sources, with no word of another
    incident."""
    out: list[dict] = []
    for r in reports:
        same = next(
            (
                o
                for o in out
                if r["kind"] == o["kind"] == "incident"
                and (o["outcome"], o["victim_group"]) == (r["outcome"], r["victim_group"])
                and r["victim_group"] != "unknown"  # "people": too often another incident's
                and o["count_best"] is not None
                and r["count_best"] is not None
                and o["count_best"] != r["count_best"]
                and o["start_date"] is not None
                and o["start_date"] == r["start_date"]
                and None in (o["location"], r["location"])
                and o["reporting_source"]
                and r["reporting_source"]
                and fold(o["reporting_source"]) != fold(r["reporting_source"])
                and o["_sentence_index"] != r["_sentence_index"]
                and "vague" not in (o["qualifier"], r["qualifier"])
                and not r["_another"]
                and not ANOTHER_INCIDENT.search(r["sentence"])
            ),
            None,
        )
        if same is None:
            out.append(r)
            continue
        _as_range(same, r)
        _absorb(same, r)
    return out


def _split_repeats(reports: list[dict]) -> list[dict]:
    """A total told again with its victim groups is one quantity: "the death toll rose to 21 ... 'Twenty-one people
    have died, four of them children'" is civilians 4 and unknown 17 (GUIDELINES: a repeat is one report; groups
    partition the total), not 21 more."""
    split = {}
    for r in reports:
        if r["_split_total"] is not None:
            split.setdefault(r["_split_total"], []).append(r)
    if not split:
        return reports
    out = []
    for r in reports:
        pieces = next(
            (
                ps
                for (s, _, total), ps in split.items()
                if total == r["count_best"]
                and s != r["_sentence_index"]
                and (ps[0]["kind"], ps[0]["outcome"]) == (r["kind"], r["outcome"])
                and (r["start_date"] is None or ps[0]["start_date"] in (None, r["start_date"]))
            ),
            None,
        )
        if r["_split_total"] is not None or r["victim_group"] != "unknown" or r["_another"] or pieces is None:
            out.append(r)
            continue
        rest = next((p for p in pieces if p["victim_group"] == "unknown"), pieces[0])
        _absorb(rest, r)
        for p in pieces:
            _fill_missing(p, r, (*PART_KEYS, "reporting_source"))
    return out


def _breakdown(reports: list[dict]) -> list[dict]:
    """A total followed by counts of named groups that add up to it exactly is told twice: "at least 62 people were
    killed ... killing 20 soldiers ... where they killed 42 civilians" is soldiers 20 and civilians 42 (GUIDELINES:
    reports partition the victims), not 124 dead."""
    drop: set[int] = set()
    for n, total in enumerate(reports):
        if total["kind"] != "incident" or total["victim_group"] != "unknown" or not total["count_best"]:
            continue
        parts = [
            r
            for r in reports[n + 1 :]
            if (r["kind"], r["outcome"]) == ("incident", total["outcome"])
            and r["victim_group"] != "unknown"
            and r["_sentence_index"] > total["_sentence_index"]
            and r["qualifier"] != "vague"
            and r["count_best"]
            and r["start_date"] in (None, total["start_date"])
        ]
        if len(parts) >= 2 and sum(r["count_best"] for r in parts) == total["count_best"]:
            drop.add(n)
            for r in parts:
                _fill_missing(r, total)
    return [r for n, r in enumerate(reports) if n not in drop]


def _consolidate_article(reports: list[dict]) -> list[dict]:
    """One report per quantity in an article: repeats merge, updated tolls replace, sources' figures form a range.

    A vague incident figure ("several were wounded") is dropped when the article gives a number for the same
    outcome: it restates the counted figure less precisely. So is a count of people stabbed when the article
    tells what became of them ("two men were stabbed; one died and the other was badly hurt")."""
    told = any(
        r["kind"] == "incident"
        and not r["_stabbed"]
        and r["outcome"] in ("killed", "injured")
        and r["count_best"]
        and r["victim_group"] != "militants"  # "the attacker was shot dead" tells nothing of the people stabbed
        for r in reports
    )
    if told:
        reports = [r for r in reports if not r["_stabbed"]]
    counted = {
        (r["outcome"], r["_sentence_index"], r["start_date"], r["victim_group"])
        for r in reports
        if r["kind"] == "incident" and r["qualifier"] != "vague"
    }
    reports = [
        r
        for r in reports
        if not (
            r["kind"] == "incident"
            and r["qualifier"] == "vague"
            # the same day's count, or any dated count when the vague one only has the article's day; "killed 12
            # last year" does not restate "killing dozens" on Tuesday, nor "in February killed scores" today's toll
            and any(
                o == r["outcome"]
                and i != r["_sentence_index"]
                # "dozens of assailants were killed" restates no count of the soldiers killed
                and (g == r["victim_group"] or "unknown" in (g, r["victim_group"]))
                and (d == r["start_date"] or (d is not None and r["start_date"] is not None and not r["_dated"]))
                for o, i, d, g in counted
            )
        )
    ]
    out: list[dict] = []
    for r in reports:
        same = None
        for o in out:
            if (
                (o["kind"], o["outcome"]) == (r["kind"], r["outcome"])
                and o["count_best"] == r["count_best"]
                and "vague" not in (o["qualifier"], r["qualifier"])
                and (
                    o["_sentence_index"] != r["_sentence_index"]
                    and not r.get("_another")
                    and "unknown" in (o["victim_group"], r["victim_group"])
                    and o["victim_group"] != r["victim_group"]
                )
            ):
                if o["victim_group"] == "unknown":
                    o["victim_group"] = r["victim_group"]
                same = o
                break
            if (o["kind"], o["outcome"]) != (r["kind"], r["outcome"]) or (
                o["victim_group"] != r["victim_group"] and not (r["_alternative"] and r["victim_group"] == "unknown")
            ):
                continue
            if (
                o["count_best"] == r["count_best"]
                and o["count_low"] == r["count_low"]
                # a source's figure already in a range told again: "put the toll at more than 200 ... 200"
                or o["qualifier"] == "range"
                and r["count_best"] in (o["count_low"], o["count_high"])
                and r["kind"] == "incident"
            ) and (o["_sentence_index"] != r["_sentence_index"] and not r.get("_another")):
                same = o
                break
            if (
                r["_update"]
                and r["kind"] == "incident"
                and o["count_best"] is not None
                and r["count_best"] is not None
                and r["count_best"] > o["count_best"]
                and r["victim_group"] == "unknown"
                and r["outcome"] == "killed"
            ):
                same = o
                o.update(
                    {
                        k: r[k]
                        for k in (
                            "count_low",
                            "count_best",
                            "count_high",
                            "qualifier",
                            "sentence",
                            "span_start",
                            "span_end",
                        )
                    }
                )
                break
            if (
                (
                    o["_sentence_index"] == r["_sentence_index"]
                    and len(re.findall(r"\b(?:said|says|told|reported|according to)\b", r["sentence"])) >= 2
                    or o["_sentence_index"] <= r["_sentence_index"]  # "86 dead, police said, while leaders put the
                    and r["_alternative"]  # toll at more than 200"
                    and not r.get("_another")
                )
                and r["kind"] == "incident"
                and o["count_best"] is not None
                and r["count_best"] is not None
            ):
                _as_range(o, r)
                same = o
                break
        if same is None:
            out.append(dict(r))
        else:
            ids = same["figure_ids"].split(";") + [i for i in r["figure_ids"].split(";") if i not in same["figure_ids"]]
            same["figure_ids"] = ";".join(ids)
            same["_bodies"] = same["_bodies"] and r["_bodies"]  # "killing 19 people ... 19 bodies": the toll
            for k in ("reporting_source", "perpetrator", "country_code", "location", "start_date", "end_date"):
                if same.get(k) is None and r.get(k) is not None:
                    same[k] = r[k]
            if r.get("_dated") and (not same.get("_dated") or same["_update"] and not r["_update"]):
                # a repeat that names the day ("Sunday's blast") dates the report better than the default, or than
                # the day a toll rose ("the death toll rose to 21 on Saturday ... 21 killed in Thursday's attack")
                same.update(start_date=r["start_date"], end_date=r["end_date"], _dated=True)
    return out
