//! The visit lifecycle as the back office enforces it on kiosk events, and
//! which kiosk may change which visit. A visit's host must be in the
//! directory. The lifecycle is the kiosk's own
//! (`foyer_domain::VisitState`): a visit arrives once, only a pending one
//! is approved or denied, an on-site one departs. A kiosk
//! changes the visits it checked in and those a desk command sent it to
//! handle; any other is out of its scope. An event that repeats the state
//! a visit is already in (a departure the desk recorded first) is stored
//! and changes nothing.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::DbError;
use foyer_domain::events::KioskEvent;
use foyer_domain::{VisitEvent, VisitState};
use foyer_wire::WireEvent;

/// Whether a stored event is to be applied to the visit log.
#[derive(Debug, PartialEq, Eq)]
pub enum Admission {
    Apply,
    /// The visit is already in the state the event leads to.
    AlreadySo,
}

/// Checks `e` from `kiosk` against the visit it names.
pub fn admit(conn: &Connection, kiosk: &str, e: &WireEvent) -> Result<Admission, DbError> {
    let refuse = |out_of_scope, message: String| DbError::EventRefused { event_id: e.event_id, out_of_scope, message };
    let (visit_id, step) = match &e.event {
        KioskEvent::VisitArrived(v) | KioskEvent::VisitFlagged { visit: v, .. } => {
            // The host is named by id and must be this directory's: the
            // visit log, the notifications and the desk read the host from
            // here, never from the kiosk's word.
            if super::directory::host_name(conn, v.host_id)?.is_none() {
                return Err(refuse(
                    false,
                    format!("data.host_id: host {} is not in the back office's directory", v.host_id),
                ));
            }
            return match visit(conn, v.visit_id)? {
                None => Ok(Admission::Apply),
                Some((_, state)) => Err(refuse(
                    false,
                    format!("visit {} already exists ({state}): a new event cannot check it in again", v.visit_id),
                )),
            };
        }
        KioskEvent::VisitApproved { visit_id, .. } => (*visit_id, VisitEvent::Approve),
        KioskEvent::VisitDenied { visit_id, .. } => (*visit_id, VisitEvent::Deny),
        KioskEvent::VisitDeparted { visit_id, .. } => (*visit_id, VisitEvent::Depart),
        _ => return Ok(Admission::Apply),
    };
    // A visit checked in before this back office existed is not in its log:
    // there is nothing to change, and the event stays in the timeline.
    let Some((owner, state)) = visit(conn, visit_id)? else { return Ok(Admission::Apply) };
    if owner != kiosk && !commanded(conn, kiosk, visit_id)? {
        return Err(refuse(
            true,
            format!("kiosk {kiosk} may not change visit {visit_id}: it was checked in at {owner} and no desk command sent it here"),
        ));
    }
    let from =
        VisitState::parse(&state).ok_or_else(|| DbError::Corrupt(format!("visit {visit_id} has state {state}")))?;
    // The kiosk's own lifecycle (`foyer_domain::visit`) decides.
    match from.apply(step) {
        Ok(_) => Ok(Admission::Apply),
        Err(_) if lands_in(step) == from => Ok(Admission::AlreadySo),
        Err(illegal) => Err(refuse(false, format!("visit {visit_id}: {illegal}"))),
    }
}

/// Where a step leads (the state a repeated step finds the visit in).
fn lands_in(step: VisitEvent) -> VisitState {
    match step {
        VisitEvent::Approve => VisitState::OnSite,
        VisitEvent::Deny => VisitState::Denied,
        _ => VisitState::Departed,
    }
}

fn visit(conn: &Connection, id: Uuid) -> Result<Option<(String, String)>, DbError> {
    Ok(conn
        .prepare_cached("SELECT kiosk, state FROM visits WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Whether a desk command sent `kiosk` to handle `visit_id`.
fn commanded(conn: &Connection, kiosk: &str, visit_id: Uuid) -> Result<bool, DbError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM commands WHERE kiosk = ?1 AND instr(body, ?2) > 0 LIMIT 1")?
        .query_row(params![kiosk, visit_id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}
