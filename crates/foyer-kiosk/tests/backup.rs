//! `foyer backup` while check-ins keep coming: the copy opens, passes the
//! integrity check and holds every visit committed before it started.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_kiosk::Actor;

#[test]
fn a_backup_taken_during_check_ins_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    for i in 0..50 {
        kiosk.check_in(&common::walk_in(&format!("Before {i}"), "Grace Hopper"), &Actor::Visitor).unwrap();
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (kiosk, stop) = (kiosk.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            // Bounded: at most 2,000 check-ins, or until the backup is done.
            while !stop.load(Ordering::Relaxed) && n < 2_000 {
                kiosk.check_in(&common::walk_in(&format!("During {n}"), "Grace Hopper"), &Actor::Visitor).unwrap();
                n += 1;
            }
            n
        })
    };
    let copies: Vec<_> = (0..3).map(|i| dir.path().join(format!("backup-{i}.db"))).collect();
    for copy in &copies {
        foyer_kiosk::store::backup::backup(&db, copy).unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let during = writer.join().unwrap();
    assert!(during > 0, "no check-in ran during the backups");
    for copy in &copies {
        let conn = rusqlite::Connection::open(copy).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        let before: i64 =
            conn.query_row("SELECT count(*) FROM visitors WHERE name LIKE 'Before %'", [], |r| r.get(0)).unwrap();
        assert_eq!(before, 50);
        let orphans: i64 = conn
            .query_row(
                "SELECT count(*) FROM visits v WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.visit_id = v.id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "a visit without its outbox event: the copy is not one snapshot");
    }
    assert!(foyer_kiosk::store::backup::backup(&db, &copies[0]).is_err(), "an existing file is never overwritten");
}
