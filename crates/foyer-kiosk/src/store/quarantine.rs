//! Events held back (quarantined): the back office refused them one by one,
//! so sending them again unchanged would only block every later event.
//! The row stays in the outbox, marked, until an installer releases it
//! (`foyer outbox retry`), e.g. after upgrading the back office. Holding
//! and releasing are audited in the same transaction.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use super::{audit, now_unix, write_tx, StoreResult};

/// The longest reason kept: enough for the back office's one-line message.
pub const REASON_MAX_CHARS: usize = 300;

/// An unsent outbox event as the installer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub seq: i64,
    pub event_id: String,
    pub event_type: String,
    /// Unix seconds when the kiosk recorded it.
    pub created_at: i64,
    /// When and why it was held back; `None` while it waits to be sent.
    pub held: Option<(i64, String)>,
}

/// What `release` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    /// The event is no longer held; the forwarder sends it again.
    Released,
    /// Not held back: it waits to be sent anyway.
    Waiting,
    /// Already acknowledged by the back office (at this unix time).
    Sent(i64),
    /// No outbox event has this seq.
    Missing,
}

/// Holds back the unsent event `seq` with the back office's `reason`, and
/// writes an audit entry naming it. Returns false when there was no unsent
/// event to hold.
pub fn hold(conn: &mut Connection, seq: i64, reason: &str, actor: &str) -> StoreResult<bool> {
    let reason = truncate(reason, REASON_MAX_CHARS);
    let tx = write_tx(conn)?;
    let row: Option<(String, String, Option<String>)> = tx
        .query_row("SELECT event_id, event_type, visit_id FROM outbox WHERE seq = ?1 AND sent_at IS NULL", [seq], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((event_id, event_type, visit_id)) = row else { return Ok(false) };
    tx.execute(
        "UPDATE outbox SET quarantined_at = ?1, quarantine_reason = ?2 WHERE seq = ?3",
        params![now_unix(), reason, seq],
    )?;
    let detail = json!({ "seq": seq, "event_id": event_id, "type": event_type, "reason": reason });
    audit::append(&tx, actor, "outbox.held", visit_id.as_deref(), &detail)?;
    tx.commit()?;
    Ok(true)
}

/// Releases one held event so the forwarder tries it again, in seq order.
pub fn release(conn: &mut Connection, seq: i64, actor: &str) -> StoreResult<Release> {
    let tx = write_tx(conn)?;
    let row: Option<(Option<i64>, Option<i64>)> = tx
        .query_row("SELECT sent_at, quarantined_at FROM outbox WHERE seq = ?1", [seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let outcome = match row {
        None => Release::Missing,
        Some((Some(at), _)) => Release::Sent(at),
        Some((None, None)) => Release::Waiting,
        Some((None, Some(_))) => {
            release_row(&tx, seq, actor)?;
            Release::Released
        }
    };
    tx.commit()?;
    Ok(outcome)
}

/// Releases every held event; returns how many.
pub fn release_all(conn: &mut Connection, actor: &str) -> StoreResult<usize> {
    let tx = write_tx(conn)?;
    let seqs = {
        let mut stmt =
            tx.prepare("SELECT seq FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NOT NULL ORDER BY seq")?;
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    for seq in &seqs {
        release_row(&tx, *seq, actor)?;
    }
    tx.commit()?;
    Ok(seqs.len())
}

/// Clears the mark of one held row and audits it with the reason it had.
fn release_row(conn: &Connection, seq: i64, actor: &str) -> StoreResult<()> {
    let (event_id, event_type, visit_id, reason): (String, String, Option<String>, Option<String>) = conn.query_row(
        "SELECT event_id, event_type, visit_id, quarantine_reason FROM outbox WHERE seq = ?1",
        [seq],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    conn.execute("UPDATE outbox SET quarantined_at = NULL, quarantine_reason = NULL WHERE seq = ?1", [seq])?;
    let detail = json!({ "seq": seq, "event_id": event_id, "type": event_type, "was_held_for": reason });
    audit::append(conn, actor, "outbox.retry", visit_id.as_deref(), &detail)
}

/// Unsent events in seq order: all of them, or only the held ones.
pub fn unsent(conn: &Connection, held_only: bool) -> StoreResult<Vec<OutboxEntry>> {
    // Each branch matches one partial index (outbox_ready, outbox_held):
    // the sent rows, nearly all of the table, are never scanned.
    const COLUMNS: &str = "SELECT seq, event_id, event_type, created_at, quarantined_at, quarantine_reason FROM outbox";
    const HELD: &str = "WHERE sent_at IS NULL AND quarantined_at IS NOT NULL";
    const READY: &str = "WHERE sent_at IS NULL AND quarantined_at IS NULL";
    let sql = if held_only {
        format!("{COLUMNS} {HELD} ORDER BY seq")
    } else {
        format!("{COLUMNS} {READY} UNION ALL {COLUMNS} {HELD} ORDER BY seq")
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        let at: Option<i64> = r.get(4)?;
        let reason: Option<String> = r.get(5)?;
        Ok(OutboxEntry {
            seq: r.get(0)?,
            event_id: r.get(1)?,
            event_type: r.get(2)?,
            created_at: r.get(3)?,
            held: at.map(|at| (at, reason.unwrap_or_default())),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many events are held back (shown in staff mode).
pub fn held_count(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NOT NULL", [], |r| {
        r.get(0)
    })?)
}

/// At most `max` characters, never cutting one in half.
fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
#[path = "quarantine_tests.rs"]
mod tests;
