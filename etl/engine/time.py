"""Stage 7, time: a report's kind (incident or period total) and its day or period."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re

from .. import dates
from . import rules
from .chunks import Chunk
from .consolidate import TOLL_UPDATE
from .report import Report
from .text import Tok
from .words import ATTACK_NOUNS

# the end of a wire dateline after its day: "BAGHDAD, July 1 (Reuters) -", "GENEVA, Aug 8 (AP) —"
WIRE_DATELINE = re.compile(r"\s*\([A-Z][\w .&/-]{1,40}\)\s*[-–—]")
PLAIN_DATELINE_END = re.compile(r"\s*[-–—]")  # "BAGHDAD, July 1 -": the same with no agency


ATTACK_NOUN = r"(?:" + "|".join(ATTACK_NOUNS) + r")s?"  # words.csv, attack_nouns


ATTACK_NEAR_DAY = re.compile(
    rf"\b(?:{ATTACK_NOUN}|struck|exploded|ambushed|stormed|opened fire|blew (?:himself|herself) up)\b", re.I
)
# the acts of one attack told as verbs
ATTACK_VERBS = (
    r"attacked|raided|shelled|bombed|shot|hit|stormed|struck|exploded|ambushed|strafed|stabbed|rammed|opened fire|blew"
)


def _toll_attack_days(reports: list[Report], text: str, spans, event_days: list) -> None:
    """A toll that rose ("the death toll from a missile strike rose to 20 on Tuesday") is dated by its attack's day
    told near the top ("The strike on the mall on Monday afternoon ...", "Thursday's attack"), not by the day the
    toll rose or the day it was said."""
    if not rules.on("time.toll_attack_day"):
        return
    limit = _lead_end(text, spans)
    attack_days = [
        d for d in event_days if d[0] < limit and ATTACK_NEAR_DAY.search(text[max(0, d[0] - 80) : d[1] + 20])
    ]
    if not attack_days:
        return
    day = attack_days[0][2]
    for r in reports:
        updated = r.update and r.kind == "incident" and r.start_date is not None
        if updated and r.start_date != day and abs((r.start_date - day).days) <= 7:
            r.start_date = r.end_date = day
            rules.mark(r, "time.toll_attack_day")


# a running total's start named by "since": "since October", "since early 2023"
SINCE = re.compile(r"\bsince\b", re.I)

# a running total of a whole war or conflict has a start of its own, whatever the sentence beside it says
WHOLE_WAR = re.compile(r"\b(?:war|conflict|insurgency|uprising|crisis)\b", re.I)


def _shared_running_start(reports: list[Report]) -> None:
    """rule: time.shared_period_start: running totals told side by side share their period. "Since October,
    attacks have killed 28 villagers. Troops have killed at least 170 fighters" starts both in October: a running
    total up to the publication day with no start of its own takes the "since" start of one told in the sentence
    before or after it. A whole war's total ("the war has killed 250,000") keeps its own."""
    if not rules.on("time.shared_period_start"):
        return
    started = [
        r
        for r in reports
        if r.kind == "period_total" and r.start_date is not None and r.end_date is not None and SINCE.search(r.sentence)
    ]
    for r in reports:
        if r.kind != "period_total" or r.start_date is not None or r.end_date is None or WHOLE_WAR.search(r.sentence):
            continue
        near = [o for o in started if o.end_date == r.end_date and 0 < abs(o.sentence_index - r.sentence_index) <= 1]
        starts = {o.start_date for o in near}
        if len(starts) == 1 and next(iter(starts)) < r.end_date:
            r.start_date = next(iter(starts))
            rules.mark(r, "time.shared_period_start")


# the period told before, named again: "another 252 were killed during the month", "in the same period"
SAME_PERIOD = re.compile(
    r"\b(?:during|in|over|for|throughout|within)\s+(?:the|that)\s+(?:same\s+)?(?P<unit>month|period|year|quarter)\b"
    r"|\bthe\s+same\s+(?P<unit2>month|period)\b",
    re.I,
)
INCIDENT_ONLY_PERPETRATOR = frozenset({"perpetrator.claim", "perpetrator.next_sentence", "perpetrator.title"})
UNIT_DAYS = {"month": (27, 31), "quarter": (88, 92), "year": (364, 366), "period": (0, 100_000)}


def _same_period(reports: list[Report]) -> None:
    """rule: time.same_period: "UNAMI said 867 civilians were killed in May ... Another 252 members of the security
    forces were killed during the month": a count told over "the month" ("that year", "the same period") is a total of
    the period of the last period total told before it whose length fits the word."""
    if not rules.on("time.same_period"):
        return
    for k, r in enumerate(reports):
        m = SAME_PERIOD.search(r.sentence)
        if m is None or (r.kind == "period_total" and r.start_date is not None):
            continue
        low, high = UNIT_DAYS[(m.group("unit") or m.group("unit2")).lower()]
        before = next(
            (
                o
                for o in reversed(reports[:k])
                if o.kind == "period_total"
                and o.start_date is not None
                and o.end_date is not None
                and o.sentence_index <= r.sentence_index
                and low <= (o.end_date - o.start_date).days + 1 <= high
            ),
            None,
        )
        if before is not None:
            r.kind, r.start_date, r.end_date = "period_total", before.start_date, before.end_date
            if INCIDENT_ONLY_PERPETRATOR & set(r.rules):
                r.perpetrator = r.perpetrator_text = None  # a claim is of an attack, not of a period's total
            rules.mark(r, "time.same_period")


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


def _day_before(event_days: list, paragraph_start: int, pos: int, positions: list[int] | None = None) -> dt.date | None:
    """The last day named earlier in the sentence's paragraph: "Thursday's siege left seven dead. Twenty-four
    people were wounded" is Thursday, whatever day the lead's news is. `positions`: the days' offsets when they
    are in order (text._sorted_positions), to find it by bisection."""
    if positions is not None:
        i = bisect.bisect_left(positions, pos) - 1
        return event_days[i][2] if i >= 0 and positions[i] >= paragraph_start else None
    before = [d for d in event_days if paragraph_start <= d[0] < pos]
    return before[-1][2] if before else None


def _lead_day(text: str, spans: list[tuple[int, int, int]], event_days: list) -> tuple[dt.date | None, bool]:
    """The day the article's news happened: the first event day named in its first three paragraphs; and whether
    rule time.lead_attack_day chose it. That rule: when the first day names no attack ("mourners gathered on Thursday
    to bury recruits killed in Monday's attack"), a later day of the lead named as an attack's ("Monday's attack",
    "the bombing on Monday") is the day of the news's casualties."""
    limit = _lead_end(text, spans)
    early = [d for d in event_days if d[0] < limit]
    if not early:
        return None, False
    first = early[0]
    near_first = text[max(0, first[0] - 80) : first[1] + 20]
    dated = any(ch.isdigit() for ch in text[first[0] : first[1]])  # "01/20/2021:", "March 3": a date, kept
    violent = VIOLENCE_NEAR_DAY.search(near_first)
    if rules.on("time.lead_attack_day") and not dated and not violent:
        attack = next((d for d in early[1:] if _possessive_attack_day(text, d[0], d[1])), None)
        if attack is not None and attack[2] != first[2]:
            return attack[2], True
    return first[2], False


def _possessive_attack_day(text: str, a: int, b: int) -> bool:
    """ "Monday's Taliban suicide attack", "the bombing on Monday": a day named as an attack's."""
    inside = text[a:b].endswith(("'s", "’s"))  # the day mention may hold its "'s"
    owned = (inside or text[b : b + 2] in ("'s", "’s")) and ATTACK_AFTER_DAY.match(text, b if inside else b + 2)
    return bool(owned or ATTACK_BEFORE_DAY.search(text, max(0, a - 70), a))


# "the victims of two jihadist attacks in the north of the country on Friday": the attacks' day
ATTACK_BEFORE_DAY = re.compile(rf"\b{ATTACK_NOUN}\b[^.;,]{{0,50}}?(?:\bon)?\s*$", re.I)
# words of an attack: a count told with a month and one of these is an incident known to its month ("a U.S. air
# strike in October on a hospital killed 42"), not the month's total ("1,460 wounded in violence in May")
ONE_ATTACK_WORDS = re.compile(
    rf"\b(?:{ATTACK_NOUN}|{ATTACK_VERBS}|explosions?|bombs?|bombers?|gunm[ae]n|hostages?)\b", re.I
)
# violence told beside the lead's first day: that day is the news's, whatever day comes after
VIOLENCE_NEAR_DAY = re.compile(
    rf"\b(?:{ATTACK_NOUN}|{ATTACK_VERBS}|killed|killing|wounded|wounding|injured|seized|overran|fired|clashed|fought)\b",
    re.I,
)
ATTACK_AFTER_DAY = re.compile(rf"\s+(?:[\w-]+\s+){{0,3}}?{ATTACK_NOUN}\b", re.I)


def _lead_end(text: str, spans: list[tuple[int, int, int]]) -> int:
    """Where an article's first three paragraphs, which tell its main news, end."""
    return next((s for s, _, p in spans if p >= 3), len(text))


WEAK_PERIODS = {"this_year", "last_year", "last_month", "this_month", "this_week", "year"}


SINGLE_INCIDENT = re.compile(
    r"(?:\b(?:a|an|the|one|that|this|its|similar|single|twin|double)|\w['’]s)\s+(?:\w+\s+){0,2}?"
    r"(?:attack|bombing|blast|explosion|strike|airstrike|raid|ambush|massacre|shooting|assault|stabbing|rampage|"
    r"siege|bomb|bomber|gunman|car bomb)\b",
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


# "came 10 days after a suicide bomber ... killing 19", "two days after a car bomb killed 12": an earlier incident
FEW = ("a few", "several", "a couple of")
TIME_AFTER = (  # "ten days after", "a week after", "a few days after" (article.CLAUSE_BREAK opens a clause on it)
    r"(?P<n>\d{1,2}|an?|" + "|".join([*dates.SMALL_NUMBERS, *FEW]) + r")\s+(?P<unit>days?|weeks?|months?)\s+"
    r"(?:after|since)\s+"
)
DAYS_AFTER = re.compile(rf"\b{TIME_AFTER}(?!the\s+(?:start|beginning|end)\b)", re.I)
NAMED_TIME = re.compile(
    r"\b(?:" + "|".join(m.lower() for m in calendar.month_name if m) + "|" + "|".join(dates.WEEKDAYS)
    + r"|(?:19|20)\d\d|last (?:week|month|year))\b",
    re.I,
)


def _days_after(
    sentence: str, at: int, start: int, sentence_days, anchor: dt.date | None
) -> tuple[bool, dt.date | None]:
    """rule: time.days_after: a count told after "N days (weeks) after" is of the earlier incident: its day is N days
    before the day named before that phrase in its sentence, else before the lead's day (or the publication day);
    after "a month after" or "a few days after" it is known to no day. (False, None) when the rule does not apply."""
    if not rules.on("time.days_after") or "after" not in sentence and "since" not in sentence:
        return False, None
    m = next((m for m in DAYS_AFTER.finditer(sentence) if m.end() <= at), None)
    if m is None or at - m.end() > 160:
        return False, None
    if NAMED_TIME.search(sentence, m.end(), at):
        return False, None  # "four days after the arrest of a suspect in November attacks that killed 130": November's
    n_text, unit = m.group("n").lower(), m.group("unit").lower()
    if n_text in FEW or unit.startswith("month"):
        return True, None  # "a month after gunmen killed 31": an earlier incident, its day unknown
    before = [d for d in sentence_days if d[0] - start < m.start()]
    day = before[-1][2] if before else anchor
    if day is None:
        return False, None
    n = 1 if n_text in ("a", "an") else dates._n(n_text)
    return True, day - dt.timedelta(days=n * (7 if unit.startswith("week") else 1))


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
    month_min: int = 20,
) -> tuple[str, dt.date | None, dt.date | None, str | None]:
    """Kind and dates of a report: a period total with its bounds, or an incident with its day; and the id of the
    rule that chose them."""
    single = SINGLE_INCIDENT.search(sentence)
    aside: tuple[int, int] | None = None  # a "since ..." that dates something else in the sentence
    if span_period is not None and rules.on("time.period"):
        span, cue_start, cue_end, rule = span_period
        lo, hi = toks[c.i].start - start, toks[c.j - 1].end - start
        near = cue_start <= 30 or (0 <= cue_start - hi <= 70) or (0 <= lo - cue_end <= 70) or lo <= cue_start <= hi
        perfect = PERFECT_VERB.search(sentence)
        if rule.startswith("since") and not near and not perfect and rules.on("time.since_aside"):
            span_period = None  # "46 militants were killed, including a commander planning attacks since 2023"
            aside = (cue_start, cue_end)
            rules.mark(c, "time.since_aside")
        elif rule == "in_month":
            # rule time.in_month: "1,460 wounded in acts of violence in May, the UN said": that month's total; "five
            # soldiers were killed in Taro in March" or "a bombing in March killed 29": an incident known to its month
            if sentence_days or not rules.on("time.in_month"):
                span_period = None
            elif single or (c.best or 0) < month_min or ONE_ATTACK_WORDS.search(sentence):
                return "incident", None, None, "time.in_month"
            else:
                return "period_total", span.start, span.end, "time.in_month"
        elif rule not in WEAK_PERIODS:
            return "period_total", span.start, span.end, "time.period"
        possessive = sentence[cue_end : cue_end + 2] in ("'s", "’s")  # "this week's attacks": a dated incident
        if span_period is not None and sentence_days and rules.on("time.nearer_day"):
            # "on Friday, killing 40 ... linked to two attacks in Tunisia last year": the nearer day dates the count
            pos = toks[c.i].start
            day_gap = min(abs(d[0] - pos) for d in sentence_days)
            if day_gap < abs(start + cue_start - pos):
                span_period = None
                rules.mark(c, "time.nearer_day")
        if span_period is not None and near and not single and not possessive:
            return "period_total", span.start, span.end, "time.period"
        if span_period is not None and near and single and rules.on("time.single_incident_month"):
            # "a bombing last month killed 29": one attack, known to a month
            return "incident", None, None, "time.single_incident_month"
    if (
        not sentence_days
        and not single
        and PRESENT_PERFECT.search(sentence)
        and (c.best or 0) >= 20
        and rules.on("time.present_perfect_total")
    ):
        return "period_total", None, published, "time.present_perfect_total"
    if not sentence_days and (c.best or 0) >= incident_max and rules.on("time.large_count_total"):
        return "period_total", None, published, "time.large_count_total"  # no single attack is told in such numbers
    applies, earlier = _days_after(sentence, toks[c.i].start - start, start, sentence_days, lead_day or published)
    if applies:
        return "incident", earlier, earlier, "time.days_after"
    past = []
    if rules.on("time.past_reference"):
        past = [
            m.start() for m in dates.PAST_TIME.finditer(sentence) if not (aside and aside[0] <= m.start() < aside[1])
        ]
    if sentence_days and rules.on("time.sentence_day"):
        pos = toks[c.i].start
        best = min(sentence_days, key=lambda d: abs(d[0] - pos))
        rule_id = "time.sentence_day"
        if len(sentence_days) > 1 and TOLL_UPDATE.search(sentence) and rules.on("time.toll_possessive_day"):
            # "the toll from Tuesday's bombing rose to 30 on Saturday": the attack's day, not the day the toll rose
            owned = [d for d in sentence_days if _possessive_day(sentence, d[0] - start, d[1] - start)]
            if owned and owned[0] is not best:
                rule_id = "time.toll_possessive_day"
            best = owned[0] if owned else best
        if any(abs(start + at - pos) < abs(best[0] - pos) for at in past):
            # "Saturday's attack appeared similar to a January bombing that killed 12"
            return "incident", None, None, "time.past_reference"
        return "incident", best[2], best[2], rule_id
    if past:
        return "incident", None, None, "time.past_reference"
    if lead_day:
        return "incident", lead_day, lead_day, "time.lead_day"
    day = None if published_inferred or not rules.on("time.published_day") else published
    return "incident", day, day, "time.published_day" if day else None
