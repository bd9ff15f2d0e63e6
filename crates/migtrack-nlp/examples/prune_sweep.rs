//! Accuracy, size and speed of the shipped model pruned at several thresholds:
//! `--example prune_sweep -- DEV.conllu`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dev = migtrack_nlp::conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let forms: Vec<Vec<&str>> = dev
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    for threshold in [0.0f32, 0.02, 0.05, 0.1, 0.2] {
        let model = migtrack_nlp::model::pruned(migtrack_nlp::Model::english(), threshold).leak();
        let scores = migtrack_nlp::train::evaluate(model, &dev);
        let start = std::time::Instant::now();
        for words in &forms {
            model.analyze_forms(words);
        }
        let rate = forms.len() as f64 / start.elapsed().as_secs_f64();
        println!(
            "prune {threshold}: {scores}; {} bytes; {rate:.0} sentences/s; {}",
            model.to_bytes().len(),
            migtrack_nlp::model::table_stats(model)
        );
    }
}
