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
    foyer_sqlite::apply(&mut conn, &MIGRATIONS[..MIGRATIONS.len() - 1]).unwrap();
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
