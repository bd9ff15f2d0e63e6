//! Scores the claims extractor against the claims-only gold written for held-out corpus
//! articles (`testdata/gold/corpus_claims_*.json`), which the claim rules were not written
//! from; prints every claim miss and false hit (`cargo test --test claims_gold -- --nocapture`)
//! and asserts today's floor. Skips with a note when `shared/` (the corpus) is absent.

mod common;

use common::{repo, shared};

#[test]
fn claims_meet_the_floor_on_held_out_corpus_articles() {
    if shared().is_none() {
        return;
    }
    let files = common::gold_files(&repo().join("testdata/gold"), "corpus_claims_");
    assert!(!files.is_empty(), "no testdata/gold/corpus_claims_*.json");
    let (scored, total) = common::score_files(&files, &repo(), &["claims"]);
    if scored == 0 {
        assert!(
            !migtrack_testdata::in_ci(),
            "CI must provide the held-out articles"
        );
        return;
    }
    println!(
        "held-out corpus claims: P {:.3} R {:.3} F1 {:.3} | evidence accuracy {:.3}",
        total.claims.precision(),
        total.claims.recall(),
        total.claims.f1(),
        total.claim_evidence.value(),
    );
    // Floor just under today's measure: 0.759 F1 over the three articles before the
    // word-window "X claims that …" rule was deleted for the tree's (issue 8, item 4), 0.714
    // after: the lower-case "… but pressure group X claims that …" is now read only as part of
    // the indirect quote before it, a miss and a false hit.
    assert!(
        total.claims.f1() >= 0.70,
        "held-out corpus claims F1 {:.3}",
        total.claims.f1()
    );
}
