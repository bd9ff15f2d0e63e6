//! Output formats shared by every query command: aligned tables for people, JSON and CSV for
//! programs. Writing to a closed pipe is not an error (see `main`).

use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading in a terminal.
    Table,
    /// A JSON array (pretty-printed).
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// A result set: the rows as structured values (for JSON) and as cells (for table and CSV).
pub struct Rows<T> {
    pub headers: Vec<&'static str>,
    pub items: Vec<T>,
    pub cells: fn(&T) -> Vec<String>,
}

impl<T: Serialize> Rows<T> {
    pub fn write(&self, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &self.items)?;
                writeln!(out)?;
            }
            Format::Jsonl => {
                for item in &self.items {
                    serde_json::to_writer(&mut *out, item)?;
                    writeln!(out)?;
                }
            }
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(&self.headers)?;
                for item in &self.items {
                    writer.write_record((self.cells)(item))?;
                }
                writer.flush()?;
            }
            Format::Table => {
                // A `date` or `value` column holds stored date values: a week, quarter or
                // fiscal year reads as its days (a figure's number is left as it is).
                let periods: Vec<bool> = self
                    .headers
                    .iter()
                    .map(|header| matches!(*header, "date" | "value"))
                    .collect();
                let rows: Vec<Vec<String>> = self
                    .items
                    .iter()
                    .map(|item| {
                        let mut cells = (self.cells)(item);
                        for (cell, period) in cells.iter_mut().zip(&periods) {
                            if *period {
                                *cell = migtrack_model::period::human(cell);
                            }
                        }
                        cells
                    })
                    .collect();
                write_table(out, &self.headers, &rows)?;
            }
        }
        Ok(())
    }
}

/// Aligned columns; long cells are cut with an ellipsis so a row fits a terminal line.
pub fn write_table(out: &mut dyn Write, headers: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    const MAX_CELL: usize = 60;
    let cut = |cell: &str| -> String {
        let flat: String = cell.split_whitespace().collect::<Vec<_>>().join(" ");
        let flat = crate::escape::line(&flat).into_owned();
        if flat.chars().count() > MAX_CELL {
            let kept: String = flat.chars().take(MAX_CELL - 1).collect();
            format!("{kept}…")
        } else {
            flat
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| cut(cell)).collect())
        .collect();
    let mut widths: Vec<usize> = headers
        .iter()
        .map(|header| header.chars().count())
        .collect();
    for row in &rows {
        for (index, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(index) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let mut text = String::new();
        for (index, cell) in cells.iter().enumerate() {
            if index > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if index + 1 < cells.len() {
                let pad = widths[index].saturating_sub(cell.chars().count());
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(
        out,
        &headers
            .iter()
            .map(|header| header.to_string())
            .collect::<Vec<_>>(),
    )?;
    line(
        out,
        &widths
            .iter()
            .map(|width| "─".repeat(*width))
            .collect::<Vec<_>>(),
    )?;
    for row in &rows {
        line(out, row)?;
    }
    if rows.is_empty() {
        writeln!(out, "(no rows)")?;
    }
    Ok(())
}

pub fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

pub fn opt_display<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: String,
        count: usize,
    }

    fn rows() -> Rows<Row> {
        Rows {
            headers: vec!["name", "count"],
            items: vec![
                Row {
                    name: "Global Forum, \"GFMD\"".into(),
                    count: 3,
                },
                Row {
                    name: "b".into(),
                    count: 10,
                },
            ],
            cells: |row| vec![row.name.clone(), row.count.to_string()],
        }
    }

    fn render(format: Format) -> String {
        let mut out = Vec::new();
        rows().write(format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_aligns_columns() {
        let table = render(Format::Table);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "name                  count");
        assert_eq!(lines[3], "b                     10");
    }

    #[test]
    fn csv_quotes_cells_with_commas_and_quotes() {
        assert_eq!(
            render(Format::Csv),
            "name,count\n\"Global Forum, \"\"GFMD\"\"\",3\nb,10\n"
        );
    }

    #[test]
    fn json_and_jsonl_carry_the_structured_rows() {
        let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(json[1]["count"], 10);
        assert_eq!(render(Format::Jsonl).lines().count(), 2);
    }
}
