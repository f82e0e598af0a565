//! One visit as a visitor makes it, on the kiosk's real pages drawn by the
//! software renderer: check in on the on-screen keyboard, take the badge,
//! then check out by name. Presses go by accessible label, as in the UI
//! tests, and a frame is drawn on every page the visitor sees, so glyph
//! and image caches are exercised as on the lobby screen.

use foyer_ui::screenshots::Headless;
use foyer_ui::{AppWindow, KioskAdapter, Page};
use i_slint_backend_testing::ElementHandle;
use slint::ComponentHandle;

const FIRST: [&str; 10] = ["Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grete", "Hedy", "Ivan"];
const LAST: [&str; 10] =
    ["Lovelace", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Hermann", "Lamarr", "Sutherland"];

/// The visitor of the `n`th visit: a hundred different names in turn.
pub fn name_of(n: usize) -> (String, String) {
    (FIRST[n % 10].to_owned(), LAST[(n / 10) % 10].to_owned())
}

/// The kiosk's window, drawn after each step when `screen` is given (the
/// soak) or only driven (Slint's testing backend, the tap bench).
pub struct Lobby<'a> {
    pub window: &'a AppWindow,
    pub screen: Option<&'a Headless>,
}

impl Lobby<'_> {
    fn page(&self) -> Page {
        self.window.global::<KioskAdapter>().get_page()
    }

    pub fn press(&self, label: &str) {
        let found = ElementHandle::find_by_accessible_label(self.window, label).next();
        let el = found.unwrap_or_else(|| panic!("no element labelled {label:?} on page {:?}", self.page()));
        el.invoke_accessible_default_action();
    }

    fn type_on_keyboard(&self, text: &str) {
        for c in text.chars() {
            match c {
                ' ' => self.press("key space"),
                c if c.is_uppercase() => {
                    self.press("key shift");
                    self.press(&format!("key {c}"));
                }
                c => self.press(&format!("key {c}")),
            }
        }
    }

    /// Draws the current page, running due timers first (the done page's
    /// host notice, the idle countdown).
    fn draw(&self) {
        slint::platform::update_timers_and_animations();
        if let Some(screen) = self.screen {
            let _ = screen.render(1280, 800);
        }
    }

    pub fn expect(&self, page: Page, after: &str) {
        assert_eq!(self.page(), page, "after {after}");
        self.draw();
    }

    /// Checks the `n`th visitor in and out again; panics on any page the
    /// visit should not reach, so a broken soak cannot report figures.
    pub fn visit(&self, n: usize) {
        self.to_review(n);
        self.press("Print my badge");
        self.expect(Page::Done, "Print my badge");
        self.leave(n);
    }

    /// From the welcome page to the review of the `n`th visitor's badge.
    pub fn to_review(&self, n: usize) {
        let (first, last) = name_of(n);
        self.expect(Page::Welcome, "start");
        self.press("Check in");
        self.press("Visiting someone");
        self.expect(Page::Details, "Visiting someone");
        self.type_on_keyboard(&format!("{first} {last}"));
        self.press("Next");
        self.expect(Page::Host, "the details");
        self.type_on_keyboard("gra");
        self.draw();
        self.press("Grace Hopper — Compilers");
        self.expect(Page::Agreement, "the host");
        self.press("I agree");
        self.expect(Page::Review, "the agreement");
    }

    /// From the done page, out of the lobby: checked out by name.
    pub fn leave(&self, n: usize) {
        let (first, last) = name_of(n);
        self.press("Done");
        self.expect(Page::Welcome, "Done");
        self.press("Check out");
        self.expect(Page::Checkout, "Check out");
        self.type_on_keyboard(&format!("{} {}", first.to_lowercase(), &last[..1].to_lowercase()));
        self.draw();
        self.press(&format!("{first} {}. — Grace Hopper", &last[..1]));
        self.press("Check me out");
        self.expect(Page::Goodbye, "Check me out");
        self.press("Done");
        self.expect(Page::Welcome, "the goodbye page");
    }
}
