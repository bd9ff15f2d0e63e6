//! Table tests for the quote rules: one `check(text, expected)` per pattern.

use super::extract_with;

/// Expected quotes as (speaker, text) pairs, in text order.
fn check(text: &str, expected: &[(&str, &str)]) {
    let layer = migtrack_nlp::split(text);
    let got: Vec<(String, String)> = extract_with(text, &layer, &|_, _| None)
        .into_iter()
        .map(|quote| (quote.speaker.unwrap_or_default(), quote.text))
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(speaker, text)| (speaker.to_string(), text.to_string()))
        .collect();
    assert_eq!(got, expected, "in: {text}");
}

#[test]
fn direct_quote_with_attribution_after() {
    check(
        "“We will decide how to control our borders,” Haley said.",
        &[("Haley", "We will decide how to control our borders")],
    );
    check(
        "\"The plan is not racist,\" said Mr Howard.",
        &[("Howard", "The plan is not racist")],
    );
}

#[test]
fn direct_quote_with_attribution_before() {
    check(
        "Minister Anna Berg said: “The border stays open for those who need protection.”",
        &[(
            "Anna Berg",
            "The border stays open for those who need protection.",
        )],
    );
}

#[test]
fn quote_around_attribution_goes_to_one_speaker() {
    check(
        "“For too long, the system has failed us,” Pigott said. “That era is over now.”",
        &[
            ("Pigott", "For too long, the system has failed us"),
            ("Pigott", "That era is over now."),
        ],
    );
}

#[test]
fn surname_resolves_to_the_full_name_and_role() {
    let text = "Principal Deputy Spokesperson Tommy Pigott spoke on Tuesday.\n“The era of open borders is over,” Pigott said.";
    let layer = migtrack_nlp::split(text);
    let quotes = extract_with(text, &layer, &|_, _| None);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Tommy Pigott"));
    assert_eq!(
        quotes[0].role.as_deref(),
        Some("Principal Deputy Spokesperson")
    );
}

#[test]
fn pronoun_resolves_to_the_last_speaker() {
    check(
        "“We are proud of our heritage,” Nikki Haley said.\n“But our decisions are ours alone,” she added.",
        &[
            ("Nikki Haley", "We are proud of our heritage"),
            ("Nikki Haley", "But our decisions are ours alone"),
        ],
    );
}

#[test]
fn pronoun_prefers_a_later_subject_over_an_older_speaker() {
    // The minister is the subject of the paragraph before "he said"; the ambassador spoke
    // earlier. Invented text, same shape as news leads.
    check(
        "“We will not sign,” Ambassador Sara Lind said on Friday.\n\nForeign Minister Tomas Berg defended the decision on Sunday.\n\n“The pact does not bind us,” he said.",
        &[
            ("Sara Lind", "We will not sign"),
            ("Tomas Berg", "The pact does not bind us"),
        ],
    );
}

#[test]
fn a_subject_in_the_speakers_own_sentence_does_not_take_his_pronoun() {
    // Senator Dahl is a subject, but in the sentence whose quote Tomas Berg spoke; the next
    // "he said" continues Berg.
    check(
        "Foreign Minister Tomas Berg met the opposition.\n\n“We would look foolish if we did that,” Mr. Berg responded after Senator Jon Dahl of Ohio, the Democratic leader, posed the question to him directly, according to three officials. He said that the pact was why he was elected, one of the officials said.",
        &[
            ("Tomas Berg", "We would look foolish if we did that"),
            ("Tomas Berg", "the pact was why he was elected"),
        ],
    );
}

#[test]
fn the_subject_of_a_relative_clause_about_a_name_takes_the_next_pronoun() {
    check(
        "“The treaty is a surrender,” said shadow minister Tom Hale.\n\nHis claims were denied by Foreign Secretary Jack Straw, who accused the opposition of running scared. Cooperation would help get better controls, he argued.",
        &[
            ("Tom Hale", "The treaty is a surrender"),
            ("Jack Straw", "Cooperation would help get better controls"),
        ],
    );
}

#[test]
fn a_name_closing_an_apposition_before_is_or_has_is_a_subject() {
    check(
        "“We will not support it,” Senator Tom Hale said.\n\nOne of them, Senator Susan Collins of Maine, is among only a handful of Republicans who have broken with the president. On Saturday, she praised the president, saying she hoped that the offer would end this impasse.",
        &[
            ("Tom Hale", "We will not support it"),
            (
                "Susan Collins",
                "she hoped that the offer would end this impasse",
            ),
        ],
    );
    // A name after a preposition inside a participle phrase is no subject.
    check(
        "“We will keep it,” Foreign Secretary Jack Straw said. The rebate, secured in 1984 by Margaret Thatcher, was justified. “We have a veto,” he said.",
        &[
            ("Jack Straw", "We will keep it"),
            ("Jack Straw", "We have a veto"),
        ],
    );
}

#[test]
fn a_party_member_noun_makes_an_apposition_a_role_and_a_suffix_ends_a_name() {
    check(
        "“The plan will fail,” Senator Richard Blumenthal, Democrat of Connecticut, said.",
        &[("Richard Blumenthal", "The plan will fail")],
    );
    check(
        "“The plan will fail,” said former Representative Thomas M. Davis III, a Virginia Republican.",
        &[("Thomas M. Davis III", "The plan will fail")],
    );
}

#[test]
fn a_title_word_ending_a_name_is_a_surname() {
    check(
        "“We will go on,” independent Sen. Angus King of Maine, who caucuses with the Democrats, told reporters.",
        &[("Angus King", "We will go on")],
    );
    // After a modifier the word stays a title, and the two name a role.
    check(
        "“We will go on,” Foreign Secretary Jack Straw said.",
        &[("Jack Straw", "We will go on")],
    );
    check(
        "“A 9th Circuit Judge just ruled against us,” President Trump wrote.",
        &[("Trump", "A 9th Circuit Judge just ruled against us")],
    );
}

#[test]
fn a_relative_that_is_not_the_start_of_the_statement() {
    // "announced" with a noun after it reads no clause; the relative "that" starts none.
    check(
        "The Trump administration announced this weekend it is withdrawing from a nonbinding pact that was looking into ways of addressing migration.",
        &[],
    );
    // The complementizer twin.
    check(
        "Foreign Minister Tomas Berg said last week that the pact was dead.",
        &[("Tomas Berg", "the pact was dead")],
    );
}

#[test]
fn a_possessive_subject_after_an_introductory_phrase_stays_in_the_statement() {
    check(
        "German Interior Minister Thomas de Maiziere said that according to EU rules, his country isn't technically responsible for the migrants.",
        &[(
            "Thomas de Maiziere",
            "according to EU rules, his country isn't technically responsible for the migrants",
        )],
    );
}

#[test]
fn told_a_named_object_then_a_clause_reports_it() {
    check(
        "Home Secretary Charles Clarke told the Times he hoped agreement with several countries could be reached.",
        &[(
            "Charles Clarke",
            "he hoped agreement with several countries could be reached",
        )],
    );
    // An object with no clause after it reports nothing.
    check(
        "Home Secretary Charles Clarke told the Times about his plans.",
        &[],
    );
}

#[test]
fn particles_in_a_row_belong_to_the_name() {
    check(
        "Hans Van de Weerd, chairman of the Refugee Council USA, said it is more important than ever.",
        &[("Hans Van de Weerd", "it is more important than ever")],
    );
}

#[test]
fn a_title_before_a_name_is_its_role() {
    check(
        "Secretary of State Rex Tillerson said the talks were “not in the interest of the country.”",
        &[(
            "Rex Tillerson",
            "the talks were not in the interest of the country",
        )],
    );
}

#[test]
fn a_role_after_a_possessive_or_a_modifier_is_the_role_of_the_name() {
    check(
        "The Green Party's campaign manager Lena Holm said the polls were wrong.",
        &[("Lena Holm", "the polls were wrong")],
    );
    check(
        "Party communication director Omar Field said the leader had no plan.",
        &[("Omar Field", "the leader had no plan")],
    );
}

#[test]
fn a_place_before_a_clause_is_no_person_with_a_role() {
    // "in Lindale, the mayor said that": the place is no person and the clause no apposition.
    check(
        "At a meeting in Lindale, the mayor said that the shelter will close.",
        &[("mayor", "the shelter will close")],
    );
    check(
        "Mayor Anna Berg visited the shelter. At a meeting in Lindale, the mayor said that the shelter will close.",
        &[("Anna Berg", "the shelter will close")],
    );
}

#[test]
fn a_phrase_that_opens_with_a_preposition_is_no_role() {
    let roles = |text: &str| -> Vec<Option<String>> {
        let layer = migtrack_nlp::split(text);
        extract_with(text, &layer, &|_, _| None)
            .into_iter()
            .map(|quote| quote.role)
            .collect()
    };
    assert_eq!(
        roles("“It is hard,” said Jon Kerr, on his first day as commissioner."),
        [None]
    );
    assert_eq!(
        roles("“It is hard,” said Jon Kerr, the new commissioner."),
        [Some("new commissioner".to_string())]
    );
}

#[test]
fn the_last_words_of_an_organisation_are_no_person() {
    // "Affairs" after "of International" and "Customs Enforcement" after "and" end a body's
    // name: the pronoun goes to the person.
    check(
        "Lea Moss, a fellow at the Institute of International Affairs, spoke.\n“It failed,” she said.",
        &[("Lea Moss", "It failed")],
    );
    check(
        "Lea Moss, acting head of Immigration and Customs Enforcement, spoke.\n“It failed,” she said.",
        &[("Lea Moss", "It failed")],
    );
    // A modifier that opens the phrase still makes the name a person's.
    check(
        "The talks were led by former envoy Lea Moss.\n“It failed,” she said.",
        &[("Lea Moss", "It failed")],
    );
}

#[test]
fn an_office_refers_to_the_holder_of_that_office_not_of_a_rank_below() {
    check(
        "Vice President Ana Berg said the plan was sound. President Omar Field spoke later.\n“It is sound,” the president said.",
        &[
            ("Ana Berg", "the plan was sound"),
            ("Omar Field", "It is sound"),
        ],
    );
    check(
        "Vice President Ana Berg said the plan was sound. President Omar Field spoke later.\n“It is sound,” the vice president said.",
        &[
            ("Ana Berg", "the plan was sound"),
            ("Ana Berg", "It is sound"),
        ],
    );
}

#[test]
fn quoted_terms_are_not_quotes() {
    check(
        "The group urged media outlets to avoid terms such as “illegal migrant” in reports.",
        &[],
    );
    check(
        "Diplomats must report incidents involving “individuals of a migration background” abroad.",
        &[],
    );
    check(
        "The White House’s ‘America First’ policymakers see little gain.",
        &[],
    );
}

#[test]
fn partial_quote_inside_reported_speech_takes_the_whole_clause() {
    check(
        "Pigott added that the administration will not back groups that “run cover for illegal immigration.”",
        &[(
            "Pigott",
            "the administration will not back groups that run cover for illegal immigration",
        )],
    );
}

#[test]
fn indirect_speech_with_said_that() {
    check(
        "Haley had argued that the country would have a better shot if it participated.",
        &[(
            "Haley",
            "the country would have a better shot if it participated",
        )],
    );
    check(
        "A spokesperson for the State Department stated that mass migration often correlates with crime, though no data were provided.",
        &[(
            "spokesperson for the State Department",
            "mass migration often correlates with crime",
        )],
    );
}

#[test]
fn indirect_speech_with_attribution_after() {
    check(
        "The deal is not in effect yet and must first pass several steps, McAleenan said.",
        &[(
            "McAleenan",
            "The deal is not in effect yet and must first pass several steps",
        )],
    );
    check(
        "Migrants who cross will face deportation to the country, according to the ministry.",
        &[(
            "ministry",
            "Migrants who cross will face deportation to the country",
        )],
    );
}

#[test]
fn an_attribution_between_commas_splits_its_statement() {
    check(
        "The new camps, Minister Anna Berg said on Monday, will hold fewer families than the old ones.",
        &[(
            "Anna Berg",
            "The new camps will hold fewer families than the old ones",
        )],
    );
    check(
        "In the long run, said Berg, the quota cannot be kept.",
        &[("Berg", "In the long run the quota cannot be kept")],
    );
    // A relative clause with its own subject, a long adjunct after the verb and an apposition
    // after an inverted speaker are no such attribution.
    check(
        "The camp, which Berg said she had visited, will close in spring.",
        &[],
    );
    check(
        "The new camps, Berg said in a long speech to the council in the capital, will hold fewer families.",
        &[],
    );
    check(
        "In the long run, said Berg, a member of the council, the quota holds.",
        &[],
    );
    check(
        "The troop numbers, reported in the Daily Post, may be a wish.",
        &[],
    );
    check(
        "The country left the forum on Monday, the ministry said, ending ten years of talks.",
        &[],
    );
    check(
        "The country left the forum, the ministry said, and ten years of talks ended.",
        &[(
            "ministry",
            "The country left the forum and ten years of talks ended",
        )],
    );
    check(
        "More camps will open in the north, said the official, who asked not to be named.",
        &[("official", "More camps will open in the north")],
    );
}

#[test]
fn according_to_before_or_inside_its_statement() {
    check(
        "According to the interior ministry, the camps in the north are full.",
        &[("interior ministry", "the camps in the north are full")],
    );
    check(
        "The camps, according to Minister Anna Berg, are full again.",
        &[("Anna Berg", "The camps are full again")],
    );
    // Statistics and documents are evidence, not speakers.
    check(
        "According to the latest figures, the camps in the north are full.",
        &[],
    );
    // A statement whose verb is no auxiliary ("the plan failed") opening with a determiner
    // is still the statement, not an apposition of the source.
    check(
        "According to Minister Anna Berg, the new border plan failed within a month.",
        &[("Anna Berg", "the new border plan failed within a month")],
    );
    // Inside a sentence the same words after the source are its apposition, and the
    // statement is before it.
    check(
        "The camps are full again, according to the ministry, the agency in charge.",
        &[("ministry", "The camps are full again")],
    );
}

#[test]
fn bodies_and_documents_speak() {
    check(
        "“We encourage your government to protect your citizens from mass migration,” the cable reads.",
        &[(
            "cable",
            "We encourage your government to protect your citizens from mass migration",
        )],
    );
    check(
        "In a separate statement, the U.S. mission to the United Nations noted that the “declaration contained numerous provisions that are inconsistent with U.S. policy.”",
        &[(
            "U.S. mission to the United Nations",
            "the declaration contained numerous provisions that are inconsistent with U.S. policy",
        )],
    );
}

#[test]
fn relative_clauses_are_no_attribution() {
    check(
        "The deal, which critics say is illegal, will face challenges.",
        &[],
    );
}

#[test]
fn quote_continues_across_paragraphs() {
    check(
        "“The first paragraph of the statement runs on here.\n“And the second one ends it,” the minister, Jan Novak, said.",
        &[(
            "Jan Novak",
            "The first paragraph of the statement runs on here. And the second one ends it",
        )],
    );
}

#[test]
fn naming_verb_introduces_a_characterisation() {
    check(
        "And a spokesman said the plans would fail. Refugee Council Chief Executive Maeve Sherlock called the plans \"dangerous, ill thought-out and hugely irresponsible\". Lives could be put at risk, she warned.",
        &[
            ("spokesman", "the plans would fail"),
            (
                "Maeve Sherlock",
                "dangerous, ill thought-out and hugely irresponsible",
            ),
            ("Maeve Sherlock", "Lives could be put at risk"),
        ],
    );
}

#[test]
fn subject_skips_parenthetical_time_adjunct_and_modal_chain() {
    check(
        "Senator Ann Holt (D-Ore.) announced Thursday on the floor that the bill would pass easily.",
        &[("Ann Holt", "the bill would pass easily")],
    );
    check(
        "Prime Minister Ola Brandt on Sunday said the plan would cut waiting times for asylum.",
        &[("Ola Brandt", "the plan would cut waiting times for asylum")],
    );
    check(
        "Minister Ola Brandt spoke in Oslo.\n\"We owe protection to those who flee,\" he was due to say.",
        &[("Ola Brandt", "We owe protection to those who flee")],
    );
}

#[test]
fn reported_clause_after_time_adjunct_or_aside() {
    check(
        "A ministry spokeswoman said on Saturday the country will keep processing visas for interpreters.",
        &[(
            "ministry spokeswoman",
            "the country will keep processing visas for interpreters",
        )],
    );
    check(
        "Senator Ann Holt has claimed, without any evidence, that smugglers were among the group.",
        &[("Ann Holt", "smugglers were among the group")],
    );
}

#[test]
fn second_statement_after_a_quote_attribution() {
    check(
        "“We could wait longer,” Ann Holt said in a speech, even as she argued the camps were overcrowded.",
        &[
            ("Ann Holt", "We could wait longer"),
            ("Ann Holt", "the camps were overcrowded"),
        ],
    );
}

#[test]
fn speaker_before_an_appositive_and_a_relative_clause() {
    check(
        "Hans Berg, chairman of the Refugee Forum, which coordinates aid groups, said it's too early to judge the plan.",
        &[("Hans Berg", "it's too early to judge the plan")],
    );
    check(
        "Lena Moss, a law professor at the State University of Utah and former chief counsel for the Federal Immigration Services, said the rule was a matter of common sense.",
        &[("Lena Moss", "the rule was a matter of common sense")],
    );
}

#[test]
fn inner_speaker_of_a_reported_report() {
    check(
        "Reuters reports that the refugee agency UNHCR says it expects arrivals to stay level next year.",
        &[("UNHCR", "it expects arrivals to stay level next year")],
    );
}

#[test]
fn a_speaker_never_reaches_back_into_the_headline_line() {
    let text = "Controversy Swirls Around the Policy\n\n\
                Trump enters his second week in office amid a backlash.\n\n\
                \"The ban will stay in place,\" he said.";
    let layer = migtrack_nlp::split(text);
    let quotes = extract_with(text, &layer, &|_, _| None);
    assert!(!quotes.is_empty());
    for quote in quotes {
        let speaker = quote.speaker.unwrap_or_default();
        assert!(!speaker.contains("Policy"), "speaker {speaker:?}");
    }
}

/// A common noun that opens a sentence is not glued to the name after it ("Policy Trump"), and
/// a modifier alone is no role: the later "Mr. Trump" and "he" are the president named before.
#[test]
fn a_sentence_initial_common_noun_is_no_first_name() {
    let text = "President Donald J. Trump said the United States would cut admissions.\n\n\
                Policy Trump announced last year has been challenged in court.\n\n\
                Mr. Trump added that the wall would be built. \"It will be built,\" he said.";
    let layer = migtrack_nlp::split(text);
    let quotes = extract_with(text, &layer, &|_, _| None);
    assert_eq!(quotes.len(), 3, "{quotes:?}");
    for quote in &quotes {
        let speaker = quote.speaker.as_deref().unwrap_or_default();
        assert!(!speaker.contains("Policy"), "{quote:?}");
        assert!(speaker.ends_with("Trump"), "{quote:?}");
        assert_ne!(quote.role.as_deref(), Some("Policy"), "{quote:?}");
    }
    // A real first name that is also a word keeps its place.
    check(
        "Mark Oaten said the plans were wrong.",
        &[("Mark Oaten", "the plans were wrong")],
    );
}

/// A party is one speaker whatever the article calls it: the events lexicon's written forms
/// of an actor name it ("the Tories" and "Lib Dems" are the Conservative Party and the Liberal
/// Democrats).
#[test]
fn a_party_speaks_under_its_one_name() {
    let text = "The Tories said Labour was acting too late. \
                The Lib Dems said the plans may not produce an efficient system.";
    let ctx = crate::extract::Context::new(text, None, migtrack_domain::Pack::builtin());
    let speakers: Vec<String> = super::extract(&ctx)
        .into_iter()
        .filter_map(|quote| quote.speaker)
        .collect();
    assert_eq!(speakers, ["Conservative Party", "Liberal Democrats"]);
}

#[test]
fn an_office_before_anyone_is_quoted_is_the_subject_named_just_before() {
    // The first person of the sentence before, not the last one named in it.
    check(
        "Anna Berg has attacked the asylum system under Peter Holm.\n\nThe party leader said councils had spent more than £3bn on asylum.",
        &[("Anna Berg", "councils had spent more than £3bn on asylum")],
    );
    // Once someone has been quoted, the office refers to them (as before).
    check(
        "\"We will act,\" said Peter Holm. The party leader said councils had spent too much.",
        &[
            ("Peter Holm", "We will act"),
            ("Peter Holm", "councils had spent too much"),
        ],
    );
}

#[test]
fn an_acronym_speaker_is_the_name_the_article_spells_out() {
    assert_eq!(
        super::expand_acronym(
            "Customs and Border Protection (CBP) agents clashed with migrants. CBP said so.",
            "CBP"
        )
        .as_deref(),
        Some("Customs and Border Protection")
    );
    assert_eq!(
        super::expand_acronym("The Office of the United Nations (OUN) met.", "OUN").as_deref(),
        Some("Office of the United Nations")
    );
    // Not spelled out, or initials that do not match: unchanged.
    assert_eq!(super::expand_acronym("CBP said so.", "CBP"), None);
    assert_eq!(
        super::expand_acronym("Border Force (CBP) said so.", "CBP"),
        None
    );
    assert_eq!(super::expand_acronym("Nato (NATO)", "Nato"), None);
}

#[test]
fn a_body_reported_inside_a_direct_quote_speaks_its_own_words() {
    // A quote that opens with the report is the body's; the next quote still continues the
    // correspondent, and a report later in a quote adds the body's words.
    check(
        "Migrants crossed from Hungary into Austria. \"Hungary says the migrants are fleeing poverty,\" correspondent Eva Holm reports. \"Police are stopping them. Austria says the fence is not the solution.\"",
        &[
            ("Hungary", "the migrants are fleeing poverty"),
            (
                "Eva Holm",
                "Police are stopping them. Austria says the fence is not the solution.",
            ),
            ("Austria", "the fence is not the solution"),
        ],
    );
    // A capitalised sentence opener is no name.
    check(
        "\"Something says we will win,\" said Eva Holm.",
        &[("Eva Holm", "Something says we will win")],
    );
}

fn speakers_and_texts(text: &str) -> Vec<(String, String)> {
    let ctx = crate::extract::Context::new(text, None, migtrack_domain::Pack::builtin());
    super::extract(&ctx)
        .into_iter()
        .map(|quote| (quote.speaker.unwrap_or_default(), quote.text))
        .collect()
}

/// When the token rules cannot read the subject of a speech verb (a parenthesis and an
/// apposition between the name and the verb; a conjunct verb that shares its subject), the
/// dependency tree gives it.
#[test]
fn the_tree_gives_the_subject_the_token_rules_miss() {
    let text = "Senator Anna Berg (D-Ohio), a longtime critic of the agency, said Tuesday that she \
                would support the bill.\n\nAnna Berg criticised the plan and said the camps were \
                full.";
    // Without the tree (no analysis), nothing is attributed.
    let layer = migtrack_nlp::split(text);
    assert!(super::extract_with(text, &layer, &|_, _| None).is_empty());
    let found = speakers_and_texts(text);
    let expected = [
        ("Anna Berg", "she would support the bill"),
        ("Anna Berg", "the camps were full"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:?}");
    for ((speaker, quote), (want_speaker, want_quote)) in found.iter().zip(expected) {
        assert_eq!(
            (speaker.as_str(), quote.as_str()),
            (want_speaker, want_quote)
        );
    }
}

/// The tree's subject is no speaker when the verb is negated, when it asks a question, or when
/// the subject is a quantity ("a lot of outlets"); the same sentence with a speaker and a
/// statement is a quote.
#[test]
fn the_tree_subject_is_no_speaker_of_a_negated_verb_a_question_or_a_quantity() {
    let tail = "(D-Ohio), a longtime critic of the agency,";
    for text in [
        format!("Senator Anna Berg {tail} never said that she would support the bill."),
        format!("Senator Anna Berg {tail} asked Tuesday whether she would support the bill."),
        "A lot of press outlets (mostly online), a worry for the agency, reported that the talks \
         had failed."
            .to_string(),
    ] {
        assert!(speakers_and_texts(&text).is_empty(), "{text}");
    }
    assert_eq!(
        speakers_and_texts(
            "The Lisbon press office (mostly online), a worry for the agency, reported that the \
             talks had failed."
        ),
        [(
            "Lisbon press office".to_string(),
            "the talks had failed".to_string()
        )]
    );
}

/// A name closing an apposition before a verb is the clause's subject, and so what a "he" in
/// the next paragraph refers to, rather than a name that is the verb's object; the subject of a
/// clause embedded under another verb is not.
#[test]
fn a_pronoun_takes_the_subject_named_in_apposition() {
    check(
        "Minister Adam Berg said: “The camps will close.” The opposition's home affairs \
         spokesman, Tom Reed, criticised Mr Berg over the plan.\n\n\
         “The camps are full and closing them solves nothing,” he told reporters.",
        &[
            ("Adam Berg", "The camps will close."),
            (
                "Tom Reed",
                "The camps are full and closing them solves nothing",
            ),
        ],
    );
    check(
        "Minister Tom Reed said: “The camps will close.” He did not think Mr Vale intended \
         to block the plan.\n\n“We will go on,” he said.",
        &[
            ("Tom Reed", "The camps will close."),
            ("Tom Reed", "We will go on"),
        ],
    );
}

/// "Name of Body" is the named person, not a longer name; a peer's title stays whole.
#[test]
fn a_name_of_a_body_is_the_person() {
    check(
        "“The quotas are cruel,” said Maya Lind of the Refugee Forum.",
        &[("Maya Lind", "The quotas are cruel")],
    );
    check(
        "“The quotas are cruel,” said Senator Ana Ruiz of Arizona.",
        &[("Ana Ruiz", "The quotas are cruel")],
    );
    check(
        "“The quotas are cruel,” said Lord Hale of Richmond.",
        &[("Lord Hale of Richmond", "The quotas are cruel")],
    );
}

#[test]
fn this_after_a_speech_verb_starts_the_reported_clause() {
    // "said this finally disposes of …": a later "that" belongs to a noun inside the clause.
    check(
        "Jan Novak said this finally disposes of the lobby's claims that migrants cost nothing.",
        &[(
            "Jan Novak",
            "this finally disposes of the lobby's claims that migrants cost nothing",
        )],
    );
    // Negative twin: "this week" is a time adjunct; the clause follows "that".
    check(
        "Jan Novak said this week that the border would stay open.",
        &[("Jan Novak", "the border would stay open")],
    );
}

#[test]
fn a_question_closing_its_sentence_is_attributed_by_the_next() {
    check(
        "“Have I not been clear on a wall?” Ms. Pelosi said at a news conference.",
        &[("Pelosi", "Have I not been clear on a wall?")],
    );
    // The next sentence reports a clause of its own, or opens a quote of its own: it does not
    // attribute the one before.
    check(
        "“We will win.” Senator Isakson said the plan was dead.",
        &[("Isakson", "the plan was dead")],
    );
    check(
        "Welcoming the ruling, Maeve Sherlock said: “The rules are unfair.” Jan Shaw said: “They will be changed.”",
        &[
            ("Maeve Sherlock", "The rules are unfair."),
            ("Jan Shaw", "They will be changed."),
        ],
    );
}

#[test]
fn after_a_comma_closed_quote_a_verb_of_manner_attributes() {
    check(
        "“We’ve already lost,” Senator Johnny Isakson lamented.",
        &[("Johnny Isakson", "We’ve already lost")],
    );
    check(
        "“We’ve already lost,” lamented Senator Johnny Isakson, Republican of Georgia.",
        &[("Johnny Isakson", "We’ve already lost")],
    );
    // A verb that goes on with an object is the sentence's own act, not an attribution; and
    // a quote closed by a full stop gets no verb of manner.
    check("“It is over,” the ministers closed the session.", &[]);
    check("“It is over.” The ministers lamented.", &[]);
}

#[test]
fn a_founder_is_a_role_and_the_name_after_it_the_speaker() {
    check(
        "“This deal was morally reprehensible,” said Indivisible co-founder Ezra Levin.",
        &[("Ezra Levin", "This deal was morally reprehensible")],
    );
}

#[test]
fn a_subject_with_a_short_aside_is_what_a_later_pronoun_refers_to() {
    // "McConnell, R-Ky., suggested": the aside does not hide the subject from "he said".
    check(
        "“The plan is dead,” said Senator Chuck Schumer.\nLater, Senate Majority Leader Mitch McConnell, R-Ky., suggested a compromise.\n“The talks will continue,” he said.",
        &[
            ("Chuck Schumer", "The plan is dead"),
            ("Mitch McConnell", "The talks will continue"),
        ],
    );
    // Without a verb after the aside the name is no subject, and the last speaker goes on.
    check(
        "“The plan is dead,” said Senator Chuck Schumer.\nLater, a compromise came from Mitch McConnell, R-Ky., of all people.\n“The talks will continue,” he said.",
        &[
            ("Chuck Schumer", "The plan is dead"),
            ("Chuck Schumer", "The talks will continue"),
        ],
    );
}

#[test]
fn a_subject_after_an_introductory_clause_is_what_a_later_pronoun_refers_to() {
    // "As he announced the deal, Mr. Trump paid tribute …": the main clause's subject comes
    // after the comma.
    check(
        "“The plan is dead,” said Senator Chuck Schumer.\nAs he announced the deal, Senate Majority Leader Mitch McConnell paid tribute to the workers. “You are fantastic people,” he said.",
        &[
            ("Chuck Schumer", "The plan is dead"),
            ("Mitch McConnell", "You are fantastic people"),
        ],
    );
    // A name inside the introductory phrase is no subject: the last speaker goes on.
    check(
        "“The plan is dead,” said Senator Chuck Schumer.\nAs Senate Majority Leader Mitch McConnell left the room, the workers waited. “You are fantastic people,” he said.",
        &[
            ("Chuck Schumer", "The plan is dead"),
            ("Chuck Schumer", "You are fantastic people"),
        ],
    );
}

#[test]
fn a_document_that_found_or_showed_something_reports_it() {
    check(
        "A Home Office report found that asylum claims had fallen by a quarter.",
        &[(
            "Home Office report",
            "asylum claims had fallen by a quarter",
        )],
    );
    // A person or body that finds something is no document: "found" is no speech verb.
    check(
        "Police found that the migrants had been in the truck for days.",
        &[],
    );
}

#[test]
fn a_final_attribution_of_the_report_is_not_part_of_the_statement() {
    check(
        "Foreign Minister Tomas Berg said that the pact was dead, one of the officials said.",
        &[("Tomas Berg", "the pact was dead")],
    );
    // The same with a participle phrase about the telling after it.
    check(
        "Foreign Minister Tomas Berg said that the pact was dead, one of the officials said, speaking on the condition of anonymity.",
        &[("Tomas Berg", "the pact was dead")],
    );
    // And inside reported speech with a quoted phrase.
    check(
        "Foreign Minister Tomas Berg told the president that he needed a “public reassurance” that the pact would hold, one person close to the talks said, speaking on the condition of anonymity.",
        &[(
            "Tomas Berg",
            "he needed a public reassurance that the pact would hold",
        )],
    );
    // A comma inside the statement, with no speech verb closing the sentence, stays.
    check(
        "Foreign Minister Tomas Berg said that the pact, which he opposed, was dead.",
        &[("Tomas Berg", "the pact, which he opposed, was dead")],
    );
}

#[test]
fn a_sentence_opening_with_a_definite_role_is_about_the_person_with_that_role() {
    check(
        "“The wall is vanity,” said Gov. Gavin Newsom.\nPresident Trump signed the order.\nThe president opted not to tap relief money. “It didn’t sound too important to me,” he said.",
        &[
            ("Gavin Newsom", "The wall is vanity"),
            ("Trump", "It didn’t sound too important to me"),
        ],
    );
    // A possessor in a role is not the role: the president's counselor is no president.
    check(
        "“The wall is vanity,” said Gov. Gavin Newsom.\nThe president’s counselor Kellyanne Conway left.\nThe president opted not to tap relief money. “It didn’t sound too important to me,” he said.",
        &[
            ("Gavin Newsom", "The wall is vanity"),
            ("Gavin Newsom", "It didn’t sound too important to me"),
        ],
    );
}

#[test]
fn a_manner_adverb_before_that_is_not_part_of_what_was_said() {
    check(
        "Speaker Nancy Pelosi stated plainly that any compromise would not include money for a wall.",
        &[(
            "Nancy Pelosi",
            "any compromise would not include money for a wall",
        )],
    );
    // "said only that …": the same for any adverb in "-ly" before "that".
    check(
        "The ambassador Martha Barcena said only that trade would increase without the tariffs.",
        &[("Martha Barcena", "trade would increase without the tariffs")],
    );
}

#[test]
fn the_title_line_holds_no_quote() {
    check(
        "Trump says he could keep the shutdown going for months\n\nPresident Trump said on Friday that the shutdown could last for years.",
        &[("Trump", "the shutdown could last for years")],
    );
    // A first line that ends with a stop is the story's first sentence.
    check(
        "Trump said the shutdown could last for years.\n\nHe spoke on Friday.",
        &[("Trump", "the shutdown could last for years")],
    );
}

#[test]
fn a_possessive_comment_after_the_reported_clause_is_the_writers() {
    check(
        "President Trump said he was preparing an executive order on citizenship, his latest maneuver days before the elections.",
        &[(
            "Trump",
            "he was preparing an executive order on citizenship",
        )],
    );
    // A possessive conjunct of a list goes on with the clause.
    check(
        "The minister said the rules would hurt migrants, their children and their families.",
        &[(
            "minister",
            "the rules would hurt migrants, their children and their families",
        )],
    );
}

#[test]
fn a_verb_with_an_infinitive_after_a_comma_attributes_nothing_before_it() {
    check(
        "Shortly after the policy was announced, the American Civil Liberties Union vowed to sue.",
        &[],
    );
    check(
        "The camps are full and the rules are unfair, the American Civil Liberties Union said.",
        &[(
            "American Civil Liberties Union",
            "The camps are full and the rules are unfair",
        )],
    );
}

#[test]
fn an_indefinite_is_no_speaker() {
    check(
        "Others say the cap doomed the bill.\n\"The cap will stay,\" Haley said.",
        &[("Haley", "The cap will stay")],
    );
    // The named twin is a quote.
    check(
        "Haley says the cap doomed the bill.",
        &[("Haley", "the cap doomed the bill")],
    );
}

/// "STATEMENT, said NAME, APPOSITION.": the attribution after an earlier comma, when the name
/// after the verb has an apposition (a role, with a relative clause about it) that ends the
/// sentence; a prepositional phrase after the verb is no speaker ("…, said in a statement").
/// (A statement that goes on after the apposition: `an_attribution_between_commas_…`.)
#[test]
fn an_inverted_attribution_with_an_apposition_after_the_name() {
    check(
        "The first hearing could take place this week, said Brian Cole, a longtime adviser to \
         the governor who oversees the campaign.",
        &[("Brian Cole", "The first hearing could take place this week")],
    );
    check(
        "The first hearing could take place this week, said in a statement to the council.",
        &[],
    );
}

/// "said no decision had been made": "no" opens the reported clause's subject when a finite
/// be/have or a modal follows its noun; "said no to the plan" reports no statement.
#[test]
fn no_opens_a_reported_subject_before_a_finite_verb() {
    check(
        "A spokesman for the ministry said no decision had been made about the camps.",
        &[(
            "spokesman for the ministry",
            "no decision had been made about the camps",
        )],
    );
    check("The mayor said no to the plan for a third camp.", &[]);
}

/// The tree reads a role subject whose apposition is a name as that person ("A lawyer for the
/// two papers, David Marsh, said"), wherever the parser hangs the apposition in the phrase.
#[test]
fn a_role_subject_with_a_name_in_apposition_is_that_person() {
    let text = "A lawyer for the two newspapers, David Marsh, said the appeal would be heard in \
                May.";
    let layer = migtrack_nlp::split(text);
    assert!(super::extract_with(text, &layer, &|_, _| None).is_empty());
    assert_eq!(
        speakers_and_texts(text),
        [(
            "David Marsh".to_string(),
            "the appeal would be heard in May".to_string()
        )]
    );
}

/// A speech verb the tree joins to the reporting verb is the speaker's next act and ends what
/// was said ("said he would order a review and warned against cuts"), also when the parser
/// hangs it on the reported verb in the infinitive; a conjunct of a finite reported verb ("had
/// met the minister and warned him") stays inside.
#[test]
fn a_conjoined_speech_verb_ends_the_reported_clause() {
    assert_eq!(
        speakers_and_texts(
            "Senator Tom Smith said he would order a full review of the asylum system and warned \
             against further cuts to the border agency."
        ),
        [(
            "Tom Smith".to_string(),
            "he would order a full review of the asylum system".to_string()
        )]
    );
    assert_eq!(
        speakers_and_texts(
            "Senator Tom Smith said he had met the minister and warned him about the camps."
        ),
        [(
            "Tom Smith".to_string(),
            "he had met the minister and warned him about the camps".to_string()
        )]
    );
}

/// "Rep. Anna Berg (D-Ohio), chair of the caucus, said": a parenthesis between the name and
/// its apposition.
#[test]
fn a_parenthesis_between_a_name_and_its_apposition() {
    check(
        "Rep. Anna Berg (D-Ohio), chair of the border caucus, said the camps would close in May.",
        &[("Anna Berg", "the camps would close in May")],
    );
}

/// A subordinate clause's subject speaks ("shortly after Smith said he …"); what it said ends
/// with its clause (the tree's). A "that" after a participle of its own is the participle's
/// ("before Berg announced it on Saturday, maintaining that …"). "If" opens no report.
#[test]
fn a_speaker_in_a_subordinate_clause() {
    check(
        "Members of the council met on Friday, shortly after Tom Smith said he finally accepts \
         the ruling of the court.",
        &[("Tom Smith", "he finally accepts the ruling of the court")],
    );
    check(
        "Democrats rejected the offer before Anna Berg announced it on Saturday, maintaining \
         that it did not go far enough.",
        &[],
    );
    check(
        "The council will meet again if Tom Smith says the camps are full.",
        &[],
    );
    assert!(
        speakers_and_texts(
            "Title here\n\nTom Smith has secured my vote, and many more like me. What is more, I \
             look forward to the day when he claims victory, wrecks the council, and rescues my \
             great town."
        )
        .is_empty()
    );

    assert_eq!(
        speakers_and_texts(
            "When Anna Berg noted that the ministry has not paid for the shelters, the room fell \
             silent."
        ),
        [(
            "Anna Berg".to_string(),
            "the ministry has not paid for the shelters".to_string()
        )]
    );
}

/// "…, said X" attributes only when X ends the attribution: "…, said members will help him"
/// is a clause of its own after a subject the rules could not read.
#[test]
fn an_inverted_speaker_followed_by_its_own_verb_is_no_speaker() {
    check(
        "Rep. Gregory Mills (D-N.Y.), who chairs the caucus since May, said members will help \
         him raise money.",
        &[],
    );
}

/// A quoted title closing with its comma before the subject ("on “Morning Report,” Anna
/// Berg said the rise …") neither is a quote nor keeps the subject from speaking, and a verb
/// with a reported clause of its own does not attribute the quote before it.
#[test]
fn a_quoted_title_before_a_subject_with_its_own_report() {
    check(
        "In an interview on Channel 4’s “Morning Report,” Home Secretary Anna Berg said the \
         recent rise in arrivals demands a new plan.",
        &[(
            "Anna Berg",
            "the recent rise in arrivals demands a new plan",
        )],
    );
}

/// A capitalised quantifier opening a sentence ("Most Americans oppose …") is no person, so it
/// is not what a later "he" refers to.
#[test]
fn a_sentence_opening_quantifier_is_no_name() {
    check(
        "Title line here\n\nThe wall is needed, Donald Trump said on Friday. Most Americans \
         oppose the declaration, according to polls.\n\n“The camps are full and the money is \
         gone,” he said.",
        &[
            ("Donald Trump", "The wall is needed"),
            ("Donald Trump", "The camps are full and the money is gone"),
        ],
    );
}

/// An attribution between commas after an opening adjunct ("During his years in office, Jean
/// Dupont said, a majority …"): the statement is the sentence without the attribution, even
/// when it opens with a phrase that reads like a role ("a majority of voters") or with a
/// gerund that is its subject ("…, he said, replacing the minister would be …"; a participle
/// without a finite verb after it stays an adjunct: `an_attribution_between_commas_…`).
#[test]
fn an_attribution_between_commas_after_an_opening_adjunct() {
    check(
        "Jean Dupont spoke on Monday. Though the last transition was smooth, he said, replacing \
         the minister would be much harder.",
        &[(
            "Jean Dupont",
            "Though the last transition was smooth replacing the minister would be much harder",
        )],
    );
    check(
        "During his seven years in office, Jean Dupont said, a majority of voters have come to \
         accept the camps.",
        &[(
            "Jean Dupont",
            "During his seven years in office a majority of voters have come to accept the camps",
        )],
    );
}

/// Coreference of "he"/"she" (fourteenth session; shapes found among PolNeAR's pronoun
/// sources, sentences invented). An honorific makes a surname alone a person ("Mr. Obama"),
/// and a participle after a name no comma opened is a reduced relative, not the name's verb:
/// the figure in "past the statue of Abraham Lincoln, sheltered in …" is no subject.
#[test]
fn an_honorific_surname_is_a_person_and_a_reduced_relative_no_subject() {
    check(
        "Mr. Obama spoke of his many walks past the lighted statue of Abraham Lincoln, sheltered \
         in his memorial. He said he had watched the museum rise from the ground.",
        &[("Obama", "he had watched the museum rise from the ground")],
    );
    // The twin: a name in apposition (opened by a comma) before a past-tense verb is one.
    check(
        "Mr. Obama spoke of his walks. His adviser, Abraham Lincoln, warned against it. He said \
         he had watched the museum rise from the ground.",
        &[(
            "Abraham Lincoln",
            "he had watched the museum rise from the ground",
        )],
    );
}

/// A pronoun after a name tells that name's gender only before anyone else is named in its
/// sentence: "her" in "Lopez said Clinton lacks … her concern" is Clinton's, so the next
/// "she" may be Lopez.
#[test]
fn a_pronoun_after_another_name_tells_nothing_of_the_first() {
    check(
        "Rita Lopez and Tim Kaine came to the rally.\n\nKaine said Ms. Clinton lacks consistency \
         in her concern for racial issues. Lopez agreed with him.\n\n“It is not something that \
         she says every day,” she said.",
        &[
            (
                "Tim Kaine",
                "Ms. Clinton lacks consistency in her concern for racial issues",
            ),
            ("Rita Lopez", "It is not something that she says every day"),
        ],
    );
}

/// A pronoun in the next sentence tells a name's gender only when it opens that sentence:
/// "Rita Lopez spoke. Tim Kaine said he …" says nothing of Lopez.
#[test]
fn a_pronoun_in_the_next_sentence_tells_only_when_it_opens_it() {
    check(
        "Rita Lopez spoke at the rally. Tim Kaine said he backed the plan.\n\n“We need more \
         help,” she said.",
        &[
            ("Tim Kaine", "he backed the plan"),
            ("Rita Lopez", "We need more help"),
        ],
    );
}

/// Words that end a place's name ("the National Mall") make no person, so a later "she" does
/// not go to the place; a person named there still takes it.
#[test]
fn a_place_is_no_person_for_a_pronoun() {
    check(
        "The museum opened on the National Mall on Saturday.\n\nShe said she had toured the \
         museum last week.",
        &[],
    );
    check(
        "Rita Lopez visited the museum on Saturday.\n\nShe said she had toured the museum last \
         week.",
        &[("Rita Lopez", "she had toured the museum last week")],
    );
}

/// A place before a title and a name modifies the title ("New Jersey Gov. Chris Christie"):
/// "New Jersey" is no person a "she" could take.
#[test]
fn a_place_before_a_title_is_no_person() {
    let people = |text: &str| -> Vec<String> {
        let layer = migtrack_nlp::split(text);
        let analyses = |_: usize| None;
        let doc = super::Doc::new(text, &layer, &analyses);
        let mut names: Vec<String> = doc.people.into_iter().map(|person| person.name).collect();
        names.dedup();
        names
    };
    assert_eq!(
        people("New Jersey Gov. Chris Christie called her a disgrace."),
        ["Chris Christie"]
    );
    assert_eq!(
        people("Ohio Sen. Anna Berg met Rita Lopez."),
        ["Anna Berg", "Rita Lopez"]
    );
}

/// Two people of one family: the surname alone is the one named most often, and the gender
/// of each comes from the mentions with their own first name.
#[test]
fn a_shared_surname_refers_to_the_person_named_most() {
    check(
        "Hillary Clinton spoke in Ohio. Hillary Clinton then flew to Iowa. Chelsea Clinton stayed \
         home. Clinton said the plan would work.",
        &[("Hillary Clinton", "the plan would work")],
    );
    check(
        "Donald Trump said he would win. Donald Trump said he was ready. Ivanka Trump spoke \
         later.\n\n“I am proud of my father,” she said.",
        &[
            ("Donald Trump", "he would win"),
            ("Donald Trump", "he was ready"),
            ("Ivanka Trump", "I am proud of my father"),
        ],
    );
}

/// An age in apposition ("Jimmy Tompkins, 31, of Charlotte") marks a private person: none of
/// their words is recorded (policy, never people), nor given to someone else.
#[test]
fn a_person_with_an_age_in_apposition_is_private() {
    check(
        "Jimmy Tompkins, 31, of Charlotte, tossed a football in the park.\n\n“This is a fun \
         event,” he said.",
        &[],
    );
    check(
        "Jimmy Tompkins of Charlotte tossed a football in the park.\n\n“This is a fun event,” \
         he said.",
        &[("Jimmy Tompkins", "This is a fun event")],
    );
}

/// A party member's word before a name is no part of it ("Democrat Hillary Clinton").
#[test]
fn a_party_word_before_a_full_name_is_no_first_name() {
    check(
        "Democrat Hillary Clinton said the plan would work.",
        &[("Hillary Clinton", "the plan would work")],
    );
}

/// A given name the lexicon knows (`first_names.json`) tells a gender the text does not show:
/// no "she" goes to "Josh Earnest", one goes to "Rita Earnest".
#[test]
fn a_known_given_name_tells_the_gender() {
    check(
        "White House spokesman Josh Earnest said the president would veto the bill.\n\nMany \
         families disagreed.\n\n“All we ask is a hearing,” she said.",
        &[("Josh Earnest", "the president would veto the bill")],
    );
    check(
        "White House official Rita Earnest said the president would veto the bill.\n\nMany \
         families disagreed.\n\n“All we ask is a hearing,” she said.",
        &[
            ("Rita Earnest", "the president would veto the bill"),
            ("Rita Earnest", "All we ask is a hearing"),
        ],
    );
}

/// The given-name lexicon reads, and no name is in both lists.
#[test]
fn the_given_name_lexicon_is_consistent() {
    use super::lexicon::first_name_gender;
    assert_eq!(first_name_gender("Hillary"), Some('f'));
    assert_eq!(first_name_gender("donald"), Some('m'));
    assert_eq!(first_name_gender("Chris"), None);
    let file: serde_json::Value =
        serde_json::from_str(include_str!("first_names.json")).expect("valid JSON");
    let list = |key: &str| -> std::collections::HashSet<String> {
        file[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|name| name.as_str().expect("a string").to_string())
            .collect()
    };
    let (female, male) = (list("female"), list("male"));
    assert!(female.len() > 100 && male.len() > 100);
    assert!(
        female.is_disjoint(&male),
        "{:?}",
        female.intersection(&male)
    );
}

#[test]
fn a_party_and_state_tag_in_apposition_is_no_role_and_keeps_the_name() {
    // "Anna Berg, R-Ky., said": the tag between commas names the person before it.
    check(
        "“The veto will be overridden,” Senator Anna Berg, R-Ky., said Tuesday.",
        &[("Anna Berg", "The veto will be overridden")],
    );
    // Negative twin: an apposition that is neither a tag nor a role attributes nothing.
    check(
        "“The veto will be overridden,” Senator Anna Berg, Kentucky's, said Tuesday.",
        &[],
    );
}

#[test]
fn the_part_of_the_day_after_a_weekday_is_a_time_adjunct_not_the_reported_clause() {
    // "said on Saturday night at the dinner": no clause of its own after the verb.
    check(
        "“Our progress is on the ballot,” Anna Berg said on Saturday night at the gala dinner in Washington.",
        &[("Anna Berg", "Our progress is on the ballot")],
    );
    // Negative twin: with a clause of its own after the time adjunct, the verb reports that
    // clause and does not attribute the quote before it.
    check(
        "“Our progress is on the ballot,” Anna Berg said on Saturday night the election would be close.",
        &[],
    );
}

#[test]
fn a_question_goes_on_into_its_attribution_like_a_comma() {
    check(
        "“Does anybody know what the platform of the party is?” Senator Lindsey Graham asked.",
        &[(
            "Lindsey Graham",
            "Does anybody know what the platform of the party is?",
        )],
    );
    // Negative twin: after a full stop, a verb of manner alone attributes nothing.
    check(
        "“Nobody knows what the platform of the party is.” Senator Lindsey Graham asked.",
        &[],
    );
}

#[test]
fn an_adjunct_between_commas_after_the_subject_is_no_apposition() {
    check(
        "Senator Anna Berg, at a later press briefing, said, “The border stays open.”",
        &[("Anna Berg", "The border stays open.")],
    );
    // Negative twin: an apposition that is no role and no adjunct attributes nothing.
    check(
        "Senator Anna Berg, the border town, said, “The border stays open.”",
        &[],
    );
}

#[test]
fn a_that_after_an_adjuncts_participle_is_no_report_of_the_verb() {
    // "said at a news conference announcing that …": the quote before is the verb's.
    check(
        "“The border stays open,” Mayor Anna Berg said at a news conference announcing that the chief would stay.",
        &[("Anna Berg", "The border stays open")],
    );
    // Negative twin: an -ing noun ("meeting") keeps the "that" clause the verb's own report.
    check(
        "Anna Berg told a town-hall meeting that the House plans a vote on immigration in October.",
        &[(
            "Anna Berg",
            "the House plans a vote on immigration in October",
        )],
    );
}

#[test]
fn a_participle_of_speech_after_an_attribution_reports_a_second_statement_of_its_subject() {
    check(
        "“Immunity deals should not be routine,” Senator Anna Berg said in a statement, adding that the agreements were handed out like candy.",
        &[
            ("Anna Berg", "Immunity deals should not be routine"),
            ("Anna Berg", "the agreements were handed out like candy"),
        ],
    );
    // Negative twin: a bare role noun as the attribution's subject gives no second
    // statement (the quote's own speaker is left to the later stages).
    check(
        "“Immunity deals should not be routine,” a spokeswoman said in a statement, adding that the agreements were handed out like candy.",
        &[("spokeswoman", "Immunity deals should not be routine")],
    );
}

#[test]
fn a_conjoined_speech_verb_takes_the_subject_of_an_earlier_speech_verb() {
    // "announced an arrest and said …": "announced" reports no clause, "said" does.
    check(
        "The Interior Ministry announced the arrest of a smuggler and said the border would stay closed through the weekend.",
        &[(
            "Interior Ministry",
            "the border would stay closed through the weekend",
        )],
    );
    // Negative twin: without a speech verb before "and", nobody is found this way.
    check(
        "The arrest of a smuggler came on Friday and said the border would stay closed through the weekend.",
        &[],
    );
}

#[test]
fn according_to_a_document_by_a_named_author() {
    // The author of a study, report or analysis speaks through it …
    check(
        "At least 30 countries grant automatic citizenship, according to a study by the Center for Immigration Studies, an organization that favours lower immigration.",
        &[(
            "Center for Immigration Studies",
            "At least 30 countries grant automatic citizenship",
        )],
    );
    check(
        "According to an analysis from Standard & Poor’s, the ratings agency, the economy lost at least $6 billion in five weeks.",
        &[(
            "Standard & Poor’s",
            "the economy lost at least $6 billion in five weeks",
        )],
    );
    check(
        "The ministry has spent $100 million on border control, according to a Congressional Research Service report published last month.",
        &[(
            "Congressional Research Service",
            "The ministry has spent $100 million on border control",
        )],
    );
    // … a document or statistics with no named author, data and leaked documents are
    // evidence only.
    check(
        "The ministry has spent $100 million on border control, according to a State Department cable reviewed by Reuters.",
        &[],
    );
    check(
        "More than 850,000 people crossed in 2015, according to figures from the International Organization for Migration.",
        &[],
    );
    check(
        "The ministry has spent $100 million on border control, according to a report published last month.",
        &[],
    );
    check(
        "According to an analysis of the figures, the economy lost at least $6 billion in five weeks.",
        &[],
    );
}

#[test]
fn told_an_object_then_a_clause() {
    check(
        "Trump told the forum he was totally against the war in Iraq.",
        &[("Trump", "he was totally against the war in Iraq")],
    );
    check(
        "The minister told me the camps would close in May.",
        &[("minister", "the camps would close in May")],
    );
    // A preposition ends the object: what follows is no reported clause.
    check(
        "The minister told the story of his family at the rally.",
        &[],
    );
}

#[test]
fn an_age_in_apposition_marks_a_private_person_whose_words_are_not_kept() {
    for text in [
        "Donna Rawlings, 59, said the schools were failing.",
        "“The schools are failing,” Donna Rawlings, 59, said.",
        "Mr. King, 82, said the schools were failing.",
    ] {
        check(text, &[]);
    }
    // Without an age the same words are kept.
    check(
        "Mr. King said the schools were failing.",
        &[("Mr. King", "the schools were failing")],
    );
}

/// The parsed path too: the tree's subject with an age in apposition is a private person.
#[test]
fn an_age_in_apposition_keeps_a_parsed_subject_out() {
    let speakers = |text: &str| -> Vec<String> {
        let ctx = crate::extract::Context::new(text, None, migtrack_domain::Pack::builtin());
        super::extract(&ctx)
            .into_iter()
            .filter_map(|quote| quote.speaker)
            .collect()
    };
    assert!(speakers("Mr. King, 82, said the schools were failing.").is_empty());
    assert_eq!(
        speakers("Mr. King, the mayor, said the schools were failing."),
        ["Mr. King"]
    );
}

/// Press archives that strip punctuation: one paragraph a line, no commas. The attributions
/// that commas set off elsewhere are read off the words.
#[test]
fn attributions_in_a_text_without_commas() {
    let text = "Net migration to the UK rises again\n\
        By a staff reporter\n\
        The number of people arriving in the UK rose again last year according to official figures published on Thursday\n\
        The Home Office seized on the figures saying the new rules were already working\n\
        Migration from outside the EU has fallen for the third year in a row said the Office for National Statistics\n\
        However Anna Berg shadow immigration minister said the pledge to cut net migration was in tatters\n\
        The government had promised to bring the figure down to the tens of thousands by the next election she said\n\
        Peter Holm head of policy at the Migration Forum said the figures showed that employers still needed workers from abroad\n\
        But border chief Sir Jan Dahl told mps it has now been abandoned\n";
    check(
        text,
        &[
            ("Home Office", "the new rules were already working"),
            (
                "Office for National Statistics",
                "Migration from outside the EU has fallen for the third year in a row",
            ),
            (
                "Anna Berg",
                "the pledge to cut net migration was in tatters",
            ),
            (
                "Anna Berg",
                "The government had promised to bring the figure down to the tens of thousands by the next election",
            ),
            (
                "Peter Holm",
                "the figures showed that employers still needed workers from abroad",
            ),
            ("Jan Dahl", "it has now been abandoned"),
        ],
    );
    // With commas in the text, the same comma-less lines attribute nothing by these rules.
    let punctuated = text.replace(
        "By a staff reporter",
        "By a staff reporter, London, with others, and more, and yet more, and even more",
    );
    let layer = migtrack_nlp::split(&punctuated);
    let got = super::extract_with(&punctuated, &layer, &|_, _| None);
    assert!(
        got.iter()
            .all(|quote| quote.speaker.as_deref() != Some("Office for National Statistics"))
    );
}

#[test]
fn a_description_before_a_body_name_is_no_part_of_it() {
    check(
        "Earlier estimates suggested Britain had gained, but pressure group Migrationwatch UK says the figure was far too high.",
        &[("Migrationwatch UK", "the figure was far too high")],
    );
    check(
        "The charity Refugee Action said the camps were full.",
        &[("Refugee Action", "the camps were full")],
    );
}

/// After a direct quote, an apposition longer than the token rules read (two roles joined by
/// "and", 24 words between the quote and the verb) leaves the subject of the speech verb to the
/// tree; a negated verb still attributes nothing.
#[test]
fn the_tree_reads_a_long_apposition_after_a_direct_quote() {
    let text = "“The new rules are very clear,” Maria Lenk, a senior fellow at the Lisbon \
                Institute for Migration Studies and a former United Nations envoy to Chile, said \
                of the agency.";
    assert_eq!(
        speakers_and_texts(text),
        [(
            "Maria Lenk".to_string(),
            "The new rules are very clear".to_string()
        )]
    );
    let negated = "“The new rules are very clear,” Maria Lenk, a senior fellow at the Lisbon \
                   Institute for Migration Studies and a former United Nations envoy to Chile, \
                   never said of the agency.";
    assert!(speakers_and_texts(negated).is_empty());
}

/// A form of a speech verb after a determiner or a possessive is a noun ("one of the states
/// suing the agency"), so it neither attributes the quote nor stops the search for the verb
/// that does; after a name it is still the verb.
#[test]
fn a_speech_verb_form_after_a_determiner_is_a_noun() {
    let text = "“It is an invasion of our domain,” Olaf Brandt, the attorney general of Ohio, \
                one of the states suing the agency, said at an event.";
    let found = speakers_and_texts(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Olaf Brandt");
    check(
        "“It is an invasion of our domain,” Olaf Brandt states.",
        &[("Olaf Brandt", "It is an invasion of our domain")],
    );
}

#[test]
fn a_party_named_by_two_capitalised_words_is_no_person_a_role_refers_to() {
    // "Lib Dems" reads like a first name and a surname; as a party of the lexicon it is a body,
    // so "the prime minister" refers back to the person quoted before it.
    check(
        "Tony Blair has said people are right to be concerned. The Lib Dems say the plans may not work.\n\nThe prime minister on Sunday said immigration would be toughened up.",
        &[
            ("Tony Blair", "people are right to be concerned"),
            ("Lib Dems", "the plans may not work"),
            ("Tony Blair", "immigration would be toughened up"),
        ],
    );
}

#[test]
fn a_first_name_that_is_a_document_noun_is_a_name_after_a_title() {
    // "Bill" is a document noun ("the bill says"); between a title and a name word it is a
    // first name, so the person is found and "the president" refers back to him.
    check(
        "On Monday, President Bill Smith criticized the new law.\n\nThe president said the law is causing premiums to rise.",
        &[("Bill Smith", "the law is causing premiums to rise")],
    );
    // Twin: without the fix's position (no title before it) the document noun stays one, and
    // the bill is what speaks.
    check(
        "The Smith bill says the law is causing premiums to rise.",
        &[("Smith bill", "the law is causing premiums to rise")],
    );
}

/// "X, an apposition, said NP …": the noun phrase after the speech verb is the subject of the
/// reported clause, not an inverted speaker of the words before the comma (the tree says so);
/// "…, said Hans Berg, the interior minister." stays an inverted attribution.
#[test]
fn a_subject_after_said_that_heads_its_own_clause_is_no_inverted_speaker() {
    let text = "Jean-Marc Berg, the foreign minister of Austria, a permanent member of the council, \
                said Hungary's new asylum law cannot be left without consequences.";
    let found = speakers_and_texts(text);
    assert!(
        found
            .iter()
            .all(|(speaker, _)| !speaker.contains("Hungary")),
        "{found:?}"
    );
    let twin = "Norway's new asylum law cannot be delayed any longer, said Hans Berg, the \
                interior minister of Austria.";
    assert_eq!(
        speakers_and_texts(twin),
        [(
            "Hans Berg".to_string(),
            "Norway's new asylum law cannot be delayed any longer".to_string()
        )]
    );
}

/// A reported clause with no "that" whose first word the token rules do not take for a
/// subject ("about 20 families …") starts where the tree's clausal complement of the speech
/// verb starts; without a parse nothing is reported, and a verb with no clause of its own
/// ("spoke about the plan") reports none.
#[test]
fn the_tree_gives_the_start_of_a_clause_the_token_rules_miss() {
    let text = "Minister Anna Berg said about 20 families have applied for asylum since the \
                spring.";
    let layer = migtrack_nlp::split(text);
    assert!(super::extract_with(text, &layer, &|_, _| None).is_empty());
    assert_eq!(
        speakers_and_texts(text),
        [(
            "Anna Berg".to_string(),
            "about 20 families have applied for asylum since the spring".to_string()
        )]
    );
    let twin = "Minister Anna Berg said about the plan only what the ministry had published.";
    assert_eq!(speakers_and_texts(twin), Vec::<(String, String)>::new());
}

/// An adjective naming the office or race a role is for belongs to the role ("Republican
/// presidential candidate", "gubernatorial nominee"): the name after it still speaks.
#[test]
fn an_office_adjective_belongs_to_the_role_before_a_name() {
    check(
        "Republican presidential candidate Anna Berg has said that the camps are full.",
        &[("Anna Berg", "the camps are full")],
    );
    check(
        "The gubernatorial nominee Hans Ek said that the border would stay open.",
        &[("Hans Ek", "the border would stay open")],
    );
}

/// A month or a modal that is a person's name by its position speaks: after a first name
/// ("Theresa May"), after a title ("Mrs May", "Rep. Will Hurd"). Where the same word is a
/// month ("in May", "Friday May 5") or opens a question, nobody is named.
#[test]
fn a_month_or_a_modal_after_a_first_name_or_a_title_is_a_name() {
    check(
        "Theresa May said that the country would cut the number of asylum seekers.",
        &[(
            "Theresa May",
            "the country would cut the number of asylum seekers",
        )],
    );
    check(
        "Mrs May said that the country would leave the compact.",
        &[("May", "the country would leave the compact")],
    );
    check(
        "Rep. Will Hurd said that the wall was a waste of money.",
        &[("Will Hurd", "the wall was a waste of money")],
    );
    let layer_text = "Officials in May said that the camps were full. Minister Anna Berg on \
                      Friday May 5 said that the border would stay open.";
    let layer = migtrack_nlp::split(layer_text);
    let speakers: Vec<String> = extract_with(layer_text, &layer, &|_, _| None)
        .into_iter()
        .filter_map(|quote| quote.speaker)
        .collect();
    assert!(
        speakers.iter().all(|speaker| !speaker.contains("May")),
        "{speakers:?}"
    );
}

/// A lower-case adjective between a determiner and a capitalised name describes the speaker
/// and is no part of its name ("the nonpartisan Commission on …", "the conservative-leaning
/// Tax Foundation"); a lower-case noun there ("a prospect experts said") joins nothing.
#[test]
fn an_adjective_before_a_capitalised_speaker_describes_it() {
    check(
        "The nonpartisan Commission on Migration Policy says the camps are full again.",
        &[("Commission on Migration Policy", "the camps are full again")],
    );
    check(
        "According to the conservative-leaning Border Foundation, the camps are full again.",
        &[("Border Foundation", "the camps are full again")],
    );
    check(
        "The wall would be paid for by Mexico, a prospect experts said was unlikely.",
        &[],
    );
}

/// A name after an inverted speech verb ("…, said Karl Moss, a co-founder of …") is the
/// subject of its sentence, so a later "he" refers to it even when that sentence gave no
/// quote of its own.
#[test]
fn a_pronoun_refers_to_the_subject_of_an_inverted_attribution() {
    check(
        "Talks on the border rules ended without a deal on Monday.\n\n\
         “We will not sign this,” said Interior Minister Paul Weber. “Not this year.”\n\n\
         The union has written common rules that it cannot enforce once the pressure becomes \
         too great, showing how weak its centre is, said Karl Moss, a co-founder of Border \
         Watch, a research group.\n\n\
         “It is not a strong federal state,” he said.",
        &[
            ("Paul Weber", "We will not sign this"),
            ("Paul Weber", "Not this year."),
            ("Karl Moss", "It is not a strong federal state"),
        ],
    );
    // Twin: a name after "said" that goes on into a clause is what was said about, not who
    // said it; "he" stays the speaker quoted before.
    check(
        "Senator Paul Weber spoke to reporters on Monday. “We will vote on it,” he said.\n\n\
         Senator Anna Cole, whose views on the plan have shifted, said Tom Hale had put forth a \
         reasonable proposal.\n\n\
         “I look forward to voting for it,” he said.",
        &[
            ("Paul Weber", "We will vote on it"),
            ("Anna Cole", "Tom Hale had put forth a reasonable proposal"),
            ("Paul Weber", "I look forward to voting for it"),
        ],
    );
}

/// "the spokesman" after "A spokesman for the Home Office said …" is that unnamed source,
/// not the person quoted in between.
#[test]
fn a_definite_role_refers_back_to_the_unnamed_source_with_that_role() {
    check(
        "Talks on the border rules ended without a deal on Monday.\n\n\
         A spokesman for the Home Office said the plan was not to return children alone. Laura \
         Vance of the Children's Trust said there were grave concerns about the scheme.\n\n\
         “We are developing a returns programme,” said the spokesman.",
        &[
            (
                "spokesman for the Home Office",
                "the plan was not to return children alone",
            ),
            ("Laura Vance", "there were grave concerns about the scheme"),
            (
                "spokesman for the Home Office",
                "We are developing a returns programme",
            ),
        ],
    );
    // Twin: a phrase that adds a word the earlier source lacks ("Republican") is someone else.
    check(
        "Talks on the border rules ended without a deal on Monday.\n\n\
         A Democratic senator said the offer was weak and would not pass.\n\n\
         “I do not understand their position,” the Republican senator said.",
        &[
            (
                "Democratic senator",
                "the offer was weak and would not pass",
            ),
            ("Republican senator", "I do not understand their position"),
        ],
    );
}

/// "The prime minister" is not the home secretary quoted just before; with nobody holding
/// that office named, the role stays the speaker.
#[test]
fn an_office_does_not_refer_to_the_holder_of_another_office() {
    check(
        "Talks on the border rules ended without a deal on Monday.\n\n\
         Home Secretary Charles Vance said the new plans were fair. “We want more people to \
         come to study,” he said.\n\n\
         The prime minister told MPs: “The abusers will be weeded out.”",
        &[
            ("Charles Vance", "the new plans were fair"),
            ("Charles Vance", "We want more people to come to study"),
            ("prime minister", "The abusers will be weeded out."),
        ],
    );
    // Twin: the last person quoted holds that office, so the role refers to him.
    check(
        "Talks on the border rules ended without a deal on Monday.\n\n\
         Prime Minister Charles Vance said the new plans were fair. “We want more people to \
         come to study,” he said.\n\n\
         The prime minister told MPs: “The abusers will be weeded out.”",
        &[
            ("Charles Vance", "the new plans were fair"),
            ("Charles Vance", "We want more people to come to study"),
            ("Charles Vance", "The abusers will be weeded out."),
        ],
    );
}

/// A speaker inside a subordinate clause that opens another speaker's report ("he said that
/// while the minister had claimed …, …") is part of that report: the whole is the outer
/// speaker's.
#[test]
fn a_report_inside_a_subordinate_clause_of_another_report_is_the_outer_speakers() {
    check(
        "Talks on the border rules ended without a deal on Monday.\n\n\
         Mark Reed, the head of policy at the Border Institute, said the figures showed that \
         migration had risen again.\n\n\
         Taking aim at the government, he said that while the minister had claimed it was the \
         opposition who wanted to close the country, the target sent out exactly that message.",
        &[
            (
                "Mark Reed",
                "the figures showed that migration had risen again",
            ),
            (
                "Mark Reed",
                "while the minister had claimed it was the opposition who wanted to close the \
                 country, the target sent out exactly that message",
            ),
        ],
    );
    // Twin: with no subordinate clause, a body's statement relayed by a news agency stays the
    // body's.
    check(
        "The news agency reports that the refugee agency UNHCR says it expects the flow of \
         migrants to stay the same.",
        &[("UNHCR", "it expects the flow of migrants to stay the same")],
    );
}

/// In a text without commas, "taking aim at the minister he said that …" has lost the comma
/// after its opening phrase: the pronoun before the verb is its subject. (Names capitalised as
/// the truecaser gives them.)
#[test]
fn a_pronoun_subject_after_an_opening_phrase_without_its_comma() {
    let lead = "the figures published on thursday show that net migration rose again last year \
                to the highest level in a decade and the rise came mostly from workers and \
                students from outside the union who came to study and to work in the country \
                and many of them stayed on after their courses ended\n\
                Mark Reed head of policy at the Border Institute said the figures showed that \
                the target was now out of reach for the government and its ministers\n";
    let text = format!(
        "{lead}taking aim at the home secretary he said that while the minister had claimed it \
         was the opposition who wanted to close the country the target sent out exactly that \
         message\n"
    );
    let layer = migtrack_nlp::split(&text);
    let got: Vec<(String, String)> = extract_with(&text, &layer, &|_, _| None)
        .into_iter()
        .map(|quote| (quote.speaker.unwrap_or_default(), quote.text))
        .collect();
    let last = got.last().expect("a quote");
    assert_eq!(last.0, "Mark Reed", "{got:?}");
    assert!(last.1.starts_with("while the minister"), "{got:?}");
    // Twin: without "that" after the verb the pronoun may be a clause's subject, and the
    // reading is left to the other rules (no quote opens at "while").
    let text = format!(
        "{lead}taking aim at the home secretary he said while the minister had claimed it was \
         the opposition who wanted to close the country the target sent out exactly that \
         message\n"
    );
    let layer = migtrack_nlp::split(&text);
    let quotes = extract_with(&text, &layer, &|_, _| None);
    assert!(
        quotes
            .iter()
            .all(|quote| !quote.text.starts_with("while the minister")),
        "{quotes:?}"
    );
}

/// An office-holder role after quotes of bodies only refers to the person who is the subject
/// of a sentence just before ("Omar Field returned to the subject … ¶ “…,” the president
/// wrote"), as it does with nobody quoted yet.
#[test]
fn an_office_refers_to_a_subject_just_before_when_only_bodies_were_quoted() {
    check(
        "Omar Field met the ministers in June.\n\n\
         The Border Agency said the camps were full again.\n\n\
         Field returned to the subject of the border on Monday and repeated his claim.\n\n\
         “The border must be closed,” the president wrote.",
        &[
            ("Border Agency", "the camps were full again"),
            ("Omar Field", "The border must be closed"),
        ],
    );
    // Twin: a person named in that sentence who is not its subject is no referent.
    check(
        "The Border Agency said the camps were full again.\n\n\
         The camps are close to the farms of Omar Field and his family.\n\n\
         “The border must be closed,” the president wrote.",
        &[
            ("Border Agency", "the camps were full again"),
            ("president", "The border must be closed"),
        ],
    );
}
