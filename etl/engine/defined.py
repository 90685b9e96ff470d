"""Names an article defines for itself (rule note.defined_name): an acronym given after a party's full name, "the
Union for Peace in the Central African Republic (UPC) ... The UPC denied involvement", and a group the actor list does
not hold, named with what it is, "Dan Na Ambassagou, a Dogon hunters' militia", "the Dogon militia Dan Na Ambassagou".
Each is then a party wherever the article writes it again (notes.find_notes' `defined`)."""

from __future__ import annotations

import re

from .. import actors as A

# an armed organisation's head noun, at the end of a full name: "Libyan National Army", "Union for Peace ..." ends
# with its place, so the noun may come first too
ARMED_HEAD = re.compile(
    r"\b(?:Army|Front|Forces|Movement|Brigades?|Militia|Alliance|Union|Battalions?|Legion|Mujahideen|Rebels|"
    r"Resistance|Coalition|Group|Defen[cs]e Units|Liberation|Jihad|Shabaab|Islam|Muslimin|Province|Fighters)\b"
)
STATE_HEAD = re.compile(r"\b(?:Government|Ministry|Council|Authority|Administration|Presidency)\b")
JOINING = r"(?:of|for|the|and|in|de|du|des|la|le|pour|wal|al|el|l)"
ACRONYM = re.compile(
    r"(?P<full>[A-Z][\w'’-]*(?:\s+(?:" + JOINING + r"\s+)*[A-Z][\w'’-]*){1,8})\s+\((?P<acr>[A-Z][A-Za-z]{1,7})\)"
)
# what a group is, said of a name in apposition: "X, a Dogon hunters' militia", "a militia, X," "the militia X"
KIND_NOUN = (
    r"(?:militia|militias|rebel group|rebel movement|armed group|insurgent group|jihadist group|militant group|"
    r"separatist group|armed movement|self-defen[cs]e group|vigilante group|jihadist alliance|faction)"
)
NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:al-|el-|wa\s+|de\s+)?[A-Z][\w'’-]+){0,4})"
MODIFIERS = r"(?:(?!(?:by|of|in|with|where|which|that|from|and|or|to|for|on|is|was)\b)[\w'’-]+\s+){0,3}?"
NAME_THEN_KIND = re.compile(NAME + r",\s+(?:a|an|the)\s+" + MODIFIERS + KIND_NOUN + r"\b")
KIND_THEN_NAME = re.compile(
    r"\b(?:a|the)\s+" + MODIFIERS + KIND_NOUN + r"(?:,\s+|\s+(?:called|known as)\s+|\s+)" + NAME
)
KIND_WORDS = ("militia", "group", "movement", "faction", "alliance")  # every KIND_NOUN holds one (case kept)
NOT_A_NAME = {"The", "A", "An", "In", "On", "At", "Its", "Their", "His", "Her", "This", "That", "It", "They", "He"}


def _initials(full: str) -> str:
    """The letters an acronym may take from a name: each word's first letter, and after a hyphen ("al-Islam")."""
    return "".join(p[0] for w in full.split() for p in w.split("-") if p and p[0].isalpha()).upper()


def _abbreviates(acr: str, full: str) -> bool:
    """ "UPC" for "Union for Peace in the Central African Republic": its first letter the name's, the rest in order."""
    letters, initials = acr.upper(), _initials(full)
    if not initials or letters[0] != initials[0]:
        return False
    it = iter(initials[1:])
    return all(ch in it for ch in letters[1:])


def _trim(full: str, acr: str) -> str:
    """The shortest end of the words before "(ACR)" that the acronym abbreviates: "Fighters of the Rapid Support
    Forces (RSF)" is "Rapid Support Forces"."""
    words = full.split()
    for k in range(len(words) - 1, -1, -1):
        tail = " ".join(words[k:])
        if tail[0].isupper() and _abbreviates(acr, tail):
            return tail
    return ""


def defined_names(text: str, actors: A.Actors | None = None) -> dict[str, A.Actor]:
    """The names the article defines for a party, each with its actor: an acronym after a full name (an actor the
    list holds, or a name with an armed or state body's noun), and a name given with what it is (an armed group)."""
    actors = actors or A.load()
    found: dict[str, A.Actor] = {}
    for m in _acronyms(text) if "(" in text else ():
        acr = m.group("acr")
        full = _trim(m.group("full"), acr)
        if not full or acr in found or A.find(acr, actors):
            continue  # the list knows the acronym already
        known = A.find(full, actors)
        if known and known[-1].end == len(full) and known[-1].start <= 4:
            found[acr] = known[-1].actor
        elif ARMED_HEAD.search(full):
            found[acr] = A.Actor(full, "armed_group", None)
        elif STATE_HEAD.search(full):
            found[acr] = A.Actor(full, "officials", None)
        if acr in found and not A.find(full, actors):
            found.setdefault(full, found[acr])
    for pattern in (NAME_THEN_KIND, KIND_THEN_NAME) if any(w in text for w in KIND_WORDS) else ():
        for m in pattern.finditer(text):
            name = m.group("name")
            if name.split()[0] in NOT_A_NAME or name in found or A.find(name, actors):
                continue
            if name in actors.country_aliases or any(w in actors.demonyms for w in name.split()):
                continue
            found[name] = A.Actor(name, "armed_group", None)
    return found


PAREN = re.compile(r"\s\([A-Z][A-Za-z]{1,7}\)")
ACRONYM_AT_END = re.compile(ACRONYM.pattern + r"$")


def _acronyms(text: str) -> list[re.Match[str]]:
    """ACRONYM's matches, sought only in the 200 characters that end with each "(ACR)" (over a whole text the
    pattern tries every capitalised word)."""
    found = []
    for p in PAREN.finditer(text):
        m = ACRONYM_AT_END.search(text, max(0, p.start() - 200), p.end())
        if m:
            found.append(m)
    return found


def mentions(sentence: str, defined: dict[str, A.Actor], taken: list[tuple[int, int]]) -> list[A.Mention]:
    """Where a sentence writes a defined name again (a whole word, case kept), outside the spans already taken."""
    out = []
    for name, actor in defined.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", sentence):
            if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
                out.append(A.Mention(m.start(), m.end(), name, actor))
                taken = taken + [(m.start(), m.end())]
    return sorted(out, key=lambda x: x.start)


def with_defined(found: list[A.Mention], text: str, defined: dict[str, A.Actor]) -> list[A.Mention]:
    """The mentions actors.py found in a text, with the defined names written in it: a defined name holds the country
    or actor named inside it ("Union for Peace in the Central African Republic"), so it replaces them."""
    own = mentions(text, defined, []) if defined else []
    if not own:
        return found
    kept = [m for m in found if not any(d.start <= m.start and m.end <= d.end for d in own)]
    return sorted(kept + [d for d in own if not any(m.start <= d.start < m.end for m in kept)], key=lambda m: m.start)
