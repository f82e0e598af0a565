//! The hosts directory's changes, shared by the console's pages and the
//! JSON API: validate everything first, then change and audit (naming the
//! user) in one `db.call`, so no other request runs in between.
//!
//! The data layer's host functions commit their own transaction, so the
//! audit entry follows in the next statement rather than the same
//! transaction; notification preferences and their entry share one.

use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use super::host_input::{HostInput, Notify};
use crate::auth::Principal;
pub use crate::db::hosts_admin::HostRow;
use crate::db::hosts_admin::{self, MAX_PAGE};
use crate::db::{audit, directory, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::host::NewHost;

/// One page of hosts, by id.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HostPage {
    pub hosts: Vec<HostRow>,
    /// Pass as `after_id` for the next page; absent on the last page.
    pub next_after_id: Option<i64>,
}

/// A host after a change, with one line saying what happened.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HostSaved {
    pub message: String,
    pub host: HostRow,
}

/// Which hosts to list.
#[derive(Debug, Clone, Default)]
pub struct HostQuery {
    pub search: Option<String>,
    pub after_id: Option<i64>,
    pub limit: u32,
    pub include_inactive: bool,
}

/// A page of hosts matching `q`.
pub async fn list(state: &AppState, q: HostQuery) -> Result<HostPage, AppError> {
    let limit = q.limit.clamp(1, MAX_PAGE);
    Ok(state
        .db
        .call(move |c| {
            let search = q.search.as_deref();
            let rows = hosts_admin::list(c, search, q.include_inactive, q.after_id, limit)?;
            let last = rows.last().map(|h| h.id).filter(|_| rows.len() == limit as usize);
            // One more row tells whether a next page exists, so no link leads to an empty page.
            let more = match last {
                Some(id) => !hosts_admin::list(c, search, q.include_inactive, Some(id), 1)?.is_empty(),
                None => false,
            };
            Ok(HostPage { hosts: rows, next_after_id: last.filter(|_| more) })
        })
        .await?)
}

/// One host; 404 when there is none.
pub async fn get(state: &AppState, id: i64) -> Result<HostRow, AppError> {
    let row = state.db.call(move |c| hosts_admin::get(c, id)).await?;
    row.ok_or_else(|| AppError::NotFound(format!("no host has the id {id}")))
}

fn target(id: i64) -> String {
    format!("host {id}")
}

fn stored(c: &Connection, id: i64) -> Result<HostRow, DbError> {
    hosts_admin::get(c, id)?.ok_or_else(|| DbError::Missing(format!("no host has the id {id}")))
}

/// Sets the preferences and records `host.notify`, in one transaction.
fn set_notify(c: &mut Connection, user: &str, id: i64, n: &Notify) -> Result<(), DbError> {
    let tx = c.transaction()?;
    let webhook = n.webhook.as_ref().map(|(k, u)| (k.as_str(), u.as_str()));
    directory::set_notify(&tx, id, n.email, webhook)?;
    audit::record(&tx, user, "host.notify", Some(&target(id)), &n.describe())?;
    tx.commit()?;
    Ok(())
}

/// Adds a host (and its preferences, if given).
pub async fn add(state: &AppState, who: &Principal, input: HostInput) -> Result<HostSaved, AppError> {
    let (host, notify) = input.parse()?;
    let user = who.name().to_owned();
    let row = state
        .db
        .call(move |c| {
            let id = hosts_admin::add(c, &host)?;
            audit::record(c, &user, "host.add", Some(&target(id)), &host.name)?;
            if let Some(n) = notify {
                set_notify(c, &user, id, &n)?;
            }
            stored(c, id)
        })
        .await?;
    Ok(HostSaved { message: format!("{} added", row.name), host: row })
}

/// Replaces a host's details (and its preferences, if given). What did not
/// change is not written, so kiosks are not sent an unchanged host.
pub async fn update(state: &AppState, who: &Principal, id: i64, input: HostInput) -> Result<HostSaved, AppError> {
    let (host, notify) = input.parse()?;
    let user = who.name().to_owned();
    let (row, changes) = state
        .db
        .call(move |c| {
            let old = stored(c, id)?;
            let mut changes = Vec::new();
            let changed = changed_fields(&old, &host);
            if !changed.is_empty() {
                hosts_admin::update(c, id, &host)?;
                let detail = format!("{}: changed {}", host.name, changed.join(", "));
                audit::record(c, &user, "host.update", Some(&target(id)), &detail)?;
                changes.push("details");
            }
            if let Some(n) = notify.filter(|n| *n != Notify::of(&old)) {
                set_notify(c, &user, id, &n)?;
                changes.push("notifications");
            }
            Ok((stored(c, id)?, changes))
        })
        .await?;
    let message = match changes.as_slice() {
        [] => format!("nothing changed for {}", row.name),
        _ => format!("{} saved ({})", row.name, changes.join(" and ")),
    };
    Ok(HostSaved { message, host: row })
}

/// The names of the fields `host` would change in `old`.
fn changed_fields(old: &HostRow, host: &NewHost) -> Vec<&'static str> {
    [
        ("name", old.name != host.name),
        ("email", old.email.as_deref() != host.email.as_ref().map(|e| e.as_str())),
        ("phone", old.phone.as_deref() != host.phone.as_ref().map(|p| p.as_str())),
        ("department", old.department != host.department),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

/// Deactivates (`active == false`) or reactivates a host.
pub async fn set_active(state: &AppState, who: &Principal, id: i64, active: bool) -> Result<HostSaved, AppError> {
    let user = who.name().to_owned();
    let (row, was) = state
        .db
        .call(move |c| {
            let old = stored(c, id)?;
            if old.active != active {
                let action = if active { "host.reactivate" } else { "host.deactivate" };
                if active {
                    hosts_admin::reactivate(c, id)?;
                } else {
                    hosts_admin::deactivate(c, id)?;
                }
                audit::record(c, &user, action, Some(&target(id)), &old.name)?;
            }
            Ok((stored(c, id)?, old.active))
        })
        .await?;
    let message = match (was == active, active) {
        (true, true) => format!("{} is already active", row.name),
        (true, false) => format!("{} is already inactive", row.name),
        (false, true) => format!("{} is active again; kiosks offer the host after their next sync", row.name),
        (false, false) => format!("{} deactivated; kiosks stop offering the host after their next sync", row.name),
    };
    Ok(HostSaved { message, host: row })
}
