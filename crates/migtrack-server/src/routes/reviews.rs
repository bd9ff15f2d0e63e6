//! `POST /api/reviews` (needs the token): an analyst's verdict on an event, quote or claim,
//! `{"kind": "event", "id": 12, "verdict": "rejected"|"confirmed", "note": "…"}`. The store keeps
//! it by the record's content; a verdict on an event links the facts again, so a rejected event
//! leaves the timeline and the status table at once.

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use migtrack_store::{Review, ReviewKind, Verdict};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/reviews", post(create))
}

/// The longest note kept.
const MAX_NOTE: usize = 2000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedReview {
    kind: String,
    id: i64,
    verdict: String,
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct ReviewResponse {
    kind: ReviewKind,
    id: i64,
    #[serde(flatten)]
    review: Review,
}

async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<ReviewResponse>> {
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
    Ok(Json(ReviewResponse { kind, id, review }))
}
