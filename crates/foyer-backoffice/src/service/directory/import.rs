//! Importing hosts from CSV (`name,email,phone,department`), shared by the
//! upload form and `POST /api/v1/admin/hosts/import`: the whole file is
//! validated first, a bad row names its line, and then every row is stored
//! or none is.

use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::db::{audit, directory, hosts_admin, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::host::NewHost;
use foyer_domain::host_csv::parse_hosts;
use foyer_domain::visitor::Email;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ImportOutcome {
    pub added: usize,
    pub updated: usize,
    /// `N added, M updated`.
    pub message: String,
}

/// Imports `text`; refused (and nothing stored) when any row is bad.
pub async fn import(state: &AppState, who: &Principal, text: String) -> Result<ImportOutcome, AppError> {
    let hosts = parse_hosts(&text).map_err(|e| DbError::Refused(format!("CSV {e}; nothing was imported")))?;
    if hosts.is_empty() {
        return Err(DbError::Refused("CSV: the file has no host rows; nothing was imported".into()).into());
    }
    let user = who.name().to_owned();
    Ok(state
        .db
        .call(move |c| {
            let hosts = hosts.into_iter().map(|h| with_stored_email(c, h)).collect::<Result<Vec<_>, _>>()?;
            let (added, updated) = directory::import_hosts(c, &hosts)?;
            let message = format!("{added} added, {updated} updated");
            audit::record(c, &user, "hosts.import", None, &message)?;
            Ok(ImportOutcome { added, updated, message })
        })
        .await?)
}

/// The import finds a host by its exact email, but the directory treats
/// `Grace@Example.org` and `grace@example.org` as one address: spell the
/// email as stored, so a row updates its host instead of adding a twin.
fn with_stored_email(c: &Connection, mut host: NewHost) -> Result<NewHost, DbError> {
    let Some(email) = &host.email else { return Ok(host) };
    let stored = hosts_admin::stored_email(c, email.as_str())?;
    if let Some(stored) = stored.filter(|s| s != email.as_str()) {
        host.email = Some(Email::parse(&stored).map_err(|e| DbError::Corrupt(format!("stored host email: {e}")))?);
    }
    Ok(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_row_whose_email_differs_only_in_case_updates_the_stored_host() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        let grace = NewHost::parse("Grace Hopper", Some("grace@example.org"), None, None).unwrap();
        let id = db.with(|c| hosts_admin::add(c, &grace)).unwrap();
        let rows = parse_hosts("name,email,phone,department\nGrace B. Hopper,GRACE@Example.org,,Navy\n").unwrap();
        let rows: Vec<NewHost> = db.with(|c| rows.into_iter().map(|h| with_stored_email(c, h)).collect()).unwrap();
        assert_eq!(db.with(|c| directory::import_hosts(c, &rows)).unwrap(), (0, 1));
        let all = db.with(|c| hosts_admin::list(c, None, true, None, 10)).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].id, all[0].name.as_str()), (id, "Grace B. Hopper"));
    }
}
