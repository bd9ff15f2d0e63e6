//! `GET /api/search?q=`: full-text search over the documents (SQLite FTS5 in the store; the
//! store takes the text as words, so any text is a valid query).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::{Paged, SearchHit};
use serde::Deserialize;

use crate::error::{ApiError, ApiResult};
use crate::params::{page, query};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/search", get(search))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult<Json<Paged<SearchHit>>> {
    let params = query(params)?;
    let text = params.q.as_deref().map(str::trim).unwrap_or("").to_string();
    if text.is_empty() {
        return Err(ApiError::BadRequest("`q` is required".into()));
    }
    let page = page(params.limit.as_deref(), params.cursor.as_deref())?;
    Ok(Json(
        state
            .read(move |store| Ok(store.search(&text, page)?))
            .await?,
    ))
}
