//! The directory as synced from the back office: hosts keep the back
//! office's ids, watchlist entries their `remote_id`, invitations become
//! expected visits with the back office's visit id. Call these inside one
//! transaction per sync so a kiosk never sees half a sync.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::visits::{self, NewVisit};
use super::{invitations, now_unix, StoreResult};
use foyer_domain::screening::fold_name;
use foyer_domain::{InvitationCode, Language, VisitEvent, VisitState, VisitorDetails, VisitorName, VisitorType};

/// A synced host row.
#[derive(Debug, Clone, Copy)]
pub struct SyncedHost<'a> {
    pub id: i64,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub department: Option<&'a str>,
}

/// Inserts or updates a host under the back office's id. A local host with
/// the same email (imported before the kiosk was linked) is retired, so the
/// directory shows each person once.
pub fn upsert_host(conn: &Connection, h: &SyncedHost<'_>) -> StoreResult<()> {
    if let Some(email) = h.email {
        conn.execute("UPDATE hosts SET email = NULL, active = 0 WHERE email = ?1 AND id != ?2", params![email, h.id])?;
    }
    conn.prepare_cached(
        "INSERT INTO hosts (id, name, folded_name, email, phone, department, notify_email, active, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)
         ON CONFLICT(id) DO UPDATE SET name = ?2, folded_name = ?3, email = ?4, phone = ?5, department = ?6,
           active = 1, updated_at = ?8",
    )?
    .execute(params![
        h.id,
        h.name,
        fold_name(h.name),
        h.email,
        h.phone,
        h.department,
        h.email.is_some(),
        now_unix()
    ])?;
    Ok(())
}

/// Takes a host out of the kiosk's directory (kept for past visits).
pub fn retire_host(conn: &Connection, id: i64) -> StoreResult<()> {
    conn.execute("UPDATE hosts SET active = 0, updated_at = ?2 WHERE id = ?1", params![id, now_unix()])?;
    Ok(())
}

/// Inserts or updates a synced watchlist entry.
pub fn upsert_watch(conn: &Connection, remote_id: i64, name: &str, reason: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO watchlist (name, reason, added_at, remote_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(remote_id) DO UPDATE SET name = ?1, reason = ?2",
        params![name, reason, now_unix(), remote_id],
    )?;
    Ok(())
}

/// Removes a synced watchlist entry.
pub fn remove_watch(conn: &Connection, remote_id: i64) -> StoreResult<()> {
    conn.execute("DELETE FROM watchlist WHERE remote_id = ?1", [remote_id])?;
    Ok(())
}

/// Stores an agreement version in `language` (None: the site's default);
/// a newer one becomes that language's current one. A version the kiosk
/// already has takes the back office's text and language: the kiosk's own
/// built-in version 1 is replaced by the site's first published one.
pub fn upsert_agreement(conn: &Connection, version: i64, text: &str, language: Option<&str>) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO agreements (version, text, created_at, language) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(version) DO UPDATE SET text = ?2, language = ?4",
        params![version, text, now_unix(), language],
    )?;
    Ok(())
}

/// A synced invitation.
#[derive(Debug, Clone)]
pub struct SyncedInvitation<'a> {
    pub code: &'a InvitationCode,
    pub visit_id: Uuid,
    pub name: &'a VisitorName,
    pub details: &'a VisitorDetails,
    pub host_id: i64,
    pub visitor_type: VisitorType,
    pub expected_on: &'a str,
    pub kiosk: &'a str,
}

/// Makes an invitation an expected visit with the back office's visit id.
/// An invitation already here is left as it is: once the visitor arrived,
/// the kiosk's record is the truth.
pub fn add_invitation(conn: &Connection, inv: &SyncedInvitation<'_>) -> StoreResult<bool> {
    if visits::get(conn, inv.visit_id)?.is_some() {
        return Ok(false);
    }
    let now = now_unix();
    visits::insert(
        conn,
        &NewVisit {
            id: inv.visit_id,
            name: inv.name,
            details: inv.details,
            host_id: inv.host_id,
            visitor_type: inv.visitor_type,
            state: VisitState::Expected,
            kiosk: inv.kiosk,
            created_at: now,
            arrived_at: None,
            badge_expires_at: None,
            flag_reason: None,
            // The visitor chooses on arrival at the kiosk.
            language: Language::default(),
        },
    )?;
    invitations::insert(conn, inv.code, inv.visit_id, inv.expected_on, now)?;
    Ok(true)
}

/// Cancels the expected visit of a withdrawn invitation; a visitor who
/// already arrived is not affected.
pub fn cancel_invitation(conn: &Connection, visit_id: Uuid) -> StoreResult<bool> {
    let state: Option<String> =
        conn.query_row("SELECT state FROM visits WHERE id = ?1", [visit_id.to_string()], |r| r.get(0)).optional()?;
    match state.as_deref().and_then(VisitState::parse) {
        Some(s) if s.apply(VisitEvent::Cancel).is_ok() => {
            visits::set_state(conn, visit_id, s, VisitState::Cancelled, now_unix(), None)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
