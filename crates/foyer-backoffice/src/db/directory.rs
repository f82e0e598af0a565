//! The directory kiosks work from: hosts (with how they want to be told),
//! invitations, the watchlist and the agreement. Every change takes the next
//! value of one sync clock, so a kiosk asks only for what changed.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{now_unix, DbError};
// Publishing moved beside the other agreement versions; callers keep the path.
pub use super::agreements_admin::publish_agreement;
use foyer_domain::host::NewHost;
use foyer_domain::screening::fold_name;
use foyer_domain::{InvitationCode, VisitorName, VisitorType};

/// Takes the next sync version. Call inside the transaction of the change.
pub(super) fn tick(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn.query_row("UPDATE sync_clock SET version = version + 1 WHERE id = 1 RETURNING version", [], |r| r.get(0))?)
}

/// Adds or updates hosts (matched by email, else by name), all or none.
/// Returns (added, updated).
pub fn import_hosts(conn: &mut Connection, hosts: &[NewHost]) -> Result<(usize, usize), DbError> {
    let tx = conn.transaction()?;
    let (mut added, mut updated) = (0, 0);
    for h in hosts {
        let email = h.email.as_ref().map(|e| e.as_str().to_owned());
        let folded = fold_name(&h.name);
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM hosts WHERE (?1 IS NOT NULL AND email = ?1) OR (?1 IS NULL AND email IS NULL AND folded_name = ?2)",
                params![email, folded],
                |r| r.get(0),
            )
            .optional()?;
        let phone = h.phone.as_ref().map(|p| p.as_str().to_owned());
        let version = tick(&tx)?;
        match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE hosts SET name = ?2, folded_name = ?3, phone = ?4, department = ?5, active = 1, version = ?6
                     WHERE id = ?1",
                    params![id, h.name, folded, phone, h.department, version],
                )?;
                updated += 1;
            }
            None => {
                tx.execute(
                    "INSERT INTO hosts (name, folded_name, email, phone, department, notify_email, version)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![h.name, folded, email, phone, h.department, email.is_some(), version],
                )?;
                added += 1;
            }
        }
    }
    tx.commit()?;
    Ok((added, updated))
}

/// The chat webhook flavours a host can have.
pub const WEBHOOK_KINDS: [&str; 3] = ["slack", "teams", "generic"];

/// Sets how a host is notified: by email or not, and an optional webhook.
pub fn set_notify(conn: &Connection, host_id: i64, email: bool, webhook: Option<(&str, &str)>) -> Result<(), DbError> {
    if let Some((kind, url)) = webhook {
        if !WEBHOOK_KINDS.contains(&kind) {
            return Err(DbError::Refused(format!("webhook kind {kind:?} is not one of {}", WEBHOOK_KINDS.join(", "))));
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(DbError::Refused(format!("webhook URL {url:?} must start with http:// or https://")));
        }
    }
    let changed = conn.execute(
        "UPDATE hosts SET notify_email = ?2, webhook_kind = ?3, webhook_url = ?4 WHERE id = ?1",
        params![host_id, email, webhook.map(|w| w.0), webhook.map(|w| w.1)],
    )?;
    if changed == 0 {
        return Err(DbError::Missing(format!("no host has the id {host_id}")));
    }
    Ok(())
}

/// Takes a host out of the directory (a tombstone for the kiosks).
pub fn remove_host(conn: &Connection, host_id: i64) -> Result<(), DbError> {
    let version = tick(conn)?;
    conn.execute("UPDATE hosts SET active = 0, version = ?2 WHERE id = ?1", params![host_id, version])?;
    Ok(())
}

/// An invitation to create in the back office.
#[derive(Debug, Clone)]
pub struct InvitationRequest {
    pub visitor_name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub host_id: i64,
    pub visitor_type: VisitorType,
    pub expected_on: time::Date,
}

/// Creates an invitation; returns its code and the id of its visit.
pub fn invite(conn: &Connection, req: &InvitationRequest) -> Result<(InvitationCode, Uuid), DbError> {
    let name = VisitorName::parse(&req.visitor_name).map_err(|e| DbError::Refused(e.to_string()))?;
    let active: bool = conn
        .query_row("SELECT active FROM hosts WHERE id = ?1", [req.host_id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if !active {
        return Err(DbError::Missing(format!("no host has the id {}", req.host_id)));
    }
    let (code, visit_id, version) = (InvitationCode::generate(), Uuid::new_v4(), tick(conn)?);
    conn.execute(
        "INSERT INTO invitations (code, visit_id, visitor_name, company, email, host_id, visitor_type, expected_on,
         created_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            code.as_str(),
            visit_id.to_string(),
            name.as_str(),
            req.company,
            req.email,
            req.host_id,
            req.visitor_type.as_str(),
            req.expected_on.to_string(),
            now_unix(),
            version
        ],
    )?;
    Ok((code, visit_id))
}

/// Withdraws an invitation (the kiosk cancels its expected visit).
pub fn cancel_invitation(conn: &Connection, code: &InvitationCode) -> Result<bool, DbError> {
    let version = tick(conn)?;
    Ok(conn.execute(
        "UPDATE invitations SET cancelled = 1, version = ?2 WHERE code = ?1 AND cancelled = 0",
        params![code.as_str(), version],
    )? == 1)
}

/// Adds a watchlist entry; returns its id.
pub fn watch(conn: &Connection, name: &str, reason: &str) -> Result<i64, DbError> {
    let version = tick(conn)?;
    conn.execute("INSERT INTO watchlist (name, reason, version) VALUES (?1, ?2, ?3)", params![name, reason, version])?;
    Ok(conn.last_insert_rowid())
}

/// Removes a watchlist entry (a tombstone for the kiosks).
pub fn unwatch(conn: &Connection, id: i64) -> Result<(), DbError> {
    let version = tick(conn)?;
    conn.execute("UPDATE watchlist SET deleted = 1, version = ?2 WHERE id = ?1", params![id, version])?;
    Ok(())
}

/// How one host wants to hear of a visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostContact {
    pub id: i64,
    pub name: String,
    /// The address to email, when the host has one and wants email.
    pub email: Option<String>,
    /// (kind, url) of the host's webhook.
    pub webhook: Option<(String, String)>,
}

/// The contact of an active host, if there is such a host.
pub fn host_contact(conn: &Connection, host_id: i64) -> Result<Option<HostContact>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name, CASE WHEN notify_email THEN email END, webhook_kind, webhook_url
             FROM hosts WHERE id = ?1 AND active",
        )?
        .query_row([host_id], |r| {
            let kind: Option<String> = r.get(3)?;
            let url: Option<String> = r.get(4)?;
            Ok(HostContact { id: r.get(0)?, name: r.get(1)?, email: r.get(2)?, webhook: kind.zip(url) })
        })
        .optional()?)
}

/// The name of a host, active or retired: a visit's host stays its host
/// after they leave.
pub fn host_name(conn: &Connection, host_id: i64) -> Result<Option<String>, DbError> {
    Ok(conn.prepare_cached("SELECT name FROM hosts WHERE id = ?1")?.query_row([host_id], |r| r.get(0)).optional()?)
}
