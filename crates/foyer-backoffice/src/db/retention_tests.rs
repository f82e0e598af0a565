//! Tests of the retention run, against a database filled the way the
//! kiosks and the desk fill it.

use rusqlite::types::ValueRef;
use uuid::Uuid;

use super::*;
use crate::db::directory::{self, InvitationRequest};
use crate::db::notifications::Notice;
use crate::db::{commands, ingest, kiosks, Db};
use crate::notify::plan::Routing;
use foyer_domain::events::{KioskEvent, VisitSummary};
use foyer_domain::host::NewHost;
use foyer_domain::VisitorType;
use foyer_wire::{CommandAck, CommandKind, DeskCheckIn, WireEvent};

const DAY: i64 = 86_400;

fn open() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("b.db")).unwrap();
    let host = NewHost::parse("Grace Hopper", Some("grace@example.org"), None, None).unwrap();
    db.with(|c| directory::import_hosts(c, &[host])).unwrap();
    (dir, db)
}

fn summary(name: &str, email: &str, arrived_at: i64) -> VisitSummary {
    VisitSummary {
        visit_id: Uuid::new_v4(),
        visitor_name: name.into(),
        company: Some(format!("{name} Ltd")),
        email: Some(email.into()),
        phone: Some("+44 20 7946 0000".into()),
        host_id: 1,
        host_name: "Grace Hopper".into(),
        visitor_type: VisitorType::Guest,
        arrived_at,
        kiosk: "lobby-1".into(),
        agreement_version: None,
        invitation: None,
    }
}

/// Stores `events` as kiosk lobby-1 sent them, notifying the host by email.
fn ingest(db: &Db, events: Vec<KioskEvent>) {
    let wire: Vec<WireEvent> =
        events.into_iter().map(|event| WireEvent { event_id: Uuid::new_v4(), occurred_at: 0, event }).collect();
    let routing = Routing { email_enabled: true, reception: Some("desk@example.org".into()) };
    db.with(|c| ingest::apply_batch(c, "lobby-1", &wire, &routing, 0)).unwrap();
}

/// A visit that arrived and left `days_ago` days ago (still on site if None).
fn visit(db: &Db, name: &str, email: &str, departed_days_ago: Option<i64>) -> Uuid {
    let now = now_unix();
    let v = summary(name, email, now - 200 * DAY);
    let id = v.visit_id;
    ingest(db, vec![KioskEvent::VisitArrived(v)]);
    if let Some(days) = departed_days_ago {
        ingest(db, vec![KioskEvent::VisitDeparted { visit_id: id, departed_at: now - days * DAY, by: "kiosk".into() }]);
    }
    id
}

fn invite(db: &Db, name: &str, email: &str, days_ago: i64) {
    let expected_on = time::OffsetDateTime::from_unix_timestamp(now_unix() - days_ago * DAY).unwrap().date();
    let req = InvitationRequest {
        visitor_name: name.into(),
        company: Some("Invited Co".into()),
        email: Some(email.into()),
        host_id: 1,
        visitor_type: VisitorType::Guest,
        expected_on,
    };
    db.with(|c| directory::invite(c, &req)).unwrap();
}

/// A desk check-in that the kiosk answered `days_ago` days ago.
fn desk_check_in(db: &Db, name: &str, email: &str, days_ago: i64) {
    db.with(|c| {
        let _ = kiosks::add(c, "lobby-1");
        let check_in = DeskCheckIn {
            name: name.into(),
            company: None,
            email: Some(email.into()),
            phone: None,
            host_id: 1,
            visitor_type: VisitorType::Guest,
            agreement_version: None,
        };
        let id = commands::enqueue(c, "lobby-1", "ana", &CommandKind::CheckIn(check_in))?;
        commands::ack(c, "lobby-1", id, &CommandAck { ok: true, message: format!("{name} checked in") })?;
        c.execute("UPDATE commands SET acked_at = ?2 WHERE id = ?1", (id, now_unix() - days_ago * DAY))?;
        Ok(())
    })
    .unwrap();
}

/// Every text value of every table, to look for what must be gone.
fn dump(db: &Db) -> String {
    db.with(|c| {
        let tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = String::new();
        for table in tables {
            let mut stmt = c.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..columns {
                    if let ValueRef::Text(t) = row.get_ref(i)? {
                        out.push_str(&String::from_utf8_lossy(t));
                        out.push('\n');
                    }
                }
            }
        }
        Ok(out)
    })
    .unwrap()
}

#[test]
fn a_visit_past_the_period_is_anonymised_everywhere_and_recent_ones_are_kept() {
    let (_dir, db) = open();
    let old = visit(&db, "Ada Lovelace", "ada@example.org", Some(91));
    visit(&db, "Bob Recent", "bob@example.org", Some(89));
    visit(&db, "Carol Onsite", "carol@example.org", None);
    invite(&db, "Ivy Invited", "ivy@example.org", 91);
    invite(&db, "Jon Soon", "jon@example.org", 89);
    desk_check_in(&db, "Kim Desk", "kim@example.org", 91);
    desk_check_in(&db, "Lee Latest", "lee@example.org", 1);
    let policy = RetentionPolicy::default();
    let now = now_unix();

    let planned = db.with(|c| dry_run(c, policy, now)).unwrap();
    let done = db.with(|c| run(c, policy, now)).unwrap();

    assert_eq!(done, RetentionCount { visits: 1, invitations: 1, commands: 1 });
    assert_eq!(planned, done);
    let all = dump(&db);
    for gone in ["Ada Lovelace", "ada@example.org", "Ada Lovelace Ltd", "Ivy Invited", "ivy@", "Kim Desk", "kim@"] {
        assert!(!all.contains(gone), "{gone} survived the run");
    }
    for kept in ["Bob Recent", "bob@example.org", "Carol Onsite", "carol@", "Jon Soon", "jon@", "Lee Latest"] {
        assert!(all.contains(kept), "{kept} was anonymised too early");
    }
    let row = db.with(|c| crate::db::visit_log::get(c, old)).unwrap().unwrap();
    assert_eq!((row.visitor_name.as_str(), row.state.as_str(), row.host_id), (ANONYMISED, "departed", Some(1)));
    assert!(row.arrived_at.is_some() && row.departed_at.is_some());
    assert_eq!(db.with(|c| run(c, policy, now)).unwrap(), RetentionCount::default());
}

#[test]
fn anonymised_copies_still_read_back_as_events_and_notices() {
    let (_dir, db) = open();
    let now = now_unix();
    let v = summary("Dan Flagged", "dan@example.org", now - 100 * DAY);
    let id = v.visit_id;
    let reason = "watchlist: Dan Flagged (trespass)".to_owned();
    ingest(&db, vec![KioskEvent::VisitFlagged { visit: v, reason }]);
    ingest(&db, vec![KioskEvent::VisitApproved { visit_id: id, by: "desk:ana".into() }]);
    ingest(&db, vec![KioskEvent::VisitDeparted { visit_id: id, departed_at: now - 95 * DAY, by: "kiosk".into() }]);

    assert_eq!(db.with(|c| run(c, RetentionPolicy::default(), now)).unwrap().visits, 1);

    assert!(!dump(&db).contains("Dan Flagged"));
    db.with(|c| {
        let mut events = c.prepare("SELECT type, data FROM events")?;
        for row in events.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (kind, data) = row?;
            let json =
                serde_json::json!({ "type": kind, "data": serde_json::from_str::<serde_json::Value>(&data).unwrap() });
            serde_json::from_value::<KioskEvent>(json).unwrap();
        }
        let notices: Vec<Notice> = c
            .prepare("SELECT notice FROM notifications")?
            .query_map([], |r| r.get::<_, String>(0))?
            .map(|n| serde_json::from_str(&n.unwrap()).unwrap())
            .collect();
        // The flag told reception, the approval told the host.
        assert_eq!(notices.len(), 2);
        for notice in notices {
            assert_eq!((notice.visitor_name.as_str(), notice.company), (ANONYMISED, None));
            assert!(notice.reason.is_none() || notice.reason.as_deref() == Some(ANONYMISED));
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_denied_visit_counts_from_its_last_change() {
    let (_dir, db) = open();
    let now = now_unix();
    let eve = summary("Eve Denied", "eve@example.org", now - DAY);
    let id = eve.visit_id;
    ingest(&db, vec![KioskEvent::VisitFlagged { visit: eve, reason: "watchlist".into() }]);
    ingest(&db, vec![KioskEvent::VisitDenied { visit_id: id, by: "desk:ana".into() }]);
    let policy = RetentionPolicy::new(30).unwrap();
    assert_eq!(db.with(|c| dry_run(c, policy, now)).unwrap().visits, 0);
    db.with(|c| Ok(c.execute("UPDATE visits SET updated_at = ?1", [now - 31 * DAY])?)).unwrap();
    assert_eq!(db.with(|c| run(c, policy, now)).unwrap().visits, 1);
}

#[test]
fn the_policy_defaults_to_ninety_days_and_reads_back_once_set() {
    let (_dir, db) = open();
    assert_eq!(db.with(|c| policy(c)).unwrap(), RetentionPolicy::default());
    let short = RetentionPolicy::new(30).unwrap();
    db.with(|c| set_policy(c, short)).unwrap();
    assert_eq!(db.with(|c| policy(c)).unwrap(), short);
    for days in [0, 5000] {
        assert!(RetentionPolicy::new(days).is_err(), "{days} days accepted");
        let stored = db.with(|c| Ok(c.execute("UPDATE retention_policy SET anonymise_after_days = ?1", [days])?));
        assert!(stored.is_err(), "{days} days stored");
    }
}
