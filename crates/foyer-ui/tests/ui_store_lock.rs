//! The host type-ahead never waits on the store's lock: with a 2,000-event
//! outbox backlog and another thread holding the store (inside an open
//! write transaction, as the outbox forwarder or a fsyncing commit does),
//! typing "Gra" on the host page returns at once and the hosts list shows
//! while the lock is still held. (One test: the testing backend's event
//! loop can start once per process.)

#[path = "../../foyer-kiosk/tests/common/mod.rs"]
mod common;

use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::events::KioskEvent;
use foyer_kiosk::store::{outbox, write_tx};
use foyer_ui::{build_ui, AppWindow, CheckInAdapter, KioskAdapter, UiOptions};
use i_slint_backend_testing::ElementHandle;
use slint::{ComponentHandle, Timer, TimerMode};

const BACKLOG: i64 = 2_000;
/// The longest the other thread holds the lock. A UI thread that waited on
/// the lock would be stuck in the keystroke's callback for all of it.
const HOLD: Duration = Duration::from_secs(3);
const GRACE: &str = "Grace Hopper — Compilers";

fn shows(w: &AppWindow, label: &str) -> bool {
    ElementHandle::find_by_accessible_label(w, label).next().is_some()
}

/// Presses the element with this accessible label; fails loudly if absent.
fn press(w: &AppWindow, label: &str) {
    let found: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(w, label).collect();
    found.first().unwrap_or_else(|| panic!("no element labelled {label:?}")).invoke_accessible_default_action();
}

fn kiosk_with_backlog(dir: &std::path::Path) -> Arc<foyer_kiosk::Kiosk> {
    let kiosk = Arc::new(common::open_kiosk(&dir.join("kiosk.db"), FakePrinter::new(), FakeRelay::new()));
    {
        let mut store = kiosk.store();
        let tx = write_tx(store.conn_mut()).unwrap();
        for i in 0..BACKLOG {
            let event = KioskEvent::DeviceAlarm { device: "printer".into(), message: format!("backlog {i}") };
            outbox::push(&tx, &event).unwrap();
        }
        tx.commit().unwrap();
    }
    assert_eq!(kiosk.outbox_length().unwrap(), BACKLOG);
    kiosk
}

#[test]
fn host_search_answers_while_another_thread_holds_the_store_lock() {
    i_slint_backend_testing::init_integration_test_with_system_time();
    let dir = tempfile::tempdir().unwrap();
    let kiosk = kiosk_with_backlog(dir.path());
    let ui = build_ui(kiosk.clone(), UiOptions::default()).unwrap();
    ui.window.show().unwrap();
    let w = &ui.window;
    w.global::<KioskAdapter>().invoke_start_check_in();
    let ci = w.global::<CheckInAdapter>();
    ci.invoke_type_chosen("delivery".into());
    ci.set_name("Ada Lovelace".into());
    ci.invoke_details_next();
    assert!(shows(w, "Who are you visiting?"), "not on the host page");

    // The other thread takes the lock, starts writing, and keeps both until
    // told to let go (or HOLD has passed).
    let released = Arc::new(AtomicBool::new(false));
    let (held_tx, held_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let holder = {
        let (kiosk, released) = (kiosk.clone(), released.clone());
        std::thread::spawn(move || {
            let mut store = kiosk.store();
            let tx = write_tx(store.conn_mut()).unwrap();
            let event = KioskEvent::DeviceAlarm { device: "relay".into(), message: "while held".into() };
            outbox::push(&tx, &event).unwrap();
            held_tx.send(()).unwrap();
            let _ = release_rx.recv_timeout(HOLD);
            released.store(true, Ordering::SeqCst);
            tx.commit().unwrap();
        })
    };
    held_rx.recv_timeout(Duration::from_secs(10)).expect("the other thread took the store lock");

    let typing = Instant::now();
    for key in ["key shift", "key G", "key r", "key a"] {
        press(w, key);
    }
    let took = typing.elapsed();
    assert!(took < Duration::from_secs(1), "typing \"Gra\" took {took:?}: the UI thread waited on the store lock");
    assert!(!released.load(Ordering::SeqCst), "the lock must still be held when typing returns");
    assert_eq!(ci.get_host_query(), "Gra");

    // The event loop keeps running; the answer arrives from the reader.
    let shown_while_held = Rc::new(Cell::new(None::<bool>));
    let poll = Timer::default();
    let (weak, seen, released2, release) =
        (w.as_weak(), shown_while_held.clone(), released.clone(), release_tx.clone());
    poll.start(TimerMode::Repeated, Duration::from_millis(20), move || {
        // Once: the timer may fire again before the event loop has ended.
        if seen.get().is_none() && weak.upgrade().is_some_and(|w| shows(&w, GRACE)) {
            seen.set(Some(!released2.load(Ordering::SeqCst)));
            let _ = release.send(());
            let _ = slint::quit_event_loop();
        }
    });
    // Bounded: give up after 10 s.
    Timer::single_shot(Duration::from_secs(10), || {
        let _ = slint::quit_event_loop();
    });
    slint::run_event_loop().unwrap();
    let _ = release_tx.send(());
    holder.join().unwrap();
    let shown = shown_while_held.get().expect("the host list never showed Grace Hopper");
    assert!(shown, "the host list showed only after the store lock was released");
    assert_eq!(kiosk.outbox_length().unwrap(), BACKLOG + 1, "the held write committed");
}
