//! The back-office schema: append-only migrations counted in
//! `PRAGMA user_version`. Never edit a shipped migration; add one.

use rusqlite::Connection;

use super::DbError;

pub(super) const MIGRATIONS: &[&str] = &[
    // 1: kiosks, the event log, the visit log, the directory, commands and
    // the notification queue.
    r#"
    CREATE TABLE kiosks (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        -- SHA-256 of the bearer token; the token itself is never stored.
        token_hash    TEXT NOT NULL UNIQUE,
        created_at    INTEGER NOT NULL,
        revoked_at    INTEGER,
        last_seen_at  INTEGER
    );

    CREATE TABLE events (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT NOT NULL UNIQUE,
        kiosk        TEXT NOT NULL,
        type         TEXT NOT NULL,
        visit_id     TEXT,
        occurred_at  INTEGER NOT NULL,
        received_at  INTEGER NOT NULL,
        data         TEXT NOT NULL
    );
    CREATE INDEX events_visit ON events(visit_id);

    CREATE TABLE visits (
        id                 TEXT PRIMARY KEY,
        kiosk              TEXT NOT NULL,
        visitor_name       TEXT NOT NULL,
        company            TEXT,
        email              TEXT,
        phone              TEXT,
        host_id            INTEGER,
        host_name          TEXT NOT NULL,
        visitor_type       TEXT NOT NULL,
        state              TEXT NOT NULL,
        arrived_at         INTEGER,
        departed_at        INTEGER,
        agreement_version  INTEGER,
        invitation         TEXT,
        flag_reason        TEXT,
        updated_at         INTEGER NOT NULL
    );
    CREATE INDEX visits_arrived_at ON visits(arrived_at);

    -- One counter for every directory change, so a kiosk asks "since N".
    CREATE TABLE sync_clock (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
    INSERT INTO sync_clock (id, version) VALUES (1, 0);

    CREATE TABLE hosts (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        folded_name   TEXT NOT NULL,
        email         TEXT UNIQUE,
        phone         TEXT,
        department    TEXT,
        notify_email  INTEGER NOT NULL DEFAULT 1,
        webhook_kind  TEXT,
        webhook_url   TEXT,
        active        INTEGER NOT NULL DEFAULT 1,
        version       INTEGER NOT NULL
    );
    CREATE INDEX hosts_version ON hosts(version);

    CREATE TABLE invitations (
        code          TEXT PRIMARY KEY,
        visit_id      TEXT NOT NULL UNIQUE,
        visitor_name  TEXT NOT NULL,
        company       TEXT,
        email         TEXT,
        host_id       INTEGER NOT NULL REFERENCES hosts(id),
        visitor_type  TEXT NOT NULL,
        expected_on   TEXT NOT NULL,
        cancelled     INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL,
        version       INTEGER NOT NULL
    );
    CREATE INDEX invitations_version ON invitations(version);

    CREATE TABLE watchlist (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL,
        reason   TEXT NOT NULL,
        deleted  INTEGER NOT NULL DEFAULT 0,
        version  INTEGER NOT NULL
    );
    CREATE INDEX watchlist_version ON watchlist(version);

    CREATE TABLE agreements (
        version       INTEGER PRIMARY KEY,
        text          TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        sync_version  INTEGER NOT NULL
    );

    CREATE TABLE commands (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        kiosk       TEXT NOT NULL,
        issued_by   TEXT NOT NULL,
        body        TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        acked_at    INTEGER,
        ok          INTEGER,
        message     TEXT
    );
    CREATE INDEX commands_open ON commands(kiosk, id) WHERE acked_at IS NULL;

    -- One row per channel of one notification; times in milliseconds.
    CREATE TABLE notifications (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id         TEXT NOT NULL,
        visit_id         TEXT,
        host_id          INTEGER,
        channel          TEXT NOT NULL,
        target           TEXT NOT NULL,
        is_fallback      INTEGER NOT NULL DEFAULT 0,
        status           TEXT NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER NOT NULL,
        last_error       TEXT,
        notice           TEXT NOT NULL,
        created_at       INTEGER NOT NULL,
        sent_at          INTEGER
    );
    CREATE INDEX notifications_due ON notifications(next_attempt_at) WHERE status = 'queued';
    CREATE INDEX notifications_visit ON notifications(visit_id);
    CREATE INDEX notifications_event ON notifications(event_id);
    "#,
    // 2: console users, their sessions and API tokens, login throttling,
    // and the append-only audit log of the console.
    r#"
    CREATE TABLE users (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role           TEXT NOT NULL CHECK (role IN ('receptionist', 'admin')),
        -- argon2id PHC string.
        password_hash  TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        disabled_at    INTEGER
    );

    -- The cookie carries a random id; only its SHA-256 is stored.
    CREATE TABLE sessions (
        id_hash       TEXT PRIMARY KEY,
        user_id       INTEGER NOT NULL REFERENCES users(id),
        csrf          TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        last_seen_at  INTEGER NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE api_tokens (
        id            INTEGER PRIMARY KEY,
        user_id       INTEGER NOT NULL REFERENCES users(id),
        label         TEXT NOT NULL,
        token_hash    TEXT NOT NULL UNIQUE,
        created_at    INTEGER NOT NULL,
        revoked_at    INTEGER,
        last_used_at  INTEGER
    );

    -- Failed logins by the name typed (known or not), for rate limiting.
    CREATE TABLE login_failures (
        name  TEXT NOT NULL,
        at    INTEGER NOT NULL
    );
    CREATE INDEX login_failures_name ON login_failures(name, at);

    CREATE TABLE audit (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT,
        detail  TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_action ON audit(action, seq);
    CREATE INDEX audit_actor ON audit(actor, seq);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    -- The lobby's lists (on site, pending, recent departures) by state.
    CREATE INDEX visits_state_departed ON visits(state, departed_at);
    "#,
    // 3: retention policy (one row; absent means the default), when each
    // visit, invitation and desk command was anonymised, and indexes for
    // the retention run and the kiosk status page. Touches only its own
    // table, columns and indexes, so it applies after any other migration.
    r#"
    CREATE TABLE retention_policy (
        id                    INTEGER PRIMARY KEY CHECK (id = 1),
        anonymise_after_days  INTEGER NOT NULL CHECK (anonymise_after_days BETWEEN 1 AND 3650),
        updated_at            INTEGER NOT NULL
    );
    ALTER TABLE visits ADD COLUMN anonymised_at INTEGER;
    ALTER TABLE invitations ADD COLUMN anonymised_at INTEGER;
    ALTER TABLE commands ADD COLUMN anonymised_at INTEGER;
    -- Only rows not yet anonymised: a run scans the retention window, not
    -- the whole history.
    CREATE INDEX visits_not_anonymised ON visits(state, departed_at) WHERE anonymised_at IS NULL;
    CREATE INDEX invitations_not_anonymised ON invitations(expected_on) WHERE anonymised_at IS NULL;
    -- A kiosk's newest event, and its newest printer-related one, in one
    -- index step each.
    CREATE INDEX events_kiosk ON events(kiosk, seq);
    CREATE INDEX events_kiosk_printer ON events(kiosk, seq)
        WHERE type IN ('printer.fault', 'badge.printed', 'device.alarm');
    "#,
    // 4: visit-log search for the admin console (list, export, reports).
    // The list pages by keyset in three orders, so each order has an index
    // ending in the id tie-break; the state filter gets its own because a
    // rare state (pending approval) would otherwise walk the whole log.
    // Text search is substring search, which no B-tree serves: an FTS5
    // trigram index over the three searched columns answers it from the
    // index. It is external-content (the text stays in `visits` only), kept
    // in sync by triggers and keyed by the visits rowid; rowids survive
    // VACUUM and VACUUM INTO in practice, and should one ever be renumbered,
    // `INSERT INTO visits_text(visits_text) VALUES ('rebuild')` repairs it.
    r#"
    CREATE INDEX visits_arrival_order ON visits(arrived_at, id);
    CREATE INDEX visits_state_arrival ON visits(state, arrived_at, id);
    CREATE INDEX visits_name_order ON visits(visitor_name COLLATE NOCASE, id);

    CREATE VIRTUAL TABLE visits_text USING fts5(
        visitor_name, company, host_name,
        content = 'visits', content_rowid = 'rowid', tokenize = 'trigram'
    );
    CREATE TRIGGER visits_text_insert AFTER INSERT ON visits BEGIN
        INSERT INTO visits_text (rowid, visitor_name, company, host_name)
        VALUES (new.rowid, new.visitor_name, new.company, new.host_name);
    END;
    CREATE TRIGGER visits_text_delete AFTER DELETE ON visits BEGIN
        INSERT INTO visits_text (visits_text, rowid, visitor_name, company, host_name)
        VALUES ('delete', old.rowid, old.visitor_name, old.company, old.host_name);
    END;
    -- Only the searched columns: a state change leaves the index alone.
    CREATE TRIGGER visits_text_update AFTER UPDATE OF visitor_name, company, host_name ON visits BEGIN
        INSERT INTO visits_text (visits_text, rowid, visitor_name, company, host_name)
        VALUES ('delete', old.rowid, old.visitor_name, old.company, old.host_name);
        INSERT INTO visits_text (rowid, visitor_name, company, host_name)
        VALUES (new.rowid, new.visitor_name, new.company, new.host_name);
    END;
    INSERT INTO visits_text (visits_text) VALUES ('rebuild');
    "#,
    // Failed logins are counted by client address as well as by name, so a
    // flood of random names is slowed and the real user, from another
    // address, is not locked out (`login_limit`).
    r#"
    ALTER TABLE login_failures ADD COLUMN addr TEXT NOT NULL DEFAULT '';
    CREATE INDEX login_failures_addr ON login_failures(addr, at);
    "#,
    // Delivery errors used to carry the webhook's URL (reqwest's "… for url
    // (…)"), and Slack and Teams URLs are secrets: cut it from the rows
    // stored before errors were written without it. Three passes cover an
    // error that names the URL more than once.
    r#"
    UPDATE notifications SET last_error = substr(last_error, 1, instr(last_error, ' for url (') - 1) ||
        CASE WHEN instr(substr(last_error, instr(last_error, ' for url (') + 10), ')') > 0
             THEN substr(substr(last_error, instr(last_error, ' for url (') + 10),
                         instr(substr(last_error, instr(last_error, ' for url (') + 10), ')') + 1)
             ELSE '' END
    WHERE instr(last_error, ' for url (') > 0;
    UPDATE notifications SET last_error = substr(last_error, 1, instr(last_error, ' for url (') - 1) ||
        CASE WHEN instr(substr(last_error, instr(last_error, ' for url (') + 10), ')') > 0
             THEN substr(substr(last_error, instr(last_error, ' for url (') + 10),
                         instr(substr(last_error, instr(last_error, ' for url (') + 10), ')') + 1)
             ELSE '' END
    WHERE instr(last_error, ' for url (') > 0;
    UPDATE notifications SET last_error = substr(last_error, 1, instr(last_error, ' for url (') - 1)
    WHERE instr(last_error, ' for url (') > 0;
    "#,
    // Agreement versions have a kiosk language (`en`, `de` …); NULL is the
    // site's default, which every version published before this one was.
    // Versions stay one sequence across languages.
    r#"
    ALTER TABLE agreements ADD COLUMN language TEXT;
    "#,
];

/// Applies the migrations not yet applied (the runner the kiosk store uses too).
pub(super) fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    foyer_sqlite::apply(conn, MIGRATIONS).map_err(|e| match e {
        foyer_sqlite::MigrationError::TooNew { found, known } => DbError::TooNew { found, known },
        foyer_sqlite::MigrationError::Sqlite(e) => DbError::Sqlite(e),
    })
}
