"""Attribution notes and actors: sentences written for these tests, one class of statement each."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import components, figures
from etl import actors
from etl.engine import rules
from etl.engine.notes import find_notes
from etl.extract import extract_article, find_source
from etl.lexicon import load


def notes_of(sentence: str) -> list[tuple[str | None, str, str]]:
    lex = load()
    return [(n.reporting_source, n.blamed, n.stance) for n in find_notes(sentence, lambda s: find_source(s, lex))]


# ------------------------------------------------------------------------------------------ actors


@pytest.mark.parametrize(
    ("written", "name", "kind", "country"),
    [
        ("SOHR", "Syrian Observatory for Human Rights", "monitor", "SYR"),
        (
            "the Britain-based Syrian Observatory for Human Rights",
            "Syrian Observatory for Human Rights",
            "monitor",
            "SYR",
        ),
        ("the observatory", "Syrian Observatory for Human Rights", "monitor", "SYR"),
        ("Daesh", "Islamic State", "armed_group", None),
        ("ISIL", "Islamic State", "armed_group", None),
        ("Russian warplanes", "Russian forces", "state_forces", "RUS"),
        ("the Israeli military", "Israeli forces", "state_forces", "ISR"),
        ("a US drone strike", "US forces", "state_forces", "USA"),
        ("Nigerian troops", "Nigerian forces", "state_forces", "NGA"),
        ("Kenyan police", "Kenyan police", "police", "KEN"),
        ("Ansar Allah", "Houthis", "armed_group", "YEM"),
        ("UNAMA", "UNAMA", "un", "AFG"),
        ("Doctors Without Borders", "Médecins Sans Frontières", "medics", None),
    ],
)
def test_canonical_names(written: str, name: str, kind: str, country: str | None) -> None:
    assert actors.canonical(written) == (name, kind, country)


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [
        ("Reuters there was a high probability", "Reuters"),
        ("the district governor was quoted as saying", "district governor"),
        ("Leonard is", "Leonard"),
        ("Harbor County Department of Public Safety", "Harbor County Department of Public Safety"),
        ("of manslaughter, three counts", None),
        ("on the group, in the town", None),
    ],
)
def test_unknown_names_are_cleaned_to_a_name(written: str, cleaned: str | None) -> None:
    assert actors.canonical(written)[0] == cleaned


def test_a_state_form_is_found_in_text_with_its_words() -> None:
    found = actors.find("Witnesses said Turkish jets and Iraqi troops struck the village near Zakho.")
    assert [(m.text, m.actor.name, m.strike) for m in found] == [
        ("Turkish jets", "Turkish forces", True),
        ("Iraqi troops", "Iraqi forces", False),
    ]


# ------------------------------------------------------------------------------------------ notes


def test_claims() -> None:
    assert notes_of("The Haqqani network claimed responsibility for the truck bomb that killed eight guards.") == [
        ("Haqqani network", "Haqqani network", "claims")
    ]
    assert notes_of("The ambush, claimed by ISWAP, left 14 soldiers dead near the lake shore.") == [
        ("ISWAP", "ISWAP", "claims")
    ]


def test_denies() -> None:
    assert notes_of("Hamas denied any involvement in the rocket fire that hit the border town.") == [
        ("Hamas", "Hamas", "denies")
    ]


def test_a_partys_fighters_killed_in_a_raid_are_its_dead_not_its_attack() -> None:
    # rule note.reduced_passive: "killed in the strikes were" is what befell them; "killed at least" is their act
    assert notes_of("The Shabab fighters killed in the air raid were mostly young recruits, the army said.") == []
    assert notes_of("Taliban fighters shot during the clash on Monday were taken to Quetta, police said.") == []
    assert notes_of("Shabab fighters killed at least ten soldiers in the raid, the army said.") == [
        ("army", "al-Shabaab", "blames")
    ]


def test_the_group_as_an_attacker_is_the_group_named_before() -> None:
    # rule note.group_agent: "the group" doing the attack stands for the armed group named last before it
    context = actors.find("Boko Haram fighters raided the village of Sako.", actors.load())
    lex = load()

    def speaker(sentence: str) -> str | None:
        return find_source(sentence, lex)

    assert [
        (n.reporting_source, n.blamed, n.stance)
        for n in find_notes("Local officials said the group killed 14 farmers there.", speaker, context)
    ] == [("local officials", "Boko Haram", "blames")]
    # what befell the group, or the group's own claim told again, is no second note
    assert find_notes("The militant group was attacked by troops near Sako.", speaker, context) == []
    assert [
        n.stance
        for n in find_notes(
            "Boko Haram said it was behind the raid, the first time the group has attacked the town.",
            speaker,
            context,
        )
    ] == ["claims"]


def test_an_attackers_ties_to_a_party_blame_it_but_are_no_perpetrator() -> None:
    # rule note.attacker_of: who suspects the ties is the source; the party is no perpetrator stated as fact
    assert notes_of("Authorities there suspect the bomber had links to Boko Haram.") == [
        ("authorities", "Boko Haram", "blames")
    ]
    assert notes_of("The gunman had close ties to the Taliban, police said.") == [("police", "Taliban", "blames")]
    assert notes_of("The victims were members of Hamas.") == []
    text = (
        "A suicide bomber killed 9 people at a bus station in Sako on Tuesday. "
        "Police suspect the bomber had links to Boko Haram."
    )
    reports = extract_article(text, "t-ties", pd.Timestamp("2024-03-05").date()).reports
    assert [r["perpetrator"] for r in reports] != ["Boko Haram"]


def test_a_pronoun_naming_the_mastermind_is_the_sentences_speaker() -> None:
    # rule note.pronoun_namer: not the party named in the quote before "he named"
    sentence = (
        'The provincial governor told reporters: "The Taliban did this," using a name for the Afghan Taliban, '
        "and he named a local commander called Rahim Gul as the man responsible."
    )
    assert ("provincial governor", "Rahim Gul", "blames") in notes_of(sentence)
    assert notes_of("Police named Amadou Keita as the mastermind of the market bombing.")[0][:2] == (
        "police",
        "Amadou Keita",
    )


def test_a_mastermind_who_claims_gives_his_claim_first() -> None:
    # the party's own claim comes before the article's blame in the apposition, as for any party's claim
    sentence = "Abu Karim, the mastermind of last year's bus bombing, claimed responsibility for the raid on the camp."
    assert notes_of(sentence) == [("Abu Karim", "Abu Karim", "claims"), (None, "Abu Karim", "blames")]


def test_official_blame_names_its_source() -> None:
    assert notes_of("Provincial police blamed the Pakistani Taliban for the blast at the checkpoint.") == [
        ("provincial police", "Pakistani Taliban", "blames")
    ]
    assert notes_of("The defence ministry accused the M23 rebels of shelling a camp for displaced people.") == [
        ("defence ministry", "M23", "blames")
    ]


def test_suspicion_after_no_claim_is_a_note_not_a_perpetrator() -> None:
    text = (
        "Gunmen killed 11 herders near the village of Tamou on Friday, officials said.\n\n"
        "No group claimed responsibility, but residents suspected JNIM of carrying out the raid."
    )
    result = extract_article(text, "t1", pd.Timestamp("2024-05-04").date(), title="Herders killed in raid")
    assert [(n["reporting_source"], n["blamed"], n["stance"]) for n in result.notes] == [
        ("residents", "JNIM", "blames")
    ]
    assert {r["perpetrator"] for r in result.reports} == {"gunmen"}  # as described, not the group suspected


def test_a_states_strike_blames_its_forces_in_the_articles_voice() -> None:
    assert notes_of("An Israeli air strike killed four people in a car near the coastal road.") == [
        (None, "Israeli forces", "blames")
    ]
    assert notes_of("Russian warplanes pounded the outskirts of the town overnight, killing six.") == [
        (None, "Russian forces", "blames")
    ]


def test_a_states_strike_is_the_reports_perpetrator() -> None:
    text = "A US drone strike killed three militants in a vehicle in the Jilib area on Tuesday, residents said."
    (report,) = extract_article(text, "t2", pd.Timestamp("2024-02-07").date()).reports
    assert (report["perpetrator"], report["perpetrator_text"]) == ("US forces", "US drone strike")


def test_several_parties_blamed_together_are_one_note() -> None:
    notes = notes_of("The report, according to the United Nations which blames both rebels and Somali army units.")
    assert notes == [("United Nations", "rebels and Somali army units", "blames")]


@pytest.mark.parametrize(
    "sentence",
    [
        "A gunman opened fire on worshippers at the shrine, killing four.",  # a description is no party
        "Who was behind the killings in the valley remains a mystery.",  # a question
        "The driver was accused of manslaughter after the bus crash.",  # ordinary crime
        "Traders blamed the government for the rise in fuel prices.",  # blame for no violence
        "Twelve Taliban fighters were killed in the clash, the army said.",  # the party is the victim
        "Was it the Taliban who planted the mine?",  # a question
    ],
)
def test_not_notes(sentence: str) -> None:
    assert notes_of(sentence) == []


def test_one_note_per_source_party_and_stance_in_an_article() -> None:
    text = (
        "Al-Shabaab claimed responsibility for the bombing in Baidoa that killed seven people on Monday.\n\n"
        "The group said in a statement that al-Shabaab fighters carried out the attack. "
        "Al-Shabaab claimed responsibility in a radio broadcast."
    )
    notes = extract_article(text, "t3", pd.Timestamp("2024-03-05").date()).notes
    claims = [n for n in notes if n["stance"] == "claims"]
    assert len(claims) == 1 and claims[0]["blamed"] == "al-Shabaab"
    assert claims[0]["report_id"] == "t3-000"  # the note's sentence holds the report of the seven killed
    assert "note.claim" in claims[0]["rules"].split(";")


# ------------------------------------------------------------------------------------------ dashboard


def test_notes_summary_and_figure() -> None:
    notes = pd.DataFrame(
        {
            "article_id": ["a", "b", "b", "c"],
            "reporting_source": ["police", "police", None, "Taliban"],
            "stance": ["blames", "blames", "blames", "denies"],
            "blamed": ["Taliban", "Taliban", "US forces", "Taliban"],
        }
    )
    summary = figures.notes_summary(notes)
    assert summary.iloc[0].to_dict() == {
        "reporting_source": "police",
        "stance": "blames",
        "blamed": "Taliban",
        "notes": 2,
        "articles": 2,
    }
    assert figures.ARTICLE_VOICE in set(summary.reporting_source)
    fig = go.Figure(figures.notes_figure(summary))
    assert {t.name for t in fig.data} == {"blames", "denies"}
    assert sum(sum(t.x) for t in fig.data) == 4
    assert figures.notes_figure(figures.notes_summary(notes.iloc[0:0]))["data"] == []


def test_filter_options_are_grouped_by_kind() -> None:
    options = components.actor_options(
        [("Reuters", 1), ("Islamic State", 5), ("United Nations", 2), ("police", 3)], "reporting_source"
    )
    assert [o["label"].split(" · ")[0] for o in options] == ["UN", "Governments", "Armed groups", "Media"]


def test_an_event_note_without_deaths_keeps_its_notes() -> None:
    note = "On 3 June 2025, al-Shabaab militants attacked an army checkpoint near Jowhar; no casualties were reported."
    result = extract_article(note, "e1", None)
    assert [(n["blamed"], n["report_id"]) for n in result.notes] == [("al-Shabaab", "e1-000")]
    assert result.reports[0]["count_best"] == 0


def test_a_person_named_as_the_mastermind_is_a_note_not_a_perpetrator() -> None:
    assert notes_of("Prosecutors identified Karim Bensaid, a former taxi driver, as the mastermind of the attack.") == [
        ("prosecutors", "Karim Bensaid", "blames")
    ]
    text = (
        "A car bomb killed nine people outside a court in the city on Monday, police said.\n\n"
        "Police named Karim Bensaid as the mastermind of the bombing."
    )
    result = extract_article(text, "t4", pd.Timestamp("2024-04-02").date())
    assert {r["perpetrator"] for r in result.reports} == {None}
    assert [n["blamed"] for n in result.notes] == ["Karim Bensaid"]


def test_a_state_speaking_of_its_own_strike_claims_it() -> None:
    lex = load()
    notes = find_notes(
        "Turkish warplanes bombed militant camps in the mountains early on Monday, the army said.",
        lambda s: find_source(s, lex),
    )
    assert [(n.reporting_source, n.blamed, n.stance, n.rules) for n in notes] == [
        ("Turkish forces", "Turkish forces", "claims", "note.own_strike")
    ]


def test_a_described_attacker_is_the_perpetrator_when_no_actor_is_named() -> None:
    text = "A Palestinian attacker stabbed and killed two people at a bus stop in the city on Tuesday, police said."
    (report,) = extract_article(text, "t5", pd.Timestamp("2024-06-04").date()).reports
    assert report["perpetrator"] == "Palestinian attacker"
    assert extract_article(text, "t5", pd.Timestamp("2024-06-04").date()).notes == []  # a description is no note


def test_a_states_own_strike_names_its_forces_as_perpetrator() -> None:
    text = "American warplanes struck a training camp in the hills on Saturday, killing 30 fighters, the Pentagon said."
    result = extract_article(text, "t6", pd.Timestamp("2024-03-09").date())
    assert {r["perpetrator"] for r in result.reports} == {"US forces"}
    assert [(n["reporting_source"], n["blamed"], n["stance"]) for n in result.notes] == [
        ("Pentagon", "Pentagon", "claims")
    ]


def test_a_surname_source_is_named_by_its_title() -> None:
    from etl.engine.notes import person_title

    text = (
        "A bomb killed five people, said provincial police spokesman Karim Haidari. "
        "The mayor of the town, Ali Nuri, was unhurt. Nuri, the town mayor, said two children died. "
        "President Joseph Mbeki Lando condemned the attack. Lando said the army would respond."
    )
    assert person_title("Haidari", text) == "provincial police spokesman"
    assert person_title("Nuri", text) == "town mayor"
    assert person_title("Lando", text) == "President Lando"
    assert person_title("Reuters", text) == "Reuters"


# ------------------------------------------------------------------------------------------ issue 10, session 3


def _reports(text: str, title: str | None = None) -> list[dict]:
    return extract_article(text, "t-s3", pd.Timestamp("2024-05-06").date(), title=title).reports


def test_a_claim_in_the_next_sentence_names_the_perpetrator_of_the_one_before() -> None:
    text = (
        "A mortar barrage hit the market in Lumbo on Monday, killing 9 people. Kurdish militants said they carried "
        "out the attack. In a separate statement, al-Shabaab claimed a bombing in Baidoa last month."
    )
    (report,) = _reports(text)
    assert report["perpetrator"] == "Kurdish militants"
    assert "perpetrator.next_sentence" in report["rules"]


def test_the_title_names_the_perpetrator_when_no_sentence_does() -> None:
    text = "Eleven people were killed in the market of Lumbo on Monday, a police officer said."
    (report,) = _reports(text, title="Al-Shabaab fighters storm Lumbo market, 11 dead – Example Wire")
    assert report["perpetrator"] == "al-Shabaab"
    with rules.disabled({"perpetrator.title"}):
        (report,) = _reports(text, title="Al-Shabaab fighters storm Lumbo market, 11 dead – Example Wire")
    assert report["perpetrator"] is None


def test_a_country_named_before_an_attack_noun_is_a_place() -> None:
    assert notes_of("Three students were among the dead in the Norway bombings last year.") == []
    assert notes_of("Norwegian warplanes bombed the camp on Monday.") == [(None, "Norwegian forces", "blames")]


def test_attackers_killed_are_killed_by_the_forces_that_fought_them() -> None:
    text = (
        "Gunmen stormed a hotel in Lumbo on Monday, killing 6 guests. Al-Shabaab claimed the attack.\n\n"
        "Three of the gunmen were shot dead by police, officials said."
    )
    by_group = {r["victim_group"]: r["perpetrator"] for r in _reports(text)}
    assert by_group["militants"] == "police"
    assert by_group["civilians"] != "police"
    # a bomber who dies by the bomb was not killed by security forces
    bomb = "A suicide bomber blew himself up at a checkpoint near Lumbo on Monday. The bomber was killed in the blast."
    assert all(r["perpetrator"] != "security forces" for r in _reports(bomb))


def test_a_described_attacker_acting_beats_an_actor_only_mentioned() -> None:
    text = (
        "Unidentified gunmen killed 7 workers at a farm near Lumbo on Monday, two years after al-Shabaab "
        "fighters were driven from the town."
    )
    (report,) = _reports(text)
    assert report["perpetrator"] == "unidentified gunmen"


def test_soldiers_killed_with_no_one_named_are_killed_by_the_group_the_article_names() -> None:
    text = (
        "The army sent more troops to fight al-Shabaab near Lumbo this month.\n\n"
        "Two soldiers were killed in fighting near the town on Monday."
    )
    (report,) = _reports(text)
    assert (report["victim_group"], report["perpetrator"]) == ("security_forces", "al-Shabaab")


def test_suspected_of_belonging_describes_people_and_blames_no_one() -> None:
    text = (
        "Norwegian warplanes struck a compound in Lumbo on Friday, killing 12 people, officials said.\n\n"
        "The compound housed men suspected of belonging to al-Shabaab.\n\n"
        "He said 12 people had been killed."
    )
    assert {r["perpetrator"] for r in _reports(text)} == {"Norwegian forces"}


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Twelve people were killed in the market, a rescue worker said.", "rescue worker"),
        ("A senior police officer at the scene told reporters that 12 people were killed.", "senior police officer"),
        ("Local officials and eyewitnesses said 12 people were killed.", "eyewitnesses"),
        ("The mayor of Lumbo, Ali Nuri, told Reuters that 12 people were killed.", "mayor of Lumbo"),
        ("The Shabaab-linked group said it had killed 12 soldiers.", "Shabaab-linked group"),
        ("Twelve people were killed, the ministry said in its weekly report.", "ministry"),
    ],
)
def test_sources_named_in_the_sentence(sentence: str, source: str) -> None:
    assert find_source(sentence, load()) == source


def test_a_pronoun_speaker_is_the_one_named_just_before() -> None:
    text = (
        "Gunmen attacked the market in Lumbo on Monday, the provincial governor told reporters. "
        "He said 12 people were killed."
    )
    (report,) = _reports(text)
    assert report["reporting_source"] == "provincial governor"


def test_the_report_found_is_the_un_bodys_report() -> None:
    text = (
        "Civilian casualties of the war in Norway rose again last year, the United Nations said in a report on "
        "Sunday.\n\n"
        "Overall 103 civilians were killed by foreign forces last year, the report found."
    )
    reports = [r for r in _reports(text) if r["count_best"] == 103]
    assert [r["reporting_source"] for r in reports] == ["United Nations"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A statement by the Norwegian Defence Ministry denied its warplanes were involved in the strike.",
            [("Norwegian Defence Ministry", "Norwegian Defence Ministry", "denies")],
        ),
        (
            "Police officers shot dead the attacker outside the station, police said.",
            [("police", "police", "claims")],  # no state named: the police, speaking of their own act (GUIDELINES)
        ),
        (
            "Norwegian police officers shot dead two attackers outside the station, police said.",
            [("Norwegian police", "Norwegian police", "claims")],
        ),
        (
            "The Ndoro militant group was responsible for the bombing, the interior minister said.",
            [],  # a group the actor list does not know is no party
        ),
        (
            "Al-Shabaab said in its claim of responsibility that its fighters had stormed the hotel.",
            [("al-Shabaab", "al-Shabaab", "claims")],
        ),
        (
            "Police said al-Shabaab was responsible and named a local commander as the organiser.",
            [("police", "al-Shabaab", "blames")],
        ),
        (
            "Officials said al-Shabaab or an affiliate carried out the bombing.",
            [("officials", "al-Shabaab", "blames")],
        ),
        ("In its long campaign, al-Shabaab has historically struck at army convoys.", []),
    ],
)
def test_notes_of_session_three(sentence: str, expected: list) -> None:
    assert notes_of(sentence) == expected


def test_a_source_with_a_relative_clause_before_the_party_it_speaks_of() -> None:
    sentence = (
        "The Lumbo-based Radio Taro, which is close to the government, also reported the raid and said "
        "al-Shabaab killed 30 villagers."
    )
    assert notes_of(sentence) == [("Lumbo-based Radio Taro", "al-Shabaab", "blames")]


@pytest.mark.parametrize(
    "sentence",
    [
        "A bomb blast in southern Pakistan killed 5 people at a bus station on Monday, police said.",
        "A car bomb in north-eastern Nigeria killed 12 people on Sunday, officials said.",
        "A roadside bomb in far western Afghanistan killed 3 farmers on Friday, the governor said.",
    ],
)
def test_a_country_after_in_and_a_compass_word_is_a_place_not_an_attacker(sentence):
    assert [n for n in notes_of(sentence) if "forces" in n[1]] == []
