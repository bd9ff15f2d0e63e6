//! `migtrack export`: one table per kind (events, quotes, claims, figures, dates, facts,
//! documents) with named columns — the record's fields, its document (id, outlet, title, url,
//! published, source), its sentence and span — as CSV, JSON lines, a JSON array or Parquet.
//! Rows are read page by page and written as they come (Parquet: one row group per
//! [`ROW_GROUP`] rows), so memory stays bounded by the page, not the database.

use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::NaiveDate;
use migtrack_model::Span;
use migtrack_store::{
    DocumentSummary, EventFilter, Page, Paged, Provenance, RecordFilter, SqliteStore, Store,
};

use crate::cli::{ExportArgs, ExportFormat, ExportKind};

/// Rows per Parquet row group.
const ROW_GROUP: usize = 8192;

/// Rows per page read from the store.
const PAGE: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Text,
    Int,
    Float,
    Bool,
    Date,
}

#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
}

impl Cell {
    fn text(value: impl Into<String>) -> Cell {
        Cell::Text(Some(value.into()))
    }

    fn csv(&self) -> String {
        match self {
            Cell::Text(value) => value.clone().unwrap_or_default(),
            Cell::Int(value) => value.map(|value| value.to_string()).unwrap_or_default(),
            Cell::Float(value) => value.map(|value| value.to_string()).unwrap_or_default(),
            Cell::Bool(value) => value.map(|value| value.to_string()).unwrap_or_default(),
            Cell::Date(value) => value.map(|value| value.to_string()).unwrap_or_default(),
        }
    }

    fn json(&self) -> serde_json::Value {
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
struct Table {
    kind: &'static str,
    columns: Vec<(&'static str, Type)>,
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

fn table(kind: ExportKind) -> Table {
    use Type::*;
    let (name, own): (&str, &[(&str, Type)]) = match kind {
        ExportKind::Events => (
            "event",
            &[
                ("id", Int),
                ("date", Text),
                ("date_from", Date),
                ("date_to", Date),
                ("actor", Text),
                ("action", Text),
                ("target", Text),
                ("modality", Text),
                ("agent", Text),
                ("cameo", Text),
                ("plover", Text),
            ],
        ),
        ExportKind::Quotes => (
            "quote",
            &[
                ("id", Int),
                ("speaker", Text),
                ("role", Text),
                ("speaker_entity", Text),
                ("direct", Bool),
                ("text", Text),
            ],
        ),
        ExportKind::Claims => (
            "claim",
            &[
                ("id", Int),
                ("speaker", Text),
                ("evidence", Text),
                ("text", Text),
            ],
        ),
        ExportKind::Figures => (
            "figure",
            &[
                ("id", Int),
                ("value", Float),
                ("unit", Text),
                ("counts", Text),
                ("bound", Text),
                ("text", Text),
            ],
        ),
        ExportKind::Dates => (
            "date",
            &[
                ("id", Int),
                ("value", Text),
                ("date_from", Date),
                ("date_to", Date),
                ("text", Text),
            ],
        ),
        ExportKind::Facts => {
            return Table {
                kind: "fact",
                columns: vec![
                    ("id", Int),
                    ("date", Text),
                    ("date_from", Date),
                    ("date_to", Date),
                    ("actor", Text),
                    ("action", Text),
                    ("target", Text),
                    ("modality", Text),
                    ("sources", Int),
                    ("documents", Int),
                    ("outlets", Text),
                    ("first_reported", Date),
                    ("latest_reported", Date),
                    ("event_ids", Text),
                    ("contradictions", Text),
                ],
            };
        }
        ExportKind::Documents => {
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
    let mut columns = own.to_vec();
    columns.extend(DOCUMENT_COLUMNS);
    Table {
        kind: name,
        columns,
    }
}

/// The first and last day of a stored date value, when it names a period of days.
fn days(value: &Option<String>) -> (Cell, Cell) {
    match value.as_deref().map(crate::period::period) {
        Some(Ok((first, last))) => (Cell::Date(Some(first)), Cell::Date(Some(last))),
        _ => (Cell::Date(None), Cell::Date(None)),
    }
}

/// What the record tables need beyond a row: each document's summary (for its url), and the
/// sentences of the document read last (records come in document order).
struct Documents<'a> {
    store: &'a SqliteStore,
    summaries: Option<HashMap<i64, DocumentSummary>>,
    sentences: Option<(i64, String, Vec<Span>)>,
}

impl<'a> Documents<'a> {
    fn new(store: &'a SqliteStore) -> Self {
        Documents {
            store,
            summaries: None,
            sentences: None,
        }
    }

    fn summary(&mut self, doc_id: i64) -> anyhow::Result<Option<&DocumentSummary>> {
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
    fn sentence(&mut self, doc_id: i64, span: Span) -> anyhow::Result<String> {
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
    fn cells(
        &mut self,
        provenance: &Provenance,
        sentence: Option<String>,
    ) -> anyhow::Result<Vec<Cell>> {
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
    mut each: impl FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
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

/// Stream every row of `kind` into `sink`.
fn rows(
    store: &SqliteStore,
    kind: ExportKind,
    sink: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut documents = Documents::new(store);
    let events = EventFilter::default();
    let records = RecordFilter::default();
    match kind {
        ExportKind::Events => pages(
            |page| store.events(&events, page),
            |row| {
                let event = &row.event;
                let (from, to) = days(&event.date);
                let mut cells = vec![
                    Cell::Int(Some(row.id)),
                    Cell::Text(event.date.clone()),
                    from,
                    to,
                    Cell::text(event.actor.clone()),
                    Cell::text(event.action.as_str()),
                    Cell::text(event.target.clone()),
                    Cell::text(event.modality.as_str()),
                    Cell::Text(event.agent.clone()),
                    Cell::Text(event.cameo.clone()),
                    Cell::Text(event.plover.clone()),
                ];
                cells.extend(documents.cells(&row.provenance, Some(row.sentence_text.clone()))?);
                sink(cells)
            },
        ),
        ExportKind::Quotes => pages(
            |page| store.quotes(&records, page),
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
        ExportKind::Claims => pages(
            |page| store.claims(&records, page),
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
        ExportKind::Figures => pages(
            |page| store.figures(&records, page),
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
        ExportKind::Dates => pages(
            |page| store.dates(&records, page),
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
        ExportKind::Facts => pages(
            |page| store.facts(&events, page),
            |fact| {
                let (from, to) = days(&fact.date);
                sink(vec![
                    Cell::Int(Some(fact.id)),
                    Cell::Text(fact.date.clone()),
                    from,
                    to,
                    Cell::text(fact.actor.clone()),
                    Cell::text(fact.action.as_str()),
                    Cell::text(fact.target.clone()),
                    Cell::text(fact.modality.as_str()),
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
                ])
            },
        ),
        ExportKind::Documents => pages(
            |page| store.documents(page),
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

/// The record kinds an export without `--kind` writes, each row with its `kind`.
const RECORD_KINDS: [ExportKind; 5] = [
    ExportKind::Events,
    ExportKind::Quotes,
    ExportKind::Dates,
    ExportKind::Figures,
    ExportKind::Claims,
];

pub fn run(store: &SqliteStore, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let kinds: Vec<ExportKind> = match args.kind {
        Some(kind) => vec![kind],
        None => {
            anyhow::ensure!(
                matches!(args.format, ExportFormat::Jsonl | ExportFormat::Json),
                "--format {} writes one table: choose it with --kind \
                 (events, quotes, claims, figures, dates, facts, documents)",
                format_name(args.format)
            );
            RECORD_KINDS.to_vec()
        }
    };
    let out: Box<dyn Write + Send> = match &args.out {
        Some(path) => Box::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        ),
        None => {
            anyhow::ensure!(
                args.format != ExportFormat::Parquet || !std::io::stdout().is_terminal(),
                "Parquet is binary: write it to a file with --out FILE (or redirect the output)"
            );
            Box::new(std::io::stdout())
        }
    };
    let mut out = BufWriter::new(out);
    let tagged = args.kind.is_none();
    match args.format {
        ExportFormat::Csv => {
            let table = table(kinds[0]);
            let mut writer = csv::Writer::from_writer(&mut out);
            writer.write_record(table.columns.iter().map(|(name, _)| *name))?;
            rows(store, kinds[0], &mut |cells| {
                writer.write_record(cells.iter().map(Cell::csv))?;
                Ok(())
            })?;
            writer.flush()?;
        }
        ExportFormat::Jsonl | ExportFormat::Json => {
            let array = args.format == ExportFormat::Json;
            let mut first = true;
            if array {
                write!(out, "[")?;
            }
            for kind in kinds {
                let table = table(kind);
                rows(store, kind, &mut |cells| {
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
        }
        ExportFormat::Parquet => {
            let table = table(kinds[0]);
            let mut writer = columnar::ParquetTable::new(&table, &mut out)?;
            rows(store, kinds[0], &mut |cells| writer.push(cells))?;
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Json => "json",
        ExportFormat::Parquet => "parquet",
    }
}

/// Parquet through the `parquet` crate's column writers (no arrow): every column optional,
/// text as UTF-8 strings, dates as DATE, counts and ids as INT64, snappy-compressed.
mod columnar {
    use std::io::Write;

    use ::parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
    use ::parquet::data_type::{
        BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type,
    };
    use ::parquet::file::properties::WriterProperties;
    use ::parquet::file::writer::SerializedFileWriter;
    use ::parquet::schema::types::Type as Schema;

    use super::{Arc, Cell, ROW_GROUP, Table, Type};

    pub struct ParquetTable<W: Write + Send> {
        writer: SerializedFileWriter<W>,
        types: Vec<Type>,
        buffer: Vec<Vec<Cell>>,
    }

    impl<W: Write + Send> ParquetTable<W> {
        pub fn new(table: &Table, out: W) -> anyhow::Result<Self> {
            let mut fields = Vec::with_capacity(table.columns.len());
            for (name, kind) in &table.columns {
                let (physical, logical) = match kind {
                    Type::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    Type::Int => (Physical::INT64, None),
                    Type::Float => (Physical::DOUBLE, None),
                    Type::Bool => (Physical::BOOLEAN, None),
                    Type::Date => (Physical::INT32, Some(LogicalType::Date)),
                };
                fields.push(Arc::new(
                    Schema::primitive_type_builder(name, physical)
                        .with_repetition(Repetition::OPTIONAL)
                        .with_logical_type(logical)
                        .build()?,
                ));
            }
            let schema = Schema::group_type_builder(table.kind)
                .with_fields(fields)
                .build()?;
            let properties = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build();
            Ok(ParquetTable {
                writer: SerializedFileWriter::new(out, Arc::new(schema), Arc::new(properties))?,
                types: table.columns.iter().map(|(_, kind)| *kind).collect(),
                buffer: Vec::new(),
            })
        }

        pub fn push(&mut self, cells: Vec<Cell>) -> anyhow::Result<()> {
            self.buffer.push(cells);
            if self.buffer.len() >= ROW_GROUP {
                self.flush()?;
            }
            Ok(())
        }

        pub fn finish(mut self) -> anyhow::Result<()> {
            self.flush()?;
            self.writer.close()?;
            Ok(())
        }

        /// Write the buffered rows as one row group.
        fn flush(&mut self) -> anyhow::Result<()> {
            if self.buffer.is_empty() {
                return Ok(());
            }
            let mut group = self.writer.next_row_group()?;
            let mut index = 0;
            while let Some(mut column) = group.next_column()? {
                let mut levels = Vec::with_capacity(self.buffer.len());
                let cells = self.buffer.iter().map(|row| &row[index]);
                macro_rules! write_column {
                    ($data:ty, $variant:ident, $convert:expr) => {{
                        let mut values = Vec::new();
                        for cell in cells {
                            match cell {
                                Cell::$variant(Some(value)) => {
                                    values.push($convert(value));
                                    levels.push(1);
                                }
                                _ => levels.push(0),
                            }
                        }
                        column
                            .typed::<$data>()
                            .write_batch(&values, Some(&levels), None)?;
                    }};
                }
                match self.types[index] {
                    Type::Text => write_column!(ByteArrayType, Text, |value: &String| {
                        ByteArray::from(value.as_bytes().to_vec())
                    }),
                    Type::Int => write_column!(Int64Type, Int, |value: &i64| *value),
                    Type::Float => write_column!(DoubleType, Float, |value: &f64| *value),
                    Type::Bool => write_column!(BoolType, Bool, |value: &bool| *value),
                    Type::Date => write_column!(Int32Type, Date, |value: &chrono::NaiveDate| {
                        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
                        i32::try_from(value.signed_duration_since(epoch).num_days())
                            .unwrap_or_default()
                    }),
                }
                column.close()?;
                index += 1;
            }
            group.close()?;
            self.buffer.clear();
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_named_unique_columns_and_its_document() {
        for kind in [
            ExportKind::Events,
            ExportKind::Quotes,
            ExportKind::Claims,
            ExportKind::Figures,
            ExportKind::Dates,
            ExportKind::Facts,
            ExportKind::Documents,
        ] {
            let table = table(kind);
            let mut names: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{}: a column twice", table.kind);
            if !matches!(kind, ExportKind::Facts) {
                for column in ["doc_id", "outlet", "title", "url", "published"] {
                    assert!(names.contains(&column), "{} lacks {column}", table.kind);
                }
            }
        }
        let events = table(ExportKind::Events);
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
