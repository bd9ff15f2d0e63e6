//! Scores the events extractor against the shared gold files (seeds + dev) and the project's own
//! gold files in `testdata/gold/events_*.json`, prints every miss and false hit
//! (`--nocapture`), and asserts the floors. The shared corpus is read in place, never copied.

mod common;

use std::path::{Path, PathBuf};

use migtrack_pipeline::eval::Score;

fn shared() -> PathBuf {
    migtrack_testdata::shared()
}

fn repo() -> PathBuf {
    common::repo()
}

fn json_files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    common::gold_files(dir, prefix)
}

/// Score the gold files; `article_root` is where their `file` paths are relative to.
fn evaluate(gold_files: &[PathBuf], article_root: &Path) -> (usize, Score) {
    common::score_files(gold_files, article_root, &["events"])
}

fn report(name: &str, documents: usize, total: &Score) {
    println!(
        "{name}: {documents} documents, events P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {}), date accuracy {:.3}, modality accuracy {:.3}",
        total.events.precision(),
        total.events.recall(),
        total.events.f1(),
        total.events.tp,
        total.events.fp,
        total.events.fn_,
        total.event_date.value(),
        total.event_modality.value()
    );
}

#[test]
fn events_on_shared_seeds_and_dev_meet_the_floor() {
    let Some(gold) = migtrack_testdata::require(&shared().join("gold")) else {
        return;
    };
    let mut files = json_files(&gold.join("seeds"), "");
    files.extend(json_files(&gold.join("dev"), ""));
    let (documents, total) = evaluate(&files, &shared());
    report("seeds+dev", documents, &total);
    assert!(documents >= 3);
    // Floor: raise it as the extractor improves (measured value in docs/evaluation/events.md).
    assert!(
        total.events.f1() >= FLOOR_SHARED,
        "events F1 {:.3} below floor {FLOOR_SHARED}",
        total.events.f1()
    );
}

#[test]
fn events_on_project_gold_meet_the_floor() {
    let files = json_files(&repo().join("testdata/gold"), "events_");
    let (documents, total) = evaluate(&files, &repo().join("testdata"));
    report("testdata", documents, &total);
    assert!(documents >= 1, "no testdata/gold/events_*.json found");
    assert!(
        total.events.f1() >= FLOOR_OWN,
        "events F1 {:.3} below floor {FLOOR_OWN}",
        total.events.f1()
    );
}

#[test]
fn events_on_held_out_corpus_gold_meet_the_floor() {
    // Events-only gold for real corpus articles outside the dev set; their `file` paths
    // ("../shared/corpus/…") resolve from the repository root.
    if migtrack_testdata::require(&shared().join("corpus")).is_none() {
        return;
    }
    // `corpus_claims_*` files are claims-only gold (their empty events lists are not events gold).
    let files: Vec<PathBuf> = json_files(&repo().join("testdata/gold"), "corpus_")
        .into_iter()
        .filter(|path| {
            !path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("corpus_claims_"))
        })
        .collect();
    let (documents, total) = evaluate(&files, &repo());
    report("corpus", documents, &total);
    assert!(
        documents >= 1,
        "no testdata/gold/corpus_*.json article found"
    );
    assert!(
        total.events.f1() >= FLOOR_CORPUS,
        "events F1 {:.3} below floor {FLOOR_CORPUS}",
        total.events.f1()
    );
}

// Regression floors. Shared and corpus went 0.77 -> 0.76 when the list of evaluative phrases
// written on dev sentences ("is acting too late", "may not produce") gave way to evaluation
// read from the tree (events/evaluation.rs): held-out news 0.378 -> 0.421, unseen unchanged.
// Shared raised to 0.78 in the tenth session (measured 0.787: counts are no measures, party
// adjectives), to 0.82 in the eleventh (measured 0.829: a repeatable act with two dates is
// two events, titled office holders after their term, gerund subjects name no actor,
// contracted first persons, amount purposes, party subsets), to 0.83 in the twelfth
// (measured 0.835: conjoined naming complements, hashtag targets, organisation names with
// "of"/"for" and plural possessives), to the 0.85 in the eighteenth (measured 0.852:
// name subjects the document links to no actor, acts inside a request, cause verbs).
const FLOOR_SHARED: f64 = 0.85;
const FLOOR_OWN: f64 = 0.74;
const FLOOR_CORPUS: f64 = 0.76;
