//! The idle reset on Slint's testing backend: the form cleared and the
//! welcome page back, the countdown of its last ten seconds and the touch
//! that keeps the form, and the site's language back on the welcome page.

mod ui_support;

use std::time::Duration;

use foyer_domain::Language;
use foyer_ui::{CheckInAdapter, KioskAdapter, Page};
use slint::ComponentHandle;

use ui_support::start;

#[test]
fn idle_timeout_clears_the_form_and_returns_to_welcome() {
    let h = start();
    h.press("Deutsch");
    h.press("Anmelden");
    h.press("Besuch");
    h.type_on_keyboard("Ada");
    assert_eq!(h.ui.window.global::<CheckInAdapter>().get_name(), "Ada");
    i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(29));
    assert_eq!(h.page(), Page::Details);
    i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(2));
    assert_eq!(h.page(), Page::Welcome);
    assert_eq!(h.ui.window.global::<CheckInAdapter>().get_name(), "");
    assert_eq!(h.ui.window.global::<KioskAdapter>().get_language(), "en");
    assert!(h.shows("Check in"), "the language must be back to the site's");
}

const STILL_THERE: &str = "Still there? Touch the screen to continue.";

fn advance(secs: u64) {
    i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(secs));
}

#[test]
fn the_last_ten_seconds_before_the_idle_reset_count_down_and_a_touch_keeps_the_form() {
    let h = start();
    h.press("Check in");
    h.press("Visiting someone");
    h.type_on_keyboard("Ada");
    advance(19);
    assert!(!h.shows(STILL_THERE), "no warning 11 s before the reset");
    advance(1);
    assert!(h.shows(STILL_THERE) && h.shows("idle countdown 10"), "the warning 10 s before the reset");
    advance(1);
    assert!(h.shows("idle countdown 9"), "it counts down");
    h.press(STILL_THERE);
    assert!(!h.shows(STILL_THERE), "a touch hides the warning");
    assert_eq!(
        (h.page(), h.ui.window.global::<CheckInAdapter>().get_name().to_string()),
        (Page::Details, "Ada".into())
    );
    advance(29);
    assert_eq!(h.page(), Page::Details, "the touch restarted the whole timeout");
    advance(2);
    assert_eq!(h.page(), Page::Welcome);
    assert!(!h.shows(STILL_THERE), "no warning on the welcome page");
}

#[test]
fn a_kiosk_left_on_the_welcome_page_in_a_visitors_language_returns_to_the_sites() {
    let h = start();
    h.press("Deutsch");
    assert!(h.shows("Anmelden"));
    advance(1);
    assert_eq!(shown_date(&h), today_in(Language::De), "the welcome page's date follows the language");
    advance(24);
    assert!(!h.shows(STILL_THERE), "the welcome page shows no countdown");
    advance(6);
    assert_eq!(h.ui.window.global::<KioskAdapter>().get_language(), "en");
    assert!(h.shows("Check in"), "the welcome page is in the site's language again");
    advance(1);
    assert_eq!(shown_date(&h), today_in(Language::En));
}

fn shown_date(h: &ui_support::Harness) -> String {
    h.ui.window.global::<KioskAdapter>().get_date().to_string()
}

/// Today as the clock writes it (local time when the process knows it).
fn today_in(lang: Language) -> String {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    foyer_domain::long_date(now.date(), lang)
}
