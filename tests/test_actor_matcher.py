"""The actor matcher's shortcuts (etl/actors.py AliasWords, notes.py pre-filters) find exactly what the whole
regexes find. Sentences written for these tests."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from etl import actors as A
from etl.engine import notes as N

SENTENCES = [
    "Russian warplanes struck the market in the north of the city on Sunday, activists said.",
    "A US-led coalition air strike hit a bridge, and Saudi-led strikes continued further south.",
    "The Syrian army said it had retaken the hill from Islamic State militants.",
    "Fighting between South Sudan's army and rebels spread towards the border with Sudan.",
    "Police in Guinea said the convoy from Bissau was ambushed; Guinea-Bissau denied any role.",
    "Pro-Russian forces shelled the suburb, while Ukrainian troops held the bridge.",
    "Al-Shabaab claimed responsibility for the blast, the Somali police said.",
    "The Taliban denied involvement and blamed the Afghan security forces.",
    "İstanbul police detained two suspects after the attack, Turkish officials said.",
    "Residents said the price of bread doubled in the market this week.",
    "The IS fighters and Hamas gunmen were not mentioned by the U.S. military.",
    "He is the head of the regional office of the United Nations in the east.",
    "Nigerian\ntroops and Cameroonian soldiers patrolled the lake shore.",
    "The army-led operation and the Israeli-backed militia were both named in the report.",
]


def whole(actors: A.Actors) -> A.Actors:
    """The same actors with no shortcut: every regex runs over the whole text."""
    return dataclasses.replace(actors, keys=None)


def mentions(found: list[A.Mention]) -> list[tuple]:
    return [(m.start, m.end, m.text, m.actor, m.strike) for m in found]


def random_texts(actors: A.Actors, n: int, seed: int = 7, longest: int = 14, share: float = 0.35) -> list[str]:
    """Aliases, demonyms and country names mixed with filler words, forces nouns and punctuation."""
    rng = random.Random(seed)
    aliases = [
        alias
        for aw in (actors.keys.exact, actors.keys.demonyms, actors.keys.countries)
        for ids in aw.index.values()
        for _, alias in ids
    ]
    aliases += [alias.title() for ids in actors.keys.free.index.values() for _, alias in ids]
    filler = [
        "the",
        "said",
        "forces",
        "troops",
        "air strikes",
        "police",
        "on",
        "and",
        "-led",
        "of",
        ",",
        ".",
        "killed",
        "military",
        "warplanes",
        "in",
        "its",
        "pro-",
        "near",
        "'s",
        "\n",
    ]
    texts = []
    for _ in range(n):
        parts = [
            rng.choice(aliases) if rng.random() < share else rng.choice(filler) for _ in range(rng.randint(3, longest))
        ]
        texts.append(" ".join(parts).replace(" -led", "-led").replace("pro- ", "pro-").replace(" 's", "'s"))
    return texts


def test_words_are_the_word_runs() -> None:
    for text in [*SENTENCES, "a—b “c” d’e ‘f’ g…h", "x_y 3-4 Côte d'Ivoire"]:
        assert A.words(text) == frozenset(A.WORD.findall(text))
        assert A.lower_words(text) == frozenset(A.WORD.findall(A.lower_kept(text)))


def test_alias_words_candidates_need_every_word() -> None:
    aw = A.alias_words(["South Sudan", "Sudan", "Guinea-Bissau", "Islamic State"])
    assert aw is not None
    assert aw.candidates(A.words("Sudan and Chad")) == ("Sudan",)
    assert aw.candidates(A.words("Sudan and South Africa")) == ("South Sudan", "Sudan")  # words apart: candidates
    assert set(aw.candidates(A.words("South Sudan's army"))) == {"South Sudan", "Sudan"}
    assert aw.candidates(A.words("Guinea and Bissau")) == ("Guinea-Bissau",)  # words apart: the regex decides
    assert not aw.may_match(A.words("the state of Islamic art"))
    assert aw.may_match(A.words("Islamic State fighters"))
    assert A.alias_words(["--"]) is None  # an alias without a word: no shortcut


@pytest.mark.parametrize("text", SENTENCES)
def test_find_matches_the_whole_regexes(text: str) -> None:
    actors = A.load()
    assert mentions(A.find(text, actors)) == mentions(A.find(text, whole(actors)))


def test_find_matches_the_whole_regexes_on_mixed_texts() -> None:
    actors = A.load()
    full = whole(actors)
    texts = random_texts(actors, 400)
    assert sum(bool(A.find(t, actors)) for t in texts) > 200  # the texts do name actors
    for text in texts:
        assert mentions(A.find(text, actors)) == mentions(A.find(text, full)), text


def test_find_matches_the_whole_regexes_on_long_texts() -> None:
    """Texts of up to 300 words where names are rare: the forces nouns are sought in stretches (_nouns_after)."""
    actors = A.load()
    full = whole(actors)
    for text in random_texts(actors, 150, seed=11, longest=300, share=0.03):
        assert mentions(A.find(text, actors)) == mentions(A.find(text, full)), text


def test_forces_nouns_are_lower_case_words() -> None:
    """_nouns_after relies on it: a forces noun is written with lower-case letters and spaces only."""
    literal = A.FORCE_NOUNS.replace("(?:", "").replace(")", "").replace("?", "").replace("|", "")
    assert set(literal) <= A.LOWER_OR_SPACE


def test_countries_match_the_whole_regex() -> None:
    actors = A.load()
    pattern = N._country_pattern(actors)
    for text in [*SENTENCES, *random_texts(actors, 200, seed=3)]:
        expected = [m.group() for m in pattern.finditer(text) if actors.country_aliases.get(m.group()) in actors.states]
        assert [m.text for m in N._countries(text, actors)] == expected


def test_sentences_without_party_or_cue_are_skipped() -> None:
    actors = A.load()
    quiet = "Residents said the price of bread doubled in the market this week."
    assert not N.may_name_party(quiet, actors) and not N.may_hold_note(quiet, [])
    assert N.find_notes(quiet, lambda s: None) == []
    # a claim needs no party in its sentence: the group named before it
    claim = "The group later claimed responsibility for the bombing."
    assert N.may_hold_note(claim, [])
    context = A.find("Islamic State militants attacked the checkpoint.", actors)
    assert [n.stance for n in N.find_notes(claim, lambda s: None, context)] == ["claims"]
    assert N.may_name_party("Rebels shelled the town.", actors)
    assert N.may_name_party("Russian warplanes struck the town.", actors)
    assert N.may_hold_note("The police named Ali Musa as the mastermind.", [])
    assert N.may_hold_note("The TALIBAN DENIED it.", []) and N.may_hold_note("Cla\u0131med by nobody.", [])


@pytest.mark.parametrize("text", SENTENCES)
def test_pre_filter_agrees_with_find_notes(text: str) -> None:
    """A sentence the pre-filters skip has no note when read in full."""
    actors = A.load()
    if not N.may_name_party(text, actors):
        assert not any(N._party(m) for m in A.find(text, actors)) and not N._countries(text, actors)


def test_find_kept_for_texts_read_again() -> None:
    """find remembers a text's actors; each call gets its own list, so a caller may add to it."""
    actors = A.load()
    text = "The Taliban denied involvement and blamed the Afghan security forces."
    first = A.find(text, actors)
    first.append(first[0])
    again = A.find(text, actors)
    assert mentions(again) == mentions(first[:-1]) and again is not first
    assert mentions(A.find(text, whole(actors))) == mentions(again)


def test_person_title_needs_the_name_in_the_text() -> None:
    text = "Provincial police spokesman Ahmad Karimzai said the road was closed. Karimzai said more."
    assert N.person_title("Karimzai", text) == "provincial police spokesman"
    assert N.person_title("Haidari", text) == "Haidari"  # not named in it: no title
    assert N.person_title("Karimzai", text) == N.person_title("Karimzai", text)  # its regexes compiled once


def test_party_sentences_keep_every_sentence_that_may_name_a_party() -> None:
    """The article-wide shortcut leaves out only sentences where may_name_party finds no alias."""
    from etl.engine.text import sentence_spans

    actors = A.load()
    ascii_sentences = [s for s in SENTENCES if s.isascii()]
    articles = [" ".join(ascii_sentences), "\n\n".join(reversed(ascii_sentences))]
    rng = random.Random(5)
    mixed = [t for t in random_texts(actors, 300, seed=11) if t.isascii()]
    articles += [". ".join(rng.sample(mixed, 12)) + "." for _ in range(20)]
    for text in articles:
        spans = sentence_spans(text)
        kept = N.party_sentences(text, spans, actors)
        assert kept is not None
        for k, (a, b, _) in enumerate(spans):
            sentence = text[a:b]
            if k not in kept:
                assert not N.may_name_party(sentence, actors) or N.GENERIC_PARTY.search(sentence), sentence
    # a sentence that names no alias is left out; text that is not ASCII takes no shortcut
    quiet = "Residents said the price of bread doubled. The Taliban denied involvement."
    assert N.party_sentences(quiet, sentence_spans(quiet), actors) == {1}
    assert N.party_sentences("İstanbul police said.", [(0, 21, 0)], actors) is None
    # a span that cuts a word is kept: its words are not the text's
    cut = "Talibanx fighters"
    assert N.party_sentences(cut, [(0, 7, 0), (8, 17, 0)], actors) == {0}


def test_words_of_ascii_text_are_the_word_runs() -> None:
    for text in [*SENTENCES, "al-Shabaab_fighters (x2), 'IS'... 3rd\tday\x00\x7f!", "", "   "]:
        assert A.words(text) == frozenset(A.WORD.findall(text))
        assert A.lower_words(text) == frozenset(A.WORD.findall(A.lower_kept(text)))


def test_find_notes_told_whether_a_party_may_be_named() -> None:
    """A caller's `named` stands for may_name_party: True where it is False only costs time."""
    quiet = "Residents said the price of bread doubled in the market this week."
    assert N.find_notes(quiet, lambda s: None, named=True) == N.find_notes(quiet, lambda s: None) == []
    claim = "The Taliban claimed responsibility for the attack on the checkpoint."
    assert N.find_notes(claim, lambda s: None, named=True) == N.find_notes(claim, lambda s: None) != []


def test_word_matches_are_finditer() -> None:
    """The alias regexes run without their look-behind find what finditer finds, windows included."""
    actors = A.load()
    texts = [*SENTENCES, "xTaliban Taliban-led al_Shabaab 1Hamas Hamas", *random_texts(actors, 150, seed=13)]
    for pattern in (actors.pattern, actors.exact, A.alias_regex(("hamas", "taliban", "islamic state"))):
        for text in texts:
            hay = A.lower_kept(text) if pattern is not actors.exact else text
            spans = lambda found: [(m.start(), m.end(), m.group()) for m in found]  # noqa: E731
            assert spans(A.word_matches(pattern, hay)) == spans(pattern.finditer(hay))
            assert spans(A.word_matches(pattern, hay, 3, len(hay) - 2)) == spans(pattern.finditer(hay, 3, len(hay) - 2))
    assert A._without_look_behind(re.compile("taliban")) is None


def test_alias_spans_are_the_alias_regex() -> None:
    """alias_spans finds what word_matches of alias_regex finds, windows included, without compiling a regex:
    the longest alias at a start, bounds refused after or before a word character or hyphen, no overlaps."""
    actors = A.load()
    texts = [
        *SENTENCES,
        "xTaliban Taliban-led al_Shabaab 1Hamas Hamas",
        "the state of the islamic state group, islamic state-linked fighters and state media",
        "hamas hamas hamas, hamashamas -hamas hamas-",
        "taliban taliban taliban taliban",
        *random_texts(actors, 150, seed=17),
    ]
    alias_sets = [
        ("hamas", "taliban", "islamic state", "state", "islamic"),
        ("taliban taliban", "taliban"),
        tuple(alias for ids in actors.keys.free.index.values() for _, alias in ids),
    ]
    for aliases in alias_sets:
        pattern = A.alias_regex(tuple(sorted(set(aliases))))
        for text in texts:
            hay = A.lower_kept(text)
            spans = lambda found: [(m.start(), m.end()) for m in found]  # noqa: E731
            assert A.alias_spans(aliases, hay) == spans(A.word_matches(pattern, hay))
            window = (4, len(hay) - 3)
            assert A.alias_spans(aliases, hay, *window) == spans(A.word_matches(pattern, hay, *window))
    assert A.alias_spans(("hamas",), "Hamas") == []


def test_person_title_search_is_the_whole_search() -> None:
    """person_title's regexes sought only in the stretches before a surname find what a search of the whole text
    finds (texts of our own words, shuffled: titles before and after the name, punctuation, several mentions)."""
    rng = random.Random(5)
    pieces = [
        *("Interior Ministry spokesman", "provincial governor", "the city's police chief", "an adviser to"),
        *("Mayor", "mayor", "Deputy", "chief", "President", "head", "spokeswoman", "Director", "official"),
        *("Sediqi", "Sediqi,", "Sediqis", "Hassan", "O'Neil", "Ali", "Kabul", "the", "a", "of", "said", "x"),
        *(",", ".", ";", "(", ")", '"', "-", "’s", "\n", ", the", "commander,"),
    ]
    matched = 0
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(3, 40)))
        for name in ("Sediqi", "Hassan", "O'Neil"):
            before, after = N._title_regexes(name)
            whole = before.search(text) or after.search(text)
            cut = N._search_before_name(before, name, text, last=False) or N._search_before_name(
                after, name, text, last=True
            )
            assert (whole and (whole.span(), whole.re.pattern)) == (cut and (cut.span(), cut.re.pattern)), text
            matched += whole is not None
    assert matched > 500
    assert N.person_title("Sediqi", "Interior Ministry spokesman Sediq Sediqi said.") == "Interior Ministry spokesman"


def test_name_runs_are_name_run_finditer() -> None:
    """geo.name_runs finds what NAME_RUN.finditer finds, windows included (texts written for this test)."""
    from etl import geo

    texts = [
        *SENTENCES,
        "Fighting in Kabul and at Herat; xKandahar-Kunduz, the Abu Bakr al-Baghdadi group near Deir ez-Zor.",
        "atKabul inMosul ofGao nearGoma TheHague The Hague al-Qaim el-Fasher, St. Louis. Dresden. Then Gao",
        *random_texts(A.load(), 100, seed=17),
    ]
    for text in texts:
        spans = lambda found: [m.span() for m in found]  # noqa: E731
        assert spans(geo.name_runs(text)) == spans(geo.NAME_RUN.finditer(text))
        assert spans(geo.name_runs(text, 4, len(text) - 3)) == spans(geo.NAME_RUN.finditer(text, 4, len(text) - 3))


def test_a_mission_or_coalition_fighting_in_a_state_is_not_that_states_forces():
    """A hand row keyed to a country replaces the state's generated forces only when it is named by the state."""
    found = {m.text: m.actor.name for m in A.find("Kenyan troops and Chadian soldiers met a US-led coalition convoy.")}
    assert found["Kenyan troops"] == "Kenyan forces"
    text = "Somali troops and African Union troops took the town; Yemeni soldiers and the Saudi-led coalition held."
    found = {m.text: m.actor.name for m in A.find(text)}
    assert found["Somali troops"] == "Somali forces"
    assert found["African Union troops"] == "AMISOM"
    assert found["Yemeni soldiers"] == "Yemeni forces"
    assert found["Saudi-led coalition"] == "Saudi-led coalition"
    assert {m.actor.name for m in A.find("U.S. troops and Israeli soldiers")} == {"US forces", "Israeli forces"}
