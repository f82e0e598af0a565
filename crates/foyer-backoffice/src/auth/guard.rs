//! The one gate of every console page and console API route: who is it
//! (session cookie or API token), may their role do this, and — for a
//! state-changing request from a browser — does it carry the session's CSRF
//! token. Routes are grouped under a prefix per role, and the group's layer
//! is this guard, so no route of a group can be served without it.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::principal::{Principal, Via};
use super::session_cookie;
use crate::db::users::Role;
use crate::db::{api_tokens, sessions};
use crate::error::AppError;
use crate::limits::MAX_BODY_BYTES;
use crate::state::AppState;

/// The state of one group's guard: the app and the role the group needs.
#[derive(Clone)]
pub struct Gate {
    pub app: AppState,
    pub role: Role,
}

/// The CSRF token's header (JavaScript and scripts with a session).
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The CSRF token's form field.
pub const CSRF_FIELD: &str = "csrf";

/// Why the guard refused a request.
enum Refusal {
    NotSignedIn,
    Forbidden,
    BadCsrf,
    Failed(AppError),
}

/// The guard layer of a role, for page and API groups alike.
pub fn gate(state: &AppState, role: Role) -> Gate {
    Gate { app: state.clone(), role }
}

/// Admits a request to its group, or answers for it: a sign-in redirect or
/// 401, 403 for a role that may not, 403 for a missing or wrong CSRF token.
pub async fn guard(State(gate): State<Gate>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    // Where a signed-out browser comes back to after logging in.
    let back = match *request.method() {
        Method::GET => request.uri().path_and_query().map_or("/console", |p| p.as_str()).to_owned(),
        _ => "/console".to_owned(),
    };
    match admit(&gate, request).await {
        Ok(request) => next.run(request).await,
        Err(refusal) => refuse(refusal, api, &back),
    }
}

fn refuse(refusal: Refusal, api: bool, back: &str) -> Response {
    match (refusal, api) {
        (Refusal::Failed(e), _) => e.into_response(),
        (Refusal::NotSignedIn, false) => {
            let next = serde_urlencoded::to_string([("next", back)]).unwrap_or_default();
            Redirect::to(&format!("/console/login?{next}")).into_response()
        }
        (Refusal::NotSignedIn, true) => {
            (StatusCode::UNAUTHORIZED, axum::Json(serde_json::json!({"error": "sign in or send an API token"})))
                .into_response()
        }
        (Refusal::Forbidden, _) => (StatusCode::FORBIDDEN, message(api, "your role may not do this")).into_response(),
        (Refusal::BadCsrf, _) => (
            StatusCode::FORBIDDEN,
            message(api, "the form is out of date or did not come from this console; reload the page and try again"),
        )
            .into_response(),
    }
}

fn message(api: bool, text: &str) -> Response {
    if api {
        axum::Json(serde_json::json!({ "error": text })).into_response()
    } else {
        crate::console::page::error_page(StatusCode::FORBIDDEN, text)
    }
}

async fn admit(gate: &Gate, request: Request) -> Result<Request, Refusal> {
    let principal = identify(gate, request.headers()).await?.ok_or(Refusal::NotSignedIn)?;
    if !principal.user.role.allows(gate.role) {
        return Err(Refusal::Forbidden);
    }
    let safe = matches!(*request.method(), Method::GET | Method::HEAD);
    let mut request = match (&principal.via, safe) {
        (Via::Session { csrf }, false) => check_csrf(request, csrf).await?,
        _ => request,
    };
    request.extensions_mut().insert(principal);
    Ok(request)
}

async fn identify(gate: &Gate, headers: &HeaderMap) -> Result<Option<Principal>, Refusal> {
    if let Some(token) = super::bearer::token(headers) {
        let user = gate.app.db.call(move |c| api_tokens::authenticate(c, &token)).await.map_err(fail)?;
        return Ok(user.map(|(id, user)| Principal { user, via: Via::Token { id } }));
    }
    let Some(cookie) = session_cookie::read(headers) else { return Ok(None) };
    let idle = gate.app.settings.session_idle_secs();
    let session = gate.app.db.call(move |c| sessions::resume(c, &cookie, idle)).await.map_err(fail)?;
    Ok(session.map(|s| Principal { user: s.user, via: Via::Session { csrf: s.csrf } }))
}

fn fail(e: crate::db::DbError) -> Refusal {
    Refusal::Failed(AppError::Db(e))
}

/// Accepts the token from the header, the form body or, for file uploads,
/// the multipart body (each read and put back for the handler); never from
/// the URL, which proxies and browsers record.
async fn check_csrf(request: Request, expected: &str) -> Result<Request, Refusal> {
    if let Some(origin) = request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = request.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        if origin != "null" && origin_host != host {
            return Err(Refusal::BadCsrf);
        }
    }
    let header_token = request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    if let Some(token) = header_token {
        return if same(&token, expected) { Ok(request) } else { Err(Refusal::BadCsrf) };
    }
    let kind = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    if kind.starts_with("multipart/form-data") {
        let (request, token) = super::multipart_csrf::token(request)
            .await
            .map_err(|e| Refusal::Failed(AppError::Invalid(e.to_string())))?;
        return match token {
            Some(token) if same(&token, expected) => Ok(request),
            _ => Err(Refusal::BadCsrf),
        };
    }
    if !kind.starts_with("application/x-www-form-urlencoded") {
        return Err(Refusal::BadCsrf);
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| Refusal::Failed(AppError::Invalid("the form is larger than 1 MiB".into())))?;
    match field(&bytes, CSRF_FIELD) {
        Some(token) if same(&token, expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(Refusal::BadCsrf),
    }
}

fn field(encoded: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(encoded)
        .ok()?
        .into_iter()
        .find_map(|(k, v)| (k == name).then_some(v))
}

/// Compares without stopping at the first difference, so response time
/// does not tell how much of a guessed token was right.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && !b.is_empty() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_equal_only_when_identical_and_non_empty() {
        assert!(same("abc", "abc"));
        assert!(!same("abd", "abc"));
        assert!(!same("ab", "abc"));
        assert!(!same("", ""));
    }

    #[test]
    fn the_csrf_field_is_found_among_others() {
        assert_eq!(field(b"a=1&csrf=x%2By&b=2", CSRF_FIELD).as_deref(), Some("x+y"));
        assert_eq!(field(b"a=1", CSRF_FIELD), None);
    }
}
