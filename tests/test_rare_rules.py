"""Rules that act on fewer than three documents of the four dev sets (issue 9): each is kept only with sentences of
its language class, written for this test and worded apart from its example in rule_table.py. Each sentence must
make its rule act; `python -m etl rules --stats` over the dev sets lists the rules, docs/codebook.md the policy.
(consolidate.initial_superseded also acts on three articles of data/sample, which tests/test_events_sample.py needs.)"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.engine.article import extract_article
from etl.lexicon import load

PUB = dt.date(2024, 3, 14)  # a Thursday

CASES = [
    ("link.to_death", "Rebels hacked two herders to death near the wells of Sako on Tuesday."),
    ("link.to_death", "Militiamen stoned three preachers to death in Lumbo on Sunday."),
    ("link.lives", "The militia raid on Sako on Tuesday claimed 9 villagers' lives."),
    ("link.lives", "The bombing of Lumbo on Sunday took 14 civilians' lives."),
    ("victims.the_dead_included", "A car bomb in Sako on Tuesday killed 15 people. The dead included 3 policemen."),
    ("victims.the_dead_included", "Rebels shelled Lumbo on Sunday, killing 30 people. Among the dead were 8 children."),
    ("victims.all_killed_aside", "Three attackers, all since killed, stormed the hotel in Sako on Tuesday."),
    ("victims.all_killed_aside", "Five gunmen, all since killed, raided the bank in Lumbo on Sunday."),
    ("victims.of_the_dead", "Shelling of Sako on Tuesday killed 12 people. Five of the dead were children."),
    ("victims.of_the_dead", "A bomb in Lumbo on Sunday injured 40 people. Nine of the injured were policemen."),
    ("group.attackers_clause", "Soldiers killed three men who attacked a convoy near Sako on Tuesday."),
    ("group.attackers_clause", "Guards shot dead a man who opened fire on worshippers in Lumbo on Sunday."),
    ("group.context_adjective", "Civilian casualties in Sako keep rising, monitors said. On Tuesday there were 25 "
                              "deaths."),
    ("group.context_adjective", "Civilian casualties in Lumbo have grown, the mission said. On Sunday there were 12 "
                              "deaths and 30 injuries."),
    ("filter.rate", "Shelling kills a child every two days in Sako province, the agency said."),
    ("filter.rate", "Militias in Lumbo kill one farmer every week, monitors said."),
    ("filter.denied", "Troops shelled the camp in Sako on Tuesday without killing civilians."),
    ("filter.denied", "Rebels shelled the town of Lumbo on Sunday without wounding civilians."),
    ("filter.superseded", "The toll from the raid on Sako on Tuesday rose from 12 to 19 dead."),
    ("filter.superseded", "The death toll from the Lumbo bombing on Sunday climbed from 5 to 8 dead."),
    ("filter.superseded", "Rebels raided Sako on Tuesday. The death toll rose from 12 to 19, police said."),
    ("group.severity_participle", "Rebels stabbed four villagers in Sako on Tuesday, seriously wounding two."),
    ("group.severity_participle", "A militant wounded six people in a knife attack in Lumbo on Sunday, badly injuring "
                                  "three of them."),
    ("count.killed_of_injured", "A suicide bomber wounded nine soldiers in Sako on Tuesday, two of whom later died."),
    ("count.killed_of_injured", "Militants stabbed five guards at a gate in Lumbo on Sunday, killing one."),
    ("filter.severity_subset", "A grenade in Sako on Tuesday injured 11 people, three of them critically."),
    ("filter.severity_subset", "A blast in Lumbo on Sunday injured 14 people, four of them seriously."),
    ("time.since_aside", "Troops killed 12 rebels in Sako on Tuesday, including a commander who had led attacks in "
                         "the hills since 2019."),
    ("time.since_aside", "Police shot dead 4 gunmen in Lumbo on Sunday, including a man who had planned bombings in "
                         "the region since 2020."),
    ("time.comparison_since", "A truck bomb killed 41 people in Sako on Tuesday, the worst attack there since 2015."),
    ("time.comparison_since", "Gunmen killed 17 villagers in Lumbo on Sunday, the deadliest raid in the area "
                              "since 2018."),
    ("time.large_count_total", "About 25,000 people have died in Sako province, the mission said."),
    ("time.large_count_total", "More than 3,000 civilians were killed in the Lumbo region, a rights group said."),
    ("time.toll_attack_day", "Gunmen stormed a hotel in Sako on Sunday.\n\nOn Tuesday the death toll rose to 17, "
                             "police said."),
    ("time.toll_attack_day", "A suicide bomber struck Lumbo on Friday.\n\nOn Monday the death toll rose to 40, "
                             "officials said."),
    ("consolidate.updated_toll", "A blast in Sako on Tuesday killed 6 people. Later on Tuesday the death toll rose "
                                 "to 10."),
    ("consolidate.updated_toll", "Rebels killed 20 people in Lumbo on Sunday. On Sunday night the death toll rose "
                                 "to 27 people."),
    ("consolidate.split_repeats", "A raid on Sako killed 12 people on Tuesday. Twelve people died, three of them "
                                  "women, on Tuesday."),
    ("consolidate.split_repeats", "Shelling of Lumbo killed 9 people on Sunday. Nine people died, two of them "
                                  "children, on Sunday."),
    ("consolidate.bodies_in_toll", "Gunmen killed 18 people in Sako on Tuesday. Later 21 bodies were taken to the "
                                   "hospital."),
    ("consolidate.bodies_in_toll", "A bomb killed 30 people in Lumbo on Sunday. On Sunday night 34 bodies lay in the "
                                   "morgue."),
    ("date.numeric_order", "Gunmen killed two guards near Lumbo on 10/03/2024, police said."),
    ("date.numeric_order", "Rebels killed four soldiers near Sako on 11/02/2024, the army said."),
    ("victims.pair_object", "Gunmen shot and killed a shepherd and his nephew on Tuesday near the town of Sako."),
    ("victims.pair_object", "Militants shot dead a trader and his cousin near Lumbo on Sunday."),
    ("victims.wounded_and_later_died", "Rebels shelled a post near Sako on Tuesday. One guard was wounded in the "
                                      "attack and later died."),
    ("victims.wounded_and_later_died", "A bomb hit a bus in Lumbo on Sunday. One passenger was hurt in the blast and "
                                      "later died."),
    ("time.toll_possessive_day", "Rebels are active near Sako.\n\nMarkets were shut.\n\nThe toll from Sunday's attack "
                                 "on Sako rose to 22 on Tuesday."),
    ("time.toll_possessive_day", "Militants hold the hills near Lumbo.\n\nRoads were closed.\n\nThe death toll from "
                                 "Friday's bombing in Lumbo rose to 35 on Sunday."),
    ("time.wire_dateline", "SAKO, April 2 (Wire) - Rebels killed 7 soldiers near Sako."),
    ("time.wire_dateline", "LUMBO, Feb 9 (Agency) - A bomb killed 5 people at a market in Lumbo."),
    ("time.wire_dateline", "SAKO, April 2 - Rebels killed 7 soldiers near Sako on Monday."),
    ("note.mutual_blame", "Shelling killed 8 people in Sako on Tuesday. Sudan and Chad traded blame for the raid."),
    ("note.mutual_blame", "Rockets hit Lumbo on Sunday, killing 6. Israel and Lebanon blamed one another for the "
                          "attack."),
    ("note.mutual_blame_sides", "Indian troops and Pakistani soldiers exchanged fire in Sako on Tuesday, killing "
                                "4. The two countries accused each other of starting it."),
    ("note.mutual_blame_sides", "Ethiopian forces and Eritrean troops clashed near Lumbo on Sunday, leaving 9 "
                                "dead. Both sides blamed each other for the shelling."),
    ("perpetrator.not_speaker", "Mortar fire killed 5 villagers in Sako on Tuesday, the Malian army said."),
    ("victims.nationality_singular", "A Canadian engineer was killed when militants attacked the mine near Sako."),
    ("victims.nationality_singular", "A Japanese surveyor was wounded by shelling in Lumbo on Sunday."),
    ("victims.nationality_noun", "Three Italians, a Swiss and an Austrian were wounded in the bombing in Sako."),
    ("victims.nationality_noun", "Gunmen raided a hotel in Lumbo on Sunday. A Swiss and two Germans were killed."),
    ("source.said_where", "Shelling killed 6 people in Sako on Tuesday, the mayor said on television."),
    ("source.said_where", "A drone hit a bus in Lumbo on Sunday, killing 4, the governor said in a video message."),
    ("note.government_blamed", "Shelling killed 7 villagers in Sako on Tuesday. Residents blamed the Sudanese "
                               "authorities for the attack."),
    ("note.government_blamed", "A drone strike killed 5 people in Lumbo on Sunday. Rebels accused the Ethiopian "
                               "government of the strike."),
    ("filter.toll_increment", "Four more victims of the shelling of Sako died in hospital on Tuesday, taking the "
                              "toll to 19."),
    ("filter.toll_increment", "Two more villagers died of their wounds in Lumbo on Sunday, pushing the death toll to "
                              "23."),
    ("group.among_total", "Two nurses were among 14 people killed when rebels shelled the hospital in Sako."),
    ("group.among_total", "Five policemen were among the 20 killed in the ambush near Lumbo on Sunday."),
    ("note.hallmarks", "Gunmen killed 9 traders in Sako on Tuesday. The raid had all the hallmarks of JNIM, a "
                       "security source said."),
    ("note.hallmarks", "A bomb tore through a bus in Lumbo on Sunday, killing 11. Analysts said it bore the "
                       "hallmarks of an al-Shabaab attack."),
    ("note.place_not_blamer", "Amnesty International said 90 villagers died in Mali in March, and blamed JNIM "
                              "for the massacre."),
    ("note.place_not_blamer", "Human Rights Watch said 40 people were shot in Nigeria last week, and accused "
                              "ISWAP of the killings."),
    ("place.own_clause", "A car bomb killed 6 people in Gao on Tuesday, while a mine killed 2 herders near "
                         "Timbuktu."),
    ("place.own_clause", "Shelling killed 4 civilians in Donetsk on Sunday; in Kharkiv, a missile killed 3."),
    ("perpetrator.own_clause", "A landmine killed 4 farmers near Sako on Tuesday, while Boko Haram fighters killed "
                               "7 herders in Lumbo."),
    ("perpetrator.own_clause", "Drones killed 3 people in Lumbo on Sunday, whereas al-Shabaab gunmen killed 5 "
                               "traders in Sako."),
    ("perpetrator.not_speaker", "The Nigerian military said a landmine killed 3 farmers near Lumbo on Sunday."),
    ("consolidate.hospital_subsets", "A bomb in Sako on Tuesday wounded 50 people. 12 remained in hospital on "
                                     "Wednesday."),
    ("consolidate.hospital_subsets", "Rockets hit Lumbo on Sunday and wounded 33 people. 9 remained in hospital on "
                                     "Monday."),
    ("consolidate.injured_died_in_toll", "The death toll from Tuesday's bombing in Sako rose to 15. Three of the "
                                         "injured died in hospital."),
    ("consolidate.injured_died_in_toll", "The toll from the Lumbo attack on Sunday rose to 9 dead. Two of the wounded "
                                         "died on Monday."),
    ("group.dash_inclusion", "Gunmen fired on a bus near Sako on Tuesday. Seven passengers - including two nurses - "
                             "were killed."),
    ("group.dash_inclusion", "Rebels shelled Lumbo on Sunday. Ten people — among them a doctor — were killed."),
    ("consolidate.toll_of_all", "Rebels killed 20 villagers in Lumbo on Sunday. On Sunday night the death toll rose "
                                "to 27 people."),
    ("consolidate.toll_of_all", "Gunmen killed 8 worshippers at a mosque in Sako on Tuesday. By Wednesday the death "
                                "toll had risen to 11."),
    ("consolidate.initial_superseded", "Gunmen killed 30 people in Sako on Tuesday. Officials had first reported "
                                       "22 dead."),
    ("consolidate.initial_superseded", "A bomb in Lumbo on Sunday killed 17 people. An initial toll had put the "
                                       "dead at 12."),
    ("group.colon_adjective", "The mission counted civilian casualties in Sako in 2023: 410 deaths and 900 injuries."),
    ("group.colon_adjective", "Monitors gave the year's civilian casualties in Lumbo: 75 deaths and 160 injuries."),
    ("perpetrator.passive_agent", "More than 60 fishermen have been killed by Eritreans since 2019, in raids the "
                                  "Sudanese army failed to stop."),
    ("perpetrator.passive_agent", "In the attack on Lumbo on Monday, 12 villagers were killed by gunmen, and Somali "
                                  "troops later arrived."),
    ("perpetrator.victims_side", "The Taliban's chief in the district and three of his aides were killed in a raid "
                                 "near Sako on Tuesday."),
    ("perpetrator.victims_side", "Four traders who were members of Hezbollah were killed in a blast near Lumbo on "
                                 "Monday."),
    ("perpetrator.unclaimed_elsewhere", "Gunmen killed 5 traders at a bank in Sako on Tuesday.\n\nNo group has "
                                        "claimed the attack. Police sealed off the street.\n\nIn March, Boko Haram "
                                        "claimed the bombing of a church in the north of the country."),
    ("perpetrator.unclaimed_elsewhere", "A suicide bomber killed 9 people at a wedding in Taro on Sunday. No one has "
                                        "claimed the attack.\n\nGuests fled.\n\nIslamic State claimed "
                                        "responsibility for a blast at a mosque there last year."),
    ("perpetrator.forces_ended_attack", "Chadian soldiers broke the siege of a school in Sako on Tuesday, with 11 "
                                        "pupils killed in the raid. Boko Haram claimed the attack on Wednesday."),
    ("perpetrator.forces_ended_attack", "Malian troops retook the hotel in Sako on Tuesday, where 17 guests had been "
                                        "killed. Al-Qaeda claimed responsibility for the attack."),
    ("note.hyphen_claimed", "On Friday a Taliban-claimed suicide attack on a police post in Sako killed 7 officers."),
    ("note.hyphen_claimed", "Last month an ISWAP-claimed raid on a base near Lumbo killed 14 soldiers."),
    ("note.reduced_passive", "Drones hit a base near Sako on Tuesday. The Boko Haram fighters killed on Tuesday were "
                             "new recruits, officials said."),
    ("note.reduced_passive", "Jets bombed Lumbo on Sunday. Al-Shabaab fighters killed in the raid had trained in "
                             "Baidoa, residents said."),
    ("note.pronoun_namer", "Gunmen killed 6 guards in Sako on Tuesday. The army chief spoke to the press about "
                           "Boko Haram, and he identified a man called Musa Bako as the ringleader."),
    ("note.pronoun_namer", "A bomb killed 9 people in Lumbo on Sunday. The governor told reporters the PKK was "
                           "not involved, and she later named Deniz Kaya as the bomber."),
    ("place.landmark_city", "A car bomb went off beside the Nairobi Stadium. It killed 6 people."),
    ("place.landmark_city", "Gunmen opened fire in the Lagos Market. Eleven traders died."),
    ("place.of_country", "Shells hit the north of Mali on a market day, killing 9 Nigerien herders."),
    ("place.of_country", "A blast rocked the capital of Yemen at dawn, and 7 Saudi pilgrims were hurt."),
    ("victims.reflexive_subject", "An insurgent who killed himself and four guards at the gate of Sako on Tuesday "
                                  "had trained abroad, the army said."),
    ("victims.reflexive_subject", "A militant killed himself and three soldiers with a grenade in Lumbo on Sunday."),
    ("count.sum_along_with", "Mortars hit the camp of Sako on Tuesday. Six Kenyans were hurt, two of them badly, "
                             "together with one Ugandan."),
    ("count.sum_along_with", "Four Britons died in the hotel siege in Lumbo on Sunday along with three Australians."),
    ("consolidate.also_same_group", "A bomb exploded on a bus in Sako on Tuesday. Two Austrians were wounded, the "
                                    "embassy said. Four Czechs were also injured, a hospital said."),
    ("consolidate.also_same_group", "Rebels shelled Lumbo on Sunday, killing three farmers. Two herders were also "
                                    "killed in the shelling."),
    ("group.kin_part", "Mortars hit the camp of Sako on Tuesday, wounding nine people, including her two daughters."),
    ("group.kin_part", "Twenty people, among them his brother, were killed when rebels shelled Lumbo on Sunday."),
    ("source.definite_group_speaker", "Shelling killed 7 people in Sako on Tuesday, the Syrian Observatory for "
                                      "Human Rights said. The group says 3,400 people have died in the province "
                                      "this year."),
    ("note.state_denies", "Residents said a drone strike killed 8 people at a wedding in Sako on Tuesday. The "
                          "Danish Defence Ministry denied its aircraft had flown in the area."),
    ("note.state_denies", "Activists said jets killed 15 people in the market of Lumbo on Sunday. A statement by "
                          "the Dutch Defence Ministry denied its planes took part."),
    ("note.blamed_for", "Boko Haram fighters were blamed for the raid on the village of Sako on Tuesday, in "
                        "which 11 farmers were killed, the police said."),
    ("note.blamed_for", "Houthi rebels were blamed for the shelling of Lumbo on Sunday that killed 6 people, "
                        "officials said."),
    ("note.same_claimant", "Al-Qaeda claimed responsibility for a raid on Lumbo on Sunday in which 6 guards died. "
                           "Al-Qaeda in the Islamic Maghreb claimed the raid on its website."),
    ("note.group_agent", "Boko Haram claimed a raid on Sako on Tuesday. Police said the group has killed 40 "
                         "farmers in the district since May."),
    ("note.group_agent", "Al-Shabaab fighters raided a convoy near Lumbo on Sunday, killing 5 guards. The "
                         "jihadist group also hit two villages nearby, residents said."),
    ("note.attacker_of", "Two gunmen shot dead 6 shoppers in Lumbo on Sunday. One of the attackers was a member "
                         "of al-Shabaab, officials said."),
    ("note.attacker_of", "A man stabbed 3 guards at the gate of Sako on Tuesday. The assailant, who was shot by "
                         "police, was inspired by Islamic State, prosecutors said."),
    ("note.renewed_attack", "Rebels attacked a checkpoint in Sako on Tuesday, killing 4 soldiers. Near Lumbo, "
                            "government forces resumed their air strikes on rebel villages."),
    ("note.believes_it_did", "The Nigerian army believes it killed 30 Boko Haram fighters near Sako on Tuesday."),
    ("note.believes_it_did", "The United States believes it killed a senior al-Shabaab commander in a drone "
                             "strike near Lumbo on Sunday."),
    ("consolidate.other_sources", "Five policemen were killed in Sako on Tuesday, the police said. Rebels said "
                                  "on Wednesday that they had killed 30 policemen on Tuesday."),
    ("victims.wounds_received", "A gunman fired on a queue in Sako on Tuesday. One man sustained several deep gunshot "
                                "wounds to the chest."),
    ("victims.wounds_received", "Rebels shelled Lumbo on Sunday, and a nurse got severe shrapnel wounds."),
    ("consolidate.ordinal_another", "A gunman shot a farmer near Sako on Tuesday, wounding him. A third farmer was "
                                    "wounded as he ran."),
    ("consolidate.ordinal_another", "A bomb in Lumbo on Sunday injured a vendor. A fourth vendor was injured in the "
                                    "second blast."),
    ("number.tens_digit", "Rebels shelled the camp at Sako on Tuesday. Fifty 3 people were wounded."),
    ("number.tens_digit", "A truck bomb in Lumbo on Sunday killed Sixty 7 people, police said."),
    ("count.time_after_number", "A bomb hit the market of Sako on Tuesday, killing 6. The toll rose to 11 a day "
                                "later, police said."),
    ("count.time_after_number", "Gunmen killed 4 herders near Lumbo on Sunday; the death toll climbed to 9 a couple "
                                "of days later."),
    ("group.majority_own_count", "Gunmen raided a bus depot in Sako on Tuesday, killing 14 and wounding 31 people, "
                                 "all 5 gunmen fled on motorbikes."),
    ("group.majority_own_count", "A raid on Lumbo on Sunday killed 8 people, all 3 raiders were caught later."),
    ("count.another_elliptic", "Rebels ambushed a patrol near Sako on Tuesday; one ranger died and another wounded."),
    ("count.another_elliptic", "A grenade in Lumbo on Sunday killed three traders and another were hurt, police "
                               "said."),
    ("victims.wounded_died", "Rebels shelled Sako on Tuesday. Three wounded herders died in a clinic on Wednesday."),
    ("victims.wounded_died", "A grenade hit the market of Lumbo on Sunday; two injured traders later died."),
    ("count.severity_adjective", "Rebels shelled Sako on Tuesday, leaving 11 critically wounded villagers."),
    ("count.severity_adjective", "A grenade in Lumbo on Sunday hurt traders; 7 lightly injured traders went home."),
    ("time.days_after", "Rebels shelled Sako on Tuesday, two days after a grenade killed 4 traders in Lumbo."),
    ("time.days_after", "The raid came a week after gunmen shot dead 7 herders near Sako."),
    ("time.lead_attack_day", "Villagers buried their dead in Sako on Friday after Tuesday's rebel raid.\n\nThe raid "
                             "killed 9 herders, elders said."),
    ("time.lead_attack_day", "Talks opened in Lumbo on Saturday, days after the bombing on Tuesday.\n\nThe blast "
                             "killed 5 traders."),
    ("time.same_period", "Some 300 civilians died in violence across the region in May, the mission said. Another "
                         "40 soldiers died during the month."),
    ("time.same_period", "Fighting killed 500 people in the province in the first half of 2023. Another 90 were "
                         "killed in the same period in Sako."),
    ("place.possessive_city", "A bomb in Baghdad's northern Shaab district killed 4 people on Thursday."),
    ("place.possessive_city", "Gunmen shot dead 2 guards in Baghdad's eastern Shaab neighbourhood on Friday."),
    ("note.deny_act", "Mortar fire killed 5 farmers in Sako on Tuesday. The rebels denied firing on the fields."),
    ("note.deny_act", "Police said 7 protesters were shot dead in Lumbo on Sunday. Al-Shabaab denied killing them."),
    ("note.forces_deny", "Herders said troops shot 4 men in Sako on Tuesday. The military rejected the allegations."),
    ("note.forces_deny", "Residents said 6 people died in a raid on Lumbo on Sunday. An army spokesman denied that "
                         "soldiers had opened fire."),
    ("note.not_targeting", "An air strike on Sako on Tuesday killed 9 people, medics said. The army said it never "
                           "targets civilians."),
    ("note.not_targeting", "Shelling killed 3 traders in Lumbo on Sunday. Al-Shabaab does not attack civilians, its "
                           "spokesman said."),
    ("note.members_of", "Members of Boko Haram stormed the village of Sako on Tuesday, killing 11 people."),
    ("note.members_of", "Police said gunmen loyal to al-Shabaab attacked a bus near Lumbo on Sunday, killing 8."),
    ("note.forces_blamed", "Shelling killed 6 farmers in Sako on Tuesday. Elders blamed the military for the "
                           "shelling."),
    ("note.forces_blamed", "Police said 4 protesters were shot in Lumbo on Sunday. Relatives accused soldiers of "
                           "firing into the crowd."),
    ("note.charge_denied", "Witnesses blamed the Taliban for the rockets that killed 5 people in Sako on Tuesday, "
                           "a charge the Taliban denies."),
    ("note.charge_denied", "Residents accused Boko Haram of the raid on Lumbo on Sunday that left 6 dead, an "
                           "accusation Boko Haram has rejected."),
    ("note.forces_claim", "Rebels killed 3 soldiers in Sako on Tuesday. The army said its troops had killed 12 "
                          "rebels."),
    ("note.forces_claim", "A bomb killed 2 people in Lumbo on Sunday. The military says it has killed 40 militants "
                          "since June."),
]  # fmt: skip


@pytest.fixture(scope="module")
def lex():
    return load()


@pytest.mark.parametrize(("rule_id", "text"), CASES)
def test_a_rare_rule_acts_on_sentences_of_its_class(lex, rule_id, text):
    """Read as an article published on PUB or as an undated event note, as test_rules.py reads the examples."""
    fired = [extract_article(text, "rare-rule", published, lex).fired[rule_id] for published in (PUB, None)]
    assert any(fired)


def _sources(text: str, lex) -> list[str | None]:
    return [r["reporting_source"] for r in extract_article(text, "group-speaker", PUB, lex).reports]


def test_the_group_giving_a_toll_speaks_for_the_monitor_named_before(lex):
    text = (
        "Shelling killed 4 people in Lumbo on Sunday, the Syrian Observatory for Human Rights said. "
        "The organisation says it has counted 1,200 deaths in the region this year."
    )
    assert _sources(text, lex) == ["Syrian Observatory for Human Rights"] * 2


def test_the_group_with_no_monitor_before_stays_itself(lex):
    text = "Gunmen stormed a checkpoint in Lumbo on Sunday. The group said it killed 6 soldiers there."
    assert "Syrian Observatory for Human Rights" not in _sources(text, lex)
