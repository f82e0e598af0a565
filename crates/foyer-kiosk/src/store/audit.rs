//! The audit log: append-only (triggers refuse updates and deletes).

use rusqlite::{params, Connection};
use serde::Serialize;

use super::{now_unix, StoreResult};

/// One audit entry as read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub visit_id: Option<String>,
    pub detail: serde_json::Value,
}

/// Appends an entry. Call inside the transaction of the change it records.
pub fn append(
    conn: &Connection,
    actor: &str,
    action: &str,
    visit_id: Option<&str>,
    detail: &serde_json::Value,
) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO audit_log (at, actor, action, visit_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![now_unix(), actor, action, visit_id, detail.to_string()])?;
    Ok(())
}

/// The newest entries, newest first, optionally of one visit.
pub fn recent(conn: &Connection, visit_id: Option<&str>, limit: u32) -> StoreResult<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, action, visit_id, detail FROM audit_log
         WHERE ?1 IS NULL OR visit_id = ?1 ORDER BY seq DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![visit_id, limit], |r| {
        let detail: String = r.get(5)?;
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            visit_id: r.get(4)?,
            detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
