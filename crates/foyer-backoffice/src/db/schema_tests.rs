//! Migrations that change stored rows, run on a database of the version
//! before them.

use rusqlite::{params, Connection};

use super::schema::{migrate, MIGRATIONS};

fn notification_with_error(conn: &Connection, error: &str) {
    conn.execute(
        "INSERT INTO notifications (event_id, channel, target, status, next_attempt_at, last_error, notice, created_at)
         VALUES ('e', 'webhook', 'host 2', 'failed', 0, ?1, '{}', 0)",
        params![error],
    )
    .unwrap();
}

#[test]
fn webhook_urls_are_cut_from_errors_stored_before_they_were_left_out() {
    let mut conn = Connection::open_in_memory().unwrap();
    // Up to the migration that cuts the URLs, found by what it rewrites.
    let cuts_urls = MIGRATIONS.iter().position(|m| m.contains("' for url ('")).unwrap();
    foyer_sqlite::apply(&mut conn, &MIGRATIONS[..cuts_urls]).unwrap();
    let secret = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    notification_with_error(&conn, &format!("error sending request for url ({secret}): connection refused"));
    notification_with_error(&conn, &format!("HTTP status server error (500) for url ({secret})"));
    notification_with_error(
        &conn,
        &format!("a for url ({secret}) then b for url ({secret}) then c for url ({secret})"),
    );
    notification_with_error(&conn, &format!("timed out for url ({secret}"));
    notification_with_error(&conn, "smtp: 550 no such mailbox");
    migrate(&mut conn).unwrap();
    let errors: Vec<String> = conn
        .prepare("SELECT last_error FROM notifications ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        errors,
        [
            "error sending request: connection refused",
            "HTTP status server error (500)",
            "a then b then c",
            "timed out",
            "smtp: 550 no such mailbox",
        ]
    );
}

#[test]
fn agreements_published_before_languages_are_the_site_default_and_numbering_goes_on() {
    let mut conn = Connection::open_in_memory().unwrap();
    let adds_language = MIGRATIONS.iter().position(|m| m.contains("agreements ADD COLUMN language")).unwrap();
    foyer_sqlite::apply(&mut conn, &MIGRATIONS[..adds_language]).unwrap();
    conn.execute_batch(
        "UPDATE sync_clock SET version = 8 WHERE id = 1;
         INSERT INTO agreements (version, text, created_at, sync_version) VALUES (1, 'Be kind.', 5, 3), (2, 'Be kinder.', 6, 7);",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let rows: Vec<(i64, String, Option<String>)> = conn
        .prepare("SELECT version, text, language FROM agreements ORDER BY version")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows, [(1, "Be kind.".into(), None), (2, "Be kinder.".into(), None)]);
    let current = super::agreements_admin::current(&conn).unwrap().unwrap();
    assert_eq!((current.version, current.text.as_str()), (2, "Be kinder."));
    let de = super::agreements_admin::publish_agreement(&conn, "Seien Sie nett.", Some(foyer_domain::Language::De));
    assert_eq!(de.unwrap(), 3);
    let sync = super::sync::changes_since(&mut conn, 0).unwrap();
    let sent: Vec<_> = sync.agreements.iter().map(|a| (a.version, a.language.as_deref())).collect();
    assert_eq!(sent, [(2, None), (3, Some("de"))]);
    assert_eq!(sync.agreement.map(|a| a.version), Some(2));
}
