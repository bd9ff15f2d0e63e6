//! Speed of mention finding on plain text with the builtin pack (and of building the pack).
//! The text is written for this bench; sentences per second = sentences / time per iteration.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_domain::Pack;

/// Ten sentences of policy news, written for the bench (not taken from any article).
const PARAGRAPH: &str = "The Trump administration said on Tuesday that the United States would \
withdraw from the Global Forum on Migration and Development. U.S. diplomats were told to stay \
away from the talks in Geneva, according to a State Department cable. Mexican officials said \
they regretted the decision and that Mexico would keep working with the U.N. on the Global \
Compact for Migration. In Budapest, Prime Minister Viktor Orbán said Hungary had never signed \
it. Washington said the compact was incompatible with its sovereignty. The European Commission \
and the IOM declined to comment. Germany's interior minister told reporters in Berlin that the \
Bundesregierung stood by the 1951 Refugee Convention. Nikki Haley, the U.S. ambassador to the \
U.N., had announced a similar step in 2017. Officials in Guatemala City and Tegucigalpa said \
little, while Canada and Australia kept their refugee programmes. ";

fn bench_mentions(c: &mut Criterion) {
    let pack = Pack::builtin();
    let text = PARAGRAPH.repeat(20);
    let on = NaiveDate::from_ymd_opt(2026, 1, 8);
    let mut group = c.benchmark_group("find_mentions");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("200_sentences", |b| {
        b.iter(|| pack.find_mentions(black_box(&text), on))
    });
    group.finish();
}

fn bench_build(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/packs/migration");
    c.bench_function("pack_from_dir", |b| {
        b.iter(|| Pack::from_dir(black_box(dir)))
    });
}

criterion_group!(benches, bench_mentions, bench_build);
criterion_main!(benches);
