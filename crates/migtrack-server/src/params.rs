//! Query-string parameters shared by the list endpoints: the CLI's filters (actor, action,
//! target, since, until, speaker, text, doc) and paging (limit ≤ 1000, cursor), validated into
//! the store's filter types with the API's error codes.

use axum::extract::rejection::QueryRejection;
use chrono::NaiveDate;
use migtrack_domain::{Lookup, Pack};
use migtrack_model::Action;
use migtrack_store::{DocumentFilter, EventFilter, Page, RecordFilter, Term};
use serde::Deserialize;

use crate::error::{ApiError, ApiResult, Candidate};

pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

/// Unwraps axum's query extraction, turning its rejection (unknown parameter, bad encoding)
/// into a `bad_request`.
pub fn query<T>(extracted: Result<axum::extract::Query<T>, QueryRejection>) -> ApiResult<T> {
    extracted
        .map(|axum::extract::Query(value)| value)
        .map_err(|rejection| ApiError::BadRequest(rejection.body_text()))
}

pub fn parse_date(name: &str, value: Option<&str>) -> ApiResult<Option<NaiveDate>> {
    let Some(text) = value.filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            ApiError::InvalidDate(format!("`{name}` must be a date YYYY-MM-DD, got {text:?}"))
        })
}

/// Which end of a named period a bound takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A lower bound (`since`): the period's first day.
    First,
    /// An upper bound (`until`, `at`): the period's last day.
    Last,
}

/// A date bound as the CLI takes it: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, YYYY-Qn or FY2026
/// (see [`migtrack_model::period`]); anything else is an `invalid_date` that says what works.
pub fn parse_bound(name: &str, value: Option<&str>, bound: Bound) -> ApiResult<Option<NaiveDate>> {
    let Some(text) = value.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    match migtrack_model::period::period(text) {
        Ok((first, last)) => Ok(Some(if bound == Bound::First { first } else { last })),
        Err(message) => Err(ApiError::InvalidDate(format!("`{name}`: {message}"))),
    }
}

/// `since` and `until` as bounds, refusing a `since` after the `until`.
fn bounds(
    since: Option<&str>,
    until: Option<&str>,
) -> ApiResult<(Option<NaiveDate>, Option<NaiveDate>)> {
    let since_day = parse_bound("since", since, Bound::First)?;
    let until_day = parse_bound("until", until, Bound::Last)?;
    if let (Some(first), Some(last)) = (since_day, until_day)
        && first > last
    {
        return Err(ApiError::BadRequest(format!(
            "`since` ({first}) is after `until` ({last})"
        )));
    }
    Ok((since_day, until_day))
}

/// `include_rejected=true|false|1|0` (absent: false).
fn flag(name: &str, value: Option<&str>) -> ApiResult<bool> {
    match value.map(str::trim).unwrap_or("") {
        "" | "false" | "0" => Ok(false),
        "true" | "1" => Ok(true),
        other => Err(ApiError::BadRequest(format!(
            "`{name}` must be true or false, got {other:?}"
        ))),
    }
}

fn parse_int<T: std::str::FromStr>(name: &str, value: &str) -> ApiResult<T> {
    value
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("`{name}` must be an integer, got {value:?}")))
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

pub fn page(limit: Option<&str>, cursor: Option<&str>) -> ApiResult<Page> {
    let limit = match limit.filter(|text| !text.is_empty()) {
        None => DEFAULT_LIMIT,
        Some(text) => parse_int::<usize>("limit", text)?,
    };
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::BadRequest(format!(
            "`limit` must be between 1 and {MAX_LIMIT}, got {limit}"
        )));
    }
    let cursor = match cursor.filter(|text| !text.is_empty()) {
        None => None,
        Some(text) => Some(parse_int::<i64>("cursor", text)?),
    };
    Ok(Page { limit, cursor })
}

/// Filters on events, facts and the timeline.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub doc: Option<String>,
    /// Only events from documents of this outlet (any case) or language.
    pub outlet: Option<String>,
    pub lang: Option<String>,
    /// `true` shows the events an analyst rejected too.
    pub include_rejected: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

/// A name given for `actor` or `target` that fits several ids (kept until the answer shows
/// whether the name matched anything as words).
#[derive(Debug, Default)]
pub struct Ambiguity(Option<ApiError>);

impl Ambiguity {
    /// An empty first page for a name that fits several ids is an `ambiguous_name` error
    /// listing them.
    pub fn check(self, empty: bool, page: Page) -> ApiResult<()> {
        match self.0 {
            Some(error) if empty && page.cursor.is_none() => Err(error),
            _ => Ok(()),
        }
    }
}

/// `actor`/`target` through the domain pack: an id or a name or alias of one entity matches
/// that id exactly; other words match as contained.
fn term(param: &str, value: &Option<String>, ambiguity: &mut Ambiguity) -> Option<Term> {
    let name = non_empty(value.clone())?;
    Some(match Pack::builtin().lookup(&name) {
        Lookup::Found(entity) => Term::Exact(entity.id.clone()),
        Lookup::Ambiguous(entities) => {
            let candidates: Vec<Candidate> = entities
                .iter()
                .map(|entity| Candidate {
                    id: entity.id.clone(),
                    name: entity.name.clone(),
                })
                .collect();
            let listed: Vec<String> = candidates
                .iter()
                .map(|candidate| format!("{} ({})", candidate.id, candidate.name))
                .collect();
            ambiguity.0.get_or_insert(ApiError::AmbiguousName {
                message: format!(
                    "`{param}` {name:?} fits several ids: {}; give one of them",
                    listed.join(", ")
                ),
                candidates,
            });
            Term::Contains(name)
        }
        Lookup::Unknown => Term::Contains(name),
    })
}

impl EventParams {
    /// The store filter, and the ambiguity to check once the answer is known.
    pub fn filter(&self) -> ApiResult<(EventFilter, Ambiguity)> {
        let action = match non_empty(self.action.clone()) {
            None => None,
            Some(name) => match Action::parse(&name) {
                Some(action) => Some(action.as_str().to_string()),
                None => {
                    return Err(ApiError::BadRequest(format!(
                        "`action` must be one of {}, got {name:?}",
                        Action::ALL.map(|action| action.as_str()).join(", ")
                    )));
                }
            },
        };
        let (since, until) = bounds(self.since.as_deref(), self.until.as_deref())?;
        let mut ambiguity = Ambiguity::default();
        let actor = term("actor", &self.actor, &mut ambiguity);
        let target = term("target", &self.target, &mut ambiguity);
        let filter = EventFilter {
            actor,
            action,
            target,
            since,
            until,
            doc_id: match self.doc.as_deref().filter(|text| !text.is_empty()) {
                None => None,
                Some(text) => Some(parse_int("doc", text)?),
            },
            outlet: non_empty(self.outlet.clone()),
            lang: non_empty(self.lang.clone()),
            include_rejected: flag("include_rejected", self.include_rejected.as_deref())?,
        };
        Ok((filter, ambiguity))
    }

    pub fn page(&self) -> ApiResult<Page> {
        page(self.limit.as_deref(), self.cursor.as_deref())
    }
}

/// Filters on quotes, claims, figures and dates.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordParams {
    pub speaker: Option<String>,
    /// Text contained in the record (`q` is accepted as a synonym).
    pub text: Option<String>,
    pub q: Option<String>,
    pub doc: Option<String>,
    /// The document's outlet (any case), language, and published period.
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// `true` shows the quotes and claims an analyst rejected too.
    pub include_rejected: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

impl RecordParams {
    pub fn filter(&self) -> ApiResult<RecordFilter> {
        let (since, until) = bounds(self.since.as_deref(), self.until.as_deref())?;
        Ok(RecordFilter {
            speaker: non_empty(self.speaker.clone()),
            text: non_empty(self.text.clone()).or_else(|| non_empty(self.q.clone())),
            doc_id: match self.doc.as_deref().filter(|text| !text.is_empty()) {
                None => None,
                Some(text) => Some(parse_int("doc", text)?),
            },
            outlet: non_empty(self.outlet.clone()),
            lang: non_empty(self.lang.clone()),
            since,
            until,
            include_rejected: flag("include_rejected", self.include_rejected.as_deref())?,
        })
    }

    pub fn page(&self) -> ApiResult<Page> {
        page(self.limit.as_deref(), self.cursor.as_deref())
    }
}

/// Filters on the document list: outlet, language, published period.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentParams {
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

impl DocumentParams {
    pub fn filter(&self) -> ApiResult<DocumentFilter> {
        let (since, until) = bounds(self.since.as_deref(), self.until.as_deref())?;
        Ok(DocumentFilter {
            outlet: non_empty(self.outlet.clone()),
            lang: non_empty(self.lang.clone()),
            since,
            until,
        })
    }

    pub fn page(&self) -> ApiResult<Page> {
        page(self.limit.as_deref(), self.cursor.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_outside_one_to_a_thousand_are_bad_requests() {
        let cases = [
            (None, Some(DEFAULT_LIMIT)),
            (Some("1"), Some(1)),
            (Some("1000"), Some(1000)),
            (Some("0"), None),
            (Some("1001"), None),
            (Some("ten"), None),
            (Some("-1"), None),
        ];
        for (limit, expected) in cases {
            let result = page(limit, None).ok().map(|page| page.limit);
            assert_eq!(result, expected, "limit {limit:?}");
        }
    }

    #[test]
    fn bounds_take_every_period_the_cli_takes_and_explain_the_rest() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        let cases = [
            ("2019", Bound::First, day("2019-01-01")),
            ("2019", Bound::Last, day("2019-12-31")),
            ("2024-02", Bound::Last, day("2024-02-29")),
            ("2018-12-10", Bound::First, day("2018-12-10")),
            ("2018-Q4", Bound::First, day("2018-10-01")),
            ("FY2026", Bound::First, day("2025-10-01")),
            ("FY2026", Bound::Last, day("2026-09-30")),
        ];
        for (text, bound, expected) in cases {
            assert_eq!(
                parse_bound("since", Some(text), bound).unwrap(),
                expected,
                "{text}"
            );
        }
        for bad in ["19", "2019-13", "last year", "10/12/2018", "2018-02-30"] {
            let error = parse_bound("until", Some(bad), Bound::Last).unwrap_err();
            assert_eq!(error.code(), "invalid_date");
            let message = error.to_string();
            assert!(
                message.contains("`until`") && message.contains("YYYY-Qn"),
                "{message}"
            );
        }
        let params = RecordParams {
            since: Some("2019".into()),
            until: Some("2018-Q1".into()),
            ..Default::default()
        };
        assert_eq!(params.filter().unwrap_err().code(), "bad_request");
    }

    #[test]
    fn dates_must_be_full_iso_days() {
        let cases = [
            ("2018-12-10", true),
            ("2018-12", false),
            ("10/12/2018", false),
            ("2018-02-30", false),
        ];
        for (text, valid) in cases {
            let result = parse_date("at", Some(text));
            assert_eq!(result.is_ok(), valid, "{text}");
            if let Err(error) = result {
                assert_eq!(error.code(), "invalid_date");
            }
        }
    }

    #[test]
    fn unknown_actions_are_rejected_and_known_ones_kept() {
        let params = EventParams {
            action: Some("withdraw".into()),
            ..Default::default()
        };
        assert_eq!(
            params.filter().unwrap().0.action.as_deref(),
            Some("withdraw")
        );
        let params = EventParams {
            action: Some("teleport".into()),
            ..Default::default()
        };
        assert_eq!(params.filter().unwrap_err().code(), "bad_request");
    }
}
