//! The visitor agreement: versioned text, and who accepted which version.

use rusqlite::{params, Connection};
use uuid::Uuid;

use super::StoreResult;

/// The agreement version kiosks show now, with its text.
pub fn current(conn: &Connection) -> StoreResult<(i64, String)> {
    Ok(conn.query_row("SELECT version, text FROM agreements ORDER BY version DESC LIMIT 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?)
}

/// Records that the visitor of `visit_id` accepted `version`.
pub fn accept(conn: &Connection, visit_id: Uuid, version: i64, at: i64) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO agreements_accepted (visit_id, version, accepted_at) VALUES (?1, ?2, ?3)")?
        .execute(params![visit_id.to_string(), version, at])?;
    Ok(())
}

/// The version a visit's visitor accepted, if any.
pub fn accepted_by(conn: &Connection, visit_id: Uuid) -> StoreResult<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT max(version) FROM agreements_accepted WHERE visit_id = ?1", [visit_id.to_string()], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}
