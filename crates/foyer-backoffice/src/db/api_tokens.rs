//! API tokens for scripting the console's JSON API: created by an admin
//! for a user, acting with that user's role, revocable at once.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use utoipa::ToSchema;

use super::users::{by_id, User};
use super::{now_unix, token, DbError};
use foyer_domain::Secret;

/// The prefix that tells an API token from a kiosk token (`fyk_`).
pub const PREFIX: &str = "fyu_";

/// A token as listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ApiTokenRow {
    pub id: i64,
    pub user: String,
    pub label: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// Creates a token for `user_id`; the secret is returned once.
pub fn create(conn: &Connection, user_id: i64, label: &str) -> Result<(i64, Secret), DbError> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 80 || label.chars().any(char::is_control) {
        return Err(DbError::Refused("a token label needs 1 to 80 printable characters".into()));
    }
    if by_id(conn, user_id)?.filter(|u| !u.disabled).is_none() {
        return Err(DbError::Missing(format!("no active user has id {user_id}")));
    }
    let secret = token::random(PREFIX);
    conn.execute(
        "INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![user_id, label, token::hash(secret.expose()), now_unix()],
    )?;
    Ok((conn.last_insert_rowid(), secret))
}

/// A live token's id and the (active) user it acts for.
pub fn authenticate(conn: &Connection, secret: &str) -> Result<Option<(i64, User)>, DbError> {
    let row: Option<(i64, i64, Option<i64>)> = conn
        .prepare_cached(
            "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL",
        )?
        .query_row([token::hash(secret)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((id, user_id, last_used)) = row else { return Ok(None) };
    let now = now_unix();
    if last_used.is_none_or(|t| now - t >= 60) {
        conn.prepare_cached("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    }
    Ok(by_id(conn, user_id)?.filter(|u| !u.disabled).map(|u| (id, u)))
}

/// Revokes a token at once.
pub fn revoke(conn: &Connection, id: i64) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, now_unix()],
    )?;
    if n == 0 {
        return Err(DbError::Missing(format!("no live API token has id {id}")));
    }
    Ok(())
}

/// Every token, newest first.
pub fn list(conn: &Connection) -> Result<Vec<ApiTokenRow>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT t.id, u.name, t.label, t.created_at, t.revoked_at, t.last_used_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ApiTokenRow {
            id: r.get(0)?,
            user: r.get(1)?,
            label: r.get(2)?,
            created_at: r.get(3)?,
            revoked_at: r.get(4)?,
            last_used_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::users::{add, Role};
    use crate::db::Db;

    #[test]
    fn a_token_acts_for_its_user_until_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            let uid = add(c, "script", Role::Receptionist, "long enough pw")?;
            let (id, secret) = create(c, uid, "nightly export")?;
            assert!(secret.expose().starts_with(PREFIX));
            assert_eq!(authenticate(c, secret.expose())?.map(|(_, u)| u.name), Some("script".into()));
            assert_eq!(list(c)?[0].label, "nightly export");
            revoke(c, id)?;
            assert_eq!(authenticate(c, secret.expose())?, None);
            assert!(revoke(c, id).is_err());
            assert!(create(c, uid, " ").is_err());
            Ok(())
        })
        .unwrap();
    }
}
