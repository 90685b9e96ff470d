"""The table of the engine's named rules: (id, purpose, example). Every example is written for the project and
makes its rule act (tests/test_rules.py checks it). `python -m etl rules` prints the table. An example whose first
paragraph ends without a full stop is read as a headline and its article (rules about headlines)."""

from __future__ import annotations

TABLE: tuple[tuple[str, str, str], ...] = (
    # ---- text: sentences (text.py)
    (
        "text.line_wrap",
        "A single line break inside a paragraph ends no sentence when the next line opens in lower case or the "
        "line ends on an abbreviation or an initial.",
        "Gunmen killed 4 villagers in Taro on Monday, according to a U.S.\nofficial who asked not to be named.",
    ),
    # ---- counts: a number phrase and the noun it counts (chunks.py, linking.py)
    (
        "count.number_phrase",
        "A number phrase with its qualifier and the noun it counts is a count of victims.",
        "At least 12 villagers were killed when gunmen attacked the market in Kalabo on Monday.",
    ),
    (
        "count.unlisted_noun",
        "A number before a plural noun the word lists do not know counts people only next to an outcome verb.",
        "Gunmen stormed the inn near Taro on Monday and 7 diners were killed.",
    ),
    (
        "count.unlisted_singular",
        "'A' before a noun the lists do not know, then 'was' and an outcome verb, is one victim.",
        "A fruit seller was killed when a mortar hit the market in Lumbo on Monday.",
    ),
    (
        "count.headline_singular",
        "A sentence opening on one victim without an article, as headlines write, counts one.",
        "Police officer was killed in a gun attack in Lumbo on Monday.",
    ),
    (
        "count.bare_plural",
        "A plural victim noun without a number ('civilians were killed') is the vague convention for 'many'.",
        "Militants attacked the village of Moro on Monday and civilians were killed.",
    ),
    (
        "count.captives_killed",
        "Hostages, prisoners or detainees are victims only when a killing verb follows them.",
        "Rebels seized the convoy near Taro on Monday, and 12 hostages were executed.",
    ),
    (
        "count.sum_coordinated",
        "Counts of one victim group joined by 'and' add up to one report.",
        "Three soldiers and two soldiers of the reserve were killed in an ambush near Taro on Monday.",
    ),
    (
        "count.sum_along_with",
        "A count of the same victim group added with 'along with' adds up to the count before it.",
        "A bomb hit the market in Taro on Monday. Eight Danes were wounded, along with two Swedes.",
    ),
    (
        "filter.not_a_count",
        "A number before a unit, a year or animals ('18-year war', '5 km', 'five camels') counts no people.",
        "The 18-year war claimed more lives on Monday when gunmen killed 4 people in Taro.",
    ),
    (
        "filter.unit_name",
        "'of the ... Force' names a unit and counts nobody.",
        "Two troopers of the Rapid Police Force were killed in an ambush near Taro on Monday.",
    ),
    # ---- linking: each count tied to the outcome word that governs it (linking.py)
    (
        "link.noun_outcome",
        "The counted noun is itself the outcome: 'ten deaths', 'five dead'.",
        "The bombing in Taro on Monday caused 14 deaths.",
    ),
    (
        "link.active_object",
        "A count right after an active outcome verb is its object: 'killing at least ten people'.",
        "A car bomb exploded in Taro on Monday, killing 9 people.",
    ),
    (
        "link.to_death",
        "A count after a verb of manner and before 'to death' is killed: 'stabbed four people to death'.",
        "Militants beat four villagers to death in Taro on Monday.",
    ),
    (
        "link.lives",
        "'claimed/took/cost N lives' counts the killed.",
        "The militia attack on Taro on Monday claimed 6 civilians' lives.",
    ),
    (
        "link.toll",
        "A count after a toll word ('the death toll rose to 30', 'a toll of 12') takes the toll's outcome.",
        "The death toll from Monday's bombing in Taro rose to 31.",
    ),
    (
        "link.passive",
        "A count followed by a passive or intransitive outcome verb: 'ten people were killed', 'ten died'.",
        "Ten people were killed in a bomb blast in Taro on Monday.",
    ),
    (
        "link.distant_passive",
        "The passive verb may stand a dozen plain words after the count it governs.",
        "52 soldiers collecting their pay at a base near Taro were killed on Monday.",
    ),
    (
        "link.passive_own_subject",
        "A passive after a clause's own subject or a conjunction of time ('before he was killed') is not the verb of "
        "a count before it.",
        "A gunman shot four shoppers at a market in Taro on Monday before he was killed by police.",
    ),
    (
        "link.manner_then_outcome",
        "A passive verb of manner, then 'and' and an outcome a few words on: 'was beaten and injured'.",
        "Rebels stopped a truck near Taro on Monday. One porter was beaten with sticks and injured.",
    ),
    (
        "link.subject_not_victim",
        "A count before an active verb with a count after it is the subject: 'five gunmen killed ten soldiers'.",
        "Five gunmen killed 10 soldiers in an attack on a base near Taro on Monday.",
    ),
    (
        "link.noun_of",
        "A count after 'the death of', 'the killing of', 'the wounding of' takes that noun's outcome.",
        "The army confirmed on Monday the death of one soldier in the militant attack on Taro.",
    ),
    (
        "link.coordinated",
        "Counts joined by 'and' or commas share an outcome: 'five militants and two civilians were killed'.",
        "Gunmen killed 3 soldiers and 2 civilians in an ambush near Taro on Monday.",
    ),
    # ---- special readings of victims (victims.py)
    (
        "victims.named",
        "One person named by a capitalised name right before 'was' and an outcome verb is one victim.",
        "Gunmen attacked a checkpoint in Taro on Monday. Amadou Keita was killed and two guards fled.",
    ),
    (
        "victims.object_without_number",
        "One victim named as the object of an active outcome verb: 'shot and killed a teacher', 'killed him'.",
        "Gunmen shot dead a shopkeeper in Taro on Monday.",
    ),
    (
        "victims.reflexive_subject",
        "'A bomber (who) killed himself': 'himself' is the subject already counted by the verb, no second victim.",
        "A suicide bomber killed himself and nine shoppers at the market in Taro on Monday.",
    ),
    (
        "victims.attackers_killed_after",
        "'before being killed': the attackers the sentence counted are the dead.",
        "A gunman stabbed two officers in Taro on Monday before being shot dead.",
    ),
    (
        "victims.attacker_pronoun",
        "'he was shot dead by police', 'before he was killed' after an attack the sentence told: the attacker died.",
        "A man stabbed two guards at the gate of a depot in Taro on Monday before he was shot dead by police.",
    ),
    (
        "victims.the_dead_included",
        "A list after 'the dead included' or 'the dead were' gives parts of a toll told elsewhere.",
        "A bombing in Taro on Monday killed 20 people. The dead included 6 soldiers and 4 children.",
    ),
    (
        "victims.all_killed_aside",
        "', all since killed,': the aside tells what became of those counted.",
        "Four gunmen, all since killed, were involved in the assault on Taro on Monday.",
    ),
    (
        "victims.wounded_then_died",
        "One wounded person who then died is dead; when the toll rose by them, no count of their own.",
        "A woman wounded in the bombing of the market died in hospital in Taro on Monday.",
    ),
    (
        "count.quoted_noun",
        "A noun in quotation marks after a number is still what it counts: \"63 'terrorists' were killed\".",
        "The army said 40 'terrorists' were killed near Taro on Monday.",
    ),
    (
        "count.severity_adjective",
        "'two critically wounded passengers': how badly before the participle, still the count's adjective.",
        "Three seriously injured guards were flown from Taro to the capital after the attack on Monday.",
    ),
    (
        "victims.wounded_died",
        "'five wounded soldiers died': the wounded who died are dead; when the toll rose by them, no count of theirs.",
        "Two wounded policemen died of their injuries in a hospital in Taro on Tuesday after the bombing.",
    ),
    (
        "victims.of_them_were",
        "'ten were killed, and four of them were soldiers': a part of the total, of a named group.",
        "Ten people were killed in the raid on Taro on Monday, and four of them were the attackers themselves.",
    ),
    (
        "victims.of_the_dead",
        "'six of the wounded were tourists': a part of the total, of a named group.",
        "A blast in Taro on Monday wounded 20 people. Six of the wounded were soldiers.",
    ),
    # ---- victim groups and partitions (partition.py, linking.py, article.py)
    (
        "group.inclusions",
        "Counts after 'including', 'among them', 'of whom' are parts of the total before them.",
        "A bomb in Taro on Monday killed 15 people, including 4 children.",
    ),
    (
        "group.inclusion_after_passive",
        "After a passive total, the phrase before 'including' is counted from the total's verb: a day and a place "
        "may stand between them.",
        "Nine people were killed in the raid on the market in Lumbo on Monday, including four children.",
    ),
    (
        "group.speaker_not_part",
        "A noun with an 'of' phrase and a verb of saying after an inclusion is who says it, no part of the total.",
        "A bomb in Taro on Monday killed nine people, including four children, the governor of Lumbo province said.",
    ),
    (
        "group.qualified_partitive",
        "'at least 80 of them soldiers': a qualified number before 'of them' names a part of the total too.",
        "At least 50 people were killed in Taro on Monday, at least 20 of them soldiers, the monitor said.",
    ),
    (
        "group.dash_inclusion",
        "An inclusion set off by dashes ('five people - including a boy - were killed') is read as between commas.",
        "Militants fired on a market in Taro on Monday. Five people - including a boy - were shot dead.",
    ),
    (
        "group.apposition_parts",
        "Counts in an apposition between a total and its verb are its parts: '40 people, 6 soldiers and ...,'.",
        "Forty people, 6 soldiers and 34 civilians, were killed in Taro on Monday.",
    ),
    (
        "group.nationality_citizens",
        "A nationality noun after a country word or 'foreign' ('a U.S. citizen') names no victim group: unknown.",
        "Attacks by gunmen have killed 14 Danes and a Swiss citizen in Taro since early May.",
    ),
    (
        "group.kin_part",
        "A relative told as a part of a total ('including his father') has no group of its own: it stays in the rest.",
        "A bomb hit a mosque in Taro on Monday. Eleven people, including his father, were wounded in the attack.",
    ),
    (
        "group.including_partition",
        "A total is split into disjoint victim groups that add up to it; the rest keeps the total's group.",
        "A bomb in Taro on Monday killed 15 people, including 4 children.",
    ),
    (
        "group.attackers_clause",
        "Those counted who 'opened fire' or 'attacked' are militants.",
        "Police shot dead two men who opened fire at a checkpoint in Taro on Monday.",
    ),
    (
        "group.the_other",
        "'one of the attackers ... and the other': the other is of the same group.",
        "One of the gunmen was shot dead in Taro on Monday and the other was wounded.",
    ),
    (
        "group.context_adjective",
        "A bare total after a sentence about civilian (or military) casualties is of that group.",
        "Civilian casualties in Taro have been rising, according to the mission. On Monday there were 40 deaths.",
    ),
    (
        "group.colon_adjective",
        "Totals after a colon take the group named before it: 'civilian casualties: 12 deaths and ...'.",
        "The mission counted civilian casualties in Taro last year: 120 deaths and 300 injuries.",
    ),
    (
        "group.majority",
        "'ten people, most of them children': the total is of the group it mostly is.",
        "A bomb in Taro on Monday killed 15 people, most of them children.",
    ),
    (
        "group.shared_majority",
        "'killed 6 and wounded 30 others, mostly women': the group of the second count is the first's too.",
        "The shelling of Taro on Monday killed 6 people and wounded 30 others, mostly women and children.",
    ),
    (
        "group.previous_group",
        "A count with no noun takes the group of the count before it: '103 civilians were killed and 67 wounded'.",
        "On Monday 13 civilians were killed and 6 wounded in Taro.",
    ),
    # ---- context filters (context.py, linking.py, article.py)
    (
        "filter.not_violence",
        "A news article without a word of armed violence (an accident, a disaster) gives no reports.",
        "A driver lost control of his truck in Taro on Monday and 9 people were killed.",
    ),
    (
        "consolidate.nationality_part",
        "Victims named only by a foreign nationality, fewer than the incident's total of that day and outcome, are "
        "some of that total, not a report of their own.",
        "Gunmen stormed a hotel in Taro on Monday and 19 people were killed, the governor said. Norway said three "
        "of its citizens were killed.",
    ),
    (
        "filter.lone_armed_word",
        "A story longer than an event note whose headline tells neither armed violence nor an accident, with a single "
        "word of armed violence in its first 4,000 characters, tells another kind of death (illness, an accident, "
        "ordinary crime).",
        "Singer dies at 70 || The singer died in Taro on Monday, aged 70, after a long illness, and 2 members of his "
        "band were injured in a fall on the stairs of the hall where they had played for forty years. "
        "He was born in a village near the lake, the son of a fisherman and a teacher, and he learned to sing in "
        "the choir of the church on the hill. His first record sold a million copies, and he toured the world "
        "for three decades, filling stadiums from the capital to the coast. He had sung against the war in the "
        "seventies, and his songs of those years are still heard at weddings and funerals across the country. "
        "He married twice and leaves four children and nine grandchildren. The band said in a statement that "
        "the concerts planned for the spring would go ahead in his memory, with guests he had chosen himself, "
        "and that the money raised would go to the music school he founded in his home town in the eighties. "
        "Fans gathered outside his house on Tuesday to lay flowers and candles, and radio stations played his "
        "songs all day. A public funeral will be held on Friday in the cathedral, the city council said. His "
        "last album, recorded at home with his sons, comes out next month, his label said, with a book of his "
        "letters and photographs from the tours.",
    ),
    (
        "filter.non_violent_sentence",
        "A sentence about an accident or a disaster in an article about violence gives no report.",
        "Gunmen attacked Taro on Monday. In a separate incident, 5 people were killed when a bus crashed.",
    ),
    (
        "filter.background_clause",
        "Counts of an earlier event told as a motive ('in retaliation for the killing of') are left out.",
        "Gunmen attacked Taro on Monday in retaliation for the killing of 3 herders last month.",
    ),
    (
        "filter.rate",
        "A count followed by 'every' is a rate, no count of victims.",
        "Fighters in the province of Taro kill one civilian every 25 minutes, the mission said.",
    ),
    (
        "filter.denied",
        "A vague count the sentence denies ('no reports of other casualties') is dropped.",
        "Rebels shelled Taro on Monday without killing civilians.",
    ),
    (
        "filter.superseded",
        "The earlier figure a new one replaces ('rose from 9') is dropped.",
        "The toll from the bombing in Taro on Monday rose from 9 to 14 dead.",
    ),
    (
        "count.killed_of_injured",
        "'wounding eight soldiers, two of whom later died', 'four were stabbed, one of them fatally': the dead are "
        "some of those hurt before them, who keep the rest.",
        "A bomb wounded ten people at a bus stop in Taro on Monday, two of whom later died in hospital.",
    ),
    (
        "group.severity_participle",
        "'stabbed three people, seriously wounding one': a participle of the same outcome saying how badly some were "
        "hurt tells of a part of the count before it, no new victims.",
        "A man stabbed three people at a bus stop in Taro on Monday, seriously wounding one.",
    ),
    (
        "filter.severity_subset",
        "'wounding 8, five of them seriously': some of a count by how badly hurt, no count of their own.",
        "A blast in Taro on Monday wounded eight people, five of them seriously.",
    ),
    # ---- attribution (attribution.py)
    (
        "source.sentence",
        "Who gives the figure, named in its sentence: 'police said', 'according to the mission'.",
        "Twelve people were killed in an attack on Taro on Monday, the United Nations said.",
    ),
    (
        "source.previous_sentence",
        "With no source in its sentence, a count takes the source of the sentence before, if it speaks of deaths.",
        "Civilian deaths are rising in Taro, the United Nations said. On Monday 12 people were killed in an attack.",
    ),
    (
        "source.pronoun",
        "A count whose sentence's speaker is a pronoun ('he said') takes the source named in the nearest of the "
        "three sentences before it.",
        "Gunmen attacked the market in Lumbo on Monday, the provincial governor told reporters. He said 12 people "
        "were killed.",
    ),
    (
        "source.definite_group_speaker",
        "A bare 'the group' or 'the organisation' giving figures speaks for the monitor or UN body named as a "
        "source before it.",
        "Air strikes killed 9 civilians in Taro on Monday, the Syrian Observatory for Human Rights said. The group has "
        "recorded more than 2,000 deaths in the province since January.",
    ),
    (
        "perpetrator.in_sentence",
        "An armed group or state's forces named in the count's sentence outside the victims' phrase, or a party "
        "its notes blame ('an attack by X'), caused it.",
        "Al-Shabaab fighters killed 7 soldiers near Baidoa on Monday.",
    ),
    (
        "perpetrator.next_sentence",
        "With no actor in its sentence, an incident's perpetrator is the party of a note in the sentence just "
        "before or after it in its paragraph.",
        "Nine people were killed in the market of Lumbo on Monday. Kurdish militants fired mortars at the market "
        "from the hills. Al-Shabaab, in a separate statement, claimed responsibility for a bombing in Baidoa.",
    ),
    (
        "perpetrator.claim",
        "With no actor in its sentence, an incident's perpetrator is a group that claimed it or officials blamed, "
        "else the attacker the sentence describes, else the party of the lead's notes.",
        "A car bomb killed 8 people in Baidoa on Monday.\n\nAl-Shabaab claimed responsibility for the attack.",
    ),
    (
        "perpetrator.described_attacker",
        "An attacker the sentence describes as the subject of its violent act is the perpetrator rather than an "
        "actor it only mentions, or, told after the lead as 'a ...', rather than the article's claims.",
        "A suicide bomber killed 9 people at a wedding in Lumbo on Monday, a week after al-Shabaab threats "
        "against the village.",
    ),
    (
        "perpetrator.demonym_people",
        "People named by a demonym who acted ('a Somali opened fire', 'wounded by a Kenyan', 'killed by Ethiopians', "
        "'Somali raids have killed') are a described attacker: '<demonym> attacker' or 'gunman', or the plural.",
        "A Kenyan opened fire on a bus near Lumbo on Monday, killing three villagers in the attack.",
    ),
    (
        "perpetrator.passive_agent",
        "The attacker named after 'by' right after a count's own passive verb did it, rather than an actor the "
        "sentence names elsewhere.",
        "Since May, 40 herders have been killed by Ethiopians, in clashes that drew in Kenyan troops.",
    ),
    (
        "perpetrator.victims_side",
        "An actor the victims belong to, by its possessive opening their phrase or a clause making them its members "
        "('X's commander and two guards', 'soldiers who were part of X'), is not who killed them.",
        "Al-Shabaab's spokesman and his two sons were killed in a blast in Lumbo on Monday.",
    ),
    (
        "perpetrator.other_victims",
        "An armed force named inside another count's victims ('12 Iraqi soldiers were killed and 20 wounded') did not "
        "cause this count.",
        "Nine Malian soldiers were killed and 14 wounded in an ambush near Taro on Monday.",
    ),
    (
        "perpetrator.unclaimed_elsewhere",
        "In an article saying no one claimed its attack, a group's claim told elsewhere is of another attack: it "
        "names no perpetrator of the article's casualties.",
        "A bomb killed 7 people at a market in Lumbo on Monday. There was no immediate claim of responsibility.\n\n"
        "The town has seen several attacks this year. Al-Shabaab last month claimed responsibility for a raid on a "
        "base near Baidoa.",
    ),
    (
        "perpetrator.claim_of_other_incident",
        "A claim or blame in a sentence that opens on another incident ('Elsewhere', 'In a separate attack', 'In the "
        "southern city of Lumbo, ...') is that incident's, not a perpetrator of the article's other counts.",
        "A car bomb killed 9 people at a market in Taro on Monday.\n\nIn the northern town of Lumbo, two guards were "
        "killed by shelling that officials blamed on al-Shabaab.",
    ),
    (
        "perpetrator.forces_ended_attack",
        "Forces named as ending an attack or a siege ('troops ended the siege of the hotel') did not cause the "
        "casualties of the attack (other than the attackers').",
        "Kenyan troops ended the siege of a hotel in Lumbo on Monday, with 14 guests killed in the attack. "
        "Al-Shabaab claimed responsibility for the attack.",
    ),
    (
        "perpetrator.attackers_killed",
        "Attackers or militants killed, with no actor named in the sentence, were killed by the forces the sentence "
        "names ('killed by police'), else by the security forces; never by their own side's claim.",
        "Gunmen stormed a hotel in Lumbo on Monday. Al-Shabaab claimed the attack. Three gunmen were killed by police.",
    ),
    (
        "perpetrator.forces_enemy",
        "Soldiers or police killed where no perpetrator is found, even after consolidation, were killed by the armed "
        "group the article names first.",
        "The army sent more troops to fight al-Shabaab near Lumbo this month.\n\nTwo soldiers were killed in "
        "fighting near the town on Monday.",
    ),
    (
        "perpetrator.title",
        "With no actor in its sentence, no note near it and no claim, an incident's perpetrator is the party the "
        "article's title names acting (an example gives its title before ' || ').",
        "Al-Shabaab fighters storm Lumbo market || Eight people were killed in the market of Lumbo on Monday, "
        "police said.",
    ),
    # ---- notes: who blames, claims or denies (notes.py)
    (
        "note.claim",
        "'X claimed responsibility / the attack': a note where the party claims its own act (stance claims).",
        "Al-Shabaab claimed responsibility for the bombing of the market in Taro on Monday.",
    ),
    (
        "note.claimed_by",
        "'an attack claimed by X': the armed group claims it (stance claims).",
        "The bombing of the market in Taro on Monday, claimed by al-Shabaab, killed 9 people.",
    ),
    (
        "note.said_it_did",
        "'X said it carried out the attack': the party claims it (stance claims).",
        "Five soldiers were killed near Taro on Monday. Al-Shabaab said it carried out the attack.",
    ),
    (
        "note.hyphen_claimed",
        "'an X-claimed bombing': the armed group claims the attack (stance claims), written as one word with it.",
        "An al-Shabaab-claimed bombing of the market in Taro killed 9 people on Monday.",
    ),
    (
        "note.deny",
        "'X denied involvement / any role': the party rejects responsibility (stance denies).",
        "A bomb killed 9 people at the market in Taro on Monday. Al-Shabaab denied any involvement.",
    ),
    (
        "note.deny_act",
        "A party denying the act itself is a denial: 'denied that its troops had fired on the village', 'denied "
        "shelling the town', 'denied harming civilians'.",
        "Villagers said shells killed 6 herders in Taro on Monday. The Taliban denied shelling the village.",
    ),
    (
        "note.deny_relative",
        "A denial in a relative clause after the party: 'blamed on X, which has denied involvement'.",
        "A bomb killed 9 people at the market in Taro on Monday. Officials blamed al-Shabaab, which has denied "
        "involvement.",
    ),
    (
        "note.forces_deny",
        "Forces named by what they are ('the army', 'a military spokesman', 'the coalition' named before) deny "
        "for themselves.",
        "Villagers said soldiers killed 6 herders in Taro on Monday. The army denied that troops had killed "
        "civilians.",
    ),
    (
        "note.charge_denied",
        "'..., a charge X denies / rejects': the party that rejects the charge denies it.",
        "Rights groups accused al-Shabaab of shelling the market in Lumbo on Monday, killing 9 people, a charge "
        "al-Shabaab rejects.",
    ),
    (
        "note.forces_claim",
        "Forces named by what they are, saying they killed: 'police claimed to have killed three fighters', 'the "
        "military says it has killed 40 militants'.",
        "Gunmen killed 4 villagers in Lumbo on Monday. Police claimed to have killed three of the gunmen.",
    ),
    (
        "note.forces_blamed",
        "Forces named by what they are, blamed or accused of an attack: 'accused the army of carrying out the "
        "strike', 'blamed soldiers for the killings'.",
        "A drone strike killed 12 people at the market in Lumbo on Monday. A survivor accused the army of carrying "
        "out the strike.",
    ),
    (
        "note.not_targeting",
        "A party's word that it does not target civilians denies the attack it is blamed for.",
        "Rebels said a Saudi-led coalition air strike killed 12 people at the market in Lumbo on Monday. The "
        "coalition has said it does not target civilians.",
    ),
    (
        "note.defined_name",
        "A party the article names for itself is a party wherever it is written again: an acronym after a full "
        "name, '(UPC)', or a name given with what it is, 'X, a Dogon militia'.",
        "Fighters killed 12 villagers in Lumbo on Monday, officials said. They blamed the Union for Peace in the "
        "Lumbo Valley (UPLV). The UPLV denied involvement.",
    ),
    (
        "note.members_of",
        "A clause's subject told as a party's members ('fighters from X', 'members of X') blames the party.",
        "Fighters from al-Shabaab killed 12 villagers in Lumbo on Monday, officials said.",
    ),
    (
        "note.blamed_on",
        "'blamed the attack on X': the source blames the party.",
        "Officials blamed the bombing of the market in Taro on Monday on al-Shabaab.",
    ),
    (
        "note.attributed",
        "'attributed the killings to X': the source (or the sentence's speaker) blames the party.",
        "Nine people were killed in Taro on Monday. Officials attributed the killings to al-Shabaab.",
    ),
    (
        "note.blame",
        "'police blamed X', 'accused X of shelling', 'residents suspected X': who blames, accuses or suspects.",
        "Police blamed al-Shabaab for the bombing of the market in Taro on Monday.",
    ),
    (
        "note.by",
        "'an attack by X', 'killed by X': the party named as the agent of violence is blamed.",
        "Nine people were killed in an attack by al-Shabaab on the market in Taro on Monday.",
    ),
    (
        "note.responsible",
        "'X was responsible for / behind the attack': the sentence's speaker blames the party.",
        "Police said al-Shabaab was responsible for the bombing of the market in Taro on Monday.",
    ),
    (
        "note.state_strike",
        "'an Israeli air strike killed': a state's strike blames its forces.",
        "A Kenyan air strike killed 9 fighters near Taro on Monday.",
    ),
    (
        "note.attack_by",
        "'X attacks', 'an X suicide bombing', 'Russia's assault': the party's attack named by its noun is blamed on "
        "it.",
        "Nine people were killed in Taro on Monday as al-Shabaab attacks on the town went on.",
    ),
    (
        "note.agent",
        "'X fighters stormed', 'X killed': a party doing violence in the article's (or its source's) voice.",
        "Al-Shabaab fighters stormed an army base near Taro on Monday, killing 5 soldiers.",
    ),
    (
        "note.country_place",
        "A country named by its name right before a plural attack noun, or an attack noun that ends the clause, is "
        "where the attack was, not who made it.",
        "The Norway bombings killed 12 people in Lumbo on Monday.",
    ),
    (
        "note.state_denies",
        "A state's ministry, government or forces the actor list does not name, denying a strike, is a denial "
        "note of that voice.",
        "Rebels said air strikes killed 12 people in the market of Lumbo on Monday. A statement by the Norwegian "
        "Defence Ministry denied its warplanes were involved.",
    ),
    (
        "note.habitual",
        "A party's act told as its habit ('has historically struck', 'often attacks') is no note of an attack.",
        "Gunmen killed twelve people in a market in Lumbo on Monday. Al-Shabaab fighters have historically struck "
        "markets in the region.",
    ),
    (
        "note.group_agent",
        "'The group' (or 'the militant group') as the subject of an attack verb is the armed group named last "
        "before it, blamed by the sentence's speaker; not when the sentence already gives that group a note.",
        "Al-Shabaab fighters stormed a hotel in Lumbo on Monday. Officials said the militant group killed 12 guests "
        "there.",
    ),
    (
        "note.attacker_of",
        "An attacker told as one of a party's ('the bomber had links to', 'were inspired by', 'was a member of') "
        "blames that party, by who suspects or says it; a suspicion, not the report's perpetrator.",
        "A suicide bomber killed 9 people at a bus station in Sako on Tuesday. Police suspect the bomber had links "
        "to Boko Haram.",
    ),
    (
        "note.reduced_passive",
        "A party's fighters followed by 'killed' or 'shot', a place or time and the clause's own verb are the ones "
        "hurt ('the Shabab fighters killed in the raid were ...'), no note of their attack.",
        "Army jets bombed a camp near Jilib on Friday. The Shabab fighters killed in the raid were mostly recruits, "
        "the army said.",
    ),
    (
        "note.pronoun_namer",
        "A pronoun naming the mastermind ('and he named X as the man responsible') is the sentence's speaker, "
        "not a party named before it.",
        "The provincial governor told reporters the Taliban were not involved, and he named a local commander "
        "called Rahim Gul as the man responsible.",
    ),
    (
        "note.own_strike",
        "A state speaking of its own forces' strike ('..., the army said') claims it (stance claims).",
        "Kenyan warplanes struck a camp near Taro on Monday, killing 12 fighters, the Kenyan army said.",
    ),
    (
        "note.person",
        "A person named as the mastermind or prime suspect is blamed, by who names them.",
        "A bomb killed 9 people in Taro on Monday. Police named Amadou Keita as the mastermind of the attack.",
    ),
    (
        "note.joint_sources",
        "Two named sources joined by 'and' at the end of a sentence ('..., the Observatory and SANA reported') give "
        "a note each, not one note of the source next to the verb.",
        "In Lumbo, rebel shelling killed 6 people on Monday, the Syrian Observatory for Human Rights and SANA "
        "reported.",
    ),
    (
        "note.blamed_for",
        "'X was / were blamed for' violence: a note of blame whose source is the speaker, the sentence before, or "
        "the report the article relays.",
        "Al-Shabaab fighters were blamed for the bombing of the market in Taro on Monday, the governor said.",
    ),
    (
        "note.report_author",
        "Agentless blame ('casualties attributed to X', 'X were blamed for') in an article relaying a report of a UN "
        "body or monitor named in its lead is the report's: its author is the source.",
        "Civilian casualties of the war in Norland rose by a fifth last year as fighting and air strikes killed "
        "900 civilians, the United Nations said in its annual report on Sunday.\n\nCasualties attributed to "
        "pro-government forces rose 20 percent.",
    ),
    (
        "note.forces_killed",
        "Police or soldiers no state is named for, killing attackers ('soldiers killed 20 militants', 'the gunman "
        "was shot dead by police'), are blamed as 'police' or 'soldiers'; never a report's perpetrator elsewhere.",
        "Gunmen attacked a bank in Lumbo on Monday, killing 3 guards. The gunman was shot dead by police, the "
        "governor said.",
    ),
    (
        "note.forces_own_claim",
        "Unnamed soldiers (police) killing attackers, told by the army or the military (the police) itself, are its "
        "claim: 'Troops killed 12 of the attackers, the army said' claims the army (a ministry's word stays blame).",
        "Militants attacked a post near Taro on Monday. Troops killed 12 of the attackers, the army said.",
    ),
    (
        "note.pronoun_source",
        "A note in a sentence whose speaker is a pronoun ('He said soldiers killed ...') has the speaker named in "
        "one of the three sentences before as its source.",
        "Gunmen killed 4 farmers near the town of Lumbo on Monday, the district governor told reporters.\n\nHe "
        "said the attack was carried out by al-Shabaab.",
    ),
    (
        "note.media_anaphor",
        "A source named by what it is ('the government-run network said') is the broadcaster or agency named as a "
        "source before it.",
        "Norland state TV said on Monday that 9 people were killed in Lumbo.\n\nLater, the government-run network "
        "said 4 people were killed by rebel shelling in Taro.",
    ),
    (
        "note.same_claimant",
        "An article's claim by a group named loosely ('al-Qaeda claimed') and by the one branch of that name it also "
        "names ('al-Qaeda in the Islamic Maghreb claimed') is one claimant's: one note, under the branch's name.",
        "Al-Qaeda claimed responsibility for the attack on a hotel in Lumbo on Monday that killed 9 people. "
        "Al-Qaeda in the Islamic Maghreb claimed the attack in a statement.",
    ),
    (
        "note.renewed_attack",
        "'X renewed / resumed / intensified its shelling (attacks, air strikes)': the party's violence is blamed on "
        "it, in the article's (or its source's) voice.",
        "Rebels fired on the town of Lumbo on Monday, killing 3 people. In Taro, government forces renewed their "
        "shelling of rebel positions.",
    ),
    (
        "note.believes_it_did",
        "A party that believes it killed or struck ('the United States believes it killed the commander') claims "
        "the act (stance claims).",
        "The Kenyan army believes it killed 12 al-Shabaab fighters in a raid near Taro on Monday.",
    ),
    # ---- time (time.py, article.py)
    (
        "time.period",
        "A period named near the count ('since January 1', 'in 2023') makes it a period total with its bounds.",
        "Since January 1, 2019, more than 800 civilians have been killed in Taro province, the mission said.",
    ),
    (
        "time.since_aside",
        "A 'since ...' far from the count, with no perfect verb, dates something else: no period.",
        "Troops killed 46 militants on Monday in Taro, including a commander who had planned raids in the "
        "province since 2021.",
    ),
    (
        "time.comparison_since",
        "'the deadliest attack since 2011' dates a comparison, not the count.",
        "A bomb killed 30 people in Taro on Monday, the deadliest attack in the city since 2011.",
    ),
    (
        "time.nearer_day",
        "A day named nearer the count than a period cue dates it as an incident.",
        "Gunmen killed 40 people in Taro on Friday, months after attacks in the province last year.",
    ),
    (
        "time.single_incident_month",
        "One attack dated only by a month or week ('a bombing last month killed 29') is an incident without a day.",
        "A bombing in Taro this week killed 29 people.",
    ),
    (
        "time.present_perfect_total",
        "'the war has killed 2,000' with no day and no single attack is a running total to the publication day.",
        "Militants have killed 250 people in Taro province, the governor said.",
    ),
    (
        "time.shared_period_start",
        "A running total with no start of its own takes the start of one told in the next or previous sentence.",
        "Since March 2022, raids by rebels have killed 31 farmers in Taro province. Army troops have killed at "
        "least 140 rebels in the province, the governor said.",
    ),
    (
        "time.large_count_total",
        "A count no single attack is told in (settings.csv incident_max_count) with no day is a running total.",
        "More than 12,000 people were killed in Taro province, the mission said.",
    ),
    (
        "time.sentence_day",
        "A day named in the sentence ('on Monday', 'on 3 March') dates the incident; the nearest one wins.",
        "Gunmen attacked Taro on Monday.\n\nIn Lumbo on Tuesday gunmen killed 5 people.",
    ),
    (
        "time.toll_possessive_day",
        "A toll that rose on one day for an attack of another: the attack's day ('Monday's bombing').",
        "Gunmen are active in Taro.\n\nShops stayed shut in the town.\n\nSchools stayed shut too.\n\nThe "
        "toll from Monday's bombing in Taro rose to 30 on Wednesday.",
    ),
    (
        "time.past_reference",
        "A count nearer an earlier time ('in January', 'last year', 'a year ago') than the sentence's day is no dated "
        "incident.",
        "Tuesday's attack in Taro recalled a bombing in January that killed 12 people.",
    ),
    (
        "time.day_before",
        "With no day in its sentence, an incident takes the last day named earlier in its paragraph.",
        "Gunmen attacked Taro on Monday.\n\nFighting spread to Lumbo on Tuesday. 12 soldiers were killed, "
        "the army said.",
    ),
    (
        "time.lead_day",
        "With no day in its paragraph, an incident takes the day the article's lead names.",
        "Gunmen attacked Taro on Monday.\n\nThe army said 12 soldiers were killed.",
    ),
    (
        "time.same_period",
        "A count told 'during the month' ('that year', 'the same period') is a total of the last period told before it "
        "whose length fits the word.",
        "At least 240 civilians were killed across the country in May, the mission said. Another 60 soldiers were "
        "killed during the month.",
    ),
    (
        "time.in_month",
        "A figure of 20 or more (settings.csv month_total_min_count) told 'in May' with no day and no attack word "
        "is that month's total; a smaller one, or one attack's, is an incident known only to its month.",
        "At least 240 civilians were killed in violence across the country in May, the mission said.",
    ),
    (
        "time.days_after",
        "A count told after 'N days (weeks) after' is of the earlier incident: N days before the day named before the "
        "phrase (else the lead's or publication day); after 'a month after', 'a few days after' it is undated.",
        "Gunmen raided Lumbo on Thursday, three days after a roadside bomb killed 6 soldiers near Taro.",
    ),
    (
        "time.lead_attack_day",
        "When the lead's first day names no attack ('mourners gathered on Thursday'), a later day of the lead named as "
        "an attack's ('Monday's bombing') is the lead's day for counts with no day of their own.",
        "Crowds gathered in Taro on Friday to bury the villagers killed in Tuesday's raid.\n\nThe raid killed 14 "
        "people, the governor said.",
    ),
    (
        "time.continued_day",
        "With no day in its paragraph and no incident of its own, a count goes on telling the incident of the count "
        "before it, when that count's sentence named its day (not the lead's news day).",
        "Police raided a house in Taro on Wednesday, a day after the market bombing.\n\nSix people were killed in "
        "Tuesday's bombing, the police said.\n\nThe hospital said 20 people were wounded.",
    ),
    (
        "time.published_day",
        "With no day named at all, an incident takes the publication day (when it is known, not inferred).",
        "Gunmen killed 12 soldiers in Taro.",
    ),
    (
        "time.weekday_of_date",
        "A weekday in the sentence of a date that falls on it is that date, not the last such weekday before "
        "publication ('On April 26 ... during Friday prayers').",
        "On March 1, a bomb tore through a mosque in Lumbo during Friday prayers, killing 21 worshippers.",
    ),
    (
        "time.wire_dateline",
        "The day of a wire dateline ('TARO, March 3 (Reuters) -', or 'TARO, March 3 -' with no agency) is when the "
        "story was filed, not an event day.",
        "TARO, March 3 (Wire) - Gunmen killed 12 soldiers in Taro.",
    ),
    (
        "time.toll_attack_day",
        "A toll that rose is dated by its attack's day told near the top, not the day it rose.",
        "A bombing struck Taro on Monday.\n\nOn Wednesday the death toll rose to 20.",
    ),
    # ---- place (place.py, article.py)
    (
        "place.sentence",
        "A place or country named in the count's sentence places it.",
        "Gunmen killed 5 people in Mogadishu on Monday.",
    ),
    (
        "place.attacker_possessive",
        "A country before 's and its offensive, invasion, strikes or forces attacks: it is not where the victims "
        "were ('killed in Israel's offensive'); 'Syria's war' stays Syria.",
        "Health officials said 40 people were killed in Norway's offensive on the port of Lumbo on Monday.",
    ),
    (
        "place.demonym_not_place",
        "A nationality or a country as an actor ('a Kenyan', 'the United States said') does not outvote the article.",
        "Gunmen attacked Baidoa on Monday.\n\nThey killed 5 people, including a Kenyan.",
    ),
    (
        "place.earlier_mention",
        "With no place in its sentence, a count takes the last place named before it.",
        "Troops in Somalia and Somalia's allies are on alert. Gunmen attacked a hotel in Nairobi on Monday. "
        "5 people were killed.",
    ),
    (
        "place.aside_earlier_paragraph",
        "A place of an earlier paragraph that the article's country outvotes was an aside: the article's country.",
        "In Somalia, al-Shabaab fighters who had trained in Aleppo and in the camps of Aleppo attacked a "
        "base on Monday.\n\nFive soldiers were killed, the army said.",
    ),
    (
        "place.weak_gazetteer",
        "A small place the article's country outvotes is a homonym elsewhere: the article's country.",
        "Al-Shabaab fighters in Somalia and Somalia's militias fought on. They attacked a post near "
        "Springfield on Monday. 5 soldiers were killed.",
    ),
    (
        "place.article_country",
        "With no place named before it, a count takes the country the article points to most.",
        "Al-Shabaab fighters attacked a convoy on Monday and 5 soldiers were killed.",
    ),
    (
        "place.not_group_name",
        "A place inside an armed group's name ('Islamic State of Iraq and the Levant') is no place.",
        "Fighters of the Islamic State of Iraq and the Levant killed 5 people on Monday.",
    ),
    (
        "place.dateline_vote",
        "A place in the dateline is where the article was written: one vote for its country.",
        "BAIDOA - Gunmen killed 5 people on Monday.",
    ),
    (
        "place.dateline_country",
        "The dateline also holds the country after its city ('DAKAR, Senegal (AP) -') and an agency's dateline in "
        "lower case ('Beirut (AFP) -'): where the article was written, no place of the events.",
        "Lome, Togo (AP) - Gunmen killed 6 villagers in northern Benin on Monday.",
    ),
    (
        "place.admin_unit",
        "A name followed by 'region', 'province', 'state' or 'governorate' is that unit ('the Mopti region'), though a "
        "town has its name: the report's location says so, and events compare it as a province.",
        "Gunmen killed 10 soldiers at a checkpoint in the Mopti region on Tuesday.",
    ),
    (
        "place.hospital_or_unit",
        "Where the wounded were taken ('taken to hospital in Damaturu', 'flown to Lumbo') and a unit's name ('the "
        "Western Mindanao Command') are not where it happened.",
        "Gunmen killed 4 villagers in Goniri on Monday. Nine wounded were taken to hospital in Maiduguri.",
    ),
    (
        "place.group_country_vote",
        "An armed group named in the article is a vote for the country it fights in.",
        "Al-Shabaab fighters killed 5 people on Monday.",
    ),
    (
        "place.arabic_spelling",
        "A place the gazetteer holds in another Arabic transliteration ('-a'/'-ah', without 'Al') is that place.",
        "A car bomb went off at a checkpoint near Diwaniyah on Monday, killing 8 people.",
    ),
    (
        "place.landmark_city",
        "A known city named inside a landmark's name (Bridge, Station, Market...) places the count in that city, "
        "also when the landmark ends the sentence.",
        "A lorry drove into shoppers on the Lyon Bridge. Four people were killed.",
    ),
    (
        "place.of_country",
        "A country after 'the capital of', 'the north of'... is where it happened, even when a lowercase word "
        "follows it.",
        "Rebels fired rockets at the capital of Kenya during the night over its role in the Somali war, killing 3 "
        "Somali traders.",
    ),
    # ---- consolidation (consolidate.py, article.py)
    (
        "consolidate.hospital_subsets",
        "Those 'still in hospital' are some of the wounded, no new count.",
        "A blast in Taro on Monday wounded 84 people. 23 remained in hospital on Tuesday.",
    ),
    (
        "consolidate.injured_died_in_toll",
        "'Two of the injured died' after a toll that rose: part of the toll, no count of their own.",
        "The death toll from Monday's bombing in Taro rose to 11. Two of the injured died overnight.",
    ),
    (
        "consolidate.initial_superseded",
        "An initial figure a later one replaces is dropped ('had initially reported 43 dead').",
        "A bombing in Taro killed 50 people on Monday. Officials had initially reported 43 people dead.",
    ),
    (
        "consolidate.stabbed_told",
        "A count of people stabbed is dropped when the article tells what became of them.",
        "An attacker stabbed two men in Taro on Monday. One man died and another man was wounded.",
    ),
    (
        "consolidate.vague_restated",
        "A vague figure ('several were wounded') is dropped when the article counts the same outcome.",
        "Several people were wounded in the attack on Taro on Monday. 14 people were wounded, police said.",
    ),
    (
        "consolidate.group_repeat",
        "The same count told again with its group ('ten were killed ... the ten soldiers') is one report.",
        "Ten people were killed in Taro on Monday. Ten soldiers were killed in the attack, the army said.",
    ),
    (
        "consolidate.also_another",
        "'was also killed' after a count of the same size tells of more victims, not the same ones again.",
        "Gunmen shot and killed Omar Bakri in Taro on Monday. Bakri's nephew was also killed in the attack.",
    ),
    (
        "consolidate.also_same_group",
        "More victims of the same incident and group told later with 'also' add up to the report told before.",
        "A bomb hit a cafe in Taro on Monday. One Dane was injured, police said. Two Swedes were also wounded.",
    ),
    (
        "consolidate.repeats",
        "The same count of the same group told twice in an article is one report.",
        "Ten soldiers were killed in Taro on Monday. The army confirmed that 10 soldiers were killed.",
    ),
    (
        "consolidate.updated_toll",
        "A higher toll for the same incident replaces the figure it updates.",
        "A bombing in Taro on Monday killed 9 people. On Monday evening the death toll rose to 14 people.",
    ),
    (
        "consolidate.toll_of_all",
        "A higher toll of all the dead ('the death toll rose to 27') updates an earlier count of one victim group.",
        "Rebels killed 20 villagers in Taro on Monday. On Monday night the death toll rose to 27.",
    ),
    (
        "consolidate.alternative_range",
        "Another source's figure for the same quantity makes one report with a range.",
        "A bombing in Taro killed 86 people on Monday, police said. Some sources say 120 people were killed.",
    ),
    (
        "consolidate.repeat_day",
        "A repeat that names the day dates the report better than the default day.",
        "Gunmen attacked Taro on Tuesday.\n\n12 soldiers were killed, the army said.\n\nShops were "
        "shut.\n\nThe 12 soldiers were killed in Monday's attack on a base.",
    ),
    (
        "consolidate.split_repeats",
        "A total told again with its groups is one quantity, split into the groups.",
        "A bombing in Taro killed 21 people on Monday. Twenty-one people died, four of them children, on Monday.",
    ),
    (
        "consolidate.pieces_told_again",
        "A named part of an earlier, larger total of the same day and outcome, told again as its own count, is no new "
        "count.",
        "A bomb at a hotel in Lumbo killed 12 people on Monday, including three Finns.\n\nThree Finns were killed "
        "in the blast, Finland's foreign ministry said.",
    ),
    (
        "consolidate.reported_figure",
        "A figure said later for the unspecified dead or wounded of a day already counted is another figure for the "
        "same quantity: one report with a range.",
        "A car bomb killed 12 people at a market in Lumbo on Monday.\n\nA hospital director said 17 people had "
        "died.",
    ),
    (
        "consolidate.vague_casualties_restated",
        "A vague count of people 'killed and injured' restates the day's numbers of the killed or the injured.",
        "A bomb killed 6 people at a bus stop in Lumbo on Monday.\n\n\"Many people were killed and injured,\" a "
        "witness said.",
    ),
    (
        "consolidate.other_sources",
        "Two named sources' figures for one day, group and place are one report with a range.",
        "Seven soldiers were killed in Taro on Monday, the army said. Rebels said on Tuesday that they had killed "
        "51 soldiers on Monday.",
    ),
    (
        "consolidate.bodies_in_toll",
        "Bodies counted by rescuers are the same dead as the article's toll: a range, not more dead.",
        "A bombing in Taro killed 27 people on Monday. By Monday night 32 bodies had been brought to the morgue.",
    ),
    (
        "consolidate.among_parts",
        "Counts 'among the dead' are parts of the total told before them.",
        "A bombing in Taro killed 40 people on Monday. Two women were among the dead.",
    ),
    (
        "consolidate.breakdown",
        "A total followed by group counts that add up to it exactly is told twice: the groups are kept.",
        "At least 12 people were killed in Taro on Monday. The attackers killed 5 soldiers at a post. Then they "
        "killed 7 civilians at the market.",
    ),
    (
        "consolidate.zero_report",
        "A short undated event note that states no death gives 0 killed on its day and place (a statistic with no "
        "day is no such note).",
        "Militants attacked a police post in Baidoa. No casualties were reported.",
    ),
    # ---- issue 9's accuracy: numeric dates, numbers that are no counts, unlisted and named victims, attackers,
    # lists, violence only (numeric_dates.py, numbers.py, chunks.py, not_counts.py, named.py, victims.py,
    # attackers.py, lists.py, anaphora.py, violence.py)
    (
        "date.numeric",
        "A numeric date (two numbers and a four-digit year: 03/11/2024, 11.03.2024) is read as a day.",
        "Gunmen killed five soldiers at a checkpoint near Taro on 03/11/2024, the army said.",
    ),
    (
        "date.numeric_order",
        "A numeric date whose numbers could both be the month is read by the text's other numeric dates or the "
        "publication date before the separator's default (dates.csv).",
        "Gunmen killed five soldiers at a checkpoint near Taro on 12/03/2024, the army said.",
    ),
    (
        "number.and_words",
        "Number words joined by 'and' after a round hundred or thousand are one number ('one hundred and twelve').",
        "One hundred and thirty-seven people were killed when militants attacked the town of Taro on Monday.",
    ),
    (
        "count.age_apposition",
        "A bare number set off by commas or brackets right after a person is an age, not a count.",
        "Militants killed Maria Lopes, 52, and her son, 17, in Taro on Monday.",
    ),
    (
        "perpetrator.first_word_described",
        "An attacker described as the sentence's first word ('Gunmen killed', 'TARO - Militants stormed') is read "
        "as one described mid-sentence.",
        "Gunmen killed 12 soldiers in an ambush near Taro on Monday, the army said.",
    ),
    (
        "victims.nationality_singular",
        "'An American contractor was killed': one person named by a noun the lexicon does not list, after a "
        "nationality, is one victim.",
        "An American contractor was killed in a drone attack on a base near Taro on Monday.",
    ),
    (
        "victims.nationality_noun",
        "'a Swiss', 'a Briton' in a list or before its verb is one person of no victim group, as 'two Americans' "
        "are two; not after 'by' (the attacker).",
        "Two Americans, a Swiss and a Briton were killed when gunmen attacked a hotel in Taro on Monday.",
    ),
    (
        "filter.toll_increment",
        "New dead told with the toll they bring ('14 of the injured died, bringing the toll to 52') are inside that "
        "toll: no count of their own.",
        "A car bomb hit the market in Taro on Monday. Hospital officials said 14 of the injured had died, bringing "
        "the toll to 52.",
    ),
    (
        "group.among_total",
        "'Four aid workers were among 10 people killed': the first count is a part of the total right after it.",
        "Four aid workers were among 10 people killed in an air strike on a convoy near Taro on Monday.",
    ),
    (
        "note.hallmarks",
        "'The attack bore (all) the hallmarks of X': who says so blames X.",
        "A suicide bomber killed 8 people at a market in Taro on Sunday. Police said the bombing bore the hallmarks "
        "of Boko Haram.",
    ),
    (
        "note.place_not_blamer",
        "A country named as a place ('killed in Somalia last year, and blamed') is not who blames: the sentence's "
        "speaker is.",
        "The United Nations said 300 civilians were killed in Somalia last year, and blamed al-Shabaab for most of "
        "the deaths.",
    ),
    (
        "note.government_blamed",
        "'blamed the Syrian government', 'accused the Ethiopian authorities': the state's forces are the party "
        "blamed (not when the government only speaks or is named).",
        "Air strikes killed 12 people in Taro on Thursday. Activists blamed the Syrian government for the strikes.",
    ),
    (
        "note.generic_group",
        "A side named by what it is is a party of notes: 'blamed the insurgents', 'Islamist insurgents', "
        "'Russian-backed separatists', 'terrorist armed groups', 'a Dogon militia' (not a description: 'a gunman').",
        "Gunmen killed nine villagers in Taro on Monday. The governor blamed the attack on Islamist insurgents.",
    ),
    (
        "note.named_group",
        "A capitalised name ending in an armed organisation's noun ('the White Army', 'the Oliver Sinisterra Front', "
        "'the Popular Mobilisation Forces') is an armed group, though the actor list does not hold it.",
        "Gunmen killed nine villagers in Taro on Monday. Police blamed the Lumbo Liberation Front for the attack.",
    ),
    (
        "note.mutual_blame",
        "Two sides named together that 'accused each other' or 'traded blame' are two notes: each blames the other.",
        "Fighting near Taro killed 12 soldiers on Monday. Armenia and Azerbaijan accused each other of starting it.",
    ),
    (
        "note.mutual_blame_sides",
        "'Both sides accused each other' names the last two armed sides the article named before: each blames "
        "the other.",
        "Armenian troops and Azerbaijani forces clashed near Taro on Monday, killing 12 soldiers. Both sides "
        "accused each other of starting the fighting.",
    ),
    (
        "source.said_clause",
        "After 'said', words that go on to a verb of their own ('said gunmen killed 12') are what was said, not "
        "who said it.",
        "The army said Boko Haram fighters killed 12 civilians near Taro on Monday.",
    ),
    (
        "source.said_where",
        "After 'said', 'on', 'in', 'at', 'via' or 'through' tell where or how it was said ('said on Telegram'), "
        "not who said it.",
        "A missile strike on Taro killed 8 people on Monday, the regional governor said on Telegram.",
    ),
    (
        "perpetrator.not_speaker",
        "Armed forces named only as who tells the figures (', the army said', 'according to the military', 'The "
        "army said a bomb killed', 'the Houthi movement's Al Masirah television said') are not their perpetrator "
        "unless they say their side did it.",
        "A roadside bomb killed 12 civilians near Taro on Monday, the Afghan army said.",
    ),
    (
        "place.own_clause",
        "In a sentence of two clauses joined by 'while', 'whereas' or a semicolon, each with a count, a count takes "
        "a place named in its own clause.",
        "Gunmen killed 9 police officers in Helmand on Monday, while a roadside bomb killed three civilians in "
        "Kandahar.",
    ),
    (
        "perpetrator.own_clause",
        "In such a sentence, a count that is the object of its own clause's verb ('air strikes killed 20') never "
        "takes an actor named in the other clause.",
        "Air strikes killed 20 people in Taro on Tuesday while al-Shabaab fighters killed five in Lumbo.",
    ),
    (
        "count.day_of_month",
        "A number of 1 to 31 right after a month's capitalised name ('March 3', 'Sept. 14') is a day, not a count.",
        "On March 3 two soldiers were killed when militants attacked a checkpoint near Taro.",
    ),
    (
        "count.clock_time",
        "The minutes of a time of day are no count: '07:40 - Israeli soldier killed', 'at 9:15 two soldiers died'.",
        "Live updates from Lumbo.\n\n07:40 - Militia fighter killed. Residents said a militiaman was shot dead at "
        "dawn.",
    ),
    (
        "count.year_not_count",
        "A four-digit year before a noun ('the 2018 death of') is a date, not a count.",
        "He was jailed in the 2018 death of a soldier during the insurgency in Taro.",
    ),
    (
        "count.shared_plural",
        "One number before two plural victim nouns joined by 'and' counts both together, not the first alone.",
        "Militants stormed a post in Taro on Monday. At least nine soldiers and militiamen were killed.",
    ),
    (
        "noun.acronym",
        "An acronym in brackets inside a noun phrase is skipped on the way to the noun counted.",
        "Militants stormed a post in Taro. Seven Village Defence Committee (VDC) members were killed.",
    ),
    (
        "count.other_unlisted",
        "A count before 'other' or 'of his' and a plural noun the lists do not know counts people next to a verb.",
        "Militants attacked a convoy in Taro on Monday. Ali Noor was killed and two other clerks were injured.",
    ),
    (
        "group.majority_own_count",
        "A number after 'all' or 'most' that follows a total is a count of its own, not the group the total mostly is.",
        "Gunmen fired on a crowd in Taro on Monday, killing 12 people, all 3 gunmen were later shot dead.",
    ),
    (
        "count.time_after_number",
        "A time phrase after a number ('rose to 40 a week later') names no counted noun: the number stays a count.",
        "Rebels raided the village of Taro on Monday, killing 9. The death toll rose to 16 a few days later.",
    ),
    (
        "number.tens_digit",
        "A tens word then a single digit ('Forty 6', as text whose small numbers became digits writes) is one number.",
        "Gunmen fired on a bus near Taro on Monday. Thirty 4 passengers were killed.",
    ),
    (
        "consolidate.ordinal_another",
        "One person counted with 'a' and an ordinal ('a second guard') is one more victim, never a repeat.",
        "Rebels raided a farm near Taro on Monday, wounding the owner. A second farmhand was wounded by a stray "
        "bullet.",
    ),
    (
        "victims.wounds_received",
        "A verb of receiving, a few words of how many, which kind or how bad, then wounds, injures its subject.",
        "A man with a knife attacked shoppers in Taro on Monday. A second shopper, who tried to help, received several "
        "deep stab wounds.",
    ),
    (
        "count.another_elliptic",
        "'Another' with its participle and no noun ('and another injured', 'another were wounded') is one more victim.",
        "A mortar hit a checkpoint near Taro on Monday, killing two guards, and another injured.",
    ),
    (
        "count.another_alone",
        "'Another' alone before 'was' counts one more victim of another outcome, none of the same outcome.",
        "Militants attacked a patrol near Taro on Monday. One ranger was killed and another was injured.",
    ),
    (
        "victims.unlisted_singular",
        "'One', 'the', 'another' or 'his' and a noun the lists do not know, then 'was' and an outcome: one victim.",
        "Militants attacked a checkpoint in Taro. One bodyguard was killed and two others were injured.",
    ),
    (
        "victims.pair",
        "Two people joined by 'and' before 'were' and an outcome verb are two victims, though no noun is listed.",
        "Gunmen attacked a house in Taro on Monday. The mayor and a clerk were killed in the attack.",
    ),
    (
        "victims.pair_object",
        "A second person joined to an outcome verb's object ('a farmer and his cousin') is a victim too.",
        "Gunmen shot and killed a farmer and his cousin on Monday near the village of Taro.",
    ),
    (
        "victims.named_apposition",
        "A name followed by an apposition ('Omar Bakri, a councillor,') then 'was killed' is one victim; the "
        "apposition is no count of its own; titles before the name are part of it.",
        "In an attack on a convoy near Taro, Omar Bakri, a provincial councillor, was killed.",
    ),
    (
        "victims.named_object",
        "A person named as the object of an active outcome verb is one victim in the group the apposition names.",
        "Gunmen shot and killed Jane Roe, a teacher, in Brookfield on Monday.",
    ),
    (
        "victims.particle_name",
        "A name joined to its article by a hyphen ('al-Hassan', 'Al-Kadi') is a name word of a named victim.",
        "Gunmen shot and killed Omar al-Kadi, a local judge, in Taro on Monday.",
    ),
    (
        "victims.name_not_place",
        "A name that is also a place, as the subject of 'was killed', names a person: a place is never killed.",
        "Gunmen opened fire on a teacher named Omar Kabul on Monday. Kabul was killed in the attack.",
    ),
    (
        "victims.possessed",
        "The people of a named person ('Bakri's driver', 'Bakri's wife and daughter') before an outcome verb.",
        "Gunmen attacked a house in Taro on Monday. Bakri's wife and daughter were injured in the attack.",
    ),
    (
        "victims.wounded_and_later_died",
        "One person 'wounded and later died' is one dead, not one wounded.",
        "Militants attacked a patrol near Taro on Monday. One soldier was injured in the blast and later died.",
    ),
    (
        "victims.definite_anaphora",
        "'The farmers were killed' after 'abducted four farmers' in the same paragraph is four killed.",
        "Gunmen abducted four farmers near Kalo on Monday. The farmers were killed the next day.",
    ),
    (
        "victims.not_a_time",
        "A word of time after an outcome verb ('killed a short time later') is no victim.",
        "Militants abducted Omar Bakri, a teacher, in Taro on Monday. He was shot and killed a short time later.",
    ),
    (
        "attackers.in_addition",
        "Attackers 'in addition to' whom others were killed died too.",
        "A suicide bomber struck a market in Taro on Monday. In addition to the assailant, at least 20 civilians "
        "were killed and 30 were injured.",
    ),
    (
        "attackers.subject",
        "Attackers counted right before an active outcome verb with an object did the killing; they did not die.",
        "In an attack on Monday, an assailant shot and killed a former village councillor in Brookfield.",
    ),
    (
        "list.inclusion_inside",
        "A count, its inclusion between commas, then 'and' and a count with a verb: both counts take the verb.",
        "Militants stormed a post in Taro on Monday. Six guards, including the post commander, and three "
        "attackers were killed.",
    ),
    (
        "violence.headline",
        "The headline (or first sentence) decides first whether an article is about armed violence: an accident, "
        "a disaster, a court case or ordinary crime there gives no report; a word of armed conflict keeps it.",
        "Tower crane topples onto a busy street in Taro. Two people were killed on Monday when the crane hit a bus, "
        "and the army said an attack was ruled out.",
    ),
    (
        "violence.crime_attack_word",
        "Under a crime headline, 'attack' or 'gunfire' as the only armed words does not make it armed violence.",
        "Two shot dead at Taro car wash, sheriff says\n\nA gunman shot two workers dead at a car wash in Taro on "
        "Monday before driving off. A customer was hurt in the attack, the sheriff said; the attacker fled.",
    ),
)
