"""Notes of the ninth session: denials in the forms news writes them (note.deny_act, note.deny_relative,
note.forces_deny, note.not_targeting), parties an article names for itself (note.defined_name) and a party's
members as the subject (note.members_of). Every text here is written for the project."""

from __future__ import annotations

import pytest

from etl.engine import rules
from etl.engine.attribution import find_source
from etl.engine.defined import defined_names

ATTACK = "Gunmen killed nine villagers in Taro on Monday. "


def _denied(text: str, read) -> list[str]:
    return [blamed for blamed, _, stance in read(text) if stance == "denies"]


# --- denials -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Rights groups said soldiers shot five men in Taro on Monday. "
            "The army denied that troops had fired on them.",
            "army",
        ),
        (ATTACK + "A military spokesman rejected the accusation.", "military"),
        (ATTACK + "The army said it had killed seven fighters there and denied harming civilians.", "army"),
        (ATTACK + "The Taliban, who hold much of the district, have denied shelling the village.", "Taliban"),
        (ATTACK + "Residents blamed the killings on al-Shabaab, which has denied involvement.", "al-Shabaab"),
        (
            "Medics said a Saudi-led coalition air strike killed nine people at a market in Hodeidah on Monday. The "
            "coalition has said it does not target civilians.",
            "Saudi-led coalition",
        ),
    ],
)
def test_a_denial_is_read_in_the_forms_news_writes_it(notes_of, text, party):
    assert party in _denied(text, notes_of)


@pytest.mark.parametrize(
    "text",
    [
        ATTACK + "The army rejected the rebels' offer of talks.",
        ATTACK + "The government denied visas to two reporters.",
        ATTACK + "Residents said the army does not protect civilians.",
    ],
)
def test_what_is_not_a_denial_of_violence_gives_none(notes_of, text):
    assert _denied(text, notes_of) == []


def test_the_coalition_unnamed_before_is_no_party(notes_of):
    assert _denied(ATTACK + "The coalition does not target civilians, a spokesman said.", notes_of) == []


def test_forces_denial_can_be_switched_off(notes_of):
    text = ATTACK + "The army denied that troops had killed civilians."
    with rules.disabled(["note.forces_deny"]):
        assert _denied(text, notes_of) == []


# --- names an article defines ----------------------------------------------------------------------------------------
def test_an_acronym_after_a_full_name_stands_for_it():
    found = defined_names("Fighters of the Movement for the Liberation of the Sahel (MLS) raided a camp.")
    assert found["MLS"].name == "Movement for the Liberation of the Sahel"
    assert found["MLS"].kind == "armed_group"


@pytest.mark.parametrize(
    "text",
    [
        "Villagers blamed Koro Dozo, a hunters' militia, for the raid.",
        "Villagers blamed the raid on a hunters' militia, Koro Dozo, which denied it.",
        "Villagers blamed the raid on the hunters' militia Koro Dozo.",
    ],
)
def test_a_name_given_with_what_it_is_is_an_armed_group(text):
    assert defined_names(text)["Koro Dozo"].kind == "armed_group"


@pytest.mark.parametrize(
    "text",
    [
        "Djugu, a territory plagued by militia violence, lies north of Bunia.",
        "The World Food Programme (WFP) said it had suspended deliveries.",
        "Officials met in the Central African Republic (CAR) on Monday.",
    ],
)
def test_places_and_bodies_that_are_no_side_are_not_defined_as_parties(text):
    assert not [a for a in defined_names(text).values() if a.kind == "armed_group"]


def test_a_defined_acronym_is_blamed_and_denies_later_in_the_article(notes_of):
    text = (
        "Fighters killed 12 villagers in Lumbo on Monday, officials said. Survivors blamed the Movement for the "
        "Liberation of the Sahel (MLS).\n\nThe MLS denied involvement in a statement."
    )
    notes = notes_of(text)
    assert ("Movement for the Liberation of the Sahel", "survivors", "blames") in notes
    assert "Movement for the Liberation of the Sahel" in _denied(text, notes_of)


def test_a_militia_named_by_its_kind_is_the_referent_of_the_militia(notes_of):
    text = ATTACK + "Residents blamed Koro Dozo, a hunters' militia. The militia has denied any role."
    assert "Koro Dozo" in _denied(text, notes_of)


# --- a party's members as the subject ------------------------------------------------------------------------------
def test_fighters_from_a_party_make_the_party_the_attacker(notes_of):
    notes = notes_of("Fighters from the Islamic State killed 12 villagers near Raqqa on Thursday, officials said.")
    assert ("Islamic State", "officials", "blames") in notes


@pytest.mark.parametrize(
    "text",
    [
        "Troops killed 12 fighters of the Islamic State near Raqqa on Thursday.",
        "The bodies of fighters from the Islamic State were found near Raqqa on Thursday.",
    ],
)
def test_a_partys_members_as_victims_blame_no_one(notes_of, text):
    assert not [n for n in notes_of(text) if n[0] == "Islamic State" and n[2] == "blames"]


# --- who gives a figure ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Two bombs killed 14 people in Dikwa on Monday, according to the Borno Relief Agency (BRA), which said "
         "most were traders.", "Borno Relief Agency"),
        ("According to Paz Viva, a group that tracks attacks on activists, 12 leaders have been killed this year.",
         "Paz Viva"),
        ("More than 900 people were killed last year, according to the Armed Conflict Location & Event Data Project "
         "(ACLED).", "ACLED"),
        ("Gunmen killed six villagers in Koro on Saturday, a local councillor said.", "councillor"),
        ("Nine villagers were wounded in the shelling, the administrator, Moussa Keita, said.", "administrator"),
        ("Gunmen killed four herders on Monday, the county commissioner told reporters.", "commissioner"),
        ("The U.N. mission in Mali said 20 civilians were killed near Mopti on Monday.", "MINUSMA"),
        ("The US embassy in Kabul said two guards were killed on Monday.", "US embassy in Kabul"),
    ],
)
def test_the_source_of_a_figure_in_the_forms_news_writes_it(lex, sentence, source):
    assert find_source(sentence, lex) == source


# --- forces blamed, gangs, denials of the third held-out corpus's classes --------------------------------------------
@pytest.mark.parametrize(
    ("text", "note"),
    [
        (ATTACK + "A survivor said he lost two sons. He accused the army of carrying out the raid.",
         ("army", None, "blames")),
        (ATTACK + "Relatives blamed soldiers for the killings.", ("soldiers", "relatives", "blames")),
        (ATTACK + "Villagers blamed the military, which denied involvement.", ("military", "military", "denies")),
        (ATTACK + "Police blamed the Ti Bwa gang for the attack.", ("Ti Bwa gang", "police", "blames")),
        (ATTACK + "The mission attributed most of the deaths to gangs.", ("gangs", None, "blames")),
        (ATTACK + "The RSF, led by a general, said it had not targeted civilians.", ("RSF", "RSF", "denies")),
        (ATTACK + "The federal government has denied using drones against civilians.",
         ("federal government", "federal government", "denies")),
        (ATTACK + "Kenyan forces say they have killed 14 insurgents in an operation near Lamu.",
         ("Kenyan forces", "Kenyan forces", "claims")),
        (ATTACK + "Hezbollah says it fired a barrage of rockets at an army post in the Galilee.",
         ("Hezbollah", "Hezbollah", "claims")),
        (ATTACK + "Officials blamed the Iran-backed Houthi rebels for the attack.", ("Houthis", "officials", "blames")),
        (ATTACK + "Police blamed the banned TTP for the bombing.", ("Pakistani Taliban", "police", "blames")),
        (ATTACK + "The tribal forum blamed armed Naga groups for the killings.", ("armed Naga groups", None, "blames")),
    ],
)
def test_notes_of_the_third_corpus_classes(notes_of, text, note):
    assert note in notes_of(text)


@pytest.mark.parametrize(
    "text",
    [
        ATTACK + "The court accused the police chief of corruption.",
        ATTACK + "Rights groups praised the army for its restraint.",
    ],
)
def test_forces_named_without_blame_for_violence_give_no_note(notes_of, text):
    assert not [n for n in notes_of(text) if n[2] == "blames"]


def test_a_subject_before_a_long_relative_clause_denies(notes_of):
    text = ATTACK + (
        "Russia, which joined Syria's war in 2015 on the side of President Bashar al-Assad, denies targeting civilians."
    )
    assert "Russian forces" in _denied(text, notes_of)


# --- the fourth held-out corpus's classes (half A) ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "note"),
    [
        (ATTACK + "Amnesty said soldiers had committed abuses, a charge the army denies.", ("army", "army", "denies")),
        (ATTACK + "Rights groups accused the government of using barrel bombs.",
         ("government", "rights groups", "blames")),
        (ATTACK + "Kyiv says Ukrainian forces do not shell residential areas.",
         ("Ukrainian forces", "Ukrainian forces", "denies")),
        (ATTACK + "Syrian army helicopters dropped barrel bombs on the district, activists said.",
         ("Syrian forces", "activists", "blames")),
        (ATTACK + 'State television blamed "terrorists" for the attack.', ("terrorists", None, "blames")),
        (ATTACK + "Police claimed to have killed three of the gunmen.", ("police", "police", "claims")),
        (ATTACK + "The military says it has killed more than 1,000 militants since June.",
         ("military", "military", "claims")),
        (ATTACK + "Residents blamed anti-Balaka militiamen for the attack.",
         ("anti-Balaka militiamen", "residents", "blames")),
        (ATTACK + "Maoists triggered a blast that killed six policemen.", ("Maoists", None, "blames")),
    ],
)
def test_notes_of_the_fourth_corpus_classes(notes_of, text, note):
    assert note in notes_of(text)


def test_blame_for_what_is_no_violence_gives_no_note_of_the_government(notes_of):
    notes = notes_of(ATTACK + "Critics blamed the government for the price rise.")
    assert not [n for n in notes if n[0] == "government"]


# --- the fourth held-out corpus's classes (half B) ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "note"),
    [
        (ATTACK + "The Saudi-led coalition denied on Thursday that its jets had struck the village.",
         ("Saudi-led coalition", "Saudi-led coalition", "denies")),
        (ATTACK + 'The Interior Ministry blamed "terrorist elements" for the attack.',
         ("terrorist elements", "Interior Ministry", "blames")),
        (ATTACK + "The mission attributed most of the casualties to anti-government elements.",
         ("anti-government elements", None, "blames")),
        (ATTACK + "The U.S. military confirmed it had carried out a strike in the area.",
         ("US forces", "US forces", "claims")),
        (ATTACK + "The Taliban said its fighters did not target civilians.", ("Taliban", "Taliban", "denies")),
        (ATTACK + "The military said on Sunday it had killed 18 militants in the raids.",
         ("military", "military", "claims")),
    ],
)
def test_notes_of_the_fourth_corpus_b_classes(notes_of, text, note):
    assert note in notes_of(text)


@pytest.mark.parametrize(
    ("text", "blame"),
    [
        (ATTACK + "The government blamed the Taliban, who denied responsibility.", ("Taliban", "government", "blames")),
        (ATTACK + "Residents blamed the killings on al-Shabaab, which has denied involvement.",
         ("al-Shabaab", "residents", "blames")),
    ],
)
def test_a_party_blamed_then_denying_in_a_relative_clause_gives_both_notes(notes_of, text, blame):
    notes = notes_of(text)
    assert blame in notes and (blame[0], blame[0], "denies") in notes


def test_rejecting_a_sides_claim_of_kills_is_no_denial(notes_of):
    text = ATTACK + "Al-Shabaab said it had killed 51 soldiers and captured the base, a claim the army rejected."
    assert [n for n in notes_of(text) if n[2] == "denies"] == []
