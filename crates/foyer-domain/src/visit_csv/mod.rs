//! The visit log as CSV (RFC 4180, CRLF line ends, a header row), one
//! format for every export: the kiosk's `foyer export visits` and the back
//! office's download write the same columns under the same names.
//!
//! Every cell goes through [`neutralise_cell`], so a visitor named
//! `=HYPERLINK(…)` stays text in a spreadsheet. The writer takes any
//! [`std::io::Write`]; how the bytes travel (a file, a streamed download)
//! is the caller's business.

mod time_cell;

use std::io::{self, Write};

use crate::csv_safe::neutralise_cell;
pub use time_cell::{iso8601, TIME_LEN};

/// The header row, in column order.
pub const COLUMNS: [&str; 12] = [
    "visit_id",
    "visitor_name",
    "company",
    "email",
    "phone",
    "host",
    "visitor_type",
    "state",
    "arrived_at",
    "departed_at",
    "agreement_version",
    "kiosk",
];

/// One visit as the export writes it: plain values, borrowed from whatever
/// row type the caller reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VisitCsvRow<'a> {
    pub visit_id: &'a str,
    pub visitor_name: &'a str,
    pub company: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub host: &'a str,
    /// The stored name (`guest`, `contractor` …).
    pub visitor_type: &'a str,
    /// The stored name (`on_site`, `departed` …).
    pub state: &'a str,
    /// Unix seconds, written as RFC 3339 UTC.
    pub arrived_at: Option<i64>,
    pub departed_at: Option<i64>,
    /// The agreement version the visitor accepted, where it is known.
    pub agreement_version: Option<i64>,
    pub kiosk: &'a str,
}

/// Writes the header on creation, then one record per [`write`](Self::write).
pub struct VisitCsvWriter<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> VisitCsvWriter<W> {
    /// A writer over `out` that has written the header row.
    pub fn new(out: W) -> io::Result<Self> {
        let mut csv = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        csv.write_record(COLUMNS).map_err(io_error)?;
        Ok(Self { csv })
    }

    /// Writes one visit.
    pub fn write(&mut self, v: &VisitCsvRow<'_>) -> io::Result<()> {
        let (mut arrived, mut departed) = ([0; TIME_LEN], [0; TIME_LEN]);
        let agreement = v.agreement_version.map(|a| a.to_string());
        let cells = [
            Some(v.visit_id),
            Some(v.visitor_name),
            v.company,
            v.email,
            v.phone,
            Some(v.host),
            Some(v.visitor_type),
            Some(v.state),
            v.arrived_at.map(|t| iso8601(t, &mut arrived)),
            v.departed_at.map(|t| iso8601(t, &mut departed)),
            agreement.as_deref(),
            Some(v.kiosk),
        ];
        self.csv
            .write_record(cells.map(|c| neutralise_cell(c.unwrap_or(""))).iter().map(|c| c.as_bytes()))
            .map_err(io_error)
    }

    /// Writes out what is buffered and hands back the output.
    pub fn finish(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// The output's own error, as it was: a caller may stop an export on
/// purpose (`BrokenPipe`) and must be able to tell that from a failure.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests;
