//! Speed targets of the back office (issue 6), measured on loopback with a
//! bounded load generator (no criterion: the quantities are end-to-end
//! latencies of a running system and a throughput, not a function's time):
//! - kiosk commit → webhook received, and → email accepted by the SMTP
//!   server, p50/p99 over 1,000 check-ins;
//! - events ingested per second by the back office flat out, and the p50/p99
//!   of a batch while it carries the goal's 3,000 events/s.
//!
//! `FOYER_BENCH_CHECKINS` and `FOYER_BENCH_EVENTS` shrink the runs;
//! `FOYER_BENCH_BATCH`, `FOYER_BENCH_CLIENTS` and `FOYER_BENCH_RATE` shape
//! the ingest load.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use backoffice_support::smtp::SmtpServer;
use backoffice_support::webhooks::Receiver;
use backoffice_support::{arrival, eventually, seed_hosts, set_webhook, settings, Backoffice};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::events::KioskEvent;
use foyer_kiosk::link::{run_link, LinkSettings};
use foyer_kiosk::Actor;
use foyer_wire::{EventBatch, WireEvent};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{what}: n={} p50={:.1} ms p99={:.1} ms max={:.1} ms",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3
    );
}

/// Check-ins paced at `rate` per second; each is timed from just before the
/// kiosk's commit to the webhook call and to the SMTP server's acceptance.
async fn notification_latency(n: usize, rate: u32) {
    let smtp = SmtpServer::start(&[]);
    let hooks = Receiver::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(Some(smtp.port), Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    set_webhook(&bo, 2, true, "generic", &hooks.url("grace"));
    let token = bo.add_kiosk("lobby-1");
    let db = dir.path().join("kiosk.db");
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let link = tokio::spawn(run_link(kiosk.clone(), LinkSettings::new(bo.url.clone(), token), async move {
        let _ = stopped.await;
    }));

    let k = kiosk.clone();
    let started: HashMap<String, Instant> = tokio::task::spawn_blocking(move || {
        let mut started = HashMap::with_capacity(n);
        let gap = Duration::from_secs(1) / rate;
        let t0 = Instant::now();
        for i in 0..n {
            let name = format!("Visitor {i:05}");
            let at = Instant::now();
            k.check_in(&common::walk_in(&name, "Grace Hopper"), &Actor::Visitor).unwrap();
            started.insert(name, at);
            if let Some(wait) = (t0 + gap * (i as u32 + 1)).checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
        started
    })
    .await
    .unwrap();
    eventually(Duration::from_secs(120), "every notification", || smtp.mails().len() >= n && hooks.hooks().len() >= n)
        .await;
    let webhook: Vec<Duration> =
        hooks.hooks().iter().map(|h| h.at - started[h.json()["visitor_name"].as_str().unwrap()]).collect();
    let email: Vec<Duration> = smtp
        .mails()
        .iter()
        .map(|m| {
            let at = m.data.find("Subject: Visitor ").expect("a notification email") + "Subject: ".len();
            m.at - started[&m.data[at..at + 13]]
        })
        .collect();
    println!("check-ins: {n} at {rate}/s, kiosk, back office, SMTP server and webhook receiver on loopback");
    report("commit -> webhook received", webhook);
    report("commit -> email accepted", email);
    let _ = stop.send(());
    link.await.unwrap().unwrap();
    bo.stop().await;
}

/// `clients` kiosks post batches of `batch` events. Flat out (`rate` None):
/// each as soon as the last is answered, the most the back office can take,
/// where latency is mostly queueing. At a `rate` (events per second, all
/// clients together): on a fixed schedule, the latency a kiosk sees while
/// the back office carries that load; each batch is timed from when it was
/// due, not when it went out, so a back office that falls behind shows its
/// backlog in the figures instead of slowing the generator down.
async fn ingest(total: usize, batch: usize, clients: usize, rate: Option<usize>) {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    let per_client = total / clients / batch;
    let interval = rate.map(|r| Duration::from_secs_f64((batch * clients) as f64 / r as f64));
    let t0 = Instant::now() + Duration::from_millis(50);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let token = bo.add_kiosk(&format!("lobby-{c}"));
        let url = format!("{}/api/v1/events", bo.url);
        // Spread the clients over the interval rather than all at once.
        let schedule = interval.map(|i| (t0 + i.mul_f64(c as f64 / clients as f64), i));
        tasks.push(tokio::spawn(async move {
            let client = backoffice_support::http();
            let mut latencies = Vec::with_capacity(per_client);
            for k in 0..per_client {
                let events: Vec<WireEvent> = (0..batch).map(|i| event(k * batch + i, c)).collect();
                let body = serde_json::to_vec(&EventBatch { events }).unwrap();
                let due = match schedule {
                    Some((first, every)) => first + every * k as u32,
                    None => Instant::now().max(t0),
                };
                tokio::time::sleep_until(due.into()).await;
                let r = client.post(&url).bearer_auth(token.expose()).body(body).send().await.unwrap();
                assert_eq!(r.status(), 200);
                latencies.push(due.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = t0.elapsed();
    let stored = bo.count("SELECT count(*) FROM events") as usize;
    assert_eq!(stored, per_client * clients * batch);
    let load = rate.map_or("flat out".to_owned(), |r| format!("at {r} events/s offered"));
    println!(
        "ingest {load}: {stored} events in {:.2} s = {:.0} events/s ({clients} clients, {batch} events a batch)",
        elapsed.as_secs_f64(),
        stored as f64 / elapsed.as_secs_f64()
    );
    report(&format!("ingest batch round trip, {load}"), latencies);
    bo.stop().await;
}

/// One of a check-in's three events, in proportion.
fn event(i: usize, client: usize) -> WireEvent {
    let mut e = arrival(2, &format!("Visitor {client}-{i}"));
    let visit_id = e.event.visit_id().unwrap();
    e.event = match i % 3 {
        0 => e.event,
        1 => KioskEvent::BadgePrinted { visit_id, bytes: 2048, reprint: false },
        _ => KioskEvent::DoorReleased {
            visit_id: Some(visit_id),
            reason: "check_in".into(),
            by: "visitor".into(),
            seconds: 5,
        },
    };
    e
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not: then
    // run a tiny version so the harness is compiled and exercised.
    let full = std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (checkins, events) = if full { (1000, 30_000) } else { (20, 600) };
    rt.block_on(notification_latency(env("FOYER_BENCH_CHECKINS", checkins), 20));
    let (batch, clients) = (env("FOYER_BENCH_BATCH", 50), env("FOYER_BENCH_CLIENTS", 4));
    let events = env("FOYER_BENCH_EVENTS", events);
    rt.block_on(ingest(events, batch, clients, None));
    let rate = env("FOYER_BENCH_RATE", if full { 3_000 } else { 600 });
    rt.block_on(ingest(events, batch, clients, Some(rate)));
}
