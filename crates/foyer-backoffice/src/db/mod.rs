//! The back office's own SQLite database: WAL, synchronous commits (an
//! acknowledged event is on disk), append-only migrations. One connection
//! behind a mutex; async code reaches it through [`Db::call`], which runs the
//! work on the blocking pool so the async threads never wait on SQLite.

pub mod adopted_hosts;
pub mod agreements_admin;
pub mod api_tokens;
pub mod arrivals;
pub mod audit;
pub mod commands;
pub mod days;
pub mod directory;
pub mod group_commit;
pub mod hosts_admin;
pub mod ingest;
pub mod invitation_mail;
pub mod kiosk_status;
pub mod kiosks;
pub mod lobby;
pub mod login_limit;
pub mod notifications;
pub mod reports;
pub mod retention;
mod schema;
#[cfg(test)]
mod schema_tests;
pub mod seed;
pub mod sessions;
pub mod sync;
pub mod token;
pub mod upcoming_invitations;
pub mod users;
pub mod visit_detail;
pub mod visit_export;
pub mod visit_log;
pub mod visit_row;
pub mod visit_rules;
pub mod visit_search;
pub mod visitor_types;
pub mod watchlist_admin;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;

/// What went wrong with the back-office database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot use {path}: {source}")]
    File {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the back-office database is at schema version {found}, newer than this program's {known}")]
    TooNew { found: i64, known: i64 },
    /// A stored value this program cannot read back.
    #[error("corrupt record: {0}")]
    Corrupt(String),
    /// A request whose values break a rule (422).
    #[error("{0}")]
    Refused(String),
    /// A request that names something that does not exist (404).
    #[error("{0}")]
    Missing(String),
    /// A valid request the current state refuses: already so, taken, your
    /// own account (409).
    #[error("{0}")]
    Conflict(String),
    /// One event of a kiosk's batch is refused: it would break the visit's
    /// lifecycle (422), or change a visit the kiosk may not (403).
    #[error("{message}")]
    EventRefused { event_id: uuid::Uuid, out_of_scope: bool, message: String },
    #[error("database task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// How much memory the database may hold on to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// The page cache, KiB.
    pub cache_kib: u32,
    /// Memory-mapped reads, bytes (0: none).
    pub mmap_bytes: u64,
}

impl Tuning {
    /// A back office on its own: the visit log is read in index order
    /// (search pages, exports), and a 64 MiB page cache with memory-mapped
    /// reads keeps those reads from costing a system call per page once the
    /// log is large.
    pub const SERVER: Self = Self { cache_kib: 65_536, mmap_bytes: 256 << 20 };
    /// The back office inside a kiosk process, which runs for months on a
    /// small box: both would grow the kiosk's memory with its log (every
    /// mapped page read counts), for one lobby's few queries. SQLite's own
    /// default cache and no map.
    pub const IN_PROCESS: Self = Self { cache_kib: 2_048, mmap_bytes: 0 };
}

/// A shared handle on the back-office database.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating if needed) and migrates the database at `path`,
    /// tuned for a server of its own.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        Self::open_tuned(path, Tuning::SERVER)
    }

    /// As [`Db::open`], with the memory `tuning` allows.
    pub fn open_tuned(path: &Path, tuning: Tuning) -> Result<Self, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::File { path: dir.display().to_string(), source })?;
        }
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(DbError::Corrupt(format!("journal mode stayed {mode}, WAL is needed")));
        }
        // FULL: the kiosk deletes nothing but marks events sent once we
        // answer, so an acknowledged batch must survive a power cut.
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        conn.execute_batch(&format!(
            "PRAGMA cache_size = -{}; PRAGMA mmap_size = {};",
            tuning.cache_kib, tuning.mmap_bytes
        ))?;
        schema::migrate(&mut conn)?;
        Ok(Self { conn: Arc::new(Mutex::new(conn)) })
    }

    /// Runs `f` on the connection, on this thread (CLI and tests).
    pub fn with<R>(&self, f: impl FnOnce(&mut Connection) -> Result<R, DbError>) -> Result<R, DbError> {
        // A panic in another call leaves SQLite consistent; keep serving.
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut conn)
    }

    /// Runs `f` on the connection on the blocking pool.
    pub async fn call<R, F>(&self, f: F) -> Result<R, DbError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<R, DbError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.with(f)).await?
    }
}

/// The current time as unix seconds.
pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The current time as unix milliseconds (notification scheduling).
pub fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// Whether the database answers a query (the health check).
pub fn ping(conn: &Connection) -> Result<(), DbError> {
    conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?;
    Ok(())
}
