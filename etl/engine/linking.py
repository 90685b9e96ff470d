"""Stage 4, linking: each count of a sentence tied to the outcome word that governs it (read_sentence), with
the context filters that drop a count (a rate, a denial, a superseded figure, a severity subset).
"""

from __future__ import annotations

from ..lexicon import Lexicon
from . import attackers, lists, rules
from .chunks import (
    Chunk,
    Trigger,
    _headline_singular,
    _possessed_person,
    _verb_after,
    bare_plural,
    chunk_at,
    outcome_triggers,
)
from .partition import (
    _attach_inclusions,
    _coordinate,
    _sum_coordinated,
    among_total,
    killed_of_injured,
    kin_part,
    severity_participles,
)
from .text import Tok
from .victims import (
    _all_killed_aside,
    _attackers_clause,
    _attackers_killed_after,
    _named_victims,
    _objects_without_number,
    _of_the_dead,
    _reflexive_repeats,
    _the_dead_included,
    _wounded_died,
    _wounded_then_died,
)
from .words import (
    ACTIVE_LINK,
    AUX,
    CLAUSE_SUBJECTS,
    DETERMINERS_ONE,
    INCLUSION_CUES,
    LIVES_TAKEN,
    PASSIVE_AUX,
    PERSONAL_POSSESSIVES,
    PP_STARTS,
)


def _distant_passive(
    toks: list[Tok], j: int, by_start: dict[int, Trigger], chunks: list[Chunk]
) -> tuple[int, bool] | None:
    """ "52 soldiers collecting their salaries at a base were killed": the passive verb a dozen words on, and
    whether it was reached past a verb of manner (rule link.manner_then_outcome: "was kidnapped and murdered").

    Only across plain words: no punctuation, no other count and no other outcome word in between."""
    starts = {c.i for c in chunks}
    for m in range(j, min(len(toks), j + 14)):
        if toks[m].text in (",", ".", ";", ":", "(", ")") or m in starts or toks[m].low in ("and", "but", "while"):
            return None
        if toks[m].low in CLAUSE_SUBJECTS and rules.on("link.passive_own_subject"):
            rules.fire("link.passive_own_subject")  # "shot three shoppers before he was killed": his passive
            return None
        if m in by_start:
            return None
        if toks[m].low in PASSIVE_AUX:
            if m > j and toks[m - 1].low in ("who", "which", "that"):
                continue  # "a service member who was part of the coalition was killed": the relative clause's verb
            k = m
            while k < len(toks) and toks[k].low in AUX and k - m < 3:
                k += 1
            trig = by_start.get(k)
            if (trig is None or trig.form == "manner") and rules.on("link.manner_then_outcome"):
                then = _manner_then_outcome(toks, k, by_start, chunks)  # "one of them was kidnapped and murdered"
                if then is not None:
                    return then, True
            return (k, False) if trig is not None and trig.form in ("participle", "intransitive") else None
    return None


DASHES = ("-", "–", "—")
MANNER_MAX = 10  # words between a passive verb of manner and "and" with the outcome: "were tied up before being shot"


def _manner_then_outcome(toks: list[Tok], k: int, by_start: dict[int, Trigger], chunks: list[Chunk]) -> int | None:
    """rule: link.manner_then_outcome: "one driver was beaten and injured", "a farmer was cut with a machete and
    injured", "five men were tied up before being shot and killed": the passive verb tells how, and the outcome
    participle joined by "and" a few plain words on is what became of those counted. The outcome's index."""
    if k >= len(toks) or not toks[k].low.isalpha() or toks[k].low in AUX:
        return None
    starts = {c.i for c in chunks}
    for m in range(k + 1, min(len(toks), k + MANNER_MAX)):
        if toks[m].text in (",", ".", ";", ":", "(", ")") or m in starts:
            return None
        t = by_start.get(m)
        if t is not None:
            if t.form == "manner":
                continue  # "was shot, beaten": another verb of manner
            joined = toks[m - 1].low in ("and", "being") or (toks[m - 1].low == "later" and toks[m - 2].low == "and")
            return m if joined and t.form == "participle" else None
    return None


def _skip_parenthetical(toks: list[Tok], k: int, verbs: set[int]) -> int:
    """Skip what stands between a count and its verb: "(SNA)", ", including three children,", ", a woman and
    her son,", "from the Marehan clan", so that "were killed" after it is found."""
    n = len(toks)
    if k < n and toks[k].text in ("(", "["):
        close = ")" if toks[k].text == "(" else "]"
        for m in range(k + 1, min(n, k + 12)):
            if toks[m].text == close:
                return m + 1
    if k < n and toks[k].text == "," and _verb_after(toks, k + 1, verbs):
        return k + 1  # the comma closing an apposition: "40 people, 6 soldiers and 34 civilians, were killed"
    if (
        k + 1 < n
        and toks[k].text == ","
        and toks[k - 1].text[:1].isalpha()
        and toks[k + 1].low[:1].isdigit()
        and not (len(toks[k + 1].low) == 4 and toks[k + 1].low.isdigit())
    ):
        # a list of counts in apposition: "40 people, 6 security personnel and 34 civilians, were killed"
        for m in range(k + 2, min(n, k + 16)):
            if toks[m].text in (".", ";", ":", "(") or m in verbs or toks[m].low in PASSIVE_AUX:
                break
            if toks[m].text == "," and _verb_after(toks, m + 1, verbs, bare=True):
                return m + 1
    if k + 1 < n and toks[k].text == "," and toks[k + 1].low in PP_STARTS:
        # where those counted came from, with a list inside: ", from South Africa, Malawi and Uruguay, were killed"
        for m in range(k + 2, min(n, k + 16)):
            if toks[m].text in (".", ";", ":") or m in verbs:
                break
            if toks[m].text == "," and _verb_after(toks, m + 1, verbs):
                return m + 1
    # rule group.dash_inclusion: "five people - including a girl - were shot dead": dashes set the inclusion off
    dash = (
        k + 1 < n
        and toks[k].text in DASHES
        and toks[k + 1].low in ("including", "among")
        and rules.on("group.dash_inclusion")
    )
    if k < n and (toks[k].low == "including" or (toks[k].text == "," and k + 1 < n) or dash):
        first = k + 1 if toks[k].text == "," or dash else k
        for m in range(first, min(n, first + 16)):
            if toks[m].text in (".", ";", ":"):
                break
            if toks[m].low[:1].isdigit() and m > first + 1 and toks[first].low not in ("including", "who", "which"):
                return k
            if m in verbs or (toks[m].low in AUX and toks[m].low not in ("the", "to") and (m + 1) in verbs):
                is_cue = any(tuple(t.low for t in toks[first : first + len(c)]) == c for c in INCLUSION_CUES) or (
                    toks[first].low in ("who", "which", "whose")
                )
                if is_cue and toks[m].low in AUX and m == first + 1 and toks[first].low in ("who", "which"):
                    continue
                return m if is_cue else k
            if (toks[m].text == "," or (dash and toks[m].text in DASHES)) and m > first:
                nxt = m + 1
                while nxt < n and toks[nxt].low in AUX and toks[nxt].low not in ("the", "to"):
                    nxt += 1
                if nxt in verbs:
                    if dash:
                        rules.fire("group.dash_inclusion")
                    return m + 1
                is_cue = any(tuple(t.low for t in toks[first : first + len(c)]) == c for c in INCLUSION_CUES)
                if not is_cue:
                    return k
                # a list inside the inclusion: ", including an Algerian, Austrian, German and Dutchman, were"
    if k < n and toks[k].low in PP_STARTS:
        m = k + 1
        while m < min(n, k + 12):
            if toks[m].text == "(":  # "belonging to the Central Reserve Police Force (CRPF) were killed"
                close = next((x for x in range(m + 1, min(n, m + 6)) if toks[x].text == ")"), None)
                if close is None:
                    break
                m = close + 1
                continue
            if (
                toks[m].text in (",", ".", ";", ":")
                or toks[m].low in ("and", "but", "while", "with")
                or toks[m].low[:1].isdigit()
            ):
                break
            if toks[m].low in CLAUSE_SUBJECTS and rules.on("link.passive_own_subject"):
                rules.fire("link.passive_own_subject")  # "three shoppers in Sako before he was killed": his passive
                break
            if m in verbs or (toks[m].low in AUX and toks[m].low not in ("the", "to") and (m + 1) in verbs):
                return m
            m += 1
    return k


def _starters(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """Words that can start a count, and first words of plural victim nouns (built once per lexicon)."""
    cached = getattr(lex, "_starters", None)
    if cached is None:
        words = {k[0] for k in lex.modifiers} | {k[0] for k in lex.number_phrases} | set(lex.number_words)
        words |= {w.split("-")[0] for w in lex.number_words} | DETERMINERS_ONE | {"between", "another"}
        plurals = {k[0] for k, g in lex.groups.items() if g.number == "plural"}
        cached = (frozenset(words), frozenset(plurals))
        lex._starters = cached  # type: ignore[attr-defined]
    return cached


def read_sentence(toks: list[Tok], lex: Lexicon) -> list[Chunk]:
    """Victim counts of one sentence, each with its outcome; inclusions hang under their totals."""
    chunks: list[Chunk] = []
    starters, plural_starts = _starters(lex)
    i = 0
    while i < len(toks):
        low = toks[i].low
        c = chunk_at(toks, i, lex) if low in starters or low[0].isdigit() or low.split("-")[0] in starters else None
        rule_id = "count.number_phrase"
        if c is not None and c.loose:
            rule_id = "count.unlisted_singular" if c.singular else "count.unlisted_noun"
        if c is None and i == 0 and rules.on("count.headline_singular"):
            c, rule_id = _headline_singular(toks, lex), "count.headline_singular"
        if c is None and low.endswith(("'s", "’s")) and toks[i].text[:1].isupper() and rules.on("victims.possessed"):
            c, rule_id = _possessed_person(toks, i, lex), "victims.possessed"  # "Jane Roe's driver was also killed"
        if (
            c is None
            and low in plural_starts
            and (toks[i].text[:1].islower() or i == 0 or toks[i - 1].text in ('"', "“", "("))
            and rules.on("count.bare_plural")
        ):
            c, rule_id = bare_plural(toks, i, lex), "count.bare_plural"
        if c is not None and not rules.on(rule_id):
            c = None
        if c is not None:
            rules.mark(c, rule_id)
            chunks.append(c)
            i = c.j
        else:
            i += 1
    taken = {k for c in chunks for k in range(c.i, c.j) if c.head_outcome}
    triggers = outcome_triggers(toks, lex, taken)
    by_start = {t.i: t for t in triggers}
    by_end = {t.j: t for t in triggers}
    verbs = {t.i for t in triggers if t.form in ("participle", "intransitive", "adjective")}
    if rules.on("victims.object_without_number"):
        for c in _objects_without_number(toks, chunks, triggers, lex):
            rules.mark(c, "victims.object_without_number")
            chunks.append(c)
    if rules.on("victims.named"):
        for c in _named_victims(toks, chunks, by_start, lex):
            rules.mark(c, "victims.named")
            chunks.append(c)
    if rules.on("filter.unit_name"):
        # "troopers of the Indian Central Reserve Police Force": "the ... Force" names a unit, it counts nobody
        kept = [
            c
            for c in chunks
            if not (toks[c.i].low == "the" and c.i > 1 and toks[c.i - 1].low == "of" and (c.i - 1) not in by_end)
        ]
        if len(kept) < len(chunks):
            rules.fire("filter.unit_name")
        chunks = kept
    chunks.sort(key=lambda c: c.i)

    for c in chunks:
        if c.outcome:
            continue
        wounded = c.head_outcome == "injured" and rules.on("victims.wounded_died")
        if wounded and _wounded_died(toks, c, by_start, triggers):
            continue
        # "ten deaths", "five dead": the noun itself is the outcome
        if c.head_outcome and rules.on("link.noun_outcome"):
            c.outcome = c.head_outcome
            rules.mark(c, "link.noun_outcome")
            continue
        # object of an active verb first: "killing at least ten people", "wounded 20 others"
        before = c.i  # where the count's phrase starts, with "at least", "some"... before it
        while not c.bare and before > 0 and toks[before - 1].low in ACTIVE_LINK and c.i - before < 3:
            before -= 1
        if before > 2 and [t.low for t in toks[before - 3 : before]] == ["a", "total", "of"]:
            before -= 3  # "killed a total of 66 people"
        t = by_end.get(before)
        after = [x.low for x in toks[c.j : c.j + 3] if x.text not in ("'", "’")][:2]
        to_death = after[:1] == ["dead"] or after == ["to", "death"]
        if t is not None and t.form in ("participle", "active") and rules.on("link.active_object"):
            c.outcome = "killed" if to_death else t.outcome  # "shot three men dead"
            rules.mark(c, "link.active_object")
            continue
        if t is not None and t.form == "manner" and to_death and rules.on("link.to_death"):
            c.outcome = t.outcome  # "stabbed four people to death"
            rules.mark(c, "link.to_death")
            continue
        if after[:1] == ["lives"] and before > 0 and toks[before - 1].low in LIVES_TAKEN and rules.on("link.lives"):
            c.outcome = "killed"  # "claimed 7 civilians' lives"
            rules.mark(c, "link.lives")
            continue
        from_to = c.qualifier == "range" and toks[c.i - 1].low == "from" and any(t.low == "to" for t in toks[c.i : c.j])
        if not c.bare and c.i > 0 and (toks[c.i - 1].low in ("to", "at") or from_to) and rules.on("link.toll"):
            toll = _toll_before(toks, c.i, triggers, from_to)  # "the toll rose to 38 as more of the wounded died"
            if toll:
                c.outcome = toll
                rules.mark(c, "link.toll")
                continue
        # passive or intransitive after the count: "ten people were killed", "ten died", "ten killed"
        k = c.j
        for _ in range(3):
            k2 = _skip_parenthetical(toks, k, verbs)
            if k2 == k:
                break
            k = k2
        skipped = (c.j, k)
        aux = 0
        passive = False
        while (
            k < len(toks)
            and k not in by_start  # "were among the dead" is itself the outcome
            and (toks[k].low in AUX or aux and toks[k].low.endswith("ly"))  # "were seriously injured"
            and aux < 5
            and toks[k].low not in ("left", "the")
        ):
            passive = passive or toks[k].low in PASSIVE_AUX
            k += 1
            aux += 1
            k2 = _skip_parenthetical(toks, k, verbs)
            if k2 != k:
                skipped, k = (k, k2), k2
        t = by_start.get(k)
        manner = False
        if (t is None or t.form == "manner") and passive and rules.on("link.manner_then_outcome"):
            then = _manner_then_outcome(toks, k, by_start, chunks)
            if then is not None:  # "one driver was beaten and injured"
                k, t, manner = then, by_start[then], True
        distant = False
        if t is None and not c.bare and not c.loose and rules.on("link.distant_passive"):
            far = _distant_passive(toks, c.j, by_start, chunks)
            if far is not None:
                (k, manner), passive, distant = far, True, True
                t = by_start[k]
        if (
            t is not None
            and t.form in ("participle", "intransitive", "adjective")
            and (distant or rules.on("link.passive"))
        ):
            determiner = t.j + 1 < len(toks) and (toks[t.j].low == "the" or toks[t.j].low in PERSONAL_POSSESSIVES)
            obj = t.j + 1 if determiner else t.j  # "killed the 2 officers
            following = chunk_at(toks, obj, lex) if obj < len(toks) else None
            if (
                t.form == "participle"
                and following is not None
                and following.group is not None
                and not following.bare
                and rules.on("link.subject_not_victim")
            ):
                rules.fire("link.subject_not_victim")  # "five gunmen killed ten soldiers": the subject, no victims
            elif (
                t.form == "participle"
                and not passive
                and aux == 0
                and attackers.acting(toks, c, t.j)
                and rules.on("attackers.subject")
            ):
                rules.fire("attackers.subject")  # "an assailant shot and killed a village chief": the subject
            elif (
                (not c.bare and not c.loose)
                or passive
                or (t.form == "intransitive" and aux == 0)
                or (t.form == "adjective")
                # "one person was killed and others injured": the passive of the clause before
                or (aux == 0 and c.i > 0 and toks[c.i - 1].low == "and" and any(d.outcome for d in chunks if d.j < c.i))
            ):
                c.outcome = t.outcome
                rules.mark(c, "link.distant_passive" if distant else "link.passive")
                if manner:
                    rules.mark(c, "link.manner_then_outcome")
                if t.rule:
                    rules.carry(c, t.rule)  # "received several stab wounds" (victims.wounds_received)
                # counts inside what was skipped are parts of this one: ", a woman and her son,"
                for d in chunks:
                    if (
                        d is not c
                        and skipped[0] <= d.i < skipped[1]
                        and not d.is_part
                        and c.best is not None
                        and d not in c.parts
                        and rules.on("group.apposition_parts")
                    ):
                        d.is_part, d.outcome = True, t.outcome
                        kin_part(toks, d)
                        c.parts.append(d)
                        rules.mark(c, "group.apposition_parts")
                continue
        # a noun before "of": "the death of one civilian", "the killing of 14 people"; or a toll: "rose to 30"
        k = before
        of_noun = rules.on("link.noun_of")
        if of_noun and k > 0 and toks[k - 1].low in ("of",) and k - 1 in by_end and by_end[k - 1].form == "noun":
            c.outcome = by_end[k - 1].outcome  # "the death of one civilian"
            rules.mark(c, "link.noun_of")
            continue
        if of_noun and k > 1 and toks[k - 1].low == "of":
            noun = k - 2
            if toks[noun].text == ",":  # "the massacre, in late 2014, of 134 pupils"
                noun = next((m - 1 for m in range(noun - 1, max(0, noun - 8), -1) if toks[m].text == ","), noun)
            if toks[noun].low in ("killing", "killings", "massacre", "deaths"):
                c.outcome = "killed"
                rules.mark(c, "link.noun_of")
                continue
        if of_noun and k > 1 and toks[k - 1].low == "of" and toks[k - 2].low in ("wounding", "injuring", "injury"):
            c.outcome = "injured"  # "the wounding of 5 others"
            rules.mark(c, "link.noun_of")
            continue
        if not c.bare and rules.on("link.toll"):
            toll = _toll_before(toks, c.i, triggers)
            if toll:
                c.outcome = toll
                rules.mark(c, "link.toll")
                continue

    if rules.on("victims.wounded_then_died"):
        _wounded_then_died(toks, chunks, by_start, triggers)
    if rules.on("attackers.in_addition"):
        attackers.in_addition_to(toks, chunks)
    if rules.on("victims.all_killed_aside"):
        _all_killed_aside(toks, chunks, by_start)
    if rules.on("victims.the_dead_included"):
        _the_dead_included(toks, chunks, lex)
    if rules.on("victims.attackers_killed_after"):
        chunks += _attackers_killed_after(toks, chunks, triggers)
    of_the_dead = rules.on("victims.of_the_dead")
    attackers_clause = rules.on("group.attackers_clause")
    the_other = rules.on("group.the_other")
    for n, c in enumerate(chunks):
        if of_the_dead:
            _of_the_dead(toks, c, lex)
        if c.group in (None, "unknown", "civilians") and attackers_clause and _attackers_clause(toks, c.j):
            c.group = "militants"  # "shot dead two Palestinians who opened fire at them"
            rules.mark(c, "group.attackers_clause")
        if c.group == "unknown" and the_other and [t.low for t in toks[c.i : c.j]] == ["the", "other"]:
            # "one of the assailants was shot dead and the other was wounded": the other assailant
            one_of = [p for p in chunks[:n] if p.best == 1 and p.i + 1 < len(toks) and toks[p.i + 1].low == "of"]
            if one_of:
                c.group = one_of[-1].group
                rules.mark(c, "group.the_other")
    if rules.on("link.coordinated"):
        _coordinate(toks, chunks, triggers)
    listed = lists.inclusion_inside_list(toks, chunks) if rules.on("list.inclusion_inside") else []
    if rules.on("count.killed_of_injured"):
        killed_of_injured(toks, chunks, triggers)
    if rules.on("group.severity_participle"):
        severity_participles(toks, chunks, triggers)
    if rules.on("group.among_total"):
        among_total(toks, chunks)
    if rules.on("group.inclusions"):
        _attach_inclusions(
            toks,
            chunks,
            {t.i for t in triggers if t.form in ("participle", "intransitive", "adjective")},
            {t.i for t in triggers if t.form != "noun"},
        )
    lists.apart(listed)
    kept = [c for c in chunks if c.outcome and not c.is_part and not _filtered(toks, chunks, c)]
    kept = _reflexive_repeats(toks, kept, by_end)
    return _sum_coordinated(toks, kept) if rules.on("count.sum_coordinated") else kept


def _filtered(toks: list[Tok], chunks: list[Chunk], c: Chunk) -> bool:
    """Whether a context filter drops a count (a rate, a denial, a superseded figure, a severity subset)."""
    if (
        c.qualifier == "range"
        and any(t.low == "to" for t in toks[c.i : c.j])
        and _superseded(toks, c)
        and rules.on("filter.superseded")
    ):
        # "the toll rose from 9 to 14": not a range, the old figure and the new one; the new one stays
        c.low = c.best = c.high
        c.qualifier = "exact"
        rules.mark(c, "filter.superseded")
        return False
    if _rate(toks, c) and rules.on("filter.rate"):
        rule_id = "filter.rate"
    elif _denied(toks, c) and rules.on("filter.denied"):
        rule_id = "filter.denied"
    elif _superseded(toks, c) and rules.on("filter.superseded"):
        rule_id = "filter.superseded"
    elif _severity_subset(toks, chunks, c) and rules.on("filter.severity_subset"):
        rule_id = "filter.severity_subset"
    elif _toll_increment(toks, chunks, c) and rules.on("filter.toll_increment"):
        rule_id = "filter.toll_increment"
    elif lists.another_repeats(toks, chunks, c) and rules.on("count.another_alone"):
        rule_id = "count.another_alone"  # "one person was killed and another was killed": told again
    else:
        return False
    rules.fire(rule_id)
    return True


TOLL_BRINGING = ("bringing", "raising", "taking", "pushing", "lifting")
TOLL_WORDS = ("toll", "tally")
PERIOD_WORDS = ("this", "month", "year", "week", "since", "so", "far")  # "the toll this month": a period's count


def _toll_increment(toks: list[Tok], chunks: list[Chunk], c: Chunk) -> bool:
    """rule filter.toll_increment: "14 of the injured died, bringing the toll to 52", "three more died, raising the
    death toll to 31": the new dead are inside the toll that follows them; no count of their own."""
    for d in chunks:
        if d.i <= c.j or d.outcome != c.outcome or d.best is None or c.best is None or d.best < c.best:
            continue
        between = [t.low for t in toks[c.j : d.i]]
        if len(between) > 16 or not any(w in TOLL_BRINGING for w in between):
            return False
        at = max(k for k, w in enumerate(between) if w in TOLL_BRINGING)
        tail = between[at + 1 :]
        return (
            bool(tail)
            and tail[-1] in ("to", "at")
            and any(w in TOLL_WORDS for w in tail)
            and not any(w in PERIOD_WORDS for w in tail)
        )
    return False


def _severity_subset(toks: list[Tok], chunks: list[Chunk], c: Chunk) -> bool:
    """ "wounding eight, five of them seriously", "four were wounded, one of whom critically": some of a count told
    just before, by how badly they were hurt; no count of their own."""
    partitive = c.i + 2 < len(toks) and toks[c.i + 1].low == "of" and toks[c.i + 2].low in ("them", "whom")
    if not partitive or c.group not in (None, "unknown"):
        return False
    return any(d.j <= c.i and d.outcome == c.outcome and (d.best or 0) >= (c.best or 0) for d in chunks if d is not c)


def _superseded(toks: list[Tok], c: Chunk) -> bool:
    """ "the toll rose from 59", "up from 59 on Sunday": the earlier figure a new one replaces."""
    words = [t.low for t in toks[max(0, c.i - 6) : c.i]]
    if "from" not in words:
        return False
    k = len(words) - 1 - words[::-1].index("from")
    if "to" in words[k + 1 :]:
        return False  # "rose from 12 to 19": 19 is the new figure
    return any(w in ("rose", "risen", "climbed", "increased", "jumped", "up", "raised", "revised") for w in words[:k])


def _rate(toks: list[Tok], c: Chunk) -> bool:
    """ "one Syrian killed every 25 minutes": a rate, no count of victims."""
    return any(t.low == "every" for t in toks[c.j : c.j + 4])


def _denied(toks: list[Tok], c: Chunk) -> bool:
    """ "no reports of other casualties": a vague count the sentence denies."""
    return c.qualifier == "vague" and any(t.low in ("no", "without") for t in toks[max(0, c.i - 4) : c.i])


def _toll_before(toks: list[Tok], i: int, triggers: list[Trigger], from_to: bool = False) -> str | None:
    """ "the death toll rose to 30", "a toll of 12", "brought the day's death toll to 92"; with `from_to`, the
    range "from 9 to 14" of "the toll rose from 9 to 14"."""
    words = ("to", "at", "of", "reached", "hit", "is", "was", "stood", "stands", "now") + (("from",) if from_to else ())
    if i == 0 or toks[i - 1].low not in words:
        return None
    for t in triggers:
        if (t.form == "toll" or _number_of(toks, t)) and 0 < i - t.j <= 25:
            return t.outcome
    return None


def _number_of(toks: list[Tok], t: Trigger) -> bool:
    """An outcome word after "the number of" names a toll: "the number of people killed rose to 16"."""
    return any(toks[m].low == "number" and toks[m + 1].low == "of" for m in range(max(0, t.i - 4), t.i - 1))
