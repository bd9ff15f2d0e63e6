//! Relinking: the link stage over every stored event, its facts replacing the stored ones. The
//! one implementation the CLI (after an ingest, before a query that finds the facts stale) and
//! the server (after a `POST`, at start) both call.

use std::path::Path;
use std::time::Instant;

use migtrack_model::Fact;
use migtrack_store::Store;

/// Re-run the link stage over every stored event and replace the stored facts; returns them.
pub fn relink(store: &mut dyn Store) -> migtrack_store::Result<Vec<Fact>> {
    let started = Instant::now();
    let events = store.event_refs()?;
    let read = started.elapsed();
    let facts = migtrack_pipeline::link::link(&events);
    let linked = started.elapsed();
    store.replace_facts(&facts)?;
    tracing::info!(
        events = events.len(),
        facts = facts.len(),
        read_ms = read.as_millis() as u64,
        link_ms = (linked - read).as_millis() as u64,
        store_ms = (started.elapsed() - linked).as_millis() as u64,
        "relinked"
    );
    Ok(facts)
}

/// What [`relink_if_stale`] did.
#[derive(Debug)]
pub enum Staleness {
    /// The facts were current (or whether they were could not be told: logged).
    Current,
    /// The facts were behind the stored events and were linked again: this many facts.
    Relinked(usize),
    /// The facts are behind and could not be linked again (a read-only file): why.
    Behind(String),
}

/// An ingest that ended between storing a batch and linking (killed, crashed) leaves events
/// without facts, so the timeline and status would miss them: link them again, through `write`
/// if given, else a short-lived read-write connection to `path` (a SQLite file or a PostgreSQL
/// URL).
pub fn relink_if_stale(path: &Path, read: &dyn Store, write: Option<&mut dyn Store>) -> Staleness {
    match read.facts_stale() {
        Ok(false) => return Staleness::Current,
        Ok(true) => {}
        Err(error) => {
            tracing::warn!(%error, "could not check whether the facts are current");
            return Staleness::Current;
        }
    }
    let relinked = match write {
        Some(store) => relink(store),
        None => migtrack_store::open_writable(path).and_then(|mut store| relink(store.as_mut())),
    };
    match relinked {
        Ok(facts) => {
            tracing::info!(
                facts = facts.len(),
                "linked the stored events again: an earlier ingest stopped before linking"
            );
            Staleness::Relinked(facts.len())
        }
        Err(error) => Staleness::Behind(error.to_string()),
    }
}

/// After an ingest or a `POST` stored these documents: link again only the link units (actor,
/// target) their events fall in and update those facts in place, [`LINK_UNITS_AT_ONCE`] units
/// at a time; the other facts stay as they are. What a full [`relink`] would store for those
/// units. Returns the number of facts written.
pub fn relink_documents(store: &mut dyn Store, doc_ids: &[i64]) -> migtrack_store::Result<usize> {
    let (mut read, mut linked, mut stored) = Default::default();
    let mut clock = Instant::now();
    let mut lap = |total: &mut std::time::Duration| {
        *total += clock.elapsed();
        clock = Instant::now();
    };
    let units = store.link_units(doc_ids)?;
    lap(&mut read);
    let mut written = 0;
    for units in units.chunks(LINK_UNITS_AT_ONCE) {
        let events = store.unit_event_refs(units)?;
        lap(&mut read);
        let facts = migtrack_pipeline::link::link(&events);
        lap(&mut linked);
        store.replace_unit_facts(units, &facts)?;
        lap(&mut stored);
        written += facts.len();
    }
    let ms = |total: std::time::Duration| total.as_millis() as u64;
    tracing::info!(
        documents = doc_ids.len(),
        units = units.len(),
        facts = written,
        read_ms = ms(read),
        link_ms = ms(linked),
        store_ms = ms(stored),
        "relinked the units the new documents touch"
    );
    Ok(written)
}

/// Link units relinked in one transaction: bounds the events in memory at once.
pub const LINK_UNITS_AT_ONCE: usize = 1024;

#[cfg(test)]
mod tests {
    use migtrack_model::{Action, CleanDocument, Event, Extraction, Modality, Span};
    use migtrack_store::{EventFilter, Fact, NewDocument, Page, PutOutcome, SqliteStore};

    use super::*;

    /// One document: its number names it; `events` are (actor, action, target, date,
    /// modality) as written.
    fn document(
        number: usize,
        outlet: &str,
        events: &[(&str, Action, &str, Option<&str>)],
    ) -> NewDocument {
        let text = format!("Document {number}. Something happened about migration.");
        NewDocument {
            content_hash: format!("hash {number}"),
            bands: Vec::new(),
            signature: Vec::new(),
            extraction: Extraction {
                events: events
                    .iter()
                    .map(|&(actor, action, target, date)| Event {
                        actor: actor.into(),
                        action,
                        target: target.into(),
                        date: date.map(String::from),
                        modality: if actor.ends_with("planned") {
                            Modality::Planned
                        } else {
                            Modality::Asserted
                        },
                        agent: None,
                        cameo: None,
                        plover: None,
                        span: Span::new(0, 8),
                        sentence: Span::new(0, 12),
                        rule: "test.event".into(),
                    })
                    .collect(),
                ..Extraction::default()
            },
            doc: CleanDocument {
                source: format!("doc-{number}.txt"),
                url: None,
                title: None,
                byline: None,
                published: chrono::NaiveDate::from_ymd_opt(2018, 1 + (number % 12) as u32, 1),
                published_origin: None,
                outlet: Some(outlet.into()),
                lang: Some("en".into()),
                encoding: None,
                text,
                origin_map: Vec::new(),
            },
        }
    }

    /// Documents whose later events reshape earlier facts: a precise date splits a coarse
    /// cluster, a second date contradicts a one-off move, opposite moves meet on one day, and
    /// names differ only in case and spacing.
    fn documents() -> Vec<NewDocument> {
        use Action::*;
        vec![
            document(
                1,
                "AP",
                &[
                    ("USA", Withdraw, "gcm", Some("2017")),
                    ("HUN", Join, "gcm", None),
                ],
            ),
            document(2, "Reuters", &[("USA", Withdraw, "gcm", Some("2017-12"))]),
            document(3, "AP", &[("Hungary", Criticize, "EU", Some("2018-01-02"))]),
            document(
                4,
                "BBC",
                &[
                    ("USA", Withdraw, "gcm", Some("2017-12-02")),
                    ("HUN", Withdraw, "gcm", Some("2018-07-18")),
                ],
            ),
            document(
                5,
                "AFP",
                &[
                    ("USA", Withdraw, "gcm", Some("2017-12-03")),
                    ("hun", Join, "GCM", Some("2018-07-18")),
                ],
            ),
            document(
                6,
                "AP",
                &[
                    ("usa", Withdraw, "GCM", None),
                    ("Hungary", Criticize, "EU", None),
                ],
            ),
            document(
                7,
                "DW",
                &[
                    ("ITA planned", Boycott, "gcm", Some("2018-12-10")),
                    ("AUT", Reject, "gcm", Some("2018-12-10")),
                ],
            ),
            document(
                8,
                "AP",
                &[
                    ("AUT", Endorse, "gcm", Some("2018-12-10")),
                    ("United  States", Fund, "UNHCR", Some("2019")),
                ],
            ),
            document(
                9,
                "Reuters",
                &[
                    ("united states", Defund, "unhcr", Some("2019-05")),
                    ("HUN", Join, "gcm", Some("2018")),
                ],
            ),
        ]
    }

    fn all_facts(store: &SqliteStore) -> Vec<Fact> {
        let page = Page {
            limit: 10_000,
            cursor: None,
        };
        store
            .facts(&EventFilter::default(), page)
            .expect("facts")
            .items
    }

    fn new_ids(outcomes: &[PutOutcome]) -> Vec<i64> {
        outcomes
            .iter()
            .filter_map(|outcome| match outcome {
                PutOutcome::New { doc_id, .. } => Some(*doc_id),
                PutOutcome::Duplicate { .. } => None,
            })
            .collect()
    }

    #[test]
    fn an_incremental_link_stores_what_a_full_link_stores() {
        let mut full = SqliteStore::open_in_memory().expect("store");
        full.put_batch(&documents()).expect("put");
        relink(&mut full).expect("full link");
        let expected = all_facts(&full);
        assert!(expected.iter().any(|fact| !fact.contradictions.is_empty()));

        // One document at a time, then two at a time: each link touches only its units.
        for size in [1, 2] {
            let mut incremental = SqliteStore::open_in_memory().expect("store");
            for batch in documents().chunks(size) {
                let outcomes = incremental.put_batch(batch).expect("put");
                relink_documents(&mut incremental, &new_ids(&outcomes)).expect("link");
            }
            assert_eq!(all_facts(&incremental), expected, "batches of {size}");
            assert!(!incremental.facts_stale().expect("stale"));
        }
    }

    #[test]
    fn the_status_table_from_the_asserted_status_facts_is_the_one_from_every_fact() {
        let mut store = SqliteStore::open_in_memory().expect("store");
        let outcomes = store.put_batch(&documents()).expect("put");
        relink_documents(&mut store, &new_ids(&outcomes)).expect("link");
        let pack = migtrack_domain::Pack::builtin();
        let status_facts = store
            .asserted_facts(
                &EventFilter::default(),
                &migtrack_pipeline::link::STATUS_ACTIONS,
            )
            .expect("status facts");
        assert!(status_facts.len() < all_facts(&store).len());
        for at in ["2018-07-17", "2018-07-18", "2018-12-31", "2030-01-01"] {
            let at = at.parse().ok();
            let expected = migtrack_pipeline::link::status_table(&all_facts(&store), at, pack);
            assert!(!expected.is_empty());
            assert_eq!(
                migtrack_pipeline::link::status_table(&status_facts, at, pack),
                expected
            );
        }
    }

    #[test]
    fn a_reviewed_event_leaves_the_facts_stale_until_the_next_link() {
        use migtrack_store::{ReviewKind, Verdict};
        let mut store = SqliteStore::open_in_memory().expect("store");
        let outcomes = store.put_batch(&documents()).expect("put");
        assert!(store.facts_stale().expect("stale"), "stored, not linked");
        relink_documents(&mut store, &new_ids(&outcomes)).expect("link");
        assert!(!store.facts_stale().expect("stale"));
        store
            .review(ReviewKind::Event, 1, Verdict::Rejected, None)
            .expect("review");
        assert!(
            store.facts_stale().expect("stale"),
            "the review changes a fact"
        );
        relink(&mut store).expect("link");
        assert!(!store.facts_stale().expect("stale"));
        assert!(
            all_facts(&store)
                .iter()
                .all(|fact| !fact.event_ids.contains(&1))
        );
    }

    #[test]
    fn storing_the_same_documents_again_changes_no_fact() {
        let mut store = SqliteStore::open_in_memory().expect("store");
        let outcomes = store.put_batch(&documents()).expect("put");
        relink_documents(&mut store, &new_ids(&outcomes)).expect("link");
        let before = all_facts(&store);
        let outcomes = store.put_batch(&documents()).expect("put again");
        assert!(new_ids(&outcomes).is_empty());
        relink_documents(&mut store, &new_ids(&outcomes)).expect("link again");
        assert_eq!(all_facts(&store), before);
        // Relinking units whose events did not change writes the same facts.
        let every_doc: Vec<i64> = (1..=documents().len() as i64).collect();
        relink_documents(&mut store, &every_doc).expect("link every unit");
        assert_eq!(all_facts(&store), before);
    }
}
