//! `GET /api/speakers`: quote speakers resolved across documents ("Haley" = "Nikki Haley"),
//! with their quote counts, roles and the state or body they speak for.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use migtrack_pipeline::people::{select, speakers_counted};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::params::query;
use crate::state::AppState;
use crate::wire::{ErrorBody, Speaker, SpeakerList};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct SpeakerParams {
    /// `true`: people only (no bodies, documents or unnamed roles).
    #[param(value_type = Option<bool>)]
    people: Option<String>,
    /// Name or variant contains this (case-insensitive).
    name: Option<String>,
}

/// Quote speakers resolved across documents ("Haley" = "Nikki Haley"), with quote counts, roles and the state or body they speak for
#[utoipa::path(
    get,
    path = "/api/speakers",
    params(SpeakerParams),
    responses(
        (status = 200, description = "Every speaker the filters keep", body = SpeakerList),
        (status = 400, description = "bad_request", body = ErrorBody),
    )
)]
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
    let items = select(speakers_counted(&mentions), people_only, name.as_deref())
        .into_iter()
        .map(Speaker::from)
        .collect();
    Ok(Json(SpeakerList { items }))
}
