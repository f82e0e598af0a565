//! Kiosks and their bearer tokens. Only a SHA-256 of each token is stored:
//! a token is 256 random bits, so a fast hash cannot be brute-forced, and a
//! slow password hash (argon2) would only slow every request down.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{now_unix, DbError};
use foyer_domain::Secret;

/// A kiosk as listed by `foyer kiosks list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KioskRow {
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub last_seen_at: Option<i64>,
}

/// A fresh random token: `fyk_` and 43 base64url characters.
pub fn generate_token() -> Secret {
    super::token::random("fyk_")
}

pub use super::token::hash as token_hash;

/// Validates a kiosk name: what the visit log and the audit log show.
fn check_name(name: &str) -> Result<(), DbError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(DbError::Refused(format!("{name:?} is not a kiosk name: use 1–64 letters, digits, '-', '_' or '.'")))
    }
}

/// Adds a kiosk and returns its token, which is shown once and never again.
/// A revoked kiosk of the same name is replaced; an active one is refused.
pub fn add(conn: &Connection, name: &str) -> Result<Secret, DbError> {
    check_name(name)?;
    let active: Option<i64> = conn
        .query_row("SELECT id FROM kiosks WHERE name = ?1 AND revoked_at IS NULL", [name], |r| r.get(0))
        .optional()?;
    if active.is_some() {
        return Err(DbError::Conflict(format!("kiosk {name} already has a token; revoke it first")));
    }
    let token = generate_token();
    conn.execute(
        "INSERT INTO kiosks (name, token_hash, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(name) DO UPDATE SET token_hash = ?2, created_at = ?3, revoked_at = NULL, last_seen_at = NULL",
        params![name, token_hash(token.expose()), now_unix()],
    )?;
    Ok(token)
}

/// Revokes a kiosk's token at once; returns whether there was one to revoke.
pub fn revoke(conn: &Connection, name: &str) -> Result<bool, DbError> {
    Ok(conn.execute(
        "UPDATE kiosks SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
        params![name, now_unix()],
    )? == 1)
}

/// Whether `token` is the current token of kiosk `name` (in-process start-up
/// reuses a saved token only when it still is).
pub fn token_is_current(conn: &Connection, name: &str, token: &str) -> Result<bool, DbError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM kiosks WHERE name = ?1 AND token_hash = ?2 AND revoked_at IS NULL",
            params![name, token_hash(token)],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The kiosk a bearer token belongs to, if it is valid; notes when it was
/// last seen (at most once a minute, to keep requests free of writes).
pub fn authenticate(conn: &Connection, token: &str) -> Result<Option<String>, DbError> {
    let found: Option<(i64, String, Option<i64>)> = conn
        .prepare_cached("SELECT id, name, last_seen_at FROM kiosks WHERE token_hash = ?1 AND revoked_at IS NULL")?
        .query_row([token_hash(token)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((id, name, seen)) = found else { return Ok(None) };
    let now = now_unix();
    if seen.is_none_or(|s| s < now - 60) {
        conn.prepare_cached("UPDATE kiosks SET last_seen_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    }
    Ok(Some(name))
}

/// Every kiosk, by name.
pub fn list(conn: &Connection) -> Result<Vec<KioskRow>, DbError> {
    let mut stmt = conn.prepare("SELECT name, created_at, revoked_at, last_seen_at FROM kiosks ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(KioskRow { name: r.get(0)?, created_at: r.get(1)?, revoked_at: r.get(2)?, last_seen_at: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_token_authenticates_until_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            let token = add(c, "lobby-1")?;
            assert_eq!(authenticate(c, token.expose())?.as_deref(), Some("lobby-1"));
            assert_eq!(authenticate(c, "fyk_wrong")?, None);
            assert!(matches!(add(c, "lobby-1"), Err(DbError::Conflict(_))));
            assert!(revoke(c, "lobby-1")?);
            assert_eq!(authenticate(c, token.expose())?, None);
            let again = add(c, "lobby-1")?;
            assert_ne!(again, token);
            assert!(token_is_current(c, "lobby-1", again.expose())?);
            let stored: String = c.query_row("SELECT token_hash FROM kiosks", [], |r| r.get(0))?;
            assert!(!stored.contains(again.expose()));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_bad_kiosk_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        assert!(db.with(|c| add(c, "lobby 1; drop")).is_err());
    }
}
