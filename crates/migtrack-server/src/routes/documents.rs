//! `GET /api/documents` (list), `GET /api/documents/{id}` (cleaned text plus every record with
//! its span) and `POST /api/documents` (ingest one document or an array; needs the token).

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use migtrack_model::{ContentKind, DocMeta, RawDocument};
use migtrack_store::PutOutcome;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::params::{DocumentParams, parse_date};
use crate::state::AppState;
use crate::wire::{
    DocumentSummary, DocumentView, ErrorBody, Outcome, OutcomeItem, Paged, PostResult,
    PostedDocument, PostedDocuments,
};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(one))
}

/// Stored documents (no text)
#[utoipa::path(
    get,
    path = "/api/documents",
    params(DocumentParams),
    responses(
        (status = 200, description = "A page of documents", body = Paged<DocumentSummary>),
        (status = 400, description = "bad_request or invalid_date", body = ErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    params: Result<Query<DocumentParams>, QueryRejection>,
) -> ApiResult<Json<Paged<DocumentSummary>>> {
    super::list(&state, params, |store, filter, page| {
        store.documents_where(filter, page)
    })
    .await
}

/// A document's cleaned text and every record with its span
#[utoipa::path(
    get,
    path = "/api/documents/{id}",
    params(("id" = i64, Path, description = "The document's id")),
    responses(
        (status = 200, description = "The document", body = DocumentView),
        (status = 400, description = "bad_request: the id is not an integer", body = ErrorBody),
        (status = 404, description = "not_found", body = ErrorBody),
    )
)]
async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<DocumentView>> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("document id must be an integer, got {id:?}")))?;
    let view = state.read(move |store| Ok(store.document(id)?)).await?;
    Ok(Json(view.into()))
}

/// Ingest documents (bearer token required)
#[utoipa::path(
    post,
    path = "/api/documents",
    request_body = PostedDocuments,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "At least one new document stored", body = PostResult),
        (status = 200, description = "Nothing new (duplicates or errors)", body = PostResult),
        (status = 400, description = "bad_request or invalid_date", body = ErrorBody),
        (status = 401, description = "unauthorized: missing or wrong token", body = ErrorBody),
        (status = 403, description = "write_disabled: no token configured", body = ErrorBody),
        (status = 413, description = "payload_too_large", body = ErrorBody),
    )
)]
async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<(StatusCode, Json<PostResult>)> {
    let (authorization, body) = state.authorized_body(&headers, body)?;
    let raws = parse_body(&body)?;
    let response = state
        .write(authorization.as_deref(), move |store| {
            let pack = migtrack_domain::Pack::builtin();
            let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(raws.len());
            let mut batch = Vec::new();
            let mut batch_index = Vec::new();
            for (index, (raw, published)) in raws.iter().enumerate() {
                // A panic in one document is that document's error, not a failed request.
                let settings = migtrack_pipeline::Settings::published(*published);
                let processed = migtrack_pipeline::guard(|| {
                    migtrack_pipeline::process(raw, pack, &settings).map_err(|e| e.to_string())
                })
                .and_then(|result| result);
                match processed {
                    Ok(processed) => {
                        batch_index.push(index);
                        batch.push(processed);
                        outcomes.push(None);
                    }
                    Err(message) => outcomes.push(Some(Outcome::Error { message })),
                }
            }
            let stored = if batch.is_empty() {
                Vec::new()
            } else {
                store.put_batch(&batch)?
            };
            for (index, put) in batch_index.into_iter().zip(stored) {
                outcomes[index] = Some(match put {
                    PutOutcome::New {
                        doc_id,
                        story_id,
                        joined_story,
                    } => Outcome::New {
                        doc_id,
                        story_id,
                        joined_story,
                    },
                    PutOutcome::Duplicate { doc_id } => Outcome::Duplicate { doc_id },
                });
            }
            let new_doc_ids: Vec<i64> = outcomes
                .iter()
                .filter_map(|outcome| match outcome {
                    Some(Outcome::New { doc_id, .. }) => Some(*doc_id),
                    _ => None,
                })
                .collect();
            crate::relink::relink_documents(store, &new_doc_ids)?;
            let items: Vec<OutcomeItem> = raws
                .iter()
                .zip(outcomes)
                .enumerate()
                .map(|(index, ((raw, _), outcome))| OutcomeItem {
                    index,
                    source: raw.source.clone(),
                    outcome: outcome.unwrap_or(Outcome::Error {
                        message: "the store returned no outcome for this document".into(),
                    }),
                })
                .collect();
            let count = |wanted: fn(&Outcome) -> bool| {
                items.iter().filter(|item| wanted(&item.outcome)).count()
            };
            Ok(PostResult {
                new: count(|outcome| matches!(outcome, Outcome::New { .. })),
                duplicate: count(|outcome| matches!(outcome, Outcome::Duplicate { .. })),
                error: count(|outcome| matches!(outcome, Outcome::Error { .. })),
                items,
            })
        })
        .await?;
    let status = if response.new > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(response)))
}

/// The posted JSON (an object or an array of objects) as raw documents, all validated before
/// any is processed.
fn parse_body(body: &[u8]) -> ApiResult<Vec<(RawDocument, Option<chrono::NaiveDate>)>> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|error| ApiError::BadRequest(format!("the body is not JSON: {error}")))?;
    let values = match value {
        Value::Array(values) => values,
        object @ Value::Object(_) => vec![object],
        _ => {
            return Err(ApiError::BadRequest(
                "the body must be a document object or an array of them".into(),
            ));
        }
    };
    if values.is_empty() {
        return Err(ApiError::BadRequest("the array holds no document".into()));
    }
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let posted: PostedDocument = serde_json::from_value(value)
                .map_err(|error| ApiError::BadRequest(format!("document {index}: {error}")))?;
            raw_document(index, posted)
        })
        .collect()
}

fn raw_document(
    index: usize,
    posted: PostedDocument,
) -> ApiResult<(RawDocument, Option<chrono::NaiveDate>)> {
    let (bytes, kind) = match (posted.text, posted.html) {
        (Some(text), None) => (text.into_bytes(), ContentKind::Text),
        (None, Some(html)) => (html.into_bytes(), ContentKind::Html),
        _ => {
            return Err(ApiError::BadRequest(format!(
                "document {index}: give exactly one of `text` or `html`"
            )));
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(format!(
            "document {index}: the body is empty"
        )));
    }
    let published = parse_date("published", posted.published.as_deref())
        .map_err(|error| ApiError::InvalidDate(format!("document {index}: {error}")))?;
    let non_empty = |value: Option<String>| value.filter(|text| !text.trim().is_empty());
    let url = non_empty(posted.url);
    let source = non_empty(posted.source)
        .or_else(|| url.clone())
        .unwrap_or_else(|| format!("api:{:016x}", fnv1a(&bytes)));
    let raw = RawDocument {
        source,
        bytes,
        kind,
        meta: DocMeta {
            url,
            title: non_empty(posted.title),
            published,
            outlet: non_empty(posted.outlet),
            lang: non_empty(posted.lang),
        },
    };
    Ok((raw, published))
}

/// A stable name for a posted body without a source or URL.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posted_bodies_become_raw_documents_or_bad_requests() {
        let cases: [(&str, Result<usize, &str>); 9] = [
            (r#"{"text": "Hello."}"#, Ok(1)),
            (
                r#"[{"text": "A."}, {"html": "<p>B.</p>", "url": "https://x.test/b"}]"#,
                Ok(2),
            ),
            (r#"{"text": "A.", "html": "<p>B</p>"}"#, Err("bad_request")),
            (r#"{"title": "no body"}"#, Err("bad_request")),
            (r#"{"text": "A.", "colour": "red"}"#, Err("bad_request")),
            (
                r#"{"text": "A.", "published": "yesterday"}"#,
                Err("invalid_date"),
            ),
            (r#"[]"#, Err("bad_request")),
            (r#""text""#, Err("bad_request")),
            (r#"{"text": "   "}"#, Err("bad_request")),
        ];
        for (body, expected) in cases {
            let got = parse_body(body.as_bytes())
                .map(|raws| raws.len())
                .map_err(|error| error.code());
            assert_eq!(got, expected, "{body}");
        }
    }

    #[test]
    fn posted_metadata_is_kept_and_the_source_defaults_to_the_url() {
        let body = r#"{"html": "<p>x</p>", "url": "https://news.test/a", "title": "T",
                       "published": "2018-12-10", "outlet": "News", "lang": "en"}"#;
        let raws = parse_body(body.as_bytes()).unwrap();
        let (raw, published) = &raws[0];
        assert_eq!(raw.source, "https://news.test/a");
        assert_eq!(raw.kind, ContentKind::Html);
        assert_eq!(raw.meta.outlet.as_deref(), Some("News"));
        assert_eq!(
            published.map(|date| date.to_string()).as_deref(),
            Some("2018-12-10")
        );
        let raws = parse_body(br#"{"text": "same"}"#).unwrap();
        let again = parse_body(br#"{"text": "same"}"#).unwrap();
        assert!(raws[0].0.source.starts_with("api:"));
        assert_eq!(raws[0].0.source, again[0].0.source);
    }
}
