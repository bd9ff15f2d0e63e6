//! Date bounds as people write them: a day, a month, a year, an ISO week, a quarter or a US
//! federal fiscal year; the CLI's flags and the API's parameters read them alike. A lower bound
//! (`--since`) takes the period's first day, an upper bound (`--until`, `--at`) its last. Human
//! output shows a stored week, quarter or fiscal year as its days ([`human`]).

use chrono::{Datelike, NaiveDate, Weekday};

/// How people read a stored date value: a day, month, year or decade as it is; an ISO week,
/// quarter or fiscal year as its first and last day (`2017-W49` → "2017-12-04 – 2017-12-10").
pub fn human(value: &str) -> String {
    let upper = value.to_ascii_uppercase();
    if (upper.contains("-W") || upper.contains("-Q") || upper.starts_with("FY"))
        && let Ok((first, last)) = period(value)
    {
        return format!("{first} – {last}");
    }
    value.to_string()
}

/// The first and last day of the period `text` names.
pub fn period(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let text = text.trim();
    let invalid = || {
        format!(
            "{text:?} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www (ISO week), YYYY-Qn \
             (quarter) or FY2026 (US fiscal year, October to September)"
        )
    };
    let year = |digits: &str| -> Option<i32> {
        (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let month_end = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        day(ny, nm, 1).and_then(|first| first.pred_opt())
    };
    let upper = text.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("FY") {
        let y = year(rest.trim()).ok_or_else(invalid)?;
        return Ok((
            day(y - 1, 10, 1).ok_or_else(invalid)?,
            day(y, 9, 30).ok_or_else(invalid)?,
        ));
    }
    if let Some((y, w)) = upper.split_once("-W") {
        let y = year(y).ok_or_else(invalid)?;
        let w: u32 = w.parse().ok().ok_or_else(invalid)?;
        let first = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).ok_or_else(invalid)?;
        let last = NaiveDate::from_isoywd_opt(y, w, Weekday::Sun).ok_or_else(invalid)?;
        return Ok((first, last));
    }
    if let Some((y, q)) = upper.split_once("-Q") {
        let y = year(y).ok_or_else(invalid)?;
        let q: u32 = q
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(invalid)?;
        let first = day(y, 3 * q - 2, 1).ok_or_else(invalid)?;
        return Ok((first, month_end(y, 3 * q).ok_or_else(invalid)?));
    }
    if let Some(y) = year(text) {
        return Ok((
            day(y, 1, 1).ok_or_else(invalid)?,
            day(y, 12, 31).ok_or_else(invalid)?,
        ));
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok((date, date));
    }
    if let Ok(first) = NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d") {
        return Ok((
            first,
            month_end(first.year(), first.month()).ok_or_else(invalid)?,
        ));
    }
    Err(invalid())
}

/// clap value parser for a lower bound: the period's first day.
pub fn first_day(text: &str) -> Result<NaiveDate, String> {
    period(text).map(|(first, _)| first)
}

/// clap value parser for an upper bound: the period's last day.
pub fn last_day(text: &str) -> Result<NaiveDate, String> {
    period(text).map(|(_, last)| last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn every_way_of_naming_a_period() {
        assert_eq!(period("2019"), Ok((d("2019-01-01"), d("2019-12-31"))));
        assert_eq!(period("2024-02"), Ok((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(period("2017-12-04"), Ok((d("2017-12-04"), d("2017-12-04"))));
        assert_eq!(period("2018-Q4"), Ok((d("2018-10-01"), d("2018-12-31"))));
        assert_eq!(period("2018-q1"), Ok((d("2018-01-01"), d("2018-03-31"))));
        assert_eq!(period("FY2026"), Ok((d("2025-10-01"), d("2026-09-30"))));
        assert_eq!(period("2017-W49"), Ok((d("2017-12-04"), d("2017-12-10"))));
        assert_eq!(period("2020-W53"), Ok((d("2020-12-28"), d("2021-01-03"))));
        assert_eq!(first_day("2019"), Ok(d("2019-01-01")));
        assert_eq!(last_day("2019-12"), Ok(d("2019-12-31")));
    }

    #[test]
    fn weeks_quarters_and_fiscal_years_read_as_their_days() {
        assert_eq!(human("2017-W49"), "2017-12-04 – 2017-12-10");
        assert_eq!(human("2019-Q1"), "2019-01-01 – 2019-03-31");
        assert_eq!(human("FY2026"), "2025-10-01 – 2026-09-30");
        for kept in [
            "2017-12-02",
            "2018-12",
            "2018",
            "1970s",
            "7500",
            "",
            "2019-W99",
        ] {
            assert_eq!(human(kept), kept);
        }
    }

    #[test]
    fn anything_else_gets_a_message_that_says_what_works() {
        for bad in [
            "19",
            "2019-13",
            "2019-Q5",
            "FY26",
            "last year",
            "2019-02-30",
            "2019-W54",
            "2019-W",
            "",
        ] {
            let error = period(bad).unwrap_err();
            assert!(error.contains("YYYY-MM-DD"), "{bad}: {error}");
        }
    }
}
