//! Releasing the door. Every opening names its reason and is audited; the
//! relay itself bounds the pulse (1–30 s) and switches off after it.

use serde::Serialize;

use super::{Actor, Kiosk};
use crate::domain::events::KioskEvent;
use crate::domain::DoorReason;

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
        let pulse = self.settings().pulse;
        let visit_id = match &reason {
            DoorReason::CheckIn { visit_id } => Some(*visit_id),
            _ => None,
        };
        let by = self.actor(actor);
        match self.relay().pulse(pulse) {
            Ok(()) => {
                self.record(
                    actor,
                    "door.released",
                    &KioskEvent::DoorReleased {
                        visit_id,
                        reason: reason.as_str().to_owned(),
                        by,
                        seconds: pulse.secs(),
                    },
                    serde_json::json!({ "reason": reason, "seconds": pulse.secs() }),
                );
                DoorOutcome::Released { seconds: pulse.secs() }
            }
            Err(e) => {
                let problem = e.to_string();
                tracing::error!(%problem, "door relay failed");
                self.record(
                    actor,
                    "door.failed",
                    &KioskEvent::DeviceAlarm { device: self.relay().describe(), message: problem.clone() },
                    serde_json::json!({ "reason": reason, "problem": problem }),
                );
                DoorOutcome::Failed { problem }
            }
        }
    }
}
