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
