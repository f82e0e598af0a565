//! Staff mode tells the receptionist when the back office refused events:
//! the outbox line counts the held-back ones and is not ok, on Slint's
//! testing backend with the real staff page.

#[path = "../../foyer-kiosk/tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::events::KioskEvent;
use foyer_kiosk::store::{outbox, quarantine, Store};
use foyer_ui::{build_ui, StaffAdapter, UiOptions};
use i_slint_backend_testing::ElementHandle;
use slint::{ComponentHandle, Model};

/// The outbox line of staff mode after logging in with the PIN.
fn outbox_line_after_login(db: &std::path::Path) -> (String, bool) {
    i_slint_backend_testing::init_no_event_loop();
    foyer_ui::worker::run_inline(true);
    let kiosk = Arc::new(common::open_kiosk(db, FakePrinter::new(), FakeRelay::new()));
    let options =
        UiOptions { staff_pin_hash: Some(foyer_ui::staff_pin::hash_pin("2468").unwrap()), ..UiOptions::default() };
    let ui = build_ui(kiosk, options).unwrap();
    ui.window.show().unwrap();
    ui.window.global::<StaffAdapter>().invoke_open_pin();
    for label in ["2", "4", "6", "8", "OK"] {
        let found: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(&ui.window, label).collect();
        found.first().unwrap_or_else(|| panic!("no element labelled {label:?}")).invoke_accessible_default_action();
    }
    let devices = ui.window.global::<StaffAdapter>().get_devices();
    let line = devices.iter().find(|d| d.name == "outbox").expect("staff mode shows the outbox");
    (line.status.to_string(), line.ok)
}

#[test]
fn an_event_held_back_shows_on_the_outbox_line_as_not_ok() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    {
        let mut store = Store::open(&db).unwrap();
        for device in ["printer", "relay", "scanner"] {
            let event = KioskEvent::DeviceAlarm { device: device.into(), message: "test".into() };
            outbox::push(store.conn(), &event).unwrap();
        }
        let seq = outbox::pending(store.conn(), 1).unwrap()[0].seq;
        quarantine::hold(store.conn_mut(), seq, "422 Unprocessable Entity: unknown type", "link@lobby-1").unwrap();
    }
    assert_eq!(outbox_line_after_login(&db), ("2 events, 1 held back".to_owned(), false));
}
