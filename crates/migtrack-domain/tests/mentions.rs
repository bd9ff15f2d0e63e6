//! Data-driven tests of mention finding on the builtin pack: names, aliases, acronyms, case,
//! demonyms, capitals, government phrases, office holders on dates and role phrases.

use chrono::NaiveDate;
use migtrack_domain::{EntityMention, MentionKind, Pack};

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn mentions(text: &str, on: Option<&str>) -> Vec<EntityMention> {
    Pack::builtin().find_mentions(text, on.and_then(date))
}

/// The ids found in `text` on `on`, in order.
fn check(text: &str, on: Option<&str>, expected_ids: &[&str]) {
    let found = mentions(text, on);
    let ids: Vec<&str> = found.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, expected_ids, "ids in {text:?} on {on:?}: {found:#?}");
}

/// The single mention in `text`: its covered text, kind of naming and agent.
fn check_one(
    text: &str,
    on: Option<&str>,
    id: &str,
    covered: &str,
    via: MentionKind,
    agent: Option<&str>,
) {
    let found = mentions(text, on);
    assert_eq!(found.len(), 1, "one mention in {text:?}: {found:#?}");
    let mention = &found[0];
    assert_eq!(mention.id, id, "{text:?}");
    assert_eq!(mention.span.slice(text), covered, "{text:?}");
    assert_eq!(mention.via, via, "{text:?}");
    assert_eq!(mention.agent.as_deref(), agent, "{text:?}");
}

#[test]
fn bodies_and_frameworks_by_name_alias_and_dotted_acronym() {
    check(
        "the U.N.'s Global Compact for Migration",
        None,
        &["un", "gcm"],
    );
    check(
        "the Global Forum on Migration and Development",
        None,
        &["gfmd"],
    );
    check(
        "the UN and the U.N and the United Nations",
        None,
        &["un", "un", "un"],
    );
    check("IOM and UNHCR staff", None, &["iom", "unhcr"]);
    check("the EU's migration pact and the E.U.", None, &["eu", "eu"]);
    check("NATO allies", None, &["nato"]);
}

#[test]
fn acronyms_match_case_sensitively_and_never_inside_words() {
    check("let us go, tell us", None, &[]);
    check("Us and them", None, &[]);
    check("the unity of the union", None, &[]);
    check("USAID and UNESCO", None, &[]);
    check("MEXICO and HUNGARY", None, &["MEX", "HUN"]);
}

#[test]
fn demonyms_resolve_only_before_a_role_word() {
    check_one(
        "the Hungarian government said",
        None,
        "HUN",
        "Hungarian government",
        MentionKind::Demonym,
        None,
    );
    check_one(
        "Mexican government",
        None,
        "MEX",
        "Mexican government",
        MentionKind::Demonym,
        None,
    );
    check("Mexican workers", None, &[]);
    check("American citizens", None, &[]);
}

#[test]
fn state_names_with_role_words_become_roles() {
    check_one(
        "U.S. diplomats",
        None,
        "USA",
        "U.S. diplomats",
        MentionKind::Role,
        Some("U.S. diplomats"),
    );
    check_one(
        "the U.S. mission to the United Nations",
        None,
        "USA",
        "U.S. mission to the United Nations",
        MentionKind::Role,
        Some("U.S. mission to the United Nations"),
    );
    check_one(
        "the U.S. ambassador to the U.N. said",
        None,
        "USA",
        "U.S. ambassador to the U.N.",
        MentionKind::Role,
        Some("U.S. ambassador to the U.N."),
    );
    check_one(
        "Mexico's president",
        None,
        "MEX",
        "Mexico's president",
        MentionKind::Role,
        Some("Mexico's president"),
    );
    check_one(
        "the president of Mexico",
        None,
        "MEX",
        "president of Mexico",
        MentionKind::Role,
        Some("president of Mexico"),
    );
}

#[test]
fn capitals_are_metonyms_only_before_a_speech_or_decision_verb() {
    check_one(
        "Washington said on Monday",
        None,
        "USA",
        "Washington",
        MentionKind::Capital,
        None,
    );
    check("Budapest will not sign", None, &["HUN"]);
    check("talks in Washington on Monday", None, &[]);
    check("officials in Washington said", None, &[]);
}

#[test]
fn government_phrases_resolve_to_the_state_with_an_agent() {
    check_one(
        "the Trump administration",
        None,
        "USA",
        "Trump administration",
        MentionKind::Government,
        Some("Trump administration"),
    );
    check_one(
        "the White House said",
        None,
        "USA",
        "White House",
        MentionKind::Government,
        Some("White House"),
    );
    check_one(
        "the U.S. State Department",
        None,
        "USA",
        "U.S. State Department",
        MentionKind::Government,
        Some("State Department"),
    );
}

#[test]
fn office_holders_resolve_on_dates_in_office() {
    check_one(
        "President Trump",
        Some("2026-01-08"),
        "USA",
        "President Trump",
        MentionKind::OfficeHolder,
        Some("Donald Trump"),
    );
    check_one(
        "President Donald Trump said",
        Some("2017-12-03"),
        "USA",
        "President Donald Trump",
        MentionKind::OfficeHolder,
        Some("Donald Trump"),
    );
    check("Trump", Some("2026-01-08"), &["USA"]);
    check("Trump", Some("2022-06-01"), &[]);
    check("Trump", None, &["USA"]);
    check("Prime Minister Viktor Orban", Some("2018-12-10"), &["HUN"]);
    check("Prime Minister Viktor Orbán", Some("2018-12-10"), &["HUN"]);
    check("former President Trump", Some("2026-01-08"), &[]);
}

#[test]
fn a_titled_name_names_the_office_after_the_term() {
    // Written in 2018 about 2006 and 2010: the title says who held the office then.
    check_one(
        "President George W Bush sent troops",
        Some("2018-04-03"),
        "USA",
        "President George W Bush",
        MentionKind::OfficeHolder,
        Some("George W. Bush"),
    );
    check(
        "President Barack Obama sent troops",
        Some("2018-04-03"),
        &["USA"],
    );
    check("President Bush", Some("2018-04-03"), &["USA"]);
    // Without the title, or as a former holder, the name is a private person's.
    check("Barack Obama said", Some("2018-04-03"), &[]);
    check("Obama said", Some("2018-04-03"), &[]);
    check(
        "former President Barack Obama said",
        Some("2018-04-03"),
        &[],
    );
    // Before the term began the title names nobody yet.
    check("President Barack Obama", Some("2005-01-01"), &[]);
}

#[test]
fn other_language_names() {
    check("Estados Unidos y México", None, &["USA", "MEX"]);
    check("Ungarn und die Vereinten Nationen", None, &["HUN", "un"]);
}

#[test]
fn office_holder_lookup_by_name_and_date() {
    let pack = Pack::builtin();
    let on = date("2018-01-01");
    let holder = pack.office_holder("Trump", on).map(|h| h.entity.as_str());
    assert_eq!(holder, Some("USA"));
    assert!(pack.office_holder("Trump", date("2023-01-01")).is_none());
    assert_eq!(
        pack.office_holder("Viktor Orban", on)
            .map(|h| h.entity.as_str()),
        Some("HUN")
    );
}

#[test]
fn query_helpers() {
    let pack = Pack::builtin();
    assert!(pack.is_framework("gcm"));
    assert!(!pack.is_framework("iom"));
    assert!(!pack.is_framework("USA"));
    assert_eq!(
        pack.state_of_demonym("Hungarian").map(|e| e.id.as_str()),
        Some("HUN")
    );
    assert_eq!(pack.resolve("the U.N.").map(|e| e.id.as_str()), Some("un"));
    assert_eq!(
        pack.resolve("Estados Unidos").map(|e| e.id.as_str()),
        Some("USA")
    );
    let (entity, agent) = pack
        .resolve_government_phrase("the State Department")
        .unzip();
    assert_eq!(entity.map(|e| e.id.as_str()), Some("USA"));
    assert_eq!(agent, Some("State Department"));
}

#[test]
fn role_phrases_of_demonyms_and_possessives() {
    check_one(
        "the British prime minister said",
        None,
        "GBR",
        "British prime minister",
        MentionKind::Role,
        Some("British prime minister"),
    );
    check_one(
        "German Interior Minister",
        None,
        "DEU",
        "German Interior Minister",
        MentionKind::Role,
        Some("German Interior Minister"),
    );
    check_one(
        "Hungary's foreign minister",
        None,
        "HUN",
        "Hungary's foreign minister",
        MentionKind::Role,
        Some("Hungary's foreign minister"),
    );
    check_one(
        "UN officials",
        None,
        "un",
        "UN officials",
        MentionKind::Role,
        Some("UN officials"),
    );
}

#[test]
fn a_name_before_a_holder_or_government_phrase_of_the_same_state_merges() {
    check_one(
        "U.S. President Donald Trump",
        Some("2018-06-01"),
        "USA",
        "U.S. President Donald Trump",
        MentionKind::OfficeHolder,
        Some("Donald Trump"),
    );
    check_one(
        "U.S. Ambassador to the U.N. Nikki Haley",
        Some("2017-12-03"),
        "USA",
        "U.S. Ambassador to the U.N. Nikki Haley",
        MentionKind::OfficeHolder,
        Some("Nikki Haley"),
    );
    check_one(
        "British Prime Minister Theresa May",
        Some("2018-12-10"),
        "GBR",
        "British Prime Minister Theresa May",
        MentionKind::OfficeHolder,
        Some("Theresa May"),
    );
}

#[test]
fn office_holders_of_other_states_and_bodies() {
    check("Chancellor Merkel", Some("2015-09-05"), &["DEU"]);
    check("Merkel", Some("2023-01-01"), &[]);
    check("Nikki Haley said", Some("2018-03-01"), &["USA"]);
    check("Haley", Some("2024-01-01"), &[]);
    check(
        "Secretary-General António Guterres",
        Some("2018-12-10"),
        &["un"],
    );
    check("Guterres", Some("2010-05-01"), &["unhcr"]);
    check("Ursula von der Leyen", Some("2024-03-01"), &["eu"]);
    check("Claudia Sheinbaum", Some("2025-02-01"), &["MEX"]);
    // Ambiguous surnames resolve only with a title or full name.
    check("May", Some("2018-05-01"), &[]);
    check("Theresa May", Some("2018-05-01"), &["GBR"]);
}

#[test]
fn government_phrases_of_other_states_and_bodies() {
    check("Downing Street", None, &["GBR"]);
    check("the Élysée and the Elysee", None, &["FRA", "FRA"]);
    check("Moncloa", None, &["ESP"]);
    check("Los Pinos and Palacio Nacional", None, &["MEX", "MEX"]);
    check("die Bundesregierung", None, &["DEU"]);
    check("the Kremlin", None, &["RUS"]);
    check("the European Commission", None, &["eu"]);
    check("Brussels said", None, &["eu"]);
    check("in Brussels", None, &[]);
}

#[test]
fn blocked_phrases_hide_the_names_inside_them() {
    check("New Mexico and Latin America", None, &[]);
    check("Latin American officials", None, &[]);
    check("the Washington Post reported", None, &[]);
    check("talks in Mexico City", None, &[]);
    check("Mexico City said", None, &["MEX"]);
}

#[test]
fn german_and_spanish_state_names() {
    check("Deutschland und Österreich", None, &["DEU", "AUT"]);
    check("Oesterreich", None, &["AUT"]);
    check(
        "Alemania, España y Estados Unidos",
        None,
        &["DEU", "ESP", "USA"],
    );
    check("EE.UU. y la ONU", None, &["USA", "un"]);
    check("Türkei und Griechenland", None, &["TUR", "GRC"]);
}

#[test]
fn ambiguous_names_are_not_matched_alone() {
    check("Georgia and Jordan", None, &[]);
    check("the Georgian government", None, &["GEO"]);
    check("Chad Wolf", Some("2020-06-01"), &["USA"]);
}

#[test]
fn spans_map_back_to_the_original_text() {
    let text = "Orbán met the U.S.\u{a0}delegation.";
    let found = mentions(text, Some("2018-01-01"));
    let covered: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(covered, ["Orbán", "U.S.\u{a0}delegation"]);
}

/// The truecaser's hints: the pack's names written in lower case, with the letters to raise;
/// names already in their case give none.
#[test]
fn case_hints_name_lower_cased_names_and_their_capitals() {
    let pack = migtrack_domain::Pack::builtin();
    let text = "the home office said romanians and bulgarians came to the uk";
    let hints = pack.case_hints(text);
    let raised = |name: &str| {
        let at = text.find(name).unwrap();
        let hint = hints
            .iter()
            .find(|hint| hint.span.start == at && hint.span.slice(text) == name)
            .unwrap_or_else(|| panic!("no hint for {name}: {hints:?}"));
        let mut cased = text.as_bytes().to_vec();
        for &offset in &hint.upper {
            cased[offset] = cased[offset].to_ascii_uppercase();
        }
        (
            String::from_utf8(cased).unwrap()[at..at + name.len()].to_string(),
            hint.words,
        )
    };
    assert_eq!(raised("home office"), ("Home Office".to_string(), 2));
    assert_eq!(raised("romanians"), ("Romanians".to_string(), 1));
    assert_eq!(raised("uk"), ("UK".to_string(), 1));
    assert!(pack.case_hints("The Home Office and the UK").is_empty());
}
