//! Login throttling: at most [`MAX_FAILURES`] wrong passwords per user name
//! in [`WINDOW_SECS`]. Counted by the name typed, known or not, so the limit
//! itself does not tell which names exist.

use rusqlite::{params, Connection};

use super::{now_unix, DbError};

pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_SECS: i64 = 15 * 60;

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether `name` may try to log in now.
pub fn allowed(conn: &Connection, name: &str) -> Result<bool, DbError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM login_failures WHERE name = ?1 AND at > ?2",
        params![key(name), now_unix() - WINDOW_SECS],
        |r| r.get(0),
    )?;
    Ok(n < MAX_FAILURES)
}

/// Records a failed attempt, and forgets those older than the window.
pub fn failed(conn: &Connection, name: &str) -> Result<(), DbError> {
    let now = now_unix();
    conn.execute("DELETE FROM login_failures WHERE at <= ?1", [now - WINDOW_SECS])?;
    conn.execute("INSERT INTO login_failures (name, at) VALUES (?1, ?2)", params![key(name), now])?;
    Ok(())
}

/// A successful login clears the count.
pub fn succeeded(conn: &Connection, name: &str) -> Result<(), DbError> {
    conn.execute("DELETE FROM login_failures WHERE name = ?1", [key(name)])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn five_failures_lock_the_name_for_the_window_whatever_its_case() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            for _ in 0..MAX_FAILURES {
                assert!(allowed(c, "Ana")?);
                failed(c, "Ana")?;
            }
            assert!(!allowed(c, "ana")?);
            assert!(allowed(c, "bo")?, "another name is not locked");
            c.execute("UPDATE login_failures SET at = at - ?1", [WINDOW_SECS])?;
            assert!(allowed(c, "ana")?, "the window has passed");
            Ok(())
        })
        .unwrap();
    }
}
