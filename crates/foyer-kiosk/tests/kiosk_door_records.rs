//! The door never opens unrecorded, and a full disk is named plainly: the
//! faults are injected into the kiosk's real SQLite file (a temporary
//! trigger that refuses the record, a page limit that fills the "disk").

mod common;

use common::{count, kiosk, walk_in};
use foyer_domain::{DoorReason, VisitState};
use foyer_kiosk::door::DoorOutcome;
use foyer_kiosk::Actor;

/// Makes every audit entry with `action` fail to write, as a full disk or
/// an I/O error would, on this connection only.
fn refuse_records(t: &common::TestKiosk, action: &str) {
    t.kiosk
        .store()
        .conn()
        .execute_batch(&format!(
            "CREATE TEMP TRIGGER refuse_{0} BEFORE INSERT ON main.audit_log WHEN NEW.action = '{1}'
             BEGIN SELECT RAISE(ABORT, 'injected write failure'); END;",
            action.replace('.', "_"),
            action
        ))
        .unwrap();
}

#[test]
fn a_check_in_whose_door_release_cannot_be_recorded_keeps_the_door_locked() {
    let t = kiosk();
    refuse_records(&t, "door.released");
    let out = t.kiosk.check_in(&walk_in("Ada Lovelace", "Grace Hopper"), &Actor::Visitor).unwrap();
    let admission = out.admission.expect("the visitor was admitted");
    assert!(admission.print.is_printed(), "the badge still prints");
    match &admission.door {
        DoorOutcome::Failed { problem } => assert!(problem.contains("could not be recorded"), "{problem}"),
        other => panic!("the door must stay locked, got {other:?}"),
    }
    assert!(t.relay.pulses().is_empty(), "the relay was pulsed without a record");
    assert_eq!(out.visit.state, VisitState::OnSite, "the check-in itself stands");
    assert_eq!(count(&t.kiosk, "audit_log WHERE action = 'door.released'"), 0);
}

#[test]
fn a_recorded_release_opens_the_door_and_its_record_comes_first() {
    let t = kiosk();
    let out = t.kiosk.release_door(DoorReason::StaffPin, &Actor::Staff);
    assert!(matches!(out, DoorOutcome::Released { .. }), "{out:?}");
    assert_eq!(t.relay.pulses().len(), 1);
    assert_eq!(count(&t.kiosk, "audit_log WHERE action = 'door.released'"), 1);
    assert_eq!(count(&t.kiosk, "outbox WHERE event_type = 'door.released'"), 1);
}

#[test]
fn a_staff_release_that_cannot_be_recorded_is_refused() {
    let t = kiosk();
    refuse_records(&t, "door.released");
    let out = t.kiosk.release_door(DoorReason::StaffPin, &Actor::Staff);
    assert!(matches!(out, DoorOutcome::Failed { .. }), "{out:?}");
    assert!(t.relay.pulses().is_empty());
}

#[test]
fn a_full_disk_is_named_once_with_the_data_directory() {
    let t = kiosk();
    t.kiosk.check_in(&walk_in("Ada Lovelace", "Grace Hopper"), &Actor::Visitor).unwrap();
    // No page beyond the ones in use: the next growth fails with SQLITE_FULL,
    // as on a full SD card.
    {
        let store = t.kiosk.store();
        let pages: i64 = store.conn().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        store.conn().query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(())).unwrap();
    }
    let mut failure = None;
    // Pages have free room at first; a few visitors fill them. Bounded.
    for i in 0..200 {
        if let Err(e) = t.kiosk.check_in(&walk_in(&format!("Visitor {i}"), "Grace Hopper"), &Actor::Visitor) {
            failure = Some(e);
            break;
        }
    }
    let e = failure.expect("the database filled up within 200 check-ins");
    let report = anyhow_like(&e);
    let dir = t.dir.path().display().to_string();
    assert_eq!(report.matches(&dir).count(), 1, "{report}");
    assert_eq!(report.matches("full").count(), 1, "{report}");
    assert!(!report.contains("database or disk is full"), "{report}");
}

/// The error with its sources, as `anyhow`'s `{:#}` prints it in the log
/// and on the command line.
fn anyhow_like(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
