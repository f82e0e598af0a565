//! The console in a real browser (headless Chromium over WebDriver): a
//! receptionist sees a kiosk check-in appear live, approves a flagged
//! visitor and sees the kiosk print, checks someone out and opens the
//! evacuation list; an admin exports the visit log as CSV.
//!
//! Without Chromium this reports itself skipped (never passed); with
//! FOYER_CI_REQUIRE_BROWSER=1, as CI sets, a missing Chromium is a failure.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod browser_support;
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use backoffice_support::console::{add_user, PASSWORD};
use backoffice_support::{seed_hosts, settings, Backoffice};
use browser_support::{log_in, missing, screenshot, wait_for_text, Driver};
use fantoccini::{Client, Locator};
use foyer_backoffice::db::directory;
use foyer_backoffice::db::users::Role;
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_kiosk::link::{run_link, LinkSettings};
use foyer_kiosk::{Actor, Kiosk};

const LIVE: Duration = Duration::from_secs(20);

/// A back office with a linked kiosk on fake devices.
struct Lobby {
    bo: Backoffice,
    kiosk: Arc<Kiosk>,
    printer: FakePrinter,
    relay: FakeRelay,
    stop_link: tokio::sync::oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

async fn lobby() -> Lobby {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    add_user(&bo, "rita", Role::Receptionist);
    add_user(&bo, "adam", Role::Admin);
    bo.state.db.with(|c| directory::watch(c, "Mallory Suspect", "banned after an incident")).unwrap();
    let token = bo.add_kiosk("lobby-1");
    let (printer, relay) = (FakePrinter::new(), FakeRelay::new());
    let kiosk = Arc::new(common::open_kiosk(&dir.path().join("kiosk.db"), printer.clone(), relay.clone()));
    let mut link = LinkSettings::new(bo.url.clone(), token);
    link.sync_interval = Duration::from_millis(200);
    let (stop_link, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(run_link(kiosk.clone(), link, async move {
        let _ = stopped.await;
    }));
    Lobby { bo, kiosk, printer, relay, stop_link, _dir: dir }
}

impl Lobby {
    /// A visitor checks in at the kiosk; true when screening let them in.
    async fn check_in(&self, name: &str) -> bool {
        let (k, name) = (self.kiosk.clone(), name.to_owned());
        tokio::task::spawn_blocking(move || k.check_in(&common::walk_in(&name, "Grace Hopper"), &Actor::Visitor))
            .await
            .unwrap()
            .unwrap()
            .admission
            .is_some()
    }

    async fn until(&self, what: &str, check: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + LIVE;
        while !check(self) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn stop(self) {
        let _ = self.stop_link.send(());
        self.bo.stop().await;
    }
}

async fn click(b: &Client, css: &str) {
    b.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}")).click().await.unwrap();
}

async fn receptionist_handles_the_lobby(driver: &Driver) {
    let lobby = lobby().await;
    let b = driver.browser().await;
    log_in(&b, &lobby.bo.url, "rita", PASSWORD).await;
    wait_for_text(&b, "h1", "Lobby", LIVE).await;

    // A kiosk check-in appears without reloading the page.
    assert!(lobby.check_in("Walter Walkin").await);
    wait_for_text(&b, "#lobby td", "Walter Walkin", LIVE).await;

    // The watchlist (synced to the kiosk) flags Mallory: she waits for the desk.
    lobby
        .until("the watchlist to reach the kiosk", |l| {
            l.kiosk.store().conn().query_row("SELECT count(*) FROM watchlist", [], |r| r.get::<_, i64>(0)).unwrap_or(0)
                > 0
        })
        .await;
    assert!(!lobby.check_in("Mallory Suspect").await, "screening holds Mallory at the kiosk");
    wait_for_text(&b, "#lobby td", "Mallory Suspect", LIVE).await;
    screenshot(&b, "console-lobby").await;

    // Approve: the kiosk prints her badge and opens the door.
    let printed_before = lobby.printer.printed().len();
    click(&b, "button[aria-label='Approve Mallory Suspect']").await;
    wait_for_text(&b, ".notice", "approved", LIVE).await;
    lobby.until("the kiosk to print Mallory's badge", |l| l.printer.printed().len() > printed_before).await;
    assert_eq!(lobby.printer.printed().last().unwrap().visitor_name, "Mallory Suspect");
    lobby.until("the door to open", |l| l.relay.pulses().len() >= 2).await;
    wait_for_text(&b, "#lobby [data-command] td", "done", LIVE).await;

    // Check Walter out: he moves to the recent departures, live.
    click(&b, "button[aria-label='Check out Walter Walkin']").await;
    wait_for_text(&b, "#departed-h + table td, section[aria-labelledby=departed-h] td", "Walter Walkin", LIVE).await;

    // The evacuation list, one click away.
    click(&b, "nav a[href='/console/desk/evacuation']").await;
    wait_for_text(&b, "h1", "Evacuation list: 1 on site", LIVE).await;
    wait_for_text(&b, "td", "Mallory Suspect", LIVE).await;
    screenshot(&b, "console-evacuation").await;
    b.close().await.unwrap();
    lobby.stop().await;
}

async fn admin_exports_the_visit_log(driver: &Driver) {
    let lobby = lobby().await;
    assert!(lobby.check_in("Export Me").await);
    lobby.until("the arrival to reach the back office", |l| l.bo.count("SELECT count(*) FROM visits") > 0).await;
    let downloads = tempfile::tempdir().unwrap();
    let b = driver.browser_with_downloads(downloads.path()).await;
    log_in(&b, &lobby.bo.url, "adam", PASSWORD).await;
    click(&b, "nav a[href='/console/admin/visits']").await;
    wait_for_text(&b, "td", "Export Me", LIVE).await;
    screenshot(&b, "console-visit-log").await;
    click(&b, "a[href^='/console/admin/visits/export.csv']").await;
    let deadline = Instant::now() + LIVE;
    let csv = loop {
        let done = std::fs::read_dir(downloads.path())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "csv"));
        if let Some(path) = done {
            break std::fs::read_to_string(path).unwrap();
        }
        assert!(Instant::now() < deadline, "no CSV was downloaded within {LIVE:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(csv.starts_with("visit_id,visitor_name"), "{csv}");
    assert!(csv.contains("Export Me"));
    b.close().await.unwrap();
    lobby.stop().await;
}

type Scenario = for<'a> fn(&'a Driver) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>;

fn scenarios() -> Vec<(&'static str, Scenario)> {
    vec![
        ("receptionist_handles_the_lobby", |d| Box::pin(receptionist_handles_the_lobby(d))),
        ("admin_exports_the_visit_log", |d| Box::pin(admin_exports_the_visit_log(d))),
    ]
}

fn main() {
    let required = std::env::var("FOYER_CI_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let chosen: Vec<_> =
        scenarios().into_iter().filter(|(n, _)| filter.iter().all(|f| n.contains(f.as_str()))).collect();
    if let Some(why) = missing() {
        if required {
            eprintln!("console_browser: FAILED: {why}, and FOYER_CI_REQUIRE_BROWSER=1 requires it");
            std::process::exit(1);
        }
        for (name, _) in &chosen {
            println!("test {name} ... SKIPPED ({why})");
        }
        println!("\ntest result: SKIPPED. 0 passed; 0 failed; {} skipped (no Chromium)", chosen.len());
        return;
    }
    let driver = Driver::start();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut failed = 0;
    for (name, scenario) in &chosen {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| runtime.block_on(scenario(&driver))));
        println!("test {name} ... {}", if outcome.is_ok() { "ok" } else { "FAILED" });
        failed += usize::from(outcome.is_err());
    }
    println!(
        "\ntest result: {}. {} passed; {failed} failed",
        if failed == 0 { "ok" } else { "FAILED" },
        chosen.len() - failed
    );
    drop(driver);
    if failed > 0 {
        std::process::exit(1);
    }
}
