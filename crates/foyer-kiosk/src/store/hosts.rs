//! The hosts directory.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{now_unix, StoreResult};
use foyer_domain::host::{suggest, Host, NewHost, NotifyPrefs};
use foyer_domain::screening::fold_name;

const COLUMNS: &str = "id, name, email, phone, department, notify_email, webhook_url, active";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Host> {
    Ok(Host {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        department: r.get(4)?,
        notify: NotifyPrefs { email: r.get(5)?, webhook_url: r.get(6)? },
        active: r.get(7)?,
    })
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
}

/// Adds or updates hosts in one transaction: all rows or none. A host is the
/// same host when its email matches, or, without email, its name.
pub fn import(conn: &mut Connection, hosts: &[NewHost]) -> StoreResult<ImportSummary> {
    let tx = super::write_tx(conn)?;
    let mut summary = ImportSummary::default();
    for h in hosts {
        let email = h.email.as_ref().map(|e| e.as_str().to_owned());
        let existing: Option<i64> = match &email {
            Some(e) => tx.query_row("SELECT id FROM hosts WHERE email = ?1", [e], |r| r.get(0)).optional()?,
            None => tx
                .query_row("SELECT id FROM hosts WHERE email IS NULL AND folded_name = ?1", [fold_name(&h.name)], |r| {
                    r.get(0)
                })
                .optional()?,
        };
        let phone = h.phone.as_ref().map(|p| p.as_str().to_owned());
        match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE hosts SET name = ?1, folded_name = ?2, phone = ?3, department = ?4, active = 1,
                     updated_at = ?5 WHERE id = ?6",
                    params![h.name, fold_name(&h.name), phone, h.department, now_unix(), id],
                )?;
                summary.updated += 1;
            }
            None => {
                tx.execute(
                    "INSERT INTO hosts (name, folded_name, email, phone, department, notify_email, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![h.name, fold_name(&h.name), email, phone, h.department, email.is_some(), now_unix()],
                )?;
                summary.added += 1;
            }
        }
    }
    tx.commit()?;
    Ok(summary)
}

/// Active hosts by name.
pub fn list(conn: &Connection) -> StoreResult<Vec<Host>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM hosts WHERE active ORDER BY name"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every host, active or retired, by id.
pub fn all(conn: &Connection) -> StoreResult<Vec<Host>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM hosts ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> StoreResult<Option<Host>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM hosts WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// The result of looking a host up by what someone typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostLookup {
    Found(Host),
    /// Several active hosts share the name; the caller must pick by id.
    Ambiguous(Vec<Host>),
    /// No such host; the closest names, best first.
    NotFound {
        suggestions: Vec<String>,
    },
}

/// Finds an active host by name (case- and accent-insensitive) or by email.
pub fn lookup(conn: &Connection, query: &str) -> StoreResult<HostLookup> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM hosts WHERE active AND (folded_name = ?1 OR email = ?2 COLLATE NOCASE)"
    ))?;
    let mut found: Vec<Host> =
        stmt.query_map(params![fold_name(query), query.trim()], from_row)?.collect::<Result<_, _>>()?;
    Ok(match found.len() {
        1 => HostLookup::Found(found.remove(0)),
        0 => {
            let all = list(conn)?;
            let suggestions =
                suggest(query, all.iter().map(|h| h.name.as_str()), 3).into_iter().map(str::to_owned).collect();
            HostLookup::NotFound { suggestions }
        }
        _ => HostLookup::Ambiguous(found),
    })
}

/// Hosts whose name contains `fragment`, then names close to it (type-ahead
/// at the kiosk).
pub fn search(conn: &Connection, fragment: &str, limit: u32) -> StoreResult<Vec<Host>> {
    let pattern = format!("%{}%", fold_name(fragment).replace(['%', '_'], ""));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM hosts WHERE active AND folded_name LIKE ?1 ORDER BY name LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![pattern, limit], from_row)?;
    let mut found: Vec<Host> = rows.collect::<Result<_, _>>()?;
    // Typos are forgiven as `lookup` forgives them ("hoper" finds Grace
    // Hopper), after the names that contain what was typed; never before
    // three letters, so a hidden directory stays hidden.
    let letters = fragment.chars().filter(|c| c.is_alphanumeric()).count();
    if letters >= FUZZY_MIN_LETTERS && found.len() < limit as usize {
        let all = list(conn)?;
        for name in suggest(fragment, all.iter().map(|h| h.name.as_str()), limit as usize) {
            for h in all.iter().filter(|h| h.name == name) {
                if found.len() < limit as usize && !found.iter().any(|f| f.id == h.id) {
                    found.push(h.clone());
                }
            }
        }
    }
    Ok(found)
}

/// Letters typed before a search also offers close, misspelt names.
const FUZZY_MIN_LETTERS: usize = 3;
