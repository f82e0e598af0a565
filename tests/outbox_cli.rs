//! `foyer outbox list [--held]` and `foyer outbox retry SEQ|--all`, run as
//! the installer would, on a kiosk database with events waiting and held.

use std::path::PathBuf;
mod common;

use std::process::Output;

use foyer_domain::events::KioskEvent;
use foyer_kiosk::store::{audit, outbox, quarantine, Store};

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A kiosk database with four events, the second and fourth held back.
    fn new() -> (Self, Vec<i64>) {
        let site = Self { dir: tempfile::tempdir().unwrap() };
        let mut store = site.store();
        for i in 0..4 {
            outbox::push(store.conn(), &KioskEvent::DeviceAlarm { device: "relay".into(), message: format!("{i}") })
                .unwrap();
        }
        let seqs: Vec<i64> = outbox::pending(store.conn(), 10).unwrap().iter().map(|r| r.seq).collect();
        let reason = "422 Unprocessable Entity: unknown variant `visit.teleported`\n(second line)";
        quarantine::hold(store.conn_mut(), seqs[1], reason, "link@lobby").unwrap();
        quarantine::hold(store.conn_mut(), seqs[3], "400 Bad Request: not JSON", "link@lobby").unwrap();
        (site, seqs)
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("foyer-data").join("kiosk.db")
    }

    fn store(&self) -> Store {
        Store::open(&self.db()).unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        common::foyer_in(self.dir.path(), args)
    }

    fn ok(&self, args: &[&str]) -> String {
        common::foyer_ok(self.dir.path(), args)
    }

    fn held_seqs(&self) -> Vec<i64> {
        quarantine::unsent(self.store().conn(), true).unwrap().iter().map(|e| e.seq).collect()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn list_shows_every_unsent_event_and_why_some_are_held() {
    let (site, seqs) = Site::new();
    let out = site.ok(&["outbox", "list"]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert_eq!(rows.iter().map(|r| r[0].parse::<i64>().unwrap()).collect::<Vec<_>>(), seqs);
    assert!(rows.iter().all(|r| r.len() == 5 && r[2] == "device.alarm"), "{out}");
    assert!(rows[0][3].ends_with('Z'), "created as RFC 3339: {}", rows[0][3]);
    assert_eq!(rows[0][4], "-");
    assert_eq!(rows[1][4], "422 Unprocessable Entity: unknown variant `visit.teleported` (second line)");

    let held = site.ok(&["outbox", "list", "--held"]);
    let seqs_held: Vec<&str> = held.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(seqs_held, [seqs[1].to_string(), seqs[3].to_string()]);
}

#[test]
fn retry_releases_one_event_and_audits_it() {
    let (site, seqs) = Site::new();
    let out = site.ok(&["outbox", "retry", &seqs[1].to_string()]);
    assert!(out.contains(&format!("event {}", seqs[1])), "{out}");
    assert_eq!(site.held_seqs(), [seqs[3]]);
    let pending: Vec<i64> = outbox::pending(site.store().conn(), 10).unwrap().iter().map(|r| r.seq).collect();
    assert_eq!(pending, [seqs[0], seqs[1], seqs[2]], "back in its place, before later events");
    let entries = audit::recent(site.store().conn(), None, 10).unwrap();
    let retry = entries.iter().find(|e| e.action == "outbox.retry").expect("an audit entry");
    assert_eq!((retry.actor.as_str(), &retry.detail["seq"]), ("cli", &seqs[1].into()));
}

#[test]
fn retry_all_releases_every_held_event() {
    let (site, _) = Site::new();
    assert!(site.ok(&["outbox", "retry", "--all"]).contains("2 held-back events released"));
    assert!(site.held_seqs().is_empty());
    assert!(site.ok(&["outbox", "list", "--held"]).is_empty());
    assert!(site.ok(&["outbox", "retry", "--all"]).contains("0 held-back events"));
}

#[test]
fn an_unknown_seq_is_refused_by_name_and_changes_nothing() {
    let (site, seqs) = Site::new();
    let out = site.run(&["outbox", "retry", "999"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("SEQ 999: no outbox event has this seq"), "{}", stderr(&out));
    assert_eq!(site.held_seqs(), [seqs[1], seqs[3]]);
}

#[test]
fn a_seq_that_is_not_held_is_refused_with_its_state() {
    let (site, seqs) = Site::new();
    let out = site.run(&["outbox", "retry", &seqs[0].to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not held back; it waits to be sent"), "{}", stderr(&out));
    outbox::mark_sent(site.store().conn_mut(), &[seqs[2]]).unwrap();
    let out = site.run(&["outbox", "retry", &seqs[2].to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("was sent at"), "{}", stderr(&out));
}

#[test]
fn retry_needs_exactly_one_of_a_seq_or_all() {
    let (site, seqs) = Site::new();
    for args in [vec!["outbox", "retry"], vec!["outbox", "retry", "abc"], vec!["outbox", "retry", "3", "--all"]] {
        let out = site.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("SEQ") || stderr(&out).contains("--all"), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(site.held_seqs(), [seqs[1], seqs[3]], "nothing released");
}
