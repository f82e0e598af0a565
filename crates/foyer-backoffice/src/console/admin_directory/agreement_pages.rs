//! `/console/admin/agreement`: the version kiosks show, every earlier
//! version (each viewable), and the form that publishes a new one.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::{form_error, unprocessable, DirNav, NAV};
use crate::auth::Principal;
use crate::console::desk_lobby::back_with;
use crate::console::page::{render, Chrome, PageError};
use crate::console::view::Time;
use crate::console::Routes;
use crate::error::AppError;
use crate::service::directory::agreements::{self as agreement_ops, AgreementInput, AgreementView};
use crate::state::AppState;

const PATH: &str = "/console/admin/agreement";

pub(super) fn routes(r: Routes) -> Routes {
    r.add("GET", PATH, page).add("POST", PATH, publish).add("GET", "/console/admin/agreement/{version}", one)
}

/// A version for the page: its time in words and its first line.
#[derive(Debug, Clone)]
pub struct VersionView {
    pub version: i64,
    pub text: String,
    pub at: Time,
    pub summary: String,
}

impl From<AgreementView> for VersionView {
    fn from(a: AgreementView) -> Self {
        let first = a.text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim();
        let summary = match first.char_indices().nth(80) {
            Some((cut, _)) => format!("{}…", &first[..cut]),
            None => first.to_owned(),
        };
        Self { version: a.version, at: Time::of(Some(a.published_at)), text: a.text, summary }
    }
}

#[derive(Template)]
#[template(path = "admin/agreement.html")]
struct AgreementPage {
    chrome: Chrome,
    dirnav: DirNav,
    current: Option<VersionView>,
    history: Vec<VersionView>,
    /// The publish form's text: the current one, or what was typed when refused.
    draft: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/agreement_version.html")]
struct VersionPage {
    chrome: Chrome,
    dirnav: DirNav,
    shown: VersionView,
    is_current: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    text: String,
}

async fn show(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    typed: Option<(String, String)>,
) -> Result<Response, PageError> {
    let all = agreement_ops::all(state).await?;
    let (draft, error) = match typed {
        Some((draft, error)) => (draft, Some(error)),
        None => (all.current.as_ref().map(|a| a.text.clone()).unwrap_or_default(), None),
    };
    render(&AgreementPage {
        chrome: Chrome::new(p, NAV, notice),
        dirnav: DirNav::at(PATH),
        current: all.current.map(VersionView::from),
        history: all.history.into_iter().map(VersionView::from).collect(),
        draft,
        error,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    show(&state, &p, q.notice, None).await
}

pub async fn publish(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<PublishForm>,
) -> Result<Response, PageError> {
    match agreement_ops::publish(&state, &p, AgreementInput { text: form.text.clone() }).await {
        Ok(done) => Ok(back_with(PATH, &done.message)),
        Err(e) => Ok(unprocessable(show(&state, &p, None, Some((form.text, form_error(e)?))).await?)),
    }
}

pub async fn one(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(version): Path<i64>,
) -> Result<Response, PageError> {
    let all = agreement_ops::all(&state).await?;
    let is_current = all.current.as_ref().is_some_and(|c| c.version == version);
    let shown = all
        .history
        .into_iter()
        .find(|a| a.version == version)
        .ok_or_else(|| AppError::NotFound(format!("no agreement has the version {version}")))?;
    render(&VersionPage {
        chrome: Chrome::new(&p, NAV, None),
        dirnav: DirNav::at(PATH),
        shown: shown.into(),
        is_current,
    })
}
