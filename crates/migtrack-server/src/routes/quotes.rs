//! `GET /api/quotes`: quotes with speaker, role and provenance; filters `speaker`, `text` (or `q`), `doc`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::{Paged, QuoteRow};

use crate::error::ApiResult;
use crate::params::{RecordParams, query};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/quotes", get(list))
}

async fn list(
    State(state): State<AppState>,
    params: Result<Query<RecordParams>, QueryRejection>,
) -> ApiResult<Json<Paged<QuoteRow>>> {
    let params = query(params)?;
    let (filter, page) = (params.filter()?, params.page()?);
    Ok(Json(
        state
            .read(move |store| Ok(store.quotes(&filter, page)?))
            .await?,
    ))
}
