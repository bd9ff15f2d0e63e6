//! The routes, one file per resource, assembled into one router with JSON fallbacks.

mod assets;
mod claims;
mod dates;
mod documents;
mod events;
mod export;
mod facets;
mod facts;
mod figures;
mod health;
mod openapi;
mod quotes;
mod reviews;
mod search;
mod speakers;
mod status;
mod timeline;

use axum::Router;
use axum::http::{Method, Uri};

use crate::error::ApiError;
use crate::state::AppState;

pub fn all() -> Router<AppState> {
    Router::new()
        .merge(health::routes())
        .merge(facts::routes())
        .merge(events::routes())
        .merge(quotes::routes())
        .merge(claims::routes())
        .merge(figures::routes())
        .merge(dates::routes())
        .merge(timeline::routes())
        .merge(status::routes())
        .merge(documents::routes())
        .merge(search::routes())
        .merge(speakers::routes())
        .merge(export::routes())
        .merge(facets::routes())
        .merge(reviews::routes())
        .merge(openapi::routes())
        .merge(assets::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(format!("no such resource: {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!("{method} is not allowed on {}", uri.path()))
}
