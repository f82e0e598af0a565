//! Event intake under a login flood (the trust-boundaries issue): kiosks
//! post one event per request from 16 clients while 8 attackers try random
//! user names as fast as the server answers. Four phases in one run, each
//! on a fresh back office, so they compare as ratios on a noisy machine:
//! 1. no attackers (the baseline);
//! 2. 8 attackers from one address (throttled by address);
//! 3. 8 attackers each claiming a new address through a trusted proxy (the
//!    throttle cannot help; only the bound on concurrent password checks);
//! 4. the baseline again, to show the drift.
//!
//! A bounded load generator, not criterion: the quantity is a throughput of
//! a running system. `FOYER_BENCH_SECS` sets each phase's length (10 s).

#[path = "../tests/backoffice_support/mod.rs"]
mod backoffice_support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use backoffice_support::console::{client, hidden_field};
use backoffice_support::{arrival, http, settings, Backoffice};
use foyer_backoffice::BackofficeSettings;
use foyer_wire::EventBatch;

const KIOSK_CLIENTS: usize = 16;
const ATTACKERS: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Attack {
    None,
    OneAddress,
    ManyAddresses,
}

struct Phase {
    events_per_sec: f64,
    attempts: u64,
    refused_unchecked: u64,
}

/// One login try as a browser makes it: the form (its cookie and token),
/// then the POST with a random name from `addr`.
async fn attack_once(client: &reqwest::Client, url: &str, name: &str, addr: &str) -> reqwest::StatusCode {
    let form = client.get(format!("{url}/console/login")).send().await.unwrap();
    let cookie = form.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let token = hidden_field(&form.text().await.unwrap(), "token").unwrap();
    let post = client
        .post(format!("{url}/console/login"))
        .header("cookie", cookie)
        .header("x-forwarded-for", addr)
        .form(&[("name", name), ("password", "password123"), ("token", &token)]);
    post.send().await.unwrap().status()
}

async fn run_phase(attack: Attack, secs: u64) -> Phase {
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(None, None);
    s.trusted_proxies =
        toml::from_str::<BackofficeSettings>("trusted_proxies = [\"127.0.0.1\"]").unwrap().trusted_proxies;
    let bo = Backoffice::start(s, dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1").expose().to_owned();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (events, attempts, unchecked) =
        (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut tasks = Vec::new();
    for _ in 0..KIOSK_CLIENTS {
        let (url, token, events) = (bo.url.clone(), token.clone(), events.clone());
        tasks.push(tokio::spawn(async move {
            let client = http();
            while Instant::now() < deadline {
                let body = serde_json::to_string(&EventBatch { events: vec![arrival(2, "Ada Lovelace")] }).unwrap();
                let r = client
                    .post(format!("{url}/api/v1/events"))
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert!(r.status().is_success(), "intake answered {}", r.status());
                events.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for a in 0..ATTACKERS {
        if attack == Attack::None {
            break;
        }
        let (url, attempts, unchecked) = (bo.url.clone(), attempts.clone(), unchecked.clone());
        tasks.push(tokio::spawn(async move {
            // One client per attacker, as a real one keeps its connection:
            // building a client per try would charge the attacker's own
            // start-up to the machine the server shares with it here.
            let client = client();
            let mut n = 0u64;
            while Instant::now() < deadline {
                n += 1;
                let name = format!("guess-{a}-{n}-{}", uuid::Uuid::new_v4().simple());
                let addr = match attack {
                    Attack::ManyAddresses => format!("10.{}.{}.{}", a, (n >> 8) & 255, n & 255),
                    _ => "203.0.113.7".to_owned(),
                };
                let status = attack_once(&client, &url, &name, &addr).await;
                attempts.fetch_add(1, Ordering::Relaxed);
                if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                    unchecked.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let started = Instant::now();
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    bo.stop().await;
    Phase {
        events_per_sec: events.load(Ordering::Relaxed) as f64 / elapsed,
        attempts: attempts.load(Ordering::Relaxed),
        refused_unchecked: unchecked.load(Ordering::Relaxed),
    }
}

fn main() {
    let secs = std::env::var("FOYER_BENCH_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let phases = [
        ("no attackers", Attack::None),
        ("8 attackers, one address", Attack::OneAddress),
        ("8 attackers, a new address each try", Attack::ManyAddresses),
        ("no attackers (again)", Attack::None),
    ];
    let mut results = Vec::new();
    for (what, attack) in phases {
        let p = rt.block_on(run_phase(attack, secs));
        println!(
            "{what}: {:.0} events/s; login attempts {} ({} refused unchecked)",
            p.events_per_sec, p.attempts, p.refused_unchecked
        );
        results.push(p.events_per_sec);
    }
    let baseline = (results[0] + results[3]) / 2.0;
    println!("intake with 8 attackers from one address: {:.0}% of the baseline", 100.0 * results[1] / baseline);
    println!("intake with 8 attackers from many addresses: {:.0}% of the baseline", 100.0 * results[2] / baseline);
}
