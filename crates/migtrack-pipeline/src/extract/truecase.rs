//! Capitals for text that lost them. Some archives deliver articles lower-cased, without most
//! punctuation ("one ukip mep estimated 15m romanians would be flocking to the uk"). Every
//! extractor reads capitals: names, speakers, the pack's case rules ("US" is a state, "us" a
//! pronoun). Such a text is read through a truecased copy of the same byte length, so every
//! span the extractors give points at the same place in the stored original:
//!
//! - a text is **caseless** when it has enough letters and almost none of them upper case
//!   ([`is_caseless`]; normal prose has 2–5%);
//! - the pack's names found in other case ([`migtrack_domain::Pack::case_hints`]) take their
//!   own case: a name of two or more words always ("home office", "office for national
//!   statistics"), a one-word name unless the tagger reads the word there as a function word or
//!   a verb ("may" the modal, "us" the pronoun, "chad" stays a name);
//! - the words the tagger reads as proper nouns get a capital ("nick" → "Nick"): its word,
//!   affix and context features still see a name where the shape feature no longer can.
//!   Not a word the treebank knows as a common word too (`Model::seen_as`: "the previous
//!   year", "the actual figure"); and a rare word right after a name continues it ("james brokenshire");
//! - the first word of each sentence and of each line (such archives keep a paragraph a
//!   line), and the pronoun "i", get a capital.
//!
//! Only letters whose upper case has the same UTF-8 length change, so the copy is
//! byte-aligned with the original.

use std::borrow::Cow;

use migtrack_domain::Pack;
use migtrack_nlp::Upos;

/// Fewest letters a text needs before its case is judged (a short title may be all lower
/// case on purpose).
const MIN_LETTERS: usize = 200;

/// Upper-case letters per thousand letters under which a text is caseless. The lower-cased
/// archive articles of the shared corpus have none; the lowest cased article has 17.
const MAX_UPPER_PER_MILLE: usize = 2;

/// Titles that only ever stand before a personal name ("sir andrew green", "mr cameron"):
/// in a caseless text the words after one, up to [`MAX_TITLED_NAME_WORDS`] nouns,
/// adjectives or proper nouns, are that name (a surname that is also a common word, "green",
/// gets its capital too).
const NAME_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "baroness", "baron",
];

/// Most words of a name after a title (given names and surname).
const MAX_TITLED_NAME_WORDS: usize = 3;

/// Whether `text` lost its capitals (see the module docs).
pub fn is_caseless(text: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for character in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(character.is_uppercase());
    }
    letters >= MIN_LETTERS && upper * 1000 <= letters * MAX_UPPER_PER_MILLE
}

/// `text` with its capitals restored when it is caseless ([`is_caseless`]), else `text` as
/// it is. The result has the same length and the same character boundaries as `text`.
pub fn truecase<'t>(text: &'t str, lang: &str, pack: &Pack) -> Cow<'t, str> {
    if !is_caseless(text) {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let model = migtrack_nlp::Model::for_language(lang);
    let hints = pack.case_hints(text);
    // Where the one-word names start: the tagger's reading of those words is asked below.
    let mut one_word_hints: Vec<usize> = hints
        .iter()
        .filter(|hint| hint.words == 1)
        .map(|hint| hint.span.start)
        .collect();
    one_word_hints.sort_unstable();
    // The tag of the word starting at each byte (for the one-word names below), for the words
    // whose tag is read.
    let mut tags: Vec<(usize, Upos)> = Vec::new();
    // Such archives keep a paragraph a line: each line starts a sentence.
    let mut line_start = true;
    for (at, character) in text.char_indices() {
        if character == '\n' {
            line_start = true;
        } else if line_start && character.is_alphanumeric() {
            capitalise(&mut bytes, text, at);
            line_start = false;
        } else if line_start && !character.is_whitespace() {
            line_start = false;
        }
    }
    for sentence in migtrack_nlp::split(text) {
        // A sentence after a full stop (not a piece cut from a long one).
        if let Some(first) = sentence.words.first()
            && text[..first.span.start]
                .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘([".contains(c))
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?'))
        {
            capitalise(&mut bytes, text, first.span.start);
        }
        for word in &sentence.words {
            let form = word.form(text);
            if form == "i" || form.starts_with("i'") || form.starts_with("i’") {
                capitalise(&mut bytes, text, word.span.start);
            }
        }
        let Some(model) = model else {
            continue;
        };
        let forms: Vec<&str> = sentence.words.iter().map(|word| word.form(text)).collect();
        let alphabetic: Vec<bool> = forms
            .iter()
            .map(|form| form.chars().all(char::is_alphabetic))
            .collect();
        let seen: Vec<Vec<&str>> = forms.iter().map(|form| model.seen_as(form)).collect();
        // Known only as a proper noun, or not at all.
        let name_or_rare: Vec<bool> = seen
            .iter()
            .map(|seen| seen.iter().all(|tag| tag.starts_with("NNP")))
            .collect();
        // The tagger's reading is asked only of an alphabetic name or rare word and of a
        // one-word name of the pack; tagging goes left to right, so the words up to the last
        // such one are tagged (as the whole sentence would tag them) and the rest are not.
        let asked = sentence
            .words
            .iter()
            .enumerate()
            .rposition(|(index, word)| {
                (alphabetic[index] && name_or_rare[index])
                    || one_word_hints.binary_search(&word.span.start).is_ok()
            })
            .map_or(0, |last| last + 1);
        let upos = model.upos_of_first(&forms, asked);
        // A given name the lexicon knows (`first_names.json`) before a word the treebank
        // knows only as a proper noun, or not at all, opens a person's name ("david hanson",
        // "will smith"; not "may be", "grace period").
        for (index, words) in sentence.words.windows(2).enumerate() {
            if crate::extract::quotes::lexicon::first_name_gender(forms[index]).is_some()
                && alphabetic[index]
                && alphabetic[index + 1]
                && name_or_rare[index + 1]
            {
                capitalise(&mut bytes, text, words[0].span.start);
                capitalise(&mut bytes, text, words[1].span.start);
            }
        }
        let mut after_name = false;
        // Words of a name still to come after a title.
        let mut titled = 0usize;
        for (index, (word, form)) in sentence.words.iter().zip(&forms).enumerate() {
            // After a title, any word the treebank knows only as a noun or an adjective (or
            // not at all) goes on with the name; a verb or a function word ends it. (The
            // tagger's own reading of lower-case names is too unsure here: "green" as AUX.)
            let nominal = seen[index]
                .iter()
                .all(|tag| tag.starts_with("NN") || tag.starts_with("JJ"));
            if titled > 0 && alphabetic[index] && nominal {
                capitalise(&mut bytes, text, word.span.start);
                titled -= 1;
            } else {
                titled = 0;
            }
            if NAME_TITLES.contains(&form.trim_end_matches('.')) {
                capitalise(&mut bytes, text, word.span.start);
                titled = MAX_TITLED_NAME_WORDS;
            }
            let upos = upos.get(index).copied();
            if let Some(upos) = upos {
                tags.push((word.span.start, upos));
            }
            // A proper noun of the tagger, unless the treebank knows the word only as a
            // common one ("the previous year"); and a rare word right after a name, which
            // continues it ("james brokenshire").
            let name = alphabetic[index]
                && name_or_rare[index]
                && upos.is_some_and(|upos| {
                    upos == Upos::Propn
                        || (after_name
                            && matches!(upos, Upos::Noun | Upos::Verb | Upos::Adj | Upos::X))
                });
            if name {
                capitalise(&mut bytes, text, word.span.start);
            }
            after_name = name;
        }
    }
    tags.sort_unstable_by_key(|(start, _)| *start);
    let tag_at = |start: usize| {
        tags.binary_search_by_key(&start, |(at, _)| *at)
            .ok()
            .map(|index| tags[index].1)
    };
    for hint in hints {
        let function_word = tag_at(hint.span.start).is_some_and(|tag| {
            matches!(
                tag,
                Upos::Pron
                    | Upos::Aux
                    | Upos::Det
                    | Upos::Adp
                    | Upos::Cconj
                    | Upos::Sconj
                    | Upos::Part
                    | Upos::Adv
                    | Upos::Verb
                    | Upos::Intj
            )
        });
        if hint.words == 1 && function_word {
            continue;
        }
        for offset in hint.upper {
            capitalise(&mut bytes, text, offset);
        }
    }
    match String::from_utf8(bytes) {
        Ok(cased) => Cow::Owned(cased),
        Err(_) => Cow::Borrowed(text),
    }
}

/// Upper-case the character of `text` at byte `at` in `bytes` (a copy of `text`), when its
/// upper case is one character of the same length.
fn capitalise(bytes: &mut [u8], text: &str, at: usize) {
    let Some(character) = text.get(at..).and_then(|rest| rest.chars().next()) else {
        return;
    };
    if !character.is_lowercase() {
        return;
    }
    let mut upper = character.to_uppercase();
    let (Some(capital), None) = (upper.next(), upper.next()) else {
        return;
    };
    if capital.len_utf8() == character.len_utf8() {
        capital.encode_utf8(&mut bytes[at..at + character.len_utf8()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caseless_text(body: &str) -> String {
        // Enough letters for the judgement, none of them capitals.
        format!(
            "{body}\nthe committee met again on tuesday and the minutes were published the next morning for everyone to read and comment on before the next session of the council in the spring\n"
        )
    }

    #[test]
    fn cased_text_is_left_as_it_is() {
        let text = "The Home Office said on Tuesday that the UK would not sign. ".repeat(10);
        assert!(matches!(
            truecase(&text, "en", Pack::builtin()),
            Cow::Borrowed(_)
        ));
        assert!(!is_caseless(&text));
        assert!(!is_caseless("a short all lower-case title"));
    }

    #[test]
    fn caseless_text_gets_names_sentence_starts_and_i() {
        let text = caseless_text(
            "one mep said 15000 romanians would come to the uk and i doubt it\nthe home office said nick had told us it may be so",
        );
        assert!(is_caseless(&text));
        let cased = truecase(&text, "en", Pack::builtin());
        assert_eq!(cased.len(), text.len());
        assert!(cased.starts_with("One "), "{cased}");
        for expected in [
            " the UK ",
            " Romanians ",
            " I doubt",
            "\nThe Home Office said",
            " Nick ",
        ] {
            assert!(cased.contains(expected), "{expected:?} in {cased}");
        }
        // Pronoun and modal stay words, not the pack's "US" and "May".
        assert!(cased.contains(" told us it may be"), "{cased}");
    }

    #[test]
    fn a_title_capitalises_the_name_after_it() {
        // "green" is a common word the tagger does not read as a name; after a title it is
        // the surname. A verb ends the name ("said", "says").
        let text = caseless_text(
            "the pressure group chief sir andrew green said the figures were wrong\nthe minister mr anders blom says it is not so",
        );
        let cased = truecase(&text, "en", Pack::builtin());
        assert!(cased.contains(" Sir Andrew Green said "), "{cased}");
        assert!(cased.contains(" Mr Anders Blom says "), "{cased}");
        // Negative twin: without a title, the common word stays a word.
        assert!(cased.contains(" the figures were wrong"), "{cased}");
    }

    #[test]
    fn a_known_given_name_before_a_surname_opens_a_name() {
        let text = caseless_text(
            "shadow minister david hanson called the decision unfair\nthe report says it may be so and there is a grace period",
        );
        let cased = truecase(&text, "en", Pack::builtin());
        assert!(cased.contains(" David Hanson called "), "{cased}");
        // Negative twins: a given name before a common word stays a word.
        assert!(cased.contains(" it may be so "), "{cased}");
        assert!(cased.contains(" a grace period\n"), "{cased}");
    }

    #[test]
    fn letters_whose_capital_is_longer_stay_as_they_are() {
        let text = "ßa ñandú";
        let mut bytes = text.as_bytes().to_vec();
        capitalise(&mut bytes, text, 0);
        capitalise(&mut bytes, text, "ßa ".len());
        assert_eq!(String::from_utf8(bytes).unwrap(), "ßa Ñandú");
    }

    /// Records of a lower-cased article carry truecased text, and their spans point at the
    /// same words of the original.
    #[test]
    fn records_of_a_caseless_text_point_into_the_original() {
        let text = caseless_text(
            "the uk will cut net migration to the tens of thousands the home office said on monday\nthe immigration minister james brokenshire said that the government would not sign the global compact for migration",
        );
        let extraction = super::super::extract_lang(&text, "en", None, Pack::builtin());
        assert!(!extraction.quotes.is_empty(), "{extraction:?}");
        for quote in &extraction.quotes {
            assert_eq!(
                quote.span.slice(&text),
                quote.text.to_lowercase(),
                "{quote:?}"
            );
        }
        assert!(
            extraction
                .quotes
                .iter()
                .any(|quote| quote.speaker.as_deref() == Some("James Brokenshire")),
            "{:?}",
            extraction.quotes
        );
        for date in &extraction.dates {
            assert_eq!(date.span.slice(&text), date.text.to_lowercase(), "{date:?}");
        }
    }
}
