//! Plain domain types shared by every migtrack crate: documents, the five record kinds and their
//! provenance. No IO lives here.
//!
//! Offsets: every [`Span`] is a pair of UTF-8 **byte** offsets into the cleaned text of its
//! document (`text[span.start..span.end]` is the evidence). Byte offsets are what Rust slices
//! with; the web page converts them when it highlights.

pub mod period;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` in a document's cleaned text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers, or "" when it is out of range.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How the body of a raw document is encoded, as far as the source knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    Html,
    Text,
    /// Sniff it: `<html`/`<!doctype` near the start means HTML.
    #[default]
    Unknown,
}

/// Metadata a source knows about a document before it is cleaned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DocMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A document as a source delivers it: undecoded bytes plus metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// The path, URL or `manifest:line` as the user gave it; the stable name of the input.
    pub source: String,
    pub bytes: Vec<u8>,
    pub kind: ContentKind,
    pub meta: DocMeta,
}

/// Where a cleaned document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(
    strum::EnumString, strum::Display, strum::IntoStaticStr, strum::VariantArray, strum::EnumCount,
)]
#[strum(serialize_all = "snake_case")]
pub enum DateOrigin {
    /// Given by the source (manifest, feed item, WARC record, `--published`).
    Metadata,
    /// Read from the HTML page's own metadata.
    Html,
    /// Read from a dateline at the start of the text ("WASHINGTON, Nov. 27, 2025 –").
    Dateline,
}

/// A document after the clean stage: decoded, main text only, boilerplate removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleanDocument {
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_origin: Option<DateOrigin>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub lang: Option<String>,
    /// The encoding the bytes were decoded from, when they were not all valid UTF-8
    /// ("windows-1252", or "UTF-8 with replacement (1 invalid sequence)" for a UTF-8 document
    /// with a few invalid bytes, each replaced by U+FFFD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    pub text: String,
    /// Map back to the decoded original: sorted `(clean_offset, original_offset)` pairs, one at
    /// the start of every kept run of text. Not serialised.
    #[serde(skip)]
    pub origin_map: Vec<(usize, usize)>,
}

impl CleanDocument {
    /// Offset in the decoded original text of a byte offset in the cleaned text.
    pub fn original_offset(&self, clean_offset: usize) -> Option<usize> {
        let index = self
            .origin_map
            .partition_point(|(clean, _)| *clean <= clean_offset);
        let (clean, original) = *self.origin_map.get(index.checked_sub(1)?)?;
        Some(original + (clean_offset - clean))
    }
}

/// The actions of the annotation guideline (`shared/gold/GUIDELINES.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(
    strum::EnumString, strum::Display, strum::IntoStaticStr, strum::VariantArray, strum::EnumCount,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Join,
    Endorse,
    Withdraw,
    Reject,
    Boycott,
    Host,
    Attend,
    Agree,
    Restrict,
    Expand,
    Deploy,
    Deport,
    Instruct,
    Urge,
    Criticize,
    Support,
    Block,
    Fund,
    Defund,
}

impl Action {
    /// Every action, in declaration order.
    pub const ALL: [Action; <Action as strum::EnumCount>::COUNT] = {
        let variants = <Action as strum::VariantArray>::VARIANTS;
        let mut all = [Action::Join; <Action as strum::EnumCount>::COUNT];
        let mut index = 0;
        while index < all.len() {
            all[index] = variants[index];
            index += 1;
        }
        all
    };

    /// The action's name: the same snake_case word as in JSON and the database.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    pub fn parse(name: &str) -> Option<Action> {
        name.parse().ok()
    }

    /// Actions that change or state a participation status in a framework (for `status`).
    pub fn is_status(&self) -> bool {
        matches!(
            self,
            Action::Join | Action::Endorse | Action::Withdraw | Action::Reject | Action::Boycott
        )
    }

    /// Actions that happen once per actor and target (joining, leaving, hosting, signing): two
    /// dates for one of them disagree. The others (a cap cut, a deployment, a criticism) can
    /// happen again, so two dates are two events.
    pub fn is_one_off(&self) -> bool {
        matches!(
            self,
            Action::Join
                | Action::Endorse
                | Action::Withdraw
                | Action::Reject
                | Action::Boycott
                | Action::Host
                | Action::Attend
                | Action::Agree
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[derive(
    strum::EnumString, strum::Display, strum::IntoStaticStr, strum::VariantArray, strum::EnumCount,
)]
#[strum(serialize_all = "snake_case")]
pub enum Modality {
    #[default]
    Asserted,
    Planned,
    Negated,
    Hypothetical,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[derive(
    strum::EnumString, strum::Display, strum::IntoStaticStr, strum::VariantArray, strum::EnumCount,
)]
#[strum(serialize_all = "snake_case")]
pub enum Evidence {
    NoneGiven,
    Cited,
    Contested,
    #[default]
    Unstated,
}

impl Evidence {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// One actor doing one action to one target at one time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Entity id (`USA`, `gfmd`, `un`) or the actor's own name outside the lists.
    pub actor: String,
    pub action: Action,
    /// Entity id, name, or a short policy phrase ("refugee admissions cap").
    pub target: String,
    /// Normalised date value (see [`DateMention::value`]), or `None`.
    pub date: Option<String>,
    pub modality: Modality,
    /// The more specific agent the text names ("State Department", "Tommy Pigott").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// The trigger phrase ("pulls the U.S. out of").
    pub span: Span,
    /// The sentence the event came from.
    pub sentence: Span,
    /// The rule or lexicon entry that produced it.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Fullest name the article gives: a person, a body or a document ("the cable").
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Entity id the speaker resolves to (state or body), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_entity: Option<String>,
    pub text: String,
    /// In quotation marks (true) or reported speech (false).
    pub direct: bool,
    /// The quoted content.
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www`, `YYYY-Qn`, `FY2026` or `1970s`; `None` when
    /// the expression is relative and the document has no publication date.
    pub value: Option<String>,
    pub span: Span,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub text: String,
    pub value: f64,
    /// `people`, `usd`, `eur`, `gbp`, `percent`, `ratio`, … or `None` for a bare count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What it counts ("refugees", "asylum seekers"), when the text says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
    /// `exact`, `at_least`, `at_most`, `about`, `range`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
    pub span: Span,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub speaker: Option<String>,
    pub text: String,
    pub evidence: Evidence,
    pub span: Span,
    /// The evidence cue ("no specific data were provided"), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_span: Option<Span>,
    pub rule: String,
}

/// Everything the extract stage finds in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extraction {
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub dates: Vec<DateMention>,
    pub figures: Vec<Figure>,
    pub claims: Vec<Claim>,
}

/// A document that went through the per-document stages (clean, dedupe signatures, extract):
/// exactly what the store keeps (`migtrack_store::NewDocument` is this type), so nothing copies
/// it field by field on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Processed {
    pub doc: CleanDocument,
    /// Hex SHA-256 of the cleaned text after whitespace folding: equal for exact duplicates.
    pub content_hash: String,
    /// The MinHash signature, to confirm a near-duplicate candidate.
    pub signature: Vec<u64>,
    /// LSH band keys of the signature; documents sharing one are near-duplicate candidates.
    pub bands: Vec<u64>,
    pub extraction: Extraction,
}

/// Identity of a document in extract output (`doc` in the JSONL contract).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    pub source: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
}

/// One line of `migtrack extract --format jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedDocument {
    pub doc: DocInfo,
    #[serde(flatten)]
    pub records: Extraction,
}

/// A problem with one input; it never stops a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The input it is about (path, URL, `manifest:line`).
    pub source: String,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

// ---- Cross-document linking: what the link stage reads and writes, and the store keeps. ----

/// An actor or target name as the link stage compares it: without case or repeated spaces.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What the link stage relinks as one piece: every event of one actor on one target (keys as
/// [`name_key`] gives them). Facts never reach across units (merging, dates that disagree and
/// opposite moves on one day all stay within an actor and a target), so linking the events of
/// one unit gives exactly the facts a link over every event gives for that unit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LinkUnit {
    pub actor_key: String,
    pub target_key: String,
}

impl LinkUnit {
    pub fn of(actor: &str, target: &str) -> LinkUnit {
        LinkUnit {
            actor_key: name_key(actor),
            target_key: name_key(target),
        }
    }
}

/// An event of one document, as the link stage reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRef {
    pub event_id: i64,
    pub doc_id: i64,
    pub story_id: i64,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub actor: String,
    pub action: Action,
    pub target: String,
    pub date: Option<String>,
    pub modality: Modality,
}

/// Events from several documents that report the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub id: i64,
    pub actor: String,
    pub action: Action,
    pub target: String,
    /// The most precise date the sources agree on, if any.
    pub date: Option<String>,
    pub modality: Modality,
    /// Independent sources: distinct stories (near-duplicate copies count once).
    pub source_count: usize,
    pub document_count: usize,
    pub outlets: Vec<String>,
    pub first_reported: Option<NaiveDate>,
    pub latest_reported: Option<NaiveDate>,
    pub event_ids: Vec<i64>,
    /// Why this fact is contradicted by another (e.g. "two dates: 2017-12-01, 2017-12-02").
    pub contradictions: Vec<String>,
}

/// One cell of the state × framework table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusCell {
    pub state: String,
    pub framework: String,
    /// joined, endorsed, withdrew, rejected, boycotted.
    pub status: String,
    pub date: Option<String>,
    pub fact_id: i64,
    pub source_count: usize,
    pub sources: Vec<String>,
}

/// One quote's speaker as stored: what cross-document speaker resolution reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerMention {
    pub speaker: String,
    pub role: Option<String>,
    /// The state or body the speaker acts for, when resolved.
    pub entity: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11, item 5: one mapping per enum (strum's, snake_case), the same as serde's.
    #[test]
    fn enum_names_round_trip_through_serde_strum_and_parse() {
        fn check<T>(values: &[T])
        where
            T: Serialize
                + std::str::FromStr
                + std::fmt::Display
                + Copy
                + PartialEq
                + std::fmt::Debug,
            &'static str: From<T>,
        {
            for &value in values {
                let name: &'static str = value.into();
                assert_eq!(
                    serde_json::to_string(&value).unwrap(),
                    format!("\"{name}\"")
                );
                assert_eq!(value.to_string(), name);
                assert_eq!(name.parse::<T>().ok(), Some(value));
            }
        }
        assert_eq!(Action::ALL.len(), 19);
        check(&Action::ALL);
        check(<Modality as strum::VariantArray>::VARIANTS);
        check(<Evidence as strum::VariantArray>::VARIANTS);
        check(<DateOrigin as strum::VariantArray>::VARIANTS);
        assert_eq!(Action::parse("withdraw"), Some(Action::Withdraw));
        assert_eq!(Action::parse("Withdraw"), None);
        assert_eq!(Evidence::NoneGiven.as_str(), "none_given");
    }

    #[test]
    fn original_offset_follows_the_map() {
        let doc = CleanDocument {
            source: "x".into(),
            url: None,
            title: None,
            byline: None,
            published: None,
            published_origin: None,
            outlet: None,
            lang: None,
            encoding: None,
            text: "ab cd".into(),
            origin_map: vec![(0, 2), (3, 10)],
        };
        assert_eq!(doc.original_offset(1), Some(3));
        assert_eq!(doc.original_offset(4), Some(11));
    }
}
