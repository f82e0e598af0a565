//! The visit log as CSV (RFC 4180), streamed, safe to open in a spreadsheet.

use std::io::Write;

use super::visits::{for_each, VisitFilter, VisitRecord};
use super::{StoreError, StoreResult};
use foyer_domain::csv_safe::neutralise_cell;

/// The columns of an export, in order.
pub const COLUMNS: [&str; 11] = [
    "visit_id",
    "visitor_name",
    "company",
    "email",
    "phone",
    "host",
    "visitor_type",
    "state",
    "kiosk",
    "arrived_at",
    "departed_at",
];

/// Writes the visits the filter selects, newest first; returns the row count.
pub fn write_csv(conn: &rusqlite::Connection, filter: VisitFilter, out: impl Write) -> StoreResult<u64> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let io = |e: csv::Error| StoreError::File { path: "CSV output".into(), source: e.into() };
    w.write_record(COLUMNS).map_err(io)?;
    let mut rows = 0u64;
    for_each(conn, filter, |v| {
        w.write_record(row(&v).iter().map(|c| neutralise_cell(c).into_owned())).map_err(io)?;
        rows += 1;
        Ok(())
    })?;
    w.flush().map_err(|e| StoreError::File { path: "CSV output".into(), source: e })?;
    Ok(rows)
}

fn row(v: &VisitRecord) -> [String; 11] {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        v.id.to_string(),
        v.visitor_name.clone(),
        opt(&v.company),
        opt(&v.email),
        opt(&v.phone),
        v.host_name.clone(),
        v.visitor_type.as_str().to_owned(),
        v.state.as_str().to_owned(),
        v.kiosk.clone(),
        v.arrived_at.map(rfc3339).unwrap_or_default(),
        v.departed_at.map(rfc3339).unwrap_or_default(),
    ]
}

/// Unix seconds as RFC 3339 UTC.
pub fn rfc3339(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| secs.to_string())
}
