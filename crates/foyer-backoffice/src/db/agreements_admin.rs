//! The visitor agreement's versions: publishing one (in a kiosk language or
//! the site's default), and reading them as the admin console shows them.
//! Old versions are never changed, since visits name the version they
//! accepted.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use super::directory::tick;
use super::{now_unix, DbError};
use foyer_domain::Language;

/// One published version of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementRow {
    pub version: i64,
    pub text: String,
    /// The kiosk language it is written in; None is the site's default.
    pub language: Option<String>,
    /// Unix seconds when it was published.
    pub created_at: i64,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<AgreementRow> {
    Ok(AgreementRow { version: r.get(0)?, text: r.get(1)?, created_at: r.get(2)?, language: r.get(3)? })
}

/// Every version, newest first.
pub fn history(conn: &Connection) -> Result<Vec<AgreementRow>, DbError> {
    let mut stmt =
        conn.prepare_cached("SELECT version, text, created_at, language FROM agreements ORDER BY version DESC")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The current version in the site's default language, if one was ever
/// published: what kiosks show a visitor whose language has none.
pub fn current(conn: &Connection) -> Result<Option<AgreementRow>, DbError> {
    Ok(conn
        .query_row(
            "SELECT version, text, created_at, language FROM agreements WHERE language IS NULL
             ORDER BY version DESC LIMIT 1",
            [],
            from_row,
        )
        .optional()?)
}

/// Publishes a new agreement text in `language` (None: the site's default
/// language); returns its version, the next of one sequence across
/// languages. An empty text, or that language's current one again, is
/// refused: every visitor would have to accept a version that says nothing
/// new. So is a first version in a language before the site has a default
/// one: a visitor whose language has none is shown the default.
pub fn publish_agreement(conn: &Connection, text: &str, language: Option<Language>) -> Result<i64, DbError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DbError::Refused("the agreement text is empty".into()));
    }
    let code = language.map(Language::code);
    let current = |code: Option<&str>| -> Result<Option<(i64, String)>, DbError> {
        Ok(conn
            .query_row(
                "SELECT version, text FROM agreements WHERE language IS ?1 ORDER BY version DESC LIMIT 1",
                [code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    };
    if code.is_some() && current(None)?.is_none() {
        return Err(DbError::Conflict("publish the agreement in the site's default language first".into()));
    }
    if let Some((version, _)) = current(code)?.filter(|(_, t)| t.trim() == text) {
        return Err(DbError::Conflict(format!("the agreement text is unchanged from version {version}")));
    }
    let sync_version = tick(conn)?;
    let version: i64 = conn.query_row(
        "INSERT INTO agreements (version, text, created_at, sync_version, language)
         VALUES ((SELECT coalesce(max(version), 0) + 1 FROM agreements), ?1, ?2, ?3, ?4) RETURNING version",
        params![text, now_unix(), sync_version, code],
        |r| r.get(0),
    )?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn history_lists_the_newest_version_first_with_its_language_and_the_default_is_current() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            assert_eq!(current(c)?, None);
            assert!(history(c)?.is_empty());
            publish_agreement(c, "Wear your badge.", None)?;
            publish_agreement(c, "Wear your badge. Be kind.", None)?;
            publish_agreement(c, "Tragen Sie Ihren Ausweis.", Some(Language::De))?;
            let all = history(c)?;
            assert_eq!(all.iter().map(|a| a.version).collect::<Vec<_>>(), [3, 2, 1]);
            assert_eq!((all[0].language.as_deref(), all[1].language.as_deref()), (Some("de"), None));
            assert_eq!(all[2].text, "Wear your badge.");
            assert_eq!(current(c)?.as_ref(), all.get(1));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn an_empty_or_unchanged_agreement_is_not_published() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            assert!(matches!(publish_agreement(c, " \n ", None), Err(DbError::Refused(m)) if m.contains("empty")));
            assert_eq!(publish_agreement(c, "Wear your badge.", None)?, 1);
            let again = publish_agreement(c, "Wear your badge.\n", None);
            assert!(matches!(again, Err(DbError::Conflict(m)) if m.contains("version 1")));
            assert_eq!(publish_agreement(c, "Wear your badge at all times.", None)?, 2);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn languages_share_one_sequence_and_each_is_compared_with_its_own_current_text() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            let first = publish_agreement(c, "Tragen Sie Ihren Ausweis.", Some(Language::De));
            assert!(matches!(first, Err(DbError::Conflict(m)) if m.contains("default language first")));
            assert_eq!(publish_agreement(c, "Wear your badge.", None)?, 1);
            // The same words in German and in the default are two texts.
            assert_eq!(publish_agreement(c, "Wear your badge.", Some(Language::De))?, 2);
            let again = publish_agreement(c, "Wear your badge.", Some(Language::De));
            assert!(matches!(again, Err(DbError::Conflict(m)) if m.contains("version 2")));
            assert_eq!(publish_agreement(c, "Tragen Sie Ihren Ausweis.", Some(Language::De))?, 3);
            assert_eq!(publish_agreement(c, "Wear your badge!", None)?, 4);
            Ok(())
        })
        .unwrap();
    }
}
