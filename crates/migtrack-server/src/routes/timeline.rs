//! `GET /api/timeline`: linked facts placed on a time axis (filters as for events).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::params::EventParams;
use crate::state::AppState;
use crate::wire::{ErrorBody, Paged, TimelineItem};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Facts placed on a time axis
#[utoipa::path(
    get,
    path = "/api/timeline",
    params(EventParams),
    responses(
        (status = 200, description = "A page of facts, each with the day it is drawn at", body = Paged<TimelineItem>),
        (status = 400, description = "bad_request, invalid_date or ambiguous_name", body = ErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Paged<TimelineItem>>> {
    super::list(&state, params, |store, filter, page| {
        store.facts(filter, page)
    })
    .await
}
