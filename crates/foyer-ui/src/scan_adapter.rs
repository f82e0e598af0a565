//! Scans on the pages that take them: a badge checks its visitor out, an
//! invitation code starts that visitor's check-in. Keys from a
//! keyboard-wedge scanner and scans from a serial one end up here alike,
//! and a refused scan gets the message that says why.

use std::rc::Rc;
use std::time::Instant;

use slint::ComponentHandle;

use super::check_in_adapter::trouble;
use super::check_out_adapter::show_goodbye;
use super::context::UiContext;
use super::worker::off_ui;
use super::{AppWindow, CheckOutAdapter, KioskAdapter, Page};
use foyer_domain::scan::ScannedCode;
use foyer_domain::token::TokenError;
use foyer_domain::VisitState;
use foyer_kiosk::{Actor, KioskError};

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<KioskAdapter>().on_scanned(move |code| {
        let Some(w) = weak.upgrade() else { return };
        handle_scan(&w, &c, &code);
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<KioskAdapter>().on_wedge_key(move |text| {
        let Some(w) = weak.upgrade() else { return };
        let scan = c.wedge.borrow_mut().key(&text, Instant::now());
        match scan {
            Some(Ok(code)) => handle_scan(&w, &c, &code),
            Some(Err(e)) => {
                tracing::warn!(error = %e, "wedge scan refused");
                refuse(&w, "garbled-scan");
            }
            None => {}
        }
    });
}

/// A scan from a keyboard-wedge or serial scanner, on any page.
pub fn handle_scan(w: &AppWindow, c: &UiContext, raw: &str) {
    c.idle.touch();
    match ScannedCode::classify(raw) {
        Ok(ScannedCode::Badge(token)) => {
            let kiosk = c.kiosk.clone();
            off_ui(w, move || kiosk.check_out_by_token(&token, &Actor::Visitor), show_goodbye);
        }
        Ok(ScannedCode::Invitation(code)) => super::invitation_adapter::show_invitation(w, c, code.as_str()),
        Err(_) => refuse(w, "garbled-scan"),
    }
}

/// Shows why a scan did not check anyone out, on the check-out page.
fn refuse(w: &AppWindow, code: &str) {
    w.global::<CheckOutAdapter>().set_error(code.into());
    w.global::<KioskAdapter>().set_page(Page::Checkout);
}

/// The message code (ui/messages.slint) for a badge that checks nobody
/// out; `None` for faults that are not the badge's (the store), which
/// send the visitor to reception.
pub fn scan_refusal(e: &KioskError) -> Option<&'static str> {
    Some(match e {
        KioskError::Token(TokenError::Malformed(_)) => "garbled-scan",
        KioskError::Token(TokenError::BadSignature) => "other-site-badge",
        KioskError::Token(TokenError::Expired { .. }) => "expired-badge",
        KioskError::Transition(t) if t.from == VisitState::Departed => "already-out",
        KioskError::Transition(_) => "bad-badge",
        KioskError::UnknownVisit(_) => "unknown-badge",
        _ => return None,
    })
}

/// What a failed check-out shows: a refused badge says why on the
/// check-out page, never "something went wrong".
pub fn trouble_or_refusal(w: &AppWindow, e: &KioskError) {
    match scan_refusal(e) {
        Some(code) => refuse(w, code),
        None => trouble(w, "other", e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_domain::visit::{IllegalTransition, VisitEvent};

    #[test]
    fn a_badge_of_a_departed_visit_says_already_checked_out() {
        let e = KioskError::Transition(IllegalTransition { from: VisitState::Departed, event: VisitEvent::Depart });
        assert_eq!(scan_refusal(&e), Some("already-out"));
    }

    #[test]
    fn expired_foreign_and_garbled_badges_each_have_their_own_message() {
        let codes = [
            scan_refusal(&TokenError::Expired { expired_at: 0 }.into()),
            scan_refusal(&TokenError::BadSignature.into()),
            scan_refusal(&TokenError::Malformed("wrong length").into()),
        ];
        assert_eq!(codes, [Some("expired-badge"), Some("other-site-badge"), Some("garbled-scan")]);
    }

    #[test]
    fn a_store_fault_is_not_blamed_on_the_badge() {
        let e = KioskError::Store(foyer_kiosk::store::StoreError::Corrupt("page 3".into()));
        assert_eq!(scan_refusal(&e), None);
    }
}
