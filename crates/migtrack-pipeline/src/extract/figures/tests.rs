//! Table tests for the figures extractor: `check(text, expected (text, value, unit, bound))`.

use migtrack_model::Span;

use super::{find, find_in};
use crate::annotate::sentences;

fn run(text: &str) -> Vec<migtrack_model::Figure> {
    let spans: Vec<Span> = sentences(text);
    let published = chrono::NaiveDate::from_ymd_opt(2019, 2, 15);
    let figures = find(text, &spans, published);
    for figure in &figures {
        assert_eq!(
            figure.span.slice(text),
            figure.text,
            "span and text disagree"
        );
    }
    figures
}

/// Expected (text, value) pairs, in order.
fn check(text: &str, expected: &[(&str, f64)]) {
    let got: Vec<(String, f64)> = run(text)
        .into_iter()
        .map(|figure| (figure.text, figure.value))
        .collect();
    let want: Vec<(String, f64)> = expected
        .iter()
        .map(|(text, value)| (text.to_string(), *value))
        .collect();
    assert_eq!(got, want, "in {text:?}");
}

/// One figure with its unit, bound and counts.
fn check_one(text: &str, unit: Option<&str>, bound: &str, counts: Option<&str>) {
    let got = run(text);
    assert_eq!(got.len(), 1, "in {text:?}: {got:?}");
    assert_eq!(got[0].unit.as_deref(), unit, "unit in {text:?}");
    assert_eq!(got[0].bound.as_deref(), Some(bound), "bound in {text:?}");
    assert_eq!(got[0].counts.as_deref(), counts, "counts in {text:?}");
}

#[test]
fn digits_with_separators_and_decimals() {
    check(
        "A cap of 7,500, down from 100,000.",
        &[("7,500", 7500.0), ("100,000", 100000.0)],
    );
    check(
        "It rose by 20.5 percent to 12,587.",
        &[("20.5 percent", 20.5), ("12,587", 12587.0)],
    );
}

#[test]
fn scales_and_currencies() {
    check(
        "It grants $1.375 billion, not $5.7 billion.",
        &[
            ("$1.375 billion", 1_375_000_000.0),
            ("$5.7 billion", 5_700_000_000.0),
        ],
    );
    check(
        "Councils spent more than £3bn on it.",
        &[("more than £3bn", 3e9)],
    );
    check(
        "The wall costs $8B and the fund €2 billion.",
        &[("$8B", 8e9), ("€2 billion", 2e9)],
    );
    check(
        "Some 1.5m people and 60 million displaced.",
        &[("Some 1.5m", 1.5e6), ("60 million", 6e7)],
    );
    check(
        "It reached two million last spring.",
        &[("two million", 2e6)],
    );
}

#[test]
fn percentages_keep_the_number_shown() {
    check(
        "Down 40% and about 10 per cent.",
        &[("40%", 40.0), ("about 10 per cent", 10.0)],
    );
    check(
        "Just half of one percent were Christians.",
        &[("half of one percent", 0.5)],
    );
}

#[test]
fn ratios_become_fractions() {
    check(
        "One in five decisions are overturned.",
        &[("One in five", 0.2)],
    );
    check(
        "Only two out of 10 asylum seekers.",
        &[("two out of 10", 0.2)],
    );
}

#[test]
fn bounds_are_part_of_the_text() {
    check_one(
        "To the more than 60 million people displaced.",
        Some("people"),
        "at_least",
        Some("people"),
    );
    check_one(
        "Funding for up to 4,000 National Guard troops.",
        Some("people"),
        "at_most",
        Some("National Guard troops"),
    );
    check_one(
        "About 6,500 guard members are deployed.",
        Some("people"),
        "about",
        Some("guard members"),
    );
    check_one(
        "It cost roughly $200 million in all.",
        Some("usd"),
        "about",
        None,
    );
    check_one(
        "An estimated 1.5-1.7 million were Christian.",
        None,
        "range",
        None,
    );
    check_one(
        "They brought 5,000 active-duty troops.",
        Some("people"),
        "exact",
        Some("active-duty troops"),
    );
}

#[test]
fn years_dates_ages_durations_and_ordinals_are_not_figures() {
    check("In 2015, on Jan. 25, 2019 and Sept. 30 it grew.", &[]);
    check(
        "A 32-year-old adviser, aged 45, for 85 years and 90 days.",
        &[],
    );
    // Ages set off by commas after a name, or after "who is".
    check(
        "Mr. Cantor, 51, lost. Labrador, who is 46, said he would run.",
        &[],
    );
    // A count set off by commas after a name is no age when a noun follows it.
    check("In Texas, 51 migrants died.", &[("51", 51.0)]);
    check(
        "The 14th Amendment and a three-day meeting, a 13-foot fence.",
        &[],
    );
    check("More than 1,000 miles away at 4:13 p.m. on Radio 4.", &[]);
    check(
        "Article 14, COVID-19, A/RES/73/195, Company 2-5 Cavalry (2 Images).",
        &[],
    );
    check("Call 555-1234 or the G20 about Agenda 2030.", &[]);
    check("The House passed the SAFE Act (H.R. 4038) today.", &[]);
}

#[test]
fn vague_and_small_word_counts_are_not_figures() {
    check(
        "Dozens of embassies, thousands of migrants, millions of others.",
        &[],
    );
    check(
        "Two officials said one of them had left, along with over a million others.",
        &[],
    );
    check(
        "Sixty-eight of the 12,587 refugees.",
        &[("Sixty-eight", 68.0), ("12,587", 12587.0)],
    );
}

#[test]
fn bare_counts_in_context() {
    check(
        "Just 48 Iraqis were admitted; 87 of them and 10 other countries.",
        &[("48", 48.0), ("87", 87.0), ("10", 10.0)],
    );
}

#[test]
fn continental_separators_in_german_and_spanish_text() {
    check(
        "Die Regierung und die Länder zahlen 3,5 Milliarden Euro für 7.500 Flüchtlinge.",
        &[("3,5 Milliarden Euro", 3.5e9), ("7.500", 7500.0)],
    );
    check(
        "El Gobierno de los que llegaron pagó 2 millones de euros a las 1.200 personas.",
        &[("2 millones", 2e6), ("1.200", 1200.0)],
    );
}

#[test]
fn the_documents_language_decides_the_separators_when_it_is_known() {
    let run_in = |text: &str, lang: Option<&str>| -> Vec<(String, f64)> {
        find_in(text, &sentences(text), None, lang)
            .into_iter()
            .map(|figure| (figure.text, figure.value))
            .collect()
    };
    // German without the function words the guess counts: the guess reads English.
    let german = "Flüchtlingszahl 2015: 7.500 Menschen, Kosten 3,5 Millionen Euro.";
    let in_german = vec![
        ("7.500".to_string(), 7500.0),
        ("3,5 Millionen Euro".to_string(), 3.5e6),
    ];
    assert_eq!(run_in(german, Some("de")), in_german);
    assert_eq!(run_in(german, Some("de-AT")), in_german);
    assert_ne!(
        run_in(german, None),
        in_german,
        "the guess alone reads it as English"
    );
    // English with Spanish place names: the guess would read "7,500" as 7.5.
    let english = "El Paso and La Cruz took in 7,500 migrants.";
    assert_eq!(
        run_in(english, Some("en")),
        vec![("7,500".to_string(), 7500.0)]
    );
    assert_ne!(run_in(english, None), run_in(english, Some("en")));
    // A language whose conventions are not known falls back to the guess.
    assert_eq!(run_in(english, Some("ru")), run_in(english, None));
}

/// Ages written as bare numbers ("women live until 85", "at 101, he …", "people over 60",
/// "adults at 18") and page counts are no figures; a bare number after "at" that counts
/// something or is no age stays one.
#[test]
fn bare_ages_and_page_counts_are_not_figures() {
    check(
        "Women live until 85, men until 78. At 101, he still works. People over 60 will vote. \
         They stay in care until they are adults at 18. The report runs to 500 pages.",
        &[],
    );
    let texts: Vec<String> = run(
        "The cap was set at 7,500. Arrivals were capped at 50 people a day. Over 60 percent agreed.",
    )
    .into_iter()
    .map(|figure| figure.text)
    .collect();
    assert_eq!(texts, ["7,500", "50", "Over 60 percent"]);
}

/// A metadata line and a byline carry no quantities: a number between straight quotes is a
/// literal, "282 words" a length, four digits after a date the time of day.
#[test]
fn ids_word_counts_and_clock_times_are_not_figures() {
    check(
        "{\"paper\":\"daily\",\"id\":\"3315\",\"134\"} by a reporter 282 words 14 May 2014 1551 \
         daily online",
        &[],
    );
    // The time may stand on the line after its date.
    check(
        "by a reporter\n282 words\n14 May 2014\n1551\ndaily online",
        &[],
    );
    // A quantity after a date, and a quoted number with spaces inside the quotes, stay.
    check(
        "On 14 May 2014 2,400 people arrived. The sign read \" 500 \" in red.",
        &[("2,400", 2400.0), ("500", 500.0)],
    );
}
