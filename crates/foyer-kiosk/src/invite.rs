//! Inviting a visitor: an expected visit with a short code to scan or type.

use time::Date;
use uuid::Uuid;

use super::check_in::HostChoice;
use super::{Actor, Kiosk, KioskResult};
use crate::store::visits::{self, NewVisit};
use crate::store::{audit, invitations, now_unix};
use foyer_domain::{InvitationCode, Language, VisitState, VisitorDetails, VisitorName, VisitorType};

/// An invitation to create.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub host: HostChoice,
    pub visitor_type: VisitorType,
    pub expected_on: Date,
}

impl Kiosk {
    /// Creates an expected visit and its code.
    pub fn invite(&self, inv: &NewInvitation, actor: &Actor) -> KioskResult<(InvitationCode, Uuid)> {
        let name = VisitorName::parse(&inv.name)?;
        let details = VisitorDetails::parse(inv.company.as_deref(), inv.email.as_deref(), None)?;
        let mut store = self.store();
        let tx = crate::store::write_tx(store.conn_mut())?;
        let host_id = super::check_in::resolve_host_for(&tx, &inv.host)?;
        let id = Uuid::new_v4();
        let now = now_unix();
        visits::insert(
            &tx,
            &NewVisit {
                id,
                name: &name,
                details: &details,
                host_id,
                visitor_type: inv.visitor_type,
                state: VisitState::Expected,
                kiosk: &self.settings().kiosk_name,
                created_at: now,
                arrived_at: None,
                badge_expires_at: None,
                flag_reason: None,
                // The visitor chooses on arrival (`check_in_invited`).
                language: Language::default(),
            },
        )?;
        let code = InvitationCode::generate();
        invitations::insert(&tx, &code, id, &inv.expected_on.to_string(), now)?;
        let detail = serde_json::json!({ "code": code.as_str(), "expected_on": inv.expected_on.to_string() });
        audit::append(&tx, &self.actor(actor), "visit.invited", Some(&id.to_string()), &detail)?;
        tx.commit()?;
        Ok((code, id))
    }
}
