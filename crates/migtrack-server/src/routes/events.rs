//! `GET /api/events`: extracted events with provenance, filtered like `migtrack events`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::{EventRow, Paged};

use crate::error::ApiResult;
use crate::params::{EventParams, query};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/events", get(list))
}

async fn list(
    State(state): State<AppState>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Paged<EventRow>>> {
    let params = query(params)?;
    let ((filter, ambiguity), page) = (params.filter()?, params.page()?);
    let events = state
        .read(move |store| Ok(store.events(&filter, page)?))
        .await?;
    ambiguity.check(events.items.is_empty(), page)?;
    Ok(Json(events))
}
