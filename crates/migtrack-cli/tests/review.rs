//! `migtrack review ID --reject|--confirm [--note]` (issue 9 item 15): a rejected record leaves
//! the lists, the facts and the timeline, `--include-rejected` shows it again, and the review
//! holds when the same article is ingested again.

mod common;

use common::migtrack;
use serde_json::Value;

const ARTICLE: &str = "Hungary withdrew from the Global Compact for Migration on Monday, the \
    government said in a statement. \"We will not take part,\" Foreign Minister Péter Szijjártó \
    said. The minister claimed that the compact would bring 10,000 more arrivals, but gave no \
    figures to support it.\n";

fn json(db: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let output = migtrack(db)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("json");
    match value {
        Value::Array(items) => items,
        Value::Object(mut object) => match object.remove("items") {
            Some(Value::Array(items)) => items,
            _ => panic!("no items: {object:?}"),
        },
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn a_rejected_event_leaves_events_facts_and_timeline_and_stays_rejected_after_reingest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("review.db");
    let article = dir.path().join("hungary.txt");
    std::fs::write(&article, ARTICLE).expect("write");
    let ingest = |db: &std::path::Path| {
        migtrack(db)
            .args(["ingest", "--published", "2018-07-16"])
            .arg(&article)
            .assert()
            .success();
    };
    ingest(&db);
    let events = json(&db, &["events"]);
    assert!(!events.is_empty(), "the article has an event");
    let id = events[0]["id"].as_i64().unwrap();
    let facts_before = json(&db, &["facts"]).len();
    assert!(facts_before > 0);

    let output = migtrack(&db)
        .args([
            "review",
            &format!("event-{id}"),
            "--reject",
            "--note",
            "wrong date",
        ])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("rejected event {id} (wrong date)")
    );
    let still = |db: &std::path::Path| {
        assert!(json(db, &["events"]).iter().all(|event| event["id"] != id));
        let shown = json(db, &["events", "--include-rejected"]);
        let event = shown
            .iter()
            .find(|event| event["id"] == id)
            .expect("shown again");
        assert_eq!(event["review"]["verdict"], "rejected");
        assert_eq!(event["review"]["note"], "wrong date");
        assert_eq!(json(db, &["facts"]).len(), facts_before - 1);
    };
    still(&db);
    // The same article again (a duplicate) and the link stage again: still rejected.
    ingest(&db);
    still(&db);

    // Quotes and claims take reviews too; --confirm undoes a rejection.
    let quote = json(&db, &["quotes"])[0]["id"].as_i64().unwrap();
    migtrack(&db)
        .args(["review", &format!("quote:{quote}"), "--reject"])
        .assert()
        .success();
    assert!(json(&db, &["quotes"]).iter().all(|row| row["id"] != quote));
    let shown = json(&db, &["quotes", "--include-rejected"]);
    assert!(shown.iter().any(|row| row["id"] == quote));
    migtrack(&db)
        .args(["review", &format!("quote-{quote}"), "--confirm"])
        .assert()
        .success();
    let quotes = json(&db, &["quotes"]);
    let row = quotes.iter().find(|row| row["id"] == quote).expect("back");
    assert_eq!(row["review"]["verdict"], "confirmed");
}

#[test]
fn review_needs_one_verdict_and_a_record_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("none.db");
    for args in [
        vec!["review", "event-1"],
        vec!["review", "event-1", "--reject", "--confirm"],
    ] {
        migtrack(&db).args(&args).assert().code(2);
    }
    let output = migtrack(&db)
        .args(["review", "figure-1", "--reject"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("event-12"));
}
