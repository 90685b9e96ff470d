"""`python -m etl`: a thin command line over the library (extract, ingest, reextract, export, status, columns,
rules, import-decisions, orphans, users)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import columns

DASK_HELP = (
    "run on Dask: local:N starts a LocalCluster of N worker processes on 127.0.0.1; tcp://HOST:8786 "
    "uses a running scheduler (default: $DASK_SCHEDULER_ADDRESS if set, else one process)"
)
REVIEWED_TABLES = ("reports", "events")
"""Tables `export` writes with the analysts' decisions applied (unless --machine)."""

DESCRIPTION = """Casualty figures from news text.

Inputs (for extract and ingest): JSONL or CSV corpora (id, text, optional title, published, url, source),
.txt files, .html pages, RSS/Atom feeds, folders (read recursively) and http(s) URLs of pages or feeds.
Every input that cannot be read is listed with the reason; the run goes on with the rest and exits 1."""


def _store(args: argparse.Namespace):
    from .store import open_store

    return open_store(args.store)


class MissingStore(Exception):
    """A command that reads a store was pointed at a folder that does not exist."""


def _existing_store(args: argparse.Namespace):
    """The store of a command that reads one: its folder must exist (a typo is an error, not an empty store)."""
    store = _store(args)
    if not store.location().startswith("s3://") and not store.root.is_dir():
        raise MissingStore(f"error: no store at {store.root} (no such folder; check --store or $CASUALTY_STORE)")
    return store


def _log_problem_lines(root) -> list[str]:
    """The decision log's skipped lines (not JSON, or decisions that no longer validate), as lines to print."""
    from .review import log_problems

    return [f"not applied: {problem}" for problem in log_problems(root)]


def cmd_extract(args: argparse.Namespace) -> int:
    from .engine import rules
    from .pipeline import extract_paths

    try:  # rules switched off: --disable-rule, on top of $ETL_DISABLE_RULES
        off = rules.parse_ids(args.disable_rule)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with rules.disabled(off):
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


def _dask_target(args: argparse.Namespace) -> str | None:
    """The cluster `--dask` (or $DASK_SCHEDULER_ADDRESS) names; ValueError naming a malformed value."""
    from .distributed import parse_target

    return parse_target(args.dask)


def cmd_ingest(args: argparse.Namespace) -> int:
    from .pipeline import ingest_paths

    store = _store(args)
    if args.events_only or not args.paths:
        if not args.events_only:
            print("error: give inputs to ingest, or --events-only", file=sys.stderr)
            return 2
        from .events_incremental import sync_events

        result = sync_events(store)
        print(
            f"events: {result.mode} ({result.new_reports} new reports, {result.candidate_events} candidate "
            f"events, {result.events} event rows) in {result.seconds:.1f} s",
            file=sys.stderr,
        )
        return 0
    try:
        target = _dask_target(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if target:
        from .distributed import ingest_on_dask

        summary = ingest_on_dask(args.paths, store, target, progress=not args.quiet, records=args.batch_size)
    else:
        summary = ingest_paths(args.paths, store, progress=not args.quiet, batch_size=args.batch_size)
    _report(summary["line"], summary["error_lines"], args.quiet)
    if summary.get("phases"):
        print("phases (s): " + ", ".join(f"{k} {v}" for k, v in summary["phases"].items()), file=sys.stderr)
    print(f"store: {store.location()} ({', '.join(f'{k} {v}' for k, v in _counts(store).items())})", file=sys.stderr)
    return 1 if summary["errors"] else 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from .pipeline import reextract

    store = _store(args)
    if store.is_empty():
        print(f"store: {store.root} holds no articles; nothing to re-extract", file=sys.stderr)
        return 0
    try:
        target = _dask_target(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if target:
        from .distributed import client_for

        with client_for(target) as client:
            summary = reextract(store, progress=not args.quiet, client=client)
    else:
        summary = reextract(store, progress=not args.quiet)
    _report(summary.line(), summary.error_lines, args.quiet)
    for line in summary.decision_lines():
        print(line)
    if len(summary.orphans):
        print("redo them on the new reports, or see them again with: python -m etl orphans")
    return 1 if summary.errors else 0


def _csv_guarded(frame, table: str, path: str, fmt: str | None, extra: tuple[str, ...] = ()) -> int:
    """export_frame, with text cells a spreadsheet would run as formulas written as text in CSV output."""
    from .sheets import guard_frame
    from .store import export_frame

    if (fmt or Path(path).suffix.lower().lstrip(".")) == "csv":
        frame = guard_frame(frame)
    return export_frame(frame, table, path, fmt, extra)


def cmd_export(args: argparse.Namespace) -> int:
    from . import review
    from .store import STAMPS, StoreError

    store = _existing_store(args)
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
                rows = _csv_guarded(reports, "reports", args.path, args.format, extra)
            else:
                rows = _csv_guarded(events, "events", args.path, args.format)
            if len(orphans):
                print(
                    f"note: {len(orphans)} review decisions no longer find their report (python -m etl orphans)",
                    file=sys.stderr,
                )
        elif (args.format or Path(args.path).suffix.lower().lstrip(".")) == "csv":
            frame = store.read(args.table)
            extra = tuple(c for c in frame.columns if c in columns.COLUMNS and c not in columns.TABLES[args.table])
            rows = _csv_guarded(frame, args.table, args.path, "csv", extra)
        else:
            rows = store.export(args.table, args.path, args.format)
        for line in _log_problem_lines(store.root):
            print(line, file=sys.stderr)
    except (StoreError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    view = (
        "machine output"
        if args.table in REVIEWED_TABLES and args.machine
        else ("reviewed figures only" if args.reviewed_only else "decisions applied" if reviewed else "")
    )
    print(f"wrote {rows} rows of {args.table}{f' ({view})' if view else ''} to {args.path}", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .review import DECISIONS_PATH, load_decisions, store_orphans

    store = _existing_store(args)
    print(f"store: {store.location()}")
    for table, rows in store.tables().items():
        if table != "decisions":
            print(f"  {table:14s} {rows:>10,d} rows")
    decisions = load_decisions(store.root)
    orphans = store_orphans(store, decisions) if len(decisions) else decisions
    skipped = _log_problem_lines(store.root)
    notes = [f"{len(orphans)} orphaned: no longer find their report"] if len(orphans) else []
    notes += [f"{len(skipped)} lines skipped: do not validate"] if skipped else []
    note = f" ({'; '.join(notes)}; python -m etl orphans)" if notes else f" ({store.root / DECISIONS_PATH})"
    print(f"  {'decisions':14s} {len(decisions):>10,d} rows{note}")
    coverage = store.events_coverage()
    if coverage.stale:
        print(
            f"  events are stale: {len(coverage.stale)} batches hold reports they do not cover (an ingest was "
            "interrupted); any ingest, or `python -m etl ingest --events-only`, joins them"
        )
    elif coverage.current is None and coverage.batches:
        print("  events: none yet; run `python -m etl ingest --events-only`")
    else:
        print(f"  events are up to date ({len(coverage.covered)} batches covered)")
    return 0


def cmd_import_decisions(args: argparse.Namespace) -> int:
    from .review import import_log, load_decisions, store_orphans

    store = _existing_store(args)
    if store.location().startswith("s3://"):
        print(
            f"error: {store.location()}: the review decision log is kept on a local or shared disk store only "
            "(docs/store.md, Object storage)",
            file=sys.stderr,
        )
        return 2
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
        print(
            f"{name}: {result.added} decisions added, {result.duplicates} already in the log, "
            f"{len(result.problems)} lines skipped",
            file=sys.stderr,
        )
        added, duplicates, bad = added + result.added, duplicates + result.duplicates, bad + len(result.problems)
    orphans = store_orphans(store, load_decisions(store.root))
    print(
        f"imported {added} decisions ({duplicates} duplicates skipped, {bad} errors) into "
        f"{store.root}; {len(orphans)} decisions in the log find no report (python -m etl orphans)"
    )
    return 1 if bad else 0


def cmd_orphans(args: argparse.Namespace) -> int:
    from .review import describe_orphan, store_orphans
    from .store import StoreError, export_frame

    store = _existing_store(args)
    orphans = store_orphans(store)
    for row in orphans.to_dict("records"):
        print(describe_orphan(row))
    skipped = _log_problem_lines(store.root)
    for line in skipped:
        print(line)
    print(
        f"{len(orphans)} review decisions no longer find their report in {store.root}"
        + (f"; {len(skipped)} lines of the log are skipped (they do not validate)" if skipped else ""),
        file=sys.stderr,
    )
    if args.out:
        try:
            export_frame(orphans, "decisions", args.out, extra=("orphan_reason",))
        except (StoreError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(orphans)} rows to {args.out}", file=sys.stderr)
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from . import users

    root = _store(args).root
    try:
        if args.action == "list":
            accounts = users.load_users(root)
            for name, entry in sorted(accounts.items()):
                print(f"{name}\t(since {entry.get('created_at', '?')})")
            print(f"{len(accounts)} analyst accounts in {users.users_path(root)}", file=sys.stderr)
            return 0
        if not args.name:
            print(f"error: users {args.action} needs a NAME", file=sys.stderr)
            return 2
        if args.action == "remove":
            users.remove_user(root, args.name)
            print(f"removed {args.name} from {users.users_path(root)}", file=sys.stderr)
            return 0
        password = _read_password(args.password_stdin)
        users.add_user(root, args.name, password, replace=args.replace)
    except users.UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"{'set the password of' if args.replace else 'added'} {args.name} in {users.users_path(root)} (mode 0600)",
        file=sys.stderr,
    )
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        from .users import UserError

        raise UserError("the two passwords differ")
    return first


def cmd_columns(args: argparse.Namespace) -> int:
    tables = [args.table] if args.table else list(columns.TABLES)
    for table in tables:
        print(f"\n{table}")
        for row in columns.describe(table).itertuples():
            print(f"  {row.column:20s} {row.dtype:22s} {row.meaning}")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from .engine import rules
    from .rulestats import ablate, corpus_articles, rule_stats, select

    try:
        chosen = select(args.rule)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.stats and not args.ablate:
        if args.paths:
            print("error: corpora are read with --stats or --ablate", file=sys.stderr)
            return 2
        if args.markdown:
            print(rules.markdown(), end="")
            return 0
        for rid in chosen:
            rule = rules.RULES[rid]
            print(f"{rule.id}\n    {rule.purpose}\n    e.g. {rule.example!r}")
        return 0
    if not args.paths:
        print("error: --stats and --ablate need at least one corpus", file=sys.stderr)
        return 2
    corpora = {Path(path).name.removesuffix(".jsonl").removesuffix(".docs"): path for path in args.paths}
    articles = {name: corpus_articles([path]) for name, path in corpora.items()}
    for name, frame in articles.items():
        print(f"{name}: {len(frame)} documents ({corpora[name]})")
    if args.stats:  # one row per rule, two columns per corpus
        table = None
        for name, frame in articles.items():
            stats = rule_stats(frame, args.rule)[["rule", "reports", "documents"]]
            stats = stats.rename(columns={"reports": f"{name} reports", "documents": f"{name} docs"})
            table = stats if table is None else table.merge(stats, on="rule", validate="one_to_one")
        print("\nreports that carry each rule, documents it acted on:")
        print(table.to_string(index=False))
    if args.ablate:
        for name, frame in articles.items():
            print(f"\n{name} without each rule (differences from all rules on; a rule that never acted is not rerun):")
            print(ablate(frame, args.rule).to_string(index=False))
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
    e.add_argument(
        "--disable-rule",
        action="append",
        default=[],
        metavar="ID",
        help="switch a named rule off (repeatable, or 'id1,id2'; also $ETL_DISABLE_RULES); python -m etl rules",
    )
    e.set_defaults(func=cmd_extract)

    i = sub.add_parser(
        "ingest",
        help="extract from inputs and add what is new to the store",
        description="Read the inputs and add new articles with their figures, reports and notes to "
        "the store in atomic batches. Articles already stored are skipped; a killed run "
        "keeps every finished batch and a rerun completes the rest.",
    )
    i.add_argument("paths", nargs="*", help="files, folders or URLs")
    i.add_argument(
        "--batch-size",
        type=int,
        default=500,
        help="articles per stored batch (default 500); with --dask, records per partition",
    )
    i.add_argument("--dask", metavar="local:N|tcp://HOST:PORT", help=DASK_HELP)
    i.add_argument(
        "--events-only",
        action="store_true",
        help="read no input: bring the events up to date (repairs an interrupted ingest)",
    )
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
    r.add_argument("--dask", metavar="local:N|tcp://HOST:PORT", help=DASK_HELP)
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
    x.add_argument(
        "--format",
        choices=["csv", "parquet", "jsonl"],
        help="output format (default: from the suffix; jsonl for decisions only)",
    )
    view = x.add_mutually_exclusive_group()
    view.add_argument(
        "--machine",
        action="store_true",
        help="reports and events as the engine wrote them, without the review decisions",
    )
    view.add_argument(
        "--reviewed-only",
        action="store_true",
        help="reports and events of reviewed figures only (accepted or corrected)",
    )
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

    u = sub.add_parser(
        "users",
        help="analyst accounts of the dashboard: add, list, remove",
        description="Manage the analyst accounts that may review figures and upload articles in the dashboard "
        "(ROOT/review/users.json, mode 0600, argon2 password hashes). add asks for the password twice, or "
        "reads one line from standard input with --password-stdin.",
    )
    u.add_argument("action", choices=["add", "list", "remove"])
    u.add_argument("name", nargs="?", help="account name (letters, digits, . _ @ -)")
    u.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    u.add_argument("--replace", action="store_true", help="add: set a new password for an existing account")
    u.set_defaults(func=cmd_users)

    c = sub.add_parser(
        "columns",
        help="the column registry: every column, its type and meaning",
        description="Print the column registry: every column of every table (or of one table), its type and meaning.",
    )
    c.add_argument("table", nargs="?", choices=sorted(columns.TABLES))
    c.set_defaults(func=cmd_columns)

    u = sub.add_parser(
        "rules",
        help="the engine's named rules; how often each acts on corpora; the corpora's figures without each",
        description="List the engine's named rules (id, purpose, example). With --stats, print for each rule "
        "how many reports carry it and on how many documents it acted, per corpus; with --ablate, the corpus's "
        "figures (reports, reports and count_best total per outcome, changed reports) without each rule, as "
        "differences from all rules on. A gold score without a rule: ETL_DISABLE_RULES=ID python "
        "../shared/eval/score.py SET.",
    )
    u.add_argument("paths", nargs="*", help="corpora: anything extract reads (JSONL, CSV, folders, pages...)")
    u.add_argument("--stats", action="store_true", help="how often each rule acts on each corpus")
    u.add_argument("--ablate", action="store_true", help="each corpus's figures without each rule")
    u.add_argument("--rule", action="append", metavar="PATTERN", help="only these rules ('time.*'; repeatable)")
    u.add_argument("--markdown", action="store_true", help="the rules as a Markdown table")
    u.set_defaults(func=cmd_rules)
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
    try:
        return args.func(args)
    except MissingStore as exc:
        print(exc, file=sys.stderr)
        return 2
