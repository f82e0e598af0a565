use super::*;

fn row<'a>(name: &'a str, company: Option<&'a str>) -> VisitCsvRow<'a> {
    VisitCsvRow {
        visit_id: "00000000-0000-0000-0000-000000000001",
        visitor_name: name,
        company,
        host: "Grace",
        visitor_type: "guest",
        state: "departed",
        arrived_at: Some(1_717_147_800),
        departed_at: Some(1_717_147_860),
        agreement_version: Some(2),
        kiosk: "lobby-1",
        ..Default::default()
    }
}

fn written(rows: &[VisitCsvRow<'_>]) -> Vec<u8> {
    let mut w = VisitCsvWriter::new(Vec::new()).unwrap();
    for r in rows {
        w.write(r).unwrap();
    }
    w.finish().unwrap()
}

fn records(csv: &[u8]) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new().has_headers(false).from_reader(csv).records().map(Result::unwrap).collect()
}

#[test]
fn the_header_names_every_column_in_snake_case() {
    let csv = written(&[]);
    assert_eq!(csv, b"visit_id,visitor_name,company,email,phone,host,visitor_type,state,arrived_at,departed_at,agreement_version,kiosk\r\n");
}

#[test]
fn a_formula_in_any_cell_is_written_as_text() {
    let rows = records(&written(&[row("=HYPERLINK(\"x\")", Some("+Evil Co"))]));
    assert_eq!(&rows[1][1], "'=HYPERLINK(\"x\")");
    assert_eq!(&rows[1][2], "'+Evil Co");
}

#[test]
fn times_absent_values_and_the_agreement_are_written_in_their_columns() {
    let mut never = row("Ada", None);
    (never.arrived_at, never.departed_at, never.agreement_version) = (None, None, None);
    let rows = records(&written(&[row("Ada", None), never]));
    assert_eq!(
        [&rows[1][8], &rows[1][9], &rows[1][10], &rows[1][11]],
        ["2024-05-31T09:30:00Z", "2024-05-31T09:31:00Z", "2", "lobby-1"]
    );
    assert_eq!([&rows[2][2], &rows[2][8], &rows[2][9], &rows[2][10]], ["", "", "", ""]);
}

#[test]
fn names_with_commas_quotes_and_newlines_read_back_unchanged() {
    let names = ["Smith, Jo", "Jo \"JJ\" Smith", "two\nlines", "cr\r\nlf", "Zoë Ødegaard", "plain"];
    let rows: Vec<VisitCsvRow<'_>> = names.iter().map(|n| row(n, None)).collect();
    let csv = written(&rows);
    assert!(csv.ends_with(b"\r\n"));
    let read: Vec<String> = records(&csv)[1..].iter().map(|r| r[1].to_owned()).collect();
    assert_eq!(read, names);
}
