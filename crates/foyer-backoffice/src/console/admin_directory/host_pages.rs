//! `/console/admin/hosts`: the hosts list (search, keyset pages), the add
//! form and the CSV upload.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::{form_error, unprocessable, DirNav, NAV};
use crate::auth::Principal;
use crate::console::desk_lobby::back_with;
use crate::console::page::{render, Chrome, PageError};
use crate::console::Routes;
use crate::db::DbError;
use crate::error::AppError;
use crate::service::directory::host_input::HostInput;
use crate::service::directory::hosts::{self as host_ops, HostQuery, HostRow};
use crate::service::directory::import;
use crate::state::AppState;

const PATH: &str = "/console/admin/hosts";
const PAGE_SIZE: u32 = 50;

pub(super) fn routes(r: Routes) -> Routes {
    r.add("GET", PATH, page).add("POST", PATH, add).add("POST", "/console/admin/hosts/import", upload)
}

#[derive(Template)]
#[template(path = "admin/hosts.html")]
struct HostsPage {
    chrome: Chrome,
    dirnav: DirNav,
    q: String,
    hosts: Vec<HostRow>,
    /// Links to the first and the next page, when there are such pages.
    first: Option<String>,
    next: Option<String>,
    /// A refused add or import, and what was typed in the add form.
    error: Option<String>,
    form: HostForm,
}

/// The add form's fields (all optional, so a missing one is named by the validation).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HostForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub department: String,
}

impl From<HostForm> for HostInput {
    fn from(f: HostForm) -> Self {
        Self { name: f.name, email: Some(f.email), phone: Some(f.phone), department: Some(f.department), notify: None }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    after_id: Option<i64>,
    notice: Option<String>,
}

fn link(q: &str, after_id: Option<i64>) -> String {
    let mut pairs = vec![("q", q.to_owned())];
    pairs.extend(after_id.map(|id| ("after_id", id.to_string())));
    format!("{PATH}?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}

async fn show(
    state: &AppState,
    p: &Principal,
    q: ListQuery,
    error: Option<String>,
    form: HostForm,
) -> Result<Response, PageError> {
    let query = HostQuery { search: Some(q.q.clone()), after_id: q.after_id, limit: PAGE_SIZE, include_inactive: true };
    let hosts = host_ops::list(state, query).await?;
    let page = HostsPage {
        chrome: Chrome::new(p, NAV, q.notice),
        dirnav: DirNav::at(PATH),
        first: q.after_id.map(|_| link(&q.q, None)),
        next: hosts.next_after_id.map(|id| link(&q.q, Some(id))),
        q: q.q,
        hosts: hosts.hosts,
        error,
        form,
    };
    render(&page)
}

pub async fn page(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    show(&state, &p, q, None, HostForm::default()).await
}

pub async fn add(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<HostForm>,
) -> Result<Response, PageError> {
    match host_ops::add(&state, &p, form.clone().into()).await {
        Ok(saved) => Ok(back_with(PATH, &saved.message)),
        Err(e) => Ok(unprocessable(show(&state, &p, ListQuery::default(), Some(form_error(e)?), form).await?)),
    }
}

/// The uploaded file's text (the field `file`).
async fn file_text(multipart: Result<Multipart, MultipartRejection>) -> Result<String, AppError> {
    let refused = |m: &str| AppError::Db(DbError::Refused(m.into()));
    let unreadable = |e: MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => refused("CSV file: it is larger than 1 MiB; import it in parts"),
        _ => AppError::Malformed(e.body_text()),
    };
    let mut multipart = multipart.map_err(|e| AppError::Malformed(e.body_text()))?;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(unreadable)?;
            if bytes.is_empty() {
                return Err(refused("CSV file: choose a file to import"));
            }
            return String::from_utf8(bytes.to_vec()).map_err(|_| refused("CSV file: it is not UTF-8 text"));
        }
    }
    Err(refused("CSV file: choose a file to import"))
}

/// The CSV upload: the guard found the CSRF token in the multipart body
/// (a hidden field before the file).
pub async fn upload(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let outcome = match file_text(multipart).await {
        Ok(text) => import::import(&state, &p, text).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(done) => Ok(back_with(PATH, &format!("import done: {}", done.message))),
        Err(e) => {
            let error = form_error(e)?;
            Ok(unprocessable(show(&state, &p, ListQuery::default(), Some(error), HostForm::default()).await?))
        }
    }
}
