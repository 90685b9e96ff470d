"""Consolidate casualty reports into events, and reconcile each event's counts.

The same attack is reported by many outlets and the same statistic is repeated for weeks: summed
naively, every chart counts it many times. `consolidate` groups reports that describe the same
real-world incident (or the same period statistic) into one event and gives each report its
`event_id`; `build_events` then reconciles the counts of each event into one row per event,
outcome and victim group (low / best / high, as UCDP keeps them). The rules are in docs/events.md.

Everything here is pure and deterministic: the same reports give the same events and ids.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from etl import columns
from etl.engine.consolidate import TOLL_UPDATE
from etl.engine.notes import SEPARATE_ATTACK
from etl.geo import ADMIN_UNITS

# --- the rules' parameters (docs/events.md explains each) -----------------------------------------------------------
DAY_WINDOW = 2
"""Dated incident reports from different articles may be one event when their dates are this many days apart."""
PERIOD_END_WINDOW = 31
"""Period totals from different articles may be one statistic when their end dates are this many days apart."""
LINK_TOLERANCE = 0.2
"""An undated report names an incident by its toll: counts within 20% of each other agree."""
CONFLICT_TOLERANCE = 0.5
"""Same outcome and victim group, one of them undated: counts further apart than this are different incidents."""
PERIOD_TOLERANCE = 0.02
"""A statistic repeated in another article is repeated with (nearly) the same number."""
LINK_THRESHOLD = 1.2
"""Evidence a pair of reports from different articles needs to be put in one event."""
SAME_ARTICLE_SCORE = 2.0
"""Base evidence of two compatible reports of one article (always above the threshold)."""
SAME_ARTICLE_DAY_WINDOW = 1
"""Dated reports of one article may be one incident when their dates differ this much (a misread weekday)."""
FOLLOW_UP_WINDOW = 4
"""A toll dated by its own article's day may be of an incident in the same place up to this many days before."""
SMALL_TOLL = 6
"""Two sources' small tolls (up to this) agree within CONFLICT_TOLERANCE of it: 1 and 4 may be one quantity."""

REQUIRED_REPORT_COLUMNS = ("report_id", "article_id", "kind", "outcome", "victim_group")
EVENT_ID_PREFIX = "ev-"
PLACES_CSV = Path(__file__).parent / "conventions" / "places.csv"

# --- names: sources, perpetrators, places ---------------------------------------------------------------------------
SOURCE_FAMILIES: tuple[tuple[str, str], ...] = (
    (
        "united nations",
        r"\bu\.?\s?n\.?\b|united nations|\bunama\b|\bunami\b|\bunsmil\b|\bunicef\b|\bocha\b|\bunhcr\b"
        r"|\bunfpa\b|\bwho\b|world health organi|\bunmiss\b|\bminusca\b|\bminusma\b|\bmonusco\b|\bunifil\b"
        r"|\bunsom\b|\bbinuh\b|\bohchr\b|\bhrmmu\b",
    ),
    ("syrian observatory for human rights", r"\bsohr\b|syrian observatory|observatory for human rights"),
    ("red cross", r"red cross|red crescent|\bicrc\b"),
    ("health ministry", r"health minist|ministry of health|health department"),
    ("interior ministry", r"interior minist|ministry of interior|home minist"),
    ("defence ministry", r"defen[cs]e minist|ministry of defen[cs]e|pentagon"),
    ("police", r"\bpolice\b|\bpolicemen\b|\bgendarm"),
    ("military", r"\bmilitary\b|\barmy\b|\btroops\b|armed forces"),
    ("hospital", r"hospital|medic|doctor|morgue|coroner|health official"),
)
"""Reporting sources named differently but the same body: (family, pattern), the first match wins."""

AUTHORITY: tuple[tuple[int, str], ...] = (
    (
        3,
        r"\bu\.?\s?n\.?\b|united nations|\bunama\b|\bunami\b|\bunicef\b|\bocha\b|\bwho\b|red cross|red crescent"
        r"|\bicrc\b|minist|hospital|medic|doctor|morgue|coroner|health",
    ),
    (
        2,
        r"police|gendarm|security|military|army|troops|armed forces|pentagon|defen[cs]e|government|governor"
        r"|official|authorit|spokes|mayor|president|prime minister|commander",
    ),
)
"""How authoritative a reporting source is: UN, ministries, hospitals (3) > police, military, officials (2) >
any other named source: media, monitors, witnesses (1) > the article's own voice (0)."""

PERPETRATOR_FAMILIES: tuple[tuple[str, str], ...] = (
    ("islamic state", r"islamic state|\bisis\b|\bisil\b|\bdaesh\b|\bdaish\b"),
    ("taliban", r"taliban|\bttp\b|tehr[ei]k-?i-?taliban"),
    ("al-shabab", r"shaba+b"),
    ("boko haram", r"boko haram|\biswap\b"),
    ("al qaeda", r"qa[e']?ida|\baqap\b|\baqim\b|nusra"),
    ("kurdish militants", r"\bpkk\b|kurdistan workers|\btak\b|kurdistan freedom|kurdish milit"),
    ("hamas", r"\bhamas\b"),
    ("hezbollah", r"hezbollah|hizbollah|hizbullah"),
    ("houthis", r"houthi|huthi|ansar allah"),
    ("united states", r"\bu\.?\s?s\.?\b|united states|\bamerican\b|pentagon"),
    ("russia", r"russia"),
    ("israel", r"israel"),
    ("turkey", r"turkish|turkey"),
    ("saudi-led coalition", r"saudi"),
)
"""Perpetrators named differently but the same actor: (family, pattern), the first match wins.
Two reports naming different families describe different incidents (a soft rule: evidence against)."""
_PERP_IS = re.compile(r"\bIS\b")

_GENERIC_PLACE_TEXT = (
    "the of in at on near outside outskirts city town village district province region area governorate state "
    "county municipality camp neighbourhood neighborhood quarter suburb central capital north south east west "
    "northern southern eastern western northeast northwest southeast southwest northeastern northwestern "
    "southeastern southwestern al el ad an as ar ash az de la le del and main old new "
    # facilities: a kind of place, not which one
    "market bazaar square street road highway mosque church shrine temple school university college hospital "
    "clinic checkpoint airport station base park hotel restaurant cafe building compound office headquarters "
    "border crossing bridge port beach mountain mountains"
)
GENERIC_PLACE_WORDS = frozenset(_GENERIC_PLACE_TEXT.split())
"""Words that do not tell one place from another; the remaining words of a location must overlap."""
_STOPWORD_TEXT = (
    "the a an and or of in on at to for from by with as is was were be been are that this it its their his her "
    "said says say after before over into about than more least people killed wounded injured dead death toll "
    "were has have had who which when where while also other others some"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _clean(value: object) -> str:
    """Lower-case ASCII words of a text cell; '' for empty cells."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(_WORD.findall(_ascii(str(value))))


def _is_blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()


def source_family(text: object) -> str:
    """A reporting source's family ('UNAMA' and 'U.N.' are 'united nations'); '' for no source."""
    if _is_blank(text):
        return ""
    return _family_of(str(text))


@lru_cache(maxsize=65_536)
def _family_of(text: str) -> str:
    """source_family of a non-blank source (a source is named in many reports: worked out once)."""
    low = _ascii(text)
    for family, pattern in SOURCE_FAMILIES:
        if re.search(pattern, low):
            return family
    words = [
        w
        for w in _clean(text).split()
        if w
        not in {
            "the",
            "a",
            "an",
            "said",
            "local",
            "senior",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "official",
            "officials",
            "source",
            "sources",
            "according",
            "to",
        }
    ]
    return " ".join(words) or _clean(text)


def authority(text: object) -> int:
    """How authoritative a reporting source is (3 highest; 0 for the article's own voice)."""
    if _is_blank(text):
        return 0
    low = _ascii(str(text))
    for rank, pattern in AUTHORITY:
        if re.search(pattern, low):
            return rank
    return 1


def perpetrator_family(text: object) -> str:
    """The known actor a perpetrator names ('ISIL' -> 'islamic state'); '' when none is recognised."""
    if _is_blank(text):
        return ""
    if _PERP_IS.search(str(text)):
        return "islamic state"
    low = _ascii(str(text))
    for family, pattern in PERPETRATOR_FAMILIES:
        if re.search(pattern, low):
            return family
    return ""


def _skeleton(word: str) -> str:
    """A spelling-tolerant key of a place word: first letter and consonants, doubled letters squeezed."""
    if len(word) <= 3:
        return word
    out = word[0] + "".join(c for c in word[1:] if c not in "aeiouyhw")
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, dict[str, str]]:
    """country code -> {cleaned place name: 'town' | 'province'}, from etl/conventions/places.csv."""
    places: dict[str, dict[str, str]] = defaultdict(dict)
    if not PLACES_CSV.exists():
        return places
    with open(PLACES_CSV, encoding="utf-8") as handle:
        rows = csv.reader(line for line in handle if not line.startswith("#"))
        next(rows, None)
        for row in rows:
            if len(row) >= 3 and row[1]:
                name = _clean(row[0])
                if len(name) >= 4 and name not in GENERIC_PLACE_WORDS:
                    places[row[1]].setdefault(name, row[2])
    return places


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """country code -> its capital's cleaned name, from etl/conventions/capitals.csv."""
    from etl import lexicon

    return {r["country_code"]: _clean(r["capital"]) for r in lexicon.read_table("capitals.csv") if r["country_code"]}


@lru_cache(maxsize=1)
def _country_words() -> dict[str, frozenset[str]]:
    """iso3 -> the cleaned names and demonyms of the country ("belgian", "belgium"), from the lexicon."""
    from etl import lexicon

    words: dict[str, set[str]] = defaultdict(set)
    for name, (code, _weight) in lexicon.load().countries.items():
        words[code].add(_clean(name))
    return {code: frozenset(v) for code, v in words.items()}


def _named_capital(words: list[str], country: str) -> str | None:
    """'the Belgian capital', 'the capital', 'the capital of Turkey': a location that names only its country's capital
    (beside "capital", no word but the country's own name or demonym) is that city, so that it meets the city's own
    name ("Brussels") as one place. "The provincial capital", "the northern capital" name other cities."""
    if "capital" not in words or not country or country not in _capitals():
        return None
    rest = " ".join(w for w in words if w not in ("the", "of", "capital"))
    return _capitals()[country] if not rest or rest in _country_words().get(country, ()) else None


@dataclass(frozen=True, slots=True)
class _Place:
    tokens: frozenset[str]
    towns: frozenset[str]
    provinces: frozenset[str]


@lru_cache(maxsize=65536)
def _place(location: str, country: str) -> _Place:
    words = location.split()
    capital = _named_capital(words, country)
    if capital is not None:
        words = capital.split()
    known = _gazetteer().get(country, {}) if country else {}
    towns, provinces = set(), set()
    admin = bool(words) and words[-1].lower() in ADMIN_UNITS  # "Mopti region": a province, though a town is Mopti
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            kind = known.get(" ".join(words[i : i + size]))
            if kind:
                (towns if kind == "town" and not admin else provinces).add(" ".join(words[i : i + size]))
    tokens = frozenset(_skeleton(w) for w in words if w not in GENERIC_PLACE_WORDS and len(w) > 2)
    return _Place(tokens, frozenset(towns), frozenset(provinces))


def _place_score(a: _Place, b: _Place) -> float | None:
    """Evidence that two places are one (1 equal ... -0.3 unrelated); None when they are two different places.

    Two places conflict when both name gazetteer towns (or both provinces) and share none of them."""
    if not a.tokens or not b.tokens:
        return 0.0
    shared_known = (a.towns | a.provinces) & (b.towns | b.provinces)
    if not shared_known and (
        (a.towns and b.towns and not a.towns & b.towns)
        or (a.provinces and b.provinces and not a.provinces & b.provinces)
    ):
        return None
    if a.tokens == b.tokens:
        return 1.0
    if a.tokens <= b.tokens or b.tokens <= a.tokens:
        return 0.8
    if a.tokens & b.tokens or shared_known:
        return 0.5
    return -0.3


def _province_and_town(a: _Place, b: _Place) -> bool:
    """One place is only a province and the other names a town: the town may lie in it (no hierarchy known)."""
    return bool((a.provinces and not a.towns and b.towns) or (b.provinces and not b.towns and a.towns))


# --- one report, as the rules see it --------------------------------------------------------------------------------
@dataclass(slots=True)
class _Report:
    pos: int
    report_id: str
    article: str
    kind: str
    outcome: str
    group: str
    best: float | None
    start: int | None
    end: int | None
    published: int | None
    country: str
    place: _Place
    perp_family: str
    perp_text: str
    source: str
    sentence: str
    span: int | None
    vague: bool
    headline: bool
    text: dict[str, float]
    day_named: bool = False  # dated by a day its own sentence names ("on Friday"): an act's day, not a toll's
    note: bool = False  # of an event note: an undated article (or one dated from its text) as short as an event note
    held: str = ""  # the one side whose held areas its sentence names ("rebel-held districts"): _held_by
    apart: bool = False  # its sentence says it tells another attack ("In a separate attack"): _told_apart


def _days(values: pd.Series) -> list[int | None]:
    """Dates as day numbers (None for missing)."""
    dates = pd.to_datetime(values, errors="coerce")
    days = dates.to_numpy(dtype="datetime64[D]")
    return [None if np.isnat(d) else int(d.astype("int64")) for d in days]


def _count(row: dict) -> float | None:
    for name in ("count_best", "count_low", "count_high"):
        value = row[name]
        if not pd.isna(value):
            return float(value)
    return None


Vocabulary = tuple[int, Counter]
"""(texts, document frequency of each word) of the reports a TF-IDF weighs words against: consolidating a subset
of reports with the vocabulary of them all gives the vectors consolidating them all would (`report_vocabulary`)."""


def _bags(texts: Sequence[str]) -> list[Counter]:
    return [Counter(w for w in _WORD.findall(_ascii(t)) if w not in _STOPWORDS and len(w) > 2) for t in texts]


def _texts(frame: pd.DataFrame) -> list[str]:
    """What a report's TF-IDF vector is made of: its sentence and its article's headline (`frame` as `_published`
    gives it)."""
    return (frame["sentence"].fillna("").astype(str) + " " + frame["title"].fillna("").astype(str)).tolist()


def report_vocabulary(reports: pd.DataFrame, articles: pd.DataFrame) -> Vocabulary:
    """The vocabulary of these reports (their articles' headlines included); those of disjoint sets of reports add
    up (`add_vocabularies`) to the vocabulary of their union."""
    bags = _bags(_texts(_published(_checked(reports).reset_index(drop=True), articles)))
    return len(bags), Counter(w for bag in bags for w in bag)


def add_vocabularies(parts: Iterable[Vocabulary]) -> Vocabulary:
    """The vocabulary of the union of disjoint sets of reports."""
    n, df = 0, Counter()
    for count, words in parts:
        n += count
        df.update(words)
    return n, df


def _tfidf(texts: Sequence[str], vocabulary: Vocabulary | None = None) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of short texts (sentence and headline), for a cosine tie-breaker; words weighed against
    `vocabulary` (default: these texts')."""
    bags = _bags(texts)
    n, df = vocabulary if vocabulary is not None else (len(texts), Counter(w for bag in bags for w in bag))
    vectors = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 1)) + 1) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


_NUMBER_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = _NUMBER_TEXT.split()


def _in_headline(count: object, title: object) -> bool:
    """The article's headline gives this count: the report is (part of) the article's main incident."""
    if _is_blank(title) or pd.isna(count):
        return False
    words = set(_WORD.findall(_ascii(str(title)).replace(",", "")))
    n = int(count)
    return str(n) in words or (n < len(_NUMBER_WORDS) and _NUMBER_WORDS[n] in words)


def sentence_key(text: object) -> str:
    """A short hash of a sentence's words (case, spacing and punctuation ignored); '' for no sentence."""
    clean = _clean(text)
    return hashlib.sha1(clean.encode()).hexdigest()[:12] if clean else ""


def _published(reports: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The reports with their article's `published`, `title` and outlet (`_outlet`) attached."""
    arts = articles.reindex(
        columns=["article_id", "title", "published", "source", "url", "published_inferred", "text_length"]
    )
    arts = arts.dropna(subset=["article_id"]).drop_duplicates("article_id")
    outlet = arts["source"].where(
        arts["source"].notna(),
        arts["url"].astype("string").str.extract(r"^(?:[a-z]+://)?(?:www\.)?([^/]+)", expand=False),
    )
    # an event note: an article with no date of its own (none, or one read from its text) no longer than an event
    # note (settings.csv event_note_max_chars): an ACLED note, a GTD summary, an incident list's entry
    inferred = arts["published_inferred"].astype("boolean").fillna(False)
    short = pd.to_numeric(arts["text_length"], errors="coerce").le(_event_note_chars()).fillna(False)
    note = arts["published"].isna() | (inferred & short)
    arts = arts.assign(_outlet=outlet.astype("string"), _note=note.astype(bool))
    arts = arts[["article_id", "title", "published", "_outlet", "_note"]]
    base = reports.drop(columns=[c for c in ("title", "published", "_outlet", "_note") if c in reports.columns])
    return base.merge(arts, on="article_id", how="left", validate="many_to_one")


@lru_cache(maxsize=1)
def _event_note_chars() -> int:
    from etl import lexicon

    return int(lexicon.load().settings.get("event_note_max_chars", 0))


def _checked(reports: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in REQUIRED_REPORT_COLUMNS if c not in reports.columns]
    if missing:
        raise ValueError(f"reports frame lacks required columns: {', '.join(missing)}")
    if reports["report_id"].duplicated().any():
        dupes = reports.loc[reports["report_id"].duplicated(), "report_id"].head(3).tolist()
        raise ValueError(f"reports frame has duplicate report ids, e.g. {dupes}")
    names = [c for c in columns.TABLES["reports"] if c not in reports.columns]
    return reports.assign(**{c: pd.Series(pd.NA, index=reports.index, dtype=columns.COLUMNS[c].dtype) for c in names})


FEATURE_COLUMNS = [
    *("report_id", "article_id", "kind", "outcome", "victim_group", "count_best", "count_low", "count_high"),
    *("country_code", "location", "perpetrator", "reporting_source", "sentence", "span_start", "qualifier", "title"),
    *("rules", "_note"),
]


def _features(frame: pd.DataFrame, vocabulary: Vocabulary | None = None) -> list[_Report]:
    starts, ends, published = _days(frame["start_date"]), _days(frame["end_date"]), _days(frame["published"])
    vectors = _tfidf(_texts(frame), vocabulary)
    out = []
    for pos, row in enumerate(frame[FEATURE_COLUMNS].to_dict("records")):  # (only what is read: 3x less to convert)
        country = "" if _is_blank(row["country_code"]) else str(row["country_code"]).upper()
        start, end = starts[pos], ends[pos]
        if start is None and end is not None and row["kind"] == "incident":
            start = end
        if start is not None and (end is None or end < start):
            end = start if row["kind"] == "incident" else end
        out.append(
            _Report(
                pos=pos,
                report_id=str(row["report_id"]),
                article=str(row["article_id"]),
                kind="" if _is_blank(row["kind"]) else str(row["kind"]),
                outcome=str(row["outcome"]),
                group=str(row["victim_group"]),
                best=_count(row),
                start=start,
                end=end,
                published=published[pos],
                country=country,
                place=_place(_clean(row["location"]), country),
                perp_family=perpetrator_family(row["perpetrator"]),
                perp_text=_clean(row["perpetrator"]),
                source=source_family(row["reporting_source"]),
                sentence=sentence_key(row["sentence"]),
                span=None if pd.isna(row["span_start"]) else int(row["span_start"]),
                vague=str(row["qualifier"]) == "vague",
                headline=_in_headline(row["count_best"], row["title"]),
                text=vectors[pos],
                day_named=_act_of_a_named_day(row["rules"], row["sentence"]),
                note=bool(row["_note"]),
                held=_held_by(row["sentence"]),
                apart=_says_apart(row["sentence"]),
            )
        )
    return out




# areas named by who holds them: "rebel-held districts", "government-controlled areas", "Islamic State-held towns"
HELD_AREA = re.compile(
    r"\b((?:islamic )?[a-z]+)[- ](?:held|controlled|occupied)\s+(?:\w+\s+)?(?:areas?|distri[ck]ts?|neighbou?rhoods?|"
    r"parts?|towns?|city|cities|villages?|territor(?:y|ies)|enclaves?|zones?|regions?|provinces?|suburbs?|side|"
    r"east|west|north|south)\b",
    re.I,
)
# words for one side: "rebel-held" and "opposition-held" areas are the same side's
HELD_SIDES = {"opposition": "rebel", "insurgent": "rebel", "militant": "rebel", "regime": "government"}


def _held_by(sentence: object) -> str:
    """The one side whose held areas a report's sentence names ('' for none, or for a sentence naming both): two
    reports of areas held by different sides are of different places ("air strikes on rebel-held districts killed
    30"; "in government-held areas, rebel shelling killed 14")."""
    if not isinstance(sentence, str) or not ("held" in sentence or "controlled" in sentence or "occupied" in sentence):
        return ""
    sides = {HELD_SIDES.get(w, w) for w in (m.group(1).lower() for m in HELD_AREA.finditer(sentence))}
    return sides.pop() if len(sides) == 1 else ""


def _act_of_a_named_day(rules: object, sentence: object) -> bool:
    """A report dated by a day its own sentence names that tells an act ("police killed a suspect on Friday"), not a
    toll ("the toll rose to 38 on Tuesday"): that day is when it happened, not when the toll was told."""
    if not isinstance(rules, str) or "time.sentence_day" not in rules or "link.toll" in rules:
        return False
    return not (isinstance(sentence, str) and TOLL_UPDATE.search(sentence))


# --- the rules ------------------------------------------------------------------------------------------------------
def _close(a: float | None, b: float | None, tolerance: float) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= tolerance * max(a, b, 1.0)


def _groups_comparable(a: _Report, b: _Report) -> bool:
    """Counts of two reports measure the same thing: same outcome, same victim group (or one unspecified)."""
    return a.outcome == b.outcome and (a.group == b.group or "unknown" in (a.group, b.group))


def _count_score(a: _Report, b: _Report, tolerance: float) -> float:
    """Evidence from two agreeing counts: larger numbers are more telling (1 agrees with everything)."""
    if not _groups_comparable(a, b) or not _close(a.best, b.best, tolerance):
        return 0.0
    top = max(a.best, b.best)
    specificity = min(1.0, math.log10(top + 1) / 2)
    closeness = 1 - abs(a.best - b.best) / (tolerance * max(top, 1.0)) if tolerance else 1.0
    return specificity * (0.5 + 0.5 * closeness)


def _perp_score(a: _Report, b: _Report) -> float:
    if a.perp_family and b.perp_family:
        return 0.4 if a.perp_family == b.perp_family else -0.6
    if a.perp_text and a.perp_text == b.perp_text:
        return 0.4
    return 0.0


def _period_perp(r: _Report) -> str:
    return r.perp_family or r.perp_text


def _compatible(a: _Report, b: _Report) -> bool:
    """Hard rules: may these two reports be in one event at all?"""
    if a.kind != b.kind:
        return False
    same_article = a.article == b.article
    if a.country and b.country and a.country != b.country:
        return False  # (a report without a country joins events only through reports of its own article)
    if (
        same_article
        and a.outcome == b.outcome
        and a.group == b.group
        and not (a.vague or b.vague or _two_sources(a, b))
    ):
        return False  # per incident and outcome an article's reports partition the victims (one source's word)
    place = _place_score(a.place, b.place)
    if place is None or (same_article and place < 0 and not _province_and_town(a.place, b.place)):
        return False  # one article naming two unrelated places names two incidents
    if same_article and a.kind == "incident" and _told_apart(a, b):
        return False  # "In a separate attack on Tuesday, ... near Bosso": not the attack told before it
    if a.held and b.held and a.held != b.held:
        return False  # areas held by two sides ("rebel-held districts", "government-held areas") are two places
    if a.kind == "period_total":
        return _period_compatible(a, b, same_article)
    return _incident_compatible(a, b, same_article)


# a sentence that says it tells another attack than the ones before it
SEPARATE = re.compile(rf"\b{SEPARATE_ATTACK}")


def _told_apart(a: _Report, b: _Report) -> bool:
    """In one article, a report whose sentence says it tells a separate attack ("In a separate attack on Tuesday",
    "Elsewhere", "Also on Tuesday") is not of an incident told in a sentence before it."""
    if a.sentence == b.sentence or a.span is None or b.span is None:
        return False
    return (a if a.span > b.span else b).apart


def _says_apart(sentence: object) -> bool:
    return isinstance(sentence, str) and bool(SEPARATE.search(sentence))


def _two_sources(a: _Report, b: _Report) -> bool:
    """Two sources (one may be the article's own voice) that are not one body, near agreeing (within
    CONFLICT_TOLERANCE): their figures for one quantity are two words on it (a range), not two incidents."""
    if not (a.source or b.source) or a.source == b.source or a.best is None or b.best is None:
        return False
    return abs(a.best - b.best) <= CONFLICT_TOLERANCE * max(a.best, b.best, SMALL_TOLL)


def _incident_compatible(a: _Report, b: _Report, same_article: bool) -> bool:
    dated = (a.start is not None) + (b.start is not None)
    if same_article:
        if dated == 2:
            window = DAY_WINDOW if _toll_of_the_day(a) or _toll_of_the_day(b) else SAME_ARTICLE_DAY_WINDOW
            return _gap(a, b) <= window
        if dated == 0 and a.published is None:
            return True  # an article of unknown date dates nothing: its undated reports may all be its one incident
        # an article that dates its incident names an undated one only as another incident, and each sentence of a
        # dated article that recalls an undated one ("a bombing last year killed 100") recalls its own
        return bool(a.sentence) and a.sentence == b.sentence
    if a.note and b.note:
        # two event notes (ACLED, GTD, an incident list's entries): each is one event by definition, and nothing in
        # them tells two incidents of one day and place apart from one told twice
        return False
    if dated == 2:
        return _gap(a, b) <= DAY_WINDOW or _follow_up(a, b)
    same_quantity = a.outcome == b.outcome and a.group == b.group and a.best is not None and b.best is not None
    if dated == 1:
        d, u = (a, b) if a.start is not None else (b, a)
        if u.published is None or d.start > u.published:
            # an undated mention cannot be of an incident after its article, nor, in an article whose date is
            # unknown, be placed in time at all
            return False
        # a later mention may give a higher toll than an early report, not a far lower one
        later = u.published is None or d.published is None or d.published <= u.published
        return not (same_quantity and later and u.best < d.best * (1 - CONFLICT_TOLERANCE))
    return not same_quantity or _close(a.best, b.best, CONFLICT_TOLERANCE)


def _follow_up(a: _Report, b: _Report) -> bool:
    """A later article's toll dated by its own day ("the toll from Monday's strike rose to 19, officials said on
    Thursday") and an incident up to FOLLOW_UP_WINDOW days before it: the toll names its place, and the
    incident's report names no other."""
    later, earlier = (a, b) if a.start >= b.start else (b, a)
    if not _as_of_publication(later) or later.start - earlier.start > FOLLOW_UP_WINDOW:
        return False
    place = _place_score(a.place, b.place)
    return bool(later.place.tokens) and place is not None and place >= 0  # placed, and not elsewhere


def _as_of_publication(r: _Report) -> bool:
    """A report dated on (or after) its article's own day: a toll as it stands when the article was written ("the
    bombing two days ago has killed 30"), which may belong to an incident of the article's days before."""
    return r.published is not None and r.start is not None and r.start >= r.published


def _toll_of_the_day(r: _Report) -> bool:
    """In one article, a report dated on its article's day that is a toll as it stands, not an act whose own sentence
    names that day ("police killed a suspect in raids on Friday", published on Friday): only a toll may join an
    attack of the days before without a day's penalty."""
    return _as_of_publication(r) and not r.day_named


def _period_compatible(a: _Report, b: _Report, same_article: bool) -> bool:
    if a.start != b.start:
        return False
    if same_article:
        return a.end == b.end and _period_perp(a) == _period_perp(b)
    if (a.end is None) != (b.end is None) or (a.end is not None and abs(a.end - b.end) > PERIOD_END_WINDOW):
        return False
    if a.perp_family and b.perp_family and a.perp_family != b.perp_family:
        return False
    if a.source and b.source and a.source != b.source:
        return False
    if a.outcome == b.outcome and a.group == b.group:
        return _close(a.best, b.best, PERIOD_TOLERANCE)
    return True


def _gap(a: _Report, b: _Report) -> int:
    """Days between two dated incidents (0 when their date ranges overlap)."""
    a_end = a.end if a.end is not None else a.start
    b_end = b.end if b.end is not None else b.start
    return max(0, max(a.start, b.start) - min(a_end, b_end))


def _link(a: _Report, b: _Report) -> float:
    """Evidence that two compatible reports describe one event (compared with LINK_THRESHOLD)."""
    place = _place_score(a.place, b.place) or 0.0
    text = _cosine(a.text, b.text)
    if a.article == b.article:
        near = 0.0
        if a.sentence and a.sentence == b.sentence:
            near = 0.5
        elif a.span is not None and b.span is not None:
            near = 0.5 * math.exp(-abs(a.span - b.span) / 600)
        lead = 0.6 if a.headline or b.headline else 0.0  # an article leads with its main incident
        dated = a.start is not None and b.start is not None
        days = 0.8 * _gap(a, b) if dated and not (_toll_of_the_day(a) or _toll_of_the_day(b)) else 0.0
        return SAME_ARTICLE_SCORE + place + near + lead - days + 0.5 * text
    if a.kind == "period_total":
        if a.outcome != b.outcome:
            return _casualties_and_part(a, b, place, text)
        counts = _count_score(a, b, PERIOD_TOLERANCE)
        if not counts:
            return 0.0
        exact = 0.3 if a.end == b.end else 0.0
        source = 0.3 if a.source and a.source == b.source else 0.0
        return 0.6 + counts + exact + source + max(place, 0.0) + _perp_score(a, b) + text
    perp = _perp_score(a, b)
    if a.start is not None and b.start is not None:
        day = max(0.1, 1.0 - 0.3 * _gap(a, b))  # 1 the same day, 0.7 a day apart, 0.4 two days
        return day + place + perp + 0.5 * _count_score(a, b, LINK_TOLERANCE) + text
    # an undated mention: its toll, place and actor must name the incident
    counts = _count_score(a, b, LINK_TOLERANCE)
    if not counts or place < 0 or (place == 0 and perp <= 0):
        return 0.0
    return 0.5 + 1.5 * counts + place + perp + text


def _casualties_and_part(a: _Report, b: _Report, place: float, text: float) -> float:
    """One statistic told as the killed and wounded together in one article ("4,986 civilians were killed or wounded
    in the first half of the year") and as its killed or its wounded in another ("1,574 were killed and 3,412
    wounded"): one event when the period is the same to the day, the same body says it and the part is within the
    whole."""
    if "casualties" not in (a.outcome, b.outcome) or a.end != b.end or not (a.source and a.source == b.source):
        return 0.0
    whole, part = (a, b) if a.outcome == "casualties" else (b, a)
    if whole.best is None or part.best is None or part.best > whole.best * (1 + PERIOD_TOLERANCE):
        return 0.0
    return 0.6 + 0.3 + 0.3 + max(place, 0.0) + _perp_score(a, b) + text


# --- candidate pairs and clustering ---------------------------------------------------------------------------------
def _candidates(reps: Sequence[_Report]) -> Iterable[tuple[int, int]]:
    """Pairs worth scoring: same article, dated incidents days apart, undated mentions and statistics by toll; each
    unordered pair at most once (the clustering keeps only the pairs that link, never a table of every pair)."""
    by_article: dict[str, list[int]] = defaultdict(list)
    by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_count: dict[tuple[str, str, str, int | None], list[tuple[float, int]]] = defaultdict(list)
    by_period: dict[tuple[str, int, int | None], list[int]] = defaultdict(list)  # statistics: (country, start, end)
    for r in reps:
        by_article[r.article].append(r.pos)
        if not r.country:
            continue
        if r.kind == "incident" and r.start is not None:
            by_day[(r.country, r.start)].append(r.pos)
        if r.best is not None:
            # statistics of two articles are one only over the same period start (`_period_compatible`): keying them
            # by it keeps the pairs per key few, so the cost grows with the reports, not with their square
            start = r.start if r.kind == "period_total" else None
            by_count[(r.kind, r.country, r.outcome, start)].append((r.best, r.pos))
        if r.kind == "period_total" and r.start is not None:
            by_period[(r.country, r.start, r.end)].append(r.pos)
    for members in by_article.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield i, j
    for (country, start), members in by_day.items():
        for day in range(start, start + FOLLOW_UP_WINDOW + 1):
            for j in by_day.get((country, day), ()):
                if day - start > DAY_WINDOW and not _as_of_publication(reps[j]):
                    continue  # further apart, only a later article's toll dated by its own day
                for i in members:
                    if i != j and reps[i].article != reps[j].article and (day > start or i < j):
                        yield i, j
    for members in by_period.values():  # a statistic's killed and wounded together, and each alone (other outcomes)
        whole = [i for i in members if reps[i].outcome == "casualties"]
        for i in whole:
            for j in members:
                if reps[j].outcome in ("killed", "injured") and reps[i].article != reps[j].article:
                    yield i, j
    for (kind, _country, _outcome, _start), values in by_count.items():
        values.sort()
        counts = [v for v, _ in values]
        tolerance = PERIOD_TOLERANCE if kind == "period_total" else LINK_TOLERANCE
        for best, i in values:
            if kind == "incident" and reps[i].start is not None:
                continue  # dated incidents meet undated ones from the other side
            lo = bisect_left(counts, best * (1 - tolerance) - 1)
            hi = bisect_right(counts, best / (1 - tolerance) + 1)
            for _, j in values[lo:hi]:
                # each pair once: an undated mention meets a dated incident from its own side only, and two undated
                # mentions (or two statistics) from the lower position's side
                once = (kind == "incident" and reps[j].start is not None) or i < j
                if once and reps[i].article != reps[j].article:
                    yield i, j


def _cluster(reps: Sequence[_Report]) -> list[int]:
    """Greedy constrained clustering: strongest links first; two groups merge only if every pair is compatible."""
    ranked = []
    for i, j in _candidates(reps):
        if j < i:
            i, j = j, i
        a, b = reps[i], reps[j]
        if _compatible(a, b):
            score = _link(a, b)
            if score >= LINK_THRESHOLD:
                ranked.append((-score, a.report_id, b.report_id, i, j))
    ranked.sort()
    parent = list(range(len(reps)))
    members = {i: [i] for i in range(len(reps))}
    compatible: dict[tuple[int, int], bool] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def fits(x: int, y: int) -> bool:
        for i in members[x]:
            for j in members[y]:
                key = (i, j) if i < j else (j, i)
                if key not in compatible:
                    compatible[key] = _compatible(reps[key[0]], reps[key[1]])
                if not compatible[key]:
                    return False
        return True

    for _, _, _, i, j in ranked:
        x, y = find(i), find(j)
        if x != y and fits(x, y):
            if len(members[x]) < len(members[y]):
                x, y = y, x
            parent[y] = x
            members[x].extend(members.pop(y))
    return [find(i) for i in range(len(reps))]


def _event_ids(frame: pd.DataFrame, roots: list[int], previous: pd.Series | None) -> list[str]:
    """Ids per report: an existing id its cluster already holds, else 'ev-' + hash of its earliest report."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for pos, root in enumerate(roots):
        clusters[root].append(pos)
    order = (
        frame.assign(_pos=range(len(frame)))
        .sort_values(["published", "report_id"], na_position="last", kind="stable")["_pos"]
        .tolist()
    )
    rank = {pos: r for r, pos in enumerate(order)}
    earliest = {root: min(members, key=rank.__getitem__) for root, members in clusters.items()}
    chosen: dict[int, str] = {}
    used: set[str] = set()
    if previous is not None:
        claims = []
        for root, members in clusters.items():
            held = Counter(str(previous.iat[p]) for p in members if not _is_blank(previous.iat[p]))
            for event_id, n in held.items():
                first = min(rank[p] for p in members if str(previous.iat[p]) == event_id)
                claims.append((-n, first, event_id, root))
        for _, _, event_id, root in sorted(claims):
            if root not in chosen and event_id not in used:
                chosen[root] = event_id
                used.add(event_id)
    report_ids = frame["report_id"].astype(str).tolist()
    for root in sorted(clusters, key=lambda r: rank[earliest[r]]):
        if root in chosen:
            continue
        seed, salt = report_ids[earliest[root]], 0
        while True:
            text = f"{seed}#{salt}" if salt else seed
            event_id = EVENT_ID_PREFIX + hashlib.sha1(text.encode()).hexdigest()[:12]
            if event_id not in used:
                break
            salt += 1
        chosen[root] = event_id
        used.add(event_id)
    return [chosen[root] for root in roots]


def incident_countries(reports: pd.DataFrame) -> pd.Series:
    """Each report's country, where it happened: a report with no place of its own whose country differs from the
    one country its article places that day's incident in (reports with a location, same start date) takes that
    country. A country read from the victims' nationality ("two members of Iran-backed groups were killed") is not
    where they were killed."""
    country = reports["country_code"].astype("string")
    location = reports["location"].astype("string").str.strip().replace("", pd.NA)
    day = reports["start_date"].astype("string").fillna("")
    located = reports.assign(_c=country, _day=day)[location.notna() & country.notna()]
    grouped = located.groupby(["article_id", "_day"])["_c"]
    ones = grouped.first().where(grouped.nunique() == 1)  # the one country of that article's day, else NA
    if ones.empty:
        return country
    keys = pd.MultiIndex.from_arrays([reports["article_id"], day])
    placed = pd.Series(ones.reindex(keys).to_numpy(), index=reports.index, dtype="string")
    moved = location.isna() & placed.notna() & (reports["kind"] == "incident") & (placed != country).fillna(False)
    if moved.any():  # a sentence that says where ("in the occupied West Bank", "in Kenya") keeps its country
        said = [_names_as_place(reports.at[i, "sentence"], str(country.at[i])) for i in moved[moved].index]
        moved[moved[moved].index] = ~pd.Series(said, index=moved[moved].index, dtype=bool)
    return country.where(~moved, placed)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[str, ...]]:
    """iso3 -> the country's names and place aliases (not its nationality words), from the lexicon."""
    from etl import lexicon

    names: dict[str, list[str]] = defaultdict(list)
    for name, (code, weight) in lexicon.load().countries.items():
        if weight >= 3:
            names[code].append(name)
    return {code: tuple(sorted(v, key=len, reverse=True)) for code, v in names.items()}


def _names_as_place(sentence: object, code: str) -> bool:
    """The sentence names the country as where something is ("in Kenya", "near the West Bank")."""
    if _is_blank(sentence):
        return False
    text = _ascii(str(sentence))
    for name in _country_names().get(code, ()):
        if re.search(rf"\b(?:in|at|near|inside|across|into|on)\s+(?:the\s+)?(?:\w+\s+)?{re.escape(name)}\b", text):
            return True
    return False


def consolidate(
    reports: pd.DataFrame, articles: pd.DataFrame, vocabulary: Vocabulary | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (reports with an `event_id` column, events table).

    Pure and deterministic. Reports that already carry an `event_id` (from the store) keep it when their
    event still exists, so a newly ingested article joins existing events and ids do not churn; new events
    get 'ev-' + a hash of their earliest report's id. `vocabulary`: what the text similarity weighs words
    against (default: these reports'); a group of countries consolidated with the vocabulary of every report gets
    the events consolidating every report gives it (etl/events_split.py).
    """
    checked = _checked(reports)
    if checked.empty:
        return reports.assign(event_id=pd.Series(dtype="string")), columns.empty_frame("events")
    where = incident_countries(checked)
    checked = checked.assign(country_code=where)
    if "country_code" in reports.columns:
        reports = reports.assign(country_code=where)
    frame = _published(checked.reset_index(drop=True), articles)
    roots = _cluster(_features(frame, vocabulary))
    previous = frame["event_id"] if "event_id" in frame.columns else None
    event_ids = pd.array(_event_ids(frame, roots, previous), dtype="string")
    out = reports.assign(event_id=pd.Series(event_ids, index=reports.index))
    return out, build_events(out, articles)


# --- reconciliation -------------------------------------------------------------------------------------------------
ROW = ["event_id", "outcome", "victim_group"]


def _modes(frame: pd.DataFrame, column: str) -> pd.Series:
    """Per event, the most frequent non-empty value of a column (ties: the best-ranked report's)."""
    values = frame[column].astype("string").str.strip()
    part = frame.assign(_value=values)[["event_id", "_value", "_rank"]]
    part = part[part["_value"].notna() & (part["_value"] != "")]
    counts = part.groupby(["event_id", "_value"], sort=False).agg(n=("_rank", "size"), first=("_rank", "min"))
    top = counts.reset_index().sort_values(["event_id", "n", "first"], ascending=[True, False, True])
    return top.drop_duplicates("event_id").set_index("event_id")["_value"].rename(column)


def build_events(reports: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The events table: one row per event, outcome and victim group, counts reconciled across its reports.

    - count_best: the best report's count. The best report is the most recent one (latest article
      `published`); ties go to the most authoritative source (UN / ministry / hospital > police / military /
      officials > media and other named sources > the article's own voice), then to the higher toll.
    - count_low / count_high: the spread of what the sources said. Each source (its reporting source, or
      the outlet when the article speaks in its own voice) counts with its latest report only, so a toll a
      source updated ("rose to 30") replaces its earlier one; low = min of lows (or bests), high = max of
      highs (or bests), and the range always holds the best.
    - kind, country, location, perpetrator: the most frequent value among all the event's reports (ties:
      the best-ranked report's); reporting_source: the best report's.
    - in_total: the rows that add up to the event's total for the outcome without double counting: the
      victim groups of the lead article (the most recent among those giving at least half the largest
      total for the outcome; ties: most authoritative, then largest total).
    """
    if "event_id" not in reports.columns:
        raise ValueError("reports frame lacks an event_id column: run consolidate first")
    reports = _checked(reports)
    reports = reports[reports["event_id"].notna()]
    if reports.empty:
        return columns.empty_frame("events")
    frame = _published(reports, articles)
    published = pd.to_datetime(frame["published"], errors="coerce").astype(columns.DATE)
    outlet_key = ("outlet:" + frame["_outlet"].astype("string").str.lower()).fillna(
        "article:" + frame["article_id"].astype("string")
    )
    family = frame["reporting_source"].map(source_family).astype("string")
    frame = frame.assign(
        published=published,
        _authority=frame["reporting_source"].map(authority).astype("int64"),
        _source_key=family.where(family != "", outlet_key),
        _lowish=frame["count_low"].fillna(frame["count_best"]),
        _highish=frame["count_high"].fillna(frame["count_best"]),
        report_id=frame["report_id"].astype("string"),
    )
    frame = frame.sort_values(
        ["published", "_authority", "count_best", "report_id"],
        ascending=[False, False, False, True],
        na_position="last",
        kind="stable",
    )
    frame = frame.assign(_rank=np.arange(len(frame)))

    best = frame.drop_duplicates(ROW).set_index(ROW)[["count_best", "reporting_source"]]
    latest = frame.drop_duplicates([*ROW, "_source_key"])  # each source's latest word
    spread = latest.groupby(ROW).agg(count_low=("_lowish", "min"), count_high=("_highish", "max"))
    by_id = frame.sort_values("report_id", kind="stable")
    sizes = frame.groupby(ROW).agg(
        start_date=("start_date", "min"),
        end_date=("end_date", "max"),
        n_reports=("report_id", "size"),
        n_articles=("article_id", "nunique"),
        n_sources=("_source_key", "nunique"),
        first_reported=("published", "min"),
        last_reported=("published", "max"),
    )
    ids = _joined_ids(by_id)
    events = best.join(spread).join(sizes).join(ids).reset_index()
    events["count_low"] = events[["count_low", "count_best"]].min(axis=1, skipna=True)
    events["count_high"] = events[["count_high", "count_best"]].max(axis=1, skipna=True)
    for column in ("kind", "country_code", "location", "perpetrator"):
        events = events.merge(
            _modes(frame, column), left_on="event_id", right_index=True, how="left", validate="many_to_one"
        )
    lead = _lead_rows(frame)
    events = events.merge(lead, on=ROW, how="left", validate="one_to_one")
    events["in_total"] = events["in_total"].fillna(False).astype(bool)
    events = _cap_highs(events)
    events["event_key"] = events["event_id"] + ":" + events["outcome"] + ":" + events["victim_group"]
    events = events.sort_values(["first_reported", "event_id", "outcome", "victim_group"], kind="stable")
    return columns.validate(events.reset_index(drop=True), "events")


def _joined_ids(by_id: pd.DataFrame) -> pd.Series:
    """Each event row's report ids joined by ";" in the order given (a plain-Python pass: a groupby with a Python
    aggregation costs a call per row)."""
    keys = by_id[ROW]
    joined: dict[tuple, list[str]] = {}
    rows = zip(*(keys[c].tolist() for c in ROW), strict=True)
    for key, report_id in zip(rows, by_id["report_id"].tolist(), strict=True):
        if not any(part is None or part is pd.NA for part in key):  # (as a groupby: rows with a missing key left out)
            joined.setdefault(key, []).append(report_id)
    index = pd.MultiIndex.from_tuples(list(joined), names=ROW)
    return pd.Series([";".join(ids) for ids in joined.values()], index=index, name="report_ids", dtype=object)


def _kept_partitions(frame: pd.DataFrame) -> pd.DataFrame:
    """Each article's figures per source (event, outcome, article, source key), with `kept`: when two sources of one
    article give the same victim group ("the civil defence said eight ...; the observatory said nine ..."), they
    are two words on one quantity, not a partition: the more authoritative source's figures (then the larger
    total) are kept, and a source whose groups overlap a kept one is left out of the article's total."""
    keys = ["event_id", "outcome", "article_id", "_source_key"]
    parts = (
        frame.groupby(keys, sort=False)
        .agg(
            total=("count_best", "sum"),
            high=("_highish", "sum"),
            published=("published", "max"),
            authority=("_authority", "max"),
        )
        .reset_index()
        .sort_values(["authority", "total", "_source_key"], ascending=[False, False, True], kind="stable")
    )
    parts["_prank"] = parts.groupby(["event_id", "outcome", "article_id"], sort=False).cumcount()
    groups = frame[[*keys, "victim_group"]].drop_duplicates().merge(parts[[*keys, "_prank"]], on=keys, validate="m:1")
    winner = groups.groupby(["event_id", "outcome", "article_id", "victim_group"])["_prank"].transform("min")
    lost = groups.loc[groups["_prank"] != winner, keys].drop_duplicates().assign(_lost=True)
    parts = parts.merge(lost, on=keys, how="left", validate="one_to_one")
    return parts.assign(kept=parts["_lost"].isna()).drop(columns=["_lost", "_prank"])


def _lead_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """(event, outcome, victim group) rows given by the lead article of their event and outcome (build_events),
    with `_total_high`: the highest total any one source gave for the event and outcome."""
    parts = _kept_partitions(frame)
    highest = parts.groupby(["event_id", "outcome"])["high"].max().rename("_total_high").reset_index()
    parts = parts[parts["kept"]]
    per_article = (
        parts.groupby(["event_id", "outcome", "article_id"], sort=False)
        .agg(total=("total", "sum"), published=("published", "max"), authority=("authority", "max"))
        .reset_index()
    )
    per_article["largest"] = per_article.groupby(["event_id", "outcome"])["total"].transform("max")
    complete = per_article[per_article["total"] >= per_article["largest"] / 2]
    complete = complete.sort_values(
        ["published", "authority", "total", "article_id"],
        ascending=[False, False, False, True],
        na_position="last",
        kind="stable",
    )
    leads = complete.drop_duplicates(["event_id", "outcome"])[["event_id", "outcome", "article_id"]]
    kept = parts[["event_id", "outcome", "article_id", "_source_key"]]
    rows = frame.merge(kept, on=list(kept.columns), how="inner", validate="many_to_one")
    rows = rows.merge(leads, on=["event_id", "outcome", "article_id"], how="inner", validate="many_to_one")
    out = rows[ROW].drop_duplicates().assign(in_total=True)
    return out.merge(highest, on=["event_id", "outcome"], how="left", validate="many_to_one")


def _cap_highs(events: pd.DataFrame) -> pd.DataFrame:
    """The counted rows' highs add up to no more than the highest total one source gave (never below the bests):
    "the observatory said 14 civilians were killed; the White Helmets said 19" is 14 (14-19), high 19, not 33."""
    counted = events[events["in_total"]]
    if counted.empty:
        return events.drop(columns=["_total_high"])
    sums = counted.groupby(["event_id", "outcome"]).agg(best=("count_best", "sum"), high=("count_high", "sum"))
    limit = events.groupby(["event_id", "outcome"])["_total_high"].max()
    excess = (sums["high"] - np.maximum(limit.reindex(sums.index), sums["best"])).dropna()
    excess = excess[excess > 0]
    if excess.empty:
        return events.drop(columns=["_total_high"])
    events = events.copy()
    gap = (events["count_high"] - events["count_best"]).where(events["in_total"], -1)
    widest = events.assign(_gap=gap).sort_values(["_gap", "victim_group"], ascending=[False, True], kind="stable")
    widest = widest.drop_duplicates(["event_id", "outcome"])
    for (event_id, outcome), cut in excess.items():
        row = widest[(widest["event_id"] == event_id) & (widest["outcome"] == outcome)].index[0]
        events.loc[row, "count_high"] = max(events.loc[row, "count_best"], events.loc[row, "count_high"] - cut)
    return events.drop(columns=["_total_high"])
