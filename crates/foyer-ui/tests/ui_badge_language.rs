//! The badge comes out in the language the visitor chose on the screen:
//! a walk-in through the German pages, an invitation scanned in Spanish.

mod ui_support;

use foyer_domain::{BadgeWords, Language};
use foyer_ui::Page;

use ui_support::start;

#[test]
fn a_walk_in_through_the_german_pages_prints_a_german_badge() {
    let h = start();
    h.press("Deutsch");
    h.press("Anmelden");
    h.press("Besuch");
    assert_eq!(h.page(), Page::Details);
    h.type_on_keyboard("Ada Lovelace");
    h.press("Weiter");
    assert_eq!(h.page(), Page::Host);
    h.type_on_keyboard("gra");
    h.press("Grace Hopper — Compilers");
    assert_eq!(h.page(), Page::Agreement);
    h.press("Ich stimme zu");
    assert_eq!(h.page(), Page::Review);
    h.press("Ausweis drucken");
    assert_eq!(h.page(), Page::Done);
    let printed = h.t.printer.printed();
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].language, Language::De);
    assert_eq!(BadgeWords::of(printed[0].language).host, "Gastgeber:");
    let visit = h.t.kiosk.on_site().unwrap().pop().expect("a committed visit");
    assert_eq!(visit.language, Language::De, "kept for a reprint");
}

#[test]
fn an_invitation_scanned_on_the_spanish_screen_prints_a_spanish_badge() {
    let h = start();
    let code = h.invite_courier();
    h.press("Español");
    h.wedge_scan(&code);
    assert_eq!(h.page(), Page::InviteConfirm);
    h.press("Soy yo");
    assert_eq!(h.page(), Page::Done);
    assert_eq!(h.t.printer.printed()[0].language, Language::Es);
}

#[test]
fn a_walk_in_on_the_english_screen_prints_an_english_badge() {
    let h = start();
    h.walk_in_to_review("Ada Lovelace");
    h.press("Print my badge");
    assert_eq!(h.t.printer.printed()[0].language, Language::En);
}
