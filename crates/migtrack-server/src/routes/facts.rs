//! `GET /api/facts` (linked facts, filtered like events) and `GET /api/facts/{id}` (one fact
//! with the events behind it, each with its provenance: the sources of a status cell).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::{EventFilter, EventRow, Fact, Page, Paged, Store, Term};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::params::{EventParams, MAX_LIMIT, query};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/facts", get(list))
        .route("/api/facts/{id}", get(one))
}

async fn list(
    State(state): State<AppState>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Paged<Fact>>> {
    let params = query(params)?;
    let ((filter, ambiguity), page) = (params.filter()?, params.page()?);
    let facts = state
        .read(move |store| Ok(store.facts(&filter, page)?))
        .await?;
    ambiguity.check(facts.items.is_empty(), page)?;
    Ok(Json(facts))
}

#[derive(Serialize)]
struct FactDetail {
    #[serde(flatten)]
    fact: Fact,
    /// The events merged into the fact, with the document and span each came from.
    events: Vec<EventRow>,
}

async fn one(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<FactDetail>> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("fact id must be an integer, got {id:?}")))?;
    let detail = state
        .read(move |store| {
            let fact = store.fact(id)?;
            let events = events_of(store, &fact)?;
            Ok(FactDetail { fact, events })
        })
        .await?;
    Ok(Json(detail))
}

/// The stored events whose ids the fact lists (looked up by its actor, action and target).
pub fn events_of(store: &dyn Store, fact: &Fact) -> ApiResult<Vec<EventRow>> {
    let filter = EventFilter {
        actor: Some(Term::Exact(fact.actor.clone())),
        action: Some(fact.action.as_str().to_string()),
        target: Some(Term::Exact(fact.target.clone())),
        ..EventFilter::default()
    };
    let mut found = Vec::new();
    let mut page = Page {
        limit: MAX_LIMIT,
        cursor: None,
    };
    loop {
        let batch = store.events(&filter, page)?;
        found.extend(
            batch
                .items
                .into_iter()
                .filter(|row| fact.event_ids.contains(&row.id)),
        );
        match batch.next {
            Some(next) if found.len() < fact.event_ids.len() => page.cursor = Some(next),
            _ => break,
        }
    }
    found.sort_by_key(|row| {
        fact.event_ids
            .iter()
            .position(|id| *id == row.id)
            .unwrap_or(usize::MAX)
    });
    Ok(found)
}
