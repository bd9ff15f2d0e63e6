//! `migtrack export`: one table per kind with named columns, as CSV, JSON lines, a JSON array
//! and Parquet (issue 9 item 6).

use std::path::Path;

use parquet::file::reader::{FileReader, SerializedFileReader};
use serde_json::Value;

mod common;
use common::migtrack;

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert!(migtrack(&db).arg("demo").output().unwrap().status.success());
    (dir, db)
}

fn run(db: &Path, args: &[&str]) -> String {
    let output = migtrack(db).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn csv_table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[test]
fn every_kind_is_a_csv_table_with_named_columns() {
    let (_dir, db) = demo();
    let document = ["doc_id", "outlet", "title", "url", "published"];
    for (kind, own) in [
        (
            "events",
            &[
                "actor", "action", "target", "date", "cameo", "plover", "sentence",
            ][..],
        ),
        ("quotes", &["speaker", "role", "direct", "text", "sentence"]),
        ("claims", &["speaker", "evidence", "text", "sentence"]),
        ("figures", &["value", "unit", "counts", "text", "sentence"]),
        (
            "dates",
            &["value", "date_from", "date_to", "text", "sentence"],
        ),
        (
            "facts",
            &["actor", "action", "target", "sources", "outlets"],
        ),
        ("documents", &["source", "lang"]),
    ] {
        let (headers, rows) = csv_table(&run(&db, &["export", "--kind", kind, "--format", "csv"]));
        assert!(!rows.is_empty(), "{kind}: no rows");
        let columns: Vec<&str> = if kind == "facts" {
            own.to_vec()
        } else {
            own.iter().chain(&document).copied().collect()
        };
        for column in columns {
            assert!(
                headers.iter().any(|h| h == column),
                "{kind} lacks {column}: {headers:?}"
            );
        }
        assert!(!headers.iter().any(|h| h == "a"), "{kind}: generic columns");
        for row in &rows {
            assert_eq!(row.len(), headers.len());
        }
    }
    // The sentence of a quote holds the quote; the outlet and date are the document's.
    let (headers, rows) = csv_table(&run(
        &db,
        &["export", "--kind", "quotes", "--format", "csv"],
    ));
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for row in &rows {
        // (a quote's text is its words without the quotation marks: compare its end)
        let words: Vec<&str> = row[at("text")].split_whitespace().collect();
        let end = words[words.len().saturating_sub(2)..].join(" ");
        assert!(row[at("sentence")].contains(&end), "{row:?}");
        assert!(!row[at("outlet")].is_empty() && !row[at("published")].is_empty());
    }
}

#[test]
fn json_and_jsonl_carry_the_same_rows() {
    let (_dir, db) = demo();
    let array: Vec<Value> =
        serde_json::from_str(&run(&db, &["export", "--format", "json"])).unwrap();
    let lines: Vec<Value> = run(&db, &["export", "--format", "jsonl"])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(array, lines);
    for kind in ["event", "quote", "date", "figure", "claim"] {
        assert!(array.iter().any(|row| row["kind"] == kind), "no {kind}");
    }
    let events: Vec<Value> = serde_json::from_str(&run(
        &db,
        &["export", "--kind", "events", "--format", "json"],
    ))
    .unwrap();
    let (_, csv_rows) = csv_table(&run(
        &db,
        &["export", "--kind", "events", "--format", "csv"],
    ));
    assert_eq!(events.len(), csv_rows.len());
    assert!(events[0]["kind"].is_null(), "one kind: no kind field");
    assert!(events[0]["doc_id"].is_i64() && events[0]["actor"].is_string());
}

#[test]
fn parquet_has_the_csv_columns_and_rows() {
    let (dir, db) = demo();
    for kind in ["events", "quotes", "facts", "documents"] {
        let file = dir.path().join(format!("{kind}.parquet"));
        run(
            &db,
            &["export", "--kind", kind, "--format", "parquet", "--out"]
                .iter()
                .copied()
                .chain([file.to_str().unwrap()])
                .collect::<Vec<_>>(),
        );
        let (headers, rows) = csv_table(&run(&db, &["export", "--kind", kind, "--format", "csv"]));
        let reader = SerializedFileReader::new(std::fs::File::open(&file).unwrap()).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr();
        let names: Vec<String> = schema
            .columns()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        assert_eq!(names, headers, "{kind}");
        let parquet_rows: Vec<_> = reader.into_iter().map(Result::unwrap).collect();
        assert_eq!(parquet_rows.len(), rows.len(), "{kind}");
        // The first column (id) agrees, row by row.
        for (parquet_row, csv_row) in parquet_rows.iter().zip(&rows) {
            let (_, first) = parquet_row.get_column_iter().next().unwrap();
            assert_eq!(first.to_string(), csv_row[0], "{kind}");
        }
    }
}

#[test]
fn one_table_formats_need_a_kind() {
    let (_dir, db) = demo();
    for format in ["csv", "parquet"] {
        let output = migtrack(&db)
            .args(["export", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("--kind"));
    }
}
