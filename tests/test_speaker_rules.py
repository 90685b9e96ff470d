"""Rules of the seventh session: a day of the month is no count, a plain wire dateline's day is the filing day, an
attacker described as a sentence's first word, and armed forces named only as who tells the figures. Every text
here is written for the project."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine import rules
from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 5, 10)  # a Friday


@pytest.fixture(scope="module")
def lex():
    return load()


def _reports(text: str, lex) -> list[dict]:
    return extract_article(text, "speakers", PUB, lex).reports


def _one(text: str, lex) -> dict:
    rows = _reports(text, lex)
    assert len(rows) == 1, rows
    return rows[0]


# --- count.day_of_month ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("On March 3 two soldiers were killed when militants attacked a checkpoint near Taro.", 2),
        ("TARO, May 10 - Three soldiers were killed in an ambush on the Lumbo road.", 3),
        ("TARO, May 10 - Twelve soldiers were killed in an ambush on the Lumbo road.", 12),  # not a range 10-12
        ("TARO, Sept. 9 - 4 soldiers were killed in an ambush on the Lumbo road.", 4),
    ],
)
def test_a_day_after_a_month_is_no_count(lex, text, count):
    row = _one(text, lex)
    assert (row["victim_group"], row["count_best"]) == ("security_forces", count)


def test_a_number_after_a_lower_case_may_is_still_a_count(lex):
    row = _one("Militants stormed Taro on Monday; officials fear the attack may have killed 40 villagers.", lex)
    assert row["count_best"] == 40


def test_the_day_of_month_rule_can_be_switched_off(lex):
    with rules.disabled(["count.day_of_month"]):
        rows = _reports("On March 3 two soldiers were killed when militants attacked a checkpoint near Taro.", lex)
    assert [r["count_best"] for r in rows] != [2]


# --- time.wire_dateline without an agency -----------------------------------------------------------------------
def test_a_plain_dateline_day_is_the_filing_day_not_the_attack_day(lex):
    row = _one("TARO, May 10 - Twelve soldiers were killed in an ambush near Lumbo on Thursday.", lex)
    assert row["start_date"] == dt.date(2024, 5, 9)  # Thursday, not the dateline's Friday


# --- perpetrator.first_word_described ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Gunmen killed 12 soldiers in an ambush near Taro on Monday.", "gunmen"),
        ("TARO - Suicide bombers attacked a mosque on Monday, killing 12 worshippers.", "suicide bombers"),
        ("Militants opened fire on a bus near Taro on Monday, killing 9 passengers.", "militants"),
    ],
)
def test_an_attacker_described_as_the_first_word_is_the_perpetrator(lex, text, perpetrator):
    assert _one(text, lex)["perpetrator"] == perpetrator


def test_a_described_attacker_is_preferred_to_the_army_that_tells_it(lex):
    text = "TARO, May 10 - Gunmen killed 12 soldiers in an ambush near Lumbo on Thursday, the Afghan army said."
    row = _one(text, lex)
    assert row["perpetrator"] == "gunmen"
    assert row["reporting_source"] == "Afghan forces"


# --- perpetrator.not_speaker ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb killed 12 civilians near Taro on Monday, the Afghan army said.",
        "A roadside bomb killed 12 civilians near Taro on Monday, according to the Afghan military.",
        "Shelling killed 12 civilians near Taro on Monday, the Afghan army said in a statement.",
        "The Afghan army said a roadside bomb killed 12 civilians near Taro on Monday.",
    ],
)
def test_forces_that_only_tell_the_figures_did_not_cause_them(lex, text):
    row = _one(text, lex)
    assert row["perpetrator"] is None
    assert row["reporting_source"] == "Afghan forces"
    assert "perpetrator.not_speaker" in row["rules"]


@pytest.mark.parametrize(
    "text",
    [
        "The Afghan army said it killed 12 civilians by mistake near Taro on Monday.",
        "Earlier, the Afghan army said troops shot and killed two teenagers near Taro.",
        "Air strikes killed 12 militants near Taro on Monday, the Afghan army said.",
    ],
)
def test_forces_that_say_their_side_acted_stay_the_perpetrator(lex, text):
    assert _one(text, lex)["perpetrator"] == "Afghan forces"


def test_an_armed_group_named_in_what_the_speaker_says_is_the_perpetrator(lex):
    row = _one("The Nigerian army said Boko Haram fighters killed 12 civilians near Taro on Monday.", lex)
    assert row["perpetrator"] == "Boko Haram"


# --- note.mutual_blame, note.mutual_blame_sides -------------------------------------------------------------------
def _notes(text: str, lex) -> list[tuple[str | None, str, str]]:
    return sorted(
        (n["reporting_source"], n["blamed"], n["stance"]) for n in extract_article(text, "mutual", PUB, lex).notes
    )


def test_two_states_blaming_each_other_make_two_notes(lex):
    text = "Shelling killed 12 people near Taro on Thursday. Russia and Ukraine traded blame for the attack."
    assert _notes(text, lex) == [("Russia", "Ukrainian forces", "blames"), ("Ukraine", "Russian forces", "blames")]


def test_joint_demonyms_blaming_each_other_make_two_notes(lex):
    text = "Shelling killed 12 people near Taro on Thursday. Russian and Ukrainian forces accused each other of it."
    assert _notes(text, lex) == [
        ("Russian forces", "Ukrainian forces", "blames"),
        ("Ukrainian forces", "Russian forces", "blames"),
    ]


def test_both_sides_are_the_last_two_sides_the_article_named(lex):
    text = (
        "Armenian troops and Azerbaijani forces clashed near Taro on Monday, killing 12 soldiers. Both sides "
        "accused each other of breaking the truce, in a conflict that has left 30,000 people dead."
    )
    result = extract_article(text, "mutual", PUB, lex)
    blamed = sorted(n["blamed"] for n in result.notes if "note.mutual_blame" in n["rules"])
    assert blamed == ["Armenian forces", "Azerbaijani forces"]
    toll = [r for r in result.reports if r["count_best"] == 30000]
    assert [r["perpetrator"] for r in toll] == [None]  # contested blame names no perpetrator


def test_blaming_each_other_for_no_violence_is_no_note(lex):
    text = "Shelling killed 12 people near Taro on Thursday. Russia and Ukraine accused each other of corruption."
    assert not [n for n in extract_article(text, "mutual", PUB, lex).notes if "note.mutual_blame" in n["rules"]]


# --- place.own_clause, perpetrator.own_clause ---------------------------------------------------------------------
def test_each_clause_of_a_while_sentence_keeps_its_place_and_actor(lex):
    text = (
        "The Taliban killed 9 police officers at a checkpoint in Helmand province overnight, while a roadside bomb "
        "killed three civilians in Kandahar."
    )
    rows = {r["count_best"]: r for r in _reports(text, lex)}
    assert (rows[9]["location"], rows[9]["perpetrator"]) == ("Helmand province", "Taliban")  # place.admin_unit
    assert (rows[3]["location"], rows[3]["perpetrator"]) == ("Kandahar", None)


def test_an_actor_of_the_other_clause_is_not_taken_through_the_articles_claims(lex):
    text = "Air strikes killed 20 people in Idlib on Tuesday, whereas rebel shelling killed five in Aleppo."
    rows = {r["count_best"]: r for r in _reports(text, lex)}
    assert rows[20]["perpetrator"] is None and rows[20]["location"] == "Idlib"
    assert rows[5]["perpetrator"] == "rebels" and rows[5]["location"] == "Aleppo"


def test_a_passive_clause_with_no_agent_still_takes_the_sentences_actor(lex):
    rows = _reports("Taliban fighters killed five soldiers in Kunduz, while 12 others were wounded.", lex)
    assert {r["perpetrator"] for r in rows} == {"Taliban"}


def test_while_with_a_gerund_joins_no_two_clauses(lex):
    row = _one("Militants shot dead five soldiers in Kunduz while trying to seize a checkpoint.", lex)
    assert row["perpetrator"] == "militants"


# --- note.hallmarks, and a longer name after "the" ----------------------------------------------------------------
def test_hallmarks_of_a_group_are_a_suspicion_not_the_perpetrator(lex):
    text = "A suicide bomber killed 8 people in Kano on Sunday. Officials said the attack bore the hallmarks of ISWAP."
    result = extract_article(text, "hallmarks", PUB, lex)
    assert [(n["reporting_source"], n["blamed"], n["rules"]) for n in result.notes] == [
        ("officials", "ISWAP", "note.hallmarks")
    ]
    assert [r["perpetrator"] for r in result.reports] == ["suicide bomber"]


@pytest.mark.parametrize(
    ("sentence", "blamed"),
    [
        ("The government blamed the Islamic State West Africa Province (ISWAP) for the attack.", "ISWAP"),
        ("The Islamic State of Iraq and the Levant claimed responsibility for the attack.", "Islamic State"),
    ],
)
def test_a_longer_name_after_the_is_read_whole(lex, sentence, blamed):
    text = f"Gunmen killed 12 worshippers at a church in Owo on Sunday. {sentence}"
    assert [n["blamed"] for n in extract_article(text, "names", PUB, lex).notes] == [blamed]


# --- group.among_total, and words of shelling and mines --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Four aid workers were among 10 people killed in an air strike in Rafah.",
            [("civilians", 4), ("unknown", 6)],
        ),
        (
            "Three soldiers were among the 12 people killed in the bombing in Kabul on Monday.",
            [("security_forces", 3), ("unknown", 9)],
        ),
    ],
)
def test_a_count_among_a_total_is_a_part_of_it(lex, text, parts):
    assert sorted((r["victim_group"], r["count_best"]) for r in _reports(text, lex)) == sorted(parts)


@pytest.mark.parametrize(
    "text",
    [
        "Seven people were killed when a shell hit their house in Donetsk, officials said.",
        "Seven people were killed when mortar shells landed on a market in Donetsk.",
        "Seven farmers were killed by landmines near Taro last week, officials said.",
    ],
)
def test_shells_and_mines_are_armed_violence(lex, text):
    assert [r["count_best"] for r in _reports(text, lex)] == [7]


# --- victims.nationality_singular, victims.nationality_noun, institutions that speak ----------------------------
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("An American contractor was killed in a drone attack on a base near Taro, the Pentagon said.", 1),
        ("Two Americans, a Swiss and a Briton were killed when gunmen attacked a hotel in Taro on Monday.", 4),
        ("The Chinese engineer and a Danish nurse were wounded in the bombing of a hotel in Taro.", 2),
    ],
)
def test_people_named_by_nationality_are_counted(lex, text, count):
    assert sum(r["count_best"] for r in _reports(text, lex)) == count


def test_an_attacker_named_by_nationality_after_by_is_no_victim(lex):
    rows = _reports("Two soldiers were stabbed by a Palestinian, and a bystander was hurt, police said.", lex)
    assert sum(r["count_best"] for r in rows) == 3


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Two soldiers were killed in an ambush near Taro on Monday, the French presidency said.", "French presidency"),
        ("Two soldiers were killed in an ambush near Taro on Monday, prosecutors said.", "prosecutors"),
    ],
)
def test_institutions_that_speak_are_sources(lex, text, source):
    assert _one(text, lex)["reporting_source"] == source


# --- filter.toll_increment --------------------------------------------------------------------------------------
def test_new_dead_told_with_the_toll_they_bring_are_inside_it(lex):
    text = "After the bombing in Kabul, hospital officials said 14 of the injured had died, raising the toll to 52."
    assert [(r["outcome"], r["count_best"]) for r in _reports(text, lex)] == [("killed", 52)]


def test_an_incident_that_adds_to_a_periods_toll_stays_an_incident(lex):
    rows = _reports("Gunmen killed 5 soldiers in Kunduz on Monday, bringing the toll this year to 140.", lex)
    assert sorted((r["kind"], r["count_best"]) for r in rows) == [("incident", 5), ("period_total", 140)]


# --- note.government_blamed ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "notes"),
    [
        ("Activists blamed the Syrian government for the strikes.", [("activists", "Syrian forces", "blames")]),
        ("The ministry did not blame the Russian government for the strikes.", []),
        ("The Syrian government said rebels carried out the strikes.", [("Syrian government", "rebels", "blames")]),
    ],
)
def test_a_government_is_a_party_only_as_what_is_blamed(lex, sentence, notes):
    assert _notes(f"Air strikes killed 12 people in Idlib on Thursday. {sentence}", lex) == notes
