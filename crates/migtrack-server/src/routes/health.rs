//! `GET /healthz`: the server is up and the store answers (with its counts).

use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::state::AppState;
use crate::wire::{ErrorBody, Health};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Liveness and store counts
#[utoipa::path(
    get,
    path = "/healthz",
    responses(
        (status = 200, description = "The server is up and the store answers", body = Health),
        (status = 500, description = "internal: the store does not answer", body = ErrorBody),
    )
)]
async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    let writes_enabled = state.writes_enabled();
    let counts = state.read(|store| Ok(store.counts()?)).await?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        writes_enabled,
        counts: counts.into(),
    }))
}
