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
/// if given, else a short-lived read-write connection to `path`.
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
        None => migtrack_store::SqliteStore::open(path).and_then(|mut store| relink(&mut store)),
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
