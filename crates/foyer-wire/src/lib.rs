//! What crosses the wire between a kiosk and the back office, shared by both
//! sides: event batches, the directory sync, desk commands and their acks.

use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;
use utoipa::ToSchema;
use uuid::Uuid;

use foyer_domain::events::KioskEvent;

mod event_schema;
pub mod notifications;
pub use notifications::{Channel, HostNotice, NotificationRow};
pub mod text_rules;
use foyer_domain::VisitorType;

/// The body of every error response of the back office.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
    /// When the back office refuses one event of a batch (422: its shape
    /// or the visit's state; 403: a visit this kiosk may not change): that
    /// event's id, so the kiosk holds back that event and not its token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused_event: Option<Uuid>,
}

impl ErrorBody {
    /// An error with only its message.
    pub fn new(error: impl Into<String>) -> Self {
        Self { error: error.into(), refused_event: None }
    }
}

/// Every `type` a kiosk event can have.
pub const EVENT_TYPES: [&str; 9] = [
    "visit.arrived",
    "visit.flagged",
    "visit.approved",
    "visit.denied",
    "visit.departed",
    "badge.printed",
    "printer.fault",
    "door.released",
    "device.alarm",
];

/// One kiosk event on the wire: `{"event_id", "occurred_at", "type", "data"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireEvent {
    /// Unique per event: a repeated id is acknowledged and not applied again.
    pub event_id: Uuid,
    /// Unix seconds when the kiosk recorded it.
    pub occurred_at: i64,
    #[serde(flatten)]
    pub event: KioskEvent,
}

impl utoipa::PartialSchema for WireEvent {
    fn schema() -> RefOr<Schema> {
        event_schema::wire_event()
    }
}

impl ToSchema for WireEvent {}

/// `POST /api/v1/events`: events in the order the kiosk recorded them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EventBatch {
    pub events: Vec<WireEvent>,
}

/// The answer to a batch: every event is stored (new or seen before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BatchAck {
    /// Events stored and applied now.
    pub accepted: usize,
    /// Events already stored by an earlier send, not applied again.
    pub duplicates: usize,
}

/// A host in the kiosk's directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncHost {
    pub id: i64,
    /// The change version of this row.
    pub version: i64,
    /// A tombstone: the host left the directory.
    pub deleted: bool,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub department: Option<String>,
}

/// An invitation: the kiosk makes it an expected visit with this id and code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncInvitation {
    pub code: String,
    pub visit_id: Uuid,
    pub version: i64,
    /// A tombstone: the invitation was withdrawn.
    pub cancelled: bool,
    pub visitor_name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub host_id: i64,
    #[schema(value_type = String)]
    pub visitor_type: VisitorType,
    /// `YYYY-MM-DD`.
    pub expected_on: String,
}

/// A watchlist entry screened at check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncWatch {
    pub id: i64,
    pub version: i64,
    pub deleted: bool,
    pub name: String,
    pub reason: String,
}

/// One version of the visitor agreement kiosks show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncAgreement {
    /// One increasing number across every language, so a visit's
    /// `agreement_version` names exactly one text.
    pub version: i64,
    pub text: String,
    /// The kiosk language the text is written in (`en`, `de`, `es`, `fr`);
    /// absent for the site's default language, which is also all that
    /// back offices and kiosks older than this field know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// `GET /api/v1/sync?since=N`: what changed after version N.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncResponse {
    /// Ask with `since` = this next time.
    pub version: i64,
    pub hosts: Vec<SyncHost>,
    pub invitations: Vec<SyncInvitation>,
    pub watchlist: Vec<SyncWatch>,
    /// The current agreement in the site's default language, when it
    /// changed after `since` (what kiosks older than `agreements` read).
    pub agreement: Option<SyncAgreement>,
    /// The current version of every language that has one (the default
    /// language's too), each when it changed after `since`. Absent from
    /// back offices older than this field.
    #[serde(default)]
    pub agreements: Vec<SyncAgreement>,
    /// The kiosk the token belongs to, so the kiosk (and `foyer doctor`)
    /// can tell its `kiosk.name` from the name its events must carry.
    /// Absent from back offices older than this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kiosk: Option<String>,
}

/// A walk-in entered at the desk; the kiosk prints the badge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DeskCheckIn {
    #[schema(schema_with = text_rules::visitor_name)]
    pub name: String,
    #[schema(schema_with = text_rules::company)]
    pub company: Option<String>,
    #[schema(schema_with = text_rules::optional_email)]
    pub email: Option<String>,
    #[schema(schema_with = text_rules::optional_phone)]
    pub phone: Option<String>,
    #[schema(minimum = 1)]
    pub host_id: i64,
    #[schema(schema_with = text_rules::visitor_type)]
    pub visitor_type: VisitorType,
    /// The agreement version the visitor accepted at the desk, if any.
    pub agreement_version: Option<i64>,
}

/// What a desk command asks the kiosk to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandKind {
    Reprint { visit_id: Uuid },
    ReleaseDoor,
    CheckIn(DeskCheckIn),
    Approve { visit_id: Uuid },
    Deny { visit_id: Uuid },
    CheckOut { visit_id: Uuid },
    CheckOutEveryone,
}

/// A command for one kiosk, delivered until acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Command {
    pub id: i64,
    /// The desk user who issued it (audited at the kiosk as `desk:<user>`).
    pub issued_by: String,
    pub created_at: i64,
    pub command: CommandKind,
}

/// `GET /api/v1/commands`: unacknowledged commands, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CommandList {
    pub commands: Vec<Command>,
}

/// `POST /api/v1/commands/{id}/ack`: what the kiosk did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CommandAck {
    pub ok: bool,
    /// One line for the desk: what happened, or why not.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_flattens_its_type_and_data_beside_its_id() {
        let e = WireEvent {
            event_id: Uuid::nil(),
            occurred_at: 7,
            event: KioskEvent::DeviceAlarm { device: "relay".into(), message: "gone".into() },
        };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["type"], "device.alarm");
        assert_eq!(json["data"]["device"], "relay");
        assert_eq!(json["occurred_at"], 7);
        assert_eq!(serde_json::from_value::<WireEvent>(json).unwrap(), e);
    }

    #[test]
    fn every_event_kind_is_listed() {
        let id = Uuid::nil();
        let kinds = [
            KioskEvent::VisitApproved { visit_id: id, by: String::new() }.kind(),
            KioskEvent::VisitDenied { visit_id: id, by: String::new() }.kind(),
            KioskEvent::VisitDeparted { visit_id: id, departed_at: 0, by: String::new() }.kind(),
            KioskEvent::BadgePrinted { visit_id: id, bytes: 0, reprint: false }.kind(),
            KioskEvent::PrinterFault { visit_id: None, problem: String::new() }.kind(),
            KioskEvent::DoorReleased { visit_id: None, reason: String::new(), by: String::new(), seconds: 1 }.kind(),
            KioskEvent::DeviceAlarm { device: String::new(), message: String::new() }.kind(),
        ];
        for k in kinds.into_iter().chain(["visit.arrived", "visit.flagged"]) {
            assert!(EVENT_TYPES.contains(&k), "{k} is not in EVENT_TYPES");
        }
    }

    #[test]
    fn a_command_reads_back_with_its_kind() {
        let c = Command { id: 3, issued_by: "ana".into(), created_at: 1, command: CommandKind::ReleaseDoor };
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["command"]["kind"], "release_door");
        assert_eq!(serde_json::from_value::<Command>(json).unwrap(), c);
    }
}
