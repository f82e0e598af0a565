//! Visits and the visitors they belong to.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use uuid::Uuid;

use super::{StoreError, StoreResult};
use foyer_domain::{Language, VisitState, VisitorDetails, VisitorName, VisitorType};

/// A visit to insert.
#[derive(Debug, Clone)]
pub struct NewVisit<'a> {
    pub id: Uuid,
    pub name: &'a VisitorName,
    pub details: &'a VisitorDetails,
    pub host_id: i64,
    pub visitor_type: VisitorType,
    pub state: VisitState,
    pub kiosk: &'a str,
    pub created_at: i64,
    pub arrived_at: Option<i64>,
    pub badge_expires_at: Option<i64>,
    pub flag_reason: Option<&'a str>,
    /// The language the visitor chose on the screen; an invited visit has
    /// the default until its visitor arrives and chooses.
    pub language: Language,
}

/// A visit as read back, with its visitor's and host's names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitRecord {
    pub id: Uuid,
    pub visitor_name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub host_id: i64,
    pub host_name: String,
    pub visitor_type: VisitorType,
    pub state: VisitState,
    pub kiosk: String,
    pub created_at: i64,
    pub arrived_at: Option<i64>,
    pub departed_at: Option<i64>,
    pub badge_expires_at: Option<i64>,
    pub flag_reason: Option<String>,
    /// The language of the visit's badge.
    pub language: Language,
}

const SELECT: &str = "SELECT v.id, p.name, p.company, p.email, p.phone, v.host_id, h.name, v.visitor_type,
    v.state, v.kiosk, v.created_at, v.arrived_at, v.departed_at, v.badge_expires_at, v.flag_reason,
    v.language FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN hosts h ON h.id = v.host_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<VisitRecord> {
    let corrupt = |i, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_owned().into())
    };
    let id: String = r.get(0)?;
    let vtype: String = r.get(7)?;
    let state: String = r.get(8)?;
    let language: String = r.get(15)?;
    let id = Uuid::parse_str(&id).map_err(|_| corrupt(0, "visit id"))?;
    Ok(VisitRecord {
        id,
        visitor_name: r.get(1)?,
        company: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        host_id: r.get(5)?,
        host_name: r.get(6)?,
        visitor_type: VisitorType::parse(&vtype).map_err(|_| corrupt(7, "visitor type"))?,
        state: VisitState::parse(&state).ok_or_else(|| corrupt(8, "visit state"))?,
        kiosk: r.get(9)?,
        created_at: r.get(10)?,
        arrived_at: r.get(11)?,
        departed_at: r.get(12)?,
        badge_expires_at: r.get(13)?,
        flag_reason: r.get(14)?,
        // A hand-edited code must say where it is: a reprint of this visit
        // cannot guess which language its first badge was in.
        language: Language::parse(&language)
            .map_err(|e| corrupt(15, &format!("visits.language of visit {id}: {e}")))?,
    })
}

/// Inserts the visitor and the visit. Call inside the check-in transaction.
pub fn insert(conn: &Connection, v: &NewVisit<'_>) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO visitors (name, company, email, phone) VALUES (?1, ?2, ?3, ?4)")?.execute(
        params![
            v.name.as_str(),
            v.details.company,
            v.details.email.as_ref().map(|e| e.as_str()),
            v.details.phone.as_ref().map(|p| p.as_str()),
        ],
    )?;
    let visitor_id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO visits (id, visitor_id, host_id, visitor_type, state, kiosk, created_at, arrived_at,
         badge_expires_at, flag_reason, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        v.id.to_string(),
        visitor_id,
        v.host_id,
        v.visitor_type.as_str(),
        v.state.as_str(),
        v.kiosk,
        v.created_at,
        v.arrived_at,
        v.badge_expires_at,
        v.flag_reason,
        v.language.code(),
    ])?;
    Ok(())
}

pub fn get(conn: &Connection, id: Uuid) -> StoreResult<Option<VisitRecord>> {
    Ok(conn.prepare_cached(&format!("{SELECT} WHERE v.id = ?1"))?.query_row([id.to_string()], from_row).optional()?)
}

/// Moves a visit from `from` to `to` and stamps arrival or departure. The
/// update only applies if the visit is still in `from`, so two kiosks or a
/// kiosk and the desk cannot both move it.
pub fn set_state(
    conn: &Connection,
    id: Uuid,
    from: VisitState,
    to: VisitState,
    at: i64,
    badge_expires_at: Option<i64>,
) -> StoreResult<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE visits SET state = ?3,
               arrived_at = CASE WHEN ?3 = 'on_site' THEN coalesce(arrived_at, ?4) ELSE arrived_at END,
               departed_at = CASE WHEN ?3 = 'departed' THEN ?4 ELSE departed_at END,
               badge_expires_at = coalesce(?5, badge_expires_at)
             WHERE id = ?1 AND state = ?2",
        )?
        .execute(params![id.to_string(), from.as_str(), to.as_str(), at, badge_expires_at])?;
    if changed != 1 {
        return Err(StoreError::Corrupt(format!("visit {id} was not {from} any more")));
    }
    Ok(())
}

/// Records why screening flagged a visit.
pub fn set_flag_reason(conn: &Connection, id: Uuid, reason: &str) -> StoreResult<()> {
    conn.execute("UPDATE visits SET flag_reason = ?1 WHERE id = ?2", params![reason, id.to_string()])?;
    Ok(())
}

/// Records the language an invited visitor chose on arriving.
pub fn set_language(conn: &Connection, id: Uuid, language: Language) -> StoreResult<()> {
    conn.prepare_cached("UPDATE visits SET language = ?1 WHERE id = ?2")?
        .execute(params![language.code(), id.to_string()])?;
    Ok(())
}

/// Which visits to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct VisitFilter {
    /// Only visitors in the building (on site or waiting for approval).
    pub present_only: bool,
    /// Only visits that arrived at or after this unix time.
    pub arrived_since: Option<i64>,
    /// At most this many, newest first; `None` for all.
    pub limit: Option<u32>,
}

/// Visits newest first, streamed to `each` so an export of a million rows
/// needs no memory for them.
pub fn for_each(
    conn: &Connection,
    filter: VisitFilter,
    mut each: impl FnMut(VisitRecord) -> StoreResult<()>,
) -> StoreResult<()> {
    let sql = format!(
        "{SELECT} WHERE (?1 = 0 OR v.state IN ('on_site', 'pending_approval'))
           AND (?2 IS NULL OR v.arrived_at >= ?2)
         ORDER BY v.seq DESC LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let limit = filter.limit.map_or(-1, i64::from);
    let mut rows = stmt.query(params![filter.present_only, filter.arrived_since, limit])?;
    while let Some(row) = rows.next()? {
        each(from_row(row)?)?;
    }
    Ok(())
}

/// Visits newest first, collected.
pub fn list(conn: &Connection, filter: VisitFilter) -> StoreResult<Vec<VisitRecord>> {
    let mut out = Vec::new();
    for_each(conn, filter, |v| {
        out.push(v);
        Ok(())
    })?;
    Ok(out)
}
