//! Speed targets of the kiosk core (issue 2):
//! - check-in end to end with fake devices on a file database, against the
//!   fsync floor: a bare SQLite insert-and-commit on the same file with the
//!   same `synchronous` setting, measured in the same run; and, to tell our
//!   code's cost from SQLite's, the same rows a check-in writes, as bare
//!   SQL on the same file;
//! - badge token sign + verify;
//! - the 50 most recent visits among 1,000,000.

use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::host::NewHost;
use foyer_domain::{BadgeClaims, PulseLength, SiteKey, VisitorType};
use foyer_kiosk::check_in::{HostChoice, WalkIn};
use foyer_kiosk::store::visits::{list, VisitFilter};
use foyer_kiosk::store::{hosts, Store};
use foyer_kiosk::{Actor, Kiosk, KioskSettings};
use uuid::Uuid;

fn kiosk(db: &std::path::Path) -> Kiosk {
    let mut store = Store::open(db).unwrap();
    let host = NewHost::parse("Grace Hopper", Some("grace@example.org"), None, None).unwrap();
    hosts::import(store.conn_mut(), &[host]).unwrap();
    let settings = KioskSettings { site_name: "Bench".into(), kiosk_name: "bench".into(), pulse: PulseLength::DEFAULT };
    Kiosk::new(store, SiteKey::from_bytes([9; 32]), settings, Arc::new(FakePrinter::new()), Arc::new(FakeRelay::new()))
}

fn check_in_vs_fsync_floor(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let kiosk = kiosk(&db);
    let req = WalkIn {
        name: "Ada Lovelace".into(),
        company: Some("Engines Ltd".into()),
        email: None,
        phone: None,
        host: HostChoice::Name("Grace Hopper".into()),
        visitor_type: VisitorType::Delivery,
        agreement_version: None,
        visit_id: None,
        language: foyer_domain::Language::En,
    };
    let bare = Store::open(&db).unwrap(); // a second connection: same file, same pragmas
    bare.conn().execute_batch("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, v TEXT)").unwrap();
    let mut g = c.benchmark_group("check_in");
    g.sample_size(50).measurement_time(Duration::from_secs(8));
    g.bench_function("bare_insert_commit_fsync_floor", |b| {
        b.iter(|| {
            let tx = bare.conn().unchecked_transaction().unwrap();
            tx.execute("INSERT INTO bench_floor (v) VALUES ('Ada Lovelace')", []).unwrap();
            tx.commit().unwrap();
        })
    });
    let host: i64 = bare.conn().query_row("SELECT id FROM hosts LIMIT 1", [], |r| r.get(0)).unwrap();
    g.bench_function("same_rows_as_a_check_in_bare_sql", |b| b.iter(|| rows_of_a_check_in(bare.conn(), host, true)));
    g.bench_function("same_rows_visit_commit_only_bare_sql", |b| {
        b.iter(|| rows_of_a_check_in(bare.conn(), host, false))
    });
    g.bench_function("check_in_end_to_end_fake_devices", |b| b.iter(|| kiosk.check_in(&req, &Actor::Visitor).unwrap()));
    g.finish();
}

/// What a walk-in check-in writes, with nothing else: the visitor, the visit,
/// its audit entry and event in one commit at `synchronous = FULL`; then the
/// badge and door records (two audit entries, two events) in one commit at
/// `NORMAL`, as `Store::write_relaxed` does (unless `!devices`). Payloads
/// are about as long as the real ones (an arrival ~280 bytes), so pages
/// fill and split about as often.
fn rows_of_a_check_in(conn: &rusqlite::Connection, host: i64, devices: bool) {
    let audit = "INSERT INTO audit_log (at, actor, action, visit_id, detail) VALUES (1, 'visitor', ?1, ?2, ?3)";
    let event = "INSERT INTO outbox (event_id, event_type, visit_id, payload, created_at) VALUES (?1, ?2, ?3, ?4, 1)";
    let (arrival, device) = ("x".repeat(330), r#"{"bytes":1432,"encoding":"cp437"}"#);
    let visit = Uuid::new_v4().to_string();
    let tx = conn.unchecked_transaction().unwrap();
    tx.prepare_cached("INSERT INTO visitors (name, company) VALUES ('Ada Lovelace', 'Engines Ltd')")
        .unwrap()
        .execute([])
        .unwrap();
    tx.prepare_cached(
        "INSERT INTO visits (id, visitor_id, host_id, visitor_type, state, kiosk, created_at, arrived_at, badge_expires_at)
         VALUES (?1, ?2, ?3, 'delivery', 'on_site', 'bench', 1, 1, 2)",
    )
    .unwrap()
    .execute(rusqlite::params![visit, tx.last_insert_rowid(), host])
    .unwrap();
    tx.prepare_cached(audit).unwrap().execute(["visit.checked_in", &visit, device]).unwrap();
    tx.prepare_cached(event)
        .unwrap()
        .execute([&Uuid::new_v4().to_string(), "visit.arrived", &visit, &arrival])
        .unwrap();
    tx.commit().unwrap();
    if !devices {
        return;
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL").unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    for (action, kind) in [("badge.printed", "badge.printed"), ("door.released", "door.released")] {
        tx.prepare_cached(audit).unwrap().execute([action, &visit, device]).unwrap();
        tx.prepare_cached(event).unwrap().execute([&Uuid::new_v4().to_string(), kind, &visit, device]).unwrap();
    }
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA synchronous = FULL").unwrap();
}

fn token_sign_verify(c: &mut Criterion) {
    let key = SiteKey::from_bytes([3; 32]);
    let claims = BadgeClaims { visit_id: Uuid::new_v4(), expires_at: 2_000_000_000 };
    c.bench_function("token_sign_and_verify", |b| {
        b.iter(|| {
            let t = claims.sign(&key);
            BadgeClaims::verify(&t, &key, 1_900_000_000).unwrap()
        })
    });
}

/// Seeds `n` visits in one transaction with prepared statements.
fn seed_visits(store: &mut Store, n: u64) {
    let tx = store.conn_mut().transaction().unwrap();
    let host: i64 = tx.query_row("SELECT id FROM hosts LIMIT 1", [], |r| r.get(0)).unwrap();
    {
        let mut visitor = tx.prepare("INSERT INTO visitors (name, company) VALUES (?1, 'Seed Co')").unwrap();
        let mut visit = tx
            .prepare(
                "INSERT INTO visits (id, visitor_id, host_id, visitor_type, state, kiosk, created_at, arrived_at, departed_at)
                 VALUES (?1, ?2, ?3, 'guest', 'departed', 'seed', ?4, ?4, ?4 + 3600)",
            )
            .unwrap();
        for i in 0..n {
            visitor.execute([format!("Visitor {i}")]).unwrap();
            let vid = tx.last_insert_rowid();
            let at = 1_700_000_000 + i as i64 * 30;
            visit.execute(rusqlite::params![Uuid::new_v4().to_string(), vid, host, at]).unwrap();
        }
    }
    tx.commit().unwrap();
}

fn recent_visits_among_a_million(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    drop(kiosk(&db));
    let mut store = Store::open(&db).unwrap();
    seed_visits(&mut store, 1_000_000);
    let filter = VisitFilter { limit: Some(50), ..Default::default() };
    c.bench_function("visit_log_latest_50_of_1m", |b| {
        b.iter(|| {
            let rows = list(store.conn(), filter).unwrap();
            assert_eq!(rows.len(), 50);
        })
    });
}

criterion_group!(benches, check_in_vs_fsync_floor, token_sign_verify, recent_visits_among_a_million);
criterion_main!(benches);
