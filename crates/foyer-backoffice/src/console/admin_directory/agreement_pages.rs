//! `/console/admin/agreement`: the current version of the site's default
//! language and of each kiosk language, every version (each viewable, with
//! its language), and the form that publishes a new one in a language.

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
use foyer_domain::Language;

const PATH: &str = "/console/admin/agreement";

pub(super) fn routes(r: Routes) -> Routes {
    r.add("GET", PATH, page).add("POST", PATH, publish).add("GET", "/console/admin/agreement/{version}", one)
}

/// A version for the page: its language and time in words and its first line.
#[derive(Debug, Clone)]
pub struct VersionView {
    pub version: i64,
    pub text: String,
    /// "Deutsch (de)", or "Site default".
    pub language: String,
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
        let language = match a.language.as_deref().map(Language::parse) {
            Some(Ok(l)) => format!("{} ({})", l.name(), l.code()),
            // Only a code this back office knows is ever stored; show any other as it is.
            Some(Err(_)) => a.language.clone().unwrap_or_default(),
            None => "Site default".to_owned(),
        };
        Self { version: a.version, at: Time::of(Some(a.published_at)), text: a.text, language, summary }
    }
}

/// A language of the publish form's select.
#[derive(Debug, Clone)]
struct LanguageChoice {
    code: &'static str,
    name: &'static str,
    /// Chosen in a refused form, so it is sent back as it was.
    selected: bool,
}

#[derive(Template)]
#[template(path = "admin/agreement.html")]
struct AgreementPage {
    chrome: Chrome,
    dirnav: DirNav,
    current: Option<VersionView>,
    by_language: Vec<VersionView>,
    history: Vec<VersionView>,
    /// The publish form's text: the current default one, or what was typed when refused.
    draft: String,
    /// The publish form's kiosk languages; none chosen is the default.
    languages: Vec<LanguageChoice>,
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
    /// A kiosk language's code, or empty for the site's default.
    language: String,
}

impl PublishForm {
    fn input(&self) -> AgreementInput {
        let language = Some(self.language.clone()).filter(|l| !l.is_empty());
        AgreementInput { text: self.text.clone(), language }
    }
}

async fn show(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    typed: Option<(PublishForm, String)>,
) -> Result<Response, PageError> {
    let all = agreement_ops::all(state).await?;
    let (draft, draft_language, error) = match typed {
        Some((form, error)) => (form.text, form.language, Some(error)),
        None => (all.current.as_ref().map(|a| a.text.clone()).unwrap_or_default(), String::new(), None),
    };
    render(&AgreementPage {
        chrome: Chrome::new(p, NAV, notice),
        dirnav: DirNav::at(PATH),
        current: all.current.map(VersionView::from),
        by_language: all.by_language.into_iter().map(VersionView::from).collect(),
        history: all.history.into_iter().map(VersionView::from).collect(),
        draft,
        languages: Language::ALL
            .iter()
            .map(|l| LanguageChoice { code: l.code(), name: l.name(), selected: draft_language == l.code() })
            .collect(),
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
    match agreement_ops::publish(&state, &p, form.input()).await {
        Ok(done) => Ok(back_with(PATH, &done.message)),
        Err(e) => Ok(unprocessable(show(&state, &p, None, Some((form, form_error(e)?))).await?)),
    }
}

pub async fn one(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(version): Path<i64>,
) -> Result<Response, PageError> {
    let all = agreement_ops::all(&state).await?;
    // Current in its own language: a German version stays current when a
    // newer default-language one is published.
    let is_current = all.current.iter().chain(&all.by_language).any(|c| c.version == version);
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
