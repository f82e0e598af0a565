use super::*;

#[test]
fn a_version_2_outbox_keeps_its_events_and_none_is_held() {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn, &MIGRATIONS[..2]).unwrap();
    conn.execute(
        "INSERT INTO outbox (event_id, event_type, payload, created_at) VALUES ('e1', 'device.alarm', '{}', 1)",
        [],
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let held: Option<i64> = conn.query_row("SELECT quarantined_at FROM outbox", [], |r| r.get(0)).unwrap();
    assert_eq!(held, None);
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, latest());
}
/// A version-3 kiosk database with sent, held and waiting events and a few
/// audit entries, as a kiosk in the field has it before migration 4.
fn version_3_with_rows() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn, &MIGRATIONS[..3]).unwrap();
    conn.execute_batch(
        "INSERT INTO outbox (event_id, event_type, visit_id, payload, created_at, sent_at)
             VALUES ('e1', 'visit.arrived', 'v1', '{\"a\":1}', 10, 11);
         INSERT INTO outbox (event_id, event_type, payload, created_at, quarantined_at, quarantine_reason)
             VALUES ('e2', 'device.alarm', '{}', 12, 13, '422: unknown type');
         INSERT INTO outbox (event_id, event_type, payload, created_at) VALUES ('e3', 'badge.printed', '{}', 14);
         INSERT INTO audit_log (at, actor, action, visit_id, detail) VALUES (10, 'visitor', 'visit.checked_in', 'v1', '{}');
         INSERT INTO audit_log (at, actor, action, detail) VALUES (12, 'kiosk', 'outbox.held', '{\"seq\":2}');",
    )
    .unwrap();
    conn
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

const OUTBOX_ROWS: &str =
    "SELECT seq || '|' || event_id || '|' || event_type || '|' || ifnull(visit_id, '-') || '|' || payload
    || '|' || created_at || '|' || ifnull(sent_at, '-') || '|' || ifnull(quarantined_at, '-') || '|'
    || ifnull(quarantine_reason, '-') FROM outbox ORDER BY seq";
const AUDIT_ROWS: &str =
    "SELECT seq || '|' || at || '|' || actor || '|' || action || '|' || ifnull(visit_id, '-') || '|'
    || detail FROM audit_log ORDER BY seq";

#[test]
fn version_4_keeps_every_event_and_audit_entry_with_its_seq() {
    let mut conn = version_3_with_rows();
    let (outbox, audit) = (rows(&conn, OUTBOX_ROWS), rows(&conn, AUDIT_ROWS));
    migrate(&mut conn).unwrap();
    assert_eq!(rows(&conn, OUTBOX_ROWS), outbox);
    assert_eq!(rows(&conn, AUDIT_ROWS), audit);
    // Seqs go on from the largest, as AUTOINCREMENT did.
    conn.execute("INSERT INTO outbox (event_id, event_type, payload, created_at) VALUES ('e4', 'x', '{}', 15)", [])
        .unwrap();
    conn.execute("INSERT INTO audit_log (at, actor, action) VALUES (15, 'kiosk', 'x')", []).unwrap();
    let next: (i64, i64) = conn
        .query_row("SELECT (SELECT max(seq) FROM outbox), (SELECT max(seq) FROM audit_log)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(next, (4, 3));
}

#[test]
fn version_4_audit_log_is_still_append_only() {
    let mut conn = version_3_with_rows();
    migrate(&mut conn).unwrap();
    for sql in ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(rows(&conn, AUDIT_ROWS).len(), 2);
}

#[test]
fn version_4_writes_no_sequence_row_and_indexes_only_what_is_read() {
    let mut conn = version_3_with_rows();
    migrate(&mut conn).unwrap();
    conn.execute("INSERT INTO audit_log (at, actor, action) VALUES (15, 'kiosk', 'x')", []).unwrap();
    let sequences = rows(&conn, "SELECT name FROM sqlite_sequence WHERE name IN ('outbox', 'audit_log')");
    assert!(sequences.is_empty(), "no AUTOINCREMENT left: {sequences:?}");
    let indexes =
        rows(&conn, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' ORDER BY name");
    assert_eq!(indexes, ["outbox_held", "outbox_ready"]);
    assert!(rows(&conn, "SELECT name FROM sqlite_master WHERE tbl_name LIKE '%_v4'").is_empty());
}

/// The outbox's readers must find unsent rows through the partial indexes:
/// nearly every row of a kiosk's outbox is sent, and a scan grows with them.
#[test]
fn the_outbox_reads_use_the_partial_indexes() {
    let mut conn = version_3_with_rows();
    migrate(&mut conn).unwrap();
    let reads = [
        (
            "SELECT seq FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL ORDER BY seq LIMIT 5",
            "outbox_ready",
        ),
        ("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL", "outbox_ready"),
        ("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NOT NULL", "outbox_held"),
    ];
    for (sql, index) in reads {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let details = stmt.query_map([], |r| r.get::<_, String>("detail")).unwrap();
        let plan = details.collect::<Result<Vec<_>, _>>().unwrap().join(" / ");
        assert!(plan.contains(index), "{sql}\nplan: {plan}");
    }
}

#[test]
fn version_5_keeps_every_agreement_in_the_default_language_and_syncs_again_from_the_start() {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn, &MIGRATIONS[..4]).unwrap();
    conn.execute_batch(
        "INSERT INTO agreements (version, text, created_at) VALUES (2, 'Be kind.', 5), (3, 'Be kinder.', 6);
         INSERT INTO visitors (id, name) VALUES (1, 'Ada');
         INSERT INTO hosts (id, name, folded_name, updated_at) VALUES (1, 'Grace', 'grace', 0);
         INSERT INTO visits (id, visitor_id, host_id, visitor_type, state, kiosk, created_at)
             VALUES ('v1', 1, 1, 'guest', 'on_site', 'lobby', 7);
         INSERT INTO agreements_accepted (visit_id, version, accepted_at) VALUES ('v1', 2, 7);
         INSERT INTO link_state (key, value) VALUES ('sync_version', '41'), ('last_contact', '99');",
    )
    .unwrap();
    let agreement_rows = "SELECT version || '|' || text || '|' || created_at FROM agreements ORDER BY version";
    let before = rows(&conn, agreement_rows);
    migrate(&mut conn).unwrap();
    assert_eq!(rows(&conn, agreement_rows), before);
    assert!(rows(&conn, "SELECT version FROM agreements WHERE language IS NOT NULL").is_empty());
    assert_eq!(rows(&conn, "SELECT visit_id || '|' || version FROM agreements_accepted"), ["v1|2"]);
    assert_eq!(super::super::agreements::current(&conn).unwrap(), (3, "Be kinder.".into()));
    // The next sync asks from 0, so versions in other languages arrive.
    assert_eq!(super::super::link_state::sync_version(&conn).unwrap(), 0);
    assert_eq!(super::super::link_state::last_contact(&conn).unwrap(), Some(99));
}

#[test]
fn version_6_reads_every_earlier_visit_as_the_english_badge_it_was_printed_as() {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn, &MIGRATIONS[..5]).unwrap();
    conn.execute_batch(
        "INSERT INTO visitors (id, name) VALUES (1, 'Ada');
         INSERT INTO hosts (id, name, folded_name, updated_at) VALUES (1, 'Grace', 'grace', 0);
         INSERT INTO visits (id, visitor_id, host_id, visitor_type, state, kiosk, created_at)
             VALUES ('6f1c2a4e-0d1b-4a3f-9a51-3c2b8f7e9d10', 1, 1, 'guest', 'on_site', 'lobby', 7);",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let id = uuid::Uuid::parse_str("6f1c2a4e-0d1b-4a3f-9a51-3c2b8f7e9d10").unwrap();
    let visit = super::super::visits::get(&conn, id).unwrap().unwrap();
    assert_eq!((visit.visitor_name.as_str(), visit.language), ("Ada", foyer_domain::Language::En));
}

#[test]
fn a_visit_language_that_is_no_code_names_the_column_and_the_visit() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate(&mut conn).unwrap();
    conn.execute_batch(
        "INSERT INTO visitors (id, name) VALUES (1, 'Ada');
         INSERT INTO hosts (id, name, folded_name, updated_at) VALUES (1, 'Grace', 'grace', 0);
         INSERT INTO visits (id, visitor_id, host_id, visitor_type, state, kiosk, created_at, language)
             VALUES ('6f1c2a4e-0d1b-4a3f-9a51-3c2b8f7e9d10', 1, 1, 'guest', 'on_site', 'lobby', 7, 'Deutsch');",
    )
    .unwrap();
    let id = uuid::Uuid::parse_str("6f1c2a4e-0d1b-4a3f-9a51-3c2b8f7e9d10").unwrap();
    let err = super::super::visits::get(&conn, id).unwrap_err().to_string();
    assert!(err.contains("visits.language of visit 6f1c2a4e") && err.contains("\"Deutsch\""), "{err}");
}
