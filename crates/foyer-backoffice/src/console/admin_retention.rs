//! Admin: the retention policy. Changing the period (a shorter one shows
//! first how much the next run will anonymise, and is saved only once
//! confirmed), and running retention now. The JSON API
//! (`api::admin_retention`) calls the same functions.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::admin_page::{problem, unprocessable, NoticeQuery};
use super::desk_lobby::back_with;
use super::page::{render, Chrome, PageError};
use super::view::Time;
use super::Routes;
use crate::auth::Principal;
use crate::db::audit::{self, AuditEntry, AuditFilter};
use crate::db::retention::RetentionCount;
use crate::retention_job::run_once;
use crate::service::retention::{change, current, parse_days, PolicyChange, RetentionNow};
use crate::state::AppState;

const HERE: &str = "/console/admin/retention";

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", HERE, show).add("POST", HERE, policy_form).add("POST", "/console/admin/retention/run", run_form)
}

struct RunView {
    at: Time,
    actor: String,
    detail: String,
}

impl From<AuditEntry> for RunView {
    fn from(e: AuditEntry) -> Self {
        Self { at: Time::of(Some(e.at)), actor: e.actor, detail: e.detail }
    }
}

#[derive(Template)]
#[template(path = "admin/retention.html")]
struct RetentionPage {
    chrome: Chrome,
    problem: Option<String>,
    now: RetentionNow,
    runs: Vec<RunView>,
}

#[derive(Template)]
#[template(path = "admin/retention_confirm.html")]
struct ConfirmPage {
    chrome: Chrome,
    old: u32,
    new: u32,
    due: RetentionCount,
}

async fn page(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let now = current(state).await?;
    let filter = AuditFilter { action: Some("retention.run".into()), ..Default::default() };
    let runs = state.db.call(move |c| audit::list(c, &filter, 5)).await?;
    let runs = runs.into_iter().map(RunView::from).collect();
    render(&RetentionPage { chrome: Chrome::new(p, HERE, notice), problem, now, runs })
}

async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    page(&state, &p, q.notice, None).await
}

#[derive(Debug, Deserialize)]
struct PolicyForm {
    #[serde(default)]
    days: String,
    confirm: Option<String>,
}

async fn policy_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<PolicyForm>,
) -> Result<Response, PageError> {
    let confirmed = form.confirm.as_deref() == Some("yes");
    let outcome = match parse_days(&form.days) {
        Ok(days) => change(&state, &p, days, confirmed).await,
        Err(e) => Err(e.into()),
    };
    match outcome {
        Ok(PolicyChange::Unchanged { days }) => Ok(back_with(HERE, &format!("the period is already {days} days"))),
        Ok(PolicyChange::Saved { old, new }) => {
            Ok(back_with(HERE, &format!("retention period changed from {old} to {new} days")))
        }
        Ok(PolicyChange::NeedsConfirmation { old, new, due }) => {
            render(&ConfirmPage { chrome: Chrome::new(&p, HERE, None), old, new, due })
        }
        Err(e) => Ok(unprocessable(page(&state, &p, None, Some(problem(e)?)).await?)),
    }
}

async fn run_form(State(state): State<AppState>, Extension(p): Extension<Principal>) -> Result<Response, PageError> {
    let run = run_once(&state, p.name()).await?;
    Ok(back_with(HERE, &format!("retention ran {}", run.describe())))
}
