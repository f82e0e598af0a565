//! One visit as the console's detail page shows it: every column of the
//! visit log row, and a timeline told from the kiosk's events for the visit
//! and from the deliveries of its notifications.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::visit_row::{visit_row_columns, VisitRow};
use super::DbError;

/// A visit with its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VisitDetail {
    #[serde(flatten)]
    pub visit: VisitRow,
    /// The invitation code the visitor checked in with.
    pub invitation: Option<String>,
    /// Why screening flagged the visitor.
    pub flag_reason: Option<String>,
    pub updated_at: i64,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
}

impl std::ops::Deref for VisitDetail {
    type Target = VisitRow;

    fn deref(&self) -> &VisitRow {
        &self.visit
    }
}

const DETAIL: &str = concat!(
    "SELECT ",
    visit_row_columns!(),
    ", v.invitation, v.flag_reason, v.updated_at FROM visits v WHERE v.id = ?1"
);

fn from_row(r: &Row<'_>) -> rusqlite::Result<VisitDetail> {
    let at = VisitRow::WIDTH;
    Ok(VisitDetail {
        visit: VisitRow::from_row(r)?,
        invitation: r.get(at)?,
        flag_reason: r.get(at + 1)?,
        updated_at: r.get(at + 2)?,
        timeline: Vec::new(),
    })
}

/// One thing that happened to a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TimelineEntry {
    /// Unix seconds.
    pub at: i64,
    /// `arrived`, `badge printed`, `host notified by email` …
    pub what: String,
    /// Who did it, when someone did (`desk:ana`).
    pub by: Option<String>,
    /// The reason, problem or place, when there is one.
    pub detail: Option<String>,
}

/// The visit `visit_id`, or `None` when the log has no such visit.
pub fn detail(conn: &Connection, visit_id: Uuid) -> Result<Option<VisitDetail>, DbError> {
    let id = visit_id.to_string();
    let Some(mut visit) = conn.prepare_cached(DETAIL)?.query_row([&id], from_row).optional()? else {
        return Ok(None);
    };
    let mut events = conn.prepare_cached(
        "SELECT type, occurred_at, kiosk, data FROM events WHERE visit_id = ?1 ORDER BY occurred_at, seq",
    )?;
    let mut timeline = events
        .query_map([&id], |r| Ok(event_entry(&r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, &r.get::<_, String>(3)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut deliveries = conn.prepare_cached(
        "SELECT channel, status, sent_at, next_attempt_at, last_error FROM notifications
         WHERE visit_id = ?1 AND status IN ('sent', 'failed') ORDER BY id",
    )?;
    let notified = deliveries.query_map([&id], |r| {
        Ok(delivery_entry(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    timeline.extend(notified.collect::<Result<Vec<_>, _>>()?);
    // Stable: at the same second, an event keeps its place before the
    // notification it caused.
    timeline.sort_by_key(|e| e.at);
    visit.timeline = timeline;
    Ok(Some(visit))
}

/// A kiosk event in words. The payload is read leniently: a field missing
/// from an old kiosk's event loses its detail, not the whole page.
fn event_entry(kind: &str, occurred_at: i64, kiosk: String, data: &str) -> TimelineEntry {
    let data: Value = serde_json::from_str(data).unwrap_or(Value::Null);
    let text = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut entry = TimelineEntry { at: occurred_at, what: kind.to_owned(), by: text("by"), detail: None };
    match kind {
        "visit.arrived" => (entry.what, entry.detail) = ("arrived".into(), Some(format!("at {kiosk}"))),
        "visit.flagged" => (entry.what, entry.detail) = ("flagged".into(), text("reason")),
        "visit.approved" => entry.what = "approved".into(),
        "visit.denied" => entry.what = "denied".into(),
        "visit.departed" => {
            entry.what = "departed".into();
            // The end-of-day check-out records when the visitor left.
            entry.at = data.get("departed_at").and_then(Value::as_i64).unwrap_or(occurred_at);
        }
        "badge.printed" if data.get("reprint").and_then(Value::as_bool) == Some(true) => {
            entry.what = "badge reprinted".into()
        }
        "badge.printed" => entry.what = "badge printed".into(),
        "printer.fault" => (entry.what, entry.detail) = ("printer fault".into(), text("problem")),
        "door.released" => (entry.what, entry.detail) = ("door released".into(), text("reason")),
        _ => {}
    }
    entry
}

/// A finished delivery. A failure has no time of its own: the time its
/// last attempt was due stands for it. Where a notice went (an address, a
/// webhook URL holding a token) stays out of the page.
fn delivery_entry(
    channel: &str,
    status: &str,
    sent_at_ms: Option<i64>,
    due_ms: i64,
    error: Option<String>,
) -> TimelineEntry {
    let who = if channel == "reception" { "reception" } else { "host" };
    let (at_ms, what, detail) = match status {
        "sent" if who == "host" => (sent_at_ms.unwrap_or(due_ms), format!("host notified by {channel}"), None),
        "sent" => (sent_at_ms.unwrap_or(due_ms), "reception notified".to_owned(), None),
        _ => {
            let error = error.unwrap_or_else(|| "unknown error".into());
            (due_ms, format!("{who} notification failed: {error}"), Some(channel.to_owned()))
        }
    };
    TimelineEntry { at: at_ms.div_euclid(1_000), what, by: None, detail }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{ingest, notifications, Db};
    use crate::notify::plan::Routing;
    use foyer_domain::events::{KioskEvent, VisitSummary};
    use foyer_domain::VisitorType;
    use foyer_wire::WireEvent;

    const T: i64 = 1_717_147_800;

    fn at(offset: i64, event: KioskEvent) -> WireEvent {
        WireEvent { event_id: Uuid::new_v4(), occurred_at: T + offset, event }
    }

    #[test]
    fn the_timeline_tells_events_and_finished_deliveries_in_time_order() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bo.db")).unwrap();
        let id = Uuid::new_v4();
        let visit = VisitSummary {
            visit_id: id,
            visitor_name: "Ada".into(),
            company: None,
            email: None,
            phone: None,
            host_id: 7,
            host_name: "Grace".into(),
            visitor_type: VisitorType::Contractor,
            arrived_at: T,
            kiosk: "lobby-1".into(),
            agreement_version: Some(3),
            invitation: None,
        };
        // Out of order, as a kiosk catching up after an outage may send them.
        let events = [
            at(600, KioskEvent::BadgePrinted { visit_id: id, bytes: 9, reprint: true }),
            at(0, KioskEvent::VisitFlagged { visit, reason: "watchlist".into() }),
            at(60, KioskEvent::VisitApproved { visit_id: id, by: "desk:ana".into() }),
            at(61, KioskEvent::BadgePrinted { visit_id: id, bytes: 9, reprint: false }),
            at(62, KioskEvent::PrinterFault { visit_id: Some(id), problem: "paper out".into() }),
            at(
                90,
                KioskEvent::DoorReleased {
                    visit_id: Some(id),
                    reason: "badge".into(),
                    by: "desk:ana".into(),
                    seconds: 5,
                },
            ),
            at(900, KioskEvent::VisitDeparted { visit_id: id, departed_at: T + 3_600, by: "end of day".into() }),
        ];
        let routing = Routing { email_enabled: true, reception: Some("desk@example.org".into()) };
        let timeline = db
            .with(|c| {
                c.execute("INSERT INTO hosts (id, name, folded_name, email, version) VALUES (7, 'Grace', 'grace', 'g@x.org', 1)", [])?;
                ingest::apply_batch(c, "lobby-1", &events, &routing, (T + 901) * 1_000)?;
                // Reception's notice of the flag fails; the host's email goes.
                let due = notifications::claim_due(c, (T + 901) * 1_000, 10)?;
                assert_eq!(due.iter().map(|d| d.channel.as_str()).collect::<Vec<_>>(), ["reception", "email"]);
                notifications::mark_failed(c, due[0].id, "smtp 550", None, (T + 903) * 1_000)?;
                notifications::mark_sent(c, due[1].id, (T + 905) * 1_000)?;
                assert_eq!(detail(c, Uuid::new_v4())?, None, "a visit not in the log");
                Ok(detail(c, id)?.unwrap())
            })
            .unwrap();
        assert_eq!((timeline.state.as_str(), timeline.agreement_version), ("departed", Some(3)));
        assert_eq!(timeline.flag_reason.as_deref(), Some("watchlist"));
        let told: Vec<_> = timeline
            .timeline
            .iter()
            .map(|e| (e.at - T, e.what.as_str(), e.by.as_deref(), e.detail.as_deref()))
            .collect();
        assert_eq!(
            told,
            [
                (0, "flagged", None, Some("watchlist")),
                (60, "approved", Some("desk:ana"), None),
                (61, "badge printed", None, None),
                (62, "printer fault", None, Some("paper out")),
                (90, "door released", Some("desk:ana"), Some("badge")),
                (600, "badge reprinted", None, None),
                (901, "reception notification failed: smtp 550", None, Some("reception")),
                (905, "host notified by email", None, None),
                (3_600, "departed", Some("end of day"), None),
            ]
        );
        let arrived = event_entry("visit.arrived", T, "lobby-2".into(), "{}");
        assert_eq!((arrived.what.as_str(), arrived.detail.as_deref()), ("arrived", Some("at lobby-2")));
    }
}
