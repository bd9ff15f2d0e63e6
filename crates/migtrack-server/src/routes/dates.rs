//! `GET /api/dates`: date mentions with their normalised value and provenance; filters `text` (or `q`), `doc`.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::params::RecordParams;
use crate::state::AppState;
use crate::wire::{DateMention, ErrorBody, Paged};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Date mentions with provenance
#[utoipa::path(
    get,
    path = "/api/dates",
    params(RecordParams),
    responses(
        (status = 200, description = "A page of date mentions", body = Paged<DateMention>),
        (status = 400, description = "bad_request or invalid_date", body = ErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    params: Result<Query<RecordParams>, QueryRejection>,
) -> ApiResult<Json<Paged<DateMention>>> {
    super::list(&state, params, |store, filter, page| {
        store.dates(filter, page)
    })
    .await
}
