"""Stage 3, chunks: a number phrase with the noun it counts ("more than 8,000 casualties", "a US soldier"),
and the outcome words of a sentence (triggers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..lexicon import TOKEN, Lexicon, NumberPhrase, fold
from . import named, not_counts, rules
from .numbers import _first_words, _is_number_word, _match, number_phrase
from .text import Tok
from .words import (
    AUX,
    CAPTIVES,
    FOREIGN_WORDS,
    MONEY_BEFORE,
    NATIONALITY_NOUNS,
    NOT_HEAD_AFTER_NUMBER,
    NOT_NUMBER_AFTER,
    PASSIVE_AUX,
    PERSONAL_POSSESSIVES,
    SAYS,
    SEVERITY,
    STOP_BEFORE_HEAD,
    WOUND_MODIFIERS,
    WOUND_NOUNS,
    WOUND_VERBS,
)


@dataclass
class Chunk:
    """A number phrase and the noun it counts: "more than 8,000 casualties", "a US soldier", "several people"."""

    i: int
    j: int
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    group: str | None = None
    head_outcome: str | None = None
    singular: bool = False
    bare: bool = False
    outcome: str | None = None
    parts: list[Chunk] = field(default_factory=list)
    is_part: bool = False
    another: bool = False  # "another soldier": a new victim, never a repeat
    among: bool = False  # "six of the wounded were tourists": a part of a total told elsewhere
    loose: bool = False  # counts a noun not in the word lists: only read next to an outcome verb
    summed: list[int] = field(default_factory=list)  # the counts "and" joined into it: "three Israelis and an Iranian"
    rules: list[str] = field(default_factory=list)  # ids of the rules that made or changed it (rules.py)


def _perpetrator_words(lex: Lexicon) -> dict[tuple[str, ...], str]:
    table = getattr(lex, "_perpetrator_words", None)
    if table is None:
        table = {tuple(TOKEN.findall(alias)): name for alias, name in lex.perpetrators.items()}
        lex._perpetrator_words = table  # type: ignore[attr-defined]
    return table


def _perpetrator_first_words(lex: Lexicon) -> frozenset[str]:
    """First words of the armed groups' names, case kept: a cheap test before matching (built once per lexicon)."""
    first = getattr(lex, "_perpetrator_first_words", None)
    if first is None:
        first = frozenset(key[0] for key in _perpetrator_words(lex) if key)
        lex._perpetrator_first_words = first  # type: ignore[attr-defined]
    return first


def match_perpetrator(toks: list[Tok], i: int, lex: Lexicon) -> int | None:
    """End index of an armed group's name starting at token i ("Al Shabaab", "IS"), case kept."""
    table = _perpetrator_words(lex)
    if i >= len(toks) or toks[i].text not in _perpetrator_first_words(lex):
        return None
    for n in range(min(5, len(toks) - i), 0, -1):
        if tuple(t.text for t in toks[i : i + n]) in table:
            return i + n
    return None


QUOTE_MARKS = frozenset({"'", '"', "‘", "’", "“", "”"})


def head_noun(toks: list[Tok], j: int, lex: Lexicon) -> tuple[str | None, str | None, str | None, int, bool]:
    """The noun a number counts, after up to five modifiers: (group, outcome noun, number, end, via modifiers).

    In a compound the last noun is the head ("civilian bystanders", "police commander"); a generic head
    takes the group of a specific noun or modifier before it; an armed group's name alone is a head too
    ("24 Al Shabaab were killed")."""
    modifier_group = None
    k = j
    best: tuple[str, str, int] | None = None  # (group, number, end)
    perp_end = None
    skipped = 0  # tokens of acronyms in brackets, not counted against the five modifiers
    while k < len(toks) and k - j - skipped <= 5:
        out = _match(lex.outcomes, toks, k, 3)
        if out is not None and out[0].form == "participle" and k == j and _match(lex.groups, toks, out[1], 3):
            out = (replace(out[0], form="adjective"), out[1])  # "fifteen wounded people": the participle as adjective
        elif k == j and toks[k].low in SEVERITY and rules.on("count.severity_adjective"):
            hurt = _match(lex.outcomes, toks, k + 1, 3)  # "two critically wounded passengers"
            if hurt is not None and hurt[0].form == "participle" and _match(lex.groups, toks, hurt[1], 3):
                out = (replace(hurt[0], form="adjective"), hurt[1])
        if out is not None and out[0].form in ("noun", "adjective"):
            if best is not None and best[2] == k and out[0].form == "noun" and best[1] == "singular":
                return best[0], out[0].outcome, "plural", out[1], True  # "9,444 civilian deaths"
            if best is not None or perp_end is not None:
                break
            after = _match(lex.groups, toks, out[1], 3) if out[0].form == "adjective" else None
            if after is not None:  # "fifteen wounded people", "three dead soldiers"
                group = after[0].group if after[0].group != "unknown" else modifier_group or "unknown"
                return group, out[0].outcome, "plural", after[1], True
            return modifier_group, out[0].outcome, "plural", out[1], k > j
        pe = match_perpetrator(toks, k, lex)
        if pe is not None and best is None:
            modifier_group = "militants"
            perp_end = k = pe
            continue
        grp = _match(lex.groups, toks, k, 3)
        if grp is not None:
            g, end = grp
            group = g.group
            # "members of the security forces"
            if end + 1 < len(toks) and toks[end].low == "of" and group == "unknown":
                # "members of the security forces", "two members of a government-backed militia"
                inner_group, _, _, inner_end, _ = head_noun(
                    toks, end + (2 if toks[end + 1].low in ("the", "a", "an") else 1), lex
                )
                if inner_group is not None and inner_group != "unknown":
                    return inner_group, None, g.number, inner_end, True
            if group == "civilians" and _of_a_country(toks, j, k, lex):
                group = "unknown"  # "a U.S. citizen", "three foreign nationals": a nationality, no victim group
                modifier_group = None
            if group == "unknown":
                group = (best[0] if best and best[0] != "unknown" else None) or modifier_group or "unknown"
            elif group == "militants" and modifier_group == "security_forces":
                group = "security_forces"  # "pro-government militiamen" are pro-government forces (GUIDELINES)
            best = (group, g.number, end)
            k = end
            continue
        t = toks[k]
        if best is None and k == j and t.text in QUOTE_MARKS and rules.on("count.quoted_noun"):
            skipped += 1  # "63 'terrorists' were killed": the army's word, quoted, still the noun
            k += 1
            continue
        if best is None and (
            t.text in ("-", "–")
            or "year-old" in t.low
            or t.low.isdigit()
            and k + 1 < len(toks)
            and toks[k + 1].text in ("-", "–")
        ):
            k += 1  # "a 23-year-old police officer"
            continue
        if best is None and t.text[:1].isupper() and _nationality(t, lex):
            # a nationality as a noun: "an Indonesian", "three Israelis"; "German tourists" goes on to "tourists"
            nxt = _match(lex.groups, toks, k + 1, 3) if k + 1 < len(toks) else None
            shared = _shared_head(toks, k + 1, lex) if nxt is None else None
            if shared is not None:  # "nine German and one Peruvian tourists", "a British and an American citizen"
                return shared, None, "plural" if t.low.endswith("s") else "singular", k + 1, True
            if nxt is None and not (
                k + 1 < len(toks)
                and toks[k + 1].text[:1].isalpha()
                and toks[k + 1].low not in AUX
                and toks[k + 1].low not in STOP_BEFORE_HEAD
            ):
                number = "plural" if t.low.endswith("s") else "singular"
                return modifier_group or "unknown", None, number, k + 1, True
        if k > j and named.acronym_end(toks, k) and rules.on("noun.acronym"):
            # "six Village Defence Force (VDF) members"; "six Village Guard (VG) members": a group word inside the
            # name is no head when a noun follows the acronym
            rules.fire("noun.acronym")
            skipped += 3
            k += 3
            continue
        if best is not None:
            break
        if t.low in STOP_BEFORE_HEAD or not (t.text[0].isalpha() or t.text[0].isdigit()) or t.low in AUX:
            if t.low == "of" and k == j and k + 2 < len(toks) and toks[k + 1].low in PERSONAL_POSSESSIVES | {"its"}:
                inner, _, _, inner_end, _ = head_noun(toks, k + 2, lex)  # "4 of his staff members"
                if inner is not None:
                    return inner, None, "plural", inner_end, False
            counted = k > 0 and _is_number_word(toks[k - 1], lex)
            if t.low == "of" and k == j and counted and k + 2 < len(toks) and _is_number_word(toks[k + 1], lex):
                inner, _, _, inner_end, _ = head_noun(toks, k + 2, lex)  # "1 of 4 young children injured has died"
                if inner is not None:
                    return inner, None, "plural", inner_end, False
            if t.low == "of" and k + 1 < len(toks) and toks[k + 1].low in ("them", "whom", "those", "the"):
                if toks[k + 1].low == "the" and k == j:  # "one of the victims died": of a group named after it
                    inner, _, _, inner_end, _ = head_noun(toks, k + 2, lex)
                    if inner is not None:
                        return inner, None, "plural", inner_end, False
                    if k + 2 < len(toks) and toks[k + 2].low in ("injured", "wounded") and counted:
                        return "unknown", None, "plural", k + 3, False  # "one of the injured died", not "many of"
                if toks[k + 1].low in ("them", "whom") and k + 2 < len(toks):
                    after = k + 3 if toks[k + 2].low in ("were", "are") and k + 3 < len(toks) else k + 2
                    said = next((m for m in range(k + 3, min(k + 7, len(toks) - 2)) if toks[m].low in SAYS), None)
                    if said is not None and toks[said + 1].low in ("were", "are"):
                        after = said + 2  # "119 of whom Israel says were assailants"
                    inner = _match(lex.groups, toks, after, 3)  # "80 of them soldiers", "three of whom were children"
                    if inner is not None and inner[0].group != "unknown":
                        return inner[0].group, None, "plural", inner[1], False
                return "unknown", None, "plural", k + 2 if toks[k + 1].low != "the" else k + 1, False
            break
        if t.low in lex.group_modifiers:
            modifier_group = lex.group_modifiers[t.low]
        elif out is not None:  # the outcome phrase at k, read above
            break
        k += 1
    if best is not None:
        return best[0], None, best[1], best[2], True
    if perp_end is not None and (
        perp_end >= len(toks)
        or not toks[perp_end].text[0].isalpha()
        or toks[perp_end].low in AUX
        or toks[perp_end].low in STOP_BEFORE_HEAD
    ):
        return "militants", None, "plural", perp_end, True
    return None, None, None, j, False


def _of_a_country(toks: list[Tok], j: int, k: int, lex: Lexicon) -> bool:
    """rule: group.nationality_citizens: "27 Israelis and a U.S. citizen", "three foreign nationals": a nationality
    noun after a country word or "foreign" says where a person is from, not whether they fought (GUIDELINES' group
    is then unknown); "91 citizens" alone stay civilians."""
    if toks[k].low not in NATIONALITY_NOUNS or k == 0 or not rules.on("group.nationality_citizens"):
        return False
    before = toks[k - 1]
    # "Canada said six of its citizens were killed": "its" is the country's
    its = before.low == "its" and any(fold(t.text) in lex.countries for t in toks[max(0, k - 8) : k - 1])
    if before.low in FOREIGN_WORDS or fold(before.text) in lex.countries or its:
        rules.fire("group.nationality_citizens")
        return True
    return False


def _shared_head(toks: list[Tok], k: int, lex: Lexicon) -> str | None:
    """The group of a noun two coordinated nationalities share: "German and one Peruvian tourists", "a British and
    an American citizen"."""
    if k >= len(toks) or toks[k].low != "and":
        return None
    nationality = False  # "and one Peruvian tourists", not "and two women"
    for m in range(k + 1, min(k + 5, len(toks))):
        found = _match(lex.groups, toks, m, 3)
        if found is not None and toks[m].low in NATIONALITY_NOUNS and rules.on("group.nationality_citizens"):
            return None  # "a British and an American citizen": nationalities, no victim group
        if found is not None:
            return found[0].group if found[0].group != "unknown" and nationality else None
        t = toks[m]
        if _nationality(t, lex):
            nationality = True
        elif not (t.low[0].isdigit() or t.low in lex.number_words or t.low in ("a", "an")):
            return None
    return None


def _nationality(t: Tok, lex: Lexicon) -> bool:
    """Whether a word names a nationality ("German", "Israelis"): a country word of weight 2 (countries_extra.csv)."""
    return lex.countries.get(fold(t.text), ("", 0))[1] == 2


UNIT_WORD = re.compile(r"(?:year|month|week|day|hour|mile|km|kilometre|kilometer)s?-?\w*")  # "10 years", "5km"


# rules that read a number phrase or its noun before the count exists: the count they made carries them
READ_WITH_THE_COUNT = frozenset(
    {
        "number.tens_digit",
        "number.and_words",
        "count.time_after_number",
        "count.shared_plural",
        "noun.acronym",
        "group.nationality_citizens",
    }
)


def chunk_at(toks: list[Tok], i: int, lex: Lexicon) -> Chunk | None:
    """The number phrase starting at token i with the noun it counts, or None when it is no victim count; the count
    carries the rules that read its number or its noun (READ_WITH_THE_COUNT)."""
    start = rules.acted()
    c = _chunk_at(toks, i, lex)
    if c is not None:
        for rule_id in dict.fromkeys(rules.acted_since(start)):
            if rule_id in READ_WITH_THE_COUNT and rule_id not in c.rules:
                rules.carry(c, rule_id)
    return c


def _chunk_at(toks: list[Tok], i: int, lex: Lexicon) -> Chunk | None:
    """The number phrase starting at token i with the noun it counts, or None when it is no victim count."""
    found = number_phrase(toks, i, lex)
    if found is None:
        return None
    phrase, j, needs_singular = found
    if not_counts.is_age(toks, i, j) and rules.on("count.age_apposition"):
        rules.fire("count.age_apposition")  # "Jane Roe, 38, was killed"
        return None
    if not_counts.is_day_of_month(toks, i, j) and rules.on("count.day_of_month"):
        rules.fire("count.day_of_month")  # "On March 3 two soldiers were killed"
        return None
    if not_counts.is_clock_time(toks, i, j) and rules.on("count.clock_time"):
        rules.fire("count.clock_time")  # "07:40 - Israeli soldier killed"
        return None
    if not_counts.is_year(toks, i, j) and rules.on("count.year_not_count"):
        rules.fire("count.year_not_count")  # "in the 2012 death of"
        return None
    prev = toks[i - 1].low if i > 0 else ""
    # "an 18-year war", "5 km", "$20", "aged 45", "five camels": a number that counts no people
    if (
        prev in MONEY_BEFORE
        or j < len(toks)
        and (
            toks[j].low in NOT_NUMBER_AFTER
            or toks[j].text in ("-", "–", "different", "separate")  # "18 different nationalities"
            and j + 1 < len(toks)
            and toks[j + 1].low in NOT_NUMBER_AFTER
            or UNIT_WORD.fullmatch(toks[j].low)
        )
    ) and rules.on("filter.not_a_count"):
        rules.fire("filter.not_a_count")
        return None
    if j < len(toks) and toks[j].low in CAPTIVES:
        verb = _match(lex.outcomes, toks, j + 2, 3) if j + 2 < len(toks) and toks[j + 1].low in PASSIVE_AUX else None
        if verb is None or verb[0].form != "participle" or not rules.on("count.captives_killed"):
            return None
        captives = Chunk(i, j + 1, phrase.low, phrase.best, phrase.high, phrase.qualifier, group="unknown")
        rules.mark(captives, "count.captives_killed")
        return captives
    if j + 1 < len(toks) and toks[j - 1].low == "of" and toks[j].low in ("its", "their"):
        j += 1  # "dozens of its fighters"
    group, head_outcome, number, end, _ = head_noun(toks, j, lex)
    if group in (None, "unknown") and not head_outcome and j < len(toks) and toks[j].low in ("other", "of"):
        other = _other_unlisted(toks, i, j, phrase, lex)  # "two other inspectors", "two of his bodyguards"
        if other is not None:
            return other
    if group is not None and number == "plural" and not head_outcome and rules.on("count.shared_plural"):
        shared = named.shared_plural_end(toks, end, lex)  # "13 soldiers and fighters were killed": 13 in all
        if shared is not None:
            rules.fire("count.shared_plural")
            end, group = shared[0], (group if shared[1] == group else "unknown")
    is_digit_year = toks[i].low.isdigit() and len(toks[i].low) == 4 and 1900 <= int(toks[i].low) <= 2100
    if needs_singular:
        unlisted = rules.on("victims.unlisted_singular")
        nationality = _nationality_noun(toks, i, j, lex) if number != "singular" and head_outcome is None else None
        if nationality is not None:
            return nationality
        if toks[i].low in ("one",) and group is None and head_outcome is None:
            # "one was killed", "one other"; rule victims.unlisted_singular: "one bodyguard was killed"
            return _marked(_unlisted_singular(toks, i, j, lex) if unlisted else None) or Chunk(i, j, 1, 1, 1, "exact")
        if (
            group is None
            and head_outcome is None
            and toks[i].low in (UNLISTED_DETERMINERS if unlisted else ("a", "an"))
        ):
            found = _unlisted_singular(toks, i, j, lex)  # "the district chief was killed", "another miner was"
            if toks[i].low not in ("a", "an"):
                found = _marked(found)
            if (
                found is None
                and toks[i].low == "another"
                and j < len(toks)
                and toks[j].low == "was"
                and rules.on("count.another_alone")
            ):
                # "one soldier was killed and another was injured"
                alone = Chunk(i, j, 1, 1, 1, "exact", another=True)
                rules.mark(alone, "count.another_alone")
                return alone
            if found is None and toks[i].low == "another" and _another_elliptic(toks, j, lex):
                alone = Chunk(i, j, 1, 1, 1, "exact", another=True)
                rules.mark(alone, "count.another_elliptic")
                return alone
            return found
        member = group == "militants" and toks[end - 1].text[:1].isupper()  # "a suspected Al Shabaab"
        if group is None or (number != "singular" and not member):
            return None
    if group is None and head_outcome is None:
        if is_digit_year:
            return None
        if (
            j < len(toks)
            and toks[j].text[:1].isalpha()
            and toks[j].low not in AUX
            and toks[j].low not in NOT_HEAD_AFTER_NUMBER
            and _match(lex.outcomes, toks, j, 3) is None
            and not _time_after_number(toks, j)
        ):
            # an unlisted noun ("7 Christian Copts", "4 diners"): kept as a loose count, read only with a verb
            k = _noun_run(toks, j, lex)
            if toks[k - 1].low.endswith("s") and not toks[k - 1].low.endswith("ss") and not is_digit_year:
                return Chunk(
                    i,
                    k,
                    phrase.low,
                    phrase.best,
                    phrase.high,
                    phrase.qualifier,
                    group="unknown",
                    loose=True,
                    another=toks[i].low == "another" or prev == "another",
                )
            if phrase.best == 1 and phrase.qualifier == "exact" and rules.on("victims.unlisted_singular"):
                return _marked(_unlisted_singular(toks, i, j, lex))  # "one bodyguard was killed"
            return None  # "several weapons", "10 vehicles": not people
        if j + 1 < len(toks) and toks[j].low == "more" and toks[j + 1].low != "than":
            j += 1  # "30 were killed and 40 more injured"
        return Chunk(
            i,
            j,
            phrase.low,
            phrase.best,
            phrase.high,
            phrase.qualifier,
            another=toks[i].low == "another" or prev == "another",
        )
    chunk = Chunk(
        i,
        end,
        phrase.low,
        phrase.best,
        phrase.high,
        phrase.qualifier,
        group=group,
        head_outcome=head_outcome,
        singular=needs_singular,
        another=toks[i].low == "another" or prev == "another",
    )
    if head_outcome and j < len(toks) and toks[j].low in SEVERITY:
        rules.mark(chunk, "count.severity_adjective")
    if group and j < len(toks) and toks[j].text in QUOTE_MARKS and rules.on("count.quoted_noun"):
        rules.mark(chunk, "count.quoted_noun")
    return chunk


TIME_AFTER = re.compile(
    r"(?:a|an) (?:few |couple of )?(?:days?|weeks?|months?|years?|hours?) (?:later|after|afterwards)$"
)


def _time_after_number(toks: list[Tok], j: int) -> bool:
    """rule: count.time_after_number: "the death toll rose to 40 a week later", "to 12 a few days after": a time
    phrase after the number names no counted noun; the number stays a count for the verb or toll before it."""
    found = toks[j].low in ("a", "an") and any(
        TIME_AFTER.match(" ".join(t.low for t in toks[j : j + n])) for n in (3, 4, 5)
    )
    if not found or not rules.on("count.time_after_number"):
        return False
    rules.fire("count.time_after_number")
    return True


ELLIPSIS_END = frozenset({".", ",", ";", "in", "by", "when", "as", "and", "during", "after"})


def _another_elliptic(toks: list[Tok], j: int, lex: Lexicon) -> bool:
    """rule: count.another_elliptic: "killed six soldiers and another injured", "...and another were wounded": "another"
    with its verb and no noun, its auxiliary left out or not agreeing, is one more victim (as count.another_alone
    reads "another was injured"); only where the participle ends the clause, so that "another wounded soldier"
    stays a noun phrase."""
    k = j + 1 if j < len(toks) and toks[j].low == "were" else j
    verb = _match(lex.outcomes, toks, k, 3)
    if verb is None or verb[0].form != "participle":
        return False
    if verb[1] < len(toks) and toks[verb[1]].low not in ELLIPSIS_END:
        return False
    return rules.on("count.another_elliptic")


def _marked(c: Chunk | None) -> Chunk | None:
    """One person an unlisted noun names after "one", "the", "another" or "his" (rule victims.unlisted_singular)."""
    if c is not None:
        rules.mark(c, "victims.unlisted_singular")
    return c


UNLISTED_DETERMINERS = ("a", "an", "the", "another", "his", "her")  # before one person an unlisted noun names


def _other_unlisted(toks: list[Tok], i: int, j: int, phrase: NumberPhrase, lex: Lexicon) -> Chunk | None:
    """rule: count.other_unlisted: "two other inspectors were injured", "two of his bodyguards were injured": a
    count of people named by a plural noun the lexicon does not list, after "other" or "of his", kept as a loose
    count that only an outcome verb reads."""
    if j < len(toks) and toks[j].low == "other":
        lead = j + 1
    elif j + 2 < len(toks) and toks[j].low == "of" and toks[j + 1].low in PERSONAL_POSSESSIVES:
        lead = j + 2
    else:
        return None
    if _match(lex.groups, toks, lead, 3) is not None or not rules.on("count.other_unlisted"):
        return None  # "two other soldiers": a listed noun, read as usual
    k = _noun_run(toks, lead, lex, lower_only=True)
    if k == lead or not toks[k - 1].low.endswith("s") or toks[k - 1].low.endswith("ss"):
        return None
    other = Chunk(i, k, phrase.low, phrase.best, phrase.high, phrase.qualifier, group="unknown", loose=True)
    rules.mark(other, "count.other_unlisted")
    return other


def _noun_run(toks: list[Tok], j: int, lex: Lexicon, lower_only: bool = False) -> int:
    """End of up to three words from j that may name people: no auxiliary, stop word or outcome word."""
    k = j
    while (
        k < len(toks)
        and k - j < 3
        and toks[k].text[:1].isalpha()
        and (not lower_only or (toks[k].text[:1].islower() and toks[k].low.isalpha()))
        and toks[k].low not in AUX
        and toks[k].low not in STOP_BEFORE_HEAD
        and _match(lex.outcomes, toks, k, 3) is None
    ):
        k += 1
    return k


def _unlisted_singular(toks: list[Tok], i: int, j: int, lex: Lexicon) -> Chunk | None:
    """ "A canvas vendor was killed": one person named by a noun the lexicon does not list, kept as a loose count
    that only a passive outcome verb right after it reads ("a car was hit" gives nothing). Rule
    victims.nationality_singular: after a nationality too ("An American contractor was killed")."""
    start = j
    while start < len(toks) and start - j < 2 and _nationality(toks[start], lex) and toks[start].text[:1].isupper():
        start += 1
    if start > j and not rules.on("victims.nationality_singular"):
        start = j
    k = _noun_run(toks, start, lex, lower_only=True)
    if k == start or k >= len(toks):
        return None
    # "the police chief and a bodyguard were killed", "Jane Roe and her assistant were killed"
    paired = (toks[k].low == "were" and i > 0 and toks[i - 1].low == "and") or named.pair_first(toks, k)
    if toks[k].low != "was" and not (paired and rules.on("victims.pair")):
        return None
    one = Chunk(i, k, 1, 1, 1, "exact", group="unknown", loose=True, singular=True)
    if toks[k].low != "was":
        rules.mark(one, "victims.pair")
    if start > j:
        rules.mark(one, "victims.nationality_singular")
    return one


NATIONALITY_NOUN_AFTER = frozenset({",", "and", "was", "were", "had", "have", "has"})


def _nationality_noun(toks: list[Tok], i: int, j: int, lex: Lexicon) -> Chunk | None:
    """rule victims.nationality_noun: "a Swiss", "a Briton" in a list or before its verb ("Two Americans, a Swiss
    and a Briton were killed") is one person of no victim group, as "two Americans" are two; not after "by" (the
    attacker: "stabbed by a Palestinian, police said")."""
    if toks[i].low not in ("a", "an") or j + 1 >= len(toks) or (i > 0 and toks[i - 1].low == "by"):
        return None
    if not (toks[j].text[:1].isupper() and _nationality(toks[j], lex)) or toks[j + 1].low not in NATIONALITY_NOUN_AFTER:
        return None
    if not rules.on("victims.nationality_noun"):
        return None
    one = Chunk(i, j + 1, 1, 1, 1, "exact", group="unknown", singular=True)
    rules.mark(one, "victims.nationality_noun")
    return one


def _possessed_person(toks: list[Tok], i: int, lex: Lexicon) -> Chunk | None:
    """rule: victims.possessed: "Jane Roe's driver was killed", "Roe's wife and child were injured": the people of a
    named person, one (or two joined by "and") by a singular noun, read only with an outcome verb."""
    j = i + 1
    group, head_outcome, number, end, _ = head_noun(toks, j, lex)
    if head_outcome or (group is not None and number != "singular"):
        return None
    if group is None:
        end = _noun_run(toks, j, lex, lower_only=True)
        if end == j or (toks[end - 1].low.endswith("s") and not toks[end - 1].low.endswith("ss")):
            return None
    count = 1
    if end + 2 < len(toks) and toks[end].low == "and" and toks[end + 1].text[:1].islower():
        second = _noun_run(toks, end + 1, lex, lower_only=True)  # "wife and child were"
        if second > end + 1 and second < len(toks) and toks[second].low == "were":
            count, end, group = 2, second, None
    if end >= len(toks) or toks[end].low not in ("was", "were"):
        return None
    return Chunk(i, end, count, count, count, "exact", group=group or "unknown", loose=True, singular=count == 1)


def _headline_singular(toks: list[Tok], lex: Lexicon) -> Chunk | None:
    """ "Border Police guard was killed": a sentence opening on one victim named without "a" or "the", as
    headlines and short notes write."""
    group, _, number, end, _ = head_noun(toks, 0, lex)
    if group is None or number != "singular" or end >= len(toks) or toks[end].low != "was":
        return None
    return Chunk(0, end, 1, 1, 1, "exact", group=group, singular=True, loose=True)


def bare_plural(toks: list[Tok], i: int, lex: Lexicon) -> Chunk | None:
    """A plural victim noun with no number ("civilians were killed"): the vague convention of GUIDELINES.md."""
    prev = toks[i - 1].low if i > 0 else ""
    if any(t.low[:1].isdigit() for t in toks[max(0, i - 3) : i]):
        return None  # "more than 280 injured people": the number already counts them
    if any(t.low in ("no", "none", "neither", "nor") for t in toks[max(0, i - 6) : i]):
        return None  # "no police officers or civilians were hurt"
    if prev in ("the", "these", "those", "their", "its", "his", "her", "our", "no", "of", "more", "fewer", "than") or (
        prev[:1].isdigit()
    ):
        return None
    found = _match(lex.groups, toks, i, 3)
    if found is None or found[0].number != "plural" or toks[i].low in ("bodies", "those", "members", "men"):
        return None
    vague = lex.number_phrases[("many",)]
    return Chunk(i, found[1], vague.low, vague.best, vague.high, "vague", group=found[0].group, bare=True)


@dataclass
class Trigger:
    i: int
    j: int
    outcome: str
    form: str
    rule: str = ""  # the rule that read it, if one did: written on the counts that take its outcome


def outcome_triggers(toks: list[Tok], lex: Lexicon, taken: set[int]) -> list[Trigger]:
    found, i = [], 0
    first_words = _first_words(lex.outcomes)
    while i < len(toks):
        if i in taken or toks[i].low not in first_words:  # no outcome phrase starts here
            i += 1
            continue
        hit = _match(lex.outcomes, toks, i, lex.max_phrase)
        if hit is not None:
            found.append(Trigger(i, hit[1], hit[0].outcome, hit[0].form))
            i = hit[1]
            continue
        wounds = _wounds_received(toks, i)
        if wounds is not None:
            found.append(Trigger(i, wounds, "injured", "intransitive", rule="victims.wounds_received"))
            i = wounds
        else:
            i += 1
    return found


WOUND_MODIFIERS_MAX = 3  # "received multiple deep stab wounds"


def _wounds_received(toks: list[Tok], i: int) -> int | None:
    """rule: victims.wounds_received: "a second guard received multiple stab wounds", "she sustained deep knife
    wounds": a verb of receiving, up to three words of how many, which kind and how bad (words.csv
    wound_modifiers), then wounds, is an injury of its subject, as "suffered stab wounds" is (outcomes.csv
    lists the two-word forms). The end of the phrase, or None."""
    if toks[i].low not in WOUND_VERBS:
        return None
    m = i + 1
    while m < len(toks) and m - i <= WOUND_MODIFIERS_MAX and toks[m].low in WOUND_MODIFIERS:
        m += 1
    if m == i + 1 or m >= len(toks) or toks[m].low not in WOUND_NOUNS or not rules.on("victims.wounds_received"):
        return None
    rules.fire("victims.wounds_received")
    return m + 1


def _verb_after(toks: list[Tok], k: int, verbs: set[int], bare: bool = False) -> bool:
    """Whether an outcome verb follows at k, after up to three auxiliaries ("were", "have been") or adverbs
    ("were seriously injured"); with `bare`, also with none ("10 others, 5 of them police, injured")."""
    m = k
    while (
        m < len(toks)
        and m - k < 4
        and (toks[m].low in AUX and toks[m].low not in ("the", "to", "left") or toks[m].low.endswith("ly") and m > k)
    ):
        m += 1
    return (m > k or bare) and m in verbs
