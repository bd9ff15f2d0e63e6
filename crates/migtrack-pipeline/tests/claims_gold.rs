//! Scores the claims extractor against the claims-only gold written for held-out corpus
//! articles (`testdata/gold/corpus_claims_*.json`), which the claim rules were not written
//! from; prints every claim miss and false hit (`cargo test --test claims_gold -- --nocapture`)
//! and asserts today's floor. Skips with a note when `shared/` (the corpus) is absent.

use std::path::{Path, PathBuf};

use migtrack_domain::Pack;
use migtrack_model::{ContentKind, DocMeta, Extraction, RawDocument};
use migtrack_pipeline::eval::{self, GoldDoc, Score};
use migtrack_pipeline::{annotate, clean, extract};

fn shared() -> Option<PathBuf> {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).to_path_buf();
    if path.is_dir() {
        Some(path)
    } else {
        println!(
            "note: {} is absent; claims gold scoring skipped",
            path.display()
        );
        None
    }
}

/// The repository root: the gold files' `file` ("../shared/corpus/…") is relative to it.
fn root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

/// The claims-only gold files, sorted.
fn claim_gold_files() -> Vec<PathBuf> {
    let dir = root().join("testdata/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| {
                            name.starts_with("corpus_claims_") && name.ends_with(".json")
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The domain pack when it is ready (it may be a stub while another helper writes it).
fn pack() -> Option<&'static Pack> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let pack = std::panic::catch_unwind(Pack::builtin).ok();
    std::panic::set_hook(hook);
    pack
}

/// Quotes and claims of one cleaned text: through the whole extract stage when it runs (as
/// `migtrack eval` does), else through the quote and claim extractors alone.
fn run(
    text: &str,
    published: Option<chrono::NaiveDate>,
    pack: Option<&'static Pack>,
) -> Extraction {
    if let Some(pack) = pack {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let full = std::panic::catch_unwind(|| extract::extract(text, published, pack)).ok();
        std::panic::set_hook(hook);
        if let Some(full) = full {
            return full;
        }
    }
    let sentences = annotate::sentences(text);
    let quotes = extract::quotes::extract_with(text, &sentences, &|_, _| None);
    let claims = extract::claims::extract_with(text, &sentences, &quotes);
    Extraction {
        quotes,
        claims,
        ..Extraction::default()
    }
}

fn cleaned(path: &Path, published: Option<chrono::NaiveDate>) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let raw = RawDocument {
        source: path.display().to_string(),
        bytes,
        kind: ContentKind::Text,
        meta: DocMeta {
            published,
            ..DocMeta::default()
        },
    };
    clean::clean(&raw).ok().map(|doc| doc.text)
}

#[test]
fn claims_meet_the_floor_on_held_out_corpus_articles() {
    if shared().is_none() {
        return;
    }
    let files = claim_gold_files();
    assert!(!files.is_empty(), "no testdata/gold/corpus_claims_*.json");
    let pack = pack();
    let mut total = Score::default();
    let mut scored = 0;
    for file in &files {
        let json = std::fs::read_to_string(file).expect("gold file is readable");
        let gold: GoldDoc = serde_json::from_str(&json).expect("gold file parses");
        let article = root().join(&gold.file);
        let Some(text) = cleaned(&article, gold.published) else {
            println!("note: cannot read {}; skipped", article.display());
            continue;
        };
        let got = run(&text, gold.published, pack);
        let score = eval::score(&gold, &got, &text, &|_| false);
        println!("== {}", gold.file);
        for finding in score.findings.iter().filter(|f| f.kind == "claims") {
            println!("  {} {}", finding.verdict, finding.what);
        }
        total.add(score);
        scored += 1;
    }
    if scored == 0 {
        return;
    }
    println!(
        "held-out corpus claims: P {:.3} R {:.3} F1 {:.3} | evidence accuracy {:.3}",
        total.claims.precision(),
        total.claims.recall(),
        total.claims.f1(),
        total.claim_evidence.value(),
    );
    // Floor just under today's measure (0.759 F1 over the three articles).
    assert!(
        total.claims.f1() >= 0.72,
        "held-out corpus claims F1 {:.3}",
        total.claims.f1()
    );
}
