//! The pack's file formats (serde shapes) and their validation: a pack is a folder of JSON
//! files, read from disk ([`read_dir`]) or given as (file name, content) pairs.
//!
//! Validation reports the file and the reason: unknown entity ids in references, duplicate
//! ids, one alias used for two different ids, malformed or reversed dates, empty aliases.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::normalize::normalize;
use crate::{EntityKind, PackError, Result};

/// File names a pack may contain; `pack.json` is required, the others are optional.
pub(crate) const PACK_FILE: &str = "pack.json";
pub(crate) const FRAMEWORKS_FILE: &str = "frameworks.json";
pub(crate) const BODIES_FILE: &str = "bodies.json";
pub(crate) const STATES_FILE: &str = "states.json";
pub(crate) const GOVERNMENT_FILE: &str = "government.json";
pub(crate) const OFFICE_HOLDERS_FILE: &str = "office_holders.json";
pub(crate) const ROLES_FILE: &str = "roles.json";

pub(crate) const ALL_FILES: [&str; 7] = [
    PACK_FILE,
    FRAMEWORKS_FILE,
    BODIES_FILE,
    STATES_FILE,
    GOVERNMENT_FILE,
    OFFICE_HOLDERS_FILE,
    ROLES_FILE,
];

/// `pack.json`: the pack's identity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackManifest {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
}

/// One entry of `frameworks.json` / `bodies.json` (extra fields such as `notes` are ignored,
/// so the project's gold `frameworks.json` can be copied as it is).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The gold's `type` ("agency", "treaty", "forum", …); decides Body vs Framework.
    #[serde(default, rename = "type")]
    pub kind_name: Option<String>,
    /// Explicit kind; wins over `type`.
    #[serde(default)]
    pub kind: Option<EntityKind>,
    /// Seats used as metonyms before a speech/decision verb ("Brussels said" → `eu`).
    #[serde(default)]
    pub capitals: Vec<String>,
}

/// One entry of `states.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StateRecord {
    /// ISO 3166-1 alpha-3.
    pub id: String,
    #[serde(default)]
    pub alpha2: Option<String>,
    pub name: String,
    /// False when `name` alone is too ambiguous to match ("Georgia", "Jordan", "Chad");
    /// the state is then found by its other names and demonyms only.
    #[serde(default = "yes")]
    pub match_name: bool,
    /// Other names: short forms, former names, names in other languages.
    #[serde(default)]
    pub names: Vec<String>,
    /// Adjectives naming the state ("Hungarian"); resolve only before a role word.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capitals (or seats of government) used as metonyms before a speech/decision verb.
    #[serde(default)]
    pub capitals: Vec<String>,
    /// False for dependent territories listed in ISO 3166-1.
    #[serde(default = "yes")]
    pub sovereign: bool,
}

fn yes() -> bool {
    true
}

/// One entry of `government.json`: a phrase naming a government or institution.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GovernmentRecord {
    pub phrase: String,
    /// The entity the phrase acts for (state or body id).
    pub entity: String,
    /// The agent reported in mentions; defaults to the phrase.
    #[serde(default)]
    pub agent: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One entry of `office_holders.json`: a person and their terms in one role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolderRecord {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Surname used alone ("Trump"); defaults to the last word of `name`.
    #[serde(default)]
    pub surname: Option<String>,
    /// False when the surname alone is too ambiguous ("May", "Brown").
    #[serde(default = "yes")]
    pub surname_alone: bool,
    pub role: String,
    /// Titles put before the name or surname ("President", "Chancellor").
    #[serde(default)]
    pub titles: Vec<String>,
    pub entity: String,
    pub terms: Vec<TermRecord>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermRecord {
    pub from: String,
    #[serde(default)]
    pub until: Option<String>,
}

/// `roles.json`: the context words of the matching rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RolesRecord {
    /// Role or agent words after a state or body ("government", "foreign minister",
    /// "ambassador to the U.N."); a demonym resolves only before one of them.
    #[serde(default)]
    pub heads: Vec<HeadRecord>,
    /// Verbs after a capital that make it a metonym ("said", "will", "has").
    #[serde(default)]
    pub metonym_verbs: Vec<String>,
    /// Words before a capital that make it a place ("in", "from").
    #[serde(default)]
    pub place_words: Vec<String>,
    /// Words before an office holder's name that mean they are out of office ("former").
    #[serde(default)]
    pub former_words: Vec<String>,
    /// Phrases that are no entity and hide the names inside them ("New Mexico", "Latin
    /// America", "Washington Post").
    #[serde(default)]
    pub not_entities: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HeadRecord {
    pub phrase: String,
    /// Entity kinds the head can follow; default: state only.
    #[serde(default = "state_only")]
    pub applies_to: Vec<EntityKind>,
    /// False for generic heads ("government") that name no more specific agent.
    #[serde(default = "yes")]
    pub agent: bool,
    /// True when the head may also stand before "of <state>" ("the president of Mexico").
    #[serde(default)]
    pub before_of: bool,
}

fn state_only() -> Vec<EntityKind> {
    vec![EntityKind::State]
}

/// Every file of a pack, parsed but not yet validated.
#[derive(Debug, Clone)]
pub(crate) struct RawPack {
    pub manifest: PackManifest,
    pub frameworks: Vec<EntityRecord>,
    pub bodies: Vec<EntityRecord>,
    pub states: Vec<StateRecord>,
    pub government: Vec<GovernmentRecord>,
    pub holders: Vec<HolderRecord>,
    pub roles: RolesRecord,
}

fn invalid(file: &str, message: impl Into<String>) -> PackError {
    PackError::Invalid {
        file: file.to_string(),
        message: message.into(),
    }
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, content: &str) -> Result<T> {
    serde_json::from_str(content).map_err(|error| invalid(file, error.to_string()))
}

/// Parse a pack from (file name, content) pairs; `pack.json` is required.
pub(crate) fn parse_files(files: &[(&str, &str)]) -> Result<RawPack> {
    for (name, _) in files {
        if !ALL_FILES.contains(name) {
            return Err(invalid(
                name,
                format!(
                    "unknown pack file (expected one of {})",
                    ALL_FILES.join(", ")
                ),
            ));
        }
    }
    let find = |wanted: &str| {
        files
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, content)| *content)
    };
    let manifest: PackManifest = match find(PACK_FILE) {
        Some(content) => parse(PACK_FILE, content)?,
        None => return Err(invalid(PACK_FILE, "missing (every pack needs a pack.json)")),
    };
    let list = |file: &str| -> Option<&str> { find(file) };
    Ok(RawPack {
        manifest,
        frameworks: list(FRAMEWORKS_FILE)
            .map(|c| parse(FRAMEWORKS_FILE, c))
            .transpose()?
            .unwrap_or_default(),
        bodies: list(BODIES_FILE)
            .map(|c| parse(BODIES_FILE, c))
            .transpose()?
            .unwrap_or_default(),
        states: list(STATES_FILE)
            .map(|c| parse(STATES_FILE, c))
            .transpose()?
            .unwrap_or_default(),
        government: list(GOVERNMENT_FILE)
            .map(|c| parse(GOVERNMENT_FILE, c))
            .transpose()?
            .unwrap_or_default(),
        holders: list(OFFICE_HOLDERS_FILE)
            .map(|c| parse(OFFICE_HOLDERS_FILE, c))
            .transpose()?
            .unwrap_or_default(),
        roles: list(ROLES_FILE)
            .map(|c| parse(ROLES_FILE, c))
            .transpose()?
            .unwrap_or_default(),
    })
}

/// Read the known pack files present in `dir`.
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for name in ALL_FILES {
        let path = dir.join(name);
        if !path.exists() && name != PACK_FILE {
            continue;
        }
        let content = std::fs::read_to_string(&path).map_err(|source| PackError::Io {
            file: path.display().to_string(),
            source,
        })?;
        files.push((name.to_string(), content));
    }
    Ok(files)
}

/// Gold `type` values that name an organisation (a Body); every other type is a Framework.
const BODY_TYPES: [&str; 9] = [
    "agency",
    "body",
    "organization",
    "organisation",
    "intergovernmental_organization",
    "un_coordination_network",
    "fund",
    "alliance",
    "supranational_union",
];

pub(crate) fn entity_kind(record: &EntityRecord) -> EntityKind {
    if let Some(kind) = record.kind {
        return kind;
    }
    match record.kind_name.as_deref() {
        Some(name) if BODY_TYPES.contains(&name) => EntityKind::Body,
        _ => EntityKind::Framework,
    }
}

/// Parse a `YYYY-MM-DD` date of `file`, naming `what` on error.
pub(crate) fn parse_date(file: &str, what: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        invalid(
            file,
            format!("{what}: malformed date {value:?} (want YYYY-MM-DD)"),
        )
    })
}

/// The key under which an alias is compared for duplicates: normalised and lower-cased.
pub(crate) fn alias_key(alias: &str) -> String {
    normalize(alias.trim()).text.to_lowercase()
}

pub(crate) fn invalid_error(file: &str, message: impl Into<String>) -> PackError {
    invalid(file, message)
}
