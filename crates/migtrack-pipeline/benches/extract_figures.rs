//! Figures extractor benchmark alone: sentences are split once outside the loop; reported in
//! sentences per second over the seed and dev articles (skipped with a note when absent).

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_model::Span;
use migtrack_pipeline::annotate;
use migtrack_pipeline::extract::figures;

/// Article texts: the seeds, the gold dev articles' folders and the repo's own gold texts.
fn texts() -> Vec<String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in [
        manifest.join("../../../shared/seeds"),
        manifest.join("../../../shared/corpus/news/allsides"),
        manifest.join("../../../shared/corpus/news/bbc"),
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
                .take(60)
                .filter_map(|path| std::fs::read_to_string(path).ok()),
        );
    }
    texts
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let published = chrono::NaiveDate::from_ymd_opt(2018, 11, 27);
    let prepared: Vec<(&str, Vec<Span>)> = texts
        .iter()
        .map(|text| (text.as_str(), annotate::sentences(text)))
        .collect();
    let sentences: usize = prepared.iter().map(|(_, spans)| spans.len()).sum();
    let mut group = c.benchmark_group("extract_figures");
    group.throughput(Throughput::Elements(sentences as u64));
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
