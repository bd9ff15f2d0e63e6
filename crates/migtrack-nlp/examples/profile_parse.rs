//! Time the stages of the layer on a treebank: `--example profile_parse -- FILE.conllu`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sentences =
        migtrack_nlp::conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(migtrack_nlp::conllu::Sentence::forms)
        .collect();
    let model = migtrack_nlp::Model::english();
    println!("{}", migtrack_nlp::model::table_stats(model));
    for (name, run) in migtrack_nlp::model::profile_stages() {
        let start = std::time::Instant::now();
        let mut total = 0;
        for words in &forms {
            total += run(model, words);
        }
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{name}: {:.0} sentences/s ({total})",
            forms.len() as f64 / seconds
        );
    }
}
