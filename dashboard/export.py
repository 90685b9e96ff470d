"""Getting things out: CSV (optionally with an HXL hashtag row) and JSON of reports, charts as PNG, SVG and
standalone HTML.

CSV cells that start with '=', '+', '-', '@' (or a tab / carriage return) get a leading apostrophe so that
a spreadsheet shows them as text instead of running them as formulas. Images are rendered on the server by
kaleido in the system Chromium, one kaleido server per process started on first use, MathJax off, the map's
topojson read from dashboard/assets/topojson (no network). HTML files embed plotly.js and, for maps, the
topojson, so they open offline.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.io as pio

from etl.sheets import FORMULA_PREFIXES, guard_cell, guard_frame  # noqa: F401 - one helper, re-exported

ASSETS = Path(__file__).resolve().parent / "assets"
TOPOJSON_DIR = ASSETS / "topojson"
DATE_COLUMNS = ("start_date", "end_date", "published")

# HXL hashtags (https://hxlstandard.org) for the export columns. Counts get +killed / +injured when the
# export holds one outcome only (see hxl_tags).
HXL_TAGS: dict[str, str] = {
    "report_id": "#meta+id+report",
    "event_id": "#event+id",
    "n_reports": "#meta+count+reports",
    "review_status": "#meta+review+status",
    "article_id": "#meta+id+article",
    "kind": "#event+type",
    "start_date": "#date+start",
    "end_date": "#date+end",
    "country_code": "#country+code",
    "location": "#loc+name",
    "outcome": "#impact+type",
    "victim_group": "#population+group",
    "count_low": "#affected+min",
    "count_best": "#affected",
    "count_high": "#affected+max",
    "qualifier": "#meta+qualifier",
    "perpetrator": "#org+perpetrator",
    "reporting_source": "#meta+source",
    "sentence": "#description+sentence",
    "published": "#date+reported",
    "source": "#meta+publisher",
    "title": "#meta+title",
    "url": "#meta+url",
    "figure_ids": "#meta+id+figure",
    "span_start": "#meta+span+start",
    "span_end": "#meta+span+end",
    "counted": "#meta+counted",
    "counted_best": "#affected+counted",
    "counted_low": "#affected+counted+min",
    "counted_high": "#affected+counted+max",
}
_OUTCOME_ATTRIBUTE = {"killed": "+killed", "injured": "+injured", "casualties": "+casualties"}


# ------------------------------------------------------------------------------------------ tables


def hxl_tags(columns: Iterable[str], outcomes: tuple[str, ...] = ()) -> list[str]:
    """The HXL hashtag row for the given columns; counts carry +killed/+injured for a single-outcome export."""
    extra = _OUTCOME_ATTRIBUTE.get(outcomes[0], "") if len(outcomes) == 1 else ""
    tags = []
    for name in columns:
        tag = HXL_TAGS.get(name, "")
        if extra and name.startswith("count_"):
            tag = tag.replace("#affected", "#affected" + extra, 1)
        tags.append(tag)
    return tags


def format_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as YYYY-MM-DD, counts as integers, text guarded: the frame as it goes into a CSV."""
    out = guard_frame(frame)
    for name in DATE_COLUMNS:
        if name in out.columns:
            values = pd.to_datetime(out[name])
            out[name] = values.dt.strftime("%Y-%m-%d").astype("string")
    return out


def csv_chunks(
    frames: Iterable[pd.DataFrame], columns: Iterable[str], hxl: bool = False, outcomes: tuple[str, ...] = ()
) -> Iterator[str]:
    """CSV text in pieces: the header, the HXL row if asked, then the rows of each frame (one row per report)."""
    names = list(columns)
    head = io.StringIO()
    pd.DataFrame(columns=names).to_csv(head, index=False, lineterminator="\n")
    if hxl:
        pd.DataFrame([hxl_tags(names, outcomes)], columns=names).to_csv(
            head, index=False, header=False, lineterminator="\n"
        )
    yield head.getvalue()
    for frame in frames:
        if len(frame) == 0:
            continue
        buf = io.StringIO()
        format_for_csv(frame.reindex(columns=names)).to_csv(buf, index=False, header=False, lineterminator="\n")
        yield buf.getvalue()


def to_csv(frame: pd.DataFrame, hxl: bool = False, outcomes: tuple[str, ...] = ()) -> str:
    """One frame as CSV text (see csv_chunks)."""
    return "".join(csv_chunks([frame], frame.columns, hxl=hxl, outcomes=outcomes))


def json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: ISO dates, integers, None for missing values (no formula guard: not a sheet)."""
    out = frame.copy()
    for name in DATE_COLUMNS:
        if name in out.columns:
            out[name] = pd.to_datetime(out[name]).dt.strftime("%Y-%m-%d")
    records = out.astype(object).where(out.notna(), None).to_dict("records")
    for row in records:
        for key, value in row.items():
            if isinstance(value, np.integer):
                row[key] = int(value)
            elif isinstance(value, np.floating):
                row[key] = float(value)
    return records


def filename(stem: str, suffix: str, when: dt.date | None = None) -> str:
    """'casualty-reports-2024-06-01.csv' style download names."""
    return f"{stem}-{(when or dt.date.today()).isoformat()}.{suffix}"


# ------------------------------------------------------------------------------------------ charts

IMAGE_FORMATS = ("png", "svg")
_KALEIDO_LOCK = threading.Lock()
_KALEIDO_STARTED = False


def topojson_url() -> str:
    """file:// URL of the shipped topojson directory (for kaleido's Chromium)."""
    return TOPOJSON_DIR.as_uri() + "/"


def _start_kaleido() -> None:
    """Start this process's one kaleido server (Chromium), MathJax off; no-op once started."""
    global _KALEIDO_STARTED
    if _KALEIDO_STARTED:
        return
    import kaleido

    kaleido.start_sync_server(n=1, mathjax=False, timeout=60, silence_warnings=True)
    pio.defaults.topojson = topojson_url()
    pio.defaults.mathjax = None
    _KALEIDO_STARTED = True


def figure_image(fig: Mapping[str, Any] | Any, fmt: str = "png", width: int = 1200, height: int = 700,
                 scale: float = 1.0) -> bytes:
    """A figure rendered by kaleido as PNG or SVG bytes."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; one of {IMAGE_FORMATS}")
    import kaleido

    spec = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else dict(fig)
    opts = {"format": fmt, "width": int(width), "height": int(height), "scale": float(scale)}
    with _KALEIDO_LOCK:  # the sync server pairs requests and answers by order: one caller at a time
        _start_kaleido()
        return kaleido.calc_fig_sync(spec, opts=opts, topojson=topojson_url())


def warm_up() -> None:
    """Start Chromium now (the first image otherwise takes a few seconds)."""
    figure_image({"data": [{"type": "bar", "x": [1], "y": [1]}], "layout": {}}, "png", 100, 100)


def _has_geo(fig: Mapping[str, Any]) -> bool:
    geo_types = {"choropleth", "scattergeo"}
    return any(trace.get("type") in geo_types for trace in fig.get("data", []))


def figure_html(fig: Mapping[str, Any] | Any, title: str = "Chart") -> str:
    """A standalone HTML page with the figure, plotly.js inlined and, for maps, the world topojson inlined."""
    spec = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else dict(fig)
    html = pio.to_html(
        spec, include_plotlyjs=True, full_html=True, validate=False, include_mathjax=False,
        config={"displaylogo": False, "responsive": True},
        default_width="100%", default_height="90vh",
    )
    head = f"<title>{_escape_html(title)}</title>"
    if _has_geo(spec):
        assets = {"topojson": {path.stem: json.loads(path.read_text()) for path in TOPOJSON_DIR.glob("*.json")}}
        payload = json.dumps(assets, separators=(",", ":")).replace("</", "<\\/")
        head += f"<script>window.PlotlyGeoAssets = {payload};</script>"
    return html.replace("<head>", "<head><meta charset=\"utf-8\">" + head, 1)


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
