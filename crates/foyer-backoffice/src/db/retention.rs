//! Retention runs: once a visit ended longer ago than the policy's period,
//! its visitor's name, company, email and phone are anonymised everywhere
//! the back office copied them (the visit log, the events, the notification
//! queue, desk commands), and so are past invitations. Visits stay
//! countable: id, kiosk, host, type, state and times are kept.
//!
//! Invitations are anonymised without a sync version: a kiosk that never
//! saw a past invitation must not get it now, and a kiosk keeps its own
//! data under its own retention.

use rusqlite::{named_params, Connection, OptionalExtension};
use serde::Serialize;

use super::{now_unix, DbError};
use foyer_domain::retention::{RetentionPolicy, ANONYMISED};

/// How many records a retention run anonymises (or would, for a dry run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RetentionCount {
    pub visits: u64,
    pub invitations: u64,
    /// Acknowledged desk commands that named a visitor (desk check-ins, and
    /// the kiosk's answers that quote the visitor's name).
    pub commands: u64,
}

/// Visits whose data is due: a departed visit ended when it departed, a
/// denied or cancelled one when its state last changed. Visits still on
/// site or waiting for approval are never due.
const DUE_VISITS: &str = "anonymised_at IS NULL AND (
    (state = 'departed' AND coalesce(departed_at, updated_at) < :cutoff)
    OR (state IN ('denied', 'cancelled') AND updated_at < :cutoff))";

/// Invitations for a day before the cutoff date (ISO dates sort as text).
const DUE_INVITATIONS: &str = "anonymised_at IS NULL AND expected_on < :cutoff_day";

/// Answered commands that carry a visitor's name in their body or answer.
/// One still waiting for its kiosk is kept whole: the kiosk needs it.
const DUE_COMMANDS: &str = "anonymised_at IS NULL AND acked_at < :cutoff
    AND json_extract(body, '$.kind') IN ('check_in', 'approve', 'deny', 'check_out')";

/// The personal fields of an arrival's or a flag's data (a flag nests the
/// visit under `visit`, and its reason quotes the watchlist name, which is
/// the visitor's). json_replace changes only paths that exist, so one
/// expression fits both shapes and adds nothing.
const SCRUB_EVENT: &str = "json_replace(data,
    '$.visitor_name', :marker, '$.company', NULL, '$.email', NULL, '$.phone', NULL,
    '$.visit.visitor_name', :marker, '$.visit.company', NULL, '$.visit.email', NULL, '$.visit.phone', NULL,
    '$.reason', CASE WHEN json_extract(data, '$.reason') IS NULL THEN NULL ELSE :marker END)";

const SCRUB_NOTICE: &str = "json_replace(notice, '$.visitor_name', :marker, '$.company', NULL,
    '$.reason', CASE WHEN json_extract(notice, '$.reason') IS NULL THEN NULL ELSE :marker END)";

/// The stored policy, or the default when none was ever set.
pub fn policy(conn: &Connection) -> Result<RetentionPolicy, DbError> {
    let days: Option<i64> = conn
        .query_row("SELECT anonymise_after_days FROM retention_policy WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    let Some(days) = days else { return Ok(RetentionPolicy::default()) };
    u32::try_from(days)
        .ok()
        .and_then(|d| RetentionPolicy::new(d).ok())
        .ok_or_else(|| DbError::Corrupt(format!("retention period of {days} days")))
}

/// Stores `policy` as the site's policy. Anonymises nothing: that is [`run`].
pub fn set_policy(conn: &Connection, policy: RetentionPolicy) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO retention_policy (id, anonymise_after_days, updated_at) VALUES (1, :days, :now)
         ON CONFLICT(id) DO UPDATE SET anonymise_after_days = excluded.anonymise_after_days,
           updated_at = excluded.updated_at",
        named_params! { ":days": policy.anonymise_after_days(), ":now": now_unix() },
    )?;
    Ok(())
}

/// How many records [`run`] with `policy` would anonymise at `now` (unix
/// seconds); changes nothing. Uses the same tests as the run.
pub fn dry_run(conn: &Connection, policy: RetentionPolicy, now: i64) -> Result<RetentionCount, DbError> {
    let (cutoff, cutoff_day) = (policy.cutoff(now), policy.cutoff_date(now).to_string());
    let count = |table: &str, due: &str, params: &[(&str, &dyn rusqlite::ToSql)]| -> Result<u64, DbError> {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table} WHERE {due}"), params, |r| r.get(0))?;
        Ok(n as u64)
    };
    Ok(RetentionCount {
        visits: count("visits", DUE_VISITS, named_params! { ":cutoff": cutoff })?,
        invitations: count("invitations", DUE_INVITATIONS, named_params! { ":cutoff_day": cutoff_day })?,
        commands: count("commands", DUE_COMMANDS, named_params! { ":cutoff": cutoff })?,
    })
}

/// Anonymises, in one transaction, everything `policy` says is due at `now`
/// (unix seconds), and returns how much. Running it again anonymises nothing
/// more until more visits fall due.
pub fn run(conn: &mut Connection, policy: RetentionPolicy, now: i64) -> Result<RetentionCount, DbError> {
    let (cutoff, cutoff_day) = (policy.cutoff(now), policy.cutoff_date(now).to_string());
    let tx = conn.transaction()?;
    // The copies first: they find their visits by the due test, which
    // anonymising the visits then makes false.
    let copies = named_params! { ":cutoff": cutoff, ":marker": ANONYMISED };
    tx.execute(
        &format!(
            "UPDATE events SET data = {SCRUB_EVENT} WHERE type IN ('visit.arrived', 'visit.flagged')
             AND visit_id IN (SELECT id FROM visits WHERE {DUE_VISITS})"
        ),
        copies,
    )?;
    tx.execute(
        &format!(
            "UPDATE notifications SET notice = {SCRUB_NOTICE}
             WHERE visit_id IN (SELECT id FROM visits WHERE {DUE_VISITS})"
        ),
        copies,
    )?;
    let visits = tx.execute(
        &format!(
            "UPDATE visits SET visitor_name = :marker, company = NULL, email = NULL, phone = NULL,
             flag_reason = CASE WHEN flag_reason IS NULL THEN NULL ELSE :marker END, anonymised_at = :now
             WHERE {DUE_VISITS}"
        ),
        named_params! { ":cutoff": cutoff, ":marker": ANONYMISED, ":now": now },
    )?;
    let invitations = tx.execute(
        &format!(
            "UPDATE invitations SET visitor_name = :marker, company = NULL, email = NULL, anonymised_at = :now
             WHERE {DUE_INVITATIONS}"
        ),
        named_params! { ":cutoff_day": cutoff_day, ":marker": ANONYMISED, ":now": now },
    )?;
    let commands = tx.execute(
        &format!(
            "UPDATE commands SET body = json_replace(body, '$.name', :marker, '$.company', NULL, '$.email', NULL,
               '$.phone', NULL),
             message = CASE WHEN message IS NULL THEN NULL ELSE :marker END, anonymised_at = :now
             WHERE {DUE_COMMANDS}"
        ),
        named_params! { ":cutoff": cutoff, ":marker": ANONYMISED, ":now": now },
    )?;
    tx.commit()?;
    Ok(RetentionCount { visits: visits as u64, invitations: invitations as u64, commands: commands as u64 })
}

#[cfg(test)]
#[path = "retention_tests.rs"]
mod tests;
