"""Page shown for unknown paths."""

from __future__ import annotations

import dash
from dash import html

dash.register_page(__name__, path="/404", name="Not found", title="Casualty reports — not found")


def layout(**_: object) -> html.Div:
    return html.Div([html.H1("Page not found", className="h4"), html.A("Back to the overview", href="/")],
                    className="container py-4", id="not-found")
