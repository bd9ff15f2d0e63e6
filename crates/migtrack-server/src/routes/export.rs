//! `GET /api/export?kind=…&format=csv|json|jsonl`: one table of `migtrack-export` (the columns of
//! `migtrack export --kind`) for the rows the list filters keep, as a download. The page's
//! download buttons call it with the filters of the view on screen.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use migtrack_export::{Filters, Kind};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::params::{DocumentParams, EventParams, RecordParams, query};
use crate::state::AppState;
use crate::wire::{ActionName, ErrorBody, ExportKindName};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export))
}

/// The table, the format, and every filter a list takes (each applies where the table has
/// the field, as in the lists).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct ExportParams {
    /// The table.
    #[param(value_type = Option<ExportKindName>, required = true, example = "quotes")]
    kind: Option<String>,
    /// `csv` (default), `json` (one array) or `jsonl` (one object a line).
    format: Option<String>,
    /// As in `GET /api/events`.
    actor: Option<String>,
    #[param(value_type = Option<ActionName>)]
    action: Option<String>,
    target: Option<String>,
    /// As in `GET /api/quotes`.
    speaker: Option<String>,
    text: Option<String>,
    q: Option<String>,
    #[param(value_type = Option<i64>)]
    doc: Option<String>,
    outlet: Option<String>,
    lang: Option<String>,
    since: Option<String>,
    until: Option<String>,
    #[param(value_type = Option<bool>)]
    include_rejected: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Jsonl,
}

impl ExportParams {
    fn filters(&self) -> ApiResult<Filters> {
        let (events, _ambiguity) = EventParams {
            actor: self.actor.clone(),
            action: self.action.clone(),
            target: self.target.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            doc: self.doc.clone(),
            outlet: self.outlet.clone(),
            lang: self.lang.clone(),
            include_rejected: self.include_rejected.clone(),
            ..EventParams::default()
        }
        .filter()?;
        let records = RecordParams {
            speaker: self.speaker.clone(),
            text: self.text.clone(),
            q: self.q.clone(),
            doc: self.doc.clone(),
            outlet: self.outlet.clone(),
            lang: self.lang.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            include_rejected: self.include_rejected.clone(),
            ..RecordParams::default()
        }
        .filter()?;
        let documents = DocumentParams {
            outlet: self.outlet.clone(),
            lang: self.lang.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            ..DocumentParams::default()
        }
        .filter()?;
        Ok(Filters {
            events,
            records,
            documents,
        })
    }
}

/// One table of `migtrack export --kind` (named columns: the record's fields, its document, sentence and span) for the rows the list filters keep, as a download
#[utoipa::path(
    get,
    path = "/api/export",
    params(ExportParams),
    responses(
        (status = 200, description = "The table as a download", content(
            (String = "text/csv"),
            (String = "application/json"),
            (String = "application/x-ndjson"),
        )),
        (status = 400, description = "bad_request, invalid_date", body = ErrorBody),
    )
)]
async fn export(
    State(state): State<AppState>,
    params: Result<Query<ExportParams>, QueryRejection>,
) -> ApiResult<Response> {
    let params = query(params)?;
    let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.as_str()).collect();
    let kind_name = params.kind.as_deref().map(str::trim).unwrap_or("");
    let kind = Kind::parse(kind_name).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "`kind` must be one of {}, got {kind_name:?}",
            names.join(", ")
        ))
    })?;
    let format = match params.format.as_deref().map(str::trim).unwrap_or("csv") {
        "csv" => Format::Csv,
        "json" => Format::Json,
        "jsonl" => Format::Jsonl,
        other => {
            return Err(ApiError::BadRequest(format!(
                "`format` must be csv, json or jsonl, got {other:?}"
            )));
        }
    };
    let filters = params.filters()?;
    let body = state
        .read(move |store| {
            let mut out = Vec::new();
            let written = match format {
                Format::Csv => migtrack_export::write_csv(store, kind, &filters, &mut out),
                Format::Json | Format::Jsonl => migtrack_export::write_json(
                    store,
                    &[kind],
                    &filters,
                    format == Format::Json,
                    false,
                    &mut out,
                ),
            };
            written.map_err(|error| match error {
                migtrack_export::ExportError::Store(error) => ApiError::from(error),
                other => ApiError::Internal(other.to_string()),
            })?;
            Ok(out)
        })
        .await?;
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Json => ("application/json", "json"),
        Format::Jsonl => ("application/x-ndjson", "jsonl"),
    };
    let disposition = format!(
        "attachment; filename=\"migtrack-{}.{extension}\"",
        kind.as_str()
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
