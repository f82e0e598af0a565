//! A check-in the kiosk acknowledged survives the process being killed:
//! a child process checks visitors in as fast as it can and prints each
//! acknowledged visit id; the test kills it with SIGKILL mid-way, then finds
//! every acknowledged visit and its `visit.arrived` event on disk.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_kiosk::store::Store;
use foyer_kiosk::Actor;

const CHILD_ENV: &str = "FOYER_TEST_CRASH_CHILD_DB";

/// The child's work, run only by the parent test below (in its own process).
#[test]
#[ignore = "child process of every_acknowledged_check_in_and_its_event_survive_a_kill"]
fn crash_child() {
    let db = std::env::var(CHILD_ENV).expect("run by the crash-safety test, which sets the database path");
    let kiosk = common::open_kiosk(db.as_ref(), FakePrinter::new(), FakeRelay::new());
    let mut out = std::io::stdout().lock();
    // Bounded: the parent kills us long before this ends.
    for i in 0..100_000 {
        let visit = kiosk.check_in(&common::walk_in(&format!("Visitor {i}"), "Grace Hopper"), &Actor::Visitor).unwrap();
        writeln!(out, "ack {}", visit.visit.id).unwrap();
        out.flush().unwrap();
    }
}

fn run_and_kill(db: &std::path::Path, kill_after: usize) -> Vec<String> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut acked = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while acked.len() < kill_after && Instant::now() < deadline {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(id) = line.strip_prefix("ack ") {
                    acked.push(id.to_owned());
                }
            }
            _ => break,
        }
    }
    // SIGKILL: no destructor, no flush, no clean close of SQLite.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(acked.len() >= kill_after, "the child acknowledged only {} check-ins", acked.len());
    acked
}

#[test]
fn every_acknowledged_check_in_and_its_event_survive_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    drop(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new())); // seed hosts once
    let mut all = Vec::new();
    for kill_after in [40, 75, 120] {
        all.extend(run_and_kill(&db, kill_after));
    }
    let store = Store::open(&db).unwrap();
    let conn = store.conn();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    for id in &all {
        let state: String = conn
            .query_row("SELECT state FROM visits WHERE id = ?1", [id], |r| r.get(0))
            .unwrap_or_else(|e| panic!("acknowledged visit {id} is not on disk: {e}"));
        assert_eq!(state, "on_site");
        let arrived: i64 = conn
            .query_row("SELECT count(*) FROM outbox WHERE visit_id = ?1 AND event_type = 'visit.arrived'", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(arrived, 1, "visit {id} has no visit.arrived event");
    }
    // Every visit on disk has its event too: nothing half-written.
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits v WHERE NOT EXISTS
               (SELECT 1 FROM outbox o WHERE o.visit_id = v.id AND o.event_type = 'visit.arrived')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}
