//! Invitations: an expected visit reachable by a short code.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::StoreResult;
use foyer_domain::InvitationCode;

/// Links a code to an expected visit. Call in the transaction that inserts
/// the visit.
pub fn insert(conn: &Connection, code: &InvitationCode, visit_id: Uuid, expected_on: &str, at: i64) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO invitations (code, visit_id, expected_on, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![code.as_str(), visit_id.to_string(), expected_on, at],
    )?;
    Ok(())
}

/// The visit an invitation code belongs to, and the day it is expected.
pub fn find(conn: &Connection, code: &InvitationCode) -> StoreResult<Option<(Uuid, String)>> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT visit_id, expected_on FROM invitations WHERE code = ?1", [code.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(id, day)| Uuid::parse_str(&id).ok().map(|id| (id, day))))
}
