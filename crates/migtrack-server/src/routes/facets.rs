//! `GET /api/facets`: the outlets and languages of the stored documents with their document
//! counts, for the page's filter menus.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use migtrack_store::{DocumentFilter, Page};
use serde::Serialize;

use crate::error::ApiResult;
use crate::params::MAX_LIMIT;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/facets", get(facets))
}

#[derive(Debug, Serialize)]
struct Facet {
    name: String,
    documents: usize,
}

#[derive(Debug, Serialize)]
struct Facets {
    outlets: Vec<Facet>,
    languages: Vec<Facet>,
}

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
