//! A visitor checking in at a kiosk whose IPP label printer (a real
//! ippeveprinter) has run out of labels: the check-in stands, the fault is
//! recorded for the desk, the door stays closed, and the visitor is sent to
//! reception with the printer's own reason.

mod common;
#[path = "../../foyer-devices/tests/support/ippeveprinter.rs"]
mod ippeveprinter;

use std::sync::Arc;

use foyer_devices::fake::FakeRelay;
use foyer_devices::printer::{open_printer, PrinterSettings, Transport};
use foyer_devices::{log_alarms, PrinterStatus};
use foyer_domain::PulseLength;
use foyer_kiosk::admission::PrintOutcome;
use foyer_kiosk::door::DoorOutcome;
use foyer_kiosk::store::{outbox, Store};
use foyer_kiosk::{Actor, Kiosk, KioskSettings};
use ippeveprinter::IppEvePrinter;

#[test]
fn an_ipp_printer_out_of_labels_sends_the_visitor_to_reception_and_keeps_the_door_closed() {
    let Some(ippeve) = IppEvePrinter::start(None) else { return };
    let dir = tempfile::tempdir().unwrap();
    let settings = PrinterSettings {
        profile: "ipp-everywhere".into(),
        transport: Transport::Ipp(ippeve.uri()),
        media: Some("na_letter_8.5x11in".into()),
        ..Default::default()
    };
    let printer = open_printer(&settings, dir.path(), log_alarms()).unwrap();
    assert_eq!(printer.status().unwrap(), PrinterStatus::Ready);
    ippeve.empty_the_trays();

    let mut store = Store::open(&dir.path().join("kiosk.db")).unwrap();
    common::seed_hosts(&mut store);
    let relay = FakeRelay::new();
    let kiosk_settings = KioskSettings {
        site_name: "Test Site".into(),
        kiosk_name: "lobby-1".into(),
        pulse: PulseLength::from_secs(3).unwrap(),
    };
    let kiosk = Kiosk::new(store, common::key(), kiosk_settings, printer, Arc::new(relay.clone()));
    let out = kiosk.check_in(&common::walk_in("Ada Lovelace", "Grace Hopper"), &Actor::Visitor).unwrap();
    let adm = out.admission.expect("admitted");
    match &adm.print {
        PrintOutcome::Failed { problem } => assert!(problem.contains("paper end"), "{problem}"),
        other => panic!("printed on an empty printer: {other:?}\n{}", ippeve.log()),
    }
    assert_eq!(adm.door, DoorOutcome::KeptClosed);
    assert!(relay.pulses().is_empty(), "no badge, no door");
    assert!(ippeve.documents().is_empty(), "no job reached the printer");
    let kinds: Vec<String> = outbox::for_visit(kiosk.store().conn(), &out.visit.id.to_string())
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(kinds, ["visit.arrived", "printer.fault"], "the desk hears of the fault");
}
