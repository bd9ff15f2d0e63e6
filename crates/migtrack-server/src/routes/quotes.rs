//! `GET /api/quotes`: quotes with speaker, role and provenance; filters `speaker`, `text` (or `q`), `doc`.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::params::RecordParams;
use crate::state::AppState;
use crate::wire::{ErrorBody, Paged, Quote};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Quotes with speaker and provenance
#[utoipa::path(
    get,
    path = "/api/quotes",
    params(RecordParams),
    responses(
        (status = 200, description = "A page of quotes", body = Paged<Quote>),
        (status = 400, description = "bad_request or invalid_date", body = ErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    params: Result<Query<RecordParams>, QueryRejection>,
) -> ApiResult<Json<Paged<Quote>>> {
    super::list(&state, params, |store, filter, page| {
        store.quotes(filter, page)
    })
    .await
}
