//! Printing never blocks the UI thread: with a real event loop and a
//! printer that takes half a second, the kiosk shows "printing" at once and
//! "done" when the worker thread reports back. (One test: the testing
//! backend's event loop can start once per process.)

#[path = "../../foyer-kiosk/tests/common/mod.rs"]
mod common;

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_devices::{BadgePrinter, DeviceError, PrintJob, PrintReport, PrinterStatus};
use foyer_ui::{build_ui, CheckInAdapter, KioskAdapter, Page, UiOptions};
use slint::{ComponentHandle, Timer, TimerMode};

struct SlowPrinter {
    inner: FakePrinter,
    delay: Duration,
}

impl BadgePrinter for SlowPrinter {
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError> {
        std::thread::sleep(self.delay);
        self.inner.print(job)
    }
    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        self.inner.status()
    }
    fn describe(&self) -> String {
        "slow printer".into()
    }
}

#[test]
fn printing_runs_off_the_ui_thread_and_reports_back() {
    i_slint_backend_testing::init_integration_test_with_system_time();
    let dir = tempfile::tempdir().unwrap();
    let printed = FakePrinter::new();
    let db = dir.path().join("kiosk.db");
    drop(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new())); // seeds hosts
    let store = foyer_kiosk::store::Store::open(&db).unwrap();
    let host = foyer_kiosk::store::hosts::list(store.conn()).unwrap()[0].clone();
    let settings = foyer_kiosk::KioskSettings {
        site_name: "Test Site".into(),
        kiosk_name: "lobby-1".into(),
        pulse: foyer_domain::PulseLength::DEFAULT,
    };
    let slow = SlowPrinter { inner: printed.clone(), delay: Duration::from_millis(500) };
    let kiosk = foyer_kiosk::Kiosk::new(store, common::key(), settings, Arc::new(slow), Arc::new(FakeRelay::new()));
    let ui = build_ui(Arc::new(kiosk), UiOptions::default()).unwrap();
    ui.window.show().unwrap();
    let w = &ui.window;
    w.global::<KioskAdapter>().invoke_start_check_in();
    let ci = w.global::<CheckInAdapter>();
    ci.invoke_type_chosen("delivery".into());
    ci.set_name("Ada Lovelace".into());
    ci.invoke_details_next();
    ci.invoke_host_chosen(host.id as i32);
    assert_eq!(w.global::<KioskAdapter>().get_page(), Page::Review);

    ci.invoke_confirm();
    // Had the check-in run on the UI thread, the badge would be printed by now.
    assert_eq!(w.global::<KioskAdapter>().get_page(), Page::Printing);
    assert!(printed.printed().is_empty(), "the badge printed before confirm returned: work ran on the UI thread");

    let done = Rc::new(Cell::new(false));
    let poll = Timer::default();
    let (weak, d) = (w.as_weak(), done.clone());
    poll.start(TimerMode::Repeated, Duration::from_millis(20), move || {
        let page = weak.upgrade().map(|w| w.global::<KioskAdapter>().get_page());
        if page == Some(Page::Done) {
            d.set(true);
            let _ = slint::quit_event_loop();
        }
    });
    // Bounded: give up after 10 s.
    Timer::single_shot(Duration::from_secs(10), || {
        let _ = slint::quit_event_loop();
    });
    slint::run_event_loop().unwrap();
    assert!(done.get(), "the kiosk never showed the done page");
    assert_eq!(printed.printed().len(), 1);
}
