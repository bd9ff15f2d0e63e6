//! `GET /api/speakers`: quote speakers resolved across documents ("Haley" = "Nikki Haley"),
//! with their quote counts, roles and the state or body they speak for.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use migtrack_pipeline::people::{Speaker, select, speakers_counted};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::params::query;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/speakers", get(list))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerParams {
    /// `true`: people only (no bodies, documents or unnamed roles).
    people: Option<String>,
    /// Name or variant contains this (case-insensitive).
    name: Option<String>,
}

#[derive(Debug, Serialize)]
struct SpeakerList {
    items: Vec<Speaker>,
}

async fn list(
    State(state): State<AppState>,
    params: Result<Query<SpeakerParams>, QueryRejection>,
) -> ApiResult<Json<SpeakerList>> {
    let params = query(params)?;
    let people_only = match params.people.as_deref() {
        None | Some("" | "false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`people` must be true or false, got {other:?}"
            )));
        }
    };
    let name = params.name;
    let mentions = state.read(move |store| Ok(store.speaker_counts()?)).await?;
    let items = select(speakers_counted(&mentions), people_only, name.as_deref());
    Ok(Json(SpeakerList { items }))
}
