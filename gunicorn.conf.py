"""Gunicorn settings read from the project's root whatever the command line (`gunicorn -w 4 ... app:server`).

Each worker serves several requests at once on threads (gthread), so that a slow one (a chart image rendered by
kaleido's Chromium, the CSV of a large selection) does not hold up the filter changes and pages queued behind it;
the store's snapshot and caches are shared by a worker's threads (dashboard/data.py takes its locks). Flags on the
command line win: `--threads 8` for the one-worker line of a million reports.
"""

threads = 4
timeout = 120
