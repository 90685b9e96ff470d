"""`python -m etl`: a thin command line over the library (extract, ingest, export, status, columns)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import columns

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


def cmd_ingest(args: argparse.Namespace) -> int:
    from .pipeline import ingest_paths

    store = _store(args)
    summary = ingest_paths(args.paths, store, progress=not args.quiet, batch_size=args.batch_size)
    _report(summary["line"], summary["error_lines"], args.quiet)
    print(f"store: {store.root} ({', '.join(f'{k} {v}' for k, v in store.tables().items())})", file=sys.stderr)
    return 1 if summary["errors"] else 0


def cmd_export(args: argparse.Namespace) -> int:
    store = _store(args)
    rows = store.export(args.table, args.path, args.format)
    print(f"wrote {rows} rows of {args.table} to {args.path}", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    store = _store(args)
    print(f"store: {store.root}")
    for table, rows in store.tables().items():
        print(f"  {table:10s} {rows:>10,d} rows")
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

    x = sub.add_parser(
        "export",
        help="write a stored table as CSV or Parquet",
        description="Write one table of the store to a file; the format follows the suffix "
        "(.csv or .parquet) unless --format is given.",
    )
    x.add_argument("table", choices=sorted(columns.TABLES), help="table to export")
    x.add_argument("path", help="output file")
    x.add_argument("--format", choices=["csv", "parquet"], help="output format (default: from the suffix)")
    x.set_defaults(func=cmd_export)

    s = sub.add_parser(
        "status",
        help="row counts of the store's tables",
        description="Print the store's folder and the row counts of each of its tables.",
    )
    s.set_defaults(func=cmd_status)

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
    for action in p._subparsers._group_actions[0].choices.values():  # --store after the command too
        action.add_argument(
            "--store", default=argparse.SUPPRESS, help="store folder (default: $CASUALTY_STORE or data/)"
        )
    args = p.parse_args(argv)
    return args.func(args)
