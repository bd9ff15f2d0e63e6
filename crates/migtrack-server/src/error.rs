//! The one table from API errors to HTTP status and stable snake_case code, and the JSON error
//! body every failure uses: `{"error": {"code": "...", "message": "..."}}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use migtrack_store::StoreError;

use crate::wire::{ErrorBody, ErrorDetail};

/// Everything an API call can fail with. Add a variant here and a row in [`ApiError::table`].
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    InvalidDate(String),
    /// A name (`actor`, `target`) that fits several ids of the domain pack.
    #[error("{message}")]
    AmbiguousName {
        message: String,
        candidates: Vec<Candidate>,
    },
    #[error("a valid `Authorization: Bearer <token>` header is required")]
    Unauthorized,
    #[error("writing is disabled: the server was started without a token")]
    WriteDisabled,
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("{0}")]
    MethodNotAllowed(String),
    /// A `Host` the server does not answer (bound to loopback; DNS rebinding).
    #[error("{0}")]
    HostNotAllowed(String),
    /// The client's `POST` allowance is spent; seconds until the next one.
    #[error("too many POST requests from this address: retry in {0} s")]
    RateLimited(u64),
    /// As many requests as the server handles at once are running.
    #[error("the server is busy with as many requests as it handles at once: retry shortly")]
    Overloaded,
    #[error("{0}")]
    Internal(String),
}

pub type ApiResult<T> = Result<T, ApiError>;

pub use crate::wire::Candidate;

/// Every code of [`ApiError::table`], for the API description (a test checks the two agree).
pub const CODES: [&str; 12] = [
    "bad_request",
    "not_found",
    "invalid_date",
    "ambiguous_name",
    "unauthorized",
    "write_disabled",
    "payload_too_large",
    "method_not_allowed",
    "host_not_allowed",
    "rate_limited",
    "overloaded",
    "internal",
];

impl ApiError {
    /// The one table: error → (status, code). Codes are a stable part of the API.
    pub fn table(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::InvalidDate(_) => (StatusCode::BAD_REQUEST, "invalid_date"),
            ApiError::AmbiguousName { .. } => (StatusCode::BAD_REQUEST, "ambiguous_name"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::WriteDisabled => (StatusCode::FORBIDDEN, "write_disabled"),
            ApiError::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            ApiError::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::HostNotAllowed(_) => (StatusCode::MISDIRECTED_REQUEST, "host_not_allowed"),
            ApiError::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            ApiError::Overloaded => (StatusCode::SERVICE_UNAVAILABLE, "overloaded"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    pub fn code(&self) -> &'static str {
        self.table().1
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(what) => ApiError::NotFound(format!("not found: {what}")),
            StoreError::InvalidQuery(message) => ApiError::BadRequest(message),
            StoreError::ReadOnly => ApiError::WriteDisabled,
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.table();
        let message = match &self {
            // Details of internal failures go to the log, not to the client.
            ApiError::Internal(detail) => {
                tracing::error!(code, detail = %detail, "request failed inside the server");
                "internal server error".to_string()
            }
            other => other.to_string(),
        };
        let candidates = match self {
            ApiError::AmbiguousName { candidates, .. } => Some(candidates),
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message,
                candidates,
            },
        };
        (status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_maps_to_its_status_and_code() {
        let cases = [
            (ApiError::BadRequest("x".into()), 400, "bad_request"),
            (ApiError::NotFound("x".into()), 404, "not_found"),
            (ApiError::InvalidDate("x".into()), 400, "invalid_date"),
            (
                ApiError::AmbiguousName {
                    message: "x".into(),
                    candidates: Vec::new(),
                },
                400,
                "ambiguous_name",
            ),
            (ApiError::Unauthorized, 401, "unauthorized"),
            (ApiError::WriteDisabled, 403, "write_disabled"),
            (ApiError::PayloadTooLarge(10), 413, "payload_too_large"),
            (
                ApiError::MethodNotAllowed("x".into()),
                405,
                "method_not_allowed",
            ),
            (
                ApiError::HostNotAllowed("x".into()),
                421,
                "host_not_allowed",
            ),
            (ApiError::RateLimited(1), 429, "rate_limited"),
            (ApiError::Overloaded, 503, "overloaded"),
            (ApiError::Internal("x".into()), 500, "internal"),
        ];
        assert_eq!(cases.len(), CODES.len(), "one case per code");
        for (error, status, code) in cases {
            assert_eq!(error.table(), (StatusCode::from_u16(status).unwrap(), code));
            assert!(CODES.contains(&code), "{code} is not in CODES");
        }
    }

    #[test]
    fn store_errors_map_to_api_codes() {
        let cases = [
            (StoreError::NotFound("document 9".into()), "not_found"),
            (StoreError::InvalidQuery("bad fts".into()), "bad_request"),
            (StoreError::ReadOnly, "write_disabled"),
        ];
        for (error, code) in cases {
            assert_eq!(ApiError::from(error).code(), code);
        }
    }
}
