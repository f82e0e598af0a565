//! The desk's view of the lobby: who is on site, who is expected today,
//! who waits for approval, who left recently, and the desk's latest
//! commands with what the kiosk made of them. Each list is bounded and
//! served by an index on (state, departed_at), so the page stays fast with
//! millions of past visits.

use rusqlite::{params, Connection};
use serde::Serialize;
use utoipa::ToSchema;

use super::visit_row::{visit_columns, VisitCore};
use super::DbError;

/// The most rows one lobby list shows.
pub const LIST_LIMIT: u32 = 500;

/// A visitor in the lobby lists: the visit and why screening flagged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct LobbyVisit {
    #[serde(flatten)]
    pub visit: VisitCore,
    pub flag_reason: Option<String>,
}

impl std::ops::Deref for LobbyVisit {
    type Target = VisitCore;

    fn deref(&self) -> &VisitCore {
        &self.visit
    }
}

/// An invitation for today that has not arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ExpectedVisit {
    pub code: String,
    pub visit_id: String,
    pub visitor_name: String,
    pub company: Option<String>,
    pub host_name: String,
    pub visitor_type: String,
}

/// A desk command and its outcome so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RecentCommand {
    pub id: i64,
    pub kiosk: String,
    pub issued_by: String,
    /// The command's kind (`approve`, `release_door`, …).
    pub kind: String,
    pub created_at: i64,
    /// None while the kiosk has not answered.
    pub ok: Option<bool>,
    pub message: Option<String>,
}

/// Everything the lobby page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Lobby {
    pub on_site: Vec<LobbyVisit>,
    pub pending: Vec<LobbyVisit>,
    pub expected: Vec<ExpectedVisit>,
    pub departed: Vec<LobbyVisit>,
    pub commands: Vec<RecentCommand>,
}

const VISIT: &str = concat!("SELECT ", visit_columns!(), ", v.flag_reason FROM visits v");

fn visits(conn: &Connection, sql: &str, state: &str, limit: u32) -> Result<Vec<LobbyVisit>, DbError> {
    let mut stmt = conn.prepare_cached(&format!("{VISIT} {sql}"))?;
    let rows = stmt.query_map(params![state, limit], |r| {
        Ok(LobbyVisit { visit: VisitCore::from_row(r)?, flag_reason: r.get(VisitCore::WIDTH)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Everyone on site now, by host then name (the evacuation list: never
/// cut short).
pub fn on_site_unbounded(conn: &mut Connection) -> Result<Vec<LobbyVisit>, DbError> {
    visits(conn, "WHERE state = ?1 ORDER BY host_name, visitor_name LIMIT ?2", "on_site", u32::MAX)
}

/// The lobby for `today` (`YYYY-MM-DD`, the site's date).
pub fn lobby(conn: &Connection, today: &str) -> Result<Lobby, DbError> {
    let newest = "WHERE state = ?1 ORDER BY arrived_at DESC LIMIT ?2";
    let mut expected = conn.prepare_cached(
        "SELECT i.code, i.visit_id, i.visitor_name, i.company, h.name, i.visitor_type
         FROM invitations i JOIN hosts h ON h.id = i.host_id
         WHERE i.expected_on = ?1 AND NOT i.cancelled
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.id = i.visit_id AND v.state <> 'expected')
         ORDER BY i.visitor_name LIMIT ?2",
    )?;
    let expected = expected
        .query_map(params![today, LIST_LIMIT], |r| {
            Ok(ExpectedVisit {
                code: r.get(0)?,
                visit_id: r.get(1)?,
                visitor_name: r.get(2)?,
                company: r.get(3)?,
                host_name: r.get(4)?,
                visitor_type: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Lobby {
        on_site: visits(conn, newest, "on_site", LIST_LIMIT)?,
        pending: visits(conn, newest, "pending_approval", LIST_LIMIT)?,
        expected,
        departed: visits(conn, "WHERE state = ?1 ORDER BY departed_at DESC LIMIT ?2", "departed", 20)?,
        commands: recent_commands(conn, 10)?,
    })
}

fn recent_commands(conn: &Connection, limit: u32) -> Result<Vec<RecentCommand>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kiosk, issued_by, json_extract(body, '$.kind'), created_at, ok, message
         FROM commands ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(RecentCommand {
            id: r.get(0)?,
            kiosk: r.get(1)?,
            issued_by: r.get(2)?,
            kind: r.get(3)?,
            created_at: r.get(4)?,
            ok: r.get(5)?,
            message: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
