//! Text normalisation shared by aliases and texts, so that "U.N." = "UN", "Orbán" = "Orban" and
//! "White\u{a0} House" = "White House", with a byte-offset map back to the original text.
//!
//! Rules (applied to aliases and to texts alike):
//! - runs of whitespace (any Unicode white space) become one ASCII space;
//! - typographic apostrophes (’ ‘ ʼ) become `'`; Unicode hyphens (U+2010, U+2011) become `-`;
//! - Latin letters with diacritics fold to ASCII ("ő" → "o", "ß" → "ss", "Æ" → "AE");
//! - dots inside acronyms of single capitals are dropped: "U.S." → "US", "U.N" → "UN"
//!   (two or more capitals; the dots are counted in the span of the preceding letter, so a
//!   match on "US" maps back to "U.S." including its final dot).
//!
//! Case is kept: case rules are applied per alias by the matcher.

/// A normalised text and, for every byte of it, the original byte range it came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Normalized {
    pub text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Normalized {
    /// The original byte range of the normalised range `[start, end)`.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let original_start = self.starts.get(start).copied().unwrap_or(0);
        let original_end = if end == 0 {
            original_start
        } else {
            self.ends.get(end - 1).copied().unwrap_or(original_start)
        };
        (original_start, original_end)
    }

    fn push_str(&mut self, piece: &str, start: usize, end: usize) {
        self.text.push_str(piece);
        for _ in 0..piece.len() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    fn extend_last(&mut self, end: usize) {
        if let Some(last) = self.ends.last_mut() {
            *last = end;
        }
    }
}

/// Normalise a text (see the module docs).
pub(crate) fn normalize(input: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(input.len()),
        starts: Vec::with_capacity(input.len()),
        ends: Vec::with_capacity(input.len()),
    };
    let bytes = input.as_bytes();
    let mut position = 0;
    let mut previous: Option<char> = None;
    while position < input.len() {
        let byte = bytes[position];
        // Acronyms with dots start at a word boundary with "X." followed by another capital.
        if byte.is_ascii_uppercase()
            && previous.is_none_or(|c| !c.is_alphanumeric())
            && let Some(length) = acronym_length(&bytes[position..])
        {
            let mut index = position;
            let stop = position + length;
            while index < stop {
                let byte = bytes[index];
                if byte == b'.' {
                    out.extend_last(index + 1);
                } else {
                    let mut buffer = [0u8; 4];
                    out.push_str((byte as char).encode_utf8(&mut buffer), index, index + 1);
                }
                index += 1;
            }
            previous = Some('.');
            position = stop;
            continue;
        }
        // A middle initial ("George W. Bush", "Donald J. Trump"): the dot is dropped, so the
        // name matches with or without it. Only a lone capital between spaces, before a
        // capitalised word.
        if byte.is_ascii_uppercase()
            && previous.is_some_and(char::is_whitespace)
            && bytes.get(position + 1) == Some(&b'.')
            && bytes.get(position + 2) == Some(&b' ')
            && bytes.get(position + 3).is_some_and(u8::is_ascii_uppercase)
        {
            out.push_str(
                (byte as char).encode_utf8(&mut [0u8; 4]),
                position,
                position + 1,
            );
            out.extend_last(position + 2);
            previous = Some(byte as char);
            position += 2;
            continue;
        }
        // Plain ASCII other than white space: copied as it is, one byte for one byte.
        if byte.is_ascii() && !(byte as char).is_whitespace() {
            out.text.push(byte as char);
            out.starts.push(position);
            out.ends.push(position + 1);
            previous = Some(byte as char);
            position += 1;
            continue;
        }
        let Some(character) = input[position..].chars().next() else {
            break;
        };
        let width = character.len_utf8();
        let end = position + width;
        if character.is_whitespace() {
            if out.text.ends_with(' ') {
                out.extend_last(end);
            } else {
                out.push_str(" ", position, end);
            }
        } else if character.is_ascii() {
            let mut buffer = [0u8; 4];
            out.push_str(character.encode_utf8(&mut buffer), position, end);
        } else if let Some(folded) = fold(character) {
            out.push_str(folded, position, end);
        } else {
            let mut buffer = [0u8; 4];
            out.push_str(character.encode_utf8(&mut buffer), position, end);
        }
        previous = Some(character);
        position = end;
    }
    out
}

/// Length in bytes of a dotted acronym at the start of `bytes` ("U.S.", "U.N.", "U.S.A.",
/// "U.N"), or None. Needs two or more capitals, and no letter or digit right after it.
fn acronym_length(bytes: &[u8]) -> Option<usize> {
    let mut index = 0;
    let mut letters = 0;
    loop {
        match (bytes.get(index), bytes.get(index + 1)) {
            (Some(letter), Some(b'.')) if letter.is_ascii_uppercase() => {
                letters += 1;
                index += 2;
            }
            (Some(letter), next) if letter.is_ascii_uppercase() && letters >= 1 => {
                // "U.N" without the final dot: the last capital must end the word.
                if next.is_some_and(|b| b.is_ascii_alphanumeric()) {
                    break;
                }
                letters += 1;
                index += 1;
                break;
            }
            _ => break,
        }
    }
    let after_is_word = bytes.get(index).is_some_and(|b| b.is_ascii_alphanumeric());
    (letters >= 2 && !after_is_word).then_some(index)
}

/// ASCII folding of Latin letters with diacritics and a few typographic characters.
fn fold(character: char) -> Option<&'static str> {
    Some(match character {
        '\u{2019}' | '\u{2018}' | '\u{2bc}' | '\u{b4}' => "'",
        '\u{2010}' | '\u{2011}' => "-",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Č' | 'Ĉ' | 'Ċ' => "C",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'Ď' | 'Đ' => "D",
        'ď' | 'đ' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ğ' | 'Ģ' | 'Ĝ' | 'Ġ' => "G",
        'ğ' | 'ģ' | 'ĝ' | 'ġ' => "g",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ķ' => "K",
        'ķ' => "k",
        'Ł' | 'Ľ' | 'Ĺ' | 'Ļ' => "L",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'Ñ' | 'Ń' | 'Ň' | 'Ņ' => "N",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ř' | 'Ŕ' => "R",
        'ř' | 'ŕ' => "r",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ť' | 'ţ' | 'ț' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ý' | 'Ÿ' => "Y",
        'ý' | 'ÿ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        'Þ' => "Th",
        'þ' => "th",
        'Ð' => "D",
        'ð' => "d",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input).text, expected, "normalising {input:?}");
    }

    #[test]
    fn acronym_dots_are_dropped_and_diacritics_folded() {
        check("the U.N.'s compact", "the UN's compact");
        check("U.S.A. and U.K.", "USA and UK");
        check("U.N", "UN");
        check("Viktor Orbán", "Viktor Orban");
        check("Österreich  und\n Straße", "Osterreich und Strasse");
        check("Donald J. Trump", "Donald J Trump");
        check("George W Bush", "George W Bush");
        // A capital ending a sentence is no middle initial: the next word is lower case.
        check("Plan B. it", "Plan B. it");
        check("e.g. this", "e.g. this");
        check("A. Smith", "A. Smith");
        check("Trump’s", "Trump's");
    }

    #[test]
    fn offsets_map_back_to_the_original_text() {
        let input = "the U.S. said Orbán";
        let normalized = normalize(input);
        let start = normalized.text.find("US").unwrap_or(0);
        let (from, to) = normalized.original(start, start + 2);
        assert_eq!(&input[from..to], "U.S.");
        let start = normalized.text.find("Orban").unwrap_or(0);
        let (from, to) = normalized.original(start, start + 5);
        assert_eq!(&input[from..to], "Orbán");
        // The dropped dot of a middle initial belongs to the initial.
        let input = "President George W. Bush sent";
        let normalized = normalize(input);
        let start = normalized.text.find("George W Bush").unwrap_or(0);
        let (from, to) = normalized.original(start, start + "George W Bush".len());
        assert_eq!(&input[from..to], "George W. Bush");
    }
}
