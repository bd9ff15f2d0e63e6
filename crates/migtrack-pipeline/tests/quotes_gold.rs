//! Scores the quote and claim extractors against the gold files in `shared/gold` (seeds + dev)
//! and against the PolNeAR dev split in `shared/bench/polnear-dev`, prints every miss and false
//! hit (`cargo test --test quotes_gold -- --nocapture`) and asserts today's floors.

mod common;

use std::path::{Path, PathBuf};

use common::shared;
use migtrack_pipeline::eval::Score;

fn testdata() -> PathBuf {
    common::repo().join("testdata/gold")
}

/// Score gold files whose `file` is relative to `base`; print findings when `verbose`.
fn score_set(files: &[PathBuf], base: &Path, verbose: bool) -> Score {
    let kinds: &[&str] = if verbose { &["quotes", "claims"] } else { &[] };
    common::score_files(files, base, kinds).1
}

fn report(name: &str, score: &Score) {
    println!(
        "{name}: quotes P {:.3} R {:.3} F1 {:.3} | text only F1 {:.3} | speaker accuracy {:.3} | claims P {:.3} R {:.3} F1 {:.3} | evidence accuracy {:.3}",
        score.quotes.precision(),
        score.quotes.recall(),
        score.quotes.f1(),
        score.quotes_text.f1(),
        score.quote_speaker.value(),
        score.claims.precision(),
        score.claims.recall(),
        score.claims.f1(),
        score.claim_evidence.value(),
    );
}

#[test]
fn quotes_and_claims_meet_the_floors_on_seeds_and_dev() {
    let Some(shared) = shared() else { return };
    let mut files = common::gold_files(&shared.join("gold/seeds"), "");
    files.extend(common::gold_files(&shared.join("gold/dev"), ""));
    let score = score_set(&files, &shared, true);
    report("seeds+dev", &score);
    // Floors: raise them as the rules improve. Quotes: issue 8's floor, 0.90 (measured 0.901
    // in the tenth session); claims measured 0.860.
    assert!(
        score.quotes.f1() >= 0.90,
        "quotes F1 {:.3}",
        score.quotes.f1()
    );
    assert!(
        score.claims.f1() >= 0.85,
        "claims F1 {:.3}",
        score.claims.f1()
    );
}

#[test]
fn own_quote_gold_files_stay_fixed() {
    let dir = testdata();
    let files = common::gold_files(&dir, "quotes_");
    let score = score_set(&files, &dir, true);
    report("testdata/gold/quotes_*", &score);
    assert_eq!(score.quotes.fn_, 0, "a fixed quote case regressed");
    assert_eq!(score.claims.fn_, 0, "a fixed claim case regressed");
}

#[test]
fn quotes_meet_the_floor_on_polnear_dev() {
    let Some(shared) = shared() else { return };
    let bench = shared.join("bench/polnear-dev");
    let files = common::gold_files(&bench.join("gold"), "");
    if files.is_empty() {
        assert!(
            !migtrack_testdata::in_ci(),
            "CI must provide {}",
            bench.display()
        );
        println!("note: no PolNeAR gold files; skipped");
        return;
    }
    let verbose = std::env::var_os("POLNEAR_VERBOSE").is_some();
    let score = score_set(&files, &bench, verbose);
    report("polnear-dev", &score);
    // PolNeAR attributions are wider than quotes (beliefs, intentions) and name pronouns as
    // speakers: the floor is on text overlap alone (measured 0.484; issue 8 wants 0.60).
    assert!(
        score.quotes_text.f1() >= 0.48,
        "PolNeAR text F1 {:.3}",
        score.quotes_text.f1()
    );
}
