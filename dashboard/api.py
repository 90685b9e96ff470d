"""HTTP endpoints for scripts, registered on the Dash app's Flask server (see docs/dashboard.md).

    /api/health                 {"ok": true, "version": ..., "reports": N}
    /api/reports.csv            filtered reports as CSV (?hxl=1 adds the HXL row, ?scope=all ignores
                                the filters except reviewed)
    /api/reports.json           filtered reports as JSON (?limit=, ?offset=)
                                (both carry counted / counted_best / counted_low / counted_high and event_id:
                                the counted rows' counted_best adds up to /api/totals.json for the same filters)
    /api/events.csv|json        the page's incident totals per event and outcome, summed as the page sums them
    /api/totals.json            counts at a glance for the filters
    /api/chart.png|svg|html     a chart of the filters (?chart=timeline|map|compare, ?width=, ?height=, ?scale=)
    /api/notes.csv              attribution notes (who blames whom) behind the filtered reports
    /api/decisions.jsonl|csv    the review decision log (etl.review.export_decisions)

Every endpoint takes the page's URL parameters (country, from, to, outcome, group, kind, perpetrator,
source, vague, interval, stack, measure, by, key), so a page URL's query string works as is. A bad parameter
(limit=-5, width=abc, an image over the pixel budget) answers 400 with the reason; an unknown /api/ path 404,
both as JSON {"error": ...}.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, jsonify, request, stream_with_context

from dashboard import cache, charts, data, export
from dashboard import filters as flt
from etl import review

JSON_LIMIT = 1000
JSON_MAX_LIMIT = 50_000
MAX_IMAGE_SIDE = 4000
MAX_IMAGE_PIXELS = 16_000_000
"""Pixel budget of a chart image: width x height x scale^2 (4000 x 4000 at scale 1, 2000 x 2000 at scale 2)."""


class BadArgument(ValueError):
    """A query parameter out of its range or of the wrong type: answered 400 with the reason."""


def _args() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadArgument(f"{name} must be a whole number from {low} to {high}, not {raw!r}") from None
    if not low <= value <= high:
        raise BadArgument(f"{name} must be from {low} to {high}, not {value}")
    return value


def _float_arg(name: str, default: float, low: float, high: float) -> float:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise BadArgument(f"{name} must be a number from {low:g} to {high:g}, not {raw!r}") from None
    if not low <= value <= high:  # (NaN fails too)
        raise BadArgument(f"{name} must be from {low:g} to {high:g}, not {raw}")
    return value


def _error(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def health() -> Response:
    source = data.source()
    return jsonify({"ok": True, "version": source.version(), "reports": source.snapshot().rows})


def notes_csv() -> Response:
    """The attribution notes behind the filtered reports, with the columns of the notes tab."""
    filters, _ = flt.from_query(_args())
    frame = data.source().notes(filters, limit=None)
    return Response(frame.to_csv(index=False), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=notes.csv"})


def reports_csv() -> Response:
    filters, _ = flt.from_query(_args())
    scope_all = request.args.get("scope", "") == "all"
    if scope_all:  # every report, but still only the reviewed ones when asked
        filters = flt.Filters(reviewed=filters.reviewed)
    hxl = flt.parse_bool(request.args.get("hxl"), default=False)
    source = data.source()
    kept, version, key = cache.for_source(source), source.version(), ("reports.csv", filters, hxl)
    path = kept.cached_path(version, key)  # the same filters asked before on this store version
    chunks = _file_chunks(path) if path is not None else kept.stream(version, key, export.csv_chunks(
        source.iter_export(filters), data.EXPORT_COLUMNS, hxl=hxl, outcomes=filters.outcomes
    ))
    name = export.filename("casualty-reports-all" if scope_all else "casualty-reports", "csv")
    return Response(
        stream_with_context(chunks), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Content-Type": "text/csv; charset=utf-8"},
    )


def _file_chunks(path: Path, size: int = 2**20):
    with path.open("rb") as f:
        while chunk := f.read(size):
            yield chunk


def reports_json() -> Response:
    filters, _ = flt.from_query(_args())
    limit = _int_arg("limit", JSON_LIMIT, 0, JSON_MAX_LIMIT)
    offset = _int_arg("offset", 0, 0, 10**12)
    source = data.source()
    count = source.count_rows(filters)
    rows = export.json_records(source.export_frame(filters, limit=limit, offset=offset)) if limit else []
    return jsonify({
        "filters": flt.to_dict(filters), "count": count, "offset": offset, "limit": limit, "rows": rows,
    })


def events_download(fmt: str) -> Response:
    """The page's incident totals per event and outcome: their sums are /api/totals.json's for the same filters."""
    filters, _ = flt.from_query(_args())
    frame = data.source().event_rows(filters)
    if fmt == "json":
        return jsonify({"filters": flt.to_dict(filters), "count": len(frame), "rows": export.json_records(frame)})
    chunks = export.csv_chunks([frame], data.EVENT_EXPORT_COLUMNS)
    name = export.filename("casualty-events", "csv")
    return Response(
        stream_with_context(chunks), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Content-Type": "text/csv; charset=utf-8"},
    )


def totals_json() -> Response:
    filters, _ = flt.from_query(_args())
    return jsonify({"filters": flt.to_dict(filters), **data.source().totals(filters)})


def chart(fmt: str) -> Response:
    filters, view = flt.from_query(_args())
    name = request.args.get("chart", "timeline")
    if name not in charts.CHARTS:
        return _error(400, f"unknown chart {name!r}; use one of {', '.join(charts.CHARTS)}")
    if fmt not in ("png", "svg", "html"):
        return _error(404, f"unknown format {fmt!r}; use png, svg or html")
    source = data.source()
    width0, height0 = charts.SIZES[name]
    stem = f"casualty-{name}"
    if fmt == "html":
        fig = charts.for_export(name, source, filters, view)
        body = export.figure_html(fig, title=charts.export_title(name, filters, view))
        return Response(body, mimetype="text/html", headers={
            "Content-Disposition": f'attachment; filename="{export.filename(stem, "html")}"'})
    width = _int_arg("width", width0, 100, MAX_IMAGE_SIDE)
    height = _int_arg("height", height0, 100, MAX_IMAGE_SIDE)
    scale = _float_arg("scale", 1.0, 0.25, 4.0)
    pixels = width * height * scale * scale
    if pixels > MAX_IMAGE_PIXELS:
        return _error(400, f"the image would have {pixels:,.0f} pixels (width x height x scale^2); the limit is "
                           f"{MAX_IMAGE_PIXELS:,} (say 4000 x 4000 at scale 1, or 2000 x 2000 at scale 2)")

    def render() -> bytes:
        return export.figure_image(charts.for_export(name, source, filters, view), fmt, width, height, scale)

    try:  # one image per chart, filters, view and size on a store version, whoever asks (dashboard/cache.py)
        key = ("chart", name, fmt, filters, view, width, height, scale)
        body = cache.for_source(source).remember(source.version(), key, render)
    except Exception as exc:  # Chromium missing or crashed: say so instead of a bare 500
        return _error(503, f"could not render the chart image: {exc}")
    mimetype = "image/png" if fmt == "png" else "image/svg+xml"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{export.filename(stem, fmt)}"'})


def decisions(fmt: str) -> Response:
    """The decision log as JSON lines or CSV, for another team (import it on their Decisions tab)."""
    root = data.source().root
    if root is None:
        return _error(404, "this store has no decision log")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"decisions.{fmt}"
        review.export_decisions(root, path)
        body = path.read_bytes()
    mimetype = "text/csv" if fmt == "csv" else "application/x-ndjson"
    name = export.filename("review-decisions", fmt)
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


ROUTES: dict[str, tuple[str, Callable[..., Any]]] = {
    "/api/health": ("api_health", health),
    "/api/reports.csv": ("api_reports_csv", reports_csv),
    "/api/reports.json": ("api_reports_json", reports_json),
    "/api/totals.json": ("api_totals_json", totals_json),
    "/api/events.csv": ("api_events_csv", lambda: events_download("csv")),
    "/api/events.json": ("api_events_json", lambda: events_download("json")),
    "/api/chart.png": ("api_chart_png", lambda: chart("png")),
    "/api/chart.svg": ("api_chart_svg", lambda: chart("svg")),
    "/api/chart.html": ("api_chart_html", lambda: chart("html")),
    "/api/notes.csv": ("api_notes_csv", lambda: notes_csv()),
    "/api/decisions.jsonl": ("api_decisions_jsonl", lambda: decisions("jsonl")),
    "/api/decisions.csv": ("api_decisions_csv", lambda: decisions("csv")),
}


def _start_clock() -> None:
    g.started = time.perf_counter()


def _server_timing(response: Response) -> Response:
    """Every response says how long the server worked on it (Server-Timing header, milliseconds)."""
    started = g.get("started")
    if started is not None:
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def unknown(rest: str = "") -> Response:
    """An /api/ path that is not one: 404 as JSON, never the page."""
    return _error(404, f"no such API endpoint /api/{rest}; see {', '.join(ROUTES)}")


def _bad_argument(exc: BadArgument) -> Response:
    return _error(400, str(exc))


def register(server: Flask) -> None:
    """Add the /api/* routes, and a Server-Timing header on every response, to the app's Flask server."""
    for rule, (endpoint, view) in ROUTES.items():
        server.add_url_rule(rule, endpoint=endpoint, view_func=view, methods=["GET"])
    server.add_url_rule("/api/", endpoint="api_unknown_root", view_func=unknown, methods=["GET", "POST"])
    server.add_url_rule("/api/<path:rest>", endpoint="api_unknown", view_func=unknown, methods=["GET", "POST"])
    server.register_error_handler(BadArgument, _bad_argument)
    server.before_request(_start_clock)
    server.after_request(_server_timing)
