//! Desk commands for kiosks: queued here, delivered to their kiosk until it
//! acknowledges them, with the kiosk's outcome kept for the desk.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use utoipa::ToSchema;

use super::{now_unix, DbError};
use foyer_wire::{Command, CommandAck, CommandKind};

/// Queues a command for `kiosk`; returns its id.
pub fn enqueue(conn: &Connection, kiosk: &str, issued_by: &str, command: &CommandKind) -> Result<i64, DbError> {
    let known: bool = conn
        .query_row("SELECT 1 FROM kiosks WHERE name = ?1 AND revoked_at IS NULL", [kiosk], |_| Ok(()))
        .optional()?
        .is_some();
    if !known {
        return Err(DbError::Missing(format!("no active kiosk is named {kiosk}")));
    }
    if issued_by.trim().is_empty() {
        return Err(DbError::Refused("a command must name the desk user who issued it".into()));
    }
    let body = serde_json::to_string(command).map_err(|e| DbError::Corrupt(e.to_string()))?;
    conn.execute(
        "INSERT INTO commands (kiosk, issued_by, body, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![kiosk, issued_by, body, now_unix()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Unacknowledged commands of `kiosk` with an id above `after`, oldest first.
pub fn pending(conn: &Connection, kiosk: &str, after: i64, limit: u32) -> Result<Vec<Command>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, issued_by, created_at, body FROM commands
         WHERE kiosk = ?1 AND acked_at IS NULL AND id > ?2 ORDER BY id LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![kiosk, after, limit], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?))
    })?;
    rows.map(|row| {
        let (id, issued_by, created_at, body) = row?;
        let command = serde_json::from_str(&body).map_err(|e| DbError::Corrupt(format!("command {id}: {e}")))?;
        Ok(Command { id, issued_by, created_at, command })
    })
    .collect()
}

/// Records the kiosk's outcome. A repeated ack is accepted and changes
/// nothing; an ack from another kiosk, or for no command, is refused.
pub fn ack(conn: &Connection, kiosk: &str, id: i64, outcome: &CommandAck) -> Result<(), DbError> {
    let owner: Option<String> =
        conn.query_row("SELECT kiosk FROM commands WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    if owner.as_deref() != Some(kiosk) {
        return Err(DbError::Missing(format!("kiosk {kiosk} has no command {id}")));
    }
    conn.execute(
        "UPDATE commands SET acked_at = ?2, ok = ?3, message = ?4 WHERE id = ?1 AND acked_at IS NULL",
        params![id, now_unix(), outcome.ok, outcome.message],
    )?;
    Ok(())
}

/// A command and what became of it, for the desk and tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CommandStatus {
    pub id: i64,
    pub kiosk: String,
    pub issued_by: String,
    pub command: CommandKind,
    pub acked_at: Option<i64>,
    pub ok: Option<bool>,
    pub message: Option<String>,
}

/// One command with its outcome.
pub fn status(conn: &Connection, id: i64) -> Result<Option<CommandStatus>, DbError> {
    let row = conn
        .query_row("SELECT id, kiosk, issued_by, body, acked_at, ok, message FROM commands WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })
        .optional()?;
    row.map(|(id, kiosk, issued_by, body, acked_at, ok, message)| {
        let command = serde_json::from_str(&body).map_err(|e| DbError::Corrupt(format!("command {id}: {e}")))?;
        Ok(CommandStatus { id, kiosk, issued_by, command, acked_at, ok, message })
    })
    .transpose()
}

/// How many commands wait for an ack (a gauge in /metrics).
pub fn open_count(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn.query_row("SELECT count(*) FROM commands WHERE acked_at IS NULL", [], |r| r.get(0))?)
}
