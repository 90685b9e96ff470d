"""Named single victims: one person named, with what the text says of them, killed or hurt.

Helpers over the sentence's tokens (objects with `.text` and `.low`), hooked into victims._named_victims and
victims._objects_without_number. Targeted killings are most often told this way:
"Gunmen shot and killed Jane Roe, a teacher, in Town", "Jane Roe, a teacher, was killed".
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any

from . import rules
from .words import NAME_PARTICLES

APPOSITION_MAX = 20  # tokens between the commas of "Jane Roe, a teacher at the village school, was killed"
# words that end an apposition: a clause, not a description of the person
CLAUSE = frozenset(
    {"was", "were", "is", "are", "had", "has", "have", "who", "which", "that", "said", "says", "when", "while", "after"}
)
# titles before a name, in lower case: "Head Constable Ali Khan", "Doctor Jane Roe"
TITLES = frozenset(
    {
        "doctor", "dr", "head", "constable", "major", "captain", "colonel", "general", "sergeant", "lieutenant",
        "commander", "sheikh", "imam", "pastor", "father", "chief", "mayor", "judge", "prince", "senator",
        "professor", "mr", "mrs", "ms", "engineer", "mullah", "maulana", "comrade", "governor", "deputy",
    }
)  # fmt: skip


def apposition_start(toks: Sequence[Any], k: int, verbs: Container[int] = ()) -> int | None:
    """rule: victims.named_apposition: where the apposition closed by the comma or bracket before token k opens.

    "Jane Roe, a teacher, was": at k ("was") the apposition ", a teacher," opens at the first comma; its index
    is returned (the name ends there). None when no plain description stands there."""
    if k < 3 or toks[k - 1].text not in (",", ")"):
        return None
    opening = "(" if toks[k - 1].text == ")" else ","
    for m in range(k - 2, max(0, k - 2 - APPOSITION_MAX), -1):
        t = toks[m]
        if t.text == opening:
            return m if m < k - 2 else None
        if t.low in CLAUSE or m in verbs or t.text in (";", ":", "(", ")", '"', "“", "”") or t.text == ",":
            return None
    return None


def title_start(toks: Sequence[Any], i: int) -> int:
    """Where a name's titles begin: "Head Constable Ali Khan" from "Ali"; titles are part of the name."""
    while i > 0 and toks[i - 1].low in TITLES and toks[i - 1].text[:1].isupper():
        i -= 1
    return i


# words after a named object that close it: "killed Jane Roe in Town", "killed Jane Roe, a teacher"
NAME_END = frozenset(
    {",", ".", "in", "at", "near", "on", "outside", "inside", "while", "and", "as", "(", "along", "when", "after", ";"}
)
NOT_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "today",
    }
)  # fmt: skip
# words that cannot describe a person before their name: "killed in Town" has no object
FUNCTION_WORDS = NAME_END | {"a", "an", "the", "of", "by", "from", "with", "to", "during", "for", "his", "her", "their"}
DESCRIPTION_MAX = 5  # lower-case words before a name: "traditional leader", "former village councilor"


def _name_word(tok: Any) -> bool:
    text = tok.text.replace("'", "").replace("’", "")
    return (tok.text[:1].isupper() and text.isalpha() and not tok.text.isupper()) or particle_name(tok.text)


def particle_name(text: str) -> bool:
    """rule: victims.particle_name: a name joined to its article by a hyphen is one name word: "al-Hassan",
    "Al-Kadi", "el-Sayed" (particles: name_particles in words.csv). The part after the particle is capitalised."""
    head, dash, rest = text.partition("-")
    if not dash or not rest[:1].isupper() or not rest.replace("-", "").isalpha() or rest.isupper():
        return False
    if head.lower() not in NAME_PARTICLES or not rules.on("victims.particle_name"):
        return False
    rules.fire("victims.particle_name")
    return True


def object_name(toks: Sequence[Any], j: int) -> tuple[int, int] | None:
    """rule: victims.named_object: a named person as the object of "killed": (start of the name, end).

    "shot and killed Jane Roe, a teacher, in Town", "killed tribal leader Sheikh Ali Noor at his home": up to five
    words that describe the person, then two to four capitalised words, then a word that closes the object. A
    single capitalised word ("killed Roe in") needs nothing before it to be a name."""
    m = j
    while (
        m < len(toks)
        and m - j < DESCRIPTION_MAX
        and toks[m].text[:1].islower()
        and toks[m].low.isalpha()
        and toks[m].low not in FUNCTION_WORDS
    ):
        m += 1
    start = m
    while m < len(toks) and m - start < 4 and _name_word(toks[m]) and toks[m].low not in NOT_NAMES:
        m += 1
    size = m - start
    if size == 0 or (start > j and size < 2) or m >= len(toks) or toks[m].low not in NAME_END:
        return None
    if toks[m].low == "and" and m + 1 < len(toks) and _name_word(toks[m + 1]):
        return None  # "killed Jane and John Roe": two people, read elsewhere
    return start, m


def acronym_end(toks: Sequence[Any], k: int) -> int | None:
    """rule: noun.acronym: an acronym in brackets inside a noun phrase is skipped: "six Village Defence Force (VDF)
    members", "a Central Reserve Police Force (CRPF) jawan". The index after the closing bracket, or None."""
    if k + 2 >= len(toks) or toks[k].text != "(" or toks[k + 2].text != ")":
        return None
    word = toks[k + 1].text
    return k + 3 if 2 <= len(word) <= 8 and word.isupper() and word.isalnum() else None


def shared_plural_end(toks: Sequence[Any], end: int, lex: Any) -> tuple[int, str] | None:
    """rule: count.shared_plural: "13 soldiers and fighters were killed" counts 13 in all, not 13 and some more: a
    second plural victim noun joined by "and" without a number of its own, right before the verb, shares the count.
    (end of the second noun, its group), or None."""
    if end + 2 >= len(toks) or toks[end].low != "and":
        return None
    words = lex.groups
    for n in (3, 2, 1):
        key = tuple(t.low for t in toks[end + 1 : end + 1 + n])
        found = words.get(key) if len(key) == n else None
        if found is not None and found.number == "plural":
            after = end + 1 + n
            also = after + 1 < len(toks) and toks[after + 1].low == "also"  # "and civilians were also hurt"
            if after < len(toks) and toks[after].low in ("were", "have", "had", "are") and not also:
                return after, found.group
            return None
    return None


PAIR_MAX = 8  # tokens between "and" and the plural verb of a pair: "and his personal assistant were"
PAIR_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their"})


def pair_first(toks: Sequence[Any], k: int) -> bool:
    """Part of rule victims.pair: whether the person before token k is the first of a pair with a plural verb: "the
    police chief [k:and] a bodyguard were killed"."""
    if k + 1 >= len(toks) or toks[k].low != "and":
        return False
    if toks[k + 1].low not in PAIR_DETERMINERS and not _name_word(toks[k + 1]):
        return False
    for m in range(k + 2, min(len(toks), k + 2 + PAIR_MAX)):
        if toks[m].low == "were":
            return True
        if toks[m].text in (",", ".", ";", ":") or toks[m].low in ("was", "and", "who", "which"):
            return False
    return False


def second_person(toks: Sequence[Any], k: int) -> tuple[int, int] | None:
    """rule: victims.pair_object: a second person joined to a verb's object: "killed a doctor [k:and] his associate":
    (start, end) of "his associate", a singular noun of up to three lower-case words, or None."""
    if k + 2 >= len(toks) or toks[k].low != "and" or toks[k + 1].low not in PAIR_DETERMINERS:
        return None
    m = k + 2
    while m < len(toks) and m - k - 2 < 3 and toks[m].text[:1].islower() and toks[m].low.isalpha():
        if toks[m].low in FUNCTION_WORDS or toks[m].low in CLAUSE:
            break
        m += 1
    if m == k + 2 or (toks[m - 1].low.endswith("s") and not toks[m - 1].low.endswith("ss")):
        return None
    return k + 1, m


# words of time that an outcome verb's "object" may be: "killed the next day", "shot a short time later"
TIME_WORDS = frozenset(
    {"day", "time", "week", "month", "year", "morning", "evening", "night", "afternoon", "hour", "later", "while"}
)
