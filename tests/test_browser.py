"""Headless-browser tests of the dashboard: a real app process over a temp store, driven by Chromium.

One store per session (data/sample plus a hostile article), one app process, one browser; each test
gets a fresh browser context. Screenshots of the main views go to tests/screenshots/.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "tests" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROWS = "#reports-grid .ag-center-cols-container .ag-row"
COUNTRY_CELLS = '#reports-grid .ag-center-cols-container [col-id="country_code"]'
TIMEOUT_MS = 30_000
ANALYST, ANALYST_PASSWORD = "browser.test", "a browser test password"
"""The analyst account the test app knows (made with `python -m etl users add`)."""

XSS_ARTICLE = """Militants attack market in Kidal

Militants stormed a market in Kidal <script>window.__xss=1</script> region on Tuesday.

Gunmen killed 9 traders at the market in Kidal, Mali on Tuesday <img src=x onerror="window.__xss=2">, officials said.
"""
UPLOAD_ARTICLE = """Gunmen attack village in Zamfara

GUSAU, Nigeria (Example Wire) - Gunmen killed 17 villagers in Zamfara state on Monday, police said.
Residents said the attackers arrived on motorcycles and burned several houses.
"""


# ------------------------------------------------------------------------------------------ fixtures


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temp store with data/sample and an article carrying script/img markup."""
    base = tmp_path_factory.mktemp("browser")
    xss = base / "kidal-market-attack.txt"
    xss.write_text(XSS_ARTICLE, encoding="utf-8")
    store = base / "store"
    run = subprocess.run(
        [sys.executable, "-m", "etl", "--store", str(store), "ingest", str(ROOT / "data" / "sample"), str(xss),
         "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    # exit 1 means "some inputs had errors" (reported per file); the store is still usable
    assert run.returncode in (0, 1), run.stderr[-2000:]
    account = subprocess.run(
        [sys.executable, "-m", "etl", "--store", str(store), "users", "add", ANALYST, "--password-stdin"],
        cwd=ROOT, input=ANALYST_PASSWORD + "\n", capture_output=True, text=True, timeout=60,
    )
    assert account.returncode == 0, account.stderr
    return store


@pytest.fixture(scope="session")
def base_url(store_dir: Path) -> Iterator[str]:
    """The app served from a subprocess over the temp store; killed at the end."""
    port = _free_port()
    env = {**os.environ, "CASUALTY_STORE": str(store_dir), "CASUALTY_NO_SAMPLE": "1",
           "CASUALTY_SECRET_KEY": "browser-tests-" + "k" * 40}
    log = open(store_dir.parent / "app.log", "w+b")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"app exited with {proc.returncode}: {log.read()[-2000:].decode(errors='replace')}")
            try:  # /api/health also waits for the store's warm-up load (see the report on startup races)
                if _get(url + "/", timeout=5)[0] == 200 and _get(url + "/api/health", timeout=30)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("app did not answer GET / within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                  base_url=base_url)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()


# ------------------------------------------------------------------------------------------ helpers


def login(pg: object) -> None:
    """Sign in as the test analyst (the session cookie stays with the page's browser context)."""
    pg.goto("/login")
    pg.fill("#login-name", ANALYST)
    pg.fill("#login-password", ANALYST_PASSWORD)
    pg.click("#login-submit")
    pg.wait_for_url(re.compile(r"/$"))


def callback_body(base_url: str, output_id: str, values: dict, changed: str) -> dict:
    """The body the browser would post for the callback writing `output_id`."""
    deps = json.loads(_get(f"{base_url}/_dash-dependencies")[1])
    dep = next(d for d in deps if f"{output_id}." in d["output"] and not d.get("clientside_function"))
    outputs = [{"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]}
               for part in dep["output"].strip(".").split("...")]
    return {"output": dep["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": [{**i, "value": values.get((i["id"], i["property"]))} for i in dep["inputs"]],
            "state": [{**x, "value": values.get((x["id"], x["property"]))} for x in dep["state"]],
            "changedPropIds": [changed]}


def api_reports(base_url: str, **params: str) -> dict:
    status, body = _get(f"{base_url}/api/reports.json?{urlencode({**params, 'limit': 50000})}")
    assert status == 200
    return json.loads(body)


def wait_url_has(pg: object, part: str) -> None:
    """Wait until the address bar's query holds `part`: it follows the filters in its own callback."""
    pg.wait_for_function("part => window.location.search.includes(part)", arg=part)


def wait_loaded(pg: object) -> None:
    """Wait for the timeline's bars and the grid's first rows."""
    pg.wait_for_selector("#timeline .js-plotly-plot .main-svg", state="attached")
    pg.wait_for_selector(ROWS)
    pg.wait_for_function("document.getElementById('reports-count').innerText.trim().length > 0")


def shown_count(pg: object) -> int:
    text = pg.inner_text("#reports-count")
    match = re.search(r"([\d,]+) report", text)
    assert match, text
    return int(match.group(1).replace(",", ""))


def wait_count(pg: object, expected: int) -> None:
    pg.wait_for_function(
        "n => { const t = document.getElementById('reports-count').innerText.replace(/,/g, '');"
        " const m = t.match(/(\\d+) report/); return m && Number(m[1]) === n; }",
        arg=expected,
    )


def wait_chart_changed(pg: object, before: list[dict]) -> None:
    """Wait until the timeline's bar heights differ from `before` (timeline_data of an earlier moment)."""
    pg.wait_for_function(
        "before => JSON.stringify((document.querySelector('#timeline .js-plotly-plot').data || [])"
        ".map(t => Array.from(t.y || []).map(Number))) !== before",
        arg=json.dumps([t["y"] for t in before]),
    )


def timeline_data(pg: object) -> list[dict]:
    """The timeline's plotted traces (type, name, x, y) as the browser holds them."""
    return pg.evaluate(
        """() => (document.querySelector('#timeline .js-plotly-plot').data || []).map(t => ({
            type: t.type, name: t.name || '', x: Array.from(t.x || []).map(String),
            y: Array.from(t.y || []).map(Number)}))"""
    )


def grid_countries(pg: object) -> list[str]:
    return [t.strip() for t in pg.locator(COUNTRY_CELLS).all_inner_texts()]


def choose_country(pg: object, name: str) -> None:
    pg.click("#filter-country")
    pg.fill("input.dash-dropdown-search", name)
    pg.locator('[role="option"]', has_text=name).first.click()
    pg.keyboard.press("Escape")


def set_dates(pg: object, start: str, end: str) -> None:
    for selector, value in (("#filter-date", start), ("#filter-date-end-date", end)):
        pg.fill(selector, value)
        pg.press(selector, "Enter")
    pg.keyboard.press("Escape")


def wait_grid_countries(pg: object, name: str) -> None:
    pg.wait_for_function(
        """([sel, name]) => { const cells = [...document.querySelectorAll(sel)];
            return cells.length > 0 && cells.every(c => c.innerText.trim() === name); }""",
        arg=[COUNTRY_CELLS, name],
    )


def busiest_country(base_url: str) -> tuple[str, int]:
    rows = api_reports(base_url)["rows"]
    counts: dict[str, int] = {}
    for row in rows:
        if row["country_code"]:
            counts[row["country_code"]] = counts.get(row["country_code"], 0) + 1
    code = max(counts, key=counts.get)
    return code, counts[code]


def country_name(code: str) -> str:
    from dashboard import labels

    return labels.country_name(code)


# ------------------------------------------------------------------------------------------ tests


def test_overview_loads_chart_map_and_grid(page: object, base_url: str) -> None:
    total = api_reports(base_url)["count"]
    assert total > 0, "the temp store holds no reports"
    page.goto("/")
    wait_loaded(page)
    traces = timeline_data(page)
    assert traces and any(sum(t["y"]) > 0 for t in traces)
    assert page.locator("#timeline .barlayer .point path, #timeline .scatterlayer .trace").count() > 0
    page.wait_for_selector("#map .js-plotly-plot .main-svg", state="attached")
    assert page.evaluate("(document.querySelector('#map .js-plotly-plot').data || []).length") > 0
    assert page.locator(ROWS).count() > 0
    wait_count(page, total)
    wait_chart_summaries(page)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)


def wait_chart_summaries(page: object) -> None:
    """Wait until each chart's numbers in words are shown under it (a busy machine answers late)."""
    for chart in ("timeline", "map"):
        page.wait_for_function(f"(document.getElementById('{chart}-summary-text') || {{innerText: ''}})"
                               ".innerText.length > 10", timeout=TIMEOUT_MS)


def test_country_and_date_filters_change_chart_and_table(page: object, base_url: str) -> None:
    code, n = busiest_country(base_url)
    name = country_name(code)
    page.goto("/")
    wait_loaded(page)
    before = timeline_data(page)
    total = shown_count(page)
    assert n < total

    choose_country(page, name)
    wait_count(page, n)
    wait_grid_countries(page, name)
    assert all(c == name for c in grid_countries(page))
    wait_chart_changed(page, before)
    assert timeline_data(page) != before
    wait_url_has(page, f"country={code}")

    rows = api_reports(base_url, country=code)["rows"]
    dates = sorted(r["start_date"] or r["published"] for r in rows if r["start_date"] or r["published"])
    start, end = dates[0][:10], dates[len(dates) // 2][:10]
    expected = api_reports(base_url, country=code, **{"from": start, "to": end})["count"]
    assert 0 < expected < n, (start, end, expected, n)
    filtered_chart = timeline_data(page)
    set_dates(page, start, end)
    wait_count(page, expected)
    wait_grid_countries(page, name)
    wait_chart_changed(page, filtered_chart)  # the timeline's callback may answer after the grid's
    assert timeline_data(page) != filtered_chart
    wait_url_has(page, f"from={start}")
    wait_url_has(page, f"to={end}")
    page.screenshot(path=str(SHOTS / "filtered.png"), full_page=True)


def test_clicked_bar_filters_table(page: object) -> None:
    page.goto("/")
    wait_loaded(page)
    total = shown_count(page)
    bars = page.locator("#timeline .barlayer .point path")
    assert bars.count() > 0
    info = page.evaluate(
        """() => { let best = null;
            for (const path of document.querySelectorAll('#timeline .barlayer .point path')) {
                const r = path.getBoundingClientRect();
                if (r.width < 2 || r.height < 2) continue;
                const point = path.parentNode.__data__, trace = path.closest('.trace').__data__[0].trace;
                const custom = trace.customdata && trace.customdata[point.i];
                if (!custom) continue;
                if (!best || r.height > best.h) best = {x: r.x + r.width / 2, y: r.y + r.height / 2,
                                                         h: r.height, custom: Array.from(custom)};
            } return best; }"""
    )
    assert info, "no clickable bar with customdata"
    reports = int(info["custom"][4])
    assert 0 < reports < total
    page.mouse.move(info["x"], info["y"])
    page.mouse.click(info["x"], info["y"])
    page.wait_for_selector("#selection-badge:not([hidden])")
    wait_count(page, reports)
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === Math.min(n, 10) || "
        "document.querySelectorAll(sel).length === n", arg=[ROWS, reports],
    )
    assert page.locator(ROWS).count() <= reports
    wait_url_has(page, "drill_period=")  # the drill-down is kept in the link: a reload keeps it
    page.reload()
    wait_loaded(page)
    page.wait_for_selector("#selection-badge:not([hidden])")
    wait_count(page, reports)
    page.click("#selection-clear")
    wait_count(page, total)


def test_csv_download_holds_only_filtered_rows(page: object, base_url: str) -> None:
    code, n = busiest_country(base_url)
    page.goto(f"/?country={code}")
    wait_loaded(page)
    wait_count(page, n)
    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == n
    assert {r["country_code"] for r in rows} == {code}


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_chart_exports_are_valid_images(page: object, base_url: str, fmt: str) -> None:
    code, _ = busiest_country(base_url)
    page.goto(f"/?country={code}")
    wait_loaded(page)
    button = page.locator(f"#export-timeline-{fmt}")
    page.wait_for_function(
        "([id, code]) => document.getElementById(id).getAttribute('href').includes('country=' + code)",
        arg=[f"export-timeline-{fmt}", code],
    )
    with page.expect_download(timeout=90_000) as info:
        button.click()
    body = Path(info.value.path()).read_bytes()
    if fmt == "png":
        assert body.startswith(b"\x89PNG\r\n\x1a\n"), body[:200]
        assert len(body) > 1000
    else:
        head = body[:2000].decode("utf-8", errors="replace")
        assert re.search(r"<svg[\s>]", head), head[:300]
        assert body.rstrip().endswith(b"</svg>")


def test_url_filters_restore_in_fresh_context(browser: object, base_url: str) -> None:
    code, n = busiest_country(base_url)
    name = country_name(code)
    rows = api_reports(base_url, country=code)["rows"]
    dates = sorted((r["start_date"] or r["published"])[:10] for r in rows if r["start_date"] or r["published"])
    start, end = dates[0], dates[-1]
    expected = api_reports(base_url, country=code, **{"from": start, "to": end})["count"]
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base_url)
    try:
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.goto(f"/?{urlencode({'country': code, 'from': start, 'to': end, 'interval': 'year'})}")
        wait_loaded(pg)
        assert name in pg.inner_text("#filter-country")
        assert pg.input_value("#filter-date") == start
        assert pg.input_value("#filter-date-end-date") == end
        assert pg.locator('#view-interval input[value="year"]').is_checked()
        wait_count(pg, expected)
        wait_grid_countries(pg, name)
    finally:
        context.close()


def test_markup_in_articles_is_shown_as_text(page: object, base_url: str) -> None:
    rows = [r for r in api_reports(base_url)["rows"] if "Kidal" in (r["sentence"] or "")]
    if not rows:
        pytest.xfail("the Kidal article with markup produced no report (extraction), nothing to render")
    page.goto("/?country=MLI")
    wait_loaded(page)
    page.wait_for_timeout(1000)
    # the grid shows only the rows in view; when the Kidal row is among them its markup must be text
    text = " ".join(page.locator("#reports-grid .sentence-cell").all_inner_texts())
    if "Kidal" in text:
        assert "<img src=x" in text
    assert page.locator("#reports-grid img[src='x'], #reports-grid script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    # the article page shows the full text, markup included, as text
    page.goto(f"/article?id={rows[0]['article_id']}")
    page.wait_for_function("document.body.innerText.includes('Kidal')")
    page.wait_for_timeout(500)
    body = page.inner_text("body")
    assert "<script>window.__xss=1</script>" in body or "<img src=x" in body
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_pages_screenshots(page: object) -> None:
    page.goto("/compare")
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached")
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "compare.png"), full_page=True)
    page.goto("/about")
    page.wait_for_selector("h1, h2")
    page.wait_for_timeout(300)
    assert len(page.inner_text("body")) > 200
    page.screenshot(path=str(SHOTS / "about.png"), full_page=True)


def test_uploaded_article_appears_in_table(page: object, base_url: str, tmp_path: Path) -> None:
    """Runs last: it adds a report to the shared store."""
    article = tmp_path / "zamfara-village-attack.txt"
    article.write_text(UPLOAD_ARTICLE, encoding="utf-8")
    before = api_reports(base_url, country="NGA")["count"]
    login(page)
    page.goto("/?country=NGA")
    wait_loaded(page)
    wait_count(page, before)
    assert ANALYST in page.inner_text("#upload-signed-in")
    hint = page.inner_text("#upload-hint")
    assert "Up to 10 MB per file and 30 MB in all" in hint
    page.fill("#upload-outlet", "Browser Outlet")
    page.set_input_files("#upload input[type=file]", str(article))
    page.wait_for_selector("#upload-status .alert", timeout=60_000)  # polled: the request returned at once
    status = page.inner_text("#upload-status")
    wait_count(page, before + 1)
    added = [r for r in api_reports(base_url, country="NGA")["rows"]
             if "Gunmen killed 17 villagers in Zamfara" in (r["sentence"] or "")]
    assert added and added[0]["count_best"] == 17 and added[0]["source"] == "Browser Outlet"
    assert "zamfara" in status.lower() or "1" in status
    # the text gives no date and none was entered: the page says the timeline leaves it out, and lists it
    assert added[0]["start_date"] is None and added[0]["published"] is None
    page.wait_for_selector("#undated-line:not([hidden])")
    assert "has no date" in page.inner_text("#undated-text") or "have no date" in page.inner_text("#undated-text")
    page.click("#undated-show")
    page.wait_for_selector("#selection-badge:not([hidden])")
    page.wait_for_selector(f'{ROWS}[row-id="{added[0]["report_id"]}"]')
    page.screenshot(path=str(SHOTS / "undated.png"), full_page=False)


def _totals_number(pg: object, element: str) -> int:
    return int(pg.inner_text(f"#{element}").replace(",", "").strip())


def test_events_are_counted_by_default(page: object, base_url: str) -> None:
    """The overview counts events: the totals say how many reports became how many events, and how many
    reports were merged (those sharing an event) into how many events."""
    page.goto("/")
    wait_loaded(page)
    totals = json.loads(_get(f"{base_url}/api/totals.json")[1])
    assert totals["events"] < totals["reports"]
    page.wait_for_function(  # the totals fill in their own callback
        "n => { const e = document.getElementById('totals-events');"
        " return e && Number(e.innerText.replace(/,/g, '')) === n; }",
        arg=totals["events"],
    )
    assert 0 < totals["merged_events"] < totals["events"] and totals["merged_reports"] < totals["reports"]
    merged = (f"{totals['reports']:,} reports → {totals['events']:,} events ({totals['merged_reports']:,} reports "
              f"from several articles merged into {totals['merged_events']:,} events)")
    assert merged in page.inner_text("#totals")
    page.get_by_text("Raw reports").click()
    page.wait_for_selector("#totals-events", state="detached")
    # The address bar follows the filters in its own callback, which may land after the totals.
    wait_url_has(page, "unit=reports")


def test_review_correction_changes_chart_and_totals(page: object, base_url: str) -> None:
    """Corrects a report's best count in the review panel; totals and timeline follow (runs after the upload)."""
    query = "unit=reports&outcome=killed&kind=incident"
    login(page)
    page.goto(f"/?{query}")
    wait_loaded(page)
    page.wait_for_function("document.getElementById('totals-killed').innerText.trim() !== '—'")
    total_before = _totals_number(page, "totals-killed")
    bars_before = sum(sum(t["y"]) for t in timeline_data(page) if t["type"] == "bar")
    # the grid fills its cells after the row appears: wait for the first row's count
    page.wait_for_function(
        "sel => { const c = document.querySelector(sel); return c && c.innerText.trim() !== ''; }",
        arg=f'{ROWS} [col-id="count_best"]',
    )
    first = page.locator(ROWS).first
    report_id = first.get_attribute("row-id")
    best = int(first.locator('[col-id="count_best"]').inner_text().replace(",", "").strip())
    first.locator(".ag-selection-checkbox input").check()
    page.wait_for_function(f"document.getElementById('review-selected').innerText.includes('{report_id}')")
    assert page.inner_text("#review-user") == ANALYST  # decisions are recorded under the signed-in analyst
    page.fill("#review-reason", "toll confirmed by the hospital")
    page.fill("#review-value", str(best + 1000))
    page.click("#review-correct")
    page.wait_for_selector("#review-status .alert-success")
    page.wait_for_function(
        "n => Number(document.getElementById('totals-killed').innerText.replace(/,/g, '')) === n",
        arg=total_before + 1000,
    )
    page.wait_for_function(
        """n => { const g = document.querySelector('#timeline .js-plotly-plot');
            return g && g.data && g.data.filter(t => t.type === 'bar')
                .reduce((s, t) => s + Array.from(t.y || []).reduce((a, b) => a + Number(b), 0), 0) === n; }""",
        arg=bars_before + 1000,
    )
    row = next(r for r in api_reports(base_url, unit="reports")["rows"] if r["report_id"] == report_id)
    assert row["count_best"] == best + 1000 and row["review_status"] == "corrected"
    page.get_by_role("tab", name="Decisions").click()
    page.wait_for_selector(f"#decisions-grid .ag-row:has-text('{ANALYST}')")
    status, body = _get(f"{base_url}/api/decisions.jsonl")
    decision = json.loads(body.decode().strip().splitlines()[-1])
    assert status == 200 and decision["reviewer"] == ANALYST and decision["value"] == str(best + 1000)
    assert decision["rationale"] == "toll confirmed by the hospital" and decision["decided_at"]


def _row(pg: object, report_id: str) -> object:
    return pg.locator(f'{ROWS}[row-id="{report_id}"]')


def test_review_asks_why_and_a_rejection_can_be_taken_back(page: object, base_url: str) -> None:
    """At 1500 px the review and event columns are in view; a rejection needs a reason, the panel follows each
    decision, and a rejected report is listed again with "Show rejected reports" to be accepted back."""
    page.set_viewport_size({"width": 1500, "height": 1000})
    login(page)
    page.goto("/?unit=reports&kind=incident")
    wait_loaded(page)
    grid = page.locator("#reports-grid").bounding_box()
    for column in ("review_status", "event_id", "n_ev"):
        cell = page.locator(f'#reports-grid .ag-header-cell[col-id="{column}"]').bounding_box()
        assert cell and cell["x"] + cell["width"] <= grid["x"] + grid["width"], column
    total = shown_count(page)
    page.wait_for_function(  # the grid fills its cells after the row appears
        "sel => { const c = document.querySelector(sel); return c && c.innerText.trim() !== ''; }",
        arg=f'{ROWS} [col-id="review_status"]')
    # a report no other test has reviewed (a corrected one stays corrected when accepted)
    first = page.locator(ROWS).filter(has=page.locator('[col-id="review_status"]', has_text="unreviewed")).first
    report_id = first.get_attribute("row-id")
    first.locator(".ag-selection-checkbox input").check()
    selected = "#review-selected .event-reports"
    page.wait_for_function("([sel, id]) => (document.querySelector(sel) || {innerText: ''}).innerText.includes(id)",
                           arg=[selected, report_id])
    page.fill("#review-reason", "")
    page.click("#review-reject")
    page.wait_for_selector("#review-status .alert-warning")
    assert "Say why" in page.inner_text("#review-status")
    assert "is-invalid" in (page.get_attribute("#review-reason", "class") or "")
    assert api_reports(base_url, unit="reports", kind="incident")["count"] == total  # nothing recorded

    def panel_says(status: str) -> None:  # a decision unticks its rows; ticked again, the panel says what it did
        page.wait_for_function("document.querySelectorAll('#reports-grid .ag-row-selected').length === 0")
        row = _row(page, report_id)
        row.wait_for()
        row.locator(".ag-selection-checkbox input").check()
        page.wait_for_function(
            "([sel, id, status]) => [...document.querySelectorAll(sel + ' li')].some("
            "li => li.innerText.includes(id + ' ·') && li.innerText.includes('· ' + status + ' ·'))",
            arg=[selected, report_id, status])

    page.fill("#review-reason", "an age, not a toll")
    page.click("#review-reject")
    page.wait_for_selector("#review-status .alert-success")
    wait_count(page, total - 1)
    page.click("label[for=reports-rejected]")
    page.wait_for_function("document.getElementById('reports-count').innerText.includes('+ 1 rejected')")
    panel_says("rejected")
    row = _row(page, report_id)
    assert "report-rejected" in (row.get_attribute("class") or "")
    page.fill("#review-reason", "")  # optional for an accept
    page.click("#review-accept")
    page.wait_for_selector("#review-status .alert-success:has-text('accepted')")
    panel_says("accepted")
    page.wait_for_function("document.getElementById('reports-count').innerText.includes('+ 0 rejected')")
    page.wait_for_function(
        "sel => { const c = document.querySelector(sel); return c && c.innerText.trim() === 'accepted'; }",
        arg=f'{ROWS}[row-id="{report_id}"] [col-id="review_status"]')
    wait_count(page, total)
    decisions = [json.loads(line) for line in _get(f"{base_url}/api/decisions.jsonl")[1].decode().splitlines()]
    mine = [d for d in decisions if d["reviewer"] == ANALYST and d["report_id"] == report_id]
    assert [(d["action"], d["rationale"]) for d in mine][-2:] == [("reject", "an age, not a toll"), ("accept", None)]


def test_decisions_tab_reports_skipped_lines_and_orphans(page: object, base_url: str, tmp_path: Path) -> None:
    """Importing a log with garbage lines says which lines were skipped and why; a decision that finds no
    report is flagged in the Decisions tab with a count."""
    orphan = {"action": "accept", "reviewer": "Other Team", "rationale": "seen on TV", "report_id": "r-gone",
              "decided_at": "2026-01-02T03:04:05+00:00",
              "match_key": "no-such-article|killed|civilians|abc|1|3|12"}
    log = tmp_path / "their-decisions.jsonl"
    log.write_text("\n".join([json.dumps(orphan), "garbage", '["a list"]', json.dumps({"action": "explode"})]) + "\n",
                   encoding="utf-8")
    login(page)
    page.goto("/")
    wait_loaded(page)
    page.get_by_role("tab", name="Decisions").click()
    page.set_input_files("#decisions-upload input[type=file]", str(log))
    page.wait_for_selector("#decisions-status .alert")
    status = page.inner_text("#decisions-status")
    assert "1 new decision imported; 3 lines skipped" in status, status
    assert "line 2: not a JSON line" in status and "line 3: not a JSON object" in status
    assert "line 4: decision skipped" in status
    page.wait_for_selector("#decisions-grid .ag-row:has-text('Other Team')")
    page.wait_for_function("document.getElementById('decisions-orphans').innerText.includes('no longer find')")
    assert re.search(r"\d+ decisions? no longer finds? (its|their) report", page.inner_text("#decisions-orphans"))
    logged = len(_get(f"{base_url}/api/decisions.jsonl")[1].decode().splitlines())
    page.wait_for_function(  # one row per decision (first page of 20)
        "n => document.querySelectorAll('#decisions-grid .ag-center-cols-container .ag-row').length === n",
        arg=min(logged, 20))
    row = page.locator("#decisions-grid .ag-row:has-text('Other Team')").first
    assert "decision-orphaned" in (row.get_attribute("class") or "")
    assert "no report" in row.inner_text()


def test_an_anonymous_visitor_reads_but_cannot_decide_or_upload(page: object, base_url: str) -> None:
    """Reading is open; the review buttons and the upload area are disabled, and posting their callbacks by
    hand (as a script on the page could) is refused by the server with 401."""
    page.goto("/")
    wait_loaded(page)
    assert shown_count(page) > 0
    assert "Sign in" in page.inner_text("#review-anonymous") and "Sign in" in page.inner_text("#upload-anonymous")
    for button in ("#review-accept", "#review-reject", "#review-correct", "#review-merge", "#review-split"):
        assert page.is_disabled(button), button
    assert page.locator("#upload input[type=file]").is_disabled()
    first = page.locator(ROWS).first
    report_id = first.get_attribute("row-id")
    before = _get(f"{base_url}/api/decisions.jsonl")[1]
    post = "body => fetch('/_dash-update-component', {method: 'POST', headers: {'Content-Type': " \
           "'application/json'}, body: JSON.stringify(body)}).then(r => r.status)"
    review = callback_body(base_url, "review-status", {
        ("review-reject", "n_clicks"): 1, ("reports-grid", "selectedRows"): [{"report_id": report_id}],
        ("review-reason", "value"): "drive-by", ("data-version", "data"): 0}, "review-reject.n_clicks")
    assert page.evaluate(post, review) == 401
    upload = callback_body(base_url, "upload-status", {
        ("upload", "contents"): ["data:text/plain;base64,R3VubWVuIGtpbGxlZCA5Lg=="],
        ("upload", "filename"): ["drive-by.txt"]}, "upload.contents")
    assert page.evaluate(post, upload) == 401
    assert _get(f"{base_url}/api/decisions.jsonl")[1] == before
    page.screenshot(path=str(SHOTS / "anonymous.png"), full_page=False)


COUNTED_FILTERS = ["/?country=SYR&outcome=killed", "/", "/?from=2021-01-01&to=2022-12-31&outcome=injured"]


@pytest.mark.parametrize("url", COUNTED_FILTERS)
def test_downloaded_csv_counted_rows_sum_to_the_totals_shown(page: object, base_url: str, url: str) -> None:
    """Every total on the page is reproducible from its download: the rows marked counted add up to it."""
    page.goto(url)
    wait_loaded(page)
    query = url.split("?", 1)[1] if "?" in url else ""
    totals = json.loads(_get(f"{base_url}/api/totals.json?{query}")[1])["outcomes"]
    shown = {}
    for outcome, figures in totals.items():
        page.wait_for_function(
            "([id, n]) => { const e = document.getElementById(id);"
            " return e && Number(e.innerText.replace(/,/g, '')) === n; }",
            arg=[f"totals-{outcome}", figures["best"]],
        )
        shown[outcome] = _totals_number(page, f"totals-{outcome}")
    assert shown, "no totals on the page"
    with page.expect_download() as info:
        page.click("#download-csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows and {"counted", "counted_best", "event_id"} <= set(rows[0])
    for outcome, number in shown.items():
        counted = [r for r in rows if r["counted"] == "True" and r["outcome"] == outcome]
        assert sum(int(r["counted_best"]) for r in counted) == number, (url, outcome)


def test_phone_layout_is_usable(browser: object, base_url: str) -> None:
    """At 390 x 844 (a phone) the overview stacks: nothing wider than the screen, charts and cards readable."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url,
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    try:
        pg.goto("/")
        pg.wait_for_selector("#timeline .js-plotly-plot .main-svg", state="attached")
        pg.wait_for_selector(ROWS, state="attached")
        pg.wait_for_selector("#totals-killed")
        # the table keeps the columns one reads first (selection, date, figure, sentence)
        pg.wait_for_function("document.querySelectorAll('#reports-grid .ag-header-cell').length === 4")
        overflow = pg.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 392, f"the page is {overflow}px wide on a 390px screen"
        for selector in ("#timeline .js-plotly-plot", "#map .js-plotly-plot", "#reports-grid"):
            box = pg.locator(selector).first.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391, selector
        # the table shows its reports as readable rows: at least date, count and the sentence fit
        headers = pg.locator("#reports-grid .ag-header-cell").evaluate_all("els => els.map(e => e.textContent)")
        assert any("Sentence" in t for t in headers) and any("Best" in t for t in headers), headers
        widths = pg.locator("#reports-grid .ag-header-cell").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().width)")
        grid = pg.locator("#reports-grid").bounding_box()
        assert sum(widths) <= grid["width"] + 1, (widths, grid)  # no sideways scrolling in the table
        # what a phone shows (390 x 844): the totals and the timeline, then the table
        pg.evaluate("document.getElementById('totals').scrollIntoView()")
        pg.wait_for_timeout(500)  # let the charts settle before the picture
        pg.screenshot(path=str(SHOTS / "phone.png"))
        pg.locator("#reports-grid").scroll_into_view_if_needed()
        pg.wait_for_selector(ROWS)
        pg.wait_for_timeout(300)
        pg.screenshot(path=str(SHOTS / "phone-table.png"))
    finally:
        context.close()


def test_notes_tab_groups_who_blames_whom(page: object, base_url: str) -> None:
    from dashboard.data import NOTE_COLUMNS

    page.goto("/")
    wait_loaded(page)
    page.get_by_role("tab", name="Who blames whom").click()
    summary = "#notes-summary-grid .ag-center-cols-container .ag-row"
    page.wait_for_selector(summary, timeout=TIMEOUT_MS)
    page.wait_for_selector("#notes-figure .barlayer .point path", state="attached", timeout=TIMEOUT_MS)
    rows = page.evaluate(
        """sel => [...document.querySelectorAll(sel)].map(r => Object.fromEntries(
            [...r.querySelectorAll('[col-id]')].map(c => [c.getAttribute('col-id'), c.innerText.trim()])))""",
        summary,
    )
    assert rows and all(r["blamed"] and r["stance"] in ("blames", "claims", "denies") for r in rows)
    assert any(r["stance"] == "claims" for r in rows) and any(r["stance"] == "blames" for r in rows)
    assert all(int(r["notes"]) >= 1 for r in rows)
    page.wait_for_selector("#notes-grid .ag-center-cols-container .ag-row")
    wait_chart_summaries(page)
    page.screenshot(path=str(SHOTS / "notes.png"), full_page=True)
    status, body = _get(base_url + "/api/notes.csv")
    assert status == 200
    notes = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert notes and list(notes[0]) == list(NOTE_COLUMNS)
    assert not any(n["blamed"].lower().startswith(("no group", "of ", "on ")) for n in notes)
