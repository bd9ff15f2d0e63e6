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
    pub const ALL: [Action; 19] = [
        Action::Join,
        Action::Endorse,
        Action::Withdraw,
        Action::Reject,
        Action::Boycott,
        Action::Host,
        Action::Attend,
        Action::Agree,
        Action::Restrict,
        Action::Expand,
        Action::Deploy,
        Action::Deport,
        Action::Instruct,
        Action::Urge,
        Action::Criticize,
        Action::Support,
        Action::Block,
        Action::Fund,
        Action::Defund,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Join => "join",
            Action::Endorse => "endorse",
            Action::Withdraw => "withdraw",
            Action::Reject => "reject",
            Action::Boycott => "boycott",
            Action::Host => "host",
            Action::Attend => "attend",
            Action::Agree => "agree",
            Action::Restrict => "restrict",
            Action::Expand => "expand",
            Action::Deploy => "deploy",
            Action::Deport => "deport",
            Action::Instruct => "instruct",
            Action::Urge => "urge",
            Action::Criticize => "criticize",
            Action::Support => "support",
            Action::Block => "block",
            Action::Fund => "fund",
            Action::Defund => "defund",
        }
    }
    pub fn parse(name: &str) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|action| action.as_str() == name)
    }
    /// Actions that change or state a participation status in a framework (for `status`).
    pub fn is_status(&self) -> bool {
        matches!(
            self,
            Action::Join | Action::Endorse | Action::Withdraw | Action::Reject | Action::Boycott
        )
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    #[default]
    Asserted,
    Planned,
    Negated,
    Hypothetical,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    NoneGiven,
    Cited,
    Contested,
    #[default]
    Unstated,
}

impl Evidence {
    pub fn as_str(&self) -> &'static str {
        match self {
            Evidence::NoneGiven => "none_given",
            Evidence::Cited => "cited",
            Evidence::Contested => "contested",
            Evidence::Unstated => "unstated",
        }
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

    #[test]
    fn action_names_round_trip_through_serde_and_parse() {
        for action in Action::ALL {
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.as_str()));
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
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
