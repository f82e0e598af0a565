//! The API's extractors: axum's `Path`, `Query` and body readers, with every
//! refusal answered as the JSON error body the document promises (axum's own
//! answer is `text/plain`), and a JSON body read only when it is declared
//! `application/json`.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts, HeaderMap};
use serde::de::DeserializeOwned;

use crate::error::{parse_json, AppError};

/// A path parameter; one that cannot be parsed is a 400 naming it.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Self(p.0))
            .map_err(|e| AppError::BadParameter(format!("path: {}", e.body_text())))
    }
}

/// The query string; a value that cannot be parsed is a 400 naming it.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query)
            .map(Self)
            .map_err(|e| AppError::BadParameter(format!("query: {}", crate::limits::capped(&e.to_string(), 300))))
    }
}

/// A JSON body: `Content-Type: application/json` (or `…+json`) required
/// (415 otherwise), not JSON is 400, JSON of the wrong shape is 422.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let declared = is_json(req.headers());
        let body = Bytes::from_request(req, state).await?;
        declared?;
        parse_json(&body).map(Self)
    }
}

/// A JSON body that may be left out: an empty body (whatever its declared
/// type) or JSON `null` is `T::default()`; any other must be JSON, as for
/// [`JsonBody`].
pub struct OptionalJsonBody<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for OptionalJsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let declared = is_json(req.headers());
        let body = Bytes::from_request(req, state).await?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(T::default()));
        }
        declared?;
        parse_json::<Option<T>>(&body).map(|t| Self(t.unwrap_or_default()))
    }
}

/// Whether the request declares a JSON body; the error names what it sent.
pub fn is_json(headers: &HeaderMap) -> Result<(), AppError> {
    let declared = headers.get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap_or("(not text)"));
    let essence = declared.map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
    match essence.as_deref() {
        Some("application/json") => Ok(()),
        Some(t) if t.starts_with("application/") && t.ends_with("+json") => Ok(()),
        _ => Err(AppError::UnsupportedMedia(format!(
            "the body must be JSON with Content-Type: application/json, not {}",
            declared.map_or("none".to_owned(), |d| format!("{:?}", crate::limits::capped(d, 100)))
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(content_type: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(t) = content_type {
            h.insert(header::CONTENT_TYPE, t.parse().unwrap());
        }
        h
    }

    #[test]
    fn json_is_told_by_its_media_type_whatever_the_case_and_parameters() {
        for ok in ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"] {
            assert!(is_json(&headers(Some(ok))).is_ok(), "{ok}");
        }
        for bad in [None, Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("application/jsonx")] {
            let e = is_json(&headers(bad)).unwrap_err();
            assert_eq!(e.status(), axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE, "{bad:?}");
            assert!(e.to_string().contains("application/json"), "{e}");
        }
    }
}
