//! Speed of the clean stage on the article-extraction benchmark (pages per second on one core),
//! with and without our post-filter, plus plain text and dedupe signatures; it also prints the
//! benchmark's P/R/F1 so that speed and quality are measured on the same run.
//!
//! Run: `cargo bench -p migtrack-pipeline --bench clean` (needs `../shared` beside the clone for
//! the HTML pages; without it only the synthetic cases run).

use std::hint::black_box;
use std::io::Read;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_model::{ContentKind, DocMeta, RawDocument};
use migtrack_pipeline::clean::{CleanConfig, clean_with, metric};
use migtrack_pipeline::dedupe;

/// The benchmark pages and their hand-labelled bodies, when `../shared` is present.
fn benchmark_pages() -> Vec<(RawDocument, String)> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bench/article-extraction"
    ));
    let Ok(truth) = std::fs::read_to_string(dir.join("ground-truth.json")) else {
        eprintln!("note: {} not found; HTML benches skipped", dir.display());
        return Vec::new();
    };
    let truth: serde_json::Value = serde_json::from_str(&truth).expect("ground truth is JSON");
    let mut pages = Vec::new();
    for (id, entry) in truth.as_object().into_iter().flatten() {
        let Ok(file) = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))) else {
            continue;
        };
        let mut bytes = Vec::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .is_err()
        {
            continue;
        }
        let document = RawDocument {
            source: id.clone(),
            bytes,
            kind: ContentKind::Html,
            meta: DocMeta {
                url: entry["url"].as_str().map(str::to_owned),
                ..DocMeta::default()
            },
        };
        pages.push((
            document,
            entry["articleBody"].as_str().unwrap_or("").to_owned(),
        ));
    }
    pages
}

fn print_quality(name: &str, pages: &[(RawDocument, String)], config: &CleanConfig) {
    let scores: Vec<_> = pages
        .iter()
        .map(|(document, truth)| {
            let text = clean_with(document, config)
                .map(|doc| doc.text)
                .unwrap_or_default();
            metric::score_page(truth, &text)
        })
        .collect();
    let summary = metric::summarise(&scores);
    eprintln!(
        "{name}: {} pages, precision {:.4}, recall {:.4}, F1 {:.4}, exact {:.3}",
        summary.pages, summary.precision, summary.recall, summary.f1, summary.accuracy
    );
}

fn bench_html(c: &mut Criterion) {
    let pages = benchmark_pages();
    if pages.is_empty() {
        return;
    }
    let filtered = CleanConfig::default();
    let extractor_only = CleanConfig {
        html_post_filter: false,
        ..CleanConfig::default()
    };
    print_quality("dom_smoothie alone", &pages, &extractor_only);
    print_quality("dom_smoothie + post-filter", &pages, &filtered);
    let mut group = c.benchmark_group("clean_html");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.sample_size(10);
    for (name, config) in [
        ("post_filter", &filtered),
        ("dom_smoothie_alone", &extractor_only),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for (document, _) in &pages {
                    black_box(clean_with(black_box(document), config).ok());
                }
            })
        });
    }
    group.finish();
}

fn synthetic_text() -> String {
    let paragraph = "The interior ministry said on Tuesday that the new processing rules \
        would apply to every application lodged after the first of June, and that about \
        12,000 applicants already waiting would be contacted by letter within six weeks.";
    let mut text = String::from("WASHINGTON, Nov. 27, 2025 – Officials announced a plan.\n");
    for index in 0..40 {
        text.push_str(&format!("{paragraph} Paragraph {index}.\n"));
        if index % 10 == 0 {
            text.push_str("Share this:\nAdvertisement\n");
        }
    }
    text.push_str("More from The Example Herald\nA teaser headline\nAnother teaser\n");
    text
}

fn bench_text_and_dedupe(c: &mut Criterion) {
    let text = synthetic_text();
    let document = RawDocument {
        source: "synthetic".into(),
        bytes: text.clone().into_bytes(),
        kind: ContentKind::Text,
        meta: DocMeta::default(),
    };
    let config = CleanConfig::default();
    let mut group = c.benchmark_group("clean_text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("plain_text", |b| {
        b.iter(|| black_box(clean_with(black_box(&document), &config).ok()))
    });
    group.bench_function("dedupe_signature_and_bands", |b| {
        b.iter(|| {
            let signature = dedupe::signature(black_box(&text));
            black_box(dedupe::bands(&signature))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_html, bench_text_and_dedupe);
criterion_main!(benches);
