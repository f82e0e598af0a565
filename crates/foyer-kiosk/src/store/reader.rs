//! A read-only connection to the kiosk's database, for the screens.
//!
//! The [`Store`](super::Store) sits behind one mutex in `Kiosk`, shared with
//! the outbox forwarder and with commits that wait for the disk. A screen
//! that reads through it freezes while they hold it. In WAL mode SQLite
//! lets a second connection read the last committed state while a writer
//! works, so the screens read through one of these, owned by the thread
//! that does their reads and never behind the store's lock.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{StoreError, StoreResult};

/// A read-only connection to an open (already migrated) kiosk database.
pub struct Reader {
    conn: Connection,
}

impl Reader {
    /// Opens the database at `path` read-only. The [`Store`](super::Store)
    /// must have opened it first: it creates, migrates and sets WAL.
    pub fn open(path: &Path) -> StoreResult<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        // Readers wait only while a checkpoint resets the WAL, briefly.
        conn.busy_timeout(Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // Outside WAL a reader would block writers and be blocked by them.
            return Err(StoreError::Corrupt(format!("journal mode is {mode}, a concurrent reader needs WAL")));
        }
        Ok(Self { conn })
    }

    /// The connection, for the query functions of the store's modules.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{audit, write_tx, Store};

    #[test]
    fn a_reader_sees_the_last_commit_while_a_write_transaction_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let mut store = Store::open(&path).unwrap();
        audit::append(store.conn(), "test", "committed", None, &serde_json::json!({})).unwrap();
        let reader = Reader::open(&path).unwrap();
        let tx = write_tx(store.conn_mut()).unwrap();
        audit::append(&tx, "test", "in flight", None, &serde_json::json!({})).unwrap();
        let n: i64 = reader.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "the reader sees the committed row, not the one in flight");
        tx.commit().unwrap();
        let n: i64 = reader.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn a_reader_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        drop(Store::open(&path).unwrap());
        let reader = Reader::open(&path).unwrap();
        let refused = reader.conn().execute("INSERT INTO watchlist (name, reason, added_at) VALUES ('x', 'y', 0)", []);
        let Err(rusqlite::Error::SqliteFailure(e, _)) = refused else { panic!("a reader wrote: {refused:?}") };
        assert_eq!(e.code, rusqlite::ErrorCode::ReadOnly);
    }

    #[test]
    fn a_database_that_no_store_opened_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Reader::open(&dir.path().join("missing.db")).is_err());
    }
}
