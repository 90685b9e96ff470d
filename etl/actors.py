"""Actors: armed groups, states' forces, UN bodies, monitors, officials and media, under one canonical name.

The table is data (conventions/actors.csv, plus perpetrators.csv and sources.csv as further aliases); every
state's forces and police are generated from pycountry and the demonyms of countries_extra.csv, so
"Russian warplanes", "the Russian military" and "Russian air strikes" are all "Russian forces" (state_forces,
RUS). `canonical` names any phrase: a known actor, a state's forces, or the phrase cleaned to a name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from .lexicon import CONVENTIONS, ascii_like, fold, read_table

KINDS = ("un", "monitor", "ministry", "police", "state_forces", "armed_group", "media", "medics", "officials", "other")
# the kinds under which the dashboard's filters group names
KIND_GROUPS = {
    "un": "UN",
    "monitor": "Monitors and rights groups",
    "medics": "Medics and aid",
    "ministry": "Governments",
    "police": "Governments",
    "state_forces": "Governments",
    "officials": "Governments",
    "armed_group": "Armed groups",
    "media": "Media",
    "other": "Other",
}
ARMED_KINDS = ("state_forces", "armed_group", "police")


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    country: str | None = None


WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class AliasWords:
    """The words of every alias one regex seeks, indexed by the alias's longest word (`keys`: those words).

    Every word of a matched alias is a whole word of the text: the regexes refuse a word character or a hyphen
    on either side of an alias, and its inner words are bounded by its own spaces and punctuation. So an alias
    one of whose words the text lacks cannot match anywhere in it, and the regex of the other aliases (in the
    same longest-first order) finds exactly what the regex of all of them finds (`alias_regex`)."""

    keys: frozenset[str]
    index: dict[str, list[tuple[frozenset[str], str]]]

    def candidates(self, seen: frozenset[str]) -> tuple[str, ...]:
        """The aliases whose words are all among the words seen, sorted (a cache key)."""
        hits = self.keys & seen
        if not hits:
            return ()
        return tuple(sorted(alias for key in hits for need, alias in self.index[key] if need <= seen))

    def may_match(self, seen: frozenset[str]) -> bool:
        """Whether some alias has all its words among the words seen."""
        hits = self.keys & seen
        return bool(hits) and any(need <= seen for key in hits for need, _ in self.index[key])


@dataclass(frozen=True)
class MatchKeys:
    """The words of the aliases each of the actors' regexes seeks (see AliasWords). Words are `WORD` runs."""

    free: AliasWords  # named actors (`pattern`), lower-cased
    exact: AliasWords  # case-kept named actors (`exact`), as written
    demonyms: AliasWords  # `state_form`'s demonyms, as written
    countries: AliasWords  # `state_form`'s country names, as written


def alias_words(aliases: list[str]) -> AliasWords | None:
    """Each alias's words under its longest word (None when an alias has no word: then nothing is skipped)."""
    index: dict[str, list[tuple[frozenset[str], str]]] = {}
    for alias in set(aliases):
        found = WORD.findall(alias)
        if not found:
            return None
        index.setdefault(max(found, key=len), []).append((frozenset(found), alias))
    return AliasWords(frozenset(index), index)


def match_keys(*alias_lists: list[str]) -> MatchKeys | None:
    """The keys of the four alias lists (None when one alias has no word: then every regex runs whole)."""
    indexes = [alias_words(aliases) for aliases in alias_lists]
    if any(index is None for index in indexes):
        return None
    return MatchKeys(*indexes)


@lru_cache(maxsize=4096)
def alias_regex(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """The regex of a few aliases, built as `load` builds the regex of them all."""
    return re.compile(rf"(?<![\w-])(?:{_alternation(list(aliases))})(?![\w-])")


NOT_AFTER_WORD = r"(?<![\w-])"  # what alias_regex's regexes open with


@lru_cache(maxsize=4096)
def _without_look_behind(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """An alias regex without its opening look-behind (None: it has none): sre skips ahead to a first letter."""
    if not pattern.pattern.startswith(NOT_AFTER_WORD) or pattern.flags & ~re.UNICODE:
        return None
    return re.compile(pattern.pattern.removeprefix(NOT_AFTER_WORD))


def word_matches(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, pos, endpos) of an alias regex, faster: the regex without its look-behind, whose
    matches after a word character or hyphen are refused (and sought again from the next character)."""
    fast = _without_look_behind(pattern)
    end = len(text) if endpos is None else endpos
    if fast is None:
        yield from pattern.finditer(text, pos, end)
        return
    m = fast.search(text, pos, end)
    while m is not None:
        at = m.start()
        before = text[at - 1] if at else " "
        if before.isalnum() or before in "_-":  # what (?<![\w-]) refuses
            m = fast.search(text, at + 1, end)
            continue
        yield m
        m = fast.search(text, m.end() if m.end() > at else at + 1, end)


def _word_or_hyphen(ch: str) -> bool:
    r"""What `[\w-]` matches: a letter, a digit, "_" or "-"."""
    return ch.isalnum() or ch in "_-"


def alias_spans(aliases: tuple[str, ...], text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
    r"""What word_matches(alias_regex(aliases), text, pos, endpos) finds, as (start, end), without compiling a
    regex (a new set of aliases costs a compile of about 0.4 ms, more than a scan). The regex's aliases are
    literals tried longest first between `(?<![\w-])` and `(?![\w-])`: at each start it takes the longest alias
    written there with neither bound broken, and it looks again from that alias's end. So: every occurrence of
    every alias (str.find, overlapping), kept when its bounds hold (the end bound at `endpos` holds, as in the
    regex), the longest at each start, then the first from left to right that do not overlap."""
    end = len(text) if endpos is None else endpos
    longest: dict[int, int] = {}
    for alias in aliases:
        size = len(alias)
        at = text.find(alias, pos, end)
        while at >= 0:
            stop = at + size
            if (
                (at == 0 or not _word_or_hyphen(text[at - 1]))
                and (stop == end or not _word_or_hyphen(text[stop]))
                and longest.get(at, -1) < stop
            ):
                longest[at] = stop
            at = text.find(alias, at + 1, end)
    found: list[tuple[int, int]] = []
    done = pos
    for at in sorted(longest):
        if at >= done:
            found.append((at, longest[at]))
            done = longest[at]
    return found


# ASCII characters that are not word characters, as spaces
_NOT_WORD_BYTES = bytes(c if c < 128 and WORD.fullmatch(chr(c)) else 32 for c in range(256))


@lru_cache(maxsize=256)
def words(text: str) -> frozenset[str]:
    """The words (`WORD` runs) of a text, as written; cached for the few texts looked at again and again."""
    if ascii_like(text):  # as ASCII: the words are what split() finds once the other characters are spaces (faster)
        return frozenset(text.encode("ascii", "replace").translate(_NOT_WORD_BYTES).decode("ascii").split())
    return frozenset(WORD.findall(text))


@lru_cache(maxsize=256)
def lower_words(text: str) -> frozenset[str]:
    """The words of `lower_kept(text)`: in text read as ASCII (ascii_like), the words as written, lower-cased
    (faster)."""
    if ascii_like(text):
        return frozenset(" ".join(words(text)).lower().split())
    return words(lower_kept(text))


@dataclass(eq=False)
class Actors:
    """Aliases (folded) -> actor, the regexes that find them in text, and each state's generated actors."""

    by_alias: dict[str, Actor]
    by_name: dict[str, Actor]
    states: dict[str, tuple[Actor, Actor]]  # iso3 -> (forces, police)
    country_aliases: dict[str, str]  # alias as written -> iso3
    demonyms: frozenset[str]
    pattern: re.Pattern[str] = field(
        repr=False
    )  # named actors, lower-cased (run on lower-cased text: faster than re.I)
    exact: re.Pattern[str] = field(repr=False)  # named actors written with a capital, one word: case kept
    state_form: re.Pattern[str] = field(repr=False)  # "Russian warplanes", "the Israeli military"
    # one word of every alias each regex above seeks: a text holding none of them cannot match it (_may_match)
    keys: MatchKeys | None = field(default=None, repr=False)


# what a state's armed forces are written as after its name or demonym
FORCE_NOUNS = (
    r"(?:armed forces|air force|security forces|government forces|special forces|ground forces|forces|force|"
    r"military|army|troops|soldiers|warplanes|fighter jets|jets|aircraft|planes|drones?|drone strikes?|"
    r"air ?strikes?|airstrikes?|strikes?|air raids?|raids?|shelling|bombing raids?|bombardment|artillery|navy|"
    r"helicopters?|gunships?|tanks|marines|commandos|regime|police officers?|policemen|police|border guards|"
    r"gendarmes|gendarmerie)"
)
# after a country's name (not a demonym) only nouns that name its forces: "a Kabul bombing" happened in Kabul
NAME_FORCE_NOUNS = r"(?:armed forces|air force|security forces|forces|military|army|troops|warplanes|jets|police)"
FORCE_MODIFIERS = (
    r"(?:(?:government|security|armed|special|operations|air|ground|naval|military|regime|pro-government|federal|"
    r"national|defen[cs]e|border|riot|fighter|drone|missile|rocket|cruise|ballistic|-led)\s+){0,3}"
)
POLICE_NOUNS = re.compile(r"police|policemen|gendarm|border guards")
# words that end a name: a verb, a preposition, a pronoun or a clause word
NOT_NAME_WORDS = {
    "said", "says", "say", "told", "tells", "reported", "reports", "added", "is", "was", "were", "are", "be",
    "been", "has", "have", "had", "will", "would", "could", "may", "might", "of", "in", "on", "at", "by", "for",
    "from", "with", "to", "that", "which", "who", "whom", "when", "while", "after", "before", "as", "there",
    "here", "it", "he", "she", "they", "we", "i", "you", "this", "these", "those", "claimed", "blamed",
    "accused", "denied", "did", "does", "do", "not", "but", "because", "if", "than", "then", "also", "later",
    "earlier", "killed", "attacked", "carried", "launched", "believed", "suspected", "remains", "into", "over",
}  # fmt: skip
TITLE_ABBREVIATIONS = {
    "Capt",
    "Col",
    "Gen",
    "Lt",
    "Maj",
    "Sgt",
    "Cpl",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Gov",
    "Sen",
    "Rep",
    "Brig",
    "Adm",
    "Cmdr",
    "Insp",
    "Supt",
    "St",
    "Prof",
    "Lt. Col",
    "U",
    "N",
}
COMMON_WORDS = {
    "residents", "villagers", "witnesses", "local", "security", "senior", "village", "state", "health",
    "interior", "provincial", "district", "regional", "opposition", "human", "medical", "hospital", "tribal",
    "elders", "leaders", "analysts", "activists", "sources", "relatives", "survivors", "officers", "community",
    "prosecutors", "investigators", "doctors", "medics", "rescuers", "officials", "authorities", "troops",
}  # fmt: skip
LEADING = re.compile(r"^(?:the|a|an|both|some|two|three|its|their|his|her|and|but|that|which)\s+", re.I)
GENERIC_KINDS = {
    "police": "police", "policeman": "police", "policemen": "police", "army": "state_forces",
    "military": "state_forces", "troops": "state_forces", "soldiers": "state_forces", "forces": "state_forces",
    "ministry": "ministry", "minister": "officials", "officials": "officials", "official": "officials",
    "spokesman": "officials", "spokeswoman": "officials", "spokesperson": "officials", "governor": "officials",
    "mayor": "officials", "government": "officials", "authorities": "officials", "commander": "officials",
    "president": "officials", "chief": "officials", "agency": "media", "tv": "media", "television": "media",
    "newspaper": "media", "media": "media", "doctors": "medics", "medics": "medics", "hospital": "medics",
    "rescuers": "medics", "monitor": "monitor", "monitors": "monitor", "observatory": "monitor",
    "activists": "other", "rebels": "armed_group", "militants": "armed_group", "militia": "armed_group",
    "insurgents": "armed_group", "fighters": "armed_group", "taliban": "armed_group", "monitoring": "monitor",
    "rights": "monitor", "aid": "medics", "rescue": "medics", "medical": "medics", "witnesses": "other",
    "residents": "other", "militant": "armed_group",
}  # fmt: skip


def _alternation(aliases: list[str]) -> str:
    return "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))


def _case_kept(alias: str) -> bool:
    """One word written with a capital ("IS", "Hamas", "Moscow"): matched as written, never as "is" or "moscow"."""
    return " " not in alias and alias[:1].isupper()


@cache
def load(folder: Path = CONVENTIONS) -> Actors:
    """The actors table, compiled once per folder."""
    by_alias: dict[str, Actor] = {}
    by_name: dict[str, Actor] = {}
    written: list[str] = []
    for r in read_table("actors.csv", folder):
        actor = Actor(r["canonical"], r["kind"], r["country"] or None)
        if actor.kind not in KINDS:
            raise ValueError(f"{folder / 'actors.csv'}: {actor.name!r} has unknown kind {actor.kind!r}")
        by_name[actor.name] = actor
        for alias in [actor.name, *r["aliases"].split("|")]:
            alias = alias.strip()
            if alias:
                by_alias.setdefault(fold(alias), actor)
                written.append(alias)
    # the older tables: armed groups and named sources, each alias to its canonical name
    for r in read_table("perpetrators.csv", folder):
        known = by_alias.get(fold(r["canonical"]))
        actor = known or by_name.setdefault(
            r["canonical"], Actor(r["canonical"], "armed_group", r.get("country_code") or None)
        )
        by_alias.setdefault(fold(r["alias"]), actor)
        written.append(r["alias"])
    for r in read_table("sources.csv", folder):
        known = by_alias.get(fold(r["canonical"])) or by_alias.get(fold(r["phrase"]))
        if known and fold(r["phrase"]) not in by_alias:
            by_alias[fold(r["phrase"])] = known
            written.append(r["phrase"])
    states, country_aliases, demonyms = _states(folder, by_name)
    for forces, police in states.values():
        by_name.setdefault(forces.name, forces)
        by_name.setdefault(police.name, police)
    exact = [a for a in written if _case_kept(a)]
    free = [a for a in written if not _case_kept(a)]
    names = _alternation(list(country_aliases))
    demonym_alt = _alternation(sorted(demonyms))
    state_form = state_form_regex(demonym_alt, names)
    return Actors(
        by_alias=by_alias,
        by_name=by_name,
        states=states,
        country_aliases=country_aliases,
        demonyms=frozenset(demonyms),
        pattern=re.compile(rf"(?<![\w-])(?:{_alternation([a.lower() for a in free])})(?![\w-])"),
        exact=re.compile(rf"(?<![\w-])(?:{_alternation(exact)})(?![\w-])"),
        state_form=state_form,
        keys=match_keys([a.lower() for a in free], exact, sorted(demonyms), list(country_aliases)),
    )


def state_form_regex(demonym_alt: str, names: str) -> re.Pattern[str]:
    """A state's forces as written: "Russian warplanes", "the Israeli military", "US-led strikes"."""
    return re.compile(
        rf"(?<![\w-])(?:(?P<dem>{demonym_alt})|(?P<cty>{names})(?:['’]s)?)(?P<led>-led)?\s+{FORCE_MODIFIERS}"
        rf"(?P<noun>{FORCE_NOUNS})(?![\w-])"
    )


def _states(folder: Path, by_name: dict[str, Actor]) -> tuple[dict[str, tuple[Actor, Actor]], dict[str, str], set]:
    """Every state's forces and police, named after its first demonym ("Russian forces", "Russian police")."""
    aliases: dict[str, str] = {}
    demonym_of: dict[str, str] = {}
    demonym_codes: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                aliases[value] = c.alpha_3
    for r in read_table("countries_extra.csv", folder):
        if r["weight"] == "2":
            demonym_codes[r["alias"]] = r["country_code"]
            if not r["alias"].endswith("s") or r["alias"].endswith("ss"):
                demonym_of.setdefault(r["country_code"], r["alias"])
        elif len(r["alias"]) > 2 or r["alias"].isupper():
            aliases[r["alias"]] = r["country_code"]
    # a hand row is a state's own forces when it is named by the state ("US forces", "Israeli forces"); a mission or
    # coalition fighting there ("AMISOM", "Saudi-led coalition") is not the forces of the state it fights in
    own = {**aliases, **demonym_codes}
    hand = {
        a.country: a
        for a in by_name.values()
        if a.kind == "state_forces" and a.country and own.get(a.name.split()[0]) == a.country
    }
    states: dict[str, tuple[Actor, Actor]] = {}
    for c in pycountry.countries:
        word = demonym_of.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        forces = hand.get(c.alpha_3) or Actor(f"{word} forces", "state_forces", c.alpha_3)
        states[c.alpha_3] = (forces, Actor(f"{word} police", "police", c.alpha_3))
    aliases.update({d: code for d, code in demonym_codes.items()})
    demonyms = {d for d in demonym_codes if d[:1].isupper()}
    return states, {a: code for a, code in aliases.items() if a not in demonyms}, demonyms


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor: Actor
    strike: bool = False  # a state's weapon or strike ("Russian warplanes", "a US drone strike")


STRIKE_NOUN = re.compile(
    r"warplanes|jets|aircraft|planes|drone|strike|raid|shelling|bombing|bombardment|artillery|helicopter|gunship"
)


def _state_code(actors: Actors, m: re.Match[str]) -> str | None:
    written = m.group("dem") or m.group("cty")
    return actors.country_aliases.get(written) or _demonym_code(actors, written)


@cache
def _demonym_table(folder: Path = CONVENTIONS) -> dict[str, str]:
    return {r["alias"]: r["country_code"] for r in read_table("countries_extra.csv", folder) if r["weight"] == "2"}


def _demonym_code(actors: Actors, written: str) -> str | None:
    return _demonym_table().get(written)


NOUN_AT = re.compile(rf"(?<![\w-]){FORCE_NOUNS}(?![\w-])")
LOWER_OR_SPACE = frozenset("abcdefghijklmnopqrstuvwxyz ")  # all a forces noun is written with
NOUN_STOP = re.compile(r"[^\w -]")  # a character no noun holds, and that NOUN_AT's look-ahead refuses


def _alias_spans(actors: Actors, which: str, text: str, haystack: str) -> list[tuple[int, int]]:
    """Where the named actors' regex (`which`: "free", run on the text in lower case, or "exact") matches in the
    haystack (word_matches): only the aliases whose words are all in the text can, found without a regex
    (alias_spans)."""
    if actors.keys is None:
        pattern = actors.pattern if which == "free" else actors.exact
        return [(m.start(), m.end()) for m in word_matches(pattern, haystack)]
    aliases = getattr(actors.keys, which).candidates(lower_words(text) if which == "free" else words(text))
    return alias_spans(aliases, haystack) if aliases else []


def _occurrences(text: str, alias: str) -> list[int]:
    """Where an alias is written in a text (overlapping occurrences too)."""
    found = []
    at = text.find(alias)
    while at >= 0:
        found.append(at)
        at = text.find(alias, at + 1)
    return found


def _nouns_after(text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """NOUN_AT's matches (as a scan of the whole text finds them) near the places a state form may start: all
    that start within 90 characters after one of them, and a few more, in order. A forces noun is lower-case
    letters and spaces, so a scan begun or ended at a character not between two of those splits no noun (and
    one ended at a character that is no word character or hyphen sees what the whole scan sees after it)."""
    done = 0  # the nouns before it have been given
    k = 0
    while k < len(starts):
        at = starts[k]
        while k + 1 < len(starts) and starts[k + 1] <= starts[k] + 90:
            k += 1  # starts within 90 characters of each other: one stretch
        stop = NOUN_STOP.search(text, starts[k] + 90)
        end = stop.start() if stop else len(text)
        while at > done and text[at] in LOWER_OR_SPACE and text[at - 1] in LOWER_OR_SPACE:
            at -= 1
        if end > done:
            yield from NOUN_AT.finditer(text, max(at, done), end)
            done = end
        k += 1


def _state_forms(text: str, actors: Actors) -> list[re.Match[str]]:
    """The state forms of a text, sought only just before a forces noun (the long name regex is slow)."""
    found: dict[int, re.Match[str]] = {}
    starts = None
    if actors.keys is not None:
        # a state form starts where one of the demonyms or names whose words are in the text is written: a noun
        # with none of them in the 90 characters before it needs no look, the others one from the first of them
        seen = words(text)
        aliases = actors.keys.demonyms.candidates(seen) + actors.keys.countries.candidates(seen)
        if not aliases:
            return []
        starts = sorted({at for alias in aliases for at in _occurrences(text, alias)})
        if not starts:
            return []
    nouns = NOUN_AT.finditer(text) if starts is None else _nouns_after(text, starts)
    for n in nouns:
        first = max(0, n.start() - 90)
        if starts is not None:
            if first > starts[-1]:
                break  # no state form may start before this noun or any after it
            k = bisect_left(starts, first)
            if k == len(starts) or starts[k] >= n.end():
                continue
            first = starts[k]  # the regex looks behind it as it would have scanning from further back
        for m in actors.state_form.finditer(text, first, n.end()):
            if m.end() == n.end():
                found.setdefault(m.start(), m)
    return [found[k] for k in sorted(found)]


def lower_kept(text: str) -> str:
    """A text in lower case, offsets kept (what `pattern` runs on)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets with the original text
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def find(text: str, actors: Actors | None = None) -> list[Mention]:
    """Every actor named in a text, longest first where names overlap, in text order."""
    return list(_find(text, actors or load()))  # a new list: callers add to it


@lru_cache(maxsize=256)
def _find(text: str, actors: Actors) -> tuple[Mention, ...]:
    """find's work, kept for the texts looked at again (a sentence is read by the notes, then its reports)."""
    found: list[Mention] = []
    for m in _state_forms(text, actors):
        if m.group("cty") and not re.fullmatch(NAME_FORCE_NOUNS, m.group("noun")):
            continue
        code = _state_code(actors, m)
        if not code or code not in actors.states:
            continue
        if m.group("led"):  # "a US-led coalition", "the Saudi-led air strikes": the coalition, named in the table
            coalition = actors.by_alias.get(fold(f"{m.group('dem') or m.group('cty')}-led coalition"))
            if coalition:
                strike = bool(STRIKE_NOUN.search(m.group("noun")))
                found.append(Mention(m.start(), m.end(), m.group(), coalition, strike))
            continue
        forces, police = actors.states[code]
        actor = police if POLICE_NOUNS.search(m.group("noun")) else forces
        found.append(Mention(m.start(), m.end(), m.group(), actor, bool(STRIKE_NOUN.search(m.group("noun")))))
    low = lower_kept(text)
    for which, haystack in (("free", low), ("exact", text)):
        for a, b in _alias_spans(actors, which, text, haystack):
            actor = actors.by_alias.get(fold(text[a:b]))
            if actor:
                strike = actor.kind == "state_forces" and bool(STRIKE_NOUN.search(haystack[a:b].lower()))
                found.append(Mention(a, b, text[a:b], actor, strike))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return tuple(kept)


def clean_name(text: str) -> str | None:
    """A phrase cut to a name: no leading article, nothing from its first verb, preposition or pronoun on."""
    text = re.sub(r"\s+", " ", text.strip(" ,.;:\"”“'‘’()—–-"))
    previous = None
    while previous != text:
        previous, text = text, LEADING.sub("", text)
    words: list[str] = []
    for n, w in enumerate(text.split(" ")):
        nxt = text.split(" ")[n + 1 : n + 2]
        if fold(w) in ("of", "for") and n and nxt and nxt[0][:1].isupper():
            words.append(w)  # "Department of Public Safety", "Observatory for Human Rights"
            continue
        if fold(w).strip(",.;:\"'") in NOT_NAME_WORDS or re.search(r"\d", w) or (n and w in ("A", "An", "The")):
            break
        words.append(w)
        if w.endswith((",", ";", ":")):
            break
    name = " ".join(words).strip(" ,.;:\"”“'’")
    name = re.sub(r"['’]s$", "", name)
    first, _, rest = name.partition(" ")
    if (
        first[:1].isupper()
        and first[1:].islower()
        and rest == rest.lower()
        and (fold(first) in GENERIC_KINDS or fold(first) in COMMON_WORDS)
    ):
        name = (first.lower() + " " + rest).strip()  # "Residents", "Local officials": capital only at the start
    if name in TITLE_ABBREVIATIONS:  # "Capt. Ali Hassan said": the title cut off by its full stop
        return None
    if not name or len(name) > 60 or fold(name) in NOT_NAME_WORDS or not re.search(r"[A-Za-z]", name):
        return None
    return name


@lru_cache(maxsize=1 << 14)  # the same sources come back in article after article ("police", "officials")
def canonical(text: str | None, actors: Actors | None = None) -> tuple[str | None, str | None, str | None]:
    """(canonical name, kind, country) of a phrase: a known actor, a state's forces, or the phrase cleaned."""
    if not text or not str(text).strip():
        return None, None, None
    actors = actors or load()
    name = clean_name(str(text))
    if name is None:
        return None, None, None
    known = actors.by_alias.get(fold(name)) or actors.by_name.get(name)
    if known:
        return known.name, known.kind, known.country
    mentions = find(name, actors)
    if len(mentions) > 1 and len({m.actor for m in mentions}) == 1:  # "Syria's state news agency SANA": one actor
        mentions = [
            Mention(mentions[0].start, mentions[-1].end, name[mentions[0].start : mentions[-1].end], mentions[0].actor)
        ]
    if len(mentions) == 1 and (
        mentions[0].end - mentions[0].start >= len(name) - 2 or mentions[0].actor.kind not in ("officials", "other")
    ):
        # "the Britain-based Syrian Observatory for Human Rights", "Russian jets", "Islamic State militants"
        a = mentions[0].actor
        rest = (name[: mentions[0].start] + " " + name[mentions[0].end :]).strip().lower()
        if (
            not rest
            or a.kind in ("monitor", "un", "armed_group", "medics", "state_forces", "police")
            and not any(
                w in rest for w in ("ministry", "minister", "spokes", "official", "governor", "mayor", "embassy")
            )
        ):
            return a.name, a.kind, a.country
    if name in actors.country_aliases:  # "Russia", "Turkey": the state speaking or acting
        return name, "officials", actors.country_aliases[name]
    kind = next((GENERIC_KINDS[w] for w in reversed(fold(name).split()) if w in GENERIC_KINDS), "other")
    if re.search(r"(?:-linked|-allied|-affiliated|militant|jihadist|islamist|insurgent)\s+group$", fold(name)):
        kind = "armed_group"  # "the Qaida-linked group": an armed group the article names elsewhere
    if "ministry" in fold(name) or "pentagon" in fold(name):
        kind = "ministry"
    country = next((m.actor.country for m in mentions if m.actor.country), None)
    if country is None:
        for word in re.findall(r"[A-Z][\w.-]+", name):
            country = actors.country_aliases.get(word) or _demonym_table().get(word) or country
    return name, kind, country


def kind_of(name: str | None, actors: Actors | None = None) -> str | None:
    """The kind of a canonical name (or of the name as written)."""
    return canonical(name, actors)[1] if name else None
