//! How each kiosk is doing, as the admin console shows it: its token, when
//! it last called, how far behind its outbox is and what its printer last
//! said. One query for all kiosks; each kiosk's newest event and newest
//! printer event are one index step each (see migration 4).

use std::fmt;

use rusqlite::Connection;
use serde::Serialize;

use super::DbError;

/// What a kiosk's printer last reported through its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "state", content = "problem", rename_all = "snake_case")]
pub enum PrinterStatus {
    /// The last printer event was a printed badge.
    Ok,
    /// The last printer event was a fault or a printer alarm: its text.
    Fault(String),
    /// The kiosk never reported a printer event.
    Unknown,
}

impl fmt::Display for PrinterStatus {
    /// `ok`, the problem as the kiosk worded it, or `unknown`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ok => f.write_str("ok"),
            Self::Fault(problem) => f.write_str(problem),
            Self::Unknown => f.write_str("unknown"),
        }
    }
}

/// One kiosk's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct KioskStatus {
    pub name: String,
    /// False once its token was revoked.
    pub active: bool,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    /// The last authenticated call (noted at most once a minute).
    pub last_seen_at: Option<i64>,
    /// When the newest event received from it happened at the kiosk.
    pub last_event_at: Option<i64>,
    /// For that event, the seconds between the kiosk recording it and the
    /// back office receiving it: how far behind its outbox was. Negative
    /// when the kiosk's clock runs ahead. None before its first event.
    pub outbox_lag_seconds: Option<i64>,
    pub printer_status: PrinterStatus,
}

/// Printer-related events. A device alarm counts only when its device names
/// a printer: today only relays raise alarms, and a relay's alarm says
/// nothing about the printer. The type list must match the partial index
/// `events_kiosk_printer` word for word, or SQLite will not use it.
const PRINTER_EVENT: &str = "type IN ('printer.fault', 'badge.printed', 'device.alarm')
    AND (type != 'device.alarm' OR json_extract(data, '$.device') LIKE '%printer%')";

/// Every kiosk, by name, with its state.
pub fn list(conn: &Connection) -> Result<Vec<KioskStatus>, DbError> {
    let mut stmt = conn.prepare_cached(&status_sql())?;
    let rows = stmt.query_map([], |r| {
        let revoked_at: Option<i64> = r.get(2)?;
        Ok(KioskStatus {
            name: r.get(0)?,
            active: revoked_at.is_none(),
            created_at: r.get(1)?,
            revoked_at,
            last_seen_at: r.get(3)?,
            last_event_at: r.get(4)?,
            outbox_lag_seconds: r.get(5)?,
            printer_status: printer_status(r.get::<_, Option<String>>(6)?.as_deref(), r.get(7)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn status_sql() -> String {
    format!(
        "SELECT k.name, k.created_at, k.revoked_at, k.last_seen_at, e.occurred_at, e.received_at - e.occurred_at,
           p.type, CASE p.type WHEN 'printer.fault' THEN json_extract(p.data, '$.problem')
                               WHEN 'device.alarm' THEN json_extract(p.data, '$.message') END
         FROM kiosks k
         LEFT JOIN events e ON e.seq = (SELECT max(seq) FROM events WHERE kiosk = k.name)
         LEFT JOIN events p ON p.seq =
           (SELECT seq FROM events WHERE kiosk = k.name AND {PRINTER_EVENT} ORDER BY seq DESC LIMIT 1)
         ORDER BY k.name"
    )
}

fn printer_status(kind: Option<&str>, problem: Option<String>) -> PrinterStatus {
    match kind {
        None => PrinterStatus::Unknown,
        Some("badge.printed") => PrinterStatus::Ok,
        // A fault without words is still a fault.
        Some(_) => PrinterStatus::Fault(problem.filter(|p| !p.trim().is_empty()).unwrap_or_else(|| "fault".into())),
    }
}

#[cfg(test)]
#[path = "kiosk_status_tests.rs"]
mod tests;
