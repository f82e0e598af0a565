//! The visit log as CSV, streamed, safe to open in a spreadsheet: the one
//! visit CSV format ([`foyer_domain::visit_csv`]) that the back office's
//! export writes too.

use std::io::Write;

use super::visits::{for_each, VisitFilter, VisitRecord};
use super::{StoreError, StoreResult};
use foyer_domain::visit_csv::{VisitCsvRow, VisitCsvWriter};

/// The columns of an export, in order.
pub use foyer_domain::visit_csv::COLUMNS;

/// Writes the visits the filter selects, newest first; returns the row count.
pub fn write_csv(conn: &rusqlite::Connection, filter: VisitFilter, out: impl Write) -> StoreResult<u64> {
    let io = |source: std::io::Error| StoreError::File { path: "CSV output".into(), source };
    let mut w = VisitCsvWriter::new(out).map_err(io)?;
    let mut rows = 0u64;
    for_each(conn, filter, |v| {
        w.write(&csv_row(&v, &v.id.to_string())).map_err(io)?;
        rows += 1;
        Ok(())
    })?;
    w.finish().map_err(io)?;
    Ok(rows)
}

/// The kiosk's visit as the export's plain values. The kiosk does not keep
/// which agreement version a visitor accepted, so that column stays empty.
fn csv_row<'a>(v: &'a VisitRecord, id: &'a str) -> VisitCsvRow<'a> {
    VisitCsvRow {
        visit_id: id,
        visitor_name: &v.visitor_name,
        company: v.company.as_deref(),
        email: v.email.as_deref(),
        phone: v.phone.as_deref(),
        host: &v.host_name,
        visitor_type: v.visitor_type.as_str(),
        state: v.state.as_str(),
        arrived_at: v.arrived_at,
        departed_at: v.departed_at,
        agreement_version: None,
        kiosk: &v.kiosk,
    }
}

/// Unix seconds as RFC 3339 UTC.
pub fn rfc3339(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| secs.to_string())
}
