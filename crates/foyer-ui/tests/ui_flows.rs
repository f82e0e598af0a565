//! The kiosk UI driven headlessly through its real pages, by accessible
//! labels, on Slint's testing backend: check-in typed on the on-screen
//! keyboard, invitation and badge scans, the watchlist, a printer out of
//! paper, staff PIN lockout and no PIN at all, languages. The fields and
//! keyboards are in `ui_fields`, the idle reset in `ui_idle`.

mod ui_support;

use std::time::Duration;

use foyer_devices::PrinterStatus;
use foyer_kiosk::store::{agreements, watchlist};
use foyer_kiosk::Actor;
use foyer_ui::{CheckInAdapter, Page, StaffAdapter, UiOptions};
use i_slint_backend_testing::ElementHandle;
use slint::platform::WindowEvent;
use slint::ComponentHandle;

use ui_support::{common, start};

#[test]
fn a_walk_in_typed_on_the_on_screen_keyboard_prints_a_badge_and_commits_the_visit() {
    let h = start();
    h.walk_in_to_review("Ada Lovelace");
    h.press("Print my badge");
    assert_eq!(h.page(), Page::Done);
    // No back office in this kiosk: nobody but reception can tell Grace.
    assert!(h.shows("Reception will let Grace Hopper know you are here. Please take your badge — the door is open."));
    let printed = h.t.printer.printed();
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].visitor_name, "Ada Lovelace");
    assert_eq!(printed[0].host_name, "Grace Hopper");
    let visit = h.t.kiosk.on_site().unwrap().pop().expect("a committed visit");
    assert_eq!(visit.visitor_name, "Ada Lovelace");
    assert_eq!(agreements::accepted_by(h.t.kiosk.store().conn(), visit.id).unwrap(), Some(1));
    assert_eq!(h.t.relay.pulses().len(), 1);
    h.press("Done");
    assert_eq!(h.page(), Page::Welcome);
    assert_eq!(h.ui.window.global::<CheckInAdapter>().get_name(), "");
}

#[test]
fn a_bad_name_stays_on_the_form_with_a_message() {
    let h = start();
    h.press("Check in");
    h.press("Delivery");
    h.press("Next");
    assert_eq!(h.page(), Page::Details);
    assert!(h.shows("Please fill this in."));
}

#[test]
fn an_invitation_scan_checks_the_visitor_in() {
    let h = start();
    let code = h.invite_courier();
    h.wedge_scan(&code);
    assert_eq!(h.page(), Page::InviteConfirm);
    assert!(h.shows("Welcome, Parcel Courier"));
    h.press("That's me");
    assert_eq!(h.page(), Page::Done);
    assert_eq!(h.t.printer.printed()[0].visitor_name, "Parcel Courier");
}

#[test]
fn checking_out_by_name_finds_first_name_and_initial() {
    let h = start();
    h.t.kiosk.check_in(&common::walk_in("Ada Lovelace", "Grace Hopper"), &Actor::Visitor).unwrap();
    h.press("Check out");
    h.type_on_keyboard("ad");
    assert!(!h.shows("Ada L. — Grace Hopper"), "two letters show nobody on site");
    assert!(!h.shows("We could not find you. Please see reception."), "nor a 'not found'");
    h.type_on_keyboard("a l");
    h.press("Ada L. — Grace Hopper");
    h.press("Check me out");
    assert_eq!(h.page(), Page::Goodbye);
    assert!(h.t.kiosk.on_site().unwrap().is_empty());
}

#[test]
fn a_watchlist_hit_shows_the_wait_page_and_prints_nothing() {
    let h = start();
    watchlist::add(h.t.kiosk.store().conn(), "Mallory Evans", "trespass").unwrap();
    h.walk_in_to_review("Mallory Evans");
    h.press("Print my badge");
    assert_eq!(h.page(), Page::Wait);
    assert!(h.shows("Please wait, reception will be with you shortly."));
    assert!(h.t.printer.printed().is_empty());
    assert!(h.t.relay.pulses().is_empty());
}

#[test]
fn a_printer_out_of_paper_sends_the_visitor_to_reception() {
    let h = start();
    h.t.printer.set_status(PrinterStatus::PaperEnd);
    h.walk_in_to_review("Ada Lovelace");
    h.press("Print my badge");
    assert_eq!(h.page(), Page::Trouble);
    assert!(h.shows("You are checked in, but your badge could not be printed. Please see reception."));
    assert!(h.t.relay.pulses().is_empty(), "no badge, no door");
}

#[test]
fn five_wrong_staff_pins_lock_staff_mode() {
    let h = start();
    // The hidden long-press: 3 s on the site name.
    let name = ElementHandle::find_by_accessible_label(&h.ui.window, "Test Site").next().expect("site name");
    let pos = name.absolute_position();
    let size = name.size();
    let at = slint::LogicalPosition::new(pos.x + size.width / 2.0, pos.y + size.height / 2.0);
    let w = h.ui.window.window();
    w.dispatch_event(WindowEvent::PointerPressed { position: at, button: slint::platform::PointerEventButton::Left });
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(3100));
    w.dispatch_event(WindowEvent::PointerReleased { position: at, button: slint::platform::PointerEventButton::Left });
    assert_eq!(h.page(), Page::StaffPin);
    for _ in 0..5 {
        for d in ["1", "3", "5", "7", "OK"] {
            h.press(d);
        }
    }
    assert_eq!(h.ui.window.global::<StaffAdapter>().get_pin_error(), "locked");
    for d in ["2", "4", "6", "8", "OK"] {
        h.press(d);
    }
    assert_eq!(h.page(), Page::StaffPin, "the right PIN must not open a locked staff mode");
    assert!(h.shows("Too many wrong PINs. Staff mode is locked for a few minutes."));
}

#[test]
fn without_a_staff_pin_the_pin_page_says_how_to_set_one_and_offers_no_pad() {
    let h = ui_support::start_with(UiOptions { staff_pin_hash: None, ..UiOptions::default() });
    h.ui.window.global::<StaffAdapter>().invoke_open_pin();
    assert_eq!(h.page(), Page::StaffPin);
    assert!(h.shows(
        "Staff mode is off on this kiosk: no staff PIN is set. To turn it on, run `foyer staff-pin` on the kiosk, \
         put the line it prints under [kiosk] in foyer.toml and restart the kiosk."
    ));
    for key in ["1", "0", "⌫", "OK"] {
        assert!(!h.shows(key), "a PIN pad key {key:?} is offered with no PIN to check it against");
    }
}

#[test]
fn the_right_staff_pin_opens_staff_mode_and_releases_the_door() {
    let h = start();
    h.ui.window.global::<StaffAdapter>().invoke_open_pin();
    for d in ["2", "4", "6", "8", "OK"] {
        h.press(d);
    }
    assert_eq!(h.page(), Page::Staff);
    h.press("Release door");
    assert_eq!(h.t.relay.pulses().len(), 1);
    let audit = foyer_kiosk::store::audit::recent(h.t.kiosk.store().conn(), None, 5).unwrap();
    assert!(audit.iter().any(|a| a.action == "door.released" && a.actor == "staff@lobby-1"));
    assert!(audit.iter().any(|a| a.action == "staff.login"));
}

#[test]
fn german_is_one_touch_away() {
    let h = start();
    h.press("Deutsch");
    assert!(h.shows("Anmelden"));
    assert!(h.shows("Ich habe eine Einladung"));
    h.press("English");
    assert!(h.shows("Check in"));
}
