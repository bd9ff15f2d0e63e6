//! Print every word's analysis (tags, lemma, features, head, relation) for each sentence of a
//! CoNLL-U file, to compare two builds byte for byte: `--example dump_parse -- FILE.conllu`.
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sentences =
        migtrack_nlp::conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let model = migtrack_nlp::Model::english();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for sentence in &sentences {
        let forms = sentence.forms();
        for (index, (form, analysis)) in forms.iter().zip(model.analyze_forms(&forms)).enumerate() {
            let head = analysis.head.map_or(0, |head| head + 1);
            writeln!(
                out,
                "{}\t{form}\t{}\t{:?}\t{}\t{}\t{head}\t{}",
                index + 1,
                analysis.lemma,
                analysis.upos,
                analysis.xpos,
                analysis.feats,
                analysis.deprel
            )
            .unwrap();
        }
        writeln!(out).unwrap();
    }
}
