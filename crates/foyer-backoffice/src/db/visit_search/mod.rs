//! The admin console's visit list: the visit log filtered, sorted and paged.
//!
//! Pages are keyset pages: a page asks for the rows strictly after the last
//! row of the previous one (`(arrived_at, id) < (?, ?)`), never for an
//! OFFSET, so page 2,000 costs what page 1 does and rows that arrive while
//! someone pages neither repeat nor vanish.
//!
//! Visits that never arrived (expected or cancelled) have no arrival time. In
//! both arrival orders they come after every arrival, among themselves in id
//! order: stable, if not meaningful. A date filter leaves them out, since it
//! asks when visitors arrived.

mod cursor;
mod fetch;
mod params;
mod sql;
#[cfg(test)]
mod tests;
mod text;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

pub use cursor::Cursor;
pub use params::VisitParams;
use text::TextPlan;

pub use super::visit_row::VisitRow;
use super::DbError;
use foyer_domain::{VisitState, VisitorType};

/// What the console asks of the visit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitQuery {
    /// A substring of the visitor's name, company or host name, any case.
    pub text: Option<String>,
    /// Arrived on or after this UTC day.
    pub from: Option<Date>,
    /// Arrived on or before this UTC day.
    pub to: Option<Date>,
    /// One of [`VisitState`]'s names (`on_site` …).
    pub state: Option<String>,
    /// One of [`VisitorType`]'s names (`guest` …).
    pub visitor_type: Option<String>,
    pub sort: VisitSort,
    /// The page after this one; `None` for the first page.
    pub after: Option<Cursor>,
    /// Rows per page.
    pub limit: u32,
}

impl Default for VisitQuery {
    fn default() -> Self {
        Self {
            text: None,
            from: None,
            to: None,
            state: None,
            visitor_type: None,
            sort: VisitSort::default(),
            after: None,
            limit: 50,
        }
    }
}

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisitSort {
    /// Latest arrival first (never-arrived visits last).
    #[default]
    ArrivedDesc,
    /// Earliest arrival first (never-arrived visits last).
    ArrivedAsc,
    /// By the visitor's name, ignoring ASCII case.
    NameAsc,
}

impl VisitSort {
    pub const ALL: [VisitSort; 3] = [Self::ArrivedDesc, Self::ArrivedAsc, Self::NameAsc];

    /// The name used in query strings and cursors.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ArrivedDesc => "arrived_desc",
            Self::ArrivedAsc => "arrived_asc",
            Self::NameAsc => "name_asc",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VisitPage {
    pub rows: Vec<VisitRow>,
    /// Ask with `after` = this for the next page; `None` on the last page.
    #[schema(value_type = Option<String>)]
    pub next: Option<Cursor>,
}

impl VisitQuery {
    /// Refuses a query naming an unknown state or type, an inverted date
    /// range or a cursor of another order, saying which value is wrong.
    pub fn validate(&self) -> Result<(), DbError> {
        let refuse = |m: String| Err(DbError::Refused(m));
        if let Some(s) = self.state.as_deref().filter(|s| VisitState::parse(s).is_none()) {
            let known: Vec<_> = VisitState::ALL.iter().map(|s| s.as_str()).collect();
            return refuse(format!("state: {s:?} is not one of {}", known.join(", ")));
        }
        if let Some(t) = self.visitor_type.as_deref().filter(|t| !VisitorType::ALL.iter().any(|k| k.as_str() == *t)) {
            let known: Vec<_> = VisitorType::ALL.iter().map(|t| t.as_str()).collect();
            return refuse(format!("type: {t:?} is not one of {}", known.join(", ")));
        }
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return refuse(format!("from: {from} is after to: {to}"));
            }
        }
        if let Some(c) = self.after.as_ref().filter(|c| c.sort != self.sort) {
            return refuse(format!(
                "bad page cursor: it pages the {} order, not {}",
                c.sort.as_str(),
                self.sort.as_str()
            ));
        }
        if self.limit == 0 {
            return refuse("limit: must be at least 1".into());
        }
        Ok(())
    }

    /// The search text, trimmed; `None` when there is nothing to match.
    fn text(&self) -> Option<&str> {
        self.text.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
}

/// One page of the visits matching `q`, in its order, after its cursor.
pub fn search(conn: &Connection, q: &VisitQuery) -> Result<VisitPage, DbError> {
    search_planned(conn, q, TextPlan::choose)
}

fn search_planned(
    conn: &Connection,
    q: &VisitQuery,
    plan: impl FnOnce(&Connection, &str) -> Result<TextPlan, DbError>,
) -> Result<VisitPage, DbError> {
    q.validate()?;
    let text = q.text().map(|t| plan(conn, t)).transpose()?;
    let limit = q.limit as usize;
    // One row more than a page says whether another page follows.
    let mut rows = Vec::with_capacity(limit + 1);
    let table = fetch::table_for(conn, q)?;
    for segment in sql::Segment::sequence(q) {
        let after = q.after.as_ref().filter(|c| sql::Segment::of(&c.key) == segment);
        rows.extend(fetch::rows(conn, q, text.as_ref(), (segment, table), after, limit + 1 - rows.len())?);
        if rows.len() > limit {
            break;
        }
    }
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|last| Cursor::after(q.sort, last))
    } else {
        None
    };
    Ok(VisitPage { rows, next })
}
