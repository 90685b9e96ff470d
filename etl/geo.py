"""Countries and places named in text, resolved to ISO 3166-1 alpha-3 codes.

Country names, demonyms ("Afghan capital") and places (towns, provinces) come from the lexicon's data files.
Ambiguous place names ("Bari": a Somali region and an Italian city) are settled by the countries the rest of
the article points to, then by population.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .lexicon import Lexicon, fold

# runs of capitalised words (also glued to a preposition, as in text copied from web pages: "atKabul"),
# allowing Arabic-style particles inside names ("Deir ez-Zor", "Dar es Salaam")
NAME_RUN = re.compile(
    r"(?:(?<![\w-])|(?<=\bat)|(?<=\bin)|(?<=\bof)|(?<=\bnear)|(?<=\bThe))"
    r"(?:al-|el-|as-|ad-|ar-)?[A-Z][\w'’.-]*(?:\s+(?:(?:al|el|ez|es|de|du|da|di|of|ul|bin|ibn)[\s-]+)?"
    r"(?:al-|el-|as-)?[A-Z][\w'’.-]*)*"
)
# words before a place name that say it is a place
PLACE_CUE = re.compile(
    r"(?:\b(?:in|near|at|outside|of|from|to|into|across|around|between|and|toward|towards|inside|north|south|"
    r"east|west|northwest|northeast|southwest|southeast|northern|southern|eastern|western|central|northwestern|"
    r"northeastern|southwestern|southeastern|town|city|village|province|district|region|capital)|[(,])\s*(?:the\s+)?$",
    re.I,
)
NOT_PLACES = {
    "nato",  # the alliance, not the Philippine town
    "red sea",  # the sea, far more often than the Sudanese state
    "east",
    "west",
    "north",
    "south",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "centre",
    "center",
    "far north",
    "upper",
    "lower",
    "middle",
    "capital",
    "region",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "this",
    "that",
    "president",
    "minister",
    "prime",
    "general",
    "police",
    "army",
    "officials",
    "security",
    "government",
    "state",
    "islamic",
    "national",
    "university",
    "hospital",
    "ministry",
    "council",
    "court",
    "mr",
    "mrs",
    "ms",
    "dr",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "reuters",
    "afp",
    "news",
    "said",
    "but",
    "after",
    "while",
    "when",
    "however",
    "also",
    "some",
    "many",
    "most",
    "both",
    "all",
    "more",
    "several",
    "victoria",
    "florence",
    "mercedes",
    "union",
    "liberty",
    "independence",
    "justice",
    "unity",
    "progress",
    "hope",
    "peace",
    "freedom",
    "parliament",
    "senate",
    "congress",
    "home",
    "latest",
    "updates",
    "source",
    "check",
    "about",
    "admin",
    "report",
    "reporting",
    "editing",
    "writing",
    "additional",
}


PLACE_NOUNS = {
    "capital",
    "city",
    "province",
    "provinces",
    "town",
    "towns",
    "village",
    "villages",
    "region",
    "border",
    "territory",
    "soil",
    "state",
    "district",
    "countryside",
    "coast",
}
FACILITY_WORDS = {
    "international",
    "airport",
    "station",
    "central",
    "road",
    "street",
    "bridge",
    "university",
    "hotel",
    "mosque",
    "church",
    "market",
    "square",
    "stadium",
    "hospital",
    "metro",
    "camp",
    "prison",
    "jail",
    "city",
    "port",
    "rail",
    "railway",
    "airbase",
    "base",
    "light",  # "Jerusalem Light Rail"
    "tram",
    "subway",
    "underground",
    "mall",
    "cathedral",
    "synagogue",
    "temple",
    "shrine",
    "school",
    "museum",
    "park",
    "gardens",
    "beach",
    "harbour",
    "harbor",
    "arena",
    "marathon",
    "theatre",
    "theater",
    "courthouse",
    "embassy",
    "consulate",
}
# "an Afghan asylum seeker", "a Libyan-born man", "tourists from Sweden": where people come from, not where it happened
# a place name that is a person's: the speaker of "... said", or a name after a title
SPEAKER_AFTER = re.compile(r"\s+(?:said|says|told|added|stated|explained)\b")
TITLE_BEFORE = re.compile(
    r"\b(?:Capt(?:ain)?|Gen(?:eral)?|Col(?:onel)?|Maj(?:or)?|Lt|Lieutenant|Sgt|Sergeant|Mr|Mrs|Ms|Dr|President|"
    r"Minister|Commander|spokes(?:man|woman|person))\.?\s+(?:[A-Z][\w'-]+\s+){0,2}$"
)
ORIGIN_AFTER = re.compile(
    r"[\s-]+(?:(?:\d+[\s-]year[\s-]old|young|old|teenage)\s+)?(?:man|woman|men|women|nationals?|citizens?|asylum|"
    r"refugees?|immigrants?|migrants?|born|descent|origin|tourists?|expatriates?|expats?|teenager|suspects?|"
    r"passport|dual)\b",
    re.I,
)
ORIGIN_BEFORE = re.compile(
    r"\b(?:tourists?|workers?|nationals?|citizens?|visitors?|pilgrims?|immigrants?|migrants?|refugees?|man|woman|"
    r"men|women)\s+from\s+(?:[A-Z][\w'-]*\s+(?:and|or)\s+)?$"
    # a person's story: "an Indonesian based in Syria", "born in Libya", "had travelled to Syria"
    r"|\b(?:based|born|living|residing|raised|educated|trained|exiled|hiding)\s+in\s+(?:the\s+)?$"
    r"|\b(?:travell?ed|went|returned|fled)\s+(?:to|from)\s+(?:the\s+)?$",
)
# "the capital of the UAE due to ...", "the north of Syria on Monday": a country named as where something is
PLACE_OF = re.compile(
    r"\b(?:capital|city|cities|town|towns|province|provinces|region|outskirts|north|south|east|west|"
    r"northeast|northwest|southeast|southwest|heart|centre|center)\s+of\s+(?:the\s+)?$",
    re.I,
)
BORDER = re.compile(r"\bborder (?:with|of)\s+(?:the\s+)?$", re.I)
BORDER_AFTER = re.compile(r"\s+(?:border|frontier)\b", re.I)
PLACE_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]+)")
# words after a country's name, cued as a place, that name no actor it leads: "across the Gaza Strip overnight",
# "in the West Bank on Monday" (a noun after it would: "in the US strike")
WORDS_AFTER_PLACE = frozenset(
    {"overnight", "on", "and", "last", "since", "during", "after", "before", "this", "early", "late", "when",
     "where", "while", "today", "yesterday", "or", "but", "at", "with", "until", "amid", "over", "earlier"}
)  # fmt: skip
NAME_AFTER = re.compile(r" ([A-Z][a-z]+)")
OF_NAME = re.compile(r" of ((?:al-|el-|Al-|El-)?[A-Z][\w'’-]*(?: (?:al-|el-)?[A-Z][\w'’-]*){0,2})")


@dataclass(frozen=True)
class Mention:
    """A name in the text pointing to one or more countries."""

    start: int
    end: int
    text: str
    kind: str  # country | demonym | place | border | origin (where people come from) | aside (a hospital's, a unit's)
    codes: tuple[str, ...]  # candidate countries, most likely first
    cued: bool  # preceded by a place word ("in", "near", "province of")
    hand_kept: bool = False  # a demonym with a place noun ("the Afghan capital"): its country is sure
    prior: float = 0.0  # votes of a name from places_extra.csv (settings.csv place_prior_votes); 0 for others
    partial: bool = False
    dominant: bool = False  # its first candidate country is far the most likely
    rule: str = ""  # the rule that decided this reading against the plain one (the engine records it as fired)
    admin: str = ""  # the administrative noun after the name ("Mopti region", "Yobe state"): a province, not a town


DATELINE = re.compile(r"^\s*[A-Z][A-Z ,./'-]{2,60}?(?=\s*(?:\(|—|–|-|:|\s[A-Z][a-z]))")


# an agency's dateline in any case: "Beirut (AFP) -", "DAKAR, Senegal (AP) —", "Kabul, Afghanistan (Reuters) -"
AGENCY_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'’-]{1,40}?(?:,\s*[A-Z][A-Za-z .'’-]{1,30}?)?(?=\s*\([A-Z][\w .&/-]{1,40}\)\s*[-–—:])"
)
# the country or state after a capitals dateline's city: "MOGADISHU, Somalia —" (not a month: "BAGHDAD, July 1 -")
DATELINE_COUNTRY = re.compile(r",\s*[A-Z][a-z][A-Za-z .'’-]{1,30}?(?=\s*(?:\(|—|–|-\s|:))")


def dateline_end(text: str, wider: bool = True) -> int:
    """End of a wire dateline ("KABUL (Reuters) -", "BEIRUT —"): where the article was written, not the events.
    `wider` (rule place.dateline_country) also takes the country after the city ("DAKAR, Senegal (AP) —") and an
    agency's dateline in lower case ("Beirut (AFP) -")."""
    m = DATELINE.match(text)
    if m and m.group().strip().upper() == m.group().strip():
        country = DATELINE_COUNTRY.match(text, m.end() - 1 if m.group().endswith(",") else m.end()) if wider else None
        return country.end() if country else m.end()
    m = AGENCY_DATELINE.match(text) if wider else None
    return m.end() if m else 0


WORD_IN_RUN = re.compile(r"[\w'’.-]+")
# a full stop and a space end a run of names ("visiting Dresden. Then ..."), except after "St." or "Mt."
RUN_BREAK = re.compile(r"(?<!\bSt)(?<!\bMt)(?<!\b[A-Z])\.\s+")


def split_run(start: int, value: str) -> list[tuple[int, str]]:
    """(start, text) of the pieces of a run of capitalised words, split at sentence ends."""
    pieces, cut = [], 0
    for b in RUN_BREAK.finditer(value):
        pieces.append((start + cut, value[cut : b.start() + 1]))
        cut = b.end()
    pieces.append((start + cut, value[cut:]))
    return pieces


NAME_RUN_BEFORE = r"(?:(?<![\w-])|(?<=\bat)|(?<=\bin)|(?<=\bof)|(?<=\bnear)|(?<=\bThe))"  # how NAME_RUN opens
_RUN_BEFORE = re.compile(NAME_RUN_BEFORE)
_RUN_BODY = (
    re.compile(NAME_RUN.pattern.removeprefix(NAME_RUN_BEFORE), NAME_RUN.flags)
    if NAME_RUN.pattern.startswith(NAME_RUN_BEFORE)
    else None
)


def name_runs(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """NAME_RUN.finditer(text, pos, endpos), faster: the regex after its opening look-behinds (sre then skips
    ahead to a capital), each match kept where they hold (they look only before it), else sought again one
    character on."""
    end = len(text) if endpos is None else endpos
    if _RUN_BODY is None:
        yield from NAME_RUN.finditer(text, pos, end)
        return
    m = _RUN_BODY.search(text, pos, end)
    while m is not None:
        at = m.start()
        if _RUN_BEFORE.match(text, at):
            yield m
            m = _RUN_BODY.search(text, m.end() if m.end() > at else at + 1, end)
        else:
            m = _RUN_BODY.search(text, at + 1, end)


# rules of this module (etl/engine/rule_table.py); the engine passes those switched on as `acting`
GEO_RULES = frozenset(
    {
        "place.landmark_city",
        "place.of_country",
        "place.arabic_spelling",
        "place.possessive_city",
        "place.admin_unit",
        "place.hospital_or_unit",
        "place.attacker_possessive",
    }
)

# rule place.attacker_possessive: "killed in Israel's offensive", "since Russia's invasion": the country that attacks,
# not where ("Syria's war" stays Syria's: a war is where it is fought)
ATTACKER_POSSESSIVE = re.compile(
    r"['’]s\s+(?:(?:full-scale|military|ongoing|latest|air|aerial|ground|renewed|relentless)\s+){0,2}"
    r"(?:offensive|invasion|bombardment|bombing campaign|air ?strikes|strikes|assault|shelling|siege|blockade|"
    r"incursion|onslaught|military campaign|campaign|attacks|forces|troops|army|military)\b",
    re.I,
)

# where the wounded were taken and the units that speak are not where it happened: "taken to hospital in Damaturu",
# "flown to Kabul for treatment", "spokesman for the Western Mindanao Command"
TAKEN_TO = re.compile(
    r"\b(?:(?:taken|rushed|evacuated|flown|transferred|airlifted|moved|brought)\s+(?:\w+\s+){0,3}?to\s+"
    r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:hospitals?|clinics?)\s+(?:in|at)\s+)?"
    r"|(?:died|succumbed|treated|recovering|hospitali[sz]ed)\b[^.;]{0,40}?\b(?:hospitals?|clinics?)\s+(?:in|at)\s+)"
    r"(?:the\s+)?$",
    re.I,
)
UNIT_AFTER = re.compile(r"\s+(?:Command|Division|Brigade|Corps|Battalion|Regiment|Task Force)\b")

# "the Mopti region", "Yobe state", "Salahuddin province": the name is of an administrative unit, whatever town of that
# name the gazetteer also holds
ADMIN_UNITS = ("region", "province", "state", "governorate", "prefecture")  # events.py reads a location's last word
ADMIN_AFTER = re.compile(rf"\s+({'|'.join(ADMIN_UNITS)})\b(?!\s+(?:of|media|television|tv|news)\b)", re.I)

# "Baghdad's northern Shaab district", "Kabul's Deh Afghanan area": the place after a city's possessive is inside it
INSIDE_POSSESSIVE = re.compile(
    r"['’]s\s+(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+|"
    r"(?:outer|inner|old|new)\s+)?$"
)


def mentions(
    text: str, lex: Lexicon, pos: int = 0, endpos: int | None = None, acting: frozenset[str] = GEO_RULES
) -> list[Mention]:
    """Every country, demonym and place named in the text, longest names first within a run of capitals;
    `acting`: the ids of GEO_RULES that may act."""
    found: list[Mention] = []
    for run in name_runs(text, pos, endpos):
        value = run.group()
        pieces = split_run(run.start(), value) if "." in value else ((run.start(), value),)
        for run_start, run_text in pieces:
            found += _mentions_in_run(text, lex, run_start, run_text, acting)
    if "place.hospital_or_unit" in acting:
        for k, m in enumerate(found):
            if m.kind == "place" and (
                TAKEN_TO.search(text[max(0, m.start - 60) : m.start]) or UNIT_AFTER.match(text, m.end)
            ):
                found[k] = replace(m, kind="aside", rule="place.hospital_or_unit")
    if "place.attacker_possessive" in acting:
        for k, m in enumerate(found):
            if m.kind == "country" and ATTACKER_POSSESSIVE.match(text, m.end):
                found[k] = replace(m, kind="aside", rule="place.attacker_possessive")
    if "place.admin_unit" in acting:
        for k, m in enumerate(found):
            unit = ADMIN_AFTER.match(text, m.end) if m.kind == "place" else None
            if unit:
                found[k] = replace(m, admin=unit.group(1).lower(), rule=m.rule or "place.admin_unit")
    if "place.possessive_city" in acting:
        for k in range(1, len(found)):
            a, b = found[k - 1], found[k]
            inside = a.kind == "place" and b.kind == "place" and 0 < b.start - a.end <= 16
            between = text[a.start + len(a.text) : b.start]
            if inside and a.codes[0] not in b.codes[:1] and INSIDE_POSSESSIVE.match(between):
                found[k] = replace(b, codes=a.codes, rule="place.possessive_city", hand_kept=a.hand_kept)
    return found


def _mentions_in_run(
    text: str, lex: Lexicon, run_start: int, run_text: str, acting: frozenset[str] = GEO_RULES
) -> list[Mention]:
    """The countries, demonyms and places in one run of capitalised words, longest names first."""
    found: list[Mention] = []
    words = list(WORD_IN_RUN.finditer(run_text))
    i = 0
    while i < len(words):
        hit = None
        for j in range(min(len(words), i + 5), i, -1):
            start, end = run_start + words[i].start(), run_start + words[j - 1].end()
            name = text[start:end].rstrip(".").removesuffix("'s").removesuffix("’s")
            key = fold(name)
            if key in lex.countries or (key in lex.places and key not in NOT_PLACES):
                hit = (j, start, start + len(name), name, key)
                break
            other = arabic_spelling(key, lex) if "place.arabic_spelling" in acting else None
            if other is not None and key not in NOT_PLACES:
                hit = (j, start, start + len(name), name, other)
                break
        if hit is None:
            i += 1
            continue
        j, start, end, name, key = hit
        cued = bool(PLACE_CUE.search(text[max(0, start - 25) : start]))
        # "Adan" in "Adan Yabaal" is part of a longer name; "Amsterdam Central Station" is a place in Amsterdam
        possessive = words[j - 1].group().endswith(("'s", "’s"))
        following = fold(words[j].group()).removesuffix("'s").removesuffix("’s") if j < len(words) else ""
        partial = j < len(words) and not possessive and following not in FACILITY_WORDS
        rule = "place.arabic_spelling" if key not in lex.countries and fold(name) != key else ""
        if partial and "place.landmark_city" in acting and following.rstrip(".") in FACILITY_WORDS:
            partial, rule = False, "place.landmark_city"  # "on the London Bridge." ends a sentence: still London
        whole_run = i == 0 and not partial
        if key in lex.countries:
            rule = ""  # a country's reading does not hang on the word after it being a landmark's
            code, weight = lex.countries[key]
            after = PLACE_NOUN_AFTER.match(text, end + 1 if text[end : end + 1] == "." else end)
            named = None  # "U.S. Central Command", "United States State Department": a name of an actor follows
            if after is None:
                named = NAME_AFTER.match(text, end + 1 if text[end : end + 1] == "." and "." in name else end)
            if after and after.group(1).lower() in PLACE_NOUNS:
                kind = "place"  # "the Afghan capital", "Syrian province of"
                cued = True
                name = text[start : after.end()]
                of_name = OF_NAME.match(text, after.end())
                if of_name:  # "the northern Syrian town of Afrin": the place is Afrin, in Syria
                    start, end, name = of_name.start(1), of_name.end(1), of_name.group(1)
            elif weight < 3 or (
                (after or named)
                and not (cued and re.search(r"\b(?:in|to|into|across|near)\s*$", text[max(0, start - 12) : start]))
                and not (
                    after
                    and after.group(1).lower() in WORDS_AFTER_PLACE
                    and re.search(r"\b(?:in|into|across|inside|throughout)\s+the\s+$", text[max(0, start - 16) : start])
                )
            ):
                kind = "demonym"  # "US soldier", "Afghan forces": an actor, not where it happened
                if "place.of_country" in acting and weight >= 3 and PLACE_OF.search(text[max(0, start - 30) : start]):
                    kind, rule = "country", "place.of_country"  # "the capital of Kenya during ...": a place
            else:
                kind = "country"
            if (
                kind == "demonym"
                and ORIGIN_AFTER.match(text, end)
                or ORIGIN_BEFORE.search(text[max(0, start - 40) : start])
            ):
                kind = "origin"  # "a Syrian asylum seeker", "tourists from Sweden": not where it happened
            if BORDER.search(text[max(0, start - 20) : start]) or BORDER_AFTER.match(text, end):
                kind = "border"  # "near the border with Mali", "the Afghan border": the other side
            if kind != "country":
                rule = ""
            found.append(Mention(start, end, name, kind, (code,), cued, hand_kept=kind == "place", rule=rule))
        elif SPEAKER_AFTER.match(text, end) or TITLE_BEFORE.search(text[max(0, start - 45) : start]):
            pass  # a person's name: "Aden said", "police spokesman Captain Abdifatah Aden"
        else:
            cands = lex.places[key]
            big = max(p[2] for p in cands)
            if cued or key in lex.places_kept or (big >= 100_000 and whole_run):
                ranked = sorted(cands, key=lambda p: -p[2])
                # one dominant candidate: "Toronto" is the Canadian city, whatever the article says elsewhere
                dominant = len(ranked) == 1 or ranked[0][2] >= 10 * max(ranked[1][2], 1)
                found.append(
                    Mention(
                        start,
                        end,
                        name,
                        "place",
                        tuple(dict.fromkeys(p[0] for p in ranked)),
                        cued,
                        partial=partial,
                        dominant=dominant,
                        prior=_prior_votes(lex) if key in lex.places_kept and not partial else 0.0,
                        rule=rule,
                    )
                )
        i = j
    return found


# countries whose place names are transliterated from Arabic, where "Kufa"/"Kufah" and "Hillah"/"Al Hillah" are one
# place (rule place.arabic_spelling)
ARABIC_NAMES = frozenset(
    {"IRQ", "SYR", "YEM", "SAU", "EGY", "LBY", "JOR", "LBN", "PSE", "SDN", "TUN", "DZA", "MAR", "MRT", "OMN", "ARE",
     "QAT", "KWT", "BHR"}
)  # fmt: skip


def arabic_spelling(key: str, lex: Lexicon) -> str | None:
    """rule: place.arabic_spelling: a place name the gazetteer holds only in another Arabic transliteration: a final
    "-ah" written "-a" or the other way ("Iskandariya", "Kufah"), the article "Al" left out ("Iskandariyah" for "Al
    Iskandariyah"). The gazetteer's key, when every candidate it gives is in an Arabic-speaking country; else None."""
    if len(key) < 5 or not key.isalpha():
        return None
    forms = [key[:-1]] if key.endswith("ah") else [key + "h"] if key.endswith("a") else []
    for form in (*forms, *(f"al {f}" for f in (key, *forms))):
        cands = lex.places.get(form)
        if cands and all(c[0] in ARABIC_NAMES for c in cands):
            return form
    return None


def _prior_votes(lex: Lexicon) -> float:
    """The votes a hand-kept name (places_extra.csv) gives its country in a sentence: settings.csv
    place_prior_votes, a prior beside the gazetteer's evidence, not an override."""
    return float(lex.settings.get("place_prior_votes", 4))


ACTOR_VOTES_MAX = 3  # "U.S. military", "U.S. forces", "U.S. Central Command": one actor named thrice


def article_votes(found: list[Mention]) -> Counter[str]:
    """How strongly the article points to each country: names 3, unambiguous places 2, demonyms 1."""
    votes: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    for m in found:
        if m.kind in ("border", "origin", "aside"):
            continue
        if m.kind == "country":
            votes[m.codes[0]] += 3 if m.cued else 1.5  # "in Syria" names a place; "Israel says" an actor
        elif m.kind == "place" and len(m.codes) == 1 and not m.partial:
            votes[m.codes[0]] += 2
        elif m.kind == "place":
            votes[m.codes[0]] += 0.5
        else:  # a nationality: who acts or suffers, weak evidence of where, however often it is named
            actors[m.codes[0]] += 1
    for code, n in actors.items():
        votes[code] += min(n, ACTOR_VOTES_MAX)
    return votes


def pick(m: Mention, votes: Counter[str]) -> str:
    """The most likely country of a mention, preferring the countries the article points to."""
    if len(m.codes) == 1 or m.hand_kept or m.dominant:
        return m.codes[0]
    return max(m.codes, key=lambda c: (votes.get(c, 0), -m.codes.index(c)))


def resolve(window: list[Mention], votes: Counter[str], near: int | None = None) -> tuple[str | None, str | None]:
    """(country, location) for a figure from the mentions around it.

    Each mention votes for its country: "the Afghan capital" 4, a hand-kept name its prior (settings.csv
    place_prior_votes), other unambiguous places
    and country names 3, ambiguous places 1 (for the candidate the article supports), demonyms 1; the
    article's own leaning breaks ties. The location is the first place named in the winning country."""
    if not window:
        return None, None
    local: Counter[str] = Counter()
    picked: list[tuple[Mention, str]] = []
    places = [m for m in window if m.kind in ("place", "country")]
    nearest = min(places, key=lambda m: abs(m.start - near)) if places and near is not None else None
    for m in window:
        if m.kind in ("border", "origin", "aside"):
            continue
        code = pick(m, votes)
        picked.append((m, code))
        if m.kind == "place":
            weight = 4 if m.hand_kept else (m.prior or (3 if len(m.codes) == 1 else 1))
            if m.partial:
                weight = 0.5
            if m is nearest:
                weight *= 1.5  # of two places in a sentence, the one next to the figure
            local[code] += weight
        elif m.kind == "country":
            local[code] += (3 if m.cued else 1.5) * (1.5 if m is nearest else 1)
        else:
            local[code] += 1
    if not local:
        return None, None
    # "Tripoli, Lebanon": a country right after a place says which place it is
    for a, b in zip(window, window[1:], strict=False):
        if a.kind == "place" and b.kind == "country" and 0 < b.start - a.end <= 2:
            local[b.codes[0]] += 6
    country = max(local, key=lambda c: (local[c], votes.get(c, 0)))
    places = [m for m, code in picked if m.kind == "place" and code == country]
    cued = [m for m in places if m.cued] or places
    place = cued[0] if cued else None
    if place is None:
        return country, None
    named_unit = place.admin and not place.text.lower().endswith(place.admin)  # not "Jubaland state state"
    return country, f"{place.text} {place.admin}" if named_unit else place.text
