//! `GET /api/events`: extracted events with provenance, filtered like `migtrack events`.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::params::EventParams;
use crate::state::AppState;
use crate::wire::{ErrorBody, Event, Paged};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Extracted events with provenance
#[utoipa::path(
    get,
    path = "/api/events",
    params(EventParams),
    responses(
        (status = 200, description = "A page of events", body = Paged<Event>),
        (status = 400, description = "bad_request, invalid_date or ambiguous_name", body = ErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Paged<Event>>> {
    super::list(&state, params, |store, filter, page| {
        store.events(filter, page)
    })
    .await
}
