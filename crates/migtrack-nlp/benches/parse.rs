//! Speed of the linguistic layer on one core: tagging and parsing the en_ewt test sentences
//! (gold words), and the whole layer (split, tokenize, tag, parse) on their running text.
//! Needs ../shared/ud beside the repository.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migtrack_nlp::{Model, conllu};

fn treebank() -> Vec<conllu::Sentence> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/ud/en_ewt/en_ewt-ud-test.conllu"
    );
    let text = std::fs::read_to_string(path)
        .expect("../shared/ud/en_ewt/en_ewt-ud-test.conllu is readable");
    conllu::parse(&text).expect("the treebank parses")
}

fn bench(c: &mut Criterion) {
    let start = std::time::Instant::now();
    let model = Model::english();
    eprintln!(
        "model loaded in {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let sentences = treebank();
    let forms: Vec<Vec<&str>> = sentences.iter().map(conllu::Sentence::forms).collect();
    let mut group = c.benchmark_group("nlp");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function("tag_and_parse_en_ewt_test_sentences", |b| {
        b.iter(|| {
            let mut heads = 0usize;
            for words in &forms {
                heads += model.analyze_forms(words).len();
            }
            heads
        })
    });
    let text = conllu::raw_text(&sentences);
    group.bench_function("split_tokenize_tag_parse_en_ewt_test_text", |b| {
        b.iter(|| model.analyze_text(&text).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
