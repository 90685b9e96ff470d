"""Stage 9, consolidation: one report per quantity in an article. Repeats merge, updated tolls replace, sources'
figures form a range, parts and breakdowns are not counted twice. Each pass is a named rule (rules.py).
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..lexicon import fold
from . import rules
from .report import Report

# a later, higher toll for the same incident: "the death toll rose to 30", "local reports later suggested over 100"
TOLL_UPDATE = re.compile(
    r"\b(?:toll|number|figure|count|tally|deaths|dead|casualties)\b[^.;]{0,50}?"
    r"\b(?:rose|risen|climbed|increased|jumped|reached|now stands|has grown|mounted|revised|updated)\b"
    r"|\b(?:rose|risen|climbed|increased|jumped|mounted) to\b"
    r"|\b(?:later|subsequently)\s+(?:\w+\s+){0,2}(?:suggested|said|reported|put|raised|showed|confirmed)\b"
    r"|\b(?:death|final)\s+toll\s+(?:was|is|stood|stands)\b"
    # "..., raising the death toll to 18", "bringing the number of dead to 40"
    r"|\b(?:raising|bringing|pushing|taking|lifting|raised|brought|pushed|took)\s+(?:the\s+)?(?:overall\s+|official\s+)?"
    r"(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:dead|deaths|killed))\s+to\b"
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


def _injured_died_in_toll(reports: list[Report]) -> list[Report]:
    """ "The death toll rose to 11 on Tuesday ... Two of the injured died overnight": those who died of their wounds
    are why the toll rose, part of it, not a count of their own."""
    tolls = [r for r in reports if r.update and r.outcome == "killed" and r.kind == "incident"]
    highest = max(((t.count_best or 0) for t in tolls), default=None)
    return _kept(
        reports,
        "consolidate.injured_died_in_toll",
        lambda r: r.injured_died and not r.update and highest is not None and highest > (r.count_best or 0),
    )


def _kept(reports: list[Report], rule_id: str, dropped) -> list[Report]:
    """The reports a consolidation rule does not drop (all of them when the rule is off)."""
    if not rules.on(rule_id):
        return reports
    out = []
    for r in reports:
        if dropped(r):
            rules.fire(rule_id)
        else:
            out.append(r)
    return out


def _pieces_told_again(reports: list[Report]) -> list[Report]:
    """rule: consolidate.pieces_told_again: a named part of a total, told again later as its own count, is no new
    count (GUIDELINES: a repeat is one report). "The bomb killed three tourists and a guide ... A guide was also
    killed" counts four: the later count equals a part of an earlier, larger total of the same day and outcome
    ("three tourists and a guide", "27 people, including three children"), and its sentence tells no incident of
    its own."""
    if not rules.on("consolidate.pieces_told_again") or not any(r.pieces for r in reports):
        return reports
    out: list[Report] = []
    for r in reports:
        total = None
        # "also" alone (consolidate.also_another) tells of more victims unless the count is a named part told again
        another = r.another and "consolidate.also_another" not in r.rules
        if r.kind == "incident" and r.count_best and r.start_date and not (r.pieces or another or r.new_incident):
            same_day = [o for o in out if (o.kind, o.outcome, o.start_date) == ("incident", r.outcome, r.start_date)]
            repeated = any(o.count_best == r.count_best for o in same_day)  # a repeat: the repeats pass merges it
            total = None if repeated else next(
                (
                    o
                    for o in same_day
                    if o.pieces
                    and o.sentence_index < r.sentence_index
                    and (o.count_best or 0) > r.count_best
                    and r.count_best in o.pieces
                    and (o.victim_group == r.victim_group or "unknown" in (o.victim_group, r.victim_group))
                ),
                None,
            )
        if total is None:
            out.append(r)
            continue
        _absorb(total, r)
        rules.mark(total, "consolidate.pieces_told_again")
    return out


def _hospital_subsets(reports: list[Report]) -> list[Report]:
    """ "84 people were wounded, and 23 remained in hospital": those in hospital are some of the wounded, no new
    count. Without a count of the wounded, they are the count ("112 people remain in hospital")."""
    wounded = [
        r.count_best
        for r in reports
        if r.outcome == "injured" and r.kind == "incident" and not r.in_hospital and r.count_best
    ]
    most = max(wounded, default=None)
    return _kept(
        reports,
        "consolidate.hospital_subsets",
        lambda r: r.in_hospital and most is not None and most >= (r.count_best or 0),
    )


# what a part of an incident shares with the rest of it: its day, place and perpetrator
PART_KEYS = ("start_date", "end_date", "country_code", "location", "perpetrator")


def _fill_missing(report: Report, other: Report, keys: tuple[str, ...] = PART_KEYS) -> None:
    """Give a report what another report of its incident says and it does not."""
    for key in keys:
        if getattr(report, key) is None:
            setattr(report, key, getattr(other, key))


def _as_range(report: Report, other: Report) -> None:
    """Widen a report to hold another source's figure for the same quantity (GUIDELINES: one report, a range)."""
    bests = [x for x in (report.count_best, other.count_best) if x is not None]
    lows = [x for x in (report.count_low, other.count_low, *bests) if x is not None]
    highs = [x for x in (report.count_high, other.count_high, *bests) if x is not None]
    report.count_low, report.count_high, report.qualifier = min(lows), max(highs), "range"


def _absorb(report: Report, other: Report) -> None:
    """A report told again: its figures are the other's too."""
    report.figure_ids = ";".join([report.figure_ids, other.figure_ids])
    report.rules += other.rules


def _among_parts(reports: list[Report]) -> list[Report]:
    """Counts "among the dead" are parts of the total the article told before them (GUIDELINES: reports partition
    the victims). "40 people were killed ... two women were among the dead" gives unknown 38 and civilians 2; a
    part of the total's own group ("a man was among the dead") is no new count."""
    if not rules.on("consolidate.among_parts"):
        return reports
    out: list[Report] = []
    counts: dict[tuple, list[Report]] = {}  # (kind, outcome) -> kept counts that are no part themselves
    for r in reports:
        ko = (r.kind, r.outcome)
        total = None
        if r.among and r.count_best is not None:
            # the last such count told before it
            total = next((o for o in reversed(counts.get(ko, ())) if o.sentence_index <= r.sentence_index), None)
        if total is None:
            out.append(r)
            if not r.among and r.count_best is not None:
                counts.setdefault(ko, []).append(r)
            continue
        if total.victim_group == r.victim_group or (
            total.victim_group == "unknown" and total.count_best == r.count_best
        ):
            total.victim_group = r.victim_group  # "ten were killed ... the dead were ten soldiers": who they were
            _absorb(total, r)
            rules.mark(total, "consolidate.among_parts")
            continue  # already counted in the total
        if total.victim_group == "unknown" and total.count_best > r.count_best:
            for key in ("count_low", "count_best", "count_high"):
                if getattr(total, key) is not None:
                    setattr(total, key, getattr(total, key) - r.count_best)
            # a part of the same incident: its day, place and perpetrator are the total's
            for key in PART_KEYS:
                if getattr(total, key) is not None:
                    setattr(r, key, getattr(total, key))
            rules.mark(total, "consolidate.among_parts")
            rules.mark(r, "consolidate.among_parts")
        out.append(r)  # a part ("among the dead"): no total for a later part
    return out


ANOTHER_INCIDENT = re.compile(
    r"\b(?:separate(?:ly)?|another|other|also|elsewhere|earlier|second|too|as well)\b"
    r"|\b(?:\d[\d,]*|several|dozens|scores|hundreds)\s+more\s+(?!than\b)",  # "killed 30 more civilians": new victims
    re.I,
)


INITIAL_FIGURE = re.compile(
    r"\binitial(?:ly)?\b"
    r"|\b(?:earlier|previous|first|preliminary) (?:death )?(?:toll|tally|figure|count|estimate|reports?)\b"
    r"|\bhad (?:earlier|previously|initially|first) (?:given|put|reported|said|announced|told)\b",
    re.I,
)


def _bodies_in_toll(reports: list[Report]) -> list[Report]:
    """Bodies counted by rescuers, hospitals or morgues are a count of the same dead as the article's toll: "killing
    27 ... 32 bodies had been brought in" is 27 to 32, and "24 bodies had been buried" some of a toll of 38."""
    if not rules.on("consolidate.bodies_in_toll") or not any(r.bodies for r in reports):
        return reports
    by_day: dict[object, list[Report]] = {}  # the article's counts of the dead by day, in order
    for o in reports:
        if not o.bodies and o.kind == "incident" and o.outcome == "killed" and o.start_date is not None:
            by_day.setdefault(o.start_date, []).append(o)
    out = []
    for r in reports:
        tolls = (
            _tolls_of_bodies(r, by_day.get(r.start_date, []))
            if r.bodies and r.kind == "incident" and r.count_best
            else []
        )
        if not tolls:
            out.append(r)
            continue
        top = max(tolls, key=lambda o: o.count_best)
        if sum(o.count_best for o in tolls) < r.count_best:
            _as_range(top, r)
        _absorb(top, r)
        rules.mark(top, "consolidate.bodies_in_toll")
    return out


def _tolls_of_bodies(bodies: Report, reports: list[Report]) -> list[Report]:
    """The article's other counts of the dead of the day a count of bodies is of."""
    return [
        o
        for o in reports
        if not o.bodies
        and o.kind == "incident"
        and o.outcome == "killed"
        and o.sentence_index != bodies.sentence_index  # not its own parts: "19 bodies, including a teacher"
        # bodies of victims: of the same group, or any but the attackers when the bodies' group is not said
        and (
            o.victim_group in (bodies.victim_group, "unknown")
            or bodies.victim_group == "unknown"
            and o.victim_group != "militants"
        )
        and o.count_best
        and None not in (o.start_date, bodies.start_date)
        and o.start_date == bodies.start_date
    ]


def _initial_superseded(reports: list[Report]) -> list[Report]:
    """ "Officials had initially reported 43 dead, but the toll climbed": a first figure the article's later one
    replaces (GUIDELINES: an updated toll is one report, with the latest figure)."""
    if not any(r.initial for r in reports):
        return reports
    later: dict[tuple, dict[str, set]] = {}  # (kind, outcome) -> victim group -> counts told later
    for r in reports:
        if not r.initial:
            later.setdefault((r.kind, r.outcome), {}).setdefault(r.victim_group, set()).add(r.count_best)

    def replaced(r: Report) -> bool:
        by_group = later.get((r.kind, r.outcome), {})
        groups = by_group if r.victim_group == "unknown" else (r.victim_group, "unknown")
        return any(
            len(counts) > 1 or r.count_best not in counts for counts in (by_group.get(g) for g in groups) if counts
        )

    return _kept(reports, "consolidate.initial_superseded", lambda r: r.initial and replaced(r))


def _other_sources(reports: list[Report]) -> list[Report]:
    """Two sources' figures for one quantity are one report with a range (GUIDELINES): "seven soldiers were killed,
    the army said ... al-Shabaab said it had killed 51 soldiers" is 7 (the figure the article leads with) to 51.
    Only for the same day, victim group and place (or none), from two named sources, with no word of another
    incident."""
    if not rules.on("consolidate.other_sources"):
        return reports
    out: list[Report] = []
    by_day: dict[tuple, list[Report]] = {}  # (outcome, group, day, placed?) -> kept reports that can take a range
    for r in reports:
        key = (r.outcome, r.victim_group, r.start_date)
        can_range = (
            r.kind == "incident"
            and r.victim_group != "unknown"  # "people": too often another incident's
            and r.count_best is not None
            and r.start_date is not None
            and bool(r.reporting_source)
            and r.qualifier != "vague"
        )
        same = None
        if can_range and not r.another and not ANOTHER_INCIDENT.search(r.sentence):
            same = next(
                (
                    o
                    for o in by_day.get((*key, r.location is not None), ())
                    if o.count_best != r.count_best
                    and fold(o.reporting_source) != fold(r.reporting_source)
                    and o.sentence_index != r.sentence_index
                ),
                None,
            )
        if same is None:
            out.append(r)
            if can_range:
                by_day.setdefault((*key, False), []).append(r)  # for any report of the day
                if r.location is None:
                    by_day.setdefault((*key, True), []).append(r)  # and for one with a place
            continue
        _as_range(same, r)
        _absorb(same, r)
        rules.mark(same, "consolidate.other_sources")
    return out


# a verb of saying right before a count, with at most a few words between: "he said 41 people", "told reporters that
# 40 people", "said the militants killed 280 people"
REPORTED_FIGURE = re.compile(
    r"\b(?:said|says|added|told(?:\s+[\w-]+){1,2}|reported|estimated)\s+(?:that\s+)?(?:[\w-]+\s+){0,3}$", re.I
)


# how far apart two figures for one quantity may be: the larger at most this many times the smaller
SAME_QUANTITY_RATIO = 2.5


def _reported_figures(reports: list[Report]) -> list[Report]:
    """rule: consolidate.reported_figure: a figure said later in the article ("He said 41 people had been killed")
    for the people killed or wounded on a day the article has already counted is another figure for the same
    quantity: one report with a range (GUIDELINES), the lead's figure best. Only for victims not otherwise
    specified, in a sentence telling no incident of its own, with no place of its own (or the same), and a figure
    within SAME_QUANTITY_RATIO of the total told before (a much smaller or larger one is another incident's)."""
    if not rules.on("consolidate.reported_figure") or not any(r.reported for r in reports):
        return reports
    out: list[Report] = []
    for r in reports:
        same = None
        if (
            r.reported
            and r.kind == "incident"
            and r.victim_group == "unknown"
            and r.count_best
            and r.start_date is not None
            and not (r.another or r.new_incident or r.update or r.among or r.pieces)
        ):
            same = next(
                (
                    o
                    for o in out
                    if o.kind == "incident"
                    and o.outcome == r.outcome
                    and o.victim_group == "unknown"
                    and o.start_date == r.start_date
                    and o.sentence_index < r.sentence_index
                    and not o.reported
                    and r.location in (None, o.location)
                    and o.total_best
                    and o.total_best != r.count_best
                    and max(o.total_best, r.count_best) <= SAME_QUANTITY_RATIO * min(o.total_best, r.count_best)
                ),
                None,
            )
        # a figure for the whole total widens what is left of it once its named parts are taken out
        parted = (same.total_best or 0) - (same.count_best or 0) if same is not None else 0
        if same is None or r.count_best - parted <= 0:
            out.append(r)
            continue
        rest = r.copy()
        rest.count_low, rest.count_best, rest.count_high = (
            None if x is None else x - parted for x in (r.count_low, r.count_best, r.count_high)
        )
        _as_range(same, rest)
        _absorb(same, r)
        rules.mark(same, "consolidate.reported_figure")
    return out


def _split_repeats(reports: list[Report]) -> list[Report]:
    """A total told again with its victim groups is one quantity: "the death toll rose to 21 ... 'Twenty-one people
    have died, four of them children'" is civilians 4 and unknown 17 (GUIDELINES: a repeat is one report; groups
    partition the total), not 21 more."""
    if not rules.on("consolidate.split_repeats"):
        return reports
    split = {}
    for r in reports:
        if r.split_total is not None:
            split.setdefault(r.split_total, []).append(r)
    if not split:
        return reports
    by_total: dict[object, list[tuple[int, list[Report]]]] = {}  # each total's split reports, in order
    for (s, _, total), ps in split.items():
        by_total.setdefault(total, []).append((s, ps))
    out = []
    for r in reports:
        if r.split_total is not None or r.victim_group != "unknown" or r.another:
            out.append(r)
            continue
        pieces = next(
            (
                ps
                for s, ps in by_total.get(r.count_best, ())
                if s != r.sentence_index
                and (ps[0].kind, ps[0].outcome) == (r.kind, r.outcome)
                and (r.start_date is None or ps[0].start_date in (None, r.start_date))
            ),
            None,
        )
        if pieces is None:
            out.append(r)
            continue
        rest = next((p for p in pieces if p.victim_group == "unknown"), pieces[0])
        _absorb(rest, r)
        for p in pieces:
            _fill_missing(p, r, (*PART_KEYS, "reporting_source"))
            rules.mark(p, "consolidate.split_repeats")
    return out


def _breakdown(reports: list[Report]) -> list[Report]:
    """A total followed by counts of named groups that add up to it exactly is told twice: "at least 62 people were
    killed ... killing 20 soldiers ... where they killed 42 civilians" is soldiers 20 and civilians 42 (GUIDELINES:
    reports partition the victims), not 124 dead.

    Each total looks only at the later counts of its outcome and day (or of no day), and stops once they pass it:
    counts are positive, so no more of them can add up to it."""
    if not rules.on("consolidate.breakdown"):
        return reports
    drop: set[int] = set()
    later: dict[tuple, list[int]] = {}  # (outcome, day) -> positions of counts of a named group
    for n, r in enumerate(reports):
        if r.kind == "incident" and r.victim_group != "unknown" and r.qualifier != "vague" and r.count_best:
            later.setdefault((r.outcome, r.start_date), []).append(n)
    for n, total in enumerate(reports):
        if total.kind != "incident" or total.victim_group != "unknown" or not total.count_best:
            continue
        keys = [(total.outcome, None)] + ([(total.outcome, total.start_date)] if total.start_date else [])
        runs = [_after(lst, n) for lst in map(later.get, keys) if lst]
        parts: list[tuple[int, Report]] = []
        added, seen = 0, -1
        for pos in heapq.merge(*runs):
            r = reports[pos]
            if pos == seen or not (
                (r.kind, r.outcome) == ("incident", total.outcome)
                and r.victim_group != "unknown"
                and r.sentence_index > total.sentence_index
                and r.qualifier != "vague"
                and r.count_best
                and r.start_date in (None, total.start_date)
            ):
                continue
            seen = pos
            parts.append((pos, r))
            added += r.count_best
            if added > total.count_best:
                break
        if len(parts) >= 2 and added == total.count_best:
            drop.add(n)
            for pos, r in parts:
                undated = r.start_date is None
                _fill_missing(r, total)
                rules.mark(r, "consolidate.breakdown")
                if undated and r.start_date is not None:  # now a count of that day too
                    bisect.insort(later.setdefault((r.outcome, r.start_date), []), pos)
    return [r for n, r in enumerate(reports) if n not in drop]


def _after(positions: list[int], n: int) -> Iterator[int]:
    """The sorted positions after n."""
    return (positions[i] for i in range(bisect.bisect_right(positions, n), len(positions)))


def _consolidate_article(reports: list[Report]) -> list[Report]:
    """One report per quantity in an article: repeats merge, updated tolls replace, sources' figures form a range.

    A vague incident figure ("several were wounded") is dropped when the article gives a number for the same
    outcome: it restates the counted figure less precisely. So is a count of people stabbed when the article
    tells what became of them ("two men were stabbed; one died and the other was badly hurt").

    Each report is compared only with the kept reports that can be the same quantity, found by key (_RepeatIndex),
    not with every one: the cost grows with the article's length, not with its square."""
    told = any(
        r.kind == "incident"
        and not r.stabbed
        and r.outcome in ("killed", "injured")
        and r.count_best
        and r.victim_group != "militants"  # "the attacker was shot dead" tells nothing of the people stabbed
        for r in reports
    )
    if told:
        reports = _kept(reports, "consolidate.stabbed_told", lambda r: r.stabbed)
    reports = _kept(reports, "consolidate.vague_restated", _restated_vague(reports))
    flags = _MatchRules(
        group_repeat=rules.on("consolidate.group_repeat"),
        repeats=rules.on("consolidate.repeats"),
        updated_toll=rules.on("consolidate.updated_toll"),
        toll_of_all=rules.on("consolidate.updated_toll") and rules.on("consolidate.toll_of_all"),
        alternative=rules.on("consolidate.alternative_range"),
    )
    repeat_day = rules.on("consolidate.repeat_day")
    out: list[Report] = []
    index = _RepeatIndex(out, flags)
    figure_ids: dict[int, tuple[list[str], set[str]]] = {}  # merged-into report -> its ids, and what `in` finds
    for r in reports:
        found = index.first_same(r)
        if found is None:
            out.append(r)  # the input list is not read again: merging into r changes nothing already read
            index.add(len(out) - 1)
            continue
        pos, rule_id = found
        same = out[pos]
        if rule_id == "consolidate.group_repeat":
            if same.victim_group == "unknown":
                same.victim_group = r.victim_group
        elif rule_id in ("consolidate.updated_toll", "consolidate.toll_of_all"):
            for k in ("count_low", "count_best", "count_high", "qualifier", "sentence", "span_start", "span_end"):
                setattr(same, k, getattr(r, k))
        elif rule_id == "consolidate.alternative_range":
            _as_range(same, r)
        if pos not in figure_ids:
            ids = same.figure_ids.split(";")
            figure_ids[pos] = (ids, _id_substrings(ids))
        ids, known = figure_ids[pos]
        # as `i not in same.figure_ids` (a substring of the ids joined before this merge: r's own repeats stay)
        added = [i for i in r.figure_ids.split(";") if i not in known]
        ids += added
        known |= _id_substrings(added)
        same.bodies = same.bodies and r.bodies  # "killing 19 people ... 19 bodies": the toll
        same.rules += r.rules
        rules.mark(same, rule_id)
        for k in ("reporting_source", "perpetrator", "country_code", "location", "start_date", "end_date"):
            if getattr(same, k) is None and getattr(r, k) is not None:
                setattr(same, k, getattr(r, k))
        if repeat_day and r.dated and (not same.dated or same.update and not r.update):
            # a repeat that names the day ("Sunday's blast") dates the report better than the default, or than
            # the day a toll rose ("the death toll rose to 21 on Saturday ... 21 killed in Thursday's attack")
            same.start_date, same.end_date, same.dated = r.start_date, r.end_date, True
            rules.mark(same, "consolidate.repeat_day")
        index.add(pos)  # its group, counts or range may have changed
    for pos, (ids, _) in figure_ids.items():
        out[pos].figure_ids = ";".join(ids)
    return out


def _id_substrings(ids: list[str]) -> set[str]:
    """Figure ids ("ARTICLE-START-END") and the shorter ids they hold as substrings ("ARTICLE-START-EN"), with the
    empty one: what `id in ";".join(ids)` finds."""
    out = {""}
    for i in ids:
        out.add(i)
        digits = len(i) - len(i.rstrip("0123456789"))
        out.update(i[:-k] for k in range(1, digits))
    return out


def _restated_vague(reports: list[Report]):
    """Whether a vague incident count restates a count the article also gives as a number: the same day's count,
    or any dated count when the vague one only has the article's day ("killed 12 last year" does not restate
    "killing dozens" on Tuesday, nor "in February killed scores" today's toll); "dozens of assailants were killed"
    restates no count of the soldiers killed. Counts are looked up in sets by outcome, group and day."""
    by_day: dict[tuple, set[int]] = {}  # (outcome, group, day) -> sentences with such a counted incident
    dated: dict[tuple, set[int]] = {}  # (outcome, group) -> sentences with such a count on a known day
    groups: dict[str, set[str]] = {}
    for r in reports:
        if r.kind == "incident" and r.qualifier != "vague":
            o, g, d = r.outcome, r.victim_group, r.start_date
            by_day.setdefault((o, g, d), set()).add(r.sentence_index)
            if d is not None:
                dated.setdefault((o, g), set()).add(r.sentence_index)
            groups.setdefault(o, set()).add(g)

    def other(sentences: set[int] | None, i: int) -> bool:
        return bool(sentences) and (len(sentences) > 1 or i not in sentences)

    # rule consolidate.vague_casualties_restated: "many were killed and injured" restates the day's numbers of the
    # killed or the injured as well as a number of casualties
    both = rules.on("consolidate.vague_casualties_restated")

    def restated(r: Report) -> bool:
        if r.kind != "incident" or r.qualifier != "vague":
            return False
        i, d, g = r.sentence_index, r.start_date, r.victim_group
        outcomes = ("casualties", "killed", "injured") if both and r.outcome == "casualties" else (r.outcome,)
        for o in outcomes:
            for og in groups.get(o, ()) if g == "unknown" else (g, "unknown"):
                if other(by_day.get((o, og, d)), i):
                    if o != r.outcome:
                        rules.fire("consolidate.vague_casualties_restated")
                    return True
                if d is not None and not r.dated and other(dated.get((o, og)), i):
                    if o != r.outcome:
                        rules.fire("consolidate.vague_casualties_restated")
                    return True
        return False

    return restated


SAID_WORDS = re.compile(r"\b(?:said|says|told|reported|according to)\b")


@dataclass(frozen=True)
class _MatchRules:
    """Which of _consolidate_article's match rules are on."""

    group_repeat: bool = True
    repeats: bool = True
    updated_toll: bool = True
    toll_of_all: bool = True
    alternative: bool = True


def _same_quantity(o: Report, r: Report, on: _MatchRules) -> str | None:
    """The rule by which a report r is a kept report o told again, if it is: consolidate.group_repeat (the same
    count, one says who they were), consolidate.repeats, consolidate.updated_toll (a higher toll replaces it) or
    consolidate.alternative_range (another source's figure)."""
    if (
        on.group_repeat
        and (o.kind, o.outcome) == (r.kind, r.outcome)
        and o.count_best == r.count_best
        and "vague" not in (o.qualifier, r.qualifier)
        and (
            o.sentence_index != r.sentence_index
            and not r.another
            and "unknown" in (o.victim_group, r.victim_group)
            and o.victim_group != r.victim_group
        )
    ):
        return "consolidate.group_repeat"
    # rule consolidate.toll_of_all: "rebels killed 20 villagers ... the death toll rose to 27": a toll of all the dead
    # updates a count of one group
    toll_of_all = (
        on.toll_of_all
        and r.update
        and r.victim_group == "unknown"
        and o.kind == "incident"
        and o.sentence_index < r.sentence_index  # told before the toll, not a part of it ("including 3 children")
        and not o.among  # "among the dead were 12 children": a part of the toll
    )
    if (o.kind, o.outcome) != (r.kind, r.outcome) or (
        o.victim_group != r.victim_group and not ((r.alternative or toll_of_all) and r.victim_group == "unknown")
    ):
        return None
    if (
        o.count_best == r.count_best
        and o.count_low == r.count_low
        # a source's figure already in a range told again: "put the toll at more than 200 ... 200"
        or o.qualifier == "range"
        and r.count_best in (o.count_low, o.count_high)
        and r.kind == "incident"
    ) and (on.repeats and o.sentence_index != r.sentence_index and not r.another):
        return "consolidate.repeats"
    if (
        on.updated_toll
        and r.update
        and r.kind == "incident"
        and o.count_best is not None
        and r.count_best is not None
        and r.count_best > o.count_best
        and r.victim_group == "unknown"
        and r.outcome == "killed"
    ):
        return "consolidate.updated_toll" if o.victim_group == r.victim_group else "consolidate.toll_of_all"
    if (
        on.alternative
        and (
            o.sentence_index == r.sentence_index
            and len(SAID_WORDS.findall(r.sentence)) >= 2
            or o.sentence_index <= r.sentence_index  # "86 dead, police said, while leaders put the
            and r.alternative  # toll at more than 200"
            and not r.another
        )
        and r.kind == "incident"
        and o.count_best is not None
        and r.count_best is not None
    ):
        return "consolidate.alternative_range"
    return None


class _RepeatIndex:
    """The kept reports of an article by the keys _same_quantity compares, to find the first kept report a new
    one repeats without comparing it with every one: by count, by the ends of a range, by sentence, and by victim
    group (walked in order only for an updated toll or an alternative figure, the two rules that match any count).
    Lists may hold reports whose keys have since changed: every candidate is checked again."""

    def __init__(self, out: list[Report], on: _MatchRules) -> None:
        self.out = out
        self.on = on
        self.lists: dict[tuple, list[int]] = {}
        self.registered: set[tuple] = set()
        self.lowest: dict[tuple, int] = {}  # the smallest count ever kept per (kind, outcome): a lower bound

    def _put(self, key: tuple, pos: int) -> None:
        if (key, pos) not in self.registered:
            self.registered.add((key, pos))
            bisect.insort(self.lists.setdefault(key, []), pos)

    def add(self, pos: int) -> None:
        o = self.out[pos]
        ko = (o.kind, o.outcome)
        self._put(("count", *ko, o.count_best), pos)
        self._put(("sentence", *ko, o.sentence_index), pos)
        self._put(("group", *ko, o.victim_group), pos)
        self._put(("all", *ko), pos)
        if o.qualifier == "range":
            self._put(("end", *ko, o.count_low), pos)
            self._put(("end", *ko, o.count_high), pos)
        if o.count_best is not None:
            self.lowest[ko] = min(self.lowest.get(ko, o.count_best), o.count_best)

    def first_same(self, r: Report) -> tuple[int, str] | None:
        """The position of the first kept report r repeats and the rule by which it does, or None."""
        ko = (r.kind, r.outcome)
        incident, best = r.kind == "incident", r.count_best
        candidates = set(self.lists.get(("count", *ko, best), ()))
        if incident:
            candidates.update(self.lists.get(("end", *ko, best), ()))
        if incident and best is not None and len(SAID_WORDS.findall(r.sentence)) >= 2:
            candidates.update(self.lists.get(("sentence", *ko, r.sentence_index), ()))
        found = None
        for pos in sorted(candidates):
            rule_id = _same_quantity(self.out[pos], r, self.on)
            if rule_id is not None:
                found = (pos, rule_id)
                break
        update = (
            self.on.updated_toll
            and r.update
            and incident
            and best is not None
            and r.victim_group == "unknown"
            and r.outcome == "killed"
            and self.lowest.get(ko, best) < best
        )
        alternative = self.on.alternative and r.alternative and not r.another and incident and best is not None
        if update or alternative:
            across = (r.alternative or (update and self.on.toll_of_all)) and r.victim_group == "unknown"
            walk = ("all", *ko) if across else ("group", *ko, r.victim_group)
            for pos in self.lists.get(walk, ()):
                if found is not None and pos >= found[0]:
                    break
                rule_id = _same_quantity(self.out[pos], r, self.on)
                if rule_id is not None:
                    found = (pos, rule_id)
                    break
        return found


PARTITIVE = re.compile(r"\b(?:of them|of whom|of its|of their)\b", re.I)  # "two of them": some of a group told before


def _also_same_group(reports: list[Report]) -> list[Report]:
    """rule: consolidate.also_same_group: "one Dane was injured ... two Swedes were also wounded": more victims of
    the same incident, outcome and victim group, told with "also" in a later sentence, add up to the report told
    before (GUIDELINES: one report per incident, outcome and victim group): injured unknown 3, not 1 and 2. The
    earlier report has the same day and no other place; a count "of them" (some of a group told before, whose group
    the count does not say; "two of its citizens") adds to nothing."""
    if not rules.on("consolidate.also_same_group"):
        return reports
    out: list[Report] = []
    for r in reports:
        earlier = None
        if (
            r.kind == "incident"
            and "consolidate.also_another" in r.rules
            and r.count_best
            and r.start_date
            and not PARTITIVE.search(r.sentence)
        ):
            # the nearest report told before of the same incident, outcome and group
            earlier = next(
                (
                    o
                    for o in reversed(out)
                    if o.kind == "incident"
                    and (o.outcome, o.victim_group, o.start_date) == (r.outcome, r.victim_group, r.start_date)
                    and 0 <= o.sentence_index < r.sentence_index
                ),
                None,
            )
            if earlier is not None and (
                not earlier.count_best
                or earlier.location not in (None, r.location)
                or PARTITIVE.search(earlier.sentence)
            ):
                earlier = None
        if earlier is None:
            out.append(r)
            continue
        for key in ("count_low", "count_best", "count_high"):
            a, b = getattr(earlier, key), getattr(r, key)
            setattr(earlier, key, None if a is None or b is None else a + b)
        if r.qualifier != "exact":
            earlier.qualifier = r.qualifier
        for key in ("reporting_source", "reporting_source_text"):  # a sum of two sources' figures is told by both
            a, b = getattr(earlier, key), getattr(r, key)
            if a and b and b != a:
                setattr(earlier, key, f"{a}, {b}")
        _absorb(earlier, r)
        rules.mark(earlier, "consolidate.also_same_group")
    return out


# victims told as more than the total: "two Swedes were also killed", "nine other Germans", "two more U.S. citizens"
OTHER_VICTIMS = re.compile(r"\b(?:also|too|as well)\b|\b(?:other|another|more)\s+(?:[A-Z][\w.]*\s+)?[A-Z]\w+")


def _nationality_parts(reports: list[Report]) -> list[Report]:
    """rule: consolidate.nationality_part: "28 people were killed ... Canada said six of its citizens were killed":
    victims named only by a foreign nationality ("two Americans", "a U.S. citizen"), fewer than a total of the same
    incident, day and outcome that names no victim group, are some of that total, not another report of it
    (GUIDELINES: a nationality is no victim group, and the victim groups partition the toll). Not when the sentence
    adds them ("two Swedes were also wounded", "nine other Germans") or the total is a place's other incident."""
    totals = [
        r
        for r in reports
        if r.kind == "incident" and r.victim_group == "unknown" and r.nationality is None and r.count_best
    ]

    def dropped(r: Report) -> bool:
        if r.nationality is None or r.kind != "incident" or r.victim_group != "unknown" or not r.count_best:
            return False
        if r.another or "consolidate.also_another" in r.rules or OTHER_VICTIMS.search(r.sentence):
            return False
        return any(
            t.outcome == r.outcome
            and t.start_date == r.start_date
            and (t.count_best or 0) > r.count_best
            and r.nationality != t.country_code  # foreigners there: "two Palestinians" in a West Bank story count
            and (t.location is None or r.location is None or t.location == r.location)
            for t in totals
        )

    return _kept(reports, "consolidate.nationality_part", dropped)
