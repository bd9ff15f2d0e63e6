//! Text overlap shared by extraction and scoring: two texts are "the same statement" when
//! they share at least half of each other's word tokens. The claims extractor uses it to skip
//! statements already recorded, and the scorer to match records with gold; neither depends on
//! the other, and the tokens here must stay stable because scores depend on them.

/// Lower-case word tokens (`\w+`).
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two texts overlap by at least half of the tokens of each (multiset overlap).
pub fn texts_overlap(a: &str, b: &str) -> bool {
    let a_tokens = tokens(a);
    let mut b_tokens = tokens(b);
    if a_tokens.is_empty() || b_tokens.is_empty() {
        return false;
    }
    let b_len = b_tokens.len();
    let mut common = 0;
    for token in &a_tokens {
        if let Some(position) = b_tokens.iter().position(|other| other == token) {
            b_tokens.swap_remove(position);
            common += 1;
        }
    }
    2 * common >= a_tokens.len() && 2 * common >= b_len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_of_each_side_must_be_shared() {
        assert!(texts_overlap(
            "The cap is 7,500",
            "the cap is 7,500 refugees"
        ));
        assert!(!texts_overlap(
            "The cap is 7,500",
            "a wholly different statement about borders"
        ));
        assert!(!texts_overlap("", "anything"));
        assert_eq!(tokens("U.S. cap, 7,500"), ["u", "s", "cap", "7", "500"]);
    }
}
