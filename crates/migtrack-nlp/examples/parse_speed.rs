//! Best of several timed passes of tagging and parsing a treebank's sentences (gold words):
//! `--example parse_speed -- FILE.conllu [PASSES]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sentences =
        migtrack_nlp::conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let passes: usize = args.get(2).map_or(5, |passes| passes.parse().unwrap());
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(migtrack_nlp::conllu::Sentence::forms)
        .collect();
    let model = migtrack_nlp::Model::english();
    let mut best = f64::INFINITY;
    for _ in 0..passes {
        let start = std::time::Instant::now();
        let mut total = 0;
        for words in &forms {
            total += model.analyze_forms(words).len();
        }
        std::hint::black_box(total);
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{:.0} sentences/s (best of {passes})",
        forms.len() as f64 / best
    );
}
