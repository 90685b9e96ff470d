"""Helpers for tests that drive the real app module through Flask's test client (no browser)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def imported_app(root: Path, **env: str) -> Iterator[ModuleType]:
    """app.py imported afresh on the store at `root` (no sample), with these environment variables set; a module
    fixture yields from it (app.py configures itself from the environment when imported)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("CASUALTY_STORE", str(root))
    patch.setenv("CASUALTY_NO_SAMPLE", "1")
    for name, value in env.items():
        patch.setenv(name, value)
    sys.modules.pop("app", None)
    try:
        yield importlib.import_module("app")
    finally:
        patch.undo()


def callback_body(client, output_id: str, values: dict[tuple[str, str], Any], changed: str) -> dict:
    """The body the browser posts for the callback writing `output_id` (from /_dash-dependencies)."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if f"{output_id}." in d["output"] and not d.get("clientside_function"))
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]}
        for part in dep["output"].strip(".").split("...")
    ]
    return {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{**i, "value": values.get((i["id"], i["property"]))} for i in dep["inputs"]],
        "state": [{**s, "value": values.get((s["id"], s["property"]))} for s in dep["state"]],
        "changedPropIds": [changed],
    }
