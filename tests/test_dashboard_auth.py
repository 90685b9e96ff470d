"""Nobody breaks it: reading is open, writing needs an analyst, and hostile requests get 4xx, never a 500.

The real app (app.py) over a small store, through Flask's test client: the review and upload callbacks are
posted as the browser posts them, signed in or not, from this site or another.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dashboard import auth, data
from etl import review, users
from etl.store import Store
from tests.dash_app import callback_body, imported_app
from tests.test_dashboard_data import sample_frames

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def app_module(tmp_path_factory):
    root = tmp_path_factory.mktemp("auth_store")
    Store(root).write_batch(sample_frames())
    users.add_user(root, "amira", PASSWORD)
    yield from imported_app(root, CASUALTY_SECRET_KEY="test-secret-" + "x" * 32)


@pytest.fixture()
def app(app_module, monkeypatch):
    """The app with the settings of the environment at the start of each test (auth.configure reads them)."""
    root = data.source().root
    (root / review.DECISIONS_PATH).unlink(missing_ok=True)
    data.source().invalidate()
    auth.configure(root, lambda: app_module.app.callback_map)
    auth.reset_limits()  # the counts live in a file under the store's root, shared by the tests of this module
    yield app_module
    monkeypatch.undo()
    auth.configure(root, lambda: app_module.app.callback_map)


def reconfigure(app_module) -> None:
    auth.configure(data.source().root, lambda: app_module.app.callback_map)


def review_body(
    client, button: str = "review-correct", field: str = "count_best", value: str = "13", reason: str = "hospital count"
) -> dict:
    values = {
        (button, "n_clicks"): 1,
        ("reports-grid", "selectedRows"): [{"report_id": "r1"}],
        ("review-reason", "value"): reason,
        ("review-field", "value"): field,
        ("review-value", "value"): value,
        ("data-version", "data"): 0,
    }
    return callback_body(client, "review-status", values, f"{button}.n_clicks")


def post(client, body: Any, **headers: str):
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json", headers=headers
    )


def login(client, name: str = "amira", password: str = PASSWORD):
    return client.post("/login", data={"name": name, "password": password, "next": "/"})


def decisions() -> list[dict]:
    path = data.source().root / review.DECISIONS_PATH
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_an_anonymous_post_to_the_review_callback_is_refused(app) -> None:
    client = app.server.test_client()
    for button in ("review-reject", "review-correct", "review-accept"):
        response = post(client, review_body(client, button))
        assert response.status_code == 401, response.data
    upload = callback_body(
        client,
        "upload-status",
        {("upload", "contents"): ["data:text/plain;base64,eA=="], ("upload", "filename"): ["x.txt"]},
        "upload.contents",
    )
    assert post(client, upload).status_code == 401
    assert decisions() == []
    assert client.get("/api/health").status_code == 200  # reading stays open
    assert client.get("/api/reports.json").status_code == 200


def test_a_signed_in_analyst_decides_under_their_own_name(app) -> None:
    client = app.server.test_client()
    assert login(client, password="wrong password").status_code == 401
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/api/whoami").get_json()["user"] == "amira"
    body = review_body(client)
    response = post(client, body)
    assert response.status_code == 200, response.data
    assert "corrected" in json.dumps(response.get_json())
    [decision] = decisions()
    assert decision["reviewer"] == "amira" and decision["value"] == "13"
    client.post("/logout")
    assert client.get("/api/whoami").get_json()["user"] is None
    assert post(client, review_body(client)).status_code == 401


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("count_best", "99999999999999999999", "0 to 10,000,000"),
        ("country_code", "ZZZ", "ISO 3166-1"),
        ("country_code", "XKX", "ISO 3166-1"),
        ("start_date", "2200-01-01", "between 1900-01-01"),
        ("start_date", "1700-01-01", "between 1900-01-01"),
        ("start_date", "2024-03-09", "after end_date"),
    ],
)
def test_poisoned_corrections_from_the_dashboard_are_refused_with_the_reason(app, field, value, reason) -> None:
    client = app.server.test_client()
    login(client)
    response = post(client, review_body(client, field=field, value=value))
    assert response.status_code == 200
    assert reason in json.dumps(response.get_json()) and "alert-warning" not in reason
    assert decisions() == []


def test_a_poisoned_log_leaves_the_dashboard_up(app) -> None:
    """Lines written straight into the log are skipped and reported: health, rows and totals answer 200."""
    client = app.server.test_client()
    login(client)
    assert post(client, review_body(client, value="14")).status_code == 200
    key = decisions()[0]["match_key"]
    with open(data.source().root / review.DECISIONS_PATH, "a", encoding="utf-8") as handle:
        for field, value in (
            ("count_best", "99999999999999999999"),
            ("country_code", "ZZZ"),
            ("start_date", "1700-01-01"),
        ):
            handle.write(
                json.dumps({"action": "correct", "reviewer": "x", "match_key": key, "field": field, "value": value})
                + "\n"
            )
    data.source().invalidate()
    for path in ("/api/health", "/api/reports.json", "/api/totals.json", "/api/reports.csv", "/api/decisions.csv"):
        assert client.get(path).status_code == 200, path
    rows = client.get("/api/reports.json").get_json()["rows"]
    assert next(r for r in rows if r["report_id"] == "r1")["count_best"] == 14
    tab = callback_body(
        client, "decisions-orphans", {("detail-tabs", "active_tab"): "decisions"}, "detail-tabs.active_tab"
    )
    text = json.dumps(post(client, tab).get_json())
    assert "3 lines of the decision log are skipped" in text and "0 to 10,000,000" in text


def test_cross_site_writes_are_refused(app) -> None:
    client = app.server.test_client()
    login(client)
    assert post(client, review_body(client), Origin="https://evil.example").status_code == 403
    assert post(client, review_body(client), Referer="https://evil.example/page").status_code == 403
    assert (
        client.post(
            "/login", data={"name": "amira", "password": PASSWORD}, headers={"Origin": "https://evil.example"}
        ).status_code
        == 403
    )
    assert post(client, review_body(client), Origin="http://localhost").status_code == 200
    assert len(decisions()) == 1


def test_decisions_are_rate_limited_per_analyst(app, monkeypatch) -> None:
    monkeypatch.setenv("CASUALTY_DECISIONS_PER_MINUTE", "2")
    reconfigure(app)
    client = app.server.test_client()
    login(client)
    texts = [json.dumps(post(client, review_body(client, value=str(20 + i))).get_json()) for i in range(3)]
    assert "corrected" in texts[0] and "corrected" in texts[1]
    assert "Too many decisions: at most 2 a minute" in texts[2]
    assert len(decisions()) == 2


def test_a_trusted_proxy_header_names_the_analyst_only_when_configured(app, monkeypatch) -> None:
    client = app.server.test_client()
    assert post(client, review_body(client), **{"X-Remote-User": "amira"}).status_code == 401  # off by default
    monkeypatch.setenv("CASUALTY_TRUSTED_USER_HEADER", "X-Remote-User")
    reconfigure(app)
    assert post(client, review_body(client)).status_code == 401
    response = post(client, review_body(client), **{"X-Remote-User": "li.proxy"})
    assert response.status_code == 200
    assert decisions()[0]["reviewer"] == "li.proxy"
    assert "signed in by the proxy" in client.get("/login").get_data(as_text=True)


def test_reading_can_be_closed_too(app, monkeypatch) -> None:
    monkeypatch.setenv("CASUALTY_READ_PUBLIC", "0")
    reconfigure(app)
    client = app.server.test_client()
    assert client.get("/api/reports.json").status_code == 401
    page = client.get("/?country=IRQ")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login?next=/?country")
    assert client.get("/login").status_code == 200 and client.get("/api/health").status_code == 200
    login(client)
    assert client.get("/api/reports.json").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        "{",
        "[]",
        '"x"',
        "{}",
        '{"output": "timeline.figure"}',
        '{"output": "nope.x", "outputs": {}, "inputs": []}',
        '{"output": "timeline.figure", "outputs": {"id": "timeline", "property": "figure"}, "inputs": 5}',
        '{"output": "timeline.figure", "outputs": {"id": "timeline", "property": "figure"}, "inputs": [7]}',
        '{"output": "timeline.figure", "outputs": {"id": "timeline", "property": "figure"}, "inputs": []}',
    ],
)
def test_malformed_callback_bodies_answer_400(app, body: str) -> None:
    client = app.server.test_client()
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400, response.data


def test_traversal_in_component_suites_is_404(app) -> None:
    client = app.server.test_client()
    for path in (
        "/_dash-component-suites/dash/..%2f..%2fetc%2fpasswd",
        "/_dash-component-suites/dash/../../etc/passwd",
        "/_dash-component-suites/dash/..%5c..%5cetc%5cpasswd",
    ):
        assert client.get(path).status_code == 404, path


def test_the_login_page_sends_only_to_this_site(app) -> None:
    client = app.server.test_client()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/login", data={"name": "amira", "password": PASSWORD, "next": target})
        assert response.headers["Location"] == "/", target


def test_rate_limiter_window() -> None:
    limiter = auth.RateLimiter(2, window=60)
    assert limiter.allow("a", 0) and limiter.allow("a", 1) and not limiter.allow("a", 2)
    assert limiter.allow("b", 2) and limiter.allow("a", 61)


def test_accounts_file_is_private_and_hashes_only(tmp_path: Path) -> None:
    users.add_user(tmp_path, "li", PASSWORD)
    path = users.users_path(tmp_path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert PASSWORD not in path.read_text() and "$argon2id$" in path.read_text()
    with pytest.raises(users.UserError, match="already exists"):
        users.add_user(tmp_path, "li", PASSWORD)
    with pytest.raises(users.UserError, match="account name"):
        users.add_user(tmp_path, "../etc", PASSWORD)
