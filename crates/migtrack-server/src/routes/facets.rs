//! `GET /api/facets`: the outlets and languages of the stored documents with their document
//! counts, for the page's filter menus.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use migtrack_store::{DocumentFilter, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::params::MAX_LIMIT;
use crate::state::AppState;
use crate::wire::{Facet, Facets};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(facets))
}

/// The outlets and languages of the stored documents, with document counts (for filter menus)
#[utoipa::path(
    get,
    path = "/api/facets",
    responses((status = 200, description = "Outlets and languages, by name", body = Facets))
)]
async fn facets(State(state): State<AppState>) -> ApiResult<Json<Facets>> {
    let (outlets, languages) = state
        .read(|store| {
            let mut outlets = BTreeMap::<String, usize>::new();
            let mut languages = BTreeMap::<String, usize>::new();
            let mut page = Page {
                limit: MAX_LIMIT,
                cursor: None,
            };
            loop {
                let batch = store.documents_where(&DocumentFilter::default(), page)?;
                for doc in batch.items {
                    if let Some(outlet) = doc.outlet.filter(|name| !name.trim().is_empty()) {
                        *outlets.entry(outlet).or_default() += 1;
                    }
                    if let Some(lang) = doc.lang.filter(|name| !name.trim().is_empty()) {
                        *languages.entry(lang).or_default() += 1;
                    }
                }
                match batch.next {
                    Some(next) => page.cursor = Some(next),
                    None => return Ok((outlets, languages)),
                }
            }
        })
        .await?;
    let list = |counts: BTreeMap<String, usize>| {
        counts
            .into_iter()
            .map(|(name, documents)| Facet { name, documents })
            .collect()
    };
    Ok(Json(Facets {
        outlets: list(outlets),
        languages: list(languages),
    }))
}
