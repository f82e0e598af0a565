//! What the admin pages share: the `?notice=` of a redirect, a refused form
//! shown again with its problem, and the page that shows a new secret (a
//! kiosk token, an API token, a generated password) once.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::page::{render, Chrome, PageError};
use crate::db::DbError;
use crate::error::AppError;
use foyer_domain::Secret;

/// `?notice=…`: the result of the action that redirected here.
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

/// The words of a refused input, to show on the form again; any other
/// error stays an error page.
pub fn problem(e: AppError) -> Result<String, PageError> {
    match e {
        AppError::Db(DbError::Refused(m) | DbError::Missing(m) | DbError::Conflict(m)) | AppError::Invalid(m) => Ok(m),
        other => Err(PageError(other)),
    }
}

/// A page rendered for a refused form: same page, status 422.
pub fn unprocessable(mut page: Response) -> Response {
    *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    page
}

/// A new secret and what to do with it.
pub struct ShownOnce {
    pub title: String,
    /// What the secret is for, one sentence.
    pub lead: String,
    pub secret: Secret,
    /// Settings to paste, if any.
    pub snippet: Option<String>,
    pub steps: Vec<String>,
    /// The page to go back to.
    pub back: &'static str,
}

#[derive(Template)]
#[template(path = "admin/shown_once.html")]
struct ShownOncePage {
    chrome: Chrome,
    title: String,
    lead: String,
    secret: String,
    snippet: Option<String>,
    steps: Vec<String>,
    back: &'static str,
}

/// The result page of an action that made a secret: shown this once, and
/// never stored by the browser (only a hash of it is kept by us).
pub fn shown_once(chrome: Chrome, s: ShownOnce) -> Result<Response, PageError> {
    let page = ShownOncePage {
        chrome,
        title: s.title,
        lead: s.lead,
        secret: s.secret.expose().to_owned(),
        snippet: s.snippet,
        steps: s.steps,
        back: s.back,
    };
    let mut response = render(&page)?;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
