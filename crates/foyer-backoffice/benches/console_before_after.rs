//! Console page latency of this build against an earlier one, in one run
//! (the trust-boundaries issue: p95 within ±10% after the security headers,
//! the live-session checks and the login throttle). Each build is the real
//! `foyer backoffice` on 127.0.0.1 with its own data directory and one
//! admin; a signed-in client fetches the console's pages one after another.
//! The builds take turns (old, new, old, new, …) so drift hits both alike.
//!
//! `FOYER_BENCH_OLD_BACKOFFICE` names the earlier build's `foyer-backoffice`
//! binary, built with the same profile as this one
//! (without it the bench says so and stops); `FOYER_BENCH_ROUNDS` (3),
//! `FOYER_BENCH_REQUESTS` (300 per round) and `FOYER_BENCH_VISITS` (20,000
//! in the log) size the run. A bounded load
//! generator, not criterion: the quantity is a percentile over sockets.

#[path = "../tests/backoffice_support/mod.rs"]
mod backoffice_support;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use backoffice_support::console::{Desk, PASSWORD};

/// Pages every console user opens, and the admin's busiest ones.
const PAGES: [&str; 5] = [
    "/console/desk",
    "/console/desk/invitations",
    "/console/admin/visits",
    "/console/admin/users",
    "/console/admin/audit",
];

struct Running {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How many visits each build's log holds (`FOYER_BENCH_VISITS`, 20,000).
fn visits() -> usize {
    std::env::var("FOYER_BENCH_VISITS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `foyer-backoffice serve` of `binary` with one admin, `adam`.
async fn start(binary: &Path) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = format!("data_dir = \"data\"\n[backoffice]\nlisten = \"127.0.0.1:{port}\"\n");
    std::fs::write(dir.path().join("foyer.toml"), config).unwrap();
    let mut add = Command::new(binary)
        .current_dir(dir.path())
        .args(["--config", "foyer.toml", "users", "add", "adam", "--role", "admin", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(add.wait().unwrap().success(), "{}: users add failed", binary.display());
    // A visit log of some size, written with plain SQL into the schema the
    // binary made (the seeder touches only `visits`, the same in both).
    let mut conn = rusqlite::Connection::open(dir.path().join("data/backoffice.db")).unwrap();
    foyer_backoffice::db::seed::seed_visits(&mut conn, visits(), 7).unwrap();
    drop(conn);
    let child = Command::new(binary)
        .current_dir(dir.path())
        .args(["--config", "foyer.toml", "serve"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let http = backoffice_support::http();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !http.get(format!("{url}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
        assert!(Instant::now() < deadline, "{} did not come up", binary.display());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Running { child, url, _dir: dir }
}

/// `requests` page loads by one signed-in client; their latencies.
async fn round(binary: &Path, requests: usize) -> Vec<Duration> {
    let bo = start(binary).await;
    let adam = Desk::login(&bo.url, "adam").await;
    let mut times = Vec::with_capacity(requests);
    for i in 0..requests {
        let page = PAGES[i % PAGES.len()];
        let started = Instant::now();
        let r = adam.get(page).await;
        assert_eq!(r.status(), 200, "{page}");
        r.bytes().await.unwrap();
        times.push(started.elapsed());
    }
    times
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Some(old) = std::env::var_os("FOYER_BENCH_OLD_BACKOFFICE") else {
        eprintln!("skipped: set FOYER_BENCH_OLD_BACKOFFICE to an earlier build's foyer-backoffice binary");
        return;
    };
    let old = Path::new(&old).to_owned();
    let new = Path::new(env!("CARGO_BIN_EXE_foyer-backoffice")).to_owned();
    let var = |name: &str, default: usize| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (rounds, requests) = (var("FOYER_BENCH_ROUNDS", 3), var("FOYER_BENCH_REQUESTS", 300));
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for r in 0..rounds {
        // Warm-up and measurement alternate so neither build always goes first.
        let order = if r % 2 == 0 { [(&old, true), (&new, false)] } else { [(&new, false), (&old, true)] };
        for (binary, is_old) in order {
            let times = round(binary, requests).await;
            if is_old {
                before.extend(times)
            } else {
                after.extend(times)
            }
        }
    }
    before.sort();
    after.sort();
    println!(
        "console pages, {rounds} rounds × {requests} requests per build, {} pages in turn, {} visits in the log",
        PAGES.len(),
        visits()
    );
    println!("| build | p50 ms | p95 ms |");
    println!("|---|---|---|");
    println!("| before ({}) | {:.2} | {:.2} |", old.display(), percentile(&before, 0.5), percentile(&before, 0.95));
    println!("| this | {:.2} | {:.2} |", percentile(&after, 0.5), percentile(&after, 0.95));
    println!("p95 ratio this/before: {:.3}", percentile(&after, 0.95) / percentile(&before, 0.95));
}
