"""Extraction speed benchmark: the engine against spaCy's blank English tokenizer + sentencizer, one core.

    .venv/bin/python benchmarks/extraction_bench.py                     # 100,000 articles (several minutes)
    .venv/bin/python benchmarks/extraction_bench.py --articles 2000     # quick check that it works
    .venv/bin/python benchmarks/extraction_bench.py --articles 20000 --profile

A corpus of realistic wire stories is generated procedurally from a fixed seed (no evaluation text): datelines,
incidents with counts, victim groups, period totals, claims and blame, quotes, and many sentences with no casualty
figure at all (politics, diplomacy, economy, ages, years, money). Generation is not timed.

Both contenders run in this one process and thread (OMP/MKL/BLAS threads set to 1), over the same texts, in
alternating chunks so that a change of load on the machine touches both alike. Each is warmed up on the first
--warmup articles first; then the whole corpus is timed (lexicon and model loading excluded):
- engine: `extract_article(text, article_id, published, lex)` for every article;
- spaCy: `spacy.blank("en")` + sentencizer, `nlp.pipe(texts, batch_size=256)`, every doc's sentences consumed.
Throughput is UTF-8 bytes of article text per second (MB = 10**6 bytes) and articles per second, from wall-clock
time; process CPU time is reported beside it. Results go to stdout and, as JSON, to <out>/extraction.json.
--profile then runs the engine under cProfile over --profile-articles articles (CPU time) and prints the top functions.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"  # before numpy, spaCy or thinc are imported

import argparse  # noqa: E402
import cProfile  # noqa: E402
import datetime as dt  # noqa: E402
import gc  # noqa: E402
import hashlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_MB_S = 5.0
GOAL_RATIO = 3.0

# ---------------------------------------------------------------- the world the stories are about


@dataclass(frozen=True)
class Conflict:
    country: str
    demonym: str
    capital: str
    places: tuple[str, ...]
    regions: tuple[str, ...]
    armed_groups: tuple[str, ...]
    forces: tuple[str, ...]
    monitors: tuple[str, ...]
    leader_title: str
    currency: str


CONFLICTS: tuple[Conflict, ...] = (
    Conflict("Afghanistan", "Afghan", "Kabul", ("Kabul", "Kandahar", "Kunduz", "Jalalabad", "Herat", "Ghazni"),
             ("Helmand province", "Nangarhar province", "Kunduz province"), ("the Taliban", "Islamic State Khorasan"),
             ("Afghan security forces", "Afghan police", "the Afghan army"), ("UNAMA", "the United Nations"),
             "President", "afghani"),
    Conflict("Somalia", "Somali", "Mogadishu", ("Mogadishu", "Baidoa", "Kismayo", "Beledweyne", "Afgooye", "Marka"),
             ("Lower Shabelle", "Middle Shabelle", "Hiraan region"), ("al-Shabaab", "Islamic State Somalia Province"),
             ("Somali troops", "African Union peacekeepers", "Somali police"), ("the United Nations", "OCHA"),
             "President", "shilling"),
    Conflict("Syria", "Syrian", "Damascus", ("Aleppo", "Idlib", "Homs", "Deir ez-Zor", "Raqqa", "Douma"),
             ("Idlib province", "Aleppo province", "eastern Ghouta"), ("Islamic State", "Hayat Tahrir al-Sham"),
             ("government forces", "Syrian troops", "the Syrian Democratic Forces"),
             ("the Syrian Observatory for Human Rights", "the United Nations"), "President", "pound"),
    Conflict("Nigeria", "Nigerian", "Abuja", ("Maiduguri", "Konduga", "Bama", "Gwoza", "Damboa", "Monguno"),
             ("Borno state", "Yobe state", "Adamawa state"), ("Boko Haram", "ISWAP"),
             ("Nigerian troops", "the Nigerian army", "vigilantes of the Civilian Joint Task Force"),
             ("Amnesty International", "the United Nations"), "President", "naira"),
    Conflict("Iraq", "Iraqi", "Baghdad", ("Mosul", "Baghdad", "Kirkuk", "Fallujah", "Ramadi", "Tikrit"),
             ("Nineveh province", "Anbar province", "Diyala province"), ("Islamic State", "ISIS"),
             ("Iraqi forces", "Iraqi soldiers", "Kurdish Peshmerga fighters"), ("the United Nations", "UNAMI"),
             "Prime Minister", "dinar"),
    Conflict("Yemen", "Yemeni", "Sanaa", ("Sanaa", "Taiz", "Marib", "Hodeidah", "Aden", "Saada"),
             ("Marib province", "Hodeidah province", "Taiz province"),
             ("the Houthis", "AQAP", "the Saudi-led coalition"),
             ("government forces", "Yemeni troops", "pro-government fighters"), ("the United Nations", "OCHA"),
             "President", "rial"),
    Conflict("Mali", "Malian", "Bamako", ("Gao", "Timbuktu", "Mopti", "Menaka", "Kidal", "Segou"),
             ("the Mopti region", "central Mali", "the Gao region"), ("JNIM", "Islamic State"),
             ("Malian soldiers", "the Malian army", "UN peacekeepers"), ("the United Nations", "Human Rights Watch"),
             "interim President", "CFA franc"),
    Conflict("Ukraine", "Ukrainian", "Kyiv", ("Kharkiv", "Donetsk", "Zaporizhzhia", "Kherson", "Odesa", "Sumy"),
             ("the Kharkiv region", "the Donetsk region", "the Kherson region"), ("Russian forces",),
             ("Ukrainian troops", "Ukrainian soldiers", "the Ukrainian army"), ("the United Nations", "OHCHR"),
             "President", "hryvnia"),
    Conflict("Pakistan", "Pakistani", "Islamabad", ("Peshawar", "Quetta", "Karachi", "Bannu", "Dera Ismail Khan"),
             ("Balochistan province", "Khyber Pakhtunkhwa province", "North Waziristan"),
             ("the Pakistani Taliban", "the Balochistan Liberation Army"),
             ("Pakistani soldiers", "Pakistani police", "the paramilitary Frontier Corps"),
             ("the Human Rights Commission of Pakistan", "the United Nations"), "Prime Minister", "rupee"),
    Conflict("Sudan", "Sudanese", "Khartoum", ("Khartoum", "El Fasher", "Omdurman", "Nyala", "El Geneina"),
             ("North Darfur", "South Kordofan", "West Darfur"), ("the Rapid Support Forces", "RSF"),
             ("the Sudanese army", "Sudanese soldiers", "army troops"),
             ("the United Nations", "Doctors Without Borders"),
             "army chief", "pound"),
    Conflict("Democratic Republic of Congo", "Congolese", "Kinshasa", ("Goma", "Beni", "Butembo", "Bunia", "Rutshuru"),
             ("North Kivu province", "Ituri province", "South Kivu"), ("the ADF", "M23 rebels"),
             ("Congolese troops", "the Congolese army", "UN peacekeepers"),
             ("the United Nations", "Human Rights Watch"),
             "President", "franc"),
)

FIRST = ("Ahmed", "Mohammed", "Abdul", "Hassan", "Fatima", "Amina", "Ibrahim", "Omar", "Yusuf", "Aisha", "Olena",
         "Serhiy", "Mariam", "Khalid", "Ali", "Moussa", "Aminata", "Jean-Pierre", "Grace", "Tariq", "Zainab", "Musa")
LAST = ("Hassan", "Rahimi", "Abdullahi", "Mohamud", "Haidari", "al-Hamdani", "Kovalenko", "Traore", "Diallo",
        "Bello", "Yusuf", "Saleh", "Khan", "Shah", "Kabila", "Mugisha", "Osman", "Nuri", "Bondarenko", "Abubakar")
AGENCIES = ("Reuters", "AP", "AFP", "Xinhua", "dpa", "Anadolu")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
VENUES = ("a busy market", "a mosque", "a checkpoint", "a police station", "a hotel", "a bus station", "a school",
          "a wedding party", "a military base", "a hospital", "a restaurant", "a camp for displaced people",
          "a government compound", "a crowded street", "a cattle market", "a church", "a football pitch")
WEAPONS = ("A suicide bomber", "A car bomb", "A roadside bomb", "Gunmen", "An air strike", "A drone strike",
           "Artillery shelling", "A rocket attack", "Militants armed with rifles and explosives", "A mortar round")
SOURCES = ("police said", "a police spokesman said", "officials said", "the military said", "witnesses said",
           "a local official told Reuters", "hospital officials said", "the health ministry said",
           "the provincial governor said", "residents said", "security sources said", "a government spokesman said")
GROUPS_PLURAL = ("people", "civilians", "soldiers", "police officers", "militants", "children", "women",
                 "worshippers", "villagers", "students", "passengers", "fighters", "traders", "farmers")
SMALL = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def _count(rng: random.Random, low: int = 2, high: int = 80) -> str:
    """A count as news writes it: digits, a word, a qualifier, or a vague quantity."""
    n = rng.randint(low, high)
    roll = rng.random()
    if roll < 0.35:
        return str(n)
    if roll < 0.55:
        return f"at least {n}"
    if roll < 0.65 and n <= 12 and n >= 2:
        return SMALL[n - 2]
    if roll < 0.75:
        return f"{rng.choice(('more than', 'nearly', 'about', 'some', 'over'))} {n}"
    if roll < 0.82:
        return rng.choice(("dozens of", "scores of", "a dozen", "several", "a number of"))
    return str(n)


def _big(rng: random.Random) -> str:
    return f"{rng.randint(1, 40) * 1000 + rng.randint(0, 999):,}"


Form = Callable[[], str]

SUBJECTS = ("The finance minister", "Opposition lawmakers", "The central bank", "Western diplomats", "Local elders",
            "The electoral commission", "Aid groups", "The African Union", "Business leaders", "Teachers' unions",
            "The interior ministry", "A government spokesman", "The World Bank", "Regional governors",
            "Analysts in {capital}", "Farmers in {region}", "The European Union", "Members of parliament")
VERBS = ("said on {weekday} that", "warned that", "told reporters that", "announced that", "complained that",
         "said in a statement that", "predicted that", "argued at a conference in {capital} that")
CLAUSES = (
    "fuel prices would rise by {pct} percent next month", "talks on a new constitution would resume in {month}",
    "the harvest in {region} was the worst since {old_year}", "civil servants had not been paid for {small} months",
    "the border crossing with a neighbouring country would reopen on {weekday}",
    "a new road linking {place} and {place2} would be finished by {next_year}",
    "exports of sesame and livestock had doubled since {recent_year}", "the vote could be postponed until {month}",
    "{few} new schools would open in {region} before the rainy season",
    "the budget deficit had widened to {pct}.{digit} percent of output",
    "more than {few} candidates had registered for the presidential election",
    "a loan of ${money} million from regional lenders was still being negotiated",
    "the power grid in {place} supplied electricity for only {hours} hours a day",
    "the currency would be allowed to float from {month}", "teachers would strike if their pay was not raised",
    "a census planned for {next_year} would need ${money} million in foreign support",
    "mobile phone coverage had reached {pct} percent of the population",
    "a dispute over grazing land in {region} should be settled by local courts",
    "the new cabinet would be named before the end of {month}",
    "wheat imports had fallen by a quarter since {recent_year} because of high prices",
)
CITIES_ABROAD = ("Addis Ababa", "Geneva", "Doha", "Brussels", "Riyadh", "Washington", "Ankara", "Cairo", "Nairobi",
                 "Warsaw", "Tehran", "Istanbul", "Abu Dhabi")
MEDIATORS = ("Qatar", "Turkey", "the African Union", "Saudi Arabia", "Kenya", "Norway", "the United Nations")


def _cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


class StoryWriter:
    """Writes one wire story at a time from a seeded random generator; a sentence form is not repeated in a story."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, int]] = set()

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def once(self, kind: str, forms: Sequence[Form]) -> str | None:
        """A form of this kind not yet used in the story, or None when all are used."""
        free = [i for i in range(len(forms)) if (kind, i) not in self.used]
        if not free:
            return None
        i = self.rng.choice(free)
        self.used.add((kind, i))
        return forms[i]()

    # ---- sentences with a casualty word

    def incident(self, c: Conflict, day: str, place: str) -> str:
        r = self.rng
        n, m = _count(r), _count(r, 3, 120)
        forms: tuple[Form, ...] = (
            lambda: f"{self.pick(WEAPONS)} killed {n} people and wounded {m} others at {self.pick(VENUES)} in "
                    f"{place} on {day}, {self.pick(SOURCES)}.",
            lambda: f"At least {r.randint(2, 60)} people were killed when a car bomb exploded near "
                    f"{self.pick(VENUES)} in {place} on {day}, {self.pick(SOURCES)}.",
            lambda: f"Fighters from {self.pick(c.armed_groups)} attacked {self.pick(VENUES)} in {place} late on "
                    f"{day}, killing {n} {self.pick(GROUPS_PLURAL)} and wounding {m}, {self.pick(SOURCES)}.",
            lambda: f"An air strike on a village near {place} killed {n} civilians, including {self.pick(SMALL)} "
                    f"children, according to {self.pick(c.monitors)}.",
            lambda: f"{_cap(n)} {self.pick(GROUPS_PLURAL)} died and {m} were injured in shelling of {place} "
                    f"overnight, the regional governor said on {day}.",
            lambda: f"Gunmen on motorcycles opened fire on {self.pick(VENUES)} near {place} on {day}, killing {n} "
                    f"and wounding {m}, {self.pick(SOURCES)}.",
            lambda: f"{_cap(self.pick(c.forces))} said they had killed {n} militants in an operation near {place}.",
            lambda: f"The attack on {self.pick(VENUES)} in {place} left {n} people dead and {m} wounded, "
                    f"{self.pick(SOURCES)}.",
        )
        return self.once("incident", forms) or ""

    def follow_up(self, c: Conflict, day: str) -> str | None:
        r = self.rng
        forms: tuple[Form, ...] = (
            lambda: f"The death toll from {day}'s bombing in {self.pick(c.places)} rose to {r.randint(10, 150)}, "
                    f"{self.pick(SOURCES)}.",
            lambda: f"Among the dead were {self.pick(SMALL)} women and {self.pick(SMALL)} children, "
                    f"{self.pick(SOURCES)}.",
            lambda: f"The victims included {self.pick(SMALL)} police officers and {r.randint(2, 30)} civilians.",
            lambda: f"{_cap(self.pick(SMALL))} of the wounded were in critical condition at {self.pick(c.places)} "
                    f"general hospital, a doctor said.",
            lambda: f"{_cap(self.pick(SMALL))} soldiers were also killed in the clashes that followed, "
                    f"{self.pick(SOURCES)}.",
            lambda: "A second explosion minutes later hit people who had gathered to help the wounded.",
        )
        return self.once("follow_up", forms)

    def period_total(self, c: Conflict, year: int) -> str | None:
        r = self.rng
        forms: tuple[Form, ...] = (
            lambda: f"The United Nations says {_big(r)} civilians have been killed in {c.country} so far this year.",
            lambda: f"According to {self.pick(c.monitors)}, {_big(r)} civilians were killed or wounded in the first "
                    f"six months of {year}.",
            lambda: f"The conflict has killed more than {_big(r)} people since it began in "
                    f"{r.randint(2003, year - 1)}.",
            lambda: f"More than {_big(r)} people were killed in attacks across {self.pick(c.regions)} last year, "
                    f"{self.pick(c.monitors)} said in a report.",
            lambda: f"In the past three months alone, {r.randint(100, 900)} civilians have died in the fighting, "
                    f"according to {self.pick(c.monitors)}.",
        )
        return self.once("period_total", forms)

    def quote_with_casualty(self, c: Conflict) -> str | None:
        forms: tuple[Form, ...] = (
            lambda: f"\"The hospitals are full of wounded people and we are running out of blood,\" a doctor in "
                    f"{self.pick(c.places)} told Reuters.",
            lambda: f"\"I saw bodies everywhere, many of them children,\" said {self.person()}, a shopkeeper.",
            lambda: f"\"We will not rest until those responsible for killing our people are brought to justice,\" "
                    f"{c.leader_title} {self.person()} said in a statement.",
        )
        return self.once("quote_with_casualty", forms)

    # ---- attribution without a figure

    def attribution(self, c: Conflict) -> str:
        group = self.pick(c.armed_groups)
        forms: tuple[Form, ...] = (
            lambda: f"No group immediately claimed responsibility for the attack, but {group} has carried out "
                    f"similar attacks in the past.",
            lambda: f"{_cap(group)} claimed responsibility in a statement posted on a website it uses.",
            lambda: f"Officials blamed {group} for the attack, which came days after a government offensive in "
                    f"{self.pick(c.regions)}.",
            lambda: f"A spokesman for {group} said the group had targeted the site because it was used by "
                    f"{self.pick(c.forces)}.",
        )
        return self.once("attribution", forms) or ""

    # ---- sentences with no casualty figure

    def quote_plain(self, c: Conflict) -> str | None:
        forms: tuple[Form, ...] = (
            lambda: f"\"We heard a huge explosion and then gunfire that went on for an hour,\" said {self.person()}, "
                    f"who lives near the market.",
            lambda: f"\"People are afraid to leave their homes,\" said {self.person()}, a teacher in "
                    f"{self.pick(c.places)}.",
            lambda: "\"The situation is calm now but we do not know what will happen tomorrow,\" a resident said "
                    "by telephone.",
            lambda: f"\"We need the international community to stand with us,\" {c.leader_title} {self.person()} "
                    f"told reporters in {c.capital}.",
            lambda: f"\"Prices have doubled since {self.pick(MONTHS)} and nobody can afford meat,\" said "
                    f"{self.person()}, a trader in {self.pick(c.places)}.",
            lambda: f"\"This agreement is a first step, not the end of the road,\" said {self.person()}, who led "
                    f"the talks in {self.pick(CITIES_ABROAD)}.",
        )
        return self.once("quote_plain", forms)

    def background(self, c: Conflict, year: int, violent: bool) -> str:
        """A sentence without a casualty figure: politics, diplomacy, the economy; ages, years and money."""
        r = self.rng
        forms: tuple[Form, ...] = (
            lambda: "The government has been in talks with regional leaders for months over a power-sharing deal.",
            lambda: f"{_cap(c.leader_title)} {self.person()} is due to travel to {self.pick(CITIES_ABROAD)} next "
                    f"week for a summit with neighbouring states.",
            lambda: f"Inflation reached {r.randint(8, 60)}.{r.randint(0, 9)} percent in {self.pick(MONTHS)}, the "
                    f"central bank said, as the {c.currency} lost a third of its value against the dollar.",
            lambda: f"The International Monetary Fund approved a ${r.randint(100, 900)} million loan in {year - 1}, "
                    f"conditional on cuts to fuel subsidies.",
            lambda: f"{self.person()}, {r.randint(38, 74)}, has led the interior ministry since "
                    f"{r.randint(2010, year)}.",
            lambda: f"About {r.randint(2, 30) * 10_000:,} people have fled their homes in {self.pick(c.regions)} "
                    f"since {self.pick(MONTHS)}, aid agencies said.",
            lambda: f"Aid agencies say {r.randint(2, 18)}.{r.randint(1, 9)} million people in {c.country} need "
                    f"humanitarian assistance this year.",
            lambda: f"Parliament is expected to vote on the {year + 1} budget on {self.pick(WEEKDAYS)}.",
            lambda: f"Security was tightened across {c.capital} ahead of elections scheduled for "
                    f"{self.pick(MONTHS)}.",
            lambda: f"The {c.demonym} foreign minister met his counterparts in {self.pick(CITIES_ABROAD)} on "
                    f"{self.pick(WEEKDAYS)} to discuss border security and trade.",
            lambda: f"Exports of oil and gas fell {r.randint(3, 40)} percent in the first quarter, official data "
                    f"showed.",
            lambda: f"The World Food Programme said it had cut rations for {r.randint(1, 9)} million people because "
                    f"of a funding shortfall of ${r.randint(50, 700)} million.",
            lambda: f"Schools in {self.pick(c.places)} reopened on {self.pick(WEEKDAYS)} after being closed for "
                    f"{self.pick(SMALL)} weeks.",
            lambda: "The region has been plagued for years by a mix of armed groups, criminal gangs and local "
                    "militias.",
            lambda: f"Diplomats said the Security Council would discuss the crisis at a closed-door meeting on "
                    f"{self.pick(WEEKDAYS)}.",
            lambda: f"{_cap(self.pick(c.forces))} launched an offensive in {self.pick(c.regions)} in {year - 1} "
                    f"with support from foreign partners.",
            lambda: f"The road between {' and '.join(r.sample(c.places, 2))} has been closed to traffic "
                    f"for {self.pick(SMALL)} days.",
            lambda: f"Talks brokered by {self.pick(MEDIATORS)} broke down in {self.pick(MONTHS)} over the release "
                    f"of prisoners.",
            lambda: f"{c.country} has a population of about {r.randint(15, 230)} million people, most of them "
                    f"under 25.",
            lambda: f"The currency traded at {r.randint(100, 3000):,} to the dollar on the parallel market on "
                    f"{self.pick(WEEKDAYS)}.",
            lambda: f"Opposition leaders called for a general strike and said they would hold rallies in "
                    f"{c.capital} and {self.pick(c.places)}.",
            lambda: f"The {self.pick(('mining', 'telecoms', 'banking', 'fishing'))} sector employs about "
                    f"{r.randint(20, 400):,},000 people and accounts for {r.randint(3, 30)} percent of exports.",
            lambda: f"The {r.randint(45, 80)}-year-old former general won {r.randint(51, 68)} percent of the vote in "
                    f"{year - r.randint(1, 4)}.",
        )
        if violent:
            forms += (
                lambda: f"A {r.randint(18, 60)}-year-old man was arrested in connection with the attack, police "
                        f"said.",
                lambda: f"The governor promised to rebuild the market, which had been the city's main source of "
                        f"jobs since {r.randint(1960, 2000)}.",
                lambda: f"Security forces sealed off the area and searched houses in {self.pick(c.places)} for "
                        f"{self.pick(SMALL)} hours.",
            )
        if r.random() < 0.5:
            sentence = self.once("background", forms)
            if sentence:
                return sentence
        return self.composed(c, year)

    def composed(self, c: Conflict, year: int) -> str:
        """Subject + reporting verb + clause, filled in: hundreds of plain sentences."""
        r = self.rng
        place, place2 = r.sample(c.places, 2)
        slots = {
            "capital": c.capital, "region": self.pick(c.regions), "weekday": self.pick(WEEKDAYS),
            "month": self.pick(MONTHS), "pct": r.randint(2, 45), "digit": r.randint(0, 9),
            "old_year": r.randint(1980, year - 5), "recent_year": r.randint(year - 4, year - 1),
            "next_year": year + r.randint(1, 3), "small": self.pick(SMALL), "few": r.randint(12, 90),
            "money": r.randint(20, 950), "hours": r.randint(2, 12), "place": place, "place2": place2,
        }
        return (f"{self.pick(SUBJECTS)} {self.pick(VERBS)} {self.pick(CLAUSES)}.").format(**slots)

    # ---- whole stories

    def dateline(self, place: str, c: Conflict, published: dt.date) -> str:
        agency = self.pick(AGENCIES)
        forms = (f"{place.upper()} ({agency}) - ", f"{place.upper()}, {c.country} ({agency}) — ",
                 f"{place.upper()}, {MONTHS[published.month - 1][:3]} {published.day} ({agency}) - ", "")
        return self.pick(forms)

    def story(self, published: dt.date) -> str:
        """One wire story of 1.5-5 KB; most are about violence, some about politics or the economy."""
        r = self.rng
        self.used.clear()
        c = self.pick(CONFLICTS)
        event = published - dt.timedelta(days=r.choice((0, 0, 1, 1, 2)))
        day = WEEKDAYS[event.weekday()]
        year = published.year
        target = r.randint(1500, 5000)
        violent = r.random() < 0.7
        paragraphs: list[list[str]] = []
        if violent:
            place = self.pick(c.places)
            paragraphs.append([self.dateline(place, c, published) + self.incident(c, day, place)])
            paragraphs.append([(self.follow_up(c, day) if r.random() < 0.6 else self.quote_plain(c)) or ""])
            paragraphs.append([self.attribution(c)])
        else:
            paragraphs.append([self.dateline(c.capital, c, published) + self.background(c, year, violent),
                               self.background(c, year, violent)])
        size = sum(len(s) for p in paragraphs for s in p)
        while size < target:
            roll = r.random()
            sentence: str | None = None
            if violent and roll < 0.05:
                sentence = self.period_total(c, year)
            elif violent and roll < 0.08:
                sentence = self.quote_with_casualty(c)
            elif violent and roll < 0.10:
                sentence = self.follow_up(c, day)
            elif roll < 0.22:
                sentence = self.quote_plain(c)
            elif not violent and roll < 0.25:
                sentence = self.period_total(c, year)
            sentence = sentence or self.background(c, year, violent)
            if len(paragraphs[-1]) < r.randint(1, 3):
                paragraphs[-1].append(sentence)
            else:
                paragraphs.append([sentence])
            size += len(sentence) + 1
        return "\n\n".join(" ".join(s for s in p if s) for p in paragraphs)


@dataclass(frozen=True)
class Article:
    article_id: str
    published: dt.date
    text: str


def generate_corpus(n: int, seed: int) -> list[Article]:
    """n wire stories, reproducible from seed, published over 2015-2024."""
    rng = random.Random(seed)
    writer = StoryWriter(rng)
    first = dt.date(2015, 1, 1).toordinal()
    span = dt.date(2024, 12, 31).toordinal() - first
    corpus = []
    for i in range(n):
        published = dt.date.fromordinal(first + rng.randint(0, span))
        corpus.append(Article(f"bench-{seed}-{i:07d}", published, writer.story(published)))
    return corpus


CASUALTY_WORD = re.compile(r"\b(?:killed|killing|kill|dead|died|deaths?|wounded|wounding|injured|injur\w*|"
                           r"casualt\w*|toll|bodies|lives)\b", re.I)
SENTENCE = re.compile(r"(?<=[.!?\"])\s+(?=[\"A-Z0-9])|\n\n")


def corpus_stats(corpus: Sequence[Article]) -> dict:
    """Size and make-up of the corpus (share of sentences with a casualty word)."""
    sizes = [len(a.text.encode()) for a in corpus]
    sentences = [s for a in corpus for s in SENTENCE.split(a.text) if s.strip()]
    with_word = sum(1 for s in sentences if CASUALTY_WORD.search(s))
    return {
        "articles": len(corpus), "bytes": sum(sizes), "mean_article_bytes": round(sum(sizes) / max(1, len(sizes))),
        "min_article_bytes": min(sizes, default=0), "max_article_bytes": max(sizes, default=0),
        "sentences": len(sentences), "share_sentences_with_casualty_word": round(with_word / max(1, len(sentences)), 3),
    }


# ---------------------------------------------------------------- the contenders


@dataclass
class Tally:
    """Time and output of one contender over the timed corpus."""

    wall: float = 0.0
    cpu: float = 0.0
    articles: int = 0
    bytes: int = 0
    items: int = 0  # reports (engine) or sentences (spaCy)
    figures: int = 0
    articles_with_reports: int = 0

    def as_dict(self, item_name: str) -> dict:
        return {
            "wall_seconds": round(self.wall, 3), "cpu_seconds": round(self.cpu, 3), "articles": self.articles,
            "bytes": self.bytes, "mb_per_s": round(self.bytes / 1e6 / self.wall, 3) if self.wall else None,
            "mb_per_cpu_s": round(self.bytes / 1e6 / self.cpu, 3) if self.cpu else None,
            "articles_per_s": round(self.articles / self.wall, 1) if self.wall else None,
            item_name: self.items,
            **({"figures": self.figures, "articles_with_reports": self.articles_with_reports}
               if item_name == "reports" else {}),
        }


Runner = Callable[[Sequence[Article], Tally | None], None]


def make_engine() -> Runner:
    """The extraction engine, lexicon loaded once (not timed)."""
    from etl.extract import extract_article
    from etl.lexicon import load

    lex = load()

    def run(batch: Sequence[Article], tally: Tally | None) -> None:
        reports = figures = with_reports = 0
        for a in batch:
            try:
                result = extract_article(a.text, a.article_id, a.published, lex)
            except Exception as exc:  # a bug in the engine: name the article so it can be replayed
                raise RuntimeError(f"extract_article failed on {a.article_id} (--seed decides the corpus): "
                                   f"{type(exc).__name__}: {exc}") from exc
            reports += len(result.reports)
            figures += len(result.figures)
            with_reports += bool(result.reports)
        if tally is not None:
            tally.items += reports
            tally.figures += figures
            tally.articles_with_reports += with_reports

    return run


def make_spacy() -> Runner:
    """spaCy's blank English tokenizer plus the rule-based sentencizer."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def run(batch: Sequence[Article], tally: Tally | None) -> None:
        sentences = 0
        for doc in nlp.pipe((a.text for a in batch), batch_size=256):
            for _ in doc.sents:
                sentences += 1
        if tally is not None:
            tally.items += sentences

    return run


def timed(run: Runner, batch: Sequence[Article], tally: Tally) -> None:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    run(batch, tally)
    tally.wall += time.perf_counter() - wall
    tally.cpu += time.process_time() - cpu
    tally.articles += len(batch)
    tally.bytes += sum(len(a.text.encode()) for a in batch)


def benchmark(engine: Runner, tokenizer: Runner, corpus: Sequence[Article], warmup: int, chunk: int,
              quiet: bool = False) -> tuple[Tally, Tally]:
    """Warm both up, then time both over the whole corpus in alternating chunks."""
    warm = Tally()
    engine(corpus[:warmup], warm)
    if warmup and not warm.items:
        raise RuntimeError(f"the engine produced no report on {warmup:,} warm-up articles: etl/ is broken or "
                           "half-edited, so the timing would not measure real work")
    tokenizer(corpus[:warmup], None)
    e, s = Tally(), Tally()
    for n, k in enumerate(range(0, len(corpus), chunk)):
        batch = corpus[k:k + chunk]
        order = ((engine, e), (tokenizer, s)) if n % 2 == 0 else ((tokenizer, s), (engine, e))
        for run, tally in order:
            timed(run, batch, tally)
        if not quiet:
            print(f"  {k + len(batch):>9,} articles: engine {e.bytes / 1e6 / e.wall:6.2f} MB/s, "
                  f"spaCy {s.bytes / 1e6 / s.wall:6.2f} MB/s", flush=True)
    return e, s


def profile(engine: Runner, corpus: Sequence[Article], top: int, out: Path) -> str:
    """cProfile of the engine over the corpus (CPU time): top functions by cumulative and by own time."""
    engine(corpus[:200], None)
    profiler = cProfile.Profile(time.process_time)  # CPU time: other processes' load does not count
    profiler.enable()
    engine(corpus, None)
    profiler.disable()
    profiler.dump_stats(str(out / "extraction.prof"))
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()


# ---------------------------------------------------------------- the run


def engine_version() -> dict:
    """Which engine was measured: the git commit and a hash of etl/*.py as they were on disk."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "etl").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"git_commit": commit, "etl_sources_sha1": digest.hexdigest()[:12]}


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size (default 100,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out", help="folder of extraction.json")
    parser.add_argument("--warmup", type=int, default=1000, help="articles run untimed first (default 1,000)")
    parser.add_argument("--chunk", type=int, default=5000, help="articles per alternating timed chunk")
    parser.add_argument("--pin", type=int, help="pin the process to this CPU (default: let the OS schedule)")
    parser.add_argument("--profile", action="store_true", help="afterwards, profile the engine with cProfile")
    parser.add_argument("--profile-articles", type=int, default=5000, help="articles to profile (default 5,000)")
    parser.add_argument("--profile-only", action="store_true", help="skip the timed comparison")
    parser.add_argument("--top", type=int, default=25, help="functions listed by the profile")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.pin is not None:
        os.sched_setaffinity(0, {args.pin})
    args.out.mkdir(parents=True, exist_ok=True)

    version = engine_version()  # the engine measured is the one on disk now, loaded first so a break shows early
    engine = make_engine()
    tokenizer = None if args.profile_only else make_spacy()
    t0 = time.perf_counter()
    corpus = generate_corpus(args.articles, args.seed)
    stats = corpus_stats(corpus)
    print(f"corpus: {stats['articles']:,} articles, {stats['bytes'] / 1e6:.1f} MB "
          f"(mean {stats['mean_article_bytes']:,} B), {stats['sentences']:,} sentences, "
          f"{stats['share_sentences_with_casualty_word']:.1%} with a casualty word; "
          f"generated in {time.perf_counter() - t0:.1f} s (not timed)", flush=True)

    result: dict = {
        "benchmark": "extraction", "date": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        "pinned_cpu": args.pin, **version, "load_average_before": load_average(), "seed": args.seed,
        "warmup_articles": min(args.warmup, len(corpus)), "chunk_articles": args.chunk, "corpus": stats,
    }
    if tokenizer is not None:
        import spacy

        e, s = benchmark(engine, tokenizer, corpus, min(args.warmup, len(corpus)), args.chunk)
        ratio = e.wall and s.wall and (e.bytes / e.wall) / (s.bytes / s.wall)
        result |= {
            "spacy_version": spacy.__version__, "load_average_after": load_average(),
            "engine": e.as_dict("reports"), "spacy_blank_en_sentencizer": s.as_dict("sentences"),
            "ratio_engine_to_spacy": round(ratio, 2),
            "goals": {"mb_per_s": GOAL_MB_S, "ratio": GOAL_RATIO,
                      "mb_per_s_met": e.bytes / 1e6 / e.wall >= GOAL_MB_S, "ratio_met": ratio >= GOAL_RATIO},
        }
        print()
        print(f"{'one core, steady state':<34}{'MB/s':>8}{'MB/CPU-s':>10}{'articles/s':>12}{'seconds':>9}")
        for name, t in (("engine (extract_article)", e), ("spaCy blank en + sentencizer", s)):
            print(f"{name:<34}{t.bytes / 1e6 / t.wall:>8.2f}{t.bytes / 1e6 / t.cpu:>10.2f}"
                  f"{t.articles / t.wall:>12,.0f}{t.wall:>9.1f}")
        print(f"ratio engine / spaCy: {ratio:.2f}x")
        print(f"reports: {e.items:,} ({e.items / e.articles:.2f} per article, "
              f"{e.articles_with_reports / e.articles:.0%} of articles with one), figures: {e.figures:,}; "
              f"spaCy sentences: {s.items:,}")
        goals = result["goals"]
        print(f"goal >= {GOAL_MB_S:g} MB/s: {'met' if goals['mb_per_s_met'] else 'NOT met'}; "
              f"goal >= {GOAL_RATIO:g}x spaCy: {'met' if goals['ratio_met'] else 'NOT met'}")
        if e.items == 0:
            print("WARNING: the engine produced no reports: the benchmark is not measuring real work")
    if args.profile:
        n = min(args.profile_articles, len(corpus))
        print(f"\ncProfile of the engine over {n:,} articles (also in {args.out / 'extraction.prof'}):")
        report = profile(engine, corpus[:n], args.top, args.out)
        print(report)
        result["profile_articles"] = n
    path = args.out / "extraction.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {path}")
    return result


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as exc:
        sys.exit(f"extraction_bench: {exc}")
