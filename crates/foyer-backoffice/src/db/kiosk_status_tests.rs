//! Tests of the kiosk status page's data.

use uuid::Uuid;

use super::*;
use crate::db::{ingest, kiosks, now_unix, Db};
use crate::notify::plan::Routing;
use foyer_domain::events::KioskEvent;
use foyer_wire::WireEvent;

fn open() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("b.db")).unwrap();
    (dir, db)
}

/// Stores one event from `kiosk`, recorded there `age` seconds ago.
fn event(db: &Db, kiosk: &str, age: i64, event: KioskEvent) {
    let wire = WireEvent { event_id: Uuid::new_v4(), occurred_at: now_unix() - age, event };
    db.with(|c| ingest::apply_batch(c, kiosk, &[wire], &Routing::default(), 0)).unwrap();
}

fn printed() -> KioskEvent {
    KioskEvent::BadgePrinted { visit_id: Uuid::new_v4(), bytes: 100, reprint: false }
}

fn alarm(device: &str, message: &str) -> KioskEvent {
    KioskEvent::DeviceAlarm { device: device.into(), message: message.into() }
}

fn status(db: &Db, name: &str) -> KioskStatus {
    db.with(|c| list(c)).unwrap().into_iter().find(|k| k.name == name).unwrap()
}

#[test]
fn a_kiosk_without_events_has_no_lag_and_an_unknown_printer() {
    let (_dir, db) = open();
    db.with(|c| kiosks::add(c, "lobby-1")).unwrap();
    let s = status(&db, "lobby-1");
    assert!(s.active);
    assert_eq!((s.last_event_at, s.outbox_lag_seconds, s.printer_status), (None, None, PrinterStatus::Unknown));
}

#[test]
fn the_lag_is_how_late_the_newest_event_arrived() {
    let (_dir, db) = open();
    db.with(|c| kiosks::add(c, "lobby-1")).unwrap();
    event(&db, "lobby-1", 600, printed());
    event(&db, "lobby-1", 30, alarm("relay", "did not confirm OFF"));
    let s = status(&db, "lobby-1");
    assert!((30..=31).contains(&s.outbox_lag_seconds.unwrap()), "{s:?}");
    assert!(s.last_event_at.unwrap() <= now_unix() - 30);
}

#[test]
fn the_printer_shows_its_last_fault_until_a_badge_prints_again() {
    let (_dir, db) = open();
    db.with(|c| kiosks::add(c, "lobby-1")).unwrap();
    event(&db, "lobby-1", 0, printed());
    assert_eq!(status(&db, "lobby-1").printer_status, PrinterStatus::Ok);

    event(&db, "lobby-1", 0, KioskEvent::PrinterFault { visit_id: None, problem: "paper out".into() });
    // Neither a relay's alarm nor a visit event says anything about the printer.
    event(&db, "lobby-1", 0, alarm("KMTronic relay channel 1", "gone"));
    event(&db, "lobby-1", 0, KioskEvent::VisitDenied { visit_id: Uuid::new_v4(), by: "desk:ana".into() });
    let s = status(&db, "lobby-1");
    assert_eq!(s.printer_status, PrinterStatus::Fault("paper out".into()));
    assert_eq!(s.printer_status.to_string(), "paper out");

    event(&db, "lobby-1", 0, alarm("badge printer", "cover open"));
    assert_eq!(status(&db, "lobby-1").printer_status.to_string(), "cover open");
    event(&db, "lobby-1", 0, printed());
    assert_eq!(status(&db, "lobby-1").printer_status.to_string(), "ok");
}

#[test]
fn each_kiosk_sees_only_its_own_events_and_a_revoked_one_is_inactive() {
    let (_dir, db) = open();
    db.with(|c| {
        kiosks::add(c, "lobby-1")?;
        kiosks::add(c, "lobby-2")?;
        kiosks::revoke(c, "lobby-2")?;
        Ok(())
    })
    .unwrap();
    event(&db, "lobby-1", 0, KioskEvent::PrinterFault { visit_id: None, problem: "jam".into() });
    let all = db.with(|c| list(c)).unwrap();
    assert_eq!(
        all.iter().map(|k| (k.name.as_str(), k.active)).collect::<Vec<_>>(),
        [("lobby-1", true), ("lobby-2", false)]
    );
    assert_eq!(all[1].printer_status, PrinterStatus::Unknown);
}

#[test]
fn the_status_query_reads_events_through_indexes_only() {
    let (_dir, db) = open();
    let plan: Vec<String> = db
        .with(|c| {
            let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {}", status_sql()))?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert!(plan.iter().all(|step| !step.starts_with("SCAN events")), "{plan:#?}");
    assert!(plan.iter().any(|step| step.contains("events_kiosk_printer")), "{plan:#?}");
}
