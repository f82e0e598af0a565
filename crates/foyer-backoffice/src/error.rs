//! The errors of the HTTP boundary, mapped to status codes in one place.

use axum::extract::rejection::BytesRejection;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::db::DbError;
pub use foyer_wire::ErrorBody;

/// Why a request was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("a valid kiosk bearer token is required")]
    Unauthorized,
    /// The body is not JSON at all (400).
    #[error("malformed request body: {0}")]
    Malformed(String),
    /// A path or query value that cannot be parsed (400).
    #[error("{0}")]
    BadParameter(String),
    /// A body that is not declared as the JSON it must be (415).
    #[error("{0}")]
    UnsupportedMedia(String),
    /// Well-formed JSON that does not describe a valid request (422).
    #[error("{0}")]
    Invalid(String),
    /// The body could not be read: too large (413) or cut off.
    #[error(transparent)]
    Body(#[from] BytesRejection),
    #[error("{0}")]
    NotFound(String),
    /// One event of a batch is malformed (422), naming the event and field.
    #[error("{message}")]
    EventInvalid { event_id: uuid::Uuid, message: String },
    #[error(transparent)]
    Db(#[from] DbError),
    /// A template failed: our bug, never the caller's (500, cause logged).
    #[error("rendering {what}: {source}")]
    Render { what: &'static str, source: askama::Error },
}

impl AppError {
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Malformed(_) | Self::BadParameter(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMedia(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Db(DbError::Missing(_)) => StatusCode::NOT_FOUND,
            Self::Db(DbError::Conflict(_)) => StatusCode::CONFLICT,
            Self::Invalid(_) | Self::EventInvalid { .. } | Self::Db(DbError::Refused(_)) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::Db(DbError::EventRefused { out_of_scope: true, .. }) => StatusCode::FORBIDDEN,
            Self::Db(DbError::EventRefused { .. }) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Body(r) => r.status(),
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Db(_) | Self::Render { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = if status.is_server_error() {
            // The cause goes to the log; the client learns only that it failed.
            tracing::error!(error = %self, "request failed");
            "internal error; see the back-office log".to_owned()
        } else {
            self.to_string()
        };
        let refused_event = match &self {
            Self::EventInvalid { event_id, .. } | Self::Db(DbError::EventRefused { event_id, .. }) => Some(*event_id),
            _ => None,
        };
        let mut response = (status, Json(ErrorBody { error: message, refused_event })).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Parses a JSON body, telling "not JSON" (400) from "wrong JSON" (422).
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => AppError::Invalid(e.to_string()),
        _ => AppError::Malformed(e.to_string()),
    })
}
