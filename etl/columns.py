"""The column registry: every column of every table, declared once with its type and meaning.

Tables are tidy (one row per article, figure, report, note, error or event). Each stage
boundary validates its frames with the pandera schemas built here (`validate`), and
`empty_frame` gives a correctly typed frame with no rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

STRING = "string"
INT = "Int64"
BOOL = "boolean"
DATE = "datetime64[s]"
TIME = "datetime64[us, UTC]"


@dataclass(frozen=True)
class Column:
    """One column: its pandas dtype, its meaning and, when closed, its allowed values."""

    dtype: str
    meaning: str
    values: tuple[str, ...] | None = None


KINDS = ("incident", "period_total")
OUTCOMES = ("killed", "injured", "casualties")
VICTIM_GROUPS = ("civilians", "security_forces", "militants", "unknown")
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "approximately", "range", "vague")
ACTIONS = ("accept", "correct", "reject", "merge_events", "split_event")
REVIEW_STATUSES = ("unreviewed", "accepted", "corrected", "rejected")

COLUMNS: dict[str, Column] = {
    # identities
    "article_id": Column(STRING, "Content hash of the article's text: the same article read twice has one id."),
    "source_id": Column(STRING, "The article's own id in its input (JSONL/CSV `id`, file path or URL)."),
    "content_id": Column(
        STRING,
        "The content hash (the store's article_id) in extract's CSV files, whose article_id is the input's"
        " own id (GUIDELINES.md).",
    ),
    "figure_id": Column(STRING, "Id of one casualty figure as written: article id and character span."),
    "report_id": Column(STRING, "Id of one casualty report: article id, kind, outcome, victim group and a sequence."),
    "note_id": Column(STRING, "Id of one attribution statement: article id and character span."),
    "event_id": Column(STRING, "Id of the real-world incident or period statistic that reports describe."),
    "error_id": Column(STRING, "Id of one input error: hash of its origin and reason."),
    "batch_id": Column(STRING, "Id of the store batch that wrote the row."),
    # article metadata
    "title": Column(STRING, "Article headline, where the input has one."),
    "url": Column(STRING, "Address of the article, where known."),
    "source": Column(STRING, "Publisher or outlet, where known."),
    "origin": Column(STRING, "The file, corpus line or URL the article was read from."),
    "published": Column(DATE, "Publication date: given by the input or page, or inferred from the text."),
    "published_inferred": Column(BOOL, "True when `published` was inferred from the latest explicit date in the text."),
    "text": Column(STRING, "The article's main text, as read (no markup)."),
    "text_length": Column(INT, "Characters in `text`."),
    "ingested_at": Column(TIME, "When the row was written to the store (UTC)."),
    # figure / report fields
    "sentence": Column(STRING, "The sentence that states the figure or note, as written."),
    "sentence_start": Column(INT, "Character offset of the sentence in the article text."),
    "span_start": Column(INT, "Character offset where the figure's number phrase (or the note) starts."),
    "span_end": Column(INT, "Character offset just after the number phrase (or the note)."),
    "number_text": Column(STRING, 'The number phrase as written ("more than 8,000", "several", "a US soldier").'),
    "kind": Column(STRING, "incident: one attack or event; period_total: a total over a period.", KINDS),
    "outcome": Column(STRING, "killed, injured, or casualties (killed and injured together).", OUTCOMES),
    "victim_group": Column(STRING, "civilians, security_forces, militants or unknown.", VICTIM_GROUPS),
    "count_low": Column(INT, "Lower bound of the count, where the text gives one."),
    "count_best": Column(INT, "Best estimate of the count (GUIDELINES.md number conventions)."),
    "count_high": Column(INT, "Upper bound of the count, where the text gives one."),
    "qualifier": Column(STRING, "How the number was qualified.", QUALIFIERS),
    "start_date": Column(DATE, "First day of the incident or period."),
    "end_date": Column(DATE, "Last day of the incident or period."),
    "country_code": Column(STRING, "ISO 3166-1 alpha-3 code of where the casualties happened."),
    "location": Column(STRING, "Most specific place named for the casualties, as written."),
    "perpetrator": Column(STRING, "Who caused the casualties, per the article."),
    "reporting_source": Column(STRING, "Who gave the figure; empty when the article says it in its own voice."),
    "blamed": Column(STRING, "Who an attribution statement holds responsible: the canonical name (etl/actors.py)."),
    "blamed_text": Column(STRING, "The party blamed, in the article's words."),
    "blamed_kind": Column(STRING, "What kind of actor is blamed: armed_group, state_forces, police, ..."),
    "stance": Column(
        STRING, "How the source stands: blames, claims (its own act) or denies.", ("blames", "claims", "denies")
    ),
    "source_kind": Column(STRING, "What kind of actor the reporting source is: un, monitor, officials, media, ..."),
    "perpetrator_text": Column(STRING, "The perpetrator in the article's words; `perpetrator` is its canonical name."),
    "reporting_source_text": Column(
        STRING, "The reporting source in the article's words; `reporting_source` is canonical."
    ),
    "figure_ids": Column(STRING, "Ids of the figures behind a report, separated by ';'."),
    "rules": Column(
        STRING,
        "Ids of the engine's named rules that made or changed the row, separated by ';' (python -m etl rules).",
    ),
    # errors
    "stage": Column(STRING, "Where the error happened: read, parse, extract or store."),
    "reason": Column(STRING, "Why the input could not be used, in words."),
    # events
    "n_reports": Column(INT, "Reports consolidated into the event."),
    "n_articles": Column(INT, "Distinct articles behind the event."),
    "n_sources": Column(INT, "Distinct reporting sources (or outlets) behind the event."),
    "first_reported": Column(DATE, "Earliest publication date among the event's reports."),
    "last_reported": Column(DATE, "Latest publication date among the event's reports."),
    "report_ids": Column(STRING, "Ids of the reports behind the event, separated by ';'."),
    "event_key": Column(
        STRING, "Id of one row of the events table: event id, outcome and victim group ('ev-…:killed:civilians')."
    ),
    "in_total": Column(
        BOOL,
        "True for the rows that add up to the event's total for the outcome without double counting"
        " (the victim groups of its lead article; docs/events.md).",
    ),
    # review
    "review_status": Column(
        STRING,
        "What analysts decided about a report: unreviewed, accepted, corrected, or rejected (not a casualty figure).",
        REVIEW_STATUSES,
    ),
    "decision_id": Column(STRING, "Id of one review decision: hash of its content and time."),
    "action": Column(STRING, "What a review decision does to a report or to events.", ACTIONS),
    "event_ids": Column(STRING, "Ids of the events a review decision merges or splits, separated by ';'."),
    "field": Column(STRING, "The report column a correction changes."),
    "value": Column(STRING, "The corrected value, as text (ISO dates, whole numbers, registry values)."),
    "reviewer": Column(STRING, "Who made the review decision."),
    "decided_at": Column(TIME, "When the review decision was made (UTC)."),
    "rationale": Column(STRING, "Why the reviewer decided so, in words."),
    "orphan_reason": Column(
        STRING, "Why a review decision no longer finds its report(s) in the machine output (python -m etl orphans)."
    ),
    "match_key": Column(
        STRING,
        "Finds a decision's reports again after re-extraction: article, outcome, victim group, sentence hash,"
        " span and count joined by '|'; several keys separated by ';', the events of a merge by '/'.",
    ),
}

TABLES: dict[str, tuple[str, ...]] = {
    "articles": (
        "article_id",
        "source_id",
        "title",
        "url",
        "source",
        "origin",
        "published",
        "published_inferred",
        "text_length",
        "text",
    ),
    "figures": (
        "figure_id",
        "article_id",
        "sentence",
        "sentence_start",
        "span_start",
        "span_end",
        "number_text",
        "outcome",
        "victim_group",
        "count_low",
        "count_best",
        "count_high",
        "qualifier",
        "rules",
    ),
    "reports": (
        "report_id",
        "article_id",
        "kind",
        "outcome",
        "victim_group",
        "count_low",
        "count_best",
        "count_high",
        "qualifier",
        "start_date",
        "end_date",
        "country_code",
        "location",
        "perpetrator",
        "reporting_source",
        "figure_ids",
        "sentence",
        "span_start",
        "span_end",
        "rules",
        "perpetrator_text",
        "reporting_source_text",
    ),
    "notes": (
        "note_id",
        "article_id",
        "reporting_source",
        "blamed",
        "sentence",
        "span_start",
        "span_end",
        "stance",
        "reporting_source_text",
        "source_kind",
        "blamed_text",
        "blamed_kind",
        "rules",
        "report_id",
    ),
    "errors": ("error_id", "origin", "stage", "reason"),
    "events": (
        "event_key",
        "event_id",
        "kind",
        "outcome",
        "victim_group",
        "count_low",
        "count_best",
        "count_high",
        "start_date",
        "end_date",
        "country_code",
        "location",
        "perpetrator",
        "reporting_source",
        "n_reports",
        "n_articles",
        "n_sources",
        "first_reported",
        "last_reported",
        "report_ids",
        "in_total",
    ),
    "report_events": ("report_id", "event_id"),
    "decisions": (
        "decision_id",
        "action",
        "report_id",
        "event_ids",
        "field",
        "value",
        "reviewer",
        "decided_at",
        "rationale",
        "match_key",
    ),
}

# columns that may never be empty, per table
REQUIRED: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "text_length"),
    "figures": ("figure_id", "article_id", "span_start", "span_end"),
    "reports": ("report_id", "article_id", "kind", "outcome", "victim_group", "qualifier"),
    "notes": ("note_id", "article_id", "sentence"),
    "errors": ("origin", "reason"),
    "events": ("event_key", "event_id", "kind", "outcome", "victim_group", "n_reports"),
    "decisions": ("decision_id", "action", "reviewer", "decided_at"),
    "report_events": ("report_id", "event_id"),
}
UNIQUE: dict[str, str] = {
    "articles": "article_id",
    "figures": "figure_id",
    "reports": "report_id",
    "notes": "note_id",
    "events": "event_key",
    "decisions": "decision_id",
    "report_events": "report_id",
}


def schema(table: str, extra: tuple[str, ...] = ()) -> pa.DataFrameSchema:
    """The pandera schema of a table (plus any `extra` registry columns it carries)."""
    cols = {}
    for name in TABLES[table] + tuple(extra):
        col = COLUMNS[name]
        checks = [pa.Check.isin(col.values)] if col.values else []
        if col.dtype == INT and name.startswith("count_"):
            checks.append(pa.Check.ge(0))
        cols[name] = pa.Column(
            col.dtype,
            checks=checks,
            nullable=name not in REQUIRED[table],
            unique=name == UNIQUE.get(table),
            description=col.meaning,
        )
    return pa.DataFrameSchema(cols, strict=False, ordered=False, coerce=False, name=table)


def conform(frame: pd.DataFrame, table: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Give a frame exactly the table's columns, in order, with the registry's dtypes."""
    names = TABLES[table] + tuple(extra)
    out = frame.reindex(columns=list(names))
    return out.astype({n: COLUMNS[n].dtype for n in names})


def validate(frame: pd.DataFrame, table: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Conform a frame to its table and check it against the table's schema."""
    return schema(table, extra).validate(conform(frame, table, extra))


def empty_frame(table: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """A typed frame of the table with no rows."""
    return conform(pd.DataFrame(), table, extra)


def describe(table: str) -> pd.DataFrame:
    """The registry entries of a table, as a frame (for docs and `python -m etl columns`)."""
    return pd.DataFrame(
        [(n, COLUMNS[n].dtype, COLUMNS[n].meaning) for n in TABLES[table]], columns=["column", "dtype", "meaning"]
    )
