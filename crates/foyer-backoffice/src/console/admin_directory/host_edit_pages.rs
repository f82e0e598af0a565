//! `/console/admin/hosts/{id}`: one host's details and notification
//! preferences in one form, and deactivating or reactivating the host.

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
use crate::db::directory::WEBHOOK_KINDS;
use crate::service::directory::host_input::{HostInput, NotifyInput};
use crate::service::directory::hosts::{self as host_ops, HostRow};
use crate::state::AppState;

pub(super) fn routes(r: Routes) -> Routes {
    r.add("GET", "/console/admin/hosts/{id}", page)
        .add("POST", "/console/admin/hosts/{id}", save)
        .add("POST", "/console/admin/hosts/{id}/deactivate", deactivate)
        .add("POST", "/console/admin/hosts/{id}/reactivate", reactivate)
}

#[derive(Template)]
#[template(path = "admin/host_edit.html")]
struct HostEditPage {
    chrome: Chrome,
    dirnav: DirNav,
    /// The host as stored.
    host: HostRow,
    /// What the form shows: the stored host, or what was typed when refused.
    form: EditForm,
    /// Each webhook kind, and whether the form has it chosen.
    kinds: Vec<(&'static str, bool)>,
    error: Option<String>,
}

/// The edit form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EditForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub department: String,
    /// The checkbox: present when ticked.
    pub notify_email: Option<String>,
    pub webhook_kind: String,
    pub webhook_url: String,
}

impl From<&HostRow> for EditForm {
    fn from(h: &HostRow) -> Self {
        Self {
            name: h.name.clone(),
            email: h.email.clone().unwrap_or_default(),
            phone: h.phone.clone().unwrap_or_default(),
            department: h.department.clone().unwrap_or_default(),
            notify_email: h.notify_email.then(|| "on".to_owned()),
            webhook_kind: h.webhook_kind.clone().unwrap_or_default(),
            webhook_url: h.webhook_url.clone().unwrap_or_default(),
        }
    }
}

impl From<EditForm> for HostInput {
    fn from(f: EditForm) -> Self {
        let notify = NotifyInput {
            email: f.notify_email.is_some(),
            webhook_kind: Some(f.webhook_kind),
            webhook_url: Some(f.webhook_url),
        };
        Self {
            name: f.name,
            email: Some(f.email),
            phone: Some(f.phone),
            department: Some(f.department),
            notify: Some(notify),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

async fn show(
    state: &AppState,
    p: &Principal,
    id: i64,
    notice: Option<String>,
    typed: Option<(EditForm, String)>,
) -> Result<Response, PageError> {
    let host = host_ops::get(state, id).await?;
    let (form, error) = match typed {
        Some((form, error)) => (form, Some(error)),
        None => (EditForm::from(&host), None),
    };
    let kinds = WEBHOOK_KINDS.iter().map(|k| (*k, form.webhook_kind == *k)).collect();
    let dirnav = DirNav::at("/console/admin/hosts");
    render(&HostEditPage { chrome: Chrome::new(p, NAV, notice), dirnav, host, form, kinds, error })
}

pub async fn page(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    show(&state, &p, id, q.notice, None).await
}

fn here(id: i64) -> String {
    format!("/console/admin/hosts/{id}")
}

pub async fn save(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    Form(form): Form<EditForm>,
) -> Result<Response, PageError> {
    match host_ops::update(&state, &p, id, form.clone().into()).await {
        Ok(saved) => Ok(back_with(&here(id), &saved.message)),
        Err(e) => Ok(unprocessable(show(&state, &p, id, None, Some((form, form_error(e)?))).await?)),
    }
}

/// Where a (de)activation button goes back to: the list or the host's page.
#[derive(Debug, Default, Deserialize)]
pub struct BackTo {
    #[serde(default)]
    back: String,
}

async fn set_active(state: AppState, p: Principal, id: i64, active: bool, to: BackTo) -> Result<Response, PageError> {
    let saved = host_ops::set_active(&state, &p, id, active).await?;
    let path = if to.back == "list" { "/console/admin/hosts".to_owned() } else { here(id) };
    Ok(back_with(&path, &saved.message))
}

pub async fn deactivate(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    Form(to): Form<BackTo>,
) -> Result<Response, PageError> {
    set_active(state, p, id, false, to).await
}

pub async fn reactivate(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    Form(to): Form<BackTo>,
) -> Result<Response, PageError> {
    set_active(state, p, id, true, to).await
}
