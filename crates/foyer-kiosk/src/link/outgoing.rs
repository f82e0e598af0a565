//! An outbox row as the kiosk sends it: the JSON of `WireEvent`, built from
//! the stored type and data without parsing them into a `KioskEvent` first.
//! The back office judges what it accepts. A kiosk newer than its back
//! office sends types the back office does not know yet; the back office
//! refuses them (422) and the forwarder holds them back, where a kiosk that
//! checked first would fail before sending anything, every time.

use serde::Serialize;
use uuid::Uuid;

use crate::store::outbox::OutboxEvent;

/// One event of a `POST /api/v1/events` body.
#[derive(Debug, Serialize)]
pub struct OutgoingEvent<'a> {
    pub event_id: Uuid,
    pub occurred_at: i64,
    #[serde(rename = "type")]
    pub event_type: &'a str,
    pub data: &'a serde_json::Value,
}

impl<'a> From<&'a OutboxEvent> for OutgoingEvent<'a> {
    fn from(row: &'a OutboxEvent) -> Self {
        Self { event_id: row.event_id, occurred_at: row.occurred_at, event_type: &row.event_type, data: &row.data }
    }
}

/// The body of `POST /api/v1/events`.
#[derive(Debug, Serialize)]
pub struct OutgoingBatch<'a> {
    pub events: Vec<OutgoingEvent<'a>>,
}

impl<'a> OutgoingBatch<'a> {
    /// The body carrying these rows, in their order.
    pub fn of(rows: &'a [OutboxEvent]) -> Self {
        Self { events: rows.iter().map(OutgoingEvent::from).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{outbox, Store};
    use foyer_domain::events::KioskEvent;
    use foyer_wire::WireEvent;

    #[test]
    fn a_stored_event_goes_out_exactly_as_the_back_office_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("k.db")).unwrap();
        let event = KioskEvent::DoorReleased {
            visit_id: Some(Uuid::new_v4()),
            reason: "staff pin".into(),
            by: "staff@lobby".into(),
            seconds: 5,
        };
        outbox::push(store.conn(), &event).unwrap();
        let row = outbox::pending(store.conn(), 1).unwrap().remove(0);
        let sent = serde_json::to_value(OutgoingEvent::from(&row)).unwrap();
        let wire = WireEvent { event_id: row.event_id, occurred_at: row.occurred_at, event };
        assert_eq!(sent, serde_json::to_value(&wire).unwrap());
        assert_eq!(serde_json::from_value::<WireEvent>(sent).unwrap(), wire);
    }

    #[test]
    fn a_type_this_kiosk_cannot_parse_is_still_sent_as_stored() {
        let row = OutboxEvent {
            seq: 7,
            event_id: Uuid::nil(),
            event_type: "visit.teleported".into(),
            occurred_at: 1,
            data: serde_json::json!({ "to": "mars" }),
        };
        let json = serde_json::to_value(OutgoingBatch::of(std::slice::from_ref(&row))).unwrap();
        assert_eq!(json["events"][0]["type"], "visit.teleported");
        assert_eq!(json["events"][0]["data"]["to"], "mars");
        assert!(json["events"][0].get("seq").is_none(), "the kiosk's seq stays on the kiosk");
    }
}
