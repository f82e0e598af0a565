//! The kiosk's SQLite database: WAL, synchronous commits, append-only
//! migrations. Queries live in one module per table group.

pub mod agreements;
pub mod audit;
pub mod backup;
pub mod directory;
pub mod error;
pub mod hosts;
pub mod invitations;
pub mod link_state;
pub mod migrations;
pub mod outbox;
pub mod quarantine;
pub mod reader;
pub mod site_key;
pub mod visit_export;
pub mod visits;
pub mod wal_sync;
pub mod watchlist;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction};

pub use error::{StoreError, StoreResult};
pub use reader::Reader;

/// An open kiosk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Started by the first relaxed commit ([`Store::write_relaxed`]).
    syncer: Option<wal_sync::WalSyncer>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> StoreResult<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::File { path: dir.display().to_string(), source })?;
        }
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Self { conn, path: path.to_owned(), syncer: None })
    }

    /// The directory holding the database (named when the disk is full).
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The database file, for opening a [`Reader`] on it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in a write transaction whose commit does not wait for the
    /// disk; the WAL is fsynced within [`wal_sync::COALESCE`] on another
    /// thread (see [`wal_sync`] for what that gives up). Only for records
    /// of what has already happened, never for a change the caller
    /// acknowledges.
    pub fn write_relaxed<R>(&mut self, f: impl FnOnce(&Transaction<'_>) -> StoreResult<R>) -> StoreResult<R> {
        // Cached statements: both PRAGMAs run for every visitor let in.
        self.conn.prepare_cached("PRAGMA synchronous = NORMAL")?.execute([])?;
        let result = write_tx(&mut self.conn).map_err(StoreError::from).and_then(|tx| {
            let r = f(&tx)?;
            tx.commit()?;
            Ok(r)
        });
        // Back to FULL whatever happened: every other commit waits for disk.
        let restored = self.conn.prepare_cached("PRAGMA synchronous = FULL").and_then(|mut s| s.execute([]));
        if result.is_ok() {
            let path = &self.path;
            self.syncer.get_or_insert_with(|| wal_sync::WalSyncer::start(path.clone())).request();
        }
        restored?;
        result.map_err(|e| e.in_dir(self.dir()))
    }

    /// Fsyncs done after relaxed commits so far (tests, diagnostics).
    pub fn relaxed_syncs(&self) -> u64 {
        self.syncer.as_ref().map_or(0, wal_sync::WalSyncer::synced)
    }
}

/// WAL so readers never block the kiosk's writes; `synchronous=FULL` so a
/// committed check-in survives a power cut (the fsync happens at commit,
/// before the visitor sees "done").
pub fn configure(conn: &Connection) -> StoreResult<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal mode stayed {mode}, WAL is needed")));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// Starts a write transaction that takes SQLite's write lock at once
/// (`BEGIN IMMEDIATE`). A deferred transaction that reads first fails with
/// SQLITE_BUSY at its first write when another connection (device alarms,
/// a backup, the link) wrote meanwhile; an immediate one waits the busy
/// timeout instead.
pub fn write_tx(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
}

/// The current time as unix seconds.
pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_keeps_the_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        drop(Store::open(&path).unwrap());
        let s = Store::open(&path).unwrap();
        let v: i64 = s.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, migrations::latest());
        let sync: i64 = s.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "synchronous must be FULL");
    }

    #[test]
    fn a_relaxed_commit_is_visible_at_once_synced_after_and_leaves_full_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let mut s = Store::open(&path).unwrap();
        s.write_relaxed(|tx| audit::append(tx, "test", "badge.printed", None, &serde_json::json!({}))).unwrap();
        let sync: i64 = s.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "synchronous must be FULL again");
        let other = Connection::open(&path).unwrap();
        let n: i64 =
            other.query_row("SELECT count(*) FROM audit_log WHERE action = 'badge.printed'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while s.relaxed_syncs() == 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(s.relaxed_syncs(), 1, "the syncer fsyncs the WAL after the commit");
    }

    #[test]
    fn a_failed_relaxed_write_changes_nothing_and_leaves_full_behind() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("k.db")).unwrap();
        let failed = s.write_relaxed(|tx| {
            audit::append(tx, "test", "door.released", None, &serde_json::json!({}))?;
            Err::<(), _>(StoreError::Corrupt("device record refused".into()))
        });
        assert!(matches!(failed, Err(StoreError::Corrupt(_))));
        let n: i64 = s.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
        let sync: i64 = s.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2);
        assert_eq!(s.relaxed_syncs(), 0, "nothing to sync");
    }

    #[test]
    fn a_database_from_a_newer_program_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 999").unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 999, .. })));
    }

    #[test]
    fn the_audit_log_cannot_be_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("k.db")).unwrap();
        audit::append(s.conn(), "test", "x", None, &serde_json::json!({})).unwrap();
        assert!(s.conn().execute("UPDATE audit_log SET actor = 'y'", []).is_err());
        assert!(s.conn().execute("DELETE FROM audit_log", []).is_err());
    }
}
