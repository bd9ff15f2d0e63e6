//! `POST /api/reviews` (needs the token): an analyst's verdict on an event, quote or claim,
//! `{"kind": "event", "id": 12, "verdict": "rejected"|"confirmed", "note": "…"}`. The store keeps
//! it by the record's content; a verdict on an event links the facts again, so a rejected event
//! leaves the timeline and the status table at once.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use migtrack_store::{ReviewKind, Verdict};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::wire::{ErrorBody, PostedReview, ReviewResult};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create))
}

/// The longest note kept.
const MAX_NOTE: usize = 2000;

/// Mark an event, quote or claim as wrong (rejected) or right (confirmed); bearer token required. A rejected record leaves lists, facts, the timeline and the status table (include_rejected=true lists it again).
#[utoipa::path(
    post,
    path = "/api/reviews",
    request_body = PostedReview,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review as stored", body = ReviewResult),
        (status = 400, description = "bad_request", body = ErrorBody),
        (status = 401, description = "unauthorized: missing or wrong token", body = ErrorBody),
        (status = 403, description = "write_disabled: no token configured", body = ErrorBody),
        (status = 404, description = "not_found: no such record", body = ErrorBody),
    )
)]
async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<ReviewResult>> {
    let (authorization, body) = state.authorized_body(&headers, body)?;
    let posted: PostedReview = serde_json::from_slice(&body)
        .map_err(|error| ApiError::BadRequest(format!("the review body: {error}")))?;
    let kind = ReviewKind::parse(&posted.kind).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "`kind` must be event, quote or claim, got {:?}",
            posted.kind
        ))
    })?;
    let verdict = Verdict::parse(&posted.verdict).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "`verdict` must be rejected or confirmed, got {:?}",
            posted.verdict
        ))
    })?;
    let note = posted.note;
    if note.as_ref().is_some_and(|note| note.len() > MAX_NOTE) {
        return Err(ApiError::BadRequest(format!(
            "`note` is longer than {MAX_NOTE} bytes"
        )));
    }
    let id = posted.id;
    let review = state
        .write(authorization.as_deref(), move |store| {
            let review = store.review(kind, id, verdict, note.as_deref())?;
            if kind == ReviewKind::Event {
                crate::relink::relink(store)?;
            }
            Ok(review)
        })
        .await?;
    Ok(Json(ReviewResult {
        kind,
        id,
        review: review.into(),
    }))
}
