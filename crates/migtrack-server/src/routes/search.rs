//! `GET /api/search?q=`: full-text search over the documents (SQLite FTS5 in the store; the
//! store takes the text as words, so any text is a valid query).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::params::{page, query};
use crate::state::AppState;
use crate::wire::{ErrorBody, Paged, SearchHit};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// Words that must all appear; `"exact phrase"`, `prefix*` and `OR` between two words keep
    /// their meaning.
    #[param(required = true, example = "compact")]
    q: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    limit: Option<String>,
    /// The `next` of the previous page.
    #[param(value_type = Option<i64>)]
    cursor: Option<String>,
}

/// Full-text search over documents: every word must appear; any text is taken as words
#[utoipa::path(
    get,
    path = "/api/search",
    params(SearchParams),
    responses(
        (status = 200, description = "A page of matching documents, best first among the 1,000 most recently stored matches (the pages end there)", body = Paged<SearchHit>),
        (status = 400, description = "bad_request: no `q`", body = ErrorBody),
    )
)]
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
    let hits = state
        .read(move |store| Ok(store.search(&text, page)?))
        .await?;
    Ok(Json(Paged::of(hits)))
}
