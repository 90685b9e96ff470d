"""The casualty dashboard: a thin shell around the `dashboard` package.

    python app.py [--host 127.0.0.1] [--port 8050] [--store DIR] [--debug] [--no-sample]
    gunicorn -w 4 -b 127.0.0.1:8050 app:server     (behind a reverse proxy with TLS: docs/dashboard.md)

Environment: CASUALTY_HOST, CASUALTY_PORT, CASUALTY_STORE (store root, default data/), CASUALTY_DEBUG=1,
CASUALTY_NO_SAMPLE=1 (do not ingest data/sample/ into an empty store), CASUALTY_WARM_EXPORTS=1 (start this
process's Chromium for chart images at start-up, not at the first export). Flags win over the environment.
Who may write (dashboard/auth.py): CASUALTY_SECRET_KEY, CASUALTY_TRUSTED_USER_HEADER, CASUALTY_READ_PUBLIC,
CASUALTY_SECURE_COOKIES, CASUALTY_DECISIONS_PER_MINUTE, CASUALTY_UPLOADS_PER_MINUTE.
"""

from __future__ import annotations

import argparse
import atexit
import os
import threading
from pathlib import Path

import dash

from dashboard import api, auth, callback_cache, components, data, ingest

ROOT = Path(__file__).resolve().parent
SAMPLE_DIR = ROOT / "data" / "sample"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def prepare_store(store_root: str | None = None, sample: bool = True) -> data.DataSource:
    """Open the store; on first start (empty store) ingest data/sample/ with progress on the console."""
    source = data.configure(store_root)
    if sample:
        with source.store.writer():  # one process ingests even when several workers start at once
            ingest.ingest_sample_if_empty(source.store, SAMPLE_DIR)
    return source


def warm(source: data.DataSource) -> threading.Thread:
    """Load the store's reports in the background so the first page does not wait for them; with
    CASUALTY_WARM_EXPORTS=1 also start this process's Chromium (a server's workers: the first PNG otherwise waits
    3-7 s for it, holding a worker that other requests queue behind)."""
    thread = threading.Thread(target=source.snapshot, name="warm-store", daemon=True)
    thread.start()
    atexit.register(thread.join, 60)  # never tear DuckDB down mid-load at exit
    if _env_flag("CASUALTY_WARM_EXPORTS"):
        from dashboard import export

        threading.Thread(target=export.warm_up, name="warm-exports", daemon=True).start()
    return thread


def create_app() -> dash.Dash:
    """The Dash app: pages from dashboard/pages, assets (Bootstrap, topojson) served locally, /api routes."""
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "dashboard" / "pages"),
        assets_folder=str(ROOT / "dashboard" / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,
        title="Casualty reports",
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = components.shell(dash.page_container)
    api.register(app.server)
    auth.register(app.server, data.source().root, lambda: app.callback_map)
    callback_cache.register(app.server)  # after the guard: what it refuses never reaches the cache
    app.server.config["MAX_CONTENT_LENGTH"] = ingest.MAX_REQUEST_BYTES  # one upload of MAX_UPLOAD_TOTAL, base64
    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the casualty dashboard.")
    parser.add_argument("--host", default=os.environ.get("CASUALTY_HOST", DEFAULT_HOST))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CASUALTY_PORT", DEFAULT_PORT)))
    parser.add_argument("--store", default=None, help="store root (default: $CASUALTY_STORE, else data/)")
    parser.add_argument("--debug", action="store_true", default=_env_flag("CASUALTY_DEBUG"))
    parser.add_argument("--no-sample", action="store_true", default=_env_flag("CASUALTY_NO_SAMPLE"),
                        help="do not ingest data/sample/ into an empty store")
    args = parser.parse_args(argv)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {args.host}: analysts' passwords and sessions cross the network in clear "
              "unless a reverse proxy with TLS is in front (docs/dashboard.md, Deploying safely)", flush=True)
    source = prepare_store(args.store, sample=not args.no_sample)
    warm(source)
    print(f"Store: {source.store.root.resolve()}")
    print(f"Dashboard on http://{args.host}:{args.port}/", flush=True)
    create_app().run(host=args.host, port=args.port, debug=args.debug, threaded=True)


if __name__ == "__main__":
    main()
else:  # imported (gunicorn app:server, tests): configure from the environment
    warm(prepare_store(None, sample=not _env_flag("CASUALTY_NO_SAMPLE")))
    app = create_app()
    server = app.server
