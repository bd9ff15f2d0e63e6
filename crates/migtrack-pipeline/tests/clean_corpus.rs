//! Clean stage over real inputs: every article of the news corpus cleans without panic to a
//! non-empty text, and the article-extraction benchmark stays above its F1 floor.

mod common;

use std::io::Read;
use std::path::PathBuf;

use migtrack_model::{ContentKind, DocMeta, RawDocument};
use migtrack_pipeline::clean::{clean, metric};

/// The CI floor: a little under the 0.968 measured when the post-filter was tuned
/// (`docs/evaluation/clean.md`); dom_smoothie alone scores 0.951.
const F1_FLOOR: f64 = 0.960;
const PRECISION_FLOOR: f64 = 0.945;

fn shared_dir() -> Option<PathBuf> {
    migtrack_testdata::shared_with("corpus/news")
}

#[test]
fn every_news_corpus_article_cleans_to_non_empty_text() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let mut count = 0;
    for document in common::news_corpus(&shared.join("corpus/news")) {
        let file = &document.source;
        let doc = clean(&document).unwrap_or_else(|error| panic!("{file}: {error}"));
        assert!(!doc.text.trim().is_empty(), "{file}: empty text");
        assert!(
            doc.text.split_whitespace().count() >= 20,
            "{file}: lost most of its text"
        );
        if file.starts_with("bbc/") {
            // The BBC files have the title as their first line: it stays in the text.
            let original = String::from_utf8_lossy(&document.bytes).into_owned();
            let first = original.lines().next().unwrap_or("").trim();
            assert!(doc.text.starts_with(first), "{file}: first line changed");
        }
        count += 1;
    }
    println!("cleaned {count} corpus articles");
    assert_eq!(count, 245);
}

#[test]
fn article_extraction_benchmark_stays_above_the_floor() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let bench = shared.join("bench/article-extraction");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(bench.join("ground-truth.json")).expect("ground truth"),
    )
    .expect("ground truth is JSON");
    let entries = truth.as_object().expect("ground truth is an object");
    let mut scores = Vec::new();
    for (id, entry) in entries {
        let mut html = Vec::new();
        let file = std::fs::File::open(bench.join("html").join(format!("{id}.html.gz")))
            .expect("benchmark page");
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut html)
            .expect("gzip");
        let document = RawDocument {
            source: id.clone(),
            bytes: html,
            kind: ContentKind::Html,
            meta: DocMeta {
                url: entry["url"].as_str().map(str::to_owned),
                ..DocMeta::default()
            },
        };
        let predicted = clean(&document).map(|doc| doc.text).unwrap_or_default();
        let expected = entry["articleBody"].as_str().unwrap_or("");
        scores.push(metric::score_page(expected, &predicted));
    }
    let summary = metric::summarise(&scores);
    println!("{summary:?}");
    assert_eq!(summary.pages, 181);
    assert!(
        summary.f1 >= F1_FLOOR,
        "F1 {:.4} under the floor",
        summary.f1
    );
    assert!(
        summary.precision >= PRECISION_FLOOR,
        "P {:.4}",
        summary.precision
    );
}
