//! Console users: adding one (with a password typed by the admin or
//! generated and shown once), disabling one (never yourself) and resetting
//! a password. Each change is audited in the transaction that makes it.

use crate::auth::Principal;
use crate::db::users::{self, Role, User};
use crate::db::{audit, DbError};
use crate::error::AppError;
use crate::passwords;
use crate::retention_job::SYSTEM;
use crate::state::AppState;
use foyer_domain::Secret;

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

/// Every user, enabled or not.
pub async fn list(state: &AppState) -> Result<Vec<User>, AppError> {
    Ok(state.db.call(|c| users::list(c)).await?)
}

/// Refuses the name the audit log gives scheduled jobs.
pub fn check_not_reserved(name: &str) -> Result<(), DbError> {
    if name.eq_ignore_ascii_case(SYSTEM) {
        return Err(DbError::Conflict(format!("user name {name:?} is reserved for scheduled jobs in the audit log")));
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
        return Err(DbError::Conflict("you cannot disable your own account: ask another admin".into()).into());
    }
    let actor = who.name().to_owned();
    let notice = state
        .db
        .call(move |c| {
            let user = users::by_id(c, id)?.ok_or_else(|| DbError::Missing(format!("no user has id {id}")))?;
            if user.disabled {
                return Err(DbError::Conflict(format!("{} is already disabled", user.name)));
            }
            users::disable(c, id)?;
            audit::record(c, &actor, "user.disable", Some(&user.name), "sessions ended, API tokens revoked")?;
            Ok(format!("{} disabled: their sessions ended and their API tokens no longer work", user.name))
        })
        .await?;
    state.sessions_ended();
    Ok(notice)
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
            let user = users::by_id(c, id)?.ok_or_else(|| DbError::Missing(format!("no user has id {id}")))?;
            let tx = c.transaction()?;
            users::set_password(&tx, id, pw.expose())?;
            audit::record(&tx, &actor, "user.password", Some(&user.name), how(generated))?;
            tx.commit()?;
            Ok(user.name)
        })
        .await?;
    state.sessions_ended();
    Ok((name, generated.then_some(password)))
}

/// Clears user `id`'s login delay after failed logins, so they can sign in
/// at once from anywhere. Returns the notice.
pub async fn clear_login_delay(state: &AppState, who: &Principal, id: i64) -> Result<String, AppError> {
    let actor = who.name().to_owned();
    Ok(state
        .db
        .call(move |c| {
            let user = users::by_id(c, id)?.ok_or_else(|| DbError::Missing(format!("no user has id {id}")))?;
            let cleared = super::login::clear_delay(c, &actor, &user.name)?;
            Ok(format!("login delay of {} cleared ({cleared} recent failed logins)", user.name))
        })
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheduled_jobs_name_is_reserved_in_any_case() {
        assert!(check_not_reserved(SYSTEM).is_err());
        assert!(check_not_reserved(&SYSTEM.to_uppercase()).is_err());
        assert!(check_not_reserved("ana").is_ok());
    }

    #[test]
    fn a_blank_password_is_generated_and_a_typed_one_kept() {
        let (typed, generated) = choose(Some("correct horse battery".into()));
        assert_eq!((typed.expose(), generated), ("correct horse battery", false));
        let (made, generated) = choose(Some("  ".into()));
        assert!(generated);
        assert!(!made.expose().trim().is_empty());
        assert!(choose(None).1);
    }
}
