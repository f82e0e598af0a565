//! The console's audit log: every login, override, door release, export,
//! setting change and retention run, with who did it. Append-only: the
//! schema's triggers refuse any UPDATE or DELETE.

use rusqlite::{params, Connection};
use serde::Serialize;
use utoipa::ToSchema;

use super::{now_unix, DbError};
use crate::limits::{capped, MAX_LOGGED_DETAIL_CHARS, MAX_LOGGED_NAME_CHARS, MAX_LOGGED_TARGET_CHARS};

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    /// Unix seconds.
    pub at: i64,
    /// A user name, or `system` for scheduled jobs.
    pub actor: String,
    /// e.g. `login`, `login.failed`, `override.approve`, `door.release`, `export.visits`.
    pub action: String,
    pub target: Option<String>,
    pub detail: String,
}

/// Appends an entry. The log is append-only, so what a caller typed (a
/// user name at the login, a target, a detail) is capped here, once for
/// every caller: it must not be a way to fill the disk.
pub fn record(conn: &Connection, actor: &str, action: &str, target: Option<&str>, detail: &str) -> Result<(), DbError> {
    let actor = capped(actor, MAX_LOGGED_NAME_CHARS);
    let target = target.map(|t| capped(t, MAX_LOGGED_TARGET_CHARS));
    let detail = capped(detail, MAX_LOGGED_DETAIL_CHARS);
    conn.prepare_cached("INSERT INTO audit (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![now_unix(), actor, action, target, detail])?;
    Ok(())
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    /// An action or the start of one (`override` matches `override.approve`).
    pub action: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Keyset: entries older than this `seq`.
    pub before: Option<i64>,
}

/// The newest `limit` entries matching `filter`, newest first.
pub fn list(conn: &Connection, filter: &AuditFilter, limit: u32) -> Result<Vec<AuditEntry>, DbError> {
    // A prefix match: LIKE's wildcards in the prefix are escaped, so
    // `api_token` matches `api_token.create` and nothing like `apiXtoken`.
    let action_like =
        filter.action.as_ref().map(|a| format!("{}%", a.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, action, target, detail FROM audit
         WHERE (?1 IS NULL OR actor = ?1 COLLATE NOCASE) AND (?2 IS NULL OR action LIKE ?2 ESCAPE '\\')
           AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at <= ?4) AND (?5 IS NULL OR seq < ?5)
         ORDER BY seq DESC LIMIT ?6",
    )?;
    let rows =
        stmt.query_map(params![filter.actor, action_like, filter.from, filter.to, filter.before, limit], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                target: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn entries_are_listed_newest_first_filtered_and_never_changed() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            record(c, "ana", "login", None, "")?;
            record(c, "ana", "override.approve", Some("visit 1"), "lobby-1")?;
            record(c, "bo", "override.deny", Some("visit 2"), "")?;
            let all = list(c, &AuditFilter::default(), 10)?;
            assert_eq!(
                all.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
                ["override.deny", "override.approve", "login"]
            );
            let f = AuditFilter { actor: Some("ANA".into()), action: Some("override".into()), ..Default::default() };
            assert_eq!(list(c, &f, 10)?.len(), 1);
            record(c, "bo", "api_token.create", None, "")?;
            record(c, "bo", "apiXtoken.create", None, "")?;
            let underscore = AuditFilter { action: Some("api_token".into()), ..Default::default() };
            assert_eq!(
                list(c, &underscore, 10)?.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
                ["api_token.create"]
            );
            let wildcard = AuditFilter { action: Some("%".into()), ..Default::default() };
            assert!(list(c, &wildcard, 10)?.is_empty());
            let older = AuditFilter { before: Some(all[0].seq), ..Default::default() };
            // all[0] is override.deny; the two entries added above are newer.
            assert_eq!(list(c, &older, 10)?.len(), 2);
            assert!(c.execute("UPDATE audit SET actor = 'eve'", []).is_err());
            assert!(c.execute("DELETE FROM audit", []).is_err());
            Ok(())
        })
        .unwrap();
    }
}
