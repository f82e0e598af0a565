//! The one visit row: the columns every view of the visit log reads, in
//! one select list with one mapper. A view that needs more (the search's
//! contact columns, the lobby's flag, the detail's timeline) wraps
//! [`VisitCore`] with its extra fields rather than repeating the columns,
//! and reads those from the columns after [`VisitCore::WIDTH`].

use rusqlite::Row;
use serde::Serialize;
use utoipa::ToSchema;

/// The core select list as a literal, so wider lists can `concat!` onto it.
macro_rules! visit_columns {
    () => {
        "v.id, v.kiosk, v.visitor_name, v.company, v.host_id, v.host_name, v.visitor_type, v.state, v.arrived_at, \
         v.departed_at"
    };
}
pub(crate) use visit_columns;

/// A visit of the log as every view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VisitCore {
    pub id: String,
    pub kiosk: String,
    pub visitor_name: String,
    pub company: Option<String>,
    pub host_id: Option<i64>,
    pub host_name: String,
    /// The stored name (`guest`, `contractor` …).
    pub visitor_type: String,
    /// The stored name (`on_site`, `departed` …).
    pub state: String,
    /// Unix seconds; `None` for a visit that never arrived.
    pub arrived_at: Option<i64>,
    pub departed_at: Option<i64>,
}

impl VisitCore {
    /// The select list of [`from_row`](Self::from_row), for `visits v`.
    pub const COLUMNS: &'static str = visit_columns!();
    /// How many columns the core reads; a wider row's own start here.
    pub const WIDTH: usize = 10;

    /// Reads the first [`WIDTH`](Self::WIDTH) columns of a row selected
    /// with [`COLUMNS`](Self::COLUMNS) first.
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            kiosk: r.get(1)?,
            visitor_name: r.get(2)?,
            company: r.get(3)?,
            host_id: r.get(4)?,
            host_name: r.get(5)?,
            visitor_type: r.get(6)?,
            state: r.get(7)?,
            arrived_at: r.get(8)?,
            departed_at: r.get(9)?,
        })
    }
}

/// A visit with the columns the admin's list and the export add: how to
/// reach the visitor and the agreement they accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VisitRow {
    #[serde(flatten)]
    pub visit: VisitCore,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The agreement version the visitor accepted.
    pub agreement_version: Option<i64>,
}

/// The select list of [`VisitRow::from_row`] as a literal.
macro_rules! visit_row_columns {
    () => {
        concat!($crate::db::visit_row::visit_columns!(), ", v.email, v.phone, v.agreement_version")
    };
}
pub(crate) use visit_row_columns;

impl VisitRow {
    /// The select list of [`from_row`](Self::from_row), for `visits v`.
    pub const COLUMNS: &'static str = visit_row_columns!();
    /// How many columns the row reads.
    pub const WIDTH: usize = VisitCore::WIDTH + 3;

    /// Reads a row selected with [`COLUMNS`](Self::COLUMNS) first.
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let at = VisitCore::WIDTH;
        Ok(Self {
            visit: VisitCore::from_row(r)?,
            email: r.get(at)?,
            phone: r.get(at + 1)?,
            agreement_version: r.get(at + 2)?,
        })
    }
}

impl std::ops::Deref for VisitRow {
    type Target = VisitCore;

    fn deref(&self) -> &VisitCore {
        &self.visit
    }
}
