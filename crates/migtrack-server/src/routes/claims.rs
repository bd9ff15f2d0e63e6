//! `GET /api/claims`: claims with speaker, evidence status and provenance; filters `speaker`, `text` (or `q`), `doc`.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::params::RecordParams;
use crate::state::AppState;
use crate::wire::{Claim, ErrorBody, Paged};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Claims with evidence status and provenance
#[utoipa::path(
    get,
    path = "/api/claims",
    params(RecordParams),
    responses(
        (status = 200, description = "A page of claims", body = Paged<Claim>),
        (status = 400, description = "bad_request or invalid_date", body = ErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    params: Result<Query<RecordParams>, QueryRejection>,
) -> ApiResult<Json<Paged<Claim>>> {
    super::list(&state, params, |store, filter, page| {
        store.claims(filter, page)
    })
    .await
}
