//! `/console/admin/watchlist`: the entries in force with an add form, an
//! edit page per entry, and removal.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::{form_error, unprocessable, DirNav, NAV};
use crate::auth::Principal;
use crate::console::desk_lobby::back_with;
use crate::console::page::{render, Chrome, PageError};
use crate::console::Routes;
use crate::service::directory::watchlist::{self as watchlist_ops, WatchInput, WatchView};
use crate::state::AppState;

const PATH: &str = "/console/admin/watchlist";

pub(super) fn routes(r: Routes) -> Routes {
    r.add("GET", PATH, page)
        .add("POST", PATH, add)
        .add("GET", "/console/admin/watchlist/{id}", edit_page)
        .add("POST", "/console/admin/watchlist/{id}", save)
        .add("POST", "/console/admin/watchlist/{id}/remove", remove)
}

#[derive(Template)]
#[template(path = "admin/watchlist.html")]
struct WatchlistPage {
    chrome: Chrome,
    dirnav: DirNav,
    entries: Vec<WatchView>,
    form: WatchForm,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/watch_edit.html")]
struct WatchEditPage {
    chrome: Chrome,
    dirnav: DirNav,
    entry: WatchView,
    form: WatchForm,
    error: Option<String>,
}

/// The add and edit forms' fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WatchForm {
    pub name: String,
    pub reason: String,
}

impl From<WatchForm> for WatchInput {
    fn from(f: WatchForm) -> Self {
        Self { name: f.name, reason: f.reason }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

async fn show(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    form: WatchForm,
    error: Option<String>,
) -> Result<Response, PageError> {
    let entries = watchlist_ops::list(state).await?;
    render(&WatchlistPage { chrome: Chrome::new(p, NAV, notice), dirnav: DirNav::at(PATH), entries, form, error })
}

pub async fn page(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    show(&state, &p, q.notice, WatchForm::default(), None).await
}

pub async fn add(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<WatchForm>,
) -> Result<Response, PageError> {
    match watchlist_ops::add(&state, &p, form.clone().into()).await {
        Ok(saved) => Ok(back_with(PATH, &saved.message)),
        Err(e) => Ok(unprocessable(show(&state, &p, None, form, Some(form_error(e)?)).await?)),
    }
}

async fn show_entry(
    state: &AppState,
    p: &Principal,
    id: i64,
    notice: Option<String>,
    typed: Option<(WatchForm, String)>,
) -> Result<Response, PageError> {
    let entry = watchlist_ops::get(state, id).await?;
    let (form, error) = match typed {
        Some((form, error)) => (form, Some(error)),
        None => (WatchForm { name: entry.name.clone(), reason: entry.reason.clone() }, None),
    };
    render(&WatchEditPage { chrome: Chrome::new(p, NAV, notice), dirnav: DirNav::at(PATH), entry, form, error })
}

pub async fn edit_page(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    show_entry(&state, &p, id, q.notice, None).await
}

pub async fn save(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    Form(form): Form<WatchForm>,
) -> Result<Response, PageError> {
    match watchlist_ops::update(&state, &p, id, form.clone().into()).await {
        Ok(saved) => Ok(back_with(PATH, &saved.message)),
        Err(e) => Ok(unprocessable(show_entry(&state, &p, id, None, Some((form, form_error(e)?))).await?)),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let saved = watchlist_ops::remove(&state, &p, id).await?;
    Ok(back_with(PATH, &saved.message))
}
