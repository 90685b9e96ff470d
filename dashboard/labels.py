"""Words and colours for values: country names, outcome and victim-group labels, palettes."""

from __future__ import annotations

from functools import lru_cache

import pycountry

from dashboard.filters import NONE

OUTCOME_LABELS = {"killed": "Killed", "injured": "Injured", "casualties": "Killed or injured (not split)"}
SHORT_OUTCOME_LABELS = {"killed": "Killed", "injured": "Injured", "casualties": "Killed/injured"}
GROUP_LABELS = {
    "civilians": "Civilians", "security_forces": "Security forces", "militants": "Militants", "unknown": "Unknown",
}
KIND_LABELS = {"incident": "Incidents", "period_total": "Period totals"}
QUALIFIER_LABELS = {
    "exact": "exact", "at_least": "at least", "more_than": "more than", "at_most": "at most",
    "approximately": "approximately", "range": "range", "vague": "vague",
}
INTERVAL_LABELS = {"day": "Day", "week": "Week", "month": "Month", "year": "Year"}
COLUMN_LABELS = {
    "outcome": "outcome", "victim_group": "victim group", "country_code": "country",
    "reporting_source": "reporting source", "perpetrator": "perpetrator",
}

# Okabe-Ito based, readable for colour-blind viewers
OUTCOME_COLORS = {"killed": "#B2182B", "injured": "#E69F00", "casualties": "#8E6BB0"}
GROUP_COLORS = {"civilians": "#D55E00", "security_forces": "#0072B2", "militants": "#4D4D4D", "unknown": "#A6A6A6"}
SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#4D4D4D", "#F0E442", "#882255",
                 "#44AA99")
NONE_LABELS = {
    "country_code": "Country not stated", "reporting_source": "The article itself (no source named)",
    "perpetrator": "Not stated", "outcome": "—", "victim_group": "—",
}


SHORT_COUNTRY_NAMES = {
    "PSE": "Palestine", "COD": "DR Congo", "COG": "Congo", "SYR": "Syria", "IRN": "Iran", "RUS": "Russia",
    "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania", "KOR": "South Korea", "PRK": "North Korea",
    "LAO": "Laos", "MDA": "Moldova", "FSM": "Micronesia", "XKX": "Kosovo", "GBR": "United Kingdom",
    "USA": "United States",
}


@lru_cache(maxsize=1024)
def country_name(code: str | None) -> str:
    """The short English name of an ISO 3166-1 alpha-3 code (the code itself when unknown)."""
    if not code or code == NONE:
        return NONE_LABELS["country_code"]
    if code.upper() in SHORT_COUNTRY_NAMES:
        return SHORT_COUNTRY_NAMES[code.upper()]
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def value_label(column: str, value: str | None) -> str:
    """A readable label for a value of a grouping column."""
    if value is None or value == NONE or value == "":
        return NONE_LABELS.get(column, "Not stated")
    if column == "outcome":
        return OUTCOME_LABELS.get(value, value)
    if column == "victim_group":
        return GROUP_LABELS.get(value, value)
    if column == "country_code":
        return country_name(value)
    if column == "kind":
        return KIND_LABELS.get(value, value)
    return value


def value_color(column: str, value: str, index: int) -> str:
    """A stable colour for a series: fixed for outcomes and groups, from the series palette otherwise."""
    if column == "outcome" and value in OUTCOME_COLORS:
        return OUTCOME_COLORS[value]
    if column == "victim_group" and value in GROUP_COLORS:
        return GROUP_COLORS[value]
    return SERIES_COLORS[index % len(SERIES_COLORS)]


def measure_title(outcomes: tuple[str, ...]) -> str:
    """What the y axis counts, given the outcome filter."""
    if len(outcomes) == 1:
        return {"killed": "People killed", "injured": "People injured", "casualties": "Casualties (not split)"}[
            outcomes[0]
        ]
    return "Casualties (killed and injured)"
