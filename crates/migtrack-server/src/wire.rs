//! The API's wire shapes: the JSON every route answers with and every body it takes. They are
//! the server's own, mapped from the store's rows and the model's records (`From` below), so a
//! field renamed in a lower crate does not change the API; each derives its schema, and the
//! OpenAPI document (`GET /api/openapi.json`) is generated from them and the handlers.
//!
//! The model's enums (actions, modalities, evidence) and the store's (review kinds, verdicts)
//! travel as their snake_case names; each has one named schema whose values are read from the
//! enum itself (`names_schema!`), so no list of names is written out here.

use std::borrow::Cow;

use chrono::NaiveDate;
use migtrack_model::{Action, Evidence, Modality};
use migtrack_store::{ReviewKind, Verdict};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The most event ids a fact carries in a list (`event_count` says how many there are).
pub const FACT_EVENT_IDS: usize = 20;

/// The names `values` serialise to (all of an enum's values: `strum`'s `VARIANTS`, or an
/// exhaustive list).
pub fn serde_names<T: Serialize>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .filter_map(|value| match serde_json::to_value(value) {
            Ok(serde_json::Value::String(name)) => Some(name),
            _ => None,
        })
        .collect()
}

/// A schema stand-in for an enum of a lower crate: a string with the given names (see
/// [`serde_names`]), one named component.
macro_rules! names_schema {
    ($stand_in:ident, $name:literal, $names:expr, $doc:literal) => {
        #[doc = $doc]
        pub struct $stand_in;

        impl utoipa::PartialSchema for $stand_in {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let names: Vec<String> = $names;
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some(names))
                    .description(Some($doc))
                    .into()
            }
        }

        impl utoipa::ToSchema for $stand_in {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}

names_schema!(
    ActionName,
    "Action",
    serde_names(<Action as strum::VariantArray>::VARIANTS),
    "An action of the annotation guideline."
);
names_schema!(
    ModalityName,
    "Modality",
    serde_names(<Modality as strum::VariantArray>::VARIANTS),
    "Whether the event happened, is planned, was denied or is only supposed."
);
names_schema!(
    EvidenceName,
    "Evidence",
    serde_names(<Evidence as strum::VariantArray>::VARIANTS),
    "What the text says about a claim's evidence."
);
names_schema!(
    ReviewKindName,
    "ReviewKind",
    serde_names(&ReviewKind::ALL),
    "The record kinds an analyst can review."
);
names_schema!(
    VerdictName,
    "Verdict",
    serde_names(&VERDICTS),
    "An analyst's verdict: rejected records leave lists, facts, the timeline and the status table."
);
names_schema!(
    ErrorCode,
    "ErrorCode",
    serde_names(&crate::error::CODES),
    "A stable snake_case error code."
);
names_schema!(
    ExportKindName,
    "ExportKind",
    migtrack_export::Kind::ALL
        .iter()
        .map(|kind| kind.as_str().to_string())
        .collect(),
    "A table of `migtrack export --kind`."
);

/// Every verdict (a new one fails to compile in `listed` below until it is added here).
const VERDICTS: [Verdict; 2] = [Verdict::Rejected, Verdict::Confirmed];
const _: () = {
    const fn listed(verdict: Verdict) {
        match verdict {
            Verdict::Rejected | Verdict::Confirmed => {}
        }
    }
    listed(VERDICTS[0]);
};

/// A page of a list; pass `next` back as `cursor` for the following one.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Cursor of the next page; null at the end.
    #[schema(required)]
    pub next: Option<i64>,
}

impl<T> Paged<T> {
    pub fn of<Row>(page: migtrack_store::Paged<Row>) -> Paged<T>
    where
        T: From<Row>,
    {
        Paged {
            items: page.items.into_iter().map(T::from).collect(),
            next: page.next,
        }
    }
}

/// A half-open range of UTF-8 **byte** offsets into the document's cleaned text.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl From<migtrack_model::Span> for Span {
    fn from(span: migtrack_model::Span) -> Self {
        Span {
            start: span.start,
            end: span.end,
        }
    }
}

/// Where a record came from: enough to show and link to the sentence.
#[derive(Debug, Serialize, ToSchema)]
pub struct Provenance {
    pub doc_id: i64,
    /// The input as given at ingest (a path, `manifest:line`, a URL).
    pub source: String,
    /// What to show people for the document: its outlet, else its title, else the end of its
    /// source.
    pub label: String,
    #[schema(required)]
    pub title: Option<String>,
    #[schema(required)]
    pub outlet: Option<String>,
    #[schema(required)]
    pub published: Option<NaiveDate>,
    pub story_id: i64,
    pub span: Span,
    /// The rule or lexicon entry that produced the record.
    pub rule: String,
}

impl From<migtrack_store::Provenance> for Provenance {
    fn from(provenance: migtrack_store::Provenance) -> Self {
        Provenance {
            doc_id: provenance.doc_id,
            source: provenance.source,
            label: provenance.label,
            title: provenance.title,
            outlet: provenance.outlet,
            published: provenance.published,
            story_id: provenance.story_id,
            span: provenance.span.into(),
            rule: provenance.rule,
        }
    }
}

/// An analyst's verdict; kept by the record's content (document hash, kind, span, fields), so
/// it holds across re-ingest and re-link.
#[derive(Debug, Serialize, ToSchema)]
pub struct Review {
    #[schema(value_type = VerdictName)]
    pub verdict: Verdict,
    #[schema(required)]
    pub note: Option<String>,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub reviewed_at: String,
}

impl From<migtrack_store::Review> for Review {
    fn from(review: migtrack_store::Review) -> Self {
        Review {
            verdict: review.verdict,
            note: review.note,
            reviewed_at: review.reviewed_at,
        }
    }
}

/// One actor doing one action to one target at one time, with its provenance.
#[derive(Debug, Serialize, ToSchema)]
pub struct Event {
    pub id: i64,
    /// Entity id (`USA`, `gfmd`, `un`) or the actor's own name outside the lists.
    pub actor: String,
    #[schema(value_type = ActionName)]
    pub action: Action,
    /// Entity id, name, or a short policy phrase ("refugee admissions cap").
    pub target: String,
    /// Normalised date value (`2017-12-02`, `2018-12`, `2018`, …).
    #[schema(required)]
    pub date: Option<String>,
    #[schema(value_type = ModalityName)]
    pub modality: Modality,
    /// The more specific agent the text names ("State Department").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// The trigger phrase.
    pub span: Span,
    /// The sentence the event came from.
    pub sentence: Span,
    pub rule: String,
    pub provenance: Provenance,
    /// The sentence's text.
    pub sentence_text: String,
    /// Present when the record was reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

impl From<migtrack_store::EventRow> for Event {
    fn from(row: migtrack_store::EventRow) -> Self {
        let event = row.event;
        Event {
            id: row.id,
            actor: event.actor,
            action: event.action,
            target: event.target,
            date: event.date,
            modality: event.modality,
            agent: event.agent,
            cameo: event.cameo,
            plover: event.plover,
            span: event.span.into(),
            sentence: event.sentence.into(),
            rule: event.rule,
            provenance: row.provenance.into(),
            sentence_text: row.sentence_text,
            review: row.review.map(Review::from),
        }
    }
}

/// A quote, direct or reported, with its speaker and provenance.
#[derive(Debug, Serialize, ToSchema)]
pub struct Quote {
    pub id: i64,
    /// The fullest name the article gives: a person, a body or a document ("the cable").
    #[schema(required)]
    pub speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Entity id the speaker resolves to (state or body), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_entity: Option<String>,
    pub text: String,
    /// In quotation marks (true) or reported speech (false).
    pub direct: bool,
    /// The quoted content.
    pub span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
    pub rule: String,
    pub provenance: Provenance,
    /// Present when the record was reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

impl From<migtrack_store::QuoteRow> for Quote {
    fn from(row: migtrack_store::QuoteRow) -> Self {
        let quote = row.quote;
        Quote {
            id: row.id,
            speaker: quote.speaker,
            role: quote.role,
            speaker_entity: quote.speaker_entity,
            text: quote.text,
            direct: quote.direct,
            span: quote.span.into(),
            speaker_span: quote.speaker_span.map(Span::from),
            rule: quote.rule,
            provenance: row.provenance.into(),
            review: row.review.map(Review::from),
        }
    }
}

/// A claim with its speaker, what the text says of its evidence, and provenance.
#[derive(Debug, Serialize, ToSchema)]
pub struct Claim {
    pub id: i64,
    #[schema(required)]
    pub speaker: Option<String>,
    pub text: String,
    #[schema(value_type = EvidenceName)]
    pub evidence: Evidence,
    pub span: Span,
    /// The evidence cue ("no specific data were provided"), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_span: Option<Span>,
    pub rule: String,
    pub provenance: Provenance,
    /// Present when the record was reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

impl From<migtrack_store::ClaimRow> for Claim {
    fn from(row: migtrack_store::ClaimRow) -> Self {
        let claim = row.claim;
        Claim {
            id: row.id,
            speaker: claim.speaker,
            text: claim.text,
            evidence: claim.evidence,
            span: claim.span.into(),
            evidence_span: claim.evidence_span.map(Span::from),
            rule: claim.rule,
            provenance: row.provenance.into(),
            review: row.review.map(Review::from),
        }
    }
}

/// A quantity that carries policy information, with its provenance.
#[derive(Debug, Serialize, ToSchema)]
pub struct Figure {
    pub id: i64,
    pub text: String,
    /// "60 million" is 60000000, "30 percent" 30, "one in five" 0.2.
    pub value: f64,
    /// `people`, `usd`, `eur`, `gbp`, `percent`, `ratio`, …; absent for a bare count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What it counts ("refugees"), when the text says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
    /// `exact`, `at_least`, `at_most`, `about`, `range`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
    pub span: Span,
    pub rule: String,
    pub provenance: Provenance,
}

impl From<migtrack_store::FigureRow> for Figure {
    fn from(row: migtrack_store::FigureRow) -> Self {
        let figure = row.figure;
        Figure {
            id: row.id,
            text: figure.text,
            value: figure.value,
            unit: figure.unit,
            counts: figure.counts,
            bound: figure.bound,
            span: figure.span.into(),
            rule: figure.rule,
            provenance: row.provenance.into(),
        }
    }
}

/// A date mention with its normalised value and provenance.
#[derive(Debug, Serialize, ToSchema)]
pub struct DateMention {
    pub id: i64,
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www`, `YYYY-Qn`, `FY2026` or `1970s`; null when
    /// the expression is relative and the document has no publication date.
    #[schema(required)]
    pub value: Option<String>,
    pub span: Span,
    pub rule: String,
    pub provenance: Provenance,
}

impl From<migtrack_store::DateRow> for DateMention {
    fn from(row: migtrack_store::DateRow) -> Self {
        let date = row.date;
        DateMention {
            id: row.id,
            text: date.text,
            value: date.value,
            span: date.span.into(),
            rule: date.rule,
            provenance: row.provenance.into(),
        }
    }
}

/// Events from several documents that report the same thing.
#[derive(Debug, Serialize, ToSchema)]
pub struct Fact {
    pub id: i64,
    pub actor: String,
    #[schema(value_type = ActionName)]
    pub action: Action,
    pub target: String,
    /// The most precise date the sources agree on, if any.
    #[schema(required)]
    pub date: Option<String>,
    #[schema(value_type = ModalityName)]
    pub modality: Modality,
    /// Independent sources: distinct stories (near-duplicate copies count once).
    pub source_count: usize,
    pub document_count: usize,
    pub outlets: Vec<String>,
    #[schema(required)]
    pub first_reported: Option<NaiveDate>,
    #[schema(required)]
    pub latest_reported: Option<NaiveDate>,
    /// How many events the fact merges.
    pub event_count: usize,
    /// The first 20 of those events' ids, in order of report (all of them, with their
    /// provenance, are in `GET /api/facts/{id}`).
    pub event_ids: Vec<i64>,
    /// Why another fact contradicts this one ("two dates: 2017-12-01, 2017-12-02").
    pub contradictions: Vec<String>,
}

impl From<migtrack_model::Fact> for Fact {
    fn from(fact: migtrack_model::Fact) -> Self {
        let mut event_ids = fact.event_ids;
        let event_count = event_ids.len();
        event_ids.truncate(FACT_EVENT_IDS);
        Fact {
            id: fact.id,
            actor: fact.actor,
            action: fact.action,
            target: fact.target,
            date: fact.date,
            modality: fact.modality,
            source_count: fact.source_count,
            document_count: fact.document_count,
            outlets: fact.outlets,
            first_reported: fact.first_reported,
            latest_reported: fact.latest_reported,
            event_count,
            event_ids,
            contradictions: fact.contradictions,
        }
    }
}

/// One fact with every event merged into it, each with the document and span it came from.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactDetail {
    #[serde(flatten)]
    pub fact: Fact,
    pub events: Vec<Event>,
}

/// A fact placed on the time axis.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineItem {
    /// The fact's id (also `id`).
    pub fact_id: i64,
    /// Where the item is drawn: the first day of the fact's date, else the day it was first
    /// reported.
    #[schema(required)]
    pub day: Option<NaiveDate>,
    /// `true` when `day` is the report day because the fact has no usable date.
    pub reported_only: bool,
    #[serde(flatten)]
    pub fact: Fact,
}

impl From<migtrack_model::Fact> for TimelineItem {
    fn from(fact: migtrack_model::Fact) -> Self {
        let placed = crate::views::place(&fact);
        TimelineItem {
            fact_id: fact.id,
            day: placed.day,
            reported_only: placed.reported_only,
            fact: fact.into(),
        }
    }
}

/// One cell of the state × framework table.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusCell {
    pub state: String,
    pub framework: String,
    /// joined, endorsed, withdrew, rejected, boycotted.
    pub status: String,
    #[schema(required)]
    pub date: Option<String>,
    /// The fact behind the cell (`GET /api/facts/{id}` gives its sources).
    pub fact_id: i64,
    pub source_count: usize,
    pub sources: Vec<String>,
}

impl From<migtrack_model::StatusCell> for StatusCell {
    fn from(cell: migtrack_model::StatusCell) -> Self {
        StatusCell {
            state: cell.state,
            framework: cell.framework,
            status: cell.status,
            date: cell.date,
            fact_id: cell.fact_id,
            source_count: cell.source_count,
            sources: cell.sources,
        }
    }
}

/// The state × framework table as it stood on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusTable {
    pub at: NaiveDate,
    /// Row labels: every state with at least one cell, sorted.
    pub states: Vec<String>,
    /// Column labels: every framework with at least one cell, sorted.
    pub frameworks: Vec<String>,
    pub items: Vec<StatusCell>,
}

/// A document as listed (no text).
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentSummary {
    pub id: i64,
    /// The input as given at ingest.
    pub source: String,
    /// What to show people for the document: its outlet, else its title, else the end of its
    /// source.
    pub label: String,
    #[schema(required)]
    pub url: Option<String>,
    #[schema(required)]
    pub title: Option<String>,
    #[schema(required)]
    pub outlet: Option<String>,
    #[schema(required)]
    pub published: Option<NaiveDate>,
    #[schema(required)]
    pub lang: Option<String>,
    /// The near-duplicate group the document belongs to.
    pub story_id: i64,
    pub event_count: usize,
    pub quote_count: usize,
}

impl From<migtrack_store::DocumentSummary> for DocumentSummary {
    fn from(summary: migtrack_store::DocumentSummary) -> Self {
        DocumentSummary {
            id: summary.id,
            source: summary.source,
            label: summary.label,
            url: summary.url,
            title: summary.title,
            outlet: summary.outlet,
            published: summary.published,
            lang: summary.lang,
            story_id: summary.story_id,
            event_count: summary.event_count,
            quote_count: summary.quote_count,
        }
    }
}

/// A document's cleaned text and every record with its span.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentView {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    #[schema(required)]
    pub byline: Option<String>,
    /// The cleaned text every span points into.
    pub text: String,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub dates: Vec<DateMention>,
    pub figures: Vec<Figure>,
    pub claims: Vec<Claim>,
}

fn all<Row, Wire: From<Row>>(rows: Vec<Row>) -> Vec<Wire> {
    rows.into_iter().map(Wire::from).collect()
}

impl From<migtrack_store::DocumentView> for DocumentView {
    fn from(view: migtrack_store::DocumentView) -> Self {
        DocumentView {
            summary: view.summary.into(),
            byline: view.byline,
            text: view.text,
            events: all(view.events),
            quotes: all(view.quotes),
            dates: all(view.dates),
            figures: all(view.figures),
            claims: all(view.claims),
        }
    }
}

/// A document that holds every word of the query.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    pub doc_id: i64,
    #[schema(required)]
    pub title: Option<String>,
    pub source: String,
    /// What to show people for the document.
    pub label: String,
    #[schema(required)]
    pub outlet: Option<String>,
    #[schema(required)]
    pub published: Option<NaiveDate>,
    /// A short excerpt with the matches (plain text; escape it to show it).
    pub snippet: String,
    /// The matched words in `snippet`, as byte spans.
    pub highlights: Vec<Span>,
}

impl From<migtrack_store::SearchHit> for SearchHit {
    fn from(hit: migtrack_store::SearchHit) -> Self {
        SearchHit {
            doc_id: hit.doc_id,
            title: hit.title,
            source: hit.source,
            label: hit.label,
            outlet: hit.outlet,
            published: hit.published,
            snippet: hit.snippet,
            highlights: all(hit.highlights),
        }
    }
}

/// A quote speaker resolved across documents ("Haley" = "Nikki Haley").
#[derive(Debug, Serialize, ToSchema)]
pub struct Speaker {
    /// The fullest name seen.
    pub name: String,
    /// Every way the articles name them ("Haley", "Nikki Haley", "Ms. Haley").
    pub variants: Vec<String>,
    pub roles: Vec<String>,
    /// States or bodies the speaker acts for.
    pub entities: Vec<String>,
    /// Quotes attributed to them.
    pub quotes: usize,
    /// A person (a name) rather than a body, a document or a role ("the cable", "officials").
    pub is_person: bool,
}

impl From<migtrack_pipeline::people::Speaker> for Speaker {
    fn from(speaker: migtrack_pipeline::people::Speaker) -> Self {
        Speaker {
            name: speaker.name,
            variants: speaker.variants,
            roles: speaker.roles,
            entities: speaker.entities,
            quotes: speaker.quotes,
            is_person: speaker.is_person,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SpeakerList {
    pub items: Vec<Speaker>,
}

/// An outlet or a language with the number of stored documents that have it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Facet {
    pub name: String,
    pub documents: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Facets {
    pub outlets: Vec<Facet>,
    pub languages: Vec<Facet>,
}

/// How many of each thing the store holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct Counts {
    pub documents: usize,
    /// Near-duplicate groups.
    pub stories: usize,
    pub events: usize,
    pub quotes: usize,
    pub dates: usize,
    pub figures: usize,
    pub claims: usize,
    pub facts: usize,
}

impl From<migtrack_store::Counts> for Counts {
    fn from(counts: migtrack_store::Counts) -> Self {
        Counts {
            documents: counts.documents,
            stories: counts.stories,
            events: counts.events,
            quotes: counts.quotes,
            dates: counts.dates,
            figures: counts.figures,
            claims: counts.claims,
            facts: counts.facts,
        }
    }
}

/// The server is up and the store answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    pub status: &'static str,
    pub version: &'static str,
    /// Whether `POST` can succeed (a token was given at start).
    pub writes_enabled: bool,
    pub counts: Counts,
}

/// One posted document: exactly one of `text` or `html`, plus optional metadata.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostedDocument {
    pub text: Option<String>,
    pub html: Option<String>,
    /// Stable name of the input; defaults to `url`, else `api:<hash of the body>`.
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// ISO 639-1 code (`en`); guessed from the text when absent.
    pub lang: Option<String>,
}

/// A body of `POST /api/documents`: one document or an array of them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "only its schema is used: the body is read document by document, to name the bad one"
)]
pub enum PostedDocuments {
    One(PostedDocument),
    Many(Vec<PostedDocument>),
}

/// What became of one posted document.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Stored; `story_id` is the near-duplicate group it joined or founded.
    New {
        doc_id: i64,
        story_id: i64,
        joined_story: bool,
    },
    /// The same cleaned text was already stored as `doc_id`; nothing added.
    Duplicate { doc_id: i64 },
    /// The document could not be cleaned; the rest of the batch goes on.
    Error { message: String },
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeItem {
    /// The document's place in the posted array (0 for a single object).
    pub index: usize,
    pub source: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The answer to `POST /api/documents`: one item per posted document, and the totals.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostResult {
    pub items: Vec<OutcomeItem>,
    pub new: usize,
    pub duplicate: usize,
    pub error: usize,
}

/// A verdict on an event, quote or claim.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostedReview {
    /// `event`, `quote` or `claim`.
    pub kind: String,
    /// The record's id in its list.
    pub id: i64,
    /// `rejected` or `confirmed`.
    pub verdict: String,
    /// At most 2000 bytes.
    pub note: Option<String>,
}

/// The review as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewResult {
    #[schema(value_type = ReviewKindName)]
    pub kind: ReviewKind,
    pub id: i64,
    #[serde(flatten)]
    pub review: Review,
}

/// One id a name could mean, listed in an `ambiguous_name` error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Candidate {
    pub id: String,
    pub name: String,
}

/// Every failure: `{"error": {"code", "message"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    #[schema(value_type = ErrorCode)]
    pub code: &'static str,
    pub message: String,
    /// With `ambiguous_name`: the ids the name could mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<Candidate>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_carries_its_event_count_and_at_most_twenty_ids() {
        let fact = migtrack_model::Fact {
            id: 3,
            actor: "USA".into(),
            action: Action::Withdraw,
            target: "gcm".into(),
            date: None,
            modality: Modality::Asserted,
            source_count: 1,
            document_count: 1,
            outlets: vec![],
            first_reported: None,
            latest_reported: None,
            event_ids: (3..103).collect(),
            contradictions: vec![],
        };
        let wire = Fact::from(fact);
        assert_eq!(wire.event_count, 100);
        assert_eq!(wire.event_ids, (3..23).collect::<Vec<i64>>());
    }

    #[test]
    fn enum_schemas_list_the_names_the_values_serialise_to() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(ActionName::schema()).unwrap();
        let names: Vec<&str> = schema["enum"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|name| name.as_str())
            .collect();
        let expected: Vec<&str> = Action::ALL.iter().map(|action| action.as_str()).collect();
        assert_eq!(names, expected);
        let schema = serde_json::to_value(VerdictName::schema()).unwrap();
        assert_eq!(schema["enum"], serde_json::json!(["rejected", "confirmed"]));
    }
}
