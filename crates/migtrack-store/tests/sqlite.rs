//! SqliteStore against temporary database files: migrations, idempotent ingest, near-duplicate
//! stories, paging, filters, full-text search, read-only mode, rollback, facts.

use migtrack_model::{Action, Claim, DateMention, Evidence, Figure, Modality, Quote, Span};
use migtrack_store::{
    DocumentFilter, EventFilter, Fact, NewDocument, Page, PutOutcome, RecordFilter, ReviewKind,
    SCHEMA_VERSION, SEARCH_CANDIDATES, SqliteStore, Store, StoreError, StoryMatch, Term, Verdict,
};

mod common;

use common::{
    Doc, at_least_0_7, at_least_0_95, date, event, event_ids, search_hits, signature_sharing,
    span_of, three_docs,
};

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("migtrack.db");
    (dir, path)
}

#[test]
fn migrations_are_idempotent_on_reopen() {
    let (_dir, path) = temp_db();
    let first = {
        let mut store = SqliteStore::open(&path).expect("open");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        store.put_batch(&three_docs()).expect("put");
        store.counts().expect("counts")
    };
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(store.counts().expect("counts"), first);
    assert_eq!(first.documents, 3);
}

/// Migration 0008 fills in the document fields it adds to the events of an older store, so
/// the link step reads the same events from the unit index as from the tables.
#[test]
fn migration_8_gives_older_events_their_documents_fields() {
    let (_dir, path) = temp_db();
    let expected = {
        let mut store = SqliteStore::open(&path).expect("open");
        store.put_batch(&three_docs()).expect("put");
        store.event_refs().expect("refs")
    };
    {
        // Back to schema 7: the events as 0007 left them.
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute_batch(
            "DROP INDEX events_unit;
             ALTER TABLE events DROP COLUMN doc_story_id;
             ALTER TABLE events DROP COLUMN doc_outlet;
             ALTER TABLE events DROP COLUMN doc_published;
             CREATE INDEX events_unit ON events(actor_key, target_key);
             DROP TABLE doc_hashes;
             DROP TABLE hash_runs;
             DELETE FROM schema_version WHERE version >= 8;
             PRAGMA user_version = 7;",
        )
        .expect("back to 7");
    }
    let store = SqliteStore::open(&path).expect("migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    common::migrated_refs_read_back(&store, &expected);
}

/// Issue 10, item 4: exact duplicates are found through the content-hash runs (migration
/// 0009) across batches, bulk transactions, sealed runs and a reopen of the file, and each
/// document is stored once.
#[test]
fn duplicates_are_found_across_bulk_transactions_sealed_runs_and_reopen() {
    let (_dir, path) = temp_db();
    // More documents than the open run holds (4,096), so some hashes are in sealed runs.
    let docs: Vec<NewDocument> = (0..5000)
        .map(|index| {
            Doc::new(
                &format!("doc-{index}.txt"),
                &format!("Document number {index}."),
            )
            .build()
        })
        .collect();
    let new_ids = |outcomes: Vec<PutOutcome>| -> Vec<i64> {
        outcomes
            .into_iter()
            .map(|outcome| match outcome {
                PutOutcome::New { doc_id, .. } => doc_id,
                PutOutcome::Duplicate { doc_id } => panic!("{doc_id} is new"),
            })
            .collect()
    };
    let mut ids = Vec::new();
    {
        let mut store = SqliteStore::open(&path).expect("open");
        // Bulk transactions of 1,000 and 2,000 documents, batches of 250.
        for (index, chunk) in docs.chunks(1000).enumerate() {
            if index != 2 {
                store.begin_bulk().expect("begin");
            }
            for batch in chunk.chunks(250) {
                ids.extend(new_ids(store.put_batch(batch).expect("put")));
            }
            if index != 1 {
                store.commit_bulk().expect("commit");
            }
        }
    }
    let expected: Vec<i64> = (1..=5000).collect();
    assert_eq!(ids, expected);
    let mut store = SqliteStore::open(&path).expect("reopen");
    // The first and the last documents (one in a sealed run, one in the open run), and all.
    for (batch, first_id) in [(&docs[..1], 1), (&docs[4999..], 5000), (&docs[..], 1)] {
        store.begin_bulk().expect("begin");
        let outcomes = store.put_batch(batch).expect("again");
        store.commit_bulk().expect("commit");
        for (offset, outcome) in outcomes.iter().enumerate() {
            assert_eq!(
                *outcome,
                PutOutcome::Duplicate {
                    doc_id: first_id + offset as i64
                }
            );
        }
    }
    assert_eq!(store.counts().expect("counts").documents, 5000);
}

/// Issue 10, item 4: an existing store (schema 8: the documents table with its unique
/// content-hash index) opens, migrates and still tells its documents' copies apart.
#[test]
fn a_store_of_schema_8_migrates_and_still_finds_its_duplicates() {
    let (_dir, path) = temp_db();
    let first = {
        let mut store = SqliteStore::open(&path).expect("open");
        store.put_batch(&three_docs()).expect("put");
        store.counts().expect("counts")
    };
    {
        // Back to schema 8: the documents table as 0001 made it.
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             BEGIN;
             CREATE TABLE documents_8 (
                 id INTEGER PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, byline TEXT,
                 published TEXT, published_origin TEXT, outlet TEXT, lang TEXT,
                 text TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,
                 story_id INTEGER NOT NULL REFERENCES stories(id), signature BLOB NOT NULL,
                 created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
             INSERT INTO documents_8 SELECT * FROM documents;
             DROP TABLE documents;
             ALTER TABLE documents_8 RENAME TO documents;
             CREATE INDEX documents_source ON documents(source);
             CREATE INDEX documents_story ON documents(story_id);
             DROP TABLE doc_hashes;
             DROP TABLE hash_runs;
             DELETE FROM schema_version WHERE version >= 9;
             PRAGMA user_version = 8;
             COMMIT;",
        )
        .expect("back to 8");
    }
    let mut store = SqliteStore::open(&path).expect("migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(store.counts().expect("counts"), first);
    let outcomes = store.put_batch(&three_docs()).expect("put again");
    assert!(
        outcomes
            .iter()
            .all(|outcome| matches!(outcome, PutOutcome::Duplicate { .. })),
        "{outcomes:?}"
    );
    let fresh = Doc::new("d.txt", "Peru signed the compact.").build();
    let outcomes = store.put_batch(&[fresh]).expect("put a new one");
    assert!(
        matches!(outcomes[0], PutOutcome::New { doc_id: 4, .. }),
        "{outcomes:?}"
    );
    assert_eq!(store.counts().expect("counts").documents, 4);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let broken: i64 = conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })
        .expect("check");
    assert_eq!(broken, 0);
}

#[test]
fn counts_are_stable_when_the_same_input_is_ingested_again() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    store.put_batch(&three_docs()).expect("put");
    let once = store.counts().expect("counts");
    drop(store);
    let mut store = SqliteStore::open(&path).expect("reopen");
    let outcomes = store.put_batch(&three_docs()).expect("put again");
    assert!(
        outcomes
            .iter()
            .all(|outcome| matches!(outcome, PutOutcome::Duplicate { .. }))
    );
    assert_eq!(store.counts().expect("counts"), once);
    assert_eq!(
        (once.documents, once.stories, once.events),
        (3, 3, 3),
        "three distinct documents, each its own story"
    );
}

/// (case, signature, bands, the story match, joins the base story?)
type NearDuplicateCase = (&'static str, Vec<u64>, Vec<u64>, StoryMatch, bool);

#[test]
fn near_duplicates_join_the_story_of_a_similar_candidate() {
    let cases: [NearDuplicateCase; 5] = [
        (
            "similar and sharing a band",
            signature_sharing(18),
            vec![7, 99],
            at_least_0_7,
            true,
        ),
        (
            "sharing a band but dissimilar",
            signature_sharing(10),
            vec![7],
            at_least_0_7,
            false,
        ),
        (
            "identical but no shared band",
            signature_sharing(20),
            vec![99],
            at_least_0_7,
            false,
        ),
        (
            "similar, below a strict threshold",
            signature_sharing(18),
            vec![7],
            at_least_0_95,
            false,
        ),
        ("empty signature", Vec::new(), vec![7], at_least_0_7, false),
    ];
    for (case, signature, bands, story_match, joins) in cases {
        let mut store = SqliteStore::open_in_memory()
            .expect("open")
            .with_story_match(story_match);
        let base = Doc::new("base.txt", "wire copy one")
            .signed(signature_sharing(20), vec![7, 8])
            .build();
        let copy = Doc::new("copy.txt", "wire copy two")
            .signed(signature, bands)
            .build();
        let outcomes = store.put_batch(&[base, copy]).expect("put");
        let (
            PutOutcome::New {
                story_id: base_story,
                ..
            },
            PutOutcome::New {
                story_id,
                joined_story,
                ..
            },
        ) = (outcomes[0], outcomes[1])
        else {
            panic!("{case}: both documents are new: {outcomes:?}");
        };
        assert_eq!(joined_story, joins, "{case}");
        assert_eq!(story_id == base_story, joins, "{case}");
        let stories = store.stories(Page::default()).expect("stories");
        assert_eq!(stories.items.len(), if joins { 1 } else { 2 }, "{case}");
        assert_eq!(stories.items[0].first_doc_id, Some(1), "{case}");
    }
}

fn dated_events_store() -> SqliteStore {
    let mut store = SqliteStore::open_in_memory().expect("open");
    let text = "Several things happened to the Global Compact. More later.";
    let events = vec![
        event(text, "USA", Action::Withdraw, "gcm", Some("2017-12-02")),
        event(text, "USA", Action::Boycott, "gcm", Some("2017-12")),
        event(
            text,
            "Hungary",
            Action::Reject,
            "Global Compact",
            Some("2018"),
        ),
        event(text, "AUS", Action::Reject, "gcm", Some("2018-Q4")),
        event(text, "United States", Action::Urge, "allies", None),
    ];
    store
        .put_batch(&[Doc::new("a.txt", text).events(events).build()])
        .expect("put");
    store
}

#[test]
fn event_filters_match_ids_text_and_date_prefixes() {
    let store = dated_events_store();
    let since = |d| Some(date(d));
    let cases: Vec<(&str, EventFilter, Vec<i64>)> = vec![
        ("no filter", EventFilter::default(), vec![1, 2, 3, 4, 5]),
        (
            "actor id exact",
            EventFilter {
                actor: Some("USA".into()),
                ..Default::default()
            },
            vec![1, 2],
        ),
        (
            "actor contained, any case",
            EventFilter {
                actor: Some("united".into()),
                ..Default::default()
            },
            vec![5],
        ),
        (
            "actor exact: an id matches only itself, not the words containing it",
            EventFilter {
                actor: Some(Term::Exact("US".into())),
                ..Default::default()
            },
            vec![],
        ),
        (
            "actor exact",
            EventFilter {
                actor: Some(Term::Exact("USA".into())),
                ..Default::default()
            },
            vec![1, 2],
        ),
        (
            "target exact",
            EventFilter {
                target: Some(Term::Exact("gcm".into())),
                ..Default::default()
            },
            vec![1, 2, 4],
        ),
        (
            "action",
            EventFilter {
                action: Some("reject".into()),
                ..Default::default()
            },
            vec![3, 4],
        ),
        (
            "target contained",
            EventFilter {
                target: Some("global compact".into()),
                ..Default::default()
            },
            vec![3],
        ),
        (
            "since keeps coarser dates that overlap",
            EventFilter {
                since: since("2017-12-05"),
                ..Default::default()
            },
            vec![2, 3, 4],
        ),
        (
            "until keeps coarser dates that overlap",
            EventFilter {
                until: since("2017-12-01"),
                ..Default::default()
            },
            vec![2],
        ),
        (
            "since and until",
            EventFilter {
                since: since("2017-12-02"),
                until: since("2017-12-31"),
                ..Default::default()
            },
            vec![1, 2],
        ),
        (
            "doc id",
            EventFilter {
                doc_id: Some(2),
                ..Default::default()
            },
            vec![],
        ),
    ];
    for (case, filter, expected) in cases {
        assert_eq!(event_ids(&store, filter), expected, "{case}");
    }
    assert!(matches!(
        store.events(
            &EventFilter {
                action: Some("leave".into()),
                ..Default::default()
            },
            Page::default()
        ),
        Err(StoreError::InvalidQuery(_))
    ));
}

fn records_doc() -> NewDocument {
    let text = "\"We will not sign,\" said Minister Jane Roe. About 7,500 people arrived in March 2018. \
                Officials claimed crime rose, without data.";
    let mut doc = Doc::new("records.txt", text)
        .published("2018-04-01")
        .build();
    doc.extraction.quotes = vec![Quote {
        speaker: Some("Minister Jane Roe".into()),
        role: Some("minister".into()),
        speaker_entity: None,
        text: "We will not sign,".into(),
        direct: true,
        span: span_of(text, "We will not sign,"),
        speaker_span: Some(span_of(text, "Minister Jane Roe")),
        rule: "quote.said".into(),
    }];
    doc.extraction.figures = vec![Figure {
        text: "7,500".into(),
        value: 7500.0,
        unit: Some("people".into()),
        counts: Some("people".into()),
        bound: Some("about".into()),
        span: span_of(text, "7,500"),
        rule: "figure.count".into(),
    }];
    doc.extraction.dates = vec![DateMention {
        text: "March 2018".into(),
        value: Some("2018-03".into()),
        span: span_of(text, "March 2018"),
        rule: "date.month_year".into(),
    }];
    doc.extraction.claims = vec![Claim {
        speaker: Some("Officials".into()),
        text: "crime rose".into(),
        evidence: Evidence::NoneGiven,
        span: span_of(text, "crime rose"),
        evidence_span: Some(span_of(text, "without data")),
        rule: "claim.none_given".into(),
    }];
    doc
}

#[test]
fn record_filters_and_document_view_keep_every_field() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    let doc = records_doc();
    store.put_batch(std::slice::from_ref(&doc)).expect("put");
    let speaker = |s: &str| RecordFilter {
        speaker: Some(s.into()),
        ..Default::default()
    };
    assert_eq!(
        store
            .quotes(&speaker("jane"), Page::default())
            .expect("quotes")
            .items
            .len(),
        1
    );
    assert_eq!(
        store
            .quotes(&speaker("john"), Page::default())
            .expect("quotes")
            .items
            .len(),
        0
    );
    assert_eq!(
        store
            .claims(&speaker("officials"), Page::default())
            .expect("claims")
            .items
            .len(),
        1
    );
    let text = RecordFilter {
        text: Some("7,5".into()),
        ..Default::default()
    };
    assert_eq!(
        store
            .figures(&text, Page::default())
            .expect("figures")
            .items
            .len(),
        1
    );
    assert!(matches!(
        store.dates(&speaker("jane"), Page::default()),
        Err(StoreError::InvalidQuery(_))
    ));

    let view = store.find_document("records.txt").expect("by source");
    assert_eq!(view, store.find_document("1").expect("by id"));
    assert!(matches!(
        store.find_document("nope.txt"),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(store.document(99), Err(StoreError::NotFound(_))));
    assert_eq!(view.text, doc.doc.text);
    assert_eq!(view.summary.published, Some(date("2018-04-01")));
    assert_eq!(view.summary.quote_count, 1);
    assert_eq!(view.quotes[0].quote, doc.extraction.quotes[0]);
    assert_eq!(view.figures[0].figure, doc.extraction.figures[0]);
    assert_eq!(view.dates[0].date, doc.extraction.dates[0]);
    assert_eq!(view.claims[0].claim, doc.extraction.claims[0]);
    let provenance = &view.claims[0].provenance;
    assert_eq!(provenance.span.slice(&view.text), "crime rose");
    assert_eq!(
        (provenance.doc_id, provenance.rule.as_str()),
        (1, "claim.none_given")
    );
}

#[test]
fn event_rows_carry_their_sentence_in_non_ascii_text() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    let text = "Österreich trat aus dem Pakt aus. Zweiter Satz über Migration.";
    let mut event = event(text, "AUT", Action::Withdraw, "gcm", None);
    event.sentence = span_of(text, "Zweiter Satz über Migration.");
    store
        .put_batch(&[Doc::new("de.txt", text).events(vec![event.clone()]).build()])
        .expect("put");
    let rows = store
        .events(&EventFilter::default(), Page::default())
        .expect("events");
    assert_eq!(rows.items[0].sentence_text, "Zweiter Satz über Migration.");
    assert_eq!(rows.items[0].event, event);
}

#[test]
fn full_text_search_finds_words_and_tolerates_punctuation() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    store.put_batch(&three_docs()).expect("put");
    let hits = |query: &str| search_hits(&store, query);
    assert_eq!(hits("asylum"), vec!["b.txt"]);
    assert_eq!(hits("MIGRATION"), vec!["a.txt", "c.txt"]);
    assert_eq!(hits("U.S. boycotted"), vec!["c.txt"]);
    assert_eq!(hits("\"refugee framework\""), vec!["b.txt"]);
    assert_eq!(
        hits("title"),
        vec!["a.txt", "b.txt", "c.txt"],
        "titles are indexed"
    );
    assert!(hits("nothingmatches").is_empty());
    let snippet = &store
        .search("asylum", Page::default())
        .expect("search")
        .items[0]
        .snippet;
    assert!(snippet.contains("asylum"), "{snippet}");
    assert!(matches!(
        store.search("  ", Page::default()),
        Err(StoreError::InvalidQuery(_))
    ));
}

/// User text is terms, never FTS5 syntax: operators, column filters, special queries (`*...`)
/// and unbalanced quotes are words or nothing, so every text is a valid query (issue 12, item 5).
#[test]
fn search_treats_any_text_as_terms_never_as_syntax() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    store.put_batch(&three_docs()).expect("put");
    let hits = |query: &str| search_hits(&store, query);
    let nothing: Vec<String> = Vec::new();
    let hostile = [
        "*",
        "**",
        "*reads",
        "*id",
        "\"",
        "\"\"",
        "\"\"\"",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        "NEAR(a b",
        ")",
        "(",
        "()",
        "-",
        "--",
        ":",
        "title:",
        "text:asylum:",
        "^",
        "+",
        "{",
        "{title text}: x",
        "'",
        "`",
        ";",
        "a OR",
        "OR a",
        "OR OR",
        "NOT asylum",
        "asylum AND",
        "asylum NOT",
        "*asylum",
        "asylum*",
        "\0",
        "%",
        "_",
        "'); DROP TABLE documents; --",
        "\u{feff}",
        "\u{202e}asylum",
        "\u{e000}*",
        "²*",
        "Ⅻ*",
        "\u{301}*",
        "a\u{301}*",
    ];
    for query in hostile {
        hits(query);
    }
    for (query, expected) in [
        ("*", &nothing),
        ("\"", &nothing),
        ("(", &nothing),
        ("NEAR(", &nothing),
        ("NOT asylum", &nothing),
    ] {
        assert_eq!(&hits(query), expected, "{query:?}");
    }
    assert_eq!(
        hits("title:"),
        vec!["a.txt", "b.txt", "c.txt"],
        "the word of every title, not a column filter"
    );
    assert_eq!(
        hits("asylum*"),
        vec!["b.txt"],
        "a trailing star is a prefix"
    );
    assert_eq!(hits("asyl*"), vec!["b.txt"], "a trailing star is a prefix");
    assert_eq!(
        hits("text:asylum"),
        nothing,
        "no column filter: the phrase \"text asylum\""
    );
    assert_eq!(hits("(asylum)"), vec!["b.txt"]);
    assert_eq!(hits("asylum -"), vec!["b.txt"]);
    assert_eq!(
        hits("\"asylum"),
        vec!["b.txt"],
        "an unclosed quote runs to the end"
    );
    assert_eq!(
        hits("asylum OR boycotted"),
        vec!["b.txt", "c.txt"],
        "OR between terms"
    );
    assert_eq!(hits("asylum OR"), vec!["b.txt"], "a trailing OR is dropped");
    assert_eq!(
        hits("\"refugee framework\" OR Ruritania"),
        vec!["a.txt", "b.txt"]
    );
    assert!(
        store
            .search("'); DROP TABLE documents; --", Page::default())
            .is_ok()
    );
    assert_eq!(store.counts().expect("counts").documents, 3);
}

#[test]
fn search_pages_through_ranked_hits() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    store.put_batch(&three_docs()).expect("put");
    let first = store
        .search(
            "Title",
            Page {
                limit: 2,
                cursor: None,
            },
        )
        .expect("page 1");
    assert_eq!(first.items.len(), 2);
    let second = store
        .search(
            "Title",
            Page {
                limit: 2,
                cursor: first.next,
            },
        )
        .expect("page 2");
    assert_eq!((second.items.len(), second.next), (1, None));
    let mut all: Vec<i64> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|hit| hit.doc_id)
        .collect();
    all.sort();
    assert_eq!(all, vec![1, 2, 3]);
}

/// A query whose newest matches are most of the newest documents (a window of
/// `SEARCH_CANDIDATES` within fewer than twice as many ids) is ordered newest first, without
/// bm25 and its count of every match; a rarer one, or one with `OR`, keeps bm25's ranking,
/// the most relevant first. Pages walk the same window either way.
#[test]
fn a_query_matching_most_documents_comes_newest_first() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    let window = SEARCH_CANDIDATES;
    // Every document says "common"; every third also "sparse", every 300th also "rare", the
    // oldest most often.
    let documents: Vec<NewDocument> = (0..3 * window + 3)
        .map(|i| {
            let text = match i {
                0 => "Rare rare rare rare, sparse and common.".to_string(),
                i if i % 300 == 0 => format!("A rare, sparse and common word in document {i}."),
                i if i % 3 == 0 => format!("A sparse and common word in document {i}, once."),
                i => format!("A common word in document {i}, once."),
            };
            Doc::new(&format!("{i}.txt"), &text).build()
        })
        .collect();
    store.put_batch(&documents).expect("put");
    let ids = |query: &str, cursor: Option<i64>| -> (Vec<i64>, Option<i64>) {
        let page = store
            .search(query, Page { limit: 400, cursor })
            .expect("search");
        (page.items.iter().map(|hit| hit.doc_id).collect(), page.next)
    };
    // Dense: the newest first, page after page, the window and no more.
    let newest = i64::try_from(documents.len()).expect("ids");
    let mut walked = Vec::new();
    let mut cursor = None;
    loop {
        let (page, next) = ids("common", cursor);
        walked.extend(page);
        match next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let expected: Vec<i64> = (0..i64::try_from(window).expect("window"))
        .map(|k| newest - k)
        .collect();
    assert_eq!(walked, expected);
    // One match in three: the newest 1,000 span 3,000 ids, so bm25 ranks them (equal
    // scores here, then the lower id first), not the newest first.
    let (sparse, _) = ids("sparse", None);
    assert_eq!(sparse.len(), 400);
    assert!(
        sparse.windows(2).all(|pair| pair[0] < pair[1]),
        "{sparse:?}"
    );
    // Fewer matches than the window: ranked whole, the most relevant (the oldest) first.
    assert_eq!(ids("rare", None).0.first(), Some(&1));
    // With OR (here both sides common): ranked as well.
    let (either, _) = ids("common OR sparse", None);
    assert_ne!(either[..], expected[..400]);
}

#[test]
fn read_only_store_answers_queries_and_refuses_writes() {
    let (_dir, path) = temp_db();
    SqliteStore::open(&path)
        .expect("open")
        .put_batch(&three_docs())
        .expect("put");
    let mut store = SqliteStore::open_read_only(&path).expect("open read-only");
    assert!(store.is_read_only());
    assert_eq!(store.counts().expect("counts").documents, 3);
    assert_eq!(
        store
            .search("asylum", Page::default())
            .expect("search")
            .items
            .len(),
        1
    );
    assert!(matches!(
        store.put_batch(&three_docs()),
        Err(StoreError::ReadOnly)
    ));
    assert!(matches!(
        store.replace_facts(&[]),
        Err(StoreError::ReadOnly)
    ));
    let (_missing_dir, missing) = temp_db();
    assert!(matches!(
        SqliteStore::open_read_only(&missing),
        Err(StoreError::Open { .. })
    ));
    assert!(!missing.exists(), "a read-only open creates nothing");
}

/// A document whose date span SQLite cannot store: its batch fails.
fn broken_doc() -> NewDocument {
    let mut broken = Doc::new("broken.txt", "A span that SQLite cannot hold.").build();
    broken.extraction.dates = vec![DateMention {
        text: "x".into(),
        value: None,
        span: Span::new(usize::MAX, usize::MAX),
        rule: "test".into(),
    }];
    broken
}

#[test]
fn failed_batch_rolls_back_and_leaves_earlier_data_intact() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    let docs = three_docs();
    store.put_batch(&docs[..1]).expect("first batch");
    let before = store.counts().expect("counts");
    let broken = broken_doc();
    let result = store.put_batch(&[docs[1].clone(), broken]);
    assert!(result.is_err(), "{result:?}");
    assert_eq!(store.counts().expect("counts"), before);
    assert!(
        store.find_document("b.txt").is_err(),
        "the good document of the failed batch is gone too"
    );
    // The store still works, and the rolled-back document can come in later.
    let outcomes = store.put_batch(&docs[1..2]).expect("retry");
    assert!(matches!(outcomes[0], PutOutcome::New { .. }));
    drop(store);
    let reopened = SqliteStore::open(&path).expect("reopen");
    assert_eq!(reopened.counts().expect("counts").documents, 2);
}

fn fact(id: i64, actor: &str, action: Action, when: Option<&str>, event_ids: Vec<i64>) -> Fact {
    Fact {
        id,
        actor: actor.into(),
        action,
        target: "gcm".into(),
        date: when.map(String::from),
        modality: Modality::Asserted,
        source_count: event_ids.len(),
        document_count: event_ids.len(),
        outlets: vec!["Daily".into()],
        first_reported: Some(date("2018-12-10")),
        latest_reported: Some(date("2018-12-11")),
        event_ids,
        contradictions: vec![format!("also reported as 2018-12-11 (fact {})", id + 1)],
    }
}

#[test]
fn facts_are_replaced_whole_and_filtered() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    store.put_batch(&three_docs()).expect("put");
    let refs = store.event_refs().expect("refs");
    assert_eq!(refs.len(), 3);
    assert_eq!(
        (
            refs[0].event_id,
            refs[0].doc_id,
            refs[0].story_id,
            refs[0].outlet.as_deref()
        ),
        (1, 1, 1, Some("Daily"))
    );
    assert_eq!(refs[1].published, Some(date("2017-12-03")));

    let facts = vec![
        fact(10, "RUR", Action::Withdraw, Some("2018-12-10"), vec![1]),
        fact(11, "FRE", Action::Join, Some("2017-12"), vec![2]),
        fact(12, "USA", Action::Boycott, None, vec![3]),
    ];
    store.replace_facts(&facts).expect("replace");
    assert_eq!(store.fact(10).expect("fact"), facts[0]);
    let all = store
        .facts(&EventFilter::default(), Page::default())
        .expect("facts");
    assert_eq!(all.items, facts);
    let by_doc = store
        .facts(
            &EventFilter {
                doc_id: Some(2),
                ..Default::default()
            },
            Page::default(),
        )
        .expect("facts");
    assert_eq!(
        by_doc.items.iter().map(|f| f.id).collect::<Vec<_>>(),
        vec![11]
    );
    let since = store
        .facts(
            &EventFilter {
                since: Some(date("2018-01-01")),
                ..Default::default()
            },
            Page::default(),
        )
        .expect("facts");
    assert_eq!(
        since.items.iter().map(|f| f.id).collect::<Vec<_>>(),
        vec![10]
    );

    store.replace_facts(&facts[..1]).expect("replace again");
    assert_eq!(store.counts().expect("counts").facts, 1);
    assert!(matches!(store.fact(11), Err(StoreError::NotFound(_))));
    // A fact naming an unknown event is refused and the previous set stays.
    let bad = fact(20, "X", Action::Join, None, vec![999]);
    assert!(store.replace_facts(&[bad]).is_err());
    assert_eq!(store.counts().expect("counts").facts, 1);
}

#[test]
fn a_batch_stored_without_its_link_leaves_the_facts_stale_until_linked() {
    // What a process killed between `put_batch` and its link leaves behind (issue 12, item 10).
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    assert!(
        !store.facts_stale().expect("stale"),
        "an empty store is current"
    );
    store.put_batch(&three_docs()).expect("put");
    drop(store);
    let reader = SqliteStore::open_read_only(&path).expect("open read-only");
    assert!(reader.facts_stale().expect("stale"), "events without facts");
    let mut store = SqliteStore::open(&path).expect("reopen");
    let facts = vec![
        fact(10, "RUR", Action::Withdraw, Some("2018-12-10"), vec![1]),
        fact(11, "FRE", Action::Join, Some("2017-12"), vec![2]),
        fact(12, "USA", Action::Boycott, None, vec![3]),
    ];
    store.replace_facts(&facts).expect("link");
    assert!(
        !store.facts_stale().expect("stale"),
        "every event in a fact"
    );
    assert!(
        !reader.facts_stale().expect("stale"),
        "seen by other connections"
    );
    const TEXT_D: &str = "Chile withdrew from the compact. The minister said so.";
    let late = Doc::new("d.txt", TEXT_D)
        .events(vec![event(TEXT_D, "CHL", Action::Withdraw, "gcm", None)])
        .build();
    store.put_batch(&[late]).expect("put");
    assert!(
        store.facts_stale().expect("stale"),
        "a new event not linked yet"
    );
}

#[test]
fn documents_list_and_stream_in_id_order() {
    let mut store = SqliteStore::open_in_memory().expect("open");
    store.put_batch(&three_docs()).expect("put");
    let page = store
        .documents(Page {
            limit: 2,
            cursor: None,
        })
        .expect("documents");
    assert_eq!(
        page.items
            .iter()
            .map(|d| d.source.as_str())
            .collect::<Vec<_>>(),
        vec!["a.txt", "b.txt"]
    );
    assert_eq!(page.items[0].event_count, 1);
    assert_eq!(page.next, Some(2));
    let mut sources = Vec::new();
    store
        .for_each_document(|view| {
            sources.push(view.summary.source);
            Ok(())
        })
        .expect("stream");
    assert_eq!(sources, vec!["a.txt", "b.txt", "c.txt"]);
}

#[test]
fn read_only_reader_sees_what_a_writer_commits_meanwhile() {
    let (_dir, path) = temp_db();
    let docs = three_docs();
    let mut writer = SqliteStore::open(&path).expect("open");
    writer.put_batch(&docs[..1]).expect("put");
    let reader = SqliteStore::open_read_only(&path).expect("open read-only");
    assert_eq!(reader.counts().expect("counts").documents, 1);
    writer.put_batch(&docs[1..]).expect("put more");
    assert_eq!(reader.counts().expect("counts").documents, 3);
}

#[test]
fn read_only_open_refuses_an_unmigrated_file_until_a_writer_migrates_it() {
    let (_dir, path) = temp_db();
    // A file that is a SQLite database but has no migtrack schema yet.
    rusqlite::Connection::open(&path)
        .and_then(|conn| conn.execute_batch("CREATE TABLE other (x INTEGER);"))
        .expect("plain database");
    assert!(matches!(
        SqliteStore::open_read_only(&path),
        Err(StoreError::Open { .. })
    ));
    let store = SqliteStore::open(&path).expect("migrate on read-write open");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    drop(store);
    assert!(SqliteStore::open_read_only(&path).is_ok());
}

/// Issue 12, item 3: processes that open (create and migrate) the same new file at once must
/// all succeed — opening waits on the busy timeout like every other write, instead of failing
/// with "database is locked". Threads with their own connections take the same file locks as
/// processes.
#[test]
fn many_writers_opening_a_new_file_at_once_all_succeed() {
    const WRITERS: usize = 8;
    for round in 0..40 {
        let (_dir, path) = temp_db();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(WRITERS));
        let handles: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let path = path.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut store = SqliteStore::open(&path)
                        .map_err(|error| format!("round {round}, writer {writer}: {error}"))?;
                    let docs = three_docs();
                    store
                        .put_batch(&docs[writer % docs.len()..][..1])
                        .map_err(|error| format!("round {round}, writer {writer}: {error}"))?;
                    Ok::<_, String>(())
                })
            })
            .collect();
        let failures: Vec<String> = handles
            .into_iter()
            .filter_map(|handle| handle.join().unwrap().err())
            .collect();
        assert!(failures.is_empty(), "{failures:#?}");
        let store = SqliteStore::open_read_only(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }
}

/// The documents of `three_docs` plus `records_doc`, in a file store.
fn filtered_store() -> (tempfile::TempDir, SqliteStore) {
    let (dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    let mut docs = three_docs();
    let mut records = records_doc();
    records.doc.outlet = Some("Wire".into());
    records.doc.lang = Some("fr".into());
    docs.push(records);
    store.put_batch(&docs).expect("put");
    (dir, store)
}

#[test]
fn documents_and_records_filter_by_outlet_language_and_published_day() {
    let (_dir, store) = filtered_store();
    let documents = |filter: DocumentFilter| -> Vec<String> {
        store
            .documents_where(&filter, Page::default())
            .expect("documents")
            .items
            .into_iter()
            .map(|doc| doc.source)
            .collect()
    };
    let outlet = |name: &str| DocumentFilter {
        outlet: Some(name.into()),
        ..DocumentFilter::default()
    };
    assert_eq!(documents(outlet("daily")), ["a.txt"], "any case");
    assert_eq!(documents(outlet("Wire")), ["records.txt"]);
    let french = DocumentFilter {
        lang: Some("fr".into()),
        ..DocumentFilter::default()
    };
    assert_eq!(documents(french), ["records.txt"]);
    let period = DocumentFilter {
        since: Some(date("2018-01-01")),
        until: Some(date("2018-06-30")),
        ..DocumentFilter::default()
    };
    assert_eq!(
        documents(period),
        ["records.txt"],
        "undated c.txt is outside"
    );
    assert_eq!(documents(DocumentFilter::default()).len(), 4);

    let quotes = |filter: RecordFilter| store.quotes(&filter, Page::default()).expect("q").items;
    let in_2018 = RecordFilter {
        since: Some(date("2018-01-01")),
        until: Some(date("2018-12-31")),
        ..RecordFilter::default()
    };
    assert_eq!(quotes(in_2018).len(), 1);
    let in_2017 = RecordFilter {
        until: Some(date("2017-12-31")),
        ..RecordFilter::default()
    };
    assert!(quotes(in_2017).is_empty());
    let daily = RecordFilter {
        outlet: Some("Daily".into()),
        ..RecordFilter::default()
    };
    assert!(quotes(daily.clone()).is_empty());
    assert!(
        store
            .claims(&daily, Page::default())
            .expect("c")
            .items
            .is_empty()
    );
    let wire_french = RecordFilter {
        outlet: Some("WIRE".into()),
        lang: Some("FR".into()),
        ..RecordFilter::default()
    };
    assert_eq!(
        store
            .claims(&wire_french, Page::default())
            .expect("c")
            .items
            .len(),
        1
    );

    let events = |filter: EventFilter| event_ids(&store, filter).len();
    let daily_events = EventFilter {
        outlet: Some("daily".into()),
        ..EventFilter::default()
    };
    assert_eq!(events(daily_events), 1);
    let french_events = EventFilter {
        lang: Some("fr".into()),
        ..EventFilter::default()
    };
    assert_eq!(events(french_events), 0);
}

/// What the link stage would make of the current event refs: one fact per event.
fn link_one_per_event(store: &mut SqliteStore) {
    let facts: Vec<Fact> = store
        .event_refs()
        .expect("refs")
        .iter()
        .map(|event| fact(0, &event.actor, event.action, None, vec![event.event_id]))
        .collect();
    store.replace_facts(&facts).expect("replace");
}

#[test]
fn a_rejected_record_leaves_lists_and_facts_until_asked_for_and_keeps_across_relink() {
    let (_dir, mut store) = filtered_store();
    link_one_per_event(&mut store);
    let all_events = event_ids(&store, EventFilter::default());
    let rejected = all_events[0];
    let review = store
        .review(
            ReviewKind::Event,
            rejected,
            Verdict::Rejected,
            Some(" wrong actor "),
        )
        .expect("review");
    assert_eq!(review.verdict, Verdict::Rejected);
    assert_eq!(review.note.as_deref(), Some("wrong actor"));
    assert!(!event_ids(&store, EventFilter::default()).contains(&rejected));
    let everything = EventFilter {
        include_rejected: true,
        ..EventFilter::default()
    };
    let shown = store.events(&everything, Page::default()).expect("events");
    let row = shown
        .items
        .iter()
        .find(|row| row.id == rejected)
        .expect("shown again");
    assert_eq!(
        row.review.as_ref().map(|review| review.verdict),
        Some(Verdict::Rejected)
    );

    // The rejected event leaves the link stage's input; the facts holding it are stale.
    assert!(
        store
            .event_refs()
            .expect("refs")
            .iter()
            .all(|event| event.event_id != rejected)
    );
    assert!(store.facts_stale().expect("stale"));
    link_one_per_event(&mut store);
    assert!(!store.facts_stale().expect("stale"));
    let facts = store
        .facts(&EventFilter::default(), Page::default())
        .expect("facts");
    assert!(
        facts
            .items
            .iter()
            .all(|fact| !fact.event_ids.contains(&rejected))
    );
    assert_eq!(facts.items.len(), all_events.len() - 1);

    // Quotes and claims likewise; a confirmation keeps the record and says so.
    let quote = store
        .quotes(&RecordFilter::default(), Page::default())
        .expect("q")
        .items[0]
        .id;
    store
        .review(ReviewKind::Quote, quote, Verdict::Rejected, None)
        .expect("review");
    assert!(
        store
            .quotes(&RecordFilter::default(), Page::default())
            .expect("q")
            .items
            .is_empty()
    );
    let claim = store
        .claims(&RecordFilter::default(), Page::default())
        .expect("c")
        .items[0]
        .id;
    store
        .review(ReviewKind::Claim, claim, Verdict::Confirmed, None)
        .expect("review");
    let claims = store
        .claims(&RecordFilter::default(), Page::default())
        .expect("c")
        .items;
    assert_eq!(
        claims[0].review.as_ref().map(|review| review.verdict),
        Some(Verdict::Confirmed)
    );

    // Confirming the rejected event brings it back (and into the facts at the next link).
    store
        .review(ReviewKind::Event, rejected, Verdict::Confirmed, None)
        .expect("review");
    assert!(event_ids(&store, EventFilter::default()).contains(&rejected));
    assert!(store.facts_stale().expect("stale"));

    assert!(matches!(
        store.review(ReviewKind::Event, 9999, Verdict::Rejected, None),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_review_follows_the_record_when_its_document_is_ingested_again_under_new_ids() {
    let (dir, mut store) = filtered_store();
    let path = dir.path().join("migtrack.db");
    let quote = store
        .quotes(&RecordFilter::default(), Page::default())
        .expect("q")
        .items[0]
        .clone();
    store
        .review(ReviewKind::Quote, quote.id, Verdict::Rejected, None)
        .expect("review");
    drop(store);
    // Remove the document (its records go with it), then ingest it again: new row ids.
    let conn = rusqlite::Connection::open(&path).expect("open raw");
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE source = 'records.txt';",
    )
    .expect("delete");
    drop(conn);
    let mut store = SqliteStore::open(&path).expect("reopen");
    // Another document first, with the same quote at the same span: it takes the old ids, and
    // it is not the reviewed one (another content hash).
    let mut other = records_doc();
    other.doc.source = "other.txt".into();
    other.doc.text.push_str(" Another copy.");
    other.content_hash = format!("hash:{}", other.doc.text);
    let mut again = records_doc();
    again.doc.outlet = Some("Wire".into());
    store.put_batch(&[other, again]).expect("put again");
    let everything = RecordFilter {
        include_rejected: true,
        ..RecordFilter::default()
    };
    let rows = store.quotes(&everything, Page::default()).expect("q").items;
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].id, quote.id,
        "the other document's quote took the old id"
    );
    assert_eq!(rows[0].review, None);
    assert_eq!(rows[1].provenance.source, "records.txt");
    assert_eq!(
        rows[1].review.as_ref().map(|review| review.verdict),
        Some(Verdict::Rejected)
    );
    let shown = store
        .quotes(&RecordFilter::default(), Page::default())
        .expect("q")
        .items;
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].provenance.source, "other.txt");
}

#[test]
fn search_hits_name_their_outlet_and_mark_the_matched_words() {
    let (_dir, store) = filtered_store();
    let hits = store
        .search("compact", Page::default())
        .expect("search")
        .items;
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit.outlet.as_deref(), Some("Daily"));
    assert_eq!(hit.label, "Daily");
    assert!(!hit.snippet.contains('\u{E000}'), "{:?}", hit.snippet);
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|span| &hit.snippet[span.start..span.end])
        .collect();
    assert_eq!(marked, ["compact"]);
}

#[test]
fn speaker_counts_follow_quotes_as_they_are_stored_and_deleted() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    let mut other = records_doc();
    other.doc.source = "other.txt".into();
    other.doc.text.push_str(" Another copy.");
    other.content_hash = format!("hash:{}", other.doc.text);
    let mut third = other.clone();
    third.doc.source = "third.txt".into();
    third.doc.text.push_str(" And a third.");
    third.content_hash = format!("hash:{}", third.doc.text);
    third.extraction.quotes[0].role = None;
    store
        .put_batch(&[records_doc(), other, third])
        .expect("put");
    let counted = |store: &SqliteStore| {
        let mut expected: Vec<(migtrack_model::SpeakerMention, usize)> = Vec::new();
        for mention in store.speaker_mentions().expect("mentions") {
            match expected.iter_mut().find(|(seen, _)| *seen == mention) {
                Some((_, count)) => *count += 1,
                None => expected.push((mention, 1)),
            }
        }
        expected.sort_by(|a, b| format!("{:?}", a.0).cmp(&format!("{:?}", b.0)));
        let mut stored = store.speaker_counts().expect("counts");
        stored.sort_by(|a, b| format!("{:?}", a.0).cmp(&format!("{:?}", b.0)));
        assert_eq!(stored, expected);
        stored.iter().map(|(_, count)| count).sum::<usize>()
    };
    assert_eq!(counted(&store), 3);
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("open raw");
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE source = 'third.txt';",
    )
    .expect("delete");
    drop(conn);
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(counted(&store), 2);
}

#[test]
fn quote_text_filters_answer_alike_through_the_trigram_index_and_without_it() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    store.put_batch(&[records_doc()]).expect("put");
    let count = |text: &str| {
        let filter = RecordFilter {
            text: Some(text.into()),
            ..RecordFilter::default()
        };
        store
            .quotes(&filter, Page::default())
            .expect("quotes")
            .items
            .len()
    };
    // "We will not sign," (three characters or more go through the index; fewer scan).
    for (text, expected) in [
        ("WILL NOT", 1),
        ("sign,", 1),
        ("ign", 1),
        ("we", 1),
        ("w", 1),
        ("Narnia", 0),
        ("\"We will", 0),
        ("not sign\" OR \"x", 0),
        ("will  not", 0),
    ] {
        assert_eq!(count(text), expected, "{text:?}");
    }
}

/// Issue 10, item 4 (migration 0010): the quotes' and claims' full-text rows and the speaker
/// counts are written by the store, not by insert triggers. A statement that fires triggers
/// opens a statement journal, and that made FTS5 flush every full-text index of the
/// transaction to a new segment for each document; now a bulk load's pending terms reach the
/// disk together, as one segment an index, and every quote and claim is still found and
/// counted once.
#[test]
fn a_bulk_load_writes_each_full_text_index_as_one_segment_without_insert_triggers() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    let docs: Vec<NewDocument> = (0..12)
        .map(|n| {
            let mut doc = records_doc();
            doc.doc.source = format!("records-{n}.txt");
            doc.doc.text.push_str(&format!(" Copy {n}."));
            doc.content_hash = format!("hash:{}", doc.doc.text);
            doc
        })
        .collect();
    store.begin_bulk().expect("begin");
    for pair in docs.chunks(2) {
        store.put_batch(pair).expect("put");
    }
    store.commit_bulk().expect("commit");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).expect(sql) };
    assert_eq!(
        one("SELECT COUNT(*) FROM sqlite_master
             WHERE type = 'trigger' AND tbl_name IN ('quotes', 'claims') AND sql LIKE '%INSERT ON%'"),
        0
    );
    for table in ["documents_fts", "quotes_fts", "claims_fts"] {
        assert_eq!(
            one(&format!("SELECT COUNT(DISTINCT segid) FROM {table}_idx")),
            1,
            "{table}"
        );
    }
    assert_eq!(
        one("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH '\"will not sign\"'"),
        12
    );
    assert_eq!(
        one("SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH '\"rime ros\"'"),
        12
    );
    assert_eq!(one("SELECT quotes FROM speaker_counts"), 12);
    let store = SqliteStore::open(&path).expect("reopen");
    let filter = RecordFilter {
        text: Some("crime".into()),
        ..RecordFilter::default()
    };
    let claims = store.claims(&filter, Page::default()).expect("claims");
    assert_eq!(claims.items.len(), 12);
}

/// Issue 10, item 4: batches stored in one bulk transaction; a failed batch rolls the whole bulk
/// transaction back (the batches have no savepoints of their own: `put_batch` in sqlite.rs),
/// and nothing is visible to a reader before the commit.
#[test]
fn a_bulk_load_commits_its_batches_together_and_a_failed_batch_rolls_it_back() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    let docs = three_docs();
    store.begin_bulk().expect("begin");
    store.put_batch(&docs[..1]).expect("first batch");
    store.put_batch(&docs[1..2]).expect("second batch");
    let reader = SqliteStore::open_read_only(&path).expect("reader");
    assert_eq!(
        reader.counts().expect("counts").documents,
        0,
        "not committed"
    );
    store.commit_bulk().expect("commit");
    store.commit_bulk().expect("a second commit does nothing");
    assert_eq!(reader.counts().expect("counts").documents, 2);
    store.begin_bulk().expect("begin");
    store.put_batch(&docs[2..]).expect("third batch");
    let broken = broken_doc();
    assert!(store.put_batch(&[docs[0].clone(), broken]).is_err());
    store.commit_bulk().expect("nothing left to commit");
    assert_eq!(reader.counts().expect("counts").documents, 2);
    assert!(
        store.find_document("c.txt").is_err(),
        "the batch before the failed one in its bulk transaction is gone too"
    );
    // Outside a bulk load, a batch is its own transaction again; the rolled back document is
    // stored by the next try, once.
    let outcomes = store.put_batch(&docs[2..]).expect("retry");
    assert!(matches!(outcomes[0], PutOutcome::New { .. }));
    assert_eq!(reader.counts().expect("counts").documents, 3);
    let outcomes = store.put_batch(&docs[..1]).expect("again");
    assert!(matches!(outcomes[0], PutOutcome::Duplicate { .. }));
}
