"""Analyst accounts kept with the store: who may review figures and upload articles in the dashboard.

Accounts live in ROOT/review/users.json (mode 0600): each name with an argon2id hash of its password
(argon2-cffi, its default parameters), never the password. `python -m etl users add|list|remove` manages
them; `dashboard.auth` checks a login against them. The file is replaced whole on every change (written
beside it, then renamed).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

USERS_PATH = Path("review") / "users.json"
"""Where the accounts live under the store root."""
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
"""An account name: letters, digits, '.', '_', '@', '-' (at most 64), starting with a letter or digit."""
MIN_PASSWORD = 10
"""Shortest password accepted."""
MAX_PASSWORD = 1024
"""Longest password accepted (argon2 hashes any length; this bounds the work a login can ask for)."""

_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("not a password of anyone")  # a failed name costs as much time as a failed password


class UserError(ValueError):
    """An account name or password that cannot be used; the message says why."""


def users_path(root: str | Path) -> Path:
    return Path(root) / USERS_PATH


_CACHE: dict[Path, tuple[tuple[int, int], dict[str, dict[str, str]]]] = {}


def load_users(root: str | Path) -> dict[str, dict[str, str]]:
    """name -> {"hash", "created_at"}; {} when there is no accounts file (or it cannot be read). Read again
    only when the file changes (every write request asks)."""
    path = users_path(root)
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _CACHE.get(path)
        if cached and cached[0] == stamp:
            return dict(cached[1])
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, dict):
        return {}
    found = {str(n): u for n, u in users.items() if isinstance(u, dict) and isinstance(u.get("hash"), str)}
    _CACHE[path] = (stamp, found)
    return dict(found)


def _save(root: str | Path, users: dict[str, dict[str, str]]) -> None:
    path = users_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"users": users}, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    os.chmod(path, 0o600)


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not NAME_PATTERN.fullmatch(name):
        raise UserError(
            f"account name {name[:70]!r}: use 1-64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return name


def check_password(password: str) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise UserError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def add_user(root: str | Path, name: str, password: str, *, replace: bool = False) -> None:
    """Add an account (or set its password with replace=True); UserError when it cannot be done."""
    name, password = check_name(name), check_password(password)
    users = load_users(root)
    if name in users and not replace:
        raise UserError(f"account {name} already exists (use --replace to set a new password)")
    users[name] = {"hash": _HASHER.hash(password), "created_at": datetime.now(UTC).isoformat(timespec="seconds")}
    _save(root, users)


def remove_user(root: str | Path, name: str) -> None:
    users = load_users(root)
    if name not in users:
        raise UserError(f"no account {name!r}")
    del users[name]
    _save(root, users)


def verify(root: str | Path, name: str, password: str) -> str | None:
    """The account name when the password is its own, else None (same work either way)."""
    users = load_users(root)
    entry = users.get((name or "").strip())
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return None
    try:
        _HASHER.verify(entry["hash"] if entry else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return (name or "").strip() if entry else None
