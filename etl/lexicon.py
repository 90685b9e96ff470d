"""Every extraction convention, loaded once from the data files in etl/conventions/ and compiled.

The files are plain CSV an analyst can read and change (lines starting with '#' are comments):
numbers.csv (vague quantifiers and number phrases), modifiers.csv ("at least", "more than"...),
number_words.csv, outcomes.csv, groups.csv, countries_extra.csv, places.csv + places_extra.csv,
sources.csv, perpetrators.csv, periods.csv, context.csv and words.csv (the engine's closed word lists).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

try:  # the regex parser (re._parser from Python 3.11 on)
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

import pycountry

CONVENTIONS = Path(__file__).parent / "conventions"


def read_table(name: str, folder: Path = CONVENTIONS) -> list[dict[str, str]]:
    """Rows of a conventions CSV file, skipping comment lines."""
    path = folder / name
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#") and line.strip()]
    rows = []
    for n, row in enumerate(csv.DictReader(lines), start=1):
        if None in row:  # csv puts the extra fields under the key None
            header = [k for k in row if k is not None]
            raise ValueError(f"{path}: data row {n} has more fields than the header {header}; quote a comma")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _int(text: str) -> int | None:
    return int(text) if text else None


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without diacritics, for matching names."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _caseless_non_word(ch: str) -> bool:
    r"""Whether a character is no word character (`\w`: alphanumeric or "_") and has no case (a dash, a curly
    quote, a no-break space)."""
    return not (ch.isalnum() or ch == "_") and ch.lower() == ch and ch.upper() == ch


def ascii_like(text: str) -> bool:
    r"""Whether a text reads as ASCII text does: ASCII, or its other characters ("—", "“", "’") are no word
    characters and have no case. In such text lower() keeps every offset, a case-blind regex of ASCII words
    matches where its lower-case form matches the lower-cased text, and the `\w` runs are those of ASCII."""
    return text.isascii() or all(_caseless_non_word(ch) for ch in set(NON_ASCII.findall(text)))


def holds_literals(low: str, clauses: tuple[frozenset[str], ...]) -> bool:
    """Whether a text holds, of each clause of required_literals, one literal at least."""
    for clause in clauses:
        for literal in clause:
            if literal in low:
                break
        else:
            return False
    return True


def required_literals(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """What every match of a regex holds, read from its parse: clauses of ASCII literal strings in lower case, every
    match holding one of each clause at least (runs of literal characters outside optional parts; of an
    alternation, one clause of each branch). In text that reads as ASCII (ascii_like), a case-blind
    match's lower case holds them too, so a text lacking one clause's literals has no match. Nothing (no clause)
    when the regex cannot be read."""
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a regex this reader does not know: no shortcut
        return ()
    return tuple(c for c in _clauses(list(tree)) if c)


def _clauses(items: list) -> list[frozenset[str]]:
    """The clauses (see required_literals) of a sequence of parsed regex items."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        if op is _sre.SUBPATTERN:
            out += _clauses(list(av[-1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            out += _clauses(list(av[2]))
        elif op is _sre.BRANCH:
            picks = []
            for branch in av[1]:
                found = _clauses(list(branch))
                if not found:  # a branch that needs no literal: the alternation needs none
                    picks = []
                    break
                picks.append(max(found, key=lambda c: min(map(len, c))))
            if picks:
                out.append(frozenset().union(*picks))
        # anything else (a class, an anchor, a look-around, a group reference): no literal needed
    if run:
        out.append(frozenset({"".join(run)}))
    return out


@dataclass(frozen=True)
class NumberPhrase:
    low: int | None
    best: int | None
    high: int | None
    qualifier: str


@dataclass(frozen=True)
class Outcome:
    outcome: str
    form: str


@dataclass(frozen=True)
class Group:
    group: str
    number: str  # plural | singular | modifier


@dataclass
class Lexicon:
    """All conventions, with lookups keyed by lower-case word tuples and regexes compiled once."""

    number_phrases: dict[tuple[str, ...], NumberPhrase]
    modifiers: dict[tuple[str, ...], str]
    number_words: dict[str, int]
    outcomes: dict[tuple[str, ...], Outcome]
    groups: dict[tuple[str, ...], Group]
    group_modifiers: dict[str, str]
    countries: dict[str, tuple[str, int]]  # folded alias -> (iso3, weight)
    places: dict[str, list[tuple[str, str, int]]]  # folded place -> [(iso3, kind, population)]
    sources: dict[str, str]  # folded phrase -> canonical
    perpetrators: dict[str, str]  # alias (case kept) -> canonical
    perpetrator_countries: dict[str, str]  # canonical -> iso3 where the group fights
    periods: list[tuple[re.Pattern[str], str]]
    context: list[tuple[re.Pattern[str], str]]
    settings: dict[str, str] = field(default_factory=dict)
    places_kept: frozenset[str] = frozenset()  # folded names of places_extra.csv: found even when not cued
    max_phrase: int = 5
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(phrase.lower()))


TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*|[^\w\s]"
)


def _country_names() -> dict[str, tuple[str, int]]:
    names: dict[str, tuple[str, int]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[fold(value)] = (c.alpha_3, 3)
    return names


@cache
def load(folder: Path = CONVENTIONS) -> Lexicon:
    """Load and compile the conventions (cached: one load per process)."""
    number_phrases = {
        _words(r["phrase"]): NumberPhrase(_int(r["low"]), _int(r["best"]), _int(r["high"]), r["qualifier"])
        for r in read_table("numbers.csv", folder)
    }
    modifiers = {_words(r["phrase"]): r["qualifier"] for r in read_table("modifiers.csv", folder)}
    number_words = {r["word"]: int(r["value"]) for r in read_table("number_words.csv", folder)}
    outcomes = {_words(r["phrase"]): Outcome(r["outcome"], r["form"]) for r in read_table("outcomes.csv", folder)}
    groups: dict[tuple[str, ...], Group] = {}
    group_modifiers: dict[str, str] = {}
    for r in read_table("groups.csv", folder):
        if r["number"] == "modifier":
            group_modifiers[r["word"].lower()] = r["group"]
        else:
            groups[_words(r["word"])] = Group(r["group"], r["number"])
    countries = _country_names()
    for r in read_table("countries_extra.csv", folder):
        countries[fold(r["alias"])] = (r["country_code"], int(r["weight"]))
    settings = {r["name"]: r["value"] for r in read_table("settings.csv", folder)}
    places: dict[str, list[tuple[str, str, int]]] = {}
    for r in read_table("places.csv", folder):
        places.setdefault(fold(r["place"]), []).append((r["country_code"], r["kind"], int(r["population"] or 0)))
    # hand-kept names are a prior, not an override: each counts as a place of place_prior_population people in
    # its country (settings.csv), beside the gazetteer's homonyms; the article's votes can still overrule it
    prior = int(settings.get("place_prior_population", 1_000_000))
    kept: set[str] = set()
    for r in read_table("places_extra.csv", folder):
        key = fold(r["place"])
        kept.add(key)
        cands = places.get(key, [])
        pop = max([prior] + [p[2] for p in cands if p[0] == r["country_code"]])
        places[key] = [(r["country_code"], r["kind"], pop)] + [p for p in cands if p[0] != r["country_code"]]
    sources = {fold(r["phrase"]): r["canonical"] for r in read_table("sources.csv", folder)}
    perpetrator_rows = read_table("perpetrators.csv", folder)
    perpetrators = {r["alias"]: r["canonical"] for r in perpetrator_rows}
    perpetrator_countries = {r["canonical"]: r["country_code"] for r in perpetrator_rows if r.get("country_code")}
    periods = [(re.compile(r"\b" + r["pattern"], re.I), r["rule"]) for r in read_table("periods.csv", folder)]
    # applied to lower-cased text: a case-sensitive regex is several times faster than re.I
    context = [(re.compile(r["pattern"]), r["cue"]) for r in read_table("context.csv", folder)]
    lex = Lexicon(
        number_phrases=number_phrases,
        modifiers=modifiers,
        number_words=number_words,
        outcomes=outcomes,
        groups=groups,
        group_modifiers=group_modifiers,
        countries=countries,
        places=places,
        sources=sources,
        perpetrators=perpetrators,
        perpetrator_countries=perpetrator_countries,
        periods=periods,
        context=context,
    )
    lex.settings = settings
    lex.places_kept = frozenset(kept)
    lex.max_phrase = max(len(k) for k in (*outcomes, *number_phrases, *modifiers, *groups))
    lex.patterns = _compile(lex)
    return lex


@cache
def word_lists(folder: Path = CONVENTIONS) -> dict[str, dict[str, str]]:
    """The engine's closed word lists (words.csv): list name -> {word: value}, in the file's order."""
    lists: dict[str, dict[str, str]] = {}
    for r in read_table("words.csv", folder):
        lists.setdefault(r["list"], {})[r["word"]] = r["value"]
    return lists


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


_FUNCTION_WORDS = {
    "were",
    "among",
    "later",
    "seriously",
    "received",
    "suffered",
    "sustained",
    "light",
    "slight",
    "minor",
    "superficial",
    "moderate",
    "serious",
    "severe",
    "critical",
    "stab",
    "gunshot",
    "shrapnel",
    "remain",
    "remained",
    "still",
    "being",
    "treated",
    "those",
    "pronounced",
    "their",
    "lost",
    "claimed",
    "claiming",
    "shot",
    "stabbed",
    "beaten",
    "burned",
    "burnt",
    "hacked",
    "succumbed",
    "down",
    "and",
    "the",
    "his",
    "her",
    "wounded",
    "injured",
}


def _compile(lex: Lexicon) -> dict[str, re.Pattern[str]]:
    """Regexes built from the word lists: the trigger that selects sentences, and name finders."""
    stems = set()
    for words in lex.outcomes:
        content = [w for w in words if w.isalpha() and len(w) > 3 and w not in _FUNCTION_WORDS]
        stems.add((content or words[-1:])[0][:5])  # all function words ("were among the wounded"): the last one
    by_first: dict[str, list[str]] = {}
    for stem in sorted(stems):
        by_first.setdefault(stem[0], []).append(re.escape(stem[1:]))
    # a trie by first letter, matched on lower-cased text: the engine's prefilter, so it must be fast
    trigger = re.compile(
        r"\b(?:" + "|".join(f"{k}(?:{'|'.join(sorted(v, key=len, reverse=True))})" for k, v in by_first.items()) + ")"
    )
    perp = re.compile(r"(?<![\w-])(?:" + _alternation(list(lex.perpetrators)) + r")(?![\w-])")
    return {"trigger": trigger, "perpetrator": perp}
