"""Stage 8, place: a report's country and place from the sentence, its paragraph or the article."""

from __future__ import annotations

import bisect

from .. import geo
from . import rules
from .chunks import Chunk
from .text import Tok, _sorted_positions


def _places_before_index(mentions: list) -> tuple[list, list[int]] | None:
    """The mentions that can place a count told after them (named places, countries cued as places), with their
    offsets, for _where to find the last one before a count by bisection; None when they are not in order."""
    strong = [m for m in mentions if not m.partial and (m.kind == "place" or (m.kind == "country" and m.cued))]
    positions = _sorted_positions([m.start for m in strong])
    return (strong, positions) if positions is not None else None


def _where(
    c: Chunk,
    toks: list[Tok],
    sentence_places,
    mentions,
    votes,
    top_country,
    dateline: int = 0,
    paragraph_start: int = 0,
    places_before: tuple[list, list[int]] | None = None,
) -> tuple[str | None, str | None, list[str]]:
    """Country and place of a report: named in its sentence, else the last named before it in its paragraph (or
    before, when the article points nowhere else), else the article's; and the ids of the rules that chose them.
    `places_before`: _places_before_index(mentions), to find the last place before it by bisection."""
    pos = toks[c.i].start
    country, location = geo.resolve(sentence_places, votes, near=pos) if rules.on("place.sentence") else (None, None)
    # weak evidence: nationalities, countries named as actors, a fragment of a longer name ("Maidan" of "Maidan Shar")
    only_demonyms = all(
        (m.kind != "place" or m.partial) and (m.kind != "country" or not m.cued) for m in sentence_places
    )
    weak_sentence: list[str] = []
    if country:
        if not (only_demonyms and top_country and votes[top_country] > votes.get(country, 0)):
            return country, location, ["place.sentence", *_read_by(sentence_places, country, votes)]
        if not rules.on("place.demonym_not_place"):
            return country, location, ["place.sentence", *_read_by(sentence_places, country, votes)]
        weak_sentence = ["place.demonym_not_place"]
    # the last place named before it ("in Syria", "Nairobi"), not a country named as an actor ("the United States said")
    if places_before is not None:  # the same, found by bisection (_places_before_index)
        strong, positions = places_before
        i = bisect.bisect_left(positions, pos) - 1
        before = [strong[i]] if i >= 0 and positions[i] >= dateline else []
    else:
        before = [
            m
            for m in mentions
            if dateline <= m.start < pos and not m.partial and (m.kind == "place" or (m.kind == "country" and m.cued))
        ]
    if before and rules.on("place.earlier_mention"):
        m = before[-1]
        code = geo.pick(m, votes) if m.kind == "place" else m.codes[0]
        aside = m.start < paragraph_start and top_country and votes[top_country] > votes.get(code, 0)
        if aside and rules.on("place.aside_earlier_paragraph"):
            return (
                top_country,
                None,
                [*weak_sentence, "place.aside_earlier_paragraph"],
            )  # "fought with the group in Syria" before
        weak = (
            m.kind == "place"
            and not (m.hand_kept or m.prior)
            and top_country
            and votes.get(code, 0) * 2 < votes[top_country]
        )
        if weak and rules.on("place.weak_gazetteer"):
            return (
                top_country,
                None,
                [*weak_sentence, "place.weak_gazetteer"],
            )  # "the district of Hays" in a Yemen story: not Kansas
        return code, None, [*weak_sentence, "place.earlier_mention", *_read_by([m], code, votes)]
    if top_country is None or not rules.on("place.article_country"):
        return None, None, weak_sentence
    return top_country, None, [*weak_sentence, "place.article_country"]


def _read_by(mentions, country: str, votes) -> list[str]:
    """The reading rules of etl/geo.py (place.arabic_spelling, place.landmark_city, place.of_country) of the mentions
    that name the chosen country: they chose the report's place, so their ids go in its `rules`."""
    return list(
        dict.fromkeys(
            m.rule for m in mentions if m.rule and (m.codes[0] if m.kind != "place" else geo.pick(m, votes)) == country
        )
    )
