//! The error type of the storage boundary.

/// What went wrong reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Not a `#[source]`: rusqlite's error displays its cause again, and
    /// SQLite's own message a third time, so a chained report would repeat
    /// one failure three times. The message here says it once.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// SQLite could not grow the database or its WAL.
    #[error("the disk is full: the kiosk cannot write to its data directory {}; free space there", dir.display())]
    DiskFull { dir: std::path::PathBuf },
    /// The database was written by a newer Foyer than this one.
    #[error("the database is at schema version {found}, newer than this program's {known}; upgrade Foyer")]
    TooNew { found: i64, known: i64 },
    #[error("cannot use {path}: {source}")]
    File {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A stored value that this program cannot read back (hand-edited data).
    #[error("corrupt record: {0}")]
    Corrupt(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

impl StoreError {
    /// Whether SQLite gave up for lack of space (`SQLITE_FULL`).
    pub fn is_disk_full(&self) -> bool {
        matches!(self, Self::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull))
            || matches!(self, Self::DiskFull { .. })
    }

    /// Names the data directory when the disk is full; other errors as they are.
    pub fn in_dir(self, dir: &std::path::Path) -> Self {
        if self.is_disk_full() {
            Self::DiskFull { dir: dir.to_owned() }
        } else {
            self
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
