//! Logging in and out. A wrong password, an unknown name and a disabled
//! user get the same answer; five failures for a name lock it for fifteen
//! minutes; every outcome is in the audit log. The login form itself is
//! protected by a double-submit token (a cookie and a field that must match)
//! so no other site can log a browser in under its own account.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use super::page::{error_page, render, PageError};
use crate::auth::session_cookie;
use crate::auth::Principal;
use crate::db::{audit, login_limit, sessions, token, users};
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

/// Only a console path: never an absolute URL (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with("/console") && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/console/desk".to_owned(),
    }
}

fn login_page(status: StatusCode, problem: Option<String>, next: String, name: String) -> Result<Response, PageError> {
    let token = token::random("").expose().to_owned();
    let mut response = render(&LoginPage { problem, next, name, token: token.clone() })?;
    *response.status_mut() = status;
    let cookie = format!("{LOGIN_COOKIE}={token}; Path=/console/login; HttpOnly; SameSite=Strict; Max-Age=3600");
    response.headers_mut().insert(header::SET_COOKIE, cookie.parse().expect("ascii"));
    Ok(response)
}

pub async fn show(Query(q): Query<NextQuery>) -> Result<Response, PageError> {
    login_page(StatusCode::OK, None, safe_next(q.next.as_deref()), String::new())
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

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(Some(&form.next));
    if form.token.is_empty() || login_cookie(&headers).as_deref() != Some(form.token.as_str()) {
        let why = "The login form expired; please try again.".to_owned();
        return login_page(StatusCode::FORBIDDEN, Some(why), next, form.name);
    }
    let name = form.name.trim().to_owned();
    let (password, typed) = (form.password, name.clone());
    let outcome = state
        .db
        .call(move |c| {
            if !login_limit::allowed(c, &typed)? {
                audit::record(c, &typed, "login.throttled", None, "")?;
                return Ok(Err(StatusCode::TOO_MANY_REQUESTS));
            }
            match users::verify(c, &typed, &password)? {
                Some(user) => {
                    login_limit::succeeded(c, &typed)?;
                    audit::record(c, &user.name, "login", None, "")?;
                    Ok(Ok(sessions::start(c, user.id)?))
                }
                None => {
                    login_limit::failed(c, &typed)?;
                    audit::record(c, &typed, "login.failed", None, "")?;
                    Ok(Err(StatusCode::UNAUTHORIZED))
                }
            }
        })
        .await?;
    match outcome {
        Ok(session) => {
            let secure = session_cookie::over_tls(&state.settings, &headers);
            let mut response = Redirect::to(&next).into_response();
            response.headers_mut().insert(header::SET_COOKIE, session_cookie::set(session.cookie.expose(), secure));
            Ok(response)
        }
        Err(StatusCode::TOO_MANY_REQUESTS) => {
            let why = "Too many failed logins for this name. Wait 15 minutes and try again.".to_owned();
            login_page(StatusCode::TOO_MANY_REQUESTS, Some(why), next, name)
        }
        Err(status) => login_page(status, Some("Wrong user name or password.".to_owned()), next, name),
    }
}

/// Behind the guard (a session and its CSRF token are needed).
pub async fn logout(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
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
    let secure = session_cookie::over_tls(&state.settings, &headers);
    response.headers_mut().insert(header::SET_COOKIE, session_cookie::clear(secure));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_console_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/console/admin/visits?q=a")), "/console/admin/visits?q=a");
        for evil in ["https://evil.example", "//evil.example", "/\\evil", "/consolex", "javascript:x"] {
            let next = safe_next(Some(evil));
            assert!(next == "/console/desk" || next.starts_with("/console"), "{evil} -> {next}");
        }
        assert_eq!(safe_next(Some("//evil")), "/console/desk");
    }
}
