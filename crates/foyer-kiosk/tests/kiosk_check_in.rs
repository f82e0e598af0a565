//! Check-in use cases against a real SQLite file and fake devices.

mod common;

use common::{count, kiosk, walk_in};
use foyer_devices::PrinterStatus;
use foyer_domain::{VisitState, VisitorType};
use foyer_kiosk::admission::PrintOutcome;
use foyer_kiosk::check_in::HostChoice;
use foyer_kiosk::door::DoorOutcome;
use foyer_kiosk::store::{agreements, audit, outbox};
use foyer_kiosk::{Actor, KioskError};

#[test]
fn a_walk_in_is_committed_with_its_audit_entry_and_outbox_event_then_badged_and_let_in() {
    let t = kiosk();
    let out = t.kiosk.check_in(&walk_in("Ada Lovelace", "charles babbage"), &Actor::Visitor).unwrap();
    assert_eq!(out.visit.state, VisitState::OnSite);
    assert_eq!(out.visit.host_name, "Charles Babbage");
    let id = out.visit.id.to_string();
    let events = outbox::for_visit(t.kiosk.store().conn(), &id).unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(kinds, ["visit.arrived", "badge.printed", "door.released"]);
    assert_eq!(events[0].data["visitor_name"], "Ada Lovelace");
    assert_ne!(events[0].event_id, events[1].event_id);
    let actions: Vec<String> =
        audit::recent(t.kiosk.store().conn(), Some(&id), 10).unwrap().into_iter().map(|a| a.action).collect();
    assert_eq!(actions, ["door.released", "badge.printed", "visit.checked_in"]);
    let printed = t.printer.printed();
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].visitor_name, "Ada Lovelace");
    assert_eq!(t.relay.pulses().len(), 1);
    let adm = out.admission.unwrap();
    assert!(adm.print.is_printed());
    assert_eq!(adm.door, DoorOutcome::Released { seconds: 3 });
}

#[test]
fn bad_names_are_refused_and_nothing_is_written() {
    let t = kiosk();
    let long = "x".repeat(10_000);
    for name in ["", "   ", long.as_str(), "Eve\u{1b}[2J", "Bob\u{202E}gnp", "Nul\u{0}l"] {
        let err = t.kiosk.check_in(&walk_in(name, "Grace Hopper"), &Actor::Visitor).unwrap_err();
        assert!(matches!(err, KioskError::Invalid(ref v) if v.field() == "name"), "{name:?}: {err}");
    }
    assert_eq!(count(&t.kiosk, "visits"), 0);
    assert_eq!(count(&t.kiosk, "visitors"), 0);
    assert_eq!(count(&t.kiosk, "outbox"), 0);
    assert!(t.printer.printed().is_empty());
}

#[test]
fn emoji_and_right_to_left_names_check_in() {
    let t = kiosk();
    for name in ["Zoë 🙂 Smith", "سارة الأحمد", "Иван Петров"] {
        let out = t.kiosk.check_in(&walk_in(name, "Grace Hopper"), &Actor::Visitor).unwrap();
        assert_eq!(out.visit.visitor_name, name);
    }
    assert_eq!(t.printer.printed().len(), 3);
}

#[test]
fn an_unknown_host_is_refused_with_close_matches_and_nothing_is_written() {
    let t = kiosk();
    let err = t.kiosk.check_in(&walk_in("Ada", "Charles Babage"), &Actor::Visitor).unwrap_err();
    match &err {
        KioskError::UnknownHost { suggestions, .. } => assert_eq!(suggestions, &["Charles Babbage"]),
        other => panic!("expected UnknownHost, got {other}"),
    }
    assert!(err.to_string().contains("did you mean Charles Babbage?"));
    let err = t.kiosk.check_in(&walk_in("Ada", "Nobody At All"), &Actor::Visitor).unwrap_err();
    assert!(matches!(err, KioskError::UnknownHost { ref suggestions, .. } if suggestions.is_empty()));
    let mut by_id = walk_in("Ada", "");
    by_id.host = HostChoice::Id(999);
    assert!(matches!(t.kiosk.check_in(&by_id, &Actor::Visitor), Err(KioskError::UnknownHost { .. })));
    assert_eq!(count(&t.kiosk, "visits"), 0);
    assert_eq!(count(&t.kiosk, "outbox"), 0);
}

#[test]
fn a_guest_must_accept_the_current_agreement() {
    let t = kiosk();
    let mut req = walk_in("Ada", "Grace Hopper");
    req.visitor_type = VisitorType::Guest;
    let err = t.kiosk.check_in(&req, &Actor::Visitor).unwrap_err();
    assert!(matches!(err, KioskError::AgreementRequired { current: 1 }), "{err}");
    req.agreement_version = Some(0);
    assert!(matches!(t.kiosk.check_in(&req, &Actor::Visitor), Err(KioskError::AgreementOutdated { .. })));
    assert_eq!(count(&t.kiosk, "visits"), 0);
    req.agreement_version = Some(1);
    let out = t.kiosk.check_in(&req, &Actor::Visitor).unwrap();
    assert_eq!(agreements::accepted_by(t.kiosk.store().conn(), out.visit.id).unwrap(), Some(1));
}

#[test]
fn a_contractor_must_leave_an_email_or_phone() {
    let t = kiosk();
    let mut req = walk_in("Bob Builder", "Alan Turing");
    req.visitor_type = VisitorType::Contractor;
    req.agreement_version = Some(1);
    assert!(matches!(t.kiosk.check_in(&req, &Actor::Visitor), Err(KioskError::ContactRequired("contractor"))));
    req.phone = Some("+44 7700 900123".into());
    assert!(t.kiosk.check_in(&req, &Actor::Visitor).is_ok());
}

#[test]
fn a_bad_email_names_the_field_and_writes_nothing() {
    let t = kiosk();
    let mut req = walk_in("Ada", "Grace Hopper");
    req.email = Some("ada-at-example".into());
    let err = t.kiosk.check_in(&req, &Actor::Visitor).unwrap_err();
    assert!(err.to_string().starts_with("email is not valid"), "{err}");
    assert_eq!(count(&t.kiosk, "visits"), 0);
}

#[test]
fn a_printer_out_of_paper_keeps_the_check_in_records_the_fault_and_keeps_the_door_closed() {
    let t = kiosk();
    t.printer.set_status(PrinterStatus::PaperEnd);
    let out = t.kiosk.check_in(&walk_in("Ada", "Grace Hopper"), &Actor::Visitor).unwrap();
    let adm = out.admission.unwrap();
    assert!(matches!(adm.print, PrintOutcome::Failed { ref problem } if problem.contains("paper end")));
    assert_eq!(adm.door, DoorOutcome::KeptClosed);
    assert!(t.relay.pulses().is_empty());
    let kinds: Vec<String> = outbox::for_visit(t.kiosk.store().conn(), &out.visit.id.to_string())
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(kinds, ["visit.arrived", "printer.fault"]);
    assert_eq!(
        t.kiosk.store().conn().query_row("SELECT state FROM visits", [], |r| r.get::<_, String>(0)).unwrap(),
        "on_site"
    );
}

#[test]
fn a_broken_relay_is_recorded_and_does_not_undo_the_check_in() {
    let t = kiosk();
    t.relay.break_link();
    let out = t.kiosk.check_in(&walk_in("Ada", "Grace Hopper"), &Actor::Visitor).unwrap();
    assert!(matches!(out.admission.unwrap().door, DoorOutcome::Failed { .. }));
    let kinds: Vec<String> = outbox::for_visit(t.kiosk.store().conn(), &out.visit.id.to_string())
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    // The release is recorded before the pulse; the relay's refusal follows it.
    assert_eq!(kinds, ["visit.arrived", "badge.printed", "door.released"]);
    let alarms: i64 = t
        .kiosk
        .store()
        .conn()
        .query_row("SELECT count(*) FROM outbox WHERE event_type = 'device.alarm'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(alarms, 1);
}
