//! Query-string parameters shared by the list endpoints: the CLI's filters (actor, action,
//! target, since, until, speaker, text, doc) and paging (limit ≤ 1000, cursor), validated into
//! the store's filter types with the API's error codes.

use axum::extract::rejection::QueryRejection;
use chrono::NaiveDate;
use migtrack_domain::{Lookup, Pack};
use migtrack_model::Action;
use migtrack_store::{DocumentFilter, EventFilter, Page, RecordFilter, Term};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Candidate};
use crate::wire::ActionName;

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
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Actor: an id, or a name or alias of a state, body or framework in the domain pack, in
    /// any case (USA, United States, Germany, gfmd), matched exactly as that id; other words
    /// match actors that contain them, in any case. A name that fits several ids (Korea) and
    /// matches nothing as words is a 400 `ambiguous_name` listing the candidates.
    pub actor: Option<String>,
    /// One action.
    #[param(value_type = Option<ActionName>)]
    pub action: Option<String>,
    /// Target: an id or a name or alias of the domain pack, like `actor` (gcm, Marrakech
    /// pact), matched exactly as that id; other words match targets that contain them.
    pub target: Option<String>,
    /// Dated on or after the first day of this period: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www,
    /// YYYY-Qn or FY2026 (US fiscal year); anything else is 400 `invalid_date`.
    pub since: Option<String>,
    /// Dated on or before the last day of this period (the forms of `since`).
    pub until: Option<String>,
    /// Only records of this document.
    #[param(value_type = Option<i64>)]
    pub doc: Option<String>,
    /// Only events from documents of this outlet (any case).
    pub outlet: Option<String>,
    /// Only events from documents in this language (`en`).
    pub lang: Option<String>,
    /// `true` also lists the events an analyst rejected (left out by default).
    #[param(value_type = Option<bool>)]
    pub include_rejected: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    #[param(value_type = Option<i64>)]
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

/// What a list endpoint reads from its query string: its kind's store filter and the page.
pub trait ListParams: serde::de::DeserializeOwned + Send + 'static {
    type Filter: Send + 'static;
    /// The store filter, and the ambiguity of a name to check once the answer is known.
    fn list_filter(&self) -> ApiResult<(Self::Filter, Ambiguity)>;
    /// The `limit` and `cursor` as given.
    fn paging(&self) -> (Option<&str>, Option<&str>);
    fn page(&self) -> ApiResult<Page> {
        let (limit, cursor) = self.paging();
        page(limit, cursor)
    }
}

impl ListParams for EventParams {
    type Filter = EventFilter;
    fn list_filter(&self) -> ApiResult<(EventFilter, Ambiguity)> {
        self.filter()
    }
    fn paging(&self) -> (Option<&str>, Option<&str>) {
        (self.limit.as_deref(), self.cursor.as_deref())
    }
}

impl ListParams for RecordParams {
    type Filter = RecordFilter;
    fn list_filter(&self) -> ApiResult<(RecordFilter, Ambiguity)> {
        Ok((self.filter()?, Ambiguity::default()))
    }
    fn paging(&self) -> (Option<&str>, Option<&str>) {
        (self.limit.as_deref(), self.cursor.as_deref())
    }
}

impl ListParams for DocumentParams {
    type Filter = DocumentFilter;
    fn list_filter(&self) -> ApiResult<(DocumentFilter, Ambiguity)> {
        Ok((self.filter()?, Ambiguity::default()))
    }
    fn paging(&self) -> (Option<&str>, Option<&str>) {
        (self.limit.as_deref(), self.cursor.as_deref())
    }
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
}

/// Filters on quotes, claims, figures and dates.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RecordParams {
    /// Quotes and claims: the speaker contains this (any case).
    pub speaker: Option<String>,
    /// Text contained in the record (any case).
    pub text: Option<String>,
    /// A synonym of `text`.
    pub q: Option<String>,
    /// Only records of this document.
    #[param(value_type = Option<i64>)]
    pub doc: Option<String>,
    /// Only documents of this outlet (any case).
    pub outlet: Option<String>,
    /// Only documents in this language (`en`).
    pub lang: Option<String>,
    /// Documents published on or after the first day of this period (the forms of the
    /// events' `since`).
    pub since: Option<String>,
    /// Documents published on or before the last day of this period.
    pub until: Option<String>,
    /// `true` also lists the quotes and claims an analyst rejected (left out by default).
    #[param(value_type = Option<bool>)]
    pub include_rejected: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    #[param(value_type = Option<i64>)]
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
}

/// Filters on the document list: outlet, language, published period.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DocumentParams {
    /// Only documents of this outlet (any case).
    pub outlet: Option<String>,
    /// Only documents in this language (`en`).
    pub lang: Option<String>,
    /// Published on or after the first day of this period (YYYY-MM-DD, YYYY-MM, YYYY,
    /// YYYY-Www, YYYY-Qn, FY2026).
    pub since: Option<String>,
    /// Published on or before the last day of this period.
    pub until: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    #[param(value_type = Option<i64>)]
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
