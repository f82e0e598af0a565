//! The watchlist as the admin console edits it. Unlike the plain
//! [`directory::watch`], everything here validates its input first; every
//! change takes the next sync version so the kiosks screen with it.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::directory::{self, tick};
use super::DbError;
use foyer_domain::screening::WatchlistInput;

/// One watchlist entry in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchRow {
    pub id: i64,
    pub name: String,
    pub reason: String,
}

/// The entries in force (removed ones are left out), by name.
pub fn list(conn: &Connection) -> Result<Vec<WatchRow>, DbError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, reason FROM watchlist WHERE NOT deleted ORDER BY name COLLATE NOCASE, id")?;
    let rows = stmt.query_map([], |r| Ok(WatchRow { id: r.get(0)?, name: r.get(1)?, reason: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds an entry after validating it; returns its id.
pub fn add(conn: &Connection, name: &str, reason: &str) -> Result<i64, DbError> {
    let entry = parse(name, reason)?;
    directory::watch(conn, &entry.name, &entry.reason)
}

/// Replaces the name and reason of an entry in force.
pub fn update(conn: &mut Connection, id: i64, name: &str, reason: &str) -> Result<(), DbError> {
    let entry = parse(name, reason)?;
    let tx = conn.transaction()?;
    in_force(&tx, id)?;
    tx.execute(
        "UPDATE watchlist SET name = ?2, reason = ?3, version = ?4 WHERE id = ?1",
        params![id, entry.name, entry.reason, tick(&tx)?],
    )?;
    tx.commit()?;
    Ok(())
}

/// Removes an entry in force (a tombstone for the kiosks).
pub fn remove(conn: &mut Connection, id: i64) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    in_force(&tx, id)?;
    directory::unwatch(&tx, id)?;
    tx.commit()?;
    Ok(())
}

fn parse(name: &str, reason: &str) -> Result<WatchlistInput, DbError> {
    WatchlistInput::parse(name, reason).map_err(|e| DbError::Refused(e.to_string()))
}

/// Refuses an id that names no entry, or a removed one.
fn in_force(conn: &Connection, id: i64) -> Result<(), DbError> {
    let deleted: Option<bool> =
        conn.query_row("SELECT deleted FROM watchlist WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    match deleted {
        Some(false) => Ok(()),
        Some(true) => Err(DbError::Conflict(format!("watchlist entry {id} was removed"))),
        None => Err(DbError::Missing(format!("no watchlist entry has the id {id}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{sync, Db};

    fn open() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        (dir, db)
    }

    #[test]
    fn an_edited_entry_is_listed_and_synced_to_the_kiosks() {
        let (_dir, db) = open();
        let id = db.with(|c| add(c, "  Eve Mallory ", "trespass")).unwrap();
        let before = db.with(|c| sync::changes_since(c, 0)).unwrap().version;
        db.with(|c| update(c, id, "Eve A. Mallory", "trespass, 2025")).unwrap();
        let row = WatchRow { id, name: "Eve A. Mallory".into(), reason: "trespass, 2025".into() };
        assert_eq!(db.with(|c| list(c)).unwrap(), vec![row]);
        let changes = db.with(|c| sync::changes_since(c, before)).unwrap();
        assert_eq!(changes.watchlist.len(), 1);
        assert_eq!(changes.watchlist[0].name, "Eve A. Mallory");
    }

    #[test]
    fn a_removed_entry_is_not_listed_and_cannot_be_edited() {
        let (_dir, db) = open();
        let id = db.with(|c| add(c, "Eve Mallory", "trespass")).unwrap();
        db.with(|c| remove(c, id)).unwrap();
        assert!(db.with(|c| list(c)).unwrap().is_empty());
        let err = db.with(|c| update(c, id, "Eve", "x")).unwrap_err();
        assert!(matches!(&err, DbError::Conflict(m) if m.contains("removed")), "{err}");
        assert!(matches!(db.with(|c| remove(c, id + 1)), Err(DbError::Missing(_))));
    }

    #[test]
    fn a_bad_field_is_refused_by_name_and_nothing_changes() {
        let (_dir, db) = open();
        let id = db.with(|c| add(c, "Eve Mallory", "trespass")).unwrap();
        let long = "r".repeat(201);
        for (name, reason, field) in [("", "x", "watchlist name"), ("Eve", &long, "watchlist reason")] {
            let err = db.with(|c| update(c, id, name, reason)).unwrap_err();
            assert!(err.to_string().contains(field), "{err}");
        }
        assert!(db.with(|c| add(c, "Eve\u{202E}", "x")).unwrap_err().to_string().contains("watchlist name"));
        assert_eq!(db.with(|c| list(c)).unwrap()[0].name, "Eve Mallory");
    }
}
