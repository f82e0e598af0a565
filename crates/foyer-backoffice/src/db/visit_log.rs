//! The central visit log, kept from the kiosks' events: one row per visit
//! with its latest state. The events table keeps the full timeline.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::visit_row::VisitCore;
use super::{now_unix, DbError};
use foyer_domain::events::VisitSummary;

/// Records an arrival (`on_site`) or a flagged arrival (`pending_approval`)
/// of a visit not yet in the log (`visit_rules` refuses a second arrival,
/// so a conflict here is an error, never a silent revival).
pub fn arrived(
    conn: &Connection,
    kiosk: &str,
    v: &VisitSummary,
    state: &str,
    flag: Option<&str>,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO visits (id, kiosk, visitor_name, company, email, phone, host_id, host_name, visitor_type, state,
         arrived_at, agreement_version, invitation, flag_reason, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        v.visit_id.to_string(),
        kiosk,
        v.visitor_name,
        v.company,
        v.email,
        v.phone,
        v.host_id,
        v.host_name,
        v.visitor_type.as_str(),
        state,
        v.arrived_at,
        v.agreement_version,
        v.invitation,
        flag,
        now_unix()
    ])?;
    Ok(())
}

/// Moves a known visit to `state`; a visit never seen (its arrival was
/// recorded before this back office existed) is left alone.
pub fn set_state(conn: &Connection, visit_id: Uuid, state: &str, departed_at: Option<i64>) -> Result<(), DbError> {
    conn.prepare_cached(
        "UPDATE visits SET state = ?2, departed_at = coalesce(?3, departed_at), updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![visit_id.to_string(), state, departed_at, now_unix()])?;
    Ok(())
}

/// One visit of the log.
pub fn get(conn: &Connection, visit_id: Uuid) -> Result<Option<VisitCore>, DbError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {} FROM visits v WHERE v.id = ?1", VisitCore::COLUMNS))?
        .query_row([visit_id.to_string()], VisitCore::from_row)
        .optional()?)
}
