//! The visitor agreement: versioned text per language, and who accepted
//! which version. Versions are one increasing number across languages, so
//! a visit's version names one text; a language's current text is its
//! newest version, and `language` NULL is the site's default language.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::StoreResult;

/// The current version and text in the site's default language.
pub fn current(conn: &Connection) -> StoreResult<(i64, String)> {
    Ok(conn.query_row(
        "SELECT version, text FROM agreements WHERE language IS NULL ORDER BY version DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The current version and text written in `language`, if it has one.
pub fn current_in(conn: &Connection, language: &str) -> StoreResult<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT version, text FROM agreements WHERE language = ?1 ORDER BY version DESC LIMIT 1")?
        .query_row([language], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The current version of the language `version` is written in, or None
/// when no version has that number. Equal to `version` when it is current:
/// a visitor who read it accepted the text the site wants in their language.
pub fn current_like(conn: &Connection, version: i64) -> StoreResult<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(b.version) FROM agreements a JOIN agreements b ON b.language IS a.language
             WHERE a.version = ?1",
        )?
        .query_row([version], |r| r.get(0))?)
}

/// Records that the visitor of `visit_id` accepted `version`.
pub fn accept(conn: &Connection, visit_id: Uuid, version: i64, at: i64) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO agreements_accepted (visit_id, version, accepted_at) VALUES (?1, ?2, ?3)")?
        .execute(params![visit_id.to_string(), version, at])?;
    Ok(())
}

/// The version a visit's visitor accepted, if any.
pub fn accepted_by(conn: &Connection, visit_id: Uuid) -> StoreResult<Option<i64>> {
    Ok(conn
        .query_row("SELECT max(version) FROM agreements_accepted WHERE visit_id = ?1", [visit_id.to_string()], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::directory::upsert_agreement;
    use crate::store::migrations::migrate;

    fn store() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        for (v, lang) in [(2, None), (3, Some("de")), (4, Some("de")), (5, Some("fr"))] {
            upsert_agreement(&conn, v, &format!("text {v}"), lang).unwrap();
        }
        conn
    }

    #[test]
    fn each_language_has_its_newest_version_and_the_default_is_apart() {
        let conn = store();
        assert_eq!(current(&conn).unwrap(), (2, "text 2".into()));
        assert_eq!(current_in(&conn, "de").unwrap(), Some((4, "text 4".into())));
        assert_eq!(current_in(&conn, "fr").unwrap(), Some((5, "text 5".into())));
        assert_eq!(current_in(&conn, "es").unwrap(), None);
    }

    #[test]
    fn a_version_is_current_when_no_newer_one_has_its_language() {
        let conn = store();
        let like: Vec<_> = [1, 2, 3, 4, 5, 6].map(|v| current_like(&conn, v).unwrap()).into();
        assert_eq!(like, [Some(2), Some(2), Some(4), Some(4), Some(5), None]);
    }
}
