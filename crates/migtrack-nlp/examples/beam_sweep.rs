//! Accuracy and speed of the shipped model decoded with several beam widths:
//! `--example beam_sweep -- DEV.conllu`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dev = migtrack_nlp::conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let forms: Vec<Vec<&str>> = dev
        .iter()
        .map(migtrack_nlp::conllu::Sentence::forms)
        .collect();
    for width in [1usize, 2, 4, 8] {
        let model = migtrack_nlp::model::with_beam(migtrack_nlp::Model::english(), width).leak();
        let scores = migtrack_nlp::train::evaluate(model, &dev);
        let start = std::time::Instant::now();
        for words in &forms {
            model.analyze_forms(words);
        }
        let rate = forms.len() as f64 / start.elapsed().as_secs_f64();
        println!("beam {width}: {scores}; {rate:.0} sentences/s");
    }
}
