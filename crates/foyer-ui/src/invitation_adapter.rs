//! Check-in by invitation: scan or type the code, confirm the details,
//! accept the agreement where the visit type needs it, print.

use std::rc::Rc;

use slint::ComponentHandle;

use super::check_in_adapter::trouble;
use super::context::UiContext;
use super::worker::off_ui;
use super::{AppWindow, CheckInAdapter, InvitationAdapter, KioskAdapter, Page};
use foyer_domain::VisitState;
use foyer_kiosk::{Actor, KioskError};

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<KioskAdapter>().on_start_invitation(move || {
        let Some(w) = weak.upgrade() else { return };
        super::idle::clear_form(&w, &c);
        c.idle.touch();
        w.global::<KioskAdapter>().set_page(Page::Invite);
    });

    let weak = window.as_weak();
    window.global::<InvitationAdapter>().on_erase_last(move || {
        let Some(w) = weak.upgrade() else { return };
        let inv = w.global::<InvitationAdapter>();
        inv.set_code(super::codes::erase_last(&inv.get_code()).into());
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<InvitationAdapter>().on_code_entered(move |code| {
        let Some(w) = weak.upgrade() else { return };
        show_invitation(&w, &c, &code);
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<InvitationAdapter>().on_confirm(move || {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        let Some(code) = c.draft.borrow().invitation.clone() else { return };
        let needs_agreement = c.draft.borrow().visitor_type.is_some_and(|t| t.rules().agreement_required);
        if needs_agreement && c.draft.borrow().agreement_version.is_none() {
            // The agreement page's "I agree" comes back here through CheckInAdapter.agree.
            super::agreement_adapter::show_agreement(&w, &c, Page::InviteConfirm);
            return;
        }
        let arrival = foyer_kiosk::InvitedArrival {
            code,
            agreement_version: c.draft.borrow().agreement_version,
            language: super::language::current(&w),
        };
        w.global::<KioskAdapter>().set_page(Page::Printing);
        let kiosk = c.kiosk.clone();
        let c2 = c.clone();
        off_ui(
            &w,
            move || kiosk.check_in_invited(&arrival, &Actor::Visitor),
            move |w, result| super::check_in_adapter::show_outcome(w, &c2, result),
        );
    });
}

/// Looks the code up and shows the invitation to confirm (also used by scans).
pub fn show_invitation(w: &AppWindow, c: &UiContext, code: &str) {
    c.idle.touch();
    let inv = w.global::<InvitationAdapter>();
    match c.kiosk.invitation(code) {
        Ok(visit) if visit.state == VisitState::Expected => {
            inv.set_error("".into());
            inv.set_visitor_name(visit.visitor_name.clone().into());
            inv.set_company(visit.company.clone().unwrap_or_default().into());
            inv.set_host_name(visit.host_name.clone().into());
            let mut draft = c.draft.borrow_mut();
            draft.invitation = Some(code.to_owned());
            draft.visitor_type = Some(visit.visitor_type);
            draft.agreement_version = None;
            w.global::<CheckInAdapter>().set_host_name(visit.host_name.into());
            w.global::<KioskAdapter>().set_page(Page::InviteConfirm);
        }
        Ok(_) => show_code_error(w, "used-code"),
        Err(KioskError::UnknownInvitation(_) | KioskError::Invalid(_)) => show_code_error(w, "unknown-code"),
        Err(e) => trouble(w, "other", &e),
    }
}

fn show_code_error(w: &AppWindow, code: &str) {
    w.global::<InvitationAdapter>().set_error(code.into());
    w.global::<KioskAdapter>().set_page(Page::Invite);
}
