//! Events the kiosk reports to the back office, as they cross the wire.
//! The kiosk writes them to its outbox; the back office reads the same types.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::VisitorType;

/// A visit as the back office needs it to notify the host and log it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSummary {
    pub visit_id: Uuid,
    pub visitor_name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub host_id: i64,
    pub host_name: String,
    pub visitor_type: VisitorType,
    /// Unix seconds.
    pub arrived_at: i64,
    pub kiosk: String,
    /// The agreement version the visitor accepted, if any.
    pub agreement_version: Option<i64>,
    /// The invitation code the visitor checked in with, if any.
    pub invitation: Option<String>,
}

/// One kiosk event. Serialised as `{"type": "visit.arrived", "data": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum KioskEvent {
    #[serde(rename = "visit.arrived")]
    VisitArrived(VisitSummary),
    /// Screening flagged the visitor; reception must approve or deny.
    #[serde(rename = "visit.flagged")]
    VisitFlagged { visit: VisitSummary, reason: String },
    #[serde(rename = "visit.approved")]
    VisitApproved { visit_id: Uuid, by: String },
    #[serde(rename = "visit.denied")]
    VisitDenied { visit_id: Uuid, by: String },
    #[serde(rename = "visit.departed")]
    VisitDeparted { visit_id: Uuid, departed_at: i64, by: String },
    #[serde(rename = "badge.printed")]
    BadgePrinted { visit_id: Uuid, bytes: usize, reprint: bool },
    #[serde(rename = "printer.fault")]
    PrinterFault { visit_id: Option<Uuid>, problem: String },
    #[serde(rename = "door.released")]
    DoorReleased { visit_id: Option<Uuid>, reason: String, by: String, seconds: u64 },
    #[serde(rename = "device.alarm")]
    DeviceAlarm { device: String, message: String },
}

impl KioskEvent {
    /// The `type` string of this event.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::VisitArrived(_) => "visit.arrived",
            Self::VisitFlagged { .. } => "visit.flagged",
            Self::VisitApproved { .. } => "visit.approved",
            Self::VisitDenied { .. } => "visit.denied",
            Self::VisitDeparted { .. } => "visit.departed",
            Self::BadgePrinted { .. } => "badge.printed",
            Self::PrinterFault { .. } => "printer.fault",
            Self::DoorReleased { .. } => "door.released",
            Self::DeviceAlarm { .. } => "device.alarm",
        }
    }

    /// The visit this event is about, if any.
    pub fn visit_id(&self) -> Option<Uuid> {
        match self {
            Self::VisitArrived(v) | Self::VisitFlagged { visit: v, .. } => Some(v.visit_id),
            Self::VisitApproved { visit_id, .. }
            | Self::VisitDenied { visit_id, .. }
            | Self::VisitDeparted { visit_id, .. }
            | Self::BadgePrinted { visit_id, .. } => Some(*visit_id),
            Self::PrinterFault { visit_id, .. } | Self::DoorReleased { visit_id, .. } => *visit_id,
            Self::DeviceAlarm { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_serialises_with_its_type_and_reads_back() {
        let e = KioskEvent::VisitDenied { visit_id: Uuid::nil(), by: "desk:ana".into() };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["type"], "visit.denied");
        assert_eq!(json["data"]["by"], "desk:ana");
        assert_eq!(serde_json::from_value::<KioskEvent>(json).unwrap(), e);
    }

    #[test]
    fn an_unknown_type_does_not_parse() {
        let json = serde_json::json!({"type": "visit.teleported", "data": {}});
        assert!(serde_json::from_value::<KioskEvent>(json).is_err());
    }
}
