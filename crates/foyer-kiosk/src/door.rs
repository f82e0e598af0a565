//! Releasing the door. Every opening names its reason and is audited; the
//! relay itself bounds the pulse (1–30 s) and switches off after it.
//!
//! The release is recorded before the relay is pulsed, so the door never
//! opens unrecorded: when the record cannot be written (a full disk), the
//! door stays locked and reception lets the visitor in. A relay that then
//! refuses the pulse gets a second record, `door.failed`, after the first.

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
    /// The relay did not take the command, or the release could not be
    /// recorded; the door stayed locked.
    Failed {
        problem: String,
    },
    /// The door was not to be opened (no badge, flagged visitor …).
    KeptClosed,
}

impl Kiosk {
    /// Records the release, then pulses the door relay for the configured time.
    pub fn release_door(&self, reason: DoorReason, actor: &Actor) -> DoorOutcome {
        let record = self.release_record(&reason, actor);
        self.release_after(&[record], reason, actor)
    }

    /// Writes `records` (ending with the release's own), and only if they are
    /// on record pulses the relay. Records written with the release, e.g. the
    /// badge that was just printed, share its transaction.
    pub(crate) fn release_after(&self, records: &[DeviceRecord], reason: DoorReason, actor: &Actor) -> DoorOutcome {
        if self.is_closing() {
            self.record_all(actor, &records[..records.len() - 1]);
            return DoorOutcome::Failed { problem: "not released: the kiosk is stopping".to_owned() };
        }
        if let Err(e) = self.try_record_all(actor, records) {
            let e = self.in_data_dir(e);
            tracing::error!(error = %e, reason = reason.as_str(), "the door stays locked: its release cannot be recorded");
            return DoorOutcome::Failed { problem: format!("not released, it could not be recorded: {e}") };
        }
        let pulse = self.settings().pulse;
        match self.relay().pulse(pulse) {
            Ok(()) => DoorOutcome::Released { seconds: pulse.secs() },
            Err(e) => {
                let problem = e.to_string();
                tracing::error!(%problem, "door relay failed");
                self.record(
                    actor,
                    DeviceRecord {
                        action: "door.failed",
                        event: KioskEvent::DeviceAlarm { device: self.relay().describe(), message: problem.clone() },
                        detail: serde_json::json!({ "reason": reason, "problem": problem, "released_recorded": true }),
                    },
                );
                DoorOutcome::Failed { problem }
            }
        }
    }

    /// The record of a release about to happen.
    pub(crate) fn release_record(&self, reason: &DoorReason, actor: &Actor) -> DeviceRecord {
        let seconds = self.settings().pulse.secs();
        let visit_id = match reason {
            DoorReason::CheckIn { visit_id } => Some(*visit_id),
            _ => None,
        };
        DeviceRecord {
            action: "door.released",
            event: KioskEvent::DoorReleased {
                visit_id,
                reason: reason.as_str().to_owned(),
                by: self.actor(actor),
                seconds,
            },
            detail: serde_json::json!({ "reason": reason, "seconds": seconds }),
        }
    }
}
