//! Console sessions: a random id in an `HttpOnly` cookie, its SHA-256 here,
//! with the CSRF token of the session. A session ends on logout, after an
//! idle period, and at the latest after [`MAX_AGE_SECS`].

use rusqlite::{params, Connection, OptionalExtension};

use super::users::{by_id, User};
use super::{now_unix, token, DbError};
use foyer_domain::Secret;

/// No session lives longer than a working day and a half, active or not.
pub const MAX_AGE_SECS: i64 = 12 * 3600;

/// A new session's cookie value and CSRF token.
pub struct NewSession {
    pub cookie: Secret,
    pub csrf: String,
}

/// A live session and its user.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
}

/// Starts a session for `user_id`.
pub fn start(conn: &Connection, user_id: i64) -> Result<NewSession, DbError> {
    let cookie = token::random("fys_");
    let csrf = token::random("").expose().to_owned();
    let now = now_unix();
    conn.execute(
        "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![token::hash(cookie.expose()), user_id, csrf, now],
    )?;
    Ok(NewSession { cookie, csrf })
}

/// The session of a cookie value if it is live, marking it used now; an
/// idle or too old session is deleted and is `None`.
pub fn resume(conn: &Connection, cookie: &str, idle_secs: i64) -> Result<Option<Session>, DbError> {
    let id_hash = token::hash(cookie);
    let row: Option<(i64, String, i64, i64)> = conn
        .prepare_cached("SELECT user_id, csrf, created_at, last_seen_at FROM sessions WHERE id_hash = ?1")?
        .query_row([&id_hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((user_id, csrf, created_at, last_seen_at)) = row else { return Ok(None) };
    let now = now_unix();
    let user = by_id(conn, user_id)?.filter(|u| !u.disabled);
    let expired = now - last_seen_at > idle_secs || now - created_at > MAX_AGE_SECS;
    match user {
        Some(user) if !expired => {
            // Writing on every request would make each page a disk write;
            // a minute's precision is plenty for an idle timeout.
            if now - last_seen_at >= 60 {
                conn.prepare_cached("UPDATE sessions SET last_seen_at = ?2 WHERE id_hash = ?1")?
                    .execute(params![id_hash, now])?;
            }
            Ok(Some(Session { user, csrf }))
        }
        _ => {
            conn.execute("DELETE FROM sessions WHERE id_hash = ?1", [id_hash])?;
            Ok(None)
        }
    }
}

/// Whether the session of a cookie is still live, without marking it used:
/// an open live stream must not keep an idle session alive.
pub fn is_live(conn: &Connection, cookie: &str, idle_secs: i64) -> Result<bool, DbError> {
    let row: Option<(i64, i64, i64)> = conn
        .prepare_cached("SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = ?1")?
        .query_row([token::hash(cookie)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((user_id, created_at, last_seen_at)) = row else { return Ok(false) };
    let now = now_unix();
    let fresh = now - last_seen_at <= idle_secs && now - created_at <= MAX_AGE_SECS;
    Ok(fresh && by_id(conn, user_id)?.is_some_and(|u| !u.disabled))
}

/// Ends a session (logout).
pub fn end(conn: &Connection, cookie: &str) -> Result<(), DbError> {
    conn.execute("DELETE FROM sessions WHERE id_hash = ?1", [token::hash(cookie)])?;
    Ok(())
}

/// Deletes sessions idle for longer than `idle_secs` (housekeeping).
pub fn sweep(conn: &Connection, idle_secs: i64) -> Result<usize, DbError> {
    let now = now_unix();
    Ok(conn.execute(
        "DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2",
        params![now - idle_secs, now - MAX_AGE_SECS],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::users::{add, Role};
    use crate::db::Db;

    #[test]
    fn a_session_resumes_until_logout_and_an_idle_one_expires() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            let id = add(c, "ana", Role::Receptionist, "long enough pw")?;
            let s = start(c, id)?;
            let live = resume(c, s.cookie.expose(), 600)?.expect("live session");
            assert_eq!((live.user.name.as_str(), live.csrf.as_str()), ("ana", s.csrf.as_str()));
            assert!(resume(c, "fys_forged", 600)?.is_none());
            end(c, s.cookie.expose())?;
            assert!(resume(c, s.cookie.expose(), 600)?.is_none());

            let idle = start(c, id)?;
            c.execute("UPDATE sessions SET last_seen_at = last_seen_at - 601", [])?;
            assert!(resume(c, idle.cookie.expose(), 600)?.is_none());
            let stored: i64 = c.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))?;
            assert_eq!(stored, 0, "an expired session is deleted");
            Ok(())
        })
        .unwrap();
    }
}
