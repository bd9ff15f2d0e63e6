//! Whole extract stage benchmark: `extract::extract` over the seed articles (read from the
//! shared corpus when present) and the project's own test articles, reported in sentences per
//! second (criterion "elements").

mod common;

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_domain::Pack;
use migtrack_pipeline::{annotate, extract};

/// Seed articles and `testdata/gold/*.txt`, as (text, publication date).
pub fn bench_texts() -> Vec<(String, Option<chrono::NaiveDate>)> {
    common::texts_in(
        &["../../../shared/seeds", "../../testdata/gold"],
        usize::MAX,
    )
    .into_iter()
    .map(|text| (text, chrono::NaiveDate::from_ymd_opt(2025, 11, 27)))
    .collect()
}

fn bench_extract(c: &mut Criterion) {
    let pack = Pack::builtin();
    let texts = bench_texts();
    let sentences: usize = texts
        .iter()
        .map(|(text, _)| annotate::sentences(text).len())
        .sum();
    // The layer parses only the sentences an extractor asks about.
    let parsed: usize = texts
        .iter()
        .map(|(text, published)| {
            let ctx = extract::Context::new(text, *published, pack);
            extract::run(&ctx);
            ctx.analysed()
        })
        .sum();
    println!(
        "extract bench: {} texts, {sentences} sentences, {parsed} parsed ({:.1}%)",
        texts.len(),
        100.0 * parsed as f64 / sentences.max(1) as f64
    );
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("whole_stage", |b| {
        b.iter(|| {
            let mut records = 0;
            for (text, published) in &texts {
                let extraction = extract::extract(text, *published, pack);
                records += extraction.events.len() + extraction.quotes.len();
            }
            std::hint::black_box(records)
        })
    });
    group.finish();
}

/// The cleaned texts of the shared news corpus (`../shared/corpus/news`), when present.
fn corpus_texts() -> Vec<(String, String, Option<chrono::NaiveDate>)> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/news");
    common::corpus_texts(&corpus).unwrap_or_else(|| {
        println!("note: {} absent, corpus bench skipped", corpus.display());
        Vec::new()
    })
}

/// The extract stage over the whole shared corpus (cleaning done beforehand), one core.
fn bench_corpus(c: &mut Criterion) {
    let pack = Pack::builtin();
    let texts = corpus_texts();
    if texts.is_empty() {
        return;
    }
    let (mut sentences, mut parsed) = (0, 0);
    for (text, lang, published) in &texts {
        let text = extract::truecase::truecase(text, lang, pack);
        let ctx = extract::Context::with_lang(&text, lang, *published, pack);
        extract::run(&ctx);
        sentences += ctx.sentences.len();
        parsed += ctx.analysed();
    }
    println!(
        "corpus bench: {} texts, {sentences} sentences, {parsed} parsed ({:.1}%)",
        texts.len(),
        100.0 * parsed as f64 / sentences.max(1) as f64
    );
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("shared_corpus", |b| {
        b.iter(|| {
            let mut records = 0;
            for (text, lang, published) in &texts {
                let extraction = extract::extract_lang(text, lang, *published, pack);
                records += extraction.events.len() + extraction.quotes.len();
            }
            std::hint::black_box(records)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract, bench_corpus);
criterion_main!(benches);
