//! Shared set-up for the kiosk tests: a real SQLite file in a temp dir,
//! fake devices, a small hosts directory.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::host::NewHost;
use foyer_domain::{Language, PulseLength, SiteKey, VisitorType};
use foyer_kiosk::check_in::{HostChoice, WalkIn};
use foyer_kiosk::store::{hosts, Store};
use foyer_kiosk::{InvitedArrival, Kiosk, KioskSettings};

pub struct TestKiosk {
    pub dir: tempfile::TempDir,
    pub kiosk: Kiosk,
    pub printer: FakePrinter,
    pub relay: FakeRelay,
    pub key: SiteKey,
}

pub fn key() -> SiteKey {
    SiteKey::from_bytes([42; 32])
}

pub fn seed_hosts(store: &mut Store) {
    let list = [
        NewHost::parse("Charles Babbage", Some("charles@example.org"), None, Some("Engines")).unwrap(),
        NewHost::parse("Grace Hopper", Some("grace@example.org"), None, Some("Compilers")).unwrap(),
        NewHost::parse("Alan Turing", None, Some("+44 161 555 0100"), None).unwrap(),
    ];
    hosts::import(store.conn_mut(), &list).unwrap();
}

pub fn open_kiosk(db: &Path, printer: FakePrinter, relay: FakeRelay) -> Kiosk {
    let mut store = Store::open(db).unwrap();
    if hosts::list(store.conn()).unwrap().is_empty() {
        seed_hosts(&mut store);
    }
    let settings = KioskSettings {
        site_name: "Test Site".into(),
        kiosk_name: "lobby-1".into(),
        pulse: PulseLength::from_secs(3).unwrap(),
    };
    Kiosk::new(store, key(), settings, Arc::new(printer), Arc::new(relay))
}

pub fn kiosk() -> TestKiosk {
    let dir = tempfile::tempdir().unwrap();
    let printer = FakePrinter::new();
    let relay = FakeRelay::new();
    let kiosk = open_kiosk(&dir.path().join("kiosk.db"), printer.clone(), relay.clone());
    TestKiosk { dir, kiosk, printer, relay, key: key() }
}

/// A delivery walk-in (no agreement needed) to a host by name.
pub fn walk_in(name: &str, host: &str) -> WalkIn {
    WalkIn {
        name: name.into(),
        company: Some("Acme".into()),
        email: None,
        phone: None,
        host: HostChoice::Name(host.into()),
        visitor_type: VisitorType::Delivery,
        agreement_version: None,
        visit_id: None,
        language: Language::En,
    }
}

/// An invited visitor's arrival in English.
pub fn arrival(code: &str, agreement_version: Option<i64>) -> InvitedArrival {
    InvitedArrival { code: code.into(), agreement_version, language: Language::En }
}

pub fn count(k: &Kiosk, table: &str) -> i64 {
    k.store().conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}
