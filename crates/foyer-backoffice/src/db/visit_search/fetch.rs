//! Reading one stretch of the list with the text plan's way of matching.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::cursor::Cursor;
use super::sql::{filter, select_sql, stretch, Order, Segment, Where, BY_NAME, DRIVEN, PROBE};
use super::text::TextPlan;
use super::{VisitQuery, VisitRow, VisitSort};
use crate::db::DbError;

/// How far a LIKE walk goes before it gives up: a text that matches one
/// visit in 200 fills a page of 50 in it.
const SCAN_WINDOW: i64 = 10_000;

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
        Some(TextPlan::Scan { pattern, then }) => scan(conn, table, w, (pattern, then.as_deref()), &order, want),
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

fn select(conn: &Connection, from: &str, w: Where, order: &Order, want: i64) -> Result<Vec<VisitRow>, DbError> {
    let mut stmt = conn.prepare_cached(&select_sql(from, &w, order))?;
    let rows = stmt.query_map(params_from_iter(w.params.into_iter().chain([want.into()])), VisitRow::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The LIKE plan: walk the next [`SCAN_WINDOW`] rows in index order testing
/// each. The window is a bound on the sort key, found on the index alone,
/// so the walk reads no more rows than it tests. When the window holds too
/// few matches, the matches are sparse here after all: probe with the FTS
/// `phrase`, or without one, make one pass over the table (no index order,
/// a bounded sort), which beats walking on testing every row.
fn scan(
    conn: &Connection,
    table: &str,
    w: Where,
    (pattern, phrase): (&str, Option<&str>),
    order: &Order,
    want: i64,
) -> Result<Vec<VisitRow>, DbError> {
    let (last, within) = if order.desc { ("min", ">=") } else { ("max", "<=") };
    let (lead, sort) = (order.lead, &order.sql);
    let window = format!(
        "SELECT {last}(k), count(*) FROM (SELECT {lead} AS k FROM {table} WHERE {} ORDER BY {sort} LIMIT {SCAN_WINDOW})",
        w.sql()
    );
    let (bound, filled): (Value, i64) =
        conn.prepare_cached(&window)?.query_row(params_from_iter(w.params.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?;
    let like = "(v.visitor_name LIKE ? ESCAPE '\\' OR v.company LIKE ? ESCAPE '\\' OR v.host_name LIKE ? ESCAPE '\\')";
    let patterns = [pattern, pattern, pattern].map(|p| Value::from(p.to_owned()));
    let mut windowed = w.clone();
    windowed.and(like, patterns.clone());
    windowed.and(&format!("{lead} {within} ?"), [bound]);
    let found = select(conn, table, windowed, order, want)?;
    if found.len() as i64 >= want || filled < SCAN_WINDOW {
        return Ok(found); // a full page, or the window held every row left
    }
    let mut w = w;
    match phrase {
        Some(phrase) => {
            w.and(PROBE, [phrase.to_owned().into()]);
            select(conn, table, w, order, want)
        }
        None => {
            w.and(like, patterns);
            select(conn, "visits v NOT INDEXED", w, order, want)
        }
    }
}
