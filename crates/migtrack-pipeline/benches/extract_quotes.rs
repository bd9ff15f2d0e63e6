//! Criterion benchmark of the quote and claim extractors on a plain-text article written for
//! the benchmark (no publisher text), reported per sentence.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_pipeline::extract::{claims, quotes};

const ARTICLE: &str = "\
The interior ministry said on Tuesday that it would cut the refugee admissions cap to 12,000.
“We will decide who enters our country, and we will do it fairly,” Interior Minister Anna Berg said in a statement. “The era of open borders is over.”
Berg added that the government will not fund groups that “run cover for irregular migration.”
Critics called the plan “cruel and unnecessary.” A spokesperson for the Refugee Council stated that the cut would leave thousands without protection, though no figures were given.
According to the national statistics office, asylum applications fell 14 percent last year.
The opposition leader, Marek Tomas, argued that the government had failed to process claims on time. “Delays cost the country 40 million euros a year,” he said.
The agreement, sometimes called a “safe third country” deal, takes effect in March.
";

fn bench(c: &mut Criterion) {
    let text = ARTICLE.repeat(20);
    let layer = migtrack_nlp::split(&text);
    let sentences: Vec<migtrack_model::Span> = layer.iter().map(|s| s.span).collect();
    let mut group = c.benchmark_group("extract_quotes");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function("quotes", |b| {
        b.iter(|| quotes::extract_with(&text, &layer, &|_, _| None))
    });
    let found = quotes::extract_with(&text, &layer, &|_, _| None);
    group.bench_function("claims", |b| {
        b.iter(|| claims::extract_with(&text, &sentences, &found))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
