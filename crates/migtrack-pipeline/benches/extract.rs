//! Whole extract stage benchmark: `extract::extract` over the seed articles (read from the
//! shared corpus when present) and the project's own test articles, reported in sentences per
//! second (criterion "elements").

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_domain::Pack;
use migtrack_pipeline::{annotate, extract};

/// Seed articles and `testdata/gold/events_*.txt`, as (text, publication date).
pub fn bench_texts() -> Vec<(String, Option<chrono::NaiveDate>)> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let mut dirs = vec![
        (manifest.join("../../../shared/seeds"), "txt"),
        (manifest.join("../../testdata/gold"), "txt"),
    ];
    for (dir, extension) in dirs.drain(..) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("note: {} absent, skipped", dir.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == extension))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push((text, chrono::NaiveDate::from_ymd_opt(2025, 11, 27)));
            }
        }
    }
    texts
}

fn bench_extract(c: &mut Criterion) {
    let pack = Pack::builtin();
    let texts = bench_texts();
    let sentences: usize = texts
        .iter()
        .map(|(text, _)| annotate::sentences(text).len())
        .sum();
    println!(
        "extract bench: {} texts, {sentences} sentences",
        texts.len()
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

criterion_group!(benches, bench_extract);
criterion_main!(benches);
