//! Accuracy and speed of the shipped model decoded with several beam widths and score
//! margins (`parser::DECODE_MARGIN`): `--example beam_sweep -- DEV.conllu`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dev = migtrack_nlp::conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let forms: Vec<Vec<&str>> = dev
        .iter()
        .map(migtrack_nlp::conllu::Sentence::forms)
        .collect();
    let settings = [
        (1usize, None),
        (2, None),
        (4, None),
        (8, None),
        (8, Some(80.0f32)),
        (8, Some(100.0)),
        (8, Some(120.0)),
        (8, Some(150.0)),
    ];
    for (width, margin) in settings {
        let model = migtrack_nlp::model::with_beam(migtrack_nlp::Model::english(), width);
        let model = migtrack_nlp::model::with_margin(&model, margin).leak();
        let scores = migtrack_nlp::train::evaluate(model, &dev);
        let start = std::time::Instant::now();
        for words in &forms {
            model.analyze_forms(words);
        }
        let rate = forms.len() as f64 / start.elapsed().as_secs_f64();
        println!("beam {width}, margin {margin:?}: {scores}; {rate:.0} sentences/s");
    }
}
