"""Closed word classes the engine reads by: auxiliaries, stop words, determiners, units that make a number no
count of people... Data, not code: they are read once from etl/conventions/words.csv (one row per word, the file
says what each list is for)."""

from __future__ import annotations

from ..lexicon import word_lists

_LISTS = word_lists()


def _set(name: str) -> frozenset[str]:
    return frozenset(_LISTS[name])


AUX = _set("aux")
STOP_BEFORE_HEAD = _set("stop_before_head")
PERSONAL_POSSESSIVES = _set("personal_possessives")  # "his driver", "a woman and her four children"
DETERMINERS_ONE = _set("determiners_one")
NOT_NUMBER_AFTER = _set("not_number_after")
# people who are counted for other reasons ("20 hostages were taken") and are victims only when a killing verb
# follows: "12 hostages were executed"
CAPTIVES = _set("captives")
MONEY_BEFORE = _set("money_before")
INCLUSION_CUES = tuple(tuple(phrase.split()) for phrase in _LISTS["inclusion_cues"])
COORDINATORS = _set("coordinators")
ACTIVE_LINK = _set("active_link")
SAYS = _set("says")
PASSIVE_AUX = _set("passive_aux")
PP_STARTS = _set("pp_starts")
LIST_GAP = _set("list_gap")
OF_THE_DEAD = dict(_LISTS["of_the_dead"])
THE_DEAD = {**OF_THE_DEAD, **_LISTS["the_dead_extra"]}  # "the victims included ..."
OBJECT_PRONOUNS = _set("object_pronouns")
POSSESSIVES = _set("possessives")
LIVES_TAKEN = _set("lives_taken")
CLAUSE_WORDS = _set("clause_words")
PRONOUNS = _set("pronouns")
NOT_A_NAME = PRONOUNS | DETERMINERS_ONE | _set("name_not_first")  # first words of no person's name
BACKGROUND_CLAUSE = _set("background_clause")
MAJORITY = _set("majority")
ABBREVIATIONS = _set("abbreviations")
GENERIC_SOURCES = _set("generic_sources")
NOT_SOURCE_START = _set("not_source_start")
NOT_HEAD_AFTER_NUMBER = _set("not_head_after_number")  # "5 and", "3 in": no counted noun after the number
ATTACK_NOUNS = tuple(_LISTS["attack_nouns"])
NATIONALITY_NOUNS = _set("nationality_nouns")  # "a U.S. citizen", "three foreign nationals"
FOREIGN_WORDS = _set("foreign_words")
KIN_WORDS = _set("kin_words")  # "his father", "her two sons"
CLAUSE_SUBJECTS = _set("clause_subjects")  # "shot three shoppers before he was killed": its own subject
NAME_PARTICLES = _set("name_particles")  # "al-Hassan", "el-Sayed"
WOUND_VERBS = _set("wound_verbs")  # "received multiple stab wounds": rule victims.wounds_received
WOUND_NOUNS = _set("wound_nouns")
WOUND_MODIFIERS = _set("wound_modifiers")
ORDINAL_ANOTHER = _set("ordinal_another")  # "a second guard": one more victim (rule consolidate.ordinal_another)
SEVERITY = _set("severity")  # "seriously wounding one": how badly, of victims already counted
