//! Admin: the retention policy. Changing the period (a shorter one shows
//! first how much the next run will anonymise, and is saved only once
//! confirmed), and running retention now. The JSON API
//! (`api::admin_retention`) calls the same functions.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::admin_page::{problem, unprocessable, NoticeQuery};
use super::desk_lobby::back_with;
use super::page::{render, Chrome, PageError};
use super::principal::Principal;
use super::view::Time;
use super::Routes;
use crate::db::audit::{self, AuditEntry, AuditFilter};
use crate::db::retention::{self, RetentionCount};
use crate::db::{now_unix, DbError};
use crate::error::AppError;
use crate::retention_job::run_once;
use crate::state::AppState;
use foyer_domain::retention::{shortening, RetentionPolicy};

const HERE: &str = "/console/admin/retention";

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", HERE, show).add("POST", HERE, policy_form).add("POST", "/console/admin/retention/run", run_form)
}

/// The policy in force and what its next run would anonymise.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RetentionNow {
    /// Days a visitor's personal data is kept after the visit ended.
    pub days: u32,
    pub due_at_next_run: RetentionCount,
}

/// The policy in force, with a dry run of it.
pub async fn current(state: &AppState) -> Result<RetentionNow, AppError> {
    Ok(state
        .db
        .call(|c| {
            let policy = retention::policy(c)?;
            let due_at_next_run = retention::dry_run(c, policy, now_unix())?;
            Ok(RetentionNow { days: policy.anonymise_after_days(), due_at_next_run })
        })
        .await?)
}

/// What asking for a new period did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyChange {
    Unchanged {
        days: u32,
    },
    Saved {
        old: u32,
        new: u32,
    },
    /// A shorter period, not saved: what its next run would anonymise.
    NeedsConfirmation {
        old: u32,
        new: u32,
        due: RetentionCount,
    },
}

/// Sets the period to `days` for `who`. A shorter period is saved only when
/// `confirmed`; otherwise the dry run of it comes back.
pub async fn change(state: &AppState, who: &Principal, days: u32, confirmed: bool) -> Result<PolicyChange, AppError> {
    let new = RetentionPolicy::new(days).map_err(|e| DbError::Refused(e.to_string()))?;
    let actor = who.name().to_owned();
    Ok(state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let old_policy = retention::policy(&tx)?;
            let (old, new_days) = (old_policy.anonymise_after_days(), new.anonymise_after_days());
            if old == new_days {
                return Ok(PolicyChange::Unchanged { days: old });
            }
            if shortening(old_policy, new) && !confirmed {
                let due = retention::dry_run(&tx, new, now_unix())?;
                return Ok(PolicyChange::NeedsConfirmation { old, new: new_days, due });
            }
            retention::set_policy(&tx, new)?;
            audit::record(&tx, &actor, "retention.policy", None, &format!("{old} → {new_days} days"))?;
            tx.commit()?;
            Ok(PolicyChange::Saved { old, new: new_days })
        })
        .await?)
}

/// A number of days as typed in a form.
pub fn parse_days(text: &str) -> Result<u32, DbError> {
    text.trim()
        .parse()
        .map_err(|_| DbError::Refused(format!("retention period: {text:?} is not a whole number of days")))
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
