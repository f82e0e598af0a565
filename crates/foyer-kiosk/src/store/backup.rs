//! Online backup of a database file: a consistent copy taken while the
//! kiosk or back office keeps writing (SQLite's `VACUUM INTO` reads one
//! snapshot inside a read transaction; WAL lets writers go on meanwhile).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{StoreError, StoreResult};

/// Copies the database at `source` into a new file `target` (refused if it
/// exists), then checks the copy with `PRAGMA integrity_check`.
pub fn backup(source: &Path, target: &Path) -> StoreResult<()> {
    if target.exists() {
        return Err(StoreError::File {
            path: target.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "the backup file exists already"),
        });
    }
    if !source.exists() {
        return Err(StoreError::File {
            path: source.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no database here"),
        });
    }
    let conn = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    let target_str = target.to_str().ok_or_else(|| StoreError::Corrupt("the backup path is not UTF-8".into()))?;
    conn.execute("VACUUM INTO ?1", [target_str])?;
    let copy = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(format!("the backup failed its integrity check: {check}")));
    }
    Ok(())
}
