//! The CSRF token of a file upload: a hidden `csrf` field in the multipart
//! body, never the URL (URLs end up in proxy logs, browser history and
//! `Referer` headers). The guard reads the body once, bounded, and hands
//! the same bytes on to the handler.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};

use crate::limits::MAX_BODY_BYTES;

/// Why the body could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the upload is larger than 1 MiB; send it in parts")]
    TooLarge,
}

/// The request with its body buffered, and the `csrf` field if it has one.
pub async fn token(request: Request) -> Result<(Request, Option<String>), UploadError> {
    let (parts, body) = request.into_parts();
    let bytes: Bytes = to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| UploadError::TooLarge)?;
    let copy = Request::from_parts(parts.clone(), Body::from(bytes.clone()));
    let mut found = None;
    if let Ok(mut multipart) = Multipart::from_request(copy, &()).await {
        // Bounded by the body: every field consumes some of its bytes.
        while let Ok(Some(field)) = multipart.next_field().await {
            if field.name() == Some(super::guard::CSRF_FIELD) {
                found = field.text().await.ok();
                break;
            }
        }
    }
    Ok((Request::from_parts(parts, Body::from(bytes)), found))
}
