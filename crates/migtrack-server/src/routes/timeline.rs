//! `GET /api/timeline`: linked facts placed on a time axis (filters as for events).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::Paged;

use crate::error::ApiResult;
use crate::params::{EventParams, query};
use crate::state::AppState;
use crate::views::{TimelineItem, timeline_item};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/timeline", get(list))
}

async fn list(
    State(state): State<AppState>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Paged<TimelineItem>>> {
    let params = query(params)?;
    let ((filter, ambiguity), page) = (params.filter()?, params.page()?);
    let facts = state
        .read(move |store| Ok(store.facts(&filter, page)?))
        .await?;
    ambiguity.check(facts.items.is_empty(), page)?;
    Ok(Json(Paged {
        items: facts.items.iter().map(timeline_item).collect(),
        next: facts.next,
    }))
}
