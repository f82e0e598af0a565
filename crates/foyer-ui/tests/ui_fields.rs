//! The check-in fields and keyboards on Slint's testing backend: "Change
//! details" on the review, the host type-ahead forgiving typos, an error
//! line that moves nothing, no dead keys, the invitation-code keyboard and
//! a field's limit said.

mod ui_support;

use foyer_kiosk::store::agreements;
use foyer_ui::{CheckInAdapter, InvitationAdapter, Page};
use i_slint_backend_testing::ElementHandle;
use slint::ComponentHandle;

use ui_support::start;

#[test]
fn change_details_on_the_review_goes_back_with_everything_kept_and_returns_to_the_review() {
    let h = start();
    h.walk_in_to_review("Ada Lovelace");
    h.press("Change details");
    assert_eq!(h.page(), Page::Details);
    assert_eq!(h.ui.window.global::<CheckInAdapter>().get_name(), "Ada Lovelace", "the details are kept");
    h.type_on_keyboard(" King");
    h.press("Next");
    assert_eq!(h.page(), Page::Review, "host and agreement stand: straight back to the review");
    h.press("Print my badge");
    assert_eq!(h.page(), Page::Done);
    let printed = h.t.printer.printed();
    assert_eq!(
        (printed[0].visitor_name.as_str(), printed[0].host_name.as_str()),
        ("Ada Lovelace King", "Grace Hopper")
    );
    let visit = h.t.kiosk.on_site().unwrap().pop().expect("a committed visit");
    assert_eq!(agreements::accepted_by(h.t.kiosk.store().conn(), visit.id).unwrap(), Some(1));
}

#[test]
fn the_host_type_ahead_forgives_a_misspelt_name() {
    let h = start();
    h.press("Check in");
    h.press("Visiting someone");
    h.type_on_keyboard("Ada Lovelace");
    h.press("Next");
    assert_eq!(h.page(), Page::Host);
    h.type_on_keyboard("hoper");
    h.press("Grace Hopper — Compilers");
    assert_eq!(h.page(), Page::Agreement, "the misspelt host was found and chosen");
}

#[test]
fn an_error_under_a_field_moves_nothing_below_it() {
    let h = start();
    h.press("Check in");
    h.press("Visiting someone");
    let email_at = || {
        let field =
            ElementHandle::find_by_accessible_label(&h.ui.window, "Email (optional)").next().expect("email field");
        field.absolute_position().y
    };
    let before = email_at();
    h.press("Next");
    assert!(h.shows("Please fill this in."), "the empty name is named");
    assert_eq!(email_at(), before, "the email field stayed where the visitor's finger is");
}

#[test]
fn no_key_is_dead_a_done_key_only_where_it_moves_on_and_no_blank_phone_key() {
    let h = start();
    h.press("Check in");
    h.press("Visiting someone");
    assert!(h.shows("key done"), "on the details page ✓ moves to the next field");
    let ci = h.ui.window.global::<CheckInAdapter>();
    ci.set_active_field(3);
    assert!(h.shows("key +") && !h.shows("key  "), "the phone pad has no blank key");
    ci.set_active_field(0);
    h.type_on_keyboard("Ada Lovelace");
    h.press("Next");
    assert_eq!(h.page(), Page::Host);
    assert!(!h.shows("key done"), "the host page has no ✓ with nothing to do");
}

#[test]
fn an_invitation_code_is_typed_on_a_keyboard_of_its_capitals_and_digits() {
    let h = start();
    let code = h.invite_courier();
    h.press("I have an invitation");
    assert_eq!(h.page(), Page::Invite);
    for absent in ["key I", "key L", "key O", "key U", "key shift", "key space", "key a", "key accents"] {
        assert!(!h.shows(absent), "{absent} is on the code keyboard");
    }
    h.press("key X");
    h.press("key backspace");
    assert_eq!(h.ui.window.global::<InvitationAdapter>().get_code(), "", "backspace takes the last character");
    for c in code.chars().filter(|c| *c != '-') {
        h.press(&format!("key {c}"));
    }
    assert_eq!(h.ui.window.global::<InvitationAdapter>().get_code(), code.replace('-', ""), "it types what it shows");
    h.press("Next");
    assert_eq!(h.page(), Page::InviteConfirm);
    assert!(h.shows("Welcome, Parcel Courier"));
}

#[test]
fn a_name_over_its_limit_says_the_limit() {
    let h = start();
    h.press("Check in");
    h.press("Visiting someone");
    h.type_on_keyboard(&"a".repeat(81));
    h.press("Next");
    assert_eq!(h.page(), Page::Details);
    assert!(
        h.shows("This is too long: at most 80 characters."),
        "{:?}",
        h.ui.window.global::<CheckInAdapter>().get_name_error()
    );
}
