//! Table tests for the dates extractor: one `check(text, published, expected values)` per case.

use chrono::NaiveDate;
use migtrack_model::Span;

use super::find;
use crate::annotate::sentences;

fn run(text: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
    let published = published.map(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap());
    let spans: Vec<Span> = sentences(text);
    find(text, &spans, published)
        .into_iter()
        .map(|mention| {
            assert_eq!(
                mention.span.slice(text),
                mention.text,
                "span and text disagree"
            );
            (mention.text, mention.value)
        })
        .collect()
}

/// `expected`: (text, value) pairs; value "" means no value.
fn check(text: &str, published: Option<&str>, expected: &[(&str, &str)]) {
    let got = run(text, published);
    let want: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(text, value)| {
            let value = (!value.is_empty()).then(|| value.to_string());
            (text.to_string(), value)
        })
        .collect();
    assert_eq!(got, want, "in {text:?} published {published:?}");
}

#[test]
fn weekdays_are_past_by_default() {
    check(
        "Trump made the decision on Friday.",
        Some("2017-12-03"),
        &[("on Friday", "2017-12-01")],
    );
    check(
        "A spokeswoman said Saturday it was over.",
        Some("2019-06-08"),
        &[("Saturday", "2019-06-08")],
    );
    check(
        "It was sent last Friday to embassies.",
        Some("2025-11-27"),
        &[("last Friday", "2025-11-21")],
    );
    check(
        "He spoke late Wednesday.",
        Some("2018-11-24"),
        &[("late Wednesday", "2018-11-21")],
    );
    check(
        "A statement released Saturday night.",
        Some("2017-12-03"),
        &[("Saturday night", "2017-12-02")],
    );
}

#[test]
fn weekdays_are_future_when_the_tense_says_so() {
    check(
        "A conference scheduled to begin Monday in Mexico.",
        Some("2017-12-03"),
        &[("Monday", "2017-12-04")],
    );
    check(
        "The ministers will meet on Tuesday.",
        Some("2018-10-25"),
        &[("on Tuesday", "2018-10-30")],
    );
    check(
        "Before next Tuesday’s voting.",
        Some("2018-10-30"),
        &[("Before next Tuesday’s", "2018-11-06")],
    );
    check(
        "A spokeswoman said on Saturday the United States will continue.",
        Some("2018-08-20"),
        &[("on Saturday", "2018-08-18")],
    );
}

#[test]
fn would_in_reported_speech_looks_ahead_and_a_perfect_looks_back() {
    // 2019-01-24 is a Thursday.
    check(
        "The speaker said the address would not be held this Tuesday, as scheduled.",
        Some("2019-01-24"),
        &[("this Tuesday", "2019-01-29")],
    );
    check(
        "A second bill would provide money for the remaining shuttered agencies and departments through September.",
        Some("2019-01-03"),
        &[("through September", "2019-09")],
    );
    // Twins: a perfect, and a clause after a semicolon, keep the past.
    check(
        "The vote would have been held on Tuesday.",
        Some("2019-01-24"),
        &[("on Tuesday", "2019-01-22")],
    );
    check(
        "In May, numbers are expected to have outpaced the 99,000 people apprehended in April.",
        Some("2019-06-03"),
        &[("In May", "2019-05"), ("in April", "2019-04")],
    );
    check(
        "Nobody said who would be responsible; and on Saturday, travellers were detained.",
        Some("2017-01-29"),
        &[("on Saturday", "2017-01-28")],
    );
}

/// An infinitive after a verb that asks someone to act, or after "in line to", "hopes to",
/// names an act ahead of the report; the same weekday after a plain past verb is behind it.
#[test]
fn an_infinitive_of_a_request_or_an_intent_looks_ahead() {
    // 2019-01-02 is a Wednesday.
    check(
        "The president asked the leaders to return to the White House on Friday.",
        Some("2019-01-02"),
        &[("on Friday", "2019-01-04")],
    );
    check(
        "The minister, who is in line to be elected speaker on Thursday, stayed silent.",
        Some("2019-01-02"),
        &[("on Thursday", "2019-01-03")],
    );
    check(
        "The mayor hopes to present the plan on Monday.",
        Some("2019-01-02"),
        &[("on Monday", "2019-01-07")],
    );
    check(
        "The president met the leaders at the White House on Friday.",
        Some("2019-01-02"),
        &[("on Friday", "2018-12-28")],
    );
}

/// The present progressive with a time names an arrangement ahead; the past, or a past
/// reporting verb after the progressive, keeps the time behind.
#[test]
fn the_present_progressive_looks_ahead() {
    check(
        "The senator, who is facing a challenger in March, stayed silent.",
        Some("2018-01-22"),
        &[("in March", "2018-03")],
    );
    check(
        "The senator, who faced a challenger in March, stayed silent.",
        Some("2018-01-22"),
        &[("in March", "2017-03")],
    );
    check(
        "The senator, who is running again, said on Monday that the camps were full.",
        Some("2018-01-24"),
        &[("on Monday", "2018-01-22")],
    );
    // A time that is its clause's subject, before a present tense, is ahead ("Tuesday is the
    // deadline"); after a preposition it is not ("the message from Tuesday is clear").
    check(
        "Officials noted that Tuesday is the deadline for the funding.",
        Some("2019-01-19"),
        &[("Tuesday", "2019-01-22")],
    );
    check(
        "The message from Tuesday is clear.",
        Some("2019-01-19"),
        &[("from Tuesday", "2019-01-15")],
    );
}

#[test]
fn relative_expressions_have_no_value_without_a_publication_date() {
    check(
        "On Monday, he said this week was hard.",
        None,
        &[("On Monday", ""), ("this week", "")],
    );
    check("It happened in 1997.", None, &[("in 1997", "1997")]);
}

#[test]
fn weeks_months_and_years_relative_to_publication() {
    let published = Some("2018-08-20");
    check(
        "A meeting last week.",
        published,
        &[("last week", "2018-W33")],
    );
    check(
        "They met earlier this month.",
        published,
        &[("earlier this month", "2018-08")],
    );
    check(
        "Last year, 3,000 came.",
        published,
        &[("Last year", "2017")],
    );
    check(
        "It may change next year.",
        published,
        &[("next year", "2019")],
    );
    check(
        "He met them early last week.",
        Some("2017-12-03"),
        &[("early last week", "2017-W48")],
    );
    // With a past-tense verb, "this weekend" is the one just gone (published on a Monday).
    check(
        "The administration announced this weekend it is withdrawing.",
        Some("2017-12-04"),
        &[("this weekend", "2017-W48")],
    );
    check(
        "Ministers will meet this weekend.",
        Some("2017-12-04"),
        &[("this weekend", "2017-W49")],
    );
    check(
        "Over this past weekend it grew.",
        Some("2015-09-08"),
        &[("this past weekend", "2015-W36")],
    );
    check(
        "It rose in the new year.",
        Some("2015-12-22"),
        &[("in the new year", "2016")],
    );
    check(
        "A report published last month.",
        Some("2019-07-13"),
        &[("last month", "2019-06")],
    );
    check(
        "The target declared last fall.",
        Some("2016-10-03"),
        &[("last fall", "2015")],
    );
    check(
        "Before the end of this year.",
        Some("2015-09-08"),
        &[("Before the end of this year", "2015")],
    );
}

#[test]
fn months_without_a_year_take_the_most_recent_one() {
    check(
        "In September, officials called.",
        Some("2025-11-27"),
        &[("In September", "2025-09")],
    );
    check(
        "The number rose in August.",
        Some("2015-09-08"),
        &[("in August", "2015-08")],
    );
    check(
        "A bishop last March said so.",
        Some("2016-10-03"),
        &[("last March", "2016-03")],
    );
    check(
        "The June deal did not.",
        Some("2019-07-13"),
        &[("June", "2019-06")],
    );
    check(
        "Elections will be held in May.",
        Some("2019-02-10"),
        &[("in May", "2019-05")],
    );
    check("You may go. March on.", Some("2019-02-10"), &[]);
}

#[test]
fn calendar_dates_in_several_forms() {
    let published = Some("2019-02-15");
    check(
        "WASHINGTON, Nov. 27, 2025 – The",
        published,
        &[("Nov. 27, 2025", "2025-11-27")],
    );
    check(
        "On Dec. 2, 2017 and 2 December 2017.",
        published,
        &[
            ("On Dec. 2, 2017", "2017-12-02"),
            ("2 December 2017", "2017-12-02"),
        ],
    );
    check(
        "It reopened on Jan. 25 for weeks.",
        published,
        &[("on Jan. 25", "2019-01-25")],
    );
    check(
        "A summit in September 2016 ended.",
        published,
        &[("in September 2016", "2016-09")],
    );
    check(
        "Pijijiapan, Mexico, Thursday, Oct. 25, 2018.",
        published,
        &[("Thursday, Oct. 25, 2018", "2018-10-25")],
    );
    check(
        "Decided by Sept. 30.",
        Some("2018-08-20"),
        &[("by Sept. 30", "2018-09-30")],
    );
    check(
        "A May 1997 incident.",
        published,
        &[("May 1997", "1997-05")],
    );
    check(
        "Filed 2019-07-26.",
        published,
        &[("2019-07-26", "2019-07-26")],
    );
    check(
        "Takes office December 1.",
        Some("2018-11-24"),
        &[("December 1", "2018-12-01")],
    );
}

#[test]
fn years_decades_quarters_and_fiscal_years() {
    let published = Some("2016-10-03");
    check(
        "In a 2020 document, the group urged.",
        published,
        &[("2020", "2020")],
    );
    check(
        "Completed by the U.N. in late 2018.",
        published,
        &[("in late 2018", "2018")],
    );
    check(
        "Arrests are lowest since the 1970s.",
        published,
        &[("since the 1970s", "1970s")],
    );
    check(
        "The cap for fiscal 2026 is low.",
        published,
        &[("fiscal 2026", "FY2026")],
    );
    check(
        "A target for FY 2017 and FY2019.",
        published,
        &[("FY 2017", "FY2017"), ("FY2019", "FY2019")],
    );
    check(
        "During the just-ended fiscal year.",
        published,
        &[("During the just-ended fiscal year", "FY2016")],
    );
    check(
        "So far this fiscal year.",
        Some("2018-08-20"),
        &[("this fiscal year", "FY2018")],
    );
    check(
        "Sales in Q1 2019 and the third quarter of 2018.",
        published,
        &[
            ("in Q1 2019", "2019-Q1"),
            ("the third quarter of 2018", "2018-Q3"),
        ],
    );
    check(
        "He served from 2015 to 2017.",
        published,
        &[("from 2015", "2015"), ("2017", "2017")],
    );
    check(
        "Figures for 2015-17 were.",
        published,
        &[("2015", "2015"), ("17", "2017")],
    );
    check(
        "Compared with 2014’s figures.",
        published,
        &[("2014", "2014")],
    );
    check(
        "Growth by mid-2019 is seen.",
        published,
        &[("by mid-2019", "2019")],
    );
    check(
        "Two years ago it began.",
        published,
        &[("Two years ago", "2014")],
    );
}

#[test]
fn numbers_that_are_not_years_are_skipped() {
    let published = Some("2016-10-03");
    check("More than 2000 people came.", published, &[]);
    check("The Agenda 2030 goals and COVID-19.", published, &[]);
    check("It cost $2020 and 2015 migrants came.", published, &[]);
    check("Call 555-2014 now.", published, &[]);
}

#[test]
fn durations_and_vague_spans_are_not_dates() {
    let published = Some("2016-10-03");
    check(
        "For three years, in recent weeks, for too long.",
        published,
        &[],
    );
    check(
        "Within 90 days and over the past year, in the last year.",
        published,
        &[],
    );
}

#[test]
fn deictic_days() {
    let published = Some("2015-12-22");
    check(
        "The numbers released today by the IOM.",
        published,
        &[("today", "2015-12-22")],
    );
    check(
        "Yesterday he left; tomorrow he returns.",
        published,
        &[("Yesterday", "2015-12-21"), ("tomorrow", "2015-12-23")],
    );
}

#[test]
fn german_and_spanish_basics() {
    let published = Some("2015-12-10");
    check(
        "Die Minister trafen sich am Montag in Berlin.",
        published,
        &[("am Montag", "2015-12-07")],
    );
    check(
        "Das Gesetz gilt seit dem 3. Dezember 2015.",
        published,
        &[("3. Dezember 2015", "2015-12-03")],
    );
    check(
        "Im September kamen viele.",
        published,
        &[("Im September", "2015-09")],
    );
    check(
        "Letzte Woche sagte er.",
        published,
        &[("Letzte Woche", "2015-W49")],
    );
    check(
        "El lunes el Gobierno aprobó la ley.",
        published,
        &[("El lunes", "2015-12-07")],
    );
    check(
        "La ley de 3 de diciembre de 2015 y en septiembre.",
        published,
        &[
            ("3 de diciembre de 2015", "2015-12-03"),
            ("en septiembre", "2015-09"),
        ],
    );
    check(
        "El año pasado llegaron.",
        published,
        &[("El año pasado", "2014")],
    );
    check(
        "El Gobierno se reunirá el martes.",
        published,
        &[("el martes", "2015-12-15")],
    );
    check("Santo Domingo es la capital.", published, &[]);
}

/// In text without capitals a month before a year is a month ("22 may 2014", "march 2014");
/// a lower-case "may" or "march" without a year stays a word.
#[test]
fn a_lower_case_month_before_a_year_is_a_date() {
    check(
        "figures published on 22 may 2014 cover the year to march 2014. we may march on.",
        Some("2014-06-01"),
        &[("on 22 may 2014", "2014-05-22"), ("march 2014", "2014-03")],
    );
    // A byline's time of day after its date is no year, on the same line or the next.
    check(
        "282 words 14 may 2014 1551 daily online",
        Some("2014-06-01"),
        &[("14 may 2014", "2014-05-14")],
    );
    check(
        "282 words\n14 may 2014\n1825\ndaily online",
        Some("2014-06-01"),
        &[("14 may 2014", "2014-05-14")],
    );
    // Without a year a lower-case name needs a cue, as "May" does.
    check(
        "arrivals have fallen since january, an august body said.",
        Some("2014-06-01"),
        &[("since january", "2014-01")],
    );
}

#[test]
fn this_month_is_the_month_of_the_publication_year_and_poised_to_points_ahead() {
    // "this November" read in January is the coming one; "this March" in November the past one.
    check(
        "Voters this November will decide.",
        Some("2018-01-23"),
        &[("this November", "2018-11")],
    );
    check(
        "It was hot this March.",
        Some("2018-11-23"),
        &[("this March", "2018-03")],
    );
    // "poised to" looks ahead like "set to"; a bare weekday stays past.
    check(
        "Democrats are poised to take control of the House on Thursday.",
        Some("2019-01-02"),
        &[("on Thursday", "2019-01-03")],
    );
    check(
        "Democrats took control of the House on Thursday.",
        Some("2019-01-02"),
        &[("on Thursday", "2018-12-27")],
    );
}

#[test]
fn a_year_before_fiscal_year_is_that_fiscal_year() {
    check(
        "Apprehensions fell from a peak of 1.6 million in the 2000 fiscal year.",
        Some("2019-02-15"),
        &[("in the 2000 fiscal year", "FY2000")],
    );
    // A year before another noun stays a year.
    check(
        "The 2000 census counted them.",
        Some("2019-02-15"),
        &[("2000", "2000")],
    );
}
