//! The language of a document that carries none: whatlang's trigram identification, limited to
//! the languages the extractors know (English, German, Spanish, French), over the first words
//! of the text. No guess for short text or when whatlang is not confident.

use whatlang::{Detector, Lang};

/// How many bytes of the text to look at (about 400 words).
const SAMPLE_BYTES: usize = 2_400;
/// Fewer words than this get no guess.
const MIN_WORDS: usize = 20;

/// ISO 639-1 code of the text's language, or `None` when too short or unclear.
pub fn guess(text: &str) -> Option<&'static str> {
    let mut end = SAMPLE_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let words = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .count();
    if words < MIN_WORDS {
        return None;
    }
    let detector = Detector::with_allowlist(vec![Lang::Eng, Lang::Deu, Lang::Spa, Lang::Fra]);
    let info = detector.detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(match info.lang() {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Fra => "fr",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::guess;

    #[test]
    fn common_news_languages_are_told_apart() {
        let cases = [
            (
                "en",
                "The government said on Monday that it would not sign the agreement, and the ministry added that the number of asylum seekers was falling for the first time in years.",
            ),
            (
                "de",
                "Die Bundesregierung hat am Montag erklärt, dass sie den Pakt nicht unterzeichnen wird, und das Innenministerium sagte, die Zahl der Asylbewerber sei zum ersten Mal gesunken.",
            ),
            (
                "es",
                "El gobierno dijo el lunes que no firmará el pacto, y el ministerio del Interior añadió que el número de solicitantes de asilo bajó por primera vez en los últimos años.",
            ),
            (
                "fr",
                "Le gouvernement a déclaré lundi qu'il ne signera pas le pacte, et le ministère de l'Intérieur a ajouté que le nombre des demandeurs d'asile est en baisse pour la première fois.",
            ),
        ];
        for (expected, text) in cases {
            assert_eq!(guess(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn short_or_wordless_text_gets_no_guess() {
        assert_eq!(guess("Trump Boycotts U.N. Migration Talks"), None);
        assert_eq!(guess("12 345 678 — 90"), None);
    }

    /// The sample is cut at a character boundary, whatever the text.
    #[test]
    fn long_text_of_multibyte_characters_is_sampled_safely() {
        let text =
            "Die Regierung hat erklärt, dass sie den Pakt nicht unterzeichnen wird. ".repeat(80);
        assert_eq!(guess(&text), Some("de"));
        assert_eq!(guess(&"äöü ".repeat(2_000)), None);
    }
}
