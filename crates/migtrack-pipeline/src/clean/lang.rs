//! A small language guess for documents that carry no language: counts of very common function
//! words of each language the extractors know (English, German, Spanish, French) among the first
//! words of the text. Good enough to route a news article; no guess for short or mixed text.

/// Function words frequent in running text and rare in the other languages listed.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "that", "is", "was", "for", "with", "said", "has", "have",
            "it", "on",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "nicht", "ist", "mit", "sich", "auf", "für", "dem", "den",
            "ein", "eine",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "que", "por", "con", "una", "para", "se", "su", "al",
            "como", "más",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "une", "dans", "pour", "qui", "pas", "sur", "au",
            "avec", "du",
        ],
    ),
];

/// How many words to look at.
const SAMPLE_WORDS: usize = 400;

/// ISO 639-1 code of the text's language, or `None` when too short or unclear.
pub fn guess(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; STOPWORDS.len()];
    let mut words = 0;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .take(SAMPLE_WORDS)
    {
        words += 1;
        let lower = word.to_lowercase();
        for (index, (_, list)) in STOPWORDS.iter().enumerate() {
            if list.contains(&lower.as_str()) {
                counts[index] += 1;
            }
        }
    }
    let (best, &top) = counts.iter().enumerate().max_by_key(|(_, count)| **count)?;
    let second = counts
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != best)
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0);
    // At least 8% of the words are the language's function words, and clearly more than any other.
    (words >= 20 && top * 100 >= words * 8 && top >= 2 * second.max(1)).then_some(STOPWORDS[best].0)
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
}
