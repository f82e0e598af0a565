//! The outbox: events for the back office, written in the same transaction
//! as the change they describe and sent in order by the forwarder.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{now_unix, StoreError, StoreResult};
use foyer_domain::events::KioskEvent;

/// One event as stored and as sent: the envelope around a typed payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEvent {
    pub seq: i64,
    /// Unique per event, so a retried send is never applied twice.
    pub event_id: Uuid,
    #[serde(rename = "type")]
    pub event_type: String,
    /// Unix seconds when the kiosk recorded it.
    pub occurred_at: i64,
    pub data: serde_json::Value,
}

/// Appends an event and returns its id. Call inside the transaction of the
/// change the event describes.
pub fn push(conn: &Connection, event: &KioskEvent) -> StoreResult<Uuid> {
    let id = Uuid::new_v4();
    let mut json = serde_json::to_value(event).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let data = json.get_mut("data").map(serde_json::Value::take).unwrap_or_default();
    conn.prepare_cached(
        "INSERT INTO outbox (event_id, event_type, visit_id, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.to_string(),
        event.kind(),
        event.visit_id().map(|v| v.to_string()),
        data.to_string(),
        now_unix()
    ])?;
    Ok(id)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxEvent> {
    let corrupt = |i, e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e)
    };
    let id: String = r.get(1)?;
    let payload: String = r.get(4)?;
    Ok(OutboxEvent {
        seq: r.get(0)?,
        event_id: Uuid::parse_str(&id).map_err(|e| corrupt(1, e.into()))?,
        event_type: r.get(2)?,
        occurred_at: r.get(3)?,
        data: serde_json::from_str(&payload).map_err(|e| corrupt(4, e.into()))?,
    })
}

/// The oldest unsent events, in order, leaving out those held back
/// (`store::quarantine`): one refused event must not stop the others.
pub fn pending(conn: &Connection, limit: u32) -> StoreResult<Vec<OutboxEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, event_id, event_type, created_at, payload FROM outbox
         WHERE sent_at IS NULL AND quarantined_at IS NULL ORDER BY seq LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks exactly these events as sent, all or none. Not "everything up to
/// the last seq": a held event among them may have been released for a
/// retry meanwhile (`foyer outbox retry`), and it has not been sent.
pub fn mark_sent(conn: &mut Connection, seqs: &[i64]) -> StoreResult<usize> {
    let tx = super::write_tx(conn)?;
    let mut marked = 0;
    {
        let mut stmt = tx.prepare_cached("UPDATE outbox SET sent_at = ?1 WHERE seq = ?2 AND sent_at IS NULL")?;
        let now = now_unix();
        for seq in seqs {
            marked += stmt.execute(params![now, seq])?;
        }
    }
    tx.commit()?;
    Ok(marked)
}

/// How many events wait to be sent, not counting those held back (shown in
/// staff mode beside `quarantine::held_count`).
pub fn pending_count(conn: &Connection) -> StoreResult<i64> {
    Ok(conn
        .query_row("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL", [], |r| r.get(0))?)
}

/// Every event of one visit, oldest first (tests and the desk timeline).
pub fn for_visit(conn: &Connection, visit_id: &str) -> StoreResult<Vec<OutboxEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, event_id, event_type, created_at, payload FROM outbox
         WHERE visit_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([visit_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How far the arrival of a visit got: `None` when the kiosk recorded none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrivalSent {
    Waiting,
    Sent,
    /// The back office refused it (`store::quarantine`).
    Held,
}

/// Whether the `visit.arrived` event of a visit has reached the back office.
pub fn arrival_sent(conn: &Connection, visit_id: &str) -> StoreResult<Option<ArrivalSent>> {
    let row = conn
        .prepare_cached(
            "SELECT sent_at IS NOT NULL, quarantined_at IS NOT NULL FROM outbox
             WHERE visit_id = ?1 AND event_type = 'visit.arrived' ORDER BY seq LIMIT 1",
        )?
        .query_row([visit_id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?)))
        .optional()?;
    Ok(row.map(|(sent, held)| match (sent, held) {
        (true, _) => ArrivalSent::Sent,
        (false, true) => ArrivalSent::Held,
        (false, false) => ArrivalSent::Waiting,
    }))
}
