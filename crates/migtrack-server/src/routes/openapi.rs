//! `GET /api/openapi.json`: the OpenAPI description of this API, generated from the handlers'
//! `#[utoipa::path]` and the wire types (checked against real responses by `tests/api`).

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document))
}

/// An OpenAPI document (the schema of this route's answer).
#[derive(ToSchema)]
#[allow(
    dead_code,
    reason = "describes the document utoipa writes; never built"
)]
struct ApiDescription {
    /// The OpenAPI version.
    openapi: String,
    info: serde_json::Value,
    paths: serde_json::Value,
    components: serde_json::Value,
}

/// The document as JSON, made once.
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        super::openapi()
            .to_pretty_json()
            .unwrap_or_else(|error| format!(r#"{{"error": "{error}"}}"#))
    })
}

/// This document
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    responses((status = 200, description = "The OpenAPI document", body = ApiDescription))
)]
async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_openapi_document_is_valid_json_of_version_3() {
        let document: serde_json::Value = serde_json::from_str(super::json()).unwrap();
        let version = document["openapi"].as_str().unwrap_or("");
        assert!(version.starts_with("3."), "openapi {version}");
        assert!(
            document["paths"]
                .as_object()
                .is_some_and(|paths| !paths.is_empty())
        );
    }
}
