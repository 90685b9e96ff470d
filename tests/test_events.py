"""Events: reports of one incident or statistic become one event, with reconciled counts and stable ids."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import columns
from etl.events import authority, build_events, consolidate, perpetrator_family, source_family


def articles_frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(article_id, published, outlet, title) rows as an articles frame."""
    frame = pd.DataFrame(rows, columns=["article_id", "published", "source", "title"])
    return frame.assign(published=pd.to_datetime(frame["published"]).astype(columns.DATE))


def reports_frame(rows: list[dict]) -> pd.DataFrame:
    """Reports with the registry's columns and types; unspecified fields empty, counts exact."""
    filled = []
    for i, row in enumerate(rows):
        row = {"kind": "incident", "victim_group": "unknown", "qualifier": "exact", **row}
        row.setdefault("report_id", f"{row['article_id']}-{i:03d}")
        n = row.pop("n")
        row.setdefault("count_low", n)
        row.setdefault("count_best", n)
        row.setdefault("count_high", n if row["qualifier"] == "exact" else None)
        if "date" in row:
            row["start_date"] = row["end_date"] = row.pop("date")
        filled.append(row)
    frame = pd.DataFrame(filled)
    for name in ("start_date", "end_date"):
        if name in frame.columns:
            frame[name] = pd.to_datetime(frame[name])
    return columns.conform(frame, "reports")


ARTICLES = articles_frame([
    ("kdh-police", "2024-03-12", "Kabul Daily", "Bomb blast hits Kandahar market"),
    ("kdh-hospital", "2024-03-13", "Afghan Wire", "Toll in Kandahar market bombing climbs"),
    ("kdh-ministry", "2024-03-14", "Regional Times", "Ministry: 14 dead in Kandahar attack"),
    ("kabul-mosque", "2024-03-12", "Kabul Daily", "Gunmen attack mosque in Kabul"),
])
KANDAHAR = [
    {"article_id": "kdh-police", "outcome": "killed", "n": 10, "date": "2024-03-12", "country_code": "AFG",
     "location": "Kandahar", "reporting_source": "police", "qualifier": "at_least", "count_high": None,
     "sentence": "A bomb hidden in a cart exploded in a crowded market in Kandahar on Tuesday, killing at least "
                 "10 people, police said."},
    {"article_id": "kdh-police", "outcome": "injured", "n": 25, "date": "2024-03-12", "country_code": "AFG",
     "location": "Kandahar", "reporting_source": "police",
     "sentence": "Another 25 were wounded, a police spokesman said."},
    {"article_id": "kdh-hospital", "outcome": "killed", "n": 12, "date": "2024-03-12", "country_code": "AFG",
     "location": "central Kandahar market", "reporting_source": "Mirwais hospital officials",
     "sentence": "Doctors at Mirwais hospital said 12 bodies had been brought in after Tuesday's explosion."},
    {"article_id": "kdh-ministry", "outcome": "killed", "n": 14, "date": "2024-03-12", "country_code": "AFG",
     "location": "Kandahar city", "reporting_source": "Interior Ministry", "perpetrator": "Taliban",
     "sentence": "The interior ministry put the toll from the market blast at 14 dead."},
]


def test_differently_worded_reports_of_one_incident_become_one_event() -> None:
    reports, events = consolidate(reports_frame(KANDAHAR), ARTICLES)
    assert reports["event_id"].nunique() == 1
    killed = events[events["outcome"] == "killed"].iloc[0]
    assert (killed["count_low"], killed["count_best"], killed["count_high"]) == (10, 14, 14)
    assert killed["reporting_source"] == "Interior Ministry"  # the latest report gives the best figure
    assert (killed["n_reports"], killed["n_articles"], killed["n_sources"]) == (3, 3, 3)
    assert killed["first_reported"] == pd.Timestamp("2024-03-12")
    assert killed["last_reported"] == pd.Timestamp("2024-03-14")
    assert set(killed["report_ids"].split(";")) == set(reports.loc[reports["outcome"] == "killed", "report_id"])
    injured = events[events["outcome"] == "injured"].iloc[0]
    assert injured["event_id"] == killed["event_id"] and injured["count_best"] == 25
    columns.validate(events, "events")


def test_two_incidents_on_the_same_day_in_one_country_stay_apart() -> None:
    kabul = {"article_id": "kabul-mosque", "outcome": "killed", "n": 6, "date": "2024-03-12", "country_code": "AFG",
             "location": "Kabul", "sentence": "Gunmen opened fire on worshippers at a mosque in Kabul on Tuesday, "
                                              "killing six people."}
    reports, events = consolidate(reports_frame([*KANDAHAR, kabul]), ARTICLES)
    assert reports["event_id"].nunique() == 2
    assert reports.loc[reports["article_id"] == "kabul-mosque", "event_id"].iloc[0] not in set(
        reports.loc[reports["article_id"] != "kabul-mosque", "event_id"])
    assert sorted(events.loc[events["outcome"] == "killed", "count_best"]) == [6, 14]


def test_one_article_about_two_incidents_gives_two_events() -> None:
    arts = articles_frame([("roundup", "2024-05-02", "Wire", "Violence across Nigeria")])
    reports = reports_frame([
        {"article_id": "roundup", "outcome": "killed", "n": 9, "date": "2024-05-01", "country_code": "NGA",
         "location": "Maiduguri", "victim_group": "civilians", "sentence": "Nine villagers died near Maiduguri."},
        {"article_id": "roundup", "outcome": "killed", "n": 4, "date": "2024-05-01", "country_code": "NGA",
         "location": "Zaria", "victim_group": "security_forces", "sentence": "Four soldiers died in Zaria."},
        {"article_id": "roundup", "outcome": "injured", "n": 11, "date": "2024-05-01", "country_code": "NGA",
         "location": "Zaria", "sentence": "Eleven people were wounded in the Zaria ambush."},
        {"article_id": "roundup", "outcome": "killed", "n": 3, "date": "2024-05-01", "country_code": "NGA",
         "victim_group": "civilians", "sentence": "Separately, three farmers were shot dead in their fields."},
    ])
    out, _ = consolidate(reports, arts)
    ids = out["event_id"].tolist()
    assert ids[0] != ids[1] == ids[2]  # two towns: two incidents; the Zaria figures are one
    assert ids[3] != ids[0]  # one article's two killed-civilians figures are two incidents


def test_victim_groups_and_outcomes_of_one_incident_share_an_event() -> None:
    arts = articles_frame([("gao", "2024-06-03", "Sahel Post", "Attack on Gao checkpoint")])
    reports = reports_frame([
        {"article_id": "gao", "outcome": "killed", "n": 3, "victim_group": "civilians", "date": "2024-06-02",
         "country_code": "MLI", "location": "Gao", "sentence": "Three civilians and five attackers were killed."},
        {"article_id": "gao", "outcome": "killed", "n": 5, "victim_group": "militants", "date": "2024-06-02",
         "country_code": "MLI", "location": "Gao", "sentence": "Three civilians and five attackers were killed."},
        {"article_id": "gao", "outcome": "injured", "n": 7, "victim_group": "security_forces",
         "date": "2024-06-02", "country_code": "MLI", "sentence": "Seven soldiers were hurt, the army said."},
    ])
    out, events = consolidate(reports, arts)
    assert out["event_id"].nunique() == 1
    assert len(events) == 3 and events["in_total"].all()


def test_a_later_higher_toll_from_the_same_source_replaces_the_earlier_one() -> None:
    arts = articles_frame([("a1", "2024-03-12", "Wire", "Blast in Mosul"), ("a2", "2024-03-13", "Wire", "Mosul toll")])
    reports = reports_frame([
        {"article_id": "a1", "outcome": "killed", "n": 10, "date": "2024-03-12", "country_code": "IRQ",
         "location": "Mosul", "reporting_source": "police", "sentence": "Police said ten people died in Mosul."},
        {"article_id": "a2", "outcome": "killed", "n": 30, "date": "2024-03-12", "country_code": "IRQ",
         "location": "Mosul", "reporting_source": "police officials",
         "sentence": "The toll from the Mosul bombing rose to 30, police said."},
    ])
    _, events = consolidate(reports, arts)
    row = events.iloc[0]
    assert (row["count_low"], row["count_best"], row["count_high"], row["n_sources"]) == (30, 30, 30, 1)
    assert row["n_reports"] == 2


def test_an_undated_later_mention_joins_the_incident_by_its_toll_and_place() -> None:
    arts = articles_frame([*ARTICLES.itertuples(index=False),
                           ("kdh-review", "2024-04-20", "Regional Times", "A month after the Kandahar bombing")])
    mention = {"article_id": "kdh-review", "outcome": "killed", "n": 14, "country_code": "AFG", "location": "Kandahar",
               "sentence": "Last month's market bombing in Kandahar killed 14 people."}
    other = {"article_id": "kdh-review", "outcome": "killed", "n": 2, "country_code": "AFG", "location": "Herat",
             "date": "2024-04-19", "sentence": "On Friday two people died in a blast in Herat."}
    out, _ = consolidate(reports_frame([*KANDAHAR, mention, other]), arts)
    ids = out.set_index("article_id")["event_id"]
    assert ids["kdh-review"].tolist()[0] == ids["kdh-ministry"]
    assert ids["kdh-review"].tolist()[1] != ids["kdh-ministry"]


def test_an_undated_count_in_an_article_of_unknown_date_joins_no_dated_incident() -> None:
    arts = pd.concat([ARTICLES, articles_frame([("afgoye", "2024-03-01", "Wire", "Car bomb near Afgoye")])])
    arts.loc[arts["article_id"] == "afgoye", "published"] = pd.NaT  # a page whose date is not known
    claim = {"article_id": "afgoye", "outcome": "killed", "n": 13, "country_code": "AFG",
             "perpetrator": "Taliban", "sentence": "The Taliban said its fighters had killed 13 people."}
    out, _ = consolidate(reports_frame([*KANDAHAR, claim]), arts)
    ids = out.set_index("article_id")["event_id"]
    assert ids["afgoye"] != ids["kdh-ministry"]


def test_a_repeated_period_statistic_is_one_event_and_another_period_is_not() -> None:
    arts = articles_frame([("un1", "2024-02-10", "Wire", "UN: civilian deaths"),
                           ("un2", "2024-02-20", "Post", "UN report"), ("un3", "2024-02-21", "Post", "Monitor report")])
    year = {"kind": "period_total", "start_date": "2023-01-01", "end_date": "2023-12-31", "country_code": "AFG",
            "victim_group": "civilians"}
    reports = reports_frame([
        {**year, "article_id": "un1", "outcome": "killed", "n": 1500, "reporting_source": "UNAMA",
         "sentence": "The UN mission said 1,500 civilians were killed in 2023."},
        {**year, "article_id": "un1", "outcome": "injured", "n": 3200, "reporting_source": "UNAMA",
         "sentence": "It said 3,200 more were wounded."},
        {**year, "article_id": "un2", "outcome": "killed", "n": 1500, "reporting_source": "United Nations",
         "sentence": "Some 1,500 civilians died last year, according to the United Nations."},
        {**year, "article_id": "un3", "outcome": "killed", "n": 1720, "start_date": "2023-07-01",
         "reporting_source": "UNAMA", "sentence": "In the second half of 2023, 1,720 civilians were killed."},
    ])
    out, events = consolidate(reports, arts)
    ids = out["event_id"].tolist()
    assert ids[0] == ids[1] == ids[2] != ids[3]
    assert events.loc[events["event_id"] == ids[0], "n_sources"].max() == 1  # UNAMA is the United Nations


def test_a_statistic_told_as_casualties_and_as_its_killed_and_wounded_is_one_event() -> None:
    arts = articles_frame([("h1-wire", "2024-07-25", "Wire", "UN: record civilian casualties"),
                           ("h1-post", "2024-07-25", "Post", "UN report on civilians"),
                           ("q1-post", "2024-04-20", "Post", "UN quarterly report")])
    half = {"kind": "period_total", "start_date": "2024-01-01", "end_date": "2024-06-30", "country_code": "SOM",
            "victim_group": "civilians", "reporting_source": "United Nations"}
    reports = reports_frame([
        {**half, "article_id": "h1-wire", "outcome": "casualties", "n": 2100,
         "sentence": "The UN said 2,100 civilians were killed or wounded in the first half of the year."},
        {**half, "article_id": "h1-post", "outcome": "killed", "n": 700,
         "sentence": "The UN said 700 civilians were killed in the first six months of 2024."},
        {**half, "article_id": "h1-post", "outcome": "injured", "n": 1400,
         "sentence": "Another 1,400 were wounded, it said."},
        {**half, "article_id": "q1-post", "outcome": "killed", "n": 400, "end_date": "2024-03-31",
         "sentence": "The UN said 400 civilians were killed in the first quarter."},
        {**half, "article_id": "q1-post", "outcome": "casualties", "n": 3000, "reporting_source": "a monitor",
         "sentence": "A monitor counted 3,000 casualties in the first half."},
    ])
    ids = consolidate(reports, arts)[0]["event_id"].tolist()
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] not in ids[:3] and ids[4] not in ids[:3]  # another period; another body's figure


def test_a_sentence_telling_a_separate_attack_is_not_the_attack_before_it() -> None:
    arts = articles_frame([("niger-ap", "2024-05-08", "Wire", "Extremists kill 17 soldiers in western Niger")])
    day = {"article_id": "niger-ap", "outcome": "killed", "date": "2024-05-07", "country_code": "NER"}
    reports = reports_frame([
        {**day, "n": 17, "victim_group": "security_forces", "location": "Tillaberi region", "span_start": 40,
         "sentence": "Extremists killed 17 soldiers in an attack on an army post in the western Tillaberi region."},
        {**day, "n": 4, "victim_group": "civilians", "location": "Bosso", "span_start": 400,
         "sentence": "In a separate attack on Tuesday, fighters killed four civilians in a village near Bosso."},
        {**day, "n": 2, "victim_group": "civilians", "span_start": 600,
         "sentence": "Elsewhere, two herders were shot dead by unknown gunmen."},
    ])
    ids = consolidate(reports, arts)[0]["event_id"].tolist()
    assert len(set(ids)) == 3  # a region and a town no longer merge when the sentence says it is another attack


def test_event_ids_are_stable_when_articles_are_added_and_order_does_not_matter() -> None:
    first, _ = consolidate(reports_frame(KANDAHAR[:2]), ARTICLES)
    later, _ = consolidate(reports_frame(KANDAHAR), ARTICLES)
    assert later["event_id"].nunique() == 1
    assert later["event_id"].iloc[0] == first["event_id"].iloc[0]
    shuffled, _ = consolidate(reports_frame(KANDAHAR).iloc[::-1], ARTICLES)
    assert shuffled["event_id"].iloc[0] == later["event_id"].iloc[0]


def test_stored_event_ids_are_kept() -> None:
    stored = reports_frame(KANDAHAR).assign(event_id="ev-from-the-store")
    stored.loc[stored["article_id"] == "kdh-ministry", "event_id"] = pd.NA  # a newly ingested article
    out, events = consolidate(stored, ARTICLES)
    assert set(out["event_id"]) == {"ev-from-the-store"} == set(events["event_id"])


def test_in_total_counts_one_breakdown_per_event() -> None:
    arts = articles_frame([("b1", "2024-03-02", "Wire", "Rafah strike"), ("b2", "2024-03-03", "Post", "Rafah strike")])
    base = {"date": "2024-03-01", "country_code": "PSE", "location": "Rafah", "outcome": "killed"}
    reports = reports_frame([
        {**base, "article_id": "b1", "n": 10, "sentence": "Ten people were killed in Rafah."},
        {**base, "article_id": "b2", "n": 3, "victim_group": "civilians", "sentence": "Ten died, three children."},
        {**base, "article_id": "b2", "n": 7, "victim_group": "unknown", "sentence": "Ten died, three children."},
    ])
    out, events = consolidate(reports, arts)
    assert out["event_id"].nunique() == 1
    counted = events[events["in_total"]]
    assert counted["count_best"].sum() == 10
    assert set(counted["victim_group"]) == {"civilians", "unknown"}


def test_build_events_and_consolidate_handle_empty_and_bad_input() -> None:
    out, events = consolidate(columns.empty_frame("reports"), ARTICLES)
    assert out.empty and "event_id" in out.columns and events.empty
    with pytest.raises(ValueError, match="lacks required columns: outcome"):
        consolidate(pd.DataFrame({"report_id": ["r"], "article_id": ["a"], "kind": ["incident"],
                                  "victim_group": ["unknown"]}), ARTICLES)
    with pytest.raises(ValueError, match="event_id"):
        build_events(reports_frame(KANDAHAR), ARTICLES)


def test_names_of_sources_and_perpetrators_are_normalised() -> None:
    assert source_family("UNAMA") == source_family("U.N.") == source_family("United Nations") == "united nations"
    assert source_family("a police spokesman") == source_family("Police") == "police"
    assert authority("Ministry of Health") > authority("police") > authority("Reuters witnesses") > authority(None)
    assert perpetrator_family("ISIL") == perpetrator_family("IS militants") == "islamic state"
    assert perpetrator_family("unidentified gunmen") == ""


def test_a_toll_as_of_publication_joins_its_attack_of_two_days_before() -> None:
    arts = articles_frame(
        [
            ("hm-1", "2024-05-02", "Wire", "Bomb hits Hama bus station"),
            ("hm-2", "2024-05-04", "Post", "Hama bombing toll rises to 21"),
        ]
    )
    base = {"country_code": "SYR", "location": "Hama"}
    reports = reports_frame(
        [
            {
                **base,
                "article_id": "hm-1",
                "outcome": "killed",
                "n": 12,
                "date": "2024-05-02",
                "sentence": "A bomb hit the Hama bus station on Thursday, killing 12 people.",
            },
            {
                **base,
                "article_id": "hm-2",
                "outcome": "killed",
                "n": 21,
                "date": "2024-05-04",
                "sentence": "The bombing two days ago in Hama has now killed 21 people, a doctor said.",
            },
            {
                **base,
                "article_id": "hm-2",
                "outcome": "injured",
                "n": 40,
                "date": "2024-05-02",
                "location": None,
                "sentence": "Forty people were wounded in Thursday's blast.",
            },
        ]
    )
    out, events = consolidate(reports, arts)
    assert out["event_id"].nunique() == 1
    killed = events[(events["outcome"] == "killed") & events["in_total"]]
    assert killed["count_best"].sum() == 21


def test_two_sources_figures_for_one_quantity_make_a_range_not_a_partition() -> None:
    arts = articles_frame([("id-1", "2024-02-11", "Wire", "Strike on Idlib market")])
    base = {
        "article_id": "id-1",
        "date": "2024-02-10",
        "country_code": "SYR",
        "location": "Idlib",
        "outcome": "killed",
        "victim_group": "civilians",
    }
    reports = reports_frame(
        [
            {
                **base,
                "n": 14,
                "reporting_source": "the observatory",
                "sentence": "The observatory said 14 civilians were killed; the White Helmets said 19.",
            },
            {
                **base,
                "n": 19,
                "reporting_source": "White Helmets",
                "sentence": "The observatory said 14 civilians were killed; the White Helmets said 19.",
            },
        ]
    )
    out, events = consolidate(reports, arts)
    assert out["event_id"].nunique() == 1
    row = events[events["in_total"]]
    assert len(row) == 1 and row["count_low"].iloc[0] == 14 and row["count_high"].iloc[0] == 19


def test_two_sources_breakdowns_of_one_toll_count_once_with_the_highest_total_as_high() -> None:
    arts = articles_frame([("af-1", "2024-06-03", "Wire", "Car bomb kills eight in Azaz")])
    base = {"article_id": "af-1", "date": "2024-06-02", "country_code": "SYR", "location": "Azaz", "outcome": "killed"}
    reports = reports_frame(
        [
            {
                **base,
                "n": 3,
                "victim_group": "civilians",
                "reporting_source": "civil defence",
                "sentence": "The car bomb killed eight people, including three children, the civil defence said.",
            },
            {
                **base,
                "n": 5,
                "reporting_source": "civil defence",
                "sentence": "The car bomb killed eight people, including three children, the civil defence said.",
            },
            {
                **base,
                "n": 2,
                "victim_group": "militants",
                "reporting_source": "a monitoring group",
                "sentence": "A monitoring group said nine were killed, two of them fighters.",
            },
            {
                **base,
                "n": 7,
                "reporting_source": "a monitoring group",
                "sentence": "A monitoring group said nine were killed, two of them fighters.",
            },
        ]
    )
    out, events = consolidate(reports, arts)
    assert out["event_id"].nunique() == 1
    counted = events[events["in_total"]]
    assert counted["count_best"].sum() == 8 and counted["count_high"].sum() == 9


def test_a_country_is_where_it_happened_not_the_victims_nationality() -> None:
    arts = articles_frame([("dm-1", "2024-07-08", "Wire", "Strike on Damascus flat")])
    base = {"article_id": "dm-1", "date": "2024-07-07", "outcome": "killed"}
    reports = reports_frame(
        [
            {
                **base,
                "n": 3,
                "country_code": "SYR",
                "location": "Damascus",
                "sentence": "A missile strike hit a flat in Damascus, killing three people, state media said.",
            },
            {
                **base,
                "n": 4,
                "country_code": "IRN",
                "reporting_source": "a monitoring group",
                "sentence": "A monitoring group said four were killed, two of them Iranian advisers.",
            },
        ]
    )
    out, events = consolidate(reports, arts)
    assert set(out["country_code"]) == {"SYR"}
    assert out["event_id"].nunique() == 1


def test_a_same_toll_in_two_towns_from_two_sources_stays_two_incidents() -> None:
    arts = articles_frame([("tw-1", "2024-06-03", "Wire", "Two attacks in Borno")])
    base = {"article_id": "tw-1", "date": "2024-06-02", "country_code": "NGA", "outcome": "killed"}
    reports = reports_frame(
        [
            {
                **base,
                "n": 5,
                "location": "Maiduguri",
                "reporting_source": "police",
                "sentence": "Police said five people were killed in Maiduguri.",
            },
            {
                **base,
                "n": 6,
                "location": "Damboa",
                "reporting_source": "residents",
                "sentence": "In Damboa, residents said six were killed in a separate raid.",
            },
        ]
    )
    out, _ = consolidate(reports, arts)
    assert out["event_id"].nunique() == 2


def test_a_later_article_toll_dated_by_its_own_day_joins_the_attack_days_before_in_that_place() -> None:
    arts = articles_frame([
        ("zp-1", "2024-09-02", "Wire", "Missile hits Sumy apartment block"),
        ("zp-2", "2024-09-05", "Post", "Sumy toll reaches 19 as search ends"),
        ("zp-3", "2024-09-05", "Post", "Shelling in Kharkiv"),
    ])
    reports = reports_frame([
        {"article_id": "zp-1", "outcome": "killed", "n": 7, "date": "2024-09-02", "country_code": "UKR",
         "location": "Sumy", "sentence": "A missile struck an apartment block in Sumy on Monday, killing seven."},
        {"article_id": "zp-2", "outcome": "killed", "n": 19, "date": "2024-09-05", "country_code": "UKR",
         "location": "Sumy", "sentence": "Rescuers in Sumy ended their search on Thursday; 19 people died."},
        {"article_id": "zp-3", "outcome": "killed", "n": 19, "date": "2024-09-05", "country_code": "UKR",
         "location": "Kharkiv", "sentence": "Shelling of Kharkiv on Thursday killed 19 people."},
    ])
    out, _ = consolidate(reports, arts)
    ids = dict(zip(out["article_id"], out["event_id"], strict=True))
    assert ids["zp-1"] == ids["zp-2"] != ids["zp-3"]


def test_a_sentence_that_says_where_keeps_its_country() -> None:
    arts = articles_frame([("mg-1", "2024-07-08", "Wire", "Raid in Mogadishu")])
    base = {"article_id": "mg-1", "date": "2024-07-07", "outcome": "killed"}
    reports = reports_frame([
        {**base, "n": 5, "country_code": "SOM", "location": "Mogadishu",
         "sentence": "Gunmen raided a hotel in Mogadishu, killing five people."},
        {**base, "n": 3, "country_code": "KEN",
         "sentence": "The same day, three police officers were killed in a raid in Kenya, officials said."},
    ])
    out, _ = consolidate(reports, arts)
    assert list(out["country_code"]) == ["SOM", "KEN"]


def test_each_sentence_recalling_an_undated_incident_recalls_its_own() -> None:
    # a dated article recalls two earlier attacks in two sentences: two incidents, not one, even with no place
    arts = articles_frame([("lumbo-blast", "2024-06-04", "Wire", "Bomb kills 9 at Lumbo bus station")])
    reports = reports_frame([
        {"article_id": "lumbo-blast", "outcome": "killed", "n": 9, "date": "2024-06-03", "country_code": "NGA",
         "location": "Lumbo", "sentence": "A bomb killed nine people at the Lumbo bus station on Monday."},
        {"article_id": "lumbo-blast", "outcome": "killed", "n": 1, "country_code": "NGA",
         "victim_group": "security_forces",
         "sentence": "A year ago, a gunman shot dead a police officer at the same station."},
        {"article_id": "lumbo-blast", "outcome": "killed", "n": 60, "country_code": "NGA", "location": "Kafa",
         "sentence": "Twin bombings last year killed 60 people in Kafa, a town to the north."},
    ])
    ids = consolidate(reports, arts)[0]["event_id"].tolist()
    assert len({ids[0], ids[1], ids[2]}) == 3
    # an article whose date is unknown dates nothing: its undated killed and injured may be one incident
    undated = articles_frame([("taro-raid", "2024-06-04", "Upload", "Raid on Taro")]).assign(published=pd.NaT)
    reports = reports_frame([
        {"article_id": "taro-raid", "outcome": "killed", "n": 12, "country_code": "NGA", "location": "Taro",
         "sentence": "Gunmen killed 12 villagers in Taro."},
        {"article_id": "taro-raid", "outcome": "injured", "n": 20, "country_code": "NGA",
         "sentence": "Twenty more were wounded, residents said."},
    ])
    ids = consolidate(reports, undated)[0]["event_id"].tolist()
    assert ids[0] == ids[1]


def test_candidate_pairs_come_once_each_and_statistics_only_over_one_start() -> None:
    # the clustering keeps only the pairs that link: each pair must be offered once, however it is found
    from etl import events

    arts = articles_frame([
        ("wire-a", "2024-05-02", "Wire A", "Clashes in the north"),
        ("wire-b", "2024-05-03", "Wire B", "Fighting goes on"),
        ("wire-c", "2024-05-20", "Wire C", "Monthly toll"),
    ])
    reports = reports_frame([
        {"article_id": "wire-a", "outcome": "killed", "n": 7, "country_code": "MLI", "location": "Gao",
         "sentence": "Seven soldiers were killed near Gao, the army said."},
        {"article_id": "wire-b", "outcome": "killed", "n": 7, "country_code": "MLI", "location": "Gao",
         "sentence": "An attack near Gao killed seven troops, officials said."},
        {"article_id": "wire-c", "outcome": "killed", "n": 8, "country_code": "MLI", "location": "Gao",
         "sentence": "Eight soldiers died in an ambush near Gao this spring."},
        {"article_id": "wire-a", "outcome": "killed", "n": 120, "kind": "period_total", "country_code": "MLI",
         "start_date": "2024-04-01", "end_date": "2024-04-30", "sentence": "In April, 120 civilians were killed."},
        {"article_id": "wire-c", "outcome": "killed", "n": 121, "kind": "period_total", "country_code": "MLI",
         "start_date": "2024-04-01", "end_date": "2024-04-30", "sentence": "April's toll was 121 civilians."},
        {"article_id": "wire-b", "outcome": "killed", "n": 120, "kind": "period_total", "country_code": "MLI",
         "start_date": "2024-03-01", "end_date": "2024-04-30", "sentence": "Since March, 120 have been killed."},
    ])
    frame = events._published(events._checked(reports).reset_index(drop=True), arts)
    reps = events._features(frame)
    pairs = [tuple(sorted(p)) for p in events._candidates(reps)]
    assert len(pairs) == len(set(pairs))  # two undated mentions of one toll meet once, not from both sides
    statistics = {i for i, r in enumerate(reps) if r.kind == "period_total"}
    cross = [(i, j) for i, j in pairs if {i, j} <= statistics and reps[i].article != reps[j].article]
    assert [sorted(reps[k].best for k in pair) for pair in cross] == [[120.0, 121.0]]  # same start only


def test_an_act_on_the_publication_day_named_by_its_sentence_is_not_a_toll_of_the_day_before() -> None:
    """A report dated by a day its own sentence names ("police killed a suspect on Friday", published on Friday) is
    that act's day: unlike a toll as it stands when written, it does not join yesterday's attack without a day's
    penalty, and the attack's unplaced reports stay with the attack."""
    arts = articles_frame([("lm-1", "2024-05-03", "Wire", "Police kill one militant after Lumbo siege")])
    base = {"article_id": "lm-1", "country_code": "NGA"}
    said_thursday = "count.number_phrase;link.passive;time.sentence_day"
    reports = reports_frame(
        [
            {**base, "outcome": "killed", "victim_group": "militants", "n": 1, "date": "2024-05-03",
             "location": "Lumbo province", "rules": "count.number_phrase;link.active_object;time.sentence_day",
             "sentence": "Police killed one suspected militant in raids across Lumbo province on Friday, a day "
                         "after the siege."},
            {**base, "outcome": "killed", "victim_group": "militants", "n": 4, "date": "2024-05-02",
             "rules": said_thursday,
             "sentence": "Nine people were killed in Thursday's siege near the market, and four of them were the "
                         "attackers themselves."},
            {**base, "outcome": "killed", "n": 5, "date": "2024-05-02", "rules": said_thursday,
             "sentence": "Nine people were killed in Thursday's siege near the market, and four of them were the "
                         "attackers themselves."},
            {**base, "outcome": "injured", "n": 30, "date": "2024-05-02",
             "rules": "count.number_phrase;link.passive;time.continued_day",
             "sentence": "Thirty people were wounded, including two police officers."},
        ]
    )
    out, _ = consolidate(reports, arts)
    ids = out.set_index("count_best")["event_id"]
    assert ids[4] == ids[5] == ids[30]
    assert ids[1] != ids[4]


def test_a_mention_of_the_country_s_capital_meets_the_city_s_own_name() -> None:
    """'the Kenyan capital' is Nairobi (etl/conventions/capitals.csv); 'the provincial capital' is some other city."""
    arts = articles_frame(
        [
            ("nb-1", "2024-06-03", "Wire", "Bomb hits Nairobi bus station"),
            ("nb-2", "2024-06-14", "Post", "Kenya tightens security at bus stations"),
            ("nb-3", "2024-06-14", "Daily", "Kenya tightens security after attacks"),
        ]
    )
    reports = reports_frame(
        [
            {"article_id": "nb-1", "outcome": "killed", "n": 12, "date": "2024-06-03", "country_code": "KEN",
             "location": "Nairobi", "sentence": "A bomb at a Nairobi bus station killed 12 people on Monday."},
            {"article_id": "nb-2", "outcome": "killed", "n": 12, "country_code": "KEN", "location": "Kenyan capital",
             "sentence": "The bombing of a bus station in the Kenyan capital that killed 12 people shocked the "
                         "country."},
            {"article_id": "nb-3", "outcome": "killed", "n": 12, "country_code": "KEN",
             "location": "provincial capital",
             "sentence": "The bombing of a bus station in the provincial capital that killed 12 people was the "
                         "second this year."},
        ]
    )
    out, _ = consolidate(reports, arts)
    ids = out.set_index("article_id")["event_id"]
    assert ids["nb-1"] == ids["nb-2"]
    assert ids["nb-3"] != ids["nb-1"]


def test_undated_descriptions_of_undated_articles_stay_apart() -> None:
    """Incident descriptions with no publication date and no day (an incident list): nothing places them in time,
    so two bombings of one city with near tolls are two events, not one."""
    arts = articles_frame([("list-1", None, "List", None), ("list-2", None, "List", None)])
    reports = reports_frame(
        [
            {"article_id": "list-1", "outcome": "killed", "n": 20, "country_code": "KEN", "location": "Nairobi",
             "sentence": "A car bomb killed 20 people outside a hotel in Nairobi."},
            {"article_id": "list-2", "outcome": "killed", "n": 22, "country_code": "KEN", "location": "Nairobi",
             "sentence": "A suicide bomber killed 22 people at a market in Nairobi."},
        ]
    )
    out, _ = consolidate(reports, arts)
    assert out["event_id"].nunique() == 2


def test_two_event_notes_are_two_events_however_alike() -> None:
    """Event notes (an ACLED note, a GTD summary: short, dated only by their own text) are each one event; a news
    story of that day may still join one of them."""
    arts = articles_frame(
        [
            ("note-1", "2025-05-04", "Notes", None),
            ("note-2", "2025-05-04", "Notes", None),
            ("story", "2025-05-05", "Wire", "Militants ambush convoy in Lower Shabelle"),
        ]
    ).assign(published_inferred=[True, True, False], text_length=[180, 200, 2400])
    base = {"outcome": "killed", "victim_group": "security_forces", "date": "2025-05-04", "country_code": "SOM",
            "perpetrator": "al-Shabaab"}
    reports = reports_frame(
        [
            {**base, "article_id": "note-1", "n": 2,
             "sentence": "Al-Shabaab militants attacked an army post, killing 2 soldiers."},
            {**base, "article_id": "note-2", "n": 2,
             "sentence": "Al-Shabaab militants ambushed a military convoy, killing 2 soldiers."},
            {**base, "article_id": "story", "n": 2,
             "sentence": "Al-Shabaab militants ambushed a military convoy on Sunday, killing two soldiers."},
        ]
    )
    out, _ = consolidate(reports, arts)
    ids = out.set_index("article_id")["event_id"]
    assert ids["note-1"] != ids["note-2"]
    assert ids["story"] in (ids["note-1"], ids["note-2"])


def test_areas_held_by_two_sides_are_two_places() -> None:
    """'Air strikes on rebel-held districts' and 'in government-held areas, rebel shelling' are two incidents of one
    city and day; a second article's 'opposition-held neighbourhoods' are the first's side again."""
    arts = articles_frame(
        [("alp-1", "2024-04-28", "Wire", "Strikes and shelling kill dozens in Taro"),
         ("alp-2", "2024-04-28", "Post", "Air raids pound Taro")]
    )
    base = {"outcome": "killed", "date": "2024-04-28", "country_code": "SYR", "location": "Taro"}
    reports = reports_frame(
        [
            {**base, "article_id": "alp-1", "n": 30, "victim_group": "civilians",
             "sentence": "Air strikes on rebel-held districts of Taro killed at least 30 civilians on Thursday."},
            {**base, "article_id": "alp-1", "n": 14, "perpetrator": "rebels",
             "sentence": "In government-held areas of Taro, rebel mortar fire killed 14 people, state media said."},
            {**base, "article_id": "alp-2", "n": 31, "victim_group": "civilians",
             "sentence": "Warplanes struck opposition-held neighbourhoods of Taro, killing 31 civilians."},
        ]
    )
    out, _ = consolidate(reports, arts)
    ids = out.set_index("count_best")["event_id"]
    assert ids[30] != ids[14]
    assert ids[30] == ids[31]


def test_un_missions_are_the_united_nations() -> None:
    assert {source_family(s) for s in ("UNMISS", "MINUSCA", "MONUSCO", "United Nations")} == {"united nations"}
