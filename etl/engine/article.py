"""The article: stages composed over one article's text into figures, reports and notes."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass

from .. import dates, geo
from ..lexicon import Lexicon, load
from .attribution import (
    NOTE_TRIGGER,
    NOTE_TRIGGER_WORDS,
    _claims,
    _perpetrator,
    find_notes,
    find_perpetrators,
    find_source,
)
from .chunks import Chunk
from .consolidate import (
    ALTERNATIVE_FIGURE,
    IN_HOSPITAL,
    INITIAL_FIGURE,
    INJURED_DIED,
    STABBED_ONLY,
    TOLL_UPDATE,
    _among,
    _among_parts,
    _bodies_in_toll,
    _breakdown,
    _consolidate_article,
    _hospital_subsets,
    _initial_superseded,
    _injured_died_in_toll,
    _other_sources,
    _split_repeats,
)
from .context import _cue, _foreground
from .linking import read_sentence
from .partition import _group_adjective, _majority_group, _partition, _shared_majority
from .place import _where
from .text import Tok, _windows, sentence_spans, tokenize
from .time import WIRE_DATELINE, _comparison, _day_before, _event_days, _lead_day, _toll_attack_days, _when


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
    if not (short and undated) and (
        not _cue(text[:4000] + " " + (title or ""), lex, ("armed",))
        or (_cue(head, lex, ("non_violent",)) and not _cue(head, lex, ("armed",)))
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
