//! Tests of the hosts directory's admin functions.

use super::*;
use crate::db::{sync, Db};

fn open() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("b.db")).unwrap();
    (dir, db)
}

fn host(name: &str, email: Option<&str>, department: Option<&str>) -> NewHost {
    NewHost::parse(name, email, None, department).unwrap()
}

fn names(rows: &[HostRow]) -> Vec<&str> {
    rows.iter().map(|h| h.name.as_str()).collect()
}

#[test]
fn an_added_host_reads_back_and_is_told_by_email() {
    let (_dir, db) = open();
    let id = db.with(|c| add(c, &host("Grace Hopper", Some("grace@example.org"), Some("Navy")))).unwrap();
    let row = db.with(|c| get(c, id)).unwrap().unwrap();
    assert_eq!(
        (row.name.as_str(), row.email.as_deref(), row.department.as_deref()),
        ("Grace Hopper", Some("grace@example.org"), Some("Navy"))
    );
    assert!(row.active && row.notify_email);
    assert_eq!(db.with(|c| get(c, id + 1)).unwrap(), None);
}

#[test]
fn a_second_host_with_the_same_email_is_refused_naming_the_first() {
    let (_dir, db) = open();
    db.with(|c| add(c, &host("Grace Hopper", Some("grace@example.org"), None))).unwrap();
    let err = db.with(|c| add(c, &host("G. Hopper", Some("GRACE@example.org"), None))).unwrap_err();
    assert!(
        matches!(&err, DbError::Conflict(m) if m.contains("grace@example.org") && m.contains("Grace Hopper")),
        "{err}"
    );
}

#[test]
fn search_matches_name_without_accents_email_and_department() {
    let (_dir, db) = open();
    db.with(|c| {
        add(c, &host("José Álvarez", Some("jose@example.org"), Some("Sales")))?;
        add(c, &host("Grace Hopper", Some("grace@navy.example"), Some("Research")))?;
        add(c, &host("Alan Turing", None, Some("research")))?;
        Ok(())
    })
    .unwrap();
    let search = |q: &str| db.with(|c| list(c, Some(q), false, None, 50)).unwrap();
    assert_eq!(names(&search("alvarez")), ["José Álvarez"]);
    assert_eq!(names(&search("NAVY")), ["Grace Hopper"]);
    assert_eq!(names(&search("research")), ["Grace Hopper", "Alan Turing"]);
    assert_eq!(names(&search("%")).len(), 0);
    assert_eq!(names(&search("  ")).len(), 3);
}

#[test]
fn pages_follow_the_last_id_and_inactive_hosts_show_only_when_asked() {
    let (_dir, db) = open();
    let ids: Vec<i64> =
        db.with(|c| ["A One", "B Two", "C Three"].iter().map(|n| add(c, &host(n, None, None))).collect()).unwrap();
    db.with(|c| deactivate(c, ids[1])).unwrap();
    assert_eq!(names(&db.with(|c| list(c, None, false, None, 10)).unwrap()), ["A One", "C Three"]);
    let first = db.with(|c| list(c, None, true, None, 2)).unwrap();
    assert_eq!(names(&first), ["A One", "B Two"]);
    let next = db.with(|c| list(c, None, true, Some(first[1].id), 2)).unwrap();
    assert_eq!(names(&next), ["C Three"]);
}

#[test]
fn every_change_reaches_the_kiosks_through_the_sync_clock() {
    let (_dir, db) = open();
    let id = db.with(|c| add(c, &host("Grace Hopper", None, None))).unwrap();
    let after_add = db.with(|c| sync::changes_since(c, 0)).unwrap().version;

    db.with(|c| update(c, id, &host("Grace B. Hopper", Some("grace@example.org"), None))).unwrap();
    let changes = db.with(|c| sync::changes_since(c, after_add)).unwrap();
    assert_eq!(changes.hosts.len(), 1);
    assert_eq!((changes.hosts[0].name.as_str(), changes.hosts[0].deleted), ("Grace B. Hopper", false));

    db.with(|c| deactivate(c, id)).unwrap();
    let gone = db.with(|c| sync::changes_since(c, changes.version)).unwrap();
    assert!(gone.hosts[0].deleted);

    db.with(|c| reactivate(c, id)).unwrap();
    let back = db.with(|c| sync::changes_since(c, gone.version)).unwrap();
    assert!(!back.hosts[0].deleted);
}

#[test]
fn changing_a_host_that_does_not_exist_is_refused() {
    let (_dir, db) = open();
    let h = host("Nobody", None, None);
    assert!(matches!(db.with(|c| update(c, 42, &h)), Err(DbError::Missing(m)) if m.contains("42")));
    assert!(matches!(db.with(|c| deactivate(c, 42)), Err(DbError::Missing(_))));
}

#[test]
fn an_update_may_keep_its_own_email_but_not_take_another() {
    let (_dir, db) = open();
    let (a, _) = db
        .with(|c| {
            Ok((
                add(c, &host("Ann", Some("ann@example.org"), None))?,
                add(c, &host("Bo", Some("bo@example.org"), None))?,
            ))
        })
        .unwrap();
    db.with(|c| update(c, a, &host("Ann Smith", Some("ann@example.org"), None))).unwrap();
    assert!(matches!(db.with(|c| update(c, a, &host("Ann", Some("bo@example.org"), None))), Err(DbError::Conflict(_))));
}
