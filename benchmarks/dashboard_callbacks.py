"""Where a filter change's time goes: the overview's callbacks called one after the other in this process.

    .venv/bin/python benchmarks/dashboard_callbacks.py --store /tmp/dash_store          # a store of dashboard_bench
    .venv/bin/python benchmarks/dashboard_callbacks.py --store /tmp/dash_store --profile 25

No HTTP and no concurrency: each callback of a filter change (the same random filter states as
dashboard_bench.py) runs alone, its answer serialised as Dash would, with the DataSource's answer cache
emptied before every change. Prints, per callback, the wall-clock and the CPU time of the process (DuckDB's
threads included) at the median and the 95th percentile, and the load average; `--profile N` adds cProfile's
N most costly functions (cumulative time) per callback. CPU time is the figure to compare on a busy machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import plotly.io

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dashboard_bench import scenario_values  # noqa: E402

CONTROLS = {  # callback argument -> (component id, property) of the bench's control values
    "countries": ("filter-country", "value"),
    "start": ("filter-date", "start_date"),
    "end": ("filter-date", "end_date"),
    "outcomes": ("filter-outcome", "value"),
    "groups": ("filter-group", "value"),
    "kinds": ("filter-kind", "value"),
    "perpetrators": ("filter-perpetrator", "value"),
    "sources": ("filter-source", "value"),
    "include_vague": ("filter-vague", "value"),
}
VIEW = {"interval": ("view-interval", "value"), "stack": ("view-stack", "value"), "measure": ("view-measure", "value")}


def _plain(callback: Callable[..., Any]) -> Callable[..., Any]:
    """The function under Dash's callback decorator (the decorated one may want Dash's request context)."""
    return getattr(callback, "__wrapped__", callback)


def callbacks(values: dict) -> dict[str, Callable[[], Any]]:
    """The server callbacks one filter change fires, bound to one state of the controls."""
    from dashboard.pages import overview

    f = {name: values.get(key) for name, key in CONTROLS.items()}
    f.update(unit=None, reviewed=None)
    v = {name: values.get(key) for name, key in VIEW.items()}
    request = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}
    return {
        "timeline": lambda: _plain(overview.update_timeline)(f, v, 0),
        "map": lambda: _plain(overview.update_map)(f, {"map_scale": "total"}, 0),
        "summary": lambda: _plain(overview.update_summary)(f, v, False, None, False, 0),
        "undated": lambda: _plain(overview.update_undated)(f, 0),
        "grid": lambda: _plain(overview.update_grid)(request, f, None, False),
    }


def timed(run: Callable[[], Any], profiler: cProfile.Profile | None) -> tuple[float, float]:
    """(wall s, process CPU s) of one call and the serialisation of its answer."""
    w0, c0 = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    answer = run()
    plotly.io.json.to_json_plotly(answer)  # as Dash serialises a callback's answer
    if profiler is not None:
        profiler.disable()
    return time.perf_counter() - w0, time.process_time() - c0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="a store filled by dashboard_bench.py --generate-only")
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's N costliest functions")
    parser.add_argument("--out", help="write the figures as JSON here")
    args = parser.parse_args()
    os.environ.update(CASUALTY_STORE=args.store, CASUALTY_NO_SAMPLE="1")
    import app as app_module  # opens the store named above and starts loading it
    from dashboard import data

    source = data.source()
    app_module.create_app()
    t0 = time.perf_counter()
    source.snapshot()
    print(f"loaded in {time.perf_counter() - t0:.1f} s; load average {os.getloadavg()}", flush=True)
    rng = random.Random(11)
    scenario_values(rng)  # the bench's first draw is the first page's
    states = [scenario_values(rng) for _ in range(args.changes)]
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    profilers: dict[str, cProfile.Profile] = {}
    change_cpu: list[float] = []
    for values in states:
        with source._cache_lock:
            source._cache.clear()
        total = 0.0
        for name, run in callbacks(values).items():
            prof = profilers.setdefault(name, cProfile.Profile()) if args.profile else None
            wall, cpu = timed(run, prof)
            walls.setdefault(name, []).append(wall)
            cpus.setdefault(name, []).append(cpu)
            total += cpu
        change_cpu.append(total)

    def pct(values: list[float]) -> dict[str, float]:
        ms = [v * 1000 for v in values]
        return {"median": round(statistics.median(ms), 1), "p95": round(float(np.percentile(ms, 95)), 1)}

    result = {
        "changes": args.changes,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "per_callback_ms": {name: {"wall": pct(walls[name]), "cpu": pct(cpus[name])} for name in walls},
        "change_cpu_ms": pct(change_cpu),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2))
    for name, prof in profilers.items():
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(args.profile)
        print(f"\n==== {name} ====\n" + text.getvalue().split("\n\n", 1)[-1])


if __name__ == "__main__":
    main()
