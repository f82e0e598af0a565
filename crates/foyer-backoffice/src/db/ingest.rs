//! Storing a batch of kiosk events: each event once (by its id), the visit
//! log brought up to date and the notifications queued, all in the one
//! transaction that the kiosk's acknowledgement stands for. An event the
//! visit's lifecycle or the kiosk's scope refuses (`visit_rules`) fails the
//! whole batch, so nothing of it is half-written.

use rusqlite::{params, Connection, Transaction};

use super::directory::{host_contact, host_name};
use super::notifications::{self, Notice};
use super::visit_rules::{self, Admission};
use super::{now_unix, visit_log, DbError};
use crate::notify::plan::{host_targets, Routing};
use foyer_domain::events::{KioskEvent, VisitSummary};
use foyer_wire::{BatchAck, WireEvent};

/// What storing one batch did: the ack, and the types of the events applied
/// now (for the metrics).
pub type Applied = (BatchAck, Vec<&'static str>);

/// Stores and applies `events` from `kiosk` in a transaction of its own.
pub fn apply_batch(
    conn: &mut Connection,
    kiosk: &str,
    events: &[WireEvent],
    routing: &Routing,
    now_ms: i64,
) -> Result<Applied, DbError> {
    let tx = conn.transaction()?;
    let applied = apply_in(&tx, kiosk, events, routing, now_ms)?;
    tx.commit()?;
    Ok(applied)
}

/// Stores and applies `events` inside the caller's transaction (several
/// batches can share one commit).
pub fn apply_in(
    tx: &Transaction<'_>,
    kiosk: &str,
    events: &[WireEvent],
    routing: &Routing,
    now_ms: i64,
) -> Result<Applied, DbError> {
    let mut ack = BatchAck { accepted: 0, duplicates: 0 };
    let mut applied = Vec::with_capacity(events.len());
    for e in events {
        let data = serde_json::to_value(&e.event).map_err(|err| DbError::Corrupt(err.to_string()))?;
        let inserted = tx
            .prepare_cached(
                "INSERT INTO events (event_id, kiosk, type, visit_id, occurred_at, received_at, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(event_id) DO NOTHING",
            )?
            .execute(params![
                e.event_id.to_string(),
                kiosk,
                e.event.kind(),
                e.event.visit_id().map(|v| v.to_string()),
                e.occurred_at,
                now_unix(),
                data["data"].to_string()
            ])?;
        if inserted == 0 {
            ack.duplicates += 1;
            continue;
        }
        ack.accepted += 1;
        if visit_rules::admit(tx, kiosk, e)? == Admission::Apply {
            applied.push(e.event.kind());
            apply(tx, kiosk, e, routing, now_ms)?;
        }
    }
    Ok((ack, applied))
}

/// Brings the visit log up to date and queues who must be told.
fn apply(tx: &Transaction<'_>, kiosk: &str, e: &WireEvent, routing: &Routing, now_ms: i64) -> Result<(), DbError> {
    let event_id = e.event_id.to_string();
    match &e.event {
        KioskEvent::VisitArrived(v) => {
            let v = &with_directory_name(tx, v)?;
            invitation_used(tx, v)?;
            visit_log::arrived(tx, kiosk, v, "on_site", None)?;
            notify_host(tx, &event_id, notice(v, "visit.arrived", None), v.host_id, routing, now_ms)?;
        }
        KioskEvent::VisitFlagged { visit, reason } => {
            let visit = &with_directory_name(tx, visit)?;
            invitation_used(tx, visit)?;
            visit_log::arrived(tx, kiosk, visit, "pending_approval", Some(reason))?;
            let n = notice(visit, "visit.flagged", Some(reason.clone()));
            notify_reception(tx, &event_id, Some(visit.host_id), &n, routing, now_ms)?;
        }
        KioskEvent::VisitApproved { visit_id, .. } => {
            visit_log::set_state(tx, *visit_id, "on_site", None)?;
            // Approved means arrived: now the host is told, not before.
            if let Some(row) = visit_log::get(tx, *visit_id)? {
                let n = Notice {
                    event: "visit.arrived".into(),
                    visit_id: *visit_id,
                    visitor_name: row.visitor_name,
                    company: row.company,
                    host_name: row.host_name,
                    kiosk: row.kiosk,
                    at: e.occurred_at,
                    reason: None,
                    invitation: None,
                };
                notify_host(tx, &event_id, n, row.host_id.unwrap_or(-1), routing, now_ms)?;
            }
        }
        KioskEvent::VisitDenied { visit_id, .. } => visit_log::set_state(tx, *visit_id, "denied", None)?,
        KioskEvent::VisitDeparted { visit_id, departed_at, .. } => {
            visit_log::set_state(tx, *visit_id, "departed", Some(*departed_at))?
        }
        // Device and badge events stay in the event log (the visit timeline).
        KioskEvent::BadgePrinted { .. }
        | KioskEvent::PrinterFault { .. }
        | KioskEvent::DoorReleased { .. }
        | KioskEvent::DeviceAlarm { .. } => {}
    }
    Ok(())
}

/// The visit with its host's name as the directory has it: a kiosk names
/// the host by id, and the name it sends is not believed (`visit_rules`
/// has refused an id the directory does not know).
fn with_directory_name(tx: &Transaction<'_>, v: &VisitSummary) -> Result<VisitSummary, DbError> {
    let mut v = v.clone();
    if let Some(name) = host_name(tx, v.host_id)? {
        v.host_name = name;
    }
    Ok(v)
}

/// An invitation checked in is used: it gets a new sync version, so every
/// other kiosk hears it is gone (sync sends a used one as cancelled).
fn invitation_used(tx: &Transaction<'_>, v: &VisitSummary) -> Result<(), DbError> {
    if v.invitation.is_none() {
        return Ok(());
    }
    let id = v.visit_id.to_string();
    let known = tx.prepare_cached("SELECT 1 FROM invitations WHERE visit_id = ?1")?.exists([&id])?;
    if known {
        let version = super::directory::tick(tx)?;
        tx.prepare_cached("UPDATE invitations SET version = ?2 WHERE visit_id = ?1")?.execute(params![id, version])?;
    }
    Ok(())
}

fn notice(v: &VisitSummary, event: &str, reason: Option<String>) -> Notice {
    Notice {
        event: event.into(),
        visit_id: v.visit_id,
        visitor_name: v.visitor_name.clone(),
        company: v.company.clone(),
        host_name: v.host_name.clone(),
        kiosk: v.kiosk.clone(),
        at: v.arrived_at,
        reason,
        invitation: None,
    }
}

fn notify_host(
    tx: &Transaction<'_>,
    event_id: &str,
    n: Notice,
    host_id: i64,
    routing: &Routing,
    now_ms: i64,
) -> Result<(), DbError> {
    let contact = host_contact(tx, host_id)?;
    let targets = host_targets(contact.as_ref(), routing);
    let host = contact.map(|c| c.id);
    if targets.is_empty() {
        notify_reception(tx, event_id, host, &n, routing, now_ms)
    } else {
        notifications::enqueue(tx, event_id, host, &n, &targets, false, now_ms)
    }
}

fn notify_reception(
    tx: &Transaction<'_>,
    event_id: &str,
    host: Option<i64>,
    n: &Notice,
    routing: &Routing,
    now_ms: i64,
) -> Result<(), DbError> {
    match routing.reception_target() {
        Some(t) => notifications::enqueue(tx, event_id, host, n, &[t], true, now_ms),
        None => notifications::record_unreachable(tx, event_id, host, n, now_ms),
    }
}
