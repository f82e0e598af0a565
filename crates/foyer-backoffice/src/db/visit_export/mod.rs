//! The visit log as CSV (RFC 4180, with a header row), streamed.
//!
//! An export of a million visits must neither hold the database for its
//! whole run nor sit in memory: it walks the query's rows in keyset pages of
//! [`PAGE`] rows, taking the database lock for one page at a time so kiosk
//! events and other pages get in between, and hands the CSV on in chunks of
//! [`CHUNK`] bytes through a small channel, so a slow download slows
//! the walk rather than filling memory. The rows are written by the one
//! visit CSV writer ([`foyer_domain::visit_csv`]), which neutralises every
//! cell: a visitor named `=HYPERLINK(…)` stays text.

use std::io::ErrorKind;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use tokio::sync::mpsc;

mod chunks;

use chunks::Chunks;

use super::visit_search::{search, VisitQuery, VisitRow};
use super::{Db, DbError};
use foyer_domain::visit_csv::{VisitCsvRow, VisitCsvWriter};

/// Rows read per turn of the database lock.
pub const PAGE: u32 = 5_000;
/// How many bytes each chunk holds (the last one fewer).
pub const CHUNK: usize = 64 * 1024;

/// The header row, in column order: the one visit CSV format.
pub use foyer_domain::visit_csv::COLUMNS as HEADER;

/// The CSV of every visit matching `query` (its cursor and limit ignored),
/// chunk by chunk, produced on the blocking pool; an error ends the stream.
/// Must be called within a Tokio runtime. Dropping the receiver stops it.
pub fn spawn_export(db: Db, query: VisitQuery) -> mpsc::Receiver<Result<Vec<u8>, DbError>> {
    // Two chunks in flight keep the walk and the download both busy.
    let (tx, rx) = mpsc::channel(2);
    tokio::task::spawn_blocking(move || {
        if let Err(e) = write_csv(&db, query, |chunk| tx.blocking_send(Ok(chunk)).is_ok()) {
            let _ = tx.blocking_send(Err(e));
        }
    });
    rx
}

/// [`spawn_export`] as a stream of bytes, for `axum::body::Body::from_stream`.
pub fn export_stream(db: Db, query: VisitQuery) -> ExportStream {
    ExportStream(spawn_export(db, query))
}

/// The chunks of one export; a database error arrives as an I/O error,
/// which ends the response (the rows already sent cannot be taken back).
pub struct ExportStream(mpsc::Receiver<Result<Vec<u8>, DbError>>);

impl futures_core::Stream for ExportStream {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|r| r.map(Bytes::from).map_err(std::io::Error::other)))
    }
}

/// Writes the CSV through `sink` in chunks; stops early, without error, when
/// `sink` answers false (nobody reads any more). A second thread reads the
/// pages while this one writes them out: on two cores, the export takes the
/// longer of the two instead of their sum.
pub fn write_csv(db: &Db, mut query: VisitQuery, sink: impl FnMut(Vec<u8>) -> bool) -> Result<(), DbError> {
    query.after = None;
    query.limit = PAGE;
    // One page in the channel and one being read: memory stays bounded.
    let (pages, pages_in) = std::sync::mpsc::sync_channel::<Vec<VisitRow>>(1);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<(), DbError> {
            loop {
                let page = db.with(|c| search(c, &query))?;
                if pages.send(page.rows).is_err() {
                    return Ok(()); // the writer stopped
                }
                match page.next {
                    Some(next) => query.after = Some(next),
                    None => return Ok(()),
                }
            }
        });
        let written = write_pages(pages_in, Chunks::new(sink));
        // Dropping the receiver (in write_pages) made the reader's next send fail.
        reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        written
    })
}

/// Writes every page that arrives, then the last, short chunk.
fn write_pages<F: FnMut(Vec<u8>) -> bool>(
    pages: std::sync::mpsc::Receiver<Vec<VisitRow>>,
    chunks: Chunks<F>,
) -> Result<(), DbError> {
    let mut csv = VisitCsvWriter::new(chunks).map_err(output)?;
    for rows in pages {
        for row in &rows {
            match csv.write(&csv_row(row)) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::BrokenPipe => return Ok(()), // nobody reads any more
                Err(e) => return Err(output(e)),
            }
        }
    }
    match csv.finish() {
        Ok(mut chunks) => {
            chunks.hand_on();
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(output(e)),
    }
}

/// A row of the log as the export's plain values.
fn csv_row(v: &VisitRow) -> VisitCsvRow<'_> {
    VisitCsvRow {
        visit_id: &v.id,
        visitor_name: &v.visitor_name,
        company: v.company.as_deref(),
        email: v.email.as_deref(),
        phone: v.phone.as_deref(),
        host: &v.host_name,
        visitor_type: &v.visitor_type,
        state: &v.state,
        arrived_at: v.arrived_at,
        departed_at: v.departed_at,
        agreement_version: v.agreement_version,
        kiosk: &v.kiosk,
    }
}

fn output(source: std::io::Error) -> DbError {
    DbError::File { path: "the CSV export".into(), source }
}

#[cfg(test)]
mod tests;
