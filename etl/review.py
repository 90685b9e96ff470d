"""Analysts' review decisions: kept apart from machine output, applied on top of it.

An analyst can accept a report, correct any field of it, reject it (not a casualty figure), merge
events or split reports off an event. Each decision records who, when and why, and is appended to
ROOT/review/decisions.jsonl (never edited in place). Decisions find their reports through a
`match_key` (article, outcome, victim group, sentence hash, span and count of the machine's report),
not through report ids, so they survive a re-extraction by a newer engine; decisions that no longer
find their report are listed as orphans. docs/events.md describes the model.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import logging
import os
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import pandas as pd
import pycountry

from etl import columns
from etl.events import EVENT_ID_PREFIX, build_events, consolidate, sentence_key

if TYPE_CHECKING:
    from etl.store import Store

log = logging.getLogger(__name__)

DECISIONS_PATH = Path("review") / "decisions.jsonl"
"""Where the decision log lives under the store root."""
REPORT_ACTIONS = ("accept", "correct", "reject")
EVENT_ACTIONS = ("merge_events", "split_event")
_REPORT_COLUMNS = columns.TABLES["reports"]
CORRECTABLE = _REPORT_COLUMNS[_REPORT_COLUMNS.index("kind") : _REPORT_COLUMNS.index("reporting_source") + 1]
"""Report fields an analyst may correct (ids, sentence and spans are the text's, not the machine's guess)."""
REVIEWED = ("accepted", "corrected")
KEY_PARTS = ("article_id", "outcome", "victim_group", "sentence", "span_start", "span_end", "count_best")
KEY_SEP, GROUP_SEP = ";", "/"
COUNTS = ("count_low", "count_best", "count_high")
LOG_FORMATS = ("jsonl", "csv", "parquet")
"""Formats of an exported decision log, told by the file's suffix (.jsonl or any other suffix: JSON lines)."""


@dataclass(frozen=True)
class Decision:
    """One review decision. `value` is text: ISO dates, whole numbers or registry values."""

    action: str
    reviewer: str
    match_key: str
    report_id: str | None = None
    event_ids: str | None = None
    field: str | None = None
    value: str | None = None
    rationale: str | None = None
    decided_at: datetime | None = None
    decision_id: str | None = None

    def as_record(self) -> dict[str, str | None]:
        """The decision as a JSON-ready dict (time in ISO 8601, UTC)."""
        record = asdict(self)
        record["decided_at"] = self.decided_at.isoformat() if self.decided_at else None
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> Decision:
        """A decision from a dict (a JSONL line, a CSV row or a frame row); unknown keys are ignored."""
        names = {f.name for f in fields(cls)}
        values = {k: (None if _blank(v) else v) for k, v in record.items() if k in names}
        for name in ("action", "reviewer", "match_key"):
            values.setdefault(name, None)
        stamp = values.get("decided_at")
        if stamp is not None:
            ts = pd.Timestamp(stamp)
            values["decided_at"] = (ts.tz_localize(UTC) if ts.tzinfo is None else ts.tz_convert(UTC)).to_pydatetime()
        return cls(**{k: (str(v) if k != "decided_at" and v is not None else v) for k, v in values.items()})


def _blank(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


# --- match keys -----------------------------------------------------------------------------------------------------
def match_key(report: Mapping[str, object]) -> str:
    """The key that finds a report again: article, outcome, victim group, sentence hash, span and count."""
    parts = []
    for name in KEY_PARTS:
        value = report.get(name)
        if name == "sentence":
            parts.append(sentence_key(value))
        elif _blank(value):
            parts.append("")
        elif name == "article_id":
            parts.append(quote(str(value), safe=""))
        else:
            parts.append(str(int(value)) if name.startswith(("span", "count")) else str(value))
    return "|".join(parts)


def match_keys(reports: pd.DataFrame) -> pd.Series:
    """Match keys of a reports frame: its own `match_key` column when it has one (the machine's values)."""
    if "match_key" in reports.columns:
        return reports["match_key"].astype("string")
    keys = [match_key(row) for row in reports.to_dict("records")]
    return pd.Series(keys, index=reports.index, dtype="string")


@dataclass(frozen=True)
class _Key:
    article: str
    outcome: str
    group: str
    sentence: str
    span: tuple[int, int] | None
    count: int | None


def _parse_key(text: str) -> _Key:
    parts = text.split("|")
    if len(parts) != len(KEY_PARTS):
        raise ValueError(f"match key {text!r} does not have {len(KEY_PARTS)} parts")
    article, outcome, group, sentence, start, end, count = parts
    span = (int(start), int(end)) if start and end else None
    return _Key(article, outcome, group, sentence, span, int(count) if count else None)


class _Finder:
    """Finds the report a key names in a reports frame (same article and outcome; the span or the sentence)."""

    def __init__(self, reports: pd.DataFrame) -> None:
        self.by_article: dict[tuple[str, str], list[tuple[object, str, _Key]]] = defaultdict(list)
        for label, report_id, key in zip(
            reports.index, reports["report_id"].astype(str), match_keys(reports), strict=True
        ):
            parsed = _parse_key(str(key))
            self.by_article[(parsed.article, parsed.outcome)].append((label, report_id, parsed))

    def find(self, key: _Key) -> object | None:
        best, best_rank = None, None
        for label, report_id, cand in self.by_article.get((key.article, key.outcome), ()):
            overlap = bool(key.span and cand.span and key.span[0] < cand.span[1] and cand.span[0] < key.span[1])
            exact = bool(key.span and key.span == cand.span)
            sentence = bool(key.sentence and key.sentence == cand.sentence)
            group, count = key.group == cand.group, key.count is not None and key.count == cand.count
            no_anchor = not (key.span and cand.span) and not (key.sentence and cand.sentence)
            if not (overlap or (sentence and (group or count)) or (no_anchor and group and count)):
                continue
            rank = (exact, overlap, sentence, group, count)
            if best_rank is None or rank > best_rank or (rank == best_rank and report_id < best[1]):
                best, best_rank = (label, report_id), rank
        return None if best is None else best[0]

    def find_all(self, keys: Iterable[_Key]) -> list[object]:
        found = [self.find(k) for k in keys]
        return list(dict.fromkeys(f for f in found if f is not None))


def same_reports(new: pd.DataFrame, old: pd.DataFrame) -> pd.Series:
    """For each report of a new extraction, the report_id of the old report it is (found as decisions find
    theirs: same article and outcome, overlapping span or same sentence), else NA; indexed like `new`."""
    finder = _Finder(old)
    labels = [finder.find(_parse_key(str(k))) for k in match_keys(new)]
    old_ids = old["report_id"].astype("string")
    found = [pd.NA if label is None else old_ids.at[label] for label in labels]
    return pd.Series(found, index=new.index, dtype="string")


def _key_groups(text: str) -> list[list[_Key]]:
    return [[_parse_key(k) for k in group.split(KEY_SEP) if k] for group in text.split(GROUP_SEP)]


# --- building decisions ---------------------------------------------------------------------------------------------
def _row(reports: pd.DataFrame, report_id: str) -> pd.Series:
    rows = reports[reports["report_id"] == report_id]
    if rows.empty:
        raise ValueError(f"no report {report_id!r} in the reports frame")
    return rows.iloc[0]


def _key_of(reports: pd.DataFrame, report_id: str) -> str:
    row = _row(reports, report_id)
    return str(row["match_key"]) if "match_key" in row.index and not _blank(row["match_key"]) else match_key(row)


def accept(reports: pd.DataFrame, report_id: str, reviewer: str, rationale: str | None = None) -> Decision:
    """A decision accepting a report as the machine read it."""
    return Decision("accept", reviewer, _key_of(reports, report_id), report_id=report_id, rationale=rationale)


def correct(
    reports: pd.DataFrame, report_id: str, field: str, value: object, reviewer: str, rationale: str | None = None
) -> Decision:
    """A decision correcting one field of a report (value None clears an optional field)."""
    text = None if _blank(value) else (value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value))
    if field in DATES and text is not None:
        text = _checked_value(field, text)
        _check_period(_row(reports, report_id), field, text)
    return Decision(
        "correct",
        reviewer,
        _key_of(reports, report_id),
        report_id=report_id,
        field=field,
        value=text,
        rationale=rationale,
    )


DATES = ("start_date", "end_date")


def _check_period(report: Mapping[str, object], field: str, value: str | None) -> None:
    """ValueError when correcting `field` to `value` would put the report's start_date after its end_date."""
    period = {name: report.get(name) for name in DATES}
    period[field] = value
    start, end = (None if _blank(v) else pd.Timestamp(v) for v in period.values())
    if start is not None and end is not None and start > end:
        raise ValueError(
            f"start_date {start.date()} would be after end_date {end.date()}: correct the other date first"
        )


def reject(reports: pd.DataFrame, report_id: str, reviewer: str, rationale: str | None = None) -> Decision:
    """A decision marking a report as not a casualty figure: it stays out of every chart and download."""
    return Decision("reject", reviewer, _key_of(reports, report_id), report_id=report_id, rationale=rationale)


def merge_events(
    reports: pd.DataFrame, event_ids: Iterable[str], reviewer: str, rationale: str | None = None
) -> Decision:
    """A decision merging events (reports frame with `event_id`): keys of every report of every event."""
    event_ids = list(dict.fromkeys(event_ids))
    groups = []
    for event_id in event_ids:
        ids = reports.loc[reports["event_id"] == event_id, "report_id"].astype(str).tolist()
        if not ids:
            raise ValueError(f"no reports of event {event_id!r} in the reports frame")
        groups.append(KEY_SEP.join(_key_of(reports, r) for r in sorted(ids)))
    return Decision(
        "merge_events", reviewer, GROUP_SEP.join(groups), event_ids=KEY_SEP.join(event_ids), rationale=rationale
    )


def split_event(
    reports: pd.DataFrame, report_ids: Iterable[str], reviewer: str, rationale: str | None = None
) -> Decision:
    """A decision moving reports out of their event(s) into a new event of their own."""
    report_ids = sorted(dict.fromkeys(report_ids))
    events = reports.loc[reports["report_id"].isin(report_ids), "event_id"].dropna().astype(str).unique()
    return Decision(
        "split_event",
        reviewer,
        KEY_SEP.join(_key_of(reports, r) for r in report_ids),
        report_id=KEY_SEP.join(report_ids),
        event_ids=KEY_SEP.join(sorted(events)) or None,
        rationale=rationale,
    )


# --- checking and storing -------------------------------------------------------------------------------------------
MAX_COUNT = 10_000_000
"""Largest count a correction may give (no single report of casualties is larger)."""
EARLIEST_DATE = date(1900, 1, 1)
"""Earliest date a correction may give; the latest is a year from today (`latest_date`)."""
MAX_TEXT = 500
"""Longest free-text value (location, perpetrator, reporting source), reviewer name or match key part kept."""
COUNTRY_CODES = frozenset(c.alpha_3 for c in pycountry.countries)
"""ISO 3166-1 alpha-3 codes that exist (pycountry): the only country codes a correction may give."""


def latest_date() -> date:
    """The latest date a correction may give: a year from today."""
    today = date.today()
    return today.replace(year=today.year + 1, day=28 if (today.month, today.day) == (2, 29) else today.day)


def _checked_value(field: str, value: str | None) -> str | None:
    """A corrected value checked against the column registry (closed values, whole numbers within
    0..MAX_COUNT, ISO dates within EARLIEST_DATE..latest_date(), existing ISO3 codes); ValueError says why."""
    column = columns.COLUMNS[field]
    if value is None:
        if field in columns.REQUIRED["reports"]:
            raise ValueError(f"{field} cannot be cleared")
        return None
    value = str(value).strip()
    if "\x00" in value or len(value) > MAX_TEXT:
        raise ValueError(f"{field} must be at most {MAX_TEXT} characters of text")
    if column.values and value not in column.values:
        raise ValueError(f"{field} must be one of {', '.join(column.values)}, not {value[:40]!r}")
    if column.dtype == columns.INT:
        if not (value.isascii() and value.isdigit()) or len(value) > 9 or int(value) > MAX_COUNT:
            raise ValueError(f"{field} must be a whole number from 0 to {MAX_COUNT:,}, not {value[:40]!r}")
        return str(int(value))
    if column.dtype == columns.DATE:
        try:
            day = date.fromisoformat(value[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) else None
        except ValueError:
            day = None
        if day is None or value[10:].strip(" T0:"):
            raise ValueError(f"{field} must be an ISO date (YYYY-MM-DD), not {value[:40]!r}")
        if not EARLIEST_DATE <= day <= latest_date():
            raise ValueError(f"{field} must be between {EARLIEST_DATE.isoformat()} and {latest_date().isoformat()} "
                             f"(a year from today), not {day.isoformat()}")
        return day.isoformat()
    if field == "country_code":
        code = value.upper()
        if code not in COUNTRY_CODES:
            raise ValueError(
                f"country_code must be an existing ISO 3166-1 alpha-3 code (IRQ, SYR, …), not {value[:40]!r}"
            )
        return code
    return value


def _checked_key(text: str) -> None:
    """ValueError unless a match key's counts and spans are whole numbers within bounds."""
    for group in _key_groups(text):
        for key in group:
            numbers = [*(key.span or ()), *(() if key.count is None else (key.count,))]
            if any(n < 0 or n > 10**12 for n in numbers):
                raise ValueError("match key holds a count or offset out of bounds")


def checked(decision: Decision | Mapping[str, object]) -> Decision:
    """The decision validated, with its time (now, UTC) and id (hash of its content) filled in.

    Raises ValueError naming the reason when the decision cannot be applied."""
    d = decision if isinstance(decision, Decision) else Decision.from_record(decision)
    if d.action not in columns.ACTIONS:
        raise ValueError(f"action must be one of {', '.join(columns.ACTIONS)}, not {d.action!r}")
    if _blank(d.reviewer):
        raise ValueError("a decision needs a reviewer")
    if _blank(d.match_key):
        raise ValueError(
            "a decision needs a match_key (build it with accept/correct/reject/merge_events/split_event), or, "
            "imported into a store, the report_id of a report the store holds"
        )
    if len(d.reviewer) > MAX_TEXT or len(d.rationale or "") > 4 * MAX_TEXT:
        raise ValueError(f"reviewer is at most {MAX_TEXT} characters, rationale at most {4 * MAX_TEXT}")
    if d.action not in EVENT_ACTIONS and (d.report_id or "").count(KEY_SEP) > 1000:
        raise ValueError("report_id is too long")
    groups = _key_groups(d.match_key)  # raises on a malformed key
    _checked_key(d.match_key)
    if d.action == "correct":
        if d.field not in CORRECTABLE:
            raise ValueError(f"field must be one of {', '.join(CORRECTABLE)}, not {d.field!r}")
        d = replace(d, value=_checked_value(d.field, d.value))
    elif d.field is not None or d.value is not None:
        raise ValueError(f"a {d.action} decision takes no field or value")
    if d.action == "merge_events" and len(groups) < 2:
        raise ValueError("a merge_events decision needs the reports of at least two events")
    if d.action != "merge_events" and len(groups) != 1:
        raise ValueError(f"a {d.action} decision names reports, not groups of events")
    if d.action in REPORT_ACTIONS and len(groups[0]) != 1:
        raise ValueError(f"a {d.action} decision names exactly one report")
    stamp = d.decided_at or datetime.now(UTC)
    d = replace(d, decided_at=stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC))
    if d.decision_id is None:
        content = json.dumps({**d.as_record(), "decision_id": None}, sort_keys=True)
        d = replace(d, decision_id="dc-" + hashlib.sha1(content.encode()).hexdigest()[:16])
    return d


def _append(path: Path, decisions: list[Decision]) -> None:
    """Append decisions as JSON lines: one locked write, flushed and synced to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()
    text = "".join(json.dumps(d.as_record(), ensure_ascii=False, sort_keys=True) + "\n" for d in decisions)
    with open(path, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    if new_file:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def record(root: Path, decision: Decision | Mapping[str, object]) -> Decision:
    """Check a decision and append it to ROOT/review/decisions.jsonl; returns it with its id and time."""
    d = checked(decision)
    _append(Path(root) / DECISIONS_PATH, [d])
    return d


@dataclass(frozen=True)
class LogProblem:
    """A line of a decisions file that could not be used: where (file:line) and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class ImportResult:
    """What importing a decisions file did: decisions added, duplicates skipped, lines that could not be used."""

    added: int
    duplicates: int
    problems: tuple[LogProblem, ...] = ()


REQUIRED_LOG_COLUMNS = ("action", "reviewer", "match_key")


def _missing_log_columns(names: Iterable[str]) -> list[str]:
    """Required columns a log lacks (a report_id may stand for the match_key: it is derived on import)."""
    names = set(names)
    missing = [c for c in REQUIRED_LOG_COLUMNS if c not in names]
    return [] if missing == ["match_key"] and "report_id" in names else missing


def log_format(path: Path) -> str:
    """The format of a decisions file by its suffix: csv, parquet, else jsonl."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"csv": "csv", "parquet": "parquet", "pq": "parquet"}.get(suffix, "jsonl")


def _jsonl_records(path: Path) -> tuple[list[tuple[str, dict]], list[LogProblem]]:
    records, problems = [], []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(LogProblem(where, "not UTF-8 text; skipped"))
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(LogProblem(where, f"not a JSON line ({exc.msg}); skipped"))
                continue
            if not isinstance(record, dict):
                problems.append(LogProblem(where, "not a JSON object; skipped"))
                continue
            records.append((where, record))
    return records, problems


def _csv_records(path: Path) -> tuple[list[tuple[str, dict]], list[LogProblem]]:
    records, problems = [], []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = _missing_log_columns(reader.fieldnames or ())
            if missing:
                return [], [LogProblem(f"{path}:1", f"not a decision log: no {', '.join(missing)} column")]
            line = reader.line_num
            try:
                for row in reader:
                    where, line = f"{path}:{line + 1}", reader.line_num
                    if None in row:
                        problems.append(LogProblem(where, "more fields than the header; skipped"))
                        continue
                    records.append((where, row))
            except csv.Error as exc:
                problems.append(LogProblem(f"{path}:{reader.line_num}", f"not CSV ({exc}); the rest is skipped"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return records, problems


def _parquet_records(path: Path) -> tuple[list[tuple[str, dict]], list[LogProblem]]:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several kinds for a file that is not Parquet
        raise ValueError(f"{path}: not a Parquet file ({exc})") from exc
    missing = _missing_log_columns(frame.columns)
    if missing:
        return [], [LogProblem(f"{path}", f"not a decision log: no {', '.join(missing)} column")]
    return [(f"{path}: row {i + 1}", row) for i, row in enumerate(frame.to_dict("records"))], []


def read_log(
    path: Path, find_reports: Callable[[list[str]], pd.DataFrame] | None = None
) -> tuple[list[Decision], list[LogProblem]]:
    """The checked decisions of a decisions file (JSONL, CSV or Parquet by suffix), each once, and the lines that
    could not be used (with file, line and reason). Raises OSError or ValueError when the file cannot be read.

    A hand-written decision may name its report by `report_id` alone: with `find_reports` (report ids -> those
    reports) its `match_key` is derived from the report."""
    path = Path(path)
    reader = {"csv": _csv_records, "parquet": _parquet_records}.get(log_format(path), _jsonl_records)
    records, problems = reader(path)
    if find_reports is not None:
        records = _with_match_keys(records, find_reports)
    decisions, seen = [], set()
    for where, record in records:
        try:
            decision = checked(record)
        except (ValueError, TypeError) as exc:
            problems.append(LogProblem(where, f"decision skipped: {exc}"))
            continue
        if decision.decision_id not in seen:
            seen.add(decision.decision_id)
            decisions.append(decision)
    problems.sort(key=lambda p: _line_number(p.where))
    return decisions, problems


def _with_match_keys(
    records: list[tuple[str, dict]], find_reports: Callable[[list[str]], pd.DataFrame]
) -> list[tuple[str, dict]]:
    """Records without a match_key but with a report_id, given the match key of that report."""
    wanted = sorted(
        {str(r["report_id"]) for _, r in records if _blank(r.get("match_key")) and not _blank(r.get("report_id"))}
    )
    if not wanted:
        return records
    found = find_reports(wanted)
    keys = {str(row["report_id"]): match_key(row) for row in found.to_dict("records")}
    return [
        (where, {**r, "match_key": keys[str(r.get("report_id"))]})
        if _blank(r.get("match_key")) and str(r.get("report_id")) in keys
        else (where, r)
        for where, r in records
    ]


def _store_reports_by_id(root: Path) -> Callable[[list[str]], pd.DataFrame]:
    def find(report_ids: list[str]) -> pd.DataFrame:
        from etl.store import Store

        try:
            return Store(root).read("reports", where="report_id IN (SELECT unnest(?::VARCHAR[]))", params=[report_ids])
        except Exception:  # noqa: BLE001 - no store here: the decisions keep their own keys (or are refused)
            return pd.DataFrame(columns=["report_id"])

    return find


def _line_number(where: str) -> int:
    tail = where.rsplit(":", 1)[-1].replace("row", "").strip()
    return int(tail) if tail.isdigit() else 0


def _decisions(path: Path) -> list[Decision]:
    decisions, problems = read_log(path)
    for problem in problems:
        log.warning("%s", problem)
    return decisions


def _frame(decisions: list[Decision]) -> pd.DataFrame:
    if not decisions:
        return columns.empty_frame("decisions")
    frame = pd.DataFrame([d.as_record() for d in decisions])
    frame["decided_at"] = pd.to_datetime(frame["decided_at"], utc=True, format="ISO8601")
    return columns.validate(frame, "decisions")


def load_decisions(root: Path) -> pd.DataFrame:
    """The decision log as a frame (table `decisions`), oldest first; unreadable lines are logged and skipped."""
    path = Path(root) / DECISIONS_PATH
    return _frame(_decisions(path)) if path.exists() else columns.empty_frame("decisions")


def log_problems(root: Path) -> list[LogProblem]:
    """The lines of the store's decision log that are skipped (not JSON, or a decision that does not validate:
    a count out of bounds, a country code that does not exist, ...), with line and reason."""
    path = Path(root) / DECISIONS_PATH
    if not path.exists():
        return []
    try:
        return read_log(path)[1]
    except (OSError, ValueError) as exc:
        return [LogProblem(str(path), f"cannot be read: {exc}")]


def write_log(frame: pd.DataFrame, path: Path, fmt: str | None = None) -> int:
    """Write decisions (table `decisions`) to PATH as JSON lines, CSV or Parquet (by suffix unless fmt); the file
    appears whole (written beside it, then renamed). Returns the decisions written."""
    path = Path(path)
    fmt = fmt or log_format(path)
    if fmt not in LOG_FORMATS:
        raise ValueError(f"{path}: decisions are written as {', '.join(LOG_FORMATS)}, not {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if fmt == "csv":
            frame.to_csv(tmp, index=False, date_format="%Y-%m-%dT%H:%M:%S.%f%z")
        elif fmt == "parquet":
            frame.to_parquet(tmp, index=False)
        else:
            decisions = [Decision.from_record(r) for r in frame.to_dict("records")]
            tmp.write_text(
                "".join(json.dumps(d.as_record(), ensure_ascii=False, sort_keys=True) + "\n" for d in decisions),
                encoding="utf-8",
            )
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(frame)


def export_decisions(root: Path, path: Path, fmt: str | None = None) -> int:
    """Write the decision log to PATH for another team (.csv, .parquet, else JSON lines); returns the decisions
    written."""
    return write_log(load_decisions(root), path, fmt)


def import_log(root: Path, path: Path) -> ImportResult:
    """Add the decisions of an exported log (JSONL, CSV or Parquet) that this store lacks (by decision_id).

    Lines that cannot be used are returned with file, line and reason; the others are imported. Raises
    FileNotFoundError, or ValueError naming the file, when the file cannot be read at all."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such decisions file")
    known = set(load_decisions(root)["decision_id"].astype(str))
    decisions, problems = read_log(path, _store_reports_by_id(Path(root)))
    new = [d for d in decisions if d.decision_id not in known]
    if new:
        _append(Path(root) / DECISIONS_PATH, new)
    return ImportResult(len(new), len(decisions) - len(new), tuple(problems))


def import_decisions(root: Path, path: Path) -> int:
    """Add the decisions of an exported log that this store lacks (by decision_id); returns how many were added.

    Lines that cannot be used are logged with file, line and reason (import_log returns them)."""
    result = import_log(root, path)
    for problem in result.problems:
        log.warning("%s", problem)
    return result.added


# --- applying decisions ---------------------------------------------------------------------------------------------
def _ordered(decisions: pd.DataFrame) -> list[Decision]:
    if decisions is None or decisions.empty:
        return []
    frame = decisions.sort_values(["decided_at", "decision_id"], kind="stable")
    return [Decision.from_record(r) for r in frame.to_dict("records")]


def _typed(field: str, value: str | None) -> object:
    if value is None:
        return pd.NA if columns.COLUMNS[field].dtype != columns.DATE else pd.NaT
    dtype = columns.COLUMNS[field].dtype
    if dtype == columns.INT:
        return int(value)
    if dtype == columns.DATE:
        return pd.Timestamp(value)
    return value


SINGLE_NUMBER_QUALIFIERS = frozenset({"at_least", "at_most", "approximately"})
"""Qualifiers of one number ("at least 16"): its bounds equal to that number move with a corrected best."""


def consistent_counts(machine: Mapping[str, object], applied: Mapping[str, object], corrected: Iterable[str]) -> dict:
    """count_low, count_best, count_high and qualifier of a corrected report, kept as low <= best <= high.

    Values the analyst corrected stay as they are; the others move as little as needed. An exact count (the
    machine's qualifier `exact`) moves whole with a corrected best (23 -> 25 is 25 / 25 / 25), and so does a bound
    that was the one number of "at least", "at most" or "about" ("at least 16" corrected to 18 is 18 / 18 / -);
    other bounds widen to a corrected value that falls outside them ("between 10 and 15", 10 / 10 / 15, corrected
    to 20 is 10 / 20 / 20). Unless
    corrected too, the qualifier becomes `exact` when low = best = high, and an `exact` one whose bounds now
    differ becomes `range` (or at_least / at_most / approximately when a bound is missing).
    """
    fixed = set(corrected)
    low, best, high = (None if _blank(applied.get(c)) else int(applied.get(c)) for c in COUNTS)
    qualifier = applied.get("qualifier")
    if "count_best" in fixed and best is not None:
        whole = machine.get("qualifier") == "exact" and "qualifier" not in fixed
        # "at least 16", "at most 30", "about 40": a bound that was the machine's one number is that number, and
        # moves with it ("at least 16" corrected to 18 is at least 18, not 16-18)
        single = machine.get("qualifier") in SINGLE_NUMBER_QUALIFIERS and "qualifier" not in fixed
        was = None if _blank(machine.get("count_best")) else int(machine.get("count_best"))
        if "count_low" not in fixed and low is not None and (whole or low > best or (single and low == was)):
            low = best
        if "count_high" not in fixed and high is not None and (whole or high < best or (single and high == was)):
            high = best
    if "count_low" in fixed and low is not None:
        if "count_best" not in fixed and best is not None and best < low:
            best = low
        if "count_high" not in fixed and high is not None and high < low:
            high = low
    if "count_high" in fixed and high is not None:
        if "count_best" not in fixed and best is not None and best > high:
            best = high
        if "count_low" not in fixed and low is not None and low > high:
            low = high
    if "qualifier" not in fixed and best is not None:
        if low is not None and low == best == high:
            qualifier = "exact"
        elif qualifier == "exact":
            bounds = (low is not None, high is not None)
            qualifier = {(True, True): "range", (True, False): "at_least", (False, True): "at_most"}.get(
                bounds, "approximately"
            )
    return {"count_low": low, "count_best": best, "count_high": high, "qualifier": qualifier}


def apply_decisions(reports: pd.DataFrame, decisions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the report decisions on top of machine reports.

    Returns (reports with `review_status` and `match_key` and the corrections applied, orphans). Rejected
    reports are kept, flagged `rejected`: callers filter them (drop_rejected). Decisions are applied oldest
    first; a later accept or correction of a rejected report takes it back. A corrected count keeps
    count_low <= count_best <= count_high (consistent_counts). Orphans are the decisions (of any action) that
    no longer find their report(s) in these reports.
    """
    out = reports.assign(match_key=match_keys(reports), review_status="unreviewed")
    out["review_status"] = out["review_status"].astype("string")
    finder = _Finder(out)
    corrected: dict[object, set[str]] = defaultdict(set)
    orphans = []
    for d in _ordered(decisions):
        groups = _key_groups(d.match_key)
        if d.action in EVENT_ACTIONS:
            found = [finder.find_all(g) for g in groups]
            enough = 2 if d.action == "merge_events" else 1
            if sum(bool(f) for f in found) < enough:
                orphans.append(d)
            continue
        label = finder.find(groups[0][0])
        if label is None:
            orphans.append(d)
            continue
        if d.action == "reject":
            out.at[label, "review_status"] = "rejected"
            continue
        if d.action == "correct":
            if d.field in DATES:
                try:
                    _check_period(out.loc[label], d.field, d.value)
                except ValueError:  # no longer valid on this report: skipped and reported, as orphans are
                    orphans.append(d)
                    continue
            out.at[label, d.field] = _typed(d.field, d.value)
            corrected[label].add(d.field)
        out.at[label, "review_status"] = "corrected" if label in corrected else "accepted"
    for label, names in corrected.items():
        if names & set(COUNTS) and set(COUNTS) <= set(out.columns):
            fixed = consistent_counts(reports.loc[label], out.loc[label], names)
            for name, value in fixed.items():
                out.at[label, name] = pd.NA if value is None else value
    return out, _frame(orphans)


def apply_event_decisions(reports: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """Apply merge and split decisions to reports that carry `event_id` (after consolidate), oldest first.

    A merge names each of its events by their reports: each is now the event holding most of those
    reports; all of those events become one, with the id of the first. A split moves its reports into a new
    event, 'ev-' + hash of the decision id."""
    if "event_id" not in reports.columns:
        raise ValueError("reports frame lacks an event_id column: run events.consolidate first")
    out = reports.copy()
    out["event_id"] = out["event_id"].astype("string")
    finder = _Finder(out)
    for d in _ordered(decisions):
        if d.action not in EVENT_ACTIONS:
            continue
        groups = [finder.find_all(g) for g in _key_groups(d.match_key)]
        if d.action == "split_event":
            labels = groups[0]
            if labels:
                out.loc[labels, "event_id"] = EVENT_ID_PREFIX + hashlib.sha1(d.decision_id.encode()).hexdigest()[:12]
            continue
        merged = [_majority_event(out, g) for g in groups if g]
        merged = [e for e in dict.fromkeys(merged) if e is not None]
        if len(merged) >= 2:
            out.loc[out["event_id"].isin(merged), "event_id"] = merged[0]
    return out


def _majority_event(reports: pd.DataFrame, labels: list[object]) -> str | None:
    """The event now holding most of these reports (ties: the first report's)."""
    ids = reports.loc[labels, "event_id"].dropna().astype(str).tolist()
    return max(dict.fromkeys(ids), key=ids.count) if ids else None


def _status(reports: pd.DataFrame) -> pd.Series:
    if "review_status" not in reports.columns:
        raise ValueError("reports frame lacks a review_status column: run review.apply_decisions first")
    return reports["review_status"].fillna("unreviewed")


def drop_rejected(reports: pd.DataFrame) -> pd.DataFrame:
    """The reports analysts have not rejected (for every chart, table and download)."""
    return reports[(_status(reports) != "rejected").to_numpy()]


def reviewed_only(reports: pd.DataFrame) -> pd.DataFrame:
    """The reports an analyst accepted or corrected."""
    return reports[_status(reports).isin(REVIEWED).to_numpy()]


def reviewed_tables(
    reports: pd.DataFrame,
    articles: pd.DataFrame,
    decisions: pd.DataFrame,
    *,
    only_reviewed: bool = False,
    reconsolidate: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Machine reports with every decision applied: (reports, events, orphans).

    Reports carry `review_status` (rejected ones kept, flagged, with no event); events are consolidated
    from the corrected, non-rejected reports (only accepted or corrected ones with only_reviewed), merges
    and splits applied, and reconciled. Existing `event_id`s of the reports are kept where their event
    still exists. With reconsolidate=False the reports' stored `event_id`s are used as they are (faster
    on a large store; corrections then do not regroup reports).
    """
    if not reconsolidate and "event_id" not in reports.columns:
        raise ValueError("reconsolidate=False needs reports with an event_id column")
    reviewed, orphans = apply_decisions(reports, decisions)
    kept = drop_rejected(reviewed)
    if only_reviewed:
        kept = reviewed_only(kept)
    if reconsolidate:
        kept, _ = consolidate(kept, articles)
    kept = apply_event_decisions(kept, decisions)
    events = build_events(kept, articles)
    ids = kept[["report_id", "event_id"]]
    reviewed = reviewed.drop(columns=["event_id"], errors="ignore").merge(
        ids, on="report_id", how="left", validate="one_to_one"
    )
    reviewed.index = reports.index
    return reviewed, events, orphans


# --- orphans, and the review over a store ---------------------------------------------------------------------------
def named_articles(decisions: pd.DataFrame) -> list[str]:
    """The article ids the decisions' match keys name (the only articles whose reports they can touch)."""
    ids: set[str] = set()
    for text in decisions["match_key"].dropna().astype(str):
        for group in text.split(GROUP_SEP):
            ids.update(unquote(key.split("|", 1)[0]) for key in group.split(KEY_SEP) if key)
    return sorted(ids)


def _missing_reason(key: _Key, outcomes: Mapping[str, set[str]], stored: set[str] | None) -> str:
    """Why no report answers a match key, in words."""
    article = unquote(key.article)
    if stored is not None and article not in stored:
        return f"article {article} is no longer in the store"
    if key.article not in outcomes:
        return f"the engine finds no casualty figure in article {article} now"
    if key.outcome not in outcomes[key.article]:
        return f"the engine finds no {key.outcome} figure in article {article} now"
    where = f" at characters {key.span[0]}-{key.span[1]}" if key.span else ""
    return f"no {key.outcome} figure of article {article}{where} or in the same sentence"


def _orphan_reason(
    decision: Decision, finder: _Finder, outcomes: Mapping[str, set[str]], stored: set[str] | None
) -> str:
    groups = _key_groups(decision.match_key)
    if decision.action in REPORT_ACTIONS:
        if decision.action == "correct" and finder.find(groups[0][0]) is not None:
            return (f"the correction no longer validates: {decision.field} {decision.value} "
                    "puts start_date after end_date")
        return _missing_reason(groups[0][0], outcomes, stored)
    lost = [g for g in groups if not finder.find_all(g)]  # events (or the split's reports) none of which is found
    why = "; ".join(dict.fromkeys(_missing_reason(g[0], outcomes, stored) for g in lost if g)) or "its reports moved"
    if decision.action == "merge_events":
        return f"only {len(groups) - len(lost)} of the {len(groups)} merged events still has reports ({why})"
    return f"none of its {len(groups[0])} reports is found ({why})"


def orphans_with_reasons(
    reports: pd.DataFrame, decisions: pd.DataFrame, stored_articles: set[str] | None = None
) -> pd.DataFrame:
    """The decisions that no longer find their report(s) in `reports`, with `orphan_reason` saying why.

    `reports` must hold every report of the articles the decisions name; `stored_articles`, when given, the ids
    of the articles in the store (to tell a deleted article from one the engine now reads differently)."""
    _, orphans = apply_decisions(reports, decisions)
    if orphans.empty:
        return columns.empty_frame("decisions", ("orphan_reason",))
    finder = _Finder(reports.assign(match_key=match_keys(reports)))
    outcomes: dict[str, set[str]] = defaultdict(set)
    for article, outcome in finder.by_article:
        outcomes[article].add(outcome)
    reasons = [_orphan_reason(d, finder, outcomes, stored_articles) for d in _ordered(orphans)]
    ordered = orphans.sort_values(["decided_at", "decision_id"], kind="stable").reset_index(drop=True)
    return columns.validate(ordered.assign(orphan_reason=reasons), "decisions", ("orphan_reason",))


def describe_orphan(orphan: Mapping[str, object]) -> str:
    """One orphaned decision in words: id, action, what it named, why it is orphaned, and the analyst's reason."""
    named = orphan.get("report_id") or orphan.get("event_ids") or ""
    rationale = orphan.get("rationale")
    because = "" if _blank(rationale) else f' (decided by {orphan.get("reviewer")}: "{rationale}")'
    return f"{orphan['decision_id']} {orphan['action']} {named}: {orphan['orphan_reason']}{because}"


def store_reports(store: Store, article_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The machine's reports in a store (of some articles only, if given) with their stored `event_id`."""
    if article_ids is None:
        reports = store.read("reports")
    else:
        reports = store.read("reports", where="article_id IN (SELECT unnest(?::VARCHAR[]))", params=[list(article_ids)])
    links = store.read("report_events", columns=["report_id", "event_id"]).drop_duplicates("report_id")
    if links.empty and "event_id" in reports.columns:  # event ids stored with the reports themselves
        return reports
    reports = reports.drop(columns=["event_id"], errors="ignore")
    return reports.merge(links, on="report_id", how="left", validate="one_to_one")


def store_orphans(store: Store, decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The decisions of a store's log (or the ones given) that no longer find their report, with the reason."""
    decisions = load_decisions(store.root) if decisions is None else decisions
    if decisions.empty:
        return columns.empty_frame("decisions", ("orphan_reason",))
    articles = named_articles(decisions)
    return orphans_with_reasons(store_reports(store, articles), decisions, store.known_article_ids())


def store_tables(
    store: Store, *, only_reviewed: bool = False, decisions: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """reviewed_tables over a whole store: (reports, events, orphans) with the store's log applied."""
    decisions = load_decisions(store.root) if decisions is None else decisions
    articles = store.read("articles", columns=["article_id", "title", "url", "source", "published"])
    return reviewed_tables(store_reports(store), articles, decisions, only_reviewed=only_reviewed)
