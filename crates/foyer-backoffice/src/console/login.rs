//! Logging in and out. A wrong password, an unknown name and a disabled
//! user get the same answer; repeated failures make the next attempt wait
//! (`service::login`); every checked outcome is in the audit log. The login form itself is
//! protected by a double-submit token (a cookie and a field that must match)
//! so no other site can log a browser in under its own account.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use super::page::{error_page, render, PageError};
use crate::auth::client_addr::{Client, Peer};
use crate::auth::password_gate::TURN_WAIT;
use crate::auth::session_cookie;
use crate::auth::Principal;
use crate::db::{audit, sessions, token};
use crate::limits::{MAX_LOGGED_NAME_CHARS, MAX_LOGIN_FORM_BYTES};
use crate::service::login::{self, LoginOutcome};
use crate::state::AppState;

const LOGIN_COOKIE: &str = "foyer_login";

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    problem: Option<String>,
    next: String,
    name: String,
    token: String,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    token: String,
}

/// Only a console path: never an absolute URL (no open redirect). A path
/// with control characters (`%0d%0a` smuggling a header) is refused.
fn safe_next(next: Option<&str>) -> Result<String, BadRedirect> {
    match next {
        Some(n) if n.chars().any(char::is_control) => Err(BadRedirect),
        Some(n) if n.starts_with("/console") && !n.starts_with("//") && !n.contains('\\') => Ok(n.to_owned()),
        _ => Ok("/console/desk".to_owned()),
    }
}

/// A `next` that is no place to go back to.
#[derive(Debug, PartialEq, Eq)]
struct BadRedirect;

fn bad_redirect() -> Response {
    error_page(StatusCode::BAD_REQUEST, "The address to return to after signing in contains control characters.")
}

/// The name as typed, short enough to show again in the form.
fn shown(name: &str) -> String {
    name.trim().chars().take(MAX_LOGGED_NAME_CHARS).collect()
}

fn login_page(status: StatusCode, problem: Option<String>, next: String, name: String) -> Result<Response, PageError> {
    let token = token::random("").expose().to_owned();
    let mut response = render(&LoginPage { problem, next, name: shown(&name), token: token.clone() })?;
    *response.status_mut() = status;
    let cookie = format!("{LOGIN_COOKIE}={token}; Path=/console/login; HttpOnly; SameSite=Strict; Max-Age=3600");
    response.headers_mut().insert(header::SET_COOKIE, cookie.parse().expect("ascii"));
    Ok(response)
}

/// A 429 login page that says when to come back.
fn try_later(why: String, retry_after_secs: u64, next: String, name: String) -> Result<Response, PageError> {
    let mut response = login_page(StatusCode::TOO_MANY_REQUESTS, Some(why), next, name)?;
    response.headers_mut().insert(header::RETRY_AFTER, retry_after_secs.into());
    Ok(response)
}

pub async fn show(Query(q): Query<NextQuery>) -> Result<Response, PageError> {
    let Ok(next) = safe_next(q.next.as_deref()) else { return Ok(bad_redirect()) };
    login_page(StatusCode::OK, None, next, String::new())
}

fn login_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|p| p.trim().split_once('='))
        .find_map(|(k, v)| (k == LOGIN_COOKIE).then(|| v.to_owned()))
}

/// In seconds, or minutes when it is that long.
fn how_long(secs: u64) -> String {
    match secs {
        0..=1 => "a second".to_owned(),
        2..=90 => format!("{secs} seconds"),
        _ => format!("{} minutes", secs.div_ceil(60)),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Result<Response, PageError> {
    let form = match form {
        Ok(Form(form)) => form,
        Err(FormRejection::BytesRejection(_)) => {
            let why = format!("The login form is larger than {} KiB.", MAX_LOGIN_FORM_BYTES / 1024);
            return Ok(error_page(StatusCode::PAYLOAD_TOO_LARGE, &why));
        }
        Err(e) => return Ok(error_page(StatusCode::BAD_REQUEST, &format!("The login form cannot be read: {e}"))),
    };
    let Ok(next) = safe_next(Some(&form.next)) else { return Ok(bad_redirect()) };
    if form.token.is_empty() || login_cookie(&headers).as_deref() != Some(form.token.as_str()) {
        let why = "The login form expired; please try again.".to_owned();
        return login_page(StatusCode::FORBIDDEN, Some(why), next, form.name);
    }
    let client = Client::resolve(peer, &headers, &state.settings.trusted_proxies);
    match login::attempt(&state, &form.name, form.password, &client).await? {
        LoginOutcome::SignedIn(session) => {
            let secure = session_cookie::over_tls(&state.settings, &client);
            let mut response = Redirect::to(&next).into_response();
            response.headers_mut().insert(header::SET_COOKIE, session_cookie::set(session.cookie.expose(), secure));
            Ok(response)
        }
        LoginOutcome::Refused => {
            login_page(StatusCode::UNAUTHORIZED, Some("Wrong user name or password.".to_owned()), next, form.name)
        }
        LoginOutcome::TooSoon { retry_after_secs } => {
            let why = format!("Too many failed logins. Wait {} and try again.", how_long(retry_after_secs));
            try_later(why, retry_after_secs, next, form.name)
        }
        LoginOutcome::Busy => {
            let why = "The server is busy with other sign-ins. Try again in a few seconds.".to_owned();
            try_later(why, TURN_WAIT.as_secs(), next, form.name)
        }
    }
}

/// Behind the guard (a session and its CSRF token are needed).
pub async fn logout(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    peer: Peer,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let Some(cookie) = session_cookie::read(&headers) else {
        return Ok(error_page(StatusCode::BAD_REQUEST, "You are signed in with an API token, not a session."));
    };
    let who = p.name().to_owned();
    state
        .db
        .call(move |c| {
            sessions::end(c, &cookie)?;
            audit::record(c, &who, "logout", None, "")
        })
        .await?;
    state.sessions_ended();
    let mut response = Redirect::to("/console/login").into_response();
    let client = Client::resolve(peer, &headers, &state.settings.trusted_proxies);
    let secure = session_cookie::over_tls(&state.settings, &client);
    response.headers_mut().insert(header::SET_COOKIE, session_cookie::clear(secure));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_console_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/console/admin/visits?q=a")), Ok("/console/admin/visits?q=a".into()));
        for evil in ["https://evil.example", "//evil.example", "/\\evil", "/consolex", "javascript:x"] {
            let next = safe_next(Some(evil)).unwrap();
            assert!(next == "/console/desk" || next.starts_with("/console"), "{evil} -> {next}");
        }
        assert_eq!(safe_next(Some("//evil")), Ok("/console/desk".into()));
        assert_eq!(safe_next(None), Ok("/console/desk".into()));
    }

    #[test]
    fn a_next_with_control_characters_is_refused() {
        for evil in ["/console\r\nX: y", "/console\n", "/console\0", "/console\u{7f}"] {
            assert_eq!(safe_next(Some(evil)), Err(BadRedirect), "{evil:?}");
        }
    }

    #[test]
    fn waits_are_said_in_seconds_or_minutes() {
        assert_eq!(how_long(1), "a second");
        assert_eq!(how_long(30), "30 seconds");
        assert_eq!(how_long(900), "15 minutes");
    }
}
