//! The kiosk UI on Slint's testing backend, driven as a visitor and a
//! scanner would: presses by accessible label, the on-screen keyboard, and
//! the key sequence a keyboard-wedge scanner types.

#![allow(dead_code)] // each test binary uses part of it

#[path = "../../../foyer-kiosk/tests/common/mod.rs"]
pub mod common;

use std::sync::Arc;

use foyer_domain::VisitorType;
use foyer_kiosk::check_in::HostChoice;
use foyer_kiosk::invite::NewInvitation;
use foyer_kiosk::Actor;
use foyer_ui::{build_ui, CheckInAdapter, KioskAdapter, KioskUi, Page, UiOptions};
use i_slint_backend_testing::ElementHandle;
use slint::platform::{Key, WindowEvent};
use slint::ComponentHandle;

pub struct Harness {
    pub t: common::TestKiosk,
    pub ui: KioskUi,
}

pub fn start() -> Harness {
    start_with(UiOptions {
        staff_pin_hash: Some(foyer_ui::staff_pin::hash_pin("2468").unwrap()),
        ..UiOptions::default()
    })
}

/// As [`start`], with these options (e.g. no staff PIN).
pub fn start_with(options: UiOptions) -> Harness {
    i_slint_backend_testing::init_no_event_loop();
    foyer_ui::worker::run_inline(true);
    let t = common::kiosk();
    // The kiosk is shared with the UI: rebuild it around the same store file.
    let kiosk = Arc::new(common::open_kiosk(&t.dir.path().join("kiosk.db"), t.printer.clone(), t.relay.clone()));
    let ui = build_ui(kiosk, options).unwrap();
    ui.window.show().unwrap();
    Harness { t, ui }
}

impl Harness {
    /// Invites "Parcel Courier" (a delivery for Grace Hopper, today) and
    /// returns the invitation code as printed in the email.
    pub fn invite_courier(&self) -> String {
        let inv = NewInvitation {
            name: "Parcel Courier".into(),
            company: None,
            email: None,
            host: HostChoice::Name("Grace Hopper".into()),
            visitor_type: VisitorType::Delivery,
            expected_on: time::OffsetDateTime::now_utc().date(),
        };
        self.t.kiosk.invite(&inv, &Actor::Cli).unwrap().0.display()
    }

    /// A walk-in typed through to the review page, host Grace Hopper.
    pub fn walk_in_to_review(&self, name: &str) {
        assert_eq!(self.page(), Page::Welcome);
        self.press("Check in");
        self.press("Visiting someone");
        assert_eq!(self.page(), Page::Details);
        self.type_on_keyboard(name);
        self.press("Next");
        assert_eq!(
            self.page(),
            Page::Host,
            "details refused: {:?}",
            self.ui.window.global::<CheckInAdapter>().get_name_error()
        );
        self.type_on_keyboard("gra");
        self.press("Grace Hopper — Compilers");
        assert_eq!(self.page(), Page::Agreement);
        assert!(self.shows("agreement text"));
        self.press("I agree");
        assert_eq!(self.page(), Page::Review);
        assert!(self.ui.window.global::<CheckInAdapter>().get_badge_preview().size().width >= 384, "no badge preview");
    }

    pub fn page(&self) -> Page {
        self.ui.window.global::<KioskAdapter>().get_page()
    }

    /// Presses the element with this accessible label; fails loudly if absent.
    pub fn press(&self, label: &str) {
        let found: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(&self.ui.window, label).collect();
        let el = found.first().unwrap_or_else(|| panic!("no element labelled {label:?} on page {:?}", self.page()));
        el.invoke_accessible_default_action();
    }

    pub fn shows(&self, label: &str) -> bool {
        ElementHandle::find_by_accessible_label(&self.ui.window, label).next().is_some()
    }

    /// Types on the on-screen keyboard, using shift for capitals.
    pub fn type_on_keyboard(&self, text: &str) {
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

    /// Types as a keyboard-wedge scanner does: a key press and release per
    /// character, capitals between Shift down and Shift up, then Enter.
    pub fn wedge_scan(&self, code: &str) {
        let w = self.ui.window.window();
        let shift: slint::SharedString = Key::Shift.into();
        for c in code.chars() {
            let text: slint::SharedString = c.to_string().into();
            if c.is_uppercase() {
                w.dispatch_event(WindowEvent::KeyPressed { text: shift.clone() });
            }
            w.dispatch_event(WindowEvent::KeyPressed { text: text.clone() });
            w.dispatch_event(WindowEvent::KeyReleased { text });
            if c.is_uppercase() {
                w.dispatch_event(WindowEvent::KeyReleased { text: shift.clone() });
            }
        }
        let enter: slint::SharedString = Key::Return.into();
        w.dispatch_event(WindowEvent::KeyPressed { text: enter.clone() });
        w.dispatch_event(WindowEvent::KeyReleased { text: enter });
    }
}
