//! Reading one stretch of the list with the text plan's way of matching.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};

use super::cursor::Cursor;
use super::sql::{filter, select_sql, stretch, Segment, Where, BY_NAME, COLUMNS, DRIVEN, PROBE};
use super::text::TextPlan;
use super::{VisitQuery, VisitRow, VisitSort};
use crate::backoffice::db::DbError;

/// How far a LIKE walk goes before it gives up on the index order: at the
/// density that picks the LIKE plan, this many rows hold 100 matches.
const SCAN_WINDOW: i64 = 5_000;

/// Sorting up to this many rows costs less than walking the name index to
/// fill a page with them.
const SORT_AT_MOST: i64 = 5_000;

/// Up to `want` rows of `segment` matching `q`, after `after`, read from
/// `table` ([`table_for`]).
pub(super) fn rows(
    conn: &Connection,
    q: &VisitQuery,
    text: Option<&TextPlan>,
    (segment, table): (Segment, &str),
    after: Option<&Cursor>,
    want: usize,
) -> Result<Vec<VisitRow>, DbError> {
    let (mut w, order) = stretch(q, segment, after);
    let want = want as i64;
    match text {
        None => select(conn, table, w, &order, want),
        Some(TextPlan::Drive { phrase }) => {
            w.and("visits_text MATCH ?", [phrase.clone().into()]);
            select(conn, DRIVEN, w, &order, want)
        }
        Some(TextPlan::Probe { phrase }) => {
            w.and(PROBE, [phrase.clone().into()]);
            select(conn, table, w, &order, want)
        }
        Some(TextPlan::Scan { pattern }) => scan(conn, table, w, pattern, &order, want),
    }
}

/// The visits table as the list should read it. By name with a state or
/// date filter, SQLite (without statistics) takes that filter's index and
/// sorts what it selects: right for visits waiting for approval, a sort of
/// the whole log for departed ones. Counting, up to a bound, what the
/// filter selects tells which; a big set is read in name order instead.
pub(super) fn table_for(conn: &Connection, q: &VisitQuery) -> Result<&'static str, DbError> {
    if q.sort != VisitSort::NameAsc || (q.state.is_none() && q.from.is_none() && q.to.is_none()) {
        return Ok("visits v");
    }
    let mut w = Where::default();
    filter(&mut w, q);
    let sql = format!("SELECT count(*) FROM (SELECT 1 FROM visits v WHERE {} LIMIT {SORT_AT_MOST})", w.sql());
    let selected: i64 = conn.prepare_cached(&sql)?.query_row(params_from_iter(w.params), |r| r.get(0))?;
    Ok(if selected < SORT_AT_MOST { "visits v" } else { BY_NAME })
}

fn select(conn: &Connection, from: &str, w: Where, order: &str, want: i64) -> Result<Vec<VisitRow>, DbError> {
    let mut stmt = conn.prepare_cached(&select_sql(from, &w, order))?;
    let rows = stmt.query_map(params_from_iter(w.params.into_iter().chain([want.into()])), from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The LIKE plan: test the next [`SCAN_WINDOW`] rows in index order; when
/// they hold too few matches, the matches are sparse here after all, and one
/// pass over the table (no index order, a bounded sort) beats walking on.
fn scan(
    conn: &Connection,
    table: &str,
    mut w: Where,
    pattern: &str,
    order: &str,
    want: i64,
) -> Result<Vec<VisitRow>, DbError> {
    let like = "(v.visitor_name LIKE ? ESCAPE '\\' OR v.company LIKE ? ESCAPE '\\' OR v.host_name LIKE ? ESCAPE '\\')";
    let window = format!("SELECT {COLUMNS} FROM {table} WHERE {} ORDER BY {order} LIMIT {SCAN_WINDOW}", w.sql());
    let sql = format!("SELECT * FROM ({window}) AS v WHERE {like} ORDER BY {order} LIMIT ?");
    let patterns = [pattern, pattern, pattern].map(|p| Value::from(p.to_owned()));
    let params = w.params.iter().cloned().chain(patterns.clone()).chain([want.into()]);
    let found: Vec<VisitRow> =
        conn.prepare_cached(&sql)?.query_map(params_from_iter(params), from_row)?.collect::<Result<_, _>>()?;
    if found.len() as i64 >= want {
        return Ok(found);
    }
    let filled: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM ({window})"))?
        .query_row(params_from_iter(w.params.iter()), |r| r.get(0))?;
    if filled < SCAN_WINDOW {
        return Ok(found); // the window held every remaining row
    }
    w.and(like, patterns);
    select(conn, "visits v NOT INDEXED", w, order, want)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<VisitRow> {
    Ok(VisitRow {
        id: r.get(0)?,
        kiosk: r.get(1)?,
        visitor_name: r.get(2)?,
        company: r.get(3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        host_id: r.get(6)?,
        host_name: r.get(7)?,
        visitor_type: r.get(8)?,
        state: r.get(9)?,
        arrived_at: r.get(10)?,
        departed_at: r.get(11)?,
        agreement_version: r.get(12)?,
    })
}
