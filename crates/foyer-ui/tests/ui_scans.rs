//! Scans as a keyboard-wedge scanner types them (Shift around capitals,
//! then Enter) on every page that takes one, and the message each kind of
//! unusable badge gets.

mod ui_support;

use foyer_domain::{BadgeClaims, SiteKey};
use foyer_kiosk::Actor;
use foyer_ui::{CheckOutAdapter, Page};
use slint::ComponentHandle;

use ui_support::{common, start, Harness};

/// Checks Ada in and returns her badge's token.
fn ada_on_site(h: &Harness) -> String {
    let out = h.t.kiosk.check_in(&common::walk_in("Ada Lovelace", "Grace Hopper"), &Actor::Visitor).unwrap();
    out.admission.expect("admitted").badge.token
}

fn scan_error(h: &Harness) -> String {
    h.ui.window.global::<CheckOutAdapter>().get_error().to_string()
}

#[test]
fn a_badge_typed_with_shift_checks_out_from_the_welcome_page() {
    let h = start();
    let token = ada_on_site(&h);
    assert!(token.chars().any(|c| c.is_uppercase()), "the scan must exercise Shift: {token}");
    h.wedge_scan(&token);
    assert_eq!(h.page(), Page::Goodbye);
    assert!(h.shows("Thank you for visiting, Ada. You are checked out."));
    assert!(h.t.kiosk.on_site().unwrap().is_empty());
}

#[test]
fn a_badge_scanned_on_the_check_out_page_checks_out() {
    let h = start();
    let token = ada_on_site(&h);
    h.press("Check out");
    assert_eq!(h.page(), Page::Checkout);
    h.wedge_scan(&token);
    assert_eq!(h.page(), Page::Goodbye);
    assert!(h.t.kiosk.on_site().unwrap().is_empty());
}

#[test]
fn an_invitation_scanned_on_the_invitation_page_finds_the_visitor() {
    let h = start();
    let code = h.invite_courier();
    h.press("I have an invitation");
    assert_eq!(h.page(), Page::Invite);
    h.wedge_scan(&code);
    assert_eq!(h.page(), Page::InviteConfirm);
    assert!(h.shows("Welcome, Parcel Courier"));
}

#[test]
fn a_badge_scanned_again_after_check_out_says_already_checked_out() {
    let h = start();
    let token = ada_on_site(&h);
    h.wedge_scan(&token);
    assert_eq!(h.page(), Page::Goodbye);
    h.press("Done");
    h.wedge_scan(&token);
    assert_eq!(h.page(), Page::Checkout);
    assert_eq!(scan_error(&h), "already-out");
    assert!(h.shows("You are already checked out. Have a good day!"));
}

#[test]
fn a_badge_of_another_site_is_named_as_such() {
    let h = start();
    let claims = BadgeClaims { visit_id: uuid::Uuid::new_v4(), expires_at: i64::from(u32::MAX) };
    h.wedge_scan(&claims.sign(&SiteKey::generate()));
    assert_eq!(scan_error(&h), "other-site-badge");
    assert!(h.shows("This badge is not from this building. Please see reception."));
}

#[test]
fn an_expired_badge_whose_visit_is_gone_says_it_expired() {
    let h = start();
    let claims = BadgeClaims { visit_id: uuid::Uuid::new_v4(), expires_at: 1_000 };
    h.wedge_scan(&claims.sign(&h.t.key));
    assert_eq!(scan_error(&h), "expired-badge");
    assert!(h.shows("This badge has expired. Please see reception."));
}

#[test]
fn a_garbled_scan_asks_to_scan_again() {
    let h = start();
    h.wedge_scan("FB1.NOT-A-REAL-TOKEN");
    assert_eq!(h.page(), Page::Checkout);
    assert_eq!(scan_error(&h), "garbled-scan");
    assert!(h.shows("This code could not be read. Please scan it again."));
}
