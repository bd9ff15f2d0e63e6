//! `GET /api/status?at=YYYY-MM-DD`: the state × framework table as it stood on a day (today by
//! default); each cell names the fact behind it.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use migtrack_pipeline::link;
use migtrack_store::EventFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::params::{Bound, parse_bound, query};
use crate::state::AppState;
use crate::views::status_at;
use crate::wire::{ErrorBody, StatusCell, StatusTable};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(table))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct StatusParams {
    /// The day (or the last day of a period: YYYY-MM, YYYY, YYYY-Qn, …); today by default.
    #[param(example = "2019-01-01")]
    at: Option<String>,
    /// Only this state (actor id).
    state: Option<String>,
    /// Only this framework (target id).
    framework: Option<String>,
}

/// State × framework status table as of a day
#[utoipa::path(
    get,
    path = "/api/status",
    params(StatusParams),
    responses(
        (status = 200, description = "The table: one cell per state and framework with a status", body = StatusTable),
        (status = 400, description = "bad_request or invalid_date", body = ErrorBody),
    )
)]
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
    let items: Vec<StatusCell> = status_at(&facts, at, migtrack_domain::Pack::builtin())
        .into_iter()
        .map(StatusCell::from)
        .collect();
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
