"""`python -m etl`: a thin command line over the library (extract, ingest, reextract, export, status, columns,
import-decisions, orphans)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import columns

REVIEWED_TABLES = ("reports", "events")
"""Tables `export` writes with the analysts' decisions applied (unless --machine)."""

DESCRIPTION = """Casualty figures from news text.

Inputs (for extract and ingest): JSONL or CSV corpora (id, text, optional title, published, url, source),
.txt files, .html pages, RSS/Atom feeds, folders (read recursively) and http(s) URLs of pages or feeds.
Every input that cannot be read is listed with the reason; the run goes on with the rest and exits 1."""


def _store(args: argparse.Namespace):
    from .store import Store

    return Store(args.store)


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract_paths

    frames, summary = extract_paths(args.paths, progress=not args.quiet)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in as_documents(frames).items():
        frame.to_csv(out / f"{name}.csv", index=False, date_format="%Y-%m-%d")
    _report(summary.line(), summary.error_lines, args.quiet)
    print(f"wrote {', '.join(f'{n}.csv' for n in frames)} to {out}", file=sys.stderr)
    return 1 if summary.errors else 0


def as_documents(frames: dict) -> dict:
    """Frames keyed by the inputs' own ids, as GUIDELINES.md defines article_id for CSV output.

    In the store `article_id` is the content hash; in extract's CSV files it is the document's own id and
    the hash is kept as `content_id`."""
    ids = frames["articles"].set_index("article_id")["source_id"]
    out = {}
    for name, frame in frames.items():
        if "article_id" in frame.columns:
            frame = frame.assign(content_id=frame["article_id"], article_id=frame["article_id"].map(ids))
        out[name] = frame
    return out


def _counts(store) -> dict[str, int]:
    """Rows per table, the decisions counted in the store's decision log (review/decisions.jsonl)."""
    from .review import load_decisions

    return {**store.tables(), "decisions": len(load_decisions(store.root))}


def cmd_ingest(args: argparse.Namespace) -> int:
    from .pipeline import ingest_paths

    store = _store(args)
    summary = ingest_paths(args.paths, store, progress=not args.quiet, batch_size=args.batch_size)
    _report(summary["line"], summary["error_lines"], args.quiet)
    print(f"store: {store.root} ({', '.join(f'{k} {v}' for k, v in _counts(store).items())})", file=sys.stderr)
    return 1 if summary["errors"] else 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from .pipeline import reextract

    store = _store(args)
    if store.is_empty():
        print(f"store: {store.root} holds no articles; nothing to re-extract", file=sys.stderr)
        return 0
    summary = reextract(store, progress=not args.quiet)
    _report(summary.line(), summary.error_lines, args.quiet)
    for line in summary.decision_lines():
        print(line)
    if len(summary.orphans):
        print("redo them on the new reports, or see them again with: python -m etl orphans")
    return 1 if summary.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from . import review
    from .store import STAMPS, StoreError, export_frame

    store = _store(args)
    reviewed = args.table in REVIEWED_TABLES and not args.machine
    if args.reviewed_only and args.table not in REVIEWED_TABLES:
        print(f"error: --reviewed-only applies to {' and '.join(REVIEWED_TABLES)}, not {args.table}", file=sys.stderr)
        return 2
    if args.format == "jsonl" and args.table != "decisions":
        print(f"error: {args.table} is exported as csv or parquet; jsonl is for decisions", file=sys.stderr)
        return 2
    try:
        if args.table == "decisions":
            rows = review.export_decisions(store.root, args.path, args.format)
        elif reviewed:
            reports, events, orphans = review.store_tables(store, only_reviewed=args.reviewed_only)
            if args.table == "reports":
                reports = review.drop_rejected(reports)
                # how many reports each event has (a report without one is alone), as the dashboard's downloads say
                event = reports["event_id"].fillna(reports["report_id"])
                reports = reports.assign(n_reports=reports.groupby(event)["report_id"].transform("size"))
                if args.reviewed_only:
                    reports = review.reviewed_only(reports)
                extra = ("event_id", "n_reports", "review_status", *(c for c in STAMPS if c in reports.columns))
                rows = export_frame(reports, "reports", args.path, args.format, extra)
            else:
                rows = export_frame(events, "events", args.path, args.format)
            if len(orphans):
                print(f"note: {len(orphans)} review decisions no longer find their report (python -m etl orphans)",
                      file=sys.stderr)
        else:
            rows = store.export(args.table, args.path, args.format)
    except (StoreError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    view = "machine output" if args.table in REVIEWED_TABLES and args.machine else (
        "reviewed figures only" if args.reviewed_only else "decisions applied" if reviewed else "")
    print(f"wrote {rows} rows of {args.table}{f' ({view})' if view else ''} to {args.path}", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .review import DECISIONS_PATH, load_decisions, store_orphans

    store = _store(args)
    print(f"store: {store.root}")
    for table, rows in store.tables().items():
        if table != "decisions":
            print(f"  {table:14s} {rows:>10,d} rows")
    decisions = load_decisions(store.root)
    orphans = store_orphans(store, decisions) if len(decisions) else decisions
    note = f" ({store.root / DECISIONS_PATH})"
    if len(orphans):
        note = f" ({len(orphans)} orphaned: no longer find their report; python -m etl orphans)"
    print(f"  {'decisions':14s} {len(decisions):>10,d} rows{note}")
    return 0


def cmd_import_decisions(args: argparse.Namespace) -> int:
    from .review import import_log, load_decisions, store_orphans

    store = _store(args)
    added = duplicates = bad = 0
    for name in args.paths:
        try:
            result = import_log(store.root, Path(name))
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            bad += 1
            continue
        for problem in result.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{name}: {result.added} decisions added, {result.duplicates} already in the log, "
              f"{len(result.problems)} lines skipped", file=sys.stderr)
        added, duplicates, bad = added + result.added, duplicates + result.duplicates, bad + len(result.problems)
    orphans = store_orphans(store, load_decisions(store.root))
    print(f"imported {added} decisions ({duplicates} duplicates skipped, {bad} errors) into "
          f"{store.root}; {len(orphans)} decisions in the log find no report (python -m etl orphans)")
    return 1 if bad else 0


def cmd_orphans(args: argparse.Namespace) -> int:
    from .review import describe_orphan, store_orphans
    from .store import StoreError, export_frame

    store = _store(args)
    orphans = store_orphans(store)
    for row in orphans.to_dict("records"):
        print(describe_orphan(row))
    print(f"{len(orphans)} review decisions no longer find their report in {store.root}", file=sys.stderr)
    if args.out:
        try:
            export_frame(orphans, "decisions", args.out, extra=("orphan_reason",))
        except (StoreError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(orphans)} rows to {args.out}", file=sys.stderr)
    return 0


def cmd_columns(args: argparse.Namespace) -> int:
    tables = [args.table] if args.table else list(columns.TABLES)
    for table in tables:
        print(f"\n{table}")
        for row in columns.describe(table).itertuples():
            print(f"  {row.column:20s} {row.dtype:22s} {row.meaning}")
    return 0


def _report(line: str, error_lines: list[str], quiet: bool) -> None:
    for err in error_lines[:50]:
        print(f"error: {err}", file=sys.stderr)
    if len(error_lines) > 50:
        print(f"... and {len(error_lines) - 50} more errors (see errors.csv or the errors table)", file=sys.stderr)
    print(line, file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etl", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--store", help="store folder (default: $CASUALTY_STORE or data/)")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser(
        "extract",
        help="extract reports from inputs into CSV files; touches no store",
        description="Read the inputs and write articles, figures, reports, notes, events and errors "
        "as CSV files to --out. The store is not touched.",
    )
    e.add_argument("paths", nargs="+", help="files, folders or URLs")
    e.add_argument("--out", required=True, help="folder for the CSV files")
    e.add_argument("--quiet", action="store_true", help="no progress bars")
    e.set_defaults(func=cmd_extract)

    i = sub.add_parser(
        "ingest",
        help="extract from inputs and add what is new to the store",
        description="Read the inputs and add new articles with their figures, reports and notes to "
        "the store in atomic batches. Articles already stored are skipped; a killed run "
        "keeps every finished batch and a rerun completes the rest.",
    )
    i.add_argument("paths", nargs="+", help="files, folders or URLs")
    i.add_argument("--batch-size", type=int, default=500, help="articles per stored batch (default 500)")
    i.add_argument("--quiet", action="store_true", help="no progress bars")
    i.set_defaults(func=cmd_ingest)

    r = sub.add_parser(
        "reextract",
        help="run the current engine again over every stored article",
        description="Extract figures, reports and notes again from the text of every article in the store "
        "(say, after a better release of the engine), consolidate events again (keeping their ids where "
        "their reports remain) and swap the store's machine output for the new one in one step: a run "
        "killed midway leaves the old output whole. Articles, read errors and the review decision log "
        "are kept as they are. The summary says how many decisions still apply and lists those that no "
        "longer find their report (id, action, reason). Exits 1 when an article could not be extracted.",
    )
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.set_defaults(func=cmd_reextract)

    x = sub.add_parser(
        "export",
        help="write a stored table as CSV or Parquet (reports and events with the review applied)",
        description="Write one table of the store to a file; the format follows the suffix "
        "(.csv or .parquet; .jsonl too for decisions) unless --format is given. reports and events "
        "are the reviewed view: analysts' decisions applied, rejected reports left out, reports with "
        "event_id and review_status, events reconciled again after merges, splits and corrections. "
        "decisions is the review decision log (review/decisions.jsonl), as the dashboard exports it.",
    )
    x.add_argument("table", choices=sorted(columns.TABLES), help="table to export")
    x.add_argument("path", help="output file")
    x.add_argument("--format", choices=["csv", "parquet", "jsonl"],
                   help="output format (default: from the suffix; jsonl for decisions only)")
    view = x.add_mutually_exclusive_group()
    view.add_argument("--machine", action="store_true",
                      help="reports and events as the engine wrote them, without the review decisions")
    view.add_argument("--reviewed-only", action="store_true",
                      help="reports and events of reviewed figures only (accepted or corrected)")
    x.set_defaults(func=cmd_export)

    s = sub.add_parser(
        "status",
        help="row counts of the store's tables and of its review decisions",
        description="Print the store's folder and the row counts of each of its tables, and the number "
        "of review decisions in its log with how many are orphaned (no longer find their report).",
    )
    s.set_defaults(func=cmd_status)

    m = sub.add_parser(
        "import-decisions",
        help="add the decisions of exported decision logs (JSONL, CSV or Parquet) to the store's log",
        description="Add the review decisions of one or more decision logs, as `export decisions` or the "
        "dashboard write them (JSON lines, or CSV / Parquet by the suffix), to the store's log. Duplicates "
        "(decisions already in the log, by decision_id) are skipped. A line that cannot be used is reported with its "
        "file, line number and reason and the rest is imported; the exit code is then 1.",
    )
    m.add_argument("paths", nargs="+", help="decision log files (.jsonl, .csv or .parquet)")
    m.set_defaults(func=cmd_import_decisions)

    o = sub.add_parser(
        "orphans",
        help="list the review decisions that no longer find their report",
        description="List the review decisions of the store's log that no longer find their report (or "
        "the reports of their events) in the machine output, typically after a re-extraction: id, "
        "action, the report or events it named, and why it no longer applies.",
    )
    o.add_argument("--out", help="also write them to a file (.csv or .parquet) with an orphan_reason column")
    o.set_defaults(func=cmd_orphans)

    c = sub.add_parser(
        "columns",
        help="the column registry: every column, its type and meaning",
        description="Print the column registry: every column of every table (or of one table), its type and meaning.",
    )
    c.add_argument("table", nargs="?", choices=sorted(columns.TABLES))
    c.set_defaults(func=cmd_columns)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    for name, action in p._subparsers._group_actions[0].choices.items():  # --store after the command too
        action.add_argument(
            "--store", default=argparse.SUPPRESS, help="store folder (default: $CASUALTY_STORE or data/)"
        )
        if name in ("extract", "ingest", "reextract"):
            action.add_argument(
                "--article-budget",
                type=float,
                metavar="SECONDS",
                help="time budget of one article's extraction (default: $CASUALTY_ARTICLE_BUDGET or settings.csv)",
            )
    args = p.parse_args(argv)
    if getattr(args, "article_budget", None) is not None:
        os.environ["CASUALTY_ARTICLE_BUDGET"] = str(args.article_budget)  # read by extract_frames, here and in workers
    return args.func(args)
