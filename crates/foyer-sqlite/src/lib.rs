//! Schema migrations for SQLite, shared by the kiosk's store and the back
//! office's: append-only lists of SQL, the applied count kept in
//! `PRAGMA user_version`. Never edit a migration that has shipped; add one.

use rusqlite::Connection;

/// Why migrating failed.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    /// The file was written by a newer program: refuse it rather than guess.
    #[error("the database is at schema version {found}, newer than this program knows ({known}); upgrade Foyer")]
    TooNew { found: i64, known: i64 },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// Applies `migrations[user_version..]`, each in its own transaction, and
/// refuses a database newer than the list. Entry `i` moves the schema from
/// version `i` to `i + 1`.
pub fn apply(conn: &mut Connection, migrations: &[&str]) -> Result<(), MigrationError> {
    let known = migrations.len() as i64;
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > known {
        return Err(MigrationError::TooNew { found: current, known });
    }
    for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        // user_version cannot take a bound parameter; the value is ours.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &[&str] = &["CREATE TABLE a (x INTEGER);", "CREATE TABLE b (y INTEGER);"];

    fn version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn applies_each_migration_once_and_records_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &TWO[..1]).unwrap();
        assert_eq!(version(&conn), 1);
        apply(&mut conn, TWO).unwrap();
        apply(&mut conn, TWO).unwrap();
        assert_eq!(version(&conn), 2);
    }

    #[test]
    fn a_database_newer_than_the_list_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, TWO).unwrap();
        let err = apply(&mut conn, &TWO[..1]).unwrap_err();
        assert!(matches!(err, MigrationError::TooNew { found: 2, known: 1 }), "{err}");
    }

    #[test]
    fn a_failing_migration_leaves_the_version_where_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        let err = apply(&mut conn, &["CREATE TABLE a (x);", "NOT SQL"]).unwrap_err();
        assert!(matches!(err, MigrationError::Sqlite(_)));
        assert_eq!(version(&conn), 1);
    }
}
