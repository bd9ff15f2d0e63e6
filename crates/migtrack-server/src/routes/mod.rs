//! The routes, one file per resource, assembled into one router with JSON fallbacks. Each API
//! handler carries its `#[utoipa::path]`, and the router registers it through utoipa-axum, so
//! a route and its entry in the OpenAPI document ([`openapi`]) are written once.

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

use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::{Method, Uri};
use axum::{Json, Router};
use migtrack_store::{Page, Store};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

use crate::error::{ApiError, ApiResult};
use crate::params::{ListParams, query};
use crate::state::AppState;
use crate::wire;

/// The document's fixed parts; paths and schemas come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "migtrack API",
        description = "Migration-policy records (events, quotes, claims, figures, dates), linked \
facts and their sources. Errors are always `{\"error\": {\"code\", \"message\"}}` with a stable \
snake_case code. Lists are `{\"items\", \"next\"}`; pass `next` back as `cursor`. A server \
listening on loopback answers only requests whose Host is localhost, 127.0.0.1, [::1] or a name \
given with `--allow-host`; any other Host gets 421 `host_not_allowed` (against DNS rebinding). \
Past the number of requests handled at once the answer is 503 `overloaded`; past a client's POST \
allowance, 429 `rate_limited`; both with `Retry-After`."
    ),
    modifiers(&BearerToken)
)]
struct ApiDoc;

/// The `bearer` security scheme the write routes name.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API routes with their description.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
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
}

/// The OpenAPI document of every API route.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().into_openapi()
}

pub fn all() -> Router<AppState> {
    let (router, _) = api().split_for_parts();
    router
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

/// The one list handler behind every paged list: the query string's filter and page, one
/// store call (`fetch`), an `ambiguous_name` error for an empty first page asked by a name that
/// fits several ids, and each row in its wire shape.
async fn list<P, Row, Wire, F>(
    state: &AppState,
    params: Result<Query<P>, QueryRejection>,
    fetch: F,
) -> ApiResult<Json<wire::Paged<Wire>>>
where
    P: ListParams,
    Row: Send + 'static,
    Wire: From<Row>,
    F: FnOnce(&dyn Store, &P::Filter, Page) -> migtrack_store::Result<migtrack_store::Paged<Row>>
        + Send
        + 'static,
{
    let params = query(params)?;
    let ((filter, ambiguity), page) = (params.list_filter()?, params.page()?);
    let rows = state
        .read(move |store| Ok(fetch(store, &filter, page)?))
        .await?;
    ambiguity.check(rows.items.is_empty(), page)?;
    Ok(Json(wire::Paged::of(rows)))
}
