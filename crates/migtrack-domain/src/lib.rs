//! The domain pack: what migtrack knows about states, international bodies, frameworks and
//! office holders, loaded from data files (`packs/`), validated, and matched in text.
//!
//! API contract used by the pipeline (keep these signatures stable):
//! - [`Pack::builtin`] — the embedded default pack (validated by a test).
//! - [`Pack::find_mentions`] — all entity mentions in a text, sorted by start, non-overlapping.
//! - [`Pack::entity`], [`Pack::office_holder`].
//!
//! The pack format is described in this crate's `README.md`; the builtin pack lives in
//! `packs/migration/` and is embedded at compile time.

mod load;
mod matcher;
mod normalize;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use migtrack_model::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = PackError> = std::result::Result<T, E>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// An ISO 3166-1 state; id is the alpha-3 code.
    State,
    /// An international body or organisation (`un`, `eu`, `iom`, `unhcr`, …).
    Body,
    /// A framework, compact, convention, declaration or process (`gcm`, `gfmd`, …).
    Framework,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Name,
    Alias,
    Demonym,
    Capital,
    /// "the Trump administration", "the White House", "the Home Office".
    Government,
    /// A person holding office on the date ("President Trump").
    OfficeHolder,
    /// A role phrase ("the U.S. ambassador to the U.N.").
    Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub span: Span,
    /// The entity id it resolves to.
    pub id: String,
    pub kind: EntityKind,
    pub via: MentionKind,
    /// The more specific agent named ("State Department", "Donald Trump"), if any.
    pub agent: Option<String>,
}

/// A name of the pack found in other letter case ([`Pack::case_hints`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHint {
    /// Where the name stands in the text.
    pub span: Span,
    /// Byte offsets (in the text) of the letters the name writes in upper case.
    pub upper: Vec<usize>,
    /// How many words the name has ("home office": 2).
    pub words: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeHolder {
    pub name: String,
    pub role: String,
    /// State id (or body id) the holder acts for.
    pub entity: String,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// A loaded, validated domain pack.
#[derive(Debug, Clone)]
pub struct Pack {
    name: String,
    version: String,
    description: String,
    entities: Vec<Entity>,
    /// State ids listed in ISO 3166-1 that are dependent territories.
    territories: std::collections::HashSet<String>,
    /// Entity index by id.
    index: HashMap<String, usize>,
    /// Entity kind by entity index (for the matcher).
    kinds: Vec<EntityKind>,
    holders: Vec<OfficeHolder>,
    /// Entity index of each holder.
    holder_entities: Vec<usize>,
    matcher: matcher::Matcher,
}

/// The files of the builtin pack, embedded at compile time.
const BUILTIN_FILES: [(&str, &str); 7] = [
    ("pack.json", include_str!("../packs/migration/pack.json")),
    (
        "frameworks.json",
        include_str!("../packs/migration/frameworks.json"),
    ),
    (
        "bodies.json",
        include_str!("../packs/migration/bodies.json"),
    ),
    (
        "states.json",
        include_str!("../packs/migration/states.json"),
    ),
    (
        "government.json",
        include_str!("../packs/migration/government.json"),
    ),
    (
        "office_holders.json",
        include_str!("../packs/migration/office_holders.json"),
    ),
    ("roles.json", include_str!("../packs/migration/roles.json")),
];

impl Pack {
    /// The embedded migration-governance pack, built once.
    ///
    /// # Panics
    /// Only if the embedded pack is invalid, which the crate's tests rule out.
    pub fn builtin() -> &'static Pack {
        static BUILTIN: OnceLock<Pack> = OnceLock::new();
        BUILTIN.get_or_init(|| match Pack::from_json(&BUILTIN_FILES) {
            Ok(pack) => pack,
            Err(error) => panic!("the builtin domain pack is invalid: {error}"),
        })
    }

    /// Load a pack from (file name, JSON content) pairs. `pack.json` is required; the others
    /// (`frameworks.json`, `bodies.json`, `states.json`, `government.json`,
    /// `office_holders.json`, `roles.json`) are optional.
    pub fn from_json(files: &[(&str, &str)]) -> Result<Pack> {
        let raw = load::parse_files(files)?;
        Pack::from_raw(&raw)
    }

    /// Load a pack from a folder holding the files named in [`Pack::from_json`].
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Pack> {
        let files = load::read_dir(dir.as_ref())?;
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(name, content)| (name.as_str(), content.as_str()))
            .collect();
        Pack::from_json(&borrowed)
    }

    fn from_raw(raw: &load::RawPack) -> Result<Pack> {
        use load::{
            BODIES_FILE, FRAMEWORKS_FILE, OFFICE_HOLDERS_FILE, PACK_FILE, STATES_FILE,
            invalid_error, parse_date,
        };
        if raw.manifest.version.trim().is_empty() {
            return Err(invalid_error(PACK_FILE, "empty version"));
        }
        let mut entities = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |file: &str, entity: Entity| -> Result<()> {
            if entity.id.trim().is_empty() {
                return Err(invalid_error(
                    file,
                    format!("empty id for {:?}", entity.name),
                ));
            }
            if index.contains_key(&entity.id) {
                return Err(invalid_error(file, format!("duplicate id {:?}", entity.id)));
            }
            index.insert(entity.id.clone(), entities.len());
            entities.push(entity);
            Ok(())
        };
        for state in &raw.states {
            let valid_code =
                state.id.len() == 3 && state.id.bytes().all(|b| b.is_ascii_uppercase());
            let valid_alpha2 = state
                .alpha2
                .as_ref()
                .is_none_or(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()));
            if !valid_code || !valid_alpha2 {
                return Err(invalid_error(
                    STATES_FILE,
                    format!(
                        "{:?}: a state id is an ISO 3166-1 alpha-3 code (and alpha2 two capitals)",
                        state.id
                    ),
                ));
            }
            add(
                STATES_FILE,
                Entity {
                    id: state.id.clone(),
                    name: state.name.clone(),
                    kind: EntityKind::State,
                    aliases: state.names.clone(),
                },
            )?;
        }
        for (file, records) in [
            (BODIES_FILE, &raw.bodies),
            (FRAMEWORKS_FILE, &raw.frameworks),
        ] {
            for record in records {
                add(
                    file,
                    Entity {
                        id: record.id.clone(),
                        name: record.name.clone(),
                        kind: load::entity_kind(record),
                        aliases: record.aliases.clone(),
                    },
                )?;
            }
        }
        let mut holders = Vec::new();
        let mut holder_entities = Vec::new();
        for record in &raw.holders {
            let entity = *index.get(&record.entity).ok_or_else(|| {
                invalid_error(
                    OFFICE_HOLDERS_FILE,
                    format!("{}: unknown entity id {:?}", record.name, record.entity),
                )
            })?;
            if record.terms.is_empty() {
                return Err(invalid_error(
                    OFFICE_HOLDERS_FILE,
                    format!("{}: no terms", record.name),
                ));
            }
            for term in &record.terms {
                let what = format!("{} ({})", record.name, record.role);
                let from = parse_date(OFFICE_HOLDERS_FILE, &what, &term.from)?;
                let until = term
                    .until
                    .as_deref()
                    .map(|until| parse_date(OFFICE_HOLDERS_FILE, &what, until))
                    .transpose()?;
                if until.is_some_and(|until| until < from) {
                    return Err(invalid_error(
                        OFFICE_HOLDERS_FILE,
                        format!("{what}: term ends before it starts"),
                    ));
                }
                holders.push(OfficeHolder {
                    name: record.name.clone(),
                    role: record.role.clone(),
                    entity: record.entity.clone(),
                    from,
                    until,
                });
                holder_entities.push(entity);
            }
        }
        let kinds = entities.iter().map(|entity| entity.kind).collect();
        let matcher = matcher::Matcher::build(raw, &index, &holders)?;
        Ok(Pack {
            name: raw.manifest.name.clone(),
            version: raw.manifest.version.clone(),
            description: raw.manifest.description.clone(),
            territories: raw
                .states
                .iter()
                .filter(|state| !state.sovereign)
                .map(|state| state.id.clone())
                .collect(),
            entities,
            index,
            kinds,
            holders,
            holder_entities,
            matcher,
        })
    }

    /// The pack's name (`pack.json`), e.g. "migration".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The pack's version (`pack.json`), e.g. "migration-2026.11.1". Extraction is
    /// deterministic for the same text and the same pack version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The pack's one-line description (`pack.json`).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// True for a state of the pack that is sovereign (not a dependent territory listed in
    /// ISO 3166-1 such as `PRI` or `GRL`).
    pub fn is_sovereign_state(&self, id: &str) -> bool {
        self.entity(id)
            .is_some_and(|entity| entity.kind == EntityKind::State)
            && !self.territories.contains(id)
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.index.get(id).map(|&index| &self.entities[index])
    }

    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter()
    }

    /// Every office-holder term of the pack (one record per term).
    pub fn office_holders(&self) -> impl Iterator<Item = &OfficeHolder> {
        self.holders.iter()
    }

    /// True when `id` is a framework (compact, convention, declaration, forum, process).
    pub fn is_framework(&self, id: &str) -> bool {
        self.entity(id)
            .is_some_and(|entity| entity.kind == EntityKind::Framework)
    }

    /// The entity a name or alias stands for ("U.N." → `un`, "Estados Unidos" → `USA`,
    /// "the White House" → `USA`), matched like [`Pack::find_mentions`] matches aliases
    /// (normalised, case-insensitive); a leading "the " is ignored. Demonyms and capitals
    /// are not names: see [`Pack::state_of_demonym`].
    pub fn resolve(&self, name: &str) -> Option<&Entity> {
        let name = name.trim();
        let name = strip_article(name);
        self.matcher
            .targets(name)?
            .iter()
            .find_map(|target| match target {
                matcher::Target::Entity { entity, .. } => self.entities.get(*entity),
                _ => None,
            })
    }

    /// What a name typed by a user stands for (`--actor`, `--target`, the API's `actor` and
    /// `target`): an entity id in any case (`usa`, `GCM`), or an entity's name or alias in any
    /// case, a leading "the" ignored ("United States", "germany", "the Marrakech pact").
    /// Demonyms, capitals and government phrases are not names here.
    ///
    /// A name that is no entity's id or name but whole words of several entities' names
    /// ("Korea": `KOR`, `PRK`; "Congo": `COD`, `COG`) is [`Lookup::Ambiguous`]; words of one
    /// entity's name only, or of none, are [`Lookup::Unknown`] (free words such as
    /// "Conservative Party").
    pub fn lookup(&self, name: &str) -> Lookup<'_> {
        let key = load::alias_key(strip_article(name.trim()));
        if key.is_empty() {
            return Lookup::Unknown;
        }
        let names = |entity: &'_ Entity| -> Vec<String> {
            std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .map(|alias| load::alias_key(alias))
                .collect()
        };
        let exact: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|entity| {
                entity.id.eq_ignore_ascii_case(name.trim()) || names(entity).contains(&key)
            })
            .collect();
        let candidates = match exact.len() {
            1 => return Lookup::Found(exact[0]),
            0 => self
                .entities
                .iter()
                .filter(|entity| {
                    names(entity)
                        .iter()
                        .any(|alias| contains_words(alias, &key))
                })
                .collect(),
            _ => exact,
        };
        if candidates.len() < 2 {
            return Lookup::Unknown;
        }
        let mut candidates = candidates;
        candidates.sort_by(|a, b| a.id.cmp(&b.id));
        Lookup::Ambiguous(candidates)
    }

    /// The state a demonym names ("Hungarian" → HUN, "U.S." is a name, not a demonym).
    pub fn state_of_demonym(&self, word: &str) -> Option<&Entity> {
        self.matcher
            .targets(word.trim())?
            .iter()
            .find_map(|target| match target {
                matcher::Target::Demonym { entity } => self.entities.get(*entity),
                _ => None,
            })
    }

    /// The entity and agent of a government phrase ("the State Department" → (USA,
    /// "State Department"), "Downing Street" → (GBR, "Downing Street")).
    pub fn resolve_government_phrase(&self, phrase: &str) -> Option<(&Entity, &str)> {
        let phrase = strip_article(phrase.trim());
        self.matcher
            .targets(phrase)?
            .iter()
            .find_map(|target| match target {
                matcher::Target::Entity {
                    entity,
                    via: MentionKind::Government,
                    agent: Some(agent),
                } => Some((self.entities.get(*entity)?, agent.as_str())),
                _ => None,
            })
    }

    /// Where `text` writes one of the pack's names in other letter case ("home office",
    /// "ukip", "romanians"): the hints a truecaser needs for text that lost its capitals. No
    /// context rule is applied (a capital, a demonym or a holder's surname is a hint wherever
    /// it stands); the caller decides, for one-word names, whether the word is a name there
    /// ("may" the verb, "us" the pronoun).
    pub fn case_hints(&self, text: &str) -> Vec<CaseHint> {
        let (normalized, hits) = self.matcher.case_hits(text);
        hits.into_iter()
            .map(|(start, end, upper, words)| {
                let (start, end) = normalized.original(start, end);
                CaseHint {
                    span: Span::new(start, end),
                    upper: upper
                        .into_iter()
                        .map(|offset| normalized.original(offset, offset + 1).0)
                        .collect(),
                    words,
                }
            })
            .collect()
    }

    /// Every entity mention in `text`, sorted by start and non-overlapping (longest wins).
    /// `on` is the publication date, used to resolve office holders.
    pub fn find_mentions(&self, text: &str, on: Option<NaiveDate>) -> Vec<EntityMention> {
        let (normalized, candidates) =
            self.matcher
                .find(text, on, &self.kinds, &self.holders, &self.holder_entities);
        candidates
            .into_iter()
            .filter_map(|candidate| {
                let entity = self.entities.get(candidate.entity)?;
                let (start, end) = normalized.original(candidate.start, candidate.end);
                let agent = match candidate.agent {
                    matcher::Agent::None => None,
                    matcher::Agent::Fixed(agent) => Some(agent),
                    matcher::Agent::SpanText => text.get(start..end).map(str::to_string),
                };
                Some(EntityMention {
                    span: Span::new(start, end),
                    id: entity.id.clone(),
                    kind: entity.kind,
                    via: candidate.via,
                    agent,
                })
            })
            .collect()
    }

    /// The office holder a name refers to on a date ("Trump", "Donald Trump", "President
    /// Trump", "Viktor Orban"): the one in office on `on`, or without a date the most recent.
    pub fn office_holder(&self, name: &str, on: Option<NaiveDate>) -> Option<&OfficeHolder> {
        let targets = self.matcher.targets(name.trim())?;
        let terms = targets.iter().filter_map(|target| match target {
            matcher::Target::Holder { holder, .. } => self.holders.get(*holder),
            _ => None,
        });
        match on {
            Some(date) => terms
                .into_iter()
                .find(|holder| matcher::in_office(holder, date)),
            None => terms.max_by_key(|holder| holder.from),
        }
    }
}

/// What [`Pack::lookup`] found for a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// The id, name or alias of exactly this entity.
    Found(&'a Entity),
    /// Several entities fit (sorted by id): the name is whole words of each one's name or
    /// alias, or the id of one and a name of another.
    Ambiguous(Vec<&'a Entity>),
    /// No entity: the name is free words.
    Unknown,
}

/// True when `words` occur in `text` as whole words (both already alias keys).
fn contains_words(text: &str, words: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

fn strip_article(name: &str) -> &str {
    ["the ", "The "]
        .iter()
        .find_map(|article| name.strip_prefix(article))
        .unwrap_or(name)
}
