"""The ETL stages as functions from frame to frame: raw inputs -> articles -> figures, reports, notes.

`extract_paths` runs everything in memory (what `python -m etl extract` writes as CSV); `ingest_paths`
streams inputs in batches into the store, skipping articles it already holds; `reextract` runs the current
engine again over every stored article and swaps the store's machine output for the new one in one step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd
from tqdm import tqdm

from . import columns, dates, review
from .events import consolidate, incident_countries
from .events_incremental import sync_events
from .extract import ArticleTimeout, extract_article
from .lexicon import Lexicon, load
from .readers import RawArticle, ReadError, iter_inputs, list_inputs
from .store import in_ids

EXTRACTED = ("figures", "reports", "notes")


def content_id(text: str) -> str:
    """The article id: a hash of its text with whitespace normalised, so the same article twice is one."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def articles_frame(raws: Iterable[RawArticle]) -> pd.DataFrame:
    """One row per distinct article, publication date inferred from the text where the input gives none."""
    rows = []
    for raw in raws:
        published = _date(raw.published)
        inferred = published is None
        if inferred:
            published = dates.infer_published(raw.text)
        rows.append(
            {
                "article_id": content_id(raw.text),
                "source_id": raw.source_id,
                "title": raw.title,
                "url": raw.url,
                "source": raw.source,
                "origin": raw.origin,
                "published": published,
                "published_inferred": inferred and published is not None,
                "text_length": len(raw.text),
                "text": raw.text,
            }
        )
    frame = pd.DataFrame(rows) if rows else columns.empty_frame("articles")
    if rows:
        frame = frame.drop_duplicates("article_id").assign(published=lambda f: pd.to_datetime(f.published))
    return columns.validate(frame, "articles")


def errors_frame(errors: Iterable[ReadError]) -> pd.DataFrame:
    """One row per input that could not be read, with the reason."""
    rows = [
        {
            "error_id": hashlib.sha1(f"{e.origin}|{e.reason}".encode()).hexdigest()[:16],
            "origin": e.origin,
            "stage": e.stage,
            "reason": e.reason,
        }
        for e in errors
    ]
    frame = pd.DataFrame(rows) if rows else columns.empty_frame("errors")
    return columns.validate(frame.drop_duplicates("error_id") if rows else frame, "errors")


BUDGET_ENV = "CASUALTY_ARTICLE_BUDGET"


def article_budget(lex: Lexicon) -> float | None:
    """Seconds one article's extraction may take: $CASUALTY_ARTICLE_BUDGET (the CLI's --article-budget sets it),
    else settings.csv's article_time_budget_seconds; 0 or less is no budget."""
    return budget_from(lex.settings)


def budget_from(settings: dict[str, str]) -> float | None:
    """`article_budget` from the conventions' settings (settings.csv as a name -> value mapping)."""
    value = os.environ.get(BUDGET_ENV) or settings.get("article_time_budget_seconds")
    try:
        seconds = float(value) if value not in (None, "") else 0.0
    except ValueError as exc:
        raise ValueError(f"{BUDGET_ENV} or article_time_budget_seconds: not a number of seconds: {value!r}") from exc
    return seconds if seconds > 0 else None


def extract_frames(
    articles: pd.DataFrame, progress: bool = False, budget: float | None = None
) -> dict[str, pd.DataFrame]:
    """Figures, reports and notes of every article (validated against the registry). An article whose
    extraction runs past the time budget gets a row in errors; the run goes on. `budget`: seconds per article
    (0 or less: none); None reads it here (article_budget). A Dask client passes its own, so that workers on
    other machines keep to the budget the run was started with."""
    lex = load()
    budget = article_budget(lex) if budget is None else (budget if budget > 0 else None)
    rows: dict[str, list[dict]] = {name: [] for name in EXTRACTED}
    errors: list[ReadError] = []
    records = articles[["article_id", "text", "published", "published_inferred", "title", "origin"]].itertuples(
        index=False
    )
    for art in tqdm(records, total=len(articles), disable=not progress, desc="extracting", unit="article"):
        published = None if pd.isna(art.published) else art.published.date()
        try:
            result = extract_article(
                art.text,
                art.article_id,
                published,
                lex,
                title=None if pd.isna(art.title) else art.title,
                published_inferred=bool(art.published_inferred) if not pd.isna(art.published_inferred) else False,
                budget=budget,
            )
        except ArticleTimeout as exc:
            errors.append(ReadError(str(art.origin), str(exc), "extract"))
            continue
        except Exception as exc:  # one bad article must not stop a run
            errors.append(ReadError(str(art.origin), f"extraction failed: {type(exc).__name__}: {exc}", "extract"))
            continue
        rows["figures"] += result.figures
        rows["reports"] += result.reports
        rows["notes"] += result.notes
    frames = {name: _frame(rows[name], name) for name in EXTRACTED}
    if len(frames["reports"]):  # where it happened, not the victims' nationality (stored so, for every view)
        frames["reports"] = frames["reports"].assign(country_code=incident_countries(frames["reports"]))
    frames["errors"] = errors_frame(errors)
    return frames


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    if not rows:
        return columns.empty_frame(table)
    frame = pd.DataFrame(rows)
    for col in ("start_date", "end_date"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col])
    return columns.validate(frame, table)


@dataclass
class Summary:
    """What a run did, for the closing line of the CLI."""

    inputs: int = 0
    articles_read: int = 0
    articles_new: int = 0
    reports: int = 0
    notes: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_lines: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        return {k: v for k, v in self.__dict__.items() if k != "error_lines"}

    def line(self) -> str:
        return (
            f"{self.articles_read} articles read ({self.articles_new} new), {self.reports} reports, "
            f"{self.notes} notes, {self.errors} errors in {self.seconds:.1f} s"
        )


def read_all(paths: Sequence[str], progress: bool = False) -> tuple[list[RawArticle], list[ReadError]]:
    """Every article and error of the inputs."""
    raws: list[RawArticle] = []
    errors: list[ReadError] = []
    for item in tqdm(iter_inputs(paths), disable=not progress, desc="reading", unit="article"):
        (errors if isinstance(item, ReadError) else raws).append(item)
    return raws, errors


def extract_paths(paths: Sequence[str], progress: bool = False) -> tuple[dict[str, pd.DataFrame], Summary]:
    """Read and extract the inputs in memory: the frames `python -m etl extract` writes."""
    started = time.perf_counter()
    raws, read_errors = read_all(paths, progress)
    articles = articles_frame(raws)
    frames = extract_frames(articles, progress)
    frames["articles"] = articles
    frames["errors"] = columns.validate(
        pd.concat([errors_frame(read_errors), frames["errors"]], ignore_index=True), "errors"
    )
    frames = with_events(frames)
    summary = Summary(
        inputs=len(list_inputs(paths)),
        articles_read=len(raws),
        articles_new=len(articles),
        reports=len(frames["reports"]),
        notes=len(frames["notes"]),
        errors=len(frames["errors"]),
        seconds=time.perf_counter() - started,
        error_lines=[f"{e.origin}: {e.reason}" for e in frames["errors"].itertuples()],
    )
    return frames, summary


def with_events(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Add event ids to the reports and the events table."""
    reports, events = consolidate(frames["reports"], frames["articles"])
    return {**frames, "reports": reports, "events": events}


def _batches(items: Iterator[RawArticle | ReadError], size: int) -> Iterator[tuple[list[RawArticle], list[ReadError]]]:
    raws: list[RawArticle] = []
    errors: list[ReadError] = []
    for item in items:
        (errors if isinstance(item, ReadError) else raws).append(item)
        if len(raws) >= size:
            yield raws, errors
            raws, errors = [], []
    if raws or errors:
        yield raws, errors


def ingest_paths(paths: Sequence[str], store, progress: bool = True, batch_size: int = 500, sync: bool = True) -> dict:
    """Read inputs in batches and add what is new to the store; each batch lands whole or not at all.

    Then (unless `sync` is False) the events are brought up to date: the new reports join them incrementally,
    and batches an earlier, interrupted run left uncovered are joined too."""
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = Summary(inputs=len(list_inputs(paths)))
    with store.writer():
        known: set[str] = set()  # the ids written by this run
        bar = tqdm(disable=not progress, desc="ingesting", unit="article")
        for raws, read_errors in _batches(iter_inputs(paths), batch_size):
            summary.articles_read += len(raws)
            articles = articles_frame(raws)
            articles = articles[~in_ids(articles.article_id, known | store.stored_article_ids(articles.article_id))]
            frames = extract_frames(articles) if len(articles) else {n: columns.empty_frame(n) for n in EXTRACTED}
            errors = pd.concat(
                [errors_frame(read_errors), frames.pop("errors", columns.empty_frame("errors"))], ignore_index=True
            )
            batch = {"articles": articles, **frames, "errors": columns.validate(errors, "errors")}
            store.write_batch(batch)
            known |= set(articles.article_id)
            summary.articles_new += len(articles)
            summary.reports += len(frames["reports"])
            summary.notes += len(frames["notes"])
            summary.errors += len(errors)
            summary.error_lines += [f"{e.origin}: {e.reason}" for e in errors.itertuples()]
            bar.update(len(raws))
        bar.close()
        read_and_published, cpu_published = time.perf_counter() - started, time.process_time()
        if sync:  # always: a rerun after a run killed before its events landed joins what they do not cover
            sync_events(store)
    summary.seconds = time.perf_counter() - started
    phases = {
        "read_extract_publish": round(read_and_published, 2),
        "events_after": round(summary.seconds - read_and_published, 2),
        "cpu_read_extract_publish": round(cpu_published - cpu_started, 2),
        "cpu_events_after": round(time.process_time() - cpu_published, 2),
    }
    return {**summary.as_dict(), "error_lines": summary.error_lines, "line": summary.line(), "phases": phases}


def refresh_events(store) -> None:
    """Recompute events over every stored report and store them with their watermark (one step).

    Reports keep the event ids they were given before (consolidate keeps ids it is handed), so a newly
    ingested article joins existing events and their ids do not change. `ingest_paths` joins new reports
    incrementally instead (etl.events_incremental.sync_events)."""
    sync_events(store, full=True)


@dataclass
class ReextractSummary:
    """What a re-extraction did, and what became of the analysts' decisions."""

    articles: int = 0
    figures: int = 0
    reports: int = 0
    notes: int = 0
    events: int = 0
    errors: int = 0
    before: dict[str, int] = field(default_factory=dict)
    decisions: int = 0
    orphans: pd.DataFrame = field(default_factory=lambda: columns.empty_frame("decisions", ("orphan_reason",)))
    new_orphans: int = 0
    seconds: float = 0.0
    error_lines: list[str] = field(default_factory=list)

    def line(self) -> str:
        was = self.before
        return (
            f"{self.articles} articles re-extracted: {self.reports} reports (were {was.get('reports', 0)}), "
            f"{self.figures} figures (were {was.get('figures', 0)}), {self.notes} notes (were {was.get('notes', 0)}), "
            f"{self.events} event rows (were {was.get('events', 0)}), {self.errors} errors in {self.seconds:.1f} s"
        )

    def decision_lines(self) -> list[str]:
        """The decisions' fate: how many still apply, and each one that no longer finds its report."""
        if not self.decisions:
            return ["no review decisions in the log"]
        lines = [
            f"{self.decisions} review decisions: {self.decisions - len(self.orphans)} still apply, "
            f"{len(self.orphans)} no longer find their report ({self.new_orphans} since this re-extraction)"
        ]
        return lines + ["  " + review.describe_orphan(row) for row in self.orphans.to_dict("records")]


def reextract(store, progress: bool = True, chunk_size: int = 500, client=None) -> ReextractSummary:
    """Run the current engine again over every stored article and replace the machine output in one step.

    Figures, reports and notes are extracted anew, events consolidated again (keeping the stored event ids
    where their reports are still there), articles and read errors carried over, and all of it published as
    one batch that replaces the old ones (Store.regenerate): a kill midway leaves the old output whole. The
    decision log is not touched; the summary says which decisions no longer find their report. With a Dask
    `client`, workers extract one stored batch each (etl.distributed.reextract_batch); this process copies
    the articles and writes what they return into the one staged batch.
    """
    started = time.perf_counter()
    decisions = review.load_decisions(store.root)
    orphans_before = set(review.store_orphans(store, decisions)["decision_id"]) if len(decisions) else set()
    summary = ReextractSummary(before=store.tables(), decisions=len(decisions))
    with store.regenerate() as generation:
        bar = tqdm(total=summary.before["articles"], disable=not progress, desc="re-extracting", unit="article")
        seen: set[str] = set()
        error_ids: set[str] = set()
        reports: list[pd.DataFrame] = []
        for chunk, extracted in _reextract_chunks(store, generation.sources, chunk_size, client):
            chunk = chunk[~chunk["article_id"].isin(seen)].drop_duplicates("article_id")
            seen.update(chunk["article_id"])
            for old_batch, articles in chunk.groupby("batch_id", sort=False):
                frames = extract_frames(articles) if extracted is None else _of(extracted, articles)
                generation.append("articles", articles)
                for name in EXTRACTED:
                    generation.append(name, frames[name].assign(batch_id=old_batch))
                errors = frames["errors"][~frames["errors"]["error_id"].isin(error_ids)]
                generation.append("errors", errors.assign(batch_id=old_batch))
                error_ids.update(errors["error_id"])
                reports.append(frames["reports"])
                summary.error_lines += [f"{e.origin}: {e.reason}" for e in errors.itertuples()]
            bar.update(len(chunk))
        bar.close()
        for errors in store.iter_rows("errors", generation.sources):
            carried = errors[(errors["stage"] != "extract") & ~errors["error_id"].isin(error_ids)]
            generation.append("errors", carried.drop_duplicates("error_id"))
            error_ids.update(carried["error_id"])
        new_reports = pd.concat(reports, ignore_index=True) if reports else columns.empty_frame("reports")
        events, links = _events_keeping_ids(store, new_reports)
        generation.write_derived("events", events)
        generation.write_derived("report_events", links)
    summary.articles = len(seen)
    summary.figures, summary.reports, summary.notes = (generation.rows.get(t, 0) for t in EXTRACTED)
    summary.events = len(events)
    summary.errors = len(summary.error_lines)
    if len(decisions):
        summary.orphans = review.store_orphans(store, decisions)
        summary.new_orphans = int((~summary.orphans["decision_id"].isin(orphans_before)).sum())
    summary.seconds = time.perf_counter() - started
    return summary


def _reextract_chunks(store, sources, chunk_size: int, client) -> Iterator[tuple[pd.DataFrame, dict | None]]:
    """(articles, their extraction or None to extract here): stored articles a chunk at a time, or with a Dask
    client, one stored batch at a time as the workers finish them."""
    if client is None:
        for chunk in store.iter_rows("articles", sources, rows=chunk_size):
            yield chunk, None
        return
    from distributed import as_completed

    from .distributed import client_budget, reextract_batch

    budget = client_budget()  # the client's: workers elsewhere do not see its environment or --article-budget
    futures = {client.submit(reextract_batch, store.location(), b, budget, retries=3, pure=False): b for b in sources}
    for future in as_completed(futures):
        extracted = future.result()
        future.release()
        for chunk in store.iter_rows("articles", [futures[future]], rows=chunk_size):
            yield chunk, extracted


def _of(extracted: dict, articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A worker's extraction of a batch, kept to the given articles (their figures, reports, notes, errors)."""
    ids = set(articles["article_id"])
    origins = set(articles["origin"].dropna())
    out = {}
    for name in (*EXTRACTED, "errors"):
        frame = extracted.get(name, columns.empty_frame(name))
        if name == "errors":
            frame = frame[frame["origin"].isin(origins)] if len(frame) else columns.empty_frame("errors")
        else:
            frame = frame[frame["article_id"].isin(ids)] if len(frame) else columns.empty_frame(name)
        out[name] = frame.drop(columns=[c for c in ("batch_id",) if c in frame.columns])
    return out


def _events_keeping_ids(store, reports: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, report_events) of new reports, consolidated again; each report offers consolidation the stored
    event id of the old report it is (found by match key, as decisions find theirs), so event ids do not churn
    when a new engine renames its reports."""
    old = review.store_reports(store)
    same = review.same_reports(reports, old)
    old_events = old.set_index("report_id")["event_id"]
    reports = reports.assign(event_id=same.map(old_events).astype("string"))
    articles = store.read("articles", columns=["article_id", "title", "url", "source", "published"])
    reports, events = consolidate(reports, articles)
    return events, reports[["report_id", "event_id"]]
