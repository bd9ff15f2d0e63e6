//! Events extractor benchmark alone: the context (sentences, mentions) and dates are built once
//! outside the loop; reported in sentences per second.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_domain::Pack;
use migtrack_pipeline::extract::{Context, dates, events, quotes};

fn texts() -> Vec<String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in [
        manifest.join("../../../shared/seeds"),
        manifest.join("../../testdata/gold"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("note: {} absent, skipped", dir.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        paths.sort();
        texts.extend(
            paths
                .iter()
                .filter_map(|path| std::fs::read_to_string(path).ok()),
        );
    }
    texts
}

fn bench_events(c: &mut Criterion) {
    let pack = Pack::builtin();
    let texts = texts();
    let published = chrono::NaiveDate::from_ymd_opt(2025, 11, 27);
    let prepared: Vec<_> = texts
        .iter()
        .map(|text| {
            let ctx = Context::new(text, published, pack);
            let found_dates = dates::extract(&ctx);
            let found_quotes = quotes::extract(&ctx);
            (ctx, found_dates, found_quotes)
        })
        .collect();
    let sentences: usize = prepared.iter().map(|(ctx, _, _)| ctx.sentences.len()).sum();
    let mut group = c.benchmark_group("extract_events");
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("events_only", |b| {
        b.iter(|| {
            let mut found = 0;
            for (ctx, found_dates, found_quotes) in &prepared {
                found += events::extract(ctx, found_dates, found_quotes).len();
            }
            std::hint::black_box(found)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_events);
criterion_main!(benches);
