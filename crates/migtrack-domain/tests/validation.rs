//! Loading and validation: the builtin pack is valid and complete, and each kind of broken
//! pack is refused with the file and the reason.

use migtrack_domain::{EntityKind, Pack, PackError};

const MANIFEST: &str = r#"{"name": "test", "version": "test-1"}"#;

fn load(files: &[(&str, &str)]) -> Result<Pack, PackError> {
    let mut all = vec![("pack.json", MANIFEST)];
    all.extend_from_slice(files);
    Pack::from_json(&all)
}

/// A broken pack fails, naming `file` and a reason containing `reason`.
fn check_invalid(files: &[(&str, &str)], file: &str, reason: &str) {
    match load(files) {
        Ok(_) => panic!("pack {files:?} should be invalid"),
        Err(PackError::Invalid {
            file: error_file,
            message,
        }) => {
            assert_eq!(error_file, file, "file of the error: {message}");
            assert!(
                message.contains(reason),
                "{message:?} should contain {reason:?}"
            );
        }
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn builtin_pack_is_valid_versioned_and_complete() {
    let pack = Pack::builtin();
    assert_eq!(pack.name(), "migration");
    assert!(pack.version().starts_with("migration-"));
    let states = pack
        .entities()
        .filter(|entity| entity.kind == EntityKind::State)
        .count();
    // The 249 ISO 3166-1 entries plus Kosovo (user-assigned XKX).
    assert_eq!(states, 250);
    for id in ["un", "eu", "nato", "iom", "unhcr"] {
        assert_eq!(
            pack.entity(id).map(|e| e.kind),
            Some(EntityKind::Body),
            "{id}"
        );
    }
    for id in [
        "gcm",
        "gcr",
        "gfmd",
        "new_york_declaration",
        "refugee_convention_1951",
    ] {
        assert!(pack.is_framework(id), "{id}");
    }
    assert!(pack.is_sovereign_state("HUN"));
    assert!(!pack.is_sovereign_state("PRI"));
    assert!(pack.office_holders().count() > 150);
    // Loading the same files from disk gives the same pack.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/packs/migration");
    let from_disk = Pack::from_dir(dir).map(|p| (p.version().to_string(), p.entities().count()));
    let expected = (pack.version().to_string(), pack.entities().count());
    assert_eq!(from_disk.ok(), Some(expected));
}

#[test]
fn builtin_frameworks_match_the_shared_gold_list() {
    let Some(shared) = migtrack_testdata::shared_with("gold/frameworks.json") else {
        return;
    };
    let content = std::fs::read_to_string(shared.join("gold/frameworks.json")).unwrap();
    let gold: Vec<serde_json::Value> = serde_json::from_str(&content).unwrap_or_default();
    assert!(!gold.is_empty(), "the gold frameworks list parses");
    let pack = Pack::builtin();
    for record in gold {
        let id = record["id"].as_str().unwrap_or_default();
        let entity = pack.entity(id);
        assert!(entity.is_some(), "gold id {id} is in the pack");
        for alias in record["aliases"].as_array().into_iter().flatten() {
            let alias = alias.as_str().unwrap_or_default();
            assert!(
                entity.is_some_and(|e| e.aliases.iter().any(|a| a == alias)),
                "alias {alias:?} of {id}"
            );
        }
    }
}

#[test]
fn a_minimal_pack_of_another_field_loads() {
    let pack = load(&[(
        "bodies.json",
        r#"[{"id": "who", "name": "World Health Organization", "type": "agency", "aliases": ["WHO"]}]"#,
    )]);
    let pack = pack.ok();
    let ids: Vec<String> = pack
        .as_ref()
        .map(|p| p.find_mentions("the WHO said, who knows", None))
        .unwrap_or_default()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(ids, ["who"]);
}

#[test]
fn missing_manifest_is_refused() {
    let result = Pack::from_json(&[("states.json", "[]")]);
    assert!(matches!(result, Err(PackError::Invalid { file, .. }) if file == "pack.json"));
}

#[test]
fn unknown_file_is_refused() {
    check_invalid(&[("bodys.json", "[]")], "bodys.json", "unknown pack file");
}

#[test]
fn malformed_json_is_refused_with_its_file() {
    check_invalid(&[("states.json", "[{\"id\": ")], "states.json", "EOF");
}

#[test]
fn unknown_entity_id_in_a_government_phrase_is_refused() {
    check_invalid(
        &[(
            "government.json",
            r#"[{"phrase": "White House", "entity": "USA"}]"#,
        )],
        "government.json",
        "unknown entity id \"USA\"",
    );
}

#[test]
fn unknown_entity_id_of_an_office_holder_is_refused() {
    check_invalid(
        &[(
            "office_holders.json",
            r#"[{"name": "A B", "role": "R", "entity": "XYZ", "terms": [{"from": "2020-01-01"}]}]"#,
        )],
        "office_holders.json",
        "unknown entity id",
    );
}

#[test]
fn duplicate_alias_for_two_ids_is_refused() {
    check_invalid(
        &[(
            "states.json",
            r#"[{"id": "AAA", "name": "Aland", "names": ["Twin"]}, {"id": "BBB", "name": "Bland", "names": ["twin"]}]"#,
        )],
        "states.json",
        "already an alias of AAA",
    );
}

#[test]
fn duplicate_id_is_refused() {
    check_invalid(
        &[(
            "bodies.json",
            r#"[{"id": "x", "name": "X One"}, {"id": "x", "name": "X Two"}]"#,
        )],
        "bodies.json",
        "duplicate id",
    );
}

#[test]
fn malformed_and_reversed_dates_are_refused() {
    let states = r#"[{"id": "AAA", "name": "Aland"}]"#;
    let holder = |from: &str, until: &str| {
        format!(
            r#"[{{"name": "A B", "role": "R", "entity": "AAA", "terms": [{{"from": "{from}", "until": "{until}"}}]}}]"#
        )
    };
    let bad_month = holder("2017-13-01", "2018-01-01");
    check_invalid(
        &[("states.json", states), ("office_holders.json", &bad_month)],
        "office_holders.json",
        "malformed date \"2017-13-01\"",
    );
    let reversed = holder("2018-01-01", "2017-01-01");
    check_invalid(
        &[("states.json", states), ("office_holders.json", &reversed)],
        "office_holders.json",
        "ends before it starts",
    );
}

#[test]
fn state_ids_must_be_alpha3_codes() {
    check_invalid(
        &[("states.json", r#"[{"id": "us", "name": "Somewhere"}]"#)],
        "states.json",
        "alpha-3",
    );
}

#[test]
fn a_holder_name_equal_to_an_entity_alias_is_refused() {
    check_invalid(
        &[
            ("states.json", r#"[{"id": "AAA", "name": "Aland"}]"#),
            (
                "office_holders.json",
                r#"[{"name": "Aland", "role": "R", "entity": "AAA", "terms": [{"from": "2020-01-01"}]}]"#,
            ),
        ],
        "office_holders.json",
        "already an alias of AAA",
    );
}

#[test]
fn missing_directory_is_an_io_error() {
    let result = Pack::from_dir("/nonexistent/pack/dir");
    assert!(matches!(result, Err(PackError::Io { .. })));
}
