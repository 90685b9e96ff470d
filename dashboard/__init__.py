"""The Dash dashboard over the store: pages, figures, filters, data access, exports and API routes.

app.py (at the repository root) builds the Dash app from this package; nothing here imports app.py.
Modules: filters (the selection as data), data (store access, cached per version, DuckDB aggregation),
figures (pure plotly builders), charts (data + figures), export (CSV/HXL/JSON, PNG/SVG/HTML), api (Flask
routes), ingest (uploads and the first-start sample), components (shared layout), labels (names, colours),
pages/ (one module per page, registered with dash.register_page).
"""
