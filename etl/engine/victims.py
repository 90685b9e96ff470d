"""Stage 4b, special readings of victims: named single victims, objects without a number, attackers killed,
the dead listed after a toll, the wounded who died. Each one a named rule (rules.py).
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon, fold
from . import named, rules
from .chunks import Chunk, Trigger, head_noun, match_perpetrator
from .consolidate import TOLL_UPDATE
from .numbers import _match
from .text import Tok
from .words import (
    AUX,
    LIST_GAP,
    NOT_A_NAME,
    OBJECT_PRONOUNS,
    OF_THE_DEAD,
    PERSONAL_POSSESSIVES,
    POSSESSIVES,
    SAYS,
    STOP_BEFORE_HEAD,
    THE_DEAD,
)


def _attackers_killed_after(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger]) -> list[Chunk]:
    """ "2 gunmen opened fire on the hotel before being killed by police": the attackers the sentence counted are
    the dead; "a Palestinian stabbed two officers before being shot dead" is one attacker."""
    found = []
    for t in triggers:
        if not (
            t.outcome == "killed"
            and t.form == "participle"
            and t.i > 1
            and toks[t.i - 1].low == "being"
            and toks[t.i - 2].low in ("before", "after")
        ):
            continue
        attackers = [c for c in chunks if c.j <= t.i - 2 and c.group == "militants" and not c.outcome]
        if attackers:
            attackers[-1].outcome = t.outcome
            rules.mark(attackers[-1], "victims.attackers_killed_after")
        elif toks[0].low in ("a", "an", "the", "he", "she"):
            found.append(Chunk(t.i - 1, t.i, 1, 1, 1, "exact", group="militants", outcome=t.outcome))
            rules.mark(found[-1], "victims.attackers_killed_after")
    return found


def _the_dead_included(toks: list[Tok], chunks: list[Chunk], lex: Lexicon) -> None:
    """Parts of a toll told elsewhere: "the dead included students, guards and at least one teacher", "among the dead
    were 12 children", "the dead were 19 civilians and seven soldiers", "of those killed, 668 were civilians"."""
    for k in range(len(toks) - 3):
        if toks[k].low not in ("the", "those") or toks[k + 1].low not in THE_DEAD:
            continue
        fronted = k > 0 and toks[k - 1].low == "of" and toks[k + 2].text == ","
        if not fronted and k > 0 and toks[k - 1].low == "of":
            continue  # "six of the wounded were Israeli tourists": a count of its own (_of_the_dead)
        if not (fronted or toks[k + 2].low in ("included", "include", "includes", "were", "was", "are")):
            continue
        listed = k + 3  # the parts are a list right after the cue; "a category that includes ..." ends it
        for c in chunks:
            if c.i < listed:
                continue
            if any(t.low not in LIST_GAP for t in toks[listed : c.i]):
                break
            if c.j < len(toks) and toks[c.j].low in SAYS:
                break  # "the dead included 12 children, a hospital official said": the speaker, no part
            if c.group is None and c.j + 1 < len(toks) and toks[c.j].low in ("were", "was"):
                group, _, _, end, _ = head_noun(toks, c.j + 1, lex)  # "668 were civilians"
                if group is not None:
                    c.group, c.j = group, end
            if c.group not in (None, "unknown") and not c.outcome:
                c.outcome, c.among = THE_DEAD[toks[k + 1].low], True
                rules.mark(c, "victims.the_dead_included")
            listed = c.j
        return


REFLEXIVES = ("himself", "herself")


def _reflexive_repeats(toks: list[Tok], chunks: list[Chunk], by_end: dict[int, Trigger]) -> list[Chunk]:
    """rule: victims.reflexive_subject: "a suicide bomber (who) killed himself and ten shoppers": "himself" is the
    subject told again, no second victim, when the subject right before the verb is already counted by that verb."""
    if not rules.on("victims.reflexive_subject"):
        return chunks
    kept = []
    for o in chunks:
        t = by_end.get(o.i)
        if t is not None and o.j == o.i + 1 and toks[o.i].low in REFLEXIVES and o.outcome == t.outcome:
            subject = next(
                (
                    s
                    for s in chunks
                    if s is not o
                    and s.best == 1
                    and s.outcome == t.outcome
                    and s.j <= t.i
                    and all(x.low in AUX or x.low in ("who", "that") for x in toks[s.j : t.i])
                ),
                None,
            )
            if subject is not None:
                rules.mark(subject, "victims.reflexive_subject")
                continue
        kept.append(o)
    return kept


def _all_killed_aside(toks: list[Tok], chunks: list[Chunk], by_start: dict[int, Trigger]) -> None:
    """ "Four gunmen, all since killed, were involved": the aside tells what became of those counted."""
    for c in chunks:
        k = c.j
        if c.outcome or k + 2 >= len(toks) or toks[k].text != "," or toks[k + 1].low not in ("all", "both"):
            continue
        m = k + 2
        while m < len(toks) and m - k < 6 and toks[m].low in ("of", "them", "since", "later", "subsequently", "now"):
            m += 1
        t = by_start.get(m)
        if t is not None and t.form in ("participle", "intransitive") and t.j < len(toks) and toks[t.j].text == ",":
            c.outcome = t.outcome
            rules.mark(c, "victims.all_killed_aside")
            chunks[:] = [d for d in chunks if d.i != k + 1]  # "both" of ", both since killed," is no second count


def _wounded_then_died(
    toks: list[Tok], chunks: list[Chunk], by_start: dict[int, Trigger], triggers: list[Trigger]
) -> None:
    """ "A girl wounded in the bombing died in hospital": she is dead, not wounded; and when the sentence raises the
    toll ("raising the death toll to 12") she is one of that toll, no count of her own."""
    starts = {c.i for c in chunks}
    later = rules.on("victims.wounded_and_later_died")
    for c in chunks:
        was = later and c.j < len(toks) and toks[c.j].low == "was"  # "one soldier was injured"
        t = by_start.get(c.j + 1 if was else c.j)
        if c.outcome != "injured" or t is None or t.form != "participle":
            continue  # "a girl wounded in the bombing died", "two more policemen injured in the attack succumbed"
        if c.i >= 2 and toks[c.i - 1].low in ("the", "those") and toks[c.i - 2].low in ("of", "among"):
            continue  # "two of the 22 wounded died": the two, not the 22
        joined = False
        for k in range(t.j, min(len(toks), t.j + 15)):
            then = k + 1 < len(toks) and toks[k + 1].low in ("later", "subsequently", "died", "succumbed")
            if later and toks[k].low == "and" and then:
                joined = True  # rule victims.wounded_and_later_died: "was injured in the blast and later died"
                continue
            if k in starts or toks[k].text in (";", ":") or toks[k].low in ("and", "but", "while", "who", "which"):
                break
            died = by_start.get(k)
            if died is not None and died.form == "intransitive" and died.outcome == "killed":
                toll = any(x.form == "toll" and x.i > k for x in triggers)
                c.outcome = None if toll else "killed"
                rules.mark(c, "victims.wounded_then_died")
                if joined or was:
                    rules.mark(c, "victims.wounded_and_later_died")
                break


WOUNDED_DIED_GAP = frozenset({"later", "subsequently", "since", "have", "has", "had", "also", "all", "both"})


def _wounded_died(toks: list[Tok], c: Chunk, by_start: dict[int, Trigger], triggers: list[Trigger]) -> bool:
    """rule: victims.wounded_died: "five wounded soldiers died of their injuries": the wounded who died are dead; when
    the sentence raises the toll by them ("..., bringing the toll to 12"), they are in that toll, no count of their own.
    """
    k = c.j
    while k < len(toks) and k - c.j < 3 and toks[k].low in WOUNDED_DIED_GAP:
        k += 1
    died = by_start.get(k)
    if died is None or died.form != "intransitive" or died.outcome != "killed":
        return False
    rest = " ".join(x.low for x in toks[k:])
    raised = any(x.form == "toll" and x.i > k for x in triggers) or TOLL_UPDATE.search(rest) is not None
    c.outcome = None if raised else "killed"
    rules.mark(c, "victims.wounded_died")
    return True


def _of_the_dead(toks: list[Tok], c: Chunk, lex: Lexicon) -> None:
    """ "six of the wounded were Israeli tourists": six tourists among the wounded, a part of the total."""
    k = c.i + 1
    if (
        k + 3 < len(toks)
        and toks[k].low == "of"
        and toks[k + 1].low == "them"
        and toks[k + 2].low in ("were", "was")
        and rules.on("victims.of_them_were")
    ):
        # "seven were killed, and five of them were the attackers": who some of the total were (partition.py)
        start = k + 4 if toks[k + 3].low in ("the", "a", "an", "all") else k + 3
        group, _, _, end, _ = head_noun(toks, start, lex)
        if group is not None and group != "unknown":
            c.group, c.j = group, end
            rules.mark(c, "victims.of_them_were")
        return
    if not (
        k + 4 < len(toks)
        and toks[k].low == "of"
        and toks[k + 1].low in ("the", "those")
        and toks[k + 2].low in OF_THE_DEAD
        and toks[k + 3].low in ("were", "was")
    ):
        return
    start = k + 5 if toks[k + 4].low in ("the", "a", "an", "all") else k + 4
    group, _, _, end, _ = head_noun(toks, start, lex)
    if group is not None and group != "unknown":
        c.group, c.outcome, c.among, c.j = group, OF_THE_DEAD[toks[k + 2].low], True, end
        rules.mark(c, "victims.of_the_dead")


ATTACKED = re.compile(
    r"^(?:who|that|after they|after he|after she|as they|as he|as she)\s+(?:had\s+|allegedly\s+|reportedly\s+)?"
    r"(?:opened fire|attacked|stabbed|tried to (?:stab|attack|ram|shoot)|attempted to (?:stab|attack|ram)|rammed|"
    r"carried out (?:an|the) attack|launched (?:an|the) attack)\b",
    re.I,
)


def _attackers_clause(toks: list[Tok], j: int) -> bool:
    """Whether the words after a count say those counted attacked: "two Palestinians who opened fire"."""
    if j >= len(toks) or toks[j].low not in ("who", "that", "after", "as"):
        return False
    return bool(ATTACKED.match(" ".join(t.text for t in toks[j : j + 6])))


def _named_victims(toks: list[Tok], chunks: list[Chunk], by_start: dict[int, Trigger], lex: Lexicon) -> list[Chunk]:
    """One person named and killed or hurt: "Hussain was shot and later died", "Noor and his guard were killed".

    A run of one to three capitalised words that is no place, country, armed group or listed group word, right
    before "was" (or "and" with a count that has its own verb) and an outcome participle or "died"."""
    taken = {k for c in chunks for k in range(c.i, c.j)}
    starts = {c.i for c in chunks}
    verbs = set(by_start)
    apposed = rules.on("victims.named_apposition")
    titles = named.TITLES if apposed else frozenset()
    found = []
    for k in range(1, len(toks)):
        low = toks[k].low
        # rule victims.named_apposition: "Jane Roe, a teacher, was killed": the name ends where the apposition opens
        opens = named.apposition_start(toks, k, verbs) if apposed and low in ("was", "died", "and") else None
        end = k if opens is None else opens
        described = None
        if opens is not None:
            first = opens + 2 if toks[opens + 1].low in ("a", "an", "the") else opens + 1
            described = head_noun(toks, first, lex)[0]
        if (
            low == "was"
            and toks[k - 1].low in ("he", "she")
            and (
                k == 1
                or toks[k - 2].low in (",", "and", "but")
                # rule victims.attacker_pronoun: "took a woman hostage before he was shot dead by police"
                or (toks[k - 2].low in ("before", "until", "when") and rules.on("victims.attacker_pronoun"))
            )
        ):
            i = k - 1  # "he was pronounced dead at the scene": a person already named, counted once here
        elif low not in ("was", "died", "and") or not _name_word(toks[end - 1], end - 1, taken):
            continue
        else:
            i = end - 1
            while i > 0 and end - i < 3 and _name_word(toks[i - 1], i - 1, taken) and toks[i - 1].low not in titles:
                i -= 1
            titled = named.title_start(toks, i) if apposed else i  # "Head Constable Ali Khan"
            if toks[i].low in NOT_A_NAME or (
                titled > 0 and (toks[titled - 1].text[:1].isupper() or toks[titled - 1].text[:1].isdigit())
            ):
                continue
        key = fold(" ".join(t.text for t in toks[i:end]))
        # rule victims.name_not_place: a place is never what "was killed": "Keita was killed" is a person
        subject = i == 0 or toks[i - 1].text in (",", ";") or toks[i - 1].low in ("and", "but", "while")
        person = key in lex.places and low == "was" and subject and rules.on("victims.name_not_place")
        if toks[i].low not in ("he", "she") and (
            key in lex.countries
            or (key in lex.places and not person)  # "in Helmand died": a place
            or match_perpetrator(toks, i, lex) is not None
            or _match(lex.groups, toks, i, 3) is not None
        ):
            continue
        group = described if described not in (None, "unknown") else "unknown"
        if opens is not None:  # the description is the named person, no count of its own
            chunks[:] = [c for c in chunks if not opens < c.i < k]
        if low == "and":
            if k + 1 in starts:
                found.append(_named(Chunk(i, k, 1, 1, 1, "exact", group=group, singular=True), opens, person))
            continue
        m = k + 1 if low == "was" else k
        while m < len(toks) and m - k < 3 and toks[m].low in ("subsequently", "later", "reportedly", "also"):
            m += 1
        verb = by_start.get(m)
        if verb is not None and (verb.form == "intransitive" or (verb.form == "participle" and m > k)):
            pronoun_rule = False
            if toks[i].low in ("he", "she"):
                group = _attacker_before(toks, i, lex)
                if group != "militants" and rules.on("victims.attacker_pronoun"):
                    # "he was shot dead by police", "stabbed two guards before he was killed": the attacker
                    by_security = _killed_by_security(toks, verb.j)
                    after_attack = toks[i - 1].low in ("before", "until", "when") and _attacked_before(toks, i)
                    if by_security or after_attack:
                        group, pronoun_rule = "militants", True
            one = Chunk(i, k, 1, 1, 1, "exact", group=group, loose=True, singular=True)
            if pronoun_rule:
                rules.mark(one, "victims.attacker_pronoun")
            found.append(_named(one, opens, person))
    return found


def _named(c: Chunk, opens: int | None, person: bool) -> Chunk:
    """A named victim with the rules that read it: an apposition, a name that is also a place."""
    if opens is not None:
        rules.mark(c, "victims.named_apposition")
    if person:
        rules.mark(c, "victims.name_not_place")
    return c


def _attacker_before(toks: list[Tok], i: int, lex: Lexicon) -> str:
    """The group of "he" in "the attacker fled, and he was shot dead": militants when the sentence named one
    attacker before it, else unknown."""
    for k in range(i):
        found = _match(lex.groups, toks, k, 3)
        if found is not None and found[0].group == "militants" and found[0].number == "singular":
            return "militants"
    return "unknown"


def _attacked_before(toks: list[Tok], i: int) -> bool:
    """Part of rule victims.attacker_pronoun: the sentence's subject attacked or killed before "he" at i."""
    return any(t.low in ATTACK_VERBS for t in toks[:i])


# verbs of an attacker, in the past: a sentence whose subject did them and then "he was killed" names the attacker
ATTACK_VERBS = frozenset({"attacked", "stabbed", "shot", "killed", "opened", "stormed", "rammed", "detonated"})
SECURITY_AGENTS = frozenset({"police", "officers", "troops", "soldiers", "forces", "authorities", "guards", "army"})


def _killed_by_security(toks: list[Tok], j: int) -> bool:
    """Part of rule victims.attacker_pronoun: the outcome at j is followed by "by" and police or troops: "he was
    shot dead by police officers" (those who kill in an attack story are the attackers' opponents)."""
    if j >= len(toks) or toks[j].low != "by":
        return False
    return any(t.low in SECURITY_AGENTS for t in toks[j + 1 : j + 5])


def _name_word(t: Tok, k: int, taken: set[int]) -> bool:
    """A word that can be part of a person's name: capitalised, letters only, not all capitals ("SNA")."""
    plain = t.text[:1].isupper() and t.text.isalpha() and not t.text.isupper()
    return (plain or named.particle_name(t.text)) and k not in taken


def _objects_without_number(toks: list[Tok], chunks: list[Chunk], triggers: list[Trigger], lex: Lexicon) -> list[Chunk]:
    """One victim named by an active verb's object: "shot and killed a female TikToker", "killed him"."""
    starts = {c.i for c in chunks} | {k for c in chunks for k in range(c.i, c.j)}
    found = []
    pairs = rules.on("victims.pair_object")
    for t in triggers:
        if pairs and t.form in ("participle", "active") and t.j < len(toks) and t.j in starts:
            obj = next((c for c in chunks if c.i == t.j and c.best == 1 and not c.outcome), None)
            second = named.second_person(toks, obj.j) if obj is not None else None
            if second is not None and second[0] not in starts:  # "shot and killed a doctor and his associate"
                found.append(_second(second, t))
        if t.form not in ("participle", "active") or t.j >= len(toks) or t.j in starts:
            continue
        if t.i > 0 and toks[t.i - 1].low in POSSESSIVES:
            continue  # "died of his wounds a week later": a noun, not a verb with an object
        first = toks[t.j]
        if t.j + 2 < len(toks) and toks[t.j + 1].low in ("total", "maximum", "minimum") and toks[t.j + 2].low == "of":
            continue  # "a total of 66 people": the count follows
        if first.low in OBJECT_PRONOUNS:
            found.append(Chunk(t.j, t.j + 1, 1, 1, 1, "exact", group="unknown", outcome=t.outcome))
            continue
        if first.low not in ("a", "an", "another", "the") and first.low not in PERSONAL_POSSESSIVES:
            group, _, number, end, _ = head_noun(toks, t.j, lex)
            if group is not None and number == "singular":  # "shot and killed civilian from ..."
                found.append(Chunk(t.j, end, 1, 1, 1, "exact", group=group, outcome=t.outcome))
            elif group is None and t.outcome in ("killed", "injured") and rules.on("victims.named_object"):
                person = _named_object(toks, t, lex)  # "shot and killed Jane Roe, a teacher, in Town"
                if person is not None:
                    rules.mark(person, "victims.named_object")
                    found.append(person)
            continue
        k = t.j + 1
        while (
            k < len(toks)
            and k - t.j <= 4
            and toks[k].text[:1].isalpha()
            and toks[k].low not in STOP_BEFORE_HEAD
            and toks[k].low not in AUX
            and _match(lex.outcomes, toks, k, 2) is None
        ):
            k += 1
        if k == t.j + 1 or toks[k - 1].low.endswith("s") and not toks[k - 1].low.endswith("ss"):
            continue  # nothing named, or a plural: "killed the fighters" is no single victim
        if any(x.low in named.TIME_WORDS for x in toks[t.j : k + 1]) and rules.on("victims.not_a_time"):
            rules.fire("victims.not_a_time")  # "were killed the next day", "killed a short time later"
            continue
        found.append(
            Chunk(t.j, k, 1, 1, 1, "exact", group="unknown", outcome=t.outcome, another=first.low == "another")
        )
        second = named.second_person(toks, k) if pairs else None  # "shot and killed a doctor and his associate"
        if second is not None and second[0] not in starts:
            found.append(_second(second, t))
    return found


def _second(span: tuple[int, int], t: Trigger) -> Chunk:
    """rule victims.pair_object: the second person of a verb's object ("killed a doctor and his associate")."""
    c = Chunk(*span, 1, 1, 1, "exact", group="unknown", outcome=t.outcome)
    rules.mark(c, "victims.pair_object")
    return c


def _named_object(toks: list[Tok], t: Trigger, lex: Lexicon) -> Chunk | None:
    """rule victims.named_object: one person named as the object of an active outcome verb, in the group their
    apposition names: "shot and killed Jane Roe, a teacher, in Town", "killed police officer Ali Noor"."""
    span = named.object_name(toks, t.j)
    if span is None:
        return None
    start, end = span
    key = fold(" ".join(x.text for x in toks[start:end]))
    if (
        key in lex.countries
        or key in lex.places
        or match_perpetrator(toks, start, lex) is not None
        or _match(lex.groups, toks, start, 3) is not None
    ):
        return None
    group = head_noun(toks, t.j, lex)[0] if t.j < start else None  # "killed police officer Ali Noor"
    if end + 2 < len(toks) and toks[end].text == ",":
        first = end + 2 if toks[end + 1].low in ("a", "an", "the") else end + 1
        group = group or head_noun(toks, first, lex)[0]  # "killed Jane Roe, a teacher,"
    return Chunk(t.j, end, 1, 1, 1, "exact", group=group or "unknown", outcome=t.outcome, singular=True)
