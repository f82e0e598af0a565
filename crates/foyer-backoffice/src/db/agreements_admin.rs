//! The visitor agreement's versions as the admin console shows them. A new
//! version is published with [`super::directory::publish_agreement`]; old
//! versions are never changed, since visits name the version they accepted.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::DbError;

/// One published version of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementRow {
    pub version: i64,
    pub text: String,
    /// Unix seconds when it was published.
    pub created_at: i64,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<AgreementRow> {
    Ok(AgreementRow { version: r.get(0)?, text: r.get(1)?, created_at: r.get(2)? })
}

/// Every version, newest first.
pub fn history(conn: &Connection) -> Result<Vec<AgreementRow>, DbError> {
    let mut stmt = conn.prepare_cached("SELECT version, text, created_at FROM agreements ORDER BY version DESC")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The version kiosks show now, if one was ever published.
pub fn current(conn: &Connection) -> Result<Option<AgreementRow>, DbError> {
    Ok(conn
        .query_row("SELECT version, text, created_at FROM agreements ORDER BY version DESC LIMIT 1", [], from_row)
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{directory, Db};

    #[test]
    fn history_lists_the_newest_version_first_and_it_is_current() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            assert_eq!(current(c)?, None);
            assert!(history(c)?.is_empty());
            directory::publish_agreement(c, "Wear your badge.")?;
            directory::publish_agreement(c, "Wear your badge. Be kind.")?;
            let all = history(c)?;
            assert_eq!(all.iter().map(|a| a.version).collect::<Vec<_>>(), [2, 1]);
            assert_eq!(all[1].text, "Wear your badge.");
            assert_eq!(current(c)?.as_ref(), all.first());
            Ok(())
        })
        .unwrap();
    }
}
