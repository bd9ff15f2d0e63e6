//! `GET /healthz`: the server is up and the store answers (with its counts).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::error::ApiResult;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

async fn health(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let writes_enabled = state.writes_enabled();
    let counts = state.read(|store| Ok(store.counts()?)).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "writes_enabled": writes_enabled,
        "counts": counts,
    })))
}
