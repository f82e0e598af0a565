//! The notification queue: one row per channel of one notification, with
//! its delivery status (queued, sending, sent, failed with the reason).

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::invitation_mail::InvitationNotice;
use super::DbError;

/// The channel of a visitor's invitation email. It goes to the visitor, so
/// when it fails for good nobody else is sent it: no reception fallback.
pub const INVITATION_CHANNEL: &str = "invitation";

/// What a notification says; rendered per channel when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// `visit.arrived` (tell the host), `visit.flagged` (tell reception) or
    /// `invitation.created` (email the visitor their invitation).
    pub event: String,
    pub visit_id: Uuid,
    pub visitor_name: String,
    pub company: Option<String>,
    pub host_name: String,
    pub kiosk: String,
    /// Unix seconds.
    pub at: i64,
    /// Why screening flagged the visitor.
    pub reason: Option<String>,
    /// The invitation, for an `invitation` row. Rows queued before it
    /// existed have no such key, hence the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<InvitationNotice>,
}

/// One channel's delivery, as the desk and the kiosk see it (the type
/// crosses to the kiosk, so it lives in `foyer_wire`).
pub use foyer_wire::NotificationRow;

/// A row claimed for sending.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub channel: String,
    pub target: String,
    pub attempts: i64,
    pub notice: Notice,
    pub created_at: i64,
}

/// A channel to use and where to send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub channel: &'static str,
    pub address: String,
}

/// Queues one row per target. Call in the transaction that stores the event.
pub fn enqueue(
    conn: &Connection,
    event_id: &str,
    host_id: Option<i64>,
    notice: &Notice,
    targets: &[Target],
    is_fallback: bool,
    now_ms: i64,
) -> Result<(), DbError> {
    let json = serde_json::to_string(notice).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO notifications (event_id, visit_id, host_id, channel, target, is_fallback, status,
         next_attempt_at, notice, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?8, ?7)",
    )?;
    for t in targets {
        stmt.execute(params![
            event_id,
            notice.visit_id.to_string(),
            host_id,
            t.channel,
            t.address,
            is_fallback,
            now_ms,
            json
        ])?;
    }
    Ok(())
}

/// Records that nobody could be told (no channel, no reception address),
/// so the desk sees it rather than silence.
pub fn record_unreachable(
    conn: &Connection,
    event_id: &str,
    host_id: Option<i64>,
    notice: &Notice,
    now_ms: i64,
) -> Result<(), DbError> {
    let json = serde_json::to_string(notice).map_err(|e| DbError::Corrupt(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO notifications (event_id, visit_id, host_id, channel, target, is_fallback, status,
         next_attempt_at, last_error, notice, created_at) VALUES (?1, ?2, ?3, 'reception', '', 1, 'failed', ?4,
         'the host has no notification channel and no reception address is configured', ?5, ?4)",
    )?
    .execute(params![event_id, notice.visit_id.to_string(), host_id, now_ms, json])?;
    Ok(())
}

/// Rows left `sending` by a stop in mid-delivery go back to the queue.
pub fn requeue_interrupted(conn: &Connection) -> Result<usize, DbError> {
    Ok(conn.execute("UPDATE notifications SET status = 'queued' WHERE status = 'sending'", [])?)
}

/// Claims up to `limit` due rows, oldest first, marking them `sending`.
pub fn claim_due(conn: &mut Connection, now_ms: i64, limit: u32) -> Result<Vec<Delivery>, DbError> {
    let tx = conn.transaction()?;
    let rows = tx
        .prepare_cached(
            "UPDATE notifications SET status = 'sending' WHERE id IN (SELECT id FROM notifications
             WHERE status = 'queued' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2)
             RETURNING id, channel, target, attempts, notice, created_at",
        )?
        .query_map(params![now_ms, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?, r.get(5)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    tx.commit()?;
    rows.into_iter()
        .map(|(id, channel, target, attempts, notice, created_at)| {
            let notice = serde_json::from_str(&notice).map_err(|e| DbError::Corrupt(format!("notice {id}: {e}")))?;
            Ok(Delivery { id, channel, target, attempts, notice, created_at })
        })
        .collect()
}

/// When the next queued row is due, if any.
pub fn next_due(conn: &Connection) -> Result<Option<i64>, DbError> {
    Ok(conn.query_row("SELECT min(next_attempt_at) FROM notifications WHERE status = 'queued'", [], |r| r.get(0))?)
}

pub fn mark_sent(conn: &Connection, id: i64, now_ms: i64) -> Result<(), DbError> {
    conn.prepare_cached("UPDATE notifications SET status = 'sent', attempts = attempts + 1, sent_at = ?2, last_error = NULL WHERE id = ?1")?
        .execute(params![id, now_ms])?;
    Ok(())
}

/// Puts a row back in the queue after a failed attempt.
pub fn mark_retry(conn: &Connection, id: i64, error: &str, next_at_ms: i64) -> Result<(), DbError> {
    conn.prepare_cached(
        "UPDATE notifications SET status = 'queued', attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, error, next_at_ms])?;
    Ok(())
}

/// Marks a row failed for good. When it was the last hope of its event
/// (every host channel failed, no fallback yet), queues the reception
/// fallback to `reception`, or records that nobody could be told. An
/// invitation email has no fallback: it is the visitor's, not reception's.
pub fn mark_failed(
    conn: &mut Connection,
    id: i64,
    error: &str,
    reception: Option<&str>,
    now_ms: i64,
) -> Result<bool, DbError> {
    let tx = conn.transaction()?;
    let (event_id, host_id, notice, channel): (String, Option<i64>, String, String) = tx.query_row(
        "UPDATE notifications SET status = 'failed', attempts = attempts + 1, last_error = ?2 WHERE id = ?1
         RETURNING event_id, host_id, notice, channel",
        params![id, error],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if channel == INVITATION_CHANNEL {
        tx.commit()?;
        return Ok(false);
    }
    let open: i64 = tx.query_row(
        "SELECT count(*) FROM notifications WHERE event_id = ?1 AND (status != 'failed' OR is_fallback)",
        [&event_id],
        |r| r.get(0),
    )?;
    let fallback = open == 0;
    if fallback {
        let notice: Notice = serde_json::from_str(&notice).map_err(|e| DbError::Corrupt(e.to_string()))?;
        match reception {
            Some(addr) => {
                let target = Target { channel: "reception", address: addr.to_owned() };
                enqueue(&tx, &event_id, host_id, &notice, &[target], true, now_ms)?
            }
            None => record_unreachable(&tx, &event_id, host_id, &notice, now_ms)?,
        }
    }
    tx.commit()?;
    Ok(fallback)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<NotificationRow> {
    Ok(NotificationRow {
        id: r.get(0)?,
        visit_id: r.get(1)?,
        host_id: r.get(2)?,
        channel: r.get(3)?,
        status: r.get(4)?,
        attempts: r.get(5)?,
        last_error: r.get(6)?,
        is_fallback: r.get(7)?,
        created_at: r.get(8)?,
        sent_at: r.get(9)?,
    })
}

const SELECT: &str =
    "SELECT id, visit_id, host_id, channel, status, attempts, last_error, is_fallback, created_at, sent_at
    FROM notifications";

/// The deliveries of one visit, or the newest `limit` of all; with `kiosk`,
/// only those of visits that kiosk checked in.
pub fn list(
    conn: &Connection,
    visit_id: Option<&str>,
    kiosk: Option<&str>,
    limit: u32,
) -> Result<Vec<NotificationRow>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (?1 IS NULL OR visit_id = ?1)
           AND (?2 IS NULL OR visit_id IN (SELECT id FROM visits WHERE kiosk = ?2))
         ORDER BY id DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![visit_id, kiosk, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One delivery by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<NotificationRow>, DbError> {
    Ok(conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row).optional()?)
}

/// How many rows wait to be sent (a gauge in /metrics).
pub fn queue_length(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn.query_row("SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending')", [], |r| r.get(0))?)
}
