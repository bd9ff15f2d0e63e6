//! `GET /api/dates`: date mentions with their normalised value and provenance; filters `speaker`, `text` (or `q`), `doc`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::{DateRow, Paged};

use crate::error::ApiResult;
use crate::params::{RecordParams, query};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/dates", get(list))
}

async fn list(
    State(state): State<AppState>,
    params: Result<Query<RecordParams>, QueryRejection>,
) -> ApiResult<Json<Paged<DateRow>>> {
    let params = query(params)?;
    let (filter, page) = (params.filter()?, params.page()?);
    Ok(Json(
        state
            .read(move |store| Ok(store.dates(&filter, page)?))
            .await?,
    ))
}
