"""Who may do what: reading is open (unless CASUALTY_READ_PUBLIC=0); reviewing and uploading need an analyst.

An analyst is known in one of two ways (docs/dashboard.md, *Deploying safely*):

- an account kept by the app (`python -m etl users add NAME`, argon2 hashes in ROOT/review/users.json), signed
  in at /login; the session is a signed cookie (HttpOnly, SameSite=Lax; Secure with CASUALTY_SECURE_COOKIES=1)
  keyed by CASUALTY_SECRET_KEY;
- a header set by an authenticating reverse proxy (CASUALTY_TRUSTED_USER_HEADER, e.g. X-Remote-User; off by
  default: only behind a proxy that strips the header from what clients send).

The server refuses, not just hides: a Flask `before_request` answers 401 to a Dash callback that writes (its
outputs include one of WRITE_OUTPUTS) without an analyst, 403 to a write whose Origin/Referer is another site,
and 400 to a callback body that is not one. The write callbacks take the analyst's name from here (a decision
records who is signed in, not a typed name) and are rate-limited per analyst (`allow`), counted in a small
SQLite file beside the decision log so that every gunicorn worker on the machine shares one count.
"""

from __future__ import annotations

import html
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Collection
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from flask import Flask, Response, jsonify, redirect, request, session

from etl import users

log = logging.getLogger(__name__)

ENV_SECRET = "CASUALTY_SECRET_KEY"
ENV_HEADER = "CASUALTY_TRUSTED_USER_HEADER"
ENV_READ_PUBLIC = "CASUALTY_READ_PUBLIC"
ENV_SECURE_COOKIES = "CASUALTY_SECURE_COOKIES"
ENV_DECISIONS_PER_MINUTE = "CASUALTY_DECISIONS_PER_MINUTE"
ENV_UPLOADS_PER_MINUTE = "CASUALTY_UPLOADS_PER_MINUTE"
DEFAULT_LIMITS = {"decision": 60, "upload": 10, "login": 10}
"""Per analyst (per address and name for logins), per minute."""
RATE_LIMITS_PATH = Path("review") / "rate_limits.sqlite"
"""The counts shared by the processes serving one store (under its root)."""
SESSION_HOURS = 12
WRITE_OUTPUTS = frozenset({"review-status", "upload-status", "upload-job", "decisions-status"})
"""Outputs of the callbacks that write (review decisions, uploads, imported decision logs)."""
DASH_CALLBACK = "/_dash-update-component"
OPEN_PATHS = ("/login", "/logout", "/assets/", "/_favicon.ico", "/api/health")
"""What an anonymous visitor may reach when reading is not public."""

_state: dict[str, Any] = {"root": None, "header": None, "read_public": True, "callbacks": lambda: ()}


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in ("1", "true", "yes", "on")


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


# ---- who is asking


def trusted_header() -> str | None:
    """The proxy's user header when configured (CASUALTY_TRUSTED_USER_HEADER), else None."""
    return _state["header"]


def current_user() -> str | None:
    """The signed-in analyst of this request (proxy header or session), else None. Outside a request: None."""
    try:
        header = _state["header"]
        if header:
            name = (request.headers.get(header) or "").strip()
            return name if users.NAME_PATTERN.fullmatch(name) else None
        name = session.get("user")
    except RuntimeError:  # no request context (unit tests calling a callback)
        return None
    root = _state["root"]
    if not isinstance(name, str) or root is None:
        return None
    return name if name in users.load_users(root) else None  # a removed account is signed out at once


def can_read() -> bool:
    return _state["read_public"] or current_user() is not None


# ---- rate limits


class RateLimiter:
    """At most `limit` events per `window` seconds per key, counted in this process."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events[key]
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


class SharedRateLimiter:
    """At most `limit` events per `window` seconds per key, counted across every process of this machine that
    uses the same file (gunicorn's workers): a small SQLite table of (kind, key, time), one row per allowed event.

    Each check is one write transaction (BEGIN IMMEDIATE: the processes take turns, so two workers cannot both
    see the last free place), which first drops the kind's rows older than the window. Times are wall-clock
    seconds (the processes share no monotonic clock). A connection is opened per check, so nothing is inherited
    across a fork. When the file cannot be used (read-only folder, disk full, locked for `timeout` s) the check
    falls back to this process's own count and logs why: limits are then per worker, never off."""

    def __init__(self, path: str | Path, kind: str, limit: int, window: float = 60.0, timeout: float = 5.0) -> None:
        self.path, self.kind, self.limit, self.window, self.timeout = Path(path), kind, limit, window, timeout
        self._fallback = RateLimiter(limit, window)

    def _connect(self) -> sqlite3.Connection:
        new = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        if new:
            os.chmod(self.path, 0o600)  # it names analysts and addresses
        con.execute("CREATE TABLE IF NOT EXISTS hits (kind TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL)")
        con.execute("CREATE INDEX IF NOT EXISTS hits_by_key ON hits (kind, key, at)")
        return con

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        try:
            con = self._connect()
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("DELETE FROM hits WHERE kind = ? AND at <= ?", (self.kind, now - self.window))
                (count,) = con.execute(
                    "SELECT COUNT(*) FROM hits WHERE kind = ? AND key = ?", (self.kind, key)
                ).fetchone()
                allowed = count < self.limit
                if allowed:
                    con.execute("INSERT INTO hits VALUES (?, ?, ?)", (self.kind, key, now))
                con.execute("COMMIT")
                return allowed
            finally:
                con.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("rate limits: %s unusable (%s); counting in this process only", self.path, exc)
            return self._fallback.allow(key, time.monotonic())

    def clear(self) -> None:
        """Forget every count of this kind (tests; a new configuration)."""
        try:
            con = self._connect()
            try:
                con.execute("DELETE FROM hits WHERE kind = ?", (self.kind,))
            finally:
                con.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("rate limits: %s unusable (%s)", self.path, exc)
        self._fallback = RateLimiter(self.limit, self.window)


_limiters: dict[str, RateLimiter | SharedRateLimiter] = {}


def limits_path(root: str | Path) -> Path:
    """Where the shared counts live: ROOT/review/rate_limits.sqlite (beside the decision log and accounts)."""
    return Path(root) / RATE_LIMITS_PATH


def limit(kind: str) -> int:
    env = {"decision": ENV_DECISIONS_PER_MINUTE, "upload": ENV_UPLOADS_PER_MINUTE}.get(kind)
    return _env_int(env, DEFAULT_LIMITS[kind]) if env else DEFAULT_LIMITS[kind]


def _limiter(kind: str) -> RateLimiter | SharedRateLimiter:
    if kind not in _limiters:
        root = _state["root"]
        _limiters[kind] = (
            RateLimiter(limit(kind)) if root is None else SharedRateLimiter(limits_path(root), kind, limit(kind))
        )
    return _limiters[kind]


def allow(kind: str, who: str) -> bool:
    """True when `who` may make one more `kind` ("decision", "upload", "login") this minute, counted across the
    processes serving this store on this machine (ROOT/review/rate_limits.sqlite), in this process without one."""
    return _limiter(kind).allow(who)


def reset_limits() -> None:
    """Forget every count (tests start each case afresh)."""
    for kind in DEFAULT_LIMITS:
        limiter = _limiter(kind)
        if isinstance(limiter, SharedRateLimiter):
            limiter.clear()
    _limiters.clear()


def too_many(kind: str) -> str:
    return f"Too many {kind}s: at most {limit(kind)} a minute per analyst. Wait a moment and try again."


# ---- request checks


def _same_origin() -> bool:
    """False when the request says it comes from another site (Origin, else Referer). Without either it is no
    browser's cross-site request: browsers send Origin with every cross-site POST."""
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed:
        return True
    parts = urlsplit(claimed)
    return f"{parts.scheme}://{parts.netloc}".lower() == request.host_url.rstrip("/").lower()


def _output_ids(body: dict[str, Any]) -> set[str]:
    outputs = body.get("outputs")
    items = outputs if isinstance(outputs, list) else [outputs]
    ids = {str(o.get("id")) for o in items if isinstance(o, dict)}
    text = str(body.get("output", ""))
    ids |= {part.split(".")[0] for part in text.strip(".").split("...")}
    return ids


def _well_formed(body: Any) -> str | None:
    """Why a Dash callback body is not one (None when it is)."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    if not isinstance(body.get("output"), str) or not isinstance(body.get("outputs"), dict | list):
        return "output/outputs missing"
    known = _state["callbacks"]()
    if known and body["output"] not in known:
        return "no such callback"
    for name in ("inputs", "state"):
        items = body.get(name, [])
        if not isinstance(items, list):
            return f"{name} is not a list"
        wanted = known[body["output"]].get(name) if known and isinstance(known[body["output"]], dict) else None
        if wanted is not None and len(items) != len(wanted):
            return f"{len(items)} {name} where the callback takes {len(wanted)}"
        for item in items:
            group = item if isinstance(item, list) else [item]
            if not all(isinstance(i, dict) and "id" in i and isinstance(i.get("property"), str) for i in group):
                return f"{name} holds an item without id and property"
    if not isinstance(body.get("changedPropIds", []), list):
        return "changedPropIds is not a list"
    return None


def _json_error(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _guard() -> Response | None:
    """before_request: traversal, read access, malformed callbacks, cross-site and anonymous writes."""
    path = request.path
    if path.startswith("/_dash-component-suites/") and (".." in path.split("/") or "\\" in path or "\x00" in path):
        return _json_error(404, "not found")
    if not _state["read_public"] and not path.startswith(OPEN_PATHS) and current_user() is None:
        if path.startswith(("/api/", "/_dash-")):
            return _json_error(401, "sign in first: this dashboard is not public")
        return redirect(f"/login?next={quote(request.full_path.rstrip('?'), safe='/?=&')}")
    if request.method != "POST":
        return None
    if path in ("/login", "/logout", DASH_CALLBACK) and not _same_origin():
        return _json_error(403, "cross-site request refused (Origin/Referer is another site)")
    if path != DASH_CALLBACK:
        return None
    body = request.get_json(silent=True)
    problem = _well_formed(body)
    if problem:
        return _json_error(400, f"malformed Dash callback: {problem}")
    if _output_ids(body) & WRITE_OUTPUTS and current_user() is None:
        return _json_error(401, "sign in as an analyst to review or upload")
    return None


# ---- login page


def _safe_next(target: str | None) -> str:
    target = target or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(message: str = "", next_: str = "/", status: int = 200) -> Response:
    header = _state["header"]
    if header:
        body = (
            f"<p>Analysts are signed in by the proxy in front of this dashboard (header {html.escape(header)}).</p>"
            '<p><a href="/">Back to the dashboard</a></p>'
        )
    else:
        alert = f'<div class="alert alert-danger py-2" id="login-error">{html.escape(message)}</div>' if message else ""
        body = f"""{alert}
<form method="post" action="/login" id="login-form">
  <input type="hidden" name="next" value="{html.escape(next_)}">
  <div class="mb-2"><label class="form-label" for="login-name">Account</label>
    <input class="form-control" id="login-name" name="name" autocomplete="username" required maxlength="64"></div>
  <div class="mb-3"><label class="form-label" for="login-password">Password</label>
    <input class="form-control" id="login-password" name="password" type="password" autocomplete="current-password"
     required maxlength="{users.MAX_PASSWORD}"></div>
  <button class="btn btn-primary" id="login-submit" type="submit">Sign in</button>
  <a class="btn btn-link" href="/">Read without signing in</a>
</form>
<p class="form-text mt-3">Accounts are made by whoever runs the dashboard:
<code>python -m etl users add NAME</code>.</p>"""
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · Casualty reports</title>
<link rel="stylesheet" href="/assets/bootstrap.min.css"></head>
<body><main class="container py-5" style="max-width:28rem"><h1 class="h4 mb-3">Sign in to review and upload</h1>
{body}</main></body></html>"""
    response = Response(page, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def login() -> Response:
    next_ = _safe_next(request.values.get("next"))
    if request.method == "GET" or _state["header"]:
        return _login_page(next_=next_)
    name = (request.form.get("name") or "").strip()[:64]
    password = request.form.get("password") or ""
    if not allow("login", f"{request.remote_addr}|{name}"):
        return _login_page("Too many attempts: wait a minute and try again.", next_, 429)
    user = users.verify(_state["root"], name, password)
    if user is None:
        return _login_page("Wrong account name or password.", next_, 401)
    session.clear()
    session.permanent = True
    session["user"] = user
    session["nonce"] = secrets.token_hex(8)
    log.info("analyst %s signed in from %s", user, request.remote_addr)
    return redirect(next_)


def logout() -> Response:
    session.clear()
    return redirect("/")


def whoami() -> Response:
    return jsonify({"user": current_user(), "header": bool(_state["header"])})


# ---- wiring


def secret_key() -> str:
    """CASUALTY_SECRET_KEY, else a key made for this process (sessions end with it; a warning says so)."""
    key = os.environ.get(ENV_SECRET, "").strip()
    if key:
        if len(key) < 32:
            log.warning(
                "%s is shorter than 32 characters: use `python -c 'import secrets; print(secrets.token_hex(32))'`",
                ENV_SECRET,
            )
        return key
    log.warning(
        "%s is not set: sessions are signed with a key made for this process, so analysts must sign in "
        "again after a restart and each gunicorn worker has its own (set it for a team).",
        ENV_SECRET,
    )
    return secrets.token_hex(32)


def configure(root: str | Path | None, callbacks: Callable[[], Collection[str]] = tuple) -> None:
    """Read the settings from the environment (tests call it again after changing them)."""
    header = os.environ.get(ENV_HEADER, "").strip() or None
    if header and not re.fullmatch(r"[A-Za-z0-9-]{1,64}", header):
        raise ValueError(f"{ENV_HEADER}={header!r} is not an HTTP header name")
    _state.update(
        root=None if root is None else Path(root),
        header=header,
        read_public=_env_flag(ENV_READ_PUBLIC, True),
        callbacks=callbacks,
    )
    _limiters.clear()


def register(server: Flask, root: str | Path | None, callbacks: Callable[[], Collection[str]] = tuple) -> None:
    """Sessions, /login, /logout, /api/whoami and the request guard on the app's Flask server; `callbacks` gives
    the Dash app's callback outputs (a body naming another is malformed)."""
    configure(root, callbacks)
    server.secret_key = secret_key()
    server.config.update(
        SESSION_COOKIE_NAME="casualty_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=_env_flag(ENV_SECURE_COOKIES, False),
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
    )
    server.add_url_rule("/login", endpoint="auth_login", view_func=login, methods=["GET", "POST"])
    server.add_url_rule("/logout", endpoint="auth_logout", view_func=logout, methods=["POST"])
    server.add_url_rule("/api/whoami", endpoint="auth_whoami", view_func=whoami, methods=["GET"])
    server.before_request(_guard)
