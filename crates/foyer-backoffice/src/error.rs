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
/// A whole number written with a fraction (`30.0`) is a JSON Schema
/// `integer` and is read as one; serde alone refuses it.
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(body).or_else(|e| match e.classify() {
        serde_json::error::Category::Data => {
            let whole = serde_json::from_slice(body).ok().and_then(|mut v| whole_numbers(&mut v).then_some(v));
            whole.and_then(|v| serde_json::from_value(v).ok()).ok_or_else(|| AppError::Invalid(e.to_string()))
        }
        _ => Err(AppError::Malformed(e.to_string())),
    })
}

/// Rewrites every integral float of `v` (`30.0`) as an integer; whether any was.
fn whole_numbers(v: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            let whole = f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15;
            if whole {
                *v = Value::from(f as i64);
            }
            whole
        }
        Value::Array(items) => items.iter_mut().fold(false, |any, i| whole_numbers(i) | any),
        Value::Object(map) => map.values_mut().fold(false, |any, i| whole_numbers(i) | any),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Days {
        days: u32,
    }

    #[test]
    fn a_whole_number_with_a_fraction_is_an_integer_and_a_real_fraction_is_refused() {
        assert_eq!(parse_json::<Days>(br#"{"days": 497.0}"#).unwrap(), Days { days: 497 });
        assert_eq!(parse_json::<Days>(br#"{"days": 4.97e2}"#).unwrap(), Days { days: 497 });
        let e = parse_json::<Days>(br#"{"days": 497.5}"#).unwrap_err();
        assert!(matches!(&e, AppError::Invalid(m) if m.contains("line 1")), "{e}");
        assert!(matches!(parse_json::<Days>(b"{days"), Err(AppError::Malformed(_))));
    }
}
