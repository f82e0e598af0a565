//! The agreement page in the screen's language: German for a visitor who
//! chose Deutsch, accepted as the German version; the site's default text
//! with a note for one who chose Français, where the site wrote none; and
//! read again when the language changes on the page.

mod ui_support;

use foyer_kiosk::store::agreements;
use foyer_kiosk::store::directory::upsert_agreement;
use foyer_ui::{CheckInAdapter, KioskAdapter, Page};
use slint::ComponentHandle;

use ui_support::{start, Harness};

const NOTE: &str = "This agreement is not available in your language. It is shown in the site's language.";
const NOTE_FR: &str = "Cet accord n'est pas disponible dans votre langue. Il est affiché dans la langue du site.";

/// A site that published its default text (2) and a German one (3).
fn seeded() -> Harness {
    let h = start();
    let store = h.t.kiosk.store();
    upsert_agreement(store.conn(), 2, "Wear your badge.", None).unwrap();
    upsert_agreement(store.conn(), 3, "Tragen Sie Ihren Ausweis.", Some("de")).unwrap();
    drop(store);
    h
}

/// Through the details and host pages (labels in `lang`) to the agreement.
fn to_agreement(h: &Harness, check_in: &str, visiting: &str, next: &str) {
    h.press(check_in);
    h.press(visiting);
    h.type_on_keyboard("Ada Lovelace");
    h.press(next);
    assert_eq!(h.page(), Page::Host);
    h.type_on_keyboard("gra");
    h.press("Grace Hopper — Compilers");
    assert_eq!(h.page(), Page::Agreement);
}

#[test]
fn a_german_visitor_reads_and_accepts_the_german_version() {
    let h = seeded();
    h.press("Deutsch");
    to_agreement(&h, "Anmelden", "Besuch", "Weiter");
    let ci = h.ui.window.global::<CheckInAdapter>();
    assert_eq!((ci.get_agreement_text().as_str(), ci.get_agreement_version()), ("Tragen Sie Ihren Ausweis.", 3));
    assert!(!ci.get_agreement_fell_back() && !h.shows(NOTE), "no note over a German text");
    h.press("Ich stimme zu");
    assert_eq!(h.page(), Page::Review);
    h.press("Ausweis drucken");
    assert_eq!(h.page(), Page::Done);
    let visit = h.t.kiosk.on_site().unwrap().pop().expect("a committed visit");
    assert_eq!(agreements::accepted_by(h.t.kiosk.store().conn(), visit.id).unwrap(), Some(3));
}

#[test]
fn a_french_visitor_reads_the_default_text_under_a_note_and_a_switch_rereads_it() {
    let h = seeded();
    h.press("Français");
    to_agreement(&h, "Arrivée", "Visite", "Suivant");
    let ci = h.ui.window.global::<CheckInAdapter>();
    assert_eq!((ci.get_agreement_text().as_str(), ci.get_agreement_version()), ("Wear your badge.", 2));
    assert!(ci.get_agreement_fell_back());
    assert!(h.shows(NOTE_FR), "the note says the text is not in French");

    // German chosen while the agreement is on screen: it is read again.
    h.ui.window.global::<KioskAdapter>().invoke_set_language("de".into());
    assert_eq!(h.page(), Page::Agreement);
    assert_eq!((ci.get_agreement_text().as_str(), ci.get_agreement_version()), ("Tragen Sie Ihren Ausweis.", 3));
    assert!(!ci.get_agreement_fell_back());
}
