//! Events extractor benchmark alone: the context (sentences, mentions) and dates are built once
//! outside the loop; reported in sentences per second.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_domain::Pack;
use migtrack_pipeline::extract::{Context, dates, events, quotes};

fn bench_events(c: &mut Criterion) {
    let pack = Pack::builtin();
    let texts = common::texts_in(
        &["../../../shared/seeds", "../../testdata/gold"],
        usize::MAX,
    );
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
