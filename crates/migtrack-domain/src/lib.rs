//! The domain pack: what migtrack knows about states, international bodies, frameworks and
//! office holders, loaded from data files (`packs/`), validated, and matched in text.
//!
//! API contract used by the pipeline (keep these signatures stable):
//! - [`Pack::builtin`] — the embedded default pack (validated by a test).
//! - [`Pack::find_mentions`] — all entity mentions in a text, sorted by start, non-overlapping.
//! - [`Pack::entity`], [`Pack::office_holder`].

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
    version: String,
    entities: Vec<Entity>,
}

impl Pack {
    /// The embedded migration-governance pack.
    pub fn builtin() -> &'static Pack {
        todo!("domain pack: builtin")
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|entity| entity.id == id)
    }

    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter()
    }

    /// Every entity mention in `text`, sorted by start and non-overlapping (longest wins).
    /// `on` is the publication date, used to resolve office holders.
    pub fn find_mentions(&self, _text: &str, _on: Option<NaiveDate>) -> Vec<EntityMention> {
        Vec::new()
    }

    /// The office holder a name refers to on a date ("Trump", "Donald Trump", "Viktor Orban").
    pub fn office_holder(&self, _name: &str, _on: Option<NaiveDate>) -> Option<&OfficeHolder> {
        None
    }
}
