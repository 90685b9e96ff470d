"""Stage 5, partition: counts joined by "and" share an outcome or add up; inclusions hang under their total;
a total is split into victim groups that add up to it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet

from ..lexicon import Lexicon
from . import rules
from .chunks import Chunk, Trigger, _verb_after, head_noun
from .text import Tok
from .words import (
    ACTIVE_LINK,
    CLAUSE_WORDS,
    COORDINATORS,
    INCLUSION_CUES,
    KIN_WORDS,
    MAJORITY,
    PASSIVE_AUX,
    PERSONAL_POSSESSIVES,
    SAYS,
    SEVERITY,
)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _sum_coordinated(toks: list[Tok], chunks: list[Chunk]) -> list[Chunk]:
    """ "three Israelis and an Iranian were killed": one group's counts joined by "and" add up to one report."""
    out: list[Chunk] = []
    for c in chunks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.outcome == c.outcome
            and (prev.group or "unknown") == (c.group or "unknown")
            and not prev.parts
            and not c.parts
            and prev.best is not None
            and c.best is not None
            and (_joined(toks, chunks, prev, c) or _along_with(toks, prev, c))
        ):
            prev.summed = [*(prev.summed or [prev.best]), *(c.summed or [c.best])]
            prev.low, prev.best, prev.high = _add(prev.low, c.low), prev.best + c.best, _add(prev.high, c.high)
            if c.qualifier != "exact":
                prev.qualifier = c.qualifier
            prev.j = c.j
            prev.rules += c.rules
            rules.mark(prev, "count.sum_coordinated")
            continue
        out.append(c)
    return out


def _along_with(toks: list[Tok], a: Chunk, b: Chunk) -> bool:
    """rule: count.sum_along_with: "nine Danes were wounded in the blast, along with two Swiss": a count of the same
    group added after "along with" or "together with", which gave it its outcome, adds up to the count before it
    (GUIDELINES: one report per incident, outcome and victim group)."""
    words = [t.low for t in toks[a.j : b.i]]
    if words[-2:] not in (["along", "with"], ["together", "with"]) or not rules.on("count.sum_along_with"):
        return False
    if any(t.text in (".", ";", ":") for t in toks[a.j : b.i]):
        return False
    rules.mark(b, "count.sum_along_with")
    return True


def _partitive(toks: list[Tok], c: Chunk) -> bool:
    """ "three of them", "two of whom": some of a count told just before."""
    return c.i + 2 < len(toks) and toks[c.i + 1].low == "of" and toks[c.i + 2].low in ("them", "whom")


def _as_well_as(words: list[str]) -> bool:
    """ "five soldiers, as well as two civilians": the words between two coordinated counts."""
    return [w for w in words if w != ","] == ["as", "well", "as"]


def _joined(toks: list[Tok], chunks: list[Chunk], a: Chunk, b: Chunk) -> bool:
    """Whether two counts are coordinated: "a and b", "a, b and c", "a, as well as b"."""
    words = [t.low for t in toks[a.j : b.i]]
    if _as_well_as(words) or (_described_then_listed(toks[a.j : b.i]) and _in_list(toks, chunks, b)):
        return True  # "five soldiers, as well as two civilians"; "a candidate standing for the assembly, his driver"
    return (
        bool(words)
        and all(w in COORDINATORS or w in PERSONAL_POSSESSIVES for w in words)  # "a woman and her four children"
        and (any(w in ("and", "plus", "&") for w in words) or _in_list(toks, chunks, b))
    )


def _coordinate(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger]) -> None:
    """Counts joined by "and" or commas share the outcome: "five militants and two civilians were killed"."""
    trigger_at = {k for t in triggers for k in range(t.i, t.j)}
    for _ in range(2):
        for a, b in zip(chunks, chunks[1:], strict=False):
            between = toks[a.j : b.i]
            one_of = b.best == 1 and b.i + 1 < len(toks) and toks[b.i + 1].low == "of"
            if one_of and all(t.text == "," for t in between):
                continue  # ", 1 of whom was the park's director": one person of those counted, no new count
            as_well_as = _as_well_as([t.low for t in between])
            along = [t.low for t in between[-2:]] in (["along", "with"], ["together", "with"])
            if a.outcome and not b.outcome and along:
                b.outcome = a.outcome  # "seven civilians were killed along with ten soldiers"
                rules.mark(b, "link.coordinated")
                continue
            if along and not a.outcome and not b.outcome and _partitive(toks, a):
                # "nine Danes were wounded, three of them seriously, along with two Swedes": past the partitive
                before = [d for d in chunks if d.j <= a.i and d.outcome]
                if before and rules.on("count.sum_along_with"):
                    b.outcome = before[-1].outcome
                    rules.mark(b, "link.coordinated")
                    continue
            if any(k in trigger_at for k in range(a.j, b.i)):
                continue
            if a.outcome and not b.outcome and _described_then_listed(between) and _in_list(toks, chunks, b):
                b.outcome = a.outcome  # "killed a candidate running for a seat in the assembly, his driver and a guard"
                rules.mark(b, "link.coordinated")
                continue
            if not between or (len(between) > 3 and not as_well_as):
                continue
            if not all(t.low in COORDINATORS or t.low in ("as", "well", "their", "his", "her") for t in between):
                continue
            joined = any(t.low in ("and", "plus", "&", "well") for t in between)
            if not joined and (a.singular or b.singular or a.loose or b.loose) and not _in_list(toks, chunks, b):
                continue  # ", a rescue worker said": an apposition or a source, not another count
            if b.outcome and not a.outcome and (a.group or not b.group):
                if a.i > 0 and toks[a.i - 1].low == "by":
                    continue  # "stabbed by a Palestinian, and a bystander was hurt": the attacker, no victim
                a.outcome = b.outcome
                rules.mark(a, "link.coordinated")
            elif a.outcome and not b.outcome and not b.bare:
                b.outcome = a.outcome
                rules.mark(b, "link.coordinated")


def _described_then_listed(between: list[Tok]) -> bool:
    """Words after a victim that describe them and end with the comma of a list: "running for a seat in the
    provincial assembly ,". No verb, number, clause word or second comma."""
    if len(between) < 2 or len(between) > 10 or between[-1].text != ",":
        return False
    return all(t.text[:1].isalpha() and t.low not in PASSIVE_AUX and t.low not in CLAUSE_WORDS for t in between[:-1])


def _in_list(toks: list[Tok], chunks: list[Chunk], c: Chunk) -> bool:
    """Whether a count is inside a list closed by "and": "killed a bomber, a soldier, 4 police and 4 civilians"."""
    n = chunks.index(c)
    for a, b in zip(chunks[n:], chunks[n + 1 :], strict=False):
        between = [t.low for t in toks[a.j : b.i]]
        if not between or len(between) > 2 or not all(w in COORDINATORS for w in between):
            return False
        if "and" in between:
            return True
    return False


def _partitive_follows(toks: list[Tok], chunks: list[Chunk], d: Chunk) -> bool:
    """Whether a later count of the sentence is a described part: "five of them were the attackers" (rule
    victims.of_them_were)."""
    if not rules.on("victims.of_them_were"):
        return False
    return any(
        e.i > d.i and e.group not in (None, "unknown") and e.i + 2 < len(toks) and toks[e.i + 1].low == "of"
        and toks[e.i + 2].low == "them"
        for e in chunks
    )


def _speaker_of(toks: list[Tok], k: int) -> bool:
    """rule: group.speaker_not_part: a noun followed by an "of" phrase of a few words and a verb of saying is who
    says it: "..., the governor of Taro province said", "..., the head of the local council told reporters"."""
    if not rules.on("group.speaker_not_part") or k >= len(toks) or toks[k].low != "of":
        return False
    for m in range(k + 1, min(k + 6, len(toks))):
        if toks[m].low in SAYS:
            return m > k + 1
        if not toks[m].text[:1].isalpha():
            return False
    return False


def among_total(toks: list[Tok], chunks: list[Chunk]) -> None:
    """rule: group.among_total: "Four aid workers were among 10 people killed", "three children were among the 12
    dead": the first count is a part of the total told right after it (as "10 people, including four aid workers"),
    not a count of its own."""
    for a, b in zip(chunks, chunks[1:], strict=False):
        between = [t.low for t in toks[a.j : b.i]]
        if between not in (["were", "among"], ["were", "among", "the"], ["was", "among", "the"], ["was", "among"]):
            continue
        if b.outcome is None or b.is_part or a.is_part or a.best is None or b.best is None or a.best > b.best:
            continue
        if a.group in (None, "unknown") or a in b.parts:
            continue  # "five were among the 12 killed": no group to tell the part by
        a.is_part, a.outcome = True, b.outcome
        b.parts.insert(0, a)
        rules.mark(b, "group.among_total")


def _attach_inclusions(
    toks: list[Tok], chunks: list[Chunk], verbs: AbstractSet[int] = frozenset(), actions: AbstractSet[int] = frozenset()
) -> None:
    """ "ten people, including three children": the children are part of the ten, not ten more.

    `verbs` are where outcome verbs start, `actions` where any outcome verb or phrase starts. A count after the
    total's verb with a verb of its own starts a new clause: "24 people, including a priest, were killed and 18
    were wounded"; so does a new verb after the cue: "including a French national and injuring 9 others"."""
    for n, c in enumerate(chunks):
        if c.is_part:
            continue
        for d in chunks[n + 1 :]:
            if d in c.parts:
                continue
            if d.outcome != c.outcome and "count.killed_of_injured" in d.rules:
                continue  # "wounding eight soldiers, two of whom later died": the dead are no part of the wounded
            if d.another:
                break  # "... and another 27 people were wounded": a new count, no part of the total
            if d.loose and d.outcome is None and _partitive_follows(toks, chunks, d):
                continue  # "killed despite several blasts, and five of them were ...": no victims in between
            if d.j < len(toks) and toks[d.j].low in SAYS:
                break  # "including two advisers, the minister said": who says it, no victim
            if _speaker_of(toks, d.j):
                rules.fire("group.speaker_not_part")
                break  # "including four children, the governor of Taro said": the speaker, no victim
            partitive = d.i + 2 < len(toks) and toks[d.i + 1].low == "of" and toks[d.i + 2].low in ("them", "whom")
            qualified = after_passive = False
            if not partitive and rules.on("group.qualified_partitive"):
                # "at least 80 of them soldiers": the qualifier comes before the number
                partitive = any(
                    toks[k].low == "of" and toks[k + 1].low in ("them", "whom") for k in range(d.i + 1, d.j - 1)
                )
                if partitive:
                    qualified = True
                    rules.fire("group.qualified_partitive")
            described = d.group not in (None, "unknown")  # "three of them children", not "fire from one of them"
            if partitive and described and c.best is not None and d.best is not None and d.best <= c.best:
                d.is_part, d.outcome = True, c.outcome  # "ten people were killed on Monday, three of them children"
                c.parts.append(d)
                rules.mark(c, "group.inclusions")
                if qualified:
                    rules.carry(c, "group.qualified_partitive")
                continue
            if verbs and any(c.j <= k < d.i for k in verbs) and _verb_after(toks, d.j, verbs):
                break
            gap_start = c.parts[-1].j if c.parts else c.j
            gap = [t.low for t in toks[gap_start : d.i]]
            words = [w for w in gap if w not in (",", "(", "-", "—")]
            # the cue may follow a short time or place phrase: "killed 15 others on Thursday, including three children"
            near = len(words) <= 7
            if not near and not c.parts and rules.on("group.inclusion_after_passive"):
                # "nine people were killed in the attack on Monday, including four children": the phrase is counted
                # from the total's own verb
                verb_at = [k for k in verbs if gap_start <= k < d.i]
                if verb_at:
                    after = [t.low for t in toks[verb_at[0] + 1 : d.i] if t.low not in (",", "(", "-", "—")]
                    near = len(after) <= 12 and not any(k in actions for k in range(verb_at[0] + 2, d.i))
                    if near:
                        after_passive = True
                        rules.fire("group.inclusion_after_passive")
            cue = near and any(
                tuple(words[k : k + len(cue)]) == cue for cue in INCLUSION_CUES for k in range(len(words))
            )
            if cue and actions:
                # "killing 3 civilians including a French national and injuring 9 others": a new verb, a new count
                cue_at = next(k for k in range(gap_start, d.i) if toks[k].low in ("including", "among", "of"))
                cue = not any(cue_at < k < d.i for k in actions)
            # "killing 20 people - 15 civilians and five soldiers -": the groups in apposition between dashes
            dash = not c.parts and gap in (["-"], ["–"], ["—"]) and d.group not in (None, "unknown")
            cue = cue or dash
            if cue or (c.parts and all(w in COORDINATORS for w in gap)):
                if not cue and not c.parts:
                    break
                last = c.parts[-1] if c.parts else None
                if last is not None and not cue:
                    gap = [t.low for t in toks[last.j : d.i]]
                    if not all(w in COORDINATORS for w in gap):
                        break
                d.is_part = True
                d.outcome = c.outcome
                kin_part(toks, d)
                c.parts.append(d)
                rules.mark(c, "group.inclusions")
                if after_passive:
                    rules.carry(c, "group.inclusion_after_passive")
                continue
            break


def killed_of_injured(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger]) -> None:
    """rule: count.killed_of_injured: "wounding eight soldiers, two of whom later died", "four people were stabbed,
    one of them fatally", "stabbed four people, killing one": the dead are some of those hurt just before; they are
    killed, and the count before them keeps the rest (GUIDELINES: reports partition the victims per incident and
    outcome; one who died of their wounds is dead, not wounded). Those "shot, one of them fatally" give the dead
    only: "shot" alone is no outcome."""
    killing = {t.j: t for t in triggers if t.form == "active" and t.outcome == "killed"}
    for n, d in enumerate(chunks):
        if n == 0 or d.is_part or d.best is None:
            continue
        c = chunks[n - 1]
        partitive = _partitive(toks, d)
        fatally = partitive and d.i + 3 < len(toks) and toks[d.i + 3].low in ("fatally", "mortally")
        died = partitive and d.outcome == "killed"
        stabbed = c.outcome == "injured" and c.i > 0 and toks[c.i - 1].low == "stabbed"
        killing_one = stabbed and not partitive and d.i in killing and d.outcome == "killed"  # "killing one"
        start = killing[d.i].i if killing_one else d.i
        gap = toks[c.j : start]
        if not (fatally or died or killing_one) or not gap or gap[-1].text != ",":
            continue
        if (
            len(gap) > 12
            or c.is_part
            or c.best is None
            or d.best > c.best
            or any(x.low in ("and", "but", "while", ";", ".") for x in gap)
            or any(c.j + 2 < x.i < start for x in triggers)  # "were wounded" is the count's own verb
            or not rules.on("count.killed_of_injured")
        ):
            continue
        if c.outcome not in (None, "injured") or (c.outcome is None and not fatally):
            continue
        d.outcome = "killed"
        if d.group in (None, "unknown"):
            d.group = c.group  # "eight soldiers, two of whom later died": two soldiers
        rules.mark(d, "count.killed_of_injured")
        if c.outcome == "injured":
            if d.best >= c.best:
                continue  # "two were wounded, two of whom died": no wounded left; the dead are told
            c.low = None if c.low is None else max(c.low - d.best, 0)
            c.best, c.high = c.best - d.best, None if c.high is None else c.high - d.best
            rules.mark(c, "count.killed_of_injured")


def severity_participles(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger]) -> None:
    """rule: group.severity_participle: "stabbed three people, seriously wounding one", "wounded 12 people, injuring
    four of them critically": a participle clause of the same outcome that says how badly some were hurt tells of
    some of the count before it, not of more victims; that count is a part of the total (GUIDELINES: the same
    quantity told twice is one report; a part of another group is split off, "critically wounding a woman")."""
    by_end = {t.j: t for t in triggers if t.form == "active"}
    for n, d in enumerate(chunks):
        if n == 0 or d.is_part or d.another or d.best is None or toks[d.j - 1].low in ("others", "more"):
            continue
        before = d.i
        while before > 0 and toks[before - 1].low in ACTIVE_LINK and d.i - before < 3:
            before -= 1  # "injuring at least two"
        t = by_end.get(before)
        if t is None or t.outcome != d.outcome:
            continue
        start = t.i - 1 if t.i > 0 and toks[t.i - 1].low in SEVERITY else t.i  # "seriously wounding one"
        if not (start < t.i or _severity_after(toks, d.j)) or start == 0 or toks[start - 1].text != ",":
            continue
        c = chunks[n - 1]
        gap = toks[c.j : start - 1]
        if (
            c.is_part
            or c.outcome != d.outcome
            or c.best is None
            or d.best > c.best
            or (d.group not in (None, "unknown", c.group) and c.group not in (None, "unknown"))  # other people
            or len(gap) > 12
            or any(x.low in ("and", "but", "while", "as", "after", "before", ";", ".") for x in gap)
            or any(c.j <= x.i < start for x in triggers)
            or not rules.on("group.severity_participle")
        ):
            continue
        d.is_part = True
        c.parts.append(d)
        rules.mark(c, "group.severity_participle")


def _severity_after(toks: list[Tok], j: int) -> bool:
    """Part of rule group.severity_participle: how badly, after the count: "wounding one seriously", "injuring two
    of them critically"."""
    after = [x.low for x in toks[j : j + 3]] + ["", "", ""]
    return after[0] in SEVERITY or (after[:2] == ["of", "them"] and after[2] in SEVERITY)


def kin_part(toks: list[Tok], d: Chunk) -> None:
    """rule: group.kin_part: "14 people, including his father, were wounded": a relative told as a part of a total
    ("his father", "her two sons") says whose kin they are, not which victim group: the part has no group of its own
    and stays in the total's rest (GUIDELINES: a group is civilians, forces or militants by what they are)."""
    if (
        d.group == "civilians"
        and (toks[d.i].low in PERSONAL_POSSESSIVES or d.i > 0 and toks[d.i - 1].low in PERSONAL_POSSESSIVES)
        and toks[d.j - 1].low in KIN_WORDS
        and rules.on("group.kin_part")
    ):
        d.group = "unknown"
        rules.mark(d, "group.kin_part")


def _group_adjective(sentence: str, lex: Lexicon) -> str | None:
    """ "Civilian casualties have been rising": the group a following bare total refers to."""
    m = re.search(
        r"\b(civilian|military|militant|police|security force|child|children's)\s+(?:casualt|death|toll)",
        sentence,
        re.I,
    )
    if not m:
        return None
    return lex.group_modifiers.get(m.group(1).lower().split()[0], "civilians")


def _majority_group(toks: list[Tok], c: Chunk, lex: Lexicon) -> str | None:
    """ "ten people, most of them tourists", "mostly women and children": the group the total mostly is."""
    k = c.j
    if k < len(toks) and toks[k].text == ",":
        k += 1
    if k >= len(toks) or toks[k].low not in MAJORITY:
        return None
    k += 1
    while k < len(toks) and toks[k].low in ("of", "them", "whom", "the", "all", "majority", "were", "being"):
        k += 1
    if _own_count(toks, k, lex):
        return None
    group, _, _, _, _ = head_noun(toks, k, lex)
    return group if group and group != "unknown" else None


def _own_count(toks: list[Tok], k: int, lex: Lexicon) -> bool:
    """rule: group.majority_own_count: "killing 25 and wounding 70 people, all 4 attackers were killed": a number
    after "all" or "most" is a count of its own, not what the total before it mostly is."""
    number = k < len(toks) and (toks[k].low[:1].isdigit() or toks[k].low in lex.number_words)
    if not number or not rules.on("group.majority_own_count"):
        return False
    rules.fire("group.majority_own_count")
    return True


def _shared_majority(toks: list[Tok], chunks: list[Chunk], c: Chunk, lex: Lexicon) -> str | None:
    """ "killed 65 people and injured more than 280 others, mostly women and children": the victims of both."""
    n = chunks.index(c)
    if n + 1 >= len(chunks):
        return None
    nxt = chunks[n + 1]
    between = [t.low for t in toks[c.j : nxt.i]]
    if not between or between[0] != "and" or len(between) > 5 or nxt.outcome == c.outcome:
        return None
    return _majority_group(toks, nxt, lex)


def _partition(c: Chunk, group_total: str) -> list[tuple[str, int | None, int | None, int | None, str, list[Chunk]]]:
    """Split a total into disjoint victim groups that add up to it (GUIDELINES.md)."""
    parts = [p for p in c.parts if p.group and p.best is not None and not p.bare]
    if (
        group_total == "unknown"
        and c.best is not None
        and any(p.group != "unknown" for p in parts)
        and sum(p.best for p in parts) < c.best
    ):
        # "183 people, including 13 soldiers and 2 foreign nationals": a part of no group stays in the rest
        parts = [p for p in parts if p.group != "unknown"]
    if not parts or c.best is None:
        return [(group_total, c.low, c.best, c.high, c.qualifier, [c, *c.parts])]
    if group_total != "unknown":
        # "ten civilians, including three children": the parts are the same group as the total
        others = [p for p in parts if p.group not in (group_total, "unknown")]  # "one of them" is of the total's group
        if not others:
            return [(group_total, c.low, c.best, c.high, c.qualifier, [c, *c.parts])]
    by_group: Counter[str] = Counter()
    for p in parts:
        by_group[p.group] += p.best
    inside = sum(by_group.values())
    if inside > c.best:
        return [(group_total, c.low, c.best, c.high, c.qualifier, [c, *c.parts])]
    out = []
    for group, count in by_group.items():
        members = [p for p in parts if p.group == group]
        qualifier = members[0].qualifier if len(members) == 1 else "exact"
        out.append((group, count, count, count if qualifier == "exact" else None, qualifier, members))
    rest = c.best - inside
    if rest > 0:
        low = None if c.low is None else max(c.low - inside, 0)
        high = None if c.high is None else c.high - inside
        if group_total in by_group:
            g = [o for o in out if o[0] == group_total][0]
            out.remove(g)
            out.append((group_total, c.low, c.best, c.high, c.qualifier, [c, *g[5]]))
        else:
            out.append((group_total, low, rest, high, c.qualifier, [c]))
    return out
