//! A count is not a measure. GUIDELINES.md calls `restrict` and `expand` measures (a cap, a
//! suspension, a new pathway) and has `fund` go to a body or programme; what a sentence counts
//! ("Mexico detained more than 29,000 migrants that month", "the U.S. has resettled a total of
//! 14,460 Syrian refugees", "provided over $4 billion in humanitarian assistance") is a
//! statistic or an amount, and the target a trigger found there is the count.
//!
//! - `fund`/`defund` of an amount is funding of what the amount is for: "$4 billion in
//!   humanitarian assistance" → "humanitarian assistance"; an amount for nothing named stays.
//! - `restrict`/`expand` of a count of people that happened is a statistic: no event. One that
//!   is planned or hypothetical ("will take in 1,000 refugees rescued at sea") is a measure on
//!   those people, without the number.
//! - `deport` of a count deports those people, without the number.
//!
//! The words are data below; nothing here depends on the sentence.

use migtrack_model::{Action, Modality};

/// Words that modify a number before it ("more than 29,000", "a total of 14,460").
const QUANTITY_MODIFIERS: &[&str] = &[
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "over",
    "more",
    "than",
    "fewer",
    "less",
    "up",
    "to",
    "at",
    "least",
    "a",
    "an",
    "total",
    "of",
    "estimated",
    "roughly",
    "approximately",
    "just",
    "only",
    "another",
    "additional",
    "extra",
];
/// Words of a number's scale ("4 billion", "tens of thousands").
const SCALES: &[&str] = &[
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "m",
    "bn",
    "k",
    "dollars",
    "pounds",
    "euros",
    "of",
];
/// Prepositions that name what an amount is for.
const FOR: &[&str] = &["in", "for", "to", "on", "towards", "toward"];

/// What becomes of an event whose target may be a count.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Counted {
    /// Not a count, or a count that stays.
    Keep,
    /// The target without its count.
    Retarget(String),
    /// A statistic: no event.
    Drop,
}

/// A number written in digits ("29,000", "$4", "1.2"), not a compound ("90-day", "2019").
fn is_number(word: &str) -> bool {
    let digits = word.trim_start_matches(['$', '£', '€']);
    digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        && !(digits.len() == 4 && digits.starts_with(['1', '2']) && !digits.contains(','))
}

/// Units a number can count that are no people or money ("100 miles of the border").
const UNITS: &[&str] = &[
    "miles",
    "mile",
    "kilometres",
    "kilometers",
    "km",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "hours",
    "percent",
    "per",
    "%",
    "times",
];

/// The count at the start of `target`: whether it is an amount of money, and the words after
/// it. `None` when the target opens with no number (or with "more"/"fewer" alone).
fn split_count(target: &str) -> Option<(bool, Vec<&str>)> {
    let words: Vec<&str> = target.split_whitespace().collect();
    let mut at = 0;
    while at < words.len() && QUANTITY_MODIFIERS.contains(&words[at].to_lowercase().as_str()) {
        at += 1;
    }
    let counted = words.get(at).is_some_and(|word| is_number(word));
    // "more migrants", "fewer Syrian refugees": a comparative count of a plural noun (not
    // "more stringent screening").
    let bare_more = at > 0
        && at < words.len()
        && matches!(words[at - 1].to_lowercase().as_str(), "more" | "fewer")
        && !is_number(words[at])
        && words.last().is_some_and(|last| last.ends_with('s'));
    if !counted && !bare_more {
        return None;
    }
    let mut money = words
        .get(at)
        .is_some_and(|word| word.starts_with(['$', '£', '€']));
    if counted {
        at += 1;
    }
    while at < words.len() && SCALES.contains(&words[at].to_lowercase().as_str()) {
        money |= matches!(
            words[at].to_lowercase().as_str(),
            "dollars" | "pounds" | "euros"
        );
        at += 1;
    }
    Some((money, words[at..].to_vec()))
}

/// Trigger words that make a count a measure: "an annual cap of 50,000 refugees".
const LIMITS: &[&str] = &[
    "cap", "caps", "capped", "capping", "ceiling", "limit", "limits", "limited", "quota", "quotas",
];

/// What `action` on `target` with `modality` becomes when the target is a count; `trigger`
/// is the trigger's text.
pub(super) fn counted(action: Action, modality: Modality, trigger: &str, target: &str) -> Counted {
    if trigger
        .split_whitespace()
        .any(|word| LIMITS.contains(&word.to_lowercase().as_str()))
    {
        return Counted::Keep;
    }
    let Some((money, rest)) = split_count(target) else {
        return Counted::Keep;
    };
    if rest
        .first()
        .is_some_and(|word| UNITS.contains(&word.to_lowercase().as_str()))
    {
        return Counted::Keep;
    }
    let phrase = |words: &[&str]| {
        let start = words
            .iter()
            .position(|word| !matches!(word.to_lowercase().as_str(), "the" | "a" | "an" | "of"))
            .unwrap_or(words.len());
        let phrase = words[start..].join(" ");
        if phrase.is_empty() {
            Counted::Drop
        } else {
            Counted::Retarget(phrase)
        }
    };
    match action {
        Action::Fund | Action::Defund => {
            // What an amount is for, when the phrase says; else the funding stands with its
            // amount ("grants him $1.375 billion").
            if !money && !rest.first().is_some_and(|w| FOR.contains(w)) {
                return Counted::Keep;
            }
            match rest.iter().position(|word| FOR.contains(word)) {
                Some(at) => phrase(&rest[at + 1..]),
                None => Counted::Keep,
            }
        }
        Action::Restrict | Action::Expand => {
            // A rate is a cap or a quota, a measure: "a limit of 30,000 refugees per year".
            let rate = rest.windows(2).any(|pair| {
                matches!(
                    (
                        pair[0].to_lowercase().as_str(),
                        pair[1].to_lowercase().as_str()
                    ),
                    ("per" | "a" | "each" | "every", "year" | "month" | "week")
                )
            }) || rest
                .iter()
                .any(|word| word.eq_ignore_ascii_case("annually"));
            if money || rate {
                Counted::Keep
            } else if modality == Modality::Asserted {
                Counted::Drop
            } else {
                phrase(&rest)
            }
        }
        Action::Deport => phrase(&rest),
        _ => Counted::Keep,
    }
}

/// Words that end the phrase naming what an amount is for ("… in humanitarian assistance since
/// the crisis began").
const PURPOSE_ENDS: &[&str] = &[
    "since", "that", "which", "who", "after", "before", "when", "while", "because", "as", "and",
    "but", "to",
];

/// A bare amount target ("4 billion", cut where the phrase finder stopped) with the words that
/// follow it in the sentence up to the end of its phrase (`after`, the text right after the
/// target), so that [`counted`] can read what it is for: "over $4 billion in humanitarian
/// assistance since the Syrian crisis began" → "4 billion in humanitarian assistance". Any
/// other target comes back as it is.
pub(super) fn with_purpose(target: &str, after: &str) -> String {
    let bare = split_count(target).is_some_and(|(_, rest)| rest.is_empty());
    if !bare {
        return target.to_string();
    }
    let phrase = after
        .split([',', ';', '.', ':', '(', '—', '–'])
        .next()
        .unwrap_or("");
    let mut words = Vec::new();
    for word in phrase.split_whitespace() {
        if !words.is_empty() && PURPOSE_ENDS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        words.push(word);
    }
    if words.len() < 2 || !FOR.contains(&words[0].to_lowercase().as_str()) {
        return target.to_string();
    }
    format!("{target} {}", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::{Counted, counted, with_purpose};

    #[test]
    fn a_bare_amount_reads_its_purpose_from_the_words_after_it() {
        assert_eq!(
            with_purpose(
                "4 billion",
                " in humanitarian assistance since the Syrian crisis began, and more"
            ),
            "4 billion in humanitarian assistance"
        );
        // Not a purpose: no "in"/"for" after it, or a target that is no bare amount.
        assert_eq!(
            with_purpose("4 billion", " last year, officials said"),
            "4 billion"
        );
        assert_eq!(
            with_purpose("the border wall", " in Texas since 2019"),
            "the border wall"
        );
    }
    use migtrack_model::{Action, Modality};

    /// (action, modality, trigger, target, what becomes of it); `None` keeps the event as it
    /// is, `Some("")` drops it, `Some(phrase)` re-targets it.
    fn table(cases: &[(Action, Modality, &str, &str, Option<&str>)]) {
        for &(action, modality, trigger, target, expected) in cases {
            let want = match expected {
                None => Counted::Keep,
                Some("") => Counted::Drop,
                Some(phrase) => Counted::Retarget(phrase.to_string()),
            };
            assert_eq!(
                counted(action, modality, trigger, target),
                want,
                "{action:?} {modality:?} {target:?}"
            );
        }
    }

    #[test]
    fn an_amount_funds_what_it_is_for() {
        use Action::Fund;
        use Modality::{Asserted, Planned};
        table(&[
            (
                Fund,
                Asserted,
                "",
                "over $4 billion in humanitarian assistance",
                Some("humanitarian assistance"),
            ),
            (Fund, Asserted, "", "$1.375 billion", None),
            (Fund, Planned, "", "border wall", None),
        ]);
    }

    #[test]
    fn a_count_that_happened_is_a_statistic_and_a_planned_one_a_measure() {
        use Action::{Deport, Expand, Restrict};
        use Modality::{Asserted, Planned};
        table(&[
            (
                Restrict,
                Asserted,
                "",
                "more than 29,000 migrants",
                Some(""),
            ),
            (
                Expand,
                Asserted,
                "",
                "a total of 14,460 Syrian refugees",
                Some(""),
            ),
            (
                Expand,
                Planned,
                "",
                "1,000 refugees rescued in the Mediterranean",
                Some("refugees rescued in the Mediterranean"),
            ),
            (
                Deport,
                Planned,
                "",
                "250,000 failed asylum seekers",
                Some("failed asylum seekers"),
            ),
        ]);
    }

    #[test]
    fn measures_numbers_of_other_things_and_rates_are_no_counts() {
        use Action::Restrict;
        use Modality::Asserted;
        table(&[
            (Restrict, Asserted, "", "90-day moratorium on travel", None),
            (Restrict, Asserted, "", "100 miles of the border", None),
            (Restrict, Asserted, "", "more stringent screening", None),
            (Restrict, Asserted, "", "30,000 refugees per year", None),
            (Restrict, Asserted, "annual cap", "50,000 refugees", None),
            (
                Restrict,
                Asserted,
                "",
                "refugee admissions cap of 45,000",
                None,
            ),
        ]);
    }
}
