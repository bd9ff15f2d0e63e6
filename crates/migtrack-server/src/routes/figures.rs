//! `GET /api/figures`: figures (value, unit, what they count) with provenance; filters `speaker`, `text` (or `q`), `doc`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::{FigureRow, Paged};

use crate::error::ApiResult;
use crate::params::{RecordParams, query};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/figures", get(list))
}

async fn list(
    State(state): State<AppState>,
    params: Result<Query<RecordParams>, QueryRejection>,
) -> ApiResult<Json<Paged<FigureRow>>> {
    let params = query(params)?;
    let (filter, page) = (params.filter()?, params.page()?);
    Ok(Json(
        state
            .read(move |store| Ok(store.figures(&filter, page)?))
            .await?,
    ))
}
