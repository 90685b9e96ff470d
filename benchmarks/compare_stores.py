"""Compare two stores row for row (batch stamps aside): `python benchmarks/compare_stores.py STORE_A STORE_B`.

Used to check that `ingest --dask local:2` stores what a single-process ingest of the same inputs stores."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl.store import STAMPS, open_store  # noqa: E402

KEYS = {
    "articles": "article_id",
    "figures": "figure_id",
    "reports": "report_id",
    "notes": "note_id",
    "errors": "error_id",
}


def compare(a: str, b: str) -> dict[str, str]:
    """Per ingested table: 'same' or what differs; then the events as partitions of report ids."""
    left, right = open_store(a), open_store(b)
    out = {}
    for table, key in KEYS.items():
        x = left.read(table).drop(columns=list(STAMPS)).sort_values(key).reset_index(drop=True)
        y = right.read(table).drop(columns=list(STAMPS)).sort_values(key).reset_index(drop=True)
        if set(x[key]) != set(y[key]):
            out[table] = f"ids differ: {len(set(x[key]) ^ set(y[key]))} of {len(x)} / {len(y)}"
        elif not x.equals(y):
            cols = [c for c in x.columns if not x[c].equals(y[c])]
            out[table] = f"{len(x)} rows, same ids, columns differ: {cols}"
        else:
            out[table] = f"same ({len(x)} rows)"

    def events(store) -> set[frozenset[str]]:
        links = store.read("report_events")
        return {frozenset(g["report_id"]) for _, g in links.groupby("event_id")}

    ex, ey = events(left), events(right)
    out["events"] = f"same ({len(ex)} events)" if ex == ey else f"differ: {len(ex ^ ey)} of {len(ex)} / {len(ey)}"
    return out


if __name__ == "__main__":
    for table, verdict in compare(sys.argv[1], sys.argv[2]).items():
        print(f"{table:10s} {verdict}")
