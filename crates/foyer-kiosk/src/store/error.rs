//! The error type of the storage boundary.

/// What went wrong reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
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

pub type StoreResult<T> = Result<T, StoreError>;
