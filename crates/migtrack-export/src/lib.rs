//! The export tables: one table per kind (events, quotes, claims, figures, dates, facts,
//! documents) with named columns — the record's fields, its document (id, outlet, title, url,
//! published, source), its sentence and span — streamed as rows of typed cells, and written as
//! CSV or JSON. `migtrack export` (which adds Parquet) and the API's `GET /api/export` (the
//! page's download buttons) both write these tables, so a download has the columns of an export.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use migtrack_model::Span;
use migtrack_store::{
    DocumentFilter, DocumentSummary, EventFilter, Page, Paged, Provenance, RecordFilter, Store,
};

/// Rows per page read from the store.
const PAGE: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] migtrack_store::StoreError),
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// An error of the caller's row sink (another format's writer).
    #[error("{0}")]
    Sink(String),
}

pub type Result<T, E = ExportError> = std::result::Result<T, E>;

/// The tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Events,
    Quotes,
    Claims,
    Figures,
    Dates,
    Facts,
    Documents,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Events,
        Kind::Quotes,
        Kind::Claims,
        Kind::Figures,
        Kind::Dates,
        Kind::Facts,
        Kind::Documents,
    ];

    /// The plural name (`events`), as the CLI's `--kind` and the API's `kind` take it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Events => "events",
            Kind::Quotes => "quotes",
            Kind::Claims => "claims",
            Kind::Figures => "figures",
            Kind::Dates => "dates",
            Kind::Facts => "facts",
            Kind::Documents => "documents",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// The record kinds an export without a kind writes, each row with its `kind`.
pub const RECORD_KINDS: [Kind; 5] = [
    Kind::Events,
    Kind::Quotes,
    Kind::Dates,
    Kind::Figures,
    Kind::Claims,
];

/// Which rows a table holds: events and facts take `events`, the other record kinds `records`,
/// documents `documents`. The default is everything.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub events: EventFilter,
    pub records: RecordFilter,
    pub documents: DocumentFilter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Int,
    Float,
    Bool,
    Date,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(Some(value.into()))
    }

    pub fn csv(&self) -> String {
        match self {
            Cell::Text(value) => value.clone().unwrap_or_default(),
            Cell::Int(value) => value.map(|value| value.to_string()).unwrap_or_default(),
            Cell::Float(value) => value.map(|value| value.to_string()).unwrap_or_default(),
            Cell::Bool(value) => value.map(|value| value.to_string()).unwrap_or_default(),
            Cell::Date(value) => value.map(|value| value.to_string()).unwrap_or_default(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Cell::Text(value) => value.clone().map_or(Value::Null, Value::String),
            Cell::Int(value) => value.map_or(Value::Null, Value::from),
            Cell::Float(value) => value.map_or(Value::Null, Value::from),
            Cell::Bool(value) => value.map_or(Value::Null, Value::Bool),
            Cell::Date(value) => value.map_or(Value::Null, |date| Value::String(date.to_string())),
        }
    }
}

/// A table's name (the `kind` of its rows when every kind goes into one stream) and columns.
pub struct Table {
    pub kind: &'static str,
    pub columns: Vec<(&'static str, Type)>,
}

/// The columns every record table ends with: where it came from.
const DOCUMENT_COLUMNS: [(&str, Type); 10] = [
    ("sentence", Type::Text),
    ("doc_id", Type::Int),
    ("outlet", Type::Text),
    ("title", Type::Text),
    ("url", Type::Text),
    ("published", Type::Date),
    ("source", Type::Text),
    ("start", Type::Int),
    ("end", Type::Int),
    ("rule", Type::Text),
];

/// The columns an event and a fact begin with: its id and what was reported (the date with its
/// first and last day, actor, action, target, modality), as [`reported_cells`] fills them.
const REPORTED_COLUMNS: [(&str, Type); 8] = [
    ("id", Type::Int),
    ("date", Type::Text),
    ("date_from", Type::Date),
    ("date_to", Type::Date),
    ("actor", Type::Text),
    ("action", Type::Text),
    ("target", Type::Text),
    ("modality", Type::Text),
];

/// The [`REPORTED_COLUMNS`] cells of an event or a fact.
fn reported_cells(
    id: i64,
    date: &Option<String>,
    actor: &str,
    action: migtrack_model::Action,
    target: &str,
    modality: migtrack_model::Modality,
) -> Vec<Cell> {
    let (from, to) = days(date);
    vec![
        Cell::Int(Some(id)),
        Cell::Text(date.clone()),
        from,
        to,
        Cell::text(actor),
        Cell::text(action.as_str()),
        Cell::text(target),
        Cell::text(modality.as_str()),
    ]
}

pub fn table(kind: Kind) -> Table {
    use Type::*;
    let (name, own): (&str, Vec<(&str, Type)>) = match kind {
        Kind::Events => (
            "event",
            [
                REPORTED_COLUMNS.as_slice(),
                &[("agent", Text), ("cameo", Text), ("plover", Text)],
            ]
            .concat(),
        ),
        Kind::Quotes => (
            "quote",
            vec![
                ("id", Int),
                ("speaker", Text),
                ("role", Text),
                ("speaker_entity", Text),
                ("direct", Bool),
                ("text", Text),
            ],
        ),
        Kind::Claims => (
            "claim",
            vec![
                ("id", Int),
                ("speaker", Text),
                ("evidence", Text),
                ("text", Text),
            ],
        ),
        Kind::Figures => (
            "figure",
            vec![
                ("id", Int),
                ("value", Float),
                ("unit", Text),
                ("counts", Text),
                ("bound", Text),
                ("text", Text),
            ],
        ),
        Kind::Dates => (
            "date",
            vec![
                ("id", Int),
                ("value", Text),
                ("date_from", Date),
                ("date_to", Date),
                ("text", Text),
            ],
        ),
        Kind::Facts => {
            return Table {
                kind: "fact",
                columns: [
                    REPORTED_COLUMNS.as_slice(),
                    &[
                        ("sources", Int),
                        ("documents", Int),
                        ("outlets", Text),
                        ("first_reported", Date),
                        ("latest_reported", Date),
                        ("event_ids", Text),
                        ("contradictions", Text),
                    ],
                ]
                .concat(),
            };
        }
        Kind::Documents => {
            return Table {
                kind: "document",
                columns: vec![
                    ("doc_id", Int),
                    ("outlet", Text),
                    ("title", Text),
                    ("url", Text),
                    ("published", Date),
                    ("lang", Text),
                    ("source", Text),
                    ("story_id", Int),
                    ("events", Int),
                    ("quotes", Int),
                ],
            };
        }
    };
    let mut columns = own;
    columns.extend(DOCUMENT_COLUMNS);
    Table {
        kind: name,
        columns,
    }
}

/// The first and last day of a stored date value, when it names a period of days.
pub fn days(value: &Option<String>) -> (Cell, Cell) {
    match value.as_deref().map(migtrack_model::period::period) {
        Some(Ok((first, last))) => (Cell::Date(Some(first)), Cell::Date(Some(last))),
        _ => (Cell::Date(None), Cell::Date(None)),
    }
}

/// What the record tables need beyond a row: each document's summary (for its url), and the
/// sentences of the document read last (records come in document order).
struct Documents<'a> {
    store: &'a dyn Store,
    summaries: Option<HashMap<i64, DocumentSummary>>,
    sentences: Option<(i64, String, Vec<Span>)>,
}

impl<'a> Documents<'a> {
    fn new(store: &'a dyn Store) -> Self {
        Documents {
            store,
            summaries: None,
            sentences: None,
        }
    }

    fn summary(&mut self, doc_id: i64) -> Result<Option<&DocumentSummary>> {
        if self.summaries.is_none() {
            let mut all = HashMap::new();
            let mut cursor = None;
            loop {
                let Paged { items, next } = self.store.documents(Page {
                    limit: PAGE,
                    cursor,
                })?;
                all.extend(items.into_iter().map(|doc| (doc.id, doc)));
                match next {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            self.summaries = Some(all);
        }
        Ok(self.summaries.as_ref().and_then(|all| all.get(&doc_id)))
    }

    /// The sentence or sentences `span` lies in, as the extractors split them.
    fn sentence(&mut self, doc_id: i64, span: Span) -> Result<String> {
        if self.sentences.as_ref().is_none_or(|(id, ..)| *id != doc_id) {
            let text = self.store.document(doc_id)?.text;
            let spans = migtrack_nlp::split(&text)
                .into_iter()
                .map(|sentence| sentence.span)
                .collect();
            self.sentences = Some((doc_id, text, spans));
        }
        let Some((_, text, spans)) = &self.sentences else {
            return Ok(String::new());
        };
        let first = spans.iter().find(|sentence| sentence.end > span.start);
        let last = spans
            .iter()
            .rev()
            .find(|sentence| sentence.start < span.end);
        let (start, end) = match (first, last) {
            (Some(first), Some(last)) if first.start <= last.end => (first.start, last.end),
            _ => (span.start, span.end),
        };
        Ok(text.get(start..end).unwrap_or_default().trim().to_string())
    }

    /// The trailing columns of a record row (see [`DOCUMENT_COLUMNS`]).
    fn cells(&mut self, provenance: &Provenance, sentence: Option<String>) -> Result<Vec<Cell>> {
        let sentence = match sentence {
            Some(sentence) => sentence,
            None => self.sentence(provenance.doc_id, provenance.span)?,
        };
        let url = self
            .summary(provenance.doc_id)?
            .and_then(|doc| doc.url.clone());
        Ok(vec![
            Cell::text(sentence),
            Cell::Int(Some(provenance.doc_id)),
            Cell::Text(provenance.outlet.clone()),
            Cell::Text(provenance.title.clone()),
            Cell::Text(url),
            Cell::Date(provenance.published),
            Cell::text(provenance.source.clone()),
            Cell::Int(Some(provenance.span.start as i64)),
            Cell::Int(Some(provenance.span.end as i64)),
            Cell::text(provenance.rule.clone()),
        ])
    }
}

/// Every page of a store listing, in id order.
fn pages<T>(
    mut fetch: impl FnMut(Page) -> migtrack_store::Result<Paged<T>>,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut cursor = None;
    loop {
        let Paged { items, next } = fetch(Page {
            limit: PAGE,
            cursor,
        })?;
        for item in items {
            each(item)?;
        }
        match next {
            Some(next) => cursor = Some(next),
            None => return Ok(()),
        }
    }
}

/// Stream every row of `kind` that `filters` keep into `sink`, in id order.
pub fn rows(
    store: &dyn Store,
    kind: Kind,
    filters: &Filters,
    sink: &mut dyn FnMut(Vec<Cell>) -> Result<()>,
) -> Result<()> {
    let mut documents = Documents::new(store);
    let events = &filters.events;
    let records = &filters.records;
    match kind {
        Kind::Events => pages(
            |page| store.events(events, page),
            |row| {
                let event = &row.event;
                let mut cells = reported_cells(
                    row.id,
                    &event.date,
                    &event.actor,
                    event.action,
                    &event.target,
                    event.modality,
                );
                cells.extend([
                    Cell::Text(event.agent.clone()),
                    Cell::Text(event.cameo.clone()),
                    Cell::Text(event.plover.clone()),
                ]);
                cells.extend(documents.cells(&row.provenance, Some(row.sentence_text.clone()))?);
                sink(cells)
            },
        ),
        Kind::Quotes => pages(
            |page| store.quotes(records, page),
            |row| {
                let quote = &row.quote;
                let mut cells = vec![
                    Cell::Int(Some(row.id)),
                    Cell::Text(quote.speaker.clone()),
                    Cell::Text(quote.role.clone()),
                    Cell::Text(quote.speaker_entity.clone()),
                    Cell::Bool(Some(quote.direct)),
                    Cell::text(quote.text.clone()),
                ];
                cells.extend(documents.cells(&row.provenance, None)?);
                sink(cells)
            },
        ),
        Kind::Claims => pages(
            |page| store.claims(records, page),
            |row| {
                let claim = &row.claim;
                let mut cells = vec![
                    Cell::Int(Some(row.id)),
                    Cell::Text(claim.speaker.clone()),
                    Cell::text(claim.evidence.as_str()),
                    Cell::text(claim.text.clone()),
                ];
                cells.extend(documents.cells(&row.provenance, None)?);
                sink(cells)
            },
        ),
        Kind::Figures => pages(
            |page| store.figures(records, page),
            |row| {
                let figure = &row.figure;
                let mut cells = vec![
                    Cell::Int(Some(row.id)),
                    Cell::Float(Some(figure.value)),
                    Cell::Text(figure.unit.clone()),
                    Cell::Text(figure.counts.clone()),
                    Cell::Text(figure.bound.clone()),
                    Cell::text(figure.text.clone()),
                ];
                cells.extend(documents.cells(&row.provenance, None)?);
                sink(cells)
            },
        ),
        Kind::Dates => pages(
            |page| store.dates(records, page),
            |row| {
                let date = &row.date;
                let (from, to) = days(&date.value);
                let mut cells = vec![
                    Cell::Int(Some(row.id)),
                    Cell::Text(date.value.clone()),
                    from,
                    to,
                    Cell::text(date.text.clone()),
                ];
                cells.extend(documents.cells(&row.provenance, None)?);
                sink(cells)
            },
        ),
        Kind::Facts => pages(
            |page| store.facts(events, page),
            |fact| {
                let mut cells = reported_cells(
                    fact.id,
                    &fact.date,
                    &fact.actor,
                    fact.action,
                    &fact.target,
                    fact.modality,
                );
                cells.extend([
                    Cell::Int(Some(fact.source_count as i64)),
                    Cell::Int(Some(fact.document_count as i64)),
                    Cell::text(fact.outlets.join("; ")),
                    Cell::Date(fact.first_reported),
                    Cell::Date(fact.latest_reported),
                    Cell::text(
                        fact.event_ids
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    Cell::text(fact.contradictions.join("; ")),
                ]);
                sink(cells)
            },
        ),
        Kind::Documents => pages(
            |page| store.documents_where(&filters.documents, page),
            |doc| {
                sink(vec![
                    Cell::Int(Some(doc.id)),
                    Cell::Text(doc.outlet),
                    Cell::Text(doc.title),
                    Cell::Text(doc.url),
                    Cell::Date(doc.published),
                    Cell::Text(doc.lang),
                    Cell::Text(Some(doc.source)),
                    Cell::Int(Some(doc.story_id)),
                    Cell::Int(Some(doc.event_count as i64)),
                    Cell::Int(Some(doc.quote_count as i64)),
                ])
            },
        ),
    }
}

/// Write `kinds` as a JSON array (`array`) or JSON lines: one object per row, keys in column
/// order; with `tagged`, each object starts with its table's `kind`.
pub fn write_json(
    store: &dyn Store,
    kinds: &[Kind],
    filters: &Filters,
    array: bool,
    tagged: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut first = true;
    if array {
        write!(out, "[")?;
    }
    for &kind in kinds {
        let table = table(kind);
        rows(store, kind, filters, &mut |cells| {
            if array {
                write!(out, "{}\n  ", if first { "" } else { "," })?;
            }
            first = false;
            // Keys in column order (a serde_json map would sort them).
            write!(out, "{{")?;
            if tagged {
                write!(out, "\"kind\":{},", serde_json::to_string(table.kind)?)?;
            }
            for (index, ((name, _), cell)) in table.columns.iter().zip(&cells).enumerate() {
                if index > 0 {
                    write!(out, ",")?;
                }
                write!(out, "\"{name}\":{}", serde_json::to_string(&cell.json())?)?;
            }
            write!(out, "}}")?;
            if !array {
                writeln!(out)?;
            }
            Ok(())
        })?;
    }
    if array {
        writeln!(out, "{}]", if first { "" } else { "\n" })?;
    }
    Ok(())
}

/// Write the table of `kind` as CSV with a header row of column names.
pub fn write_csv(
    store: &dyn Store,
    kind: Kind,
    filters: &Filters,
    out: &mut dyn Write,
) -> Result<()> {
    let table = table(kind);
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(table.columns.iter().map(|(name, _)| *name))?;
    rows(store, kind, filters, &mut |cells| {
        writer.write_record(cells.iter().map(Cell::csv))?;
        Ok(())
    })?;
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_named_unique_columns_and_its_document() {
        for kind in Kind::ALL {
            let table = table(kind);
            let mut names: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{}: a column twice", table.kind);
            if !matches!(kind, Kind::Facts) {
                for column in ["doc_id", "outlet", "title", "url", "published"] {
                    assert!(names.contains(&column), "{} lacks {column}", table.kind);
                }
            }
        }
        let events = table(Kind::Events);
        for column in ["cameo", "plover", "sentence", "date_from"] {
            assert!(events.columns.iter().any(|(name, _)| *name == column));
        }
    }

    #[test]
    fn a_period_value_gets_its_first_and_last_day() {
        let (from, to) = days(&Some("2017-W49".into()));
        assert_eq!(from.csv(), "2017-12-04");
        assert_eq!(to.csv(), "2017-12-10");
        assert_eq!(days(&Some("1970s".into())).0, Cell::Date(None));
    }
}
