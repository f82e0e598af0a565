//! The kiosk's side of the link to the back office: the sync cursor, and
//! the ledger of desk commands that makes each run at most once, even when
//! its acknowledgement is lost or the kiosk stops half-way.

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_unix, StoreResult};

const SYNC_VERSION: &str = "sync_version";
const LAST_CONTACT: &str = "last_contact";

/// The version of the last applied directory sync (0: never synced).
pub fn sync_version(conn: &Connection) -> StoreResult<i64> {
    let v: Option<String> =
        conn.query_row("SELECT value FROM link_state WHERE key = ?1", [SYNC_VERSION], |r| r.get(0)).optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Stores the sync cursor; call in the transaction that applied the sync.
pub fn set_sync_version(conn: &Connection, version: i64) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO link_state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![SYNC_VERSION, version.to_string()],
    )?;
    Ok(())
}

/// Notes that the back office answered a sync now (staff mode shows it).
pub fn set_last_contact(conn: &Connection, at: i64) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO link_state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![LAST_CONTACT, at.to_string()],
    )?;
    Ok(())
}

/// When the back office last answered a sync (unix seconds), if ever.
pub fn last_contact(conn: &Connection) -> StoreResult<Option<i64>> {
    let v: Option<String> =
        conn.query_row("SELECT value FROM link_state WHERE key = ?1", [LAST_CONTACT], |r| r.get(0)).optional()?;
    Ok(v.and_then(|v| v.parse().ok()))
}

/// What the ledger knows of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandRecord {
    /// Never seen: it is now marked started and must be run.
    Run,
    /// Already run, with this outcome (its ack was lost): ack again.
    Done { ok: bool, message: String },
    /// Started but never finished (the kiosk stopped): not run again, since
    /// it may have opened the door or printed already.
    Interrupted,
}

/// Looks a command up, marking it started when it is new. The mark commits
/// before the command runs: that is what makes it run at most once.
pub fn begin_command(conn: &Connection, id: i64, kind: &str) -> StoreResult<CommandRecord> {
    let inserted = conn.execute(
        "INSERT INTO link_commands (id, kind, started_at) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO NOTHING",
        params![id, kind, now_unix()],
    )?;
    if inserted == 1 {
        return Ok(CommandRecord::Run);
    }
    let (ok, message): (Option<bool>, Option<String>) =
        conn.query_row("SELECT ok, message FROM link_commands WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(match ok {
        Some(ok) => CommandRecord::Done { ok, message: message.unwrap_or_default() },
        None => CommandRecord::Interrupted,
    })
}

/// Records a command's outcome.
pub fn finish_command(conn: &Connection, id: i64, ok: bool, message: &str) -> StoreResult<()> {
    conn.execute(
        "UPDATE link_commands SET finished_at = ?2, ok = ?3, message = ?4 WHERE id = ?1",
        params![id, now_unix(), ok, message],
    )?;
    Ok(())
}

/// Notes that the back office has the command's outcome.
pub fn mark_acked(conn: &Connection, id: i64) -> StoreResult<()> {
    conn.execute("UPDATE link_commands SET acked_at = ?2 WHERE id = ?1", params![id, now_unix()])?;
    Ok(())
}

/// How many commands ran here (tests, staff mode).
pub fn commands_run(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM link_commands", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_command_runs_once_and_an_interrupted_one_never_again() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("k.db")).unwrap();
        let c = s.conn();
        assert_eq!(begin_command(c, 7, "release_door").unwrap(), CommandRecord::Run);
        assert_eq!(begin_command(c, 7, "release_door").unwrap(), CommandRecord::Interrupted);
        finish_command(c, 7, true, "door released").unwrap();
        assert_eq!(
            begin_command(c, 7, "release_door").unwrap(),
            CommandRecord::Done { ok: true, message: "door released".into() }
        );
        assert_eq!(commands_run(c).unwrap(), 1);
    }

    #[test]
    fn the_sync_cursor_starts_at_zero_and_keeps_its_value() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("k.db")).unwrap();
        assert_eq!(sync_version(s.conn()).unwrap(), 0);
        set_sync_version(s.conn(), 42).unwrap();
        assert_eq!(sync_version(s.conn()).unwrap(), 42);
    }
}
