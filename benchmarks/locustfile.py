"""Load test: 50 analysts on one dashboard, each thinking 2-5 s between actions.

    # a store of 100,000+ articles (360,000 synthetic reports in 102,696 articles; a few minutes)
    .venv/bin/python benchmarks/dashboard_bench.py --reports 360000 --generate-only --store /tmp/load_store
    # locust is not in requirements.txt (a benchmark tool): .venv/bin/pip install locust==2.47.0
    # the README's gunicorn line, bound to this machine only
    CASUALTY_STORE=/tmp/load_store CASUALTY_WARM_EXPORTS=1 .venv/bin/gunicorn -w 4 -b 127.0.0.1:8051 app:server
    # 60 s, 50 users, 10 started per second; stops by itself
    .venv/bin/locust -f benchmarks/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8051

Actions (weights): open the overview (1: the page, its layout and dependencies, then every callback the page
fires on load, posted at once as the browser does), change filters (4: the callbacks one change fires, at once),
download the filtered CSV (1: /api/reports.csv with the page's query string) and export a PNG (1:
/api/chart.png, the timeline or the map). Filter states are drawn from a fixed pool of 24, seeded, as a team
looking at the same few countries and years would ask; the pool's size is $LOAD_POOL (24) to try others.
Every request is recorded on its own, the server's own time for it (Server-Timing) under "server: ...", and
each action as a whole under "action: ..." (until its last response), which is the figure the goals are about:
p95 < 500 ms for the page, filter changes and the CSV, < 2 s for the PNG, no errors. Nothing but --host is
contacted; use 127.0.0.1.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from gevent.pool import Group
from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard_bench import build_request, scenario_values  # noqa: E402

POOL = int(os.environ.get("LOAD_POOL", "24"))
STATES = [scenario_values(random.Random(n)) for n in range(POOL)]
DEFAULT = {
    **STATES[0],
    ("filter-country", "value"): [],
    ("filter-date", "start_date"): None,
    ("filter-date", "end_date"): None,
    ("filter-outcome", "value"): [],
    ("filter-group", "value"): [],
    ("filter-kind", "value"): [],
    ("filter-perpetrator", "value"): [],
    ("filter-source", "value"): [],
    ("filter-vague", "value"): True,
    ("view-interval", "value"): "month",
    ("view-stack", "value"): "outcome",
    ("view-measure", "value"): "best",
}
GRID = {("reports-grid", "getRowsRequest"): {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}}
LIST_PARAMS = {
    "country": "filter-country",
    "outcome": "filter-outcome",
    "group": "filter-group",
    "kind": "filter-kind",
    "perpetrator": "filter-perpetrator",
    "source": "filter-source",
}


def query(values: dict) -> str:
    """The page's URL query string for a state of its controls."""
    pairs = [(param, v) for param, control in LIST_PARAMS.items() for v in values.get((control, "value")) or []]
    if values.get(("filter-date", "start_date")):
        pairs.append(("from", values[("filter-date", "start_date")]))
    if values.get(("filter-date", "end_date")):
        pairs.append(("to", values[("filter-date", "end_date")]))
    if not values.get(("filter-vague", "value"), True):
        pairs.append(("vague", "0"))
    pairs += [("interval", values[("view-interval", "value")]), ("stack", values[("view-stack", "value")])]
    return urlencode(pairs)


def record(name: str, started: float, length: int = 0, exception: Exception | None = None) -> None:
    events.request.fire(
        request_type="action",
        name=name,
        response_time=(time.perf_counter() - started) * 1000,
        response_length=length,
        exception=exception,
        context={},
    )


def server_time(response, name: str) -> None:
    """Record the server's own time for a response (its Server-Timing header, app;dur=ms) as "server: name", to
    tell the work done from the time spent waiting for a worker or a CPU."""
    for part in response.headers.get("Server-Timing", "").split(","):
        key, _, params = part.strip().partition(";")
        if key == "app" and params.startswith("dur="):
            events.request.fire(
                request_type="server",
                name=f"server: {name}",
                response_time=float(params[4:]),
                response_length=0,
                exception=None,
                context={},
            )


class Analyst(HttpUser):
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.rng = random.Random()
        deps = self.client.get("/_dash-dependencies", name="/_dash-dependencies").json()
        deps = [d for d in deps if not d.get("clientside_function")]
        self.page_deps = [d for d in deps if any(i["id"].startswith("filter-") for i in d["inputs"])]
        self.grid_dep = next((d for d in deps if "getRowsResponse" in d["output"]), None)
        self.open_overview()

    def callbacks(self, values: dict) -> None:
        """Post the callbacks of one state at once (the browser runs up to six requests in parallel)."""
        jobs = [build_request(dep, values, {}) for dep in self.page_deps]
        if self.grid_dep is not None:
            jobs.append(build_request(self.grid_dep, values, GRID))
        failures: list[Exception] = []

        def post(body: dict) -> None:
            name = "callback " + body["output"].strip(".").split(".")[0]
            with self.client.post("/_dash-update-component", json=body, name=name, catch_response=True) as r:
                server_time(r, "callback")
                if r.status_code not in (200, 204):
                    failures.append(RuntimeError(f"{name}: HTTP {r.status_code}"))
                    r.failure(f"HTTP {r.status_code}")

        group = Group()
        for body in jobs:
            group.spawn(post, body)
        group.join()
        if failures:
            raise failures[0]

    @task(1)
    def open_overview(self) -> None:
        started = time.perf_counter()
        try:
            server_time(self.client.get("/", name="/"), "/")
            self.client.get("/_dash-layout", name="/_dash-layout")
            self.callbacks(DEFAULT)
            record("action: open the overview", started)
        except Exception as exc:  # recorded as the action's failure
            record("action: open the overview", started, exception=exc)

    @task(4)
    def change_filters(self) -> None:
        values = self.rng.choice(STATES)
        started = time.perf_counter()
        try:
            self.callbacks(values)
            record("action: change filters", started)
        except Exception as exc:
            record("action: change filters", started, exception=exc)

    @task(1)
    def download_csv(self) -> None:
        values = self.rng.choice(STATES)
        started = time.perf_counter()
        with self.client.get(f"/api/reports.csv?{query(values)}", name="/api/reports.csv", catch_response=True) as r:
            server_time(r, "/api/reports.csv")
            ok = r.status_code == 200 and r.content[:9] == b"report_id"
            if not ok:
                r.failure(f"HTTP {r.status_code}")
        record("action: download a filtered CSV", started, len(r.content), None if ok else RuntimeError("csv"))

    @task(1)
    def export_png(self) -> None:
        values = self.rng.choice(STATES)
        chart = self.rng.choice(["timeline", "timeline", "map"])
        started = time.perf_counter()
        url = f"/api/chart.png?{query(values)}&chart={chart}"
        with self.client.get(url, name="/api/chart.png", catch_response=True) as r:
            server_time(r, "/api/chart.png")
            ok = r.status_code == 200 and r.content[:4] == b"\x89PNG"
            if not ok:
                r.failure(f"HTTP {r.status_code}")
        record("action: export a PNG", started, len(r.content), None if ok else RuntimeError("png"))
