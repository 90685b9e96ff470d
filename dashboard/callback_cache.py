"""Answers of the read-only callbacks, kept per store version and request: what many users ask alike.

Fifty analysts looking at the same few countries and years fire the same callbacks with the same inputs: the
timeline, the map, the totals, the reports table's rows. Their answers depend on nothing but the request's
inputs and state and the data (DataSource.version(): the store and the decision log), so the first answer is kept
(in this process's memory and in the folder every gunicorn worker reads: dashboard/cache.py) and sent again,
byte for byte, to whoever asks the same on the same version. A store change (an ingest, a review decision)
changes the version, and answers of other versions are never sent.

Only callbacks named in READ_ONLY_OUTPUTS are kept: pure reads that never look at who asks (auth), at which input
changed (`ctx.triggered_id`) or at anything outside their inputs and state. Callbacks that write (reviews,
uploads) or that depend on the user are never kept. The auth guard (dashboard/auth.py) runs first: a request it
refuses never reaches the cache. `CASUALTY_CALLBACK_CACHE=0` switches the cache off.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable

from flask import Flask, Response, g, request

from . import cache, components, data

ENV = "CASUALTY_CALLBACK_CACHE"
ROUTE_SUFFIX = "_dash-update-component"

READ_ONLY_OUTPUTS = frozenset(
    {
        "timeline.figure",  # overview: update_timeline
        "map.figure",  # overview: update_map
        "totals.children",  # overview: update_summary
        "undated-text.children",  # overview: update_undated
        f"{components.GRID_ID}.getRowsResponse",  # overview: update_grid
        "notes-grid.rowData",  # overview: update_notes
    }
)
"""One output of each cacheable callback ("component.property", as Dash names it; an output another callback
shares with allow_duplicate carries an '@' suffix there, so it never matches)."""


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def output_parts(output: str) -> list[str]:
    """The 'component.property' parts of a Dash callback's output string ("..a.b...c.d.." for several)."""
    if output.startswith("..") and output.endswith(".."):
        return [p for p in output[2:-2].split("...") if p]
    return [output]


def cacheable(body: dict, outputs: Iterable[str] = READ_ONLY_OUTPUTS) -> bool:
    """Whether a callback request is for one of the read-only callbacks."""
    output = body.get("output")
    return isinstance(output, str) and any(part in outputs for part in output_parts(output))


def request_key(body: dict) -> tuple:
    """What the answer depends on: the callback and its inputs and state (not which of them changed)."""
    return (
        "callback",
        body.get("output"),
        json.dumps(body.get("inputs"), sort_keys=True, separators=(",", ":")),
        json.dumps(body.get("state"), sort_keys=True, separators=(",", ":")),
    )


def register(server: Flask, source: Callable[[], data.DataSource] = data.source) -> None:
    """Serve the read-only callbacks' answers from the cache (register after the auth guard)."""
    if not enabled():
        return

    def serve_kept() -> Response | None:
        if request.method != "POST" or not request.path.endswith(ROUTE_SUFFIX):
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not cacheable(body):
            return None
        src = source()
        version, key = src.version(), request_key(body)
        kept = cache.for_source(src).get(version, key)
        if kept is not None:
            return Response(kept, mimetype="application/json", headers={"X-Callback-Cache": "hit"})
        g.callback_cache = (src, version, key)
        return None

    def keep(response: Response) -> Response:
        pending = g.pop("callback_cache", None)
        if pending is None or response.status_code != 200 or response.direct_passthrough:
            return response
        src, version, key = pending
        if response.mimetype == "application/json":
            cache.for_source(src).put(version, key, response.get_data())
            response.headers["X-Callback-Cache"] = "miss"
        return response

    server.before_request(serve_kept)
    server.after_request(keep)
