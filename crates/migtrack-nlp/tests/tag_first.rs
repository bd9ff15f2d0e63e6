//! Tagging only the first words of a sentence gives them the tags the whole sentence's
//! tagging gives (the truecaser and the quotes extractor tag only the words they read).

use migtrack_nlp::{Model, Upos};

#[test]
fn the_first_words_are_tagged_as_in_the_whole_sentence() {
    let model = Model::english();
    for text in [
        "the home secretary theresa may said on tuesday that the uk would not sign the compact .",
        "Policy Trump announced last year that 15,000 refugees would be admitted , officials said .",
        "us",
        "",
    ] {
        let forms: Vec<&str> = text.split_whitespace().collect();
        let whole = model.upos_of_forms(&forms);
        let analysed: Vec<Upos> = model
            .analyze_forms_unparsed(&forms)
            .iter()
            .map(|word| word.upos)
            .collect();
        assert_eq!(whole, analysed);
        for count in 0..=forms.len() + 2 {
            assert_eq!(
                model.upos_of_first(&forms, count),
                whole[..count.min(forms.len())].to_vec(),
                "{text:?}, first {count}"
            );
        }
    }
}
