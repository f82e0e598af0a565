//! Checking a visitor out: by the badge's token or by the visit id.

use uuid::Uuid;

use super::{Actor, Kiosk, KioskError, KioskResult};
use crate::store::visits::{self, VisitRecord};
use crate::store::{audit, now_unix, outbox};
use foyer_domain::events::KioskEvent;
use foyer_domain::{BadgeClaims, TokenError, VisitEvent};

impl Kiosk {
    /// Checks out the visit a scanned badge names. An expired badge still
    /// checks out (people leave late); a forged or altered one does not.
    pub fn check_out_by_token(&self, token: &str, actor: &Actor) -> KioskResult<VisitRecord> {
        // Only when the visit is gone (purged) does the expiry become the reason.
        let claims = BadgeClaims::verify_signature(token, self.key())?;
        match self.check_out(claims.visit_id, actor) {
            Err(KioskError::UnknownVisit(_)) if claims.expires_at <= now_unix() => {
                Err(TokenError::Expired { expired_at: claims.expires_at }.into())
            }
            other => other,
        }
    }

    /// Checks out a visit by id (desk, staff mode, command line).
    pub fn check_out(&self, visit_id: Uuid, actor: &Actor) -> KioskResult<VisitRecord> {
        let mut store = self.store();
        let tx = crate::store::write_tx(store.conn_mut())?;
        let visit = visits::get(&tx, visit_id)?.ok_or(KioskError::UnknownVisit(visit_id))?;
        let next = visit.state.apply(VisitEvent::Depart)?;
        let now = now_unix();
        visits::set_state(&tx, visit_id, visit.state, next, now, None)?;
        let by = self.actor(actor);
        audit::append(&tx, &by, "visit.checked_out", Some(&visit_id.to_string()), &serde_json::json!({}))?;
        outbox::push(&tx, &KioskEvent::VisitDeparted { visit_id, departed_at: now, by })?;
        let departed = visits::get(&tx, visit_id)?.ok_or(KioskError::UnknownVisit(visit_id))?;
        tx.commit()?;
        Ok(departed)
    }

    /// Checks out everyone still on site (end of day); returns how many.
    pub fn check_out_everyone(&self, actor: &Actor) -> KioskResult<Vec<VisitRecord>> {
        let on_site: Vec<Uuid> = self.on_site()?.into_iter().map(|v| v.id).collect();
        on_site.into_iter().map(|id| self.check_out(id, actor)).collect()
    }
}
