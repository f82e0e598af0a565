//! A console login attempt, as the login page makes it: throttled by
//! progressive delay per name and client address (`db::login_limit`), the
//! password checked outside the database lock with a bounded number at once
//! (`auth::password_gate`), every checked outcome audited with the address
//! it came from. Attempts refused before their password is checked (too
//! soon, or the server busy) are only counted in the metrics: writing each
//! to the append-only audit log would let a flood fill the disk.

use std::time::Duration;

use crate::auth::client_addr::Client;
use crate::db::sessions::NewSession;
use rusqlite::Connection;

use crate::db::{audit, login_limit, sessions, users, DbError};
use crate::error::AppError;
use crate::state::AppState;

/// The longest wait an attempt sits out before it is checked; a longer one
/// is refused at once with the time left. Holding the answer back this long
/// also slows a guesser that does not read the answer.
const LONGEST_INLINE_WAIT: Duration = Duration::from_secs(1);

/// How an attempt ended.
pub enum LoginOutcome {
    SignedIn(NewSession),
    /// A wrong password, an unknown name or a disabled user: one answer.
    Refused,
    /// Too many recent failures: try again after this many seconds.
    TooSoon {
        retry_after_secs: u64,
    },
    /// Too many password checks at once.
    Busy,
}

/// Checks `typed` and `password` from `client`.
pub async fn attempt(
    state: &AppState,
    typed: &str,
    password: String,
    client: &Client,
) -> Result<LoginOutcome, AppError> {
    let (name, addr) = (typed.trim().to_owned(), client.throttle_key());
    let (n, a) = (name.clone(), addr.clone());
    let (wait, hash) =
        state.db.call(move |c| Ok((login_limit::wait_secs(c, &n, &a)?, users::login_hash(c, &n)?))).await?;
    let wait = Duration::from_secs(wait.max(0) as u64);
    if wait > LONGEST_INLINE_WAIT {
        tokio::time::sleep(LONGEST_INLINE_WAIT).await;
        state.metrics.login("delayed");
        return Ok(LoginOutcome::TooSoon { retry_after_secs: (wait - LONGEST_INLINE_WAIT).as_secs().max(1) });
    }
    tokio::time::sleep(wait).await;
    let Ok(matches) = state.passwords.check(hash, password).await else {
        state.metrics.login("busy");
        return Ok(LoginOutcome::Busy);
    };
    let outcome = state
        .db
        .call(move |c| {
            let from = format!("from {addr}");
            // Re-read: the user may have been disabled while argon2 ran.
            match users::by_name(c, &name)?.filter(|u| matches && !u.disabled) {
                Some(user) => {
                    login_limit::succeeded(c, &name)?;
                    audit::record(c, &user.name, "login", None, &from)?;
                    Ok(LoginOutcome::SignedIn(sessions::start(c, user.id)?))
                }
                None => {
                    let wait = login_limit::failed(c, &name, &addr)?;
                    let detail = match wait {
                        0 => from,
                        s => format!("{from}; the next attempt from there waits {s} s"),
                    };
                    audit::record(c, &name, "login.failed", None, &detail)?;
                    Ok(LoginOutcome::Refused)
                }
            }
        })
        .await?;
    state.metrics.login(if matches!(outcome, LoginOutcome::SignedIn(_)) { "ok" } else { "failed" });
    Ok(outcome)
}

/// An admin clears the login delay of `name` (any name: a delayed one need
/// not be a user), audited as `login.unlock`. Returns how many recent
/// failures it cleared. The console and `users unlock` both call this.
pub fn clear_delay(conn: &mut Connection, actor: &str, name: &str) -> Result<usize, DbError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DbError::Refused("name the user whose login delay to clear".into()));
    }
    let tx = conn.transaction()?;
    let cleared = login_limit::clear(&tx, name)?;
    audit::record(&tx, actor, "login.unlock", Some(name), &format!("{cleared} recent failed logins cleared"))?;
    tx.commit()?;
    Ok(cleared)
}
