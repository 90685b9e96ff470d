"""Closed word classes the engine reads by: auxiliaries, stop words, determiners, units that make a number no
count of people (see etl/conventions/words.csv once moved).
"""

from __future__ import annotations

AUX = {
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "got",
    "get",
    "reportedly",
    "also",
    "later",
    "all",
    "both",
    "allegedly",
    "confirmed",
    "now",
    "so",
    "far",
    "believed",
    "thought",
    "feared",
    "reported",
    "said",
    "to",
    "initially",
    "subsequently",
    "eventually",
    "each",
    "either",
    "apparently",
    "likely",
    "may",
    "might",
    "could",
    "would",
    "will",
    "became",
    "become",
    "left",
    "found",
    "among",
    "the",
    "killed.",
}


STOP_BEFORE_HEAD = {
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "to",
    "for",
    "of",
    "after",
    "before",
    "during",
    "when",
    "while",
    "as",
    "that",
    "which",
    "who",
    "whom",
    "including",
    "among",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "their",
    "his",
    "her",
    "its",
    "said",
    "people",
    "been",
    "being",
    "than",
    "into",
    "across",
    "near",
    "inside",
    "outside",
    "over",
    "under",
}


PERSONAL_POSSESSIVES = {"his", "her", "their"}  # "his driver", "a woman and her four children"


DETERMINERS_ONE = {"a", "an", "one", "another", "the", "his", "her", "their", "its", "our"}


NOT_NUMBER_AFTER = {
    "year",
    "years",
    "year-old",
    "years-old",
    "percent",
    "per",
    "%",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "hours",
    "hour",
    "minutes",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "times",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "o'clock",
    "dollars",
    "euros",
    "pounds",
    "rupees",
    "shillings",
    "kg",
    "tonnes",
    "tons",
    "acres",
    "points",
    "seats",
    "votes",
    "degrees",
    "vehicles",
    "cars",
    "trucks",
    "homes",
    "houses",
    "buildings",
    "targets",
    "rockets",
    "missiles",
    "mortars",
    "shells",
    "rounds",
    "bombs",
    "grenades",
    "schools",
    "villages",
    "towns",
    "districts",
    "provinces",
    "countries",
    "nations",
    "states",
    "cities",
    "million-dollar",
    "billion",
    "arrests",
    # animals: "five camels were killed"
    "camels",
    "cattle",
    "cows",
    "goats",
    "sheep",
    "donkeys",
    "horses",
    "livestock",
    "animals",
}


# people who are counted for other reasons ("20 hostages were taken") and are victims only when a killing verb
# follows: "12 hostages were executed"
CAPTIVES = {"hostages", "prisoners", "detainees", "suspects", "inmates", "captives"}


MONEY_BEFORE = {"$", "£", "€", "usd", "us$", "no", "no.", "number", "page", "aged", "age", "resolution", "article"}


INCLUSION_CUES = (
    ("including",),
    ("among", "them"),
    ("among", "whom"),
    ("among", "the", "dead"),
    ("among", "the", "victims"),
    ("of", "whom"),
)


COORDINATORS = {",", "and", "plus", "&"}


ACTIVE_LINK = {
    "at",
    "least",
    "more",
    "than",
    "over",
    "up",
    "to",
    "as",
    "many",
    "nearly",
    "almost",
    "some",
    "about",
    "around",
    "an",
    "estimated",
    "roughly",
    "approximately",
    "another",
    "also",
    "reportedly",
    "only",
    "just",
    "all",
    "the",  # "shot and killed the 2 officers"
    "his",
    "her",
    "their",
}


SAYS = {"says", "said", "say"}


PASSIVE_AUX = {"were", "was", "been", "being", "are", "is", "be", "got", "get", "became", "become"}


PP_STARTS = {
    "from",
    "of",
    "in",
    "on",
    "at",
    "inside",
    "aboard",
    "near",
    "belonging",
    "aged",
    "who",
    "travelling",
    "traveling",
}


LIST_GAP = {",", "and", "were", "was", "are", "at", "least", "about", "some", "also", "as", "well"}


OF_THE_DEAD = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured"}


THE_DEAD = {**OF_THE_DEAD, "victims": "killed"}  # "the victims included ..."


OBJECT_PRONOUNS = {"him", "her"}


POSSESSIVES = {"his", "her", "their", "its", "our", "my", "your"}


LIVES_TAKEN = {"claimed", "claiming", "claims", "took", "taking", "takes", "cost", "costing", "costs"}


CLAUSE_WORDS = {"and", "or", "but", "who", "which", "that", "when", "while", "after", "before", "as", "said", "says"}


PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "there", "which", "who"}


NOT_A_NAME = PRONOUNS | DETERMINERS_ONE | {"police", "army"}  # first words of no person's name


BACKGROUND_CLAUSE = {"for", "after", "which", "that", "following", "follows", "when", "since"}


MAJORITY = {"most", "mostly", "mainly", "majority", "largely", "predominantly", "nearly", "almost", "all"}
