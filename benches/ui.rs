//! Speed of the kiosk screen (issue 5): the software renderer's full-frame
//! time at 1280×800 on the welcome and the details page (keyboard shown),
//! and a cold start of the binary to its first rendered frame (process
//! start, settings, database, UI build, one frame; off-screen, so without
//! a display server's share).

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::{PulseLength, SiteKey};
use foyer_kiosk::store::Store;
use foyer_kiosk::{Kiosk, KioskSettings};
use foyer_ui::screenshots::Headless;
use foyer_ui::{page, KioskAdapter, Page, UiOptions};
use slint::ComponentHandle;

fn frame_time(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("k.db")).unwrap();
    let settings = KioskSettings { site_name: "Bench".into(), kiosk_name: "bench".into(), pulse: PulseLength::DEFAULT };
    let kiosk = Kiosk::new(
        store,
        SiteKey::from_bytes([1; 32]),
        settings,
        Arc::new(FakePrinter::new()),
        Arc::new(FakeRelay::new()),
    );
    let headless = Headless::new(Arc::new(kiosk), UiOptions::default()).unwrap();
    let mut g = c.benchmark_group("ui_full_frame_1280x800");
    g.measurement_time(Duration::from_secs(8));
    for shown in [Page::Welcome, Page::Details] {
        headless.ui.window.global::<KioskAdapter>().set_page(shown);
        g.bench_function(page::name(shown), |b| b.iter(|| headless.render(1280, 800)));
    }
    g.finish();
}

fn cold_start(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_foyer");
    let mut g = c.benchmark_group("cold_start");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("process_to_first_frame_welcome_1280x800", |b| {
        b.iter(|| {
            let out = Command::new(bin)
                .args(["screenshots", "--out", "shots", "--page", "welcome", "--size", "1280x800", "--lang", "en"])
                .current_dir(dir.path())
                .env("FOYER_LOG", "warn")
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        })
    });
    g.finish();
}

criterion_group!(benches, frame_time, cold_start);
criterion_main!(benches);
