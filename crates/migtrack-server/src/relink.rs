//! Relinking: the link stage over the stored events, its facts replacing the stored ones, one
//! batch of link units at a time. The one implementation the CLI (after an ingest, before a
//! query that finds the facts stale) and the server (after a `POST`, at start) both call.

use std::path::Path;
use std::time::{Duration, Instant};

use migtrack_model::{EventRef, LinkUnit};
use migtrack_store::Store;

/// Re-run the link stage over every stored event and replace the stored facts; returns how
/// many facts there are. It walks the link units in key order ([`Store::link_units_after`])
/// and links them in batches (`UnitBatches`), each written in place like an incremental link
/// ([`relink_documents`]), so it holds the events and facts of one batch, never every event:
/// memory does not grow with the store. A unit with facts and no events left loses its facts.
pub fn relink(store: &mut dyn Store) -> migtrack_store::Result<usize> {
    relink_in_batches(store, EVENTS_AT_ONCE)
}

/// [`relink`], a batch holding about `events_at_once` events.
fn relink_in_batches(
    store: &mut dyn Store,
    events_at_once: usize,
) -> migtrack_store::Result<usize> {
    let mut batches = UnitBatches::new(store, events_at_once);
    let mut after = None;
    loop {
        let units = batches
            .store
            .link_units_after(after.as_ref(), LINK_UNITS_AT_ONCE)?;
        batches.timings.lap(Lap::Read);
        let Some(last) = units.last().cloned() else {
            break;
        };
        for unit in units {
            batches.add(unit)?;
        }
        after = Some(last);
    }
    batches.finish()?;
    tracing::info!(
        events = batches.events_linked,
        facts = batches.facts,
        batches = batches.batches,
        read_ms = batches.timings.ms(Lap::Read),
        link_ms = batches.timings.ms(Lap::Link),
        store_ms = batches.timings.ms(Lap::Store),
        "relinked"
    );
    Ok(batches.facts)
}

/// Link units a batch at a time: units come one by one with their events, and a batch is
/// linked and its facts written ([`Store::replace_unit_facts`], one transaction) once it holds
/// `events_at_once` ([`EVENTS_AT_ONCE`]) events or [`LINK_UNITS_AT_ONCE`] units. Memory is
/// that of one batch (more only for a single unit with more events than that).
struct UnitBatches<'a> {
    store: &'a mut dyn Store,
    events_at_once: usize,
    units: Vec<LinkUnit>,
    events: Vec<EventRef>,
    timings: Timings,
    events_linked: usize,
    facts: usize,
    batches: usize,
}

impl<'a> UnitBatches<'a> {
    fn new(store: &'a mut dyn Store, events_at_once: usize) -> Self {
        UnitBatches {
            store,
            events_at_once,
            units: Vec::new(),
            events: Vec::new(),
            timings: Timings::default(),
            events_linked: 0,
            facts: 0,
            batches: 0,
        }
    }

    fn add(&mut self, unit: LinkUnit) -> migtrack_store::Result<()> {
        let events = self.store.unit_event_refs(std::slice::from_ref(&unit))?;
        self.timings.lap(Lap::Read);
        self.units.push(unit);
        self.events.extend(events);
        if self.events.len() >= self.events_at_once || self.units.len() >= LINK_UNITS_AT_ONCE {
            self.link()?;
        }
        Ok(())
    }

    /// Link and write what is left.
    fn finish(&mut self) -> migtrack_store::Result<()> {
        if !self.units.is_empty() {
            self.link()?;
        }
        Ok(())
    }

    fn link(&mut self) -> migtrack_store::Result<()> {
        // The link stage reads events in event order, as `unit_event_refs` of them all gives.
        self.events.sort_by_key(|event| event.event_id);
        let facts = migtrack_pipeline::link::link(&self.events);
        self.timings.lap(Lap::Link);
        self.store.replace_unit_facts(&self.units, &facts)?;
        self.timings.lap(Lap::Store);
        self.events_linked += self.events.len();
        self.facts += facts.len();
        self.batches += 1;
        self.units.clear();
        self.events.clear();
        Ok(())
    }
}

/// Where a link spends its time: reading events, linking, writing facts.
#[derive(Clone, Copy)]
enum Lap {
    Read,
    Link,
    Store,
}

struct Timings {
    clock: Instant,
    totals: [Duration; 3],
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            clock: Instant::now(),
            totals: [Duration::ZERO; 3],
        }
    }
}

impl Timings {
    /// Count the time since the last lap to `lap`.
    fn lap(&mut self, lap: Lap) {
        self.totals[lap as usize] += self.clock.elapsed();
        self.clock = Instant::now();
    }

    fn ms(&self, lap: Lap) -> u64 {
        self.totals[lap as usize].as_millis() as u64
    }
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
                facts,
                "linked the stored events again: an earlier ingest stopped before linking"
            );
            Staleness::Relinked(facts)
        }
        Err(error) => Staleness::Behind(error.to_string()),
    }
}

/// After an ingest or a `POST` stored these documents: link again only the link units (actor,
/// target) their events fall in and update those facts in place, a batch of units at a time
/// (`UnitBatches`); the other facts stay as they are. What a full [`relink`] would store for
/// those units. Returns the number of facts written.
pub fn relink_documents(store: &mut dyn Store, doc_ids: &[i64]) -> migtrack_store::Result<usize> {
    let units = store.link_units(doc_ids)?;
    relink_units(store, units, doc_ids.len())
}

/// [`relink_documents`] for the link units those documents touch (`Store::link_units`), found
/// beforehand: a bulk ingest gathers them a slice of its new documents at a time rather than
/// holding every new id (8 MB at 1M documents). `documents` is only logged.
pub fn relink_units(
    store: &mut dyn Store,
    units: Vec<LinkUnit>,
    documents: usize,
) -> migtrack_store::Result<usize> {
    let mut batches = UnitBatches::new(store, EVENTS_AT_ONCE);
    let unit_count = units.len();
    for unit in units {
        batches.add(unit)?;
    }
    batches.finish()?;
    tracing::info!(
        documents,
        units = unit_count,
        facts = batches.facts,
        read_ms = batches.timings.ms(Lap::Read),
        link_ms = batches.timings.ms(Lap::Link),
        store_ms = batches.timings.ms(Lap::Store),
        "relinked the units the new documents touch"
    );
    Ok(batches.facts)
}

/// Link units in one batch at most: bounds the work of one transaction.
pub const LINK_UNITS_AT_ONCE: usize = 1024;

/// Events linked in one batch, give or take one unit's: bounds the events and facts in memory
/// at once, whatever the size of the store. 4,096 (was 16,384): a batch of events with their
/// facts takes a few hundred bytes an event, and the batch plus the largest unit (16k events
/// at 1M documents of `bench/scale.sh`) is what the link at the end of a bulk ingest adds to
/// its peak (issue 10, item 6); a batch is one transaction, about 120 at 1M documents.
pub const EVENTS_AT_ONCE: usize = 4_096;

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
        outcomes.iter().filter_map(PutOutcome::new_doc_id).collect()
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

    /// Issue 10, item 6: the full relink links a batch of units at a time; with one event a
    /// batch (every unit its own transaction) it stores what one link over every event stores.
    #[test]
    fn a_relink_in_small_batches_stores_what_one_link_over_every_event_stores() {
        let mut whole = SqliteStore::open_in_memory().expect("store");
        whole.put_batch(&documents()).expect("put");
        let facts = migtrack_pipeline::link::link(&whole.event_refs().expect("events"));
        whole.replace_facts(&facts).expect("replace");
        let expected = all_facts(&whole);

        let mut batched = SqliteStore::open_in_memory().expect("store");
        batched.put_batch(&documents()).expect("put");
        // Facts of an older link that the new one replaces, and one whose unit has no event.
        batched.replace_facts(&facts[1..]).expect("stale facts");
        let mut orphan = facts[0].clone();
        orphan.id = 1_000;
        orphan.actor = "Narnia".into();
        orphan.event_ids.clear();
        migtrack_store::Store::replace_unit_facts(
            &mut batched,
            &[migtrack_model::LinkUnit::of("Narnia", &orphan.target)],
            &[orphan],
        )
        .expect("orphan");
        assert_eq!(
            relink_in_batches(&mut batched, 1).expect("relink"),
            facts.len()
        );
        assert_eq!(all_facts(&batched), expected);
        assert!(!batched.facts_stale().expect("stale"));
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
