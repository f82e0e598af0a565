//! The watchlist as stored; screening itself is a domain rule.

use rusqlite::{params, Connection};

use super::{now_unix, StoreResult};
use foyer_domain::screening::WatchlistEntry;
use foyer_domain::text::clean_text;
use foyer_domain::ValidationError;

/// Every entry, folded for screening.
pub fn load(conn: &Connection) -> StoreResult<Vec<WatchlistEntry>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, reason FROM watchlist ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let name: String = r.get(1)?;
        let reason: String = r.get(2)?;
        Ok(WatchlistEntry::new(r.get(0)?, &name, &reason))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds an entry; the name follows the rules of a visitor name.
pub fn add(conn: &Connection, name: &str, reason: &str) -> Result<i64, AddError> {
    let name = clean_text("watchlist name", name, 80)?;
    let reason = clean_text("watchlist reason", reason, 200)?;
    conn.execute(
        "INSERT INTO watchlist (name, reason, added_at) VALUES (?1, ?2, ?3)",
        params![name, reason, now_unix()],
    )
    .map_err(super::StoreError::from)?;
    Ok(conn.last_insert_rowid())
}

/// Why an entry could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error(transparent)]
    Store(#[from] super::StoreError),
}
