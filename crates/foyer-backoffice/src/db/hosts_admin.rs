//! The hosts directory as the admin console edits it: a searchable, paged
//! list, one host, add, edit, deactivate and reactivate. Every change takes
//! the next sync version (in the change's transaction), so kiosks get it.
//! How a host is notified is set with [`super::directory::set_notify`].

use rusqlite::{named_params, Connection, OptionalExtension, Row};
use serde::Serialize;
use utoipa::ToSchema;

use super::directory::{remove_host, tick};
use super::DbError;
use foyer_domain::host::NewHost;
use foyer_domain::screening::fold_name;

/// One host as the console lists and edits it, and as the JSON API shows
/// it (under the schema name the API has always used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = HostView)]
pub struct HostRow {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub department: Option<String>,
    pub notify_email: bool,
    /// `slack`, `teams` or `generic`, with [`HostRow::webhook_url`].
    pub webhook_kind: Option<String>,
    pub webhook_url: Option<String>,
    /// False once deactivated: kiosks no longer offer the host.
    pub active: bool,
}

/// The most rows one page of [`list`] returns.
pub const MAX_PAGE: u32 = 200;

const COLUMNS: &str = "id, name, email, phone, department, notify_email, webhook_kind, webhook_url, active";

fn from_row(r: &Row<'_>) -> rusqlite::Result<HostRow> {
    Ok(HostRow {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        department: r.get(4)?,
        notify_email: r.get(5)?,
        webhook_kind: r.get(6)?,
        webhook_url: r.get(7)?,
        active: r.get(8)?,
    })
}

/// Hosts by id, after `after_id` (the last id of the previous page), at most
/// `limit` (1–[`MAX_PAGE`]). `search` matches part of the name (ignoring
/// case and accents), of the email or of the department.
pub fn list(
    conn: &Connection,
    search: Option<&str>,
    include_inactive: bool,
    after_id: Option<i64>,
    limit: u32,
) -> Result<Vec<HostRow>, DbError> {
    let search = search.map(str::trim).filter(|s| !s.is_empty());
    // LIKE wildcards typed by the admin are dropped, as at the kiosk.
    let pattern = |s: String| Some(s.replace(['%', '_'], "")).filter(|s| !s.is_empty()).map(|s| format!("%{s}%"));
    let name_pattern = search.and_then(|s| pattern(fold_name(s)));
    let text_pattern = search.and_then(|s| pattern(s.to_lowercase()));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM hosts
         WHERE (:all OR active) AND id > :after
           AND (:search IS NULL OR folded_name LIKE :name OR lower(email) LIKE :text OR lower(department) LIKE :text)
         ORDER BY id LIMIT :limit"
    ))?;
    let rows = stmt.query_map(
        named_params! {
            ":all": include_inactive,
            ":after": after_id.unwrap_or(i64::MIN),
            ":search": search,
            ":name": name_pattern,
            ":text": text_pattern,
            ":limit": limit.clamp(1, MAX_PAGE),
        },
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One host, active or not.
pub fn get(conn: &Connection, id: i64) -> Result<Option<HostRow>, DbError> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM hosts WHERE id = ?1"), [id], from_row).optional()?)
}

/// Adds a host; returns its id. The host is told by email when it has an
/// address, as an import would do.
pub fn add(conn: &mut Connection, host: &NewHost) -> Result<i64, DbError> {
    let tx = conn.transaction()?;
    refuse_taken_email(&tx, host, None)?;
    let email = host.email.as_ref().map(|e| e.as_str());
    let id = tx.query_row(
        "INSERT INTO hosts (name, folded_name, email, phone, department, notify_email, version)
         VALUES (:name, :folded, :email, :phone, :department, :email IS NOT NULL, :version) RETURNING id",
        named_params! {
            ":name": host.name,
            ":folded": fold_name(&host.name),
            ":email": email,
            ":phone": host.phone.as_ref().map(|p| p.as_str()),
            ":department": host.department,
            ":version": tick(&tx)?,
        },
        |r| r.get(0),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Replaces a host's name, email, phone and department.
pub fn update(conn: &mut Connection, id: i64, host: &NewHost) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    is_active(&tx, id)?;
    refuse_taken_email(&tx, host, Some(id))?;
    tx.execute(
        "UPDATE hosts SET name = :name, folded_name = :folded, email = :email, phone = :phone,
         department = :department, version = :version WHERE id = :id",
        named_params! {
            ":id": id,
            ":name": host.name,
            ":folded": fold_name(&host.name),
            ":email": host.email.as_ref().map(|e| e.as_str()),
            ":phone": host.phone.as_ref().map(|p| p.as_str()),
            ":department": host.department,
            ":version": tick(&tx)?,
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// Takes a host out of the kiosks' directory (the host's visit history
/// stays). Deactivating an inactive host changes nothing.
pub fn deactivate(conn: &mut Connection, id: i64) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    if is_active(&tx, id)? {
        remove_host(&tx, id)?;
    }
    tx.commit()?;
    Ok(())
}

/// Puts a deactivated host back in the kiosks' directory.
pub fn reactivate(conn: &mut Connection, id: i64) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    if !is_active(&tx, id)? {
        tx.execute("UPDATE hosts SET active = 1, version = ?2 WHERE id = ?1", (id, tick(&tx)?))?;
    }
    tx.commit()?;
    Ok(())
}

/// Whether host `id` is active; refused when there is no such host.
/// The email of the host whose address is `email` in any case, as stored.
pub fn stored_email(conn: &Connection, email: &str) -> Result<Option<String>, DbError> {
    Ok(conn
        .prepare_cached("SELECT email FROM hosts WHERE lower(email) = lower(?1)")?
        .query_row([email], |r| r.get(0))
        .optional()?)
}

fn is_active(conn: &Connection, id: i64) -> Result<bool, DbError> {
    conn.query_row("SELECT active FROM hosts WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| DbError::Missing(format!("no host has the id {id}")))
}

/// Refuses an email that another host (active or not) already has: it is
/// how an import finds a host again, and where its notifications go.
fn refuse_taken_email(conn: &Connection, host: &NewHost, except: Option<i64>) -> Result<(), DbError> {
    let Some(email) = &host.email else { return Ok(()) };
    let taken: Option<(i64, String, bool, String)> = conn
        .query_row(
            "SELECT id, name, active, email FROM hosts WHERE lower(email) = lower(?1) AND id IS NOT ?2",
            (email.as_str(), except),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    match taken {
        Some((id, name, active, stored)) => Err(DbError::Conflict(format!(
            "the email {stored} is already used by host {id} ({name}{})",
            if active { "" } else { ", deactivated: reactivate it instead" }
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
#[path = "hosts_admin_tests.rs"]
mod tests;
