//! `GET /api/status?at=YYYY-MM-DD`: the state × framework table as it stood on a day (today by
//! default); each cell names the fact behind it.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use migtrack_store::{EventFilter, StatusCell};
use serde::{Deserialize, Serialize};

use crate::error::ApiResult;
use crate::params::{Bound, parse_bound, query};
use crate::state::AppState;
use crate::views::status_at;
use migtrack_pipeline::link;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/status", get(table))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusParams {
    at: Option<String>,
    /// Only this state (actor id).
    state: Option<String>,
    /// Only this framework (target id).
    framework: Option<String>,
}

#[derive(Serialize)]
struct StatusTable {
    at: NaiveDate,
    /// Row labels: every state with at least one cell, sorted.
    states: Vec<String>,
    /// Column labels: every framework with at least one cell, sorted.
    frameworks: Vec<String>,
    items: Vec<StatusCell>,
}

async fn table(
    State(state): State<AppState>,
    params: Result<Query<StatusParams>, QueryRejection>,
) -> ApiResult<Json<StatusTable>> {
    let params = query(params)?;
    let at = parse_bound("at", params.at.as_deref(), Bound::Last)?
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let filter = EventFilter {
        actor: params.state.filter(|text| !text.is_empty()).map(Into::into),
        target: params
            .framework
            .filter(|text| !text.is_empty())
            .map(Into::into),
        ..EventFilter::default()
    };
    let facts = state
        .read(move |store| Ok(store.asserted_facts(&filter, &link::STATUS_ACTIONS)?))
        .await?;
    let items = status_at(&facts, at, migtrack_domain::Pack::builtin());
    let mut states: Vec<String> = items.iter().map(|cell| cell.state.clone()).collect();
    let mut frameworks: Vec<String> = items.iter().map(|cell| cell.framework.clone()).collect();
    for labels in [&mut states, &mut frameworks] {
        labels.sort();
        labels.dedup();
    }
    Ok(Json(StatusTable {
        at,
        states,
        frameworks,
        items,
    }))
}
