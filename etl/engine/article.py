"""The article: the stages composed over one article's text into figures, reports and notes.

`extract_article` is the engine's table of contents; each step below is one function over an `Article` (what
the stages share about one text) and `Report` objects, which leave the engine as rows (dicts) at the end.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace

from .. import actors, dates, geo
from ..lexicon import Lexicon, fold, load
from . import anaphora, rules, violence
from . import notes as attribution
from .attribution import NOTE_TRIGGER, NOTE_TRIGGER_WORDS, _claims, _perpetrator, find_source
from .chunks import Chunk, _nationality
from .consolidate import (
    ALTERNATIVE_FIGURE,
    IN_HOSPITAL,
    INITIAL_FIGURE,
    INJURED_DIED,
    REPORTED_FIGURE,
    STABBED_ONLY,
    TOLL_UPDATE,
    _also_same_group,
    _among,
    _among_parts,
    _bodies_in_toll,
    _breakdown,
    _consolidate_article,
    _hospital_subsets,
    _initial_superseded,
    _injured_died_in_toll,
    _nationality_parts,
    _other_sources,
    _pieces_told_again,
    _reported_figures,
    _split_repeats,
)
from .context import _cue, _foreground
from .defined import defined_names, with_defined
from .linking import read_sentence
from .partition import _group_adjective, _majority_group, _partition, _shared_majority
from .place import _places_before_index, _where
from .report import Report
from .text import Tok, _by_sentence, _sorted_positions, _windows, _within, sentence_spans, tokenize
from .time import (
    ATTACK_NOUN,
    PLAIN_DATELINE_END,
    TIME_AFTER,
    WIRE_DATELINE,
    _comparison,
    _day_before,
    _event_days,
    _lead_day,
    _same_period,
    _shared_running_start,
    _toll_attack_days,
    _when,
)
from .words import ORDINAL_ANOTHER


@dataclass
class ArticleResult:
    figures: list[dict]
    reports: list[dict]
    notes: list[dict]
    fired: Counter[str] = field(default_factory=Counter)  # rule id -> times it acted on the article


class ArticleTimeout(Exception):
    """An article's extraction ran past its time budget (settings.csv, article_time_budget_seconds)."""

    def __init__(self, article_id: str, budget: float, read: int, total: int) -> None:
        self.article_id, self.budget, self.read, self.total = article_id, budget, read, total
        super().__init__(
            f"extraction stopped after its time budget of {budget:g} s "
            f"(read {read:,} of {total:,} sentences with a casualty or blame word)"
        )


@dataclass
class Article:
    """What the stages share about one article: its text, sentences, places, days and sources."""

    text: str
    article_id: str
    published: dt.date | None
    published_inferred: bool
    title: str | None
    lex: Lexicon
    spans: list[tuple[int, int, int]]
    short: bool  # an event note (ACLED, incident lists): read whole
    wanted: list[int] = field(default_factory=list)  # sentences read closely
    note_sentences: list[int] = field(default_factory=list)  # sentences with a word of blame
    windows: list[tuple[int, int]] = field(default_factory=list)  # where places and days are read
    dateline: int = 0
    mentions: list = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    top_country: str | None = None
    paragraph_starts: dict[int, int] = field(default_factory=dict)
    event_days: list = field(default_factory=list)
    lead_day: dt.date | None = None
    lead_attack_day: bool = False  # rule time.lead_attack_day chose lead_day
    claims: list[str] = field(default_factory=list)
    sources: dict[int, str | None] = field(default_factory=dict)
    armed: bool = False  # the article speaks of armed violence: its notes are read
    named_actors: list = field(default_factory=list)  # the actors it names (etl/actors.py)
    notes: list[dict] = field(default_factory=list)  # its notes, with where each was read (_sentence_index...)
    article_claims: list[str] = field(default_factory=list)  # the perpetrators of its lead's notes, then claims
    title_claims: list[str] = field(default_factory=list)  # the parties its title names acting
    # days and places by sentence, and sorted offsets to find the last one before a count: each count looks up
    # what it needs instead of rescanning the whole article (cost linear in length)
    starts: list[int] = field(default_factory=list)  # the sentences' offsets
    days_by_sentence: dict[int, list] = field(default_factory=dict)
    places_by_sentence: dict[int, list] = field(default_factory=dict)
    day_positions: list[int] | None = None  # event_days' offsets when in order (else None: scan them)
    places_before: tuple[list, list[int]] | None = None  # place.py _places_before_index
    deadline: float | None = None  # time.monotonic() past which extraction stops (ArticleTimeout)
    budget: float | None = None

    def sentence_of(self, pos: int) -> int:
        """The sentence an offset falls in."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def check_time(self, read: int) -> None:
        """Raise ArticleTimeout once the budget is spent (a cooperative check, between sentences and stages)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            total = len(self.wanted) + (len(self.spans) if self.armed else 0)
            raise ArticleTimeout(self.article_id, self.budget, read, total)


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def extract_article(
    text: str,
    article_id: str,
    published: dt.date | None,
    lex: Lexicon | None = None,
    title: str | None = None,
    published_inferred: bool = False,
    budget: float | None = None,
) -> ArticleResult:
    """Every casualty figure, report and attribution note of one article.

    With a budget (seconds), extraction checks the clock between sentences and stages and raises ArticleTimeout
    once it is spent, so that one huge article does not hold a worker (a cooperative check: it works in threads
    and Dask workers alike)."""
    deadline = time.monotonic() + budget if budget and budget > 0 else None
    with rules.recording() as fired:
        art = select_sentences(text, article_id, published, lex or load(), title, published_inferred)
        if art is None:
            return ArticleResult([], [], [], fired)
        art.deadline, art.budget = deadline, budget
        read_places(art)  # place: mentions and the article's country votes
        read_days(art)  # time: the days events happened, the lead's day
        read_notes(art)  # attribution notes: who blames whom (notes.py); their parties are perpetrators
        figures: list[dict] = []
        reports: list[Report] = []
        for done, s in enumerate(art.wanted):  # linking, partition, attribution, time and place of each count
            art.check_time(done)
            read_reports(art, s, figures, reports)
        art.check_time(len(art.wanted) + (len(art.spans) if art.armed else 0))
        reports = consolidate_reports(art, reports)  # one report per quantity
        _forces_enemy(art, reports)
        notes = link_notes(art, reports)  # each note to the report of its sentence, one per source, party, stance
        rows = [r.row() for r in reports]
    return ArticleResult(_unique(figures, "figure_id"), rows, _unique(notes, "note_id"), fired)


def select_sentences(
    text: str,
    article_id: str,
    published: dt.date | None,
    lex: Lexicon,
    title: str | None,
    published_inferred: bool,
) -> Article | None:
    """The sentences worth reading closely (an outcome word, or a word of blame), or None when there are none."""
    spans = sentence_spans(text)
    low = text.lower()
    hits = {m.start() for m in lex.patterns["trigger"].finditer(low)}
    notes_hits = {m.start() for m in NOTE_TRIGGER.finditer(low)} if any(w in low for w in NOTE_TRIGGER_WORDS) else set()
    short = len(text) <= int(lex.settings.get("event_note_max_chars", 0))
    undated = published is None or published_inferred
    if not hits and not notes_hits and not (short and undated):
        return None
    head = (title or "") + " " + text[:400]
    # event notes (short, undated: ACLED, incident lists) are conflict events by definition; news must show it
    # rule violence.headline: the headline decides first (violence.py), then the words of the whole article
    told = None
    if hits and not (short and undated) and rules.on("violence.headline"):
        told = violence.told_as_violence(title, text, lex)
    read_as_news = bool(hits) and not (short and undated)
    armed = violence.armed_words(text[: violence.ARMED_CHARS] + " " + (title or ""), lex) if read_as_news else None
    no_armed_words = read_as_news and (
        not armed or (_cue(head, lex, ("non_violent",)) and not _cue(head, lex, ("armed",)))
    )
    if told is None and armed and not no_armed_words and not short and violence.lone_armed_word(armed):
        no_armed_words = True  # one word of armed violence in a story whose headline tells none
    if told is False or (no_armed_words and not told and rules.on("filter.not_violence")):
        rules.fire("violence.headline" if told is False else "filter.not_violence")
        hits = set()  # no armed violence in it: accidents, disasters, ordinary crime
    elif no_armed_words and told:
        rules.fire("violence.headline")  # kept by a word of armed conflict in its headline
    art = Article(text, article_id, published, published_inferred, title, lex, spans, short)
    art.starts = [s for s, _, _ in spans]
    sentence_of = art.sentence_of
    art.wanted = sorted({sentence_of(p) for p in hits})
    art.armed = bool(hits) or (bool(notes_hits) and _cue(text[:4000] + " " + (title or ""), lex, ("armed",)))
    art.note_sentences = sorted({sentence_of(p) for p in notes_hits})
    # places and days are read where they matter: the lead, and the sentences read closely with the one before
    lead_end = next((s for s, _, p in spans if p >= 3), len(text))
    art.windows = (
        _windows(
            [(0, min(lead_end, 1500))]
            + [(spans[max(0, s - 1)][0], spans[s][1]) for s in sorted(set(art.wanted) | set(art.note_sentences))]
        )
        if not short
        else [(0, len(text))]
    )
    for a, _, p in spans:
        art.paragraph_starts.setdefault(p, a)
    return art


def _perpetrator_spans(
    lex: Lexicon,
    text: str,
    windows: list[tuple[int, int]] | tuple[tuple[int, None]] = ((0, None),),
    seen: frozenset[str] | None = None,
) -> list[tuple[int, int]]:
    """Where lex.patterns["perpetrator"] matches (actors.word_matches) in each window (pos, endpos) of a text, as
    (start, end): only the names whose words are all in the text, or among `seen` (words known to hold the
    text's: more names find the same), can (actors.AliasWords); they are found without a regex
    (actors.alias_spans)."""
    keys = getattr(lex, "_perpetrator_alias_words", False)
    if keys is False:
        keys = lex._perpetrator_alias_words = actors.alias_words(list(lex.perpetrators))  # type: ignore[attr-defined]
    if keys is None:
        perp = lex.patterns["perpetrator"]
        return [(m.start(), m.end()) for a, b in windows for m in actors.word_matches(perp, text, a, b)]
    names = keys.candidates(actors.words(text) if seen is None else seen)
    return [span for a, b in windows for span in actors.alias_spans(names, text, a, b)] if names else []


def read_places(art: Article) -> None:
    """The places named where it matters and the article's country votes (title twice, dateline, armed groups)."""
    text, lex, title = art.text, art.lex, art.title
    art.dateline = geo.dateline_end(text, wider=rules.on("place.dateline_country"))
    if art.dateline != geo.dateline_end(text, wider=False):
        rules.fire("place.dateline_country")  # "DAKAR, Senegal (AP) —", "Beirut (AFP) -"
    # the reading rules of etl/geo.py: a city in a landmark's name, a country after "the capital of"
    acting = frozenset(r for r in geo.GEO_RULES if rules.on(r))
    mentions = [m for a, b in art.windows for m in geo.mentions(text, lex, a, b, acting)]
    if mentions and rules.on("place.not_group_name"):
        # "Islamic State of Iraq and the Levant", "Tehrik-i-Taliban Pakistan": a group's name, not a place
        names = _perpetrator_spans(lex, text, art.windows)
        inside_name = _within(names)
        kept = [m for m in mentions if not inside_name(m.start)] if names else mentions
        if len(kept) < len(mentions):
            rules.fire("place.not_group_name")
        mentions = kept
    art.mentions = mentions
    title_mentions = geo.mentions(title, lex, acting=acting) if title else []
    for m in (*mentions, *title_mentions):
        if m.rule:
            rules.fire(m.rule)
    votes = geo.article_votes([m for m in mentions if m.start >= art.dateline] + title_mentions + title_mentions)
    if rules.on("place.dateline_vote"):
        for m in mentions:
            if m.start < art.dateline and m.kind == "place":
                votes[m.codes[0]] += 1  # the dateline: where the article was written, often near the events
                rules.fire("place.dateline_vote")
    if rules.on("place.group_country_vote"):
        # where the named groups fight (perpetrators.csv): a weak hint of where the article's events happened
        lead = text[:3000] + " " + (title or "")
        # the lead's words: the text's (computed before), the title's, and the last one, which the cut may shorten
        seen = actors.words(text) | actors.words(title or "") | actors.words(" ".join(text[:3000].split()[-1:]))
        for a, b in _perpetrator_spans(lex, lead, seen=seen):
            name = lex.perpetrators[lead[a:b]]
            if name in lex.perpetrator_countries:
                votes[lex.perpetrator_countries[name]] += 1.5
                rules.fire("place.group_country_vote")
    art.votes = votes
    art.top_country = votes.most_common(1)[0][0] if votes else None
    named = [m for m in mentions if m.start >= art.dateline]
    art.places_by_sentence = _by_sentence(named, lambda m: m.start, art.sentence_of)
    art.places_before = _places_before_index(mentions)


def _plain_dateline_day(art: Article, start: int, end: int) -> bool:
    """A day right after the dateline's place and before its dash, with no agency: "BAGHDAD, July 1 - ..."."""
    after_place = not art.text[art.dateline : start].strip(" ,")
    return art.dateline > 0 and after_place and bool(PLAIN_DATELINE_END.match(art.text, end))


# a release's dateline in brackets, "(Nairobi, April 15, 2024) –": the day it was issued
PAREN_DATELINE_START = re.compile(r"\s*\(\s*[A-Z][\w .'’-]{1,30},\s*")
PAREN_DATELINE_END = re.compile(r"\s*\)\s*[-–—]")


def read_days(art: Article) -> None:
    """The days named as when something happened, the lead's day, and the armed groups that claimed an attack."""
    text, spans = art.text, art.spans
    wire = rules.on("time.wire_dateline")
    day_mentions = []
    weekday_of_date, acted = rules.on("time.weekday_of_date"), []
    for a, b in art.windows:
        for s, e, d in dates.day_mentions(text[a:b], art.published, weekday_of_date, acted):
            if wire and s + a < 80 and (
                WIRE_DATELINE.match(text, e + a)
                or _plain_dateline_day(art, s + a, e + a)
                or (PAREN_DATELINE_START.fullmatch(text, 0, s + a) and PAREN_DATELINE_END.match(text, e + a))
            ):
                rules.fire("time.wire_dateline")  # "BAGHDAD, July 1 (Reuters) -": the story's day
                continue
            day_mentions.append((s + a, e + a, d))
    for rule_id in acted:
        rules.fire(rule_id)
    art.event_days = _event_days(text, day_mentions)
    art.lead_day, art.lead_attack_day = _lead_day(text, spans, art.event_days)
    art.days_by_sentence = _by_sentence(art.event_days, lambda d: d[0], art.sentence_of)
    art.day_positions = _sorted_positions([d[0] for d in art.event_days])
    if any(w in text for w in attribution.CLAIM_CUES):  # _claims reads no sentence without one
        sentences = [text[spans[s][0] : spans[s][1]] for s in range(len(spans))]
        unclaimed = attribution.NO_CLAIM.search(text) and rules.on("perpetrator.unclaimed_elsewhere")
        for sentence in sentences:
            found = _claims(sentence, art.lex)
            if found and unclaimed and attribution.claim_of_another_attack(sentence):
                # "There was no immediate claim of responsibility ... Islamic State last week claimed an attack on
                # the consulate": the claim is of another attack, not the perpetrator of this one's casualties
                rules.fire("perpetrator.unclaimed_elsewhere")
                continue
            if found and attribution.other_incident(sentence):
                # "In the southern city of Taiz, two women were killed by shelling blamed on Houthi fighters": that
                # blame is of the Taiz shelling, not of the article's market strike (fired by other_incident)
                continue
            art.claims += found


PRONOUN_SAID = re.compile(
    r"(?:^|[,;]\s+|\b(?:and|but)\s+|[\"”]\s*)(?:he|she|it|they)\s+(?:also\s+|later\s+)?(?:said|says|told|added|reported)\b",
    re.I,
)


# a bare "the group" or "the organisation" that gives figures speaks for the monitor or UN body named before it
BARE_GROUP = re.compile(r"(?:the\s+)?(?:group|organi[sz]ation|monitor|watchdog)$", re.I)
MONITOR_KINDS = ("monitor", "un")


def _speaker(art: Article, sentence: str) -> str | None:
    """Who speaks in a sentence ("U.S. officials said"), named by the title the article gives a person."""
    return attribution.person_title(find_source(attribution.plain_initials(sentence), art.lex), art.text)


def _source_of(art: Article, s: int) -> str | None:
    if s not in art.sources:
        art.sources[s] = _speaker(art, art.text[art.spans[s][0] : art.spans[s][1]])
    return art.sources[s]


def read_reports(art: Article, s: int, figures: list[dict], reports: list[Report]) -> None:
    """The figures and reports of one sentence read closely: its counts linked and partitioned, each report given
    its kind, dates, place, perpetrator and source."""
    text, lex, published = art.text, art.lex, art.published
    start, end, para = art.spans[s]
    sentence = text[start:end]
    if (
        _cue(sentence, lex, ("non_violent",))
        and not _cue(sentence, lex, ("violent_act",))
        and rules.on("filter.non_violent_sentence")
    ):
        rules.fire("filter.non_violent_sentence")
        return
    toks = tokenize(sentence, start)
    if toks and toks[0].low in anaphora.DEFINITE and rules.on("victims.definite_anaphora"):
        # "The farmers were killed" after "abducted four farmers"
        told_again = anaphora.definite_count(toks, text[art.paragraph_starts[para] : start], Tok)
        if told_again[0] is not toks[0]:
            rules.fire("victims.definite_anaphora")
        toks = told_again
    chunks = _foreground(read_sentence(toks, lex), toks, sentence, start, lex)
    if not chunks:
        return
    if "\n" in sentence.strip():  # a sentence read across a line break that only wraps it (text.py)
        for c in chunks:
            rules.carry(c, "text.line_wrap")
    source = _source_of(art, s) if rules.on("source.sentence") else None
    source_rule = "source.sentence" if source else None
    if source is None and s > 0 and PRONOUN_SAID.search(sentence) and rules.on("source.pronoun"):
        # "He said 41 people had been killed": who "he" is, named in a sentence just before
        source = next((x for k in range(s - 1, max(-1, s - 4), -1) if (x := _source_of(art, k))), None)
        source_rule = "source.pronoun" if source else None
    if source is not None and s > 0 and BARE_GROUP.match(source) and rules.on("source.definite_group_speaker"):
        # "The group has documented 370,000 deaths" after "the observatory said": the monitor named before
        earlier = next(
            (x for k in range(s - 1, -1, -1) if (x := _source_of(art, k)) and actors.kind_of(x) in MONITOR_KINDS),
            None,
        )
        if earlier:
            source, source_rule = earlier, "source.definite_group_speaker"
    group_context = None
    if source is None and s > 0:
        prev = text[art.spans[s - 1][0] : art.spans[s - 1][1]]
        if lex.patterns["trigger"].search(prev):
            if rules.on("source.previous_sentence"):
                source = _source_of(art, s - 1)
                source_rule = "source.previous_sentence" if source else None
            if rules.on("group.context_adjective"):
                group_context = _group_adjective(prev, lex)
    span_period = dates.period(sentence, published, lex)
    if span_period is not None and _comparison(sentence, span_period) and rules.on("time.comparison_since"):
        # "the deadliest attack in the capital since 2011": no period; "killed 11,215 people in 2019, the lowest
        # annual toll since the conflict began": the period is another one the sentence names
        rules.fire("time.comparison_since")
        _, cue_start, cue_end, _ = span_period
        blanked = sentence[:cue_start] + " " * (cue_end - cue_start) + sentence[cue_end:]
        span_period = dates.period(blanked, published, lex)
    sentence_days = [d for d in art.days_by_sentence.get(s, ()) if start <= d[0] < end]
    sentence_places = [m for m in art.places_by_sentence.get(s, ()) if start <= m.start < end]
    # named armed actors and the parties the sentence's notes hold responsible; attackers it only describes last
    parties_here = attribution.sentence_parties(art.notes, s, start)
    # a group named as what an offshoot or faction belongs to ("an offshoot of the PKK claimed") is not the one
    # that acted: the note's party ("PKK offshoot") is
    bare = [w for w in attribution.perpetrators(sentence) if not attribution.PART_OF.search(sentence, 0, w[0])]
    written = sorted(bare + parties_here)
    described = attribution.described_perpetrators(sentence)  # when no actor is named and none claimed
    written += described
    perps = [(pos, name) for pos, name, _ in written]
    fallback = attribution.fallback_perpetrators(art.claims, described, art.article_claims)
    nearby = attribution.paragraph_perpetrators(art.notes, s, lambda i: art.spans[i][2])
    incident_max = int(lex.settings.get("incident_max_count", 10**9))
    month_min = int(lex.settings.get("month_total_min_count", 20))
    clauses = _count_clauses(sentence, [toks[c.i].start - start for c in chunks])
    day_before = None
    if not art.published_inferred and rules.on("time.day_before"):
        day_before = _day_before(art.event_days, art.paragraph_starts[para], start, art.day_positions)
    previous_group = None
    for c in chunks:
        outcome = c.outcome
        for part in (c, *c.parts):
            figures.append(_figure(art.article_id, sentence, start, toks, part, outcome))
        continued = None
        if day_before is None and not sentence_days and rules.on("time.continued_day"):
            continued = _continued_day(reports, s, sentence, art.lead_day or published)
        kind, start_date, end_date, time_rule = _when(
            incident_max,
            c,
            toks,
            sentence,
            start,
            span_period,
            sentence_days,
            day_before or continued or (art.lead_day if rules.on("time.lead_day") else None),
            published,
            art.published_inferred,
            month_min,
        )
        if time_rule == "time.lead_day" and day_before is not None:
            time_rule = "time.day_before"
        elif time_rule == "time.lead_day" and continued is not None:
            time_rule = "time.continued_day"
        elif time_rule == "time.lead_day" and art.lead_attack_day:
            time_rule = "time.lead_attack_day"
        at = toks[c.i].start - start
        clause = next(((x, y) for x, y in clauses if x <= at < y), None) if clauses else None
        places = sentence_places
        if clause and rules.on("place.own_clause"):
            # "... killed 9 in Helmand, while a roadside bomb killed three in Kandahar": each clause its own place
            own = [m for m in sentence_places if clause[0] <= m.start - start < clause[1]]
            if own and len(own) < len(sentence_places):
                places = own
                rules.mark(c, "place.own_clause")
        country, location, place_rules = _where(
            c,
            toks,
            places,
            art.mentions,
            art.votes,
            art.top_country,
            art.dateline,
            art.paragraph_starts[para],
            art.places_before,
        )
        named = perps[: len(perps) - len(described)]
        lo, hi = toks[c.i].start - start, toks[c.j - 1].end - start
        if named and rules.on("perpetrator.victims_side"):
            own = [
                (pos, name)
                for pos, name, words in written[: len(named)]
                if attribution.victims_side(sentence, pos, pos + len(words), (lo, hi))
            ]
            if own:
                rules.mark(c, "perpetrator.victims_side")
                named = [w for w in named if w not in own]
        if named and len(chunks) > 1 and rules.on("perpetrator.other_victims"):
            # "12 Iraqi soldiers were killed and 20 wounded": the soldiers are the other count's victims, not who
            # wounded the 20
            victims = [(toks[x.i].start - start, toks[x.j - 1].end - start) for x in chunks if x is not c]
            inside = [(pos, name) for pos, name in named if any(a <= pos < b for a, b in victims)]
            if inside:
                rules.mark(c, "perpetrator.other_victims")
                named = [w for w in named if w not in inside]
        own_clause = bool(clause and "link.active_object" in c.rules and rules.on("perpetrator.own_clause"))
        if own_clause:
            # "Air strikes killed 20 in Idlib while rebel shelling killed five": the rebels are the other count's, and
            # so is any actor the article names elsewhere; only the count's own clause names its perpetrator
            all_named = named
            named = [(pos, name) for pos, name in named if clause[0] <= pos < clause[1]]
        if named and c.group != "militants" and rules.on("perpetrator.not_speaker"):
            speakers = [
                (pos, name)
                for pos, name, words in written[: len(perps) - len(described)]
                if attribution.only_speaker(sentence, pos, words)
            ]
            if speakers and any(w in speakers for w in named):
                rules.mark(c, "perpetrator.not_speaker")
                named = [w for w in named if w not in speakers]
        if named and c.group != "militants" and rules.on("perpetrator.forces_ended_attack"):
            ending = [
                (pos, name)
                for pos, name, words in written[: len(perps) - len(described)]
                if actors.kind_of(name) in ("state_forces", "police")
                and attribution.ended_attack(sentence, pos + len(words))
            ]
            if ending:
                rules.mark(c, "perpetrator.forces_ended_attack")
                named = [w for w in named if w not in ending]
        if own_clause:
            clause_described = [d for d in described if clause[0] <= d[0] < clause[1]]
            own = attribution.fallback_perpetrators([], clause_described, [])
            perpetrator, perpetrator_rule = _perpetrator(c, toks, named, start, own, kind)
            attacker = attribution.acting_attacker(sentence, clause_described, (lo, hi), s > 0)
            unbound = _perpetrator(c, toks, all_named, start, fallback, kind, nearby, art.title_claims)[0]
            if unbound != perpetrator:
                rules.mark(c, "perpetrator.own_clause")
        else:
            perpetrator, perpetrator_rule = _perpetrator(
                c, toks, named, start, fallback, kind, nearby, art.title_claims
            )
            attacker = attribution.acting_attacker(sentence, described, (lo, hi), s > 0)
        if (
            attacker
            and (
                (perpetrator_rule == "perpetrator.in_sentence" and perpetrator not in {n for _, n, _ in parties_here})
                or (perpetrator_rule in (None, "perpetrator.claim", "perpetrator.title") and attacker[1])
            )
            and rules.on("perpetrator.described_attacker")
        ):
            # "A suicide bomber killed 13 people at the home of an elder freed from Taliban captivity": the bomber,
            # not an actor the sentence only mentions; "On Tuesday, a Syrian suicide bomber killed 10": another
            # incident than the one the article's claims are about
            perpetrator, perpetrator_rule = attacker[0], "perpetrator.described_attacker"
        named_at = next((pos for pos, name in named if name == perpetrator), None)
        agent = attribution.passive_agent(sentence, described, (lo, hi), named_at) if described else None
        if (
            agent
            and agent != perpetrator
            and perpetrator_rule == "perpetrator.in_sentence"
            and perpetrator not in {n for _, n, _ in parties_here}
            and rules.on("perpetrator.passive_agent")
        ):
            # "165 farmers have been killed by Fulanis, in clashes with the Malian army": the agent, not the army
            perpetrator, perpetrator_rule = agent, "perpetrator.passive_agent"
        if (
            c.group == "militants"
            and kind == "incident"
            and perpetrator_rule != "perpetrator.in_sentence"
            and actors.kind_of(perpetrator) != "state_forces"
        ):
            # attackers killed: by the forces that fought them, never by their own side
            forces = attribution.forces_against(sentence) if rules.on("perpetrator.attackers_killed") else None
            if forces:
                perpetrator, perpetrator_rule = forces, "perpetrator.attackers_killed"
        people = (
            {n for _, n, _ in attribution.demonym_people(sentence)}
            if described and rules.on("perpetrator.demonym_people")
            else set()
        )
        if perpetrator is None and attacker and attacker[0] in people:
            perpetrator, perpetrator_rule = attacker[0], "perpetrator.demonym_people"  # "Palestinian shootings killed"
        perpetrator_rules = [perpetrator_rule] if perpetrator_rule else []
        if perpetrator and described and perpetrator in attribution.first_word_names(sentence, described):
            perpetrator_rules.append("perpetrator.first_word_described")  # "Gunmen killed 12 soldiers"
        if (
            perpetrator_rule in ("perpetrator.claim", "perpetrator.described_attacker", "perpetrator.passive_agent")
            and perpetrator in people
        ):
            perpetrator_rules.append("perpetrator.demonym_people")  # a described attacker that rule found
        group_total = c.group or "unknown"
        group_rules: list[str] = []
        if group_total == "unknown" and c.head_outcome and group_context:
            group_total = group_context
            group_rules.append("group.context_adjective")
        if (
            group_total == "unknown"
            and c.head_outcome
            and ":" in sentence[: toks[c.i].start - start]
            and rules.on("group.colon_adjective")
        ):
            # "3,458 civilian casualties in 2020: 1,282 deaths and 2,176 injuries"
            found = _group_adjective(sentence[: toks[c.i].start - start], lex)
            if found:
                group_total = found
                group_rules.append("group.colon_adjective")
        if group_total == "unknown":
            found = _majority_group(toks, c, lex) if rules.on("group.majority") else None
            if found:
                group_rules.append("group.majority")
            elif rules.on("group.shared_majority"):
                found = _shared_majority(toks, chunks, c, lex)
                if found:
                    group_rules.append("group.shared_majority")
            group_total = found or group_total
        toll = "link.toll" in c.rules  # "..., raising the toll to 12": everyone the attack killed, not the group before
        if c.group is None and not c.head_outcome and previous_group and not toll and rules.on("group.previous_group"):
            group_total = previous_group  # "103 civilians were killed and 67 wounded"
            group_rules.append("group.previous_group")
        if c.group and c.group != "unknown":
            previous_group = c.group
        pieces = _partition(c, group_total) if rules.on("group.including_partition") else []
        if len(pieces) > 1:
            group_rules.append("group.including_partition")
        elif not pieces:
            pieces = [(group_total, c.low, c.best, c.high, c.qualifier, [c, *c.parts])]
        assembly = [*group_rules, *place_rules, *([time_rule] if time_rule else []), *perpetrator_rules]
        assembly += [source_rule] if source_rule else []
        for rule_id in assembly:
            rules.fire(rule_id)
        made_by = [*c.rules, *(r for p in c.parts for r in p.rules), *assembly]
        for group, low, best, high, qualifier, parts in pieces:
            also_only = not c.another and _also_victim(toks, c)  # "his son was also killed"
            ordinal = not c.another and not also_only and _ordinal_victim(toks, c)  # "a second guard was wounded"
            report = Report(
                article_id=art.article_id,
                kind=kind,
                outcome=outcome,
                victim_group=group,
                count_low=low,
                count_best=best,
                count_high=high,
                qualifier=qualifier,
                start_date=start_date,
                end_date=end_date,
                country_code=country,
                location=location,
                perpetrator=perpetrator,
                perpetrator_text=next((w for _, n, w in written if n == perpetrator), perpetrator),
                reporting_source=attribution.resolve(
                    attribution.canonical_source(source), actors.kind_of(source), art.named_actors
                ),
                reporting_source_text=source,
                figure_ids=";".join(_figure_id(art.article_id, p, toks) for p in parts),
                sentence=sentence,
                span_start=toks[parts[0].i].start,
                span_end=toks[parts[0].j - 1].end,
                rules=[
                    *made_by,
                    *(["consolidate.also_another"] if also_only else []),
                    *(["consolidate.ordinal_another"] if ordinal else []),
                ],
                sentence_index=s,
                dated=(bool(sentence_days) and start_date is not None) or kind == "period_total",
                another=c.another or also_only or ordinal,
                update=bool(TOLL_UPDATE.search(sentence)),
                alternative=bool(ALTERNATIVE_FIGURE.search(sentence)),
                stabbed=outcome == "injured"
                and bool(STABBED_ONLY.search(sentence))
                and "count.killed_of_injured" not in c.rules,  # "stabbed four, killing one": the rest are hurt
                among=c.among or _among(sentence, toks[c.j - 1].end - start),
                in_hospital=bool(IN_HOSPITAL.match(sentence, toks[c.j - 1].end - start)),
                injured_died=bool(INJURED_DIED.match(sentence, toks[c.i].start - start))
                or "victims.wounded_died" in c.rules,
                split_total=(s, c.i, c.best) if len(pieces) > 1 else None,
                initial=bool(INITIAL_FIGURE.search(sentence, 0, toks[c.i].start - start)),
                bodies=toks[c.j - 1].low in ("bodies", "corpses"),
                pieces=(*c.summed, *(q.best for q in c.parts if q.best is not None)),
                new_incident=bool(NEW_INCIDENT.search(sentence)),
                reported=bool(REPORTED_FIGURE.search(sentence, 0, toks[c.i].start - start)),
                total_best=c.best,
                nationality=_nationality_of(c, toks, art.lex),
            )
            reports.append(report)
    return


def _nationality_of(c: Chunk, toks: list[Tok], lex: Lexicon) -> str | None:
    """The nationality a count names its victims by (consolidate.nationality_part): the demonym's country ("two
    Americans": USA), "" for a nationality noun ("a U.S. citizen", "six of its citizens"), None for any other noun."""
    if "group.nationality_citizens" in c.rules:
        return ""
    head = toks[c.j - 1]
    return lex.countries[fold(head.text)][0] if head.text[:1].isupper() and _nationality(head, lex) else None


# a sentence that tells an incident of its own: "a car bomb", "another attack", "a separate raid"
NEW_INCIDENT = re.compile(
    rf"\b(?:a|an|another|separate|second)\s+(?:[\w-]+\s+){{0,2}}?{ATTACK_NOUN}\b|\b(?:separately|elsewhere)\b", re.I
)


# two clauses a sentence joins as two happenings: "..., while a bomb killed three", "...; in Kandahar, two died"
# what opens a clause on an attack of its own: "a roadside bomb killed", "another blast wounded"
ANOTHER_ATTACK = (
    r"(?=(?:a|an|another)\s+(?:[\w-]+\s+){0,3}?(?:bomb|bomber|attack|strike|airstrike|blast|explosion|raid|ambush|"
    r"shelling)s?\s+(?:\w+\s+)?(?:killed|wounded|injured|hit|struck|exploded|went off)\b)"
)
CLAUSE_BREAK = re.compile(
    r",?\s+(?:while|whereas)\s+(?!\w+ing\b)|;\s+"
    rf"|,\s+{TIME_AFTER}"
    # ", hours after a roadside bomb killed three soldiers in Balochistan": an attack of the same day told beside it
    r"|,\s+(?:(?:just|only|some|barely)\s+)?(?:hours|minutes|moments|shortly)\s+(?:after|before)\s+" + ANOTHER_ATTACK
    # ", and a roadside bomb killed three soldiers near Tarmiya": a second attack with its own subject
    + r"|,\s+and\s+" + ANOTHER_ATTACK,
    re.I,
)


def _count_clauses(sentence: str, offsets: list[int]) -> list[tuple[int, int]] | None:
    """The bounds of a sentence's clauses joined by "while", "whereas", a semicolon, ", two days after" or ", and a
    roadside bomb killed" when two or more of them hold a count of their own (place.own_clause,
    perpetrator.own_clause); None otherwise."""
    if len(offsets) < 2 or not CLAUSE_BREAK.search(sentence):
        return None
    bounds, begin = [], 0
    for m in CLAUSE_BREAK.finditer(sentence):
        bounds.append((begin, m.start()))
        begin = m.end()
    bounds.append((begin, len(sentence)))
    counted = sum(any(a <= o < b for o in offsets) for a, b in bounds)
    return bounds if counted >= 2 else None


def _continued_day(reports: list[Report], s: int, sentence: str, news_day: dt.date | None) -> dt.date | None:
    """rule: time.continued_day: a count whose sentence names no day and no incident of its own goes on telling the
    incident of the last count before it whose day its sentence or paragraph named: "Seven people were killed in
    Thursday's attack. ... Twenty people were wounded" is Thursday, whatever day the lead's news is. A follow-up is of
    the same news: the day is at most a week before the lead's day (or the publication day)."""
    if NEW_INCIDENT.search(sentence):
        return None
    last = next(
        (
            r
            for r in reversed(reports)
            if r.sentence_index < s
            and r.kind == "incident"
            and r.start_date is not None
            and (r.dated or "time.day_before" in r.rules or "time.continued_day" in r.rules)
        ),
        None,
    )
    if last is None or news_day is None or not 0 <= (news_day - last.start_date).days <= 7:
        return None
    return last.start_date


def _note_speaker(art: Article, s: int, text: str) -> str | None:
    """Who speaks in (part of) sentence s for its notes; rule note.pronoun_source: "He said police shot the attacker"
    is said by the speaker named in the sentences just before ("..., the mayor told the radio.")."""
    found = _speaker(art, text)
    start, end, _ = art.spans[s]
    if (
        found is None
        and s > 0
        and text == art.text[start:end]
        and PRONOUN_SAID.search(text)
        and rules.on("note.pronoun_source")
    ):
        found = next((x for k in range(s - 1, max(-1, s - 4), -1) if (x := _source_of(art, k))), None)
        if found:
            rules.fire("note.pronoun_source")
    return found


def read_notes(art: Article) -> None:
    """Attribution notes of an article about armed violence (notes.py): who is held responsible, who says so and
    how (blames, claims, denies). Each sentence may lean on the parties named before it and on the source of
    the sentence before it in its paragraph."""
    text, spans = art.text, art.spans
    # read by the notes below and by the reports' sources: an article with neither needs none
    art.named_actors = actors.find(text) if art.armed or art.wanted else []
    # rule note.defined_name: "(UPC)", "Dan Na Ambassagou, a Dogon militia": parties the article names for itself
    defined = defined_names(text) if art.armed and rules.on("note.defined_name") else {}
    art.named_actors = with_defined(art.named_actors, text, defined)
    context: list = []
    author: str | None = None  # the UN body or monitor whose report the article relays: sought when a note needs it
    may_name = attribution.party_sentences(text, spans, actors.load()) if art.armed else None
    for s in range(len(spans)) if art.armed else ():
        art.check_time(len(art.wanted) + s)
        start, end, _ = spans[s]
        sentence = text[start:end]
        # the source of the sentence before, in the same paragraph: looked up only when a note needs it
        carried = (lambda s=s: _source_of(art, s - 1)) if s and spans[s - 1][2] == spans[s][2] else None
        # find_notes' first test, made faster over the whole article (party_sentences)
        named = None if may_name is None else s in may_name or attribution.names_generic(sentence)
        if defined and named is False and any(name in sentence for name in defined):
            named = True
        found = (
            attribution.find_notes(
                sentence,
                lambda x, s=s: _note_speaker(art, s, x),
                context,
                carried=carried,
                named=named,
                defined=defined,
            )
            if named is not False or attribution.may_hold_note(sentence, [])
            else []
        )
        for n in found:
            earlier = (_source_of(art, k) for k in range(s - 1, -1, -1))
            named_as = attribution.media_antecedent(n.reporting_source_text, earlier) if n.reporting_source else None
            if named_as:  # "the government-run network said": the broadcaster named before
                n = replace(
                    n,
                    reporting_source=named_as,
                    reporting_source_text=named_as,
                    source_kind="media",
                    rules=f"{n.rules};note.media_anaphor",
                )
            if author is None and n.reporting_source is None and n.rules in attribution.REPORT_AUTHOR_RULES:
                lead = [_source_of(art, k) for k in range(min(2, len(spans)))]
                author = attribution.report_author(lead, text) or ""
            art.notes.append(
                attribution.with_report_author(
                    {
                        "note_id": _id(art.article_id, start, n.blamed, n.reporting_source, n.stance),
                        "article_id": art.article_id,
                        "reporting_source": attribution.resolve(n.reporting_source, n.source_kind, art.named_actors),
                        "reporting_source_text": n.reporting_source_text,
                        "source_kind": n.source_kind,
                        "blamed": n.blamed,
                        "blamed_text": n.blamed_text,
                        "blamed_kind": n.blamed_kind,
                        "stance": n.stance,
                        "rules": f"{n.rules};{n.also}" if n.also else n.rules,
                        "sentence": sentence,
                        "span_start": start,
                        "span_end": end,
                        "_sentence_index": s,
                        "_party_at": start + n.start,
                    },
                    author,
                )
            )
        context += [m for m in art.named_actors if start <= m.start < end]
    art.article_claims = attribution.article_perpetrators(art.claims, art.notes)
    if art.armed and rules.on("perpetrator.title"):
        art.title_claims = attribution.title_perpetrators(art.title)


def _forces_enemy(art: Article, reports: list[Report]) -> None:
    """Soldiers or police killed or hurt in an incident with no perpetrator found, even after consolidation: by the
    armed group the article names first (the side the forces fight)."""
    if not rules.on("perpetrator.forces_enemy"):
        return
    enemy = next((m for m in art.named_actors if m.actor.kind == "armed_group"), None)
    for r in reports:
        if enemy and r.victim_group == "security_forces" and r.kind == "incident" and not r.perpetrator:
            r.perpetrator, r.perpetrator_text = enemy.actor.name, enemy.text
            rules.mark(r, "perpetrator.forces_enemy")


def link_notes(art: Article, reports: list[Report]) -> list[dict]:
    """Each note with the report its sentence also holds (`report_id`), one note per source, party and stance."""
    for note in art.notes:  # the note's sentence also holds a report: the note is about it
        note["report_id"] = next(
            (
                r.report_id
                for r in reports
                # a report without a span is an event note's "no one killed": the whole note
                if r.span_start is None or note["span_start"] <= r.span_start < note["span_end"]
            ),
            None,
        )
    return attribution.dedupe([{k: v for k, v in n.items() if not k.startswith("_")} for n in art.notes])


def consolidate_reports(art: Article, reports: list[Report]) -> list[Report]:
    """The consolidation passes in order (consolidate.py), then the zero report of an event note without deaths."""
    reports = _pieces_told_again(_hospital_subsets(reports))
    reports = _consolidate_article(_initial_superseded(_injured_died_in_toll(reports)))
    reports = _bodies_in_toll(_reported_figures(_other_sources(_split_repeats(reports))))
    _toll_attack_days(reports, art.text, art.spans, art.event_days)
    _shared_running_start(reports)
    _same_period(reports)
    if any(r.among for r in reports):  # what is left of a total may repeat a count told elsewhere
        reports = _consolidate_article(_among_parts(reports))
    reports = _nationality_parts(_also_same_group(_breakdown(reports)))
    if (
        art.short
        and (art.published_inferred or art.published is None)
        and art.text.strip()
        and not any(r.outcome == "killed" and r.kind == "incident" for r in reports)
        # an undated statistic ("in the first half of 2023, 1,142 civilians ...") is no event note
        and not (art.lead_day is None and any(r.kind == "period_total" for r in reports))
        and rules.on("consolidate.zero_report")
    ):
        reports.append(_zero_report(art))
    for n, r in enumerate(reports):
        r.report_id = f"{art.article_id}-{n:03d}"
    return reports


def _zero_report(art: Article) -> Report:
    """An event note that states no death: 0 killed on its day and in its place (settings.csv)."""
    country, location = geo.resolve(art.mentions, art.votes)
    day = art.lead_day or (None if art.published_inferred else art.published)
    first = art.text[art.spans[0][0] : art.spans[0][1]] if art.spans else art.text
    report = Report(
        article_id=art.article_id,
        kind="incident",
        outcome="killed",
        victim_group="unknown",
        count_low=0,
        count_best=0,
        count_high=0,
        qualifier="exact",
        start_date=day,
        end_date=day,
        country_code=country or art.top_country,
        location=location,
        perpetrator=None,
        reporting_source=None,
        figure_ids="",
        sentence=first,
        span_start=None,
        span_end=None,
    )
    rules.mark(report, "consolidate.zero_report")
    return report


def _unique(rows: list[dict], key: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for r in rows:
        seen.setdefault(r[key], r)
    return list(seen.values())


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
        "rules": rules.joined(c.rules),
    }


def _ordinal_victim(toks: list[Tok], c: Chunk) -> bool:
    """rule: consolidate.ordinal_another: "a second guard was wounded", "a third woman received stab wounds": one
    person counted with "a" and an ordinal (words.csv ordinal_another) is one more victim, no repeat of the one
    told before."""
    ordinal = (
        c.best == 1
        and c.i + 1 < c.j
        and toks[c.i].low in ("a", "an")
        and toks[c.i + 1].low in ORDINAL_ANOTHER
        and rules.on("consolidate.ordinal_another")
    )
    if ordinal:
        rules.fire("consolidate.ordinal_another")
    return ordinal


def _also_victim(toks: list[Tok], c: Chunk) -> bool:
    """rule: consolidate.also_another: "his son was also killed", "two guards were also wounded": "also" between a
    count and its verb tells of more victims, no repeat of a count told before."""
    also = any(t.low == "also" for t in toks[c.j : c.j + 3]) and rules.on("consolidate.also_another")
    if also:
        rules.mark(c, "consolidate.also_another")
    return also
