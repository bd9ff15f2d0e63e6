//! `GET /api/facts` (linked facts, filtered like events) and `GET /api/facts/{id}` (one fact
//! with the events behind it, each with its provenance: the sources of a status cell).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use migtrack_store::{EventFilter, EventRow, Fact, Page, Store, Term};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::params::{EventParams, MAX_LIMIT};
use crate::state::AppState;
use crate::wire::{self, ErrorBody, FactDetail, Paged};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(one))
}

/// Linked facts (events merged across documents) with their sources
#[utoipa::path(
    get,
    path = "/api/facts",
    params(EventParams),
    responses(
        (status = 200, description = "A page of facts", body = Paged<wire::Fact>),
        (status = 400, description = "bad_request, invalid_date or ambiguous_name", body = ErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Paged<wire::Fact>>> {
    super::list(&state, params, |store, filter, page| {
        store.facts(filter, page)
    })
    .await
}

/// One fact with the events (and provenance) behind it
#[utoipa::path(
    get,
    path = "/api/facts/{id}",
    params(("id" = i64, Path, description = "The fact's id")),
    responses(
        (status = 200, description = "The fact and all its events", body = FactDetail),
        (status = 400, description = "bad_request: the id is not an integer", body = ErrorBody),
        (status = 404, description = "not_found", body = ErrorBody),
    )
)]
async fn one(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<FactDetail>> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("fact id must be an integer, got {id:?}")))?;
    let (fact, events) = state
        .read(move |store| {
            let fact = store.fact(id)?;
            let events = events_of(store, &fact)?;
            Ok((fact, events))
        })
        .await?;
    Ok(Json(FactDetail {
        fact: fact.into(),
        events: events.into_iter().map(wire::Event::from).collect(),
    }))
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
