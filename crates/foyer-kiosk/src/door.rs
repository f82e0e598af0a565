//! Releasing the door. Every opening names its reason and is audited; the
//! relay itself bounds the pulse (1–30 s) and switches off after it.

use serde::Serialize;

use super::{Actor, DeviceRecord, Kiosk};
use foyer_domain::events::KioskEvent;
use foyer_domain::DoorReason;

/// What happened at the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DoorOutcome {
    Released {
        seconds: u64,
    },
    /// The relay did not take the command; the door stayed locked.
    Failed {
        problem: String,
    },
    /// The door was not to be opened (no badge, flagged visitor …).
    KeptClosed,
}

impl Kiosk {
    /// Pulses the door relay for the configured time and records why.
    pub fn release_door(&self, reason: DoorReason, actor: &Actor) -> DoorOutcome {
        let (outcome, record) = self.pulse_door(reason, actor);
        self.record(actor, record);
        outcome
    }

    /// Pulses the door relay; says what to record about it.
    pub(crate) fn pulse_door(&self, reason: DoorReason, actor: &Actor) -> (DoorOutcome, DeviceRecord) {
        let pulse = self.settings().pulse;
        let visit_id = match &reason {
            DoorReason::CheckIn { visit_id } => Some(*visit_id),
            _ => None,
        };
        match self.relay().pulse(pulse) {
            Ok(()) => (
                DoorOutcome::Released { seconds: pulse.secs() },
                DeviceRecord {
                    action: "door.released",
                    event: KioskEvent::DoorReleased {
                        visit_id,
                        reason: reason.as_str().to_owned(),
                        by: self.actor(actor),
                        seconds: pulse.secs(),
                    },
                    detail: serde_json::json!({ "reason": reason, "seconds": pulse.secs() }),
                },
            ),
            Err(e) => {
                let problem = e.to_string();
                tracing::error!(%problem, "door relay failed");
                let record = DeviceRecord {
                    action: "door.failed",
                    event: KioskEvent::DeviceAlarm { device: self.relay().describe(), message: problem.clone() },
                    detail: serde_json::json!({ "reason": reason, "problem": problem }),
                };
                (DoorOutcome::Failed { problem }, record)
            }
        }
    }
}
