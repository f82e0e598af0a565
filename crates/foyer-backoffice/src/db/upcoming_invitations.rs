//! The desk's list of invitations still to come: open (not cancelled) and
//! not yet turned into an arrival.

use rusqlite::{params, Connection};
use serde::Serialize;
use utoipa::ToSchema;

use super::DbError;

/// An upcoming invitation, as the desk lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpcomingInvitation {
    pub code: String,
    pub visitor_name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub host_name: String,
    pub visitor_type: String,
    pub expected_on: String,
}

/// Open invitations from `from` (a date) on, soonest first.
pub fn upcoming(conn: &Connection, from: &str, limit: u32) -> Result<Vec<UpcomingInvitation>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.code, i.visitor_name, i.company, i.email, h.name, i.visitor_type, i.expected_on
         FROM invitations i JOIN hosts h ON h.id = i.host_id
         WHERE i.expected_on >= ?1 AND NOT i.cancelled
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.id = i.visit_id AND v.state <> 'expected')
         ORDER BY i.expected_on, i.visitor_name LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![from, limit], |r| {
        Ok(UpcomingInvitation {
            code: r.get(0)?,
            visitor_name: r.get(1)?,
            company: r.get(2)?,
            email: r.get(3)?,
            host_name: r.get(4)?,
            visitor_type: r.get(5)?,
            expected_on: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
