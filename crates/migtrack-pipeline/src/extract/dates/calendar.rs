//! Calendar arithmetic for date normalisation: resolving weekdays, months, weeks and fiscal
//! years against a reference (publication) date, and formatting the guideline's values.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Which way a relative expression points from the reference day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// On or before the reference ("Monday" in past-tense text).
    Past,
    /// On or after the reference ("is scheduled to begin Monday").
    Future,
    /// Strictly before ("last Friday", "last March").
    Previous,
    /// Strictly after ("next Tuesday", "next March").
    Following,
}

pub fn day_value(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

pub fn month_value(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

pub fn year_value(year: i32) -> String {
    format!("{year:04}")
}

pub fn week_value(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

pub fn fiscal_value(year: i32) -> String {
    format!("FY{year:04}")
}

/// The US federal fiscal year a day falls in (FY2026 runs from 2025-10-01 to 2026-09-30).
pub fn fiscal_year(date: NaiveDate) -> i32 {
    if date.month() >= 10 {
        date.year() + 1
    } else {
        date.year()
    }
}

/// Weeks in news text start on Sunday: on a Sunday, "this week" and "last week" are counted
/// from the coming Monday's ISO week.
fn week_anchor(reference: NaiveDate) -> NaiveDate {
    if reference.weekday() == Weekday::Sun {
        reference + Days::new(1)
    } else {
        reference
    }
}

/// The ISO week `offset` weeks from the reference's ("last week" = -1).
pub fn week_offset(reference: NaiveDate, offset: i64) -> String {
    let anchor = week_anchor(reference);
    let shifted = if offset >= 0 {
        anchor + Days::new(7 * offset as u64)
    } else {
        anchor - Days::new(7 * offset.unsigned_abs())
    };
    week_value(shifted)
}

/// The week of the most recent weekend on or before the reference ("this past weekend").
pub fn past_weekend(reference: NaiveDate) -> String {
    let back = reference.weekday().num_days_from_sunday();
    week_value(reference - Days::new(u64::from(back)))
}

pub fn resolve_weekday(reference: NaiveDate, weekday: Weekday, direction: Direction) -> NaiveDate {
    let today = i64::from(reference.weekday().num_days_from_monday());
    let target = i64::from(weekday.num_days_from_monday());
    let back = (today - target).rem_euclid(7);
    let ahead = (target - today).rem_euclid(7);
    match direction {
        Direction::Past => reference - Days::new(back as u64),
        Direction::Previous => reference - Days::new(if back == 0 { 7 } else { back } as u64),
        Direction::Future => reference + Days::new(ahead as u64),
        Direction::Following => reference + Days::new(if ahead == 0 { 7 } else { ahead } as u64),
    }
}

/// The year of a named month relative to the reference ("in September", "last March").
pub fn resolve_month(reference: NaiveDate, month: u32, direction: Direction) -> (i32, u32) {
    let year = reference.year();
    let current = reference.month();
    let year = match direction {
        Direction::Past if month > current => year - 1,
        Direction::Previous if month >= current => year - 1,
        Direction::Future if month < current => year + 1,
        Direction::Following if month <= current => year + 1,
        _ => year,
    };
    (year, month)
}

/// The month `offset` months from the reference's ("last month" = -1).
pub fn month_offset(reference: NaiveDate, offset: i32) -> (i32, u32) {
    let index = reference.year() * 12 + reference.month0() as i32 + offset;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// A month and day without a year: the year that puts it closest to the reference.
pub fn resolve_month_day(reference: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let year = reference.year();
    [year, year - 1, year + 1]
        .into_iter()
        .filter_map(|candidate| NaiveDate::from_ymd_opt(candidate, month, day))
        .min_by_key(|date| (*date - reference).num_days().abs())
}

/// Seasons ("last fall"): the year of the season's start, relative to the reference. A season
/// is `start_month` and the two months after it.
pub fn resolve_season(reference: NaiveDate, start_month: u32, direction: Direction) -> i32 {
    let year = reference.year();
    match direction {
        // The most recent season that is over.
        Direction::Previous if reference.month() >= start_month + 3 => year,
        Direction::Previous => year - 1,
        Direction::Following if reference.month() < start_month => year,
        Direction::Following => year + 1,
        Direction::Past | Direction::Future => year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekdays_resolve_in_each_direction() {
        let thursday = day("2025-11-27");
        assert_eq!(
            resolve_weekday(thursday, Weekday::Fri, Direction::Past),
            day("2025-11-21")
        );
        assert_eq!(
            resolve_weekday(thursday, Weekday::Thu, Direction::Past),
            thursday
        );
        assert_eq!(
            resolve_weekday(thursday, Weekday::Thu, Direction::Previous),
            day("2025-11-20")
        );
        assert_eq!(
            resolve_weekday(thursday, Weekday::Mon, Direction::Future),
            day("2025-12-01")
        );
        assert_eq!(
            resolve_weekday(thursday, Weekday::Thu, Direction::Following),
            day("2025-12-04")
        );
    }

    #[test]
    fn weeks_count_sunday_as_the_start_of_the_next_week() {
        assert_eq!(week_offset(day("2017-12-03"), -1), "2017-W48");
        assert_eq!(week_offset(day("2018-11-26"), -1), "2018-W47");
        assert_eq!(past_weekend(day("2015-09-08")), "2015-W36");
    }

    #[test]
    fn months_and_fiscal_years_resolve() {
        assert_eq!(
            resolve_month(day("2016-10-03"), 3, Direction::Previous),
            (2016, 3)
        );
        assert_eq!(
            resolve_month(day("2016-03-03"), 3, Direction::Previous),
            (2015, 3)
        );
        assert_eq!(
            resolve_month(day("2025-11-27"), 12, Direction::Past),
            (2024, 12)
        );
        assert_eq!(month_offset(day("2019-01-13"), -1), (2018, 12));
        assert_eq!(fiscal_year(day("2016-10-03")), 2017);
        assert_eq!(
            resolve_month_day(day("2019-01-05"), 12, 28),
            Some(day("2018-12-28"))
        );
        assert_eq!(
            resolve_season(day("2016-10-03"), 9, Direction::Previous),
            2015
        );
    }
}
