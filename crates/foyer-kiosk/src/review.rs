//! Reception's decisions on a flagged visitor, and reprints.

use uuid::Uuid;

use super::admission::{Admission, PrintOutcome};
use super::{Actor, Kiosk, KioskError, KioskResult};
use crate::store::visits::{self, VisitRecord};
use crate::store::{audit, now_unix, outbox};
use foyer_domain::events::KioskEvent;
use foyer_domain::{VisitEvent, VisitState};

impl Kiosk {
    /// Approves a visitor waiting for approval: the visit goes on site, then
    /// the badge prints and the door opens as for any accepted check-in.
    pub fn approve(&self, visit_id: Uuid, actor: &Actor) -> KioskResult<(VisitRecord, Admission)> {
        let visit = self.decide(visit_id, VisitEvent::Approve, actor)?;
        let admission = self.admit(&visit, actor);
        Ok((visit, admission))
    }

    /// Denies a visitor waiting for approval. No badge, no door.
    pub fn deny(&self, visit_id: Uuid, actor: &Actor) -> KioskResult<VisitRecord> {
        self.decide(visit_id, VisitEvent::Deny, actor)
    }

    fn decide(&self, visit_id: Uuid, event: VisitEvent, actor: &Actor) -> KioskResult<VisitRecord> {
        let mut store = self.store();
        let tx = crate::store::write_tx(store.conn_mut())?;
        let visit = visits::get(&tx, visit_id)?.ok_or(KioskError::UnknownVisit(visit_id))?;
        let next = visit.state.apply(event)?;
        let now = now_unix();
        let expires = (next == VisitState::OnSite).then(|| now + visit.visitor_type.rules().badge_minutes * 60);
        visits::set_state(&tx, visit_id, visit.state, next, now, expires)?;
        let by = self.actor(actor);
        let (action, ev) = if next == VisitState::OnSite {
            ("visit.approved", KioskEvent::VisitApproved { visit_id, by: by.clone() })
        } else {
            ("visit.denied", KioskEvent::VisitDenied { visit_id, by: by.clone() })
        };
        audit::append(&tx, &by, action, Some(&visit_id.to_string()), &serde_json::json!({}))?;
        outbox::push(&tx, &ev)?;
        let decided = visits::get(&tx, visit_id)?.ok_or(KioskError::UnknownVisit(visit_id))?;
        tx.commit()?;
        Ok(decided)
    }

    /// Prints the badge of an on-site visitor again. Explicit only: a failed
    /// print is never retried on its own.
    pub fn reprint(&self, visit_id: Uuid, actor: &Actor) -> KioskResult<PrintOutcome> {
        let visit = visits::get(self.store().conn(), visit_id)?.ok_or(KioskError::UnknownVisit(visit_id))?;
        if visit.state != VisitState::OnSite {
            return Err(KioskError::Invalid(foyer_domain::ValidationError::invalid(
                "visit",
                format!("only an on-site visitor's badge can be reprinted; this visit is {}", visit.state),
            )));
        }
        let badge = self.badge_for(&visit);
        Ok(self.print_badge(&badge, true, actor))
    }
}
