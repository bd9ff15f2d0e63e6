//! What both stores (SQLite and PostgreSQL) do the same way: paging, filters parsed from text,
//! date and signature encodings, search snippets, the SQL both dialects write alike, and the
//! mapping of result rows to the model's types ([`StoredRow`]).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use migtrack_model::{
    Action, Claim, DateMention, DateOrigin, Event, Evidence, Figure, Modality, Quote, Span,
};

use crate::sqlite::StoryMatch;
use crate::{
    ClaimRow, DateRow, DocumentSummary, EventRef, EventRow, Fact, FigureRow, MAX_PAGE, Page, Paged,
    Provenance, QuoteRow, Result, Review, ReviewKind, StoreError, Verdict,
};

pub(crate) fn decode_signature(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|chunk| {
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            u64::from_le_bytes(word)
        })
        .collect()
}

pub(crate) fn encode_signature(signature: &[u64]) -> Vec<u8> {
    signature
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect()
}

pub(crate) fn from_vec_paged<T>(mut items: Vec<T>, limit: i64, id: impl Fn(&T) -> i64) -> Paged<T> {
    let limit = usize::try_from(limit).unwrap_or(MAX_PAGE);
    let next = if items.len() > limit {
        items.truncate(limit);
        items.last().map(&id)
    } else {
        None
    };
    Paged { items, next }
}

/// `(cursor, limit)` for SQL from a [`Page`]: limit clamped to [`MAX_PAGE`], zero refused.
pub(crate) fn page_bounds(page: Page) -> Result<(i64, i64)> {
    if page.limit == 0 {
        return Err(StoreError::InvalidQuery(
            "page limit must be at least 1".into(),
        ));
    }
    let limit = page.limit.min(MAX_PAGE) as i64;
    Ok((page.cursor.unwrap_or(0), limit))
}

pub(crate) fn parse_action_filter(action: Option<&str>) -> Result<Option<Action>> {
    match action {
        None => Ok(None),
        Some(name) => Action::parse(name).map(Some).ok_or_else(|| {
            let known: Vec<&str> = Action::ALL.iter().map(Action::as_str).collect();
            StoreError::InvalidQuery(format!(
                "unknown action {name:?} (known: {})",
                known.join(", ")
            ))
        }),
    }
}

pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn date_origin_name(origin: DateOrigin) -> &'static str {
    origin.into()
}

/// The marks a backend's snippet function puts around matches (private-use characters no text
/// has): FTS5's `snippet` in SQLite, `ts_headline` in PostgreSQL.
pub(crate) const MARK_START: char = '\u{E000}';
pub(crate) const MARK_END: char = '\u{E001}';

/// A snippet with the matches between [`MARK_START`] and [`MARK_END`]: the plain text and the
/// byte spans of the matches in it (a stray marker is dropped).
pub(crate) fn marked_snippet(marked: &str) -> (String, Vec<Span>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            MARK_START => open = Some(text.len()),
            MARK_END => {
                if let Some(start) = open.take()
                    && start < text.len()
                {
                    spans.push(Span::new(start, text.len()));
                }
            }
            other => text.push(other),
        }
    }
    (text, spans)
}

// ---- facts -------------------------------------------------------------------------------

/// One write that brings a link unit's stored facts to the linked ones.
pub(crate) enum FactWrite<'a> {
    /// A fact not stored yet.
    Insert(&'a Fact),
    /// A stored fact whose row or events changed: its row, and the event ids to remove and to
    /// add (each in id order).
    Update {
        fact: &'a Fact,
        removed: Vec<i64>,
        added: Vec<i64>,
    },
}

/// What makes the `stored` facts of some link units (with their events) exactly `facts`,
/// writing only what differs: a fact whose row and events are unchanged is not touched, a
/// changed one is updated in place (its events added and removed one by one), a new one
/// inserted, in the order of `facts`; last, the ids of the stored facts no longer linked, to
/// delete.
pub(crate) fn fact_writes(
    mut stored: HashMap<i64, Fact>,
    facts: &[Fact],
) -> (Vec<FactWrite<'_>>, Vec<i64>) {
    let mut writes = Vec::new();
    for fact in facts {
        let Some(old) = stored.remove(&fact.id) else {
            writes.push(FactWrite::Insert(fact));
            continue;
        };
        if &old == fact {
            continue;
        }
        let before: BTreeSet<i64> = old.event_ids.iter().copied().collect();
        let after: BTreeSet<i64> = fact.event_ids.iter().copied().collect();
        writes.push(FactWrite::Update {
            fact,
            removed: before.difference(&after).copied().collect(),
            added: after.difference(&before).copied().collect(),
        });
    }
    (writes, stored.into_keys().collect())
}

// ---- near duplicates -------------------------------------------------------------------------

/// Near-duplicate candidates whose stored signature is read per new document, at most: the
/// candidates sharing the most band keys with it (see `candidates_to_read`). A bound on the
/// work of one insert that does not grow with the store: in the scale benchmark's corpus the
/// documents sharing some band key with a new one grow with the store (0.8 a document at
/// 6.6k, 24.6 at 200k, about 120 expected at 1M), each a random page of the documents table.
pub const MAX_SIGNATURE_READS: usize = 16;

/// The candidates (document ids, ascending) whose signatures are read and compared for a new
/// document, from the ids stored under each of its distinct band keys (`per_band`, one list a
/// key; an id twice in one list counts once): the [`MAX_SIGNATURE_READS`] documents that share
/// the most band keys with it, the lower id first among equals. All of them while there are
/// no more than that, so a store where few documents share band keys examines every candidate,
/// as before. When there are more, the ones left out share no more band keys than the last one
/// kept: with 32 bands of 4 rows, k shared bands estimate a Jaccard similarity of about
/// (k/32)^(1/4) (one band: 0.42, two: 0.50, four: 0.59), so the candidates most likely to
/// pass the threshold are read first; a near duplicate sharing a single band with the new
/// document can be missed when more than [`MAX_SIGNATURE_READS`] earlier documents share a
/// band with it too.
pub(crate) fn candidates_to_read<'a>(per_band: impl IntoIterator<Item = &'a [i64]>) -> Vec<i64> {
    let mut shared: HashMap<i64, usize> = HashMap::new();
    for ids in per_band {
        let distinct: BTreeSet<i64> = ids.iter().copied().collect();
        for id in distinct {
            *shared.entry(id).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, i64)> = shared.into_iter().map(|(id, count)| (count, id)).collect();
    if ranked.len() > MAX_SIGNATURE_READS {
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(MAX_SIGNATURE_READS);
    }
    let mut ids: Vec<i64> = ranked.into_iter().map(|(_, id)| id).collect();
    ids.sort_unstable();
    ids
}

/// The story of the most similar candidate that `story_match` accepts for `signature`, from
/// the candidates' stored signatures and stories in id order (strictly greater keeps the
/// earliest on ties).
pub(crate) fn most_similar_story<E>(
    signature: &[u64],
    story_match: StoryMatch,
    candidates: impl IntoIterator<Item = std::result::Result<(Vec<u8>, i64), E>>,
) -> std::result::Result<Option<i64>, E> {
    let mut best: Option<(f64, i64)> = None;
    for candidate in candidates {
        let (stored, story_id) = candidate?;
        if let Some(similarity) = story_match(signature, &decode_signature(&stored))
            && best.is_none_or(|(best_similarity, _)| similarity > best_similarity)
        {
            best = Some((similarity, story_id));
        }
    }
    Ok(best.map(|(_, story_id)| story_id))
}

// ---- search text ---------------------------------------------------------------------------

/// One term of a search text: a phrase of words, or a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SearchTerm {
    Phrase(String),
    Prefix(String),
}

/// A user's search text as terms, grouped by an upper-case `OR` (the groups are
/// alternatives, the terms of a group all required), as both stores read it: `"exact phrase"`
/// (an unclosed quote running to the end), `prefix*`, `a OR b`; a term with no letter or digit
/// dropped, and any other syntax read as words. Empty when nothing is left.
pub(crate) fn search_groups(text: &str) -> Vec<Vec<SearchTerm>> {
    enum Item {
        Term(SearchTerm),
        Or,
    }
    let meaningful = |text: &str| text.chars().any(char::is_alphanumeric);
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&first) = chars.peek() {
        if first.is_whitespace() {
            chars.next();
            continue;
        }
        if first == '"' {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            if meaningful(&phrase) {
                items.push(Item::Term(SearchTerm::Phrase(phrase)));
            }
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            word.push(c);
            chars.next();
        }
        if word == "OR" {
            items.push(Item::Or);
            continue;
        }
        let stem = word.trim_end_matches('*');
        if meaningful(stem) {
            items.push(Item::Term(if stem.len() < word.len() {
                SearchTerm::Prefix(stem.to_string())
            } else {
                SearchTerm::Phrase(stem.to_string())
            }));
        }
    }
    let mut groups: Vec<Vec<SearchTerm>> = Vec::new();
    let mut pending_or = false;
    for item in items {
        match item {
            Item::Or => pending_or = !groups.is_empty(),
            Item::Term(term) => {
                match groups.last_mut() {
                    Some(group) if !pending_or => group.push(term),
                    _ => groups.push(vec![term]),
                }
                pending_or = false;
            }
        }
    }
    groups
}

// ---- SQL both dialects write alike ---------------------------------------------------------

/// The joined document's columns a record row carries for its [`Provenance`].
pub(crate) const PROVENANCE_COLUMNS: &str = "d.source AS doc_source, d.title AS doc_title, \
     d.outlet AS doc_outlet, d.published AS doc_published, d.story_id AS doc_story_id";

/// The columns [`document_summary`] reads, from `documents d`.
pub(crate) const DOCUMENT_SUMMARY_COLUMNS: &str = "d.id, d.source, d.url, d.title, d.outlet, \
     d.published, d.lang, d.story_id, \
     (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS event_count, \
     (SELECT COUNT(*) FROM quotes q WHERE q.doc_id = d.id) AS quote_count";

/// The review columns ([`get_review`]) of a record row joined with [`review_join`].
pub(crate) const REVIEW_COLUMNS: &str =
    "v.verdict AS review_verdict, v.note AS review_note, v.reviewed_at AS review_at";

/// The review of a record (`v.*`), joined by content: see `migrations/0002_reviews.sql`.
/// `unit_separator` is the dialect's expression for U+001F (`char(31)`, `chr(31)`).
pub(crate) fn review_join(kind: ReviewKind, alias: &str, unit_separator: &str) -> String {
    format!(
        "LEFT JOIN reviews v ON v.content_hash = d.content_hash AND v.kind = '{}' \
         AND v.span_start = {alias}.span_start AND v.span_end = {alias}.span_end \
         AND v.fields = {}",
        kind.as_str(),
        review_fields(kind, alias, unit_separator)
    )
}

/// The record fields a review is keyed on, joined by U+001F (`unit_separator`): the event's
/// actor, action, target, date and modality; the quote's speaker and text; the claim's speaker,
/// text and evidence.
pub(crate) fn review_fields(kind: ReviewKind, alias: &str, unit_separator: &str) -> String {
    let a = alias;
    let fields = match kind {
        ReviewKind::Event => vec![
            format!("{a}.actor"),
            format!("{a}.action"),
            format!("{a}.target"),
            format!("coalesce({a}.date, '')"),
            format!("{a}.modality"),
        ],
        ReviewKind::Quote => vec![format!("coalesce({a}.speaker, '')"), format!("{a}.text")],
        ReviewKind::Claim => vec![
            format!("coalesce({a}.speaker, '')"),
            format!("{a}.text"),
            format!("{a}.evidence"),
        ],
    };
    format!("({})", fields.join(&format!(" || {unit_separator} || ")))
}

// ---- row mapping ---------------------------------------------------------------------------

/// A value both drivers read from a column.
pub(crate) trait Column:
    rusqlite::types::FromSql + for<'a> postgres::types::FromSql<'a>
{
}

impl<T: rusqlite::types::FromSql + for<'a> postgres::types::FromSql<'a>> Column for T {}

/// A result row of either backend, read by column name: the mapping of rows to the model's
/// types below is written once for both. Each backend keeps its own error type and its own
/// message for a stored value it does not understand.
pub(crate) trait StoredRow {
    type Error;
    fn get<T: Column>(&self, column: &str) -> std::result::Result<T, Self::Error>;
    /// A non-negative integer column (SQLite reads it as `usize`; PostgreSQL's `bigint` is
    /// checked here).
    fn get_usize(&self, column: &str) -> std::result::Result<usize, Self::Error>;
    fn get_optional_usize(&self, column: &str) -> std::result::Result<Option<usize>, Self::Error>;
    /// The error for a stored value that does not parse.
    fn bad_value(column: &str, value: &str) -> Self::Error;
    /// The error for a stored date that does not parse (the SQLite store names no column).
    fn bad_date(column: &str, value: &str) -> Self::Error {
        Self::bad_value(column, value)
    }
}

type RowResult<T, R> = std::result::Result<T, <R as StoredRow>::Error>;

pub(crate) fn get_date<R: StoredRow>(row: &R, column: &str) -> RowResult<Option<NaiveDate>, R> {
    let text: Option<String> = row.get(column)?;
    text.map(|text| {
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| R::bad_date(column, &text))
    })
    .transpose()
}

/// A column holding a name the model parses (an action, modality, evidence).
fn get_parsed<R: StoredRow, T: std::str::FromStr>(row: &R, column: &str) -> RowResult<T, R> {
    let name: String = row.get(column)?;
    name.parse().map_err(|_| R::bad_value(column, &name))
}

fn get_action<R: StoredRow>(row: &R, column: &str) -> RowResult<Action, R> {
    let name: String = row.get(column)?;
    Action::parse(&name).ok_or_else(|| R::bad_value(column, &name))
}

fn get_span<R: StoredRow>(row: &R, start: &str, end: &str) -> RowResult<Span, R> {
    Ok(Span::new(row.get_usize(start)?, row.get_usize(end)?))
}

fn get_optional_span<R: StoredRow>(row: &R, start: &str, end: &str) -> RowResult<Option<Span>, R> {
    let start = row.get_optional_usize(start)?;
    let end = row.get_optional_usize(end)?;
    Ok(start.zip(end).map(|(start, end)| Span::new(start, end)))
}

fn json_strings<R: StoredRow>(row: &R, column: &str) -> RowResult<Vec<String>, R> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|_| R::bad_value(column, &text))
}

/// From the record's `rule` and the [`PROVENANCE_COLUMNS`].
fn provenance<R: StoredRow>(row: &R, span: Span) -> RowResult<Provenance, R> {
    let source: String = row.get("doc_source")?;
    let title: Option<String> = row.get("doc_title")?;
    let outlet: Option<String> = row.get("doc_outlet")?;
    Ok(Provenance {
        doc_id: row.get("doc_id")?,
        label: crate::label(outlet.as_deref(), title.as_deref(), &source),
        source,
        title,
        outlet,
        published: get_date(row, "doc_published")?,
        story_id: row.get("doc_story_id")?,
        span,
        rule: row.get("rule")?,
    })
}

/// The [`REVIEW_COLUMNS`] of a record row.
pub(crate) fn get_review<R: StoredRow>(row: &R) -> RowResult<Option<Review>, R> {
    let verdict: Option<String> = row.get("review_verdict")?;
    let Some(verdict) = verdict else {
        return Ok(None);
    };
    Ok(Some(Review {
        verdict: Verdict::parse(&verdict).ok_or_else(|| R::bad_value("verdict", &verdict))?,
        note: row.get("review_note")?,
        reviewed_at: row.get("review_at")?,
    }))
}

/// What every listed record row carries besides its own fields: its id, span, provenance and,
/// for the kinds an analyst reviews, the review.
pub(crate) struct Listed {
    id: i64,
    span: Span,
    provenance: Provenance,
    review: Option<Review>,
}

impl Listed {
    /// From a row of `r.*, PROVENANCE_COLUMNS` (and `REVIEW_COLUMNS` when `reviewed`).
    fn read<R: StoredRow>(row: &R, reviewed: bool) -> RowResult<Listed, R> {
        let span = get_span(row, "span_start", "span_end")?;
        Ok(Listed {
            id: row.get("id")?,
            span,
            provenance: provenance(row, span)?,
            review: if reviewed { get_review(row)? } else { None },
        })
    }
}

/// A listed record kind that lives in its own table (quotes, claims, dates, figures): its row
/// from the columns its table adds to [`Listed`]'s.
pub(crate) trait RecordRow: Sized {
    /// Quotes and claims: the kind analysts review (its rows carry [`REVIEW_COLUMNS`]).
    const REVIEWED: Option<ReviewKind>;
    fn from_row<R: StoredRow>(row: &R, listed: Listed) -> RowResult<Self, R>;
    fn id(&self) -> i64;
}

/// A row of `r.*, PROVENANCE_COLUMNS` (and `REVIEW_COLUMNS` for the reviewed kinds).
pub(crate) fn record_row<T: RecordRow, R: StoredRow>(row: &R) -> RowResult<T, R> {
    T::from_row(row, Listed::read(row, T::REVIEWED.is_some())?)
}

impl RecordRow for QuoteRow {
    const REVIEWED: Option<ReviewKind> = Some(ReviewKind::Quote);

    fn from_row<R: StoredRow>(row: &R, listed: Listed) -> RowResult<Self, R> {
        Ok(QuoteRow {
            id: listed.id,
            quote: Quote {
                speaker: row.get("speaker")?,
                role: row.get("role")?,
                speaker_entity: row.get("speaker_entity")?,
                text: row.get("text")?,
                direct: row.get("direct")?,
                span: listed.span,
                speaker_span: get_optional_span(row, "speaker_start", "speaker_end")?,
                rule: row.get("rule")?,
            },
            provenance: listed.provenance,
            review: listed.review,
        })
    }

    fn id(&self) -> i64 {
        self.id
    }
}

impl RecordRow for ClaimRow {
    const REVIEWED: Option<ReviewKind> = Some(ReviewKind::Claim);

    fn from_row<R: StoredRow>(row: &R, listed: Listed) -> RowResult<Self, R> {
        Ok(ClaimRow {
            id: listed.id,
            claim: Claim {
                speaker: row.get("speaker")?,
                text: row.get("text")?,
                evidence: get_parsed::<R, Evidence>(row, "evidence")?,
                span: listed.span,
                evidence_span: get_optional_span(row, "evidence_start", "evidence_end")?,
                rule: row.get("rule")?,
            },
            provenance: listed.provenance,
            review: listed.review,
        })
    }

    fn id(&self) -> i64 {
        self.id
    }
}

impl RecordRow for DateRow {
    const REVIEWED: Option<ReviewKind> = None;

    fn from_row<R: StoredRow>(row: &R, listed: Listed) -> RowResult<Self, R> {
        Ok(DateRow {
            id: listed.id,
            date: DateMention {
                text: row.get("text")?,
                value: row.get("value")?,
                span: listed.span,
                rule: row.get("rule")?,
            },
            provenance: listed.provenance,
        })
    }

    fn id(&self) -> i64 {
        self.id
    }
}

impl RecordRow for FigureRow {
    const REVIEWED: Option<ReviewKind> = None;

    fn from_row<R: StoredRow>(row: &R, listed: Listed) -> RowResult<Self, R> {
        Ok(FigureRow {
            id: listed.id,
            figure: Figure {
                text: row.get("text")?,
                value: row.get("value")?,
                unit: row.get("unit")?,
                counts: row.get("counts")?,
                bound: row.get("bound")?,
                span: listed.span,
                rule: row.get("rule")?,
            },
            provenance: listed.provenance,
        })
    }

    fn id(&self) -> i64 {
        self.id
    }
}

/// A row of `e.*, PROVENANCE_COLUMNS, REVIEW_COLUMNS` and the sentence's bytes.
pub(crate) fn event_row<R: StoredRow>(row: &R) -> RowResult<EventRow, R> {
    let listed = Listed::read(row, true)?;
    let sentence_bytes: Option<Vec<u8>> = row.get("sentence_bytes")?;
    let event = Event {
        actor: row.get("actor")?,
        action: get_action(row, "action")?,
        target: row.get("target")?,
        date: row.get("date")?,
        modality: get_parsed::<R, Modality>(row, "modality")?,
        agent: row.get("agent")?,
        cameo: row.get("cameo")?,
        plover: row.get("plover")?,
        span: listed.span,
        sentence: get_span(row, "sentence_start", "sentence_end")?,
        rule: row.get("rule")?,
    };
    Ok(EventRow {
        id: listed.id,
        provenance: listed.provenance,
        event,
        sentence_text: String::from_utf8_lossy(&sentence_bytes.unwrap_or_default()).into_owned(),
        review: listed.review,
    })
}

/// A row of [`DOCUMENT_SUMMARY_COLUMNS`].
pub(crate) fn document_summary<R: StoredRow>(row: &R) -> RowResult<DocumentSummary, R> {
    let source: String = row.get("source")?;
    let title: Option<String> = row.get("title")?;
    let outlet: Option<String> = row.get("outlet")?;
    Ok(DocumentSummary {
        id: row.get("id")?,
        label: crate::label(outlet.as_deref(), title.as_deref(), &source),
        source,
        url: row.get("url")?,
        title,
        outlet,
        published: get_date(row, "published")?,
        lang: row.get("lang")?,
        story_id: row.get("story_id")?,
        event_count: row.get_usize("event_count")?,
        quote_count: row.get_usize("quote_count")?,
    })
}

/// An event as the link stage reads it: the event's columns with its document's `doc_id`,
/// `story_id`, `outlet` and `published`.
pub(crate) fn event_ref<R: StoredRow>(row: &R) -> RowResult<EventRef, R> {
    Ok(EventRef {
        event_id: row.get("id")?,
        doc_id: row.get("doc_id")?,
        story_id: row.get("story_id")?,
        outlet: row.get("outlet")?,
        published: get_date(row, "published")?,
        actor: row.get("actor")?,
        action: get_action(row, "action")?,
        target: row.get("target")?,
        date: row.get("date")?,
        modality: get_parsed::<R, Modality>(row, "modality")?,
    })
}

/// A row of `facts` (its `event_ids` left empty).
pub(crate) fn fact_row<R: StoredRow>(row: &R) -> RowResult<Fact, R> {
    Ok(Fact {
        contradictions: json_strings(row, "contradictions")?,
        ..status_fact_row(row)?
    })
}

/// The columns of `facts` that [`status_fact_row`] reads: every one but the link-unit keys and
/// the contradiction notes, the longest column of a fact (in SQLite the columns before them
/// are read without the row's overflow pages).
pub(crate) const STATUS_FACT_COLUMNS: &str = "id, actor, action, target, date, modality, \
     source_count, document_count, outlets, first_reported, latest_reported";

/// A row of [`STATUS_FACT_COLUMNS`]: a fact without its event ids and contradiction notes.
pub(crate) fn status_fact_row<R: StoredRow>(row: &R) -> RowResult<Fact, R> {
    Ok(Fact {
        id: row.get("id")?,
        actor: row.get("actor")?,
        action: get_action(row, "action")?,
        target: row.get("target")?,
        date: row.get("date")?,
        modality: get_parsed::<R, Modality>(row, "modality")?,
        source_count: row.get_usize("source_count")?,
        document_count: row.get_usize("document_count")?,
        outlets: json_strings(row, "outlets")?,
        first_reported: get_date(row, "first_reported")?,
        latest_reported: get_date(row, "latest_reported")?,
        event_ids: Vec::new(),
        contradictions: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_to_read_keep_those_sharing_most_band_keys() {
        // Few candidates: all of them, ascending, an id twice in one key's list counted once.
        let few: [&[i64]; 3] = [&[3, 9, 9], &[9], &[1]];
        assert_eq!(candidates_to_read(few), vec![1, 3, 9]);
        // Crowded: one key shared by many earlier documents (ids 1..=40) and a later document
        // (100) sharing two keys: 100 is read, then the lowest ids sharing one key.
        let crowded: Vec<i64> = (1..=40).chain([100]).collect();
        let lists: [&[i64]; 2] = [&crowded, &[100]];
        let read = candidates_to_read(lists);
        assert_eq!(read.len(), MAX_SIGNATURE_READS);
        assert!(read.contains(&100), "two shared keys: read");
        assert_eq!(
            read[..MAX_SIGNATURE_READS - 1],
            (1..16).collect::<Vec<i64>>()[..]
        );
        // Its negative twin: sharing the one crowded key only, 100 is not read.
        let lists: [&[i64]; 2] = [&crowded, &[]];
        assert!(!candidates_to_read(lists).contains(&100), "one shared key");
        assert!(candidates_to_read(std::iter::empty::<&[i64]>()).is_empty());
    }
}
