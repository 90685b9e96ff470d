"""Attribution notes: who is held responsible for violence, who says so, and how (GUIDELINES "Attribution notes").

A note is (source, party, stance): `blames` ("police blamed al-Shabaab", "an Israeli air strike killed three",
"an attack claimed by ..."'s opposite, "residents suspected JNIM"), `claims` (a party says it did it: source and
party are the same) or `denies`. Parties are actors (etl/actors.py): named groups, states' forces, a few generic
sides ("rebels"); a description ("a gunman", "assailants") is no party. Each note carries the ids of the rules
that found it (`rules`, semicolon-joined).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import actors as A
from ..lexicon import ascii_like
from . import rules
from .defined import with_defined

VIOLENCE = (
    r"(?:attack|bomb|blast|explosi|kill|dead|death|shoot|shot|gun|stab|massacr|strike|struck|raid|shell|mortar|"
    r"rocket|missile|airstrike|air strike|assault|ambush|violen|casualt|wound|injur|murder|siege|besieg|target|"
    r"civilian|fight|offensive|campaign|hostilit|ceasefire|truce|destroy|hit|fire|suicide|insurgen|terror)"
)
VIOLENT = re.compile(VIOLENCE, re.I)
# ordinary crime and non-violent blame: "accused of manslaughter", "blamed for the price rise"
NOT_VIOLENT = re.compile(
    r"\b(?:manslaughter|corruption|fraud|embezzl|brib|theft|steal|price|inflation|economy|economic|crash|"
    r"collapse|flood|fire safety|negligence|mismanagement|doping|tax|spying|espionage|treason|support|"
    r"sponsor|harbo)\w*",
    re.I,
)
QUESTION = re.compile(
    r"\?\s*[\"”’']?\s*$|\b(?:remains? a mystery|(?:not|un)clear who|who (?:was|is) (?:to blame|behind|responsible))",
    re.I,
)
NO_CLAIM = re.compile(
    r"\b(?:no (?:one|group|organi[sz]ation)|nobody|none)\b[^.;]{0,30}\b(?:claimed|has claimed|have claimed)|"
    r"\bno (?:immediate )?claim of responsibility|\bnot (?:yet )?(?:been )?claimed",
    re.I,
)
# what may follow a party's name before its verb: "Islamic State militants on Saturday killed"
PARTY_TAIL = (
    r"(?:\s*(?:militants?|fighters|gunmen|jihadists|members|(?:militant\s+|armed\s+|jihadist\s+)?group|forces|troops|"
    r"soldiers|insurgents|(?:suicide\s+)?bombers?|militia|rebels|spokes(?:man|woman)|officials|commanders?|"
    r"helicopters|warplanes|jets|aircraft|drones|gunships|artillery)\b)?"
    r"(?:\s+or\s+(?:an?|its|one of its)\s+(?:affiliates?|offshoots?|allies|ally|splinter groups?)\b)?"
)
AUX = (
    PARTY_TAIL
    + r"\s*(?:(?:has|have|had|was|were|is|are|had been|has been|have been|also|later|earlier|previously|quickly|"
    r"promptly|immediately|swiftly|repeatedly|reportedly|allegedly|since|already|often|then|on \w+)\s+)*"
)

CLAIM_OBJECT = re.compile(
    r"claim\s+of\s+responsibility|claim(?:ed|s)?\s+(?:(?:full|sole)\s+)?(?:responsibility|credit|the|an?|both|similar|several|its|their|"
    r"a string|a series)\b",
    re.I,
)
# a claim written as a compound adjective before the attack: "an IS-claimed suicide bombing"
HYPHEN_CLAIMED = re.compile(
    r"-claimed\s+(?:[\w-]+\s+){0,3}?(?:attacks?|bombings?|blasts?|raids?|assaults?|ambush(?:es)?|massacres?|"
    r"shootings?|explosions?|killings?|strikes?|sieges?)\b",
    re.I,
)
CLAIMED_LIVES = re.compile(r"claim(?:ed|s)?\s+(?:the\s+)?(?:lives|deaths?|toll)", re.I)
# between a party and its claim: adverbs and auxiliaries, an apposition, or a relative clause
CLAIM_GAP = re.compile(
    PARTY_TAIL + r"(?:\s*,[^,]{0,80},)?\s*" + AUX + r"\s*|[^.;]{0,60}?,\s*(?:which|that|who)\s+" + AUX + r"\s*"
    r"|\s*(?:said|says|wrote|announced)\s+in\s+(?:its|their|a|an)\s+(?:\w+\s+)?",  # "said in its claim of"
    re.I,
)
SAID_IT_DID = re.compile(
    r"(?:['’]s?\s+(?:armed|military)\s+wing)?"  # "Hamas' armed wing says its fighters targeted a tank"
    r"\s*(?:,[^,]{0,60},\s*)?(?:said|says|say|announced|stated|confirmed|acknowledged|admitted)\s+"
    r"(?:in a statement\s+|on \w+\s+)?(?:that\s+)?"
    r"(?:it|they|its fighters|its forces|its troops|their fighters|(?:its|their) (?:warplanes|aircraft|jets|drones)|"
    r"its militants|the group)\s+(?:had\s+|has\s+|have\s+)?(?:was\s+|were\s+)?(?:behind|carried out|conducted|"
    r"killed|attacked|launched|targeted|struck|staged|fired|shelled|bombed|ambushed|downed|shot down|detonated)",
    re.I,
)
# what ends a sentence's speaker written after its figures: "..., the army said", "according to the military"
SPEAKER_BEFORE = re.compile(r"(?:,|\baccording to)\s+(?:the\s+)?$", re.I)
SPEAKER_VERB = re.compile(r"\s+(?:also\s+|later\s+)?(?:said|says|told|reported|added|stated)\b")


# a sentence's opening words before its speaker: "Earlier, the", "On Monday the"
SPEAKER_LEAD = re.compile(r"(?:(?:earlier|later|meanwhile|separately|on \w+)\s*,?\s+)?(?:the\s+)?", re.I)
# what a speaker says its own side did: "the army said it killed", "said troops shot", "said its jets struck"
SAID_OWN = re.compile(
    r"\s*(?:,\s*)?(?:that\s+)?(?:it|they|we|its|their|our|(?:\w+\s+)?(?:troops|soldiers|forces|warplanes|jets|"
    r"aircraft|drones?|artillery|police(?:men)?|units?|commandos|marines|navy|gunships|helicopters))\b",
    re.I,
)


# a party's own outlet or spokesman that speaks: "the Houthi movement's Al Masirah television said"
OUTLET_OF = re.compile(
    r"(?:['’]s|\s+movement['’]s|\s+group['’]s)\s+(?:[\w-]+\s+){0,4}?(?:television|TV|news agency|agency|media office|"
    r"media|channel|spokesman|spokeswoman|spokesperson|website|radio|newspaper|outlet)\b[^.;]{0,30}?"
    r"\b(?:said|says|reported|reports|announced)\b",
    re.I,
)


def only_speaker(sentence: str, pos: int, words: str) -> bool:
    """rule perpetrator.not_speaker: an armed actor named only as who tells the figures, after them ("A bomb killed
    12 people, the army said", "according to the military"), as the sentence's opening speaker ("The army said
    a bomb killed 12") or as the owner of the outlet that tells them ("the Houthi movement's Al Masirah television
    said"), did not cause them, unless it says its side did ("the army said it killed", "said troops shot")."""
    before, end = sentence[:pos], pos + len(words)
    outlet = OUTLET_OF.match(sentence, end)
    if outlet is not None:
        # "the Houthi movement's Al Masirah television said": the party's outlet speaks, the party did not act here
        return not SAID_OWN.match(sentence, outlet.end())
    said = SPEAKER_VERB.match(sentence, end)
    lead = FIRST_WORD.match(sentence).end()
    if said is not None and pos >= lead and SPEAKER_LEAD.fullmatch(sentence, lead, pos):
        return not SAID_OWN.match(sentence, said.end())
    m = SPEAKER_BEFORE.search(before)
    if m is None or m.start() < len(before) - 20:
        return False
    if said is None:
        return m.group().lower().startswith("according") and not SAID_IT_DID.match(sentence, end)
    return not SAID_IT_DID.match(sentence, end)


# a party's belief that its own strike killed: "the United States believes it killed the group's finance chief"
BELIEVES_IT_DID = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:believes|believed|thinks|is confident|was confident)\s+(?:that\s+)?(?:it|they)\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:killed|struck|hit|eliminated)\b",
    re.I,
)
# what a party denies: "denied involvement", "rejected the accusation", "denied that its fighters were behind it",
# "denied that troops had fired on the village", "denied shelling the town" (rule note.deny_act: the forces or act)
DENY_ACT = (
    r"(?:(?:on\s+\w+|in\s+a\s+statement|again|repeatedly)\s+)?"
    r"(?:that\s+)?(?:its|their|the|our|his|her)?\s*(?:troops|soldiers|forces|fighters|men|members|aircraft|warplanes|jets|"
    r"planes|drones|coalition|group|militia|army|military|police(?:men)?|officers|units?)\s+"
    r"(?:had\s+|have\s+|has\s+|were\s+|was\s+)?"
    r"(?:\w+\s+)?(?:killed|fired|shot|shelled|bombed|struck|hit|attacked|targeted|harmed|opened|carried|involved|behind|"
    r"responsible|abused|executed)\b|"
    r"(?:killing|harming|attacking|shelling|bombing|striking|firing\s+on|shooting|executing|abusing|using\s+drones|"
    r"using\s+(?:\w+\s+)?weapons)\b"
)
DENY_AFTER = re.compile(
    AUX + r"(?:denied|denies|deny|rejected|rejects)\s+(?:any\s+)?(?:responsibility|involvement|role|"
    r"(?:that\s+)?(?:it|its|the group|they|their)\b|hitting|targeting|carrying out|being behind|"
    r"the (?:accusation|allegation|charge|claim)s?|(?:the\s+)?(?:accusations|allegations|charges)|this|it)",
    re.I,
)
DENY_ACT_AFTER = re.compile(AUX + r"(?:denied|denies|deny|rejected|rejects)\s+(?:" + DENY_ACT + ")", re.I)
BLAME_VERB = re.compile(
    r"\b(?:blamed|blames|blame|blaming|accused|accuses|accuse|accusing|suspect|suspects|suspected|suspecting|"
    r"held|holds|hold)\s+(?P<obj>(?:the\s+|both\s+)?(?:(?:[\w.'’-]+\s+){1,4}(?:and|or)\s+(?:the\s+)?)?"
    r"(?:(?:banned|outlawed|proscribed|rival|so-called|[\w]+-(?:backed|linked|allied|aligned|affiliated|supported))\s+)?"
    r"[\"“']?)$",
    re.I,
)
# "the attack bore the hallmarks of X", "had all the hallmarks of an X attack": who speaks blames X
HALLMARKS = re.compile(
    r"\b(?:bore|bears|bear|had|has|have|carried|carries|showed|shows)\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?"
    r"hallmarks?\s+of\s+(?:an?\s+)?(?:(?:attack|operation)s?\s+by\s+)?(?:the\s+)?$",
    re.I,
)
BLAMED_ON = re.compile(r"\b(?:blamed|blames|blame|pinned)\s+(?:[^.;]{0,50}?\s+)?on\s+(?:the\s+|an?\s+)?$", re.I)
ATTRIBUTED_TO = re.compile(r"\battributed\s+(?:\w+\s+){0,5}?to\s+(?:the\s+)?$", re.I)
BY_BEFORE = re.compile(
    r"\b(?:attacks?|bombings?|strikes?|air ?strikes?|airstrikes?|raids?|shelling|bombardment|fire|killed|"
    r"wounded|injured|shot|hit|targeted|carried out|conducted|launched|planned|claimed|staged|ambush(?:ed)?|planted|"
    r"massacres?|killings?|assaults?|offensive|campaign|stabbings|shootings|rammings|operations?|violence)"
    r"\s+(?:\w+\s+){0,2}?(?:by|from)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:(?:terrorist|rebel|militant|jihadist|banned|rival|so-called|[\w]+-(?:backed|linked|allied))\s+)?$",
    re.I,
)
RESPONSIBLE_AFTER = re.compile(
    AUX + r"(?:(?:probably|likely|believed to be|thought to be|said to be|suspected of being|widely)\s+)?"
    r"(?:responsible(?:\s+for|\s*(?=[.;,]|\s+and\b|$))|behind|to blame|"
    r"(?:one\s+of\s+)?(?:the\s+)?(?:\w+\s+)?(?:suspected\s+)?perpetrators?)\b|"
    r",?\s*(?:(?:who|which)\s+(?:was|were|is|are|has been|have been)\s+)?"
    r"(?:widely\s+)?blamed\s+for\b",
    re.I,
)
AGENT_AFTER = re.compile(
    PARTY_TAIL
    + r"\s*(?:,[^,]{0,60},\s*|\s*[—–]\s*[^,—–.;]{0,60}?\s*[—–]\s*)?(?:(?:is|are|was|were)\s+(?=(?:\w+ly\s+)?\w+ing\b)|"
    r"(?:has|have|had|also|later|on \w+|then|repeatedly|reportedly|allegedly|\w+ly|"
    r"separately|again)\s+)*(?:been\s+)?"
    r"(?:(?!said|says|say|told|reported|added)\w+,\s+(?=(?:attacking|killing|shelling|bombing|striking|targeting)\b)\w+|"
    r"killed|kill|kills|killing|attacked|attack|attacks|attacking|stormed|storm|shelled|shells|shelling|"
    r"bombed|bombs|bombing|struck|strike|strikes|striking|hit|hits|hitting|pounded|pound|pounding|launched|launch|"
    r"launches|carried out|carrying out|carries out|fired|shot|massacred|besieged|ambushed|targeted|targeting|"
    r"raided|stepped up|invaded|seized|overran|destroyed|downed|opened fire|committed|strafed|carrying out|"
    r"bombarding|shelling|pounding|dropped|triggered|detonated|set off)\b",
    re.I,
)
# a party blamed in the passive, by no one the clause names: "insurgents were blamed for most of the deaths"
PASSIVE_BLAMED = re.compile(
    PARTY_TAIL + r"\s*(?:,[^,]{0,60},\s*)?(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?:blamed|held responsible)\s+for\b",
    re.I,
)
# a party taking up its attacks again: "government forces renewed their shelling of rebel positions"
RENEWED_ATTACK = re.compile(
    PARTY_TAIL + r"\s*(?:(?:has|have|had|also|later|then|on \w+)\s+)*"
    r"(?:renewed|renews|renew|resumed|resumes|resume|intensified|intensifies|intensify|escalated|escalates)\s+"
    r"(?:its|their|the)\s+(?:\w+\s+)?(?:shelling|bombardment|bombing|bombings|air ?strikes|airstrikes|strikes|"
    r"attacks|raids|offensive|assault)\b",
    re.I,
)
# an armed side's own action in the article's voice is a note only when it hurts or attacks
STRIKE_VERBS = re.compile(r"\b(?:killed|kill|struck|hit|pounded|shelled|bombed|targeted|wounded)\b", re.I)
PASSIVE_BEFORE = re.compile(
    r"\b(?:against|on|at|targeting|fighting|fight|from|of|with|killing|killed|between|"
    r"toward|towards|into|at war with|among)\s+(?:the\s+)?$",
    re.I,
)
SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|announced|according to|statement|stated|confirmed|confirms|"
    r"added|quoted|cited|(?:report|study|survey|investigation) (?:found|finds|showed|shows))\b"
)
OTHER_STANCE = ("claims", "denies")
THE_GROUP_AFTER = re.compile(
    r"\b(?P<verb>blamed\s+on|claimed\s+by|blamed|accused)\s+(?P<np>the\s+(?:[\w-]+\s+){0,4}?(?:group|movement|organi[sz]ation|"
    r"militants|jihadists|insurgents))\b",
    re.I,
)
COREFERENCE = re.compile(
    r"^(?:the (?:group|militants|militant group|militia|insurgents|movement|organi[sz]ation)|it|they|"
    r"(?:an?\s+|the\s+)?(?:\w+\s+)?spokes(?:man|woman|person)\s+for\s+the\s+(?:group|militants|movement|insurgents)|"
    r"the (?:group|movement)['’]s\s+(?:\w+\s+)?spokes(?:man|woman|person))\b",
    re.I,
)


# a group named again by its anaphor, as the subject of its attack: "officials say the group has staged suicide
# bombings", "the militant group launched new attacks" (the group named last before it in the article)
GROUP_ANAPHOR = re.compile(
    r"\b(?:the|this)\s+(?:(?:extremist|militant|jihadist|insurgent|armed|radical|hardline|Islamist)\s+)?"
    r"(?:group|movement|organi[sz]ation)\b(?!['’-])",
    re.I,
)


# an attacker told as one of a party's: "police suspect the bomber had links to Islamic State", "the couple, who died
# in a shootout, were inspired by the group", "one of the bombers was a member of the PKK"
ATTACKER_OF_PARTY = re.compile(
    r"\b(?:bombers?|attackers?|assailants?|gunm[ae]n|shooters?|perpetrators?|hijackers?|couple)"
    r"(?:\s*,[^,]{0,80},)?\s+(?:(?:probably|likely|allegedly|reportedly)\s+)?"
    r"(?:had|has|have|was|were|is|are)\s+(?:(?:probably|likely|allegedly|reportedly|all)\s+)?"
    r"(?:(?:(?:close|direct|suspected|possible)\s+)?(?:links?|ties)\s+(?:to|with)|linked\s+to|inspired\s+by|loyal\s+to|"
    r"(?:an?|the)\s+(?:\w+\s+){0,2}?members?\s+of|members\s+of)\s+(?:the\s+)?(?:militant\s+group\s+)?$",
    re.I,
)
SUSPECTS_BEFORE = re.compile(
    r"\b(?:suspect|suspects|suspected|believe|believes|believed)\s+(?:that\s+)?(?:the|a|one)\b", re.I
)


@dataclass
class Note:
    blamed: str
    blamed_text: str
    blamed_kind: str | None
    reporting_source: str | None
    reporting_source_text: str | None
    source_kind: str | None
    stance: str
    rules: str
    start: int = 0  # where the party is named in the sentence
    also: str = ""  # rules that read the party or the source before the note was made: written after `rules`


PART_OF = re.compile(
    r"\b(offshoot|affiliate|faction|splinter group|wing|branch|cell)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$"
    r"|\b(offshoot|affiliate|faction|splinter group|wing|branch|cell)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}[\w-]+\s*\($",
    re.I,
)
# a party's attack named by its noun: "Islamic State suicide bombings", "Russia's assault", "NATO air strikes"
ATTACK_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:suicide|car|mortar|rocket|missile|air|drone|artillery|military|ground|bombing|air strike|"
    r"airstrike)\s+)?"
    r"(?:bombings?|attacks?|offensives?|assault|violence|shelling|air ?strikes?|airstrikes?|strikes?|raids?|shells|"
    r"rockets|massacres?|campaign|insurgency|ambush(?:es)?|bombardment|killings)\b",
    re.I,
)
ATTACK_GUARD = re.compile(
    r"\b(?:against|on|at|targeting|fighting|fight|with|between|into|toward|towards)\s+(?:the\s+)?$", re.I
)
# rule note.members_of: a clause's subject told as a party's members, "Fighters from the UPC killed", "gunmen
# loyal to the warlord's militia attacked" (the party, not its members, is blamed)
MEMBERS_OF = re.compile(
    r"(?:^|[,;:—–-]\s*|\b(?:said|says|that|and|when|after|as)\s+)(?:(?:suspected|armed|the|some|about|around|\d+|"
    r"dozens\s+of|hundreds\s+of)\s+)*(?:fighters|militants|members|gunmen|militiamen|combatants|elements|insurgents|"
    r"rebels|troops|soldiers|men)\s+(?:from|of|loyal\s+to|belonging\s+to|linked\s+to|affiliated\s+with)\s+"
    r"(?:the\s+)?$",
    re.I,
)
# before a state's name, a place: "camps in Libya carried out", "soldiers of the caliphate in Indonesia targeted"
LOCATION_BEFORE = re.compile(
    r"\b(?:in|inside|within|across|to|by|near|outside)\s+(?:the\s+)?"
    r"(?:(?:far\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?$",  # "in southern Iraq"
    re.I,
)
# notes whose source may be the previous sentence's: the sentence reports what was done, in no one's words
CARRIED_RULES = (
    "note.agent", "note.by", "note.attack_by", "note.state_strike", "note.responsible", "note.attributed",
    "note.blamed_for", "note.forces_killed", "note.renewed_attack",
)  # fmt: skip
# agentless blame ("casualties attributed to X", "X were blamed for"): in an article relaying a report, the report's
REPORT_AUTHOR_RULES = ("note.attributed", "note.blamed_for")
REPORT_NOUN = re.compile(r"\b(?:annual|quarterly|monthly|latest|new|the|its|a)\s+(?:\w+\s+){0,3}?report\b", re.I)
# who speaks for a state: its ministries, forces and government, not a mayor or a governor
STATE_VOICE = re.compile(r"ministry|military|army|forces|pentagon|government|defen[cs]e|kremlin", re.I)
GAP_STOP = {
    "said", "says", "told", "and", "but", "which", "who", "that", "was", "were", "is", "are", "killed", "attacked",
    "denied", "blamed", "accused", "after", "before", "when", "while", "not", "no", "against", "by",
}  # fmt: skip


# after a party's participle, a place or time and then the clause's own verb: the party is the one hurt, "the
# Shabab fighters killed in the strikes were young recruits", not "killed at least ten"
REDUCED_PASSIVE = re.compile(
    r"\s+(?:in|on|during|near|at|overnight|last)\b(?!\s+least\b)[^,.;:\d]{0,50}?\b"
    r"(?:were|was|are|is|included|include|had|have|has|numbered|belonged)\b",
    re.I,
)
HABITUAL = re.compile(
    PARTY_TAIL + r"\s*(?:(?:has|have|had|also)\s+)*(?:historically|traditionally|usually|typically|generally|"
    r"often|long|frequently|regularly|in the past)\b",
    re.I,
)
ABBREVIATION = re.compile(r"^\s*\([A-Z][\w.-]{0,11}\)")


def _plain_gap(gap: str) -> bool:
    """Up to six words with no verb, clause word or stop between a party and its claim ("Islamic State in the
    same city last week claimed"; "claimed by separatist Kurdish group known as TAK")."""
    words = gap.split()
    return len(words) <= 6 and not re.search(r"[.;,:\"“”]", gap) and not any(w.lower() in GAP_STOP for w in words)


# two sides blaming each other: "accused each other of", "blamed one another for", "traded blame for"
MUTUAL_BLAME = re.compile(
    r"\b(?:accus|blam)\w*\s+(?:each\s+other|one\s+another)\b|\btraded\s+(?:blame|accusations)\b", re.I
)


BOTH_SIDES = re.compile(
    r"\b(?:both|the two)\s+(?:sides|countries|armies|parties|neighbou?rs)\b(?:\s+\w+){0,8}\s*$", re.I
)
JOINT_DEMONYM = re.compile(r"(?<![\w-])([A-Z][\w-]+)\s+and\s+$")


# a state's government as what is blamed: "activists blamed the Syrian government for the strikes"
GOVERNMENT_BLAMED = re.compile(
    r"(?<!\bnot )(?<!\bnever )\b(?:blamed|blames|blame|blaming|accused|accuses|accuse|accusing)\s+"
    r"(?P<party>the\s+(?P<dem>[A-Z][a-z]+)\s+(?:government|authorities|regime))\b"
)


def _blamed_governments(sentence: str, actors: A.Actors, mentions: list[A.Mention]) -> list[A.Mention]:
    """rule note.government_blamed: "blamed the Syrian government", "accused the Ethiopian authorities": the state's
    forces are the party (only as what is blamed: a government that speaks or is merely named is no party)."""
    if not rules.on("note.government_blamed") or not any(
        w in sentence for w in ("government", "authorities", "regime")
    ):
        return []
    found = []
    for m in GOVERNMENT_BLAMED.finditer(sentence):
        code = A._demonym_code(actors, m.group("dem"))
        at, end = m.start("party"), m.end("party")
        if code not in actors.states or any(x.start < end and at < x.end for x in mentions):
            continue
        rules.fire("note.government_blamed")
        found.append(A.Mention(at, end, m.group("party"), actors.states[code][0]))
    return found


def _party(m: A.Mention) -> bool:
    return m.actor.kind in A.ARMED_KINDS or (m.actor.kind == "ministry" and m.actor.name == "Pentagon")


def _generic_party(sentence: str) -> list[A.Mention]:
    """Sides named by who they are, not by name: "Kurdish militants", "Palestinians", "rebel shelling"."""
    found = []
    for m in GENERIC_PARTY.finditer(sentence):
        name = m.group("name")
        kind = "armed_group"
        strike = bool(re.search(r"shell|fire|rocket", name))
        found.append(A.Mention(m.start("name"), m.end("name"), name, A.Actor(_generic_name(name), kind, None), strike))
    return found


def _generic_groups(sentence: str, found: list[A.Mention]) -> list[tuple[A.Mention, str]]:
    """The sides SIDE_BY_KIND names (rule note.generic_group) and the armed groups named by their organisation's noun
    (ARMED_NAME, rule note.named_group), beside those already found; each with its rule."""
    seen = [(g.start, g.end) for g in found]
    kinds = (("note.generic_group", SIDE_BY_KIND), ("note.named_group", ARMED_NAME))
    return [
        (A.Mention(m.start("name"), m.end("name"), m["name"], A.Actor(m["name"], "armed_group", None)), rule)
        for rule, pattern in kinds
        if rules.on(rule)
        for m in pattern.finditer(sentence)
        if not any(a <= m.start("name") < b for a, b in seen)
    ]


# rule note.named_group: "the White Army", "the Arakan Army", "the Oliver Sinisterra Front", "the Popular Mobilisation
# Forces": a capitalised name ending in an armed organisation's noun is an armed group the actor list may not hold
ARMED_NAME = re.compile(
    r"(?<=\bthe\s)(?P<name>(?:[A-Z][\w'’-]+\s+){1,4}(?:Army|Front|Brigades?|Movement|Militia|Forces|Alliance|"
    r"Battalions?|Legion|Mujahideen))\b"
)


GENERIC_PARTY = re.compile(
    r"(?<![\w-])(?P<name>(?:Kurdish|separatist|Maoist|Baloch|Palestinian|Tuareg|Fulani|Dogon|pro-government|"
    r"anti-government|[Aa]nti-[Gg]overnment|rival)\s+"
    r"(?:militants|militant group|militias?|militia group|rebels|insurgents|separatists|factions|fighters|[Ee]lements)|"
    r"(?:pro-government|[Pp]ro-[Gg]overnment|foreign|international|Western-backed|government)\s+(?:government\s+)?"
    r"(?:security\s+)?[Ff]orces|"
    r"[Rr]ebels|[Rr]ebel (?:(?:mortar|artillery|rocket)\s+)?(?:shelling|fire|shells|rockets|fighters|groups?|forces|"
    r"attacks?)|"
    r"Palestinians)(?![\w-])"
)
# rule note.generic_group: "blamed the insurgents", "Islamist insurgents", "Russian-backed separatists", "terrorist
# armed groups", "a Dogon militia": a side named by what it is (GUIDELINES: "fighters" is a party; "a gunman" is not)
SIDE_BY_KIND = re.compile(
    r"(?<![\w-])(?P<name>"
    r"(?:(?:suspected|Islamist|jihadist|armed|Russian-backed|pro-Russian|Iran-backed|Iranian-backed|Turkish-backed|"
    r"ethnic|Shiite|Shi'ite|Sunni|Christian|Muslim|Arab|rival|armed|criminal|anti-[A-Z][a-z]+|[A-Z][a-z]+)\s+)?"
    r"(?:insurgents|jihadists|separatists|extremists|militias|militiamen|gangs|gang members|terrorists|Maoists)|"
    r"(?:(?<=\bthe\s)|(?<=\ba\s))(?:[A-Z0-9][\w'’-]*\s+){1,3}gang|"
    r"(?:terrorist|armed|jihadist|extremist)\s+(?:[A-Z][a-z]+\s+)?(?:armed\s+)?(?:groups|elements)|"
    r"[A-Z][a-z]+\s+armed\s+groups|"
    r"(?:(?<=\ba\s)|(?<=\bthe\s))(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+|ethnic\s+|rival\s+)?militia)(?![\w-])"
)


@cache
def _country_pattern(actors: A.Actors) -> re.Pattern[str]:
    names = sorted((a for a in actors.country_aliases if a[:1].isupper()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in names) + r")(?![\w-])")


@cache
def _country_words(actors: A.Actors) -> A.AliasWords | None:
    """The words of the names `_country_pattern` seeks (A.AliasWords)."""
    return A.alias_words([a for a in actors.country_aliases if a[:1].isupper()])


def _countries(sentence: str, actors: A.Actors) -> list[A.Mention]:
    """States named by their names ("Turkey accuses Russia"), as their forces."""
    found = []
    keys = _country_words(actors)
    if keys is not None:  # only the names whose words are in the sentence, found by str.find (A.alias_spans finds
        names = keys.candidates(A.words(sentence))  # what the regex of those names, A.alias_regex, finds)
        if not names:
            return found
        spans = A.alias_spans(names, sentence)
    else:
        spans = [(m.start(), m.end()) for m in _country_pattern(actors).finditer(sentence)]
    for a, b in spans:
        written = sentence[a:b]
        code = actors.country_aliases.get(written)
        if code in actors.states:
            found.append(A.Mention(a, b, written, actors.states[code][0]))
    return found


JOINT_END = re.compile(r"\s+(?:for|of|over|in|after|as|who|which|that|on|with|from|because)\b|[.;,:]|$")


def _joint_object(sentence: str, at: int, party: A.Mention) -> A.Mention | None:
    """Several parties blamed together ("blames both fighters and US and Afghan forces"): one note, as written."""
    end = JOINT_END.search(sentence, party.end).start()
    start = at
    phrase = sentence[start:end]
    if " and " not in phrase or len(phrase) > 90 or party.start > start + len(phrase):
        return None
    name = re.sub(r"^(?:the|both)\s+", "", phrase.strip(), flags=re.I)
    return A.Mention(party.start, end, name, A.Actor(name, party.actor.kind, party.actor.country))


NOUN_END = re.compile(
    r"\s+(?:\w+\s+)?(?:attack|bombing|blast|shooting|strike|attacks|bombings|blasts|shootings)\s*(?:[:;,.]|$)"
)
PLURAL_ATTACK = re.compile(r"\s+(?:\w+\s+)?(?:attacks|bombings|blasts|shootings|killings|massacres)\b")


def _country_as_place(p: A.Mention, after: str, actors: A.Actors) -> bool:
    """A country named by its name (not its forces' adjective or its possessive) right before an attack noun is
    where it happened, not who did it: "the Belgium bombings", "Burkina Faso attack: 28 dead"."""
    if p.text not in actors.country_aliases or not rules.on("note.country_place"):
        return False
    if NOUN_END.match(after) or PLURAL_ATTACK.match(after):
        rules.fire("note.country_place")
        return True
    return False


def _generic_name(text: str) -> str:
    low = text.lower()
    if low.startswith("rebel ") or low == "rebels":
        return "rebels"
    return text


def _sources_before(
    sentence: str, end: int, mentions: list[A.Mention], skipped: list[A.Mention] | None = None
) -> A.Mention | None:
    """The actor closest before `end` in the same clause: who blamed, accused or suspected. Rule
    note.place_not_blamer: not a country named as a place ("said 3,500 civilians were killed in Afghanistan last
    year, and blamed the Taliban": the speaker blamed them, not Afghanistan)."""
    clause_start = max(sentence.rfind(c, 0, end) for c in (";", ":", "—", "(", '"', "“", "”"))
    for m in reversed(mentions):
        if m.end <= end and m.start > clause_start and end - m.end < 60:
            if PLACE_BEFORE.search(sentence, 0, m.start) and rules.on("note.place_not_blamer"):
                if skipped is not None:
                    skipped.append(m)
                continue
            return m
    return None


PLACE_BEFORE = re.compile(r"\b(?:in|at|near|across|inside|throughout)\s+(?:the\s+)?$", re.I)


SPEAKER_END = re.compile(
    r",\s+(?:the\s+|a\s+)?(?P<src>(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)\s+(?:said|says|say|reported|reports|added)"
    r"(?:\s+on\s+\w+)?\s*[.\"”]*\s*$"
)
SPEAKER_START = re.compile(
    r"^\s*(?:the\s+|a\s+)?(?P<src>(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)\s+(?:said|says|say|reported|reports)\s+"
    r"(?:on\s+\w+\s+)?(?:that\s+)?"
)


# two sources joined by "and" at the end of a sentence: ", the Britain-based Observatory and Syria's state news agency
# SANA reported."; find_source keeps the one next to the verb
JOINT_SPEAKERS_END = re.compile(
    r",\s+(?P<src>(?:the\s+)?[^,;:\"“”]{2,60}?\s+and\s+(?:the\s+)?[^,;:\"“”]{2,60}?)\s+"
    r"(?:said|say|reported|report)(?:\s+on\s+\w+)?\s*[.\"”]*\s*$"
)


def _joint_speakers(sentence: str, actors: A.Actors) -> str | None:
    """Two known sources that speak together at the end of the sentence ("..., the Observatory and SANA
    reported."), as written: each gets its note (find_notes' `add`). None unless both are known actors."""
    m = JOINT_SPEAKERS_END.search(sentence)
    if m is None or not rules.on("note.joint_sources"):
        return None
    parts = re.split(r"\s+and\s+", m.group("src"))
    if len(parts) != 2 or any(A.canonical(part, actors)[1] in (None, "other") for part in parts):
        return None
    if not all(A.find(part, actors) for part in parts):  # two named bodies, not "police and residents"
        return None
    rules.fire("note.joint_sources")
    return m.group("src")


def _speaker(sentence: str) -> str | None:
    """Who speaks when the sentence names them plainly at its end or start: "..., opposition activists said.",
    "Opposition activists said Russian warplanes ..."."""
    for pattern in (SPEAKER_END, SPEAKER_START):
        m = pattern.search(sentence)
        if m:
            name = A.clean_name(m.group("src"))
            if name and A.fold(name) not in ("he", "she", "they", "it", "we", "i", "you", "who", "which"):
                return name
    return None


PERSON = r"(?P<name>[A-Z][a-z]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][a-z]+){1,3})"
PERSON_NAMED_AS = re.compile(
    r"\b(?:named|identified|names|identifies)\s+(?:(?:an?|the)\s+[^,.;]{0,50}?(?:called|named)\s+|"
    r"(?:an?|the)\s+[^,.;]{0,50}?,\s*)?" + PERSON + r"(?:,[^,.;]{0,60},)?\s+as\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:mastermind|man responsible|person responsible|perpetrator|attacker|bomber|organi[sz]er|ringleader|"
    r"gunman|leader of the (?:attack|cell))"
)
# a pronoun right before the naming verb: "and he named", "she later identified"
PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|they)\s+(?:(?:also|later|then|has|have|had)\s+)*$", re.I)
PERSON_APPOSITION = re.compile(
    r"(?<![\w-])" + PERSON + r",\s+(?:a|an|the)\s+[^,.;]{0,90}?\b(?:mastermind|prime (?:surviving )?suspect|"
    r"main suspect|perpetrator|ringleader)\b"
)


def _person(m: re.Match[str], actors: A.Actors) -> A.Mention | None:
    """A person named in a match (not an actor, a place or a country)."""
    name = m.group("name")
    first = name.split()[0]
    if first in ("The", "A", "An", "Police", "President", "Prime", "Minister", "General") or A.find(name, actors):
        return None
    if name in actors.country_aliases or any(w in actors.demonyms for w in name.split()):
        return None
    return A.Mention(m.start("name"), m.end("name"), name, A.Actor(name, "other", None))


def _name_before(sentence: str, end: int) -> str | None:
    """Who blamed, when no actor is named: "Village leaders blamed", "the government blamed"."""
    before = sentence[:end].rstrip()
    m = re.search(
        r"((?:[A-Z][\w.'’-]*\s+|(?:the|local|senior|security|government|state|village|tribal|provincial|district|"
        r"military|police|army|interior|defen[cs]e|health|rights|human|Turkish|US|U\.S\.)\s+){0,5}"
        r"(?:police|officials?|ministry|minister|spokes(?:man|woman|person)|sources?|residents|villagers|witnesses|"
        r"leaders|elders|governor|mayor|military|army|authorities|government|administrator|commander|groups?|"
        r"activists|analysts|observers|experts|prosecutors?|investigators|president|[A-Z][\w.'’-]+))"
        r"(?:\s+(?:has|have|had|also|later|initially|quickly|on \w+))*$",
        before,
    )
    if not m:
        return None
    return A.clean_name(m.group(1))


# security forces no state is named for, killing attackers: "soldiers killed 33 militants", "a police officer caught
# up with the attacker and shot him dead", "the assailant was killed by police", "died in a shootout with police"
UNNAMED_FORCES = r"(?:police(?:\s+officers?|men)?|policemen|soldiers|troops|security forces|special forces|commandos)"
ATTACKERS = (
    r"(?:attackers?|assailants?|gunm[ae]n|(?:suicide\s+)?bombers?|militants|insurgents|terrorists|jihadists|"
    r"hostage-takers?)"
)
FORCES_KILL_ATTACKERS = re.compile(
    r"(?<![\w-])(?P<forces>" + UNNAMED_FORCES + r")\s+(?!(?:\w+\s+)?(?:was|were|been|being)\b)"
    r"(?:(?:later|then|eventually|also|had|have|has|quickly|finally|on \w+)\s+)*"
    r"(?:(?:caught up with|chased|cornered|confronted|found|surrounded)\s+(?:the|an?)\s+" + ATTACKERS + r"\s+and\s+)?"
    r"(?:shot\s+(?:and\s+killed|dead)|killed|shot|gunned\s+down)\s+"
    r"(?:(?:him|her|them)\b|(?:the|an?|all|both|one|two|three|four|five|six|\d+|[a-z]+-?[a-z]*)\s+(?:\w+\s+){0,2}?"
    + ATTACKERS
    + r"\b)"
    r"|(?<![\w-])"
    + ATTACKERS
    + r"\s+(?:\w+\s+){0,3}?(?:was|were)\s+(?:later\s+)?(?:shot\s+dead|killed|shot|gunned\s+down)"
    r"\s+by\s+(?:the\s+)?(?P<by>" + UNNAMED_FORCES + r")\b"
    r"|\b(?:died|killed)\s+in\s+an?\s+(?:shootout|shoot-out|gunfight|gun battle|firefight|exchange of fire)\s+with\s+"
    r"(?:the\s+)?(?P<with>" + UNNAMED_FORCES + r")\b",
    re.I,
)


NOT_THE_FORCES = re.compile(r"\b(?:ministry|minister|spokesman|spokeswoman)\b", re.I)  # speaks of the forces


def _own_forces(said_by: str | None, kind: str, actors: A.Actors) -> A.Actor | None:
    """The body that says its own unnamed forces killed: the army or military for soldiers, the police for police."""
    if not said_by:
        return None
    name, src_kind, country = A.canonical(said_by, actors)
    if name is None or src_kind != kind or NOT_THE_FORCES.search(said_by):
        return None
    return A.Actor(name, src_kind, country)


def _forces_name(words: str) -> str:
    """Unnamed forces by who they are: "police" (officers, policemen), "soldiers", "security forces"."""
    low = words.lower()
    return "police" if low.startswith("police") else "soldiers" if low == "troops" else low


# the words without which no rule of find_notes reads a note where no party is named: claims and denials (of a
# party named before), "blamed on / claimed by the group", people named as the mastermind or the suspect
NOTE_CUE = re.compile(
    r"claim|denie|deny|reject|blamed|named|names|identifie|mastermind|suspect|perpetrator|ringleader|police|soldiers|"
    r"troops|forces|commandos|group|movement|organi[sz]ation|each other|one another|traded blame|traded accusations|"
    r"not target|not deliberately|never target|n't target|not attack|not harm|accus|military|army",
    re.I,
)
NOTE_CUE_LOWER = re.compile(NOTE_CUE.pattern)  # on lower-cased ASCII text: the same answer, six times faster


def may_hold_note(sentence: str, parties: list[A.Mention]) -> bool:
    """Whether a sentence can hold a note: it names a party, or it has a word some rule needs when none is named.
    A rule that reads a note without a party and without one of the NOTE_CUE words must add its word there."""
    if parties:
        return True
    if ascii_like(sentence):  # text read as ASCII: lower case and re.I agree ("ı" or "ſ" would not)
        return bool(NOTE_CUE_LOWER.search(sentence.lower()))
    return bool(NOTE_CUE.search(sentence))


def may_name_party(sentence: str, actors: A.Actors) -> bool:
    """False only when a sentence cannot name a party: no alias A.find or _countries seeks has all its words in
    it (A.AliasWords), and no generic side ("rebels") is named."""
    keys = actors.keys
    if keys is None:
        return True
    seen = A.words(sentence)
    return (
        keys.free.may_match(A.lower_words(sentence))
        or keys.exact.may_match(seen)
        or keys.demonyms.may_match(seen)
        or keys.countries.may_match(seen)
        or names_generic(sentence)
    )


def names_generic(sentence: str) -> bool:
    """Whether the sentence names a side by what it is (GENERIC_PARTY, SIDE_BY_KIND)."""
    generic = bool(GENERIC_PARTY.search(sentence))
    kinds = rules.on("note.generic_group") and bool(SIDE_BY_KIND.search(sentence))
    return generic or kinds or (rules.on("note.named_group") and bool(ARMED_NAME.search(sentence)))


ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")  # what \w is in ASCII


def party_sentences(text: str, spans: list[tuple[int, int, int]], actors: A.Actors) -> set[int] | None:
    """The sentences (indices of spans) where may_name_party may find an alias: every word of one of them is
    written in the sentence, sought once in the whole text (A.AliasWords), and those that cut a word. The others
    can name only a generic side. None (no shortcut) in text that does not read as ASCII (ascii_like: its other
    characters are no word characters and have no case)."""
    keys = actors.keys
    if keys is None or not ascii_like(text):
        return None
    n, low = len(text), text.lower()
    starts = [a for a, _, _ in spans]

    def whole_word(at: int, end: int) -> bool:
        return (at == 0 or text[at - 1] not in ASCII_WORD) and (end == n or text[end] not in ASCII_WORD)

    found = {
        k
        for k, (a, b, _) in enumerate(spans)
        if (0 < a < n and text[a - 1] in ASCII_WORD and text[a] in ASCII_WORD)
        or (0 < b < n and text[b - 1] in ASCII_WORD and text[b] in ASCII_WORD)
    }
    where: dict[tuple[str, bool], set[int]] = {}

    def sentences_with(word: str, lower: bool) -> set[int]:
        if (word, lower) not in where:
            at_ends = ((at, at + len(word)) for at in A._occurrences(low if lower else text, word))
            ks = ((bisect_right(starts, at) - 1, end) for at, end in at_ends if whole_word(at, end))
            where[word, lower] = {k for k, end in ks if k >= 0 and end <= spans[k][1]}
        return where[word, lower]

    for aliases, lower in ((keys.free, True), (keys.exact, False), (keys.demonyms, False), (keys.countries, False)):
        seen = A.lower_words(text) if lower else A.words(text)
        for key in aliases.keys & seen:
            for need, _ in aliases.index[key]:
                if need <= seen:
                    found |= set.intersection(*(sentences_with(w, lower) for w in need))
    return found


# rule note.charge_denied: "accused the government of using barrel bombs, a charge Damascus rejects"
CHARGE_DENIED = re.compile(
    r"\b(?:a|an|the)\s+(?:charge|accusation|allegation)s?\s+(?:that\s+)?(?:the\s+)?(?:[\w'’.-]+\s+){1,4}"
    r"(?:(?:has|have|had|strongly|always|repeatedly|flatly|also)\s+)*$",
    re.I,
)
# a relative clause between a party and its denial: "blamed on the Janjaweed militia, which has denied it"
RELATIVE_GAP = re.compile(r"\s*,\s*(?:which|who)\s+" + AUX + r"\s*", re.I)
RELATIVE_CLAUSE = re.compile(r"\s*,\s*(?:which|who)\s+[^,;]{0,160},\s*" + AUX + r"\s*", re.I)
# rule note.not_targeting: a party's word that it does not attack civilians denies the attack it is blamed for
NOT_TARGETING = re.compile(
    r"\b(?:(?:does|do|did|would|will|has|have|had|was|were)\s+not|doesn['’]t|don['’]t|hasn['’]t|never)\s+"
    r"(?:deliberately\s+|intentionally\s+)?(?:been\s+)?"
    r"(?:target|attack|harm|kill|shell|bomb|fire\s+on)(?:s|ed|ing)?\s+(?:\w+\s+)?(?:civilians|residential areas|"
    r"civilian (?:areas|targets|objects|infrastructure)|homes|hospitals|schools|markets)\b",
    re.I,
)
NOT_TARGETING_GAP = re.compile(
    r"(?:\s*,[^,]{0,80},)?\s*(?:" + AUX + r"\s*)?(?:(?:has|have)\s+)?(?:\w+\s+)?"
    r"(?:said|says|insists|insisted|maintains)\s+(?:on \w+\s+)?(?:that\s+)?(?:it|they|its fighters|its forces|"
    r"its troops|their fighters)\s+|" + AUX + r"\s*",
    re.I,
)
# the forces or body a denial's subject names without a party's name: "the army denied", "a military spokesman
# denied", "the coalition has previously said it does not target civilians" (the coalition named before)
# forces named by what they are, and the bodies that speak and answer for them (notes.forces_*, note.not_targeting)
FORCES_BODY = (
    r"(?:army|military|armed forces|security forces|defen[cs]e forces|government forces|forces|troops|soldiers|"
    r"police(?:men)?|navy|air force)"
)
STATE_BODY = r"(?:government|regime|junta)"  # a state blamed or denying for its forces
FORCES_SUBJECT = re.compile(
    r"(?:^|[\s\"“'‘(])(?P<np>(?:(?:the|a|an|its|our)\s+(?:country['’]s\s+)?(?:[\w-]+\s+){0,2}?|"
    r"(?:(?-i:[A-Z])[\w-]*\s+){0,2})"
    r"(?:" + FORCES_BODY + r"|" + STATE_BODY + r"|coalition|militia))"
    r"(?:['’]s\s+(?:\w+\s+){0,2}?(?:team|office|command|wing))?(?:\s+spokes(?:man|woman|person))?"
    r"(?:(?:\s*,[^,]{0,80},)?[\s\"“]+|\s*,\s*(?:which|who)\s+)"
    r"(?:(?:has|have|had|also|later|previously|repeatedly|again|on \w+)\s+)*"
    r"(?:(?:said|says)\s+(?:that\s+)?(?:it|they)\s+(?:(?:has|have|had)\s+)?)?"
    r"(?:[^.;\"”]{0,120}?\s+and\s+(?:(?:has|have|had|also|later)\s+)*)?$",
    re.I,
)
HEAD_NOUNS = ("coalition", "militia")  # named before in the article: "the coalition" is the Saudi-led coalition
FORCES_CLAIM = re.compile(
    r"(?<![\w-])(?P<np>(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+)?" + FORCES_BODY + r")\s+"
    r"(?:(?:also|later|had|has|have)\s+)*(?:claimed|claims|said|says)\s+(?:on \w+\s+)?(?:that\s+)?"
    r"(?:to\s+have|it|they|its\s+(?:troops|forces|soldiers|men))\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:killed|neutrali[sz]ed|eliminated|shot dead)\b",
    re.I,
)
# forces named by what they are, blamed: "accused the army of carrying out the strike", "blaming soldiers for"
FORCES_BLAMED = re.compile(
    r"\b(?P<verb>blamed|blames|blaming|accused|accuses|accusing)\s+(?P<np>(?:the\s+)?(?:(?:federal|national|"
    r"government|security|regular|[A-Z][\w-]+(?:['’]s)?)\s+)?(?:" + FORCES_BODY + r"|" + STATE_BODY + r"))\b",
    re.I,
)


def _forces_actor(np: str, actors: A.Actors) -> A.Actor | None:
    """The actor of forces or a state body named by what it is ("army", "security forces", "the federal
    government"), canonical as actors.py gives it; None for anything else."""
    name, kind, country = A.canonical(np, actors)
    if kind in ("state_forces", "police") or (kind and re.fullmatch(STATE_BODY, np.split()[-1].lower())):
        return A.Actor(name, kind, country)
    return None


def _forces_subject(sentence: str, at: int, context: list[A.Mention]) -> A.Mention | None:
    """The forces that are the subject of a denial at `at` (rules note.forces_deny, note.not_targeting): "the army",
    "a military spokesman" (the military), "the coalition" or "the militia" (the one named last before it)."""
    m = FORCES_SUBJECT.search(sentence[:at])
    if m is None:
        return None
    np = re.sub(r"^(?:.*\b(?:the|a|an|its|our)\s+)?(?:country['’]s\s+)?", "", m.group("np").strip(), flags=re.I)
    head = np.split()[-1].lower()
    if head in HEAD_NOUNS:
        ref = next((c for c in reversed(context) if head in c.text.lower() or head in c.actor.name.lower()), None)
        return A.Mention(m.start("np"), m.end("np"), ref.text, ref.actor) if ref else None
    actor = _forces_actor(np, A.load())  # "the federal government has denied using drones": a state's voice
    return A.Mention(m.start("np"), m.end("np"), np, actor) if actor else None


def find_notes(
    sentence: str,
    find_source: Callable[[str], str | None],
    context: list[A.Mention] | None = None,
    actors: A.Actors | None = None,
    carried: str | Callable[[], str | None] | None = None,
    named: bool | None = None,
    defined: dict[str, A.Actor] | None = None,
) -> list[Note]:
    """The notes of one sentence. `find_source` names who speaks in it; `context` holds the parties named
    before it in the article, for "the group claimed", "it denied"; `carried` the source of the sentence before
    it in the paragraph, for a sentence that goes on with its report; `named`, when the caller knows it, whether
    the sentence may name a party (may_name_party, or more: True only costs time); `defined`, the names the article
    defines for a party (defined.py: "(UPC)", "Dan Na Ambassagou, a Dogon militia")."""
    actors = actors or A.load()
    if not (may_name_party(sentence, actors) if named is None else named) and not may_hold_note(sentence, []):
        return []  # most sentences: no party and no word a note needs (parties are sought below only in others)
    if QUESTION.search(sentence):
        return []
    mentions = A.find(sentence, actors)
    taken = [(m.start, m.end) for m in mentions]
    mentions += [c for c in _countries(sentence, actors) if not any(a <= c.start < b for a, b in taken)]
    mentions = with_defined(sorted(mentions, key=lambda m: m.start), sentence, defined or {})
    defined_at = {m.start for m in mentions if defined and m.text in defined}  # notes carry note.defined_name
    parties = [m for m in mentions if _party(m)]
    speakers = [m for m in mentions if m.actor.kind not in ("un", "monitor", "media", "medics")]
    taken = [(m.start, m.end) for m in mentions]
    generic = [g for g in _generic_party(sentence) if not any(a <= g.start < b for a, b in taken)]
    groups = [(g, r) for g, r in _generic_groups(sentence, generic) if not any(a <= g.start < b for a, b in taken)]
    group_at = {g.start: r for g, r in groups}  # their notes carry note.generic_group or note.named_group
    generic = sorted(generic + [g for g, _ in groups], key=lambda g: g.start)
    governments = _blamed_governments(sentence, actors, mentions)
    government_at = {m.start for m in governments}  # their notes carry note.government_blamed
    parties = sorted(parties + generic + governments, key=lambda m: m.start)
    speakers = sorted(speakers + generic, key=lambda m: m.start)
    if not may_hold_note(sentence, parties):
        return []
    unclaimed = bool(NO_CLAIM.search(sentence))
    speaker = None
    joint_src = ""  # two sources speaking together (rule note.joint_sources)
    spoken = SPEECH.search(sentence)
    notes: list[Note] = []

    def source() -> str | None:
        nonlocal speaker, joint_src
        if speaker is None:
            joint_src = (_joint_speakers(sentence, actors) or "") if spoken else ""
            speaker = (joint_src or find_source(sentence) or _speaker(sentence) or "") if spoken else ""
        return speaker or None

    def add(party: A.Mention, stance: str, rule: str, src_text: str | None, also: str = "") -> None:
        if not rules.on(rule):
            return
        part = PART_OF.search(sentence, 0, party.start)
        if part:  # "an offshoot of the PKK claimed": the offshoot, not the PKK
            word = (part.group(1) or part.group(2)).lower()
            party = A.Mention(
                party.start,
                party.end,
                f"{party.text} {word}",
                A.Actor(f"{party.text} {word}", party.actor.kind, party.actor.country),
            )
        if src_text and party.text in src_text:  # the source's phrase ran into the party's clause
            src_text = None
        if src_text and " and " in src_text and stance not in OTHER_STANCE:
            # "the Observatory and Syria's state news agency SANA reported": one note per source
            parts = [A.canonical(p, actors) for p in re.split(r"\s+and\s+", src_text)]
            if len(parts) > 1 and all(k not in (None, "other") for _, k, _ in parts):
                for text_part in re.split(r"\s+and\s+", src_text):
                    add(party, stance, rule, text_part, also)
                return
        if src_text is None and carried and rule in CARRIED_RULES:
            src_text = carried() if callable(carried) else carried  # it goes on with what the one before reported
        src_name, src_kind, _ = A.canonical(src_text, actors) if src_text else (None, None, None)
        if stance in OTHER_STANCE:
            src_name, src_kind, src_text = party.actor.name, party.actor.kind, party.text
        if src_name == party.actor.name and stance == "blames":
            src_name = src_kind = src_text = None  # a party's own words about itself are a claim, not blame
            stance = "claims"
        if joint_src and src_text and src_text in joint_src and stance not in OTHER_STANCE:
            also = ";".join(x for x in (also, "note.joint_sources") if x)  # "the Observatory and SANA reported"
        if party.start in government_at:
            also = ";".join(x for x in (also, "note.government_blamed") if x)
        if party.start in defined_at or (src_text and src_text in (defined or {})):
            rules.fire("note.defined_name")
            also = ";".join(x for x in (also, "note.defined_name") if x)
        if party.start in group_at:
            rule_id = group_at[party.start]
            rules.fire(rule_id)
            also = ";".join(x for x in (also, rule_id) if x)
        rules.fire(rule)
        notes.append(
            Note(
                party.actor.name,
                party.text,
                party.actor.kind,
                src_name,
                src_text,
                src_kind,
                stance,
                rule,
                party.start,
                also,
            )
        )

    def referent(at: int, force: bool = False) -> A.Mention | None:
        """The party a pronoun or "the group" at the start of the clause stands for."""
        before = sentence[:at].strip()
        clause = re.split(r"[,;:]\s*|\b(?:and|but|while|which|who)\s+", before)[-1].strip()
        if force or COREFERENCE.match(clause) or not clause:
            # the group named last before it: earlier in the sentence, else earlier in the article
            armed = [m for m in (context or []) if m.actor.kind == "armed_group"]
            armed += [m for m in parties if m.actor.kind == "armed_group" and m.end <= at]
            return armed[-1] if armed else None
        return None

    # claims: "al-Shabaab claimed responsibility", "an attack claimed by Islamic State", "IS said it was behind"
    if not unclaimed:
        for m in re.finditer(r"\bclaim(?:ed|s)?\b", sentence, re.I):
            rest = sentence[m.start() :]
            if not CLAIM_OBJECT.match(rest) or CLAIMED_LIVES.match(rest):
                continue
            # the party nearest before the claim with only adverbs, an apposition or a relative clause between
            # ("IS, which holds towns in Iraq, promptly claimed": not Iraq, named inside the apposition)
            party = next(
                (
                    p
                    for p in reversed(speakers)
                    if p.end <= m.start()
                    and m.start() - p.end < 80
                    and (CLAIM_GAP.fullmatch(sentence[p.end : m.start()]) or _plain_gap(sentence[p.end : m.start()]))
                ),
                None,
            )
            if party is None and re.match(r"claim(?:ed|s)\s+(?:responsibility|the attack|credit)", rest, re.I):
                ref = referent(m.start())
                party = A.Mention(m.start(), m.start(), ref.text, ref.actor) if ref else None
            if party:
                add(party, "claims", "note.claim", None)
        for m in re.finditer(r"\bclaimed\s+by\s+", sentence, re.I):
            party = next(
                (
                    p
                    for p in parties
                    if p.start >= m.end() and (p.start - m.end() < 25 or _plain_gap(sentence[m.end() : p.start]))
                ),
                None,
            )
            if party and party.actor.kind == "armed_group":  # states do not claim attacks: they announce strikes
                add(party, "claims", "note.claimed_by", None)
        for m in HYPHEN_CLAIMED.finditer(sentence) if rules.on("note.hyphen_claimed") else ():
            # "an IS-claimed suicide bombing", "the Taliban-claimed attack": the actor regexes refuse the hyphen
            party = next((x for x in A.find(sentence[: m.start()], actors) if x.end == m.start()), None)
            if party is not None and party.actor.kind == "armed_group":
                add(party, "claims", "note.hyphen_claimed", None)
        for p in parties:
            if SAID_IT_DID.match(sentence, p.end):
                add(p, "claims", "note.said_it_did", None)
            elif BELIEVES_IT_DID.match(sentence, p.end) and p.actor.kind != "police":
                add(p, "claims", "note.believes_it_did", None)
    # denials: "the Taliban denied involvement", "Moscow denies this"
    for m in re.finditer(r"\b(?:denied|denies|deny|rejected|rejects)\b", sentence, re.I):
        also = ""
        if not DENY_AFTER.match(sentence, m.start()):
            if CHARGE_DENIED.search(sentence, 0, m.start()) and re.match(r"\s*(?:[,.;:)]|$)", sentence[m.end() :]):
                also = "note.charge_denied"  # "... barrel bombs, a charge Damascus rejects."
            elif DENY_ACT_AFTER.match(sentence, m.start()) and rules.on("note.deny_act"):
                also = "note.deny_act"  # "denied that troops had fired on the village", "denied shelling the town"
            else:
                continue  # nothing denied that is a responsibility: "rejected the peace plan"
            if not rules.on(also):
                continue
        party = next((p for p in reversed(speakers) if p.end <= m.start() and m.start() - p.end < 70), None)
        subject = next(  # "Russia, which intervened in Syria's war in 2015 on the side of ..., denies targeting"
            (p for p in speakers if p.end <= m.start() and RELATIVE_CLAUSE.fullmatch(sentence, p.end, m.start())), None
        )
        if subject is not None and subject is not party and rules.on("note.deny_relative"):
            # the denial stands at its verb: the party's own mention may still be blamed ("blamed X, who denied it")
            party = A.Mention(m.start(), m.start(), subject.text, subject.actor)
            also = ";".join(x for x in (also, "note.deny_relative") if x)
        if party is None:
            party = referent(m.start())
            if party is not None:
                party = A.Mention(m.start(), m.start(), party.text, party.actor)
        elif RELATIVE_GAP.fullmatch(sentence, party.end, m.start()) and rules.on("note.deny_relative"):
            also = ";".join(x for x in (also, "note.deny_relative") if x)  # "blamed on X, which has denied it"
            party = A.Mention(m.start(), m.start(), party.text, party.actor)  # X's mention may still be blamed
        elif not re.fullmatch(
            r"(?:\s*,[^,]{0,80},)?\s*" + AUX + r"\s*|\s+spokesman\s+" + AUX + r"\s*|[^.;,]{0,60}?\s+",
            sentence[party.end : m.start()],
        ):
            party = None
        if party is None and rules.on("note.state_denies"):
            # "a statement by the Russian Defense Ministry denied its warplanes were involved": a state's voice
            name = _name_before(sentence, m.start())
            canon, kind, country = A.canonical(name, actors) if name else (None, None, None)
            if kind in ("ministry", "officials", "state_forces") and country and STATE_VOICE.search(canon or ""):
                party = A.Mention(m.start(), m.start(), name, A.Actor(canon, kind, country))
                also = ";".join(x for x in (also, "note.state_denies") if x)
        if party is None and rules.on("note.forces_deny"):
            party = _forces_subject(sentence, m.start(), context or [])
            if party is not None:  # "the army denied that troops had fired on the village"
                also = ";".join(x for x in (also, "note.forces_deny") if x)
        if party:
            for rule_id in also.split(";") if also else ():
                rules.fire(rule_id)
            add(party, "denies", "note.deny", None, also)
    # rule note.forces_claim: "police claimed to have killed three Maoists", "the military said it has killed 1,000"
    low = sentence.lower()
    said = "claim" in low or "said" in low or "says" in low
    claim_cue = said and any(w in low for w in ("kill", "neutrali", "elimin", "shot"))
    for m in FORCES_CLAIM.finditer(sentence) if claim_cue and rules.on("note.forces_claim") else ():
        np = re.sub(r"^(?:the|a|an)\s+", "", m.group("np"), flags=re.I)
        actor = _forces_actor(np, actors)
        if actor and actor.kind in ("state_forces", "police") and not any(n.stance == "claims" for n in notes):
            add(A.Mention(m.start("np"), m.end("np"), np, actor), "claims", "note.forces_claim", None)
    # rule note.forces_blamed: "he accused the army of carrying out the strike", "residents blamed soldiers for"
    blame_cue = "blam" in low or "accus" in low
    for m in FORCES_BLAMED.finditer(sentence) if blame_cue and rules.on("note.forces_blamed") else ():
        if any(m.start("np") <= n.start < m.end("np") + 1 and n.stance == "blames" for n in notes) or any(
            m.start("np") <= p.start < m.end("np") for p in parties
        ):
            continue  # a named party there: the blame rules above read it
        tail = sentence[m.end() : m.end() + 80]
        verb = m.group("verb").lower()
        what = r"\s+of\b" if verb.startswith("accus") else r"\s+for\b|\s*[,.;]|\s+and\b|$"
        if not re.match(what, tail) or (NOT_VIOLENT.search(tail) and not VIOLENT.search(tail)):
            continue
        np = re.sub(r"^the\s+", "", m.group("np"), flags=re.I)
        actor = _forces_actor(np, actors)  # "accused the government of using barrel bombs": a state, for its forces
        if actor is None:
            continue
        src = _name_before(sentence, m.start()) or (source() if spoken else None)
        add(A.Mention(m.start("np"), m.end("np"), np, actor), "blames", "note.forces_blamed", src)
    # rule note.not_targeting: "the coalition does not target civilians", "it has said it never targets civilians"
    negated = "not " in low or "n't" in low or "n’t" in low or "never" in low
    for m in NOT_TARGETING.finditer(sentence) if negated and rules.on("note.not_targeting") else ():
        subject = (p for p in reversed(speakers) if p.end <= m.start())
        party = next((p for p in subject if NOT_TARGETING_GAP.fullmatch(sentence, p.end, m.start())), None)
        party = party or _forces_subject(sentence, m.start(), context or [])
        if party is not None and party.actor.kind in A.ARMED_KINDS + ("other",):
            add(party, "denies", "note.not_targeting", None)
    # "blamed on the radical Sunni Muslim group", "claimed by the militant group": the group the article named
    for m in THE_GROUP_AFTER.finditer(sentence):
        ref = referent(m.start(), force=True)
        if ref and not any(p.start >= m.end("np") - 1 and p.start - m.end("np") < 5 for p in parties):
            mention = A.Mention(m.start("np"), m.end("np"), ref.text, ref.actor)
            if m.group("verb").lower().startswith("claimed"):
                add(mention, "claims", "note.claimed_by", None)
            else:
                src = _name_before(sentence, m.start())
                add(mention, "blames", "note.blamed_on", src or (source() if spoken else None))
    # "officials say the group has staged suicide bombings": the group named before, as the agent of its attack
    for m in GROUP_ANAPHOR.finditer(sentence) if rules.on("note.group_agent") else ():
        after = sentence[m.end() : m.end() + 140]
        agent = AGENT_AFTER.match(after)
        if (
            agent is None
            or PASSIVE_BEFORE.search(sentence, 0, m.start())
            or re.match(r"\s+by\b", after[agent.end() :])
            or REDUCED_PASSIVE.match(after[agent.end() :])
            or HABITUAL.match(after)
            or any(m.start() <= p.start < m.end() + 5 for p in parties)  # "the group Islamic State": named itself
            or any(n.start == m.start() for n in notes)
        ):
            continue
        ref = referent(m.start(), force=True)
        if ref is not None and not any(n.blamed == ref.actor.name for n in notes):  # not its own claim restated
            src = source() if spoken else None
            if src and re.search(rf"\b{m.group().split()[-1]}\b", src, re.I):  # the speaker, not "group killed .."
                src = _speaker(sentence)
            add(A.Mention(m.start(), m.end(), ref.text, ref.actor), "blames", "note.group_agent", src)
    # blame: "police blamed al-Shabaab", "Turkey accuses Russia of", "residents suspected JNIM", "blamed on IS"
    for p in parties:
        before = sentence[: p.start]
        after = ABBREVIATION.sub("", sentence[p.end : p.end + 140], count=1)  # "Workers Party (PKK) carried out"
        rule = None
        if BLAMED_ON.search(before):
            rule = "note.blamed_on"
        elif ATTRIBUTED_TO.search(before):
            rule = "note.attributed"
        elif BLAME_VERB.search(before):
            verb = BLAME_VERB.search(before).group().strip().lower()
            tail = re.match(r"[^.;]{0,80}", after).group()
            if verb.startswith(("accus", "held", "hold")) and not re.search(r"\b(?:of|for|responsible)\b", tail):
                continue
            if NOT_VIOLENT.search(tail) and not VIOLENT.search(tail):
                continue
            if verb.startswith("suspect") and not re.search(
                r"\b(?:police|officials?|authorities|residents|"
                r"security|sources|witnesses|they|villagers)\b",
                before[-60:],
                re.I,
            ):
                # "suspected Taliban militants": a description of who was killed or arrested
                continue
            rule = "note.blame"
            joint = _joint_object(sentence, BLAME_VERB.search(before).start("obj"), p)
            if joint is not None:
                p = joint
        elif BY_BEFORE.search(before):
            rule = "note.by"
        elif HALLMARKS.search(before) and rules.on("note.hallmarks"):
            rule = "note.hallmarks"  # "officials said the attack bore the hallmarks of Boko Haram"
        elif ATTACKER_OF_PARTY.search(before) and rules.on("note.attacker_of"):
            rule = "note.attacker_of"
        elif RENEWED_ATTACK.match(after) and not PASSIVE_BEFORE.search(before) and rules.on("note.renewed_attack"):
            rule = "note.renewed_attack"
        elif PASSIVE_BLAMED.match(after) and rules.on("note.blamed_for"):
            tail = after[PASSIVE_BLAMED.match(after).end() :][:80]
            if NOT_VIOLENT.search(tail) and not VIOLENT.search(tail):
                continue
            rule = "note.blamed_for"
        elif RESPONSIBLE_AFTER.match(after):
            tail = after[RESPONSIBLE_AFTER.match(after).end() :][:80]
            if NOT_VIOLENT.search(tail) and not VIOLENT.search(tail):
                continue
            rule = "note.responsible"
        elif (
            MEMBERS_OF.search(before)
            and AGENT_AFTER.match(after)
            and not re.match(r"\s+by\b", after[AGENT_AFTER.match(after).end() :])
            and rules.on("note.members_of")
        ):
            rule = "note.members_of"  # "fighters from the UPC killed 12": the subject's own party
        elif p.strike and not PASSIVE_BEFORE.search(before):
            rule = "note.state_strike"
        elif ATTACK_AFTER.match(after) and not ATTACK_GUARD.search(before):
            # "Islamic State suicide bombings", "Russia's assault on Aleppo", "Taliban offensives"
            if _country_as_place(p, after, actors):
                continue
            rule = "note.attack_by"
        elif (
            AGENT_AFTER.match(after)
            and not (LOCATION_BEFORE.search(before) and p.text in actors.country_aliases)
            and not re.match(r"\s+by\b", after[AGENT_AFTER.match(after).end() :])  # "tanks destroyed by a missile"
            and not PASSIVE_BEFORE.search(before)
            and not re.match(
                r"\s*(?:,[^,]{0,60},\s*)?(?:were|was|are|is|had been|have been|has been)\s+(?!(?:\w+ly\s+)?\w+ing\b)",
                after,
            )
        ):
            if _country_as_place(p, after, actors):
                continue
            if REDUCED_PASSIVE.match(after[AGENT_AFTER.match(after).end() :]) and re.search(
                r"(?:killed|targeted|hit|shot)$", AGENT_AFTER.match(after).group()
            ) and rules.on("note.reduced_passive"):
                rules.fire("note.reduced_passive")  # "the Shabab fighters killed in the raid were": the victims
                continue
            if HABITUAL.match(after) and rules.on("note.habitual"):
                rules.fire("note.habitual")  # "the PKK has historically struck": what it tends to do, no attack
                continue
            rule = "note.agent"
        if rule is None:
            continue
        if any(n.start == p.start for n in notes):  # the party's own claim or denial
            continue
        src = None
        places: list[A.Mention] = []  # countries named as places before the verb, passed over (note.place_not_blamer)
        if rule in ("note.blame", "note.blamed_on", "note.attributed"):
            by = _sources_before(
                sentence,
                BLAME_VERB.search(before).start()
                if rule == "note.blame"
                else len(before.rstrip()) - len(before.rstrip().split()[-1])
                if before.strip()
                else 0,
                [m for m in mentions if m.end <= p.start],
                places,
            )
            src = (
                by.text
                if by
                else None
                if rule == "note.attributed"  # "casualties attributed to": who attributes is who speaks
                else _name_before(
                    sentence,
                    (BLAME_VERB.search(before) or BLAMED_ON.search(before) or ATTRIBUTED_TO.search(before)).start(),
                )
            )
            if rule == "note.blamed_on" and src and src.lower() in ("attack", "bombing", "bombings"):
                src = None
        if rule == "note.attacker_of":  # "authorities suspect the bomber had links to": who suspects
            said = SUSPECTS_BEFORE.search(before)
            who = re.sub(r"(?:\s+(?:there|here|now|also|still))+\s*$", "", before[: said.start()]) if said else ""
            src = _name_before(who, len(who)) if said else None
        if src is None and spoken:
            src = source()
        if src and p.text in src:  # the source's phrase ran into the party's clause: who said it, before it
            said = [m for m in SPEECH.finditer(sentence, 0, p.start)]
            src = (
                (_name_before(sentence, said[-1].start()) if said else None)
                or (find_source(sentence[: p.start]) if said else None)  # "TV, which ..., reported and said IS"
                or _speaker(sentence)
            )
            if src and p.text in src:
                src = None
        if (
            rule in ("note.state_strike", "note.agent", "note.by")
            and p.actor.kind in ("state_forces", "police")
            and src
        ):
            name, kind, country = A.canonical(src, actors)
            if country is None and (
                (kind == "state_forces" and A.fold(name or "") in ("army", "military", "armed forces"))
                or (kind == p.actor.kind == "police")
            ):
                # "Turkish warplanes bombed the camps, the army said", "police officers shot the attacker, police
                # said": the army (police) of the state that struck
                name, country = p.actor.name, p.actor.country
            if (
                kind in ("ministry", "state_forces", "officials", "police")
                and country == p.actor.country
                and (STATE_VOICE.search(name or "") or kind == p.actor.kind == "police")
            ):
                # "American warplanes struck the camp, the Pentagon said": the state speaks of its own strike
                p = A.Mention(p.start, p.end, src, A.Actor(name, kind, country))
                add(p, "claims", "note.own_strike", None)
                continue
        passed_over = bool(places) and not (src and any(m.text in src for m in places))
        if passed_over:
            rules.fire("note.place_not_blamer")
        add(p, "blames", rule, src, "note.place_not_blamer" if passed_over else "")
    # people held responsible by name: "police named Bahrun Naim as the mastermind", "Umar Mansoor, the mastermind
    # of the school massacre, claimed responsibility"
    for m in PERSON_NAMED_AS.finditer(sentence):
        person = _person(m, actors)
        if person:
            verb_at = m.start()
            namer = ""
            if PRONOUN_SUBJECT.search(sentence, 0, verb_at) and rules.on("note.pronoun_namer"):
                # "the police chief told reporters ... and he named X as the mastermind": he is the speaker
                rules.fire("note.pronoun_namer")
                by, src, namer = None, source() if spoken else None, "note.pronoun_namer"
            else:
                by = _sources_before(sentence, verb_at, [x for x in mentions if x.end <= verb_at])
                src = by.text if by else _name_before(sentence, verb_at) or (source() if spoken else None)
            add(person, "blames", "note.person", src, namer)
    for m in PERSON_APPOSITION.finditer(sentence):
        person = _person(m, actors)
        if person:
            # his own claim first, as a party's claim comes before other notes of its sentence; then the article's
            # blame in the apposition ("X, the mastermind of last year's massacre, claimed ...")
            if CLAIM_OBJECT.match(sentence[m.end() :].lstrip(" ,")) or re.match(
                r"[^.;]{0,120}?,\s*(?:on \w+\s+)?claimed\s+(?:responsibility|the attack)", sentence[m.end() :]
            ):
                add(person, "claims", "note.claim", None)
            add(person, "blames", "note.person", source() if spoken else None)
    # unnamed forces killing attackers: blamed as "police", "soldiers" (named ones are parties above)
    for m in FORCES_KILL_ATTACKERS.finditer(sentence) if rules.on("note.forces_killed") else ():
        key = next(k for k in ("forces", "by", "with") if m.group(k))
        at, words = m.start(key), m.group(key)
        if any(p.start <= at < p.end for p in mentions) or PASSIVE_BEFORE.search(sentence, 0, at) and key == "forces":
            continue
        name = _forces_name(words)
        kind = "police" if name == "police" else "state_forces"
        said_by = source()
        own = _own_forces(said_by, kind, actors) if rules.on("note.forces_own_claim") else None
        if own is not None:
            # "troops had killed 12 of the attackers, the army said": the army says it did it, a claim
            rules.fire("note.forces_own_claim")
            add(A.Mention(at, at + len(words), said_by, own), "claims", "note.forces_killed", None,
                "note.forces_own_claim")
            continue
        add(A.Mention(at, at + len(words), words, A.Actor(name, kind, None)), "blames", "note.forces_killed", said_by)
    mutual = MUTUAL_BLAME.search(sentence) if rules.on("note.mutual_blame") else None
    tail = sentence[mutual.end() : mutual.end() + 80] if mutual else ""
    if mutual is not None and not (NOT_VIOLENT.search(tail) and not VIOLENT.search(tail)):
        # "Armenia and Azerbaijan accused each other of breaking the truce": each side blames the other
        sides = [p for p in parties if p.end <= mutual.start() and p.actor.kind in A.ARMED_KINDS]
        joint = JOINT_DEMONYM.search(sentence, 0, sides[-1].start) if sides else None
        code = A._demonym_code(actors, joint.group(1)) if joint else None
        if joint and code in actors.states and (len(sides) < 2 or sides[-2].end <= joint.start()):
            # "Russian and Ukrainian forces accused each other": the first demonym shares the second's noun
            sides.append(A.Mention(joint.start(1), joint.end(1), joint.group(1), actors.states[code][0]))
            sides.sort(key=lambda m: m.start)
        else:
            joint = None
        both = BOTH_SIDES.search(sentence, 0, mutual.start())
        if len(sides) < 2 and both and rules.on("note.mutual_blame_sides"):
            # "Both sides accused each other of breaking the truce": the last two sides the article named
            last_two: dict[str, A.Mention] = {}
            for m in reversed(context or []):
                if m.actor.kind in ("state_forces", "armed_group") and len(last_two) < 2:
                    last_two.setdefault(m.actor.name, m)
            if len(last_two) == 2:
                rules.fire("note.mutual_blame_sides")
                second, first = (A.Mention(both.start(), both.end(), m.text, m.actor) for m in last_two.values())
                add(first, "blames", "note.mutual_blame", second.actor.name, "note.mutual_blame_sides")
                add(second, "blames", "note.mutual_blame", first.actor.name, "note.mutual_blame_sides")
        if len(sides) >= 2 and sides[-2].actor.name != sides[-1].actor.name:
            first, second = sides[-2], sides[-1]
            if re.fullmatch(r",?\s*(?:and|&)\s+(?:the\s+)?", sentence[first.end : second.start], re.I):

                def as_source(m: A.Mention) -> str:  # a bare demonym ("Russian and ...") speaks as its forces
                    return m.actor.name if joint and m.start == joint.start(1) else m.text

                add(first, "blames", "note.mutual_blame", as_source(second))
                add(second, "blames", "note.mutual_blame", as_source(first))
    out: dict[tuple[str | None, str, str], Note] = {}
    for n in notes:
        out.setdefault((n.reporting_source, n.blamed, n.stance), n)
    return list(out.values())


def report_author(lead_sources: list[str | None], text: str) -> str | None:
    """The UN body or monitor whose report an article relays: the source of its lead (its first sentences) when
    that is a UN body or a monitor and the article speaks of a report ("the United Nations reported ... in its
    annual report")."""
    if not REPORT_NOUN.search(text):
        return None
    for src in lead_sources:
        name, kind, _ = A.canonical(src) if src else (None, None, None)
        if kind in ("un", "monitor"):
            return name
    return None


def with_report_author(note: dict, author: str | None) -> dict:
    """rule note.report_author: agentless blame in an article relaying a report ("casualties attributed to
    pro-government forces rose", "insurgents were blamed for most deaths") is the report's: its author is the
    source."""
    if (
        author
        and not note.get("reporting_source")
        and note["rules"] in REPORT_AUTHOR_RULES
        and rules.on("note.report_author")
    ):
        rules.fire("note.report_author")
        return {
            **note,
            "reporting_source": author,
            "reporting_source_text": author,
            "source_kind": A.kind_of(author),
            "rules": note["rules"] + ";note.report_author",
        }
    return note


# a broadcaster or agency named by what it is: "the network", "the government-run network", "the station"
MEDIA_ANAPHOR = re.compile(
    r"^(?:the\s+)?(?:(?:state|government)(?:-run|-owned|-controlled)?\s+|official\s+)?"
    r"(?:network|broadcaster|station|channel|television|TV|agency|news agency|outlet)$",
    re.I,
)
MEDIA_NAME = re.compile(r"\b(?:TV|television|network|broadcaster|news agency|radio)\b", re.I)


def media_antecedent(source: str | None, earlier: Iterable[str | None]) -> str | None:
    """rule note.media_anaphor: a source named by what it is ("the government-run network said") is the media
    source named last before it ("Syrian state TV said ..."), found among the sources of the sentences before
    (`earlier`, nearest first); None when the source is no such phrase or none is named before."""
    if not source or not MEDIA_ANAPHOR.match(source.strip()) or not rules.on("note.media_anaphor"):
        return None
    for src in earlier:
        name = A.clean_name(src) if src else None
        if name and not MEDIA_ANAPHOR.match(name) and (MEDIA_NAME.search(name) or A.kind_of(name) == "media"):
            rules.fire("note.media_anaphor")
            return name
    return None


def _same_claimant(notes: list[dict]) -> list[dict]:
    """rule note.same_claimant: an article's claim by a group named loosely ("Al Qaeda group claims responsibility")
    and its claim by the one branch of that name it also names ("al-Qaeda in the Islamic Maghreb claimed") are
    one claimant's: the specific name for both. Notes of one article, in order."""
    claimants = {n["blamed"] for n in notes if n["stance"] == "claims" and n.get("blamed_kind") == "armed_group"}
    named_as: dict[str, str] = {}
    for name in claimants:
        words = re.compile(rf"(?<![\w-]){re.escape(A.fold(name))}(?![\w-])")
        specific = [other for other in claimants if other != name and words.search(A.fold(other))]
        if len(specific) == 1:
            named_as[name] = specific[0]
    if not named_as or not rules.on("note.same_claimant"):
        return notes
    rules.fire("note.same_claimant")
    out = []
    for n in notes:
        if n["stance"] == "claims" and n["blamed"] in named_as:
            name = named_as[n["blamed"]]
            source = name if n.get("reporting_source") == n["blamed"] else n.get("reporting_source")
            n = {**n, "blamed": name, "reporting_source": source, "rules": n["rules"] + ";note.same_claimant"}
        out.append(n)
    return out


def dedupe(notes: list[dict]) -> list[dict]:
    """One note per source, party and stance in an article: the first, with the rules of all (a claimant named
    loosely and by its branch is one: _same_claimant)."""
    kept: dict[tuple, dict] = {}
    by_article: dict[str, list[dict]] = {}
    for n in notes:
        by_article.setdefault(n["article_id"], []).append(n)
    notes = [n for group in by_article.values() for n in _same_claimant(group)]
    for n in notes:
        key = (n["article_id"], n.get("reporting_source") or "", n["blamed"], n["stance"])
        if key in kept:
            ids = set(kept[key]["rules"].split(";")) | set(n["rules"].split(";"))
            kept[key]["rules"] = ";".join(sorted(ids))
            continue
        kept[key] = dict(n)
    return list(kept.values())


# who may state a perpetrator as fact: officials, forces, the UN and monitors; residents and witnesses suspect
FACTUAL_SOURCES = ("police", "officials", "ministry", "state_forces", "un", "monitor")


# stated_perpetrators reads no sentence without one of these (the engine skips an article without them)
CLAIM_CUES = ("claim", "blame", "suspected")


def claim_of_another_attack(sentence: str) -> bool:
    """rule: perpetrator.unclaimed_elsewhere: in an article that says no one claimed its attack, a sentence that
    only tells a claim (no blame, suspicion or responsibility stated by others, and not the "no claim" itself) is
    about another attack."""
    return (
        not NO_CLAIM.search(sentence)
        and re.search(r"\bclaim(?:ed|s|ing)?\b", sentence, re.I) is not None
        and not re.search(
            r"\b(?:blam\w*|suspect\w*|(?:was|were|is|are|be|been)\s+(?:\w+\s+)?responsible|held responsible)\b",
            sentence,
            re.I,
        )
    )


def stated_perpetrators(sentence: str, find_source: Callable[[str], str | None]) -> list[str]:
    """Armed actors a sentence names beside a claim, blame or suspicion: the perpetrators of its article's
    incidents. Where "no group claimed" the attack, only blame by officials, forces, the UN or a monitor counts:
    residents' suspicion is a note (stance blames, source residents), not a perpetrator stated as fact."""
    if not any(w in sentence for w in CLAIM_CUES):
        return []
    if not re.search(
        r"claimed responsibility|claimed the|blamed|suspected(?! of (?:belonging|being|links|ties))|responsib", sentence
    ):
        return []
    if NO_CLAIM.search(sentence):
        return [
            n.blamed
            for n in find_notes(sentence, find_source)
            if n.stance == "blames" and n.rules != "note.agent" and n.source_kind in FACTUAL_SOURCES
        ]
    named = [m.group("name") for m in ARMED_NAME.finditer(sentence)] if rules.on("note.named_group") else []
    return [name for _, name, _ in perpetrators(sentence)] + named


def perpetrators(text: str, actors: A.Actors | None = None) -> list[tuple[int, str, str]]:
    """Armed actors named in a text: (offset, canonical name, words as written); states only by their forces."""
    return [
        (m.start, m.actor.name, m.text)
        for m in A.find(text, actors or A.load())
        if m.actor.kind in ("armed_group", "state_forces")
    ]


def canonical_source(text: str | None) -> str | None:
    """The canonical name of who reports: "SOHR" and "the observatory" are the Syrian Observatory."""
    return A.canonical(text)[0] if text else None


REPORT_WORDS = {"report", "the report", "study", "survey", "the study", "the survey"}


def resolve(name: str | None, kind: str | None, named: list[A.Mention]) -> str | None:
    """A generic source ("a monitoring group", "an aid group", "the Qaida-linked group") stands for the one actor
    of its kind the article names (leaving out any the phrase itself names, as in "Qaida-linked"); left as it is
    when the article names none or several."""
    if name and A.fold(name) in REPORT_WORDS:  # "the report found": the report of the UN body or monitor named
        # the body the article names first: its lead says whose report it is
        return next((m.actor.name for m in named if m.actor.kind in ("un", "monitor")), name)
    if not name or kind not in ("monitor", "un", "medics", "armed_group") or name in {m.actor.name for m in named}:
        return name
    if kind == "armed_group" and not GENERIC_GROUP.search(name):
        return name
    low = A.fold(name)
    same = {
        m.actor.name
        for m in named
        if m.actor.kind == kind and A.fold(m.text)[:5] not in low and A.fold(m.actor.name)[-5:] not in low
    }
    return same.pop() if len(same) == 1 else name


GENERIC_GROUP = re.compile(
    r"(?:-linked|-allied|-affiliated|militant|jihadist|Islamist|insurgent|armed)\s+group$|"
    r"^(?:the\s+)?group$",
    re.I,
)
TITLE_BEFORE = (
    r"(?P<title>(?:[A-Z][\w'’.-]*\s+|(?:provincial|regional|district|local|senior|deputy|chief|health|interior|"
    r"defen[cs]e|foreign|police|army|military|security|government|hospital)\s+){0,4}"
    r"(?i:spokes(?:man|woman|person)|minister|mayor|governor|adviser|advisor|official|chief|commander|director|"
    r"officer|president|prosecutor|head))\s+(?:[A-Z][\w'’-]+\s+){0,3}"
)
TITLE_AFTER = (
    r",\s+(?:the|a|an)\s+(?P<title>[^,.;]{3,70}?(?:spokes(?:man|woman|person)|minister|mayor|governor|adviser|"
    r"advisor|official|chief|commander|director|officer|president|prosecutor|head)\b[^,.;]{0,50}?)\s*[,.;]"
)


@lru_cache(maxsize=2048)
def _title_regexes(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """person_title's regexes of a surname, compiled once (they are long: compiling costs more than a search)."""
    surname = re.escape(name)
    return (
        re.compile(TITLE_BEFORE + surname + r"\b"),
        re.compile(r"\b(?:[A-Z][\w'’-]+\s+){0,2}" + surname + TITLE_AFTER),
    )


# a character neither of person_title's regexes matches before the surname: a match starts after the last one
# before an occurrence of the surname (both regexes' text before it is letters, digits, spaces and ' ’ . - _)
NOT_BEFORE_NAME = re.compile(r"[^\w'’.\s-]")
# what ends TITLE_AFTER's match: the first of these after the comma that follows the surname
AFTER_END = re.compile(r"[,.;]")


@lru_cache(maxsize=16)
def _not_before_name(text: str) -> list[int]:
    """Where NOT_BEFORE_NAME's characters are in a text (kept for the article's few surnames)."""
    return [m.start() for m in NOT_BEFORE_NAME.finditer(text)]


def _search_before_name(pattern: re.Pattern[str], name: str, text: str, last: bool) -> re.Match[str] | None:
    """pattern.search(text) for one of person_title's regexes of a surname, looked for only where it can match:
    each match ends at the surname (TITLE_BEFORE) or at the first of , . ; after the comma after it (TITLE_AFTER,
    `last`), and starts after the last character before the surname that no part before it matches. So the
    stretches from that character to the surname (overlapping ones merged) are searched in order, each with an
    end just past its last surname's match (the character after the surname, for the \b, or that , . ;)."""
    breaks = _not_before_name(text)
    stretches: list[list[int]] = []  # [start, last surname's start]
    at = text.find(name)
    while at >= 0:
        k = bisect_right(breaks, at - 1)
        start = breaks[k - 1] + 1 if k else 0
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = at
        else:
            stretches.append([start, at])
        at = text.find(name, at + 1)
    for start, at in stretches:
        stop = at + len(name) + 1
        if last:
            found = AFTER_END.search(text, at + len(name) + 1)
            stop = found.end() if found else len(text)
        m = pattern.search(text, start, min(stop, len(text)))
        if m:
            return m
    return None


def person_title(name: str | None, text: str) -> str | None:
    """A source named by a person's surname ("Sediqi said") is named by the title the article gives the person
    ("Interior Ministry spokesman Sediq Sediqi", "Thwadi, the Sabratha mayor,"): who they speak for."""
    if not name or " " in name or not name[:1].isupper() or name.isupper():
        return name
    known = A.load().by_alias.get(A.fold(name))
    if known or name in A.load().country_aliases:
        return name
    if name not in text:  # both regexes need the name as written
        return name
    before, after = _title_regexes(name)
    m = _search_before_name(before, name, text, last=False) or _search_before_name(after, name, text, last=True)
    if not m:
        return name
    title = A.clean_name(m.group("title")) or name
    if re.search(r"(?i)\b(?:president|minister|governor|mayor)$", title) and m.re.pattern.startswith(TITLE_BEFORE):
        raw = re.sub(r"^(?:the|a|an)\s+", "", m.group("title").strip(), flags=re.I)
        title = f"{raw} {name}"  # "President Roch Marc Christian Kabore": President Kabore
    return title if len(title) <= 60 else name


def plain_initials(sentence: str) -> str:
    """ "U.S." and "U.N." as "US" and "UN": a full stop inside initials does not end a source's name."""
    return re.sub(r"\bU\.S\.(?=\s|-)", "US", re.sub(r"\bU\.N\.(?=\s)", "UN", sentence))


def _armed(note: dict) -> bool:
    """A note whose party may be a report's perpetrator: an armed actor, not a person named as the mastermind, nor
    unnamed forces killing attackers (the attackers' own reports name them: forces_against), nor one of two sides
    blaming each other (contested: neither is the article's word)."""
    return (
        note["stance"] != "denies"
        and not _suspicion(note)
        and note.get("blamed_kind") != "other"
        and "note.forces_killed" not in note["rules"]
        and "note.mutual_blame" not in note["rules"]
    )


def _suspicion(note: dict) -> bool:
    """Blame by residents, witnesses or relatives, an attacker's ties to a party ("the bomber had links to") or an
    attack's likeness to a party's ("bore the hallmarks of"): a suspicion, not a perpetrator stated as fact."""
    return note["stance"] == "blames" and (
        (note["rules"] == "note.blame" and note.get("source_kind") == "other")
        or note["rules"] in ("note.attacker_of", "note.hallmarks")
    )


def _perpetrator_name(note: dict) -> str:
    """The party of a note as a report's perpetrator: a state speaking of its own strike is its forces ("the
    Pentagon said it had struck the camp": US forces)."""
    if "note.own_strike" in note["rules"] or note.get("blamed_kind") == "ministry":
        country = A.canonical(note["blamed"])[2]
        if country in A.load().states:
            return A.load().states[country][0].name
    return note["blamed"]


def sentence_parties(notes: list[dict], sentence_index: int, start: int) -> list[tuple[int, str, str]]:
    """Parties the notes of one sentence hold responsible (offset in the sentence, name, words): "an attack by
    Kurdish militants" names the perpetrator of the sentence's casualties."""
    return [
        (n["_party_at"] - start, _perpetrator_name(n), n["blamed_text"])
        for n in notes
        if n["_sentence_index"] == sentence_index and _armed(n)
    ]


def nearby_perpetrators(stated: list[str], notes: list[dict], sentence_index: int, reach: int = 2) -> list[str]:
    """Who caused a sentence's casualties when it names no one: the party of the nearest note in the sentences
    just before it ("Kurdish militants attacked the district. Five people were killed."), then the parties
    named beside a claim or blame in the article; never a suspicion or a denial."""
    near = [
        n
        for n in notes
        if 0 < sentence_index - n["_sentence_index"] <= reach
        and n["stance"] != "denies"
        and not _suspicion(n)
        and "note.forces_killed" not in n["rules"]
    ]
    near.sort(key=lambda n: -n["_party_at"])
    return list(dict.fromkeys([n["blamed"] for n in near] + stated))


def paragraph_perpetrators(
    notes: list[dict], sentence_index: int, paragraph: Callable[[int], int], reach: int = 2
) -> list[str]:
    """Who caused a sentence's casualties when it names no one: the party of a note in the sentence just before or
    just after it in its paragraph ("A car bomb killed 8 people. Al-Shabaab claimed the attack."), the one before
    first; never a suspicion or a denial."""
    here = paragraph(sentence_index)
    near = [
        n
        for n in notes
        if 0 < abs(n["_sentence_index"] - sentence_index) <= reach
        and paragraph(n["_sentence_index"]) == here
        and _armed(n)
    ]
    near.sort(key=lambda n: (abs(n["_sentence_index"] - sentence_index), n["_sentence_index"] > sentence_index))
    return list(dict.fromkeys(_perpetrator_name(n) for n in near))


TITLE_TAIL = re.compile(r"\s+[–|-]\s+[^–|]{1,40}$")


def title_perpetrators(title: str | None) -> list[str]:
    """The parties a headline names acting ("Rebels shell the market, 9 dead", "US strike on camp kills 12"): the
    article's main perpetrator when no sentence near a count names one. The outlet after a dash is left out."""
    if not title:
        return []
    head = TITLE_TAIL.sub("", title.strip())
    found = find_notes(head, lambda _: None)
    return list(
        dict.fromkeys(
            _perpetrator_name({"rules": n.rules, "blamed": n.blamed, "blamed_kind": n.blamed_kind})
            for n in found
            if n.stance != "denies" and n.blamed_kind != "other" and n.rules != "note.forces_killed"
        )
    )


# a sentence that opens on another incident than the article's: "Elsewhere", "In a separate attack", "In the southern
# city of Taiz, ..."
# words that say a sentence tells another attack than the one before it ("In a separate attack", "Elsewhere", "Also on
# Tuesday", "In the second attack"); events.py keeps such a report apart from the article's earlier ones
SEPARATE_ATTACK = (
    r"(?i:in\s+(?:a|another)\s+separate\b|in\s+(?:another|the\s+(?:second|other|later))\s+"
    r"(?:attack|incident|bombing|raid|strike)\b|separately\b|elsewhere\b|also\s+on\s+\w+day\b)"
)
OTHER_INCIDENT_OPENING = re.compile(
    rf"\s*(?:{SEPARATE_ATTACK}|"
    r"In\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:city|town|province|district|village|region|state|county)\s+of\s+[A-Z])"
)




def other_incident(sentence: str) -> bool:
    """rule perpetrator.claim_of_other_incident: whether a sentence opens on another incident than the article's, so
    that its claims and blame are that incident's, never a perpetrator of the article's other counts."""
    if not rules.on("perpetrator.claim_of_other_incident") or not OTHER_INCIDENT_OPENING.match(sentence):
        return False
    rules.fire("perpetrator.claim_of_other_incident")
    return True


def article_perpetrators(stated: list[str], notes: list[dict], lead: int = 3) -> list[str]:
    """The article's perpetrators in the order it names them: parties of its notes (claims, blame, "an attack
    by"), then those named beside a claim or blame; never a suspicion or a denial. An article leads with its
    main incident, so the first is the perpetrator of casualties whose sentence names no one."""
    ordered = [
        _perpetrator_name(n)
        for n in sorted(notes, key=lambda n: n["_party_at"])
        if _armed(n) and n["_sentence_index"] < lead and not other_incident(n["sentence"])
    ]
    return list(dict.fromkeys(ordered + stated))


# who attacked, when the article only describes them: "a Palestinian attacker", "Islamist fighters", "gunmen"
DESCRIBED = re.compile(
    r"(?P<d>(?:(?:Palestinian|Islamist|jihadist|unidentified|unknown|armed|masked|suspected|female|male|lone|"
    r"Kurdish|Syrian|Afghan|Somali|Nigerian|Arab|Israeli|rival|teenage|young)\s+){0,2}"
    r"(?:attackers?|gunm[ae]n|suicide bombers?|bombers?|assailants?|militants|fighters|insurgents|terrorists|"
    r"jihadists|factions))\b"
)
DESCRIBED_ACT = re.compile(
    r"\s+(?!(?:\w+\s+){0,2}?(?:was|were|been|being|is|are)\s)(?:\w+\s+){0,3}?"  # not passive: a victim
    r"(?:killed|kill|kills|opened fire|stormed|attacked|attack|shot|stabbed|blew|detonated|fired|rammed|struck|"
    r"ambushed|clashed|fought|set off)\b",
    re.I,
)


# where a sentence's first word starts: after a wire dateline ("TARO - ", "TARO, May 3 (Wire) - ") and a quote
FIRST_WORD = re.compile(
    r"^\s*(?:[A-Z][A-Z .,'/-]*[A-Z.](?:,\s+\w+\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\)\s*)?[-–—]+\s*)?[\"“‘']?"
)


def _first_word_lowered(sentence: str, at: int) -> str:
    """The sentence with its first word (at `at`) lowered, offsets kept: "Gunmen killed" reads as "gunmen killed"."""
    if at < len(sentence) - 1 and sentence[at].isupper() and sentence[at + 1].islower():
        return sentence[:at] + sentence[at].lower() + sentence[at + 1 :]
    return sentence


def first_word_names(sentence: str, described: list[tuple[int, str, str]]) -> set[str]:
    """The described attackers read from the sentence's capitalised first word (perpetrator.first_word_described)."""
    at = FIRST_WORD.match(sentence).end()
    if DESCRIBED.match(sentence, at):
        return set()  # read as written ("Palestinian attackers"): no rule needed
    return {name for pos, name, _ in described if pos == at}


def described_perpetrators(sentence: str) -> list[tuple[int, str, str]]:
    """Attackers the sentence only describes, as the subject of a violent act or after "by": (offset, name,
    words). A report's perpetrator when no actor is named; never a note. Rule perpetrator.first_word_described:
    the sentence's first word too ("Gunmen killed 12 soldiers", "TARO - Suicide bombers attacked")."""
    out = []
    if rules.on("perpetrator.first_word_described"):
        at = FIRST_WORD.match(sentence).end()
        lowered = _first_word_lowered(sentence, at)
        if lowered is not sentence and DESCRIBED.match(lowered, at):
            sentence = lowered  # (recorded on the report whose perpetrator it becomes: first_word_names)
    for m in DESCRIBED.finditer(sentence):
        before = sentence[: m.start()]
        if DESCRIBED_ACT.match(sentence, m.end()) or re.search(r"\bby\s+(?:an?\s+|the\s+|\w+\s+)?$", before):
            words = m.group("d")
            first, _, rest = words.partition(" ")
            name = f"{first.lower()} {rest}".strip() if first.lower() in DESCRIPTION_WORDS else words
            out.append((m.start(), name, words))
    if rules.on("perpetrator.demonym_people"):
        taken = [(pos, pos + len(words)) for pos, _, words in out]
        out += [d for d in demonym_people(sentence) if not any(d[0] < b and a < d[0] + len(d[2]) for a, b in taken)]
        out.sort()
    return out


# a people's demonym used as a noun for who acted: "by a Palestinian armed with a knife", "an Afghan opened fire",
# "killed by Israelis", "Palestinian stabbings and shootings have killed" (the state's forces are named by
# etl/actors.py: "Israeli troops"); singular only after "a"/"an", so "a Palestinian boy" stays a victim
PERSON_AFTER_BY = re.compile(
    r"(?=\s*(?:[,.;:]|$)|\s+(?:man|woman|youth|teenager|armed|wielding|carrying|with|who|from|in|on|at|near|"
    r"inside|outside|during|after|while|and)\b)"
)
ATTACK_NOUNS = r"(?:stabbings|shootings|attacks|bombings|(?:\w+\s+)?rammings|rocket fire)"
FIRING = re.compile(r"\s+(?:\w+\s+){0,3}?(?:opened fire|fired|shot)\b")


@cache
def _demonym_regex() -> re.Pattern[str]:
    """The demonyms of countries_extra.csv as people: "a/an" + singular, plural, or singular + attack nouns."""
    table = A._demonym_table()
    one = sorted((d for d in table if d[:1].isupper() and (not d.endswith("s") or d.endswith("ss"))), key=len)
    many = {d for d in table if d[:1].isupper() and d.endswith("s") and not d.endswith("ss")}
    many = sorted(many | {_plural(d) for d in one if _plural(d) != d}, key=len)
    alt = lambda ws: "|".join(re.escape(w) for w in reversed(ws))  # noqa: E731  longest first
    return re.compile(
        rf"\b(?:[Aa]n?)\s+(?P<one>{alt(one)})(?![\w'’-])"
        rf"|(?<![\w-])(?P<many>{alt(many)})(?![\w'’-])"
        rf"|(?<![\w-])(?P<attacks>(?P<adj>{alt(one)})\s+{ATTACK_NOUNS}(?:,?\s+(?:and\s+)?{ATTACK_NOUNS})*)"
        r"(?=\s+(?:have\s+|has\s+|had\s+)?(?:killed|wounded|injured)\b)"
    )


def _plural(demonym: str) -> str:
    """The people of a demonym: "Kenyans", "Iraqis", "Pakistanis"; "Sudanese", "Swiss", "British" stay as they are."""
    return demonym if demonym.endswith(("sh", "ch", "ese", "ss", "z")) else f"{demonym}s"


# "a Palestinian killed in the clashes", "Afghans shot by police": a participle after the demonym, then no object,
# is a victim (a reduced passive), not who acted
REDUCED_PARTICIPLE = re.compile(
    r"\s+(?:killed|shot|stabbed|attacked|struck|ambushed|wounded|injured|hurt|hit|targeted)"
    r"(?:\s+(?:dead|to death))?(?=\s*(?:[,.;:]|$)|\s+(?:by|in|on|at|during|near|when|while|as|after|last|earlier|"
    r"overnight|yesterday|today|this|and|was|were|is|are)\b)",
    re.I,
)
COUNTED_BEFORE = re.compile(
    r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of|many|several|some|"
    r"more|other|the)\s*)\s+(?:[\w-]+\s+)?$",
    re.I,
)


def _acting(sentence: str, end: int) -> bool:
    """Whether a violent act follows the words ending at `end` with them as its subject (no reduced passive)."""
    return bool(DESCRIBED_ACT.match(sentence, end)) and not REDUCED_PARTICIPLE.match(sentence, end)


def demonym_people(sentence: str) -> list[tuple[int, str, str]]:
    """rule: perpetrator.demonym_people: people named by a demonym who acted, as described attackers: (offset,
    name, words). "A Palestinian" who stabbed or after "by" is a "Palestinian attacker" (a "gunman" when he
    fired); "Israelis" after "by" or acting keep their word; "Palestinian stabbings ... killed" are
    "Palestinians"'."""
    out = []
    for m in _demonym_regex().finditer(sentence):
        before = sentence[: m.start()]
        by = bool(re.search(r"\bby\s+$", before))
        if m.group("one"):
            dem = m.group("one")
            if not (by and PERSON_AFTER_BY.match(sentence, m.end())) and not _acting(sentence, m.end()):
                continue
            role = "gunman" if FIRING.match(sentence, m.end()) else "attacker"
            out.append((m.start(), f"{dem} {role}", m.group()))
        elif m.group("many"):
            if by or (_acting(sentence, m.end()) and not COUNTED_BEFORE.search(before)):
                out.append((m.start(), m.group("many"), m.group("many")))
        else:
            dem = m.group("adj")
            out.append((m.start(), _plural(dem), m.group("attacks")))
    return out


# the victims' own side: "Islamic State's second in command and two aides were killed", "a soldier who was part of
# the US-led coalition was killed": the actor the victims belong to did not kill them
OWN_SIDE_BEFORE = re.compile(
    r"['’]s?\s+(?:(?!(?:was|were|is|are|has|have|had|said|says|say|told|tells|claimed|claims|announced|reported|"
    r"stated|confirmed|denied|denies|accused|blamed|warned|vowed|threatened)\b)[\w-]+,?\s+){0,6}"
)
OWN_SIDE_AFTER = re.compile(
    r"\s*,?\s*(?:who|that)\s+(?:was|were|is|are|had been|have been)\s+(?:an?\s+)?"
    r"(?:part|members?|fighters?|soldiers?|commanders?|leaders?)\s+of\s+(?:the\s+|an?\s+)?"
)


def victims_side(sentence: str, at: int, end: int, victims: tuple[int, int]) -> bool:
    """rule: perpetrator.victims_side: whether the actor written at sentence[at:end] is the side the victims
    belong to: its possessive opens their phrase ("X's commander and two guards were killed") or a clause after it
    makes them its members ("fighters who were part of X")."""
    lo, hi = victims
    if end <= lo and OWN_SIDE_BEFORE.fullmatch(sentence, end, lo):
        return not VIOLENT.search(sentence, end, lo)  # "X's air strikes hit 12 people": X acted
    return at >= hi and bool(OWN_SIDE_AFTER.fullmatch(sentence, hi, at))


# forces that end an attack: "security forces ended a deadly siege of the hotel, with 20 people killed in the attack"
ENDED_ATTACK = re.compile(
    r"\s+(?:(?:have|has|had|finally|later|eventually|quickly)\s+)*(?:ended|end|ends|broke|lifted|retook|"
    r"regained control of|took back|recaptured|freed|rescued|cleared|secured)\s+(?:(?:the|a|an)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:siege|standoff|stand-off|attack|assault|hostages?|hotel|restaurant|mall|building|school|"
    r"campus|compound)\b",
    re.I,
)


def ended_attack(sentence: str, end: int) -> bool:
    """rule: perpetrator.forces_ended_attack: whether the forces named just before `end` are the subject of ending
    an attack or a siege ("security forces ended the siege of the hotel"): they did not cause its casualties."""
    return bool(ENDED_ATTACK.match(sentence, end))


PASSIVE_AGENT_GAP = re.compile(
    r"\s+(?:(?:have|has|had|were|was|been|being|later|all|reportedly)\s+)*"
    r"(?:killed|wounded|injured|shot dead|shot|stabbed(?: to death)?|hurt)\s+by\s+$"
)


# the named group the described attackers belong to: "militants of Boko Haram", "gunmen loyal to Islamic State"
AGENT_OF = re.compile(
    r"\s*,?\s*(?:of|from|loyal to|linked to|belonging to|affiliated (?:with|to)|allied (?:with|to)|with ties to|"
    r"tied to|associated with|(?:who|which|that) (?:belong|belonged|are loyal|were loyal|pledged allegiance) to|"
    r"claiming to be from|suspected of belonging to)\s+(?:the\s+)?",
    re.I,
)


def passive_agent(
    sentence: str, described: list[tuple[int, str, str]], victims: tuple[int, int], named_at: int | None = None
) -> str | None:
    """rule: perpetrator.passive_agent: the attacker a count's own passive verb names ("165 farmers have been
    killed by Fulanis") did it, rather than an actor the sentence names elsewhere (not the group it belongs to,
    named at `named_at`: "killed by militants of Boko Haram")."""
    for pos, name, words in described:
        if pos >= victims[1] and PASSIVE_AGENT_GAP.fullmatch(sentence, victims[1], pos):
            end = pos + len(words)
            if named_at is not None and named_at >= end and AGENT_OF.fullmatch(sentence, end, named_at):
                return None
            return name
    return None


def acting_attacker(
    sentence: str, described: list[tuple[int, str, str]], victims: tuple[int, int], later: bool
) -> tuple[str, bool] | None:
    """The attacker the sentence describes as the subject of its violent act, outside the victims' phrase, and
    whether it is a new one ("a Syrian suicide bomber killed", told after the lead: another incident than the one
    claimed)."""
    for pos, name, words in described:
        act = DESCRIBED_ACT.match(sentence, pos + len(words))
        if victims[0] <= pos < victims[1] or not act or re.search(r"[A-Z]", act.group()):
            continue  # "bombers from Islamic State killed": the named actor is the attacker's own
        indefinite = bool(re.search(r"(?:^|\b(?:a|an)\s+)$", sentence[:pos], re.I)) and later
        return name, indefinite
    return None


DESCRIPTION_WORDS = {
    "armed",
    "unidentified",
    "unknown",
    "masked",
    "suspected",
    "female",
    "male",
    "lone",
    "rival",
    "teenage",
    "young",
    "attackers",
    "attacker",
    "gunmen",
    "gunman",
    "militants",
    "fighters",
    "insurgents",
    "assailants",
    "assailant",
    "bombers",
    "bomber",
    "suicide",
    "jihadists",
}


FORCES = (
    r"(?:(?:[A-Z][\w-]+|government|security|special|army|police|state)\s+){0,3}"
    r"(?i:police(?:men)?|soldiers|troops|security forces|forces|army|military|commandos|guards|officers)"
)
FORCES_AGENT = re.compile(
    r"\bby\s+(?:the\s+)?(?P<by>" + FORCES + r")\b|(?<![\w-])(?P<subject>" + FORCES + r")\s+(?:\w+\s+){0,2}?"
    r"(?:killed|shot dead|shot|gunned down)\b"
)


STRIKE_NOUN = re.compile(
    r"\b(?:air ?strikes?|airstrikes?|bombardment|shelling|drone|warplanes?|missiles?|raids?|"
    r"blasts?|explosions?|explosives?|bomb\w*|suicide|detonat\w*|blew)\b",  # a bomber dies by the bomb
    re.I,
)


def forces_against(sentence: str) -> str | None:
    """Who killed attackers or militants when no actor is named: the forces the sentence names as killing them
    ("killed by police", "Soldiers killed 33 militants"), else "security forces" unless a strike, shelling or
    a bomb killed them (whose is another question: the article's notes answer it)."""
    m = FORCES_AGENT.search(sentence)
    if m is None and STRIKE_NOUN.search(sentence):
        return None
    words = (m.group("by") or m.group("subject")) if m else "security forces"
    first, _, rest = words.partition(" ")
    return (
        f"{first.lower()} {rest}".strip() if first in ("The", "Security", "Government", "Police", "Soldiers") else words
    )


def fallback_perpetrators(stated: list[str], described: list[tuple[int, str, str]], article: list[str]) -> list[str]:
    """Who caused an incident whose sentence names no actor: a group that claimed it or that officials blamed,
    then the attacker the sentence describes ("a Palestinian attacker"), then the party of the lead's notes."""
    return list(dict.fromkeys(stated + [name for _, name, _ in described] + article))
