//! Publication dates found in the text itself: a dateline at the start ("WASHINGTON, Nov. 27,
//! 2025 –", "LONDON, 3 December 2017 (Reuters) -") or a date line near the top ("Dec. 3, 2017",
//! "Published: 14 May 2014"); also the date strings of HTML metadata.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

/// Lines from the top that may hold a date-only line.
const DATE_LINE_WINDOW: usize = 12;
/// Lines from the top that may hold a place-and-date dateline.
const DATELINE_WINDOW: usize = 3;
/// A date-only line is short.
const MAX_DATE_LINE_CHARS: usize = 80;

const MONTH: &str = r"(?i:(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?";

fn date_pattern() -> String {
    let weekday = r"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?";
    format!(
        r"{weekday}(?:{MONTH}\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year1>\d{{4}})|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{m2},?\s+(?P<year2>\d{{4}})|(?P<iso_year>\d{{4}})-(?P<iso_month>\d{{2}})-(?P<iso_day>\d{{2}}))",
        m2 = MONTH.replace("?P<month>", "?P<month2>"),
    )
}

fn dateline_regex() -> &'static Regex {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    DATELINE.get_or_init(|| {
        // PLACE[, Region] [(Agency)] , DATE [(Agency)] – / — / - / :
        let place = r"\p{Lu}[\p{Lu}\p{M}.'’\- ]+(?:,\s*[\p{L}.\- ]+)?";
        let agency = r"(?:\s*\([^)\n]+\))?";
        let pattern = format!(
            r"^(?:{place}{agency}\s*[,:]?\s*)?{date}{agency}\s*(?:[–—\-:|]|$)",
            date = date_pattern()
        );
        Regex::new(&pattern).expect("static regex")
    })
}

fn date_line_regex() -> &'static Regex {
    static DATE_LINE: OnceLock<Regex> = OnceLock::new();
    DATE_LINE.get_or_init(|| {
        let pattern = format!(
            r"^(?i:(?:published|updated|posted|last updated|first published|date)\s*(?:on)?\s*:?\s*)?{date}(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}.*)?\s*$",
            date = date_pattern()
        );
        Regex::new(&pattern).expect("static regex")
    })
}

fn any_date_regex() -> &'static Regex {
    static ANY: OnceLock<Regex> = OnceLock::new();
    ANY.get_or_init(|| Regex::new(&date_pattern()).expect("static regex"))
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let number = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(number)
}

fn plausible(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn date_from(captures: &Captures<'_>) -> Option<NaiveDate> {
    let number = |name: &str| captures.name(name)?.as_str().parse::<u32>().ok();
    if let (Some(month), Some(day), Some(year)) =
        (captures.name("month"), number("day1"), number("year1"))
    {
        return plausible(year as i32, month_number(month.as_str())?, day);
    }
    if let (Some(month), Some(day), Some(year)) =
        (captures.name("month2"), number("day2"), number("year2"))
    {
        return plausible(year as i32, month_number(month.as_str())?, day);
    }
    plausible(
        number("iso_year")? as i32,
        number("iso_month")?,
        number("iso_day")?,
    )
}

/// The publication date a dateline or a date line near the top of the text gives.
pub(crate) fn dateline_date(text: &str) -> Option<NaiveDate> {
    for (index, line) in text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(DATE_LINE_WINDOW)
        .enumerate()
    {
        if index < DATELINE_WINDOW
            && let Some(date) = dateline_regex().captures(line).and_then(|c| date_from(&c))
        {
            return Some(date);
        }
        if line.chars().count() <= MAX_DATE_LINE_CHARS
            && let Some(date) = date_line_regex().captures(line).and_then(|c| date_from(&c))
        {
            return Some(date);
        }
    }
    None
}

/// A date from an HTML metadata string ("2019-05-01T10:00:00Z", "May 1, 2019").
pub(crate) fn metadata_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(prefix) = value.get(..10)
        && let Ok(date) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d")
    {
        return Some(date);
    }
    any_date_regex()
        .captures(value)
        .and_then(|captures| date_from(&captures))
}
