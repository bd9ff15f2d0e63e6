//! The store: where documents, records, stories and facts live. Only this crate knows SQL.
//! [`Store`] is the interface; [`SqliteStore`] the embedded default backend, [`PgStore`] the
//! PostgreSQL one for many workers sharing one database.

use chrono::NaiveDate;
use migtrack_model::Span;
use serde::{Deserialize, Serialize};

mod pg;
mod run_filter;
mod shared;
mod sqlite;

pub use pg::{PG_SCHEMA_VERSION, PgStore, UNIT_LOCK_SLOTS, is_postgres_url, redact_url};
pub use shared::MAX_SIGNATURE_READS;
pub use sqlite::{MAX_PAGE, SCHEMA_VERSION, SqliteStore, StoryMatch, StorySummary};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database error: {}", postgres_message(.0))]
    Postgres(#[from] ::postgres::Error),
    #[error("database {path}: {message}")]
    Open { path: String, message: String },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("the store is read-only")]
    ReadOnly,
    #[error("invalid query: {0}")]
    InvalidQuery(String),
}

/// A PostgreSQL error with the server's own message (the client's `Display` says only "db
/// error" for those).
fn postgres_message(error: &::postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => error.to_string(),
    }
}

/// Open, for reading and writing, the store a `--db` value names: a PostgreSQL database for a
/// `postgres://` or `postgresql://` URL ([`is_postgres_url`]), else a SQLite file (created if
/// missing). Either way the schema is brought up to date.
pub fn open_writable(db: &std::path::Path) -> Result<Box<dyn Store + Send>> {
    match db.to_str().filter(|db| is_postgres_url(db)) {
        Some(url) => Ok(Box::new(PgStore::open(url)?)),
        None => Ok(Box::new(SqliteStore::open(db)?)),
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One document ready to store: cleaned, hashed, signed and extracted by the pipeline
/// (`migtrack_pipeline::process` makes it).
pub use migtrack_model::Processed as NewDocument;

/// Search ranks at most this many matches: the most recently stored ones (highest document
/// ids). A query that matches fewer documents is ranked whole; one that matches more (a
/// common word: `the` matches every document) costs the same at 10k documents as at 1M, and
/// its pages end after these. Ranking every match took 208 ms for `the` at 200k documents.
/// (SQLite's bm25 still counts every match of each phrase, so a query matching most
/// documents is ordered newest first there: see [`Store::search`].)
pub const SEARCH_CANDIDATES: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum PutOutcome {
    /// Stored; `story` is the near-duplicate group it joined or founded.
    New {
        doc_id: i64,
        story_id: i64,
        joined_story: bool,
    },
    /// The same cleaned text was already stored as `doc_id`; nothing added.
    Duplicate { doc_id: i64 },
}

impl PutOutcome {
    /// The id of the document when this put stored it, `None` for a duplicate.
    pub fn new_doc_id(&self) -> Option<i64> {
        match self {
            PutOutcome::New { doc_id, .. } => Some(*doc_id),
            PutOutcome::Duplicate { .. } => None,
        }
    }
}

/// Paging: `limit` rows after `cursor` (an opaque row id from the previous page's `next`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub limit: usize,
    pub cursor: Option<i64>,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: 100,
            cursor: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Cursor for the next page, `None` at the end.
    pub next: Option<i64>,
}

/// How an event filter names an actor or a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// Exactly this stored value: an entity id the caller resolved a name to (`USA`, `gcm`).
    Exact(String),
    /// The stored value is this, or contains it in any case: free words ("Conservative Party").
    Contains(String),
}

impl Term {
    /// The value and whether it must match exactly.
    pub fn parts(&self) -> (&str, bool) {
        match self {
            Term::Exact(value) => (value, true),
            Term::Contains(value) => (value, false),
        }
    }
}

/// Words, matched as contained (what a bare string always meant).
impl From<&str> for Term {
    fn from(value: &str) -> Self {
        Term::Contains(value.to_string())
    }
}

impl From<String> for Term {
    fn from(value: String) -> Self {
        Term::Contains(value)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    pub actor: Option<Term>,
    pub action: Option<String>,
    pub target: Option<Term>,
    /// Inclusive bounds on the event date (as text, compared on its leading `YYYY[-MM[-DD]]`).
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub doc_id: Option<i64>,
    /// Only events (facts: with an event) from documents of this outlet (any case).
    #[serde(default)]
    pub outlet: Option<String>,
    /// Only events (facts: with an event) from documents in this language (`en`).
    #[serde(default)]
    pub lang: Option<String>,
    /// Events: also those an analyst rejected (left out by default).
    #[serde(default)]
    pub include_rejected: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFilter {
    /// Quotes and claims: speaker contains (case-insensitive).
    pub speaker: Option<String>,
    /// Free text contained in the record text.
    pub text: Option<String>,
    pub doc_id: Option<i64>,
    /// The document's outlet (any case), language, and inclusive bounds on its published day
    /// (an undated document is outside any bound).
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub since: Option<NaiveDate>,
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Quotes and claims: also those an analyst rejected (left out by default).
    #[serde(default)]
    pub include_rejected: bool,
}

/// Which documents a listing shows: outlet (any case), language, published-day bounds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFilter {
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// The record kinds an analyst can review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    Event,
    Quote,
    Claim,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 3] = [ReviewKind::Event, ReviewKind::Quote, ReviewKind::Claim];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Event => "event",
            ReviewKind::Quote => "quote",
            ReviewKind::Claim => "claim",
        }
    }

    pub fn parse(name: &str) -> Option<ReviewKind> {
        let name = name.trim().to_ascii_lowercase();
        let name = name.strip_suffix('s').unwrap_or(&name);
        ReviewKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// An analyst's verdict on a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The record is wrong: it leaves lists, the timeline and the status table.
    Rejected,
    /// The record was checked against its sentence and is right.
    Confirmed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Rejected => "rejected",
            Verdict::Confirmed => "confirmed",
        }
    }

    pub fn parse(name: &str) -> Option<Verdict> {
        match name.trim().to_ascii_lowercase().as_str() {
            "rejected" | "reject" => Some(Verdict::Rejected),
            "confirmed" | "confirm" => Some(Verdict::Confirmed),
            _ => None,
        }
    }
}

/// A review as stored: keyed on the record's content (document content hash, kind, span and
/// fields), never on its row id, so it holds across re-ingest and re-link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub verdict: Verdict,
    pub note: Option<String>,
    /// UTC time of the review, `YYYY-MM-DDTHH:MM:SSZ`.
    pub reviewed_at: String,
}

/// Where a record came from: enough to show and link to the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub doc_id: i64,
    /// The input as given at ingest (a path, `manifest:line`, a URL).
    pub source: String,
    /// What to show people for the document: see [`label`].
    #[serde(default)]
    pub label: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub story_id: i64,
    pub span: Span,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: i64,
    #[serde(flatten)]
    pub event: migtrack_model::Event,
    pub provenance: Provenance,
    /// The sentence the event came from.
    pub sentence_text: String,
    /// An analyst's verdict, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub id: i64,
    #[serde(flatten)]
    pub quote: migtrack_model::Quote,
    pub provenance: Provenance,
    /// An analyst's verdict, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRow {
    pub id: i64,
    #[serde(flatten)]
    pub date: migtrack_model::DateMention,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRow {
    pub id: i64,
    #[serde(flatten)]
    pub figure: migtrack_model::Figure,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub id: i64,
    #[serde(flatten)]
    pub claim: migtrack_model::Claim,
    pub provenance: Provenance,
    /// An analyst's verdict, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// A document as listed (no text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: i64,
    pub source: String,
    /// What to show people for the document: see [`label`].
    #[serde(default)]
    pub label: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
    pub story_id: i64,
    pub event_count: usize,
    pub quote_count: usize,
}

/// A document with its cleaned text and every record with its span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub byline: Option<String>,
    pub text: String,
    pub events: Vec<EventRow>,
    pub quotes: Vec<QuoteRow>,
    pub dates: Vec<DateRow>,
    pub figures: Vec<FigureRow>,
    pub claims: Vec<ClaimRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub doc_id: i64,
    pub title: Option<String>,
    pub source: String,
    /// What to show people for the document: see [`label`].
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// A short excerpt with the matches (plain text; the caller escapes it).
    pub snippet: String,
    /// The matched words in `snippet`, as byte spans.
    #[serde(default)]
    pub highlights: Vec<Span>,
}

pub use migtrack_model::{EventRef, Fact, LinkUnit, SpeakerMention, StatusCell};

/// What people see for a document in lists, never a long file path: its outlet, else its
/// title, else the end of its source (`news/a.txt` for `/home/me/corpus/news/a.txt`,
/// `index.jsonl:3` for an inline manifest line). The whole source stays in `source`.
pub fn label(outlet: Option<&str>, title: Option<&str>, source: &str) -> String {
    [outlet, title]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|value| !value.is_empty())
        .map_or_else(|| short_source(source), str::to_string)
}

/// A URL or a relative path as it is; an absolute path's last two parts.
fn short_source(source: &str) -> String {
    let absolute = source.starts_with('/')
        || source.starts_with('\\')
        || source.as_bytes().get(1..3) == Some(b":\\".as_slice());
    if !absolute {
        return source.to_string();
    }
    let parts: Vec<&str> = source
        .split(['/', '\\'])
        .filter(|part| !part.is_empty())
        .collect();
    parts[parts.len().saturating_sub(2)..].join("/")
}

#[cfg(test)]
mod label_tests {
    use super::label;

    #[test]
    fn a_document_is_shown_by_outlet_then_title_then_the_end_of_its_path() {
        let path = "/tmp/.tmpAb12/corpus/news/a.txt";
        assert_eq!(label(Some("Reuters"), Some("Title"), path), "Reuters");
        assert_eq!(label(None, Some("Title"), path), "Title");
        assert_eq!(label(Some(" "), None, path), "news/a.txt");
        assert_eq!(label(None, None, "/a.txt"), "a.txt");
        assert_eq!(label(None, None, "/abs/index.jsonl:3"), "abs/index.jsonl:3");
        assert_eq!(label(None, None, "news/bbc/a.txt"), "news/bbc/a.txt");
        assert_eq!(
            label(None, None, "https://example.org/a"),
            "https://example.org/a"
        );
        assert_eq!(
            label(None, None, "C:\\Users\\me\\news\\a.txt"),
            "news/a.txt"
        );
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub documents: usize,
    pub stories: usize,
    pub events: usize,
    pub quotes: usize,
    pub dates: usize,
    pub figures: usize,
    pub claims: usize,
    pub facts: usize,
}

/// Everything migtrack asks of a database. SQLite implements it; PostgreSQL can follow.
pub trait Store {
    /// Store a batch of documents in one transaction; exact duplicates are not stored again.
    fn put_batch(&mut self, docs: &[NewDocument]) -> Result<Vec<PutOutcome>>;
    /// Start a bulk load: the batches [`Store::put_batch`] stores until
    /// [`Store::commit_bulk`] may share one transaction (each batch still stored or rolled
    /// back whole; a failed batch may take the batches before it in that transaction with it,
    /// as a crash would), so pages every batch changes are written once. The default does nothing:
    /// each batch is its own transaction.
    fn begin_bulk(&mut self) -> Result<()> {
        Ok(())
    }
    /// Commit what [`Store::begin_bulk`] opened (nothing to do without it).
    fn commit_bulk(&mut self) -> Result<()> {
        Ok(())
    }
    fn counts(&self) -> Result<Counts>;
    /// [`Counts::facts`] alone: what an ingest reports at its end. [`Store::counts`] counts
    /// every table, a pass over each that grows with the store (about 10 ms of a 10-document
    /// ingest into 50k documents); facts are few.
    fn fact_count(&self) -> Result<usize> {
        Ok(self.counts()?.facts)
    }

    fn events(&self, filter: &EventFilter, page: Page) -> Result<Paged<EventRow>>;
    fn quotes(&self, filter: &RecordFilter, page: Page) -> Result<Paged<QuoteRow>>;
    fn dates(&self, filter: &RecordFilter, page: Page) -> Result<Paged<DateRow>>;
    fn figures(&self, filter: &RecordFilter, page: Page) -> Result<Paged<FigureRow>>;
    fn claims(&self, filter: &RecordFilter, page: Page) -> Result<Paged<ClaimRow>>;

    fn documents(&self, page: Page) -> Result<Paged<DocumentSummary>> {
        self.documents_where(&DocumentFilter::default(), page)
    }
    /// Documents of an outlet, a language, a published period.
    fn documents_where(
        &self,
        filter: &DocumentFilter,
        page: Page,
    ) -> Result<Paged<DocumentSummary>>;
    fn document(&self, id: i64) -> Result<DocumentView>;
    /// Find a document by id or by its source as given at ingest.
    fn find_document(&self, id_or_source: &str) -> Result<DocumentView>;
    /// Full-text search for documents holding every word of `query`. The text is terms, never
    /// a backend's query syntax, so any non-empty text is a valid query; three forms keep a
    /// meaning: `"exact phrase"`, `prefix*` and an upper-case `OR` between two terms. Only an
    /// empty query is [`StoreError::InvalidQuery`]. Ranked by relevance among the
    /// [`SEARCH_CANDIDATES`] most recently stored matches, which the pages cover; the cursor is
    /// opaque. In SQLite a query without `OR` whose newest matches are most of the newest
    /// documents (the window full within fewer than twice as many ids: `the`) comes newest
    /// first instead, its words weighing nothing in bm25.
    fn search(&self, query: &str, page: Page) -> Result<Paged<SearchHit>>;

    /// Every quote's speaker, role and entity (one row per quote with a speaker), for resolving
    /// speakers across documents.
    fn speaker_mentions(&self) -> Result<Vec<SpeakerMention>>;

    /// The distinct (speaker, role, entity) of the quotes with a speaker, each with its number
    /// of quotes: what [`Store::speaker_mentions`] gives, counted, and kept up to date as quotes
    /// are stored, so reading it does not pass over every quote.
    fn speaker_counts(&self) -> Result<Vec<(SpeakerMention, usize)>>;
    /// The asserted facts whose action is one of `actions` (and whose actor and target match
    /// the filter's; its other fields are not read), in id order, without their event ids and
    /// contradiction notes (an indexed lookup that leaves the notes unread): what the status
    /// table is made of.
    fn asserted_facts(
        &self,
        filter: &EventFilter,
        actions: &[migtrack_model::Action],
    ) -> Result<Vec<Fact>>;

    /// All events, for the link stage.
    fn event_refs(&self) -> Result<Vec<EventRef>>;
    /// Replace the stored facts with a freshly linked set, in one transaction. A fact's id is
    /// kept when positive (the link stage numbers facts and its contradiction notes name
    /// them); an id of 0 gets a fresh one.
    fn replace_facts(&mut self, facts: &[Fact]) -> Result<()>;
    /// The link units the events of these documents fall in (rejected events' too: linking
    /// a unit more is harmless), sorted. What an incremental link relinks after storing them.
    fn link_units(&self, doc_ids: &[i64]) -> Result<Vec<LinkUnit>>;
    /// Every link unit with stored events or facts, sorted, at most `limit` after `after`: a
    /// full relink walks them a batch at a time ([`Store::unit_event_refs`], link,
    /// [`Store::replace_unit_facts`]), so it never holds every event. The default,
    /// [`link_units_after_reading_all`], reads every event and fact; a backend answers it from
    /// its unit indexes.
    fn link_units_after(&self, after: Option<&LinkUnit>, limit: usize) -> Result<Vec<LinkUnit>> {
        link_units_after_reading_all(self, after, limit)
    }
    /// The events of these link units (rejected ones left out), in event order: what the link
    /// stage reads to relink just those units.
    fn unit_event_refs(&self, units: &[LinkUnit]) -> Result<Vec<EventRef>>;
    /// Make the stored facts of these link units exactly `facts` (the link of
    /// [`Store::unit_event_refs`] of the same units), in one transaction, writing only what
    /// changed; facts of other units are not touched. Fact ids are kept as given.
    fn replace_unit_facts(&mut self, units: &[LinkUnit], facts: &[Fact]) -> Result<()>;
    /// Whether the stored facts lag behind the stored events: some event belongs to no fact.
    /// The link stage puts every event into one fact, so this holds when a batch was stored
    /// and its process ended (a crash, a kill) before it linked, or while another process is
    /// between its batches and its link. Whoever opens the store then links again.
    fn facts_stale(&self) -> Result<bool>;
    fn facts(&self, filter: &EventFilter, page: Page) -> Result<Paged<Fact>>;
    fn fact(&self, id: i64) -> Result<Fact>;

    /// Record (or replace) an analyst's verdict on the event, quote or claim with row id `id`.
    /// The review is stored against the record's content, so it still applies after the
    /// record's row id changes. A rejected event leaves [`Store::event_refs`], so the next link
    /// leaves it out of facts, the timeline and the status table; the caller links again.
    fn review(
        &mut self,
        kind: ReviewKind,
        id: i64,
        verdict: Verdict,
        note: Option<&str>,
    ) -> Result<Review>;
}

/// [`Store::link_units_after`] from what every store answers: the units of every event (rejected
/// ones' too) and of every fact, sorted. Correct, but it reads them all at each call: the
/// default for a backend without unit indexes, and what the SQLite store's answer is checked
/// against.
pub fn link_units_after_reading_all<S: Store + ?Sized>(
    store: &S,
    after: Option<&LinkUnit>,
    limit: usize,
) -> Result<Vec<LinkUnit>> {
    let mut units = std::collections::BTreeSet::new();
    let events = EventFilter {
        include_rejected: true,
        ..EventFilter::default()
    };
    let mut page = Page {
        limit: sqlite::MAX_PAGE,
        cursor: None,
    };
    loop {
        let rows = store.events(&events, page)?;
        units.extend(
            rows.items
                .iter()
                .map(|row| LinkUnit::of(&row.event.actor, &row.event.target)),
        );
        match rows.next {
            Some(next) => page.cursor = Some(next),
            None => break,
        }
    }
    page.cursor = None;
    loop {
        let facts = store.facts(&EventFilter::default(), page)?;
        units.extend(
            facts
                .items
                .iter()
                .map(|fact| LinkUnit::of(&fact.actor, &fact.target)),
        );
        match facts.next {
            Some(next) => page.cursor = Some(next),
            None => break,
        }
    }
    Ok(units
        .into_iter()
        .filter(|unit| after.is_none_or(|after| unit > after))
        .take(limit)
        .collect())
}
