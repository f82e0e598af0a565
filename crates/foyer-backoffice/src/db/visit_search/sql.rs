//! The SQL pieces of the list: one stretch's order, keyset and filters.

use rusqlite::types::Value;

use super::cursor::{Cursor, SortKey};
use super::{VisitQuery, VisitSort};
use crate::db::days;

pub(super) const COLUMNS: &str = crate::db::visit_row::VisitRow::COLUMNS;
/// The table read in name order whatever the filters ([`super::fetch::table_for`]).
pub(super) const BY_NAME: &str = "visits v INDEXED BY visits_name_order";
/// CROSS JOIN keeps the FTS table outermost: it drives.
pub(super) const DRIVEN: &str = "visits_text CROSS JOIN visits v ON v.rowid = visits_text.rowid";
/// The `+` stops the rowid driving the loop: the order index does.
pub(super) const PROBE: &str = "+v.rowid IN (SELECT rowid FROM visits_text WHERE visits_text MATCH ?)";

/// A stretch of the list with one index order: arrival orders list the
/// arrived visits, then those that never arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Segment {
    Arrived,
    NotArrived,
    Names,
}

impl Segment {
    /// The stretches a page of `q` reads, from its cursor's on.
    pub(super) fn sequence(q: &VisitQuery) -> Vec<Self> {
        if q.sort == VisitSort::NameAsc {
            return vec![Self::Names];
        }
        let dated = q.from.is_some() || q.to.is_some();
        let resumes_unarrived = q.after.as_ref().is_some_and(|c| c.key == SortKey::NotArrived);
        match (resumes_unarrived, dated) {
            (_, true) => vec![Self::Arrived],
            (true, false) => vec![Self::NotArrived],
            (false, false) => vec![Self::Arrived, Self::NotArrived],
        }
    }

    /// The stretch a cursor's key lies in.
    pub(super) fn of(key: &SortKey) -> Self {
        match key {
            SortKey::At(_) => Self::Arrived,
            SortKey::NotArrived => Self::NotArrived,
            SortKey::Name(_) => Self::Names,
        }
    }
}

/// A WHERE clause with its positional parameters.
#[derive(Default, Clone)]
pub(super) struct Where {
    clauses: Vec<String>,
    pub(super) params: Vec<Value>,
}

impl Where {
    pub(super) fn and(&mut self, clause: &str, params: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.to_owned());
        self.params.extend(params);
    }

    pub(super) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1".into()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

/// A stretch's ORDER BY, and the expression that leads it.
pub(super) struct Order {
    pub(super) sql: String,
    pub(super) lead: &'static str,
    pub(super) desc: bool,
}

/// The WHERE (keyset and filters) and ORDER BY of one stretch.
pub(super) fn stretch(q: &VisitQuery, segment: Segment, after: Option<&Cursor>) -> (Where, Order) {
    let desc = q.sort == VisitSort::ArrivedDesc;
    let (cmp, dir) = if desc { ("<", " DESC") } else { (">", "") };
    let mut w = Where::default();
    let (sql, lead) = match segment {
        Segment::Arrived => {
            w.and("v.arrived_at IS NOT NULL", []);
            if let Some(Cursor { key: SortKey::At(at), id, .. }) = after {
                w.and(&format!("(v.arrived_at, v.id) {cmp} (?, ?)"), [Value::from(*at), Value::from(id.clone())]);
            }
            (format!("v.arrived_at{dir}, v.id{dir}"), "v.arrived_at")
        }
        Segment::NotArrived => {
            w.and("v.arrived_at IS NULL", []);
            if let Some(c) = after {
                w.and(&format!("v.id {cmp} ?"), [Value::from(c.id.clone())]);
            }
            (format!("v.id{dir}"), "v.id")
        }
        Segment::Names => {
            if let Some(Cursor { key: SortKey::Name(name), id, .. }) = after {
                // The COLLATE on the value makes the pair compare as the
                // index does, so the cursor is a range on visits_name_order.
                w.and("(v.visitor_name, v.id) > (? COLLATE NOCASE, ?)", [name.clone().into(), id.clone().into()]);
            }
            ("v.visitor_name COLLATE NOCASE, v.id".to_owned(), "v.visitor_name COLLATE NOCASE")
        }
    };
    filter(&mut w, q);
    (w, Order { sql, lead, desc })
}

/// The query's own filters (the text aside).
pub(super) fn filter(w: &mut Where, q: &VisitQuery) {
    if let Some(from) = q.from {
        w.and("v.arrived_at >= ?", [days::start_of(from).into()]);
    }
    if let Some(to) = q.to {
        w.and("v.arrived_at < ?", [days::end_of(to).into()]);
    }
    if let Some(state) = &q.state {
        w.and("v.state = ?", [state.clone().into()]);
    }
    if let Some(t) = &q.visitor_type {
        w.and("v.visitor_type = ?", [t.clone().into()]);
    }
}

pub(super) fn select_sql(from: &str, w: &Where, order: &Order) -> String {
    format!("SELECT {COLUMNS} FROM {from} WHERE {} ORDER BY {} LIMIT ?", w.sql(), order.sql)
}

#[cfg(test)]
mod tests {
    use rusqlite::{params_from_iter, Connection};

    use super::*;
    use crate::db::Db;

    /// SQLite's plan for one stretch's SELECT, one step a line.
    fn plan(conn: &Connection, q: &VisitQuery, segment: Segment, from: &str, extra: Option<&str>) -> String {
        let (mut w, order) = stretch(q, segment, None);
        if let Some(clause) = extra {
            w.and(clause, [Value::from("\"acme\"".to_owned())]);
        }
        let sql = format!("EXPLAIN QUERY PLAN {}", select_sql(from, &w, &order));
        let params = params_from_iter(w.params.into_iter().chain([Value::from(51)]));
        let mut stmt = conn.prepare(&sql).unwrap();
        let steps: Vec<String> = stmt.query_map(params, |r| r.get(3)).unwrap().collect::<Result<_, _>>().unwrap();
        steps.join("\n")
    }

    #[test]
    fn pages_without_text_or_with_probed_text_read_an_index_in_order_without_sorting() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bo.db")).unwrap();
        db.with(|c| {
            for (sort, segment) in [
                (VisitSort::ArrivedDesc, Segment::Arrived),
                (VisitSort::ArrivedAsc, Segment::NotArrived),
                (VisitSort::NameAsc, Segment::Names),
            ] {
                let bare = VisitQuery { sort, ..Default::default() };
                let pending = VisitQuery { state: Some("pending_approval".into()), ..bare.clone() };
                // By name, a big filtered set is read with the hint.
                let table = if sort == VisitSort::NameAsc { BY_NAME } else { "visits v" };
                for (q, probe) in [(&bare, None), (&pending, None), (&bare, Some(PROBE)), (&pending, Some(PROBE))] {
                    let steps = plan(c, q, segment, table, probe);
                    assert!(!steps.contains("TEMP B-TREE") && steps.contains("INDEX"), "{sort:?} {probe:?}: {steps}");
                }
            }
            let steps = plan(c, &VisitQuery::default(), Segment::Arrived, DRIVEN, Some("visits_text MATCH ?"));
            assert!(steps.starts_with("SCAN visits_text VIRTUAL TABLE"), "{steps}");
            Ok(())
        })
        .unwrap();
    }
}
