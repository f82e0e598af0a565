//! Schema migrations: append-only, the applied count kept in
//! `PRAGMA user_version`. Never edit a migration that has shipped; add one.

use rusqlite::Connection;

use super::{StoreError, StoreResult};

/// Each entry moves the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the kiosk core.
    r#"
    CREATE TABLE hosts (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        folded_name   TEXT NOT NULL,
        email         TEXT UNIQUE,
        phone         TEXT,
        department    TEXT,
        notify_email  INTEGER NOT NULL DEFAULT 1,
        webhook_url   TEXT,
        active        INTEGER NOT NULL DEFAULT 1,
        updated_at    INTEGER NOT NULL
    );
    CREATE INDEX hosts_folded_name ON hosts(folded_name);

    -- Personal data of visitors lives here only, so retention can
    -- anonymise it without touching the visit record.
    CREATE TABLE visitors (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL,
        company        TEXT,
        email          TEXT,
        phone          TEXT,
        anonymised_at  INTEGER
    );

    CREATE TABLE visits (
        seq               INTEGER PRIMARY KEY,
        id                TEXT NOT NULL UNIQUE,
        visitor_id        INTEGER NOT NULL REFERENCES visitors(id),
        host_id           INTEGER NOT NULL REFERENCES hosts(id),
        visitor_type      TEXT NOT NULL,
        state             TEXT NOT NULL,
        kiosk             TEXT NOT NULL,
        created_at        INTEGER NOT NULL,
        arrived_at        INTEGER,
        departed_at       INTEGER,
        badge_expires_at  INTEGER,
        flag_reason       TEXT
    );
    CREATE INDEX visits_arrived_at ON visits(arrived_at);
    CREATE INDEX visits_present ON visits(state) WHERE state IN ('on_site', 'pending_approval');

    CREATE TABLE invitations (
        code         TEXT PRIMARY KEY,
        visit_id     TEXT NOT NULL UNIQUE REFERENCES visits(id),
        expected_on  TEXT NOT NULL,
        created_at   INTEGER NOT NULL
    );

    CREATE TABLE agreements (
        version     INTEGER PRIMARY KEY,
        text        TEXT NOT NULL,
        created_at  INTEGER NOT NULL
    );
    CREATE TABLE agreements_accepted (
        visit_id     TEXT NOT NULL REFERENCES visits(id),
        version      INTEGER NOT NULL REFERENCES agreements(version),
        accepted_at  INTEGER NOT NULL,
        PRIMARY KEY (visit_id, version)
    );

    CREATE TABLE watchlist (
        id        INTEGER PRIMARY KEY,
        name      TEXT NOT NULL,
        reason    TEXT NOT NULL,
        added_at  INTEGER NOT NULL
    );

    -- Events for the back office, sent in seq order by the forwarder.
    CREATE TABLE outbox (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id    TEXT NOT NULL UNIQUE,
        event_type  TEXT NOT NULL,
        visit_id    TEXT,
        payload     TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        sent_at     INTEGER
    );
    CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;

    CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        visit_id  TEXT,
        detail    TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    INSERT INTO agreements (version, text, created_at) VALUES (1,
        'Welcome. By checking in you agree to: wear your visitor badge where it can be seen; '
        || 'stay with your host outside public areas; follow the safety instructions of staff and signs; '
        || 'keep confidential anything you see or hear that is not public; '
        || 'return your badge and check out when you leave. '
        || 'Your name, company and visit times are recorded for site security and kept only as long as the site''s retention policy allows.',
        0);
    "#,
    // 2: the link to the back office: synced watchlist entries keep the
    // back office's id, the sync cursor, and the ledger of desk commands
    // (so each runs once even when its acknowledgement is lost).
    r#"
    ALTER TABLE watchlist ADD COLUMN remote_id INTEGER;
    CREATE UNIQUE INDEX watchlist_remote_id ON watchlist(remote_id);

    CREATE TABLE link_state (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );

    CREATE TABLE link_commands (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL,
        started_at   INTEGER NOT NULL,
        finished_at  INTEGER,
        ok           INTEGER,
        message      TEXT,
        acked_at     INTEGER
    );
    "#,
    // 3: events the back office refuses are held back (quarantined) in the
    // outbox instead of blocking every later one; the row stays, so nothing
    // is lost and `foyer outbox retry` can send it again.
    r#"
    ALTER TABLE outbox ADD COLUMN quarantined_at INTEGER;
    ALTER TABLE outbox ADD COLUMN quarantine_reason TEXT;
    -- What the forwarder reads every idle poll: held rows must not be
    -- scanned again and again.
    CREATE INDEX outbox_ready ON outbox(seq) WHERE sent_at IS NULL AND quarantined_at IS NULL;
    "#,
    // 4: fewer B-trees written per check-in (every one is a 4 KiB WAL frame
    // per commit, which the kiosk's SD card pays in time and wear):
    // - AUTOINCREMENT on outbox and audit_log wrote sqlite_sequence on every
    //   insert; neither table ever deletes a row (the audit log forbids it,
    //   nothing deletes from the outbox), so the plain rowid (largest + 1)
    //   already never goes back;
    // - the UNIQUE index on outbox.event_id guarded random v4 UUIDs that
    //   nothing looks up (the back office deduplicates on its side);
    // - outbox_unsent indexed every new event; the held ones, the only
    //   unsent rows outbox_ready leaves out, get an index that new events
    //   never enter.
    // Tables are rebuilt (SQLite cannot drop AUTOINCREMENT or a column
    // constraint in place) keeping every row and its seq.
    r#"
    CREATE TABLE outbox_v4 (
        seq                INTEGER PRIMARY KEY,
        event_id           TEXT NOT NULL,
        event_type         TEXT NOT NULL,
        visit_id           TEXT,
        payload            TEXT NOT NULL,
        created_at         INTEGER NOT NULL,
        sent_at            INTEGER,
        quarantined_at     INTEGER,
        quarantine_reason  TEXT
    );
    INSERT INTO outbox_v4 (seq, event_id, event_type, visit_id, payload, created_at, sent_at, quarantined_at, quarantine_reason)
        SELECT seq, event_id, event_type, visit_id, payload, created_at, sent_at, quarantined_at, quarantine_reason
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v4 RENAME TO outbox;
    CREATE INDEX outbox_ready ON outbox(seq) WHERE sent_at IS NULL AND quarantined_at IS NULL;
    CREATE INDEX outbox_held ON outbox(seq) WHERE sent_at IS NULL AND quarantined_at IS NOT NULL;

    CREATE TABLE audit_log_v4 (
        seq       INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        visit_id  TEXT,
        detail    TEXT NOT NULL DEFAULT '{}'
    );
    INSERT INTO audit_log_v4 (seq, at, actor, action, visit_id, detail)
        SELECT seq, at, actor, action, visit_id, detail FROM audit_log;
    -- Dropping the table drops its append-only triggers with it (a DROP
    -- fires no DELETE trigger); they are made again on the new table.
    DROP TABLE audit_log;
    ALTER TABLE audit_log_v4 RENAME TO audit_log;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
    // 5: agreement versions have a language (`en`, `de` …; NULL is the
    // site's default, which every version before this one was). The sync
    // cursor is forgotten once, so the next sync brings the versions in
    // other languages the back office published while this kiosk could
    // not keep them; the rest of that full sync is written as it stands.
    r#"
    ALTER TABLE agreements ADD COLUMN language TEXT;
    DELETE FROM link_state WHERE key = 'sync_version';
    "#,
    // 6: a visit keeps the language its visitor chose on the screen, so a
    // reprint is in the language of the first badge. Every visit before
    // this one was printed in English, which the default says.
    r#"
    ALTER TABLE visits ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
    "#,
];

/// The schema version this program writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies the migrations not yet applied, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> StoreResult<()> {
    apply(conn, MIGRATIONS)
}

/// Applies `migrations[user_version..]` (see `foyer_sqlite::apply`).
pub fn apply(conn: &mut Connection, migrations: &[&str]) -> StoreResult<()> {
    foyer_sqlite::apply(conn, migrations).map_err(|e| match e {
        foyer_sqlite::MigrationError::TooNew { found, known } => StoreError::TooNew { found, known },
        foyer_sqlite::MigrationError::Sqlite(e) => StoreError::Sqlite(e),
    })
}

#[cfg(test)]
#[path = "migrations_tests.rs"]
mod tests;
