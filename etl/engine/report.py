"""The report the engine builds and consolidates: the public fields of a `reports` row (etl/columns.py) plus
the working facts consolidation reads (which sentence it came from, whether the sentence raised a toll...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter

from ..columns import TABLES

# the columns of a reports row, in the registry's order (report_id is given last, rules by the recorder)
PUBLIC = tuple(c for c in TABLES["reports"] if c not in ("report_id", "rules"))
_public = attrgetter(*PUBLIC)


@dataclass(slots=True)
class Report:
    """One casualty figure of an article with its context (docs/codebook.md, "Report")."""

    article_id: str
    kind: str  # incident | period_total
    outcome: str  # killed | injured | casualties ...
    victim_group: str
    count_low: int | None
    count_best: int | None
    count_high: int | None
    qualifier: str
    start_date: dt.date | None
    end_date: dt.date | None
    country_code: str | None
    location: str | None
    perpetrator: str | None
    reporting_source: str | None
    figure_ids: str
    sentence: str
    span_start: int | None
    span_end: int | None
    rules: list[str] = field(default_factory=list)  # ids of the rules that made or changed it (rules.py)
    report_id: str = ""
    perpetrator_text: str | None = None  # the perpetrator in the article's words
    reporting_source_text: str | None = None  # the reporting source in the article's words
    # working facts, read while the article is consolidated and dropped with the dataclass
    sentence_index: int = -1  # the sentence it came from (-1: none)
    dated: bool = False  # its day is named in its sentence (or it is a period total)
    another: bool = False  # "another soldier": a new victim, never a repeat
    update: bool = False  # its sentence raises a toll ("the death toll rose to 30")
    alternative: bool = False  # its sentence gives another source's figure ("some sources say 40")
    stabbed: bool = False  # injured by stabbing with no other word of wounding
    among: bool = False  # a part of a total told elsewhere ("two women were among the dead")
    in_hospital: bool = False  # "23 remained in hospital": some of the wounded
    injured_died: bool = False  # "two of the injured died"
    split_total: tuple | None = None  # (sentence, token, total) of a total split into victim groups
    initial: bool = False  # an initial figure ("had initially reported 43 dead")
    bodies: bool = False  # a count of bodies
    pieces: tuple[int, ...] = ()  # counts of the named parts of its total: summed ("three Israelis and an Iranian")
    # or included ("27 people, including three children")
    new_incident: bool = False  # its sentence tells an incident of its own ("a separate attack")
    reported: bool = False  # a verb of saying comes right before the count: "he said 41 people had been killed"
    total_best: int | None = None  # the count of the total it was split from (its own count when not split)
    # its victims are named only by a nationality: the country code of the demonym ("two Americans": USA), "" for a
    # nationality noun ("a U.S. citizen", "six of its citizens"), None otherwise
    nationality: str | None = None

    def row(self) -> dict:
        """The reports row: public columns, report_id and rules (ids joined by ';', each once, in order)."""
        out = dict(zip(PUBLIC, _public(self), strict=True))
        out["report_id"] = self.report_id
        out["rules"] = ";".join(dict.fromkeys(self.rules))
        return out

    def copy(self) -> Report:
        """A copy whose rule list is its own."""
        twin = Report(**{f.name: getattr(self, f.name) for f in fields(self)})
        twin.rules = list(self.rules)
        return twin
