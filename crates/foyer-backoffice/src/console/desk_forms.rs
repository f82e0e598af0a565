//! The desk's forms: a manual check-in (the kiosk prints the badge) and
//! invitations (the visitor gets an email with the QR code).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::desk_lobby::{back_with, Notice};
use super::page::{render, Chrome, PageError};
use crate::auth::Principal;
use crate::db::{agreements_admin, kiosks, DbError};
use crate::error::AppError;
use crate::service::desk_actions::{perform, DeskAction};
use crate::service::invitations::{create, upcoming, NewInvitation, UpcomingInvitation};
use crate::service::today;
use crate::state::AppState;
use foyer_domain::visitor::VisitorDetails;
use foyer_domain::{VisitorName, VisitorType};
use foyer_wire::DeskCheckIn;

/// An active host for a select list.
pub struct HostChoice {
    pub id: i64,
    pub label: String,
}

/// What the forms offer: active hosts, active kiosks, visitor types.
struct Choices {
    hosts: Vec<HostChoice>,
    kiosks: Vec<String>,
    types: Vec<(&'static str, &'static str)>,
    agreement: Option<i64>,
}

async fn choices(state: &AppState) -> Result<Choices, AppError> {
    let (hosts, kiosks, agreement) = state
        .db
        .call(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, name, department FROM hosts WHERE active ORDER BY name COLLATE NOCASE LIMIT 5000",
            )?;
            let hosts = stmt
                .query_map([], |r| {
                    let dept: Option<String> = r.get(2)?;
                    let name: String = r.get(1)?;
                    Ok(HostChoice { id: r.get(0)?, label: dept.map_or(name.clone(), |d| format!("{name} ({d})")) })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let kiosks = kiosks::list(c)?.into_iter().filter(|k| k.revoked_at.is_none()).map(|k| k.name).collect();
            Ok((hosts, kiosks, agreements_admin::current(c)?.map(|a| a.version)))
        })
        .await?;
    let types = VisitorType::ALL.iter().map(|t| (t.as_str(), t.label())).collect();
    Ok(Choices { hosts, kiosks, types, agreement })
}

#[derive(Template)]
#[template(path = "desk/check_in.html")]
struct CheckInPage {
    chrome: Chrome,
    hosts: Vec<HostChoice>,
    kiosks: Vec<String>,
    types: Vec<(&'static str, &'static str)>,
    agreement: Option<i64>,
    problem: Option<String>,
    form: CheckInForm,
}

/// The check-in form's fields (kept to re-show after an error).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    host_id: String,
    #[serde(default)]
    visitor_type: String,
    #[serde(default)]
    kiosk: String,
    /// Present when the visitor accepted the current agreement at the desk.
    #[serde(default)]
    agreement: Option<String>,
}

impl CheckInForm {
    fn validate(&self, agreement: Option<i64>) -> Result<DeskAction, DbError> {
        let refuse = |e: &dyn std::fmt::Display| DbError::Refused(e.to_string());
        let name = VisitorName::parse(&self.name).map_err(|e| refuse(&e))?;
        let details =
            VisitorDetails::parse(Some(&self.company), Some(&self.email), Some(&self.phone)).map_err(|e| refuse(&e))?;
        let host_id = self.host_id.trim().parse().map_err(|_| refuse(&"choose the host the visitor comes to see"))?;
        let visitor_type = VisitorType::parse(&self.visitor_type).map_err(|e| refuse(&e))?;
        if self.kiosk.trim().is_empty() {
            return Err(refuse(&"choose the kiosk that prints the badge"));
        }
        let visitor = DeskCheckIn {
            name: name.as_str().to_owned(),
            company: details.company,
            email: details.email.map(|e| e.as_str().to_owned()),
            phone: details.phone.map(|p| p.as_str().to_owned()),
            host_id,
            visitor_type,
            agreement_version: self.agreement.as_ref().and(agreement),
        };
        Ok(DeskAction::CheckIn { kiosk: self.kiosk.trim().to_owned(), visitor })
    }
}

async fn check_in_page(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    problem: Option<String>,
    form: CheckInForm,
) -> Result<Response, PageError> {
    let Choices { hosts, kiosks, types, agreement } = choices(state).await?;
    let chrome = Chrome::new(p, "/console/desk/check-in", notice);
    let mut r = render(&CheckInPage { chrome, hosts, kiosks, types, agreement, form, problem: problem.clone() })?;
    if problem.is_some() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

pub async fn check_in_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    check_in_page(&state, &p, q.notice, None, CheckInForm::default()).await
}

pub async fn check_in(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<CheckInForm>,
) -> Result<Response, PageError> {
    let agreement = choices(&state).await?.agreement;
    let action = match form.validate(agreement) {
        Ok(a) => a,
        Err(e) => return check_in_page(&state, &p, None, Some(e.to_string()), form).await,
    };
    match perform(&state, &p, action).await {
        Ok(outcome) => Ok(back_with("/console/desk", &outcome.message)),
        Err(AppError::Db(DbError::Refused(m) | DbError::Missing(m) | DbError::Conflict(m))) => {
            check_in_page(&state, &p, None, Some(m), form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "desk/invitations.html")]
struct InvitationsPage {
    chrome: Chrome,
    hosts: Vec<HostChoice>,
    types: Vec<(&'static str, &'static str)>,
    upcoming: Vec<UpcomingInvitation>,
    problem: Option<String>,
    today: String,
}

async fn invitations_page(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let Choices { hosts, types, .. } = choices(state).await?;
    let day = today();
    let upcoming = upcoming(state, 500).await?;
    let chrome = Chrome::new(p, "/console/desk/invitations", notice);
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut r = render(&InvitationsPage { chrome, hosts, types, upcoming, problem, today: day })?;
    *r.status_mut() = status;
    Ok(r)
}

pub async fn invitations(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    invitations_page(&state, &p, q.notice, None).await
}

/// The invitation form (strings, so a bad host id is an error message).
#[derive(Debug, Deserialize)]
pub struct InvitationForm {
    visitor_name: String,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    email: Option<String>,
    host_id: String,
    visitor_type: String,
    expected_on: String,
}

pub async fn invite(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(f): Form<InvitationForm>,
) -> Result<Response, PageError> {
    let Ok(host_id) = f.host_id.trim().parse() else {
        return invitations_page(&state, &p, None, Some("choose the visitor's host".into())).await;
    };
    let new = NewInvitation {
        visitor_name: f.visitor_name,
        company: f.company,
        email: f.email,
        host_id,
        visitor_type: f.visitor_type,
        expected_on: f.expected_on,
    };
    match create(&state, &p, new).await {
        Ok(c) => {
            let mail = if c.emailed { "; the QR code is on its way by email" } else { "" };
            Ok(back_with("/console/desk/invitations", &format!("invitation {} created{mail}", c.code)))
        }
        Err(AppError::Db(DbError::Refused(m) | DbError::Missing(m) | DbError::Conflict(m))) => {
            invitations_page(&state, &p, None, Some(m)).await
        }
        Err(e) => Err(e.into()),
    }
}
