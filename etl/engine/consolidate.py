"""Stage 9, consolidation: one report per quantity in an article. Repeats merge, updated tolls replace, sources'
figures form a range, parts and breakdowns are not counted twice. Each pass is a named rule (rules.py).
"""

from __future__ import annotations

import re

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
    return _kept(
        reports,
        "consolidate.injured_died_in_toll",
        lambda r: r.injured_died and not r.update and any((t.count_best or 0) > (r.count_best or 0) for t in tolls),
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


def _hospital_subsets(reports: list[Report]) -> list[Report]:
    """ "84 people were wounded, and 23 remained in hospital": those in hospital are some of the wounded, no new
    count. Without a count of the wounded, they are the count ("112 people remain in hospital")."""
    wounded = [
        r.count_best
        for r in reports
        if r.outcome == "injured" and r.kind == "incident" and not r.in_hospital and r.count_best
    ]
    return _kept(
        reports,
        "consolidate.hospital_subsets",
        lambda r: r.in_hospital and any(n >= (r.count_best or 0) for n in wounded),
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
    for r in reports:
        totals = [
            o
            for o in out
            if not o.among
            and (o.kind, o.outcome) == (r.kind, r.outcome)
            and o.sentence_index <= r.sentence_index
            and o.count_best is not None
        ]
        if not (r.among and totals and r.count_best is not None):
            out.append(r)
            continue
        total = totals[-1]
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
        out.append(r)
    return out


ANOTHER_INCIDENT = re.compile(r"\b(?:separate(?:ly)?|another|other|also|elsewhere|earlier|second|too|as well)\b", re.I)


INITIAL_FIGURE = re.compile(
    r"\binitial(?:ly)?\b"
    r"|\b(?:earlier|previous|first|preliminary) (?:death )?(?:toll|tally|figure|count|estimate|reports?)\b"
    r"|\bhad (?:earlier|previously|initially|first) (?:given|put|reported|said|announced|told)\b",
    re.I,
)


def _bodies_in_toll(reports: list[Report]) -> list[Report]:
    """Bodies counted by rescuers, hospitals or morgues are a count of the same dead as the article's toll: "killing
    27 ... 32 bodies had been brought in" is 27 to 32, and "24 bodies had been buried" some of a toll of 38."""
    if not rules.on("consolidate.bodies_in_toll"):
        return reports
    out = []
    for r in reports:
        tolls = _tolls_of_bodies(r, reports) if r.bodies and r.kind == "incident" and r.count_best else []
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
    later = {(r.kind, r.outcome, r.victim_group, r.count_best) for r in reports if not r.initial}
    return _kept(
        reports,
        "consolidate.initial_superseded",
        lambda r: (
            r.initial
            and any(
                (k, o) == (r.kind, r.outcome)
                and (g == r.victim_group or "unknown" in (g, r.victim_group))
                and n != r.count_best
                for k, o, g, n in later
            )
        ),
    )


def _other_sources(reports: list[Report]) -> list[Report]:
    """Two sources' figures for one quantity are one report with a range (GUIDELINES): "seven soldiers were killed,
    the army said ... al-Shabaab said it had killed 51 soldiers" is 7 (the figure the article leads with) to 51.
    Only for the same day, victim group and place (or none), from two named sources, with no word of another
    incident."""
    if not rules.on("consolidate.other_sources"):
        return reports
    out: list[Report] = []
    for r in reports:
        same = next(
            (
                o
                for o in out
                if r.kind == o.kind == "incident"
                and (o.outcome, o.victim_group) == (r.outcome, r.victim_group)
                and r.victim_group != "unknown"  # "people": too often another incident's
                and o.count_best is not None
                and r.count_best is not None
                and o.count_best != r.count_best
                and o.start_date is not None
                and o.start_date == r.start_date
                and None in (o.location, r.location)
                and o.reporting_source
                and r.reporting_source
                and fold(o.reporting_source) != fold(r.reporting_source)
                and o.sentence_index != r.sentence_index
                and "vague" not in (o.qualifier, r.qualifier)
                and not r.another
                and not ANOTHER_INCIDENT.search(r.sentence)
            ),
            None,
        )
        if same is None:
            out.append(r)
            continue
        _as_range(same, r)
        _absorb(same, r)
        rules.mark(same, "consolidate.other_sources")
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
    out = []
    for r in reports:
        pieces = next(
            (
                ps
                for (s, _, total), ps in split.items()
                if total == r.count_best
                and s != r.sentence_index
                and (ps[0].kind, ps[0].outcome) == (r.kind, r.outcome)
                and (r.start_date is None or ps[0].start_date in (None, r.start_date))
            ),
            None,
        )
        if r.split_total is not None or r.victim_group != "unknown" or r.another or pieces is None:
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
    reports partition the victims), not 124 dead."""
    if not rules.on("consolidate.breakdown"):
        return reports
    drop: set[int] = set()
    for n, total in enumerate(reports):
        if total.kind != "incident" or total.victim_group != "unknown" or not total.count_best:
            continue
        parts = [
            r
            for r in reports[n + 1 :]
            if (r.kind, r.outcome) == ("incident", total.outcome)
            and r.victim_group != "unknown"
            and r.sentence_index > total.sentence_index
            and r.qualifier != "vague"
            and r.count_best
            and r.start_date in (None, total.start_date)
        ]
        if len(parts) >= 2 and sum(r.count_best for r in parts) == total.count_best:
            drop.add(n)
            for r in parts:
                _fill_missing(r, total)
                rules.mark(r, "consolidate.breakdown")
    return [r for n, r in enumerate(reports) if n not in drop]


def _consolidate_article(reports: list[Report]) -> list[Report]:
    """One report per quantity in an article: repeats merge, updated tolls replace, sources' figures form a range.

    A vague incident figure ("several were wounded") is dropped when the article gives a number for the same
    outcome: it restates the counted figure less precisely. So is a count of people stabbed when the article
    tells what became of them ("two men were stabbed; one died and the other was badly hurt")."""
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
    counted = {
        (r.outcome, r.sentence_index, r.start_date, r.victim_group)
        for r in reports
        if r.kind == "incident" and r.qualifier != "vague"
    }
    reports = _kept(
        reports,
        "consolidate.vague_restated",
        lambda r: (
            r.kind == "incident"
            and r.qualifier == "vague"
            # the same day's count, or any dated count when the vague one only has the article's day; "killed 12
            # last year" does not restate "killing dozens" on Tuesday, nor "in February killed scores" today's toll
            and any(
                o == r.outcome
                and i != r.sentence_index
                # "dozens of assailants were killed" restates no count of the soldiers killed
                and (g == r.victim_group or "unknown" in (g, r.victim_group))
                and (d == r.start_date or (d is not None and r.start_date is not None and not r.dated))
                for o, i, d, g in counted
            )
        ),
    )
    group_repeat, repeats = rules.on("consolidate.group_repeat"), rules.on("consolidate.repeats")
    updated_toll, alternative = rules.on("consolidate.updated_toll"), rules.on("consolidate.alternative_range")
    repeat_day = rules.on("consolidate.repeat_day")
    out: list[Report] = []
    for r in reports:
        same = None
        rule_id = ""
        for o in out:
            if (
                group_repeat
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
                if o.victim_group == "unknown":
                    o.victim_group = r.victim_group
                same, rule_id = o, "consolidate.group_repeat"
                break
            if (o.kind, o.outcome) != (r.kind, r.outcome) or (
                o.victim_group != r.victim_group and not (r.alternative and r.victim_group == "unknown")
            ):
                continue
            if (
                o.count_best == r.count_best
                and o.count_low == r.count_low
                # a source's figure already in a range told again: "put the toll at more than 200 ... 200"
                or o.qualifier == "range"
                and r.count_best in (o.count_low, o.count_high)
                and r.kind == "incident"
            ) and (repeats and o.sentence_index != r.sentence_index and not r.another):
                same, rule_id = o, "consolidate.repeats"
                break
            if (
                updated_toll
                and r.update
                and r.kind == "incident"
                and o.count_best is not None
                and r.count_best is not None
                and r.count_best > o.count_best
                and r.victim_group == "unknown"
                and r.outcome == "killed"
            ):
                same, rule_id = o, "consolidate.updated_toll"
                for k in ("count_low", "count_best", "count_high", "qualifier", "sentence", "span_start", "span_end"):
                    setattr(o, k, getattr(r, k))
                break
            if (
                alternative
                and (
                    o.sentence_index == r.sentence_index
                    and len(re.findall(r"\b(?:said|says|told|reported|according to)\b", r.sentence)) >= 2
                    or o.sentence_index <= r.sentence_index  # "86 dead, police said, while leaders put the
                    and r.alternative  # toll at more than 200"
                    and not r.another
                )
                and r.kind == "incident"
                and o.count_best is not None
                and r.count_best is not None
            ):
                _as_range(o, r)
                same, rule_id = o, "consolidate.alternative_range"
                break
        if same is None:
            out.append(r)  # the input list is not read again: merging into r changes nothing already read
        else:
            ids = same.figure_ids.split(";") + [i for i in r.figure_ids.split(";") if i not in same.figure_ids]
            same.figure_ids = ";".join(ids)
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
    return out
