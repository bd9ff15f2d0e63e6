//! `migtrack review ID --reject|--confirm [--note TEXT]`: an analyst's verdict on an event,
//! quote or claim. The store keeps it by the record's content; a verdict on an event changes
//! which events the link stage sees, so the facts are linked again at once.

use std::process::ExitCode;

use anyhow::Context as _;
use migtrack_store::{ReviewKind, Verdict};

use crate::cli::ReviewArgs;

/// `event-12`, `event:12`, `quotes/7` → (kind, id).
fn parse_id(text: &str) -> anyhow::Result<(ReviewKind, i64)> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (kind, rest) = text.split_at(split);
    let id = rest.trim_start_matches(['-', ':', '/', ' ']);
    match (ReviewKind::parse(kind), id.parse::<i64>()) {
        (Some(kind), Ok(id)) if id > 0 => Ok((kind, id)),
        _ => anyhow::bail!(
            "{text:?} is not a record id: give its kind and id as listed, like event-12, quote-7 \
             or claim-3"
        ),
    }
}

pub fn run(db: &std::path::Path, args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    let (kind, id) = parse_id(&args.id)?;
    let postgres = db.to_str().is_some_and(migtrack_store::is_postgres_url);
    anyhow::ensure!(
        db.exists() || postgres,
        "no database at {} (run `migtrack ingest …` or `migtrack demo` first, or pass --db)",
        db.display()
    );
    let verdict = if args.reject {
        Verdict::Rejected
    } else {
        Verdict::Confirmed
    };
    let mut store = migtrack_store::open_writable(db)
        .with_context(|| format!("opening {}", super::db_name(db)))?;
    let review = store
        .review(kind, id, verdict, args.note.as_deref())
        .with_context(|| format!("reviewing {} {id}", kind.as_str()))?;
    if kind == ReviewKind::Event {
        super::relink(store.as_mut())?;
    }
    let note = review
        .note
        .as_deref()
        .map(|note| format!(" ({})", crate::escape::line(note)))
        .unwrap_or_default();
    println!("{} {} {id}{note}", review.verdict.as_str(), kind.as_str());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_name_their_kind() {
        assert_eq!(parse_id("event-12").unwrap(), (ReviewKind::Event, 12));
        assert_eq!(parse_id("quote:7").unwrap(), (ReviewKind::Quote, 7));
        assert_eq!(parse_id("claims/3").unwrap(), (ReviewKind::Claim, 3));
        for bad in ["12", "figure-3", "event-", "event-x", "event-0"] {
            assert!(parse_id(bad).is_err(), "{bad}");
        }
    }
}
