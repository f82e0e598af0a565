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
        export(&db, VisitQuery { sort: crate::db::visit_search::VisitSort::ArrivedAsc, ..Default::default() }).concat();
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
