"""Dates in text: explicit dates, relative days ("on Monday", "yesterday") and periods ("so far this year").

Relative expressions are resolved against the publication date, as GUIDELINES.md says: "on Monday" is the
Monday before publication, or the publication day itself when it is a Monday.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import Lexicon, ascii_like, holds_literals, required_literals

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
EXPLICIT_DATE = re.compile(
    r"\b(?:(?P<day1>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?"
    + _MONTH
    + r"|"
    + _MONTH.replace("month", "month2")
    + r" (?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|,\d))"
    r"(?:,? (?P<year>(?:19|20)\d\d))?\b"
    # a date that names a unit, a movement or a place ("the 14th October Brigade", "17 February Square") is no day
    r"(?!\s+(?-i:(?:Brigade|Battalion|Regiment|Division|Revolution|Movement|Front|Coalition|Street|Avenue|Road|Square|"
    r"Bridge|Stadium|University|Hospital|Camp|City|Martyrs|Uprising|Youth)s?)\b)",
    re.I,
)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
WEEKDAY = re.compile(
    r"\b(?:(?:on|late|early|last|since|from|overnight|by) )?(?:(?:late|early) )?"
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b",
    re.I,
)
RELATIVE_DAY = re.compile(
    r"\b(?P<word>yesterday|today|tonight|this morning|this afternoon|this evening|last night|overnight|"
    r"earlier today|on the same day|the day before|the previous day)\b",
    re.I,
)
RELATIVE_DAY_WORDS = (
    "yesterday",
    "today",
    "tonight",
    "this morning",
    "this afternoon",
    "this evening",
    "last night",
    "overnight",
    "on the same day",
    "the day before",
    "the previous day",
)
# words that place a figure in the past, beyond the day's news: years, months, "last year", "in the past"
PAST_TIME = re.compile(
    r"\b(?:in|since|during|of|from|until|by) (?:the )?(?:early |late |mid-)?(?:(?:19|20)\d0s|(?:19|20)\d\d\b)|"
    r"\b(?:19|20)\d\d (?:attack|attacks|bombing|bombings|"
    r"massacre|shooting|assault|war|conflict|siege|raid|raids)\b|"
    r"\blast (?:year|month|week|summer|winter|spring|autumn)\b|"
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december)(?:'s)? "
    r"(?:suicide )?(?:attacks?|bombings?|blasts?|massacre|shootings?|assault|raids?|strikes?|killings?)\b|"
    r"\b(?:years?|months?|decades?) ago\b|\b(?:in|since|during) (?:early |late |mid-)?(?:january|february|march|april|"
    r"june|july|august|september|october|november|december)\b",
    re.I,
)


@dataclass(frozen=True)
class Span:
    start: dt.date | None
    end: dt.date | None


def _year_for(month: int, day: int, pub: dt.date | None) -> int | None:
    """The year of a day-month without year: the latest such date not after publication (plus a week)."""
    if pub is None:
        return None
    year = pub.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return None
    if candidate > pub + dt.timedelta(days=7):
        year -= 1
    return year


def explicit_dates(text: str, pub: dt.date | None) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of every explicit calendar date in the text, years resolved against `pub`."""
    found: list[tuple[int, int, dt.date]] = []
    for m in EXPLICIT_DATE.finditer(text):
        month_word = (m.group("month") or m.group("month2")).lower().rstrip(".")
        month = MONTHS.get(month_word[:3] if month_word[:3] in MONTHS else month_word)
        day = int(m.group("day1") or m.group("day2"))
        if not month or not 1 <= day <= 31:
            continue
        year = int(m.group("year")) if m.group("year") else _year_for(month, day, pub)
        if year is None:
            continue
        try:
            found.append((m.start(), m.end(), dt.date(year, month, day)))
        except ValueError:
            continue
    for m in ISO_DATE.finditer(text):
        try:
            found.append((m.start(), m.end(), dt.date(int(m["year"]), int(m["month"]), int(m["day"]))))
        except ValueError:
            continue
    found.extend(numeric_dates(text, pub))
    return sorted(found)


def numeric_dates(text: str, pub: dt.date | None, order: str | None = None) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of every numeric date ("01/25/2021", "25.01.2021"): the engine's rules date.numeric and
    date.numeric_order (etl/engine/numeric_dates.py; imported here, as the engine imports this module)."""
    from .engine.numeric_dates import numeric_dates as read

    return read(text, pub, order)


def infer_published(text: str) -> dt.date | None:
    """The latest explicit date with a year in the text: what can safely be said of an undated article."""
    dates = [d for _, _, d in explicit_dates(text, None)]
    return max(dates) if dates else None


def weekday_before(pub: dt.date, weekday: int) -> dt.date:
    """The given weekday on or before the publication date."""
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


def day_mentions(
    text: str, pub: dt.date | None, weekday_of_date: bool = True, acted: list[str] | None = None
) -> list[tuple[int, int, dt.date]]:
    """Every day the text names, explicit or relative to publication, with its offsets. `weekday_of_date` (rule
    time.weekday_of_date): a weekday in the sentence of a date on that weekday is that date; the ids of the rules
    that acted are added to `acted`."""
    found = explicit_dates(text, pub)
    if pub is not None:
        taken = [(s, e) for s, e, _ in found]
        # the patterns are only tried where one of their words is (text read as ASCII, ascii_like: a case-blind
        # match is a lower-case one)
        low = text.lower() if ascii_like(text) else None
        weekdays = WEEKDAY.finditer(text) if low is None or any(d in low for d in WEEKDAYS) else ()
        relative = RELATIVE_DAY.finditer(text) if low is None or any(w in low for w in RELATIVE_DAY_WORDS) else ()
        explicit = list(found)
        for m in weekdays:
            if any(s <= m.start() < e for s, e in taken):
                continue
            weekday = WEEKDAYS[m["weekday"].lower()]
            # "On November 18, a bomber struck the mosque during Friday prayers": the date of the same sentence that
            # falls on that weekday, not the last such weekday before publication
            same = [
                d
                for s, e, d in explicit
                if weekday_of_date and d.weekday() == weekday and _same_sentence(text, s, m.start())
            ]
            before = weekday_before(pub, weekday)
            if same and same[0] != before and acted is not None:
                acted.append("time.weekday_of_date")
            found.append((m.start(), m.end(), same[0] if same else before))
        for m in relative:
            word = m["word"].lower()
            if word in ("yesterday", "last night", "the day before", "the previous day"):
                day = pub - dt.timedelta(days=1)
            else:
                day = pub
            found.append((m.start(), m.end(), day))
    return sorted(found)


def _same_sentence(text: str, a: int, b: int) -> bool:
    """Whether offsets a and b are in one sentence: no full stop ending a word and no paragraph break between them."""
    lo, hi = min(a, b), max(a, b)
    return hi - lo < 300 and not re.search(r"[a-z0-9][.!?]\s|\n", text[lo:hi])


def _day_in(day: str | None, month: str | None, year: str | None, pub: dt.date) -> dt.date | None:
    """A day given as words ("1 October"), its year from the text or the latest such day before publication."""
    if not month:
        return None
    m = MONTHS[month.lower()[:3]]
    d = int(day) if day else 1
    y = int(year) if year else _year_for(m, d, pub)
    try:
        return dt.date(y, m, d) if y else None
    except ValueError:
        return None


def _n(text: str | None) -> int:
    if not text:
        return 1
    return SMALL_NUMBERS.get(text.lower()) or int(text)


def _month_bounds(year: int, month: int) -> Span:
    return Span(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def _year_span(year: int, pub: dt.date | None) -> Span:
    end = dt.date(year, 12, 31)
    if pub is not None and pub.year == year:
        end = pub
    return Span(dt.date(year, 1, 1), end)


def period(text: str, pub: dt.date | None, lex: Lexicon) -> tuple[Span, int, int, str] | None:
    """The period a figure's sentence names ("so far this year"), resolved, with its offsets and rule name."""
    low = text.lower()
    table = _period_table(lex)
    plain = ascii_like(text)  # the lower-cased text holds the lower-cased literals of every match
    told: tuple[Span, int, int, str] | None = None
    for pattern, rule, words, clauses in table:
        if plain and not holds_literals(low, clauses):
            continue  # a literal every match holds is not written here
        if not any(w in low for w in words):
            continue  # every match holds one of the pattern's own words: a cheap test before the regex
        m = pattern.search(text)
        if m:
            found = _resolve(rule, m, pub), m.start(), m.end(), rule
            if rule == "open" or SAID_BEFORE.search(low, 0, m.start()):
                # "the insurgency has killed 36,000 people since 2009": the named start is better than none;
                # "the UN said last month that ... in the first six months of the year": the figure's own period
                told = told or found
                continue
            return found
    return told


# a day or period right after a speech verb dates the statement, not the figure: "police said on Friday", "the UN
# said last month that ... in the first six months of the year"
SAID_BEFORE = re.compile(
    r"\b(?:said|says|told (?:\w+ )?(?:reporters|journalists|\w+)|reported|announced|added|confirmed|published|"
    r"released|statement|claimed responsibility|condemned (?:the \w+|it)|denied (?:involvement|responsibility))"
    r"\s*(?:(?:late|early|later|earlier)\s+)?(?:on\s*)?$",
    re.I,
)


def _period_table(lex: Lexicon) -> list[tuple[re.Pattern[str], str, frozenset[str], tuple[frozenset[str], ...]]]:
    """Each period pattern with the literal words any of its matches holds and the literal strings every match holds
    (required_literals) (built once)."""
    cached = getattr(lex, "_period_table", None)
    if cached is None:
        cached = []
        for pattern, rule in lex.periods:
            literal = re.sub(r"\?P<\w+>|\\[a-zA-Z]|\[[^\]]*\]", " ", pattern.pattern).lower()  # (not group names)
            words = frozenset(re.findall(r"[a-z]{2,}", literal)) or frozenset({""})
            cached.append((pattern, rule, words, required_literals(pattern)))
        lex._period_table = cached  # type: ignore[attr-defined]
    return cached


QUARTERS = {
    "first": 1,
    "1st": 1,
    "1": 1,
    "second": 2,
    "2nd": 2,
    "2": 2,
    "third": 3,
    "3rd": 3,
    "3": 3,
    "fourth": 4,
    "4th": 4,
    "4": 4,
    "final": 4,
    "last": 4,
}


def _part_year(year: int | None, last_month: int, said: str, pub: dt.date | None) -> int:
    """The year of a part of a year named without one: the latest that has ended by publication ("in the first
    half" published in July is this year's; in March, last year's); "of last year" is last year's."""
    if year or pub is None:
        return year or 1
    if "last year" in said:
        return pub.year - 1
    return pub.year if last_month < pub.month or (last_month == pub.month and pub.day >= 28) else pub.year - 1


def _calendar_part(rule: str, groups: dict[str, str | None], said: str, pub: dt.date | None) -> Span:
    """Halves ("the first half of 2023"), quarters ("the third quarter", "Q3 2023"), month ranges ("between
    January and June", "from March to May 2024") and months to a month ("in the six months to June")."""
    year = int(groups["year"]) if groups.get("year") else None
    if rule in ("half", "quarter"):
        if rule == "half":
            first = 1 if groups["half"].lower() in ("first", "1st") else 7
            last = first + 5
        else:
            first = 3 * QUARTERS[groups["quarter"].lower()] - 2
            last = first + 2
        if "this year" in said and pub is not None and pub.month >= first:  # this year's, up to publication
            return Span(dt.date(pub.year, first, 1), min(_month_bounds(pub.year, last).end, pub))
        y = _part_year(year, last, said, pub)
        return Span(dt.date(y, first, 1), _month_bounds(y, last).end)
    if rule == "month_range":
        first, last = MONTHS[groups["month"].lower()], MONTHS[groups["month2"].lower()]
        year2 = int(groups["year2"]) if groups.get("year2") else year
        end_year = _part_year(year2, last, said, pub)
        start_year = year if year else (end_year if first <= last else end_year - 1)
        return Span(dt.date(start_year, first, 1), _month_bounds(end_year, last).end)
    # months_to: "the six months to June" ends with June and starts n - 1 months before it
    last = MONTHS[groups["month"].lower()]
    end_year = _part_year(year, last, said, pub)
    y, m0 = divmod(end_year * 12 + last - 1 - (_n(groups.get("n")) - 1), 12)
    return Span(dt.date(y, m0 + 1, 1), _month_bounds(end_year, last).end)


def _resolve(rule: str, m: re.Match[str], pub: dt.date | None) -> Span:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if rule == "year" and year:
        return _year_span(year, pub)
    if rule in ("since_year", "since_war"):
        return Span(dt.date(year, 1, 1) if year else None, pub)
    if rule == "year_to_date" and year:
        return Span(dt.date(year, 1, 1), pub)
    if rule in ("half", "quarter", "month_range", "months_to") and (pub is not None or year or groups.get("year2")):
        return _calendar_part(rule, groups, m.group(0).lower(), pub)
    if pub is None:
        return Span(None, None)
    if rule == "this_year":
        return Span(dt.date(pub.year, 1, 1), pub)
    if rule == "last_year":
        return Span(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31))
    if rule == "past_year":
        return Span(pub - dt.timedelta(days=365), pub)
    if rule == "last_month":
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return _month_bounds(first.year, first.month)
    if rule == "this_month":
        return Span(pub.replace(day=1), pub)
    if rule == "this_week":
        return Span(pub - dt.timedelta(days=pub.weekday()), pub)
    if rule in ("past_n", "past_one"):
        n = _n(groups.get("n"))
        unit = groups["unit"].lower().rstrip("s")
        if unit in ("month", "year"):
            months = n * (12 if unit == "year" else 1)
            y, m = divmod(pub.year * 12 + pub.month - 1 - months, 12)
            return Span(dt.date(y, m + 1, min(pub.day, calendar.monthrange(y, m + 1)[1])), pub)
        # "the past six days" counts publication day as one of them; "48 hours" are two days back
        days = n / 24 if unit == "hour" else (7 * n if unit == "week" else n) - 1
        return Span(pub - dt.timedelta(days=max(round(days), 1)), pub)
    if rule in ("first_part_of_year", "first_half"):
        y = year or pub.year
        months = 6 if rule == "first_half" else _n(groups.get("n"))
        end = _month_bounds(y, min(months, 12)).end
        return Span(dt.date(y, 1, 1), min(end, pub) if pub is not None and not year else end)  # not past publication
    if rule == "weekday_range":
        first = weekday_before(pub, WEEKDAYS[groups["weekday"].lower()])
        last = weekday_before(pub, WEEKDAYS[groups["weekday2"].lower()])
        return Span(min(first, last), max(first, last))
    if rule == "since_weekday":
        return Span(weekday_before(pub, WEEKDAYS[groups["weekday"].lower()]), pub)
    if rule == "between_dates":
        first = _day_in(groups.get("day"), groups.get("month"), groups.get("year") or groups.get("year2"), pub)
        last = _day_in(groups.get("day2"), groups.get("month2"), groups.get("year2"), pub)
        return Span(first, last)
    if rule in ("since_date", "since_event"):
        if groups.get("month") or groups.get("year"):
            day = int(groups["day"]) if groups.get("day") else 1
            if groups.get("month"):
                start = _day_in(str(day), groups["month"], groups.get("year"), pub)
            else:
                start = dt.date(int(groups["year"]), 1, 1)
            return Span(start, pub)
        return Span(None, pub)
    if rule == "first_weeks":
        y = year or pub.year
        days = _n(groups.get("n")) * (7 if groups["unit"].lower().startswith("week") else 1)
        return Span(dt.date(y, 1, 1), dt.date(y, 1, 1) + dt.timedelta(days=days - 1))
    if rule in ("month", "in_month"):
        month = MONTHS[groups["month"].lower()[:3]]
        y = year or (pub.year if month <= pub.month else pub.year - 1)
        return _month_bounds(y, month)
    if rule == "since_month":
        month = MONTHS[groups["month"].lower()[:3]]
        y = year or (pub.year if month <= pub.month else pub.year - 1)
        return Span(dt.date(y, month, 1), pub)
    return Span(None, pub)
