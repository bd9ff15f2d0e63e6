//! `GET /api/openapi.json`: the hand-written OpenAPI 3 description of this API (checked against
//! real responses by `tests/api.rs`).

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

/// The document, embedded from `openapi.json` in the crate root.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(document))
}

async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_openapi_document_is_valid_json_of_version_3() {
        let document: serde_json::Value = serde_json::from_str(super::OPENAPI_JSON).unwrap();
        let version = document["openapi"].as_str().unwrap_or("");
        assert!(version.starts_with("3."), "openapi {version}");
        assert!(
            document["paths"]
                .as_object()
                .is_some_and(|paths| !paths.is_empty())
        );
    }
}
