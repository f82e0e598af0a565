//! Checking in the visitor of an invitation: the visit was made when they
//! were invited; arriving moves it on site (or to approval) and records the
//! language they chose on the screen, which their badge is printed in.

use super::check_in::{check_agreement, flag_reason, CheckInOutcome};
use super::{Actor, Kiosk, KioskError, KioskResult};
use crate::store::visits::{self, VisitRecord};
use crate::store::{invitations, now_unix, watchlist};
use foyer_domain::screening::screen;
use foyer_domain::{InvitationCode, Language, VisitEvent, VisitState};

/// An invited visitor's check-in as entered at the kiosk.
#[derive(Debug, Clone)]
pub struct InvitedArrival {
    /// The invitation code, scanned or typed (with or without its dash).
    pub code: String,
    /// The agreement version the visitor accepted on screen, if any.
    pub agreement_version: Option<i64>,
    /// The language the visitor chose on the screen: the badge's words are
    /// in it, now and when it is reprinted.
    pub language: Language,
}

impl Kiosk {
    /// Looks up an invitation for the visitor to confirm before checking in.
    pub fn invitation(&self, code: &str) -> KioskResult<VisitRecord> {
        let code = InvitationCode::parse(code)?;
        let store = self.store();
        let (visit_id, _) =
            invitations::find(store.conn(), &code)?.ok_or_else(|| KioskError::UnknownInvitation(code.display()))?;
        visits::get(store.conn(), visit_id)?.ok_or(KioskError::UnknownVisit(visit_id))
    }

    /// Checks in the visitor of an invitation code. The visit, its audit
    /// entry and its outbox event are on disk when this returns.
    pub fn check_in_invited(&self, req: &InvitedArrival, actor: &Actor) -> KioskResult<CheckInOutcome> {
        self.arrive_invited(req, actor).map_err(|e| self.in_data_dir(e))
    }

    fn arrive_invited(&self, req: &InvitedArrival, actor: &Actor) -> KioskResult<CheckInOutcome> {
        let code = InvitationCode::parse(&req.code)?;
        let visit = {
            let mut store = self.store();
            let tx = crate::store::write_tx(store.conn_mut())?;
            let (id, _) =
                invitations::find(&tx, &code)?.ok_or_else(|| KioskError::UnknownInvitation(code.display()))?;
            let invited = visits::get(&tx, id)?.ok_or(KioskError::UnknownVisit(id))?;
            let rules = invited.visitor_type.rules();
            let agreement = check_agreement(&tx, rules, req.agreement_version)?;
            let hit = screen(&invited.visitor_name, &watchlist::load(&tx)?).cloned();
            let event = if hit.is_some() { VisitEvent::ArriveFlagged } else { VisitEvent::Arrive };
            let next = invited.state.apply(event)?;
            let now = now_unix();
            let expires = (next == VisitState::OnSite).then_some(now + rules.badge_minutes * 60);
            visits::set_state(&tx, id, invited.state, next, now, expires)?;
            // Written before the commit, so a badge printed after approval
            // (or a reprint) is in the language of this arrival too.
            visits::set_language(&tx, id, req.language)?;
            if let Some(entry) = &hit {
                visits::set_flag_reason(&tx, id, &flag_reason(entry))?;
            }
            self.commit_arrival(tx, id, agreement, Some(&code), hit.as_ref(), actor)?
        };
        Ok(self.after_arrival(visit, actor))
    }
}
