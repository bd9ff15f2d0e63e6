//! `Pack::lookup`: the names a user types for an actor or a target (`--actor "United States"`,
//! `?target=marrakech pact`) resolve to the pack's ids; ids keep working; a name that fits
//! several entities lists them.

use migtrack_domain::{Lookup, Pack};

/// What `name` looks up to: `Ok(id)`, `Err(candidate ids)`, or `Err([])` for free words.
fn lookup(name: &str) -> Result<String, Vec<String>> {
    match Pack::builtin().lookup(name) {
        Lookup::Found(entity) => Ok(entity.id.clone()),
        Lookup::Ambiguous(candidates) => Err(candidates
            .into_iter()
            .map(|entity| entity.id.clone())
            .collect()),
        Lookup::Unknown => Err(Vec::new()),
    }
}

#[test]
fn names_aliases_and_ids_resolve_in_any_case() {
    let cases = [
        ("United States", "USA"),
        ("united states", "USA"),
        ("  United States of America ", "USA"),
        ("U.S.", "USA"),
        ("Germany", "DEU"),
        ("GERMANY", "DEU"),
        ("the Netherlands", "NLD"),
        ("Marrakech pact", "gcm"),
        ("global compact for migration", "gcm"),
        ("Global Forum on Migration and Development", "gfmd"),
        ("UNHCR", "unhcr"),
        // Ids, as before, and in any case.
        ("USA", "USA"),
        ("usa", "USA"),
        ("DEU", "DEU"),
        ("gcm", "gcm"),
        ("GFMD", "gfmd"),
    ];
    for (name, id) in cases {
        assert_eq!(lookup(name), Ok(id.to_string()), "{name:?}");
    }
}

#[test]
fn a_name_that_fits_several_entities_lists_them() {
    let cases: [(&str, &[&str]); 3] = [
        ("Korea", &["KOR", "PRK"]),
        ("congo", &["COD", "COG"]),
        ("Virgin Islands", &["VGB", "VIR"]),
    ];
    for (name, ids) in cases {
        assert_eq!(
            lookup(name),
            Err(ids.iter().map(|id| id.to_string()).collect()),
            "{name:?}"
        );
    }
}

#[test]
fn free_words_are_no_entity() {
    // Actors and targets that are not in the pack are matched as words by the store.
    for name in [
        "Conservative Party",
        "refugee admissions cap",
        "",
        "   ",
        // Words of one entity's names only: no guess at that entity.
        "Marrakech",
    ] {
        assert_eq!(lookup(name), Err(Vec::new()), "{name:?}");
    }
    // Demonyms and capitals are not names of a state.
    assert_eq!(lookup("German"), Err(Vec::new()));
    assert_eq!(lookup("Washington"), Err(Vec::new()));
}
