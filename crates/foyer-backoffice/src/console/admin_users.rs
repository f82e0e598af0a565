//! Admin: console users. Adding one (with a password typed by the admin or
//! generated and shown once), disabling one (never yourself) and resetting
//! a password. The page also lists API tokens (`admin_tokens`). The JSON
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
use super::principal::Principal;
use super::view::Time;
use super::Routes;
use crate::db::users::{self, Role, User};
use crate::db::{api_tokens, audit, DbError};
use crate::error::AppError;
use crate::passwords;
use crate::retention_job::SYSTEM;
use crate::state::AppState;
use foyer_domain::Secret;

pub(crate) const HERE: &str = "/console/admin/users";

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", HERE, list)
        .add("POST", HERE, add_form)
        .add("POST", "/console/admin/users/{id}/disable", disable_form)
        .add("POST", "/console/admin/users/{id}/password", password_form)
}

/// The password to set: the one given, or a generated one (then `true`).
fn choose(password: Option<String>) -> (Secret, bool) {
    match password.filter(|p| !p.trim().is_empty()) {
        Some(p) => (Secret::new(p), false),
        None => (passwords::generate(), true),
    }
}

fn how(generated: bool) -> &'static str {
    if generated {
        "password generated"
    } else {
        "password set by an admin"
    }
}

/// Refuses the name the audit log gives scheduled jobs.
pub fn check_not_reserved(name: &str) -> Result<(), DbError> {
    if name.eq_ignore_ascii_case(SYSTEM) {
        return Err(DbError::Refused(format!("user name {name:?} is reserved for scheduled jobs in the audit log")));
    }
    Ok(())
}

/// Adds a user for `who`; returns the user and the password if generated.
pub async fn add(
    state: &AppState,
    who: &Principal,
    name: &str,
    role: Role,
    password: Option<String>,
) -> Result<(User, Option<Secret>), AppError> {
    let (actor, name) = (who.name().to_owned(), name.trim().to_owned());
    let (password, generated) = choose(password);
    let pw = password.clone();
    let user = state
        .db
        .call(move |c| {
            check_not_reserved(&name)?;
            let tx = c.transaction()?;
            let id = users::add(&tx, &name, role, pw.expose())?;
            let detail = format!("role {}, {}", role.as_str(), how(generated));
            audit::record(&tx, &actor, "user.add", Some(&name), &detail)?;
            let user = users::by_id(&tx, id)?.ok_or_else(|| DbError::Corrupt(format!("user {id} vanished")))?;
            tx.commit()?;
            Ok(user)
        })
        .await?;
    Ok((user, generated.then_some(password)))
}

/// Disables user `id` (never `who`): their sessions end and their API
/// tokens are revoked at once. Returns the notice.
pub async fn disable(state: &AppState, who: &Principal, id: i64) -> Result<String, AppError> {
    if id == who.user.id {
        return Err(DbError::Refused("you cannot disable your own account: ask another admin".into()).into());
    }
    let actor = who.name().to_owned();
    Ok(state
        .db
        .call(move |c| {
            let user = users::by_id(c, id)?.ok_or_else(|| DbError::Refused(format!("no user has id {id}")))?;
            if user.disabled {
                return Err(DbError::Refused(format!("{} is already disabled", user.name)));
            }
            users::disable(c, id)?;
            audit::record(c, &actor, "user.disable", Some(&user.name), "sessions ended, API tokens revoked")?;
            Ok(format!("{} disabled: their sessions ended and their API tokens no longer work", user.name))
        })
        .await?)
}

/// Sets user `id`'s password (generated when none is given) and ends their
/// sessions. Returns their name and the password if generated.
pub async fn reset_password(
    state: &AppState,
    who: &Principal,
    id: i64,
    password: Option<String>,
) -> Result<(String, Option<Secret>), AppError> {
    let actor = who.name().to_owned();
    let (password, generated) = choose(password);
    let pw = password.clone();
    let name = state
        .db
        .call(move |c| {
            let user = users::by_id(c, id)?.ok_or_else(|| DbError::Refused(format!("no user has id {id}")))?;
            let tx = c.transaction()?;
            users::set_password(&tx, id, pw.expose())?;
            audit::record(&tx, &actor, "user.password", Some(&user.name), how(generated))?;
            tx.commit()?;
            Ok(user.name)
        })
        .await?;
    Ok((name, generated.then_some(password)))
}

/// A user row as the table shows it.
struct UserView {
    id: i64,
    name: String,
    role: &'static str,
    created: Time,
    disabled: bool,
    is_me: bool,
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
    let (all, tokens) = state.db.call(|c| Ok((users::list(c)?, api_tokens::list(c)?))).await?;
    let users = all
        .into_iter()
        .map(|u| UserView {
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
