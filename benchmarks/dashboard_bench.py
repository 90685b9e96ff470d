"""Dashboard speed and memory benchmark: synthetic reports in a temporary store, timed at the server.

    .venv/bin/python benchmarks/dashboard_bench.py                 # 1,000,000 reports (takes a few minutes)
    .venv/bin/python benchmarks/dashboard_bench.py --reports 20000 --store /tmp/dash_store --keep

What it measures (with a real app process started on 127.0.0.1, requests from this process):
- first page: time until "/" and every Dash callback the page fires on load have answered;
- filter change: the callbacks one filter change fires (timeline, map, totals, notes, grid rows, URL),
  posted at once to /_dash-update-component like the browser does; the time until the last one has
  answered is the filter change's time (95th percentile reported), and the sum of their times too;
- PNG export: /api/chart.png, first (cold: starts Chromium) and warm;
- memory: peak resident set size of the app process (VmHWM).
Results go to stdout and, as JSON, to benchmarks/out/dashboard_bench.json. Requests stay on 127.0.0.1
and are bounded in count.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl import columns  # noqa: E402
from etl.store import Store  # noqa: E402

COUNTRIES = {
    "IRQ": ["Baghdad", "Mosul", "Kirkuk", "Basra", "Fallujah"],
    "SYR": ["Aleppo", "Idlib", "Deir ez-Zor", "Homs", "Raqqa"],
    "YEM": ["Sanaa", "Taiz", "Marib", "Hodeidah", "Aden"],
    "AFG": ["Kabul", "Kandahar", "Kunduz", "Jalalabad", "Herat"],
    "UKR": ["Kharkiv", "Donetsk", "Zaporizhzhia", "Kherson", "Odesa"],
    "SDN": ["Khartoum", "El Fasher", "Omdurman", "Nyala", "Kadugli"],
    "SOM": ["Mogadishu", "Baidoa", "Kismayo", "Beledweyne", "Afgooye"],
    "NGA": ["Maiduguri", "Zamfara", "Kaduna", "Borno", "Benue"],
    "MLI": ["Mopti", "Gao", "Timbuktu", "Segou", "Menaka"],
    "COD": ["Goma", "Beni", "Bunia", "Rutshuru", "Butembo"],
    "MMR": ["Sagaing", "Mandalay", "Myawaddy", "Lashio", "Hpakant"],
    "PSE": ["Gaza City", "Khan Younis", "Rafah", "Jenin", "Nablus"],
}
SOURCES = [None, None, "UN OHCHR", "Ministry of Health", "Ministry of Defence", "local officials", "police",
           "hospital officials", "witnesses", "the army"]
PERPETRATORS = [None, None, "government forces", "Islamic State", "al-Shabaab", "RSF", "unknown gunmen", "Houthis",
                "JNIM", "ADF"]
OUTLETS = ["Reuters", "AP", "AFP", "Al Jazeera", "BBC", "Local Herald"]
GROUP_WORDS = {"civilians": "civilians", "security_forces": "soldiers", "militants": "militants",
               "unknown": "people"}
QUALIFIER_PHRASE = {
    "exact": "{n}", "at_least": "at least {n}", "more_than": "more than {n}", "at_most": "up to {n}",
    "approximately": "about {n}", "range": "{lo} to {hi}", "vague": "dozens of",
}


def synthetic_batches(n_reports: int, seed: int = 7, per_batch: int = 100_000, hostile: bool = True):
    """Yield dicts of table frames (articles, figures, reports, notes) with n_reports reports in all."""
    rng = np.random.default_rng(seed)
    countries = list(COUNTRIES)
    made = 0
    article_no = 0
    start = pd.Timestamp("2015-01-01")
    days = (pd.Timestamp("2025-12-31") - start).days
    while made < n_reports:
        size = min(per_batch, n_reports - made)
        arts, figs, reps, notes = [], [], [], []
        while len(reps) < size:
            article_no += 1
            aid = f"a{article_no:012x}"
            k = int(min(rng.integers(1, 7), size - len(reps)))
            country = countries[int(rng.integers(len(countries)))]
            places = COUNTRIES[country]
            day = start + pd.Timedelta(days=int(rng.integers(days)))
            published = day + pd.Timedelta(days=int(rng.integers(0, 3)))
            outlet = OUTLETS[int(rng.integers(len(OUTLETS)))]
            sentences, offset = [], 0
            headline = f"Violence in {places[0]}"
            if hostile and article_no % 5000 == 1:
                headline = "<script>alert('title')</script> report"
            for j in range(k):
                place = places[int(rng.integers(len(places)))]
                group = columns.VICTIM_GROUPS[int(rng.choice(4, p=[0.5, 0.2, 0.2, 0.1]))]
                outcome = columns.OUTCOMES[int(rng.choice(3, p=[0.6, 0.3, 0.1]))]
                qualifier = columns.QUALIFIERS[int(rng.choice(7, p=[0.45, 0.15, 0.1, 0.03, 0.12, 0.1, 0.05]))]
                kind = "period_total" if rng.random() < 0.04 else "incident"
                best = int(rng.integers(1, 40)) if kind == "incident" else int(rng.integers(200, 20000))
                low = high = best
                if qualifier == "range":
                    low, high = best, best + int(rng.integers(1, 10))
                    best = (low + high) // 2
                elif qualifier in ("at_least", "more_than"):
                    low, high = best, None
                elif qualifier == "at_most":
                    low, high = None, best
                elif qualifier == "vague":
                    low, best, high = 24, 36, 99
                phrase = QUALIFIER_PHRASE[qualifier].format(n=f"{best:,}", lo=low, hi=high)
                source = SOURCES[int(rng.integers(len(SOURCES)))]
                perp = PERPETRATORS[int(rng.integers(len(PERPETRATORS)))]
                verb = {"killed": "killed", "injured": "injured", "casualties": "killed or wounded"}[outcome]
                if kind == "period_total":
                    lead = f"Since January, {phrase} {GROUP_WORDS[group]} have been {verb} in the country"
                else:
                    lead = f"{phrase[0].upper() + phrase[1:]} {GROUP_WORDS[group]} were {verb} in {place}"
                    if perp:
                        lead += f" in an attack by {perp}"
                sentence = lead + (f", {source} said." if source else ".")
                if hostile and article_no % 5000 == 1 and j == 0:
                    sentence = f"{sentence[:-1]} <script>alert(1)</script> <img src=x onerror=alert(2)>."
                span_in_sentence = sentence.index(phrase) if phrase in sentence else sentence.lower().index(phrase)
                sentence_start = offset
                span_start = sentence_start + span_in_sentence
                span_end = span_start + len(phrase)
                sentences.append(sentence)
                offset += len(sentence) + 1
                fid = f"{aid}:{span_start}-{span_end}"
                figs.append((fid, aid, sentence, sentence_start, span_start, span_end, phrase, outcome, group,
                             low, best, high, qualifier))
                if kind == "period_total":
                    s_date, e_date = pd.Timestamp(year=published.year, month=1, day=1), published
                else:
                    s_date = e_date = day
                reps.append((f"{aid}:{kind}:{outcome}:{group}:{j}", aid, kind, outcome, group, low, best, high,
                             qualifier, s_date, e_date, country, place if kind == "incident" else None, perp, source,
                             fid, sentence, span_start, span_end))
                if perp and source and rng.random() < 0.15:
                    note = f"{source} blamed {perp} for the attack."
                    notes.append((f"{aid}:n{offset}", aid, source, perp, note, offset, offset + len(note)))
                    sentences.append(note)
                    offset += len(note) + 1
            text = " ".join(sentences)
            arts.append((aid, f"synthetic-{article_no}", headline, f"https://news.example.org/{aid}", outlet,
                         "synthetic", published, False, len(text), text))
        made += len(reps)
        yield {
            "articles": _leading(arts, "articles"),
            "figures": _leading(figs, "figures"),
            "reports": _leading(reps, "reports"),
            "notes": _leading(notes, "notes").assign(stance="blames"),
        }


def _leading(rows: list[tuple], table: str) -> pd.DataFrame:
    """Rows that fill a table's leading columns; the columns added to the table since (rules, texts as written)
    are left empty, as a store written before them would have them."""
    names = list(columns.TABLES[table])
    return pd.DataFrame(rows, columns=names[: len(rows[0])] if rows else names).reindex(columns=names)


def fill_store(root: Path, n_reports: int, seed: int = 7) -> float:
    """Write n_reports synthetic reports into a store at root; returns seconds taken."""
    t0 = time.perf_counter()
    store = Store(root)
    for i, frames in enumerate(synthetic_batches(n_reports, seed)):
        store.write_batch(frames)
        print(f"  batch {i + 1}: {len(frames['reports']):,} reports written ({time.perf_counter() - t0:.0f} s)",
              flush=True)
    return time.perf_counter() - t0


# ------------------------------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, timeout: float = 600) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not answer within {timeout} s")


def server_seconds(resp) -> float:
    """The server's own time for a response, from its Server-Timing header (app;dur=<ms>)."""
    header = resp.headers.get("Server-Timing", "")
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name == "app" and params.startswith("dur="):
            return float(params[4:]) / 1000
    return float("nan")


def post_json(url: str, payload: dict) -> tuple[float, dict, float, float]:
    """POST JSON; (client seconds, answer, server seconds, client clock when sent)."""
    body = json.dumps(payload).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as resp:
        data = resp.read()
        server = server_seconds(resp)
    return time.perf_counter() - t0, (json.loads(data) if data else {}), server, t0


def get(url: str) -> tuple[float, bytes]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as resp:
        data = resp.read()
    return time.perf_counter() - t0, data


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pss_mb(pid: int) -> float:
    """Proportional set size: resident memory with pages shared between processes counted once overall."""
    with open(f"/proc/{pid}/smaps_rollup") as fh:
        for line in fh:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def descendants_pss_mb(pid: int) -> float:
    """Memory (PSS) of the process's children and their children (Chromium started by kaleido)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status") as fh:
                    for line in fh:
                        if line.startswith("PPid:"):
                            parents[int(entry)] = int(line.split()[1])
                            break
            except OSError:
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    total = 0.0
    for child in found:
        try:
            total += pss_mb(child)
        except OSError:
            continue
    return total


def callback_payloads(base: str) -> list[dict]:
    """The callbacks the overview page registers, as the renderer posts them (from /_dash-dependencies)."""
    deps = json.loads(urllib.request.urlopen(base + "/_dash-dependencies", timeout=30).read())
    return deps


FILTER_IDS = {
    "filter-country": "value", "filter-date": ("start_date", "end_date"), "filter-outcome": "value",
    "filter-group": "value", "filter-kind": "value", "filter-perpetrator": "value", "filter-source": "value",
    "filter-vague": "value", "view-interval": "value", "view-stack": "value", "view-measure": "value",
}


def scenario_values(rng: random.Random) -> dict[tuple[str, str], object]:
    """One random but realistic state of the overview's controls."""
    countries = rng.sample(list(COUNTRIES), rng.choice([0, 0, 1, 2, 3]))
    start_year = rng.choice([None, 2016, 2018, 2020, 2022])
    values: dict[tuple[str, str], object] = {
        ("filter-country", "value"): countries,
        ("filter-date", "start_date"): f"{start_year}-01-01" if start_year else None,
        ("filter-date", "end_date"): f"{start_year + rng.choice([1, 3])}-12-31" if start_year else None,
        ("filter-outcome", "value"): rng.choice([[], ["killed"], ["injured"], ["killed", "injured"]]),
        ("filter-group", "value"): rng.choice([[], ["civilians"], ["civilians", "security_forces"]]),
        ("filter-kind", "value"): rng.choice([[], ["incident"]]),
        ("filter-perpetrator", "value"): rng.choice([[], ["Islamic State"], ["RSF", "JNIM"]]),
        ("filter-source", "value"): rng.choice([[], [], ["UN OHCHR"], ["Ministry of Health", "police"]]),
        ("filter-vague", "value"): rng.choice([True, False]),
        ("view-interval", "value"): rng.choice(["day", "week", "month", "month", "year"]),
        ("view-stack", "value"): rng.choice(["outcome", "victim_group"]),
        ("view-measure", "value"): rng.choice(["best", "band"]),
        ("download-hxl", "value"): False,
        ("table-selection", "data"): None,
        ("data-version", "data"): 0,
    }
    return values


def parse_outputs(output: str) -> list[dict] | dict:
    """Dash's output spec ('id.prop' or '..id1.prop1...id2.prop2..') as the request's `outputs`."""
    if output.startswith(".."):
        specs = output[2:-2].split("...")
        return [{"id": s.rsplit(".", 1)[0], "property": s.rsplit(".", 1)[1]} for s in specs]
    return {"id": output.rsplit(".", 1)[0], "property": output.rsplit(".", 1)[1]}


def build_request(dep: dict, values: dict, extra: dict) -> dict:
    """A /_dash-update-component body for one callback from its dependency entry and control values."""

    def fill(items: list[dict]) -> list[dict]:
        out = []
        for item in items:
            key = (item["id"], item["property"])
            value = extra.get(key, values.get(key))
            out.append({"id": item["id"], "property": item["property"], "value": value})
        return out

    return {
        "output": dep["output"],
        "outputs": parse_outputs(dep["output"]),
        "inputs": fill(dep["inputs"]),
        "state": fill(dep["state"]),
        "changedPropIds": [],
    }


def run(args: argparse.Namespace) -> dict:
    results: dict = {"reports": args.reports}
    store_dir = Path(args.store) if args.store else Path(tempfile.mkdtemp(prefix="dash_bench_"))
    if Store(store_dir).is_empty():
        print(f"generating {args.reports:,} synthetic reports into {store_dir} ...", flush=True)
        results["generate_seconds"] = round(fill_store(store_dir, args.reports), 1)
    else:
        print(f"using the existing store {store_dir}", flush=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # the callbacks' answers are not kept (dashboard/callback_cache.py): the bench times computing a filter change,
    # as its earlier figures did; CASUALTY_CALLBACK_CACHE=1 in the environment times the server as deployed
    env = {"CASUALTY_CALLBACK_CACHE": "0", **os.environ, "CASUALTY_STORE": str(store_dir)}
    t_launch = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--port", str(port), "--no-sample"], env=env, cwd=str(ROOT),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        wait_up(base + "/api/health", timeout=900)
        results["server_up_seconds"] = round(time.perf_counter() - t_launch, 2)
        rng = random.Random(11)
        deps = [d for d in callback_payloads(base) if not d.get("clientside_function")]
        page_deps = [d for d in deps if any(i["id"].startswith("filter-") for i in d["inputs"])]
        grid_dep = next(d for d in deps if "getRowsResponse" in d["output"])

        def fire(values: dict, extra: dict | None = None) -> dict[str, float]:
            """Post the callbacks of one filter change at once, as the browser does (it runs up to six
            requests in parallel). Returns seconds: 'client' until the last answer arrived, 'server_max' the
            longest server time of one of them, 'server_sum' their server times added up, and per callback."""
            grid_req = {("reports-grid", "getRowsRequest"): {"startRow": 0, "endRow": 100, "sortModel": [],
                                                              "filterModel": {}}}
            jobs = {dep["output"]: build_request(dep, values, extra or {}) for dep in page_deps}
            jobs["grid"] = build_request(grid_dep, values, {**(extra or {}), **grid_req})
            url = base + "/_dash-update-component"
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=6) as pool:
                futures = {name: pool.submit(post_json, url, body) for name, body in jobs.items()}
                answers = {name: future.result() for name, future in futures.items()}
            out = {"client": time.perf_counter() - t0,
                   "server_max": max(a[2] for a in answers.values()),
                   "server_sum": sum(a[2] for a in answers.values())}
            out.update({name: a[2] for name, a in answers.items()})
            return out

        # first page: HTML + layout + dependencies + the callbacks of the initial state
        default = {k: v for k, v in scenario_values(rng).items()}
        default.update({("filter-country", "value"): [], ("filter-date", "start_date"): None,
                        ("filter-date", "end_date"): None, ("filter-outcome", "value"): [],
                        ("filter-group", "value"): [], ("filter-kind", "value"): [],
                        ("filter-perpetrator", "value"): [], ("filter-source", "value"): [],
                        ("filter-vague", "value"): True, ("view-interval", "value"): "month",
                        ("view-stack", "value"): "outcome", ("view-measure", "value"): "best"})
        t0 = time.perf_counter()
        get(base + "/")
        get(base + "/_dash-layout")
        get(base + "/_dash-dependencies")
        cold_cb = fire(default)["client"]
        results["first_page_cold_seconds"] = round(time.perf_counter() - t0, 3)
        results["first_page_cold_callbacks_seconds"] = round(cold_cb, 3)
        t0 = time.perf_counter()
        get(base + "/")
        get(base + "/_dash-layout")
        get(base + "/_dash-dependencies")
        fire(default)
        results["first_page_warm_seconds"] = round(time.perf_counter() - t0, 3)

        # filter changes: a bounded number of random states
        runs = [fire(scenario_values(rng)) for _ in range(args.changes)]

        def stats(values: list[float]) -> dict[str, float]:
            ms = sorted(v * 1000 for v in values)
            return {"n": len(ms), "median": round(statistics.median(ms), 1),
                    "p95": round(float(np.percentile(ms, 95)), 1), "max": round(ms[-1], 1)}

        results["filter_change_server_ms"] = stats([r["server_max"] for r in runs])
        results["filter_change_server_summed_ms"] = stats([r["server_sum"] for r in runs])
        results["filter_change_client_ms"] = stats([r["client"] for r in runs])
        names = [k for k in runs[0] if k not in ("client", "server_max", "server_sum")]
        results["per_callback_server_p95_ms"] = {
            name.split("...")[0].strip("."): stats([r[name] for r in runs])["p95"] for name in names
        }
        # PNG export
        cold, _ = get(base + "/api/chart.png?interval=month")
        warm = [get(base + f"/api/chart.png?interval={i}")[0] for i in ("month", "year", "week", "month", "day")]
        results["png_cold_seconds"] = round(cold, 2)
        results["load_average"] = os.getloadavg()
        results["png_warm_seconds"] = {"median": round(statistics.median(warm), 3), "max": round(max(warm), 3)}
        map_warm = [get(base + "/api/chart.png?chart=map")[0] for _ in range(3)]
        results["map_png_warm_seconds"] = round(max(map_warm[1:]), 3)
        csv_s, csv = get(base + "/api/reports.csv?country=IRQ")
        results["csv_one_country"] = {"seconds": round(csv_s, 2), "megabytes": round(len(csv) / 1e6, 1)}
        results["app_peak_rss_mb"] = round(peak_rss_mb(proc.pid), 1)
        results["app_rss_mb_end"] = round(rss_mb(proc.pid), 1)
        results["app_pss_mb_end"] = round(pss_mb(proc.pid), 1)
        results["chromium_pss_mb"] = round(descendants_pss_mb(proc.pid), 1)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        if not args.keep and not args.store:
            shutil.rmtree(store_dir, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--store", help="store directory to use (filled if empty; kept)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store")
    parser.add_argument("--changes", type=int, default=60, help="filter changes to time")
    parser.add_argument("--generate-only", action="store_true", help="fill --store and exit")
    args = parser.parse_args()
    if args.generate_only:
        if not args.store:
            parser.error("--generate-only needs --store")
        print(f"{fill_store(Path(args.store), args.reports):.0f} s")
        return
    results = run(args)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "dashboard_bench.json").write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
