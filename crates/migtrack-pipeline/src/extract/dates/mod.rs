//! The dates extractor: every time expression in running text, normalised against the
//! publication date (HeidelTime's design: rules find an expression, then anchor it).
//!
//! Values follow the guideline: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www`, `YYYY-Qn`,
//! `FY2026`, `1970s`. Relative expressions ("Friday", "last week", "in September") get `None`
//! when the document has no publication date. Durations ("three years") and vague spans
//! ("recent weeks") match no rule. English, with German and Spanish basics.

mod calendar;
pub(crate) mod lexicon;
#[cfg(test)]
mod tests;

use chrono::{Datelike, Days, NaiveDate};
use migtrack_model::{DateMention, Span};

use super::Context;
use crate::annotate::{TokenKind, Tokens};
use calendar::Direction;
use lexicon::{MonthForm, Unit};

pub fn extract(ctx: &Context) -> Vec<DateMention> {
    find(ctx.text, &ctx.sentences, ctx.published)
}

/// [`extract`] with the tokens of each of the context's sentences already cut (`tokens[i]`
/// those of `ctx.sentences[i]`), as [`find`] would cut them.
pub(crate) fn extract_with(ctx: &Context, tokens: &[Tokens]) -> Vec<DateMention> {
    let mut out = Vec::new();
    for tokens in tokens {
        find_in_tokens(ctx.text, tokens, ctx.published, &mut out);
    }
    out
}

/// How many words before a date [`Scanner::future_context`] reads for a future cue ("would
/// provide money for the remaining shuttered agencies and departments through September").
const FUTURE_WINDOW: usize = 12;

/// All date mentions in `text`, sentence by sentence, in text order.
pub fn find(text: &str, sentences: &[Span], published: Option<NaiveDate>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for &sentence in sentences {
        let tokens = Tokens::new(text, sentence);
        find_in_tokens(text, &tokens, published, &mut out);
    }
    out
}

/// The date mentions of one tokenised sentence, appended to `out` (the figures extractor
/// reuses its own tokens this way).
pub(crate) fn find_in_tokens(
    text: &str,
    tokens: &Tokens,
    published: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    Scanner { tokens, published }.run(text, out);
}

/// Four digits that read as a 24-hour time of day ("1551", "0020").
pub(crate) fn is_clock_time(raw: &str) -> bool {
    raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && raw[..2] < *"24"
        && raw[2..] < *"60"
}

/// One match: tokens `first..=last`, its value and the rule that found it.
#[derive(Debug)]
struct Found {
    first: usize,
    last: usize,
    value: Option<String>,
    rule: &'static str,
}

struct Scanner<'t, 'a> {
    tokens: &'t Tokens<'a>,
    published: Option<NaiveDate>,
}

impl Scanner<'_, '_> {
    fn run(&self, text: &str, out: &mut Vec<DateMention>) {
        let mut index = 0;
        let mut free_from = 0;
        while index < self.tokens.len() {
            if !self.may_start(index) {
                index += 1;
                continue;
            }
            let Some(mut found) = self.at(index) else {
                index += 1;
                continue;
            };
            // Take a governing preposition into the text ("on Friday", "as of Aug. 15").
            if found.first > free_from && self.tokens.is_any(found.first - 1, lexicon::PREPOSITIONS)
            {
                found.first -= 1;
                if found.first >= 2
                    && found.first - 2 >= free_from
                    && self.tokens.is(found.first - 2, "as")
                    && self.tokens.is(found.first - 1, "of")
                {
                    found.first -= 2;
                }
            }
            let span = self.tokens.between(found.first, found.last);
            // "14 may 2014 1551": four digits right after a date (on its line or the next)
            // are the time of day, not a year.
            if found.rule == "year"
                && out.last().is_some_and(|date| {
                    text[date.span.end.min(span.start)..span.start]
                        .trim()
                        .is_empty()
                })
                && is_clock_time(span.slice(text))
            {
                index = found.last + 1;
                continue;
            }
            out.push(DateMention {
                text: span.slice(text).to_string(),
                value: found.value,
                span,
                rule: found.rule.to_string(),
            });
            index = found.last + 1;
            free_from = index;
        }
    }

    fn lower(&self, index: usize) -> &str {
        self.tokens.lower(index)
    }

    /// A cheap test before the rules: only numbers and a few words can start a date.
    fn may_start(&self, index: usize) -> bool {
        match self.tokens.kind(index) {
            Some(TokenKind::Number) => true,
            Some(TokenKind::Word) => {
                let word = self.lower(index);
                matches!(
                    word,
                    "the"
                        | "early"
                        | "late"
                        | "earlier"
                        | "later"
                        | "mid"
                        | "anfang"
                        | "ende"
                        | "mitte"
                        | "finales"
                        | "principios"
                        | "mediados"
                        | "fy"
                        | "fiscal"
                        | "previous"
                        | "coming"
                        | "new"
                        | "just"
                        | "q"
                        | "first"
                        | "second"
                        | "third"
                        | "fourth"
                        | "final"
                        | "today"
                        | "tonight"
                        | "yesterday"
                        | "tomorrow"
                        | "heute"
                        | "gestern"
                        | "morgen"
                        | "hoy"
                        | "ayer"
                        | "mañana"
                        | "la"
                        | "el"
                ) || lexicon::PREVIOUS.contains(&word)
                    || lexicon::FOLLOWING.contains(&word)
                    || lexicon::THIS.contains(&word)
                    || lexicon::weekday(word).is_some()
                    || lexicon::month(word).is_some()
                    || lexicon::small_number(word).is_some()
            }
            _ => false,
        }
    }

    /// A relative value: computed from the publication date, or `None` without one.
    fn relative(&self, make: impl FnOnce(NaiveDate) -> String) -> Option<String> {
        self.published.map(make)
    }

    fn at(&self, index: usize) -> Option<Found> {
        if let Some(found) = self.year_range_end(index) {
            return Some(found);
        }
        let start = self.skip_position(index);
        let found = self
            .iso_date(start)
            .or_else(|| self.weekday_then_date(start))
            .or_else(|| self.month_date(start))
            .or_else(|| self.day_month(start))
            .or_else(|| self.fiscal(start))
            .or_else(|| self.quarter(start))
            .or_else(|| self.decade(start))
            .or_else(|| self.deictic(start))
            .or_else(|| self.relative_unit(start))
            .or_else(|| self.ago(start))
            .or_else(|| self.weekday(start))
            .or_else(|| self.month_alone(start))
            .or_else(|| self.year(start))?;
        Some(Found {
            first: found.first.min(index),
            ..found
        })
    }

    /// Skip positional modifiers that keep the value ("early", "late", "mid-", "the end of",
    /// "the first half of"). Returns the index of the expression itself.
    fn skip_position(&self, index: usize) -> usize {
        let t = self.tokens;
        let mut at = index;
        if t.is(at, "the") {
            if t.is_any(at + 1, &["end", "beginning", "start", "middle"]) && t.is(at + 2, "of") {
                return at + 3;
            }
            if t.is_any(at + 1, &["first", "second"]) && t.is(at + 2, "half") && t.is(at + 3, "of")
            {
                return at + 4;
            }
            return index;
        }
        if t.is_any(
            at,
            &[
                "early", "late", "earlier", "later", "anfang", "ende", "mitte",
            ],
        ) {
            at += 1;
        } else if (t.is(at, "mid") && t.is_punct(at + 1, '-') && t.glued(at) && t.glued(at + 1))
            || (t.is_any(at, &["finales", "principios", "mediados"]) && t.is(at + 1, "de"))
        {
            at += 2;
        }
        at
    }

    fn number(&self, index: usize) -> Option<u32> {
        if self.tokens.kind(index) != Some(TokenKind::Number) {
            return None;
        }
        let raw = self.tokens.raw(index);
        if raw.len() > 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        raw.parse().ok()
    }

    /// A day of the month: 1–31, one or two digits, maybe with an ordinal suffix ("2nd").
    /// Returns the day and the index of its last token.
    fn day(&self, index: usize) -> Option<(u32, usize)> {
        let raw = self.tokens.raw(index);
        let day = self
            .number(index)
            .filter(|day| (1..=31).contains(day) && raw.len() <= 2)?;
        let t = self.tokens;
        if t.glued(index) {
            if t.is_any(index + 1, &["st", "nd", "rd", "th"]) {
                return Some((day, index + 1));
            }
            if t.is_punct(index + 1, '%')
                || t.is_punct(index + 1, ':')
                || t.is_punct(index + 1, '-')
            {
                return None;
            }
        }
        if t.is_any(index + 1, &["percent", "million", "billion", "thousand"]) {
            return None;
        }
        Some((day, index))
    }

    /// A four-digit year 1000–2199.
    fn year_number(&self, index: usize) -> Option<i32> {
        let raw = self.tokens.raw(index);
        if raw.len() != 4 {
            return None;
        }
        self.number(index)
            .filter(|year| (1000..2200).contains(year))
            .map(|year| year as i32)
    }

    /// A year after a month or day: "2017", ", 2017", "of 2018", "de 2015".
    fn trailing_year(&self, after: usize) -> Option<(i32, usize)> {
        let t = self.tokens;
        let mut at = after + 1;
        if t.is_punct(at, ',') || t.is_any(at, &["of", "de", "del"]) {
            at += 1;
        }
        let year = self.year_number(at)?;
        if t.glued(at) && (t.is_word(at + 1) || t.is_punct(at + 1, '%')) {
            return None;
        }
        Some((year, at))
    }

    fn month_at(&self, index: usize) -> Option<(u32, MonthForm, usize)> {
        let (month, form) = lexicon::month(self.lower(index))?;
        let t = self.tokens;
        match form {
            // In text without capitals a month before a year is one ("22 may 2014", "march
            // 2014"); without a year a lower-case name needs a cue as "May" does ("since
            // january"), and "may" or "march" stay words.
            MonthForm::Full | MonthForm::Ambiguous
                if !t.is_capitalized(index) && self.year_number(index + 1).is_none() =>
            {
                (form == MonthForm::Full).then_some((month, MonthForm::Ambiguous, index))
            }
            MonthForm::Short => {
                if !t.is_capitalized(index) {
                    return None;
                }
                // "Sept." / "Sept" then a number.
                if t.is_punct(index + 1, '.') && t.glued(index) {
                    Some((month, form, index + 1))
                } else {
                    Some((month, form, index))
                }
            }
            _ => Some((month, form, index)),
        }
    }

    fn iso_date(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let year = self.year_number(index)?;
        if !(t.is_punct(index + 1, '-') && t.glued(index) && t.glued(index + 1)) {
            return None;
        }
        let month = self
            .number(index + 2)
            .filter(|_| t.raw(index + 2).len() == 2)?;
        if !(t.is_punct(index + 3, '-') && t.glued(index + 2) && t.glued(index + 3)) {
            return None;
        }
        let day = self
            .number(index + 4)
            .filter(|_| t.raw(index + 4).len() == 2)?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        Some(Found {
            first: index,
            last: index + 4,
            value: Some(calendar::day_value(date)),
            rule: "iso_date",
        })
    }

    /// "Thursday, Oct. 25, 2018": the weekday joins the date that follows it.
    fn weekday_then_date(&self, index: usize) -> Option<Found> {
        lexicon::weekday(self.lower(index))?;
        let next = if self.tokens.is_punct(index + 1, ',') {
            index + 2
        } else {
            index + 1
        };
        let found = self.month_date(next).or_else(|| self.day_month(next))?;
        Some(Found {
            first: index,
            ..found
        })
    }

    /// "Dec. 2, 2017", "Sept. 30", "September 2016", "June of 2018".
    fn month_date(&self, index: usize) -> Option<Found> {
        let (month, form, after) = self.month_at(index)?;
        if form == MonthForm::Spanish {
            return None;
        }
        if let Some((day, day_end)) = self.day(after + 1) {
            return self.day_of_month(index, month, day, day_end, ["month_day_year", "month_day"]);
        }
        let (year, year_at) = self.trailing_year(after)?;
        Some(Found {
            first: index,
            last: year_at,
            value: Some(calendar::month_value(year, month)),
            rule: "month_year",
        })
    }

    /// "2 December 2017", "3. Dezember 2015", "3 de diciembre de 2015".
    fn day_month(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let (day, day_end) = self.day(index)?;
        let mut at = day_end + 1;
        if (t.is_punct(at, '.') && t.glued(day_end)) || t.is_any(at, &["de", "of"]) {
            at += 1;
        }
        let (month, form, month_end) = self.month_at(at)?;
        if form == MonthForm::Short && month_end == at && !t.is_number(at + 1) {
            return None;
        }
        self.day_of_month(
            index,
            month,
            day,
            month_end,
            ["day_month_year", "day_month"],
        )
    }

    /// A day and month read from tokens `first..=last` in either order: with the year that
    /// follows (rule `rules[0]`), else resolved against the publication date (rule `rules[1]`).
    fn day_of_month(
        &self,
        first: usize,
        month: u32,
        day: u32,
        last: usize,
        rules: [&'static str; 2],
    ) -> Option<Found> {
        if let Some((year, year_at)) = self.trailing_year(last) {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some(Found {
                first,
                last: year_at,
                value: Some(calendar::day_value(date)),
                rule: rules[0],
            });
        }
        let value = match self.published {
            Some(published) => Some(calendar::day_value(calendar::resolve_month_day(
                published, month, day,
            )?)),
            None => None,
        };
        Some(Found {
            first,
            last,
            value,
            rule: rules[1],
        })
    }

    /// "fiscal 2026", "fiscal year 2026", "FY2019", "FY 2017", "the 2000 fiscal year", "this
    /// fiscal year", "the just-ended fiscal year".
    fn fiscal(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        if t.is(index, "fy") {
            let at = index + 1;
            let year = self.year_number(at).or_else(|| {
                let two = self.number(at).filter(|_| t.raw(at).len() == 2)?;
                Some(2000 + two as i32)
            })?;
            return Some(Found {
                first: index,
                last: at,
                value: Some(calendar::fiscal_value(year)),
                rule: "fiscal_year",
            });
        }
        if t.is(index, "fiscal") {
            let at = if t.is(index + 1, "year") {
                index + 2
            } else {
                index + 1
            };
            if let Some(year) = self.year_number(at) {
                return Some(Found {
                    first: index,
                    last: at,
                    value: Some(calendar::fiscal_value(year)),
                    rule: "fiscal_year",
                });
            }
            return None;
        }
        // "the 2000 fiscal year", "the 2019 fiscal year": a year before "fiscal year".
        if t.is(index, "the")
            && let Some(year) = self.year_number(index + 1)
            && t.is(index + 2, "fiscal")
            && t.is(index + 3, "year")
        {
            return Some(Found {
                first: index,
                last: index + 3,
                value: Some(calendar::fiscal_value(year)),
                rule: "fiscal_year",
            });
        }
        // Relative fiscal years: "[the] <modifier> fiscal year".
        let mut at = index;
        if t.is(at, "the") {
            at += 1;
        }
        let (offset, modifier_end) = if t.is_any(at, &["this", "current"]) {
            (Some(0), at)
        } else if t.is(at, "last") || t.is(at, "previous") {
            (Some(-1), at)
        } else if t.is(at, "next") || t.is(at, "coming") {
            (Some(1), at)
        } else if t.is(at, "new") {
            (None, at)
        } else if t.is(at, "just")
            && t.is_punct(at + 1, '-')
            && t.is_any(at + 2, &["ended", "completed", "finished"])
        {
            (Some(-1), at + 2)
        } else {
            return None;
        };
        if !(t.is(modifier_end + 1, "fiscal") && t.is(modifier_end + 2, "year")) {
            return None;
        }
        let value = self.relative(|published| {
            let current = calendar::fiscal_year(published);
            let year = match offset {
                Some(offset) => current + offset,
                // "the new fiscal year": the one that just began, or the coming one.
                None if published.month() >= 10 => current,
                None => current + 1,
            };
            calendar::fiscal_value(year)
        });
        Some(Found {
            first: index,
            last: modifier_end + 2,
            value,
            rule: "fiscal_year_relative",
        })
    }

    /// "Q1 2019", "the first quarter of 2019", "the third quarter".
    fn quarter(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let (quarter, end) = if t.is(index, "q") && t.glued(index) {
            let quarter = self.number(index + 1).filter(|q| (1..=4).contains(q))?;
            (quarter, index + 1)
        } else {
            let at = if t.is(index, "the") { index + 1 } else { index };
            let quarter = match self.lower(at) {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" | "final" | "last" => 4,
                _ => return None,
            };
            if !t.is(at + 1, "quarter") {
                return None;
            }
            (quarter, at + 1)
        };
        if let Some((year, year_at)) = self.trailing_year(end) {
            return Some(Found {
                first: index,
                last: year_at,
                value: Some(format!("{year:04}-Q{quarter}")),
                rule: "quarter",
            });
        }
        if t.is(index, "q") {
            return None;
        }
        Some(Found {
            first: index,
            last: end,
            value: self.relative(|published| format!("{:04}-Q{quarter}", published.year())),
            rule: "quarter_relative",
        })
    }

    /// "the 1970s", "1990s".
    fn decade(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let year = self.year_number(index)?;
        if year % 10 != 0 || !(t.glued(index) && t.is(index + 1, "s")) {
            return None;
        }
        let first = if index > 0 && t.is(index - 1, "the") {
            index - 1
        } else {
            index
        };
        Some(Found {
            first,
            last: index + 1,
            value: Some(format!("{year:04}s")),
            rule: "decade",
        })
    }

    /// "today", "yesterday", "tomorrow", "tonight", "this morning", "last night".
    fn deictic(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let word = self.lower(index);
        let (offset, last): (i64, usize) = match word {
            "today" | "tonight" | "heute" | "hoy" => (0, index),
            "yesterday" | "gestern" | "ayer" => (-1, index),
            "tomorrow" => (1, index),
            // "morgen" is tomorrow only in lowercase; "mañana" not after an article.
            "morgen" if t.raw(index) == "morgen" => (1, index),
            "mañana" if !(index > 0 && t.is_any(index - 1, &["la", "por", "esta", "de"])) => {
                (1, index)
            }
            "this" if t.is_any(index + 1, &["morning", "afternoon", "evening"]) => (0, index + 1),
            "last" if t.is(index + 1, "night") => (-1, index + 1),
            _ => return None,
        };
        Some(Found {
            first: index,
            last,
            value: self.relative(|published| {
                let day = if offset >= 0 {
                    published + Days::new(offset as u64)
                } else {
                    published - Days::new(offset.unsigned_abs())
                };
                calendar::day_value(day)
            }),
            rule: "deictic_day",
        })
    }

    /// The direction word at `index` ("last", "next", "this", "letzte", "próximo").
    fn direction_at(&self, index: usize) -> Option<Direction> {
        let word = self.lower(index);
        if lexicon::PREVIOUS.contains(&word) {
            // "the last year" is a span, not a calendar year.
            if index > 0 && self.tokens.is_any(index - 1, &["the", "die", "der", "das"]) {
                return None;
            }
            Some(Direction::Previous)
        } else if lexicon::FOLLOWING.contains(&word) {
            if index > 0 && self.tokens.is_any(index - 1, &["the", "die", "der", "das"]) {
                return None;
            }
            Some(Direction::Following)
        } else if lexicon::THIS.contains(&word) {
            Some(Direction::Past)
        } else {
            None
        }
    }

    /// "last week", "this year", "next month", "this past weekend", "last fall",
    /// "the new year", "la semana pasada", "el año que viene".
    fn relative_unit(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        // "the new year"
        if t.is(index, "the") && t.is(index + 1, "new") && t.is(index + 2, "year") {
            return Some(Found {
                first: index,
                last: index + 2,
                value: self.relative(|published| calendar::year_value(published.year() + 1)),
                rule: "year_relative",
            });
        }
        // Spanish: "la semana pasada", "el mes pasado", "el año que viene".
        if t.is_any(index, &["la", "el"])
            && let Some(unit) = lexicon::unit(self.lower(index + 1))
        {
            let (direction, last) = if t.is_any(index + 2, &["pasado", "pasada"]) {
                (Direction::Previous, index + 2)
            } else if t.is(index + 2, "que") && t.is(index + 3, "viene") {
                (Direction::Following, index + 3)
            } else {
                return None;
            };
            return Some(self.unit_found(index, last, unit, direction));
        }
        let mut direction = self.direction_at(index)?;
        let mut at = index + 1;
        // "this past weekend"
        if direction == Direction::Past && t.is(at, "past") {
            direction = Direction::Previous;
            at += 1;
        }
        if let Some(start_month) = lexicon::season(self.lower(at)) {
            return Some(Found {
                first: index,
                last: at,
                value: self.relative(|published| {
                    calendar::year_value(calendar::resolve_season(
                        published,
                        start_month,
                        direction,
                    ))
                }),
                rule: "season_relative",
            });
        }
        let unit = lexicon::unit(self.lower(at))?;
        Some(self.unit_found(index, at, unit, direction))
    }

    /// Whether a past-tense verb governs tokens `first..=last`: a past cue ("said", "was") or
    /// an English "-ed" form among the six words before or the three after. News convention:
    /// "announced this weekend" in Monday's paper is the weekend just gone.
    fn past_context(&self, first: usize, last: usize) -> bool {
        let is_past = |at: usize| {
            let word = self.lower(at);
            lexicon::PAST_CUES.contains(&word)
                || (word.len() > 4 && word.ends_with("ed") && word.chars().all(char::is_alphabetic))
        };
        (first.saturating_sub(6)..first).any(is_past)
            || (last + 1..(last + 4).min(self.tokens.len())).any(is_past)
    }

    fn unit_found(&self, first: usize, last: usize, unit: Unit, direction: Direction) -> Found {
        let points_back = direction == Direction::Past
            && !self.future_context(first, last)
            && self.past_context(first, last);
        let offset = match direction {
            Direction::Previous => -1,
            Direction::Following => 1,
            Direction::Past | Direction::Future => 0,
        };
        let (value, rule) = match unit {
            Unit::Week => (
                self.relative(|published| calendar::week_offset(published, offset.into())),
                "week_relative",
            ),
            Unit::Weekend => (
                self.relative(|published| match direction {
                    Direction::Previous => calendar::past_weekend(published),
                    _ if points_back => calendar::past_weekend(published),
                    _ => {
                        let saturday = calendar::resolve_weekday(
                            published,
                            chrono::Weekday::Sat,
                            if direction == Direction::Following {
                                Direction::Following
                            } else {
                                Direction::Future
                            },
                        );
                        if published.weekday() == chrono::Weekday::Sun
                            && direction != Direction::Following
                        {
                            calendar::week_value(published)
                        } else {
                            calendar::week_value(saturday)
                        }
                    }
                }),
                "weekend_relative",
            ),
            Unit::Month => (
                self.relative(|published| {
                    let (year, month) = calendar::month_offset(published, offset);
                    calendar::month_value(year, month)
                }),
                "month_relative",
            ),
            Unit::Year => (
                self.relative(|published| calendar::year_value(published.year() + offset)),
                "year_relative",
            ),
        };
        Found {
            first,
            last,
            value,
            rule,
        }
    }

    /// "two years ago", "a year ago", "three months ago".
    fn ago(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let count = lexicon::small_number(self.lower(index))
            .or_else(|| self.number(index).filter(|n| *n <= 100))?;
        let unit = lexicon::unit(self.lower(index + 1).trim_end_matches('s'))?;
        if !t.is(index + 2, "ago") {
            return None;
        }
        let count = count as i32;
        let value = self.relative(|published| match unit {
            Unit::Year => calendar::year_value(published.year() - count),
            Unit::Month => {
                let (year, month) = calendar::month_offset(published, -count);
                calendar::month_value(year, month)
            }
            Unit::Week | Unit::Weekend => calendar::week_offset(published, -i64::from(count)),
        });
        Some(Found {
            first: index,
            last: index + 2,
            value,
            rule: "ago",
        })
    }

    /// Whether the words around tokens `first..=last` put them ahead of the reference: a future
    /// cue among the [`FUTURE_WINDOW`] words before them, with no past cue or clause break
    /// between.
    fn future_context(&self, first: usize, last: usize) -> bool {
        let t = self.tokens;
        // "… will", and "Tuesday is the deadline": a present tense right after a time that is
        // the clause's subject (no preposition before it: "the peak in May is that …" and
        // "the message from Tuesday is clear" look back).
        let preposition = |word: &str| {
            lexicon::PREPOSITIONS.contains(&word) || matches!(word, "of" | "at" | "for" | "to")
        };
        let subject =
            !preposition(self.lower(first)) && (first == 0 || !preposition(self.lower(first - 1)));
        if t.is_any(last + 1, &["will", "wird"])
            || (subject && t.is_any(last + 1, &["is", "are"]) && !t.is_any(last + 2, &["when"]))
        {
            return true;
        }
        let floor = first.saturating_sub(FUTURE_WINDOW);
        let mut at = first;
        while at > floor {
            at -= 1;
            let word = self.lower(at);
            // A clause before a semicolon or colon has its own tense ("who would be
            // responsible …; and on Saturday, as refugees were being detained").
            if lexicon::PAST_CUES.contains(&word) || matches!(t.raw(at), ";" | ":") {
                return false;
            }
            if lexicon::FUTURE_CUES.contains(&word) || lexicon::FOLLOWING.contains(&word) {
                return true;
            }
            // A perfect looks back from its reference ("would have", "expected to have
            // outpaced … in April").
            let perfect_after = |at: usize| t.is(at + 1, "have") || t.is(at + 2, "have");
            // "would" in reported speech looks ahead of the report ("said it would not be
            // held this Tuesday", "raids that would … begin as soon as January").
            if word == "would" && !perfect_after(at) {
                return true;
            }
            if lexicon::FUTURE_TO_CUES.contains(&word)
                && t.is(at + 1, "to")
                && !perfect_after(at + 1)
            {
                return true;
            }
            // The present progressive with a time names an arrangement ahead ("who is facing
            // a challenger in March", "are meeting on Friday").
            if matches!(word, "is" | "are" | "am" | "'s" | "’s" | "'re" | "’re")
                && at + 1 < first
                && self.lower(at + 1).len() > 4
                && self.lower(at + 1).ends_with("ing")
            {
                return true;
            }
            // "asked the leaders to return … on Friday": an infinitive after its object.
            if lexicon::FUTURE_OBJECT_TO_CUES.contains(&word)
                && (at + 2..(at + 6).min(first)).any(|to| t.is(to, "to") && !perfect_after(to))
            {
                return true;
            }
            if (word == "va" || word == "van") && t.is(at + 1, "a") {
                return true;
            }
            // Spanish future tense: "reunirá", "tendrán".
            if word.chars().count() > 4 && (word.ends_with("rá") || word.ends_with("rán")) {
                return true;
            }
        }
        false
    }

    /// "Monday", "on Friday", "last Friday", "next Tuesday's", "Saturday night", "am Montag",
    /// "el lunes", "el próximo lunes".
    fn weekday(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let (direction, day_at) =
            self.direction_before(index, |word| lexicon::weekday(word).is_some());
        let word = self.lower(day_at);
        let weekday = lexicon::weekday(word)?;
        if lexicon::is_spanish_weekday(word) {
            if direction.is_none()
                && !(day_at > 0 && t.is_any(day_at - 1, &["el", "este", "pasado", "próximo"]))
            {
                return None;
            }
        } else if !t.is_capitalized(day_at) {
            return None;
        }
        let mut last = day_at;
        // "this Tuesday" is the one of this week, before or after the report as the tense
        // says ("would not be held this Tuesday"), so "this" leaves the direction to the context.
        let mut direction =
            direction.filter(|_| day_at == 0 || !lexicon::THIS.contains(&self.lower(day_at - 1)));
        if t.is_any(
            last + 1,
            &[
                "night",
                "morning",
                "afternoon",
                "evening",
                "abend",
                "morgen",
            ],
        ) {
            last += 1;
        } else if t.is_any(last + 1, &["pasado", "pasada"]) {
            direction = Some(Direction::Previous);
            last += 1;
        }
        Some(self.directed(
            index,
            last,
            direction,
            [
                "weekday_past",
                "weekday_future",
                "weekday_last",
                "weekday_next",
            ],
            |published, direction| {
                calendar::day_value(calendar::resolve_weekday(published, weekday, direction))
            },
        ))
    }

    /// "in September", "last March", "the June deal", "im September", "en septiembre".
    fn month_alone(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        let (direction, month_at) =
            self.direction_before(index, |word| lexicon::month(word).is_some());
        let (month, form, month_end) = self.month_at(month_at)?;
        let cued = direction.is_some()
            || (month_at > 0 && t.is_any(month_at - 1, lexicon::MONTH_CUES))
            || (month_at > 1 && t.is(month_at - 1, "-") && t.is(month_at - 2, "mid"));
        match form {
            MonthForm::Short => return None,
            MonthForm::Ambiguous | MonthForm::Spanish if !cued => return None,
            _ => {}
        }
        let mut last = month_end;
        let mut direction = direction;
        if form == MonthForm::Spanish && t.is_any(last + 1, &["pasado"]) {
            direction = Some(Direction::Previous);
            last += 1;
        }
        // "this November": the month of the publication year, ahead or behind.
        let this_year = month_at > 0 && lexicon::THIS.contains(&self.lower(month_at - 1));
        Some(self.directed(
            index,
            last,
            direction,
            ["month_past", "month_future", "month_last", "month_next"],
            |published, direction| {
                let (year, month) = if this_year {
                    (published.year(), month)
                } else {
                    calendar::resolve_month(published, month, direction)
                };
                calendar::month_value(year, month)
            },
        ))
    }

    /// The direction word at `index` when the word after it is one `names` knows ("last
    /// Friday", "next March"), with the position of that word; else no direction and `index`.
    fn direction_before(
        &self,
        index: usize,
        names: impl Fn(&str) -> bool,
    ) -> (Option<Direction>, usize) {
        match self.direction_at(index) {
            Some(direction) if names(self.lower(index + 1)) => (Some(direction), index + 1),
            _ => (None, index),
        }
    }

    /// A weekday or month named relative to the publication date, tokens `first..=last`: its
    /// direction the one its words gave, else future or past as the context reads; its value
    /// `resolve`d from the publication date in that direction; its rule the one of `rules`
    /// (past, future, previous, following) for that direction.
    fn directed(
        &self,
        first: usize,
        last: usize,
        given: Option<Direction>,
        rules: [&'static str; 4],
        resolve: impl FnOnce(NaiveDate, Direction) -> String,
    ) -> Found {
        let direction = given.unwrap_or_else(|| {
            if self.future_context(first, last) {
                Direction::Future
            } else {
                Direction::Past
            }
        });
        let [past, future, previous, following] = rules;
        Found {
            first,
            last,
            value: self.relative(|published| resolve(published, direction)),
            rule: match direction {
                Direction::Past => past,
                Direction::Future => future,
                Direction::Previous => previous,
                Direction::Following => following,
            },
        }
    }

    /// Whether the number at `index` reads as a year in its context.
    fn is_year_here(&self, index: usize) -> bool {
        let t = self.tokens;
        let Some(year) = self.year_number(index) else {
            return false;
        };
        if !(1700..=2100).contains(&year) {
            return false;
        }
        if index > 0 && t.glued(index - 1) {
            // "$2000", "A/2020", "COVID-2019", "555-2014", "10:2020".
            let before = t.raw(index - 1);
            let mid = before == "-" && index >= 2 && t.is(index - 2, "mid");
            if !mid
                && (t.is_word(index - 1)
                    || matches!(before, "$" | "€" | "£" | "/" | "-" | ":" | "#" | "." | "–"))
            {
                return false;
            }
        }
        if t.glued(index) {
            let after = t.raw(index + 1);
            if t.is_word(index + 1) && !t.is(index + 1, "s") {
                return false;
            }
            if matches!(after, "%" | "/" | ":") {
                return false;
            }
        }
        if t.is_any(index + 1, &["percent", "per"])
            || lexicon::is_counted_noun(self.lower(index + 1))
        {
            return false;
        }
        if index > 0 {
            let before = self.lower(index - 1);
            if lexicon::QUANTITY_LEADS.contains(&before)
                || (before == "to" && index > 1 && t.is(index - 2, "up"))
            {
                return false;
            }
            // Part of a name: "Agenda 2030", "Horizon 2020" (a capitalised word mid-sentence).
            if t.is_capitalized(index - 1)
                && (0..index - 1).any(|earlier| t.is_word(earlier))
                && !before.ends_with("'s")
                && !lexicon::YEAR_LEADS.contains(&before)
                && lexicon::month(before).is_none()
                && !lexicon::MONTH_CUES.contains(&before)
                && !lexicon::PREPOSITIONS.contains(&before)
            {
                return false;
            }
        }
        true
    }

    /// A bare year in a date context: "2020", "in 2000", "late 2018", "2014's", "mid-2019".
    fn year(&self, index: usize) -> Option<Found> {
        if !self.is_year_here(index) {
            return None;
        }
        let year = self.year_number(index)?;
        Some(Found {
            first: index,
            last: index,
            value: Some(calendar::year_value(year)),
            rule: "year",
        })
    }

    /// The second year of "2015-17" or "2015–2017".
    fn year_range_end(&self, index: usize) -> Option<Found> {
        let t = self.tokens;
        if index < 2 || !(t.glued(index - 2) && t.glued(index - 1)) {
            return None;
        }
        if !(t.is_punct(index - 1, '-') || t.is_punct(index - 1, '–')) {
            return None;
        }
        let start = self.year_number(index - 2)?;
        let raw = t.raw(index);
        let end = match raw.len() {
            2 => start - start % 100 + self.number(index)? as i32,
            4 => self.year_number(index)?,
            _ => return None,
        };
        if end <= start || end - start > 50 {
            return None;
        }
        Some(Found {
            first: index,
            last: index,
            value: Some(calendar::year_value(end)),
            rule: "year_range_end",
        })
    }
}
