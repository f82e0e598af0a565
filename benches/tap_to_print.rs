//! Tap on "Print my badge" to the last byte of the job on a pty printer
//! (issue 15; goal ≤ 30 ms median), through the kiosk's pages on Slint's
//! testing backend: each sample types a walk-in to the review page
//! (untimed), taps, and times until the played printer has read the job's
//! final cut; then the visitor checks out (untimed). The kiosk is the
//! real one on a file database: check-in commit, badge, door, outbox.
//! A pty has no wire time, so none is in the figure. Native ESC/POS (text
//! and the printer's QR) and raster (the badge as an image), one run.

#[path = "tap_support/pty_printer.rs"]
mod pty_printer;
#[allow(dead_code)] // the soak's whole visit is not used here
#[path = "soak_support/visitor.rs"]
mod visitor;

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use foyer_devices::fake::FakeRelay;
use foyer_devices::printer::{EscPosPrinter, JobOptions, Profile, SerialLink};
use foyer_domain::host::NewHost;
use foyer_domain::{PulseLength, SiteKey};
use foyer_kiosk::store::{hosts, Store};
use foyer_kiosk::{Kiosk, KioskSettings};
use foyer_ui::{build_ui, Page, UiOptions};
use slint::ComponentHandle;

use pty_printer::PtyPrinter;
use visitor::Lobby;

fn kiosk(dir: &std::path::Path, raster: bool) -> (Arc<Kiosk>, PtyPrinter) {
    let (master, slave) = serialport::TTYPort::pair().expect("a pseudo-terminal pair");
    let played = PtyPrinter::start(master, Duration::from_secs(600));
    let profile = Profile::load("epson-tm-t20iii").unwrap();
    let options = JobOptions { expiry: Duration::from_secs(120), force_raster: raster, poll_interval: None };
    let link = Box::new(SerialLink::from_port(Box::new(slave)));
    let printer = EscPosPrinter::new(link, profile, None, options, Arc::new(|_| {}));
    let mut store = Store::open(&dir.join(if raster { "raster.db" } else { "native.db" })).unwrap();
    let grace = NewHost::parse("Grace Hopper", Some("grace@example.org"), None, Some("Compilers")).unwrap();
    hosts::import(store.conn_mut(), &[grace]).unwrap();
    let settings = KioskSettings { site_name: "Bench".into(), kiosk_name: "bench".into(), pulse: PulseLength::DEFAULT };
    let k = Kiosk::new(store, SiteKey::from_bytes([7; 32]), settings, Arc::new(printer), Arc::new(FakeRelay::new()));
    (Arc::new(k), played)
}

fn tap_to_last_byte(c: &mut Criterion) {
    i_slint_backend_testing::init_no_event_loop();
    foyer_ui::worker::run_inline(true);
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("tap_print_to_last_byte_pty");
    g.sample_size(30).measurement_time(Duration::from_secs(20));
    for (name, raster) in [("native_escpos", false), ("raster_escpos", true)] {
        let (kiosk, played) = kiosk(dir.path(), raster);
        let ui = build_ui(kiosk, UiOptions::default()).unwrap();
        ui.window.show().unwrap();
        let lobby = Lobby { window: &ui.window, screen: None };
        let mut n = 0;
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    n += 1;
                    lobby.to_review(n);
                    let tapped = Instant::now();
                    lobby.press("Print my badge");
                    let last = played.done.recv_timeout(Duration::from_secs(10)).expect("the job's last byte");
                    lobby.expect(Page::Done, "Print my badge");
                    total += last - tapped;
                    lobby.leave(n);
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group!(benches, tap_to_last_byte);
criterion_main!(benches);
