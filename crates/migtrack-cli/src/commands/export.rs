//! `migtrack export`: the tables of `migtrack-export` (one per kind, named columns: the
//! record's fields, its document, its sentence and span) as CSV, JSON lines, a JSON array or
//! Parquet. Rows are read page by page and written as they come (Parquet: one row group per
//! [`ROW_GROUP`] rows), so memory stays bounded by the page, not the database.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use migtrack_export::{Cell, ExportError, Filters, Kind, RECORD_KINDS, Table, Type, rows, table};
use migtrack_store::Store;

use crate::cli::{ExportArgs, ExportFormat, ExportKind};

/// Rows per Parquet row group.
const ROW_GROUP: usize = 8192;

fn kind(kind: ExportKind) -> Kind {
    match kind {
        ExportKind::Events => Kind::Events,
        ExportKind::Quotes => Kind::Quotes,
        ExportKind::Claims => Kind::Claims,
        ExportKind::Figures => Kind::Figures,
        ExportKind::Dates => Kind::Dates,
        ExportKind::Facts => Kind::Facts,
        ExportKind::Documents => Kind::Documents,
    }
}

pub fn run(store: &dyn Store, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let kinds: Vec<Kind> = match args.kind {
        Some(chosen) => vec![kind(chosen)],
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
    let filters = Filters::default();
    match args.format {
        ExportFormat::Csv => migtrack_export::write_csv(store, kinds[0], &filters, &mut out)?,
        ExportFormat::Jsonl | ExportFormat::Json => migtrack_export::write_json(
            store,
            &kinds,
            &filters,
            args.format == ExportFormat::Json,
            args.kind.is_none(),
            &mut out,
        )?,
        ExportFormat::Parquet => {
            let table = table(kinds[0]);
            let mut writer = columnar::ParquetTable::new(&table, &mut out)?;
            rows(store, kinds[0], &filters, &mut |cells| {
                writer
                    .push(cells)
                    .map_err(|error| ExportError::Sink(format!("{error:#}")))
            })?;
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
