//! Table tests for the event rules over small hand-written texts with hand-made mentions, so
//! they do not depend on the domain pack's gazetteer.

use migtrack_domain::{EntityKind, EntityMention, MentionKind};
use migtrack_model::{DateMention, Modality, Span};

use super::lexicon::Lexicon;
use super::{Input, find};

/// Known names for these tests: surface form → (id, kind).
const NAMES: &[(&str, &str, EntityKind)] = &[
    ("the United States", "USA", EntityKind::State),
    ("United States", "USA", EntityKind::State),
    ("the U.S.", "USA", EntityKind::State),
    ("U.S.", "USA", EntityKind::State),
    ("President Trump", "USA", EntityKind::State),
    ("The Trump administration", "USA", EntityKind::State),
    ("the Trump administration", "USA", EntityKind::State),
    ("Washington", "USA", EntityKind::State),
    ("Mexico", "MEX", EntityKind::State),
    ("the Mexican government", "MEX", EntityKind::State),
    ("Guatemala", "GTM", EntityKind::State),
    ("Germany", "DEU", EntityKind::State),
    ("Britain", "GBR", EntityKind::State),
    ("the Migration Forum", "gfmd", EntityKind::Framework),
    (
        "the Global Forum on Migration and Development",
        "gfmd",
        EntityKind::Framework,
    ),
    (
        "the Global Compact on Migration",
        "gcm",
        EntityKind::Framework,
    ),
    (
        "the Global Compact for Migration",
        "gcm",
        EntityKind::Framework,
    ),
    (
        "the New York Declaration",
        "new_york_declaration",
        EntityKind::Framework,
    ),
    ("the United Nations", "un", EntityKind::Body),
    ("EU", "eu", EntityKind::Body),
    (
        "the 1951 Refugee Convention",
        "refugee_convention_1951",
        EntityKind::Framework,
    ),
];

fn mentions(text: &str) -> Vec<EntityMention> {
    let mut found: Vec<EntityMention> = Vec::new();
    for (surface, id, kind) in NAMES {
        for (start, _) in text.match_indices(surface) {
            let span = Span::new(start, start + surface.len());
            let bounded = text[span.end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if bounded && !found.iter().any(|m| m.span.overlaps(span)) {
                found.push(EntityMention {
                    span,
                    id: id.to_string(),
                    kind: *kind,
                    via: MentionKind::Name,
                    agent: None,
                });
            }
        }
    }
    found.sort_by_key(|m| m.span.start);
    found
}

fn run(text: &str, dates: &[(&str, &str)]) -> Vec<String> {
    let layer = migtrack_nlp::split(text);
    let mentions = mentions(text);
    let dates: Vec<DateMention> = dates
        .iter()
        .filter_map(|(surface, value)| {
            let start = text.find(surface)?;
            Some(DateMention {
                text: surface.to_string(),
                value: Some(value.to_string()),
                span: Span::new(start, start + surface.len()),
                rule: "test".into(),
            })
        })
        .collect();
    let input = Input {
        text,
        layer: &layer,
        mentions: &mentions,
        speakers: &[],
    };
    find(&input, &dates, Lexicon::builtin())
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e.actor,
                e.action,
                e.target,
                e.date.as_deref().unwrap_or("-"),
                e.modality.as_str()
            )
        })
        .collect()
}

/// `expected`: "actor action target date modality" lines, in document order.
fn check(text: &str, dates: &[(&str, &str)], expected: &[&str]) {
    let got = run(text, dates);
    assert_eq!(got, expected, "\ntext: {text}");
}

#[test]
fn withdraw_patterns_find_actor_target_and_date() {
    check(
        "President Trump ordered the United States to withdraw from the Migration Forum on Wednesday.",
        &[("Wednesday", "2026-01-07")],
        &["USA withdraw gfmd 2026-01-07 asserted"],
    );
    check(
        "The executive order pulls the U.S. out of the Global Forum on Migration and Development.",
        &[],
        &["USA withdraw gfmd - asserted"],
    );
    check(
        "On Saturday, the U.S. mission to the United Nations said it was ending its participation in the Global Compact on Migration.",
        &[("Saturday", "2017-12-02")],
        &["USA withdraw gcm 2017-12-02 asserted"],
    );
}

#[test]
fn event_nouns_corefer_with_the_framework_named_in_the_article() {
    check(
        "Mexico is scheduled Monday to host a meeting on the Global Compact for Migration.\nThe U.S. decided to pull out of the negotiations.",
        &[("Monday", "2017-12-04")],
        &[
            "MEX host gcm 2017-12-04 planned",
            "USA withdraw gcm - asserted",
        ],
    );
    check(
        "President Trump has decided to boycott a global conference on migration.\nThe talks concern the Global Compact for Migration.",
        &[],
        &["USA boycott gcm - asserted"],
    );
}

#[test]
fn passive_by_phrase_gives_the_actor() {
    check(
        "In 2016 the New York Declaration was endorsed by the United States.",
        &[("2016", "2016")],
        &["USA endorse new_york_declaration 2016 asserted"],
    );
}

#[test]
fn policy_actions_take_a_noun_phrase_target() {
    check(
        "The Trump administration has instructed U.S. diplomats abroad to lobby foreign governments against pro-migration policies.",
        &[],
        &[
            "USA instruct U.S. diplomats abroad - asserted",
            "USA urge foreign governments - asserted",
        ],
    );
    check(
        "President Trump reduced the refugee admissions cap to 7,500.",
        &[],
        &["USA restrict refugee admissions cap - asserted"],
    );
    check(
        "Germany sent troops to the southern border.",
        &[],
        &["DEU deploy southern border - asserted"],
    );
}

#[test]
fn bullet_lines_carry_the_actor_of_the_lead_in() {
    check(
        "Since taking office, President Trump has:\n- Deployed additional U.S. troops to the southern border.\n- Pledged the deportation of millions of undocumented immigrants.",
        &[],
        &[
            "USA deploy southern border - asserted",
            "USA deport millions of undocumented immigrants - planned",
        ],
    );
}

#[test]
fn restrict_needs_a_policy_object() {
    check("Mexico cut taxes for the middle class.", &[], &[]);
    check(
        "Britain will cut immigration.",
        &[],
        &["GBR restrict immigration - planned"],
    );
}

#[test]
fn modality_cues() {
    for (text, modality) in [
        ("Mexico will deport migrants.", Modality::Planned),
        ("Mexico plans to deport migrants.", Modality::Planned),
        ("Mexico could deport migrants.", Modality::Hypothetical),
        (
            "Mexico threatened to deport migrants.",
            Modality::Hypothetical,
        ),
        ("Mexico did not deport migrants.", Modality::Negated),
        ("Mexico deported migrants.", Modality::Asserted),
        ("Mexico has decided to deport migrants.", Modality::Asserted),
        ("If asked, Mexico deports migrants.", Modality::Hypothetical),
    ] {
        let got = run(text, &[]);
        assert_eq!(
            got,
            [format!("MEX deport migrants - {}", modality.as_str())],
            "{text}"
        );
    }
}

#[test]
fn reject_keeps_its_own_negation_as_asserted() {
    check(
        "Mexico will not sign the Global Compact for Migration.",
        &[],
        &["MEX reject gcm - asserted"],
    );
}

#[test]
fn agreements_find_the_other_party() {
    check(
        "The United States and Guatemala have signed an agreement on asylum.",
        &[],
        &["GTM agree USA - asserted"],
    );
    check(
        "Mexico reached a deal with the United States on June 7.",
        &[("June 7", "2019-06-07")],
        &["MEX agree USA 2019-06-07 asserted"],
    );
}

#[test]
fn non_state_actors_keep_their_name() {
    check(
        "A federal judge blocked the asylum proclamation.",
        &[],
        &["federal judge block asylum proclamation - asserted"],
    );
    check(
        "The Tories want to withdraw from the 1951 Refugee Convention.",
        &[],
        &["Conservative Party withdraw refugee_convention_1951 - planned"],
    );
    check(
        "Refugee Council chief Maeve Sherlock criticised Britain.",
        &[],
        &["Refugee Council criticize GBR - asserted"],
    );
}

#[test]
fn one_event_per_actor_action_target() {
    check(
        "Mexico deported migrants.\nMexico deported migrants again in 2019.",
        &[("2019", "2019")],
        &["MEX deport migrants 2019 asserted"],
    );
}

#[test]
fn a_repeatable_act_reported_with_two_dates_is_two_events_a_one_off_is_one() {
    check(
        "Mexico deported migrants in 2018.\nMexico deported migrants again in 2019.",
        &[("2018", "2018"), ("2019", "2019")],
        &[
            "MEX deport migrants 2018 asserted",
            "MEX deport migrants 2019 asserted",
        ],
    );
    // A date within the other ("January 2019" and "January 4, 2019") is the same event.
    check(
        "Mexico deported migrants in January 2019.\nMexico deported migrants on January 4, 2019.",
        &[
            ("January 2019", "2019-01"),
            ("January 4, 2019", "2019-01-04"),
        ],
        &["MEX deport migrants 2019-01 asserted"],
    );
    // Leaving a framework happens once: a second date is the same move (the link stage flags
    // the disagreement).
    check(
        "The United States withdrew from the Global Compact on Migration in 2017.\nThe United States withdrew from the Global Compact on Migration in 2018.",
        &[("2017", "2017"), ("2018", "2018")],
        &["USA withdraw gcm 2017 asserted"],
    );
}

#[test]
fn as_of_dates_a_running_total_not_an_act() {
    check(
        "Mexico deported migrants in June.\nAs of July 7, Mexico had deported migrants.",
        &[("June", "2019-06"), ("July 7", "2019-07-07")],
        &["MEX deport migrants 2019-06 asserted"],
    );
    // "On July 7" dates the act itself.
    check(
        "Mexico deported migrants in June.\nOn July 7, Mexico deported migrants.",
        &[("June", "2019-06"), ("July 7", "2019-07-07")],
        &[
            "MEX deport migrants 2019-06 asserted",
            "MEX deport migrants 2019-07-07 asserted",
        ],
    );
}

#[test]
fn some_members_of_a_party_are_not_the_party() {
    check(
        "Some Republicans rejected the Global Compact for Migration.",
        &[],
        &[],
    );
    check(
        "A handful of Republicans rejected the Global Compact for Migration.",
        &[],
        &[],
    );
    // The party itself acts.
    check(
        "Republicans rejected the Global Compact for Migration.",
        &[],
        &["Republican Party reject gcm - asserted"],
    );
}

#[test]
fn a_gerund_subject_names_an_act_of_nobody_in_particular() {
    check(
        "Mexico deported migrants.\nDeporting migrants would not be unprecedented.",
        &[],
        &["MEX deport migrants - asserted"],
    );
    // A bullet line that opens with the act and has no verb after it keeps the lead-in's
    // actor.
    check(
        "Mexico announced new measures:\n- Deporting migrants to Guatemala.",
        &[],
        &["MEX deport migrants - asserted"],
    );
}

#[test]
fn block_needs_a_court_or_legislature() {
    check("Mexico blocked the asylum proclamation.", &[], &[]);
}

#[test]
fn a_decision_dated_in_the_next_sentence_dates_the_event_just_reported() {
    check(
        "President Trump has decided to boycott the Global Compact for Migration talks.\nTrump made the decision on Friday, officials said.",
        &[("Friday", "2017-12-01")],
        &["USA boycott gcm 2017-12-01 asserted"],
    );
    // Too far away: the decision refers to something else.
    check(
        "President Trump has decided to boycott the Global Compact for Migration talks.\nIt was cold.\nIt rained.\nIt snowed.\nThe decision came on Friday.",
        &[("Friday", "2017-12-01")],
        &["USA boycott gcm - asserted"],
    );
}

#[test]
fn people_act_for_the_party_they_are_linked_to() {
    check(
        "Michael Howard spoke in Kent.\nThe Tory leader said the party had new ideas.\nMr Howard would scrap the visa lottery.",
        &[],
        &["Conservative Party restrict visa lottery - planned"],
    );
    check(
        "Tory leader Michael Howard spoke in Kent.\nHis party has said Mr Howard will deport failed asylum seekers.",
        &[],
        &["Conservative Party deport failed asylum seekers - planned"],
    );
}

#[test]
fn a_party_adjective_before_a_role_or_name_names_the_party() {
    check(
        "Conservative shadow home secretary David Davis spoke in Kent.\nMr Davis would scrap the visa lottery.",
        &[],
        &["Conservative Party restrict visa lottery - planned"],
    );
    // Elsewhere the adjective names nothing: "conservative estimates" is nobody's.
    check(
        "Conservative estimates say Britain will scrap the visa lottery.",
        &[],
        &["GBR restrict visa lottery - planned"],
    );
}

#[test]
fn bullet_lines_take_the_subject_of_the_lead_in_and_party_measures_are_plans() {
    check(
        "Mr Smith said the Tories set out their asylum plans.\n - Withdrawing from the 1951 Refugee Convention\n - Introduce the removal of failed asylum seekers",
        &[("1951", "1951")],
        &[
            "Conservative Party withdraw refugee_convention_1951 - planned",
            "Conservative Party deport failed asylum seekers - planned",
        ],
    );
}

#[test]
fn election_pledges_are_planned_not_hypothetical() {
    check(
        "If elected, the Tories would scrap the visa lottery.",
        &[],
        &["Conservative Party restrict visa lottery - planned"],
    );
}

#[test]
fn open_questions_and_imperatives_are_not_events() {
    check(
        "Officials met to determine whether the United States would participate in the Global Compact for Migration talks.",
        &[],
        &[],
    );
    check("Mexico, deport the migrants!", &[], &[]);
}

#[test]
fn the_plans_belong_to_their_owner() {
    check(
        "Tory plans would cut asylum.\nThe Refugee Council called the plans dangerous.",
        &[],
        &[
            "Conservative Party restrict asylum - planned",
            "Refugee Council criticize Conservative Party - asserted",
        ],
    );
}

#[test]
fn coordinated_states_both_act_and_urged_acts_are_not_events() {
    check(
        "Both Germany and Britain pledged to accept refugees.",
        &[],
        &[
            "GBR expand refugees - planned",
            "DEU expand refugees - planned",
        ],
    );
    check(
        "President Trump urged Mexico to deport migrants.",
        &[],
        &["USA urge MEX - asserted"],
    );
    check(
        "Is this the first time Mexico has deported migrants?",
        &[],
        &[],
    );
}

#[test]
fn quoted_names_and_fiscal_years_in_targets() {
    check(
        "Mexico did, however, resist signing a “safe third country” agreement.",
        &[],
        &["MEX reject safe third country agreement - asserted"],
    );
    check(
        "President Trump reduced the refugee admissions cap for fiscal 2026.",
        &[("fiscal 2026", "FY2026")],
        &["USA restrict refugee admissions cap - asserted"],
    );
}

#[test]
fn a_passive_subject_noun_names_the_framework() {
    check(
        "Leaders met to discuss the New York Declaration.\nThe so-called declaration was endorsed by the United States.",
        &[],
        &["USA endorse new_york_declaration - asserted"],
    );
}

#[test]
fn several_measures_of_one_actor_stay_apart_unless_one_heads_the_other() {
    check(
        "Britain will cut asylum.\nBritain will stop considering asylum applications inside the country.",
        &[],
        &[
            "GBR restrict asylum - planned",
            "GBR restrict asylum applications inside the country - planned",
        ],
    );
}

#[test]
fn measure_named_by_the_trigger_or_its_complement() {
    check(
        "Britain wants to introduce a points system for economic migrants.",
        &[],
        &["GBR restrict introduce a points system - planned"],
    );
    check(
        "Britain will announce an end to the automatic right to settle for families.",
        &[],
        &["GBR restrict automatic right to settle - planned"],
    );
    check(
        "Mexico detained more than 29,000 migrants in June.",
        &[],
        &["MEX restrict 29,000 migrants - asserted"],
    );
}

#[test]
fn trigger_words_inside_names_or_kept_from_are_not_events() {
    check(
        "Former Secretary-General Ban Ki-moon hosted a summit on migration.",
        &[],
        &[],
    );
    check(
        "The declaration would dissuade governments from detaining immigrant children.",
        &[],
        &[],
    );
}

#[test]
fn purposes_questions_applications_and_noun_calls_are_not_events() {
    check(
        "Mexico signed a deal with Guatemala aimed at curbing migration.",
        &[],
        &["MEX agree GTM - asserted"],
    );
    check(
        "Britain asked why the United States was agreeing to the measure.",
        &[],
        &[],
    );
    check(
        "Many migrants turn themselves in to Mexico's border officials to ask for asylum in the United States.",
        &[],
        &[],
    );
    check(
        "A Mexico official told reporters about it in a conference call on condition of anonymity.",
        &[],
        &[],
    );
}

#[test]
fn a_date_across_but_or_inside_a_subordinate_clause_is_not_the_event_date() {
    check(
        "The U.S. rejected the Global Compact for Migration before Mexico even announced it on Saturday.",
        &[("Saturday", "2019-01-19")],
        &["USA reject gcm - asserted"],
    );
    check(
        "A federal court blocked the asylum rule but the Supreme Court on Sept. 11 allowed it.",
        &[("Sept. 11", "2019-09-11")],
        &["federal court block asylum rule - asserted"],
    );
    check(
        "The U.S. rejected the Global Compact for Migration on Saturday.",
        &[("Saturday", "2019-01-19")],
        &["USA reject gcm 2019-01-19 asserted"],
    );
}

#[test]
fn widening_detention_or_enforcement_is_a_restriction() {
    check(
        "The U.S. bill would expand immigration detention.",
        &[],
        &["USA restrict immigration detention - planned"],
    );
}

#[test]
fn meeting_counterparts_of_a_body_is_attending() {
    check(
        "Britain's home secretary met his EU counterparts in Luxembourg on Monday.",
        &[("Monday", "2004-10-25")],
        &["GBR attend eu 2004-10-25 asserted"],
    );
}

#[test]
fn he_or_she_before_the_trigger_is_the_last_sentence_subject() {
    check(
        "Mexico said the plan would fail.\nHe accused the United States of surrendering on the issue.",
        &[],
        &["MEX criticize USA - asserted"],
    );
}

#[test]
fn a_definite_event_noun_after_a_participation_verb_is_the_framework_not_the_next_state() {
    check(
        "Talks on the Global Compact for Migration ended in July. Germany rejected the pact, and Britain said it had concerns.",
        &[],
        &["DEU reject gcm - asserted"],
    );
    check(
        "Mexico endorsed the Global Compact for Migration. Guatemala voted against the text, while Britain stayed silent.",
        &[],
        &["MEX endorse gcm - asserted", "GTM reject gcm - asserted"],
    );
}

#[test]
fn a_joint_subject_that_agreed_a_deal_is_one_agree_between_the_two() {
    check(
        "Germany and Mexico agreed a deal on labour migration on Friday.",
        &[("Friday", "2016-03-18")],
        &["MEX agree DEU 2016-03-18 asserted"],
    );
}

#[test]
fn a_court_blocking_it_blocks_the_rule_named_before_in_the_courts_own_words() {
    check(
        "The U.S. issued a rule on asylum. A federal court initially blocked it from taking effect.",
        &[],
        &["federal court block rule - asserted"],
    );
}

#[test]
fn a_rule_that_would_bar_is_in_force_and_a_bill_that_would_bar_is_planned() {
    check(
        "The U.S. is moving forward with a rule that would bar most migrants from gaining asylum.",
        &[],
        &["USA restrict most migrants - asserted"],
    );
    check(
        "The U.S. is moving forward with a bill that would bar most migrants from gaining asylum.",
        &[],
        &["USA restrict most migrants - planned"],
    );
}

#[test]
fn rejecting_the_offer_targets_the_offer_not_the_person_named_after_it() {
    check(
        "Democrats rejected the offer before Trump even announced it on Saturday.",
        &[],
        &["Democratic Party reject offer - asserted"],
    );
}

#[test]
fn calling_a_change_pragmatic_supports_it() {
    check(
        "The Liberal Democrats called the change pragmatic and argued it gave a better chance.",
        &[],
        &["Liberal Democrats support change - asserted"],
    );
}

#[test]
fn offering_an_extension_is_a_planned_expansion_named_by_its_complement() {
    check(
        "President Trump is offering a three-year extension for the Deferred Action for Childhood Arrivals program, which protects young immigrants.",
        &[],
        &["USA expand extension for the Deferred Action for Childhood Arrivals program - planned"],
    );
}

#[test]
fn what_a_court_orders_the_government_to_do_is_no_event_and_a_judge_halting_a_plan_blocks_it() {
    check(
        "A federal judge ordered the Trump administration to continue accepting asylum applications.",
        &[],
        &[],
    );
    check(
        "A federal judge halted the government's plan to deport asylum seekers to Guatemala.",
        &[],
        &["federal judge block government's plan to deport asylum seekers - asserted"],
    );
}

/// Issue 11, item 9: a re-coded event names the rule that re-coded it, not the entry whose
/// action it replaced.
#[test]
fn a_court_halting_a_plan_is_coded_block_by_the_court_rule() {
    let text =
        "A federal judge halted the government's plan to deport asylum seekers to Guatemala.";
    let layer = migtrack_nlp::split(text);
    let mentions = mentions(text);
    let input = Input {
        text,
        layer: &layer,
        mentions: &mentions,
        speakers: &[],
    };
    let events = find(&input, &[], Lexicon::builtin());
    let rules: Vec<(String, &str)> = events
        .iter()
        .map(|e| (e.action.to_string(), e.rule.as_str()))
        .collect();
    assert_eq!(
        rules,
        [("block".to_string(), "block.court:restrict.reduce")]
    );
}

#[test]
fn sixth_pass_general_kinds_from_new_corpus_gold() {
    // A gerund after "over"/"about"/"on" is a topic, not an act.
    check(
        "Germany and Britain still need to resolve differences over restricting asylum.",
        &[],
        &[],
    );
    check(
        "The rule lets the United States focus resources on deporting criminals.",
        &[],
        &[],
    );
    check(
        "The United States began deporting criminals.",
        &[],
        &["USA deport criminals - asserted"],
    );
    // "extending protections" widens protection (the object must name protection or status).
    check(
        "Mexico announced a plan extending protections for asylum seekers.",
        &[],
        &["MEX expand protections - planned"],
    );
    check("Mexico extended the deadline for talks.", &[], &[]);
    // "secured $30 billion for …" funds (the target is still the amount, as with "provided").
    check(
        "Germany secured $30 billion for border security.",
        &[],
        &["DEU fund 30 billion - asserted"],
    );
}

#[test]
fn seventh_pass_quotes_former_office_holders_ngo_speakers_and_plans() {
    // A hypothetical act inside someone's direct quote is the speaker's speculation, not an
    // asserted act of the speaker's side.
    check(
        "Germany criticised the asylum plan.\n\"Mexico may try and deport some of them,\" he said.",
        &[],
        &["DEU criticize asylum plan - asserted"],
    );
    // A former office holder does not act for the current government.
    check(
        "Former President Trump hosted the Global Compact on Migration talks.",
        &[],
        &[],
    );
    // NGO actors keep their own name ("X International's <person>", "the chairman of X UK,
    // <person>,").
    check(
        "Britain will cut asylum.\nAmnesty International's Jan Shaw condemned Britain.",
        &[],
        &[
            "GBR restrict asylum - planned",
            "Amnesty International criticize GBR - asserted",
        ],
    );
    check(
        "Britain will cut asylum.\nBut the chairman of Migration Watch UK, Sir Andrew Green, criticised the House of Lords decision.",
        &[],
        &[
            "GBR restrict asylum - planned",
            "Migration Watch UK criticize House of Lords - asserted",
        ],
    );
    // Suing the government is criticism of it.
    check(
        "The American Civil Liberties Union said it would sue the Trump administration.",
        &[],
        &["American Civil Liberties Union criticize USA - planned"],
    );
    // A party's vote against a measure at its renewal is a planned rejection (the fixed
    // "asserted" of "will not sign" does not apply to votes).
    check(
        "The Liberal Democrats will vote against this measure when it comes for renewal.",
        &[],
        &["Liberal Democrats reject measure - planned"],
    );
    // The act of a sentence with its own named subject does not go to a body that acted in an
    // earlier paragraph (an alliance deploying abroad).
    check(
        "The EU joined the Global Compact on Migration.\n\nSecretary of Defense James Mattis ordered 800 troops to the border.",
        &[],
        &["eu join gcm - asserted"],
    );
}

#[test]
fn a_hashtag_target_is_read_as_words_and_merges_with_the_phrase_it_names() {
    check(
        "President Trump said he would end birthright citizenship.\n\"It is time to end #BirthrightCitizenship,\" President Trump said.",
        &[],
        &["USA restrict birthright citizenship - planned"],
    );
    assert_eq!(
        super::target::hashtag_words("#BirthrightCitizenship").as_deref(),
        Some("birthright citizenship")
    );
    assert_eq!(
        super::target::hashtag_words("#DACA").as_deref(),
        Some("DACA")
    );
    // No hashtag, or more than one word: left alone.
    assert_eq!(super::target::hashtag_words("birthright citizenship"), None);
    assert_eq!(super::target::hashtag_words("#end the wall"), None);
}

#[test]
fn an_organisation_name_runs_through_a_plural_possessive_and_a_capitalised_of_phrase() {
    check(
        "President Trump said he would end birthright citizenship.\nThe Lawyers’ Committee for Civil Rights Under Law sued the Trump administration.",
        &[],
        &[
            "USA restrict birthright citizenship - planned",
            "Lawyers’ Committee for Civil Rights Under Law criticize USA - asserted",
        ],
    );
    // A date after the head is no part of the name.
    check(
        "The Refugee Council on Monday sued the Trump administration.",
        &[],
        &["Refugee Council criticize USA - asserted"],
    );
}

#[test]
fn verbs_of_censure_and_praise_are_criticisms_and_support() {
    // The lexicon's censure class (rail against, decry, lambast, take aim at, …) and praise
    // class (hail, laud, defend a decision): data entries, one sentence each.
    check(
        "Germany lambasted Mexico over the fence.",
        &[],
        &["DEU criticize MEX - asserted"],
    );
    check(
        "Mexico railed against the United States.",
        &[],
        &["MEX criticize USA - asserted"],
    );
    check(
        "Britain took aim at Germany over the border closures.",
        &[],
        &["GBR criticize DEU - asserted"],
    );
    check(
        "Germany hailed the Global Compact for Migration.",
        &[],
        &["DEU support gcm - asserted"],
    );
    // "defend" alone is no support: only defending a decision, move or policy is.
    check("Germany defended its border against Mexico.", &[], &[]);
}
