"""Review decisions made in the dashboard: pure builders from the grid's selection, the decision log as rows.

The page's callbacks only gather the inputs (selected report ids, reviewer, reason, field, value), call
`decide`, and write the decision with `etl.review.record`; `DataSource` applies the log on its next query.
Importing another team's log goes through `import_file`, which also says which lines were skipped and why.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import review

ACTIONS = ("accept", "reject", "correct", "merge", "split")
"""Buttons of the review panel (merge and split act on events)."""
REASON_REQUIRED = {"reject": "rejection", "correct": "correction", "merge": "merge", "split": "split"}
"""Actions that must say why, and their nouns (an accept need not: the report is right as read)."""
LOG_COLUMNS = ("decided_at", "reviewer", "action", "report_id", "event_ids", "field", "value", "rationale")
APPLIED, ORPHANED = "applied", "no report"
"""The `status` of a logged decision: it finds its report(s), or it no longer does (an orphan)."""
SKIPPED_SHOWN = 3
"""How many skipped lines of an imported log the message names."""


class MissingReason(ValueError):
    """A decision that must say why was given no reason."""


def decide(action: str, reports: pd.DataFrame, selected: Sequence[str], reviewer: str | None,
           reason: str | None = None, field: str | None = None, value: str | None = None) -> review.Decision:
    """The decision a review button makes for the selected reports (checked: raises ValueError with a reason).

    `reports` holds the selected reports and every report of their events, with the machine's values
    (DataSource.review_reports). accept/reject/correct act on one selected report, merge joins the events
    of two or more selected reports, split moves the selected reports out of their event.
    """
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ValueError("Sign in first: every decision records the analyst who made it.")
    if action not in ACTIONS:
        raise ValueError(f"Unknown review action {action!r}.")
    selected = list(dict.fromkeys(str(s) for s in selected if s))
    if not selected:
        raise ValueError("Select a report in the table first.")
    reason = (reason or "").strip() or None
    if reason is None and action in REASON_REQUIRED:
        raise MissingReason(f"Say why: a {REASON_REQUIRED[action]} is recorded with its reason "
                            "(only Accept may go without one).")
    first = selected[0]
    if action in ("accept", "reject", "correct") and len(selected) != 1:
        raise ValueError(f"{action.capitalize()} acts on one report: select just one.")
    if action == "accept":
        decision = review.accept(reports, first, reviewer, reason)
    elif action == "reject":
        decision = review.reject(reports, first, reviewer, reason)
    elif action == "correct":
        if field not in review.CORRECTABLE:
            raise ValueError("Choose the field to correct.")
        decision = review.correct(reports, first, field, value, reviewer, reason)
    elif action == "merge":
        events = reports.loc[reports["report_id"].isin(selected), "event_id"].dropna().astype(str).unique().tolist()
        if len(events) < 2:
            raise ValueError("Merge needs reports of at least two different events selected.")
        decision = review.merge_events(reports, events, reviewer, reason)
    else:
        decision = review.split_event(reports, selected, reviewer, reason)
    return review.checked(decision)


def log_rows(decisions: pd.DataFrame, orphans: Collection[str] = ()) -> list[dict[str, object]]:
    """The decision log, newest first, as JSON-ready rows for the decisions table; `status` says whether
    each decision still finds its report(s) (ORPHANED for the decision ids in `orphans`)."""
    if decisions.empty:
        return []
    frame = decisions.sort_values("decided_at", ascending=False)
    status = frame["decision_id"].astype(str).isin(set(orphans)).map({True: ORPHANED, False: APPLIED})
    frame = frame[[*LOG_COLUMNS, "decision_id"]].assign(status=status.to_numpy())
    frame["decided_at"] = frame["decided_at"].dt.strftime("%Y-%m-%d %H:%M:%S UTC")
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


def orphans_line(orphans: int) -> str:
    """What the Decisions tab says about decisions that no longer find their report ('' when none)."""
    if not orphans:
        return ""
    verb = "decision no longer finds its report" if orphans == 1 else "decisions no longer find their report"
    return (f"{orphans:,} {verb} (status “{ORPHANED}”): the article changed or the engine no longer reads the "
            "figure. Review those reports again.")


def skipped_lines(problems: Sequence[review.LogProblem]) -> list[str]:
    """What the Decisions tab says about lines of the log that are skipped (they do not validate), first few named."""
    if not problems:
        return []
    n = len(problems)
    lines = [f"{n:,} line{'s' if n != 1 else ''} of the decision log {'are' if n != 1 else 'is'} skipped: "
             f"{'they do' if n != 1 else 'it does'} not validate (python -m etl orphans lists them)."]
    for problem in problems[:SKIPPED_SHOWN]:
        _, _, line = problem.where.rpartition(":")
        lines.append(f"line {line}: {problem.reason.removeprefix('decision skipped: ')}")
    if n > SKIPPED_SHOWN:
        lines.append(f"… and {n - SKIPPED_SHOWN:,} more.")
    return lines


def describe(decision: review.Decision) -> str:
    """A one-line confirmation of a recorded decision."""
    what = {"accept": "accepted", "reject": "rejected (not a casualty figure)", "correct": "corrected",
            "merge_events": "merged", "split_event": "split off"}[decision.action]
    target = decision.report_id or decision.event_ids or ""
    extra = f": {decision.field} = {decision.value}" if decision.action == "correct" else ""
    undo = (" To take it back: switch on “Show rejected reports”, tick the report and Accept or Correct it."
            if decision.action == "reject" else "")
    return f"{target} {what}{extra} by {decision.reviewer}.{undo}"


@dataclass(frozen=True)
class ImportSummary:
    """What importing a decisions file did: decisions added, and the lines skipped as (line, reason)."""

    added: int
    skipped: tuple[tuple[int, str], ...] = ()


def import_file(root: Path, path: Path) -> ImportSummary:
    """Import a decisions file into the store's log (etl.review.import_log) and say which of its lines were
    skipped, and why. Raises what import_log raises for a file it cannot read at all."""
    result = review.import_log(root, Path(path))
    skipped = []
    for problem in result.problems:
        _, _, line = problem.where.rpartition(":")
        if line.isdigit():
            skipped.append((int(line), problem.reason.removesuffix("; skipped")))
    return ImportSummary(result.added, tuple(sorted(skipped)))


def import_message(name: str, summary: ImportSummary) -> tuple[list[str], str]:
    """The lines telling the analyst what an import did, and a Bootstrap colour for them."""
    added = summary.added
    head = f"{name}: {added:,} new decision{'s' if added != 1 else ''} imported"
    skipped = summary.skipped
    if not skipped:
        return [head + ("." if added else " (nothing new: every decision in it is already in the log).")], (
            "success" if added else "secondary")
    n = len(skipped)
    lines = [f"{head}; {n:,} line{'s' if n != 1 else ''} skipped:"]
    lines += [f"line {line}: {reason}" for line, reason in skipped[:SKIPPED_SHOWN]]
    if n > SKIPPED_SHOWN:
        lines.append(f"… and {n - SKIPPED_SHOWN:,} more.")
    return lines, "warning" if added else "danger"
