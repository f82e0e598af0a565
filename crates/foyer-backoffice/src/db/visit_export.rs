//! The visit log as CSV (RFC 4180, with a header row), streamed.
//!
//! An export of a million visits must neither hold the database for its
//! whole run nor sit in memory: it walks the query's rows in keyset pages of
//! [`PAGE`] rows, taking the database lock for one page at a time so kiosk
//! events and other pages get in between, and hands the CSV on in chunks of
//! about [`CHUNK`] bytes through a small channel, so a slow download slows
//! the walk rather than filling memory. Every cell goes through
//! [`neutralise_cell`]: a visitor named `=HYPERLINK(…)` stays text.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use super::visit_search::{search, VisitQuery, VisitRow};
use super::{Db, DbError};
use foyer_domain::csv_safe::neutralise_cell;

/// Rows read per turn of the database lock.
pub const PAGE: u32 = 5_000;
/// About how many bytes each chunk holds.
pub const CHUNK: usize = 64 * 1024;

/// The header row, in column order.
pub const HEADER: [&str; 12] = [
    "visit id",
    "visitor name",
    "company",
    "email",
    "phone",
    "host",
    "type",
    "state",
    "arrived",
    "departed",
    "agreement version",
    "kiosk",
];

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
pub fn write_csv(db: &Db, mut query: VisitQuery, mut sink: impl FnMut(Vec<u8>) -> bool) -> Result<(), DbError> {
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
        let mut out = Vec::with_capacity(CHUNK + 4_096);
        write_record(&mut out, HEADER.iter().map(|h| Some(*h)));
        let mut reading = true;
        'pages: for rows in pages_in {
            for row in &rows {
                write_row(&mut out, row);
                if out.len() >= CHUNK && !sink(std::mem::replace(&mut out, Vec::with_capacity(CHUNK + 4_096))) {
                    reading = false;
                    break 'pages; // drops the receiver: the reader's next send fails
                }
            }
        }
        reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        if reading {
            sink(out);
        }
        Ok(())
    })
}

fn write_row(out: &mut Vec<u8>, v: &VisitRow) {
    let (mut arrived, mut departed) = ([0; 20], [0; 20]);
    let agreement = v.agreement_version.map(|a| a.to_string());
    write_record(
        out,
        [
            Some(v.id.as_str()),
            Some(&v.visitor_name),
            v.company.as_deref(),
            v.email.as_deref(),
            v.phone.as_deref(),
            Some(&v.host_name),
            Some(&v.visitor_type),
            Some(&v.state),
            v.arrived_at.map(|t| iso8601(t, &mut arrived)),
            v.departed_at.map(|t| iso8601(t, &mut departed)),
            agreement.as_deref(),
            Some(&v.kiosk),
        ],
    );
}

/// One CSV line. Written by hand rather than with the csv crate: appending
/// to memory cannot fail, so there is no error to carry, and the chunk is
/// ours to hand on as soon as it is big enough.
fn write_record<'a>(out: &mut Vec<u8>, cells: impl IntoIterator<Item = Option<&'a str>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let cell = neutralise_cell(cell.unwrap_or(""));
        if cell.contains(['"', ',', '\r', '\n']) {
            out.push(b'"');
            out.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(cell.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// `2024-05-31T09:30:00Z`, written into `buf` (a million of them: no
/// allocation, no format parsing).
fn iso8601(unix: i64, buf: &mut [u8; 20]) -> &str {
    let t = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let fields = [
        (0, t.year().clamp(0, 9_999) as u32, 4),
        (5, u32::from(u8::from(t.month())), 2),
        (8, u32::from(t.day()), 2),
        (11, u32::from(t.hour()), 2),
        (14, u32::from(t.minute()), 2),
        (17, u32::from(t.second()), 2),
    ];
    *buf = *b"0000-00-00T00:00:00Z";
    for (at, mut value, width) in fields {
        for i in (at..at + width).rev() {
            buf[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    // Only ASCII digits and separators were written.
    std::str::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use futures_core::Stream;
    use rusqlite::params;

    use super::*;
    use crate::db::seed::seed_visits;

    fn db_with(names: &[&str]) -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bo.db")).unwrap();
        db.with(|c| {
            for (i, name) in names.iter().enumerate() {
                c.execute(
                    "INSERT INTO visits (id, kiosk, visitor_name, company, host_name, visitor_type, state, arrived_at,
                     departed_at, agreement_version, updated_at)
                     VALUES (?1, 'lobby-1', ?2, '+Evil Co', 'Grace', 'guest', 'departed', ?3, ?3 + 60, 2, 0)",
                    params![uuid::Uuid::from_u128(i as u128 + 1).to_string(), name, 1_717_147_800 + i as i64],
                )?;
            }
            Ok(())
        })
        .unwrap();
        (dir, db)
    }

    fn export(db: &Db, query: VisitQuery) -> Vec<Vec<u8>> {
        let mut chunks = Vec::new();
        write_csv(db, query, |c| {
            chunks.push(c);
            true
        })
        .unwrap();
        chunks
    }

    fn records(csv: &[u8]) -> Vec<csv::StringRecord> {
        csv::ReaderBuilder::new().has_headers(false).from_reader(csv).records().map(Result::unwrap).collect()
    }

    #[test]
    fn a_formula_in_any_cell_is_written_as_text() {
        let (_dir, db) = db_with(&["=HYPERLINK(\"x\")"]);
        let rows = records(&export(&db, VisitQuery::default()).concat());
        assert_eq!(&rows[0], &HEADER[..]);
        assert_eq!(&rows[1][1], "'=HYPERLINK(\"x\")");
        assert_eq!(&rows[1][2], "'+Evil Co");
        assert_eq!([&rows[1][8], &rows[1][9], &rows[1][10]], ["2024-05-31T09:30:00Z", "2024-05-31T09:31:00Z", "2"]);
    }

    #[test]
    fn names_with_commas_quotes_and_newlines_read_back_unchanged() {
        let names = ["Smith, Jo", "Jo \"JJ\" Smith", "two\nlines", "cr\r\nlf", "Zoë Ødegaard", "plain"];
        let (_dir, db) = db_with(&names);
        let csv =
            export(&db, VisitQuery { sort: crate::db::visit_search::VisitSort::ArrivedAsc, ..Default::default() })
                .concat();
        assert!(csv.ends_with(b"\r\n"));
        let read: Vec<String> = records(&csv)[1..].iter().map(|r| r[1].to_owned()).collect();
        assert_eq!(read, names);
    }

    #[test]
    fn a_big_export_walks_every_page_in_bounded_chunks_and_stops_when_nobody_reads() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bo.db")).unwrap();
        db.with(|c| seed_visits(c, 7_000, 2)).unwrap();
        let chunks = export(&db, VisitQuery { limit: 3, ..Default::default() });
        assert!(chunks.len() > 5 && chunks.iter().all(|c| c.len() < CHUNK + 1_024));
        let rows = records(&chunks.concat());
        assert_eq!(rows.len(), 7_001);
        let ids: std::collections::HashSet<_> = rows[1..].iter().map(|r| r[0].to_owned()).collect();
        assert_eq!(ids.len(), 7_000);
        let mut taken = 0;
        write_csv(&db, VisitQuery::default(), |_| {
            taken += 1;
            false
        })
        .unwrap();
        assert_eq!(taken, 1);
    }

    #[test]
    fn times_are_written_as_rfc3339_utc() {
        use time::format_description::well_known::Rfc3339;
        for t in [0, 951_782_400, 1_717_147_800, 4_102_444_799] {
            let mut buf = [0; 20];
            assert_eq!(iso8601(t, &mut buf), OffsetDateTime::from_unix_timestamp(t).unwrap().format(&Rfc3339).unwrap());
        }
    }

    #[tokio::test]
    async fn the_stream_yields_the_same_bytes_as_the_writer() {
        let (_dir, db) = db_with(&["Ada", "Grace"]);
        let mut stream = export_stream(db.clone(), VisitQuery::default());
        let mut streamed = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            streamed.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!(streamed, export(&db, VisitQuery::default()).concat());
    }
}
