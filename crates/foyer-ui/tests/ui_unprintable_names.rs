//! A name no font on the kiosk can draw is refused on the details page,
//! naming the characters, before it is printed as boxes on a badge; a
//! Latin name always passes, and a CJK one where the system has its fonts.

mod ui_support;

use foyer_devices::badge::missing_glyphs;
use foyer_ui::{CheckInAdapter, Page};
use slint::ComponentHandle;

use ui_support::{start, Harness};

/// Puts `text` in a field as typing on a physical keyboard (or with an
/// input method) does: through the field's two-way binding to the adapter.
/// The on-screen keyboard has no keys for these characters.
fn type_into(h: &Harness, field: &str, text: &str) {
    let ci = h.ui.window.global::<CheckInAdapter>();
    match field {
        "name" => ci.set_name(text.into()),
        "company" => ci.set_company(text.into()),
        other => panic!("no field {other}"),
    }
}

fn to_details(h: &Harness) {
    h.press("Check in");
    h.press("Visiting someone");
    assert_eq!(h.page(), Page::Details);
}

#[test]
fn a_name_with_a_character_no_font_draws_is_refused_naming_it_and_kept() {
    let h = start();
    let name = "Ada \u{10FFFD}";
    assert_eq!(missing_glyphs(name), ['\u{10FFFD}'], "the test needs a character no font here has");
    to_details(&h);
    type_into(&h, "name", name);
    h.press("Next");
    assert_eq!(h.page(), Page::Details, "the name was not accepted");
    let ci = h.ui.window.global::<CheckInAdapter>();
    assert_eq!(ci.get_name(), name, "the visitor's text is kept to correct");
    let message = "Our badge printer cannot print these characters: \u{10FFFD}. \
                   Please type your name in Latin letters instead.";
    assert!(h.shows(message), "error {:?}", ci.get_name_error());
}

#[test]
fn a_company_no_font_draws_is_refused_too() {
    let h = start();
    to_details(&h);
    type_into(&h, "name", "Ada Lovelace");
    type_into(&h, "company", "\u{10FFFC} Ltd");
    h.press("Next");
    assert_eq!(h.page(), Page::Details);
    assert!(h.shows(
        "Our badge printer cannot print these characters: \u{10FFFC}. \
         Please type the company name in Latin letters instead."
    ));
    assert_eq!(h.ui.window.global::<CheckInAdapter>().get_name_error(), "", "the name itself was fine");
}

#[test]
fn the_refusal_is_in_the_screen_s_language() {
    let h = start();
    h.press("Deutsch");
    h.press("Anmelden");
    h.press("Besuch");
    assert_eq!(h.page(), Page::Details);
    type_into(&h, "name", "Ada \u{10FFFD}");
    h.press("Weiter");
    assert_eq!(h.page(), Page::Details);
    assert!(h.shows(
        "Unser Ausweisdrucker kann diese Zeichen nicht drucken: \u{10FFFD}. \
         Bitte geben Sie Ihren Namen stattdessen in lateinischen Buchstaben ein."
    ));
}

#[test]
fn a_latin_name_passes_and_a_cjk_one_where_its_fonts_are_installed() {
    let h = start();
    to_details(&h);
    type_into(&h, "name", "Zoë Ångström");
    h.press("Next");
    assert_eq!(h.page(), Page::Host, "{:?}", h.ui.window.global::<CheckInAdapter>().get_name_error());

    let cjk = "王小明 Wang";
    let missing = missing_glyphs(cjk);
    if !missing.is_empty() {
        let why = format!("no system font draws {missing:?} (install fonts-noto-cjk)");
        assert!(std::env::var("FOYER_CI_REQUIRE_FONTS").as_deref() != Ok("1"), "{why}");
        return eprintln!("skipping the CJK name: {why}");
    }
    h.press("Cancel");
    to_details(&h);
    type_into(&h, "name", cjk);
    h.press("Next");
    assert_eq!(h.page(), Page::Host, "{:?}", h.ui.window.global::<CheckInAdapter>().get_name_error());
}
