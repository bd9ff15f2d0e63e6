//! Figures extractor benchmark alone: sentences are split once outside the loop; reported in
//! sentences per second over the seed and dev articles (skipped with a note when absent).

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_pipeline::extract::figures;

fn bench(c: &mut Criterion) {
    let texts = common::texts();
    let published = chrono::NaiveDate::from_ymd_opt(2018, 11, 27);
    let (prepared, sentences) = common::with_sentences(&texts);
    let mut group = c.benchmark_group("extract_figures");
    group.throughput(Throughput::Elements(sentences));
    group.bench_function("figures", |b| {
        b.iter(|| {
            let mut found = 0;
            for (text, spans) in &prepared {
                found += figures::find(text, spans, published).len();
            }
            std::hint::black_box(found)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
