//! The `migtrack` binary on PostgreSQL (`--db postgres://…`, a fresh database on the server
//! named by `MIGTRACK_TEST_PG`; skipped with a note without it, failing under `CI`): four
//! ingest processes at once, on overlapping parts of the sample articles, store what one
//! serial ingest stores — the same documents, events and facts — and the query commands read
//! it as they read the same articles in SQLite.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use migtrack_store::{EventFilter, Page, PgStore, SqliteStore, Store};
use migtrack_testdata::PgDatabase;

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 8, "{files:?}");
    files
}

/// The binary on `db` (a path or a URL), quiet.
fn migtrack(db: &str) -> assert_cmd::Command {
    common::migtrack(Path::new(db))
}

fn ingest(db: &str, files: &[PathBuf], batch_size: usize) {
    migtrack(db)
        .arg("ingest")
        .arg("--batch-size")
        .arg(batch_size.to_string())
        .args(files)
        .assert()
        .success();
}

/// What a store holds, without row ids (they depend on who stored first): documents by source
/// and text, events by document and span, facts by their fields and their events' places.
#[derive(Debug, PartialEq, Eq)]
struct Contents {
    documents: BTreeSet<String>,
    events: BTreeSet<String>,
    facts: BTreeSet<String>,
    stories: usize,
}

fn contents(store: &dyn Store) -> Contents {
    let page = Page {
        limit: 10_000,
        cursor: None,
    };
    let documents = store.documents(page).expect("documents").items;
    let events = store
        .events(&EventFilter::default(), page)
        .expect("events")
        .items;
    let place = |event_id: i64| {
        let event = events
            .iter()
            .find(|row| row.id == event_id)
            .unwrap_or_else(|| panic!("fact names event {event_id}, which is not listed"));
        format!(
            "{}@{}-{}",
            event.provenance.source, event.event.span.start, event.event.span.end
        )
    };
    let facts = store
        .facts(&EventFilter::default(), page)
        .expect("facts")
        .items;
    Contents {
        documents: documents
            .iter()
            .map(|doc| {
                let text = store.document(doc.id).expect("document").text;
                format!("{} {}", doc.source, text.len())
            })
            .collect(),
        events: events
            .iter()
            .map(|row| {
                format!(
                    "{}@{}-{} {} {} {} {:?} {}",
                    row.provenance.source,
                    row.event.span.start,
                    row.event.span.end,
                    row.event.actor,
                    row.event.action.as_str(),
                    row.event.target,
                    row.event.date,
                    row.event.modality.as_str()
                )
            })
            .collect(),
        facts: facts
            .iter()
            .map(|fact| {
                let mut places: Vec<String> = fact.event_ids.iter().map(|id| place(*id)).collect();
                places.sort();
                format!(
                    "{} {} {} {:?} {} sources={} documents={} {:?} [{}] contradictions={}",
                    fact.actor,
                    fact.action.as_str(),
                    fact.target,
                    fact.date,
                    fact.modality.as_str(),
                    fact.source_count,
                    fact.document_count,
                    fact.outlets,
                    places.join(" "),
                    fact.contradictions.len()
                )
            })
            .collect(),
        stories: store.counts().expect("counts").stories,
    }
}

#[test]
fn four_concurrent_ingests_store_what_one_serial_ingest_stores() {
    let Some(serial) = PgDatabase::create("serial") else {
        return;
    };
    let Some(concurrent) = PgDatabase::create("concurrent") else {
        return;
    };
    let files = samples();
    ingest(&serial.url, &files, 64);

    // Four processes at once, one document a batch; each article goes to two of them.
    let parts: Vec<Vec<PathBuf>> = (0..4)
        .map(|worker| {
            (0..4)
                .map(|offset| files[(worker * 2 + offset) % files.len()].clone())
                .collect()
        })
        .collect();
    let binary = assert_cmd::cargo::cargo_bin("migtrack");
    let children: Vec<std::process::Child> = parts
        .iter()
        .map(|part| {
            std::process::Command::new(&binary)
                .arg("--db")
                .arg(&concurrent.url)
                .arg("--quiet")
                .arg("ingest")
                .arg("--batch-size")
                .arg("1")
                .args(part)
                .env_remove("MIGTRACK_DB")
                .spawn()
                .expect("start an ingest")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("ingest ends");
        assert!(output.status.success(), "{output:?}");
    }

    let serial_store = PgStore::open_read_only(&serial.url).expect("serial store");
    let concurrent_store = PgStore::open_read_only(&concurrent.url).expect("concurrent store");
    assert!(
        !concurrent_store.facts_stale().expect("stale"),
        "every document linked"
    );
    let expected = contents(&serial_store);
    assert_eq!(expected.documents.len(), 8);
    assert!(
        expected.events.len() > 8 && !expected.facts.is_empty(),
        "{expected:?}"
    );
    assert_eq!(contents(&concurrent_store), expected);
    assert_eq!(
        serial_store.counts().expect("counts"),
        concurrent_store.counts().expect("counts")
    );
}

#[test]
fn the_query_commands_read_postgresql_as_they_read_sqlite() {
    let Some(database) = PgDatabase::create("queries") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = dir.path().join("migtrack.db");
    let sqlite = sqlite.to_str().expect("utf-8 path");
    let files = samples();
    ingest(sqlite, &files, 64);
    ingest(&database.url, &files, 64);
    // The same articles in the same order: the same ids, so the same output, byte for byte.
    for command in [
        &["status"][..],
        &["timeline"],
        &["events", "--format", "json"],
        &["facts", "--format", "json"],
        &["quotes", "--format", "json"],
        &["speakers"],
        &["show", "3"],
        &["export", "--kind", "documents", "--format", "csv"],
    ] {
        let from_sqlite = migtrack(sqlite).args(command).output().expect("sqlite");
        let from_postgres = migtrack(&database.url)
            .args(command)
            .output()
            .expect("postgres");
        assert!(from_sqlite.status.success(), "{command:?}: {from_sqlite:?}");
        assert!(
            from_postgres.status.success(),
            "{command:?}: {}",
            String::from_utf8_lossy(&from_postgres.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&from_postgres.stdout),
            String::from_utf8_lossy(&from_sqlite.stdout),
            "{command:?}"
        );
    }
    // Search ranks differently (ts_rank, bm25) but finds the same documents.
    let found = |db: &str| {
        let store: Box<dyn Store> = if db.starts_with("postgres") {
            Box::new(PgStore::open_read_only(db).expect("open"))
        } else {
            Box::new(SqliteStore::open_read_only(db).expect("open"))
        };
        let mut ids: Vec<i64> = store
            .search("compact OR \"Marrakech\"", Page::default())
            .expect("search")
            .items
            .iter()
            .map(|hit| hit.doc_id)
            .collect();
        ids.sort_unstable();
        ids
    };
    assert!(!found(sqlite).is_empty());
    assert_eq!(found(&database.url), found(sqlite));
    migtrack(&database.url)
        .args(["search", "migration"])
        .assert()
        .success();
    // A review through PostgreSQL relinks there.
    migtrack(&database.url)
        .args(["review", "event:1", "--reject"])
        .assert()
        .success();
    let store = PgStore::open_read_only(&database.url).expect("open");
    assert!(!store.facts_stale().expect("stale"));
    let listed = store
        .events(&EventFilter::default(), Page::default())
        .expect("events");
    assert!(listed.items.iter().all(|row| row.id != 1));
}
