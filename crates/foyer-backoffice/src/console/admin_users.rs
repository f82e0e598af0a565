//! Admin: console users. Adding one (with a password typed by the admin or
//! generated and shown once), disabling one (never yourself), resetting
//! a password and clearing a login delay after failed logins. The page also lists API tokens (`admin_tokens`). The JSON
//! API (`api::admin_users`) calls the same functions.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::admin_page::{problem, shown_once, unprocessable, NoticeQuery, ShownOnce};
use super::admin_tokens::TokenView;
use super::desk_lobby::back_with;
use super::page::{render, Chrome, PageError};
use super::view::Time;
use super::Routes;
use crate::auth::Principal;
use crate::db::users::{self, Role};
use crate::db::{api_tokens, login_limit, DbError};
use crate::error::AppError;
// The CLI checks names with the same rule.
pub use crate::service::users::check_not_reserved;
use crate::service::users::{add, clear_login_delay, disable, reset_password};
use crate::state::AppState;
use foyer_domain::Secret;

pub(crate) const HERE: &str = "/console/admin/users";

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", HERE, list)
        .add("POST", HERE, add_form)
        .add("POST", "/console/admin/users/{id}/disable", disable_form)
        .add("POST", "/console/admin/users/{id}/password", password_form)
        .add("POST", "/console/admin/users/{id}/unlock", unlock_form)
}

/// A user row as the table shows it.
struct UserView {
    id: i64,
    name: String,
    role: &'static str,
    created: Time,
    disabled: bool,
    is_me: bool,
    /// Failed logins in the throttle's window: their next attempt may wait.
    failed_logins: i64,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    chrome: Chrome,
    problem: Option<String>,
    users: Vec<UserView>,
    tokens: Vec<TokenView>,
}

/// The users page, with a refused form's `problem` if any.
pub(crate) async fn page(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let (all, tokens) = state
        .db
        .call(|c| {
            let all = users::list(c)?
                .into_iter()
                .map(|u| Ok((login_limit::recent_failures(c, &u.name)?, u)))
                .collect::<Result<Vec<_>, DbError>>()?;
            Ok((all, api_tokens::list(c)?))
        })
        .await?;
    let users = all
        .into_iter()
        .map(|(failed_logins, u)| UserView {
            failed_logins,
            is_me: u.id == p.user.id,
            id: u.id,
            name: u.name,
            role: u.role.as_str(),
            created: Time::of(Some(u.created_at)),
            disabled: u.disabled,
        })
        .collect();
    let tokens = tokens.into_iter().map(TokenView::from).collect();
    render(&UsersPage { chrome: Chrome::new(p, HERE, notice), problem, users, tokens })
}

/// A refused form: the page again with the problem, status 422.
pub(crate) async fn refused(state: &AppState, p: &Principal, e: AppError) -> Result<Response, PageError> {
    Ok(unprocessable(page(state, p, None, Some(problem(e)?)).await?))
}

async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    page(&state, &p, q.notice, None).await
}

#[derive(Debug, Deserialize)]
struct AddForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    password: Option<String>,
}

fn password_page(p: &Principal, name: &str, password: Secret, lead: String) -> Result<Response, PageError> {
    let steps = vec![
        format!("Give it to {name} in person or over a channel only they read."),
        "They sign in at /console/login with their name and this password.".to_owned(),
    ];
    shown_once(
        Chrome::new(p, HERE, None),
        ShownOnce { title: format!("Password of {name}"), lead, secret: password, snippet: None, steps, back: HERE },
    )
}

async fn add_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<AddForm>,
) -> Result<Response, PageError> {
    let role = match Role::parse(&form.role) {
        Ok(role) => role,
        Err(e) => return refused(&state, &p, e.into()).await,
    };
    match add(&state, &p, &form.name, role, form.password).await {
        Ok((user, Some(password))) => {
            let lead = format!("User {} ({}) was added with this generated password:", user.name, role.as_str());
            password_page(&p, &user.name, password, lead)
        }
        Ok((user, None)) => Ok(back_with(HERE, &format!("user {} added as {}", user.name, role.as_str()))),
        Err(e) => refused(&state, &p, e).await,
    }
}

async fn disable_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    match disable(&state, &p, id).await {
        Ok(notice) => Ok(back_with(HERE, &notice)),
        Err(e) => refused(&state, &p, e).await,
    }
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    password: Option<String>,
}

async fn password_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    match reset_password(&state, &p, id, form.password).await {
        Ok((name, Some(password))) => {
            password_page(&p, &name, password, format!("The new password of {name}; their sessions have ended:"))
        }
        Ok((name, None)) => Ok(back_with(HERE, &format!("password of {name} changed; their sessions have ended"))),
        Err(e) => refused(&state, &p, e).await,
    }
}

async fn unlock_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    match clear_login_delay(&state, &p, id).await {
        Ok(notice) => Ok(back_with(HERE, &notice)),
        Err(e) => refused(&state, &p, e).await,
    }
}
